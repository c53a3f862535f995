/* test-assignments-page.c
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

#define G_LOG_DOMAIN "rapport-test-assignments-page"

#include "config.h"

#include <string.h>

#include "rapport-assignment-editor.h"
#include "rapport-assignment-row.h"
#include "rapport-assignments-page.h"
#include "rapport-close-out-dialog.h"
#include "rapport-colleague-chooser.h"
#include "rapport-store.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-tip-editor.h"
#include "rapport-tip-row.h"
#include "rapport-vcard-export-dialog.h"

typedef struct
{
  char                   *dir;
  char                   *path;
  RapportDatabase        *database;
  RapportStore           *store;
  GtkWindow              *window;
  RapportAssignmentsPage *page;
  GPtrArray              *toasts;
  gint64                  past, future, current, older, ada, bob;
} Fixture;

/* "YYYY-MM-DD", days from today. */
static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *city,
                const char *starts_on,
                const char *ends_on)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);
  g_autoptr(GError) error = NULL;

  rapport_assignment_set_city (assignment, city);
  rapport_assignment_set_country (assignment, "US");
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static gint64
add_tip (Fixture            *fixture,
         gint64              assignment_id,
         RapportTipCategory  category,
         const char         *title)
{
  g_autoptr(RapportTip) tip = rapport_tip_new (assignment_id, category, title);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);

  return rapport_tip_get_id (tip);
}

static guint
count_tips (Fixture *fixture,
            gint64   assignment_id)
{
  GListModel *tips = rapport_store_get_tips (fixture->store);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tips); i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);

      count += rapport_tip_get_assignment_id (tip) == assignment_id;
    }

  return count;
}

static void
add_toast_cb (RapportAssignmentsPage *page,
              AdwToast               *toast,
              Fixture                *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = rapport_test_make_tmp_dir ("assignments-page");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (fixture->path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  if (user_data == NULL)
    {
      g_autofree char *current_start = day_from_today (-10);
      g_autofree char *current_end = day_from_today (60);
      g_autofree char *future_start = day_from_today (400);
      g_autofree char *future_end = day_from_today (480);

      /* Added out of order, to see the list sort. */
      fixture->past = add_assignment (fixture, "Mercy General", "Denver", "2020-01-06",
                                      "2020-03-27");
      fixture->future = add_assignment (fixture, "St. Elsewhere", "Boston", future_start,
                                        future_end);
      fixture->current = add_assignment (fixture, "Mercy General", "Denver", current_start,
                                         current_end);
      fixture->older = add_assignment (fixture, "Lakeside Clinic", "Duluth", "2021-05-03",
                                       "2021-07-30");
      fixture->ada = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                           "name", "Ada Byron",
                                                                           "role", "RN", NULL));
      fixture->bob = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                           "name", "Bob Okafor",
                                                                           "role", "PT", NULL));
    }

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  fixture->page = g_object_new (RAPPORT_TYPE_ASSIGNMENTS_PAGE, NULL);
  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  rapport_assignments_page_set_store (fixture->page, fixture->store);
  gtk_window_present (fixture->window);
  rapport_test_wait_ms (100);
}

static void
destroy_other_windows (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != fixture->window)
        gtk_window_destroy (window);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  destroy_other_windows (fixture);
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

static gboolean
is_group (GtkWidget     *widget,
          gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* GTK 4.8 cannot read an accessible label back, so icon buttons are found by their tooltip
 * within their row. */
static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
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
    {
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
find_in_page (Fixture                *fixture,
              RapportTestWidgetMatch  match,
              const char             *text)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->page), match, text);
}

/* The assignments list (the category row has a list of its own). */
static gboolean
is_selection_list (GtkWidget     *widget,
                   gconstpointer  data)
{
  GtkSelectionModel *model;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;

  model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
  return GTK_IS_SINGLE_SELECTION (model) &&
         GTK_IS_SORT_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)));
}

static GListModel *
list_model (Fixture *fixture)
{
  GtkWidget *view = rapport_test_find_widget (GTK_WIDGET (fixture->page), is_selection_list, NULL);

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static RapportAssignment *
shown (Fixture *fixture)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (list_model (fixture));

  return gtk_single_selection_get_selected_item (selection);
}

static gint64
shown_id (Fixture *fixture)
{
  RapportAssignment *assignment = shown (fixture);

  return assignment != NULL ? rapport_assignment_get_id (assignment) : 0;
}

