/* test-today-page.c
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

#define G_LOG_DOMAIN "rapport-test-today-page"

#include "config.h"

#include "rapport-activity-chart.h"
#include "rapport-reminder-row.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-today-page.h"

typedef struct
{
  char             *dir;
  RapportDatabase  *database;
  RapportStore     *store;
  GtkWindow        *window;
  RapportTodayPage *page;
  GString          *activated;
  GPtrArray        *toasts;
  gint64            now;
  gint64            end_of_today;
} Fixture;

static void
record_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  GString       *activated)
{
  g_string_append_printf (activated, "%s(%" G_GINT64_FORMAT ");",
                          g_action_get_name (G_ACTION (action)), g_variant_get_int64 (parameter));
}

static void
record_plain_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        GString       *activated)
{
  g_string_append_printf (activated, "%s();", g_action_get_name (G_ACTION (action)));
}

static void
add_toast_cb (RapportTodayPage *page,
              AdwToast         *toast,
              Fixture          *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  const char *names[] = { "show-reminder", "add-reminder", "log-interaction", "show-colleague" };
  const char *plain_names[] = { "add-assignment", "add-colleague" };
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow),
                                                         0, 0, 0);

  fixture->now = g_date_time_to_unix (now);
  fixture->end_of_today = g_date_time_to_unix (midnight);
  fixture->dir = rapport_test_make_tmp_dir ("today-page");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->activated = g_string_new (NULL);
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Something of one's own, so the page shows the overview rather than the welcome. */
  rapport_test_add_colleague (fixture->store, "name", "Nell Newest", NULL);

  /* The window's actions, recorded. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE_INT64);

      g_signal_connect (action, "activate", G_CALLBACK (record_action_cb), fixture->activated);
      g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (action));
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain_names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (plain_names[i], NULL);

      g_signal_connect (action, "activate", G_CALLBACK (record_plain_action_cb),
                        fixture->activated);
      g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (action));
    }

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1400);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (win));
  fixture->page = g_object_new (RAPPORT_TYPE_TODAY_PAGE, NULL);
  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
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
  g_string_free (fixture->activated, TRUE);
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Shows the store and lets the page rebuild. */
static void
show (Fixture *fixture)
{
  if (rapport_today_page_get_store (fixture->page) != fixture->store)
    rapport_today_page_set_store (fixture->page, fixture->store);
  rapport_test_wait_ms (50);
  rapport_test_iterate ();
}

static gint64
add_reminder (Fixture    *fixture,
              const char *title,
              gint64      due_at,
              const char *rrule)
{
  g_autoptr(RapportReminder) reminder = rapport_reminder_new (title, due_at);
  g_autoptr(GError) error = NULL;

  rapport_reminder_set_tz (reminder, "America/Denver");
  if (rrule != NULL)
    rapport_reminder_set_rrule (reminder, rrule);
  g_assert_true (rapport_store_add_reminder (fixture->store, reminder, &error));
  g_assert_no_error (error);

  return rapport_reminder_get_id (reminder);
}

static gboolean
match_reminder_row (GtkWidget     *widget,
                    gconstpointer  data)
{
  return RAPPORT_IS_REMINDER_ROW (widget) &&
         rapport_reminder_get_id (rapport_reminder_row_get_reminder (RAPPORT_REMINDER_ROW (widget)))
         == *(const gint64 *) data;
}

static GtkWidget *
find_reminder_row (Fixture *fixture,
                   gint64   id)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->page), match_reminder_row, &id);
}

/* The section a reminder is listed in: the group's title, "Later", or NULL when not listed. */
static const char *
section_of (Fixture *fixture,
            gint64   id)
{
  GtkWidget *row = find_reminder_row (fixture, id);
  GtkWidget *group;

  if (row == NULL)
    return NULL;

  if (gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW) != NULL)
    return "Later";

  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));

  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
}

/* Today later, or the first minutes of tomorrow when today has almost no time left. */
static const char *
expected_section (Fixture *fixture,
                  gint64   at)
{
  return at < fixture->end_of_today ? "Today" : "Next 7 Days";
}

