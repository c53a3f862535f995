/* rapport-timeline-model.c
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

#define G_LOG_DOMAIN "rapport-timeline-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-interaction.h"
#include "rapport-timeline-model.h"

struct _RapportTimelineDay
{
  GObject    parent_instance;

  GDateTime *date;
  guint      n_interactions;

  gint64     midnight;
  gint64     start;
  gint64     end;
};

struct _RapportTimelineModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  GTimeZone  *tz;

  /* The wrapped model's items (owned), so a change only fetches what was added. */
  GPtrArray  *interactions;
  /* The day headers (owned), newest first, and where each one's interactions begin in
   * interactions (guint), so that a change finds the days it touches by bisection. */
  GPtrArray  *days;
  GArray     *day_starts;
  /* What the model shows, borrowed from the above: each day, then its interactions. */
  GPtrArray  *items;
};

static void rapport_timeline_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (RapportTimelineDay, rapport_timeline_day, G_TYPE_OBJECT)

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportTimelineModel, rapport_timeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rapport_timeline_model_list_model_init))

enum {
  DAY_PROP_0,
  DAY_PROP_DATE,
  DAY_PROP_N_INTERACTIONS,
  DAY_N_PROPS
};

static GParamSpec *day_properties[DAY_N_PROPS];

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* 0002-01-01 and 9998-12-31 UTC: a day of any zone around them is still a valid GDateTime. */
#define FIRST_INSTANT G_GINT64_CONSTANT (-62104060800)
#define LAST_INSTANT G_GINT64_CONSTANT (253370764799)

/* The header of the local day instant falls on. It keeps that day as [start, end) in Unix
 * seconds, so that placing an interaction costs two comparisons, not a time zone lookup. */
static RapportTimelineDay *
timeline_day_new (GTimeZone *tz,
                  gint64     instant)
{
  RapportTimelineDay *self = g_object_new (RAPPORT_TYPE_TIMELINE_DAY, NULL);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) noon = NULL;
  g_autoptr(GDateTime) next_noon = NULL;
  g_autoptr(GDateTime) next = NULL;
  int year, month, day;

  /* Validation keeps times far inside this; clamping keeps the model whole if one is not. */
  utc = g_date_time_new_from_unix_utc (CLAMP (instant, FIRST_INSTANT, LAST_INSTANT));
  local = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (local, &year, &month, &day);
  self->date = g_date_time_new (tz, year, month, day, 0, 0, 0);

  /* Not midnight + 1 day: after a day that began at 01:00 that would be 01:00 again. */
  noon = g_date_time_new (tz, year, month, day, 12, 0, 0);
  next_noon = g_date_time_add_days (noon, 1);
  g_date_time_get_ymd (next_noon, &year, &month, &day);
  next = g_date_time_new (tz, year, month, day, 0, 0, 0);

  self->midnight = g_date_time_to_unix (self->date);
  /* Where midnight does not exist (a DST jump at 00:00) GLib picks the instant after the gap,
   * which is still the first instant of that date. */
  self->start = instant < FIRST_INSTANT ? G_MININT64 : MIN (self->midnight, instant);
  self->end = next == NULL || instant > LAST_INSTANT ? G_MAXINT64 : g_date_time_to_unix (next);

  return self;
}

static inline gboolean
timeline_day_contains (RapportTimelineDay *self,
                       gint64              instant)
{
  return instant >= self->start && instant < self->end;
}

/* The day the interaction at index (in self->interactions) falls in: the last day that begins
 * at or before it. */
static guint
find_day (RapportTimelineModel *self,
          guint                 index)
{
  guint low = 0;
  guint high = self->day_starts->len;

  g_assert (high > 0);

  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->day_starts, guint, middle) <= index)
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* Replaces n_removed pointers at position with n_added ones. */
static void
splice_pointers (GPtrArray *array,
                 guint      position,
                 guint      n_removed,
                 gpointer  *added,
                 guint      n_added)
{
  guint tail;

  g_ptr_array_remove_range (array, position, n_removed);
  tail = array->len - position;
  g_ptr_array_set_size (array, array->len + n_added);
  /* An empty array has no pdata at all, and memmove must not see NULL even for 0 bytes. */
  if (tail > 0 && n_added > 0)
    memmove (array->pdata + position + n_added, array->pdata + position, tail * sizeof (gpointer));
  if (n_added > 0)
    memcpy (array->pdata + position, added, n_added * sizeof (gpointer));
}

