/* test-ical.c
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

#define G_LOG_DOMAIN "rapport-test-ical"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rapport-ical.h"
#include "rapport-test-utils.h"

/* Notes stay in the journal: a calendar is shared with other apps and often synced. */
#define NOTES_CANARY "ical-notes-canary-5e1d"

#define WEEKLY_TITLE "Coffee with the night team"
#define TOKYO_TITLE "Call the Tokyo office"
#define SUMMER_TITLE "Summer rota check"
#define SNOOZED_TITLE "Snoozed follow-up"
#define DONE_TITLE "Already handed over"
/* Long enough in plain ASCII to fill a line to the last octet allowed. */
#define LONG_TAIL " and a title long enough to be folded at least once by the writer"
#define ESCAPE_TITLE "Semi; comma, back\\slash" LONG_TAIL
#define COLLEAGUE_NAME "Ada Lovelace"

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
  gint64           now;
  gint64           ada;
  gint64           grace;
  gint64           archived;
  gint64           weekly;
  gint64           tokyo;
  gint64           summer;
  gint64           snoozed;
  gint64           done;
  gint64           escape;
  gint64           wide;
  char            *wide_title;
} Fixture;

static gint64
local_time (const char *tz,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (tz);
  g_autoptr(GDateTime) time = NULL;

  g_assert_nonnull (zone);
  time = g_date_time_new (zone, year, month, day, hour, minute, 0);
  g_assert_nonnull (time);

  return g_date_time_to_unix (time);
}

static gint64
add_reminder (Fixture    *fixture,
              const char *title,
              const char *tz,
              gint64      due_at,
              const char *rrule,
              gint64      colleague_id)
{
  g_autoptr(RapportReminder) reminder = rapport_reminder_new (title, due_at);
  g_autoptr(GError) error = NULL;

  rapport_reminder_set_tz (reminder, tz);
  rapport_reminder_set_rrule (reminder, rrule);
  rapport_reminder_set_colleague_id (reminder, colleague_id);
  rapport_reminder_set_notes (reminder, NOTES_CANARY "\nsecond line of notes");

  g_assert_true (rapport_store_add_reminder (fixture->store, reminder, &error));
  g_assert_no_error (error);

  return rapport_reminder_get_id (reminder);
}

