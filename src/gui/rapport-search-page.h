/* rapport-search-page.h
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

/* Results of the journal-wide search, grouped by kind (Colleagues, Assignments, Tips, Journal),
 * updated as the query changes. Emits "activate-result" (RapportSearchResult *) when one is
 * chosen; the window takes the person there. */

#define RAPPORT_TYPE_SEARCH_PAGE (rapport_search_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportSearchPage, rapport_search_page, RAPPORT, SEARCH_PAGE, GtkWidget)

RapportStore *rapport_search_page_get_store (RapportSearchPage *self);
void          rapport_search_page_set_store (RapportSearchPage *self,
                                             RapportStore      *store);
const char   *rapport_search_page_get_query (RapportSearchPage *self);
void          rapport_search_page_set_query (RapportSearchPage *self,
                                             const char        *query);
/* Activates the first result, if any (Enter in the search entry). */
gboolean      rapport_search_page_activate_first (RapportSearchPage *self);

G_END_DECLS