static GtkWidget *
find_tip_row (Fixture    *fixture,
              const char *title)
{
  return rapport_test_find_row (GTK_WIDGET (fixture->page), RAPPORT_TYPE_TIP_ROW, title);
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) ||
          rapport_test_find_by_type (GTK_WIDGET (window), type) != NULL)
        return window;
    }

  return NULL;
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  GtkWidget *row = rapport_test_find_row (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static GtkWidget *
confirm_button (GtkWindow  *window,
                const char *label)
{
  GtkWidget *button = rapport_test_find_button (GTK_WIDGET (window), label);

  g_assert_nonnull (button);
  return button;
}

static void
select_combo_label (GtkWidget  *root,
                    const char *title,
                    const char *label)
{
  GtkWidget *row = rapport_test_find_row (root, ADW_TYPE_COMBO_ROW, title);
  GListModel *model;

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          return;
        }
    }

  g_assert_not_reached ();
}

static GtkListView *
assignments_view (Fixture *fixture)
{
  GtkWidget *view = rapport_test_find_widget (GTK_WIDGET (fixture->page), is_selection_list, NULL);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

/* The list item widget (GTK's own, the parent of the row: the one the focus lands on) that
 * shows the assignment, or NULL. */
static GtkWidget *
item_for (Fixture *fixture,
          gint64   id)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (assignments_view (fixture)));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      RapportAssignment *assignment;

      if (!RAPPORT_IS_ASSIGNMENT_ROW (row))
        continue;
      assignment = rapport_assignment_row_get_assignment (RAPPORT_ASSIGNMENT_ROW (row));
      if (assignment != NULL && rapport_assignment_get_id (assignment) == id)
        return item;
    }

  return NULL;
}

/* "Facility, dates" as the row shows them, and "Current" on the current one. */
static char *
expected_name (Fixture *fixture,
               gint64   id)
{
  RapportAssignment *assignment = rapport_store_find_assignment (fixture->store, id);
  g_autofree char *dates = rapport_assignment_format_dates (assignment);

  return g_strdup_printf ("%s, %s%s", rapport_assignment_get_facility (assignment), dates,
                          id == fixture->current ? ", Current" : "");
}

static char *
expected_item_name (GtkListItem *list_item,
                    gpointer     data)
{
  RapportAssignment *assignment = gtk_list_item_get_item (list_item);

  return expected_name (data, rapport_assignment_get_id (assignment));
}

/* A screen reader names each row for what it shows: facility, dates, "Current"; the name
 * follows an edit, and rows handed to other assignments as the list scrolls take theirs. */
static void
test_item_names (Fixture       *fixture,
                 gconstpointer  user_data)
{
  gint64 ids[] = { fixture->current, fixture->future, fixture->older, fixture->past };
  RapportAssignment *older = rapport_store_find_assignment (fixture->store, fixture->older);
  g_autoptr(RapportAssignment) changes = rapport_assignment_dup (older);
  g_autoptr(GError) error = NULL;
  GtkListView *view = assignments_view (fixture);
  GtkListItemFactory *factory = gtk_list_view_get_factory (view);
  RapportTestBindWatch watch;
  GtkAdjustment *adjustment;

  rapport_test_assert_item_named (item_for (fixture, fixture->past),
                                  "Mercy General, 6 Jan – 27 Mar 2020");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *expected = expected_name (fixture, ids[i]);

      rapport_test_assert_item_named (item_for (fixture, ids[i]), expected);
    }

  rapport_assignment_set_facility (changes, "Lakeside Hospital");
  rapport_assignment_set_unit (changes, "ICU");
  g_assert_true (rapport_store_update_assignment (fixture->store, changes, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);
  rapport_test_assert_item_named (item_for (fixture, fixture->older),
                                  "Lakeside Hospital, ICU, 3 May – 30 Jul 2021");

  /* More assignments than GTK 4.8's list keeps widgets for (200): scrolled through, item
   * widgets go from one assignment to another. */
  for (guint i = 0; i < 260; i++)
    {
      g_autofree char *facility = g_strdup_printf ("Clinic %03u", i);
      g_autofree char *starts_on = g_strdup_printf ("%04u-02-01", 1700 + i);
      g_autofree char *ends_on = g_strdup_printf ("%04u-03-01", 1700 + i);

      add_assignment (fixture, facility, "Reno", starts_on, ends_on);
    }
  rapport_test_wait_ms (100);
  rapport_test_bind_watch_start (&watch, factory, expected_item_name, fixture);
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW)));
  for (guint i = 1; i <= 10; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * i / 10);
      rapport_test_wait_ms (30);
    }

  g_test_message ("%u times an item widget was given another assignment", watch.recycled);
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
  GtkWidget *status = find_in_page (fixture, is_status_page, "No Assignments Yet");
  GtkWidget *button;

  g_assert_true (shows (status));
  button = rapport_test_find_button (status, "New Assignment");
  g_assert_true (shows (button));
  g_assert_null (shown (fixture));

  /* The pill opens the editor. */
  g_signal_emit_by_name (button, "clicked");
  rapport_test_wait_ms (100);
  g_assert_nonnull (find_window (RAPPORT_TYPE_ASSIGNMENT_EDITOR));
}

