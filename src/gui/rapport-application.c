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

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#if HAVE_LIBPORTAL
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "rapport-application.h"
#include "rapport-demo.h"
#include "rapport-ical.h"
#include "rapport-import.h"
#include "rapport-preferences-window.h"
#include "rapport-scheduler.h"
#include "rapport-site-guide.h"
#include "rapport-snapshot.h"
#include "rapport-vcard.h"
#include "rapport-welcome-dialog.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication    parent_instance;

  RapportProfile   *profile;
  RapportStore     *store;
  /* One per store, only while the process stays around for reminders (see "resident"). */
  RapportScheduler *scheduler;
  /* NULL when the schema is not installed; keys missing from an older schema read as defaults. */
  GSettings        *settings;
  GSettingsSchema  *settings_schema;
  /* Reminder id → the remind_at it was notified for, of the notifications still shown. */
  GHashTable       *shown;
  /* Cancels a create or open in flight when the application shuts down. */
  GCancellable     *cancellable;
#if HAVE_LIBPORTAL
  XdpPortal        *portal;
#endif

  /* What a notification asked the window to show once the journal is open. */
  gint64            pending_reminder;
  char             *pending_view;
  guint             pending_source;
  /* The day's snapshot of the journal, once it is open. */
  guint             snapshot_source;
  /* --demo: SIGTERM and SIGINT end the demo like Quit, so its folder goes too. */
  guint             demo_sigterm_source;
  guint             demo_sigint_source;

  guint             opening : 1;
  /* A window was shown or this is the D-Bus service: the process outlives one command, so it
   * delivers reminders. A one-off command line (rapport --list) never does. */
  guint             resident : 1;
  guint             background_hold : 1;
  guint             opening_hold : 1;
  guint             snapshot_running : 1;
  /* A throwaway journal (--demo): never resident, so it ends with its window. */
  guint             demo : 1;
};

static void store_changed_cb     (RapportApplication *self,
                                  RapportStore       *store);
static void scheduler_due_cb     (RapportApplication *self,
                                  RapportReminder    *reminder,
                                  RapportScheduler   *scheduler);
static void scheduler_digest_cb  (RapportApplication *self,
                                  guint               count,
                                  RapportScheduler   *scheduler);
static void schedule_daily_snapshot (RapportApplication *self);
static void settings_changed_cb  (RapportApplication *self,
                                  const char         *key,
                                  GSettings          *settings);

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A service started by D-Bus or at login that cannot open the journal ends after this long. */
#define SERVICE_INACTIVITY_TIMEOUT_MS 10000
/* A reminder delivered later than this after its time (missed while closed, or held back by
 * quiet hours) is overdue and asks for more attention. */
#define OVERDUE_GRACE_SECONDS 60
#define SNOOZE_SECONDS 3600
/* The longest value of an option an error message repeats. */
#define MAX_QUOTED_ARGUMENT 40
#define DIGEST_NOTIFICATION_ID "reminder-digest"
#define LOCKED_NOTIFICATION_ID "journal-locked"

/* Text and ids are taken as the bytes given (G_OPTION_ARG_FILENAME) and checked by
 * lookup_text_option () and lookup_id_option (): GOption's own checks print GLib's words, which
 * name neither the option nor what to do. */
