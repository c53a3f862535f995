/* test-interaction-editor.c
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

#define G_LOG_DOMAIN "rapport-test-interaction-editor"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rapport-colleague-chooser.h"
#include "rapport-interaction-editor.h"
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
  gint64           ada, ben, archived;
  gint64           current, past;
} Fixture;

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

  rapport_assignment_set_city (assignment, "Denver");
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_year = g_date_time_add_years (now, -1);
  g_autoptr(GDateTime) last_year_end = g_date_time_add_months (last_year, 2);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) next_month = g_date_time_add_months (now, 1);
  g_autoptr(GError) error = NULL;

  fixture->dir = rapport_test_make_tmp_dir ("interaction-editor");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (fixture->path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->saved = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->ada = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                      "name", "Ada Lovelace",
                                                                      "role", "Hospitalist",
                                                                      NULL));
  fixture->ben = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                      "name", "Ben Ng",
                                                                      "role", "RN", NULL));
  fixture->archived = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                           "name", "Old Friend",
                                                                           NULL));
  rapport_store_set_colleague_archived (fixture->store, fixture->archived, TRUE, &error);
  g_assert_no_error (error);

  fixture->past = add_assignment (fixture, "Saint Mary's", last_year, last_year_end);
  fixture->current = add_assignment (fixture, "Mercy General", week_ago, next_month);
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

static void
saved_cb (RapportInteractionEditor *editor,
          RapportInteraction       *interaction,
          Fixture                  *fixture)
{
  g_ptr_array_add (fixture->saved, g_object_ref (interaction));
}

static RapportInteractionEditor *
open_editor (Fixture            *fixture,
             RapportInteraction *interaction,
             gint64              colleague_id)
{
  RapportInteractionEditor *editor = rapport_interaction_editor_new (NULL, fixture->store,
                                                                     interaction, colleague_id);

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (editor));
  rapport_test_wait_ms (100);

  return editor;
}

static void
close_editor (RapportInteractionEditor *editor)
{
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  rapport_test_iterate ();
}

static GtkWidget *
confirm_button (RapportInteractionEditor *editor)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (editor));

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

static GtkEditable *
entry_row (RapportInteractionEditor *editor,
           const char               *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static AdwComboRow *
combo_row (RapportInteractionEditor *editor,
           const char               *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static void
set_field (RapportInteractionEditor *editor,
           const char               *title,
           const char               *text)
{
  gtk_editable_set_text (entry_row (editor, title), text);
  rapport_test_iterate ();
}

static const char *
selected_combo_label (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
select_combo_label (AdwComboRow *row,
                    const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
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

static char *
assignment_title (Fixture *fixture,
                  gint64   id)
{
  return rapport_assignment_dup_title (rapport_store_find_assignment (fixture->store, id));
}

static gboolean
is_check_for (GtkWidget     *widget,
              gconstpointer  data)
{
  RapportColleague *colleague;

  if (!GTK_IS_CHECK_BUTTON (widget))
    return FALSE;

  colleague = g_object_get_data (G_OBJECT (widget), "colleague");
  return colleague != NULL && g_strcmp0 (rapport_colleague_get_name (colleague), data) == 0;
}

/* The check box in the chooser's row for this colleague, as a person would tick it. */
static GtkCheckButton *
chooser_check (RapportInteractionEditor *editor,
               const char               *name)
{
  GtkWidget *check = rapport_test_find_widget (GTK_WIDGET (editor), is_check_for, name);

  g_assert_nonnull (check);
  return GTK_CHECK_BUTTON (check);
}

static RapportColleagueChooser *
chooser (RapportInteractionEditor *editor)
{
  GtkWidget *widget = rapport_test_find_by_type (GTK_WIDGET (editor),
                                                 RAPPORT_TYPE_COLLEAGUE_CHOOSER);

  g_assert_nonnull (widget);
  return RAPPORT_COLLEAGUE_CHOOSER (widget);
}

