/* test-snapshot.c
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
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "rapport-snapshot.h"
#include "rapport-test-utils.h"

/* Every test gets a data folder of its own holding a journal (rapport.db) keyed with fixed key
 * 0, with the colleagues it names in it. */

typedef struct
{
  char   *dir;
  char   *journal;
  char   *folder;
  guint8  key[RAPPORT_DATABASE_KEY_SIZE];
} Fixture;

/* Helpers */

static void
add_colleagues (Fixture            *fixture,
                const char * const *names)
{
  g_autoptr(RapportDatabase) database = NULL;
  RapportStore *store;

  store = rapport_test_open_store (fixture->journal, fixture->key,
                                   g_file_test (fixture->journal, G_FILE_TEST_EXISTS)
                                     ? RAPPORT_DATABASE_OPEN_EXISTING
                                     : RAPPORT_DATABASE_OPEN_CREATE,
                                   &database);
  g_assert_nonnull (store);
  if (store == NULL)
    return;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    rapport_test_add_colleague (store, "name", names[i], NULL);

  rapport_test_close_store (store, g_steal_pointer (&database));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const names[] = { "Dana Whitfield", "Ravi Menon", "Ines Carvalho", NULL };

  fixture->dir = rapport_test_make_tmp_dir ("snapshot");
  fixture->journal = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "snapshots", NULL);
  rapport_test_fixed_key (fixture->key, 0);

  add_colleagues (fixture, names);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->folder, 0700);
  g_assert_true (rapport_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
  g_free (fixture->journal);
  g_free (fixture->folder);
}

/* The names of the colleagues in the journal file at path, opened through a copy so that the
 * file itself is never touched; NULL when it does not open with key. */
static char *
read_names (Fixture      *fixture,
            const char   *path,
            const guint8 *key)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "read-copy.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  GListModel *colleagues;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL) ||
      !g_file_set_contents (copy, contents, length, NULL))
    return NULL;

  database = rapport_database_open (copy, key, RAPPORT_DATABASE_OPEN_EXISTING, NULL);
  if (database == NULL || !rapport_database_check_integrity (database, NULL))
    {
      g_clear_object (&database);
      g_unlink (copy);
      return NULL;
    }

  store = rapport_store_new (database, NULL);
  if (store != NULL)
    {
      colleagues = rapport_store_get_colleagues (store);
      for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
        {
          g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                                  rapport_colleague_get_name (colleague));
        }
    }

  g_clear_object (&store);
  rapport_database_close (database);
  g_clear_object (&database);
  g_unlink (copy);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GDateTime *