static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "list", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print the journal as JSON lines, one object a line"),
    N_("colleagues|assignments|tips|interactions|reminders|due") },
  { "remind", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Add a one-off reminder with this title (needs --at)"), N_("TEXT") },
  { "at", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("When the reminder is due, in local time"), N_("YYYY-MM-DDTHH:MM[:SS]") },
  { "colleague", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The colleague the reminder is about, by the id --list=colleagues prints"), N_("ID") },
  { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write pending reminders and check-ins as an iCalendar file for calendar apps"),
    N_("FILE") },
  { "export-guide", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write an assignment’s tips as a guide for the next locum (Markdown, or HTML for .html)"),
    N_("FILE") },
  { "assignment", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The assignment to export, by the id --list=assignments prints"), N_("ID") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Add the contacts of a vCard file; exact duplicates are merged"), N_("FILE") },
  { "export-vcard", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write colleagues as a vCard file (all, or one assignment’s with --assignment)"),
    N_("FILE") },
  { "vcard-version", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The vCard version to write"), N_("3.0|4.0") },
  { "with-notes", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Also write interests and notes into the vCard file (it is not encrypted)"), NULL },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write an encrypted backup of the whole journal (needs --passphrase-file)"), N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace the journal with an encrypted backup (needs --passphrase-file)"), N_("FILE") },
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("A file whose first line is the passphrase of the backup"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a throwaway journal filled with demo data; your own journal is not touched"), NULL },
  { NULL }
};

typedef char *(*ListToJsonLines) (RapportStore *store);

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
reminders_to_json_lines (RapportStore *store)
{
  return rapport_store_reminders_to_json_lines (store, now_seconds ());
}

static char *
due_to_json_lines (RapportStore *store)
{
  return rapport_store_due_to_json_lines (store, now_seconds ());
}

static const struct {
  const char      *name;
  ListToJsonLines  to_json_lines;
} lists[] = {
  { "colleagues", rapport_store_colleagues_to_json_lines },
  { "assignments", rapport_store_assignments_to_json_lines },
  { "tips", rapport_store_tips_to_json_lines },
  { "interactions", rapport_store_interactions_to_json_lines },
  { "reminders", reminders_to_json_lines },
  { "due", due_to_json_lines },
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

static gboolean
settings_has_key (RapportApplication *self,
                  const char         *key)
{
  return self->settings != NULL && g_settings_schema_has_key (self->settings_schema, key);
}

static gboolean
settings_get_boolean (RapportApplication *self,
                      const char         *key,
                      gboolean            fallback)
{
  return settings_has_key (self, key) ? g_settings_get_boolean (self->settings, key) : fallback;
}

static int
settings_get_int (RapportApplication *self,
                  const char         *key,
                  int                 fallback)
{
  return settings_has_key (self, key) ? g_settings_get_int (self->settings, key) : fallback;
}

static gboolean
is_service (RapportApplication *self)
{
  return (g_application_get_flags (G_APPLICATION (self)) & G_APPLICATION_IS_SERVICE) != 0;
}

/* Keeps the process (and so the reminders) alive without a window while "Run in Background" is
 * on. Without a journal there is nothing to deliver, so a locked service may end. */
static void
update_background_hold (RapportApplication *self)
{
  gboolean want;

  want = self->resident && self->store != NULL &&
         settings_get_boolean (self, "run-in-background", TRUE);

  if (want && !self->background_hold)
    {
      self->background_hold = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  else if (!want && self->background_hold)
    {
      self->background_hold = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static void
set_opening (RapportApplication *self,
             gboolean            opening)
{
  self->opening = opening;

  /* The service's inactivity timeout must not end it halfway through unlocking. */
  if (opening && !self->opening_hold)
    {
      self->opening_hold = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  else if (!opening && self->opening_hold)
    {
      self->opening_hold = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static void
apply_quiet_hours (RapportApplication *self)
{
  int start, end;

  if (self->scheduler == NULL)
    return;

  start = CLAMP (settings_get_int (self, "quiet-hours-start", 22 * 60), 0, 24 * 60 - 1);
  end = CLAMP (settings_get_int (self, "quiet-hours-end", 7 * 60), 0, 24 * 60 - 1);
  rapport_scheduler_set_quiet_hours (self->scheduler,
                                     settings_get_boolean (self, "quiet-hours-enabled", FALSE),
                                     start, end);
}

static void
clear_scheduler (RapportApplication *self)
{
  if (self->scheduler == NULL)
    return;

  rapport_scheduler_stop (self->scheduler);
  g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
}

/* One scheduler for the open store, in a window or as the service. */
static void
update_scheduler (RapportApplication *self)
{
  /* The demo's reminders are notified while its window is open. */
  gboolean want = (self->resident || self->demo) && self->store != NULL;

  if (self->scheduler != NULL &&
      (!want || rapport_scheduler_get_store (self->scheduler) != self->store))
    clear_scheduler (self);

  if (!want || self->scheduler != NULL)
    return;

  self->scheduler = rapport_scheduler_new (self->store);
  g_signal_connect_object (self->scheduler, "due",
                           G_CALLBACK (scheduler_due_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "digest",
                           G_CALLBACK (scheduler_digest_cb), self, G_CONNECT_SWAPPED);
  apply_quiet_hours (self);
  /* Delivers at once what fell due while Rapport was closed. */
  rapport_scheduler_start (self->scheduler);
}

static void
become_resident (RapportApplication *self)
{
  if (self->resident)
    return;

  self->resident = TRUE;
  update_scheduler (self);
  update_background_hold (self);
  schedule_daily_snapshot (self);
}

static char *
dup_reminder_notification_id (gint64 id)
{
  return g_strdup_printf ("reminder-%" G_GINT64_FORMAT, id);
}

static void
withdraw_reminder_notification (RapportApplication *self,
                                gint64              id)
{
  g_autofree char *notification_id = NULL;

  if (!g_hash_table_remove (self->shown, &id))
    return;

  notification_id = dup_reminder_notification_id (id);
  g_application_withdraw_notification (G_APPLICATION (self), notification_id);
}

/* "Tue 14 Mar, 09:30", or only the time for today. */
static char *
format_remind_at (gint64 remind_at,
                  gint64 now)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (remind_at);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (when == NULL || today == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (when) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (today))
    /* Translators: a reminder's time today, see the GDateTime format docs. */
    return g_date_time_format (when, _("%H:%M"));

  /* Translators: a reminder's day and time, see the GDateTime format docs. */
  return g_date_time_format (when, _("%a %-d %b, %H:%M"));
}

static void
send_reminder_notification (RapportApplication *self,
                            RapportReminder    *reminder)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *notification_id = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  RapportColleague *colleague = NULL;
  gint64 id = rapport_reminder_get_id (reminder);
  gint64 remind_at = rapport_reminder_get_remind_at (reminder);
  gint64 colleague_id = rapport_reminder_get_colleague_id (reminder);
  gint64 now = now_seconds ();

  if (colleague_id != 0 && self->store != NULL)
    colleague = rapport_store_find_colleague (self->store, colleague_id);

  when = format_remind_at (remind_at, now);
  if (colleague != NULL)
    /* Translators: a reminder notification's body: the colleague's name, then when it was due. */
    body = g_strdup_printf (_("%s · due %s"), rapport_colleague_get_name (colleague), when);
  else
    /* Translators: a reminder notification's body: when it was due. */
    body = g_strdup_printf (_("Due %s"), when);

  notification = g_notification_new (rapport_reminder_get_title (reminder));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification,
                               now - remind_at > OVERDUE_GRACE_SECONDS
                                 ? G_NOTIFICATION_PRIORITY_HIGH
                                 : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.open-reminder", "x", id);
  g_notification_add_button_with_target (notification, _("Done"), "app.reminder-done", "x", id);
  g_notification_add_button_with_target (notification, _("Snooze 1 Hour"),
                                         "app.reminder-snooze", "x", id);

  notification_id = dup_reminder_notification_id (id);
  g_application_send_notification (G_APPLICATION (self), notification_id, notification);
  g_hash_table_insert (self->shown, g_memdup2 (&id, sizeof id),
                       g_memdup2 (&remind_at, sizeof remind_at));
}

static void
send_locked_notification (RapportApplication *self,
                          const GError       *error)
{
  g_autoptr(GNotification) notification = NULL;

  notification = g_notification_new (_("Your Journal Is Locked"));
  if (g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE) ||
      g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY))
    g_notification_set_body (notification,
                             _("The reminder was not changed. Open Rapport and unlock your "
                               "journal with its recovery code, then mark the reminder there."));
  else
    g_notification_set_body (notification, error->message);

  g_application_send_notification (G_APPLICATION (self), LOCKED_NOTIFICATION_ID, notification);
}

static char *
dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

/* The entry names only the command: nothing about the journal is written outside it. */
static gboolean
write_autostart_entry (GError **error)
{
  g_autofree char *path = dup_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=Rapport\n"
                              "Comment=Deliver reminders while the window is closed\n"
                              "Icon=%s\n"
                              "Exec=rapport --gapplication-service\n"
                              "Terminal=false\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              APPLICATION_ID);

  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                   error);
}

static gboolean
remove_autostart_entry (GError **error)
{
  g_autofree char *path = dup_autostart_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

#if HAVE_LIBPORTAL
static void
request_background_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error))
    g_message ("The Background portal did not allow running in the background: %s",
               error->message);
}

static void
request_background (RapportApplication *self,
                    gboolean            autostart)
{
  g_autoptr(GPtrArray) command_line = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XdpParent) parent = NULL;
  RapportWindow *window = find_window (self);
  g_autofree char *reason = NULL;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  g_ptr_array_add (command_line, g_strdup ("rapport"));
  g_ptr_array_add (command_line, g_strdup ("--gapplication-service"));

  if (window != NULL)
    parent = xdp_parent_new_gtk (GTK_WINDOW (window));

  reason = g_strdup (_("Rapport delivers your reminders while its window is closed."));
  xdp_portal_request_background (self->portal, parent, reason, command_line,
                                 autostart ? XDP_BACKGROUND_FLAG_AUTOSTART
                                           : XDP_BACKGROUND_FLAG_NONE,
                                 NULL, request_background_cb, NULL);
}
#endif

/* Inside a sandbox the Background portal starts Rapport at login; elsewhere the app writes the
 * XDG autostart entry itself. At start only a wanted autostart is (re)requested. */
static void
sync_start_at_login (RapportApplication *self,
                     gboolean            changed)
{
  g_autoptr(GError) error = NULL;
  gboolean start_at_login;

  if (!settings_has_key (self, "start-at-login"))
    return;

  start_at_login = g_settings_get_boolean (self->settings, "start-at-login");

#if HAVE_LIBPORTAL
  if (xdp_portal_running_under_sandbox ())
    {
      if (changed || start_at_login)
        request_background (self, start_at_login);
      return;
    }
#endif

  if (start_at_login ? !write_autostart_entry (&error) : !remove_autostart_entry (&error))
    g_warning ("Start at login: %s", error->message);
}

static void
flush_pending (RapportApplication *self)
{
  RapportWindow *window = find_window (self);

  if (window == NULL || self->store == NULL)
    return;

  if (self->pending_reminder != 0 &&
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-reminder", "x",
                                  self->pending_reminder))
    self->pending_reminder = 0;

  if (self->pending_view != NULL &&
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", self->pending_view))
    g_clear_pointer (&self->pending_view, g_free);
}

static gboolean
flush_pending_cb (gpointer user_data)
{
  RapportApplication *self = user_data;

  self->pending_source = 0;
  flush_pending (self);

  return G_SOURCE_REMOVE;
}

/* After the window has caught up with a newly opened journal. */
static void
schedule_flush_pending (RapportApplication *self)
{
  if (self->pending_source != 0)
    return;
  if (self->pending_reminder == 0 && self->pending_view == NULL)
    return;

  self->pending_source = g_idle_add (flush_pending_cb, self);
}

/* A damaged journal: the newest snapshot, when there is one, can take its place. */
static void
show_damaged (RapportApplication *self,
              RapportWindow      *window,
              const GError       *error)
{
  const char *path = rapport_profile_get_database_path (rapport_application_get_profile (self));
  g_autoptr(GPtrArray) snapshots = rapport_snapshot_list (path, NULL);
  RapportSnapshot *newest;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *description = NULL;

  if (snapshots == NULL || snapshots->len == 0)
    {
      rapport_window_show_failure (window, _("Your Journal Could Not Be Opened"), error->message);
      return;
    }

  newest = g_ptr_array_index (snapshots, 0);
  local = g_date_time_to_local (rapport_snapshot_get_time (newest));
  /* Translators: when a snapshot was taken, in g_date_time_format() notation, e.g.
   * "21 November 2026 at 09:30" */
  when = g_date_time_format (local, _("%-d %B %Y at %H:%M"));
  /* Translators: the first %s says what is wrong with the journal, the second is a date */
  description = g_strdup_printf (_("%s\n\nRapport kept a snapshot of your journal from %s. "
                                   "Restore it to go on from there; the damaged file is kept "
                                   "as a snapshot too."),
                                 error->message, when);
  rapport_window_show_failure_with_snapshot (window, _("Your Journal Could Not Be Opened"),
                                             description, rapport_snapshot_get_path (newest));
}

static void
show_open_error (RapportApplication *self,
                 const GError       *error)
{
  RapportWindow *window = find_window (self);

  if (window == NULL)
    {
      /* The service without a window: its inactivity timeout ends it. No path, no names. */
      g_message ("Reminders are paused until the journal is unlocked: %s",
                 g_quark_to_string (error->domain));
      return;
    }

  if (g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE) ||
      g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY))
    rapport_window_show_unlock (window, error);
  else if (g_error_matches (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_CORRUPT))
    show_damaged (self, window, error);
  else
    rapport_window_show_failure (window, _("Your Journal Could Not Be Opened"), error->message);
}

