/* test-recovery-code.c
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

#define G_LOG_DOMAIN "test-recovery-code"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rapport-recovery-code.h"
#include "rapport-test-utils.h"

#define KEY_SIZE    32
#define CODE_CHARS  68
#define CODE_LENGTH (CODE_CHARS + RAPPORT_RECOVERY_CODE_GROUPS - 1)

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The keys the exhaustive tests walk through: the edge cases and a few arbitrary ones. */
static void
sample_key (guint   n,
            guint8 *key)
{
  switch (n)
    {
    case 0:
      memset (key, 0x00, KEY_SIZE);
      break;
    case 1:
      memset (key, 0xff, KEY_SIZE);
      break;
    case 2:
      for (guint i = 0; i < KEY_SIZE; i++)
        key[i] = i * 37 + 11;
      break;
    default:
      rapport_test_random_key (key);
      break;
    }
}

#define N_SAMPLE_KEYS 5

/* The code without dashes: 68 characters. */
static char *
strip_dashes (const char *code)
{
  GString *s = g_string_new (NULL);

  for (const char *p = code; *p; p++)
    if (*p != '-')
      g_string_append_c (s, *p);

  return g_string_free (s, FALSE);
}

static void
assert_well_formed (const char *code)
{
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, CODE_LENGTH);

  for (guint i = 0; i < CODE_LENGTH; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (code[i], ==, '-');
      else
        g_assert_nonnull (strchr (alphabet, code[i]));
    }
}

