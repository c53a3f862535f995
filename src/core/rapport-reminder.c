/* rapport-reminder.c
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

#define G_LOG_DOMAIN "rapport-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-reminder.h"
#include "rapport-text-private.h"

struct _RapportReminder
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *notes;
  gint64   colleague_id;
  gint64   assignment_id;
  gint64   due_at;
  char    *tz;
  char    *rrule;
  gint64   snoozed_until;
  gint64   completed_at;
  gint64   notified_at;
  gint64   created_at;
};

G_DEFINE_FINAL_TYPE (RapportReminder, rapport_reminder, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-reminder-error-quark, rapport_reminder_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_NOTES,
  PROP_COLLEAGUE_ID,
  PROP_ASSIGNMENT_ID,
  PROP_DUE_AT,
  PROP_TZ,
  PROP_RRULE,
  PROP_SNOOZED_UNTIL,
  PROP_COMPLETED_AT,
  PROP_NOTIFIED_AT,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* 0001-01-01 .. 9999-12-31 is what GDateTime can hold; a reminder lives in 1970 .. 9999. */
#define MAX_TIME G_GINT64_CONSTANT (253402300799)

/* Every unset string points here instead of to an allocation of its own: many reminders leave
 * fields empty, and the store makes thousands of them at startup. */
static char empty_string[] = "";

static char *
dup_string (const char *value)
{
  if (value == NULL || value[0] == '\0')
    return empty_string;

  return g_strdup (value);
}

static void
free_string (char *value)
{
  if (value != empty_string)
    g_free (value);
}

/* The zone and the rule come from a small set (a career's twenty thousand reminders share a
 * handful of zones and rules), so each distinct value is kept once, as an interned reference-
 * counted string, rather than once per reminder. GRefString's table is thread-safe: the store
 * loads reminders in a worker. */
static char *
dup_shared_string (const char *value)
{
  if (value == NULL || value[0] == '\0')
    return empty_string;

  return g_ref_string_new_intern (value);
}

static void
free_shared_string (char *value)
{
  if (value != empty_string)
    g_ref_string_release (value);
}

static char *
dup_default_tz (void)
{
  g_autofree char *tz = rapport_dup_default_tz ();

  return dup_shared_string (tz);
}

