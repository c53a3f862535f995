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

/* Hostile input: what a person types or pastes that the journal must refuse without losing it. */

/* Exactly length bytes of valid UTF-8 (over many lines when multi_line), ending in a letter (the
 * editor trims the end of notes), with accents so that multi-byte characters count in bytes. */
static char *
make_text (gsize    length,
           gboolean multi_line)
{
  GString *text = g_string_sized_new (length + 64);
  const char *end;

  while (text->len < length)
    g_string_append_printf (text, "Line %06u: café with Zoë after the night shift.%s",
                            (guint) (text->len / 50), multi_line ? "\n" : " ");

  g_utf8_validate (text->str, length, &end);
  g_string_truncate (text, end - text->str);
  while (text->len < length)
    g_string_append_c (text, 'x');
  text->str[length - 1] = 'x';

  return g_string_free (text, FALSE);
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* The line the editor shows the store's errors in: a label styled "error" inside a revealer. */
static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && GTK_IS_REVEALER (gtk_widget_get_parent (widget)) &&
         gtk_widget_has_css_class (widget, "error");
}

static GtkWidget *
error_label (gpointer editor)
{
  GtkWidget *label = rapport_test_find_widget (GTK_WIDGET (editor), is_error_label, NULL);

  g_assert_nonnull (label);
  return label;
}

static gboolean
child_revealed (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

/* The editor is still open and shows what the journal said (never the value). With wait, the
 * main loop runs until the line has slid in; without, nothing runs, for editors that hold text
 * the toolkit takes long to lay out. */
static void
assert_error_shown (gpointer    editor,
                    const char *expected,
                    gboolean    wait)
{
  GtkWidget *label;
  GtkRevealer *revealer;

  g_assert_nonnull (editor);
  g_assert_nonnull (expected);
  if (editor == NULL || expected == NULL)
    return;

  label = error_label (editor);
  if (label == NULL)
    return;

  revealer = GTK_REVEALER (gtk_widget_get_parent (label));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_visible (label));
  if (wait)
    {
      g_assert_true (rapport_test_wait_until (child_revealed, revealer, 2000));
      g_assert_true (gtk_widget_get_mapped (label));
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (label))), <, 400);
}

/* GTK 4.8 has no live regions: an error line is read out only if it is an alert or gets the
 * keyboard focus; a plain label that appears is silent for a screen reader. */
static void
assert_error_announced (gpointer editor)
{
  GtkWidget *label = error_label (editor);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor));
  GtkAccessibleRole role;

  if (label == NULL)
    return;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label));
  g_test_message ("error line role %d (alert is %d), focus on %s", role, GTK_ACCESSIBLE_ROLE_ALERT,
                  focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  g_assert_true (role == GTK_ACCESSIBLE_ROLE_ALERT || focus == label);
}

static GtkTextBuffer *
notes_buffer (gpointer editor)
{
  GtkWidget *view = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Empties a text view before the loop runs again, so that laying out what it held (seconds for
 * a megabyte, see the colleague editor's hostile-notes-responsive) is not waited for. */
static void
clear_buffer (GtkTextBuffer *buffer)
{
  gtk_text_buffer_set_text (buffer, "", -1);
  rapport_test_iterate ();
}

/* Saves as the button does; returns whether the editor closed (it saved). The main loop does
 * not run: the editor saves or shows its error before the signal returns. */
static gboolean
press_confirm (gpointer *editor)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (*editor));

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  return *editor == NULL;
}

