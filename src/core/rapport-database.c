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
#include "rapport-snapshot.h"
#include "rapport-sync.h"

struct _RapportDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* SQL text → sqlite3_stmt, finalized when removed */
  GHashTable *statements;
  guint       schema_version;

  gboolean    snapshot_before_migrating;

  /* Kept for open_another: its connections must run the same migrations with the same key. */
  const RapportMigration *migrations;
  guint       n_migrations;
  guint8      key[RAPPORT_DATABASE_KEY_SIZE];
};

G_DEFINE_FINAL_TYPE (RapportDatabase, rapport_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-database-error-quark, rapport_database_error)

/* SQLCipher writes whole pages; pinned so 3.4 and 4.x (with cipher_compatibility = 3) agree. */
#define CIPHER_PAGE_SIZE 1024

/* How long a write waits for another connection's transaction before giving up with BUSY. */
#define BUSY_TIMEOUT_MS 5000

/* How many virtual machine steps run between two looks at the cancellable. */
#define PROGRESS_STEPS 1000

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

/* Each colleague's latest interaction, kept in their row by triggers, so that opening the journal
 * reads it with the colleague instead of joining every entry (over a second with a career's
 * hundred thousand). A link added can only move it later; a link removed or a time changed
 * looks again. Foreign-key cascades fire these triggers too. Schema 4 makes them again. */
#define LAST_INTERACTION_TRIGGERS \
  "CREATE TRIGGER colleague_last_interaction_linked AFTER INSERT ON interaction_colleague BEGIN" \
  "  UPDATE colleague SET last_interaction_at =" \
  "    MAX (IFNULL (last_interaction_at, 0)," \
  "         (SELECT occurred_at FROM interaction WHERE id = NEW.interaction_id))" \
  "  WHERE id = NEW.colleague_id;" \
  "END;" \
  \
  "CREATE TRIGGER colleague_last_interaction_unlinked AFTER DELETE ON interaction_colleague BEGIN" \
  "  UPDATE colleague SET last_interaction_at =" \
  "    (SELECT MAX(i.occurred_at) FROM interaction_colleague ic" \
  "     JOIN interaction i ON i.id = ic.interaction_id WHERE ic.colleague_id = OLD.colleague_id)" \
  "  WHERE id = OLD.colleague_id;" \
  "END;" \
  \
  "CREATE TRIGGER colleague_last_interaction_moved AFTER UPDATE OF occurred_at ON interaction" \
  " BEGIN" \
  "  UPDATE colleague SET last_interaction_at =" \
  "    (SELECT MAX(i.occurred_at) FROM interaction_colleague ic" \
  "     JOIN interaction i ON i.id = ic.interaction_id WHERE ic.colleague_id = colleague.id)" \
  "  WHERE id IN (SELECT colleague_id FROM interaction_colleague WHERE interaction_id = NEW.id);" \
  "END;"

static const char schema_v2[] =
  "ALTER TABLE colleague ADD COLUMN last_interaction_at INTEGER;"
  "UPDATE colleague SET last_interaction_at ="
  "  (SELECT MAX(i.occurred_at) FROM interaction_colleague ic"
  "   JOIN interaction i ON i.id = ic.interaction_id WHERE ic.colleague_id = colleague.id);"
  LAST_INTERACTION_TRIGGERS;

/* The search index again, with prefix indexes for one to three bytes and the kind of item as its
 * languageid. Search as you type asks for every word as a prefix, and a prefix of a letter or two
 * otherwise merges the entries of thousands of words; longer prefixes are read from the
 * whole-word index as before. FTS keeps each languageid's entries in an index of its own, so a
 * search of one kind (the colleagues page) never reads the entries of the others, and tens of
 * thousands of journal entries among them. The entries are copied, not made again: the store
 * wrote them and only it knows how. They go in kind by kind, since FTS writes out what it holds
 * whenever the languageid changes. */
static const char schema_v3[] =
  "CREATE VIRTUAL TABLE search_v3 USING fts4 (title, body, prefix=\"1,2,3\", languageid=\"kind\","
  "  tokenize=unicode61 \"remove_diacritics=1\");"
  "INSERT INTO search_v3 (docid, title, body, kind)"
  "  SELECT docid, title, body, docid % 8 FROM search ORDER BY docid % 8, docid;"
  "DROP TABLE search;"
  "ALTER TABLE search_v3 RENAME TO search;";

