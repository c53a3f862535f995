/* rapport-recurrence.c
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

#define G_LOG_DOMAIN "rapport-recurrence"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-local-time.h"
#include "rapport-recurrence.h"

G_DEFINE_QUARK (rapport-recurrence-error-quark, rapport_recurrence_error)

/* Larger intervals are surely typing mistakes; they also keep the date math far from overflow. */
#define MAX_INTERVAL 1000

/* How far ahead a series is searched before it counts as never happening again. */
#define SEARCH_YEARS 1000

/* Indexed by GDateWeekday: the RRULE codes and, for people, the names. Names come from this table
 * and not from strftime, so they follow the interface language rather than LC_TIME. */
static const struct
{
  const char *code;
  const char *name;
} weekdays[] = {
  [G_DATE_BAD_WEEKDAY] = { "",   "" },
  [G_DATE_MONDAY]      = { "MO", N_("Monday") },
  [G_DATE_TUESDAY]     = { "TU", N_("Tuesday") },
  [G_DATE_WEDNESDAY]   = { "WE", N_("Wednesday") },
  [G_DATE_THURSDAY]    = { "TH", N_("Thursday") },
  [G_DATE_FRIDAY]      = { "FR", N_("Friday") },
  [G_DATE_SATURDAY]    = { "SA", N_("Saturday") },
  [G_DATE_SUNDAY]      = { "SU", N_("Sunday") },
};

/* Indexed by week of month; 0 holds "last" (-1). */
static const char * const ordinals[] = {
  NC_("week of month", "last"),
  NC_("week of month", "first"),
  NC_("week of month", "second"),
  NC_("week of month", "third"),
  NC_("week of month", "fourth"),
  NC_("week of month", "fifth"),
};

#define WEEKDAY_BIT(weekday) ((guint8) (1u << ((weekday) - 1)))

/* Only a short name made of letters is quoted back in messages: the rest could be anything. */
static gboolean
is_part_name (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > 20)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalpha (key[i]) && key[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static GDateWeekday
parse_weekday (const char *code)
{
  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    {
      if (g_ascii_strcasecmp (code, weekdays[i].code) == 0)
        return (GDateWeekday) i;
    }

  return G_DATE_BAD_WEEKDAY;
}

/* Plain decimal digits only: no sign, no spaces, no trailing text. */
static gboolean
parse_number (const char *text,
              guint       max,
              guint      *out)
{
  guint64 value;

  if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text) || strlen (text) > 9)
    return FALSE;

  value = g_ascii_strtoull (text, NULL, 10);
  if (value < 1 || value > max)
    return FALSE;

  *out = (guint) value;

  return TRUE;
}

static gboolean
parse_frequency (const char            *value,
                 RapportRecurrenceKind *kind)
{
  if (g_ascii_strcasecmp (value, "DAILY") == 0)
    *kind = RAPPORT_RECURRENCE_DAILY;
  else if (g_ascii_strcasecmp (value, "WEEKLY") == 0)
    *kind = RAPPORT_RECURRENCE_WEEKLY;
  else if (g_ascii_strcasecmp (value, "MONTHLY") == 0)
    *kind = RAPPORT_RECURRENCE_MONTHLY_BY_DAY;
  else if (g_ascii_strcasecmp (value, "YEARLY") == 0)
    *kind = RAPPORT_RECURRENCE_YEARLY;
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_weekday_list (const char *value,
                    guint8     *mask)
{
  g_auto(GStrv) codes = g_strsplit (value, ",", -1);

  *mask = 0;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      GDateWeekday weekday = parse_weekday (codes[i]);

      if (weekday == G_DATE_BAD_WEEKDAY)
        return FALSE;

      *mask |= WEEKDAY_BIT (weekday);
    }

  return *mask != 0;
}

