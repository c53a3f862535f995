/* rapport-reminder-editor.c
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

#define G_LOG_DOMAIN "rapport-reminder-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-editor-rows.h"
#include "rapport-local-time.h"
#include "rapport-reminder-editor.h"

/* A new reminder's default time: tomorrow at this hour, local. */
#define DEFAULT_HOUR 9

struct _RapportReminderEditor
{
  AdwWindow        parent_instance;

  RapportStore    *store;
  RapportReminder *original;        /* the store's item, when editing */
  gint64           colleague_id;    /* chosen in a new reminder */
  GArray          *colleague_ids;   /* what each "Colleague" entry stands for, 0 = none */
  GArray          *assignment_ids;  /* what each "Assignment" entry stands for, 0 = none */
  GtkToggleButton *weekday_buttons[7];  /* Monday first */
  GDateWeekday     default_weekday; /* ticked while the person has not chosen days themselves */
  guint            weekdays_chosen : 1;
  guint            loading : 1;

  AdwWindowTitle  *window_title;
  GtkButton       *confirm_button;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwEntryRow     *title_row;
  AdwEntryRow     *date_row;
  AdwEntryRow     *time_row;
  AdwEntryRow     *tz_row;
  GtkLabel        *when_hint_label;
  AdwComboRow     *repeat_row;
  AdwActionRow    *every_row;
  GtkSpinButton   *every_spin;
  GtkLabel        *unit_label;
  AdwPreferencesRow *weekdays_row;
  GtkBox          *weekdays_box;
  GtkLabel        *repeat_label;
  GtkLabel        *next_label;
  AdwComboRow     *colleague_row;
  AdwComboRow     *assignment_row;
  GtkTextView     *notes_view;
};

G_DEFINE_FINAL_TYPE (RapportReminderEditor, rapport_reminder_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REMINDER,
  PROP_COLLEAGUE_ID,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GTimeZone *
dup_time_zone (RapportReminderEditor *self)
{
  g_autofree char *name = rapport_editor_rows_dup_text (self->tz_row);

  if (*name == '\0')
    return NULL;

  return g_time_zone_new_identifier (name);
}

/* The moment the fields name, in the chosen zone; NULL when they name none. */
static GDateTime *
dup_due (RapportReminderEditor *self)
{
  g_autofree char *date = rapport_editor_rows_dup_text (self->date_row);
  g_autofree char *time = rapport_editor_rows_dup_text (self->time_row);
  g_autoptr(GTimeZone) tz = dup_time_zone (self);

  if (tz == NULL)
    return NULL;

  return rapport_local_time_parse (tz, date, time);
}

static RapportRecurrenceKind
get_kind (RapportReminderEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->repeat_row);

  /* The combo lists the kinds in the enum's order. */
  return selected <= RAPPORT_RECURRENCE_YEARLY ? (RapportRecurrenceKind) selected
                                               : RAPPORT_RECURRENCE_NONE;
}

static guint8
get_weekdays (RapportReminderEditor *self)
{
  guint8 weekdays = 0;

  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->weekday_buttons[i]))
      weekdays |= 1 << i;

  return weekdays;
}

static void
set_weekdays (RapportReminderEditor *self,
              guint8                 weekdays)
{
  gboolean loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->weekday_buttons[i], (weekdays & (1 << i)) != 0);
  self->loading = loading;
}

/* The rule the Repeat fields describe, read against the chosen date (the day of the month and
 * "the fourth Thursday" come from it). FALSE when the date is not valid yet. */
