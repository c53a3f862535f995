/* rapport-seed.c
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

/* Makes a journal through the core API, the way the app would, for the app-level tests and the
 * screenshots:
 *
 *   rapport-seed --data-dir=DIR [--colleagues=N] [--sample] [--forget-key] [--print-code]
 *   rapport-seed --data-dir=DIR --check   (integrity check, then "ok COLLEAGUES SEARCH-ENTRIES")
 *   rapport-seed --data-dir=DIR --burst=N (edits as fast as it can; see burst ())
 *   rapport-seed --data-dir=DIR --check-burst   (what of a burst is in the journal)
 */

#define G_LOG_DOMAIN "rapport-seed"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rapport-keyring.h"
#include "rapport-profile.h"

typedef struct
{
  const char         *name;
  const char         *role;
  const char         *specialty;
  const char         *organization;
  const char         *email;
  const char         *phone;
  const char         *interests;
  const char         *notes;
  RapportSupportKind  support_kind;
  guint               cadence_days;
} SampleColleague;

static const SampleColleague sample_colleagues[] = {
  { "José Peña", "RN", "Emergency", "St. Brendan Regional Medical Center",
    "jose.pena@example.org", "+1 303 555 0142", "Trail running, mole recipes",
    "Showed me the badge office on day one. Knows every taco truck in town.",
    RAPPORT_SUPPORT_KIND_LOCAL_GUIDE, 14 },
  { "Zoë Müller", "PT", "Orthopedics", "Mountain View Rehabilitation",
    "zoe.mueller@example.org", "", "Bouldering, sourdough",
    "Also a traveler; we swap housing leads.",
    RAPPORT_SUPPORT_KIND_PEER, 42 },
  { "Priya Raman", "Hospitalist", "Internal Medicine", "St. Brendan Regional Medical Center",
    "priya.raman@example.org", "+1 720 555 0199", "Chess, Carnatic music",
    "Offered to review my case presentation before boards.",
    RAPPORT_SUPPORT_KIND_MENTOR, 30 },
  { "Marcus O'Neil", "Respiratory Therapist", "", "Front Range Health",
    "", "+1 970 555 0107", "Fly fishing",
    "Coffee after night shifts on Thursdays.",
    RAPPORT_SUPPORT_KIND_FRIEND, 21 },
  { "Dana Whitfield", "Unit Clerk", "4 West", "St. Brendan Regional Medical Center",
    "dana.whitfield@example.org", "", "Quilting, local history",
    "Knows which parking lot fills up first.",
    RAPPORT_SUPPORT_KIND_NONE, 0 },
  { "Søren Åkesson", "Charge Nurse", "ICU", "Front Range Health",
    "soren.akesson@example.org", "+1 303 555 0170", "Cross-country skiing",
    "Runs the Thursday peer-support group at 12:30.",
    RAPPORT_SUPPORT_KIND_MENTOR, 90 },
};

/* Indexes into sample_colleagues. */
enum {
  JOSE,
  ZOE,
  PRIYA,
  MARCUS,
  DANA,
  SOREN,
};

typedef struct
{
  RapportTipCategory  category;
  const char         *title;
  const char         *body;
  const char         *address;
  const char         *link;
  int                 recommended_by;   /* index into sample_colleagues, -1 for nobody */
  gboolean            tried;
} SampleTip;

/* No colleague is named in a tip: the site guide exported from them is for strangers. */
static const SampleTip current_tips[] = {
  { RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Badge office",
    "Basement level, next to the cafeteria. Open 7:00–15:00 on weekdays; bring two IDs.",
    "1010 Three Springs Blvd", "", JOSE, TRUE },
  { RAPPORT_TIP_CATEGORY_PARKING, "Lot C after 18:00",
    "Lot A fills up by 6:45; Lot C is free for night shift and has a shuttle.", "", "", DANA,
    TRUE },
  { RAPPORT_TIP_CATEGORY_COFFEE, "Durango Joe’s on Main",
    "Opens at 5:30, so it works before a day shift.", "732 Main Ave", "", -1, TRUE },
  { RAPPORT_TIP_CATEGORY_FOOD, "Taco truck behind the hardware store",
    "Al pastor on Tuesdays. Cash only.", "", "", JOSE, FALSE },
  { RAPPORT_TIP_CATEGORY_OUTDOORS, "Animas River Trail",
    "Flat and paved for the first few miles; good for a post-shift walk.", "",
    "geo:37.2753,-107.8801", PRIYA, FALSE },
};

