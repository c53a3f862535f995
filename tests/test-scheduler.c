/* test-scheduler.c
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

#define G_LOG_DOMAIN "rapport-test-scheduler"

#include "config.h"

#include <string.h>

#include "rapport-scheduler.h"
#include "rapport-store.h"
#include "rapport-test-utils.h"

/* When reminders are delivered: a fake clock drives all but one test; the last one waits for a
 * real timer. TZ is America/Denver (tests/meson.build). */

typedef struct
{
  char             *dir;
  char             *path;
  RapportDatabase  *database;
  RapportStore     *store;
  RapportScheduler *scheduler;

  gint64            now;
  /* "due 3, due 1, digest 5": what the scheduler emitted, in order. */
  GString          *log;
  /* Reminders emitted as due whose notified_at did not match their remind_at at that moment. */
  guint             n_unmarked;

  GMainLoop        *loop;
  gint64            due_received_at;
} Fixture;

#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

static gint64
local_time (int year,
            int month,
            int day,
            int hour,
            int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

/* 2024-03-05 11:00 in Denver (MST): an ordinary Tuesday, far from daylight-saving changes. */
#define T0 local_time (2024, 3, 5, 11, 0)

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
due_cb (RapportScheduler *scheduler,
        RapportReminder  *reminder,
        Fixture          *fixture)
{
  g_assert_true (RAPPORT_IS_REMINDER (reminder));

  if (rapport_reminder_get_notified_at (reminder) != rapport_reminder_get_remind_at (reminder))
    fixture->n_unmarked++;

  g_string_append_printf (fixture->log, "%sdue %" G_GINT64_FORMAT,
                          fixture->log->len > 0 ? ", " : "", rapport_reminder_get_id (reminder));

  if (fixture->loop != NULL)
    {
      fixture->due_received_at = g_get_real_time ();
      g_main_loop_quit (fixture->loop);
    }
}

static void
digest_cb (RapportScheduler *scheduler,
           guint             count,
           Fixture          *fixture)
{
  g_string_append_printf (fixture->log, "%sdigest %u", fixture->log->len > 0 ? ", " : "", count);
}

/* What was emitted since the last call, then forgets it. */
static char *
take_log (Fixture *fixture)
{
  char *log = g_strdup (fixture->log->str);

  g_string_truncate (fixture->log, 0);

  return log;
}

#define assert_log(fixture, expected) \
  G_STMT_START { \
    g_autofree char *_log = take_log (fixture); \
    g_assert_cmpstr (_log, ==, expected); \
  } G_STMT_END

static void
open_store (Fixture                 *fixture,
            RapportDatabaseOpenMode  mode)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 5);
  fixture->store = rapport_test_open_store (fixture->path, key, mode, &fixture->database);
}

/* A scheduler on the fixture's store reading the fake clock (or the system clock when real). */
static void
make_scheduler (Fixture  *fixture,
                gboolean  real)
{
  fixture->scheduler = rapport_scheduler_new (fixture->store);
  g_assert_true (rapport_scheduler_get_store (fixture->scheduler) == fixture->store);

  if (!real)
    rapport_scheduler_set_clock (fixture->scheduler, fake_clock, fixture, NULL);

  g_signal_connect (fixture->scheduler, "due", G_CALLBACK (due_cb), fixture);
  g_signal_connect (fixture->scheduler, "digest", G_CALLBACK (digest_cb), fixture);
}

static void
start_scheduler (Fixture *fixture)
{
  make_scheduler (fixture, FALSE);
  rapport_scheduler_start (fixture->scheduler);
}

static void
drop_scheduler (Fixture *fixture)
{
  if (fixture->scheduler == NULL)
    return;

  rapport_scheduler_stop (fixture->scheduler);
  g_assert_finalize_object (g_steal_pointer (&fixture->scheduler));
}

static void
close_store (Fixture *fixture)
{
  drop_scheduler (fixture);
  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
}