static void
assert_round_trip (const guint8 *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = rapport_recovery_code_format (key);
  guint8 parsed[KEY_SIZE] = { 0 };

  assert_well_formed (code);
  g_assert_true (rapport_recovery_code_parse (code, parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (parsed, KEY_SIZE, key, KEY_SIZE);
}

static void
test_round_trip (void)
{
  guint8 key[KEY_SIZE];

  memset (key, 0x00, KEY_SIZE);
  assert_round_trip (key);

  memset (key, 0xff, KEY_SIZE);
  assert_round_trip (key);

  for (guint n = 0; n < 2000; n++)
    {
      rapport_test_random_key (key);
      assert_round_trip (key);
    }
}

static void
test_format (void)
{
  guint8 zero[KEY_SIZE] = { 0 };
  guint8 key[KEY_SIZE];
  g_autofree char *zero_code = rapport_recovery_code_format (zero);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  assert_well_formed (zero_code);
  /* The group checks depend on the group's place, so equal key bytes still give distinct groups. */
  for (guint i = 0; i < 16; i++)
    for (guint j = i + 1; j < 16; j++)
      g_assert_false (strncmp (zero_code + 5 * i, zero_code + 5 * j, 4) == 0);

  rapport_test_random_key (key);
  a = rapport_recovery_code_format (key);
  b = rapport_recovery_code_format (key);
  g_assert_cmpstr (a, ==, b);

  /* Changing one key bit changes the code. */
  key[KEY_SIZE - 1] ^= 1;
  g_clear_pointer (&b, g_free);
  b = rapport_recovery_code_format (key);
  g_assert_cmpstr (a, !=, b);
}

static void
assert_parses_to (const char   *text,
                  const guint8 *key)
{
  g_autoptr(GError) error = NULL;
  guint8 parsed[KEY_SIZE] = { 0 };

  g_assert_true (rapport_recovery_code_parse (text, parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (parsed, KEY_SIZE, key, KEY_SIZE);
}

static void
test_lenient (void)
{
  for (guint n = 0; n < N_SAMPLE_KEYS; n++)
    {
      guint8 key[KEY_SIZE];
      g_autofree char *code = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *lower = NULL;
      g_autofree char *lookalikes = NULL;
      g_autoptr(GString) spaced = g_string_new (NULL);
      g_autoptr(GString) fancy = g_string_new (NULL);

      sample_key (n, key);
      code = rapport_recovery_code_format (key);

      plain = strip_dashes (code);
      assert_parses_to (plain, key);

      lower = g_ascii_strdown (code, -1);
      assert_parses_to (lower, key);

      /* Groups separated by spaces, tabs and line breaks, with stray space around. */
      g_string_append (spaced, "  ");
      for (guint i = 0; i < CODE_CHARS; i++)
        {
          g_string_append_c (spaced, plain[i]);
          if (i % 4 == 3)
            g_string_append (spaced, (i % 16 == 15) ? "\r\n" : (i % 8 == 7) ? "\t" : " ");
        }
      g_string_append (spaced, " \n");
      assert_parses_to (spaced->str, key);

      /* Pasted from a word processor: en dashes and no-break spaces. */
      for (guint i = 0; i < CODE_CHARS; i++)
        {
          if (i > 0 && i % 4 == 0)
            g_string_append (fancy, (i % 8 == 0) ? "\u2013" : "\u00a0");
          g_string_append_c (fancy, plain[i]);
        }
      assert_parses_to (fancy->str, key);

      /* O for 0, I and L (either case) for 1. */
      lookalikes = g_strdup (code);
      for (guint i = 0, k = 0; lookalikes[i]; i++)
        {
          if (lookalikes[i] == '0')
            lookalikes[i] = (k++ % 2) ? 'O' : 'o';
          else if (lookalikes[i] == '1')
            lookalikes[i] = "ILil"[k++ % 4];
        }
      assert_parses_to (lookalikes, key);
    }

  {
    guint8 zero[KEY_SIZE] = { 0 };
    g_autofree char *code = rapport_recovery_code_format (zero);

    /* The all-zero key starts with "0000": all of it typed as letter O. */
    g_assert_true (g_str_has_prefix (code, "0000-"));
    memcpy (code, "OoOo", 4);
    assert_parses_to (code, zero);
  }
}

/* Parses text that must be rejected for a typo, and returns the group the error names (0 for the
 * whole-key check). */
static guint
parse_typo (const char *text)
{
  g_autoptr(GError) error = NULL;
  guint8 parsed[KEY_SIZE];
  guint group = 0;

  memset (parsed, 0xa5, sizeof parsed);
  g_assert_false (rapport_recovery_code_parse (text, parsed, &error));
  g_assert_nonnull (error);
  if (error == NULL)
    return G_MAXUINT;

  g_assert_true (error->domain == RAPPORT_RECOVERY_CODE_ERROR);

  /* Nothing is written on failure. */
  for (guint i = 0; i < KEY_SIZE; i++)
    g_assert_cmpuint (parsed[i], ==, 0xa5);

  if (error->code == RAPPORT_RECOVERY_CODE_ERROR_GROUP)
    {
      g_assert_true (sscanf (error->message, "Group %u has a typo", &group) == 1);
      g_assert_cmpuint (group, >=, 1);
      g_assert_cmpuint (group, <=, 16);
    }
  else
    {
      g_assert_cmpint (error->code, ==, RAPPORT_RECOVERY_CODE_ERROR_CHECKSUM);
    }

  return group;
}

static void
test_substitutions (void)
{
  for (guint n = 0; n < N_SAMPLE_KEYS; n++)
    {
      guint8 key[KEY_SIZE];
      g_autofree char *code = NULL;
      guint by_group = 0;
      guint by_checksum = 0;

      sample_key (n, key);
      code = rapport_recovery_code_format (key);

      for (guint pos = 0; pos < CODE_LENGTH; pos++)
        {
          char original = code[pos];

          if (original == '-')
            continue;

          for (const char *c = alphabet; *c; c++)
            {
              guint group;

              if (*c == original)
                continue;

              code[pos] = *c;
              group = parse_typo (code);
              code[pos] = original;

              if (group == 0)
                {
                  by_checksum++;
                }
              else
                {
                  /* A group check only ever blames the group that has the typo. */
                  g_assert_cmpuint (group, ==, pos / 5 + 1);
                  by_group++;
                }
            }
        }

      g_test_message ("key %u: %u of %u substitutions caught by their group's check, "
                      "the other %u by the whole-key check",
                      n, by_group, by_group + by_checksum, by_checksum);

      /* 16 groups × 4 places × 31 wrong characters, of which 1 per place slips the 4-bit group
       * check (no 4-bit check over 16 bits in 4 characters can do better); the last group's own
       * 4 × 31 substitutions are caught by the whole-key check. */
      g_assert_cmpuint (by_group + by_checksum, ==, 17 * 4 * 31);
      g_assert_cmpuint (by_group, ==, 16 * 4 * 30);
      g_assert_cmpuint (by_checksum, ==, 16 * 4 + 4 * 31);
    }
}

static void
test_transpositions (void)
{
  for (guint n = 0; n < N_SAMPLE_KEYS; n++)
    {
      guint8 key[KEY_SIZE];
      g_autofree char *code = NULL;
      g_autofree char *plain = NULL;
      guint tried = 0;

      sample_key (n, key);
      code = rapport_recovery_code_format (key);
      plain = strip_dashes (code);

      /* Adjacent characters as typed without dashes, so swaps across groups count too. */
      for (guint i = 0; i + 1 < CODE_CHARS; i++)
        {
          char a = plain[i];
          char b = plain[i + 1];

          if (a == b)
            continue;

          plain[i] = b;
          plain[i + 1] = a;
          parse_typo (plain);
          plain[i] = a;
          plain[i + 1] = b;
          tried++;
        }

      g_assert_cmpuint (tried, >, 0);

      /* Whole groups typed in the wrong order. */
      for (guint i = 0; i < RAPPORT_RECOVERY_CODE_GROUPS; i++)
        for (guint j = i + 1; j < RAPPORT_RECOVERY_CODE_GROUPS; j++)
          {
            g_autofree char *swapped = g_strdup (code);
            char tmp[4];

            if (strncmp (code + 5 * i, code + 5 * j, 4) == 0)
              continue;

            memcpy (tmp, swapped + 5 * i, 4);
            memcpy (swapped + 5 * i, swapped + 5 * j, 4);
            memcpy (swapped + 5 * j, tmp, 4);
            parse_typo (swapped);
          }
    }
}

static void
assert_length_error (const char *text,
                     guint       n_chars)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint8 parsed[KEY_SIZE];

  g_assert_false (rapport_recovery_code_parse (text, parsed, &error));
  g_assert_error (error, RAPPORT_RECOVERY_CODE_ERROR, RAPPORT_RECOVERY_CODE_ERROR_LENGTH);

  expected = g_strdup_printf ("A recovery code has 68 characters; this one has %u", n_chars);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==, expected);
}

static void
test_length (void)
{
  guint8 key[KEY_SIZE];
  g_autofree char *code = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *longer = NULL;

  rapport_test_random_key (key);
  code = rapport_recovery_code_format (key);
  plain = strip_dashes (code);

  assert_length_error ("", 0);
  assert_length_error (" - \n", 0);
  assert_length_error ("ABCD", 4);

  /* A character dropped anywhere. */
  for (guint i = 0; i < CODE_CHARS; i += 7)
    {
      g_autofree char *shorter = g_strdup (plain);

      memmove (shorter + i, shorter + i + 1, CODE_CHARS - i);
      assert_length_error (shorter, 67);
    }

  /* A character doubled, and a group typed twice. */
  longer = g_strdup_printf ("%c%s", plain[0], plain);
  assert_length_error (longer, 69);
  g_clear_pointer (&longer, g_free);
  longer = g_strdup_printf ("%.4s-%s", code, code);
  assert_length_error (longer, 72);
}

static void
assert_character_error (const char *text,
                        const char *shown,
                        guint       group)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint8 parsed[KEY_SIZE];

  g_assert_false (rapport_recovery_code_parse (text, parsed, &error));
  g_assert_error (error, RAPPORT_RECOVERY_CODE_ERROR, RAPPORT_RECOVERY_CODE_ERROR_CHARACTER);

  expected = g_strdup_printf ("“%s” in group %u is not used in recovery codes; check that group",
                              shown, group);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==, expected);
}