/* "1MO" .. "5MO" or "-1MO". */
static gboolean
parse_nth_weekday (const char   *value,
                   int          *week_of_month,
                   GDateWeekday *weekday)
{
  if (value[0] == '-' && value[1] == '1')
    {
      *week_of_month = -1;
      value += 2;
    }
  else if (value[0] >= '1' && value[0] <= '5')
    {
      *week_of_month = value[0] - '0';
      value += 1;
    }
  else
    {
      return FALSE;
    }

  *weekday = parse_weekday (value);

  return *weekday != G_DATE_BAD_WEEKDAY;
}

/* "-1" or "1" .. "31". */
static gboolean
parse_month_day (const char *value,
                 int        *month_day)
{
  guint day;

  if (g_str_equal (value, "-1"))
    {
      *month_day = -1;
      return TRUE;
    }

  if (!parse_number (value, 31, &day))
    return FALSE;

  *month_day = (int) day;

  return TRUE;
}

/* The day of the month rule picks in year/month, or 0 when that month has no such day. */
static guint
month_day_for (const RapportRecurrence *rule,
               GDateYear                year,
               GDateMonth               month)
{
  guint days = g_date_get_days_in_month (month, year);

  if (rule->kind == RAPPORT_RECURRENCE_MONTHLY_BY_DAY)
    {
      if (rule->month_day == -1)
        return days;

      return (guint) rule->month_day <= days ? (guint) rule->month_day : 0;
    }
  else
    {
      GDate first;
      guint first_match;
      guint last_match;

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, month, year);
      first_match = 1 + (rule->weekday - g_date_get_weekday (&first) + 7) % 7;
      if (rule->week_of_month == -1)
        {
          last_match = first_match + 7 * ((days - first_match) / 7);
          return last_match;
        }

      first_match += 7 * (rule->week_of_month - 1);

      return first_match <= days ? first_match : 0;
    }
}

/* The first date on or after `from` that the rule gives, for the series that starts at `first`.
 * Jumps straight to the interval that holds `from` instead of walking day by day. FALSE when
 * nothing comes before `limit`. */
static gboolean
next_date (const RapportRecurrence *rule,
           const GDate             *first,
           const GDate             *from,
           const GDate             *limit,
           GDate                   *out)
{
  guint interval = MAX (rule->interval, 1);
  guint32 first_julian = g_date_get_julian (first);
  guint32 from_julian = g_date_get_julian (from);

  g_assert (from_julian >= first_julian);

  switch (rule->kind)
    {
    case RAPPORT_RECURRENCE_DAILY:
      {
        guint32 steps = (from_julian - first_julian + interval - 1) / interval;

        g_date_set_julian (out, first_julian + steps * interval);
        break;
      }

    case RAPPORT_RECURRENCE_WEEKLY:
      {
        guint8 mask = rule->weekdays;
        guint32 monday = first_julian - (g_date_get_weekday (first) - G_DATE_MONDAY);
        guint32 week = (from_julian - monday) / 7;
        guint weekday = g_date_get_weekday (from);

        /* Without BYDAY the series repeats on the weekday it started on. */
        if (mask == 0)
          mask = WEEKDAY_BIT (g_date_get_weekday (first));

        for (;;)
          {
            if (week % interval != 0)
              {
                week += interval - week % interval;
                weekday = G_DATE_MONDAY;
              }

            while (weekday <= G_DATE_SUNDAY && (mask & WEEKDAY_BIT (weekday)) == 0)
              weekday++;

            if (weekday <= G_DATE_SUNDAY)
              break;

            week += interval;
            weekday = G_DATE_MONDAY;
          }

        g_date_set_julian (out, monday + week * 7 + (weekday - G_DATE_MONDAY));
        break;
      }

    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      {
        guint first_month = g_date_get_year (first) * 12 + (g_date_get_month (first) - 1);
        guint from_month = g_date_get_year (from) * 12 + (g_date_get_month (from) - 1);
        guint steps = (from_month - first_month + interval - 1) / interval;
        guint month = first_month + steps * interval;
        guint min_day = month == from_month ? g_date_get_day (from) : 1;

        for (;;)
          {
            GDateYear year = month / 12;
            GDateMonth month_of_year = (GDateMonth) (month % 12 + 1);
            guint day;

            if (year > g_date_get_year (limit))
              return FALSE;

            day = month_day_for (rule, year, month_of_year);
            if (day != 0 && day >= min_day)
              {
                g_date_set_dmy (out, (GDateDay) day, month_of_year, year);
                break;
              }

            month += interval;
            min_day = 1;
          }
        break;
      }

    case RAPPORT_RECURRENCE_YEARLY:
      {
        GDateYear first_year = g_date_get_year (first);
        GDateMonth month = g_date_get_month (first);
        GDateDay day = g_date_get_day (first);
        guint steps = (g_date_get_year (from) - first_year + interval - 1) / interval;
        guint year = first_year + steps * interval;

        for (;; year += interval)
          {
            if (year > g_date_get_year (limit))
              return FALSE;

            /* Only 29 February can be missing, and then the series waits for a leap year. */
            if (!g_date_valid_dmy (day, month, (GDateYear) year))
              continue;

            g_date_set_dmy (out, day, month, (GDateYear) year);
            if (g_date_compare (out, from) >= 0)
              break;
          }
        break;
      }

    case RAPPORT_RECURRENCE_NONE:
    default:
      return FALSE;
    }

  return g_date_compare (out, limit) <= 0;
}

