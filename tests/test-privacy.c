/* test-privacy.c
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

#define G_LOG_DOMAIN "rapport-test-privacy"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "rapport-keyring.h"
#include "rapport-profile.h"
#include "rapport-test-utils.h"

/* Files bigger than this are not ours (and would take long to read). */
#define MAX_SCAN_SIZE (256 * 1024 * 1024)

/* A string typed into the journal, as it would appear in a file in plain UTF-8 or UTF-16LE.
 * The label says which field it came from; the canary itself is never printed, so a failing
 * run does not plant it in a log under the folders being scanned. */
typedef struct
{
  char   *label;
  GBytes *utf8;
  GBytes *utf16;
} Canary;

typedef struct
{
  GPtrArray  *canaries;
  GHashTable *visited;          /* "dev:ino" of directories already scanned */
  guint       n_files;
  gboolean    saw_database;
  const char *database_path;
} Scan;

static void
canary_free (gpointer data)
{
  Canary *canary = data;

  g_free (canary->label);
  g_bytes_unref (canary->utf8);
  g_bytes_unref (canary->utf16);
  g_free (canary);
}

/* "CANARY" + 12 random hex digits + the field: unique per run and field. */
static char *
add_canary (GPtrArray  *canaries,
            const char *label,
            const char *field)
{
  g_autoptr(GError) error = NULL;
  Canary *canary = g_new0 (Canary, 1);
  char *text;
  char *utf16;
  gsize utf16_length = 0;

  text = g_strdup_printf ("CANARY%06x%06x%s", g_random_int_range (0, 0x1000000),
                          g_random_int_range (0, 0x1000000), field);

  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, &error);
  g_assert_no_error (error);

  canary->label = g_strdup (label);
  canary->utf8 = g_bytes_new (text, strlen (text));
  canary->utf16 = g_bytes_new_take (utf16, utf16_length);
  g_ptr_array_add (canaries, canary);

  return text;
}

/* A phone number has to look like one: 16 random digits do as a canary. */
static char *
add_phone_canary (GPtrArray  *canaries,
                  const char *label)
{
  g_autoptr(GError) error = NULL;
  Canary *canary = g_new0 (Canary, 1);
  GString *digits = g_string_new ("+");
  char *utf16;
  gsize utf16_length = 0;

  for (guint i = 0; i < 16; i++)
    g_string_append_c (digits, '0' + g_random_int_range (0, 10));

  utf16 = g_convert (digits->str, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, &error);
  g_assert_no_error (error);

  canary->label = g_strdup (label);
  canary->utf8 = g_bytes_new (digits->str, digits->len);
  canary->utf16 = g_bytes_new_take (utf16, utf16_length);
  g_ptr_array_add (canaries, canary);

  return g_string_free (digits, FALSE);
}

