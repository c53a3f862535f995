/* rapport-test-editor-utils.h
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

/* Hostile input driven through the editor dialogs (colleague, assignment, tip, reminder, journal
 * entry): what a person types or pastes that the journal must refuse without losing it. The
 * editors are alike (entry rows, one notes view, an error line in a revealer, a default button
 * that saves), so their tests share how to drive and check them. An editor is passed as a
 * gpointer so that each test keeps its own editor type. */

typedef gboolean (*RapportTestValidate) (gpointer   item,
                                         GError   **error);

/* One editor as the shared hostile-input cases drive it. The interaction editor has no
 * one-line field: its line_title and line_property are NULL, and only the notes cases apply. */
typedef struct
{
  /* Presents the editor for item (NULL: a new one); the main loop has not run. */
  GtkWidget           *(*open)     (gpointer   fixture,
                                    GObject   *item);
  /* Fills in what a new item needs to be saved. */
  void                 (*fill)     (GtkWidget *editor);
  GListModel          *(*items)    (gpointer   fixture);
  /* A valid item, not in the journal, for rapport_test_error_for. */
  gpointer             (*new_item) (gpointer   fixture);
  RapportTestValidate    validate;
  /* A one-line field: its row's title and its property; then the notes' property. */
  const char            *line_title;
  const char            *line_property;
  const char            *notes_property;
} RapportTestHostileEditor;

/* U+202E (right-to-left override) and U+2067..U+2069 (isolate) inside a one-line value, and
 * right-to-left text with the marks people's keyboards add (RLM, LRM), which must save. */
#define RAPPORT_TEST_N_DIRECTION_SAMPLES 2
extern const char * const rapport_test_direction_controls[RAPPORT_TEST_N_DIRECTION_SAMPLES];
extern const char * const rapport_test_right_to_left[RAPPORT_TEST_N_DIRECTION_SAMPLES];

char           *rapport_test_make_text               (gsize                           length,
                                                      gboolean                        multi_line);
double          rapport_test_elapsed_ms              (gint64                          since);
gboolean        rapport_test_settle                  (guint                           budget_ms,
                                                      double                         *longest_ms);

GtkEditable    *rapport_test_entry_row               (gpointer                        editor,
                                                      const char                     *title);
void            rapport_test_set_row                 (gpointer                        editor,
                                                      const char                     *title,
                                                      const char                     *text);
GtkTextBuffer  *rapport_test_notes_buffer            (gpointer                        editor);
char           *rapport_test_buffer_text             (GtkTextBuffer                  *buffer);
void            rapport_test_clear_buffer            (GtkTextBuffer                  *buffer);
gboolean        rapport_test_press_confirm           (gpointer                       *editor);

GtkWidget      *rapport_test_error_label             (gpointer                        editor);
void            rapport_test_assert_error_shown      (gpointer                        editor,
                                                      const char                     *expected,
                                                      gboolean                        wait);
void            rapport_test_assert_error_announced  (gpointer                        editor);

char           *rapport_test_error_for               (gpointer                        item,
                                                      RapportTestValidate             validate,
                                                      const char                     *property,
                                                      const char                     *value);
GStrv           rapport_test_describe_items          (GListModel                     *model);
void            rapport_test_assert_items_unchanged  (GListModel                     *model,
                                                      const char * const             *before);
GObject        *rapport_test_find_item               (GListModel                     *model,
                                                      const char                     *property,
                                                      const char                     *value);

GtkWidget      *rapport_test_hostile_open            (const RapportTestHostileEditor *he,
                                                      gpointer                        fixture,
                                                      GObject                        *item,
                                                      GtkWidget                     **weak);
void            rapport_test_hostile_close           (GtkWidget                     **editor);
void            rapport_test_hostile_notes           (const RapportTestHostileEditor *he,
                                                      gpointer                        fixture);
void            rapport_test_hostile_long_line       (const RapportTestHostileEditor *he,
                                                      gpointer                        fixture);
void            rapport_test_hostile_direction       (const RapportTestHostileEditor *he,
                                                      gpointer                        fixture);
void            rapport_test_hostile_line_break      (const RapportTestHostileEditor *he,
                                                      gpointer                        fixture);
void            rapport_test_hostile_error_announced (const RapportTestHostileEditor *he,
                                                      gpointer                        fixture);

G_END_DECLS