static void
append_weekday_names (GString *text,
                      guint8   mask)
{
  guint count = 0;
  guint written = 0;

  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    count += (mask & WEEKDAY_BIT (i)) != 0;

  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    {
      if ((mask & WEEKDAY_BIT (i)) == 0)
        continue;

      if (written > 0 && written == count - 1)
        /* Translators: before the last weekday in a list: "Monday, Wednesday and Friday" */
        g_string_append (text, _(" and "));
      else if (written > 0)
        /* Translators: between weekdays in a list: "Monday, Wednesday and Friday" */
        g_string_append (text, _(", "));

      g_string_append (text, _(weekdays[i].name));
      written++;
    }
}

gboolean
rapport_recurrence_parse (const char         *rrule,
                          RapportRecurrence  *out,
                          GError            **error)
{
  RapportRecurrence rule = { RAPPORT_RECURRENCE_NONE, 1, 0, 0, 0, G_DATE_BAD_WEEKDAY };
  g_auto(GStrv) parts = NULL;
  gboolean have_frequency = FALSE;
  gboolean have_interval = FALSE;
  const char *by_day = NULL;
  const char *by_month_day = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rrule == NULL || rrule[0] == '\0')
    {
      *out = rule;
      return TRUE;
    }

  parts = g_strsplit (rrule, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');
      const char *key = parts[i];
      const char *value;

      if (equals == NULL || equals == parts[i] || equals[1] == '\0')
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR,
                               RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("The repeat rule is not written as NAME=VALUE parts separated by "
                                 "semicolons. Choose how it repeats again."));
          return FALSE;
        }

      *equals = '\0';
      value = equals + 1;

      if (g_ascii_strcasecmp (key, "UNTIL") == 0 || g_ascii_strcasecmp (key, "COUNT") == 0)
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR,
                               RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("Repeats that end on a date or after a number of times are not "
                                 "supported. Remove the end, and mark the reminder done when it "
                                 "should stop."));
          return FALSE;
        }

      if (g_ascii_strcasecmp (key, "FREQ") == 0 && !have_frequency)
        {
          if (!parse_frequency (value, &rule.kind))
            {
              g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR,
                                   RAPPORT_RECURRENCE_ERROR_INVALID,
                                   _("The repeat frequency is not supported. Choose daily, "
                                     "weekly, monthly or yearly."));
              return FALSE;
            }
          have_frequency = TRUE;
        }
      else if (g_ascii_strcasecmp (key, "INTERVAL") == 0 && !have_interval)
        {
          if (!parse_number (value, MAX_INTERVAL, &rule.interval))
            {
              g_set_error (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                           _("The repeat interval must be a whole number from 1 to %d. "
                             "Change it and try again."),
                           MAX_INTERVAL);
              return FALSE;
            }
          have_interval = TRUE;
        }
      else if (g_ascii_strcasecmp (key, "BYDAY") == 0 && by_day == NULL)
        {
          by_day = value;
        }
      else if (g_ascii_strcasecmp (key, "BYMONTHDAY") == 0 && by_month_day == NULL)
        {
          by_month_day = value;
        }
      else if (is_part_name (key))
        {
          g_set_error (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                       /* Translators: %s is a part of a repeat rule, such as "WKST" */
                       _("The repeat rule has an unsupported or repeated part “%s”. "
                         "Choose how it repeats again."),
                       key);
          return FALSE;
        }
      else
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("The repeat rule has a part that is not supported. Choose how "
                                 "it repeats again."));
          return FALSE;
        }
    }

  if (!have_frequency)
    {
      g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                           _("The repeat rule does not say how often it repeats. Choose daily, "
                             "weekly, monthly or yearly."));
      return FALSE;
    }

  switch (rule.kind)
    {
    case RAPPORT_RECURRENCE_DAILY:
    case RAPPORT_RECURRENCE_YEARLY:
      if (by_day != NULL || by_month_day != NULL)
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("Daily and yearly repeats cannot name weekdays or days of the "
                                 "month. Remove them, or repeat weekly or monthly instead."));
          return FALSE;
        }
      break;

    case RAPPORT_RECURRENCE_WEEKLY:
      if (by_month_day != NULL)
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("Weekly repeats cannot name a day of the month. Choose "
                                 "weekdays instead."));
          return FALSE;
        }
      if (by_day != NULL && !parse_weekday_list (by_day, &rule.weekdays))
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("The weekdays of the repeat are not valid. Use MO, TU, WE, TH, "
                                 "FR, SA or SU, separated by commas."));
          return FALSE;
        }
      break;

    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      if ((by_day == NULL) == (by_month_day == NULL))
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("A monthly repeat needs either a day of the month or a weekday "
                                 "such as the first Monday, not both. Choose one."));
          return FALSE;
        }
      if (by_month_day != NULL && !parse_month_day (by_month_day, &rule.month_day))
        {
          g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR, RAPPORT_RECURRENCE_ERROR_INVALID,
                               _("The day of the month must be from 1 to 31, or -1 for the last "
                                 "day. Change it and try again."));
          return FALSE;
        }
      if (by_day != NULL)
        {
          rule.kind = RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY;
          if (!parse_nth_weekday (by_day, &rule.week_of_month, &rule.weekday))
            {
              g_set_error_literal (error, RAPPORT_RECURRENCE_ERROR,
                                   RAPPORT_RECURRENCE_ERROR_INVALID,
                                   _("The weekday of a monthly repeat must be one weekday with its "
                                     "week, such as 1MO for the first Monday or -1FR for the last "
                                     "Friday. Change it and try again."));
              return FALSE;
            }
        }
      break;

    case RAPPORT_RECURRENCE_NONE:
    default:
      g_assert_not_reached ();
    }

  *out = rule;

  return TRUE;
}