static gboolean
get_rule (RapportReminderEditor *self,
          RapportRecurrence     *rule)
{
  g_autoptr(GDateTime) due = dup_due (self);
  int day;

  memset (rule, 0, sizeof *rule);
  rule->kind = get_kind (self);
  rule->interval = (guint) gtk_spin_button_get_value_as_int (self->every_spin);

  if (rule->kind == RAPPORT_RECURRENCE_NONE)
    {
      rule->interval = 1;
      return TRUE;
    }

  if (due == NULL)
    return FALSE;

  day = g_date_time_get_day_of_month (due);

  switch (rule->kind)
    {
    case RAPPORT_RECURRENCE_WEEKLY:
      rule->weekdays = get_weekdays (self);
      break;

    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
      rule->month_day = day;
      break;

    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      /* A fifth weekday is also the last one, and "last" exists every month. */
      rule->week_of_month = (day - 1) / 7 + 1;
      if (rule->week_of_month == 5)
        rule->week_of_month = -1;
      rule->weekday = (GDateWeekday) g_date_time_get_day_of_week (due);
      break;

    case RAPPORT_RECURRENCE_NONE:
    case RAPPORT_RECURRENCE_DAILY:
    case RAPPORT_RECURRENCE_YEARLY:
    default:
      break;
    }

  return TRUE;
}

static void
update_unit (RapportReminderEditor *self)
{
  int n = gtk_spin_button_get_value_as_int (self->every_spin);
  const char *unit;

  switch (get_kind (self))
    {
    case RAPPORT_RECURRENCE_DAILY:
      unit = ngettext ("day", "days", n);
      break;
    case RAPPORT_RECURRENCE_WEEKLY:
      unit = ngettext ("week", "weeks", n);
      break;
    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      unit = ngettext ("month", "months", n);
      break;
    case RAPPORT_RECURRENCE_YEARLY:
      unit = ngettext ("year", "years", n);
      break;
    case RAPPORT_RECURRENCE_NONE:
    default:
      unit = "";
      break;
    }

  gtk_label_set_label (self->unit_label, unit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->every_spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, unit,
                                  -1);
}

static char *
format_occurrence (GDateTime *when)
{
  /* Translators: an occurrence of a repeating reminder, see strftime(3),
   * e.g. "Thursday 26 November, 12:30" */
  return g_date_time_format (when, _("%A %-d %B, %H:%M"));
}

/* The description and the next occurrences, for the rule as it stands. */
static void
update_preview (RapportReminderEditor *self,
                const RapportRecurrence *rule,
                gboolean                 valid)
{
  g_autoptr(GDateTime) due = dup_due (self);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;
  g_autofree char *description = NULL;
  g_autofree char *next = NULL;

  if (rule->kind == RAPPORT_RECURRENCE_NONE || !valid || due == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->repeat_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
      return;
    }

  description = rapport_recurrence_dup_description (rule);
  gtk_label_set_label (self->repeat_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->repeat_label), description != NULL);

  /* The chosen time is the first occurrence; if it passed, the next one after now. */
  now = g_date_time_new_now (g_date_time_get_timezone (due));
  if (g_date_time_compare (due, now) > 0)
    first = g_date_time_ref (due);
  else
    first = rapport_recurrence_next (rule, due, now);

  if (first != NULL)
    second = rapport_recurrence_next (rule, due, first);

  if (first != NULL && second != NULL)
    {
      g_autofree char *a = format_occurrence (first);
      g_autofree char *b = format_occurrence (second);

      /* Translators: the next two occurrences of a repeating reminder,
       * e.g. "Next: Thursday 26 November, 12:30, then Monday 30 November, 12:30" */
      next = g_strdup_printf (_("Next: %s, then %s"), a, b);
    }
  else if (first != NULL)
    {
      g_autofree char *a = format_occurrence (first);

      /* Translators: the next occurrence of a repeating reminder,
       * e.g. "Next: Thursday 26 November, 12:30" */
      next = g_strdup_printf (_("Next: %s"), a);
    }

  gtk_label_set_label (self->next_label, next != NULL ? next : "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), next != NULL);
}

