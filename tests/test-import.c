/* test-import.c
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

#define G_LOG_DOMAIN "rapport-test-import"

#include "config.h"

#include "rapport-import.h"
#include "rapport-test-utils.h"

typedef struct
{
  char            *dir;
  char            *path;
  RapportDatabase *database;
  RapportStore    *store;
  guint            n_changed;
  guint            n_items_changed;
} Fixture;

typedef struct
{
  GAsyncResult *result;
  guint         n_progress;
  guint         last_done;
  guint         last_total;
  gboolean      monotonic;
  GCancellable *cancel_on_progress;
} Wait;

static void
changed_cb (RapportStore *store,
            Fixture      *fixture)
{
  fixture->n_changed++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_items_changed++;
}

static void
open_store (Fixture                 *fixture,
            RapportDatabaseOpenMode  mode)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 7);
  fixture->store = rapport_test_open_store (fixture->path, key, mode, &fixture->database);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
  g_signal_connect (rapport_store_get_colleagues (fixture->store), "items-changed",
                    G_CALLBACK (items_changed_cb), fixture);
}

static void
close_store (Fixture *fixture)
{
  g_signal_handlers_disconnect_by_data (rapport_store_get_colleagues (fixture->store), fixture);
  g_signal_handlers_disconnect_by_data (fixture->store, fixture);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->database));
}

static void
reopen_store (Fixture *fixture)
{
  close_store (fixture);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
  fixture->n_changed = 0;
  fixture->n_items_changed = 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_tmp_dir ("import");
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);
  open_store (fixture, RAPPORT_DATABASE_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (fixture);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static RapportColleague *
add (Fixture    *fixture,
     const char *name,
     const char *email,
     const char *phone,
     const char *role)
{
  RapportColleague *colleague = rapport_test_add_colleague (fixture->store,
                                                            "name", name,
                                                            "email", email,
                                                            "phone", phone,
                                                            "role", role,
                                                            NULL);

  fixture->n_changed = 0;
  fixture->n_items_changed = 0;

  return colleague;
}

static char *
card (const char *name,
      const char *email,
      const char *phone,
      const char *title)
{
  GString *text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\n");

  g_string_append_printf (text, "FN:%s\r\n", name);
  if (*email != '\0')
    g_string_append_printf (text, "EMAIL:%s\r\n", email);
  if (*phone != '\0')
    g_string_append_printf (text, "TEL:%s\r\n", phone);
  if (*title != '\0')
    g_string_append_printf (text, "TITLE:%s\r\n", title);
  g_string_append (text, "END:VCARD\r\n");

  return g_string_free (text, FALSE);
}

static RapportImport *
load (Fixture    *fixture,
      const char *text)
{
  g_autoptr(GError) error = NULL;
  RapportImport *import = rapport_import_new (fixture->store);

  g_assert_true (rapport_import_load_data (import, text, strlen (text), &error));
  g_assert_no_error (error);

  return import;
}

static guint
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rapport_database_prepare (fixture->database, sql, &error);
  guint count = 0;

  g_assert_no_error (error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* Ana and Ben are in the journal; the file has both, someone new twice (by email), and a card
 * that cannot be read. */
static char *
mixed_file (void)
{
  g_autofree char *ana = card ("ANA  Souza", "", "+1 (303) 555-0101", "Charge nurse");
  g_autofree char *ben = card ("Benjamin O.", "BEN@example.org", "", "RT");
  g_autofree char *cy = card ("Cy Park", "cy@example.org", "", "");
  g_autofree char *cy_again = card ("C. Park", "CY@example.org", "", "Pharmacist");

  return g_strconcat (ana, ben, cy, "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", cy_again,
                      NULL);
}

