/* test-close-out-dialog.c
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

#define G_LOG_DOMAIN "rapport-test-close-out-dialog"

#include "config.h"

#include <string.h>

#include "rapport-close-out-dialog.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-vcard-export-dialog.h"

/* Closing out an assignment in one window. The tests run with TZ=America/Denver, the zone the
 * check-ins are planned in. */

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
  GtkWindow       *window;
  GPtrArray       *toasts;
  gint64           mercy;       /* ended 2027-02-20: Ada, Bea, Cy and archived Eve */
  gint64           lakeside;    /* no colleagues, no end date */
  gint64           open_ended;  /* Dee, no end date */
  gint64           ada, bea, cy, dee, eve;
} Fixture;

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *unit,
                const char *starts_on,
                const char *ends_on)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);
  g_autoptr(GError) error = NULL;

  rapport_assignment_set_unit (assignment, unit);
  rapport_assignment_set_tz (assignment, "America/Chicago");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static gint64
add_linked_colleague (Fixture    *fixture,
                      const char *name,
                      gint64      assignment_id)
{
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague = rapport_test_add_colleague (fixture->store, "name", name,
                                                            "role", "RN", NULL);
  gint64 id = rapport_colleague_get_id (colleague);

  if (assignment_id != 0)
    {
      g_assert_true (rapport_store_link_colleague (fixture->store, id, assignment_id, "",
                                                   &error));
      g_assert_no_error (error);
    }

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(RapportColleague) archived = NULL;
  g_autoptr(RapportTip) tip = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rapport_test_make_tmp_dir ("close-out-dialog");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->mercy = add_assignment (fixture, "Mercy Hospital", "ICU", "2026-11-23", "2027-02-20");
  fixture->lakeside = add_assignment (fixture, "Lakeside Clinic", "", "2026-01-05", "");
  fixture->open_ended = add_assignment (fixture, "Open Door Clinic", "", "2026-06-01", "");

  /* Added out of name order: the dialog sorts them. */
  fixture->cy = add_linked_colleague (fixture, "Cy Archer", fixture->mercy);
  fixture->ada = add_linked_colleague (fixture, "Ada Okafor", fixture->mercy);
  fixture->bea = add_linked_colleague (fixture, "Bea Young", fixture->mercy);
  fixture->dee = add_linked_colleague (fixture, "Dee Nguyen", fixture->open_ended);
  fixture->eve = add_linked_colleague (fixture, "Eve Park", fixture->mercy);
  add_linked_colleague (fixture, "Finn Unlinked", 0);

  archived = rapport_colleague_dup (rapport_store_find_colleague (fixture->store, fixture->eve));
  rapport_colleague_set_archived (archived, TRUE);
  g_assert_true (rapport_store_update_colleague (fixture->store, archived, &error));
  g_assert_no_error (error);

  tip = rapport_tip_new (fixture->mercy, RAPPORT_TIP_CATEGORY_COFFEE, "Bean There");
  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
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
  gtk_window_destroy (fixture->window);
  rapport_test_iterate ();
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
add_toast_cb (GtkWidget *dialog,
              AdwToast  *toast,
              Fixture   *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static RapportCloseOutDialog *
open_dialog (Fixture *fixture,
             gint64   assignment_id)
{
  RapportCloseOutDialog *dialog = rapport_close_out_dialog_new (fixture->store, fixture->window,
                                                                assignment_id);

  g_signal_connect (dialog, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_test_wait_ms (50);

  return dialog;
}

static void
close_dialog (RapportCloseOutDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label (RapportCloseOutDialog *dialog,
            const char            *text)
{
  return rapport_test_find_widget (GTK_WIDGET (dialog), is_mapped_label, text);
}

static gboolean
is_group (GtkWidget     *widget,
          gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static GtkEditable *
entry (RapportCloseOutDialog *dialog,
       const char            *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

/* The check button of a colleague's row; NULL when the colleague has no row. */
static GtkCheckButton *
colleague_check (RapportCloseOutDialog *dialog,
                 const char            *name)
{
  GtkWidget *group = rapport_test_find_widget (GTK_WIDGET (dialog), is_group, "Stay in Touch");
  GtkWidget *row;

  g_assert_nonnull (group);
  row = rapport_test_find_row (group, ADW_TYPE_ACTION_ROW, name);
  if (row == NULL)
    return NULL;

  return GTK_CHECK_BUTTON (rapport_test_find_by_type (row, GTK_TYPE_CHECK_BUTTON));
}

static GtkWidget *
add_button (RapportCloseOutDialog *dialog)
{
  GtkWidget *button = rapport_test_find_button (GTK_WIDGET (dialog), "Add Check-Ins");

  g_assert_nonnull (button);
  return button;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "title@due" in UTC, sorted, comma-separated: the store's reminders. */
static char *
dump_reminders (Fixture *fixture)
{
  GListModel *model = rapport_store_get_reminders (fixture->store);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (model, i);
      gint64 due_at = rapport_reminder_get_due_at (reminder);
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_utc (due_at);
      g_autofree char *when = g_date_time_format (due, "%Y-%m-%dT%H:%MZ");

      g_ptr_array_add (lines, g_strdup_printf ("%s@%s", rapport_reminder_get_title (reminder),
                                               when));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv (", ", (char **) lines->pdata);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  const char *names[] = { "Ada Okafor", "Bea Young", "Cy Archer" };

  /* The assignment shows in the header, never in the window's title. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Close Out");
  g_assert_nonnull (find_label (dialog, "Mercy Hospital · ICU"));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);

  /* The three sections. */
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (dialog), is_group,
                                              "Take Your Contacts Along"));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (dialog), is_group,
                                              "Leave a Guide for the Next Locum"));
  g_assert_nonnull (rapport_test_find_button (GTK_WIDGET (dialog), "Export Contacts…"));
  g_assert_nonnull (rapport_test_find_button (GTK_WIDGET (dialog), "Export Site Guide…"));
  g_assert_nonnull (find_label (dialog, "3 colleagues from this assignment, as a vCard file"));
  g_assert_nonnull (find_label (dialog, "1 tip, as a web page or Markdown file"));

  /* Everyone met there, ticked; archived and unlinked colleagues are not offered. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkCheckButton *check = colleague_check (dialog, names[i]);

      g_assert_nonnull (check);
      if (check != NULL)
        g_assert_true (gtk_check_button_get_active (check));
    }
  g_assert_null (colleague_check (dialog, "Eve Park"));
  g_assert_null (colleague_check (dialog, "Dee Nguyen"));
  g_assert_null (colleague_check (dialog, "Finn Unlinked"));

  /* Two weeks and three months after the end, at nine. */
  g_assert_cmpstr (gtk_editable_get_text (entry (dialog, "First Check-In")), ==, "2027-03-06");
  g_assert_cmpstr (gtk_editable_get_text (entry (dialog, "Second Check-In")), ==, "2027-05-20");
  g_assert_cmpstr (gtk_editable_get_text (entry (dialog, "Time")), ==, "09:00");
  g_assert_nonnull (find_label (dialog, "6 check-ins will be added"));
  g_assert_nonnull (find_label (dialog, "Dates: YYYY-MM-DD. Time: HH:MM, 24-hour, in the "
                                        "America/Denver time zone."));
  g_assert_true (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_true (gtk_widget_has_css_class (add_button (dialog), "suggested-action"));
  g_assert_null (find_label (dialog, "No colleague is linked to this assignment, so there is no "
                                     "one to plan check-ins with. Add the colleagues you met on "
                                     "the assignment’s page first."));

  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    0);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  GListModel *model = rapport_store_get_reminders (fixture->store);
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;
  gpointer weak = dialog;

  /* Bea is left out; the second date and the time change. */
  gtk_check_button_set_active (colleague_check (dialog, "Bea Young"), FALSE);
  rapport_test_wait_ms (20);
  g_assert_nonnull (find_label (dialog, "4 check-ins will be added"));
  gtk_editable_set_text (entry (dialog, "Second Check-In"), "2027-06-01");
  gtk_editable_set_text (entry (dialog, "Time"), "9:30");
  g_assert_true (gtk_widget_get_sensitive (add_button (dialog)));

  /* 09:30 in Denver: UTC-7 before the change to daylight time on 14 March, UTC-6 after. */
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (add_button (dialog), "clicked");
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  dump = dump_reminders (fixture);
  expected = g_strdup ("Check in with Ada Okafor@2027-03-06T16:30Z, "
                       "Check in with Ada Okafor@2027-06-01T15:30Z, "
                       "Check in with Cy Archer@2027-03-06T16:30Z, "
                       "Check in with Cy Archer@2027-06-01T15:30Z");
  g_assert_cmpstr (dump, ==, expected);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (model, i);

      g_assert_cmpint (rapport_reminder_get_id (reminder), >, 0);
      g_assert_cmpint (rapport_reminder_get_assignment_id (reminder), ==, fixture->mercy);
      g_assert_true (rapport_reminder_get_colleague_id (reminder) == fixture->ada ||
                     rapport_reminder_get_colleague_id (reminder) == fixture->cy);
      g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "America/Denver");
      g_assert_cmpstr (rapport_reminder_get_notes (reminder), ==,
                       "After your assignment at Mercy Hospital · ICU");
    }

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len == 1)
    g_assert_cmpstr (adw_toast_get_title (fixture->toasts->pdata[0]), ==, "Added 4 check-ins");
}

