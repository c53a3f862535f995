/* rapport-preferences-window.c
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

#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-application.h"
#include "rapport-backup-dialog.h"
#include "rapport-local-time.h"
#include "rapport-preferences-window.h"
#include "rapport-recovery-code-dialog.h"
#include "rapport-snapshot.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RapportProfile       *profile;
  GSettings            *settings;

  GtkSwitch            *show_archived_switch;
  GtkSwitch            *run_in_background_switch;
  GtkSwitch            *start_at_login_switch;
  AdwExpanderRow       *quiet_hours_row;
  AdwEntryRow          *quiet_from_row;
  AdwEntryRow          *quiet_until_row;
  GtkButton            *show_code_button;
  GtkLabel             *path_label;
  AdwPreferencesGroup  *snapshots_group;

  /* The rows shown in snapshots_group, to take them out again on a reload. */
  GPtrArray            *snapshot_rows;
  GFileMonitor         *snapshots_monitor;
  guint                 reload_source;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Writing a snapshot changes its folder many times within a moment: one reload for them all. */
#define SNAPSHOTS_RELOAD_DELAY_MS 250

/* "HH:MM" (or "H:MM"), 24-hour, as minutes after midnight; -1 for anything else. */
static int
parse_minutes (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  int hour, minute;

  if (!rapport_local_time_parse_time (stripped, &hour, &minute))
    return -1;

  return hour * 60 + minute;
}

