/* test-timeline-model.c
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

#define G_LOG_DOMAIN "rapport-test-timeline-model"

#include "config.h"

#include "rapport-interaction.h"
#include "rapport-timeline-model.h"
#include "rapport-test-utils.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

/* A list kept in step with the timeline by nothing but its items-changed signals: if the
 * signals are exact, it always equals the model. */
typedef struct
{
  GListModel *model;
  GPtrArray  *items;
  GArray     *changes;
} Mirror;

static gint64
utc_time (int year,
          int month,
          int day,
          int hour,
          int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static gint64
zone_time (GTimeZone *tz,
           int        year,
           int        month,
           int        day,
           int        hour,
           int        minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static RapportInteraction *
make_interaction (gint64 occurred_at)
{
  return rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE, occurred_at);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gint64 time_a = rapport_interaction_get_occurred_at ((RapportInteraction *) a);
  gint64 time_b = rapport_interaction_get_occurred_at ((RapportInteraction *) b);

  return time_a < time_b ? 1 : time_a > time_b ? -1 : 0;
}

static void
add_sorted (GListStore *store,
            gint64      occurred_at)
{
  g_autoptr(RapportInteraction) interaction = make_interaction (occurred_at);

  g_list_store_insert_sorted (store, interaction, compare_newest_first, NULL);
}

static gint64
occurred_at_of (GListModel *model,
                guint       position)
{
  g_autoptr(RapportInteraction) interaction = g_list_model_get_item (model, position);

  return rapport_interaction_get_occurred_at (interaction);
}

static gpointer
peek_item (GListModel *model,
           guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  /* The model holds a reference of its own; the tests only compare and read. */
  return item;
}

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  Change change = { position, removed, added };

  g_array_append_val (mirror->changes, change);

  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  if (position + removed > mirror->items->len)
    return;

  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
}

static Mirror *
mirror_new (GListModel *model)
{
  Mirror *mirror = g_new0 (Mirror, 1);
  guint n = g_list_model_get_n_items (model);

  mirror->model = model;
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  mirror->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);

  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_ptr_array_unref (mirror->items);
  g_array_unref (mirror->changes);
  g_free (mirror);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

static void
assert_mirror_matches (Mirror *mirror)
{
  guint n = g_list_model_get_n_items (mirror->model);

  g_assert_cmpuint (mirror->items->len, ==, n);
  for (guint i = 0; i < MIN (n, mirror->items->len); i++)
    g_assert_true (g_ptr_array_index (mirror->items, i) == peek_item (mirror->model, i));
}

/* A from-scratch recomputation, independent of the model's code: a header before each run of
 * interactions on one local date, with the run's length. */
static void
assert_timeline_matches (GListModel *timeline,
                         GListModel *interactions,
                         GTimeZone  *tz)
{
  guint n = g_list_model_get_n_items (interactions);
  guint n_timeline = g_list_model_get_n_items (timeline);
  guint position = 0;
  guint i = 0;

  while (i < n)
    {
      g_autoptr(GDateTime) first_utc =
        g_date_time_new_from_unix_utc (occurred_at_of (interactions, i));
      g_autoptr(GDateTime) first = g_date_time_to_timezone (first_utc, tz);
      g_autoptr(GDateTime) midnight = NULL;
      gpointer header;
      guint run = 0;
      int year, month, day;

      g_date_time_get_ymd (first, &year, &month, &day);
      midnight = g_date_time_new (tz, year, month, day, 0, 0, 0);

      while (i + run < n)
        {
          g_autoptr(GDateTime) utc =
            g_date_time_new_from_unix_utc (occurred_at_of (interactions, i + run));
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
          int y, m, d;

          g_date_time_get_ymd (local, &y, &m, &d);
          if (y != year || m != month || d != day)
            break;
          run++;
        }

      g_assert_cmpuint (position, <, n_timeline);
      if (position >= n_timeline)
        return;

      header = peek_item (timeline, position++);
      g_assert_true (RAPPORT_IS_TIMELINE_DAY (header));
      if (!RAPPORT_IS_TIMELINE_DAY (header))
        return;

      g_assert_cmpint (g_date_time_to_unix (rapport_timeline_day_get_date (header)), ==,
                       g_date_time_to_unix (midnight));
      g_assert_cmpuint (rapport_timeline_day_get_n_interactions (header), ==, run);

      for (guint k = 0; k < run; k++, i++)
        {
          g_assert_cmpuint (position, <, n_timeline);
          g_assert_true (peek_item (timeline, position++) == peek_item (interactions, i));
        }
    }

  g_assert_cmpuint (position, ==, n_timeline);
  g_assert_null (peek_item (timeline, n_timeline));
}

