/* rapport-test-utils.c
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

#define G_LOG_DOMAIN "rapport-test-utils"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-keyring.h"
#include "rapport-test-utils.h"

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A folder named "rapport-test-NAME-XXXXXX" under the temporary folder; NULL (and a failed
 * assertion) when it cannot be made. */
char *
rapport_test_make_tmp_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  char *dir;

  g_return_val_if_fail (name != NULL, NULL);

  template = g_strdup_printf ("rapport-test-%s-XXXXXX", name);
  dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  return dir;
}

/* Removes path and everything below it without following symbolic links. TRUE when path is
 * gone afterwards, so a test can check that nothing it left behind was kept open or read-only. */
gboolean
rapport_test_remove_tree (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rapport_test_remove_tree (child);
        }
      g_clear_pointer (&dir, g_dir_close);
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }

  return !g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK);
}

/* The SHA-256 of a file's bytes, to see that something left it untouched; NULL when unreadable. */
char *
rapport_test_checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The names in a folder, sorted: an empty list when it is missing. */
char **
rapport_test_list_folder (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Key number n of a fixed series: the same bytes every run, different for every n. Most tests
 * need no keyring, and a fixed key is as good as a random one for what they check. */
void
rapport_test_fixed_key (guint8 *key,
                        guint   n)
{
  g_return_if_fail (key != NULL);

  for (guint i = 0; i < RAPPORT_DATABASE_KEY_SIZE; i++)
    key[i] = (guint8) (i * 7 + 3 + n * 101);
}

/* From the test's random seed, so that `--seed` repeats a failing run. */
void
rapport_test_random_key (guint8 *key)
{
  g_return_if_fail (key != NULL);

  for (guint i = 0; i < RAPPORT_DATABASE_KEY_SIZE; i++)
    key[i] = (guint8) g_test_rand_int_range (0, 256);
}

/* A store on the database at path, opened with mode and key (NULL: a new key as the app makes
 * one); out_database (optional) gets a reference to the connection, for tests that close it
 * themselves with rapport_test_close_store(). */
RapportStore *
rapport_test_open_store (const char               *path,
                         const guint8             *key,
                         RapportDatabaseOpenMode   mode,
                         RapportDatabase         **out_database)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  guint8 new_key[RAPPORT_DATABASE_KEY_SIZE];
  RapportStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  if (key == NULL)
    {
      g_assert_true (rapport_keyring_generate_key (new_key, &error));
      g_assert_no_error (error);
      key = new_key;
    }

  database = rapport_database_open (path, key, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  if (database == NULL)
    return NULL;

  store = rapport_store_new (database, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (out_database != NULL)
    *out_database = g_steal_pointer (&database);

  return store;
}

/* Closes the connection first, so that the checks see the store drop its last reference and
 * the connection finalize, not the other way round. */
void
rapport_test_close_store (RapportStore    *store,
                          RapportDatabase *database)
{
  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (RAPPORT_IS_DATABASE (database));

  g_assert_finalize_object (store);
  rapport_database_close (database);
  g_assert_finalize_object (database);
}

gboolean
rapport_test_store_has_colleague (RapportStore *store,
                                  const char   *name)
{
  GListModel *colleagues;

  if (store == NULL)
    return FALSE;

  colleagues = rapport_store_get_colleagues (store);
  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

      if (g_strcmp0 (rapport_colleague_get_name (colleague), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A colleague made from the property list and added to store. The store's model holds it, so
 * the result belongs to the store. */
RapportColleague *
rapport_test_add_colleague (RapportStore *store,
                            const char   *first_property_name,
                            ...)
{
  g_autoptr(RapportColleague) colleague = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  va_start (args, first_property_name);
  colleague = RAPPORT_COLLEAGUE (g_object_new_valist (RAPPORT_TYPE_COLLEAGUE, first_property_name,
                                                      args));
  va_end (args);

  g_assert_true (rapport_store_add_colleague (store, colleague, &error));
  g_assert_no_error (error);
  if (error != NULL)
    return NULL;

  return rapport_store_find_colleague (store, rapport_colleague_get_id (colleague));
}

/* Every field but the id, which a copy may or may not keep. */
void
rapport_test_assert_same_colleague (RapportColleague *a,
                                    RapportColleague *b)
{
  static const char * const string_properties[] = {
    "name", "role", "specialty", "organization", "phone", "email", "messaging", "interests",
    "birthday", "notes",
  };

  g_return_if_fail (RAPPORT_IS_COLLEAGUE (a));
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (b));

  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value_a = NULL;
      g_autofree char *value_b = NULL;

      g_object_get (a, string_properties[i], &value_a, NULL);
      g_object_get (b, string_properties[i], &value_b, NULL);
      g_assert_cmpstr (value_a, ==, value_b);
    }

  g_assert_cmpint (rapport_colleague_get_support_kind (a), ==,
                   rapport_colleague_get_support_kind (b));
  g_assert_cmpuint (rapport_colleague_get_cadence_days (a), ==,
                    rapport_colleague_get_cadence_days (b));
  g_assert_cmpint (rapport_colleague_get_archived (a), ==, rapport_colleague_get_archived (b));
  g_assert_cmpint (rapport_colleague_get_created_at (a), ==, rapport_colleague_get_created_at (b));
  g_assert_cmpint (rapport_colleague_get_updated_at (a), ==, rapport_colleague_get_updated_at (b));
}

/* Runs whatever is ready (idle rebuilds, layout, queued signals) until nothing is. */
void
rapport_test_iterate (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop for ms milliseconds: for typing delays, animations and the frame clock. */
void
rapport_test_wait_ms (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  rapport_test_iterate ();
}

/* Runs the main loop until check passes (TRUE) or timeout_ms pass (FALSE). Polls, so a check
 * that turns true without a main-loop event is seen too. */
gboolean
rapport_test_wait_until (RapportTestCheck check,
                         gpointer         data,
                         guint            timeout_ms)
{
  gint64 end;

  g_return_val_if_fail (check != NULL, FALSE);

  end = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

/* Until *pointer is NULL, as a weak pointer becomes when its object is finalized. */
gboolean
rapport_test_wait_for_null (gpointer *pointer,
                            guint     timeout_ms)
{
  g_return_val_if_fail (pointer != NULL, FALSE);

  return rapport_test_wait_until (is_null, pointer, timeout_ms);
}

gboolean
rapport_test_find_icon (const char *folder,
                        const char *name)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *png = NULL;
  const char *entry;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((dir = g_dir_open (folder, 0, NULL)) == NULL)
    return FALSE;

  svg = g_strconcat (name, ".svg", NULL);
  png = g_strconcat (name, ".png", NULL);

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, entry, NULL);

      if (g_str_equal (entry, svg) || g_str_equal (entry, png))
        return TRUE;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK)
          && rapport_test_find_icon (path, name))
        return TRUE;
    }

  return FALSE;
}