static void
test_sorted (Fixture       *fixture,
             gconstpointer  user_data)
{
  GListModel *model = list_model (fixture);
  gint64 expected[] = { fixture->current, fixture->future, fixture->older, fixture->past };
  GtkWidget *current_row;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(RapportAssignment) assignment = g_list_model_get_item (model, i);

      g_assert_cmpint (rapport_assignment_get_id (assignment), ==, expected[i]);
    }

  /* The current one is shown by default and tagged in the list. */
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Current"));
  current_row = gtk_widget_get_ancestor (find_in_page (fixture, is_label, "Current"),
                                         RAPPORT_TYPE_ASSIGNMENT_ROW);
  g_assert_nonnull (current_row);
  g_assert_true (rapport_assignment_row_get_current (RAPPORT_ASSIGNMENT_ROW (current_row)));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Week 2 of 11"));

  /* A start date edited into the past moves the future one down, in place. */
  {
    g_autoptr(RapportAssignment) changes =
      rapport_assignment_dup (rapport_store_find_assignment (fixture->store, fixture->future));
    g_autoptr(GError) error = NULL;
    g_autoptr(RapportAssignment) last = NULL;

    rapport_assignment_set_starts_on (changes, "2019-01-07");
    rapport_assignment_set_ends_on (changes, "2019-02-01");
    g_assert_true (rapport_store_update_assignment (fixture->store, changes, &error));
    g_assert_no_error (error);
    rapport_test_wait_ms (50);

    last = g_list_model_get_item (model, 3);
    g_assert_cmpint (rapport_assignment_get_id (last), ==, fixture->future);
    g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  }
}

static void
test_add_via_editor (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWindow *editor;
  RapportAssignment *added;

  rapport_assignments_page_add_assignment (fixture->page);
  rapport_test_wait_ms (100);
  editor = find_window (RAPPORT_TYPE_ASSIGNMENT_EDITOR);
  g_assert_nonnull (editor);

  set_row_text (GTK_WIDGET (editor), "Facility", "Riverside Medical Center");
  set_row_text (GTK_WIDGET (editor), "Unit or Department", "ICU");
  set_row_text (GTK_WIDGET (editor), "City", "Spokane");
  set_row_text (GTK_WIDGET (editor), "Region", "WA");
  set_row_text (GTK_WIDGET (editor), "Country", "US");
  set_row_text (GTK_WIDGET (editor), "Time Zone", "America/Los_Angeles");
  set_row_text (GTK_WIDGET (editor), "Starts On", "2027-01-12");
  set_row_text (GTK_WIDGET (editor), "Ends On", "2027-04-03");
  set_row_text (GTK_WIDGET (editor), "Agency", "Sunrise Staffing");
  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor, "Add")));
  g_signal_emit_by_name (confirm_button (editor, "Add"), "clicked");
  rapport_test_wait_ms (100);

  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_assignments (fixture->store)),
                    ==, 5);
  added = shown (fixture);
  g_assert_nonnull (added);
  g_assert_cmpstr (rapport_assignment_get_facility (added), ==, "Riverside Medical Center");
  g_assert_cmpstr (rapport_assignment_get_unit (added), ==, "ICU");
  g_assert_cmpstr (rapport_assignment_get_tz (added), ==, "America/Los_Angeles");
  g_assert_cmpstr (rapport_assignment_get_starts_on (added), ==, "2027-01-12");
  g_assert_cmpstr (rapport_assignment_get_agency (added), ==, "Sunrise Staffing");
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "12 Jan – 3 Apr 2027"));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Spokane, WA, US"));
}