denver_time (int year,
             int month,
             int day,
             int hour,
             int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static void
set_mtime (const char *path,
           GDateTime  *time)
{
  struct utimbuf times;

  times.actime = g_date_time_to_unix (time);
  times.modtime = g_date_time_to_unix (time);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static guint
count_snapshots (Fixture *fixture)
{
  g_autoptr(GPtrArray) snapshots = rapport_snapshot_list (fixture->journal, NULL);

  g_assert_nonnull (snapshots);
  return snapshots != NULL ? snapshots->len : 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Nothing but what is named: no temporary file, no half-written snapshot. */
static void
assert_folder_holds (const char         *folder,
                     const char * const *expected)
{
  g_auto(GStrv) names = rapport_test_list_folder (folder);
  g_autofree char *joined = NULL;

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  joined = g_strjoinv (" ", names);
  g_autofree char *wanted = g_strjoinv (" ", (char **) expected);

  g_assert_cmpstr (joined, ==, wanted);
}

static RapportSnapshot *
take_at (Fixture              *fixture,
         RapportSnapshotReason reason,
         GDateTime            *now)
{
  g_autoptr(GError) error = NULL;
  RapportSnapshot *snapshot;

  snapshot = rapport_snapshot_take_file (fixture->journal, reason, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

/* Tests */

static void
test_take_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportSnapshot) snapshot = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 16, 30, 12);
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *journal_sum = rapport_test_checksum_file (fixture->journal);
  g_autofree char *snapshot_sum = NULL;
  g_autofree char *names = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;

  snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, now);
  if (snapshot == NULL)
    return;

  name = g_path_get_basename (rapport_snapshot_get_path (snapshot));
  g_assert_cmpstr (name, ==, "2026-11-23T163012Z-daily.rapport-snapshot");
  g_assert_true (g_date_time_equal (rapport_snapshot_get_time (snapshot), now));
  g_assert_cmpint (rapport_snapshot_get_reason (snapshot), ==, RAPPORT_SNAPSHOT_REASON_DAILY);

  /* The very bytes of the journal: still encrypted, nothing decrypted on the way. */
  snapshot_sum = rapport_test_checksum_file (rapport_snapshot_get_path (snapshot));
  g_assert_cmpstr (snapshot_sum, ==, journal_sum);
  g_assert_cmpint (g_stat (fixture->journal, &st), ==, 0);
  g_assert_cmpuint (rapport_snapshot_get_size (snapshot), ==, st.st_size);

  g_assert_cmpint (g_stat (rapport_snapshot_get_path (snapshot), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (fixture->folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* It opens with the journal's key, and with no other. */
  names = read_names (fixture, rapport_snapshot_get_path (snapshot), fixture->key);
  g_assert_cmpstr (names, ==, "Dana Whitfield, Ravi Menon, Ines Carvalho");
  {
    guint8 other_key[RAPPORT_DATABASE_KEY_SIZE];
    g_autofree char *other = NULL;

    rapport_test_fixed_key (other_key, 1);
    other = read_names (fixture, rapport_snapshot_get_path (snapshot), other_key);
    g_assert_null (other);
  }

  snapshots = rapport_snapshot_list (fixture->journal, NULL);
  g_assert_cmpuint (snapshots->len, ==, 1);
  g_assert_cmpstr (rapport_snapshot_get_path (g_ptr_array_index (snapshots, 0)), ==,
                   rapport_snapshot_get_path (snapshot));

  /* No journal, no snapshot. */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
    g_autoptr(RapportSnapshot) none = NULL;
    g_autoptr(GError) error = NULL;

    none = rapport_snapshot_take_file (missing, RAPPORT_SNAPSHOT_REASON_MIGRATION, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NOT_FOUND);
  }

  g_assert_finalize_object (g_steal_pointer (&snapshot));
}

static void
test_take_open (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportDatabase) worker = NULL;
  g_autoptr(RapportSnapshot) snapshot = NULL;
  g_autoptr(RapportSnapshot) busy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_sum = NULL;
  g_autofree char *snapshot_sum = NULL;
  g_autofree char *names = NULL;
  RapportStore *store;

  store = rapport_test_open_store (fixture->journal, fixture->key,
                                   RAPPORT_DATABASE_OPEN_EXISTING, &database);
  g_assert_nonnull (store);
  if (store == NULL)
    return;
  rapport_test_add_colleague (store, "name", "Mei Tanaka", NULL);

  worker = rapport_database_open_another (database, &error);
  g_assert_no_error (error);

  snapshot = rapport_snapshot_take (worker, RAPPORT_SNAPSHOT_REASON_DAILY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  journal_sum = rapport_test_checksum_file (fixture->journal);
  snapshot_sum = rapport_test_checksum_file (rapport_snapshot_get_path (snapshot));
  g_assert_cmpstr (snapshot_sum, ==, journal_sum);

  /* The lock is released: the store writes again. */
  rapport_test_add_colleague (store, "name", "Sam Okafor", NULL);

  names = read_names (fixture, rapport_snapshot_get_path (snapshot), fixture->key);
  g_assert_cmpstr (names, ==, "Dana Whitfield, Ravi Menon, Ines Carvalho, Mei Tanaka");

  /* A writer in the middle of a change: no copy of a half-written file, after the busy wait. */
  g_assert_true (rapport_database_begin (database, &error));
  g_assert_no_error (error);
  busy = rapport_snapshot_take (worker, RAPPORT_SNAPSHOT_REASON_DAILY, NULL, &error);
  g_assert_null (busy);
  g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_BUSY);
  rapport_database_rollback (database);
  g_assert_cmpuint (count_snapshots (fixture), ==, 1);

  rapport_database_close (worker);
  rapport_test_close_store (store, g_steal_pointer (&database));
}

static void
test_prune (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *foreign = g_build_filename (fixture->folder, "notes.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (foreign, "kept", -1, NULL));

  for (guint day = 1; day <= 9; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, day, 12, 0, 0);
      g_autoptr(RapportSnapshot) snapshot = NULL;

      snapshot = take_at (fixture, day % 3 == 0 ? RAPPORT_SNAPSHOT_REASON_MIGRATION
                                                : RAPPORT_SNAPSHOT_REASON_DAILY,
                          now);
    }

  snapshots = rapport_snapshot_list (fixture->journal, NULL);
  g_assert_cmpuint (snapshots->len, ==, RAPPORT_SNAPSHOT_KEEP);
  for (guint i = 0; i < snapshots->len; i++)
    {
      RapportSnapshot *snapshot = g_ptr_array_index (snapshots, i);
      GDateTime *time = rapport_snapshot_get_time (snapshot);
      guint day = 9 - i;

      g_assert_cmpint (g_date_time_get_day_of_month (time), ==, day);
      g_assert_cmpint (rapport_snapshot_get_reason (snapshot), ==,
                       day % 3 == 0 ? RAPPORT_SNAPSHOT_REASON_MIGRATION
                                    : RAPPORT_SNAPSHOT_REASON_DAILY);
    }

  /* Days 1 and 2 are gone, files that are not snapshots are not. */
  {
    const char * const expected[] = {
      "2026-11-03T120000Z-migration.rapport-snapshot",
      "2026-11-04T120000Z-daily.rapport-snapshot",
      "2026-11-05T120000Z-daily.rapport-snapshot",
      "2026-11-06T120000Z-migration.rapport-snapshot",
      "2026-11-07T120000Z-daily.rapport-snapshot",
      "2026-11-08T120000Z-daily.rapport-snapshot",
      "2026-11-09T120000Z-migration.rapport-snapshot",
      "notes.txt",
      NULL
    };

    assert_folder_holds (fixture->folder, expected);
  }

  /* Pruning to fewer. */
  g_assert_true (rapport_snapshot_prune (fixture->journal, 2, NULL));
  g_clear_pointer (&snapshots, g_ptr_array_unref);
  snapshots = rapport_snapshot_list (fixture->journal, NULL);
  g_assert_cmpuint (snapshots->len, ==, 2);
  {
    RapportSnapshot *oldest = g_ptr_array_index (snapshots, 1);

    g_assert_cmpint (g_date_time_get_day_of_month (rapport_snapshot_get_time (oldest)), ==, 8);
  }
}

static void
test_same_second (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 9, 30, 0);
  g_autoptr(RapportSnapshot) first = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, now);
  g_autoptr(RapportSnapshot) second = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;

  add_colleagues (fixture, (const char * const[]) { "Mei Tanaka", NULL });
  second = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, now);

  /* Neither replaces the other; the later one lists first. */
  g_assert_cmpstr (rapport_snapshot_get_path (first), !=, rapport_snapshot_get_path (second));
  snapshots = rapport_snapshot_list (fixture->journal, NULL);
  g_assert_cmpuint (snapshots->len, ==, 2);
  g_assert_cmpstr (rapport_snapshot_get_path (g_ptr_array_index (snapshots, 0)), ==,
                   rapport_snapshot_get_path (second));
}