/* The journal was just made: the welcome shows its recovery code. */
static void
welcome (RapportApplication *self,
         RapportWindow      *window)
{
  g_autofree char *code = NULL;

  if (!rapport_welcome_dialog_is_wanted (self->profile, TRUE))
    return;

  code = rapport_profile_dup_recovery_code (self->profile);
  if (code != NULL)
    rapport_window_show_welcome (window, code);
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

  set_opening (self, FALSE);
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
      rapport_window_show_journal (window);
      welcome (self, window);
    }

  schedule_flush_pending (self);
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

  set_opening (self, FALSE);
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

  schedule_flush_pending (self);
}

static void
open_journal (RapportApplication *self)
{
  RapportProfile *profile = rapport_application_get_profile (self);
  RapportWindow *window = find_window (self);

  if (self->store != NULL || self->opening)
    return;

  set_opening (self, TRUE);
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

/* FALSE, with the message printed, when the option is given but is not UTF-8 text. */
static gboolean
lookup_text_option (GApplicationCommandLine  *command_line,
                    GVariantDict             *options,
                    const char               *name,
                    const char              **value)
{
  g_autofree char *message = NULL;

  *value = NULL;
  if (!g_variant_dict_lookup (options, name, "^&ay", value))
    return TRUE;

  if (g_utf8_validate (*value, -1, NULL))
    return TRUE;

  *value = NULL;
  /* Translators: %s is an option such as "remind" */
  message = g_strdup_printf (_("--%s holds bytes that are not text (UTF-8). Type it again, or "
                               "save what you pasted it from as UTF-8."), name);
  print_error (command_line, message);
  return FALSE;
}

/* FALSE, with the message printed, when the option is given but is not an id. */
static gboolean
lookup_id_option (GApplicationCommandLine *command_line,
                  GVariantDict            *options,
                  const char              *name,
                  const char              *list,
                  gboolean                *given,
                  gint64                  *id)
{
  g_autofree char *message = NULL;
  const char *text = NULL;

  *given = g_variant_dict_lookup (options, name, "^&ay", &text);
  *id = 0;
  if (!*given)
    return TRUE;

  if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, id, NULL))
    return TRUE;

  /* Translators: the first %s is an option such as "colleague", the second a list such as
   * "colleagues" */
  message = g_strdup_printf (_("--%s needs a number: the id that --list=%s prints."), name, list);
  print_error (command_line, message);
  return FALSE;
}

