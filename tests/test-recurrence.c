/* test-recurrence.c
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

#define G_LOG_DOMAIN "rapport-test-recurrence"

#include "config.h"

#include <string.h>

#include "rapport-recurrence.h"

static RapportRecurrence
parse_or_fail (const char *rrule)
{
  RapportRecurrence rule = { RAPPORT_RECURRENCE_NONE, 0, 0, 0, 0, G_DATE_BAD_WEEKDAY };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_recurrence_parse (rrule, &rule, &error));
  g_assert_no_error (error);

  return rule;
}

/* "2026-03-05T12:30:00" is read in zone; a time with an offset names its instant exactly, which
 * is how the tests say which of two ambiguous times they mean. Either way the result is in zone,
 * as the series' zone is its start's. */
static GDateTime *
parse_time (const char *text,
            GTimeZone  *zone)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, zone);

  g_assert_nonnull (time);

  return g_date_time_to_timezone (time, zone);
}

static char *
format_time (GDateTime *time)
{
  if (time == NULL)
    return NULL;

  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S %z");
}

static void
test_parse_round_trip (void)
{
  static const struct
  {
    const char            *input;
    const char            *canonical;
    RapportRecurrenceKind  kind;
    guint                  interval;
  } cases[] = {
    { "", "", RAPPORT_RECURRENCE_NONE, 1 },
    { "FREQ=DAILY", "FREQ=DAILY", RAPPORT_RECURRENCE_DAILY, 1 },
    { "freq=daily;interval=1", "FREQ=DAILY", RAPPORT_RECURRENCE_DAILY, 1 },
    { "FREQ=DAILY;INTERVAL=3", "FREQ=DAILY;INTERVAL=3", RAPPORT_RECURRENCE_DAILY, 3 },
    { "FREQ=WEEKLY", "FREQ=WEEKLY", RAPPORT_RECURRENCE_WEEKLY, 1 },
    { "FREQ=WEEKLY;BYDAY=TH", "FREQ=WEEKLY;BYDAY=TH", RAPPORT_RECURRENCE_WEEKLY, 1 },
    { "BYDAY=th,Mo;Freq=Weekly;INTERVAL=2", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
      RAPPORT_RECURRENCE_WEEKLY, 2 },
    { "FREQ=WEEKLY;BYDAY=SU,SA,FR,TH,WE,TU,MO", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
      RAPPORT_RECURRENCE_WEEKLY, 1 },
    { "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=31",
      RAPPORT_RECURRENCE_MONTHLY_BY_DAY, 1 },
    { "freq=monthly;bymonthday=-1;interval=3", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
      RAPPORT_RECURRENCE_MONTHLY_BY_DAY, 3 },
    { "FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=1MO",
      RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY, 1 },
    { "FREQ=MONTHLY;BYDAY=-1fr", "FREQ=MONTHLY;BYDAY=-1FR",
      RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY, 1 },
    { "FREQ=MONTHLY;INTERVAL=12;BYDAY=5SU", "FREQ=MONTHLY;INTERVAL=12;BYDAY=5SU",
      RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY, 12 },
    { "FREQ=YEARLY", "FREQ=YEARLY", RAPPORT_RECURRENCE_YEARLY, 1 },
    { "FREQ=YEARLY;INTERVAL=1000", "FREQ=YEARLY;INTERVAL=1000", RAPPORT_RECURRENCE_YEARLY, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RapportRecurrence rule;
      RapportRecurrence again;
      g_autofree char *text = NULL;
      g_autofree char *text_again = NULL;

      g_test_message ("case %u: %s", i, cases[i].input);
      rule = parse_or_fail (cases[i].input);
      g_assert_cmpint (rule.kind, ==, cases[i].kind);
      g_assert_cmpuint (rule.interval, ==, cases[i].interval);

      text = rapport_recurrence_to_string (&rule);
      g_assert_cmpstr (text, ==, cases[i].canonical);

      again = parse_or_fail (text);
      g_assert_true (rapport_recurrence_equal (&rule, &again));
      text_again = rapport_recurrence_to_string (&again);
      g_assert_cmpstr (text_again, ==, text);
    }
}

static void
test_parse_fields (void)
{
  RapportRecurrence rule;
  RapportRecurrence none = { RAPPORT_RECURRENCE_DAILY, 4, 0, 0, 0, G_DATE_BAD_WEEKDAY };

  rule = parse_or_fail ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH");
  g_assert_cmpuint (rule.weekdays, ==, (1 << (G_DATE_MONDAY - 1)) | (1 << (G_DATE_THURSDAY - 1)));

  rule = parse_or_fail ("FREQ=WEEKLY;BYDAY=SU");
  g_assert_cmpuint (rule.weekdays, ==, 1 << 6);

  rule = parse_or_fail ("FREQ=MONTHLY;BYMONTHDAY=-1");
  g_assert_cmpint (rule.kind, ==, RAPPORT_RECURRENCE_MONTHLY_BY_DAY);
  g_assert_cmpint (rule.month_day, ==, -1);

  rule = parse_or_fail ("FREQ=MONTHLY;BYDAY=5FR");
  g_assert_cmpint (rule.kind, ==, RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY);
  g_assert_cmpint (rule.week_of_month, ==, 5);
  g_assert_cmpint (rule.weekday, ==, G_DATE_FRIDAY);

  rule = parse_or_fail ("FREQ=MONTHLY;BYDAY=-1MO");
  g_assert_cmpint (rule.week_of_month, ==, -1);
  g_assert_cmpint (rule.weekday, ==, G_DATE_MONDAY);

  g_assert_true (rapport_recurrence_parse (NULL, &none, NULL));
  g_assert_cmpint (none.kind, ==, RAPPORT_RECURRENCE_NONE);
}

static void
test_parse_rejects (void)
{
  static const char *rejects[] = {
    "FREQ=WEEKLY;BYDAY=MO;COUNT=3",
    "FREQ=DAILY;UNTIL=20261231T000000Z",
    "FREQ=daily;until=20261231",
    "FREQ=HOURLY",
    "FREQ=SECONDLY",
    "FREQ=",
    "FREQ",
    "=DAILY",
    "INTERVAL=2",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=DAILY;INTERVAL=-2",
    "FREQ=DAILY;INTERVAL=+2",
    "FREQ=DAILY;INTERVAL=2x",
    "FREQ=DAILY;INTERVAL= 2",
    "FREQ=DAILY;INTERVAL=1001",
    "FREQ=DAILY;INTERVAL=99999999999999999999",
    "FREQ=DAILY;FREQ=WEEKLY",
    "FREQ=DAILY;INTERVAL=2;INTERVAL=3",
    "FREQ=DAILY;",
    "FREQ=DAILY;;INTERVAL=2",
    " FREQ=DAILY",
    "RRULE:FREQ=DAILY",
    "FREQ=DAILY;BYDAY=MO",
    "FREQ=DAILY;BYMONTHDAY=1",
    "FREQ=YEARLY;BYMONTHDAY=1",
    "FREQ=WEEKLY;WKST=SU;BYDAY=MO",
    "FREQ=YEARLY;BYMONTH=2",
    "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=WEEKLY;BYDAY=MO,",
    "FREQ=WEEKLY;BYDAY=1MO",
    "FREQ=WEEKLY;BYMONTHDAY=3",
    "FREQ=WEEKLY;BYDAY=MO;BYDAY=TU",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;BYMONTHDAY=0",
    "FREQ=MONTHLY;BYMONTHDAY=32",
    "FREQ=MONTHLY;BYMONTHDAY=-2",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYDAY=MO",
    "FREQ=MONTHLY;BYDAY=0MO",
    "FREQ=MONTHLY;BYDAY=6MO",
    "FREQ=MONTHLY;BYDAY=-2MO",
    "FREQ=MONTHLY;BYDAY=1MO,3MO",
    "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1",
    "not a rule",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rejects); i++)
    {
      RapportRecurrence rule = { RAPPORT_RECURRENCE_YEARLY, 7, 0, 0, 0, G_DATE_BAD_WEEKDAY };
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, rejects[i]);
      g_assert_false (rapport_recurrence_parse (rejects[i], &rule, &error));
      g_assert_error (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID);
      g_assert_nonnull (error);
      g_assert_cmpuint (strlen (error->message), >, 10);

      /* A failed parse leaves the caller's rule alone. */
      g_assert_cmpint (rule.kind, ==, RAPPORT_RECURRENCE_YEARLY);
      g_assert_cmpuint (rule.interval, ==, 7);
    }
}

