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
#include "rapport-test-editor-utils.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

typedef struct
{
  char            *dir;
  char            *path;
  RapportDatabase *database;
  RapportStore    *store;
  GPtrArray       *saved;
  guint8           key[RAPPORT_DATABASE_KEY_SIZE];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = rapport_test_make_tmp_dir ("editor");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  rapport_test_random_key (fixture->key);
  fixture->store = rapport_test_open_store (fixture->path, fixture->key,
                                            RAPPORT_DATABASE_OPEN_CREATE, &fixture->database);

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

/* Hostile input: the colleague editor keeps its own cases (it reopens the journal to check
 * what reached the disk) but drives the editor with rapport-test-editor-utils.c. */

static gboolean
colleague_validate (gpointer  colleague,
                    GError  **error)
{
  return rapport_colleague_validate (colleague, error);
}

/* What the journal says about a colleague with this one property set to value. */
static char *
colleague_error (const char *property,
                 const char *value)
{
  return rapport_test_error_for (rapport_colleague_new ("Sam Rivera"), colleague_validate,
                                 property, value);
}

/* The journal as it is on disk: closed and opened again with its key. */
static void
reopen (Fixture *fixture)
{
  g_clear_pointer (&fixture->saved, g_ptr_array_unref);
  fixture->saved = g_ptr_array_new_with_free_func (g_object_unref);
  rapport_test_close_store (fixture->store, fixture->database);
  fixture->store = rapport_test_open_store (fixture->path, fixture->key,
                                            RAPPORT_DATABASE_OPEN_EXISTING, &fixture->database);
}

static RapportColleague *
colleague_named (Fixture    *fixture,
                 const char *name)
{
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);

  return (RapportColleague *) rapport_test_find_item (colleagues, "name", name);
}

/* Every colleague the store lists, as copies, to compare before and after. */
static GPtrArray *
dup_colleagues (Fixture *fixture)
{
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

      g_ptr_array_add (copies, rapport_colleague_dup (colleague));
    }

  return copies;
}

static void
assert_same_colleagues (Fixture   *fixture,
                        GPtrArray *before)
{
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);

  g_assert_cmpuint (g_list_model_get_n_items (colleagues), ==, before->len);
  for (guint i = 0; i < before->len && i < g_list_model_get_n_items (colleagues); i++)
    {
      RapportColleague *old = g_ptr_array_index (before, i);
      g_autoptr(RapportColleague) now = g_list_model_get_item (colleagues, i);

      g_assert_cmpint (rapport_colleague_get_id (now), ==, rapport_colleague_get_id (old));
      g_assert_cmpint (rapport_colleague_get_updated_at (now), ==,
                       rapport_colleague_get_updated_at (old));
      rapport_test_assert_same_colleague (now, old);
    }
}

static void
test_hostile_notes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *huge = rapport_test_make_text (10 * 1024 * 1024, TRUE);
  g_autofree char *exact = rapport_test_make_text (RAPPORT_MAX_NOTES_LENGTH, TRUE);
  g_autofree char *expected = colleague_error ("notes", huge);
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) before = NULL;
  RapportColleague *sam;
  RapportColleagueEditor *editor;
  gint64 start;

  g_assert_nonnull (strstr (expected, "Notes is too long"));

  /* A new colleague: refused, nothing added, the ten megabytes still in the field. */
  editor = open_editor (fixture, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_field (editor, "Name", "Sam Rivera");
  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), huge, -1);

  start = g_get_monotonic_time ();
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("Add with 10 MB of notes refused in %.0f ms", rapport_test_elapsed_ms (start));
  rapport_test_assert_error_shown (editor, expected, FALSE);
  kept = rapport_test_buffer_text (rapport_test_notes_buffer (editor));
  g_assert_true (g_str_equal (kept, huge));
  g_clear_pointer (&kept, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);
  g_assert_cmpuint (fixture->saved->len, ==, 0);

  /* Shortened to the limit itself: saved, and read back byte for byte. */
  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), exact, -1);
  start = g_get_monotonic_time ();
  g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("Add with 1 MiB of notes saved in %.0f ms", rapport_test_elapsed_ms (start));
  close_editor (editor);

  reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 1);
  sam = colleague_named (fixture, "Sam Rivera");
  g_assert_nonnull (sam);
  if (sam == NULL)
    return;
  g_assert_cmpuint (strlen (rapport_colleague_get_notes (sam)), ==, RAPPORT_MAX_NOTES_LENGTH);
  g_assert_true (g_str_equal (rapport_colleague_get_notes (sam), exact));

  /* An edit: refused, and the colleague keeps the notes they had. The editor shows the notes
   * it opened with; they are emptied before the loop runs (see hostile-notes-responsive). */
  before = dup_colleagues (fixture);
  editor = rapport_colleague_editor_new (NULL, fixture->store, sam);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (editor));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), huge, -1);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected, FALSE);
  kept = rapport_test_buffer_text (rapport_test_notes_buffer (editor));
  g_assert_true (g_str_equal (kept, huge));
  assert_same_colleagues (fixture, before);
  g_assert_cmpuint (fixture->saved->len, ==, 0);
  if (editor != NULL)
    rapport_test_clear_buffer (rapport_test_notes_buffer (editor));
  close_editor (editor);

  reopen (fixture);
  assert_same_colleagues (fixture, before);
}

