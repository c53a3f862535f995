/* test-reminder-editor.c
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

#define G_LOG_DOMAIN "rapport-test-reminder-editor"

#include "config.h"

#include "rapport-reminder-editor.h"
#include "rapport-test-editor-utils.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
  GtkWindow       *window;
  gint64           ada;
  gint64           assignment;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -3);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 30);
  g_autofree char *starts_on = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *ends_on = g_date_time_format (end, "%Y-%m-%d");
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Mercy General");
  g_autoptr(RapportAssignment) old = rapport_assignment_new ("Bygone Clinic");
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague;

  fixture->dir = rapport_test_make_tmp_dir ("reminder-editor");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);

  colleague = rapport_test_add_colleague (fixture->store, "name", "Zed Young", NULL);
  g_assert_nonnull (colleague);
  colleague = rapport_test_add_colleague (fixture->store, "name", "Ada Lovelace", NULL);
  g_assert_nonnull (colleague);
  fixture->ada = rapport_colleague_get_id (colleague);

  rapport_assignment_set_tz (old, "America/Denver");
  rapport_assignment_set_starts_on (old, "2020-01-06");
  rapport_assignment_set_ends_on (old, "2020-03-27");
  g_assert_true (rapport_store_add_assignment (fixture->store, old, &error));
  g_assert_no_error (error);
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  fixture->assignment = rapport_assignment_get_id (assignment);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  rapport_test_iterate ();
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static RapportReminderEditor *
open_editor (Fixture         *fixture,
             RapportReminder *reminder,
             gint64           colleague_id)
{
  RapportReminderEditor *editor = rapport_reminder_editor_new (fixture->window, fixture->store,
                                                               reminder, colleague_id);

  gtk_window_present (GTK_WINDOW (editor));
  rapport_test_iterate ();

  return editor;
}

static void
close_editor (RapportReminderEditor *editor)
{
  gpointer weak = editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (editor), &weak);
}

static GtkEditable *
entry (RapportReminderEditor *editor,
       const char            *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static AdwComboRow *
combo (RapportReminderEditor *editor,
       const char            *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static const char *
combo_text (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static GtkWidget *
confirm_button (RapportReminderEditor *editor,
                const char            *label)
{
  GtkWidget *button = rapport_test_find_button (GTK_WIDGET (editor), label);

  g_assert_nonnull (button);
  return button;
}

static gboolean
match_label_prefix (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static RapportReminder *
only_reminder (Fixture *fixture)
{
  GListModel *reminders = rapport_store_get_reminders (fixture->store);
  g_autoptr(RapportReminder) reminder = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (reminders), ==, 1);
  if (g_list_model_get_n_items (reminders) != 1)
    return NULL;

  reminder = g_list_model_get_item (reminders, 0);
  return reminder;   /* the model keeps it alive */
}

static void
saved_cb (RapportReminderEditor *editor,
          RapportReminder       *reminder,
          gint64                *saved_id)
{
  *saved_id = rapport_reminder_get_id (reminder);
}

/* Fills in a reminder on 2026-11-26 (a Thursday) at 12:30 with the given repeat. */
static void
fill (RapportReminderEditor *editor,
      const char            *title,
      guint                  repeat)
{
  gtk_editable_set_text (entry (editor, "Title"), title);
  gtk_editable_set_text (entry (editor, "Date"), "2026-11-26");
  gtk_editable_set_text (entry (editor, "Time"), "12:30");
  adw_combo_row_set_selected (combo (editor, "Repeat"), repeat);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autoptr(RapportReminder) defaults = rapport_reminder_new ("", 0);
  RapportReminderEditor *editor = open_editor (fixture, NULL, fixture->ada);
  GtkWidget *add;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Reminder");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  add = confirm_button (editor, "Add");
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Title")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Date")), ==, date);
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Time")), ==, "09:00");
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Time Zone")), ==,
                   rapport_reminder_get_tz (defaults));
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Time Zone")), ==, "America/Denver");
  g_assert_cmpstr (combo_text (combo (editor, "Repeat")), ==, "Never");
  /* The colleague it was opened for, and the current assignment. */
  g_assert_cmpstr (combo_text (combo (editor, "Colleague")), ==, "Ada Lovelace");
  g_assert_cmpstr (combo_text (combo (editor, "Assignment")), ==, "Mercy General");
  /* "Every" and the weekdays only matter when it repeats. */
  g_assert_false (gtk_widget_get_visible (rapport_test_find_row (GTK_WIDGET (editor),
                                                                 ADW_TYPE_ACTION_ROW, "Every")));
  g_assert_false (gtk_widget_get_sensitive (add));

  close_editor (editor);

  /* Without a colleague: None, then everyone by name. */
  editor = open_editor (fixture, NULL, 0);
  {
    GListModel *model = adw_combo_row_get_model (combo (editor, "Colleague"));

    g_assert_cmpstr (combo_text (combo (editor, "Colleague")), ==, "None");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Ada Lovelace");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, "Zed Young");
  }
  close_editor (editor);
}

