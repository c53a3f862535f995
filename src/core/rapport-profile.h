/* rapport-profile.h
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

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* A profile is one journal: a folder holding rapport.db, and the key for it in the keyring.
 * It is the only place that decides between "create", "open" and "unlock", so the rule
 * "a missing key never leads to a new database over an existing one" lives here. */

#define RAPPORT_PROFILE_ERROR (rapport_profile_error_quark ())

typedef enum
{
  RAPPORT_PROFILE_ERROR_FAILED,
  RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE, /* keyring absent, locked, item missing or invalid */
  RAPPORT_PROFILE_ERROR_WRONG_KEY,       /* a key was found or typed, but it does not open this file */
  RAPPORT_PROFILE_ERROR_CORRUPT,         /* the file is damaged */
  RAPPORT_PROFILE_ERROR_EXISTS,          /* create refused: a journal or a stored key is already there */
  RAPPORT_PROFILE_ERROR_NO_JOURNAL,      /* open refused: there is no journal yet */
} RapportProfileError;

#define RAPPORT_TYPE_PROFILE (rapport_profile_get_type ())

G_DECLARE_FINAL_TYPE (RapportProfile, rapport_profile, RAPPORT, PROFILE, GObject)

GQuark          rapport_profile_error_quark             (void);

/* data_dir NULL means $XDG_DATA_HOME/rapport. The folder is created 0700 when needed. */
RapportProfile *rapport_profile_new                     (const char           *data_dir);
/* A throwaway profile to try Rapport with: a new, empty folder "rapport-demo-XXXXXX" in the user's
 * runtime folder (else the temporary folder), and a random key kept only in this object's memory.
 * Nothing of it ever reaches the keyring or $XDG_DATA_HOME/rapport: create, open, unlock, restore
 * and the recovery code work as for any profile, with that key. The folder and everything in it is
 * removed by rapport_profile_discard_demo or, at the latest, when the profile is finalized. */
RapportProfile *rapport_profile_new_demo                (GError              **error);
gboolean        rapport_profile_is_demo                 (RapportProfile       *self);
/* Forgets a demo profile's key and removes its folder now (close its store first); the profile
 * opens nothing afterwards. Does nothing for a profile that is not a demo. */
void            rapport_profile_discard_demo            (RapportProfile       *self);
const char     *rapport_profile_get_data_dir            (RapportProfile       *self);
const char     *rapport_profile_get_database_path       (RapportProfile       *self);
gboolean        rapport_profile_has_journal             (RapportProfile       *self);

/* First run: a key into the keyring, then a new database. Refuses (EXISTS) when the file is
 * already there. A key left in the keyring for this path is reused, never replaced, so neither a
 * journal nor the key of one can be lost here. */
RapportStore   *rapport_profile_create                  (RapportProfile       *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* Key from the keyring, then the database. Never creates or modifies the file on failure. */
RapportStore   *rapport_profile_open                    (RapportProfile       *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void            rapport_profile_open_async              (RapportProfile       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
RapportStore   *rapport_profile_open_finish             (RapportProfile       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Parses the code (typos reported by group), opens the database with it, then stores the key in
 * the keyring again. When only that last step fails, the store is returned and *keyring_error
 * (if given) says why, so the person can still work and is told. */
RapportStore   *rapport_profile_unlock_with_recovery_code (RapportProfile     *self,
                                                         const char           *code,
                                                         GError              **keyring_error,
                                                         GError              **error);
/* The recovery code of the open journal; NULL before create/open/unlock succeeded. */
char           *rapport_profile_dup_recovery_code       (RapportProfile       *self);

/* Replaces the journal with an encrypted backup, keyed with this profile's key (a new key is made
 * and stored, as on a first run, when there is neither a journal nor a key). The backup is first
 * written to a new file beside the journal; the old journal is replaced by an atomic rename only
 * once that file has opened and passed the integrity check, so any failure (wrong passphrase,
 * damaged backup, disk full) leaves the old journal exactly as it was. No store may have the
 * journal open. Returns the store on the restored journal. */
RapportStore   *rapport_profile_restore_backup          (RapportProfile       *self,
                                                         const char           *backup_path,
                                                         const char           *passphrase,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* Replaces the journal with the snapshot at snapshot_path (see rapport_snapshot_restore: the
 * snapshot is checked on a copy first, and the journal it replaces is kept as a snapshot), using
 * the key in the keyring, and opens it. Any failure leaves the journal exactly as it was. No store
 * may have the journal open. */
RapportStore   *rapport_profile_restore_snapshot        (RapportProfile       *self,
                                                         const char           *snapshot_path,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* The smallest passphrase length a backup accepts, in characters. */
#define RAPPORT_PROFILE_MIN_PASSPHRASE_LENGTH 8
/* NULL when passphrase is acceptable for a new backup, else why not (translated). */
char           *rapport_profile_check_passphrase        (const char           *passphrase);

G_END_DECLS
