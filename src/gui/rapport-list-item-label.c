/* rapport-list-item-label.c
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

#define G_LOG_DOMAIN "rapport-list-item-label"

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n.h>

#include "rapport-list-item-label.h"

#if !GTK_CHECK_VERSION (4, 12, 0)
#define LABEL_KEY "rapport-list-item-label"
#define FOLLOWS_KEY "rapport-list-item-label-follows"

/* The focus lands on the child's parent, GTK's private list item widget: it is the one to name. */
static void
apply_label (GtkWidget *child)
{
  GtkWidget *owner = gtk_widget_get_parent (child);
  const char *label = g_object_get_data (G_OBJECT (child), LABEL_KEY);

  if (owner == NULL)
    return;

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (owner), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (owner), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
child_parent_cb (GtkWidget *child)
{
  apply_label (child);
}
#endif

void
rapport_list_item_set_accessible_label (GtkListItem *list_item,
                                        const char  *label)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));

  gtk_list_item_set_accessible_label (list_item, label != NULL ? label : "");
#else
  /* GtkListItem has no accessible label before GTK 4.12; the widget that holds the child does
   * implement GtkAccessible, so it is named directly (and again should the child move). */
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));

  child = gtk_list_item_get_child (list_item);
  if (child == NULL)
    return;

  /* Bound again and again while the list scrolls: leave an unchanged name alone. */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (child), LABEL_KEY), label) == 0 &&
      g_object_get_data (G_OBJECT (child), FOLLOWS_KEY) != NULL)
    return;

  g_object_set_data_full (G_OBJECT (child), LABEL_KEY, g_strdup (label), g_free);
  if (g_object_get_data (G_OBJECT (child), FOLLOWS_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (child), FOLLOWS_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect (child, "notify::parent", G_CALLBACK (child_parent_cb), NULL);
    }
  apply_label (child);
#endif
}

char *
rapport_list_item_join_label (const char *first,
                              ...)
{
  g_autoptr(GString) label = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    {
      if (*text == '\0')
        continue;
      if (label->len > 0)
        /* Translators: separates the parts of the name a screen reader reads for a row of a
         * list, e.g. "Amara Okafor, Charge Nurse" or "Coffee with Ada Okafor, 14:30" */
        g_string_append (label, _(", "));
      g_string_append (label, text);
    }
  va_end (args);

  return g_string_free (g_steal_pointer (&label), FALSE);
}