static void
test_title_required (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RapportReminderEditor *editor = open_editor (fixture, NULL, 0);
  GtkWidget *add = confirm_button (editor, "Add");

  g_assert_false (gtk_widget_get_sensitive (add));
  /* Enter does nothing while the title is missing. */
  g_signal_emit_by_name (entry (editor, "Title"), "entry-activated");
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==, 0);

  gtk_editable_set_text (entry (editor, "Title"), "Send the article");
  g_assert_true (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (entry (editor, "Title"), "   ");
  g_assert_false (gtk_widget_get_sensitive (add));

  /* Bad dates, times and zones stop it too. */
  gtk_editable_set_text (entry (editor, "Title"), "Send the article");
  gtk_editable_set_text (entry (editor, "Date"), "2026-02-30");
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (entry (editor, "Date"), "2026-02-28");
  gtk_editable_set_text (entry (editor, "Time"), "24:10");
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (entry (editor, "Time"), "7:05");
  gtk_editable_set_text (entry (editor, "Time Zone"), "Mars/Olympus_Mons");
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix,
                                              "That is not a time zone"));
  gtk_editable_set_text (entry (editor, "Time Zone"), "Europe/Paris");
  g_assert_true (gtk_widget_get_sensitive (add));

  /* Enter saves once it is valid. */
  g_signal_emit_by_name (entry (editor, "Title"), "entry-activated");
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==, 1);
}

static void
test_escape_cancels (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RapportReminderEditor *editor = open_editor (fixture, NULL, 0);
  gpointer weak = editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_editable_set_text (entry (editor, "Title"), "Never saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==, 0);
}

static void
test_rrules (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const struct {
    guint       repeat;
    guint       every;
    const char *extra_day;   /* a weekday toggle to press besides the date's own */
    const char *rrule;
  } cases[] = {
    { 0, 1, NULL, "" },
    { 1, 1, NULL, "FREQ=DAILY" },
    { 1, 3, NULL, "FREQ=DAILY;INTERVAL=3" },
    { 2, 2, "Mon", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH" },
    { 2, 1, NULL, "FREQ=WEEKLY;BYDAY=TH" },
    { 3, 1, NULL, "FREQ=MONTHLY;BYMONTHDAY=26" },
    { 4, 1, NULL, "FREQ=MONTHLY;BYDAY=4TH" },
    { 5, 1, NULL, "FREQ=YEARLY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RapportReminderEditor *editor = open_editor (fixture, NULL, 0);
      g_autofree char *title = g_strdup_printf ("Rule %u", i);
      GListModel *reminders = rapport_store_get_reminders (fixture->store);
      g_autoptr(RapportReminder) saved = NULL;
      GtkWidget *spin;

      fill (editor, title, cases[i].repeat);
      spin = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON);
      g_assert_nonnull (spin);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), cases[i].every);
      if (cases[i].extra_day != NULL)
        {
          GtkWidget *toggle = rapport_test_find_button (GTK_WIDGET (editor), cases[i].extra_day);

          g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
          g_assert_true (gtk_widget_get_mapped (toggle));
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
        }
      if (cases[i].repeat == 2)
        {
          /* The chosen date's weekday is ticked for a start. */
          GtkWidget *thursday = rapport_test_find_button (GTK_WIDGET (editor), "Thu");

          g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (thursday)));
        }

      g_signal_emit_by_name (confirm_button (editor, "Add"), "clicked");
      rapport_test_iterate ();

      g_assert_cmpuint (g_list_model_get_n_items (reminders), ==, i + 1);
      saved = g_list_model_get_item (reminders, i);
      g_assert_cmpstr (rapport_reminder_get_title (saved), ==, title);
      g_assert_cmpstr (rapport_reminder_get_rrule (saved), ==, cases[i].rrule);
    }
}

