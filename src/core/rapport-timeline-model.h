/* rapport-timeline-model.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* The journal as a timeline grouped by day: a GListModel that wraps a model of RapportInteraction
 * sorted newest first and puts a RapportTimelineDay before the first interaction of each local day.
 * items-changed is exact for the range that really changed (common prefix and suffix are kept), so
 * a list view over it only rebuilds what moved. (GTK 4.8 list views have no sections.) */

#define RAPPORT_TYPE_TIMELINE_DAY (rapport_timeline_day_get_type ())

G_DECLARE_FINAL_TYPE (RapportTimelineDay, rapport_timeline_day, RAPPORT, TIMELINE_DAY, GObject)

/* Local midnight of the day. */
GDateTime  *rapport_timeline_day_get_date          (RapportTimelineDay *self);
/* How many interactions of the wrapped model fall on that day. */
guint       rapport_timeline_day_get_n_interactions (RapportTimelineDay *self);
/* "Today", "Yesterday", else a translated "Monday, 12 November 2026" in the locale's form. */
char       *rapport_timeline_day_dup_label         (RapportTimelineDay *self,
                                                    GDateTime          *now);

#define RAPPORT_TYPE_TIMELINE_MODEL (rapport_timeline_model_get_type ())

G_DECLARE_FINAL_TYPE (RapportTimelineModel, rapport_timeline_model, RAPPORT, TIMELINE_MODEL, GObject)

/* interactions: items are RapportInteraction, newest first (e.g. a GtkSortListModel over a
 * GtkFilterListModel). tz: the zone days are cut in; NULL = local. */
RapportTimelineModel *rapport_timeline_model_new       (GListModel           *interactions,
                                                        GTimeZone            *tz);
GListModel           *rapport_timeline_model_get_model (RapportTimelineModel *self);
void                  rapport_timeline_model_set_model (RapportTimelineModel *self,
                                                        GListModel           *interactions);

G_END_DECLS
