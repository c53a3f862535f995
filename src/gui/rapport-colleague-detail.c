/* rapport-colleague-detail.c
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

#define G_LOG_DOMAIN "rapport-colleague-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rapport-colleague-detail.h"
#include "rapport-colleague-editor.h"
#include "rapport-interaction-row.h"
#include "rapport-qr-dialog.h"
#include "rapport-reminder-row.h"

/* How many of the latest interactions the details list. */
#define N_RECENT 5

struct _RapportColleagueDetail
{
  GtkWidget             parent_instance;

  RapportStore         *store;
  RapportColleague     *colleague;
  gulong                notify_handler;
  gint64                last_interaction_id;
  GPtrArray            *met_rows;       /* the rows the Met At and Recent Interactions */
  GPtrArray            *recent_rows;    /* groups hold now, to remove on the next update */
  GPtrArray            *reminder_rows;

  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkButton            *log_button;
  GtkButton            *check_in_button;
  GtkLabel             *summary_label;
  GtkLabel             *archived_label;
  GtkButton            *archive_button;
  AdwPreferencesGroup  *contact_group;
  AdwActionRow         *phone_row;
  AdwActionRow         *email_row;
  AdwActionRow         *messaging_row;
  AdwPreferencesGroup  *about_group;
  AdwActionRow         *support_row;
  AdwActionRow         *interests_row;
  AdwActionRow         *birthday_row;
  AdwActionRow         *cadence_row;
  AdwPreferencesGroup  *notes_group;
  GtkLabel             *notes_label;
  GtkLabel             *added_label;
  AdwActionRow         *last_row;
  AdwPreferencesGroup  *met_group;
  AdwPreferencesGroup  *recent_group;
  AdwPreferencesGroup  *reminders_group;
};

/* What an Undo button on a toast needs, kept alive by the toast even after the detail moved on. */
typedef struct
{
  RapportStore     *store;
  RapportColleague *colleague;
  RapportStoreUndo *undo;
  GWeakRef          detail;
} UndoData;

