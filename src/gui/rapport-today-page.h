/* rapport-today-page.h
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

/* The Today view. Emits "show-colleague" (gint64 id) when a colleague is activated, and
 * "add-toast" (AdwToast *). */

#define RAPPORT_TYPE_TODAY_PAGE (rapport_today_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTodayPage, rapport_today_page, RAPPORT, TODAY_PAGE, GtkWidget)

RapportStore *rapport_today_page_get_store (RapportTodayPage *self);
void          rapport_today_page_set_store (RapportTodayPage *self,
                                            RapportStore     *store);

G_END_DECLS