static void
test_unit_and_weekdays (Fixture       *fixture,
                        gconstpointer  user_data)
{
  RapportReminderEditor *editor = open_editor (fixture, NULL, 0);
  GtkWidget *spin, *thursday, *add;

  fill (editor, "Peer support", 2);
  spin = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON);
  g_assert_true (gtk_widget_get_mapped (spin));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix, "week"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3);
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix, "weeks"));
  adw_combo_row_set_selected (combo (editor, "Repeat"), 5);
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix, "years"));
  adw_combo_row_set_selected (combo (editor, "Repeat"), 2);

  /* No weekday: nothing to repeat on, so it cannot be saved. */
  add = confirm_button (editor, "Add");
  thursday = rapport_test_find_button (GTK_WIDGET (editor), "Thu");
  g_assert_true (gtk_widget_get_sensitive (add));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (thursday), FALSE);
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (thursday), TRUE);
  g_assert_true (gtk_widget_get_sensitive (add));

  close_editor (editor);
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 40);
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (later),
                                                      g_date_time_get_month (later),
                                                      g_date_time_get_day_of_month (later),
                                                      12, 30, 0);
  g_autoptr(GDateTime) second = g_date_time_add_weeks (first, 1);
  g_autofree char *date = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *a = g_date_time_format (first, "%A %-d %B, %H:%M");
  g_autofree char *b = g_date_time_format (second, "%A %-d %B, %H:%M");
  g_autofree char *expected = g_strdup_printf ("Next: %s, then %s", a, b);
  g_autofree char *weekday = g_date_time_format (first, "%A");
  g_autofree char *description = g_strdup_printf ("Weekly on %s", weekday);
  RapportReminderEditor *editor = open_editor (fixture, NULL, 0);
  GtkWidget *label;

  gtk_editable_set_text (entry (editor, "Title"), "Peer support");
  gtk_editable_set_text (entry (editor, "Date"), date);
  gtk_editable_set_text (entry (editor, "Time"), "12:30");

  /* A one-off has nothing to preview. */
  g_assert_null (rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix, "Next:"));

  adw_combo_row_set_selected (combo (editor, "Repeat"), 2);
  label = rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix, "Next:");
  g_assert_nonnull (label);
  if (label != NULL)
    {
      g_assert_true (gtk_widget_get_mapped (label));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
    }
  /* The description is the recurrence's own, whatever its wording. */
  {
    RapportRecurrence rule = { RAPPORT_RECURRENCE_WEEKLY, 1,
                               1 << (g_date_time_get_day_of_week (first) - 1), 0, 0, 0 };
    g_autofree char *text = rapport_recurrence_dup_description (&rule);

    g_test_message ("description: %s (expected something like %s)", text, description);
    g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (editor), match_label_prefix, text));
  }

  close_editor (editor);
}

