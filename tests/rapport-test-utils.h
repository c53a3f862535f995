/* rapport-test-utils.h
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

#include "rapport-store.h"

G_BEGIN_DECLS

/* What the C tests share: temporary folders, keys, journals on disk and main-loop waiting.
 * Nothing here needs a display; widget lookups are in rapport-test-gtk-utils.h. */

typedef gboolean (*RapportTestCheck) (gpointer data);

char             *rapport_test_make_tmp_dir    (const char               *name);
gboolean          rapport_test_remove_tree     (const char               *path);
char             *rapport_test_checksum_file   (const char               *path);
char            **rapport_test_list_folder     (const char               *path);

void              rapport_test_fixed_key       (guint8                   *key,
                                                guint                     n);
void              rapport_test_random_key      (guint8                   *key);
RapportStore     *rapport_test_open_store      (const char               *path,
                                                const guint8             *key,
                                                RapportDatabaseOpenMode   mode,
                                                RapportDatabase         **out_database);
/* TRUE when store (which may be NULL) lists a colleague with this name. */
gboolean          rapport_test_store_has_colleague (RapportStore         *store,
                                                    const char           *name);
RapportColleague *rapport_test_add_colleague   (RapportStore             *store,
                                                const char               *first_property_name,
                                                ...) G_GNUC_NULL_TERMINATED;
void              rapport_test_close_store     (RapportStore             *store,
                                                RapportDatabase          *database);
void              rapport_test_assert_same_colleague (RapportColleague   *a,
                                                      RapportColleague   *b);

void              rapport_test_iterate         (void);
void              rapport_test_wait_ms         (guint                     ms);
gboolean          rapport_test_wait_until      (RapportTestCheck          check,
                                                gpointer                  data,
                                                guint                     timeout_ms);
gboolean          rapport_test_wait_for_null   (gpointer                 *pointer,
                                                guint                     timeout_ms);

/* Looks for name.svg or name.png anywhere below folder (an icon theme such as
 * /usr/share/icons/Adwaita), so a test can prove an icon name really exists. */
gboolean          rapport_test_find_icon       (const char               *folder,
                                                const char               *name);

/* A test's message must stay on one line, or meson's TAP reader reports the rest as unknown
 * output. The first shows text on one line (line breaks as \n) cut after max_chars; the second
 * sends each line of text as a message of its own. */
char             *rapport_test_dup_one_line    (const char               *text,
                                                gsize                     max_chars);
void              rapport_test_message_lines   (const char               *text);

/* Messages in French from the build's own catalog, as the application's main() would bind
 * it; the test is skipped (FALSE) when the catalog or the fr_FR.UTF-8 locale is missing.
 * *previous_locale (free it) is what rapport_test_end_french() puts back. */
gboolean          rapport_test_begin_french    (char                    **previous_locale);
void              rapport_test_end_french      (const char               *previous_locale);

G_END_DECLS
