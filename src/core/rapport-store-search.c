/* rapport-store-search.c
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

#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-store-private.h"

/* More words only slow the query down without narrowing it in practice. */
#define SEARCH_MAX_WORDS 16
/* A longer word is searched by its first characters: still a prefix of what it matches. */
#define SEARCH_MAX_WORD_CHARS 64

G_STATIC_ASSERT (RAPPORT_ITEM_KIND_COLLEAGUE >= 1);
G_STATIC_ASSERT (RAPPORT_ITEM_KIND_REMINDER < RAPPORT_SEARCH_KIND_MODULUS);

static const char search_delete_sql[] =
  "DELETE FROM search WHERE docid = ?1";

/* kind is the table's languageid: FTS keeps the entries of each kind in an index of its own, so
 * a search of colleagues never reads the doclists of a hundred thousand journal entries. */
static const char search_insert_sql[] =
  "INSERT INTO search (docid, title, body, kind) VALUES (?1, ?2, ?3, ?4)";

/* Only the docid: the index answers that alone, while reading the title would decrypt a page of
 * the content table for every hit (tens of thousands for a one-letter query). The titles come
 * from the items in memory instead (dup_title). Without a kind, FTS would look at kind 0 only. */
static const char search_kind_sql[] =
  "SELECT docid FROM search WHERE search MATCH ?1 AND kind = ?2";

static const char interaction_names_sql[] =
  "SELECT c.name FROM interaction_colleague ic JOIN colleague c ON c.id = ic.colleague_id"
  " WHERE ic.interaction_id = ?1 ORDER BY c.id";

static const char reminder_name_sql[] =
  "SELECT c.name FROM reminder r JOIN colleague c ON c.id = r.colleague_id WHERE r.id = ?1";

typedef struct
{
  RapportItemKind  kind;
  gint64           id;
  gpointer         item;
  gboolean         title_match;
  /* Borrowed from the item and its TitleKeys, which outlive the search. Alphabetical kinds: the
   * folded title's collation key; assignments: the start date; interactions: the time. */
  const char      *collate_key;
  const char      *date;
  gint64           time;
} SearchHit;

/* What ranking and ordering a hit needs of its item's title, worked out once per title and kept
 * on the item (a GRcBox, also held by the SearchCache): a short prefix hits thousands of items,
 * and folding a title and making its collation key cost more than everything else a hit takes. */
typedef struct
{
  /* The title the rest was made from: a renamed item gets new keys. */
  const char *title;
  const char *folded;
  const char *collate_key;
} TitleKeys;

/* A journal entry as its hits are ranked: read from the entry on its first hit. */
typedef struct
{
  gint64 time;
  int    kind;    /* a RapportInteractionKind; -1: not read yet */
} InteractionKeys;

/* Kept on the store between queries, indexed by item id, and dropped whenever it emits "changed":
 * finding a hit's item by its id and reading its fields touches memory all over the heap, and a
 * prefix of a letter or two hits tens of thousands of journal entries. */
typedef struct
{
  /* TitleKeys references (NULL: not read yet), for the kinds ordered by title */
  GPtrArray *title_keys[RAPPORT_ITEM_KIND_REMINDER + 1];
  GArray    *interactions;
} SearchCache;

/* Ids run from 1 without many gaps; a far larger one is looked up every time rather than grow a
 * table around it. */
#define SEARCH_CACHE_MIN_IDS 4096