static void
test_review (Fixture       *fixture,
             gconstpointer  data)
{
  RapportColleague *ana = add (fixture, "Ana Souza", "", "303-555-0101", "");
  RapportColleague *ben = add (fixture, "Ben Okafor", "ben@example.org", "", "");
  g_autofree char *text = mixed_file ();
  g_autoptr(RapportImport) import = load (fixture, text);
  GPtrArray *problems = rapport_import_get_problems (import);

  g_assert_cmpuint (rapport_import_get_n_cards (import), ==, 4);
  g_assert_cmpuint (rapport_import_get_n_duplicates (import), ==, 2);
  g_assert_true (rapport_import_get_match (import, 0) == ana);
  g_assert_true (rapport_import_get_match (import, 1) == ben);
  g_assert_null (rapport_import_get_match (import, 2));
  g_assert_null (rapport_import_get_match (import, 3));
  g_assert_cmpint (rapport_import_get_action (import, 0), ==, RAPPORT_IMPORT_ACTION_MERGE);
  g_assert_cmpint (rapport_import_get_action (import, 2), ==, RAPPORT_IMPORT_ACTION_ADD);
  g_assert_cmpstr (rapport_colleague_get_name (rapport_import_get_card (import, 2)), ==,
                   "Cy Park");

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((RapportVCardProblem *) problems->pdata[0])->card, ==, 4);

  rapport_import_set_duplicates_action (import, RAPPORT_IMPORT_ACTION_SKIP);
  g_assert_cmpint (rapport_import_get_action (import, 0), ==, RAPPORT_IMPORT_ACTION_SKIP);
  g_assert_cmpint (rapport_import_get_action (import, 1), ==, RAPPORT_IMPORT_ACTION_SKIP);
  g_assert_cmpint (rapport_import_get_action (import, 2), ==, RAPPORT_IMPORT_ACTION_ADD);

  /* Loading touched nothing. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 2);
}

static void
test_run_choices (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportColleague *ana = add (fixture, "Ana Souza", "", "303-555-0101", "");
  RapportColleague *ben = add (fixture, "Ben Okafor", "ben@example.org", "", "");
  g_autofree char *text = mixed_file ();
  g_autoptr(RapportImport) import = load (fixture, text);
  RapportStoreImportCounts counts = { 0, };
  GListModel *model = rapport_store_get_colleagues (fixture->store);

  /* Ana merges (the default), Ben is added as a second person, the two Cy cards are one. */
  rapport_import_set_action (import, 1, RAPPORT_IMPORT_ACTION_ADD);
  g_assert_true (rapport_import_run (import, &counts, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (counts.imported, ==, 2);
  g_assert_cmpuint (counts.merged, ==, 2);
  g_assert_cmpuint (counts.skipped, ==, 0);
  g_assert_cmpstr (rapport_colleague_get_role (ana), ==, "Charge nurse");
  g_assert_cmpstr (rapport_colleague_get_name (ana), ==, "Ana Souza");
  g_assert_cmpstr (rapport_colleague_get_role (ben), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_items_changed, ==, 2);

  /* Cannot run twice. */
  g_assert_false (rapport_import_run (import, &counts, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);

  g_clear_object (&import);
  reopen_store (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    4);
  model = rapport_store_get_colleagues (fixture->store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      /* The second Cy card filled what the first left empty. */
      if (g_str_equal (rapport_colleague_get_name (colleague), "Cy Park"))
        g_assert_cmpstr (rapport_colleague_get_role (colleague), ==, "Pharmacist");
    }
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM colleague WHERE name = 'Cy Park'"),
                    ==, 1);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM colleague "
                                         "WHERE name = 'Benjamin O.'"), ==, 1);
}

static void
test_skip_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mixed_file ();
  g_autoptr(RapportImport) import = NULL;
  RapportStoreImportCounts counts = { 0, };

  add (fixture, "Ana Souza", "", "303-555-0101", "");
  import = load (fixture, text);
  for (guint i = 0; i < rapport_import_get_n_cards (import); i++)
    rapport_import_set_action (import, i, RAPPORT_IMPORT_ACTION_SKIP);

  g_assert_true (rapport_import_run (import, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.imported, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, 4);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 1);
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Wait *wait = user_data;

  if (done < wait->last_done || done > total)
    wait->monotonic = FALSE;
  wait->n_progress++;
  wait->last_done = done;
  wait->last_total = total;

  if (wait->cancel_on_progress != NULL)
    g_cancellable_cancel (wait->cancel_on_progress);
}

