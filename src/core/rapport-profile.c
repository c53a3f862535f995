/* rapport-profile.c
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

#define G_LOG_DOMAIN "rapport-profile"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-database.h"
#include "rapport-keyring.h"
#include "rapport-profile.h"
#include "rapport-recovery-code.h"
#include "rapport-snapshot.h"
#include "rapport-sync.h"

struct _RapportProfile
{
  GObject   parent_instance;

  char     *data_dir;
  char     *database_path;

  /* The key of the open journal, for the recovery code; open_async writes it from a thread. */
  GMutex    key_lock;
  guint8    key[RAPPORT_DATABASE_KEY_SIZE];
  gboolean  has_key;

  /* A throwaway journal (rapport_profile_new_demo): its key lives only in key above. */
  gboolean  demo;
};

G_DEFINE_FINAL_TYPE (RapportProfile, rapport_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-profile-error-quark, rapport_profile_error)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEMO_FOLDER_PREFIX "rapport-demo-"

static void
remember_key (RapportProfile *self,
              const guint8   *key)
{
  g_mutex_lock (&self->key_lock);
  memcpy (self->key, key, RAPPORT_DATABASE_KEY_SIZE);
  self->has_key = TRUE;
  g_mutex_unlock (&self->key_lock);
}

/* The key of the journal: from the keyring, or a demo's from memory only. */
static gboolean
lookup_key (RapportProfile  *self,
            guint8          *key,
            GCancellable    *cancellable,
            GError         **error)
{
  gboolean found;

  if (!self->demo)
    return rapport_keyring_lookup_key (self->database_path, key, cancellable, error);

  g_mutex_lock (&self->key_lock);
  found = self->has_key;
  if (found)
    memcpy (key, self->key, RAPPORT_DATABASE_KEY_SIZE);
  g_mutex_unlock (&self->key_lock);

  if (!found)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                         _("This demo journal was closed and its key forgotten. Start the demo "
                           "again."));

  return found;
}

/* A demo's key never leaves the process. */
static gboolean
store_key (RapportProfile  *self,
           const guint8    *key,
           GCancellable    *cancellable,
           GError         **error)
{
  if (self->demo)
    return TRUE;

  return rapport_keyring_store_key (self->database_path, key, cancellable, error);
}