static gint64
add_colleague (Fixture    *fixture,
               const char *name,
               guint       cadence_days)
{
  RapportColleague *colleague = rapport_test_add_colleague (fixture->store,
                                                           "name", name,
                                                           "cadence-days", cadence_days,
                                                           "notes", NOTES_CANARY,
                                                           NULL);

  g_assert_nonnull (colleague);

  return colleague != NULL ? rapport_colleague_get_id (colleague) : 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) wide = g_string_new (NULL);
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  fixture->dir = rapport_test_make_tmp_dir ("ical");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  rapport_test_fixed_key (key, 0);
  fixture->store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->now = g_get_real_time () / G_USEC_PER_SEC;

  fixture->ada = add_colleague (fixture, COLLEAGUE_NAME, 7);
  fixture->grace = add_colleague (fixture, "Grace Hopper", 365);
  fixture->archived = add_colleague (fixture, "Archie Archived", 7);
  g_assert_true (rapport_store_set_colleague_archived (fixture->store, fixture->archived, TRUE,
                                                       &error));
  g_assert_no_error (error);

  /* Fixed dates: the zone checks need DTSTARTs in 2026 and 2027 whatever today is. */
  fixture->weekly = add_reminder (fixture, WEEKLY_TITLE, "America/New_York",
                                  local_time ("America/New_York", 2026, 12, 3, 12, 30),
                                  "FREQ=WEEKLY;BYDAY=TH", fixture->ada);
  fixture->tokyo = add_reminder (fixture, TOKYO_TITLE, "Asia/Tokyo",
                                 local_time ("Asia/Tokyo", 2027, 1, 15, 9, 0), "", 0);
  fixture->summer = add_reminder (fixture, SUMMER_TITLE, "America/New_York",
                                  local_time ("America/New_York", 2027, 7, 1, 8, 0), "", 0);
  fixture->snoozed = add_reminder (fixture, SNOOZED_TITLE, "America/Denver",
                                   local_time ("America/Denver", 2026, 12, 1, 10, 0), "", 0);
  g_assert_true (rapport_store_snooze_reminder (fixture->store, fixture->snoozed,
                                                local_time ("America/Denver", 2026, 12, 2, 15, 0),
                                                &error));
  g_assert_no_error (error);
  fixture->done = add_reminder (fixture, DONE_TITLE, "America/Denver",
                                local_time ("America/Denver", 2026, 11, 2, 8, 0), "", 0);
  g_assert_true (rapport_store_complete_reminder (fixture->store, fixture->done, fixture->now,
                                                  &error));
  g_assert_no_error (error);
  fixture->escape = add_reminder (fixture, ESCAPE_TITLE, "UTC",
                                  local_time ("UTC", 2026, 12, 24, 18, 0), "", 0);

  /* Two- and four-byte characters, so folds fall inside characters unless they are avoided. */
  for (guint i = 0; i < 30; i++)
    g_string_append (wide, "é");
  for (guint i = 0; i < 30; i++)
    g_string_append (wide, i % 2 ? "😀" : "é🩺");
  fixture->wide_title = g_strdup (wide->str);
  fixture->wide = add_reminder (fixture, fixture->wide_title, "Europe/Paris",
                                local_time ("Europe/Paris", 2027, 2, 1, 7, 45), "FREQ=DAILY", 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rapport_test_close_store (fixture->store, fixture->database);
  g_assert_true (rapport_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
  g_free (fixture->wide_title);
}

static char *
render (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *text = rapport_ical_render (fixture->store, fixture->now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text != NULL ? text : g_strdup ("");
}

/* The physical lines, without their CRLF (the text must end with one). */
static GStrv
split_physical (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  guint n = g_strv_length (lines);

  /* The text ends with CRLF, so the last piece is empty. */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  if (n > 0)
    g_clear_pointer (&lines[n - 1], g_free);

  return g_steal_pointer (&lines);
}

/* Content lines as a reader sees them: a line starting with a space continues the one before. */
static GPtrArray *
unfold (const char *text)
{
  g_auto(GStrv) physical = split_physical (text);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;

  for (guint i = 0; physical[i] != NULL; i++)
    {
      if (physical[i][0] == ' ' && current != NULL)
        {
          g_string_append (current, physical[i] + 1);
          continue;
        }

      if (current != NULL)
        g_ptr_array_add (lines, g_string_free (current, FALSE));
      current = g_string_new (physical[i]);
    }

  if (current != NULL)
    g_ptr_array_add (lines, g_string_free (current, FALSE));

  return lines;
}

/* Every component `name` (BEGIN:name .. END:name), each as a GPtrArray of its unfolded lines. */
static GPtrArray *
find_components (const char *text,
                 const char *name)
{
  g_autoptr(GPtrArray) lines = unfold (text);
  g_autofree char *begin = g_strconcat ("BEGIN:", name, NULL);
  g_autofree char *end = g_strconcat ("END:", name, NULL);
  GPtrArray *components = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *current = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line, begin))
        current = g_ptr_array_new_with_free_func (g_free);

      if (current != NULL)
        g_ptr_array_add (current, g_strdup (line));

      if (current != NULL && g_str_equal (line, end))
        {
          g_ptr_array_add (components, current);
          current = NULL;
        }
    }

  g_assert_null (current);

  return components;
}

static gboolean
component_has (GPtrArray  *component,
               const char *line)
{
  for (guint i = 0; i < component->len; i++)
    if (g_str_equal (g_ptr_array_index (component, i), line))
      return TRUE;

  return FALSE;
}

/* The value of the first property `name` (the part after "name:" or "name;params:"). */
static const char *
component_get (GPtrArray  *component,
               const char *name)
{
  gsize length = strlen (name);

  for (guint i = 0; i < component->len; i++)
    {
      const char *line = g_ptr_array_index (component, i);

      if (strncmp (line, name, length) == 0 && (line[length] == ':' || line[length] == ';'))
        return strchr (line + length, ':') + 1;
    }

  return NULL;
}

/* The VEVENT whose UID or SUMMARY line is exactly `line`. */
static GPtrArray *
find_event (GPtrArray  *events,
            const char *line)
{
  for (guint i = 0; i < events->len; i++)
    if (component_has (g_ptr_array_index (events, i), line))
      return g_ptr_array_index (events, i);

  return NULL;
}