static void
test_daily_due (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) morning = denver_time (2026, 11, 20, 9, 30);
  g_autoptr(GDateTime) before = denver_time (2026, 11, 20, 8, 0);
  g_autoptr(GDateTime) after = denver_time (2026, 11, 20, 10, 0);
  g_autoptr(GDateTime) evening = denver_time (2026, 11, 20, 22, 0);
  g_autoptr(GDateTime) next_day = denver_time (2026, 11, 21, 7, 0);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autoptr(RapportSnapshot) snapshot = NULL;

  g_assert_false (rapport_snapshot_is_daily_due (missing, next_day));

  /* None yet. */
  g_assert_true (rapport_snapshot_is_daily_due (fixture->journal, morning));

  set_mtime (fixture->journal, before);
  snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, morning);

  /* Same day: not even a change makes a second one. */
  g_assert_false (rapport_snapshot_is_daily_due (fixture->journal, evening));
  set_mtime (fixture->journal, after);
  g_assert_false (rapport_snapshot_is_daily_due (fixture->journal, evening));

  /* Next day: only when the journal changed since. */
  g_assert_true (rapport_snapshot_is_daily_due (fixture->journal, next_day));
  set_mtime (fixture->journal, before);
  g_assert_false (rapport_snapshot_is_daily_due (fixture->journal, next_day));

  /* A late snapshot is on the next day in UTC but on the same local day. */
  g_clear_object (&snapshot);
  {
    g_autoptr(GDateTime) late = denver_time (2026, 11, 21, 22, 30);
    g_autoptr(GDateTime) later = denver_time (2026, 11, 21, 23, 30);
    g_autoptr(GDateTime) change = denver_time (2026, 11, 21, 23, 0);

    snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, late);
    set_mtime (fixture->journal, change);
    g_assert_false (rapport_snapshot_is_daily_due (fixture->journal, later));
  }
}

