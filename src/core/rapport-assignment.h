/* rapport-assignment.h
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

/* One assignment: a facility and unit in a town, between two dates, in a time zone. Plain data
 * with properties (the item of the store's assignment model); strings are never NULL. */

#define RAPPORT_TYPE_ASSIGNMENT (rapport_assignment_get_type ())

G_DECLARE_FINAL_TYPE (RapportAssignment, rapport_assignment, RAPPORT, ASSIGNMENT, GObject)

#define RAPPORT_ASSIGNMENT_ERROR (rapport_assignment_error_quark ())

typedef enum
{
  RAPPORT_ASSIGNMENT_ERROR_FACILITY_REQUIRED,
  RAPPORT_ASSIGNMENT_ERROR_INVALID_TIME_ZONE,
  RAPPORT_ASSIGNMENT_ERROR_INVALID_DATE,
  RAPPORT_ASSIGNMENT_ERROR_ENDS_BEFORE_START,
  RAPPORT_ASSIGNMENT_ERROR_TOO_LONG,
  RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT,
} RapportAssignmentError;

GQuark              rapport_assignment_error_quark   (void);

/* tz defaults to the system zone's IANA name (or "UTC" when it has none). */
RapportAssignment  *rapport_assignment_new           (const char        *facility);
RapportAssignment  *rapport_assignment_dup           (RapportAssignment *self);
/* Copies every field but the id; notifies only what changed. */
void                rapport_assignment_assign        (RapportAssignment *self,
                                                      RapportAssignment *other);

gint64              rapport_assignment_get_id        (RapportAssignment *self);
void                rapport_assignment_set_id        (RapportAssignment *self,
                                                      gint64             id);
const char         *rapport_assignment_get_facility  (RapportAssignment *self);
void                rapport_assignment_set_facility  (RapportAssignment *self,
                                                      const char        *facility);
const char         *rapport_assignment_get_unit      (RapportAssignment *self);
void                rapport_assignment_set_unit      (RapportAssignment *self,
                                                      const char        *unit);
const char         *rapport_assignment_get_city      (RapportAssignment *self);
void                rapport_assignment_set_city      (RapportAssignment *self,
                                                      const char        *city);
const char         *rapport_assignment_get_region    (RapportAssignment *self);
void                rapport_assignment_set_region    (RapportAssignment *self,
                                                      const char        *region);
const char         *rapport_assignment_get_country   (RapportAssignment *self);
void                rapport_assignment_set_country   (RapportAssignment *self,
                                                      const char        *country);
/* IANA zone name, e.g. "America/Denver". */
const char         *rapport_assignment_get_tz        (RapportAssignment *self);
void                rapport_assignment_set_tz        (RapportAssignment *self,
                                                      const char        *tz);
/* "YYYY-MM-DD" or "" when not known. */
const char         *rapport_assignment_get_starts_on (RapportAssignment *self);
void                rapport_assignment_set_starts_on (RapportAssignment *self,
                                                      const char        *starts_on);
const char         *rapport_assignment_get_ends_on   (RapportAssignment *self);
void                rapport_assignment_set_ends_on   (RapportAssignment *self,
                                                      const char        *ends_on);
const char         *rapport_assignment_get_agency    (RapportAssignment *self);
void                rapport_assignment_set_agency    (RapportAssignment *self,
                                                      const char        *agency);
const char         *rapport_assignment_get_notes     (RapportAssignment *self);
void                rapport_assignment_set_notes     (RapportAssignment *self,
                                                      const char        *notes);
gint64              rapport_assignment_get_created_at (RapportAssignment *self);
void                rapport_assignment_set_created_at (RapportAssignment *self,
                                                      gint64             created_at);
gint64              rapport_assignment_get_updated_at (RapportAssignment *self);
void                rapport_assignment_set_updated_at (RapportAssignment *self,
                                                      gint64             updated_at);

/* "Facility · Unit" (whichever are set): how lists name an assignment. */
char               *rapport_assignment_dup_title     (RapportAssignment *self);
/* "City, Region, Country" (whichever are set). */
char               *rapport_assignment_dup_place     (RapportAssignment *self);
/* "12 January – 3 April 2027", "From 12 January 2027", "Until 3 April 2027", translated, or NULL
 * when neither date is known. */
char               *rapport_assignment_dup_dates     (RapportAssignment *self);
/* TRUE when "now", read as a date in the assignment's own zone, lies within starts_on..ends_on
 * (both inclusive; an empty start or end is open on that side; both empty: never current). */
gboolean            rapport_assignment_is_current_at (RapportAssignment *self,
                                                      GDateTime         *now);
/* The first problem, translated, with what to do. Dates must be real; ends_on >= starts_on;
 * tz must be a zone GLib knows (g_time_zone_new_identifier). */
gboolean            rapport_assignment_validate      (RapportAssignment *self,
                                                      GError           **error);

G_END_DECLS