static void
test_bad_character (void)
{
  guint8 key[KEY_SIZE];
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;

  rapport_test_random_key (key);
  code = rapport_recovery_code_format (key);

  /* "U" is left out of the alphabet on purpose (it reads like "V"). */
  text = g_strdup (code);
  text[4 * 5 + 2] = 'U';
  assert_character_error (text, "U", 5);

  text[4 * 5 + 2] = 'u';
  assert_character_error (text, "u", 5);
  g_clear_pointer (&text, g_free);

  text = g_strdup (code);
  text[0] = '*';
  assert_character_error (text, "*", 1);
  g_clear_pointer (&text, g_free);

  text = g_strdup (code);
  text[16 * 5 + 3] = '.';
  assert_character_error (text, ".", 17);
  g_clear_pointer (&text, g_free);

  /* The group counts code characters, whatever separates them. */
  text = strip_dashes (code);
  text[9] = '#';
  assert_character_error (text, "#", 3);
  g_clear_pointer (&text, g_free);

  /* Non-ASCII characters are named whole. */
  text = g_strdup_printf ("%.10sé%s", code, code + 11);
  assert_character_error (text, "é", 3);
  g_clear_pointer (&text, g_free);

  /* Text that is not UTF-8 at all. */
  {
    g_autoptr(GError) error = NULL;
    guint8 parsed[KEY_SIZE];

    text = g_strdup (code);
    text[7] = (char) 0xff;
    g_assert_false (rapport_recovery_code_parse (text, parsed, &error));
    g_assert_error (error, RAPPORT_RECOVERY_CODE_ERROR, RAPPORT_RECOVERY_CODE_ERROR_CHARACTER);
  }
}