static const SampleTip past_tips[] = {
  { RAPPORT_TIP_CATEGORY_HOUSING, "Month-to-month studio on Mountain Ave",
    "Landlord rents to travelers; ask for the unit with parking.", "", "", ZOE, TRUE },
  { RAPPORT_TIP_CATEGORY_TRANSIT, "MAX bus to the hospital",
    "Every 10 minutes, stops at the south entrance.", "", "https://example.org/max", -1, TRUE },
};

static const char *generated_first_names[] = {
  "Avery", "Blake", "Casey", "Devon", "Emerson", "Finley", "Harper", "Jordan",
  "Kendall", "Logan", "Morgan", "Parker", "Quinn", "Reese", "Sawyer", "Taylor",
};

static const char *generated_last_names[] = {
  "Abbott", "Brooks", "Castillo", "Dubois", "Eriksen", "Fujita", "Garcia", "Haddad",
  "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Mensah", "Nakamura", "Okafor", "Petrov",
};

static const char *generated_roles[] = {
  "RN", "PT", "Hospitalist", "Respiratory Therapist", "Unit Clerk", "Charge Nurse",
};

static char *data_dir;
static int n_colleagues;
static gboolean add_sample;
static gboolean forget_key;
static gboolean check_only;
static gboolean print_code;
static int n_burst;
static gboolean check_burst_only;

/* A burst edits the first BURST_COLLEAGUES colleagues of the journal; each entry names three. */
#define BURST_COLLEAGUES 6
#define BURST_LINKS 3

static const GOptionEntry entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
    "The profile folder (created when needed)", "DIR" },
  { "colleagues", 0, 0, G_OPTION_ARG_INT, &n_colleagues,
    "Add N generated colleagues with predictable names", "N" },
  { "sample", 0, 0, G_OPTION_ARG_NONE, &add_sample,
    "Add a handful of realistic colleagues, two assignments, tips, journal entries and reminders",
    NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, &check_only,
    "Check the journal's integrity and print its colleague and search entry counts", NULL },
  { "forget-key", 0, 0, G_OPTION_ARG_NONE, &forget_key,
    "Remove the key from the keyring, as if the keyring were lost", NULL },
  { "print-code", 0, 0, G_OPTION_ARG_NONE, &print_code,
    "Print the journal's recovery code", NULL },
  { "burst", 0, 0, G_OPTION_ARG_INT, &n_burst,
    "Make N rounds of edits, one store call each, printing each one once it is committed", "N" },
  { "check-burst", 0, 0, G_OPTION_ARG_NONE, &check_burst_only,
    "Check the journal's integrity and print which edits of a burst it holds", NULL },
  { NULL }
};

/* Same name for the same index on every run, so tests can look for it. */
static RapportColleague *
generate_colleague (guint index)
{
  g_autoptr(RapportColleague) colleague = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *email_down = NULL;
  guint n_first = G_N_ELEMENTS (generated_first_names);
  guint n_last = G_N_ELEMENTS (generated_last_names);
  const char *first = generated_first_names[index % n_first];
  const char *last = generated_last_names[(index / n_first) % n_last];
  guint round = index / (n_first * n_last);

  if (round == 0)
    name = g_strdup_printf ("%s %s", first, last);
  else
    name = g_strdup_printf ("%s %s %u", first, last, round + 1);

  email = g_strdup_printf ("%s.%s%u@example.org", first, last, index);
  email_down = g_ascii_strdown (email, -1);

  colleague = rapport_colleague_new (name);
  rapport_colleague_set_role (colleague, generated_roles[index % G_N_ELEMENTS (generated_roles)]);
  rapport_colleague_set_email (colleague, email_down);
  rapport_colleague_set_cadence_days (colleague, (index % 4) * 14);

  return g_steal_pointer (&colleague);
}

static gboolean
add_generated (RapportStore  *store,
               guint          count,
               GError       **error)
{
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(RapportColleague) colleague = generate_colleague (i);

      if (!rapport_store_add_colleague (store, colleague, error))
        return FALSE;
    }

  return TRUE;
}