static gboolean
set_string (RapportReminder  *self,
            char            **field,
            const char       *value,
            guint             prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  free_string (*field);
  *field = dup_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static gboolean
set_shared_string (RapportReminder  *self,
                   char            **field,
                   const char       *value,
                   guint             prop_id)
{
  char *shared;

  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  /* value may be the string being replaced (another reminder's, the same interned one). */
  shared = dup_shared_string (value);
  free_shared_string (*field);
  *field = shared;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static gboolean
set_int64 (RapportReminder *self,
           gint64          *field,
           gint64           value,
           guint            prop_id)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static gboolean
is_done (RapportReminder *self)
{
  /* A repeating reminder moves on to its next occurrence instead of being done. */
  return self->completed_at > 0 && self->rrule[0] == '\0';
}

static GTimeZone *
dup_zone (RapportReminder *self)
{
  GTimeZone *zone = NULL;

  if (self->tz[0] != '\0')
    zone = rapport_time_zone_lookup (self->tz);

  return zone;
}

static void
rapport_reminder_finalize (GObject *object)
{
  RapportReminder *self = (RapportReminder *) object;

  free_string (self->title);
  free_string (self->notes);
  free_shared_string (self->tz);
  free_shared_string (self->rrule);

  G_OBJECT_CLASS (rapport_reminder_parent_class)->finalize (object);
}

static void
rapport_reminder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportReminder *self = RAPPORT_REMINDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_COLLEAGUE_ID:
      g_value_set_int64 (value, self->colleague_id);
      break;

    case PROP_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->assignment_id);
      break;

    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;

    case PROP_TZ:
      g_value_set_string (value, self->tz);
      break;

    case PROP_RRULE:
      g_value_set_string (value, self->rrule);
      break;

    case PROP_SNOOZED_UNTIL:
      g_value_set_int64 (value, self->snoozed_until);
      break;

    case PROP_COMPLETED_AT:
      g_value_set_int64 (value, self->completed_at);
      break;

    case PROP_NOTIFIED_AT:
      g_value_set_int64 (value, self->notified_at);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminder_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportReminder *self = RAPPORT_REMINDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_reminder_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      rapport_reminder_set_title (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      rapport_reminder_set_notes (self, g_value_get_string (value));
      break;

    case PROP_COLLEAGUE_ID:
      rapport_reminder_set_colleague_id (self, g_value_get_int64 (value));
      break;

    case PROP_ASSIGNMENT_ID:
      rapport_reminder_set_assignment_id (self, g_value_get_int64 (value));
      break;

    case PROP_DUE_AT:
      rapport_reminder_set_due_at (self, g_value_get_int64 (value));
      break;

    case PROP_TZ:
      rapport_reminder_set_tz (self, g_value_get_string (value));
      break;

    case PROP_RRULE:
      rapport_reminder_set_rrule (self, g_value_get_string (value));
      break;

    case PROP_SNOOZED_UNTIL:
      rapport_reminder_set_snoozed_until (self, g_value_get_int64 (value));
      break;

    case PROP_COMPLETED_AT:
      rapport_reminder_set_completed_at (self, g_value_get_int64 (value));
      break;

    case PROP_NOTIFIED_AT:
      rapport_reminder_set_notified_at (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rapport_reminder_set_created_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminder_class_init (RapportReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_reminder_finalize;
  object_class->get_property = rapport_reminder_get_property;
  object_class->set_property = rapport_reminder_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_COLLEAGUE_ID] =
    g_param_spec_int64 ("colleague-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ASSIGNMENT_ID] =
    g_param_spec_int64 ("assignment-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  /* The default depends on the machine; "UTC" is what a spec can say. */
  properties[PROP_TZ] =
    g_param_spec_string ("tz", NULL, NULL, "UTC", flags);
  properties[PROP_RRULE] =
    g_param_spec_string ("rrule", NULL, NULL, "", flags);
  properties[PROP_SNOOZED_UNTIL] =
    g_param_spec_int64 ("snoozed-until", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_COMPLETED_AT] =
    g_param_spec_int64 ("completed-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NOTIFIED_AT] =
    g_param_spec_int64 ("notified-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_reminder_init (RapportReminder *self)
{
  self->title = empty_string;
  self->notes = empty_string;
  self->tz = dup_default_tz ();
  self->rrule = empty_string;
}

RapportReminder *
rapport_reminder_new (const char *title,
                      gint64      due_at)
{
  return g_object_new (RAPPORT_TYPE_REMINDER,
                       "title", title ? title : "",
                       "due-at", due_at,
                       NULL);
}

/* Nothing can be connected to a reminder that does not exist yet: the fields are set in place,
 * without the notifications the setters would send. */
RapportReminder *
rapport_reminder_new_with_fields (const RapportReminderFields *fields)
{
  RapportReminder *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->id >= 0, NULL);
  g_return_val_if_fail (fields->colleague_id >= 0, NULL);
  g_return_val_if_fail (fields->assignment_id >= 0, NULL);

  self = g_object_new (RAPPORT_TYPE_REMINDER, NULL);

  self->id = fields->id;
  self->title = dup_string (fields->title);
  self->notes = dup_string (fields->notes);
  self->colleague_id = fields->colleague_id;
  self->assignment_id = fields->assignment_id;
  self->due_at = fields->due_at;
  free_shared_string (self->tz);
  self->tz = dup_shared_string (fields->tz);
  self->rrule = dup_shared_string (fields->rrule);
  self->snoozed_until = fields->snoozed_until;
  self->completed_at = fields->completed_at;
  self->notified_at = fields->notified_at;
  self->created_at = fields->created_at;

  return self;
}

RapportReminder *
rapport_reminder_dup (RapportReminder *self)
{
  RapportReminder *copy;

  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), NULL);

  copy = g_object_new (RAPPORT_TYPE_REMINDER, NULL);
  copy->id = self->id;
  rapport_reminder_assign (copy, self);

  return copy;
}

void
rapport_reminder_assign (RapportReminder *self,
                         RapportReminder *other)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));
  g_return_if_fail (RAPPORT_IS_REMINDER (other));

  if (self == other)
    return;

  /* Setters return early when unchanged, so only real changes are notified, after all fields
   * hold their new values. */
  g_object_freeze_notify (G_OBJECT (self));

  rapport_reminder_set_title (self, other->title);
  rapport_reminder_set_notes (self, other->notes);
  rapport_reminder_set_colleague_id (self, other->colleague_id);
  rapport_reminder_set_assignment_id (self, other->assignment_id);
  rapport_reminder_set_due_at (self, other->due_at);
  rapport_reminder_set_tz (self, other->tz);
  rapport_reminder_set_rrule (self, other->rrule);
  rapport_reminder_set_snoozed_until (self, other->snoozed_until);
  rapport_reminder_set_completed_at (self, other->completed_at);
  rapport_reminder_set_notified_at (self, other->notified_at);
  rapport_reminder_set_created_at (self, other->created_at);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
rapport_reminder_get_id (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->id;
}

void
rapport_reminder_set_id (RapportReminder *self,
                         gint64           id)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));
  g_return_if_fail (id >= 0);

  set_int64 (self, &self->id, id, PROP_ID);
}

