/* test-welcome.c
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


/* The first minute, in the real application on the real keyring and SQLCipher file: a first run
 * welcomes (purpose, privacy, the journal's recovery code, "Start Your First Assignment"); a
 * journal that already exists and the demo never do. The cases run in order on one application. */

#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-assignment-editor.h"
#include "rapport-database.h"
#include "rapport-keyring.h"
#include "rapport-recovery-code-dialog.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-welcome-dialog.h"
#include "rapport-window.h"

#define WAIT_MS 20000

#define PURPOSE "A private journal of the colleagues you meet on each assignment, so you stay " \
                "in touch when you move on."
#define PRIVACY "Everything stays encrypted on this computer; nothing is sent anywhere."

static RapportApplication *app;
static char *tmp_dir;

static const char *
journal_path (void)
{
  return rapport_profile_get_database_path (rapport_application_get_profile (app));
}

static RapportWindow *
find_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* The first showing toplevel of that type, whichever application it belongs to. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static RapportWelcomeDialog *
find_welcome (void)
{
  return (RapportWelcomeDialog *) find_toplevel (RAPPORT_TYPE_WELCOME_DIALOG);
}

static gboolean
has_welcome (gpointer data)
{
  RapportWelcomeDialog *welcome = find_welcome ();

  return welcome != NULL && gtk_widget_get_mapped (GTK_WIDGET (welcome));
}

static gboolean
has_no_welcome (gpointer data)
{
  return find_welcome () == NULL;
}

static gboolean
has_assignment_editor (gpointer data)
{
  return find_toplevel (RAPPORT_TYPE_ASSIGNMENT_EDITOR) != NULL;
}

static gboolean
match_state_stack (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "failure");
}

static gboolean
match_view_stack (GtkWidget     *widget,
                  gconstpointer  data)
{
  return ADW_IS_VIEW_STACK (widget);
}

static const char *
visible_state (RapportWindow *window)
{
  GtkWidget *stack;

  if (window == NULL)
    return NULL;

  stack = rapport_test_find_widget (GTK_WIDGET (window), match_state_stack, NULL);
  return stack != NULL ? gtk_stack_get_visible_child_name (GTK_STACK (stack)) : NULL;
}

static gboolean
shows_journal (gpointer data)
{
  return g_strcmp0 (visible_state (data != NULL ? data : find_window ()), "journal") == 0;
}

static const char *
visible_view (RapportWindow *window)
{
  GtkWidget *stack = rapport_test_find_widget (GTK_WIDGET (window), match_view_stack, NULL);

  return stack != NULL ? adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)) : NULL;
}

static gboolean
match_label_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_stack (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "intro");
}

static const char *
welcome_page (RapportWelcomeDialog *welcome)
{
  GtkWidget *stack = rapport_test_find_widget (GTK_WIDGET (welcome), match_stack, NULL);

  return stack != NULL ? gtk_stack_get_visible_child_name (GTK_STACK (stack)) : NULL;
}

static gboolean
match_back_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* What the Return key does in a window: activate the default widget. A button activated from
 * the keyboard shows itself pressed for a moment (250 ms), then emits "clicked". */
static void
press_enter (GtkWindow *window)
{
  g_signal_emit_by_name (window, "activate-default");
  rapport_test_wait_ms (400);
}

static void
count_toast_cb (GtkWidget *dialog,
                AdwToast  *toast,
                gpointer   user_data)
{
  g_assert_true (ADW_IS_TOAST (toast));
  (*(guint *) user_data)++;
}

/* The store closed and forgotten, the windows gone: as if Rapport had quit. */
static void
quit_app (void)
{
  RapportStore *store = rapport_application_get_store (app);
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);

  if (store != NULL)
    {
      g_object_ref (store);
      rapport_application_set_store (app, NULL);
      rapport_database_close (rapport_store_get_database (store));
      g_object_unref (store);
    }
  rapport_test_iterate ();
}

/* A first run: the welcome over the window showing the new journal; Enter goes through its
 * pages; "Start Your First Assignment" opens the assignment editor. */
