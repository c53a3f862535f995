/* rapport-backup-dialog.h
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

#include "rapport-application.h"

G_BEGIN_DECLS

/* Backing up the journal to one encrypted file, or restoring one, as a modal window.
 * Back up: a passphrase typed twice (at least RAPPORT_PROFILE_MIN_PASSPHRASE_LENGTH characters,
 * with a word on why it matters: it is the only way into the backup), then the native save dialog,
 * then the backup runs off the main thread with a progress indicator.
 * Restore: a clear confirmation that the current journal will be replaced, the native open dialog,
 * the passphrase, then the restore (the old journal stays until the restored one has opened). A
 * wrong passphrase says so and lets the person try again. Both end with "add-toast". */

typedef enum
{
  RAPPORT_BACKUP_DIALOG_BACK_UP,
  RAPPORT_BACKUP_DIALOG_RESTORE,
} RapportBackupDialogMode;

#define RAPPORT_TYPE_BACKUP_DIALOG (rapport_backup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportBackupDialog, rapport_backup_dialog, RAPPORT, BACKUP_DIALOG, AdwWindow)

RapportBackupDialog *rapport_backup_dialog_new      (RapportApplication      *application,
                                                     GtkWindow               *parent,
                                                     RapportBackupDialogMode  mode);
/* The file to write or read, chosen already (scripts and tests): no file dialog is shown. */
void                 rapport_backup_dialog_set_file (RapportBackupDialog     *self,
                                                     GFile                   *file);

G_END_DECLS