/* The defaults as they are: every colleague on both dates, and 09:00 on each side of the change
 * to daylight time. */
static void
test_add_defaults (Fixture       *fixture,
                   gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  g_autofree char *dump = NULL;
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (add_button (dialog), "clicked");
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));

  dump = dump_reminders (fixture);
  g_assert_cmpstr (dump, ==,
                   "Check in with Ada Okafor@2027-03-06T16:00Z, "
                   "Check in with Ada Okafor@2027-05-20T15:00Z, "
                   "Check in with Bea Young@2027-03-06T16:00Z, "
                   "Check in with Bea Young@2027-05-20T15:00Z, "
                   "Check in with Cy Archer@2027-03-06T16:00Z, "
                   "Check in with Cy Archer@2027-05-20T15:00Z");
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len == 1)
    g_assert_cmpstr (adw_toast_get_title (fixture->toasts->pdata[0]), ==, "Added 6 check-ins");
}

/* Add Check-Ins waits for someone to check in with and for dates that are days. */
static void
test_insensitive (Fixture       *fixture,
                  gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  const char *names[] = { "Ada Okafor", "Bea Young", "Cy Archer" };
  GtkWidget *row;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_check_button_set_active (colleague_check (dialog, names[i]), FALSE);
  rapport_test_wait_ms (20);
  g_assert_false (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_nonnull (find_label (dialog, "No check-ins will be added: tick at least one "
                                        "colleague."));

  /* Pressing it anyway (Enter in a field) adds nothing. */
  g_signal_emit_by_name (entry (dialog, "Time"), "entry-activated");
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    0);

  gtk_check_button_set_active (colleague_check (dialog, "Ada Okafor"), TRUE);
  rapport_test_wait_ms (20);
  g_assert_true (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_nonnull (find_label (dialog, "2 check-ins will be added"));

  /* A date that is not a day of the calendar. */
  gtk_editable_set_text (entry (dialog, "First Check-In"), "2027-02-30");
  g_assert_false (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_nonnull (find_label (dialog, "That date is not a day of the calendar: write it as "
                                        "YYYY-MM-DD."));
  row = GTK_WIDGET (entry (dialog, "First Check-In"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  gtk_editable_set_text (entry (dialog, "First Check-In"), "2027-03-01");
  g_assert_true (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Nor a time that is not a time. */
  gtk_editable_set_text (entry (dialog, "Time"), "25:00");
  g_assert_false (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_nonnull (find_label (dialog, "That time is not a time of day: write it as HH:MM, from "
                                        "00:00 to 23:59."));

  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    0);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
}

static void
test_no_colleagues (Fixture       *fixture,
                    gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->lakeside);
  GtkWidget *when;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Close Out");
  g_assert_nonnull (find_label (dialog, "Lakeside Clinic"));
  g_assert_nonnull (find_label (dialog, "No colleague is linked to this assignment, so there is "
                                        "no one to plan check-ins with. Add the colleagues you "
                                        "met on the assignment’s page first."));
  g_assert_null (rapport_test_find_by_type (rapport_test_find_widget (GTK_WIDGET (dialog),
                                                                      is_group, "Stay in Touch"),
                                            GTK_TYPE_CHECK_BUTTON));
  when = rapport_test_find_widget (GTK_WIDGET (dialog), is_group, "When");
  g_assert_nonnull (when);
  g_assert_false (gtk_widget_get_mapped (when));
  g_assert_false (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_nonnull (find_label (dialog, "0 colleagues from this assignment, as a vCard file"));

  close_dialog (dialog);
}

/* Without an end date the dates start empty and must be filled in. */
static void
test_no_end_date (Fixture       *fixture,
                  gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->open_ended);
  g_autofree char *dump = NULL;
  gpointer weak = dialog;

  g_assert_cmpstr (gtk_editable_get_text (entry (dialog, "First Check-In")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (entry (dialog, "Second Check-In")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (entry (dialog, "Time")), ==, "09:00");
  g_assert_false (gtk_widget_get_sensitive (add_button (dialog)));
  g_assert_nonnull (find_label (dialog, "Enter both dates as YYYY-MM-DD, like 2026-03-14."));

  gtk_editable_set_text (entry (dialog, "First Check-In"), "2027-01-10");
  g_assert_false (gtk_widget_get_sensitive (add_button (dialog)));
  gtk_editable_set_text (entry (dialog, "Second Check-In"), "2027-04-10");
  g_assert_true (gtk_widget_get_sensitive (add_button (dialog)));

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (add_button (dialog), "clicked");
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));

  dump = dump_reminders (fixture);
  g_assert_cmpstr (dump, ==,
                   "Check in with Dee Nguyen@2027-01-10T16:00Z, "
                   "Check in with Dee Nguyen@2027-04-10T15:00Z");
}

/* Export Contacts… opens the vCard dialog on this assignment, over this one, and its toast
 * comes through this dialog. */
static void
test_export_contacts (Fixture       *fixture,
                      gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  g_autofree char *path = g_build_filename (fixture->dir, "mercy.vcf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  RapportVCardExportDialog *export = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_signal_emit_by_name (rapport_test_find_button (GTK_WIDGET (dialog), "Export Contacts…"),
                         "clicked");
  rapport_test_wait_ms (50);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (RAPPORT_IS_VCARD_EXPORT_DIALOG (window))
        export = RAPPORT_VCARD_EXPORT_DIALOG (window);
    }
  g_assert_nonnull (export);
  if (export == NULL)
    return;

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (export)) == GTK_WINDOW (dialog));
  g_assert_true (rapport_vcard_export_dialog_export_to (export, path, &error));
  g_assert_no_error (error);
  rapport_test_wait_ms (50);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Ada Okafor"));
  g_assert_nonnull (strstr (contents, "Cy Archer"));
  g_assert_null (strstr (contents, "Dee Nguyen"));
  g_assert_null (strstr (contents, "Eve Park"));

  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len == 1)
    g_assert_cmpstr (adw_toast_get_title (fixture->toasts->pdata[0]), ==,
                     "Exported 3 colleagues");

  /* The close-out dialog stays for the rest. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  close_dialog (dialog);
}

/* Export Site Guide… warns first, as the assignments page does; the export itself writes the
 * guide and toasts through this dialog. */
static void
test_export_guide (Fixture       *fixture,
                   gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  g_autofree char *path = g_build_filename (fixture->dir, "guide.html", NULL);
  g_autofree char *contents = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *warning = NULL;

  g_signal_emit_by_name (rapport_test_find_button (GTK_WIDGET (dialog), "Export Site Guide…"),
                         "clicked");
  rapport_test_wait_ms (50);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        warning = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (warning);
  if (warning != NULL)
    {
      g_assert_cmpstr (adw_message_dialog_get_heading (warning), ==, "Export Site Guide?");
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (warning)) == GTK_WINDOW (dialog));
      adw_message_dialog_response (warning, "cancel");
      rapport_test_wait_ms (50);
    }
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "close-out.export-guide-to",
                                             "s", path));
  rapport_test_wait_ms (50);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Bean There"));
  g_assert_null (strstr (contents, "Ada Okafor"));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  if (fixture->toasts->len == 1)
    g_assert_cmpstr (adw_toast_get_title (fixture->toasts->pdata[0]), ==, "Site guide saved");

  close_dialog (dialog);
}

