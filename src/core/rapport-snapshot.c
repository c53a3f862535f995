/* rapport-snapshot.c
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

#define G_LOG_DOMAIN "rapport-snapshot"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-snapshot.h"
#include "rapport-sync.h"

struct _RapportSnapshot
{
  GObject                parent_instance;

  char                  *path;
  GDateTime             *time;
  RapportSnapshotReason  reason;
  guint64                size;
  /* 1, or n for the nth snapshot taken within one second ("-n" in the name) */
  guint                  sequence;
};

/* A copy on its way to becoming a snapshot: temporary files in the snapshots folder. */
typedef struct
{
  char *folder;
  char *temp_path;
  int   fd;
  /* The rollback journal a crash left beside the journal file, copied along with it. */
  char *companion_temp_path;
  int   companion_fd;
} PendingCopy;

G_DEFINE_FINAL_TYPE (RapportSnapshot, rapport_snapshot, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (RapportSnapshotReason, rapport_snapshot_reason,
                    G_DEFINE_ENUM_VALUE (RAPPORT_SNAPSHOT_REASON_DAILY, "daily"),
                    G_DEFINE_ENUM_VALUE (RAPPORT_SNAPSHOT_REASON_MIGRATION, "migration"),
                    G_DEFINE_ENUM_VALUE (RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE, "before-restore"))

G_DEFINE_QUARK (rapport-snapshot-error-quark, rapport_snapshot_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TIME,
  PROP_REASON,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FOLDER_NAME "snapshots"
#define SNAPSHOT_SUFFIX ".rapport-snapshot"
/* SQLite's name for a file's rollback journal. */
#define JOURNAL_SUFFIX "-journal"
#define TEMP_PREFIX ".snapshot-"
#define TEMP_SUFFIX ".tmp"
#define RESTORING_SUFFIX ".snapshot-restoring"

/* UTC, so that names sort by time across time zone and daylight saving changes. */
#define NAME_TIME_FORMAT "%Y-%m-%dT%H%M%SZ"
#define NAME_TIME_LENGTH 18

/* Temporary files older than this were left by a copy a crash cut short. */
#define STALE_TEMP_SECONDS 3600

#define COPY_BUFFER_SIZE (256 * 1024)

/* Error messages */

static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  /* EFBIG: a file size limit (RLIMIT_FSIZE, or the file system's own) was reached. */
  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FULL,
                 _("Could not write “%s”: %s. Your journal was not changed; free some disk "
                   "space and try again."),
                 path, g_strerror (saved_errno));
  else
    g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_READ_ONLY,
                 _("Could not write “%s”: %s. Your journal was not changed; check that its "
                   "folder can be written and try again."),
                 path, g_strerror (saved_errno));
}

static void
set_read_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  if (saved_errno == ENOENT)
    g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NOT_FOUND,
                 _("There is no file at “%s”, so nothing was copied."), path);
  else
    g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_READ_ONLY,
                 _("Could not read “%s”: %s. Check the file’s permissions and try again."),
                 path, g_strerror (saved_errno));
}

/* Names */

static const char *
reason_to_nick (RapportSnapshotReason reason)
{
  switch (reason)
    {
    case RAPPORT_SNAPSHOT_REASON_MIGRATION:
      return "migration";
    case RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE:
      return "before-restore";
    case RAPPORT_SNAPSHOT_REASON_DAILY:
    default:
      return "daily";
    }
}

