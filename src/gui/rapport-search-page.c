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

/* Enough to find something by a word or two; more is what refining the query is for. A row is
 * laid out again whenever the result it shows changes, that is on most keystrokes: with 20 of
 * each kind (up to 100 rows) that took 90-125 ms a key, with 8 about 45 ms (15 ms once the
 * labels keep to one line). */
#define LIMIT_PER_KIND 8
/* Typing a word costs one query, not one per key. */
#define REQUERY_DELAY_MS 80

/* The heading and rows of one kind. They outlive a query: the next one retitles the rows it
 * needs and hides the others, since making and dropping a hundred rows a keystroke is what
 * made typing stall. Rows of a kind that found nothing leave the page but are kept for the
 * next query, so the page never holds hidden rows before the ones that show. */
typedef struct
{
  RapportItemKind  kind;
  GtkWidget       *group;      /* AdwPreferencesGroup, owned by groups_box */
  GPtrArray       *rows;       /* AdwActionRow, owned; the first n_attached are in the group */
  guint            n_attached;
  guint            n_shown;    /* the first n_shown show results */
  gboolean         has_more;  /* the store found more than LIMIT_PER_KIND */
} KindGroup;

struct _RapportSearchPage
{
  GtkWidget     parent_instance;

  RapportStore *store;
  char         *query;
  /* What the page shows, in order: RapportSearchResult. */
  GPtrArray    *results;
  /* KindGroup, in the order they were first needed. */
  GPtrArray    *groups;
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
kind_group_free (gpointer data)
{
  KindGroup *kind_group = data;

  g_clear_pointer (&kind_group->rows, g_ptr_array_unref);
  g_free (kind_group);
}

static void
detach_rows (KindGroup *kind_group)
{
  for (guint i = 0; i < kind_group->n_attached; i++)
    {
      GtkWidget *row = g_ptr_array_index (kind_group->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (kind_group->group), row);
      g_object_set_data (G_OBJECT (row), "rapport-search-result", NULL);
    }

  kind_group->n_attached = 0;
  kind_group->n_shown = 0;
}

/* Drops every heading and row, for a journal that is no longer this page's. */
static void
clear_groups (RapportSearchPage *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->groups->len; i++)
    detach_rows (g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  g_ptr_array_set_size (self->results, 0);
}

static void
hide_groups (RapportSearchPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      KindGroup *kind_group = g_ptr_array_index (self->groups, i);

      detach_rows (kind_group);
      gtk_widget_set_visible (kind_group->group, FALSE);
    }

  g_ptr_array_set_size (self->results, 0);
}

static void
row_activated_cb (RapportSearchPage *self,
                  AdwActionRow      *row)
{
  RapportSearchResult *result = g_object_get_data (G_OBJECT (row), "rapport-search-result");

  /* The handler may start a new search, which gives this row another result. */
  if (result != NULL)
    {
      g_autoptr(RapportSearchResult) hold = g_object_ref (result);

      g_signal_emit (self, signals[ACTIVATE_RESULT], 0, hold);
    }
}

static KindGroup *
ensure_group (RapportSearchPage *self,
              RapportItemKind    kind)
{
  KindGroup *kind_group;

  for (guint i = 0; i < self->groups->len; i++)
    {
      kind_group = g_ptr_array_index (self->groups, i);
      if (kind_group->kind == kind)
        return kind_group;
    }

  kind_group = g_new0 (KindGroup, 1);
  kind_group->kind = kind;
  kind_group->rows = g_ptr_array_new_with_free_func (g_object_unref);
  kind_group->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (kind_group->group),
                                   rapport_item_kind_to_group_label (kind));
  gtk_box_append (self->groups_box, kind_group->group);
  g_ptr_array_add (self->groups, kind_group);

  return kind_group;
}

static GtkWidget *
create_row (RapportSearchPage *self,
            RapportItemKind    kind)
{
  GtkWidget *row;

  row = adw_action_row_new ();
  /* Titles are the person's own words, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* One line each: a label that may wrap is measured again at every width the layout tries,
   * which made laying out the results cost more than finding them. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name_for_kind (kind));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_swapped (row, "activated", G_CALLBACK (row_activated_cb), self);

  return row;
}

/* Only what differs is set, so a row showing the same result again is not measured again. */
static void
show_result (GtkWidget           *row,
             RapportSearchResult *result)
{
  const char *title = rapport_search_result_get_title (result);
  const char *subtitle = rapport_search_result_get_subtitle (result);
  const char *icon_name = icon_name_for_kind (rapport_search_result_get_kind (result));

  if (subtitle == NULL)
    subtitle = "";

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (g_strcmp0 (adw_action_row_get_icon_name (ADW_ACTION_ROW (row)), icon_name) != 0)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);

  /* A reused row acts on the result it shows now. */
  g_object_set_data_full (G_OBJECT (row), "rapport-search-result", g_object_ref (result),
                          g_object_unref);
  gtk_widget_set_visible (row, TRUE);
}