static void
test_escape_closes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    0);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      return label != NULL && *label != '\0';
    }

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      return title != NULL && *title != '\0';
    }

  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GPtrArray *unnamed,
                 guint     *n_controls)
{
  if (GTK_IS_POPOVER (widget) || GTK_IS_WINDOW_CONTROLS (widget))
    return;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TEXT (widget) ||
       (ADW_IS_ACTION_ROW (widget) &&
        gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))) &&
      gtk_widget_get_visible (widget))
    {
      (*n_controls)++;
      if (!has_accessible_name (widget))
        g_ptr_array_add (unnamed, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_controls);
}

static void
test_labelled (Fixture       *fixture,
               gconstpointer  user_data)
{
  RapportCloseOutDialog *dialog = open_dialog (fixture, fixture->mercy);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();
  guint n_controls = 0;
  const char *fields[] = { "First Check-In", "Second Check-In", "Time" };

  collect_unnamed (GTK_WIDGET (dialog), unnamed, &n_controls);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("Unnamed %s", G_OBJECT_TYPE_NAME (unnamed->pdata[i]));
  g_assert_cmpuint (unnamed->len, ==, 0);
  /* Cancel, Add, two exports, three colleagues, three fields at least. */
  g_assert_cmpuint (n_controls, >=, 10);

  /* Each field's text box carries the row's title, not only the floating label. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (entry (dialog, fields[i]));

      g_assert_nonnull (delegate);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (delegate),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (delegate),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                         fields[i]));
    }

  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/rapport/close-out-dialog/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("defaults", test_defaults);
  ADD ("add", test_add);
  ADD ("add-defaults", test_add_defaults);
  ADD ("insensitive", test_insensitive);
  ADD ("no-colleagues", test_no_colleagues);
  ADD ("no-end-date", test_no_end_date);
  ADD ("export-contacts", test_export_contacts);
  ADD ("export-guide", test_export_guide);
  ADD ("escape-closes", test_escape_closes);
  ADD ("labelled", test_labelled);

#undef ADD

  return g_test_run ();
}