/* Notes must not freeze the window: the loop is never blocked for more than a quarter of a
 * second, and up to the journal's limit it settles within three seconds of a paste. Beyond the
 * limit the view may go on laying out in the background while the error asks to shorten it. */
static void
test_hostile_notes_responsive (Fixture       *fixture,
                               gconstpointer  user_data)
{
  static const gsize sizes[] = { 100 * 1024, RAPPORT_MAX_NOTES_LENGTH, 10 * 1024 * 1024 };
  RapportColleagueEditor *editor = open_editor (fixture, NULL);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = rapport_test_make_text (sizes[i], TRUE);
      gint64 start = g_get_monotonic_time ();
      double longest;
      gboolean settled;

      gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), text, -1);
      settled = rapport_test_settle (3000, &longest);
      g_test_message ("Notes of %zu bytes: %s after %.0f ms, the loop blocked up to %.0f ms",
                      sizes[i], settled ? "settled" : "still laying out",
                      rapport_test_elapsed_ms (start), longest);
      if (sizes[i] <= RAPPORT_MAX_NOTES_LENGTH)
        g_assert_true (settled);
      g_assert_cmpfloat (longest, <, 250);
      rapport_test_clear_buffer (rapport_test_notes_buffer (editor));
    }

  close_editor (editor);
}

static void
test_hostile_long_line (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *huge = rapport_test_make_text (1024 * 1024, FALSE);
  g_autofree char *exact = rapport_test_make_text (RAPPORT_MAX_FIELD_LENGTH, FALSE);
  g_autofree char *expected_name = NULL;
  g_autofree char *expected_organization = NULL;
  g_autoptr(GPtrArray) before = NULL;
  RapportColleague *saved;
  RapportColleagueEditor *editor;
  const char *kept;
  gint64 start;

  editor = open_editor (fixture, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  start = g_get_monotonic_time ();
  set_field (editor, "Name", huge);
  g_test_message ("1 MB line set in Name in %.0f ms", rapport_test_elapsed_ms (start));

  /* A text field holds at most 65,535 bytes (GtkEntryBuffer): what it kept must be refused. */
  kept = gtk_editable_get_text (entry_row (editor, "Name"));
  g_test_message ("Name kept %zu of %zu bytes", strlen (kept), strlen (huge));
  g_assert_cmpuint (strlen (kept), >, RAPPORT_MAX_FIELD_LENGTH);
  g_assert_true (g_str_has_prefix (huge, kept));
  expected_name = colleague_error ("name", kept);
  g_assert_nonnull (strstr (expected_name, "Name is too long"));

  start = g_get_monotonic_time ();
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("Add with a long name refused in %.0f ms", rapport_test_elapsed_ms (start));
  rapport_test_assert_error_shown (editor, expected_name, TRUE);
  g_assert_true (g_str_equal (gtk_editable_get_text (entry_row (editor, "Name")), kept));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);

  /* Exactly the limit saves and reads back unchanged. */
  set_field (editor, "Name", exact);
  g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
  close_editor (editor);

  reopen (fixture);
  saved = colleague_named (fixture, exact);
  g_assert_nonnull (saved);
  if (saved == NULL)
    return;

  /* An edit with a long organization leaves the colleague as they were. */
  before = dup_colleagues (fixture);
  editor = open_editor (fixture, saved);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_field (editor, "Organization", huge);
  kept = gtk_editable_get_text (entry_row (editor, "Organization"));
  expected_organization = colleague_error ("organization", kept);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected_organization, TRUE);
  kept = gtk_editable_get_text (entry_row (editor, "Organization"));
  g_assert_true (g_str_has_prefix (huge, kept));
  assert_same_colleagues (fixture, before);
  close_editor (editor);

  reopen (fixture);
  assert_same_colleagues (fixture, before);
}

