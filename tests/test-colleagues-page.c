/* test-colleagues-page.c
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

#define G_LOG_DOMAIN "rapport-test-colleagues-page"

#include "config.h"

#include <string.h>

#include "rapport-colleague-detail.h"
#include "rapport-colleague-row.h"
#include "rapport-colleagues-page.h"
#include "rapport-store.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

typedef struct
{
  char                  *dir;
  char                  *path;
  RapportDatabase       *database;
  RapportStore          *store;
  GtkWindow             *window;
  RapportColleaguesPage *page;
  GPtrArray             *toasts;
  gint64                 zoe, ada, bob, chloe, carol;
} Fixture;

static gint64
add_colleague (Fixture    *fixture,
               const char *name,
               const char *role,
               const char *interests,
               gboolean    archived)
{
  RapportColleague *colleague = rapport_test_add_colleague (fixture->store, "name", name,
                                                            "role", role,
                                                            "interests", interests,
                                                            NULL);
  g_autoptr(GError) error = NULL;

  if (archived)
    {
      rapport_store_set_colleague_archived (fixture->store, rapport_colleague_get_id (colleague),
                                            TRUE, &error);
      g_assert_no_error (error);
    }

  return rapport_colleague_get_id (colleague);
}

/* A journal of a few years: enough that building a row for each would show. */
#define N_MANY 3000
/* GTK 4.8's list view keeps up to 200 rows around what shows, whatever the list's length. */
#define ROW_BOUND 256

static void
add_many_colleagues (Fixture *fixture,
                     guint    n)
{
  static const char * const first[] = { "Ada", "Bea", "Cyd", "Dov", "Eli", "Fay", "Gus", "Hal" };
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  RapportStoreImportCounts counts = { 0 };
  g_autoptr(GError) error = NULL;

  /* One transaction, as an import does: thousands of single adds would take a while. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s Many%04u", first[i % G_N_ELEMENTS (first)], i);

      g_ptr_array_add (colleagues, rapport_colleague_new (name));
    }

  rapport_store_import_colleagues (fixture->store, colleagues, RAPPORT_STORE_IMPORT_MERGE_EXACT,
                                   &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.imported, ==, n);
}

static void
add_toast_cb (RapportColleaguesPage *page,
              AdwToast              *toast,
              Fixture               *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static void
open_page (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->page = g_object_new (RAPPORT_TYPE_COLLEAGUES_PAGE, NULL);
  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  rapport_colleagues_page_set_store (fixture->page, fixture->store);
  gtk_window_present (fixture->window);
  rapport_test_wait_ms (100);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = rapport_test_make_tmp_dir ("page");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (fixture->path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_strcmp0 (user_data, "many") == 0)
    add_many_colleagues (fixture, N_MANY);

  /* Added out of order, with mixed case and an accent, to see the list sort and search. */
  if (user_data == NULL)
    {
      fixture->zoe = add_colleague (fixture, "Zoe Young", "RN", "trail running", FALSE);
      fixture->ada = add_colleague (fixture, "ada Lovelace", "Hospitalist", "chess", FALSE);
      fixture->chloe = add_colleague (fixture, "Chloé Dupont", "PT", "pottery", FALSE);
      fixture->carol = add_colleague (fixture, "Carol Archer", "RT", "birding", TRUE);
      fixture->bob = add_colleague (fixture, "Bob Marley", "Pharmacist", "reggae", FALSE);
    }

  open_page (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rapportjournal.Rapport");

  g_settings_reset (settings, "show-archived");

  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  gtk_window_destroy (fixture->window);
  rapport_test_iterate ();
  g_assert_null (fixture->page);

  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_status_page (GtkWidget     *widget,
                gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static GtkWidget *
find_in_page (Fixture                *fixture,
              RapportTestWidgetMatch  match,
              const char             *text)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->page), match, text);
}

static GtkListView *
list_view (Fixture *fixture)
{
  GtkWidget *view = rapport_test_find_by_type (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

static GtkSingleSelection *
selection (Fixture *fixture)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view (fixture)));
}

static GListModel *
list_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (list_view (fixture)));
}

