/* fuzz-vcard.c
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

#include "rapport-vcard.h"
#include "rapport-fuzz.h"

/* Every text property a colleague has; all of them are UTF-8 whatever the file was. */
static const char *text_fields[] = {
  "name", "role", "specialty", "organization", "phone", "email", "messaging", "interests",
  "birthday", "notes", "raw-vcard",
};

/* Fields that come back unchanged from a card Rapport wrote, for a colleague the store would
 * accept (one-line fields without control characters). */
static const char *kept_fields[] = {
  "name", "organization", "email", "birthday",
};

static void
check_colleague (RapportColleague *colleague)
{
  g_autofree char *name = NULL;
  GBytes *photo;

  g_assert_true (RAPPORT_IS_COLLEAGUE (colleague));
  g_assert_cmpint (rapport_colleague_get_id (colleague), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (colleague, text_fields[i], &value, NULL);
      g_assert_nonnull (value);
      g_assert_true (g_utf8_validate (value, -1, NULL));
    }

  /* A card without a name, a structured name or an organisation is a problem, not a colleague. */
  name = g_strstrip (g_strdup (rapport_colleague_get_name (colleague)));
  g_assert_cmpstr (name, !=, "");

  g_assert_true (rapport_validate_birthday (rapport_colleague_get_birthday (colleague), NULL));
  g_assert_cmpuint (strlen (rapport_colleague_get_raw_vcard (colleague)), <=,
                    RAPPORT_MAX_NOTES_LENGTH);

  photo = rapport_colleague_get_photo (colleague);
  if (photo != NULL)
    {
      g_assert_cmpuint (g_bytes_get_size (photo), >, 0);
      g_assert_cmpuint (g_bytes_get_size (photo), <=, RAPPORT_MAX_PHOTO_SIZE);
    }
}

static void
check_problems (GPtrArray *problems)
{
  guint last = 0;

  g_assert_nonnull (problems);

  /* At most one problem per card, in file order. */
  for (guint i = 0; i < problems->len; i++)
    {
      RapportVCardProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->card, >, last);
      last = problem->card;
      g_assert_nonnull (problem->reason);
      g_assert_cmpstr (problem->reason, !=, "");
      g_assert_true (g_utf8_validate (problem->reason, -1, NULL));
    }
}

/* What Rapport writes, it reads back: one card per colleague, none skipped, and the fields of a
 * valid colleague unchanged. Unmodelled properties travel in raw-vcard, so this also checks that
 * nothing from an imported card can break out of its own card on export. */
static void
check_round_trip (GPtrArray              *colleagues,
                  RapportVCardVersion     version,
                  RapportVCardWriteFlags  flags)
{
  g_autofree char *text = rapport_vcard_write (colleagues, version, flags, NULL, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  again = rapport_vcard_parse (text, strlen (text), &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (again->len, ==, colleagues->len);

  for (guint i = 0; i < MIN (again->len, colleagues->len); i++)
    {
      RapportColleague *before = g_ptr_array_index (colleagues, i);
      RapportColleague *after = g_ptr_array_index (again, i);

      if (!rapport_colleague_validate (before, NULL))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (kept_fields); j++)
        {
          g_autofree char *value_before = NULL;
          g_autofree char *value_after = NULL;

          g_object_get (before, kept_fields[j], &value_before, NULL);
          g_object_get (after, kept_fields[j], &value_after, NULL);
          g_assert_cmpstr (value_before, ==, value_after);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GPtrArray) quiet = NULL;

  colleagues = rapport_vcard_parse ((const char *) data, size, &problems);
  g_assert_nonnull (colleagues);
  check_problems (problems);

  for (guint i = 0; i < colleagues->len; i++)
    check_colleague (g_ptr_array_index (colleagues, i));

  /* Not asking for problems reads the same colleagues. */
  quiet = rapport_vcard_parse ((const char *) data, size, NULL);
  g_assert_cmpuint (quiet->len, ==, colleagues->len);

  if (colleagues->len > 0)
    {
      check_round_trip (colleagues, RAPPORT_VCARD_VERSION_4_0, RAPPORT_VCARD_WRITE_PERSONAL);
      check_round_trip (colleagues, RAPPORT_VCARD_VERSION_3_0, RAPPORT_VCARD_WRITE_PERSONAL);
      check_round_trip (colleagues, RAPPORT_VCARD_VERSION_4_0, RAPPORT_VCARD_WRITE_COMPACT);
    }

  return 0;
}
