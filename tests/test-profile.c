/* test-profile.c
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

#define G_LOG_DOMAIN "rapport-test-profile"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "rapport-keyring.h"
#include "rapport-profile.h"
#include "rapport-snapshot.h"
#include "rapport-recovery-code.h"
#include "rapport-test-utils.h"

/* These run against the real Secret Service on the test session bus. Each case has its own data
 * folder, so its keyring item (keyed by the database path) never meets another case's. */

#define WATCHDOG_SECONDS 20

typedef struct
{
  char         *dir;        /* the temporary folder, removed at the end */
  char         *data_dir;   /* the profile's folder inside it, not created up front */
  char         *db_path;
  GCancellable *cancellable;

  /* Cancels everything when a keyring call would hang (a prompt nobody answers). */
  GThread      *watchdog;
  GMutex        lock;
  GCond         cond;
  gboolean      done;
} Fixture;

static gpointer
watchdog_thread (gpointer data)
{
  Fixture *f = data;
  gint64 end_time = g_get_monotonic_time () + WATCHDOG_SECONDS * G_TIME_SPAN_SECOND;

  g_mutex_lock (&f->lock);
  while (!f->done)
    {
      if (!g_cond_wait_until (&f->cond, &f->lock, end_time))
        break;
    }
  if (!f->done)
    {
      g_printerr ("# watchdog: cancelling after %d s\n", WATCHDOG_SECONDS);
      g_cancellable_cancel (f->cancellable);
    }
  g_mutex_unlock (&f->lock);

  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rapport_test_make_tmp_dir ("profile");
  f->data_dir = g_build_filename (f->dir, "rapport", NULL);
  f->db_path = g_build_filename (f->data_dir, "rapport.db", NULL);
  f->cancellable = g_cancellable_new ();

  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
  f->watchdog = g_thread_new ("watchdog", watchdog_thread, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Cleanup gets a fresh cancellable: it must run even after the watchdog fired. */
  rapport_keyring_clear_key (f->db_path, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&f->lock);
  f->done = TRUE;
  g_cond_signal (&f->cond);
  g_mutex_unlock (&f->lock);
  g_thread_join (f->watchdog);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->cond);

  rapport_test_remove_tree (f->dir);
  g_clear_object (&f->cancellable);
  g_free (f->db_path);
  g_free (f->data_dir);
  g_free (f->dir);
}

/* Names and sizes: a second database or a leftover journal file would show up here. */
static char *
describe_folder (const char *path)
{
  g_auto(GStrv) names = rapport_test_list_folder (path);
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *child = g_build_filename (path, names[i], NULL);
      struct stat st = { 0 };

      g_stat (child, &st);
      g_string_append_printf (lines, "%s%s %lld", i > 0 ? "\n" : "", names[i],
                              (long long) st.st_size);
    }

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static gboolean
keyring_has_key (Fixture *f,
                 guint8  *key_out)
{
  g_autoptr(GError) error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  if (rapport_keyring_lookup_key (f->db_path, key, f->cancellable, &error))
    {
      if (key_out != NULL)
        memcpy (key_out, key, sizeof key);
      return TRUE;
    }

  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_NOT_FOUND);
  return FALSE;
}

/* Creates the journal with one colleague and closes it again; returns its recovery code. */
static char *
create_journal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RapportProfile *profile;
  RapportStore *store;
  char *code;

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    {
      g_object_unref (profile);
      return NULL;
    }

  rapport_test_add_colleague (store, "name", "Dana Whitfield", NULL);
  code = rapport_profile_dup_recovery_code (profile);
  g_assert_finalize_object (store);
  g_assert_finalize_object (profile);

  return code;
}

static RapportStore *
open_journal (Fixture  *f,
              GError  **error)
{
  g_autoptr(RapportProfile) profile = rapport_profile_new (f->data_dir);

  return rapport_profile_open (profile, f->cancellable, error);
}

