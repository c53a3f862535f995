/* test-store.c
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

#define G_LOG_DOMAIN "rapport-test-store"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rapport-store.h"
#include "rapport-test-utils.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

typedef struct
{
  char            *dir;
  char            *path;
  RapportDatabase *database;
  RapportStore    *store;
  GArray          *items_changed;
  guint            n_changed;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  ItemsChanged change = { position, removed, added };

  g_array_append_val (fixture->items_changed, change);
}

static void
changed_cb (RapportStore *store,
            Fixture      *fixture)
{
  fixture->n_changed++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
open_store (Fixture                 *fixture,
            RapportDatabaseOpenMode  mode)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 0);
  fixture->store = rapport_test_open_store (fixture->path, key, mode, &fixture->database);

  g_signal_connect (rapport_store_get_colleagues (fixture->store), "items-changed",
                    G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
close_store (Fixture *fixture)
{
  g_signal_handlers_disconnect_by_data (rapport_store_get_colleagues (fixture->store), fixture);
  g_signal_handlers_disconnect_by_data (fixture->store, fixture);

  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->database));
}

/* A new store on a newly opened connection: what the next start of the app sees. */
static void
reopen_store (Fixture *fixture)
{
  close_store (fixture);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
  g_array_set_size (fixture->items_changed, 0);
  fixture->n_changed = 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_tmp_dir ("store");
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->items_changed = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));

  open_store (fixture, RAPPORT_DATABASE_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (fixture);

  g_assert_true (rapport_test_remove_tree (fixture->dir));

  g_clear_pointer (&fixture->items_changed, g_array_unref);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
assert_items_changed (Fixture *fixture,
                      guint    index,
                      guint    position,
                      guint    removed,
                      guint    added)
{
  g_assert_cmpuint (fixture->items_changed->len, >, index);
  if (fixture->items_changed->len <= index)
    return;

  g_assert_cmpuint (g_array_index (fixture->items_changed, ItemsChanged, index).position, ==,
                    position);
  g_assert_cmpuint (g_array_index (fixture->items_changed, ItemsChanged, index).removed, ==,
                    removed);
  g_assert_cmpuint (g_array_index (fixture->items_changed, ItemsChanged, index).added, ==, added);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rapport_database_prepare (fixture->database, sql, &error);
  gint64 count = -1;

  g_assert_no_error (error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* The model keeps it alive. */
static RapportColleague *
add_colleague (Fixture    *fixture,
               const char *name,
               const char *role,
               const char *notes)
{
  return rapport_test_add_colleague (fixture->store, "name", name, "role", role, "notes", notes,
                                     NULL);
}

static void
assert_same_fields (RapportColleague *a,
                    RapportColleague *b)
{
  GBytes *photo_a = rapport_colleague_get_photo (a);
  GBytes *photo_b = rapport_colleague_get_photo (b);

  rapport_test_assert_same_colleague (a, b);
  g_assert_cmpint (rapport_colleague_get_id (a), ==, rapport_colleague_get_id (b));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (a), ==, rapport_colleague_get_raw_vcard (b));
  g_assert_true ((photo_a == NULL) == (photo_b == NULL));
  if (photo_a != NULL && photo_b != NULL)
    g_assert_true (g_bytes_equal (photo_a, photo_b));
}

static GArray *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = rapport_store_search_colleagues (fixture->store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return ids;
}

/* The ids a query finds, in order, as "3,1,2": one readable comparison per case. */
static char *
search_ids (Fixture    *fixture,
            const char *query)
{
  g_autoptr(GArray) ids = search (fixture, query);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));

  return g_string_free (text, FALSE);
}

/* Ids as search_ids() writes them; the list ends with 0. */
#define IDS(...) ids_text (__VA_ARGS__, (gint64) 0)

static char *
ids_text (gint64 first,
          ...)
{
  GString *text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len > 0 ? "," : "", id);
  va_end (args);

  return g_string_free (text, FALSE);
}

static void
assert_search (Fixture    *fixture,
               const char *query,
               const char *expected)
{
  g_autofree char *found = search_ids (fixture, query);

  g_test_message ("search “%s”", query);
  g_assert_cmpstr (found, ==, expected);
}

