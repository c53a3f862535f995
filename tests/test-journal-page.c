/* test-journal-page.c
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

#define G_LOG_DOMAIN "rapport-test-journal-page"

#include "config.h"

#include <string.h>

#include "rapport-interaction-row.h"
#include "rapport-journal-page.h"
#include "rapport-store.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-timeline-model.h"

typedef struct
{
  char               *dir;
  char               *path;
  RapportDatabase    *database;
  RapportStore       *store;
  GtkWindow          *window;
  RapportJournalPage *page;
  GPtrArray          *toasts;
  gint64              ada, ben, cy;
  gint64              mercy, mary;
  gint64              coffee, call, meal;
} Fixture;

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *starts_on,
                const char *ends_on)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);
  g_autoptr(GError) error = NULL;

  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static gint64
add_interaction (Fixture                *fixture,
                 RapportInteractionKind  kind,
                 int                     day,
                 int                     hour,
                 gint64                  assignment_id,
                 const char             *note,
                 gint64                  first_colleague,
                 gint64                  second_colleague)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, day, hour, 0, 0);
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (kind,
                                                                      g_date_time_to_unix (when));
  g_autoptr(GError) error = NULL;
  gint64 ids[2] = { first_colleague, second_colleague };

  rapport_interaction_set_colleague_ids (interaction, ids, second_colleague != 0 ? 2 : 1);
  rapport_interaction_set_assignment_id (interaction, assignment_id);
  rapport_interaction_set_body (interaction, note);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);

  return rapport_interaction_get_id (interaction);
}

static void
add_toast_cb (RapportJournalPage *page,
              AdwToast           *toast,
              Fixture            *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  fixture->dir = rapport_test_make_tmp_dir ("journal-page");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  rapport_test_fixed_key (key, 5);
  fixture->store = rapport_test_open_store (fixture->path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->ada = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store, "name",
                                                                      "Ada Lovelace", NULL));
  fixture->ben = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store, "name",
                                                                      "Ben Ng", NULL));
  fixture->cy = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store, "name",
                                                                     "Cy Twombly", NULL));
  fixture->mercy = add_assignment (fixture, "Mercy General", "2026-02-01", "2026-04-30");
  fixture->mary = add_assignment (fixture, "Saint Mary's", "2025-06-01", "2025-08-31");

  if (user_data == NULL)
    {
      fixture->coffee = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, 2, 10,
                                         fixture->mercy, "Badge office tips.\nSecond line.\nThird.",
                                         fixture->ada, 0);
      fixture->call = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, 2, 15,
                                       fixture->mary, "", fixture->ben, 0);
      fixture->meal = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, 1, 12, 0,
                                       "Tacos.", fixture->ada, fixture->ben);
    }

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  fixture->page = g_object_new (RAPPORT_TYPE_JOURNAL_PAGE, NULL);
  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  rapport_journal_page_set_store (fixture->page, fixture->store);
  gtk_window_present (fixture->window);
  rapport_test_wait_ms (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
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
is_status_page (GtkWidget     *widget,
                gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (is_label (root, text) && gtk_widget_get_mapped (root))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_status_page (Fixture    *fixture,
                  const char *title)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->page), is_status_page, title);
}

/* The timeline's list, not the lists inside the filters' popovers. */
static gboolean
is_timeline_view (GtkWidget     *widget,
                  gconstpointer  data)
{
  GtkSelectionModel *model;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;

  model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
  return GTK_IS_SINGLE_SELECTION (model) &&
         RAPPORT_IS_TIMELINE_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)));
}

static GtkListView *
list_view (Fixture *fixture)
{
  GtkWidget *view = rapport_test_find_widget (GTK_WIDGET (fixture->page), is_timeline_view, NULL);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

static GListModel *
list_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (list_view (fixture)));
}

