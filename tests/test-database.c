/* test-database.c
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

#define G_LOG_DOMAIN "rapport-test-database"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "rapport-database.h"
#include "rapport-snapshot.h"
#include "rapport-test-utils.h"

typedef struct
{
  char   *dir;
  char   *path;
  guint8  key[RAPPORT_DATABASE_KEY_SIZE];
  guint8  other_key[RAPPORT_DATABASE_KEY_SIZE];
} Fixture;

static const char plaintext_marker[] = "PLAINTEXT-CANARY-7f3a9c";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rapport_test_make_tmp_dir ("database");
  f->path = g_build_filename (f->dir, "journal.db", NULL);
  rapport_test_fixed_key (f->key, 0);
  rapport_test_fixed_key (f->other_key, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rapport_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* memmem() needs _GNU_SOURCE; the file is small enough for a plain scan. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

static gint64
query_int64 (RapportDatabase *db,
             const char      *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  stmt = rapport_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
has_table (RapportDatabase *db,
           const char      *name)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = rapport_database_prepare (db, "SELECT 1 FROM sqlite_master WHERE name = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

static RapportDatabase *
create_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  return db;
}

/* Adds a colleague whose notes carry the marker; returns its id. */
static gint64
add_colleague (RapportDatabase *db,
               const char      *name,
               const char      *notes)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = rapport_database_prepare (db,
                                   "INSERT INTO colleague (name, notes, created_at, updated_at) "
                                   "VALUES (?, ?, 1700000000, 1700000000)",
                                   &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  return sqlite3_last_insert_rowid (rapport_database_get_handle (db));
}

static void
make_closed_database (Fixture *f)
{
  RapportDatabase *db = create_database (f);

  add_colleague (db, "Dana Whitfield", plaintext_marker);
  g_assert_finalize_object (db);
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;
  struct stat st;
  sqlite3_stmt *stmt;

  db = create_database (f);
  g_assert_cmpstr (rapport_database_get_path (db), ==, f->path);
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==,
                    rapport_database_get_latest_version ());
  add_colleague (db, "Dana Whitfield", "Met at the badge office");
  g_assert_finalize_object (db);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 0);
  g_assert_cmpint (st.st_size % 1024, ==, 0);

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (db == NULL)
    return;

  g_assert_cmpuint (rapport_database_get_schema_version (db), ==,
                    rapport_database_get_latest_version ());
  stmt = rapport_database_prepare (db, "SELECT name, notes FROM colleague", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Dana Whitfield");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Met at the badge office");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  g_assert_true (rapport_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (db);
}

static void
test_create_makes_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (folder, "rapport.db", NULL);
  RapportDatabase *db;
  struct stat st;

  db = rapport_database_open (path, f->key, RAPPORT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_clear_object (&db);

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_create_over_existing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportDatabase *db;

  make_closed_database (f);
  before = rapport_test_checksum_file (f->path);

  db = rapport_database_open (f->path, f->other_key, RAPPORT_DATABASE_OPEN_CREATE, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_EXISTS);
  g_assert_null (db);

  after = rapport_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Any file counts, not only journals. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (f->path, "not a journal", -1, NULL));
  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_EXISTS);
  g_assert_null (db);
}

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listing = NULL;
  RapportDatabase *db;

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (db);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  listing = rapport_test_list_folder (f->dir);
  g_assert_cmpuint (g_strv_length (listing), ==, 0);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) listing_before = NULL;
  g_auto(GStrv) listing_after = NULL;
  RapportDatabase *db;

  make_closed_database (f);
  before = rapport_test_checksum_file (f->path);
  listing_before = rapport_test_list_folder (f->dir);

  db = rapport_database_open (f->path, f->other_key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_KEY);
  g_assert_null (db);

  after = rapport_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  listing_after = rapport_test_list_folder (f->dir);
  g_assert_true (g_strv_equal ((const char * const *) listing_before,
                               (const char * const *) listing_after));

  /* The right key still opens it. */
  g_clear_error (&error);
  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_clear_object (&db);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportDatabase *db;
  gsize length = 0;

  make_closed_database (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1024);

  /* Cut in the middle of the second page. */
  g_assert_true (g_file_set_contents (f->path, contents, 1024 + 512, NULL));
  before = rapport_test_checksum_file (f->path);

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
  g_assert_null (db);

  after = rapport_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;
  struct stat st;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
  g_assert_null (db);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
}

static void
make_large_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db = create_database (f);

  /* One transaction: one sync to disk instead of two hundred. */
  g_assert_true (rapport_database_begin (db, &error));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Colleague %u", i);
      g_autofree char *notes = g_strnfill (200, 'a' + i % 26);

      add_colleague (db, name, notes);
    }
  g_assert_true (rapport_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

/* Damage must be reported, either by open or by the integrity check; never a clean open. */
static void
assert_damage_detected (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;
  gboolean detected = FALSE;

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  if (db == NULL)
    {
      g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
      detected = TRUE;
    }
  else
    {
      g_assert_no_error (error);
      detected = !rapport_database_check_integrity (db, &error);
      g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
      g_clear_object (&db);
    }

  g_assert_true (detected);
}

static void
test_flipped_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  make_large_database (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 20 * 1024);

  /* Damage the middle of the last page: colleague rows, read by the integrity check. */
  for (gsize i = 0; i < 16; i++)
    contents[length - 512 + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  assert_damage_detected (f);
}

static void
test_missing_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  make_large_database (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 20 * 1024);

  /* Whole pages missing at the end pass the size check; the pages themselves tell. */
  g_assert_true (g_file_set_contents (f->path, contents, length - 4 * 1024, NULL));

  assert_damage_detected (f);
}

