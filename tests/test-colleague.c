/* test-colleague.c
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

#define G_LOG_DOMAIN "rapport-test-colleague"

#include "config.h"

#include <string.h>

#include "rapport-colleague.h"
#include "rapport-test-utils.h"

static const char *string_properties[] = {
  "name", "role", "specialty", "organization", "phone", "email", "messaging", "interests",
  "birthday", "notes",
};

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GHashTable *counts)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
notify_count (GHashTable *counts,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static guint
notify_total (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static RapportColleague *
make_full_colleague (void)
{
  return g_object_new (RAPPORT_TYPE_COLLEAGUE,
                       "id", (gint64) 42,
                       "name", "Ana Pedrosa",
                       "role", "RN",
                       "specialty", "ICU",
                       "organization", "St. Mary’s",
                       "phone", "+1 (555) 010-2030",
                       "email", "ana@example.org",
                       "messaging", "@ana:matrix.org",
                       "interests", "climbing\nsourdough",
                       "support-kind", RAPPORT_SUPPORT_KIND_MENTOR,
                       "birthday", "1988-04-12",
                       "notes", "Met on night shift.\nLikes “flat white”.",
                       "cadence-days", 14u,
                       "archived", TRUE,
                       "created-at", (gint64) 1700000000,
                       "updated-at", (gint64) 1700000500,
                       NULL);
}

static void
test_properties (void)
{
  RapportColleague *colleague = make_full_colleague ();
  RapportSupportKind kind = RAPPORT_SUPPORT_KIND_NONE;
  GParamSpec *pspec;
  g_autofree char *notes = NULL;
  gint64 id = 0;
  gint64 created_at = 0;
  guint cadence_days = 0;
  gboolean archived = FALSE;

  g_assert_cmpint (rapport_colleague_get_id (colleague), ==, 42);
  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "Ana Pedrosa");
  g_assert_cmpstr (rapport_colleague_get_role (colleague), ==, "RN");
  g_assert_cmpstr (rapport_colleague_get_specialty (colleague), ==, "ICU");
  g_assert_cmpstr (rapport_colleague_get_organization (colleague), ==, "St. Mary’s");
  g_assert_cmpstr (rapport_colleague_get_phone (colleague), ==, "+1 (555) 010-2030");
  g_assert_cmpstr (rapport_colleague_get_email (colleague), ==, "ana@example.org");
  g_assert_cmpstr (rapport_colleague_get_messaging (colleague), ==, "@ana:matrix.org");
  g_assert_cmpstr (rapport_colleague_get_interests (colleague), ==, "climbing\nsourdough");
  g_assert_cmpint (rapport_colleague_get_support_kind (colleague), ==,
                   RAPPORT_SUPPORT_KIND_MENTOR);
  g_assert_cmpstr (rapport_colleague_get_birthday (colleague), ==, "1988-04-12");
  g_assert_cmpstr (rapport_colleague_get_notes (colleague), ==,
                   "Met on night shift.\nLikes “flat white”.");
  g_assert_cmpuint (rapport_colleague_get_cadence_days (colleague), ==, 14);
  g_assert_true (rapport_colleague_get_archived (colleague));
  g_assert_cmpint (rapport_colleague_get_created_at (colleague), ==, 1700000000);
  g_assert_cmpint (rapport_colleague_get_updated_at (colleague), ==, 1700000500);

  g_object_get (colleague,
                "id", &id,
                "notes", &notes,
                "support-kind", &kind,
                "cadence-days", &cadence_days,
                "archived", &archived,
                "created-at", &created_at,
                NULL);
  g_assert_cmpint (id, ==, 42);
  g_assert_cmpstr (notes, ==, "Met on night shift.\nLikes “flat white”.");
  g_assert_cmpint (kind, ==, RAPPORT_SUPPORT_KIND_MENTOR);
  g_assert_cmpuint (cadence_days, ==, 14);
  g_assert_true (archived);
  g_assert_cmpint (created_at, ==, 1700000000);

  /* The enum is a real GEnum, so expressions and bindings see its type. */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (colleague), "support-kind");
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == RAPPORT_TYPE_SUPPORT_KIND);

  /* Each setter changes its own field only. */
  rapport_colleague_set_role (colleague, "PT");
  rapport_colleague_set_specialty (colleague, "Ortho");
  rapport_colleague_set_support_kind (colleague, RAPPORT_SUPPORT_KIND_LOCAL_GUIDE);
  rapport_colleague_set_archived (colleague, FALSE);
  g_assert_cmpstr (rapport_colleague_get_role (colleague), ==, "PT");
  g_assert_cmpstr (rapport_colleague_get_specialty (colleague), ==, "Ortho");
  g_assert_cmpstr (rapport_colleague_get_organization (colleague), ==, "St. Mary’s");
  g_assert_cmpint (rapport_colleague_get_support_kind (colleague), ==,
                   RAPPORT_SUPPORT_KIND_LOCAL_GUIDE);
  g_assert_false (rapport_colleague_get_archived (colleague));

  g_assert_finalize_object (colleague);
}