static gboolean
has_digits (const char *text,
            gsize       start,
            gsize       n)
{
  for (gsize i = start; i < start + n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static int
read_number (const char *text,
             gsize       start,
             gsize       n)
{
  int value = 0;

  for (gsize i = start; i < start + n; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

/* "2026-11-23T163012Z-daily.rapport-snapshot", or "...-daily-2..." when that second was taken
 * already. FALSE for any other name, so foreign files in the folder are left alone. */
static gboolean
parse_name (const char             *name,
            GDateTime             **out_time,
            RapportSnapshotReason  *out_reason,
            guint                  *out_sequence)
{
  static const RapportSnapshotReason reasons[] = {
    RAPPORT_SNAPSHOT_REASON_DAILY,
    RAPPORT_SNAPSHOT_REASON_MIGRATION,
    RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE,
  };
  g_autofree char *middle = NULL;
  gsize length = strlen (name);
  gsize suffix_length = strlen (SNAPSHOT_SUFFIX);
  GDateTime *time;

  if (length <= NAME_TIME_LENGTH + 1 + suffix_length ||
      !g_str_has_suffix (name, SNAPSHOT_SUFFIX))
    return FALSE;

  if (!has_digits (name, 0, 4) || name[4] != '-' || !has_digits (name, 5, 2) || name[7] != '-' ||
      !has_digits (name, 8, 2) || name[10] != 'T' || !has_digits (name, 11, 6) ||
      name[17] != 'Z' || name[18] != '-')
    return FALSE;

  middle = g_strndup (name + NAME_TIME_LENGTH + 1, length - NAME_TIME_LENGTH - 1 - suffix_length);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      const char *nick = reason_to_nick (reasons[i]);
      gsize nick_length = strlen (nick);
      const char *rest;

      if (strncmp (middle, nick, nick_length) != 0)
        continue;

      rest = middle + nick_length;
      if (rest[0] != '\0' &&
          (rest[0] != '-' || rest[1] == '\0' || !has_digits (rest, 1, strlen (rest) - 1)))
        continue;

      time = g_date_time_new_utc (read_number (name, 0, 4), read_number (name, 5, 2),
                                  read_number (name, 8, 2), read_number (name, 11, 2),
                                  read_number (name, 13, 2), read_number (name, 15, 2));
      if (time == NULL)
        return FALSE;

      *out_time = time;
      *out_reason = reasons[i];
      *out_sequence = rest[0] != '\0' ? (guint) g_ascii_strtoull (rest + 1, NULL, 10) : 1;
      return TRUE;
    }

  return FALSE;
}

/* now (or the current time) in UTC, to the second: what the name can hold. */
static GDateTime *
snapshot_time (GDateTime *now)
{
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  utc = g_date_time_to_utc (now);

  return g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                              g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                              g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

/* A name no snapshot has yet, for a time and a reason. */
static char *
pick_path (const char            *folder,
           GDateTime             *time,
           RapportSnapshotReason  reason,
           guint                 *out_sequence)
{
  g_autofree char *stamp = g_date_time_format (time, NAME_TIME_FORMAT);

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *companion = NULL;

      if (n == 1)
        name = g_strdup_printf ("%s-%s%s", stamp, reason_to_nick (reason), SNAPSHOT_SUFFIX);
      else
        name = g_strdup_printf ("%s-%s-%u%s", stamp, reason_to_nick (reason), n,
                                SNAPSHOT_SUFFIX);

      path = g_build_filename (folder, name, NULL);
      companion = g_strconcat (path, JOURNAL_SUFFIX, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (companion, G_FILE_TEST_EXISTS))
        {
          *out_sequence = n;
          return g_steal_pointer (&path);
        }
    }
}

/* How a snapshot is named in messages: its local time, or its file name. */
static char *
describe_snapshot (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  RapportSnapshotReason reason;
  guint sequence;

  if (!parse_name (name, &time, &reason, &sequence))
    return g_steal_pointer (&name);

  local = g_date_time_to_local (time);
  /* Translators: when a snapshot was taken, in g_date_time_format() notation, e.g.
   * "23 November 2026 at 09:30" */
  return g_date_time_format (local, _("%-d %B %Y at %H:%M"));
}

/* Files */

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  {
    int saved_errno = errno;

    g_set_error (error, RAPPORT_SNAPSHOT_ERROR,
                 saved_errno == ENOSPC || saved_errno == EDQUOT ? RAPPORT_SNAPSHOT_ERROR_FULL
                                                                : RAPPORT_SNAPSHOT_ERROR_READ_ONLY,
                 _("Could not make the folder “%s” for copies of your journal: %s. Your journal "
                   "was not changed; check that the folder can be written."),
                 folder, g_strerror (saved_errno));
  }

  return FALSE;
}

static int
open_temp (const char  *folder,
           char       **out_path,
           GError     **error)
{
  g_autofree char *template = g_build_filename (folder, TEMP_PREFIX "XXXXXX" TEMP_SUFFIX, NULL);
  int fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_write_error (error, errno, folder);
      return -1;
    }

  *out_path = g_steal_pointer (&template);
  return fd;
}

/* O_EXCL: a file that is there already is never written into. */
static int
open_new (const char  *path,
          GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    set_write_error (error, errno, path);

  return fd;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length,
           int           *saved_errno)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      data += written;
      length -= written;
    }

  return TRUE;
}

