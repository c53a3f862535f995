/* rapport-scheduler.c
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

#define G_LOG_DOMAIN "rapport-scheduler"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "rapport-reminder.h"
#include "rapport-scheduler.h"

struct _RapportScheduler
{
  GObject           parent_instance;

  RapportStore     *store;
  gulong            changed_id;
  guint             rearm_idle_id;

  RapportClockFunc  clock;
  gpointer          clock_data;
  GDestroyNotify    clock_destroy;

  int               timer_fd;
  guint             timer_source_id;

  gint64            next_wakeup;
  /* After a failed write, what stayed undelivered is retried from then on rather than at once,
   * so a broken database does not make the timer fire in a loop. */
  gint64            retry_at;

  guint             quiet_start;
  guint             quiet_end;
  guint             quiet_enabled : 1;
  guint             running : 1;
};

G_DEFINE_FINAL_TYPE (RapportScheduler, rapport_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DUE,
  DIGEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MINUTES_PER_DAY (24 * 60)
#define RETRY_DELAY 60

static gint64
get_now (RapportScheduler *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);

  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
quiet_hours_active (RapportScheduler *self)
{
  return self->quiet_enabled && self->quiet_start != self->quiet_end;
}

static gboolean
minute_in_quiet_hours (RapportScheduler *self,
                       guint             minute)
{
  if (self->quiet_start < self->quiet_end)
    return minute >= self->quiet_start && minute < self->quiet_end;

  /* Spans midnight. */
  return minute >= self->quiet_start || minute < self->quiet_end;
}

/* The first moment after `at` (which is in quiet hours) when they end, built from the local date
 * rather than by adding seconds, so a daylight-saving change in between does not shift it. */
static gint64
get_quiet_end (RapportScheduler *self,
               gint64            at)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate date;
  guint minute;
  gint64 result;

  if (utc == NULL)
    return at;

  local = g_date_time_to_timezone (utc, tz);
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  /* Before midnight in a window that spans it: the end is tomorrow. */
  if (self->quiet_start > self->quiet_end && minute >= self->quiet_start)
    g_date_add_days (&date, 1);

  end = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                         g_date_get_day (&date), self->quiet_end / 60, self->quiet_end % 60, 0);
  if (end == NULL)
    return at;

  result = g_date_time_to_unix (end);

  /* Only a zone change in the middle could bring this about; never wake up in the past. */
  return MAX (result, at);
}

static gint64
compute_next_wakeup (RapportScheduler *self,
                     gint64            now)
{
  GListModel *reminders = rapport_store_get_reminders (self->store);
  guint n_items = g_list_model_get_n_items (reminders);
  gint64 earliest = G_MAXINT64;
  gint64 moment;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);
      gint64 remind_at = rapport_reminder_get_remind_at (reminder);

      if (remind_at != 0 && remind_at != rapport_reminder_get_notified_at (reminder))
        earliest = MIN (earliest, remind_at);
    }

  if (earliest == G_MAXINT64)
    return 0;

  /* Already due: deliver now, or, when delivering just failed, a little later. */
  moment = earliest;
  if (moment <= now)
    moment = self->retry_at > now ? self->retry_at : now;

  if (quiet_hours_active (self) && rapport_scheduler_in_quiet_hours (self, moment))
    moment = get_quiet_end (self, moment);

  return moment;
}

static void
set_timer (RapportScheduler *self,
           gint64            at)
{
  struct itimerspec spec;
  int flags = 0;

  if (self->timer_fd < 0)
    return;

  memset (&spec, 0, sizeof spec);
  if (at != 0)
    {
      spec.it_value.tv_sec = (time_t) at;
      flags = TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET;
    }

  /* A clock change that a read has not reported yet can refuse the first attempt. */
  if (timerfd_settime (self->timer_fd, flags, &spec, NULL) != 0
      && (errno != ECANCELED || timerfd_settime (self->timer_fd, flags, &spec, NULL) != 0))
    g_warning ("Could not set the reminder timer: %s", g_strerror (errno));
}

static void
rearm (RapportScheduler *self)
{
  g_clear_handle_id (&self->rearm_idle_id, g_source_remove);

  self->next_wakeup = self->running ? compute_next_wakeup (self, get_now (self)) : 0;
  set_timer (self, self->next_wakeup);
}

