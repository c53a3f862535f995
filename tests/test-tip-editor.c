/* test-tip-editor.c
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

#define G_LOG_DOMAIN "rapport-test-tip-editor"

#include "config.h"

#include "rapport-store.h"
#include "rapport-test-editor-utils.h"
#include "rapport-test-utils.h"
#include "rapport-tip-editor.h"

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
  gint64           assignment;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Mercy General");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rapport_test_make_tmp_dir ("tip-editor");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);

  rapport_assignment_set_tz (assignment, "America/Denver");
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  fixture->assignment = rapport_assignment_get_id (assignment);
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
tip_open (gpointer  data,
          GObject  *item)
{
  Fixture *fixture = data;
  RapportTipEditor *editor = rapport_tip_editor_new (NULL, fixture->store, fixture->assignment,
                                                     (RapportTip *) item);

  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static void
tip_fill (GtkWidget *editor)
{
  rapport_test_set_row (editor, "Title", "Green chile at Frontier");
}

static GListModel *
tip_items (gpointer data)
{
  Fixture *fixture = data;

  return rapport_store_get_tips (fixture->store);
}

static gpointer
tip_new_item (gpointer data)
{
  Fixture *fixture = data;

  return rapport_tip_new (fixture->assignment, RAPPORT_TIP_CATEGORY_FOOD, "Green chile");
}

static gboolean
tip_validate (gpointer  item,
              GError  **error)
{
  return rapport_tip_validate (item, error);
}

static const RapportTestHostileEditor tip_editor = {
  tip_open, tip_fill, tip_items, tip_new_item, tip_validate, "Title", "title", "body",
};

static const RapportTestHostileEditor tip_address = {
  tip_open, tip_fill, tip_items, tip_new_item, tip_validate, "Address", "address", "body",
};

static void
test_hostile_notes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  rapport_test_hostile_notes (&tip_editor, fixture);
}

static void
test_hostile_long_line (Fixture       *fixture,
                        gconstpointer  user_data)
{
  rapport_test_hostile_long_line (&tip_editor, fixture);
  rapport_test_hostile_long_line (&tip_address, fixture);
}

static void
test_hostile_direction (Fixture       *fixture,
                        gconstpointer  user_data)
{
  rapport_test_hostile_direction (&tip_editor, fixture);
}

static void
test_hostile_line_break (Fixture       *fixture,
                         gconstpointer  user_data)
{
  rapport_test_hostile_line_break (&tip_editor, fixture);
}

static void
test_hostile_error_announced (Fixture       *fixture,
                              gconstpointer  user_data)
{
  rapport_test_hostile_error_announced (&tip_editor, fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/rapport/tip-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("hostile-notes", test_hostile_notes);
  ADD ("hostile-long-line", test_hostile_long_line);
  ADD ("hostile-direction", test_hostile_direction);
  ADD ("hostile-line-break", test_hostile_line_break);
  ADD ("hostile-error-announced", test_hostile_error_announced);

#undef ADD

  return g_test_run ();
}
