/* rapport-import.c
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

#define G_LOG_DOMAIN "rapport-import"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import.h"
#include "rapport-store-private.h"

/* The largest file an import reads: far above any real address book, and it keeps a mistaken
 * choice (a video, a disk image) from filling memory. */
#define MAX_FILE_SIZE (256 * 1024 * 1024)
/* How often a running import reports progress and looks at its cancellable. */
#define PROGRESS_INTERVAL_USEC (50 * 1000)
#define ROWS_PER_CHECK 64

struct _RapportImport
{
  GObject       parent_instance;

  RapportStore *store;
  GPtrArray    *cards;       /* RapportColleague, unsaved */
  GPtrArray    *card_keys;   /* GStrv per card: what finds its duplicates */
  GPtrArray    *matches;     /* RapportColleague (the journal's item) or NULL, per card */
  GArray       *actions;     /* RapportImportAction per card */
  GPtrArray    *problems;    /* RapportVCardProblem */
  guint         n_duplicates;
  gboolean      busy;
  gboolean      ran;
};

G_DEFINE_FINAL_TYPE (RapportImport, rapport_import, G_TYPE_OBJECT)

/* A colleague already in the journal, as the loading thread sees it. */
typedef struct
{
  gint64  id;
  GStrv   keys;
} Existing;

typedef struct
{
  GFile      *file;
  char       *data;
  gsize       length;
  GArray     *existing;    /* Existing */
  /* Results */
  GPtrArray  *cards;
  GPtrArray  *card_keys;
  GPtrArray  *problems;
  GArray     *match_ids;   /* gint64 per card, 0 for none */
} LoadData;

/* What a run writes: filled on the main thread (actions, working copies of the journal's items),
 * completed and written by the worker, applied to the models on the main thread. */
typedef struct
{
  GPtrArray                *cards;       /* shared with the import, read only while running */
  GPtrArray                *card_keys;
  GArray                   *actions;
  GArray                   *match_ids;   /* gint64 per card: the journal's match, or 0 */
  GPtrArray                *copies;      /* working copy per card merged into the journal, or NULL */
  gint64                    first_id;
  gint64                    now;
  /* Results */
  GPtrArray                *added;       /* new RapportColleague with ids */
  GPtrArray                *added_birthdays;
  GPtrArray                *merged;      /* distinct working copies that changed */
  RapportStoreImportCounts  counts;
  /* Progress, posted to the caller's main context */
  RapportDatabase          *database;    /* the store's, to open another connection from */
  GMainContext             *context;
  RapportImportProgressFunc progress;
  gpointer                  progress_data;
  GDestroyNotify            progress_data_free;
  /* Set on the main context when the run has finished: progress still queued is dropped. */
  gboolean                  finished;
} RunData;

typedef struct
{
  RunData *run;
  guint    done;
  guint    total;
} ProgressUpdate;

static void
existing_clear (gpointer data)
{
  Existing *existing = data;

  g_strfreev (existing->keys);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_free (data->data);
  g_clear_pointer (&data->existing, g_array_unref);
  g_clear_pointer (&data->cards, g_ptr_array_unref);
  g_clear_pointer (&data->card_keys, g_ptr_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_clear_pointer (&data->match_ids, g_array_unref);
  g_free (data);
}

static void
run_data_clear (gpointer mem)
{
  RunData *data = mem;

  g_clear_pointer (&data->cards, g_ptr_array_unref);
  g_clear_pointer (&data->card_keys, g_ptr_array_unref);
  g_clear_pointer (&data->actions, g_array_unref);
  g_clear_pointer (&data->match_ids, g_array_unref);
  g_clear_pointer (&data->copies, g_ptr_array_unref);
  g_clear_pointer (&data->added, g_ptr_array_unref);
  g_clear_pointer (&data->added_birthdays, g_ptr_array_unref);
  g_clear_pointer (&data->merged, g_ptr_array_unref);
  g_clear_object (&data->database);
  g_clear_pointer (&data->context, g_main_context_unref);
  if (data->progress_data_free != NULL)
    data->progress_data_free (data->progress_data);
}

static void
run_data_unref (RunData *data)
{
  g_atomic_rc_box_release_full (data, run_data_clear);
}

static void
object_unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* The name with case, accents and spacing ignored. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = rapport_store_fold_text (name);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\r\n", -1);
  GString *key = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, words[i]);
    }

  return g_string_free (key, FALSE);
}

