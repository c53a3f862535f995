/* fuzz-recovery-code.c
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

#include <string.h>

#include "rapport-database.h"
#include "rapport-recovery-code.h"
#include "rapport-fuzz.h"

/* 17 groups of 4 with a dash between each. */
#define FORMATTED_LENGTH (RAPPORT_RECOVERY_CODE_GROUPS * 5 - 1)

/* What the parser accepted comes back the same through format and parse: the code a person
 * writes down from Preferences must unlock the journal it came from. */
static void
check_round_trip (const guint8 *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = rapport_recovery_code_format (key);
  guint8 again[RAPPORT_DATABASE_KEY_SIZE] = { 0 };
  g_autofree char *lower = NULL;

  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, FORMATTED_LENGTH);

  g_assert_true (rapport_recovery_code_parse (code, again, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (again, sizeof again, key, RAPPORT_DATABASE_KEY_SIZE);

  /* Typed in lower case, as the header promises. */
  lower = g_ascii_strdown (code, -1);
  memset (again, 0, sizeof again);
  g_assert_true (rapport_recovery_code_parse (lower, again, NULL));
  g_assert_cmpmem (again, sizeof again, key, RAPPORT_DATABASE_KEY_SIZE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE] = { 0 };
  guint8 quiet_key[RAPPORT_DATABASE_KEY_SIZE] = { 0 };
  gboolean parsed;

  parsed = rapport_recovery_code_parse (text, key, &error);

  /* Without a GError the answer is the same. */
  g_assert_cmpint (rapport_recovery_code_parse (text, quiet_key, NULL), ==, parsed);

  if (parsed)
    {
      g_assert_no_error (error);
      g_assert_cmpmem (quiet_key, sizeof quiet_key, key, sizeof key);
      check_round_trip (key);
    }
  else
    {
      g_assert_error (error, RAPPORT_RECOVERY_CODE_ERROR, error->code);
      g_assert_cmpint (error->code, >=, RAPPORT_RECOVERY_CODE_ERROR_LENGTH);
      g_assert_cmpint (error->code, <=, RAPPORT_RECOVERY_CODE_ERROR_CHECKSUM);
      g_assert_true (error->message[0] != '\0');
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* The raw bytes as a key, so the formatter sees every value too. */
  if (size >= RAPPORT_DATABASE_KEY_SIZE)
    check_round_trip (data);

  return 0;
}