static void
test_group_named (void)
{
  guint8 key[KEY_SIZE];
  g_autofree char *code = NULL;
  guint named = 0;

  sample_key (2, key);
  code = rapport_recovery_code_format (key);

  /* Each group of 1..16 has some typo its own check catches, and the message names it. */
  for (guint g = 0; g < 16; g++)
    {
      guint pos = g * 5 + 1;
      char original = code[pos];

      for (const char *c = alphabet; *c; c++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *expected = NULL;
          guint8 parsed[KEY_SIZE];

          if (*c == original)
            continue;

          code[pos] = *c;
          g_assert_false (rapport_recovery_code_parse (code, parsed, &error));
          code[pos] = original;

          if (g_error_matches (error, RAPPORT_RECOVERY_CODE_ERROR,
                               RAPPORT_RECOVERY_CODE_ERROR_GROUP))
            {
              expected = g_strdup_printf ("Group %u has a typo; compare it with your copy", g + 1);
              g_assert_cmpstr (error->message, ==, expected);
              named++;
              break;
            }
        }
    }

  g_assert_cmpuint (named, ==, 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/recovery-code/round-trip", test_round_trip);
  g_test_add_func ("/rapport/recovery-code/format", test_format);
  g_test_add_func ("/rapport/recovery-code/lenient", test_lenient);
  g_test_add_func ("/rapport/recovery-code/substitutions", test_substitutions);
  g_test_add_func ("/rapport/recovery-code/transpositions", test_transpositions);
  g_test_add_func ("/rapport/recovery-code/length", test_length);
  g_test_add_func ("/rapport/recovery-code/bad-character", test_bad_character);
  g_test_add_func ("/rapport/recovery-code/group-named", test_group_named);

  return g_test_run ();
}
