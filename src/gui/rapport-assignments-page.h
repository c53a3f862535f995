/* rapport-assignments-page.h
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

/* The Assignments view: the assignments (current one highlighted, newest first) beside the selected
 * assignment's page: its details, colleagues met there, tips by category, journal entries logged
 * there, return recall, and the site guide export. Emits "add-toast" (AdwToast *),
 * "show-colleague" (gint64) and "show-interaction" (gint64). */

#define RAPPORT_TYPE_ASSIGNMENTS_PAGE (rapport_assignments_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportAssignmentsPage, rapport_assignments_page, RAPPORT, ASSIGNMENTS_PAGE, GtkWidget)

RapportStore *rapport_assignments_page_get_store       (RapportAssignmentsPage *self);
void          rapport_assignments_page_set_store       (RapportAssignmentsPage *self,
                                                        RapportStore           *store);
/* Opens the editor for a new assignment. */
void          rapport_assignments_page_add_assignment  (RapportAssignmentsPage *self);
/* Opens the tip editor for the shown assignment (the current one when none is shown). */
void          rapport_assignments_page_add_tip         (RapportAssignmentsPage *self);
void          rapport_assignments_page_show_assignment (RapportAssignmentsPage *self,
                                                        gint64                  id);
/* Shows the tip's assignment with the tip in view. */
void          rapport_assignments_page_show_tip        (RapportAssignmentsPage *self,
                                                        gint64                  tip_id);

G_END_DECLS
