/* rapport-assignment-row.h
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

#include "rapport-assignment.h"

G_BEGIN_DECLS

/* One assignment in the Assignments list: "Facility · Unit", place and dates, and a "Current" tag
 * when its id is current-id. Follows the assignment's properties, so an edit shows in place. */

#define RAPPORT_TYPE_ASSIGNMENT_ROW (rapport_assignment_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportAssignmentRow, rapport_assignment_row, RAPPORT, ASSIGNMENT_ROW, GtkWidget)

GtkWidget         *rapport_assignment_row_new            (void);
RapportAssignment *rapport_assignment_row_get_assignment (RapportAssignmentRow *self);
void               rapport_assignment_row_set_assignment (RapportAssignmentRow *self,
                                                          RapportAssignment    *assignment);
/* The id of the current assignment (0 for none). */
gint64             rapport_assignment_row_get_current_id (RapportAssignmentRow *self);
void               rapport_assignment_row_set_current_id (RapportAssignmentRow *self,
                                                          gint64                current_id);
gboolean           rapport_assignment_row_get_current    (RapportAssignmentRow *self);

/* "12 Jan – 3 Apr 2027", "From 12 Jan 2027", "Until 3 Apr 2027", or NULL without dates. Shared
 * with the assignment's page so both say it the same way. */
char              *rapport_assignment_format_dates       (RapportAssignment    *assignment);

G_END_DECLS