static gboolean
contains_bytes (const guint8 *haystack,
                gsize         haystack_length,
                GBytes       *needle_bytes)
{
  gsize needle_length;
  const guint8 *needle = g_bytes_get_data (needle_bytes, &needle_length);
  const guint8 *end;

  if (needle_length == 0 || haystack_length < needle_length)
    return FALSE;

  end = haystack + haystack_length - needle_length;
  for (const guint8 *p = haystack; p <= end; p++)
    {
      p = memchr (p, needle[0], end - p + 1);
      if (p == NULL)
        return FALSE;
      if (memcmp (p, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
scan_file (Scan       *scan,
           const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Read, not mapped: a file another process truncates meanwhile must not crash the scan.
   * Unreadable files cannot be ours. */
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;

  scan->n_files++;

  if (g_strcmp0 (path, scan->database_path) == 0)
    scan->saw_database = TRUE;

  for (guint i = 0; i < scan->canaries->len; i++)
    {
      Canary *canary = g_ptr_array_index (scan->canaries, i);

      if (contains_bytes ((const guint8 *) contents, length, canary->utf8))
        g_test_fail_printf ("The %s text was found in plain UTF-8 in %s", canary->label, path);
      if (contains_bytes ((const guint8 *) contents, length, canary->utf16))
        g_test_fail_printf ("The %s text was found in UTF-16LE in %s", canary->label, path);
    }
}

static void
scan_directory (Scan       *scan,
                const char *path)
{
  g_autoptr(GDir) dir = NULL;
  GStatBuf dir_info;
  const char *name;
  char *key;

  if (g_str_has_prefix (path, "/proc") || g_lstat (path, &dir_info) != 0)
    return;

  /* The HOME-like folder lies under the temporary folder: scan it once. */
  key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                         (guint64) dir_info.st_dev, (guint64) dir_info.st_ino);
  if (!g_hash_table_add (scan->visited, key))
    return;

  if (!(dir = g_dir_open (path, 0, NULL)))
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf info;

      if (g_lstat (child, &info) != 0)
        continue;

      /* Symlinks, sockets, FIFOs and devices are skipped; only what lies on disk counts. */
      if (S_ISDIR (info.st_mode))
        scan_directory (scan, child);
      else if (S_ISREG (info.st_mode) && info.st_size <= MAX_SCAN_SIZE)
        scan_file (scan, child);
    }
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static char *
add_field_canary (GPtrArray  *canaries,
                  const char *who,
                  const char *field)
{
  g_autofree char *label = g_strdup_printf ("%s %s", who, field);

  return add_canary (canaries, label, field);
}

static RapportColleague *
make_canary_colleague (GPtrArray  *canaries,
                       const char *who)
{
  g_autofree char *name = add_field_canary (canaries, who, "name");
  g_autofree char *role = add_field_canary (canaries, who, "role");
  g_autofree char *specialty = add_field_canary (canaries, who, "specialty");
  g_autofree char *organization = add_field_canary (canaries, who, "organization");
  g_autofree char *email_local = add_field_canary (canaries, who, "email");
  g_autofree char *messaging = add_field_canary (canaries, who, "messaging");
  g_autofree char *interests = add_field_canary (canaries, who, "interests");
  g_autofree char *notes = add_field_canary (canaries, who, "notes");
  g_autofree char *phone_label = g_strdup_printf ("%s phone", who);
  g_autofree char *phone = add_phone_canary (canaries, phone_label);
  g_autofree char *email = g_strdup_printf ("%s@example.org", email_local);

  /* The birthday has to be a date, so it cannot carry a canary. */
  return g_object_new (RAPPORT_TYPE_COLLEAGUE,
                       "name", name,
                       "role", role,
                       "specialty", specialty,
                       "organization", organization,
                       "phone", phone,
                       "email", email,
                       "messaging", messaging,
                       "interests", interests,
                       "notes", notes,
                       "birthday", "1987-06-05",
                       "support-kind", RAPPORT_SUPPORT_KIND_PEER,
                       NULL);
}

static void
test_no_plaintext (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) canaries = g_ptr_array_new_with_free_func (canary_free);
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(RapportColleague) kept = NULL;
  g_autoptr(RapportColleague) changed = NULL;
  g_autoptr(RapportColleague) deleted = NULL;
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) found_updated = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *database_path = NULL;
  g_autofree char *new_notes = NULL;
  g_autofree char *new_role = NULL;
  g_autofree char *tmp_dir = NULL;
  RapportStore *store;
  RapportDatabase *database;
  GStatBuf info;
  Scan scan = { 0 };

  home = g_dir_make_tmp ("rapport-privacy-XXXXXX", &error);
  g_assert_no_error (error);
  if (home == NULL)
    return;
  data_dir = g_build_filename (home, ".local", "share", "rapport", NULL);

  profile = rapport_profile_new (data_dir);
  database_path = g_strdup (rapport_profile_get_database_path (profile));
  store = rapport_profile_create (profile, NULL, &error);
  if (store == NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus, so no keyring to keep the key in");
      rapport_test_remove_tree (home);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    {
      rapport_test_remove_tree (home);
      return;
    }

  database = rapport_store_get_database (store);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_add_weak_pointer (G_OBJECT (database), (gpointer *) &database);

  kept = make_canary_colleague (canaries, "kept colleague");
  changed = make_canary_colleague (canaries, "updated colleague");
  deleted = make_canary_colleague (canaries, "deleted colleague");
  new_notes = add_canary (canaries, "updated colleague new notes", "notes");
  new_role = add_canary (canaries, "updated colleague new role", "role");

  g_assert_true (rapport_store_add_colleague (store, kept, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_add_colleague (store, changed, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_add_colleague (store, deleted, &error));
  g_assert_no_error (error);

  changes = rapport_colleague_dup (changed);
  rapport_colleague_set_notes (changes, new_notes);
  rapport_colleague_set_role (changes, new_role);
  g_assert_true (rapport_store_update_colleague (store, changes, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_store_set_colleague_archived (store, rapport_colleague_get_id (kept),
                                                       TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_store_delete_colleague (store, rapport_colleague_get_id (deleted),
                                                 NULL, &error));
  g_assert_no_error (error);

  /* The data really is in the journal: the search finds it. */
  found = rapport_store_search_colleagues (store, rapport_colleague_get_name (kept), &error);
  g_assert_no_error (error);
  g_assert_true (ids_contain (found, rapport_colleague_get_id (kept)));
  found_updated = rapport_store_search_colleagues (store, new_notes, &error);
  g_assert_no_error (error);
  g_assert_true (ids_contain (found_updated, rapport_colleague_get_id (changed)));

  /* Everything closed, as after quitting the app. */
  g_clear_object (&profile);
  g_object_unref (store);
  g_assert_null (store);
  g_assert_null (database);

  g_assert_cmpint (g_stat (database_path, &info), ==, 0);
  g_assert_cmpint (info.st_size, >, 0);

  scan.canaries = canaries;
  scan.visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.database_path = database_path;
  scan_directory (&scan, home);
  tmp_dir = g_canonicalize_filename (g_get_tmp_dir (), NULL);
  scan_directory (&scan, tmp_dir);
  g_hash_table_unref (scan.visited);

  g_test_message ("Scanned %u files", scan.n_files);
  g_assert_true (scan.saw_database);
  g_assert_cmpuint (scan.n_files, >, 0);

  g_assert_true (rapport_keyring_clear_key (database_path, NULL, &error));
  g_assert_no_error (error);

  rapport_test_remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/privacy/no-plaintext", test_no_plaintext);

  return g_test_run ();
}
