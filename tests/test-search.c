/* test-search.c
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

#define G_LOG_DOMAIN "rapport-test-search"

#include "config.h"

#include <string.h>

#include "rapport-store.h"
#include "rapport-test-utils.h"

/* The journal-wide search: every kind, ranking, folding, and queries that try to be syntax. */

typedef struct
{
  char            *dir;
  char            *path;
  RapportDatabase *database;
  RapportStore    *store;
} Fixture;

/* 2024-03-05 18:00 UTC, 11:00 in Denver (the tests' TZ) */
#define T0 G_GINT64_CONSTANT (1709661600)
#define DAY (24 * 60 * 60)

static void
open_store (Fixture                 *fixture,
            RapportDatabaseOpenMode  mode)
{
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  rapport_test_fixed_key (key, 5);
  fixture->store = rapport_test_open_store (fixture->path, key, mode, &fixture->database);
}

static void
reopen_store (Fixture *fixture)
{
  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
  open_store (fixture, RAPPORT_DATABASE_OPEN_EXISTING);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_tmp_dir ("search");
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);

  open_store (fixture, RAPPORT_DATABASE_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    rapport_test_close_store (g_steal_pointer (&fixture->store),
                              g_steal_pointer (&fixture->database));

  g_assert_true (rapport_test_remove_tree (fixture->dir));

  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
add_colleague (Fixture    *fixture,
               const char *name,
               const char *role,
               const char *organization,
               const char *notes)
{
  RapportColleague *colleague = rapport_test_add_colleague (fixture->store, "name", name,
                                                            "role", role,
                                                            "organization", organization,
                                                            "notes", notes, NULL);

  return colleague != NULL ? rapport_colleague_get_id (colleague) : 0;
}

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *unit,
                const char *city,
                const char *starts_on,
                const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);

  rapport_assignment_set_unit (assignment, unit);
  rapport_assignment_set_city (assignment, city);
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_notes (assignment, notes);
  rapport_assignment_set_tz (assignment, "America/Denver");

  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static gint64
add_tip (Fixture            *fixture,
         gint64              assignment_id,
         RapportTipCategory  category,
         const char         *title,
         const char         *body,
         const char         *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTip) tip = rapport_tip_new (assignment_id, category, title);

  rapport_tip_set_body (tip, body);
  rapport_tip_set_address (tip, address);

  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);

  return rapport_tip_get_id (tip);
}

/* ids: colleague ids ending with 0. */
static gint64
add_interaction (Fixture                *fixture,
                 RapportInteractionKind  kind,
                 gint64                  occurred_at,
                 const char             *body,
                 ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (kind, occurred_at);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, body);
  for (gint64 id = va_arg (args, gint64); id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);

  rapport_interaction_set_body (interaction, body);
  rapport_interaction_set_colleague_ids (interaction, (const gint64 *) ids->data, ids->len);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);

  return rapport_interaction_get_id (interaction);
}

static const char *
kind_letter (RapportItemKind kind)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return "c";
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return "a";
    case RAPPORT_ITEM_KIND_TIP:
      return "t";
    case RAPPORT_ITEM_KIND_INTERACTION:
      return "i";
    case RAPPORT_ITEM_KIND_REMINDER:
    default:
      return "?";
    }
}

/* What a query finds, in order, as "c1 a2 t1 i3": kind letter and id. */
static char *
search_text (Fixture    *fixture,
             const char *query,
             guint       limit_per_kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = rapport_store_search (fixture->store, query, limit_per_kind,
                                                       &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (results);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (results, i);

      g_assert_true (RAPPORT_IS_SEARCH_RESULT (result));
      g_string_append_printf (text, "%s%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              kind_letter (rapport_search_result_get_kind (result)),
                              rapport_search_result_get_id (result));
    }

  return g_string_free (text, FALSE);
}

static void
assert_search (Fixture    *fixture,
               const char *query,
               const char *expected)
{
  g_autofree char *found = search_text (fixture, query, 0);
  g_autofree char *shown = rapport_test_dup_one_line (query, 200);

  g_test_message ("search “%s”", shown);
  g_assert_cmpstr (found, ==, expected);
}