static void
test_null_strings (void)
{
  RapportColleague *colleague = rapport_colleague_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (colleague, string_properties[i], &value, NULL);
      g_assert_cmpstr (value, ==, "");
    }

  rapport_colleague_set_name (colleague, "Bo");
  rapport_colleague_set_notes (colleague, "something");
  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "Bo");

  rapport_colleague_set_name (colleague, NULL);
  g_object_set (colleague, "notes", NULL, NULL);
  g_assert_nonnull (rapport_colleague_get_name (colleague));
  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "");
  g_assert_cmpstr (rapport_colleague_get_notes (colleague), ==, "");
  g_assert_cmpint (rapport_colleague_get_id (colleague), ==, 0);

  g_assert_finalize_object (colleague);
}

static void
test_notify (void)
{
  RapportColleague *colleague = rapport_colleague_new ("Ana");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (colleague, "notify", G_CALLBACK (count_notify_cb), counts);

  /* Unchanged values notify nothing. */
  rapport_colleague_set_name (colleague, "Ana");
  rapport_colleague_set_role (colleague, "");
  rapport_colleague_set_role (colleague, NULL);
  rapport_colleague_set_cadence_days (colleague, 0);
  rapport_colleague_set_archived (colleague, FALSE);
  rapport_colleague_set_support_kind (colleague, RAPPORT_SUPPORT_KIND_NONE);
  rapport_colleague_set_id (colleague, 0);
  g_object_set (colleague, "name", "Ana", NULL);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  /* A change notifies once, for that property only. */
  rapport_colleague_set_name (colleague, "Ana P.");
  g_assert_cmpuint (notify_count (counts, "name"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 1);

  rapport_colleague_set_name (colleague, "Ana P.");
  g_assert_cmpuint (notify_count (counts, "name"), ==, 1);

  g_object_set (colleague, "role", "RN", NULL);
  rapport_colleague_set_cadence_days (colleague, 30);
  rapport_colleague_set_archived (colleague, TRUE);
  rapport_colleague_set_archived (colleague, 2);   /* still TRUE */
  rapport_colleague_set_support_kind (colleague, RAPPORT_SUPPORT_KIND_PEER);
  rapport_colleague_set_updated_at (colleague, 5);
  rapport_colleague_set_updated_at (colleague, 5);
  g_assert_cmpuint (notify_count (counts, "role"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "cadence-days"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "archived"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "support-kind"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "updated-at"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 6);

  g_signal_handlers_disconnect_by_data (colleague, counts);
  g_assert_finalize_object (colleague);
}

static void
test_dup_assign (void)
{
  RapportColleague *original = make_full_colleague ();
  RapportColleague *copy = rapport_colleague_dup (original);
  RapportColleague *target = rapport_colleague_new ("Someone");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  /* dup: a separate object with every field, the id included. */
  g_assert_true (copy != original);
  g_assert_cmpint (rapport_colleague_get_id (copy), ==, 42);
  rapport_test_assert_same_colleague (original, copy);

  rapport_colleague_set_notes (copy, "changed");
  g_assert_cmpstr (rapport_colleague_get_notes (original), !=, "changed");

  /* assign: everything but the id. */
  rapport_colleague_set_id (target, 7);
  rapport_colleague_assign (target, original);
  g_assert_cmpint (rapport_colleague_get_id (target), ==, 7);
  rapport_test_assert_same_colleague (original, target);

  /* Assigning an equal colleague notifies nothing; one difference notifies one property. */
  g_signal_connect (target, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_colleague_assign (target, original);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_colleague_set_notes (copy, "Only the notes differ");
  rapport_colleague_set_id (copy, 99);
  rapport_colleague_set_notes (original, "Only the notes differ");
  rapport_colleague_set_role (original, "Hospitalist");
  rapport_colleague_assign (target, original);
  g_assert_cmpuint (notify_count (counts, "notes"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "role"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "id"), ==, 0);
  g_assert_cmpuint (notify_total (counts), ==, 2);
  g_assert_cmpint (rapport_colleague_get_id (target), ==, 7);

  g_signal_handlers_disconnect_by_data (target, counts);
  g_assert_finalize_object (original);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
test_last_interaction_at (void)
{
  RapportColleague *colleague = make_full_colleague ();
  RapportColleague *copy = NULL;
  RapportColleague *target = rapport_colleague_new ("Someone");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GParamSpec *pspec;
  gint64 value = -1;

  g_assert_cmpint (rapport_colleague_get_last_interaction_at (colleague), ==, 0);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (colleague), "last-interaction-at");
  g_assert_nonnull (pspec);
  if (pspec != NULL)
    g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_INT64);

  g_signal_connect (colleague, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_colleague_set_last_interaction_at (colleague, 0);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_colleague_set_last_interaction_at (colleague, 1767225600);
  rapport_colleague_set_last_interaction_at (colleague, 1767225600);
  g_assert_cmpuint (notify_count (counts, "last-interaction-at"), ==, 1);
  g_assert_cmpint (rapport_colleague_get_last_interaction_at (colleague), ==, 1767225600);

  g_object_set (colleague, "last-interaction-at", (gint64) 1767312000, NULL);
  g_object_set (colleague, "last-interaction-at", (gint64) 1767312000, NULL);
  g_object_get (colleague, "last-interaction-at", &value, NULL);
  g_assert_cmpint (value, ==, 1767312000);
  g_assert_cmpuint (notify_count (counts, "last-interaction-at"), ==, 2);
  g_assert_cmpuint (notify_total (counts), ==, 2);
  g_signal_handlers_disconnect_by_data (colleague, counts);

  /* Not a stored field: dup and assign leave it alone. */
  copy = rapport_colleague_dup (colleague);
  g_assert_cmpint (rapport_colleague_get_last_interaction_at (copy), ==, 0);

  rapport_colleague_set_last_interaction_at (target, 5);
  g_hash_table_remove_all (counts);
  g_signal_connect (target, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_colleague_assign (target, colleague);
  g_assert_cmpint (rapport_colleague_get_last_interaction_at (target), ==, 5);
  g_assert_cmpuint (notify_count (counts, "last-interaction-at"), ==, 0);
  g_signal_handlers_disconnect_by_data (target, counts);

  /* It does not take part in validation either. */
  g_assert_true (rapport_colleague_validate (colleague, NULL));

  g_assert_finalize_object (colleague);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
assert_invalid (RapportColleague      *colleague,
                RapportColleagueError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_colleague_validate (colleague, &error));
  g_assert_error (error, RAPPORT_COLLEAGUE_ERROR, (int) code);
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");
}

static void
test_photo_raw_vcard (void)
{
  RapportColleague *colleague = rapport_colleague_new ("Ada Lovelace");
  RapportColleague *copy = NULL;
  RapportColleague *target = rapport_colleague_new ("Other");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) photo = g_bytes_new_static ("\xff\xd8\xff\xe0jpeg", 8);
  g_autoptr(GBytes) same = g_bytes_new ("\xff\xd8\xff\xe0jpeg", 8);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *long_raw = NULL;

  /* Unset: no photo, an empty raw card. */
  g_assert_null (rapport_colleague_get_photo (colleague));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (colleague), ==, "");

  g_signal_connect (colleague, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_colleague_set_photo (colleague, photo);
  rapport_colleague_set_photo (colleague, same);   /* equal bytes: no change */
  g_assert_cmpuint (notify_count (counts, "photo"), ==, 1);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (colleague), photo));
  g_object_get (colleague, "photo", &got, NULL);
  g_assert_true (g_bytes_equal (got, photo));

  rapport_colleague_set_raw_vcard (colleague, "BEGIN:VCARD\r\nNICKNAME:Ada\r\nEND:VCARD\r\n");
  rapport_colleague_set_raw_vcard (colleague, "BEGIN:VCARD\r\nNICKNAME:Ada\r\nEND:VCARD\r\n");
  g_assert_cmpuint (notify_count (counts, "raw-vcard"), ==, 1);
  g_object_get (colleague, "raw-vcard", &raw, NULL);
  g_assert_cmpstr (raw, ==, "BEGIN:VCARD\r\nNICKNAME:Ada\r\nEND:VCARD\r\n");
  rapport_colleague_set_raw_vcard (colleague, NULL);
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (colleague), ==, "");
  rapport_colleague_set_raw_vcard (colleague, raw);
  g_signal_handlers_disconnect_by_data (colleague, counts);

  /* dup and assign carry both. */
  copy = rapport_colleague_dup (colleague);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (copy), photo));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (copy), ==, raw);
  rapport_colleague_assign (target, colleague);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (target), photo));
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (target), ==, raw);
  rapport_colleague_set_photo (copy, NULL);
  rapport_colleague_assign (target, copy);
  g_assert_null (rapport_colleague_get_photo (target));

  /* An empty photo is no photo. */
  rapport_colleague_set_photo (target, empty);
  g_assert_null (rapport_colleague_get_photo (target));

  /* Limits: 1 MiB of photo, the notes limit for the raw card. */
  g_assert_true (rapport_colleague_validate (colleague, NULL));
  huge = g_bytes_new_take (g_malloc0 (RAPPORT_MAX_PHOTO_SIZE + 1), RAPPORT_MAX_PHOTO_SIZE + 1);
  rapport_colleague_set_photo (colleague, huge);
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_TOO_LONG);
  rapport_colleague_set_photo (colleague, photo);
  long_raw = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'x');
  rapport_colleague_set_raw_vcard (colleague, long_raw);
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_TOO_LONG);
  long_raw[RAPPORT_MAX_NOTES_LENGTH] = '\0';
  rapport_colleague_set_raw_vcard (colleague, long_raw);
  g_assert_true (rapport_colleague_validate (colleague, NULL));

  g_assert_finalize_object (colleague);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
