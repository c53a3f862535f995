/* test-backup-dialog.c
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
#include "rapport-backup-dialog.h"
#include "rapport-database.h"
#include "rapport-keyring.h"
#include "rapport-preferences-window.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

/* The dialog drives a registered RapportApplication whose profile lives in a folder of ours and
 * whose key is in the test session's keyring. The file dialogs are skipped with
 * rapport_backup_dialog_set_file(); everything after them runs for real. */

#define WAIT_MS 20000
#define PASSPHRASE "Correct Horse 42"

static RapportApplication *app;
static char *tmp_dir;

/* Helpers */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
match_label_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return rapport_test_find_widget (root, match_label_text, text);
}

/* The application's journal, made on first use, with Dana in it. */
static RapportStore *
ensure_journal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  RapportProfile *profile = rapport_application_get_profile (app);

  if (rapport_application_get_store (app) != NULL)
    return rapport_application_get_store (app);

  if (rapport_profile_has_journal (profile))
    store = rapport_profile_open (profile, NULL, &error);
  else
    store = rapport_profile_create (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (!rapport_test_store_has_colleague (store, "Dana Whitfield"))
    rapport_test_add_colleague (store, "name", "Dana Whitfield", NULL);
  rapport_application_set_store (app, store);

  return store;
}

static char *
make_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
remove_file (const char *path)
{
  g_unlink (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The colleagues' names in a backup, read back through the core API with a throwaway key. */
static gboolean
backup_has_colleague (const char *backup,
                      const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = make_path ("check.db");
  RapportDatabase *database = NULL;
  RapportStore *store;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  gboolean found;

  remove_file (copy);
  rapport_test_random_key (key);
  g_assert_true (rapport_database_restore_backup (backup, PASSPHRASE, copy, key, NULL, &error));
  g_assert_no_error (error);

  store = rapport_test_open_store (copy, key, RAPPORT_DATABASE_OPEN_EXISTING, &database);
  found = rapport_test_store_has_colleague (store, name);
  rapport_test_close_store (store, database);
  remove_file (copy);

  return found;
}

static RapportBackupDialog *
open_dialog (RapportBackupDialogMode  mode,
             const char              *path)
{
  RapportBackupDialog *dialog = rapport_backup_dialog_new (app, NULL, mode);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      rapport_backup_dialog_set_file (dialog, file);
    }

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_until (is_mapped, dialog, WAIT_MS));
  rapport_test_iterate ();

  return dialog;
}

static GtkWidget *
get_row (RapportBackupDialog *dialog,
         const char          *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
get_button (RapportBackupDialog *dialog,
            const char          *label)
{
  GtkWidget *button = rapport_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  return button;
}

static const char *
visible_page (RapportBackupDialog *dialog)
{
  GtkWidget *stack = rapport_test_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_on_passphrase_page (gpointer data)
{
  return g_strcmp0 (visible_page (data), "passphrase") == 0;
}

static void
type_text (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  rapport_test_iterate ();
}

static void
toast_cb (RapportBackupDialog  *dialog,
          AdwToast             *toast,
          char                **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

/* The confirmation a restore asks first, once it is shown. */
static AdwMessageDialog *
find_confirmation (RapportBackupDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        {
          if (ADW_IS_MESSAGE_DIALOG (l->data) &&
              gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog) &&
              gtk_widget_get_visible (l->data))
            return l->data;
        }
      rapport_test_wait_ms (20);
    }

  return NULL;
}

/* Tests */

static void
test_back_up (void)
{
  g_autofree char *backup = make_path ("dialog.rapport-backup");
  g_autofree char *toast = NULL;
  RapportBackupDialog *dialog;
  GtkWidget *passphrase, *confirm, *button;
  gpointer weak;

  ensure_journal ();
  remove_file (backup);

  dialog = open_dialog (RAPPORT_BACKUP_DIALOG_BACK_UP, backup);
  g_signal_connect (dialog, "add-toast", G_CALLBACK (toast_cb), &toast);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Back Up Journal");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  passphrase = get_row (dialog, "Passphrase");
  confirm = get_row (dialog, "Repeat Passphrase");
  button = get_button (dialog, "Back Up");
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (dialog), match_label_text,
                                              "only way to open"));

  /* Not until the passphrase is long enough and typed twice the same; the hint says why. */
  g_assert_false (gtk_widget_get_sensitive (button));
  type_text (passphrase, "short");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "at least 8 characters"));

  type_text (passphrase, PASSPHRASE);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "again to confirm"));

  type_text (confirm, "Correct Horse 43");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "not the same"));

  type_text (confirm, PASSPHRASE);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_null (find_label (GTK_WIDGET (dialog), "not the same"));

  /* The work runs off the main thread behind a spinner, then the dialog closes with a toast. */
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (visible_page (dialog), ==, "progress");
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (
    rapport_test_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_SPINNER))));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Backing Up"));

  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  g_assert_cmpstr (toast, ==, "Journal backed up to “dialog.rapport-backup”");
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_true (backup_has_colleague (backup, "Dana Whitfield"));
}

