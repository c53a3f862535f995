/* rapport-reminder-row.c
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

#define G_LOG_DOMAIN "rapport-reminder-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-local-time.h"
#include "rapport-reminder-row.h"

#define SNOOZE_MORNING_HOUR 8
/* Narrower than this, the buttons stack beside the text: a phone-wide row keeps room to read. */
#define NARROW_WIDTH 480
#define MARGIN_TOP 8
#define MARGIN_BOTTOM 8
#define MARGIN_START 12
#define MARGIN_END 6
#define SPACING 12
#define STACKED_SPACING 6

struct _RapportReminderRow
{
  GtkWidget        parent_instance;

  RapportStore    *store;
  RapportReminder *reminder;
  gint64           now;

  GtkImage        *state_image;
  GtkLabel        *title_label;
  GtkLabel        *when_label;
  GtkLabel        *details_label;
  GtkLabel        *snoozed_label;
  GtkWidget       *text_box;
  GtkButton       *done_button;
  GtkWidget       *menus_box;
  GtkMenuButton   *snooze_button;
  GtkMenuButton   *more_button;
  GMenuModel      *snooze_menu;
  GMenuModel      *more_menu;
};

/* What a toast's Undo, or the Pick a Time dialog, needs after the row may be gone. */
typedef struct
{
  RapportStore     *store;
  RapportStoreUndo *undo;
  gint64            id;
  GWeakRef          row;
  AdwEntryRow      *date_row;
  AdwEntryRow      *time_row;
} Pending;

/* Where the row's parts go at one width. */
typedef struct
{
  gboolean stacked;
  int      image_width;
  int      text_width;
  int      done_width;
  int      done_height;
  int      menus_width;
  int      menus_height;
  int      actions_width;
  int      actions_height;
} Layout;

G_DEFINE_FINAL_TYPE (RapportReminderRow, rapport_reminder_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REMINDER,
  PROP_NOW,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static Pending *
pending_new (RapportReminderRow *self)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->store = g_object_ref (self->store);
  pending->id = rapport_reminder_get_id (self->reminder);
  g_weak_ref_init (&pending->row, self);

  return pending;
}

static void
pending_free (gpointer  data,
              GClosure *closure)
{
  Pending *pending = data;

  g_clear_object (&pending->store);
  g_clear_pointer (&pending->undo, rapport_store_undo_free);
  g_weak_ref_clear (&pending->row);
  g_free (pending);
}

