/* rapport-keyring.c
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

#define G_LOG_DOMAIN "rapport-keyring"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "rapport-keyring.h"

#define KEY_SIZE 32
#define HEX_SIZE (KEY_SIZE * 2)

G_DEFINE_QUARK (rapport-keyring-error-quark, rapport_keyring_error)

static const SecretSchema schema = {
  "io.github.rapportjournal.Rapport.DatabaseKey",
  SECRET_SCHEMA_NONE,
  {
    { "journal", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* Inside Flatpak, libsecret keeps the key in a file keyring unlocked through the portal: there is
 * no Secret Service to ask about locked collections, and nothing there can prompt. */
static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
set_unavailable_error (GError **error,
                       GError  *cause)
{
  /* The bus's own words ("not provided by any .service files") help no one reading the page. */
  g_debug ("No Secret Service: %s", cause->message);
  g_set_error_literal (error,
                       RAPPORT_KEYRING_ERROR,
                       RAPPORT_KEYRING_ERROR_UNAVAILABLE,
                       _("The keyring (Secret Service) is not available, so Rapport cannot find "
                         "the journal’s key. Start your desktop’s keyring and choose Retry, or "
                         "enter the journal’s recovery code."));
}

static void
set_locked_error (GError **error)
{
  g_set_error_literal (error,
                       RAPPORT_KEYRING_ERROR,
                       RAPPORT_KEYRING_ERROR_LOCKED,
                       _("Your login keyring is locked. Unlock it and choose Retry, or enter "
                         "the journal’s recovery code."));
}

/* Cancellation stays G_IO_ERROR_CANCELLED so callers can tell it from a failure. */
static void
propagate_secret_error (GError **error,
                        GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    set_locked_error (error);
  else
    set_unavailable_error (error, cause);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Parses exactly 64 hex digits into key_out without leaving partial key bytes behind on failure. */
static gboolean
parse_hex_key (const char *hex,
               guint8     *key_out)
{
  guint8 key[KEY_SIZE];
  gboolean ok = TRUE;

  if (strlen (hex) != HEX_SIZE)
    return FALSE;

  for (guint i = 0; i < KEY_SIZE && ok; i++)
    {
      int hi = hex_value (hex[2 * i]);
      int lo = hex_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        ok = FALSE;
      else
        key[i] = (hi << 4) | lo;
    }

  if (ok)
    memcpy (key_out, key, KEY_SIZE);

  explicit_bzero (key, sizeof key);

  return ok;
}

static SecretCollection *
get_default_collection (GCancellable *cancellable)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) local_error = NULL;
  SecretCollection *collection;

  /* Not SECRET_SERVICE_LOAD_COLLECTIONS: when no Secret Service answers, libsecret 0.20 then hits a
   * critical warning (paths != NULL) in secret_service_load_collections_sync(). */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);
  if (service == NULL)
    {
      g_debug ("Could not reach the Secret Service: %s", local_error->message);
      return NULL;
    }

  collection = secret_collection_for_alias_sync (service,
                                                 SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE,
                                                 cancellable,
                                                 &local_error);
  if (local_error != NULL)
    g_debug ("Could not find the default collection: %s", local_error->message);

  return collection;
}

/* Whether the default collection is known to be locked. Any failure to find out counts as "not
 * known", so this check never turns a working lookup into an error. */
static gboolean
default_collection_is_locked (GCancellable *cancellable)
{
  g_autoptr(SecretCollection) collection = NULL;

  if (in_flatpak ())
    return FALSE;

  collection = get_default_collection (cancellable);

  return collection != NULL && secret_collection_get_locked (collection);
}

/* Which of the items holding this journal's key are locked, asked without SECRET_SEARCH_UNLOCK.
 * secret_password_lookup_sync() asks the Secret Service to unlock a locked item, and gnome-keyring
 * answers with a password prompt: with a display but nobody to answer it (a test session, a
 * session that is still starting), the lookup never returns. A search never prompts. Any failure
 * leaves both flags FALSE, so this check never turns a working call into an error. */
