/* rapport-colleagues-page.c
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

#define G_LOG_DOMAIN "rapport-colleagues-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-colleague-detail.h"
#include "rapport-colleague-editor.h"
#include "rapport-colleague-row.h"
#include "rapport-colleagues-page.h"
#include "rapport-list-item-label.h"

#define SETTINGS_SCHEMA_ID "io.github.rapportjournal.Rapport"
/* A new search that adds or drops many row widgets changes the list a few rows a frame (see
 * set_search): the first step's size, the smallest, and how long a step may take before the
 * next one is made smaller. */
#define PACE_FIRST_STEP 8
#define PACE_MIN_STEP 4
#define PACE_BUDGET_US 4000
/* GtkListView (GTK 4.8) keeps a widget for each of about this many rows (206 alive after
 * scrolling through 10,000 colleagues); rows beyond cost no widget. */
#define PACE_ROWS_WITH_WIDGETS 200

struct _RapportColleaguesPage
{
  GtkWidget               parent_instance;

  RapportStore           *store;
  GSettings              *settings;
  GtkCustomFilter        *filter;
  GtkCustomFilter        *moving_filter;
  RapportColleague       *moving;          /* taken out of the sort for a moment, see resort */
  GHashTable             *search_ids;      /* gint64 ids matching the search, NULL without one */
  /* Colleagues whose row still shows as the previous search had it, in list order, and the
   * same as a set for the filter; pace_next is the first still waiting. */
  GPtrArray              *pace_order;
  GHashTable             *pace_pending;
  guint                   pace_next;
  guint                   pace_step;
  gint64                  pace_overhead;   /* µs to filter the whole list, whatever changes */
  guint                   pace_tick_id;
  guint                   n_target;        /* rows once the pending ones have changed */
  GHashTable             *watched;         /* colleagues whose changes we follow */
  gint64                  pinned_id;       /* shown even when archived, after show_colleague() */
  guint                   refresh_search_source;
  gboolean                show_archived;

  AdwLeaflet             *leaflet;
  GtkWidget              *sidebar;
  GtkSearchEntry         *search_entry;
  GtkStack               *sidebar_stack;
  GtkListView            *list_view;
  GtkSingleSelection     *selection;
  GtkSortListModel       *sort_model;
  GtkStringSorter        *sorter;
  GtkFilterListModel     *filter_model;
  GtkFilterListModel     *moving_model;
  AdwStatusPage          *no_results_page;
  GtkWidget              *separator;
  GtkWidget              *content;
  GtkWidget              *back_bar;
  GtkStack               *content_stack;
  RapportColleagueDetail *detail;
};