static gint64
get_now (RapportReminderRow *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static void
add_toast (RapportReminderRow *self,
           AdwToast           *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
add_error_toast (RapportReminderRow *self,
                 const GError       *error)
{
  g_autoptr(AdwToast) toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static GDateTime *
dup_local (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

/* Calendar days from a to b, in the local zone. */
static int
days_between (GDateTime *a,
              GDateTime *b)
{
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (a), g_date_time_get_month (a),
                  g_date_time_get_year (a));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (b), g_date_time_get_month (b),
                  g_date_time_get_year (b));

  return g_date_days_between (&da, &db);
}

/* "2 hours overdue", "3 days overdue". */
static char *
format_overdue (gint64 due_at,
                gint64 now)
{
  g_autoptr(GDateTime) due = dup_local (due_at);
  g_autoptr(GDateTime) today = dup_local (now);
  gint64 minutes = (now - due_at) / 60;
  int days;

  if (minutes < 1)
    return g_strdup (_("Due now"));
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute overdue", "%d minutes overdue", (int) minutes),
                            (int) minutes);

  days = due != NULL && today != NULL ? days_between (due, today) : 0;
  if (days < 1 || minutes < 24 * 60)
    {
      int hours = (int) (minutes / 60);

      return g_strdup_printf (ngettext ("%d hour overdue", "%d hours overdue", hours), hours);
    }

  return g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", days), days);
}

static char *
dup_repeat_description (RapportReminder *reminder)
{
  RapportRecurrence rule;

  if (*rapport_reminder_get_rrule (reminder) == '\0' ||
      !rapport_recurrence_parse (rapport_reminder_get_rrule (reminder), &rule, NULL) ||
      rule.kind == RAPPORT_RECURRENCE_NONE)
    return NULL;

  return rapport_recurrence_dup_description (&rule);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
update (RapportReminderRow *self)
{
  RapportReminder *reminder = self->reminder;
  RapportReminderState state;
  RapportColleague *colleague = NULL;
  g_autofree char *when = NULL;
  g_autofree char *when_line = NULL;
  g_autofree char *repeat = NULL;
  g_autofree char *details = NULL;
  g_autofree char *snoozed = NULL;
  g_autofree char *done_label = NULL;
  g_autofree char *snooze_label = NULL;
  g_autofree char *more_label = NULL;
  const char *title;
  gint64 now = get_now (self);

  if (reminder == NULL)
    return;

  title = rapport_reminder_get_title (reminder);
  state = rapport_reminder_get_state_at (reminder, now);
  gtk_label_set_label (self->title_label, title);

  when = rapport_reminder_row_format_when (rapport_reminder_get_due_at (reminder), now);
  if (state == RAPPORT_REMINDER_STATE_OVERDUE)
    {
      g_autofree char *overdue = format_overdue (rapport_reminder_get_due_at (reminder), now);

      /* Translators: when a reminder was due and by how much it is late,
       * e.g. "Yesterday 12:30 · 1 day overdue" */
      when_line = g_strdup_printf (_("%s · %s"), when, overdue);
      gtk_widget_add_css_class (GTK_WIDGET (self->when_label), "error");
      /* The missed-appointment icon draws its clock faint: in high contrast the overdue
       * reminder gets a solid one, in the error colour. */
      if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
        {
          gtk_image_set_from_icon_name (self->state_image, "alarm-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (self->state_image), "error");
        }
      else
        {
          gtk_image_set_from_icon_name (self->state_image, "appointment-missed-symbolic");
          gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), "error");
        }
    }
  else
    {
      when_line = g_strdup (when);
      gtk_widget_remove_css_class (GTK_WIDGET (self->when_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), "error");
      gtk_image_set_from_icon_name (self->state_image,
                                    *rapport_reminder_get_rrule (reminder) != '\0'
                                    ? "media-playlist-repeat-symbolic"
                                    : "alarm-symbolic");
    }
  set_label (self->when_label, when_line);

  if (self->store != NULL && rapport_reminder_get_colleague_id (reminder) != 0)
    colleague = rapport_store_find_colleague (self->store,
                                              rapport_reminder_get_colleague_id (reminder));
  repeat = dup_repeat_description (reminder);
  if (colleague != NULL && repeat != NULL)
    /* Translators: who a reminder is about and how it repeats, e.g. "Ada · Every week on Thursday" */
    details = g_strdup_printf (_("%s · %s"), rapport_colleague_get_name (colleague), repeat);
  else if (colleague != NULL)
    details = g_strdup (rapport_colleague_get_name (colleague));
  else
    details = g_steal_pointer (&repeat);
  set_label (self->details_label, details);

  if (state == RAPPORT_REMINDER_STATE_SNOOZED)
    {
      gint64 until = rapport_reminder_get_snoozed_until (reminder);
      g_autoptr(GDateTime) local = dup_local (until);
      g_autoptr(GDateTime) today = dup_local (now);

      if (local != NULL && today != NULL && days_between (today, local) == 0)
        {
          g_autofree char *time = g_date_time_format (local, "%H:%M");

          /* Translators: %s is a time of day, e.g. "Snoozed until 13:40" */
          snoozed = g_strdup_printf (_("Snoozed until %s"), time);
        }
      else
        {
          g_autofree char *until_text = rapport_reminder_row_format_when (until, now);

          /* Translators: %s is a day and time, e.g. "Snoozed until Tomorrow 08:00" */
          snoozed = g_strdup_printf (_("Snoozed until %s"), until_text);
        }
    }
  set_label (self->snoozed_label, snoozed);

  /* The buttons show short words; screen readers hear which reminder they act on. */
  /* Translators: %s is a reminder's title */
  done_label = g_strdup_printf (_("Mark “%s” Done"), title);
  /* Translators: %s is a reminder's title */
  snooze_label = g_strdup_printf (_("Snooze “%s”"), title);
  /* Translators: %s is a reminder's title */
  more_label = g_strdup_printf (_("More Actions for “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, done_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->snooze_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, snooze_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminder.done",
                                 self->store != NULL && state != RAPPORT_REMINDER_STATE_DONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminder.snooze",
                                 self->store != NULL && state != RAPPORT_REMINDER_STATE_DONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminder.delete", self->store != NULL);
}

static void
snooze_until (RapportReminderRow *self,
              gint64              until)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_store_snooze_reminder (self->store, rapport_reminder_get_id (self->reminder),
                                      until, &error))
    add_error_toast (self, error);
}

static gint64
pick_dialog_until (Pending *pending)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pending->date_row))));
  g_autofree char *time = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pending->time_row))));
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = rapport_local_time_parse (local, date, time);

  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

