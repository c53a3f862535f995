/* test-window.c
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

#define G_LOG_DOMAIN "rapport-test-window"

#include "config.h"

#include <string.h>

#include "rapport-application.h"
#include "rapport-assignments-page.h"
#include "rapport-colleagues-page.h"
#include "rapport-journal-page.h"
#include "rapport-preferences-window.h"
#include "rapport-recovery-code-dialog.h"
#include "rapport-search-page.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-today-page.h"
#include "rapport-unlock-page.h"
#include "rapport-window.h"

/* The window needs a registered RapportApplication. It registers on the test session bus under
 * its real id; the tests run one at a time, so no other instance holds the name. */

#define WAIT_MS 10000
#define TEST_CODE "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD"

static RapportApplication *app;
static char *tmp_dir;
static guint n_databases;

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
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_action_name (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
match_state_stack (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "journal") != NULL;
}

static const char *
visible_state (RapportWindow *window)
{
  GtkWidget *stack = rapport_test_find_widget (GTK_WIDGET (window), match_state_stack, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static AdwViewStack *
get_view_stack (RapportWindow *window)
{
  GtkWidget *view_stack = rapport_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (view_stack);
  return ADW_VIEW_STACK (view_stack);
}

/* A store on a new database with a random key; the tests never need the keyring for it. */
static RapportStore *
make_store (void)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_random_key (key);
  name = g_strdup_printf ("test-%u.db", ++n_databases);
  path = g_build_filename (tmp_dir, name, NULL);

  return rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE, NULL);
}

static RapportColleague *
add_colleague (RapportStore *store,
               const char   *name,
               const char   *role,
               const char   *birthday)
{
  return rapport_test_add_colleague (store, "name", name, "role", role, "birthday", birthday, NULL);
}

/* Opens a window on store (NULL: none) showing the journal, mapped. */
static RapportWindow *
open_window (RapportStore *store,
             int           width,
             int           height)
{
  RapportWindow *window;

  rapport_application_set_store (app, store);
  window = rapport_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  rapport_window_show_journal (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rapport_test_wait_until (is_mapped, window, WAIT_MS));
  rapport_test_iterate ();

  return window;
}

/* Destroys the window and checks that nothing else kept it alive. */
static void
close_window (RapportWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), &weak);

  rapport_application_set_store (app, NULL);
}

static void close_dialogs (RapportWindow *window);

/* Tests */

static void
test_window_opens (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Rapport");
  g_assert_cmpstr (visible_state (window), ==, "journal");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  /* The view on screen and the search got the application's store; the other views get it when
   * they are first shown, or first asked to do something. */
  g_assert_true (rapport_today_page_get_store (RAPPORT_TODAY_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE))) == store);
  g_assert_true (rapport_search_page_get_store (RAPPORT_SEARCH_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_SEARCH_PAGE))) == store);
  g_assert_null (rapport_colleagues_page_get_store (RAPPORT_COLLEAGUES_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_COLLEAGUES_PAGE))));
  g_assert_null (rapport_journal_page_get_store (RAPPORT_JOURNAL_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_JOURNAL_PAGE))));

  adw_view_stack_set_visible_child_name (get_view_stack (window), "colleagues");
  g_assert_true (rapport_colleagues_page_get_store (RAPPORT_COLLEAGUES_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_COLLEAGUES_PAGE))) == store);
  g_assert_null (rapport_assignments_page_get_store (RAPPORT_ASSIGNMENTS_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_ASSIGNMENTS_PAGE))));

  /* Adding an assignment opens its view on the way. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-assignment", NULL);
  g_assert_true (rapport_assignments_page_get_store (RAPPORT_ASSIGNMENTS_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_ASSIGNMENTS_PAGE))) == store);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==,
                   "assignments");
  close_dialogs (window);

  /* A view keeps the store once open. */
  adw_view_stack_set_visible_child_name (get_view_stack (window), "today");
  g_assert_true (rapport_colleagues_page_get_store (RAPPORT_COLLEAGUES_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_COLLEAGUES_PAGE))) == store);

  /* Locking the journal closes every view. */
  rapport_application_set_store (app, NULL);
  g_assert_null (rapport_today_page_get_store (RAPPORT_TODAY_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE))));
  g_assert_null (rapport_colleagues_page_get_store (RAPPORT_COLLEAGUES_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_COLLEAGUES_PAGE))));
  g_assert_null (rapport_search_page_get_store (RAPPORT_SEARCH_PAGE (
    rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_SEARCH_PAGE))));

  close_window (window);
}

static void
test_window_views (void)
{
  const struct {
    const char *name;
    const char *title;
    GType       type;
  } views[] = {
    { "today", "Today", RAPPORT_TYPE_TODAY_PAGE },
    { "colleagues", "Colleagues", RAPPORT_TYPE_COLLEAGUES_PAGE },
    { "assignments", "Assignments", RAPPORT_TYPE_ASSIGNMENTS_PAGE },
    { "journal", "Journal", RAPPORT_TYPE_JOURNAL_PAGE },
  };
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);
  AdwViewStack *view_stack = get_view_stack (window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (view_stack);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (views));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_autoptr(GtkIconPaintable) icon = NULL;
      GtkIconTheme *theme;

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, views[i].name);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, views[i].title);
      /* Real pages, not the "coming soon" status pages they replaced. */
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (adw_view_stack_page_get_child (page),
                                                 views[i].type));

      /* The icon must exist in the theme, or the switcher shows a broken image. */
      theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
      g_assert_true (gtk_icon_theme_has_icon (theme, adw_view_stack_page_get_icon_name (page)));
    }

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "today");

  close_window (window);
}

