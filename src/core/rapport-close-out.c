/* rapport-close-out.c
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

#define G_LOG_DOMAIN "rapport-close-out"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-close-out.h"
#include "rapport-local-time.h"

/* The check-ins after an assignment, by default. */
#define FIRST_CHECK_IN_DAYS    14
#define SECOND_CHECK_IN_MONTHS 3

/* The dates people write have four-digit years. */
#define MAX_YEAR 9999

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* The colleagues in the order given, each once; NULL naming the first one the store lacks. */
static GPtrArray *
find_colleagues (RapportStore  *store,
                 const gint64  *colleague_ids,
                 guint          n_colleagues,
                 GError       **error)
{
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new ();

  for (guint i = 0; i < n_colleagues; i++)
    {
      RapportColleague *colleague = rapport_store_find_colleague (store, colleague_ids[i]);

      if (colleague == NULL)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, colleague_ids[i]);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is the number that identifies a colleague */
                       _("Colleague %s is no longer in the journal. They may have been deleted; "
                         "choose the colleagues again."),
                       id);
          return NULL;
        }

      /* Twice in the list is still one check-in per date. */
      if (!g_ptr_array_find (colleagues, colleague, NULL))
        g_ptr_array_add (colleagues, colleague);
    }

  return g_steal_pointer (&colleagues);
}

GStrv
rapport_close_out_default_dates (RapportAssignment *assignment)
{
  GDate end, first, second;
  GStrv dates;
  int year, month, day;

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (assignment), NULL);

  if (!rapport_local_time_parse_date (rapport_assignment_get_ends_on (assignment),
                                      &year, &month, &day))
    return NULL;

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  first = end;
  g_date_add_days (&first, FIRST_CHECK_IN_DAYS);

  /* GDate moves a day that the month lacks to the month's last day. */
  second = end;
  g_date_add_months (&second, SECOND_CHECK_IN_MONTHS);

  if (g_date_get_year (&first) > MAX_YEAR || g_date_get_year (&second) > MAX_YEAR)
    return NULL;

  dates = g_new0 (char *, 3);
  dates[0] = format_date (&first);
  dates[1] = format_date (&second);

  return dates;
}

GPtrArray *
rapport_close_out_build_check_ins (RapportStore       *store,
                                   RapportAssignment  *assignment,
                                   const gint64       *colleague_ids,
                                   guint               n_colleagues,
                                   const char * const *dates,
                                   const char         *time,
                                   const char         *tz,
                                   GError            **error)
{
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GArray) due_times = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;
  int hour, minute;
  guint n_dates;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (assignment), NULL);
  g_return_val_if_fail (colleague_ids != NULL || n_colleagues == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Everything is checked before any reminder is made. */
  if (n_colleagues == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No colleague is chosen, so there is no one to check in with. "
                             "Tick at least one colleague."));
      return NULL;
    }

  n_dates = dates != NULL ? g_strv_length ((GStrv) dates) : 0;
  if (n_dates == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No date is set for the check-ins. Enter at least one date as "
                             "YYYY-MM-DD."));
      return NULL;
    }

  if (time == NULL || !rapport_local_time_parse_time (time, &hour, &minute))
    {
      g_set_error (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME,
                   /* Translators: %s is what was entered as a time of day */
                   _("“%s” is not a time of day. Write it as HH:MM, from 00:00 to 23:59."),
                   time != NULL ? time : "");
      return NULL;
    }

  if (tz == NULL || *tz == '\0' || (zone = rapport_time_zone_lookup (tz)) == NULL)
    {
      g_set_error (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE,
                   /* Translators: %s is what was given as a time zone */
                   _("The time zone “%s” is not known. Choose a zone such as “America/Denver”."),
                   tz != NULL ? tz : "");
      return NULL;
    }

  due_times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_dates);
  for (guint i = 0; i < n_dates; i++)
    {
      int year, month, day;
      gint64 due_at;

      if (dates[i] == NULL ||
          !rapport_local_time_parse_date (dates[i], &year, &month, &day) ||
          !rapport_local_time_to_unix (zone, year, month, day, hour, minute, 0, &due_at) ||
          due_at < 0)
        {
          g_set_error (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME,
                       /* Translators: %s is what was entered as a date */
                       _("“%s” is not a day of the calendar. Write the date as YYYY-MM-DD, "
                         "between 1970 and 9999."),
                       dates[i]);
          return NULL;
        }

      g_array_append_val (due_times, due_at);
    }

  colleagues = find_colleagues (store, colleague_ids, n_colleagues, error);
  if (colleagues == NULL)
    return NULL;

  title = rapport_assignment_dup_title (assignment);
  /* Translators: the notes of a check-in reminder, %s is an assignment ("Facility · Unit") */
  notes = g_strdup_printf (_("After your assignment at %s"), title);

  check_ins = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint d = 0; d < due_times->len; d++)
    {
      for (guint c = 0; c < colleagues->len; c++)
        {
          RapportColleague *colleague = g_ptr_array_index (colleagues, c);
          g_autofree char *reminder_title = NULL;
          RapportReminder *reminder;

          /* Translators: the title of a check-in reminder, %s is a colleague's name */
          reminder_title = g_strdup_printf (_("Check in with %s"),
                                            rapport_colleague_get_name (colleague));
          reminder = rapport_reminder_new (reminder_title, g_array_index (due_times, gint64, d));
          rapport_reminder_set_notes (reminder, notes);
          rapport_reminder_set_colleague_id (reminder, rapport_colleague_get_id (colleague));
          rapport_reminder_set_assignment_id (reminder, rapport_assignment_get_id (assignment));
          rapport_reminder_set_tz (reminder, tz);
          g_ptr_array_add (check_ins, reminder);
        }
    }

  /* A name at the length limit can make a title too long: say so now, not when saving. */
  for (guint i = 0; i < check_ins->len; i++)
    if (!rapport_reminder_validate (check_ins->pdata[i], error))
      return NULL;

  return g_steal_pointer (&check_ins);
}