static void
add_result (RapportSearchPage   *self,
            KindGroup           *kind_group,
            RapportSearchResult *result)
{
  GtkWidget *row;

  if (kind_group->n_shown == kind_group->rows->len)
    g_ptr_array_add (kind_group->rows, g_object_ref_sink (create_row (self, kind_group->kind)));

  row = g_ptr_array_index (kind_group->rows, kind_group->n_shown);
  if (kind_group->n_shown == kind_group->n_attached)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (kind_group->group), row);
      kind_group->n_attached++;
    }

  show_result (row, result);
  kind_group->n_shown++;
  g_ptr_array_add (self->results, g_object_ref (result));
}

static void
set_has_more (KindGroup *kind_group,
              gboolean   has_more)
{
  g_autofree char *description = NULL;
  const char *current;

  current = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (kind_group->group));
  if (has_more == (current != NULL && *current != '\0'))
    return;

  if (has_more)
    description = g_strdup_printf (ngettext ("The first %u. Add a word to find the others.",
                                             "The first %u. Add a word to find the others.",
                                             LIMIT_PER_KIND),
                                   LIMIT_PER_KIND);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (kind_group->group), description);
}

/* Hides the rows this query did not need, and the headings without rows. */
static void
hide_unused (RapportSearchPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      KindGroup *kind_group = g_ptr_array_index (self->groups, i);

      if (kind_group->n_shown == 0)
        detach_rows (kind_group);

      for (guint j = kind_group->n_shown; j < kind_group->n_attached; j++)
        {
          GtkWidget *row = g_ptr_array_index (kind_group->rows, j);

          if (!gtk_widget_get_visible (row))
            break;

          gtk_widget_set_visible (row, FALSE);
          g_object_set_data (G_OBJECT (row), "rapport-search-result", NULL);
        }

      gtk_widget_set_visible (kind_group->group, kind_group->n_shown > 0);
      set_has_more (kind_group, kind_group->n_shown > 0 && kind_group->has_more);
    }
}

static void
requery (RapportSearchPage *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  KindGroup *kind_group = NULL;
  GtkWidget *previous = NULL;

  g_clear_handle_id (&self->requery_id, g_source_remove);

  if (self->store == NULL || self->query == NULL || *self->query == '\0')
    {
      hide_groups (self);
      gtk_stack_set_visible_child_name (self->stack, "results");
      return;
    }

  /* One more than shown, to know whether there are others. */
  found = rapport_store_search (self->store, self->query, LIMIT_PER_KIND + 1, &error);
  if (found == NULL)
    {
      /* The journal could not be read; the person sees no results rather than an old list. */
      g_warning ("Searching failed: %s", error != NULL ? error->message : "no reason given");
      hide_groups (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < self->groups->len; i++)
    {
      KindGroup *each = g_ptr_array_index (self->groups, i);

      each->n_shown = 0;
      each->has_more = FALSE;
    }
  g_ptr_array_set_size (self->results, 0);

  /* The store groups by kind already; a heading shows where the kind changes, the headings in
   * the store's order. */
  for (guint i = 0; i < found->len; i++)
    {
      RapportSearchResult *result = g_ptr_array_index (found, i);
      RapportItemKind kind = rapport_search_result_get_kind (result);

      if (kind_group == NULL || kind != kind_group->kind)
        {
          kind_group = ensure_group (self, kind);
          if (kind_group->n_shown == 0)
            {
              if (gtk_widget_get_prev_sibling (kind_group->group) != previous)
                gtk_box_reorder_child_after (self->groups_box, kind_group->group, previous);
              previous = kind_group->group;
            }
        }

      if (kind_group->n_shown < LIMIT_PER_KIND)
        add_result (self, kind_group, result);
      else
        kind_group->has_more = TRUE;
    }

  hide_unused (self);

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
  /* Drops the rows kept aside; those in a group go with the template. */
  g_ptr_array_set_size (self->groups, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SEARCH_PAGE);

  G_OBJECT_CLASS (rapport_search_page_parent_class)->dispose (object);
}

static void
rapport_search_page_finalize (GObject *object)
{
  RapportSearchPage *self = RAPPORT_SEARCH_PAGE (object);

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

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
  self->groups = g_ptr_array_new_with_free_func (kind_group_free);

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
  clear_groups (self);
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