/* Ctrl+Z does what the newest toast's Undo does, while that toast shows; nothing otherwise. */
static void
button_clicked_cb (AdwToast *toast,
                   guint    *clicks)
{
  (*clicks)++;
}

static void
test_window_undo (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.undo");
  AdwToast *older = adw_toast_new ("“Coffee” deleted");
  AdwToast *newer = adw_toast_new ("“Call” deleted");
  guint older_clicks = 0;
  guint newer_clicks = 0;

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>z");

  /* Nothing to undo yet, or only a toast without Undo: the action is there, and quiet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  rapport_window_add_toast (window, adw_toast_new ("Saved"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  rapport_test_iterate ();

  adw_toast_set_button_label (older, "Undo");
  adw_toast_set_button_label (newer, "Undo");
  g_signal_connect (older, "button-clicked", G_CALLBACK (button_clicked_cb), &older_clicks);
  g_signal_connect (newer, "button-clicked", G_CALLBACK (button_clicked_cb), &newer_clicks);
  rapport_window_add_toast (window, older);
  rapport_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  rapport_test_wait_ms (400);
  g_assert_cmpuint (older_clicks, ==, 1);

  /* The Undo it did has gone with its toast: Ctrl+Z now does the next one, then nothing. */
  rapport_window_add_toast (window, newer);
  rapport_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  rapport_test_wait_ms (400);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  rapport_test_iterate ();
  g_assert_cmpuint (older_clicks, ==, 1);
  g_assert_cmpuint (newer_clicks, ==, 1);

  close_window (window);
}

static void
test_window_show_view (void)
{
  static const char * const names[] = { "colleagues", "assignments", "journal", "today" };
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);
  AdwViewStack *view_stack = get_view_stack (window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                                 names[i]));
      rapport_test_iterate ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, names[i]);
    }

  /* The shortcut for a view is the same action with a target. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-view::journal");

    g_assert_cmpuint (g_strv_length (accels), ==, 1);
    g_assert_cmpstr (accels[0], ==, "<Alt>4");
  }

  /* While the journal is not open, the views do not switch. */
  rapport_window_show_loading (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "journal");
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "today");

  close_window (window);
}

static void
test_window_unlock (void)
{
  g_autoptr(GError) reason = NULL;
  RapportWindow *window = open_window (NULL, 1280, 720);
  GtkWidget *unlock_page, *status_page, *add_button;
  const char *description;

  g_set_error_literal (&reason, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE,
                       "The login keyring is locked & closed. Unlock it, then try again.");
  rapport_window_show_unlock (window, reason);
  rapport_test_iterate ();

  g_assert_cmpstr (visible_state (window), ==, "unlock");

  unlock_page = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_UNLOCK_PAGE);
  g_assert_nonnull (unlock_page);
  g_assert_true (gtk_widget_get_mapped (unlock_page));
  g_assert_true (rapport_unlock_page_get_profile (RAPPORT_UNLOCK_PAGE (unlock_page)) ==
                 rapport_application_get_profile (app));

  status_page = rapport_test_find_by_type (unlock_page, ADW_TYPE_STATUS_PAGE);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Your Journal Is Locked");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (status_page));
  g_assert_nonnull (strstr (description, "untouched"));
  /* Shown as text, not parsed as markup: the "&" survives. */
  g_assert_nonnull (rapport_test_find_widget (status_page, match_label_text,
                                              "The login keyring is locked & closed. Unlock it, "
                                              "then try again.\n\nYour journal and its file are "
                                              "untouched."));

  g_assert_nonnull (rapport_test_find_button (unlock_page, "Retry"));
  g_assert_nonnull (rapport_test_find_button (unlock_page, "Use Recovery Code"));

  /* Journal actions are off while locked: the Add button follows its action. */
  add_button = rapport_test_find_widget (GTK_WIDGET (window), match_action_name,
                                         "win.add-colleague");
  g_assert_nonnull (add_button);
  g_assert_false (gtk_widget_get_sensitive (add_button));

  rapport_window_show_journal (window);
  rapport_test_iterate ();
  g_assert_true (gtk_widget_get_sensitive (add_button));

  close_window (window);
}