/* The next start of the app: a new store on a newly opened connection. */
static void
reopen_store (Fixture *fixture)
{
  close_store (fixture);
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_tmp_dir ("scheduler");
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->log = g_string_new (NULL);
  fixture->now = T0;

  open_store (fixture, RAPPORT_DATABASE_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (fixture);

  g_assert_true (rapport_test_remove_tree (fixture->dir));

  g_string_free (fixture->log, TRUE);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
add_reminder (Fixture    *fixture,
              const char *title,
              gint64      due_at,
              const char *rrule)
{
  g_autoptr(RapportReminder) reminder = rapport_reminder_new (title, due_at);
  g_autoptr(GError) error = NULL;

  rapport_reminder_set_tz (reminder, "America/Denver");
  if (rrule != NULL)
    rapport_reminder_set_rrule (reminder, rrule);

  g_assert_true (rapport_store_add_reminder (fixture->store, reminder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_reminder_get_id (reminder), >, 0);

  return rapport_reminder_get_id (reminder);
}

static RapportReminder *
find (Fixture *fixture,
      gint64   id)
{
  RapportReminder *reminder = rapport_store_find_reminder (fixture->store, id);

  g_assert_nonnull (reminder);

  return reminder;
}

/* Runs what the timer would run, at the fake time `at`. */
static void
run_at (Fixture *fixture,
        gint64   at)
{
  fixture->now = at;
  rapport_scheduler_run_due (fixture->scheduler);
}

static void
assert_wakeup (Fixture *fixture,
               gint64   expected)
{
  /* Re-arming on a change happens in an idle: let it run first, as the app's main loop would. */
  rapport_test_iterate ();
  g_assert_cmpint (rapport_scheduler_get_next_wakeup (fixture->scheduler), ==, expected);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 later = add_reminder (fixture, "Send the follow-up email", T0 + 300, NULL);
  gint64 first = add_reminder (fixture, "Call the badge office", T0 + 100, NULL);
  gint64 same_time = add_reminder (fixture, "Text Ada", T0 + 100, NULL);
  g_autofree char *expected = NULL;

  start_scheduler (fixture);
  assert_log (fixture, "");
  assert_wakeup (fixture, T0 + 100);

  /* Not a second early. */
  run_at (fixture, T0 + 99);
  assert_log (fixture, "");
  assert_wakeup (fixture, T0 + 100);

  run_at (fixture, T0 + 100);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT ", due %" G_GINT64_FORMAT, first, same_time);
  assert_log (fixture, expected);
  g_clear_pointer (&expected, g_free);
  assert_wakeup (fixture, T0 + 300);

  /* Due a little late (the machine was busy): still delivered, once. */
  run_at (fixture, T0 + 301);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, later);
  assert_log (fixture, expected);
  assert_wakeup (fixture, 0);

  /* Same time, added in the other order: the id decides, not the model's order. */
  run_at (fixture, T0 + 400);
  assert_log (fixture, "");

  /* Several times at once (the machine slept through them): earliest first. */
  later = add_reminder (fixture, "Latest", T0 + 1000, NULL);
  first = add_reminder (fixture, "Earliest", T0 + 800, NULL);
  same_time = add_reminder (fixture, "Between", T0 + 900, NULL);
  run_at (fixture, T0 + 1200);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT ", due %" G_GINT64_FORMAT ", due %"
                              G_GINT64_FORMAT, first, same_time, later);
  assert_log (fixture, expected);
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);
}

