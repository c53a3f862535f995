/* rapport-database.c
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

#define G_LOG_DOMAIN "rapport-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-database.h"

struct _RapportDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* SQL text → sqlite3_stmt, finalized when removed */
  GHashTable *statements;
  guint       schema_version;
};

G_DEFINE_FINAL_TYPE (RapportDatabase, rapport_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-database-error-quark, rapport_database_error)

/* SQLCipher writes whole pages; pinned so 3.4 and 4.x (with cipher_compatibility = 3) agree. */
#define CIPHER_PAGE_SIZE 1024

/* The first schema (DESIGN.md "Data model"). Times are Unix seconds (UTC) plus, for reminders,
 * the IANA zone they were planned in; assignment dates are calendar dates 'YYYY-MM-DD' (or NULL
 * when not known). Link tables cascade; optional references fall back to NULL. */
static const char schema_v1[] =
  "CREATE TABLE assignment ("
  "  id           INTEGER PRIMARY KEY,"
  "  facility     TEXT NOT NULL DEFAULT '',"
  "  unit         TEXT NOT NULL DEFAULT '',"
  "  city         TEXT NOT NULL DEFAULT '',"
  "  region       TEXT NOT NULL DEFAULT '',"
  "  country      TEXT NOT NULL DEFAULT '',"
  "  tz           TEXT NOT NULL DEFAULT '',"
  "  starts_on    TEXT,"
  "  ends_on      TEXT,"
  "  agency       TEXT NOT NULL DEFAULT '',"
  "  notes        TEXT NOT NULL DEFAULT '',"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX assignment_starts_on ON assignment (starts_on);"
  "CREATE INDEX assignment_city ON assignment (city);"

  "CREATE TABLE colleague ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL DEFAULT '',"
  "  role         TEXT NOT NULL DEFAULT '',"
  "  specialty    TEXT NOT NULL DEFAULT '',"
  "  organization TEXT NOT NULL DEFAULT '',"
  "  phone        TEXT NOT NULL DEFAULT '',"
  "  email        TEXT NOT NULL DEFAULT '',"
  "  messaging    TEXT NOT NULL DEFAULT '',"
  "  interests    TEXT NOT NULL DEFAULT '',"
  "  support_kind TEXT NOT NULL DEFAULT '',"
  "  birthday     TEXT NOT NULL DEFAULT '',"
  "  notes        TEXT NOT NULL DEFAULT '',"
  "  photo        BLOB,"
  "  cadence_days INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days >= 0),"
  "  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  raw_vcard    TEXT,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX colleague_name ON colleague (name COLLATE NOCASE);"

  "CREATE TABLE colleague_assignment ("
  "  colleague_id  INTEGER NOT NULL REFERENCES colleague (id) ON DELETE CASCADE,"
  "  assignment_id INTEGER NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,"
  "  met_on        TEXT,"
  "  PRIMARY KEY (colleague_id, assignment_id)"
  ");"
  "CREATE INDEX colleague_assignment_assignment ON colleague_assignment (assignment_id);"

  "CREATE TABLE tip ("
  "  id             INTEGER PRIMARY KEY,"
  "  assignment_id  INTEGER NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,"
  "  category       TEXT NOT NULL DEFAULT '',"
  "  title          TEXT NOT NULL DEFAULT '',"
  "  body           TEXT NOT NULL DEFAULT '',"
  "  address        TEXT NOT NULL DEFAULT '',"
  "  geo_uri        TEXT NOT NULL DEFAULT '',"
  "  recommended_by INTEGER REFERENCES colleague (id) ON DELETE SET NULL,"
  "  tried          INTEGER NOT NULL DEFAULT 0 CHECK (tried IN (0, 1)),"
  "  created_at     INTEGER NOT NULL"
  ");"
  "CREATE INDEX tip_assignment ON tip (assignment_id, category);"
  "CREATE INDEX tip_recommended_by ON tip (recommended_by);"

  "CREATE TABLE interaction ("
  "  id            INTEGER PRIMARY KEY,"
  "  occurred_at   INTEGER NOT NULL,"
  "  kind          TEXT NOT NULL DEFAULT '',"
  "  assignment_id INTEGER REFERENCES assignment (id) ON DELETE SET NULL,"
  "  body          TEXT NOT NULL DEFAULT '',"
  "  created_at    INTEGER NOT NULL"
  ");"
  "CREATE INDEX interaction_occurred_at ON interaction (occurred_at);"
  "CREATE INDEX interaction_assignment ON interaction (assignment_id);"

  "CREATE TABLE interaction_colleague ("
  "  interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,"
  "  colleague_id   INTEGER NOT NULL REFERENCES colleague (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (interaction_id, colleague_id)"
  ");"
  "CREATE INDEX interaction_colleague_colleague ON interaction_colleague (colleague_id);"

  "CREATE TABLE reminder ("
  "  id            INTEGER PRIMARY KEY,"
  "  title         TEXT NOT NULL DEFAULT '',"
  "  notes         TEXT NOT NULL DEFAULT '',"
  "  colleague_id  INTEGER REFERENCES colleague (id) ON DELETE SET NULL,"
  "  assignment_id INTEGER REFERENCES assignment (id) ON DELETE SET NULL,"
  "  due_at        INTEGER NOT NULL,"
  "  tz            TEXT NOT NULL DEFAULT '',"
  "  rrule         TEXT NOT NULL DEFAULT '',"
  "  snoozed_until INTEGER,"
  "  completed_at  INTEGER,"
  "  notified_at   INTEGER,"
  "  created_at    INTEGER NOT NULL"
  ");"
  "CREATE INDEX reminder_pending ON reminder (due_at) WHERE completed_at IS NULL;"
  "CREATE INDEX reminder_colleague ON reminder (colleague_id);"
  "CREATE INDEX reminder_assignment ON reminder (assignment_id);"

  /* docid encodes the kind of row and its id; the store keeps it in step. */
  "CREATE VIRTUAL TABLE search USING fts4 (title, body,"
  "  tokenize=unicode61 \"remove_diacritics=1\");";