G_DEFINE_FINAL_TYPE (RapportColleaguesPage, rapport_colleagues_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
add_error_toast (RapportColleaguesPage *self,
                 const GError          *error)
{
  g_autoptr(AdwToast) toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static gboolean
search_active (RapportColleaguesPage *self)
{
  return self->search_ids != NULL;
}

static gboolean
matches (RapportColleaguesPage *self,
         GHashTable            *search_ids,
         RapportColleague      *colleague)
{
  gint64 id = rapport_colleague_get_id (colleague);

  if (search_ids != NULL && !g_hash_table_contains (search_ids, &id))
    return FALSE;

  if (rapport_colleague_get_archived (colleague) && !self->show_archived)
    return id != 0 && id == self->pinned_id;

  return TRUE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RapportColleaguesPage *self = user_data;
  gboolean shown = matches (self, self->search_ids, item);

  /* Still as the previous search had it. */
  if (self->pace_pending != NULL && g_hash_table_contains (self->pace_pending, item))
    return !shown;

  return shown;
}

static gboolean
moving_filter_func (gpointer item,
                    gpointer user_data)
{
  RapportColleaguesPage *self = user_data;

  return item != (gpointer) self->moving;
}

static gboolean
pacing (RapportColleaguesPage *self)
{
  return self->pace_pending != NULL;
}

static void
stop_pacing (RapportColleaguesPage *self)
{
  if (self->pace_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pace_tick_id);
      self->pace_tick_id = 0;
    }

  g_clear_pointer (&self->pace_pending, g_hash_table_unref);
  g_clear_pointer (&self->pace_order, g_ptr_array_unref);
  self->pace_next = 0;
}

/* Shows everything as it now is: the rows a search still had to change change at once. */
static void
refilter (RapportColleaguesPage *self)
{
  stop_pacing (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static guint
find_position (GListModel *model,
               gpointer    item)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Which state each side of the leaflet shows: the list or an empty state, the details or a hint. */
static void
update_state (RapportColleaguesPage *self)
{
  guint n_total = 0;
  guint n_shown;
  gboolean empty;

  if (self->store != NULL)
    n_total = g_list_model_get_n_items (rapport_store_get_colleagues (self->store));
  /* Half-way through a new search the list may be empty for a frame; that is no empty state. */
  n_shown = pacing (self) ? self->n_target
                          : g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  empty = n_total == 0;

  /* With nobody in the journal the invitation takes the whole page. */
  gtk_widget_set_visible (self->content, !empty);
  gtk_widget_set_visible (self->separator, !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), !empty);
  gtk_widget_set_hexpand (self->sidebar, empty);

  if (empty)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }
  else if (n_shown == 0)
    {
      if (search_active (self))
        {
          adw_status_page_set_title (self->no_results_page, _("No Results"));
          adw_status_page_set_description (self->no_results_page,
                                           _("Try another name, role or interest."));
        }
      else
        {
          adw_status_page_set_title (self->no_results_page, _("Everyone Is Archived"));
          adw_status_page_set_description (self->no_results_page,
                                           _("Show archived colleagues to see them again."));
        }
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
    }
}

static void
show_selected (RapportColleaguesPage *self,
               gboolean               navigate)
{
  RapportColleague *colleague = gtk_single_selection_get_selected_item (self->selection);

  rapport_colleague_detail_set_colleague (self->detail, colleague);
  gtk_stack_set_visible_child_name (self->content_stack, colleague != NULL ? "detail" : "none");

  if (colleague != NULL && navigate)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  else if (colleague == NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static gboolean
is_subset (GHashTable *small,
           GHashTable *large)
{
  GHashTableIter iter;
  gpointer id;

  if (g_hash_table_size (small) > g_hash_table_size (large))
    return FALSE;

  g_hash_table_iter_init (&iter, small);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (large, id))
      return FALSE;

  return TRUE;
}

/* A longer word finds some of what the shorter one found: the filter model then checks only
 * the rows it shows (half of 10,000 for "M"), not every colleague. NULL: no search. */
static GtkFilterChange
compare_searches (GHashTable *before,
                  GHashTable *after)
{
  if (before == NULL || (after != NULL && is_subset (after, before)))
    return GTK_FILTER_CHANGE_MORE_STRICT;

  if (after == NULL || is_subset (before, after))
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

/* How many colleagues a search would show, counting up to cap at most. */
static guint
count_matches (RapportColleaguesPage *self,
               GHashTable            *search_ids,
               guint                  cap)
{
  guint count = 0;

  if (self->store == NULL)
    return 0;

  if (search_ids != NULL)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, search_ids);
      while (count < cap && g_hash_table_iter_next (&iter, &id, NULL))
        {
          RapportColleague *colleague = rapport_store_find_colleague (self->store,
                                                                      *(gint64 *) id);

          count += colleague != NULL && matches (self, search_ids, colleague);
        }
    }
  else
    {
      GListModel *colleagues = rapport_store_get_colleagues (self->store);
      guint n_items = g_list_model_get_n_items (colleagues);

      for (guint i = 0; count < cap && i < n_items; i++)
        {
          g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

          count += matches (self, NULL, colleague);
        }
    }

  return count;
}

/* Changes the next pending rows; TRUE when more wait. */
static gboolean
pace_step (RapportColleaguesPage *self)
{
  guint end = MIN (self->pace_next + self->pace_step, self->pace_order->len);
  gint64 start;
  gint64 elapsed;

  gboolean adds = FALSE;
  gboolean drops = FALSE;
  GtkFilterChange change;

  for (; self->pace_next < end; self->pace_next++)
    {
      gpointer colleague = g_ptr_array_index (self->pace_order, self->pace_next);

      if (filter_func (colleague, self))
        drops = TRUE;
      else
        adds = TRUE;
      g_hash_table_remove (self->pace_pending, colleague);
    }

  /* Only the shown rows need checking again when rows only go, only the hidden ones when they
   * only come. */
  change = !adds ? GTK_FILTER_CHANGE_MORE_STRICT
                 : !drops ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_DIFFERENT;

  if (self->pace_next >= self->pace_order->len)
    {
      stop_pacing (self);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
      update_state (self);
      return FALSE;
    }

  start = g_get_monotonic_time ();
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  elapsed = g_get_monotonic_time () - start - self->pace_overhead;

  /* Rows near the top cost a widget each, rows further down almost nothing; the filter runs
   * over every colleague at each step, however few change, so that part does not count. */
  if (elapsed < PACE_BUDGET_US / 2)
    self->pace_step = MIN (self->pace_step * 2, self->pace_order->len);
  else if (elapsed > PACE_BUDGET_US)
    self->pace_step = MAX (PACE_MIN_STEP, self->pace_step / 2);

  return TRUE;
}

static gboolean
pace_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  RapportColleaguesPage *self = RAPPORT_COLLEAGUES_PAGE (widget);
  guint tick_id = self->pace_tick_id;

  /* The last step must not remove the callback that is running. */
  self->pace_tick_id = 0;
  if (!pace_step (self))
    return G_SOURCE_REMOVE;

  self->pace_tick_id = tick_id;
  return G_SOURCE_CONTINUE;
}