static void
test_hostile_direction (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* Overrides and isolates inside a name; right-to-left names with their marks must save. */
  const char * const *hostile = rapport_test_direction_controls;
  const char * const *names = rapport_test_right_to_left;
  g_autofree char *expected_role = colleague_error ("role", "RN \xe2\x80\xae");
  g_autoptr(GPtrArray) before = NULL;
  RapportColleagueEditor *editor;

  for (guint i = 0; i < RAPPORT_TEST_N_DIRECTION_SAMPLES; i++)
    {
      g_autofree char *expected = colleague_error ("name", hostile[i]);

      g_assert_nonnull (strstr (expected, "invisible text-direction character"));

      editor = open_editor (fixture, NULL);
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
      set_field (editor, "Name", hostile[i]);
      g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
      rapport_test_assert_error_shown (editor, expected, TRUE);
      g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Name")), ==, hostile[i]);
      g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);
      close_editor (editor);
    }

  for (guint i = 0; i < RAPPORT_TEST_N_DIRECTION_SAMPLES; i++)
    {
      editor = open_editor (fixture, NULL);
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
      set_field (editor, "Name", names[i]);
      /* Notes keep direction characters: quoted right-to-left text needs them. */
      gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), hostile[i], -1);
      rapport_test_iterate ();
      g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
      close_editor (editor);
    }

  reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==,
                    RAPPORT_TEST_N_DIRECTION_SAMPLES);
  for (guint i = 0; i < RAPPORT_TEST_N_DIRECTION_SAMPLES; i++)
    {
      RapportColleague *colleague = colleague_named (fixture, names[i]);

      g_assert_nonnull (colleague);
      if (colleague != NULL)
        g_assert_cmpstr (rapport_colleague_get_notes (colleague), ==, hostile[i]);
    }

  /* Renaming to an override leaves the saved name alone. */
  before = dup_colleagues (fixture);
  editor = open_editor (fixture, colleague_named (fixture, names[0]));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_field (editor, "Role", "RN \xe2\x80\xae");
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected_role, TRUE);
  assert_same_colleagues (fixture, before);
  close_editor (editor);
}

typedef struct
{
  GtkEditable *editable;
  const char  *before;
} TextChange;

static gboolean
text_changed (gpointer data)
{
  TextChange *change = data;

  return g_strcmp0 (gtk_editable_get_text (change->editable), change->before) != 0;
}

/* Pastes bytes (offered as UTF-8 text, as another program would) into the field, as Ctrl+V does;
 * returns whether the field changed within a second. */
static gboolean
paste_into (GtkEditable  *row,
            const char   *bytes,
            gsize         length)
{
  GtkEditable *text = gtk_editable_get_delegate (row);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (text));
  g_autoptr(GBytes) content = g_bytes_new (bytes, length);
  g_autoptr(GdkContentProvider) provider =
    gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", content);
  g_autofree char *before = g_strdup (gtk_editable_get_text (row));
  TextChange change = { row, before };

  g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  gtk_editable_set_position (text, -1);
  g_signal_emit_by_name (text, "paste-clipboard");

  return rapport_test_wait_until (text_changed, &change, 1000);
}

static void
test_hostile_line_break (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char * const breaks[] = { "Sam\nRivera", "Sam\tRivera", "Sam\r\nRivera" };
  g_autofree char *expected = colleague_error ("name", "Sam\nRivera");
  RapportColleagueEditor *editor;

  g_assert_nonnull (strstr (expected, "single line"));

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      const char *kept;

      /* Set as a program would: the text field keeps the break; the journal refuses it. */
      editor = open_editor (fixture, NULL);
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
      set_field (editor, "Name", breaks[i]);
      kept = gtk_editable_get_text (entry_row (editor, "Name"));
      g_test_message ("set_text (%s) kept \"%s\"", i == 0 ? "LF" : i == 1 ? "tab" : "CRLF", kept);
      if (g_strcmp0 (kept, breaks[i]) == 0)
        {
          g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
          rapport_test_assert_error_shown (editor, expected, TRUE);
          g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Name")), ==, breaks[i]);
        }
      close_editor (editor);

      /* Pasted, as a person would. */
      editor = open_editor (fixture, NULL);
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
      g_assert_true (paste_into (entry_row (editor, "Name"), breaks[i], strlen (breaks[i])));
      rapport_test_iterate ();
      kept = gtk_editable_get_text (entry_row (editor, "Name"));
      g_test_message ("paste (%s) kept \"%s\"", i == 0 ? "LF" : i == 1 ? "tab" : "CRLF", kept);
      if (strpbrk (kept, "\n\r\t") != NULL)
        {
          g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
          rapport_test_assert_error_shown (editor, expected, TRUE);
          g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Name")), ==, kept);
        }
      else
        {
          g_assert_true (g_str_has_prefix (kept, "Sam"));
        }
      close_editor (editor);
    }

  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);
}

