/* rapport-store-undo.c
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

#include <glib/gi18n.h>

#include "rapport-store-private.h"

/* Rows are kept as the database gave them (column names and sqlite3_value copies), whatever
 * the store itself models: a photo or a raw vCard comes back too. */
typedef struct
{
  const char      *table;
  /* char * column names and sqlite3_value *, in step */
  GPtrArray       *columns;
  GPtrArray       *values;
  /* The item to refresh after the row is back (kind 0: none). */
  RapportItemKind  kind;
  gint64           item_id;
} UndoRow;

typedef struct
{
  const char      *table;
  const char      *column;
  gint64           row_id;
  sqlite3_value   *value;
  RapportItemKind  kind;
} UndoRef;

struct _RapportStoreUndo
{
  /* UndoRow *, as captured; undo inserts parents before the rows naming them */
  GPtrArray *rows;
  /* UndoRef * */
  GPtrArray *refs;
  guint      removed[RAPPORT_ITEM_KIND_REMINDER + 1];
  gboolean   spent;
};

static RapportStoreUndo *rapport_store_undo_ref (RapportStoreUndo *undo);

G_DEFINE_BOXED_TYPE (RapportStoreUndo, rapport_store_undo, rapport_store_undo_ref,
                     rapport_store_undo_free)

/* The order in which tables are filled again, so that every reference finds its row. */
static const char * const table_order[] = {
  "assignment",
  "colleague",
  "colleague_card",
  "tip",
  "interaction",
  "colleague_assignment",
  "interaction_colleague",
  "reminder",
};

static void
undo_row_free (gpointer data)
{
  UndoRow *row = data;

  g_clear_pointer (&row->columns, g_ptr_array_unref);
  g_clear_pointer (&row->values, g_ptr_array_unref);
  g_free (row);
}

static void
undo_ref_free (gpointer data)
{
  UndoRef *ref = data;

  g_clear_pointer (&ref->value, sqlite3_value_free);
  g_free (ref);
}

static void
undo_clear (gpointer data)
{
  RapportStoreUndo *undo = data;

  g_clear_pointer (&undo->rows, g_ptr_array_unref);
  g_clear_pointer (&undo->refs, g_ptr_array_unref);
}

static RapportStoreUndo *
rapport_store_undo_ref (RapportStoreUndo *undo)
{
  return g_rc_box_acquire (undo);
}

static guint
table_rank (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_order); i++)
    {
      if (g_str_equal (table, table_order[i]))
        return i;
    }

  g_critical ("Unknown table “%s”", table);
  return G_N_ELEMENTS (table_order);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const UndoRow *row_a = *(UndoRow * const *) a;
  const UndoRow *row_b = *(UndoRow * const *) b;
  guint rank_a = table_rank (row_a->table);
  guint rank_b = table_rank (row_b->table);

  return (rank_a > rank_b) - (rank_a < rank_b);
}

static const char *
intern_table (const char *table)
{
  /* Only the store's own table names get here, so interning keeps no personal data. */
  table_rank (table);

  return g_intern_string (table);
}

static char *
dup_insert_sql (UndoRow *row)
{
  GString *sql = g_string_new ("INSERT INTO ");

  g_string_append_printf (sql, "\"%s\" (", row->table);
  for (guint i = 0; i < row->columns->len; i++)
    g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (row->columns, i));
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < row->columns->len; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append_c (sql, ')');

  return g_string_free (sql, FALSE);
}

/* The store never hands out an id twice, so a row that is already there means the undo came
 * back some other way; a missing parent means what it belonged to was deleted meanwhile. */
static void
set_insert_error (RapportStore  *self,
                  int            rc,
                  GError       **error)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_ROWID:
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT,
                           _("What was deleted is already back in the journal; there is nothing "
                             "to undo."));
      break;

    case SQLITE_CONSTRAINT_FOREIGNKEY:
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                           _("What this belonged to has been deleted since, so it cannot be put "
                             "back. Undo that deletion first."));
      break;

    default:
      rapport_database_set_error (self->database, rc, error);
      break;
    }
}

