/* rapport-colleague-chooser.h
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

/* Picks several colleagues: a search entry over a list of check rows (archived colleagues only
 * when already chosen). Emits "changed" when the choice changes. Used by the interaction editor
 * and to link colleagues to an assignment. */

#define RAPPORT_TYPE_COLLEAGUE_CHOOSER (rapport_colleague_chooser_get_type ())

G_DECLARE_FINAL_TYPE (RapportColleagueChooser, rapport_colleague_chooser, RAPPORT, COLLEAGUE_CHOOSER, GtkWidget)

GtkWidget    *rapport_colleague_chooser_new          (RapportStore            *store);
RapportStore *rapport_colleague_chooser_get_store    (RapportColleagueChooser *self);
void          rapport_colleague_chooser_set_store    (RapportColleagueChooser *self,
                                                      RapportStore            *store);
/* Ascending ids. */
GArray       *rapport_colleague_chooser_dup_selected (RapportColleagueChooser *self);
void          rapport_colleague_chooser_set_selected (RapportColleagueChooser *self,
                                                      const gint64            *ids,
                                                      guint                    n_ids);

G_END_DECLS
