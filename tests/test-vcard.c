/* test-vcard.c
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

#define G_LOG_DOMAIN "rapport-test-vcard"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rapport-vcard.h"
#include "rapport-store.h"
#include "rapport-store-private.h"
#include "rapport-test-utils.h"

/* The corpus lives in the source tree; meson passes its root. */
static char *
corpus_path (const char *name)
{
  const char *root = g_getenv ("RAPPORT_SOURCE_ROOT");

  if (root == NULL)
    root = "..";

  return g_build_filename (root, "tests", "data", "vcard", name, NULL);
}

static GPtrArray *
parse_corpus (const char  *name,
              GPtrArray  **problems)
{
  g_autofree char *path = corpus_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  if (contents == NULL)
    return g_ptr_array_new ();

  return rapport_vcard_parse (contents, length, problems);
}

static GBytes *
corpus_bytes (const char *name)
{
  g_autofree char *path = corpus_path (name);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static RapportColleague *
only_card (GPtrArray *colleagues)
{
  g_assert_cmpuint (colleagues->len, ==, 1);

  return colleagues->len > 0 ? g_ptr_array_index (colleagues, 0) : rapport_colleague_new ("");
}

static void
assert_no_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      RapportVCardProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("unexpected problem: %s", problem->reason);
    }
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_android_21 (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("android-21-qp.vcf", &problems);
  g_autoptr(GBytes) jpeg = corpus_bytes ("apple-30.jpg");
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Jürgen Müller");
  g_assert_cmpstr (rapport_colleague_get_phone (c), ==, "+1-555-010-0199");
  g_assert_cmpstr (rapport_colleague_get_email (c), ==, "juergen@example.org");
  g_assert_cmpstr (rapport_colleague_get_organization (c), ==, "St. Jörgen Klinik");
  g_assert_cmpstr (rapport_colleague_get_notes (c), ==,
                   "Grüße an die Station, er mag Käse und läuft Marathon\nzweite Zeile");
  g_assert_nonnull (strstr (rapport_colleague_get_raw_vcard (c), "TEL;HOME:+1-555-010-0100"));
  g_assert_nonnull (strstr (rapport_colleague_get_raw_vcard (c), "X-ANDROID-CUSTOM:"));
  g_assert_nonnull (rapport_colleague_get_photo (c));
  if (rapport_colleague_get_photo (c) != NULL)
    g_assert_true (g_bytes_equal (rapport_colleague_get_photo (c), jpeg));
  g_assert_true (rapport_colleague_validate (c, NULL));
}

static void
test_apple_30 (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("apple-30.vcf", &problems);
  g_autoptr(GBytes) jpeg = corpus_bytes ("apple-30.jpg");
  RapportColleague *c = only_card (colleagues);
  const char *raw = rapport_colleague_get_raw_vcard (c);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Dr. Ngozi Okafor");
  g_assert_cmpstr (rapport_colleague_get_organization (c), ==, "Mercy General");
  g_assert_cmpstr (rapport_colleague_get_role (c), ==, "Intensivist");
  g_assert_cmpstr (rapport_colleague_get_phone (c), ==, "(555) 010-0142");
  g_assert_cmpstr (rapport_colleague_get_email (c), ==, "ngozi.okafor@mercy.example");
  g_assert_cmpstr (rapport_colleague_get_birthday (c), ==, "--04-12");
  g_assert_nonnull (rapport_colleague_get_photo (c));
  if (rapport_colleague_get_photo (c) != NULL)
    g_assert_true (g_bytes_equal (rapport_colleague_get_photo (c), jpeg));
  g_assert_nonnull (strstr (raw, "item1.X-ABLabel:Pager"));
  g_assert_nonnull (strstr (raw, "item2.TEL:555 010 0143"));
  g_assert_null (strstr (raw, "PHOTO"));
  g_assert_true (rapport_colleague_validate (c, NULL));
}

static void
test_google_30 (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("google-30.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Lee, Sam");
  g_assert_cmpstr (rapport_colleague_get_organization (c), ==, "Lee; Partners, LLC");
  g_assert_cmpstr (rapport_colleague_get_notes (c), ==,
                   "Likes hiking\nHas two kids; asks about coffee\\tea");
  g_assert_cmpstr (rapport_colleague_get_birthday (c), ==, "1985-04-12");
  g_assert_cmpstr (rapport_colleague_get_phone (c), ==, "+1 555 010 0111");
}

static void
test_outlook_cp1252 (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("outlook-21-cp1252.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Renée Björk");
  g_assert_cmpstr (rapport_colleague_get_organization (c), ==, "Café “Hospital”");
  g_assert_cmpstr (rapport_colleague_get_role (c), ==, "Charge Nurse");
  g_assert_cmpstr (rapport_colleague_get_phone (c), ==, "(555) 010-0150");
  g_assert_cmpstr (rapport_colleague_get_email (c), ==, "renee@example.net");
  g_assert_cmpstr (rapport_colleague_get_birthday (c), ==, "1985-04-12");
}