/* Takes the new search in. In one change of the list, the list view gives the widgets of rows
 * leaving to rows coming; but when the rows with a widget grow or shrink by many (from a name
 * to no search at all in a short list), it makes or drops a widget for each, 0.3 ms apiece,
 * far longer than a frame: then the rows change in list order, the top first, a few a frame,
 * as many as fit in PACE_BUDGET_US. */
static void
set_search (RapportColleaguesPage *self,
            GHashTable            *search_ids,
            gboolean               paced)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  g_autoptr(GPtrArray) order = NULL;
  int widgets_change;
  gint64 start;
  guint n_shown;
  guint n_items;

  if (!paced || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_pointer (&self->search_ids, g_hash_table_unref);
      self->search_ids = search_ids;
      refilter (self);
      update_state (self);
      return;
    }

  /* Widgets mostly move from row to row: one change is cheapest. */
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  widgets_change = ABS ((int) count_matches (self, search_ids, PACE_ROWS_WITH_WIDGETS) -
                        (int) MIN (n_shown, PACE_ROWS_WITH_WIDGETS));
  if (widgets_change <= 2 * PACE_FIRST_STEP)
    {
      GtkFilterChange change = pacing (self) ? GTK_FILTER_CHANGE_DIFFERENT
                                             : compare_searches (self->search_ids, search_ids);

      stop_pacing (self);
      g_clear_pointer (&self->search_ids, g_hash_table_unref);
      self->search_ids = search_ids;
      gtk_filter_changed (GTK_FILTER (self->filter), change);
      update_state (self);
      return;
    }

  /* Which rows show now (a search still being paced included) and which will. */
  start = g_get_monotonic_time ();
  n_items = g_list_model_get_n_items (model);
  order = g_ptr_array_new_with_free_func (g_object_unref);
  self->n_target = 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);
      gboolean will_show = matches (self, search_ids, colleague);

      if (will_show != filter_func (colleague, self))
        g_ptr_array_add (order, g_steal_pointer (&colleague));
      self->n_target += will_show;
    }

  stop_pacing (self);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  self->search_ids = search_ids;
  /* About what filtering the whole list takes. */
  self->pace_overhead = g_get_monotonic_time () - start;

  if (order->len == 0)
    {
      update_state (self);
      return;
    }

  /* Until a row's turn comes, the filter shows it as before. */
  self->pace_order = g_steal_pointer (&order);
  self->pace_pending = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->pace_order->len; i++)
    g_hash_table_add (self->pace_pending, g_ptr_array_index (self->pace_order, i));
  self->pace_step = PACE_FIRST_STEP;

  /* The top of the list changes right away, the rest in the frames after. */
  if (pace_step (self))
    {
      self->pace_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), pace_tick_cb,
                                                         NULL, NULL);
      update_state (self);
    }
}

/* paced: the person is typing, so the list may take a few frames to follow; otherwise
 * (Enter, a colleague to show) the list is complete when this returns. */
static void
apply_search (RapportColleaguesPage *self,
              gboolean               paced)
{
  g_autofree char *query = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *search_ids;

  g_clear_handle_id (&self->refresh_search_source, g_source_remove);

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (*query == '\0' || self->store == NULL)
    {
      if (self->search_ids == NULL)
        {
          if (!paced && pacing (self))
            {
              refilter (self);
              update_state (self);
            }
          return;
        }

      set_search (self, NULL, paced);
      return;
    }

  ids = rapport_store_search_colleagues (self->store, query, &error);
  if (ids == NULL)
    {
      add_error_toast (self, error);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  search_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      g_hash_table_add (search_ids, g_memdup2 (&id, sizeof id));
    }

  set_search (self, search_ids, paced);
}