static char *
dup_date (GDateTime *now,
          int        days)
{
  g_autoptr(GDateTime) date = g_date_time_add_days (now, days);

  return g_date_time_format (date, "%Y-%m-%d");
}

static gboolean
add_sample_tips (RapportStore     *store,
                 gint64            assignment_id,
                 const SampleTip  *tips,
                 guint             n_tips,
                 const gint64     *colleague_ids,
                 GError          **error)
{
  for (guint i = 0; i < n_tips; i++)
    {
      g_autoptr(RapportTip) tip = rapport_tip_new (assignment_id, tips[i].category,
                                                   tips[i].title);

      rapport_tip_set_body (tip, tips[i].body);
      rapport_tip_set_address (tip, tips[i].address);
      rapport_tip_set_link (tip, tips[i].link);
      rapport_tip_set_tried (tip, tips[i].tried);
      if (tips[i].recommended_by >= 0)
        rapport_tip_set_recommended_by (tip, colleague_ids[tips[i].recommended_by]);

      if (!rapport_store_add_tip (store, tip, error))
        {
          g_prefix_error (error, "%s: ", tips[i].title);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
add_sample_interaction (RapportStore            *store,
                        RapportInteractionKind   kind,
                        GDateTime               *when,
                        gint64                   assignment_id,
                        const char              *body,
                        const gint64            *colleague_ids,
                        guint                    n_colleague_ids,
                        GError                 **error)
{
  g_autoptr(RapportInteraction) interaction = NULL;

  interaction = rapport_interaction_new (kind, g_date_time_to_unix (when));
  rapport_interaction_set_assignment_id (interaction, assignment_id);
  rapport_interaction_set_body (interaction, body);
  rapport_interaction_set_colleague_ids (interaction, colleague_ids, n_colleague_ids);

  return rapport_store_add_interaction (store, interaction, error);
}

static gboolean
add_sample_reminder (RapportStore  *store,
                     const char    *title,
                     const char    *notes,
                     GDateTime     *due,
                     const char    *tz,
                     const char    *rrule,
                     gint64         colleague_id,
                     gint64         assignment_id,
                     GError       **error)
{
  g_autoptr(RapportReminder) reminder = rapport_reminder_new (title, g_date_time_to_unix (due));

  rapport_reminder_set_notes (reminder, notes);
  if (tz != NULL)
    rapport_reminder_set_tz (reminder, tz);
  rapport_reminder_set_rrule (reminder, rrule);
  rapport_reminder_set_colleague_id (reminder, colleague_id);
  rapport_reminder_set_assignment_id (reminder, assignment_id);

  if (!rapport_store_add_reminder (store, reminder, error))
    {
      g_prefix_error (error, "%s: ", title);
      return FALSE;
    }

  return TRUE;
}

/* The weekly peer-support group (Thursdays 12:30 in Denver, wherever the clinician is), a
 * follow-up tomorrow morning and one that is overdue since yesterday. */
static gboolean
add_sample_reminders (RapportStore  *store,
                      const gint64  *ids,
                      gint64         assignment_id,
                      GError       **error)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) now_denver = NULL;
  g_autoptr(GDateTime) group_day = NULL;
  g_autoptr(GDateTime) group = NULL;
  g_autoptr(GDateTime) today_local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  int days_ahead;

  if (denver == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "The time zone America/Denver is not installed");
      return FALSE;
    }

  /* The next Thursday 12:30 in Denver that is still to come. */
  now_denver = g_date_time_to_timezone (now, denver);
  days_ahead = (G_DATE_THURSDAY - g_date_time_get_day_of_week (now_denver) + 7) % 7;
  group_day = g_date_time_new (denver, g_date_time_get_year (now_denver),
                               g_date_time_get_month (now_denver),
                               g_date_time_get_day_of_month (now_denver), 12, 30, 0);
  group = g_date_time_add_days (group_day, days_ahead);
  if (g_date_time_compare (group, now_denver) <= 0)
    {
      g_autoptr(GDateTime) next_week = g_date_time_add_weeks (group, 1);

      g_date_time_unref (group);
      group = g_steal_pointer (&next_week);
    }

  today_local = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                       g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_full (today_local, 0, 0, 1, 9, 0, 0);
  yesterday = g_date_time_add_full (today_local, 0, 0, -1, 16, 0, 0);

  return add_sample_reminder (store, "Peer-support group",
                              "Conference room B, or the video link in the group chat.", group,
                              "America/Denver", "FREQ=WEEKLY;BYDAY=TH", ids[SOREN], 0, error)
      && add_sample_reminder (store, "Send José the sepsis protocol article",
                              "The one from the grand rounds handout.", tomorrow, NULL, "",
                              ids[JOSE], assignment_id, error)
      && add_sample_reminder (store, "Return the parking permit form",
                              "Dana said the office closes at 16:00.", yesterday, NULL, "",
                              ids[DANA], assignment_id, error);
}

