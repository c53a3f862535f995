/* rapport-search-result.h
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

#include <glib-object.h>

#include "rapport-types.h"

G_BEGIN_DECLS

/* One hit of the journal-wide search: what it is, which row, and how to show it. */

#define RAPPORT_TYPE_SEARCH_RESULT (rapport_search_result_get_type ())

G_DECLARE_FINAL_TYPE (RapportSearchResult, rapport_search_result, RAPPORT, SEARCH_RESULT, GObject)

RapportSearchResult *rapport_search_result_new          (RapportItemKind      kind,
                                                         gint64               id,
                                                         const char          *title,
                                                         const char          *subtitle);
RapportItemKind      rapport_search_result_get_kind     (RapportSearchResult *self);
gint64               rapport_search_result_get_id       (RapportSearchResult *self);
const char          *rapport_search_result_get_title    (RapportSearchResult *self);
const char          *rapport_search_result_get_subtitle (RapportSearchResult *self);

G_END_DECLS