/* The bytes of source_path appended to out_fd; they stay in the page cache until synced. */
static gboolean
copy_into (const char  *source_path,
           int          out_fd,
           const char  *out_path,
           GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_BUFFER_SIZE);
  int in_fd = open (source_path, O_RDONLY | O_CLOEXEC);
  int saved_errno = 0;

  if (in_fd < 0)
    {
      set_read_error (error, errno, source_path);
      return FALSE;
    }

  for (;;)
    {
      gssize n_read = read (in_fd, buffer, COPY_BUFFER_SIZE);

      if (n_read < 0)
        {
          if (errno == EINTR)
            continue;
          set_read_error (error, errno, source_path);
          close (in_fd);
          return FALSE;
        }

      if (n_read == 0)
        break;

      if (!write_all (out_fd, buffer, n_read, &saved_errno))
        {
          set_write_error (error, saved_errno, out_path);
          close (in_fd);
          return FALSE;
        }
    }

  close (in_fd);
  return TRUE;
}

/* A file renamed into place must be on the disk first, or a crash could leave an empty or
 * partial file under the final name. */
static gboolean
sync_and_close (int         *fd,
                const char  *path,
                GError     **error)
{
  int saved_errno = 0;

  if (fsync (*fd) != 0)
    saved_errno = errno;
  if (close (*fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  *fd = -1;

  if (saved_errno != 0)
    {
      set_write_error (error, saved_errno, path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
sync_path (const char  *path,
           GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      set_read_error (error, errno, path);
      return FALSE;
    }

  return sync_and_close (&fd, path, error);
}

/* A rollback journal that holds something: a write a crash cut short, which SQLite rolls back
 * the next time the file is opened. */
static gboolean
has_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, JOURNAL_SUFFIX, NULL);
  GStatBuf st;

  return g_lstat (journal, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0;
}

static void
remove_with_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, JOURNAL_SUFFIX, NULL);

  g_unlink (journal);
  g_unlink (path);
}

static void
pending_copy_clear (PendingCopy *copy)
{
  if (copy->fd >= 0)
    close (copy->fd);
  if (copy->companion_fd >= 0)
    close (copy->companion_fd);
  if (copy->temp_path != NULL)
    g_unlink (copy->temp_path);
  if (copy->companion_temp_path != NULL)
    g_unlink (copy->companion_temp_path);

  g_clear_pointer (&copy->folder, g_free);
  g_clear_pointer (&copy->temp_path, g_free);
  g_clear_pointer (&copy->companion_temp_path, g_free);
  copy->fd = -1;
  copy->companion_fd = -1;
}

/* Copies the journal's bytes into temporary files, not yet synced: the part that must happen
 * while nobody writes the journal. */
static gboolean
start_copy (PendingCopy  *copy,
            const char   *journal_path,
            GError      **error)
{
  GStatBuf st;

  copy->fd = -1;
  copy->companion_fd = -1;
  copy->folder = rapport_snapshot_dup_folder (journal_path);

  if (g_stat (journal_path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NOT_FOUND,
                     _("There is no journal at “%s” to copy."), journal_path);
      else
        set_read_error (error, saved_errno, journal_path);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FAILED,
                   _("“%s” is not a journal file, so it was not copied."), journal_path);
      return FALSE;
    }

  if (!ensure_folder (copy->folder, error))
    return FALSE;

  copy->fd = open_temp (copy->folder, &copy->temp_path, error);
  if (copy->fd < 0 || !copy_into (journal_path, copy->fd, copy->temp_path, error))
    return FALSE;

  if (has_hot_journal (journal_path))
    {
      g_autofree char *journal = g_strconcat (journal_path, JOURNAL_SUFFIX, NULL);

      copy->companion_fd = open_temp (copy->folder, &copy->companion_temp_path, error);
      if (copy->companion_fd < 0 ||
          !copy_into (journal, copy->companion_fd, copy->companion_temp_path, error))
        return FALSE;
    }

  return TRUE;
}