/* Two assignments (one that ended, one going on now), where the colleagues were met, local
 * tips, a few weeks of journal entries and reminders. */
static gboolean
add_sample_journal (RapportStore  *store,
                    const gint64  *ids,
                    GError       **error)
{
  g_autoptr(RapportAssignment) past = rapport_assignment_new ("Front Range Health");
  g_autoptr(RapportAssignment) current = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  g_autofree char *starts_on = dup_date (now, -21);
  g_autofree char *ends_on = dup_date (now, 70);
  g_autofree char *met_on = dup_date (now, -20);
  gint64 current_id;
  gint64 past_id;
  struct
  {
    RapportInteractionKind  kind;
    int                     days_ago;
    int                     hour;
    gboolean                here;
    const char             *body;
    int                     who[3];
  } journal[] = {
    { RAPPORT_INTERACTION_KIND_PEER_SUPPORT, 150, 12, FALSE,
      "Thursday group. Talked about the first week at a new site.", { SOREN, MARCUS, -1 } },
    { RAPPORT_INTERACTION_KIND_GROUP_CHAT, 12, 20, FALSE,
      "Planning a ski weekend for March.", { ZOE, MARCUS, -1 } },
    { RAPPORT_INTERACTION_KIND_SHARED_SHIFT, 5, 7, TRUE,
      "Busy night: two traumas back to back. Good team.", { PRIYA, DANA, -1 } },
    { RAPPORT_INTERACTION_KIND_COFFEE, 2, 9, TRUE,
      "Coffee after handover.\nPromised to send the sepsis protocol article.", { JOSE, -1, -1 } },
    { RAPPORT_INTERACTION_KIND_CALL, 1, 18, FALSE,
      "Caught up about her next contract.", { ZOE, -1, -1 } },
  };

  rapport_assignment_set_unit (past, "ICU");
  rapport_assignment_set_city (past, "Fort Collins");
  rapport_assignment_set_region (past, "Colorado");
  rapport_assignment_set_country (past, "US");
  rapport_assignment_set_tz (past, "America/Denver");
  rapport_assignment_set_starts_on (past, "2023-09-11");
  rapport_assignment_set_ends_on (past, "2023-12-15");
  rapport_assignment_set_agency (past, "Summit Travel Nursing");
  if (!rapport_store_add_assignment (store, past, error))
    return FALSE;
  past_id = rapport_assignment_get_id (past);

  current = rapport_assignment_new ("St. Brendan Regional Medical Center");
  rapport_assignment_set_unit (current, "Emergency Department");
  rapport_assignment_set_city (current, "Durango");
  rapport_assignment_set_region (current, "Colorado");
  rapport_assignment_set_country (current, "US");
  rapport_assignment_set_tz (current, "America/Denver");
  rapport_assignment_set_starts_on (current, starts_on);
  rapport_assignment_set_ends_on (current, ends_on);
  rapport_assignment_set_agency (current, "Summit Travel Nursing");
  rapport_assignment_set_notes (current, "13-week contract, nights. Charge nurse extension 4410.");
  if (!rapport_store_add_assignment (store, current, error))
    return FALSE;
  current_id = rapport_assignment_get_id (current);

  if (!rapport_store_link_colleague (store, ids[JOSE], current_id, starts_on, error) ||
      !rapport_store_link_colleague (store, ids[PRIYA], current_id, met_on, error) ||
      !rapport_store_link_colleague (store, ids[DANA], current_id, starts_on, error) ||
      !rapport_store_link_colleague (store, ids[ZOE], current_id, NULL, error) ||
      !rapport_store_link_colleague (store, ids[ZOE], past_id, "2023-09-12", error) ||
      !rapport_store_link_colleague (store, ids[MARCUS], past_id, "2023-09-14", error) ||
      !rapport_store_link_colleague (store, ids[SOREN], past_id, NULL, error))
    return FALSE;

  if (!add_sample_tips (store, current_id, current_tips, G_N_ELEMENTS (current_tips), ids,
                        error) ||
      !add_sample_tips (store, past_id, past_tips, G_N_ELEMENTS (past_tips), ids, error))
    return FALSE;

  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now), 0, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (journal); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (midnight, -journal[i].days_ago);
      g_autoptr(GDateTime) when = g_date_time_add_hours (day, journal[i].hour);
      gint64 who[G_N_ELEMENTS (journal[i].who)];
      guint n_who = 0;

      for (guint j = 0; j < G_N_ELEMENTS (journal[i].who) && journal[i].who[j] >= 0; j++)
        who[n_who++] = ids[journal[i].who[j]];

      if (!add_sample_interaction (store, journal[i].kind, when,
                                   journal[i].here ? current_id : 0, journal[i].body, who,
                                   n_who, error))
        return FALSE;
    }

  return add_sample_reminders (store, ids, current_id, error);
}

