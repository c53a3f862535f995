/* test-reminder.c
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

#define G_LOG_DOMAIN "rapport-test-reminder"

#include "config.h"

#include <string.h>

#include "rapport-reminder.h"
#include "rapport-types.h"

static const char *string_properties[] = { "title", "notes", "rrule" };

static const char *int64_properties[] = {
  "id", "colleague-id", "assignment-id", "due-at", "snoozed-until", "completed-at", "notified-at",
  "created-at",
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

/* Unix seconds of an ISO 8601 time with its offset. */
static gint64
unix_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (time);

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

static char *
format_unix_in (gint64      unix_time_value,
                const char *zone_name)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time_value);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %z");
}

static RapportReminder *
make_full_reminder (void)
{
  return g_object_new (RAPPORT_TYPE_REMINDER,
                       "id", (gint64) 21,
                       "title", "Peer-support group",
                       "notes", "Room 4B.\nBring the article for Sam.",
                       "colleague-id", (gint64) 7,
                       "assignment-id", (gint64) 3,
                       "due-at", (gint64) 1772731800,
                       "tz", "America/New_York",
                       "rrule", "FREQ=WEEKLY;BYDAY=TH",
                       "snoozed-until", (gint64) 1772732700,
                       "completed-at", (gint64) 1772700000,
                       "notified-at", (gint64) 1772731800,
                       "created-at", (gint64) 1772000000,
                       NULL);
}

static void
test_properties (void)
{
  RapportReminder *reminder = make_full_reminder ();
  g_autofree char *title = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *rrule = NULL;
  gint64 due_at = 0;
  gint64 colleague_id = 0;
  gint64 notified_at = 0;

  g_assert_cmpint (rapport_reminder_get_id (reminder), ==, 21);
  g_assert_cmpstr (rapport_reminder_get_title (reminder), ==, "Peer-support group");
  g_assert_cmpstr (rapport_reminder_get_notes (reminder), ==,
                   "Room 4B.\nBring the article for Sam.");
  g_assert_cmpint (rapport_reminder_get_colleague_id (reminder), ==, 7);
  g_assert_cmpint (rapport_reminder_get_assignment_id (reminder), ==, 3);
  g_assert_cmpint (rapport_reminder_get_due_at (reminder), ==, 1772731800);
  g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "America/New_York");
  g_assert_cmpstr (rapport_reminder_get_rrule (reminder), ==, "FREQ=WEEKLY;BYDAY=TH");
  g_assert_cmpint (rapport_reminder_get_snoozed_until (reminder), ==, 1772732700);
  g_assert_cmpint (rapport_reminder_get_completed_at (reminder), ==, 1772700000);
  g_assert_cmpint (rapport_reminder_get_notified_at (reminder), ==, 1772731800);
  g_assert_cmpint (rapport_reminder_get_created_at (reminder), ==, 1772000000);

  g_object_get (reminder,
                "title", &title,
                "tz", &tz,
                "rrule", &rrule,
                "due-at", &due_at,
                "colleague-id", &colleague_id,
                "notified-at", &notified_at,
                NULL);
  g_assert_cmpstr (title, ==, "Peer-support group");
  g_assert_cmpstr (tz, ==, "America/New_York");
  g_assert_cmpstr (rrule, ==, "FREQ=WEEKLY;BYDAY=TH");
  g_assert_cmpint (due_at, ==, 1772731800);
  g_assert_cmpint (colleague_id, ==, 7);
  g_assert_cmpint (notified_at, ==, 1772731800);

  /* Each setter changes its own field only. */
  rapport_reminder_set_title (reminder, "Coffee with Sam");
  rapport_reminder_set_rrule (reminder, "");
  rapport_reminder_set_snoozed_until (reminder, 0);
  rapport_reminder_set_colleague_id (reminder, 0);
  g_assert_cmpstr (rapport_reminder_get_title (reminder), ==, "Coffee with Sam");
  g_assert_cmpstr (rapport_reminder_get_rrule (reminder), ==, "");
  g_assert_cmpint (rapport_reminder_get_snoozed_until (reminder), ==, 0);
  g_assert_cmpint (rapport_reminder_get_colleague_id (reminder), ==, 0);
  g_assert_cmpint (rapport_reminder_get_assignment_id (reminder), ==, 3);
  g_assert_cmpint (rapport_reminder_get_due_at (reminder), ==, 1772731800);
  g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "America/New_York");

  g_assert_finalize_object (reminder);
}

