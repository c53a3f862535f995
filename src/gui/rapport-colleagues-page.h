/* rapport-colleagues-page.h
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

/* The Colleagues view: a searchable list beside the selected colleague's details (a leaflet that
 * folds to one column when narrow). Emits "add-toast" (AdwToast *) for the window to show. */

#define RAPPORT_TYPE_COLLEAGUES_PAGE (rapport_colleagues_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportColleaguesPage, rapport_colleagues_page, RAPPORT, COLLEAGUES_PAGE, GtkWidget)

RapportStore *rapport_colleagues_page_get_store      (RapportColleaguesPage *self);
void          rapport_colleagues_page_set_store      (RapportColleaguesPage *self,
                                                      RapportStore          *store);
/* Opens the editor for a new colleague. */
void          rapport_colleagues_page_add_colleague  (RapportColleaguesPage *self);
void          rapport_colleagues_page_focus_search   (RapportColleaguesPage *self);
/* Selects the colleague and shows their details. */
void          rapport_colleagues_page_show_colleague (RapportColleaguesPage *self,
                                                      gint64                 id);

G_END_DECLS