/* Photos and imported vCards move to a table of their own, with a row only for the colleagues
 * that have either. They filled most of the colleague table, whose every page is decrypted
 * when the journal opens, and only exports and imports read them. SQLite 3.15 cannot drop a
 * column, so the table is made again without them, with the foreign keys off (see migrate ()),
 * as SQLite's ALTER TABLE documentation describes. The other columns wait in a temporary table
 * (in memory, and small without the photos) while the old table goes, so that the new one
 * takes the pages it frees and the file grows only by the cards. Making the table under its
 * own name needs no RENAME, whose handling of references changed between SQLite versions.
 * The triggers of schema 2 name the table, so they go first and come back with its index;
 * nothing else refers to it by name. Copied in id order, the rows fill their pages in turn. */
static const char schema_v4[] =
  "CREATE TABLE colleague_card ("
  "  colleague_id INTEGER PRIMARY KEY REFERENCES colleague (id) ON DELETE CASCADE,"
  "  photo        BLOB,"
  "  raw_vcard    TEXT"
  ");"
  "INSERT INTO colleague_card (colleague_id, photo, raw_vcard)"
  "  SELECT id, photo, raw_vcard FROM colleague"
  "  WHERE length (photo) > 0 OR length (raw_vcard) > 0 ORDER BY id;"

  "CREATE TEMP TABLE colleague_v3 AS"
  "  SELECT id, name, role, specialty, organization, phone, email, messaging, interests,"
  "    support_kind, birthday, notes, cadence_days, archived, created_at, updated_at,"
  "    last_interaction_at"
  "  FROM colleague;"

  "DROP TRIGGER colleague_last_interaction_linked;"
  "DROP TRIGGER colleague_last_interaction_unlinked;"
  "DROP TRIGGER colleague_last_interaction_moved;"
  "DROP TABLE colleague;"

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
  "  cadence_days INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days >= 0),"
  "  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL,"
  "  last_interaction_at INTEGER"
  ");"
  "INSERT INTO colleague (id, name, role, specialty, organization, phone, email, messaging,"
  "  interests, support_kind, birthday, notes, cadence_days, archived, created_at, updated_at,"
  "  last_interaction_at)"
  "  SELECT id, name, role, specialty, organization, phone, email, messaging, interests,"
  "    support_kind, birthday, notes, cadence_days, archived, created_at, updated_at,"
  "    last_interaction_at"
  "  FROM temp.colleague_v3 ORDER BY id;"
  "DROP TABLE temp.colleague_v3;"
  "CREATE INDEX colleague_name ON colleague (name COLLATE NOCASE);"
  LAST_INTERACTION_TRIGGERS;

static const RapportMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
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

/* "x'<64 hex digits>'": SQLCipher's spelling of a raw key, which skips the KDF. */
#define RAW_KEY_TEXT_SIZE (sizeof "x''" + 2 * RAPPORT_DATABASE_KEY_SIZE)

static void
write_raw_key (const guint8 *key,
               char         *out)
{
  static const char hex_digits[] = "0123456789abcdef";
  char *p = out;

  *p++ = 'x';
  *p++ = '\'';
  for (guint i = 0; i < RAPPORT_DATABASE_KEY_SIZE; i++)
    {
      *p++ = hex_digits[key[i] >> 4];
      *p++ = hex_digits[key[i] & 0xf];
    }
  *p++ = '\'';
  *p = '\0';
}