static gboolean
match_label_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_label_suffix (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static void
test_sections (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 day = 24 * 60 * 60;
  gint64 later_today = fixture->now + (fixture->end_of_today - fixture->now) / 2;
  gint64 old, recent, today, soon, far, farther, done;
  GtkWidget *row, *item;

  old = add_reminder (fixture, "Send the article", fixture->now - 3 * day, NULL);
  recent = add_reminder (fixture, "Email the badge office", fixture->now - 2 * 60 * 60, NULL);
  today = add_reminder (fixture, "Coffee with Ada", later_today, NULL);
  soon = add_reminder (fixture, "Call after her boards", fixture->now + 3 * day, NULL);
  far = add_reminder (fixture, "Post-assignment check-in", fixture->now + 30 * day, NULL);
  farther = add_reminder (fixture, "Three months after", fixture->now + 90 * day, NULL);
  done = add_reminder (fixture, "Already done", fixture->now - day, NULL);
  g_assert_true (rapport_store_complete_reminder (fixture->store, done, fixture->now, NULL));
  show (fixture);

  g_assert_cmpstr (section_of (fixture, old), ==, "Overdue");
  g_assert_cmpstr (section_of (fixture, recent), ==, "Overdue");
  g_assert_cmpstr (section_of (fixture, today), ==, expected_section (fixture, later_today));
  g_assert_cmpstr (section_of (fixture, soon), ==, "Next 7 Days");
  g_assert_cmpstr (section_of (fixture, far), ==, "Later");
  g_assert_cmpstr (section_of (fixture, farther), ==, "Later");
  g_assert_null (section_of (fixture, done));
  g_assert_false (gtk_widget_get_mapped (rapport_test_find_row (GTK_WIDGET (fixture->page),
                                                                 ADW_TYPE_ACTION_ROW,
                                                                 "Nothing planned")));

  /* Most overdue first. */
  {
    GtkWidget *first = find_reminder_row (fixture, old);
    GtkWidget *second = find_reminder_row (fixture, recent);
    GtkWidget *first_item = gtk_widget_get_parent (first);

    g_assert_true (gtk_widget_get_next_sibling (first_item) == gtk_widget_get_parent (second));
  }

  /* The overdue one says so, in the error colour. */
  row = find_reminder_row (fixture, old);
  g_assert_nonnull (rapport_test_find_widget (row, match_label_suffix, "3 days overdue"));
  g_assert_true (gtk_widget_has_css_class (rapport_test_find_widget (row, match_label_suffix,
                                                                     "3 days overdue"),
                                           "error"));
  g_assert_nonnull (rapport_test_find_widget (row, match_label_text, "Send the article"));

  /* The later ones fold under one row that counts them. */
  g_assert_nonnull (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_EXPANDER_ROW,
                                           "Later"));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (fixture->page), match_label_text,
                                              "2 reminders"));

  /* Activating a row opens it; the buttons inside do not. */
  item = gtk_widget_get_parent (find_reminder_row (fixture, soon));
  g_assert_true (GTK_IS_LIST_BOX_ROW (item));
  gtk_widget_activate (item);
  rapport_test_iterate ();
  {
    g_autofree char *expected = g_strdup_printf ("show-reminder(%" G_GINT64_FORMAT ");", soon);

    g_assert_cmpstr (fixture->activated->str, ==, expected);
  }
}

/* A long section shows its first rows and a row that shows the rest. */
static void
test_show_more (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 ids[13];
  GtkWidget *more;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *title = g_strdup_printf ("Overdue %u", i);

      ids[i] = add_reminder (fixture, title, fixture->now - (i + 1) * 60 * 60, NULL);
    }
  show (fixture);

  /* Most overdue first: the three least overdue wait behind the row. */
  g_assert_cmpstr (section_of (fixture, ids[12]), ==, "Overdue");
  g_assert_cmpstr (section_of (fixture, ids[3]), ==, "Overdue");
  g_assert_null (find_reminder_row (fixture, ids[2]));
  more = rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                "Show 3 More Reminders");
  g_assert_nonnull (more);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (more)));

  gtk_widget_activate (more);
  rapport_test_iterate ();
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (section_of (fixture, ids[i]), ==, "Overdue");
  g_assert_null (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                        "Show 3 More Reminders"));
}