/* The timeline as text: "D" for a day header, else the interaction's id. */
static char *
describe_timeline (Fixture *fixture)
{
  GListModel *model = list_model (fixture);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      if (RAPPORT_IS_TIMELINE_DAY (item))
        g_string_append (text, "D");
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT,
                                rapport_interaction_get_id (RAPPORT_INTERACTION (item)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
expect (const char *format,
        ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return text;
}

static gboolean
is_dropdown_named (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static GtkDropDown *
dropdown (Fixture    *fixture,
          const char *name)
{
  GtkWidget *widget = rapport_test_find_widget (GTK_WIDGET (fixture->page), is_dropdown_named,
                                                name);

  g_assert_nonnull (widget);
  return GTK_DROP_DOWN (widget);
}

static void
choose (GtkDropDown *dropdown,
        const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          rapport_test_iterate ();
          return;
        }
    }

  g_assert_not_reached ();
}

static const char *
chosen (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
is_row_for (GtkWidget     *widget,
            gconstpointer  data)
{
  RapportInteraction *interaction;

  if (!RAPPORT_IS_INTERACTION_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  interaction = rapport_interaction_row_get_interaction (RAPPORT_INTERACTION_ROW (widget));
  return interaction != NULL && rapport_interaction_get_id (interaction) == *(const gint64 *) data;
}

static GtkWidget *
row_for (Fixture *fixture,
         gint64   id)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->page), is_row_for, &id);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkWidget *empty = find_status_page (fixture, "Your Journal Is Empty");
  GtkWidget *button;
  g_autofree char *timeline = NULL;

  g_assert_true (shows (empty));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (empty)), ==,
                   "Log coffees, shared shifts, calls and messages with colleagues; logging "
                   "resets their keep-in-touch clock.");
  button = rapport_test_find_button (empty, "Log Interaction");
  g_assert_true (shows (button));
  g_assert_true (gtk_widget_has_css_class (button, "pill"));
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  /* Filters would filter nothing. */
  g_assert_false (shows (GTK_WIDGET (dropdown (fixture, "Filter by Kind"))));

  fixture->coffee = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, 3, 9, 0, "",
                                     fixture->cy, 0);
  rapport_test_wait_ms (50);
  g_assert_false (shows (empty));
  g_assert_true (shows (GTK_WIDGET (dropdown (fixture, "Filter by Kind"))));
  timeline = describe_timeline (fixture);
  g_assert_nonnull (strstr (timeline, "D "));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Coffee with Cy Twombly"));
}