const char *
rapport_reminder_get_title (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), NULL);

  return self->title;
}

void
rapport_reminder_set_title (RapportReminder *self,
                            const char      *title)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
rapport_reminder_get_notes (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), NULL);

  return self->notes;
}

void
rapport_reminder_set_notes (RapportReminder *self,
                            const char      *notes)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_string (self, &self->notes, notes, PROP_NOTES);
}

gint64
rapport_reminder_get_colleague_id (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->colleague_id;
}

void
rapport_reminder_set_colleague_id (RapportReminder *self,
                                   gint64           colleague_id)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));
  g_return_if_fail (colleague_id >= 0);

  set_int64 (self, &self->colleague_id, colleague_id, PROP_COLLEAGUE_ID);
}

gint64
rapport_reminder_get_assignment_id (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->assignment_id;
}

void
rapport_reminder_set_assignment_id (RapportReminder *self,
                                    gint64           assignment_id)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));
  g_return_if_fail (assignment_id >= 0);

  set_int64 (self, &self->assignment_id, assignment_id, PROP_ASSIGNMENT_ID);
}

gint64
rapport_reminder_get_due_at (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->due_at;
}

void
rapport_reminder_set_due_at (RapportReminder *self,
                             gint64           due_at)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_int64 (self, &self->due_at, due_at, PROP_DUE_AT);
}

const char *
rapport_reminder_get_tz (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), NULL);

  return self->tz;
}

void
rapport_reminder_set_tz (RapportReminder *self,
                         const char      *tz)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_shared_string (self, &self->tz, tz, PROP_TZ);
}

const char *
rapport_reminder_get_rrule (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), NULL);

  return self->rrule;
}

void
rapport_reminder_set_rrule (RapportReminder *self,
                            const char      *rrule)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_shared_string (self, &self->rrule, rrule, PROP_RRULE);
}

gint64
rapport_reminder_get_snoozed_until (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->snoozed_until;
}

void
rapport_reminder_set_snoozed_until (RapportReminder *self,
                                    gint64           snoozed_until)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_int64 (self, &self->snoozed_until, snoozed_until, PROP_SNOOZED_UNTIL);
}

gint64
rapport_reminder_get_completed_at (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->completed_at;
}

void
rapport_reminder_set_completed_at (RapportReminder *self,
                                   gint64           completed_at)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_int64 (self, &self->completed_at, completed_at, PROP_COMPLETED_AT);
}

gint64
rapport_reminder_get_notified_at (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->notified_at;
}

void
rapport_reminder_set_notified_at (RapportReminder *self,
                                  gint64           notified_at)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_int64 (self, &self->notified_at, notified_at, PROP_NOTIFIED_AT);
}

gint64
rapport_reminder_get_created_at (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  return self->created_at;
}

void
rapport_reminder_set_created_at (RapportReminder *self,
                                 gint64           created_at)
{
  g_return_if_fail (RAPPORT_IS_REMINDER (self));

  set_int64 (self, &self->created_at, created_at, PROP_CREATED_AT);
}

gint64
rapport_reminder_get_remind_at (RapportReminder *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  if (is_done (self))
    return 0;

  return self->snoozed_until > 0 ? self->snoozed_until : self->due_at;
}

