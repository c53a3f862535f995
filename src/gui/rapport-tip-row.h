/* rapport-tip-row.h
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

/* One tip on an assignment's page: its category's icon, title, a bit of the note, the address,
 * a "Tried" check (written through the store at once), a button for the map link and one to
 * delete. Follows the tip's properties. Activating the row is the page's to handle (it opens the
 * editor); deleting emits "delete-requested" so the page can offer Undo. */

#define RAPPORT_TYPE_TIP_ROW (rapport_tip_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportTipRow, rapport_tip_row, RAPPORT, TIP_ROW, AdwActionRow)

GtkWidget    *rapport_tip_row_new       (RapportStore  *store,
                                         RapportTip    *tip);
RapportTip   *rapport_tip_row_get_tip   (RapportTipRow *self);
RapportStore *rapport_tip_row_get_store (RapportTipRow *self);

G_END_DECLS