static int
compare_remind_at (gconstpointer a,
                   gconstpointer b)
{
  RapportReminder *reminder_a = *(RapportReminder * const *) a;
  RapportReminder *reminder_b = *(RapportReminder * const *) b;
  gint64 at_a = rapport_reminder_get_remind_at (reminder_a);
  gint64 at_b = rapport_reminder_get_remind_at (reminder_b);
  gint64 id_a = rapport_reminder_get_id (reminder_a);
  gint64 id_b = rapport_reminder_get_id (reminder_b);

  if (at_a != at_b)
    return at_a < at_b ? -1 : 1;

  return (id_a > id_b) - (id_a < id_b);
}

static void
deliver (RapportScheduler *self,
         gint64            now)
{
  GListModel *reminders = rapport_store_get_reminders (self->store);
  guint n_items = g_list_model_get_n_items (reminders);
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) delivered = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean failed = FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (reminders, i);

      if (rapport_reminder_needs_notification (reminder, now))
        g_ptr_array_add (due, g_steal_pointer (&reminder));
    }

  g_ptr_array_sort (due, compare_remind_at);

  /* Marked before anything is shown, so a crash in between loses a notification rather than
   * showing it twice. */
  for (guint i = 0; i < due->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (due, i);
      g_autoptr(GError) error = NULL;

      if (!rapport_store_mark_reminder_notified (self->store, rapport_reminder_get_id (reminder),
                                                 rapport_reminder_get_remind_at (reminder), &error))
        {
          /* The message names the reminder by id only: its title is private. */
          g_warning ("Could not record reminder %" G_GINT64_FORMAT " as notified: %s",
                     rapport_reminder_get_id (reminder), error->message);
          failed = TRUE;
          continue;
        }

      g_ptr_array_add (delivered, g_object_ref (reminder));
    }

  self->retry_at = failed ? now + RETRY_DELAY : 0;

  if (delivered->len > RAPPORT_SCHEDULER_DIGEST_THRESHOLD)
    {
      g_signal_emit (self, signals[DIGEST], 0, delivered->len);
      return;
    }

  for (guint i = 0; i < delivered->len; i++)
    g_signal_emit (self, signals[DUE], 0, g_ptr_array_index (delivered, i));
}

static void
close_timer (RapportScheduler *self)
{
  g_clear_handle_id (&self->timer_source_id, g_source_remove);

  if (self->timer_fd >= 0)
    {
      close (self->timer_fd);
      self->timer_fd = -1;
    }
}

static gboolean
rearm_idle_cb (gpointer user_data)
{
  RapportScheduler *self = user_data;

  self->rearm_idle_id = 0;
  rearm (self);

  return G_SOURCE_REMOVE;
}

/* Many changes in a row (an import, an undo) cost one recomputation, in the next idle. */
static void
store_changed_cb (RapportScheduler *self,
                  RapportStore     *store)
{
  if (self->rearm_idle_id == 0)
    self->rearm_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rearm_idle_cb, self, NULL);
}

static gboolean
timer_ready_cb (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  RapportScheduler *self = user_data;
  guint64 expirations;
  ssize_t n;

  n = read (fd, &expirations, sizeof expirations);
  if (n < 0)
    {
      /* The wall clock was set: what is due may be different now. */
      if (errno == ECANCELED)
        rearm (self);
      else if (errno != EAGAIN && errno != EINTR)
        g_warning ("Could not read the reminder timer: %s", g_strerror (errno));

      return G_SOURCE_CONTINUE;
    }

  rapport_scheduler_run_due (self);

  return G_SOURCE_CONTINUE;
}

static void
open_timer (RapportScheduler *self)
{
  if (self->timer_fd >= 0 || self->clock != NULL)
    return;

  self->timer_fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->timer_fd < 0)
    {
      g_warning ("Could not create the reminder timer: %s", g_strerror (errno));
      return;
    }

  self->timer_source_id = g_unix_fd_add_full (G_PRIORITY_DEFAULT, self->timer_fd, G_IO_IN,
                                              timer_ready_cb, self, NULL);
}