RapportReminderState
rapport_reminder_get_state_at (RapportReminder *self,
                               gint64           now)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), RAPPORT_REMINDER_STATE_UPCOMING);

  if (is_done (self))
    return RAPPORT_REMINDER_STATE_DONE;

  if (self->snoozed_until > now)
    return RAPPORT_REMINDER_STATE_SNOOZED;

  if (rapport_reminder_get_remind_at (self) <= now)
    return RAPPORT_REMINDER_STATE_OVERDUE;

  return RAPPORT_REMINDER_STATE_UPCOMING;
}

gboolean
rapport_reminder_needs_notification (RapportReminder *self,
                                     gint64           now)
{
  gint64 remind_at;

  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), FALSE);

  if (is_done (self))
    return FALSE;

  remind_at = rapport_reminder_get_remind_at (self);

  return remind_at <= now && self->notified_at != remind_at;
}

gint64
rapport_reminder_next_occurrence (RapportReminder *self,
                                  gint64           after)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) due_utc = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) threshold = NULL;
  g_autoptr(GDateTime) next = NULL;
  RapportRecurrence rule;

  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), 0);

  if (!rapport_recurrence_parse (self->rrule, &rule, NULL)
      || rule.kind == RAPPORT_RECURRENCE_NONE)
    return 0;

  zone = dup_zone (self);
  if (zone == NULL)
    return 0;

  /* The series is planned in its zone, so its wall-clock time holds across daylight saving. */
  due_utc = g_date_time_new_from_unix_utc (self->due_at);
  if (due_utc == NULL)
    return 0;
  start = g_date_time_to_timezone (due_utc, zone);

  /* Never the pending occurrence itself, nor anything before it. */
  threshold = g_date_time_new_from_unix_utc (MAX (after, self->due_at));
  if (start == NULL || threshold == NULL)
    return 0;

  next = rapport_recurrence_next (&rule, start, threshold);
  if (next == NULL)
    return 0;

  return g_date_time_to_unix (next);
}

GDateTime *
rapport_reminder_dup_due_local (RapportReminder *self)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) due_utc = NULL;

  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), NULL);

  zone = dup_zone (self);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  due_utc = g_date_time_new_from_unix_utc (self->due_at);
  if (due_utc == NULL)
    return NULL;

  return g_date_time_to_timezone (due_utc, zone);
}

gboolean
rapport_reminder_validate (RapportReminder  *self,
                           GError          **error)
{
  RapportTextField fields[] = {
    { NULL, N_("Title"), FALSE },
    { NULL, N_("Notes"), TRUE },
  };
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) local_error = NULL;
  RapportRecurrence rule;

  g_return_val_if_fail (RAPPORT_IS_REMINDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fields[0].value = self->title;
  fields[1].value = self->notes;

  if (rapport_text_is_blank (self->title))
    {
      g_set_error_literal (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_TITLE_REQUIRED,
                           _("Enter what to be reminded of"));
      return FALSE;
    }

  if (!rapport_text_check_fields (fields, G_N_ELEMENTS (fields), RAPPORT_REMINDER_ERROR,
                                  RAPPORT_REMINDER_ERROR_TOO_LONG,
                                  RAPPORT_REMINDER_ERROR_INVALID_TEXT, error))
    return FALSE;

  if (self->due_at < 0 || self->due_at > MAX_TIME)
    {
      g_set_error_literal (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME,
                           _("The due time is out of range. Choose a date between 1970 and "
                             "9999."));
      return FALSE;
    }

  if (self->snoozed_until < 0 || self->snoozed_until > MAX_TIME)
    {
      g_set_error_literal (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME,
                           _("The snooze time is out of range. Snooze the reminder again."));
      return FALSE;
    }

  zone = dup_zone (self);
  if (zone == NULL)
    {
      g_set_error_literal (error, RAPPORT_REMINDER_ERROR,
                           RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE,
                           _("The time zone is not known. Choose a zone such as "
                             "“America/Denver”."));
      return FALSE;
    }

  if (!rapport_recurrence_parse (self->rrule, &rule, &local_error))
    {
      g_set_error_literal (error, RAPPORT_REMINDER_ERROR,
                           RAPPORT_REMINDER_ERROR_INVALID_RECURRENCE, local_error->message);
      return FALSE;
    }

  return TRUE;
}
