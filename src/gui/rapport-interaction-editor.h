/* rapport-interaction-editor.h
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

/* "Log Interaction" / "Edit Interaction": kind, date and time, colleagues, assignment, note.
 * Emits "saved" (RapportInteraction *) and closes. */

#define RAPPORT_TYPE_INTERACTION_EDITOR (rapport_interaction_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor, RAPPORT, INTERACTION_EDITOR, AdwWindow)

/* interaction NULL = a new one, at now, with colleague_id (0 = none) ticked and the current
 * assignment chosen. */
RapportInteractionEditor *rapport_interaction_editor_new (GtkWindow          *parent,
                                                          RapportStore       *store,
                                                          RapportInteraction *interaction,
                                                          gint64              colleague_id);

G_END_DECLS
