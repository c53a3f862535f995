/* bench-core.c
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

/* The core figures of the career benchmark, straight through the core API on the journal in
 * $RAPPORT_BENCH_DATA_HOME/rapport (its key is in the unlocked keyring of the bench session):
 * opening and unlocking, loading the store, search as you type, vCard parse, export and import,
 * and the scheduler's next wake-up. Each figure is the median of repeated runs, appended as one
 * JSON line to $RAPPORT_BENCH_RESULTS and printed.
 *
 * The vCard file every colleague is exported to (vCard 4.0 with photos and personal notes) is
 * left at $RAPPORT_BENCH_DATA_HOME/career.vcf, where bench-vobject.py reads it for the
 * python3-vobject baseline. `bench-core --write-vcard=PATH` writes only that file and exits.
 *
 * The career repeats names, so importing its export merges most cards into earlier ones;
 * "vcard-import-distinct" imports the same file with every card made a different person. */

#define G_LOG_DOMAIN "rapport-bench-core"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rapport-database.h"
#include "rapport-import.h"
#include "rapport-keyring.h"
#include "rapport-profile.h"
#include "rapport-scheduler.h"
#include "rapport-test-utils.h"

#include "bench-results.h"

/* As src/gui/rapport-search-page.c asks. */
#define SEARCH_LIMIT_PER_KIND 20
#define N_QUERIES             1000
#define QUERY_SEED            20261122

static char *write_vcard_path;

static const GOptionEntry entries[] = {
  { "write-vcard", 0, 0, G_OPTION_ARG_FILENAME, &write_vcard_path,
    "Only write every colleague as vCard 4.0 to PATH, then exit", "PATH" },
  { NULL }
};

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static char *
format_count (guint64 n)
{
  /* 12345678 -> "12,345,678": the detail strings are read by people. */
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/* Opening and unlocking: what rapport_profile_open does before it builds the store. */

static RapportDatabase *
open_database (RapportProfile  *profile,
               GError         **error)
{
  const char *path = rapport_profile_get_database_path (profile);
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  RapportDatabase *database;

  if (!rapport_profile_has_journal (profile))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No journal at %s", path);
      return NULL;
    }

  if (!rapport_keyring_lookup_key (path, key, NULL, error))
    return NULL;

  database = rapport_database_open (path, key, RAPPORT_DATABASE_OPEN_EXISTING, error);
  memset (key, 0, sizeof key);

  return database;
}