static void
test_new (Fixture       *fixture,
          gconstpointer  user_data)
{
  RapportInteractionEditor *editor = open_editor (fixture, NULL, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *current = assignment_title (fixture, fixture->current);
  const char *time;
  GtkWidget *search;
  int hour, minute;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Log Interaction");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm_button (editor))), ==, "Log");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));

  /* Nobody chosen: nothing to log yet. */
  g_assert_false (gtk_widget_get_sensitive (confirm_button (editor)));

  g_assert_cmpstr (selected_combo_label (combo_row (editor, "Kind")), ==, "Coffee");
  g_assert_cmpstr (selected_combo_label (combo_row (editor, "Assignment")), ==, current);
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Date")), ==, today);

  time = gtk_editable_get_text (entry_row (editor, "Time"));
  g_assert_cmpint (sscanf (time, "%d:%d", &hour, &minute), ==, 2);
  g_assert_cmpint (minute % 5, ==, 0);

  /* Fields are named for screen readers, the entry rows' text fields too. */
  search = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);

  /* Archived colleagues are not offered. */
  g_assert_null (rapport_test_find_widget (GTK_WIDGET (editor), is_check_for, "Old Friend"));

  gtk_check_button_set_active (chooser_check (editor, "Ada Lovelace"), TRUE);
  rapport_test_iterate ();
  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor)));

  gtk_check_button_set_active (chooser_check (editor, "Ada Lovelace"), FALSE);
  rapport_test_iterate ();
  g_assert_false (gtk_widget_get_sensitive (confirm_button (editor)));

  close_editor (editor);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_interactions (fixture->store)), ==, 0);
}

static void
test_log (Fixture       *fixture,
          gconstpointer  user_data)
{
  RapportInteractionEditor *editor = open_editor (fixture, NULL, 0);
  g_autofree char *past = assignment_title (fixture, fixture->past);
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 7, 4, 18, 30, 0);
  g_autoptr(GDateTime) expected_winter = g_date_time_new_utc (2026, 1, 15, 16, 5, 0);
  GListModel *interactions = rapport_store_get_interactions (fixture->store);
  g_autoptr(RapportInteraction) item = NULL;
  GtkTextView *note;
  const gint64 *ids;
  guint n_ids = 0;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  gtk_check_button_set_active (chooser_check (editor, "Ada Lovelace"), TRUE);
  gtk_check_button_set_active (chooser_check (editor, "Ben Ng"), TRUE);
  select_combo_label (combo_row (editor, "Kind"), "Meal");
  select_combo_label (combo_row (editor, "Assignment"), past);
  /* Summer time in Denver: 12:30 there is 18:30 UTC. */
  set_field (editor, "Date", "2026-07-04");
  set_field (editor, "Time", "12:30");
  note = GTK_TEXT_VIEW (rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (note);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note), "Tacos after the shift.\n", -1);
  rapport_test_iterate ();

  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor)));
  g_signal_emit_by_name (confirm_button (editor), "clicked");
  rapport_test_wait_for_null ((gpointer *) &editor, 2000);
  g_assert_null (editor);

  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  if (g_list_model_get_n_items (interactions) != 1)
    return;
  item = g_list_model_get_item (interactions, 0);
  g_assert_cmpuint (fixture->saved->len, ==, 1);

  g_assert_cmpint (rapport_interaction_get_id (item), >, 0);
  g_assert_cmpint (rapport_interaction_get_kind (item), ==, RAPPORT_INTERACTION_KIND_MEAL);
  g_assert_cmpint (rapport_interaction_get_occurred_at (item), ==, g_date_time_to_unix (expected));
  g_assert_cmpint (rapport_interaction_get_assignment_id (item), ==, fixture->past);
  g_assert_cmpstr (rapport_interaction_get_body (item), ==, "Tacos after the shift.");
  ids = rapport_interaction_get_colleague_ids (item, &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  if (n_ids == 2)
    {
      g_assert_cmpint (ids[0], ==, MIN (fixture->ada, fixture->ben));
      g_assert_cmpint (ids[1], ==, MAX (fixture->ada, fixture->ben));
    }

  /* Winter time: 09:05 in Denver is 16:05 UTC; no assignment. */
  editor = open_editor (fixture, NULL, fixture->ben);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_field (editor, "Date", "2026-01-15");
  set_field (editor, "Time", "9:05");
  select_combo_label (combo_row (editor, "Assignment"), "None");
  g_signal_emit_by_name (confirm_button (editor), "clicked");
  rapport_test_wait_for_null ((gpointer *) &editor, 2000);
  g_assert_null (editor);

  g_assert_cmpuint (fixture->saved->len, ==, 2);
  if (fixture->saved->len == 2)
    {
      RapportInteraction *winter = g_ptr_array_index (fixture->saved, 1);

      g_assert_cmpint (rapport_interaction_get_occurred_at (winter), ==,
                       g_date_time_to_unix (expected_winter));
      g_assert_cmpint (rapport_interaction_get_assignment_id (winter), ==, 0);
      g_assert_cmpint (rapport_interaction_get_kind (winter), ==, RAPPORT_INTERACTION_KIND_COFFEE);
      g_assert_true (rapport_interaction_has_colleague (winter, fixture->ben));
    }
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  user_data)
{
  RapportInteractionEditor *editor = open_editor (fixture, NULL, fixture->ada);
  GtkWidget *confirm = confirm_button (editor);

  g_assert_true (gtk_widget_get_sensitive (confirm));

  set_field (editor, "Date", "2026-02-30");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (editor, "Date")), "error"));
  set_field (editor, "Date", "26-2-28");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_field (editor, "Date", "2028-02-29");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry_row (editor, "Date")), "error"));

  set_field (editor, "Time", "24:00");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_field (editor, "Time", "7:5");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_field (editor, "Time", "noon");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_field (editor, "Time", "23:59");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  /* Enter with a bad field logs nothing. */
  set_field (editor, "Time", "25:00");
  g_signal_emit_by_name (entry_row (editor, "Time"), "entry-activated");
  rapport_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_interactions (fixture->store)), ==, 0);

  close_editor (editor);
}