static void
test_window_failure (void)
{
  RapportWindow *window = open_window (NULL, 1280, 720);
  GtkWidget *stack, *status_page;

  rapport_window_show_failure (window, "Your Journal Could Not Be Opened",
                               "The file is damaged <beyond> repair & cannot be read.");
  rapport_test_iterate ();

  g_assert_cmpstr (visible_state (window), ==, "failure");

  stack = rapport_test_find_widget (GTK_WIDGET (window), match_state_stack, NULL);
  status_page = rapport_test_find_by_type (gtk_stack_get_child_by_name (GTK_STACK (stack),
                                                                        "failure"),
                                           ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_get_mapped (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Your Journal Could Not Be Opened");
  g_assert_nonnull (rapport_test_find_widget (status_page, match_label_text,
                                              "The file is damaged <beyond> repair & cannot be "
                                              "read."));
  g_assert_nonnull (rapport_test_find_widget (status_page, match_action_name, "app.quit"));

  close_window (window);
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_window_recovery_code (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);
  RapportRecoveryCodeDialog *dialog;
  g_autofree char *copied = NULL;
  GtkWidget *copy_button;
  GtkWidget *code_label;

  dialog = RAPPORT_RECOVERY_CODE_DIALOG (rapport_recovery_code_dialog_new (GTK_WINDOW (window),
                                                                           TEST_CODE, TRUE));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_until (is_mapped, dialog, WAIT_MS));

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save Your Recovery Code");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "done");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "done");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "done"));

  code_label = rapport_test_find_widget (GTK_WIDGET (dialog), match_label_text, TEST_CODE);
  g_assert_nonnull (code_label);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (code_label)));
  g_assert_true (gtk_widget_get_mapped (code_label));

  copy_button = rapport_test_find_button (GTK_WIDGET (dialog), "Copy");
  g_assert_nonnull (copy_button);
  g_signal_emit_by_name (copy_button, "clicked");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy_button)), ==, "Copied");

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 read_text_cb, &copied);
  g_assert_true (rapport_test_wait_until (is_set, &copied, WAIT_MS));
  g_assert_cmpstr (copied, ==, TEST_CODE);

  /* Opened again from Preferences, it does not ask to save. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = RAPPORT_RECOVERY_CODE_DIALOG (rapport_recovery_code_dialog_new (GTK_WINDOW (window),
                                                                           TEST_CODE, FALSE));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Your Recovery Code");
  g_assert_cmpstr (rapport_recovery_code_dialog_get_code (dialog), ==, TEST_CODE);
  gtk_window_destroy (GTK_WINDOW (dialog));

  close_window (window);
}

static void
show_colleague_cb (RapportTodayPage *page,
                   gint64            id,
                   gpointer          user_data)
{
  *(gint64 *) user_data = id;
}

static void
test_window_today (void)
{
  g_autoptr(RapportStore) store = make_store ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) far = g_date_time_add_days (now, 60);
  g_autofree char *tomorrow_birthday = g_date_time_format (tomorrow, "--%m-%d");
  g_autofree char *far_birthday = g_date_time_format (far, "1980-%m-%d");
  g_autofree char *heading = g_date_time_format (now, "%A, %-d %B");
  RapportColleague *birthday, *newest, *archived;
  RapportWindow *window;
  GtkWidget *today_page, *row;
  gint64 shown = 0;

  birthday = add_colleague (store, "Rosa Birthday", "RN", tomorrow_birthday);
  add_colleague (store, "Farid Later", "PT", far_birthday);
  archived = add_colleague (store, "Archie Archived", "MD", tomorrow_birthday);
  g_assert_true (rapport_store_set_colleague_archived (store, rapport_colleague_get_id (archived),
                                                       TRUE, NULL));
  newest = add_colleague (store, "Nell Newest", "Hospitalist", "");

  window = open_window (store, 1280, 720);
  today_page = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE);
  g_assert_nonnull (today_page);
  g_assert_true (gtk_widget_get_mapped (today_page));

  g_assert_nonnull (rapport_test_find_widget (today_page, match_label_text, heading));

  /* Tomorrow's birthday, with a subtitle that says so; the one in 60 days is not listed. */
  row = rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Rosa Birthday");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Tomorrow");
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  /* Recently added: the newest first; archived colleagues appear nowhere. */
  row = rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Nell Newest");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Hospitalist");
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_null (rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Archie Archived"));

  /* Activating a row asks for that colleague; the window switches to Colleagues. */
  g_signal_connect (today_page, "show-colleague", G_CALLBACK (show_colleague_cb), &shown);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_cmpint (shown, ==, rapport_colleague_get_id (newest));
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==,
                   "colleagues");

  /* An edit shows without reopening. */
  {
    g_autoptr(RapportColleague) changes = rapport_colleague_dup (birthday);
    g_autoptr(GError) error = NULL;

    rapport_colleague_set_name (changes, "Rosa Renamed");
    g_assert_true (rapport_store_update_colleague (store, changes, &error));
    g_assert_no_error (error);
    rapport_test_iterate ();
    g_assert_nonnull (rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Rosa Renamed"));
    g_assert_null (rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Rosa Birthday"));
  }

  close_window (window);
}

static void
test_window_today_empty (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);
  GtkWidget *today_page = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE);
  GtkWidget *status_page, *button;

  status_page = rapport_test_find_by_type (today_page, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Where Are You Working?");
  g_assert_true (gtk_widget_get_mapped (status_page));
  /* The first assignment first, as the welcome says; a colleague still can be added. */
  button = rapport_test_find_widget (status_page, match_action_name, "win.add-assignment");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Start Your First Assignment");
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  button = rapport_test_find_widget (status_page, match_action_name, "win.add-colleague");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Add a Colleague");

  /* The first colleague replaces the welcome. */
  add_colleague (store, "First Person", "", "");
  rapport_test_iterate ();
  g_assert_false (gtk_widget_get_mapped (status_page));
  g_assert_nonnull (rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "First Person"));

  close_window (window);
}