/* Checks every field as the person types; returns whether the reminder can be saved. */
static gboolean
validate (RapportReminderEditor *self)
{
  g_autofree char *title = rapport_editor_rows_dup_text (self->title_row);
  g_autofree char *date = rapport_editor_rows_dup_text (self->date_row);
  g_autofree char *time = rapport_editor_rows_dup_text (self->time_row);
  g_autoptr(GTimeZone) tz = dup_time_zone (self);
  RapportRecurrenceKind kind = get_kind (self);
  RapportRecurrence rule;
  int year, month, day, hour, minute;
  gboolean title_ok = *title != '\0';
  gboolean date_ok = rapport_local_time_parse_date (date, &year, &month, &day);
  gboolean time_ok = rapport_local_time_parse_time (time, &hour, &minute);
  gboolean tz_ok = tz != NULL;
  gboolean rule_ok;
  const char *hint;
  gboolean hint_error;

  if (self->loading)
    return FALSE;

  rapport_editor_rows_set_error (GTK_WIDGET (self->title_row), !title_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->date_row), !date_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->time_row), !time_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->tz_row), !tz_ok);

  rule_ok = get_rule (self, &rule);
  if (kind == RAPPORT_RECURRENCE_WEEKLY && rule.weekdays == 0)
    rule_ok = FALSE;

  hint_error = TRUE;
  if (!title_ok)
    hint = _("Give the reminder a title, like “Call Ada after her boards”.");
  else if (!date_ok && !time_ok)
    hint = _("Write the date as YYYY-MM-DD and the time as HH:MM, like 2026-03-14 and 12:30.");
  else if (!date_ok)
    hint = _("That date is not a day of the calendar: write it as YYYY-MM-DD.");
  else if (!time_ok)
    hint = _("That time is not a time of day: write it as HH:MM, from 00:00 to 23:59.");
  else if (!tz_ok)
    hint = _("That is not a time zone this computer knows: write a name such as America/Denver or "
             "Europe/Paris.");
  else if (kind == RAPPORT_RECURRENCE_WEEKLY && rule.weekdays == 0)
    hint = _("Choose at least one day of the week to repeat on.");
  else
    {
      hint = _("Date: YYYY-MM-DD. Time: HH:MM, 24-hour, in the time zone below it.");
      hint_error = FALSE;
    }
  rapport_editor_rows_set_hint (self->when_hint_label, hint, hint_error);

  gtk_widget_set_visible (GTK_WIDGET (self->every_row), kind != RAPPORT_RECURRENCE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->weekdays_row), kind == RAPPORT_RECURRENCE_WEEKLY);
  update_unit (self);
  update_preview (self, &rule, rule_ok && date_ok && time_ok && tz_ok);

  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button),
                            title_ok && date_ok && time_ok && tz_ok && rule_ok);

  return title_ok && date_ok && time_ok && tz_ok && rule_ok;
}

static void
show_error (RapportReminderEditor *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
setup_repeat (RapportReminderEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  /* In RapportRecurrenceKind's order. */
  gtk_string_list_append (labels, C_("repeat", "Never"));
  gtk_string_list_append (labels, C_("repeat", "Daily"));
  gtk_string_list_append (labels, C_("repeat", "Weekly"));
  gtk_string_list_append (labels, C_("repeat", "Monthly on This Day"));
  gtk_string_list_append (labels, C_("repeat", "Monthly on This Weekday"));
  gtk_string_list_append (labels, C_("repeat", "Yearly"));

  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (labels));
}

static void
weekday_toggled_cb (RapportReminderEditor *self)
{
  if (self->loading)
    return;

  self->weekdays_chosen = TRUE;
  validate (self);
}

/* Seven toggles, Monday first, named by the locale's weekday names. */
static void
setup_weekdays (RapportReminderEditor *self)
{
  /* 5 January 2026 is a Monday. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 1, 5, 12, 0, 0);

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, i);
      g_autofree char *abbreviation = g_date_time_format (day, "%a");
      g_autofree char *name = g_date_time_format (day, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (abbreviation);

      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      /* The button's text would otherwise name it too, as "Mon Monday". */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (weekday_toggled_cb), self);
      gtk_box_append (self->weekdays_box, button);
      self->weekday_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static int