static void
test_follows_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(RapportReminder) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  start_scheduler (fixture);
  assert_wakeup (fixture, 0);

  /* Add */
  a = add_reminder (fixture, "Peer-support group", T0 + 500, NULL);
  assert_wakeup (fixture, T0 + 500);
  b = add_reminder (fixture, "Return the parking pass", T0 + 200, NULL);
  assert_wakeup (fixture, T0 + 200);

  /* Edit: a moves before b, then after it again */
  changes = rapport_reminder_dup (find (fixture, a));
  rapport_reminder_set_due_at (changes, T0 + 100);
  g_assert_true (rapport_store_update_reminder (fixture->store, changes, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, T0 + 100);

  /* Read straight after a change, without the idle: the answer is already the new one. */
  rapport_reminder_set_due_at (changes, T0 + 900);
  g_assert_true (rapport_store_update_reminder (fixture->store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_scheduler_get_next_wakeup (fixture->scheduler), ==, T0 + 200);

  /* Snooze b past a */
  g_assert_true (rapport_store_snooze_reminder (fixture->store, b, T0 + 1000, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, T0 + 900);

  /* Complete a (a one-off): only the snoozed b is left */
  g_assert_true (rapport_store_complete_reminder (fixture->store, a, T0 + 10, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, T0 + 1000);

  /* Delete b, then undo */
  g_assert_true (rapport_store_delete_reminder (fixture->store, b, &undo, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, 0);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, T0 + 1000);

  /* Stopped: no timer, and changes do not arm one. */
  rapport_scheduler_stop (fixture->scheduler);
  assert_wakeup (fixture, 0);
  add_reminder (fixture, "Badge photo", T0 + 50, NULL);
  assert_wakeup (fixture, 0);

  rapport_scheduler_start (fixture->scheduler);
  assert_wakeup (fixture, T0 + 50);
  assert_log (fixture, "");
}

static void
test_once (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *expected = NULL;
  gint64 id = add_reminder (fixture, "Send the follow-up email", T0 + MINUTE, NULL);

  start_scheduler (fixture);
  run_at (fixture, T0 + MINUTE);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);
  assert_log (fixture, expected);
  g_assert_cmpint (rapport_reminder_get_notified_at (find (fixture, id)), ==, T0 + MINUTE);
  assert_wakeup (fixture, 0);

  run_at (fixture, T0 + MINUTE);
  run_at (fixture, T0 + 2 * MINUTE);
  assert_log (fixture, "");

  /* A restart at the same moment: already notified, so not again. */
  reopen_store (fixture);
  g_assert_cmpint (rapport_reminder_get_notified_at (find (fixture, id)), ==, T0 + MINUTE);
  start_scheduler (fixture);
  assert_log (fixture, "");
  assert_wakeup (fixture, 0);
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 id = add_reminder (fixture, "Call the recruiter", T0 + MINUTE, NULL);

  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);

  start_scheduler (fixture);
  run_at (fixture, T0 + MINUTE);
  assert_log (fixture, expected);

  g_assert_true (rapport_store_snooze_reminder (fixture->store, id, T0 + 10 * MINUTE, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, T0 + 10 * MINUTE);

  run_at (fixture, T0 + 9 * MINUTE);
  assert_log (fixture, "");

  run_at (fixture, T0 + 10 * MINUTE);
  assert_log (fixture, expected);
  g_assert_cmpint (rapport_reminder_get_notified_at (find (fixture, id)), ==, T0 + 10 * MINUTE);
  assert_wakeup (fixture, 0);

  /* Snoozed again after a restart: the new time is pending, the old one stays delivered. */
  g_assert_true (rapport_store_snooze_reminder (fixture->store, id, T0 + 30 * MINUTE, &error));
  g_assert_no_error (error);
  reopen_store (fixture);
  start_scheduler (fixture);
  assert_log (fixture, "");
  assert_wakeup (fixture, T0 + 30 * MINUTE);
  run_at (fixture, T0 + 30 * MINUTE);
  assert_log (fixture, expected);
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);
}

/* What fell due while Rapport was closed arrives at start: up to three one by one, more as one
 * digest. Every one of them is recorded as notified either way. */
static void
test_missed (Fixture       *fixture,
             gconstpointer  data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *log = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 future;

  /* Added newest first, so the delivery order is not just the model's. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Missed %u", i);
      gint64 id = add_reminder (fixture, title, T0 - DAY - (gint64) i * HOUR, NULL);

      g_array_append_val (ids, id);
    }
  future = add_reminder (fixture, "Later", T0 + HOUR, NULL);

  /* Closed for a day: the clock moves on with nothing running. */
  reopen_store (fixture);
  start_scheduler (fixture);

  if (n > RAPPORT_SCHEDULER_DIGEST_THRESHOLD)
    g_string_append_printf (expected, "digest %u", n);
  else
    for (guint i = n; i > 0; i--)
      g_string_append_printf (expected, "%sdue %" G_GINT64_FORMAT, i < n ? ", " : "",
                              g_array_index (ids, gint64, i - 1));

  log = take_log (fixture);
  g_assert_cmpstr (log, ==, expected->str);

  for (guint i = 0; i < n; i++)
    {
      RapportReminder *reminder = find (fixture, g_array_index (ids, gint64, i));

      g_assert_cmpint (rapport_reminder_get_notified_at (reminder), ==,
                       rapport_reminder_get_remind_at (reminder));
    }
  g_assert_cmpint (rapport_reminder_get_notified_at (find (fixture, future)), ==, 0);
  assert_wakeup (fixture, T0 + HOUR);

  /* Delivered means delivered: not again after another restart. */
  reopen_store (fixture);
  start_scheduler (fixture);
  assert_log (fixture, "");
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);
}

