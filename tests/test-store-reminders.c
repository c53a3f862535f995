/* test-store-reminders.c
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

#define G_LOG_DOMAIN "rapport-test-store-reminders"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rapport-store.h"
#include "rapport-test-utils.h"

/* Reminders and keep-in-touch through the store: writes, undo, search and the --list output. */

typedef struct
{
  char            *dir;
  char            *path;
  RapportDatabase *database;
  RapportStore    *store;
  GString         *items_changed;
  guint            n_changed;
} Fixture;

/* 2024-03-05 18:00 UTC (11:00 in Denver): a fixed moment, so nothing depends on today. */
#define T0 G_GINT64_CONSTANT (1709661600)
#define HOUR (60 * 60)
#define DAY (24 * HOUR)

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_string_append_printf (fixture->items_changed, "%s%u-%u+%u",
                          fixture->items_changed->len > 0 ? ", " : "", position, removed, added);
}

static void
changed_cb (RapportStore *store,
            Fixture      *fixture)
{
  fixture->n_changed++;
}

static void
open_store (Fixture                 *fixture,
            RapportDatabaseOpenMode  mode)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 5);
  fixture->store = rapport_test_open_store (fixture->path, key, mode, &fixture->database);

  g_signal_connect (rapport_store_get_reminders (fixture->store), "items-changed",
                    G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
close_store (Fixture *fixture)
{
  g_signal_handlers_disconnect_by_data (rapport_store_get_reminders (fixture->store), fixture);
  g_signal_handlers_disconnect_by_data (fixture->store, fixture);

  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
}

static void
forget_signals (Fixture *fixture)
{
  g_string_truncate (fixture->items_changed, 0);
  fixture->n_changed = 0;
}

/* A new store on a newly opened connection: what the next start of the app sees. */
static void
reopen_store (Fixture *fixture)
{
  close_store (fixture);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
  forget_signals (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_tmp_dir ("store-reminders");
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->items_changed = g_string_new (NULL);

  open_store (fixture, RAPPORT_DATABASE_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (fixture);

  g_assert_true (rapport_test_remove_tree (fixture->dir));

  g_string_free (g_steal_pointer (&fixture->items_changed), TRUE);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
assert_signals (Fixture    *fixture,
                const char *items_changed,
                guint       n_changed)
{
  g_assert_cmpstr (fixture->items_changed->str, ==, items_changed);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);
  forget_signals (fixture);
}

/* Every row a query returns, one line each, columns separated by "|". */
static char *
dump_rows (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rapport_database_prepare (fixture->database, sql, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  if (stmt == NULL)
    return g_string_free (text, FALSE);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", value != NULL ? value : "NULL");
        }
      g_string_append_c (text, '\n');
    }
  sqlite3_reset (stmt);

  return g_string_free (text, FALSE);
}

static char *
dump_reminders (Fixture *fixture)
{
  g_autofree char *json = rapport_store_reminders_to_json_lines (fixture->store, T0);
  g_autofree char *rows = dump_rows (fixture, "SELECT * FROM reminder ORDER BY id");
  g_autofree char *search = dump_rows (fixture, "SELECT docid, title, body FROM search"
                                                " ORDER BY docid");

  return g_strconcat (json, "--\n", rows, "--\n", search, NULL);
}

static gint64
local_time (const char *zone,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) date_time = NULL;

  g_assert_nonnull (tz);
  date_time = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_assert_nonnull (date_time);

  return g_date_time_to_unix (date_time);
}

/* The moment as "2026-12-03T12:30:00-07:00" in zone, to compare readably. */
static char *
format_in (const char *zone,
           gint64      seconds)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) date_time = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S%:z");
}

static RapportReminder *
new_reminder (const char *title,
              gint64      due_at,
              const char *tz,
              const char *rrule)
{
  RapportReminder *reminder = rapport_reminder_new (title, due_at);

  rapport_reminder_set_tz (reminder, tz);
  rapport_reminder_set_rrule (reminder, rrule);

  return reminder;
}

/* The store's own object. */
static RapportReminder *
add_reminder (Fixture         *fixture,
              RapportReminder *reminder)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_add_reminder (fixture->store, reminder, &error));
  g_assert_no_error (error);

  return rapport_store_find_reminder (fixture->store, rapport_reminder_get_id (reminder));
}

static RapportColleague *
add_colleague (Fixture    *fixture,
               const char *name)
{
  return rapport_test_add_colleague (fixture->store, "name", name, NULL);
}

static void
add_interaction (Fixture *fixture,
                 gint64   occurred_at,
                 gint64   colleague_id)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE, occurred_at);
  rapport_interaction_set_colleague_ids (interaction, &colleague_id, 1);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
}

/* "kind:title" for each search result, comma-separated. */
static char *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = rapport_store_search (fixture->store, query, 0, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  if (results == NULL)
    return g_string_free (text, FALSE);

  for (guint i = 0; i < results->len; i++)
    {
      RapportSearchResult *result = results->pdata[i];

      g_string_append_printf (text, "%s%d:%s", i > 0 ? ", " : "",
                              rapport_search_result_get_kind (result),
                              rapport_search_result_get_title (result));
    }

  return g_string_free (text, FALSE);
}

static void
assert_search (Fixture    *fixture,
               const char *query,
               const char *expected)
{
  g_autofree char *found = search (fixture, query);

  g_assert_cmpstr (found, ==, expected);
}

