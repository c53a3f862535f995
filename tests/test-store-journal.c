/* test-store-journal.c
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

#define G_LOG_DOMAIN "rapport-test-store-journal"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rapport-store.h"
#include "rapport-test-utils.h"

/* Assignments, tips, interactions, "met at" links and undo, through the store. */

typedef struct
{
  const char *model;
  guint       position;
  guint       removed;
  guint       added;
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

static const char * const model_names[] = { "colleagues", "assignments", "tips", "interactions" };

/* 2024-03-05 18:00 UTC and friends: fixed moments, so nothing depends on today. */
#define T0 G_GINT64_CONSTANT (1709661600)
#define DAY (24 * 60 * 60)

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  ItemsChanged change = {
    g_object_get_data (G_OBJECT (model), "test-name"), position, removed, added
  };

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

static GListModel *
get_model (RapportStore *store,
           guint         index)
{
  switch (index)
    {
    case 0:
      return rapport_store_get_colleagues (store);
    case 1:
      return rapport_store_get_assignments (store);
    case 2:
      return rapport_store_get_tips (store);
    default:
      return rapport_store_get_interactions (store);
    }
}

static void
open_store (Fixture                 *fixture,
            RapportDatabaseOpenMode  mode)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 3);
  fixture->store = rapport_test_open_store (fixture->path, key, mode, &fixture->database);

  for (guint i = 0; i < G_N_ELEMENTS (model_names); i++)
    {
      GListModel *model = get_model (fixture->store, i);

      g_object_set_data (G_OBJECT (model), "test-name", (gpointer) model_names[i]);
      g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), fixture);
    }
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
close_store (Fixture *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_names); i++)
    g_signal_handlers_disconnect_by_data (get_model (fixture->store, i), fixture);
  g_signal_handlers_disconnect_by_data (fixture->store, fixture);

  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
}

static void
forget_signals (Fixture *fixture)
{
  g_array_set_size (fixture->items_changed, 0);
  fixture->n_changed = 0;
}

/* A new store on a newly opened connection: what the next start of the app sees. */
static void
reopen_store (Fixture *fixture)
{
  close_store (fixture);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
  forget_signals (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_tmp_dir ("store-journal");
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

/* The items-changed emissions so far, as "tips 0-1+0, interactions 2-0+1". */
static char *
dup_changes (Fixture *fixture)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < fixture->items_changed->len; i++)
    {
      ItemsChanged *change = &g_array_index (fixture->items_changed, ItemsChanged, i);

      g_string_append_printf (text, "%s%s %u-%u+%u", i > 0 ? ", " : "", change->model,
                              change->position, change->removed, change->added);
    }

  return g_string_free (text, FALSE);
}

static void
assert_changes (Fixture    *fixture,
                const char *expected)
{
  g_autofree char *changes = dup_changes (fixture);

  g_assert_cmpstr (changes, ==, expected);
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

/* Writes behind the store's back: ?1 = first, ?2 = second. */
static void
run_with_ids (Fixture    *fixture,
              const char *sql,
              gint64      first,
              gint64      second)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rapport_database_prepare (fixture->database, sql, &error);

  g_assert_no_error (error);
  if (stmt == NULL)
    return;

  g_assert_cmpint (sqlite3_bind_int64 (stmt, 1, first), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    g_assert_cmpint (sqlite3_bind_int64 (stmt, 2, second), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Every row a query returns, one line each, columns separated by "|". */
static char *
dump_rows (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rapport_database_prepare (fixture->database, sql, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  if (stmt == NULL)
    return g_string_free (text, FALSE);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", value != NULL ? value : "NULL");
        }
      g_string_append_c (text, '\n');
    }
  sqlite3_reset (stmt);

  return g_string_free (text, FALSE);
}

/* Everything the journal holds, models and file: what undo has to put back exactly. */
static char *
dump_journal (Fixture *fixture)
{
  g_autofree char *colleagues = rapport_store_colleagues_to_json_lines (fixture->store);
  g_autofree char *assignments = rapport_store_assignments_to_json_lines (fixture->store);
  g_autofree char *tips = rapport_store_tips_to_json_lines (fixture->store);
  g_autofree char *interactions = rapport_store_interactions_to_json_lines (fixture->store);
  g_autofree char *links = dump_rows (fixture, "SELECT * FROM colleague_assignment"
                                               " ORDER BY colleague_id, assignment_id");
  g_autofree char *interaction_links = dump_rows (fixture, "SELECT * FROM interaction_colleague"
                                                           " ORDER BY 1, 2");
  g_autofree char *rows = dump_rows (fixture,
                                     "SELECT 'c', * FROM colleague ORDER BY id");
  g_autofree char *tip_rows = dump_rows (fixture, "SELECT 't', * FROM tip ORDER BY id");
  g_autofree char *reminders = dump_rows (fixture, "SELECT * FROM reminder ORDER BY id");
  g_autofree char *search = dump_rows (fixture, "SELECT docid, title, body FROM search"
                                                " ORDER BY docid");
  GListModel *model = rapport_store_get_colleagues (fixture->store);
  g_autoptr(GString) last = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      g_string_append_printf (last, "%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT "\n",
                              rapport_colleague_get_id (colleague),
                              rapport_colleague_get_last_interaction_at (colleague));
    }

  return g_strconcat (colleagues, "--\n", assignments, "--\n", tips, "--\n", interactions,
                      "--\n", links, "--\n", interaction_links, "--\n", rows, "--\n", tip_rows,
                      "--\n", reminders, "--\n", search, "--\n", last->str, NULL);
}

static RapportColleague *
add_colleague (Fixture    *fixture,
               const char *name)
{
  return rapport_test_add_colleague (fixture->store, "name", name, NULL);
}

/* The store's own object. */
static RapportAssignment *
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *city,
                const char *country,
                const char *starts_on,
                const char *ends_on,
                const char *tz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);

  rapport_assignment_set_city (assignment, city);
  rapport_assignment_set_country (assignment, country);
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  rapport_assignment_set_tz (assignment, tz);

  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_store_find_assignment (fixture->store, rapport_assignment_get_id (assignment));
}

static RapportTip *
add_tip (Fixture            *fixture,
         RapportAssignment  *assignment,
         RapportTipCategory  category,
         const char         *title,
         gint64              recommended_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTip) tip = rapport_tip_new (rapport_assignment_get_id (assignment), category,
                                               title);

  rapport_tip_set_recommended_by (tip, recommended_by);
  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);

  return rapport_store_find_tip (fixture->store, rapport_tip_get_id (tip));
}

/* ids: colleague ids ending with 0. */
static RapportInteraction *
add_interaction (Fixture                *fixture,
                 RapportInteractionKind  kind,
                 gint64                  occurred_at,
                 const char             *body,
                 ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (kind, occurred_at);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, body);
  for (gint64 id = va_arg (args, gint64); id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);

  rapport_interaction_set_body (interaction, body);
  rapport_interaction_set_colleague_ids (interaction, (const gint64 *) ids->data, ids->len);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);

  return rapport_store_find_interaction (fixture->store, rapport_interaction_get_id (interaction));
}

static gint64
id_of (gpointer item)
{
  if (RAPPORT_IS_COLLEAGUE (item))
    return rapport_colleague_get_id (item);
  if (RAPPORT_IS_ASSIGNMENT (item))
    return rapport_assignment_get_id (item);
  if (RAPPORT_IS_TIP (item))
    return rapport_tip_get_id (item);
  if (RAPPORT_IS_INTERACTION (item))
    return rapport_interaction_get_id (item);

  g_assert_not_reached ();
  return 0;
}

static char *
dup_ids_text (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));

  return g_string_free (text, FALSE);
}

/* Ids as dup_ids_text() writes them; the list ends with 0. */
#define IDS(...) ids_text (__VA_ARGS__, (gint64) 0)

static char *
ids_text (gint64 first,
          ...)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);

  return dup_ids_text (ids);
}

static void
assert_ids (GArray     *ids,
            char       *expected)
{
  g_autofree char *owned_expected = expected;
  g_autofree char *text = dup_ids_text (ids);

  g_assert_cmpstr (text, ==, owned_expected);
}

static char *
dup_interaction_colleagues (RapportInteraction *interaction)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_ids = 0;
  const gint64 *values = rapport_interaction_get_colleague_ids (interaction, &n_ids);

  g_array_append_vals (ids, values, n_ids);

  return dup_ids_text (ids);
}

static gboolean
search_finds (Fixture         *fixture,
              const char      *query,
              RapportItemKind  kind,
              gint64           id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = rapport_store_search (fixture->store, query, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (results, i);

      if (rapport_search_result_get_kind (result) == kind &&
          rapport_search_result_get_id (result) == id)
        return TRUE;
    }

  return FALSE;
}