static void
pick_changed_cb (AdwMessageDialog *dialog,
                 GtkEditable      *editable)
{
  Pending *pending = g_object_get_data (G_OBJECT (dialog), "rapport-pending");
  gint64 until = pick_dialog_until (pending);

  adw_message_dialog_set_response_enabled (dialog, "snooze",
                                           until > g_get_real_time () / G_USEC_PER_SEC);
}

static void
pick_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Pending          *pending)
{
  g_autoptr(RapportReminderRow) self = g_weak_ref_get (&pending->row);
  g_autoptr(GError) error = NULL;
  gint64 until;

  if (g_strcmp0 (response, "snooze") != 0)
    return;

  until = pick_dialog_until (pending);
  if (until == 0)
    return;

  if (!rapport_store_snooze_reminder (pending->store, pending->id, until, &error) && self != NULL)
    add_error_toast (self, error);
}

static AdwEntryRow *
new_entry_row (const char *title,
               const char *description,
               const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  GtkEditable *delegate;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), description);
  gtk_editable_set_text (GTK_EDITABLE (row), text);

  /* The floating title is not the field's name for screen readers: name the editable. */
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  return row;
}

static void
pick_time (RapportReminderRow *self)
{
  g_autoptr(GDateTime) now = dup_local (get_now (self));
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *date = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (later, "%H:00");
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Pending *pending;

  /* Translators: %s is a reminder's title */
  body = g_strdup_printf (_("Remind again about “%s” at:"), rapport_reminder_get_title (self->reminder));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Snooze Until"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "snooze", _("Snooze"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "snooze",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "snooze");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  pending = pending_new (self);
  pending->date_row = new_entry_row (_("Date"), _("YYYY-MM-DD"), date);
  pending->time_row = new_entry_row (_("Time"), _("HH:MM, 24-hour"), time);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (pending->date_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (pending->time_row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  /* The dialog owns the rows; the data lives as long as the dialog. */
  g_object_set_data (G_OBJECT (dialog), "rapport-pending", pending);
  g_signal_connect_swapped (pending->date_row, "changed", G_CALLBACK (pick_changed_cb), dialog);
  g_signal_connect_swapped (pending->time_row, "changed", G_CALLBACK (pick_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (pick_response_cb), pending,
                         pending_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_delete_cb (AdwToast *toast,
                Pending  *pending)
{
  g_autoptr(RapportReminderRow) self = g_weak_ref_get (&pending->row);
  g_autoptr(GError) error = NULL;

  if (pending->undo == NULL)
    return;

  if (!rapport_store_undo (pending->store, pending->undo, &error))
    {
      g_autoptr(AdwToast) error_toast = adw_toast_new (error->message);

      /* The row that offered Undo is usually gone by now; tell whoever still listens. */
      if (self != NULL)
        add_toast (self, error_toast);
      else
        g_warning ("Could not undo deleting a reminder: %s", error->message);
    }
}

static void
reminder_notify_cb (RapportReminderRow *self)
{
  update (self);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->reminder == NULL)
    return;

  if (!rapport_store_complete_reminder (self->store, rapport_reminder_get_id (self->reminder),
                                        get_now (self), &error))
    add_error_toast (self, error);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (widget);
  const char *choice = g_variant_get_string (parameter, NULL);
  gint64 now = get_now (self);
  gint64 base;

  if (self->store == NULL || self->reminder == NULL)
    return;

  /* Snoozing something not due yet pushes it back from its own time, not from now. */
  base = MAX (now, rapport_reminder_get_remind_at (self->reminder));

  if (g_str_equal (choice, "10-minutes"))
    {
      snooze_until (self, base + 10 * 60);
    }
  else if (g_str_equal (choice, "1-hour"))
    {
      snooze_until (self, base + 60 * 60);
    }
  else if (g_str_equal (choice, "tomorrow-morning"))
    {
      g_autoptr(GDateTime) today = dup_local (now);
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
      g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                            g_date_time_get_month (tomorrow),
                                                            g_date_time_get_day_of_month (tomorrow),
                                                            SNOOZE_MORNING_HOUR, 0, 0);

      snooze_until (self, g_date_time_to_unix (morning));
    }
  else if (g_str_equal (choice, "pick"))
    {
      pick_time (self);
    }
  else
    {
      g_warning ("Unknown snooze choice “%s”", choice);
    }
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (widget);

  if (self->reminder != NULL)
    gtk_widget_activate_action (widget, "win.show-reminder", "x",
                                rapport_reminder_get_id (self->reminder));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (widget);
  g_autoptr(RapportReminderRow) keep = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Pending *pending;

  if (self->store == NULL || self->reminder == NULL)
    return;

  /* The store's "changed" may rebuild the list this row is in. */
  keep = g_object_ref (self);
  pending = pending_new (self);
  /* Translators: %s is a reminder's title */
  title = g_strdup_printf (_("“%s” deleted"), rapport_reminder_get_title (self->reminder));

  if (!rapport_store_delete_reminder (self->store, pending->id, &pending->undo, &error))
    {
      pending_free (pending, NULL);
      add_error_toast (self, error);
      return;
    }

  toast = adw_toast_new (title);
  /* No mnemonic: GTK 4.8 would name the button "_Undo Undo" for screen readers. */
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), pending,
                         pending_free, 0);
  add_toast (self, toast);
}

static void
high_contrast_cb (RapportReminderRow *self)
{
  update (self);
}

static void
measure_natural (GtkWidget *widget,
                 int       *width,
                 int       *height)
{
  *width = *height = 0;
  if (!gtk_widget_should_layout (widget))
    return;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, width, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, *width, NULL, height, NULL, NULL);
}

