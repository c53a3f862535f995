/* rapport-activity-chart.h
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

G_BEGIN_DECLS

/* A small bar chart of journal entries per week, oldest week first, drawn with cairo in the
 * style's accent colour (it follows dark mode and high contrast). Screen readers get it as an
 * image labelled "Journal entries per week" whose description states every number. With no
 * entries at all it says so instead of showing empty bars. */

#define RAPPORT_TYPE_ACTIVITY_CHART (rapport_activity_chart_get_type ())

G_DECLARE_FINAL_TYPE (RapportActivityChart, rapport_activity_chart, RAPPORT, ACTIVITY_CHART,
                      GtkDrawingArea)

GtkWidget *rapport_activity_chart_new        (void);
/* counts: n weekly counts, oldest first; the last is the week that starts at last_week_start
 * (this week; may be NULL, then the axis names no dates). Copied. */
void       rapport_activity_chart_set_counts (RapportActivityChart *self,
                                              const guint          *counts,
                                              guint                 n,
                                              GDateTime            *last_week_start);

G_END_DECLS