static gboolean
bench_open_unlock (RapportProfile *profile)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *detail = NULL;
  double first = 0;
  const guint runs = 11;

  /* One more than counted: the first also pays for the keyring connection and a cold cache. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(RapportDatabase) database = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      database = open_database (profile, &error);
      ms = elapsed_ms (start);
      if (database == NULL)
        {
          g_printerr ("Could not open the journal: %s\n", error->message);
          return FALSE;
        }

      rapport_database_close (database);

      if (i == 0)
        first = ms;
      else
        g_array_append_val (timings, ms);
    }

  detail = g_strdup_printf ("key from the keyring, SQLCipher open, schema read; median of %u "
                            "after a first run of %.1f ms (its keyring connection is new); "
                            "max %.1f ms", runs, first, bench_percentile (timings, 1));
  bench_report ("open-unlock", "Open and unlock the database", bench_median (timings), "ms", "max", 50, runs,
          detail);

  return TRUE;
}

static guint
count_items (RapportStore *store,
             GListModel *(*get) (RapportStore *))
{
  return g_list_model_get_n_items (get (store));
}

static RapportStore *
bench_load (RapportProfile *profile)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) entry_timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *detail = NULL;
  g_autofree char *rss_detail = NULL;
  g_autofree char *entries_detail = NULL;
  RapportStore *kept = NULL;
  gint64 rss_growth_kb = 0;
  gint64 entries_rss_kb = 0;
  const guint runs = 5;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(RapportDatabase) database = NULL;
      g_autoptr(RapportStore) store = NULL;
      g_autoptr(GError) error = NULL;
      gint64 rss_before;
      gint64 start;
      double ms;

      database = open_database (profile, &error);
      if (database == NULL)
        {
          g_printerr ("Could not open the journal: %s\n", error->message);
          return NULL;
        }

      rss_before = bench_read_rss_kb ();
      start = g_get_monotonic_time ();
      store = rapport_store_new (database, &error);
      ms = elapsed_ms (start);
      if (store == NULL)
        {
          g_printerr ("Could not load the journal: %s\n", error->message);
          return NULL;
        }

      if (i == 0)
        rss_growth_kb = bench_read_rss_kb () - rss_before;
      g_array_append_val (timings, ms);

      /* The journal entries wait for their first use: what that first use costs. */
      rss_before = bench_read_rss_kb ();
      start = g_get_monotonic_time ();
      g_list_model_get_n_items (rapport_store_get_interactions (store));
      ms = elapsed_ms (start);
      if (i == 0)
        entries_rss_kb = bench_read_rss_kb () - rss_before;
      g_array_append_val (entry_timings, ms);

      if (i == runs - 1)
        kept = g_steal_pointer (&store);
    }

  {
    g_autofree char *colleagues = format_count (count_items (kept, rapport_store_get_colleagues));
    g_autofree char *assignments = format_count (count_items (kept, rapport_store_get_assignments));
    g_autofree char *tips = format_count (count_items (kept, rapport_store_get_tips));
    g_autofree char *interactions = format_count (count_items (kept,
                                                               rapport_store_get_interactions));
    g_autofree char *reminders = format_count (count_items (kept, rapport_store_get_reminders));

    detail = g_strdup_printf ("rapport_store_new, as at startup: loads %s colleagues with their "
                              "last interaction, %s assignments, %s tips and %s reminders into "
                              "their models (journal entries wait for their first use); min %.1f "
                              "ms, max %.1f ms", colleagues, assignments, tips, reminders,
                              bench_percentile (timings, 0), bench_percentile (timings, 1));
    rss_detail = g_strdup_printf ("VmRSS growth across the first rapport_store_new (%s colleagues, "
                                  "%s tips, %s reminders)", colleagues, tips, reminders);
    entries_detail = g_strdup_printf ("the first rapport_store_get_interactions after "
                                      "rapport_store_new (the journal view's first showing): %s "
                                      "entries and their colleagues, +%.0f MB; min %.1f ms, max "
                                      "%.1f ms", interactions, entries_rss_kb / 1024.0,
                                      bench_percentile (entry_timings, 0),
                                      bench_percentile (entry_timings, 1));
  }

  bench_report ("load-colleagues", "Load all colleagues into the list model", bench_median (timings), "ms",
          "max", 100, runs, detail);
  bench_report ("load-journal-rss-mb", "Resident memory added by loading the journal",
          rss_growth_kb / 1024.0, "MB", NULL, 0, 1, rss_detail);
  bench_report ("load-entries", "Read the journal entries on first use (context)",
                bench_median (entry_timings), "ms", NULL, 0, runs, entries_detail);

  return kept;
}

/* Search as you type */

typedef struct
{
  GRand     *rand;
  GPtrArray *names;   /* colleagues' names */
  GPtrArray *words;   /* words of journal entries and tips, four letters or more */
  GPtrArray *bodies;  /* a sample of journal entries */
} QuerySource;

static const char *
pick (QuerySource *source,
      GPtrArray   *from)
{
  return g_ptr_array_index (from, g_rand_int_range (source->rand, 0, from->len));
}

static void
add_words_of (GPtrArray  *words,
              GHashTable *seen,
              const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (g_utf8_strlen (start, p - start) >= 4)
        {
          char *word = g_utf8_strdown (start, p - start);

          if (g_hash_table_add (seen, word))
            g_ptr_array_add (words, word);
        }
    }
}

/* The first n characters of text. */
static char *
utf8_prefix (const char *text,
             glong       n)
{
  return g_strndup (text, g_utf8_offset_to_pointer (text, MIN (n, g_utf8_strlen (text, -1)))
                          - text);
}

static char *
strip_accents (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  return g_ascii_strdown (ascii, -1);
}

/* Queries come in groups (the letters of one name typed in a row stay together); the groups
 * are shuffled with the same seed every time. */