static void
test_done (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *rrule = NULL;
  static const char * const days[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  gint64 day = 24 * 60 * 60;
  gint64 one_off, weekly;
  RapportReminder *reminder;
  GtkWidget *row;

  /* Weekly on yesterday's weekday, due yesterday. */
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (fixture->now - day);

    yesterday = g_date_time_to_local (utc);
    rrule = g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s", days[g_date_time_get_day_of_week (yesterday)]);
  }
  one_off = add_reminder (fixture, "Send the article", fixture->now - 2 * day, NULL);
  weekly = add_reminder (fixture, "Peer support", fixture->now - day, rrule);
  show (fixture);
  g_assert_cmpstr (section_of (fixture, one_off), ==, "Overdue");
  g_assert_cmpstr (section_of (fixture, weekly), ==, "Overdue");

  /* A one-off is done and gone. */
  row = find_reminder_row (fixture, one_off);
  g_assert_nonnull (rapport_test_find_button (row, "Done"));
  g_assert_true (gtk_widget_activate_action (row, "reminder.done", NULL));
  show (fixture);
  g_assert_null (section_of (fixture, one_off));
  reminder = rapport_store_find_reminder (fixture->store, one_off);
  g_assert_cmpint (rapport_reminder_get_completed_at (reminder), >, 0);

  /* A weekly one moves on to its next week. */
  row = find_reminder_row (fixture, weekly);
  g_signal_emit_by_name (rapport_test_find_button (row, "Done"), "clicked");
  show (fixture);
  g_assert_cmpstr (section_of (fixture, weekly), ==, "Next 7 Days");
  reminder = rapport_store_find_reminder (fixture->store, weekly);
  g_assert_cmpint (rapport_reminder_get_due_at (reminder), ==, fixture->now + 6 * day);
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 id = add_reminder (fixture, "Email the badge office", fixture->now - 2 * 60 * 60, NULL);
  RapportReminder *reminder;
  GtkWidget *row;
  gint64 until;

  show (fixture);
  g_assert_cmpstr (section_of (fixture, id), ==, "Overdue");

  row = find_reminder_row (fixture, id);
  g_assert_true (gtk_widget_activate_action (row, "reminder.snooze", "s", "1-hour"));
  show (fixture);

  reminder = rapport_store_find_reminder (fixture->store, id);
  until = rapport_reminder_get_snoozed_until (reminder);
  g_assert_cmpint (until, >=, fixture->now + 60 * 60);
  g_assert_cmpint (until, <=, g_get_real_time () / G_USEC_PER_SEC + 60 * 60);
  g_assert_cmpstr (section_of (fixture, id), !=, "Overdue");
  g_assert_cmpstr (section_of (fixture, id), ==, expected_section (fixture, until));
  row = find_reminder_row (fixture, id);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until);
    g_autoptr(GDateTime) local = g_date_time_to_local (utc);
    g_autofree char *time = g_date_time_format (local, "%H:%M");
    g_autofree char *text = g_strdup_printf ("Snoozed until %s", time);

    if (until < fixture->end_of_today)
      g_assert_nonnull (rapport_test_find_widget (row, match_label_text, text));
  }

  /* Tomorrow morning is 08:00 tomorrow. */
  g_assert_true (gtk_widget_activate_action (row, "reminder.snooze", "s", "tomorrow-morning"));
  show (fixture);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
    g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                          g_date_time_get_month (tomorrow),
                                                          g_date_time_get_day_of_month (tomorrow),
                                                          8, 0, 0);

    g_assert_cmpint (rapport_reminder_get_snoozed_until (reminder), ==,
                     g_date_time_to_unix (morning));
    g_assert_cmpstr (section_of (fixture, id), ==, "Next 7 Days");
  }
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 id = add_reminder (fixture, "Send the article", fixture->now + 2 * 24 * 60 * 60, NULL);
  AdwToast *toast;

  show (fixture);
  g_assert_true (gtk_widget_activate_action (find_reminder_row (fixture, id), "reminder.delete",
                                             NULL));
  show (fixture);
  g_assert_null (rapport_store_find_reminder (fixture->store, id));
  g_assert_null (section_of (fixture, id));

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len != 1)
    return;
  toast = g_ptr_array_index (fixture->toasts, 0);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Send the article” deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Undo");
  g_signal_emit_by_name (toast, "button-clicked");
  show (fixture);
  g_assert_nonnull (rapport_store_find_reminder (fixture->store, id));
  g_assert_cmpstr (section_of (fixture, id), ==, "Next 7 Days");
}

static gboolean
match_action_target (GtkWidget     *widget,
                     gconstpointer  data)
{
  const char *action = data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) != 0)
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_variant_get_int64 (target) != 0;
}

typedef struct
{
  const char *group;
  const char *title;
} RowInGroup;

static gboolean
match_row_in_group (GtkWidget     *widget,
                    gconstpointer  data)
{
  const RowInGroup *query = data;
  GtkWidget *group;

  if (!ADW_IS_ACTION_ROW (widget) ||
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), query->title) != 0)
    return FALSE;

  group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
  return group != NULL &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)),
                    query->group) == 0;
}

/* The "Time to Reconnect" row for a colleague, not the same name under "Recently Added". */
static GtkWidget *
find_reconnect_row (Fixture    *fixture,
                    const char *name)
{
  RowInGroup query = { "Time to Reconnect", name };

  return rapport_test_find_widget (GTK_WIDGET (fixture->page), match_row_in_group, &query);
}