static gboolean
apply_key (RapportDatabase  *self,
           const guint8     *key,
           GError          **error)
{
  char raw_key[RAW_KEY_TEXT_SIZE];
  char sql[sizeof "PRAGMA key = \"\";" + RAW_KEY_TEXT_SIZE];
  int rc;

  /* A raw key: the key is already 256 random bits. */
  write_raw_key (key, raw_key);
  g_snprintf (sql, sizeof sql, "PRAGMA key = \"%s\";", raw_key);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  explicit_bzero (raw_key, sizeof raw_key);
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

/* Foreign keys are off while the steps run (see run_steps); a step must not leave a row that
 * refers to a missing one. */
static gboolean
check_foreign_keys (RapportDatabase  *self,
                    GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("rows of “%s” refer to rows that are missing. Restore the journal from a "
                     "backup."),
                   (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      rapport_database_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
run_steps (RapportDatabase         *self,
           const RapportMigration  *steps,
           guint                    n_steps,
           GError                 **error)
{
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 started;

      if (steps[i].version <= self->schema_version)
        continue;

      g_debug ("Migrating %s from schema %u to %u", self->path, self->schema_version,
               steps[i].version);

      started = g_get_monotonic_time ();
      set_version = g_strdup_printf ("PRAGMA user_version = %u", steps[i].version);

      if (!rapport_database_begin (self, &local_error) ||
          !rapport_database_exec (self, steps[i].sql, &local_error) ||
          !check_foreign_keys (self, &local_error) ||
          !rapport_database_exec (self, set_version, &local_error) ||
          !rapport_database_commit (self, &local_error))
        {
          rapport_database_rollback (self);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Could not update the journal to schema %u: "),
                                      steps[i].version);
          return FALSE;
        }

      g_debug ("Schema %u took %.1f ms", steps[i].version,
               (g_get_monotonic_time () - started) / 1000.0);

      self->schema_version = steps[i].version;
    }

  return TRUE;
}

static gboolean
migrate (RapportDatabase         *self,
         const RapportMigration  *steps,
         guint                    n_steps,
         GError                 **error)
{
  guint latest = 0;
  gboolean migrated;
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

  if ((guint) current == latest)
    return TRUE;

  /* No connection writes the file yet: a byte copy is the journal as it was. A migration that
   * cannot be undone never runs without one. */
  if (self->snapshot_before_migrating && current > 0)
    {
      g_autoptr(RapportSnapshot) snapshot = NULL;

      snapshot = rapport_snapshot_take_file (self->path, RAPPORT_SNAPSHOT_REASON_MIGRATION, NULL,
                                             error);
      if (snapshot == NULL)
        return FALSE;
    }

  /* A step may make a table again (keep its rows aside, drop it, create it anew), and with
   * foreign keys on, dropping a table deletes its rows first, cascading into every table that
   * refers to it. The pragma does nothing inside a transaction, so it goes around all the
   * steps. */
  if (!rapport_database_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  migrated = run_steps (self, steps, n_steps, error);

  if (!rapport_database_exec (self, "PRAGMA foreign_keys = ON", migrated ? error : NULL))
    return FALSE;

  return migrated;
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

/* The schema names the backup and restore connections give the file they write. */
#define BACKUP_SCHEMA "rapport_backup"
#define RESTORE_SCHEMA "rapport_restore"

static int
progress_cb (void *user_data)
{
  /* Non-zero interrupts the statement (SQLITE_INTERRUPT). */
  return g_cancellable_is_cancelled (user_data);
}

static void
remove_database_files (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}

static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FULL,
                 _("Could not write “%s”: %s. Free some disk space and try again."),
                 path, g_strerror (saved_errno));
  else
    g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                 _("Could not write “%s”: %s. Choose a folder you can write to and try again."),
                 path, g_strerror (saved_errno));
}

/* What is renamed into place must be on the disk first, or a crash could leave an empty file
 * under the final name. */
static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      set_write_error (error, saved_errno, path);
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static gboolean
check_passphrase_given (const char  *passphrase,
                        GError     **error)
{
  /* SQLCipher reads an empty key as "no encryption". */
  if (passphrase[0] != '\0')
    return TRUE;

  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
               _("A backup needs a passphrase. Type one and try again."));
  return FALSE;
}

/* The settings every file Rapport writes is pinned to; kdf_iter 0 leaves the KDF alone (raw
 * keys do not use it). cipher_compatibility first: on SQLCipher 4 it resets the others. 3.4
 * ignores it and uses that format natively. */