G_DEFINE_FINAL_TYPE (RapportColleagueDetail, rapport_colleague_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COLLEAGUE,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static UndoData *
undo_data_new (RapportColleagueDetail *self,
               RapportColleague       *colleague)
{
  UndoData *data = g_new0 (UndoData, 1);

  data->store = g_object_ref (self->store);
  data->colleague = g_object_ref (colleague);
  g_weak_ref_init (&data->detail, self);

  return data;
}

static void
undo_data_free (gpointer  user_data,
                GClosure *closure)
{
  UndoData *data = user_data;

  g_clear_object (&data->store);
  g_clear_object (&data->colleague);
  g_clear_pointer (&data->undo, rapport_store_undo_free);
  g_weak_ref_clear (&data->detail);
  g_free (data);
}

static void
add_toast (RapportColleagueDetail *self,
           AdwToast               *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
add_error_toast (RapportColleagueDetail *self,
                 const GError           *error)
{
  g_autoptr(AdwToast) toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
}

static char *
format_birthday (const char *birthday)
{
  g_autoptr(GDateTime) date = NULL;
  gboolean has_year;
  int year = 2000;   /* a leap year, so "--02-29" is a date too */
  int month, day;

  if (birthday == NULL || *birthday == '\0')
    return NULL;

  has_year = !g_str_has_prefix (birthday, "--");
  if (has_year)
    {
      if (sscanf (birthday, "%d-%d-%d", &year, &month, &day) != 3)
        return g_strdup (birthday);
    }
  else if (sscanf (birthday + 2, "%d-%d", &month, &day) != 2)
    {
      return g_strdup (birthday);
    }

  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (birthday);

  if (has_year)
    /* Translators: a birthday with its year, see strftime(3), e.g. "14 March 1985" */
    return g_date_time_format (date, _("%-d %B %Y"));

  /* Translators: a birthday without its year, see strftime(3), e.g. "14 March" */
  return g_date_time_format (date, _("%-d %B"));
}

static char *
format_cadence (guint days)
{
  switch (days)
    {
    case 0:
      return NULL;
    case 30:
      return g_strdup (_("Every month"));
    case 91:
      return g_strdup (_("Every 3 months"));
    case 182:
      return g_strdup (_("Every 6 months"));
    case 365:
      return g_strdup (_("Every year"));
    default:
      break;
    }

  if (days % 7 == 0)
    return g_strdup_printf (ngettext ("Every %u week", "Every %u weeks", days / 7), days / 7);

  return g_strdup_printf (ngettext ("Every %u day", "Every %u days", days), days);
}

static void
update_actions (RapportColleagueDetail *self)
{
  gboolean enabled = self->store != NULL && self->colleague != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "colleague.edit", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "colleague.archive", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "colleague.delete", enabled);
  /* Sharing needs only what is on screen, not the journal. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "colleague.share", self->colleague != NULL);
}

static void
update (RapportColleagueDetail *self)
{
  RapportColleague *c = self->colleague;
  g_autoptr(GPtrArray) summary_parts = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *cadence = NULL;
  g_autofree char *added = NULL;
  RapportSupportKind kind;
  const char *notes;

  if (c == NULL)
    return;

  adw_avatar_set_text (self->avatar, rapport_colleague_get_name (c));
  gtk_label_set_label (self->name_label, rapport_colleague_get_name (c));

  if (*rapport_colleague_get_role (c) != '\0')
    g_ptr_array_add (summary_parts, (gpointer) rapport_colleague_get_role (c));
  if (*rapport_colleague_get_specialty (c) != '\0')
    g_ptr_array_add (summary_parts, (gpointer) rapport_colleague_get_specialty (c));
  if (*rapport_colleague_get_organization (c) != '\0')
    g_ptr_array_add (summary_parts, (gpointer) rapport_colleague_get_organization (c));
  g_ptr_array_add (summary_parts, NULL);
  /* Translators: the separator between role, specialty and organization */
  summary = g_strjoinv (_(" · "), (char **) summary_parts->pdata);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), *summary != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->archived_label), rapport_colleague_get_archived (c));
  gtk_button_set_label (self->archive_button,
                        rapport_colleague_get_archived (c) ? _("Unarchive") : _("Archive"));

  set_row (self->phone_row, rapport_colleague_get_phone (c));
  set_row (self->email_row, rapport_colleague_get_email (c));
  set_row (self->messaging_row, rapport_colleague_get_messaging (c));
  gtk_widget_set_visible (GTK_WIDGET (self->contact_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->phone_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->email_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->messaging_row)));

  kind = rapport_colleague_get_support_kind (c);
  birthday = format_birthday (rapport_colleague_get_birthday (c));
  cadence = format_cadence (rapport_colleague_get_cadence_days (c));
  set_row (self->support_row, kind != RAPPORT_SUPPORT_KIND_NONE
                              ? rapport_support_kind_to_label (kind)
                              : NULL);
  set_row (self->interests_row, rapport_colleague_get_interests (c));
  set_row (self->birthday_row, birthday);
  set_row (self->cadence_row, cadence);
  gtk_widget_set_visible (GTK_WIDGET (self->about_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->support_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->interests_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->birthday_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->cadence_row)));

  notes = rapport_colleague_get_notes (c);
  gtk_label_set_label (self->notes_label, notes);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), *notes != '\0');

  if (rapport_colleague_get_created_at (c) > 0)
    {
      gint64 created_at = rapport_colleague_get_created_at (c);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (created_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      /* Translators: when the colleague was added, see strftime(3), e.g. "14 March 2026" */
      g_autofree char *date = g_date_time_format (local, _("%-d %B %Y"));

      /* Translators: %s is a date, e.g. "Added 14 March 2026" */
      added = g_strdup_printf (_("Added %s"), date);
    }
  gtk_label_set_label (self->added_label, added != NULL ? added : "");
  gtk_widget_set_visible (GTK_WIDGET (self->added_label), added != NULL);
}


