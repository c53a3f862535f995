/* rapport-tip.h
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

/* A piece of local knowledge collected at an assignment. Plain data with properties. */

#define RAPPORT_TYPE_TIP (rapport_tip_get_type ())

G_DECLARE_FINAL_TYPE (RapportTip, rapport_tip, RAPPORT, TIP, GObject)

#define RAPPORT_TIP_ERROR (rapport_tip_error_quark ())

typedef enum
{
  RAPPORT_TIP_ERROR_TITLE_REQUIRED,
  RAPPORT_TIP_ERROR_ASSIGNMENT_REQUIRED,
  RAPPORT_TIP_ERROR_INVALID_LINK,
  RAPPORT_TIP_ERROR_TOO_LONG,
  RAPPORT_TIP_ERROR_INVALID_TEXT,
} RapportTipError;

/* Every field of a tip at once, as RapportStore reads them from a row. Strings may be NULL for "";
 * they are copied. */
typedef struct
{
  gint64              id;
  gint64              assignment_id;
  RapportTipCategory  category;
  const char         *title;
  const char         *body;
  const char         *address;
  const char         *link;
  gint64              recommended_by;
  gboolean            tried;
  gint64              created_at;
} RapportTipFields;

GQuark              rapport_tip_error_quark        (void);

RapportTip         *rapport_tip_new                (gint64              assignment_id,
                                                    RapportTipCategory  category,
                                                    const char         *title);
/* For loading many at once: cheaper than rapport_tip_new and a setter per field. */
RapportTip         *rapport_tip_new_with_fields    (const RapportTipFields *fields);
RapportTip         *rapport_tip_dup                (RapportTip         *self);
void                rapport_tip_assign             (RapportTip         *self,
                                                    RapportTip         *other);

gint64              rapport_tip_get_id             (RapportTip         *self);
void                rapport_tip_set_id             (RapportTip         *self,
                                                    gint64              id);
gint64              rapport_tip_get_assignment_id  (RapportTip         *self);
void                rapport_tip_set_assignment_id  (RapportTip         *self,
                                                    gint64              assignment_id);
RapportTipCategory  rapport_tip_get_category       (RapportTip         *self);
void                rapport_tip_set_category       (RapportTip         *self,
                                                    RapportTipCategory  category);
const char         *rapport_tip_get_title          (RapportTip         *self);
void                rapport_tip_set_title          (RapportTip         *self,
                                                    const char         *title);
/* The note. */
const char         *rapport_tip_get_body           (RapportTip         *self);
void                rapport_tip_set_body           (RapportTip         *self,
                                                    const char         *body);
const char         *rapport_tip_get_address        (RapportTip         *self);
void                rapport_tip_set_address        (RapportTip         *self,
                                                    const char         *address);
/* A map link: a "geo:" URI (RFC 5870) or an http(s) URL; "" for none. */
const char         *rapport_tip_get_link           (RapportTip         *self);
void                rapport_tip_set_link           (RapportTip         *self,
                                                    const char         *link);
/* A colleague's id, 0 for nobody. */
gint64              rapport_tip_get_recommended_by (RapportTip         *self);
void                rapport_tip_set_recommended_by (RapportTip         *self,
                                                    gint64              colleague_id);
gboolean            rapport_tip_get_tried          (RapportTip         *self);
void                rapport_tip_set_tried          (RapportTip         *self,
                                                    gboolean            tried);
gint64              rapport_tip_get_created_at     (RapportTip         *self);
void                rapport_tip_set_created_at     (RapportTip         *self,
                                                    gint64              created_at);

gboolean            rapport_tip_validate           (RapportTip         *self,
                                                    GError            **error);
/* "geo:39.74,-104.99" (optionally ";u=..." etc.) or an absolute http/https URL. */
gboolean            rapport_validate_map_link      (const char         *link);

G_END_DECLS