static gint64
search_docid (RapportItemKind kind,
              gint64          id)
{
  return id * RAPPORT_SEARCH_KIND_MODULUS + kind;
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

/* Grouped by kind in the order results are shown; within a kind, title matches first. */
static int
search_hit_compare (gconstpointer a,
                    gconstpointer b)
{
  const SearchHit *hit_a = a;
  const SearchHit *hit_b = b;
  int cmp;

  if (hit_a->kind != hit_b->kind)
    return compare_int64 (hit_a->kind, hit_b->kind);

  if (hit_a->title_match != hit_b->title_match)
    return hit_a->title_match ? -1 : 1;

  switch (hit_a->kind)
    {
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      cmp = strcmp (hit_b->date, hit_a->date);
      if (cmp != 0)
        return cmp;
      return compare_int64 (hit_b->id, hit_a->id);

    case RAPPORT_ITEM_KIND_INTERACTION:
      cmp = compare_int64 (hit_b->time, hit_a->time);
      if (cmp != 0)
        return cmp;
      return compare_int64 (hit_b->id, hit_a->id);

    case RAPPORT_ITEM_KIND_COLLEAGUE:
    case RAPPORT_ITEM_KIND_TIP:
    case RAPPORT_ITEM_KIND_REMINDER:
    default:
      cmp = strcmp (hit_a->collate_key, hit_b->collate_key);
      if (cmp != 0)
        return cmp;
      return compare_int64 (hit_a->id, hit_b->id);
    }
}

/* Accents off: NFKD splits "ñ" into "n" and a combining mark, which is dropped; NFC then puts
 * back together what must stay whole (Hangul syllables). */
static char *
strip_marks (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) stripped = NULL;

  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
        case G_UNICODE_NON_SPACING_MARK:
          break;

        default:
          g_string_append_unichar (stripped, c);
        }
    }

  return g_utf8_normalize (stripped->str, -1, G_NORMALIZE_NFC);
}

/* The runs of letters and digits in text, at most max_words of them. */
static GPtrArray *
split_words (const char *text,
             guint       max_words)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;
  const char *p;

  for (p = text; ; p = g_utf8_next_char (p))
    {
      gboolean alnum = *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));

      if (alnum && start == NULL)
        {
          start = p;
        }
      else if (!alnum && start != NULL)
        {
          if (words->len >= max_words)
            break;
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }

      if (*p == '\0')
        break;
    }

  return words;
}

/* Whether a word of folded_title (a run of letters and digits) begins with word, itself letters
 * and digits only: no copy of the title's words, as this runs for every hit. */
static gboolean
has_word_starting_with (const char *folded_title,
                        const char *word)
{
  gsize length = strlen (word);
  gboolean in_word = FALSE;

  for (const char *p = folded_title; *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar c = *p;
      gboolean alnum = c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (g_utf8_get_char (p));

      if (alnum && !in_word && strncmp (p, word, length) == 0)
        return TRUE;
      in_word = alnum;
    }

  return FALSE;
}

static gboolean
title_matches_words (const char *folded_title,
                     GPtrArray  *folded_words)
{
  for (guint i = 0; i < folded_words->len; i++)
    {
      if (!has_word_starting_with (folded_title, g_ptr_array_index (folded_words, i)))
        return FALSE;
    }

  return TRUE;
}

/* Only letters and digits reach FTS, each as a lower-case prefix: no operator, quote or column
 * filter a person types can change the meaning of the query or make it fail. NULL when there is
 * nothing to look for. */
static char *
build_match (const char  *query,
             GPtrArray  **out_folded_words)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) folded_words = NULL;
  g_autoptr(GString) match = NULL;
  g_autofree char *stripped = NULL;

  if (!g_utf8_validate (query, -1, NULL))
    return NULL;

  stripped = strip_marks (query);
  words = split_words (stripped, SEARCH_MAX_WORDS);
  if (words->len == 0)
    return NULL;

  match = g_string_new (NULL);
  folded_words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      glong n_chars = MIN (g_utf8_strlen (word, -1), SEARCH_MAX_WORD_CHARS);
      const char *end = g_utf8_offset_to_pointer (word, n_chars);
      g_autofree char *lower = g_utf8_strdown (word, end - word);

      if (i > 0)
        g_string_append_c (match, ' ');
      g_string_append (match, lower);
      g_string_append_c (match, '*');

      g_ptr_array_add (folded_words, g_utf8_casefold (word, end - word));
    }

  *out_folded_words = g_steal_pointer (&folded_words);

  return g_string_free (g_steal_pointer (&match), FALSE);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, part);
}

static char *
dup_colleague_body (RapportColleague *colleague)
{
  GString *body = g_string_new (NULL);

  append_part (body, rapport_colleague_get_role (colleague));
  append_part (body, rapport_colleague_get_specialty (colleague));
  append_part (body, rapport_colleague_get_organization (colleague));
  append_part (body, rapport_colleague_get_interests (colleague));
  append_part (body, rapport_colleague_get_notes (colleague));

  return g_string_free (body, FALSE);
}