static void
test_new_and_null_strings (void)
{
  RapportReminder *reminder = rapport_reminder_new (NULL, 1772731800);

  g_assert_cmpint (rapport_reminder_get_due_at (reminder), ==, 1772731800);

  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (reminder, string_properties[i], &value, NULL);
      g_assert_cmpstr (value, ==, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (int64_properties); i++)
    {
      gint64 value = -1;

      if (g_str_equal (int64_properties[i], "due-at"))
        continue;

      g_object_get (reminder, int64_properties[i], &value, NULL);
      g_assert_cmpint (value, ==, 0);
    }

  rapport_reminder_set_title (reminder, "Call Priya");
  rapport_reminder_set_notes (reminder, "about the boards");
  rapport_reminder_set_title (reminder, NULL);
  g_object_set (reminder, "notes", NULL, "rrule", NULL, "tz", NULL, NULL);
  g_assert_cmpstr (rapport_reminder_get_title (reminder), ==, "");
  g_assert_cmpstr (rapport_reminder_get_notes (reminder), ==, "");
  g_assert_cmpstr (rapport_reminder_get_rrule (reminder), ==, "");
  g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "");

  g_assert_finalize_object (reminder);

  reminder = rapport_reminder_new ("Send the article", 0);
  g_assert_cmpstr (rapport_reminder_get_title (reminder), ==, "Send the article");
  g_assert_finalize_object (reminder);
}

static void
test_new_with_fields (void)
{
  RapportReminderFields fields = {
    .id = 9,
    .title = "Call Priya",
    .notes = NULL,
    .colleague_id = 42,
    .assignment_id = 0,
    .due_at = 1772731800,
    .tz = "Europe/Berlin",
    .rrule = "FREQ=WEEKLY",
    .snoozed_until = 1772735400,
    .completed_at = 1772731900,
    .notified_at = 1772731800,
    .created_at = 1772000000,
  };
  RapportReminder *reminder = rapport_reminder_new_with_fields (&fields);
  RapportReminder *copy;

  g_assert_cmpint (rapport_reminder_get_id (reminder), ==, 9);
  g_assert_cmpstr (rapport_reminder_get_title (reminder), ==, "Call Priya");
  g_assert_cmpstr (rapport_reminder_get_notes (reminder), ==, "");
  g_assert_cmpint (rapport_reminder_get_colleague_id (reminder), ==, 42);
  g_assert_cmpint (rapport_reminder_get_assignment_id (reminder), ==, 0);
  g_assert_cmpint (rapport_reminder_get_due_at (reminder), ==, 1772731800);
  g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (reminder), ==, "FREQ=WEEKLY");
  g_assert_cmpint (rapport_reminder_get_snoozed_until (reminder), ==, 1772735400);
  g_assert_cmpint (rapport_reminder_get_completed_at (reminder), ==, 1772731900);
  g_assert_cmpint (rapport_reminder_get_notified_at (reminder), ==, 1772731800);
  g_assert_cmpint (rapport_reminder_get_created_at (reminder), ==, 1772000000);

  rapport_reminder_set_notes (reminder, "Ask about the night rota");
  rapport_reminder_set_rrule (reminder, NULL);
  g_assert_cmpstr (rapport_reminder_get_notes (reminder), ==, "Ask about the night rota");
  g_assert_cmpstr (rapport_reminder_get_rrule (reminder), ==, "");

  copy = rapport_reminder_dup (reminder);
  g_assert_cmpstr (rapport_reminder_get_tz (copy), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_notes (copy), ==, "Ask about the night rota");
  g_assert_finalize_object (copy);
  g_assert_finalize_object (reminder);

  /* A row without a zone stays without one: the machine's zone is no stand-in for it. */
  fields.tz = NULL;
  reminder = rapport_reminder_new_with_fields (&fields);
  g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, "");
  g_assert_finalize_object (reminder);
}

/* Zones and rules are shared between reminders: changing or dropping one reminder's must
 * leave the others' intact. */
