/* test-shortcuts-window.c
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

#define G_LOG_DOMAIN "rapport-test-shortcuts-window"

#include "config.h"

#include <string.h>

#include "rapport-application.h"
#include "rapport-assignment-editor.h"
#include "rapport-backup-dialog.h"
#include "rapport-close-out-dialog.h"
#include "rapport-colleague-editor.h"
#include "rapport-import-dialog.h"
#include "rapport-interaction-editor.h"
#include "rapport-qr-dialog.h"
#include "rapport-reminder-editor.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-tip-editor.h"
#include "rapport-vcard-export-dialog.h"
#include "rapport-window.h"

/* The shortcuts window (Ctrl+?, src/gui/gtk/help-overlay.ui) must list every shortcut: the
 * application's accelerators, and the keys the views and dialogs handle themselves. The window
 * needs a registered RapportApplication, on the test session bus under its real id. */

#define WAIT_MS 10000

static RapportApplication *app;
static char *tmp_dir;
static guint n_databases;

typedef struct
{
  char  *group;
  char  *title;
  char  *action_name;
  GStrv  accels;        /* normalised with gtk_accelerator_name () */
} Listed;

/* Keys the app's widgets handle themselves, which GtkApplication does not know about, with the
 * group of the shortcuts window they belong in. */
static const struct {
  const char *accel;
  const char *group;
} widget_bindings[] = {
  /* rapport-colleagues-page.c: gtk_widget_class_add_binding (edit_shortcut_cb). */
  { "<Control>e", "Colleagues" },
  /* rapport-colleague-detail.c: binding to colleague.edit. */
  { "<Control>e", "Colleagues" },
  /* rapport-colleagues-page.c: shortcut controller on the list (delete_shortcut_cb). */
  { "Delete", "Colleagues" },
  /* rapport-colleagues-page.ui: "activate" of the filter entry (search_activate_cb). */
  { "Return", "Colleagues" },
  /* rapport-colleagues-page.c: search_key_pressed_cb, Down from the filter into the list. */
  { "Down", "Colleagues" },
  /* rapport-colleagues-page.ui: "stop-search" of the filter entry (stop_search_cb). */
  { "Escape", "Colleagues" },
  /* rapport-assignments-page.c: binding to assignments.edit. */
  { "<Control>e", "Assignments" },
  /* rapport-assignments-page.c: shortcut controller on the list (delete_shortcut_cb). */
  { "Delete", "Assignments" },
  /* rapport-journal-page.c: shortcut controller on the list (delete_shortcut_cb). */
  { "Delete", "Journal" },
  /* rapport-window.c: search_entry_key_pressed_cb, Down from the search into the results. */
  { "Down", "Search" },
  /* rapport-window.c: search_page_key_pressed_cb, and the search entry's "stop-search". */
  { "Escape", "Search" },
  /* rapport-{assignment,colleague,interaction,reminder,tip}-editor.ui and
   * rapport-{backup,close-out}-dialog.ui: "entry-activated" of the fields saves. */
  { "Return", "Editors and Dialogs" },
  /* rapport-{assignment,colleague,interaction,reminder,tip}-editor.c,
   * rapport-{backup,close-out,qr,vcard-export}-dialog.c: binding to window.close;
   * rapport-import-dialog.c: binding to import.cancel; rapport-assignments-page.c: the
   * dialog that adds colleagues to an assignment (shortcut controller to window.close). */
  { "Escape", "Editors and Dialogs" },
  /* rapport-editor-rows.c: rapport_editor_rows_add_save_shortcut, in the five editors. */
  { "<Control>Return", "Editors and Dialogs" },
};

/* Helpers */

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_free (listed->group);
  g_free (listed->title);
  g_free (listed->action_name);
  g_strfreev (listed->accels);
  g_free (listed);
}

static char *
normalise_accel (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accel, &key, &mods))
    return NULL;

  return gtk_accelerator_name (key, mods);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The shortcuts of the groups only: the window also keeps copies for its own search page. */