/* Removes path and everything below it, without following symbolic links. */
static void
remove_tree (const char *path)
{
  GStatBuf buf;

  if (g_lstat (path, &buf) != 0)
    return;

  if (S_ISDIR (buf.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }

      if (g_rmdir (path) != 0)
        g_warning ("Could not remove the demo folder %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    {
      g_warning ("Could not remove %s from the demo folder: %s", path, g_strerror (errno));
    }
}

/* The runtime folder is the person's own, usually in memory, and emptied at logout even when
 * the demo could not clean up after itself. */
static char *
make_demo_folder (GError **error)
{
  const char *runtime_dir = g_get_user_runtime_dir ();

  if (g_file_test (runtime_dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *template = g_build_filename (runtime_dir, DEMO_FOLDER_PREFIX "XXXXXX",
                                                    NULL);

      if (g_mkdtemp_full (template, 0700) != NULL)
        return g_steal_pointer (&template);

      g_debug ("No demo folder in %s: %s", runtime_dir, g_strerror (errno));
    }

  return g_dir_make_tmp (DEMO_FOLDER_PREFIX "XXXXXX", error);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Turns a database failure into what the profile tells people. The file is never touched on
 * these paths, and the messages say so where it matters. */
static void
propagate_database_error (GError       **error,
                          GError        *database_error,
                          const char    *wrong_key_message)
{
  if (database_error->domain != RAPPORT_DATABASE_ERROR)
    {
      g_set_error_literal (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_FAILED,
                           database_error->message);
      g_error_free (database_error);
      return;
    }

  switch ((RapportDatabaseError) database_error->code)
    {
    case RAPPORT_DATABASE_ERROR_WRONG_KEY:
      g_set_error_literal (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_WRONG_KEY,
                           wrong_key_message);
      break;

    case RAPPORT_DATABASE_ERROR_CORRUPT:
      g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_CORRUPT,
                   _("The journal file is damaged and cannot be opened. Rapport left the file "
                     "untouched; restore it from a backup. (%s)"),
                   database_error->message);
      break;

    case RAPPORT_DATABASE_ERROR_NOT_FOUND:
      g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL,
                   _("There is no journal yet. Create one to start. (%s)"),
                   database_error->message);
      break;

    case RAPPORT_DATABASE_ERROR_EXISTS:
      g_set_error_literal (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_EXISTS,
                           database_error->message);
      break;

    case RAPPORT_DATABASE_ERROR_FAILED:
    case RAPPORT_DATABASE_ERROR_NOT_SQLCIPHER:
    case RAPPORT_DATABASE_ERROR_NEWER_SCHEMA:
    case RAPPORT_DATABASE_ERROR_FULL:
    case RAPPORT_DATABASE_ERROR_BUSY:
    case RAPPORT_DATABASE_ERROR_READ_ONLY:
    default:
      g_set_error_literal (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_FAILED,
                           database_error->message);
      break;
    }

  g_error_free (database_error);
}

static RapportStore *
open_with_key (RapportProfile  *self,
               const guint8    *key,
               const char      *wrong_key_message,
               GError         **error)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) store = NULL;
  GError *local_error = NULL;

  database = rapport_database_open (self->database_path, key, RAPPORT_DATABASE_OPEN_JOURNAL,
                                     &local_error);
  if (database == NULL)
    {
      propagate_database_error (error, local_error, wrong_key_message);
      return NULL;
    }

  store = rapport_store_new (database, &local_error);
  if (store == NULL)
    {
      propagate_database_error (error, local_error, wrong_key_message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* The key the restored journal is written with: the journal's own (so its recovery code stays
 * valid), or a new one on a first run. Never a new key while a journal is there: that journal
 * may still open with its recovery code, and restoring is not the place to give up on it. */
static gboolean
get_key_for_restore (RapportProfile  *self,
                     guint8          *key,
                     gboolean        *key_is_new,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  *key_is_new = FALSE;

  if (lookup_key (self, key, cancellable, &local_error))
    return TRUE;

  if (g_error_matches (local_error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_NOT_FOUND))
    {
      if (rapport_profile_has_journal (self))
        {
          g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE,
                       _("The key of your journal is not in your login keyring, so Rapport will "
                         "not replace the journal. Unlock it with its recovery code first, then "
                         "restore the backup."));
          return FALSE;
        }

      g_clear_error (&local_error);
      if (rapport_keyring_generate_key (key, &local_error) &&
          store_key (self, key, cancellable, &local_error))
        {
          *key_is_new = TRUE;
          return TRUE;
        }
    }

  explicit_bzero (key, RAPPORT_DATABASE_KEY_SIZE);

  if (is_cancelled (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE,
               _("Rapport needs your login keyring to keep the key of your journal, and it could "
                 "not be used: %s Unlock your login keyring and try again."),
               local_error->message);
  return FALSE;
}

static void
remove_journal_files (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_remove (journal);
  g_remove (path);
}


static void
open_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RapportProfile *self = source_object;
  RapportStore *store;
  GError *error = NULL;

  store = rapport_profile_open (self, cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
rapport_profile_constructed (GObject *object)
{
  RapportProfile *self = (RapportProfile *)object;

  G_OBJECT_CLASS (rapport_profile_parent_class)->constructed (object);

  if (self->data_dir == NULL)
    self->data_dir = g_build_filename (g_get_user_data_dir (), "rapport", NULL);

  self->database_path = g_build_filename (self->data_dir, "rapport.db", NULL);
}

static void
rapport_profile_finalize (GObject *object)
{
  RapportProfile *self = (RapportProfile *)object;

  if (self->demo)
    rapport_profile_discard_demo (self);

  explicit_bzero (self->key, sizeof self->key);
  self->has_key = FALSE;
  g_mutex_clear (&self->key_lock);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (rapport_profile_parent_class)->finalize (object);
}

static void
rapport_profile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RapportProfile *self = RAPPORT_PROFILE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_profile_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RapportProfile *self = RAPPORT_PROFILE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_free (self->data_dir);
      self->data_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_profile_class_init (RapportProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_profile_constructed;
  object_class->finalize = rapport_profile_finalize;
  object_class->get_property = rapport_profile_get_property;
  object_class->set_property = rapport_profile_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_profile_init (RapportProfile *self)
{
  g_mutex_init (&self->key_lock);
}

RapportProfile *
rapport_profile_new (const char *data_dir)
{
  return g_object_new (RAPPORT_TYPE_PROFILE,
                       "data-dir", data_dir,
                       NULL);
}

RapportProfile *
rapport_profile_new_demo (GError **error)
{
  g_autoptr(RapportProfile) self = NULL;
  g_autofree char *data_dir = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data_dir = make_demo_folder (error);
  if (data_dir == NULL)
    return NULL;

  self = rapport_profile_new (data_dir);
  /* From here on the folder goes with the profile, whatever happens next. */
  self->demo = TRUE;

  if (!rapport_keyring_generate_key (key, error))
    return NULL;

  remember_key (self, key);
  explicit_bzero (key, sizeof key);

  return g_steal_pointer (&self);
}

gboolean
rapport_profile_is_demo (RapportProfile *self)
{
  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), FALSE);

  return self->demo;
}

void
rapport_profile_discard_demo (RapportProfile *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (RAPPORT_IS_PROFILE (self));

  if (!self->demo)
    return;

  g_mutex_lock (&self->key_lock);
  explicit_bzero (self->key, sizeof self->key);
  self->has_key = FALSE;
  g_mutex_unlock (&self->key_lock);

  /* Only ever a folder rapport_profile_new_demo made. */
  name = g_path_get_basename (self->data_dir);
  if (g_str_has_prefix (name, DEMO_FOLDER_PREFIX))
    remove_tree (self->data_dir);
}

const char *
rapport_profile_get_data_dir (RapportProfile *self)
{
  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);

  return self->data_dir;
}