static void
test_prefilled (Fixture       *fixture,
                gconstpointer  user_data)
{
  RapportInteractionEditor *editor = open_editor (fixture, NULL, fixture->ben);
  g_autoptr(GArray) selected = rapport_colleague_chooser_dup_selected (chooser (editor));

  g_assert_cmpuint (selected->len, ==, 1);
  if (selected->len == 1)
    g_assert_cmpint (g_array_index (selected, gint64, 0), ==, fixture->ben);
  g_assert_true (gtk_check_button_get_active (chooser_check (editor, "Ben Ng")));
  g_assert_false (gtk_check_button_get_active (chooser_check (editor, "Ada Lovelace")));
  g_assert_true (gtk_widget_get_sensitive (confirm_button (editor)));

  close_editor (editor);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 2, 15, 45, 0);
  g_autoptr(RapportInteraction) interaction =
    rapport_interaction_new (RAPPORT_INTERACTION_KIND_CALL, g_date_time_to_unix (when));
  g_autofree char *current = assignment_title (fixture, fixture->current);
  GListModel *interactions = rapport_store_get_interactions (fixture->store);
  RapportInteractionEditor *editor;
  RapportInteraction *stored;
  g_autoptr(GError) error = NULL;
  gint64 ids[2] = { fixture->ada, fixture->archived };
  GtkTextView *note;
  gint64 id;

  rapport_interaction_set_colleague_ids (interaction, ids, 2);
  rapport_interaction_set_body (interaction, "Talked about boards.");
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
  id = rapport_interaction_get_id (interaction);
  stored = rapport_store_find_interaction (fixture->store, id);
  g_assert_nonnull (stored);

  editor = open_editor (fixture, stored, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Interaction");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm_button (editor))), ==, "Save");
  g_assert_cmpstr (selected_combo_label (combo_row (editor, "Kind")), ==, "Call");
  g_assert_cmpstr (selected_combo_label (combo_row (editor, "Assignment")), ==, "None");
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Date")), ==, "2026-03-02");
  g_assert_cmpstr (gtk_editable_get_text (entry_row (editor, "Time")), ==, "15:45");
  /* An archived colleague the entry names is still shown, ticked. */
  g_assert_true (gtk_check_button_get_active (chooser_check (editor, "Old Friend")));
  g_assert_true (gtk_check_button_get_active (chooser_check (editor, "Ada Lovelace")));

  select_combo_label (combo_row (editor, "Kind"), "Message");
  select_combo_label (combo_row (editor, "Assignment"), current);
  gtk_check_button_set_active (chooser_check (editor, "Old Friend"), FALSE);
  note = GTK_TEXT_VIEW (rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note), "Talked about boards. Sent notes.", -1);
  rapport_test_iterate ();

  g_signal_emit_by_name (confirm_button (editor), "clicked");
  rapport_test_wait_for_null ((gpointer *) &editor, 2000);
  g_assert_null (editor);

  /* Updated in place, not added. */
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  stored = rapport_store_find_interaction (fixture->store, id);
  g_assert_nonnull (stored);
  if (stored == NULL)
    return;
  g_assert_cmpint (rapport_interaction_get_kind (stored), ==, RAPPORT_INTERACTION_KIND_MESSAGE);
  g_assert_cmpint (rapport_interaction_get_assignment_id (stored), ==, fixture->current);
  g_assert_cmpint (rapport_interaction_get_occurred_at (stored), ==, g_date_time_to_unix (when));
  g_assert_cmpstr (rapport_interaction_get_body (stored), ==, "Talked about boards. Sent notes.");
  g_assert_true (rapport_interaction_has_colleague (stored, fixture->ada));
  g_assert_false (rapport_interaction_has_colleague (stored, fixture->archived));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  RapportInteractionEditor *editor = open_editor (fixture, NULL, fixture->ada);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  rapport_test_wait_for_null ((gpointer *) &editor, 2000);
  g_assert_null (editor);
  g_assert_cmpuint (fixture->saved->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_interactions (fixture->store)), ==, 0);
}