test_new_with_fields (void)
{
  guint8 picture[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10 };
  RapportColleagueFields fields = {
    .id = 42,
    .name = "Ana Pedrosa",
    .role = "RN",
    .specialty = NULL,
    .organization = "St. Mary’s",
    .email = "ana@example.org",
    .interests = "",
    .support_kind = RAPPORT_SUPPORT_KIND_MENTOR,
    .birthday = "--04-12",
    .notes = "Met on night shift.\nLikes “flat white”.",
    .cadence_days = 14,
    .archived = TRUE,
    .created_at = 1700000000,
    .updated_at = 1700000500,
    .last_interaction_at = 1700000900,
    .photo = picture,
    .photo_size = sizeof picture,
  };
  g_autoptr(RapportColleague) expected = make_full_colleague ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  RapportColleague *colleague = rapport_colleague_new_with_fields (&fields);
  RapportColleague *copy;
  GBytes *photo;

  g_assert_cmpint (rapport_colleague_get_id (colleague), ==, 42);
  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "Ana Pedrosa");
  g_assert_cmpstr (rapport_colleague_get_role (colleague), ==, "RN");
  g_assert_cmpstr (rapport_colleague_get_organization (colleague), ==, "St. Mary’s");
  g_assert_cmpstr (rapport_colleague_get_email (colleague), ==, "ana@example.org");
  g_assert_cmpstr (rapport_colleague_get_birthday (colleague), ==, "--04-12");
  g_assert_cmpstr (rapport_colleague_get_notes (colleague), ==, fields.notes);
  g_assert_cmpint (rapport_colleague_get_support_kind (colleague), ==,
                   RAPPORT_SUPPORT_KIND_MENTOR);
  g_assert_cmpuint (rapport_colleague_get_cadence_days (colleague), ==, 14);
  g_assert_true (rapport_colleague_get_archived (colleague));
  g_assert_cmpint (rapport_colleague_get_created_at (colleague), ==, 1700000000);
  g_assert_cmpint (rapport_colleague_get_updated_at (colleague), ==, 1700000500);
  g_assert_cmpint (rapport_colleague_get_last_interaction_at (colleague), ==, 1700000900);

  /* NULL and "" are both unset, and unset strings read as "", never NULL. */
  g_assert_cmpstr (rapport_colleague_get_specialty (colleague), ==, "");
  g_assert_cmpstr (rapport_colleague_get_phone (colleague), ==, "");
  g_assert_cmpstr (rapport_colleague_get_messaging (colleague), ==, "");
  g_assert_cmpstr (rapport_colleague_get_interests (colleague), ==, "");
  g_assert_cmpstr (rapport_colleague_get_raw_vcard (colleague), ==, "");

  /* The photo is a copy: the row it came from goes away. */
  photo = rapport_colleague_get_photo (colleague);
  g_assert_nonnull (photo);
  if (photo != NULL)
    {
      g_assert_cmpmem (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo),
                       picture, sizeof picture);
      memset (picture, 0, sizeof picture);
      g_assert_cmpuint (((const guint8 *) g_bytes_get_data (photo, NULL))[0], ==, 0xff);
    }

  /* Setters work on the fields as usual afterwards, unset ones included. */
  g_signal_connect (colleague, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_colleague_set_phone (colleague, "");
  rapport_colleague_set_name (colleague, "Ana Pedrosa");
  g_assert_cmpuint (notify_total (counts), ==, 0);
  rapport_colleague_set_phone (colleague, "+1 555 0100");
  rapport_colleague_set_phone (colleague, NULL);
  rapport_colleague_set_name (colleague, "");
  g_assert_cmpuint (notify_count (counts, "phone"), ==, 2);
  g_assert_cmpuint (notify_count (counts, "name"), ==, 1);
  g_assert_cmpstr (rapport_colleague_get_phone (colleague), ==, "");
  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "");
  g_signal_handlers_disconnect_by_func (colleague, count_notify_cb, counts);

  copy = rapport_colleague_dup (colleague);
  g_assert_cmpint (rapport_colleague_get_id (copy), ==, 42);
  g_assert_cmpstr (rapport_colleague_get_notes (copy), ==, fields.notes);
  g_assert_true (g_bytes_equal (rapport_colleague_get_photo (copy), photo));
  g_assert_finalize_object (copy);
  g_assert_finalize_object (colleague);

  /* An empty photo is none; every field given matches what the setters make. */
  fields.photo_size = 0;
  fields.specialty = "ICU";
  fields.phone = "+1 (555) 010-2030";
  fields.messaging = "@ana:matrix.org";
  fields.interests = "climbing\nsourdough";
  fields.birthday = "1988-04-12";
  colleague = rapport_colleague_new_with_fields (&fields);
  g_assert_null (rapport_colleague_get_photo (colleague));
  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *expected_value = NULL;

      g_object_get (colleague, string_properties[i], &value, NULL);
      g_object_get (expected, string_properties[i], &expected_value, NULL);
      g_assert_cmpstr (value, ==, expected_value);
    }
  g_assert_finalize_object (colleague);
}