static void
test_parse_messages (void)
{
  RapportRecurrence rule;
  g_autoptr(GError) count_error = NULL;
  g_autoptr(GError) part_error = NULL;
  g_autoptr(GError) odd_error = NULL;

  /* The ends people might set elsewhere get their own explanation. */
  g_assert_false (rapport_recurrence_parse ("FREQ=DAILY;COUNT=3", &rule, &count_error));
  g_assert_nonnull (strstr (count_error->message, "number of times"));

  g_assert_false (rapport_recurrence_parse ("FREQ=DAILY;WKST=MO", &rule, &part_error));
  g_assert_nonnull (strstr (part_error->message, "“WKST”"));

  /* Anything else is not quoted back, so the message stays readable text. */
  g_assert_false (rapport_recurrence_parse ("FREQ=DAILY;\xff\xfe=1", &rule, &odd_error));
  g_assert_error (odd_error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID);
  g_assert_true (g_utf8_validate (odd_error->message, -1, NULL));
  g_assert_null (strstr (odd_error->message, "\xff"));
}

static void
test_equal (void)
{
  RapportRecurrence a = parse_or_fail ("FREQ=WEEKLY;BYDAY=MO,TH");
  RapportRecurrence b = parse_or_fail ("FREQ=WEEKLY;BYDAY=TH,MO;INTERVAL=1");
  RapportRecurrence c = parse_or_fail ("FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2");
  RapportRecurrence d = parse_or_fail ("FREQ=WEEKLY;BYDAY=MO");
  RapportRecurrence e = parse_or_fail ("FREQ=MONTHLY;BYDAY=1MO");
  RapportRecurrence f = parse_or_fail ("FREQ=MONTHLY;BYDAY=-1MO");
  RapportRecurrence g = parse_or_fail ("FREQ=MONTHLY;BYMONTHDAY=1");
  RapportRecurrence none = parse_or_fail ("");
  RapportRecurrence none_too = { RAPPORT_RECURRENCE_NONE, 5, 3, 2, 1, G_DATE_MONDAY };

  g_assert_true (rapport_recurrence_equal (&a, &b));
  g_assert_false (rapport_recurrence_equal (&a, &c));
  g_assert_false (rapport_recurrence_equal (&a, &d));
  g_assert_false (rapport_recurrence_equal (&e, &f));
  g_assert_false (rapport_recurrence_equal (&e, &g));
  g_assert_true (rapport_recurrence_equal (&e, &e));
  g_assert_false (rapport_recurrence_equal (&none, &a));
  g_assert_true (rapport_recurrence_equal (&none, &none_too));
}