static gboolean
pin_cipher (RapportDatabase  *self,
            const char       *schema,
            guint             kdf_iter,
            GError          **error)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("PRAGMA %s.cipher_compatibility = 3;"
                         "PRAGMA %s.cipher_page_size = %d;",
                         schema, schema, CIPHER_PAGE_SIZE);
  if (!rapport_database_exec (self, sql, error))
    return FALSE;

  if (kdf_iter > 0)
    {
      g_autofree char *kdf_sql = g_strdup_printf ("PRAGMA %s.kdf_iter = %u;", schema, kdf_iter);

      if (!rapport_database_exec (self, kdf_sql, error))
        return FALSE;
    }

  return TRUE;
}

/* ATTACH with the file name and the key bound, so neither needs quoting in SQL text. */
static gboolean
attach_database (RapportDatabase  *self,
                 const char       *path,
                 const char       *schema,
                 const char       *key_text,
                 GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("ATTACH DATABASE ?1 AS %s KEY ?2", schema);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
      /* STATIC: SQLite makes no copy of the key that would outlive the caller's wiping. */
      sqlite3_bind_text (stmt, 2, key_text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    rapport_database_set_error (self, rc, error);

  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

static void
detach_database (RapportDatabase *self,
                 const char      *schema)
{
  g_autofree char *sql = g_strdup_printf ("DETACH DATABASE %s", schema);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not detach %s: %s", schema, sqlite3_errmsg (self->db));
}

/* Copies everything of main into the attached schema, with main's schema version (which
 * sqlcipher_export does not copy). The version goes first, outside the transaction: writing the
 * first page derives the attached file's key, which takes a while with a passphrase, and main
 * should not be held meanwhile. The rows are copied in one read transaction, so every table is
 * taken as of the same moment even while another connection keeps writing. */
static gboolean
export_main_to (RapportDatabase  *self,
                const char       *schema,
                GError          **error)
{
  g_autofree char *export_sql = NULL;
  g_autofree char *version_sql = NULL;
  int version;

  /* Migrations only run when a connection opens, so the version cannot change below. */
  if (!query_int (self, "PRAGMA main.user_version", &version, error))
    return FALSE;

  version_sql = g_strdup_printf ("PRAGMA %s.user_version = %d", schema, version);
  export_sql = g_strdup_printf ("SELECT sqlcipher_export('%s')", schema);

  if (!rapport_database_exec (self, version_sql, error) ||
      !rapport_database_exec (self, "BEGIN", error))
    return FALSE;

  if (!rapport_database_exec (self, export_sql, error) ||
      !rapport_database_exec (self, "COMMIT", error))
    {
      sqlite3_progress_handler (self->db, 0, NULL, NULL);
      rapport_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_backup_file (const char  *path,
                   GError     **error)
{
  struct stat st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                     _("There is no backup at “%s”. Check the file name and try again."), path);
      else
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                     _("Could not read the backup “%s”: %s. Check the file’s permissions."),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("“%s” is not a backup file. Choose the file Rapport wrote when backing up."),
                   path);
      return FALSE;
    }

  if (st.st_size == 0 || st.st_size % CIPHER_PAGE_SIZE != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged or incomplete, so it cannot be restored. Try "
                     "another copy of it."),
                   path);
      return FALSE;
    }

  return TRUE;
}

static void
set_backup_damaged_error (GError     **error,
                          const char  *path,
                          const char  *detail)
{
  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
               _("The backup “%s” is damaged (%s), so it cannot be restored. Try another copy "
                 "of it."),
               path, detail);
}

/* The backup as the main database of a connection of its own, read-only, its first page read:
 * a wrong passphrase fails here. */