static GDateTime *
dup_local (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

static char *
format_date (GDateTime *date)
{
  /* Translators: a day in the journal, see strftime(3), e.g. "14 March 2026" */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/* "Coffee · 3 days ago": what it was and how long ago, counted in calendar days. */
static char *
format_last_interaction (RapportInteraction *interaction)
{
  const char *kind = rapport_interaction_kind_to_label (rapport_interaction_get_kind (interaction));
  g_autoptr(GDateTime) when = dup_local (rapport_interaction_get_occurred_at (interaction));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *ago = NULL;
  GDate then_day, today;
  int days;

  if (when == NULL)
    return g_strdup (kind);

  g_date_clear (&then_day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&then_day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  days = g_date_days_between (&then_day, &today);

  if (days == 0)
    ago = g_strdup (_("today"));
  else if (days == 1)
    ago = g_strdup (_("yesterday"));
  else if (days > 1)
    ago = g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  else
    ago = format_date (when);

  /* Translators: a kind of interaction and when it was, e.g. "Coffee · 3 days ago" */
  return g_strdup_printf (_("%s · %s"), kind, ago);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
activate_with_id (GtkWidget  *widget,
                  const char *action_name,
                  const char *id_key)
{
  gint64 *id = g_object_get_data (G_OBJECT (widget), id_key);

  if (id != NULL)
    gtk_widget_activate_action (widget, action_name, "x", *id);
}

static void
met_row_activated_cb (AdwActionRow *row)
{
  activate_with_id (GTK_WIDGET (row), "win.show-assignment", "assignment-id");
}

static void
recent_row_activated_cb (AdwActionRow *row)
{
  activate_with_id (GTK_WIDGET (row), "win.show-interaction", "interaction-id");
}

static void
reminder_row_activated_cb (AdwActionRow *row)
{
  activate_with_id (GTK_WIDGET (row), "win.show-reminder", "reminder-id");
}

static GtkWidget *
new_link_row (const char *title,
              const char *subtitle,
              const char *id_key,
              gint64      id,
              GCallback   activated)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), id_key, g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", activated, NULL);

  return row;
}

static gint
compare_soonest_first (gconstpointer a,
                       gconstpointer b)
{
  RapportReminder *x = *(RapportReminder **) a;
  RapportReminder *y = *(RapportReminder **) b;
  gint64 tx = rapport_reminder_get_remind_at (x);
  gint64 ty = rapport_reminder_get_remind_at (y);

  if (tx != ty)
    return tx < ty ? -1 : 1;

  return rapport_reminder_get_id (x) < rapport_reminder_get_id (y) ? -1 : 1;
}

/* What is planned with them and not done yet, the soonest first. */
static void
update_reminders (RapportColleagueDetail *self,
                  gint64                  colleague_id)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *reminders = rapport_store_get_reminders (self->store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);

      if (rapport_reminder_get_colleague_id (reminder) == colleague_id &&
          rapport_reminder_get_state_at (reminder, now) != RAPPORT_REMINDER_STATE_DONE)
        g_ptr_array_add (pending, g_steal_pointer (&reminder));
    }
  g_ptr_array_sort (pending, compare_soonest_first);

  for (guint i = 0; i < pending->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (pending, i);
      g_autofree char *when = rapport_reminder_row_format_when (rapport_reminder_get_remind_at (reminder),
                                                                now);
      GtkWidget *row;

      row = new_link_row (rapport_reminder_get_title (reminder), when, "reminder-id",
                          rapport_reminder_get_id (reminder),
                          G_CALLBACK (reminder_row_activated_cb));
      if (rapport_reminder_get_state_at (reminder, now) == RAPPORT_REMINDER_STATE_OVERDUE)
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "appointment-missed-symbolic");
      else
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "alarm-symbolic");
      adw_preferences_group_add (self->reminders_group, row);
      g_ptr_array_add (self->reminder_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reminders_group), self->reminder_rows->len > 0);
}

