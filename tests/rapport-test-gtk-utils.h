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

G_END_DECLS