typedef struct
{
  const char *rrule;
  const char *zone;
  const char *start;     /* in zone unless it has an offset */
  const char *after;     /* likewise */
  const char *expected;  /* local time and offset, or NULL for none */
} NextCase;

static const NextCase next_cases[] = {
  /* "Thursdays 12:30" stays 12:30 on both sides of each change in each hemisphere. */
  { "FREQ=WEEKLY;BYDAY=TH", "America/New_York",
    "2026-03-05T12:30:00", "2026-03-05T12:30:00", "2026-03-12 12:30:00 -0400" },
  { "FREQ=WEEKLY;BYDAY=TH", "America/New_York",
    "2026-03-05T12:30:00", "2026-10-29T12:30:00", "2026-11-05 12:30:00 -0500" },
  { "FREQ=WEEKLY;BYDAY=TH", "America/New_York",
    "2026-03-05T12:30:00", "2026-03-01T00:00:00", "2026-03-05 12:30:00 -0500" },
  { "FREQ=WEEKLY;BYDAY=TH", "Europe/Berlin",
    "2026-03-26T12:30:00", "2026-03-26T12:30:00", "2026-04-02 12:30:00 +0200" },
  { "FREQ=WEEKLY;BYDAY=TH", "Europe/Berlin",
    "2026-03-26T12:30:00", "2026-10-22T13:00:00", "2026-10-29 12:30:00 +0100" },
  { "FREQ=WEEKLY;BYDAY=TH", "Australia/Sydney",
    "2026-04-02T12:30:00", "2026-04-02T12:30:00", "2026-04-09 12:30:00 +1000" },
  { "FREQ=WEEKLY;BYDAY=TH", "Australia/Sydney",
    "2026-04-02T12:30:00", "2026-10-01T12:30:00", "2026-10-08 12:30:00 +1100" },

  /* 02:30 does not exist on a spring-forward day: it comes an hour later, then 02:30 again. */
  { "FREQ=DAILY", "America/New_York",
    "2026-03-01T02:30:00", "2026-03-07T02:30:00", "2026-03-08 03:30:00 -0400" },
  { "FREQ=DAILY", "America/New_York",
    "2026-03-01T02:30:00", "2026-03-08T03:30:00", "2026-03-09 02:30:00 -0400" },
  { "FREQ=WEEKLY;BYDAY=SU", "Europe/Berlin",
    "2026-03-01T02:30:00", "2026-03-22T02:30:00", "2026-03-29 03:30:00 +0200" },
  { "FREQ=WEEKLY;BYDAY=SU", "Australia/Sydney",
    "2026-09-06T02:30:00", "2026-09-27T02:30:00", "2026-10-04 03:30:00 +1100" },
  { "FREQ=MONTHLY;BYDAY=2SU", "America/New_York",
    "2026-02-08T02:15:00", "2026-02-08T02:15:00", "2026-03-08 03:15:00 -0400" },

  /* 01:30 happens twice on a fall-back day; the series takes the first and only that one. */
  { "FREQ=DAILY", "America/New_York",
    "2026-10-01T01:30:00", "2026-10-31T01:30:00", "2026-11-01 01:30:00 -0400" },
  { "FREQ=DAILY", "America/New_York",
    "2026-10-01T01:30:00", "2026-11-01T01:30:00-04:00", "2026-11-02 01:30:00 -0500" },
  { "FREQ=DAILY", "America/New_York",
    "2026-10-01T01:30:00", "2026-11-01T01:45:00-04:00", "2026-11-02 01:30:00 -0500" },
  { "FREQ=DAILY", "Europe/Berlin",
    "2026-10-01T02:30:00", "2026-10-24T02:30:00", "2026-10-25 02:30:00 +0200" },
  { "FREQ=DAILY", "Europe/Berlin",
    "2026-10-01T02:30:00", "2026-10-25T02:30:00+02:00", "2026-10-26 02:30:00 +0100" },
  { "FREQ=DAILY", "Australia/Sydney",
    "2026-03-01T02:30:00", "2026-04-04T02:30:00", "2026-04-05 02:30:00 +1100" },
  { "FREQ=DAILY", "Australia/Sydney",
    "2026-03-01T02:30:00", "2026-04-05T02:30:00+11:00", "2026-04-06 02:30:00 +1000" },
  /* A series that began on the second 01:30 keeps going at 01:30 the days after. */
  { "FREQ=DAILY", "America/New_York",
    "2026-11-01T01:30:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-02 01:30:00 -0500" },
  { "FREQ=DAILY", "America/New_York",
    "2026-11-01T01:30:00-05:00", "2026-10-01T00:00:00", "2026-11-01 01:30:00 -0500" },

  /* Month ends. */
  { "FREQ=MONTHLY;BYMONTHDAY=31", "America/New_York",
    "2026-01-31T09:00:00", "2026-01-31T09:00:00", "2026-03-31 09:00:00 -0400" },
  { "FREQ=MONTHLY;BYMONTHDAY=31", "America/New_York",
    "2026-01-31T09:00:00", "2026-03-31T09:00:00", "2026-05-31 09:00:00 -0400" },
  { "FREQ=MONTHLY;BYMONTHDAY=31", "America/New_York",
    "2026-01-31T09:00:00", "2026-03-31T08:59:59", "2026-03-31 09:00:00 -0400" },
  { "FREQ=MONTHLY;BYMONTHDAY=30", "UTC",
    "2026-01-30T09:00:00", "2026-01-30T09:00:00", "2026-03-30 09:00:00 +0000" },
  { "FREQ=MONTHLY;BYMONTHDAY=29", "UTC",
    "2027-01-29T09:00:00", "2027-01-29T09:00:00", "2027-03-29 09:00:00 +0000" },
  { "FREQ=MONTHLY;BYMONTHDAY=29", "UTC",
    "2028-01-29T09:00:00", "2028-01-29T09:00:00", "2028-02-29 09:00:00 +0000" },
  { "FREQ=MONTHLY;BYMONTHDAY=-1", "America/New_York",
    "2026-03-31T09:00:00", "2026-03-31T09:00:00", "2026-04-30 09:00:00 -0400" },
  { "FREQ=MONTHLY;BYMONTHDAY=-1", "America/New_York",
    "2026-01-31T09:00:00", "2026-02-01T00:00:00", "2026-02-28 09:00:00 -0500" },
  { "FREQ=MONTHLY;BYMONTHDAY=-1", "America/New_York",
    "2026-01-31T09:00:00", "2028-02-01T00:00:00", "2028-02-29 09:00:00 -0500" },
  { "FREQ=MONTHLY;BYMONTHDAY=-1", "UTC",
    "2026-12-31T09:00:00", "2026-12-31T09:00:00", "2027-01-31 09:00:00 +0000" },

  /* Leap years: 29 February comes back only on the next leap year. */
  { "FREQ=YEARLY", "UTC",
    "2024-02-29T10:00:00", "2024-02-29T10:00:00", "2028-02-29 10:00:00 +0000" },
  { "FREQ=YEARLY", "UTC",
    "2024-02-29T10:00:00", "2027-03-01T00:00:00", "2028-02-29 10:00:00 +0000" },
  { "FREQ=YEARLY", "UTC",
    "2024-02-29T10:00:00", "2096-02-29T10:00:00", "2104-02-29 10:00:00 +0000" },
  { "FREQ=YEARLY;INTERVAL=3", "UTC",
    "2024-02-29T10:00:00", "2024-02-29T10:00:00", "2036-02-29 10:00:00 +0000" },
  { "FREQ=YEARLY", "America/New_York",
    "2026-07-04T18:00:00", "2026-07-04T18:00:00", "2027-07-04 18:00:00 -0400" },
  { "FREQ=YEARLY;INTERVAL=2", "America/New_York",
    "2026-01-15T18:00:00", "2026-06-01T00:00:00", "2028-01-15 18:00:00 -0500" },

  /* Fifth Fridays in 2026: January, May, July, October; then January 2027. */
  { "FREQ=MONTHLY;BYDAY=5FR", "America/New_York",
    "2026-01-30T17:00:00", "2026-01-30T17:00:00", "2026-05-29 17:00:00 -0400" },
  { "FREQ=MONTHLY;BYDAY=5FR", "America/New_York",
    "2026-01-30T17:00:00", "2026-05-29T17:00:00", "2026-07-31 17:00:00 -0400" },
  { "FREQ=MONTHLY;BYDAY=5FR", "America/New_York",
    "2026-01-30T17:00:00", "2026-07-31T17:00:00", "2026-10-30 17:00:00 -0400" },
  { "FREQ=MONTHLY;BYDAY=5FR", "America/New_York",
    "2026-01-30T17:00:00", "2026-10-30T17:00:00", "2027-01-29 17:00:00 -0500" },

  /* Last and first Mondays. */
  { "FREQ=MONTHLY;BYDAY=-1MO", "America/New_York",
    "2026-01-26T08:00:00", "2026-01-26T08:00:00", "2026-02-23 08:00:00 -0500" },
  { "FREQ=MONTHLY;BYDAY=-1MO", "America/New_York",
    "2026-01-26T08:00:00", "2026-02-23T08:00:00", "2026-03-30 08:00:00 -0400" },
  { "FREQ=MONTHLY;BYDAY=-1MO", "America/New_York",
    "2026-01-26T08:00:00", "2026-03-30T08:00:00", "2026-04-27 08:00:00 -0400" },
  { "FREQ=MONTHLY;BYDAY=1MO", "America/New_York",
    "2026-01-05T08:00:00", "2026-01-05T08:00:00", "2026-02-02 08:00:00 -0500" },
  { "FREQ=MONTHLY;BYDAY=1MO", "America/New_York",
    "2026-01-05T08:00:00", "2026-03-02T08:00:01", "2026-04-06 08:00:00 -0400" },

  /* Every two weeks on Monday and Thursday: the week of the start sets the phase. */
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-08T12:30:00", "2026-01-08T12:30:00", "2026-01-19 12:30:00 -0500" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-08T12:30:00", "2026-01-19T12:30:00", "2026-01-22 12:30:00 -0500" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-08T12:30:00", "2026-01-22T12:30:00", "2026-02-02 12:30:00 -0500" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-08T12:30:00", "2026-01-26T12:30:00", "2026-02-02 12:30:00 -0500" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-06T12:30:00", "2026-01-06T12:30:00", "2026-01-08 12:30:00 -0500" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-08T12:30:00", "2026-03-09T12:30:00", "2026-03-16 12:30:00 -0400" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "America/New_York",
    "2026-01-08T12:30:00", "2026-03-02T12:30:00", "2026-03-05 12:30:00 -0500" },
  /* A Sunday start still belongs to the week that began the Monday before. */
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU", "UTC",
    "2026-01-11T12:00:00", "2026-01-11T12:00:00", "2026-01-19 12:00:00 +0000" },
  { "FREQ=WEEKLY;INTERVAL=2", "UTC",
    "2026-01-08T12:00:00", "2026-01-08T12:00:00", "2026-01-22 12:00:00 +0000" },

  /* Intervals. */
  { "FREQ=DAILY;INTERVAL=3", "UTC",
    "2026-01-01T07:00:00", "2026-01-02T00:00:00", "2026-01-04 07:00:00 +0000" },
  { "FREQ=DAILY;INTERVAL=3", "UTC",
    "2026-01-01T07:00:00", "2026-01-04T07:00:00", "2026-01-07 07:00:00 +0000" },
  { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "America/New_York",
    "2026-01-15T10:00:00", "2026-01-15T10:00:00", "2026-04-15 10:00:00 -0400" },
  { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "America/New_York",
    "2026-01-15T10:00:00", "2026-05-01T00:00:00", "2026-07-15 10:00:00 -0400" },
  { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=31", "America/New_York",
    "2026-01-31T10:00:00", "2026-01-31T10:00:00", "2026-07-31 10:00:00 -0400" },
  { "FREQ=MONTHLY;INTERVAL=12;BYDAY=5FR", "America/New_York",
    "2026-01-30T17:00:00", "2026-01-30T17:00:00", "2027-01-29 17:00:00 -0500" },

  /* Far ahead, computed without walking there. */
  { "FREQ=WEEKLY;BYDAY=TH", "America/New_York",
    "2026-03-05T12:30:00", "2100-01-01T00:00:00", "2100-01-07 12:30:00 -0500" },
  { "FREQ=DAILY", "Europe/Berlin",
    "2026-03-05T12:30:00", "2100-07-01T12:30:00", "2100-07-02 12:30:00 +0200" },
  { "FREQ=MONTHLY;BYDAY=-1MO", "UTC",
    "2026-01-26T08:00:00", "2100-01-01T00:00:00", "2100-01-25 08:00:00 +0000" },

  /* Nothing ever follows: April on the 31st, once a year. */
  { "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "UTC",
    "2026-04-30T09:00:00", "2026-04-30T09:00:00", NULL },
  { "", "UTC", "2026-04-30T09:00:00", "2026-01-01T00:00:00", NULL },
  /* The calendar ends at 9999. */
  { "FREQ=YEARLY", "UTC", "2026-04-30T09:00:00", "9999-05-01T00:00:00", NULL },
};