static void
test_default_folder (void)
{
  g_autoptr(RapportProfile) profile = rapport_profile_new (NULL);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "rapport", NULL);
  g_autofree char *db_path = g_build_filename (data_dir, "rapport.db", NULL);

  g_assert_cmpstr (rapport_profile_get_data_dir (profile), ==, data_dir);
  g_assert_cmpstr (rapport_profile_get_database_path (profile), ==, db_path);
  g_assert_null (rapport_profile_dup_recovery_code (profile));
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *code = NULL;
  guint8 stored[RAPPORT_DATABASE_KEY_SIZE];
  guint8 parsed[RAPPORT_DATABASE_KEY_SIZE];
  RapportProfile *profile;
  RapportStore *store;
  struct stat st;

  profile = rapport_profile_new (f->data_dir);
  g_assert_cmpstr (rapport_profile_get_data_dir (profile), ==, f->data_dir);
  g_assert_cmpstr (rapport_profile_get_database_path (profile), ==, f->db_path);
  g_assert_false (rapport_profile_has_journal (profile));
  g_assert_null (rapport_profile_dup_recovery_code (profile));

  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (rapport_profile_has_journal (profile));

  g_assert_cmpint (g_stat (f->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_true (keyring_has_key (f, stored));

  code = rapport_profile_dup_recovery_code (profile);
  g_assert_nonnull (code);
  groups = g_strsplit (code, "-", -1);
  g_assert_cmpuint (g_strv_length (groups), ==, RAPPORT_RECOVERY_CODE_GROUPS);
  for (guint i = 0; groups[i] != NULL; i++)
    g_assert_cmpuint (strlen (groups[i]), ==, 4);

  /* The code is the key in the keyring, written for people. */
  g_assert_true (rapport_recovery_code_parse (code, parsed, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (parsed, stored, sizeof stored) == 0);

  if (store != NULL)
    {
      rapport_test_add_colleague (store, "name", "Dana Whitfield", NULL);
      g_assert_finalize_object (store);
    }
  g_assert_finalize_object (profile);
}

static void
test_create_again (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint8 key_before[RAPPORT_DATABASE_KEY_SIZE];
  guint8 key_after[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  code = create_journal (f);
  before = rapport_test_checksum_file (f->db_path);
  g_assert_true (keyring_has_key (f, key_before));

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_EXISTS);
  g_assert_null (store);
  g_assert_null (rapport_profile_dup_recovery_code (profile));

  after = rapport_test_checksum_file (f->db_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (keyring_has_key (f, key_after));
  g_assert_true (memcmp (key_before, key_after, sizeof key_before) == 0);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *code_again = NULL;
  RapportProfile *profile;
  RapportStore *store;

  code = create_journal (f);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_open (profile, f->cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
      rapport_test_add_colleague (store, "name", "Rosa Diaz", NULL);
      g_assert_finalize_object (store);
    }

  code_again = rapport_profile_dup_recovery_code (profile);
  g_assert_cmpstr (code, ==, code_again);
  g_assert_finalize_object (profile);

  store = open_journal (f, &error);
  g_assert_no_error (error);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Rosa Diaz"));
      g_assert_finalize_object (store);
    }
}

static void
test_key_missing (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  RapportStore *store;

  code = create_journal (f);
  g_assert_true (rapport_keyring_clear_key (f->db_path, f->cancellable, &error));
  g_assert_no_error (error);
  g_assert_false (keyring_has_key (f, NULL));

  before = rapport_test_checksum_file (f->db_path);
  listing_before = describe_folder (f->data_dir);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_open (profile, f->cancellable, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE);
  g_assert_null (store);
  g_assert_true (error != NULL && strstr (error->message, "recovery code") != NULL);
  g_assert_null (rapport_profile_dup_recovery_code (profile));
  g_clear_error (&error);

  /* Creating is refused too: it would put a new journal in place of the locked one. */
  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_EXISTS);
  g_assert_null (store);

  after = rapport_test_checksum_file (f->db_path);
  listing_after = describe_folder (f->data_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_assert_false (keyring_has_key (f, NULL));
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  guint8 other[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  code = create_journal (f);
  g_assert_true (rapport_keyring_generate_key (other, &error));
  g_assert_true (rapport_keyring_store_key (f->db_path, other, f->cancellable, &error));
  g_assert_no_error (error);

  before = rapport_test_checksum_file (f->db_path);
  listing_before = describe_folder (f->data_dir);

  store = open_journal (f, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY);
  g_assert_null (store);

  after = rapport_test_checksum_file (f->db_path);
  listing_after = describe_folder (f->data_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

static void
test_recovery_code (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *code_again = NULL;
  g_autofree char *typed = NULL;
  guint8 parsed[RAPPORT_DATABASE_KEY_SIZE];
  guint8 stored[RAPPORT_DATABASE_KEY_SIZE];
  RapportProfile *profile;
  RapportStore *store;

  code = create_journal (f);
  g_assert_nonnull (code);
  if (code == NULL)
    return;
  g_assert_true (rapport_keyring_clear_key (f->db_path, f->cancellable, &error));

  /* As a person might type it: lower case, spaces instead of dashes. */
  typed = g_ascii_strdown (code, -1);
  g_strdelimit (typed, "-", ' ');

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_unlock_with_recovery_code (profile, typed, &keyring_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_nonnull (store);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
      g_assert_finalize_object (store);
    }

  code_again = rapport_profile_dup_recovery_code (profile);
  g_assert_cmpstr (code, ==, code_again);
  g_assert_finalize_object (profile);

  /* The key is back in the keyring, so the next start needs no code. */
  g_assert_true (keyring_has_key (f, stored));
  g_assert_true (rapport_recovery_code_parse (code, parsed, NULL));
  g_assert_true (memcmp (parsed, stored, sizeof stored) == 0);

  store = open_journal (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store != NULL)
    g_assert_finalize_object (store);
}

static void
test_recovery_code_replaces_wrong_key (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  guint8 other[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  code = create_journal (f);
  g_assert_true (rapport_keyring_generate_key (other, &error));
  g_assert_true (rapport_keyring_store_key (f->db_path, other, f->cancellable, &error));
  g_assert_no_error (error);

  store = open_journal (f, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  {
    g_autoptr(RapportProfile) profile = rapport_profile_new (f->data_dir);

    store = rapport_profile_unlock_with_recovery_code (profile, code, NULL, &error);
    g_assert_no_error (error);
    if (store != NULL)
      g_assert_finalize_object (store);
  }

  store = open_journal (f, &error);
  g_assert_no_error (error);
  if (store != NULL)
    g_assert_finalize_object (store);
}

static void
test_recovery_code_typo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  RapportStore *store;

  code = create_journal (f);
  g_assert_nonnull (code);
  if (code == NULL)
    return;
  g_assert_true (rapport_keyring_clear_key (f->db_path, f->cancellable, &error));

  /* One character of the third group changed. */
  code[10] = code[10] == 'X' ? 'Y' : 'X';

  before = rapport_test_checksum_file (f->db_path);
  listing_before = describe_folder (f->data_dir);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_unlock_with_recovery_code (profile, code, NULL, &error);
  g_assert_nonnull (error);
  g_assert_true (error != NULL && error->domain == RAPPORT_RECOVERY_CODE_ERROR);
  g_assert_null (store);
  g_assert_null (rapport_profile_dup_recovery_code (profile));
  g_clear_error (&error);

  /* Not a code at all. */
  store = rapport_profile_unlock_with_recovery_code (profile, "hello", NULL, &error);
  g_assert_error (error, RAPPORT_RECOVERY_CODE_ERROR, RAPPORT_RECOVERY_CODE_ERROR_LENGTH);
  g_assert_null (store);

  after = rapport_test_checksum_file (f->db_path);
  listing_after = describe_folder (f->data_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_assert_false (keyring_has_key (f, NULL));
}

static void
test_recovery_code_other_journal (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *other_code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint8 other[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  code = create_journal (f);
  g_assert_true (rapport_keyring_clear_key (f->db_path, f->cancellable, &error));
  g_assert_true (rapport_keyring_generate_key (other, &error));
  g_assert_no_error (error);
  other_code = rapport_recovery_code_format (other);

  before = rapport_test_checksum_file (f->db_path);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_unlock_with_recovery_code (profile, other_code, &keyring_error, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY);
  g_assert_no_error (keyring_error);
  g_assert_null (store);
  g_assert_null (rapport_profile_dup_recovery_code (profile));

  after = rapport_test_checksum_file (f->db_path);
  g_assert_cmpstr (before, ==, after);
  /* A code that opens nothing is never stored as the journal's key. */
  g_assert_false (keyring_has_key (f, NULL));
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  RapportStore *store;
  gsize length = 0;

  code = create_journal (f);
  g_assert_true (g_file_get_contents (f->db_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1024);
  g_assert_true (g_file_set_contents (f->db_path, contents, length - 300, NULL));
  g_chmod (f->db_path, 0600);

  before = rapport_test_checksum_file (f->db_path);
  listing_before = describe_folder (f->data_dir);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_open (profile, f->cancellable, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  /* The right code does not make a damaged file open, nor replace it. */
  store = rapport_profile_unlock_with_recovery_code (profile, code, NULL, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_EXISTS);
  g_assert_null (store);

  after = rapport_test_checksum_file (f->db_path);
  listing_after = describe_folder (f->data_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

static void
test_no_journal (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  profile = rapport_profile_new (f->data_dir);
  g_assert_false (rapport_profile_has_journal (profile));

  store = rapport_profile_open (profile, f->cancellable, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL);
  g_assert_null (store);
  g_clear_error (&error);

  g_assert_true (rapport_keyring_generate_key (key, &error));
  code = rapport_recovery_code_format (key);
  store = rapport_profile_unlock_with_recovery_code (profile, code, NULL, &error);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL);
  g_assert_null (store);

  /* Nothing was made on the way. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
  g_assert_false (keyring_has_key (f, NULL));
}

static void
test_create_reuses_left_key (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *left_code = NULL;
  guint8 left[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  /* A key whose journal file was removed by hand stays usable for a new journal. */
  g_assert_true (rapport_keyring_generate_key (left, &error));
  g_assert_true (rapport_keyring_store_key (f->db_path, left, f->cancellable, &error));
  g_assert_no_error (error);
  left_code = rapport_recovery_code_format (left);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store != NULL)
    g_assert_finalize_object (store);

  code = rapport_profile_dup_recovery_code (profile);
  g_assert_cmpstr (code, ==, left_code);

  store = open_journal (f, &error);
  g_assert_no_error (error);
  if (store != NULL)
    g_assert_finalize_object (store);
}

static void
test_create_failure_clears_new_key (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  RapportStore *store;

  /* A file where the folder should be: the database cannot be made. */
  g_assert_true (g_file_set_contents (f->data_dir, "in the way", -1, NULL));

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_create (profile, f->cancellable, &error);
  g_assert_nonnull (error);
  g_assert_true (error != NULL && error->domain == RAPPORT_PROFILE_ERROR);
  g_assert_null (store);
  g_assert_null (rapport_profile_dup_recovery_code (profile));

  g_assert_false (keyring_has_key (f, NULL));
  g_assert_true (g_file_test (f->data_dir, G_FILE_TEST_IS_REGULAR));
}

static void
open_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RapportStore **store_out = user_data;
  g_autoptr(GError) error = NULL;

  *store_out = rapport_profile_open_finish (RAPPORT_PROFILE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autofree char *code_again = NULL;
  RapportProfile *profile;
  RapportStore *store = NULL;
  gint64 deadline;

  code = create_journal (f);

  profile = rapport_profile_new (f->data_dir);
  rapport_profile_open_async (profile, f->cancellable, open_async_cb, &store);

  deadline = g_get_monotonic_time () + WATCHDOG_SECONDS * G_TIME_SPAN_SECOND;
  while (store == NULL && !g_cancellable_is_cancelled (f->cancellable) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* Let the task and its result go before checking for leaks. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_nonnull (store);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
      g_assert_finalize_object (store);
    }

  code_again = rapport_profile_dup_recovery_code (profile);
  g_assert_cmpstr (code, ==, code_again);

  /* The worker thread drops its reference to the task (and so to the profile) a moment after the
   * callback ran: wait for the last reference to go instead of racing it. */
  g_object_add_weak_pointer (G_OBJECT (profile), (gpointer *) &profile);
  g_object_unref (profile);
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &profile, WATCHDOG_SECONDS * 1000));
}

static void
open_async_error_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GError **error_out = user_data;
  RapportStore *store;

  store = rapport_profile_open_finish (RAPPORT_PROFILE (object), result, error_out);
  g_assert_null (store);
}

static void
test_open_async_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RapportProfile) profile = rapport_profile_new (f->data_dir);
  GError *error = NULL;

  rapport_profile_open_async (profile, f->cancellable, open_async_error_cb, &error);
  while (error == NULL && !g_cancellable_is_cancelled (f->cancellable))
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL);
  g_clear_error (&error);
}

static void
skip_without_bus (void)
{
  g_test_skip ("No session bus with a Secret Service: run through build-aux/test");
}

/* Restoring backups */

static const char backup_passphrase[] = "Correct Horse 42";

/* A backup, made through the database API from a journal of its own (random key, no keyring),
 * holding the given colleague. */
static char *
make_backup (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_build_filename (f->dir, "source.db", NULL);
  char *backup = g_build_filename (f->dir, "journal.rapport-backup", NULL);
  RapportDatabase *database = NULL;
  RapportStore *store;

  store = rapport_test_open_store (source, NULL, RAPPORT_DATABASE_OPEN_CREATE, &database);
  rapport_test_add_colleague (store, "name", name, NULL);
  g_assert_true (rapport_database_export_backup (database, backup, backup_passphrase, NULL,
                                                 &error));
  g_assert_no_error (error);
  rapport_test_close_store (store, database);
  g_unlink (source);

  return backup;
}

static void
test_check_passphrase (void)
{
  static const char * const too_short[] = { "", "1234567", "äöüßéèê", "       " };
  static const char * const long_enough[] = { "12345678", "äöüßéèêà", "correct horse battery" };

  for (guint i = 0; i < G_N_ELEMENTS (too_short); i++)
    {
      g_autofree char *reason = rapport_profile_check_passphrase (too_short[i]);

      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, "8"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (long_enough); i++)
    {
      g_autofree char *reason = rapport_profile_check_passphrase (long_enough[i]);

      g_assert_null (reason);
    }
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *code_after = NULL;
  g_autofree char *backup = NULL;
  g_auto(GStrv) names = NULL;
  guint8 key_before[RAPPORT_DATABASE_KEY_SIZE];
  guint8 key_after[RAPPORT_DATABASE_KEY_SIZE];
  RapportProfile *profile;
  RapportStore *store;
  struct stat st;

  code = create_journal (f);
  g_assert_true (keyring_has_key (f, key_before));
  backup = make_backup (f, "Mina Sato");

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_restore_backup (profile, backup, backup_passphrase, f->cancellable,
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store != NULL)
    {
      /* The backup's colleagues, and only those. */
      g_assert_true (rapport_test_store_has_colleague (store, "Mina Sato"));
      g_assert_false (rapport_test_store_has_colleague (store, "Dana Whitfield"));
      rapport_test_add_colleague (store, "name", "Rosa Diaz", NULL);
      g_assert_finalize_object (store);
    }

  /* Same key, same recovery code: what the person wrote down still opens the journal. */
  g_assert_true (keyring_has_key (f, key_after));
  g_assert_true (memcmp (key_before, key_after, sizeof key_before) == 0);
  code_after = rapport_profile_dup_recovery_code (profile);
  g_assert_cmpstr (code, ==, code_after);
  g_assert_finalize_object (profile);

  /* Nothing left over beside the journal, which is as private as before, but the snapshot of
   * the journal it replaced. */
  names = rapport_test_list_folder (f->data_dir);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) names, "rapport.db"));
  g_assert_true (g_strv_contains ((const char * const *) names, "snapshots"));
  g_assert_cmpint (g_stat (f->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  store = open_journal (f, &error);
  g_assert_no_error (error);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Mina Sato"));
      g_assert_true (rapport_test_store_has_colleague (store, "Rosa Diaz"));
      g_assert_false (rapport_test_store_has_colleague (store, "Dana Whitfield"));
      g_assert_finalize_object (store);
    }

  /* The journal the backup replaced is that snapshot: restoring it undoes the restore. */
  {
    g_autoptr(GPtrArray) snapshots = rapport_snapshot_list (f->db_path, &error);
    g_autoptr(RapportProfile) undo = rapport_profile_new (f->data_dir);
    RapportSnapshot *before;

    g_assert_no_error (error);
    g_assert_nonnull (snapshots);
    g_assert_cmpuint (snapshots != NULL ? snapshots->len : 0, ==, 1);
    if (snapshots == NULL || snapshots->len != 1)
      return;

    before = g_ptr_array_index (snapshots, 0);
    g_assert_cmpint (rapport_snapshot_get_reason (before), ==,
                     RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE);
    store = rapport_profile_restore_snapshot (undo, rapport_snapshot_get_path (before),
                                              f->cancellable, &error);
    g_assert_no_error (error);
    if (store != NULL)
      {
        g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
        g_assert_false (rapport_test_store_has_colleague (store, "Mina Sato"));
        g_assert_finalize_object (store);
      }
  }
}

static void
test_restore_wrong_passphrase (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_after = NULL;
  RapportStore *store;

  code = create_journal (f);
  backup = make_backup (f, "Mina Sato");
  checksum = rapport_test_checksum_file (f->db_path);
  folder = describe_folder (f->data_dir);

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_restore_backup (profile, backup, "correct horse 42", f->cancellable,
                                          &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);

  /* The journal is byte for byte what it was, and nothing was added beside it. */
  checksum_after = rapport_test_checksum_file (f->db_path);
  g_assert_cmpstr (checksum, ==, checksum_after);
  folder_after = describe_folder (f->data_dir);
  g_assert_cmpstr (folder, ==, folder_after);

  g_clear_error (&error);
  store = open_journal (f, &error);
  g_assert_no_error (error);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Dana Whitfield"));
      g_assert_false (rapport_test_store_has_colleague (store, "Mina Sato"));
      g_assert_finalize_object (store);
    }
}

static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  RapportStore *store;
  gsize length = 0;

  code = create_journal (f);
  backup = make_backup (f, "Mina Sato");
  checksum = rapport_test_checksum_file (f->db_path);

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (backup, contents, length - 1024, NULL));

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_restore_backup (profile, backup, backup_passphrase, f->cancellable,
                                          &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT) ||
                 g_error_matches (error, RAPPORT_DATABASE_ERROR,
                                  RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE));

  checksum_after = rapport_test_checksum_file (f->db_path);
  g_assert_cmpstr (checksum, ==, checksum_after);
}