static GtkEditable *
search_entry (Fixture *fixture)
{
  GtkWidget *entry = rapport_test_find_by_type (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static RapportColleagueDetail *
detail (Fixture *fixture)
{
  GtkWidget *widget = rapport_test_find_by_type (GTK_WIDGET (fixture->page),
                                                 RAPPORT_TYPE_COLLEAGUE_DETAIL);

  g_assert_nonnull (widget);
  return RAPPORT_COLLEAGUE_DETAIL (widget);
}

static char *
list_names (Fixture *fixture)
{
  GListModel *model = list_model (fixture);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, rapport_colleague_get_name (colleague));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (search_entry (fixture), text);
  /* search-changed comes after the entry's typing delay. */
  rapport_test_wait_ms (400);
}

static gboolean
shows (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

/* Whether a label with this text is on screen under root (lists keep unused rows around). */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (is_label (root, text) && gtk_widget_get_mapped (root))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_sorted (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *names = list_names (fixture);

  g_assert_cmpstr (names, ==, "ada Lovelace, Bob Marley, Chloé Dupont, Zoe Young");
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Bob Marley"));
  g_assert_true (shows (find_in_page (fixture, is_status_page, "No Colleague Selected")));
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Colleagues Yet")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (list_view (fixture)), "navigation-sidebar"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *names = NULL;

  search (fixture, "chloe");
  names = list_names (fixture);
  g_assert_cmpstr (names, ==, "Chloé Dupont");
  g_clear_pointer (&names, g_free);

  /* Roles and interests are searched too. */
  search (fixture, "regg");
  names = list_names (fixture);
  g_assert_cmpstr (names, ==, "Bob Marley");
  g_clear_pointer (&names, g_free);
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Results")));

  search (fixture, "zzqqxx");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);
  g_assert_true (shows (find_in_page (fixture, is_status_page, "No Results")));

  search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Results")));

  /* Escape clears at once. */
  gtk_editable_set_text (search_entry (fixture), "bob");
  g_signal_emit_by_name (search_entry (fixture), "stop-search");
  rapport_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (search_entry (fixture)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);

  /* Down from the search moves into the list. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (search_entry (fixture)));
    gboolean handled = FALSE;
    GtkWidget *focus;

    rapport_colleagues_page_focus_search (fixture->page);
    rapport_test_iterate ();
    g_assert_true (gtk_widget_is_focus (GTK_WIDGET (search_entry (fixture))) ||
                   gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window),
                                           GTK_WIDGET (search_entry (fixture))));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && !handled)
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
      }
    rapport_test_iterate ();
    g_assert_true (handled);
    focus = gtk_window_get_focus (fixture->window);
    g_assert_nonnull (focus);
    g_assert_true (focus != NULL &&
                   gtk_widget_is_ancestor (focus, GTK_WIDGET (list_view (fixture))));
  }

  /* Enter opens the first result. */
  gtk_editable_set_text (search_entry (fixture), "bob");
  g_signal_emit_by_name (search_entry (fixture), "activate");
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);
  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) ==
                 rapport_store_find_colleague (fixture->store, fixture->bob));
}

static void
test_archived (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rapportjournal.Rapport");
  RapportColleague *carol = rapport_store_find_colleague (fixture->store, fixture->carol);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
  g_assert_false (shows_label (GTK_WIDGET (fixture->page), "Carol Archer"));

  g_settings_set_boolean (settings, "show-archived", TRUE);
  rapport_test_wait_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 5);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Carol Archer"));

  g_settings_set_boolean (settings, "show-archived", FALSE);
  rapport_test_wait_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);

  /* Archiving elsewhere hides them; unarchiving brings them back. */
  rapport_store_set_colleague_archived (fixture->store, fixture->zoe, TRUE, &error);
  g_assert_no_error (error);
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 3);
  rapport_store_set_colleague_archived (fixture->store, fixture->zoe, FALSE, &error);
  g_assert_no_error (error);
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);

  /* Asked for by id, an archived colleague shows anyway. */
  rapport_colleagues_page_show_colleague (fixture->page, fixture->carol);
  rapport_test_wait_ms (50);
  g_assert_true (gtk_single_selection_get_selected_item (selection (fixture)) == (gpointer) carol);
  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) == carol);
}