/* Syncs the copy and gives it its snapshot name; the companion goes first, so that a snapshot
 * never appears without the rollback journal it needs. */
static RapportSnapshot *
finish_copy (PendingCopy            *copy,
             RapportSnapshotReason   reason,
             GDateTime              *now,
             GError                **error)
{
  g_autoptr(GDateTime) time = snapshot_time (now);
  g_autofree char *path = NULL;
  g_autofree char *companion_path = NULL;
  RapportSnapshot *snapshot;
  guint sequence = 1;
  GStatBuf st;

  if (!sync_and_close (&copy->fd, copy->temp_path, error))
    return NULL;
  if (copy->companion_fd >= 0 &&
      !sync_and_close (&copy->companion_fd, copy->companion_temp_path, error))
    return NULL;

  path = pick_path (copy->folder, time, reason, &sequence);
  companion_path = g_strconcat (path, JOURNAL_SUFFIX, NULL);

  if (copy->companion_temp_path != NULL)
    {
      if (g_rename (copy->companion_temp_path, companion_path) != 0)
        {
          set_write_error (error, errno, companion_path);
          return NULL;
        }
      g_clear_pointer (&copy->companion_temp_path, g_free);
    }

  if (g_rename (copy->temp_path, path) != 0)
    {
      set_write_error (error, errno, path);
      g_unlink (companion_path);
      return NULL;
    }
  g_clear_pointer (&copy->temp_path, g_free);

  rapport_sync_folder (copy->folder);

  if (g_stat (path, &st) != 0)
    st.st_size = 0;

  snapshot = g_object_new (RAPPORT_TYPE_SNAPSHOT,
                           "path", path,
                           "time", time,
                           "reason", reason,
                           "size", (guint64) st.st_size,
                           NULL);
  snapshot->sequence = sequence;

  return snapshot;
}

static RapportSnapshot *
take_file (const char             *journal_path,
           RapportSnapshotReason   reason,
           GDateTime              *now,
           GError                **error)
{
  PendingCopy copy = { 0, };
  RapportSnapshot *snapshot = NULL;

  if (start_copy (&copy, journal_path, error))
    snapshot = finish_copy (&copy, reason, now, error);

  pending_copy_clear (&copy);

  return snapshot;
}

static void
prune_after_take (const char *journal_path)
{
  g_autoptr(GError) error = NULL;

  /* The new snapshot is safe either way; the old ones go next time. */
  if (!rapport_snapshot_prune (journal_path, RAPPORT_SNAPSHOT_KEEP, &error))
    g_warning ("Could not delete old copies of the journal: %s", error->message);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  RapportSnapshot *first = *(RapportSnapshot **) a;
  RapportSnapshot *second = *(RapportSnapshot **) b;
  int order = g_date_time_compare (second->time, first->time);

  if (order != 0)
    return order;
  /* Within one second, "-2" was taken after the plain name. */
  if (first->sequence != second->sequence)
    return first->sequence < second->sequence ? 1 : -1;
  return g_strcmp0 (second->path, first->path);
}

/* Removes temporary files a crash left behind, and rollback journals whose snapshot is gone. */
static void
remove_leftovers (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_str_has_prefix (name, TEMP_PREFIX) && g_str_has_suffix (name, TEMP_SUFFIX))
        {
          if (g_lstat (path, &st) == 0 && now - st.st_mtime > STALE_TEMP_SECONDS)
            g_unlink (path);
        }
      else if (g_str_has_suffix (name, SNAPSHOT_SUFFIX JOURNAL_SUFFIX))
        {
          g_autofree char *snapshot_path = NULL;

          snapshot_path = g_strndup (path, strlen (path) - strlen (JOURNAL_SUFFIX));

          if (!g_file_test (snapshot_path, G_FILE_TEST_EXISTS))
            g_unlink (path);
        }
    }
}