static void
test_unwritable_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *journal_sum = rapport_test_checksum_file (fixture->journal);
  g_autofree char *after_sum = NULL;
  g_autoptr(RapportSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  /* A file where the folder should be. */
  g_assert_true (g_file_set_contents (fixture->folder, "in the way", -1, NULL));
  snapshot = rapport_snapshot_take_file (fixture->journal, RAPPORT_SNAPSHOT_REASON_DAILY, NULL,
                                         &error);
  g_assert_null (snapshot);
  g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_READ_ONLY);
  g_assert_nonnull (error != NULL ? strstr (error->message, "not changed") : NULL);
  g_clear_error (&error);
  {
    const char * const expected[] = { "rapport.db", "snapshots", NULL };

    assert_folder_holds (fixture->dir, expected);
  }
  g_assert_cmpint (g_unlink (fixture->folder), ==, 0);

  /* A folder without write permission (root writes anyway: nothing to see then). */
  g_assert_cmpint (g_mkdir (fixture->folder, 0500), ==, 0);
  if (geteuid () != 0)
    {
      snapshot = rapport_snapshot_take_file (fixture->journal, RAPPORT_SNAPSHOT_REASON_DAILY, NULL,
                                             &error);
      g_assert_null (snapshot);
      g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_READ_ONLY);
      g_clear_error (&error);
      assert_folder_holds (fixture->folder, (const char * const[]) { NULL });
    }

  after_sum = rapport_test_checksum_file (fixture->journal);
  g_assert_cmpstr (after_sum, ==, journal_sum);
}

/* Runs func in a child whose files may not grow beyond limit bytes; the write that would
 * cross it fails with EFBIG. The child's exit status is what func returns. */
static int
run_with_size_limit (rlim_t    limit,
                     int     (*func) (Fixture *fixture,
                                      gpointer data),
                     Fixture  *fixture,
                     gpointer  data)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit rl = { limit, limit };

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
        _exit (90);
      _exit (func (fixture, data));
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static int
take_in_child (Fixture  *fixture,
               gpointer  data)
{
  g_autoptr(GError) error = NULL;
  RapportSnapshot *snapshot;

  snapshot = rapport_snapshot_take_file (fixture->journal, RAPPORT_SNAPSHOT_REASON_DAILY, NULL,
                                         &error);
  if (snapshot != NULL)
    return 1;
  if (!g_error_matches (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FULL))
    return 2;
  if (strstr (error->message, "free some disk space") == NULL)
    return 3;

  return 0;
}

static int
restore_in_child (Fixture  *fixture,
                  gpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (rapport_snapshot_restore (fixture->journal, data, fixture->key, NULL, &error))
    return 1;
  if (!g_error_matches (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FULL))
    return 2;

  return 0;
}

