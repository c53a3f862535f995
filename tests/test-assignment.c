/* test-assignment.c
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

#define G_LOG_DOMAIN "rapport-test-assignment"

#include "config.h"

#include <string.h>

#include "rapport-assignment.h"
#include "rapport-test-utils.h"

static const char *string_properties[] = {
  "facility", "unit", "city", "region", "country", "starts-on", "ends-on", "agency", "notes",
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

static RapportAssignment *
make_full_assignment (void)
{
  return g_object_new (RAPPORT_TYPE_ASSIGNMENT,
                       "id", (gint64) 12,
                       "facility", "St. Mary’s Regional",
                       "unit", "ICU",
                       "city", "Grand Junction",
                       "region", "Colorado",
                       "country", "United States",
                       "tz", "America/Denver",
                       "starts-on", "2026-03-02",
                       "ends-on", "2026-05-29",
                       "agency", "Aya",
                       "notes", "Parking garage B.\nBadge office on 2nd floor.",
                       "created-at", (gint64) 1700000000,
                       "updated-at", (gint64) 1700000900,
                       NULL);
}

static GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return g_date_time_new_utc (year, month, day, hour, minute, 0);
}

static void
test_properties (void)
{
  RapportAssignment *assignment = make_full_assignment ();
  g_autofree char *notes = NULL;
  g_autofree char *tz = NULL;
  gint64 id = 0;
  gint64 updated_at = 0;

  g_assert_cmpint (rapport_assignment_get_id (assignment), ==, 12);
  g_assert_cmpstr (rapport_assignment_get_facility (assignment), ==, "St. Mary’s Regional");
  g_assert_cmpstr (rapport_assignment_get_unit (assignment), ==, "ICU");
  g_assert_cmpstr (rapport_assignment_get_city (assignment), ==, "Grand Junction");
  g_assert_cmpstr (rapport_assignment_get_region (assignment), ==, "Colorado");
  g_assert_cmpstr (rapport_assignment_get_country (assignment), ==, "United States");
  g_assert_cmpstr (rapport_assignment_get_tz (assignment), ==, "America/Denver");
  g_assert_cmpstr (rapport_assignment_get_starts_on (assignment), ==, "2026-03-02");
  g_assert_cmpstr (rapport_assignment_get_ends_on (assignment), ==, "2026-05-29");
  g_assert_cmpstr (rapport_assignment_get_agency (assignment), ==, "Aya");
  g_assert_cmpstr (rapport_assignment_get_notes (assignment), ==,
                   "Parking garage B.\nBadge office on 2nd floor.");
  g_assert_cmpint (rapport_assignment_get_created_at (assignment), ==, 1700000000);
  g_assert_cmpint (rapport_assignment_get_updated_at (assignment), ==, 1700000900);

  g_object_get (assignment,
                "id", &id,
                "notes", &notes,
                "tz", &tz,
                "updated-at", &updated_at,
                NULL);
  g_assert_cmpint (id, ==, 12);
  g_assert_cmpstr (notes, ==, "Parking garage B.\nBadge office on 2nd floor.");
  g_assert_cmpstr (tz, ==, "America/Denver");
  g_assert_cmpint (updated_at, ==, 1700000900);

  /* Each setter changes its own field only. */
  rapport_assignment_set_unit (assignment, "PICU");
  rapport_assignment_set_tz (assignment, "Pacific/Auckland");
  rapport_assignment_set_ends_on (assignment, "2026-06-30");
  g_assert_cmpstr (rapport_assignment_get_unit (assignment), ==, "PICU");
  g_assert_cmpstr (rapport_assignment_get_tz (assignment), ==, "Pacific/Auckland");
  g_assert_cmpstr (rapport_assignment_get_ends_on (assignment), ==, "2026-06-30");
  g_assert_cmpstr (rapport_assignment_get_starts_on (assignment), ==, "2026-03-02");
  g_assert_cmpstr (rapport_assignment_get_facility (assignment), ==, "St. Mary’s Regional");

  g_assert_finalize_object (assignment);
}

