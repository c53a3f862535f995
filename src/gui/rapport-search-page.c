/* rapport-search-page.c
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

#define G_LOG_DOMAIN "rapport-search-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-search-page.h"

/* Enough to find something by a word or two; more is what refining the query is for. */
#define LIMIT_PER_KIND 20
/* Typing a word costs one query, not one per key. */
#define REQUERY_DELAY_MS 80

struct _RapportSearchPage
{
  GtkWidget     parent_instance;

  RapportStore *store;
  char         *query;
  /* What the page shows, in order: RapportSearchResult. */
  GPtrArray    *results;
  guint         requery_id;

  GtkStack     *stack;
  GtkWidget    *scrolled_window;
  GtkBox       *groups_box;
};

G_DEFINE_FINAL_TYPE (RapportSearchPage, rapport_search_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  N_PROPS
};

enum {
  ACTIVATE_RESULT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
icon_name_for_kind (RapportItemKind kind)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return "avatar-default-symbolic";
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return "mark-location-symbolic";
    case RAPPORT_ITEM_KIND_TIP:
      return "starred-symbolic";
    case RAPPORT_ITEM_KIND_INTERACTION:
      return "x-office-document-symbolic";
    case RAPPORT_ITEM_KIND_REMINDER:
      return "alarm-symbolic";
    default:
      return "system-search-symbolic";
    }
}

static void
clear_groups (RapportSearchPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  g_ptr_array_set_size (self->results, 0);
}

static void
row_activated_cb (RapportSearchPage *self,
                  AdwActionRow      *row)
{
  RapportSearchResult *result = g_object_get_data (G_OBJECT (row), "rapport-search-result");

  /* The handler may start a new search, which removes this row. */
  if (result != NULL)
    {
      g_autoptr(RapportSearchResult) hold = g_object_ref (result);

      g_signal_emit (self, signals[ACTIVATE_RESULT], 0, hold);
    }
}

static GtkWidget *
create_row (RapportSearchPage   *self,
            RapportSearchResult *result)
{
  const char *subtitle = rapport_search_result_get_subtitle (result);
  GtkWidget *row;

  row = adw_action_row_new ();
  /* Titles are the person's own words, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_search_result_get_title (result));
  if (subtitle != NULL && *subtitle != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                icon_name_for_kind (rapport_search_result_get_kind (result)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  g_object_set_data_full (G_OBJECT (row), "rapport-search-result", g_object_ref (result),
                          g_object_unref);
  g_signal_connect_swapped (row, "activated", G_CALLBACK (row_activated_cb), self);

  return row;
}

static void
requery (RapportSearchPage *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group = NULL;
  RapportItemKind group_kind = 0;

  g_clear_handle_id (&self->requery_id, g_source_remove);

  clear_groups (self);

  if (self->store == NULL || self->query == NULL || *self->query == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "results");
      return;
    }

  found = rapport_store_search (self->store, self->query, LIMIT_PER_KIND, &error);
  if (found == NULL)
    {
      /* The journal could not be read; the person sees no results rather than an old list. */
      g_warning ("Searching failed: %s", error != NULL ? error->message : "no reason given");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* The store groups by kind already; a new heading starts where the kind changes. */
  for (guint i = 0; i < found->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (found, i);
      RapportItemKind kind = rapport_search_result_get_kind (result);

      if (group == NULL || kind != group_kind)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                           rapport_item_kind_to_group_label (kind));
          gtk_box_append (self->groups_box, group);
          group_kind = kind;
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (self, result));
      g_ptr_array_add (self->results, g_object_ref (result));
    }

  gtk_stack_set_visible_child_name (self->stack, self->results->len > 0 ? "results" : "empty");

  /* A new query reads from the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (self->scrolled_window)), 0);
}

static gboolean
requery_timeout_cb (gpointer user_data)
{
  RapportSearchPage *self = user_data;

  self->requery_id = 0;
  requery (self);

  return G_SOURCE_REMOVE;
}

static void
queue_requery (RapportSearchPage *self)
{
  g_clear_handle_id (&self->requery_id, g_source_remove);
  self->requery_id = g_timeout_add (REQUERY_DELAY_MS, requery_timeout_cb, self);
}

static void
store_changed_cb (RapportSearchPage *self,
                  RapportStore      *store)
{
  if (self->query != NULL && *self->query != '\0')
    queue_requery (self);
}

static void
rapport_search_page_dispose (GObject *object)
{
  RapportSearchPage *self = RAPPORT_SEARCH_PAGE (object);

  g_clear_handle_id (&self->requery_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SEARCH_PAGE);

  G_OBJECT_CLASS (rapport_search_page_parent_class)->dispose (object);
}

static void
rapport_search_page_finalize (GObject *object)
{
  RapportSearchPage *self = RAPPORT_SEARCH_PAGE (object);

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_search_page_parent_class)->finalize (object);
}

static void
rapport_search_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportSearchPage *self = RAPPORT_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_search_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportSearchPage *self = RAPPORT_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_search_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_QUERY:
      rapport_search_page_set_query (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_search_page_class_init (RapportSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_search_page_dispose;
  object_class->finalize = rapport_search_page_finalize;
  object_class->get_property = rapport_search_page_get_property;
  object_class->set_property = rapport_search_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportSearchPage::activate-result:
   * @result: the chosen RapportSearchResult
   *
   * Emitted when a result is chosen; the window takes the person to it.
   */
  signals[ACTIVATE_RESULT] =
    g_signal_new ("activate-result",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_SEARCH_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportSearchPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportSearchPage, groups_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_search_page_init (RapportSearchPage *self)
{
  self->query = g_strdup ("");
  self->results = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportStore *
rapport_search_page_get_store (RapportSearchPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_PAGE (self), NULL);

  return self->store;
}

void
rapport_search_page_set_store (RapportSearchPage *self,
                               RapportStore      *store)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);

  /* Results of another journal must not stay on screen for a moment. */
  requery (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
rapport_search_page_get_query (RapportSearchPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_PAGE (self), NULL);

  return self->query;
}

void
rapport_search_page_set_query (RapportSearchPage *self,
                               const char        *query)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PAGE (self));

  if (query == NULL)
    query = "";

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);

  if (*query == '\0')
    requery (self);
  else
    queue_requery (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

gboolean
rapport_search_page_activate_first (RapportSearchPage *self)
{
  g_autoptr(RapportSearchResult) first = NULL;

  g_return_val_if_fail (RAPPORT_IS_SEARCH_PAGE (self), FALSE);

  /* Enter right after typing must act on what was typed, not on the previous results. */
  if (self->requery_id != 0)
    requery (self);

  if (self->results->len == 0)
    return FALSE;

  /* The handler may start a new search, which drops the results. */
  first = g_object_ref (g_ptr_array_index (self->results, 0));
  g_signal_emit (self, signals[ACTIVATE_RESULT], 0, first);

  return TRUE;
}