/* The command line never creates a journal. FALSE with *error unset: there is none yet. */
static gboolean
ensure_store (RapportApplication  *self,
              GError             **error)
{
  RapportProfile *profile = rapport_application_get_profile (self);
  g_autoptr(RapportStore) store = NULL;

  /* The service is still opening it in the background: a second connection would only find
   * the database busy, so wait for that one. */
  while (self->opening)
    g_main_context_iteration (NULL, TRUE);

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

/* What a backup or restore needs in its worker thread. */
typedef struct
{
  char            *path;
  char            *passphrase;
  /* Back up: the worker's own connection. */
  RapportDatabase *database;
  /* Restore: the profile, the store that was open (closed meanwhile, dropped once done), and
   * the store the worker opened: the restored journal, or the old one again. */
  RapportProfile  *profile;
  RapportStore    *old_store;
  RapportStore    *store;
  GError          *reopen_error;
} BackupData;

static void
backup_data_free (BackupData *data)
{
  if (data->passphrase != NULL)
    explicit_bzero (data->passphrase, strlen (data->passphrase));
  g_free (data->passphrase);
  g_free (data->path);
  if (data->database != NULL)
    rapport_database_close (data->database);
  g_clear_object (&data->database);
  g_clear_object (&data->profile);
  g_clear_object (&data->old_store);
  g_clear_object (&data->store);
  g_clear_error (&data->reopen_error);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupData, backup_data_free)

static BackupData *
backup_data_new (const char *path,
                 const char *passphrase)
{
  BackupData *data = g_new0 (BackupData, 1);

  data->path = g_strdup (path);
  data->passphrase = g_strdup (passphrase);

  return data;
}

static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BackupData *data = task_data;
  GError *error = NULL;

  if (!rapport_database_export_backup (data->database, data->path, data->passphrase, cancellable,
                                       &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  /* The connection is this thread's: close it here rather than wherever the data is freed. */
  rapport_database_close (data->database);
}

/* Ends a restore's worker: with the restored journal in data->store, or else with the journal as
 * it was (a failed restore leaves it untouched), opened again when it was open. */
static void
return_restored (GTask      *task,
                 BackupData *data,
                 GError     *error)
{
  if (data->store != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (data->old_store != NULL)
    data->store = rapport_profile_open (data->profile, NULL, &data->reopen_error);

  g_task_return_error (task, error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BackupData *data = task_data;
  GError *error = NULL;

  data->store = rapport_profile_restore_backup (data->profile, data->path, data->passphrase,
                                                cancellable, &error);
  return_restored (task, data, error);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  g_autoptr(GTask) task = user_data;
  BackupData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  RapportWindow *window = find_window (self);
  gboolean restored;

  restored = g_task_propagate_boolean (G_TASK (result), &error);

  /* The store first: it takes over holding the application from "opening". */
  if (data->store != NULL)
    rapport_application_set_store (self, data->store);
  set_opening (self, FALSE);

  if (data->store != NULL)
    {
      if (window != NULL)
        rapport_window_show_journal (window);
    }
  else if (window != NULL)
    {
      /* No journal was open before, or the old one no longer opens: as at start. */
      if (data->reopen_error != NULL)
        show_open_error (self, data->reopen_error);
      else
        open_journal (self);
    }

  if (restored)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Closes the journal and has thread put another in its place; restore_cb ends task. */
static void
start_restore (RapportApplication *self,
               GTask              *task,
               BackupData         *data,
               GTaskThreadFunc     thread)
{
  g_autoptr(GTask) worker = NULL;
  RapportWindow *window;

  data->profile = g_object_ref (rapport_application_get_profile (self));

  /* "opening" keeps commands and the window from opening the journal meanwhile. */
  set_opening (self, TRUE);

  /* Nothing may have the file open while it is replaced. */
  if (self->store != NULL)
    {
      data->old_store = g_object_ref (self->store);
      rapport_application_set_store (self, NULL);
      rapport_database_close (rapport_store_get_database (data->old_store));
    }

  window = find_window (self);
  if (window != NULL)
    rapport_window_show_loading (window);

  worker = g_task_new (self, g_task_get_cancellable (task), restore_cb, task);
  g_task_set_source_tag (worker, g_task_get_source_tag (task));
  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, data, (GDestroyNotify) backup_data_free);
  g_task_run_in_thread (worker, thread);
}

static void
restore_snapshot_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  BackupData *data = task_data;
  GError *error = NULL;

  data->store = rapport_profile_restore_snapshot (data->profile, data->path, NULL, &error);
  return_restored (task, data, error);
}

static void
restore_snapshot_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  RapportWindow *window = find_window (self);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (window != NULL)
        rapport_window_add_toast (window, adw_toast_new (_("Journal restored from the snapshot")));
      return;
    }

  g_message ("A snapshot was not restored: %s %d", g_quark_to_string (error->domain), error->code);
  if (window == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("The Snapshot Could Not Be Restored"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_snapshot_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  RapportApplication *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, NULL, restore_snapshot_done_cb, NULL);

  g_task_set_source_tag (task, restore_snapshot_action);

  if (self->opening || self->snapshot_running)
    {
      g_task_return_new_error (task, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_BUSY,
                               _("Your journal is being opened, copied or restored right now. "
                                 "Wait for that to finish and try again."));
      return;
    }

  start_restore (self, g_steal_pointer (&task),
                 backup_data_new (g_variant_get_string (parameter, NULL), NULL),
                 restore_snapshot_thread);
}

static void
daily_snapshot_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RapportDatabase *database = task_data;
  g_autoptr(RapportSnapshot) snapshot = NULL;
  GError *error = NULL;

  snapshot = rapport_snapshot_take (database, RAPPORT_SNAPSHOT_REASON_DAILY, NULL, &error);
  /* The connection is this thread's. */
  rapport_database_close (database);

  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
daily_snapshot_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  self->snapshot_running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("The day's snapshot of the journal was not taken: %s", error->message);

  g_application_release (G_APPLICATION (self));
}

static gboolean
take_daily_snapshot_cb (gpointer user_data)
{
  RapportApplication *self = user_data;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  self->snapshot_source = 0;

  if (self->store == NULL || self->opening || self->snapshot_running ||
      !rapport_snapshot_is_daily_due (rapport_profile_get_database_path (
                                        rapport_application_get_profile (self)), NULL))
    return G_SOURCE_REMOVE;

  database = rapport_database_open_another (rapport_store_get_database (self->store), &error);
  if (database == NULL)
    {
      g_warning ("The day's snapshot of the journal was not taken: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  /* Copying a career takes a moment: the process stays until the copy is in place. */
  self->snapshot_running = TRUE;
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, daily_snapshot_cb, NULL);
  g_task_set_source_tag (task, take_daily_snapshot_cb);
  g_task_set_task_data (task, g_steal_pointer (&database), g_object_unref);
  g_task_run_in_thread (task, daily_snapshot_thread);

  return G_SOURCE_REMOVE;
}

/* The day's snapshot, once the window has what it needs: only in a process that stays, so a
 * one-off command never leaves a copy half made. */
static void
schedule_daily_snapshot (RapportApplication *self)
{
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  if (self->store != NULL && self->resident)
    self->snapshot_source = g_idle_add_full (G_PRIORITY_LOW, take_daily_snapshot_cb, self, NULL);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Commands answer when they are done, and the window stays responsive meanwhile. */
static void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* The first line of the file named on the command line, without its line ending. */
static char *
read_passphrase_file (GApplicationCommandLine  *command_line,
                      const char               *file_arg,
                      GError                  **error)
{
  g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, file_arg);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize line_length;
  const char *newline;
  char *passphrase;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      rapport_set_file_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, file_arg, local_error, FALSE);
      return NULL;
    }

  /* Not strcspn (): it would stop at a NUL byte as well. */
  newline = memchr (contents, '\n', length);
  line_length = newline != NULL ? (gsize) (newline - contents) : length;
  if (line_length > 0 && contents[line_length - 1] == '\r')
    line_length--;

  /* A NUL would end the passphrase early: a backup would be locked with less than was meant. */
  if (memchr (contents, '\0', line_length) != NULL
      || !g_utf8_validate_len (contents, line_length, NULL))
    {
      g_autofree char *shown = g_filename_display_name (file_arg);

      explicit_bzero (contents, length);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The first line of “%s” is not plain text (UTF-8). Write the passphrase "
                     "there as plain text and try again."),
                   shown);
      return NULL;
    }

  passphrase = g_strndup (contents, line_length);
  explicit_bzero (contents, length);

  if (passphrase[0] == '\0')
    {
      g_free (passphrase);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The passphrase file “%s” is empty: write the passphrase on its first line."),
                   file_arg);
      return NULL;
    }

  return passphrase;
}