static void
test_timeline (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *timeline = describe_timeline (fixture);
  g_autofree char *expected = expect ("D %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " D %" G_GINT64_FORMAT,
                                      fixture->call, fixture->coffee, fixture->meal);
  g_autoptr(GObject) first = g_list_model_get_item (list_model (fixture), 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day_label = NULL;
  GtkWidget *row;

  g_assert_cmpstr (timeline, ==, expected);
  g_assert_false (shows (find_status_page (fixture, "Your Journal Is Empty")));

  g_assert_true (RAPPORT_IS_TIMELINE_DAY (first));
  day_label = rapport_timeline_day_dup_label (RAPPORT_TIMELINE_DAY (first), now);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), day_label));

  /* A row: kind with names, time, assignment, the first lines of the note. */
  row = row_for (fixture, fixture->coffee);
  g_assert_nonnull (row);
  if (row == NULL)
    return;
  g_assert_true (shows_label (row, "Coffee with Ada Lovelace"));
  g_assert_true (shows_label (row, "10:00"));
  g_assert_true (shows_label (row, "Badge office tips.\nSecond line."));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Meal with Ada Lovelace, Ben Ng"));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *timeline = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *no_match;
  GtkWidget *clear;

  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Colleague")), ==, "Everyone");
  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Kind")), ==, "All Kinds");
  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Assignment")), ==, "All Assignments");

  choose (dropdown (fixture, "Filter by Colleague"), "Ben Ng");
  timeline = describe_timeline (fixture);
  expected = expect ("D %" G_GINT64_FORMAT " D %" G_GINT64_FORMAT, fixture->call, fixture->meal);
  g_assert_cmpstr (timeline, ==, expected);
  g_clear_pointer (&timeline, g_free);
  g_clear_pointer (&expected, g_free);

  choose (dropdown (fixture, "Filter by Kind"), "Meal");
  timeline = describe_timeline (fixture);
  expected = expect ("D %" G_GINT64_FORMAT, fixture->meal);
  g_assert_cmpstr (timeline, ==, expected);
  g_clear_pointer (&timeline, g_free);
  g_clear_pointer (&expected, g_free);

  choose (dropdown (fixture, "Filter by Kind"), "Coffee");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);
  no_match = find_status_page (fixture, "No Matching Entries");
  g_assert_true (shows (no_match));
  clear = rapport_test_find_button (no_match, "Clear Filters");
  g_assert_true (shows (clear));
  g_signal_emit_by_name (clear, "clicked");
  rapport_test_iterate ();
  g_assert_false (shows (no_match));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 5);
  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Colleague")), ==, "Everyone");

  choose (dropdown (fixture, "Filter by Assignment"), "Mercy General");
  timeline = describe_timeline (fixture);
  expected = expect ("D %" G_GINT64_FORMAT, fixture->coffee);
  g_assert_cmpstr (timeline, ==, expected);

  /* An entry logged elsewhere that matches shows; one that does not, stays out. */
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, 5, 8, fixture->mary, "", fixture->cy, 0);
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 2);
  add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, 5, 9, fixture->mercy, "", fixture->cy, 0);
  rapport_test_iterate ();
  /* A new day and the entry on it. */
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *timeline = NULL;
  g_autofree char *expected = NULL;
  AdwToast *toast;
  GtkWidget *row = row_for (fixture, fixture->call);
  GtkWidget *delete_button;

  g_assert_nonnull (row);
  if (row == NULL)
    return;

  /* The row's own Delete button, found by its accessible name's tooltip. */
  delete_button = NULL;
  for (GtkWidget *w = rapport_test_find_by_type (row, GTK_TYPE_BUTTON); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), "Delete Entry") == 0)
      delete_button = w;
  g_assert_nonnull (delete_button);
  if (delete_button == NULL)
    return;
  g_signal_emit_by_name (delete_button, "clicked");
  rapport_test_iterate ();

  g_assert_null (rapport_store_find_interaction (fixture->store, fixture->call));
  timeline = describe_timeline (fixture);
  expected = expect ("D %" G_GINT64_FORMAT " D %" G_GINT64_FORMAT, fixture->coffee, fixture->meal);
  g_assert_cmpstr (timeline, ==, expected);
  g_clear_pointer (&timeline, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len != 1)
    return;
  toast = g_ptr_array_index (fixture->toasts, 0);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Call with Ben Ng"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Undo");

  g_signal_emit_by_name (toast, "button-clicked");
  rapport_test_iterate ();
  g_assert_nonnull (rapport_store_find_interaction (fixture->store, fixture->call));
  timeline = describe_timeline (fixture);
  expected = expect ("D %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " D %" G_GINT64_FORMAT,
                     fixture->call, fixture->coffee, fixture->meal);
  g_assert_cmpstr (timeline, ==, expected);
}

/* Tab from the filters enters the list (GTK 4.8 turns the keyboard away from a list whose
 * first item cannot take the focus: here a day heading), and the arrows walk it. */
