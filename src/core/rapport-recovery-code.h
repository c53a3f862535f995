/* rapport-recovery-code.h
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

#include <glib.h>

G_BEGIN_DECLS

/* The database key written for people: 17 groups of 4 characters from Crockford's base32 alphabet
 * (0-9, A-Z without I, L, O, U), "XXXX-XXXX-...". Each of the first 16 groups carries 2 key bytes
 * and a 4-bit check of its own, so a typo is pinned to its group; the last group is a 20-bit check
 * of the whole key, so a typo that slips past a group check is still caught. */

#define RAPPORT_RECOVERY_CODE_ERROR (rapport_recovery_code_error_quark ())

typedef enum
{
  RAPPORT_RECOVERY_CODE_ERROR_LENGTH,       /* not 68 code characters once spaces and dashes are dropped */
  RAPPORT_RECOVERY_CODE_ERROR_CHARACTER,    /* a character that recovery codes never use */
  RAPPORT_RECOVERY_CODE_ERROR_GROUP,        /* one group fails its check: the message names the group */
  RAPPORT_RECOVERY_CODE_ERROR_CHECKSUM,     /* the groups pass but the whole-key check does not */
} RapportRecoveryCodeError;

#define RAPPORT_RECOVERY_CODE_GROUPS 17

GQuark    rapport_recovery_code_error_quark (void);

/* key is RAPPORT_DATABASE_KEY_SIZE (32) bytes. Returns "ABCD-EFGH-..." (upper case). */
char     *rapport_recovery_code_format      (const guint8  *key);

/* Accepts lower case, spaces, dashes, and Crockford's look-alikes (O for 0, I and L for 1).
 * On success writes 32 bytes to key_out. Errors are translated and say what to check. */
gboolean  rapport_recovery_code_parse       (const char    *text,
                                             guint8        *key_out,
                                             GError       **error);

G_END_DECLS