static GPtrArray *
find_event_by_summary (GPtrArray  *events,
                       const char *summary)
{
  g_autofree char *line = g_strconcat ("SUMMARY:", summary, NULL);

  return find_event (events, line);
}

static char *
format_utc (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (time, "%Y%m%dT%H%M%SZ");
}

static void
test_structure (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autoptr(GPtrArray) lines = unfold (text);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  guint n_begin = 0;

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\nEND:VCALENDAR\r\n"));

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (g_str_has_prefix (line, "BEGIN:"))
        {
          g_ptr_array_add (stack, g_strdup (line + strlen ("BEGIN:")));
          n_begin++;
        }
      else if (g_str_has_prefix (line, "END:"))
        {
          g_assert_cmpuint (stack->len, >, 0);
          if (stack->len == 0)
            return;
          g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, line + strlen ("END:"));
          g_ptr_array_remove_index (stack, stack->len - 1);
        }
      else
        {
          /* Everything else is a property: a name, maybe parameters, a colon, a value. */
          g_assert_nonnull (strchr (line, ':'));
          g_assert_cmpuint (stack->len, >, 0);
        }

      /* Nothing follows the calendar. */
      if (stack->len == 0)
        g_assert_cmpuint (i, ==, lines->len - 1);
    }

  g_assert_cmpuint (stack->len, ==, 0);
  g_assert_cmpuint (n_begin, >, 10);

  g_assert_true (component_has (lines, "VERSION:2.0"));
  g_assert_true (component_has (lines, "PRODID:-//Rapport//Rapport " PACKAGE_VERSION "//EN"));
  g_assert_true (component_has (lines, "CALSCALE:GREGORIAN"));
  g_assert_true (component_has (lines, "X-WR-CALNAME:Rapport check-ins"));
}

static void
test_crlf (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  gsize length = strlen (text);

  g_assert_cmpuint (length, >, 0);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n')
        {
          g_assert_cmpuint (i, >, 0);
          g_assert_cmpint (text[i - 1], ==, '\r');
        }
      if (text[i] == '\r')
        g_assert_cmpint (text[i + 1], ==, '\n');
    }
  g_assert_true (g_str_has_suffix (text, "\r\n"));
}

static void
test_line_length (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_auto(GStrv) lines = split_physical (text);
  guint n_folded = 0;
  guint n_full = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      if (lines[i][0] == ' ')
        n_folded++;
      if (strlen (lines[i]) == 75)
        n_full++;
    }

  /* Long titles are folded, and a fold uses all 75 octets a line may have. */
  g_assert_cmpuint (n_folded, >=, 3);
  g_assert_cmpuint (n_full, >=, 1);
}

static void
test_folding_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_auto(GStrv) lines = split_physical (text);
  g_autoptr(GPtrArray) events = find_components (text, "VEVENT");
  g_autofree char *summary = g_strconcat ("SUMMARY:", fixture->wide_title, NULL);
  guint n_continued = 0;

  /* Each physical line on its own is valid UTF-8: no character is cut in two by a fold. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ' && (guchar) lines[i][1] >= 0x80)
        n_continued++;
    }
  g_assert_cmpuint (n_continued, >=, 2);

  /* And unfolding gives the title back byte for byte. */
  g_assert_nonnull (find_event (events, summary));
}

static void
test_escaping (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportReminder) invalid = rapport_reminder_new ("Two\nlines", fixture->now);
  RapportReminder *reminder;

  text = render (fixture);
  events = find_components (text, "VEVENT");
  g_assert_nonnull (find_event_by_summary (events,
                                           "Semi\\; comma\\, back\\\\slash" LONG_TAIL));
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  /* Titles are one line, so a newline never reaches the store... */
  g_assert_false (rapport_store_add_reminder (fixture->store, invalid, &error));
  g_assert_nonnull (error);

  /* ...but a journal written by some other version might still hold one: it is escaped, never
   * written raw, and other control characters are dropped. */
  reminder = rapport_store_find_reminder (fixture->store, fixture->escape);
  g_assert_nonnull (reminder);
  if (reminder == NULL)
    return;
  rapport_reminder_set_title (reminder, "First; line\nsecond, line\r\nthird\\\a line");

  text = render (fixture);
  events = find_components (text, "VEVENT");
  g_assert_nonnull (find_event_by_summary (events,
                                           "First\\; line\\nsecond\\, line\\nthird\\\\ line"));
  g_assert_null (strchr (text, '\a'));
}