static void
test_file_size_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *journal_sum = rapport_test_checksum_file (fixture->journal);
  g_autofree char *after_sum = NULL;
  g_autoptr(RapportSnapshot) snapshot = NULL;
  g_autofree char *outside = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (fixture->journal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >=, 4 * 1024);

  /* Halfway through the copy, the disk is "full". */
  g_assert_cmpint (run_with_size_limit (st.st_size / 2, take_in_child, fixture, NULL), ==, 0);
  assert_folder_holds (fixture->folder, (const char * const[]) { NULL });
  g_assert_cmpuint (count_snapshots (fixture), ==, 0);
  after_sum = rapport_test_checksum_file (fixture->journal);
  g_assert_cmpstr (after_sum, ==, journal_sum);

  /* The same for a restore: its copy of the snapshot fails halfway. */
  snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, NULL);
  if (snapshot == NULL)
    return;
  outside = g_build_filename (fixture->dir, "saved.rapport-snapshot", NULL);
  g_assert_cmpint (g_rename (rapport_snapshot_get_path (snapshot), outside), ==, 0);
  add_colleagues (fixture, (const char * const[]) { "Mei Tanaka", NULL });
  g_clear_pointer (&journal_sum, g_free);
  journal_sum = rapport_test_checksum_file (fixture->journal);

  g_assert_cmpint (run_with_size_limit (st.st_size / 2, restore_in_child, fixture, outside), ==, 0);
  g_clear_pointer (&after_sum, g_free);
  after_sum = rapport_test_checksum_file (fixture->journal);
  g_assert_cmpstr (after_sum, ==, journal_sum);
  {
    const char * const expected[] = { "rapport.db", "saved.rapport-snapshot", "snapshots", NULL };

    assert_folder_holds (fixture->dir, expected);
    assert_folder_holds (fixture->folder, (const char * const[]) { NULL });
  }
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RapportSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GDateTime) take_time = g_date_time_new_utc (2026, 11, 23, 16, 0, 0);
  g_autoptr(GDateTime) restore_time = g_date_time_new_utc (2026, 11, 23, 18, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *before_names = NULL;
  RapportSnapshot *before;

  snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, take_time);
  if (snapshot == NULL)
    return;
  add_colleagues (fixture, (const char * const[]) { "Mei Tanaka", NULL });

  g_assert_true (rapport_snapshot_restore (fixture->journal, rapport_snapshot_get_path (snapshot),
                                           fixture->key, restore_time, &error));
  g_assert_no_error (error);

  /* The snapshot's journal, with what was added after it gone... */
  names = read_names (fixture, fixture->journal, fixture->key);
  g_assert_cmpstr (names, ==, "Dana Whitfield, Ravi Menon, Ines Carvalho");

  /* ...but kept in the snapshot taken before the restore. */
  snapshots = rapport_snapshot_list (fixture->journal, NULL);
  g_assert_cmpuint (snapshots->len, ==, 2);
  before = g_ptr_array_index (snapshots, 0);
  g_assert_cmpint (rapport_snapshot_get_reason (before), ==,
                   RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE);
  g_assert_true (g_date_time_equal (rapport_snapshot_get_time (before), restore_time));
  before_names = read_names (fixture, rapport_snapshot_get_path (before), fixture->key);
  g_assert_cmpstr (before_names, ==, "Dana Whitfield, Ravi Menon, Ines Carvalho, Mei Tanaka");

  /* Nothing of the restore is left beside the journal. */
  {
    const char * const expected[] = { "rapport.db", "snapshots", NULL };

    assert_folder_holds (fixture->dir, expected);
  }

  /* And it opens as the app opens it. */
  {
    g_autoptr(RapportDatabase) database = NULL;

    database = rapport_database_open (fixture->journal, fixture->key,
                                      RAPPORT_DATABASE_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_assert_nonnull (database);
  }
}

static void
test_restore_no_journal (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RapportSnapshot) snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  if (snapshot == NULL)
    return;
  g_assert_cmpint (g_unlink (fixture->journal), ==, 0);

  g_assert_true (rapport_snapshot_restore (fixture->journal, rapport_snapshot_get_path (snapshot),
                                           fixture->key, NULL, &error));
  g_assert_no_error (error);
  names = read_names (fixture, fixture->journal, fixture->key);
  g_assert_cmpstr (names, ==, "Dana Whitfield, Ravi Menon, Ines Carvalho");
  /* There was nothing to keep. */
  g_assert_cmpuint (count_snapshots (fixture), ==, 1);
}

typedef enum
{
  DAMAGE_TRUNCATE_PARTIAL_PAGE,
  DAMAGE_TRUNCATE_PAGES,
  DAMAGE_FLIP_BYTE,
  DAMAGE_WRONG_KEY,
  DAMAGE_MISSING,
} Damage;