static void
test_add_find (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  RapportColleague *ana;
  RapportColleague *bo;
  g_autoptr(RapportColleague) first = NULL;
  g_autoptr(RapportColleague) second = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after;

  g_assert_true (rapport_store_get_database (fixture->store) == fixture->database);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == RAPPORT_TYPE_COLLEAGUE);

  ana = rapport_colleague_new ("Ana Pedrosa");
  rapport_colleague_set_birthday (ana, "04-12");
  g_assert_true (rapport_store_add_colleague (fixture->store, ana, &error));
  g_assert_no_error (error);
  g_object_unref (ana);

  bo = add_colleague (fixture, "Bo Lindqvist", "PT", "");
  after = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (rapport_colleague_get_id (ana), >, 0);
  g_assert_cmpint (rapport_colleague_get_id (bo), >, rapport_colleague_get_id (ana));
  g_assert_cmpint (rapport_colleague_get_created_at (ana), >=, before);
  g_assert_cmpint (rapport_colleague_get_created_at (ana), <=, after);
  g_assert_cmpint (rapport_colleague_get_updated_at (ana), ==,
                   rapport_colleague_get_created_at (ana));
  g_assert_cmpstr (rapport_colleague_get_birthday (ana), ==, "--04-12");

  /* The model holds the very objects that were added, in order. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_true (first == ana);
  g_assert_true (second == bo);
  g_assert_true (rapport_store_find_colleague (fixture->store,
                                               rapport_colleague_get_id (ana)) == ana);
  g_assert_true (rapport_store_find_colleague (fixture->store,
                                               rapport_colleague_get_id (bo)) == bo);
  g_assert_null (rapport_store_find_colleague (fixture->store, 12345));
  g_assert_null (rapport_store_find_colleague (fixture->store, 0));

  g_assert_cmpuint (fixture->items_changed->len, ==, 2);
  assert_items_changed (fixture, 0, 0, 0, 1);
  assert_items_changed (fixture, 1, 1, 0, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM search"), ==, 2);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(RapportColleague) stranger = NULL;
  RapportColleague *ana = add_colleague (fixture, "Ana", "RN", "first notes");
  gint64 created_at = rapport_colleague_get_created_at (ana);
  guint notifications = 0;

  g_array_set_size (fixture->items_changed, 0);
  fixture->n_changed = 0;

  changes = rapport_colleague_dup (ana);
  rapport_colleague_set_name (changes, "Ana Pedrosa");
  rapport_colleague_set_notes (changes, "second notes");
  rapport_colleague_set_birthday (changes, "02-29");
  rapport_colleague_set_support_kind (changes, RAPPORT_SUPPORT_KIND_PEER);
  rapport_colleague_set_cadence_days (changes, 21);
  /* What an editor holds may be stale: the store keeps its own creation time. */
  rapport_colleague_set_created_at (changes, 1);

  g_signal_connect (ana, "notify::name", G_CALLBACK (count_notify_cb), &notifications);

  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);

  /* Updated in place: same object, no items-changed, one notification for the name. */
  g_assert_true (rapport_store_find_colleague (fixture->store, rapport_colleague_get_id (ana))
                 == ana);
  g_assert_cmpstr (rapport_colleague_get_name (ana), ==, "Ana Pedrosa");
  g_assert_cmpstr (rapport_colleague_get_notes (ana), ==, "second notes");
  g_assert_cmpstr (rapport_colleague_get_role (ana), ==, "RN");
  g_assert_cmpstr (rapport_colleague_get_birthday (ana), ==, "--02-29");
  g_assert_cmpint (rapport_colleague_get_support_kind (ana), ==, RAPPORT_SUPPORT_KIND_PEER);
  g_assert_cmpuint (rapport_colleague_get_cadence_days (ana), ==, 21);
  g_assert_cmpint (rapport_colleague_get_created_at (ana), ==, created_at);
  g_assert_cmpint (rapport_colleague_get_updated_at (ana), >=, created_at);
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpuint (fixture->items_changed->len, ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_signal_handlers_disconnect_by_data (ana, &notifications);

  /* Unknown ids */
  stranger = rapport_colleague_new ("Nobody");
  g_assert_false (rapport_store_update_colleague (fixture->store, stranger, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_colleague_set_id (stranger, 4242);
  g_assert_false (rapport_store_update_colleague (fixture->store, stranger, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* It is on disk, not only in the model. */
  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, rapport_colleague_get_id (changes));
  g_assert_nonnull (ana);
  if (ana != NULL)
    {
      g_assert_cmpstr (rapport_colleague_get_name (ana), ==, "Ana Pedrosa");
      g_assert_cmpstr (rapport_colleague_get_notes (ana), ==, "second notes");
      g_assert_cmpstr (rapport_colleague_get_birthday (ana), ==, "--02-29");
      g_assert_cmpint (rapport_colleague_get_created_at (ana), ==, created_at);
    }
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportColleague *ana = add_colleague (fixture, "Ana", "", "");
  gint64 id = rapport_colleague_get_id (ana);
  guint notifications = 0;

  fixture->n_changed = 0;
  g_array_set_size (fixture->items_changed, 0);
  g_signal_connect (ana, "notify::archived", G_CALLBACK (count_notify_cb), &notifications);

  g_assert_true (rapport_store_set_colleague_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_colleague_get_archived (ana));
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* Already archived: nothing to write, nothing to tell. */
  g_assert_true (rapport_store_set_colleague_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  g_assert_false (rapport_store_set_colleague_archived (fixture->store, id + 100, TRUE, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->items_changed->len, ==, 0);
  g_signal_handlers_disconnect_by_data (ana, &notifications);

  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (ana);
  if (ana != NULL)
    g_assert_true (rapport_colleague_get_archived (ana));

  g_assert_true (rapport_store_set_colleague_archived (fixture->store, id, FALSE, &error));
  g_assert_no_error (error);
  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (ana);
  if (ana != NULL)
    g_assert_false (rapport_colleague_get_archived (ana));
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportStoreUndo) cy_undo = NULL;
  g_autoptr(RapportColleague) item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  RapportColleague *bo;
  RapportColleague *cy;
  gint64 bo_id;
  gint64 cy_id;
  gint64 created_at;

  add_colleague (fixture, "Ana", "", "");
  bo = add_colleague (fixture, "Bo", "", "tea");
  cy = add_colleague (fixture, "Cy", "", "");
  bo_id = rapport_colleague_get_id (bo);
  cy_id = rapport_colleague_get_id (cy);
  created_at = rapport_colleague_get_created_at (bo);
  before = rapport_store_colleagues_to_json_lines (fixture->store);

  fixture->n_changed = 0;
  g_array_set_size (fixture->items_changed, 0);

  g_assert_true (rapport_store_delete_colleague (fixture->store, bo_id, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_null (rapport_store_find_colleague (fixture->store, bo_id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (fixture->items_changed->len, ==, 1);
  assert_items_changed (fixture, 0, 1, 1, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM search"), ==, 2);
  if (undo != NULL)
    {
      g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_COLLEAGUE), ==, 1);
      g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_INTERACTION), ==,
                        0);
    }

  g_assert_false (rapport_store_delete_colleague (fixture->store, bo_id, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* Undo: same id, same timestamps, back in its place. */
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  bo = rapport_store_find_colleague (fixture->store, bo_id);
  g_assert_nonnull (bo);
  if (bo != NULL)
    {
      g_assert_cmpint (rapport_colleague_get_created_at (bo), ==, created_at);
      g_assert_cmpstr (rapport_colleague_get_notes (bo), ==, "tea");
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (fixture->items_changed->len, ==, 2);
  assert_items_changed (fixture, 1, 1, 0, 1);
  item = g_list_model_get_item (model, 1);
  g_assert_true (item == bo);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM search"), ==, 3);
  after = rapport_store_colleagues_to_json_lines (fixture->store);
  g_assert_cmpstr (after, ==, before);

  /* An undo works once, and changes nothing the second time. */
  g_assert_false (rapport_store_undo (fixture->store, undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (fixture->items_changed->len, ==, 2);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  /* Deleting the last one removes the last position; no undo asked for is fine too. */
  g_assert_true (rapport_store_delete_colleague (fixture->store, cy_id, NULL, &error));
  g_assert_no_error (error);
  assert_items_changed (fixture, 2, 2, 1, 0);

  reopen_store (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    2);
  g_assert_nonnull (rapport_store_find_colleague (fixture->store, bo_id));
  g_assert_null (rapport_store_find_colleague (fixture->store, cy_id));

  /* An undo still works after a restart of the store (the rows are in it, not in the models). */
  g_assert_true (rapport_store_delete_colleague (fixture->store, bo_id, &cy_undo, &error));
  g_assert_no_error (error);
  reopen_store (fixture);
  g_assert_true (rapport_store_undo (fixture->store, cy_undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rapport_store_find_colleague (fixture->store, bo_id));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) nameless = rapport_colleague_new ("   ");
  g_autoptr(RapportColleague) bad_email = rapport_colleague_new ("Dee");
  g_autoptr(RapportColleague) changes = NULL;
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  RapportColleague *ana = add_colleague (fixture, "Ana", "RN", "kept");
  gint64 id = rapport_colleague_get_id (ana);
  gint64 updated_at = rapport_colleague_get_updated_at (ana);

  fixture->n_changed = 0;
  g_array_set_size (fixture->items_changed, 0);

  g_assert_false (rapport_store_add_colleague (fixture->store, nameless, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==, "Enter a name");
  g_clear_error (&error);
  g_assert_cmpint (rapport_colleague_get_id (nameless), ==, 0);
  g_assert_cmpint (rapport_colleague_get_created_at (nameless), ==, 0);

  rapport_colleague_set_email (bad_email, "dee at example");
  g_assert_false (rapport_store_add_colleague (fixture->store, bad_email, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  changes = rapport_colleague_dup (ana);
  rapport_colleague_set_notes (changes, "lost");
  rapport_colleague_set_birthday (changes, "2023-02-29");
  g_assert_false (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (rapport_colleague_get_notes (ana), ==, "kept");
  g_assert_cmpint (rapport_colleague_get_updated_at (ana), ==, updated_at);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (fixture->items_changed->len, ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* Nothing reached the file. */
  reopen_store (fixture);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM search"), ==, 1);
  ana = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (ana);
  if (ana != NULL)
    g_assert_cmpstr (rapport_colleague_get_notes (ana), ==, "kept");
  g_assert_null (rapport_store_find_colleague (fixture->store, 999));
}

/* A failure halfway through a write (here: the search index is gone) rolls the row back too,
 * and the model does not move. */
static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) newcomer = rapport_colleague_new ("Newcomer");
  g_autoptr(RapportColleague) changes = NULL;
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  RapportColleague *ana = add_colleague (fixture, "Ana", "RN", "kept");
  gint64 id = rapport_colleague_get_id (ana);

  fixture->n_changed = 0;
  g_array_set_size (fixture->items_changed, 0);

  g_assert_true (rapport_database_exec (fixture->database, "DROP TABLE search", &error));
  g_assert_no_error (error);

  g_assert_false (rapport_store_add_colleague (fixture->store, newcomer, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (rapport_colleague_get_id (newcomer), ==, 0);

  changes = rapport_colleague_dup (ana);
  rapport_colleague_set_notes (changes, "lost");
  g_assert_false (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (rapport_colleague_get_notes (ana), ==, "kept");

  g_assert_false (rapport_store_delete_colleague (fixture->store, id, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (rapport_store_find_colleague (fixture->store, id) == ana);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (fixture->items_changed->len, ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* The file agrees with the model. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 1);
  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (ana);
  if (ana != NULL)
    g_assert_cmpstr (rapport_colleague_get_notes (ana), ==, "kept");
}

static void
test_persist (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) saved = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  RapportColleague *full = g_object_new (RAPPORT_TYPE_COLLEAGUE,
                                         "name", "Zoë O’Neil-Ødegård 李小龍",
                                         "role", "Hospitalist",
                                         "specialty", "Internal “medicine”",
                                         "organization", "St. Mary's; DROP TABLE colleague;--",
                                         "phone", "+1 (555) 010-2030 ext. 7",
                                         "email", "zoe@example.org",
                                         "messaging", "@zoe:matrix.org",
                                         "interests", "bouldering\nfermentation",
                                         "support-kind", RAPPORT_SUPPORT_KIND_LOCAL_GUIDE,
                                         "birthday", "1990-02-28",
                                         "notes", "Line 1\nLine 2\t\\ \"quoted\" 🙂",
                                         "cadence-days", 42u,
                                         "archived", TRUE,
                                         NULL);
  GListModel *model;

  g_assert_true (rapport_store_add_colleague (fixture->store, full, &error));
  g_assert_no_error (error);
  saved = full;
  add_colleague (fixture, "Plain", "", "");

  model = rapport_store_get_colleagues (fixture->store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) item = g_list_model_get_item (model, i);

      g_ptr_array_add (before, rapport_colleague_dup (item));
    }

  reopen_store (fixture);

  model = rapport_store_get_colleagues (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->len);
  for (guint i = 0; i < before->len && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) loaded = g_list_model_get_item (model, i);

      assert_same_fields (before->pdata[i], loaded);
    }
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const char *syntax[] = {
    "\"", "*", "OR", "NEAR", "-", "'", "ana OR bo", "NEAR/2", "ana NEAR pedrosa", "-ana",
    "ana -pedrosa", "\"ana", "title:ana", "body:tapas", "(ana", "ana)", "^ana", "ana*", "**",
    "AND NOT", "''; DROP TABLE search; --", "a\"b'c", "%", "_", "\\", "ana \"peña\"",
    "\xff\xfe", "a b c d e f g h i j k l m n o p q r s t u v w x y z",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) changes = NULL;
  g_autofree char *expected = NULL;
  RapportColleague *ana = add_colleague (fixture, "Ana Pedrosa", "RN", "");
  RapportColleague *jose = add_colleague (fixture, "José Peña", "Hospitalist",
                                          "Loves tapas and flamenco");
  RapportColleague *aaron = add_colleague (fixture, "Aaron Smith", "PT", "");
  RapportColleague *zoe = add_colleague (fixture, "Zoe Pedersen", "", "");
  RapportColleague *mei = add_colleague (fixture, "Mei-Ling O’Brien", "", "");
  gint64 ana_id = rapport_colleague_get_id (ana);
  gint64 jose_id = rapport_colleague_get_id (jose);
  gint64 aaron_id = rapport_colleague_get_id (aaron);
  gint64 zoe_id = rapport_colleague_get_id (zoe);
  gint64 mei_id = rapport_colleague_get_id (mei);

  changes = rapport_colleague_dup (aaron);
  rapport_colleague_set_specialty (changes, "Pediatrics");
  rapport_colleague_set_organization (changes, "Mercy General");
  rapport_colleague_set_interests (changes, "sourdough, kayaking");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);

  /* Accents folded both ways, case ignored, every word a prefix. */
  expected = IDS (jose_id);
  assert_search (fixture, "pena", expected);
  assert_search (fixture, "Peña", expected);
  assert_search (fixture, "PEÑA", expected);
  assert_search (fixture, "pen", expected);
  assert_search (fixture, "jose", expected);
  assert_search (fixture, "JOSÉ", expected);
  assert_search (fixture, "Jose\xcc\x81", expected);   /* decomposed é */
  g_clear_pointer (&expected, g_free);

  expected = IDS (ana_id);
  assert_search (fixture, "ana ped", expected);
  assert_search (fixture, "ped ana", expected);
  assert_search (fixture, "  Ana,  Ped!  ", expected);
  assert_search (fixture, "ana pedrosa rn", expected);
  g_clear_pointer (&expected, g_free);
  assert_search (fixture, "ana pedersen", "");
  assert_search (fixture, "anapedrosa", "");

  /* Other fields */
  expected = IDS (jose_id);
  assert_search (fixture, "tapas", expected);
  assert_search (fixture, "flamen", expected);
  assert_search (fixture, "hospitalist", expected);
  g_clear_pointer (&expected, g_free);
  expected = IDS (aaron_id);
  assert_search (fixture, "sourdough", expected);
  assert_search (fixture, "kayak", expected);
  assert_search (fixture, "mercy", expected);
  assert_search (fixture, "pediatrics", expected);
  assert_search (fixture, "pt", expected);
  g_clear_pointer (&expected, g_free);

  /* Names first, each group alphabetical: Aaron matches only through his specialty. */
  expected = IDS (ana_id, zoe_id, aaron_id);
  assert_search (fixture, "ped", expected);
  g_clear_pointer (&expected, g_free);

  /* Words split at punctuation, as in names. */
  expected = IDS (mei_id);
  assert_search (fixture, "ling", expected);
  assert_search (fixture, "mei ling", expected);
  assert_search (fixture, "Mei-Ling", expected);
  assert_search (fixture, "o'brien", expected);
  assert_search (fixture, "brien", expected);
  g_clear_pointer (&expected, g_free);

  /* Nothing to look for */
  assert_search (fixture, "", "");
  assert_search (fixture, "   ", "");
  assert_search (fixture, "!!! --- ***", "");
  assert_search (fixture, "\"'*-()", "");
  assert_search (fixture, "nobody", "");

  /* Query syntax a person may type never reaches FTS as syntax. */
  for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
    {
      g_autoptr(GArray) ids = NULL;

      g_test_message ("syntax query %u", i);
      ids = rapport_store_search_colleagues (fixture->store, syntax[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_clear_error (&error);
    }

  /* Updated text is found, the old text is gone. */
  rapport_colleague_set_notes (changes, "Prefers salsa");
  rapport_colleague_set_interests (changes, "");
  rapport_colleague_set_name (changes, "Aaron Smithers");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  expected = IDS (aaron_id);
  assert_search (fixture, "salsa", expected);
  assert_search (fixture, "smithers", expected);
  g_clear_pointer (&expected, g_free);
  assert_search (fixture, "sourdough", "");
  assert_search (fixture, "kayak", "");

  /* Archived colleagues are still found; deleted ones are not. */
  g_assert_true (rapport_store_set_colleague_archived (fixture->store, zoe_id, TRUE, &error));
  g_assert_no_error (error);
  expected = IDS (zoe_id);
  assert_search (fixture, "pedersen", expected);
  g_clear_pointer (&expected, g_free);

  g_assert_true (rapport_store_delete_colleague (fixture->store, jose_id, NULL, &error));
  g_assert_no_error (error);
  assert_search (fixture, "tapas", "");
  assert_search (fixture, "pena", "");

  /* The index survives a restart. */
  reopen_store (fixture);
  expected = IDS (ana_id);
  assert_search (fixture, "ana ped", expected);
  g_clear_pointer (&expected, g_free);
  assert_search (fixture, "pena", "");
}

static void
test_json_lines (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  RapportColleague *tricky = g_object_new (RAPPORT_TYPE_COLLEAGUE,
                                           "name", "Zoë \"Zed\" O’Neil 李",
                                           "role", "RN\\charge",
                                           "email", "zoe@example.org",
                                           "phone", "+1 555 010 2030",
                                           "messaging", "@zoe:matrix.org",
                                           "support-kind", RAPPORT_SUPPORT_KIND_LOCAL_GUIDE,
                                           "birthday", "--07-04",
                                           "interests", "tabs\tand\nnewlines",
                                           "notes", "line 1\nline 2\r\n\"quoted\" 🙂 </script>",
                                           "cadence-days", 30u,
                                           NULL);
  RapportColleague *plain;
  guint n_lines;

  text = rapport_store_colleagues_to_json_lines (fixture->store);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  g_assert_true (rapport_store_add_colleague (fixture->store, tricky, &error));
  g_assert_no_error (error);
  g_object_unref (tricky);
  plain = add_colleague (fixture, "Plain", "", "");
  g_assert_true (rapport_store_set_colleague_archived (fixture->store,
                                                       rapport_colleague_get_id (plain), TRUE,
                                                       &error));
  g_assert_no_error (error);

  text = rapport_store_colleagues_to_json_lines (fixture->store);
  g_assert_true (g_str_has_suffix (text, "\n"));
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, ==, 3);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (guint i = 0; i + 1 < n_lines && i < 2; i++)
    {
      RapportColleague *expected = i == 0 ? tricky : plain;
      g_autoptr(JsonNode) node = json_from_string (lines[i], &error);
      g_autoptr(GDateTime) created = NULL;
      g_autofree char *created_text = NULL;
      JsonObject *object;
      RapportSupportKind kind;

      g_assert_no_error (error);
      g_assert_nonnull (node);
      if (node == NULL)
        continue;
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      object = json_node_get_object (node);

      g_assert_cmpint (json_object_get_int_member (object, "id"), ==,
                       rapport_colleague_get_id (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==,
                       rapport_colleague_get_name (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "role"), ==,
                       rapport_colleague_get_role (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "specialty"), ==,
                       rapport_colleague_get_specialty (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "organization"), ==,
                       rapport_colleague_get_organization (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "email"), ==,
                       rapport_colleague_get_email (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "phone"), ==,
                       rapport_colleague_get_phone (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "messaging"), ==,
                       rapport_colleague_get_messaging (expected));
      kind = rapport_colleague_get_support_kind (expected);
      g_assert_cmpstr (json_object_get_string_member (object, "support_kind"), ==,
                       rapport_support_kind_to_nick (kind));
      g_assert_cmpstr (json_object_get_string_member (object, "birthday"), ==,
                       rapport_colleague_get_birthday (expected));
      g_assert_cmpint (json_object_get_int_member (object, "cadence_days"), ==,
                       rapport_colleague_get_cadence_days (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "interests"), ==,
                       rapport_colleague_get_interests (expected));
      g_assert_cmpstr (json_object_get_string_member (object, "notes"), ==,
                       rapport_colleague_get_notes (expected));

      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "archived")));
      g_assert_true (json_node_get_value_type (json_object_get_member (object, "archived"))
                     == G_TYPE_BOOLEAN);
      g_assert_cmpint (json_object_get_boolean_member (object, "archived"), ==,
                       rapport_colleague_get_archived (expected));

      created = g_date_time_new_from_unix_utc (rapport_colleague_get_created_at (expected));
      created_text = g_date_time_format_iso8601 (created);
      g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==, created_text);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "updated_at"), "Z"));
      g_assert_true (json_object_get_null_member (object, "photo"));
      g_assert_cmpstr (json_object_get_string_member (object, "raw_vcard"), ==, "");
      g_assert_cmpuint (json_object_get_size (object), ==, 18);
      if (i == 0)
        g_assert_cmpstr (json_object_get_string_member (object, "support_kind"), ==,
                         "local-guide");
    }
}

#define RAW_CARD "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pia\r\nitem1.URL:https://example.org\r\n" \
                 "item1.X-ABLabel:Blog\r\nEND:VCARD\r\n"

static void
test_photo_raw_vcard (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GBytes) other = g_bytes_new_static (jpeg, 4);
  g_autoptr(RapportColleague) pia = rapport_colleague_new ("Pia");
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(RapportColleague) before = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *encoded = NULL;
  RapportColleague *stored;
  JsonObject *object;
  gint64 id;

  rapport_colleague_set_photo (pia, photo);
  rapport_colleague_set_raw_vcard (pia, RAW_CARD);
  g_assert_true (rapport_store_add_colleague (fixture->store, pia, &error));
  g_assert_no_error (error);
  id = rapport_colleague_get_id (pia);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"
                                        " WHERE typeof(photo) = 'blob' AND length(photo) = 11"
                                        " AND raw_vcard LIKE '%X-ABLabel%'"),
                   ==, 1);

  /* A colleague without either has no card row. */
  add_colleague (fixture, "Plain", "", "");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"), ==, 1);

  /* The next start leaves the card in the journal until it is asked for. */
  reopen_store (fixture);
  stored = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (stored);
  if (stored == NULL)
    return;
  g_assert_cmpuint (rapport_colleague_get_card_read (stored), ==, 0);
  g_assert_null (rapport_colleague_get_photo (stored));

  /* JSON: the photo as base64, the card as text, read for it and not kept. */
  json = rapport_store_colleagues_to_json_lines (fixture->store);
  g_assert_true (json_parser_load_from_data (parser, json, strchr (json, '\n') - json, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  encoded = g_base64_encode (jpeg, sizeof jpeg);
  g_assert_cmpstr (json_object_get_string_member (object, "photo"), ==, encoded);
  g_assert_cmpstr (json_object_get_string_member (object, "raw_vcard"), ==, RAW_CARD);
  g_assert_cmpuint (rapport_colleague_get_card_read (stored), ==, 0);

  g_assert_true (rapport_store_ensure_colleague_card (fixture->store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_colleague_get_card_read (stored), ==, RAPPORT_COLLEAGUE_CARD_ALL);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (stored), photo));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (stored), ==, RAW_CARD);

  /* Update: a new photo, then none, and the card cleared. */
  changes = rapport_colleague_dup (stored);
  rapport_colleague_set_photo (changes, other);
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (stored), other));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"
                                        " WHERE length(photo) = 4 AND raw_vcard IS NOT NULL"),
                   ==, 1);
  rapport_colleague_set_photo (changes, NULL);
  rapport_colleague_set_raw_vcard (changes, "");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_null (rapport_colleague_get_photo (stored));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (stored), ==, "");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"), ==, 0);
  rapport_colleague_set_photo (changes, photo);
  rapport_colleague_set_raw_vcard (changes, RAW_CARD);
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);

  /* Delete takes the card row; undo brings both back. */
  before = rapport_colleague_dup (stored);
  g_assert_true (rapport_store_delete_colleague (fixture->store, id, &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"), ==, 0);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"), ==, 1);
  stored = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (stored);
  if (stored != NULL)
    {
      g_assert_true (rapport_store_ensure_colleague_card (fixture->store, stored, &error));
      g_assert_no_error (error);
      assert_same_fields (before, stored);
    }

  reopen_store (fixture);
  stored = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (stored);
  if (stored != NULL)
    {
      g_assert_true (rapport_store_ensure_colleague_card (fixture->store, stored, &error));
      g_assert_no_error (error);
      assert_same_fields (before, stored);
    }

  /* Too large a photo is refused with nothing written. */
  {
    g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (RAPPORT_MAX_PHOTO_SIZE + 1),
                                               RAPPORT_MAX_PHOTO_SIZE + 1);
    g_autoptr(RapportColleague) big = rapport_colleague_new ("Big");

    rapport_colleague_set_photo (big, huge);
    g_assert_false (rapport_store_add_colleague (fixture->store, big, &error));
    g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 2);
  }
}