/* Works out the days again for the interactions [start, new_end) of self->interactions, which
 * were [start, old_end) before the change, and emits one items-changed for what really differs
 * there. The range must cover whole days before and after the change: it begins where the days
 * first_day .. last_day - 1 began and ends where they ended. The header of every day that stays
 * is kept, so rows showing it stay. Whatever the old items were must still be alive: they are
 * compared by address. */
static void
update_range (RapportTimelineModel *self,
              guint                 start,
              guint                 old_end,
              guint                 new_end,
              guint                 first_day,
              guint                 last_day)
{
  g_autoptr(GHashTable) unused_days = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) old_days = g_ptr_array_new_full (last_day - first_day, g_object_unref);
  g_autoptr(GPtrArray) new_days = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_items = g_ptr_array_sized_new (new_end - start + 1);
  g_autoptr(GArray) new_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) recounted = g_ptr_array_new ();
  RapportTimelineDay *day = NULL;
  guint first_item = start + first_day;
  guint old_n, new_n, prefix, suffix, limit;
  gint delta = (gint) new_end - (gint) old_end;
  guint cursor = 0;

  /* The old headers by date: a day that stays keeps its object. Held until the change is
   * emitted, since the old items still point at them. */
  for (guint i = first_day; i < last_day; i++)
    {
      RapportTimelineDay *old_day = g_ptr_array_index (self->days, i);

      g_ptr_array_add (old_days, g_object_ref (old_day));
      if (!g_hash_table_contains (unused_days, &old_day->midnight))
        g_hash_table_insert (unused_days, &old_day->midnight, old_day);
    }

  for (guint i = start; i < new_end; i++)
    {
      RapportInteraction *interaction = g_ptr_array_index (self->interactions, i);
      gint64 occurred_at = rapport_interaction_get_occurred_at (interaction);
      RapportTimelineDay *next = NULL;

      if (day != NULL && timeline_day_contains (day, occurred_at))
        {
          g_ptr_array_add (new_items, interaction);
          continue;
        }

      /* Both lists run newest first, so the old header for this day, if any, is usually the
       * next one; only a day that is new (or a model out of order) needs the time zone. */
      while (cursor < old_days->len &&
             ((RapportTimelineDay *) old_days->pdata[cursor])->start > occurred_at)
        cursor++;
      if (cursor < old_days->len && timeline_day_contains (old_days->pdata[cursor], occurred_at))
        next = old_days->pdata[cursor];

      if (next == NULL || !g_hash_table_contains (unused_days, &next->midnight))
        {
          g_autoptr(RapportTimelineDay) fresh = timeline_day_new (self->tz, occurred_at);

          next = g_hash_table_lookup (unused_days, &fresh->midnight);
          if (next == NULL)
            next = g_steal_pointer (&fresh);
        }

      if (g_hash_table_remove (unused_days, &next->midnight))
        g_object_ref (next);

      day = next;
      g_ptr_array_add (new_days, day);
      g_array_append_val (new_starts, i);
      g_ptr_array_add (new_items, day);
      g_ptr_array_add (new_items, interaction);
    }

  /* Only what differs between the old and the new range is announced. */
  old_n = (old_end - start) + (last_day - first_day);
  new_n = new_items->len;
  limit = MIN (old_n, new_n);

  for (prefix = 0; prefix < limit; prefix++)
    {
      if (self->items->pdata[first_item + prefix] != new_items->pdata[prefix])
        break;
    }

  for (suffix = 0; suffix < limit - prefix; suffix++)
    {
      if (self->items->pdata[first_item + old_n - 1 - suffix] !=
          new_items->pdata[new_n - 1 - suffix])
        break;
    }

  /* Everything is in place before the signal, since its handlers read the model. */
  splice_pointers (self->items, first_item, old_n, new_items->pdata, new_n);
  for (guint i = 0; i < new_days->len; i++)
    g_object_ref (new_days->pdata[i]);
  splice_pointers (self->days, first_day, last_day - first_day, new_days->pdata, new_days->len);
  g_array_remove_range (self->day_starts, first_day, last_day - first_day);
  g_array_insert_vals (self->day_starts, first_day, new_starts->data, new_starts->len);
  for (guint i = first_day + new_starts->len; i < self->day_starts->len; i++)
    g_array_index (self->day_starts, guint, i) += delta;

  for (guint i = 0; i < new_days->len; i++)
    {
      RapportTimelineDay *new_day = g_ptr_array_index (new_days, i);
      guint end = i + 1 < new_starts->len ? g_array_index (new_starts, guint, i + 1) : new_end;
      guint n_interactions = end - g_array_index (new_starts, guint, i);

      if (new_day->n_interactions != n_interactions)
        {
          new_day->n_interactions = n_interactions;
          g_ptr_array_add (recounted, new_day);
        }
    }

  if (prefix != old_n || prefix != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), first_item + prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);

  for (guint i = 0; i < recounted->len; i++)
    g_object_notify_by_pspec (recounted->pdata[i], day_properties[DAY_PROP_N_INTERACTIONS]);
}