static void
test_first_run (void)
{
  g_autofree char *code = NULL;
  RapportWelcomeDialog *welcome;
  RapportWindow *window;
  GtkWidget *code_label;
  GtkWidget *button;

  g_assert_false (rapport_profile_has_journal (rapport_application_get_profile (app)));

  g_application_activate (G_APPLICATION (app));
  g_assert_true (rapport_test_wait_until (has_welcome, NULL, WAIT_MS));
  welcome = find_welcome ();
  window = find_window ();
  g_assert_nonnull (welcome);
  g_assert_nonnull (window);
  if (welcome == NULL || window == NULL)
    return;

  g_assert_true (rapport_profile_has_journal (rapport_application_get_profile (app)));
  g_assert_true (shows_journal (window));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (welcome)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (welcome)));
  /* The welcome replaces the bare recovery code dialog. */
  g_assert_null (find_toplevel (RAPPORT_TYPE_RECOVERY_CODE_DIALOG));

  /* What Rapport is for, and the privacy promise. */
  g_assert_cmpstr (welcome_page (welcome), ==, "intro");
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (welcome), match_label_text,
                                              "Welcome to Rapport"));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (welcome), match_label_text, PURPOSE));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (welcome), match_label_text, PRIVACY));
  button = rapport_test_find_button (GTK_WIDGET (welcome), "Continue");
  g_assert_nonnull (button);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (welcome)) == button);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (welcome)) == button);
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));

  /* Enter: the recovery code, the journal's own, with its Copy button. */
  press_enter (GTK_WINDOW (welcome));
  g_assert_cmpstr (welcome_page (welcome), ==, "code");
  code = rapport_profile_dup_recovery_code (rapport_application_get_profile (app));
  g_assert_nonnull (code);
  if (code == NULL)
    return;
  code_label = rapport_test_find_widget (GTK_WIDGET (welcome), match_label_text, code);
  g_assert_nonnull (code_label);
  if (code_label == NULL)
    return;
  g_assert_true (rapport_test_wait_until (is_mapped, code_label, WAIT_MS));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (code_label)));
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (welcome), match_label_text,
                                              "Save Your Recovery Code"));
  g_assert_nonnull (rapport_test_find_button (GTK_WIDGET (welcome), "Copy"));
  button = rapport_test_find_button (GTK_WIDGET (welcome), "I Have Written It Down");
  g_assert_nonnull (button);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (welcome)) == button);

  /* Enter confirms; Back returns to the code, Enter again goes on. */
  press_enter (GTK_WINDOW (welcome));
  g_assert_cmpstr (welcome_page (welcome), ==, "start");
  button = rapport_test_find_widget (GTK_WIDGET (welcome), match_back_button, NULL);
  g_assert_nonnull (button);
  if (button != NULL)
    {
      g_assert_true (gtk_widget_get_visible (button));
      g_signal_emit_by_name (button, "clicked");
      g_assert_cmpstr (welcome_page (welcome), ==, "code");
      press_enter (GTK_WINDOW (welcome));
      g_assert_cmpstr (welcome_page (welcome), ==, "start");
    }

  button = rapport_test_find_button (GTK_WIDGET (welcome), "Start Your First Assignment");
  g_assert_nonnull (button);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (welcome)) == button);
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));

  /* Enter on "Start Your First Assignment": the welcome goes, the editor comes. */
  g_object_add_weak_pointer (G_OBJECT (welcome), (gpointer *) &welcome);
  press_enter (GTK_WINDOW (welcome));
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &welcome, WAIT_MS));
  g_assert_true (rapport_test_wait_until (has_assignment_editor, NULL, WAIT_MS));
  g_assert_true (gtk_window_get_transient_for (find_toplevel (RAPPORT_TYPE_ASSIGNMENT_EDITOR)) ==
                 GTK_WINDOW (window));
  g_assert_cmpstr (visible_view (window), ==, "assignments");

  gtk_window_destroy (find_toplevel (RAPPORT_TYPE_ASSIGNMENT_EDITOR));
  rapport_test_iterate ();
}

/* The journal is there already: no welcome, and no recovery code either. */
static void
test_second_start (void)
{
  RapportWindow *window;

  quit_app ();
  g_assert_true (rapport_profile_has_journal (rapport_application_get_profile (app)));

  g_application_activate (G_APPLICATION (app));
  g_assert_true (rapport_test_wait_until (shows_journal, NULL, WAIT_MS));
  window = find_window ();
  g_assert_nonnull (window);
  rapport_test_wait_ms (500);
  g_assert_null (find_welcome ());
  g_assert_null (find_toplevel (RAPPORT_TYPE_RECOVERY_CODE_DIALOG));
}

/* Another first run, skipped with the Skip button before the code was confirmed: Today, with a
 * toast saying where the code is. Escape does what Skip does. */