static GPtrArray *
make_queries (RapportStore *store,
              char        **summary)
{
  static const char *accented[] = {
    "jose", "josé", "muller", "müller", "francois", "françois", "helene", "hélène", "lucia",
    "lucía", "soren", "sören", "chloe", "chloé", "zoe", "zoë", "inaki", "iñaki", "koenig",
    "könig", "gonçalves", "goncalves", "wojcik", "wójcik", "senderismo", "reanimation",
    "réanimation", "cafe", "café", "medecin", "médecin",
  };
  static const char *fixed_phrases[] = {
    "maria lyon", "night shift", "step-down unit", "ski weekend", "grand rounds", "turno de noche",
    "garde de nuit", "nach der", "new triage protocol", "badge office",
  };
  QuerySource source = { 0 };
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *colleagues = rapport_store_get_colleagues (store);
  GListModel *interactions = rapport_store_get_interactions (store);
  GListModel *tips = rapport_store_get_tips (store);
  GPtrArray *queries;
  guint n_items;
  guint n_prefix = 0, n_accent = 0, n_multi = 0, n_word = 0, n_none = 0;
  guint total = 0;

  source.rand = g_rand_new_with_seed (QUERY_SEED);
  source.names = g_ptr_array_new_with_free_func (g_free);
  source.words = g_ptr_array_new_with_free_func (g_free);
  source.bodies = g_ptr_array_new_with_free_func (g_free);

  n_items = g_list_model_get_n_items (colleagues);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

      g_ptr_array_add (source.names, g_strdup (rapport_colleague_get_name (colleague)));
    }

  /* Every journal entry would take long and add no new words: the generator repeats them. */
  n_items = g_list_model_get_n_items (interactions);
  for (guint i = 0; i < n_items; i += MAX (1, n_items / 2000))
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (interactions, i);
      const char *body = rapport_interaction_get_body (interaction);

      if (body == NULL || body[0] == '\0')
        continue;
      g_ptr_array_add (source.bodies, g_strdup (body));
      add_words_of (source.words, seen, body);
    }

  n_items = g_list_model_get_n_items (tips);
  for (guint i = 0; i < n_items; i += MAX (1, n_items / 500))
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);

      add_words_of (source.words, seen, rapport_tip_get_body (tip));
    }

  if (source.names->len == 0 || source.words->len == 0 || source.bodies->len == 0)
    {
      g_printerr ("The journal has no colleagues or no journal entries to search for\n");
      g_ptr_array_unref (source.names);
      g_ptr_array_unref (source.words);
      g_ptr_array_unref (source.bodies);
      g_rand_free (source.rand);
      return NULL;
    }

  /* 40 %: names typed letter by letter, sometimes without their accents. */
  while (n_prefix < N_QUERIES * 40 / 100)
    {
      GPtrArray *group = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *name = g_strdup (pick (&source, source.names));
      glong length = MIN (g_utf8_strlen (name, -1), 14);

      if (g_rand_int_range (source.rand, 0, 4) == 0)
        {
          char *plain = strip_accents (name);

          g_free (name);
          name = plain;
        }

      for (glong n = 1; n <= length && n_prefix < N_QUERIES * 40 / 100; n++)
        {
          g_ptr_array_add (group, utf8_prefix (name, n));
          n_prefix++;
        }
      g_ptr_array_add (groups, group);
    }

  /* 15 %: with and without accents. */
  while (n_accent < N_QUERIES * 15 / 100)
    {
      GPtrArray *group = g_ptr_array_new_with_free_func (g_free);

      if (n_accent < G_N_ELEMENTS (accented))
        {
          g_ptr_array_add (group, g_strdup (accented[n_accent]));
        }
      else
        {
          const char *name = pick (&source, source.names);
          g_auto(GStrv) parts = g_strsplit (name, " ", -1);
          const char *word = parts[g_rand_int_range (source.rand, 0, g_strv_length (parts))];

          g_ptr_array_add (group, g_rand_boolean (source.rand) ? strip_accents (word)
                                                               : g_utf8_strdown (word, -1));
        }
      g_ptr_array_add (groups, group);
      n_accent++;
    }

  /* 15 %: several words: a first name and a word of an entry, or words of one entry. */
  while (n_multi < N_QUERIES * 15 / 100)
    {
      GPtrArray *group = g_ptr_array_new_with_free_func (g_free);

      if (n_multi < G_N_ELEMENTS (fixed_phrases))
        {
          g_ptr_array_add (group, g_strdup (fixed_phrases[n_multi]));
        }
      else if (g_rand_boolean (source.rand))
        {
          const char *name = pick (&source, source.names);
          g_autofree char *first = g_strndup (name, strcspn (name, " "));

          g_ptr_array_add (group, g_strdup_printf ("%s %s", first, pick (&source, source.words)));
        }
      else
        {
          g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
          guint at;

          add_words_of (words, none, pick (&source, source.bodies));
          if (words->len < 2)
            {
              g_ptr_array_unref (group);
              continue;
            }
          at = g_rand_int_range (source.rand, 0, words->len - 1);
          g_ptr_array_add (group, g_strdup_printf ("%s %s", (char *) words->pdata[at],
                                                   (char *) words->pdata[at + 1]));
        }
      g_ptr_array_add (groups, group);
      n_multi++;
    }

  /* 20 %: words of notes in Spanish, French, German and the rest, whole or begun. */
  while (n_word < N_QUERIES * 20 / 100)
    {
      GPtrArray *group = g_ptr_array_new_with_free_func (g_free);
      const char *word = pick (&source, source.words);

      if (g_rand_int_range (source.rand, 0, 3) == 0)
        g_ptr_array_add (group, utf8_prefix (word, g_rand_int_range (source.rand, 3, 6)));
      else
        g_ptr_array_add (group, g_strdup (word));
      g_ptr_array_add (groups, group);
      n_word++;
    }

  /* The rest: nothing matches. */
  while (n_prefix + n_accent + n_multi + n_word + n_none < N_QUERIES)
    {
      GPtrArray *group = g_ptr_array_new_with_free_func (g_free);
      GString *query = g_string_new ("zq");
      guint length = g_rand_int_range (source.rand, 2, 8);

      for (guint i = 0; i < length; i++)
        g_string_append_c (query, "xjkvwqz"[g_rand_int_range (source.rand, 0, 7)]);
      if (n_none % 5 == 0)
        g_string_append (query, " night");
      g_ptr_array_add (group, g_string_free (query, FALSE));
      g_ptr_array_add (groups, group);
      n_none++;
    }

  /* Fisher–Yates over the groups. */
  for (guint i = groups->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (source.rand, 0, i + 1);
      gpointer swap = groups->pdata[i];

      groups->pdata[i] = groups->pdata[j];
      groups->pdata[j] = swap;
    }

  queries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      for (guint j = 0; j < group->len; j++)
        {
          g_ptr_array_add (queries, g_steal_pointer (&group->pdata[j]));
          total++;
        }
    }

  *summary = g_strdup_printf ("%u queries: %u name prefixes typed letter by letter, %u with and "
                              "without accents, %u of several words, %u words of notes, %u with "
                              "no match (seed %d)", total, n_prefix, n_accent, n_multi, n_word,
                              n_none, QUERY_SEED);

  g_ptr_array_unref (source.names);
  g_ptr_array_unref (source.words);
  g_ptr_array_unref (source.bodies);
  g_rand_free (source.rand);

  return queries;
}