static gboolean
focus_in (GtkWindow *window,
          GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* The journal's list, not one inside a filter drop-down's popover. */
static GtkWidget *
find_journal_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_journal_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  user_data)
{
  GtkWidget *list_view = find_journal_list (GTK_WIDGET (fixture->page));
  GtkWidget *focus;
  gboolean in_list = FALSE;
  gboolean on_entry = FALSE;

  g_assert_nonnull (list_view);
  gtk_window_set_focus (fixture->window, NULL);
  for (guint i = 0; i < 12 && !in_list; i++)
    {
      gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
      in_list = focus_in (fixture->window, list_view);
    }
  g_assert_true (in_list);

  /* The first stop is the newest day's heading. */
  focus = gtk_window_get_focus (fixture->window);
  g_assert_nonnull (focus);
  if (focus == NULL)
    return;
  {
    GtkWidget *heading = rapport_test_find_by_type (focus, GTK_TYPE_LABEL);
    GtkWidget *row = rapport_test_find_by_type (focus, RAPPORT_TYPE_INTERACTION_ROW);

    g_assert_nonnull (heading);
    g_assert_true (gtk_widget_get_visible (heading));
    g_assert_true (row == NULL || !gtk_widget_get_visible (row));
  }

  /* Down reaches an entry, and goes on through the next day's heading. */
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *row;

      g_assert_true (gtk_widget_child_focus (list_view, GTK_DIR_DOWN));
      g_assert_true (focus_in (fixture->window, list_view));
      focus = gtk_window_get_focus (fixture->window);
      while (focus != NULL && gtk_widget_get_parent (focus) != list_view)
        focus = gtk_widget_get_parent (focus);
      g_assert_nonnull (focus);
      if (focus == NULL)
        return;
      row = rapport_test_find_by_type (focus, RAPPORT_TYPE_INTERACTION_ROW);
      on_entry = on_entry || (row != NULL && gtk_widget_get_visible (row));
    }
  g_assert_true (on_entry);
}

static void
test_show_interaction (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (list_model (fixture));
  GObject *selected;
  GtkWidget *focus;

  choose (dropdown (fixture, "Filter by Kind"), "Call");
  choose (dropdown (fixture, "Filter by Colleague"), "Ada Lovelace");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);

  /* Ada was at the meal: only the kind filter hid it. */
  rapport_journal_page_show_interaction (fixture->page, fixture->meal);
  rapport_test_wait_ms (50);
  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Kind")), ==, "All Kinds");
  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Colleague")), ==, "Ada Lovelace");
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_true (RAPPORT_IS_INTERACTION (selected));
  if (RAPPORT_IS_INTERACTION (selected))
    g_assert_cmpint (rapport_interaction_get_id (RAPPORT_INTERACTION (selected)), ==, fixture->meal);

  /* Ben's call needs the colleague filter gone too. */
  rapport_journal_page_show_interaction (fixture->page, fixture->call);
  rapport_test_wait_ms (50);
  g_assert_cmpstr (chosen (dropdown (fixture, "Filter by Colleague")), ==, "Everyone");
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_true (RAPPORT_IS_INTERACTION (selected));
  if (RAPPORT_IS_INTERACTION (selected))
    g_assert_cmpint (rapport_interaction_get_id (RAPPORT_INTERACTION (selected)), ==, fixture->call);
  focus = gtk_window_get_focus (fixture->window);
  g_assert_true (focus == GTK_WIDGET (list_view (fixture)) ||
                 (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (list_view (fixture)))));
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  user_data)
{
  RapportColleague *ada = rapport_store_find_colleague (fixture->store, fixture->ada);
  g_autoptr(RapportColleague) changes = rapport_colleague_dup (ada);
  g_autoptr(GError) error = NULL;
  GtkWidget *row = row_for (fixture, fixture->coffee);

  g_assert_true (shows_label (row, "Coffee with Ada Lovelace"));

  rapport_colleague_set_name (changes, "Ada Byron");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  row = row_for (fixture, fixture->coffee);
  g_assert_true (shows_label (row, "Coffee with Ada Byron"));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Meal with Ada Byron, Ben Ng"));
  g_assert_false (shows_label (GTK_WIDGET (fixture->page), "Coffee with Ada Lovelace"));

  /* The colleague filter lists the new name. */
  choose (dropdown (fixture, "Filter by Colleague"), "Ada Byron");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 4);
}