static char *
dup_assignment_body (RapportAssignment *assignment)
{
  GString *body = g_string_new (NULL);

  append_part (body, rapport_assignment_get_unit (assignment));
  append_part (body, rapport_assignment_get_city (assignment));
  append_part (body, rapport_assignment_get_region (assignment));
  append_part (body, rapport_assignment_get_country (assignment));
  append_part (body, rapport_assignment_get_agency (assignment));
  append_part (body, rapport_assignment_get_notes (assignment));

  return g_string_free (body, FALSE);
}

/* The category by its stored nick and by the words people see, in their language. */
static char *
dup_tip_body (RapportTip *tip)
{
  RapportTipCategory category = rapport_tip_get_category (tip);
  GString *body = g_string_new (NULL);

  append_part (body, rapport_tip_get_body (tip));
  append_part (body, rapport_tip_get_address (tip));
  append_part (body, rapport_tip_category_to_nick (category));
  append_part (body, rapport_tip_category_to_label (category));

  return g_string_free (body, FALSE);
}

static char *
dup_interaction_kind_title (RapportInteractionKind kind)
{
  return g_strjoin (" ", rapport_interaction_kind_to_nick (kind),
                    rapport_interaction_kind_to_label (kind), NULL);
}

/* text, then the colleague names that sql (with ?1 = id) reads as the rows name them now. */
static char *
dup_body_with_names (RapportStore  *self,
                     const char    *text,
                     const char    *sql,
                     gint64         id,
                     GError       **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  append_part (body, text);

  if (!(stmt = rapport_store_prepare_with_id (self, sql, id, error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    append_part (body, (const char *) sqlite3_column_text (stmt, 0));

  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return NULL;

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static gboolean
index_put (RapportStore     *self,
           RapportItemKind   kind,
           gint64            id,
           const char       *title,
           const char       *body,
           GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean bound;

  if (!rapport_store_index_remove (self, kind, id, error))
    return FALSE;

  if (!(stmt = rapport_database_prepare (self->database, search_insert_sql, error)))
    return FALSE;

  bound = sqlite3_bind_int64 (stmt, 1, search_docid (kind, id)) == SQLITE_OK
       && sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT) == SQLITE_OK
       && sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT) == SQLITE_OK
       && sqlite3_bind_int (stmt, 4, kind) == SQLITE_OK;

  return rapport_store_step_done (self, stmt, bound, error);
}

static char *
join_parts (const char *first,
            const char *second)
{
  if (first[0] != '\0' && second[0] != '\0')
    return g_strdup_printf ("%s · %s", first, second);

  return g_strdup (first[0] != '\0' ? first : second);
}

static char *
dup_colleague_names (RapportStore       *self,
                     RapportInteraction *interaction)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids = 0;

  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      RapportColleague *colleague = rapport_store_find_colleague (self, ids[i]);

      if (colleague == NULL)
        continue;

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, rapport_colleague_get_name (colleague));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static RapportSearchResult *
create_result (RapportStore *self,
               SearchHit    *hit)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  switch (hit->kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      {
        RapportColleague *colleague = hit->item;

        title = g_strdup (rapport_colleague_get_name (colleague));
        subtitle = join_parts (rapport_colleague_get_role (colleague),
                               rapport_colleague_get_organization (colleague));
      }
      break;

    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      {
        RapportAssignment *assignment = hit->item;
        g_autofree char *place = rapport_assignment_dup_place (assignment);
        g_autofree char *dates = rapport_assignment_dup_dates (assignment);

        title = rapport_assignment_dup_title (assignment);
        subtitle = join_parts (place, dates != NULL ? dates : "");
      }
      break;

    case RAPPORT_ITEM_KIND_TIP:
      {
        RapportTip *tip = hit->item;
        RapportAssignment *assignment;
        const char *facility = "";

        assignment = rapport_store_find_assignment (self, rapport_tip_get_assignment_id (tip));
        if (assignment != NULL)
          facility = rapport_assignment_get_facility (assignment);

        title = g_strdup (rapport_tip_get_title (tip));
        subtitle = join_parts (rapport_tip_category_to_label (rapport_tip_get_category (tip)),
                               facility);
      }
      break;

    case RAPPORT_ITEM_KIND_INTERACTION:
      {
        RapportInteraction *interaction = hit->item;
        RapportInteractionKind kind = rapport_interaction_get_kind (interaction);
        g_autofree char *names = dup_colleague_names (self, interaction);
        g_autoptr(GDateTime) when = NULL;
        g_autofree char *date = NULL;
        g_autofree char *first_line = NULL;
        const char *body = rapport_interaction_get_body (interaction);

        if (names[0] != '\0')
          /* Translators: "Coffee with Ada, Ben": an interaction's kind and who was there */
          title = g_strdup_printf (_("%s with %s"), rapport_interaction_kind_to_label (kind),
                                   names);
        else
          title = g_strdup (rapport_interaction_kind_to_label (kind));

        when = g_date_time_new_from_unix_local (rapport_interaction_get_occurred_at (interaction));
        /* Translators: a day, see strftime(3), e.g. "14 Mar 2026" */
        date = when != NULL ? g_date_time_format (when, _("%-d %b %Y")) : g_strdup ("");
        first_line = g_strndup (body, strcspn (body, "\r\n"));
        subtitle = join_parts (date, g_strstrip (first_line));
      }
      break;

    case RAPPORT_ITEM_KIND_REMINDER:
      {
        RapportReminder *reminder = hit->item;
        RapportColleague *colleague;
        g_autoptr(GDateTime) when = NULL;
        g_autofree char *date = NULL;
        const char *name = "";

        colleague = rapport_store_find_colleague (self,
                                                  rapport_reminder_get_colleague_id (reminder));
        if (colleague != NULL)
          name = rapport_colleague_get_name (colleague);

        title = g_strdup (rapport_reminder_get_title (reminder));
        when = g_date_time_new_from_unix_local (rapport_reminder_get_due_at (reminder));
        /* Translators: a reminder's day and time, see strftime(3), e.g. "Thu 26 Nov 2027 12:30" */
        date = when != NULL ? g_date_time_format (when, _("%a %-d %b %Y %H:%M")) : g_strdup ("");
        subtitle = join_parts (date, name);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return rapport_search_result_new (hit->kind, hit->id, title, subtitle);
}

/* The title an item of any kind but an interaction (whose title is made of its kind) is indexed
 * under: the name a result shows first. */
static const char *
get_title (RapportItemKind  kind,
           gpointer         item)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return rapport_colleague_get_name (item);
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return rapport_assignment_get_facility (item);
    case RAPPORT_ITEM_KIND_TIP:
      return rapport_tip_get_title (item);
    case RAPPORT_ITEM_KIND_REMINDER:
      return rapport_reminder_get_title (item);
    case RAPPORT_ITEM_KIND_INTERACTION:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static char *
dup_title (RapportItemKind  kind,
           gpointer         item)
{
  if (kind == RAPPORT_ITEM_KIND_INTERACTION)
    return dup_interaction_kind_title (rapport_interaction_get_kind (item));

  return g_strdup (get_title (kind, item));
}

static GQuark
title_keys_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("rapport-search-title-keys");

  return quark;
}

static const TitleKeys *
get_title_keys (RapportItemKind  kind,
                gpointer         item)
{
  const char *title = get_title (kind, item);
  TitleKeys *keys = g_object_get_qdata (item, title_keys_quark ());
  g_autofree char *folded = NULL;
  g_autofree char *collate_key = NULL;
  gsize title_size, folded_size, key_size;
  char *p;

  if (keys != NULL && strcmp (keys->title, title) == 0)
    return keys;

  folded = rapport_store_fold_text (title);
  collate_key = g_utf8_collate_key (folded, -1);
  title_size = strlen (title) + 1;
  folded_size = strlen (folded) + 1;
  key_size = strlen (collate_key) + 1;

  /* One block for the three strings: a journal has tens of thousands of titles. */
  keys = g_rc_box_alloc (sizeof (TitleKeys) + title_size + folded_size + key_size);
  p = (char *) (keys + 1);
  keys->title = memcpy (p, title, title_size);
  keys->folded = memcpy (p + title_size, folded, folded_size);
  keys->collate_key = memcpy (p + title_size + folded_size, collate_key, key_size);

  /* Lets go of the keys of the item's former title, if any. */
  g_object_set_qdata_full (item, title_keys_quark (), keys, (GDestroyNotify) g_rc_box_release);

  return keys;
}

static GQuark
search_cache_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("rapport-search-cache");

  return quark;
}

