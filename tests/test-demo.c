/* test-demo.c
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

#define G_LOG_DOMAIN "test-demo"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rapport-demo.h"
#include "rapport-keyring.h"
#include "rapport-profile.h"
#include "rapport-test-utils.h"

#define N_CHART_WEEKS 12

typedef struct
{
  char            *dir;
  guint            n_journals;
  GDateTime       *now;
  RapportStore    *store;
  RapportDatabase *database;
} Fixture;

static GDateTime *
new_time (const char *zone_name,
          int         year,
          int         month,
          int         day,
          int         hour,
          int         minute,
          double      seconds)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

  g_assert_nonnull (zone);

  return g_date_time_new (zone, year, month, day, hour, minute, seconds);
}

/* A new journal in the fixture's folder, filled for now. */
static RapportStore *
fill_new_store (Fixture          *fixture,
                GDateTime        *now,
                RapportDatabase **database)
{
  g_autofree char *name = g_strdup_printf ("demo-%u.db", fixture->n_journals++);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE, database);
  g_assert_true (rapport_demo_fill (store, now, &error));
  g_assert_no_error (error);

  return store;
}

/* One journal for every case that only reads it: filling one takes a moment. */
static void
fixture_set_up (Fixture *fixture)
{
  fixture->dir = rapport_test_make_tmp_dir ("demo");
  /* A Wednesday morning in the middle of the current assignment. */
  fixture->now = new_time ("America/Denver", 2026, 11, 18, 10, 30, 0);
  fixture->store = fill_new_store (fixture, fixture->now, &fixture->database);
}

static void
fixture_tear_down (Fixture *fixture)
{
  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
  g_clear_pointer (&fixture->now, g_date_time_unref);
  g_assert_true (rapport_test_remove_tree (fixture->dir));
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
dup_date_string (GDateTime *now,
                 int        days)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static GDateTime *
dup_midnight (GDateTime *now)
{
  return g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                          g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                          0, 0, 0);
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/* Journal entries per week, Monday to Sunday in now's zone, the week holding now last. */
static void
count_by_week (RapportStore *store,
               GDateTime    *now,
               guint        *counts)
{
  GListModel *interactions = rapport_store_get_interactions (store);
  g_autoptr(GDateTime) midnight = dup_midnight (now);
  g_autoptr(GDateTime) monday = g_date_time_add_days (midnight,
                                                      1 - g_date_time_get_day_of_week (now));
  gint64 now_unix = g_date_time_to_unix (now);

  memset (counts, 0, N_CHART_WEEKS * sizeof (guint));

  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (interactions, i);
      gint64 when = rapport_interaction_get_occurred_at (interaction);

      for (int week = 0; week < N_CHART_WEEKS; week++)
        {
          g_autoptr(GDateTime) start = g_date_time_add_weeks (monday, week - (N_CHART_WEEKS - 1));
          g_autoptr(GDateTime) end = g_date_time_add_weeks (start, 1);

          if (when >= g_date_time_to_unix (start) && when < g_date_time_to_unix (end) &&
              when <= now_unix)
            counts[week]++;
        }
    }
}

static void
check_colleagues (RapportStore *store,
                  GDateTime    *now)
{
  GListModel *colleagues = rapport_store_get_colleagues (store);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *today = dup_date_string (now, 0);
  static const char *clinical_roles[] = {
    "Charge Nurse", "Hospitalist", "Respiratory Therapist", "Pharmacist", "Unit Clerk",
  };
  guint n = g_list_model_get_n_items (colleagues);
  guint n_accented = 0;
  guint n_linked = 0;
  guint n_with_notes = 0;

  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpuint (n, <=, 30);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
      g_autoptr(GArray) assignment_ids = NULL;
      g_autoptr(GError) error = NULL;
      const char *name = rapport_colleague_get_name (colleague);
      const char *email = rapport_colleague_get_email (colleague);
      const char *phone = rapport_colleague_get_phone (colleague);

      g_assert_true (rapport_colleague_validate (colleague, &error));
      g_assert_no_error (error);

      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
      g_hash_table_add (roles, (gpointer) rapport_colleague_get_role (colleague));

      if (!is_ascii (name))
        n_accented++;

      /* Nobody real can be reached through the demo. */
      if (email[0] != '\0')
        g_assert_true (g_str_has_suffix (email, "@example.org"));
      if (phone[0] != '\0')
        g_assert_nonnull (strstr (phone, " 555 01"));

      if (rapport_colleague_get_notes (colleague)[0] != '\0' &&
          rapport_colleague_get_interests (colleague)[0] != '\0')
        n_with_notes++;

      assignment_ids = rapport_store_dup_colleague_assignment_ids (store,
                                                                   rapport_colleague_get_id (
                                                                     colleague));
      if (assignment_ids->len > 0)
        n_linked++;

      for (guint j = 0; j < assignment_ids->len; j++)
        {
          g_autofree char *met_on = NULL;

          met_on = rapport_store_dup_met_on (store, rapport_colleague_get_id (colleague),
                                             g_array_index (assignment_ids, gint64, j));
          g_assert_nonnull (met_on);
          /* Met already, even at the assignment still to come. */
          g_assert_cmpuint (strlen (met_on), ==, 10);
          g_assert_cmpstr (met_on, <=, today);
        }
    }

  g_assert_cmpuint (n_accented, >=, 5);
  g_assert_cmpuint (n_linked, >=, 20);
  g_assert_cmpuint (n_with_notes, >=, 15);
  for (guint i = 0; i < G_N_ELEMENTS (clinical_roles); i++)
    g_assert_true (g_hash_table_contains (roles, clinical_roles[i]));
}

