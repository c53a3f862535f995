/* fuzz-replay.c
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

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-fuzz.h"

/* Runs a harness over saved inputs without libFuzzer, so any compiler, sanitizer or valgrind can
 * replay the corpus. Usage: fuzz-<name> PATH...  (folders are read one level deep, in name
 * order). Prints TAP: one "ok" per input. A finding aborts in the harness, and the plan then
 * says how many inputs never ran. */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
collect (const char  *path,
         GPtrArray   *paths,
         GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (paths, g_strdup (path));
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;

  /* Dot files (an editor's backup, a .gitkeep) are not inputs. */
  found = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }

  g_ptr_array_sort (found, compare_paths);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (paths, g_strdup (g_ptr_array_index (found, i)));

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-FOLDER-OR-FILE...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!collect (argv[i], paths, &error))
        {
          printf ("Bail out! %s\n", error->message);
          return 1;
        }
    }

  /* Line by line, so the inputs that passed are on record when one aborts. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (paths->len == 0)
    {
      printf ("1..0 # SKIP no inputs in the corpus\n");
      return 0;
    }

  printf ("1..%u\n", paths->len);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *folder = g_path_get_basename (parent);
      g_autofree char *name = g_path_get_basename (path);
      guint8 *input;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s/%s: %s\n", i + 1, folder, name, error->message);
          continue;
        }

      /* An exact-size copy: g_file_get_contents () adds a NUL that would hide a read past the
       * end from AddressSanitizer and valgrind. */
      input = malloc (MAX (length, 1));
      g_assert_nonnull (input);
      memcpy (input, contents, length);

      fprintf (stderr, "# %s\n", path);
      LLVMFuzzerTestOneInput (input, length);
      free (input);

      printf ("ok %u - %s/%s\n", i + 1, folder, name);
    }

  return 0;
}