static void
collect_listed (GtkWidget *widget,
                GPtrArray *listed)
{
  GtkWidget *group = gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_GROUP);

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) && group != NULL)
    {
      Listed *item = g_new0 (Listed, 1);
      g_autofree char *accelerator = NULL;
      g_autoptr(GStrvBuilder) accels = g_strv_builder_new ();
      g_auto(GStrv) split = NULL;

      g_object_get (group, "title", &item->group, NULL);
      g_object_get (widget,
                    "title", &item->title,
                    "action-name", &item->action_name,
                    "accelerator", &accelerator,
                    NULL);

      /* Alternatives are separated by spaces. */
      split = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; split[i] != NULL; i++)
        {
          g_autofree char *name = NULL;

          if (*split[i] == '\0')
            continue;

          name = normalise_accel (split[i]);
          if (name == NULL)
            g_test_message ("Cannot parse “%s” of “%s”", split[i], item->title);
          g_assert_nonnull (name);
          if (name != NULL)
            g_strv_builder_add (accels, name);
        }
      item->accels = g_strv_builder_end (accels);

      g_ptr_array_add (listed, item);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, listed);
}

/* Whether a shortcut in group (NULL: any) shows accel. */
static gboolean
has_accel (GPtrArray  *listed,
           const char *accel,
           const char *group)
{
  g_autofree char *wanted = normalise_accel (accel);

  g_assert_nonnull (wanted);

  for (guint i = 0; i < listed->len; i++)
    {
      Listed *item = g_ptr_array_index (listed, i);

      if (group != NULL && g_strcmp0 (item->group, group) != 0)
        continue;

      if (g_strv_contains ((const char * const *) item->accels, wanted))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_action (GPtrArray  *listed,
            const char *action)
{
  for (guint i = 0; i < listed->len; i++)
    {
      Listed *item = g_ptr_array_index (listed, i);

      if (g_strcmp0 (item->action_name, action) == 0)
        return TRUE;
    }

  return FALSE;
}

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

static RapportWindow *
open_window (RapportStore *store)
{
  RapportWindow *window;

  rapport_application_set_store (app, store);
  window = rapport_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  rapport_window_show_journal (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rapport_test_wait_until (is_mapped, window, WAIT_MS));
  rapport_test_iterate ();

  return window;
}

static void
close_window (GtkWidget *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), &weak);
}

/* What the shortcuts window of a new main window lists. */
static GPtrArray *
dup_listed (RapportWindow *window)
{
  GtkShortcutsWindow *overlay;
  GPtrArray *listed = g_ptr_array_new_with_free_func (listed_free);

  /* GtkApplication found gtk/help-overlay.ui under the resource base path. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  if (overlay != NULL)
    collect_listed (GTK_WIDGET (overlay), listed);

  return listed;
}

static gboolean
is_rapport_type (GType type)
{
  return g_str_has_prefix (g_type_name (type), "Rapport");
}

static void
add_trigger (GHashTable         *found,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      g_autofree char *name = NULL;

      name = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                   gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
      if (!g_hash_table_contains (found, name))
        g_hash_table_insert (found, g_steal_pointer (&name), g_strdup (where));
    }
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *alternative = GTK_ALTERNATIVE_TRIGGER (trigger);

      add_trigger (found, gtk_alternative_trigger_get_first (alternative), where);
      add_trigger (found, gtk_alternative_trigger_get_second (alternative), where);
    }
}

static void
add_controller_triggers (GHashTable            *found,
                         GtkShortcutController *controller,
                         const char            *where,
                         GHashTable            *except)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (controller));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
      g_autoptr(GHashTable) one = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GHashTableIter iter;
      gpointer key;

      add_trigger (one, gtk_shortcut_get_trigger (shortcut), where);
      g_hash_table_iter_init (&iter, one);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const char *before = g_hash_table_lookup (found, key);

          if (except != NULL && g_hash_table_contains (except, key))
            continue;

          /* Every place that binds the key, for the message when it is missing. */
          if (before == NULL)
            g_hash_table_insert (found, g_strdup (key), g_strdup (where));
          else if (strstr (before, where) == NULL)
            g_hash_table_insert (found, g_strdup (key), g_strconcat (before, ", ", where, NULL));
        }
    }
}