/* Everything an item says about itself, as text, to compare the journal before and after. */
static char *
describe_item (GObject *item)
{
  g_autofree GParamSpec **specs = NULL;
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (item));
  guint n_specs;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (item), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *contents = NULL;

      if ((specs[i]->flags & G_PARAM_READABLE) == 0 ||
          G_TYPE_IS_OBJECT (specs[i]->value_type))
        continue;

      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (item, specs[i]->name, &value);
      if (G_VALUE_HOLDS (&value, G_TYPE_ARRAY) && g_value_get_boxed (&value) != NULL &&
          g_array_get_element_size (g_value_get_boxed (&value)) == sizeof (gint64))
        {
          GArray *array = g_value_get_boxed (&value);
          GString *elements = g_string_new (NULL);

          for (guint j = 0; j < array->len; j++)
            g_string_append_printf (elements, "%" G_GINT64_FORMAT " ",
                                    g_array_index (array, gint64, j));
          contents = g_string_free (elements, FALSE);
        }
      else if (G_TYPE_IS_BOXED (specs[i]->value_type))
        continue;
      else
        contents = G_VALUE_HOLDS_STRING (&value) ? g_value_dup_string (&value)
                                                 : g_strdup_value_contents (&value);
      g_string_append_printf (text, "\n%s=%s", specs[i]->name, contents);
    }

  return g_string_free (text, FALSE);
}

static GStrv
describe_items (GListModel *model)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = describe_item (item);

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

static void
assert_items_unchanged (GListModel         *model,
                        const char * const *before)
{
  g_auto(GStrv) now = describe_items (model);

  g_assert_cmpuint (g_strv_length (now), ==, g_strv_length ((GStrv) before));
  for (guint i = 0; now[i] != NULL && before[i] != NULL; i++)
    {
      if (!g_str_equal (now[i], before[i]))
        {
          g_auto(GStrv) a = g_strsplit (before[i], "\n", -1);
          g_auto(GStrv) b = g_strsplit (now[i], "\n", -1);

          for (guint j = 0; a[j] != NULL && b[j] != NULL; j++)
            if (!g_str_equal (a[j], b[j]))
              g_test_message ("item %u changed: %.60s -> %.60s", i, a[j], b[j]);
        }
      g_assert_true (g_str_equal (now[i], before[i]));
    }
}

/* What the journal says about item (valid) with one property set to value. */
static char *
error_for (gpointer      item,
           gboolean    (*validate) (gpointer, GError **),
           const char   *property,
           const char   *value)
{
  g_autoptr(GError) error = NULL;

  g_object_set (item, property, value, NULL);
  g_assert_false (validate (item, &error));
  g_assert_nonnull (error);
  g_object_unref (item);

  return error != NULL ? g_strdup (error->message) : NULL;
}

/* U+202E (right-to-left override) and U+2067..U+2069 (isolate) inside a one-line value. */
static const char * const direction_controls[] = {
  "Ahmed \xe2\x80\xae" "nedlaH",
  "Dana \xe2\x81\xa7" "Cohen\xe2\x81\xa9 RN",
};
/* Right-to-left text with the marks people's keyboards add (RLM, LRM): these must save. */
static const char * const right_to_left[] = {
  "\xe2\x80\x8f" "דנה כהן",
  "أحمد الخطيب\xe2\x80\x8e (RN)",
};

/* One editor as the hostile-input cases drive it. */
typedef struct
{
  GtkWidget  *(*open)      (gpointer fixture,
                            GObject *item);     /* presented; the main loop has not run */
  void        (*fill)      (GtkWidget *editor); /* what a new item needs to be saved */
  GListModel *(*items)     (gpointer fixture);
  gpointer    (*new_item)  (gpointer fixture);  /* a valid item, not in the journal */
  gboolean    (*validate)  (gpointer item,
                            GError **error);
  const char   *line_title;                     /* a one-line field: row title, property */
  const char   *line_property;
  const char   *notes_property;
} HostileEditor;

static GObject *
find_item (GListModel *model,
           const char *property,
           const char *value)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      g_object_get (item, property, &text, NULL);
      if (g_strcmp0 (text, value) == 0)
        return item;   /* the store keeps it */
    }

  return NULL;
}

static GtkWidget *
hostile_open (const HostileEditor *he,
              gpointer             fixture,
              GObject             *item,
              GtkWidget          **weak)
{
  *weak = he->open (fixture, item);
  g_object_add_weak_pointer (G_OBJECT (*weak), (gpointer *) weak);

  return *weak;
}

