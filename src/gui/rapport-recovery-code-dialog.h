/* rapport-recovery-code-dialog.h
 *
 * Copyright 2026 The Rapport authors
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the
 * GNU General Public License as published by the Free Software Foundation, either version 3 of the
 * License, or (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without
 * even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
 * General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows the journal's recovery code, explains what it is for, and copies it on request. */

#define RAPPORT_TYPE_RECOVERY_CODE_DIALOG (rapport_recovery_code_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportRecoveryCodeDialog, rapport_recovery_code_dialog,
                      RAPPORT, RECOVERY_CODE_DIALOG, AdwMessageDialog)

/* first_run: the journal was just made, so the heading asks to save the code. */
GtkWidget  *rapport_recovery_code_dialog_new      (GtkWindow                 *parent,
                                                   const char                *code,
                                                   gboolean                   first_run);
const char *rapport_recovery_code_dialog_get_code (RapportRecoveryCodeDialog *self);

/* The code as the dialog shows it, with its Copy button, for other windows that show it. */
GtkWidget  *rapport_recovery_code_dialog_new_code_box (const char *code);

G_END_DECLS