static void
free_passphrase (char *passphrase)
{
  if (passphrase == NULL)
    return;

  explicit_bzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

static int
back_up_journal (RapportApplication      *self,
                 GApplicationCommandLine *command_line,
                 const char              *file_arg,
                 const char              *passphrase_arg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  char *passphrase;

  if (passphrase_arg == NULL)
    {
      print_error (command_line, _("--backup needs --passphrase-file=FILE, a file whose first "
                                   "line is the passphrase."));
      return 2;
    }

  passphrase = read_passphrase_file (command_line, passphrase_arg, &error);
  if (passphrase == NULL)
    {
      print_error (command_line, error->message);
      return 1;
    }

  reason = rapport_profile_check_passphrase (passphrase);
  if (reason != NULL)
    {
      free_passphrase (passphrase);
      print_error (command_line, reason);
      return 1;
    }

  if (!ensure_store (self, &error))
    {
      free_passphrase (passphrase);
      if (error == NULL)
        print_error (command_line, _("There is no journal yet: start Rapport once to create it."));
      else
        print_error (command_line, error->message);
      return 1;
    }

  /* Like --export-guide: a relative name is in the caller's folder. */
  file = g_application_command_line_create_file_for_arg (command_line, file_arg);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *message = NULL;

      free_passphrase (passphrase);
      message = g_strdup_printf (_("Cannot write to “%s”: choose a file on this computer."),
                                 file_arg);
      print_error (command_line, message);
      return 1;
    }

  rapport_application_back_up_async (self, path, passphrase, NULL, store_result_cb, &result);
  free_passphrase (passphrase);
  wait_for_result (&result);

  if (!rapport_application_back_up_finish (self, result, &error))
    {
      print_error (command_line, error->message);
      return 1;
    }

  return 0;
}

static int
restore_journal (RapportApplication      *self,
                 GApplicationCommandLine *command_line,
                 const char              *file_arg,
                 const char              *passphrase_arg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  char *passphrase;
  guint n_colleagues;

  if (passphrase_arg == NULL)
    {
      print_error (command_line, _("--restore needs --passphrase-file=FILE, a file whose first "
                                   "line is the passphrase."));
      return 2;
    }

  passphrase = read_passphrase_file (command_line, passphrase_arg, &error);
  if (passphrase == NULL)
    {
      print_error (command_line, error->message);
      return 1;
    }

  file = g_application_command_line_create_file_for_arg (command_line, file_arg);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *message = NULL;

      free_passphrase (passphrase);
      message = g_strdup_printf (_("Cannot read “%s”: choose a file on this computer."),
                                 file_arg);
      print_error (command_line, message);
      return 1;
    }

  /* The service may still be opening the journal; restoring waits for that, as commands do. */
  while (self->opening)
    g_main_context_iteration (NULL, TRUE);

  rapport_application_restore_async (self, path, passphrase, NULL, store_result_cb, &result);
  free_passphrase (passphrase);
  wait_for_result (&result);

  if (!rapport_application_restore_finish (self, result, &error))
    {
      print_error (command_line, error->message);
      return 1;
    }

  n_colleagues = g_list_model_get_n_items (rapport_store_get_colleagues (self->store));
  /* Translators: what --restore did. */
  g_application_command_line_print (command_line,
                                    ngettext ("restored %u colleague\n",
                                              "restored %u colleagues\n", n_colleagues),
                                    n_colleagues);

  return 0;
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

      if (strlen (what) <= MAX_QUOTED_ARGUMENT)
        message = g_strdup_printf (_("Unknown list “%s”. Choose one of: colleagues, "
                                     "assignments, tips, interactions, reminders, due"),
                                   what);
      else
        message = g_strdup (_("Unknown list. Choose one of: colleagues, assignments, tips, "
                              "interactions, reminders, due"));
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
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, assignment_id);

      message = g_strdup_printf (_("No assignment with id %s; --list=assignments prints the ids."),
                                 id_text);
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

/* "YYYY-MM-DDTHH:MM[:SS]" in local time, to Unix seconds. */
static gboolean
parse_local_time (const char *text,
                  gint64     *out)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) when = NULL;
  int year, month, day, hour, minute, second = 0;

  if (text == NULL ||
      !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", text,
                             0, 0))
    return FALSE;

  if (sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour, &minute, &second) < 5)
    return FALSE;

  /* g_date_time_new refuses 31 April or 25:00; leap seconds are not times anyone plans for. */
  if (second > 59)
    return FALSE;

  zone = g_time_zone_new_local ();
  when = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (when == NULL)
    return FALSE;

  *out = g_date_time_to_unix (when);

  return TRUE;
}

/* The --list=reminders line of one reminder, so --remind prints exactly what listing would. */
static char *
dup_reminder_json_line (RapportStore *store,
                        gint64        id)
{
  g_autofree char *lines = rapport_store_reminders_to_json_lines (store, now_seconds ());
  g_auto(GStrv) split = NULL;

  if (lines == NULL)
    return NULL;

  split = g_strsplit (lines, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (*split[i] == '\0' || !json_parser_load_from_data (parser, split[i], -1, NULL))
        continue;

      root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
          json_object_get_int_member_with_default (json_node_get_object (root), "id", 0) == id)
        return g_strdup (split[i]);
    }

  return NULL;
}

static int
add_reminder (RapportApplication      *self,
              GApplicationCommandLine *command_line,
              const char              *title,
              const char              *at,
              gboolean                 has_colleague,
              gint64                   colleague_id)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 due_at = 0;

  if (at == NULL)
    {
      print_error (command_line, _("--remind needs --at=YYYY-MM-DDTHH:MM, the time it is due."));
      return 2;
    }

  if (!parse_local_time (at, &due_at))
    {
      g_autofree char *message = NULL;

      /* Quoted back only while it is short: a pasted page would bury the advice. */
      if (strlen (at) <= MAX_QUOTED_ARGUMENT)
        message = g_strdup_printf (_("“%s” is not a date and time: write it as YYYY-MM-DDTHH:MM "
                                     "or YYYY-MM-DDTHH:MM:SS, in local time."),
                                   at);
      else
        message = g_strdup (_("--at is not a date and time: write it as YYYY-MM-DDTHH:MM or "
                              "YYYY-MM-DDTHH:MM:SS, in local time."));
      print_error (command_line, message);
      return 2;
    }

  if (!ensure_store (self, &error))
    {
      if (error == NULL)
        print_error (command_line, _("There is no journal yet: start Rapport once to create it."));
      else
        print_error (command_line, error->message);
      return 1;
    }

  if (has_colleague && rapport_store_find_colleague (self->store, colleague_id) == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, colleague_id);

      message = g_strdup_printf (_("No colleague with id %s; --list=colleagues prints the ids."),
                                 id_text);
      print_error (command_line, message);
      return 1;
    }

  reminder = rapport_reminder_new (title, due_at);
  if (has_colleague)
    rapport_reminder_set_colleague_id (reminder, colleague_id);

  if (!rapport_store_add_reminder (self->store, reminder, &error))
    {
      print_error (command_line, error->message);
      return (error->domain == RAPPORT_REMINDER_ERROR ||
              g_error_matches (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID)) ? 2 : 1;
    }

  line = dup_reminder_json_line (self->store, rapport_reminder_get_id (reminder));
  if (line != NULL)
    g_application_command_line_print (command_line, "%s\n", line);

  return 0;
}

static int
export_ics (RapportApplication      *self,
            GApplicationCommandLine *command_line,
            const char              *file_arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (!ensure_store (self, &error))
    {
      if (error == NULL)
        print_error (command_line, _("There is no journal yet: start Rapport once to create it."));
      else
        print_error (command_line, error->message);
      return 1;
    }

  /* Like --export-guide: a relative name is in the caller's folder. */
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

  if (!rapport_ical_export (self->store, path, now_seconds (), &error))
    {
      print_error (command_line, error->message);
      return 1;
    }

  return 0;
}