static void
test_show_colleague (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RapportColleague *bob = rapport_store_find_colleague (fixture->store, fixture->bob);
  GtkWidget *name;

  /* A search that would hide them is cleared. */
  search (fixture, "zoe");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);

  rapport_colleagues_page_show_colleague (fixture->page, fixture->bob);
  rapport_test_wait_ms (50);

  g_assert_cmpstr (gtk_editable_get_text (search_entry (fixture)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
  g_assert_true (gtk_single_selection_get_selected_item (selection (fixture)) == (gpointer) bob);
  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) == bob);

  name = rapport_test_find_widget (GTK_WIDGET (detail (fixture)), is_label, "Bob Marley");
  g_assert_true (shows (name));
  g_assert_true (gtk_widget_has_css_class (name, "title-1"));
  g_assert_true (shows_label (GTK_WIDGET (detail (fixture)), "Pharmacist"));
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Colleague Selected")));

  /* An id nobody has changes nothing. */
  rapport_colleagues_page_show_colleague (fixture->page, 999999);
  rapport_test_iterate ();
  g_assert_true (gtk_single_selection_get_selected_item (selection (fixture)) == (gpointer) bob);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(RapportColleague) bob = g_object_ref (rapport_store_find_colleague (fixture->store,
                                                                               fixture->bob));
  GtkWidget *delete_button;
  AdwToast *toast;

  rapport_colleagues_page_show_colleague (fixture->page, fixture->bob);
  rapport_test_wait_ms (50);

  delete_button = rapport_test_find_button (GTK_WIDGET (detail (fixture)), "Delete");
  g_assert_true (shows (delete_button));
  g_signal_emit_by_name (delete_button, "clicked");
  rapport_test_iterate ();

  g_assert_null (rapport_store_find_colleague (fixture->store, fixture->bob));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 3);
  g_assert_null (gtk_single_selection_get_selected_item (selection (fixture)));
  g_assert_true (shows (find_in_page (fixture, is_status_page, "No Colleague Selected")));

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len != 1)
    return;
  toast = g_ptr_array_index (fixture->toasts, 0);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Bob Marley"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Undo");

  /* Undo brings the colleague back, with the same id. */
  g_signal_emit_by_name (toast, "button-clicked");
  rapport_test_iterate ();
  g_assert_nonnull (rapport_store_find_colleague (fixture->store, fixture->bob));
  if (rapport_store_find_colleague (fixture->store, fixture->bob) != NULL)
    g_assert_cmpstr (rapport_colleague_get_name (rapport_store_find_colleague (fixture->store,
                                                                               fixture->bob)),
                     ==, rapport_colleague_get_name (bob));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Bob Marley"));
}

static gint64
log_interaction (Fixture                *fixture,
                 RapportInteractionKind  kind,
                 GDateTime              *when,
                 const gint64           *ids,
                 guint                   n_ids)
{
  g_autoptr(RapportInteraction) interaction =
    rapport_interaction_new (kind, g_date_time_to_unix (when));
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_colleague_ids (interaction, ids, n_ids);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);

  return rapport_interaction_get_id (interaction);
}

static void
record_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s(%" G_GINT64_FORMAT ");", g_action_get_name (G_ACTION (action)),
                          g_variant_get_int64 (parameter));
}

static void
test_delete_with_entries (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 alone[] = { fixture->bob };
  gint64 together[] = { fixture->bob, fixture->zoe };
  gint64 solo, shared;
  GtkWidget *delete_button;
  AdwToast *toast;

  solo = log_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, now, alone, 1);
  shared = log_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, now, together, 2);

  rapport_colleagues_page_show_colleague (fixture->page, fixture->bob);
  rapport_test_wait_ms (50);
  delete_button = rapport_test_find_button (GTK_WIDGET (detail (fixture)), "Delete");
  g_signal_emit_by_name (delete_button, "clicked");
  rapport_test_iterate ();

  /* The call named only Bob and went with him; the meal with Zoe stays. */
  g_assert_null (rapport_store_find_interaction (fixture->store, solo));
  g_assert_nonnull (rapport_store_find_interaction (fixture->store, shared));

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len != 1)
    return;
  toast = g_ptr_array_index (fixture->toasts, 0);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Bob Marley” and 1 journal entry deleted");

  g_signal_emit_by_name (toast, "button-clicked");
  rapport_test_iterate ();
  g_assert_nonnull (rapport_store_find_colleague (fixture->store, fixture->bob));
  g_assert_nonnull (rapport_store_find_interaction (fixture->store, solo));
  g_assert_true (rapport_interaction_has_colleague (rapport_store_find_interaction (fixture->store,
                                                                                   shared),
                                                    fixture->bob));
}