static void
test_latin1 (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("latin1.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "José Peña");
  g_assert_cmpstr (rapport_colleague_get_role (c), ==, "Pharmacien");
  g_assert_true (g_utf8_validate (rapport_colleague_get_raw_vcard (c), -1, NULL));
}

static void
test_bom_lf (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("bom-lf.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "ArohaNgata");
  g_assert_cmpstr (rapport_colleague_get_email (c), ==, "aroha@example.nz");
  g_assert_cmpstr (rapport_colleague_get_notes (c), ==, "folded witha tab");
}

static void
test_lowercase (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("lowercase.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Priya Raman");
  g_assert_cmpstr (rapport_colleague_get_phone (c), ==, "555-010-0177");
  g_assert_cmpstr (rapport_colleague_get_email (c), ==, "priya@example.in");
  g_assert_cmpstr (rapport_colleague_get_role (c), ==, "Hospitalist");
}

static void
test_several (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("several.vcf", &problems);

  assert_no_problems (problems);
  g_assert_cmpuint (colleagues->len, ==, 3);
  if (colleagues->len != 3)
    return;
  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[0]), ==, "Ana One");
  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[1]), ==, "Ben Two");
  g_assert_cmpstr (rapport_colleague_get_email (colleagues->pdata[1]), ==, "ben@example.com");
  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[2]), ==, "Cai Three");
  g_assert_cmpstr (rapport_colleague_get_phone (colleagues->pdata[2]), ==, "+44 20 7946 0000");
  g_assert_cmpint (rapport_colleague_get_id (colleagues->pdata[0]), ==, 0);
}

static void
test_only_org (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("only-org.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Valley Medical Staffing");
  g_assert_cmpstr (rapport_colleague_get_organization (c), ==, "Valley Medical Staffing");
}

static void
test_only_n (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("only-n.vcf", &problems);
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Dr. Yui Kei Nakamura MD");
}

static void
test_broken_middle (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("broken-middle.vcf", &problems);
  RapportVCardProblem *problem;

  g_assert_cmpuint (colleagues->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 3);
  if (colleagues->len != 2 || problems->len != 3)
    return;

  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[0]), ==, "First Good");
  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[1]), ==, "Third Good");

  problem = problems->pdata[0];
  g_assert_cmpuint (problem->card, ==, 2);
  g_assert_true (g_str_has_prefix (problem->reason, "Card 2 has no name"));
  problem = problems->pdata[1];
  g_assert_cmpuint (problem->card, ==, 4);
  g_assert_nonnull (strstr (problem->reason, "X-NO-SUCH-SET"));
  problem = problems->pdata[2];
  g_assert_cmpuint (problem->card, ==, 5);
  g_assert_true (g_str_has_prefix (problem->reason, "Card 5 is not closed"));
}

static void
test_v40_data_uri (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = parse_corpus ("v40-data-uri.vcf", &problems);
  g_autoptr(GBytes) png = corpus_bytes ("v40-data-uri.png");
  RapportColleague *c = only_card (colleagues);

  assert_no_problems (problems);
  g_assert_cmpstr (rapport_colleague_get_name (c), ==, "Mateo Silva");
  g_assert_cmpstr (rapport_colleague_get_phone (c), ==, "+1-555-010-0188 ext 12");
  g_assert_cmpstr (rapport_colleague_get_birthday (c), ==, "--02-29");
  g_assert_cmpstr (rapport_colleague_get_messaging (c), ==, "xmpp:mateo@example.br");
  g_assert_nonnull (rapport_colleague_get_photo (c));
  if (rapport_colleague_get_photo (c) != NULL)
    g_assert_true (g_bytes_equal (rapport_colleague_get_photo (c), png));
  g_assert_true (rapport_colleague_validate (c, NULL));
}

static RapportColleague *
make_full_colleague (gint64 id)
{
  RapportColleague *c = rapport_colleague_new ("Zoë Ångström-Nakamura");
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4, 5 };
  g_autoptr(GBytes) photo = g_bytes_new_static (png, sizeof png);

  rapport_colleague_set_id (c, id);
  rapport_colleague_set_role (c, "Charge nurse, nights; ICU");
  rapport_colleague_set_specialty (c, "Critical care");
  rapport_colleague_set_organization (c, "St. Mary's \\ North");
  rapport_colleague_set_phone (c, "+1 (555) 010-0123 ext 4");
  rapport_colleague_set_email (c, "zoe@example.org");
  rapport_colleague_set_messaging (c, "Signal +1 555 010 0123");
  rapport_colleague_set_birthday (c, "--07-04");
  rapport_colleague_set_notes (c, "Line one\nLine two, with; punctuation");
  rapport_colleague_set_interests (c, "Climbing, sourdough");
  rapport_colleague_set_photo (c, photo);
  rapport_colleague_set_updated_at (c, 1790000000);

  return c;
}

static GStrv
categories_cb (RapportColleague *colleague,
               gpointer          user_data)
{
  const char *names[] = { "Mercy General, ICU", "Valley; Winter 2026", NULL };

  return g_strdupv ((char **) names);
}