static void
test_shared_strings (void)
{
  RapportReminderFields fields = {
    .id = 1,
    .title = "Call Priya",
    .due_at = 1772731800,
    .tz = "Europe/Berlin",
    .rrule = "FREQ=WEEKLY",
  };
  g_autofree char *tz = g_strdup ("Europe/Berlin");
  RapportReminder *first = rapport_reminder_new_with_fields (&fields);
  RapportReminder *second;
  RapportReminder *third = rapport_reminder_new ("Send the rota", 1772731800);

  fields.id = 2;
  fields.tz = tz;
  second = rapport_reminder_new_with_fields (&fields);

  g_assert_true (rapport_reminder_get_tz (first) == rapport_reminder_get_tz (second));
  g_assert_true (rapport_reminder_get_rrule (first) == rapport_reminder_get_rrule (second));

  /* Set from another reminder's own string, and back from the same value. */
  rapport_reminder_set_tz (third, rapport_reminder_get_tz (first));
  rapport_reminder_set_rrule (third, rapport_reminder_get_rrule (first));
  g_assert_cmpstr (rapport_reminder_get_tz (third), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (third), ==, "FREQ=WEEKLY");

  rapport_reminder_set_tz (first, "America/Denver");
  rapport_reminder_set_rrule (first, "");
  g_assert_cmpstr (rapport_reminder_get_tz (first), ==, "America/Denver");
  g_assert_cmpstr (rapport_reminder_get_rrule (first), ==, "");
  g_assert_cmpstr (rapport_reminder_get_tz (second), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (second), ==, "FREQ=WEEKLY");

  g_assert_finalize_object (second);
  g_assert_cmpstr (rapport_reminder_get_tz (third), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (third), ==, "FREQ=WEEKLY");
  g_assert_cmpint (rapport_reminder_next_occurrence (third, 1772731800), ==,
                   1772731800 + 7 * 24 * 3600);

  rapport_reminder_assign (first, third);
  g_assert_cmpstr (rapport_reminder_get_tz (first), ==, "Europe/Berlin");
  g_assert_true (rapport_reminder_get_tz (first) == rapport_reminder_get_tz (third));
  g_assert_finalize_object (third);
  g_assert_cmpstr (rapport_reminder_get_tz (first), ==, "Europe/Berlin");
  g_assert_cmpstr (rapport_reminder_get_rrule (first), ==, "FREQ=WEEKLY");
  g_assert_finalize_object (first);
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
    { "Australia/Sydney", "Australia/Sydney" },
    { ":Europe/Berlin", "Europe/Berlin" },
    { "/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo" },
    { "Nowhere/Atlantis", "UTC" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportReminder) reminder = NULL;

      g_test_message ("TZ=%s", cases[i].tz_env);
      g_setenv ("TZ", cases[i].tz_env, TRUE);
      reminder = rapport_reminder_new ("Call Priya", 1772731800);
      g_assert_cmpstr (rapport_reminder_get_tz (reminder), ==, cases[i].expected);
      g_assert_true (rapport_reminder_validate (reminder, NULL));
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_notify (void)
{
  RapportReminder *reminder = rapport_reminder_new ("Call Priya", 100);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  rapport_reminder_set_tz (reminder, "America/Denver");
  g_signal_connect (reminder, "notify", G_CALLBACK (count_notify_cb), counts);

  /* Unchanged values notify nothing. */
  rapport_reminder_set_title (reminder, "Call Priya");
  rapport_reminder_set_notes (reminder, NULL);
  rapport_reminder_set_notes (reminder, "");
  rapport_reminder_set_rrule (reminder, "");
  rapport_reminder_set_tz (reminder, "America/Denver");
  rapport_reminder_set_due_at (reminder, 100);
  rapport_reminder_set_id (reminder, 0);
  rapport_reminder_set_colleague_id (reminder, 0);
  rapport_reminder_set_assignment_id (reminder, 0);
  rapport_reminder_set_snoozed_until (reminder, 0);
  rapport_reminder_set_completed_at (reminder, 0);
  rapport_reminder_set_notified_at (reminder, 0);
  rapport_reminder_set_created_at (reminder, 0);
  g_object_set (reminder, "title", "Call Priya", "due-at", (gint64) 100, NULL);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  /* A change notifies once, for that property only. */
  rapport_reminder_set_title (reminder, "Call Priya after boards");
  rapport_reminder_set_title (reminder, "Call Priya after boards");
  g_assert_cmpuint (notify_count (counts, "title"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 1);

  g_object_set (reminder, "rrule", "FREQ=DAILY", NULL);
  rapport_reminder_set_rrule (reminder, "FREQ=DAILY");
  rapport_reminder_set_due_at (reminder, 200);
  rapport_reminder_set_due_at (reminder, 200);
  rapport_reminder_set_snoozed_until (reminder, 300);
  rapport_reminder_set_notified_at (reminder, 300);
  rapport_reminder_set_completed_at (reminder, 400);
  rapport_reminder_set_colleague_id (reminder, 5);
  rapport_reminder_set_assignment_id (reminder, 6);
  rapport_reminder_set_id (reminder, 9);
  rapport_reminder_set_created_at (reminder, 1);
  rapport_reminder_set_notes (reminder, "n");
  rapport_reminder_set_tz (reminder, "Europe/Berlin");
  for (guint i = 0; i < G_N_ELEMENTS (int64_properties); i++)
    g_assert_cmpuint (notify_count (counts, int64_properties[i]), ==, 1);
  g_assert_cmpuint (notify_count (counts, "rrule"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "notes"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "tz"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 12);

  g_signal_handlers_disconnect_by_data (reminder, counts);
  g_assert_finalize_object (reminder);
}

static void
assert_same_reminder (RapportReminder *a,
                      RapportReminder *b)
{
  g_assert_cmpstr (rapport_reminder_get_title (a), ==, rapport_reminder_get_title (b));
  g_assert_cmpstr (rapport_reminder_get_notes (a), ==, rapport_reminder_get_notes (b));
  g_assert_cmpint (rapport_reminder_get_colleague_id (a), ==,
                   rapport_reminder_get_colleague_id (b));
  g_assert_cmpint (rapport_reminder_get_assignment_id (a), ==,
                   rapport_reminder_get_assignment_id (b));
  g_assert_cmpint (rapport_reminder_get_due_at (a), ==, rapport_reminder_get_due_at (b));
  g_assert_cmpstr (rapport_reminder_get_tz (a), ==, rapport_reminder_get_tz (b));
  g_assert_cmpstr (rapport_reminder_get_rrule (a), ==, rapport_reminder_get_rrule (b));
  g_assert_cmpint (rapport_reminder_get_snoozed_until (a), ==,
                   rapport_reminder_get_snoozed_until (b));
  g_assert_cmpint (rapport_reminder_get_completed_at (a), ==,
                   rapport_reminder_get_completed_at (b));
  g_assert_cmpint (rapport_reminder_get_notified_at (a), ==,
                   rapport_reminder_get_notified_at (b));
  g_assert_cmpint (rapport_reminder_get_created_at (a), ==,
                   rapport_reminder_get_created_at (b));
}

static void
test_dup_assign (void)
{
  RapportReminder *original = make_full_reminder ();
  RapportReminder *copy = rapport_reminder_dup (original);
  RapportReminder *target = rapport_reminder_new ("Elsewhere", 5);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (copy != original);
  g_assert_cmpint (rapport_reminder_get_id (copy), ==, 21);
  assert_same_reminder (original, copy);

  rapport_reminder_set_notes (copy, "changed");
  g_assert_cmpstr (rapport_reminder_get_notes (original), !=, "changed");

  /* Assigning copies the contents, not the identity. */
  rapport_reminder_set_id (target, 5);
  rapport_reminder_assign (target, original);
  g_assert_cmpint (rapport_reminder_get_id (target), ==, 5);
  assert_same_reminder (original, target);

  g_signal_connect (target, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_reminder_assign (target, original);
  rapport_reminder_assign (target, target);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_reminder_set_due_at (original, 1773336600);
  rapport_reminder_set_snoozed_until (original, 0);
  rapport_reminder_set_id (original, 99);
  rapport_reminder_assign (target, original);
  g_assert_cmpuint (notify_count (counts, "due-at"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "snoozed-until"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 2);
  g_assert_cmpint (rapport_reminder_get_id (target), ==, 5);

  g_signal_handlers_disconnect_by_data (target, counts);
  g_assert_finalize_object (original);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
assert_invalid (RapportReminder *reminder,
                int              code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_reminder_validate (reminder, &error));
  g_assert_error (error, RAPPORT_REMINDER_ERROR, code);
  if (error != NULL)
    g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
test_validate (void)
{
  g_autoptr(RapportReminder) reminder = rapport_reminder_new ("Call Priya", 1772731800);
  g_autofree char *long_title = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'a');
  g_autofree char *longest_title = g_strnfill (RAPPORT_MAX_FIELD_LENGTH, 'a');
  g_autofree char *long_notes = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'b');
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  RapportRecurrence rule;

  rapport_reminder_set_tz (reminder, "America/New_York");
  g_assert_true (rapport_reminder_validate (reminder, &error));
  g_assert_no_error (error);

  /* Title. */
  rapport_reminder_set_title (reminder, "");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_TITLE_REQUIRED);
  rapport_reminder_set_title (reminder, " \t\u00a0 ");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_TITLE_REQUIRED);
  rapport_reminder_set_title (reminder, long_title);
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_TOO_LONG);
  rapport_reminder_set_title (reminder, longest_title);
  g_assert_true (rapport_reminder_validate (reminder, NULL));
  rapport_reminder_set_title (reminder, "Call\nPriya");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TEXT);
  rapport_reminder_set_title (reminder, "Call \xff Priya");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TEXT);
  rapport_reminder_set_title (reminder, "Call Priya");

  /* Notes may span lines but not grow without end. */
  rapport_reminder_set_notes (reminder, "line one\nline two");
  g_assert_true (rapport_reminder_validate (reminder, NULL));
  rapport_reminder_set_notes (reminder, long_notes);
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_TOO_LONG);
  rapport_reminder_set_notes (reminder, "broken \xc3");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TEXT);
  rapport_reminder_set_notes (reminder, "");

  /* Time: 1970 .. 9999. */
  rapport_reminder_set_due_at (reminder, -1);
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TIME);
  rapport_reminder_set_due_at (reminder, G_GINT64_CONSTANT (253402300800));
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TIME);
  rapport_reminder_set_due_at (reminder, G_GINT64_CONSTANT (253402300799));
  g_assert_true (rapport_reminder_validate (reminder, NULL));
  rapport_reminder_set_due_at (reminder, 0);
  g_assert_true (rapport_reminder_validate (reminder, NULL));
  rapport_reminder_set_due_at (reminder, 1772731800);
  rapport_reminder_set_snoozed_until (reminder, -5);
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TIME);
  rapport_reminder_set_snoozed_until (reminder, 1772735400);
  g_assert_true (rapport_reminder_validate (reminder, NULL));

  /* Zone. */
  rapport_reminder_set_tz (reminder, "");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE);
  rapport_reminder_set_tz (reminder, "Nowhere/Atlantis");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_TIME_ZONE);
  rapport_reminder_set_tz (reminder, "Australia/Sydney");
  g_assert_true (rapport_reminder_validate (reminder, NULL));

  /* Repeat rule: the parser's own explanation comes through. */
  rapport_reminder_set_rrule (reminder, "FREQ=WEEKLY;BYDAY=MO,TH");
  g_assert_true (rapport_reminder_validate (reminder, NULL));
  rapport_reminder_set_rrule (reminder, "FREQ=WEEKLY;COUNT=4");
  g_clear_error (&error);
  g_assert_false (rapport_reminder_validate (reminder, &error));
  g_assert_error (error, RAPPORT_REMINDER_ERROR, RAPPORT_REMINDER_ERROR_INVALID_RECURRENCE);
  g_assert_false (rapport_recurrence_parse ("FREQ=WEEKLY;COUNT=4", &rule, &parse_error));
  g_assert_cmpstr (error->message, ==, parse_error->message);
  rapport_reminder_set_rrule (reminder, "FREQ=FORTNIGHTLY");
  assert_invalid (reminder, RAPPORT_REMINDER_ERROR_INVALID_RECURRENCE);
  rapport_reminder_set_rrule (reminder, "");
  g_assert_true (rapport_reminder_validate (reminder, NULL));
}