static void
test_null_strings (void)
{
  RapportAssignment *assignment = rapport_assignment_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (assignment, string_properties[i], &value, NULL);
      g_assert_cmpstr (value, ==, "");
    }

  rapport_assignment_set_facility (assignment, "Mercy");
  rapport_assignment_set_notes (assignment, "something");
  rapport_assignment_set_facility (assignment, NULL);
  g_object_set (assignment, "notes", NULL, "tz", NULL, NULL);
  g_assert_cmpstr (rapport_assignment_get_facility (assignment), ==, "");
  g_assert_cmpstr (rapport_assignment_get_notes (assignment), ==, "");
  g_assert_cmpstr (rapport_assignment_get_tz (assignment), ==, "");
  g_assert_cmpint (rapport_assignment_get_id (assignment), ==, 0);

  g_assert_finalize_object (assignment);
}

static void
test_default_tz (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  static const struct
  {
    const char *tz_env;
    const char *expected;
  } cases[] = {
    { "America/Denver", "America/Denver" },
    { "Pacific/Auckland", "Pacific/Auckland" },
    { ":Europe/Paris", "Europe/Paris" },
    { "/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo" },
    { "UTC", "UTC" },
    { "Nowhere/Atlantis", "UTC" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportAssignment) assignment = NULL;

      g_test_message ("TZ=%s", cases[i].tz_env);
      g_setenv ("TZ", cases[i].tz_env, TRUE);
      assignment = rapport_assignment_new ("Mercy");
      g_assert_cmpstr (rapport_assignment_get_tz (assignment), ==, cases[i].expected);
      g_assert_true (rapport_assignment_validate (assignment, NULL));
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_notify (void)
{
  RapportAssignment *assignment = rapport_assignment_new ("Mercy");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  rapport_assignment_set_tz (assignment, "America/Denver");
  g_signal_connect (assignment, "notify", G_CALLBACK (count_notify_cb), counts);

  /* Unchanged values notify nothing. */
  rapport_assignment_set_facility (assignment, "Mercy");
  rapport_assignment_set_unit (assignment, NULL);
  rapport_assignment_set_unit (assignment, "");
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_id (assignment, 0);
  rapport_assignment_set_created_at (assignment, 0);
  g_object_set (assignment, "facility", "Mercy", NULL);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  /* A change notifies once, for that property only. */
  rapport_assignment_set_facility (assignment, "Mercy General");
  rapport_assignment_set_facility (assignment, "Mercy General");
  g_assert_cmpuint (notify_count (counts, "facility"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 1);

  g_object_set (assignment, "starts-on", "2026-01-05", NULL);
  rapport_assignment_set_ends_on (assignment, "2026-02-05");
  rapport_assignment_set_tz (assignment, "America/Chicago");
  rapport_assignment_set_tz (assignment, "America/Chicago");
  rapport_assignment_set_id (assignment, 3);
  rapport_assignment_set_updated_at (assignment, 9);
  rapport_assignment_set_updated_at (assignment, 9);
  g_assert_cmpuint (notify_count (counts, "starts-on"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "ends-on"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "tz"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "id"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "updated-at"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 6);

  g_signal_handlers_disconnect_by_data (assignment, counts);
  g_assert_finalize_object (assignment);
}

static void
assert_same_assignment (RapportAssignment *a,
                        RapportAssignment *b)
{
  g_assert_cmpstr (rapport_assignment_get_facility (a), ==, rapport_assignment_get_facility (b));
  g_assert_cmpstr (rapport_assignment_get_unit (a), ==, rapport_assignment_get_unit (b));
  g_assert_cmpstr (rapport_assignment_get_city (a), ==, rapport_assignment_get_city (b));
  g_assert_cmpstr (rapport_assignment_get_region (a), ==, rapport_assignment_get_region (b));
  g_assert_cmpstr (rapport_assignment_get_country (a), ==, rapport_assignment_get_country (b));
  g_assert_cmpstr (rapport_assignment_get_tz (a), ==, rapport_assignment_get_tz (b));
  g_assert_cmpstr (rapport_assignment_get_starts_on (a), ==, rapport_assignment_get_starts_on (b));
  g_assert_cmpstr (rapport_assignment_get_ends_on (a), ==, rapport_assignment_get_ends_on (b));
  g_assert_cmpstr (rapport_assignment_get_agency (a), ==, rapport_assignment_get_agency (b));
  g_assert_cmpstr (rapport_assignment_get_notes (a), ==, rapport_assignment_get_notes (b));
  g_assert_cmpint (rapport_assignment_get_created_at (a), ==,
                   rapport_assignment_get_created_at (b));
  g_assert_cmpint (rapport_assignment_get_updated_at (a), ==,
                   rapport_assignment_get_updated_at (b));
}

static void
test_dup_assign (void)
{
  RapportAssignment *original = make_full_assignment ();
  RapportAssignment *copy = rapport_assignment_dup (original);
  RapportAssignment *target = rapport_assignment_new ("Elsewhere");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (copy != original);
  g_assert_cmpint (rapport_assignment_get_id (copy), ==, 12);
  assert_same_assignment (original, copy);

  rapport_assignment_set_notes (copy, "changed");
  g_assert_cmpstr (rapport_assignment_get_notes (original), !=, "changed");

  rapport_assignment_set_id (target, 5);
  rapport_assignment_assign (target, original);
  g_assert_cmpint (rapport_assignment_get_id (target), ==, 5);
  assert_same_assignment (original, target);

  g_signal_connect (target, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_assignment_assign (target, original);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_assignment_set_city (original, "Durango");
  rapport_assignment_set_ends_on (original, "2026-06-12");
  rapport_assignment_set_id (original, 99);
  rapport_assignment_assign (target, original);
  g_assert_cmpuint (notify_count (counts, "city"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "ends-on"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 2);
  g_assert_cmpint (rapport_assignment_get_id (target), ==, 5);

  g_signal_handlers_disconnect_by_data (target, counts);
  g_assert_finalize_object (original);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
test_title_place (void)
{
  g_autoptr(RapportAssignment) assignment = make_full_assignment ();
  char *text;

  text = rapport_assignment_dup_title (assignment);
  g_assert_cmpstr (text, ==, "St. Mary’s Regional · ICU");
  g_free (text);
  text = rapport_assignment_dup_place (assignment);
  g_assert_cmpstr (text, ==, "Grand Junction, Colorado, United States");
  g_free (text);

  rapport_assignment_set_unit (assignment, "");
  rapport_assignment_set_region (assignment, "");
  text = rapport_assignment_dup_title (assignment);
  g_assert_cmpstr (text, ==, "St. Mary’s Regional");
  g_free (text);
  text = rapport_assignment_dup_place (assignment);
  g_assert_cmpstr (text, ==, "Grand Junction, United States");
  g_free (text);

  rapport_assignment_set_facility (assignment, "");
  rapport_assignment_set_unit (assignment, "Float Pool");
  rapport_assignment_set_city (assignment, "  ");
  rapport_assignment_set_country (assignment, "");
  rapport_assignment_set_region (assignment, "Otago");
  text = rapport_assignment_dup_title (assignment);
  g_assert_cmpstr (text, ==, "Float Pool");
  g_free (text);
  text = rapport_assignment_dup_place (assignment);
  g_assert_cmpstr (text, ==, "Otago");
  g_free (text);

  rapport_assignment_set_unit (assignment, "");
  rapport_assignment_set_region (assignment, "");
  text = rapport_assignment_dup_title (assignment);
  g_assert_cmpstr (text, ==, "");
  g_free (text);
  text = rapport_assignment_dup_place (assignment);
  g_assert_cmpstr (text, ==, "");
  g_free (text);
}

typedef struct
{
  const char *tz;
  const char *starts_on;
  const char *ends_on;
  int         now[5];   /* UTC: year, month, day, hour, minute */
  gboolean    current;
} CurrentCase;

static void
test_is_current (void)
{
  static const CurrentCase cases[] = {
    /* 20:00 UTC on 10 March: already the 11th in Auckland, still the 10th in Denver. */
    { "Pacific/Auckland", "2026-03-11", "2026-04-30", { 2026, 3, 10, 20, 0 }, TRUE },
    { "America/Denver",   "2026-03-11", "2026-04-30", { 2026, 3, 10, 20, 0 }, FALSE },
    { "Pacific/Auckland", "2026-03-11", "2026-04-30", { 2026, 3, 10, 10, 59 }, FALSE },
    /* 07:30 UTC on 16 January is 23:30 on the 15th in Los Angeles (PST): the last day. */
    { "America/Los_Angeles", "2026-01-05", "2026-01-15", { 2026, 1, 16, 7, 30 }, TRUE },
    { "UTC",                 "2026-01-05", "2026-01-15", { 2026, 1, 16, 7, 30 }, FALSE },
    { "America/Los_Angeles", "2026-01-05", "2026-01-15", { 2026, 1, 16, 8, 0 }, FALSE },
    /* In summer (PDT, UTC-7) the same clock time is already the next day. */
    { "America/Los_Angeles", "2026-07-01", "2026-07-15", { 2026, 7, 16, 7, 30 }, FALSE },
    { "America/Los_Angeles", "2026-07-01", "2026-07-15", { 2026, 7, 16, 6, 59 }, TRUE },
    /* Both ends inclusive. */
    { "UTC", "2026-02-01", "2026-02-01", { 2026, 2, 1, 0, 0 }, TRUE },
    { "UTC", "2026-02-01", "2026-02-01", { 2026, 2, 1, 23, 59 }, TRUE },
    { "UTC", "2026-02-01", "2026-02-01", { 2026, 1, 31, 23, 59 }, FALSE },
    { "UTC", "2026-02-01", "2026-02-01", { 2026, 2, 2, 0, 0 }, FALSE },
    /* Open ends. */
    { "America/Denver", "2026-03-01", "", { 2030, 1, 1, 12, 0 }, TRUE },
    { "America/Denver", "2026-03-01", "", { 2026, 3, 1, 6, 59 }, FALSE },
    { "America/Denver", "2026-03-01", "", { 2026, 3, 1, 7, 0 }, TRUE },
    { "America/Denver", "", "2026-03-01", { 2001, 1, 1, 12, 0 }, TRUE },
    { "America/Denver", "", "2026-03-01", { 2026, 3, 2, 6, 59 }, TRUE },
    { "America/Denver", "", "2026-03-01", { 2026, 3, 2, 7, 0 }, FALSE },
    { "America/Denver", "", "", { 2026, 3, 1, 12, 0 }, FALSE },
    /* Years roll over at the zone's midnight too. */
    { "Asia/Tokyo", "2027-01-01", "2027-03-31", { 2026, 12, 31, 15, 0 }, TRUE },
    { "Asia/Tokyo", "2027-01-01", "2027-03-31", { 2026, 12, 31, 14, 59 }, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportAssignment) assignment = rapport_assignment_new ("Mercy");
      g_autoptr(GDateTime) now = utc (cases[i].now[0], cases[i].now[1], cases[i].now[2],
                                      cases[i].now[3], cases[i].now[4]);
      g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
      g_autoptr(GDateTime) now_in_denver = g_date_time_to_timezone (now, denver);

      g_test_message ("case %u: %s %s..%s", i, cases[i].tz, cases[i].starts_on, cases[i].ends_on);
      rapport_assignment_set_tz (assignment, cases[i].tz);
      rapport_assignment_set_starts_on (assignment, cases[i].starts_on);
      rapport_assignment_set_ends_on (assignment, cases[i].ends_on);
      g_assert_true (rapport_assignment_validate (assignment, NULL));
      g_assert_cmpint (rapport_assignment_is_current_at (assignment, now), ==, cases[i].current);

      /* The zone "now" comes in does not matter, only the instant. */
      g_assert_cmpint (rapport_assignment_is_current_at (assignment, now_in_denver), ==,
                       cases[i].current);
    }
}

static void
assert_invalid (RapportAssignment      *assignment,
                RapportAssignmentError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_assignment_validate (assignment, &error));
  g_assert_error (error, RAPPORT_ASSIGNMENT_ERROR, (int) code);
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");
}

static void
test_validate (void)
{
  g_autoptr(RapportAssignment) assignment = make_full_assignment ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_notes = NULL;
  g_autofree char *long_city = NULL;
  static const char *bad_dates[] = {
    "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-00", "0000-01-01",
    "26-04-12", "2026/04/12", "2026-4-12", "2026-04-1", " 2026-04-12", "2026-04-12 ",
    "--04-12", "tomorrow", "2026-04-12T00:00",
  };
  static const char *bad_zones[] = {
    "", "Nowhere/Atlantis", "Local", "america/denver", "America/Denver ",
  };

  g_assert_true (rapport_assignment_validate (assignment, &error));
  g_assert_no_error (error);

  /* Facility */
  rapport_assignment_set_facility (assignment, "");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_FACILITY_REQUIRED);
  rapport_assignment_set_facility (assignment, " \t\n ");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_FACILITY_REQUIRED);
  rapport_assignment_set_facility (assignment, "Mercy\nGeneral");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT);
  rapport_assignment_set_facility (assignment, "Mercy \xff General");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT);
  rapport_assignment_set_facility (assignment, "Hôpital Saint-Éloi");
  g_assert_true (rapport_assignment_validate (assignment, NULL));

  /* Other one-line fields; notes may hold newlines. */
  rapport_assignment_set_agency (assignment, "Aya\tHealthcare");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT);
  rapport_assignment_set_agency (assignment, "Aya");
  rapport_assignment_set_unit (assignment, "IC\xc3");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT);
  rapport_assignment_set_unit (assignment, "ICU");
  rapport_assignment_set_notes (assignment, "one\ntwo\r\n\tthree");
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_notes (assignment, "bad \xc0\x80 bytes");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT);

  /* Lengths */
  long_notes = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'n');
  rapport_assignment_set_notes (assignment, long_notes);
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_TOO_LONG);
  long_notes[RAPPORT_MAX_NOTES_LENGTH] = '\0';
  rapport_assignment_set_notes (assignment, long_notes);
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_notes (assignment, "");

  long_city = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'c');
  rapport_assignment_set_city (assignment, long_city);
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_TOO_LONG);
  {
    g_autoptr(GError) long_error = NULL;

    rapport_assignment_validate (assignment, &long_error);
    g_assert_nonnull (long_error);
    if (long_error != NULL)
      g_assert_nonnull (strstr (long_error->message, "City"));
  }
  long_city[RAPPORT_MAX_FIELD_LENGTH] = '\0';
  rapport_assignment_set_city (assignment, long_city);
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_city (assignment, "Grand Junction");

  /* Time zone */
  for (guint i = 0; i < G_N_ELEMENTS (bad_zones); i++)
    {
      g_test_message ("bad zone %u: '%s'", i, bad_zones[i]);
      rapport_assignment_set_tz (assignment, bad_zones[i]);
      assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_TIME_ZONE);
    }
  rapport_assignment_set_tz (assignment, "Pacific/Chatham");
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_tz (assignment, "UTC");
  g_assert_true (rapport_assignment_validate (assignment, NULL));

  /* Dates */
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_test_message ("bad date %u: '%s'", i, bad_dates[i]);
      rapport_assignment_set_starts_on (assignment, bad_dates[i]);
      rapport_assignment_set_ends_on (assignment, "");
      assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_DATE);
      rapport_assignment_set_starts_on (assignment, "");
      rapport_assignment_set_ends_on (assignment, bad_dates[i]);
      assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_INVALID_DATE);
    }

  rapport_assignment_set_starts_on (assignment, "2024-02-29");
  rapport_assignment_set_ends_on (assignment, "");
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_starts_on (assignment, "");
  rapport_assignment_set_ends_on (assignment, "2024-02-29");
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_ends_on (assignment, "");
  g_assert_true (rapport_assignment_validate (assignment, NULL));

  /* Order */
  rapport_assignment_set_starts_on (assignment, "2026-05-01");
  rapport_assignment_set_ends_on (assignment, "2026-04-30");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_ENDS_BEFORE_START);
  rapport_assignment_set_ends_on (assignment, "2025-12-31");
  assert_invalid (assignment, RAPPORT_ASSIGNMENT_ERROR_ENDS_BEFORE_START);
  rapport_assignment_set_ends_on (assignment, "2026-05-01");
  g_assert_true (rapport_assignment_validate (assignment, NULL));
  rapport_assignment_set_ends_on (assignment, "2027-01-01");
  g_assert_true (rapport_assignment_validate (assignment, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/assignment/properties", test_properties);
  g_test_add_func ("/rapport/assignment/null-strings", test_null_strings);
  g_test_add_func ("/rapport/assignment/default-tz", test_default_tz);
  g_test_add_func ("/rapport/assignment/notify", test_notify);
  g_test_add_func ("/rapport/assignment/dup-assign", test_dup_assign);
  g_test_add_func ("/rapport/assignment/title-place", test_title_place);
  g_test_add_func ("/rapport/assignment/is-current", test_is_current);
  g_test_add_func ("/rapport/assignment/validate", test_validate);

  return g_test_run ();
}
