/* rapport-recurrence.h
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

G_BEGIN_DECLS

/* Pure date math for repeating reminders: the RFC 5545 RRULE subset Rapport writes, evaluated in the
 * zone the reminder was planned in, so "Thursdays 12:30" stays 12:30 local across daylight saving.
 *
 *   FREQ=DAILY[;INTERVAL=n]                     every n days
 *   FREQ=WEEKLY[;INTERVAL=n];BYDAY=MO,TH        every n weeks on those weekdays (WKST=MO)
 *   FREQ=MONTHLY[;INTERVAL=n];BYMONTHDAY=d      day d (1..31, or -1 = last day); months without it are skipped
 *   FREQ=MONTHLY[;INTERVAL=n];BYDAY=1MO         the nth weekday (1..5, or -1 = last); months without it are skipped
 *   FREQ=YEARLY[;INTERVAL=n]                    same month and day as the first occurrence (29 Feb: leap years only)
 *
 * UNTIL and COUNT are not written by Rapport and are refused when parsing, as is anything else. */

typedef enum
{
  RAPPORT_RECURRENCE_NONE,
  RAPPORT_RECURRENCE_DAILY,
  RAPPORT_RECURRENCE_WEEKLY,
  RAPPORT_RECURRENCE_MONTHLY_BY_DAY,      /* BYMONTHDAY */
  RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY,  /* BYDAY=1MO */
  RAPPORT_RECURRENCE_YEARLY,
} RapportRecurrenceKind;

#define RAPPORT_RECURRENCE_ERROR (rapport_recurrence_error_quark ())

typedef enum
{
  RAPPORT_RECURRENCE_ERROR_INVALID,      /* not an RRULE of the subset above; the message says what */
} RapportRecurrenceError;

typedef struct
{
  RapportRecurrenceKind kind;
  guint                 interval;        /* >= 1 */
  guint8                weekdays;        /* WEEKLY: bit (G_DATE_MONDAY - 1) .. bit (G_DATE_SUNDAY - 1) */
  int                   month_day;       /* MONTHLY_BY_DAY: 1..31 or -1 */
  int                   week_of_month;   /* MONTHLY_BY_WEEKDAY: 1..5 or -1 */
  GDateWeekday          weekday;         /* MONTHLY_BY_WEEKDAY */
} RapportRecurrence;

GQuark    rapport_recurrence_error_quark      (void);

/* "" or NULL parse to NONE. */
gboolean  rapport_recurrence_parse            (const char               *rrule,
                                               RapportRecurrence        *out,
                                               GError                  **error);
/* "" for NONE; canonical order FREQ;INTERVAL (only when > 1);BYDAY|BYMONTHDAY. */
char     *rapport_recurrence_to_string        (const RapportRecurrence  *rule);
gboolean  rapport_recurrence_equal            (const RapportRecurrence  *a,
                                               const RapportRecurrence  *b);

/* The first occurrence strictly after `after`, in the series that has `start` as one of its
 * occurrences (start's zone and wall-clock time are the series'; for WEEKLY the week of `start`
 * fixes the interval phase, for MONTHLY/YEARLY its month/year). A wall-clock time that does not
 * exist on a day (spring forward) moves forward by the gap; an ambiguous one (fall back) takes the
 * first. NULL for NONE, or when nothing follows within 1000 years. */
GDateTime *rapport_recurrence_next            (const RapportRecurrence  *rule,
                                               GDateTime                *start,
                                               GDateTime                *after);

/* For people, translated: "Every day", "Every 2 weeks on Monday and Thursday", "Monthly on the
 * first Monday", "Monthly on day 31", "Every year". */
char     *rapport_recurrence_dup_description  (const RapportRecurrence  *rule);

G_END_DECLS