static gboolean
refresh_search_cb (gpointer user_data)
{
  RapportColleaguesPage *self = user_data;

  self->refresh_search_source = 0;
  apply_search (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
queue_search_refresh (RapportColleaguesPage *self)
{
  if (search_active (self) && self->refresh_search_source == 0)
    self->refresh_search_source = g_idle_add (refresh_search_cb, self);
}

/* A rename re-sorts only when it broke the order, so a row that stays put is not rebuilt. */
static void
resort_if_needed (RapportColleaguesPage *self,
                  RapportColleague      *colleague)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  GtkSorter *sorter = GTK_SORTER (self->sorter);
  guint n_items = g_list_model_get_n_items (model);
  guint position = find_position (model, colleague);
  gboolean in_order = TRUE;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (position > 0)
    {
      g_autoptr(GObject) previous = g_list_model_get_item (model, position - 1);

      in_order = gtk_sorter_compare (sorter, previous, colleague) != GTK_ORDERING_LARGER;
    }

  if (in_order && position + 1 < n_items)
    {
      g_autoptr(GObject) next = g_list_model_get_item (model, position + 1);

      in_order = gtk_sorter_compare (sorter, colleague, next) != GTK_ORDERING_LARGER;
    }

  /* The sort model keeps each item's sort key, and re-sorting all of them (a new expression)
   * rebuilds the whole list: take this one colleague out and put them back, so the sort model
   * computes one key and the list moves one row. */
  if (!in_order)
    {
      gboolean selected = gtk_single_selection_get_selected_item (self->selection) ==
                          (gpointer) colleague;

      self->moving = colleague;
      gtk_filter_changed (GTK_FILTER (self->moving_filter), GTK_FILTER_CHANGE_MORE_STRICT);
      self->moving = NULL;
      gtk_filter_changed (GTK_FILTER (self->moving_filter), GTK_FILTER_CHANGE_LESS_STRICT);

      if (selected)
        {
          position = find_position (G_LIST_MODEL (self->selection), colleague);
          if (position != GTK_INVALID_LIST_POSITION)
            gtk_single_selection_set_selected (self->selection, position);
        }
    }
}

static void
colleague_notify_cb (RapportColleaguesPage *self,
                     GParamSpec            *pspec,
                     RapportColleague      *colleague)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "archived"))
    {
      refilter (self);
      update_state (self);
    }
  else if (g_str_equal (name, "name"))
    {
      resort_if_needed (self, colleague);
      queue_search_refresh (self);
    }
  else if (g_str_equal (name, "role") || g_str_equal (name, "specialty") ||
           g_str_equal (name, "organization") || g_str_equal (name, "interests") ||
           g_str_equal (name, "notes"))
    {
      queue_search_refresh (self);
    }
}

/* What the row shows, for a screen reader: "Amara Okafor, Charge Nurse, Mercy Hospital". */
static void
name_item (GtkListItem *list_item)
{
  RapportColleague *colleague = gtk_list_item_get_item (list_item);
  g_autofree char *label = NULL;

  if (colleague == NULL)
    return;

  label = rapport_list_item_join_label (rapport_colleague_get_name (colleague),
                                        rapport_colleague_get_role (colleague),
                                        rapport_colleague_get_organization (colleague),
                                        /* Translators: the tag on an archived colleague's row */
                                        rapport_colleague_get_archived (colleague) ?
                                        _("Archived") : "",
                                        NULL);
  rapport_list_item_set_accessible_label (list_item, label);
}

static void
item_colleague_notify_cb (GtkListItem *list_item,
                          GParamSpec  *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name") || g_str_equal (name, "role") ||
      g_str_equal (name, "organization") || g_str_equal (name, "archived"))
    name_item (list_item);
}

static void
setup_row_cb (RapportColleaguesPage    *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (list_item, rapport_colleague_row_new ());
}

static void
bind_row_cb (RapportColleaguesPage    *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  RapportColleague *colleague = gtk_list_item_get_item (list_item);

  rapport_colleague_row_set_colleague (RAPPORT_COLLEAGUE_ROW (gtk_list_item_get_child (list_item)),
                                       colleague);
  name_item (list_item);
  g_signal_connect_object (colleague, "notify", G_CALLBACK (item_colleague_notify_cb), list_item,
                           G_CONNECT_SWAPPED);
}