static gboolean
has_result (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

/* n people, each with a photo-less card and a folded note line. */
static char *
many_cards (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u Example\r\n"
                            "EMAIL:person%u@example.org\r\nTEL:+1 303 555 %04u\r\n"
                            "ORG:General Hospital\r\nTITLE:Nurse\r\n"
                            "NOTE:A note long enough to be folded by the writer of this file a\r\n"
                            " nd to be unfolded again by the reader\r\nEND:VCARD\r\n",
                            i, i, i % 10000);

  return g_string_free (text, FALSE);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);

  return path;
}

static void
load_file (Fixture       *fixture,
           RapportImport *import,
           const char    *path,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait wait = { 0, };

  rapport_import_load_file_async (import, file, NULL, async_done_cb, &wait);
  g_assert_true (rapport_test_wait_until (has_result, &wait, 30000));
  rapport_import_load_file_finish (import, wait.result, error);
  g_clear_object (&wait.result);
}

static RapportColleague *
add_with_photo (Fixture      *fixture,
                const char   *name,
                const char   *email,
                const guint8 *photo,
                gsize         photo_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) colleague = rapport_colleague_new (name);

  rapport_colleague_set_email (colleague, email);
  if (photo != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (photo, photo_size);

      rapport_colleague_set_photo (colleague, bytes);
    }
  g_assert_true (rapport_store_add_colleague (fixture->store, colleague, &error));
  g_assert_no_error (error);

  return colleague;
}

static guint
count_card (Fixture    *fixture,
            gint64      id,
            const char *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM colleague_card"
                                          " WHERE colleague_id = %" G_GINT64_FORMAT " AND %s",
                                          id, condition);

  return count_rows (fixture, sql);
}

/* The journal loads without photos: a merge reads the colleague's own first, keeps it, and
 * takes the card's only where there was none. */
