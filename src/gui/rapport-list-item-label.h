/* rapport-list-item-label.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name a screen reader reads for the row of a GtkListView that takes the focus. Call it
 * from the factory's "bind" (after gtk_list_item_set_child ()) with what the row shows, and with
 * NULL from "unbind": rows are recycled, and a name never outlives its item. */
void  rapport_list_item_set_accessible_label (GtkListItem *list_item,
                                              const char  *label);

/* The texts a row shows joined into one name: "Amara Okafor, Charge Nurse". The list ends with
 * NULL; empty texts are left out. */
char *rapport_list_item_join_label           (const char  *first,
                                              ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