static gboolean
insert_row (RapportStore  *self,
            UndoRow       *row,
            GError       **error)
{
  g_autofree char *sql = dup_insert_sql (row);
  sqlite3_stmt *stmt;
  gboolean bound = TRUE;
  int rc;

  if (!(stmt = rapport_database_prepare (self->database, sql, error)))
    return FALSE;

  for (guint i = 0; i < row->values->len && bound; i++)
    bound = sqlite3_bind_value (stmt, i + 1, g_ptr_array_index (row->values, i)) == SQLITE_OK;

  rc = bound ? sqlite3_step (stmt) : SQLITE_NOMEM;
  if (rc != SQLITE_DONE)
    set_insert_error (self, rc, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
set_ref (RapportStore  *self,
         UndoRef       *ref,
         GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean bound;

  /* Only where nothing else was set meanwhile. */
  sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?2 WHERE id = ?1 AND \"%s\" IS NULL",
                         ref->table, ref->column, ref->column);

  if (!(stmt = rapport_database_prepare (self->database, sql, error)))
    return FALSE;

  bound = sqlite3_bind_int64 (stmt, 1, ref->row_id) == SQLITE_OK
       && sqlite3_bind_value (stmt, 2, ref->value) == SQLITE_OK;

  return rapport_store_step_done (self, stmt, bound, error);
}

static void
add_target (GArray          **targets,
            RapportItemKind   kind,
            gint64            id)
{
  GArray *ids;

  if (kind < RAPPORT_ITEM_KIND_COLLEAGUE || kind > RAPPORT_ITEM_KIND_REMINDER)
    return;

  ids = targets[kind];
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return;
    }

  g_array_append_val (ids, id);
}

static void
add_colleague_id (GHashTable *set,
                  gint64      id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (set, key);
}

RapportStoreUndo *
rapport_store_undo_new (void)
{
  RapportStoreUndo *undo = g_rc_box_new0 (RapportStoreUndo);

  undo->rows = g_ptr_array_new_with_free_func (undo_row_free);
  undo->refs = g_ptr_array_new_with_free_func (undo_ref_free);

  return undo;
}

gboolean
rapport_store_undo_capture_rows (RapportStore      *self,
                                 RapportStoreUndo  *undo,
                                 const char        *table,
                                 const char        *sql,
                                 gint64             id,
                                 RapportItemKind    kind,
                                 const char        *id_column,
                                 gboolean           counts_as_removed,
                                 GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_store_prepare_with_id (self, sql, id, error)))
    return FALSE;

  table = intern_table (table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UndoRow *row = g_new0 (UndoRow, 1);
      int n_columns = sqlite3_column_count (stmt);

      row->table = table;
      row->kind = kind;
      row->columns = g_ptr_array_new_full (n_columns, g_free);
      row->values = g_ptr_array_new_full (n_columns, (GDestroyNotify) sqlite3_value_free);
      g_ptr_array_add (undo->rows, row);

      for (int i = 0; i < n_columns; i++)
        {
          const char *name = sqlite3_column_name (stmt, i);
          sqlite3_value *value = sqlite3_value_dup (sqlite3_column_value (stmt, i));

          if (name == NULL || value == NULL)
            {
              sqlite3_value_free (value);
              rc = SQLITE_NOMEM;
              break;
            }

          g_ptr_array_add (row->columns, g_strdup (name));
          g_ptr_array_add (row->values, value);

          if (id_column != NULL && g_str_equal (name, id_column))
            row->item_id = sqlite3_value_int64 (value);
        }

      if (rc != SQLITE_ROW)
        break;

      if (counts_as_removed && kind <= RAPPORT_ITEM_KIND_REMINDER)
        undo->removed[kind]++;
    }

  return rapport_store_finish_rows (self, stmt, rc, error);
}

gboolean
rapport_store_undo_capture_refs (RapportStore      *self,
                                 RapportStoreUndo  *undo,
                                 const char        *table,
                                 const char        *column,
                                 gint64             id,
                                 RapportItemKind    kind,
                                 GError           **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT id, \"%s\" FROM \"%s\" WHERE \"%s\" = ?1 ORDER BY id",
                         column, table, column);

  if (!(stmt = rapport_store_prepare_with_id (self, sql, id, error)))
    return FALSE;

  table = intern_table (table);
  column = g_intern_string (column);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_value *value = sqlite3_value_dup (sqlite3_column_value (stmt, 1));
      UndoRef *ref;

      if (value == NULL)
        {
          rc = SQLITE_NOMEM;
          break;
        }

      ref = g_new0 (UndoRef, 1);
      ref->table = table;
      ref->column = column;
      ref->row_id = sqlite3_column_int64 (stmt, 0);
      ref->value = value;
      ref->kind = kind;
      g_ptr_array_add (undo->refs, ref);
    }

  return rapport_store_finish_rows (self, stmt, rc, error);
}

void
rapport_store_undo_free (RapportStoreUndo *undo)
{
  g_return_if_fail (undo != NULL);

  g_rc_box_release_full (undo, undo_clear);
}

