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

  g_assert_cmpuint (rapport_database_get_schema_version (db), ==, 1);
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
  RapportDatabase *db = create_database (f);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Colleague %u", i);
      g_autofree char *notes = g_strnfill (200, 'a' + i % 26);

      add_colleague (db, name, notes);
    }
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
  g_assert_cmpint (query_int64 (db, "PRAGMA user_version"), ==, 1);

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
  ADD ("failing-migration", test_failing_migration);
  ADD ("failing-first-migration", test_failing_first_migration);
  ADD ("newer-schema", test_newer_schema);
  ADD ("transactions", test_transactions);
  ADD ("prepare-cache", test_prepare_cache);
  ADD ("set-error", test_set_error);

#undef ADD

  return g_test_run ();
}
