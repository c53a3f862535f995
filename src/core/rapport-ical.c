/* rapport-ical.c
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

#define G_LOG_DOMAIN "rapport-ical"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-ical.h"
#include "rapport-local-time.h"

typedef struct
{
  char      *tzid;
  GTimeZone *zone;      /* NULL when the name is unknown here: its events are written in UTC */
  gint64     earliest;  /* the first event time in this zone, where the observances start */
} IcalZone;

/* RFC 5545 §3.1: at most 75 octets per line, CRLF not counted. */
#define LINE_LIMIT 75
#define EVENT_DURATION "PT15M"
#define RECONNECT_HORIZON ((gint64) 90 * 24 * 60 * 60)
/* Observances cover the year before the first event and 20 years after, so repeating events
 * keep the right offsets in calendars that only read the VTIMEZONE. */
#define ZONE_YEARS 20

static void
ical_zone_free (gpointer data)
{
  IcalZone *zone = data;

  g_free (zone->tzid);
  g_clear_pointer (&zone->zone, g_time_zone_unref);
  g_free (zone);
}

/* Writes line with CRLF, folded so no line is longer than 75 octets; a fold never splits a UTF-8
 * character, and continuation lines start with a space, which counts towards their 75. */
static void
append_line (GString    *out,
             const char *line)
{
  gsize length = strlen (line);
  gsize position = 0;
  gsize limit = LINE_LIMIT;

  while (length - position > limit)
    {
      gsize cut = position + limit;

      /* Back up to the first byte of a character (continuation bytes are 10xxxxxx). */
      while (cut > position && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;

      g_string_append_len (out, line + position, cut - position);
      g_string_append (out, "\r\n ");
      position = cut;
      limit = LINE_LIMIT - 1;
    }

  g_string_append (out, line + position);
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  append_line (out, line);
}

/* TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as \n.
 * Other control characters cannot be written at all, so they are dropped. */
static char *
escape_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *escaped = g_string_sized_new (strlen (valid) + 8);

  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (escaped, "\\\\");
          break;

        case ';':
          g_string_append (escaped, "\\;");
          break;

        case ',':
          g_string_append (escaped, "\\,");
          break;

        case '\r':
          g_string_append (escaped, "\\n");
          if (p[1] == '\n')
            p++;
          break;

        case '\n':
          g_string_append (escaped, "\\n");
          break;

        default:
          if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7F)
            break;
          g_string_append_c (escaped, *p);
          break;
        }
    }

  return g_string_free (escaped, FALSE);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *text)
{
  g_autofree char *escaped = escape_text (text);

  append_property (out, name, escaped);
}

/* A parameter value needs quotes when it holds a delimiter (RFC 5545 §3.2); quotes themselves
 * cannot be written, so they are dropped. */
static char *
dup_parameter_value (const char *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    if (*p != '"' && (guchar) *p >= 0x20 && *p != 0x7F)
      g_string_append_c (clean, *p);

  if (strpbrk (clean->str, ":;,") != NULL)
    return g_strdup_printf ("\"%s\"", clean->str);

  return g_string_free (g_steal_pointer (&clean), FALSE);
}

/* YYYYMMDDTHHMMSS of the Unix time `seconds`, without a zone: callers add the zone's offset
 * first for local times. */
static char *
format_floating (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  if (time == NULL)
    return g_strdup ("19700101T000000");

  return g_date_time_format (time, "%Y%m%dT%H%M%S");
}

static char *
format_utc (gint64 seconds)
{
  g_autofree char *floating = format_floating (seconds);

  return g_strconcat (floating, "Z", NULL);
}

/* UTC-OFFSET (RFC 5545 §3.3.14): +HHMM, with seconds only when there are some; zero is +0000. */
static char *
format_offset (gint32 offset)
{
  char sign = offset < 0 ? '-' : '+';
  gint32 magnitude = ABS (offset);
  int hours = magnitude / 3600;
  int minutes = (magnitude / 60) % 60;
  int seconds = magnitude % 60;

  if (seconds != 0)
    return g_strdup_printf ("%c%02d%02d%02d", sign, hours, minutes, seconds);

  return g_strdup_printf ("%c%02d%02d", sign, hours, minutes);
}

static gint64
start_of_year_utc (int year)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (CLAMP (year, 1, 9999), 1, 1, 0, 0, 0);

  return g_date_time_to_unix (time);
}

static void
append_observance (GString    *out,
                   gboolean    is_daylight,
                   gint64      local_start,
                   gint32      offset_from,
                   gint32      offset_to,
                   const char *name)
{
  const char *kind = is_daylight ? "DAYLIGHT" : "STANDARD";
  g_autofree char *start = format_floating (local_start);
  g_autofree char *from = format_offset (offset_from);
  g_autofree char *to = format_offset (offset_to);

  append_property (out, "BEGIN", kind);
  append_property (out, "DTSTART", start);
  append_property (out, "TZOFFSETFROM", from);
  append_property (out, "TZOFFSETTO", to);
  if (name != NULL && *name != '\0')
    append_text_property (out, "TZNAME", name);
  append_property (out, "END", kind);
}

