/* rapport-vcard-export-dialog.h
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

#include "rapport-store.h"

G_BEGIN_DECLS

/* Exporting colleagues as a vCard file, as one modal window: who (everyone, the colleagues of one
 * assignment, or people chosen in a list), what (work contact details only, the default, or also
 * interests and notes; journal text is never exported), the vCard version (4.0, or 3.0 for older
 * address books), and a plain statement that the file is not encrypted. Export… opens the native
 * save dialog, writes the file (0600) and emits "add-toast". */

#define RAPPORT_TYPE_VCARD_EXPORT_DIALOG (rapport_vcard_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportVCardExportDialog, rapport_vcard_export_dialog, RAPPORT, VCARD_EXPORT_DIALOG, AdwWindow)

/* assignment_id: preselects that assignment's colleagues (0: everyone). */
RapportVCardExportDialog *rapport_vcard_export_dialog_new       (RapportStore             *store,
                                                                 GtkWindow                *parent,
                                                                 gint64                    assignment_id);
/* Writes the chosen colleagues to path as the dialog is set, without the save dialog (scripts
 * and tests); emits "add-toast" like the button does. */
gboolean                  rapport_vcard_export_dialog_export_to (RapportVCardExportDialog *self,
                                                                 const char               *path,
                                                                 GError                  **error);

G_END_DECLS