/* Side by side, or the menus under Done. */
static void
get_actions_size (Layout *layout)
{
  gboolean both = layout->done_width > 0 && layout->menus_width > 0;

  if (layout->stacked)
    {
      layout->actions_width = MAX (layout->done_width, layout->menus_width);
      layout->actions_height = layout->done_height + layout->menus_height +
                               (both ? STACKED_SPACING : 0);
    }
  else
    {
      layout->actions_width = layout->done_width + layout->menus_width + (both ? SPACING : 0);
      layout->actions_height = MAX (layout->done_height, layout->menus_height);
    }
}

/* The text gets what the icon and the buttons leave of the width, never less than it needs. */
static void
get_layout (RapportReminderRow *self,
            int                 width,
            Layout             *layout)
{
  int image_height, text_minimum;

  layout->stacked = width < NARROW_WIDTH;
  measure_natural (GTK_WIDGET (self->state_image), &layout->image_width, &image_height);
  measure_natural (GTK_WIDGET (self->done_button), &layout->done_width, &layout->done_height);
  measure_natural (self->menus_box, &layout->menus_width, &layout->menus_height);
  get_actions_size (layout);

  gtk_widget_measure (self->text_box, GTK_ORIENTATION_HORIZONTAL, -1, &text_minimum, NULL, NULL,
                      NULL);
  layout->text_width = MAX (text_minimum,
                            width - MARGIN_START - MARGIN_END - layout->image_width - SPACING -
                            (layout->actions_width > 0 ? SPACING + layout->actions_width : 0));
}

static void
allocate_child (GtkWidget *widget,
                GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height)
{
  if (!gtk_widget_should_layout (child))
    return;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (widget) - x - width;

  gtk_widget_allocate (child, width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y)));
}

