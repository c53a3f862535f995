/* test-search-page.c
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

#define G_LOG_DOMAIN "rapport-test-search-page"

#include "config.h"

#include "rapport-search-page.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

#define WAIT_MS 10000

typedef struct
{
  char              *tmp_dir;
  RapportDatabase   *database;
  RapportStore      *store;
  gint64             colleague_id;
  gint64             assignment_id;
  gint64             tip_id;
  gint64             interaction_id;
  GtkWindow         *window;
  RapportSearchPage *page;
} Fixture;

typedef struct
{
  guint           count;
  RapportItemKind kind;
  gint64          id;
  char           *title;
} Activated;

/* Helpers */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Only what shows: the page keeps the rows of earlier queries, hidden, to use them again. */
static void
collect_groups (GtkWidget *widget,
                GPtrArray *groups)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      g_ptr_array_add (groups, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_groups (child, groups);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (ADW_IS_ACTION_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GPtrArray *
dup_groups (RapportSearchPage *page)
{
  GPtrArray *groups = g_ptr_array_new ();

  collect_groups (GTK_WIDGET (page), groups);
  return groups;
}

static GPtrArray *
dup_rows (GtkWidget *root)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (root, rows);
  return rows;
}

static gboolean
has_rows (gpointer data)
{
  g_autoptr(GPtrArray) rows = dup_rows (data);

  return rows->len > 0;
}

static gboolean
match_visible_stack_child (GtkWidget     *widget,
                           gconstpointer  data)
{
  return GTK_IS_STACK (widget) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (widget)), data) == 0;
}

static gboolean
shows_empty (gpointer data)
{
  return rapport_test_find_widget (GTK_WIDGET (data), match_visible_stack_child, "empty") != NULL;
}

static void
activate_result_cb (RapportSearchPage   *page,
                    RapportSearchResult *result,
                    Activated           *activated)
{
  activated->count++;
  activated->kind = rapport_search_result_get_kind (result);
  activated->id = rapport_search_result_get_id (result);
  g_free (activated->title);
  activated->title = g_strdup (rapport_search_result_get_title (result));
}

static GtkWidget *
find_row_for (RapportSearchPage *page,
              RapportItemKind    kind,
              gint64             id)
{
  g_autoptr(GPtrArray) found = rapport_store_search (rapport_search_page_get_store (page),
                                                     "marigold", 20, NULL);

  g_assert_nonnull (found);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (found, i);

      if (rapport_search_result_get_kind (result) == kind &&
          rapport_search_result_get_id (result) == id)
        return rapport_test_find_row (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW,
                                      rapport_search_result_get_title (result));
    }

  return NULL;
}

/* One of each kind, all with the word "Marigold", and one thing without it. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportAssignment) assignment = NULL;
  g_autoptr(RapportTip) tip = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RapportColleague *colleague;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  gint64 colleague_id;

  fixture->tmp_dir = rapport_test_make_tmp_dir ("rapport-test-search-page");
  path = g_build_filename (fixture->tmp_dir, "journal.db", NULL);
  rapport_test_random_key (key);
  fixture->store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);

  colleague = rapport_test_add_colleague (fixture->store, "name", "Marigold Okafor",
                                          "role", "RN", NULL);
  colleague_id = rapport_colleague_get_id (colleague);
  fixture->colleague_id = colleague_id;
  rapport_test_add_colleague (fixture->store, "name", "Unrelated Person", NULL);

  assignment = rapport_assignment_new ("Marigold General Hospital");
  rapport_assignment_set_city (assignment, "Durango");
  rapport_assignment_set_tz (assignment, "America/Denver");
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  fixture->assignment_id = rapport_assignment_get_id (assignment);

  tip = rapport_tip_new (fixture->assignment_id, RAPPORT_TIP_CATEGORY_FOOD, "Marigold Taqueria");
  rapport_tip_set_body (tip, "Green chile on Fridays.");
  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);
  fixture->tip_id = rapport_tip_get_id (tip);

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                         g_get_real_time () / G_USEC_PER_SEC);
  rapport_interaction_set_body (interaction, "Talked about the marigold festival.");
  rapport_interaction_set_colleague_ids (interaction, &colleague_id, 1);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
  fixture->interaction_id = rapport_interaction_get_id (interaction);

  fixture->page = g_object_new (RAPPORT_TYPE_SEARCH_PAGE, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  rapport_search_page_set_store (fixture->page, fixture->store);
  gtk_window_present (fixture->window);
  g_assert_true (rapport_test_wait_until (is_mapped, fixture->page, WAIT_MS));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (fixture->window);
  g_assert_true (rapport_test_wait_for_null (&page, WAIT_MS));
  if (page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (page), &page);

  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->tmp_dir);
  g_free (fixture->tmp_dir);
}

static void
set_query_and_wait (Fixture    *fixture,
                    const char *query)
{
  rapport_search_page_set_query (fixture->page, query);
  g_assert_true (rapport_test_wait_until (has_rows, fixture->page, WAIT_MS));
  rapport_test_iterate ();
}

/* For a query after another: the rows of the first one show until the delayed query ran. */
static void
requery_and_wait (Fixture    *fixture,
                  const char *query)
{
  rapport_search_page_set_query (fixture->page, query);
  rapport_test_wait_ms (300);
  rapport_test_iterate ();
}