static void
unbind_row_cb (RapportColleaguesPage    *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  RapportColleague *colleague = gtk_list_item_get_item (list_item);

  if (colleague != NULL)
    g_signal_handlers_disconnect_by_func (colleague, item_colleague_notify_cb, list_item);
  /* The row keeps its colleague: GTK 4.8 unbinds and binds every row again whenever its
   * position changes, and filling a row anew for the same colleague made a search crawl. */
  rapport_list_item_set_accessible_label (list_item, NULL);
}

static void
watch_colleagues (RapportColleaguesPage *self,
                  GListModel            *model,
                  guint                  position,
                  guint                  n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      if (g_hash_table_contains (self->watched, colleague))
        continue;

      g_hash_table_add (self->watched, g_object_ref (colleague));
      g_signal_connect_object (colleague, "notify", G_CALLBACK (colleague_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
unwatch_colleagues (RapportColleaguesPage *self)
{
  GHashTableIter iter;
  gpointer colleague;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &colleague, NULL))
    g_signal_handlers_disconnect_by_func (colleague, colleague_notify_cb, self);
  g_hash_table_remove_all (self->watched);
}

static void
store_items_changed_cb (RapportColleaguesPage *self,
                        guint                  position,
                        guint                  removed,
                        guint                  added,
                        GListModel            *model)
{
  watch_colleagues (self, model, position, added);

  /* A new colleague may match the current search. */
  if (added > 0)
    queue_search_refresh (self);
}

static void
filter_items_changed_cb (RapportColleaguesPage *self)
{
  update_state (self);
}

static void
search_changed_cb (RapportColleaguesPage *self)
{
  apply_search (self, TRUE);
}

static void
stop_search_cb (RapportColleaguesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self, TRUE);
}

static void
search_activate_cb (RapportColleaguesPage *self)
{
  /* Enter before the search delay ran still searches for what was typed, all of it. */
  apply_search (self, FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  show_selected (self, TRUE);
}

static gboolean
search_key_pressed_cb (RapportColleaguesPage *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return GDK_EVENT_PROPAGATE;

  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              gtk_single_selection_get_selected (self->selection));
  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);

  return GDK_EVENT_STOP;
}

static void
selection_changed_cb (RapportColleaguesPage *self)
{
  RapportColleague *colleague = gtk_single_selection_get_selected_item (self->selection);

  /* A colleague on their way to a new place in the list stays selected (resort_if_needed). */
  if (self->moving != NULL)
    return;

  if (colleague == NULL || rapport_colleague_get_id (colleague) != self->pinned_id)
    self->pinned_id = 0;

  show_selected (self, FALSE);
}

static void
list_activate_cb (RapportColleaguesPage *self,
                  guint                  position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self, TRUE);
}

static void
leaflet_folded_cb (RapportColleaguesPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_bar, folded);
  /* Narrow, a tap on a row opens it; wide, a click selects and the details show beside. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
}

static void
back_clicked_cb (RapportColleaguesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
add_clicked_cb (RapportColleaguesPage *self)
{
  rapport_colleagues_page_add_colleague (self);
}

/* The window makes the import dialog (it owns the store and shows the toasts). */
static void
import_clicked_cb (RapportColleaguesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.import-contacts", NULL);
}

static void
detail_add_toast_cb (RapportColleaguesPage *self,
                     AdwToast              *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
editor_saved_cb (RapportColleaguesPage *self,
                 RapportColleague      *colleague)
{
  rapport_colleagues_page_show_colleague (self, rapport_colleague_get_id (colleague));
}

static void
show_archived_changed_cb (RapportColleaguesPage *self)
{
  gboolean show_archived = g_settings_get_boolean (self->settings, "show-archived");

  if (show_archived == self->show_archived)
    return;

  self->show_archived = show_archived;
  refilter (self);
  update_state (self);
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  RapportColleaguesPage *self = user_data;

  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self->detail), "colleague.delete", NULL);
}

static gboolean
edit_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  RapportColleaguesPage *self = RAPPORT_COLLEAGUES_PAGE (widget);

  if (rapport_colleague_detail_get_colleague (self->detail) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self->detail), "colleague.edit", NULL);
}