static void
test_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  RapportTimelineModel *timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);

  g_assert_true (G_IS_LIST_MODEL (timeline));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (timeline)) == G_TYPE_OBJECT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (timeline), 0));
  g_assert_true (rapport_timeline_model_get_model (timeline) == G_LIST_MODEL (store));

  g_assert_finalize_object (timeline);
}

static void
test_one (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(RapportInteraction) interaction = make_interaction (zone_time (tz, 2027, 5, 4, 9, 15));
  RapportTimelineModel *timeline;
  g_autoptr(Mirror) mirror = NULL;
  RapportTimelineDay *day;
  GDateTime *date;

  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  mirror = mirror_new (G_LIST_MODEL (timeline));

  g_list_store_append (store, interaction);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 2);
  g_assert_cmpuint (mirror->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (mirror->changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (mirror->changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (mirror->changes, Change, 0).added, ==, 2);
  assert_mirror_matches (mirror);

  day = peek_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (day));
  date = rapport_timeline_day_get_date (day);
  g_assert_cmpint (g_date_time_get_year (date), ==, 2027);
  g_assert_cmpint (g_date_time_get_month (date), ==, 5);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 4);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (date), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (date), ==, zone_time (tz, 2027, 5, 4, 0, 0));
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (day), ==, 1);
  g_assert_true (peek_item (G_LIST_MODEL (timeline), 1) == (gpointer) interaction);

  g_clear_pointer (&mirror, mirror_free);
  g_assert_finalize_object (timeline);
}

static void
test_several_per_day (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  RapportTimelineModel *timeline;
  RapportTimelineDay *first, *second;

  add_sorted (store, zone_time (tz, 2027, 5, 4, 8, 0));
  add_sorted (store, zone_time (tz, 2027, 5, 4, 12, 30));
  add_sorted (store, zone_time (tz, 2027, 5, 4, 23, 59));
  add_sorted (store, zone_time (tz, 2027, 5, 2, 0, 0));
  add_sorted (store, zone_time (tz, 2027, 5, 2, 17, 45));

  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 7);
  first = peek_item (G_LIST_MODEL (timeline), 0);
  second = peek_item (G_LIST_MODEL (timeline), 4);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (first));
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (second));
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (first), ==, 3);
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (second), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (rapport_timeline_day_get_date (first)), ==, 4);
  g_assert_cmpint (g_date_time_get_day_of_month (rapport_timeline_day_get_date (second)), ==, 2);
  for (guint i = 0; i < 3; i++)
    g_assert_true (RAPPORT_IS_INTERACTION (peek_item (G_LIST_MODEL (timeline), 1 + i)));
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  g_assert_finalize_object (timeline);
}

static void
test_time_zone (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (denver, 2027, 3, 10, 12, 0, 0);
  RapportTimelineModel *in_denver;
  RapportTimelineModel *in_utc;
  g_autofree char *today = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *utc_label = NULL;

  /* 06:30 UTC is 23:30 the evening before in Denver (UTC-7 in early March). */
  add_sorted (store, utc_time (2027, 3, 10, 6, 30));
  add_sorted (store, utc_time (2027, 3, 10, 18, 0));

  in_denver = rapport_timeline_model_new (G_LIST_MODEL (store), denver);
  in_utc = rapport_timeline_model_new (G_LIST_MODEL (store), utc);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (in_denver)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (in_utc)), ==, 3);
  assert_timeline_matches (G_LIST_MODEL (in_denver), G_LIST_MODEL (store), denver);
  assert_timeline_matches (G_LIST_MODEL (in_utc), G_LIST_MODEL (store), utc);

  today = rapport_timeline_day_dup_label (peek_item (G_LIST_MODEL (in_denver), 0), now);
  yesterday = rapport_timeline_day_dup_label (peek_item (G_LIST_MODEL (in_denver), 2), now);
  utc_label = rapport_timeline_day_dup_label (peek_item (G_LIST_MODEL (in_utc), 0), now);
  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  /* Noon in Denver is 19:00 UTC, the same day. */
  g_assert_cmpstr (utc_label, ==, "Today");

  g_assert_finalize_object (in_denver);
  g_assert_finalize_object (in_utc);
}

