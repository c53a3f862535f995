/* rapport-reminder.h
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

#pragma once

#include <glib-object.h>

#include "rapport-recurrence.h"
#include "rapport-types.h"

G_BEGIN_DECLS

/* A follow-up or planned check-in. due_at is the pending occurrence (Unix seconds, UTC), planned in
 * the zone tz; rrule (RapportRecurrence string) makes it repeat. snoozed_until, when set, replaces
 * due_at as the time to remind; notified_at records the time that was last notified, so an occurrence
 * is never notified twice. A one-off is done when completed_at is set; a repeating one moves due_at
 * to its next occurrence instead. Plain data with properties, the item of the store's reminder model. */

#define RAPPORT_TYPE_REMINDER (rapport_reminder_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminder, rapport_reminder, RAPPORT, REMINDER, GObject)

#define RAPPORT_REMINDER_ERROR (rapport_reminder_error_quark ())

typedef enum
{
  RAPPORT_REMINDER_ERROR_TITLE_REQUIRED,
  RAPPORT_REMINDER_ERROR_INVALID_TIME,
  RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE,
  RAPPORT_REMINDER_ERROR_INVALID_RECURRENCE,
  RAPPORT_REMINDER_ERROR_TOO_LONG,
  RAPPORT_REMINDER_ERROR_INVALID_TEXT,
} RapportReminderError;

typedef enum
{
  RAPPORT_REMINDER_STATE_UPCOMING,
  RAPPORT_REMINDER_STATE_OVERDUE,   /* its time passed and it is neither done nor snoozed past now */
  RAPPORT_REMINDER_STATE_SNOOZED,   /* snoozed_until is in the future */
  RAPPORT_REMINDER_STATE_DONE,
} RapportReminderState;

/* Every field of a reminder at once, as RapportStore reads them from a row. Strings may be NULL
 * for "" (tz too: no default is filled in); they are copied. */
typedef struct
{
  gint64       id;
  const char  *title;
  const char  *notes;
  gint64       colleague_id;
  gint64       assignment_id;
  gint64       due_at;
  const char  *tz;
  const char  *rrule;
  gint64       snoozed_until;
  gint64       completed_at;
  gint64       notified_at;
  gint64       created_at;
} RapportReminderFields;

GQuark                rapport_reminder_error_quark        (void);

/* tz defaults like an assignment's: the system zone's IANA name, else "UTC". */
RapportReminder      *rapport_reminder_new                (const char       *title,
                                                           gint64            due_at);
/* For loading many at once: cheaper than rapport_reminder_new and a setter per field. */
RapportReminder      *rapport_reminder_new_with_fields    (const RapportReminderFields *fields);
RapportReminder      *rapport_reminder_dup                (RapportReminder  *self);
void                  rapport_reminder_assign             (RapportReminder  *self,
                                                           RapportReminder  *other);

gint64                rapport_reminder_get_id             (RapportReminder  *self);
void                  rapport_reminder_set_id             (RapportReminder  *self,
                                                           gint64            id);
const char           *rapport_reminder_get_title          (RapportReminder  *self);
void                  rapport_reminder_set_title          (RapportReminder  *self,
                                                           const char       *title);
const char           *rapport_reminder_get_notes          (RapportReminder  *self);
void                  rapport_reminder_set_notes          (RapportReminder  *self,
                                                           const char       *notes);
/* 0 for none. */
gint64                rapport_reminder_get_colleague_id   (RapportReminder  *self);
void                  rapport_reminder_set_colleague_id   (RapportReminder  *self,
                                                           gint64            colleague_id);
gint64                rapport_reminder_get_assignment_id  (RapportReminder  *self);
void                  rapport_reminder_set_assignment_id  (RapportReminder  *self,
                                                           gint64            assignment_id);
gint64                rapport_reminder_get_due_at         (RapportReminder  *self);
void                  rapport_reminder_set_due_at         (RapportReminder  *self,
                                                           gint64            due_at);
const char           *rapport_reminder_get_tz             (RapportReminder  *self);
void                  rapport_reminder_set_tz             (RapportReminder  *self,
                                                           const char       *tz);
/* "" for a one-off. */
const char           *rapport_reminder_get_rrule          (RapportReminder  *self);
void                  rapport_reminder_set_rrule          (RapportReminder  *self,
                                                           const char       *rrule);
/* 0 when not snoozed / not done / never notified. */
gint64                rapport_reminder_get_snoozed_until  (RapportReminder  *self);
void                  rapport_reminder_set_snoozed_until  (RapportReminder  *self,
                                                           gint64            snoozed_until);
gint64                rapport_reminder_get_completed_at   (RapportReminder  *self);
void                  rapport_reminder_set_completed_at   (RapportReminder  *self,
                                                           gint64            completed_at);
gint64                rapport_reminder_get_notified_at    (RapportReminder  *self);
void                  rapport_reminder_set_notified_at    (RapportReminder  *self,
                                                           gint64            notified_at);
gint64                rapport_reminder_get_created_at     (RapportReminder  *self);
void                  rapport_reminder_set_created_at     (RapportReminder  *self,
                                                           gint64            created_at);

/* When to remind: snoozed_until if set, else due_at; 0 when done. */
gint64                rapport_reminder_get_remind_at      (RapportReminder  *self);
RapportReminderState  rapport_reminder_get_state_at       (RapportReminder  *self,
                                                           gint64            now);
/* TRUE when remind_at <= now and remind_at has not been notified yet (notified_at != remind_at). */
gboolean              rapport_reminder_needs_notification (RapportReminder  *self,
                                                           gint64            now);
/* For a repeating reminder, the occurrence that follows its pending one and is after `after`
 * (Unix seconds); 0 for a one-off. */
gint64                rapport_reminder_next_occurrence    (RapportReminder  *self,
                                                           gint64            after);
/* The due time in its zone, for display and iCalendar. */
GDateTime            *rapport_reminder_dup_due_local      (RapportReminder  *self);

gboolean              rapport_reminder_validate           (RapportReminder  *self,
                                                           GError          **error);

G_END_DECLS