/* The parts that come from elsewhere in the journal: interactions and assignments. */
static void
update_journal (RapportColleagueDetail *self)
{
  RapportInteraction *last = NULL;
  g_autoptr(GArray) assignment_ids = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 colleague_id;

  clear_rows (self->met_group, self->met_rows);
  clear_rows (self->recent_group, self->recent_rows);
  clear_rows (self->reminders_group, self->reminder_rows);
  self->last_interaction_id = 0;

  if (self->store == NULL || self->colleague == NULL)
    return;

  colleague_id = rapport_colleague_get_id (self->colleague);

  /* Only their newest entries: the whole journal may not even be read yet. */
  recent = rapport_store_dup_colleague_interactions (self->store, colleague_id, N_RECENT, &error);
  if (recent == NULL)
    {
      g_warning ("Could not read the journal entries of a colleague: %s", error->message);
      recent = g_ptr_array_new_with_free_func (g_object_unref);
    }

  last = recent->len > 0 ? g_ptr_array_index (recent, 0) : NULL;
  if (last != NULL)
    {
      g_autofree char *text = format_last_interaction (last);

      self->last_interaction_id = rapport_interaction_get_id (last);
      adw_action_row_set_subtitle (self->last_row, text);
    }
  else
    {
      adw_action_row_set_subtitle (self->last_row, _("Nothing logged yet"));
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->last_row), last != NULL);

  assignment_ids = rapport_store_dup_colleague_assignment_ids (self->store, colleague_id);
  for (guint i = 0; assignment_ids != NULL && i < assignment_ids->len; i++)
    {
      gint64 id = g_array_index (assignment_ids, gint64, i);
      RapportAssignment *assignment = rapport_store_find_assignment (self->store, id);
      g_autofree char *met_on = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (assignment == NULL)
        continue;

      title = rapport_assignment_dup_title (assignment);
      met_on = rapport_store_dup_met_on (self->store, colleague_id, id);
      if (met_on != NULL && *met_on != '\0')
        {
          int year, month, day_of_month;

          /* Stored as "YYYY-MM-DD", whatever the locale reads dates as. */
          if (sscanf (met_on, "%d-%d-%d", &year, &month, &day_of_month) == 3 &&
              g_date_valid_dmy (day_of_month, month, year))
            {
              g_autoptr(GDateTime) day = g_date_time_new_local (year, month, day_of_month,
                                                                0, 0, 0);
              g_autofree char *formatted = format_date (day);

              /* Translators: %s is a date, e.g. "Met on 14 March 2026" */
              subtitle = g_strdup_printf (_("Met on %s"), formatted);
            }
        }
      if (subtitle == NULL)
        subtitle = rapport_assignment_dup_place (assignment);

      row = new_link_row (title, subtitle, "assignment-id", id, G_CALLBACK (met_row_activated_cb));
      adw_preferences_group_add (self->met_group, row);
      g_ptr_array_add (self->met_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->met_group), self->met_rows->len > 0);

  for (guint i = 0; i < recent->len; i++)
    {
      RapportInteraction *interaction = g_ptr_array_index (recent, i);
      g_autoptr(GDateTime) when = dup_local (rapport_interaction_get_occurred_at (interaction));
      g_autofree char *title = rapport_interaction_row_dup_title (self->store, interaction);
      g_autofree char *subtitle = when != NULL ? format_date (when) : g_strdup ("");
      GtkWidget *row;

      row = new_link_row (title, subtitle, "interaction-id", rapport_interaction_get_id (interaction),
                          G_CALLBACK (recent_row_activated_cb));
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);

  update_reminders (self, colleague_id);
}

static void
store_changed_cb (RapportColleagueDetail *self)
{
  update_journal (self);
}

static void
last_row_activated_cb (RapportColleagueDetail *self)
{
  if (self->last_interaction_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-interaction", "x",
                                self->last_interaction_id);
}