static void
test_remove_last_of_day (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  RapportTimelineModel *timeline;
  g_autoptr(Mirror) mirror = NULL;
  gpointer first_day, last_day;
  Change change;

  add_sorted (store, zone_time (tz, 2027, 6, 3, 10, 0));
  add_sorted (store, zone_time (tz, 2027, 6, 2, 10, 0));
  add_sorted (store, zone_time (tz, 2027, 6, 1, 10, 0));
  add_sorted (store, zone_time (tz, 2027, 6, 1, 11, 0));
  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  mirror = mirror_new (G_LIST_MODEL (timeline));

  /* [3 June] a [2 June] b [1 June] c d */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 7);
  first_day = peek_item (G_LIST_MODEL (timeline), 0);
  last_day = peek_item (G_LIST_MODEL (timeline), 4);

  g_list_store_remove (store, 1);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 5);
  g_assert_cmpuint (mirror->changes->len, ==, 1);
  change = g_array_index (mirror->changes, Change, 0);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_true (peek_item (G_LIST_MODEL (timeline), 0) == first_day);
  g_assert_true (peek_item (G_LIST_MODEL (timeline), 2) == last_day);
  assert_mirror_matches (mirror);
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  g_clear_pointer (&mirror, mirror_free);
  g_assert_finalize_object (timeline);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_insert_keeps_header (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  RapportTimelineModel *timeline;
  g_autoptr(Mirror) mirror = NULL;
  g_autoptr(RapportTimelineDay) day = NULL;
  guint n_notify = 0;
  Change change;

  add_sorted (store, zone_time (tz, 2027, 6, 3, 10, 0));
  add_sorted (store, zone_time (tz, 2027, 6, 2, 8, 0));
  add_sorted (store, zone_time (tz, 2027, 6, 2, 20, 0));
  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  mirror = mirror_new (G_LIST_MODEL (timeline));

  day = g_list_model_get_item (G_LIST_MODEL (timeline), 2);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (day));
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (day), ==, 2);
  g_signal_connect (day, "notify::n-interactions", G_CALLBACK (count_notify_cb), &n_notify);

  /* Between the two of 2 June. */
  add_sorted (store, zone_time (tz, 2027, 6, 2, 12, 0));

  g_assert_true (peek_item (G_LIST_MODEL (timeline), 2) == (gpointer) day);
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (day), ==, 3);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (mirror->changes->len, ==, 1);
  change = g_array_index (mirror->changes, Change, 0);
  g_assert_cmpuint (change.position, ==, 4);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  assert_mirror_matches (mirror);
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  /* A change that leaves the count alone notifies nothing. */
  g_list_store_splice (store, 0, 0, NULL, 0);
  g_assert_cmpuint (n_notify, ==, 1);

  g_signal_handlers_disconnect_by_data (day, &n_notify);
  g_clear_pointer (&mirror, mirror_free);
  g_assert_finalize_object (timeline);
}

/* A time between the neighbours of the range [position, position + n), so the store stays
 * sorted whatever goes there. */
static gint64
random_time_between (GListModel *store,
                     guint       position,
                     guint       n,
                     gint64      oldest,
                     gint64      newest)
{
  guint n_items = g_list_model_get_n_items (store);
  gint64 upper = position > 0 ? occurred_at_of (store, position - 1) : newest;
  gint64 lower = position + n < n_items ? occurred_at_of (store, position + n) : oldest;

  if (upper <= lower)
    return lower;

  /* Ties on purpose now and then: equal times must not confuse the model. */
  if (g_test_rand_int_range (0, 10) == 0)
    return g_test_rand_bit () ? lower : upper;

  return lower + (gint64) (g_test_rand_double () * (double) (upper - lower));
}