/* Tests */

static void
test_search_page_grouped (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const headings[] = { "Colleagues", "Assignments", "Tips", "Journal" };
  g_autoptr(GPtrArray) groups = NULL;

  set_query_and_wait (fixture, "marigold");
  g_assert_cmpstr (rapport_search_page_get_query (fixture->page), ==, "marigold");

  groups = dup_groups (fixture->page);
  g_assert_cmpuint (groups->len, ==, G_N_ELEMENTS (headings));

  for (guint i = 0; i < groups->len && i < G_N_ELEMENTS (headings); i++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) rows = dup_rows (GTK_WIDGET (group));

      g_assert_cmpstr (adw_preferences_group_get_title (group), ==, headings[i]);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (group)));
      /* One of each kind matches; the colleague without the word is nowhere. */
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_true (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, 0)));
      g_assert_nonnull (adw_action_row_get_icon_name (g_ptr_array_index (rows, 0)));
    }

  g_assert_nonnull (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                           "Marigold Okafor"));
  g_assert_null (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                        "Unrelated Person"));
  g_assert_nonnull (find_row_for (fixture->page, RAPPORT_ITEM_KIND_ASSIGNMENT,
                                  fixture->assignment_id));
  g_assert_nonnull (find_row_for (fixture->page, RAPPORT_ITEM_KIND_TIP, fixture->tip_id));
  g_assert_nonnull (find_row_for (fixture->page, RAPPORT_ITEM_KIND_INTERACTION,
                                  fixture->interaction_id));

  /* A narrower query drops the groups it no longer matches. */
  rapport_search_page_set_query (fixture->page, "taqueria");
  rapport_test_wait_ms (300);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = dup_groups (fixture->page);
  g_assert_cmpuint (groups->len, ==, 1);
  if (groups->len == 1)
    g_assert_cmpstr (adw_preferences_group_get_title (g_ptr_array_index (groups, 0)), ==, "Tips");
}

static void
test_search_page_activate (Fixture       *fixture,
                           gconstpointer  data)
{
  static const RapportItemKind kinds[] = {
    RAPPORT_ITEM_KIND_COLLEAGUE,
    RAPPORT_ITEM_KIND_ASSIGNMENT,
    RAPPORT_ITEM_KIND_TIP,
    RAPPORT_ITEM_KIND_INTERACTION,
  };
  const gint64 ids[] = {
    fixture->colleague_id,
    fixture->assignment_id,
    fixture->tip_id,
    fixture->interaction_id,
  };
  Activated activated = { 0, };

  g_signal_connect (fixture->page, "activate-result", G_CALLBACK (activate_result_cb), &activated);
  set_query_and_wait (fixture, "marigold");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *row = find_row_for (fixture->page, kinds[i], ids[i]);

      g_assert_nonnull (row);
      if (row == NULL)
        continue;

      /* What a click, Enter or Space on the row does. */
      adw_action_row_activate (ADW_ACTION_ROW (row));
      g_assert_cmpuint (activated.count, ==, i + 1);
      g_assert_cmpint (activated.kind, ==, kinds[i]);
      g_assert_cmpint (activated.id, ==, ids[i]);
    }

  g_free (activated.title);
}

