/* rapport-colleague-detail.h
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

/* Everything known about one colleague, with Edit, Archive and Delete (actions colleague.edit,
 * colleague.archive, colleague.delete). Emits "add-toast" (AdwToast *) for the window to show. */

#define RAPPORT_TYPE_COLLEAGUE_DETAIL (rapport_colleague_detail_get_type ())

G_DECLARE_FINAL_TYPE (RapportColleagueDetail, rapport_colleague_detail, RAPPORT, COLLEAGUE_DETAIL, GtkWidget)

GtkWidget        *rapport_colleague_detail_new           (void);
RapportStore     *rapport_colleague_detail_get_store     (RapportColleagueDetail *self);
void              rapport_colleague_detail_set_store     (RapportColleagueDetail *self,
                                                          RapportStore           *store);
RapportColleague *rapport_colleague_detail_get_colleague (RapportColleagueDetail *self);
void              rapport_colleague_detail_set_colleague (RapportColleagueDetail *self,
                                                          RapportColleague       *colleague);

G_END_DECLS