/* STANDARD/DAYLIGHT observances of one VTIMEZONE. */
static GPtrArray *
find_observances (const char *text,
                  const char *tzid,
                  const char *kind)
{
  g_autoptr(GPtrArray) zones = find_components (text, "VTIMEZONE");
  g_autofree char *tzid_line = g_strconcat ("TZID:", tzid, NULL);
  g_autofree char *zone_text = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  GPtrArray *zone = find_event (zones, tzid_line);

  g_assert_nonnull (zone);
  if (zone == NULL)
    return g_ptr_array_new ();

  for (guint i = 0; i < zone->len; i++)
    g_string_append_printf (joined, "%s\r\n", (const char *) g_ptr_array_index (zone, i));

  return find_components (joined->str, kind);
}

static void
test_timezone_new_york (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autoptr(GPtrArray) zones = find_components (text, "VTIMEZONE");
  g_autoptr(GPtrArray) daylight = find_observances (text, "America/New_York", "DAYLIGHT");
  g_autoptr(GPtrArray) standard = find_observances (text, "America/New_York", "STANDARD");
  GPtrArray *spring = find_event (daylight, "DTSTART:20260308T020000");
  GPtrArray *fall = find_event (standard, "DTSTART:20261101T020000");
  guint n_tzid = 0;

  /* One VTIMEZONE per zone, though two reminders use New York. */
  for (guint i = 0; i < zones->len; i++)
    if (component_has (g_ptr_array_index (zones, i), "TZID:America/New_York"))
      n_tzid++;
  g_assert_cmpuint (n_tzid, ==, 1);

  g_assert_nonnull (spring);
  if (spring != NULL)
    {
      g_assert_cmpstr (component_get (spring, "TZOFFSETFROM"), ==, "-0500");
      g_assert_cmpstr (component_get (spring, "TZOFFSETTO"), ==, "-0400");
      g_assert_cmpstr (component_get (spring, "TZNAME"), ==, "EDT");
    }

  g_assert_nonnull (fall);
  if (fall != NULL)
    {
      g_assert_cmpstr (component_get (fall, "TZOFFSETFROM"), ==, "-0400");
      g_assert_cmpstr (component_get (fall, "TZOFFSETTO"), ==, "-0500");
      g_assert_cmpstr (component_get (fall, "TZNAME"), ==, "EST");
    }

  /* From the year before the first event (2026) for 20 years: two changes a year, and every
   * observance is one of the two. */
  g_assert_nonnull (find_event (daylight, "DTSTART:20250309T020000"));
  g_assert_nonnull (find_event (daylight, "DTSTART:20450312T020000"));
  g_assert_cmpuint (daylight->len, >=, 21);
  g_assert_cmpuint (standard->len, >=, 21);
  g_assert_cmpuint (daylight->len, <=, 23);
  g_assert_cmpuint (standard->len, <=, 23);
  for (guint i = 0; i < daylight->len; i++)
    g_assert_cmpstr (component_get (g_ptr_array_index (daylight, i), "TZOFFSETTO"), ==, "-0400");
  for (guint i = 0; i < standard->len; i++)
    g_assert_cmpstr (component_get (g_ptr_array_index (standard, i), "TZOFFSETTO"), ==, "-0500");
}

static void
test_timezone_tokyo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autoptr(GPtrArray) daylight = find_observances (text, "Asia/Tokyo", "DAYLIGHT");
  g_autoptr(GPtrArray) standard = find_observances (text, "Asia/Tokyo", "STANDARD");
  g_autoptr(GPtrArray) utc_standard = find_observances (text, "UTC", "STANDARD");

  g_assert_cmpuint (daylight->len, ==, 0);
  g_assert_cmpuint (standard->len, ==, 1);
  if (standard->len == 1)
    {
      GPtrArray *observance = g_ptr_array_index (standard, 0);

      g_assert_cmpstr (component_get (observance, "TZOFFSETFROM"), ==, "+0900");
      g_assert_cmpstr (component_get (observance, "TZOFFSETTO"), ==, "+0900");
      g_assert_cmpstr (component_get (observance, "TZNAME"), ==, "JST");
      g_assert_nonnull (component_get (observance, "DTSTART"));
    }

  g_assert_cmpuint (utc_standard->len, ==, 1);
  if (utc_standard->len == 1)
    g_assert_cmpstr (component_get (g_ptr_array_index (utc_standard, 0), "TZOFFSETTO"), ==,
                     "+0000");
}