static void
check_items_valid (RapportStore *store,
                   GDateTime    *now)
{
  GListModel *assignments = rapport_store_get_assignments (store);
  GListModel *tips = rapport_store_get_tips (store);
  GListModel *interactions = rapport_store_get_interactions (store);
  GListModel *reminders = rapport_store_get_reminders (store);
  gint64 now_unix = g_date_time_to_unix (now);

  check_colleagues (store, now);

  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(RapportAssignment) assignment = g_list_model_get_item (assignments, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (rapport_assignment_validate (assignment, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < g_list_model_get_n_items (tips); i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);
      g_autoptr(GError) error = NULL;
      gint64 recommended_by = rapport_tip_get_recommended_by (tip);

      g_assert_true (rapport_tip_validate (tip, &error));
      g_assert_no_error (error);
      g_assert_nonnull (rapport_store_find_assignment (store, rapport_tip_get_assignment_id (tip)));
      if (recommended_by != 0)
        g_assert_nonnull (rapport_store_find_colleague (store, recommended_by));
    }

  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (interactions, i);
      g_autoptr(GError) error = NULL;
      gint64 assignment_id = rapport_interaction_get_assignment_id (interaction);
      guint n_ids = 0;
      const gint64 *ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);

      g_assert_true (rapport_interaction_validate (interaction, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rapport_interaction_get_occurred_at (interaction), <=, now_unix);
      g_assert_cmpuint (n_ids, >=, 1);
      for (guint j = 0; j < n_ids; j++)
        g_assert_nonnull (rapport_store_find_colleague (store, ids[j]));
      if (assignment_id != 0)
        g_assert_nonnull (rapport_store_find_assignment (store, assignment_id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
      g_autoptr(GError) error = NULL;
      gint64 colleague_id = rapport_reminder_get_colleague_id (reminder);

      g_assert_true (rapport_reminder_validate (reminder, &error));
      g_assert_no_error (error);
      if (colleague_id != 0)
        g_assert_nonnull (rapport_store_find_colleague (store, colleague_id));
    }
}

static void
test_counts (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  RapportStore *store = fixture->store;
  guint n_assignments = g_list_model_get_n_items (rapport_store_get_assignments (store));
  guint n_colleagues = g_list_model_get_n_items (rapport_store_get_colleagues (store));
  guint n_tips = g_list_model_get_n_items (rapport_store_get_tips (store));
  guint n_interactions = g_list_model_get_n_items (rapport_store_get_interactions (store));
  guint n_reminders = g_list_model_get_n_items (rapport_store_get_reminders (store));

  g_assert_cmpuint (n_assignments, >=, 4);
  g_assert_cmpuint (n_assignments, <=, 5);
  g_assert_cmpuint (n_colleagues, >=, 20);
  g_assert_cmpuint (n_colleagues, <=, 30);
  g_assert_cmpuint (n_tips, >=, 24);
  g_assert_cmpuint (n_interactions, >=, 50);
  g_assert_cmpuint (n_interactions, <=, 70);
  g_assert_cmpuint (n_reminders, >=, 10);
  g_assert_cmpuint (n_reminders, <=, 30);
}

static void
test_valid (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;

  check_items_valid (fixture->store, fixture->now);
}

/* Two past assignments with their tips, the current one, one to come. */
static void
test_dates_assignments (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  RapportStore *store = fixture->store;
  GListModel *assignments = rapport_store_get_assignments (store);
  RapportAssignment *current = rapport_store_get_current_assignment (store, fixture->now);
  g_autofree char *today = dup_date_string (fixture->now, 0);
  guint n_past = 0;
  guint n_upcoming = 0;

  g_assert_nonnull (current);

  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(RapportAssignment) assignment = g_list_model_get_item (assignments, i);
      g_autoptr(GPtrArray) tips = g_ptr_array_new ();
      GListModel *all_tips = rapport_store_get_tips (store);
      const char *starts_on = rapport_assignment_get_starts_on (assignment);
      const char *ends_on = rapport_assignment_get_ends_on (assignment);

      g_assert_cmpuint (strlen (starts_on), ==, 10);
      g_assert_cmpuint (strlen (ends_on), ==, 10);
      g_assert_cmpstr (starts_on, <, ends_on);

      for (guint j = 0; j < g_list_model_get_n_items (all_tips); j++)
        {
          g_autoptr(RapportTip) tip = g_list_model_get_item (all_tips, j);

          if (rapport_tip_get_assignment_id (tip) == rapport_assignment_get_id (assignment))
            g_ptr_array_add (tips, tip);
        }

      if (g_strcmp0 (ends_on, today) < 0)
        {
          n_past++;
          g_assert_cmpuint (tips->len, >=, 10);
          g_assert_cmpuint (tips->len, <=, 15);
        }
      else if (g_strcmp0 (starts_on, today) > 0)
        {
          n_upcoming++;
        }
      else
        {
          g_assert_true (assignment == current);
        }
    }

  g_assert_cmpuint (n_past, ==, 2);
  g_assert_cmpuint (n_upcoming, >=, 1);
}

static void
test_dates_journal (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  GListModel *interactions = rapport_store_get_interactions (fixture->store);
  gint64 now = g_date_time_to_unix (fixture->now);
  gint64 oldest = G_MAXINT64;
  gint64 newest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (interactions, i);
      gint64 when = rapport_interaction_get_occurred_at (interaction);

      oldest = MIN (oldest, when);
      newest = MAX (newest, when);
    }

  /* Sixteen weeks, up to today. */
  g_assert_cmpint (oldest, >=, now - (16 * 7 + 1) * 24 * 3600);
  g_assert_cmpint (oldest, <=, now - 15 * 7 * 24 * 3600);
  g_assert_cmpint (newest, <=, now);
  g_assert_cmpint (newest, >=, now - 24 * 3600);
}

