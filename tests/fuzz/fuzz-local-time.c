/* fuzz-local-time.c
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

#include <string.h>

#include "rapport-local-time.h"
#include "rapport-fuzz.h"

/* Zones with the transitions that trip wall-clock code: the test suite's own (whole-hour daylight
 * saving), UTC, a half-hour shift (Lord Howe), a whole day skipped (Apia, 30 December 2011) and
 * negative daylight saving (Dublin's winter time). */
static const char *zone_names[] = {
  "America/Denver", "UTC", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Dublin",
};

static GTimeZone *
get_zone (guint i)
{
  static GTimeZone *zones[G_N_ELEMENTS (zone_names)];

  /* Kept for the whole run (GLib caches them anyway); UTC stands in where tzdata lacks one. */
  if (zones[i] == NULL)
    {
      zones[i] = g_time_zone_new_identifier (zone_names[i]);
      if (zones[i] == NULL)
        zones[i] = g_time_zone_new_utc ();
    }

  return zones[i];
}

static gboolean
check_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  gboolean parsed = rapport_local_time_parse_date (text, year, month, day);

  g_assert_cmpint (rapport_local_time_parse_date (text, NULL, NULL, NULL), ==, parsed);

  if (parsed)
    {
      /* Exactly "YYYY-MM-DD": printing what was read gives the text back. */
      g_autofree char *printed = g_strdup_printf ("%04d-%02d-%02d", *year, *month, *day);

      g_assert_cmpstr (printed, ==, text);
      g_assert_true (g_date_valid_dmy (*day, *month, *year));
    }

  return parsed;
}

static gboolean
check_time (const char *text,
            int        *hour,
            int        *minute)
{
  gboolean parsed = rapport_local_time_parse_time (text, hour, minute);

  g_assert_cmpint (rapport_local_time_parse_time (text, NULL, NULL), ==, parsed);

  if (parsed)
    {
      g_autofree char *short_form = g_strdup_printf ("%d:%02d", *hour, *minute);
      g_autofree char *long_form = g_strdup_printf ("%02d:%02d", *hour, *minute);

      g_assert_cmpint (*hour, >=, 0);
      g_assert_cmpint (*hour, <=, 23);
      g_assert_cmpint (*minute, >=, 0);
      g_assert_cmpint (*minute, <=, 59);
      g_assert_true (g_str_equal (text, short_form) || g_str_equal (text, long_form));
    }

  return parsed;
}

static void
check_moment (GTimeZone  *zone,
              const char *date,
              const char *time,
              gboolean    valid,
              int         year)
{
  g_autoptr(GDateTime) when = rapport_local_time_parse (zone, date, time);
  g_autoptr(GDateTime) again = NULL;
  g_autofree char *date_out = NULL;
  g_autofree char *time_out = NULL;
  int hour = 0, minute = 0;

  if (!valid)
    {
      g_assert_null (when);
      return;
    }

  /* Every real day and time names a moment; only the first and last days of the calendar can
   * fall outside what GDateTime holds once the offset is applied. */
  if (year > 1 && year < 9999)
    g_assert_nonnull (when);
  if (when == NULL)
    return;

  /* Written back as fields, the moment reads as itself: a gap already moved it forward, and
   * a repeated time already took its first instance. */
  rapport_local_time_format (when, &date_out, &time_out);
  again = rapport_local_time_parse (zone, date_out, time_out);
  g_assert_nonnull (again);
  g_assert_cmpint (g_date_time_to_unix (again), ==, g_date_time_to_unix (when));

  /* Either the same wall-clock time or one moved forward out of a gap, never backward. */
  g_assert_true (rapport_local_time_parse_time (time, &hour, &minute));
  if (g_str_equal (date_out, date))
    g_assert_cmpint (g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when), >=,
                     hour * 60 + minute);
  else
    g_assert_cmpstr (date_out, >, date);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *date = NULL;
  const char *time;
  const char *separator;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  gboolean date_ok;
  gboolean time_ok;

  /* The whole input as either field. */
  check_date (text, &year, &month, &day);
  check_time (text, &hour, &minute);

  /* "DATE TIME", "DATETTIME" or two lines: a date field and a time field, as the editors have. */
  separator = strpbrk (text, "T \n");
  if (separator != NULL)
    {
      date = g_strndup (text, separator - text);
      time = separator + 1;
    }
  else
    {
      date = g_strdup (text);
      time = text;
    }

  date_ok = check_date (date, &year, &month, &day);
  time_ok = check_time (time, &hour, &minute);

  for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
    check_moment (get_zone (i), date, time, date_ok && time_ok, year);

  return 0;
}
