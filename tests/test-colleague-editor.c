/* test-colleague-editor.c
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

#define G_LOG_DOMAIN "rapport-test-colleague-editor"

#include "config.h"

#include <string.h>

#include "rapport-colleague-editor.h"
#include "rapport-store.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

typedef struct
{
  char            *dir;
  char            *path;
  RapportDatabase *database;
  RapportStore    *store;
  GPtrArray       *saved;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = rapport_test_make_tmp_dir ("editor");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (fixture->path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);

  fixture->saved = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->saved, g_ptr_array_unref);
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A button activated as from the keyboard clicks only after its pressed look has shown. */
static void
wait_for_null (gpointer *pointer)
{
  rapport_test_wait_for_null (pointer, 2000);
  rapport_test_iterate ();
}

static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  rapport_test_iterate ();
}

static GtkEditable *
entry_row (RapportColleagueEditor *editor,
           const char             *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static AdwComboRow *
combo_row (RapportColleagueEditor *editor,
           const char             *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static void
set_field (RapportColleagueEditor *editor,
           const char             *title,
           const char             *text)
{
  gtk_editable_set_text (entry_row (editor, title), text);
  rapport_test_iterate ();
}

static GtkWidget *
confirm_button (RapportColleagueEditor *editor)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (editor));

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

static void
select_combo_label (AdwComboRow *row,
                    const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_assert_not_reached ();
}

static const char *
selected_combo_label (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
saved_cb (RapportColleagueEditor *editor,
          RapportColleague       *colleague,
          Fixture                *fixture)
{
  g_ptr_array_add (fixture->saved, g_object_ref (colleague));
}

static RapportColleagueEditor *
open_editor (Fixture          *fixture,
             RapportColleague *colleague)
{
  RapportColleagueEditor *editor = rapport_colleague_editor_new (NULL, fixture->store, colleague);

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (editor));
  rapport_test_iterate ();

  return editor;
}

static void
close_editor (RapportColleagueEditor *editor)
{
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  rapport_test_iterate ();
}

static RapportColleague *
add_colleague (Fixture    *fixture,
               const char *name)
{
  return rapport_test_add_colleague (fixture->store, "name", name, NULL);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  RapportColleagueEditor *editor = open_editor (fixture, NULL);
  GtkEditable *email = entry_row (editor, "Email");
  GtkWidget *confirm = confirm_button (editor);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Colleague");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm)), ==, "Add");
  g_assert_false (gtk_widget_get_sensitive (confirm));

  set_field (editor, "Name", "Sam Rivera");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  /* Only spaces is no name. */
  set_field (editor, "Name", "   ");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_field (editor, "Name", "Sam Rivera");

  set_field (editor, "Email", "sam.example.org");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));

  set_field (editor, "Email", "sam@example.org");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));

  set_field (editor, "Phone", "call me maybe");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (editor, "Phone")), "error"));
  set_field (editor, "Phone", "+1 (555) 010-0199");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  set_field (editor, "Birthday", "13-45");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (editor, "Birthday")), "error"));
  set_field (editor, "Birthday", "1985-02-29");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_field (editor, "Birthday", "02-29");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  /* Nothing reached the store while typing. */
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);

  close_editor (editor);
  g_assert_null (editor);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  user_data)
{
  RapportColleagueEditor *editor = open_editor (fixture, NULL);
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);
  g_autoptr(RapportColleague) item = NULL;
  GtkTextView *notes;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  set_field (editor, "Name", "  Sam Rivera ");
  set_field (editor, "Role", "RN");
  set_field (editor, "Specialty", "Cardiac ICU");
  set_field (editor, "Organization", "Mercy General");
  set_field (editor, "Phone", "+1 555 010 0199");
  set_field (editor, "Email", "sam@example.org");
  set_field (editor, "Messaging", "Signal @sam.42");
  set_field (editor, "Birthday", "03-14");
  set_field (editor, "Interests", "bouldering, sourdough");
  select_combo_label (combo_row (editor, "How They Help"), "Mentor");
  select_combo_label (combo_row (editor, "Check In"), "Every 6 Weeks");

  notes = GTK_TEXT_VIEW (rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (notes);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), "Knows the badge office.\nCall after boards.", -1);
  rapport_test_iterate ();

  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor)));
  click (confirm_button (editor));

  g_assert_null (editor);
  g_assert_cmpuint (g_list_model_get_n_items (colleagues), ==, 1);
  if (g_list_model_get_n_items (colleagues) != 1)
    {
      close_editor (editor);
      return;
    }
  item = g_list_model_get_item (colleagues, 0);

  g_assert_cmpuint (fixture->saved->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->saved, 0) == (gpointer) item);

  g_assert_cmpint (rapport_colleague_get_id (item), >, 0);
  g_assert_cmpstr (rapport_colleague_get_name (item), ==, "Sam Rivera");
  g_assert_cmpstr (rapport_colleague_get_role (item), ==, "RN");
  g_assert_cmpstr (rapport_colleague_get_specialty (item), ==, "Cardiac ICU");
  g_assert_cmpstr (rapport_colleague_get_organization (item), ==, "Mercy General");
  g_assert_cmpstr (rapport_colleague_get_phone (item), ==, "+1 555 010 0199");
  g_assert_cmpstr (rapport_colleague_get_email (item), ==, "sam@example.org");
  g_assert_cmpstr (rapport_colleague_get_messaging (item), ==, "Signal @sam.42");
  g_assert_cmpstr (rapport_colleague_get_birthday (item), ==, "--03-14");
  g_assert_cmpstr (rapport_colleague_get_interests (item), ==, "bouldering, sourdough");
  g_assert_cmpint (rapport_colleague_get_support_kind (item), ==, RAPPORT_SUPPORT_KIND_MENTOR);
  g_assert_cmpuint (rapport_colleague_get_cadence_days (item), ==, 42);
  g_assert_cmpstr (rapport_colleague_get_notes (item), ==, "Knows the badge office.\nCall after boards.");
  g_assert_false (rapport_colleague_get_archived (item));
}