static int
import_vcard (RapportApplication      *self,
              GApplicationCommandLine *command_line,
              const char              *file_arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  RapportStoreImportCounts counts = { 0, };
  gsize length = 0;
  guint n_cards;
  guint next = 0;

  /* Like --export-guide: a relative name is in the caller's folder. */
  file = g_application_command_line_create_file_for_arg (command_line, file_arg);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      g_autoptr(GError) read_error = NULL;

      rapport_set_file_error (&read_error, G_IO_ERROR, G_IO_ERROR_FAILED, file_arg, error, FALSE);
      print_error (command_line, read_error->message);
      return 1;
    }

  if (!ensure_store (self, &error))
    {
      if (error == NULL)
        print_error (command_line, _("There is no journal yet: start Rapport once to create it."));
      else
        print_error (command_line, error->message);
      return 1;
    }

  colleagues = rapport_vcard_parse (contents, length, &problems);

  /* An empty file or one of another kind: saying "imported 0" would hide the mistake. */
  if (colleagues->len == 0 && (problems == NULL || problems->len == 0))
    {
      g_autofree char *shown = g_filename_display_name (file_arg);
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” holds no contacts: it is not a vCard file. Choose a "
                                   ".vcf file that an address book exported."), shown);
      print_error (command_line, message);
      return 1;
    }

  /* Card number → why it was skipped, for the broken cards and then the invalid ones. */
  reasons = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      RapportVCardProblem *problem = g_ptr_array_index (problems, i);

      g_hash_table_insert (reasons, GUINT_TO_POINTER (problem->card), g_strdup (problem->reason));
    }

  /* The cards read are the numbers no problem took, in file order. */
  n_cards = colleagues->len + g_hash_table_size (reasons);
  for (guint card = 1; card <= n_cards && next < colleagues->len; card++)
    {
      g_autoptr(GError) invalid = NULL;

      if (g_hash_table_contains (reasons, GUINT_TO_POINTER (card)))
        continue;

      /* Translators: a card of an imported file that was skipped, by its number, and why. */
      if (!rapport_colleague_validate (g_ptr_array_index (colleagues, next), &invalid))
        g_hash_table_insert (reasons, GUINT_TO_POINTER (card),
                             g_strdup_printf (_("Card %u: %s"), card, invalid->message));
      next++;
    }

  if (!rapport_store_import_colleagues (self->store, colleagues, RAPPORT_STORE_IMPORT_MERGE_EXACT,
                                        &counts, &error))
    {
      print_error (command_line, error->message);
      return 1;
    }

  counts.skipped += problems != NULL ? problems->len : 0;

  summary = rapport_import_describe_counts (&counts);
  g_application_command_line_print (command_line, "%s\n", summary);

  for (guint card = 1; card <= n_cards; card++)
    {
      const char *reason = g_hash_table_lookup (reasons, GUINT_TO_POINTER (card));

      /* Each reason already names its card: the parser's ("Card 3 has no name…") and ours. */
      if (reason != NULL)
        g_application_command_line_printerr (command_line, "%s\n", reason);
    }

  return counts.skipped > 0 ? 2 : 0;
}

static int
export_vcard (RapportApplication      *self,
              GApplicationCommandLine *command_line,
              const char              *file_arg,
              const char              *version_arg,
              gboolean                 with_notes,
              gboolean                 has_assignment,
              gint64                   assignment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *path = NULL;
  RapportVCardVersion version = RAPPORT_VCARD_VERSION_4_0;

  if (g_strcmp0 (version_arg, "3.0") == 0)
    {
      version = RAPPORT_VCARD_VERSION_3_0;
    }
  else if (version_arg != NULL && g_strcmp0 (version_arg, "4.0") != 0)
    {
      g_autofree char *message = NULL;

      if (strlen (version_arg) <= MAX_QUOTED_ARGUMENT)
        message = g_strdup_printf (_("Unknown vCard version “%s”: choose 3.0 or 4.0."),
                                   version_arg);
      else
        message = g_strdup (_("Unknown vCard version: choose 3.0 or 4.0."));
      print_error (command_line, message);
      return 2;
    }

  if (!ensure_store (self, &error))
    {
      if (error == NULL)
        print_error (command_line, _("There is no journal yet: start Rapport once to create it."));
      else
        print_error (command_line, error->message);
      return 1;
    }

  if (has_assignment)
    {
      if (rapport_store_find_assignment (self->store, assignment_id) == NULL)
        {
          g_autofree char *message = NULL;
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, assignment_id);

          message = g_strdup_printf (_("No assignment with id %s; --list=assignments prints the ids."),
                                 id_text);
          print_error (command_line, message);
          return 1;
        }

      ids = rapport_store_dup_assignment_colleague_ids (self->store, assignment_id);
      if (ids == NULL)
        ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

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

  if (!rapport_store_export_vcard (self->store, ids, version,
                                   with_notes ? RAPPORT_VCARD_WRITE_PERSONAL
                                              : RAPPORT_VCARD_WRITE_DEFAULT,
                                   path, &error))
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

/* Withdraws what no longer needs doing: done, deleted, or moved to another time (snoozed,
 * rescheduled, or a repeating one done and moved on). */
static void
store_changed_cb (RapportApplication *self,
                  RapportStore       *store)
{
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      RapportReminder *reminder = rapport_store_find_reminder (store, id);

      if (reminder == NULL ||
          rapport_reminder_get_completed_at (reminder) != 0 ||
          rapport_reminder_get_remind_at (reminder) != *(gint64 *) value)
        g_array_append_val (stale, id);
    }

  for (guint i = 0; i < stale->len; i++)
    withdraw_reminder_notification (self, g_array_index (stale, gint64, i));
}

static void
scheduler_due_cb (RapportApplication *self,
                  RapportReminder    *reminder,
                  RapportScheduler   *scheduler)
{
  send_reminder_notification (self, reminder);
}

static void
scheduler_digest_cb (RapportApplication *self,
                     guint               count,
                     RapportScheduler   *scheduler)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  title = g_strdup_printf (ngettext ("%u check-in was due while Rapport was closed",
                                     "%u check-ins were due while Rapport was closed",
                                     count),
                           count);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Open Today to see them and mark them done."));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.open-today");

  g_application_send_notification (G_APPLICATION (self), DIGEST_NOTIFICATION_ID, notification);
}

static void
settings_changed_cb (RapportApplication *self,
                     const char         *key,
                     GSettings          *settings)
{
  if (g_str_equal (key, "run-in-background"))
    update_background_hold (self);
  else if (g_str_equal (key, "start-at-login"))
    sync_start_at_login (self, TRUE);
  else if (g_str_has_prefix (key, "quiet-hours-"))
    apply_quiet_hours (self);
}

/* Done and Snooze work without a window: a notification button may have started the service. */
static gboolean
ensure_store_for_notification (RapportApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (ensure_store (self, &error))
    return TRUE;

  /* Without a journal there is no reminder to change. */
  if (error != NULL)
    send_locked_notification (self, error);

  return FALSE;
}

static void
reminder_done_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  RapportApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!ensure_store_for_notification (self))
    return;

  if (!rapport_store_complete_reminder (self->store, id, now_seconds (), &error) &&
      !g_error_matches (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not mark reminder %" G_GINT64_FORMAT " done: %s", id, error->message);
      return;
    }

  withdraw_reminder_notification (self, id);
}