/* Writes one observance for every offset change in [start, end). Months are sampled and only a
 * month whose interval changes is searched, by halving: a few dozen lookups per transition.
 * Returns how many observances were written. */
static guint
append_transitions (GString   *out,
                    GTimeZone *zone,
                    gint64     start,
                    gint64     end)
{
  g_autoptr(GDateTime) month = g_date_time_new_from_unix_utc (start);
  guint count = 0;

  while (month != NULL && g_date_time_to_unix (month) < end)
    {
      g_autoptr(GDateTime) next = g_date_time_add_months (month, 1);
      gint64 low = g_date_time_to_unix (month);
      gint64 high;
      int high_interval;

      if (next == NULL)
        break;

      high = MIN (g_date_time_to_unix (next), end);
      high_interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, high);

      /* A loop rather than one search: a month may hold two changes (Ramadan in Morocco). */
      while (g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, low) != high_interval)
        {
          int low_interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, low);
          gint64 before = low;
          gint64 after = high;
          int new_interval;
          gint32 offset_from;
          gint32 offset_to;

          /* The first second of the next interval is in (before, after]. */
          while (after - before > 1)
            {
              gint64 middle = before + (after - before) / 2;

              if (g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, middle) == low_interval)
                before = middle;
              else
                after = middle;
            }

          new_interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, after);
          offset_from = g_time_zone_get_offset (zone, low_interval);
          offset_to = g_time_zone_get_offset (zone, new_interval);

          /* Only a change of offset is a transition; a new name alone changes no time. */
          if (offset_from != offset_to && after < end)
            {
              append_observance (out, g_time_zone_is_dst (zone, new_interval),
                                 after + offset_from, offset_from, offset_to,
                                 g_time_zone_get_abbreviation (zone, new_interval));
              count++;
            }

          low = after;
        }

      g_clear_pointer (&month, g_date_time_unref);
      month = g_steal_pointer (&next);
    }

  return count;
}

static void
append_vtimezone (GString  *out,
                  IcalZone *zone)
{
  g_autoptr(GDateTime) earliest = g_date_time_new_from_unix_utc (zone->earliest);
  g_autofree char *tzid = escape_text (zone->tzid);
  int first_year = earliest != NULL ? g_date_time_get_year (earliest) - 1 : 1970;
  gint64 start = start_of_year_utc (first_year);
  gint64 end = start_of_year_utc (first_year + 1 + ZONE_YEARS);

  append_property (out, "BEGIN", "VTIMEZONE");
  append_property (out, "TZID", tzid);

  if (append_transitions (out, zone->zone, start, end) == 0)
    {
      int interval = g_time_zone_find_interval (zone->zone, G_TIME_TYPE_UNIVERSAL,
                                                zone->earliest);
      gint32 offset = g_time_zone_get_offset (zone->zone, interval);

      /* No change of offset in all those years: one observance from 1970 says it all. */
      append_observance (out, FALSE, 0, offset, offset,
                         g_time_zone_get_abbreviation (zone->zone, interval));
    }

  append_property (out, "END", "VTIMEZONE");
}

/* Every reminder has a zone; an empty one (never stored, but cheap to allow) counts as UTC. */
static const char *
reminder_tzid (RapportReminder *reminder)
{
  const char *tz = rapport_reminder_get_tz (reminder);

  return tz != NULL && *tz != '\0' ? tz : "UTC";
}

static IcalZone *
lookup_zone (GHashTable *zones,
             GPtrArray  *order,
             const char *tzid,
             gint64      remind_at)
{
  IcalZone *zone = g_hash_table_lookup (zones, tzid);

  if (zone == NULL)
    {
      zone = g_new0 (IcalZone, 1);
      zone->tzid = g_strdup (tzid);
      zone->zone = g_time_zone_new_identifier (tzid);
      zone->earliest = remind_at;
      g_hash_table_insert (zones, zone->tzid, zone);
      g_ptr_array_add (order, zone);
    }

  zone->earliest = MIN (zone->earliest, remind_at);

  return zone;
}

static char *
dup_reminder_summary (RapportStore    *store,
                      RapportReminder *reminder)
{
  gint64 colleague_id = rapport_reminder_get_colleague_id (reminder);
  RapportColleague *colleague = NULL;

  if (colleague_id > 0)
    colleague = rapport_store_find_colleague (store, colleague_id);

  if (colleague != NULL && *rapport_colleague_get_name (colleague) != '\0')
    /* Translators: a check-in in a calendar app: the reminder's title, then the colleague's name */
    return g_strdup_printf (_("%s — %s"), rapport_reminder_get_title (reminder),
                            rapport_colleague_get_name (colleague));

  return g_strdup (rapport_reminder_get_title (reminder));
}