static void
test_quiet_hours (Fixture       *fixture,
                  gconstpointer  data)
{
  RapportScheduler *scheduler;
  g_autofree char *expected = NULL;
  gint64 late, early, lunch, spring;

  start_scheduler (fixture);
  scheduler = fixture->scheduler;

  /* 22:00–07:00, spanning midnight */
  rapport_scheduler_set_quiet_hours (scheduler, TRUE, 22 * 60, 7 * 60);
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 5, 21, 59)));
  g_assert_true (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 5, 22, 0)));
  g_assert_true (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 6, 0, 30)));
  g_assert_true (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 6, 6, 59)));
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 6, 7, 0)));
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, T0));

  late = add_reminder (fixture, "Late one", local_time (2024, 3, 5, 23, 0), NULL);
  assert_wakeup (fixture, local_time (2024, 3, 6, 7, 0));

  run_at (fixture, local_time (2024, 3, 5, 23, 0));
  assert_log (fixture, "");
  assert_wakeup (fixture, local_time (2024, 3, 6, 7, 0));

  /* After midnight, still quiet: the end is the same morning, not the next. */
  run_at (fixture, local_time (2024, 3, 6, 3, 0));
  assert_log (fixture, "");
  assert_wakeup (fixture, local_time (2024, 3, 6, 7, 0));

  run_at (fixture, local_time (2024, 3, 6, 7, 0));
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, late);
  assert_log (fixture, expected);
  g_clear_pointer (&expected, g_free);
  assert_wakeup (fixture, 0);

  /* Due before the quiet hours, but the app only starts in them: waits for their end, without
   * waking up in between. */
  early = add_reminder (fixture, "Early one", local_time (2024, 3, 6, 21, 0), NULL);
  run_at (fixture, local_time (2024, 3, 6, 23, 30));
  assert_log (fixture, "");
  assert_wakeup (fixture, local_time (2024, 3, 7, 7, 0));

  /* Disabled: delivered at once; start == end is disabled too. */
  rapport_scheduler_set_quiet_hours (scheduler, FALSE, 22 * 60, 7 * 60);
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 6, 23, 30)));
  assert_wakeup (fixture, local_time (2024, 3, 6, 23, 30));
  rapport_scheduler_set_quiet_hours (scheduler, TRUE, 8 * 60, 8 * 60);
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 6, 8, 0)));
  run_at (fixture, local_time (2024, 3, 6, 23, 30));
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, early);
  assert_log (fixture, expected);
  g_clear_pointer (&expected, g_free);

  /* A same-day window: 12:00–13:00 */
  rapport_scheduler_set_quiet_hours (scheduler, TRUE, 12 * 60, 13 * 60);
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 8, 11, 59)));
  g_assert_true (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 8, 12, 0)));
  g_assert_true (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 8, 12, 59)));
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 8, 13, 0)));
  g_assert_false (rapport_scheduler_in_quiet_hours (scheduler, local_time (2024, 3, 8, 23, 0)));
  lunch = add_reminder (fixture, "Lunch", local_time (2024, 3, 8, 12, 30), NULL);
  assert_wakeup (fixture, local_time (2024, 3, 8, 13, 0));

  /* The end of the night the clocks spring forward (2024-03-10, 02:00 → 03:00 in Denver) is
   * 07:00 on the clock, which is one hour less after 23:00 than on other nights. */
  rapport_scheduler_set_quiet_hours (scheduler, TRUE, 22 * 60, 7 * 60);
  run_at (fixture, local_time (2024, 3, 8, 13, 0));
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, lunch);
  assert_log (fixture, expected);
  g_clear_pointer (&expected, g_free);
  spring = add_reminder (fixture, "Spring", local_time (2024, 3, 9, 23, 0), NULL);
  assert_wakeup (fixture, local_time (2024, 3, 10, 7, 0));
  g_assert_cmpint (local_time (2024, 3, 10, 7, 0) - local_time (2024, 3, 9, 23, 0), ==, 7 * HOUR);
  run_at (fixture, local_time (2024, 3, 10, 7, 0) - 1);
  assert_log (fixture, "");
  run_at (fixture, local_time (2024, 3, 10, 7, 0));
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, spring);
  assert_log (fixture, expected);
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);
}

