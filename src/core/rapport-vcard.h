/* rapport-vcard.h
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

G_BEGIN_DECLS

/* vCard in and out. Reading takes 2.1, 3.0 and 4.0 as real address books write them (folded lines,
 * quoted-printable with soft breaks, CHARSET parameters, a BOM, CRLF or LF, grouped properties such as
 * Apple's item1.TEL with item1.X-ABLabel, year-less birthdays, base64 or data: photos, cards with only
 * an organisation). Every card's original text is kept on the colleague (raw-vcard), so properties
 * Rapport does not model come back out on export. Writing produces 4.0 (RFC 6350) or 3.0 (RFC 2426):
 * UTF-8, CRLF, lines folded at 75 octets without splitting a character, values escaped. */

typedef enum
{
  RAPPORT_VCARD_VERSION_3_0,
  RAPPORT_VCARD_VERSION_4_0,
} RapportVCardVersion;

typedef enum
{
  RAPPORT_VCARD_WRITE_DEFAULT = 0,       /* work contact details only */
  RAPPORT_VCARD_WRITE_PERSONAL = 1 << 0, /* also interests (as a NOTE line) and notes */
  RAPPORT_VCARD_WRITE_COMPACT = 1 << 1,  /* for a QR code: no photo, UID, REV, PRODID or
                                          * properties Rapport does not model */
} RapportVCardWriteFlags;

/* A card that could not be read: its number in the file (1-based) and why, translated. */
typedef struct
{
  guint  card;
  char  *reason;
} RapportVCardProblem;

void       rapport_vcard_problem_free (RapportVCardProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportVCardProblem, rapport_vcard_problem_free)

/* Never fails as a whole and never hangs, whatever the bytes: returns the colleagues read (new,
 * unsaved RapportColleague objects, id 0) in file order; *problems (if given) receives a GPtrArray of
 * RapportVCardProblem for cards that were skipped. */
GPtrArray *rapport_vcard_parse        (const char             *data,
                                       gsize                   length,
                                       GPtrArray             **problems);

/* Returns the categories (e.g. assignment names) for a colleague, or NULL; the caller frees it. */
typedef GStrv (*RapportVCardCategoriesFunc) (RapportColleague *colleague,
                                             gpointer          user_data);

/* One card per colleague, in order. */
char      *rapport_vcard_write        (GPtrArray              *colleagues,
                                       RapportVCardVersion     version,
                                       RapportVCardWriteFlags  flags,
                                       RapportVCardCategoriesFunc categories,
                                       gpointer                user_data);

G_END_DECLS
