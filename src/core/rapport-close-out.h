/* rapport-close-out.h
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

#include "rapport-assignment.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Closing out an assignment: check-ins with the colleagues met there, some time after it ends.
 * Dates are local dates ("YYYY-MM-DD") and times "HH:MM" in the zone tz (an IANA name: where the
 * person will be then, by default the system zone, not the assignment's). */

/* The default check-in dates: two weeks and three months after the assignment's end date (the
 * month's last day when the day does not exist, e.g. 30 November for an end on 31 August).
 * Returns a NULL-terminated array of two dates, or NULL when the assignment has no valid end date. */
GStrv      rapport_close_out_default_dates (RapportAssignment  *assignment);

/* The default time of day for a check-in: "09:00". */
#define RAPPORT_CLOSE_OUT_DEFAULT_TIME "09:00"

/* Builds one unsaved reminder per colleague and date ("Check in with NAME", linked to the
 * colleague and the assignment, with a note naming the assignment), due at time on each date in
 * tz. Fails (RAPPORT_REMINDER_ERROR or G_IO_ERROR_INVALID_ARGUMENT, translated) on an invalid
 * date, time or zone, or an unknown colleague; returns a GPtrArray of RapportReminder. */
GPtrArray *rapport_close_out_build_check_ins (RapportStore       *store,
                                              RapportAssignment  *assignment,
                                              const gint64       *colleague_ids,
                                              guint               n_colleagues,
                                              const char * const *dates,
                                              const char         *time,
                                              const char         *tz,
                                              GError            **error);

G_END_DECLS