/* Explicit direction controls would turn around the text shown after a name; right-to-left
 * scripts and the direction marks are words and stay welcome. */
static void
test_direction_controls (void)
{
  static const char * const refused[] = {
    "Ahmed \u202Eevil\u202C",      /* right-to-left override … pop */
    "Ahmed \u202Bsaid",             /* right-to-left embedding, never closed */
    "\u2067Ahmed\u2069",            /* right-to-left isolate */
    "Ahmed\u2066",                  /* left-to-right isolate */
  };
  g_autoptr(RapportColleague) colleague = make_full_colleague ();

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      rapport_colleague_set_name (colleague, refused[i]);
      g_assert_false (rapport_colleague_validate (colleague, &error));
      g_assert_error (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
      /* The message names the field and never quotes the value. */
      if (error != NULL)
        {
          g_assert_nonnull (strstr (error->message, "Name"));
          g_assert_nonnull (strstr (error->message, "text-direction"));
          g_assert_null (strstr (error->message, "Ahmed"));
        }
    }

  rapport_colleague_set_name (colleague, "Ahmed");
  rapport_colleague_set_role (colleague, "RN \u202E");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
  rapport_colleague_set_role (colleague, "RN");

  /* Hebrew and Arabic with their marks (RLM, LRM, ALM) */
  rapport_colleague_set_name (colleague, "\u05D3\u05E0\u05D4 \u05DB\u05D4\u05DF\u200F (RN)\u200E");
  rapport_colleague_set_organization (colleague, "\u0645\u0633\u062A\u0634\u0641\u0649\u061C 7");
  g_assert_true (rapport_colleague_validate (colleague, NULL));

  /* Notes are the person's own paragraphs: what they pasted there stays. */
  rapport_colleague_set_notes (colleague, "quoted \u202Ebackwards\u202C here");
  g_assert_true (rapport_colleague_validate (colleague, NULL));
}