static void
test_restore_first_run (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *code = NULL;
  guint8 stored[RAPPORT_DATABASE_KEY_SIZE];
  guint8 parsed[RAPPORT_DATABASE_KEY_SIZE];
  RapportProfile *profile;
  RapportStore *store;

  /* A new computer: neither a journal nor a key. */
  backup = make_backup (f, "Mina Sato");
  g_assert_false (keyring_has_key (f, NULL));

  profile = rapport_profile_new (f->data_dir);
  g_assert_false (rapport_profile_has_journal (profile));

  /* A wrong passphrase first: no key is left behind for a journal that was never made. */
  store = rapport_profile_restore_backup (profile, backup, "not the passphrase", f->cancellable,
                                          &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (keyring_has_key (f, NULL));
  g_assert_false (rapport_profile_has_journal (profile));

  store = rapport_profile_restore_backup (profile, backup, backup_passphrase, f->cancellable,
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Mina Sato"));
      g_assert_finalize_object (store);
    }

  /* A new key in the keyring, shown as the recovery code. */
  g_assert_true (keyring_has_key (f, stored));
  code = rapport_profile_dup_recovery_code (profile);
  g_assert_nonnull (code);
  g_assert_true (rapport_recovery_code_parse (code, parsed, &error));
  g_assert_true (memcmp (parsed, stored, sizeof stored) == 0);
  g_assert_finalize_object (profile);

  store = open_journal (f, &error);
  g_assert_no_error (error);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Mina Sato"));
      g_assert_finalize_object (store);
    }
}