/* Each line parsed on its own, as a script reading --list would. */
static GPtrArray *
parse_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint n_lines = g_strv_length (lines);

  /* Every line ends with a newline, so the last piece is empty. */
  g_assert_cmpuint (n_lines, >=, 1);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      if (JSON_NODE_HOLDS_OBJECT (root))
        g_ptr_array_add (objects, json_object_ref (json_node_get_object (root)));
    }

  return objects;
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(RapportReminder) changes = NULL;
  g_autoptr(RapportReminder) second = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague = add_colleague (fixture, "Priya Raman");
  gint64 colleague_id = rapport_colleague_get_id (colleague);
  GListModel *model = rapport_store_get_reminders (fixture->store);
  RapportReminder *item;
  gint64 due_at = local_time ("America/Denver", 2024, 3, 12, 9, 0);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  forget_signals (fixture);

  reminder = new_reminder ("Send the sepsis article", due_at, "America/Denver", "");
  rapport_reminder_set_notes (reminder, "The one from the grand rounds.");
  rapport_reminder_set_colleague_id (reminder, colleague_id);
  item = add_reminder (fixture, reminder);

  /* The model holds the object that was added. */
  g_assert_true (item == reminder);
  g_assert_cmpint (rapport_reminder_get_id (reminder), ==, 1);
  g_assert_cmpint (rapport_reminder_get_created_at (reminder), >=, before);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_signals (fixture, "0-0+1", 1);

  /* An edit changes the model's item in place: no items-changed, one "changed". */
  changes = rapport_reminder_dup (item);
  rapport_reminder_set_title (changes, "Send the sepsis protocol article");
  rapport_reminder_set_notes (changes, "");
  rapport_reminder_set_colleague_id (changes, 0);
  g_assert_true (rapport_store_update_reminder (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_reminder_get_title (item), ==, "Send the sepsis protocol article");
  g_assert_cmpstr (rapport_reminder_get_notes (item), ==, "");
  g_assert_cmpint (rapport_reminder_get_colleague_id (item), ==, 0);
  g_assert_cmpint (rapport_reminder_get_due_at (item), ==, due_at);
  assert_signals (fixture, "", 1);

  second = new_reminder ("Call about the next contract", due_at + DAY, "Europe/Berlin",
                         "FREQ=WEEKLY;BYDAY=TU");
  rapport_reminder_set_colleague_id (second, colleague_id);
  add_reminder (fixture, second);
  g_assert_cmpint (rapport_reminder_get_id (second), ==, 2);
  assert_signals (fixture, "1-0+1", 1);

  /* Everything comes back from the file, in order. */
  reopen_store (fixture);
  model = rapport_store_get_reminders (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_nonnull (item);
  if (item != NULL)
    {
      g_assert_cmpstr (rapport_reminder_get_title (item), ==, "Send the sepsis protocol article");
      g_assert_cmpint (rapport_reminder_get_due_at (item), ==, due_at);
      g_assert_cmpstr (rapport_reminder_get_tz (item), ==, "America/Denver");
      g_assert_cmpint (rapport_reminder_get_colleague_id (item), ==, 0);
      g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, 0);
      g_assert_cmpint (rapport_reminder_get_completed_at (item), ==, 0);
      g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, 0);
    }
  item = g_list_model_get_item (model, 1);
  g_assert_cmpint (rapport_reminder_get_id (item), ==, 2);
  g_assert_cmpstr (rapport_reminder_get_tz (item), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (item), ==, "FREQ=WEEKLY;BYDAY=TU");
  g_assert_cmpint (rapport_reminder_get_colleague_id (item), ==, colleague_id);
  g_object_unref (item);

  /* NULL in the database for "none", not 0. */
  {
    g_autofree char *rows = dump_rows (fixture, "SELECT id, colleague_id, assignment_id,"
                                                " snoozed_until, completed_at, notified_at"
                                                " FROM reminder ORDER BY id");

    g_assert_cmpstr (rows, ==, "1|NULL|NULL|NULL|NULL|NULL\n2|1|NULL|NULL|NULL|NULL\n");
  }

  /* A deleted id is not given out again while an undo could still bring it back. */
  g_assert_true (rapport_store_delete_reminder (fixture->store, 2, NULL, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "1-1+0", 1);
  g_assert_null (rapport_store_find_reminder (fixture->store, 2));
  {
    g_autoptr(RapportReminder) third = new_reminder ("Coffee", due_at, "America/Denver", "");

    add_reminder (fixture, third);
    g_assert_cmpint (rapport_reminder_get_id (third), ==, 3);
    assert_signals (fixture, "1-0+1", 1);
  }

  reopen_store (fixture);
  g_assert_null (rapport_store_find_reminder (fixture->store, 2));
  g_assert_nonnull (rapport_store_find_reminder (fixture->store, 3));

  /* Unknown ids. */
  g_assert_false (rapport_store_delete_reminder (fixture->store, 42, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_store_complete_reminder (fixture->store, 42, T0, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RapportReminder) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportReminder *stored;
  gint64 due_at = local_time ("America/Denver", 2024, 3, 12, 9, 0);
  struct
  {
    const char *title;
    gint64      due_at;
    const char *tz;
    const char *rrule;
    int         code;
  } cases[] = {
    { "", due_at, "America/Denver", "", RAPPORT_STORE_ERROR_INVALID },
    { "   ", due_at, "America/Denver", "", RAPPORT_STORE_ERROR_INVALID },
    { "Coffee", due_at, "Mars/Olympus_Mons", "", RAPPORT_STORE_ERROR_INVALID },
    { "Coffee", due_at, "America/Denver", "FREQ=HOURLY", RAPPORT_STORE_ERROR_INVALID },
    { "Coffee", due_at, "America/Denver", "FREQ=WEEKLY;BYDAY=TH;COUNT=3",
      RAPPORT_STORE_ERROR_INVALID },
  };

  first = new_reminder ("Peer support", due_at, "America/Denver", "FREQ=WEEKLY;BYDAY=TH");
  stored = add_reminder (fixture, first);
  forget_signals (fixture);
  before = dump_reminders (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportReminder) reminder = new_reminder (cases[i].title, cases[i].due_at,
                                                          cases[i].tz, cases[i].rrule);
      g_autoptr(RapportReminder) changes = rapport_reminder_dup (stored);

      g_test_message ("case %u", i);

      g_assert_false (rapport_store_add_reminder (fixture->store, reminder, &error));
      g_assert_error (error, RAPPORT_STORE_ERROR, cases[i].code);
      g_assert_nonnull (error);
      if (error != NULL)
        g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
      g_assert_cmpint (rapport_reminder_get_id (reminder), ==, 0);

      /* The same values as an edit are refused too, and the item keeps its own. */
      rapport_reminder_set_title (changes, cases[i].title);
      rapport_reminder_set_tz (changes, cases[i].tz);
      rapport_reminder_set_rrule (changes, cases[i].rrule);
      g_assert_false (rapport_store_update_reminder (fixture->store, changes, &error));
      g_assert_error (error, RAPPORT_STORE_ERROR, cases[i].code);
      g_clear_error (&error);
      g_assert_cmpstr (rapport_reminder_get_title (stored), ==, "Peer support");
    }

  /* References to what is not in the journal. */
  {
    g_autoptr(RapportReminder) reminder = new_reminder ("Coffee", due_at, "America/Denver", "");

    rapport_reminder_set_colleague_id (reminder, 99);
    g_assert_false (rapport_store_add_reminder (fixture->store, reminder, &error));
    g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);

    rapport_reminder_set_colleague_id (reminder, 0);
    rapport_reminder_set_assignment_id (reminder, 7);
    g_assert_false (rapport_store_add_reminder (fixture->store, reminder, &error));
    g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Snoozing needs a time. */
  g_assert_false (rapport_store_snooze_reminder (fixture->store, 1, 0, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing was written, nothing was announced. */
  after = dump_reminders (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_signals (fixture, "", 0);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    1);
}

static void
test_complete_one_off (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  RapportReminder *item;
  gint64 due_at = T0 - HOUR;

  reminder = new_reminder ("Send the follow-up email", due_at, "America/Denver", "");
  item = add_reminder (fixture, reminder);
  g_assert_true (rapport_store_snooze_reminder (fixture->store, 1, T0 + HOUR, &error));
  g_assert_true (rapport_store_mark_reminder_notified (fixture->store, 1, due_at, &error));
  g_assert_no_error (error);
  forget_signals (fixture);

  g_assert_true (rapport_store_complete_reminder (fixture->store, 1, T0, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 1);
  g_assert_cmpint (rapport_reminder_get_completed_at (item), ==, T0);
  g_assert_cmpint (rapport_reminder_get_due_at (item), ==, due_at);
  g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, 0);
  g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, due_at);
  g_assert_cmpint (rapport_reminder_get_state_at (item, T0 + DAY), ==, RAPPORT_REMINDER_STATE_DONE);
  g_assert_cmpint (rapport_reminder_get_remind_at (item), ==, 0);

  /* Done twice is done once. */
  g_assert_true (rapport_store_complete_reminder (fixture->store, 1, T0 + DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_reminder_get_completed_at (item), ==, T0);
  assert_signals (fixture, "", 0);

  /* A done reminder is not snoozed. */
  g_assert_false (rapport_store_snooze_reminder (fixture->store, 1, T0 + DAY, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  reopen_store (fixture);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_nonnull (item);
  if (item != NULL)
    {
      g_assert_cmpint (rapport_reminder_get_completed_at (item), ==, T0);
      g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, 0);
      g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, due_at);
    }
}

static void
test_complete_repeating (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(RapportReminder) summer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *after_dst = NULL;
  RapportReminder *item;
  RapportReminder *summer_item;
  /* Thursday 5 November 2026, 12:30 in Denver; completed three weeks late, on Thursday the
   * 26th in the afternoon. */
  gint64 due_at = local_time ("America/Denver", 2026, 11, 5, 12, 30);
  gint64 now = local_time ("America/Denver", 2026, 11, 26, 15, 0);

  reminder = new_reminder ("Peer-support group", due_at, "America/Denver", "FREQ=WEEKLY;BYDAY=TH");
  item = add_reminder (fixture, reminder);
  g_assert_true (rapport_store_mark_reminder_notified (fixture->store, 1, due_at, &error));
  g_assert_true (rapport_store_snooze_reminder (fixture->store, 1, due_at + HOUR, &error));
  g_assert_no_error (error);
  forget_signals (fixture);

  g_assert_true (rapport_store_complete_reminder (fixture->store, 1, now, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 1);

  /* The missed ones are not piled up: the next future Thursday, 12:30 local. */
  next = format_in ("America/Denver", rapport_reminder_get_due_at (item));
  g_assert_cmpstr (next, ==, "2026-12-03T12:30:00-07:00");
  g_assert_cmpint (rapport_reminder_get_completed_at (item), ==, 0);
  g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, 0);
  g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, due_at);
  g_assert_cmpint (rapport_reminder_get_state_at (item, now), ==, RAPPORT_REMINDER_STATE_UPCOMING);

  /* Planned in summer time, done after the clocks went back: still 12:30 on the wall, and the
   * same day when that is still to come. */
  summer = new_reminder ("Peer-support group", local_time ("America/Denver", 2026, 10, 29, 12, 30),
                         "America/Denver", "FREQ=WEEKLY;BYDAY=TH");
  summer_item = add_reminder (fixture, summer);
  g_assert_true (rapport_store_complete_reminder (fixture->store, 2,
                                                  local_time ("America/Denver", 2026, 11, 19,
                                                              10, 0),
                                                  &error));
  g_assert_no_error (error);
  after_dst = format_in ("America/Denver", rapport_reminder_get_due_at (summer_item));
  g_assert_cmpstr (after_dst, ==, "2026-11-19T12:30:00-07:00");

  reopen_store (fixture);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_nonnull (item);
  if (item != NULL)
    {
      g_autofree char *stored = format_in ("America/Denver", rapport_reminder_get_due_at (item));

      g_assert_cmpstr (stored, ==, "2026-12-03T12:30:00-07:00");
      g_assert_cmpint (rapport_reminder_get_completed_at (item), ==, 0);
    }
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  RapportReminder *item;
  gint64 due_at = T0 - HOUR;

  reminder = new_reminder ("Follow up with José", due_at, "America/Denver", "");
  item = add_reminder (fixture, reminder);
  forget_signals (fixture);

  g_assert_true (rapport_store_snooze_reminder (fixture->store, 1, T0 + 2 * HOUR, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 1);
  g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, T0 + 2 * HOUR);
  g_assert_cmpint (rapport_reminder_get_remind_at (item), ==, T0 + 2 * HOUR);
  g_assert_cmpint (rapport_reminder_get_state_at (item, T0), ==, RAPPORT_REMINDER_STATE_SNOOZED);

  /* The same snooze again writes nothing. */
  g_assert_true (rapport_store_snooze_reminder (fixture->store, 1, T0 + 2 * HOUR, &error));
  assert_signals (fixture, "", 0);

  reopen_store (fixture);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, T0 + 2 * HOUR);

  /* An edit that keeps the time keeps the snooze... */
  {
    g_autoptr(RapportReminder) changes = rapport_reminder_dup (item);

    rapport_reminder_set_title (changes, "Follow up with José Peña");
    rapport_reminder_set_notes (changes, "About the badge office.");
    g_assert_true (rapport_store_update_reminder (fixture->store, changes, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, T0 + 2 * HOUR);
  }

  /* ...a new time, zone or rule clears it. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportReminder) changes = NULL;

      g_assert_true (rapport_store_snooze_reminder (fixture->store, 1, T0 + 3 * HOUR, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, T0 + 3 * HOUR);

      changes = rapport_reminder_dup (item);
      if (i == 0)
        rapport_reminder_set_due_at (changes, T0 + DAY);
      else if (i == 1)
        rapport_reminder_set_tz (changes, "Europe/Berlin");
      else
        rapport_reminder_set_rrule (changes, "FREQ=DAILY");
      g_assert_true (rapport_store_update_reminder (fixture->store, changes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, 0);
    }

  reopen_store (fixture);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, 0);
  g_assert_cmpint (rapport_reminder_get_due_at (item), ==, T0 + DAY);
  g_assert_cmpstr (rapport_reminder_get_tz (item), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (item), ==, "FREQ=DAILY");
  g_assert_cmpstr (rapport_reminder_get_title (item), ==, "Follow up with José Peña");
}

static void
test_notified (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  RapportReminder *item;
  gint64 due_at = T0 - HOUR;

  reminder = new_reminder ("Call Zoë", due_at, "America/Denver", "");
  item = add_reminder (fixture, reminder);
  g_assert_true (rapport_reminder_needs_notification (item, T0));
  forget_signals (fixture);

  g_assert_true (rapport_store_mark_reminder_notified (fixture->store, 1, due_at, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 1);
  g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, due_at);
  g_assert_false (rapport_reminder_needs_notification (item, T0));

  g_assert_true (rapport_store_mark_reminder_notified (fixture->store, 1, due_at, &error));
  assert_signals (fixture, "", 0);

  /* Across a restart, the same time is not notified again. */
  reopen_store (fixture);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_nonnull (item);
  if (item == NULL)
    return;
  g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, due_at);
  g_assert_false (rapport_reminder_needs_notification (item, T0));

  /* A snooze is a new time to notify. */
  g_assert_true (rapport_store_snooze_reminder (fixture->store, 1, T0 + HOUR, &error));
  g_assert_true (rapport_reminder_needs_notification (item, T0 + 2 * HOUR));
  g_assert_true (rapport_store_mark_reminder_notified (fixture->store, 1, T0 + HOUR, &error));
  g_assert_no_error (error);
  reopen_store (fixture);
  item = rapport_store_find_reminder (fixture->store, 1);
  g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, T0 + HOUR);
  g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, T0 + HOUR);
  g_assert_false (rapport_reminder_needs_notification (item, T0 + 2 * HOUR));
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *after = NULL;
  RapportColleague *colleague = add_colleague (fixture, "Søren Åkesson");
  RapportReminder *item;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Check-in %u", i + 1);
      g_autoptr(RapportReminder) reminder = new_reminder (title, T0 + i * DAY, "America/Denver",
                                                          i == 1 ? "FREQ=MONTHLY;BYDAY=1MO" : "");

      rapport_reminder_set_notes (reminder, "Ask about the ski trip");
      rapport_reminder_set_colleague_id (reminder, rapport_colleague_get_id (colleague));
      add_reminder (fixture, reminder);
    }
  g_assert_true (rapport_store_snooze_reminder (fixture->store, 2, T0 + 3 * DAY, &error));
  g_assert_true (rapport_store_mark_reminder_notified (fixture->store, 2, T0 + DAY, &error));
  g_assert_no_error (error);
  forget_signals (fixture);
  before = dump_reminders (fixture);

  g_assert_true (rapport_store_delete_reminder (fixture->store, 2, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  assert_signals (fixture, "1-1+0", 1);
  g_assert_null (rapport_store_find_reminder (fixture->store, 2));
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_REMINDER), ==, 1);
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_COLLEAGUE), ==, 0);
  assert_search (fixture, "check 2", "");
  deleted = dump_rows (fixture, "SELECT id FROM reminder ORDER BY id");
  g_assert_cmpstr (deleted, ==, "1\n3\n");

  /* Back where it was, with the same id and state, and findable again. */
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "1-0+1", 1);
  after = dump_reminders (fixture);
  g_assert_cmpstr (after, ==, before);
  item = rapport_store_find_reminder (fixture->store, 2);
  g_assert_nonnull (item);
  if (item != NULL)
    {
      g_assert_cmpint (rapport_reminder_get_snoozed_until (item), ==, T0 + 3 * DAY);
      g_assert_cmpint (rapport_reminder_get_notified_at (item), ==, T0 + DAY);
    }
  assert_search (fixture, "check 2", "5:Check-in 2");

  /* An undo works once. */
  g_assert_false (rapport_store_undo (fixture->store, undo, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT);
  g_clear_error (&error);

  reopen_store (fixture);
  g_clear_pointer (&after, g_free);
  after = dump_reminders (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_delete_references (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportStoreUndo) assignment_undo = NULL;
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(RapportReminder) other = NULL;
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Front Range Health");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rows = NULL;
  RapportColleague *colleague = add_colleague (fixture, "Marcus O'Neil");
  gint64 colleague_id = rapport_colleague_get_id (colleague);
  gint64 assignment_id;
  RapportReminder *item;
  RapportReminder *other_item;

  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  assignment_id = rapport_assignment_get_id (assignment);

  reminder = new_reminder ("Coffee after nights", T0 + DAY, "America/Denver", "");
  rapport_reminder_set_colleague_id (reminder, colleague_id);
  rapport_reminder_set_assignment_id (reminder, assignment_id);
  item = add_reminder (fixture, reminder);
  other = new_reminder ("Renew the license", T0 + 2 * DAY, "America/Denver", "");
  other_item = add_reminder (fixture, other);
  forget_signals (fixture);
  before = dump_reminders (fixture);
  assert_search (fixture, "marcus", "1:Marcus O'Neil, 5:Coffee after nights");

  /* The reminder outlives the colleague and forgets them. */
  g_assert_true (rapport_store_delete_colleague (fixture->store, colleague_id, &undo, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 1);
  g_assert_true (rapport_store_find_reminder (fixture->store, 1) == item);
  g_assert_cmpint (rapport_reminder_get_colleague_id (item), ==, 0);
  g_assert_cmpint (rapport_reminder_get_assignment_id (item), ==, assignment_id);
  g_assert_cmpint (rapport_reminder_get_colleague_id (other_item), ==, 0);
  g_assert_cmpuint (rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_REMINDER), ==, 0);
  rows = dump_rows (fixture, "SELECT id, colleague_id FROM reminder ORDER BY id");
  g_assert_cmpstr (rows, ==, "1|NULL\n2|NULL\n");
  assert_search (fixture, "marcus", "");
  assert_search (fixture, "coffee nights", "5:Coffee after nights");

  /* Undo gives the reminder its colleague back, in the model, the file and the index. */
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 1);
  g_assert_cmpint (rapport_reminder_get_colleague_id (item), ==, colleague_id);
  after = dump_reminders (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_search (fixture, "marcus", "1:Marcus O'Neil, 5:Coffee after nights");

  /* The same for an assignment. */
  g_assert_true (rapport_store_delete_assignment (fixture->store, assignment_id,
                                                  &assignment_undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_reminder_get_assignment_id (item), ==, 0);
  g_clear_pointer (&rows, g_free);
  rows = dump_rows (fixture, "SELECT id, assignment_id FROM reminder ORDER BY id");
  g_assert_cmpstr (rows, ==, "1|NULL\n2|NULL\n");
  g_assert_true (rapport_store_undo (fixture->store, assignment_undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_reminder_get_assignment_id (item), ==, assignment_id);
  assert_signals (fixture, "", 2);

  reopen_store (fixture);
  g_clear_pointer (&after, g_free);
  after = dump_reminders (fixture);
  g_assert_cmpstr (after, ==, before);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Several at once: one transaction, ids in order, one "changed", searchable, kept on disk. */
static void
test_add_several (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague = add_colleague (fixture, "Priya Raman");
  gint64 colleague_id = rapport_colleague_get_id (colleague);
  GListModel *model = rapport_store_get_reminders (fixture->store);
  gint64 due_at = local_time ("America/Denver", 2024, 3, 19, 9, 0);
  const char *titles[] = { "Check in with Priya", "Ask about the night shift", "Send the photos" };

  /* One already there, so the new ids follow it. */
  {
    g_autoptr(RapportReminder) first = new_reminder ("Renew the BLS card", due_at,
                                                     "America/Denver", "");

    add_reminder (fixture, first);
  }
  forget_signals (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      RapportReminder *reminder = new_reminder (titles[i], due_at + i * DAY, "America/Denver", "");

      rapport_reminder_set_colleague_id (reminder, colleague_id);
      rapport_reminder_set_notes (reminder, "After the trailhead assignment");
      g_ptr_array_add (reminders, reminder);
    }

  g_assert_true (rapport_store_add_reminders (fixture->store, reminders, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "1-0+1, 2-0+1, 3-0+1", 1);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < reminders->len; i++)
    {
      RapportReminder *reminder = reminders->pdata[i];
      g_autoptr(RapportReminder) item = g_list_model_get_item (model, i + 1);

      g_assert_cmpint (rapport_reminder_get_id (reminder), ==, i + 2);
      g_assert_cmpint (rapport_reminder_get_created_at (reminder), >, 0);
      g_assert_true (rapport_store_find_reminder (fixture->store, i + 2) == reminder);
      g_assert_true (item == reminder);
    }

  /* All three by their notes, in whatever order the ranking puts them. */
  {
    g_autofree char *found = search (fixture, "trailhead");
    g_auto(GStrv) parts = g_strsplit (found, ", ", -1);
    g_autofree char *sorted = NULL;

    qsort (parts, g_strv_length (parts), sizeof (char *), compare_strings);
    sorted = g_strjoinv (", ", parts);
    g_assert_cmpstr (sorted, ==,
                     "5:Ask about the night shift, 5:Check in with Priya, 5:Send the photos");
  }
  assert_search (fixture, "photos", "5:Send the photos");

  /* Kept on disk, and still found by the next start's search. */
  reopen_store (fixture);
  model = rapport_store_get_reminders (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      RapportReminder *item = rapport_store_find_reminder (fixture->store, i + 2);

      g_assert_nonnull (item);
      if (item != NULL)
        {
          g_assert_cmpstr (rapport_reminder_get_title (item), ==, titles[i]);
          g_assert_cmpint (rapport_reminder_get_due_at (item), ==, due_at + i * DAY);
          g_assert_cmpint (rapport_reminder_get_colleague_id (item), ==, colleague_id);
        }
    }
  assert_search (fixture, "night shift", "5:Ask about the night shift");

  /* An empty list adds nothing and says nothing. */
  g_ptr_array_set_size (reminders, 0);
  g_assert_true (rapport_store_add_reminders (fixture->store, reminders, &error));
  g_assert_no_error (error);
  assert_signals (fixture, "", 0);
}

/* One bad reminder among several: nothing is written, nothing changes, nobody is told. */
static void
test_add_several_invalid (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 due_at = local_time ("America/Denver", 2024, 3, 19, 9, 0);
  struct
  {
    const char *title;
    const char *tz;
    gint64      colleague_id;
  } bad[] = {
    { "", "America/Denver", 0 },
    { "Coffee", "Mars/Olympus_Mons", 0 },
    { "Coffee", "America/Denver", 99 },
  };

  {
    g_autoptr(RapportReminder) first = new_reminder ("Renew the BLS card", due_at,
                                                     "America/Denver", "");

    add_reminder (fixture, first);
  }
  forget_signals (fixture);
  before = dump_reminders (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func (g_object_unref);
      RapportReminder *third;

      g_test_message ("case %u", i);

      g_ptr_array_add (reminders, new_reminder ("Check in with Priya", due_at, "America/Denver",
                                                ""));
      g_ptr_array_add (reminders, new_reminder ("Send the photos", due_at, "America/Denver", ""));
      third = new_reminder (bad[i].title, due_at, bad[i].tz, "");
      rapport_reminder_set_colleague_id (third, bad[i].colleague_id);
      g_ptr_array_add (reminders, third);
      g_ptr_array_add (reminders, new_reminder ("Fourth", due_at, "America/Denver", ""));

      g_assert_false (rapport_store_add_reminders (fixture->store, reminders, &error));
      g_assert_error (error, RAPPORT_STORE_ERROR,
                      (bad[i].colleague_id != 0 ? RAPPORT_STORE_ERROR_NOT_FOUND
                                                : RAPPORT_STORE_ERROR_INVALID));
      g_clear_error (&error);

      for (guint j = 0; j < reminders->len; j++)
        g_assert_cmpint (rapport_reminder_get_id (reminders->pdata[j]), ==, 0);
      assert_signals (fixture, "", 0);
      g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)),
                        ==, 1);

      after = dump_reminders (fixture);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
      assert_search (fixture, "photos", "");
    }

  /* Nor is there anything half-written for the next start to find. */
  reopen_store (fixture);
  after = dump_reminders (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(RapportReminder) other = NULL;
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleague *colleague = add_colleague (fixture, "Zoë Müller");
  gint64 colleague_id = rapport_colleague_get_id (colleague);
  gint64 due_at = local_time ("America/Denver", 2024, 3, 12, 9, 0);

  add_interaction (fixture, T0 - DAY, colleague_id);

  reminder = new_reminder ("Send the housing leads", due_at, "America/Denver", "");
  rapport_reminder_set_notes (reminder, "Month-to-month studio near the trailhead");
  rapport_reminder_set_colleague_id (reminder, colleague_id);
  add_reminder (fixture, reminder);
  other = new_reminder ("Renew the BLS card", due_at, "America/Denver", "");
  add_reminder (fixture, other);

  /* By title, by notes, and by the colleague's name, accents folded. */
  assert_search (fixture, "housing", "5:Send the housing leads");
  assert_search (fixture, "trailhead", "5:Send the housing leads");
  assert_search (fixture, "bls", "5:Renew the BLS card");
  /* Reminders come after the journal entries. */
  assert_search (fixture, "zoe",
                 "1:Zoë Müller, 4:Coffee with Zoë Müller, 5:Send the housing leads");

  results = rapport_store_search (fixture->store, "housing", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  if (results->len == 1)
    {
      RapportSearchResult *result = results->pdata[0];

      g_assert_cmpint (rapport_search_result_get_kind (result), ==, RAPPORT_ITEM_KIND_REMINDER);
      g_assert_cmpint (rapport_search_result_get_id (result), ==, 1);
      /* The due time in local time (TZ is America/Denver here) and who it is about. */
      g_assert_cmpstr (rapport_search_result_get_subtitle (result), ==,
                       "Tue 12 Mar 2024 09:00 · Zoë Müller");
    }

  /* A new name is found, the old one no longer. */
  changes = rapport_colleague_dup (colleague);
  rapport_colleague_set_name (changes, "Zoë Okafor");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  assert_search (fixture, "okafor housing", "5:Send the housing leads");
  assert_search (fixture, "muller housing", "");

  /* Moved to someone else and back to nobody: the index follows. */
  {
    RapportReminder *renew = rapport_store_find_reminder (fixture->store, 2);
    g_autoptr(RapportReminder) edit = rapport_reminder_dup (renew);
    RapportColleague *dana = add_colleague (fixture, "Dana Whitfield");

    rapport_reminder_set_colleague_id (edit, rapport_colleague_get_id (dana));
    g_assert_true (rapport_store_update_reminder (fixture->store, edit, &error));
    g_assert_no_error (error);
    assert_search (fixture, "dana bls", "5:Renew the BLS card");
    rapport_reminder_set_colleague_id (edit, 0);
    g_assert_true (rapport_store_update_reminder (fixture->store, edit, &error));
    g_assert_no_error (error);
    assert_search (fixture, "dana bls", "");
  }

  /* Gone with the reminder. */
  g_assert_true (rapport_store_delete_reminder (fixture->store, 1, NULL, &error));
  g_assert_no_error (error);
  assert_search (fixture, "trailhead", "");
}

static RapportColleague *
new_colleague (guint  cadence_days,
               gint64 created_at,
               gint64 last_interaction_at)
{
  RapportColleague *colleague = rapport_colleague_new ("Avery Abbott");

  rapport_colleague_set_cadence_days (colleague, cadence_days);
  rapport_colleague_set_created_at (colleague, created_at);
  rapport_colleague_set_last_interaction_at (colleague, last_interaction_at);

  return colleague;
}

static void
test_reconnect_at (Fixture       *fixture,
                   gconstpointer  data)
{
  RapportStore *store = fixture->store;
  struct
  {
    guint       cadence_days;
    gint64      created_at;
    gint64      last_interaction_at;
    gboolean    archived;
    const char *expected;   /* in Denver, NULL for 0 */
  } cases[] = {
    /* Added on Tuesday 5 March 2024 at 11:00; two weeks later is after the switch to summer
     * time, still at 09:00 on the wall. */
    { 14, T0, 0, FALSE, "2024-03-19T09:00:00-06:00" },
    /* The last interaction counts, not the day they were added. */
    { 14, T0 - 100 * DAY, T0, FALSE, "2024-03-19T09:00:00-06:00" },
    { 1, T0 - 100 * DAY, T0, FALSE, "2024-03-06T09:00:00-07:00" },
    /* 22:00 in Denver is already the next day in UTC: the local date is the one that counts. */
    { 7, local_time ("America/Denver", 2024, 3, 5, 22, 0), 0, FALSE,
      "2024-03-12T09:00:00-06:00" },
    { 90, T0, 0, FALSE, "2024-06-03T09:00:00-06:00" },
    /* No cadence, or archived: never due. */
    { 0, T0, T0, FALSE, NULL },
    { 14, T0, T0, TRUE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportColleague) colleague = new_colleague (cases[i].cadence_days,
                                                             cases[i].created_at,
                                                             cases[i].last_interaction_at);
      gint64 reconnect_at;

      g_test_message ("case %u", i);
      rapport_colleague_set_archived (colleague, cases[i].archived);
      reconnect_at = rapport_store_get_reconnect_at (store, colleague);

      if (cases[i].expected == NULL)
        {
          g_assert_cmpint (reconnect_at, ==, 0);
        }
      else
        {
          g_autofree char *text = format_in ("America/Denver", reconnect_at);

          g_assert_cmpstr (text, ==, cases[i].expected);
        }
    }
}

static void
test_reconnect_due (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleague *weekly = rapport_test_add_colleague (fixture->store, "name", "Weekly",
                                                         "cadence-days", 7, NULL);
  RapportColleague *fortnightly = rapport_test_add_colleague (fixture->store, "name", "Fortnightly",
                                                              "cadence-days", 14, NULL);
  RapportColleague *monthly = rapport_test_add_colleague (fixture->store, "name", "Monthly",
                                                          "cadence-days", 30, NULL);
  RapportColleague *archived = rapport_test_add_colleague (fixture->store, "name", "Archived",
                                                           "cadence-days", 7, NULL);
  RapportColleague *never = rapport_test_add_colleague (fixture->store, "name", "No cadence",
                                                        NULL);
  RapportColleague *fresh = rapport_test_add_colleague (fixture->store, "name", "Just met",
                                                        "cadence-days", 7, NULL);

  /* Weekly is due 23 days ago, fortnightly 6 days ago, monthly in 29 days. */
  add_interaction (fixture, T0 - 30 * DAY, rapport_colleague_get_id (weekly));
  add_interaction (fixture, T0 - 20 * DAY, rapport_colleague_get_id (fortnightly));
  add_interaction (fixture, T0 - 60 * DAY, rapport_colleague_get_id (fortnightly));
  add_interaction (fixture, T0 - DAY, rapport_colleague_get_id (monthly));
  add_interaction (fixture, T0 - 60 * DAY, rapport_colleague_get_id (archived));
  add_interaction (fixture, T0 - 60 * DAY, rapport_colleague_get_id (never));
  g_assert_true (rapport_store_set_colleague_archived (fixture->store,
                                                       rapport_colleague_get_id (archived), TRUE,
                                                       &error));
  g_assert_no_error (error);

  g_assert_cmpint (rapport_store_get_reconnect_at (fixture->store, weekly), ==,
                   local_time ("America/Denver", 2024, 2, 11, 9, 0));
  /* Without an interaction, from the day they were added (today, in real time). */
  {
    gint64 created_at = rapport_colleague_get_created_at (fresh);
    g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (created_at);
    g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (created),
                                                      g_date_time_get_month (created),
                                                      g_date_time_get_day_of_month (created),
                                                      9, 0, 0);
    g_autoptr(GDateTime) expected = g_date_time_add_days (day, 7);

    g_assert_cmpint (rapport_store_get_reconnect_at (fixture->store, fresh), ==,
                     g_date_time_to_unix (expected));
  }

  /* Most overdue first; the archived one and the one without a cadence never. */
  due = rapport_store_dup_reconnect_due (fixture->store, T0);
  g_assert_cmpuint (due->len, ==, 2);
  if (due->len == 2)
    {
      g_assert_true (due->pdata[0] == weekly);
      g_assert_true (due->pdata[1] == fortnightly);
    }

  later = rapport_store_dup_reconnect_due (fixture->store, T0 + 40 * DAY);
  g_assert_cmpuint (later->len, ==, 3);
  if (later->len == 3)
    g_assert_true (later->pdata[2] == monthly);

  /* Logging an interaction resets the clock. */
  add_interaction (fixture, T0 - HOUR, rapport_colleague_get_id (weekly));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rapport_store_dup_reconnect_due (fixture->store, T0);
  g_assert_cmpuint (due->len, ==, 1);
  if (due->len == 1)
    g_assert_true (due->pdata[0] == fortnightly);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  if (!json_object_has_member (object, member))
    return NULL;

  return json_object_get_string_member (object, member);
}

static void
test_json_lines (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RapportReminder) winter = NULL;
  g_autoptr(RapportReminder) summer = NULL;
  g_autoptr(RapportReminder) group = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RapportColleague *colleague = add_colleague (fixture, "José Peña");
  gint64 colleague_id = rapport_colleague_get_id (colleague);
  static const char * const members[] = {
    "id", "title", "due", "tz", "rrule", "state", "colleague_id", "assignment_id",
    "snoozed_until", "notes",
  };

  winter = new_reminder ("Call \"Berlin\" team", local_time ("Europe/Berlin", 2026, 1, 15, 10, 0),
                         "Europe/Berlin", "");
  rapport_reminder_set_notes (winter, "Line one\nline two");
  add_reminder (fixture, winter);
  summer = new_reminder ("Summer call", local_time ("Europe/Berlin", 2026, 7, 15, 10, 0),
                         "Europe/Berlin", "FREQ=MONTHLY;BYMONTHDAY=15");
  rapport_reminder_set_colleague_id (summer, colleague_id);
  add_reminder (fixture, summer);
  group = new_reminder ("Peer-support group", local_time ("America/Denver", 2026, 11, 26, 12, 30),
                        "America/Denver", "FREQ=WEEKLY;BYDAY=TH");
  add_reminder (fixture, group);
  g_assert_true (rapport_store_snooze_reminder (fixture->store, 3,
                                                local_time ("America/Denver", 2026, 11, 26, 13,
                                                            0),
                                                &error));
  g_assert_true (rapport_store_complete_reminder (fixture->store, 1,
                                                  local_time ("Europe/Berlin", 2026, 1, 15, 11,
                                                              0),
                                                  &error));
  g_assert_no_error (error);

  text = rapport_store_reminders_to_json_lines (fixture->store,
                                                local_time ("America/Denver", 2026, 11, 26, 12,
                                                            45));
  objects = parse_lines (text);
  g_assert_cmpuint (objects->len, ==, 3);
  if (objects->len != 3)
    return;

  for (guint i = 0; i < objects->len; i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        g_assert_true (json_object_has_member (objects->pdata[i], members[j]));
      g_assert_cmpint (json_object_get_int_member (objects->pdata[i], "id"), ==, i + 1);
    }

  /* The offset of the reminder's own zone on that day. */
  g_assert_cmpstr (get_string (objects->pdata[0], "due"), ==, "2026-01-15T10:00:00+01:00");
  g_assert_cmpstr (get_string (objects->pdata[1], "due"), ==, "2026-07-15T10:00:00+02:00");
  g_assert_cmpstr (get_string (objects->pdata[2], "due"), ==, "2026-11-26T12:30:00-07:00");

  g_assert_cmpstr (get_string (objects->pdata[0], "title"), ==, "Call \"Berlin\" team");
  g_assert_cmpstr (get_string (objects->pdata[0], "notes"), ==, "Line one\nline two");
  g_assert_cmpstr (get_string (objects->pdata[0], "tz"), ==, "Europe/Berlin");
  g_assert_cmpstr (get_string (objects->pdata[0], "rrule"), ==, "");
  g_assert_cmpstr (get_string (objects->pdata[1], "rrule"), ==, "FREQ=MONTHLY;BYMONTHDAY=15");
  g_assert_cmpstr (get_string (objects->pdata[0], "state"), ==, "done");
  g_assert_cmpstr (get_string (objects->pdata[1], "state"), ==, "overdue");
  g_assert_cmpstr (get_string (objects->pdata[2], "state"), ==, "snoozed");
  g_assert_true (json_object_get_null_member (objects->pdata[0], "colleague_id"));
  g_assert_cmpint (json_object_get_int_member (objects->pdata[1], "colleague_id"), ==,
                   colleague_id);
  g_assert_true (json_object_get_null_member (objects->pdata[1], "assignment_id"));
  g_assert_true (json_object_get_null_member (objects->pdata[0], "snoozed_until"));
  g_assert_cmpstr (get_string (objects->pdata[2], "snoozed_until"), ==,
                   "2026-11-26T13:00:00-07:00");
}

static void
test_due_json_lines (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RapportColleague *due_colleague = rapport_test_add_colleague (fixture->store, "name", "Priya",
                                                                "cadence-days", 7, NULL);
  RapportColleague *not_due = rapport_test_add_colleague (fixture->store, "name", "Dana",
                                                          "cadence-days", 30, NULL);
  struct
  {
    const char *title;
    gint64      due_at;
    const char *tz;
  } reminders[] = {
    /* Later today (23:00 in Denver is already tomorrow in UTC). */
    { "Tonight", local_time ("America/Denver", 2024, 3, 5, 23, 0), "America/Denver" },
    /* Yesterday, still pending. */
    { "Yesterday", T0 - DAY, "Europe/Berlin" },
    /* Tomorrow morning: not yet. */
    { "Tomorrow", local_time ("America/Denver", 2024, 3, 6, 9, 0), "America/Denver" },
    /* Done. */
    { "Done", T0 - 2 * DAY, "America/Denver" },
  };

  add_interaction (fixture, T0 - 10 * DAY, rapport_colleague_get_id (due_colleague));
  add_interaction (fixture, T0 - 10 * DAY, rapport_colleague_get_id (not_due));

  for (guint i = 0; i < G_N_ELEMENTS (reminders); i++)
    {
      g_autoptr(RapportReminder) reminder = new_reminder (reminders[i].title, reminders[i].due_at,
                                                          reminders[i].tz, "");

      add_reminder (fixture, reminder);
    }
  g_assert_true (rapport_store_complete_reminder (fixture->store, 4, T0 - DAY, &error));
  g_assert_no_error (error);

  text = rapport_store_due_to_json_lines (fixture->store, T0);
  objects = parse_lines (text);
  g_assert_cmpuint (objects->len, ==, 3);
  if (objects->len != 3)
    return;

  /* Reminders by time, then reconnects. */
  g_assert_cmpstr (get_string (objects->pdata[0], "kind"), ==, "reminder");
  g_assert_cmpstr (get_string (objects->pdata[0], "title"), ==, "Yesterday");
  g_assert_cmpint (json_object_get_int_member (objects->pdata[0], "id"), ==, 2);
  g_assert_cmpstr (get_string (objects->pdata[0], "due"), ==, "2024-03-04T19:00:00+01:00");
  g_assert_cmpstr (get_string (objects->pdata[0], "state"), ==, "overdue");

  g_assert_cmpstr (get_string (objects->pdata[1], "kind"), ==, "reminder");
  g_assert_cmpstr (get_string (objects->pdata[1], "title"), ==, "Tonight");
  g_assert_cmpstr (get_string (objects->pdata[1], "due"), ==, "2024-03-05T23:00:00-07:00");
  g_assert_cmpstr (get_string (objects->pdata[1], "state"), ==, "upcoming");

  g_assert_cmpstr (get_string (objects->pdata[2], "kind"), ==, "reconnect");
  g_assert_cmpint (json_object_get_int_member (objects->pdata[2], "id"), ==,
                   rapport_colleague_get_id (due_colleague));
  g_assert_cmpstr (get_string (objects->pdata[2], "title"), ==, "Priya");
  g_assert_cmpstr (get_string (objects->pdata[2], "due"), ==, "2024-03-02T09:00:00-07:00");
  g_assert_cmpstr (get_string (objects->pdata[2], "state"), ==, "overdue");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/store-reminders/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD_TEST ("crud", test_crud);
  ADD_TEST ("validation", test_validation);
  ADD_TEST ("complete-one-off", test_complete_one_off);
  ADD_TEST ("complete-repeating", test_complete_repeating);
  ADD_TEST ("snooze", test_snooze);
  ADD_TEST ("notified", test_notified);
  ADD_TEST ("delete-undo", test_delete_undo);
  ADD_TEST ("delete-references", test_delete_references);
  ADD_TEST ("add-several", test_add_several);
  ADD_TEST ("add-several-invalid", test_add_several_invalid);
  ADD_TEST ("search", test_search);
  ADD_TEST ("reconnect-at", test_reconnect_at);
  ADD_TEST ("reconnect-due", test_reconnect_due);
  ADD_TEST ("json-lines", test_json_lines);
  ADD_TEST ("due-json-lines", test_due_json_lines);

#undef ADD_TEST

  return g_test_run ();
}