static void
test_skip (void)
{
  g_autoptr(GListModel) controllers = NULL;
  RapportWelcomeDialog *welcome;
  RapportWindow *window;
  GtkWidget *skip;
  gboolean escape_skips = FALSE;
  guint toasts = 0;

  quit_app ();
  g_assert_true (rapport_keyring_clear_key (journal_path (), NULL, NULL));
  g_assert_cmpint (g_remove (journal_path ()), ==, 0);
  g_assert_false (rapport_profile_has_journal (rapport_application_get_profile (app)));

  g_application_activate (G_APPLICATION (app));
  g_assert_true (rapport_test_wait_until (has_welcome, NULL, WAIT_MS));
  welcome = find_welcome ();
  window = find_window ();
  g_assert_nonnull (welcome);
  g_assert_nonnull (window);
  if (welcome == NULL || window == NULL)
    return;

  /* Escape is bound to window.close, which is what Skip activates. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (welcome));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = NULL;
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          if (g_str_equal (trigger, "Escape") && GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           "window.close"))
            escape_skips = TRUE;
        }
    }
  g_assert_true (escape_skips);

  skip = rapport_test_find_button (GTK_WIDGET (welcome), "Skip");
  g_assert_nonnull (skip);
  if (skip == NULL)
    return;
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (skip)), ==, "window.close");
  g_assert_true (gtk_widget_get_mapped (skip));

  g_signal_connect (welcome, "add-toast", G_CALLBACK (count_toast_cb), &toasts);
  g_object_add_weak_pointer (G_OBJECT (welcome), (gpointer *) &welcome);
  g_signal_emit_by_name (skip, "clicked");
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &welcome, WAIT_MS));
  g_assert_cmpuint (toasts, ==, 1);

  g_assert_true (shows_journal (window));
  g_assert_cmpstr (visible_view (window), ==, "today");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (rapport_test_wait_until (has_no_welcome, NULL, WAIT_MS));
  g_assert_null (find_toplevel (RAPPORT_TYPE_ASSIGNMENT_EDITOR));
}

/* Confirmed, then skipped from the last page: no toast, since the code was saved. A dialog made
 * on its own, over the window. */
static void
test_skip_after_confirming (void)
{
  RapportWindow *window = find_window ();
  RapportWelcomeDialog *welcome;
  guint toasts = 0;

  g_assert_nonnull (window);
  if (window == NULL)
    return;

  welcome = rapport_welcome_dialog_new (GTK_WINDOW (window), "TEST-CODE");
  g_signal_connect (welcome, "add-toast", G_CALLBACK (count_toast_cb), &toasts);
  gtk_window_present (GTK_WINDOW (welcome));
  g_assert_true (rapport_test_wait_until (is_mapped, welcome, WAIT_MS));

  press_enter (GTK_WINDOW (welcome));
  press_enter (GTK_WINDOW (welcome));
  g_assert_cmpstr (welcome_page (welcome), ==, "start");

  g_object_add_weak_pointer (G_OBJECT (welcome), (gpointer *) &welcome);
  gtk_widget_activate_action (GTK_WIDGET (welcome), "window.close", NULL);
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &welcome, WAIT_MS));
  g_assert_cmpuint (toasts, ==, 0);
  g_assert_null (find_toplevel (RAPPORT_TYPE_ASSIGNMENT_EDITOR));
}

/* At 360 px wide nothing is cut: on every page the welcome asks for no more, and its icons
 * exist. */
static void
check_narrow (void)
{
  RapportWelcomeDialog *welcome = rapport_welcome_dialog_new (NULL, "ABCD-EFGH-JKMN-PQRS-TVWX-"
                                                              "YZ01-2345-6789-ABCD-EFGH-JKMN-"
                                                              "PQRS-TVWX-YZ01-2345-6789-ABCD");
  const char * const icons[] = {
    "x-office-address-book-symbolic", "channel-secure-symbolic", "mark-location-symbolic",
    "go-previous-symbolic",
  };
  int minimum = 0;

  gtk_window_set_default_size (GTK_WINDOW (welcome), 360, 640);
  gtk_window_present (GTK_WINDOW (welcome));
  g_assert_true (rapport_test_wait_until (is_mapped, welcome, WAIT_MS));

  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_measure (GTK_WIDGET (welcome), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                          NULL, NULL);
      g_test_message ("page %s: the welcome needs %d px", welcome_page (welcome), minimum);
      g_assert_cmpint (minimum, <=, 360);
      /* On to the next page; the last one's button would close the welcome. */
      if (i < 2)
        press_enter (GTK_WINDOW (welcome));
    }
  g_assert_cmpstr (welcome_page (welcome), ==, "start");

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    g_assert_true (rapport_test_find_icon ("/usr/share/icons/Adwaita", icons[i]));

  gtk_window_destroy (GTK_WINDOW (welcome));
  rapport_test_iterate ();
}