char *
rapport_recurrence_to_string (const RapportRecurrence *rule)
{
  GString *text;

  g_return_val_if_fail (rule != NULL, NULL);

  switch (rule->kind)
    {
    case RAPPORT_RECURRENCE_DAILY:
      text = g_string_new ("FREQ=DAILY");
      break;

    case RAPPORT_RECURRENCE_WEEKLY:
      text = g_string_new ("FREQ=WEEKLY");
      break;

    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      text = g_string_new ("FREQ=MONTHLY");
      break;

    case RAPPORT_RECURRENCE_YEARLY:
      text = g_string_new ("FREQ=YEARLY");
      break;

    case RAPPORT_RECURRENCE_NONE:
    default:
      return g_strdup ("");
    }

  if (rule->interval > 1)
    g_string_append_printf (text, ";INTERVAL=%u", rule->interval);

  if (rule->kind == RAPPORT_RECURRENCE_WEEKLY && rule->weekdays != 0)
    {
      const char *separator = ";BYDAY=";

      for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
        {
          if ((rule->weekdays & WEEKDAY_BIT (i)) == 0)
            continue;

          g_string_append (text, separator);
          g_string_append (text, weekdays[i].code);
          separator = ",";
        }
    }
  else if (rule->kind == RAPPORT_RECURRENCE_MONTHLY_BY_DAY)
    {
      g_string_append_printf (text, ";BYMONTHDAY=%d", rule->month_day);
    }
  else if (rule->kind == RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY
           && g_date_valid_weekday (rule->weekday))
    {
      g_string_append_printf (text, ";BYDAY=%d%s", rule->week_of_month,
                              weekdays[rule->weekday].code);
    }

  return g_string_free (text, FALSE);
}