static GtkSizeRequestMode
rapport_reminder_row_get_request_mode (GtkWidget *widget)
{
  /* Its labels wrap: the narrower the row, the taller. */
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rapport_reminder_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (widget);
  Layout layout;
  int image_minimum, image_natural, text_minimum, text_natural;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      Layout wide;

      /* At the least, the buttons stacked; at ease, side by side. */
      get_layout (self, 0, &layout);
      get_layout (self, NARROW_WIDTH, &wide);
      gtk_widget_measure (GTK_WIDGET (self->state_image), orientation, -1, &image_minimum,
                          &image_natural, NULL, NULL);
      gtk_widget_measure (self->text_box, orientation, -1, &text_minimum, &text_natural, NULL,
                          NULL);
      *minimum = MARGIN_START + image_minimum + SPACING + text_minimum + MARGIN_END +
                 (layout.actions_width > 0 ? SPACING + layout.actions_width : 0);
      *natural = MARGIN_START + image_natural + SPACING + text_natural + MARGIN_END +
                 (wide.actions_width > 0 ? SPACING + wide.actions_width : 0);
      *natural = MAX (*minimum, *natural);
    }
  else
    {
      int image_height;

      if (for_size < 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &for_size, NULL, NULL);
      get_layout (self, for_size, &layout);
      gtk_widget_measure (GTK_WIDGET (self->state_image), orientation, layout.image_width, NULL,
                          &image_height, NULL, NULL);
      gtk_widget_measure (self->text_box, orientation, layout.text_width, &text_minimum,
                          &text_natural, NULL, NULL);
      *minimum = MARGIN_TOP + MAX (MAX (image_height, text_minimum), layout.actions_height) +
                 MARGIN_BOTTOM;
      *natural = MARGIN_TOP + MAX (MAX (image_height, text_natural), layout.actions_height) +
                 MARGIN_BOTTOM;
    }

  *minimum_baseline = *natural_baseline = -1;
}

static void
rapport_reminder_row_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (widget);
  int inner_height = MAX (0, height - MARGIN_TOP - MARGIN_BOTTOM);
  int image_height, text_minimum, text_natural, text_height, x, y;
  Layout layout;

  get_layout (self, width, &layout);

  gtk_widget_measure (GTK_WIDGET (self->state_image), GTK_ORIENTATION_VERTICAL,
                      layout.image_width, NULL, &image_height, NULL, NULL);
  allocate_child (widget, GTK_WIDGET (self->state_image), MARGIN_START, MARGIN_TOP,
                  layout.image_width, image_height);

  /* The text centred beside the buttons, at the height it needs for its width. */
  gtk_widget_measure (self->text_box, GTK_ORIENTATION_VERTICAL, layout.text_width, &text_minimum,
                      &text_natural, NULL, NULL);
  text_height = MAX (text_minimum, MIN (text_natural, inner_height));
  x = MARGIN_START + layout.image_width + SPACING;
  allocate_child (widget, self->text_box, x, MARGIN_TOP + (inner_height - text_height) / 2,
                  layout.text_width, text_height);

  x = width - MARGIN_END - layout.actions_width;
  if (layout.stacked)
    {
      y = MARGIN_TOP + (inner_height - layout.actions_height) / 2;
      allocate_child (widget, GTK_WIDGET (self->done_button), x, y, layout.actions_width,
                      layout.done_height);
      if (layout.done_height > 0)
        y += layout.done_height + STACKED_SPACING;
      allocate_child (widget, self->menus_box, x + (layout.actions_width - layout.menus_width) / 2,
                      y, layout.menus_width, layout.menus_height);
    }
  else
    {
      allocate_child (widget, GTK_WIDGET (self->done_button), x,
                      MARGIN_TOP + (inner_height - layout.done_height) / 2, layout.done_width,
                      layout.done_height);
      if (layout.done_width > 0)
        x += layout.done_width + SPACING;
      allocate_child (widget, self->menus_box, x,
                      MARGIN_TOP + (inner_height - layout.menus_height) / 2, layout.menus_width,
                      layout.menus_height);
    }
}

static void
rapport_reminder_row_dispose (GObject *object)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (object);
  GtkWidget *child;

  if (self->reminder != NULL)
    g_signal_handlers_disconnect_by_func (self->reminder, reminder_notify_cb, self);
  g_clear_object (&self->reminder);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REMINDER_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rapport_reminder_row_parent_class)->dispose (object);
}