static void
test_next (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (next_cases); i++)
    {
      const NextCase *c = &next_cases[i];
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (c->zone);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) after = NULL;
      g_autoptr(GDateTime) next = NULL;
      g_autofree char *text = NULL;
      RapportRecurrence rule = parse_or_fail (c->rrule);

      g_test_message ("case %u: %s in %s from %s after %s", i, c->rrule, c->zone, c->start,
                      c->after);
      g_assert_nonnull (zone);
      start = parse_time (c->start, zone);
      /* Results are in the series' zone, whatever zone `after` comes in. */
      after = parse_time (c->after, zone);
      {
        g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
        g_autoptr(GDateTime) after_tokyo = g_date_time_to_timezone (after, tokyo);

        g_date_time_unref (after);
        after = g_steal_pointer (&after_tokyo);
      }

      next = rapport_recurrence_next (&rule, start, after);
      text = format_time (next);
      g_assert_cmpstr (text, ==, c->expected);

      if (next != NULL)
        {
          g_assert_cmpint (g_date_time_compare (next, after), >, 0);
          g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (next)), ==,
                           g_time_zone_get_identifier (zone));
        }
    }
}

/* Walking a series occurrence by occurrence visits each exactly once and keeps the wall clock. */
static void
test_walk (void)
{
  static const struct
  {
    const char *rrule;
    const char *zone;
    const char *start;
    const char *occurrences[8];
  } walks[] = {
    { "FREQ=WEEKLY;BYDAY=TH", "America/New_York", "2026-02-26T12:30:00",
      { "2026-03-05 12:30:00 -0500", "2026-03-12 12:30:00 -0400", "2026-03-19 12:30:00 -0400" } },
    { "FREQ=DAILY", "America/New_York", "2026-10-30T01:30:00",
      { "2026-10-31 01:30:00 -0400", "2026-11-01 01:30:00 -0400", "2026-11-02 01:30:00 -0500" } },
    { "FREQ=DAILY", "America/New_York", "2026-03-06T02:30:00",
      { "2026-03-07 02:30:00 -0500", "2026-03-08 03:30:00 -0400", "2026-03-09 02:30:00 -0400" } },
    { "FREQ=MONTHLY;BYMONTHDAY=31", "UTC", "2026-01-31T09:00:00",
      { "2026-03-31 09:00:00 +0000", "2026-05-31 09:00:00 +0000", "2026-07-31 09:00:00 +0000",
        "2026-08-31 09:00:00 +0000", "2026-10-31 09:00:00 +0000", "2026-12-31 09:00:00 +0000",
        "2027-01-31 09:00:00 +0000" } },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", "UTC", "2026-01-31T09:00:00",
      { "2026-02-28 09:00:00 +0000", "2026-03-31 09:00:00 +0000", "2026-04-30 09:00:00 +0000" } },
    { "FREQ=YEARLY", "Australia/Sydney", "2024-02-29T10:00:00",
      { "2028-02-29 10:00:00 +1100", "2032-02-29 10:00:00 +1100" } },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Europe/Berlin", "2026-03-19T12:30:00",
      { "2026-03-30 12:30:00 +0200", "2026-04-02 12:30:00 +0200", "2026-04-13 12:30:00 +0200",
        "2026-04-16 12:30:00 +0200" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (walks); i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (walks[i].zone);
      g_autoptr(GDateTime) start = parse_time (walks[i].start, zone);
      g_autoptr(GDateTime) current = g_date_time_ref (start);
      RapportRecurrence rule = parse_or_fail (walks[i].rrule);

      g_test_message ("walk %u: %s", i, walks[i].rrule);

      for (guint j = 0; j < G_N_ELEMENTS (walks[i].occurrences)
                        && walks[i].occurrences[j] != NULL; j++)
        {
          g_autoptr(GDateTime) next = rapport_recurrence_next (&rule, start, current);
          g_autofree char *text = format_time (next);

          g_assert_cmpstr (text, ==, walks[i].occurrences[j]);
          if (next == NULL)
            break;

          g_date_time_unref (current);
          current = g_steal_pointer (&next);
        }
    }
}