static void
test_dates_reminders (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  RapportStore *store = fixture->store;
  GListModel *reminders = rapport_store_get_reminders (store);
  GListModel *colleagues = rapport_store_get_colleagues (store);
  g_autoptr(GDateTime) midnight = dup_midnight (fixture->now);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);
  g_autoptr(GDateTime) next_week = g_date_time_add_days (midnight, 8);
  gint64 now = g_date_time_to_unix (fixture->now);
  guint n_overdue = 0, n_today = 0, n_week = 0, n_later = 0, n_repeating = 0, n_done = 0;
  guint n_birthdays = 0;

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
      gint64 remind_at = rapport_reminder_get_remind_at (reminder);

      if (rapport_reminder_get_completed_at (reminder) != 0)
        {
          n_done++;
          continue;
        }

      if (rapport_reminder_get_rrule (reminder)[0] != '\0')
        {
          /* A check-in with someone from an assignment that ended. */
          n_repeating++;
          g_assert_cmpint (remind_at, >, now);
          g_assert_cmpint (rapport_reminder_get_colleague_id (reminder), !=, 0);
        }

      if (remind_at < now)
        n_overdue++;
      else if (remind_at < g_date_time_to_unix (tomorrow))
        n_today++;
      else if (remind_at < g_date_time_to_unix (next_week))
        n_week++;
      else
        n_later++;
    }

  g_assert_cmpuint (n_overdue, >=, 2);
  g_assert_cmpuint (n_overdue, <=, 5);
  g_assert_cmpuint (n_today, >=, 2);
  g_assert_cmpuint (n_week, >=, 2);
  g_assert_cmpuint (n_later, >=, 2);
  g_assert_cmpuint (n_repeating, >=, 2);
  g_assert_cmpuint (n_done, >=, 1);

  /* A birthday or two in the next fortnight. */
  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
      const char *birthday = rapport_colleague_get_birthday (colleague);

      if (birthday == NULL || birthday[0] == '\0')
        continue;

      for (int day = 0; day <= 14; day++)
        {
          g_autoptr(GDateTime) date = g_date_time_add_days (midnight, day);
          g_autofree char *month_day = g_date_time_format (date, "-%m-%d");

          if (g_str_has_suffix (birthday, month_day))
            n_birthdays++;
        }
    }

  g_assert_cmpuint (n_birthdays, >=, 1);
  g_assert_cmpuint (n_birthdays, <=, 3);
}