static void
test_save_zone (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) in_tokyo = g_date_time_new (tokyo, 2026, 11, 26, 12, 30, 0);
  g_autoptr(GDateTime) in_denver = g_date_time_new (denver, 2026, 11, 26, 12, 30, 0);
  RapportReminderEditor *editor = open_editor (fixture, NULL, fixture->ada);
  GtkTextBuffer *buffer;
  RapportReminder *saved;
  gint64 saved_id = 0;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  fill (editor, "Call after her boards", 0);
  gtk_editable_set_text (entry (editor, "Time Zone"), "Asia/Tokyo");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (rapport_test_find_by_type (GTK_WIDGET (editor),
                                                                               GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "Ask how it went.\n", -1);
  g_signal_emit_by_name (confirm_button (editor, "Add"), "clicked");
  rapport_test_iterate ();

  saved = only_reminder (fixture);
  g_assert_nonnull (saved);
  if (saved == NULL)
    return;
  g_assert_cmpint (saved_id, ==, rapport_reminder_get_id (saved));
  g_assert_cmpint (rapport_reminder_get_due_at (saved), ==, g_date_time_to_unix (in_tokyo));
  g_assert_cmpint (rapport_reminder_get_due_at (saved), !=, g_date_time_to_unix (in_denver));
  g_assert_cmpstr (rapport_reminder_get_tz (saved), ==, "Asia/Tokyo");
  g_assert_cmpstr (rapport_reminder_get_notes (saved), ==, "Ask how it went.");
  g_assert_cmpint (rapport_reminder_get_colleague_id (saved), ==, fixture->ada);
  g_assert_cmpint (rapport_reminder_get_assignment_id (saved), ==, fixture->assignment);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) due = g_date_time_new (denver, 2026, 12, 3, 12, 30, 0);
  g_autoptr(GDateTime) moved = g_date_time_new (denver, 2026, 12, 4, 8, 15, 0);
  g_autoptr(RapportReminder) reminder = rapport_reminder_new ("Peer support",
                                                              g_date_time_to_unix (due));
  g_autoptr(GError) error = NULL;
  RapportReminderEditor *editor;
  RapportReminder *item;
  GtkWidget *save, *spin;
  gint64 saved_id = 0;

  rapport_reminder_set_tz (reminder, "America/Denver");
  rapport_reminder_set_rrule (reminder, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH");
  rapport_reminder_set_colleague_id (reminder, fixture->ada);
  rapport_reminder_set_notes (reminder, "Bring the handouts");
  g_assert_true (rapport_store_add_reminder (fixture->store, reminder, &error));
  g_assert_no_error (error);
  item = rapport_store_find_reminder (fixture->store, rapport_reminder_get_id (reminder));
  g_assert_nonnull (item);

  editor = open_editor (fixture, item, 0);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Reminder");
  save = confirm_button (editor, "Save");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Title")), ==, "Peer support");
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Date")), ==, "2026-12-03");
  g_assert_cmpstr (gtk_editable_get_text (entry (editor, "Time")), ==, "12:30");
  g_assert_cmpstr (combo_text (combo (editor, "Repeat")), ==, "Weekly");
  g_assert_cmpstr (combo_text (combo (editor, "Colleague")), ==, "Ada Lovelace");
  g_assert_cmpstr (combo_text (combo (editor, "Assignment")), ==, "None");
  spin = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 2);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    rapport_test_find_button (GTK_WIDGET (editor), "Mon"))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    rapport_test_find_button (GTK_WIDGET (editor), "Thu"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    rapport_test_find_button (GTK_WIDGET (editor), "Fri"))));

  /* A new date does not undo the days chosen. */
  gtk_editable_set_text (entry (editor, "Title"), "Peer support group");
  gtk_editable_set_text (entry (editor, "Date"), "2026-12-04");
  gtk_editable_set_text (entry (editor, "Time"), "08:15");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    rapport_test_find_button (GTK_WIDGET (editor), "Fri"))));
  g_signal_emit_by_name (save, "clicked");
  rapport_test_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==, 1);
  g_assert_cmpint (saved_id, ==, rapport_reminder_get_id (item));
  /* The store's own item changed in place. */
  g_assert_true (rapport_store_find_reminder (fixture->store, saved_id) == item);
  g_assert_cmpstr (rapport_reminder_get_title (item), ==, "Peer support group");
  g_assert_cmpint (rapport_reminder_get_due_at (item), ==, g_date_time_to_unix (moved));
  g_assert_cmpstr (rapport_reminder_get_rrule (item), ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH");
  g_assert_cmpstr (rapport_reminder_get_notes (item), ==, "Bring the handouts");
}