/* Shows the setting, unless the field already says the same time in other words ("7:00"). */
static void
load_quiet_time (RapportPreferencesWindow *self,
                 AdwEntryRow              *row,
                 const char               *key)
{
  int minutes = g_settings_get_int (self->settings, key);
  g_autofree char *text = NULL;

  if (parse_minutes (gtk_editable_get_text (GTK_EDITABLE (row))) == minutes)
    return;

  text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
quiet_time_changed_cb (RapportPreferencesWindow *self,
                       AdwEntryRow              *row)
{
  const char *key = row == self->quiet_from_row ? "quiet-hours-start" : "quiet-hours-end";
  int minutes = parse_minutes (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (self->settings == NULL)
    return;

  if (minutes < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (g_settings_get_int (self->settings, key) != minutes)
    g_settings_set_int (self->settings, key, minutes);
}

static void
settings_changed_cb (RapportPreferencesWindow *self,
                     const char               *key,
                     GSettings                *settings)
{
  if (g_strcmp0 (key, "quiet-hours-start") == 0)
    load_quiet_time (self, self->quiet_from_row, key);
  else if (g_strcmp0 (key, "quiet-hours-end") == 0)
    load_quiet_time (self, self->quiet_until_row, key);
}

/* The expander's own switch has no name for screen readers: give it the row's. */
static void
label_switches (GtkWidget  *widget,
                const char *label)
{
  if (GTK_IS_SWITCH (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Only the header: the rows inside are labelled on their own. */
      if (GTK_IS_REVEALER (child))
        continue;
      label_switches (child, label);
    }
}

static void
confirm_response_cb (RapportPreferencesWindow *self,
                     const char               *response,
                     AdwMessageDialog         *confirm)
{
  g_autofree char *code = NULL;
  GtkWidget *dialog;

  if (g_strcmp0 (response, "show") != 0)
    return;

  if (self->profile != NULL)
    code = rapport_profile_dup_recovery_code (self->profile);

  if (code == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The recovery code can be shown once "
                                                         "your journal is open")));
      return;
    }

  dialog = rapport_recovery_code_dialog_new (GTK_WINDOW (self), code, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_code_clicked_cb (RapportPreferencesWindow *self)
{
  GtkWidget *confirm;

  confirm = adw_message_dialog_new (GTK_WINDOW (self),
                                    _("Show Your Recovery Code?"),
                                    _("Make sure nobody else can see your screen."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "cancel", _("Cancel"),
                                    "show", _("Show"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "show",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  g_signal_connect_object (confirm, "response", G_CALLBACK (confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* The window's own application, or its parent's: preferences are opened with only a parent. */
static RapportApplication *
find_application (RapportPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL && parent != NULL)
    application = gtk_window_get_application (parent);
  if (application == NULL)
    application = GTK_APPLICATION (g_application_get_default ());

  return RAPPORT_IS_APPLICATION (application) ? RAPPORT_APPLICATION (application) : NULL;
}

static void
backup_toast_cb (RapportPreferencesWindow *self,
                 AdwToast                 *toast)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), g_object_ref (toast));
}

static void
open_backup_dialog (RapportPreferencesWindow *self,
                    RapportBackupDialogMode   mode)
{
  RapportApplication *application = find_application (self);
  RapportBackupDialog *dialog;

  if (application == NULL ||
      (mode == RAPPORT_BACKUP_DIALOG_BACK_UP && rapport_application_get_store (application) == NULL))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Open your journal first to back it "
                                                         "up")));
      return;
    }

  dialog = rapport_backup_dialog_new (application, GTK_WINDOW (self), mode);
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (backup_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_up_activated_cb (RapportPreferencesWindow *self)
{
  open_backup_dialog (self, RAPPORT_BACKUP_DIALOG_BACK_UP);
}

static void
restore_activated_cb (RapportPreferencesWindow *self)
{
  open_backup_dialog (self, RAPPORT_BACKUP_DIALOG_RESTORE);
}

/* When a snapshot was taken, in full: for its subtitle, its button and the confirmation. */
static char *
format_snapshot_time (GDateTime *local)
{
  /* Translators: when a copy of the journal was taken, in g_date_time_format() notation,
   * e.g. "21 November 2026 at 09:30" */
  return g_date_time_format (local, _("%-d %B %Y at %H:%M"));
}

/* "Today at 09:30 — automatic", "Before an update — 21 November"... */
static char *
format_snapshot_title (RapportSnapshot *snapshot,
                       GDateTime       *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (rapport_snapshot_get_time (snapshot));
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;
  RapportSnapshotReason reason = rapport_snapshot_get_reason (snapshot);
  int year, month, day;
  int y, m, d;
  enum { TODAY, YESTERDAY, EARLIER } when = EARLIER;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_time_get_ymd (now, &y, &m, &d);
  if (year == y && month == m && day == d)
    when = TODAY;
  g_date_time_get_ymd (yesterday, &y, &m, &d);
  if (year == y && month == m && day == d)
    when = YESTERDAY;

  /* Translators: a time of day in g_date_time_format() notation, e.g. "09:30" */
  time = g_date_time_format (local, _("%H:%M"));
  if (year == g_date_time_get_year (now))
    /* Translators: a day this year in g_date_time_format() notation, e.g. "21 November" */
    date = g_date_time_format (local, _("%-d %B"));
  else
    /* Translators: a day in another year in g_date_time_format() notation, e.g.
     * "21 November 2025" */
    date = g_date_time_format (local, _("%-d %B %Y"));

  switch (reason)
    {
    case RAPPORT_SNAPSHOT_REASON_MIGRATION:
      if (when == TODAY)
        /* Translators: a copy of the journal made before Rapport updated it; %s is a time */
        return g_strdup_printf (_("Before an update — today at %s"), time);
      if (when == YESTERDAY)
        /* Translators: a copy of the journal made before Rapport updated it; %s is a time */
        return g_strdup_printf (_("Before an update — yesterday at %s"), time);
      /* Translators: a copy of the journal made before Rapport updated it; %s is a date */
      return g_strdup_printf (_("Before an update — %s"), date);

    case RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE:
      if (when == TODAY)
        /* Translators: a copy of the journal made before another one replaced it; %s is a
         * time */
        return g_strdup_printf (_("Before a restore — today at %s"), time);
      if (when == YESTERDAY)
        /* Translators: a copy of the journal made before another one replaced it; %s is a
         * time */
        return g_strdup_printf (_("Before a restore — yesterday at %s"), time);
      /* Translators: a copy of the journal made before another one replaced it; %s is a
       * date */
      return g_strdup_printf (_("Before a restore — %s"), date);

    case RAPPORT_SNAPSHOT_REASON_DAILY:
    default:
      if (when == TODAY)
        /* Translators: the daily copy of the journal; %s is a time */
        return g_strdup_printf (_("Today at %s — automatic"), time);
      if (when == YESTERDAY)
        /* Translators: the daily copy of the journal; %s is a time */
        return g_strdup_printf (_("Yesterday at %s — automatic"), time);
      /* Translators: the daily copy of the journal; %s is a date */
      return g_strdup_printf (_("%s — automatic"), date);
    }
}

static void
restore_confirmed_cb (RapportPreferencesWindow *self,
                      const char               *response,
                      AdwMessageDialog         *confirm)
{
  RapportApplication *application;
  const char *path;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  path = g_object_get_data (G_OBJECT (confirm), "snapshot-path");
  application = find_application (self);

  /* The application closes the journal, restores and opens it again: only it can. */
  if (application == NULL ||
      !g_action_group_has_action (G_ACTION_GROUP (application), "restore-snapshot") ||
      !g_action_group_get_action_enabled (G_ACTION_GROUP (application), "restore-snapshot"))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The snapshot cannot be restored "
                                                         "right now. Try again in a moment.")));
      return;
    }

  g_action_group_activate_action (G_ACTION_GROUP (application), "restore-snapshot",
                                  g_variant_new_string (path));
}