static void
test_window_preferences (void)
{
  g_autoptr(RapportStore) store = make_store ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  RapportWindow *window = open_window (store, 1280, 720);
  RapportProfile *profile = rapport_application_get_profile (app);
  GtkWidget *preferences, *path_label, *toggle;
  gpointer weak;

  preferences = rapport_preferences_window_new (GTK_WINDOW (window), profile);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (rapport_test_wait_until (is_mapped, preferences, WAIT_MS));

  g_assert_true (rapport_preferences_window_get_profile (RAPPORT_PREFERENCES_WINDOW (preferences))
                 == profile);
  path_label = rapport_test_find_widget (preferences, match_label_text,
                                         rapport_profile_get_database_path (profile));
  g_assert_nonnull (path_label);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (path_label)));
  g_assert_nonnull (rapport_test_find_button (preferences, "Show…"));

  /* The switch follows the setting both ways. */
  toggle = rapport_test_find_by_type (preferences, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_settings_set_boolean (settings, "show-archived", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-archived"));

  /* Reminders: background and login switches, and quiet hours written as minutes. */
  {
    GtkWidget *row;

    row = rapport_test_find_row (preferences, ADW_TYPE_ACTION_ROW, "Run in Background");
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "Keep reminders working after the window is closed");
    toggle = rapport_test_find_by_type (row, GTK_TYPE_SWITCH);
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
    gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
    g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
    g_settings_reset (settings, "run-in-background");
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

    row = rapport_test_find_row (preferences, ADW_TYPE_ACTION_ROW, "Start at Login");
    g_assert_nonnull (row);
    toggle = rapport_test_find_by_type (row, GTK_TYPE_SWITCH);
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
    g_settings_reset (settings, "start-at-login");

    row = rapport_test_find_row (preferences, ADW_TYPE_EXPANDER_ROW, "Quiet Hours");
    g_assert_nonnull (row);
    g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row)));
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), TRUE);
    g_assert_true (g_settings_get_boolean (settings, "quiet-hours-enabled"));
    g_settings_reset (settings, "quiet-hours-enabled");

    row = rapport_test_find_row (preferences, ADW_TYPE_ENTRY_ROW, "From");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "22:00");
    gtk_editable_set_text (GTK_EDITABLE (row), "21:30");
    g_assert_cmpint (g_settings_get_int (settings, "quiet-hours-start"), ==, 21 * 60 + 30);
    gtk_editable_set_text (GTK_EDITABLE (row), "25:00");
    g_assert_true (gtk_widget_has_css_class (row, "error"));
    g_assert_cmpint (g_settings_get_int (settings, "quiet-hours-start"), ==, 21 * 60 + 30);
    g_settings_reset (settings, "quiet-hours-start");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "22:00");

    row = rapport_test_find_row (preferences, ADW_TYPE_ENTRY_ROW, "Until");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "07:00");
    g_settings_set_int (settings, "quiet-hours-end", 6 * 60 + 45);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "06:45");
    g_settings_reset (settings, "quiet-hours-end");
  }

  weak = preferences;
  g_object_add_weak_pointer (G_OBJECT (preferences), &weak);
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));

  close_window (window);
}

static gboolean
match_label_with_text (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
}

static gboolean
widget_has_text (GtkWidget *widget)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "label");

  /* GtkButton, GtkMenuButton and the view switcher's buttons all call their text "label". */
  if (pspec != NULL && pspec->value_type == G_TYPE_STRING)
    {
      g_autofree char *text = NULL;

      g_object_get (widget, "label", &text, NULL);
      if (text != NULL && *text != '\0')
        return TRUE;
    }

  return rapport_test_find_widget (widget, match_label_with_text, NULL) != NULL;
}

/* Rule: each button a person can reach shows text (its label or a label inside it), or, when it
 * shows only an icon, has a tooltip. The icon-only buttons in the templates set the same string
 * as tooltip and accessible label; GTK 4.8 has no public getter for the accessible label, so the
 * tooltip is what can be checked here. Parts GTK builds itself are left to GTK: the toggle inside
 * a GtkMenuButton (the menu button is checked instead), the window controls and the search
 * bar's close button. */
static void
collect_unlabelled (GtkWidget *widget,
                    GPtrArray *unlabelled)
{
  if (GTK_IS_WINDOW_CONTROLS (widget))
    return;

  /* A search bar's own close button is GTK's (and hidden here): look only at what it holds. */
  if (GTK_IS_SEARCH_BAR (widget))
    {
      GtkWidget *child = gtk_search_bar_get_child (GTK_SEARCH_BAR (widget));

      if (child != NULL)
        collect_unlabelled (child, unlabelled);
      return;
    }

  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (!widget_has_text (widget) && (tooltip == NULL || *tooltip == '\0'))
        g_ptr_array_add (unlabelled, widget);

      if (GTK_IS_MENU_BUTTON (widget))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unlabelled (child, unlabelled);
}