static void
inspect_items (const char   *database_path,
               GCancellable *cancellable,
               gboolean     *any_locked,
               gboolean     *any_unlocked)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  GList *items;

  *any_locked = FALSE;
  *any_unlocked = FALSE;

  if (in_flatpak ())
    return;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);
  if (service == NULL)
    {
      g_debug ("Could not reach the Secret Service: %s", local_error->message);
      return;
    }

  attributes = secret_attributes_build (&schema, "journal", database_path, NULL);
  items = secret_service_search_sync (service,
                                      &schema,
                                      attributes,
                                      SECRET_SEARCH_ALL,
                                      cancellable,
                                      &local_error);
  if (local_error != NULL)
    {
      g_debug ("Could not search the Secret Service: %s", local_error->message);
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      if (secret_item_get_locked (l->data))
        *any_locked = TRUE;
      else
        *any_unlocked = TRUE;
    }

  g_list_free_full (items, g_object_unref);
}

const SecretSchema *
rapport_keyring_get_schema (void)
{
  return &schema;
}

gboolean
rapport_keyring_generate_key (guint8  *key_out,
                              GError **error)
{
  gsize filled = 0;

  g_return_val_if_fail (key_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (filled < KEY_SIZE)
    {
      ssize_t n = getrandom (key_out + filled, KEY_SIZE - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          explicit_bzero (key_out, KEY_SIZE);
          g_set_error (error,
                       RAPPORT_KEYRING_ERROR,
                       RAPPORT_KEYRING_ERROR_RANDOM,
                       _("Could not make a new key, the system’s random number generator "
                         "failed: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }

      filled += n;
    }

  return TRUE;
}

gboolean
rapport_keyring_store_key (const char    *database_path,
                           const guint8  *key,
                           GCancellable  *cancellable,
                           GError       **error)
{
  static const char digits[] = "0123456789abcdef";
  g_autoptr(GError) local_error = NULL;
  char hex[HEX_SIZE + 1];
  gboolean ok;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Storing into a locked collection would prompt too; report it like a lookup does. */
  if (default_collection_is_locked (cancellable))
    {
      set_locked_error (error);
      return FALSE;
    }

  for (guint i = 0; i < KEY_SIZE; i++)
    {
      hex[2 * i] = digits[key[i] >> 4];
      hex[2 * i + 1] = digits[key[i] & 0xf];
    }
  hex[HEX_SIZE] = '\0';

  ok = secret_password_store_sync (&schema,
                                   SECRET_COLLECTION_DEFAULT,
                                   _("Rapport journal key"),
                                   hex,
                                   cancellable,
                                   &local_error,
                                   "journal", database_path,
                                   NULL);
  explicit_bzero (hex, sizeof hex);

  if (!ok)
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_keyring_lookup_key (const char    *database_path,
                            guint8        *key_out,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean any_locked;
  gboolean any_unlocked;
  char *hex;
  gboolean ok;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (key_out != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  inspect_items (database_path, cancellable, &any_locked, &any_unlocked);
  if (any_locked && !any_unlocked)
    {
      set_locked_error (error);
      return FALSE;
    }

  hex = secret_password_lookup_sync (&schema, cancellable, &local_error,
                                     "journal", database_path,
                                     NULL);
  if (local_error != NULL)
    {
      g_clear_pointer (&hex, secret_password_free);
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  if (hex == NULL)
    {
      /* A Secret Service other than gnome-keyring may hide the items of a locked collection. */
      if (default_collection_is_locked (cancellable))
        set_locked_error (error);
      else
        g_set_error_literal (error,
                             RAPPORT_KEYRING_ERROR,
                             RAPPORT_KEYRING_ERROR_NOT_FOUND,
                             _("The key for this journal is not in your keyring. "
                               "Enter the journal’s recovery code to open it."));
      return FALSE;
    }

  ok = parse_hex_key (hex, key_out);
  secret_password_free (hex);

  if (!ok)
    {
      g_set_error_literal (error,
                           RAPPORT_KEYRING_ERROR,
                           RAPPORT_KEYRING_ERROR_INVALID,
                           _("The keyring holds something for this journal that is not a valid "
                             "key. Enter the journal’s recovery code to open it."));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_keyring_clear_key (const char    *database_path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean any_locked;
  gboolean any_unlocked;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* gnome-keyring silently skips locked items, which would leave the key behind while reporting
   * success. */
  inspect_items (database_path, cancellable, &any_locked, &any_unlocked);
  if (any_locked)
    {
      set_locked_error (error);
      return FALSE;
    }

  /* FALSE without an error means there was nothing to clear. */
  if (!secret_password_clear_sync (&schema, cancellable, &local_error,
                                   "journal", database_path,
                                   NULL) &&
      local_error != NULL)
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
