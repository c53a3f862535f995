/* fuzz-recurrence.c
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

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include "rapport-recurrence.h"
#include "rapport-fuzz.h"

/* Occurrences followed from each start; every step is bounded by the 1000-year search limit. */
#define STEPS 6

/* Starts that put the rule's edges to work: a leap day, the 31st, a Sunday 02:30 whose series
 * crosses the spring-forward gap, a Sunday 01:30 that meets the fall-back repeat, and both ends of
 * the calendar GDateTime holds. */
static const struct
{
  int year, month, day, hour, minute;
} starts[] = {
  { 2024, 2, 29, 12, 30 },
  { 2026, 1, 31, 9, 0 },
  { 2026, 3, 1, 2, 30 },
  { 2025, 10, 26, 1, 30 },
  { 1, 1, 1, 0, 0 },
  { 9998, 12, 31, 23, 59 },
};

static GTimeZone *
series_zone (void)
{
  static GTimeZone *zone;

  /* Kept for the whole run: GLib caches zones anyway, and a new one per input would only add
   * work. Denver has the daylight-saving changes the starts above are chosen for. */
  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier ("America/Denver");
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
    }

  return zone;
}

static void
check_series (const RapportRecurrence *rule,
              GDateTime               *start)
{
  g_autoptr(GDateTime) before = g_date_time_add_seconds (start, -1);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) after = g_date_time_ref (start);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) jump = NULL;

  /* The start is an occurrence in its own right (a second before the calendar's first is not
   * a GDateTime). */
  if (before != NULL)
    {
      first = rapport_recurrence_next (rule, start, before);
      if (rule->kind == RAPPORT_RECURRENCE_NONE)
        g_assert_null (first);
      else
        g_assert_true (first != NULL && g_date_time_equal (first, start));
    }

  for (guint i = 0; i < STEPS; i++)
    {
      g_autoptr(GDateTime) next = rapport_recurrence_next (rule, start, after);

      if (next == NULL)
        break;

      g_assert_cmpint (g_date_time_compare (next, after), >, 0);
      /* The zone's gaps and repeats are whole hours: the minute of the series never moves. */
      g_assert_cmpint (g_date_time_get_minute (next), ==, g_date_time_get_minute (start));

      g_clear_pointer (&after, g_date_time_unref);
      after = g_steal_pointer (&next);
    }

  /* A threshold far after the start: the search jumps instead of walking. */
  later = g_date_time_add_days (start, 4000);
  if (later != NULL)
    {
      jump = rapport_recurrence_next (rule, start, later);
      if (jump != NULL)
        g_assert_cmpint (g_date_time_compare (jump, later), >, 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  RapportRecurrence rule = { 0, };
  RapportRecurrence again = { 0, };
  g_autofree char *canonical = NULL;
  g_autofree char *canonical_again = NULL;
  g_autofree char *description = NULL;

  if (!rapport_recurrence_parse (text, &rule, &error))
    {
      g_assert_error (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID);
      g_assert_true (error->message[0] != '\0');
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (rule.interval, >=, 1);

  /* The canonical text reads back as the same rule, and is a fixed point. */
  canonical = rapport_recurrence_to_string (&rule);
  g_assert_nonnull (canonical);
  g_assert_true (rapport_recurrence_parse (canonical, &again, NULL));
  g_assert_true (rapport_recurrence_equal (&rule, &again));
  canonical_again = rapport_recurrence_to_string (&again);
  g_assert_cmpstr (canonical, ==, canonical_again);

  description = rapport_recurrence_dup_description (&rule);
  g_assert_true (description != NULL && description[0] != '\0');
  g_assert_true (g_utf8_validate (description, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new (series_zone (), starts[i].year,
                                                    starts[i].month, starts[i].day,
                                                    starts[i].hour, starts[i].minute, 0);

      if (start != NULL)
        check_series (&rule, start);
    }

  return 0;
}