static RapportDatabase *
open_backup (const char  *backup_path,
             const char  *passphrase,
             GError     **error)
{
  g_autoptr(RapportDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *read_only_uri = NULL;
  sqlite3_stmt *stmt = NULL;
  char *key_sql;
  int rc;

  if (!check_backup_file (backup_path, error))
    return NULL;

  /* A URI so that only this file is read-only: the journal attached later is written. */
  uri = g_filename_to_uri (backup_path, NULL, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("Could not read the backup “%s”: %s"), backup_path, local_error->message);
      return NULL;
    }
  read_only_uri = g_strconcat (uri, "?mode=ro", NULL);

  self = g_object_new (RAPPORT_TYPE_DATABASE, NULL);
  self->path = g_strdup (backup_path);

  rc = sqlite3_open_v2 (read_only_uri, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  key_sql = sqlite3_mprintf ("PRAGMA key = %Q", passphrase);
  rc = key_sql != NULL ? sqlite3_exec (self->db, key_sql, NULL, NULL, NULL) : SQLITE_NOMEM;
  if (key_sql != NULL)
    {
      explicit_bzero (key_sql, strlen (key_sql));
      sqlite3_free (key_sql);
    }
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      return NULL;
    }

  if (!pin_cipher (self, "main", RAPPORT_DATABASE_BACKUP_KDF_ITER, error) ||
      !check_cipher (self, error) ||
      !rapport_database_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

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
      return g_steal_pointer (&self);

    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE,
                   _("This passphrase does not open the backup “%s”. Check the passphrase and "
                     "try again; it is case-sensitive."),
                   backup_path);
      return NULL;

    case SQLITE_CORRUPT:
    case SQLITE_NOMEM:
      set_backup_damaged_error (error, backup_path, sqlite3_errmsg (self->db));
      return NULL;

    default:
      rapport_database_set_error (self, rc, error);
      return NULL;
    }
}

/* Writes the open backup into the new, empty file at path, keyed with the raw key. */
static gboolean
copy_backup (RapportDatabase  *backup,
             const char       *path,
             const guint8     *key,
             GCancellable     *cancellable,
             GError          **error)
{
  char raw_key[RAW_KEY_TEXT_SIZE];
  gboolean attached;
  gboolean copied = FALSE;

  write_raw_key (key, raw_key);
  attached = attach_database (backup, path, RESTORE_SCHEMA, raw_key, error);
  explicit_bzero (raw_key, sizeof raw_key);

  if (!attached)
    return FALSE;

  sqlite3_progress_handler (backup->db, PROGRESS_STEPS, progress_cb, cancellable);
  copied = pin_cipher (backup, RESTORE_SCHEMA, 0, error) &&
           export_main_to (backup, RESTORE_SCHEMA, error);
  sqlite3_progress_handler (backup->db, 0, NULL, NULL);

  detach_database (backup, RESTORE_SCHEMA);

  return copied;
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

  explicit_bzero (self->key, sizeof self->key);
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
                        mode == RAPPORT_DATABASE_OPEN_CREATE ||
                        mode == RAPPORT_DATABASE_OPEN_JOURNAL, NULL);
  g_return_val_if_fail (steps != NULL || n_steps == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mode != RAPPORT_DATABASE_OPEN_CREATE)
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
  self->migrations = steps;
  self->n_migrations = n_steps;
  self->snapshot_before_migrating = mode == RAPPORT_DATABASE_OPEN_JOURNAL;
  memcpy (self->key, key, RAPPORT_DATABASE_KEY_SIZE);

  /* Never SQLITE_OPEN_CREATE: the file exists by now, and must not be made by anyone else. */
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_database_set_error (self, rc, error);
      goto failed;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  /* Other connections to the file (open_another) hold their transactions only briefly. */
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

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

  if (self->db == NULL)
    return;

  /* After an I/O error (a full disk) SQLite rolls back by itself but leaves its rollback journal
   * until the next read: read now, so nothing is left beside the journal. */
  if (sqlite3_get_autocommit (self->db))
    {
      sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
      return;
    }

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

/* SQLite reports ENOSPC as SQLITE_FULL, but a quota (EDQUOT) or a file size limit (EFBIG) as
 * SQLITE_IOERR: the last errno of the file written tells them apart. */
static gboolean
is_out_of_space (RapportDatabase *self,
                 int              rc)
{
  const char *schemas[] = { "main", BACKUP_SCHEMA };

  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  if ((rc & 0xff) != SQLITE_IOERR || self->db == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    {
      int last_errno = 0;

      if (sqlite3_file_control (self->db, schemas[i], SQLITE_FCNTL_LAST_ERRNO,
                                &last_errno) == SQLITE_OK &&
          (last_errno == ENOSPC || last_errno == EDQUOT || last_errno == EFBIG))
        return TRUE;
    }

  return FALSE;
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

  if (is_out_of_space (self, rc))
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FULL,
                           _("There is not enough disk space to save the journal, so nothing "
                             "was changed. Free some disk space and try again."));
      return;
    }

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