static gboolean
bench_search (RapportStore *store)
{
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) journal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) colleagues = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  guint journal_hits = 0;
  guint colleague_hits = 0;
  guint slowest = 0;

  queries = make_queries (store, &summary);
  if (queries == NULL)
    return FALSE;

  /* A few first queries warm the page cache and the statement cache, as the first letters
   * typed after startup would; they are not counted. */
  for (guint i = 0; i < MIN (queries->len, 10); i++)
    {
      g_autoptr(GPtrArray) found = rapport_store_search (store, queries->pdata[i],
                                                         SEARCH_LIMIT_PER_KIND, NULL);
      g_autoptr(GArray) ids = rapport_store_search_colleagues (store, queries->pdata[i], NULL);
    }

  for (guint i = 0; i < queries->len; i++)
    {
      const char *query = g_ptr_array_index (queries, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GArray) ids = NULL;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      found = rapport_store_search (store, query, SEARCH_LIMIT_PER_KIND, &error);
      ms = elapsed_ms (start);
      if (found == NULL)
        {
          g_printerr ("Search for “%s” failed: %s\n", query, error->message);
          return FALSE;
        }
      if (found->len > 0)
        journal_hits++;
      g_array_append_val (journal, ms);
      g_array_append_val (all, ms);
      if (ms > g_array_index (all, double, slowest))
        slowest = all->len - 1;

      start = g_get_monotonic_time ();
      ids = rapport_store_search_colleagues (store, query, &error);
      ms = elapsed_ms (start);
      if (ids == NULL)
        {
          g_printerr ("Colleague search for “%s” failed: %s\n", query, error->message);
          return FALSE;
        }
      if (ids->len > 0)
        colleague_hits++;
      g_array_append_val (colleagues, ms);
      g_array_append_val (all, ms);
      if (ms > g_array_index (all, double, slowest))
        slowest = all->len - 1;
    }

  detail = g_strdup_printf ("p50 %.2f ms, max %.2f ms (“%s” in %s); each query through "
                            "rapport_store_search (limit %d per kind) and "
                            "rapport_store_search_colleagues; %s; %u found something in the "
                            "journal, %u a colleague",
                            bench_percentile (all, 0.5), bench_percentile (all, 1),
                            (char *) queries->pdata[slowest / 2],
                            slowest % 2 == 0 ? "the journal search" : "the colleague search",
                            SEARCH_LIMIT_PER_KIND, summary, journal_hits, colleague_hits);
  bench_report ("search-p95", "Search as you type, p95 of 1,000 queries (both searches)",
          bench_percentile (all, 0.95), "ms", "max", 5, all->len, detail);

  g_free (detail);
  detail = g_strdup_printf ("rapport_store_search_colleagues (the colleagues page): p50 %.2f ms, "
                            "max %.2f ms", bench_percentile (colleagues, 0.5), bench_percentile (colleagues, 1));
  bench_report ("search-colleagues-p95", "Colleague search, p95", bench_percentile (colleagues, 0.95), "ms",
          NULL, 0, colleagues->len, detail);

  g_free (detail);
  detail = g_strdup_printf ("rapport_store_search, limit %d per kind (the search page): "
                            "p50 %.2f ms, max %.2f ms", SEARCH_LIMIT_PER_KIND,
                            bench_percentile (journal, 0.5), bench_percentile (journal, 1));
  bench_report ("search-journal-p95", "Journal-wide search, p95", bench_percentile (journal, 0.95), "ms",
          NULL, 0, journal->len, detail);

  return TRUE;
}