static void
sort_newest_first (GPtrArray *interactions)
{
  /* Stable, so ties keep their order and the result stays what a sorted store holds. */
  for (guint i = 1; i < interactions->len; i++)
    {
      for (guint j = i; j > 0; j--)
        {
          gpointer *data = interactions->pdata;
          gpointer swap;

          if (compare_newest_first (data[j - 1], data[j], NULL) <= 0)
            break;
          swap = data[j];
          data[j] = data[j - 1];
          data[j - 1] = swap;
        }
    }
}

/* Returns how many items-changed the store emitted. */
static guint
mutate (GListStore *store,
        gint64      oldest,
        gint64      newest)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  int what = g_test_rand_int_range (0, 5);

  if (n == 0)
    what = 0;

  switch (what)
    {
    case 0:
      /* Insert one. */
      {
        guint position = (guint) g_test_rand_int_range (0, (int) n + 1);
        g_autoptr(RapportInteraction) interaction =
          make_interaction (random_time_between (model, position, 0, oldest, newest));

        g_list_store_insert (store, position, interaction);
        return 1;
      }

    case 1:
      /* Remove one. */
      g_list_store_remove (store, (guint) g_test_rand_int_range (0, (int) n));
      return 1;

    case 2:
      /* Replace a range by new items, in one signal. */
      {
        guint position = (guint) g_test_rand_int_range (0, (int) n + 1);
        guint n_removed = (guint) g_test_rand_int_range (0, (int) MIN (n - position, 8) + 1);
        guint n_added = (guint) g_test_rand_int_range (0, 8);
        g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < n_added; i++)
          g_ptr_array_add (added, make_interaction (random_time_between (model, position,
                                                                         n_removed, oldest,
                                                                         newest)));
        sort_newest_first (added);
        g_list_store_splice (store, position, n_removed, added->pdata, added->len);
        return 1;
      }

    case 3:
      /* Reorder a range: its items get new times (changed in place) and come back re-sorted. */
      {
        guint position = (guint) g_test_rand_int_range (0, (int) n);
        guint length = (guint) g_test_rand_int_range (1, (int) MIN (n - position, 12) + 1);
        g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < length; i++)
          g_ptr_array_add (items, g_list_model_get_item (model, position + i));
        for (guint i = 0; i < length; i++)
          {
            if (g_test_rand_bit ())
              rapport_interaction_set_occurred_at (g_ptr_array_index (items, i),
                                                   random_time_between (model, position, length,
                                                                        oldest, newest));
          }
        sort_newest_first (items);
        g_list_store_splice (store, position, length, items->pdata, items->len);
        return 1;
      }

    case 4:
    default:
      /* Move one anywhere: a remove, then an insert. */
      {
        guint position = (guint) g_test_rand_int_range (0, (int) n);
        g_autoptr(RapportInteraction) interaction = g_list_model_get_item (model, position);

        g_list_store_remove (store, position);
        rapport_interaction_set_occurred_at (interaction,
                                             oldest + g_test_rand_int_range (0, (int) (newest -
                                                                                        oldest)));
        g_list_store_insert_sorted (store, interaction, compare_newest_first, NULL);
        return 2;
      }
    }
}