guint
rapport_store_undo_get_removed (RapportStoreUndo *undo,
                                RapportItemKind   kind)
{
  g_return_val_if_fail (undo != NULL, 0);

  if ((guint) kind > RAPPORT_ITEM_KIND_REMINDER)
    return 0;

  return undo->removed[kind];
}

gboolean
rapport_store_undo (RapportStore      *self,
                    RapportStoreUndo  *undo,
                    GError           **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) colleague_ids = NULL;
  GPtrArray *loaded[RAPPORT_ITEM_KIND_REMINDER + 1] = { NULL, };
  GArray *targets[RAPPORT_ITEM_KIND_REMINDER + 1] = { NULL, };
  gboolean ok = TRUE;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (undo->spent)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_UNDO_SPENT,
                           _("This deletion was already undone."));
      return FALSE;
    }

  /* Parents first, whatever order the delete captured them in. */
  rows = g_ptr_array_sized_new (undo->rows->len);
  for (guint i = 0; i < undo->rows->len; i++)
    g_ptr_array_add (rows, g_ptr_array_index (undo->rows, i));
  g_ptr_array_sort (rows, compare_rows);

  for (guint kind = RAPPORT_ITEM_KIND_COLLEAGUE; kind <= RAPPORT_ITEM_KIND_REMINDER; kind++)
    {
      targets[kind] = g_array_new (FALSE, FALSE, sizeof (gint64));
      loaded[kind] = g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (!rapport_database_begin (self->database, error))
    {
      ok = FALSE;
      goto out;
    }

  for (guint i = 0; i < rows->len && ok; i++)
    {
      UndoRow *row = g_ptr_array_index (rows, i);

      ok = insert_row (self, row, error);
      add_target (targets, row->kind, row->item_id);
    }

  for (guint i = 0; i < undo->refs->len && ok; i++)
    {
      UndoRef *ref = g_ptr_array_index (undo->refs, i);

      ok = set_ref (self, ref, error);

      /* Only a row the models hold has an item and an entry to refresh. */
      if (ref->kind != 0 &&
          rapport_store_collection_lookup (rapport_store_get_collection (self, ref->kind),
                                           ref->row_id) != NULL)
        add_target (targets, ref->kind, ref->row_id);
    }

  /* Read back what the rows make of each item, and index it, before committing: the models
   * change only once all of it is on disk. */
  for (guint kind = RAPPORT_ITEM_KIND_COLLEAGUE; kind <= RAPPORT_ITEM_KIND_REMINDER && ok;
       kind++)
    {
      for (guint i = 0; i < targets[kind]->len && ok; i++)
        {
          g_autoptr(GError) local_error = NULL;
          gint64 id = g_array_index (targets[kind], gint64, i);
          gpointer item = rapport_store_read_item (self, kind, id, &local_error);

          if (item == NULL)
            {
              /* No error: a reference whose row is gone meanwhile, nothing to put back. */
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  ok = FALSE;
                }
              continue;
            }

          g_ptr_array_add (loaded[kind], item);
          ok = rapport_store_index_item (self, kind, item, error);
        }
    }

  if (!rapport_store_commit_or_rollback (self, ok, error))
    {
      ok = FALSE;
      goto out;
    }

  undo->spent = TRUE;

  colleague_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* What others point at first, so a row showing a tip or interaction finds them. */
  for (guint kind = RAPPORT_ITEM_KIND_COLLEAGUE; kind <= RAPPORT_ITEM_KIND_REMINDER; kind++)
    {
      for (guint i = 0; i < loaded[kind]->len; i++)
        {
          gpointer item = g_ptr_array_index (loaded[kind], i);

          rapport_store_merge_item (self, kind, item);

          if (kind == RAPPORT_ITEM_KIND_COLLEAGUE)
            {
              add_colleague_id (colleague_ids, rapport_colleague_get_id (item));
            }
          else if (kind == RAPPORT_ITEM_KIND_INTERACTION)
            {
              guint n_ids = 0;
              const gint64 *ids = rapport_interaction_get_colleague_ids (item, &n_ids);

              for (guint j = 0; j < n_ids; j++)
                add_colleague_id (colleague_ids, ids[j]);
            }
        }
    }

  rapport_store_refresh_last_interactions (self, colleague_ids);
  rapport_store_emit_changed (self);

out:
  for (guint kind = RAPPORT_ITEM_KIND_COLLEAGUE; kind <= RAPPORT_ITEM_KIND_REMINDER; kind++)
    {
      g_clear_pointer (&targets[kind], g_array_unref);
      g_clear_pointer (&loaded[kind], g_ptr_array_unref);
    }

  return ok;
}