static void
test_back_up_fails (void)
{
  g_autofree char *backup = make_path ("no-such-folder/dialog.rapport-backup");
  RapportBackupDialog *dialog;
  GtkWidget *button;

  ensure_journal ();

  /* A folder that is not there: the dialog stays, says what went wrong, and can try again. */
  dialog = open_dialog (RAPPORT_BACKUP_DIALOG_BACK_UP, backup);
  type_text (get_row (dialog, "Passphrase"), PASSPHRASE);
  type_text (get_row (dialog, "Repeat Passphrase"), PASSPHRASE);
  button = get_button (dialog, "Back Up");
  g_signal_emit_by_name (button, "clicked");

  g_assert_true (rapport_test_wait_until (is_on_passphrase_page, dialog, WAIT_MS));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Could not write"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  rapport_test_iterate ();
}

static void
test_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = make_path ("restore.rapport-backup");
  g_autofree char *toast = NULL;
  RapportStore *store = ensure_journal ();
  RapportBackupDialog *dialog;
  AdwMessageDialog *confirmation;
  GtkWidget *passphrase, *button, *error_label;
  gpointer weak;

  /* The backup has Mina; the journal, by the time it is restored, has Rosa too. */
  remove_file (backup);
  rapport_test_add_colleague (store, "name", "Mina Sato", NULL);
  g_assert_true (rapport_database_export_backup (rapport_store_get_database (store), backup,
                                                 PASSPHRASE, NULL, &error));
  g_assert_no_error (error);
  rapport_test_add_colleague (store, "name", "Rosa Diaz", NULL);

  dialog = open_dialog (RAPPORT_BACKUP_DIALOG_RESTORE, backup);
  g_signal_connect (dialog, "add-toast", G_CALLBACK (toast_cb), &toast);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Restore From Backup");
  /* One passphrase field: it is typed once, to open the backup. */
  g_assert_false (gtk_widget_get_visible (get_row (dialog, "Repeat Passphrase")));

  /* First the question, with the destructive answer. */
  confirmation = find_confirmation (dialog);
  g_assert_nonnull (confirmation);
  if (confirmation == NULL)
    return;
  g_assert_cmpstr (adw_message_dialog_get_heading (confirmation), ==, "Replace Your Journal?");
  g_assert_true (adw_message_dialog_has_response (confirmation, "replace"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirmation, "replace"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_response_label (confirmation, "replace"), ==, "Replace");
  adw_message_dialog_response (confirmation, "replace");
  rapport_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "restore.rapport-backup"));

  passphrase = get_row (dialog, "Passphrase");
  button = get_button (dialog, "Restore");
  g_assert_false (gtk_widget_get_sensitive (button));

  /* A wrong passphrase: said so, on the passphrase page, and the journal is as it was. */
  type_text (passphrase, "correct horse 42");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (visible_page (dialog), ==, "progress");
  g_assert_true (rapport_test_wait_until (is_on_passphrase_page, dialog, WAIT_MS));
  error_label = find_label (GTK_WIDGET (dialog), "does not open the backup");
  g_assert_nonnull (error_label);
  if (error_label == NULL)
    return;
  g_assert_true (gtk_widget_has_css_class (error_label, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "case-sensitive"));
  g_assert_null (toast);
  g_assert_true (rapport_test_store_has_colleague (rapport_application_get_store (app),
                                                   "Rosa Diaz"));

  /* Typing again clears the message; the right passphrase restores and closes. */
  type_text (passphrase, PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (error_label));

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  g_assert_cmpstr (toast, ==, "Journal restored from “restore.rapport-backup”");
  store = rapport_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_true (rapport_test_store_has_colleague (store, "Mina Sato"));
  g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
  g_assert_false (rapport_test_store_has_colleague (store, "Rosa Diaz"));
}