static void
log_interaction_clicked_cb (RapportColleagueDetail *self)
{
  if (self->colleague != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.log-interaction", "x",
                                rapport_colleague_get_id (self->colleague));
}

static void
plan_check_in_clicked_cb (RapportColleagueDetail *self)
{
  if (self->colleague != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.add-reminder", "x",
                                rapport_colleague_get_id (self->colleague));
}

static void
colleague_notify_cb (RapportColleagueDetail *self)
{
  update (self);
}

static void
undo_archive_cb (AdwToast *toast,
                 UndoData *data)
{
  g_autoptr(RapportColleagueDetail) self = g_weak_ref_get (&data->detail);
  g_autoptr(GError) error = NULL;

  if (!rapport_store_set_colleague_archived (data->store,
                                             rapport_colleague_get_id (data->colleague),
                                             FALSE, &error) &&
      self != NULL)
    add_error_toast (self, error);
}

static void
undo_delete_cb (AdwToast *toast,
                UndoData *data)
{
  g_autoptr(RapportColleagueDetail) self = g_weak_ref_get (&data->detail);
  g_autoptr(GError) error = NULL;

  if (data->undo == NULL)
    return;

  if (!rapport_store_undo (data->store, data->undo, &error) && self != NULL)
    add_error_toast (self, error);
}

static void
write_email_clicked_cb (RapportColleagueDetail *self)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (self->colleague == NULL || *rapport_colleague_get_email (self->colleague) == '\0')
    return;

  escaped = g_uri_escape_string (rapport_colleague_get_email (self->colleague), "@+", FALSE);
  uri = g_strconcat ("mailto:", escaped, NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (widget);
  RapportColleagueEditor *editor;
  GtkRoot *root;

  if (self->store == NULL || self->colleague == NULL)
    return;

  root = gtk_widget_get_root (widget);
  editor = rapport_colleague_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->store, self->colleague);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
share_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (widget);
  RapportQrDialog *dialog;
  GtkRoot *root;

  if (self->colleague == NULL)
    return;

  root = gtk_widget_get_root (widget);
  dialog = rapport_qr_dialog_new (self->colleague, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (widget);
  g_autoptr(RapportColleague) colleague = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean archive;

  if (self->store == NULL || self->colleague == NULL)
    return;

  /* The store may hand the selection elsewhere while this runs. */
  colleague = g_object_ref (self->colleague);
  archive = !rapport_colleague_get_archived (colleague);

  if (!rapport_store_set_colleague_archived (self->store, rapport_colleague_get_id (colleague),
                                             archive, &error))
    {
      add_error_toast (self, error);
      return;
    }

  if (!archive)
    return;

  /* Translators: %s is a colleague's name */
  title = g_strdup_printf (_("“%s” archived"), rapport_colleague_get_name (colleague));
  toast = adw_toast_new (title);
  /* No mnemonic: GTK 4.8 would name the button "_Undo Undo" for screen readers. */
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_archive_cb),
                         undo_data_new (self, colleague), undo_data_free, 0);
  add_toast (self, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (widget);
  g_autoptr(RapportColleague) colleague = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  UndoData *data;
  guint n_entries;

  if (self->store == NULL || self->colleague == NULL)
    return;

  /* Kept for Undo: the store restores this very object. */
  colleague = g_object_ref (self->colleague);
  data = undo_data_new (self, colleague);

  if (!rapport_store_delete_colleague (self->store, rapport_colleague_get_id (colleague),
                                       &data->undo, &error))
    {
      undo_data_free (data, NULL);
      add_error_toast (self, error);
      return;
    }

  /* Entries that named only them went with them; say so, Undo brings those back too. */
  n_entries = data->undo != NULL
              ? rapport_store_undo_get_removed (data->undo, RAPPORT_ITEM_KIND_INTERACTION)
              : 0;
  if (n_entries > 0)
    /* Translators: %s is a colleague's name, %u how many journal entries went with them */
    title = g_strdup_printf (ngettext ("“%s” and %u journal entry deleted",
                                       "“%s” and %u journal entries deleted", n_entries),
                             rapport_colleague_get_name (colleague), n_entries);
  else
    /* Translators: %s is a colleague's name */
    title = g_strdup_printf (_("“%s” deleted"), rapport_colleague_get_name (colleague));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb),
                         data, undo_data_free, 0);
  add_toast (self, toast);
}