static void
test_window_buttons_labelled (void)
{
  g_autoptr(RapportStore) store = make_store ();
  g_autoptr(GPtrArray) unlabelled = g_ptr_array_new ();
  g_autoptr(GError) reason = NULL;
  static const char * const icon_actions[] = { "win.add-colleague", "win.search" };
  RapportWindow *window;
  GtkWidget *unlock_page;

  add_colleague (store, "Labelled Person", "RN", "");
  window = open_window (store, 1280, 720);

  /* Every state's widgets are in the tree, shown or not. */
  g_set_error_literal (&reason, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY, "Wrong key.");
  unlock_page = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_UNLOCK_PAGE);
  rapport_unlock_page_set_reason (RAPPORT_UNLOCK_PAGE (unlock_page), reason);

  collect_unlabelled (GTK_WIDGET (window), unlabelled);
  for (guint i = 0; i < unlabelled->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (unlabelled, i);

      g_test_message ("Unlabelled %s (icon “%s”, action “%s”)",
                      G_OBJECT_TYPE_NAME (button),
                      GTK_IS_BUTTON (button) ? gtk_button_get_icon_name (GTK_BUTTON (button)) : "",
                      GTK_IS_ACTIONABLE (button) ?
                        gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) : "");
    }
  g_assert_cmpuint (unlabelled->len, ==, 0);

  /* The walk reached the header's icon buttons, so it saw the right tree. */
  for (guint i = 0; i < G_N_ELEMENTS (icon_actions); i++)
    {
      GtkWidget *button = rapport_test_find_widget (GTK_WIDGET (window), match_action_name,
                                                    icon_actions[i]);

      g_assert_nonnull (button);
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
    }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (rapport_test_find_by_type (GTK_WIDGET (window),
                                                                           GTK_TYPE_MENU_BUTTON)),
                   ==,
                   "Main Menu");

  close_window (window);
}

static gboolean
switcher_bar_revealed (gpointer data)
{
  return adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (data));
}

static void
test_window_narrow (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window;
  GtkWidget *header_bar, *switcher_bar;
  int minimum, natural;

  add_colleague (store, "Narrow Person", "RN", "");
  window = open_window (store, 360, 640);

  header_bar = rapport_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  /* The first header bar is the loading state's; take the journal's. */
  header_bar = gtk_widget_get_ancestor (rapport_test_find_by_type (GTK_WIDGET (window),
                                                                   ADW_TYPE_VIEW_SWITCHER_TITLE),
                                        ADW_TYPE_HEADER_BAR);
  g_assert_nonnull (header_bar);
  gtk_widget_measure (header_bar, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("header bar minimum width %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 360);

  /* The content, not the window: the window adds the frame's shadow around it. */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* Narrow: the views move to the bottom bar. */
  switcher_bar = rapport_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_nonnull (switcher_bar);
  g_assert_true (rapport_test_wait_until (switcher_bar_revealed, switcher_bar, WAIT_MS));

  close_window (window);
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      guint key;
      GdkModifierType mods;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      if (accelerator != NULL && gtk_accelerator_parse (accelerator, &key, &mods))
        g_ptr_array_add (listed, gtk_accelerator_name (key, mods));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, listed);
}

static void
test_window_actions (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store, 1280, 720);
  static const struct {
    const char *action;
    const char *accel;
  } accels[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "win.add-colleague", "<Control>n" },
    { "win.add-assignment", "<Shift><Control>n" },
    { "win.log-interaction(int64 0)", "<Control>l" },
    { "win.add-reminder(int64 0)", "<Control>r" },
    { "win.search", "<Control>f" },
    { "window.close", "<Control>w" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) found = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 accels[i].action);

      g_assert_true (g_strv_contains ((const char * const *) found, accels[i].accel));
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  /* GtkApplication found gtk/help-overlay.ui under the resource base path. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* Ctrl+L reaches the parameterised action with its target. */
  {
    g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                   "<Control>l");

    g_assert_cmpuint (g_strv_length (actions), ==, 1);
    g_assert_cmpstr (actions[0], ==, "win.log-interaction(int64 0)");
  }

  /* Every shortcut is in the help overlay. */
  {
    GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (
                                       GTK_APPLICATION_WINDOW (window)));
    g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);

    collect_shortcuts (GTK_WIDGET (overlay), listed);
    for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
      {
        guint key;
        GdkModifierType mods;
        g_autofree char *wanted = NULL;

        g_assert_true (gtk_accelerator_parse (accels[i].accel, &key, &mods));
        wanted = gtk_accelerator_name (key, mods);
        if (!g_ptr_array_find_with_equal_func (listed, wanted, g_str_equal, NULL))
          g_test_message ("Not in the help overlay: %s (%s)", accels[i].accel, accels[i].action);
        g_assert_true (g_ptr_array_find_with_equal_func (listed, wanted, g_str_equal, NULL));
      }
  }

  close_window (window);
}

typedef struct
{
  gint64 colleague_id;
  gint64 assignment_id;
  gint64 tip_id;
  gint64 interaction_id;
} Seeded;