/* GPtrArray calls it for the empty slots too. */
static void
release_title_keys (gpointer keys)
{
  if (keys != NULL)
    g_rc_box_release (keys);
}

static void
search_cache_free (gpointer data)
{
  SearchCache *cache = data;

  for (guint i = 0; i < G_N_ELEMENTS (cache->title_keys); i++)
    g_clear_pointer (&cache->title_keys[i], g_ptr_array_unref);
  g_clear_pointer (&cache->interactions, g_array_unref);
  g_free (cache);
}

/* An emission hook rather than a handler: it runs before every handler of "changed", so one
 * that searches again already sees the change. */
static gboolean
store_changed_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_param_values,
                       const GValue          *param_values,
                       gpointer               user_data)
{
  GObject *store = g_value_get_object (&param_values[0]);

  g_object_set_qdata (store, search_cache_quark (), NULL);

  return TRUE;
}

static SearchCache *
get_search_cache (RapportStore *self)
{
  static gsize hooked;
  SearchCache *cache = g_object_get_qdata (G_OBJECT (self), search_cache_quark ());

  if (g_once_init_enter (&hooked))
    {
      g_signal_add_emission_hook (g_signal_lookup ("changed", RAPPORT_TYPE_STORE), 0,
                                  store_changed_hook_cb, NULL, NULL);
      g_once_init_leave (&hooked, 1);
    }

  if (cache == NULL)
    {
      cache = g_new0 (SearchCache, 1);
      g_object_set_qdata_full (G_OBJECT (self), search_cache_quark (), cache, search_cache_free);
    }

  return cache;
}