/* Maps a failure to open the copy of a snapshot to what it means for the snapshot. */
static void
set_restore_open_error (GError     **error,
                        GError      *database_error,
                        const char  *description)
{
  if (database_error->domain == RAPPORT_DATABASE_ERROR)
    {
      switch (database_error->code)
        {
        case RAPPORT_DATABASE_ERROR_WRONG_KEY:
          g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_WRONG_KEY,
                       _("The copy of your journal from %s does not open with your journal’s "
                         "key, so it was not restored. Your journal was not changed; choose "
                         "another copy."),
                       description);
          return;

        case RAPPORT_DATABASE_ERROR_CORRUPT:
        case RAPPORT_DATABASE_ERROR_NOT_FOUND:
          g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_DAMAGED,
                       _("The copy of your journal from %s is damaged or incomplete, so it was "
                         "not restored. Your journal was not changed; choose another copy."),
                       description);
          return;

        case RAPPORT_DATABASE_ERROR_NEWER_SCHEMA:
          g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NEWER_SCHEMA,
                       _("The copy of your journal from %s was made by a newer version of "
                         "Rapport. Your journal was not changed; update Rapport to restore "
                         "it."),
                       description);
          return;

        case RAPPORT_DATABASE_ERROR_FULL:
          g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FULL,
                       _("There is not enough disk space to restore the copy of your journal "
                         "from %s. Your journal was not changed; free some space and try "
                         "again."),
                       description);
          return;

        default:
          break;
        }
    }

  g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FAILED,
               _("The copy of your journal from %s could not be restored: %s Your journal was "
                 "not changed."),
               description, database_error->message);
}

/* The snapshot (and its rollback journal, if any) copied to restoring_path, opened with key,
 * migrated and checked. */
static gboolean
prepare_restore (const char    *snapshot_path,
                 const char    *restoring_path,
                 const guint8  *key,
                 const char    *description,
                 GError       **error)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  fd = open_new (restoring_path, error);
  if (fd < 0)
    return FALSE;
  if (!copy_into (snapshot_path, fd, restoring_path, error))
    {
      close (fd);
      return FALSE;
    }
  if (!sync_and_close (&fd, restoring_path, error))
    return FALSE;

  if (has_hot_journal (snapshot_path))
    {
      g_autofree char *journal = g_strconcat (snapshot_path, JOURNAL_SUFFIX, NULL);
      g_autofree char *restoring_journal = g_strconcat (restoring_path, JOURNAL_SUFFIX, NULL);

      fd = open_new (restoring_journal, error);
      if (fd < 0)
        return FALSE;
      if (!copy_into (journal, fd, restoring_journal, error))
        {
          close (fd);
          return FALSE;
        }
      if (!sync_and_close (&fd, restoring_journal, error))
        return FALSE;
    }

  database = rapport_database_open (restoring_path, key, RAPPORT_DATABASE_OPEN_EXISTING,
                                    &local_error);
  if (database == NULL || !rapport_database_check_integrity (database, &local_error))
    {
      g_debug ("The snapshot %s does not restore: %s", snapshot_path, local_error->message);
      set_restore_open_error (error, local_error, description);
      return FALSE;
    }

  rapport_database_close (database);

  /* A migration wrote to the copy. */
  return sync_path (restoring_path, error);
}

/* Overrides */

