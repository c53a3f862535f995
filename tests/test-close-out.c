/* test-close-out.c
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

#define G_LOG_DOMAIN "rapport-test-close-out"

#include "config.h"

#include "rapport-close-out.h"
#include "rapport-test-utils.h"

/* Closing out an assignment: the default check-in dates and the check-ins built from them. */

typedef struct
{
  char              *dir;
  RapportDatabase   *database;
  RapportStore      *store;
  RapportAssignment *assignment;   /* the store's */
  gint64             ada_id;
  gint64             grace_id;
} Fixture;

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (date_time);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(RapportAssignment) assignment = NULL;
  g_autoptr(GError) error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  fixture->dir = rapport_test_make_tmp_dir ("close-out");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  rapport_test_fixed_key (key, 3);
  fixture->store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);

  fixture->ada_id = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                          "name", "Ada Okafor",
                                                                          NULL));
  fixture->grace_id = rapport_colleague_get_id (rapport_test_add_colleague (fixture->store,
                                                                            "name", "Grace Liu",
                                                                            NULL));

  assignment = rapport_assignment_new ("Mercy Hospital");
  rapport_assignment_set_unit (assignment, "ICU");
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, "2026-11-23");
  rapport_assignment_set_ends_on (assignment, "2027-02-20");
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);
  fixture->assignment = rapport_store_find_assignment (fixture->store,
                                                       rapport_assignment_get_id (assignment));
  g_assert_nonnull (fixture->assignment);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->assignment = NULL;
  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
  g_assert_true (rapport_test_remove_tree (fixture->dir));
  g_clear_pointer (&fixture->dir, g_free);
}

static void
assert_default_dates (const char *ends_on,
                      const char *first,
                      const char *second)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Mercy Hospital");
  g_auto(GStrv) dates = NULL;

  rapport_assignment_set_ends_on (assignment, ends_on);
  dates = rapport_close_out_default_dates (assignment);

  if (first == NULL)
    {
      g_assert_null (dates);
      return;
    }

  g_assert_nonnull (dates);
  if (dates == NULL)
    return;

  g_assert_cmpuint (g_strv_length (dates), ==, 2);
  g_assert_cmpstr (dates[0], ==, first);
  g_assert_cmpstr (dates[1], ==, second);
}

static void
test_default_dates (void)
{
  /* Two weeks, and three months on the same day. */
  assert_default_dates ("2027-02-20", "2027-03-06", "2027-05-20");
  assert_default_dates ("2026-06-15", "2026-06-29", "2026-09-15");
  /* A day the month lacks becomes its last day. */
  assert_default_dates ("2026-08-31", "2026-09-14", "2026-11-30");
  assert_default_dates ("2026-11-30", "2026-12-14", "2027-02-28");
  assert_default_dates ("2027-11-30", "2027-12-14", "2028-02-29");
  assert_default_dates ("2028-02-29", "2028-03-14", "2028-05-29");
  /* Into the next year. */
  assert_default_dates ("2026-12-20", "2027-01-03", "2027-03-20");
  assert_default_dates ("2026-12-31", "2027-01-14", "2027-03-31");
  assert_default_dates ("2027-10-31", "2027-11-14", "2028-01-31");
}

static void
test_default_dates_none (void)
{
  assert_default_dates ("", NULL, NULL);
  assert_default_dates ("2027-02-30", NULL, NULL);
  assert_default_dates ("27-02-20", NULL, NULL);
  /* Past the years a date field can hold. */
  assert_default_dates ("9999-12-25", NULL, NULL);
}

static GPtrArray *
build (Fixture            *fixture,
       const gint64       *ids,
       guint               n_ids,
       const char * const *dates,
       const char         *time,
       const char         *tz,
       GError            **error)
{
  return rapport_close_out_build_check_ins (fixture->store, fixture->assignment, ids, n_ids,
                                            dates, time, tz, error);
}

static void
test_build (Fixture       *fixture,
            gconstpointer  data)
{
  const char * const dates[] = { "2027-03-06", "2027-05-20", NULL };
  gint64 ids[2];
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char *title;
    gint64      colleague_id;
    gint64      due_at;
  } expected[4];

  ids[0] = fixture->grace_id;
  ids[1] = fixture->ada_id;

  /* Denver changes to daylight time on 14 March 2027: 09:00 is 16:00 UTC before, 15:00 after. */
  expected[0].title = "Check in with Grace Liu";
  expected[0].colleague_id = fixture->grace_id;
  expected[0].due_at = utc (2027, 3, 6, 16, 0);
  expected[1].title = "Check in with Ada Okafor";
  expected[1].colleague_id = fixture->ada_id;
  expected[1].due_at = utc (2027, 3, 6, 16, 0);
  expected[2].title = "Check in with Grace Liu";
  expected[2].colleague_id = fixture->grace_id;
  expected[2].due_at = utc (2027, 5, 20, 15, 0);
  expected[3].title = "Check in with Ada Okafor";
  expected[3].colleague_id = fixture->ada_id;
  expected[3].due_at = utc (2027, 5, 20, 15, 0);

  check_ins = build (fixture, ids, G_N_ELEMENTS (ids), dates, RAPPORT_CLOSE_OUT_DEFAULT_TIME,
                     "America/Denver", &error);
  g_assert_no_error (error);
  g_assert_nonnull (check_ins);
  if (check_ins == NULL)
    return;

  g_assert_cmpuint (check_ins->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < MIN (check_ins->len, G_N_ELEMENTS (expected)); i++)
    {
      RapportReminder *reminder = check_ins->pdata[i];

      g_assert_true (RAPPORT_IS_REMINDER (reminder));
      g_assert_cmpint (rapport_reminder_get_id (reminder), ==, 0);
      g_assert_cmpstr (rapport_reminder_get_title (reminder), ==, expected[i].title);
      g_assert_cmpstr (rapport_reminder_get_notes (reminder), ==,
                       "After your assignment at Mercy Hospital · ICU");
      g_assert_cmpint (rapport_reminder_get_colleague_id (reminder), ==, expected[i].colleague_id);
      g_assert_cmpint (rapport_reminder_get_assignment_id (reminder), ==,
                       rapport_assignment_get_id (fixture->assignment));
      g_assert_cmpint (rapport_reminder_get_due_at (reminder), ==, expected[i].due_at);
      g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "America/Denver");
      g_assert_cmpstr (rapport_reminder_get_rrule (reminder), ==, "");
      g_assert_true (rapport_reminder_validate (reminder, NULL));
    }

  /* What was built is what the store takes, in one go. */
  g_assert_true (rapport_store_add_reminders (fixture->store, check_ins, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    4);
}

