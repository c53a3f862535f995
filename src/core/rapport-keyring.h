/* rapport-keyring.h
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
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define RAPPORT_KEYRING_ERROR (rapport_keyring_error_quark ())

typedef enum
{
  RAPPORT_KEYRING_ERROR_UNAVAILABLE,  /* no Secret Service (or portal) answered */
  RAPPORT_KEYRING_ERROR_LOCKED,       /* the keyring holding the key is locked */
  RAPPORT_KEYRING_ERROR_NOT_FOUND,    /* no key stored for this journal */
  RAPPORT_KEYRING_ERROR_INVALID,      /* something is stored, but it is not a key */
  RAPPORT_KEYRING_ERROR_RANDOM,       /* getrandom() failed */
} RapportKeyringError;

GQuark             rapport_keyring_error_quark     (void);

/* Schema "io.github.rapportjournal.Rapport.DatabaseKey", attribute "journal" = database path. */
const SecretSchema *rapport_keyring_get_schema     (void);

/* 32 bytes from getrandom(). */
gboolean           rapport_keyring_generate_key    (guint8        *key_out,
                                                    GError       **error);

/* The key is stored as 64 lower-case hex digits in the default collection. */
gboolean           rapport_keyring_store_key       (const char    *database_path,
                                                    const guint8  *key,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
/* Fills key_out (32 bytes) or fails with RAPPORT_KEYRING_ERROR, message translated. */
gboolean           rapport_keyring_lookup_key      (const char    *database_path,
                                                    guint8        *key_out,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
/* TRUE also when there was nothing to clear. */
gboolean           rapport_keyring_clear_key       (const char    *database_path,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

G_END_DECLS