static void
append_reminder_event (GString         *out,
                       RapportStore    *store,
                       RapportReminder *reminder,
                       IcalZone        *zone,
                       const char      *stamp)
{
  gint64 remind_at = rapport_reminder_get_remind_at (reminder);
  const char *rrule = rapport_reminder_get_rrule (reminder);
  g_autofree char *uid = NULL;
  g_autofree char *summary = dup_reminder_summary (store, reminder);

  uid = g_strdup_printf ("reminder-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "@rapport",
                         rapport_reminder_get_id (reminder),
                         rapport_reminder_get_created_at (reminder));

  append_property (out, "BEGIN", "VEVENT");
  append_property (out, "UID", uid);
  append_property (out, "DTSTAMP", stamp);

  if (zone->zone != NULL)
    {
      g_autofree char *parameter = dup_parameter_value (zone->tzid);
      g_autofree char *name = g_strconcat ("DTSTART;TZID=", parameter, NULL);
      g_autofree char *start = NULL;

      start = format_floating (remind_at + rapport_local_time_offset_at (zone->zone, remind_at));

      append_property (out, name, start);
    }
  else
    {
      g_autofree char *start = format_utc (remind_at);

      append_property (out, "DTSTART", start);
    }

  append_property (out, "DURATION", EVENT_DURATION);
  /* The stored rule is already RFC 5545 (the subset rapport-recurrence writes). */
  if (rrule != NULL && *rrule != '\0')
    append_property (out, "RRULE", rrule);
  append_text_property (out, "SUMMARY", summary);
  append_property (out, "CATEGORIES", "Rapport");
  append_property (out, "END", "VEVENT");
}

static void
append_reconnect_event (GString          *out,
                        RapportStore     *store,
                        RapportColleague *colleague,
                        const char       *stamp)
{
  g_autofree char *uid = NULL;
  g_autofree char *start = NULL;
  g_autofree char *summary = NULL;

  uid = g_strdup_printf ("reconnect-%" G_GINT64_FORMAT "@rapport",
                         rapport_colleague_get_id (colleague));
  start = format_utc (rapport_store_get_reconnect_at (store, colleague));
  /* Translators: a calendar event for keeping in touch; %s is the colleague's name */
  summary = g_strdup_printf (_("Reconnect with %s"), rapport_colleague_get_name (colleague));

  append_property (out, "BEGIN", "VEVENT");
  append_property (out, "UID", uid);
  append_property (out, "DTSTAMP", stamp);
  append_property (out, "DTSTART", start);
  append_property (out, "DURATION", EVENT_DURATION);
  append_text_property (out, "SUMMARY", summary);
  append_property (out, "CATEGORIES", "Rapport");
  append_property (out, "END", "VEVENT");
}

char *
rapport_ical_render (RapportStore  *store,
                     gint64         now,
                     GError       **error)
{
  g_autoptr(GHashTable) zones = NULL;
  g_autoptr(GPtrArray) zone_order = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) reconnects = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *stamp = NULL;
  GListModel *reminders;
  guint n_reminders;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zones = g_hash_table_new (g_str_hash, g_str_equal);
  zone_order = g_ptr_array_new_with_free_func (ical_zone_free);
  pending = g_ptr_array_new_with_free_func (g_object_unref);

  reminders = rapport_store_get_reminders (store);
  n_reminders = g_list_model_get_n_items (reminders);
  for (guint i = 0; i < n_reminders; i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);

      if (rapport_reminder_get_completed_at (reminder) != 0)
        continue;

      lookup_zone (zones, zone_order, reminder_tzid (reminder),
                   rapport_reminder_get_remind_at (reminder));
      g_ptr_array_add (pending, g_steal_pointer (&reminder));
    }

  reconnects = rapport_store_dup_reconnect_due (store, now + RECONNECT_HORIZON);
  stamp = format_utc (now);
  out = g_string_new (NULL);

  append_property (out, "BEGIN", "VCALENDAR");
  append_property (out, "VERSION", "2.0");
  append_property (out, "PRODID", "-//Rapport//Rapport " PACKAGE_VERSION "//EN");
  append_property (out, "CALSCALE", "GREGORIAN");
  append_text_property (out, "X-WR-CALNAME", _("Rapport check-ins"));

  for (guint i = 0; i < zone_order->len; i++)
    {
      IcalZone *zone = g_ptr_array_index (zone_order, i);

      if (zone->zone != NULL)
        append_vtimezone (out, zone);
    }

  for (guint i = 0; i < pending->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (pending, i);

      append_reminder_event (out, store, reminder,
                             g_hash_table_lookup (zones, reminder_tzid (reminder)), stamp);
    }

  for (guint i = 0; reconnects != NULL && i < reconnects->len; i++)
    append_reconnect_event (out, store, g_ptr_array_index (reconnects, i), stamp);

  append_property (out, "END", "VCALENDAR");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
rapport_ical_export (RapportStore  *store,
                     const char    *path,
                     gint64         now,
                     GError       **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = rapport_ical_render (store, now, error);
  if (contents == NULL)
    return FALSE;

  return rapport_write_private_file (path, contents, error);
}