static void
test_detail_journal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) three_days_ago = g_date_time_add_days (now, -3);
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Mercy General");
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GString) activated = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "show-interaction", "show-assignment", "log-interaction",
                          "add-reminder", "show-reminder" };
  g_autofree char *title = NULL;
  gint64 alone[] = { fixture->bob };
  gint64 coffee, assignment_id;
  GtkWidget *last_row, *met_row, *log_button, *plan_button, *reminder_row;
  gint64 reminder_id;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE_INT64);

      g_signal_connect (action, "activate", G_CALLBACK (record_action_cb), activated);
      g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (win));

  rapport_assignment_set_starts_on (assignment, "2026-02-01");
  rapport_assignment_set_ends_on (assignment, "2026-04-30");
  rapport_assignment_set_tz (assignment, "America/Denver");
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  assignment_id = rapport_assignment_get_id (assignment);
  title = rapport_assignment_dup_title (assignment);

  rapport_colleagues_page_show_colleague (fixture->page, fixture->bob);
  rapport_test_wait_ms (50);

  last_row = rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW,
                                    "Last Interaction");
  g_assert_true (shows (last_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last_row)), ==, "Nothing logged yet");
  g_assert_false (shows (rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW,
                                                title)));

  /* Changes elsewhere in the journal show at once. */
  coffee = log_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, three_days_ago, alone, 1);
  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->bob, assignment_id,
                                               "2026-02-03", &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  last_row = rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW,
                                    "Last Interaction");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last_row)), ==, "Coffee · 3 days ago");
  g_assert_true (shows_label (GTK_WIDGET (detail (fixture)), "Met At"));
  met_row = rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW, title);
  g_assert_true (shows (met_row));
  if (met_row != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (met_row)), ==,
                     "Met on 3 February 2026");
  g_assert_true (shows_label (GTK_WIDGET (detail (fixture)), "Recent Interactions"));
  g_assert_true (shows (rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW,
                                               "Coffee with Bob Marley")));

  /* Rows and the button go through the window's actions. */
  g_signal_emit_by_name (last_row, "activated");
  if (met_row != NULL)
    g_signal_emit_by_name (met_row, "activated");
  log_button = rapport_test_find_button (GTK_WIDGET (detail (fixture)), "Log Interaction");
  g_assert_true (shows (log_button));
  g_signal_emit_by_name (log_button, "clicked");
  rapport_test_iterate ();
  {
    g_autofree char *expected =
      g_strdup_printf ("show-interaction(%" G_GINT64_FORMAT ");show-assignment(%" G_GINT64_FORMAT
                       ");log-interaction(%" G_GINT64_FORMAT ");",
                       coffee, assignment_id, fixture->bob);

    g_assert_cmpstr (activated->str, ==, expected);
  }

  /* Plan Check-In asks the window for a reminder with them; what is planned shows here. */
  g_string_truncate (activated, 0);
  plan_button = rapport_test_find_button (GTK_WIDGET (detail (fixture)), "Plan Check-In");
  g_assert_true (shows (plan_button));
  g_signal_emit_by_name (plan_button, "clicked");
  g_assert_false (shows_label (GTK_WIDGET (detail (fixture)), "Upcoming Reminders"));
  {
    g_autoptr(RapportReminder) reminder =
      rapport_reminder_new ("Call after his boards", g_get_real_time () / G_USEC_PER_SEC + 86400);
    g_autoptr(RapportReminder) other =
      rapport_reminder_new ("Someone else's", g_get_real_time () / G_USEC_PER_SEC + 86400);

    rapport_reminder_set_colleague_id (reminder, fixture->bob);
    rapport_reminder_set_colleague_id (other, fixture->ada);
    g_assert_true (rapport_store_add_reminder (fixture->store, reminder, &error));
    g_assert_true (rapport_store_add_reminder (fixture->store, other, &error));
    g_assert_no_error (error);
    reminder_id = rapport_reminder_get_id (reminder);
  }
  rapport_test_wait_ms (50);
  g_assert_true (shows_label (GTK_WIDGET (detail (fixture)), "Upcoming Reminders"));
  reminder_row = rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW,
                                        "Call after his boards");
  g_assert_true (shows (reminder_row));
  g_assert_null (rapport_test_find_row (GTK_WIDGET (detail (fixture)), ADW_TYPE_ACTION_ROW,
                                        "Someone else's"));
  if (reminder_row != NULL)
    g_signal_emit_by_name (reminder_row, "activated");
  rapport_test_iterate ();
  {
    g_autofree char *expected =
      g_strdup_printf ("add-reminder(%" G_GINT64_FORMAT ");show-reminder(%" G_GINT64_FORMAT ");",
                       fixture->bob, reminder_id);

    g_assert_cmpstr (activated->str, ==, expected);
  }
}