static void
test_enter_confirms (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RapportColleagueEditor *editor = open_editor (fixture, NULL);
  GtkEditable *name = entry_row (editor, "Name");
  GtkEditable *text = gtk_editable_get_delegate (name);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* Enter with no name does nothing, not even after a button's activation delay. */
  g_signal_emit_by_name (text, "activate");
  rapport_test_wait_ms (400);
  g_assert_nonnull (editor);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);

  set_field (editor, "Name", "Priya Natarajan");
  g_signal_emit_by_name (text, "activate");
  wait_for_null ((gpointer *) &editor);

  g_assert_null (editor);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 1);
  g_assert_cmpuint (fixture->saved->len, ==, 1);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  user_data)
{
  RapportColleague *original = add_colleague (fixture, "Jordan Lee");
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);
  g_autoptr(RapportColleague) changes = rapport_colleague_dup (original);
  g_autoptr(RapportColleague) item = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleagueEditor *editor;

  rapport_colleague_set_role (changes, "PT");
  rapport_colleague_set_email (changes, "jordan@example.org");
  rapport_colleague_set_birthday (changes, "--07-04");
  rapport_colleague_set_support_kind (changes, RAPPORT_SUPPORT_KIND_PEER);
  rapport_colleague_set_cadence_days (changes, 14);
  rapport_colleague_set_notes (changes, "Runs the Thursday group.");
  rapport_store_update_colleague (fixture->store, changes, &error);
  g_assert_no_error (error);

  editor = open_editor (fixture, original);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Colleague");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm_button (editor))), ==, "Save");
  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor)));
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Name")), ==, "Jordan Lee");
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Role")), ==, "PT");
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Email")), ==, "jordan@example.org");
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Birthday")), ==, "07-04");
  g_assert_cmpstr (selected_combo_label (combo_row (editor, "How They Help")), ==, "Peer");
  g_assert_cmpstr (selected_combo_label (combo_row (editor, "Check In")), ==, "Every 2 Weeks");

  /* Typing leaves the store's item alone until Save. */
  set_field (editor, "Role", "DPT");
  set_field (editor, "Organization", "Valley Rehab");
  g_assert_cmpstr (rapport_colleague_get_role (original), ==, "PT");
  g_assert_cmpstr (rapport_colleague_get_organization (original), ==, "");

  click (confirm_button (editor));
  g_assert_null (editor);

  g_assert_cmpuint (g_list_model_get_n_items (colleagues), ==, 1);
  item = g_list_model_get_item (colleagues, 0);
  g_assert_true (item == original);
  g_assert_cmpstr (rapport_colleague_get_role (original), ==, "DPT");
  g_assert_cmpstr (rapport_colleague_get_organization (original), ==, "Valley Rehab");
  g_assert_cmpstr (rapport_colleague_get_birthday (original), ==, "--07-04");
  g_assert_cmpuint (rapport_colleague_get_cadence_days (original), ==, 14);
  g_assert_cmpstr (rapport_colleague_get_notes (original), ==, "Runs the Thursday group.");
  g_assert_cmpuint (fixture->saved->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->saved, 0) == (gpointer) original);
}