static char *
phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone != NULL ? phone : ""; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

/* What finds a duplicate: "e:" the email, case-insensitive; "p:" the phone's digits, the last ten
 * when there are that many (a country prefix is written by some address books and not by
 * others); "n:" the name, case, accents and spacing ignored. */
static GStrv
dup_keys (const char *name,
          const char *email,
          const char *phone)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *digits = phone_digits (phone);
  g_autofree char *folded_name = name_key (name);
  gsize n_digits = strlen (digits);

  if (!is_empty (email))
    {
      g_autofree char *down = g_ascii_strdown (email, -1);
      g_autofree char *key = g_strconcat ("e:", down, NULL);

      g_strv_builder_add (builder, key);
    }

  if (n_digits > 0)
    {
      g_autofree char *key = g_strconcat ("p:", n_digits >= 10 ? digits + n_digits - 10 : digits,
                                          NULL);

      g_strv_builder_add (builder, key);
    }

  if (folded_name[0] != '\0')
    {
      g_autofree char *key = g_strconcat ("n:", folded_name, NULL);

      g_strv_builder_add (builder, key);
    }

  return g_strv_builder_end (builder);
}

static GStrv
dup_colleague_keys (RapportColleague *colleague)
{
  return dup_keys (rapport_colleague_get_name (colleague),
                   rapport_colleague_get_email (colleague),
                   rapport_colleague_get_phone (colleague));
}

/* Fills target's empty fields from card; what the person wrote is never replaced. */
static void
fill_empty (RapportColleague *target,
            RapportColleague *card)
{
#define FILL(field) \
  if (is_empty (rapport_colleague_get_##field (target)) \
      && !is_empty (rapport_colleague_get_##field (card))) \
    rapport_colleague_set_##field (target, rapport_colleague_get_##field (card))

  FILL (role);
  FILL (specialty);
  FILL (organization);
  FILL (phone);
  FILL (email);
  FILL (messaging);
  FILL (interests);
  FILL (birthday);
  FILL (notes);
  FILL (raw_vcard);
#undef FILL

  if (rapport_colleague_get_photo (target) == NULL && rapport_colleague_get_photo (card) != NULL)
    rapport_colleague_set_photo (target, rapport_colleague_get_photo (card));
}

/* The journal's colleagues as plain values, for a thread that must not touch the models. */
static GArray *
snapshot_existing (RapportStore *store)
{
  GListModel *model = rapport_store_get_colleagues (store);
  guint n_items = g_list_model_get_n_items (model);
  GArray *existing = g_array_sized_new (FALSE, FALSE, sizeof (Existing), n_items);

  g_array_set_clear_func (existing, existing_clear);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);
      Existing entry = {
        .id = rapport_colleague_get_id (colleague),
        .keys = dup_colleague_keys (colleague),
      };

      g_array_append_val (existing, entry);
    }

  return existing;
}

/* Finds each card's duplicate among the journal's colleagues. No model is touched, so this
 * runs on any thread. */
static void
load_match (LoadData *data)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  data->card_keys = g_ptr_array_new_full (data->cards->len, (GDestroyNotify) g_strfreev);
  data->match_ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), data->cards->len);

  for (guint i = 0; i < data->existing->len; i++)
    {
      Existing *entry = &g_array_index (data->existing, Existing, i);

      for (guint k = 0; entry->keys[k] != NULL; k++)
        if (!g_hash_table_contains (index, entry->keys[k]))
          g_hash_table_insert (index, entry->keys[k], entry);
    }

  for (guint i = 0; i < data->cards->len; i++)
    {
      GStrv keys = dup_colleague_keys (g_ptr_array_index (data->cards, i));
      Existing *match = NULL;

      for (guint k = 0; match == NULL && keys[k] != NULL; k++)
        match = g_hash_table_lookup (index, keys[k]);

      g_ptr_array_add (data->card_keys, keys);
      g_array_append_val (data->match_ids, (gint64) { match != NULL ? match->id : 0 });
    }
}

static void
load_parse_and_match (LoadData *data)
{
  data->cards = rapport_vcard_parse (data->data, data->length, &data->problems);
  load_match (data);
}