static void
test_restore_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(RapportSnapshot) snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_DAILY, NULL);
  g_autofree char *journal_sum = NULL;
  g_autofree char *after_sum = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  const char *path;
  gsize length = 0;

  if (snapshot == NULL)
    return;
  path = rapport_snapshot_get_path (snapshot);
  memcpy (key, fixture->key, sizeof key);

  /* The journal now differs from the snapshot, so a restore would show. */
  add_colleagues (fixture, (const char * const[]) { "Mei Tanaka", NULL });
  journal_sum = rapport_test_checksum_file (fixture->journal);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 1024);
  switch (damage)
    {
    case DAMAGE_TRUNCATE_PARTIAL_PAGE:
      g_assert_true (g_file_set_contents (path, contents, length - 100, NULL));
      break;

    case DAMAGE_TRUNCATE_PAGES:
      g_assert_true (g_file_set_contents (path, contents, length - 2 * 1024, NULL));
      break;

    case DAMAGE_FLIP_BYTE:
      contents[length / 2 + 17] ^= 0x20;
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      break;

    case DAMAGE_WRONG_KEY:
      rapport_test_fixed_key (key, 1);
      break;

    case DAMAGE_MISSING:
      g_assert_cmpint (g_unlink (path), ==, 0);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_false (rapport_snapshot_restore (fixture->journal, path, key, NULL, &error));
  g_assert_nonnull (error);
  switch (damage)
    {
    case DAMAGE_WRONG_KEY:
      g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_WRONG_KEY);
      break;

    case DAMAGE_MISSING:
      g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NOT_FOUND);
      break;

    default:
      g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_DAMAGED);
      break;
    }
  /* Clear: it names the snapshot by its time and says the journal is as it was. */
  if (error != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (rapport_snapshot_get_time (snapshot));
      g_autofree char *when = g_date_time_format (local, "%-d %B %Y at %H:%M");

      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, when));
      g_assert_nonnull (strstr (error->message, "Your journal was not changed"));
    }

  /* The journal's bytes are as they were, nothing was added beside it, and no snapshot of it
   * was taken for a restore that did not happen. */
  after_sum = rapport_test_checksum_file (fixture->journal);
  g_assert_cmpstr (after_sum, ==, journal_sum);
  {
    const char * const expected[] = { "rapport.db", "snapshots", NULL };

    assert_folder_holds (fixture->dir, expected);
  }
  g_assert_cmpuint (count_snapshots (fixture), ==, damage == DAMAGE_MISSING ? 0 : 1);
}

static void
test_restore_schemas (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (fixture->dir, "old.db", NULL);
  g_autofree char *new_path = g_build_filename (fixture->dir, "new.db", NULL);
  g_autofree char *journal_sum = rapport_test_checksum_file (fixture->journal);
  g_autofree char *after_sum = NULL;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportSnapshot) older = NULL;
  g_autoptr(RapportSnapshot) newer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree RapportMigration *steps = NULL;
  const RapportMigration *migrations;
  guint n_migrations = 0;
  guint latest = rapport_database_get_latest_version ();

  migrations = rapport_database_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 1);

  /* A journal one schema behind... */
  database = rapport_database_open_with_migrations (old_path, fixture->key,
                                                    RAPPORT_DATABASE_OPEN_CREATE,
                                                    migrations, n_migrations - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_database_get_schema_version (database), <, latest);
  g_clear_object (&database);
  older = rapport_snapshot_take_file (old_path, RAPPORT_SNAPSHOT_REASON_MIGRATION, NULL, &error);
  g_assert_no_error (error);

  /* ...and one a newer Rapport made. */
  steps = g_new0 (RapportMigration, n_migrations + 1);
  memcpy (steps, migrations, n_migrations * sizeof *steps);
  steps[n_migrations].version = latest + 1;
  steps[n_migrations].sql = "CREATE TABLE from_the_future (x)";
  database = rapport_database_open_with_migrations (new_path, fixture->key,
                                                    RAPPORT_DATABASE_OPEN_CREATE,
                                                    steps, n_migrations + 1, &error);
  g_assert_no_error (error);
  g_clear_object (&database);
  newer = rapport_snapshot_take_file (new_path, RAPPORT_SNAPSHOT_REASON_MIGRATION, NULL, &error);
  g_assert_no_error (error);
  if (older == NULL || newer == NULL)
    return;

  g_assert_false (rapport_snapshot_restore (fixture->journal, rapport_snapshot_get_path (newer),
                                            fixture->key, NULL, &error));
  g_assert_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);
  after_sum = rapport_test_checksum_file (fixture->journal);
  g_assert_cmpstr (after_sum, ==, journal_sum);

  /* The older one is brought up to date on the way in. */
  g_assert_true (rapport_snapshot_restore (fixture->journal, rapport_snapshot_get_path (older),
                                           fixture->key, NULL, &error));
  g_assert_no_error (error);
  database = rapport_database_open_with_migrations (fixture->journal, fixture->key,
                                                    RAPPORT_DATABASE_OPEN_EXISTING,
                                                    migrations, n_migrations - 1, &error);
  g_assert_null (database);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);
  database = rapport_database_open (fixture->journal, fixture->key,
                                    RAPPORT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (database != NULL ? rapport_database_get_schema_version (database) : 0, ==,
                    latest);
}