static void
test_archive_undo (Fixture       *fixture,
                   gconstpointer  user_data)
{
  RapportColleague *ada = rapport_store_find_colleague (fixture->store, fixture->ada);
  GtkWidget *archive_button;
  AdwToast *toast;

  rapport_colleagues_page_show_colleague (fixture->page, fixture->ada);
  rapport_test_wait_ms (50);

  archive_button = rapport_test_find_button (GTK_WIDGET (detail (fixture)), "Archive");
  g_assert_true (shows (archive_button));
  g_signal_emit_by_name (archive_button, "clicked");
  rapport_test_iterate ();

  g_assert_true (rapport_colleague_get_archived (ada));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 3);
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len != 1)
    return;
  toast = g_ptr_array_index (fixture->toasts, 0);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "ada Lovelace"));

  g_signal_emit_by_name (toast, "button-clicked");
  rapport_test_iterate ();
  g_assert_false (rapport_colleague_get_archived (ada));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_update_in_place (Fixture       *fixture,
                      gconstpointer  user_data)
{
  RapportColleague *zoe = rapport_store_find_colleague (fixture->store, fixture->zoe);
  RapportColleague *ada = rapport_store_find_colleague (fixture->store, fixture->ada);
  g_autoptr(RapportColleague) changes = rapport_colleague_dup (zoe);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GtkWidget *row;
  guint n_changed = 0;
  gulong handler;

  row = gtk_widget_get_ancestor (find_in_page (fixture, is_label, "Zoe Young"),
                                 RAPPORT_TYPE_COLLEAGUE_ROW);
  g_assert_nonnull (row);
  g_assert_true (rapport_colleague_row_get_colleague (RAPPORT_COLLEAGUE_ROW (row)) == zoe);

  handler = g_signal_connect (list_model (fixture), "items-changed",
                              G_CALLBACK (count_items_changed_cb), &n_changed);

  rapport_colleague_set_name (changes, "Zoe Youngblood");
  rapport_colleague_set_role (changes, "Charge Nurse");
  rapport_colleague_set_organization (changes, "St. Luke's");
  rapport_store_update_colleague (fixture->store, changes, &error);
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  /* Same row, new text; the list did not move. */
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_true (find_in_page (fixture, is_label, "Zoe Youngblood") != NULL);
  g_assert_true (gtk_widget_is_ancestor (find_in_page (fixture, is_label, "Zoe Youngblood"), row));
  g_assert_true (shows_label (row, "Charge Nurse · St. Luke's"));
  g_assert_null (find_in_page (fixture, is_label, "Zoe Young"));

  /* A rename that breaks the order moves the colleague and keeps them selected. */
  rapport_colleagues_page_show_colleague (fixture->page, fixture->ada);
  rapport_test_wait_ms (50);
  g_clear_object (&changes);
  changes = rapport_colleague_dup (ada);
  rapport_colleague_set_name (changes, "Zelda Lovelace");
  rapport_store_update_colleague (fixture->store, changes, &error);
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  names = list_names (fixture);
  g_assert_cmpstr (names, ==, "Bob Marley, Chloé Dupont, Zelda Lovelace, Zoe Youngblood");
  g_assert_true (gtk_single_selection_get_selected_item (selection (fixture)) == (gpointer) ada);
  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) == ada);
  g_assert_true (shows_label (GTK_WIDGET (detail (fixture)), "Zelda Lovelace"));

  g_signal_handler_disconnect (list_model (fixture), handler);
}

typedef struct
{
  guint n_emissions;
  guint most_removed;
  guint most_added;
} ItemsChanged;

