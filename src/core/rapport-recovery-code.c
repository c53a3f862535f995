/* rapport-recovery-code.c
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

#define G_LOG_DOMAIN "rapport-recovery-code"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-recovery-code.h"

/* Layout of a code: 17 groups of 4 characters, each character 5 bits.
 *
 * Groups 1 to 16 hold 20 bits: key byte 2i (8 bits), key byte 2i+1 (8 bits), then a 4-bit check.
 * The check is a CRC-4 (x⁴ + x + 1) over the group's index (0..15, 4 bits) followed by its two
 * bytes. Every character covers 5 consecutive bits of that message, and the only nonzero 5-bit
 * pattern the CRC cannot see is the polynomial itself, so a substitution in a group slips past its
 * check for just 1 of the 31 wrong characters at each position: the best any 4-bit check can do
 * (with 16 data bits in 4 characters of 5 bits, no group code can catch every substitution). The
 * index makes the check differ between groups, so a group typed in the wrong place is caught too.
 *
 * Group 17 is a CRC-20 of the whole key, with x²⁰ + x¹⁹ + x⁶ + x⁵ + x³ + 1 = (x + 1)·p(x), p
 * primitive. The key's bits run through it in the order they appear in the code, and a CRC of
 * degree 20 catches every error confined to 20 consecutive bits: whatever a group check lets
 * through (at most one group's 16 bits, or the 6 bits a swap across two groups touches) is caught
 * here, and the (x + 1) factor also catches any odd number of flipped bits. */

#define KEY_SIZE        32
#define GROUP_CHARS     4
#define DATA_GROUPS     (RAPPORT_RECOVERY_CODE_GROUPS - 1)
#define CODE_CHARS      (RAPPORT_RECOVERY_CODE_GROUPS * GROUP_CHARS)
#define FORMATTED_CHARS (CODE_CHARS + RAPPORT_RECOVERY_CODE_GROUPS - 1)

#define CRC4_POLY       0x3        /* x⁴ + x + 1, without the x⁴ term */
#define CRC20_POLY      0x80069    /* x²⁰ + x¹⁹ + x⁶ + x⁵ + x³ + 1, without the x²⁰ term */
#define CRC20_INIT      0xfffff
#define MASK20          0xfffff

G_STATIC_ASSERT (DATA_GROUPS * 2 == KEY_SIZE);
G_STATIC_ASSERT (CODE_CHARS == 68);

G_DEFINE_QUARK (rapport-recovery-code-error-quark, rapport_recovery_code_error)

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Runs the top n_bits of value, most significant first, through a CRC register of width bits. */
static guint32
crc_update (guint32 crc,
            guint32 value,
            guint   n_bits,
            guint   width,
            guint32 poly)
{
  guint32 top = 1u << (width - 1);
  guint32 mask = (width == 32) ? 0xffffffffu : ((1u << width) - 1);

  for (guint i = n_bits; i > 0; i--)
    {
      gboolean bit = ((value >> (i - 1)) & 1) != 0;
      gboolean feedback = ((crc & top) != 0) != bit;

      crc = (crc << 1) & mask;
      if (feedback)
        crc ^= poly;
    }

  return crc;
}

static guint
group_check (guint  index,
             guint8 b0,
             guint8 b1)
{
  guint32 message = (index << 16) | (b0 << 8) | b1;

  return crc_update (0, message, 20, 4, CRC4_POLY);
}

static guint32
key_check (const guint8 *key)
{
  guint32 crc = CRC20_INIT;

  for (guint i = 0; i < KEY_SIZE; i++)
    crc = crc_update (crc, key[i], 8, 20, CRC20_POLY);

  return crc & MASK20;
}

static guint32
read_group (const guint8 *symbols)
{
  return ((guint32) symbols[0] << 15) | ((guint32) symbols[1] << 10) |
         ((guint32) symbols[2] << 5) | symbols[3];
}

static void
write_group (char    *out,
             guint32  value)
{
  for (guint i = 0; i < GROUP_CHARS; i++)
    out[i] = alphabet[(value >> (5 * (GROUP_CHARS - 1 - i))) & 31];
}

/* Returns the 5-bit value of a code character, or -1 when codes never use it. */
static int
decode_char (gunichar c)
{
  const char *found;

  if (c >= 0x80)
    return -1;

  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';

  if (c == 0 || (found = strchr (alphabet, (int) c)) == NULL)
    return -1;

  return found - alphabet;
}