static void
restore_snapshot_clicked_cb (RapportPreferencesWindow *self,
                             GtkButton                *button)
{
  const char *path = g_object_get_data (G_OBJECT (button), "snapshot-path");
  const char *when = g_object_get_data (G_OBJECT (button), "snapshot-time");
  g_autofree char *body = NULL;
  GtkWidget *confirm;

  body = g_strdup_printf (_("Restoring replaces your journal with the one from %s. Your "
                            "current journal is kept as a snapshot first."),
                          when);
  confirm = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Snapshot?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "cancel", _("Cancel"),
                                    "restore", _("Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  g_object_set_data_full (G_OBJECT (confirm), "snapshot-path", g_strdup (path), g_free);
  g_signal_connect_object (confirm, "response", G_CALLBACK (restore_confirmed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (confirm));
}

static GtkWidget *
create_snapshot_row (RapportPreferencesWindow *self,
                     RapportSnapshot          *snapshot,
                     GDateTime                *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (rapport_snapshot_get_time (snapshot));
  g_autofree char *title = format_snapshot_title (snapshot, now);
  g_autofree char *when = format_snapshot_time (local);
  g_autofree char *size = g_format_size (rapport_snapshot_get_size (snapshot));
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  /* Translators: a snapshot's row: when it was taken, then its size ("1.6 MB") */
  subtitle = g_strdup_printf (_("%s · %s"), when, size);
  /* Translators: the accessible name of a snapshot's Restore button; %s is when it was taken */
  label = g_strdup_printf (_("Restore Snapshot From %s"), when);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_label (_("Restore…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Named by its label alone, not also "Restore…" (GtkButton adds its label as a name). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "snapshot-path",
                          g_strdup (rapport_snapshot_get_path (snapshot)), g_free);
  g_object_set_data_full (G_OBJECT (button), "snapshot-time", g_steal_pointer (&when), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_snapshot_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
reload_snapshots (RapportPreferencesWindow *self)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->snapshot_rows->len; i++)
    adw_preferences_group_remove (self->snapshots_group,
                                  g_ptr_array_index (self->snapshot_rows, i));
  g_ptr_array_set_size (self->snapshot_rows, 0);

  if (self->profile != NULL)
    {
      snapshots = rapport_snapshot_list (rapport_profile_get_database_path (self->profile),
                                         &error);
      if (snapshots == NULL)
        g_warning ("%s", error->message);
    }

  if (snapshots == NULL || snapshots->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Rapport keeps a copy of your journal each day you use "
                                       "it. None yet."));
      g_ptr_array_add (self->snapshot_rows, row);
    }
  else
    {
      for (guint i = 0; i < snapshots->len; i++)
        g_ptr_array_add (self->snapshot_rows,
                         create_snapshot_row (self, g_ptr_array_index (snapshots, i), now));
    }

  for (guint i = 0; i < self->snapshot_rows->len; i++)
    adw_preferences_group_add (self->snapshots_group,
                               g_ptr_array_index (self->snapshot_rows, i));
}

static gboolean
reload_snapshots_cb (gpointer user_data)
{
  RapportPreferencesWindow *self = user_data;

  self->reload_source = 0;
  reload_snapshots (self);

  return G_SOURCE_REMOVE;
}

static void
snapshots_changed_cb (RapportPreferencesWindow *self,
                      GFile                    *file,
                      GFile                    *other_file,
                      GFileMonitorEvent         event,
                      GFileMonitor             *monitor)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (SNAPSHOTS_RELOAD_DELAY_MS, reload_snapshots_cb, self);
}