static void
test_reconnect (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague, *fresh;
  GtkWidget *row, *log_button, *plan_button;
  gint64 id;

  colleague = rapport_test_add_colleague (fixture->store, "name", "Rosa Reyes",
                                          "cadence-days", (guint) 14, NULL);
  id = rapport_colleague_get_id (colleague);
  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                         fixture->now - 60 * 24 * 60 * 60);
  rapport_interaction_set_colleague_ids (interaction, &id, 1);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
  /* A cadence but met yesterday: not due. */
  fresh = rapport_test_add_colleague (fixture->store, "name", "Fresh Face",
                                      "cadence-days", (guint) 30, NULL);
  g_assert_nonnull (fresh);
  show (fixture);

  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (fixture->page), match_label_text,
                                              "Time to Reconnect"));
  row = find_reconnect_row (fixture, "Rosa Reyes");
  g_assert_nonnull (row);
  if (row == NULL)
    return;
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Last interaction 8 weeks ago");
  g_assert_null (find_reconnect_row (fixture, "Fresh Face"));

  log_button = rapport_test_find_widget (row, match_action_target, "win.log-interaction");
  plan_button = rapport_test_find_widget (row, match_action_target, "win.add-reminder");
  g_assert_nonnull (log_button);
  g_assert_nonnull (plan_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (log_button), ==, "Log Interaction");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (plan_button), ==, "Plan Check-In");
  g_signal_emit_by_name (log_button, "clicked");
  g_signal_emit_by_name (plan_button, "clicked");
  rapport_test_iterate ();
  {
    g_autofree char *expected = g_strdup_printf ("log-interaction(%" G_GINT64_FORMAT ");"
                                                 "add-reminder(%" G_GINT64_FORMAT ");", id, id);

    g_assert_cmpstr (fixture->activated->str, ==, expected);
  }

  /* Logging an interaction resets the clock: the row goes. */
  {
    g_autoptr(RapportInteraction) now = rapport_interaction_new (RAPPORT_INTERACTION_KIND_CALL,
                                                                 fixture->now - 60);

    rapport_interaction_set_colleague_ids (now, &id, 1);
    g_assert_true (rapport_store_add_interaction (fixture->store, now, &error));
    g_assert_no_error (error);
  }
  show (fixture);
  g_assert_null (find_reconnect_row (fixture, "Rosa Reyes"));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkWidget *row, *button;

  show (fixture);
  row = rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "Nothing planned");
  g_assert_nonnull (row);
  g_assert_true (row != NULL && gtk_widget_get_mapped (row));
  button = rapport_test_find_button (row, "New Reminder");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-reminder");
  g_signal_emit_by_name (button, "clicked");
  rapport_test_iterate ();
  g_assert_cmpstr (fixture->activated->str, ==, "add-reminder(0);");

  /* None of the sections shows. */
  g_assert_null (rapport_test_find_by_type (GTK_WIDGET (fixture->page), RAPPORT_TYPE_REMINDER_ROW));
  g_assert_false (gtk_widget_get_mapped (rapport_test_find_widget (GTK_WIDGET (fixture->page),
                                                                   match_label_text, "Overdue")));

  /* The first reminder replaces the empty state. */
  add_reminder (fixture, "Send the article", fixture->now + 3 * 24 * 60 * 60, NULL);
  show (fixture);
  g_assert_false (gtk_widget_get_mapped (row));
}

/* A journal with nothing of one's own leads to the first assignment, as the welcome does, and
 * still lets one add a colleague met outside any assignment. */
static void
test_welcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *status_page, *start, *add;

  g_assert_true (rapport_store_delete_colleague (fixture->store, 1, NULL, &error));
  g_assert_no_error (error);
  show (fixture);

  status_page = rapport_test_find_by_type (GTK_WIDGET (fixture->page), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  if (status_page == NULL)
    return;
  g_assert_true (gtk_widget_get_mapped (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Where Are You Working?");
  g_assert_nonnull (g_strstr_len (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)),
                                  -1, "assignment"));
  g_assert_null (rapport_test_find_button (status_page, "Add Your First Colleague"));

  /* The first assignment comes first: the prominent button. */
  start = rapport_test_find_button (status_page, "Start Your First Assignment");
  g_assert_nonnull (start);
  add = rapport_test_find_button (status_page, "Add a Colleague");
  g_assert_nonnull (add);
  if (start == NULL || add == NULL)
    return;
  g_assert_true (gtk_widget_has_css_class (start, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (add, "suggested-action"));
  g_assert_true (gtk_widget_get_mapped (start) && gtk_widget_get_mapped (add));
  /* Long translations and large text wrap rather than widen the page. */
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (start)))));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (add)))));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (start)), ==,
                   "win.add-assignment");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add)), ==, "win.add-colleague");

  g_signal_emit_by_name (start, "clicked");
  g_signal_emit_by_name (add, "clicked");
  rapport_test_iterate ();
  g_assert_cmpstr (fixture->activated->str, ==, "add-assignment();add-colleague();");

  /* The first colleague replaces it. */
  rapport_test_add_colleague (fixture->store, "name", "Ana Again", NULL);
  show (fixture);
  g_assert_false (gtk_widget_get_mapped (status_page));
}

static gboolean
match_heading (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-1") &&
         gtk_widget_get_ancestor (widget, ADW_TYPE_STATUS_PAGE) == NULL;
}

/* Whether the heading's lines all end between words (Pango keeps the space on the line it ends). */
static gboolean
breaks_between_words (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);

  for (GSList *lines = pango_layout_get_lines_readonly (layout); lines != NULL; lines = lines->next)
    {
      PangoLayoutLine *line = lines->data;

      if (line->start_index > 0 && text[line->start_index - 1] != ' ')
        return FALSE;
    }

  return TRUE;
}