/* Spaces, line breaks and dashes of any kind only separate groups; people paste codes from
 * documents that turn "-" into "–" or wrap lines with non-breaking spaces. */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) ||
         c == '-' ||
         c == 0x00A0 ||                   /* no-break space */
         (c >= 0x2010 && c <= 0x2015) ||  /* hyphens and dashes */
         c == 0x2212 ||                   /* minus sign */
         c == 0x200B ||                   /* zero width space */
         c == 0xFEFF;                     /* byte order mark */
}

static char *
describe_char (gunichar c)
{
  if (g_unichar_isprint (c))
    {
      char buf[7] = { 0 };

      g_unichar_to_utf8 (c, buf);
      return g_strdup (buf);
    }

  return g_strdup_printf ("U+%04X", c);
}

char *
rapport_recovery_code_format (const guint8 *key)
{
  char *code;
  char *p;

  g_return_val_if_fail (key != NULL, NULL);

  code = g_malloc (FORMATTED_CHARS + 1);
  p = code;

  for (guint g = 0; g < RAPPORT_RECOVERY_CODE_GROUPS; g++)
    {
      guint32 value;

      if (g < DATA_GROUPS)
        {
          guint8 b0 = key[2 * g];
          guint8 b1 = key[2 * g + 1];

          value = ((guint32) b0 << 12) | ((guint32) b1 << 4) | group_check (g, b0, b1);
        }
      else
        {
          value = key_check (key);
        }

      if (g > 0)
        *p++ = '-';
      write_group (p, value);
      p += GROUP_CHARS;
    }

  *p = '\0';
  g_assert (p - code == FORMATTED_CHARS);

  return code;
}

gboolean
rapport_recovery_code_parse (const char  *text,
                             guint8      *key_out,
                             GError     **error)
{
  guint8 symbols[CODE_CHARS];
  guint8 key[KEY_SIZE];
  guint n_chars = 0;
  gboolean ret = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (key_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error,
                           RAPPORT_RECOVERY_CODE_ERROR,
                           RAPPORT_RECOVERY_CODE_ERROR_CHARACTER,
                           _("The recovery code contains characters that cannot be read; "
                             "type it again from your copy"));
      return FALSE;
    }

  /* Count every character first, so a code that is simply too long is reported as such rather
   * than as a stray character in a group that does not exist. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_separator (c))
        continue;

      if (n_chars < CODE_CHARS)
        {
          int value = decode_char (c);

          if (value < 0)
            {
              g_autofree char *shown = describe_char (c);

              /* Translators: the first %s is a character, %u a group number (1 to 17). */
              g_set_error (error,
                           RAPPORT_RECOVERY_CODE_ERROR,
                           RAPPORT_RECOVERY_CODE_ERROR_CHARACTER,
                           _("“%s” in group %u is not used in recovery codes; check that group"),
                           shown, n_chars / GROUP_CHARS + 1);
              goto out;
            }

          symbols[n_chars] = value;
        }

      n_chars++;
    }

  if (n_chars != CODE_CHARS)
    {
      g_set_error (error,
                   RAPPORT_RECOVERY_CODE_ERROR,
                   RAPPORT_RECOVERY_CODE_ERROR_LENGTH,
                   ngettext ("A recovery code has 68 characters; this one has %u",
                             "A recovery code has 68 characters; this one has %u",
                             n_chars),
                   n_chars);
      goto out;
    }

  for (guint g = 0; g < DATA_GROUPS; g++)
    {
      guint32 value = read_group (&symbols[g * GROUP_CHARS]);
      guint8 b0 = (value >> 12) & 0xff;
      guint8 b1 = (value >> 4) & 0xff;
      gboolean ok = group_check (g, b0, b1) == (value & 0xf);

      key[2 * g] = b0;
      key[2 * g + 1] = b1;

      if (!ok)
        {
          /* Translators: %u is a group number (1 to 16). */
          g_set_error (error,
                       RAPPORT_RECOVERY_CODE_ERROR,
                       RAPPORT_RECOVERY_CODE_ERROR_GROUP,
                       _("Group %u has a typo; compare it with your copy"),
                       g + 1);
          goto out;
        }
    }

  if (read_group (&symbols[DATA_GROUPS * GROUP_CHARS]) != key_check (key))
    {
      g_set_error_literal (error,
                           RAPPORT_RECOVERY_CODE_ERROR,
                           RAPPORT_RECOVERY_CODE_ERROR_CHECKSUM,
                           _("This recovery code has a typo the group checks could not pin down; "
                             "compare the whole code with your copy"));
      goto out;
    }

  memcpy (key_out, key, KEY_SIZE);
  ret = TRUE;

out:
  explicit_bzero (symbols, sizeof symbols);
  explicit_bzero (key, sizeof key);

  return ret;
}
