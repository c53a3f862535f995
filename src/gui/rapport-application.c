/* rapport-application.c
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

#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-application.h"
#include "rapport-preferences-window.h"
#include "rapport-site-guide.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication  parent_instance;

  RapportProfile *profile;
  RapportStore   *store;
  /* Cancels a create or open in flight when the application shuts down. */
  GCancellable   *cancellable;
  guint           opening : 1;
};

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "list", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the journal as JSON lines, one object a line"),
    N_("colleagues|assignments|tips|interactions") },
  { "export-guide", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write an assignment’s tips as a guide for the next locum (Markdown, or HTML for .html)"),
    N_("FILE") },
  { "assignment", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("The assignment to export, by the id --list=assignments prints"), N_("ID") },
  { NULL }
};

typedef char *(*ListToJsonLines) (RapportStore *store);

static const struct {
  const char      *name;
  ListToJsonLines  to_json_lines;
} lists[] = {
  { "colleagues", rapport_store_colleagues_to_json_lines },
  { "assignments", rapport_store_assignments_to_json_lines },
  { "tips", rapport_store_tips_to_json_lines },
  { "interactions", rapport_store_interactions_to_json_lines },
};

static RapportWindow *
find_window (RapportApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RAPPORT_IS_WINDOW (active))
    return RAPPORT_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RAPPORT_IS_WINDOW (l->data))
        return RAPPORT_WINDOW (l->data);
    }

  return NULL;
}

static void
show_open_error (RapportApplication *self,
                 const GError       *error)
{
  RapportWindow *window = find_window (self);

  if (window == NULL)
    return;

  if (g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE) ||
      g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY))
    rapport_window_show_unlock (window, error);
  else
    rapport_window_show_failure (window, _("Your Journal Could Not Be Opened"), error->message);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportProfile *profile = task_data;
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  store = rapport_profile_create (profile, cancellable, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RapportWindow *window;

  self->opening = FALSE;
  store = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  window = find_window (self);

  if (store == NULL)
    {
      if (window != NULL)
        rapport_window_show_failure (window, _("Your Journal Could Not Be Created"), error->message);
      return;
    }

  rapport_application_set_store (self, store);

  if (window != NULL)
    {
      g_autofree char *code = rapport_profile_dup_recovery_code (self->profile);

      rapport_window_show_journal (window);
      if (code != NULL)
        rapport_window_show_recovery_code (window, code, TRUE);
    }
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RapportApplication) self = user_data;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RapportWindow *window;

  self->opening = FALSE;
  store = rapport_profile_open_finish (RAPPORT_PROFILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store == NULL)
    {
      show_open_error (self, error);
      return;
    }

  /* The command line may have opened the journal meanwhile: keep the first connection. */
  if (self->store == NULL)
    rapport_application_set_store (self, store);

  window = find_window (self);
  if (window != NULL)
    rapport_window_show_journal (window);
}

static void
open_journal (RapportApplication *self)
{
  RapportProfile *profile = rapport_application_get_profile (self);
  RapportWindow *window = find_window (self);

  if (self->store != NULL || self->opening)
    return;

  self->opening = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (window != NULL)
    rapport_window_show_loading (window);

  if (!rapport_profile_has_journal (profile))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, create_cb, NULL);

      g_task_set_source_tag (task, open_journal);
      g_task_set_task_data (task, g_object_ref (profile), g_object_unref);
      g_task_run_in_thread (task, create_thread);
    }
  else
    {
      rapport_profile_open_async (profile, self->cancellable, open_cb, g_object_ref (self));
    }
}

static void
print_error (GApplicationCommandLine *command_line,
             const char              *message)
{
  g_application_command_line_printerr (command_line, "rapport: %s\n", message);
}

/* The command line never creates a journal. FALSE with *error unset: there is none yet. */
static gboolean
ensure_store (RapportApplication  *self,
              GError             **error)
{
  RapportProfile *profile = rapport_application_get_profile (self);
  g_autoptr(RapportStore) store = NULL;

  if (self->store != NULL)
    return TRUE;

  if (!rapport_profile_has_journal (profile))
    return FALSE;

  store = rapport_profile_open (profile, NULL, error);
  if (store == NULL)
    return FALSE;

  rapport_application_set_store (self, store);

  return TRUE;
}

static int
list_journal (RapportApplication      *self,
              GApplicationCommandLine *command_line,
              const char              *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  ListToJsonLines to_json_lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (g_strcmp0 (what, lists[i].name) == 0)
        to_json_lines = lists[i].to_json_lines;
    }

  if (to_json_lines == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Unknown list “%s”. Choose one of: colleagues, assignments, "
                                   "tips, interactions"),
                                 what);
      print_error (command_line, message);
      return 2;
    }

  if (!ensure_store (self, &error))
    {
      /* Nothing there means nothing to print. */
      if (error == NULL)
        return 0;

      print_error (command_line, error->message);
      return 1;
    }

  lines = to_json_lines (self->store);
  g_application_command_line_print (command_line, "%s", lines != NULL ? lines : "");

  return 0;
}