/* vCard */

static GArray *
dup_all_colleague_ids (RapportStore *store,
                       guint        *n_archived,
                       guint        *n_photos)
{
  GListModel *model = rapport_store_get_colleagues (store);
  guint n_items = g_list_model_get_n_items (model);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_items);

  *n_archived = 0;
  *n_photos = 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);
      gint64 id = rapport_colleague_get_id (colleague);

      g_array_append_val (ids, id);
      if (rapport_colleague_get_archived (colleague))
        (*n_archived)++;
      if (rapport_colleague_get_photo (colleague) != NULL)
        (*n_photos)++;
    }

  return ids;
}

/* Every colleague, archived ones too, as vCard 4.0 with photos and personal notes. */
static char *
write_career_vcard (RapportStore *store,
                    const char   *path,
                    char        **summary,
                    GError      **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  guint n_archived, n_photos;
  guint n_folds = 0;

  ids = dup_all_colleague_ids (store, &n_archived, &n_photos);
  text = rapport_store_colleagues_to_vcard (store, ids, RAPPORT_VCARD_VERSION_4_0,
                                            RAPPORT_VCARD_WRITE_PERSONAL);

  if (!g_file_set_contents (path, text, -1, error))
    return NULL;

  for (const char *p = text; (p = strstr (p, "\r\n ")) != NULL; p += 3)
    n_folds++;

  size = format_count (strlen (text));
  if (summary != NULL)
    *summary = g_strdup_printf ("%s bytes, %u cards (%u archived, %u with a photo), %u folded "
                                "continuation lines, vCard 4.0 with personal notes, %s",
                                size, ids->len, n_archived, n_photos, n_folds, path);

  return g_steal_pointer (&text);
}

static gboolean
bench_vcard_parse (RapportStore *store,
                   const char   *path)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  gsize length;
  guint n_cards = 0;
  guint n_problems = 0;
  double ms;
  const guint runs = 5;

  text = write_career_vcard (store, path, &summary, &error);
  if (text == NULL)
    {
      g_printerr ("Could not write %s: %s\n", path, error->message);
      return FALSE;
    }
  length = strlen (text);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) colleagues = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      gint64 start = g_get_monotonic_time ();

      colleagues = rapport_vcard_parse (text, length, &problems);
      ms = elapsed_ms (start);
      g_array_append_val (timings, ms);
      n_cards = colleagues->len;
      n_problems = problems->len;
    }

  ms = bench_median (timings);
  detail = g_strdup_printf ("rapport_vcard_parse from memory (MB = 10^6 bytes), median of %u "
                            "(%.1f ms; min %.1f, max %.1f); %s; %u cards read, %u problems",
                            runs, ms, bench_percentile (timings, 0), bench_percentile (timings, 1), summary,
                            n_cards, n_problems);
  bench_report ("vcard-parse", "vCard parse", length / 1e6 / (ms / 1000), "MB/s", "min", 72, runs,
          detail);

  g_free (detail);
  detail = g_strdup_printf ("%u cards in %.1f ms", n_cards, ms);
  bench_report ("vcard-parse-cards-per-s", "vCard parse, cards per second", n_cards / (ms / 1000),
          "cards/s", NULL, 0, runs, detail);

  return TRUE;
}