static void
test_editor_validation (Fixture       *fixture,
                        gconstpointer  user_data)
{
  RapportAssignmentEditor *editor = rapport_assignment_editor_new (fixture->window, fixture->store,
                                                                   NULL);
  GtkWidget *root = GTK_WIDGET (editor);
  GtkWidget *tz_row;
  GtkWidget *confirm;

  gtk_window_present (GTK_WINDOW (editor));
  rapport_test_wait_ms (50);
  confirm = confirm_button (GTK_WINDOW (editor), "Add");

  /* A zone is there from the start; a facility is not. */
  tz_row = rapport_test_find_row (root, ADW_TYPE_ENTRY_ROW, "Time Zone");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tz_row)), !=, "");
  g_assert_false (gtk_widget_get_sensitive (confirm));

  set_row_text (root, "Facility", "Mercy General");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  set_row_text (root, "Time Zone", "Mars/Olympus_Mons");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_widget_has_css_class (tz_row, "error"));
  set_row_text (root, "Time Zone", "Europe/Berlin");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  set_row_text (root, "Starts On", "2027-03-01");
  set_row_text (root, "Ends On", "2027-02-01");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_nonnull (rapport_test_find_widget (root, is_label,
                                              "The assignment ends before it starts: check the "
                                              "dates."));
  set_row_text (root, "Ends On", "2027-02-30");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_row_text (root, "Ends On", "2027-05-30");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  set_row_text (root, "Facility", "  ");
  g_assert_false (gtk_widget_get_sensitive (confirm));

  /* Nothing was written. */
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_assignments (fixture->store)),
                    ==, 4);
}

static void
test_tips (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkWindow *editor;
  GListModel *tips = rapport_store_get_tips (fixture->store);
  g_autoptr(RapportTip) tip = NULL;
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *category_row;

  add_tip (fixture, fixture->current, RAPPORT_TIP_CATEGORY_FOOD, "Taqueria on 5th");

  rapport_assignments_page_add_tip (fixture->page);
  rapport_test_wait_ms (100);
  editor = find_window (RAPPORT_TYPE_TIP_EDITOR);
  g_assert_nonnull (editor);

  select_combo_label (GTK_WIDGET (editor), "Category", "Coffee");
  set_row_text (GTK_WIDGET (editor), "Title", "Bean There");
  set_row_text (GTK_WIDGET (editor), "Map Link", "not a link");
  g_assert_false (gtk_widget_get_sensitive (confirm_button (editor, "Add")));
  set_row_text (GTK_WIDGET (editor), "Map Link", "geo:39.74,-104.99");
  select_combo_label (GTK_WIDGET (editor), "Recommended By", "Ada Byron");
  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor, "Add")));
  g_signal_emit_by_name (confirm_button (editor, "Add"), "clicked");
  rapport_test_wait_ms (100);

  g_assert_cmpuint (g_list_model_get_n_items (tips), ==, 2);
  tip = g_list_model_get_item (tips, 1);
  g_assert_cmpstr (rapport_tip_get_title (tip), ==, "Bean There");
  g_assert_cmpint (rapport_tip_get_assignment_id (tip), ==, fixture->current);
  g_assert_cmpint (rapport_tip_get_category (tip), ==, RAPPORT_TIP_CATEGORY_COFFEE);
  g_assert_cmpint (rapport_tip_get_recommended_by (tip), ==, fixture->ada);
  g_assert_cmpstr (rapport_tip_get_link (tip), ==, "geo:39.74,-104.99");

  /* Shown under its category, with who recommended it. */
  row = find_tip_row (fixture, "Bean There");
  g_assert_true (shows (row));
  g_assert_true (shows (find_tip_row (fixture, "Taqueria on 5th")));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Coffee"));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Food"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Recommended by Ada Byron"));

  /* The filter narrows to one category. */
  category_row = rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_COMBO_ROW,
                                        "Filter by Category");
  g_assert_nonnull (category_row);
  select_combo_label (GTK_WIDGET (fixture->page), "Filter by Category", "Coffee");
  rapport_test_wait_ms (50);
  g_assert_true (shows (find_tip_row (fixture, "Bean There")));
  g_assert_false (shows (find_tip_row (fixture, "Taqueria on 5th")));
  select_combo_label (GTK_WIDGET (fixture->page), "Filter by Category", "Parking");
  rapport_test_wait_ms (50);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "No tips in this category."));
  select_combo_label (GTK_WIDGET (fixture->page), "Filter by Category", "All");
  rapport_test_wait_ms (50);
  g_assert_true (shows (find_tip_row (fixture, "Taqueria on 5th")));

  /* "Tried" writes through at once; the row keeps its widgets. */
  row = find_tip_row (fixture, "Bean There");
  check = rapport_test_find_by_type (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  rapport_test_wait_ms (50);
  g_assert_true (rapport_tip_get_tried (rapport_store_find_tip (fixture->store,
                                                                rapport_tip_get_id (tip))));
  g_assert_true (find_tip_row (fixture, "Bean There") == row);

  /* Another assignment shows its own tips only. */
  rapport_assignments_page_show_assignment (fixture->page, fixture->older);
  rapport_test_wait_ms (50);
  g_assert_false (shows (find_tip_row (fixture, "Bean There")));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page),
                              "No tips yet — add the coffee place, the badge office hours, "
                              "where to park."));

  /* show_tip brings the tip's assignment back. */
  rapport_assignments_page_show_tip (fixture->page, rapport_tip_get_id (tip));
  rapport_test_wait_ms (100);
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  g_assert_true (gtk_widget_has_focus (find_tip_row (fixture, "Bean There")));
}