const char *
rapport_profile_get_database_path (RapportProfile *self)
{
  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);

  return self->database_path;
}

gboolean
rapport_profile_has_journal (RapportProfile *self)
{
  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), FALSE);

  return g_file_test (self->database_path, G_FILE_TEST_EXISTS);
}

RapportStore *
rapport_profile_create (RapportProfile  *self,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  gboolean key_is_new = FALSE;

  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rapport_profile_has_journal (self))
    {
      g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_EXISTS,
                   _("A journal already exists in “%s”. Open it instead of creating a new one."),
                   self->data_dir);
      return NULL;
    }

  /* A key left behind (its journal file removed by hand) is reused: replacing it could
   * destroy the only way into a journal that is only moved away for now. */
  if (!lookup_key (self, key, cancellable, &local_error))
    {
      if (!g_error_matches (local_error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_NOT_FOUND))
        goto keyring_failed;

      g_clear_error (&local_error);

      if (!rapport_keyring_generate_key (key, &local_error) ||
          !store_key (self, key, cancellable, &local_error))
        goto keyring_failed;

      key_is_new = TRUE;
    }
  else
    {
      g_debug ("Reusing the key stored for %s", self->database_path);
    }

  database = rapport_database_open (self->database_path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                     &local_error);
  if (database != NULL)
    {
      store = rapport_store_new (database, &local_error);
      if (store == NULL)
        {
          /* The file is the empty journal made a moment ago; leave nothing half-made. */
          g_autofree char *journal = g_strconcat (self->database_path, "-journal", NULL);

          rapport_database_close (database);
          g_remove (journal);
          g_remove (self->database_path);
        }
    }

  if (store == NULL)
    {
      if (key_is_new)
        {
          g_autoptr(GError) clear_error = NULL;

          if (!rapport_keyring_clear_key (self->database_path, NULL, &clear_error))
            g_warning ("Could not remove the unused key from the keyring: %s",
                       clear_error->message);
        }

      explicit_bzero (key, sizeof key);
      propagate_database_error (error, g_steal_pointer (&local_error),
                                _("The key in your keyring does not open this journal."));
      return NULL;
    }

  remember_key (self, key);
  explicit_bzero (key, sizeof key);

  return g_steal_pointer (&store);