/* One of each kind, all with the word "Quillon"; the assignment is current. */
static void
seed_journal (RapportStore *store,
              Seeded       *seeded)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 10);
  g_autofree char *starts_on = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *ends_on = g_date_time_format (end, "%Y-%m-%d");
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Quillon Regional");
  g_autoptr(RapportTip) tip = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague;
  gint64 colleague_id;

  colleague = add_colleague (store, "Quillon Mensah", "RN", "");
  colleague_id = rapport_colleague_get_id (colleague);
  seeded->colleague_id = colleague_id;

  rapport_assignment_set_unit (assignment, "ICU");
  rapport_assignment_set_city (assignment, "Durango");
  rapport_assignment_set_region (assignment, "CO");
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (store, assignment, &error));
  g_assert_no_error (error);
  seeded->assignment_id = rapport_assignment_get_id (assignment);

  tip = rapport_tip_new (seeded->assignment_id, RAPPORT_TIP_CATEGORY_COFFEE, "Quillon Roasters");
  g_assert_true (rapport_store_add_tip (store, tip, &error));
  g_assert_no_error (error);
  seeded->tip_id = rapport_tip_get_id (tip);

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                         g_get_real_time () / G_USEC_PER_SEC);
  rapport_interaction_set_body (interaction, "Quillon coffee after the night shift.");
  rapport_interaction_set_colleague_ids (interaction, &colleague_id, 1);
  g_assert_true (rapport_store_add_interaction (store, interaction, &error));
  g_assert_no_error (error);
  seeded->interaction_id = rapport_interaction_get_id (interaction);
}

/* Closes the editors an action opened over the window. */
static void
close_dialogs (RapportWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        gtk_window_destroy (toplevel);
    }
  rapport_test_iterate ();
}

static guint
count_dialogs (RapportWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        n++;
    }

  return n;
}