static void
run_random (GTimeZone *tz,
            gint64     oldest,
            gint64     newest)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  RapportTimelineModel *timeline;
  g_autoptr(Mirror) mirror = NULL;

  for (guint i = 0; i < 40; i++)
    add_sorted (store, oldest + g_test_rand_int_range (0, (int) (newest - oldest)));

  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  mirror = mirror_new (G_LIST_MODEL (timeline));
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GPtrArray) before = g_ptr_array_copy (mirror->items, (GCopyFunc) g_object_ref,
                                                      NULL);
      guint n_store_signals;

      g_ptr_array_set_free_func (before, g_object_unref);
      g_array_set_size (mirror->changes, 0);

      n_store_signals = mutate (store, oldest, newest);

      assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);
      assert_mirror_matches (mirror);
      g_assert_cmpuint (mirror->changes->len, <=, n_store_signals);

      if (n_store_signals == 1)
        {
          guint n_after = g_list_model_get_n_items (G_LIST_MODEL (timeline));
          guint limit = MIN (before->len, n_after);
          guint prefix = 0, suffix = 0;

          while (prefix < limit &&
                 g_ptr_array_index (before, prefix) == peek_item (G_LIST_MODEL (timeline), prefix))
            prefix++;
          while (suffix < limit - prefix &&
                 g_ptr_array_index (before, before->len - 1 - suffix) ==
                 peek_item (G_LIST_MODEL (timeline), n_after - 1 - suffix))
            suffix++;

          /* The one signal covers exactly what differs. */
          if (prefix == before->len && prefix == n_after)
            {
              g_assert_cmpuint (mirror->changes->len, ==, 0);
            }
          else
            {
              Change change;

              g_assert_cmpuint (mirror->changes->len, ==, 1);
              if (mirror->changes->len != 1)
                continue;
              change = g_array_index (mirror->changes, Change, 0);
              g_assert_cmpuint (change.position, ==, prefix);
              g_assert_cmpuint (change.removed, ==, before->len - prefix - suffix);
              g_assert_cmpuint (change.added, ==, n_after - prefix - suffix);
            }

          /* A day that stays keeps its header object. */
          for (guint i = 0; i < before->len; i++)
            {
              RapportTimelineDay *old_day = g_ptr_array_index (before, i);

              if (!RAPPORT_IS_TIMELINE_DAY (old_day))
                continue;

              for (guint j = 0; j < n_after; j++)
                {
                  gpointer item = peek_item (G_LIST_MODEL (timeline), j);

                  if (RAPPORT_IS_TIMELINE_DAY (item) &&
                      g_date_time_equal (rapport_timeline_day_get_date (item),
                                         rapport_timeline_day_get_date (old_day)))
                    g_assert_true (item == (gpointer) old_day);
                }
            }
        }

      if (g_test_failed ())
        {
          g_test_message ("first failure after round %u", round);
          break;
        }
    }

  g_clear_pointer (&mirror, mirror_free);
  g_assert_finalize_object (timeline);
}

static void
test_random (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");

  /* Three weeks around the start of daylight saving time (14 March 2027), so that some days
   * are 23 hours long. */
  run_random (tz, zone_time (tz, 2027, 3, 1, 0, 0), zone_time (tz, 2027, 3, 21, 0, 0));
}

static void
test_random_midnight_gap (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Santiago");

  /* Chile moves its clocks forward at midnight (5 September 2027): that day has no 00:00 and
   * begins at 01:00, and the day after begins at 00:00 again. */
  run_random (tz, zone_time (tz, 2027, 9, 1, 0, 0), zone_time (tz, 2027, 9, 10, 0, 0));
}