static gboolean
read_file (LoadData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL)
    name = g_strdup (g_file_info_get_display_name (info));
  else
    name = g_file_get_parse_name (data->file);

  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is larger than 256 MB, far larger than any address book. Choose the "
                     "vCard file (.vcf) that holds your contacts."), name);
      return FALSE;
    }

  if (local_error == NULL)
    g_file_load_contents (data->file, cancellable, &data->data, &data->length, NULL, &local_error);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("“%s” could not be read (%s). Check that the file is still there and that "
                       "you may open it."), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  if (!read_file (data, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  load_parse_and_match (data);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, TRUE);
}

static gboolean
check_idle (RapportImport  *self,
            GError        **error)
{
  if (self->busy || self->ran)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("This import is already running or has run; start a new one."));
      return FALSE;
    }

  return TRUE;
}

/* Takes the results of a load: the matches become the journal's items (a colleague deleted since
 * the load matches nothing), duplicates default to merge, the rest to add. */
static gboolean
take_load (RapportImport  *self,
           LoadData       *data,
           GError        **error)
{
  if (data->cards->len == 0 && data->problems->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file holds no contact cards. Choose a vCard file (.vcf), as "
                             "address books and phones export them."));
      return FALSE;
    }

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->card_keys, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_ptr_array_set_size (self->matches, 0);
  g_array_set_size (self->actions, 0);
  self->n_duplicates = 0;

  self->cards = g_steal_pointer (&data->cards);
  self->card_keys = g_steal_pointer (&data->card_keys);
  self->problems = g_steal_pointer (&data->problems);

  for (guint i = 0; i < self->cards->len; i++)
    {
      gint64 id = g_array_index (data->match_ids, gint64, i);
      RapportColleague *match = id != 0 ? rapport_store_find_colleague (self->store, id) : NULL;
      RapportImportAction action = match != NULL ? RAPPORT_IMPORT_ACTION_MERGE
                                                 : RAPPORT_IMPORT_ACTION_ADD;

      g_ptr_array_add (self->matches, match != NULL ? g_object_ref (match) : NULL);
      g_array_append_val (self->actions, action);
      if (match != NULL)
        self->n_duplicates++;
    }

  return TRUE;
}

static LoadData *
load_data_new (RapportImport *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->existing = snapshot_existing (self->store);

  return data;
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (!update->run->finished)
    update->run->progress (update->done, update->total, update->run->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  run_data_unref (update->run);
  g_free (update);
}

static void
post_progress (RunData *data,
               guint    done,
               guint    total)
{
  ProgressUpdate *update = g_new (ProgressUpdate, 1);

  update->run = g_atomic_rc_box_acquire (data);
  update->done = done;
  update->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb, update,
                              progress_update_free);
}