static void
test_restore_declined (void)
{
  g_autofree char *backup = make_path ("declined.rapport-backup");
  RapportStore *store = ensure_journal ();
  RapportBackupDialog *dialog;
  AdwMessageDialog *confirmation;
  gpointer weak;

  g_assert_true (g_file_set_contents (backup, "not used", -1, NULL));
  dialog = open_dialog (RAPPORT_BACKUP_DIALOG_RESTORE, backup);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);

  confirmation = find_confirmation (dialog);
  g_assert_nonnull (confirmation);
  if (confirmation != NULL)
    adw_message_dialog_response (confirmation, "cancel");

  /* Nothing happened: the dialog is gone and the same journal is open. */
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_true (rapport_application_get_store (app) == store);
}

static RapportBackupDialog *
find_backup_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (RAPPORT_IS_BACKUP_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent)
        return l->data;
    }

  return NULL;
}

static void
test_preferences (void)
{
  RapportProfile *profile = rapport_application_get_profile (app);
  RapportBackupDialog *dialog;
  AdwToast *toast;
  GtkWidget *preferences, *row;
  gpointer weak;

  ensure_journal ();
  preferences = rapport_preferences_window_new (NULL, profile);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (rapport_test_wait_until (is_mapped, preferences, WAIT_MS));

  g_assert_nonnull (rapport_test_find_row (preferences, ADW_TYPE_ACTION_ROW,
                                           "Restore From Backup…"));
  row = rapport_test_find_row (preferences, ADW_TYPE_ACTION_ROW, "Back Up Journal…");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activated");
  rapport_test_iterate ();

  dialog = find_backup_dialog (GTK_WINDOW (preferences));
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Back Up Journal");

  /* The dialog's toast lands in the preferences window. */
  toast = adw_toast_new ("Backed up for the test");
  g_signal_emit_by_name (dialog, "add-toast", toast);
  g_object_unref (toast);
  rapport_test_iterate ();
  g_assert_nonnull (find_label (preferences, "Backed up for the test"));

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);

  gtk_window_destroy (GTK_WINDOW (preferences));
  rapport_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = rapport_test_make_tmp_dir ("backup-dialog");
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

  g_test_add_func ("/rapport/backup-dialog/back-up", test_back_up);
  g_test_add_func ("/rapport/backup-dialog/back-up-fails", test_back_up_fails);
  g_test_add_func ("/rapport/backup-dialog/restore", test_restore);
  g_test_add_func ("/rapport/backup-dialog/restore-declined", test_restore_declined);
  g_test_add_func ("/rapport/backup-dialog/preferences", test_preferences);

  ret = g_test_run ();

  /* The key this run put into the keyring goes with the folder. */
  rapport_keyring_clear_key (rapport_profile_get_database_path (rapport_application_get_profile (app)),
                             NULL, NULL);
  rapport_application_set_store (app, NULL);
  g_clear_object (&app);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