/* A crash during a write leaves a rollback journal beside the file; a snapshot carries it, so
 * restoring the snapshot gives back the state before that write. */
static void
test_hot_journal (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *rollback = g_strconcat (fixture->journal, "-journal", NULL);
  g_autofree char *names = NULL;
  g_autoptr(RapportSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  /* A child dies halfway through a change, its pages already written. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(RapportDatabase) database = NULL;

      database = rapport_database_open (fixture->journal, fixture->key,
                                        RAPPORT_DATABASE_OPEN_EXISTING, NULL);
      if (database == NULL ||
          !rapport_database_exec (database, "PRAGMA cache_size = 1", NULL) ||
          !rapport_database_begin (database, NULL) ||
          !rapport_database_exec (database,
                                  "UPDATE colleague SET notes = hex(randomblob(2000));"
                                  "DELETE FROM colleague WHERE name = 'Ravi Menon'",
                                  NULL))
        _exit (1);
      kill (getpid (), SIGKILL);
      _exit (2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_true (g_file_test (rollback, G_FILE_TEST_EXISTS));

  snapshot = take_at (fixture, RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE, NULL);
  if (snapshot == NULL)
    return;
  {
    g_autofree char *companion = g_strconcat (rapport_snapshot_get_path (snapshot), "-journal",
                                              NULL);

    g_assert_true (g_file_test (companion, G_FILE_TEST_EXISTS));
  }

  /* Restored somewhere new, the interrupted change is rolled back. */
  g_assert_cmpint (g_unlink (fixture->journal), ==, 0);
  g_assert_cmpint (g_unlink (rollback), ==, 0);
  g_assert_true (rapport_snapshot_restore (fixture->journal, rapport_snapshot_get_path (snapshot),
                                           fixture->key, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (rollback, G_FILE_TEST_EXISTS));
  names = read_names (fixture, fixture->journal, fixture->key);
  g_assert_cmpstr (names, ==, "Dana Whitfield, Ravi Menon, Ines Carvalho");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(name, func, data) \
  g_test_add ("/rapport/snapshot/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("take-file", test_take_file, NULL);
  ADD ("take-open", test_take_open, NULL);
  ADD ("prune", test_prune, NULL);
  ADD ("same-second", test_same_second, NULL);
  ADD ("daily-due", test_daily_due, NULL);
  ADD ("unwritable-folder", test_unwritable_folder, NULL);
  ADD ("file-size-limit", test_file_size_limit, NULL);
  ADD ("restore", test_restore, NULL);
  ADD ("restore-no-journal", test_restore_no_journal, NULL);
  ADD ("restore-truncated", test_restore_fails, GINT_TO_POINTER (DAMAGE_TRUNCATE_PARTIAL_PAGE));
  ADD ("restore-truncated-pages", test_restore_fails, GINT_TO_POINTER (DAMAGE_TRUNCATE_PAGES));
  ADD ("restore-bit-flipped", test_restore_fails, GINT_TO_POINTER (DAMAGE_FLIP_BYTE));
  ADD ("restore-wrong-key", test_restore_fails, GINT_TO_POINTER (DAMAGE_WRONG_KEY));
  ADD ("restore-missing", test_restore_fails, GINT_TO_POINTER (DAMAGE_MISSING));
  ADD ("restore-schemas", test_restore_schemas, NULL);
  ADD ("hot-journal", test_hot_journal, NULL);

#undef ADD

  return g_test_run ();
}