static void
test_events (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autoptr(GPtrArray) events = find_components (text, "VEVENT");
  g_autofree char *stamp = format_utc (fixture->now);
  g_autofree char *uid = NULL;
  RapportReminder *reminder = rapport_store_find_reminder (fixture->store, fixture->weekly);
  GPtrArray *event;

  g_assert_nonnull (reminder);
  if (reminder == NULL)
    return;

  /* 6 pending reminders and Ada's reconnect. */
  g_assert_cmpuint (events->len, ==, 7);

  uid = g_strdup_printf ("UID:reminder-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "@rapport",
                         fixture->weekly, rapport_reminder_get_created_at (reminder));
  event = find_event (events, uid);
  g_assert_nonnull (event);
  if (event != NULL)
    {
      g_assert_true (component_has (event, "SUMMARY:" WEEKLY_TITLE " — " COLLEAGUE_NAME));
      g_assert_true (component_has (event, "DTSTART;TZID=America/New_York:20261203T123000"));
      g_assert_true (component_has (event, "RRULE:FREQ=WEEKLY;BYDAY=TH"));
      g_assert_true (component_has (event, "DURATION:PT15M"));
      g_assert_true (component_has (event, "CATEGORIES:Rapport"));
      g_assert_cmpstr (component_get (event, "DTSTAMP"), ==, stamp);
    }

  event = find_event_by_summary (events, TOKYO_TITLE);
  g_assert_nonnull (event);
  if (event != NULL)
    {
      g_assert_true (component_has (event, "DTSTART;TZID=Asia/Tokyo:20270115T090000"));
      g_assert_null (component_get (event, "RRULE"));
    }

  event = find_event_by_summary (events, SUMMER_TITLE);
  g_assert_nonnull (event);
  if (event != NULL)
    g_assert_true (component_has (event, "DTSTART;TZID=America/New_York:20270701T080000"));

  /* A snoozed reminder is in the calendar when it will remind, not when it was due. */
  event = find_event_by_summary (events, SNOOZED_TITLE);
  g_assert_nonnull (event);
  if (event != NULL)
    g_assert_true (component_has (event, "DTSTART;TZID=America/Denver:20261202T150000"));

  event = find_event_by_summary (events, fixture->wide_title);
  g_assert_nonnull (event);
  if (event != NULL)
    {
      g_assert_true (component_has (event, "DTSTART;TZID=Europe/Paris:20270201T074500"));
      g_assert_true (component_has (event, "RRULE:FREQ=DAILY"));
    }

  for (guint i = 0; i < events->len; i++)
    {
      GPtrArray *each = g_ptr_array_index (events, i);

      g_assert_nonnull (component_get (each, "UID"));
      g_assert_cmpstr (component_get (each, "DTSTAMP"), ==, stamp);
      g_assert_true (component_has (each, "DURATION:PT15M"));
      g_assert_true (component_has (each, "CATEGORIES:Rapport"));
    }
}

