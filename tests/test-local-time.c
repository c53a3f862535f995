/* test-local-time.c
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

#define G_LOG_DOMAIN "rapport-test-local-time"

#include "config.h"

#include "rapport-local-time.h"
#include "rapport-text-private.h"
#include "rapport-types.h"

static void
test_parse_date (void)
{
  static const struct
  {
    const char *text;
    int         year, month, day;
  } good[] = {
    { "2026-03-14", 2026, 3, 14 },
    { "0001-01-01", 1, 1, 1 },
    { "9999-12-31", 9999, 12, 31 },
    { "2024-02-29", 2024, 2, 29 },
    { "2000-02-29", 2000, 2, 29 },
  };
  static const char *bad[] = {
    "", "2026-3-14", "2026-03-4", "26-03-14", "2026/03/14", "2026-03-14 ", " 2026-03-14",
    "2026-03-14T12:00", "0000-01-01", "2026-00-10", "2026-13-01", "2026-01-00", "2026-01-32",
    "2026-02-29", "1900-02-29", "2026-04-31", "+026-03-14", "2026-+3-14", "2026--3-14",
    "２０２６-03-14", "abcd-ef-gh",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int year = -1, month = -1, day = -1;

      g_test_message ("%s", good[i].text);
      g_assert_true (rapport_local_time_parse_date (good[i].text, &year, &month, &day));
      g_assert_cmpint (year, ==, good[i].year);
      g_assert_cmpint (month, ==, good[i].month);
      g_assert_cmpint (day, ==, good[i].day);
      g_assert_true (rapport_local_time_parse_date (good[i].text, NULL, NULL, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int year = -1, month = -1, day = -1;

      g_test_message ("%s", bad[i]);
      g_assert_false (rapport_local_time_parse_date (bad[i], &year, &month, &day));
      /* A failed parse leaves the outputs alone. */
      g_assert_cmpint (year, ==, -1);
      g_assert_cmpint (month, ==, -1);
      g_assert_cmpint (day, ==, -1);
    }

  g_assert_false (rapport_local_time_parse_date (NULL, NULL, NULL, NULL));
}