static void
test_repeating (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 morning = local_time (2024, 3, 5, 9, 0);
  gint64 id;

  fixture->now = morning - HOUR;
  id = add_reminder (fixture, "Stand-up notes", morning, "FREQ=DAILY");
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);

  start_scheduler (fixture);
  assert_wakeup (fixture, morning);

  run_at (fixture, morning);
  assert_log (fixture, expected);
  /* Notified and not done yet: nothing more to wake up for until it is. */
  assert_wakeup (fixture, 0);

  g_assert_true (rapport_store_complete_reminder (fixture->store, id, morning + 30 * MINUTE,
                                                  &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, local_time (2024, 3, 6, 9, 0));

  run_at (fixture, local_time (2024, 3, 6, 9, 0));
  assert_log (fixture, expected);
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);
}

static void
test_nothing_pending (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 id;

  /* Not started: nothing armed. */
  make_scheduler (fixture, FALSE);
  assert_wakeup (fixture, 0);
  id = add_reminder (fixture, "Not yet", T0 + HOUR, NULL);
  assert_wakeup (fixture, 0);
  drop_scheduler (fixture);

  reopen_store (fixture);
  start_scheduler (fixture);
  assert_wakeup (fixture, T0 + HOUR);

  /* Done ones and notified ones need nothing. */
  g_assert_true (rapport_store_complete_reminder (fixture->store, id, T0, &error));
  g_assert_no_error (error);
  assert_wakeup (fixture, 0);

  id = add_reminder (fixture, "Delivered", T0 + MINUTE, NULL);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);
  run_at (fixture, T0 + MINUTE);
  assert_log (fixture, expected);
  assert_wakeup (fixture, 0);
  run_at (fixture, T0 + DAY);
  assert_log (fixture, "");
  assert_wakeup (fixture, 0);
}

/* When the notified time cannot be written, nothing is shown for that reminder (it would come
 * again at the next start), and it is retried a minute later rather than in a loop. */
static void
test_mark_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 id;

  /* The warning is what is tested: in a child, where it is not fatal, and its output checked. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*Could not record reminder 1 as notified*");
      g_test_trap_assert_stderr_unmatched ("*Private title*");
      return;
    }
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  id = add_reminder (fixture, "Private title", T0 + MINUTE, NULL);
  start_scheduler (fixture);
  g_assert_true (rapport_database_exec (fixture->database,
                                        "CREATE TEMP TRIGGER fail_notified BEFORE UPDATE ON"
                                        " reminder BEGIN SELECT RAISE (ABORT, 'disk full');"
                                        " END", &error));
  g_assert_no_error (error);

  run_at (fixture, T0 + MINUTE);
  assert_log (fixture, "");
  g_assert_cmpint (rapport_reminder_get_notified_at (find (fixture, id)), ==, 0);
  assert_wakeup (fixture, T0 + 2 * MINUTE);

  g_assert_true (rapport_database_exec (fixture->database, "DROP TRIGGER fail_notified", &error));
  g_assert_no_error (error);
  run_at (fixture, T0 + 2 * MINUTE);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);
  assert_log (fixture, expected);
  assert_wakeup (fixture, 0);
}

/* 20,000 reminders (a long career): how long one recomputation takes, and that a burst of changes
 * costs one. */
