/* rapport-interaction-row.h
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

/* One interaction in the journal: kind icon, "Coffee with Ada, Ben", time, assignment and the
 * first lines of the note, with Edit and Delete buttons that activate journal.edit-interaction
 * and journal.delete-interaction (x: the id). Follows the interaction, the colleagues and the
 * assignment it names, so renames show without rebuilding the list. */

#define RAPPORT_TYPE_INTERACTION_ROW (rapport_interaction_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionRow, rapport_interaction_row, RAPPORT, INTERACTION_ROW, GtkWidget)

GtkWidget          *rapport_interaction_row_new             (void);
RapportStore       *rapport_interaction_row_get_store       (RapportInteractionRow *self);
void                rapport_interaction_row_set_store       (RapportInteractionRow *self,
                                                             RapportStore          *store);
RapportInteraction *rapport_interaction_row_get_interaction (RapportInteractionRow *self);
void                rapport_interaction_row_set_interaction (RapportInteractionRow *self,
                                                             RapportInteraction    *interaction);
/* "Coffee with Ada Lovelace, Ben Ng": what the row's title shows. */
char               *rapport_interaction_row_dup_title       (RapportStore          *store,
                                                             RapportInteraction    *interaction);

G_END_DECLS
