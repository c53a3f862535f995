/* rapport-scheduler.h
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

/* Decides when reminders are delivered. It arms ONE wall-clock timer (a CLOCK_REALTIME timerfd with
 * TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET) for the earliest time anything needs notifying, and
 * re-arms it on every store change, when the wall clock is set (the timerfd is cancelled) and after a
 * suspend (a realtime timer that passed fires at resume). Nothing pending: no timer, no wake-ups.
 *
 * Delivering marks each reminder notified in the store first (so an occurrence is notified at most
 * once, across restarts), then emits "due" (RapportReminder *) for each, or, when more than three are
 * due at once (typically at start, for what fell due while Rapport was closed), one "digest"
 * (guint count) instead. Within quiet hours nothing is delivered; what falls due then is delivered
 * when they end. */

#define RAPPORT_TYPE_SCHEDULER (rapport_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RapportScheduler, rapport_scheduler, RAPPORT, SCHEDULER, GObject)

/* Unix seconds. */
typedef gint64 (*RapportClockFunc) (gpointer user_data);

#define RAPPORT_SCHEDULER_DIGEST_THRESHOLD 3

RapportScheduler *rapport_scheduler_new              (RapportStore      *store);
RapportStore     *rapport_scheduler_get_store        (RapportScheduler  *self);

/* Tests: read time from `now` instead of the system clock, and arm no timerfd; the test advances
 * its clock and calls rapport_scheduler_run_due. */
void              rapport_scheduler_set_clock        (RapportScheduler  *self,
                                                      RapportClockFunc   now,
                                                      gpointer           user_data,
                                                      GDestroyNotify     destroy);
/* Minutes after local midnight; start > end spans midnight (22:00–07:00). */
void              rapport_scheduler_set_quiet_hours  (RapportScheduler  *self,
                                                      gboolean           enabled,
                                                      guint              start_minute,
                                                      guint              end_minute);
gboolean          rapport_scheduler_in_quiet_hours   (RapportScheduler  *self,
                                                      gint64             at);

/* Delivers what is already due (the missed-while-closed batch) and arms the timer. */
void              rapport_scheduler_start            (RapportScheduler  *self);
void              rapport_scheduler_stop             (RapportScheduler  *self);
/* Delivers everything due at the clock's now, then re-arms. What the timer calls. */
void              rapport_scheduler_run_due          (RapportScheduler  *self);
/* The time (Unix seconds) the timer is armed for, 0 when nothing is pending. */
gint64            rapport_scheduler_get_next_wakeup  (RapportScheduler  *self);

G_END_DECLS