static void
test_midnight_gap (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Santiago");
  RapportTimelineModel *timeline;
  RapportTimelineDay *day;

  add_sorted (store, zone_time (tz, 2027, 9, 5, 23, 30));
  add_sorted (store, zone_time (tz, 2027, 9, 5, 1, 30));
  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  /* Half an hour after the short day ends: a day of its own. */
  add_sorted (store, zone_time (tz, 2027, 9, 6, 0, 30));

  /* [6 September] 00:30 [5 September] 23:30 01:30 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 5);
  day = peek_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (day));
  g_assert_cmpint (g_date_time_get_day_of_month (rapport_timeline_day_get_date (day)), ==, 6);
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (day), ==, 1);
  day = peek_item (G_LIST_MODEL (timeline), 2);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (day));
  if (RAPPORT_IS_TIMELINE_DAY (day))
    {
      g_assert_cmpint (g_date_time_get_day_of_month (rapport_timeline_day_get_date (day)), ==, 5);
      g_assert_cmpint (g_date_time_get_hour (rapport_timeline_day_get_date (day)), ==, 1);
      g_assert_cmpuint (rapport_timeline_day_get_n_interactions (day), ==, 2);
    }
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  g_assert_finalize_object (timeline);
}

static void
count_model_notify_cb (GObject    *object,
                       GParamSpec *pspec,
                       guint      *count)
{
  (*count)++;
}

static void
test_set_model (void)
{
  g_autoptr(GListStore) first = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GListStore) second = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  RapportTimelineModel *timeline;
  g_autoptr(Mirror) mirror = NULL;
  guint n_notify = 0;

  add_sorted (first, zone_time (tz, 2027, 6, 3, 10, 0));
  add_sorted (first, zone_time (tz, 2027, 6, 2, 10, 0));
  add_sorted (second, zone_time (tz, 2027, 7, 1, 10, 0));
  add_sorted (second, zone_time (tz, 2027, 7, 1, 12, 0));
  add_sorted (second, zone_time (tz, 2027, 6, 30, 12, 0));

  timeline = rapport_timeline_model_new (G_LIST_MODEL (first), tz);
  mirror = mirror_new (G_LIST_MODEL (timeline));
  g_signal_connect (timeline, "notify::model", G_CALLBACK (count_model_notify_cb), &n_notify);

  rapport_timeline_model_set_model (timeline, G_LIST_MODEL (second));
  g_assert_true (rapport_timeline_model_get_model (timeline) == G_LIST_MODEL (second));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (mirror->changes->len, ==, 1);
  assert_mirror_matches (mirror);
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (second), tz);

  /* The same model again changes nothing. */
  rapport_timeline_model_set_model (timeline, G_LIST_MODEL (second));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (mirror->changes->len, ==, 1);

  /* The old model is no longer followed; the new one is. */
  add_sorted (first, zone_time (tz, 2027, 6, 4, 10, 0));
  g_assert_cmpuint (mirror->changes->len, ==, 1);
  add_sorted (second, zone_time (tz, 2027, 7, 2, 10, 0));
  g_assert_cmpuint (mirror->changes->len, ==, 2);
  assert_mirror_matches (mirror);
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (second), tz);

  rapport_timeline_model_set_model (timeline, NULL);
  g_assert_null (rapport_timeline_model_get_model (timeline));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 0);
  g_assert_cmpuint (n_notify, ==, 2);
  assert_mirror_matches (mirror);

  /* The property works as well. */
  g_object_set (timeline, "model", first, NULL);
  g_assert_cmpuint (n_notify, ==, 3);
  assert_mirror_matches (mirror);
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (first), tz);

  g_signal_handlers_disconnect_by_data (timeline, &n_notify);
  g_clear_pointer (&mirror, mirror_free);
  g_assert_finalize_object (timeline);

  /* The wrapped model outlives the timeline without a dangling handler. */
  add_sorted (first, zone_time (tz, 2027, 6, 5, 10, 0));
}

static char *
label_for (GTimeZone *tz,
           gint64     occurred_at,
           GDateTime *now)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(RapportTimelineModel) timeline = NULL;
  g_autoptr(RapportTimelineDay) day = NULL;

  add_sorted (store, occurred_at);
  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  day = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (day));

  return rapport_timeline_day_dup_label (day, now);
}

static void
test_labels (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* Just after midnight on a Thursday in Denver; in UTC it is already 07:05. */
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2027, 11, 11, 0, 5, 0);
  g_autoptr(GDateTime) now_utc = g_date_time_to_timezone (now, utc);
  g_autoptr(GDateTime) new_year_morning = g_date_time_new (tz, 2027, 1, 1, 9, 0, 0);
  g_autofree char *today = label_for (tz, zone_time (tz, 2027, 11, 11, 0, 1), now);
  g_autofree char *today_late = label_for (tz, zone_time (tz, 2027, 11, 11, 23, 59), now);
  g_autofree char *yesterday = label_for (tz, zone_time (tz, 2027, 11, 10, 23, 59), now);
  g_autofree char *yesterday_utc_now = label_for (tz, zone_time (tz, 2027, 11, 10, 8, 0), now_utc);
  g_autofree char *this_year = label_for (tz, zone_time (tz, 2027, 11, 9, 12, 0), now);
  g_autofree char *other_year = label_for (tz, zone_time (tz, 2026, 11, 12, 12, 0), now);
  g_autofree char *new_year = label_for (tz, zone_time (tz, 2026, 12, 31, 12, 0),
                                         new_year_morning);

  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (today_late, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  /* now is read in the timeline's zone, whatever zone it comes in. */
  g_assert_cmpstr (yesterday_utc_now, ==, "Yesterday");
  g_assert_cmpstr (this_year, ==, "Tuesday, 9 November");
  g_assert_cmpstr (other_year, ==, "Thursday, 12 November 2026");
  g_assert_cmpstr (new_year, ==, "Yesterday");
}