static void
test_labelled (Fixture       *fixture,
               gconstpointer  user_data)
{
  RapportReminderEditor *editor = open_editor (fixture, NULL, 0);
  const char *titles[] = { "Title", "Date", "Time", "Time Zone" };

  /* Each field's text box carries the row's title for screen readers. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (entry (editor, titles[i]));

      g_assert_nonnull (delegate);
      g_assert_true (GTK_IS_TEXT (delegate));
    }

  /* Seven weekday toggles, Monday first, each with the full name as tooltip. */
  {
    const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    const char *names[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                            "Sunday" };

    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      {
        GtkWidget *toggle = rapport_test_find_button (GTK_WIDGET (editor), days[i]);

        g_assert_nonnull (toggle);
        if (toggle != NULL)
          g_assert_cmpstr (gtk_widget_get_tooltip_text (toggle), ==, names[i]);
      }
  }

  close_editor (editor);
}

/* Hostile input: this editor as the cases shared in rapport-test-editor-utils.c drive it. */

static GtkWidget *
reminder_open (gpointer  data,
               GObject  *item)
{
  Fixture *fixture = data;
  RapportReminderEditor *editor = rapport_reminder_editor_new (NULL, fixture->store,
                                                               (RapportReminder *) item, 0);

  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static void
reminder_fill (GtkWidget *editor)
{
  rapport_test_set_row (editor, "Title", "Call Ada after her boards");
}

static GListModel *
reminder_items (gpointer data)
{
  Fixture *fixture = data;

  return rapport_store_get_reminders (fixture->store);
}

static gpointer
reminder_new_item (gpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return rapport_reminder_new ("Call Ada", g_date_time_to_unix (now) + 86400);
}

static gboolean
reminder_validate (gpointer  item,
                   GError  **error)
{
  return rapport_reminder_validate (item, error);
}

static const RapportTestHostileEditor reminder_title = {
  reminder_open, reminder_fill, reminder_items, reminder_new_item, reminder_validate,
  "Title", "title", "notes",
};

static void
test_hostile_notes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  rapport_test_hostile_notes (&reminder_title, fixture);
}

static void
test_hostile_long_line (Fixture       *fixture,
                        gconstpointer  user_data)
{
  rapport_test_hostile_long_line (&reminder_title, fixture);
}

static void
test_hostile_direction (Fixture       *fixture,
                        gconstpointer  user_data)
{
  rapport_test_hostile_direction (&reminder_title, fixture);
}

static void
test_hostile_line_break (Fixture       *fixture,
                         gconstpointer  user_data)
{
  rapport_test_hostile_line_break (&reminder_title, fixture);
}

static void
test_hostile_error_announced (Fixture       *fixture,
                              gconstpointer  user_data)
{
  rapport_test_hostile_error_announced (&reminder_title, fixture);
}

/* A time zone that is a pasted megabyte is not one: checked as typed, without a freeze. */
static void
test_hostile_time_zone (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *huge = rapport_test_make_text (1024 * 1024, FALSE);
  GtkWidget *editor = NULL;
  gint64 start;

  rapport_test_hostile_open (&reminder_title, fixture, NULL, &editor);
  rapport_test_iterate ();
  reminder_fill (editor);
  start = g_get_monotonic_time ();
  rapport_test_set_row (editor, "Time Zone", huge);
  g_test_message ("time zone of 1 MB checked in %.0f ms", rapport_test_elapsed_ms (start));
  g_assert_cmpfloat (rapport_test_elapsed_ms (start), <, 1000);
  g_assert_false (gtk_widget_get_sensitive (gtk_window_get_default_widget (GTK_WINDOW (editor))));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==, 0);
  rapport_test_hostile_close (&editor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/rapport/reminder-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("defaults", test_defaults);
  ADD ("title-required", test_title_required);
  ADD ("escape-cancels", test_escape_cancels);
  ADD ("rrules", test_rrules);
  ADD ("unit-and-weekdays", test_unit_and_weekdays);
  ADD ("preview", test_preview);
  ADD ("save-zone", test_save_zone);
  ADD ("edit", test_edit);
  ADD ("labelled", test_labelled);
  ADD ("hostile-notes", test_hostile_notes);
  ADD ("hostile-long-line", test_hostile_long_line);
  ADD ("hostile-direction", test_hostile_direction);
  ADD ("hostile-line-break", test_hostile_line_break);
  ADD ("hostile-error-announced", test_hostile_error_announced);
  ADD ("hostile-time-zone", test_hostile_time_zone);

#undef ADD

  return g_test_run ();
}