static gboolean
add_samples (RapportStore  *store,
             GError       **error)
{
  gint64 ids[G_N_ELEMENTS (sample_colleagues)];

  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  /* 1988 is a leap year, so "soon" is a real date even when it falls on February 29. */
  g_autofree char *birthday = g_strdup_printf ("1988-%02d-%02d",
                                               g_date_time_get_month (soon),
                                               g_date_time_get_day_of_month (soon));

  for (guint i = 0; i < G_N_ELEMENTS (sample_colleagues); i++)
    {
      const SampleColleague *sample = &sample_colleagues[i];
      g_autoptr(RapportColleague) colleague = rapport_colleague_new (sample->name);

      rapport_colleague_set_role (colleague, sample->role);
      rapport_colleague_set_specialty (colleague, sample->specialty);
      rapport_colleague_set_organization (colleague, sample->organization);
      rapport_colleague_set_email (colleague, sample->email);
      rapport_colleague_set_phone (colleague, sample->phone);
      rapport_colleague_set_interests (colleague, sample->interests);
      rapport_colleague_set_notes (colleague, sample->notes);
      rapport_colleague_set_support_kind (colleague, sample->support_kind);
      rapport_colleague_set_cadence_days (colleague, sample->cadence_days);
      if (i == 1)
        rapport_colleague_set_birthday (colleague, birthday);

      if (!rapport_store_add_colleague (store, colleague, error))
        {
          g_prefix_error (error, "%s: ", sample->name);
          return FALSE;
        }

      ids[i] = rapport_colleague_get_id (colleague);
    }

  return add_sample_journal (store, ids, error);
}

/* What a test needs to know after a crash: the file is sound, and how much is in it. */
static gboolean
check (GError **error)
{
  g_autoptr(RapportProfile) profile = rapport_profile_new (data_dir);
  g_autoptr(RapportStore) store = NULL;
  RapportDatabase *database;
  sqlite3_stmt *stmt;
  int n_search = -1;

  if (!rapport_profile_has_journal (profile))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "There is no journal");
      return FALSE;
    }

  store = rapport_profile_open (profile, NULL, error);
  if (store == NULL)
    return FALSE;

  database = rapport_store_get_database (store);
  if (!rapport_database_check_integrity (database, error))
    return FALSE;

  stmt = rapport_database_prepare (database, "SELECT count(*) FROM search", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_search = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  g_print ("ok %u %d\n", g_list_model_get_n_items (rapport_store_get_colleagues (store)),
           n_search);

  return TRUE;
}

/* The first BURST_COLLEAGUES colleagues, in the order they were added. */
static gboolean
get_burst_colleagues (RapportStore  *store,
                      gint64        *ids,
                      GError       **error)
{
  GListModel *colleagues = rapport_store_get_colleagues (store);

  if (g_list_model_get_n_items (colleagues) < BURST_COLLEAGUES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A burst needs %d colleagues in the journal (--colleagues=%d)",
                   BURST_COLLEAGUES, BURST_COLLEAGUES);
      return FALSE;
    }

  for (guint c = 0; c < BURST_COLLEAGUES; c++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, c);

      ids[c] = rapport_colleague_get_id (colleague);
    }

  return TRUE;
}

