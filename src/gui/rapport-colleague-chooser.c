/* rapport-colleague-chooser.c
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

#define G_LOG_DOMAIN "rapport-colleague-chooser"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-colleague-chooser.h"
#include "rapport-list-item-label.h"

struct _RapportColleagueChooser
{
  GtkWidget           parent_instance;

  RapportStore       *store;
  GHashTable         *selected;     /* gint64 ids */
  GHashTable         *pinned;       /* ids given to set_selected: shown even when archived */
  GHashTable         *search_ids;   /* ids matching the search, NULL without one */
  GHashTable         *bound;        /* the check buttons of the rows on screen */
  GtkCustomFilter    *filter;

  GtkSearchEntry     *search_entry;
  GtkLabel           *chosen_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkFilterListModel *filter_model;
  GtkStringSorter    *sorter;
  GtkLabel           *empty_label;
};

G_DEFINE_FINAL_TYPE (RapportColleagueChooser, rapport_colleague_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RapportColleagueChooser *self = user_data;
  gint64 id = rapport_colleague_get_id (item);

  if (self->search_ids != NULL && !g_hash_table_contains (self->search_ids, &id))
    return FALSE;

  /* Archived colleagues stay out of the way unless this choice already names them. */
  if (rapport_colleague_get_archived (item))
    return g_hash_table_contains (self->selected, &id) || g_hash_table_contains (self->pinned, &id);

  return TRUE;
}

static void
refilter (RapportColleagueChooser *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The label names this many of the chosen, then counts the rest: a label holding every name of a
 * long list takes seconds to lay out each time a box is ticked. */
#define MAX_NAMED_CHOSEN 10

typedef struct
{
  char       *key;    /* collation key: sorting by it is one strcmp a comparison */
  const char *name;
} ChosenName;

static gint
compare_chosen (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const ChosenName *) a)->key, ((const ChosenName *) b)->key);
}

static void
update_chosen_label (RapportColleagueChooser *self)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (ChosenName));
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_named;

  if (self->store != NULL)
    {
      g_hash_table_iter_init (&iter, self->selected);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          RapportColleague *colleague = rapport_store_find_colleague (self->store,
                                                                      *(gint64 *) key);
          ChosenName entry;

          if (colleague == NULL)
            continue;

          entry.name = rapport_colleague_get_name (colleague);
          entry.key = g_utf8_collate_key (entry.name, -1);
          g_array_append_val (chosen, entry);
        }
    }

  if (chosen->len == 0)
    {
      gtk_label_set_label (self->chosen_label, _("Nobody chosen yet"));
      return;
    }

  g_array_sort (chosen, compare_chosen);
  n_named = MIN (chosen->len, MAX_NAMED_CHOSEN);
  for (guint i = 0; i < n_named; i++)
    {
      if (i > 0)
        /* Translators: the separator between the names of chosen colleagues */
        g_string_append (joined, _(", "));
      g_string_append (joined, g_array_index (chosen, ChosenName, i).name);
    }

  if (chosen->len > n_named)
    /* Translators: %u is how many colleagues are chosen, %s the first names of them, and %u
     * how many more are chosen */
    text = g_strdup_printf (ngettext ("%u chosen: %s and %u more", "%u chosen: %s and %u more",
                                      chosen->len),
                            chosen->len, joined->str, chosen->len - n_named);
  else
    /* Translators: %u is how many colleagues are chosen, %s their names */
    text = g_strdup_printf (ngettext ("%u chosen: %s", "%u chosen: %s", chosen->len),
                            chosen->len, joined->str);
  gtk_label_set_label (self->chosen_label, text);

  for (guint i = 0; i < chosen->len; i++)
    g_free (g_array_index (chosen, ChosenName, i).key);
}

static void
update_state (RapportColleagueChooser *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->search_ids != NULL)
    gtk_label_set_label (self->empty_label, _("No colleague matches that search."));
  else
    gtk_label_set_label (self->empty_label, _("No colleagues yet: add them in Colleagues first."));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
sync_check (RapportColleagueChooser *self,
            GtkCheckButton          *check)
{
  RapportColleague *colleague = g_object_get_data (G_OBJECT (check), "colleague");
  gint64 id;

  if (colleague == NULL)
    return;

  id = rapport_colleague_get_id (colleague);
  g_object_set_data (G_OBJECT (check), "syncing", GINT_TO_POINTER (TRUE));
  gtk_check_button_set_active (check, g_hash_table_contains (self->selected, &id));
  g_object_set_data (G_OBJECT (check), "syncing", NULL);
}