static gboolean
id_fits_cache (RapportStoreCollection *collection,
               gint64                  id)
{
  gint64 n_items = g_hash_table_size (collection->by_id);

  return id >= 0 && id < MAX (SEARCH_CACHE_MIN_IDS, 4 * n_items);
}

/* The title keys of item id of kind, NULL when there is no such item in the models. */
static const TitleKeys *
lookup_title_keys (SearchCache            *cache,
                   RapportStoreCollection *collection,
                   RapportItemKind         kind,
                   gint64                  id)
{
  GPtrArray *slots = cache->title_keys[kind];
  const TitleKeys *keys;
  gpointer item;

  if (slots != NULL && id < slots->len && slots->pdata[id] != NULL)
    return slots->pdata[id];

  if ((item = rapport_store_collection_lookup (collection, id)) == NULL)
    return NULL;

  keys = get_title_keys (kind, item);

  if (id_fits_cache (collection, id))
    {
      if (slots == NULL)
        slots = cache->title_keys[kind] = g_ptr_array_new_with_free_func (release_title_keys);
      if (id >= slots->len)
        g_ptr_array_set_size (slots, id + 1);
      slots->pdata[id] = g_rc_box_acquire ((gpointer) keys);
    }

  return keys;
}

/* The time and kind of journal entry id, NULL when there is no such entry in the models. */
static const InteractionKeys *
lookup_interaction_keys (SearchCache            *cache,
                         RapportStoreCollection *collection,
                         gint64                  id,
                         InteractionKeys        *uncached)
{
  GArray *slots = cache->interactions;
  InteractionKeys *keys = uncached;
  RapportInteraction *interaction;

  if (slots != NULL && id < slots->len && g_array_index (slots, InteractionKeys, id).kind >= 0)
    return &g_array_index (slots, InteractionKeys, id);

  if ((interaction = rapport_store_collection_lookup (collection, id)) == NULL)
    return NULL;

  if (id_fits_cache (collection, id))
    {
      if (slots == NULL)
        slots = cache->interactions = g_array_new (FALSE, FALSE, sizeof (InteractionKeys));
      if (id >= slots->len)
        {
          guint old_len = slots->len;

          g_array_set_size (slots, id + 1);
          for (guint i = old_len; i < slots->len; i++)
            g_array_index (slots, InteractionKeys, i).kind = -1;
        }
      keys = &g_array_index (slots, InteractionKeys, id);
    }

  keys->time = rapport_interaction_get_occurred_at (interaction);
  keys->kind = rapport_interaction_get_kind (interaction);

  return keys;
}

static void
swap_hits (SearchHit *a,
           SearchHit *b)
{
  SearchHit swap = *a;

  *a = *b;
  *b = swap;
}

/* Keeps the limit first hits of one kind in heap, ordered so that the last of them (the one a
 * better hit pushes out) is on top: a short prefix matches tens of thousands of journal entries,
 * of which twenty are shown. */