static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 start, elapsed;
  guint n = 20000;

  sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                         " WHERE i < %u) INSERT INTO reminder (title, due_at, tz, created_at)"
                         " SELECT 'Reminder ' || i, %" G_GINT64_FORMAT " + i * 60, 'UTC', %"
                         G_GINT64_FORMAT " FROM n", n, T0 + HOUR, T0);
  g_assert_true (rapport_database_exec (fixture->database, sql, &error));
  g_assert_no_error (error);
  reopen_store (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_store_get_reminders (fixture->store)), ==, n);

  start = g_get_monotonic_time ();
  start_scheduler (fixture);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("start with %u reminders: %.1f ms", n, elapsed / 1000.0);
  assert_wakeup (fixture, T0 + HOUR + 60);

  start = g_get_monotonic_time ();
  add_reminder (fixture, "Sooner", T0 + HOUR, NULL);
  g_assert_cmpint (rapport_scheduler_get_next_wakeup (fixture->scheduler), ==, T0 + HOUR);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("one change and its recomputation: %.1f ms", elapsed / 1000.0);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 200; i++)
    add_reminder (fixture, "Burst", T0 + 2 * HOUR + i, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("200 changes: %.1f ms", elapsed / 1000.0);

  start = g_get_monotonic_time ();
  assert_wakeup (fixture, T0 + HOUR);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("their one recomputation: %.1f ms", elapsed / 1000.0);

  start = g_get_monotonic_time ();
  run_at (fixture, T0 + HOUR + 5 * 60);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("delivering 6 of %u: %.1f ms", n + 201, elapsed / 1000.0);
  assert_log (fixture, "digest 6");
  assert_wakeup (fixture, T0 + HOUR + 6 * 60);
}

static gboolean
guard_timeout_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  g_main_loop_quit (fixture->loop);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  guint n_timers;
  guint n_armed;
  char *flags;  /* "settime flags" of the last armed one */
} TimerState;

/* The process's timerfds as the kernel sees them (Linux's /proc), so the test checks the real
 * timer without the scheduler exposing it. */
static void
read_timer_state (TimerState *state)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_clear_pointer (&state->flags, g_free);
  state->n_timers = 0;
  state->n_armed = 0;
  g_assert_nonnull (dir);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link_path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *info_path = g_build_filename ("/proc/self/fdinfo", name, NULL);
      g_autofree char *target = g_file_read_link (link_path, NULL);
      g_autofree char *info = NULL;
      g_auto(GStrv) lines = NULL;
      gboolean armed = FALSE;
      const char *flags = NULL;

      if (g_strcmp0 (target, "anon_inode:[timerfd]") != 0
          || !g_file_get_contents (info_path, &info, NULL, NULL))
        continue;

      state->n_timers++;
      lines = g_strsplit (info, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "it_value:"))
            armed = strstr (lines[i], "(0, 0)") == NULL;
          else if (g_str_has_prefix (lines[i], "settime flags:"))
            flags = lines[i] + strlen ("settime flags:");
        }

      if (armed)
        {
          state->n_armed++;
          g_free (state->flags);
          state->flags = g_strstrip (g_strdup (flags != NULL ? flags : ""));
        }
    }
}

/* Waits on the real timer for the next "due"; the moment it arrived, 0 if it did not in 5 s. */
static gint64
wait_for_due (Fixture *fixture)
{
  guint guard;

  fixture->due_received_at = 0;
  fixture->loop = g_main_loop_new (NULL, FALSE);
  guard = g_timeout_add_seconds (5, guard_timeout_cb, fixture);
  g_main_loop_run (fixture->loop);
  g_clear_handle_id (&guard, g_source_remove);
  g_clear_pointer (&fixture->loop, g_main_loop_unref);

  return fixture->due_received_at;
}