static void
test_restore_key_missing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  RapportStore *store;

  code = create_journal (f);
  backup = make_backup (f, "Mina Sato");
  checksum = rapport_test_checksum_file (f->db_path);
  g_assert_true (rapport_keyring_clear_key (f->db_path, f->cancellable, &error));

  /* The journal may still open with its recovery code: no new key over it. */
  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_restore_backup (profile, backup, backup_passphrase, f->cancellable,
                                          &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE);
  g_assert_false (keyring_has_key (f, NULL));

  checksum_after = rapport_test_checksum_file (f->db_path);
  g_assert_cmpstr (checksum, ==, checksum_after);
}

static void
test_restore_leftover (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *restoring = g_strconcat (f->db_path, ".restoring", NULL);
  g_auto(GStrv) names = NULL;
  RapportStore *store;

  /* A restore cut short by a crash left its file: the next one goes through. */
  code = create_journal (f);
  backup = make_backup (f, "Mina Sato");
  g_assert_true (g_file_set_contents (restoring, "half a journal", -1, NULL));

  profile = rapport_profile_new (f->data_dir);
  store = rapport_profile_restore_backup (profile, backup, backup_passphrase, f->cancellable,
                                          &error);
  g_assert_no_error (error);
  if (store != NULL)
    {
      g_assert_true (rapport_test_store_has_colleague (store, "Mina Sato"));
      g_assert_finalize_object (store);
    }

  /* The leftover is gone; the journal it replaced is kept as a snapshot. */
  names = rapport_test_list_folder (f->data_dir);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) names, "rapport.db"));
  g_assert_true (g_strv_contains ((const char * const *) names, "snapshots"));
}