gboolean
rapport_recurrence_equal (const RapportRecurrence *a,
                          const RapportRecurrence *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->kind != b->kind)
    return FALSE;

  if (a->kind == RAPPORT_RECURRENCE_NONE)
    return TRUE;

  if (MAX (a->interval, 1) != MAX (b->interval, 1))
    return FALSE;

  switch (a->kind)
    {
    case RAPPORT_RECURRENCE_WEEKLY:
      return a->weekdays == b->weekdays;

    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
      return a->month_day == b->month_day;

    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      return a->week_of_month == b->week_of_month && a->weekday == b->weekday;

    case RAPPORT_RECURRENCE_DAILY:
    case RAPPORT_RECURRENCE_YEARLY:
    case RAPPORT_RECURRENCE_NONE:
    default:
      return TRUE;
    }
}

GDateTime *
rapport_recurrence_next (const RapportRecurrence *rule,
                         GDateTime               *start,
                         GDateTime               *after)
{
  g_autoptr(GDateTime) threshold_local = NULL;
  GTimeZone *zone;
  GDate first;
  GDate from;
  GDate limit;
  GDate date;
  gint64 threshold;
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  if (rule->kind == RAPPORT_RECURRENCE_NONE)
    return NULL;

  if (rule->kind == RAPPORT_RECURRENCE_MONTHLY_BY_DAY
      && (rule->month_day == 0 || rule->month_day < -1 || rule->month_day > 31))
    return NULL;

  if (rule->kind == RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY
      && (!g_date_valid_weekday (rule->weekday) || rule->week_of_month == 0
          || rule->week_of_month < -1 || rule->week_of_month > 5))
    return NULL;

  /* The start is an occurrence in its own right (as DTSTART is in RFC 5545). */
  if (g_date_time_compare (start, after) > 0)
    return g_date_time_ref (start);

  zone = g_date_time_get_timezone (start);
  g_date_time_get_ymd (start, &year, &month, &day);
  hour = g_date_time_get_hour (start);
  minute = g_date_time_get_minute (start);
  second = g_date_time_get_second (start);
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  threshold = g_date_time_to_unix (after);
  threshold_local = g_date_time_to_timezone (after, zone);
  if (threshold_local == NULL)
    return NULL;

  /* An occurrence on the day before could still fall after `after` when a gap pushes it past
   * midnight, so the search starts a day early. */
  g_date_time_get_ymd (threshold_local, &year, &month, &day);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (g_date_get_julian (&from) > 1)
    g_date_subtract_days (&from, 1);
  if (g_date_compare (&from, &first) < 0)
    from = first;

  g_date_clear (&limit, 1);
  g_date_set_dmy (&limit, 31, G_DATE_DECEMBER,
                  (GDateYear) MIN (year + SEARCH_YEARS, 9999));

  g_date_clear (&date, 1);
  while (next_date (rule, &first, &from, &limit, &date))
    {
      gint64 instant;

      if (!rapport_local_time_to_unix (zone, g_date_get_year (&date), g_date_get_month (&date),
                                       g_date_get_day (&date), hour, minute, second, &instant))
        g_assert_not_reached ();

      if (instant > threshold)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

          if (utc == NULL)
            return NULL;

          return g_date_time_to_timezone (utc, zone);
        }

      from = date;
      g_date_add_days (&from, 1);
    }

  return NULL;
}