/* The name a screen reader reads for each entry of the fixture. */
static const char *
expected_entry_name (Fixture *fixture,
                     gint64   id)
{
  if (id == fixture->coffee)
    return "Coffee with Ada Lovelace, 10:00";
  if (id == fixture->call)
    return "Call with Ben Ng, 15:00";
  if (id == fixture->meal)
    return "Meal with Ada Lovelace, Ben Ng, 12:00";
  return NULL;
}

/* The calls with Cy that test_item_names adds, one an hour from 06:00 to 21:00. */
static const char *
expected_call_name (RapportInteraction *interaction)
{
  static const char * const names[] = {
    "Call with Cy Twombly, 06:00", "Call with Cy Twombly, 07:00",
    "Call with Cy Twombly, 08:00", "Call with Cy Twombly, 09:00",
    "Call with Cy Twombly, 10:00", "Call with Cy Twombly, 11:00",
    "Call with Cy Twombly, 12:00", "Call with Cy Twombly, 13:00",
    "Call with Cy Twombly, 14:00", "Call with Cy Twombly, 15:00",
    "Call with Cy Twombly, 16:00", "Call with Cy Twombly, 17:00",
    "Call with Cy Twombly, 18:00", "Call with Cy Twombly, 19:00",
    "Call with Cy Twombly, 20:00", "Call with Cy Twombly, 21:00",
  };
  g_autoptr(GDateTime) when =
    g_date_time_new_from_unix_local (rapport_interaction_get_occurred_at (interaction));
  int hour = g_date_time_get_hour (when);

  if (rapport_interaction_get_kind (interaction) != RAPPORT_INTERACTION_KIND_CALL ||
      hour < 6 || hour >= 6 + (int) G_N_ELEMENTS (names))
    return NULL;

  return names[hour - 6];
}

static GtkWidget *
find_visible_child (GtkWidget *box,
                    GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_visible (child))
      return child;

  return NULL;
}

/* What the item widget (GTK's own, the parent of the factory's box: the one the focus lands
 * on) should be named: the day for a heading, kind, colleagues and time for an entry. */
static const char *
expected_item_name (Fixture   *fixture,
                    GtkWidget *item)
{
  GtkWidget *box = gtk_widget_get_first_child (item);
  GtkWidget *heading;
  GtkWidget *row;
  RapportInteraction *interaction;

  if (box == NULL || !gtk_widget_has_css_class (box, "journal-day"))
    return NULL;

  heading = find_visible_child (box, GTK_TYPE_LABEL);
  if (heading != NULL)
    return gtk_label_get_label (GTK_LABEL (heading));

  row = find_visible_child (box, RAPPORT_TYPE_INTERACTION_ROW);
  g_assert_nonnull (row);
  if (row == NULL)
    return NULL;

  interaction = rapport_interaction_row_get_interaction (RAPPORT_INTERACTION_ROW (row));
  g_assert_nonnull (interaction);
  if (interaction == NULL)
    return NULL;

  if (expected_entry_name (fixture, rapport_interaction_get_id (interaction)) != NULL)
    return expected_entry_name (fixture, rapport_interaction_get_id (interaction));

  return expected_call_name (interaction);
}

/* Checks the name of every item widget of the journal (GTK's own, whose child is the factory's
 * box), and counts the days and entries they show. */
static void
check_item_names (Fixture *fixture,
                  guint   *n_days,
                  guint   *n_entries)
{
  *n_days = *n_entries = 0;
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (list_view (fixture)));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      const char *expected = expected_item_name (fixture, item);

      if (expected == NULL)
        continue;

      if (find_visible_child (gtk_widget_get_first_child (item), GTK_TYPE_LABEL) != NULL)
        {
          /* The heading's box takes the focus too, under the same name. */
          gtk_test_accessible_assert_property (gtk_widget_get_first_child (item),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
          (*n_days)++;
        }
      else
        (*n_entries)++;

      rapport_test_assert_item_named (item, expected);
    }
}