static void
rapport_scheduler_dispose (GObject *object)
{
  RapportScheduler *self = (RapportScheduler *) object;

  self->running = FALSE;
  g_clear_handle_id (&self->rearm_idle_id, g_source_remove);
  close_timer (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  if (self->clock_destroy != NULL)
    g_clear_pointer (&self->clock_data, self->clock_destroy);
  self->clock = NULL;
  self->clock_destroy = NULL;

  G_OBJECT_CLASS (rapport_scheduler_parent_class)->dispose (object);
}

static void
rapport_scheduler_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportScheduler *self = RAPPORT_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_scheduler_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportScheduler *self = RAPPORT_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_scheduler_class_init (RapportSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_scheduler_dispose;
  object_class->get_property = rapport_scheduler_get_property;
  object_class->set_property = rapport_scheduler_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportScheduler::due:
   * @reminder: the store's reminder, already recorded as notified
   *
   * Emitted for each reminder that falls due, when no more than
   * %RAPPORT_SCHEDULER_DIGEST_THRESHOLD do at once.
   */
  signals[DUE] =
    g_signal_new ("due",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_REMINDER);

  /**
   * RapportScheduler::digest:
   * @count: how many reminders fell due, all recorded as notified
   *
   * Emitted instead of "due" when more than %RAPPORT_SCHEDULER_DIGEST_THRESHOLD fall due at once.
   */
  signals[DIGEST] =
    g_signal_new ("digest",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
rapport_scheduler_init (RapportScheduler *self)
{
  self->timer_fd = -1;
}

RapportScheduler *
rapport_scheduler_new (RapportStore *store)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  return g_object_new (RAPPORT_TYPE_SCHEDULER,
                       "store", store,
                       NULL);
}

RapportStore *
rapport_scheduler_get_store (RapportScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (self), NULL);

  return self->store;
}

void
rapport_scheduler_set_clock (RapportScheduler *self,
                             RapportClockFunc  now,
                             gpointer          user_data,
                             GDestroyNotify    destroy)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  if (self->clock_destroy != NULL)
    g_clear_pointer (&self->clock_data, self->clock_destroy);

  self->clock = now;
  self->clock_data = user_data;
  self->clock_destroy = destroy;

  if (self->clock != NULL)
    close_timer (self);
  else if (self->running)
    open_timer (self);

  rearm (self);
}

void
rapport_scheduler_set_quiet_hours (RapportScheduler *self,
                                   gboolean          enabled,
                                   guint             start_minute,
                                   guint             end_minute)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));
  g_return_if_fail (start_minute < MINUTES_PER_DAY);
  g_return_if_fail (end_minute < MINUTES_PER_DAY);

  enabled = !!enabled;
  if (self->quiet_enabled == (guint) enabled && self->quiet_start == start_minute
      && self->quiet_end == end_minute)
    return;

  self->quiet_enabled = enabled;
  self->quiet_start = start_minute;
  self->quiet_end = end_minute;

  rearm (self);
}

gboolean
rapport_scheduler_in_quiet_hours (RapportScheduler *self,
                                  gint64            at)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (self), FALSE);

  if (!quiet_hours_active (self))
    return FALSE;

  if ((utc = g_date_time_new_from_unix_utc (at)) == NULL)
    return FALSE;

  tz = g_time_zone_new_local ();
  local = g_date_time_to_timezone (utc, tz);

  return minute_in_quiet_hours (self,
                                g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
}

void
rapport_scheduler_start (RapportScheduler *self)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->changed_id = g_signal_connect_swapped (self->store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  open_timer (self);

  rapport_scheduler_run_due (self);
}

void
rapport_scheduler_stop (RapportScheduler *self)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  if (!self->running)
    return;

  self->running = FALSE;
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_handle_id (&self->rearm_idle_id, g_source_remove);
  close_timer (self);
  self->next_wakeup = 0;
  self->retry_at = 0;
}

void
rapport_scheduler_run_due (RapportScheduler *self)
{
  gint64 now;

  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  /* Keeps self alive if a handler drops the last other reference. */
  g_object_ref (self);

  now = get_now (self);
  if (!rapport_scheduler_in_quiet_hours (self, now))
    deliver (self, now);

  rearm (self);

  g_object_unref (self);
}

gint64
rapport_scheduler_get_next_wakeup (RapportScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (self), 0);

  /* A change is waiting for its idle: answer as the timer will be. */
  if (self->rearm_idle_id != 0)
    rearm (self);

  return self->next_wakeup;
}