/* Expected text built from ids: "c%d a%d" with the values. */
static void
assert_searchf (Fixture    *fixture,
                const char *query,
                const char *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
assert_searchf (Fixture    *fixture,
                const char *query,
                const char *format,
                ...)
{
  g_autofree char *expected = NULL;
  va_list args;

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);

  assert_search (fixture, query, expected);
}

static RapportSearchResult *
find_result (GPtrArray       *results,
             RapportItemKind  kind,
             gint64           id)
{
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (results, i);

      if (rapport_search_result_get_kind (result) == kind &&
          rapport_search_result_get_id (result) == id)
        return result;
    }

  return NULL;
}

static void
assert_result (Fixture         *fixture,
               const char      *query,
               RapportItemKind  kind,
               gint64           id,
               const char      *title,
               const char      *subtitle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = rapport_store_search (fixture->store, query, 0, &error);
  RapportSearchResult *result;

  g_assert_no_error (error);
  result = find_result (results, kind, id);
  g_assert_nonnull (result);
  if (result == NULL)
    return;

  g_assert_cmpstr (rapport_search_result_get_title (result), ==, title);
  g_assert_cmpstr (rapport_search_result_get_subtitle (result), ==, subtitle);
}

/* Every kind is found, and shown with a title and a subtitle that say what it is. */
static void
test_every_kind (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAssignment) changes = NULL;
  gint64 ada = add_colleague (fixture, "Ada Peña", "RN", "St. Brendan", "");
  gint64 ben = add_colleague (fixture, "Ben Okafor", "", "", "");
  gint64 mercy = add_assignment (fixture, "Mercy Regional", "4 West", "Durango", "2024-03-04",
                                 "Night shifts mostly");
  gint64 tip = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_COFFEE, "Café Mocha",
                        "Best cortado in town", "915 Main Ave");
  gint64 coffee = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0,
                                   "  Talked about boards\nand the move", ada, ben, (gint64) 0);

  assert_searchf (fixture, "ada", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ada, coffee);
  assert_searchf (fixture, "mercy", "a%" G_GINT64_FORMAT, mercy);
  assert_searchf (fixture, "cortado", "t%" G_GINT64_FORMAT, tip);
  assert_searchf (fixture, "boards", "i%" G_GINT64_FORMAT, coffee);

  assert_result (fixture, "ada", RAPPORT_ITEM_KIND_COLLEAGUE, ada, "Ada Peña", "RN · St. Brendan");
  assert_result (fixture, "ben", RAPPORT_ITEM_KIND_COLLEAGUE, ben, "Ben Okafor", "");
  assert_result (fixture, "mercy", RAPPORT_ITEM_KIND_ASSIGNMENT, mercy, "Mercy Regional · 4 West",
                 "Durango · From 4 March 2024");
  assert_result (fixture, "cafe", RAPPORT_ITEM_KIND_TIP, tip, "Café Mocha",
                 "Coffee · Mercy Regional");
  assert_result (fixture, "boards", RAPPORT_ITEM_KIND_INTERACTION, coffee,
                 "Coffee with Ada Peña, Ben Okafor", "5 Mar 2024 · Talked about boards");

  /* Every field of an assignment is searched. */
  changes = rapport_assignment_dup (rapport_store_find_assignment (fixture->store, mercy));
  rapport_assignment_set_region (changes, "Colorado");
  rapport_assignment_set_country (changes, "United States");
  rapport_assignment_set_agency (changes, "Aya Healthcare");
  rapport_assignment_set_ends_on (changes, "2024-06-01");
  g_assert_true (rapport_store_update_assignment (fixture->store, changes, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      static const char *queries[] = { "west", "durango", "colorado", "united states", "aya",
                                       "night" };

      assert_searchf (fixture, queries[i], "a%" G_GINT64_FORMAT, mercy);
    }
  assert_result (fixture, "mercy", RAPPORT_ITEM_KIND_ASSIGNMENT, mercy, "Mercy Regional · 4 West",
                 "Durango, Colorado, United States · 4 March – 1 June 2024");

  /* A tip by its title, note, address and category (its nick and its label). */
  assert_searchf (fixture, "mocha", "t%" G_GINT64_FORMAT, tip);
  assert_searchf (fixture, "915 main", "t%" G_GINT64_FORMAT, tip);
  assert_searchf (fixture, "coffee", "t%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, tip, coffee);

  /* The index survives a restart. */
  reopen_store (fixture);
  assert_searchf (fixture, "cortado", "t%" G_GINT64_FORMAT, tip);
  assert_searchf (fixture, "okafor", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ben, coffee);
}

/* Kinds in a fixed order; within a kind, title matches first, then alphabetical (colleagues,
 * tips) or newest first (assignments, interactions). */
static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 zoe = add_colleague (fixture, "Zoë Durango", "", "", "");
  gint64 amy = add_colleague (fixture, "amy durango", "", "", "");
  gint64 bob = add_colleague (fixture, "Bob", "", "", "Moved to Durango");
  gint64 old = add_assignment (fixture, "Durango Clinic", "", "", "2019-01-01", "");
  gint64 recent = add_assignment (fixture, "Mercy", "", "Durango", "2024-03-04", "");
  gint64 newest = add_assignment (fixture, "Durango Surgical", "", "", "2023-05-01", "");
  gint64 undated = add_assignment (fixture, "Animas", "", "Durango", "", "");
  gint64 tip_b = add_tip (fixture, recent, RAPPORT_TIP_CATEGORY_FOOD, "burritos",
                          "Durango classic", "");
  gint64 tip_a = add_tip (fixture, recent, RAPPORT_TIP_CATEGORY_FOOD, "Durango Bagel", "", "");
  gint64 tip_c = add_tip (fixture, recent, RAPPORT_TIP_CATEGORY_FOOD, "Ávila Café",
                          "Durango", "");
  gint64 call = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, T0 + 5 * DAY,
                                 "Durango plans", bob, (gint64) 0);
  gint64 earlier = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, T0,
                                    "Dinner in Durango, then coffee", bob, (gint64) 0);
  gint64 latest = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MESSAGE, T0 + 9 * DAY,
                                   "", amy, (gint64) 0);
  gint64 coffee_old = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0 - DAY,
                                       "Durango coffee talk", bob, (gint64) 0);
  gint64 coffee_new = add_interaction (fixture, RAPPORT_INTERACTION_KIND_COFFEE, T0 + DAY,
                                       "", bob, (gint64) 0);

  /* Colleagues: names first, alphabetical with case and accents ignored; assignments: title
   * (facility) matches newest first, then the others newest first, undated last; tips the same
   * way alphabetical; interactions newest first (latest names amy durango). */
  assert_searchf (fixture, "durango",
                  "c%" G_GINT64_FORMAT " c%" G_GINT64_FORMAT " c%" G_GINT64_FORMAT
                  " a%" G_GINT64_FORMAT " a%" G_GINT64_FORMAT " a%" G_GINT64_FORMAT
                  " a%" G_GINT64_FORMAT
                  " t%" G_GINT64_FORMAT " t%" G_GINT64_FORMAT " t%" G_GINT64_FORMAT
                  " i%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT
                  " i%" G_GINT64_FORMAT,
                  amy, zoe, bob,
                  newest, old, recent, undated,
                  tip_a, tip_c, tip_b,
                  latest, call, earlier, coffee_old);

  /* Kind words are the interactions' titles: they rank before a note that mentions them. */
  assert_searchf (fixture, "coffee",
                  "i%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT,
                  coffee_new, coffee_old, earlier);
  assert_searchf (fixture, "call", "i%" G_GINT64_FORMAT, call);

  /* limit_per_kind keeps the best of each kind. */
  {
    g_autofree char *found = search_text (fixture, "durango", 1);
    g_autofree char *expected = g_strdup_printf ("c%" G_GINT64_FORMAT " a%" G_GINT64_FORMAT
                                                 " t%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT,
                                                 amy, newest, tip_a, latest);

    g_assert_cmpstr (found, ==, expected);
    g_clear_pointer (&found, g_free);
    g_clear_pointer (&expected, g_free);

    found = search_text (fixture, "durango", 2);
    expected = g_strdup_printf ("c%" G_GINT64_FORMAT " c%" G_GINT64_FORMAT
                                " a%" G_GINT64_FORMAT " a%" G_GINT64_FORMAT
                                " t%" G_GINT64_FORMAT " t%" G_GINT64_FORMAT
                                " i%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT,
                                amy, zoe, newest, old, tip_a, tip_c, latest, call);
    g_assert_cmpstr (found, ==, expected);
    g_clear_pointer (&found, g_free);

    found = search_text (fixture, "durango", 1000);
    g_assert_cmpuint (strlen (found), >, strlen (expected));
  }
}