static void
rapport_snapshot_finalize (GObject *object)
{
  RapportSnapshot *self = (RapportSnapshot *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (rapport_snapshot_parent_class)->finalize (object);
}

static void
rapport_snapshot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportSnapshot *self = RAPPORT_SNAPSHOT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;

    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;

    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_snapshot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportSnapshot *self = RAPPORT_SNAPSHOT (object);

  /* Construct-only: each property is set exactly once. */
  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_TIME:
      self->time = g_value_dup_boxed (value);
      break;

    case PROP_REASON:
      self->reason = g_value_get_enum (value);
      break;

    case PROP_SIZE:
      self->size = g_value_get_uint64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_snapshot_class_init (RapportSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_snapshot_finalize;
  object_class->get_property = rapport_snapshot_get_property;
  object_class->set_property = rapport_snapshot_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL,
                       RAPPORT_TYPE_SNAPSHOT_REASON, RAPPORT_SNAPSHOT_REASON_DAILY, flags);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_snapshot_init (RapportSnapshot *self)
{
  self->sequence = 1;
}

/* Public API */

const char *
rapport_snapshot_get_path (RapportSnapshot *self)
{
  g_return_val_if_fail (RAPPORT_IS_SNAPSHOT (self), NULL);

  return self->path;
}

GDateTime *
rapport_snapshot_get_time (RapportSnapshot *self)
{
  g_return_val_if_fail (RAPPORT_IS_SNAPSHOT (self), NULL);

  return self->time;
}

RapportSnapshotReason
rapport_snapshot_get_reason (RapportSnapshot *self)
{
  g_return_val_if_fail (RAPPORT_IS_SNAPSHOT (self), RAPPORT_SNAPSHOT_REASON_DAILY);

  return self->reason;
}

guint64
rapport_snapshot_get_size (RapportSnapshot *self)
{
  g_return_val_if_fail (RAPPORT_IS_SNAPSHOT (self), 0);

  return self->size;
}

char *
rapport_snapshot_dup_folder (const char *journal_path)
{
  g_autofree char *parent = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  parent = g_path_get_dirname (journal_path);

  return g_build_filename (parent, FOLDER_NAME, NULL);
}

RapportSnapshot *
rapport_snapshot_take_file (const char             *journal_path,
                            RapportSnapshotReason   reason,
                            GDateTime              *now,
                            GError                **error)
{
  RapportSnapshot *snapshot;

  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  snapshot = take_file (journal_path, reason, now, error);
  if (snapshot != NULL)
    prune_after_take (journal_path);

  return snapshot;
}

RapportSnapshot *
rapport_snapshot_take (RapportDatabase         *database,
                       RapportSnapshotReason    reason,
                       GDateTime               *now,
                       GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  PendingCopy copy = { 0, };
  RapportSnapshot *snapshot = NULL;
  const char *journal_path;
  gboolean copied;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  journal_path = rapport_database_get_path (database);

  /* The write lock keeps every other connection from changing the file while its bytes are
   * read; readers carry on. Syncing the copy needs no lock, so it happens after. */
  if (!rapport_database_begin (database, &local_error))
    {
      if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_BUSY))
        g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_BUSY,
                     _("Could not copy the journal while it is being written. Nothing was "
                       "changed; try again in a moment."));
      else
        g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_FAILED,
                     _("Could not copy the journal: %s"), local_error->message);
      return NULL;
    }

  copied = start_copy (&copy, journal_path, error);
  rapport_database_rollback (database);

  if (copied)
    snapshot = finish_copy (&copy, reason, now, error);

  pending_copy_clear (&copy);

  if (snapshot != NULL)
    prune_after_take (journal_path);

  return snapshot;
}

GPtrArray *
rapport_snapshot_list (const char  *journal_path,
                       GError     **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  folder = rapport_snapshot_dup_folder (journal_path);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&snapshots);

      g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_READ_ONLY,
                   _("Could not read the copies of your journal in “%s”: %s. Check the folder’s "
                     "permissions."),
                   folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *path = NULL;
      RapportSnapshot *snapshot;
      RapportSnapshotReason reason;
      guint sequence;
      GStatBuf st;

      if (!parse_name (name, &time, &reason, &sequence))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      snapshot = g_object_new (RAPPORT_TYPE_SNAPSHOT,
                               "path", path,
                               "time", time,
                               "reason", reason,
                               "size", (guint64) st.st_size,
                               NULL);
      snapshot->sequence = sequence;
      g_ptr_array_add (snapshots, snapshot);
    }

  g_ptr_array_sort (snapshots, compare_newest_first);

  return g_steal_pointer (&snapshots);
}