static void
test_window_navigate (void)
{
  g_autoptr(RapportStore) store = make_store ();
  const struct {
    const char *action;
    gint64      id;
    const char *view;
  } cases[] = {
    { "win.show-colleague", 0, "colleagues" },
    { "win.show-assignment", 0, "assignments" },
    { "win.show-tip", 0, "assignments" },
    { "win.show-interaction", 0, "journal" },
  };
  gint64 ids[4];
  RapportWindow *window;
  AdwViewStack *view_stack;
  Seeded seeded;

  seed_journal (store, &seeded);
  ids[0] = seeded.colleague_id;
  ids[1] = seeded.assignment_id;
  ids[2] = seeded.tip_id;
  ids[3] = seeded.interaction_id;
  window = open_window (store, 1280, 720);
  view_stack = get_view_stack (window);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                                 "today"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), cases[i].action, "x",
                                                 ids[i]));
      rapport_test_iterate ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, cases[i].view);
    }

  /* Logging opens the editor over whatever shows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "colleagues");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-interaction", "x",
                                             seeded.colleague_id));
  rapport_test_iterate ();
  g_assert_cmpuint (count_dialogs (window), ==, 1);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "colleagues");
  close_dialogs (window);

  /* Reminders open their editor over whatever shows: a new one, and an existing one. */
  {
    g_autoptr(RapportReminder) reminder = rapport_reminder_new ("Quillon follow-up",
                                                                g_get_real_time () / G_USEC_PER_SEC
                                                                + 3600);
    g_autoptr(GError) error = NULL;

    g_assert_true (rapport_store_add_reminder (store, reminder, &error));
    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-reminder", "x",
                                               seeded.colleague_id));
    rapport_test_iterate ();
    g_assert_cmpuint (count_dialogs (window), ==, 1);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "colleagues");
    close_dialogs (window);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-reminder", "x",
                                               rapport_reminder_get_id (reminder)));
    rapport_test_iterate ();
    g_assert_cmpuint (count_dialogs (window), ==, 1);
    close_dialogs (window);

    /* One that is gone says so instead. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-reminder", "x",
                                               (gint64) 999999));
    rapport_test_iterate ();
    g_assert_cmpuint (count_dialogs (window), ==, 0);
  }

  /* Adding an assignment or a tip happens in the Assignments view. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "today");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-assignment", NULL));
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "assignments");
  g_assert_cmpuint (count_dialogs (window), ==, 1);
  close_dialogs (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "today");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-tip", NULL));
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "assignments");
  close_dialogs (window);

  /* None of it works while the journal is not open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "today");
  rapport_window_show_loading (window);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    gtk_widget_activate_action (GTK_WIDGET (window), cases[i].action, "x", ids[i]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-interaction", "x", (gint64) 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-assignment", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-reminder", "x", (gint64) 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-reminder", "x", (gint64) 1);
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "today");
  g_assert_cmpuint (count_dialogs (window), ==, 0);
  close_dialogs (window);

  close_window (window);
}

static gboolean
match_search_entry (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR);
}

static gboolean
match_content_stack (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "search") != NULL;
}

static gboolean
shows_search (gpointer data)
{
  GtkWidget *stack = rapport_test_find_widget (data, match_content_stack, NULL);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "search") == 0;
}

static gboolean
shows_views (gpointer data)
{
  return !shows_search (data);
}

static gboolean
match_heading (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static gboolean
search_page_has_rows (gpointer data)
{
  return rapport_test_find_by_type (data, ADW_TYPE_ACTION_ROW) != NULL;
}

static void
type_query (GtkWidget  *window,
            GtkWidget  *entry,
            GtkWidget  *search_page,
            const char *query)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_assert_true (rapport_test_wait_until (shows_search, window, WAIT_MS));
  g_assert_true (rapport_test_wait_until (search_page_has_rows, search_page, WAIT_MS));
  rapport_test_iterate ();
}

static void
test_window_search (void)
{
  static const char * const headings[] = { "Colleagues", "Assignments", "Tips", "Journal" };
  g_autoptr(RapportStore) store = make_store ();
  GtkWidget *entry, *search_bar, *search_page, *row, *focus;
  AdwViewStack *view_stack;
  RapportWindow *window;
  Seeded seeded;

  seed_journal (store, &seeded);
  window = open_window (store, 1280, 720);
  view_stack = get_view_stack (window);
  entry = rapport_test_find_widget (GTK_WIDGET (window), match_search_entry, NULL);
  g_assert_nonnull (entry);
  search_bar = gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR);
  search_page = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_SEARCH_PAGE);
  g_assert_nonnull (search_page);
  {
    g_autofree char *placeholder = NULL;

    /* The property exists in GTK 4.8; its getter came later. */
    g_object_get (entry, "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Search colleagues, assignments, tips and journal");
  }

  /* Hidden until asked for. */
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_false (gtk_widget_get_mapped (entry));

  /* win.search (Ctrl+F) reveals it and puts the cursor in it, from any view. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "journal");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  rapport_test_iterate ();
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (rapport_test_wait_until (is_mapped, entry, WAIT_MS));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  /* Nothing typed yet: the view stays. */
  g_assert_true (shows_views (window));

  /* Typing shows the results in place of the views, a heading per kind. */
  type_query (GTK_WIDGET (window), entry, search_page, "quillon");
  g_assert_true (gtk_widget_get_mapped (search_page));
  g_assert_cmpstr (rapport_search_page_get_query (RAPPORT_SEARCH_PAGE (search_page)), ==,
                   "quillon");
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      GtkWidget *group = rapport_test_find_widget (search_page, match_heading, headings[i]);

      g_assert_nonnull (group);
      g_assert_true (group != NULL && gtk_widget_get_mapped (group));
    }

  /* Choosing the tip closes the search and shows the tip's assignment. */
  row = rapport_test_find_row (search_page, ADW_TYPE_ACTION_ROW, "Quillon Roasters");
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  rapport_test_iterate ();
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (shows_views (window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "assignments");
  /* The next search starts afresh. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* An empty query goes back to the views, the search still open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  type_query (GTK_WIDGET (window), entry, search_page, "quillon");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (rapport_test_wait_until (shows_views, window, WAIT_MS));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  /* Escape (stop-search) closes it. */
  type_query (GTK_WIDGET (window), entry, search_page, "quillon");
  g_signal_emit_by_name (entry, "stop-search");
  rapport_test_iterate ();
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (shows_views (window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "assignments");

  /* Enter takes the first result: the colleague, whose group comes first. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  type_query (GTK_WIDGET (window), entry, search_page, "quillon");
  g_signal_emit_by_name (entry, "activate");
  rapport_test_iterate ();
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "colleagues");

  /* The interaction's result leads to the journal. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  type_query (GTK_WIDGET (window), entry, search_page, "night shift");
  row = rapport_test_find_by_type (search_page, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "journal");

  /* Leaving the journal state closes the search. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  rapport_test_iterate ();
  rapport_window_show_loading (window);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  rapport_window_show_journal (window);

  close_window (window);
}

static gboolean
match_row_with_action (GtkWidget     *widget,
                       gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         rapport_test_find_widget (widget, match_action_name, data) != NULL;
}

static void
test_window_today_assignment (void)
{
  g_autoptr(RapportStore) store = make_store ();
  g_autoptr(RapportAssignment) past = rapport_assignment_new ("Bygone Clinic");
  g_autoptr(GError) error = NULL;
  RapportWindow *window;
  GtkWidget *today_page, *row, *none_row;
  Seeded seeded;

  /* Only a past assignment: the page offers to add the current one. */
  rapport_assignment_set_tz (past, "America/Denver");
  rapport_assignment_set_starts_on (past, "2020-01-06");
  rapport_assignment_set_ends_on (past, "2020-03-27");
  g_assert_true (rapport_store_add_assignment (store, past, &error));
  g_assert_no_error (error);

  window = open_window (store, 1280, 720);
  today_page = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE);
  g_assert_nonnull (rapport_test_find_widget (today_page, match_label_text, "Current Assignment"));

  none_row = rapport_test_find_widget (today_page, match_row_with_action, "win.add-assignment");
  g_assert_nonnull (none_row);
  g_assert_true (none_row != NULL && gtk_widget_get_mapped (none_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (none_row)), ==,
                   "No current assignment");
  g_assert_nonnull (rapport_test_find_button (none_row, "New Assignment"));
  g_assert_null (rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Bygone Clinic"));

  /* A current one shows with where it is and how far along; the offer goes. */
  seed_journal (store, &seeded);
  rapport_test_wait_ms (100);
  rapport_test_iterate ();
  row = rapport_test_find_row (today_page, ADW_TYPE_ACTION_ROW, "Quillon Regional · ICU");
  g_assert_nonnull (row);
  if (row != NULL)
    {
      g_assert_true (gtk_widget_get_mapped (row));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       "Durango, CO · Day 3 of 13 · Ends in 10 days");
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
    }
  g_assert_false (gtk_widget_get_mapped (none_row));

  /* Activating it opens the assignment. */
  if (row != NULL)
    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  rapport_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==,
                   "assignments");

  close_window (window);
}

