/* rapport-database.h
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
#include <sqlite3.h>

G_BEGIN_DECLS

#define RAPPORT_DATABASE_KEY_SIZE 32

#define RAPPORT_DATABASE_ERROR (rapport_database_error_quark ())

typedef enum
{
  RAPPORT_DATABASE_ERROR_FAILED,
  RAPPORT_DATABASE_ERROR_NOT_SQLCIPHER,   /* plain SQLite was loaded: refuse to run */
  RAPPORT_DATABASE_ERROR_NOT_FOUND,       /* opening an existing file that is not there */
  RAPPORT_DATABASE_ERROR_EXISTS,          /* creating a file that is already there */
  RAPPORT_DATABASE_ERROR_WRONG_KEY,       /* SQLITE_NOTADB on the first read: wrong key (or page 1 damaged) */
  RAPPORT_DATABASE_ERROR_CORRUPT,         /* truncated, SQLITE_CORRUPT, failed integrity check */
  RAPPORT_DATABASE_ERROR_NEWER_SCHEMA,    /* made by a newer Rapport */
  RAPPORT_DATABASE_ERROR_FULL,            /* SQLITE_FULL / disk full */
  RAPPORT_DATABASE_ERROR_BUSY,            /* SQLITE_BUSY / SQLITE_LOCKED */
  RAPPORT_DATABASE_ERROR_READ_ONLY,       /* SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN */
  RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE, /* a backup that this passphrase does not open */
} RapportDatabaseError;

typedef enum
{
  RAPPORT_DATABASE_OPEN_EXISTING,         /* the file must exist */
  RAPPORT_DATABASE_OPEN_CREATE,           /* the file must not exist; created 0600 */
  RAPPORT_DATABASE_OPEN_JOURNAL,          /* the person's journal: as EXISTING, and a snapshot
                                           * (rapport-snapshot.h) is taken before migrating it */
} RapportDatabaseOpenMode;

/* One schema step: SQL run inside its own transaction, after which user_version = version. */
typedef struct
{
  guint       version;
  const char *sql;
} RapportMigration;

#define RAPPORT_TYPE_DATABASE (rapport_database_get_type ())

G_DECLARE_FINAL_TYPE (RapportDatabase, rapport_database, RAPPORT, DATABASE, GObject)

GQuark           rapport_database_error_quark           (void);

/* The schema this build of Rapport writes. */
const RapportMigration *rapport_database_get_migrations (guint                   *n_migrations);
guint            rapport_database_get_latest_version    (void);

/* Opens with the app's own migrations. */
RapportDatabase *rapport_database_open                  (const char              *path,
                                                         const guint8            *key,
                                                         RapportDatabaseOpenMode  mode,
                                                         GError                 **error);
/* Same, with the given migrations (tests use this to exercise migrating). */
RapportDatabase *rapport_database_open_with_migrations  (const char              *path,
                                                         const guint8            *key,
                                                         RapportDatabaseOpenMode  mode,
                                                         const RapportMigration  *migrations,
                                                         guint                    n_migrations,
                                                         GError                 **error);

const char      *rapport_database_get_path              (RapportDatabase         *self);
/* The SQLCipher connection, for the store only. */
sqlite3         *rapport_database_get_handle            (RapportDatabase         *self);
guint            rapport_database_get_schema_version    (RapportDatabase         *self);
char            *rapport_database_dup_cipher_version    (RapportDatabase         *self);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. rollback never fails loudly: it is the cleanup path. */
gboolean         rapport_database_begin                 (RapportDatabase         *self,
                                                         GError                 **error);
gboolean         rapport_database_commit                (RapportDatabase         *self,
                                                         GError                 **error);
void             rapport_database_rollback              (RapportDatabase         *self);

gboolean         rapport_database_exec                  (RapportDatabase         *self,
                                                         const char              *sql,
                                                         GError                 **error);
/* Prepared statements are cached by SQL text; reset and unbound before being handed out. */
sqlite3_stmt    *rapport_database_prepare               (RapportDatabase         *self,
                                                         const char              *sql,
                                                         GError                 **error);
/* Turns the connection's last error (rc) into a translated GError in RAPPORT_DATABASE_ERROR. */
void             rapport_database_set_error             (RapportDatabase         *self,
                                                         int                      rc,
                                                         GError                 **error);

/* PRAGMA integrity_check: TRUE when "ok", else RAPPORT_DATABASE_ERROR_CORRUPT. */
gboolean         rapport_database_check_integrity       (RapportDatabase         *self,
                                                         GError                 **error);
/* A second connection to the same file with the same key and settings, for a worker thread (a
 * connection and its statements belong to one thread at a time). */
RapportDatabase *rapport_database_open_another          (RapportDatabase         *self,
                                                         GError                 **error);

/* Encrypted backups: one SQLCipher file keyed by a passphrase through PBKDF2 with
 * RAPPORT_DATABASE_BACKUP_KDF_ITER iterations (set explicitly, so SQLCipher 3 and 4 agree).
 * export_backup writes the whole journal (schema version included) to path through a temporary
 * file next to it, renamed into place only when complete; the file is 0600. Call it on a
 * connection of its own (see open_another) when the main thread must stay free. */
#define RAPPORT_DATABASE_BACKUP_KDF_ITER 640000
gboolean         rapport_database_export_backup         (RapportDatabase         *self,
                                                         const char              *path,
                                                         const char              *passphrase,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);
/* Reads the backup at backup_path with passphrase (WRONG_PASSPHRASE when it does not open it,
 * CORRUPT when it is damaged, NEWER_SCHEMA when a newer Rapport made it) and writes it as a new
 * journal file at path keyed with key (raw, like every journal), migrated to the latest schema and
 * integrity-checked. path must not exist yet (ERROR_EXISTS); on any failure nothing is left at
 * path. */
gboolean         rapport_database_restore_backup        (const char              *backup_path,
                                                         const char              *passphrase,
                                                         const char              *path,
                                                         const guint8            *key,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

/* Closes the connection now (dispose does it too). */
void             rapport_database_close                 (RapportDatabase         *self);

G_END_DECLS
