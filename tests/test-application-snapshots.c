/* test-application-snapshots.c
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

/* The application's snapshots, on the real keyring and SQLCipher file: the day's snapshot once
 * the window is open, app.restore-snapshot, and a damaged journal offering the newest snapshot.
 * The cases run in order on one journal. */

#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-database.h"
#include "rapport-keyring.h"
#include "rapport-snapshot.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-window.h"

#define WAIT_MS 20000

static RapportApplication *app;
static char *tmp_dir;

static const char *
journal_path (void)
{
  return rapport_profile_get_database_path (rapport_application_get_profile (app));
}

static guint
count_snapshots (RapportSnapshotReason reason)
{
  g_autoptr(GPtrArray) snapshots = rapport_snapshot_list (journal_path (), NULL);
  guint count = 0;

  for (guint i = 0; snapshots != NULL && i < snapshots->len; i++)
    if (rapport_snapshot_get_reason (g_ptr_array_index (snapshots, i)) == reason)
      count++;

  return count;
}

static gboolean
has_daily_snapshot (gpointer data)
{
  return count_snapshots (RAPPORT_SNAPSHOT_REASON_DAILY) > 0;
}

static RapportWindow *
find_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

      window = windows != NULL ? windows->data : NULL;
    }

  return RAPPORT_IS_WINDOW (window) ? RAPPORT_WINDOW (window) : NULL;
}

static gboolean
match_state_stack (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "failure");
}

static const char *
visible_state (void)
{
  RapportWindow *window = find_window ();
  GtkWidget *stack;

  if (window == NULL)
    return NULL;

  stack = rapport_test_find_widget (GTK_WIDGET (window), match_state_stack, NULL);
  return stack != NULL ? gtk_stack_get_visible_child_name (GTK_STACK (stack)) : NULL;
}

static gboolean
shows_state (gpointer state)
{
  return g_strcmp0 (visible_state (), state) == 0;
}

static gboolean
has_store (gpointer data)
{
  return rapport_application_get_store (app) != NULL;
}

static gboolean
match_visible_button (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The window opens the journal (made here with one colleague) and then takes the day's
 * snapshot, once; a second opening the same day takes none. */
static void
test_daily (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  RapportProfile *profile = rapport_application_get_profile (app);

  store = rapport_profile_create (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;
  rapport_test_add_colleague (store, "name", "Dana Whitfield", NULL);
  rapport_database_close (rapport_store_get_database (store));
  g_clear_object (&store);

  g_assert_cmpuint (count_snapshots (RAPPORT_SNAPSHOT_REASON_DAILY), ==, 0);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (rapport_test_wait_until (shows_state, (gpointer) "journal", WAIT_MS));
  g_assert_true (rapport_test_wait_until (has_daily_snapshot, NULL, WAIT_MS));
  g_assert_cmpuint (count_snapshots (RAPPORT_SNAPSHOT_REASON_DAILY), ==, 1);

  /* The journal opens again the same day: still one. */
  rapport_test_wait_ms (200);
  g_application_activate (G_APPLICATION (app));
  rapport_test_wait_ms (500);
  g_assert_cmpuint (count_snapshots (RAPPORT_SNAPSHOT_REASON_DAILY), ==, 1);
}

/* app.restore-snapshot puts the snapshot's journal in place and keeps the current one. */
static void
test_restore_action (void)
{
  g_autoptr(GPtrArray) snapshots = rapport_snapshot_list (journal_path (), NULL);
  RapportStore *store = rapport_application_get_store (app);
  g_autofree char *snapshot_path = NULL;

  g_assert_nonnull (store);
  g_assert_nonnull (snapshots);
  if (store == NULL || snapshots == NULL || snapshots->len == 0)
    return;
  snapshot_path = g_strdup (rapport_snapshot_get_path (g_ptr_array_index (snapshots, 0)));

  rapport_test_add_colleague (store, "name", "Written After The Snapshot", NULL);
  g_assert_true (rapport_test_store_has_colleague (store, "Written After The Snapshot"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-snapshot",
                                  g_variant_new_string (snapshot_path));
  g_assert_true (rapport_test_wait_until (shows_state, (gpointer) "loading", WAIT_MS) ||
                 rapport_application_get_store (app) != store);
  g_assert_true (rapport_test_wait_until (has_store, NULL, WAIT_MS));
  g_assert_true (rapport_test_wait_until (shows_state, (gpointer) "journal", WAIT_MS));

  store = rapport_application_get_store (app);
  g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
  g_assert_false (rapport_test_store_has_colleague (store, "Written After The Snapshot"));
  g_assert_cmpuint (count_snapshots (RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE), ==, 1);
}

/* A damaged journal: the failure page offers the newest snapshot, and its button brings it back. */
static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  RapportStore *store = rapport_application_get_store (app);
  GtkWidget *button;
  gsize length = 0;

  g_assert_nonnull (store);
  if (store == NULL)
    return;

  /* Closed as a restore would, then cut short. */
  g_object_ref (store);
  rapport_application_set_store (app, NULL);
  rapport_database_close (rapport_store_get_database (store));
  g_object_unref (store);

  g_assert_true (g_file_get_contents (journal_path (), &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4096);
  g_assert_true (g_file_set_contents (journal_path (), contents, length - 300, &error));
  g_assert_no_error (error);
  damaged = rapport_test_checksum_file (journal_path ());

  g_application_activate (G_APPLICATION (app));
  g_assert_true (rapport_test_wait_until (shows_state, (gpointer) "failure", WAIT_MS));
  button = rapport_test_find_widget (GTK_WIDGET (find_window ()), match_visible_button,
                                     "Restore Latest Snapshot");
  g_assert_nonnull (button);
  if (button == NULL)
    return;

  /* Nothing was written over the damaged file meanwhile. */
  g_assert_cmpstr (rapport_test_checksum_file (journal_path ()), ==, damaged);

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rapport_test_wait_until (has_store, NULL, WAIT_MS));
  g_assert_true (rapport_test_wait_until (shows_state, (gpointer) "journal", WAIT_MS));
  g_assert_true (rapport_test_store_has_colleague (rapport_application_get_store (app),
                                                   "Dana Whitfield"));
  /* The damaged file is kept as a snapshot. */
  g_assert_cmpuint (count_snapshots (RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GList *windows;
  int ret;

  tmp_dir = rapport_test_make_tmp_dir ("application-snapshots");
  rapport_test_use_home (tmp_dir);

  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

  app = RAPPORT_APPLICATION (rapport_test_register_application (&error));
  if (app == NULL)
    {
      g_printerr ("Cannot register the application: %s\n", error->message);
      rapport_test_remove_tree (tmp_dir);
      return 77;
    }

  g_test_add_func ("/rapport/application-snapshots/daily", test_daily);
  g_test_add_func ("/rapport/application-snapshots/restore-action", test_restore_action);
  g_test_add_func ("/rapport/application-snapshots/damaged", test_damaged);

  ret = g_test_run ();

  rapport_keyring_clear_key (journal_path (), NULL, NULL);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  rapport_application_set_store (app, NULL);
  rapport_test_iterate ();
  g_clear_object (&app);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
