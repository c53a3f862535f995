/* test-preferences-window.c
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
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-preferences-window.h"
#include "rapport-snapshot.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

/* The Snapshots group of the preferences. The window lists the files in the profile's
 * snapshots folder, so the journal here is any file: the snapshot unit's own tests prove that
 * snapshots open. The application's app.restore-snapshot is replaced by a stand-in that
 * records the path it is given. */

#define WAIT_MS 10000

#define EMPTY_TEXT "Rapport keeps a copy of your journal each day you use it. None yet."

static RapportApplication *app;
static char *tmp_dir;
static char *restored_path;
static guint n_restores;

typedef struct
{
  char           *data_dir;
  RapportProfile *profile;
  GtkWidget      *preferences;
} Fixture;

/* Helpers */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
restore_snapshot_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  g_free (restored_path);
  restored_path = g_variant_dup_string (parameter, NULL);
  n_restores++;
}

static RapportSnapshot *
take_snapshot (Fixture              *fixture,
               RapportSnapshotReason reason,
               GDateTime            *when)
{
  g_autoptr(GError) error = NULL;
  RapportSnapshot *snapshot;

  snapshot = rapport_snapshot_take_file (rapport_profile_get_database_path (fixture->profile),
                                         reason, when, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

static void
open_preferences (Fixture *fixture)
{
  fixture->preferences = rapport_preferences_window_new (NULL, fixture->profile);
  gtk_window_present (GTK_WINDOW (fixture->preferences));
  g_assert_true (rapport_test_wait_until (is_mapped, fixture->preferences, WAIT_MS));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *journal = NULL;

  fixture->data_dir = g_build_filename (tmp_dir, "profile", NULL);
  rapport_test_remove_tree (fixture->data_dir);
  fixture->profile = rapport_profile_new (fixture->data_dir);

  /* Encrypted bytes for all the window knows: any will do. */
  journal = g_strdup (rapport_profile_get_database_path (fixture->profile));
  g_assert_cmpint (g_mkdir_with_parents (fixture->data_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (journal, "not really a journal", -1, NULL));

  g_clear_pointer (&restored_path, g_free);
  n_restores = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->preferences != NULL)
    {
      gpointer weak = fixture->preferences;

      g_object_add_weak_pointer (G_OBJECT (fixture->preferences), &weak);
      gtk_window_destroy (GTK_WINDOW (fixture->preferences));
      g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
      if (weak != NULL)
        g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
    }

  g_assert_finalize_object (fixture->profile);
  g_assert_true (rapport_test_remove_tree (fixture->data_dir));
  g_free (fixture->data_dir);
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent &&
          gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static void
close_message_dialog (AdwMessageDialog *dialog,
                      const char       *response)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
}

static GtkWidget *
find_snapshot_row (Fixture    *fixture,
                   const char *title)
{
  return rapport_test_find_row (fixture->preferences, ADW_TYPE_ACTION_ROW, title);
}

static gboolean
row_appears (gpointer data)
{
  Fixture *fixture = data;

  return find_snapshot_row (fixture, "Before an update — 21 November 2020") != NULL;
}

static char *
exact_time (RapportSnapshot *snapshot)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (rapport_snapshot_get_time (snapshot));

  return g_date_time_format (local, "%-d %B %Y at %H:%M");
}

/* Tests */

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  open_preferences (fixture);

  g_assert_nonnull (find_snapshot_row (fixture, EMPTY_TEXT));
  g_assert_null (rapport_test_find_button (fixture->preferences, "Restore…"));
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      9, 30, 0);
  g_autoptr(GDateTime) yesterday_morning = g_date_time_add_days (today, -1);
  g_autoptr(GDateTime) yesterday = g_date_time_add_full (yesterday_morning, 0, 0, 0, 10, 45, 0);
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2020, 11, 21, 12, 0, 0);
  g_autoptr(RapportSnapshot) daily = NULL;
  g_autoptr(RapportSnapshot) restore = NULL;
  g_autoptr(RapportSnapshot) update = NULL;
  const char * const titles[] = {
    "Today at 09:30 — automatic",
    "Before a restore — yesterday at 20:15",
    "Before an update — 21 November 2020",
  };
  GtkWidget *rows[G_N_ELEMENTS (titles)];

  update = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_MIGRATION, long_ago);
  restore = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE, yesterday);
  daily = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, today);

  open_preferences (fixture);
  g_assert_null (find_snapshot_row (fixture, EMPTY_TEXT));

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      rows[i] = find_snapshot_row (fixture, titles[i]);
      g_assert_nonnull (rows[i]);
    }

  /* Newest first, one after the other in the group's list. */
  if (rows[0] != NULL && rows[1] != NULL && rows[2] != NULL)
    {
      g_assert_true (gtk_widget_get_next_sibling (rows[0]) == rows[1]);
      g_assert_true (gtk_widget_get_next_sibling (rows[1]) == rows[2]);
    }

  /* The exact time and the size underneath, and a Restore button named after the time. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      RapportSnapshot *snapshot = i == 0 ? daily : i == 1 ? restore : update;
      g_autofree char *when = exact_time (snapshot);
      g_autofree char *label = g_strdup_printf ("Restore Snapshot From %s", when);
      g_autofree char *mismatch = NULL;
      GtkWidget *button;

      if (rows[i] == NULL)
        continue;

      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[i])),
                                       when));
      button = rapport_test_find_button (rows[i], "Restore…");
      g_assert_nonnull (button);
      if (button == NULL)
        continue;
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      g_assert_null (mismatch);
    }
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2020, 11, 21, 12, 0, 0);
  g_autoptr(RapportSnapshot) update = NULL;
  g_autoptr(RapportSnapshot) daily = NULL;
  g_autofree char *when = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row, *button;

  update = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_MIGRATION, long_ago);
  daily = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, NULL);
  when = exact_time (update);

  open_preferences (fixture);
  row = find_snapshot_row (fixture, "Before an update — 21 November 2020");
  g_assert_nonnull (row);
  if (row == NULL)
    return;
  button = rapport_test_find_button (row, "Restore…");
  g_assert_nonnull (button);
  if (button == NULL)
    return;

  /* Asked first; declining changes nothing. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rapport_test_wait_until (has_message_dialog, fixture->preferences, WAIT_MS));
  dialog = find_message_dialog (GTK_WINDOW (fixture->preferences));
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), when));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "current journal is kept as a snapshot first"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  close_message_dialog (dialog, "cancel");
  g_assert_cmpuint (n_restores, ==, 0);

  /* Accepting hands that snapshot's path to the application. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rapport_test_wait_until (has_message_dialog, fixture->preferences, WAIT_MS));
  dialog = find_message_dialog (GTK_WINDOW (fixture->preferences));
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  close_message_dialog (dialog, "restore");
  g_assert_cmpuint (n_restores, ==, 1);
  g_assert_cmpstr (restored_path, ==, rapport_snapshot_get_path (update));
}

static void
test_updates (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2020, 11, 21, 12, 0, 0);
  g_autoptr(RapportSnapshot) update = NULL;
  g_autoptr(RapportSnapshot) daily = NULL;

  /* The folder is there but empty when the window opens. */
  daily = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, NULL);
  g_assert_cmpint (g_unlink (rapport_snapshot_get_path (daily)), ==, 0);

  open_preferences (fixture);
  g_assert_nonnull (find_snapshot_row (fixture, EMPTY_TEXT));

  /* A snapshot taken while the window is open shows up on its own. */
  update = take_snapshot (fixture, RAPPORT_SNAPSHOT_REASON_MIGRATION, long_ago);
  g_assert_true (rapport_test_wait_until (row_appears, fixture, WAIT_MS));
  g_assert_null (find_snapshot_row (fixture, EMPTY_TEXT));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleAction) action = NULL;
  int ret;

  tmp_dir = rapport_test_make_tmp_dir ("preferences-window");
  {
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);
    g_autofree char *config = g_build_filename (tmp_dir, "config", NULL);
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

  app = rapport_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error) ||
      g_application_get_is_remote (G_APPLICATION (app)))
    {
      g_printerr ("Cannot register the application on the session bus: %s\n",
                  error != NULL ? error->message : "another instance is running");
      rapport_test_remove_tree (tmp_dir);
      return 77;
    }

  /* Whatever the application does on restore, the window's part ends with this call. */
  action = g_simple_action_new ("restore-snapshot", G_VARIANT_TYPE_STRING);
  g_signal_connect (action, "activate", G_CALLBACK (restore_snapshot_cb), NULL);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));

#define ADD(name, func) \
  g_test_add ("/rapport/preferences-window/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("snapshots-empty", test_empty);
  ADD ("snapshots", test_rows);
  ADD ("restore-snapshot", test_restore);
  ADD ("snapshots-update", test_updates);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&restored_path, g_free);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
