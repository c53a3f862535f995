/* rapport-store-vcard.c
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
#define G_LOG_DOMAIN "rapport-store-vcard"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import.h"
#include "rapport-store-private.h"

/* The store's vCard side: colleagues out to a file, and (see rapport-import.c) cards in. */

/* From this many colleagues on, their links to assignments are read in one query rather than
 * one query per card: an export of thousands spent most of its time in those queries. */
#define LINKS_IN_ONE_QUERY_FROM 64

static const char select_all_colleague_assignments_sql[] =
  "SELECT colleague_id, assignment_id FROM colleague_assignment"
  " ORDER BY colleague_id, assignment_id";

/* The same holds for their photos and imported cards. */
static const char select_colleague_cards_sql[] =
  "SELECT colleague_id, photo, raw_vcard FROM colleague_card ORDER BY colleague_id";

typedef struct
{
  gint64 colleague_id;
  gint64 assignment_id;
} Link;

typedef struct
{
  RapportStore *store;
  GArray       *links;      /* Link, sorted; NULL: ask the store for each colleague */
  GHashTable   *names;      /* assignment id (gint64 *) → its category */
} CategoriesData;

static void
categories_data_clear (CategoriesData *data)
{
  g_clear_pointer (&data->links, g_array_unref);
  g_clear_pointer (&data->names, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CategoriesData, categories_data_clear)

static GArray *
read_all_links (RapportStore  *self,
                GError       **error)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_database_prepare (self->database, select_all_colleague_assignments_sql,
                                         error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Link link = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (links, link);
    }

  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&links);
}

/* The assignment ids of one colleague, in id order, as rapport_store_dup_colleague_assignment_ids
 * gives them. */
static GArray *
dup_assignment_ids (CategoriesData *data,
                    gint64          colleague_id)
{
  Link *links;
  guint low = 0;
  guint high;
  GArray *ids;

  if (data->links == NULL)
    return rapport_store_dup_colleague_assignment_ids (data->store, colleague_id);

  links = (Link *) (gpointer) data->links->data;
  high = data->links->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (links[middle].colleague_id < colleague_id)
        low = middle + 1;
      else
        high = middle;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = low; i < data->links->len && links[i].colleague_id == colleague_id; i++)
    g_array_append_val (ids, links[i].assignment_id);

  return ids;
}

/* "Facility · Unit", or the facility alone; NULL when there is no such assignment. */
static const char *
get_category (CategoriesData *data,
              gint64          assignment_id)
{
  RapportAssignment *assignment;
  const char *name;
  const char *unit;

  name = g_hash_table_lookup (data->names, &assignment_id);
  if (name != NULL)
    return name;

  assignment = rapport_store_find_assignment (data->store, assignment_id);
  if (assignment == NULL)
    return NULL;

  unit = rapport_assignment_get_unit (assignment);
  if (unit != NULL && *unit != '\0')
    name = g_strdup_printf ("%s · %s", rapport_assignment_get_facility (assignment), unit);
  else
    name = g_strdup (rapport_assignment_get_facility (assignment));

  g_hash_table_insert (data->names, g_memdup2 (&assignment_id, sizeof assignment_id),
                       (char *) name);

  return name;
}