gboolean
rapport_test_begin_french (char **previous_locale)
{
  const char *build_root = g_getenv ("RAPPORT_BUILD_ROOT");
  g_autofree char *locale_dir = NULL;
  g_autofree char *catalog = NULL;

  *previous_locale = NULL;
  if (build_root == NULL)
    {
      g_test_skip ("RAPPORT_BUILD_ROOT is not set: no French catalog to use");
      return FALSE;
    }
  locale_dir = g_build_filename (build_root, "po", NULL);
  catalog = g_build_filename (locale_dir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalog, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The French catalog is not built");
      return FALSE;
    }
  *previous_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  if (setlocale (LC_MESSAGES, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("The fr_FR.UTF-8 locale is not installed");
      return FALSE;
    }
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return TRUE;
}

void
rapport_test_end_french (const char *previous_locale)
{
  if (previous_locale != NULL)
    setlocale (LC_MESSAGES, previous_locale);
}

char *
rapport_test_dup_one_line (const char *text,
                           gsize       max_chars)
{
  GString *line = g_string_new (NULL);
  gsize n_chars = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return g_string_free (g_string_append (line, "(not UTF-8)"), FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      if (n_chars == max_chars)
        {
          g_string_append (line, "…");
          break;
        }
      if (*p == '\n')
        g_string_append (line, "\\n");
      else if (*p == '\r')
        g_string_append (line, "\\r");
      else
        g_string_append_unichar (line, g_utf8_get_char (p));
    }

  return g_string_free (line, FALSE);
}

void
rapport_test_message_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("%s", lines[i]);
}