/* A change in a long journal is worked out around where it happened: one entry in, one
 * items-changed over that entry (and its day, if new), and only the days it touched told. */
static void
test_local_change (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GPtrArray) interactions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportInteraction) same_day = NULL;
  g_autoptr(RapportInteraction) new_day = NULL;
  g_autoptr(RapportTimelineDay) first_day = NULL;
  g_autoptr(RapportTimelineDay) touched_day = NULL;
  g_autoptr(RapportTimelineDay) last_day = NULL;
  RapportTimelineModel *timeline;
  g_autoptr(Mirror) mirror = NULL;
  gint64 noon = zone_time (tz, 2027, 6, 1, 12, 0);
  guint n_notify_first = 0, n_notify_touched = 0;
  guint n = 20000;
  guint n_items, position, last_position;
  Change change;

  /* One every 8640 s from noon backwards: ten a day, from 21:36 to 00:00 (the newest day has
   * six). The one put after the entry at 10004 (02:24) is on that entry's day. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (interactions, make_interaction (noon - (gint64) i * 8640));
  g_list_store_splice (store, 0, 0, interactions->pdata, interactions->len);
  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  mirror = mirror_new (G_LIST_MODEL (timeline));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (timeline));

  first_day = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (RAPPORT_IS_TIMELINE_DAY (first_day));
  for (last_position = n_items - 1; last_position > 0; last_position--)
    {
      gpointer item = peek_item (G_LIST_MODEL (timeline), last_position);

      if (RAPPORT_IS_TIMELINE_DAY (item))
        {
          last_day = g_object_ref (item);
          break;
        }
    }
  g_assert_nonnull (last_day);
  g_signal_connect (first_day, "notify::n-interactions", G_CALLBACK (count_notify_cb),
                    &n_notify_first);

  /* One more on a day that has entries: it goes right after its neighbour, nothing else moves. */
  same_day = make_interaction (occurred_at_of (G_LIST_MODEL (store), 10004) - 1);
  g_list_store_insert (store, 10005, same_day);

  g_assert_cmpuint (mirror->changes->len, ==, 1);
  change = g_array_index (mirror->changes, Change, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  position = change.position;
  g_assert_true (peek_item (G_LIST_MODEL (timeline), position) == (gpointer) same_day);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, n_items + 1);

  /* Its day counts one more, and is told; the days far away are neither rebuilt nor told. */
  for (guint i = position; touched_day == NULL; i--)
    {
      gpointer item = peek_item (G_LIST_MODEL (timeline), i);

      if (RAPPORT_IS_TIMELINE_DAY (item))
        touched_day = g_object_ref (item);
    }
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (touched_day), ==, 11);
  g_assert_true (peek_item (G_LIST_MODEL (timeline), 0) == (gpointer) first_day);
  g_assert_true (peek_item (G_LIST_MODEL (timeline), last_position + 1) == (gpointer) last_day);
  g_assert_cmpuint (n_notify_first, ==, 0);

  /* Out again: the same range goes, the day counts ten again. */
  g_signal_connect (touched_day, "notify::n-interactions", G_CALLBACK (count_notify_cb),
                    &n_notify_touched);
  g_list_store_remove (store, 10005);
  g_assert_cmpuint (mirror->changes->len, ==, 2);
  change = g_array_index (mirror->changes, Change, 1);
  g_assert_cmpuint (change.position, ==, position);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (rapport_timeline_day_get_n_interactions (touched_day), ==, 10);
  g_assert_cmpuint (n_notify_touched, ==, 1);

  /* A day with nothing yet, after the newest: a header and the entry, at the top. */
  new_day = make_interaction (noon + 2 * 86400);
  g_list_store_insert (store, 0, new_day);
  g_assert_cmpuint (mirror->changes->len, ==, 3);
  change = g_array_index (mirror->changes, Change, 2);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 2);
  g_assert_true (peek_item (G_LIST_MODEL (timeline), 2) == (gpointer) first_day);
  g_assert_cmpuint (n_notify_first, ==, 0);

  assert_mirror_matches (mirror);
  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  g_signal_handlers_disconnect_by_data (first_day, &n_notify_first);
  g_signal_handlers_disconnect_by_data (touched_day, &n_notify_touched);
  g_clear_pointer (&mirror, mirror_free);
  g_assert_finalize_object (timeline);
}