static void
items_changed_cb (GListModel           *model,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  RapportTimelineModel *self)
{
  g_autoptr(GPtrArray) keep_alive = g_ptr_array_new_full (removed, g_object_unref);
  guint old_len = self->interactions->len;
  guint start = 0, end = old_len;
  guint first_day = 0, last_day = self->days->len;
  guint tail;

  g_assert (position + removed <= old_len);

  /* Only the days around the change can change: the one of the interaction before it and the
   * one of the interaction after it, and new days between those two. */
  if (position > 0)
    {
      first_day = find_day (self, position - 1);
      start = g_array_index (self->day_starts, guint, first_day);
    }
  if (position + removed < old_len)
    {
      last_day = find_day (self, position + removed) + 1;
      if (last_day < self->days->len)
        end = g_array_index (self->day_starts, guint, last_day);
    }

  /* The shown items still point at the removed ones until the change is worked out. */
  for (guint i = 0; i < removed; i++)
    g_ptr_array_add (keep_alive, g_object_ref (self->interactions->pdata[position + i]));
  g_ptr_array_remove_range (self->interactions, position, removed);

  /* Open a gap of added slots at position in one move, not one per item. */
  tail = self->interactions->len - position;
  g_ptr_array_set_size (self->interactions, self->interactions->len + added);
  memmove (self->interactions->pdata + position + added, self->interactions->pdata + position,
           tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    self->interactions->pdata[position + i] = g_list_model_get_item (model, position + i);

  update_range (self, start, end, end - removed + added, first_day, last_day);
}

static GType
rapport_timeline_model_get_item_type (GListModel *list)
{
  return G_TYPE_OBJECT;
}

static guint
rapport_timeline_model_get_n_items (GListModel *list)
{
  RapportTimelineModel *self = RAPPORT_TIMELINE_MODEL (list);

  return self->items->len;
}

static gpointer
rapport_timeline_model_get_item (GListModel *list,
                                 guint       position)
{
  RapportTimelineModel *self = RAPPORT_TIMELINE_MODEL (list);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
rapport_timeline_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_timeline_model_get_item_type;
  iface->get_n_items = rapport_timeline_model_get_n_items;
  iface->get_item = rapport_timeline_model_get_item;
}

static void
rapport_timeline_day_finalize (GObject *object)
{
  RapportTimelineDay *self = RAPPORT_TIMELINE_DAY (object);

  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (rapport_timeline_day_parent_class)->finalize (object);
}

static void
rapport_timeline_day_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportTimelineDay *self = RAPPORT_TIMELINE_DAY (object);

  switch (prop_id)
    {
    case DAY_PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case DAY_PROP_N_INTERACTIONS:
      g_value_set_uint (value, self->n_interactions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_timeline_day_class_init (RapportTimelineDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_timeline_day_finalize;
  object_class->get_property = rapport_timeline_day_get_property;

  day_properties[DAY_PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  day_properties[DAY_PROP_N_INTERACTIONS] =
    g_param_spec_uint ("n-interactions", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, DAY_N_PROPS, day_properties);
}

static void
rapport_timeline_day_init (RapportTimelineDay *self)
{
}

static void
rapport_timeline_model_dispose (GObject *object)
{
  RapportTimelineModel *self = RAPPORT_TIMELINE_MODEL (object);

  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  if (self->days != NULL)
    g_ptr_array_set_size (self->days, 0);
  if (self->day_starts != NULL)
    g_array_set_size (self->day_starts, 0);
  if (self->interactions != NULL)
    g_ptr_array_set_size (self->interactions, 0);

  G_OBJECT_CLASS (rapport_timeline_model_parent_class)->dispose (object);
}

static void
rapport_timeline_model_finalize (GObject *object)
{
  RapportTimelineModel *self = RAPPORT_TIMELINE_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_pointer (&self->day_starts, g_array_unref);
  g_clear_pointer (&self->interactions, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rapport_timeline_model_parent_class)->finalize (object);
}

static void
rapport_timeline_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportTimelineModel *self = RAPPORT_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_timeline_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportTimelineModel *self = RAPPORT_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      rapport_timeline_model_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_timeline_model_class_init (RapportTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_timeline_model_dispose;
  object_class->finalize = rapport_timeline_model_finalize;
  object_class->get_property = rapport_timeline_model_get_property;
  object_class->set_property = rapport_timeline_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_timeline_model_init (RapportTimelineModel *self)
{
  self->interactions = g_ptr_array_new_with_free_func (g_object_unref);
  self->days = g_ptr_array_new_with_free_func (g_object_unref);
  self->day_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items = g_ptr_array_new ();
}

GDateTime *
rapport_timeline_day_get_date (RapportTimelineDay *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIMELINE_DAY (self), NULL);

  return self->date;
}

guint
rapport_timeline_day_get_n_interactions (RapportTimelineDay *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIMELINE_DAY (self), 0);

  return self->n_interactions;
}

char *
rapport_timeline_day_dup_label (RapportTimelineDay *self,
                                GDateTime          *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) day = NULL;
  int year, month, mday;

  g_return_val_if_fail (RAPPORT_IS_TIMELINE_DAY (self), NULL);

  /* "Today" is the day in the zone the timeline was cut in, wherever now was read. */
  if (now != NULL)
    local_now = g_date_time_to_timezone (now, g_date_time_get_timezone (self->date));
  else
    local_now = g_date_time_new_now (g_date_time_get_timezone (self->date));

  g_date_time_get_ymd (local_now, &year, &month, &mday);
  today = g_date_new_dmy (mday, month, year);
  g_date_time_get_ymd (self->date, &year, &month, &mday);
  day = g_date_new_dmy (mday, month, year);

  switch (g_date_days_between (day, today))
    {
    case 0:
      /* Translators: a day heading in the journal */
      return g_strdup (_("Today"));

    case 1:
      /* Translators: a day heading in the journal */
      return g_strdup (_("Yesterday"));

    default:
      break;
    }

  if (g_date_get_year (day) == g_date_get_year (today))
    /* Translators: a day heading in the journal, this year, e.g. "Monday, 12 November"; see
     * g_date_time_format() for the codes, and reorder them as your language writes dates. */
    return g_date_time_format (self->date, _("%A, %-d %B"));

  /* Translators: a day heading in the journal, another year, e.g. "Monday, 12 November 2026";
   * see g_date_time_format() for the codes, and reorder them as your language writes dates. */
  return g_date_time_format (self->date, _("%A, %-d %B %Y"));
}

RapportTimelineModel *
rapport_timeline_model_new (GListModel *interactions,
                            GTimeZone  *tz)
{
  RapportTimelineModel *self;

  g_return_val_if_fail (interactions == NULL || G_IS_LIST_MODEL (interactions), NULL);

  self = g_object_new (RAPPORT_TYPE_TIMELINE_MODEL, NULL);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  rapport_timeline_model_set_model (self, interactions);

  return self;
}

GListModel *
rapport_timeline_model_get_model (RapportTimelineModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIMELINE_MODEL (self), NULL);

  return self->model;
}

void
rapport_timeline_model_set_model (RapportTimelineModel *self,
                                  GListModel           *interactions)
{
  g_autoptr(GPtrArray) old_interactions = NULL;
  guint old_len;

  g_return_if_fail (RAPPORT_IS_TIMELINE_MODEL (self));
  g_return_if_fail (interactions == NULL || G_IS_LIST_MODEL (interactions));

  if (self->model == interactions)
    return;

  /* Set through g_object_new before the zone is known. */
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();

  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, interactions);

  /* The shown items still point at the old ones until the change is worked out. */
  old_len = self->interactions->len;
  old_interactions = g_steal_pointer (&self->interactions);
  self->interactions = g_ptr_array_new_with_free_func (g_object_unref);
  if (interactions != NULL)
    {
      guint n = g_list_model_get_n_items (interactions);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->interactions, g_list_model_get_item (interactions, i));

      self->items_changed_id = g_signal_connect (interactions, "items-changed",
                                                 G_CALLBACK (items_changed_cb), self);
    }

  update_range (self, 0, old_len, self->interactions->len, 0, self->days->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