/* Printed only once the store call returned, so the test knows what was committed. */
static void
burst_committed (guint      *n_edits,
                 const char *op,
                 guint       round)
{
  g_print ("edit %u %s %u\n", (*n_edits)++, op, round);
  fflush (stdout);
}

/* Round i: an entry naming three colleagues, colleague i's notes, a reminder, and the deletion
 * of the reminder of round i - 2, each one store call that the store documents as one
 * transaction. Killed at any moment, the journal must hold a prefix of this sequence of edits:
 * test-crash.py replays it to find which. The texts end with a period so that "burst-1." is
 * never found inside "burst-12.". */
static gboolean
burst (RapportStore  *store,
       guint          rounds,
       GError       **error)
{
  g_autoptr(GArray) reminder_ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), rounds);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 ids[BURST_COLLEAGUES];
  guint n_edits = 0;

  if (!get_burst_colleagues (store, ids, error))
    return FALSE;

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *text = g_strdup_printf ("burst-%u.", i);
      g_autoptr(RapportInteraction) interaction = NULL;
      g_autoptr(RapportColleague) changes = NULL;
      g_autoptr(RapportReminder) reminder = NULL;
      gint64 colleague_id = ids[i % BURST_COLLEAGUES];
      gint64 linked[BURST_LINKS];
      gint64 reminder_id;

      for (guint j = 0; j < BURST_LINKS; j++)
        linked[j] = ids[(i + j) % BURST_COLLEAGUES];

      interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                             now - (gint64) rounds + i);
      rapport_interaction_set_body (interaction, text);
      rapport_interaction_set_colleague_ids (interaction, linked, BURST_LINKS);
      if (!rapport_store_add_interaction (store, interaction, error))
        return FALSE;
      burst_committed (&n_edits, "interaction", i);

      changes = rapport_colleague_dup (rapport_store_find_colleague (store, colleague_id));
      rapport_colleague_set_notes (changes, text);
      if (!rapport_store_update_colleague (store, changes, error))
        return FALSE;
      burst_committed (&n_edits, "notes", i);

      reminder = rapport_reminder_new (text, now + G_TIME_SPAN_DAY / G_USEC_PER_SEC + i);
      rapport_reminder_set_colleague_id (reminder, colleague_id);
      if (!rapport_store_add_reminder (store, reminder, error))
        return FALSE;
      reminder_id = rapport_reminder_get_id (reminder);
      g_array_append_val (reminder_ids, reminder_id);
      burst_committed (&n_edits, "reminder", i);

      if (i >= 2)
        {
          if (!rapport_store_delete_reminder (store, g_array_index (reminder_ids, gint64, i - 2),
                                              NULL, error))
            return FALSE;
          burst_committed (&n_edits, "delete-reminder", i - 2);
        }
    }

  return TRUE;
}

/* The store's search index: docid = id * 8 + kind (rapport-store-private.h). */
#define SEARCH_KIND_MODULUS 8