static void
watch_snapshots (RapportPreferencesWindow *self)
{
  g_autofree char *folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (self->profile == NULL)
    return;

  /* Snapshots come and go while the window is open: the daily one, the one a restore keeps. */
  folder = rapport_snapshot_dup_folder (rapport_profile_get_database_path (self->profile));
  file = g_file_new_for_path (folder);
  self->snapshots_monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL,
                                                      &error);
  if (self->snapshots_monitor == NULL)
    {
      g_debug ("Not watching %s: %s", folder, error->message);
      return;
    }

  g_signal_connect_object (self->snapshots_monitor, "changed",
                           G_CALLBACK (snapshots_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
rapport_preferences_window_constructed (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->constructed (object);

  if (self->profile != NULL)
    gtk_label_set_text (self->path_label, rapport_profile_get_database_path (self->profile));

  gtk_widget_set_sensitive (GTK_WIDGET (self->show_code_button), self->profile != NULL);

  reload_snapshots (self);
  watch_snapshots (self);
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  if (self->snapshots_monitor != NULL)
    g_file_monitor_cancel (self->snapshots_monitor);
  g_clear_object (&self->snapshots_monitor);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->snapshot_rows, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_preferences_window_constructed;
  object_class->dispose = rapport_preferences_window_dispose;
  object_class->get_property = rapport_preferences_window_get_property;
  object_class->set_property = rapport_preferences_window_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         RAPPORT_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow,
                                        show_archived_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow,
                                        run_in_background_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow,
                                        start_at_login_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, quiet_hours_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, quiet_from_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, quiet_until_row);
  gtk_widget_class_bind_template_callback (widget_class, quiet_time_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, show_code_button);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, path_label);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, snapshots_group);
  gtk_widget_class_bind_template_callback (widget_class, show_code_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_up_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_activated_cb);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  AdwEntryRow *rows[2];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->snapshot_rows = g_ptr_array_new ();
  /* Named "Show Recovery Code" by its accessible label alone, not also "Show…" (GtkButton
   * adds its label as a second name). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->show_code_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "show-archived",
                   self->show_archived_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background",
                   self->run_in_background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "start-at-login",
                   self->start_at_login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-enabled",
                   self->quiet_hours_row, "enable-expansion",
                   G_SETTINGS_BIND_DEFAULT);

  load_quiet_time (self, self->quiet_from_row, "quiet-hours-start");
  load_quiet_time (self, self->quiet_until_row, "quiet-hours-end");
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  label_switches (GTK_WIDGET (self->quiet_hours_row), _("Quiet Hours"));
  rows[0] = self->quiet_from_row;
  rows[1] = self->quiet_until_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));
      /* Translators: the accessible name of a quiet-hours field, e.g. "Quiet Hours From" */
      g_autofree char *label = g_strdup_printf (_("Quiet Hours %s"),
                                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])));

      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("HH:MM, 24-hour"),
                                      -1);
    }
}

GtkWidget *
rapport_preferences_window_new (GtkWindow      *parent,
                                RapportProfile *profile)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (profile == NULL || RAPPORT_IS_PROFILE (profile), NULL);

  return g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "profile", profile,
                       NULL);
}

RapportProfile *
rapport_preferences_window_get_profile (RapportPreferencesWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->profile;
}