gboolean
rapport_snapshot_prune (const char  *journal_path,
                        guint        keep,
                        GError     **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *folder = NULL;
  int failed_errno = 0;
  const char *failed_path = NULL;

  g_return_val_if_fail (journal_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  snapshots = rapport_snapshot_list (journal_path, error);
  if (snapshots == NULL)
    return FALSE;

  for (guint i = keep; i < snapshots->len; i++)
    {
      RapportSnapshot *snapshot = g_ptr_array_index (snapshots, i);
      g_autofree char *journal = g_strconcat (snapshot->path, JOURNAL_SUFFIX, NULL);

      /* The rollback journal first: alone, it is a leftover; a snapshot without it would be
       * damaged. */
      g_unlink (journal);
      if (g_unlink (snapshot->path) != 0 && failed_path == NULL)
        {
          failed_errno = errno;
          failed_path = snapshot->path;
        }
    }

  folder = rapport_snapshot_dup_folder (journal_path);
  remove_leftovers (folder);
  rapport_sync_folder (folder);

  if (failed_path != NULL)
    {
      g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_READ_ONLY,
                   _("Could not delete the old copy of your journal “%s”: %s. Check that the "
                     "folder can be written."),
                   failed_path, g_strerror (failed_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_snapshot_is_daily_due (const char *journal_path,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GDateTime) taken = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  RapportSnapshot *newest;
  GStatBuf st;
  int year, month, day;
  int taken_year, taken_month, taken_day;

  g_return_val_if_fail (journal_path != NULL, FALSE);

  if (g_stat (journal_path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;

  snapshots = rapport_snapshot_list (journal_path, NULL);
  if (snapshots == NULL)
    return FALSE;
  if (snapshots->len == 0)
    return TRUE;

  if (now == NULL)
    now = current = g_date_time_new_now_local ();

  newest = g_ptr_array_index (snapshots, 0);
  taken = g_date_time_to_timezone (newest->time, g_date_time_get_timezone (now));

  g_date_time_get_ymd (now, &year, &month, &day);
  g_date_time_get_ymd (taken, &taken_year, &taken_month, &taken_day);
  if (taken_year > year ||
      (taken_year == year && (taken_month > month ||
                              (taken_month == month && taken_day >= day))))
    return FALSE;

  /* Times in names are whole seconds: a change within the snapshot's second counts as a
   * change, so a day's edits are never left without a copy. */
  return (gint64) st.st_mtime >= g_date_time_to_unix (newest->time);
}

gboolean
rapport_snapshot_restore (const char    *journal_path,
                          const char    *snapshot_path,
                          const guint8  *key,
                          GDateTime     *now,
                          GError       **error)
{
  g_autoptr(RapportSnapshot) before = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *restoring_path = NULL;
  g_autofree char *journal_folder = NULL;
  g_autofree char *stale_journal = NULL;
  GStatBuf st;

  g_return_val_if_fail (journal_path != NULL, FALSE);
  g_return_val_if_fail (snapshot_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  description = describe_snapshot (snapshot_path);

  if (g_stat (snapshot_path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, RAPPORT_SNAPSHOT_ERROR, RAPPORT_SNAPSHOT_ERROR_NOT_FOUND,
                   _("The copy of your journal from %s is no longer there. Your journal was not "
                     "changed; choose another copy."),
                   description);
      return FALSE;
    }

  journal_folder = g_path_get_dirname (journal_path);
  if (g_mkdir_with_parents (journal_folder, 0700) != 0)
    {
      set_write_error (error, errno, journal_folder);
      return FALSE;
    }

  /* Beside the journal, so the final rename stays on one file system and is atomic. What a
   * restore cut short by a crash left here was never anyone's journal. */
  restoring_path = g_strconcat (journal_path, RESTORING_SUFFIX, NULL);
  remove_with_journal (restoring_path);

  if (!prepare_restore (snapshot_path, restoring_path, key, description, error))
    goto failed;

  if (g_file_test (journal_path, G_FILE_TEST_EXISTS))
    {
      before = take_file (journal_path, RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE, now,
                          &local_error);
      if (before == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Your journal could not be kept as a copy first, so "
                                        "nothing was restored: "));
          goto failed;
        }
    }

  if (g_rename (restoring_path, journal_path) != 0)
    {
      set_write_error (error, errno, journal_path);
      goto failed;
    }

  /* A rollback journal a crash left beside the old file belongs to the old file (the copy kept
   * before the restore has it): rolled "back" into the restored one, it would damage it. */
  stale_journal = g_strconcat (journal_path, JOURNAL_SUFFIX, NULL);
  g_unlink (stale_journal);
  rapport_sync_folder (journal_folder);

  prune_after_take (journal_path);

  return TRUE;

failed:
  remove_with_journal (restoring_path);
  return FALSE;
}