/* "Facility · Unit" for each assignment the colleague is linked to: the card's CATEGORIES. */
static GStrv
dup_colleague_categories (RapportColleague *colleague,
                          gpointer          user_data)
{
  CategoriesData *data = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  ids = dup_assignment_ids (data, rapport_colleague_get_id (colleague));
  if (ids == NULL || ids->len == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < ids->len; i++)
    {
      const char *name = get_category (data, g_array_index (ids, gint64, i));

      if (name != NULL)
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

/* A colleague whose card is read for the writing, and where it goes. */
typedef struct
{
  gint64 id;
  guint  index;
} Wanted;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *wanted_a = a;
  const Wanted *wanted_b = b;

  if (wanted_a->id != wanted_b->id)
    return wanted_a->id < wanted_b->id ? -1 : 1;

  return (wanted_a->index > wanted_b->index) - (wanted_a->index < wanted_b->index);
}

/* A copy of colleague with the card of the row stmt is on (photo, raw_vcard in columns 1, 2),
 * made without the notifications of rapport_colleague_dup: an export makes thousands. */
static RapportColleague *
copy_with_card (RapportColleague *colleague,
                sqlite3_stmt     *stmt)
{
  RapportColleagueCardParts parts = rapport_colleague_get_card_read (colleague);
  GBytes *own_photo = rapport_colleague_get_photo (colleague);
  RapportColleagueFields fields = {
    .id = rapport_colleague_get_id (colleague),
    .name = rapport_colleague_get_name (colleague),
    .role = rapport_colleague_get_role (colleague),
    .specialty = rapport_colleague_get_specialty (colleague),
    .organization = rapport_colleague_get_organization (colleague),
    .phone = rapport_colleague_get_phone (colleague),
    .email = rapport_colleague_get_email (colleague),
    .messaging = rapport_colleague_get_messaging (colleague),
    .interests = rapport_colleague_get_interests (colleague),
    .support_kind = rapport_colleague_get_support_kind (colleague),
    .birthday = rapport_colleague_get_birthday (colleague),
    .notes = rapport_colleague_get_notes (colleague),
    .cadence_days = rapport_colleague_get_cadence_days (colleague),
    .archived = rapport_colleague_get_archived (colleague),
    .created_at = rapport_colleague_get_created_at (colleague),
    .updated_at = rapport_colleague_get_updated_at (colleague),
    .last_interaction_at = rapport_colleague_get_last_interaction_at (colleague),
    .raw_vcard = rapport_colleague_get_raw_vcard (colleague),
  };

  /* A part the colleague has read is newer than the journal's. */
  if (own_photo != NULL)
    fields.photo = g_bytes_get_data (own_photo, &fields.photo_size);
  if ((parts & RAPPORT_COLLEAGUE_CARD_PHOTO) == 0 && sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
    {
      fields.photo = sqlite3_column_blob (stmt, 1);
      fields.photo_size = sqlite3_column_bytes (stmt, 1);
    }
  if ((parts & RAPPORT_COLLEAGUE_CARD_RAW_VCARD) == 0)
    fields.raw_vcard = (const char *) sqlite3_column_text (stmt, 2);

  return rapport_colleague_new_with_fields (&fields);
}

/* Each colleague's card is read from the journal into a copy, which takes the colleague's place
 * in colleagues for the writing; copies keeps them, so nothing stays on the store's items. */
static gboolean
read_cards (RapportStore  *self,
            GPtrArray     *colleagues,
            GPtrArray     *copies,
            GError       **error)
{
  g_autoptr(GArray) wanted = NULL;
  sqlite3_stmt *stmt;
  guint next = 0;
  int rc = SQLITE_DONE;

  if (colleagues->len < LINKS_IN_ONE_QUERY_FROM)
    {
      for (guint i = 0; i < colleagues->len; i++)
        {
          RapportColleague *copy;

          if (rapport_colleague_get_card_read (colleagues->pdata[i]) == RAPPORT_COLLEAGUE_CARD_ALL)
            continue;

          copy = rapport_colleague_dup (colleagues->pdata[i]);
          g_ptr_array_add (copies, copy);
          if (!rapport_store_ensure_colleague_card (self, copy, error))
            return FALSE;
          colleagues->pdata[i] = copy;
        }

      return TRUE;
    }

  /* In id order, like the rows: one pass over both. */
  wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  for (guint i = 0; i < colleagues->len; i++)
    {
      Wanted entry = { rapport_colleague_get_id (colleagues->pdata[i]), i };

      if (rapport_colleague_get_card_read (colleagues->pdata[i]) != RAPPORT_COLLEAGUE_CARD_ALL)
        g_array_append_val (wanted, entry);
    }

  if (wanted->len == 0)
    return TRUE;

  g_array_sort (wanted, compare_wanted);

  if (!(stmt = rapport_database_prepare (self->database, select_colleague_cards_sql, error)))
    return FALSE;

  /* A colleague without a row has neither: the item itself writes the same card. */
  while (next < wanted->len && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      RapportColleague *copy = NULL;

      while (next < wanted->len && g_array_index (wanted, Wanted, next).id < id)
        next++;

      for (; next < wanted->len && g_array_index (wanted, Wanted, next).id == id; next++)
        {
          guint index = g_array_index (wanted, Wanted, next).index;

          if (copy == NULL)
            {
              copy = copy_with_card (colleagues->pdata[index], stmt);
              g_ptr_array_add (copies, copy);
            }
          colleagues->pdata[index] = copy;
        }
    }

  /* Rows after the last colleague wanted are not read. */
  return rapport_store_finish_rows (self, stmt, next < wanted->len ? rc : SQLITE_DONE, error);
}

/* cards_required: fail when the photos and cards cannot be read, rather than leave them out. */
static char *
colleagues_to_vcard (RapportStore            *self,
                     GArray                  *ids,
                     RapportVCardVersion      version,
                     RapportVCardWriteFlags   flags,
                     gboolean                 cards_required,
                     GError                 **error)
{
  /* The store's items, alive as long as the store: no references needed while writing. */
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(CategoriesData) data = { 0 };

  if (ids != NULL)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          RapportColleague *colleague =
            rapport_store_find_colleague (self, g_array_index (ids, gint64, i));

          if (colleague != NULL)
            g_ptr_array_add (colleagues, colleague);
        }
    }
  else
    {
      GListModel *model = rapport_store_get_colleagues (self);
      guint n_items = g_list_model_get_n_items (model);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

          if (!rapport_colleague_get_archived (colleague))
            g_ptr_array_add (colleagues, colleague);
        }
    }

  data.store = self;
  data.names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (colleagues->len >= LINKS_IN_ONE_QUERY_FROM)
    {
      g_autoptr(GError) links_error = NULL;

      data.links = read_all_links (self, &links_error);
      if (data.links == NULL)
        g_warning ("Could not read the assignments of the colleagues: %s", links_error->message);
    }

  /* A compact card has neither photo nor the original card's lines. */
  if ((flags & RAPPORT_VCARD_WRITE_COMPACT) == 0)
    {
      g_autoptr(GError) cards_error = NULL;

      if (!read_cards (self, colleagues, copies, &cards_error))
        {
          if (cards_required)
            {
              g_propagate_error (error, g_steal_pointer (&cards_error));
              return NULL;
            }

          g_warning ("Could not read the colleagues' photos and cards: %s", cards_error->message);
        }
    }

  return rapport_vcard_write (colleagues, version, flags, dup_colleague_categories, &data);
}