static const RapportMigration migrations[] = {
  { 1, schema_v1 },
};

static gboolean
ensure_open (RapportDatabase  *self,
             GError          **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
               _("The journal is closed. Open it again and retry."));
  return FALSE;
}

static void
close_connection (RapportDatabase *self)
{
  /* Statements first: sqlite3_close_v2 would otherwise keep the connection as a zombie. */
  if (self->statements != NULL)
    g_hash_table_remove_all (self->statements);

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static gboolean
query_int (RapportDatabase  *self,
           const char       *sql,
           int              *value_out,
           GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *value_out = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    rc = SQLITE_ERROR;
  rapport_database_set_error (self, rc, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
apply_key (RapportDatabase  *self,
           const guint8     *key,
           GError          **error)
{
  static const char hex_digits[] = "0123456789abcdef";
  char sql[sizeof "PRAGMA key = \"x'';\"" + 2 * RAPPORT_DATABASE_KEY_SIZE];
  char *p;
  int rc;

  /* A raw key (x'...') skips the KDF: the key is already 256 random bits. */
  p = g_stpcpy (sql, "PRAGMA key = \"x'");
  for (guint i = 0; i < RAPPORT_DATABASE_KEY_SIZE; i++)
    {
      *p++ = hex_digits[key[i] >> 4];
      *p++ = hex_digits[key[i] & 0xf];
    }
  g_stpcpy (p, "'\";");

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  explicit_bzero (sql, sizeof sql);

  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_cipher (RapportDatabase  *self,
              GError          **error)
{
  g_autofree char *version = rapport_database_dup_cipher_version (self);

  if (version == NULL || version[0] == '\0')
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_SQLCIPHER,
                   _("Rapport was built against plain SQLite, which cannot encrypt; refusing to "
                     "open the journal. Install Rapport with SQLCipher."));
      return FALSE;
    }

  g_debug ("SQLCipher %s", version);
  return TRUE;
}

static gboolean
first_read (RapportDatabase  *self,
            GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Nothing has touched the file so far: this read is where a wrong key shows up. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  switch (rc & 0xff)
    {
    case SQLITE_OK:
      return TRUE;

    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_KEY,
                   _("This key does not open the journal “%s”. Use the key or recovery code that "
                     "belongs to it."),
                   self->path);
      return FALSE;

    case SQLITE_CORRUPT:
    /* SQLCipher 3 reports a page that fails its HMAC check as out of memory. */
    case SQLITE_NOMEM:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("The journal “%s” is damaged or truncated (%s). Restore it from a backup."),
                   self->path, sqlite3_errmsg (self->db));
      return FALSE;

    default:
      rapport_database_set_error (self, rc, error);
      return FALSE;
    }
}