static void
test_parse_time (void)
{
  static const struct
  {
    const char *text;
    int         hour, minute;
  } good[] = {
    { "12:30", 12, 30 },
    { "00:00", 0, 0 },
    { "23:59", 23, 59 },
    { "9:05", 9, 5 },
    { "09:05", 9, 5 },
  };
  static const char *bad[] = {
    "", "12", "12:", ":30", "1230", "24:00", "12:60", "123:00", "12:3", "12:300", "12:30:00",
    " 12:30", "12:30 ", "-1:30", "+1:30", "1a:30", "12.30", "12:3a", "::",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int hour = -1, minute = -1;

      g_test_message ("%s", good[i].text);
      g_assert_true (rapport_local_time_parse_time (good[i].text, &hour, &minute));
      g_assert_cmpint (hour, ==, good[i].hour);
      g_assert_cmpint (minute, ==, good[i].minute);
      g_assert_true (rapport_local_time_parse_time (good[i].text, NULL, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int hour = -1, minute = -1;

      g_test_message ("%s", bad[i]);
      g_assert_false (rapport_local_time_parse_time (bad[i], &hour, &minute));
      g_assert_cmpint (hour, ==, -1);
      g_assert_cmpint (minute, ==, -1);
    }

  g_assert_false (rapport_local_time_parse_time (NULL, NULL, NULL));
}

static gint64
to_unix_or_fail (GTimeZone *tz,
                 int        year,
                 int        month,
                 int        day,
                 int        hour,
                 int        minute)
{
  gint64 out = G_MININT64;

  g_assert_true (rapport_local_time_to_unix (tz, year, month, day, hour, minute, 0, &out));

  return out;
}

static void
test_to_unix (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  gint64 out = 42;

  g_assert_nonnull (tokyo);

  g_assert_cmpint (to_unix_or_fail (utc, 1970, 1, 1, 0, 0), ==, 0);
  g_assert_cmpint (to_unix_or_fail (utc, 2026, 3, 14, 12, 30), ==, 1773491400);
  g_assert_cmpint (to_unix_or_fail (tokyo, 2026, 3, 14, 21, 30), ==, 1773491400);

  out = 0;
  g_assert_true (rapport_local_time_to_unix (utc, 1970, 1, 1, 0, 0, 59, &out));
  g_assert_cmpint (out, ==, 59);

  /* Days and times that do not exist are refused, and the output is left alone. */
  out = 42;
  g_assert_false (rapport_local_time_to_unix (utc, 2026, 2, 29, 12, 0, 0, &out));
  g_assert_false (rapport_local_time_to_unix (utc, 2026, 13, 1, 12, 0, 0, &out));
  g_assert_false (rapport_local_time_to_unix (utc, 0, 1, 1, 12, 0, 0, &out));
  g_assert_false (rapport_local_time_to_unix (utc, 2026, 1, 1, 24, 0, 0, &out));
  g_assert_false (rapport_local_time_to_unix (utc, 2026, 1, 1, 12, 60, 0, &out));
  g_assert_false (rapport_local_time_to_unix (utc, 2026, 1, 1, 12, 0, 60, &out));
  g_assert_false (rapport_local_time_to_unix (utc, 2026, 1, 1, -1, 0, 0, &out));
  g_assert_cmpint (out, ==, 42);
}

/* New York springs forward on 8 March 2026: 02:00 EST becomes 03:00 EDT, so 02:00..02:59 never
 * happen. Such a time comes an hour later, at the same instant as 03:xx. */
static void
test_spring_forward (void)
{
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_assert_nonnull (ny);

  /* 01:59 EST = 06:59Z; 03:00 EDT = 07:00Z. */
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 3, 8, 1, 59), ==, 1772953140);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 3, 8, 3, 0), ==, 1772953200);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 3, 8, 2, 0), ==, 1772953200);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 3, 8, 2, 30), ==, 1772955000);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 3, 8, 3, 30), ==, 1772955000);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 3, 8, 2, 59), ==, 1772956740);

  /* The fields read the same way, and the moment they name shows as 03:30 EDT. */
  parsed = rapport_local_time_parse (ny, "2026-03-08", "2:30");
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, 1772955000);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_HOUR, ==, -4);
  rapport_local_time_format (parsed, &date, &time);
  g_assert_cmpstr (date, ==, "2026-03-08");
  g_assert_cmpstr (time, ==, "03:30");
}

/* New York falls back on 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:00..01:59 happen
 * twice. Such a time is the first one, in daylight time. */
static void
test_fall_back (void)
{
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) parsed = NULL;

  g_assert_nonnull (ny);

  /* 00:59 EDT = 04:59Z; 01:00 EDT = 05:00Z (01:00 EST would be 06:00Z); 02:00 EST = 07:00Z. */
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 11, 1, 0, 59), ==, 1793509140);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 11, 1, 1, 0), ==, 1793509200);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 11, 1, 1, 30), ==, 1793511000);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 11, 1, 1, 59), ==, 1793512740);
  g_assert_cmpint (to_unix_or_fail (ny, 2026, 11, 1, 2, 0), ==, 1793516400);

  parsed = rapport_local_time_parse (ny, "2026-11-01", "01:30");
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, 1793511000);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_HOUR, ==, -4);
  g_assert_cmpint (g_date_time_get_hour (parsed), ==, 1);
  g_assert_cmpint (g_date_time_get_minute (parsed), ==, 30);
}

static void
test_parse (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) early = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_assert_nonnull (denver);
  g_assert_nonnull (tokyo);

  when = rapport_local_time_parse (denver, "2026-07-04", "9:05");
  g_assert_nonnull (when);
  /* 09:05 MDT = 15:05Z. */
  g_assert_cmpint (g_date_time_to_unix (when), ==, 1783177500);
  rapport_local_time_format (when, &date, &time);
  g_assert_cmpstr (date, ==, "2026-07-04");
  g_assert_cmpstr (time, ==, "09:05");

  g_assert_null (rapport_local_time_parse (denver, "2026-07-04", "25:00"));
  g_assert_null (rapport_local_time_parse (denver, "2026-02-30", "09:00"));
  g_assert_null (rapport_local_time_parse (denver, "", ""));
  g_assert_null (rapport_local_time_parse (denver, NULL, NULL));
  /* In UTC that is still year 0, which no GDateTime holds. */
  g_assert_null (rapport_local_time_parse (tokyo, "0001-01-01", "00:00"));

  /* Years before 1000 keep four digits, so the text reads back. */
  early = rapport_local_time_parse (utc, "0999-05-06", "07:08");
  g_assert_nonnull (early);
  g_clear_pointer (&date, g_free);
  g_clear_pointer (&time, g_free);
  rapport_local_time_format (early, &date, &time);
  g_assert_cmpstr (date, ==, "0999-05-06");
  g_assert_cmpstr (time, ==, "07:08");
}