/* Enough entries each week, and different amounts, for the chart on Today to have a shape. */
static void
test_histogram (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  guint counts[N_CHART_WEEKS];
  guint total = 0;
  guint lowest = G_MAXUINT;
  guint highest = 0;
  guint n_empty = 0;
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);

  count_by_week (fixture->store, fixture->now, counts);

  for (guint week = 0; week < N_CHART_WEEKS; week++)
    {
      g_test_message ("week %u: %u entries", week, counts[week]);
      total += counts[week];
      lowest = MIN (lowest, counts[week]);
      highest = MAX (highest, counts[week]);
      if (counts[week] == 0)
        n_empty++;
      g_hash_table_add (distinct, GUINT_TO_POINTER (counts[week] + 1));
    }

  g_assert_cmpuint (total, >=, 40);
  g_assert_cmpuint (highest, >=, lowest + 3);
  g_assert_cmpuint (g_hash_table_size (distinct), >=, 3);
  g_assert_cmpuint (n_empty, <=, 2);
}

/* One JSON line each item, without the times the store stamps when writing. */
static char *
dup_journal_without_stamps (RapportStore *store,
                            GDateTime    *now)
{
  gint64 at = g_date_time_to_unix (now);
  g_autofree char *reminders = rapport_store_reminders_to_json_lines (store, at);
  g_autofree char *due = rapport_store_due_to_json_lines (store, at);
  const char *lists[] = { NULL, NULL, NULL, NULL, reminders, due };
  g_autofree char *colleagues = rapport_store_colleagues_to_json_lines (store);
  g_autofree char *assignments = rapport_store_assignments_to_json_lines (store);
  g_autofree char *tips = rapport_store_tips_to_json_lines (store);
  g_autofree char *interactions = rapport_store_interactions_to_json_lines (store);
  GString *out = g_string_new (NULL);

  lists[0] = colleagues;
  lists[1] = assignments;
  lists[2] = tips;
  lists[3] = interactions;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) lines = g_strsplit (lists[i], "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;

          if (lines[j][0] == '\0')
            continue;

          node = json_from_string (lines[j], &error);
          g_assert_no_error (error);
          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            continue;

          json_object_remove_member (json_node_get_object (node), "created_at");
          json_object_remove_member (json_node_get_object (node), "updated_at");
          text = json_to_string (node, FALSE);
          g_string_append_printf (out, "%u %s\n", i, text);
        }
    }

  return g_string_free (out, FALSE);
}

static void
test_deterministic (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportDatabase) other_database = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_days (fixture->now, 3);
  RapportStore *store = fill_new_store (fixture, fixture->now, &database);
  RapportStore *other = fill_new_store (fixture, later, &other_database);
  g_autofree char *first = dup_journal_without_stamps (fixture->store, fixture->now);
  g_autofree char *second = dup_journal_without_stamps (store, fixture->now);
  g_autofree char *third = dup_journal_without_stamps (other, fixture->now);

  g_assert_cmpuint (strlen (first), >, 10000);
  g_assert_cmpstr (first, ==, second);
  /* The dates follow now. */
  g_assert_cmpstr (first, !=, third);

  rapport_test_close_store (store, g_steal_pointer (&database));
  rapport_test_close_store (other, g_steal_pointer (&other_database));
}

/* Late at night, three days before a leap day far from Denver, in the hour that happens twice
 * when daylight saving time ends. */
