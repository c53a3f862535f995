/* rapport-text-private.h
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

/* Text checks the value objects share; each object reports them in its own error domain. */

typedef struct
{
  const char *value;
  const char *label;        /* untranslated (N_()), names the field in messages */
  gboolean    multi_line;   /* notes may hold newlines and get RAPPORT_MAX_NOTES_LENGTH */
} RapportTextField;

/* TRUE when text is empty or only white space. */
gboolean rapport_text_is_blank        (const char             *text);
/* Length, UTF-8 and (for one-line fields) control and text-direction characters, in the order
 * given; the first problem is set in domain with too_long_code or invalid_text_code. */
gboolean rapport_text_check_fields    (const RapportTextField *fields,
                                       guint                   n_fields,
                                       GQuark                  domain,
                                       int                     too_long_code,
                                       int                     invalid_text_code,
                                       GError                **error);
/* text (valid UTF-8) fit for a one-line field: line breaks, tabs and other control characters
 * become single spaces, text-direction controls are dropped, and the ends are trimmed. For values
 * from another program, where refusing them would drop the whole contact. */
char    *rapport_text_dup_one_line    (const char             *text);
/* rapport_local_time_parse_date () with the GDate types the value objects keep. */
gboolean rapport_text_parse_iso_date  (const char             *text,
                                       GDateYear              *year,
                                       GDateMonth             *month,
                                       GDateDay               *day);
/* The system zone's IANA name ("America/Denver"), else "UTC": the zone new items are planned in. */
char    *rapport_dup_default_tz       (void);

G_END_DECLS