static void
test_search_page_activate_first (Fixture       *fixture,
                                 gconstpointer  data)
{
  Activated activated = { 0, };

  g_signal_connect (fixture->page, "activate-result", G_CALLBACK (activate_result_cb), &activated);

  /* Nothing to activate without a query. */
  g_assert_false (rapport_search_page_activate_first (fixture->page));
  g_assert_cmpuint (activated.count, ==, 0);

  /* Enter right after typing acts on what was typed, before the delayed query ran. */
  rapport_search_page_set_query (fixture->page, "marigold");
  g_assert_true (rapport_search_page_activate_first (fixture->page));
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_cmpint (activated.kind, ==, RAPPORT_ITEM_KIND_COLLEAGUE);
  g_assert_cmpint (activated.id, ==, fixture->colleague_id);
  g_assert_cmpstr (activated.title, ==, "Marigold Okafor");

  /* The first result is the first shown: the tip, when only tips match. */
  rapport_search_page_set_query (fixture->page, "taqueria");
  g_assert_true (rapport_search_page_activate_first (fixture->page));
  g_assert_cmpuint (activated.count, ==, 2);
  g_assert_cmpint (activated.kind, ==, RAPPORT_ITEM_KIND_TIP);
  g_assert_cmpint (activated.id, ==, fixture->tip_id);

  rapport_search_page_set_query (fixture->page, "zzqxvkj");
  g_assert_false (rapport_search_page_activate_first (fixture->page));
  g_assert_cmpuint (activated.count, ==, 2);

  g_free (activated.title);
}

static void
test_search_page_no_results (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *status_page;

  set_query_and_wait (fixture, "marigold");

  rapport_search_page_set_query (fixture->page, "zzqxvkj");
  g_assert_true (rapport_test_wait_until (shows_empty, fixture->page, WAIT_MS));
  rapport_test_iterate ();

  status_page = rapport_test_find_by_type (GTK_WIDGET (fixture->page), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "No Results");
  g_assert_true (gtk_widget_get_mapped (status_page));
  rows = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (rows->len, ==, 0);

  /* An empty query is no search at all, not a failed one. */
  rapport_search_page_set_query (fixture->page, "");
  rapport_test_iterate ();
  g_assert_false (gtk_widget_get_mapped (status_page));
}

static void
test_search_page_follows_store (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  /* The query waits a moment for more typing. */
  rapport_search_page_set_query (fixture->page, "marigold");
  rows = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_true (rapport_test_wait_until (has_rows, fixture->page, WAIT_MS));

  /* A new match shows without typing again. */
  rapport_test_add_colleague (fixture->store, "name", "Marigold Second", NULL);
  rapport_test_wait_ms (300);
  g_assert_nonnull (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                           "Marigold Second"));

  /* Without a store, nothing shows. */
  rapport_search_page_set_store (fixture->page, NULL);
  rapport_test_iterate ();
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_null (rapport_search_page_get_store (fixture->page));
}

static void
test_search_page_reuses_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  Activated activated = { 0, };
  RapportColleague *quill;

  quill = rapport_test_add_colleague (fixture->store, "name", "Zed Quill", NULL);
  g_signal_connect (fixture->page, "activate-result", G_CALLBACK (activate_result_cb), &activated);

  set_query_and_wait (fixture, "unrelated");
  before = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (before->len, ==, 1);

  /* Another colleague alone: the same row, showing them now. */
  requery_and_wait (fixture, "quill");
  after = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (after->len, ==, 1);
  if (before->len == 1 && after->len == 1)
    {
      GtkWidget *row = g_ptr_array_index (after, 0);

      g_assert_true (row == g_ptr_array_index (before, 0));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Zed Quill");

      /* Activating it gives the result it shows, not the one it showed before. */
      adw_action_row_activate (ADW_ACTION_ROW (row));
      g_assert_cmpuint (activated.count, ==, 1);
      g_assert_cmpint (activated.kind, ==, RAPPORT_ITEM_KIND_COLLEAGUE);
      g_assert_cmpint (activated.id, ==, rapport_colleague_get_id (quill));
      g_assert_cmpstr (activated.title, ==, "Zed Quill");
    }

  /* Back to four kinds: the colleague's row is still the first, the headings in order. */
  requery_and_wait (fixture, "marigold");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (after->len, ==, 4);
  if (after->len == 4)
    {
      g_assert_true (g_ptr_array_index (after, 0) == g_ptr_array_index (before, 0));
      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (after, 0)), ==,
                       "Marigold Okafor");
    }
  groups = dup_groups (fixture->page);
  g_assert_cmpuint (groups->len, ==, 4);
  if (groups->len == 4)
    g_assert_cmpstr (adw_preferences_group_get_title (g_ptr_array_index (groups, 0)), ==,
                     "Colleagues");

  /* Fewer of a kind: the rows left over hide, the first ones stay. */
  requery_and_wait (fixture, "okafor");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (after->len, ==, 2);
  if (after->len == 2)
    g_assert_true (g_ptr_array_index (after, 0) == g_ptr_array_index (before, 0));

  /* Only the tip: its heading first, and the first row in the page is the tip's. */
  requery_and_wait (fixture, "taqueria");
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = dup_groups (fixture->page);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     rapport_test_find_by_type (GTK_WIDGET (fixture->page),
                                                ADW_TYPE_ACTION_ROW))), ==, "Marigold Taqueria");
  g_assert_true (rapport_search_page_activate_first (fixture->page));
  g_assert_cmpint (activated.kind, ==, RAPPORT_ITEM_KIND_TIP);
  g_assert_cmpint (activated.id, ==, fixture->tip_id);

  g_free (activated.title);
}