static void
test_any_time (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  g_autoptr(GDateTime) late = new_time ("America/Denver", 2026, 11, 18, 23, 59, 30);
  g_autoptr(GDateTime) leap = new_time ("Asia/Tokyo", 2028, 2, 26, 8, 0, 0);
  g_autoptr(GDateTime) fall = new_time ("America/Denver", 2026, 11, 1, 1, 30, 0);
  GDateTime *nows[] = { late, leap, fall };

  for (guint i = 0; i < G_N_ELEMENTS (nows); i++)
    {
      g_autoptr(RapportDatabase) database = NULL;
      g_autofree char *label = g_date_time_format_iso8601 (nows[i]);
      RapportStore *store;
      guint counts[N_CHART_WEEKS];
      guint total = 0;

      g_test_message ("now = %s", label);
      store = fill_new_store (fixture, nows[i], &database);
      check_items_valid (store, nows[i]);
      count_by_week (store, nows[i], counts);
      for (guint week = 0; week < N_CHART_WEEKS; week++)
        total += counts[week];
      g_assert_cmpuint (total, >=, 40);
      rapport_test_close_store (store, g_steal_pointer (&database));
    }
}

static void
test_profile (void)
{
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *data_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *own_journal = g_build_filename (g_get_user_data_dir (), "rapport", NULL);
  g_autofree char *code = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  profile = rapport_profile_new_demo (&error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_true (rapport_profile_is_demo (profile));

  data_dir = g_strdup (rapport_profile_get_data_dir (profile));
  name = g_path_get_basename (data_dir);
  g_assert_true (g_str_has_prefix (name, "rapport-demo-"));
  g_assert_true (g_file_test (data_dir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_str_has_prefix (data_dir, g_get_user_runtime_dir ()) ||
                 g_str_has_prefix (data_dir, g_get_tmp_dir ()));
  g_assert_false (g_str_has_prefix (data_dir, own_journal));
  g_assert_false (rapport_profile_has_journal (profile));

  store = rapport_profile_create (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (rapport_demo_fill (store, now, &error));
  g_assert_no_error (error);

  /* The key is nowhere but in the profile. */
  g_assert_false (rapport_keyring_lookup_key (rapport_profile_get_database_path (profile), key,
                                              NULL, NULL));
  code = rapport_profile_dup_recovery_code (profile);
  g_assert_nonnull (code);

  rapport_database_close (rapport_store_get_database (store));
  g_assert_finalize_object (store);

  /* Opened again with the key in memory. */
  store = rapport_profile_open (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (rapport_test_store_has_colleague (store, "José Peña"));
  rapport_database_close (rapport_store_get_database (store));
  g_assert_finalize_object (store);

  rapport_profile_discard_demo (profile);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  g_assert_null (rapport_profile_dup_recovery_code (profile));

  store = rapport_profile_open (profile, NULL, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
}

static void
test_profile_finalize (void)
{
  RapportProfile *profile;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  RapportStore *store;

  profile = rapport_profile_new_demo (&error);
  g_assert_no_error (error);
  data_dir = g_strdup (rapport_profile_get_data_dir (profile));

  store = rapport_profile_create (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (rapport_profile_get_database_path (profile), G_FILE_TEST_EXISTS));
  rapport_database_close (rapport_store_get_database (store));
  g_assert_finalize_object (store);

  g_assert_finalize_object (profile);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
}

/* A person's profile is never removed, whatever its folder holds. */
static void
test_profile_not_demo (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ("demo-not");
  /* Named like a demo folder: being a demo is what counts, not the name. */
  g_autofree char *data_dir = g_build_filename (dir, "rapport-demo-mine", NULL);
  g_autofree char *file = g_build_filename (data_dir, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  RapportProfile *profile = rapport_profile_new (data_dir);

  g_assert_cmpint (g_mkdir (data_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "journal", -1, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_profile_is_demo (profile));

  rapport_profile_discard_demo (profile);
  g_assert_finalize_object (profile);
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));

  g_assert_true (rapport_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  Fixture fixture = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  fixture_set_up (&fixture);

#define ADD_TEST(path, func) \
  g_test_add_data_func ("/rapport/demo/" path, &fixture, func)

  ADD_TEST ("counts", test_counts);
  ADD_TEST ("valid", test_valid);
  ADD_TEST ("dates-assignments", test_dates_assignments);
  ADD_TEST ("dates-journal", test_dates_journal);
  ADD_TEST ("dates-reminders", test_dates_reminders);
  ADD_TEST ("histogram", test_histogram);
  ADD_TEST ("deterministic", test_deterministic);
  ADD_TEST ("any-time", test_any_time);

#undef ADD_TEST

  g_test_add_func ("/rapport/demo/profile", test_profile);
  g_test_add_func ("/rapport/demo/profile-finalize", test_profile_finalize);
  g_test_add_func ("/rapport/demo/profile-not-demo", test_profile_not_demo);

  status = g_test_run ();
  fixture_tear_down (&fixture);

  return status;
}