static void
record_items_changed_cb (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         ItemsChanged *changes)
{
  changes->n_emissions++;
  changes->most_removed = MAX (changes->most_removed, removed);
  changes->most_added = MAX (changes->most_added, added);
}

static void
scroll_to (GtkListView *view,
           double       fraction)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment, fraction * end);
  rapport_test_wait_ms (30);
}

static guint
count_rows (GtkWidget *root)
{
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += RAPPORT_IS_COLLEAGUE_ROW (child) ? 1 : count_rows (child);

  return count;
}

/* Thousands of colleagues: rows only for what shows, and an edit touches one row. */
static void
test_many (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkListView *view = list_view (fixture);
  GListModel *model = list_model (fixture);
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);
  g_autoptr(RapportColleague) colleague = NULL;
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged items_changed = { 0 };
  GtkWidget *row;
  gulong handler;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_MANY);
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), >, 0);
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), <, ROW_BOUND);

  /* Down the whole list and back: rows are recycled, not one made per colleague. */
  for (guint i = 1; i <= 10; i++)
    scroll_to (view, i / 10.0);
  for (guint i = 0; i <= 10; i++)
    scroll_to (view, 1.0 - i / 10.0);
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), <, ROW_BOUND);

  /* The first in the list shows now; rename it without moving it. */
  colleague = g_list_model_get_item (model, 0);
  row = gtk_widget_get_ancestor (find_in_page (fixture, is_label,
                                               rapport_colleague_get_name (colleague)),
                                 RAPPORT_TYPE_COLLEAGUE_ROW);
  g_assert_nonnull (row);

  handler = g_signal_connect (model, "items-changed", G_CALLBACK (record_items_changed_cb),
                              &items_changed);
  g_signal_connect (colleagues, "items-changed", G_CALLBACK (record_items_changed_cb),
                    &items_changed);

  changes = rapport_colleague_dup (colleague);
  rapport_colleague_set_name (changes, "Aaron Aardvark");
  rapport_store_update_colleague (fixture->store, changes, &error);
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  g_assert_cmpuint (items_changed.most_removed, <=, 1);
  g_assert_cmpuint (items_changed.most_added, <=, 1);
  g_assert_true (shows_label (GTK_WIDGET (view), "Aaron Aardvark"));
  if (row != NULL)
    g_assert_true (shows_label (row, "Aaron Aardvark"));
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), <, ROW_BOUND);

  /* A rename that moves it: one item out, one in, never the whole list. */
  g_clear_object (&changes);
  changes = rapport_colleague_dup (colleague);
  rapport_colleague_set_name (changes, "Mmm Middle");
  rapport_store_update_colleague (fixture->store, changes, &error);
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  g_assert_cmpuint (items_changed.most_removed, <=, 1);
  g_assert_cmpuint (items_changed.most_added, <=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_MANY);

  g_signal_handler_disconnect (model, handler);
  g_signal_handlers_disconnect_by_func (colleagues, record_items_changed_cb, &items_changed);
}

/* A paced search changes a few rows a frame; a sanitizer build on a busy machine draws only a
 * few frames a second. */
#define PACED_WAIT_MS 30000

static gboolean
lists_all (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (list_model (fixture)) == N_MANY;
}

static gboolean
lists_one (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (list_model (fixture)) == 1;
}

static gboolean
list_is_empty (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (list_model (fixture)) == 0;
}