static void
test_narrow (void)
{
  check_narrow ();
}

/* What the review screenshots use for large text: the pills' labels wrap. */
static void
test_narrow_large_text (void)
{
  rapport_test_set_text_scale (1.5);
  check_narrow ();
  rapport_test_set_text_scale (1.0);
}

/* French words run longer than English ones. */
static void
test_narrow_french (void)
{
  g_autofree char *previous = NULL;

  if (!rapport_test_begin_french (&previous))
    {
      rapport_test_end_french (previous);
      return;
    }
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Continue"), !=, "Continue");

  rapport_test_set_text_scale (1.5);
  check_narrow ();
  rapport_test_set_text_scale (1.0);

  rapport_test_end_french (previous);
}

/* The decision: a journal just created, never a demo's, never one that was there. */
static void
test_wanted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) demo = rapport_profile_new_demo (&error);
  RapportProfile *profile = rapport_application_get_profile (app);

  g_assert_no_error (error);
  g_assert_true (rapport_welcome_dialog_is_wanted (profile, TRUE));
  g_assert_false (rapport_welcome_dialog_is_wanted (profile, FALSE));
  if (demo != NULL)
    {
      g_assert_true (rapport_profile_is_demo (demo));
      g_assert_false (rapport_welcome_dialog_is_wanted (demo, TRUE));
      g_assert_false (rapport_welcome_dialog_is_wanted (demo, FALSE));
      rapport_profile_discard_demo (demo);
    }
}

typedef struct
{
  GApplication *application;
  gboolean      journal_shown;
  gboolean      welcomed;
  guint         polls;
  guint         poll_id;
  guint         give_up_id;
} DemoRun;

static gboolean
poll_demo_cb (gpointer user_data)
{
  DemoRun *run = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->application));
  RapportWindow *window = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data))
      window = l->data;

  if (find_welcome () != NULL || find_toplevel (RAPPORT_TYPE_RECOVERY_CODE_DIALOG) != NULL)
    run->welcomed = TRUE;

  /* Well after the demo journal shows, in case a welcome were to follow it. */
  if (window != NULL && shows_journal (window))
    run->journal_shown = TRUE;

  if ((run->journal_shown && ++run->polls > 10) || run->welcomed)
    {
      run->poll_id = 0;
      g_application_quit (run->application);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
give_up_demo_cb (gpointer user_data)
{
  DemoRun *run = user_data;

  run->give_up_id = 0;
  g_application_quit (run->application);
  return G_SOURCE_REMOVE;
}

/* rapport --demo, in this process: its window shows the demo journal and never a welcome. */
static void
test_demo (void)
{
  g_autoptr(RapportApplication) demo_app = rapport_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--demo", NULL };
  DemoRun run = { G_APPLICATION (demo_app), FALSE, FALSE, 0, 0, 0 };
  GLogLevelFlags fatal;
  int status;

  quit_app ();

  /* The demo's reminders are due at once, and this session has no notification server: the
   * warning that says so is not what this case is about. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  run.poll_id = g_timeout_add (100, poll_demo_cb, &run);
  run.give_up_id = g_timeout_add (WAIT_MS, give_up_demo_cb, &run);
  status = g_application_run (G_APPLICATION (demo_app), 2, argv);
  g_clear_handle_id (&run.poll_id, g_source_remove);
  g_clear_handle_id (&run.give_up_id, g_source_remove);
  g_log_set_always_fatal (fatal);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (rapport_profile_is_demo (rapport_application_get_profile (demo_app)));
  g_assert_true (run.journal_shown);
  g_assert_false (run.welcomed);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = rapport_test_make_tmp_dir ("welcome");
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

  g_test_add_func ("/rapport/welcome/first-run", test_first_run);
  g_test_add_func ("/rapport/welcome/second-start", test_second_start);
  g_test_add_func ("/rapport/welcome/skip", test_skip);
  g_test_add_func ("/rapport/welcome/skip-after-confirming", test_skip_after_confirming);
  g_test_add_func ("/rapport/welcome/narrow", test_narrow);
  g_test_add_func ("/rapport/welcome/narrow-large-text", test_narrow_large_text);
  g_test_add_func ("/rapport/welcome/narrow-french", test_narrow_french);
  g_test_add_func ("/rapport/welcome/wanted", test_wanted);
  g_test_add_func ("/rapport/welcome/demo", test_demo);

  ret = g_test_run ();

  quit_app ();
  rapport_keyring_clear_key (journal_path (), NULL, NULL);
  g_clear_object (&app);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
