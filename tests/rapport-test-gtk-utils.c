/* rapport-test-gtk-utils.c
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

#define G_LOG_DOMAIN "rapport-test-gtk-utils"

#include "config.h"


#include "rapport-test-gtk-utils.h"

#include "rapport-application.h"

typedef struct
{
  GType       type;
  const char *title;
} RowQuery;

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
match_row (GtkWidget     *widget,
           gconstpointer  data)
{
  const RowQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    query->title) == 0;
}

static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The first widget under root, root included, in depth-first order that match accepts. */
GtkWidget *
rapport_test_find_widget (GtkWidget              *root,
                          RapportTestWidgetMatch  match,
                          gconstpointer           data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rapport_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
rapport_test_find_by_type (GtkWidget *root,
                           GType      type)
{
  return rapport_test_find_widget (root, match_type, GSIZE_TO_POINTER (type));
}

/* A preferences row of row_type (or a subtype) with this title. */
GtkWidget *
rapport_test_find_row (GtkWidget  *root,
                       GType       row_type,
                       const char *title)
{
  RowQuery query = { row_type, title };

  return rapport_test_find_widget (root, match_row, &query);
}

/* A button showing this label (not one with an icon or a custom child). */
GtkWidget *
rapport_test_find_button (GtkWidget  *root,
                          const char *label)
{
  return rapport_test_find_widget (root, match_button_label, label);
}

void
rapport_test_use_home (const char *root)
{
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *cache = g_build_filename (root, "cache", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

GApplication *
rapport_test_register_application (GError **error)
{
  g_autoptr(GApplication) application = G_APPLICATION (rapport_application_new ());

  /* Not unique: a test must not take over, or forward to, a Rapport that is running. */
  g_application_set_flags (application,
                           g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (application, NULL, error))
    return NULL;

  return g_steal_pointer (&application);
}

void
rapport_test_set_text_scale (double scale)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (scale * 96 * 1024), NULL);
}

void
rapport_test_assert_item_named (GtkWidget  *item,
                                const char *expected)
{
  g_autofree char *wrong = NULL;

  g_assert_nonnull (item);
  if (item == NULL)
    return;

  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (item),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (item),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  if (wrong != NULL)
    g_test_message ("a list item is named \"%s\", not \"%s\"", wrong, expected);
  g_assert_null (wrong);
}

static GtkWidget *
item_widget (GtkListItem *list_item)
{
  return gtk_widget_get_parent (gtk_list_item_get_child (list_item));
}

static void
watch_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RapportTestBindWatch     *watch)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GObject *shown = g_hash_table_lookup (watch->shown, list_item);
  g_autofree char *expected = watch->expected (list_item, watch->data);
  g_autofree char *wrong = NULL;

  if (shown != NULL && shown != item)
    {
      watch->recycled++;
      if (G_OBJECT_TYPE (shown) != G_OBJECT_TYPE (item))
        watch->switched++;
    }
  g_hash_table_insert (watch->shown, list_item, g_object_ref (item));

  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (item_widget (list_item)),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  if (wrong != NULL)
    {
      g_test_message ("bound, a list item is named \"%s\", not \"%s\"", wrong, expected);
      watch->misnamed++;
    }
}

static void
watch_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 RapportTestBindWatch     *watch)
{
  /* What it showed, should it have been bound before the watch began. */
  g_hash_table_insert (watch->shown, list_item, g_object_ref (gtk_list_item_get_item (list_item)));
  watch->unbinds++;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (item_widget (list_item)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL))
    watch->named_unbound++;
}

void
rapport_test_bind_watch_start (RapportTestBindWatch   *watch,
                               GtkListItemFactory     *factory,
                               RapportTestItemNameFunc expected,
                               gpointer                data)
{
  *watch = (RapportTestBindWatch) {
    .factory = g_object_ref (factory),
    .shown = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref),
    .expected = expected,
    .data = data,
  };
  g_signal_connect_after (factory, "bind", G_CALLBACK (watch_bind_cb), watch);
  g_signal_connect_after (factory, "unbind", G_CALLBACK (watch_unbind_cb), watch);
}

void
rapport_test_bind_watch_stop (RapportTestBindWatch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->factory, watch);
  g_clear_object (&watch->factory);
  g_clear_pointer (&watch->shown, g_hash_table_unref);
}