static void
test_tip_delete_undo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *row;
  GtkWidget *button;

  add_tip (fixture, fixture->current, RAPPORT_TIP_CATEGORY_PARKING, "Garage B, level 3");
  rapport_test_wait_ms (50);

  row = find_tip_row (fixture, "Garage B, level 3");
  g_assert_nonnull (row);
  button = rapport_test_find_widget (row, has_tooltip, "Delete Tip");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rapport_test_wait_ms (50);

  g_assert_cmpuint (count_tips (fixture, fixture->current), ==, 0);
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 0)), ==,
                   "“Garage B, level 3” deleted");
  g_signal_emit_by_name (g_ptr_array_index (fixture->toasts, 0), "button-clicked");
  rapport_test_wait_ms (50);
  g_assert_cmpuint (count_tips (fixture, fixture->current), ==, 1);
  g_assert_true (shows (find_tip_row (fixture, "Garage B, level 3")));
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) linked = NULL;
  AdwToast *toast;

  add_tip (fixture, fixture->current, RAPPORT_TIP_CATEGORY_COFFEE, "Bean There");
  add_tip (fixture, fixture->current, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Badge office");
  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->ada, fixture->current,
                                               "2026-01-01", &error));
  g_assert_no_error (error);
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "assignments.delete",
                                             NULL));
  rapport_test_wait_ms (50);

  g_assert_null (rapport_store_find_assignment (fixture->store, fixture->current));
  g_assert_cmpuint (count_tips (fixture, fixture->current), ==, 0);
  /* Another assignment takes its place. */
  g_assert_cmpint (shown_id (fixture), !=, 0);
  g_assert_cmpint (shown_id (fixture), !=, fixture->current);

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  toast = g_ptr_array_index (fixture->toasts, 0);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Mercy General” and 2 tips deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Undo");

  g_signal_emit_by_name (toast, "button-clicked");
  rapport_test_wait_ms (50);

  g_assert_nonnull (rapport_store_find_assignment (fixture->store, fixture->current));
  g_assert_cmpuint (count_tips (fixture, fixture->current), ==, 2);
  linked = rapport_store_dup_assignment_colleague_ids (fixture->store, fixture->current);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (g_array_index (linked, gint64, 0), ==, fixture->ada);
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  g_assert_true (shows (find_tip_row (fixture, "Badge office")));
}