static void
sync_all_checks (RapportColleagueChooser *self)
{
  GHashTableIter iter;
  gpointer check;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &check, NULL))
    sync_check (self, check);
}

static void
set_chosen (RapportColleagueChooser *self,
            gint64                   id,
            gboolean                 chosen)
{
  gboolean was_chosen = g_hash_table_contains (self->selected, &id);

  if (was_chosen == chosen)
    return;

  if (chosen)
    id_set_add (self->selected, id);
  else
    g_hash_table_remove (self->selected, &id);

  update_chosen_label (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_row (GtkListItem      *list_item,
            RapportColleague *colleague)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *label = NULL;
  AdwAvatar *avatar = g_object_get_data (G_OBJECT (box), "avatar");
  GtkLabel *name_label = g_object_get_data (G_OBJECT (box), "name-label");
  GtkLabel *role_label = g_object_get_data (G_OBJECT (box), "role-label");
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");
  const char *name = rapport_colleague_get_name (colleague);
  const char *role = rapport_colleague_get_role (colleague);

  adw_avatar_set_text (avatar, name);
  gtk_label_set_label (name_label, name);
  gtk_label_set_label (role_label, role);
  gtk_widget_set_visible (GTK_WIDGET (role_label), *role != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  label = rapport_list_item_join_label (name, role, NULL);
  rapport_list_item_set_accessible_label (list_item, label);
}

static void
colleague_notify_cb (GtkListItem      *list_item,
                     GParamSpec       *pspec,
                     RapportColleague *colleague)
{
  update_row (list_item, colleague);
}

static void
check_toggled_cb (RapportColleagueChooser *self,
                  GtkCheckButton          *check)
{
  RapportColleague *colleague = g_object_get_data (G_OBJECT (check), "colleague");

  if (colleague == NULL || g_object_get_data (G_OBJECT (check), "syncing") != NULL)
    return;

  set_chosen (self, rapport_colleague_get_id (colleague), gtk_check_button_get_active (check));
}

static void
setup_row_cb (RapportColleagueChooser  *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *avatar = adw_avatar_new (32, NULL, TRUE);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (NULL);
  GtkWidget *role_label = gtk_label_new (NULL);
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (role_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (role_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (role_label, "dim-label");
  gtk_widget_add_css_class (role_label, "caption");
  gtk_box_append (GTK_BOX (labels), name_label);
  gtk_box_append (GTK_BOX (labels), role_label);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);

  g_object_set_data (G_OBJECT (box), "avatar", avatar);
  g_object_set_data (G_OBJECT (box), "name-label", name_label);
  g_object_set_data (G_OBJECT (box), "role-label", role_label);
  g_object_set_data (G_OBJECT (box), "check", check);

  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (RapportColleagueChooser  *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  RapportColleague *colleague = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");

  update_row (list_item, colleague);
  g_signal_connect_object (colleague, "notify::name", G_CALLBACK (colleague_notify_cb),
                           list_item, G_CONNECT_SWAPPED);
  g_signal_connect_object (colleague, "notify::role", G_CALLBACK (colleague_notify_cb),
                           list_item, G_CONNECT_SWAPPED);

  g_object_set_data_full (G_OBJECT (check), "colleague", g_object_ref (colleague), g_object_unref);
  sync_check (self, GTK_CHECK_BUTTON (check));
  g_hash_table_add (self->bound, check);
}

static void
unbind_row_cb (RapportColleagueChooser  *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  RapportColleague *colleague = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");

  if (colleague != NULL)
    g_signal_handlers_disconnect_by_func (colleague, colleague_notify_cb, list_item);
  rapport_list_item_set_accessible_label (list_item, NULL);

  g_hash_table_remove (self->bound, check);
  g_object_set_data (G_OBJECT (check), "colleague", NULL);
}

static void
list_activate_cb (RapportColleagueChooser *self,
                  guint                    position)
{
  g_autoptr(RapportColleague) colleague = NULL;
  gint64 id;

  colleague = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (self->list_view)),
                                    position);
  if (colleague == NULL)
    return;

  /* A click anywhere on the row ticks it, not only on the check box. */
  id = rapport_colleague_get_id (colleague);
  set_chosen (self, id, !g_hash_table_contains (self->selected, &id));
  sync_all_checks (self);
}

static void
search_changed_cb (RapportColleagueChooser *self)
{
  g_autofree char *query = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_clear_pointer (&self->search_ids, g_hash_table_unref);

  if (*query != '\0' && self->store != NULL)
    {
      self->search_ids = id_set_new ();
      ids = rapport_store_search_colleagues (self->store, query, &error);
      if (ids == NULL)
        g_warning ("Could not search colleagues: %s", error->message);
      for (guint i = 0; ids != NULL && i < ids->len; i++)
        id_set_add (self->search_ids, g_array_index (ids, gint64, i));
    }

  refilter (self);
  update_state (self);
}

static void
stop_search_cb (RapportColleagueChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
}

static void
filter_items_changed_cb (RapportColleagueChooser *self)
{
  update_state (self);
}

static void
store_changed_cb (RapportColleagueChooser *self)
{
  /* A rename shows in the chosen names; an archived colleague leaves the list. */
  update_chosen_label (self);
  refilter (self);
}

static void
rapport_colleague_chooser_dispose (GObject *object)
{
  RapportColleagueChooser *self = RAPPORT_COLLEAGUE_CHOOSER (object);
  GtkWidget *child;

  rapport_colleague_chooser_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_COLLEAGUE_CHOOSER);
  /* The template's top box has no id, so the template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->filter);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_colleague_chooser_parent_class)->dispose (object);
}

static void
rapport_colleague_chooser_finalize (GObject *object)
{
  RapportColleagueChooser *self = RAPPORT_COLLEAGUE_CHOOSER (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->pinned, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_colleague_chooser_parent_class)->finalize (object);
}

static void
rapport_colleague_chooser_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RapportColleagueChooser *self = RAPPORT_COLLEAGUE_CHOOSER (object);

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
rapport_colleague_chooser_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RapportColleagueChooser *self = RAPPORT_COLLEAGUE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_colleague_chooser_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_chooser_class_init (RapportColleagueChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_colleague_chooser_dispose;
  object_class->finalize = rapport_colleague_chooser_finalize;
  object_class->get_property = rapport_colleague_chooser_get_property;
  object_class->set_property = rapport_colleague_chooser_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-colleague-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, filter_model);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, sorter);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueChooser, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_colleague_chooser_init (RapportColleagueChooser *self)
{
  g_type_ensure (RAPPORT_TYPE_COLLEAGUE);

  self->selected = id_set_new ();
  self->pinned = id_set_new ();
  self->bound = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);

  update_chosen_label (self);
  update_state (self);
}

GtkWidget *
rapport_colleague_chooser_new (RapportStore *store)
{
  g_return_val_if_fail (store == NULL || RAPPORT_IS_STORE (store), NULL);

  return g_object_new (RAPPORT_TYPE_COLLEAGUE_CHOOSER, "store", store, NULL);
}

RapportStore *
rapport_colleague_chooser_get_store (RapportColleagueChooser *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE_CHOOSER (self), NULL);

  return self->store;
}

void
rapport_colleague_chooser_set_store (RapportColleagueChooser *self,
                                     RapportStore            *store)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE_CHOOSER (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  if (self->filter_model != NULL)
    {
      gtk_filter_list_model_set_model (self->filter_model,
                                       store != NULL ? rapport_store_get_colleagues (store) : NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->search_ids, g_hash_table_unref);
      refilter (self);
      update_chosen_label (self);
      update_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GArray *
rapport_colleague_chooser_dup_selected (RapportColleagueChooser *self)
{
  GArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE_CHOOSER (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;

      /* Someone deleted while the choice was open is no longer a choice. */
      if (self->store == NULL || rapport_store_find_colleague (self->store, id) != NULL)
        g_array_append_val (ids, id);
    }

  g_array_sort (ids, compare_ids);

  return ids;
}

void
rapport_colleague_chooser_set_selected (RapportColleagueChooser *self,
                                        const gint64            *ids,
                                        guint                    n_ids)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE_CHOOSER (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_hash_table_remove_all (self->selected);
  g_hash_table_remove_all (self->pinned);
  for (guint i = 0; i < n_ids; i++)
    {
      id_set_add (self->selected, ids[i]);
      id_set_add (self->pinned, ids[i]);
    }

  refilter (self);
  sync_all_checks (self);
  update_chosen_label (self);
  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}