static void
assert_round_trip (RapportVCardVersion version)
{
  g_autoptr(GPtrArray) source = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *v40 = NULL;
  g_autofree char *v40_path = corpus_path ("v40-data-uri.vcf");
  gsize v40_length = 0;

  g_ptr_array_add (source, make_full_colleague (7));
  g_assert_true (g_file_get_contents (v40_path, &v40, &v40_length, NULL));
  imported = rapport_vcard_parse (v40, v40_length, NULL);
  g_assert_cmpuint (imported->len, ==, 1);
  if (imported->len == 1)
    g_ptr_array_add (source, g_object_ref (imported->pdata[0]));

  text = rapport_vcard_write (source, version, RAPPORT_VCARD_WRITE_PERSONAL, categories_cb, NULL);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, version == RAPPORT_VCARD_VERSION_4_0 ? "VERSION:4.0\r\n"
                                                                       : "VERSION:3.0\r\n"));
  g_assert_nonnull (strstr (text, "CATEGORIES:Mercy General\\, ICU,Valley\\; Winter 2026\r\n"));
  g_assert_nonnull (strstr (text, "UID:urn:uuid:"));

  read = rapport_vcard_parse (text, strlen (text), &problems);
  assert_no_problems (problems);
  g_assert_cmpuint (read->len, ==, source->len);

  for (guint i = 0; i < MIN (read->len, source->len); i++)
    {
      RapportColleague *a = source->pdata[i];
      RapportColleague *b = read->pdata[i];
      static const char * const fields[] = {
        "name", "role", "specialty", "organization", "phone", "email", "messaging",
        "interests", "birthday", "notes",
      };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          g_autofree char *va = NULL;
          g_autofree char *vb = NULL;

          g_object_get (a, fields[j], &va, NULL);
          g_object_get (b, fields[j], &vb, NULL);
          g_assert_cmpstr (va, ==, vb);
        }
      g_assert_true (g_bytes_equal (rapport_colleague_get_photo (a),
                                    rapport_colleague_get_photo (b)));
    }

  /* Unknown properties come back from the original card. */
  if (version == RAPPORT_VCARD_VERSION_4_0)
    {
      g_assert_nonnull (strstr (text, "\r\nNICKNAME:Teo\r\n"));
      g_assert_nonnull (strstr (text, "\r\nADR;TYPE=work:;;1 Main St;Springfield;;12345;USA\r\n"));
    }

  /* Writing what was read gives the same text: nothing drifts on repeated round trips. */
  for (guint i = 0; i < read->len; i++)
    {
      rapport_colleague_set_id (read->pdata[i], rapport_colleague_get_id (source->pdata[i]));
      rapport_colleague_set_updated_at (read->pdata[i],
                                        rapport_colleague_get_updated_at (source->pdata[i]));
    }
  again = rapport_vcard_write (read, version, RAPPORT_VCARD_WRITE_PERSONAL, categories_cb, NULL);
  if (version == RAPPORT_VCARD_VERSION_3_0)
    g_assert_nonnull (strstr (text, "BDAY;X-APPLE-OMIT-YEAR=1604:1604-07-04\r\n"));
  else
    g_assert_nonnull (strstr (text, "BDAY:--0704\r\n"));
  g_assert_cmpstr (again, ==, text);
}

static void
test_round_trip_40 (void)
{
  assert_round_trip (RAPPORT_VCARD_VERSION_4_0);
}

static void
test_round_trip_30 (void)
{
  assert_round_trip (RAPPORT_VCARD_VERSION_3_0);
}

static void
test_apple_round_trip_keeps_groups (void)
{
  g_autoptr(GPtrArray) colleagues = parse_corpus ("apple-30.vcf", NULL);
  g_autofree char *text = rapport_vcard_write (colleagues, RAPPORT_VCARD_VERSION_3_0,
                                               RAPPORT_VCARD_WRITE_DEFAULT, NULL, NULL);

  /* The first TEL is the modelled phone; the second, with its label, comes back verbatim. */
  g_assert_nonnull (strstr (text, "TEL;TYPE=CELL:(555) 010-0142\r\n"));
  g_assert_nonnull (strstr (text, "\r\nitem2.TEL:555 010 0143\r\n"));
  g_assert_nonnull (strstr (text, "\r\nitem2.X-ABLabel:_$!<Other>!$_\r\n"));
  g_assert_null (strstr (text, "item1."));
  g_assert_nonnull (strstr (text, "X-SOCIALPROFILE;type=twitter:https://twitter.com/ngozi"));
  g_assert_null (strstr (text, "NOTE"));
}

static void
test_write_privacy (void)
{
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  g_ptr_array_add (colleagues, make_full_colleague (1));
  text = rapport_vcard_write (colleagues, RAPPORT_VCARD_VERSION_4_0,
                              RAPPORT_VCARD_WRITE_DEFAULT, NULL, NULL);
  g_assert_null (strstr (text, "NOTE"));
  g_assert_null (strstr (text, "Climbing"));
  g_assert_null (strstr (text, "Line one"));
  g_assert_null (strstr (text, "CATEGORIES"));
}