typedef struct
{
  gint64                due_at;
  gint64                snoozed_until;
  gint64                completed_at;
  gint64                notified_at;
  const char           *rrule;
  gint64                now;
  gint64                remind_at;
  RapportReminderState  state;
  gboolean              needs_notification;
} StateCase;

static void
test_states (void)
{
  static const StateCase cases[] = {
    /* Plain one-off: before, at and after its time. */
    { 1000, 0, 0, 0, "", 999, 1000, RAPPORT_REMINDER_STATE_UPCOMING, FALSE },
    { 1000, 0, 0, 0, "", 1000, 1000, RAPPORT_REMINDER_STATE_OVERDUE, TRUE },
    { 1000, 0, 0, 0, "", 5000, 1000, RAPPORT_REMINDER_STATE_OVERDUE, TRUE },
    /* Notified once: still overdue, never notified again for the same time. */
    { 1000, 0, 0, 1000, "", 5000, 1000, RAPPORT_REMINDER_STATE_OVERDUE, FALSE },
    /* Notified for an older time (it was moved later): notify again when due. */
    { 1000, 0, 0, 500, "", 5000, 1000, RAPPORT_REMINDER_STATE_OVERDUE, TRUE },
    { 1000, 0, 0, 500, "", 999, 1000, RAPPORT_REMINDER_STATE_UPCOMING, FALSE },
    /* Snoozed: the snooze time replaces the due time. */
    { 1000, 2000, 0, 1000, "", 1500, 2000, RAPPORT_REMINDER_STATE_SNOOZED, FALSE },
    { 1000, 2000, 0, 1000, "", 1999, 2000, RAPPORT_REMINDER_STATE_SNOOZED, FALSE },
    { 1000, 2000, 0, 1000, "", 2000, 2000, RAPPORT_REMINDER_STATE_OVERDUE, TRUE },
    { 1000, 2000, 0, 2000, "", 2500, 2000, RAPPORT_REMINDER_STATE_OVERDUE, FALSE },
    /* Snoozed to a time before the due time still counts as snoozed until it passes. */
    { 3000, 2000, 0, 0, "", 1500, 2000, RAPPORT_REMINDER_STATE_SNOOZED, FALSE },
    /* Done: nothing to remind of, whatever the times say. */
    { 1000, 0, 1200, 0, "", 5000, 0, RAPPORT_REMINDER_STATE_DONE, FALSE },
    { 1000, 2000, 900, 0, "", 1500, 0, RAPPORT_REMINDER_STATE_DONE, FALSE },
    { 1000, 0, 900, 0, "", 500, 0, RAPPORT_REMINDER_STATE_DONE, FALSE },
    /* Repeating: completing an occurrence moves it on; it is never done. */
    { 1000, 0, 900, 0, "FREQ=DAILY", 500, 1000, RAPPORT_REMINDER_STATE_UPCOMING, FALSE },
    { 1000, 0, 900, 0, "FREQ=DAILY", 1000, 1000, RAPPORT_REMINDER_STATE_OVERDUE, TRUE },
    { 1000, 0, 0, 1000, "FREQ=DAILY", 1001, 1000, RAPPORT_REMINDER_STATE_OVERDUE, FALSE },
    { 1000, 1600, 0, 1000, "FREQ=WEEKLY;BYDAY=MO", 1500, 1600, RAPPORT_REMINDER_STATE_SNOOZED,
      FALSE },
    { 1000, 1600, 0, 1000, "FREQ=WEEKLY;BYDAY=MO", 1600, 1600, RAPPORT_REMINDER_STATE_OVERDUE,
      TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StateCase *c = &cases[i];
      g_autoptr(RapportReminder) reminder = rapport_reminder_new ("Call Priya", c->due_at);

      g_test_message ("case %u", i);
      rapport_reminder_set_snoozed_until (reminder, c->snoozed_until);
      rapport_reminder_set_completed_at (reminder, c->completed_at);
      rapport_reminder_set_notified_at (reminder, c->notified_at);
      rapport_reminder_set_rrule (reminder, c->rrule);

      g_assert_cmpint (rapport_reminder_get_remind_at (reminder), ==, c->remind_at);
      g_assert_cmpint (rapport_reminder_get_state_at (reminder, c->now), ==, c->state);
      g_assert_cmpint (rapport_reminder_needs_notification (reminder, c->now), ==,
                       c->needs_notification);
    }
}

static void
test_next_occurrence (void)
{
  g_autoptr(RapportReminder) reminder = NULL;
  gint64 due = unix_time ("2026-03-05T12:30:00-05:00");
  gint64 next;
  g_autofree char *text = NULL;

  reminder = rapport_reminder_new ("Peer-support group", due);
  rapport_reminder_set_tz (reminder, "America/New_York");

  /* A one-off has no next occurrence. */
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, due), ==, 0);

  rapport_reminder_set_rrule (reminder, "FREQ=WEEKLY;BYDAY=TH");

  /* After the pending occurrence, and never the pending one itself. */
  next = rapport_reminder_next_occurrence (reminder, due);
  g_assert_cmpint (next, ==, unix_time ("2026-03-12T12:30:00-04:00"));
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, 0), ==, next);
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, due - 7 * 86400), ==, next);
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, due + 60), ==, next);

  /* 12:30 in New York on both sides of the change: 17:30 UTC, then 16:30 UTC. */
  text = format_unix_in (next, "America/New_York");
  g_assert_cmpstr (text, ==, "2026-03-12 12:30:00 -0400");
  g_assert_cmpint (next - due, ==, 7 * 86400 - 3600);

  /* Done late: the next occurrence after the time it was done. */
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, next), ==,
                   unix_time ("2026-03-19T12:30:00-04:00"));
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder,
                                                     unix_time ("2026-03-20T09:00:00-04:00")),
                   ==, unix_time ("2026-03-26T12:30:00-04:00"));
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder,
                                                     unix_time ("2026-10-29T12:30:00-04:00")),
                   ==, unix_time ("2026-11-05T12:30:00-05:00"));

  /* The zone the reminder was planned in decides, not the machine's (TZ=America/Denver). */
  rapport_reminder_set_tz (reminder, "Europe/Berlin");
  rapport_reminder_set_due_at (reminder, unix_time ("2026-03-26T12:30:00+01:00"));
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, 0), ==,
                   unix_time ("2026-04-02T12:30:00+02:00"));

  /* Nothing to compute from. */
  rapport_reminder_set_tz (reminder, "Nowhere/Atlantis");
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, 0), ==, 0);
  rapport_reminder_set_tz (reminder, "America/New_York");
  rapport_reminder_set_rrule (reminder, "FREQ=WEEKLY;COUNT=3");
  g_assert_cmpint (rapport_reminder_next_occurrence (reminder, 0), ==, 0);
}

