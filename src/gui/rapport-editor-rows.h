/* rapport-editor-rows.h
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

#include "rapport-store.h"

G_BEGIN_DECLS

/* The rows every editor window is made of, read and marked the same way. */

/* The row's text without leading or trailing white space. */
char *rapport_editor_rows_dup_text          (AdwEntryRow  *row);
/* Marks a row whose text cannot be saved. */
void  rapport_editor_rows_set_error         (GtkWidget    *row,
                                             gboolean      error);
/* A hint under a group of rows: dimmed normally, in the error colour when it says what is wrong. */
void  rapport_editor_rows_set_hint          (GtkLabel     *label,
                                             const char   *text,
                                             gboolean      error);
/* Fills row with none_label then the store's assignments, the latest start first, and ids
 * (of gint64) with what each entry stands for (0 for none_label). selected_id is chosen, or
 * none_label when it is not among them. */
void  rapport_editor_rows_setup_assignments (AdwComboRow  *row,
                                             GArray       *ids,
                                             RapportStore *store,
                                             const char   *none_label,
                                             gint64        selected_id);

/* The last row of a list that shows only its first items: "Show 20 More Reminders" (title),
 * activating action_name with target (a "u" parameter naming the list). Pages use it too. */
GtkWidget *rapport_editor_rows_new_show_more (const char   *title,
                                              const char   *action_name,
                                              guint         target);

/* Ctrl+Enter in the editor presses confirm_button (when it can be pressed), from any field:
 * in a notes field, where Enter starts a new line, it is the keyboard's way to save. */
void       rapport_editor_rows_add_save_shortcut (GtkWidget *editor,
                                                  GtkWidget *confirm_button);

G_END_DECLS