/* The zone is where the person will be, not where the assignment was. */
static void
test_build_zone (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const dates[] = { "2027-03-06", "2027-07-01", NULL };
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GError) error = NULL;

  check_ins = build (fixture, &fixture->ada_id, 1, dates, "9:30", "Europe/Paris", &error);
  g_assert_no_error (error);
  g_assert_nonnull (check_ins);
  if (check_ins == NULL)
    return;

  g_assert_cmpuint (check_ins->len, ==, 2);
  if (check_ins->len != 2)
    return;

  g_assert_cmpint (rapport_reminder_get_due_at (check_ins->pdata[0]), ==,
                   utc (2027, 3, 6, 8, 30));
  g_assert_cmpint (rapport_reminder_get_due_at (check_ins->pdata[1]), ==,
                   utc (2027, 7, 1, 7, 30));
  g_assert_cmpstr (rapport_reminder_get_tz (check_ins->pdata[0]), ==, "Europe/Paris");
}

/* The same colleague twice still gets one check-in a date. */
static void
test_build_duplicates (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const dates[] = { "2027-03-06", NULL };
  gint64 ids[3];
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GError) error = NULL;

  ids[0] = fixture->ada_id;
  ids[1] = fixture->grace_id;
  ids[2] = fixture->ada_id;

  check_ins = build (fixture, ids, G_N_ELEMENTS (ids), dates, "09:00", "America/Denver", &error);
  g_assert_no_error (error);
  g_assert_nonnull (check_ins);
  if (check_ins != NULL)
    g_assert_cmpuint (check_ins->len, ==, 2);
}

static void
assert_fails (Fixture            *fixture,
              const gint64       *ids,
              guint               n_ids,
              const char * const *dates,
              const char         *time,
              const char         *tz,
              GQuark              domain,
              int                 code,
              const char         *in_message)
{
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GError) error = NULL;

  check_ins = build (fixture, ids, n_ids, dates, time, tz, &error);
  g_assert_null (check_ins);
  g_assert_error (error, domain, code);
  if (error != NULL && in_message != NULL)
    g_assert_nonnull (g_strstr_len (error->message, -1, in_message));
}

static void
test_build_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const good[] = { "2027-03-06", "2027-05-20", NULL };
  const char * const not_a_day[] = { "2027-03-06", "2027-02-30", NULL };
  const char * const short_form[] = { "2027-3-6", NULL };
  const char * const words[] = { "next week", NULL };
  const char * const before_1970[] = { "1969-12-31", NULL };
  const char * const none[] = { NULL };
  gint64 ids[2];

  ids[0] = fixture->ada_id;
  ids[1] = 4242;

  /* An unknown colleague is named. */
  assert_fails (fixture, ids, 2, good, "09:00", "America/Denver",
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "4242");
  /* Nobody chosen. */
  assert_fails (fixture, NULL, 0, good, "09:00", "America/Denver",
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "colleague");
  assert_fails (fixture, ids, 0, good, "09:00", "America/Denver",
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, NULL);
  /* No dates. */
  assert_fails (fixture, ids, 1, none, "09:00", "America/Denver",
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "YYYY-MM-DD");
  assert_fails (fixture, ids, 1, NULL, "09:00", "America/Denver",
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, NULL);
  /* Dates that are not "YYYY-MM-DD" days, named in the message. */
  assert_fails (fixture, ids, 1, not_a_day, "09:00", "America/Denver",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME, "2027-02-30");
  assert_fails (fixture, ids, 1, short_form, "09:00", "America/Denver",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME, "2027-3-6");
  assert_fails (fixture, ids, 1, words, "09:00", "America/Denver",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME, "next week");
  assert_fails (fixture, ids, 1, before_1970, "09:00", "UTC",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME, NULL);
  /* A time that is not one. */
  assert_fails (fixture, ids, 1, good, "24:00", "America/Denver",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME, "24:00");
  assert_fails (fixture, ids, 1, good, "", "America/Denver",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME, NULL);
  /* A zone that is not one. */
  assert_fails (fixture, ids, 1, good, "09:00", "Mars/Olympus_Mons",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE, "Mars");
  assert_fails (fixture, ids, 1, good, "09:00", "",
                RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE, NULL);

  /* Nothing was added by any of it. */
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==,
                    0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/close-out/default-dates", test_default_dates);
  g_test_add_func ("/rapport/close-out/default-dates-none", test_default_dates_none);

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/close-out/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("build", test_build);
  ADD_TEST ("build-zone", test_build_zone);
  ADD_TEST ("build-duplicates", test_build_duplicates);
  ADD_TEST ("build-errors", test_build_errors);

#undef ADD_TEST

  return g_test_run ();
}
