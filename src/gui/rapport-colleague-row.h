/* rapport-colleague-row.h
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

#include "rapport-colleague.h"

G_BEGIN_DECLS

/* One colleague in the Colleagues list: avatar, name, role and organization. Follows the
 * colleague's properties, so an edit shows without rebuilding the list. */

#define RAPPORT_TYPE_COLLEAGUE_ROW (rapport_colleague_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportColleagueRow, rapport_colleague_row, RAPPORT, COLLEAGUE_ROW, GtkWidget)

GtkWidget        *rapport_colleague_row_new           (void);
RapportColleague *rapport_colleague_row_get_colleague (RapportColleagueRow *self);
void              rapport_colleague_row_set_colleague (RapportColleagueRow *self,
                                                       RapportColleague    *colleague);

G_END_DECLS
