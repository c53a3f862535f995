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

char *
rapport_store_colleagues_to_vcard (RapportStore           *self,
                                   GArray                 *ids,
                                   RapportVCardVersion     version,
                                   RapportVCardWriteFlags  flags)
{
  /* The store's items, alive as long as the store: no references needed while writing. */
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new ();
  g_auto(CategoriesData) data = { 0 };

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

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
      g_autoptr(GError) error = NULL;

      data.links = read_all_links (self, &error);
      if (data.links == NULL)
        g_warning ("Could not read the assignments of the colleagues: %s", error->message);
    }

  return rapport_vcard_write (colleagues, version, flags, dup_colleague_categories, &data);
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

  text = rapport_store_colleagues_to_vcard (self, ids, version, flags);

  /* Contact details: readable by the person only. */
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
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