static void
assert_folded (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  /* Only CRLF line ends. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      g_assert_true (p > text && p[-1] == '\r');

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
}

static void
test_fold_emoji (void)
{
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GString) name = g_string_new ("A");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (name, i % 2 ? "😀" : "é");
  g_ptr_array_add (colleagues, rapport_colleague_new (name->str));

  for (guint offset = 0; offset < 4; offset++)
    {
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&read, g_ptr_array_unref);
      g_string_prepend_c (name, 'x');
      rapport_colleague_set_name (colleagues->pdata[0], name->str);
      text = rapport_vcard_write (colleagues, RAPPORT_VCARD_VERSION_4_0, 0, NULL, NULL);
      assert_folded (text);
      read = rapport_vcard_parse (text, strlen (text), NULL);
      g_assert_cmpuint (read->len, ==, 1);
      if (read->len == 1)
        g_assert_cmpstr (rapport_colleague_get_name (read->pdata[0]), ==, name->str);
    }
}

static void
test_uid_deterministic (void)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) two = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_ptr_array_add (one, make_full_colleague (42));
  g_ptr_array_add (two, make_full_colleague (42));
  a = rapport_vcard_write (one, RAPPORT_VCARD_VERSION_4_0, 0, NULL, NULL);
  b = rapport_vcard_write (two, RAPPORT_VCARD_VERSION_4_0, 0, NULL, NULL);
  g_assert_cmpstr (a, ==, b);

  rapport_colleague_set_id (two->pdata[0], 43);
  c = rapport_vcard_write (two, RAPPORT_VCARD_VERSION_4_0, 0, NULL, NULL);
  g_assert_cmpstr (a, !=, c);
}

static void
test_many_cards (void)
{
  g_autoptr(GString) file = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  gint64 start;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\n"
                            "N:%u;Person;;;\r\nTEL;TYPE=CELL:+1 555 %07u\r\n"
                            "EMAIL:p%u@example.com\r\nNOTE:A note that is folded across\r\n"
                            "  two lines\r\nEND:VCARD\r\n", i, i, i, i);

  start = g_get_monotonic_time ();
  colleagues = rapport_vcard_parse (file->str, file->len, &problems);
  g_test_message ("10,000 cards parsed in %.3f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_cmpuint (colleagues->len, ==, 10000);
  assert_no_problems (problems);
  if (colleagues->len == 10000)
    g_assert_cmpstr (rapport_colleague_get_email (colleagues->pdata[9999]), ==,
                     "p9999@example.com");
}

static void
parse_hostile (const char *data,
               gsize       length)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = rapport_vcard_parse (data, length, &problems);

  g_assert_nonnull (colleagues);
  g_assert_nonnull (problems);
  for (guint i = 0; i < colleagues->len; i++)
    g_assert_true (g_utf8_validate (rapport_colleague_get_name (colleagues->pdata[i]), -1, NULL));
}

static void
test_hostile (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nFN:");
  static const char nul_card[] = "BEGIN:VCARD\r\nFN:Nul\0Name\r\nEMAIL:\0\r\nEND:VCARD\r\n";
  g_autoptr(GPtrArray) nul_read = NULL;
  g_autofree guint8 *random = NULL;

  /* A line over the limit is dropped; the card after it still reads. */
  for (gsize i = 0; i < 11 * 1024 * 1024; i += 64)
    g_string_append (text, "0123456789012345678901234567890123456789012345678901234567890123");
  g_string_append (text, "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:After\r\nEND:VCARD\r\n");
  parse_hostile (text->str, text->len);

  /* Endless BEGIN lines stop at the card limit. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 120000; i++)
    g_string_append (text, "BEGIN:VCARD\n");
  parse_hostile (text->str, text->len);

  /* Millions of folded lines ending in "=" and no colon: must stay linear. */
  g_string_assign (text, "BEGIN:VCARD\nX");
  for (guint i = 0; i < 2000000; i++)
    g_string_append (text, "\n =");
  g_string_append (text, "\nEND:VCARD\n");
  parse_hostile (text->str, text->len);

  /* Many properties in one card. */
  g_string_assign (text, "BEGIN:VCARD\nFN:Many\n");
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "X-A:b\n");
  g_string_append (text, "END:VCARD\n");
  parse_hostile (text->str, text->len);

  nul_read = rapport_vcard_parse (nul_card, sizeof nul_card - 1, NULL);
  g_assert_cmpuint (nul_read->len, ==, 1);
  if (nul_read->len == 1)
    g_assert_cmpstr (rapport_colleague_get_name (nul_read->pdata[0]), ==, "NulName");

  /* Quoted-printable cut short, an empty value, a lone BOM, lines without colons. */
  parse_hostile ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=C3=\n", 45);
  parse_hostile ("\xEF\xBB\xBF", 3);
  parse_hostile ("", 0);
  parse_hostile ("BEGIN:VCARD\n:\n;;;\nFN\nPHOTO;ENCODING=b:!!!!\nEND:VCARD", 50);

  random = g_malloc (4096);
  for (guint round = 0; round < 200; round++)
    {
      gsize length = g_test_rand_int_range (0, 4096);

      for (gsize i = 0; i < length; i++)
        {
          /* Mostly vCard-ish bytes, so the parser gets deep, with raw noise mixed in. */
          static const char alphabet[] = "BEGIN:VCARD\r\nEND:FN;=:\\,QUOTED-PRINTABLE \t\x80\xC3";

          random[i] = g_test_rand_bit () ? (guint8) g_test_rand_int ()
                                         : (guint8) alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
        }
      parse_hostile ((const char *) random, length);
    }
}

/* Another program's one-line values are cleaned rather than refused (control characters become
 * a space, text-direction controls are dropped), so the card still reads and the colleague passes
 * the store's own checks. */