static gboolean
migrate (RapportDatabase         *self,
         const RapportMigration  *steps,
         guint                    n_steps,
         GError                 **error)
{
  guint latest = 0;
  int current;

  for (guint i = 0; i < n_steps; i++)
    latest = MAX (latest, steps[i].version);

  if (!query_int (self, "PRAGMA user_version", &current, error))
    return FALSE;

  if (current < 0 || (guint) current > latest)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The journal “%s” was made by a newer version of Rapport; update Rapport to "
                     "open it."),
                   self->path);
      return FALSE;
    }

  self->schema_version = current;

  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (steps[i].version <= self->schema_version)
        continue;

      g_debug ("Migrating %s from schema %u to %u", self->path, self->schema_version,
               steps[i].version);

      set_version = g_strdup_printf ("PRAGMA user_version = %u", steps[i].version);

      if (!rapport_database_begin (self, &local_error) ||
          !rapport_database_exec (self, steps[i].sql, &local_error) ||
          !rapport_database_exec (self, set_version, &local_error) ||
          !rapport_database_commit (self, &local_error))
        {
          rapport_database_rollback (self);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Could not update the journal to schema %u: "),
                                      steps[i].version);
          return FALSE;
        }

      self->schema_version = steps[i].version;
    }

  return TRUE;
}

static gboolean
check_existing_file (const char  *path,
                     GError     **error)
{
  struct stat st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                     _("There is no journal at “%s”."), path);
      else
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                     _("Could not read the journal “%s”: %s. Check the file’s permissions."),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("“%s” is not a journal file. Move it out of the way and retry."), path);
      return FALSE;
    }

  if (st.st_size == 0 || st.st_size % CIPHER_PAGE_SIZE != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("The journal “%s” is damaged or truncated. Restore it from a backup."),
                   path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                   _("Could not create the folder “%s”: %s. Check that it can be written."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  /* O_EXCL: never take over a file that appeared in the meantime. */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_EXISTS,
                     _("A journal already exists at “%s”; Rapport will not replace it. Open it "
                       "instead."),
                     path);
      else if (saved_errno == ENOSPC)
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FULL,
                     _("Could not create the journal “%s”: %s. Free some disk space and retry."),
                     path, g_strerror (saved_errno));
      else
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                     _("Could not create the journal “%s”: %s. Check that the folder can be "
                       "written."),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static void
rapport_database_dispose (GObject *object)
{
  RapportDatabase *self = (RapportDatabase *)object;

  close_connection (self);

  G_OBJECT_CLASS (rapport_database_parent_class)->dispose (object);
}

static void
rapport_database_finalize (GObject *object)
{
  RapportDatabase *self = (RapportDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rapport_database_parent_class)->finalize (object);
}

static void
rapport_database_class_init (RapportDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_database_dispose;
  object_class->finalize = rapport_database_finalize;
}

static void
rapport_database_init (RapportDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

const RapportMigration *
rapport_database_get_migrations (guint *n_migrations)
{
  if (n_migrations != NULL)
    *n_migrations = G_N_ELEMENTS (migrations);

  return migrations;
}

guint
rapport_database_get_latest_version (void)
{
  guint latest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    latest = MAX (latest, migrations[i].version);

  return latest;
}

RapportDatabase *
rapport_database_open (const char               *path,
                       const guint8             *key,
                       RapportDatabaseOpenMode   mode,
                       GError                  **error)
{
  return rapport_database_open_with_migrations (path, key, mode, migrations,
                                                G_N_ELEMENTS (migrations), error);
}

RapportDatabase *
rapport_database_open_with_migrations (const char               *path,
                                       const guint8             *key,
                                       RapportDatabaseOpenMode   mode,
                                       const RapportMigration   *steps,
                                       guint                     n_steps,
                                       GError                  **error)
{
  g_autoptr(RapportDatabase) self = NULL;
  gboolean created = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (mode == RAPPORT_DATABASE_OPEN_EXISTING ||
                        mode == RAPPORT_DATABASE_OPEN_CREATE, NULL);
  g_return_val_if_fail (steps != NULL || n_steps == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mode == RAPPORT_DATABASE_OPEN_EXISTING)
    {
      if (!check_existing_file (path, error))
        return NULL;
    }
  else
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_EXISTS,
                       _("A journal already exists at “%s”; Rapport will not replace it. Open "
                         "it instead."),
                       path);
          return NULL;
        }

      if (!create_file (path, error))
        return NULL;

      created = TRUE;
    }

  self = g_object_new (RAPPORT_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  /* Never SQLITE_OPEN_CREATE: the file exists by now, and must not be made by anyone else. */
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      goto failed;
    }

  sqlite3_extended_result_codes (self->db, TRUE);

  if (!apply_key (self, key, error))
    goto failed;

  /* Ignored by SQLCipher 3.4, which uses this format natively; 4.x needs it to read 3.x files. */
  if (!rapport_database_exec (self, "PRAGMA cipher_compatibility = 3", error) ||
      !rapport_database_exec (self, "PRAGMA cipher_page_size = 1024", error))
    goto failed;

  if (!check_cipher (self, error) || !first_read (self, error))
    goto failed;

  if (!rapport_database_exec (self,
                              "PRAGMA foreign_keys = ON;"
                              "PRAGMA secure_delete = ON;"
                              "PRAGMA temp_store = MEMORY;",
                              error))
    goto failed;

  if (!migrate (self, steps, n_steps, error))
    goto failed;

  return g_steal_pointer (&self);