/* A colleague loaded at startup has not read its card: saving it, or an editor's copy of it,
 * keeps the photo and the card in the journal; a part set on the copy replaces only that part. */
static void
test_unread_card_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(RapportColleague) pia = rapport_colleague_new ("Pia");
  g_autoptr(RapportColleague) copy = NULL;
  g_autoptr(RapportColleague) edited = NULL;
  g_autoptr(RapportColleague) partial = NULL;
  RapportColleague *stored;
  gint64 id;

  rapport_colleague_set_photo (pia, photo);
  rapport_colleague_set_raw_vcard (pia, RAW_CARD);
  g_assert_true (rapport_store_add_colleague (fixture->store, pia, &error));
  g_assert_no_error (error);
  id = rapport_colleague_get_id (pia);

  reopen_store (fixture);
  stored = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (stored);
  if (stored == NULL)
    return;
  g_assert_cmpuint (rapport_colleague_get_card_read (stored), ==, 0);

  /* The copy an editor works on, saved with a new role. */
  copy = rapport_colleague_dup (stored);
  g_assert_cmpuint (rapport_colleague_get_card_read (copy), ==, 0);
  rapport_colleague_set_role (copy, "Charge nurse");
  g_assert_true (rapport_store_update_colleague (fixture->store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_colleague_get_role (stored), ==, "Charge nurse");
  g_assert_cmpuint (rapport_colleague_get_card_read (stored), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"
                                        " WHERE length(photo) = 11"
                                        " AND raw_vcard LIKE '%X-ABLabel%'"),
                   ==, 1);

  /* The same through assign, onto an object of the editor's own. */
  edited = rapport_colleague_new ("");
  rapport_colleague_assign (edited, stored);
  rapport_colleague_set_id (edited, id);
  g_assert_cmpuint (rapport_colleague_get_card_read (edited), ==, 0);
  rapport_colleague_set_notes (edited, "Runs the night shift");
  g_assert_true (rapport_store_update_colleague (fixture->store, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"
                                        " WHERE length(photo) = 11"
                                        " AND raw_vcard LIKE '%X-ABLabel%'"),
                   ==, 1);

  /* Archiving touches no card either. */
  g_assert_true (rapport_store_set_colleague_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);

  /* Only the raw card set: the photo stays. */
  partial = rapport_colleague_dup (stored);
  rapport_colleague_set_raw_vcard (partial,
                                   "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pia\r\nEND:VCARD\r\n");
  g_assert_cmpuint (rapport_colleague_get_card_read (partial), ==,
                    RAPPORT_COLLEAGUE_CARD_RAW_VCARD);
  g_assert_true (rapport_store_update_colleague (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"
                                        " WHERE length(photo) = 11"
                                        " AND raw_vcard LIKE 'BEGIN%FN:Pia%'"
                                        " AND raw_vcard NOT LIKE '%X-ABLabel%'"),
                   ==, 1);

  /* Reading the card on demand leaves a part set since alone. */
  rapport_colleague_set_raw_vcard (partial, "");
  g_assert_true (rapport_store_ensure_colleague_card (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (partial), photo));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (partial), ==, "");

  /* A photo removed on purpose is removed: with the card cleared, the row goes. */
  g_assert_true (rapport_store_update_colleague (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM colleague_card WHERE photo IS NOT NULL"),
                   ==, 1);
  rapport_colleague_set_photo (partial, NULL);
  g_assert_true (rapport_store_update_colleague (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"), ==, 0);

  /* The next start still has every other field. */
  reopen_store (fixture);
  stored = rapport_store_find_colleague (fixture->store, id);
  g_assert_nonnull (stored);
  if (stored == NULL)
    return;
  g_assert_cmpstr (rapport_colleague_get_notes (stored), ==, "Runs the night shift");

  /* One part set where the journal has no card: a row with that part only. */
  g_clear_object (&partial);
  partial = rapport_colleague_dup (stored);
  rapport_colleague_set_raw_vcard (partial, RAW_CARD);
  g_assert_true (rapport_store_update_colleague (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_card"
                                        " WHERE photo IS NULL AND raw_vcard LIKE '%X-ABLabel%'"),
                   ==, 1);

  g_assert_true (rapport_store_ensure_colleague_card (fixture->store, stored, &error));
  g_assert_no_error (error);
  g_assert_null (rapport_colleague_get_photo (stored));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (stored), ==, RAW_CARD);
}

static RapportColleague *
new_card (const char *name,
          const char *email,
          const char *phone,
          const char *role)
{
  RapportColleague *card = rapport_colleague_new (name);

  rapport_colleague_set_email (card, email);
  rapport_colleague_set_phone (card, phone);
  rapport_colleague_set_role (card, role);

  return card;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  RapportStoreImportCounts counts = { 9, 9, 9 };
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  RapportColleague *ana = add_colleague (fixture, "Ana Souza", "RN", "");
  RapportColleague *ben = add_colleague (fixture, "Ben Okafor", "", "kept");
  RapportColleague *cy = add_colleague (fixture, "Cy Park", "", "");
  RapportColleague *added;
  g_autoptr(RapportColleague) unchanged = NULL;

  rapport_colleague_set_email (ben, "Ben@Example.org");
  rapport_colleague_set_phone (cy, "(303) 555-0100");
  g_assert_true (rapport_store_update_colleague (fixture->store, ben, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_update_colleague (fixture->store, cy, &error));
  g_assert_no_error (error);
  unchanged = rapport_colleague_dup (ana);

  fixture->n_changed = 0;
  g_array_set_size (fixture->items_changed, 0);

  /* Same name with other accents, case and spacing: fills the empty email, keeps the role. */
  g_ptr_array_add (cards, new_card ("  ANA   Söuza ", "ana@example.org", "", "MD"));
  /* Same email, other case. */
  g_ptr_array_add (cards, new_card ("Benjamin", "ben@example.org", "", "Charge nurse"));
  /* Same phone with a country prefix. */
  g_ptr_array_add (cards, new_card ("C. Park", "", "+1 303 555 0100", "RT"));
  /* New, and then a duplicate of it inside the same file. */
  g_ptr_array_add (cards, new_card ("Dee Lund", "dee@example.org", "", ""));
  g_ptr_array_add (cards, new_card ("Dee L.", "DEE@example.org", "", "PA"));
  /* Invalid: skipped. */
  g_ptr_array_add (cards, new_card ("Eve", "not an email", "", ""));
  /* Short numbers that differ are different people. */
  g_ptr_array_add (cards, new_card ("Fay", "", "555-0100", ""));

  g_assert_true (rapport_store_import_colleagues (fixture->store, cards,
                                                  RAPPORT_STORE_IMPORT_MERGE_EXACT, &counts,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.imported, ==, 2);
  g_assert_cmpuint (counts.merged, ==, 4);
  g_assert_cmpuint (counts.skipped, ==, 1);

  g_assert_cmpstr (rapport_colleague_get_name (ana), ==, "Ana Souza");
  g_assert_cmpstr (rapport_colleague_get_role (ana), ==, "RN");
  g_assert_cmpstr (rapport_colleague_get_email (ana), ==, "ana@example.org");
  g_assert_cmpstr (rapport_colleague_get_name (ben), ==, "Ben Okafor");
  g_assert_cmpstr (rapport_colleague_get_email (ben), ==, "Ben@Example.org");
  g_assert_cmpstr (rapport_colleague_get_role (ben), ==, "Charge nurse");
  g_assert_cmpstr (rapport_colleague_get_notes (ben), ==, "kept");
  g_assert_cmpstr (rapport_colleague_get_role (cy), ==, "RT");
  g_assert_cmpstr (rapport_colleague_get_phone (cy), ==, "(303) 555-0100");

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  added = g_list_model_get_item (model, 3);
  g_assert_cmpstr (rapport_colleague_get_name (added), ==, "Dee Lund");
  g_assert_cmpstr (rapport_colleague_get_role (added), ==, "PA");
  g_assert_cmpint (rapport_colleague_get_id (added), >, rapport_colleague_get_id (cy));
  g_clear_object (&added);
  added = g_list_model_get_item (model, 4);
  g_assert_cmpstr (rapport_colleague_get_name (added), ==, "Fay");
  g_clear_object (&added);

  /* One append per new colleague, nothing else; one "changed". */
  g_assert_cmpuint (fixture->items_changed->len, ==, 2);
  assert_items_changed (fixture, 0, 3, 0, 1);
  assert_items_changed (fixture, 1, 4, 0, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* The file agrees with the model. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 5);
  reopen_store (fixture);
  ana = rapport_store_find_colleague (fixture->store, rapport_colleague_get_id (unchanged));
  g_assert_nonnull (ana);
  if (ana != NULL)
    {
      g_assert_cmpstr (rapport_colleague_get_role (ana), ==, "RN");
      g_assert_cmpstr (rapport_colleague_get_email (ana), ==, "ana@example.org");
    }
  {
    g_autofree char *found = search_ids (fixture, "dee");

    g_assert_cmpstr (found, !=, "");
  }
}

static void
test_import_rollback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  RapportStoreImportCounts counts = { 9, 9, 9 };
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  RapportColleague *ana = add_colleague (fixture, "Ana", "", "kept");

  fixture->n_changed = 0;
  g_array_set_size (fixture->items_changed, 0);

  g_ptr_array_add (cards, new_card ("Newcomer", "", "", ""));
  g_ptr_array_add (cards, new_card ("Ana", "ana@example.org", "", "RN"));

  /* The rows are written and then their index entries fail. */
  g_assert_true (rapport_database_exec (fixture->database, "DROP TABLE search", &error));
  g_assert_no_error (error);

  g_assert_false (rapport_store_import_colleagues (fixture->store, cards,
                                                   RAPPORT_STORE_IMPORT_MERGE_EXACT, &counts,
                                                   &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (counts.imported, ==, 9);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (rapport_colleague_get_email (ana), ==, "");
  g_assert_cmpstr (rapport_colleague_get_role (ana), ==, "");
  g_assert_cmpuint (fixture->items_changed->len, ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague WHERE email != ''"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("add-find", test_add_find);
  ADD_TEST ("update", test_update);
  ADD_TEST ("archive", test_archive);
  ADD_TEST ("delete-undo", test_delete_undo);
  ADD_TEST ("invalid", test_invalid);
  ADD_TEST ("rollback", test_rollback);
  ADD_TEST ("persist", test_persist);
  ADD_TEST ("search", test_search);
  ADD_TEST ("json-lines", test_json_lines);
  ADD_TEST ("photo-raw-vcard", test_photo_raw_vcard);
  ADD_TEST ("unread-card-kept", test_unread_card_kept);
  ADD_TEST ("import", test_import);
  ADD_TEST ("import-rollback", test_import_rollback);

#undef ADD_TEST

  return g_test_run ();
}