static void
test_real_timer (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 due_at = g_get_real_time () / G_USEC_PER_SEC + 2;
  gint64 received, id;
  g_autofree char *expected = NULL;
  TimerState timers = { 0, };

  id = add_reminder (fixture, "Two seconds from now", due_at, NULL);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);

  read_timer_state (&timers);
  g_assert_cmpuint (timers.n_timers, ==, 0);

  make_scheduler (fixture, TRUE);
  rapport_scheduler_start (fixture->scheduler);
  assert_log (fixture, "");
  g_assert_cmpint (rapport_scheduler_get_next_wakeup (fixture->scheduler), ==, due_at);

  /* One timer, armed absolute (1) and cancelled when the clock is set (2). */
  read_timer_state (&timers);
  g_assert_cmpuint (timers.n_timers, ==, 1);
  g_assert_cmpuint (timers.n_armed, ==, 1);
  g_assert_cmpstr (timers.flags, ==, "03");

  received = wait_for_due (fixture);
  g_assert_cmpint (received, !=, 0);
  g_test_message ("delivered %.1f ms after its time",
                  (received - due_at * G_USEC_PER_SEC) / 1000.0);
  g_assert_cmpint (received, >=, due_at * G_USEC_PER_SEC);
  g_assert_cmpint (received, <=, (due_at + 1) * G_USEC_PER_SEC);
  assert_log (fixture, expected);

  /* Nothing pending: the timer is disarmed. */
  g_assert_cmpint (rapport_scheduler_get_next_wakeup (fixture->scheduler), ==, 0);
  read_timer_state (&timers);
  g_assert_cmpuint (timers.n_timers, ==, 1);
  g_assert_cmpuint (timers.n_armed, ==, 0);

  /* A reminder added while running re-arms it: one already past its time comes at once. */
  due_at = g_get_real_time () / G_USEC_PER_SEC - 10;
  id = add_reminder (fixture, "Overdue when added", due_at, NULL);
  received = wait_for_due (fixture);
  g_assert_cmpint (received, !=, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("due %" G_GINT64_FORMAT, id);
  assert_log (fixture, expected);
  g_assert_cmpint (rapport_scheduler_get_next_wakeup (fixture->scheduler), ==, 0);
  g_assert_cmpuint (fixture->n_unmarked, ==, 0);

  /* Stopped: no timer left at all. */
  add_reminder (fixture, "After stopping", due_at + DAY, NULL);
  rapport_scheduler_stop (fixture->scheduler);
  read_timer_state (&timers);
  g_assert_cmpuint (timers.n_timers, ==, 0);
  g_clear_pointer (&timers.flags, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("order", test_order);
  ADD_TEST ("follows-changes", test_follows_changes);
  ADD_TEST ("once", test_once);
  ADD_TEST ("snooze", test_snooze);
  g_test_add ("/rapport/scheduler/missed/3", Fixture, GUINT_TO_POINTER (3), fixture_set_up,
              test_missed, fixture_tear_down);
  g_test_add ("/rapport/scheduler/missed/4", Fixture, GUINT_TO_POINTER (4), fixture_set_up,
              test_missed, fixture_tear_down);
  g_test_add ("/rapport/scheduler/missed/5", Fixture, GUINT_TO_POINTER (5), fixture_set_up,
              test_missed, fixture_tear_down);
  ADD_TEST ("quiet-hours", test_quiet_hours);
  ADD_TEST ("repeating", test_repeating);
  ADD_TEST ("nothing-pending", test_nothing_pending);
  ADD_TEST ("mark-fails", test_mark_fails);
  ADD_TEST ("many", test_many);
  ADD_TEST ("real-timer", test_real_timer);

#undef ADD_TEST

  return g_test_run ();
}