/* Hostile input: this editor as the cases shared in rapport-test-editor-utils.c drive it. */

static GtkWidget *
interaction_open (gpointer  data,
                  GObject  *item)
{
  Fixture *fixture = data;
  RapportInteractionEditor *editor =
    rapport_interaction_editor_new (NULL, fixture->store, (RapportInteraction *) item,
                                    item == NULL ? fixture->ada : 0);

  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static void
interaction_fill (GtkWidget *editor)
{
}

static GListModel *
interaction_items (gpointer data)
{
  Fixture *fixture = data;

  return rapport_store_get_interactions (fixture->store);
}

static gpointer
interaction_new_item (gpointer data)
{
  Fixture *fixture = data;
  RapportInteraction *interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                                             g_get_real_time () / G_USEC_PER_SEC);

  rapport_interaction_set_colleague_ids (interaction, &fixture->ada, 1);
  return interaction;
}

static gboolean
interaction_validate (gpointer  item,
                      GError  **error)
{
  return rapport_interaction_validate (item, error);
}

/* The journal entry has no one-line field: only the note is driven. */
static const RapportTestHostileEditor interaction_note = {
  interaction_open, interaction_fill, interaction_items, interaction_new_item,
  interaction_validate, NULL, NULL, "body",
};

static void
test_hostile_notes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  rapport_test_hostile_notes (&interaction_note, fixture);
}

/* Notes keep text-direction characters (quoted right-to-left text needs them). */
static void
test_hostile_direction (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GListModel *items = rapport_store_get_interactions (fixture->store);
  GtkWidget *editor = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rapport_test_direction_controls); i++)
    {
      g_autofree char *body = g_strconcat (rapport_test_right_to_left[i], "\n",
                                           rapport_test_direction_controls[i], NULL);

      rapport_test_hostile_open (&interaction_note, fixture, NULL, &editor);
      rapport_test_iterate ();
      gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), body, -1);
      rapport_test_iterate ();
      g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
      rapport_test_hostile_close (&editor);
      g_assert_nonnull (rapport_test_find_item (items, "body", body));
    }
}

static void
test_hostile_error_announced (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *long_note = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'x');
  g_autofree char *expected = rapport_test_error_for (interaction_new_item (fixture),
                                                      interaction_validate, "body", long_note);
  GtkWidget *editor = NULL;

  rapport_test_hostile_open (&interaction_note, fixture, NULL, &editor);
  rapport_test_iterate ();
  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), long_note, -1);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected, FALSE);
  if (editor != NULL)
    {
      rapport_test_clear_buffer (rapport_test_notes_buffer (editor));
      rapport_test_assert_error_announced (editor);
    }
  rapport_test_hostile_close (&editor);
}

/* Ten thousand colleagues chosen for one entry: the journal's limit (500) is said in the editor,
 * the choice stays for the person to trim, and exactly 500 saves. */