static void
test_many_search (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GListModel *model = list_model (fixture);
  g_autoptr(RapportColleague) first = NULL;
  g_autoptr(RapportColleague) top = NULL;
  ItemsChanged items_changed = { 0 };
  gulong handler;

  first = g_list_model_get_item (model, 0);
  gtk_editable_set_text (search_entry (fixture), "Many0007");
  g_assert_true (rapport_test_wait_until (lists_one, fixture, PACED_WAIT_MS));

  /* Clearing the search brings the rows back a few a frame, the top of the list first, never
   * hundreds of new rows at once, and without "No Results" on the way. */
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (record_items_changed_cb),
                              &items_changed);
  gtk_editable_set_text (search_entry (fixture), "");
  g_signal_emit_by_name (search_entry (fixture), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, N_MANY);
  g_assert_cmpuint (items_changed.most_added, <, 64);
  top = g_list_model_get_item (model, 0);
  g_assert_true (top == first);
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Results")));
  g_assert_true (rapport_test_wait_until (lists_all, fixture, PACED_WAIT_MS));
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Results")));
  g_signal_handler_disconnect (model, handler);

  /* Enter does not wait: the list is whole when it has opened the first. */
  gtk_editable_set_text (search_entry (fixture), "Many0007");
  g_assert_true (rapport_test_wait_until (lists_one, fixture, PACED_WAIT_MS));
  gtk_editable_set_text (search_entry (fixture), "Many");
  g_signal_emit_by_name (search_entry (fixture), "activate");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_MANY);
  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) == first);

  /* A search that matches nobody shows "No Results" once it has taken effect. */
  gtk_editable_set_text (search_entry (fixture), "zzqqxx");
  g_signal_emit_by_name (search_entry (fixture), "search-changed");
  g_assert_true (rapport_test_wait_until (list_is_empty, fixture, PACED_WAIT_MS));
  rapport_test_iterate ();
  g_assert_true (shows (find_in_page (fixture, is_status_page, "No Results")));
}

/* The list item widget (GTK's own, the parent of the row: the one the focus lands on) that
 * shows colleague, or NULL. */
static GtkWidget *
item_for (Fixture *fixture,
          gint64   id)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (list_view (fixture)));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      RapportColleague *colleague;

      if (!RAPPORT_IS_COLLEAGUE_ROW (row))
        continue;
      colleague = rapport_colleague_row_get_colleague (RAPPORT_COLLEAGUE_ROW (row));
      if (colleague != NULL && rapport_colleague_get_id (colleague) == id)
        return item;
    }

  return NULL;
}

/* A screen reader names each row for what it shows, and the name follows an edit. */
static void
test_item_names (Fixture       *fixture,
                 gconstpointer  user_data)
{
  RapportColleague *zoe = rapport_store_find_colleague (fixture->store, fixture->zoe);
  g_autoptr(RapportColleague) changes = rapport_colleague_dup (zoe);
  g_autoptr(GError) error = NULL;

  rapport_test_assert_item_named (item_for (fixture, fixture->zoe), "Zoe Young, RN");
  rapport_test_assert_item_named (item_for (fixture, fixture->ada),
                                  "ada Lovelace, Hospitalist");
  rapport_test_assert_item_named (item_for (fixture, fixture->chloe), "Chloé Dupont, PT");
  rapport_test_assert_item_named (item_for (fixture, fixture->bob), "Bob Marley, Pharmacist");

  rapport_colleague_set_role (changes, "Charge Nurse");
  rapport_colleague_set_organization (changes, "Mercy Hospital");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);
  rapport_test_assert_item_named (item_for (fixture, fixture->zoe),
                                  "Zoe Young, Charge Nurse, Mercy Hospital");
}

/* The many colleagues have a name only. */
static char *
expected_item_name (GtkListItem *list_item,
                    gpointer     data)
{
  return g_strdup (rapport_colleague_get_name (gtk_list_item_get_item (list_item)));
}

/* Scrolling through thousands of colleagues hands the item widgets of the rows that leave to
 * the rows that come: each takes its new colleague's name at once, and an unbound one keeps
 * none. */
static void
test_many_item_names (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkListView *view = list_view (fixture);
  GtkListItemFactory *factory = gtk_list_view_get_factory (view);
  RapportTestBindWatch watch;
  guint n_named = 0;

  /* Its bind and unbind are where rows are named. */
  g_assert_true (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory));
  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
    return;

  rapport_test_bind_watch_start (&watch, factory, expected_item_name, NULL);

  for (guint i = 1; i <= 10; i++)
    scroll_to (view, i / 10.0);

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      RapportColleague *colleague;

      if (!RAPPORT_IS_COLLEAGUE_ROW (row))
        continue;
      colleague = rapport_colleague_row_get_colleague (RAPPORT_COLLEAGUE_ROW (row));
      g_assert_nonnull (colleague);
      if (colleague == NULL)
        continue;
      rapport_test_assert_item_named (item, rapport_colleague_get_name (colleague));
      n_named++;
    }

  g_test_message ("%u times an item widget was given another colleague; %u rows checked",
                  watch.recycled, n_named);
  g_assert_cmpuint (n_named, >, 0);
  g_assert_cmpuint (watch.recycled, >, 0);
  g_assert_cmpuint (watch.misnamed, ==, 0);
  g_assert_cmpuint (watch.unbinds, >, 0);
  g_assert_cmpuint (watch.named_unbound, ==, 0);

  rapport_test_bind_watch_stop (&watch);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GtkWidget *add_button;

  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);
  g_assert_true (shows (find_in_page (fixture, is_status_page, "No Colleagues Yet")));
  add_button = rapport_test_find_button (GTK_WIDGET (fixture->page), "Add Colleague");
  g_assert_true (shows (add_button));
  g_assert_true (gtk_widget_has_css_class (add_button, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (add_button, "pill"));

  add_colleague (fixture, "Sam Rivera", "RN", "", FALSE);
  rapport_test_wait_ms (50);
  names = list_names (fixture);
  g_assert_cmpstr (names, ==, "Sam Rivera");
  g_assert_false (shows (find_in_page (fixture, is_status_page, "No Colleagues Yet")));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Sam Rivera"));
}

