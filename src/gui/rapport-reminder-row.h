/* rapport-reminder-row.h
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

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* One reminder, to act on where it is listed: its title, when it is due ("Today 12:30",
 * "3 days overdue"), the colleague, how it repeats and whether it is snoozed, with Done, a Snooze
 * menu (10 Minutes, 1 Hour, Tomorrow Morning, Pick a Time…) and a More menu (Edit, Delete).
 * Edit activates win.show-reminder (x: the id). Emits "add-toast" (AdwToast *), for Delete's Undo
 * and for errors. The texts are computed against "now" (Unix seconds; 0 follows the clock). */

#define RAPPORT_TYPE_REMINDER_ROW (rapport_reminder_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminderRow, rapport_reminder_row, RAPPORT, REMINDER_ROW, GtkWidget)

GtkWidget       *rapport_reminder_row_new          (RapportStore       *store,
                                                    RapportReminder    *reminder);
RapportStore    *rapport_reminder_row_get_store    (RapportReminderRow *self);
RapportReminder *rapport_reminder_row_get_reminder (RapportReminderRow *self);
gint64           rapport_reminder_row_get_now      (RapportReminderRow *self);
void             rapport_reminder_row_set_now      (RapportReminderRow *self,
                                                    gint64              now);

/* "Today 12:30", "Tomorrow 09:00", "Thu 26 Nov 12:30" (a year is added when it is not this
 * year's): remind_at as the row shows it, in the local zone. */
char            *rapport_reminder_row_format_when  (gint64              remind_at,
                                                    gint64              now);

G_END_DECLS