static gboolean
bounds_inside (GtkWidget *widget,
               GtkWidget *ancestor)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (widget, ancestor, &bounds) &&
         bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (ancestor) + 0.5;
}

/* At 360 px with large text the longest date (a Wednesday in September) breaks between words
 * only, the "New Reminder" button moves below it rather than squeezing it, and the page still
 * fits in 360 px. Wide, the button stays beside the date. */
static void
test_narrow_large_text (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(GDateTime) wednesday = g_date_time_new_local (2026, 9, 30, 9, 0, 0);
  g_autofree char *date = g_date_time_format (wednesday, "%A, %-d %B");
  GtkWindow *window;
  RapportTodayPage *page;
  GtkWidget *label, *button;
  graphene_rect_t label_bounds, button_bounds;
  int dpi, minimum, natural, label_minimum;

  g_assert_cmpstr (date, ==, "Wednesday, 30 September");
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", (int) (1.25 * 96 * 1024), NULL);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 360, 900);
  page = g_object_new (RAPPORT_TYPE_TODAY_PAGE, "store", fixture->store, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  rapport_test_wait_ms (50);
  rapport_test_iterate ();

  label = rapport_test_find_widget (GTK_WIDGET (page), match_heading, NULL);
  g_assert_nonnull (label);
  if (label == NULL)
    goto out;
  button = gtk_widget_get_last_child (gtk_widget_get_parent (label));
  g_assert_true (GTK_IS_BUTTON (button));
  if (!GTK_IS_BUTTON (button))
    goto out;
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "New Reminder");
  gtk_label_set_text (GTK_LABEL (label), date);
  rapport_test_wait_ms (50);
  rapport_test_iterate ();

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* No break inside a word: the heading is at least as wide as its longest word. */
  g_assert_cmpint (gtk_label_get_wrap_mode (GTK_LABEL (label)), ==, PANGO_WRAP_WORD);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_minimum, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (label), >=, label_minimum);
  g_assert_true (breaks_between_words (GTK_LABEL (label)));
  g_assert_true (bounds_inside (label, GTK_WIDGET (page)));
  g_assert_true (bounds_inside (button, GTK_WIDGET (page)));

  /* The button below the heading, not over it. */
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (page), &label_bounds));
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (page), &button_bounds));
  g_assert_false (graphene_rect_intersection (&label_bounds, &button_bounds, NULL));

  /* Wide, with the usual text size: beside the date, on its first line. */
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_window_set_default_size (window, 900, 900);
  rapport_test_wait_ms (50);
  rapport_test_iterate ();
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (page), &label_bounds));
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (page), &button_bounds));
  g_assert_cmpfloat (button_bounds.origin.x, >=, label_bounds.origin.x + label_bounds.size.width);
  g_assert_cmpfloat (button_bounds.origin.y, <, label_bounds.origin.y + label_bounds.size.height);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), ==, 1);

out:
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_window_destroy (window);
  rapport_test_iterate ();
}

static gint64
count_reminder_rows (GtkWidget *widget)
{
  gint64 n = RAPPORT_IS_REMINDER_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_reminder_rows (child);

  return n;
}

/* The "Recently Added" or "Upcoming Birthdays" row for a colleague. */
static GtkWidget *
find_row_in_group (Fixture    *fixture,
                   const char *group,
                   const char *name)
{
  RowInGroup query = { group, name };

  return rapport_test_find_widget (GTK_WIDGET (fixture->page), match_row_in_group, &query);
}

/* A change to one reminder touches its own section only: the rows of the others, and the rows
 * of its section that still show the same reminders, are the same widgets afterwards. */