char *
rapport_store_colleagues_to_vcard (RapportStore           *self,
                                   GArray                 *ids,
                                   RapportVCardVersion     version,
                                   RapportVCardWriteFlags  flags)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  /* Without the photos rather than nothing: this has no way to report an error. */
  return colleagues_to_vcard (self, ids, version, flags, FALSE, NULL);
}

gboolean
rapport_store_export_vcard (RapportStore           *self,
                            GArray                 *ids,
                            RapportVCardVersion     version,
                            RapportVCardWriteFlags  flags,
                            const char             *path,
                            GError                **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = colleagues_to_vcard (self, ids, version, flags, TRUE, error);
  if (text == NULL)
    return FALSE;

  /* Contact details: readable by the person only. */
  return rapport_write_private_file (path, text, error);
}

void
rapport_store_add_written_colleague (RapportStore     *self,
                                     RapportColleague *colleague)
{
  rapport_store_collection_insert (&self->colleagues, colleague);
}

void
rapport_store_update_written_colleague (RapportStore     *self,
                                        RapportColleague *changes)
{
  RapportColleague *item = rapport_store_collection_lookup (&self->colleagues,
                                                            rapport_colleague_get_id (changes));

  /* Deleted meanwhile: its row was not there to update either. */
  if (item == NULL)
    return;

  rapport_colleague_set_created_at (changes, rapport_colleague_get_created_at (item));
  rapport_colleague_set_last_interaction_at (changes, rapport_colleague_get_last_interaction_at (item));
  rapport_colleague_assign (item, changes);
}

gboolean
rapport_store_import_colleagues (RapportStore             *self,
                                 GPtrArray                *colleagues,
                                 RapportStoreImportPolicy  policy,
                                 RapportStoreImportCounts *counts,
                                 GError                  **error)
{
  g_autoptr(RapportImport) import = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (colleagues != NULL, FALSE);
  g_return_val_if_fail (policy == RAPPORT_STORE_IMPORT_MERGE_EXACT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every duplicate merges: the default of a fresh import. */
  import = rapport_import_new (self);
  rapport_import_load_colleagues (import, colleagues);

  return rapport_import_run (import, counts, error);
}