static void
test_merge_photos (Fixture       *fixture,
                   gconstpointer  data)
{
  static const guint8 journal_jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x01, 0x02, 0x03, 0xff, 0xd9 };
  static const guint8 card_jpeg[] = { 0xff, 0xd8, 0xff, 0xdb, 0x09, 0x08, 0x07, 0xff, 0xd9 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportImport) import = NULL;
  g_autoptr(GBytes) journal_photo = g_bytes_new_static (journal_jpeg, sizeof journal_jpeg);
  g_autoptr(GBytes) card_photo = g_bytes_new_static (card_jpeg, sizeof card_jpeg);
  g_autofree char *encoded = g_base64_encode (card_jpeg, sizeof card_jpeg);
  g_autofree char *text = NULL;
  RapportStoreImportCounts counts = { 0, };
  RapportColleague *ana;
  RapportColleague *ben;
  Wait wait = { 0, };
  gint64 ana_id;
  gint64 ben_id;

  ana_id = rapport_colleague_get_id (add_with_photo (fixture, "Ana Souza", "ana@example.org",
                                                     journal_jpeg, sizeof journal_jpeg));
  ben_id = rapport_colleague_get_id (add_with_photo (fixture, "Ben Okafor", "ben@example.org",
                                                     NULL, 0));
  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, ana_id);
  g_assert_nonnull (ana);
  if (ana == NULL)
    return;
  g_assert_null (rapport_colleague_get_photo (ana));

  text = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@example.org\r\n"
                          "X-CUSTOM:ana\r\nPHOTO;ENCODING=b;TYPE=JPEG:%s\r\nEND:VCARD\r\n"
                          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Okafor\r\nEMAIL:ben@example.org\r\n"
                          "X-CUSTOM:ben\r\nPHOTO;ENCODING=b;TYPE=JPEG:%s\r\nEND:VCARD\r\n",
                          encoded, encoded);
  import = load (fixture, text);
  g_assert_cmpuint (rapport_import_get_n_duplicates (import), ==, 2);

  /* In a worker, on a connection of its own, as the import dialog runs it. */
  rapport_import_run_async (import, NULL, NULL, NULL, NULL, async_done_cb, &wait);
  g_assert_true (rapport_test_wait_until (has_result, &wait, 30000));
  g_assert_true (rapport_import_run_finish (import, wait.result, &counts, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (counts.merged, ==, 2);

  g_assert_cmpuint (count_card (fixture, ana_id, "photo = x'ffd8ffe0010203ffd9'"), ==, 1);
  g_assert_cmpuint (count_card (fixture, ana_id, "raw_vcard LIKE '%X-CUSTOM:ana%'"), ==, 1);
  g_assert_cmpuint (count_card (fixture, ana_id, "photo = x'ffd8ffdb090807ffd9'"), ==, 0);
  g_assert_cmpuint (count_card (fixture, ben_id, "photo = x'ffd8ffdb090807ffd9'"), ==, 1);
  g_assert_cmpuint (count_card (fixture, ben_id, "raw_vcard LIKE '%X-CUSTOM:ben%'"), ==, 1);

  ana = rapport_store_find_colleague (fixture->store, ana_id);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (ana), journal_photo));

  g_clear_object (&import);
  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, ana_id);
  ben = rapport_store_find_colleague (fixture->store, ben_id);
  g_assert_true (rapport_store_ensure_colleague_card (fixture->store, ana, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_ensure_colleague_card (fixture->store, ben, &error));
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (ana), journal_photo));
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (ben), card_photo));

  /* The same import again, run on the store's own connection: nothing changes the photos. */
  import = load (fixture, text);
  g_assert_true (rapport_import_run (import, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_card (fixture, ana_id, "photo = x'ffd8ffe0010203ffd9'"), ==, 1);
  g_assert_cmpuint (count_card (fixture, ben_id, "photo = x'ffd8ffdb090807ffd9'"), ==, 1);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = many_cards (3000);
  g_autofree char *path = write_file (fixture, "many.vcf", text);
  g_autoptr(RapportImport) import = rapport_import_new (fixture->store);
  RapportStoreImportCounts counts = { 0, };
  RapportColleague *first;
  RapportColleague *later;
  Wait wait = { .monotonic = TRUE };

  add (fixture, "Person 7 Example", "", "", "Chaplain");

  load_file (fixture, import, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_import_get_n_cards (import), ==, 3000);
  g_assert_cmpuint (rapport_import_get_n_duplicates (import), ==, 1);

  rapport_import_run_async (import, progress_cb, &wait, NULL, NULL, async_done_cb, &wait);
  /* Nothing reaches the models before the commit. */
  g_assert_cmpuint (fixture->n_items_changed, ==, 0);
  g_assert_true (rapport_test_wait_until (has_result, &wait, 60000));
  g_assert_true (rapport_import_run_finish (import, wait.result, &counts, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  g_assert_cmpuint (counts.imported, ==, 2999);
  g_assert_cmpuint (counts.merged, ==, 1);
  g_assert_true (wait.monotonic);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    3000);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* A colleague added afterwards gets an id no imported row has. */
  later = add (fixture, "Someone Later", "", "", "");
  first = rapport_store_find_colleague (fixture->store, rapport_colleague_get_id (later));
  g_assert_true (first == later);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 3001);

  g_clear_object (&import);
  reopen_store (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    3001);
  {
    g_autoptr(GArray) ids = rapport_store_search_colleagues (fixture->store, "person 2999", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = many_cards (20000);
  g_autofree char *path = write_file (fixture, "many.vcf", text);
  g_autoptr(RapportImport) import = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportStoreImportCounts counts = { 0, };
  Wait wait = { .monotonic = TRUE };

  add (fixture, "Already Here", "", "", "");
  close_store (fixture);
  before = rapport_test_checksum_file (fixture->path);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
  import = rapport_import_new (fixture->store);

  load_file (fixture, import, path, &error);
  g_assert_no_error (error);

  wait.cancel_on_progress = cancellable;
  rapport_import_run_async (import, progress_cb, &wait, NULL, cancellable, async_done_cb, &wait);
  g_assert_true (rapport_test_wait_until (has_result, &wait, 120000));
  g_assert_false (rapport_import_run_finish (import, wait.result, &counts, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);

  /* It got going before it was cancelled, and then nothing of it stayed. */
  g_assert_cmpuint (wait.n_progress, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    1);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 1);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM search"), ==, 1);

  g_clear_object (&import);
  close_store (fixture);
  after = rapport_test_checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
}

/* The window keeps working while a run writes: the store's own connection reads and, once the
 * import commits, writes too. */
static void
test_store_usable_while_running (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = many_cards (5000);
  g_autoptr(RapportImport) import = load (fixture, text);
  RapportStoreImportCounts counts = { 0, };
  g_autoptr(RapportColleague) colleague = rapport_colleague_new ("Written Meanwhile");
  Wait wait = { .monotonic = TRUE };

  rapport_import_run_async (import, NULL, NULL, NULL, NULL, async_done_cb, &wait);

  /* Waits for the import's transaction (busy timeout) instead of failing. */
  g_assert_true (rapport_store_add_colleague (fixture->store, colleague, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_test_wait_until (has_result, &wait, 60000));
  g_assert_true (rapport_import_run_finish (import, wait.result, &counts, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  g_assert_cmpuint (counts.imported, ==, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    5001);
  g_clear_object (&import);
  reopen_store (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    5001);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *not_vcard = write_file (fixture, "notes.txt", "Just some notes\nand more\n");
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.vcf", NULL);
  g_autoptr(RapportImport) import = rapport_import_new (fixture->store);
  g_autoptr(RapportImport) second = rapport_import_new (fixture->store);

  load_file (fixture, import, not_vcard, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_import_get_n_cards (import), ==, 0);

  load_file (fixture, second, missing, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.vcf"));
}

/* The corpus as real address books write it: every readable card lands in the journal. */
static void
test_corpus_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("RAPPORT_SOURCE_ROOT"), "tests", "data",
                                            "vcard", "several.vcf", NULL);
  g_autoptr(RapportImport) import = rapport_import_new (fixture->store);
  RapportStoreImportCounts counts = { 0, };
  guint n_cards;

  load_file (fixture, import, path, &error);
  g_assert_no_error (error);
  n_cards = rapport_import_get_n_cards (import);
  g_assert_cmpuint (n_cards, >, 1);
  g_assert_true (rapport_import_run (import, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.imported + counts.merged + counts.skipped, ==, n_cards);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    counts.imported);
}

/* The summary agrees each word with its own number, in French too, where 0 and 1 are singular. */
static void
test_describe_counts (void)
{
  RapportStoreImportCounts counts = { .imported = 3, .merged = 1, .skipped = 0 };
  RapportStoreImportCounts french_counts = { .imported = 1, .merged = 0, .skipped = 2 };
  g_autofree char *english = rapport_import_describe_counts (&counts);
  g_autofree char *previous_locale = NULL;
  g_autofree char *french = NULL;

  g_assert_cmpstr (english, ==, "Imported 3, merged 1, skipped 0");

  if (!rapport_test_begin_french (&previous_locale))
    return;
  french = rapport_import_describe_counts (&french_counts);
  rapport_test_end_french (previous_locale);
  g_assert_cmpstr (french, ==, "1 importée, 0 fusionnée, 2 ignorées");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("review", test_review);
  ADD_TEST ("run-choices", test_run_choices);
  ADD_TEST ("skip-all", test_skip_all);
  ADD_TEST ("async", test_async);
  ADD_TEST ("merge-photos", test_merge_photos);
  ADD_TEST ("cancel", test_cancel);
  ADD_TEST ("store-usable-while-running", test_store_usable_while_running);
  ADD_TEST ("bad-files", test_bad_files);
  ADD_TEST ("corpus-file", test_corpus_file);

#undef ADD_TEST

  g_test_add_func ("/rapport/import/describe-counts", test_describe_counts);

  return g_test_run ();
}