static gboolean
is_editor (GtkWidget  *widget,
           const char *unused)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), g_type_from_name ("RapportColleagueEditor"));
}

static void
test_add_colleague (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *editor = NULL;
  GtkWidget *name_row;
  RapportColleague *selected;

  rapport_colleagues_page_add_colleague (fixture->page);
  rapport_test_wait_ms (50);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (is_editor (window, NULL))
        editor = window;
    }
  g_assert_nonnull (editor);
  if (editor == NULL)
    return;
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == fixture->window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));

  name_row = rapport_test_find_by_type (editor, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Avery Brooks");
  g_signal_emit_by_name (gtk_window_get_default_widget (GTK_WINDOW (editor)), "clicked");
  rapport_test_wait_ms (50);

  selected = gtk_single_selection_get_selected_item (selection (fixture));
  g_assert_nonnull (selected);
  if (selected == NULL)
    return;
  g_assert_cmpstr (rapport_colleague_get_name (selected), ==, "Avery Brooks");
  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) == selected);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 5);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWidget *back;
  GtkWidget *row;

  gtk_window_set_default_size (fixture->window, 360, 640);
  rapport_test_wait_ms (300);

  /* Folded: the list shows, the details do not until a colleague is opened. */
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Bob Marley"));
  back = rapport_test_find_by_type (GTK_WIDGET (fixture->page), ADW_TYPE_BUTTON_CONTENT);
  g_assert_nonnull (back);

  row = gtk_widget_get_ancestor (find_in_page (fixture, is_label, "Bob Marley"),
                                 RAPPORT_TYPE_COLLEAGUE_ROW);
  gtk_widget_activate_action (row, "list.activate-item", "u", 1);
  rapport_test_wait_ms (400);

  g_assert_true (rapport_colleague_detail_get_colleague (detail (fixture)) ==
                 rapport_store_find_colleague (fixture->store, fixture->bob));
  g_assert_true (shows (back));
  g_assert_true (shows_label (GTK_WIDGET (detail (fixture)), "Bob Marley"));

  g_signal_emit_by_name (gtk_widget_get_ancestor (back, GTK_TYPE_BUTTON), "clicked");
  rapport_test_wait_ms (400);
  g_assert_false (shows (back));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Zoe Young"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, data, func) \
  g_test_add ("/rapport/colleagues-page/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("sorted", NULL, test_sorted);
  ADD ("search", NULL, test_search);
  ADD ("archived", NULL, test_archived);
  ADD ("show-colleague", NULL, test_show_colleague);
  ADD ("delete-undo", NULL, test_delete_undo);
  ADD ("archive-undo", NULL, test_archive_undo);
  ADD ("delete-with-entries", NULL, test_delete_with_entries);
  ADD ("detail-journal", NULL, test_detail_journal);
  ADD ("update-in-place", NULL, test_update_in_place);
  ADD ("empty", "empty", test_empty);
  ADD ("add-colleague", NULL, test_add_colleague);
  ADD ("narrow", NULL, test_narrow);
  ADD ("many", "many", test_many);
  ADD ("many-search", "many", test_many_search);
  ADD ("item-names", NULL, test_item_names);
  ADD ("many-item-names", "many", test_many_item_names);

#undef ADD

  return g_test_run ();
}