static void
test_link_colleagues (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) linked = NULL;
  GtkWidget *group = find_in_page (fixture, is_group, "Colleagues Met Here");
  GtkWindow *dialog;
  GtkWidget *chooser;
  GtkWidget *row;
  GtkWidget *button;
  gint64 ids[1];

  g_assert_nonnull (group);
  g_assert_null (rapport_test_find_row (group, ADW_TYPE_ACTION_ROW, "Ada Byron"));

  /* Through the store: the group follows. */
  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->ada, fixture->current,
                                               "2026-03-02", &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);
  row = rapport_test_find_row (group, ADW_TYPE_ACTION_ROW, "Ada Byron");
  g_assert_true (shows (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Met 2 Mar 2026");

  /* Through the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "assignments.add-colleagues", NULL));
  rapport_test_wait_ms (100);
  dialog = find_window (RAPPORT_TYPE_COLLEAGUE_CHOOSER);
  g_assert_nonnull (dialog);
  chooser = rapport_test_find_by_type (GTK_WIDGET (dialog), RAPPORT_TYPE_COLLEAGUE_CHOOSER);
  ids[0] = fixture->bob;
  rapport_colleague_chooser_set_selected (RAPPORT_COLLEAGUE_CHOOSER (chooser), ids, 1);
  rapport_test_wait_ms (50);
  button = rapport_test_find_button (GTK_WIDGET (dialog), "Link");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rapport_test_wait_ms (100);

  linked = rapport_store_dup_assignment_colleague_ids (fixture->store, fixture->current);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_true (shows (rapport_test_find_row (group, ADW_TYPE_ACTION_ROW, "Bob Okafor")));
  g_assert_null (find_window (RAPPORT_TYPE_COLLEAGUE_CHOOSER));

  /* Unlink. */
  row = rapport_test_find_row (group, ADW_TYPE_ACTION_ROW, "Ada Byron");
  button = rapport_test_find_widget (row, has_tooltip, "Remove from This Assignment");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rapport_test_wait_ms (50);
  g_clear_pointer (&linked, g_array_unref);
  linked = rapport_store_dup_assignment_colleague_ids (fixture->store, fixture->current);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_null (rapport_test_find_row (group, ADW_TYPE_ACTION_ROW, "Ada Byron"));
  /* The colleague stays in the journal. */
  g_assert_nonnull (rapport_store_find_colleague (fixture->store, fixture->ada));
}

static void
test_return_recall (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) linked = NULL;
  GtkWidget *recall = find_in_page (fixture, is_group, "You Have Been Here Before");
  GtkWidget *row;
  GtkWidget *button;

  add_tip (fixture, fixture->past, RAPPORT_TIP_CATEGORY_PARKING, "Lot C is free after 6");
  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->bob, fixture->past, "",
                                               &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  /* The current stay at Mercy General remembers the earlier one. */
  g_assert_nonnull (recall);
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  g_assert_true (shows (recall));
  g_assert_true (shows (rapport_test_find_row (recall, ADW_TYPE_ACTION_ROW, "Mercy General")));
  g_assert_true (shows (rapport_test_find_row (recall, ADW_TYPE_ACTION_ROW,
                                               "Lot C is free after 6")));
  g_assert_true (shows (rapport_test_find_row (recall, ADW_TYPE_ACTION_ROW, "Bob Okafor")));

  /* Copy the tip into this stay. */
  row = rapport_test_find_row (recall, ADW_TYPE_ACTION_ROW, "Lot C is free after 6");
  button = rapport_test_find_widget (row, has_tooltip, "Copy to This Assignment");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rapport_test_wait_ms (50);
  g_assert_cmpuint (count_tips (fixture, fixture->current), ==, 1);
  g_assert_cmpuint (count_tips (fixture, fixture->past), ==, 1);
  g_assert_true (shows (find_tip_row (fixture, "Lot C is free after 6")));

  /* Link the colleague from then. */
  recall = find_in_page (fixture, is_group, "You Have Been Here Before");
  row = rapport_test_find_row (recall, ADW_TYPE_ACTION_ROW, "Bob Okafor");
  button = rapport_test_find_button (row, "Link");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rapport_test_wait_ms (50);
  linked = rapport_store_dup_assignment_colleague_ids (fixture->store, fixture->current);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (g_array_index (linked, gint64, 0), ==, fixture->bob);

  /* An earlier stay row leads there. */
  recall = find_in_page (fixture, is_group, "You Have Been Here Before");
  row = rapport_test_find_row (recall, ADW_TYPE_ACTION_ROW, "Mercy General");
  g_signal_emit_by_name (row, "activate");
  rapport_test_wait_ms (50);
  g_assert_cmpint (shown_id (fixture), ==, fixture->past);

  /* An unrelated site has no memories. */
  rapport_assignments_page_show_assignment (fixture->page, fixture->older);
  rapport_test_wait_ms (50);
  recall = find_in_page (fixture, is_group, "You Have Been Here Before");
  g_assert_false (shows (recall));
}

static void
test_export_guide (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "guide.html", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *bad_path = g_build_filename (fixture->dir, "missing", "guide.md", NULL);

  add_tip (fixture, fixture->current, RAPPORT_TIP_CATEGORY_COFFEE, "Bean There");
  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->ada, fixture->current, "",
                                               NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "assignments.export-guide-to", "s", path));
  rapport_test_wait_ms (50);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Bean There"));
  g_assert_null (strstr (contents, "Ada Byron"));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 0)), ==,
                   "Site guide saved");

  /* A folder that is not there gives the error, not a success. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "assignments.export-guide-to", "s", bad_path));
  rapport_test_wait_ms (50);
  g_assert_cmpuint (fixture->toasts->len, ==, 2);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 1)), !=,
                   "Site guide saved");
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* The detail's Close Out… and Export Contacts… open their dialogs over the window, for the shown
 * assignment, and the dialogs' toasts come out of the page. */
