/* test-assignment-editor.c
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

#define G_LOG_DOMAIN "rapport-test-assignment-editor"

#include "config.h"

#include <string.h>

#include "rapport-assignment-editor.h"
#include "rapport-store.h"
#include "rapport-test-editor-utils.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;

  fixture->dir = rapport_test_make_tmp_dir ("assignment-editor");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  rapport_test_iterate ();
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Hostile input: this editor as the cases shared in rapport-test-editor-utils.c drive it. */

static GtkWidget *
assignment_open (gpointer  data,
                 GObject  *item)
{
  Fixture *fixture = data;
  RapportAssignmentEditor *editor = rapport_assignment_editor_new (NULL, fixture->store,
                                                                   (RapportAssignment *) item);

  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static void
assignment_fill (GtkWidget *editor)
{
  rapport_test_set_row (editor, "Facility", "Mercy General");
  rapport_test_set_row (editor, "Time Zone", "America/Denver");
}

static GListModel *
assignment_items (gpointer data)
{
  Fixture *fixture = data;

  return rapport_store_get_assignments (fixture->store);
}

static gpointer
assignment_new_item (gpointer data)
{
  RapportAssignment *assignment = rapport_assignment_new ("Mercy General");

  rapport_assignment_set_tz (assignment, "America/Denver");
  return assignment;
}

static gboolean
assignment_validate (gpointer  item,
                     GError  **error)
{
  return rapport_assignment_validate (item, error);
}

static const RapportTestHostileEditor facility = {
  assignment_open, assignment_fill, assignment_items, assignment_new_item, assignment_validate,
  "Facility", "facility", "notes",
};

static const RapportTestHostileEditor agency = {
  assignment_open, assignment_fill, assignment_items, assignment_new_item, assignment_validate,
  "Agency", "agency", "notes",
};

static void
test_hostile_notes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  rapport_test_hostile_notes (&facility, fixture);
}

static void
test_hostile_long_line (Fixture       *fixture,
                        gconstpointer  user_data)
{
  rapport_test_hostile_long_line (&facility, fixture);
  rapport_test_hostile_long_line (&agency, fixture);
}

static void
test_hostile_direction (Fixture       *fixture,
                        gconstpointer  user_data)
{
  rapport_test_hostile_direction (&facility, fixture);
}

static void
test_hostile_line_break (Fixture       *fixture,
                         gconstpointer  user_data)
{
  rapport_test_hostile_line_break (&facility, fixture);
}

static void
test_hostile_error_announced (Fixture       *fixture,
                              gconstpointer  user_data)
{
  rapport_test_hostile_error_announced (&facility, fixture);
}

static gboolean
is_time_zone_hint (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)),
                                          "is not a time zone") != NULL;
}

/* The time zone is checked as it is typed, and the hint says why it is not one: the hint must
 * not repeat a pasted megabyte, nor a value that turns the sentence around. */
static void
test_hostile_time_zone (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char * const zones[] = {
    NULL,   /* a long line, made below */
    "America/\xe2\x80\xae" "revneD",
  };
  g_autofree char *huge = rapport_test_make_text (1024 * 1024, FALSE);
  GtkWidget *editor = NULL;

  rapport_test_hostile_open (&facility, fixture, NULL, &editor);
  rapport_test_iterate ();
  rapport_test_set_row (editor, "Facility", "Mercy General");

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      const char *zone = zones[i] != NULL ? zones[i] : huge;
      gint64 start = g_get_monotonic_time ();
      GtkWidget *hint;

      rapport_test_set_row (editor, "Time Zone", zone);
      g_test_message ("time zone of %zu bytes checked in %.0f ms", strlen (zone),
                      rapport_test_elapsed_ms (start));
      g_assert_false (gtk_widget_get_sensitive (
        gtk_window_get_default_widget (GTK_WINDOW (editor))));
      hint = rapport_test_find_widget (editor, is_time_zone_hint, NULL);
      g_assert_nonnull (hint);
      if (hint == NULL)
        continue;
      g_test_message ("hint of %zu bytes", strlen (gtk_label_get_text (GTK_LABEL (hint))));
      g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (hint))), <, 400);
      g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (hint)), "\xe2\x80\xae"));
    }

  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_assignments (fixture->store)), ==, 0);
  rapport_test_hostile_close (&editor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/rapport/assignment-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("hostile-notes", test_hostile_notes);
  ADD ("hostile-long-line", test_hostile_long_line);
  ADD ("hostile-direction", test_hostile_direction);
  ADD ("hostile-line-break", test_hostile_line_break);
  ADD ("hostile-error-announced", test_hostile_error_announced);
  ADD ("hostile-time-zone", test_hostile_time_zone);

#undef ADD

  return g_test_run ();
}