static void
test_keeps_rows (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  g_autofree char *birthday = g_date_time_format (soon, "--%m-%d");
  gint64 day = 24 * 60 * 60;
  gint64 first, second, week;
  GtkWidget *second_row, *week_row, *birthday_row, *recent_row;
  RapportReminder *reminder;

  rapport_test_add_colleague (fixture->store, "name", "Bea Birthday", "birthday", birthday, NULL);
  first = add_reminder (fixture, "Send the article", fixture->now - 3 * day, NULL);
  second = add_reminder (fixture, "Email the badge office", fixture->now - 2 * day, NULL);
  week = add_reminder (fixture, "Call after her boards", fixture->now + 3 * day, NULL);
  show (fixture);

  second_row = find_reminder_row (fixture, second);
  week_row = find_reminder_row (fixture, week);
  birthday_row = find_row_in_group (fixture, "Upcoming Birthdays", "Bea Birthday");
  recent_row = find_row_in_group (fixture, "Recently Added", "Nell Newest");
  g_assert_nonnull (second_row);
  g_assert_nonnull (week_row);
  g_assert_nonnull (birthday_row);
  g_assert_nonnull (recent_row);
  if (second_row == NULL || week_row == NULL || birthday_row == NULL || recent_row == NULL)
    return;
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (birthday_row)), ==, "In 3 days");
  g_object_add_weak_pointer (G_OBJECT (second_row), (gpointer *) &second_row);
  g_object_add_weak_pointer (G_OBJECT (week_row), (gpointer *) &week_row);
  g_object_add_weak_pointer (G_OBJECT (birthday_row), (gpointer *) &birthday_row);
  g_object_add_weak_pointer (G_OBJECT (recent_row), (gpointer *) &recent_row);

  g_assert_true (rapport_store_complete_reminder (fixture->store, first, fixture->now, NULL));
  show (fixture);

  g_assert_null (section_of (fixture, first));
  g_assert_cmpstr (section_of (fixture, second), ==, "Overdue");
  g_assert_true (find_reminder_row (fixture, second) == second_row);
  g_assert_true (find_reminder_row (fixture, week) == week_row);
  g_assert_true (find_row_in_group (fixture, "Upcoming Birthdays", "Bea Birthday") == birthday_row);
  g_assert_true (find_row_in_group (fixture, "Recently Added", "Nell Newest") == recent_row);

  /* A kept row still follows its reminder. */
  reminder = rapport_store_find_reminder (fixture->store, second);
  {
    g_autoptr(RapportReminder) changes = rapport_reminder_dup (reminder);

    rapport_reminder_set_title (changes, "Email the badge office again");
    g_assert_true (rapport_store_update_reminder (fixture->store, changes, NULL));
  }
  show (fixture);
  g_assert_true (find_reminder_row (fixture, second) == second_row);
  g_assert_nonnull (second_row);
  if (second_row != NULL)
    g_assert_nonnull (rapport_test_find_widget (second_row, match_label_text,
                                                "Email the badge office again"));

  /* A renamed colleague shows the new name. */
  {
    RapportColleague *nell = NULL;
    GListModel *colleagues = rapport_store_get_colleagues (fixture->store);

    for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
      {
        g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

        if (g_str_equal (rapport_colleague_get_name (colleague), "Nell Newest"))
          nell = colleague;
      }
    g_assert_nonnull (nell);
    if (nell != NULL)
      {
        g_autoptr(RapportColleague) changes = rapport_colleague_dup (nell);

        g_object_set (changes, "name", "Nell Renamed", NULL);
        g_assert_true (rapport_store_update_colleague (fixture->store, changes, NULL));
      }
  }
  show (fixture);
  g_assert_null (find_row_in_group (fixture, "Recently Added", "Nell Newest"));
  g_assert_nonnull (find_row_in_group (fixture, "Recently Added", "Nell Renamed"));
  g_assert_true (find_reminder_row (fixture, week) == week_row);

  if (second_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (second_row), (gpointer *) &second_row);
  if (week_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (week_row), (gpointer *) &week_row);
  if (birthday_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (birthday_row), (gpointer *) &birthday_row);
  if (recent_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (recent_row), (gpointer *) &recent_row);
}

static void
add_reminders (Fixture    *fixture,
               const char *prefix,
               guint       n,
               gint64      first_at,
               gint64      step)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %u", prefix, i);
      RapportReminder *reminder = rapport_reminder_new (title, first_at + i * step);

      rapport_reminder_set_tz (reminder, "America/Denver");
      g_ptr_array_add (reminders, reminder);
    }
  g_assert_true (rapport_store_add_reminders (fixture->store, reminders, &error));
  g_assert_no_error (error);
}

static gint64
find_reminder_id (Fixture    *fixture,
                  const char *title)
{
  GListModel *reminders = rapport_store_get_reminders (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);

      if (g_str_equal (rapport_reminder_get_title (reminder), title))
        return rapport_reminder_get_id (reminder);
    }

  return 0;
}

/* Many reminders: each section shows its first ten, in order, and counts the rest; no row is
 * built for the rest, and the most urgent row is there before the page's first frame. */