compare_colleagues (gconstpointer a,
                    gconstpointer b)
{
  RapportColleague *x = *(RapportColleague **) a;
  RapportColleague *y = *(RapportColleague **) b;

  return g_utf8_collate (rapport_colleague_get_name (x), rapport_colleague_get_name (y));
}

/* "None" then the colleagues by name; archived ones only when the reminder names them. */
static void
setup_colleagues (RapportReminderEditor *self,
                  gint64                 current)
{
  GListModel *model = rapport_store_get_colleagues (self->store);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  guint selected = 0;
  gint64 none = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      if (!rapport_colleague_get_archived (colleague) ||
          rapport_colleague_get_id (colleague) == current)
        g_ptr_array_add (colleagues, g_steal_pointer (&colleague));
    }
  g_ptr_array_sort (colleagues, compare_colleagues);

  g_array_set_size (self->colleague_ids, 0);
  g_array_append_val (self->colleague_ids, none);
  /* Translators: no colleague for a reminder */
  gtk_string_list_append (labels, C_("colleague", "None"));

  for (guint i = 0; i < colleagues->len; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (colleagues, i);
      gint64 id = rapport_colleague_get_id (colleague);

      if (id == current)
        selected = self->colleague_ids->len;
      g_array_append_val (self->colleague_ids, id);
      gtk_string_list_append (labels, rapport_colleague_get_name (colleague));
    }

  adw_combo_row_set_model (self->colleague_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->colleague_row, selected);
}

/* "None" then the assignments, the latest start first. */
static void
setup_assignments (RapportReminderEditor *self,
                   gint64                current)
{
  /* Translators: no assignment for a reminder */
  rapport_editor_rows_setup_assignments (self->assignment_row, self->assignment_ids, self->store,
                                         C_("assignment", "None"), current);
}

static void
load (RapportReminderEditor *self)
{
  RapportReminder *reminder = self->original;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  RapportRecurrence rule = { RAPPORT_RECURRENCE_NONE, 1, 0, 0, 0, 0 };
  const char *tz;

  gtk_window_set_title (GTK_WINDOW (self),
                        reminder == NULL ? _("New Reminder") : _("Edit Reminder"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_button_set_label (self->confirm_button, reminder == NULL ? _("Add") : _("Save"));

  self->loading = TRUE;
  setup_repeat (self);

  if (reminder == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
      g_autoptr(RapportReminder) defaults = rapport_reminder_new ("", 0);
      RapportAssignment *current = rapport_store_get_current_assignment (self->store, now);
      gint64 colleague_id = 0;

      if (self->colleague_id != 0 &&
          rapport_store_find_colleague (self->store, self->colleague_id) != NULL)
        colleague_id = self->colleague_id;

      when = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                    g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow),
                                    DEFAULT_HOUR, 0, 0);
      /* The system zone, as the store would default it. */
      tz = rapport_reminder_get_tz (defaults);
      gtk_editable_set_text (GTK_EDITABLE (self->tz_row), tz);
      setup_colleagues (self, colleague_id);
      setup_assignments (self, current != NULL ? rapport_assignment_get_id (current) : 0);
    }
  else
    {
      when = rapport_reminder_dup_due_local (reminder);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), rapport_reminder_get_title (reminder));
      gtk_editable_set_text (GTK_EDITABLE (self->tz_row), rapport_reminder_get_tz (reminder));
      setup_colleagues (self, rapport_reminder_get_colleague_id (reminder));
      setup_assignments (self, rapport_reminder_get_assignment_id (reminder));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                rapport_reminder_get_notes (reminder), -1);

      if (!rapport_recurrence_parse (rapport_reminder_get_rrule (reminder), &rule, NULL))
        rule.kind = RAPPORT_RECURRENCE_NONE;
    }

  if (when != NULL)
    {
      rapport_local_time_format (when, &date, &time);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
      self->default_weekday = (GDateWeekday) g_date_time_get_day_of_week (when);
    }

  adw_combo_row_set_selected (self->repeat_row, rule.kind);
  gtk_spin_button_set_value (self->every_spin, MAX (rule.interval, 1));
  if (rule.kind == RAPPORT_RECURRENCE_WEEKLY && rule.weekdays != 0)
    {
      set_weekdays (self, rule.weekdays);
      self->weekdays_chosen = TRUE;
    }
  else if (self->default_weekday != G_DATE_BAD_WEEKDAY)
    {
      set_weekdays (self, 1 << (self->default_weekday - 1));
    }

  self->loading = FALSE;
  validate (self);
}

