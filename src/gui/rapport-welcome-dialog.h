/* rapport-welcome-dialog.h
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

#include "rapport-profile.h"

G_BEGIN_DECLS

/* The first minute: what Rapport is for, its privacy promise, the new journal's recovery code
 * (confirmed with "I Have Written It Down"), then "Start Your First Assignment", which opens the
 * assignment editor of the window it is transient for (win.add-assignment). Skip, Escape or
 * closing leads to the window as it is; skipped before the code was confirmed, it emits
 * "add-toast" saying where the code is shown again. */

#define RAPPORT_TYPE_WELCOME_DIALOG (rapport_welcome_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportWelcomeDialog, rapport_welcome_dialog,
                      RAPPORT, WELCOME_DIALOG, AdwWindow)

/* Welcome only on a journal that was just created, never on a demo's. */
gboolean              rapport_welcome_dialog_is_wanted (RapportProfile *profile,
                                                        gboolean        journal_created);
RapportWelcomeDialog *rapport_welcome_dialog_new       (GtkWindow      *parent,
                                                        const char     *code);

G_END_DECLS