static void
keep_first_hits (GArray          *heap,
                 guint            limit,
                 const SearchHit *hit)
{
  SearchHit *hits;
  guint at;

  if (heap->len < limit)
    {
      g_array_append_vals (heap, hit, 1);
      hits = (SearchHit *) heap->data;

      for (at = heap->len - 1; at > 0; at = (at - 1) / 2)
        {
          guint parent = (at - 1) / 2;

          if (search_hit_compare (&hits[at], &hits[parent]) <= 0)
            break;
          swap_hits (&hits[at], &hits[parent]);
        }
      return;
    }

  hits = (SearchHit *) heap->data;
  if (search_hit_compare (hit, &hits[0]) >= 0)
    return;

  hits[0] = *hit;
  for (at = 0; ; )
    {
      guint last = at;
      guint left = 2 * at + 1;
      guint right = left + 1;

      if (left < heap->len && search_hit_compare (&hits[left], &hits[last]) > 0)
        last = left;
      if (right < heap->len && search_hit_compare (&hits[right], &hits[last]) > 0)
        last = right;
      if (last == at)
        break;
      swap_hits (&hits[at], &hits[last]);
      at = last;
    }
}

/* Whether a journal entry of kind interaction_kind is a title match: an entry's title is only
 * its kind, so this is worked out once per kind and query (in title_matches, -1: not yet). */
static gboolean
interaction_title_matches (int        interaction_kind,
                           int       *title_matches,
                           GPtrArray *folded_words)
{
  g_autofree char *title = NULL;
  g_autofree char *folded = NULL;
  gboolean matches;

  if (interaction_kind >= 0 && interaction_kind < RAPPORT_N_INTERACTION_KINDS
      && title_matches[interaction_kind] >= 0)
    return title_matches[interaction_kind];

  title = dup_interaction_kind_title (interaction_kind);
  folded = rapport_store_fold_text (title);
  matches = title_matches_words (folded, folded_words);

  if (interaction_kind >= 0 && interaction_kind < RAPPORT_N_INTERACTION_KINDS)
    title_matches[interaction_kind] = matches;

  return matches;
}

/* Runs match (built by build_match) over the entries of kind and appends to hits those whose
 * items are in the models, all of them (limit 0) or the limit first in order, unsorted. */
static gboolean
collect_kind_hits (RapportStore     *self,
                   SearchCache      *cache,
                   RapportItemKind   kind,
                   const char       *match,
                   GPtrArray        *folded_words,
                   guint             limit,
                   GArray           *hits,
                   GError          **error)
{
  g_autoptr(GArray) first_hits = NULL;
  RapportStoreCollection *collection = NULL;
  int title_matches[RAPPORT_N_INTERACTION_KINDS];
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_database_prepare (self->database, search_kind_sql, error)))
    return FALSE;

  if (sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT) != SQLITE_OK
      || sqlite3_bind_int (stmt, 2, kind) != SQLITE_OK)
    {
      rapport_database_set_error (self->database, SQLITE_NOMEM, error);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }

  if (limit > 0)
    first_hits = g_array_sized_new (FALSE, FALSE, sizeof (SearchHit), limit);

  for (guint i = 0; i < G_N_ELEMENTS (title_matches); i++)
    title_matches[i] = -1;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 docid = sqlite3_column_int64 (stmt, 0);
      SearchHit hit = { 0, };

      hit.kind = kind;
      hit.id = docid / RAPPORT_SEARCH_KIND_MODULUS;

      if (docid % RAPPORT_SEARCH_KIND_MODULUS != kind || hit.id < 0)
        continue;

      /* Looked up on the first hit only: the journal entries load on first use. */
      if (collection == NULL)
        collection = rapport_store_get_collection (self, kind);

      /* An entry whose item is gone would be a bug elsewhere; never hand out its id. */
      if (kind == RAPPORT_ITEM_KIND_INTERACTION)
        {
          InteractionKeys uncached;
          const InteractionKeys *keys;

          keys = lookup_interaction_keys (cache, collection, hit.id, &uncached);
          if (keys == NULL)
            continue;

          hit.title_match = interaction_title_matches (keys->kind, title_matches, folded_words);
          hit.time = keys->time;
        }
      else
        {
          const TitleKeys *keys = lookup_title_keys (cache, collection, kind, hit.id);

          if (keys == NULL)
            continue;

          hit.title_match = title_matches_words (keys->folded, folded_words);
          hit.collate_key = keys->collate_key;

          /* A few hundred at most, in a career. */
          if (kind == RAPPORT_ITEM_KIND_ASSIGNMENT)
            hit.date = rapport_assignment_get_starts_on (
                         rapport_store_collection_lookup (collection, hit.id));
        }

      if (first_hits != NULL)
        keep_first_hits (first_hits, limit, &hit);
      else
        g_array_append_val (hits, hit);
    }

  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return FALSE;

  if (first_hits != NULL)
    g_array_append_vals (hits, first_hits->data, first_hits->len);

  return TRUE;
}