static gboolean
bench_vcard_export (RapportStore *store,
                    const char   *path)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *detail = NULL;
  g_autofree char *size = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_cards = 0;
  const guint runs = 7;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!rapport_store_export_vcard (store, NULL, RAPPORT_VCARD_VERSION_4_0,
                                       RAPPORT_VCARD_WRITE_DEFAULT, path, &error))
        {
          g_printerr ("Could not export to %s: %s\n", path, error->message);
          return FALSE;
        }
      ms = elapsed_ms (start);
      g_array_append_val (timings, ms);
    }

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (const char *p = contents; (p = strstr (p, "BEGIN:VCARD\r\n")) != NULL; p++)
    n_cards++;

  size = format_count (length);
  detail = g_strdup_printf ("rapport_store_export_vcard of every colleague not archived (ids "
                            "NULL), vCard 4.0, default flags as the export dialog: work details, "
                            "photos, categories (assignments), UID, REV and the cards' own "
                            "extra lines, no personal notes; written to a file (fsync'ed, "
                            "renamed); %u cards, %s bytes; min %.1f ms, max %.1f ms", n_cards,
                            size, bench_percentile (timings, 0), bench_percentile (timings, 1));
  {
    g_autofree char *count = format_count (n_cards);
    g_autofree char *label = g_strdup_printf ("vCard export of %s colleagues", count);

    bench_report ("vcard-export", label, bench_median (timings), "ms", "max", 100, runs, detail);
  }

  return TRUE;
}

typedef struct
{
  gboolean                  done;
  gboolean                  ok;
  RapportStoreImportCounts  counts;
  GError                   *error;
  guint                     progress_calls;
} ImportWait;

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ImportWait *wait = user_data;

  wait->ok = rapport_import_load_file_finish (RAPPORT_IMPORT (object), result, &wait->error);
  wait->done = TRUE;
}

static void
import_ran_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ImportWait *wait = user_data;

  wait->ok = rapport_import_run_finish (RAPPORT_IMPORT (object), result, &wait->counts,
                                        &wait->error);
  wait->done = TRUE;
}

static void
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ImportWait *wait = user_data;

  wait->progress_calls++;
}

static void
wait_for (ImportWait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

/* As the import dialog does it: load the file in a worker, then run in another, each finished
 * on the main loop. Returns the milliseconds of each step. */
static gboolean
import_once (const char               *vcard_path,
             double                   *load_ms,
             double                   *run_ms,
             RapportStoreImportCounts *counts,
             guint                    *n_cards)
{
  g_autofree char *folder = rapport_test_make_tmp_dir ("bench-import");
  g_autoptr(RapportProfile) profile = rapport_profile_new (folder);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportImport) import = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (vcard_path);
  g_autoptr(GError) error = NULL;
  ImportWait wait = { 0 };
  gboolean ok = FALSE;
  gint64 start;

  store = rapport_profile_create (profile, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("Could not create a journal in %s: %s\n", folder, error->message);
      goto out;
    }

  import = rapport_import_new (store);

  start = g_get_monotonic_time ();
  rapport_import_load_file_async (import, file, NULL, import_loaded_cb, &wait);
  wait_for (&wait);
  *load_ms = elapsed_ms (start);
  if (!wait.ok)
    {
      g_printerr ("Could not load %s: %s\n", vcard_path, wait.error->message);
      g_clear_error (&wait.error);
      goto out;
    }
  *n_cards = rapport_import_get_n_cards (import);

  wait.done = FALSE;
  start = g_get_monotonic_time ();
  rapport_import_run_async (import, import_progress_cb, &wait, NULL, NULL, import_ran_cb, &wait);
  wait_for (&wait);
  *run_ms = elapsed_ms (start);
  if (!wait.ok)
    {
      g_printerr ("Could not import %s: %s\n", vcard_path, wait.error->message);
      g_clear_error (&wait.error);
      goto out;
    }
  *counts = wait.counts;

  if (g_list_model_get_n_items (rapport_store_get_colleagues (store)) != counts->imported)
    {
      g_printerr ("The journal shows %u colleagues after importing %u\n",
                  g_list_model_get_n_items (rapport_store_get_colleagues (store)),
                  counts->imported);
      goto out;
    }

  ok = TRUE;

out:
  g_clear_object (&import);
  g_clear_object (&store);
  if (!rapport_keyring_clear_key (rapport_profile_get_database_path (profile), NULL, &error))
    g_printerr ("Could not remove the key of %s: %s\n", folder, error->message);
  rapport_test_remove_tree (folder);

  return ok;
}