static void
test_far_future_is_fast (void)
{
  static const char *rules[] = {
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYDAY=5FR",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY",
    /* Never happens again: the search gives up after 1000 years, also quickly. */
    "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31",
  };
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) start = g_date_time_new (zone, 2024, 4, 29, 12, 30, 0);
  g_autoptr(GDateTime) after = g_date_time_new (zone, 2100, 6, 1, 0, 0, 0);
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint round = 0; round < 20; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
        {
          RapportRecurrence rule = parse_or_fail (rules[i]);
          g_autoptr(GDateTime) next = rapport_recurrence_next (&rule, start, after);

          if (i == G_N_ELEMENTS (rules) - 1)
            g_assert_null (next);
          else
            g_assert_nonnull (next);
        }
    }

  /* 120 lookups 75 years ahead; a day-by-day walk would take far longer. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 2.0);
}

static void
test_descriptions (void)
{
  static const struct
  {
    const char *rrule;
    const char *description;
  } cases[] = {
    { "", "Does not repeat" },
    { "FREQ=DAILY", "Every day" },
    { "FREQ=DAILY;INTERVAL=3", "Every 3 days" },
    { "FREQ=WEEKLY", "Every week" },
    { "FREQ=WEEKLY;INTERVAL=3", "Every 3 weeks" },
    { "FREQ=WEEKLY;BYDAY=TH", "Every week on Thursday" },
    { "FREQ=WEEKLY;BYDAY=MO,TH", "Every week on Monday and Thursday" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Monday and Thursday" },
    { "FREQ=WEEKLY;BYDAY=FR,MO,WE", "Every week on Monday, Wednesday and Friday" },
    { "FREQ=WEEKLY;BYDAY=SA,SU", "Every week on Saturday and Sunday" },
    { "FREQ=MONTHLY;BYDAY=1MO", "Monthly on the first Monday" },
    { "FREQ=MONTHLY;BYDAY=2TU", "Monthly on the second Tuesday" },
    { "FREQ=MONTHLY;BYDAY=3WE", "Monthly on the third Wednesday" },
    { "FREQ=MONTHLY;BYDAY=4SA", "Monthly on the fourth Saturday" },
    { "FREQ=MONTHLY;BYDAY=5FR", "Monthly on the fifth Friday" },
    { "FREQ=MONTHLY;BYDAY=-1SU", "Monthly on the last Sunday" },
    { "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "Every 2 months on the first Monday" },
    { "FREQ=MONTHLY;BYMONTHDAY=31", "Monthly on day 31" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", "Monthly on the last day" },
    { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "Every 3 months on day 15" },
    { "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1", "Every 6 months on the last day" },
    { "FREQ=YEARLY", "Every year" },
    { "FREQ=YEARLY;INTERVAL=2", "Every 2 years" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RapportRecurrence rule = parse_or_fail (cases[i].rrule);
      g_autofree char *description = rapport_recurrence_dup_description (&rule);

      g_assert_cmpstr (description, ==, cases[i].description);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/recurrence/parse-round-trip", test_parse_round_trip);
  g_test_add_func ("/rapport/recurrence/parse-fields", test_parse_fields);
  g_test_add_func ("/rapport/recurrence/parse-rejects", test_parse_rejects);
  g_test_add_func ("/rapport/recurrence/parse-messages", test_parse_messages);
  g_test_add_func ("/rapport/recurrence/equal", test_equal);
  g_test_add_func ("/rapport/recurrence/next", test_next);
  g_test_add_func ("/rapport/recurrence/walk", test_walk);
  g_test_add_func ("/rapport/recurrence/far-future", test_far_future_is_fast);
  g_test_add_func ("/rapport/recurrence/descriptions", test_descriptions);

  return g_test_run ();
}
