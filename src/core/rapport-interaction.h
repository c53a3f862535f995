/* rapport-interaction.h
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

#include <glib-object.h>

#include "rapport-types.h"

G_BEGIN_DECLS

/* One moment in the journal: a coffee, a shared shift, a call... with one or more colleagues. */

#define RAPPORT_TYPE_INTERACTION (rapport_interaction_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT, INTERACTION, GObject)

#define RAPPORT_INTERACTION_ERROR (rapport_interaction_error_quark ())

typedef enum
{
  RAPPORT_INTERACTION_ERROR_COLLEAGUE_REQUIRED,
  RAPPORT_INTERACTION_ERROR_TOO_MANY_COLLEAGUES,
  RAPPORT_INTERACTION_ERROR_INVALID_TIME,
  RAPPORT_INTERACTION_ERROR_TOO_LONG,
  RAPPORT_INTERACTION_ERROR_INVALID_TEXT,
} RapportInteractionError;

GQuark                  rapport_interaction_error_quark        (void);

RapportInteraction     *rapport_interaction_new                (RapportInteractionKind  kind,
                                                                gint64                  occurred_at);
RapportInteraction     *rapport_interaction_dup                (RapportInteraction     *self);
void                    rapport_interaction_assign             (RapportInteraction     *self,
                                                                RapportInteraction     *other);

gint64                  rapport_interaction_get_id             (RapportInteraction     *self);
void                    rapport_interaction_set_id             (RapportInteraction     *self,
                                                                gint64                  id);
RapportInteractionKind  rapport_interaction_get_kind           (RapportInteraction     *self);
void                    rapport_interaction_set_kind           (RapportInteraction     *self,
                                                                RapportInteractionKind  kind);
/* Unix seconds, UTC. */
gint64                  rapport_interaction_get_occurred_at    (RapportInteraction     *self);
void                    rapport_interaction_set_occurred_at    (RapportInteraction     *self,
                                                                gint64                  occurred_at);
/* 0 for none. */
gint64                  rapport_interaction_get_assignment_id  (RapportInteraction     *self);
void                    rapport_interaction_set_assignment_id  (RapportInteraction     *self,
                                                                gint64                  assignment_id);
/* The note. */
const char             *rapport_interaction_get_body           (RapportInteraction     *self);
void                    rapport_interaction_set_body           (RapportInteraction     *self,
                                                                const char             *body);
/* The colleagues, as ids in ascending order without repeats (the setter sorts and dedups).
 * Property "colleague-ids" (GArray of gint64, boxed) is notified when the set changes. */
const gint64           *rapport_interaction_get_colleague_ids  (RapportInteraction     *self,
                                                                guint                  *n_ids);
void                    rapport_interaction_set_colleague_ids  (RapportInteraction     *self,
                                                                const gint64           *ids,
                                                                guint                   n_ids);
gboolean                rapport_interaction_has_colleague      (RapportInteraction     *self,
                                                                gint64                  colleague_id);
gint64                  rapport_interaction_get_created_at     (RapportInteraction     *self);
void                    rapport_interaction_set_created_at     (RapportInteraction     *self,
                                                                gint64                  created_at);

gboolean                rapport_interaction_validate           (RapportInteraction     *self,
                                                                GError                **error);

G_END_DECLS