/* The export with every card made a different person: the career repeats names (its generator
 * combines a few dozen first and last names), so importing the export itself merges most cards
 * into earlier ones. Here each name gets a suffix and each phone and email are new. */
static char *
write_distinct_copy (const char  *vcard_path,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) out = NULL;
  const char *line;
  guint card = 0;

  if (!g_file_get_contents (vcard_path, &text, NULL, error))
    return NULL;

  out = g_string_sized_new (strlen (text) + strlen (text) / 8);
  for (line = text; *line != '\0';)
    {
      const char *crlf = strstr (line, "\r\n");
      const char *next = crlf != NULL ? crlf + 2 : line + strlen (line);
      gsize length = (crlf != NULL ? crlf : next) - line;

      if (g_str_has_prefix (line, "BEGIN:VCARD\r\n"))
        card++;

      if (g_str_has_prefix (line, "FN:"))
        {
          g_string_append_len (out, line, length);
          g_string_append_printf (out, " %c%c%c", 'A' + card / 676 % 26, 'a' + card / 26 % 26,
                                  'a' + card % 26);
        }
      else if (g_str_has_prefix (line, "TEL;"))
        g_string_append_printf (out, "TEL;TYPE=cell:+1 555 %07u", card);
      else if (g_str_has_prefix (line, "EMAIL;"))
        g_string_append_printf (out, "EMAIL;TYPE=work:bench-%u@example.org", card);
      else
        g_string_append_len (out, line, length);
      g_string_append (out, "\r\n");

      line = next;
    }

  path = g_strconcat (vcard_path, ".distinct.vcf", NULL);
  if (!g_file_set_contents (path, out->str, out->len, error))
    return NULL;

  return g_steal_pointer (&path);
}

static gboolean
bench_vcard_import (const char *vcard_path,
                    gboolean    distinct)
{
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *detail = NULL;
  RapportStoreImportCounts counts = { 0 };
  guint n_cards = 0;
  const guint runs = 3;

  for (guint i = 0; i < runs; i++)
    {
      double load_ms = 0, run_ms = 0, total;

      if (!import_once (vcard_path, &load_ms, &run_ms, &counts, &n_cards))
        return FALSE;

      total = load_ms + run_ms;
      g_array_append_val (timings, total);
      g_array_append_val (loads, load_ms);
      g_array_append_val (writes, run_ms);
    }

  detail = g_strdup_printf ("RapportImport as the import dialog: load_file_async (read, parse, "
                            "find duplicates) %.0f ms + run_async (one transaction on a second "
                            "connection, then the models) %.0f ms (medians); %u cards %s into an "
                            "empty new journal each run: %u added, %u merged (same name, email "
                            "or phone as an earlier card), %u skipped", bench_median (loads),
                            bench_median (writes), n_cards,
                            distinct ? "of the export made distinct people (a suffix to each "
                                       "name, a new phone and email)"
                                     : "from the export file",
                            counts.imported, counts.merged, counts.skipped);
  if (distinct)
    bench_report ("vcard-import-distinct", "vCard import, every card a new person", bench_median (timings),
            "ms", NULL, 0, runs, detail);
  else
    bench_report ("vcard-import", "vCard import of that file into an empty journal", bench_median (timings),
            "ms", "max", 1000, runs, detail);

  return TRUE;
}

/* The scheduler */