static void
test_encrypted_at_rest (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  gsize length = 0;

  make_closed_database (f);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_false (contains_bytes (contents, length, plaintext_marker));
  g_assert_false (contains_bytes (contents, length, "Dana Whitfield"));
  g_assert_false (contains_bytes (contents, length, "SQLite format 3"));
  g_assert_false (contains_bytes (contents, length, "CREATE TABLE"));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_cipher_and_pragmas (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *version = NULL;
  RapportDatabase *db;

  db = create_database (f);

  version = rapport_database_dup_cipher_version (db);
  g_assert_nonnull (version);
  g_assert_cmpstr (version, !=, "");

  g_assert_cmpint (query_int64 (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int64 (db, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (query_int64 (db, "PRAGMA temp_store"), ==, 2);
  g_assert_cmpint (query_int64 (db, "PRAGMA cipher_page_size"), ==, 1024);
  g_assert_cmpint (query_int64 (db, "PRAGMA user_version"), ==,
                   (gint64) rapport_database_get_latest_version ());

  g_assert_finalize_object (db);
}

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  static const char * const tables[] = {
    "assignment", "colleague", "colleague_assignment", "tip", "interaction",
    "interaction_colleague", "reminder", "search",
  };
  g_autoptr(GError) error = NULL;
  const RapportMigration *steps;
  RapportDatabase *db;
  sqlite3_stmt *stmt;
  gint64 colleague;
  guint n_steps = 0;

  steps = rapport_database_get_migrations (&n_steps);
  g_assert_cmpuint (n_steps, >=, 1);
  g_assert_cmpuint (steps[0].version, ==, 1);
  g_assert_cmpuint (steps[n_steps - 1].version, ==, rapport_database_get_latest_version ());

  db = create_database (f);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (has_table (db, tables[i]));

  /* Link rows go with the colleague; optional references fall back to NULL. */
  colleague = add_colleague (db, "Rosa Diaz", "");
  g_assert_true (rapport_database_exec (db,
    "INSERT INTO assignment (id, facility, starts_on, ends_on, created_at, updated_at) "
    "  VALUES (1, 'St. Mary', '2026-01-05', '2026-03-27', 1, 1);"
    "INSERT INTO tip (assignment_id, title, recommended_by, created_at) VALUES (1, 'Tacos', 1, 1);"
    "INSERT INTO colleague_assignment (colleague_id, assignment_id) VALUES (1, 1);"
    "INSERT INTO interaction (id, occurred_at, assignment_id, created_at) VALUES (1, 1, 1, 1);"
    "INSERT INTO interaction_colleague (interaction_id, colleague_id) VALUES (1, 1);"
    "INSERT INTO reminder (title, colleague_id, assignment_id, due_at, created_at) "
    "  VALUES ('Call', 1, 1, 1, 1);",
    &error));
  g_assert_no_error (error);
  g_assert_cmpint (colleague, ==, 1);

  g_assert_true (rapport_database_exec (db, "DELETE FROM colleague WHERE id = 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague_assignment"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM interaction_colleague"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM interaction"), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM tip WHERE recommended_by IS NULL"), ==,
                   1);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM reminder WHERE colleague_id IS NULL"),
                   ==, 1);

  /* Foreign keys are enforced. */
  g_assert_false (rapport_database_exec (db,
    "INSERT INTO tip (assignment_id, title, created_at) VALUES (42, 'Nowhere', 1)", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* Full-text search folds accents (unicode61, remove_diacritics). */
  g_assert_true (rapport_database_exec (db,
    "INSERT INTO search (docid, title, body) VALUES (17, 'Zoë Müller', 'café near the clinic')",
    &error));
  g_assert_no_error (error);
  stmt = rapport_database_prepare (db, "SELECT docid FROM search WHERE search MATCH ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "zoe cafe*", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 17);
  sqlite3_reset (stmt);

  g_assert_finalize_object (db);
}

static const RapportMigration test_steps[] = {
  { 1, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
       "INSERT INTO note (body) VALUES ('first');" },
  { 2, "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
       "ALTER TABLE note ADD COLUMN place_id INTEGER REFERENCES place (id);" },
};

static const RapportMigration failing_steps[] = {
  { 1, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
       "INSERT INTO note (body) VALUES ('first');" },
  { 2, "CREATE TABLE half_done (id INTEGER PRIMARY KEY);"
       "DELETE FROM note;"
       "CREATE TABLES oops (;" },
};

static gint64
last_interaction_at (RapportDatabase *db,
                     gint64           colleague_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT IFNULL (last_interaction_at, -1) FROM colleague "
                                          "WHERE id = %" G_GINT64_FORMAT, colleague_id);

  return query_int64 (db, sql);
}

/* Schema 2 keeps each colleague's last interaction in their row: an older journal gets it worked
 * out once, and the triggers keep it after that. */
static void
test_last_interaction_migration (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_steps = 0;
  const RapportMigration *steps = rapport_database_get_migrations (&n_steps);
  RapportDatabase *db;
  gint64 ada, ben, cy;

  g_assert_cmpuint (n_steps, >=, 2);
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              steps, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (db == NULL)
    return;
  ada = add_colleague (db, "Ada", "");
  ben = add_colleague (db, "Ben", "");
  cy = add_colleague (db, "Cy", "");
  g_assert_true (rapport_database_exec (db,
                                        "INSERT INTO interaction (id, occurred_at, created_at) VALUES"
                                        " (1, 100, 1), (2, 300, 1), (3, 200, 1);"
                                        "INSERT INTO interaction_colleague VALUES"
                                        " (1, 1), (1, 2), (2, 1), (3, 2);",
                                        &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (db == NULL)
    return;

  g_assert_cmpint (last_interaction_at (db, ada), ==, 300);
  g_assert_cmpint (last_interaction_at (db, ben), ==, 200);
  g_assert_cmpint (last_interaction_at (db, cy), ==, -1);

  /* A link added moves it later only; a time moved or a link removed looks again; a deleted
   * entry takes its links, and its time, with it. */
  g_assert_true (rapport_database_exec (db, "INSERT INTO interaction_colleague VALUES (1, 3)",
                                        &error));
  g_assert_cmpint (last_interaction_at (db, cy), ==, 100);
  g_assert_true (rapport_database_exec (db, "UPDATE interaction SET occurred_at = 50 WHERE id = 2",
                                        &error));
  g_assert_cmpint (last_interaction_at (db, ada), ==, 100);
  g_assert_true (rapport_database_exec (db, "DELETE FROM interaction_colleague "
                                            "WHERE interaction_id = 3", &error));
  g_assert_cmpint (last_interaction_at (db, ben), ==, 100);
  g_assert_true (rapport_database_exec (db, "DELETE FROM interaction WHERE id = 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_interaction_at (db, ada), ==, 50);
  g_assert_cmpint (last_interaction_at (db, ben), ==, -1);
  g_assert_cmpint (last_interaction_at (db, cy), ==, -1);

  g_assert_finalize_object (db);
}

static void
add_row (RapportDatabase *db,
         const char      *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* Every row of sql as text, blobs in hex and values with their type: to compare byte for byte. */
static char *
dump_query (RapportDatabase *db,
            const char      *sql)
{
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (rapport_database_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          int type = sqlite3_column_type (stmt, i);

          if (type == SQLITE_NULL)
            g_string_append (dump, "NULL");
          else if (type == SQLITE_BLOB)
            {
              const guchar *blob = sqlite3_column_blob (stmt, i);

              g_string_append (dump, "x'");
              for (int j = 0; j < sqlite3_column_bytes (stmt, i); j++)
                g_string_append_printf (dump, "%02x", blob[j]);
              g_string_append_c (dump, '\'');
            }
          else
            g_string_append_printf (dump, "%d:%s", type, sqlite3_column_text (stmt, i));
          g_string_append_c (dump, '|');
        }
      g_string_append_c (dump, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (dump, FALSE);
}

static char *
dup_schema (RapportDatabase *db)
{
  return dump_query (db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}

static gboolean
can_prepare (RapportDatabase *db,
             const char      *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (rapport_database_get_handle (db), sql, -1, &stmt, NULL);

  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

#define KEPT_COLUMNS \
  "id, name, role, specialty, organization, phone, email, messaging, interests, support_kind," \
  " birthday, notes, cadence_days, archived, created_at, updated_at, last_interaction_at"

/* Schema 4 moves photos and imported cards out of the colleague rows: every byte of them, and
 * everything else of the journal, comes through; the links, cascades and triggers still work. */
static void
test_card_migration (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cards_before = NULL;
  g_autofree char *cards_after = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  guint n_steps = 0;
  const RapportMigration *steps = rapport_database_get_migrations (&n_steps);
  RapportDatabase *db;

  g_assert_cmpuint (n_steps, >=, 4);
  g_assert_cmpuint (steps[3].version, ==, 4);
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              steps, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (db == NULL)
    return;
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 3);

  add_row (db, "INSERT INTO colleague (id, name, role, notes, photo, raw_vcard, cadence_days,"
               " archived, created_at, updated_at) VALUES"
               " (1, 'Ada', 'RN', 'Nights', x'ffd8ffe000104a4649460000ff00d9', "
               "  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nitem1.X-ABLabel:Blog\r\nEND:VCARD\r\n',"
               "  14, 0, 1, 2),"
               " (2, 'Ben', '', '', NULL, NULL, 0, 1, 3, 4),"
               " (3, 'Cy', '', '', x'89504e470d0a1a0a0000', NULL, 0, 0, 5, 6),"
               " (4, 'Dee', '', '', NULL, 'BEGIN:VCARD\r\nNOTE:Zoë ✓ café\r\nEND:VCARD\r\n',"
               "  0, 0, 7, 8),"
               " (5, 'Eve', '', '', NULL, '', 0, 0, 9, 10)");
  /* A photo over several pages, and one of the most a colleague may have. */
  add_row (db, "INSERT INTO colleague (id, name, photo, created_at, updated_at)"
               " VALUES (6, 'Fay', randomblob (5000), 11, 12),"
               " (7, 'Gus', randomblob (1048576), 13, 14)");
  add_row (db, "INSERT INTO assignment (id, facility, created_at, updated_at)"
               " VALUES (7, 'St. Mary', 1, 1)");
  add_row (db, "INSERT INTO colleague_assignment VALUES (1, 7, '2026-03-02'), (3, 7, NULL)");
  add_row (db, "INSERT INTO interaction (id, occurred_at, created_at) VALUES (1, 500, 1)");
  add_row (db, "INSERT INTO interaction_colleague VALUES (1, 1), (1, 3)");
  add_row (db, "INSERT INTO tip (assignment_id, title, recommended_by, created_at)"
               " VALUES (7, 'Tacos', 3, 1)");
  add_row (db, "INSERT INTO reminder (title, colleague_id, due_at, created_at)"
               " VALUES ('Call', 4, 1, 1)");

  cards_before = dump_query (db, "SELECT id, photo, raw_vcard FROM colleague"
                                 " WHERE length (photo) > 0 OR length (raw_vcard) > 0 ORDER BY id");
  rows_before = dump_query (db, "SELECT " KEPT_COLUMNS " FROM colleague ORDER BY id");
  g_assert_finalize_object (db);

  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (db == NULL)
    return;
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 4);

  cards_after = dump_query (db, "SELECT colleague_id, photo, raw_vcard FROM colleague_card"
                                " ORDER BY colleague_id");
  rows_after = dump_query (db, "SELECT " KEPT_COLUMNS " FROM colleague ORDER BY id");
  g_assert_cmpstr (cards_after, ==, cards_before);
  g_assert_cmpstr (rows_after, ==, rows_before);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague_card"), ==, 5);
  g_assert_cmpint (query_int64 (db, "SELECT length (photo) FROM colleague_card"
                                    " WHERE colleague_id = 7"), ==, 1048576);
  g_assert_false (can_prepare (db, "SELECT photo FROM colleague"));
  g_assert_false (can_prepare (db, "SELECT raw_vcard FROM colleague"));
  g_assert_true (has_table (db, "colleague_name"));
  g_assert_false (can_prepare (db, "SELECT 1 FROM temp.colleague_v3"));

  /* The references into the table that was made again still hold, and are enforced again. */
  g_assert_cmpint (query_int64 (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague_assignment"), ==, 2);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM interaction_colleague"), ==, 2);
  g_assert_cmpint (query_int64 (db, "SELECT recommended_by FROM tip"), ==, 3);
  g_assert_cmpint (query_int64 (db, "SELECT colleague_id FROM reminder"), ==, 4);
  g_assert_cmpint (last_interaction_at (db, 1), ==, 500);
  g_assert_false (rapport_database_exec (db,
                                         "INSERT INTO colleague_card (colleague_id) VALUES (99)",
                                         &error));
  g_clear_error (&error);

  /* The triggers of schema 2 are back. */
  add_row (db, "INSERT INTO interaction (id, occurred_at, created_at) VALUES (2, 900, 1)");
  add_row (db, "INSERT INTO interaction_colleague VALUES (2, 2)");
  g_assert_cmpint (last_interaction_at (db, 2), ==, 900);
  add_row (db, "UPDATE interaction SET occurred_at = 400 WHERE id = 1");
  g_assert_cmpint (last_interaction_at (db, 1), ==, 400);

  /* A colleague deleted takes the card and the links along. */
  add_row (db, "DELETE FROM colleague WHERE id = 1");
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague_card WHERE colleague_id = 1"),
                   ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague_assignment"), ==, 1);

  g_assert_true (rapport_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

/* A journal made now and one brought up from each older schema end with the same schema. */
static void
test_fresh_schema_matches_migrated (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  guint n_steps = 0;
  const RapportMigration *steps = rapport_database_get_migrations (&n_steps);
  RapportDatabase *db;

  db = create_database (f);
  fresh = dup_schema (db);
  g_assert_nonnull (strstr (fresh, "colleague_card"));
  g_assert_finalize_object (db);

  for (guint from = 1; from < n_steps; from++)
    {
      g_autofree char *name = g_strdup_printf ("from-%u.db", from);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *migrated = NULL;

      db = rapport_database_open_with_migrations (path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                                  steps, from, &error);
      g_assert_no_error (error);
      g_assert_nonnull (db);
      if (db == NULL)
        return;
      g_assert_finalize_object (db);

      db = rapport_database_open (path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      g_assert_nonnull (db);
      if (db == NULL)
        return;
      migrated = dup_schema (db);
      g_test_message ("from schema %u", from);
      g_assert_cmpstr (migrated, ==, fresh);
      g_assert_finalize_object (db);
    }
}

static void
test_migrations (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              test_steps, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 1);
  g_assert_true (has_table (db, "note"));
  g_assert_false (has_table (db, "place"));
  g_assert_false (has_table (db, "colleague"));
  g_assert_finalize_object (db);

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING,
                                              test_steps, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 2);
  g_assert_cmpint (query_int64 (db, "PRAGMA user_version"), ==, 2);
  g_assert_true (has_table (db, "place"));
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM note"), ==, 1);
  g_assert_finalize_object (db);

  /* Nothing pending: opening again changes nothing. */
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING,
                                              test_steps, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 2);
  g_assert_finalize_object (db);
}

/* The person's journal is copied before a migration; other files are not. */
static void
test_migration_snapshot (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *before = NULL;
  RapportSnapshot *snapshot;
  RapportDatabase *db;

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              test_steps, 1, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (db);
  before = rapport_test_checksum_file (f->path);

  /* Nothing to migrate: no copy. */
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_JOURNAL,
                                              test_steps, 1, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (db);
  snapshots = rapport_snapshot_list (f->path, NULL);
  g_assert_cmpuint (snapshots != NULL ? snapshots->len : 0, ==, 0);
  g_clear_pointer (&snapshots, g_ptr_array_unref);

  /* A snapshots folder that cannot be made: the journal is not migrated. */
  folder = rapport_snapshot_dup_folder (f->path);
  g_assert_true (g_file_set_contents (folder, "in the way", -1, NULL));
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_JOURNAL,
                                              test_steps, 2, &error);
  g_assert_nonnull (error);
  g_assert_null (db);
  g_clear_error (&error);
  g_assert_cmpstr (rapport_test_checksum_file (f->path), ==, before);
  g_unlink (folder);

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_JOURNAL,
                                              test_steps, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 2);
  g_assert_finalize_object (db);

  snapshots = rapport_snapshot_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshots);
  if (snapshots == NULL)
    return;
  g_assert_cmpuint (snapshots->len, ==, 1);
  if (snapshots->len != 1)
    return;
  snapshot = g_ptr_array_index (snapshots, 0);
  g_assert_cmpint (rapport_snapshot_get_reason (snapshot), ==, RAPPORT_SNAPSHOT_REASON_MIGRATION);
  /* The copy is the journal as it was before: schema 1, same bytes. */
  g_assert_cmpstr (rapport_test_checksum_file (rapport_snapshot_get_path (snapshot)), ==, before);
}

static void
test_failing_migration (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              failing_steps, 1, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING,
                                              failing_steps, 2, &error);
  g_assert_nonnull (error);
  g_assert_null (db);
  g_clear_error (&error);

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING,
                                              failing_steps, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 1);
  g_assert_cmpint (query_int64 (db, "PRAGMA user_version"), ==, 1);
  g_assert_false (has_table (db, "half_done"));
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM note"), ==, 1);
  g_assert_finalize_object (db);
}

static void
test_failing_first_migration (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listing = NULL;
  RapportDatabase *db;

  /* A new journal that cannot get its schema is not left behind half-made. */
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              &failing_steps[1], 1, &error);
  g_assert_nonnull (error);
  g_assert_null (db);
  listing = rapport_test_list_folder (f->dir);
  g_assert_cmpuint (g_strv_length (listing), ==, 0);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportDatabase *db;

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              test_steps, 2, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (db);
  before = rapport_test_checksum_file (f->path);

  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING,
                                              test_steps, 1, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NEWER_SCHEMA);
  g_assert_null (db);

  after = rapport_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  db = create_database (f);

  g_assert_true (rapport_database_begin (db, &error));
  g_assert_no_error (error);
  add_colleague (db, "Kept", "");
  g_assert_true (rapport_database_commit (db, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_database_begin (db, &error));
  add_colleague (db, "Discarded", "");
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague"), ==, 2);
  rapport_database_rollback (db);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague"), ==, 1);

  /* Rolling back with nothing open is harmless: it is the cleanup path. */
  rapport_database_rollback (db);

  /* Commit without a transaction is an error, not a crash. */
  g_assert_false (rapport_database_commit (db, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);

  g_assert_finalize_object (db);
}

static void
test_prepare_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;
  sqlite3_stmt *first;
  sqlite3_stmt *second;

  db = create_database (f);
  add_colleague (db, "Ana", "");
  add_colleague (db, "Ben", "");

  first = rapport_database_prepare (db, "SELECT name FROM colleague WHERE id >= ? ORDER BY id",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  sqlite3_bind_int64 (first, 1, 2);
  g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (first, 0), ==, "Ben");

  /* Same text, same statement: reset and unbound (NULL matches nothing). */
  second = rapport_database_prepare (db, "SELECT name FROM colleague WHERE id >= ? ORDER BY id",
                                     &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_cmpint (sqlite3_step (second), ==, SQLITE_DONE);
  sqlite3_reset (second);
  sqlite3_bind_int64 (second, 1, 1);
  g_assert_cmpint (sqlite3_step (second), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (second, 0), ==, "Ana");
  sqlite3_reset (second);

  g_assert_null (rapport_database_prepare (db, "SELEKT nothing", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (rapport_database_prepare (db, "SELECT * FROM no_such_table", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* After close, calls fail cleanly. */
  rapport_database_close (db);
  g_assert_null (rapport_database_get_handle (db));
  g_assert_null (rapport_database_prepare (db, "SELECT 1", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (rapport_database_exec (db, "SELECT 1", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);

  g_assert_finalize_object (db);
}

static void
test_set_error (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    int rc;
    RapportDatabaseError code;
  } cases[] = {
    { SQLITE_NOTADB, RAPPORT_DATABASE_ERROR_WRONG_KEY },
    { SQLITE_CORRUPT, RAPPORT_DATABASE_ERROR_CORRUPT },
    { SQLITE_FULL, RAPPORT_DATABASE_ERROR_FULL },
    { SQLITE_BUSY, RAPPORT_DATABASE_ERROR_BUSY },
    { SQLITE_LOCKED, RAPPORT_DATABASE_ERROR_BUSY },
    { SQLITE_READONLY, RAPPORT_DATABASE_ERROR_READ_ONLY },
    { SQLITE_PERM, RAPPORT_DATABASE_ERROR_READ_ONLY },
    { SQLITE_CANTOPEN, RAPPORT_DATABASE_ERROR_READ_ONLY },
    { SQLITE_IOERR, RAPPORT_DATABASE_ERROR_FAILED },
    { SQLITE_BUSY_SNAPSHOT, RAPPORT_DATABASE_ERROR_BUSY },
  };
  RapportDatabase *db;

  db = create_database (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      rapport_database_set_error (db, cases[i].rc, &error);
      g_assert_error (error, RAPPORT_DATABASE_ERROR, cases[i].code);
      g_assert_true (error != NULL && error->message[0] != '\0');
    }

  /* No GError asked for: nothing happens. */
  rapport_database_set_error (db, SQLITE_CORRUPT, NULL);

  g_assert_finalize_object (db);
}

/* Backups and second connections */

static const char backup_passphrase[] = "it’s “quoted” — Pässword 42";

/* Characters that mean something in a URI or to a shell, and some that are not ASCII. */
#define BACKUP_NAME "Backup 50% #1? ü&é.rapport-backup"

static char *
backup_path (Fixture *f)
{
  return g_build_filename (f->dir, BACKUP_NAME, NULL);
}

/* A row in every table of the first schema, the search index and a photo included. */
static void
fill_database (RapportDatabase *db)
{
  gint64 dana = add_colleague (db, "Dana Whitfield", plaintext_marker);

  add_colleague (db, "Ravi Okafor", "Night shift, loves trail running");
  add_row (db, "INSERT INTO assignment (id, facility, city, tz, starts_on, created_at, updated_at) "
               "VALUES (7, 'St. Mary''s', 'Bend', 'America/Los_Angeles', '2026-03-01', 1, 2)");
  add_row (db, "INSERT INTO colleague_assignment VALUES (1, 7, '2026-03-02')");
  add_row (db, "INSERT INTO tip (assignment_id, title, recommended_by, created_at) "
               "VALUES (7, 'Badge office', 2, 3)");
  add_row (db, "INSERT INTO interaction (id, occurred_at, kind, assignment_id, body, created_at) "
               "VALUES (4, 1700000100, 'coffee', 7, 'Talked about boards', 5)");
  add_row (db, "INSERT INTO interaction_colleague VALUES (4, 1)");
  add_row (db, "INSERT INTO reminder (title, colleague_id, due_at, tz, rrule, created_at) "
               "VALUES ('Call after boards', 1, 1700100000, 'America/Denver', 'FREQ=WEEKLY', 6)");
  add_row (db, "INSERT INTO search (docid, title, body) VALUES (1, 'Dana Whitfield', 'boards')");
  add_row (db, "INSERT INTO colleague_card (colleague_id, photo) "
               "VALUES (2, x'89504e470d0a1a0a00ff')");
  g_assert_cmpint (dana, ==, 1);
}

static void
append_rows (GString    *dump,
             sqlite3    *db,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (dump, "[%s]\n", table);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          int type = sqlite3_column_type (stmt, i);

          if (type == SQLITE_NULL)
            g_string_append (dump, "NULL");
          else if (type == SQLITE_BLOB)
            {
              const guchar *blob = sqlite3_column_blob (stmt, i);

              g_string_append (dump, "x'");
              for (int j = 0; j < sqlite3_column_bytes (stmt, i); j++)
                g_string_append_printf (dump, "%02x", blob[j]);
              g_string_append_c (dump, '\'');
            }
          else
            g_string_append_printf (dump, "%d:%s", type, sqlite3_column_text (stmt, i));
          g_string_append_c (dump, '|');
        }
      g_string_append_c (dump, '\n');
    }
  sqlite3_finalize (stmt);
}

/* Every table's rows and the schema version, as text to compare. */
static char *
dump_connection (sqlite3 *db)
{
  GString *dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_printf (dump, "user_version %d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    append_rows (dump, db, g_ptr_array_index (tables, i));

  return g_string_free (dump, FALSE);
}

/* A connection that knows nothing of Rapport: key_sql is run as is, then the first read. */
static int
open_plain (const char  *path,
            const char  *key_sql,
            sqlite3    **out_db)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, key_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

  if (rc == SQLITE_OK && out_db != NULL)
    *out_db = db;
  else
    sqlite3_close (db);

  return rc;
}

static char *
dup_backup_key_sql (guint kdf_iter)
{
  g_autofree char *quoted = NULL;
  char *escaped = sqlite3_mprintf ("%Q", backup_passphrase);

  quoted = g_strdup (escaped);
  sqlite3_free (escaped);

  if (kdf_iter == 0)
    return g_strdup_printf ("PRAGMA key = %s; PRAGMA cipher_page_size = 1024;", quoted);

  return g_strdup_printf ("PRAGMA key = %s; PRAGMA cipher_page_size = 1024; "
                          "PRAGMA kdf_iter = %u;",
                          quoted, kdf_iter);
}

static void
export_backup (RapportDatabase *db,
               const char      *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_database_export_backup (db, path, backup_passphrase, NULL, &error));
  g_assert_no_error (error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
assert_folder_holds (const char *dir,
                     const char *first,
                     ...)
{
  g_auto(GStrv) names = rapport_test_list_folder (dir);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  guint n_names = g_strv_length (names);
  g_autofree char *joined_names = NULL;
  g_autofree char *joined_expected = NULL;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (expected, (gpointer) name);
  va_end (args);
  g_ptr_array_sort (expected, compare_names);
  g_ptr_array_add (expected, NULL);
  qsort (names, n_names, sizeof (char *), compare_names);

  joined_names = g_strjoinv (",", names);
  joined_expected = g_strjoinv (",", (char **) expected->pdata);
  g_assert_cmpstr (joined_names, ==, joined_expected);
}

static void
test_open_another (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db = create_database (f);
  RapportDatabase *other;

  other = rapport_database_open_another (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_cmpstr (rapport_database_get_path (other), ==, f->path);
  g_assert_cmpuint (rapport_database_get_schema_version (other), ==,
                    rapport_database_get_schema_version (db));
  g_assert_cmpint (query_int64 (other, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int64 (other, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (query_int64 (other, "PRAGMA temp_store"), ==, 2);

  /* Each sees what the other committed. */
  add_colleague (db, "Dana Whitfield", "first");
  g_assert_cmpint (query_int64 (other, "SELECT count(*) FROM colleague"), ==, 1);
  add_colleague (other, "Ravi Okafor", "second");
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague"), ==, 2);

  /* Nothing uncommitted leaks across. */
  g_assert_true (rapport_database_begin (db, &error));
  add_colleague (db, "Mina Sato", "third");
  g_assert_cmpint (query_int64 (other, "SELECT count(*) FROM colleague"), ==, 2);
  rapport_database_rollback (db);

  g_assert_finalize_object (other);

  /* Closed: no second connection to make. */
  rapport_database_close (db);
  g_assert_null (rapport_database_open_another (db, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_assert_finalize_object (db);
}

static void
test_open_another_migrations (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;
  RapportDatabase *other;

  /* Not the app's schema: the second connection must not find it "newer" or migrate it. */
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              test_steps, 2, &error);
  g_assert_no_error (error);

  other = rapport_database_open_another (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_cmpuint (rapport_database_get_schema_version (other), ==, 2);
  g_assert_false (has_table (other, "colleague"));
  g_assert_true (has_table (other, "place"));

  g_assert_finalize_object (other);
  g_assert_finalize_object (db);
}

typedef struct
{
  RapportDatabase *db;
  guint            delay_ms;
} CommitLater;

static gpointer
commit_later_thread (gpointer user_data)
{
  CommitLater *later = user_data;
  g_autoptr(GError) error = NULL;

  g_usleep (later->delay_ms * 1000);
  g_assert_true (rapport_database_commit (later->db, &error));
  g_assert_no_error (error);

  return NULL;
}

/* A write waits for the other connection's transaction instead of failing at once. */
static void
test_busy_timeout (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db = create_database (f);
  RapportDatabase *other;
  CommitLater later;
  GThread *thread;
  gint64 start;

  other = rapport_database_open_another (db, &error);
  g_assert_no_error (error);

  g_assert_true (rapport_database_begin (db, &error));
  add_colleague (db, "Dana Whitfield", "first");

  later.db = db;
  later.delay_ms = 300;
  thread = g_thread_new ("commit-later", commit_later_thread, &later);

  start = g_get_monotonic_time ();
  g_assert_true (rapport_database_begin (other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * G_TIME_SPAN_MILLISECOND);
  add_colleague (other, "Ravi Okafor", "second");
  g_assert_true (rapport_database_commit (other, &error));
  g_assert_no_error (error);

  g_thread_join (thread);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague"), ==, 2);

  g_assert_finalize_object (other);
  g_assert_finalize_object (db);
}

static void
test_backup_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *restored_path = g_build_filename (f->dir, "restored.db", NULL);
  g_autofree char *key_sql = dup_backup_key_sql (RAPPORT_DATABASE_BACKUP_KDF_ITER);
  g_autofree char *original = NULL;
  g_autofree char *from_backup = NULL;
  g_autofree char *from_restore = NULL;
  RapportDatabase *db = create_database (f);
  RapportDatabase *restored;
  sqlite3 *plain = NULL;
  struct stat st;

  fill_database (db);
  original = dump_connection (rapport_database_get_handle (db));
  g_assert_nonnull (strstr (original, "Badge office"));
  g_assert_nonnull (strstr (original, "x'89504e470d0a1a0a00ff'"));
  {
    g_autofree char *version = g_strdup_printf ("user_version %u\n",
                                                rapport_database_get_latest_version ());

    g_assert_nonnull (strstr (original, version));
  }

  export_backup (db, backup);

  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);

  /* Any SQLCipher reads it with the passphrase and the documented settings. */
  g_assert_cmpint (open_plain (backup, key_sql, &plain), ==, SQLITE_OK);
  from_backup = dump_connection (plain);
  sqlite3_close (plain);
  g_assert_cmpstr (from_backup, ==, original);

  g_assert_true (rapport_database_restore_backup (backup, backup_passphrase, restored_path,
                                                  f->other_key, NULL, &error));
  g_assert_no_error (error);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, "restored.db", NULL);
  g_assert_cmpint (g_stat (restored_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  restored = rapport_database_open (restored_path, f->other_key, RAPPORT_DATABASE_OPEN_EXISTING,
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  from_restore = dump_connection (rapport_database_get_handle (restored));
  g_assert_cmpstr (from_restore, ==, original);
  g_assert_true (rapport_database_check_integrity (restored, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (restored);
  g_assert_finalize_object (db);
}

static void
test_backup_encrypted (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *backup = backup_path (f);
  g_autofree char *default_kdf_sql = dup_backup_key_sql (0);
  g_autofree char *sqlcipher3_default_sql = dup_backup_key_sql (64000);
  g_autofree char *right_sql = dup_backup_key_sql (RAPPORT_DATABASE_BACKUP_KDF_ITER);
  g_autofree char *contents = NULL;
  RapportDatabase *db = create_database (f);
  char raw_key_sql[200];
  GString *hex = g_string_new (NULL);
  gsize length = 0;

  fill_database (db);
  export_backup (db, backup);
  g_assert_finalize_object (db);

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_false (contains_bytes (contents, length, plaintext_marker));
  g_assert_false (contains_bytes (contents, length, "SQLite format 3"));

  /* Not the journal's key: the backup stands on the passphrase alone. */
  for (guint i = 0; i < RAPPORT_DATABASE_KEY_SIZE; i++)
    g_string_append_printf (hex, "%02x", f->key[i]);
  g_snprintf (raw_key_sql, sizeof raw_key_sql,
              "PRAGMA key = \"x'%s'\"; PRAGMA cipher_page_size = 1024;", hex->str);
  g_string_free (hex, TRUE);
  g_assert_cmpint (open_plain (backup, raw_key_sql, NULL), ==, SQLITE_NOTADB);

  /* The iteration count is part of the format: the defaults do not open it. */
  g_assert_cmpint (open_plain (backup, default_kdf_sql, NULL), ==, SQLITE_NOTADB);
  g_assert_cmpint (open_plain (backup, sqlcipher3_default_sql, NULL), ==, SQLITE_NOTADB);
  g_assert_cmpint (open_plain (backup, right_sql, NULL), ==, SQLITE_OK);
}

static void
test_backup_replaces_target (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *backup = backup_path (f);
  g_autofree char *key_sql = dup_backup_key_sql (RAPPORT_DATABASE_BACKUP_KDF_ITER);
  RapportDatabase *db = create_database (f);

  g_assert_true (g_file_set_contents (backup, "an older backup", -1, NULL));
  add_colleague (db, "Dana Whitfield", "first");
  export_backup (db, backup);
  g_assert_cmpint (open_plain (backup, key_sql, NULL), ==, SQLITE_OK);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);

  g_assert_finalize_object (db);
}

typedef struct
{
  GCancellable *cancellable;
  guint         delay_ms;
} CancelLater;

static gpointer
cancel_later_thread (gpointer user_data)
{
  CancelLater *later = user_data;

  g_usleep (later->delay_ms * 1000);
  g_cancellable_cancel (later->cancellable);

  return NULL;
}

static void
test_backup_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *contents = NULL;
  RapportDatabase *db;
  CancelLater later;
  GThread *thread;

  make_large_database (f);
  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (backup, "an older backup", -1, NULL));

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_database_export_backup (db, backup, backup_passphrase, cancellable,
                                                  &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);

  /* Cancelled while the key is derived or the rows are copied: the temporary file exists by
   * then and must go again. */
  g_cancellable_reset (cancellable);
  later.cancellable = cancellable;
  later.delay_ms = 20;
  thread = g_thread_new ("cancel-later", cancel_later_thread, &later);
  g_assert_false (rapport_database_export_backup (db, backup, backup_passphrase, cancellable,
                                                  &error));
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);

  g_assert_true (g_file_get_contents (backup, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an older backup");

  /* The connection is still usable, the backup file detached again: a second try works. */
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM colleague"), ==, 200);
  export_backup (db, backup);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);
  g_assert_finalize_object (db);
}

static void
test_backup_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "backup", NULL);
  RapportDatabase *db = create_database (f);

  g_assert_false (rapport_database_export_backup (db, missing, backup_passphrase, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (rapport_database_export_backup (db, missing, "", NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);

  assert_folder_holds (f->dir, "journal.db", NULL);
  g_assert_finalize_object (db);
}

static void
assert_restore_fails (Fixture    *f,
                      const char *backup,
                      const char *passphrase,
                      int         code,
                      int         other_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *restored_path = g_build_filename (f->dir, "restored.db", NULL);
  g_autofree char *journal = g_strconcat (restored_path, "-journal", NULL);

  g_assert_false (rapport_database_restore_backup (backup, passphrase, restored_path,
                                                   f->other_key, NULL, &error));
  g_assert_nonnull (error);
  if (error != NULL)
    {
      g_assert_true (error->domain == RAPPORT_DATABASE_ERROR);
      if (error->code != code)
        g_assert_cmpint (error->code, ==, other_code);
      g_assert_cmpstr (error->message, !=, "");
    }

  g_assert_false (g_file_test (restored_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_restore_wrong_passphrase (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *restored_path = g_build_filename (f->dir, "restored.db", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  RapportDatabase *db = create_database (f);

  fill_database (db);
  export_backup (db, backup);
  g_assert_finalize_object (db);
  checksum = rapport_test_checksum_file (backup);

  assert_restore_fails (f, backup, "it's quoted — Pässword 42", -1,
                        RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);
  /* Case matters. */
  assert_restore_fails (f, backup, "IT’S “QUOTED” — PÄSSWORD 42", -1,
                        RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);

  g_assert_false (rapport_database_restore_backup (backup, "wrong passphrase", restored_path,
                                                   f->other_key, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "passphrase"));

  /* Reading never changes the backup. */
  checksum_after = rapport_test_checksum_file (backup);
  g_assert_cmpstr (checksum, ==, checksum_after);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);
}

static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  RapportDatabase *db;
  gsize length = 0;

  make_large_database (f);
  db = rapport_database_open (f->path, f->key, RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  export_backup (db, backup);
  g_assert_finalize_object (db);

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 20 * 1024);

  /* Cut in the middle of a page. */
  g_assert_true (g_file_set_contents (backup, contents, length - 100, NULL));
  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_CORRUPT, -1);

  /* Whole pages missing. */
  g_assert_true (g_file_set_contents (backup, contents, length - 4 * 1024, NULL));
  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_CORRUPT,
                        RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);

  /* Flipped bytes in the last page. */
  damaged = g_memdup2 (contents, length);
  for (gsize i = 0; i < 16; i++)
    damaged[length - 512 + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (backup, damaged, length, NULL));
  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_CORRUPT,
                        RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);

  /* Flipped bytes in the first page. */
  memcpy (damaged, contents, length);
  for (gsize i = 0; i < 16; i++)
    damaged[100 + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (backup, damaged, length, NULL));
  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_CORRUPT,
                        RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);

  /* Not there, and empty. */
  g_assert_true (g_file_set_contents (backup, "", 0, NULL));
  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_CORRUPT, -1);
  g_unlink (backup);
  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_NOT_FOUND, -1);
}

static void
test_restore_existing (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  RapportDatabase *db = create_database (f);

  fill_database (db);
  export_backup (db, backup);
  g_assert_finalize_object (db);

  /* Never over a file that is there, not even a journal with the same key. */
  checksum = rapport_test_checksum_file (f->path);
  g_assert_false (rapport_database_restore_backup (backup, backup_passphrase, f->path, f->key,
                                                   NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_EXISTS);
  checksum_after = rapport_test_checksum_file (f->path);
  g_assert_cmpstr (checksum, ==, checksum_after);
}

static void
test_restore_newer_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *backup = backup_path (f);
  RapportDatabase *db = create_database (f);

  add_row (db, "PRAGMA user_version = 99");
  export_backup (db, backup);
  g_assert_finalize_object (db);

  assert_restore_fails (f, backup, backup_passphrase, RAPPORT_DATABASE_ERROR_NEWER_SCHEMA, -1);
}

static void
test_restore_migrates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *restored_path = g_build_filename (f->dir, "restored.db", NULL);
  RapportDatabase *db;

  /* A backup of schema 0 (no tables yet) comes back at the latest schema. */
  db = rapport_database_open_with_migrations (f->path, f->key, RAPPORT_DATABASE_OPEN_CREATE,
                                              NULL, 0, &error);
  g_assert_no_error (error);
  export_backup (db, backup);
  g_assert_finalize_object (db);

  g_assert_true (rapport_database_restore_backup (backup, backup_passphrase, restored_path,
                                                  f->other_key, NULL, &error));
  g_assert_no_error (error);

  db = rapport_database_open (restored_path, f->other_key, RAPPORT_DATABASE_OPEN_EXISTING,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_database_get_schema_version (db),
                    ==, rapport_database_get_latest_version ());
  g_assert_true (has_table (db, "colleague"));
  g_assert_finalize_object (db);
}

static void
test_restore_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_path (f);
  g_autofree char *restored_path = g_build_filename (f->dir, "restored.db", NULL);
  RapportDatabase *db = create_database (f);

  export_backup (db, backup);
  g_assert_finalize_object (db);

  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_database_restore_backup (backup, backup_passphrase, restored_path,
                                                   f->other_key, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_folder_holds (f->dir, "journal.db", BACKUP_NAME, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/rapport/database/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create-and-reopen", test_create_and_reopen);
  ADD ("create-makes-folder", test_create_makes_folder);
  ADD ("create-over-existing", test_create_over_existing);
  ADD ("open-missing", test_open_missing);
  ADD ("wrong-key", test_wrong_key);
  ADD ("truncated", test_truncated);
  ADD ("empty-file", test_empty_file);
  ADD ("flipped-page", test_flipped_page);
  ADD ("missing-pages", test_missing_pages);
  ADD ("encrypted-at-rest", test_encrypted_at_rest);
  ADD ("cipher-and-pragmas", test_cipher_and_pragmas);
  ADD ("schema", test_schema);
  ADD ("migrations", test_migrations);
  ADD ("migration-snapshot", test_migration_snapshot);
  ADD ("last-interaction-migration", test_last_interaction_migration);
  ADD ("card-migration", test_card_migration);
  ADD ("fresh-schema-matches-migrated", test_fresh_schema_matches_migrated);
  ADD ("failing-migration", test_failing_migration);
  ADD ("failing-first-migration", test_failing_first_migration);
  ADD ("newer-schema", test_newer_schema);
  ADD ("transactions", test_transactions);
  ADD ("prepare-cache", test_prepare_cache);
  ADD ("set-error", test_set_error);
  ADD ("open-another", test_open_another);
  ADD ("open-another-migrations", test_open_another_migrations);
  ADD ("busy-timeout", test_busy_timeout);
  ADD ("backup-round-trip", test_backup_round_trip);
  ADD ("backup-encrypted", test_backup_encrypted);
  ADD ("backup-replaces-target", test_backup_replaces_target);
  ADD ("backup-cancelled", test_backup_cancelled);
  ADD ("backup-unwritable", test_backup_unwritable);
  ADD ("restore-wrong-passphrase", test_restore_wrong_passphrase);
  ADD ("restore-damaged", test_restore_damaged);
  ADD ("restore-existing", test_restore_existing);
  ADD ("restore-newer-schema", test_restore_newer_schema);
  ADD ("restore-migrates", test_restore_migrates);
  ADD ("restore-cancelled", test_restore_cancelled);

#undef ADD

  return g_test_run ();
}