static void
test_many (Fixture       *fixture,
           gconstpointer  user_data)
{
  gint64 day = 24 * 60 * 60;
  GtkWidget *more;

  /* Overdue 0 is the most overdue; Later 0 the soonest. */
  add_reminders (fixture, "Overdue", 250, fixture->now - 400 * day, 60);
  add_reminders (fixture, "Later", 1200, fixture->now + 30 * day, 60 * 60);

  rapport_today_page_set_store (fixture->page, fixture->store);
  g_assert_cmpstr (section_of (fixture, find_reminder_id (fixture, "Overdue 0")), ==, "Overdue");

  show (fixture);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *overdue = g_strdup_printf ("Overdue %u", i);
      g_autofree char *later = g_strdup_printf ("Later %u", i);

      g_assert_cmpstr (section_of (fixture, find_reminder_id (fixture, overdue)), ==, "Overdue");
      g_assert_cmpstr (section_of (fixture, find_reminder_id (fixture, later)), ==, "Later");
    }
  g_assert_null (section_of (fixture, find_reminder_id (fixture, "Overdue 10")));
  g_assert_null (section_of (fixture, find_reminder_id (fixture, "Later 10")));
  g_assert_cmpint (count_reminder_rows (GTK_WIDGET (fixture->page)), ==, 20);
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (fixture->page), match_label_text,
                                              "1200 reminders"));
  g_assert_nonnull (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                           "Show 1190 More Reminders"));

  /* In order, most overdue first. */
  {
    GtkWidget *first = find_reminder_row (fixture, find_reminder_id (fixture, "Overdue 0"));
    GtkWidget *second = find_reminder_row (fixture, find_reminder_id (fixture, "Overdue 1"));

    g_assert_true (gtk_widget_get_next_sibling (gtk_widget_get_parent (first)) ==
                   gtk_widget_get_parent (second));
  }

  more = rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                "Show 240 More Reminders");
  g_assert_nonnull (more);
  if (more == NULL)
    return;
  gtk_widget_activate (more);
  show (fixture);
  g_assert_cmpstr (section_of (fixture, find_reminder_id (fixture, "Overdue 59")), ==, "Overdue");
  g_assert_null (section_of (fixture, find_reminder_id (fixture, "Overdue 60")));
  g_assert_nonnull (rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                           "Show 190 More Reminders"));
  g_assert_cmpint (count_reminder_rows (GTK_WIDGET (fixture->page)), ==, 70);

  /* "Show More" stays the last row when a row comes back after a change. */
  g_assert_true (rapport_store_complete_reminder (fixture->store,
                                                  find_reminder_id (fixture, "Overdue 5"),
                                                  fixture->now, NULL));
  show (fixture);
  g_assert_null (section_of (fixture, find_reminder_id (fixture, "Overdue 5")));
  g_assert_cmpstr (section_of (fixture, find_reminder_id (fixture, "Overdue 60")), ==, "Overdue");
  more = rapport_test_find_row (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW,
                                "Show 189 More Reminders");
  g_assert_nonnull (more);
  g_assert_null (more != NULL ? gtk_widget_get_next_sibling (more) : NULL);
}

static void
test_format_when (void)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) now = g_date_time_new (denver, 2026, 11, 24, 10, 0, 0);
  g_autoptr(GDateTime) today = g_date_time_new (denver, 2026, 11, 24, 12, 30, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_new (denver, 2026, 11, 25, 9, 0, 0);
  g_autoptr(GDateTime) thursday = g_date_time_new (denver, 2026, 11, 26, 12, 30, 0);
  g_autoptr(GDateTime) next_year = g_date_time_new (denver, 2027, 1, 7, 8, 5, 0);
  gint64 n = g_date_time_to_unix (now);
  char *text;

  text = rapport_reminder_row_format_when (g_date_time_to_unix (today), n);
  g_assert_cmpstr (text, ==, "Today 12:30");
  g_free (text);
  text = rapport_reminder_row_format_when (g_date_time_to_unix (tomorrow), n);
  g_assert_cmpstr (text, ==, "Tomorrow 09:00");
  g_free (text);
  text = rapport_reminder_row_format_when (g_date_time_to_unix (thursday), n);
  g_assert_cmpstr (text, ==, "Thu 26 Nov 12:30");
  g_free (text);
  text = rapport_reminder_row_format_when (g_date_time_to_unix (next_year), n);
  g_assert_cmpstr (text, ==, "Thu 7 Jan 2027 08:05");
  g_free (text);
}

static gboolean
match_menu_button (GtkWidget     *widget,
                   gconstpointer  tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* A row's menus are built when first opened, and then hold their items. */
static void
test_reminder_menus (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 id = add_reminder (fixture, "Return the parking pass", fixture->now - 60 * 60, NULL);
  GtkWidget *row, *snooze, *more;
  GtkPopover *popover;

  show (fixture);
  row = find_reminder_row (fixture, id);
  g_assert_nonnull (row);
  if (row == NULL)
    return;

  snooze = rapport_test_find_widget (row, match_menu_button, "Snooze");
  more = rapport_test_find_widget (row, match_menu_button, "More");
  g_assert_true (GTK_IS_MENU_BUTTON (snooze));
  g_assert_true (GTK_IS_MENU_BUTTON (more));
  if (!GTK_IS_MENU_BUTTON (snooze) || !GTK_IS_MENU_BUTTON (more))
    return;
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (snooze)));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  g_assert_true (gtk_widget_get_sensitive (snooze));

  gtk_menu_button_popup (GTK_MENU_BUTTON (snooze));
  show (fixture);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (snooze));
  g_assert_nonnull (popover);
  if (popover != NULL)
    {
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (popover), match_label_text,
                                                  "Tomorrow Morning"));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (snooze));
    }

  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  show (fixture);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (more));
  g_assert_nonnull (popover);
  if (popover != NULL)
    {
      g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (popover), match_label_text,
                                                  "Delete"));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
    }
  show (fixture);
}

