/* rapport-import.h
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

#include "rapport-store.h"
#include "rapport-vcard.h"

G_BEGIN_DECLS

/* Importing a vCard file in three steps: load (read and parse the file, find the duplicates; off
 * the main thread), review (each card is added, merged into the colleague it matches, or skipped;
 * the defaults are add for a new person and merge for a duplicate), run (one transaction on a
 * connection of its own in a worker thread, with progress and cancel: all or nothing). The store's
 * models are updated on the main thread once the transaction has committed. */

typedef enum
{
  RAPPORT_IMPORT_ACTION_ADD,
  RAPPORT_IMPORT_ACTION_MERGE,   /* fill the matched colleague's empty fields; nothing overwritten */
  RAPPORT_IMPORT_ACTION_SKIP,
} RapportImportAction;

#define RAPPORT_TYPE_IMPORT (rapport_import_get_type ())

G_DECLARE_FINAL_TYPE (RapportImport, rapport_import, RAPPORT, IMPORT, GObject)

/* Called on the thread that started the run (through its main context), at most about every
 * 50 ms: done of total cards written. */
typedef void (*RapportImportProgressFunc) (guint    done,
                                           guint    total,
                                           gpointer user_data);

RapportImport      *rapport_import_new                 (RapportStore              *store);
RapportStore       *rapport_import_get_store           (RapportImport             *self);

/* Step 1. Reads the whole file (vCard bytes; at most 256 MiB) in a worker thread. Fails only when
 * the file cannot be read or holds no card at all; broken cards are problems, not errors. */
void                rapport_import_load_file_async     (RapportImport             *self,
                                                        GFile                     *file,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean            rapport_import_load_file_finish    (RapportImport             *self,
                                                        GAsyncResult              *result,
                                                        GError                   **error);
/* The same from memory, on the calling thread (command line and tests). */
gboolean            rapport_import_load_data           (RapportImport             *self,
                                                        const char                *data,
                                                        gsize                      length,
                                                        GError                   **error);

/* The same from cards already read (unsaved RapportColleague objects, as rapport_vcard_parse
 * returns them); they are copied. */
void                rapport_import_load_colleagues     (RapportImport             *self,
                                                        GPtrArray                 *colleagues);

/* Step 2: the cards that were read, in file order. */
guint               rapport_import_get_n_cards         (RapportImport             *self);
/* An unsaved colleague with the card's values. */
RapportColleague   *rapport_import_get_card            (RapportImport             *self,
                                                        guint                      index);
/* The colleague already in the journal this card duplicates (same email, phone or normalised
 * name), or NULL. A card that duplicates only an earlier card of the same file has no match
 * here; it is merged into that card's colleague unless one of them is skipped. */
RapportColleague   *rapport_import_get_match           (RapportImport             *self,
                                                        guint                      index);
/* Cards with a match in the journal. */
guint               rapport_import_get_n_duplicates    (RapportImport             *self);
RapportImportAction rapport_import_get_action          (RapportImport             *self,
                                                        guint                      index);
/* MERGE is only allowed for a card with a match; ADD and SKIP for every card. */
void                rapport_import_set_action          (RapportImport             *self,
                                                        guint                      index,
                                                        RapportImportAction        action);
/* Sets the action of every card that has a match. */
void                rapport_import_set_duplicates_action (RapportImport           *self,
                                                        RapportImportAction        action);
/* The cards that could not be read (RapportVCardProblem, by card number in the file). */
GPtrArray          *rapport_import_get_problems        (RapportImport             *self);

/* Step 3, in a worker thread on a second connection to the journal. Cancelling rolls the
 * transaction back: the journal is as before and the error is G_IO_ERROR_CANCELLED. The import
 * cannot be reviewed or run again once it has run. */
void                rapport_import_run_async           (RapportImport             *self,
                                                        RapportImportProgressFunc  progress,
                                                        gpointer                   progress_data,
                                                        GDestroyNotify             progress_data_free,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean            rapport_import_run_finish          (RapportImport             *self,
                                                        GAsyncResult              *result,
                                                        RapportStoreImportCounts  *counts,
                                                        GError                   **error);
/* The same on the calling thread and the store's own connection (command line and tests). */
gboolean            rapport_import_run                 (RapportImport             *self,
                                                        RapportStoreImportCounts  *counts,
                                                        GError                   **error);

/* "Imported 3, merged 1, skipped 0", translated, with each number's plural form. */
char               *rapport_import_describe_counts     (const RapportStoreImportCounts *counts);

G_END_DECLS