/* Accents and case are folded on both sides; every word is a prefix; all words must match. */
static void
test_folding (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 jose = add_colleague (fixture, "José Peña", "Hospitalist", "", "");
  gint64 soren = add_colleague (fixture, "Søren Åkesson", "Charge Nurse", "", "");
  gint64 mercy = add_assignment (fixture, "Hôpital Saint-Éloi", "", "Montpellier", "", "");
  gint64 cafe = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_COFFEE, "Café de Flore", "", "");
  gint64 meal = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, T0,
                                 "Crème brûlée at the café", jose, soren, (gint64) 0);

  assert_searchf (fixture, "pena", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, jose, meal);
  assert_searchf (fixture, "PEÑA", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, jose, meal);
  assert_searchf (fixture, "Jose\xcc\x81", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, jose,
                  meal);
  assert_searchf (fixture, "akesson", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, soren, meal);
  assert_searchf (fixture, "cafe", "t%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, cafe, meal);
  assert_searchf (fixture, "CAFÉ", "t%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, cafe, meal);
  assert_searchf (fixture, "hopital eloi", "a%" G_GINT64_FORMAT, mercy);
  assert_searchf (fixture, "creme brulee", "i%" G_GINT64_FORMAT, meal);

  /* Prefixes, several words in any order, all of them needed */
  assert_searchf (fixture, "hosp", "c%" G_GINT64_FORMAT, jose);
  assert_searchf (fixture, "pe jo", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, jose, meal);
  assert_searchf (fixture, "charge nur", "c%" G_GINT64_FORMAT, soren);
  assert_searchf (fixture, "flore caf", "t%" G_GINT64_FORMAT, cafe);
  assert_searchf (fixture, "montp", "a%" G_GINT64_FORMAT, mercy);
  assert_search (fixture, "pena charge", "");
  assert_search (fixture, "josepena", "");
  assert_search (fixture, "ena", "");
}

/* An interaction is found by its kind and the names of its colleagues, current names only. */
static void
test_interaction_names (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(RapportInteraction) interaction_changes = NULL;
  gint64 ada = add_colleague (fixture, "Ada Lovelace", "", "", "");
  gint64 ben = add_colleague (fixture, "Ben Okafor", "", "", "");
  gint64 shift = add_interaction (fixture, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, T0, "Busy night",
                                  ada, ben, (gint64) 0);
  gint64 support = add_interaction (fixture, RAPPORT_INTERACTION_KIND_PEER_SUPPORT, T0 + DAY, "",
                                    ben, (gint64) 0);

  /* Kind by its nick and its label */
  assert_searchf (fixture, "shared shift", "i%" G_GINT64_FORMAT, shift);
  assert_searchf (fixture, "peer", "i%" G_GINT64_FORMAT, support);
  assert_searchf (fixture, "peer support session", "i%" G_GINT64_FORMAT, support);
  assert_searchf (fixture, "lovelace", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ada, shift);
  assert_searchf (fixture, "okafor night", "i%" G_GINT64_FORMAT, shift);
  assert_result (fixture, "peer", RAPPORT_ITEM_KIND_INTERACTION, support,
                 "Peer-Support Session with Ben Okafor", "6 Mar 2024");

  /* Renamed: the new name finds their interactions, the old one nothing. */
  changes = rapport_colleague_dup (rapport_store_find_colleague (fixture->store, ada));
  rapport_colleague_set_name (changes, "Ada Byron");
  g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
  g_assert_no_error (error);
  assert_search (fixture, "lovelace", "");
  assert_searchf (fixture, "byron", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ada, shift);
  assert_result (fixture, "byron", RAPPORT_ITEM_KIND_INTERACTION, shift,
                 "Shared Shift with Ada Byron, Ben Okafor", "5 Mar 2024 · Busy night");

  /* Changing who was there re-indexes the entry. */
  interaction_changes = rapport_interaction_dup (rapport_store_find_interaction (fixture->store,
                                                                                 support));
  rapport_interaction_set_colleague_ids (interaction_changes, &ada, 1);
  g_assert_true (rapport_store_update_interaction (fixture->store, interaction_changes, &error));
  g_assert_no_error (error);
  assert_searchf (fixture, "byron", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT " i%"
                  G_GINT64_FORMAT, ada, support, shift);
  assert_searchf (fixture, "okafor", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ben, shift);

  reopen_store (fixture);
  assert_search (fixture, "lovelace", "");
  assert_searchf (fixture, "byron", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT " i%"
                  G_GINT64_FORMAT, ada, support, shift);
}

/* Deleted items are not found; undo makes them findable again, with everything they took. */
static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ada = add_colleague (fixture, "Ada Zephyr", "", "", "");
  gint64 ben = add_colleague (fixture, "Ben", "", "", "");
  gint64 mercy = add_assignment (fixture, "Zephyr Hospital", "", "", "", "");
  gint64 tip = add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_LANDMARK, "Zephyr Tower", "", "");
  gint64 solo = add_interaction (fixture, RAPPORT_INTERACTION_KIND_CALL, T0, "zephyr call", ada,
                                 (gint64) 0);
  gint64 shared = add_interaction (fixture, RAPPORT_INTERACTION_KIND_MEAL, T0 + DAY, "", ada, ben,
                                   (gint64) 0);

  before = search_text (fixture, "zephyr", 0);
  g_assert_cmpuint (strlen (before), >, 0);

  /* The colleague, with the entry only they were in; the shared one stays, without them. */
  g_assert_true (rapport_store_delete_colleague (fixture->store, ada, &undo, &error));
  g_assert_no_error (error);
  assert_searchf (fixture, "zephyr", "a%" G_GINT64_FORMAT " t%" G_GINT64_FORMAT, mercy, tip);
  assert_searchf (fixture, "ben", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ben, shared);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undo, rapport_store_undo_free);
  after = search_text (fixture, "zephyr", 0);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* The assignment, with its tip */
  g_assert_true (rapport_store_delete_assignment (fixture->store, mercy, &undo, &error));
  g_assert_no_error (error);
  assert_searchf (fixture, "zephyr", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT " i%"
                  G_GINT64_FORMAT, ada, shared, solo);
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undo, rapport_store_undo_free);
  after = search_text (fixture, "zephyr", 0);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A tip, then an interaction */
  g_assert_true (rapport_store_delete_tip (fixture->store, tip, &undo, &error));
  g_assert_no_error (error);
  assert_search (fixture, "tower", "");
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_clear_pointer (&undo, rapport_store_undo_free);
  assert_searchf (fixture, "tower", "t%" G_GINT64_FORMAT, tip);

  g_assert_true (rapport_store_delete_interaction (fixture->store, solo, &undo, &error));
  g_assert_no_error (error);
  assert_search (fixture, "call", "");
  g_assert_true (rapport_store_undo (fixture->store, undo, &error));
  g_assert_no_error (error);
  assert_searchf (fixture, "call", "i%" G_GINT64_FORMAT, solo);

  after = search_text (fixture, "zephyr", 0);
  g_assert_cmpstr (after, ==, before);
}

