/* rapport-ical.h
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

G_BEGIN_DECLS

/* Reminders and planned check-ins as iCalendar (RFC 5545) for calendar apps: one VEVENT per pending
 * reminder (DTSTART with TZID and a VTIMEZONE for each zone used, RRULE for repeating ones, a
 * 15-minute DURATION, SUMMARY with the colleague's name for check-ins, a stable UID), and one VEVENT
 * per colleague due for a keep-in-touch reconnect within the next 90 days. CRLF line ends, lines
 * folded at 75 octets without splitting a character, text escaped. Notes are not exported. */

char     *rapport_ical_render (RapportStore  *store,
                               gint64         now,
                               GError       **error);
/* Writes atomically (g_file_set_contents_full, mode 0600). */
gboolean  rapport_ical_export (RapportStore  *store,
                               const char    *path,
                               gint64         now,
                               GError       **error);

G_END_DECLS