static void
test_assignment_crud (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAssignment) first = rapport_assignment_new ("St. Brendan Regional");
  g_autoptr(RapportAssignment) changes = NULL;
  g_autoptr(RapportAssignment) nameless = rapport_assignment_new ("  ");
  g_autoptr(RapportAssignment) backwards = rapport_assignment_new ("Mercy");
  g_autoptr(RapportAssignment) stranger = rapport_assignment_new ("Nowhere");
  g_autoptr(RapportAssignment) item = NULL;
  GListModel *model = rapport_store_get_assignments (fixture->store);
  RapportAssignment *second;
  RapportAssignment *loaded;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created_at;
  guint notifications = 0;

  g_assert_true (g_list_model_get_item_type (model) == RAPPORT_TYPE_ASSIGNMENT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  rapport_assignment_set_unit (first, "4 West");
  rapport_assignment_set_city (first, "Durango");
  rapport_assignment_set_region (first, "Colorado");
  rapport_assignment_set_country (first, "US");
  rapport_assignment_set_tz (first, "America/Denver");
  rapport_assignment_set_starts_on (first, "2024-03-04");
  rapport_assignment_set_ends_on (first, "2024-06-01");
  rapport_assignment_set_agency (first, "Aya");
  rapport_assignment_set_notes (first, "Badge office opens at 7.");
  g_assert_true (rapport_store_add_assignment (fixture->store, first, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rapport_assignment_get_id (first), >, 0);
  g_assert_cmpint (rapport_assignment_get_created_at (first), >=, before);
  g_assert_cmpint (rapport_assignment_get_updated_at (first), ==,
                   rapport_assignment_get_created_at (first));
  g_assert_true (rapport_store_find_assignment (fixture->store, id_of (first)) == first);
  item = g_list_model_get_item (model, 0);
  g_assert_true (item == first);

  second = add_assignment (fixture, "Mercy", "", "", "", "", "Pacific/Auckland");
  g_assert_cmpint (id_of (second), >, id_of (first));
  assert_changes (fixture, "assignments 0-0+1, assignments 1-0+1");
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  /* Invalid values never reach the file. */
  forget_signals (fixture);
  g_assert_false (rapport_store_add_assignment (fixture->store, nameless, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_assignment_get_id (nameless), ==, 0);

  rapport_assignment_set_starts_on (backwards, "2024-06-01");
  rapport_assignment_set_ends_on (backwards, "2024-03-01");
  g_assert_false (rapport_store_add_assignment (fixture->store, backwards, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_nonnull (error);
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  rapport_assignment_set_tz (backwards, "Mars/Olympus_Mons");
  rapport_assignment_set_ends_on (backwards, "");
  g_assert_false (rapport_store_add_assignment (fixture->store, backwards, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  rapport_assignment_set_id (stranger, 4242);
  g_assert_false (rapport_store_update_assignment (fixture->store, stranger, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assignment"), ==, 2);

  /* Updated in place, the creation time kept. */
  created_at = rapport_assignment_get_created_at (first);
  changes = rapport_assignment_dup (first);
  rapport_assignment_set_unit (changes, "ICU");
  rapport_assignment_set_ends_on (changes, "");
  rapport_assignment_set_created_at (changes, 1);
  g_signal_connect (first, "notify::unit", G_CALLBACK (count_notify_cb), &notifications);
  g_assert_true (rapport_store_update_assignment (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_data (first, &notifications);
  g_assert_cmpstr (rapport_assignment_get_unit (first), ==, "ICU");
  g_assert_cmpstr (rapport_assignment_get_ends_on (first), ==, "");
  g_assert_cmpint (rapport_assignment_get_created_at (first), ==, created_at);
  g_assert_cmpuint (notifications, ==, 1);
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* Everything is on disk; an unknown end is NULL there, "" in the object. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assignment WHERE ends_on IS NULL"),
                   ==, 2);
  reopen_store (fixture);
  loaded = rapport_store_find_assignment (fixture->store, rapport_assignment_get_id (changes));
  g_assert_nonnull (loaded);
  if (loaded != NULL)
    {
      g_assert_cmpstr (rapport_assignment_get_facility (loaded), ==, "St. Brendan Regional");
      g_assert_cmpstr (rapport_assignment_get_unit (loaded), ==, "ICU");
      g_assert_cmpstr (rapport_assignment_get_city (loaded), ==, "Durango");
      g_assert_cmpstr (rapport_assignment_get_region (loaded), ==, "Colorado");
      g_assert_cmpstr (rapport_assignment_get_country (loaded), ==, "US");
      g_assert_cmpstr (rapport_assignment_get_tz (loaded), ==, "America/Denver");
      g_assert_cmpstr (rapport_assignment_get_starts_on (loaded), ==, "2024-03-04");
      g_assert_cmpstr (rapport_assignment_get_ends_on (loaded), ==, "");
      g_assert_cmpstr (rapport_assignment_get_agency (loaded), ==, "Aya");
      g_assert_cmpstr (rapport_assignment_get_notes (loaded), ==, "Badge office opens at 7.");
      g_assert_cmpint (rapport_assignment_get_created_at (loaded), ==, created_at);
    }
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_assignments (fixture->store)), ==,
                    2);
}

/* Deleting an assignment takes its tips and links, keeps the interactions logged there, and
 * undo brings back every row, reference, model item and search entry. */
static void
test_assignment_delete_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *deleted = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportAssignment *old = add_assignment (fixture, "Old Mill Clinic", "Ouray", "US",
                                           "2023-01-02", "2023-02-01", "America/Denver");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "Durango", "US",
                                             "2024-03-04", "2024-06-01", "America/Denver");
  RapportAssignment *later = add_assignment (fixture, "Animas Surgical", "Durango", "US",
                                             "2024-07-01", "", "America/Denver");
  RapportTip *tacos = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Taco truck",
                               id_of (ada));
  RapportTip *badge = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS,
                               "Badge office", 0);
  RapportTip *elsewhere = add_tip (fixture, later, RAPPORT_TIP_CATEGORY_COFFEE, "Durango Joe",
                                   0);
  RapportInteraction *coffee = NULL;
  g_autoptr(RapportInteraction) changes = NULL;
  gint64 mercy_id = id_of (mercy);
  gint64 tacos_id = id_of (tacos);
  gint64 badge_id = id_of (badge);

  coffee = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0, "First day",
                            id_of (ada), (gint64) 0);
  changes = rapport_interaction_dup (coffee);
  rapport_interaction_set_assignment_id (changes, mercy_id);
  g_assert_true (rapport_store_update_interaction (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), mercy_id,
                                               "2024-03-05", &error));
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), id_of (later), NULL,
                                               &error));
  g_assert_no_error (error);

  before = dump_journal (fixture);
  forget_signals (fixture);

  g_assert_true (rapport_store_delete_assignment (fixture->store, mercy_id, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  if (undo == NULL)
    return;

  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_ASSIGNMENT), ==, 1);
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_TIP), ==, 2);
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_INTERACTION), ==, 0);
  g_assert_null (rapport_store_find_assignment (fixture->store, mercy_id));
  g_assert_null (rapport_store_find_tip (fixture->store, tacos_id));
  g_assert_null (rapport_store_find_tip (fixture->store, badge_id));
  g_assert_true (rapport_store_find_tip (fixture->store, id_of (elsewhere)) == elsewhere);
  g_assert_true (rapport_store_find_interaction (fixture->store, id_of (coffee)) == coffee);
  g_assert_cmpint (rapport_interaction_get_assignment_id (coffee), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction"
                                        " WHERE assignment_id IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_assignment"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tip"), ==, 1);
  /* Exact: the two tips (positions 0 and 0 again), then the assignment in the middle. */
  assert_changes (fixture, "tips 0-1+0, tips 0-1+0, assignments 1-1+0");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_false (search_finds (fixture, "mercy", RAPPORT_ITEM_KIND_ASSIGNMENT, mercy_id));
  g_assert_false (search_finds (fixture, "taco", RAPPORT_ITEM_KIND_TIP, tacos_id));
  deleted = dump_journal (fixture);

  forget_signals (fixture);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_changes (fixture, "assignments 1-0+1, tips 0-0+1, tips 1-0+1");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (rapport_interaction_get_assignment_id (coffee), ==, mercy_id);
  g_assert_true (search_finds (fixture, "mercy", RAPPORT_ITEM_KIND_ASSIGNMENT, mercy_id));
  g_assert_true (search_finds (fixture, "taco", RAPPORT_ITEM_KIND_TIP, tacos_id));
  g_assert_true (search_finds (fixture, "logistics", RAPPORT_ITEM_KIND_TIP, badge_id));
  tacos = rapport_store_find_tip (fixture->store, tacos_id);
  g_assert_nonnull (tacos);
  if (tacos != NULL)
    g_assert_cmpint (rapport_tip_get_recommended_by (tacos), ==, id_of (ada));
  g_clear_pointer (&after, g_free);

  /* Twice: refused, nothing moves. */
  forget_signals (fixture);
  g_assert_false (rapport_store_undo (fixture->store, undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT);
  g_clear_error (&error);
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* The file says the same after a restart. */
  reopen_store (fixture);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (old);
  g_assert_cmpstr (deleted, !=, before);
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *bad_dates[] = {
    "2024-02-30", "2023-02-29", "24-03-05", "2024/03/05", "2024-3-5", "tomorrow", " 2024-03-05",
    "2024-03-05T10:00", "0000-01-01", "2024-13-01", "\xff\xfe",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *met_on = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *ben = add_colleague (fixture, "Ben");
  RapportColleague *cy = add_colleague (fixture, "Cy");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "", "", "", "", "UTC");
  RapportAssignment *animas = add_assignment (fixture, "Animas", "", "", "", "", "UTC");
  gint64 mercy_id = id_of (mercy);
  gint64 ada_id = id_of (ada);
  gint64 ben_id = id_of (ben);

  forget_signals (fixture);

  /* Added in any order, listed ascending. */
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (cy), mercy_id, NULL,
                                               &error));
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), mercy_id,
                                               "2024-03-05", &error));
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), id_of (animas), "",
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  assert_changes (fixture, "");

  ids = rapport_store_dup_assignment_colleague_ids (fixture->store, mercy_id);
  assert_ids (ids, IDS (id_of (ada), id_of (cy)));
  g_clear_pointer (&ids, g_array_unref);

  ids = rapport_store_dup_colleague_assignment_ids (fixture->store, id_of (ada));
  assert_ids (ids, IDS (mercy_id, id_of (animas)));
  g_clear_pointer (&ids, g_array_unref);

  ids = rapport_store_dup_colleague_assignment_ids (fixture->store, id_of (ben));
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  met_on = rapport_store_dup_met_on (fixture->store, id_of (ada), mercy_id);
  g_assert_cmpstr (met_on, ==, "2024-03-05");
  g_clear_pointer (&met_on, g_free);
  met_on = rapport_store_dup_met_on (fixture->store, id_of (cy), mercy_id);
  g_assert_cmpstr (met_on, ==, "");
  g_clear_pointer (&met_on, g_free);
  met_on = rapport_store_dup_met_on (fixture->store, id_of (ben), mercy_id);
  g_assert_null (met_on);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_assignment"
                                        " WHERE met_on IS NULL"), ==, 2);

  /* Linking again replaces the date; the same date again is no change. */
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), mercy_id,
                                               "2024-03-06", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), mercy_id,
                                               "2024-03-06", &error));
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  met_on = rapport_store_dup_met_on (fixture->store, id_of (ada), mercy_id);
  g_assert_cmpstr (met_on, ==, "2024-03-06");
  g_clear_pointer (&met_on, g_free);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_assignment"), ==, 3);

  /* Dates must be real days. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_test_message ("bad date %u", i);
      g_assert_false (rapport_store_link_colleague (fixture->store, id_of (ben), mercy_id,
                                                    bad_dates[i], &error));
      g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ben), mercy_id,
                                               "2024-02-29", &error));
  g_assert_no_error (error);

  /* Unknown ids on either side */
  g_assert_false (rapport_store_link_colleague (fixture->store, 999, mercy_id, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_store_link_colleague (fixture->store, id_of (ben), 999, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_store_unlink_colleague (fixture->store, 999, mercy_id, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_assignment"), ==, 4);

  /* Unlinking */
  fixture->n_changed = 0;
  g_assert_true (rapport_store_unlink_colleague (fixture->store, id_of (cy), mercy_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_null (rapport_store_dup_met_on (fixture->store, id_of (cy), mercy_id));
  g_assert_true (rapport_store_unlink_colleague (fixture->store, id_of (cy), mercy_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* The objects are gone with the old store; the ids stay. */
  reopen_store (fixture);
  ids = rapport_store_dup_assignment_colleague_ids (fixture->store, mercy_id);
  assert_ids (ids, IDS (ada_id, ben_id));
  met_on = rapport_store_dup_met_on (fixture->store, ben_id, mercy_id);
  g_assert_cmpstr (met_on, ==, "2024-02-29");
}

static GDateTime *
utc (const char *iso8601)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

static void
assert_current (Fixture           *fixture,
                const char        *now_text,
                RapportAssignment *expected)
{
  g_autoptr(GDateTime) now = utc (now_text);
  RapportAssignment *current = rapport_store_get_current_assignment (fixture->store, now);

  g_test_message ("current at %s", now_text);
  g_assert_true (current == expected);
}

/* Each assignment's dates are read on its own calendar: an Auckland assignment ends while it
 * is still the same day in Denver. */
static void
test_current_assignment (Fixture       *fixture,
                         gconstpointer  data)
{
  RapportAssignment *auckland;
  RapportAssignment *denver;
  RapportAssignment *overlap;

  assert_current (fixture, "2024-03-20T10:00:00Z", NULL);

  auckland = add_assignment (fixture, "Auckland City Hospital", "Auckland", "NZ",
                             "2024-03-01", "2024-03-20", "Pacific/Auckland");
  denver = add_assignment (fixture, "Denver Health", "Denver", "US",
                           "2024-03-21", "2024-05-31", "America/Denver");

  /* 2024-03-20 23:59 in Auckland (UTC+13), 04:59 the same day in Denver. */
  assert_current (fixture, "2024-03-20T10:59:00Z", auckland);
  /* Midnight in Auckland: its last day is over; in Denver it is still the 20th. */
  assert_current (fixture, "2024-03-20T11:00:00Z", NULL);
  assert_current (fixture, "2024-03-21T05:59:59Z", NULL);
  /* Midnight in Denver (UTC-6 after the DST change on March 10) */
  assert_current (fixture, "2024-03-21T06:00:00Z", denver);
  /* First day in Auckland is the last day of February in UTC. */
  assert_current (fixture, "2024-02-29T10:59:00Z", NULL);
  assert_current (fixture, "2024-02-29T11:00:00Z", auckland);
  /* Last moment of the Denver assignment: 2024-05-31 23:59:59 MDT */
  assert_current (fixture, "2024-06-01T05:59:59Z", denver);
  assert_current (fixture, "2024-06-01T06:00:00Z", NULL);

  /* Of two current ones, the one that started last. */
  overlap = add_assignment (fixture, "Per diem shifts", "Denver", "US", "2024-04-01", "",
                            "America/Denver");
  assert_current (fixture, "2024-03-25T18:00:00Z", denver);
  assert_current (fixture, "2024-04-15T18:00:00Z", overlap);
  assert_current (fixture, "2030-01-01T18:00:00Z", overlap);
}

static char *
dup_same_site (Fixture           *fixture,
               RapportAssignment *assignment)
{
  g_autoptr(GPtrArray) found = rapport_store_find_same_site_assignments (fixture->store,
                                                                         id_of (assignment));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            rapport_assignment_get_facility (found->pdata[i]));

  return g_string_free (text, FALSE);
}

static void
test_same_site (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *text = NULL;
  RapportAssignment *now = add_assignment (fixture, "Hôpital Saint-Éloi", "Montpellier", "France",
                                           "2025-01-06", "2025-03-28", "Europe/Paris");
  RapportAssignment *same_older = add_assignment (fixture, "HOPITAL SAINT-ELOI", "", "",
                                                  "2019-05-01", "2019-06-01", "Europe/Paris");
  RapportAssignment *same_newer = add_assignment (fixture, "  hôpital saint-éloi ", "Sète",
                                                  "France", "2022-09-01", "", "Europe/Paris");
  RapportAssignment *town = add_assignment (fixture, "Clinique du Parc", "MONTPELLIER", "france",
                                            "2021-02-01", "", "Europe/Paris");
  RapportAssignment *other_country = add_assignment (fixture, "Montpellier Medical",
                                                     "Montpellier", "US", "2023-01-01", "",
                                                     "America/Denver");
  RapportAssignment *undated = add_assignment (fixture, "Hopital Saint Eloi", "Nîmes", "France",
                                               "", "", "Europe/Paris");
  RapportAssignment *twin_date = add_assignment (fixture, "Polyclinique", "Montpellier",
                                                 "France", "2021-02-01", "", "Europe/Paris");

  /* Accents, case and surrounding spaces do not count; punctuation does ("Saint Eloi"). City
   * and country together make a site; newest first, the later id first on the same day. */
  text = dup_same_site (fixture, now);
  g_assert_cmpstr (text, ==, "  hôpital saint-éloi , Polyclinique, Clinique du Parc, "
                             "HOPITAL SAINT-ELOI");
  g_clear_pointer (&text, g_free);

  /* Seen from an older one, the current one is recalled too, but never itself. */
  text = dup_same_site (fixture, same_older);
  g_assert_cmpstr (text, ==, "Hôpital Saint-Éloi,   hôpital saint-éloi ");
  g_clear_pointer (&text, g_free);

  text = dup_same_site (fixture, other_country);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  text = dup_same_site (fixture, undated);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  none = rapport_store_find_same_site_assignments (fixture->store, 12345);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_nonnull (same_newer);
  g_assert_nonnull (town);
  g_assert_nonnull (twin_date);
}

static void
test_tips (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTip) tip = NULL;
  g_autoptr(RapportTip) changes = NULL;
  g_autoptr(RapportTip) orphan = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "Durango", "US", "", "",
                                             "America/Denver");
  RapportAssignment *animas = add_assignment (fixture, "Animas", "Durango", "US", "", "",
                                              "America/Denver");
  GListModel *model = rapport_store_get_tips (fixture->store);
  RapportTip *second;
  gint64 id;
  gint64 created_at;
  guint notifications = 0;

  g_assert_true (g_list_model_get_item_type (model) == RAPPORT_TYPE_TIP);

  tip = rapport_tip_new (id_of (mercy), RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Badge office");
  rapport_tip_set_body (tip, "Basement, next to the cafeteria. Bring two IDs.");
  rapport_tip_set_address (tip, "1010 Three Springs Blvd");
  rapport_tip_set_link (tip, "geo:37.2753,-107.8801");
  rapport_tip_set_recommended_by (tip, id_of (ada));
  forget_signals (fixture);
  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);
  id = rapport_tip_get_id (tip);
  created_at = rapport_tip_get_created_at (tip);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (created_at, >, 0);
  g_assert_true (rapport_store_find_tip (fixture->store, id) == tip);
  second = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_COFFEE, "Durango Joe", 0);
  assert_changes (fixture, "tips 0-0+1, tips 1-0+1");
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  rows = dump_rows (fixture, "SELECT category, geo_uri, recommended_by, tried FROM tip"
                            " ORDER BY id");
  expected = g_strdup_printf ("hospital-logistics|geo:37.2753,-107.8801|%" G_GINT64_FORMAT
                              "|0\ncoffee||NULL|0\n", id_of (ada));
  g_assert_cmpstr (rows, ==, expected);

  /* Tried, and back: only real changes are written and told. */
  forget_signals (fixture);
  g_signal_connect (tip, "notify::tried", G_CALLBACK (count_notify_cb), &notifications);
  g_assert_true (rapport_store_set_tip_tried (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_tip_get_tried (tip));
  g_assert_true (rapport_store_set_tip_tried (fixture->store, id, TRUE, &error));
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_signal_handlers_disconnect_by_data (tip, &notifications);
  g_assert_cmpint (count_rows (fixture, "SELECT tried FROM tip ORDER BY id LIMIT 1"), ==, 1);
  g_assert_false (rapport_store_set_tip_tried (fixture->store, 999, TRUE, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Update: another category, another site, nobody recommended it. */
  changes = rapport_tip_dup (tip);
  rapport_tip_set_category (changes, RAPPORT_TIP_CATEGORY_PARKING);
  rapport_tip_set_assignment_id (changes, id_of (animas));
  rapport_tip_set_recommended_by (changes, 0);
  rapport_tip_set_created_at (changes, 5);
  g_assert_true (rapport_store_update_tip (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_tip_get_category (tip), ==, RAPPORT_TIP_CATEGORY_PARKING);
  g_assert_cmpint (rapport_tip_get_assignment_id (tip), ==, id_of (animas));
  g_assert_cmpint (rapport_tip_get_recommended_by (tip), ==, 0);
  g_assert_cmpint (rapport_tip_get_created_at (tip), ==, created_at);
  g_assert_true (rapport_tip_get_tried (tip));
  assert_changes (fixture, "");

  /* References that do not exist, and values that do not validate */
  forget_signals (fixture);
  rapport_tip_set_recommended_by (changes, 999);
  g_assert_false (rapport_store_update_tip (fixture->store, changes, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_tip_set_recommended_by (changes, 0);
  rapport_tip_set_assignment_id (changes, 999);
  g_assert_false (rapport_store_update_tip (fixture->store, changes, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_tip_set_assignment_id (changes, id_of (mercy));
  rapport_tip_set_link (changes, "javascript:alert(1)");
  g_assert_false (rapport_store_update_tip (fixture->store, changes, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_tip_set_link (changes, "");
  rapport_tip_set_title (changes, " ");
  g_assert_false (rapport_store_update_tip (fixture->store, changes, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  orphan = rapport_tip_new (0, RAPPORT_TIP_CATEGORY_FOOD, "Tacos");
  g_assert_false (rapport_store_add_tip (fixture->store, orphan, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_tip_set_assignment_id (orphan, 4242);
  g_assert_false (rapport_store_add_tip (fixture->store, orphan, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (rapport_tip_get_id (orphan), ==, 0);
  g_assert_cmpint (rapport_tip_get_category (tip), ==, RAPPORT_TIP_CATEGORY_PARKING);
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tip"), ==, 2);

  /* Delete and undo */
  before = dump_journal (fixture);
  g_assert_true (rapport_store_delete_tip (fixture->store, id, &undo, &error));
  g_assert_no_error (error);
  g_assert_null (rapport_store_find_tip (fixture->store, id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_changes (fixture, "tips 0-1+0");
  if (undo != NULL)
    g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_TIP), ==, 1);
  g_assert_false (rapport_store_delete_tip (fixture->store, id, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_changes (fixture, "tips 0-1+0, tips 0-0+1");
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);

  reopen_store (fixture);
  g_clear_pointer (&after, g_free);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (second);
}

static void
test_interactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) nobody = NULL;
  g_autoptr(RapportInteraction) stranger = NULL;
  g_autoptr(RapportInteraction) changes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *ben = add_colleague (fixture, "Ben");
  RapportColleague *cy = add_colleague (fixture, "Cy");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "", "", "", "", "UTC");
  GListModel *model = rapport_store_get_interactions (fixture->store);
  RapportInteraction *group;
  RapportInteraction *call;
  gint64 ids[] = { 0, 0 };
  gint64 created_at;

  g_assert_true (g_list_model_get_item_type (model) == RAPPORT_TYPE_INTERACTION);
  forget_signals (fixture);

  group = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, T0, "Pho after the shift",
                           id_of (cy), id_of (ada), id_of (ben), id_of (ada), (gint64) 0);
  g_assert_nonnull (group);
  if (group == NULL)
    return;
  text = dup_interaction_colleagues (group);
  expected = IDS (id_of (ada), id_of (ben), id_of (cy));
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction_colleague"), ==, 3);
  g_assert_cmpint (rapport_interaction_get_created_at (group), >, 0);
  created_at = rapport_interaction_get_created_at (group);

  call = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, T0 + DAY, "",
                          id_of (ben), (gint64) 0);
  assert_changes (fixture, "interactions 0-0+1, interactions 1-0+1");
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  g_assert_true (rapport_store_get_last_interaction (fixture->store, id_of (ada)) == group);
  g_assert_true (rapport_store_get_last_interaction (fixture->store, id_of (ben)) == call);
  g_assert_null (rapport_store_get_last_interaction (fixture->store, 999));

  /* Nobody, strangers and unknown assignments are refused, and nothing is written. */
  forget_signals (fixture);
  nobody = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE, T0);
  g_assert_false (rapport_store_add_interaction (fixture->store, nobody, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  stranger = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE, T0);
  ids[0] = id_of (ada);
  ids[1] = 999;
  rapport_interaction_set_colleague_ids (stranger, ids, 2);
  g_assert_false (rapport_store_add_interaction (fixture->store, stranger, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_interaction_set_colleague_ids (stranger, ids, 1);
  rapport_interaction_set_assignment_id (stranger, 999);
  g_assert_false (rapport_store_add_interaction (fixture->store, stranger, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_interaction_set_assignment_id (stranger, 0);
  rapport_interaction_set_occurred_at (stranger, 0);
  g_assert_false (rapport_store_add_interaction (fixture->store, stranger, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_interaction_get_id (stranger), ==, 0);
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction"), ==, 2);

  /* Update: other people, another kind, logged at an assignment. */
  changes = rapport_interaction_dup (group);
  ids[0] = id_of (cy);
  rapport_interaction_set_colleague_ids (changes, ids, 1);
  rapport_interaction_set_kind (changes, RAPPORT_INTERACTION_KIND_PEER_SUPPORT);
  rapport_interaction_set_assignment_id (changes, id_of (mercy));
  rapport_interaction_set_created_at (changes, 3);
  g_assert_true (rapport_store_update_interaction (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_find_interaction (fixture->store, id_of (group)) == group);
  text = dup_interaction_colleagues (group);
  expected = IDS (id_of (cy));
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (rapport_interaction_get_kind (group), ==,
                   RAPPORT_INTERACTION_KIND_PEER_SUPPORT);
  g_assert_cmpint (rapport_interaction_get_assignment_id (group), ==, id_of (mercy));
  g_assert_cmpint (rapport_interaction_get_created_at (group), ==, created_at);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction_colleague"), ==, 2);
  g_assert_null (rapport_store_get_last_interaction (fixture->store, id_of (ada)));
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  rapport_interaction_set_id (changes, 999);
  g_assert_false (rapport_store_update_interaction (fixture->store, changes, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_interaction (fixture->store, 999, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* On disk, colleagues and all */
  text = rapport_store_interactions_to_json_lines (fixture->store);
  reopen_store (fixture);
  expected = rapport_store_interactions_to_json_lines (fixture->store);
  g_assert_cmpstr (expected, ==, text);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_interactions (fixture->store)),
                    ==, 2);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
read_interactions (RapportStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  rapport_store_read_interactions_async (store, NULL, read_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ok = rapport_store_read_interactions_finish (store, result, &error);
  g_assert_no_error (error);

  return ok;
}

/* The worker lets go of its task (and so of the store) just after the result arrives. */
static void
wait_for_sole_owner (gpointer object)
{
  for (guint i = 0; i < 500 && g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (g_atomic_int_get (&G_OBJECT (object)->ref_count), ==, 1);
}

/* Journal entries wait for their first use; a worker reads them for a view about to show them,
 * and a change made meanwhile is never lost to the worker's older copy. */
static void
test_read_interactions_async (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) meanwhile = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  g_autoptr(GPtrArray) newest = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  gint64 ada_id = id_of (ada);
  gint64 mercy_id = id_of (add_assignment (fixture, "Mercy", "", "", "", "", "UTC"));
  RapportDatabase *database = NULL;
  RapportStore *store;
  GListModel *model;

  for (guint i = 0; i < 50; i++)
    {
      RapportInteraction *added = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                                                   T0 + i * DAY, "Rounds", ada_id, (gint64) 0);
      g_autoptr(RapportInteraction) changes = NULL;

      /* Two of them logged at an assignment. */
      if (added == NULL || (i != 9 && i != 19))
        continue;
      changes = rapport_interaction_dup (added);
      rapport_interaction_set_assignment_id (changes, mercy_id);
      g_assert_true (rapport_store_update_interaction (fixture->store, changes, &error));
      g_assert_no_error (error);
    }
  close_store (fixture);
  rapport_test_fixed_key (key, 3);

  /* The colleague's last interaction, and their newest entries, are known before the journal
   * is read; afterwards the same entries are the model's own. */
  store = rapport_test_open_store (fixture->path, key, RAPPORT_DATABASE_OPEN_EXISTING, &database);
  g_assert_cmpint (rapport_colleague_get_last_interaction_at (
                     rapport_store_find_colleague (store, ada_id)), ==, T0 + 49 * DAY);
  newest = rapport_store_dup_colleague_interactions (store, ada_id, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 3);
  g_assert_cmpint (rapport_interaction_get_id (newest->pdata[0]), ==, 50);
  g_assert_cmpint (rapport_interaction_get_id (newest->pdata[2]), ==, 48);
  g_assert_cmpstr (rapport_interaction_get_body (newest->pdata[1]), ==, "Rounds");
  g_assert_cmpuint (rapport_interaction_get_colleague_ids (newest->pdata[1], NULL)[0], ==, ada_id);
  g_clear_pointer (&newest, g_ptr_array_unref);
  newest = rapport_store_dup_colleague_interactions (store, 999, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 0);
  g_clear_pointer (&newest, g_ptr_array_unref);
  newest = rapport_store_dup_assignment_interactions (store, mercy_id, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpint (rapport_interaction_get_id (newest->pdata[0]), ==, 20);
  g_assert_cmpint (rapport_interaction_get_id (newest->pdata[1]), ==, 10);
  g_clear_pointer (&newest, g_ptr_array_unref);

  g_assert_true (read_interactions (store));
  newest = rapport_store_dup_colleague_interactions (store, ada_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 1);
  g_assert_true (newest->pdata[0] == rapport_store_find_interaction (store, 50));
  g_clear_pointer (&newest, g_ptr_array_unref);
  model = rapport_store_get_interactions (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 50);
  g_assert_cmpstr (rapport_interaction_get_body (rapport_store_find_interaction (store, 7)), ==,
                   "Rounds");
  g_assert_cmpuint (rapport_interaction_get_colleague_ids (
                      rapport_store_find_interaction (store, 7), NULL)[0], ==, ada_id);
  g_assert_true (rapport_store_get_last_interaction (store, ada_id) ==
                 rapport_store_find_interaction (store, 50));
  /* Read already: done at once, nothing added twice. */
  g_assert_true (read_interactions (store));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 50);
  wait_for_sole_owner (store);
  rapport_test_close_store (store, database);

  /* An entry logged while the worker reads. */
  store = rapport_test_open_store (fixture->path, key, RAPPORT_DATABASE_OPEN_EXISTING, &database);
  rapport_store_read_interactions_async (store, NULL, read_done_cb, &result);
  meanwhile = rapport_interaction_new (RAPPORT_INTERACTION_KIND_CALL, T0 + 60 * DAY);
  rapport_interaction_set_colleague_ids (meanwhile, &ada_id, 1);
  g_assert_true (rapport_store_add_interaction (store, meanwhile, &error));
  g_assert_no_error (error);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rapport_store_read_interactions_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_interactions (store)), ==, 51);
  g_assert_true (rapport_store_find_interaction (store, rapport_interaction_get_id (meanwhile)) ==
                 meanwhile);
  g_clear_object (&result);
  wait_for_sole_owner (store);
  rapport_test_close_store (store, database);

  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
}

static void
assert_last (Fixture          *fixture,
             RapportColleague *colleague,
             gint64            expected)
{
  g_autofree char *sql = g_strdup_printf ("SELECT IFNULL (last_interaction_at, 0) FROM colleague "
                                          "WHERE id = %" G_GINT64_FORMAT,
                                          rapport_colleague_get_id (colleague));

  g_assert_cmpint (rapport_colleague_get_last_interaction_at (colleague), ==, expected);
  /* The database's own copy, which the next start reads. */
  g_assert_cmpint (count_rows (fixture, sql), ==, expected);
}

/* last-interaction-at follows every change to the journal, and a restart agrees. */
static void
test_last_interaction (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) changes = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportStoreUndo) ada_undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *ben = add_colleague (fixture, "Ben");
  RapportColleague *cy = add_colleague (fixture, "Cy");
  RapportInteraction *early;
  RapportInteraction *late;
  gint64 ada_id = id_of (ada);
  gint64 ben_id = id_of (ben);
  guint notifications = 0;

  assert_last (fixture, ada, 0);

  g_signal_connect (ada, "notify::last-interaction-at", G_CALLBACK (count_notify_cb),
                            &notifications);
  early = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0, "", ada_id, ben_id,
                           (gint64) 0);
  assert_last (fixture, ada, T0);
  assert_last (fixture, ben, T0);
  assert_last (fixture, cy, 0);
  g_assert_cmpuint (notifications, ==, 1);

  /* A later entry moves it; an earlier one logged afterwards does not. */
  late = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, T0 + 10 * DAY, "", ada_id,
                          (gint64) 0);
  assert_last (fixture, ada, T0 + 10 * DAY);
  assert_last (fixture, ben, T0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_MESSAGE, T0 - DAY, "", ada_id, id_of (cy),
                   (gint64) 0);
  assert_last (fixture, ada, T0 + 10 * DAY);
  assert_last (fixture, cy, T0 - DAY);
  g_assert_cmpuint (notifications, ==, 2);

  /* Moving the late one before the early one */
  changes = rapport_interaction_dup (late);
  rapport_interaction_set_occurred_at (changes, T0 - 2 * DAY);
  g_assert_true (rapport_store_update_interaction (fixture->store, changes, &error));
  g_assert_no_error (error);
  assert_last (fixture, ada, T0);

  /* Taking Ben off the early one, then giving it to Cy */
  g_clear_object (&changes);
  changes = rapport_interaction_dup (early);
  rapport_interaction_set_colleague_ids (changes, &ada_id, 1);
  g_assert_true (rapport_store_update_interaction (fixture->store, changes, &error));
  g_assert_no_error (error);
  assert_last (fixture, ben, 0);
  assert_last (fixture, ada, T0);

  /* Delete and undo */
  before = dump_journal (fixture);
  g_assert_true (rapport_store_delete_interaction (fixture->store, id_of (early), &undo, &error));
  g_assert_no_error (error);
  assert_last (fixture, ada, T0 - DAY);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_last (fixture, ada, T0);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Deleting a colleague changes nobody else's, and their own comes back with undo. */
  g_signal_handlers_disconnect_by_data (ada, &notifications);
  g_assert_true (rapport_store_delete_colleague (fixture->store, ada_id, &ada_undo, &error));
  g_assert_no_error (error);
  assert_last (fixture, cy, T0 - DAY);
  g_assert_true (rapport_store_undo (fixture->store, ada_undo, &error));
  g_assert_no_error (error);
  ada = rapport_store_find_colleague (fixture->store, ada_id);
  g_assert_nonnull (ada);
  if (ada != NULL)
    assert_last (fixture, ada, T0);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* The load computes the same values. */
  reopen_store (fixture);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* Deleting a colleague: entries that named only them go, entries with others stay without them,
 * tips forget them, links go; undo puts back every bit of it. */
static void
test_delete_colleague (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada Lovelace");
  RapportColleague *ben = add_colleague (fixture, "Ben Okafor");
  RapportColleague *cy = add_colleague (fixture, "Cy Twombly");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "Durango", "US", "2024-03-04", "",
                                             "America/Denver");
  RapportTip *tacos = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Taco truck",
                               id_of (ada));
  RapportTip *parking = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_PARKING, "Lot C",
                                 id_of (ben));
  RapportInteraction *alone;
  RapportInteraction *alone_too;
  RapportInteraction *together;
  RapportInteraction *others;
  gint64 ada_id = id_of (ada);
  gint64 alone_id;
  gint64 alone_too_id;
  guint notifications = 0;

  alone = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0, "Only Ada", ada_id,
                           (gint64) 0);
  together = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, T0 + DAY, "Ada and Ben",
                              ada_id, id_of (ben), (gint64) 0);
  alone_too = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, T0 + 2 * DAY,
                               "Ada again", ada_id, (gint64) 0);
  others = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MESSAGE, T0 + 3 * DAY,
                            "Ben and Cy", id_of (ben), id_of (cy), (gint64) 0);
  alone_id = id_of (alone);
  alone_too_id = id_of (alone_too);
  g_assert_true (rapport_store_link_colleague (fixture->store, ada_id, id_of (mercy),
                                               "2024-03-05", &error));
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ben), id_of (mercy), NULL,
                                               &error));
  g_assert_no_error (error);
  /* A reminder about Ada: the store does not model reminders, but undo keeps its reference. */
  sql = g_strdup_printf ("INSERT INTO reminder (title, colleague_id, due_at, created_at)"
                         " VALUES ('Send the article', %" G_GINT64_FORMAT ", 1, 1)", ada_id);
  g_assert_true (rapport_database_exec (fixture->database, sql, &error));
  g_assert_no_error (error);

  before = dump_journal (fixture);
  forget_signals (fixture);
  g_signal_connect (together, "notify::colleague-ids", G_CALLBACK (count_notify_cb),
                            &notifications);

  g_assert_true (rapport_store_delete_colleague (fixture->store, ada_id, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  if (undo == NULL)
    return;

  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_COLLEAGUE), ==, 1);
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_INTERACTION), ==, 2);
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_TIP), ==, 0);

  g_assert_null (rapport_store_find_colleague (fixture->store, ada_id));
  g_assert_null (rapport_store_find_interaction (fixture->store, alone_id));
  g_assert_null (rapport_store_find_interaction (fixture->store, alone_too_id));
  g_assert_true (rapport_store_find_interaction (fixture->store, id_of (together)) == together);
  g_assert_true (rapport_store_find_interaction (fixture->store, id_of (others)) == others);
  text = dup_interaction_colleagues (together);
  expected = IDS (id_of (ben));
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpint (rapport_tip_get_recommended_by (tacos), ==, 0);
  g_assert_cmpint (rapport_tip_get_recommended_by (parking), ==, id_of (ben));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tip WHERE recommended_by IS NULL"),
                   ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM reminder"
                                        " WHERE colleague_id IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague_assignment"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction_colleague"), ==, 3);
  /* The interaction models drop the two entries (positions 0, then 1 of what is left). */
  assert_changes (fixture, "interactions 0-1+0, interactions 1-1+0, colleagues 0-1+0");
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* The name is gone from the search too, even from the entry that stays. */
  g_assert_false (search_finds (fixture, "lovelace", RAPPORT_ITEM_KIND_COLLEAGUE, ada_id));
  g_assert_false (search_finds (fixture, "lovelace", RAPPORT_ITEM_KIND_INTERACTION,
                                id_of (together)));
  g_assert_true (search_finds (fixture, "okafor", RAPPORT_ITEM_KIND_INTERACTION,
                               id_of (together)));
  g_assert_false (search_finds (fixture, "only", RAPPORT_ITEM_KIND_INTERACTION, alone_id));

  forget_signals (fixture);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_changes (fixture, "colleagues 0-0+1, interactions 0-0+1, interactions 2-0+1");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (notifications, ==, 2);
  g_signal_handlers_disconnect_by_data (together, &notifications);
  g_assert_true (search_finds (fixture, "lovelace", RAPPORT_ITEM_KIND_COLLEAGUE, ada_id));
  g_assert_true (search_finds (fixture, "lovelace", RAPPORT_ITEM_KIND_INTERACTION,
                               id_of (together)));
  g_assert_true (search_finds (fixture, "only", RAPPORT_ITEM_KIND_INTERACTION, alone_id));
  g_assert_cmpint (rapport_tip_get_recommended_by (tacos), ==, ada_id);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM reminder"
                                        " WHERE colleague_id IS NOT NULL"), ==, 1);
  text = rapport_store_dup_met_on (fixture->store, ada_id, id_of (mercy));
  g_assert_cmpstr (text, ==, "2024-03-05");
  g_clear_pointer (&text, g_free);

  /* Twice: refused */
  g_assert_false (rapport_store_undo (fixture->store, undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT);
  g_clear_error (&error);

  reopen_store (fixture);
  g_clear_pointer (&after, g_free);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* An id that was given out again in the meantime means the rows cannot come back as they were:
 * the undo is refused and changes nothing. */
static void
test_undo_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportStoreUndo) assignment_undo = NULL;
  g_autoptr(RapportStoreUndo) tip_undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "", "", "", "", "UTC");
  RapportTip *tip = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Tacos", 0);
  RapportTip *newcomer;
  gint64 tip_id = id_of (tip);

  g_assert_true (rapport_store_delete_tip (fixture->store, tip_id, &undo, &error));
  g_assert_no_error (error);
  newcomer = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_COFFEE, "Beans", 0);
  g_assert_cmpint (id_of (newcomer), >, tip_id);

  /* The store never gives the id out again, but another copy of the journal can put the row
   * back behind its back. */
  run_with_ids (fixture, "INSERT INTO tip (id, assignment_id, title, created_at)"
                         " VALUES (?1, ?2, 'Tacos', 0)", tip_id, id_of (mercy));
  before = dump_journal (fixture);
  forget_signals (fixture);
  g_assert_false (rapport_store_undo (fixture->store, undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT);
  g_clear_error (&error);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_clear_pointer (&after, g_free);
  run_with_ids (fixture, "DELETE FROM tip WHERE id = ?1", tip_id, 0);

  /* A tip whose assignment was deleted since cannot come back before the assignment does. */
  g_assert_true (rapport_store_delete_tip (fixture->store, id_of (newcomer), &tip_undo, &error));
  g_assert_true (rapport_store_delete_assignment (fixture->store, id_of (mercy),
                                                  &assignment_undo, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dump_journal (fixture);
  g_assert_false (rapport_store_undo (fixture->store, tip_undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);

  /* In the right order both work: a failed undo is not spent. */
  g_assert_true (rapport_store_undo (fixture->store, assignment_undo, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_undo (fixture->store, tip_undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_tips (fixture->store)), ==, 1);
}

/* Per kind (index: RapportItemKind): the table, and words only the deleted item, the one added
 * after it, and whatever the delete took along hold. */
static const char * const kind_tables[] = { NULL, "colleague", "assignment", "tip", "interaction" };
static const char * const deleted_words[] = { NULL, "Quentin", "Quarry", "Quiche", "Quokka" };
static const char * const added_words[] = { NULL, "Xavier", "Xenia", "Xiaolongbao", "Xylophone" };
static const char * const later_words[] = { NULL, "Yolanda", "Yarrow", "Yuzu", "Yodel" };

/* The store's first item of a model, borrowed. */
static gpointer
first_item (Fixture *fixture,
            guint    index)
{
  g_autoptr(GObject) item = g_list_model_get_item (get_model (fixture->store, index), 0);

  return item;
}

/* Tips go to the first assignment; interactions name the first colleague. */
static gint64
add_item (Fixture         *fixture,
          RapportItemKind  kind,
          const char      *word,
          gint64           occurred_at)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return id_of (add_colleague (fixture, word));
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return id_of (add_assignment (fixture, word, "Durango", "US", "", "", "America/Denver"));
    case RAPPORT_ITEM_KIND_TIP:
      return id_of (add_tip (fixture, first_item (fixture, 1), RAPPORT_TIP_CATEGORY_FOOD, word,
                             0));
    case RAPPORT_ITEM_KIND_INTERACTION:
      return id_of (add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, occurred_at, word,
                                     id_of (first_item (fixture, 0)), (gint64) 0));
    case RAPPORT_ITEM_KIND_REMINDER:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static gboolean
delete_item (Fixture           *fixture,
             RapportItemKind    kind,
             gint64             id,
             RapportStoreUndo **undo,
             GError           **error)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return rapport_store_delete_colleague (fixture->store, id, undo, error);
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return rapport_store_delete_assignment (fixture->store, id, undo, error);
    case RAPPORT_ITEM_KIND_TIP:
      return rapport_store_delete_tip (fixture->store, id, undo, error);
    case RAPPORT_ITEM_KIND_INTERACTION:
      return rapport_store_delete_interaction (fixture->store, id, undo, error);
    case RAPPORT_ITEM_KIND_REMINDER:
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

static gpointer
find_item (Fixture         *fixture,
           RapportItemKind  kind,
           gint64           id)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return rapport_store_find_colleague (fixture->store, id);
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return rapport_store_find_assignment (fixture->store, id);
    case RAPPORT_ITEM_KIND_TIP:
      return rapport_store_find_tip (fixture->store, id);
    case RAPPORT_ITEM_KIND_INTERACTION:
      return rapport_store_find_interaction (fixture->store, id);
    case RAPPORT_ITEM_KIND_REMINDER:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static char *
dup_model_ids (Fixture         *fixture,
               RapportItemKind  kind)
{
  GListModel *model = get_model (fixture->store, kind - 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 id = id_of (item);

      g_array_append_val (ids, id);
    }

  return dup_ids_text (ids);
}

static char *
dup_row (Fixture         *fixture,
         RapportItemKind  kind,
         gint64           id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          kind_tables[kind], id);

  return dump_rows (fixture, sql);
}

/* Deleting the newest item, adding another and then pressing Undo gives the deleted one back
 * under its own id: ids are never handed out twice while the store is open. */
static void
test_undo_after_add (Fixture       *fixture,
                     gconstpointer  data)
{
  RapportItemKind kind = GPOINTER_TO_UINT (data);
  /* What the delete takes along: a colleague's only entry, an assignment's tip. */
  RapportItemKind cascade = kind == RAPPORT_ITEM_KIND_COLLEAGUE ? RAPPORT_ITEM_KIND_INTERACTION
                          : kind == RAPPORT_ITEM_KIND_ASSIGNMENT ? RAPPORT_ITEM_KIND_TIP : 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autofree char *row_before = NULL;
  g_autofree char *row_after = NULL;
  g_autofree char *cascade_row_before = NULL;
  g_autofree char *cascade_row_after = NULL;
  g_autofree char *ids_before = NULL;
  g_autofree char *cascade_ids_before = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *reopened = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "Durango", "US", "", "",
                                             "America/Denver");
  gint64 deleted_id;
  gint64 added_id;
  gint64 later_id;
  gint64 cascaded_id = 0;
  gint64 cascade_added_id = 0;

  add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Tacos", id_of (ada));
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, T0, "Coffee", id_of (ada),
                   (gint64) 0);

  deleted_id = add_item (fixture, kind, deleted_words[kind], T0 + 2 * DAY);
  if (kind == RAPPORT_ITEM_KIND_COLLEAGUE)
    cascaded_id = id_of (add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, T0 + DAY,
                                          "Quiet", deleted_id, (gint64) 0));
  else if (kind == RAPPORT_ITEM_KIND_ASSIGNMENT)
    cascaded_id = id_of (add_tip (fixture, rapport_store_find_assignment (fixture->store,
                                                                          deleted_id),
                                  RAPPORT_TIP_CATEGORY_FOOD, "Quinoa", 0));

  row_before = dup_row (fixture, kind, deleted_id);
  g_assert_cmpstr (row_before, !=, "");
  ids_before = dup_model_ids (fixture, kind);
  if (cascade != 0)
    {
      cascade_row_before = dup_row (fixture, cascade, cascaded_id);
      cascade_ids_before = dup_model_ids (fixture, cascade);
    }

  g_assert_true (delete_item (fixture, kind, deleted_id, &undo, &error));
  g_assert_no_error (error);
  g_assert_null (find_item (fixture, kind, deleted_id));
  g_assert_false (search_finds (fixture, deleted_words[kind], kind, deleted_id));

  added_id = add_item (fixture, kind, added_words[kind], T0 + DAY);
  g_assert_cmpint (added_id, >, deleted_id);
  if (cascade == RAPPORT_ITEM_KIND_INTERACTION)
    cascade_added_id = add_item (fixture, cascade, "Xmas", T0 + DAY);
  else if (cascade == RAPPORT_ITEM_KIND_TIP)
    cascade_added_id = add_item (fixture, cascade, "Xoconostle", 0);
  if (cascade != 0)
    g_assert_cmpint (cascade_added_id, >, cascaded_id);

  forget_signals (fixture);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  /* The deleted one back in its old place, the new one after it. */
  if (cascade != 0)
    expected = g_strdup_printf ("%s 1-0+1, %s 1-0+1", model_names[kind - 1],
                                model_names[cascade - 1]);
  else
    expected = g_strdup_printf ("%s 1-0+1", model_names[kind - 1]);
  assert_changes (fixture, expected);
  g_clear_pointer (&expected, g_free);

  g_assert_nonnull (find_item (fixture, kind, deleted_id));
  g_assert_nonnull (find_item (fixture, kind, added_id));
  row_after = dup_row (fixture, kind, deleted_id);
  g_assert_cmpstr (row_after, ==, row_before);
  ids = dup_model_ids (fixture, kind);
  expected = g_strdup_printf ("%s,%" G_GINT64_FORMAT, ids_before, added_id);
  g_assert_cmpstr (ids, ==, expected);
  g_assert_true (search_finds (fixture, deleted_words[kind], kind, deleted_id));
  g_assert_false (search_finds (fixture, deleted_words[kind], kind, added_id));
  g_assert_true (search_finds (fixture, added_words[kind], kind, added_id));
  g_assert_false (search_finds (fixture, added_words[kind], kind, deleted_id));

  if (cascade != 0)
    {
      g_clear_pointer (&ids, g_free);
      g_clear_pointer (&expected, g_free);
      g_assert_nonnull (find_item (fixture, cascade, cascaded_id));
      g_assert_nonnull (find_item (fixture, cascade, cascade_added_id));
      cascade_row_after = dup_row (fixture, cascade, cascaded_id);
      g_assert_cmpstr (cascade_row_after, ==, cascade_row_before);
      ids = dup_model_ids (fixture, cascade);
      expected = g_strdup_printf ("%s,%" G_GINT64_FORMAT, cascade_ids_before, cascade_added_id);
      g_assert_cmpstr (ids, ==, expected);
      g_assert_true (search_finds (fixture, cascade == RAPPORT_ITEM_KIND_TIP ? "Quinoa" : "Quiet",
                                   cascade, cascaded_id));
    }

  /* What the models derive follows the restored rows. */
  if (kind == RAPPORT_ITEM_KIND_COLLEAGUE)
    g_assert_cmpint (rapport_colleague_get_last_interaction_at (find_item (fixture, kind,
                                                                           deleted_id)),
                     ==, T0 + DAY);
  else if (kind == RAPPORT_ITEM_KIND_INTERACTION)
    g_assert_cmpint (rapport_colleague_get_last_interaction_at (ada), ==, T0 + 2 * DAY);

  /* Nothing else to undo. */
  g_assert_false (rapport_store_undo (fixture->store, undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT);
  g_clear_error (&error);

  journal = dump_journal (fixture);
  reopen_store (fixture);
  reopened = dump_journal (fixture);
  g_assert_cmpstr (reopened, ==, journal);
  g_assert_nonnull (find_item (fixture, kind, deleted_id));
  g_assert_nonnull (find_item (fixture, kind, added_id));

  /* A store opened later starts above every id in the file, and a delete does not lower it. */
  g_assert_true (delete_item (fixture, kind, added_id, NULL, &error));
  g_assert_no_error (error);
  later_id = add_item (fixture, kind, later_words[kind], T0 + 3 * DAY);
  g_assert_cmpint (later_id, >, added_id);
  g_assert_true (search_finds (fixture, later_words[kind], kind, later_id));
  g_assert_false (search_finds (fixture, added_words[kind], kind, added_id));
}

static char *
dup_json_lines (Fixture *fixture)
{
  g_autofree char *colleagues = rapport_store_colleagues_to_json_lines (fixture->store);
  g_autofree char *assignments = rapport_store_assignments_to_json_lines (fixture->store);
  g_autofree char *tips = rapport_store_tips_to_json_lines (fixture->store);
  g_autofree char *interactions = rapport_store_interactions_to_json_lines (fixture->store);

  return g_strconcat (colleagues, assignments, tips, interactions, NULL);
}

/* A write that fails halfway leaves the file and the models as they were. */
static void
test_failed_writes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(RapportInteraction) changes = NULL;
  g_autoptr(RapportColleague) renamed = NULL;
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Animas");
  g_autoptr(RapportTip) tip = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportStoreUndo) failed_undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *search_sql = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *ben = add_colleague (fixture, "Ben");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "Durango", "US", "", "", "UTC");
  RapportTip *tacos = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Tacos", id_of (ada));
  RapportInteraction *existing;
  RapportInteraction *gone;
  gint64 ada_id = id_of (ada);
  gint64 ids[2] = { id_of (ada), id_of (ben) };

  existing = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0, "kept", ada_id,
                              (gint64) 0);
  gone = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, T0 + DAY, "gone", ada_id,
                          id_of (ben), (gint64) 0);
  g_assert_true (rapport_store_delete_interaction (fixture->store, id_of (gone), &failed_undo,
                                                   &error));
  g_assert_no_error (error);
  before = dump_journal (fixture);
  forget_signals (fixture);

  /* The second statement of these writes fails: the first is rolled back. */
  g_assert_true (rapport_database_exec (fixture->database,
                                        "CREATE TRIGGER fail_links BEFORE INSERT ON"
                                        " interaction_colleague BEGIN"
                                        " SELECT RAISE (ABORT, 'no links today'); END",
                                        &error));
  g_assert_no_error (error);

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_MEAL, T0 + DAY);
  rapport_interaction_set_colleague_ids (interaction, ids, 2);
  g_assert_false (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (rapport_interaction_get_id (interaction), ==, 0);

  changes = rapport_interaction_dup (existing);
  rapport_interaction_set_colleague_ids (changes, ids, 2);
  rapport_interaction_set_body (changes, "lost");
  g_assert_false (rapport_store_update_interaction (fixture->store, changes, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (rapport_interaction_get_body (existing), ==, "kept");

  g_assert_false (rapport_store_undo (fixture->store, failed_undo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (rapport_database_exec (fixture->database, "DROP TRIGGER fail_links", &error));
  g_assert_no_error (error);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Without the search index every write fails at its last step. */
  search_sql = dump_rows (fixture, "SELECT sql FROM sqlite_master WHERE name = 'search'");
  g_assert_true (rapport_database_exec (fixture->database, "DROP TABLE search", &error));
  g_assert_no_error (error);

  g_assert_false (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (rapport_assignment_get_id (assignment), ==, 0);

  tip = rapport_tip_new (id_of (mercy), RAPPORT_TIP_CATEGORY_COFFEE, "Beans");
  g_assert_false (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (rapport_tip_get_id (tip), ==, 0);

  renamed = rapport_colleague_dup (ada);
  rapport_colleague_set_name (renamed, "Ada Lovelace");
  g_assert_false (rapport_store_update_colleague (fixture->store, renamed, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (rapport_colleague_get_name (ada), ==, "Ada");

  g_assert_false (rapport_store_delete_colleague (fixture->store, ada_id, &undo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (undo);
  g_assert_false (rapport_store_delete_assignment (fixture->store, id_of (mercy), &undo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_tip (fixture->store, id_of (tacos), &undo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_interaction (fixture->store, id_of (existing), &undo,
                                                    &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (undo);

  assert_changes (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_true (rapport_store_find_colleague (fixture->store, ada_id) == ada);
  g_assert_true (rapport_store_find_tip (fixture->store, id_of (tacos)) == tacos);
  g_assert_true (rapport_store_find_assignment (fixture->store, id_of (mercy)) == mercy);

  /* Put an index back, then compare the models with a fresh load of the file. */
  g_assert_true (rapport_database_exec (fixture->database, search_sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dup_json_lines (fixture);
  reopen_store (fixture);
  after = dup_json_lines (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction_colleague"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assignment"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tip"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM colleague"), ==, 2);

  /* The undo that failed was not used up. */
  g_assert_true (rapport_store_undo (fixture->store, failed_undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM interaction_colleague"), ==, 3);
}

/* JSON lines for --list: every field, references as ids or null. */
static void
test_json_lines (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy \"General\"", "Durango", "US",
                                             "2024-03-04", "", "America/Denver");
  RapportTip *tip = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS,
                             "Badge “office” 🙂", id_of (ada));
  JsonObject *object;
  JsonArray *array;

  add_interaction (fixture, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, T0, "Line 1\nLine 2 🙂",
                   id_of (ada), (gint64) 0);

  text = rapport_store_assignments_to_json_lines (fixture->store);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  node = json_from_string (lines[0], &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id_of (mercy));
  g_assert_cmpstr (json_object_get_string_member (object, "facility"), ==, "Mercy \"General\"");
  g_assert_cmpstr (json_object_get_string_member (object, "city"), ==, "Durango");
  g_assert_cmpstr (json_object_get_string_member (object, "tz"), ==, "America/Denver");
  g_assert_cmpstr (json_object_get_string_member (object, "starts_on"), ==, "2024-03-04");
  g_assert_cmpstr (json_object_get_string_member (object, "ends_on"), ==, "");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "created_at"), "Z"));
  g_assert_cmpuint (json_object_get_size (object), ==, 13);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&text, g_free);

  text = rapport_store_tips_to_json_lines (fixture->store);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  node = json_from_string (lines[0], &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id_of (tip));
  g_assert_cmpint (json_object_get_int_member (object, "assignment_id"), ==, id_of (mercy));
  g_assert_cmpint (json_object_get_int_member (object, "recommended_by"), ==, id_of (ada));
  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "hospital-logistics");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Badge “office” 🙂");
  g_assert_false (json_object_get_boolean_member (object, "tried"));
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&text, g_free);

  text = rapport_store_interactions_to_json_lines (fixture->store);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  node = json_from_string (lines[0], &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "shared-shift");
  g_assert_cmpstr (json_object_get_string_member (object, "occurred_at"), ==,
                   "2024-03-05T18:00:00Z");
  g_assert_true (json_object_get_null_member (object, "assignment_id"));
  g_assert_cmpstr (json_object_get_string_member (object, "body"), ==, "Line 1\nLine 2 🙂");
  array = json_object_get_array_member (object, "colleague_ids");
  g_assert_nonnull (array);
  if (array != NULL)
    {
      g_assert_cmpuint (json_array_get_length (array), ==, 1);
      g_assert_cmpint (json_array_get_int_element (array, 0), ==, id_of (ada));
    }
}

/* Everything survives a restart: models in the same order with the same values. */
static void
test_persist (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *ben = add_colleague (fixture, "Ben");
  RapportAssignment *mercy = add_assignment (fixture, "Mercy", "Durango", "US", "2024-03-04",
                                             "2024-06-01", "America/Denver");
  RapportAssignment *auckland = add_assignment (fixture, "Auckland City", "Auckland", "NZ", "",
                                                "", "Pacific/Auckland");

  add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Tacos", id_of (ben));
  add_tip (fixture, auckland, RAPPORT_TIP_CATEGORY_OUTDOORS, "Rangitoto", 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_GROUP_CHAT, T0, "", id_of (ada),
                   id_of (ben), (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, T0 + DAY, "Lunch", id_of (ben),
                   (gint64) 0);
  g_assert_true (rapport_store_link_colleague (fixture->store, id_of (ada), id_of (mercy),
                                               "2024-03-04", &error));
  g_assert_no_error (error);

  before = dump_journal (fixture);
  reopen_store (fixture);
  after = dump_journal (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_changes (fixture, "");
}

/* Weeks and "still in touch": counted in SQL, read from a given now in a given zone. */

/* A new connection, as the next start of the app sees it, with the entries not read yet (the
 * fixture's own reopen watches the entries' model, which reads them). */
static void
reopen_store_unread (Fixture *fixture)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  close_store (fixture);
  rapport_test_fixed_key (key, 3);
  fixture->store = rapport_test_open_store (fixture->path, key, RAPPORT_DATABASE_OPEN_EXISTING,
                                            &fixture->database);
}

static gint64
local_unix (GTimeZone *tz,
            int        year,
            int        month,
            int        day,
            int        hour,
            int        minute,
            int        second)
{
  g_autoptr(GDateTime) date_time = g_date_time_new (tz, year, month, day, hour, minute, second);

  g_assert_nonnull (date_time);
  return g_date_time_to_unix (date_time);
}

static GDateTime *
local_time (GTimeZone *tz,
            int        year,
            int        month,
            int        day,
            int        hour,
            int        minute)
{
  GDateTime *date_time = g_date_time_new (tz, year, month, day, hour, minute, 0);

  g_assert_nonnull (date_time);
  return date_time;
}

/* "2 0 5", for messages that show the whole array when it differs. */
static char *
dup_counts_text (const guint *counts,
                 guint        n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? " " : "", counts[i]);

  return g_string_free (text, FALSE);
}

static void
assert_weeks (Fixture    *fixture,
              GDateTime  *now,
              guint       n_weeks,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = g_new (guint, n_weeks);
  g_autofree char *text = NULL;

  /* Whatever was there before is not added to. */
  for (guint i = 0; i < n_weeks; i++)
    counts[i] = 99;

  g_assert_true (rapport_store_count_interactions_by_week (fixture->store, now, n_weeks, counts,
                                                           &error));
  g_assert_no_error (error);
  text = dup_counts_text (counts, n_weeks);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_count_by_week_empty (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) now = local_time (denver, 2024, 3, 13, 12, 0);

  assert_weeks (fixture, now, 12, "0 0 0 0 0 0 0 0 0 0 0 0");
  assert_weeks (fixture, now, 1, "0");

  /* Colleagues alone are no entries. */
  add_colleague (fixture, "Ada");
  assert_weeks (fixture, now, 12, "0 0 0 0 0 0 0 0 0 0 0 0");
}

/* Twelve weeks, oldest first, read from the database with the entries not in memory. */
static void
test_count_by_week_twelve (Fixture       *fixture,
                           gconstpointer  data)
{
  static const guint per_week[12] = { 2, 0, 5, 1, 0, 0, 3, 4, 0, 1, 2, 3 };
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  /* Wednesday 29 May 2024; the twelve weeks start on Monday 11 March. */
  g_autoptr(GDateTime) now = local_time (denver, 2024, 5, 29, 18, 0);
  g_autoptr(GDateTime) first_monday = local_time (denver, 2024, 3, 11, 0, 0);
  RapportColleague *ada = add_colleague (fixture, "Ada");
  gint64 ada_id = rapport_colleague_get_id (ada);

  for (guint week = 0; week < G_N_ELEMENTS (per_week); week++)
    for (guint i = 0; i < per_week[week]; i++)
      {
        /* Spread over the week, from Monday morning to Sunday evening. */
        g_autoptr(GDateTime) day = g_date_time_add_days (first_monday, 7 * week + (i % 7));
        g_autoptr(GDateTime) at = g_date_time_add_hours (day, 8 + (i * 5) % 14);

        add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, g_date_time_to_unix (at),
                         "Coffee", ada_id, (gint64) 0);
      }
  /* Before the twelve weeks: Sunday 10 March, late, and a year earlier. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                   local_unix (denver, 2024, 3, 10, 23, 30, 0), "Call", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                   local_unix (denver, 2023, 5, 29, 12, 0, 0), "Call", ada_id, (gint64) 0);

  reopen_store_unread (fixture);
  g_assert_false (rapport_store_has_read_interactions (fixture->store));

  assert_weeks (fixture, now, 12, "2 0 5 1 0 0 3 4 0 1 2 3");
  /* Counting reads the database, not the list. */
  g_assert_false (rapport_store_has_read_interactions (fixture->store));
  assert_weeks (fixture, now, 1, "3");
  assert_weeks (fixture, now, 3, "1 2 3");
  assert_weeks (fixture, now, 13, "1 2 0 5 1 0 0 3 4 0 1 2 3");

  /* The same counts once the entries are in memory. */
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_interactions (fixture->store)),
                    ==, 23);
  assert_weeks (fixture, now, 12, "2 0 5 1 0 0 3 4 0 1 2 3");
}

/* Weeks start on Monday at 00:00 on now's calendar, also in the weeks where the clocks change
 * (in Denver: Sunday 10 March and Sunday 3 November 2024), when a week is 167 or 169 hours. */
static void
test_count_by_week_boundaries (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GTimeZone) utc_zone = g_time_zone_new_utc ();
  RapportColleague *ada = add_colleague (fixture, "Ada");
  gint64 ada_id = rapport_colleague_get_id (ada);
  g_autoptr(GDateTime) spring_now = local_time (denver, 2024, 3, 13, 12, 0);
  g_autoptr(GDateTime) spring_monday = local_time (denver, 2024, 3, 11, 9, 0);
  g_autoptr(GDateTime) spring_now_utc = g_date_time_to_timezone (spring_now, utc_zone);
  g_autoptr(GDateTime) autumn_now = local_time (denver, 2024, 11, 4, 0, 0);
  g_autoptr(GDateTime) spring_before = NULL;

  /* Spring: 4–10 March is 167 hours long. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 3, 23, 59, 59), "Sun before", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 4, 0, 0, 0), "Mon", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 10, 23, 59, 0), "Sun", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 11, 0, 0, 0), "Mon after", ada_id, (gint64) 0);
  /* 11 March 00:30 MDT is 06:30 UTC, 168 hours after the 4th's midnight plus 30 minutes: a
   * week counted in hours would put it a week early. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 11, 0, 30, 0), "Mon after", ada_id, (gint64) 0);

  assert_weeks (fixture, spring_now, 3, "1 2 2");

  /* Monday at 00:00 is the first moment of its week, whatever time now is on it. */
  spring_before = local_time (denver, 2024, 3, 11, 0, 0);
  assert_weeks (fixture, spring_before, 2, "2 1");
  assert_weeks (fixture, spring_monday, 2, "2 2");

  /* The same moment, read in UTC: Sunday 23:59 in Denver is Monday 05:59 there, and Sunday
   * 23:59:59 MST before the 4th is already Monday the 4th. */
  assert_weeks (fixture, spring_now_utc, 2, "2 3");

  /* Autumn: 28 October – 3 November is 169 hours long. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                   local_unix (denver, 2024, 10, 28, 0, 0, 0), "Mon", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                   local_unix (denver, 2024, 11, 3, 1, 30, 0), "Sun, twice 01:30", ada_id,
                   (gint64) 0);
  /* 06:59 UTC on the 4th: more than 168 hours after Monday's 06:00 UTC, still the same week. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                   local_unix (denver, 2024, 11, 3, 23, 59, 59), "Sun", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                   local_unix (denver, 2024, 11, 4, 0, 0, 0), "Mon after", ada_id, (gint64) 0);

  assert_weeks (fixture, autumn_now, 2, "3 1");
}

/* Entries planned for later (this week or another) wait until they happen. */
static void
test_count_by_week_future (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) now = local_time (denver, 2024, 3, 13, 12, 0);
  g_autoptr(GDateTime) later = local_time (denver, 2024, 3, 25, 12, 0);
  RapportColleague *ada = add_colleague (fixture, "Ada");
  gint64 ada_id = rapport_colleague_get_id (ada);
  gint64 unix_now = g_date_time_to_unix (now);

  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, unix_now, "Now", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, unix_now + 1, "In a second",
                   ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 17, 20, 0, 0), "Sunday", ada_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 19, 20, 0, 0), "Next week", ada_id, (gint64) 0);

  assert_weeks (fixture, now, 2, "0 1");

  /* Once they have happened, they count. */
  assert_weeks (fixture, later, 3, "3 1 0");
}

/* Deleted entries leave the counts, and come back with Undo; so do the entries that went with
 * a deleted colleague. */
static void
test_count_by_week_deleted (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) now = local_time (denver, 2024, 3, 13, 12, 0);
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *bo = add_colleague (fixture, "Bo");
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportStoreUndo) colleague_undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada_id = rapport_colleague_get_id (ada);
  gint64 bo_id = rapport_colleague_get_id (bo);
  RapportInteraction *monday;
  gint64 monday_id;

  monday = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                            local_unix (denver, 2024, 3, 11, 8, 0, 0), "Mon", ada_id, (gint64) 0);
  monday_id = rapport_interaction_get_id (monday);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 12, 8, 0, 0), "Tue", ada_id, bo_id, (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE,
                   local_unix (denver, 2024, 3, 5, 8, 0, 0), "Last week", bo_id, (gint64) 0);
  assert_weeks (fixture, now, 2, "1 2");

  g_assert_true (rapport_store_delete_interaction (fixture->store, monday_id, &undo, &error));
  g_assert_no_error (error);
  assert_weeks (fixture, now, 2, "1 1");

  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_weeks (fixture, now, 2, "1 2");

  /* Bo's own entry goes with Bo; the one with Ada stays. */
  g_assert_true (rapport_store_delete_colleague (fixture->store, bo_id, &colleague_undo, &error));
  g_assert_no_error (error);
  assert_weeks (fixture, now, 2, "0 2");

  g_assert_true (rapport_store_undo (fixture->store, colleague_undo, &error));
  g_assert_no_error (error);
  assert_weeks (fixture, now, 2, "1 2");
}