static void
test_custom_cadence (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RapportColleague *original = add_colleague (fixture, "Noor Haddad");
  g_autoptr(RapportColleague) changes = rapport_colleague_dup (original);
  g_autoptr(GError) error = NULL;
  RapportColleagueEditor *editor;

  rapport_colleague_set_cadence_days (changes, 10);
  rapport_store_update_colleague (fixture->store, changes, &error);
  g_assert_no_error (error);

  editor = open_editor (fixture, original);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_cmpstr (selected_combo_label (combo_row (editor, "Check In")), ==, "Every 10 Days");

  set_field (editor, "Interests", "cycling");
  click (confirm_button (editor));
  g_assert_null (editor);

  g_assert_cmpuint (rapport_colleague_get_cadence_days (original), ==, 10);
  g_assert_cmpstr (rapport_colleague_get_interests (original), ==, "cycling");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  RapportColleague *original = add_colleague (fixture, "Alex Kim");
  gint64 updated_at = rapport_colleague_get_updated_at (original);
  RapportColleagueEditor *editor = open_editor (fixture, original);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  set_field (editor, "Name", "Alexandra Kim");
  set_field (editor, "Role", "Hospitalist");
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  rapport_test_iterate ();

  g_assert_null (editor);
  g_assert_cmpuint (fixture->saved->len, ==, 0);
  g_assert_cmpstr (rapport_colleague_get_name (original), ==, "Alex Kim");
  g_assert_cmpstr (rapport_colleague_get_role (original), ==, "");
  g_assert_cmpint (rapport_colleague_get_updated_at (original), ==, updated_at);

  /* A new one cancelled adds nobody. */
  editor = open_editor (fixture, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_field (editor, "Name", "Nobody Saved");
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  rapport_test_iterate ();
  g_assert_null (editor);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 1);
}

static void
test_store_error (Fixture       *fixture,
                  gconstpointer  user_data)
{
  RapportColleagueEditor *editor = open_editor (fixture, NULL);
  GtkRevealer *revealer = GTK_REVEALER (rapport_test_find_by_type (GTK_WIDGET (editor),
                                                                   GTK_TYPE_REVEALER));
  g_autofree char *long_role = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'x');

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Too long for the journal: only the store knows, and the window must stay with the message. */
  set_field (editor, "Name", "Taylor Brooks");
  set_field (editor, "Role", long_role);
  click (confirm_button (editor));

  g_assert_nonnull (editor);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);
  g_assert_cmpuint (fixture->saved->len, ==, 0);

  set_field (editor, "Role", "RT");
  click (confirm_button (editor));
  g_assert_null (editor);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 1);
}

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                GDateTime  *starts,
                GDateTime  *ends)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);
  g_autofree char *starts_on = g_date_time_format (starts, "%Y-%m-%d");
  g_autofree char *ends_on = g_date_time_format (ends, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static void
test_met_at (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_year = g_date_time_add_years (now, -1);
  g_autoptr(GDateTime) last_year_end = g_date_time_add_months (last_year, 2);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) next_month = g_date_time_add_months (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *current_title = NULL;
  g_autofree char *met_on = NULL;
  RapportColleagueEditor *editor;
  g_autoptr(GArray) links = NULL;
  gint64 current;
  AdwComboRow *met_at;

  add_assignment (fixture, "Saint Mary's", last_year, last_year_end);
  current = add_assignment (fixture, "Mercy General", week_ago, next_month);
  current_title = rapport_assignment_dup_title (rapport_store_find_assignment (fixture->store,
                                                                               current));

  /* New colleagues are met where the clinician works now. */
  editor = open_editor (fixture, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  met_at = combo_row (editor, "Met At");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (met_at)));
  g_assert_cmpstr (selected_combo_label (met_at), ==, current_title);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (met_at)), ==, 3);

  set_field (editor, "Name", "Dana Scully");
  click (confirm_button (editor));
  wait_for_null ((gpointer *) &editor);
  g_assert_null (editor);
  g_assert_cmpuint (fixture->saved->len, ==, 1);
  if (fixture->saved->len != 1)
    return;

  links = rapport_store_dup_colleague_assignment_ids (fixture->store,
                                                      rapport_colleague_get_id (g_ptr_array_index (fixture->saved, 0)));
  g_assert_cmpuint (links->len, ==, 1);
  if (links->len == 1)
    g_assert_cmpint (g_array_index (links, gint64, 0), ==, current);
  met_on = rapport_store_dup_met_on (fixture->store,
                                     rapport_colleague_get_id (g_ptr_array_index (fixture->saved, 0)),
                                     current);
  g_assert_cmpstr (met_on, ==, today);
  g_clear_pointer (&links, g_array_unref);

  /* "Not Set" links nowhere. */
  editor = open_editor (fixture, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  select_combo_label (combo_row (editor, "Met At"), "Not Set");
  set_field (editor, "Name", "Fox Mulder");
  click (confirm_button (editor));
  wait_for_null ((gpointer *) &editor);
  g_assert_cmpuint (fixture->saved->len, ==, 2);
  if (fixture->saved->len != 2)
    return;
  links = rapport_store_dup_colleague_assignment_ids (fixture->store,
                                                      rapport_colleague_get_id (g_ptr_array_index (fixture->saved, 1)));
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_array_unref);

  /* Editing does not ask again: links are made from the assignment. */
  editor = open_editor (fixture, g_ptr_array_index (fixture->saved, 0));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (combo_row (editor, "Met At"))));
  close_editor (editor);

}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/rapport/colleague-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("validation", test_validation);
  ADD ("add", test_add);
  ADD ("enter-confirms", test_enter_confirms);
  ADD ("edit", test_edit);
  ADD ("custom-cadence", test_custom_cadence);
  ADD ("cancel", test_cancel);
  ADD ("store-error", test_store_error);
  ADD ("met-at", test_met_at);

#undef ADD

  return g_test_run ();
}