static gboolean
has_toast (gpointer data)
{
  return rapport_test_find_widget (GTK_WIDGET (data), match_label_text, "Calendar saved") != NULL;
}

static void
test_window_export_calendar (void)
{
  g_autoptr(RapportStore) store = make_store ();
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "check-ins.ics", NULL);
  g_autofree char *locked_path = g_build_filename (tmp_dir, "locked.ics", NULL);
  g_autofree char *contents = NULL;
  GtkWidgetClass *window_class;
  RapportWindow *window;
  GtkWidget *menu_button, *popover, *label, *item;
  gboolean found_run = FALSE, found_to = FALSE;
  const char *name, *property;
  const GVariantType *parameter_type;
  GType owner;

  reminder = rapport_reminder_new ("Call Quillon ward clerk",
                                   g_get_real_time () / G_USEC_PER_SEC + 24 * 60 * 60);
  g_assert_true (rapport_store_add_reminder (store, reminder, &error));
  g_assert_no_error (error);

  window = open_window (store, 1280, 720);

  /* Both actions are the window's: one with the dialogs, one straight to a path. */
  window_class = GTK_WIDGET_GET_CLASS (window);
  for (guint i = 0;
       gtk_widget_class_query_action (window_class, i, &owner, &name, &parameter_type,
                                      &property);
       i++)
    {
      if (g_str_equal (name, "win.export-calendar"))
        {
          found_run = TRUE;
          g_assert_null (parameter_type);
        }
      else if (g_str_equal (name, "win.export-calendar-to"))
        {
          found_to = TRUE;
          g_assert_nonnull (parameter_type);
          if (parameter_type != NULL)
            g_assert_true (g_variant_type_equal (parameter_type, G_VARIANT_TYPE_STRING));
        }
    }
  g_assert_true (found_run);
  g_assert_true (found_to);

  /* The main menu offers it, enabled in the journal. */
  menu_button = rapport_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  rapport_test_iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (popover);
  label = rapport_test_find_widget (popover, match_label_text, "Export Reminders to Calendar…");
  g_assert_nonnull (label);
  /* The menu item is the button around the label; it follows its action. */
  item = label != NULL ? gtk_widget_get_ancestor (label, g_type_from_name ("GtkModelButton")) : NULL;
  g_assert_nonnull (item);
  if (item != NULL)
    g_assert_true (gtk_widget_is_sensitive (item));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-calendar-to", "s",
                                             path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (contents);
  if (contents != NULL)
    {
      g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
      g_assert_nonnull (strstr (contents, "Call Quillon ward clerk"));
    }
  g_assert_true (rapport_test_wait_until (has_toast, window, WAIT_MS));

  /* From the menu, a warning comes first: the file is plain and holds no notes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-calendar", NULL));
  rapport_test_iterate ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
        dialog = l->data;

    g_assert_nonnull (dialog);
    if (dialog != NULL)
      {
        g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                         "Export Reminders to Calendar?");
        g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "unencrypted"));
        g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "no notes"));
        adw_message_dialog_response (dialog, "cancel");
        gtk_window_destroy (GTK_WINDOW (dialog));
      }
  }

  /* Locked, the export is off like the other journal actions. */
  rapport_window_show_unlock (window, NULL);
  rapport_test_iterate ();
  if (item != NULL)
    g_assert_false (gtk_widget_is_sensitive (item));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-calendar-to", "s", locked_path);
  rapport_test_iterate ();
  g_assert_false (g_file_test (locked_path, G_FILE_TEST_EXISTS));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Everything the profile or GTK might write stays in a folder of ours. */
  tmp_dir = g_dir_make_tmp ("rapport-test-window-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
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

  g_test_add_func ("/rapport/window/opens", test_window_opens);
  g_test_add_func ("/rapport/window/views", test_window_views);
  g_test_add_func ("/rapport/window/show-view", test_window_show_view);
  g_test_add_func ("/rapport/window/undo", test_window_undo);
  g_test_add_func ("/rapport/window/actions", test_window_actions);
  g_test_add_func ("/rapport/window/unlock", test_window_unlock);
  g_test_add_func ("/rapport/window/failure", test_window_failure);
  g_test_add_func ("/rapport/window/recovery-code", test_window_recovery_code);
  g_test_add_func ("/rapport/window/today", test_window_today);
  g_test_add_func ("/rapport/window/today-empty", test_window_today_empty);
  g_test_add_func ("/rapport/window/preferences", test_window_preferences);
  g_test_add_func ("/rapport/window/buttons-labelled", test_window_buttons_labelled);
  g_test_add_func ("/rapport/window/narrow", test_window_narrow);
  g_test_add_func ("/rapport/window/navigate", test_window_navigate);
  g_test_add_func ("/rapport/window/search", test_window_search);
  g_test_add_func ("/rapport/window/today-assignment", test_window_today_assignment);
  g_test_add_func ("/rapport/window/export-calendar", test_window_export_calendar);

  ret = g_test_run ();

  /* Not g_assert_finalize_object(): once registered, GTK's session integration keeps a
   * reference of its own. The windows are checked for leaks instead (close_window). */
  g_clear_object (&app);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