static int
export_guide (RapportApplication      *self,
              GApplicationCommandLine *command_line,
              const char              *file_arg,
              gboolean                 has_assignment,
              gint64                   assignment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (!has_assignment)
    {
      print_error (command_line, _("--export-guide needs --assignment=ID; "
                                   "--list=assignments prints the ids."));
      return 2;
    }

  if (!ensure_store (self, &error))
    {
      if (error == NULL)
        print_error (command_line, _("There is no journal yet. Open Rapport and add an "
                                     "assignment first."));
      else
        print_error (command_line, error->message);
      return 1;
    }

  if (rapport_store_find_assignment (self->store, assignment_id) == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("No assignment with id %" G_GINT64_FORMAT), assignment_id);
      print_error (command_line, message);
      return 1;
    }

  /* A forwarded call runs here, in the first instance: read the name from the caller's folder. */
  file = g_application_command_line_create_file_for_arg (command_line, file_arg);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Cannot write to “%s”: choose a file on this computer."),
                                 file_arg);
      print_error (command_line, message);
      return 1;
    }

  if (!rapport_site_guide_export (self->store, assignment_id, path, &error))
    {
      print_error (command_line, error->message);
      return 1;
    }

  return 0;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RapportApplication *self = user_data;
  static const char *developers[] = { "The Rapport authors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Rapport"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Rapport authors"),
                        "developers", developers,
                        "comments", _("A private journal of the colleagues you meet on each "
                                      "assignment, so you can stay in touch after you move on."),
                        "website", "https://github.com/rapportjournal/Rapport",
                        "issue-url", "https://github.com/rapportjournal/Rapport/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Rapport authors"),
                        /* Translators: put your names here, one a line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RapportApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  preferences = rapport_preferences_window_new (window, rapport_application_get_profile (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static int
rapport_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("rapport %s\n", PACKAGE_VERSION);
      return 0;
    }

  return G_APPLICATION_CLASS (rapport_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

static int
rapport_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *what = NULL;
  const char *guide = NULL;
  gint64 assignment_id = 0;
  gboolean has_assignment;

  has_assignment = g_variant_dict_lookup (options, "assignment", "x", &assignment_id);

  if (g_variant_dict_lookup (options, "list", "&s", &what))
    return list_journal (self, command_line, what);

  if (g_variant_dict_lookup (options, "export-guide", "^&ay", &guide))
    return export_guide (self, command_line, guide, has_assignment, assignment_id);

  if (has_assignment)
    {
      print_error (command_line, _("--assignment goes with --export-guide=FILE."));
      return 2;
    }

  g_application_activate (application);

  return 0;
}

static void
rapport_application_startup (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.add-colleague", { "<Control>n", NULL } },
    { "win.add-assignment", { "<Control><Shift>n", NULL } },
    { "win.log-interaction(int64 0)", { "<Control>l", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-view::today", { "<Alt>1", NULL } },
    { "win.show-view::colleagues", { "<Alt>2", NULL } },
    { "win.show-view::assignments", { "<Alt>3", NULL } },
    { "win.show-view::journal", { "<Alt>4", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
rapport_application_activate (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  RapportWindow *window = find_window (self);

  if (window == NULL)
    {
      window = rapport_window_new (self);
      if (DEVELOPMENT_BUILD)
        gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
    }

  gtk_window_present (GTK_WINDOW (window));

  if (self->store != NULL)
    rapport_window_show_journal (window);
  else
    open_journal (self);
}

static void
rapport_application_shutdown (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  rapport_application_set_store (self, NULL);

  G_APPLICATION_CLASS (rapport_application_parent_class)->shutdown (application);
}

static void
rapport_application_dispose (GObject *object)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (rapport_application_parent_class)->dispose (object);
}

static void
rapport_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_application_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_application_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rapport_application_dispose;
  object_class->get_property = rapport_application_get_property;
  object_class->set_property = rapport_application_set_property;

  app_class->handle_local_options = rapport_application_handle_local_options;
  app_class->command_line = rapport_application_command_line;
  app_class->startup = rapport_application_startup;
  app_class->activate = rapport_application_activate;
  app_class->shutdown = rapport_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_application_init (RapportApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

RapportApplication *
rapport_application_new (void)
{
  return g_object_new (RAPPORT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       /* The .Devel variant keeps the resources of the stable id. */
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

RapportProfile *
rapport_application_get_profile (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  /* Made on first use, so --version and --help never touch the data folder. */
  if (self->profile == NULL)
    self->profile = rapport_profile_new (NULL);

  return self->profile;
}

RapportStore *
rapport_application_get_store (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->store;
}

void
rapport_application_set_store (RapportApplication *self,
                               RapportStore       *store)
{
  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
