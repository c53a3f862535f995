/* rapport-import-dialog.h
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

/* Importing contacts from a vCard file, as one modal window: reading the file (progress), the
 * review (every duplicate of someone already in the journal with Add / Merge / Skip, and the same
 * choice for all duplicates at once; new people counted; cards that could not be read listed by
 * number with the reason), then the import itself (progress bar and Cancel; cancelling leaves the
 * journal as it was). At the end it closes and emits "add-toast" with what was imported. */

#define RAPPORT_TYPE_IMPORT_DIALOG (rapport_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, RAPPORT, IMPORT_DIALOG, AdwWindow)

/* file NULL: the dialog starts with the native file chooser (vCard files) and closes if it is
 * dismissed. */
RapportImportDialog *rapport_import_dialog_new   (RapportStore        *store,
                                                  GtkWindow           *parent,
                                                  GFile               *file);
/* Shows the window and starts (the chooser, or reading file). */
void                 rapport_import_dialog_start (RapportImportDialog *self);

G_END_DECLS