static void
test_close_out (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "contacts.vcf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *close_out;
  GtkWidget *contacts;
  GtkWidget *add;
  GtkWindow *dialog;
  gpointer weak;

  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->ada, fixture->current, "",
                                               NULL));
  rapport_assignments_page_show_assignment (fixture->page, fixture->current);
  rapport_test_wait_ms (50);
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);

  /* Buttons with their text as their name, beside Export Guide…, with a tooltip. */
  close_out = find_in_page (fixture, has_action, "assignments.close-out");
  contacts = find_in_page (fixture, has_action, "assignments.export-contacts");
  g_assert_nonnull (close_out);
  g_assert_nonnull (contacts);
  if (close_out == NULL || contacts == NULL)
    return;
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (close_out)), ==, "Close Out…");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (contacts)), ==, "Export Contacts…");
  g_assert_nonnull (gtk_widget_get_tooltip_text (close_out));
  g_assert_nonnull (gtk_widget_get_tooltip_text (contacts));
  g_assert_true (shows (close_out));
  g_assert_true (shows (contacts));
  g_assert_true (gtk_widget_get_sensitive (close_out));
  g_assert_true (gtk_widget_get_sensitive (contacts));
  g_assert_true (gtk_widget_get_ancestor (contacts, GTK_TYPE_BOX) ==
                 gtk_widget_get_ancestor (find_in_page (fixture, has_action,
                                                        "assignments.export-guide"),
                                          GTK_TYPE_BOX));

  /* Export Contacts…: this assignment's colleagues. */
  g_signal_emit_by_name (contacts, "clicked");
  rapport_test_wait_ms (100);
  dialog = find_window (RAPPORT_TYPE_VCARD_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  if (dialog != NULL)
    {
      g_assert_true (gtk_window_get_transient_for (dialog) == fixture->window);
      g_assert_true (rapport_vcard_export_dialog_export_to (RAPPORT_VCARD_EXPORT_DIALOG (dialog),
                                                            path, &error));
      g_assert_no_error (error);
      rapport_test_wait_ms (50);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "Ada Byron"));
      g_assert_null (strstr (contents, "Bob Okafor"));
      g_assert_cmpuint (fixture->toasts->len, ==, 1);
      if (fixture->toasts->len == 1)
        g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 0)), ==,
                         "Exported 1 colleague");
    }
  g_assert_null (find_window (RAPPORT_TYPE_VCARD_EXPORT_DIALOG));

  /* Close Out…: the check-ins land in the store and the toast comes through the page. */
  g_signal_emit_by_name (close_out, "clicked");
  rapport_test_wait_ms (100);
  dialog = find_window (RAPPORT_TYPE_CLOSE_OUT_DIALOG);
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture->window);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Close Out");

  add = rapport_test_find_button (GTK_WIDGET (dialog), "Add Check-Ins");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_sensitive (add));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (add, "clicked");
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));

  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    2);
  g_assert_cmpuint (fixture->toasts->len, ==, 2);
  if (fixture->toasts->len == 2)
    g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 1)), ==,
                     "Added 2 check-ins");
}

