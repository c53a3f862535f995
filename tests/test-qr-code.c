/* test-qr-code.c
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

#define G_LOG_DOMAIN "rapport-test-qr-code"

#include "config.h"

#include <string.h>

#include "rapport-qr-code.h"
#include "rapport-test-utils.h"

/* Byte mode at level M: version 40 holds 2,331 bytes (ISO/IEC 18004, table 7). */
#define MAX_BYTES 2331

static char *
repeat (char  c,
        gsize n)
{
  char *text = g_malloc (n + 1);

  memset (text, c, n);
  text[n] = '\0';

  return text;
}

static guint
size_of (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportQrCode) code = rapport_qr_code_new (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);

  return code != NULL ? rapport_qr_code_get_size (code) : 0;
}

/* A finder pattern: a dark 7x7 border, a light ring, a dark 3x3 centre, and a light separator
 * on the sides that face the symbol. */
static void
assert_finder (RapportQrCode *code,
               guint          left,
               guint          top)
{
  guint size = rapport_qr_code_get_size (code);

  for (guint y = 0; y < 7; y++)
    for (guint x = 0; x < 7; x++)
      {
        gboolean border = x == 0 || y == 0 || x == 6 || y == 6;
        gboolean centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;

        gboolean dark = rapport_qr_code_get_module (code, left + x, top + y);

        if (dark != (border || centre))
          g_test_message ("finder at %u,%u: module %u,%u is wrong", left, top, x, y);
        g_assert_cmpint (dark, ==, border || centre);
      }

  for (guint i = 0; i < 8; i++)
    {
      guint sep_x = left == 0 ? 7 : left - 1;
      guint sep_y = top == 0 ? 7 : top - 1;
      guint along_y = top == 0 ? i : size - 1 - i;
      guint along_x = left == 0 ? i : size - 1 - i;

      g_assert_false (rapport_qr_code_get_module (code, sep_x, along_y));
      g_assert_false (rapport_qr_code_get_module (code, along_x, sep_y));
    }
}

static void
test_sizes (void)
{
  g_autofree char *v1_full = repeat ('a', 14);
  g_autofree char *v2 = repeat ('a', 15);
  g_autofree char *v40 = repeat ('a', MAX_BYTES);

  /* 17 + 4 × version modules a side; the smallest version that holds the bytes. */
  g_assert_cmpuint (size_of ("HELLO"), ==, 21);
  g_assert_cmpuint (size_of (v1_full), ==, 21);
  g_assert_cmpuint (size_of (v2), ==, 25);
  g_assert_cmpuint (size_of (v40), ==, 177);
}

static void
test_finder_patterns (void)
{
  static const char * const texts[] = {
    "HELLO",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Müller\r\nEND:VCARD\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportQrCode) code = rapport_qr_code_new (texts[i], &error);
      guint size;
      gboolean bottom_right_finder = TRUE;

      g_assert_no_error (error);
      g_assert_nonnull (code);
      if (code == NULL)
        continue;

      size = rapport_qr_code_get_size (code);
      assert_finder (code, 0, 0);
      assert_finder (code, size - 7, 0);
      assert_finder (code, 0, size - 7);

      /* The fourth corner holds data: never a whole dark 7x7 border. */
      for (guint k = 0; k < 7; k++)
        bottom_right_finder = bottom_right_finder &&
                              rapport_qr_code_get_module (code, size - 7 + k, size - 7) &&
                              rapport_qr_code_get_module (code, size - 7 + k, size - 1) &&
                              rapport_qr_code_get_module (code, size - 7, size - 7 + k) &&
                              rapport_qr_code_get_module (code, size - 1, size - 7 + k);
      g_assert_false (bottom_right_finder);

      /* Timing patterns: row and column 6 alternate between the finders. */
      for (guint k = 8; k < size - 8; k++)
        {
          g_assert_cmpint (rapport_qr_code_get_module (code, k, 6), ==, k % 2 == 0);
          g_assert_cmpint (rapport_qr_code_get_module (code, 6, k), ==, k % 2 == 0);
        }
    }
}

static void
test_too_long (void)
{
  g_autofree char *text = repeat ('a', MAX_BYTES + 1);
  g_autofree char *big = repeat ('x', 100000);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportQrCode) code = rapport_qr_code_new (text, &error);

  g_assert_null (code);
  g_assert_error (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_TOO_LONG);
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, "vCard"));
  g_clear_error (&error);

  g_assert_null (rapport_qr_code_new (big, &error));
  g_assert_error (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* Counted in bytes, not characters: 1,166 two-byte characters are one byte too many. */
  {
    g_autoptr(GString) accents = g_string_new (NULL);

    for (guint i = 0; i < (MAX_BYTES + 1) / 2; i++)
      g_string_append (accents, "é");
    g_assert_null (rapport_qr_code_new (accents->str, &error));
    g_assert_error (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_TOO_LONG);
  }
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportQrCode) code = rapport_qr_code_new ("", &error);

  g_assert_null (code);
  g_assert_error (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_FAILED);
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");
}

/* The code as a phone reads it: drawn 6 pixels a module with a 4-module quiet zone into a PGM
 * file, read back with zbarimg. UTF-8 must come back byte for byte. */
static void
test_decodes (void)
{
  static const char *text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Müller ☕\r\n"
                            "TEL;TYPE=CELL:+1 555 0100\r\nEND:VCARD\r\n";
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) pgm = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportQrCode) code = NULL;
  const guint scale = 6, quiet = 4;
  guint size, pixels;
  int status = -1;

  if (zbarimg == NULL)
    {
      g_test_skip ("zbarimg (zbar-tools) is not installed");
      return;
    }

  code = rapport_qr_code_new (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);
  if (code == NULL)
    return;

  size = rapport_qr_code_get_size (code);
  pixels = (size + 2 * quiet) * scale;
  pgm = g_string_new (NULL);
  g_string_append_printf (pgm, "P5\n%u %u\n255\n", pixels, pixels);
  for (guint py = 0; py < pixels; py++)
    for (guint px = 0; px < pixels; px++)
      {
        guint mx = px / scale, my = py / scale;
        gboolean dark = mx >= quiet && my >= quiet && mx < size + quiet && my < size + quiet &&
                        rapport_qr_code_get_module (code, mx - quiet, my - quiet);

        g_string_append_c (pgm, dark ? 0 : (char) 0xff);
      }

  dir = rapport_test_make_tmp_dir ("qr-code");
  path = g_build_filename (dir, "code.pgm", NULL);
  g_file_set_contents (path, pgm->str, pgm->len, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { zbarimg, "--quiet", "--raw", "--nodbus", "-Sbinary", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, text);

  rapport_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/qr-code/sizes", test_sizes);
  g_test_add_func ("/rapport/qr-code/finder-patterns", test_finder_patterns);
  g_test_add_func ("/rapport/qr-code/too-long", test_too_long);
  g_test_add_func ("/rapport/qr-code/empty", test_empty);
  g_test_add_func ("/rapport/qr-code/decodes", test_decodes);

  return g_test_run ();
}