static void
test_search_page_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  const char *description;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lotus %c", 'A' + i);

      rapport_test_add_colleague (fixture->store, "name", name, NULL);
    }

  /* A few of each kind, and a word that more would follow. */
  set_query_and_wait (fixture, "lotus");
  rows = dup_rows (GTK_WIDGET (fixture->page));
  g_assert_cmpuint (rows->len, ==, 8);
  groups = dup_groups (fixture->page);
  g_assert_cmpuint (groups->len, ==, 1);
  if (groups->len == 1)
    {
      description = adw_preferences_group_get_description (g_ptr_array_index (groups, 0));
      g_assert_nonnull (description);
      g_assert_nonnull (g_strstr_len (description != NULL ? description : "", -1, "8"));
    }

  /* All of them fit: no such word. */
  requery_and_wait (fixture, "unrelated");
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = dup_groups (fixture->page);
  g_assert_cmpuint (groups->len, ==, 1);
  if (groups->len == 1)
    {
      description = adw_preferences_group_get_description (g_ptr_array_index (groups, 0));
      g_assert_true (description == NULL || *description == '\0');
    }
}

static void
test_search_page_finalize (void)
{
  g_autofree char *tmp_dir = rapport_test_make_tmp_dir ("rapport-test-search-page");
  g_autofree char *path = g_build_filename (tmp_dir, "journal.db", NULL);
  g_autoptr(RapportDatabase) database = NULL;
  RapportSearchPage *page;
  RapportStore *store;

  store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE, &database);
  rapport_test_add_colleague (store, "name", "Marigold Okafor", NULL);

  page = g_object_ref_sink (g_object_new (RAPPORT_TYPE_SEARCH_PAGE, NULL));
  rapport_search_page_set_store (page, store);
  /* A query still waiting must not run on a finalized page. */
  rapport_search_page_set_query (page, "marigold");
  g_assert_finalize_object (page);
  rapport_test_wait_ms (200);

  rapport_test_close_store (store, g_steal_pointer (&database));
  rapport_test_remove_tree (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

  g_test_add ("/rapport/search-page/grouped", Fixture, NULL,
              fixture_set_up, test_search_page_grouped, fixture_tear_down);
  g_test_add ("/rapport/search-page/activate", Fixture, NULL,
              fixture_set_up, test_search_page_activate, fixture_tear_down);
  g_test_add ("/rapport/search-page/activate-first", Fixture, NULL,
              fixture_set_up, test_search_page_activate_first, fixture_tear_down);
  g_test_add ("/rapport/search-page/no-results", Fixture, NULL,
              fixture_set_up, test_search_page_no_results, fixture_tear_down);
  g_test_add ("/rapport/search-page/follows-store", Fixture, NULL,
              fixture_set_up, test_search_page_follows_store, fixture_tear_down);
  g_test_add ("/rapport/search-page/reuses-rows", Fixture, NULL,
              fixture_set_up, test_search_page_reuses_rows, fixture_tear_down);
  g_test_add ("/rapport/search-page/limit", Fixture, NULL,
              fixture_set_up, test_search_page_limit, fixture_tear_down);
  g_test_add_func ("/rapport/search-page/finalize", test_search_page_finalize);

  return g_test_run ();
}