/* The class shortcuts GTK or libadwaita give the nearest ancestor type that is not ours: those
 * are the toolkit's, not Rapport's. */
static GHashTable *
dup_inherited_bindings (GType type)
{
  GHashTable *inherited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GType parent = g_type_parent (type);
  GtkWidget *widget;
  GListModel *controllers;

  while (is_rapport_type (parent))
    parent = g_type_parent (parent);

  if (G_TYPE_IS_ABSTRACT (parent))
    return inherited;

  widget = g_object_ref_sink (g_object_new (parent, NULL));
  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        add_controller_triggers (inherited, GTK_SHORTCUT_CONTROLLER (controller),
                                 g_type_name (parent), NULL);
    }
  g_object_unref (controllers);

  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);

  return inherited;
}

/* Keys our code binds under widget: class bindings of our widget types, and shortcut
 * controllers our code adds to any widget (GTK names the controllers it adds itself). */
static void
collect_bindings (GtkWidget  *widget,
                  GHashTable *found)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GType type = G_OBJECT_TYPE (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      const char *name = gtk_event_controller_get_name (controller);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      if (g_strcmp0 (name, "gtk-widget-class-shortcuts") == 0)
        {
          g_autoptr(GHashTable) inherited = NULL;

          if (!is_rapport_type (type))
            continue;

          inherited = dup_inherited_bindings (type);
          add_controller_triggers (found, GTK_SHORTCUT_CONTROLLER (controller), g_type_name (type),
                                   inherited);
        }
      else if (name == NULL)
        {
          GtkRoot *root = gtk_widget_get_root (widget);
          g_autofree char *where = NULL;

          where = g_strdup_printf ("a %s in %s", g_type_name (type),
                                   root != NULL ? G_OBJECT_TYPE_NAME (root) : "no window");

          add_controller_triggers (found, GTK_SHORTCUT_CONTROLLER (controller), where, NULL);
        }
    }
  g_object_unref (controllers);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_bindings (child, found);
}

/* Tests */

/* Every accelerator set on the application (rapport-application.c, startup) is listed, as the
 * same keys or as the same action. */
static void
test_shortcuts_window_application (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store);
  g_autoptr(GPtrArray) listed = dup_listed (window);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  guint n_accels = 0;

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          gboolean found = has_accel (listed, accels[j], NULL) || has_action (listed, actions[i]);

          if (!found)
            g_test_message ("Not in the shortcuts window: %s (%s)", accels[j], actions[i]);
          g_assert_true (found);
          n_accels++;
        }
    }

  /* The application really has its accelerators (quit, preferences, the views, adding...). */
  g_assert_cmpuint (n_accels, >=, 15);

  close_window (GTK_WIDGET (window));
  rapport_application_set_store (app, NULL);
}

/* The keys the views and dialogs handle themselves are listed, in the right group. */
static void
test_shortcuts_window_widgets (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store);
  g_autoptr(GPtrArray) listed = dup_listed (window);

  for (guint i = 0; i < G_N_ELEMENTS (widget_bindings); i++)
    {
      gboolean found = has_accel (listed, widget_bindings[i].accel, widget_bindings[i].group);

      if (!found)
        g_test_message ("Not in the group “%s” of the shortcuts window: %s",
                        widget_bindings[i].group, widget_bindings[i].accel);
      g_assert_true (found);
    }

  close_window (GTK_WIDGET (window));
  rapport_application_set_store (app, NULL);
}

/* Whatever key our widgets bind (found in the running widgets, not from a list) is listed:
 * a binding added later without its line in the shortcuts window fails here. */