static void
hostile_close (GtkWidget **editor)
{
  if (*editor != NULL)
    gtk_window_destroy (GTK_WINDOW (*editor));
  rapport_test_wait_for_null ((gpointer *) editor, 2000);
  rapport_test_iterate ();
}

/* Ten megabytes of notes are refused and kept in the field; exactly the limit saves; an edit
 * with ten megabytes leaves the item as it was. */
static void
hostile_notes (const HostileEditor *he,
               gpointer             fixture)
{
  g_autofree char *huge = make_text (10 * 1024 * 1024, TRUE);
  g_autofree char *exact = make_text (RAPPORT_MAX_NOTES_LENGTH, TRUE);
  g_autofree char *expected = error_for (he->new_item (fixture), he->validate,
                                         he->notes_property, huge);
  GListModel *items = he->items (fixture);
  g_auto(GStrv) before = describe_items (items);
  g_autofree char *kept = NULL;
  GtkWidget *editor = NULL;
  GObject *saved;
  gint64 start;

  g_assert_nonnull (strstr (expected, "too long"));

  hostile_open (he, fixture, NULL, &editor);
  rapport_test_iterate ();
  he->fill (editor);
  gtk_text_buffer_set_text (notes_buffer (editor), huge, -1);
  start = g_get_monotonic_time ();
  g_assert_false (press_confirm ((gpointer *) &editor));
  g_test_message ("10 MB of notes refused in %.0f ms", elapsed_ms (start));
  assert_error_shown (editor, expected, FALSE);
  if (editor == NULL)
    return;
  kept = buffer_text (notes_buffer (editor));
  g_assert_true (g_str_equal (kept, huge));
  assert_items_unchanged (items, (const char * const *) before);

  gtk_text_buffer_set_text (notes_buffer (editor), exact, -1);
  start = g_get_monotonic_time ();
  g_assert_true (press_confirm ((gpointer *) &editor));
  g_test_message ("1 MiB of notes saved in %.0f ms", elapsed_ms (start));
  hostile_close (&editor);

  saved = find_item (items, he->notes_property, exact);
  g_assert_nonnull (saved);
  if (saved == NULL)
    return;

  g_clear_pointer (&before, g_strfreev);
  before = describe_items (items);
  hostile_open (he, fixture, saved, &editor);
  gtk_text_buffer_set_text (notes_buffer (editor), huge, -1);
  g_assert_false (press_confirm ((gpointer *) &editor));
  assert_error_shown (editor, expected, FALSE);
  assert_items_unchanged (items, (const char * const *) before);
  if (editor != NULL)
    clear_buffer (notes_buffer (editor));
  hostile_close (&editor);
  assert_items_unchanged (items, (const char * const *) before);
}

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
static const HostileEditor interaction_note = {
  interaction_open, interaction_fill, interaction_items, interaction_new_item,
  interaction_validate, NULL, NULL, "body",
};

static void
test_hostile_notes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  hostile_notes (&interaction_note, fixture);
}

/* Notes keep text-direction characters (quoted right-to-left text needs them). */
static void
test_hostile_direction (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GListModel *items = rapport_store_get_interactions (fixture->store);
  GtkWidget *editor = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (direction_controls); i++)
    {
      g_autofree char *body = g_strconcat (right_to_left[i], "\n", direction_controls[i], NULL);

      hostile_open (&interaction_note, fixture, NULL, &editor);
      rapport_test_iterate ();
      gtk_text_buffer_set_text (notes_buffer (editor), body, -1);
      rapport_test_iterate ();
      g_assert_true (press_confirm ((gpointer *) &editor));
      hostile_close (&editor);
      g_assert_nonnull (find_item (items, "body", body));
    }
}

static void
test_hostile_error_announced (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *long_note = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'x');
  g_autofree char *expected = error_for (interaction_new_item (fixture), interaction_validate,
                                         "body", long_note);
  GtkWidget *editor = NULL;

  hostile_open (&interaction_note, fixture, NULL, &editor);
  rapport_test_iterate ();
  gtk_text_buffer_set_text (notes_buffer (editor), long_note, -1);
  g_assert_false (press_confirm ((gpointer *) &editor));
  assert_error_shown (editor, expected, FALSE);
  if (editor != NULL)
    {
      clear_buffer (notes_buffer (editor));
      assert_error_announced (editor);
    }
  hostile_close (&editor);
}