static void
add_entry_at (Fixture *fixture,
              gint64   colleague_id,
              gint64   occurred_at)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE, occurred_at);
  rapport_interaction_set_colleague_ids (interaction, &colleague_id, 1);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
}

static void
assert_chart_says (GtkWidget  *chart,
                   const char *expected)
{
  g_autofree char *mismatch = NULL;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (mismatch);
}

/* "Last 12 Weeks": right after the current assignment, from the first colleague on (saying there
 * are no entries until the first one), following the journal as entries come and go. */
static void
test_activity (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportAssignment) assignment = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (fixture->now);
  g_autoptr(GDateTime) three_weeks_ago = g_date_time_add_weeks (now, -3);
  g_autoptr(GDateTime) thirteen_weeks_ago = g_date_time_add_weeks (now, -13);
  GtkWidget *chart;
  GtkWidget *group;
  GtkWidget *previous;
  GtkWidget *recent_row;
  RapportColleague *nell;
  gint64 nell_id;

  show (fixture);
  chart = rapport_test_find_by_type (GTK_WIDGET (fixture->page), RAPPORT_TYPE_ACTIVITY_CHART);
  g_assert_nonnull (chart);
  if (chart == NULL)
    return;

  group = gtk_widget_get_ancestor (chart, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Last 12 Weeks");
  previous = gtk_widget_get_prev_sibling (group);
  g_assert_true (ADW_IS_PREFERENCES_GROUP (previous));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (previous)), ==,
                   "Current Assignment");

  /* One colleague, no entry yet. */
  g_assert_true (gtk_widget_get_mapped (chart));
  assert_chart_says (chart, "No journal entries in the last 12 weeks.");

  nell = rapport_store_find_colleague (fixture->store, 1);
  g_assert_nonnull (nell);
  nell_id = rapport_colleague_get_id (nell);
  recent_row = find_row_in_group (fixture, "Recently Added", "Nell Newest");
  g_assert_nonnull (recent_row);

  /* This week and three weeks ago (on the calendar: the same weekday and time); one more than
   * twelve weeks ago is not shown. */
  add_entry_at (fixture, nell_id, fixture->now);
  add_entry_at (fixture, nell_id, g_date_time_to_unix (three_weeks_ago));
  add_entry_at (fixture, nell_id, g_date_time_to_unix (three_weeks_ago));
  add_entry_at (fixture, nell_id, g_date_time_to_unix (thirteen_weeks_ago));
  show (fixture);
  assert_chart_says (chart, "Last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1; "
                            "3 entries in all; 1 this week.");
  /* The chart changed; the other sections did not rebuild their rows. */
  g_assert_true (find_row_in_group (fixture, "Recently Added", "Nell Newest") == recent_row);

  /* Deleting an entry takes it off the chart. */
  {
    GPtrArray *entries = rapport_store_dup_colleague_interactions (fixture->store, nell_id, 1,
                                                                   &error);

    g_assert_no_error (error);
    g_assert_nonnull (entries);
    if (entries != NULL && entries->len == 1)
      g_assert_true (rapport_store_delete_interaction (fixture->store,
                                                       rapport_interaction_get_id (
                                                         g_ptr_array_index (entries, 0)),
                                                       &undo, &error));
    g_assert_no_error (error);
    g_clear_pointer (&entries, g_ptr_array_unref);
  }
  show (fixture);
  assert_chart_says (chart, "Last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0; "
                            "2 entries in all; 0 this week.");

  /* Without a colleague (an assignment keeps the overview) there is nothing to chart. */
  assignment = rapport_assignment_new ("St. Elsewhere");
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_delete_colleague (fixture->store, nell_id, NULL, &error));
  g_assert_no_error (error);
  show (fixture);
  g_assert_true (gtk_widget_get_mapped (group) == FALSE);
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_get_mapped (previous));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/rapport/today-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sections", test_sections);
  ADD ("show-more", test_show_more);
  ADD ("done", test_done);
  ADD ("snooze", test_snooze);
  ADD ("delete-undo", test_delete_undo);
  ADD ("reconnect", test_reconnect);
  ADD ("empty", test_empty);
  ADD ("welcome", test_welcome);
  ADD ("narrow-large-text", test_narrow_large_text);
  ADD ("keeps-rows", test_keeps_rows);
  ADD ("many", test_many);
  ADD ("reminder-menus", test_reminder_menus);
  ADD ("activity", test_activity);
  g_test_add_func ("/rapport/today-page/format-when", test_format_when);

#undef ADD

  return g_test_run ();
}