static void
test_shortcuts_window_bindings_found (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store);
  g_autoptr(GPtrArray) listed = dup_listed (window);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Quillon Regional");
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague;
  GtkWindow *parent = GTK_WINDOW (window);
  GtkWidget *dialogs[11];
  guint n_dialogs = 0;
  gint64 assignment_id;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (rapport_store_add_assignment (store, assignment, &error));
  g_assert_no_error (error);
  assignment_id = rapport_assignment_get_id (assignment);
  colleague = rapport_test_add_colleague (store, "name", "Ada Quillon", NULL);

  dialogs[n_dialogs++] = GTK_WIDGET (rapport_colleague_editor_new (parent, store, NULL));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_assignment_editor_new (parent, store, NULL));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_interaction_editor_new (parent, store, NULL, 0));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_reminder_editor_new (parent, store, NULL, 0));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_tip_editor_new (parent, store, assignment_id, NULL));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_close_out_dialog_new (store, parent, assignment_id));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_import_dialog_new (store, parent, NULL));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_vcard_export_dialog_new (store, parent, 0));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_qr_dialog_new (colleague, parent));
  dialogs[n_dialogs++] = GTK_WIDGET (rapport_backup_dialog_new (app, parent,
                                                                RAPPORT_BACKUP_DIALOG_BACK_UP));
  g_assert_cmpuint (n_dialogs, <=, G_N_ELEMENTS (dialogs));

  collect_bindings (GTK_WIDGET (window), found);
  for (guint i = 0; i < n_dialogs; i++)
    collect_bindings (dialogs[i], found);

  /* The ones this test knows are there, so it does find bindings. */
  g_assert_true (g_hash_table_contains (found, "<Control>e"));
  g_assert_true (g_hash_table_contains (found, "Delete"));
  g_assert_true (g_hash_table_contains (found, "Escape"));

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean listed_here = has_accel (listed, key, NULL);

      g_test_message ("%s, bound by %s", (const char *) key, (const char *) value);
      if (!listed_here)
        g_test_message ("Not in the shortcuts window: %s, bound by %s",
                        (const char *) key, (const char *) value);
      g_assert_true (listed_here);
    }

  for (guint i = 0; i < n_dialogs; i++)
    close_window (dialogs[i]);
  close_window (GTK_WIDGET (window));
  rapport_application_set_store (app, NULL);
}

/* Nothing listed that the app does not do, and every line says what it does. */
static void
test_shortcuts_window_listed (void)
{
  g_autoptr(RapportStore) store = make_store ();
  RapportWindow *window = open_window (store);
  g_autoptr(GPtrArray) listed = dup_listed (window);
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        g_ptr_array_add (known, normalise_accel (accels[j]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (widget_bindings); i++)
    g_ptr_array_add (known, normalise_accel (widget_bindings[i].accel));

  g_assert_cmpuint (listed->len, >=, G_N_ELEMENTS (widget_bindings));

  for (guint i = 0; i < listed->len; i++)
    {
      Listed *item = g_ptr_array_index (listed, i);

      if (item->title == NULL || *item->title == '\0')
        g_test_message ("A shortcut in “%s” has no title", item->group);
      g_assert_nonnull (item->title);
      g_assert_cmpstr (item->title, !=, "");
      g_assert_nonnull (item->group);
      g_assert_cmpstr (item->group, !=, "");

      /* Keys, or an action GtkApplication knows the keys of. */
      g_assert_true (g_strv_length (item->accels) > 0 || item->action_name != NULL);

      for (guint j = 0; item->accels[j] != NULL; j++)
        {
          gboolean is_known = g_ptr_array_find_with_equal_func (known, item->accels[j],
                                                                g_str_equal, NULL);

          if (!is_known)
            g_test_message ("“%s” (%s) lists a key the app does not bind", item->title,
                            item->accels[j]);
          g_assert_true (is_known);
        }
    }

  close_window (GTK_WIDGET (window));
  rapport_application_set_store (app, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Everything the profile or GTK might write stays in a folder of ours. */
  tmp_dir = g_dir_make_tmp ("rapport-test-shortcuts-window-XXXXXX", NULL);
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
  /* The groups' titles are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);

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

  g_test_add_func ("/rapport/shortcuts-window/application", test_shortcuts_window_application);
  g_test_add_func ("/rapport/shortcuts-window/widgets", test_shortcuts_window_widgets);
  g_test_add_func ("/rapport/shortcuts-window/bindings-found",
                   test_shortcuts_window_bindings_found);
  g_test_add_func ("/rapport/shortcuts-window/listed", test_shortcuts_window_listed);

  ret = g_test_run ();

  /* Not g_assert_finalize_object(): once registered, GTK's session integration keeps a
   * reference of its own. */
  g_clear_object (&app);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
