/* rapport-demo.h
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

#include "rapport-store.h"

G_BEGIN_DECLS

/* A believable locum career to try Rapport with (rapport --demo) and to take screenshots of:
 * two past assignments with their tips, the current one and the next one, about 25 colleagues
 * met there, sixteen weeks of journal entries and reminders (overdue, today, this week, later,
 * repeating check-ins, birthdays), all dated relative to now in now's time zone.
 *
 * Everything is written through the store's public API, so each item passes the validation a
 * typed one does. The same now always gives the same journal, apart from ids and the times the
 * store stamps (created, updated). Meant for an empty journal; on error the journal holds what
 * was written before the failing item. */
gboolean rapport_demo_fill (RapportStore  *store,
                            GDateTime     *now,
                            GError       **error);

G_END_DECLS