failed:
  close_connection (self);

  /* Only what this call made itself is removed again: an empty or half-made new file. */
  if (created)
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      g_unlink (journal);
      g_unlink (path);
    }

  return NULL;
}

const char *
rapport_database_get_path (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
rapport_database_get_handle (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  return self->db;
}

guint
rapport_database_get_schema_version (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), 0);

  return self->schema_version;
}

char *
rapport_database_dup_cipher_version (RapportDatabase *self)
{
  sqlite3_stmt *stmt = NULL;
  char *version = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  if (self->db == NULL)
    return NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA cipher_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);

  return version;
}

gboolean
rapport_database_begin (RapportDatabase  *self,
                        GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);

  /* IMMEDIATE takes the write lock now, so a transaction never fails halfway on BUSY. */
  return rapport_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rapport_database_commit (RapportDatabase  *self,
                         GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);

  return rapport_database_exec (self, "COMMIT", error);
}

void
rapport_database_rollback (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  if (self->db == NULL || sqlite3_get_autocommit (self->db))
    return;

  if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not roll back: %s", sqlite3_errmsg (self->db));
}

gboolean
rapport_database_exec (RapportDatabase  *self,
                       const char       *sql,
                       GError          **error)
{
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (!ensure_open (self, error))
    return FALSE;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
rapport_database_prepare (RapportDatabase  *self,
                          const char       *sql,
                          GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!ensure_open (self, error))
    return NULL;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

void
rapport_database_set_error (RapportDatabase  *self,
                            int               rc,
                            GError          **error)
{
  const char *detail;

  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  if (error == NULL)
    return;

  detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_KEY,
                   _("The journal could not be read with this key (%s). Use the recovery code "
                     "that belongs to it."),
                   detail);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("The journal is damaged (%s). Restore it from a backup."), detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FULL,
                   _("The disk is full (%s). Free some space and try again."), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_BUSY,
                   _("The journal is in use by another program (%s). Close other copies of "
                     "Rapport and try again."),
                   detail);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                   _("The journal cannot be written (%s). Check the permissions of the file and "
                     "its folder."),
                   detail);
      break;

    default:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("The journal could not be read or written (%s). Try again; if it keeps "
                     "happening, restore a backup."),
                   detail);
      break;
    }
}

gboolean
rapport_database_check_integrity (RapportDatabase  *self,
                                  GError          **error)
{
  g_autoptr(GString) problems = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);

  if (!ensure_open (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      return FALSE;
    }

  problems = g_string_new (NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      n_rows++;
      if (g_strcmp0 (line, "ok") == 0)
        continue;

      /* The first few problems are enough to tell what is wrong. */
      if (n_rows <= 5)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "",
                                line != NULL ? line : "");
    }

  if (rc != SQLITE_DONE)
    {
      int primary = rc & 0xff;

      if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        rapport_database_set_error (self, rc, error);
      else
        /* An unreadable page (for SQLCipher, one that fails its HMAC) is damage too. */
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                     _("The journal is damaged (%s). Restore it from a backup."),
                     sqlite3_errmsg (self->db));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);

  if (n_rows == 0 || problems->len > 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("The journal is damaged (%s). Restore it from a backup."),
                   problems->len > 0 ? problems->str : _("no result from the integrity check"));
      return FALSE;
    }

  return TRUE;
}

void
rapport_database_close (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  close_connection (self);
}