static void
rapport_colleagues_page_dispose (GObject *object)
{
  RapportColleaguesPage *self = RAPPORT_COLLEAGUES_PAGE (object);

  rapport_colleagues_page_set_store (self, NULL);
  stop_pacing (self);
  g_clear_handle_id (&self->refresh_search_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_COLLEAGUES_PAGE);

  g_clear_object (&self->settings);
  g_clear_object (&self->filter);
  g_clear_object (&self->moving_filter);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_colleagues_page_parent_class)->dispose (object);
}

static void
rapport_colleagues_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportColleaguesPage *self = RAPPORT_COLLEAGUES_PAGE (object);

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
rapport_colleagues_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportColleaguesPage *self = RAPPORT_COLLEAGUES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_colleagues_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleagues_page_class_init (RapportColleaguesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_colleagues_page_dispose;
  object_class->get_property = rapport_colleagues_page_get_property;
  object_class->set_property = rapport_colleagues_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-colleagues-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, sorter);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, moving_model);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, separator);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, content);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, back_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportColleaguesPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_add_toast_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, edit_shortcut_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_colleagues_page_init (RapportColleaguesPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_type_ensure (RAPPORT_TYPE_COLLEAGUE);
  g_type_ensure (RAPPORT_TYPE_COLLEAGUE_ROW);
  g_type_ensure (RAPPORT_TYPE_COLLEAGUE_DETAIL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  self->moving_filter = gtk_custom_filter_new (moving_filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->moving_model, GTK_FILTER (self->moving_filter));
  /* After the filter model has taken a change in, so the counts are current. */
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "show-archived"))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      self->show_archived = g_settings_get_boolean (self->settings, "show-archived");
      g_signal_connect_object (self->settings, "changed::show-archived",
                               G_CALLBACK (show_archived_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Delete removes the selected colleague when the list has the focus (Undo is in the toast). */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_callback_action_new (delete_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  leaflet_folded_cb (self);
  update_state (self);
}

RapportStore *
rapport_colleagues_page_get_store (RapportColleaguesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUES_PAGE (self), NULL);

  return self->store;
}

void
rapport_colleagues_page_set_store (RapportColleaguesPage *self,
                                   RapportStore          *store)
{
  GListModel *colleagues;

  g_return_if_fail (RAPPORT_IS_COLLEAGUES_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (rapport_store_get_colleagues (self->store),
                                            store_items_changed_cb, self);
      unwatch_colleagues (self);
    }

  g_set_object (&self->store, store);
  stop_pacing (self);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  self->pinned_id = 0;

  if (self->filter_model == NULL)
    return;

  colleagues = store != NULL ? rapport_store_get_colleagues (store) : NULL;
  if (colleagues != NULL)
    {
      watch_colleagues (self, colleagues, 0, g_list_model_get_n_items (colleagues));
      g_signal_connect_object (colleagues, "items-changed",
                               G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);
    }

  rapport_colleague_detail_set_store (self->detail, store);
  /* Sorted once; searches and archiving filter the sorted list without sorting it again. */
  gtk_filter_list_model_set_model (self->moving_model, colleagues);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
rapport_colleagues_page_add_colleague (RapportColleaguesPage *self)
{
  RapportColleagueEditor *editor;
  GtkRoot *root;

  g_return_if_fail (RAPPORT_IS_COLLEAGUES_PAGE (self));

  if (self->store == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = rapport_colleague_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->store, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
rapport_colleagues_page_focus_search (RapportColleaguesPage *self)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUES_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rapport_colleagues_page_show_colleague (RapportColleaguesPage *self,
                                        gint64                 id)
{
  RapportColleague *colleague;
  guint position;

  g_return_if_fail (RAPPORT_IS_COLLEAGUES_PAGE (self));

  if (self->store == NULL)
    return;

  colleague = rapport_store_find_colleague (self->store, id);
  if (colleague == NULL)
    return;

  /* A search that hides them gives way; an archived colleague shows until the selection moves. */
  if (self->search_ids != NULL && !g_hash_table_contains (self->search_ids, &id))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      apply_search (self, FALSE);
    }
  else if (pacing (self))
    {
      /* Their row may still be waiting for its turn. */
      refilter (self);
      update_state (self);
    }

  if (rapport_colleague_get_archived (colleague) && !self->show_archived)
    {
      self->pinned_id = id;
      refilter (self);
      update_state (self);
    }

  position = find_position (G_LIST_MODEL (self->selection), colleague);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  show_selected (self, TRUE);
}