static void
test_offset_at (void)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_assert_nonnull (denver);
  /* 2026-03-08 08:59:59 UTC is the last second of MST; a second later MDT begins. */
  g_assert_cmpint (rapport_local_time_offset_at (denver, 1772960399), ==, -7 * 3600);
  g_assert_cmpint (rapport_local_time_offset_at (denver, 1772960400), ==, -6 * 3600);
  /* 2026-11-01 07:59:59 UTC is the last second of MDT. */
  g_assert_cmpint (rapport_local_time_offset_at (denver, 1793519999), ==, -6 * 3600);
  g_assert_cmpint (rapport_local_time_offset_at (denver, 1793520000), ==, -7 * 3600);
  g_assert_cmpint (rapport_local_time_offset_at (utc, 0), ==, 0);
}

/* Zones are loaded once and shared; unknown names stay unknown. */
static void
test_zone_lookup (void)
{
  g_autoptr(GTimeZone) first = rapport_time_zone_lookup ("America/Denver");
  g_autoptr(GTimeZone) second = rapport_time_zone_lookup ("America/Denver");
  g_autoptr(GTimeZone) tokyo = rapport_time_zone_lookup ("Asia/Tokyo");
  g_autoptr(GTimeZone) reference = g_time_zone_new_identifier ("America/Denver");

  g_assert_nonnull (first);
  g_assert_true (first == second);
  g_assert_cmpstr (g_time_zone_get_identifier (first), ==, "America/Denver");
  /* 2024-07-01 12:00 UTC: the same offset GLib's own zone gives. */
  g_assert_cmpint (g_time_zone_get_offset (first, g_time_zone_find_interval (first,
                                                   G_TIME_TYPE_UNIVERSAL, 1719835200)),
                   ==, g_time_zone_get_offset (reference,
                                               g_time_zone_find_interval (reference,
                                                                          G_TIME_TYPE_UNIVERSAL,
                                                                          1719835200)));
  g_assert_true (tokyo != first);
  g_assert_cmpstr (g_time_zone_get_identifier (tokyo), ==, "Asia/Tokyo");

  g_assert_null (rapport_time_zone_lookup ("Not/A_Zone"));
  g_assert_null (rapport_time_zone_lookup ("Not/A_Zone"));
  g_assert_null (rapport_time_zone_lookup (""));
  g_assert_null (rapport_time_zone_lookup (NULL));
}

/* The default zone is remembered, but a change of TZ is noticed at once. */
static void
test_default_tz_follows_tz (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  g_autofree char *denver = NULL;
  g_autofree char *tokyo = NULL;
  g_autofree char *again = NULL;

  g_setenv ("TZ", "America/Denver", TRUE);
  denver = rapport_dup_default_tz ();
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tokyo = rapport_dup_default_tz ();
  g_setenv ("TZ", ":America/Denver", TRUE);
  again = rapport_dup_default_tz ();

  g_assert_cmpstr (denver, ==, "America/Denver");
  g_assert_cmpstr (tokyo, ==, "Asia/Tokyo");
  g_assert_cmpstr (again, ==, "America/Denver");

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/local-time/parse-date", test_parse_date);
  g_test_add_func ("/rapport/local-time/parse-time", test_parse_time);
  g_test_add_func ("/rapport/local-time/to-unix", test_to_unix);
  g_test_add_func ("/rapport/local-time/spring-forward", test_spring_forward);
  g_test_add_func ("/rapport/local-time/fall-back", test_fall_back);
  g_test_add_func ("/rapport/local-time/parse", test_parse);
  g_test_add_func ("/rapport/local-time/offset-at", test_offset_at);
  g_test_add_func ("/rapport/local-time/zone-lookup", test_zone_lookup);
  g_test_add_func ("/rapport/local-time/default-tz-follows-tz", test_default_tz_follows_tz);

  return g_test_run ();
}