/* Run: decides every card and writes the rows. Touches no model: runs on the worker. */
static gboolean
write_rows (RunData       *data,
            RapportStore  *writer,
            GCancellable  *cancellable,
            GError       **error)
{
  /* A key → the new colleague or working copy that a later card of the file merges into. */
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) merged_set = g_hash_table_new (NULL, NULL);
  RapportDatabase *database = rapport_store_get_database (writer);
  gint64 last_report = g_get_monotonic_time ();
  gboolean ok = TRUE;

  data->added = g_ptr_array_new_with_free_func (g_object_unref);
  data->added_birthdays = g_ptr_array_new_with_free_func (g_free);
  data->merged = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < data->cards->len; i++)
    {
      RapportColleague *card = g_ptr_array_index (data->cards, i);
      GStrv keys = g_ptr_array_index (data->card_keys, i);
      RapportImportAction action = g_array_index (data->actions, RapportImportAction, i);
      RapportColleague *target = g_ptr_array_index (data->copies, i);
      g_autofree char *birthday = NULL;

      if (action == RAPPORT_IMPORT_ACTION_SKIP
          || !rapport_store_check_colleague (card, &birthday, NULL))
        {
          data->counts.skipped++;
          continue;
        }

      /* A card of the file that repeats an earlier one fills the same colleague, unless the
       * person chose to add this one although it matches someone in the journal. */
      if (g_array_index (data->match_ids, gint64, i) == 0)
        for (guint k = 0; target == NULL && keys[k] != NULL; k++)
          target = g_hash_table_lookup (index, keys[k]);

      if (target != NULL)
        {
          /* The store leaves photos and imported cards in the journal until asked: a copy of a
           * colleague in the journal reads its own first, or every photo would look missing. */
          if (!rapport_store_ensure_colleague_card (writer, target, error))
            return FALSE;

          fill_empty (target, card);
          /* New colleagues have no id yet; working copies of the journal's items have theirs. */
          if (rapport_colleague_get_id (target) != 0 && !g_hash_table_contains (merged_set, target))
            {
              g_hash_table_add (merged_set, target);
              g_ptr_array_add (data->merged, g_object_ref (target));
            }
          data->counts.merged++;
        }
      else
        {
          target = rapport_colleague_dup (card);
          rapport_colleague_set_id (target, 0);
          rapport_colleague_set_birthday (target, birthday);
          g_ptr_array_add (data->added, target);
          data->counts.imported++;
        }

      for (guint k = 0; keys[k] != NULL; k++)
        if (!g_hash_table_contains (index, keys[k]))
          g_hash_table_insert (index, g_strdup (keys[k]), target);
    }

  if (data->added->len == 0 && data->merged->len == 0)
    return TRUE;

  if (!rapport_database_begin (database, error))
    return FALSE;

  for (guint i = 0; ok && i < data->added->len + data->merged->len; i++)
    {
      gboolean insert = i < data->added->len;
      RapportColleague *colleague = insert ? g_ptr_array_index (data->added, i)
                                           : g_ptr_array_index (data->merged, i - data->added->len);
      g_autofree char *birthday = NULL;

      if (insert)
        rapport_colleague_set_id (colleague, data->first_id + i);

      /* A merge may have filled in a combination that is not valid: check again. */
      ok = rapport_store_check_colleague (colleague, &birthday, error)
        && rapport_store_write_colleague_row (writer, colleague, birthday, insert, data->now, error);

      if (ok)
        {
          rapport_colleague_set_birthday (colleague, birthday);
          if (insert)
            g_ptr_array_add (data->added_birthdays, g_steal_pointer (&birthday));
        }

      if (ok && i % ROWS_PER_CHECK == ROWS_PER_CHECK - 1)
        {
          gint64 now = g_get_monotonic_time ();

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          else if (data->progress != NULL && now - last_report >= PROGRESS_INTERVAL_USEC)
            {
              last_report = now;
              post_progress (data, i + 1, data->added->len + data->merged->len);
            }
        }
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  if (!ok)
    {
      rapport_database_rollback (database);
      return FALSE;
    }

  /* A failed COMMIT (a full disk) may leave the transaction open. */
  if (!rapport_database_commit (database, error))
    {
      rapport_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/* Main thread: the choices as they are now, and a working copy of each journal item a card
 * merges into (one copy per item, shared by every card that merges into it). */
static RunData *
run_data_new (RapportImport  *self,
              GError        **error)
{
  RunData *data = g_atomic_rc_box_new0 (RunData);
  g_autoptr(GHashTable) copies = g_hash_table_new (NULL, NULL);

  data->cards = g_ptr_array_ref (self->cards);
  data->card_keys = g_ptr_array_ref (self->card_keys);
  data->actions = g_array_copy (self->actions);
  data->match_ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), self->cards->len);
  data->copies = g_ptr_array_new_full (self->cards->len, object_unref_nullable);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  data->database = g_object_ref (rapport_store_get_database (self->store));

  for (guint i = 0; i < self->cards->len; i++)
    {
      RapportColleague *match = g_ptr_array_index (self->matches, i);
      RapportColleague *copy = NULL;
      gint64 match_id = 0;

      /* A match deleted since the load is gone from the journal: the card is new again. */
      if (match != NULL && rapport_store_find_colleague (self->store,
                                                         rapport_colleague_get_id (match)) == match)
        match_id = rapport_colleague_get_id (match);

      if (match_id != 0 && g_array_index (data->actions, RapportImportAction, i)
                           == RAPPORT_IMPORT_ACTION_MERGE)
        {
          copy = g_hash_table_lookup (copies, match);
          if (copy == NULL)
            {
              copy = rapport_colleague_dup (match);
              g_hash_table_insert (copies, match, copy);
            }
          else
            {
              g_object_ref (copy);
            }
        }
      else if (g_array_index (data->actions, RapportImportAction, i)
               == RAPPORT_IMPORT_ACTION_MERGE)
        {
          g_array_index (data->actions, RapportImportAction, i) = RAPPORT_IMPORT_ACTION_ADD;
        }

      g_array_append_val (data->match_ids, match_id);
      g_ptr_array_add (data->copies, copy);
    }

  /* Every card may become a new colleague: their ids are set aside now, on the main thread,
   * so nothing else in the journal is given one of them meanwhile. */
  if (!rapport_store_reserve_ids (self->store, RAPPORT_ITEM_KIND_COLLEAGUE, self->cards->len,
                                  &data->first_id, error))
    {
      run_data_unref (data);
      return NULL;
    }

  return data;
}

