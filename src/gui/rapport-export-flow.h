/* rapport-export-flow.h
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

#define RAPPORT_TYPE_EXPORT_FLOW (rapport_export_flow_get_type ())

G_DECLARE_FINAL_TYPE (RapportExportFlow, rapport_export_flow, RAPPORT, EXPORT_FLOW, GObject)

/* Writes the export to path. owner is the widget the flow was made for, still alive. */
typedef gboolean (*RapportExportFunc) (GtkWidget   *owner,
                                       const char  *path,
                                       gpointer     user_data,
                                       GError     **error);

/* Exporting a plain file out of the encrypted journal: a warning that says what the file holds,
 * a save dialog, the owner's export function, then "add-toast" with the saved message or the
 * error. The flow follows owner weakly: once owner is gone, it stops quietly. */
RapportExportFlow *rapport_export_flow_new                (GtkWidget          *owner,
                                                           const char         *title,
                                                           RapportExportFunc   func,
                                                           gpointer            user_data,
                                                           GDestroyNotify      user_data_free);
/* A flow set up for an assignment's site guide: its warning, a file name from the facility, the
 * saved message, and the HTML and Markdown filters. */
RapportExportFlow *rapport_export_flow_new_site_guide     (GtkWidget          *owner,
                                                           RapportAssignment  *assignment,
                                                           RapportExportFunc   func,
                                                           gpointer            user_data,
                                                           GDestroyNotify      user_data_free);
void               rapport_export_flow_set_warning        (RapportExportFlow  *self,
                                                           const char         *heading,
                                                           const char         *body);
void               rapport_export_flow_set_suggested_name (RapportExportFlow  *self,
                                                           const char         *name);
/* The toast after a successful export; "Saved" when unset. */
void               rapport_export_flow_set_saved_message  (RapportExportFlow  *self,
                                                           const char         *message);
/* The first filter added is the one selected. */
void               rapport_export_flow_add_filter         (RapportExportFlow  *self,
                                                           GtkFileFilter      *filter);
/* Shows the warning, then the save dialog; the flow keeps itself alive until it is done. */
void               rapport_export_flow_run                (RapportExportFlow  *self);
/* The end of the flow without the dialogs (scripts and tests): exports to path and toasts. */
gboolean           rapport_export_flow_export_to          (RapportExportFlow  *self,
                                                           const char         *path);

G_END_DECLS