static void
test_hostile_bytes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char invalid[] = "Sam \xff\xfe Rivera";
  static const char nul[] = "Sam\0Rivera";
  RapportColleagueEditor *editor = open_editor (fixture, NULL);
  const char *kept;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* GTK 4.8 converts pasted text through GCharsetConverter with fallbacks: each byte that is
   * not UTF-8 arrives as the visible text "\FF", and the words around it are kept. */
  set_field (editor, "Name", "Dana ");
  g_assert_true (paste_into (entry_row (editor, "Name"), invalid, sizeof invalid - 1));
  kept = gtk_editable_get_text (entry_row (editor, "Name"));
  g_test_message ("pasting \"Sam \\xff\\xfe Rivera\" into Name gave \"%s\"", kept);
  g_assert_true (g_utf8_validate (kept, -1, NULL));
  g_assert_cmpstr (kept, ==, "Dana Sam \\FF\\FE Rivera");
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);

  /* A NUL byte ends the text, as in every C string of the toolkit: what follows is not pasted. */
  set_field (editor, "Name", "");
  paste_into (entry_row (editor, "Name"), nul, sizeof nul - 1);
  kept = gtk_editable_get_text (entry_row (editor, "Name"));
  g_test_message ("pasting \"Sam\\0Rivera\" into Name kept \"%s\"", kept);
  g_assert_cmpstr (kept, ==, "Sam");

  close_editor (editor);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_colleagues (fixture->store)), ==, 0);
}

/* Pasting bytes that are not UTF-8 into the notes: GtkTextBuffer checks its input with a
 * critical, so this runs in a child process; it must neither abort nor change the notes. */
static void
test_hostile_bytes_notes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      static const char invalid[] = "Notes \xff\xfe end";
      RapportColleagueEditor *editor = open_editor (fixture, NULL);
      GtkWidget *view = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
      GdkClipboard *clipboard = gtk_widget_get_clipboard (view);
      g_autoptr(GBytes) content = g_bytes_new (invalid, sizeof invalid - 1);
      g_autoptr(GdkContentProvider) provider =
        gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", content);
      g_autofree char *text = NULL;

      gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), "Kept.", -1);
      gdk_clipboard_set_content (clipboard, provider);
      g_signal_emit_by_name (view, "paste-clipboard");
      rapport_test_wait_ms (500);
      text = rapport_test_buffer_text (rapport_test_notes_buffer (editor));
      g_printerr ("notes after pasting invalid UTF-8: \"%s\"\n",
                  g_utf8_validate (text, -1, NULL) ? text : "INVALID");
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpstr (text, ==, "Kept.Notes \\FF\\FE end");
      close_editor (editor);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The refusal is said to a screen reader (see rapport_test_assert_error_announced). */
static void
test_hostile_error_announced (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *long_name = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'x');
  g_autofree char *expected = colleague_error ("name", long_name);
  RapportColleagueEditor *editor = open_editor (fixture, NULL);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_field (editor, "Name", long_name);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected, TRUE);
  if (editor != NULL)
    rapport_test_assert_error_announced (editor);

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
  ADD ("hostile-notes", test_hostile_notes);
  ADD ("hostile-notes-responsive", test_hostile_notes_responsive);
  ADD ("hostile-long-line", test_hostile_long_line);
  ADD ("hostile-direction", test_hostile_direction);
  ADD ("hostile-line-break", test_hostile_line_break);
  ADD ("hostile-bytes", test_hostile_bytes);
  ADD ("hostile-bytes-notes", test_hostile_bytes_notes);
  ADD ("hostile-error-announced", test_hostile_error_announced);

#undef ADD

  return g_test_run ();
}