static void
rapport_reminder_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_REMINDER:
      g_value_set_object (value, self->reminder);
      break;

    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminder_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_REMINDER:
      self->reminder = g_value_dup_object (value);
      if (self->reminder != NULL)
        g_signal_connect_swapped (self->reminder, "notify", G_CALLBACK (reminder_notify_cb), self);
      break;

    case PROP_NOW:
      rapport_reminder_row_set_now (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminder_row_constructed (GObject *object)
{
  RapportReminderRow *self = RAPPORT_REMINDER_ROW (object);

  G_OBJECT_CLASS (rapport_reminder_row_parent_class)->constructed (object);

  update (self);
}

static void
rapport_reminder_row_class_init (RapportReminderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_reminder_row_constructed;
  object_class->dispose = rapport_reminder_row_dispose;
  object_class->get_property = rapport_reminder_row_get_property;
  object_class->set_property = rapport_reminder_row_set_property;
  widget_class->get_request_mode = rapport_reminder_row_get_request_mode;
  widget_class->measure = rapport_reminder_row_measure;
  widget_class->size_allocate = rapport_reminder_row_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The store's item: the row follows its changes. */
  properties[PROP_REMINDER] =
    g_param_spec_object ("reminder", NULL, NULL,
                         RAPPORT_TYPE_REMINDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Unix seconds the texts are relative to; 0 follows the clock. */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-reminder-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, state_image);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, snoozed_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, text_box);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, menus_box);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, more_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, snooze_menu);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderRow, more_menu);

  gtk_widget_class_install_action (widget_class, "reminder.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "reminder.snooze", "s", snooze_action);
  gtk_widget_class_install_action (widget_class, "reminder.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "reminder.delete", NULL, delete_action);
}

static void
rapport_reminder_row_init (RapportReminderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A menu's popover costs twice the rest of the row: Today and the lists build many rows, and
   * a menu is opened on few of them. */
  gtk_menu_button_set_create_popup_func (self->snooze_button, create_popup_cb,
                                         self->snooze_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->more_button, create_popup_cb,
                                         self->more_menu, NULL);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (high_contrast_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
rapport_reminder_row_new (RapportStore    *store,
                          RapportReminder *reminder)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_REMINDER (reminder), NULL);

  return g_object_new (RAPPORT_TYPE_REMINDER_ROW,
                       "store", store,
                       "reminder", reminder,
                       NULL);
}

RapportStore *
rapport_reminder_row_get_store (RapportReminderRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_ROW (self), NULL);

  return self->store;
}

RapportReminder *
rapport_reminder_row_get_reminder (RapportReminderRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_ROW (self), NULL);

  return self->reminder;
}

gint64
rapport_reminder_row_get_now (RapportReminderRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_ROW (self), 0);

  return self->now;
}

void
rapport_reminder_row_set_now (RapportReminderRow *self,
                              gint64              now)
{
  g_return_if_fail (RAPPORT_IS_REMINDER_ROW (self));
  g_return_if_fail (now >= 0);

  if (self->now == now)
    return;

  self->now = now;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

char *
rapport_reminder_row_format_when (gint64 remind_at,
                                  gint64 now)
{
  g_autoptr(GDateTime) when = dup_local (remind_at);
  g_autoptr(GDateTime) today = dup_local (now);
  g_autofree char *time = NULL;
  int days;

  if (when == NULL || today == NULL)
    return g_strdup ("");

  time = g_date_time_format (when, "%H:%M");
  days = days_between (today, when);

  switch (days)
    {
    case -1:
      /* Translators: %s is a time of day, e.g. "Yesterday 12:30" */
      return g_strdup_printf (_("Yesterday %s"), time);
    case 0:
      /* Translators: %s is a time of day, e.g. "Today 12:30" */
      return g_strdup_printf (_("Today %s"), time);
    case 1:
      /* Translators: %s is a time of day, e.g. "Tomorrow 09:00" */
      return g_strdup_printf (_("Tomorrow %s"), time);
    default:
      break;
    }

  if (g_date_time_get_year (when) == g_date_time_get_year (today))
    /* Translators: a reminder's day and time this year, see strftime(3), e.g. "Thu 26 Nov 12:30" */
    return g_date_time_format (when, _("%a %-d %b %H:%M"));

  /* Translators: a reminder's day and time in another year, see strftime(3),
   * e.g. "Thu 26 Nov 2027 12:30" */
  return g_date_time_format (when, _("%a %-d %b %Y %H:%M"));
}