static void
test_validate (void)
{
  g_autoptr(RapportColleague) colleague = make_full_colleague ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_notes = NULL;
  g_autofree char *long_role = NULL;

  g_assert_true (rapport_colleague_validate (colleague, &error));
  g_assert_no_error (error);

  /* Name */
  rapport_colleague_set_name (colleague, "");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_NAME_REQUIRED);
  rapport_colleague_set_name (colleague, " \t ");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_NAME_REQUIRED);
  {
    g_autoptr(GError) name_error = NULL;

    rapport_colleague_validate (colleague, &name_error);
    g_assert_nonnull (name_error);
    if (name_error != NULL)
      g_assert_cmpstr (name_error->message, ==, "Enter a name");
  }
  rapport_colleague_set_name (colleague, "Ana\nPedrosa");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
  rapport_colleague_set_name (colleague, "Ana\x07Pedrosa");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
  rapport_colleague_set_name (colleague, "Ana\xff Pedrosa");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
  rapport_colleague_set_name (colleague, "Ana Peña Ñúñez 李");
  g_assert_true (rapport_colleague_validate (colleague, NULL));

  /* One-line fields take no control characters, multi-line ones take newlines. */
  rapport_colleague_set_organization (colleague, "Mercy\tGeneral");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
  rapport_colleague_set_organization (colleague, "Mercy General");
  rapport_colleague_set_role (colleague, "R\xc3");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);
  rapport_colleague_set_role (colleague, "RN");
  rapport_colleague_set_notes (colleague, "Line one\nLine two\r\n\tindented");
  rapport_colleague_set_interests (colleague, "hiking\nchess");
  g_assert_true (rapport_colleague_validate (colleague, NULL));
  rapport_colleague_set_notes (colleague, "bad \xc0\x80 bytes");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT);

  /* Lengths: the notes may be 1 MiB, not a byte more; one-line fields 1000 bytes. */
  long_notes = g_malloc (RAPPORT_MAX_NOTES_LENGTH + 2);
  memset (long_notes, 'n', RAPPORT_MAX_NOTES_LENGTH + 1);
  long_notes[RAPPORT_MAX_NOTES_LENGTH + 1] = '\0';
  rapport_colleague_set_notes (colleague, long_notes);
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_TOO_LONG);
  {
    g_autoptr(GError) long_error = NULL;

    rapport_colleague_validate (colleague, &long_error);
    g_assert_nonnull (long_error);
    if (long_error != NULL)
      g_assert_nonnull (strstr (long_error->message, "Notes"));
  }
  long_notes[RAPPORT_MAX_NOTES_LENGTH] = '\0';
  rapport_colleague_set_notes (colleague, long_notes);
  g_assert_true (rapport_colleague_validate (colleague, NULL));
  rapport_colleague_set_interests (colleague, long_notes);
  g_assert_true (rapport_colleague_validate (colleague, NULL));
  rapport_colleague_set_notes (colleague, "");
  rapport_colleague_set_interests (colleague, "");

  long_role = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'r');
  rapport_colleague_set_role (colleague, long_role);
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_TOO_LONG);
  {
    g_autoptr(GError) long_error = NULL;

    rapport_colleague_validate (colleague, &long_error);
    g_assert_nonnull (long_error);
    if (long_error != NULL)
      g_assert_nonnull (strstr (long_error->message, "Role"));
  }
  long_role[RAPPORT_MAX_FIELD_LENGTH] = '\0';
  rapport_colleague_set_role (colleague, long_role);
  g_assert_true (rapport_colleague_validate (colleague, NULL));
  rapport_colleague_set_role (colleague, "RN");

  /* Formats */
  rapport_colleague_set_email (colleague, "not an email");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_EMAIL);
  rapport_colleague_set_email (colleague, "");
  rapport_colleague_set_phone (colleague, "call me");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_PHONE);
  rapport_colleague_set_phone (colleague, "");
  rapport_colleague_set_birthday (colleague, "2023-02-29");
  assert_invalid (colleague, RAPPORT_COLLEAGUE_ERROR_INVALID_BIRTHDAY);
  rapport_colleague_set_birthday (colleague, "04-12");
  g_assert_true (rapport_colleague_validate (colleague, NULL));
  rapport_colleague_set_birthday (colleague, "");
  g_assert_true (rapport_colleague_validate (colleague, NULL));
}