static void
assert_assignment_counts (Fixture    *fixture,
                          gint64      assignment_id,
                          GDateTime  *now,
                          guint       expected_met,
                          guint       expected_in_touch)
{
  g_autoptr(GError) error = NULL;
  guint met = 99;
  guint in_touch = 99;

  g_assert_true (rapport_store_count_assignment_colleagues (fixture->store, assignment_id, now,
                                                            &met, &in_touch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (met, ==, expected_met);
  g_assert_cmpuint (in_touch, ==, expected_in_touch);
}

/* Met there: the colleagues linked to the assignment; still in touch: those of them a journal
 * entry names in the RAPPORT_IN_TOUCH_DAYS days up to now. */
static void
test_assignment_counts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  /* 90 calendar days before 1 June 2024 12:00 MDT is 3 March 12:00 MST: the clocks changed in
   * between, so that is 90 × 24 − 1 hours. */
  g_autoptr(GDateTime) now = local_time (denver, 2024, 6, 1, 12, 0);
  gint64 since = local_unix (denver, 2024, 3, 3, 12, 0, 0);
  RapportAssignment *mercy;
  RapportAssignment *empty;
  gint64 mercy_id;
  gint64 empty_id;
  RapportColleague *ada = add_colleague (fixture, "Ada");
  RapportColleague *bo = add_colleague (fixture, "Bo");
  RapportColleague *cy = add_colleague (fixture, "Cy");
  RapportColleague *di = add_colleague (fixture, "Di");
  RapportColleague *ed = add_colleague (fixture, "Ed");
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bo_id = rapport_colleague_get_id (bo);
  RapportInteraction *ada_entry;
  gint64 ada_entry_id;
  guint met = 99;
  guint in_touch = 99;

  g_assert_cmpint (RAPPORT_IN_TOUCH_DAYS, ==, 90);

  mercy = add_assignment (fixture, "Mercy", "Denver", "US", "2024-01-08", "2024-04-05",
                          "America/Denver");
  empty = add_assignment (fixture, "Quiet", "Boise", "US", "2024-04-08", "2024-05-31",
                          "America/Boise");
  mercy_id = rapport_assignment_get_id (mercy);
  empty_id = rapport_assignment_get_id (empty);
  assert_assignment_counts (fixture, mercy_id, now, 0, 0);

  for (guint i = 0; i < 4; i++)
    {
      RapportColleague *who[] = { ada, bo, cy, di };

      g_assert_true (rapport_store_link_colleague (fixture->store,
                                                   rapport_colleague_get_id (who[i]),
                                                   rapport_assignment_get_id (mercy), NULL,
                                                   &error));
      g_assert_no_error (error);
    }
  assert_assignment_counts (fixture, rapport_assignment_get_id (mercy), now, 4, 0);

  /* Ada: ten days ago. Bo: exactly 90 days ago. Cy: one second before that. Di: tomorrow, which
   * has not happened yet. Ed, met elsewhere: yesterday. */
  ada_entry = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL,
                               local_unix (denver, 2024, 5, 22, 12, 0, 0), "Call",
                               rapport_colleague_get_id (ada), (gint64) 0);
  ada_entry_id = rapport_interaction_get_id (ada_entry);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_MESSAGE, since, "Message",
                   rapport_colleague_get_id (bo), (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_MESSAGE, since - 1, "Message",
                   rapport_colleague_get_id (cy), (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL,
                   local_unix (denver, 2024, 6, 2, 12, 0, 0), "Dinner",
                   rapport_colleague_get_id (di), (gint64) 0);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL,
                   local_unix (denver, 2024, 5, 31, 12, 0, 0), "Lunch",
                   rapport_colleague_get_id (ed), (gint64) 0);
  assert_assignment_counts (fixture, rapport_assignment_get_id (mercy), now, 4, 2);

  /* Two entries, or one naming two of them, still count each colleague once. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_SHARED_SHIFT,
                   local_unix (denver, 2024, 5, 30, 7, 0, 0), "Night shift",
                   rapport_colleague_get_id (ada), rapport_colleague_get_id (bo),
                   rapport_colleague_get_id (ed), (gint64) 0);
  assert_assignment_counts (fixture, rapport_assignment_get_id (mercy), now, 4, 2);

  /* Read from the database on a new connection, with no entry in memory. */
  reopen_store_unread (fixture);
  assert_assignment_counts (fixture, mercy_id, now, 4, 2);
  g_assert_false (rapport_store_has_read_interactions (fixture->store));

  /* Tomorrow, Di's dinner has happened; Bo's message is 91 days old but the night shift
   * keeps Bo in touch. */
  {
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

    assert_assignment_counts (fixture, mercy_id, tomorrow, 4, 3);
  }

  /* Unlinking takes a colleague out of both counts. */
  g_assert_true (rapport_store_unlink_colleague (fixture->store, bo_id, mercy_id, &error));
  g_assert_no_error (error);
  assert_assignment_counts (fixture, mercy_id, now, 3, 1);

  /* A deleted entry no longer keeps anyone in touch: Ada's last one is the shift. */
  g_assert_true (rapport_store_delete_interaction (fixture->store, ada_entry_id, &undo, &error));
  g_assert_no_error (error);
  assert_assignment_counts (fixture, mercy_id, now, 3, 1);

  /* Another assignment's colleagues are its own; an empty one has none. */
  assert_assignment_counts (fixture, empty_id, now, 0, 0);

  /* Either count may be left out. */
  g_assert_true (rapport_store_count_assignment_colleagues (fixture->store, mercy_id, now, &met, NULL,
                                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (met, ==, 3);
  g_assert_true (rapport_store_count_assignment_colleagues (fixture->store, mercy_id, now, NULL,
                                                            &in_touch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (in_touch, ==, 1);

  /* An assignment that is not there. */
  met = in_touch = 99;
  g_assert_false (rapport_store_count_assignment_colleagues (fixture->store, 4242, now, &met,
                                                             &in_touch, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (met, ==, 0);
  g_assert_cmpuint (in_touch, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/store-journal/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD_TEST ("assignment-crud", test_assignment_crud);
  ADD_TEST ("assignment-delete-undo", test_assignment_delete_undo);
  ADD_TEST ("links", test_links);
  ADD_TEST ("current-assignment", test_current_assignment);
  ADD_TEST ("same-site", test_same_site);
  ADD_TEST ("tips", test_tips);
  ADD_TEST ("interactions", test_interactions);
  ADD_TEST ("last-interaction", test_last_interaction);
  ADD_TEST ("read-interactions-async", test_read_interactions_async);
  ADD_TEST ("delete-colleague", test_delete_colleague);
  ADD_TEST ("undo-conflict", test_undo_conflict);
  g_test_add ("/rapport/store-journal/undo-after-add/colleague", Fixture,
              GUINT_TO_POINTER (RAPPORT_ITEM_KIND_COLLEAGUE), fixture_set_up,
              test_undo_after_add, fixture_tear_down);
  g_test_add ("/rapport/store-journal/undo-after-add/assignment", Fixture,
              GUINT_TO_POINTER (RAPPORT_ITEM_KIND_ASSIGNMENT), fixture_set_up,
              test_undo_after_add, fixture_tear_down);
  g_test_add ("/rapport/store-journal/undo-after-add/tip", Fixture,
              GUINT_TO_POINTER (RAPPORT_ITEM_KIND_TIP), fixture_set_up,
              test_undo_after_add, fixture_tear_down);
  g_test_add ("/rapport/store-journal/undo-after-add/interaction", Fixture,
              GUINT_TO_POINTER (RAPPORT_ITEM_KIND_INTERACTION), fixture_set_up,
              test_undo_after_add, fixture_tear_down);
  ADD_TEST ("failed-writes", test_failed_writes);
  ADD_TEST ("json-lines", test_json_lines);
  ADD_TEST ("persist", test_persist);
  ADD_TEST ("count-by-week", test_count_by_week_twelve);
  ADD_TEST ("count-by-week/empty", test_count_by_week_empty);
  ADD_TEST ("count-by-week/boundaries", test_count_by_week_boundaries);
  ADD_TEST ("count-by-week/future", test_count_by_week_future);
  ADD_TEST ("count-by-week/deleted", test_count_by_week_deleted);
  ADD_TEST ("assignment-counts", test_assignment_counts);

#undef ADD_TEST

  return g_test_run ();
}