/* Main thread, after the commit: the models take what was written. */
static void
apply_run (RapportImport *self,
           RunData       *data)
{
  for (guint i = 0; i < data->added->len; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (data->added, i);

      rapport_colleague_set_created_at (colleague, data->now);
      rapport_colleague_set_updated_at (colleague, data->now);
      rapport_colleague_set_last_interaction_at (colleague, 0);
      rapport_store_add_written_colleague (self->store, colleague);
    }

  for (guint i = 0; i < data->merged->len; i++)
    {
      RapportColleague *copy = g_ptr_array_index (data->merged, i);

      rapport_colleague_set_updated_at (copy, data->now);
      rapport_store_update_written_colleague (self->store, copy);
    }

  if (data->added->len > 0 || data->merged->len > 0)
    rapport_store_emit_changed (self->store);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) writer = NULL;
  GError *error = NULL;

  database = rapport_database_open_another (data->database, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  writer = rapport_store_new_for_writing (database);
  if (!write_rows (data, writer, cancellable, &error))
    {
      rapport_database_close (database);
      g_task_return_error (task, error);
      return;
    }

  rapport_database_close (database);
  g_task_return_boolean (task, TRUE);
}

static void
rapport_import_finalize (GObject *object)
{
  RapportImport *self = (RapportImport *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->card_keys, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_import_parent_class)->finalize (object);
}

static void
rapport_import_class_init (RapportImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_import_finalize;
}

static void
rapport_import_init (RapportImport *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->card_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->matches = g_ptr_array_new_with_free_func (object_unref_nullable);
  self->actions = g_array_new (FALSE, FALSE, sizeof (RapportImportAction));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_problem_free);
}

RapportImport *
rapport_import_new (RapportStore *store)
{
  RapportImport *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);

  return self;
}

RapportStore *
rapport_import_get_store (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);

  return self->store;
}

void
rapport_import_load_file_async (RapportImport       *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  LoadData *data;

  g_return_if_fail (RAPPORT_IS_IMPORT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_load_file_async);

  if (!check_idle (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = load_data_new (self);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  self->busy = TRUE;
  g_task_run_in_thread (task, load_thread);
}

gboolean
rapport_import_load_file_finish (RapportImport  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Refused before it started: the import that is busy stays so. */
  if (g_task_get_task_data (task) == NULL)
    return g_task_propagate_boolean (task, error);

  self->busy = FALSE;
  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  return take_load (self, g_task_get_task_data (task), error);
}

gboolean
rapport_import_load_data (RapportImport  *self,
                          const char     *data,
                          gsize           length,
                          GError        **error)
{
  LoadData *load;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_idle (self, error))
    return FALSE;

  load = load_data_new (self);
  load->data = g_memdup2 (data, length);
  load->length = length;
  load_parse_and_match (load);
  ok = take_load (self, load, error);
  load_data_free (load);

  return ok;
}

void
rapport_import_load_colleagues (RapportImport *self,
                                GPtrArray     *colleagues)
{
  LoadData *load;

  g_return_if_fail (RAPPORT_IS_IMPORT (self));
  g_return_if_fail (colleagues != NULL);
  g_return_if_fail (!self->busy && !self->ran);

  load = load_data_new (self);
  load->cards = g_ptr_array_new_full (colleagues->len, g_object_unref);
  load->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_problem_free);
  for (guint i = 0; i < colleagues->len; i++)
    {
      RapportColleague *card = rapport_colleague_dup (g_ptr_array_index (colleagues, i));

      rapport_colleague_set_id (card, 0);
      g_ptr_array_add (load->cards, card);
    }
  load_match (load);
  /* Only a file without any card fails, and these are cards. */
  take_load (self, load, NULL);
  load_data_free (load);
}

guint
rapport_import_get_n_cards (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), 0);

  return self->cards != NULL ? self->cards->len : 0;
}

RapportColleague *
rapport_import_get_card (RapportImport *self,
                         guint          index)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);
  g_return_val_if_fail (index < rapport_import_get_n_cards (self), NULL);

  return g_ptr_array_index (self->cards, index);
}