static void
test_due_local (void)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) summer = NULL;
  g_autoptr(GDateTime) fallback = NULL;

  reminder = rapport_reminder_new ("Call Priya", unix_time ("2026-03-05T17:30:00Z"));
  rapport_reminder_set_tz (reminder, "America/New_York");

  local = rapport_reminder_dup_due_local (reminder);
  g_assert_nonnull (local);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 12);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
  g_assert_cmpint (g_date_time_get_utc_offset (local), ==, -5 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_to_unix (local), ==, rapport_reminder_get_due_at (reminder));

  rapport_reminder_set_tz (reminder, "Europe/Berlin");
  rapport_reminder_set_due_at (reminder, unix_time ("2026-07-01T10:00:00Z"));
  summer = rapport_reminder_dup_due_local (reminder);
  g_assert_cmpint (g_date_time_get_hour (summer), ==, 12);
  g_assert_cmpint (g_date_time_get_utc_offset (summer), ==, 2 * G_TIME_SPAN_HOUR);

  /* An unknown zone shows the time in UTC rather than nothing. */
  rapport_reminder_set_tz (reminder, "Nowhere/Atlantis");
  fallback = rapport_reminder_dup_due_local (reminder);
  g_assert_nonnull (fallback);
  g_assert_cmpint (g_date_time_get_hour (fallback), ==, 10);
  g_assert_cmpint (g_date_time_get_utc_offset (fallback), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/reminder/properties", test_properties);
  g_test_add_func ("/rapport/reminder/new-null-strings", test_new_and_null_strings);
  g_test_add_func ("/rapport/reminder/new-with-fields", test_new_with_fields);
  g_test_add_func ("/rapport/reminder/shared-strings", test_shared_strings);
  g_test_add_func ("/rapport/reminder/default-tz", test_default_tz);
  g_test_add_func ("/rapport/reminder/notify", test_notify);
  g_test_add_func ("/rapport/reminder/dup-assign", test_dup_assign);
  g_test_add_func ("/rapport/reminder/validate", test_validate);
  g_test_add_func ("/rapport/reminder/states", test_states);
  g_test_add_func ("/rapport/reminder/next-occurrence", test_next_occurrence);
  g_test_add_func ("/rapport/reminder/due-local", test_due_local);

  return g_test_run ();
}