static char *
expected_bound_name (GtkListItem *list_item,
                     gpointer     data)
{
  GtkWidget *item = gtk_widget_get_parent (gtk_list_item_get_child (list_item));

  return g_strdup (expected_item_name (data, item));
}

static void
test_item_names (Fixture       *fixture,
                 gconstpointer  user_data)
{
  RapportColleague *ada = rapport_store_find_colleague (fixture->store, fixture->ada);
  g_autoptr(RapportColleague) changes = rapport_colleague_dup (ada);
  g_autoptr(GError) error = NULL;
  GtkListItemFactory *factory = gtk_list_view_get_factory (list_view (fixture));
  RapportTestBindWatch watch;
  GtkAdjustment *adjustment;
  guint n_days, n_entries;
  GtkWidget *row;


  check_item_names (fixture, &n_days, &n_entries);
  g_assert_cmpuint (n_days, ==, 2);
  g_assert_cmpuint (n_entries, ==, 3);

  rapport_test_bind_watch_start (&watch, factory, expected_bound_name, fixture);

  /* Far more entries than the list has widgets for (GTK 4.8 keeps 200): scrolling hands the
   * widgets of the rows that leave to the rows that come, a day's heading to an entry and the
   * other way round. Each takes the new item's name at once and never keeps the old one. */
  rapport_journal_page_set_store (fixture->page, NULL);
  for (int day = 3; day <= 31; day++)
    for (int hour = 6; hour < 22; hour++)
      add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, day, hour, 0, "", fixture->cy, 0);
  rapport_journal_page_set_store (fixture->page, fixture->store);
  rapport_test_wait_ms (100);
  check_item_names (fixture, &n_days, &n_entries);
  g_assert_cmpuint (n_days, >, 0);
  g_assert_cmpuint (n_entries, >, 0);

  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (list_view (fixture)),
                                                  GTK_TYPE_SCROLLED_WINDOW)));
  for (guint i = 1; i <= 10; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * i / 10);
      rapport_test_wait_ms (30);
      check_item_names (fixture, &n_days, &n_entries);
      g_assert_cmpuint (n_days + n_entries, >, 0);
    }
  g_test_message ("%u times an item widget was given another item, %u of them a day after an "
                  "entry or an entry after a day", watch.recycled, watch.switched);
  g_assert_cmpuint (watch.recycled, >, 0);
  g_assert_cmpuint (watch.switched, >, 0);
  g_assert_cmpuint (watch.misnamed, ==, 0);
  g_assert_cmpuint (watch.unbinds, >, 0);
  g_assert_cmpuint (watch.named_unbound, ==, 0);

  rapport_test_bind_watch_stop (&watch);

  /* At the end, the first entries, whose names follow a rename without being bound again. */
  for (guint i = 0; i < 5; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      rapport_test_wait_ms (30);
    }
  check_item_names (fixture, &n_days, &n_entries);

  rapport_colleague_set_name (changes, "Ada Byron");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);
  row = row_for (fixture, fixture->coffee);
  g_assert_nonnull (row);
  if (row != NULL)
    gtk_test_accessible_assert_property (gtk_widget_get_parent (gtk_widget_get_parent (row)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Coffee with Ada Byron, 10:00");
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  gtk_window_set_default_size (fixture->window, 360, 640);
  rapport_test_wait_ms (300);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->page)), <=, 360);
  g_assert_true (shows (GTK_WIDGET (dropdown (fixture, "Filter by Assignment"))));
  g_assert_true (shows (row_for (fixture, fixture->call)));
}

static gboolean
is_shown_heading (GtkWidget     *widget,
                  gconstpointer  data)
{
  GtkAccessibleRole role;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  return role == GTK_ACCESSIBLE_ROLE_HEADING;
}