/* With no assignment shown, there is nothing to close out. */
static void
test_close_out_empty (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *close_out = find_in_page (fixture, has_action, "assignments.close-out");

  g_assert_null (shown (fixture));
  g_assert_nonnull (close_out);
  if (close_out != NULL)
    g_assert_false (gtk_widget_get_sensitive (close_out));

  /* The actions are disabled: activating them opens nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "assignments.close-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "assignments.export-contacts", NULL);
  rapport_test_wait_ms (50);
  g_assert_null (find_window (RAPPORT_TYPE_CLOSE_OUT_DIALOG));
  g_assert_null (find_window (RAPPORT_TYPE_VCARD_EXPORT_DIALOG));
}

static void
test_update_in_place (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(RapportAssignment) changes =
    rapport_assignment_dup (rapport_store_find_assignment (fixture->store, fixture->current));
  g_autoptr(GError) error = NULL;
  GtkWidget *row_before;

  row_before = gtk_widget_get_ancestor (find_in_page (fixture, is_label, "Lakeside Clinic"),
                                        RAPPORT_TYPE_ASSIGNMENT_ROW);
  g_assert_nonnull (row_before);

  rapport_assignment_set_facility (changes, "Mercy General Hospital");
  rapport_assignment_set_unit (changes, "Cardiac ICU");
  g_assert_true (rapport_store_update_assignment (fixture->store, changes, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Mercy General Hospital · Cardiac ICU"));
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Cardiac ICU"));
  g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  /* The other rows were not rebuilt. */
  g_assert_true (gtk_widget_get_ancestor (find_in_page (fixture, is_label, "Lakeside Clinic"),
                                          RAPPORT_TYPE_ASSIGNMENT_ROW) == row_before);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  gtk_window_set_default_size (fixture->window, 360, 640);
  rapport_test_wait_ms (300);

  /* Folded: the list shows until an assignment is opened. */
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Lakeside Clinic"));
  rapport_assignments_page_show_assignment (fixture->page, fixture->older);
  rapport_test_wait_ms (400);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Duluth, US"));
  g_assert_false (shows_label (GTK_WIDGET (fixture->page), "St. Elsewhere"));
}

static gboolean
is_met_line (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), "still in touch");
}

static void
log_entry (Fixture *fixture,
           gint64   colleague_id,
           gint64   occurred_at)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_CALL, occurred_at);
  rapport_interaction_set_colleague_ids (interaction, &colleague_id, 1);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
}

/* "Met 2 colleagues here · 1 still in touch" under the dates, with what "in touch" means. */
static void
test_met_counts (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -(RAPPORT_IN_TOUCH_DAYS + 10));
  const char *meaning = "Still in touch: a journal entry with them in the last 90 days";
  g_autofree char *mismatch = NULL;
  GtkWidget *label;

  g_assert_cmpint (shown_id (fixture), ==, fixture->current);
  /* Nobody linked: no line (the colleagues group says so). */
  g_assert_false (shows (find_in_page (fixture, is_met_line, NULL)));

  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->ada, fixture->current,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_link_colleague (fixture->store, fixture->bob, fixture->current,
                                               NULL, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page),
                              "Met 2 colleagues here · 0 still in touch"));

  /* Ada yesterday; Bob more than RAPPORT_IN_TOUCH_DAYS days ago. */
  log_entry (fixture, fixture->ada, g_date_time_to_unix (yesterday));
  log_entry (fixture, fixture->bob, g_date_time_to_unix (long_ago));
  rapport_test_wait_ms (50);
  label = find_in_page (fixture, is_label, "Met 2 colleagues here · 1 still in touch");
  g_assert_true (shows (label));
  if (label == NULL)
    return;
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, meaning);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (label),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meaning);
  g_assert_null (mismatch);

  /* Singular, and following the links. */
  g_assert_true (rapport_store_unlink_colleague (fixture->store, fixture->bob, fixture->current,
                                                 &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);
  g_assert_true (shows_label (GTK_WIDGET (fixture->page), "Met 1 colleague here · 1 still in touch"));

  /* Another assignment counts its own colleagues: none at the older one. */
  rapport_assignments_page_show_assignment (fixture->page, fixture->older);
  rapport_test_wait_ms (100);
  g_assert_cmpint (shown_id (fixture), ==, fixture->older);
  g_assert_false (shows (label));
  g_assert_false (shows (find_in_page (fixture, is_met_line, NULL)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, data, func) \
  g_test_add ("/rapport/assignments-page/" path, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("empty", "empty", test_empty);
  ADD ("sorted", NULL, test_sorted);
  ADD ("add-via-editor", NULL, test_add_via_editor);
  ADD ("editor-validation", NULL, test_editor_validation);
  ADD ("tips", NULL, test_tips);
  ADD ("tip-delete-undo", NULL, test_tip_delete_undo);
  ADD ("delete-undo", NULL, test_delete_undo);
  ADD ("link-colleagues", NULL, test_link_colleagues);
  ADD ("return-recall", NULL, test_return_recall);
  ADD ("export-guide", NULL, test_export_guide);
  ADD ("close-out", NULL, test_close_out);
  ADD ("close-out-empty", "empty", test_close_out_empty);
  ADD ("update-in-place", NULL, test_update_in_place);
  ADD ("narrow", NULL, test_narrow);
  ADD ("met-counts", NULL, test_met_counts);
  ADD ("item-names", NULL, test_item_names);

#undef ADD

  return g_test_run ();
}