static void
test_email (void)
{
  static const char *good[] = {
    "", "ana@example.org", "a@b.co", "first.last+tag@sub.example.co.uk", "o'hara@example.ie",
    "josé@correo.es", "x_y-z@host-name.example",
  };
  static const char *bad[] = {
    "ana", "@example.org", "ana@", "ana@example", "ana@@example.org", "ana@exa@mple.org",
    "ana pedrosa@example.org", "ana@exa mple.org", " ana@example.org", "ana@example.org ",
    "ana@.example.org", "ana@example.org.", "ana@example..org", "ana@\texample.org",
    "ana\n@example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good email %u: %s", i, good[i]);
      g_assert_true (rapport_validate_email (good[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad email %u: %s", i, bad[i]);
      g_assert_false (rapport_validate_email (bad[i]));
    }
}

static void
test_phone (void)
{
  static const char *good[] = {
    "", "911", "+1 555 010 2030", "(555) 010-2030", "555.010.2030", "+44 20 7946 0958",
    "+1 (555) 010-2030 ext. 42", "555-0100 x12", "555-0100x12", "555 0100 EXT 7",
    "+12345678901234567890", "1234567890 ext 1234567890",
  };
  static const char *bad[] = {
    "12", "+", "()", "---", "call me", "555-CALL", "++1 555 0100", "555 + 0100",
    "(555 010-2030", "555) 010-2030", "((555)) 0100", "123456789012345678901",
    "12345678901 ext 1234567890", "555 0100 ext", "555 0100 ext abc", "555 0100 ext 12 34",
    "555\n0100", "555#0100", "5\xd9\xa5\xd9\xa5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good phone %u: %s", i, good[i]);
      g_assert_true (rapport_validate_phone (good[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad phone %u: %s", i, bad[i]);
      g_assert_false (rapport_validate_phone (bad[i]));
    }
}

static void
test_birthday (void)
{
  static const struct
  {
    const char *input;
    const char *normalized;
  } good[] = {
    { "", "" },
    { "1988-04-12", "1988-04-12" },
    { "2000-02-29", "2000-02-29" },
    { "2024-02-29", "2024-02-29" },
    { "1999-12-31", "1999-12-31" },
    { "--04-12", "--04-12" },
    { "--02-29", "--02-29" },
    { "--12-31", "--12-31" },
    { "04-12", "--04-12" },
    { "02-29", "--02-29" },
  };
  static const char *bad[] = {
    "2023-02-29", "1900-02-29", "1988-13-01", "1988-00-10", "1988-04-31", "1988-04-00",
    "0000-01-01", "88-04-12", "1988/04/12", "1988-4-12", "1988-04-1", "--02-30", "--13-01",
    "--00-10", "-04-12", "04-31", "4-12", "12 April", " 1988-04-12", "1988-04-12 ",
    "198a-04-12", "--4-12", "today",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *normalized = NULL;

      g_test_message ("good birthday %u: %s", i, good[i].input);
      g_assert_true (rapport_validate_birthday (good[i].input, &normalized));
      g_assert_cmpstr (normalized, ==, good[i].normalized);
      g_assert_true (rapport_validate_birthday (good[i].input, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *normalized = NULL;

      g_test_message ("bad birthday %u: %s", i, bad[i]);
      g_assert_false (rapport_validate_birthday (bad[i], &normalized));
      g_assert_null (normalized);
    }
}

static void
test_support_kind (void)
{
  static const char *nicks[] = { "", "mentor", "peer", "friend", "local-guide" };
  GEnumClass *enum_class;

  for (guint i = 0; i < RAPPORT_N_SUPPORT_KINDS; i++)
    {
      g_assert_cmpstr (rapport_support_kind_to_nick (i), ==, nicks[i]);
      g_assert_cmpint (rapport_support_kind_from_nick (nicks[i]), ==, i);
      g_assert_nonnull (rapport_support_kind_to_label (i));
      g_assert_cmpstr (rapport_support_kind_to_label (i), !=, "");
    }

  g_assert_cmpstr (rapport_support_kind_to_label (RAPPORT_SUPPORT_KIND_NONE), ==, "Not Set");
  g_assert_cmpstr (rapport_support_kind_to_label (RAPPORT_SUPPORT_KIND_LOCAL_GUIDE), ==,
                   "Local Guide");
  g_assert_cmpint (rapport_support_kind_from_nick (NULL), ==, RAPPORT_SUPPORT_KIND_NONE);
  g_assert_cmpint (rapport_support_kind_from_nick ("boss"), ==, RAPPORT_SUPPORT_KIND_NONE);
  g_assert_cmpint (rapport_support_kind_from_nick ("Mentor"), ==, RAPPORT_SUPPORT_KIND_NONE);

  enum_class = g_type_class_ref (RAPPORT_TYPE_SUPPORT_KIND);
  g_assert_true (G_TYPE_IS_ENUM (RAPPORT_TYPE_SUPPORT_KIND));
  g_assert_cmpuint (enum_class->n_values, ==, RAPPORT_N_SUPPORT_KINDS);
  g_assert_cmpint (g_enum_get_value_by_nick (enum_class, "local-guide")->value, ==,
                   RAPPORT_SUPPORT_KIND_LOCAL_GUIDE);
  g_type_class_unref (enum_class);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/colleague/properties", test_properties);
  g_test_add_func ("/rapport/colleague/null-strings", test_null_strings);
  g_test_add_func ("/rapport/colleague/new-with-fields", test_new_with_fields);
  g_test_add_func ("/rapport/colleague/notify", test_notify);
  g_test_add_func ("/rapport/colleague/dup-assign", test_dup_assign);
  g_test_add_func ("/rapport/colleague/last-interaction-at", test_last_interaction_at);
  g_test_add_func ("/rapport/colleague/photo-raw-vcard", test_photo_raw_vcard);
  g_test_add_func ("/rapport/colleague/validate", test_validate);
  g_test_add_func ("/rapport/colleague/direction-controls", test_direction_controls);
  g_test_add_func ("/rapport/colleague/email", test_email);
  g_test_add_func ("/rapport/colleague/phone", test_phone);
  g_test_add_func ("/rapport/colleague/birthday", test_birthday);
  g_test_add_func ("/rapport/colleague/support-kind", test_support_kind);

  return g_test_run ();
}