int
main (int   argc,
      char *argv[])
{
  gboolean have_bus;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/profile/default-folder", test_default_folder);
  g_test_add_func ("/rapport/profile/check-passphrase", test_check_passphrase);

  /* Without a session bus libsecret would try to autolaunch one; these need the test bus
   * that build-aux/test provides, and show up as skipped otherwise. */
  have_bus = g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;

#define ADD(path, func) \
  if (have_bus) \
    g_test_add ("/rapport/profile/" path, Fixture, NULL, fixture_set_up, func, \
                fixture_tear_down); \
  else \
    g_test_add_func ("/rapport/profile/" path, skip_without_bus)

  ADD ("first-run", test_first_run);
  ADD ("create-again", test_create_again);
  ADD ("open", test_open);
  ADD ("key-missing", test_key_missing);
  ADD ("wrong-key", test_wrong_key);
  ADD ("recovery-code", test_recovery_code);
  ADD ("recovery-code-replaces-wrong-key", test_recovery_code_replaces_wrong_key);
  ADD ("recovery-code-typo", test_recovery_code_typo);
  ADD ("recovery-code-other-journal", test_recovery_code_other_journal);
  ADD ("corrupt", test_corrupt);
  ADD ("no-journal", test_no_journal);
  ADD ("create-reuses-left-key", test_create_reuses_left_key);
  ADD ("create-failure-clears-new-key", test_create_failure_clears_new_key);
  ADD ("open-async", test_open_async);
  ADD ("open-async-error", test_open_async_error);
  ADD ("restore", test_restore);
  ADD ("restore-wrong-passphrase", test_restore_wrong_passphrase);
  ADD ("restore-damaged", test_restore_damaged);
  ADD ("restore-first-run", test_restore_first_run);
  ADD ("restore-key-missing", test_restore_key_missing);
  ADD ("restore-leftover", test_restore_leftover);

#undef ADD

  return g_test_run ();
}