/* What people type is words, never query syntax: nothing errors, nothing crashes. */
static void
test_hostile_queries (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *queries[] = {
    "\"", "*", "OR", "NEAR", "-", "'", "ada OR ben", "NEAR/2", "ada NEAR okafor", "-ada",
    "ada -okafor", "\"ada", "title:ada", "body:night", "(ada", "ada)", "(ada OR ben) AND NOT x",
    "^ada", "ada*", "**", "AND NOT", "''; DROP TABLE search; --", "a\"b'c", "%", "_", "\\",
    "ada \"okafor\"", ":", "ada:", ":ada", "search:ada", "docid:1", "rowid = 1", "*ada*",
    "NEAR(ada ben)", "\t\n\r", "ada\x01" "ben", "\xff\xfe", "ada\xc3", "\xe2\x80\x8b",
    "🙂", "ｆｕｌｌｗｉｄｔｈ", "a b c d e f g h i j k l m n o p q r s t u v w x y z",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_query = g_string_new (NULL);
  g_autoptr(GString) long_word = g_string_new (NULL);
  gint64 ada = add_colleague (fixture, "Ada Okafor", "", "", "");
  gint64 mercy = add_assignment (fixture, "Mercy", "", "", "", "");
  gint64 other;

  add_tip (fixture, mercy, RAPPORT_TIP_CATEGORY_FOOD, "Night market", "", "");
  other = add_interaction (fixture, RAPPORT_INTERACTION_KIND_OTHER, T0, "night", ada, (gint64) 0);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GArray) ids = NULL;

      g_test_message ("hostile query %u", i);
      results = rapport_store_search (fixture->store, queries[i], 5, &error);
      g_assert_no_error (error);
      g_assert_nonnull (results);
      g_clear_error (&error);

      ids = rapport_store_search_colleagues (fixture->store, queries[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_clear_error (&error);
    }

  /* Operators are only words: "OR" does not widen, "-" does not exclude, a column name does
   * not filter. */
  assert_search (fixture, "ada OR nobody", "");
  assert_searchf (fixture, "-okafor", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ada, other);
  assert_search (fixture, "title:ada", "");
  assert_searchf (fixture, "\"ada\"", "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ada, other);
  assert_search (fixture, "night NEAR market", "");

  /* Invalid UTF-8 finds nothing rather than something arbitrary. */
  assert_search (fixture, "ada\xff", "");
  assert_search (fixture, "", "");
  assert_search (fixture, " !?*()-\"' ", "");

  /* Very long input */
  for (guint i = 0; i < 20000; i++)
    g_string_append (long_query, "ada okafor ");
  assert_searchf (fixture, long_query->str, "c%" G_GINT64_FORMAT " i%" G_GINT64_FORMAT, ada,
                  other);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (long_word, 'x');
  assert_search (fixture, long_word->str, "");
  g_string_prepend (long_word, "ada");
  assert_search (fixture, long_word->str, "");
}

/* The rows of a journal at schema 1, as the store of that version wrote them: the items, and their
 * search entries with docid = id * 8 + kind. */
static const char v1_rows[] =
  "INSERT INTO assignment (id, facility, city, created_at, updated_at)"
  "  VALUES (1, 'Mercy Regional', 'Durango', 1, 1);"
  "INSERT INTO colleague (id, name, role, created_at, updated_at) VALUES"
  "  (1, 'Marta Núñez', 'Charge nurse', 1, 1),"
  "  (2, 'Mario Rossi', 'Anesthesiologist', 1, 1),"
  "  (3, 'Émile Zola', 'Marketing', 1, 1),"
  "  (4, 'Жанна Иванова', 'Медсестра', 1, 1),"
  "  (5, 'Ada Okafor', 'Hospitalist', 1, 1);"
  "INSERT INTO tip (id, assignment_id, category, title, body, created_at) VALUES"
  "  (1, 1, 'food', 'Market tacos', 'Mariscos on Main', 1),"
  "  (2, 1, 'coffee', 'Zócalo café', 'Espresso near the emergency doors', 1);"
  "INSERT INTO interaction (id, occurred_at, kind, assignment_id, body, created_at) VALUES"
  "  (1, 1709661600, 'coffee', 1, 'Met Marta at the market', 1),"
  "  (2, 1709748000, 'meal', 1, 'Ma''s recipe for mole', 1),"
  "  (3, 1709834400, 'call', NULL, 'Жанна about the rota', 1);"
  "INSERT INTO interaction_colleague (interaction_id, colleague_id) VALUES (1, 1), (3, 4);"
  "INSERT INTO reminder (id, title, notes, colleague_id, due_at, tz, created_at) VALUES"
  "  (1, 'Mail Mario the badge form', '', 2, 1709920800, 'America/Denver', 1);"
  "INSERT INTO search (docid, title, body) VALUES"
  "  (10, 'Mercy Regional', 'Durango'),"
  "  (9, 'Marta Núñez', 'Charge nurse'),"
  "  (17, 'Mario Rossi', 'Anesthesiologist'),"
  "  (25, 'Émile Zola', 'Marketing'),"
  "  (33, 'Жанна Иванова', 'Медсестра'),"
  "  (41, 'Ada Okafor', 'Hospitalist'),"
  "  (11, 'Market tacos', 'Mariscos on Main\nfood\nFood'),"
  "  (19, 'Zócalo café', 'Espresso near the emergency doors\ncoffee\nCoffee'),"
  "  (12, 'coffee Coffee', 'Met Marta at the market\nMarta Núñez'),"
  "  (20, 'meal Meal', 'Ma''s recipe for mole'),"
  "  (28, 'call Call', 'Жанна about the rota\nЖанна Иванова'),"
  "  (13, 'Mail Mario the badge form', 'Mario Rossi');";

/* Short prefixes, where the prefix indexes answer: one, two and three bytes after folding (a
 * Cyrillic letter takes two), and longer ones, which the whole-word index answers. */
static const char * const migrated_queries[] = {
  "m", "M", "ma", "mar", "mart", "marta", "e", "É", "em", "z", "zo", "ж", "жа", "жан", "a",
  "c", "co", "cof", "ma mo", "m n", "mar ta", "q",
};

static const char match_sql[] = "SELECT docid FROM search WHERE search MATCH ?1";
static const char match_kind_sql[] = "SELECT docid FROM search WHERE search MATCH ?1 AND kind = ?2";

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 first = *(const gint64 *) a;
  gint64 second = *(const gint64 *) b;

  return (first > second) - (first < second);
}

/* The docids a MATCH of every word of query as a prefix finds, sorted, as text; by_kind asks each
 * kind in turn, as the search table has kinds since schema 3. */
static char *
dup_match_docids (RapportDatabase *database,
                  const char      *query,
                  gboolean         by_kind)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GArray) docids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) words = g_strsplit (query, " ", -1);
  GString *text = g_string_new (NULL);
  int last_kind = by_kind ? RAPPORT_ITEM_KIND_REMINDER : 0;

  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (match, "%s%s*", i > 0 ? " " : "", words[i]);

  for (int kind = 0; kind <= last_kind; kind++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt;

      stmt = rapport_database_prepare (database, by_kind ? match_kind_sql : match_sql, &error);
      g_assert_no_error (error);
      if (stmt == NULL)
        break;

      sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
      if (by_kind)
        sqlite3_bind_int (stmt, 2, kind);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 docid = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (docids, docid);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  g_array_sort (docids, compare_int64);
  for (guint i = 0; i < docids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            g_array_index (docids, gint64, i));

  return g_string_free (text, FALSE);
}

