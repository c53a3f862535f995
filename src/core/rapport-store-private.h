/* rapport-store-private.h
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

#include "rapport-store.h"

G_BEGIN_DECLS

/* What the store's source files share; nothing outside rapport-store*.c and rapport-import.c
 * (the import writes colleague rows through it) includes this. */

/* One kind of item: the list model, ordered by id as a fresh load gives it, and the same
 * objects by id. */
typedef struct
{
  RapportItemKind  kind;
  GListStore      *model;
  /* gint64 id → item */
  GHashTable      *by_id;
  /* The largest id this store has seen in the table, never lowered by a delete: new rows get
   * the next one, so an id that a pending undo will put back is never given to another row. */
  gint64           max_id;
  /* Colleagues, assignments and reminders are read when the store opens; tips and journal
   * entries on first use (see rapport_store_get_collection). */
  gboolean         loaded;
} RapportStoreCollection;

struct _RapportStore
{
  GObject                 parent_instance;

  RapportDatabase        *database;
  RapportStoreCollection  colleagues;
  RapportStoreCollection  assignments;
  RapportStoreCollection  tips;
  RapportStoreCollection  interactions;
  RapportStoreCollection  reminders;
};

/* One FTS table serves every kind of row: docid = id * RAPPORT_SEARCH_KIND_MODULUS + kind, so a
 * row's entry is found without a mapping table and a search can be limited to one kind. */
#define RAPPORT_SEARCH_KIND_MODULUS 8

/* rapport-store.c */
gint64                  rapport_store_item_get_id            (RapportItemKind          kind,
                                                              gpointer                 item);
RapportStoreCollection *rapport_store_get_collection         (RapportStore            *self,
                                                              RapportItemKind          kind);
gpointer                rapport_store_collection_lookup      (RapportStoreCollection  *collection,
                                                              gint64                   id);
void                    rapport_store_collection_insert      (RapportStoreCollection  *collection,
                                                              gpointer                 item);
void                    rapport_store_collection_remove      (RapportStoreCollection  *collection,
                                                              gint64                   id);
/* A new object with the row's current values, read inside the running transaction; NULL with
 * *error unset when there is no such row. */
gpointer                rapport_store_read_item              (RapportStore            *self,
                                                              RapportItemKind          kind,
                                                              gint64                   id,
                                                              GError                 **error);
/* Copies a freshly read item onto the model's item of the same id (or adds it), keeping what
 * the model derives itself (a colleague's last-interaction-at). */
void                    rapport_store_merge_item             (RapportStore            *self,
                                                              RapportItemKind          kind,
                                                              gpointer                 item);
/* colleague_ids: a set of gint64 *; their last-interaction-at is read again from the database. */
void                    rapport_store_refresh_last_interactions (RapportStore         *self,
                                                              GHashTable              *colleague_ids);
void                    rapport_store_emit_changed           (RapportStore            *self);
gboolean                rapport_store_step_done              (RapportStore            *self,
                                                              sqlite3_stmt            *stmt,
                                                              gboolean                 bound,
                                                              GError                 **error);
/* A cached statement with ?1 bound to id, for reading rows; NULL with error set. */
sqlite3_stmt           *rapport_store_prepare_with_id        (RapportStore            *self,
                                                              const char              *sql,
                                                              gint64                   id,
                                                              GError                 **error);
/* Leaves stmt reset and unbound after its last step returned rc; FALSE with error set unless
 * the rows were read to the end. */
gboolean                rapport_store_finish_rows            (RapportStore            *self,
                                                              sqlite3_stmt            *stmt,
                                                              int                      rc,
                                                              GError                 **error);
gboolean                rapport_store_commit_or_rollback     (RapportStore            *self,
                                                              gboolean                 ok,
                                                              GError                 **error);

/* Import (rapport-import.c builds on these) */
/* check_colleague: validation in the store's error domain; *birthday gets the stored form. */
gboolean                rapport_store_check_colleague        (RapportColleague        *colleague,
                                                              char                   **birthday,
                                                              GError                 **error);
/* A store on database that loads nothing and has empty models: only for writing rows in a
 * worker thread (on a connection of its own); never handed to widgets. */
RapportStore           *rapport_store_new_for_writing        (RapportDatabase         *database);
/* Sets aside n_ids ids of kind for rows written later; *first_id is the first of them. */
gboolean                rapport_store_reserve_ids            (RapportStore            *self,
                                                              RapportItemKind          kind,
                                                              guint                    n_ids,
                                                              gint64                  *first_id,
                                                              GError                 **error);
/* Inserts (insert) or updates the row of colleague (its id set) and its search entry, inside the
 * caller's transaction. A colleague's name is never empty, so an import never renames one and
 * the interactions and reminders that name it keep their entries. */
gboolean                rapport_store_write_colleague_row    (RapportStore            *self,
                                                              RapportColleague        *colleague,
                                                              const char              *birthday,
                                                              gboolean                 insert,
                                                              gint64                   now,
                                                              GError                 **error);
/* rapport-store-vcard.c: after an import's commit, the models take the rows it wrote (a new
 * colleague with its id, or a changed copy of one in the journal); then emit "changed" once. */
void                    rapport_store_add_written_colleague  (RapportStore            *self,
                                                              RapportColleague        *colleague);
void                    rapport_store_update_written_colleague (RapportStore          *self,
                                                              RapportColleague        *changes);

/* rapport-store-search.c */
char                   *rapport_store_fold_text              (const char              *text);
gboolean                rapport_store_index_remove           (RapportStore            *self,
                                                              RapportItemKind          kind,
                                                              gint64                   id,
                                                              GError                 **error);
/* (Re)writes the entry of item; the colleague names of an interaction or reminder are read from
 * the database, so they are right inside a transaction that renames or removes a colleague. */
gboolean                rapport_store_index_item             (RapportStore            *self,
                                                              RapportItemKind          kind,
                                                              gpointer                 item,
                                                              GError                 **error);

/* rapport-store-undo.c */
RapportStoreUndo       *rapport_store_undo_new               (void);
/* Runs sql (a SELECT * with ?1 = id) and keeps every row to insert again into table. kind and
 * id_column name the item a row belongs to (an item of that kind is refreshed on undo);
 * counts_as_removed adds the rows to rapport_store_undo_get_removed (kind). */
gboolean                rapport_store_undo_capture_rows      (RapportStore            *self,
                                                              RapportStoreUndo        *undo,
                                                              const char              *table,
                                                              const char              *sql,
                                                              gint64                   id,
                                                              RapportItemKind          kind,
                                                              const char              *id_column,
                                                              gboolean                 counts_as_removed,
                                                              GError                 **error);
/* Keeps the value of table.column for every row whose column equals id, to set it back on
 * undo (only where it is still NULL then). kind 0: a table without a model. */
gboolean                rapport_store_undo_capture_refs      (RapportStore            *self,
                                                              RapportStoreUndo        *undo,
                                                              const char              *table,
                                                              const char              *column,
                                                              gint64                   id,
                                                              RapportItemKind          kind,
                                                              GError                 **error);

G_END_DECLS
