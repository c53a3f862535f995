/* rapport-local-time.c
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

#define G_LOG_DOMAIN "rapport-local-time"

#include "config.h"

#include <string.h>

#include "rapport-local-time.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* Exactly length decimal digits: no sign, no spaces. */
static gboolean
parse_digits (const char *text,
              gsize       length,
              int        *value)
{
  *value = 0;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + g_ascii_digit_value (text[i]);
    }

  return TRUE;
}

/* Days from 1970-01-01 to the day, which must be valid. */
static gint64
epoch_days (int year,
            int month,
            int day)
{
  static const guint32 epoch_julian = 719163;  /* g_date_get_julian () of 1970-01-01 */
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return (gint64) g_date_get_julian (&date) - epoch_julian;
}

gboolean
rapport_local_time_parse_date (const char *text,
                               int        *year,
                               int        *month,
                               int        *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d) || y < 1 || m < 1 || d < 1 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;

  return TRUE;
}

gboolean
rapport_local_time_parse_time (const char *text,
                               int        *hour,
                               int        *minute)
{
  const char *colon;
  gsize hour_length;
  int h, m;

  if (text == NULL || (colon = strchr (text, ':')) == NULL)
    return FALSE;

  hour_length = colon - text;
  if (hour_length < 1 || hour_length > 2 || strlen (colon + 1) != 2)
    return FALSE;

  if (!parse_digits (text, hour_length, &h) || !parse_digits (colon + 1, 2, &m) || h > 23 ||
      m > 59)
    return FALSE;

  if (hour != NULL)
    *hour = h;
  if (minute != NULL)
    *minute = m;

  return TRUE;
}

gint32
rapport_local_time_offset_at (GTimeZone *tz,
                              gint64     instant)
{
  int interval;

  g_return_val_if_fail (tz != NULL, 0);

  /* -1 would mean no interval holds the instant; the first one is the best guess then. */
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return g_time_zone_get_offset (tz, MAX (interval, 0));
}

/* GLib's own g_date_time_new () moves a time in a spring-forward gap to the end of the gap and
 * takes the later, standard-time instance of an ambiguous time; a reminder set for 02:30 should
 * rather come at 03:30, and a time that happens twice should come the first time. */
gboolean
rapport_local_time_to_unix (GTimeZone *tz,
                            int        year,
                            int        month,
                            int        day,
                            int        hour,
                            int        minute,
                            int        second,
                            gint64    *out)
{
  gint64 local;
  gint64 before;
  gint64 candidates[3];
  gboolean found = FALSE;
  gint64 instant = 0;

  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;

  local = epoch_days (year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  before = rapport_local_time_offset_at (tz, local - SECONDS_PER_DAY);

  /* Offsets are under a day, so the offsets a day either side of the local time include every
   * offset that could apply to it. */
  candidates[0] = before;
  candidates[1] = rapport_local_time_offset_at (tz, local);
  candidates[2] = rapport_local_time_offset_at (tz, local + SECONDS_PER_DAY);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gint64 utc = local - candidates[i];

      if (rapport_local_time_offset_at (tz, utc) != candidates[i])
        continue;

      if (!found || utc < instant)
        instant = utc;
      found = TRUE;
    }

  /* In a gap, the offset from before the gap carries the time forward by the gap's length. */
  if (!found)
    instant = local - before;

  *out = instant;

  return TRUE;
}

GDateTime *
rapport_local_time_parse (GTimeZone  *tz,
                          const char *date,
                          const char *time)
{
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day, hour, minute;
  gint64 instant;

  g_return_val_if_fail (tz != NULL, NULL);

  if (!rapport_local_time_parse_date (date, &year, &month, &day) ||
      !rapport_local_time_parse_time (time, &hour, &minute) ||
      !rapport_local_time_to_unix (tz, year, month, day, hour, minute, 0, &instant))
    return NULL;

  /* Years 1 and 9999 can fall outside what GDateTime holds once the offset is applied. */
  utc = g_date_time_new_from_unix_utc (instant);
  if (utc == NULL)
    return NULL;

  return g_date_time_to_timezone (utc, tz);
}

void
rapport_local_time_format (GDateTime  *when,
                           char      **date,
                           char      **time)
{
  g_return_if_fail (when != NULL);

  /* Not g_date_time_format (): its %Y does not pad years before 1000 to four digits. */
  if (date != NULL)
    *date = g_strdup_printf ("%04d-%02d-%02d", g_date_time_get_year (when),
                             g_date_time_get_month (when), g_date_time_get_day_of_month (when));
  if (time != NULL)
    *time = g_strdup_printf ("%02d:%02d", g_date_time_get_hour (when),
                             g_date_time_get_minute (when));
}
