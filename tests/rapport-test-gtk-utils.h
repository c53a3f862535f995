/* rapport-test-gtk-utils.h
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

#include <adwaita.h>

G_BEGIN_DECLS

/* Finding widgets in the trees the widget tests build. */

typedef gboolean (*RapportTestWidgetMatch) (GtkWidget     *widget,
                                            gconstpointer  data);

GtkWidget *rapport_test_find_widget        (GtkWidget              *root,
                                            RapportTestWidgetMatch  match,
                                            gconstpointer           data);
GtkWidget *rapport_test_find_by_type       (GtkWidget              *root,
                                            GType                   type);
GtkWidget *rapport_test_find_row           (GtkWidget              *root,
                                            GType                   row_type,
                                            const char             *title);
GtkWidget *rapport_test_find_button        (GtkWidget              *root,
                                            const char             *label);

/* Points XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME into folders of root and keeps
 * GSettings in memory, so the application under test never meets the account's own. */
void       rapport_test_use_home           (const char             *root);
/* A new RapportApplication (as a GApplication), registered without the bus name it owns
 * outside tests; NULL with error set when it cannot register. */
GApplication *rapport_test_register_application (GError              **error);

/* Text scaled as GNOME's "Large Text" does it (1.25), or by any factor; 1.0 is the default. */
void       rapport_test_set_text_scale     (double                  scale);

/* Fails unless item (a list's item widget, GTK's own: the one the focus lands on) has exactly
 * this accessible name. */
void       rapport_test_assert_item_named  (GtkWidget              *item,
                                            const char             *expected);

/* What the item widget showing list_item should be named right after its bind. */
typedef char *(*RapportTestItemNameFunc) (GtkListItem *list_item,
                                          gpointer     data);

/* Follows the binds and unbinds of a list's factory (after the list's own handlers): how often
 * an item widget was handed another item, and whether its name was right at once. */
typedef struct
{
  guint recycled;       /* binds that gave an item widget another item than it showed */
  guint switched;       /* of those, to an item of another type */
  guint misnamed;       /* binds after which the name was not the expected one */
  guint unbinds;
  guint named_unbound;  /* unbinds after which the item widget kept a name */
  /*< private >*/
  GtkListItemFactory     *factory;
  GHashTable             *shown;
  RapportTestItemNameFunc expected;
  gpointer                data;
} RapportTestBindWatch;

void       rapport_test_bind_watch_start   (RapportTestBindWatch   *watch,
                                            GtkListItemFactory     *factory,
                                            RapportTestItemNameFunc expected,
                                            gpointer                data);
void       rapport_test_bind_watch_stop    (RapportTestBindWatch   *watch);

G_END_DECLS