RapportColleague *
rapport_import_get_match (RapportImport *self,
                          guint          index)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);
  g_return_val_if_fail (index < rapport_import_get_n_cards (self), NULL);

  return g_ptr_array_index (self->matches, index);
}

guint
rapport_import_get_n_duplicates (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), 0);

  return self->n_duplicates;
}

RapportImportAction
rapport_import_get_action (RapportImport *self,
                           guint          index)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), RAPPORT_IMPORT_ACTION_SKIP);
  g_return_val_if_fail (index < rapport_import_get_n_cards (self), RAPPORT_IMPORT_ACTION_SKIP);

  return g_array_index (self->actions, RapportImportAction, index);
}

void
rapport_import_set_action (RapportImport       *self,
                           guint                index,
                           RapportImportAction  action)
{
  g_return_if_fail (RAPPORT_IS_IMPORT (self));
  g_return_if_fail (index < rapport_import_get_n_cards (self));
  g_return_if_fail (action != RAPPORT_IMPORT_ACTION_MERGE
                    || g_ptr_array_index (self->matches, index) != NULL);
  g_return_if_fail (!self->busy && !self->ran);

  g_array_index (self->actions, RapportImportAction, index) = action;
}

void
rapport_import_set_duplicates_action (RapportImport       *self,
                                      RapportImportAction  action)
{
  g_return_if_fail (RAPPORT_IS_IMPORT (self));
  g_return_if_fail (!self->busy && !self->ran);

  for (guint i = 0; i < rapport_import_get_n_cards (self); i++)
    if (g_ptr_array_index (self->matches, i) != NULL)
      g_array_index (self->actions, RapportImportAction, i) = action;
}

GPtrArray *
rapport_import_get_problems (RapportImport *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), NULL);

  return self->problems;
}

void
rapport_import_run_async (RapportImport             *self,
                          RapportImportProgressFunc  progress,
                          gpointer                   progress_data,
                          GDestroyNotify             progress_data_free,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  RunData *data;

  g_return_if_fail (RAPPORT_IS_IMPORT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_run_async);

  if (!check_idle (self, &error) || (data = run_data_new (self, &error)) == NULL)
    {
      if (progress_data_free != NULL)
        progress_data_free (progress_data);
      g_task_return_error (task, error);
      return;
    }

  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_unref);
  self->busy = TRUE;
  g_task_run_in_thread (task, run_thread);
}

gboolean
rapport_import_run_finish (RapportImport             *self,
                           GAsyncResult              *result,
                           RapportStoreImportCounts  *counts,
                           GError                   **error)
{
  GTask *task = G_TASK (result);
  RunData *data;

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (task);
  if (data == NULL)
    return g_task_propagate_boolean (task, error);

  data->finished = TRUE;
  self->busy = FALSE;
  self->ran = TRUE;

  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  apply_run (self, data);
  if (counts != NULL)
    *counts = data->counts;

  return TRUE;
}

gboolean
rapport_import_run (RapportImport             *self,
                    RapportStoreImportCounts  *counts,
                    GError                   **error)
{
  RunData *data;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_idle (self, error) || (data = run_data_new (self, error)) == NULL)
    return FALSE;

  self->ran = TRUE;
  ok = write_rows (data, self->store, NULL, error);
  if (ok)
    {
      apply_run (self, data);
      if (counts != NULL)
        *counts = data->counts;
    }

  run_data_unref (data);

  return ok;
}

char *
rapport_import_describe_counts (const RapportStoreImportCounts *counts)
{
  g_autofree char *imported = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *skipped = NULL;

  g_return_val_if_fail (counts != NULL, NULL);

  /* Each count is a message of its own, so that every language can agree its word with the
   * number. */
  /* Translators: the first part of an import's summary, "Imported 3, merged 1, skipped 0";
   * the number counts cards (contacts) */
  imported = g_strdup_printf (ngettext ("Imported %u", "Imported %u", counts->imported),
                              counts->imported);
  /* Translators: the second part of an import's summary: cards merged into colleagues who were
   * already in the journal */
  merged = g_strdup_printf (ngettext ("merged %u", "merged %u", counts->merged), counts->merged);
  /* Translators: the last part of an import's summary: cards that were not imported */
  skipped = g_strdup_printf (ngettext ("skipped %u", "skipped %u", counts->skipped),
                             counts->skipped);

  /* Translators: joins the three parts of an import's summary: imported, merged, skipped */
  return g_strdup_printf (_("%s, %s, %s"), imported, merged, skipped);
}