keyring_failed:
  explicit_bzero (key, sizeof key);

  if (is_cancelled (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE,
               _("Rapport needs your login keyring to keep the key of your journal, and it could "
                 "not be used: %s Unlock your login keyring (or install a Secret Service such as "
                 "GNOME Keyring) and try again."),
               local_error->message);
  return NULL;
}

RapportStore *
rapport_profile_open (RapportProfile  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rapport_profile_has_journal (self))
    {
      g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL,
                   _("There is no journal in “%s” yet. Create one to start."), self->data_dir);
      return NULL;
    }

  if (!lookup_key (self, key, cancellable, &local_error))
    {
      explicit_bzero (key, sizeof key);

      if (is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* The keyring's message says what happened and what to do. */
      g_set_error_literal (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE,
                           local_error->message);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      explicit_bzero (key, sizeof key);
      return NULL;
    }

  store = open_with_key (self, key,
                         _("The key in your keyring does not open this journal. Use your "
                           "recovery code to unlock it."),
                         error);
  if (store != NULL)
    remember_key (self, key);

  explicit_bzero (key, sizeof key);

  return g_steal_pointer (&store);
}

void
rapport_profile_open_async (RapportProfile      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_PROFILE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_profile_open_async);
  g_task_run_in_thread (task, open_thread_cb);
}

RapportStore *
rapport_profile_open_finish (RapportProfile  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_profile_open_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

RapportStore *
rapport_profile_unlock_with_recovery_code (RapportProfile  *self,
                                           const char      *code,
                                           GError         **keyring_error,
                                           GError         **error)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (keyring_error == NULL || *keyring_error == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rapport_recovery_code_parse (code, key, error))
    {
      explicit_bzero (key, sizeof key);
      return NULL;
    }

  if (!rapport_profile_has_journal (self))
    {
      explicit_bzero (key, sizeof key);
      g_set_error (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_NO_JOURNAL,
                   _("There is no journal in “%s” to unlock."), self->data_dir);
      return NULL;
    }

  store = open_with_key (self, key,
                         _("This recovery code belongs to a different journal. Check that it is "
                           "the code you saved for this journal."),
                         error);
  if (store == NULL)
    {
      explicit_bzero (key, sizeof key);
      return NULL;
    }

  remember_key (self, key);

  /* The journal is open either way; the person is told when the keyring could not take it. */
  if (!store_key (self, key, NULL, &local_error))
    {
      g_message ("Could not put the key back into the keyring: %s", local_error->message);
      g_propagate_error (keyring_error, g_steal_pointer (&local_error));
    }

  explicit_bzero (key, sizeof key);

  return g_steal_pointer (&store);
}

char *
rapport_profile_dup_recovery_code (RapportProfile *self)
{
  char *code = NULL;

  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);

  g_mutex_lock (&self->key_lock);
  if (self->has_key)
    code = rapport_recovery_code_format (self->key);
  g_mutex_unlock (&self->key_lock);

  return code;
}