static void
reminder_snooze_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  RapportApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!ensure_store_for_notification (self))
    return;

  if (!rapport_store_snooze_reminder (self->store, id, now_seconds () + SNOOZE_SECONDS, &error) &&
      !g_error_matches (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not snooze reminder %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }

  withdraw_reminder_notification (self, id);
}

static void
open_reminder_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  RapportApplication *self = user_data;

  self->pending_reminder = g_variant_get_int64 (parameter);
  g_clear_pointer (&self->pending_view, g_free);
  /* Presents the window and opens the journal when needed; the reminder shows once it is open. */
  g_application_activate (G_APPLICATION (self));
  schedule_flush_pending (self);
}

static void
open_today_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RapportApplication *self = user_data;

  self->pending_reminder = 0;
  g_free (self->pending_view);
  self->pending_view = g_strdup ("today");
  g_application_activate (G_APPLICATION (self));
  schedule_flush_pending (self);
}

/* Decided before registering: the demo is a process of its own, on a throwaway journal (see
 * rapport_profile_new_demo). It has an id of its own and owns no bus name, so nothing is forwarded
 * to or from a running Rapport, and no notification button can reach the person's journal. Its
 * preferences stay in memory, so trying a switch changes nothing of the person's Rapport. The
 * profile is the demo's from the start, so nothing can ever reach for the person's. */