/* Whether the search entry of (kind, id) exists and its text holds text. */
static gboolean
search_entry_holds (RapportDatabase  *database,
                    RapportItemKind   kind,
                    gint64            id,
                    const char       *text,
                    gboolean         *holds,
                    GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = rapport_database_prepare (database, "SELECT title, body FROM search WHERE docid = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id * SEARCH_KIND_MODULUS + kind);
  *holds = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);
      const char *body = (const char *) sqlite3_column_text (stmt, 1);

      *holds = (title != NULL && strstr (title, text) != NULL) ||
               (body != NULL && strstr (body, text) != NULL);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      rapport_database_set_error (database, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The round a burst text names, or -1 when text is not one. */
static int
parse_burst_round (const char *text)
{
  unsigned int round;
  int consumed = 0;

  if (text == NULL || sscanf (text, "burst-%u.%n", &round, &consumed) != 1 ||
      consumed == 0 || text[consumed] != '\0')
    return -1;

  return (int) round;
}

static gboolean
query_count (RapportDatabase  *database,
             const char       *sql,
             int              *count,
             GError          **error)
{
  sqlite3_stmt *stmt = rapport_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      rapport_database_set_error (database, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
print_burst_interactions (RapportDatabase  *database,
                          const gint64     *ids,
                          GError          **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = rapport_database_prepare (database,
                                   "SELECT id FROM interaction WHERE body LIKE 'burst-%'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (found, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rapport_database_set_error (database, rc, error);
      return FALSE;
    }

  /* "interaction ROUND LINKS EXPECTED-LINKS INDEXED" */
  for (guint n = 0; n < found->len; n++)
    {
      gint64 id = g_array_index (found, gint64, n);
      g_autofree char *body = NULL;
      g_autofree char *text = NULL;
      gboolean indexed = FALSE;
      guint n_links = 0;
      guint n_expected = 0;
      int round;

      stmt = rapport_database_prepare (database, "SELECT body FROM interaction WHERE id = ?1",
                                       error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        body = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);

      round = parse_burst_round (body);
      if (round < 0)
        {
          g_print ("foreign-interaction %" G_GINT64_FORMAT "\n", id);
          continue;
        }

      stmt = rapport_database_prepare (database, "SELECT colleague_id FROM interaction_colleague"
                                       " WHERE interaction_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 colleague_id = sqlite3_column_int64 (stmt, 0);

          n_links++;
          for (guint j = 0; j < BURST_LINKS; j++)
            n_expected += colleague_id == ids[(round + j) % BURST_COLLEAGUES];
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          rapport_database_set_error (database, rc, error);
          return FALSE;
        }

      if (!search_entry_holds (database, RAPPORT_ITEM_KIND_INTERACTION, id, body, &indexed,
                               error))
        return FALSE;

      g_print ("interaction %d %u %u %d\n", round, n_links, n_expected, indexed);
    }

  return TRUE;
}

static gboolean
print_burst_reminders (RapportStore     *store,
                       RapportDatabase  *database,
                       GError          **error)
{
  GListModel *reminders = rapport_store_get_reminders (store);

  /* "reminder ROUND INDEXED" */
  for (guint n = 0; n < g_list_model_get_n_items (reminders); n++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, n);
      const char *title = rapport_reminder_get_title (reminder);
      int round = parse_burst_round (title);
      gboolean indexed = FALSE;

      if (round < 0)
        continue;

      if (!search_entry_holds (database, RAPPORT_ITEM_KIND_REMINDER,
                               rapport_reminder_get_id (reminder), title, &indexed, error))
        return FALSE;

      g_print ("reminder %d %d\n", round, indexed);
    }

  return TRUE;
}

/* What a burst left in the journal, one fact a line, after the line --check prints:
 *
 *   interaction ROUND LINKS EXPECTED-LINKS INDEXED   (an entry "burst-ROUND.")
 *   colleague INDEX ROUND INDEXED                    (ROUND -1: notes not from the burst)
 *   reminder ROUND INDEXED
 *   orphans N    (links and search entries whose row is gone)
 *   unindexed N  (entries, colleagues and reminders without a search entry)
 *
 * INDEXED is 1 when the item's search entry holds its current text. */
static gboolean
check_burst (GError **error)
{
  g_autoptr(RapportProfile) profile = rapport_profile_new (data_dir);
  g_autoptr(RapportStore) store = NULL;
  RapportDatabase *database;
  gint64 ids[BURST_COLLEAGUES];
  int n_orphans = -1;
  int n_unindexed = -1;
  int n_search = -1;

  if (!rapport_profile_has_journal (profile))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "There is no journal");
      return FALSE;
    }

  store = rapport_profile_open (profile, NULL, error);
  if (store == NULL)
    return FALSE;

  database = rapport_store_get_database (store);
  if (!rapport_database_check_integrity (database, error) ||
      !query_count (database, "SELECT count(*) FROM search", &n_search, error) ||
      !get_burst_colleagues (store, ids, error))
    return FALSE;

  g_print ("ok %u %d\n", g_list_model_get_n_items (rapport_store_get_colleagues (store)),
           n_search);

  if (!print_burst_interactions (database, ids, error))
    return FALSE;

  for (guint c = 0; c < BURST_COLLEAGUES; c++)
    {
      RapportColleague *colleague = rapport_store_find_colleague (store, ids[c]);
      const char *notes = rapport_colleague_get_notes (colleague);
      gboolean indexed = TRUE;

      if (notes[0] != '\0' &&
          !search_entry_holds (database, RAPPORT_ITEM_KIND_COLLEAGUE, ids[c], notes, &indexed,
                               error))
        return FALSE;

      g_print ("colleague %u %d %d\n", c, parse_burst_round (notes), indexed);
    }

  if (!print_burst_reminders (store, database, error))
    return FALSE;

  if (!query_count (database,
                    "SELECT (SELECT count(*) FROM interaction_colleague"
                    "        WHERE interaction_id NOT IN (SELECT id FROM interaction)"
                    "           OR colleague_id NOT IN (SELECT id FROM colleague))"
                    "     + (SELECT count(*) FROM search"
                    "        WHERE (docid % 8 = 1 AND docid / 8 NOT IN (SELECT id FROM colleague))"
                    "           OR (docid % 8 = 4"
                    "               AND docid / 8 NOT IN (SELECT id FROM interaction))"
                    "           OR (docid % 8 = 5 AND docid / 8 NOT IN (SELECT id FROM reminder)))",
                    &n_orphans, error) ||
      !query_count (database,
                    "SELECT (SELECT count(*) FROM colleague"
                    "        WHERE id * 8 + 1 NOT IN (SELECT docid FROM search))"
                    "     + (SELECT count(*) FROM interaction"
                    "        WHERE id * 8 + 4 NOT IN (SELECT docid FROM search))"
                    "     + (SELECT count(*) FROM reminder"
                    "        WHERE id * 8 + 5 NOT IN (SELECT docid FROM search))",
                    &n_unindexed, error))
    return FALSE;

  g_print ("orphans %d\nunindexed %d\n", n_orphans, n_unindexed);

  return TRUE;
}

static gboolean
seed (GError **error)
{
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(RapportStore) store = NULL;
  gboolean had_journal;
  gboolean only_forget;

  profile = rapport_profile_new (data_dir);
  had_journal = rapport_profile_has_journal (profile);
  only_forget = forget_key && n_colleagues == 0 && !add_sample && !print_code && n_burst == 0;

  /* Forgetting the key of an existing journal needs no key, so it works twice in a row. */
  if (!(only_forget && had_journal))
    {
      if (had_journal)
        store = rapport_profile_open (profile, NULL, error);
      else
        store = rapport_profile_create (profile, NULL, error);
      if (store == NULL)
        return FALSE;
    }

  if (store != NULL)
    {
      if (n_colleagues > 0 && !add_generated (store, n_colleagues, error))
        return FALSE;

      if (add_sample && !add_samples (store, error))
        return FALSE;

      if (n_burst > 0 && !burst (store, n_burst, error))
        return FALSE;

      if (print_code)
        {
          g_autofree char *code = rapport_profile_dup_recovery_code (profile);

          if (code == NULL)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   "The journal has no recovery code");
              return FALSE;
            }
          g_print ("%s\n", code);
        }

      /* Close the database before touching the keyring, as a quitting app would. */
      g_clear_object (&store);
    }

  if (forget_key &&
      !rapport_keyring_clear_key (rapport_profile_get_database_path (profile), NULL, error))
    return FALSE;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- make a Rapport journal for tests");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("rapport-seed: %s\n", error->message);
      return 2;
    }

  if (data_dir == NULL || *data_dir == '\0' || argc > 1 || n_colleagues < 0 || n_burst < 0)
    {
      g_printerr ("rapport-seed: usage: rapport-seed --data-dir=DIR [--colleagues=N] [--sample]"
                  " [--burst=N] [--forget-key] [--print-code] [--check] [--check-burst]\n");
      return 2;
    }

  if (!(check_burst_only ? check_burst (&error) : check_only ? check (&error) : seed (&error)))
    {
      g_autofree char *line = g_strdelimit (g_strdup (error->message), "\r\n", ' ');

      g_printerr ("rapport-seed: %s\n", line);
      g_free (data_dir);
      return 1;
    }

  g_free (data_dir);
  return 0;
}
