/* rapport-store.h
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

#pragma once

#include <gio/gio.h>

#include "rapport-colleague.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/* The journal's repository: every write goes through here, in one transaction, and only after
 * the transaction commits are the list models updated and "changed" emitted. */

#define RAPPORT_STORE_ERROR (rapport_store_error_quark ())

typedef enum
{
  RAPPORT_STORE_ERROR_NOT_FOUND,
  RAPPORT_STORE_ERROR_INVALID,     /* the value failed validation; the message says which field */
} RapportStoreError;

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())

G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

GQuark            rapport_store_error_quark        (void);

/* Loads the colleagues; fails when the database cannot be read. */
RapportStore     *rapport_store_new                (RapportDatabase   *database,
                                                    GError           **error);
RapportDatabase  *rapport_store_get_database       (RapportStore      *self);

/* Every colleague, archived ones included, in the order they were added. The items are the
 * store's own RapportColleague objects: read them, never set their properties. */
GListModel       *rapport_store_get_colleagues     (RapportStore      *self);
/* NULL when there is no such colleague. */
RapportColleague *rapport_store_find_colleague     (RapportStore      *self,
                                                    gint64             id);

/* Validates, inserts, sets the id and timestamps on colleague, and appends it to the model
 * (the model holds colleague itself, so keep using it). */
gboolean          rapport_store_add_colleague      (RapportStore      *self,
                                                    RapportColleague  *colleague,
                                                    GError           **error);
/* changes carries the id of an existing colleague and the new values (see rapport_colleague_dup);
 * the model's item is updated in place, so rows showing it notice. */
gboolean          rapport_store_update_colleague   (RapportStore      *self,
                                                    RapportColleague  *changes,
                                                    GError           **error);
gboolean          rapport_store_set_colleague_archived (RapportStore  *self,
                                                    gint64             id,
                                                    gboolean           archived,
                                                    GError           **error);
/* Removes the row and its search entry. Keep the object to undo. */
gboolean          rapport_store_delete_colleague   (RapportStore      *self,
                                                    gint64             id,
                                                    GError           **error);
/* Undo of a delete: inserts colleague again with its old id and timestamps. */
gboolean          rapport_store_restore_colleague  (RapportStore      *self,
                                                    RapportColleague  *colleague,
                                                    GError           **error);

/* Full-text search (FTS4, accents folded, every word a prefix) over name, role, specialty,
 * organization, interests and notes. Returns the ids of matching colleagues, best first, as a
 * GArray of gint64; an empty or all-punctuation query matches nothing. */
GArray           *rapport_store_search_colleagues  (RapportStore      *self,
                                                    const char        *query,
                                                    GError           **error);

/* One JSON object per colleague and line ("id", "name", "role", "specialty", "organization",
 * "email", "phone", "messaging", "support_kind", "birthday", "cadence_days", "archived",
 * "created_at", "updated_at" as ISO-8601 UTC, "interests", "notes"): what --list prints. */
char             *rapport_store_colleagues_to_json_lines (RapportStore *self);

G_END_DECLS