static void
fill (RapportReminderEditor *self,
      RapportReminder       *reminder)
{
  g_autoptr(GDateTime) due = dup_due (self);
  g_autofree char *title = rapport_editor_rows_dup_text (self->title_row);
  g_autofree char *tz = rapport_editor_rows_dup_text (self->tz_row);
  g_autofree char *rrule = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  RapportRecurrence rule;
  guint colleague = adw_combo_row_get_selected (self->colleague_row);
  guint assignment = adw_combo_row_get_selected (self->assignment_row);

  g_assert (due != NULL);

  if (!get_rule (self, &rule))
    g_assert_not_reached ();
  rrule = rapport_recurrence_to_string (&rule);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  rapport_reminder_set_title (reminder, title);
  rapport_reminder_set_notes (reminder, notes);
  rapport_reminder_set_due_at (reminder, g_date_time_to_unix (due));
  rapport_reminder_set_tz (reminder, tz);
  rapport_reminder_set_rrule (reminder, rrule != NULL ? rrule : "");
  rapport_reminder_set_colleague_id (reminder, colleague < self->colleague_ids->len
                                               ? g_array_index (self->colleague_ids, gint64,
                                                                colleague)
                                               : 0);
  rapport_reminder_set_assignment_id (reminder, assignment < self->assignment_ids->len
                                                ? g_array_index (self->assignment_ids, gint64,
                                                                 assignment)
                                                : 0);
}

static void
save (RapportReminderEditor *self)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  RapportReminder *saved;
  gboolean ok;

  if (!validate (self))
    return;

  if (self->original == NULL)
    {
      reminder = rapport_reminder_new ("", 0);
      fill (self, reminder);
      ok = rapport_store_add_reminder (self->store, reminder, &error);
    }
  else
    {
      reminder = rapport_reminder_dup (self->original);
      fill (self, reminder);
      ok = rapport_store_update_reminder (self->store, reminder, &error);
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  saved = rapport_store_find_reminder (self->store, rapport_reminder_get_id (reminder));
  g_signal_emit (self, signals[SAVED], 0, saved != NULL ? saved : reminder);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
field_changed_cb (RapportReminderEditor *self)
{
  validate (self);
}

/* The weekday a weekly reminder repeats on follows the date until the person picks days. */
static void
date_changed_cb (RapportReminderEditor *self)
{
  g_autofree char *date = rapport_editor_rows_dup_text (self->date_row);
  int year, month, day;

  if (!self->loading && !self->weekdays_chosen &&
      rapport_local_time_parse_date (date, &year, &month, &day))
    {
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, day, month, year);
      self->default_weekday = g_date_get_weekday (&d);
      set_weekdays (self, 1 << (self->default_weekday - 1));
    }

  validate (self);
}

static void
repeat_changed_cb (RapportReminderEditor *self)
{
  if (!self->loading && get_kind (self) == RAPPORT_RECURRENCE_WEEKLY && get_weekdays (self) == 0 &&
      self->default_weekday != G_DATE_BAD_WEEKDAY)
    set_weekdays (self, 1 << (self->default_weekday - 1));

  validate (self);
}