static void
test_done_absent (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autofree char *uid = g_strdup_printf ("reminder-%" G_GINT64_FORMAT "-", fixture->done);
  g_autoptr(GError) error = NULL;
  RapportReminder *reminder = rapport_store_find_reminder (fixture->store, fixture->done);

  g_assert_nonnull (reminder);
  if (reminder != NULL)
    g_assert_cmpint (rapport_reminder_get_completed_at (reminder), !=, 0);
  g_assert_null (strstr (text, DONE_TITLE));
  g_assert_null (strstr (text, uid));

  /* Completing another takes it out too. */
  g_assert_true (rapport_store_complete_reminder (fixture->store, fixture->tokyo, fixture->now,
                                                  &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = render (fixture);
  g_assert_null (strstr (text, TOKYO_TITLE));
  /* With no event left in Tokyo, neither is its zone. */
  g_assert_null (strstr (text, "TZID:Asia/Tokyo"));
}

static void
test_no_notes (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autoptr(GPtrArray) lines = unfold (text);

  g_assert_null (strstr (text, NOTES_CANARY));
  g_assert_null (strstr (text, "second line of notes"));
  g_assert_null (strstr (text, "DESCRIPTION"));

  /* Not even cut in two by a fold. */
  for (guint i = 0; i < lines->len; i++)
    g_assert_null (strstr (g_ptr_array_index (lines, i), NOTES_CANARY));
}

static void
test_reconnect (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = render (fixture);
  g_autoptr(GPtrArray) events = find_components (text, "VEVENT");
  g_autofree char *uid = g_strdup_printf ("UID:reconnect-%" G_GINT64_FORMAT "@rapport",
                                          fixture->ada);
  g_autofree char *grace_uid = g_strdup_printf ("reconnect-%" G_GINT64_FORMAT "@",
                                                fixture->grace);
  g_autofree char *archived_uid = g_strdup_printf ("reconnect-%" G_GINT64_FORMAT "@",
                                                   fixture->archived);
  RapportColleague *ada = rapport_store_find_colleague (fixture->store, fixture->ada);
  GPtrArray *event = find_event (events, uid);
  gint64 reconnect_at;

  g_assert_nonnull (ada);
  if (ada == NULL)
    return;

  /* A week from now at 09:00: inside the 90 days. */
  reconnect_at = rapport_store_get_reconnect_at (fixture->store, ada);
  g_assert_cmpint (reconnect_at, >, fixture->now);
  g_assert_cmpint (reconnect_at, <, fixture->now + 8 * 24 * 60 * 60);

  g_assert_nonnull (event);
  if (event != NULL)
    {
      g_autofree char *start = format_utc (reconnect_at);

      g_assert_true (component_has (event, "SUMMARY:Reconnect with " COLLEAGUE_NAME));
      g_assert_cmpstr (component_get (event, "DTSTART"), ==, start);
      g_assert_true (component_has (event, "DURATION:PT15M"));
      g_assert_null (component_get (event, "RRULE"));
    }

  /* A year away, and archived: not in the next 90 days. */
  g_assert_null (strstr (text, grace_uid));
  g_assert_null (strstr (text, archived_uid));
  g_assert_null (strstr (text, "Grace Hopper"));
  g_assert_null (strstr (text, "Archie Archived"));

  /* Later "now": Grace's year is still beyond 90 days, Ada is overdue and still listed. */
  g_clear_pointer (&text, g_free);
  {
    g_autoptr(GError) error = NULL;

    text = rapport_ical_render (fixture->store, fixture->now + 300 * 24 * 60 * 60, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "SUMMARY:Reconnect with Grace Hopper"));
    g_assert_nonnull (strstr (text, "SUMMARY:Reconnect with " COLLEAGUE_NAME));
  }
}

static void
test_empty (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ("ical-empty");
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RapportDatabase *database = NULL;
  RapportStore *store;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 1);
  store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE, &database);

  text = rapport_ical_render (store, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  g_assert_null (strstr (text, "VEVENT"));
  g_assert_null (strstr (text, "VTIMEZONE"));

  rapport_test_close_store (store, database);
  g_assert_true (rapport_test_remove_tree (dir));
}

static void
add_expected_event (JsonBuilder *builder,
                    const char  *summary,
                    const char  *dtstart,
                    const char  *tzid,
                    const char  *utc,
                    const char  *rrule)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, summary);
  json_builder_set_member_name (builder, "dtstart");
  json_builder_add_string_value (builder, dtstart);
  json_builder_set_member_name (builder, "tzid");
  if (tzid != NULL)
    json_builder_add_string_value (builder, tzid);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "utc");
  json_builder_add_string_value (builder, utc);
  json_builder_set_member_name (builder, "rrule");
  json_builder_add_string_value (builder, rrule);
  json_builder_end_object (builder);
}