/* The hits of match (built by build_match) among the entries of kinds first_kind to last_kind,
 * sorted, with at most limit_per_kind of each kind (0: all of them). */
static GArray *
collect_hits (RapportStore     *self,
              RapportItemKind   first_kind,
              RapportItemKind   last_kind,
              const char       *match,
              GPtrArray        *folded_words,
              guint             limit_per_kind,
              GError          **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (SearchHit));
  SearchCache *cache = get_search_cache (self);

  for (RapportItemKind kind = first_kind; kind <= last_kind; kind++)
    {
      if (!collect_kind_hits (self, cache, kind, match, folded_words, limit_per_kind, hits, error))
        return NULL;
    }

  g_array_sort (hits, search_hit_compare);

  return g_steal_pointer (&hits);
}

/* Accent- and case-folded, for comparing what a person typed with what is stored. */
char *
rapport_store_fold_text (const char *text)
{
  g_autofree char *stripped = strip_marks (text != NULL ? text : "");

  return g_utf8_casefold (stripped, -1);
}

gboolean
rapport_store_index_remove (RapportStore     *self,
                            RapportItemKind   kind,
                            gint64            id,
                            GError          **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = rapport_database_prepare (self->database, search_delete_sql, error)))
    return FALSE;

  return rapport_store_step_done (self, stmt,
                                  sqlite3_bind_int64 (stmt, 1, search_docid (kind, id))
                                  == SQLITE_OK,
                                  error);
}

gboolean
rapport_store_index_item (RapportStore     *self,
                          RapportItemKind   kind,
                          gpointer          item,
                          GError          **error)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gint64 id = rapport_store_item_get_id (kind, item);

  title = dup_title (kind, item);

  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      body = dup_colleague_body (item);
      break;

    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      body = dup_assignment_body (item);
      break;

    case RAPPORT_ITEM_KIND_TIP:
      body = dup_tip_body (item);
      break;

    case RAPPORT_ITEM_KIND_INTERACTION:
      body = dup_body_with_names (self, rapport_interaction_get_body (item),
                                  interaction_names_sql, id, error);
      if (body == NULL)
        return FALSE;
      break;

    case RAPPORT_ITEM_KIND_REMINDER:
      body = dup_body_with_names (self, rapport_reminder_get_notes (item), reminder_name_sql, id,
                                  error);
      if (body == NULL)
        return FALSE;
      break;

    default:
      g_assert_not_reached ();
    }

  return index_put (self, kind, id, title, body, error);
}

GArray *
rapport_store_search_colleagues (RapportStore  *self,
                                 const char    *query,
                                 GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) folded_words = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!(match = build_match (query, &folded_words)))
    return g_steal_pointer (&ids);

  if (!(hits = collect_hits (self, RAPPORT_ITEM_KIND_COLLEAGUE, RAPPORT_ITEM_KIND_COLLEAGUE, match,
                             folded_words, 0, error)))
    return NULL;

  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (ids, g_array_index (hits, SearchHit, i).id);

  return g_steal_pointer (&ids);
}

GPtrArray *
rapport_store_search (RapportStore  *self,
                      const char    *query,
                      guint          limit_per_kind,
                      GError       **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) folded_words = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  results = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(match = build_match (query, &folded_words)))
    return g_steal_pointer (&results);

  if (!(hits = collect_hits (self, RAPPORT_ITEM_KIND_COLLEAGUE, RAPPORT_ITEM_KIND_REMINDER, match,
                             folded_words, limit_per_kind, error)))
    return NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      SearchHit *hit = &g_array_index (hits, SearchHit, i);

      hit->item = rapport_store_collection_lookup (rapport_store_get_collection (self, hit->kind),
                                                   hit->id);
      if (hit->item != NULL)
        g_ptr_array_add (results, create_result (self, hit));
    }

  return g_steal_pointer (&results);
}