char *
rapport_recurrence_dup_description (const RapportRecurrence *rule)
{
  guint interval;

  g_return_val_if_fail (rule != NULL, NULL);

  interval = MAX (rule->interval, 1);

  switch (rule->kind)
    {
    case RAPPORT_RECURRENCE_DAILY:
      if (interval == 1)
        return g_strdup (_("Every day"));
      return g_strdup_printf (ngettext ("Every %u day", "Every %u days", interval), interval);

    case RAPPORT_RECURRENCE_WEEKLY:
      {
        g_autoptr(GString) days = g_string_new (NULL);

        if (rule->weekdays == 0)
          {
            if (interval == 1)
              return g_strdup (_("Every week"));
            return g_strdup_printf (ngettext ("Every %u week", "Every %u weeks", interval),
                                    interval);
          }

        append_weekday_names (days, rule->weekdays);

        if (interval == 1)
          /* Translators: %s is a list of weekdays, such as "Monday and Thursday" */
          return g_strdup_printf (_("Every week on %s"), days->str);

        /* Translators: %u is a number of weeks, %s a list of weekdays such as
         * "Monday and Thursday" */
        return g_strdup_printf (ngettext ("Every %u week on %s", "Every %u weeks on %s",
                                          interval),
                                interval, days->str);
      }

    case RAPPORT_RECURRENCE_MONTHLY_BY_DAY:
      if (rule->month_day == -1)
        {
          if (interval == 1)
            return g_strdup (_("Monthly on the last day"));
          return g_strdup_printf (ngettext ("Every %u month on the last day",
                                            "Every %u months on the last day", interval),
                                  interval);
        }

      if (interval == 1)
        /* Translators: %d is a day of the month, such as 31 */
        return g_strdup_printf (_("Monthly on day %d"), rule->month_day);

      /* Translators: %1$u is a number of months, %2$d a day of the month, such as 31 */
      return g_strdup_printf (ngettext ("Every %1$u month on day %2$d",
                                        "Every %1$u months on day %2$d", interval),
                              interval, rule->month_day);

    case RAPPORT_RECURRENCE_MONTHLY_BY_WEEKDAY:
      {
        const char *ordinal;
        const char *weekday;

        if (!g_date_valid_weekday (rule->weekday) || rule->week_of_month < -1
            || rule->week_of_month > 5 || rule->week_of_month == 0)
          return g_strdup (_("Every month"));

        ordinal = g_dpgettext2 (NULL, "week of month",
                                ordinals[rule->week_of_month == -1 ? 0 : rule->week_of_month]);
        weekday = _(weekdays[rule->weekday].name);

        if (interval == 1)
          /* Translators: %1$s is "first", "second", ..., "last"; %2$s a weekday:
           * "Monthly on the first Monday" */
          return g_strdup_printf (_("Monthly on the %1$s %2$s"), ordinal, weekday);

        /* Translators: %1$u is a number of months, %2$s is "first", "second", ..., "last",
         * %3$s a weekday: "Every 2 months on the first Monday" */
        return g_strdup_printf (ngettext ("Every %1$u month on the %2$s %3$s",
                                          "Every %1$u months on the %2$s %3$s", interval),
                                interval, ordinal, weekday);
      }

    case RAPPORT_RECURRENCE_YEARLY:
      if (interval == 1)
        return g_strdup (_("Every year"));
      return g_strdup_printf (ngettext ("Every %u year", "Every %u years", interval), interval);

    case RAPPORT_RECURRENCE_NONE:
    default:
      return g_strdup (_("Does not repeat"));
    }
}