static char *
build_expectations (Fixture *fixture)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) reconnect = NULL;
  g_autofree char *reconnect_wall = NULL;
  g_autofree char *reconnect_utc = NULL;
  RapportColleague *ada = rapport_store_find_colleague (fixture->store, fixture->ada);
  static const char * const zones[] = { "America/New_York", "Asia/Tokyo", "America/Denver",
                                        "UTC", "Europe/Paris" };

  g_assert_nonnull (ada);
  reconnect = g_date_time_new_from_unix_utc (rapport_store_get_reconnect_at (fixture->store, ada));
  reconnect_wall = g_date_time_format (reconnect, "%Y-%m-%dT%H:%M:%S");
  reconnect_utc = g_date_time_format (reconnect, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, 7);

  json_builder_set_member_name (builder, "timezones");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    json_builder_add_string_value (builder, zones[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  add_expected_event (builder, WEEKLY_TITLE " — " COLLEAGUE_NAME, "2026-12-03T12:30:00",
                      "America/New_York", "2026-12-03T17:30:00Z", "FREQ=WEEKLY;BYDAY=TH");
  add_expected_event (builder, SUMMER_TITLE, "2027-07-01T08:00:00", "America/New_York",
                      "2027-07-01T12:00:00Z", "");
  add_expected_event (builder, TOKYO_TITLE, "2027-01-15T09:00:00", "Asia/Tokyo",
                      "2027-01-15T00:00:00Z", "");
  add_expected_event (builder, SNOOZED_TITLE, "2026-12-02T15:00:00", "America/Denver",
                      "2026-12-02T22:00:00Z", "");
  add_expected_event (builder, ESCAPE_TITLE, "2026-12-24T18:00:00", "UTC",
                      "2026-12-24T18:00:00Z", "");
  add_expected_event (builder, fixture->wide_title, "2027-02-01T07:45:00", "Europe/Paris",
                      "2027-02-01T06:45:00Z", "FREQ=DAILY");
  add_expected_event (builder, "Reconnect with " COLLEAGUE_NAME, reconnect_wall, NULL,
                      reconnect_utc, "");
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "absent");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, DONE_TITLE);
  json_builder_add_string_value (builder, "Reconnect with Grace Hopper");
  json_builder_add_string_value (builder, "Reconnect with Archie Archived");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Reads the file back with python3-icalendar, as a calendar app would. */
static void
check_with_icalendar (Fixture    *fixture,
                      const char *path)
{
  const char *source_root = g_getenv ("RAPPORT_SOURCE_ROOT");
  g_autofree char *script = NULL;
  g_autofree char *expectations = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) plan = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[5];
  guint n_ok = 0;
  int status = 0;

  if (source_root == NULL)
    {
      g_test_skip ("RAPPORT_SOURCE_ROOT is not set; run the test through meson");
      return;
    }
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("/usr/bin/python3 is not installed");
      return;
    }

  script = g_build_filename (source_root, "tests", "check-ics.py", NULL);
  expectations = build_expectations (fixture);
  argv[0] = "/usr/bin/python3";
  argv[1] = script;
  argv[2] = path;
  argv[3] = expectations;
  argv[4] = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (out == NULL)
    return;

  if (strstr (out, "# SKIP") != NULL)
    {
      g_test_skip (out);
      return;
    }

  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "not ok") != NULL)
    g_test_message ("check-ics.py said:\n%s%s", out, err != NULL ? err : "");

  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (out, "not ok"));

  plan = g_regex_new ("^1\\.\\.([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
  g_assert_true (g_regex_match (plan, out, 0, &match));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "ok "))
      n_ok++;
  if (g_match_info_matches (match))
    {
      g_autofree char *count = g_match_info_fetch (match, 1);

      g_assert_cmpuint (n_ok, ==, g_ascii_strtoull (count, NULL, 10));
    }
  /* Each expected event brings several checks; far fewer means the script checked nothing. */
  g_assert_cmpuint (n_ok, >=, 30);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "check-ins.ics", NULL);
  g_autofree char *expected = render (fixture);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (rapport_ical_export (fixture->store, path, fixture->now, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  check_with_icalendar (fixture, path);
}

static void
test_export_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "check-ins.ics", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_ical_export (fixture->store, path, fixture->now, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/ical/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("structure", test_structure);
  ADD_TEST ("crlf", test_crlf);
  ADD_TEST ("line-length", test_line_length);
  ADD_TEST ("folding-utf8", test_folding_utf8);
  ADD_TEST ("escaping", test_escaping);
  ADD_TEST ("timezone-new-york", test_timezone_new_york);
  ADD_TEST ("timezone-tokyo", test_timezone_tokyo);
  ADD_TEST ("events", test_events);
  ADD_TEST ("done-absent", test_done_absent);
  ADD_TEST ("no-notes", test_no_notes);
  ADD_TEST ("reconnect", test_reconnect);
  ADD_TEST ("export", test_export);
  ADD_TEST ("export-fails", test_export_fails);
  g_test_add_func ("/rapport/ical/empty", test_empty);

#undef ADD_TEST

  return g_test_run ();
}
