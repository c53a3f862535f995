/* rapport-snapshot.h
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

#include "rapport-database.h"

G_BEGIN_DECLS

/* Snapshots are byte copies of the journal file, made on their own: before a schema migration,
 * once a day when the journal changed, and before a restore replaces it. The journal file is
 * SQLCipher-encrypted with its raw key, so a snapshot opens with the same key (keyring or
 * recovery code) and nothing is ever decrypted to make one. They live in the folder
 * "snapshots" beside the journal (0700, files 0600), named after the UTC time they were taken
 * so that they sort by time; the newest RAPPORT_SNAPSHOT_KEEP are kept. */

#define RAPPORT_SNAPSHOT_ERROR (rapport_snapshot_error_quark ())

typedef enum
{
  RAPPORT_SNAPSHOT_ERROR_FAILED,
  RAPPORT_SNAPSHOT_ERROR_NOT_FOUND,     /* no journal, or no snapshot, at the path */
  RAPPORT_SNAPSHOT_ERROR_FULL,          /* disk full, quota or file size limit reached */
  RAPPORT_SNAPSHOT_ERROR_READ_ONLY,     /* a folder or file cannot be written or read */
  RAPPORT_SNAPSHOT_ERROR_BUSY,          /* another connection is writing the journal */
  RAPPORT_SNAPSHOT_ERROR_DAMAGED,       /* the snapshot is truncated or corrupt */
  RAPPORT_SNAPSHOT_ERROR_WRONG_KEY,     /* the key does not open the snapshot */
  RAPPORT_SNAPSHOT_ERROR_NEWER_SCHEMA,  /* the snapshot was made by a newer Rapport */
} RapportSnapshotError;

typedef enum
{
  RAPPORT_SNAPSHOT_REASON_DAILY,
  RAPPORT_SNAPSHOT_REASON_MIGRATION,
  RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE,
} RapportSnapshotReason;

/* How many snapshots are kept; older ones are deleted after a new one was taken. */
#define RAPPORT_SNAPSHOT_KEEP 7

#define RAPPORT_TYPE_SNAPSHOT_REASON (rapport_snapshot_reason_get_type ())
#define RAPPORT_TYPE_SNAPSHOT (rapport_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (RapportSnapshot, rapport_snapshot, RAPPORT, SNAPSHOT, GObject)

GQuark                rapport_snapshot_error_quark  (void);
GType                 rapport_snapshot_reason_get_type (void);

const char           *rapport_snapshot_get_path     (RapportSnapshot        *self);
/* When it was taken (UTC, to the second). */
GDateTime            *rapport_snapshot_get_time     (RapportSnapshot        *self);
RapportSnapshotReason rapport_snapshot_get_reason   (RapportSnapshot        *self);
/* In bytes. */
guint64               rapport_snapshot_get_size     (RapportSnapshot        *self);

/* The folder that holds the snapshots of the journal at journal_path. */
char                 *rapport_snapshot_dup_folder   (const char             *journal_path);

/* Copies a journal file nobody is writing (no connection, or one that only reads, as before a
 * migration). now NULL means the current time. The copy goes through a temporary file in the
 * snapshots folder, synced and renamed into place: a failure leaves no snapshot behind and the
 * journal as it was. Older snapshots beyond RAPPORT_SNAPSHOT_KEEP are then deleted. */
RapportSnapshot      *rapport_snapshot_take_file    (const char             *journal_path,
                                                     RapportSnapshotReason   reason,
                                                     GDateTime              *now,
                                                     GError                **error);
/* Copies the journal of an open database, through a connection of its own (a worker's, from
 * rapport_database_open_another): it holds a write transaction while the bytes are copied so
 * no other connection changes the file meanwhile. BUSY when a writer holds it longer than the
 * busy timeout. */
RapportSnapshot      *rapport_snapshot_take         (RapportDatabase        *database,
                                                     RapportSnapshotReason   reason,
                                                     GDateTime              *now,
                                                     GError                **error);

/* The snapshots of the journal at journal_path, newest first (element type RapportSnapshot).
 * An empty array when there are none; NULL only when the folder cannot be read. */
GPtrArray            *rapport_snapshot_list         (const char             *journal_path,
                                                     GError                **error);
/* Deletes all but the newest keep snapshots. */
gboolean              rapport_snapshot_prune        (const char             *journal_path,
                                                     guint                   keep,
                                                     GError                **error);

/* TRUE when the journal exists, the newest snapshot (if any) was taken on an earlier day in
 * now's time zone, and the journal changed since it was taken. now NULL means the local now. */
gboolean              rapport_snapshot_is_daily_due (const char             *journal_path,
                                                     GDateTime              *now);

/* Replaces the journal at journal_path with the snapshot at snapshot_path. The snapshot is
 * first copied beside the journal, opened with key, migrated to this Rapport's schema when it
 * is older (NEWER_SCHEMA when it is newer) and integrity-checked; then the current journal, when
 * there is one, is kept as a snapshot (before-restore); then the checked copy is renamed over the
 * journal. Any failure leaves the journal file exactly as it was. No connection may have the
 * journal open. */
gboolean              rapport_snapshot_restore      (const char             *journal_path,
                                                     const char             *snapshot_path,
                                                     const guint8           *key,
                                                     GDateTime              *now,
                                                     GError                **error);

G_END_DECLS