/* The docids the store's search finds for query, sorted, as text. */
static char *
dup_search_docids (RapportStore *store,
                   const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = rapport_store_search (store, query, 0, &error);
  g_autoptr(GArray) docids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (results, i);
      gint64 docid = rapport_search_result_get_id (result) * 8
                     + rapport_search_result_get_kind (result);

      g_array_append_val (docids, docid);
    }

  g_array_sort (docids, compare_int64);
  for (guint i = 0; i < docids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            g_array_index (docids, gint64, i));

  return g_string_free (text, FALSE);
}

static char *
dup_text (RapportDatabase *database,
          const char      *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rapport_database_prepare (database, sql, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", value != NULL ? value : "NULL");
        }
      g_string_append_c (text, '\n');
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return g_string_free (text, FALSE);
}

/* A journal of schema 1 gets the search table with prefix indexes and kinds, with every entry
 * kept and found by the same short prefixes as before. */
static void
test_migrate_prefix_index (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) v1_docids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GArray) colleague_ids = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "v1.db", NULL);
  g_autofree char *v1_entries = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autofree char *text = NULL;
  const RapportMigration *steps;
  RapportStore *store;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  guint n_steps = 0;

  rapport_test_fixed_key (key, 6);
  steps = rapport_database_get_migrations (&n_steps);
  g_assert_cmpuint (n_steps, >=, 2);

  database = rapport_database_open_with_migrations (path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                                    steps, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  if (database == NULL)
    return;

  g_assert_true (rapport_database_exec (database, v1_rows, &error));
  g_assert_no_error (error);
  v1_entries = dup_text (database, "SELECT docid, title, body FROM search ORDER BY docid");
  g_assert_cmpuint (strlen (v1_entries), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (migrated_queries); i++)
    g_ptr_array_add (v1_docids, dup_match_docids (database, migrated_queries[i], FALSE));
  rapport_database_close (database);
  g_clear_object (&database);

  store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_EXISTING, &database);
  g_assert_nonnull (store);
  if (store == NULL)
    return;

  g_assert_cmpuint (rapport_database_get_schema_version (database), ==,
                    rapport_database_get_latest_version ());

  /* Every entry, word for word, now with its kind. */
  entries = dup_text (database, "SELECT docid, title, body FROM search ORDER BY docid");
  g_assert_cmpstr (entries, ==, v1_entries);
  g_clear_pointer (&text, g_free);
  text = dup_text (database, "SELECT count(*) FROM search WHERE kind <> docid % 8");
  g_assert_cmpstr (text, ==, "0\n");

  schema = dup_text (database, "SELECT sql FROM sqlite_master WHERE name = 'search'");
  g_assert_nonnull (strstr (schema, "prefix=\"1,2,3\""));
  g_assert_nonnull (strstr (schema, "languageid=\"kind\""));
  g_assert_nonnull (strstr (schema, "remove_diacritics=1"));
  /* FTS numbers its indexes 0 (whole words) to 3 (three-byte prefixes) in each segment's level;
   * all four have entries. */
  g_clear_pointer (&text, g_free);
  text = dup_text (database, "SELECT count(DISTINCT (level / 1024) % 4) FROM search_segdir");
  g_assert_cmpstr (text, ==, "4\n");

  /* The same entries for each query, through FTS and through the store. */
  for (guint i = 0; i < G_N_ELEMENTS (migrated_queries); i++)
    {
      g_autofree char *by_match = dup_match_docids (database, migrated_queries[i], TRUE);
      g_autofree char *by_store = dup_search_docids (store, migrated_queries[i]);

      g_test_message ("query “%s”", migrated_queries[i]);
      g_assert_cmpstr (by_match, ==, v1_docids->pdata[i]);
      g_assert_cmpstr (by_store, ==, v1_docids->pdata[i]);
    }

  /* Nothing was found by accident: the queries above find what they should. */
  g_assert_cmpstr (v1_docids->pdata[0], ==, "9 10 11 12 13 17 20 25");
  g_assert_cmpstr (v1_docids->pdata[11], ==, "28 33");
  colleague_ids = rapport_store_search_colleagues (store, "ma", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (colleague_ids->len, ==, 3);

  rapport_test_close_store (store, g_steal_pointer (&database));

  /* A new journal runs every step, so it ends with the same table. */
  fresh_schema = dup_text (fixture->database,
                           "SELECT sql FROM sqlite_master WHERE name = 'search'");
  g_assert_cmpstr (fresh_schema, ==, schema);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("every-kind", test_every_kind);
  ADD_TEST ("ranking", test_ranking);
  ADD_TEST ("folding", test_folding);
  ADD_TEST ("interaction-names", test_interaction_names);
  ADD_TEST ("delete-undo", test_delete_undo);
  ADD_TEST ("hostile-queries", test_hostile_queries);
  ADD_TEST ("migrate-prefix-index", test_migrate_prefix_index);

#undef ADD_TEST

  return g_test_run ();
}