RapportStore *
rapport_profile_restore_backup (RapportProfile  *self,
                                const char      *backup_path,
                                const char      *passphrase,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *restoring_path = NULL;
  g_autofree char *stale_journal = NULL;
  RapportStore *store;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  gboolean key_is_new = FALSE;

  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!get_key_for_restore (self, key, &key_is_new, cancellable, error))
    return NULL;

  /* What a restore cut short by a crash left behind was never anyone's journal. */
  restoring_path = g_strconcat (self->database_path, ".restoring", NULL);
  remove_journal_files (restoring_path);

  if (!rapport_database_restore_backup (backup_path, passphrase, restoring_path, key,
                                        cancellable, &local_error))
    goto failed;

  /* The journal being replaced is kept as a snapshot (same key), so a restore of the wrong
   * backup can be undone from Preferences. Without that copy, nothing is replaced. */
  if (g_file_test (self->database_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(RapportSnapshot) before = NULL;
      g_autoptr(GError) snapshot_error = NULL;

      before = rapport_snapshot_take_file (self->database_path,
                                           RAPPORT_SNAPSHOT_REASON_BEFORE_RESTORE, NULL,
                                           &snapshot_error);
      if (before == NULL)
        {
          g_set_error (&local_error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_FAILED,
                       _("Could not keep a copy of your journal before restoring (%s), so it "
                         "was not replaced. Free some disk space and try again."),
                       snapshot_error->message);
          remove_journal_files (restoring_path);
          goto failed;
        }
    }

  if (g_rename (restoring_path, self->database_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_FAILED,
                   _("Could not put the restored journal in place: %s. Your journal was not "
                     "changed; check that “%s” can be written and try again."),
                   g_strerror (saved_errno), self->data_dir);
      remove_journal_files (restoring_path);
      goto failed;
    }

  /* A rollback journal a crash left beside the old file belongs to the old file: rolled
   * "back" into the restored one, it would damage it. */
  stale_journal = g_strconcat (self->database_path, "-journal", NULL);
  g_remove (stale_journal);
  rapport_sync_folder (self->data_dir);

  store = open_with_key (self, key,
                         _("The restored journal does not open with its key. Restore the backup "
                           "again."),
                         error);
  if (store != NULL)
    remember_key (self, key);

  explicit_bzero (key, sizeof key);

  return store;

failed:
  if (key_is_new)
    {
      g_autoptr(GError) clear_error = NULL;

      if (!rapport_keyring_clear_key (self->database_path, NULL, &clear_error))
        g_warning ("Could not remove the unused key from the keyring: %s", clear_error->message);
    }

  explicit_bzero (key, sizeof key);

  /* The backup's own errors (RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE above all) stay as they
   * are: the caller tells them apart to let the person try again. */
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

char *
rapport_profile_check_passphrase (const char *passphrase)
{
  if (passphrase != NULL && !g_utf8_validate (passphrase, -1, NULL))
    return g_strdup (_("The passphrase is not plain text (UTF-8). Type it again."));

  if (passphrase == NULL || g_utf8_strlen (passphrase, -1) < RAPPORT_PROFILE_MIN_PASSPHRASE_LENGTH)
    return g_strdup_printf (ngettext ("The passphrase needs at least %d character.",
                                      "The passphrase needs at least %d characters.",
                                      RAPPORT_PROFILE_MIN_PASSPHRASE_LENGTH),
                            RAPPORT_PROFILE_MIN_PASSPHRASE_LENGTH);

  return NULL;
}

RapportStore *
rapport_profile_restore_snapshot (RapportProfile  *self,
                                  const char      *snapshot_path,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportStore *store;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];

  g_return_val_if_fail (RAPPORT_IS_PROFILE (self), NULL);
  g_return_val_if_fail (snapshot_path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lookup_key (self, key, cancellable, &local_error))
    {
      explicit_bzero (key, sizeof key);

      if (is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_debug ("No key to restore a snapshot with: %s", local_error->message);
      g_set_error_literal (error, RAPPORT_PROFILE_ERROR, RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE,
                           _("The snapshot was not restored: Rapport cannot read the journal’s "
                             "key from your keyring. Unlock your login keyring and try again. "
                             "Your journal was not changed."));
      return NULL;
    }

  if (!rapport_snapshot_restore (self->database_path, snapshot_path, key, NULL, error))
    {
      explicit_bzero (key, sizeof key);
      return NULL;
    }

  store = open_with_key (self, key,
                         _("The restored journal does not open with its key. Choose another "
                           "snapshot in Preferences."),
                         error);
  if (store != NULL)
    remember_key (self, key);

  explicit_bzero (key, sizeof key);

  return store;
}