static int
handle_demo_option (RapportApplication *self,
                    GVariantDict       *options)
{
  GApplication *application = G_APPLICATION (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_id = NULL;
  gboolean alone = !is_service (self);

  for (guint i = 0; option_entries[i].long_name != NULL; i++)
    {
      if (!g_str_equal (option_entries[i].long_name, "demo") &&
          g_variant_dict_contains (options, option_entries[i].long_name))
        alone = FALSE;
    }

  if (!alone)
    {
      g_printerr ("rapport: %s\n",
                  _("--demo cannot be combined with other options: the demo never opens your "
                    "journal. Run those options without --demo."));
      return 2;
    }

  g_clear_object (&self->profile);
  self->profile = rapport_profile_new_demo (&error);
  if (self->profile == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what went wrong, e.g. that a folder could not be made. */
      message = g_strdup_printf (_("The demo could not start (%s). Check that your temporary "
                                   "folder can be written to, then try again."),
                                 error->message);
      g_printerr ("rapport: %s\n", message);
      return 1;
    }

  self->demo = TRUE;
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  demo_id = g_strconcat (APPLICATION_ID, ".Demo", NULL);
  g_application_set_application_id (application, demo_id);
  g_application_set_flags (application,
                           g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RapportProfile *profile = task_data;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;

  store = rapport_profile_create (profile, cancellable, &error);
  if (store == NULL || !rapport_demo_fill (store, now, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
demo_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RapportWindow *window;

  set_opening (self, FALSE);
  store = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  window = find_window (self);

  if (store == NULL)
    {
      g_warning ("The demo journal could not be made: %s", error->message);
      if (window != NULL)
        rapport_window_show_failure (window, _("The Demo Could Not Start"), error->message);
      return;
    }

  rapport_application_set_store (self, store);
  if (window != NULL)
    rapport_window_show_journal (window);
}

static gboolean
demo_quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

/* Runs before the application's own shutdown: the journal is closed and its folder removed. */
static void
demo_shutdown_cb (GApplication *application,
                  gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);

  g_clear_handle_id (&self->demo_sigterm_source, g_source_remove);
  g_clear_handle_id (&self->demo_sigint_source, g_source_remove);

  /* A demo still being written would otherwise write on into the folder being removed. */
  g_cancellable_cancel (self->cancellable);
  while (self->opening)
    g_main_context_iteration (NULL, TRUE);

  rapport_application_set_store (self, NULL);
  if (self->profile != NULL)
    rapport_profile_discard_demo (self->profile);
}

/* GtkInfoBar's close button: GTK 4.8 gives it no name of its own. */
static GtkWidget *
find_icon_button (GtkWidget  *widget,
                  const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)),
                                           icon_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon_button (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Closed, the banner stays away for this run; the window title still says "Rapport Demo". */
static void
demo_banner_response_cb (GtkInfoBar *banner,
                         int         response,
                         gpointer    user_data)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_widget_set_visible (GTK_WIDGET (banner), FALSE);
}

/* Under the header bar, where a person looks first, and read out as an alert. */
static void
add_demo_banner (RapportWindow *window)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), RAPPORT_TYPE_WINDOW,
                                                  "header_bar");
  GtkWidget *header_bar = GTK_IS_WIDGET (child) ? GTK_WIDGET (child) : NULL;
  GtkWidget *parent = header_bar != NULL ? gtk_widget_get_parent (header_bar) : NULL;
  GtkWidget *banner = gtk_info_bar_new ();
  GtkWidget *label;
  GtkWidget *button;
  GtkWidget *close_button;

  label = gtk_label_new (_("Demo journal — changes are thrown away when you quit"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);

  button = gtk_button_new_with_label (_("Quit Demo"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.quit");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  gtk_info_bar_set_message_type (GTK_INFO_BAR (banner), GTK_MESSAGE_INFO);
  gtk_info_bar_add_child (GTK_INFO_BAR (banner), label);
  gtk_info_bar_add_child (GTK_INFO_BAR (banner), button);
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (banner), TRUE);
  g_signal_connect (banner, "response", G_CALLBACK (demo_banner_response_cb), NULL);
  close_button = find_icon_button (banner, "window-close-symbolic");
  if (close_button != NULL)
    {
      gtk_widget_set_tooltip_text (close_button, _("Hide Banner"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (close_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hide Banner"),
                                      -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Demo Journal"),
                                  -1);

  gtk_window_set_title (GTK_WINDOW (window), _("Rapport Demo"));

  if (GTK_IS_BOX (parent))
    {
      gtk_box_insert_child_after (GTK_BOX (parent), banner, header_bar);
    }
  else
    {
      /* The window's layout changed: the banner goes above everything instead. */
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      g_object_ref (content);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
      gtk_box_append (GTK_BOX (box), banner);
      gtk_box_append (GTK_BOX (box), content);
      g_object_unref (content);
    }
}

/* The window on a new demo journal: no recovery code, no welcome, no start at login, no
 * background service, no daily snapshot. */
static void
activate_demo (RapportApplication *self)
{
  g_autoptr(GTask) task = NULL;
  RapportWindow *window = find_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->demo_sigterm_source == 0)
    {
      self->demo_sigterm_source = g_unix_signal_add (SIGTERM, demo_quit_signal_cb, self);
      self->demo_sigint_source = g_unix_signal_add (SIGINT, demo_quit_signal_cb, self);
      g_signal_connect (self, "shutdown", G_CALLBACK (demo_shutdown_cb), NULL);
    }

  /* Preferences changed in the demo are not the person's. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);

  window = rapport_window_new (self);
  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
  add_demo_banner (window);
  gtk_window_present (GTK_WINDOW (window));

  rapport_window_show_loading (window);
  set_opening (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, demo_ready_cb, NULL);
  g_task_set_source_tag (task, activate_demo);
  g_task_set_task_data (task, g_object_ref (self->profile), g_object_unref);
  g_task_run_in_thread (task, demo_thread);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "reminder-done", reminder_done_action, "x" },
  { "reminder-snooze", reminder_snooze_action, "x" },
  { "open-reminder", open_reminder_action, "x" },
  { "open-today", open_today_action },
  { "restore-snapshot", restore_snapshot_action, "s" },
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

  if (g_variant_dict_contains (options, "demo"))
    {
      int status = handle_demo_option (RAPPORT_APPLICATION (application), options);

      if (status >= 0)
        return status;
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
  const char *ics = NULL;
  const char *title = NULL;
  const char *at = NULL;
  const char *vcf = NULL;
  const char *vcard_version = NULL;
  const char *backup = NULL;
  const char *restore = NULL;
  const char *passphrase_file = NULL;
  gint64 assignment_id = 0;
  gint64 colleague_id = 0;
  gboolean has_assignment;
  gboolean has_colleague;
  gboolean has_backup;
  gboolean has_restore;

  if (!lookup_id_option (command_line, options, "assignment", "assignments", &has_assignment,
                         &assignment_id)
      || !lookup_id_option (command_line, options, "colleague", "colleagues", &has_colleague,
                            &colleague_id)
      || !lookup_text_option (command_line, options, "at", &at)
      || !lookup_text_option (command_line, options, "remind", &title)
      || !lookup_text_option (command_line, options, "list", &what)
      || !lookup_text_option (command_line, options, "vcard-version", &vcard_version))
    return 2;

  if (title != NULL)
    return add_reminder (self, command_line, title, at, has_colleague, colleague_id);

  if (at != NULL || has_colleague)
    {
      print_error (command_line, _("--at and --colleague go with --remind=TEXT."));
      return 2;
    }

  if (what != NULL)
    return list_journal (self, command_line, what);

  if (g_variant_dict_lookup (options, "export-ics", "^&ay", &ics))
    return export_ics (self, command_line, ics);

  if (g_variant_dict_lookup (options, "export-vcard", "^&ay", &vcf))
    return export_vcard (self, command_line, vcf, vcard_version,
                         g_variant_dict_contains (options, "with-notes"),
                         has_assignment, assignment_id);

  if (vcard_version != NULL || g_variant_dict_contains (options, "with-notes"))
    {
      print_error (command_line, _("--vcard-version and --with-notes go with --export-vcard=FILE."));
      return 2;
    }

  if (g_variant_dict_lookup (options, "import", "^&ay", &vcf))
    return import_vcard (self, command_line, vcf);

  if (g_variant_dict_lookup (options, "export-guide", "^&ay", &guide))
    return export_guide (self, command_line, guide, has_assignment, assignment_id);

  if (has_assignment)
    {
      print_error (command_line, _("--assignment goes with --export-guide=FILE or "
                                   "--export-vcard=FILE."));
      return 2;
    }

  g_variant_dict_lookup (options, "passphrase-file", "^&ay", &passphrase_file);
  has_backup = g_variant_dict_lookup (options, "backup", "^&ay", &backup);
  has_restore = g_variant_dict_lookup (options, "restore", "^&ay", &restore);

  if (has_backup && has_restore)
    {
      print_error (command_line, _("Choose one of --backup=FILE and --restore=FILE."));
      return 2;
    }

  if (has_backup)
    return back_up_journal (self, command_line, backup, passphrase_file);

  if (has_restore)
    return restore_journal (self, command_line, restore, passphrase_file);

  if (passphrase_file != NULL)
    {
      print_error (command_line, _("--passphrase-file goes with --backup=FILE or "
                                   "--restore=FILE."));
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
    { "win.add-reminder(int64 0)", { "<Control>r", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.import-contacts", { "<Control>i", NULL } },
    { "win.export-contacts", { "<Control><Shift>e", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-view::today", { "<Alt>1", NULL } },
    { "win.show-view::colleagues", { "<Alt>2", NULL } },
    { "win.show-view::assignments", { "<Alt>3", NULL } },
    { "win.show-view::journal", { "<Alt>4", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  if (source != NULL)
    self->settings_schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (self->settings_schema != NULL)
    {
      self->settings = g_settings_new_full (self->settings_schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (is_service (self))
    {
      /* Started by D-Bus (a notification button) or at login: reminders only, no window. */
      g_application_set_inactivity_timeout (application, SERVICE_INACTIVITY_TIMEOUT_MS);
      become_resident (self);
      sync_start_at_login (self, FALSE);
      /* Never create a journal here: that is for the window, where the recovery code shows. */
      if (rapport_profile_has_journal (rapport_application_get_profile (self)))
        open_journal (self);
    }
}

static void
rapport_application_activate (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  RapportWindow *window = find_window (self);

  if (self->demo)
    {
      activate_demo (self);
      return;
    }

  if (!self->resident)
    {
      become_resident (self);
      sync_start_at_login (self, FALSE);
    }

  if (window == NULL)
    {
      /* A worker opens the journal while the window is being built. */
      open_journal (self);

      window = rapport_window_new (self);
      if (DEVELOPMENT_BUILD)
        gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
    }

  gtk_window_present (GTK_WINDOW (window));

  if (self->store != NULL)
    rapport_window_show_journal (window);
  else if (self->opening)
    rapport_window_show_loading (window);
  else
    open_journal (self);
}

static void
rapport_application_shutdown (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  rapport_application_set_store (self, NULL);
  g_clear_handle_id (&self->pending_source, g_source_remove);

  G_APPLICATION_CLASS (rapport_application_parent_class)->shutdown (application);
}

static void
rapport_application_dispose (GObject *object)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  clear_scheduler (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->settings_schema, g_settings_schema_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->pending_view, g_free);
#if HAVE_LIBPORTAL
  g_clear_object (&self->portal);
#endif

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
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
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

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  update_scheduler (self);
  update_background_hold (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (store != NULL)
    schedule_flush_pending (self);

  schedule_daily_snapshot (self);
}

void
rapport_application_back_up_async (RapportApplication  *self,
                                   const char          *path,
                                   const char          *passphrase,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BackupData) data = NULL;
  GError *error = NULL;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_application_back_up_async);
  /* What happened, even when cancelled too late to stop it: the file is there then. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL,
                               _("There is no open journal to back up. Open your journal and "
                                 "try again."));
      return;
    }

  data = backup_data_new (path, passphrase);
  /* Opened here, where the store's connection is in use, and handed to the worker. */
  data->database = rapport_database_open_another (rapport_store_get_database (self->store),
                                                  &error);
  if (data->database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) backup_data_free);
  g_task_run_in_thread (task, back_up_thread);
}

gboolean
rapport_application_back_up_finish (RapportApplication  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_application_back_up_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rapport_application_restore_async (RapportApplication  *self,
                                   const char          *path,
                                   const char          *passphrase,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_application_restore_async);
  /* What happened, even when cancelled too late to stop it: the journal is replaced then. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->opening)
    {
      g_task_return_new_error (task, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_BUSY,
                               _("Your journal is being opened or restored right now. Wait for "
                                 "that to finish and try again."));
      return;
    }

  start_restore (self, g_steal_pointer (&task), backup_data_new (path, passphrase),
                 restore_thread);
}

gboolean
rapport_application_restore_finish (RapportApplication  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_application_restore_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