/* Runs the main loop until nothing is pending (at most budget_ms); returns the longest single
 * dispatch, what a person sees as a freeze. */
static double
settle (guint budget_ms)
{
  gint64 start = g_get_monotonic_time ();
  double longest = 0;

  while (g_main_context_pending (NULL) && elapsed_ms (start) < budget_ms)
    {
      gint64 one = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, elapsed_ms (one));
    }

  g_assert_false (g_main_context_pending (NULL));
  return longest;
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
  g_test_message ("10,000 colleagues imported in %.0f ms", elapsed_ms (start));

  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
      gint64 id = rapport_colleague_get_id (colleague);

      if (!rapport_colleague_get_archived (colleague))
        g_array_append_val (ids, id);
    }
  g_assert_cmpuint (ids->len, >=, 10000);
  before = describe_items (items);

  start = g_get_monotonic_time ();
  hostile_open (&interaction_note, fixture, NULL, &editor);
  longest = settle (10000);
  g_test_message ("editor with 10,002 colleagues to choose from open in %.0f ms (longest "
                  "dispatch %.0f ms)", elapsed_ms (start), longest);
  picker = chooser ((RapportInteractionEditor *) editor);
  list_view = rapport_test_find_by_type (GTK_WIDGET (picker), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);

  /* Ticked one by one, as a person clicks rows: each tick re-sorts the chosen names. */
  start = g_get_monotonic_time ();
  for (guint i = 1; i <= 200; i++)
    g_signal_emit_by_name (list_view, "activate", i);
  longest = settle (10000);
  g_test_message ("200 rows ticked one by one in %.0f ms", elapsed_ms (start));

  /* All of them through the chooser's API, as an edit loads its colleagues. */
  start = g_get_monotonic_time ();
  rapport_colleague_chooser_set_selected (picker, (const gint64 *) ids->data, ids->len);
  g_test_message ("%u colleagues chosen in %.0f ms", ids->len, elapsed_ms (start));
  start = g_get_monotonic_time ();
  longest = settle (30000);
  g_test_message ("then laid out in %.0f ms, the loop blocked up to %.0f ms", elapsed_ms (start),
                  longest);
  g_assert_cmpfloat (longest, <, 1000);

  start = g_get_monotonic_time ();
  g_signal_emit_by_name (list_view, "activate", 0u);
  g_signal_emit_by_name (list_view, "activate", 0u);
  longest = settle (10000);
  g_test_message ("one row unticked and ticked again with %u chosen: %.0f ms", ids->len,
                  elapsed_ms (start));

  rapport_interaction_set_colleague_ids (probe, (const gint64 *) ids->data, ids->len);
  g_assert_false (rapport_interaction_validate (probe, &error));
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_assert_nonnull (strstr (error->message, "One entry can name at most 500 colleagues"));

  start = g_get_monotonic_time ();
  g_assert_false (press_confirm ((gpointer *) &editor));
  g_test_message ("Log with %u colleagues refused in %.0f ms", ids->len, elapsed_ms (start));
  assert_error_shown (editor, error->message, TRUE);
  if (editor == NULL)
    return;
  chosen = rapport_colleague_chooser_dup_selected (picker);
  g_assert_cmpuint (chosen->len, ==, ids->len);
  assert_items_unchanged (items, (const char * const *) before);

  /* Trimmed to exactly the limit: logged, naming all 500. */
  rapport_colleague_chooser_set_selected (picker, (const gint64 *) ids->data,
                                          RAPPORT_MAX_INTERACTION_COLLEAGUES);
  settle (10000);
  start = g_get_monotonic_time ();
  g_assert_true (press_confirm ((gpointer *) &editor));
  g_test_message ("Log with 500 colleagues saved in %.0f ms", elapsed_ms (start));
  hostile_close (&editor);

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
