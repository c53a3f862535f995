/* rapport-store.c
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
#include <json-glib/json-glib.h>

#include "rapport-store.h"

struct _RapportStore
{
  GObject          parent_instance;

  RapportDatabase *database;
  /* RapportColleague, ordered by id */
  GListStore      *colleagues;
  /* gint64 id → RapportColleague (the same objects as in colleagues) */
  GHashTable      *colleagues_by_id;
};

G_DEFINE_FINAL_TYPE (RapportStore, rapport_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-store-error-quark, rapport_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One FTS table serves every kind of row: docid = id * SEARCH_KIND_MODULUS + kind, so a row's
 * entry is found without a mapping table and a search can be limited to one kind. */
typedef enum
{
  SEARCH_KIND_COLLEAGUE = 1,
  SEARCH_KIND_ASSIGNMENT = 2,
  SEARCH_KIND_TIP = 3,
  SEARCH_KIND_INTERACTION = 4,
  SEARCH_KIND_REMINDER = 5,
} SearchKind;

#define SEARCH_KIND_MODULUS 8

/* More words only slow the query down without narrowing it in practice. */
#define SEARCH_MAX_WORDS 16

/* The search SQL below spells these out, so statements stay cacheable by their text. */
G_STATIC_ASSERT (SEARCH_KIND_COLLEAGUE == 1 && SEARCH_KIND_MODULUS == 8);

/* Parameter numbers shared by the INSERT and UPDATE statements. */
enum {
  PARAM_ID = 1,
  PARAM_NAME,
  PARAM_ROLE,
  PARAM_SPECIALTY,
  PARAM_ORGANIZATION,
  PARAM_PHONE,
  PARAM_EMAIL,
  PARAM_MESSAGING,
  PARAM_INTERESTS,
  PARAM_SUPPORT_KIND,
  PARAM_BIRTHDAY,
  PARAM_NOTES,
  PARAM_CADENCE_DAYS,
  PARAM_ARCHIVED,
  PARAM_CREATED_AT,
  PARAM_UPDATED_AT,
};

static const char select_colleagues_sql[] =
  "SELECT id, name, role, specialty, organization, phone, email, messaging, interests,"
  " support_kind, birthday, notes, cadence_days, archived, created_at, updated_at"
  " FROM colleague ORDER BY id";

static const char insert_colleague_sql[] =
  "INSERT INTO colleague (id, name, role, specialty, organization, phone, email, messaging,"
  " interests, support_kind, birthday, notes, cadence_days, archived, created_at, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

static const char update_colleague_sql[] =
  "UPDATE colleague SET name = ?2, role = ?3, specialty = ?4, organization = ?5, phone = ?6,"
  " email = ?7, messaging = ?8, interests = ?9, support_kind = ?10, birthday = ?11,"
  " notes = ?12, cadence_days = ?13, archived = ?14, updated_at = ?16"
  " WHERE id = ?1";

static const char set_archived_sql[] =
  "UPDATE colleague SET archived = ?2, updated_at = ?3 WHERE id = ?1";

static const char delete_colleague_sql[] =
  "DELETE FROM colleague WHERE id = ?1";

static const char search_delete_sql[] =
  "DELETE FROM search WHERE docid = ?1";

static const char search_insert_sql[] =
  "INSERT INTO search (docid, title, body) VALUES (?1, ?2, ?3)";

static const char search_colleagues_sql[] =
  "SELECT docid, title FROM search WHERE search MATCH ?1 AND docid % 8 = 1";

typedef struct
{
  gint64    id;
  gboolean  name_match;
  char     *collate_key;
} SearchHit;

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
search_docid (SearchKind kind,
              gint64     id)
{
  return id * SEARCH_KIND_MODULUS + kind;
}

static void
search_hit_clear (gpointer data)
{
  SearchHit *hit = data;

  g_clear_pointer (&hit->collate_key, g_free);
}

static int
search_hit_compare (gconstpointer a,
                    gconstpointer b)
{
  const SearchHit *hit_a = a;
  const SearchHit *hit_b = b;
  int cmp;

  if (hit_a->name_match != hit_b->name_match)
    return hit_a->name_match ? -1 : 1;

  cmp = strcmp (hit_a->collate_key, hit_b->collate_key);
  if (cmp != 0)
    return cmp;

  return (hit_a->id > hit_b->id) - (hit_a->id < hit_b->id);
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

/* Accent- and case-folded, for comparing what a person typed with what is stored. */
static char *
fold_text (const char *text)
{
  g_autofree char *stripped = strip_marks (text);

  return g_utf8_casefold (stripped, -1);
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

static gboolean
name_matches_words (const char *name,
                    GPtrArray  *folded_words)
{
  g_autofree char *folded_name = fold_text (name);
  g_autoptr(GPtrArray) name_words = split_words (folded_name, G_MAXUINT);

  for (guint i = 0; i < folded_words->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < name_words->len && !found; j++)
        found = g_str_has_prefix (g_ptr_array_index (name_words, j),
                                  g_ptr_array_index (folded_words, i));

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static char *
dup_search_body (RapportColleague *colleague)
{
  const char *parts[] = {
    rapport_colleague_get_role (colleague),
    rapport_colleague_get_specialty (colleague),
    rapport_colleague_get_organization (colleague),
    rapport_colleague_get_interests (colleague),
    rapport_colleague_get_notes (colleague),
    NULL,
  };

  return g_strjoinv ("\n", (char **) parts);
}

static gboolean
bind_text (sqlite3_stmt *stmt,
           int           param,
           const char   *text)
{
  return sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

static gboolean
bind_int64 (sqlite3_stmt *stmt,
            int           param,
            gint64        value)
{
  return sqlite3_bind_int64 (stmt, param, value) == SQLITE_OK;
}

/* Runs a statement that returns no rows, then leaves it reset and unbound so no copy of the
 * values stays around in the statement cache. */
static gboolean
step_done (RapportStore  *self,
           sqlite3_stmt  *stmt,
           gboolean       bound,
           GError       **error)
{
  int rc = bound ? sqlite3_step (stmt) : SQLITE_NOMEM;

  if (rc != SQLITE_DONE)
    rapport_database_set_error (self->database, rc, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
bind_colleague (sqlite3_stmt     *stmt,
                RapportColleague *colleague,
                const char       *birthday)
{
  RapportSupportKind kind = rapport_colleague_get_support_kind (colleague);

  return bind_text (stmt, PARAM_NAME, rapport_colleague_get_name (colleague))
      && bind_text (stmt, PARAM_ROLE, rapport_colleague_get_role (colleague))
      && bind_text (stmt, PARAM_SPECIALTY, rapport_colleague_get_specialty (colleague))
      && bind_text (stmt, PARAM_ORGANIZATION, rapport_colleague_get_organization (colleague))
      && bind_text (stmt, PARAM_PHONE, rapport_colleague_get_phone (colleague))
      && bind_text (stmt, PARAM_EMAIL, rapport_colleague_get_email (colleague))
      && bind_text (stmt, PARAM_MESSAGING, rapport_colleague_get_messaging (colleague))
      && bind_text (stmt, PARAM_INTERESTS, rapport_colleague_get_interests (colleague))
      && bind_text (stmt, PARAM_SUPPORT_KIND, rapport_support_kind_to_nick (kind))
      && bind_text (stmt, PARAM_BIRTHDAY, birthday)
      && bind_text (stmt, PARAM_NOTES, rapport_colleague_get_notes (colleague))
      && bind_int64 (stmt, PARAM_CADENCE_DAYS, rapport_colleague_get_cadence_days (colleague))
      && bind_int64 (stmt, PARAM_ARCHIVED, rapport_colleague_get_archived (colleague) ? 1 : 0);
}

static gboolean
check_colleague (RapportColleague  *colleague,
                 char             **birthday,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!rapport_colleague_validate (colleague, &local_error))
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }

  /* validate() accepted it, so this only normalises "MM-DD". */
  return rapport_validate_birthday (rapport_colleague_get_birthday (colleague), birthday);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                       _("This colleague is no longer in the journal. It may have been deleted; "
                         "look for them again in the list."));
}

static gboolean
index_remove (RapportStore  *self,
              SearchKind     kind,
              gint64         id,
              GError       **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = rapport_database_prepare (self->database, search_delete_sql, error)))
    return FALSE;

  return step_done (self, stmt, bind_int64 (stmt, 1, search_docid (kind, id)), error);
}

static gboolean
index_put (RapportStore  *self,
           SearchKind     kind,
           gint64         id,
           const char    *title,
           const char    *body,
           GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean bound;

  if (!index_remove (self, kind, id, error))
    return FALSE;

  if (!(stmt = rapport_database_prepare (self->database, search_insert_sql, error)))
    return FALSE;

  bound = bind_int64 (stmt, 1, search_docid (kind, id))
       && bind_text (stmt, 2, title)
       && bind_text (stmt, 3, body);

  return step_done (self, stmt, bound, error);
}

static gboolean
index_colleague (RapportStore      *self,
                 gint64             id,
                 RapportColleague  *colleague,
                 GError           **error)
{
  g_autofree char *body = dup_search_body (colleague);

  return index_put (self, SEARCH_KIND_COLLEAGUE, id,
                    rapport_colleague_get_name (colleague), body, error);
}

/* The INSERT for add (id 0: SQLite picks one) and restore (the old id). */
static gboolean
insert_colleague (RapportStore      *self,
                  RapportColleague  *colleague,
                  gint64             id,
                  const char        *birthday,
                  gint64             created_at,
                  gint64             updated_at,
                  gint64            *out_id,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean bound;

  if (!(stmt = rapport_database_prepare (self->database, insert_colleague_sql, error)))
    return FALSE;

  bound = (id > 0 ? bind_int64 (stmt, PARAM_ID, id)
                  : sqlite3_bind_null (stmt, PARAM_ID) == SQLITE_OK)
       && bind_colleague (stmt, colleague, birthday)
       && bind_int64 (stmt, PARAM_CREATED_AT, created_at)
       && bind_int64 (stmt, PARAM_UPDATED_AT, updated_at);

  if (!step_done (self, stmt, bound, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (rapport_database_get_handle (self->database));

  return index_colleague (self, *out_id, colleague, error);
}

static gboolean
commit_or_rollback (RapportStore  *self,
                    gboolean       ok,
                    GError       **error)
{
  if (ok && rapport_database_commit (self->database, error))
    return TRUE;

  rapport_database_rollback (self->database);

  return FALSE;
}

static int
compare_colleague_ids (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  gint64 id_a = rapport_colleague_get_id ((RapportColleague *) a);
  gint64 id_b = rapport_colleague_get_id ((RapportColleague *) b);

  return (id_a > id_b) - (id_a < id_b);
}

/* The model stays ordered by id, as a fresh load gives it: new ids are the largest, so an added
 * colleague lands at the end, and a restored one goes back where it was. */
static void
model_insert (RapportStore     *self,
              RapportColleague *colleague)
{
  gint64 *key = g_new (gint64, 1);

  *key = rapport_colleague_get_id (colleague);
  g_hash_table_replace (self->colleagues_by_id, key, g_object_ref (colleague));
  g_list_store_insert_sorted (self->colleagues, colleague, compare_colleague_ids, NULL);
}

static gboolean
load_colleagues (RapportStore  *self,
                 GError       **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_database_prepare (self->database, select_colleagues_sql, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportColleague *colleague = g_object_new (RAPPORT_TYPE_COLLEAGUE, NULL);
      gint64 *key = g_new (gint64, 1);
      RapportSupportKind kind;
      gint64 cadence_days;

      rapport_colleague_set_id (colleague, sqlite3_column_int64 (stmt, 0));
      rapport_colleague_set_name (colleague, (const char *) sqlite3_column_text (stmt, 1));
      rapport_colleague_set_role (colleague, (const char *) sqlite3_column_text (stmt, 2));
      rapport_colleague_set_specialty (colleague, (const char *) sqlite3_column_text (stmt, 3));
      rapport_colleague_set_organization (colleague, (const char *) sqlite3_column_text (stmt, 4));
      rapport_colleague_set_phone (colleague, (const char *) sqlite3_column_text (stmt, 5));
      rapport_colleague_set_email (colleague, (const char *) sqlite3_column_text (stmt, 6));
      rapport_colleague_set_messaging (colleague, (const char *) sqlite3_column_text (stmt, 7));
      rapport_colleague_set_interests (colleague, (const char *) sqlite3_column_text (stmt, 8));
      kind = rapport_support_kind_from_nick ((const char *) sqlite3_column_text (stmt, 9));
      rapport_colleague_set_support_kind (colleague, kind);
      rapport_colleague_set_birthday (colleague, (const char *) sqlite3_column_text (stmt, 10));
      rapport_colleague_set_notes (colleague, (const char *) sqlite3_column_text (stmt, 11));
      cadence_days = CLAMP (sqlite3_column_int64 (stmt, 12), 0, G_MAXUINT);
      rapport_colleague_set_cadence_days (colleague, (guint) cadence_days);
      rapport_colleague_set_archived (colleague, sqlite3_column_int64 (stmt, 13) != 0);
      rapport_colleague_set_created_at (colleague, sqlite3_column_int64 (stmt, 14));
      rapport_colleague_set_updated_at (colleague, sqlite3_column_int64 (stmt, 15));

      *key = rapport_colleague_get_id (colleague);
      g_hash_table_replace (self->colleagues_by_id, key, g_object_ref (colleague));
      g_ptr_array_add (loaded, colleague);
    }

  if (rc != SQLITE_DONE)
    {
      rapport_database_set_error (self->database, rc, error);
      sqlite3_reset (stmt);
      g_hash_table_remove_all (self->colleagues_by_id);
      return FALSE;
    }

  sqlite3_reset (stmt);
  g_list_store_splice (self->colleagues, 0, 0, loaded->pdata, loaded->len);

  return TRUE;
}

static void
rapport_store_dispose (GObject *object)
{
  RapportStore *self = (RapportStore *) object;

  g_clear_pointer (&self->colleagues_by_id, g_hash_table_unref);
  g_clear_object (&self->colleagues);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_store_parent_class)->dispose (object);
}

static void
rapport_store_class_init (RapportStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_store_dispose;

  /**
   * RapportStore::changed:
   *
   * Emitted after every write that committed, once the list models show it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
rapport_store_init (RapportStore *self)
{
  self->colleagues = g_list_store_new (RAPPORT_TYPE_COLLEAGUE);
  self->colleagues_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                  g_free, g_object_unref);
}

RapportStore *
rapport_store_new (RapportDatabase  *database,
                   GError          **error)
{
  g_autoptr(RapportStore) self = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->database = g_object_ref (database);

  if (!load_colleagues (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

RapportDatabase *
rapport_store_get_database (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return self->database;
}

GListModel *
rapport_store_get_colleagues (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->colleagues);
}

RapportColleague *
rapport_store_find_colleague (RapportStore *self,
                              gint64        id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return g_hash_table_lookup (self->colleagues_by_id, &id);
}

gboolean
rapport_store_add_colleague (RapportStore      *self,
                             RapportColleague  *colleague,
                             GError           **error)
{
  g_autofree char *birthday = NULL;
  gint64 now = now_seconds ();
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (colleague), FALSE);
  g_return_val_if_fail (rapport_colleague_get_id (colleague) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_colleague (colleague, &birthday, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = insert_colleague (self, colleague, 0, birthday, now, now, &id, error);

  if (!commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (colleague));
  rapport_colleague_set_id (colleague, id);
  rapport_colleague_set_birthday (colleague, birthday);
  rapport_colleague_set_created_at (colleague, now);
  rapport_colleague_set_updated_at (colleague, now);
  g_object_thaw_notify (G_OBJECT (colleague));

  model_insert (self, colleague);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
rapport_store_update_colleague (RapportStore      *self,
                                RapportColleague  *changes,
                                GError           **error)
{
  g_autoptr(RapportColleague) updated = NULL;
  g_autofree char *birthday = NULL;
  RapportColleague *item;
  sqlite3_stmt *stmt;
  gint64 id;
  gint64 now = now_seconds ();
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (changes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_colleague_get_id (changes);
  if (!(item = rapport_store_find_colleague (self, id)))
    {
      set_not_found (error);
      return FALSE;
    }

  if (!check_colleague (changes, &birthday, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, update_colleague_sql, error)) != NULL
    && step_done (self, stmt,
                  bind_int64 (stmt, PARAM_ID, id)
                  && bind_colleague (stmt, changes, birthday)
                  && bind_int64 (stmt, PARAM_UPDATED_AT, now),
                  error)
    && index_colleague (self, id, changes, error);

  if (!commit_or_rollback (self, ok, error))
    return FALSE;

  /* One assign, so each changed property is notified once; the creation time is the store's. */
  updated = rapport_colleague_dup (changes);
  rapport_colleague_set_birthday (updated, birthday);
  rapport_colleague_set_created_at (updated, rapport_colleague_get_created_at (item));
  rapport_colleague_set_updated_at (updated, now);
  rapport_colleague_assign (item, updated);

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
rapport_store_set_colleague_archived (RapportStore  *self,
                                      gint64         id,
                                      gboolean       archived,
                                      GError       **error)
{
  RapportColleague *item;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  archived = !!archived;

  if (!(item = rapport_store_find_colleague (self, id)))
    {
      set_not_found (error);
      return FALSE;
    }

  if (rapport_colleague_get_archived (item) == archived)
    return TRUE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, set_archived_sql, error)) != NULL
    && step_done (self, stmt,
                  bind_int64 (stmt, 1, id)
                  && bind_int64 (stmt, 2, archived ? 1 : 0)
                  && bind_int64 (stmt, 3, now),
                  error);

  if (!commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (item));
  rapport_colleague_set_archived (item, archived);
  rapport_colleague_set_updated_at (item, now);
  g_object_thaw_notify (G_OBJECT (item));

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
rapport_store_delete_colleague (RapportStore  *self,
                                gint64         id,
                                GError       **error)
{
  g_autoptr(RapportColleague) item = NULL;
  RapportColleague *found;
  sqlite3_stmt *stmt;
  guint position;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((found = rapport_store_find_colleague (self, id)) == NULL)
    {
      set_not_found (error);
      return FALSE;
    }

  /* Held across the removal: the model and the table each drop a reference. */
  item = g_object_ref (found);

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, delete_colleague_sql, error)) != NULL
    && step_done (self, stmt, bind_int64 (stmt, 1, id), error)
    && index_remove (self, SEARCH_KIND_COLLEAGUE, id, error);

  if (!commit_or_rollback (self, ok, error))
    return FALSE;

  if (g_list_store_find (self->colleagues, item, &position))
    g_list_store_remove (self->colleagues, position);
  g_hash_table_remove (self->colleagues_by_id, &id);

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
rapport_store_restore_colleague (RapportStore      *self,
                                 RapportColleague  *colleague,
                                 GError           **error)
{
  g_autofree char *birthday = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (colleague), FALSE);
  g_return_val_if_fail (rapport_colleague_get_id (colleague) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_colleague (colleague, &birthday, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  /* The id's PRIMARY KEY makes this fail when the id was taken meanwhile. */
  ok = insert_colleague (self, colleague, rapport_colleague_get_id (colleague), birthday,
                         rapport_colleague_get_created_at (colleague),
                         rapport_colleague_get_updated_at (colleague),
                         &id, error);

  if (!commit_or_rollback (self, ok, error))
    return FALSE;

  g_assert (id == rapport_colleague_get_id (colleague));
  rapport_colleague_set_birthday (colleague, birthday);

  model_insert (self, colleague);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

GArray *
rapport_store_search_colleagues (RapportStore  *self,
                                 const char    *query,
                                 GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) folded_words = NULL;
  g_autoptr(GString) match = NULL;
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&ids);

  /* Only letters and digits reach FTS, each as a lower-case prefix: no operator, quote or
   * column filter a person types can change the meaning of the query or make it fail. */
  stripped = strip_marks (query);
  words = split_words (stripped, SEARCH_MAX_WORDS);
  if (words->len == 0)
    return g_steal_pointer (&ids);

  match = g_string_new (NULL);
  folded_words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *lower = g_utf8_strdown (word, -1);

      if (i > 0)
        g_string_append_c (match, ' ');
      g_string_append (match, lower);
      g_string_append_c (match, '*');

      g_ptr_array_add (folded_words, g_utf8_casefold (word, -1));
    }

  if (!(stmt = rapport_database_prepare (self->database, search_colleagues_sql, error)))
    return NULL;

  if (!bind_text (stmt, 1, match->str))
    {
      rapport_database_set_error (self->database, SQLITE_NOMEM, error);
      return NULL;
    }

  hits = g_array_new (FALSE, FALSE, sizeof (SearchHit));
  g_array_set_clear_func (hits, search_hit_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0) / SEARCH_KIND_MODULUS;
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *folded_title = NULL;
      SearchHit hit;

      /* An entry whose row is gone would be a bug elsewhere; never hand out its id. */
      if (!g_hash_table_contains (self->colleagues_by_id, &id))
        continue;

      if (title == NULL)
        title = "";

      folded_title = fold_text (title);
      hit.id = id;
      hit.name_match = name_matches_words (title, folded_words);
      hit.collate_key = g_utf8_collate_key (folded_title, -1);
      g_array_append_val (hits, hit);
    }

  if (rc != SQLITE_DONE)
    {
      rapport_database_set_error (self->database, rc, error);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  g_array_sort (hits, search_hit_compare);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (ids, g_array_index (hits, SearchHit, i).id);

  return g_steal_pointer (&ids);
}

static void
add_timestamp_member (JsonBuilder *builder,
                      const char  *member,
                      gint64       seconds)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);

  json_builder_set_member_name (builder, member);
  if (date_time != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (date_time);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

char *
rapport_store_colleagues_to_json_lines (RapportStore *self)
{
  g_autoptr(JsonGenerator) generator = NULL;
  GString *lines;
  guint n_items;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, FALSE);

  lines = g_string_new (NULL);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->colleagues));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;
      RapportSupportKind kind;

      colleague = g_list_model_get_item (G_LIST_MODEL (self->colleagues), i);
      kind = rapport_colleague_get_support_kind (colleague);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, rapport_colleague_get_id (colleague));
      add_string_member (builder, "name", rapport_colleague_get_name (colleague));
      add_string_member (builder, "role", rapport_colleague_get_role (colleague));
      add_string_member (builder, "specialty", rapport_colleague_get_specialty (colleague));
      add_string_member (builder, "organization", rapport_colleague_get_organization (colleague));
      add_string_member (builder, "email", rapport_colleague_get_email (colleague));
      add_string_member (builder, "phone", rapport_colleague_get_phone (colleague));
      add_string_member (builder, "messaging", rapport_colleague_get_messaging (colleague));
      add_string_member (builder, "support_kind", rapport_support_kind_to_nick (kind));
      add_string_member (builder, "birthday", rapport_colleague_get_birthday (colleague));
      json_builder_set_member_name (builder, "cadence_days");
      json_builder_add_int_value (builder, rapport_colleague_get_cadence_days (colleague));
      json_builder_set_member_name (builder, "archived");
      json_builder_add_boolean_value (builder, rapport_colleague_get_archived (colleague));
      add_timestamp_member (builder, "created_at", rapport_colleague_get_created_at (colleague));
      add_timestamp_member (builder, "updated_at", rapport_colleague_get_updated_at (colleague));
      add_string_member (builder, "interests", rapport_colleague_get_interests (colleague));
      add_string_member (builder, "notes", rapport_colleague_get_notes (colleague));
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);

      g_string_append (lines, line);
      g_string_append_c (lines, '\n');
    }

  return g_string_free (lines, FALSE);
}
