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

/* "Facility · Unit" for each assignment the colleague is linked to: the card's CATEGORIES. */
static GStrv
dup_colleague_categories (RapportColleague *colleague,
                          gpointer          user_data)
{
  RapportStore *self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  ids = rapport_store_dup_colleague_assignment_ids (self, rapport_colleague_get_id (colleague));
  if (ids == NULL || ids->len == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < ids->len; i++)
    {
      RapportAssignment *assignment =
        rapport_store_find_assignment (self, g_array_index (ids, gint64, i));
      const char *unit;

      if (assignment == NULL)
        continue;

      unit = rapport_assignment_get_unit (assignment);
      if (unit != NULL && *unit != '\0')
        {
          g_autofree char *name = g_strdup_printf ("%s · %s",
                                                   rapport_assignment_get_facility (assignment),
                                                   unit);

          g_strv_builder_add (builder, name);
        }
      else
        {
          g_strv_builder_add (builder, rapport_assignment_get_facility (assignment));
        }
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

  return rapport_vcard_write (colleagues, version, flags, dup_colleague_categories, self);
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