RapportDatabase *
rapport_database_open_another (RapportDatabase  *self,
                               GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_open (self, error))
    return NULL;

  /* The same migrations: the file is at their latest version already, so none of them runs. */
  return rapport_database_open_with_migrations (self->path, self->key,
                                                RAPPORT_DATABASE_OPEN_EXISTING,
                                                self->migrations, self->n_migrations, error);
}

gboolean
rapport_database_export_backup (RapportDatabase  *self,
                                const char       *path,
                                const char       *passphrase,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean attached = FALSE;
  int fd;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_open (self, error) ||
      !check_passphrase_given (passphrase, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Beside the target, so the final rename stays on one file system and is atomic. */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, errno, path);
      return FALSE;
    }
  close (fd);

  sqlite3_progress_handler (self->db, PROGRESS_STEPS, progress_cb, cancellable);

  attached = attach_database (self, tmp_path, BACKUP_SCHEMA, passphrase, &local_error);
  if (!attached ||
      !pin_cipher (self, BACKUP_SCHEMA, RAPPORT_DATABASE_BACKUP_KDF_ITER, &local_error) ||
      !export_main_to (self, BACKUP_SCHEMA, &local_error))
    goto failed;

  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  detach_database (self, BACKUP_SCHEMA);
  attached = FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      !sync_file (tmp_path, &local_error))
    goto failed;

  if (g_rename (tmp_path, path) != 0)
    {
      set_write_error (&local_error, errno, path);
      goto failed;
    }

  {
    g_autofree char *folder = g_path_get_dirname (path);

    rapport_sync_folder (folder);
  }

  return TRUE;

failed:
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  rapport_database_rollback (self);
  if (attached)
    detach_database (self, BACKUP_SCHEMA);
  remove_database_files (tmp_path);

  /* An interrupted statement reports itself as a failure: say what really happened. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FULL))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FULL,
                   _("There is not enough disk space to write the backup “%s”. Free some disk "
                     "space or choose another disk, and try again."),
                   path);
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
rapport_database_restore_backup (const char     *backup_path,
                                 const char     *passphrase,
                                 const char     *path,
                                 const guint8   *key,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  g_autoptr(RapportDatabase) backup = NULL;
  g_autoptr(RapportDatabase) restored = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean created = FALSE;
  int version;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_passphrase_given (passphrase, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_EXISTS,
                   _("A file already exists at “%s”; Rapport will not replace it. Move it away "
                     "and try again."),
                   path);
      return FALSE;
    }

  backup = open_backup (backup_path, passphrase, &local_error);
  if (backup == NULL)
    goto failed;

  if (!query_int (backup, "PRAGMA user_version", &version, &local_error))
    goto failed;

  if (version < 0 || (guint) version > rapport_database_get_latest_version ())
    {
      g_set_error (&local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was made by a newer version of Rapport; update Rapport to "
                     "restore it."),
                   backup_path);
      goto failed;
    }

  if (!rapport_database_check_integrity (backup, &local_error))
    {
      if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT))
        {
          g_autofree char *detail = g_strdup (local_error->message);

          g_clear_error (&local_error);
          set_backup_damaged_error (&local_error, backup_path, detail);
        }
      goto failed;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      !create_file (path, &local_error))
    goto failed;

  created = TRUE;

  if (!copy_backup (backup, path, key, cancellable, &local_error))
    goto failed;

  rapport_database_close (backup);

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      !sync_file (path, &local_error))
    goto failed;

  /* Brings an older backup up to this version's schema, then checks the result as a journal. */
  restored = rapport_database_open (path, key, RAPPORT_DATABASE_OPEN_EXISTING, &local_error);
  if (restored == NULL || !rapport_database_check_integrity (restored, &local_error))
    goto failed;

  rapport_database_close (restored);

  return TRUE;

failed:
  if (backup != NULL)
    rapport_database_close (backup);
  if (restored != NULL)
    rapport_database_close (restored);
  if (created)
    remove_database_files (path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
rapport_database_close (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  close_connection (self);
}