static void
wrap_button_label (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

static void
rapport_colleague_detail_dispose (GObject *object)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (object);
  GtkWidget *child;

  rapport_colleague_detail_set_colleague (self, NULL);
  rapport_colleague_detail_set_store (self, NULL);
  g_clear_pointer (&self->met_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  g_clear_pointer (&self->reminder_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_COLLEAGUE_DETAIL);
  /* The template's top box has no id, so the template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_colleague_detail_parent_class)->dispose (object);
}

static void
rapport_colleague_detail_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_COLLEAGUE:
      g_value_set_object (value, self->colleague);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_detail_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RapportColleagueDetail *self = RAPPORT_COLLEAGUE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_colleague_detail_set_store (self, g_value_get_object (value));
      break;

    case PROP_COLLEAGUE:
      rapport_colleague_detail_set_colleague (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_detail_class_init (RapportColleagueDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_colleague_detail_dispose;
  object_class->get_property = rapport_colleague_detail_get_property;
  object_class->set_property = rapport_colleague_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLLEAGUE] =
    g_param_spec_object ("colleague", NULL, NULL,
                         RAPPORT_TYPE_COLLEAGUE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-colleague-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, log_button);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, archived_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, archive_button);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, contact_group);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, email_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, messaging_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, about_group);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, support_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, interests_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, notes_group);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, added_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, last_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, met_group);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, recent_group);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueDetail, reminders_group);
  gtk_widget_class_bind_template_callback (widget_class, write_email_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, last_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_interaction_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_check_in_clicked_cb);

  gtk_widget_class_install_action (widget_class, "colleague.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "colleague.share", NULL, share_action);
  gtk_widget_class_install_action (widget_class, "colleague.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "colleague.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "colleague.edit", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_colleague_detail_init (RapportColleagueDetail *self)
{
  /* The rows are the groups' children; the arrays only remember which to remove. */
  self->met_rows = g_ptr_array_new ();
  self->recent_rows = g_ptr_array_new ();
  self->reminder_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);

  /* Long translations of the pills wrap rather than widen a phone-wide window. */
  wrap_button_label (self->log_button);
  wrap_button_label (self->check_in_button);
}

GtkWidget *
rapport_colleague_detail_new (void)
{
  return g_object_new (RAPPORT_TYPE_COLLEAGUE_DETAIL, NULL);
}

RapportStore *
rapport_colleague_detail_get_store (RapportColleagueDetail *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE_DETAIL (self), NULL);

  return self->store;
}

void
rapport_colleague_detail_set_store (RapportColleagueDetail *self,
                                    RapportStore           *store)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE_DETAIL (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  if (self->met_rows != NULL)
    update_journal (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

RapportColleague *
rapport_colleague_detail_get_colleague (RapportColleagueDetail *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE_DETAIL (self), NULL);

  return self->colleague;
}

void
rapport_colleague_detail_set_colleague (RapportColleagueDetail *self,
                                        RapportColleague       *colleague)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE_DETAIL (self));
  g_return_if_fail (colleague == NULL || RAPPORT_IS_COLLEAGUE (colleague));

  if (self->colleague == colleague)
    return;

  if (self->colleague != NULL)
    g_clear_signal_handler (&self->notify_handler, self->colleague);

  g_set_object (&self->colleague, colleague);

  if (colleague != NULL)
    self->notify_handler = g_signal_connect_object (colleague, "notify",
                                                    G_CALLBACK (colleague_notify_cb),
                                                    self, G_CONNECT_SWAPPED);

  update (self);
  if (self->met_rows != NULL)
    update_journal (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLEAGUE]);
}
