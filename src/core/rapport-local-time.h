/* rapport-local-time.h
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

/* Wall-clock dates and times as people type them ("2026-03-14", "12:30") and the instants they
 * name in a time zone. Every editor and the recurrence rules read them the same way. */

/* A real calendar day written exactly "YYYY-MM-DD" (years 0001..9999); NULL outputs are allowed. */
gboolean   rapport_local_time_parse_date (const char  *text,
                                          int         *year,
                                          int         *month,
                                          int         *day);
/* "HH:MM" or "H:MM", 24-hour; NULL outputs are allowed. */
gboolean   rapport_local_time_parse_time (const char  *text,
                                          int         *hour,
                                          int         *minute);
/* The instant (Unix seconds) of a wall-clock time in tz. A time in a spring-forward gap moves
 * forward by the gap's length (02:30 becomes 03:30); a time that happens twice is the first. */
gboolean   rapport_local_time_to_unix    (GTimeZone   *tz,
                                          int          year,
                                          int          month,
                                          int          day,
                                          int          hour,
                                          int          minute,
                                          int          second,
                                          gint64      *out);
/* The UTC offset (seconds east) in force in tz at instant (Unix seconds). */
gint32     rapport_local_time_offset_at  (GTimeZone   *tz,
                                          gint64       instant);
/* The moment a date field and a time field name in tz, as a GDateTime in tz; NULL when they
 * name none. */
GDateTime *rapport_local_time_parse      (GTimeZone   *tz,
                                          const char  *date,
                                          const char  *time);
/* when written as a date field ("YYYY-MM-DD") and a time field ("HH:MM"). */
void       rapport_local_time_format     (GDateTime   *when,
                                          char       **date,
                                          char       **time);

G_END_DECLS