/* Entries are all one height, whatever they say, and a day's heading is shorter: a list view of
 * GTK 4.8 guesses where the rows it has not measured are from the median height of those it has,
 * and rows of several heights make that guess, and the view, jump as it scrolls. */
static void
test_uniform_rows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* With an assignment and three lines, with an assignment and no note, with neither. */
  GtkWidget *coffee = row_for (fixture, fixture->coffee);
  GtkWidget *call = row_for (fixture, fixture->call);
  GtkWidget *meal = row_for (fixture, fixture->meal);
  GtkWidget *heading;

  g_assert_nonnull (coffee);
  g_assert_nonnull (call);
  g_assert_nonnull (meal);
  if (coffee == NULL || call == NULL || meal == NULL)
    return;

  g_assert_cmpint (gtk_widget_get_height (coffee), >, 0);
  g_assert_cmpint (gtk_widget_get_height (call), ==, gtk_widget_get_height (coffee));
  g_assert_cmpint (gtk_widget_get_height (meal), ==, gtk_widget_get_height (coffee));

  heading = rapport_test_find_widget (GTK_WIDGET (fixture->page), is_shown_heading, NULL);
  g_assert_nonnull (heading);
  if (heading != NULL)
    g_assert_cmpint (gtk_widget_get_height (heading), <, gtk_widget_get_height (coffee));
}

/* A new store on a newly opened connection: its entries not read yet, as at startup. */
static void
reopen_store (Fixture *fixture)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 5);
  rapport_journal_page_set_store (fixture->page, NULL);
  rapport_test_close_store (fixture->store, fixture->database);
  fixture->store = rapport_test_open_store (fixture->path, key, RAPPORT_DATABASE_OPEN_EXISTING,
                                            &fixture->database);
  g_assert_false (rapport_store_has_read_interactions (fixture->store));
}

static gboolean
stack_shows (GtkWidget *child)
{
  GtkWidget *parent = child != NULL ? gtk_widget_get_parent (child) : NULL;

  return GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) == child;
}

/* The entries of a journal just opened are read in a worker while the page says so; asked for
 * one entry meanwhile, the page reads them at once. */
static void
test_read_in_worker (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *reading = "Reading Your Journal…";

  reopen_store (fixture);
  rapport_journal_page_set_store (fixture->page, fixture->store);
  g_assert_true (stack_shows (find_status_page (fixture, reading)));

  for (guint i = 0; i < 500 && !shows_label (GTK_WIDGET (fixture->page), "Meal with Ada Lovelace, Ben Ng"); i++)
    rapport_test_wait_ms (10);
  g_assert_true (rapport_store_has_read_interactions (fixture->store));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Meal with Ada Lovelace, Ben Ng"));
  g_assert_false (stack_shows (find_status_page (fixture, reading)));

  reopen_store (fixture);
  rapport_journal_page_set_store (fixture->page, fixture->store);
  rapport_journal_page_show_interaction (fixture->page, fixture->meal);
  g_assert_true (rapport_store_has_read_interactions (fixture->store));
  g_assert_false (stack_shows (find_status_page (fixture, reading)));
  rapport_test_wait_ms (200);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Meal with Ada Lovelace, Ben Ng"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, data, func) \
  g_test_add ("/rapport/journal-page/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("empty", "empty", test_empty);
  ADD ("timeline", NULL, test_timeline);
  ADD ("filters", NULL, test_filters);
  ADD ("delete-undo", NULL, test_delete_undo);
  ADD ("keyboard", NULL, test_keyboard);
  ADD ("show-interaction", NULL, test_show_interaction);
  ADD ("rename", NULL, test_rename);
  ADD ("narrow", NULL, test_narrow);
  ADD ("item-names", NULL, test_item_names);
  ADD ("uniform-rows", NULL, test_uniform_rows);
  ADD ("read-in-worker", NULL, test_read_in_worker);

#undef ADD

  return g_test_run ();
}