static void
test_large (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Denver");
  g_autoptr(GPtrArray) interactions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportInteraction) extra = NULL;
  RapportTimelineModel *timeline;
  gint64 newest = zone_time (tz, 2027, 6, 1, 12, 0);
  guint n = 100000;
  guint n_items;
  double seconds, wrap_seconds;

  /* About ten a day over 27 years: many days, many per day. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (interactions, make_interaction (newest - (gint64) i * 8640));
  g_list_store_splice (store, 0, 0, interactions->pdata, interactions->len);

  g_test_timer_start ();
  timeline = rapport_timeline_model_new (G_LIST_MODEL (store), tz);
  wrap_seconds = g_test_timer_elapsed ();
  g_test_message ("wrapping %u interactions: %.2f ms", n, wrap_seconds * 1000);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  g_assert_cmpuint (n_items, >, n + 9900);

  /* Between the items now at 49999 and 50000. */
  extra = make_interaction (newest - 50000 * 8640 + 1);
  g_test_timer_start ();
  g_list_store_insert (store, 50000, extra);
  seconds = g_test_timer_elapsed ();
  g_test_message ("one insertion among %u: %.2f ms", n, seconds * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, n_items + 1);

  /* Steady state: removing and putting back one interaction, 20 times each. */
  g_test_timer_start ();
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(RapportInteraction) item = g_list_model_get_item (G_LIST_MODEL (store), 1000 * i);

      g_list_store_remove (store, 1000 * i);
      g_list_store_insert (store, 1000 * i, item);
    }
  seconds = g_test_timer_elapsed ();
  g_test_message ("one change among %u, on average: %.2f ms", n, seconds * 1000 / 40);
  /* A change is worked out around where it happened, not over the whole journal (which costs
   * about what wrapping it does): hundreds of times less here, so a loaded machine passes. */
  g_assert_cmpfloat (seconds / 40 * 20, <, wrap_seconds);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, n_items + 1);

  assert_timeline_matches (G_LIST_MODEL (timeline), G_LIST_MODEL (store), tz);

  g_assert_finalize_object (timeline);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/timeline-model/empty", test_empty);
  g_test_add_func ("/rapport/timeline-model/one", test_one);
  g_test_add_func ("/rapport/timeline-model/several-per-day", test_several_per_day);
  g_test_add_func ("/rapport/timeline-model/time-zone", test_time_zone);
  g_test_add_func ("/rapport/timeline-model/remove-last-of-day", test_remove_last_of_day);
  g_test_add_func ("/rapport/timeline-model/insert-keeps-header", test_insert_keeps_header);
  g_test_add_func ("/rapport/timeline-model/midnight-gap", test_midnight_gap);
  g_test_add_func ("/rapport/timeline-model/random", test_random);
  g_test_add_func ("/rapport/timeline-model/random-midnight-gap", test_random_midnight_gap);
  g_test_add_func ("/rapport/timeline-model/set-model", test_set_model);
  g_test_add_func ("/rapport/timeline-model/labels", test_labels);
  g_test_add_func ("/rapport/timeline-model/local-change", test_local_change);
  g_test_add_func ("/rapport/timeline-model/large", test_large);

  return g_test_run ();
}