/* Enter in a field saves when everything is valid; a field not filled in right does nothing. */
static void
entry_activated_cb (RapportReminderEditor *self)
{
  save (self);
}

static void
confirm_clicked_cb (RapportReminderEditor *self)
{
  save (self);
}

static void
rapport_reminder_editor_constructed (GObject *object)
{
  RapportReminderEditor *self = RAPPORT_REMINDER_EDITOR (object);

  G_OBJECT_CLASS (rapport_reminder_editor_parent_class)->constructed (object);

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
rapport_reminder_editor_dispose (GObject *object)
{
  RapportReminderEditor *self = RAPPORT_REMINDER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REMINDER_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (rapport_reminder_editor_parent_class)->dispose (object);
}

static void
rapport_reminder_editor_finalize (GObject *object)
{
  RapportReminderEditor *self = RAPPORT_REMINDER_EDITOR (object);

  g_clear_pointer (&self->colleague_ids, g_array_unref);
  g_clear_pointer (&self->assignment_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_reminder_editor_parent_class)->finalize (object);
}

static void
rapport_reminder_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportReminderEditor *self = RAPPORT_REMINDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_REMINDER:
      g_value_set_object (value, self->original);
      break;

    case PROP_COLLEAGUE_ID:
      g_value_set_int64 (value, self->colleague_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminder_editor_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportReminderEditor *self = RAPPORT_REMINDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_REMINDER:
      self->original = g_value_dup_object (value);
      break;

    case PROP_COLLEAGUE_ID:
      self->colleague_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminder_editor_class_init (RapportReminderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_reminder_editor_constructed;
  object_class->dispose = rapport_reminder_editor_dispose;
  object_class->finalize = rapport_reminder_editor_finalize;
  object_class->get_property = rapport_reminder_editor_get_property;
  object_class->set_property = rapport_reminder_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The reminder being edited (the store's item), or NULL for a new one. */
  properties[PROP_REMINDER] =
    g_param_spec_object ("reminder", NULL, NULL,
                         RAPPORT_TYPE_REMINDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Chosen in a new reminder; 0 for nobody. */
  properties[PROP_COLLEAGUE_ID] =
    g_param_spec_int64 ("colleague-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_REMINDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-reminder-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, tz_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, when_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, every_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, every_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, unit_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, weekdays_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, repeat_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, next_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, colleague_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReminderEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, repeat_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  /* Escape leaves without saving anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_reminder_editor_init (RapportReminderEditor *self)
{
  AdwEntryRow *rows[4];

  self->colleague_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assignment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_rows_add_save_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->confirm_button));
  setup_weekdays (self);

  /* The row's title is drawn as a floating label, which screen readers do not get as the text
   * field's name: give the editable inside the row the row's title. */
  rows[0] = self->title_row;
  rows[1] = self->date_row;
  rows[2] = self->time_row;
  rows[3] = self->tz_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                                      -1);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->date_row))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("YYYY-MM-DD"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->time_row))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("HH:MM, 24-hour"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->tz_row))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A zone name such as America/Denver or Europe/Paris"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->every_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Repeat Every"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weekdays_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Repeat On"),
                                  -1);
}

RapportReminderEditor *
rapport_reminder_editor_new (GtkWindow       *parent,
                             RapportStore    *store,
                             RapportReminder *reminder,
                             gint64           colleague_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (reminder == NULL || RAPPORT_IS_REMINDER (reminder), NULL);
  g_return_val_if_fail (colleague_id >= 0, NULL);

  return g_object_new (RAPPORT_TYPE_REMINDER_EDITOR,
                       "transient-for", parent,
                       "reminder", reminder,
                       "store", store,
                       "colleague-id", colleague_id,
                       NULL);
}