static void
test_hostile_colleagues (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(RapportInteraction) probe = interaction_new_item (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  RapportStoreImportCounts counts = { 0 };
  GListModel *colleagues = rapport_store_get_colleagues (fixture->store);
  GListModel *items = rapport_store_get_interactions (fixture->store);
  RapportColleagueChooser *picker;
  GtkWidget *list_view;
  GtkWidget *editor = NULL;
  double longest;
  gint64 start;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Colleague %05u", i);

      g_ptr_array_add (cards, rapport_colleague_new (name));
    }
  start = g_get_monotonic_time ();
  g_assert_true (rapport_store_import_colleagues (fixture->store, cards,
                                                  RAPPORT_STORE_IMPORT_MERGE_EXACT, &counts,
                                                  &error));
  g_assert_no_error (error);
  g_test_message ("10,000 colleagues imported in %.0f ms", rapport_test_elapsed_ms (start));

  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
      gint64 id = rapport_colleague_get_id (colleague);

      if (!rapport_colleague_get_archived (colleague))
        g_array_append_val (ids, id);
    }
  g_assert_cmpuint (ids->len, >=, 10000);
  before = rapport_test_describe_items (items);

  start = g_get_monotonic_time ();
  rapport_test_hostile_open (&interaction_note, fixture, NULL, &editor);
  g_assert_true (rapport_test_settle (10000, &longest));
  g_test_message ("editor with 10,002 colleagues to choose from open in %.0f ms (longest "
                  "dispatch %.0f ms)", rapport_test_elapsed_ms (start), longest);
  picker = chooser ((RapportInteractionEditor *) editor);
  list_view = rapport_test_find_by_type (GTK_WIDGET (picker), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);

  /* Ticked one by one, as a person clicks rows: each tick re-sorts the chosen names. */
  start = g_get_monotonic_time ();
  for (guint i = 1; i <= 200; i++)
    g_signal_emit_by_name (list_view, "activate", i);
  g_assert_true (rapport_test_settle (10000, &longest));
  g_test_message ("200 rows ticked one by one in %.0f ms", rapport_test_elapsed_ms (start));

  /* All of them through the chooser's API, as an edit loads its colleagues. */
  start = g_get_monotonic_time ();
  rapport_colleague_chooser_set_selected (picker, (const gint64 *) ids->data, ids->len);
  g_test_message ("%u colleagues chosen in %.0f ms", ids->len, rapport_test_elapsed_ms (start));
  start = g_get_monotonic_time ();
  g_assert_true (rapport_test_settle (30000, &longest));
  g_test_message ("then laid out in %.0f ms, the loop blocked up to %.0f ms",
                  rapport_test_elapsed_ms (start), longest);
  g_assert_cmpfloat (longest, <, 1000);

  start = g_get_monotonic_time ();
  g_signal_emit_by_name (list_view, "activate", 0u);
  g_signal_emit_by_name (list_view, "activate", 0u);
  g_assert_true (rapport_test_settle (10000, &longest));
  g_test_message ("one row unticked and ticked again with %u chosen: %.0f ms", ids->len,
                  rapport_test_elapsed_ms (start));

  rapport_interaction_set_colleague_ids (probe, (const gint64 *) ids->data, ids->len);
  g_assert_false (rapport_interaction_validate (probe, &error));
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_assert_nonnull (strstr (error->message, "One entry can name at most 500 colleagues"));

  start = g_get_monotonic_time ();
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("Log with %u colleagues refused in %.0f ms", ids->len,
                  rapport_test_elapsed_ms (start));
  rapport_test_assert_error_shown (editor, error->message, TRUE);
  if (editor == NULL)
    return;
  chosen = rapport_colleague_chooser_dup_selected (picker);
  g_assert_cmpuint (chosen->len, ==, ids->len);
  rapport_test_assert_items_unchanged (items, (const char * const *) before);

  /* Trimmed to exactly the limit: logged, naming all 500. */
  rapport_colleague_chooser_set_selected (picker, (const gint64 *) ids->data,
                                          RAPPORT_MAX_INTERACTION_COLLEAGUES);
  g_assert_true (rapport_test_settle (10000, NULL));
  start = g_get_monotonic_time ();
  g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("Log with 500 colleagues saved in %.0f ms", rapport_test_elapsed_ms (start));
  rapport_test_hostile_close (&editor);

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, g_strv_length (before) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (items, i);
      guint n_ids = 0;

      rapport_interaction_get_colleague_ids (interaction, &n_ids);
      if (n_ids == RAPPORT_MAX_INTERACTION_COLLEAGUES)
        {
          for (guint j = 0; j < RAPPORT_MAX_INTERACTION_COLLEAGUES; j++)
            g_assert_true (rapport_interaction_has_colleague (interaction,
                                                              g_array_index (ids, gint64, j)));
          return;
        }
    }
  g_assert_not_reached ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/rapport/interaction-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new", test_new);
  ADD ("log", test_log);
  ADD ("invalid", test_invalid);
  ADD ("prefilled", test_prefilled);
  ADD ("edit", test_edit);
  ADD ("cancel", test_cancel);
  ADD ("hostile-notes", test_hostile_notes);
  ADD ("hostile-direction", test_hostile_direction);
  ADD ("hostile-error-announced", test_hostile_error_announced);
  ADD ("hostile-colleagues", test_hostile_colleagues);

#undef ADD

  return g_test_run ();
}