static gint64
fixed_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static gboolean
bench_next_due (RapportStore *store)
{
  g_autoptr(RapportScheduler) scheduler = NULL;
  g_autoptr(GArray) timings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *detail = NULL;
  g_autofree char *count = NULL;
  GListModel *reminders = rapport_store_get_reminders (store);
  guint n_items = g_list_model_get_n_items (reminders);
  gint64 earliest = G_MAXINT64;
  gint64 now;
  guint n_pending = 0;
  gint64 wakeup = 0;
  const guint runs = 201;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
      gint64 remind_at = rapport_reminder_get_remind_at (reminder);

      if (remind_at != 0 && remind_at != rapport_reminder_get_notified_at (reminder))
        {
          earliest = MIN (earliest, remind_at);
          n_pending++;
        }
    }

  /* An hour before the first one: nothing falls due, so nothing is written to the journal. */
  now = earliest != G_MAXINT64 ? earliest - 3600 : g_get_real_time () / G_USEC_PER_SEC;

  scheduler = rapport_scheduler_new (store);
  rapport_scheduler_set_clock (scheduler, fixed_clock, &now, NULL);
  rapport_scheduler_start (scheduler);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start;
      double ms;

      /* What every committed write makes the scheduler do. */
      g_signal_emit_by_name (store, "changed");
      start = g_get_monotonic_time ();
      wakeup = rapport_scheduler_get_next_wakeup (scheduler);
      ms = elapsed_ms (start);
      g_array_append_val (timings, ms);
    }

  rapport_scheduler_stop (scheduler);

  count = format_count (n_items);
  detail = g_strdup_printf ("the recomputation after a store \"changed\" "
                            "(rapport_scheduler_get_next_wakeup with the re-arm pending) over %s "
                            "reminders, %u pending; next wake-up %s the earliest pending; "
                            "max %.3f ms", count, n_pending,
                            wakeup == earliest ? "is" : "is NOT", bench_percentile (timings, 1));
  {
    g_autofree char *label = g_strdup_printf ("Next due time with %s reminders", count);

    bench_report ("next-due", label, bench_median (timings), "ms", "max", 5, runs, detail);
  }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportProfile) profile = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *career_vcf = NULL;
  g_autofree char *export_vcf = NULL;
  g_autofree char *tmp_dir = NULL;
  const char *data_home = g_getenv ("RAPPORT_BENCH_DATA_HOME");
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- Rapport's core benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (data_home == NULL)
    {
      g_printerr ("RAPPORT_BENCH_DATA_HOME is not set: run this through build-aux/bench\n");
      return 77;
    }

  data_dir = g_build_filename (data_home, "rapport", NULL);
  career_vcf = g_build_filename (data_home, "career.vcf", NULL);
  profile = rapport_profile_new (data_dir);

  if (write_vcard_path != NULL)
    {
      g_autoptr(RapportDatabase) database = open_database (profile, &error);
      g_autofree char *text = NULL;

      if (database != NULL)
        store = rapport_store_new (database, &error);
      if (store == NULL)
        {
          g_printerr ("Could not open the journal in %s: %s\n", data_dir, error->message);
          return 1;
        }
      text = write_career_vcard (store, write_vcard_path, NULL, &error);
      if (text == NULL)
        {
          g_printerr ("Could not write %s: %s\n", write_vcard_path, error->message);
          return 1;
        }
      return 0;
    }

  if (!bench_open_unlock (profile))
    return 1;

  store = bench_load (profile);
  if (store == NULL)
    return 1;

  ok &= bench_search (store);
  ok &= bench_vcard_parse (store, career_vcf);

  tmp_dir = rapport_test_make_tmp_dir ("bench-core");
  export_vcf = g_build_filename (tmp_dir, "export.vcf", NULL);
  if (bench_vcard_export (store, export_vcf))
    {
      g_autofree char *distinct_vcf = NULL;

      ok &= bench_vcard_import (export_vcf, FALSE);

      distinct_vcf = write_distinct_copy (export_vcf, &error);
      if (distinct_vcf != NULL)
        ok &= bench_vcard_import (distinct_vcf, TRUE);
      else
        {
          g_printerr ("Could not write the distinct copy: %s\n", error->message);
          ok = FALSE;
        }
    }
  else
    {
      ok = FALSE;
    }

  ok &= bench_next_due (store);

  rapport_test_remove_tree (tmp_dir);

  return ok ? 0 : 1;
}