static RapportColleague *
parse_one_clean (const char *data,
                 gsize       length)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = rapport_vcard_parse (data, length, &problems);
  g_autoptr(GError) error = NULL;
  g_autofree char *birthday = NULL;
  RapportColleague *colleague;

  assert_no_problems (problems);
  colleague = g_object_ref (only_card (colleagues));

  g_assert_true (rapport_colleague_validate (colleague, &error));
  g_assert_no_error (error);
  g_clear_error (&error);
  g_assert_true (rapport_store_check_colleague (colleague, &birthday, &error));
  g_assert_no_error (error);

  return colleague;
}

static void
test_hostile_direction (void)
{
  static const char cards[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ahmed \xE2\x80\xAE" "Badr\r\n"
    "TITLE:Charge\xE2\x80\xAA Nurse\r\nEMAIL:\xE2\x81\xA6" "ahmed@example.org\xE2\x81\xA9\r\n"
    "NOTE:right \xE2\x80\xAE" "to left\r\nEND:VCARD\r\n";
  static const char isolate[] =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:\xE2\x81\xA7Lina Haddad\xE2\x81\xA9\r\nEND:VCARD\r\n";
  /* The marks LRM and RLM are not controls that turn text around: they stay. */
  static const char marks[] =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dana\xE2\x80\x8F Levi\r\nEND:VCARD\r\n";
  /* A name of direction controls only is no name: N takes over. */
  static const char only_controls[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xE2\x80\xAE\xE2\x81\xA6\r\nN:Haddad;Lina;;;\r\n"
    "END:VCARD\r\n";
  static const char nothing_left[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xE2\x80\xAE\xE2\x81\xA6\r\nEND:VCARD\r\n";
  g_autoptr(RapportColleague) ahmed = parse_one_clean (cards, sizeof cards - 1);
  g_autoptr(RapportColleague) lina = parse_one_clean (isolate, sizeof isolate - 1);
  g_autoptr(RapportColleague) dana = parse_one_clean (marks, sizeof marks - 1);
  g_autoptr(RapportColleague) from_n = parse_one_clean (only_controls, sizeof only_controls - 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpstr (rapport_colleague_get_name (ahmed), ==, "Ahmed Badr");
  g_assert_cmpstr (rapport_colleague_get_role (ahmed), ==, "Charge Nurse");
  g_assert_cmpstr (rapport_colleague_get_email (ahmed), ==, "ahmed@example.org");
  /* Notes may hold right-to-left text on purpose. */
  g_assert_cmpstr (rapport_colleague_get_notes (ahmed), ==, "right \xE2\x80\xAE" "to left");
  g_assert_cmpstr (rapport_colleague_get_name (lina), ==, "Lina Haddad");
  g_assert_cmpstr (rapport_colleague_get_name (dana), ==, "Dana\xE2\x80\x8F Levi");
  g_assert_cmpstr (rapport_colleague_get_name (from_n), ==, "Lina Haddad");

  none = rapport_vcard_parse (nothing_left, sizeof nothing_left - 1, &problems);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  if (problems->len == 1)
    {
      RapportVCardProblem *problem = g_ptr_array_index (problems, 0);

      g_assert_cmpuint (problem->card, ==, 1);
      g_assert_nonnull (strstr (problem->reason, "no name"));
    }
}

static void
test_hostile_tab (void)
{
  static const char card[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\tTab\t\tName\t\r\nORG:Mercy\tRegional\r\n"
    "TEL:+1 970\t555 0100\r\nEND:VCARD\r\n";
  g_autoptr(RapportColleague) colleague = parse_one_clean (card, sizeof card - 1);

  /* One space for a run of tabs, none at the ends. */
  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "Tab Name");
  g_assert_cmpstr (rapport_colleague_get_organization (colleague), ==, "Mercy Regional");
  g_assert_null (strchr (rapport_colleague_get_phone (colleague), '\t'));
}

static void
test_hostile_newline_escape (void)
{
  static const char card[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Line\\nBreak\\N\r\nTITLE:Night\\n\\nShift Lead\r\n"
    "NOTE:first line\\nsecond line\r\nEND:VCARD\r\n";
  /* A quoted-printable line break inside a 2.1 name. */
  static const char qp[] =
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ana=0D=0AMaria\r\nEND:VCARD\r\n";
  g_autoptr(RapportColleague) colleague = parse_one_clean (card, sizeof card - 1);
  g_autoptr(RapportColleague) ana = parse_one_clean (qp, sizeof qp - 1);

  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "Line Break");
  g_assert_cmpstr (rapport_colleague_get_role (colleague), ==, "Night Shift Lead");
  /* Notes are many lines: the break stays. */
  g_assert_cmpstr (rapport_colleague_get_notes (colleague), ==, "first line\nsecond line");
  g_assert_cmpstr (rapport_colleague_get_name (ana), ==, "Ana Maria");
}

static void
test_hostile_nul (void)
{
  /* NUL inside values, a NUL run between cards and a quoted-printable =00: NUL cannot be kept
   * in text, so the bytes go and the text around them stays. */
  static const char cards[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\0Inside\r\nNOTE:a\0b\r\nEND:VCARD\r\n"
    "\0\0\0"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Second=00Card\r\nEND:VCARD\r\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = rapport_vcard_parse (cards, sizeof cards - 1, &problems);

  assert_no_problems (problems);
  g_assert_cmpuint (colleagues->len, ==, 2);
  if (colleagues->len != 2)
    return;

  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[0]), ==, "NulInside");
  g_assert_cmpstr (rapport_colleague_get_notes (colleagues->pdata[0]), ==, "ab");
  g_assert_cmpstr (rapport_colleague_get_name (colleagues->pdata[1]), ==, "SecondCard");
  for (guint i = 0; i < colleagues->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *birthday = NULL;

      g_assert_true (rapport_store_check_colleague (colleagues->pdata[i], &birthday, &error));
      g_assert_no_error (error);
      g_assert_null (memchr (rapport_colleague_get_raw_vcard (colleagues->pdata[i]), '\0',
                             strlen (rapport_colleague_get_raw_vcard (colleagues->pdata[i]))));
    }
}

static void
test_hostile_invalid_utf8 (void)
{
  /* Bytes that are not UTF-8 in a card that says nothing of its character set: each becomes
   * U+FFFD, so the rest of the name survives and the text is valid. */
  static const char card[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad \xFF\xFE Name\r\nORG:Mercy \xC3\x28 Regional\r\n"
    "NOTE:note \xED\xA0\x80 x\r\nEND:VCARD\r\n";
  g_autoptr(RapportColleague) colleague = parse_one_clean (card, sizeof card - 1);
  const char *notes = rapport_colleague_get_notes (colleague);

  g_assert_cmpstr (rapport_colleague_get_name (colleague), ==, "Bad \xEF\xBF\xBD\xEF\xBF\xBD Name");
  g_assert_cmpstr (rapport_colleague_get_organization (colleague), ==,
                   "Mercy \xEF\xBF\xBD( Regional");
  g_assert_true (g_utf8_validate (notes, -1, NULL));
  g_assert_true (g_str_has_prefix (notes, "note "));
  g_assert_true (g_str_has_suffix (notes, " x"));
  g_assert_true (g_utf8_validate (rapport_colleague_get_raw_vcard (colleague), -1, NULL));
}

/* A note over the limit skips its card with a reason that names the card and the limit. */
static void
test_hostile_long_note (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Note\r\nNOTE:");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i <= RAPPORT_MAX_NOTES_LENGTH; i += 64)
    g_string_append (text, "0123456789012345678901234567890123456789012345678901234567890123");
  g_string_append (text, "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:After\r\nEND:VCARD\r\n");

  colleagues = rapport_vcard_parse (text->str, text->len, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (colleagues->len, ==, 2);
  if (colleagues->len != 2)
    return;

  /* The parser keeps the whole note; validation is what refuses it, naming the field. */
  g_assert_cmpuint (strlen (rapport_colleague_get_notes (colleagues->pdata[0])), >,
                    RAPPORT_MAX_NOTES_LENGTH);
  g_assert_false (rapport_colleague_validate (colleagues->pdata[0], &error));
  g_assert_nonnull (error);
  if (error != NULL)
    {
      g_assert_nonnull (strstr (error->message, "Notes"));
      g_assert_cmpuint (strlen (error->message), <, 200);
    }
  g_assert_true (rapport_colleague_validate (colleagues->pdata[1], NULL));
}

/* The independent reader (python3-vobject) reads the same people from our files. */
static void
check_with_vobject (RapportVCardVersion version)
{
  g_autofree char *dir = NULL;
  g_autofree char *vcf = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  const char *root = g_getenv ("RAPPORT_SOURCE_ROOT");
  int status = 0;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  g_ptr_array_add (colleagues, make_full_colleague (1));
  g_ptr_array_add (colleagues, rapport_colleague_new ("Solo"));
  rapport_colleague_set_email (colleagues->pdata[1], "solo@example.com");
  g_ptr_array_add (colleagues, rapport_colleague_new ("Émile Zola-Dreyfus Ōtani 😀"));
  rapport_colleague_set_phone (colleagues->pdata[2], "+33 1 23 45 67 89");

  /* JSON by hand keeps the test free of another dependency; the values have no quotes. */
  for (guint i = 0; i < colleagues->len; i++)
    {
      RapportColleague *c = colleagues->pdata[i];

      g_string_append_printf (json, "%s{\"name\": \"%s\", \"email\": \"%s\", \"phone\": \"%s\"}",
                              i > 0 ? ", " : "", rapport_colleague_get_name (c),
                              rapport_colleague_get_email (c), rapport_colleague_get_phone (c));
    }
  g_string_append (json, "]");

  dir = rapport_test_make_tmp_dir ("vcard-vobject-XXXXXX");
  vcf = g_build_filename (dir, "export.vcf", NULL);
  expected = g_build_filename (dir, "expected.json", NULL);
  script = g_build_filename (root != NULL ? root : "..", "tests", "check-vcard.py", NULL);
  text = rapport_vcard_write (colleagues, version, RAPPORT_VCARD_WRITE_PERSONAL,
                              categories_cb, NULL);
  g_assert_true (g_file_set_contents (vcf, text, -1, NULL));
  g_assert_true (g_file_set_contents (expected, json->str, -1, NULL));

  {
    const char *argv[] = { "/usr/bin/python3", script, vcf, expected, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_test_message ("%s%s", out != NULL ? out : "", err != NULL ? err : "");

  if (out != NULL && strstr (out, "# SKIP") != NULL)
    g_test_skip ("python3-vobject is not installed");
  else
    {
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (out);
      if (out != NULL)
        {
          g_assert_null (strstr (out, "not ok"));
          g_assert_nonnull (strstr (out, "ok "));
        }
    }

  rapport_test_remove_tree (dir);
}

static void
test_vobject_40 (void)
{
  check_with_vobject (RAPPORT_VCARD_VERSION_4_0);
}

static void
test_vobject_30 (void)
{
  check_with_vobject (RAPPORT_VCARD_VERSION_3_0);
}

/* A line that claims UTF-8 but holds a sequence UTF-8 does not allow (iconv passes F5–F7
 * lead bytes through) is still kept as valid text. */
static void
test_invalid_utf8_charset (void)
{
  static const char card[] = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\n"
                             "X-NOTE;CHARSET=UTF-8:a\xf6\xb0\xad\xb0" "b\r\nEND:VCARD\r\n";
  g_autoptr(GPtrArray) colleagues = rapport_vcard_parse (card, strlen (card), NULL);
  const char *raw;

  g_assert_cmpuint (colleagues->len, ==, 1);
  if (colleagues->len != 1)
    return;

  raw = rapport_colleague_get_raw_vcard (g_ptr_array_index (colleagues, 0));
  g_assert_true (g_utf8_validate (raw, -1, NULL));
  g_assert_nonnull (strstr (raw, "X-NOTE;CHARSET=UTF-8:a"));
  g_assert_nonnull (strstr (raw, "b\r\nEND:VCARD\r\n"));
}

/* A large export reads every colleague's assignments in one query; a small one asks per
 * colleague. Both must write the same cards, CATEGORIES in assignment order included. */
static void
test_store_export_categories (void)
{
  g_autofree char *dir = rapport_test_make_tmp_dir ("vcard-store-export");
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *file = g_build_filename (dir, "export.vcf", NULL);
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportAssignment) with_unit = rapport_assignment_new ("Mercy General");
  g_autoptr(RapportAssignment) without_unit = rapport_assignment_new ("Valley; Winter");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) one_by_one = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *written = NULL;
  gint64 first_id = 0;
  guint n_cards = 0;
  const guint n_colleagues = 70;

  store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE, &database);
  rapport_assignment_set_unit (with_unit, "ICU");
  g_assert_true (rapport_store_add_assignment (store, without_unit, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_add_assignment (store, with_unit, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_colleagues; i++)
    {
      g_autofree char *name = g_strdup_printf ("Colleague %u", i);
      RapportColleague *colleague = rapport_test_add_colleague (store, "name", name, NULL);
      gint64 id = rapport_colleague_get_id (colleague);

      /* Linked in the opposite order of the assignments' ids. */
      if (i % 2 == 0)
        g_assert_true (rapport_store_link_colleague (store, id,
                                                     rapport_assignment_get_id (with_unit),
                                                     NULL, NULL));
      if (i % 3 == 0)
        g_assert_true (rapport_store_link_colleague (store, id,
                                                     rapport_assignment_get_id (without_unit),
                                                     NULL, NULL));
      if (i == 5)
        g_assert_true (rapport_store_set_colleague_archived (store, id, TRUE, NULL));
      if (i == 0)
        first_id = id;
      g_array_append_val (ids, id);
    }

  all = rapport_store_colleagues_to_vcard (store, ids, RAPPORT_VCARD_VERSION_4_0,
                                           RAPPORT_VCARD_WRITE_DEFAULT);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *card = NULL;

      g_array_append_val (one, g_array_index (ids, gint64, i));
      card = rapport_store_colleagues_to_vcard (store, one, RAPPORT_VCARD_VERSION_4_0,
                                                RAPPORT_VCARD_WRITE_DEFAULT);
      g_string_append (one_by_one, card);
    }

  g_assert_cmpstr (all, ==, one_by_one->str);
  g_assert_nonnull (strstr (all, "FN:Colleague 0\r\n"));
  g_assert_nonnull (strstr (all, "CATEGORIES:Valley\\; Winter,Mercy General · ICU\r\n"));
  g_assert_nonnull (strstr (all, "CATEGORIES:Mercy General · ICU\r\n"));
  g_assert_true (first_id > 0);

  /* Without ids: everyone not archived, as the export dialog writes them. */
  g_assert_true (rapport_store_export_vcard (store, NULL, RAPPORT_VCARD_VERSION_4_0,
                                             RAPPORT_VCARD_WRITE_DEFAULT, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file, &written, NULL, &error));
  for (const char *p = written; (p = strstr (p, "BEGIN:VCARD\r\n")) != NULL; p++)
    n_cards++;
  g_assert_cmpuint (n_cards, ==, n_colleagues - 1);
  g_assert_null (strstr (written, "FN:Colleague 5\r\n"));

  rapport_test_close_store (g_steal_pointer (&store), g_steal_pointer (&database));
  g_assert_true (rapport_test_remove_tree (dir));
}

/* The store opens without photos and imported cards; an export reads them from the journal, for
 * many colleagues at once or for one, and leaves none of them on the store's items. */
static void
test_store_export_photos (void)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
  g_autofree char *dir = rapport_test_make_tmp_dir ("vcard-store-photos");
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *file = g_build_filename (dir, "export.vcf", NULL);
  g_autofree char *encoded = g_base64_encode (jpeg, sizeof jpeg);
  g_autofree char *written = NULL;
  g_autofree char *one_text = NULL;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const guint n_colleagues = 80;
  guint n_photos = 0;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  GListModel *model;
  gint64 with_photo = 0;

  rapport_test_fixed_key (key, 3);
  store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE, &database);
  for (guint i = 0; i < n_colleagues; i++)
    {
      g_autofree char *name = g_strdup_printf ("Colleague %u", i);
      g_autoptr(RapportColleague) colleague = rapport_colleague_new (name);

      if (i % 4 == 1)
        rapport_colleague_set_photo (colleague, photo);
      if (i % 5 == 1)
        rapport_colleague_set_raw_vcard (colleague, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n"
                                                    "X-CUSTOM:kept\r\nEND:VCARD\r\n");
      g_assert_true (rapport_store_add_colleague (store, colleague, &error));
      g_assert_no_error (error);
      if (i == 21)
        with_photo = rapport_colleague_get_id (colleague);
    }
  rapport_test_close_store (g_steal_pointer (&store), g_steal_pointer (&database));

  store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_EXISTING, &database);
  g_assert_true (rapport_store_export_vcard (store, NULL, RAPPORT_VCARD_VERSION_4_0,
                                             RAPPORT_VCARD_WRITE_DEFAULT, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file, &written, NULL, &error));
  g_assert_no_error (error);
  for (const char *p = written; (p = strstr (p, encoded)) != NULL; p++)
    n_photos++;
  g_assert_cmpuint (n_photos, ==, n_colleagues / 4);
  g_assert_nonnull (strstr (written, "X-CUSTOM:kept\r\n"));

  /* One colleague: read on its own. */
  g_array_append_val (one, with_photo);
  one_text = rapport_store_colleagues_to_vcard (store, one, RAPPORT_VCARD_VERSION_3_0,
                                                RAPPORT_VCARD_WRITE_DEFAULT);
  g_assert_nonnull (strstr (one_text, "FN:Colleague 21\r\n"));
  g_assert_nonnull (strstr (one_text, encoded));
  g_assert_nonnull (strstr (one_text, "X-CUSTOM:kept\r\n"));

  model = rapport_store_get_colleagues (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      g_assert_cmpuint (rapport_colleague_get_card_read (colleague), ==, 0);
      g_assert_null (rapport_colleague_get_photo (colleague));
    }

  rapport_test_close_store (g_steal_pointer (&store), g_steal_pointer (&database));
  g_assert_true (rapport_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/vcard/android-21", test_android_21);
  g_test_add_func ("/rapport/vcard/apple-30", test_apple_30);
  g_test_add_func ("/rapport/vcard/google-30", test_google_30);
  g_test_add_func ("/rapport/vcard/outlook-cp1252", test_outlook_cp1252);
  g_test_add_func ("/rapport/vcard/latin1", test_latin1);
  g_test_add_func ("/rapport/vcard/bom-lf", test_bom_lf);
  g_test_add_func ("/rapport/vcard/lowercase", test_lowercase);
  g_test_add_func ("/rapport/vcard/several", test_several);
  g_test_add_func ("/rapport/vcard/only-org", test_only_org);
  g_test_add_func ("/rapport/vcard/only-n", test_only_n);
  g_test_add_func ("/rapport/vcard/broken-middle", test_broken_middle);
  g_test_add_func ("/rapport/vcard/v40-data-uri", test_v40_data_uri);
  g_test_add_func ("/rapport/vcard/round-trip-40", test_round_trip_40);
  g_test_add_func ("/rapport/vcard/round-trip-30", test_round_trip_30);
  g_test_add_func ("/rapport/vcard/apple-keeps-groups", test_apple_round_trip_keeps_groups);
  g_test_add_func ("/rapport/vcard/write-privacy", test_write_privacy);
  g_test_add_func ("/rapport/vcard/fold-emoji", test_fold_emoji);
  g_test_add_func ("/rapport/vcard/uid-deterministic", test_uid_deterministic);
  g_test_add_func ("/rapport/vcard/many-cards", test_many_cards);
  g_test_add_func ("/rapport/vcard/hostile", test_hostile);
  g_test_add_func ("/rapport/vcard/hostile-direction", test_hostile_direction);
  g_test_add_func ("/rapport/vcard/hostile-tab", test_hostile_tab);
  g_test_add_func ("/rapport/vcard/hostile-newline-escape", test_hostile_newline_escape);
  g_test_add_func ("/rapport/vcard/hostile-nul", test_hostile_nul);
  g_test_add_func ("/rapport/vcard/hostile-invalid-utf8", test_hostile_invalid_utf8);
  g_test_add_func ("/rapport/vcard/hostile-long-note", test_hostile_long_note);
  g_test_add_func ("/rapport/vcard/vobject-40", test_vobject_40);
  g_test_add_func ("/rapport/vcard/vobject-30", test_vobject_30);
  g_test_add_func ("/rapport/vcard/invalid-utf8-charset", test_invalid_utf8_charset);
  g_test_add_func ("/rapport/vcard/store-export-categories", test_store_export_categories);
  g_test_add_func ("/rapport/vcard/store-export-photos", test_store_export_photos);

  return g_test_run ();
}
