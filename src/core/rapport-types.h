/* rapport-types.h
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

G_BEGIN_DECLS

/* How a colleague helps; one per colleague, stored by its nick ("mentor"). */
typedef enum
{
  RAPPORT_SUPPORT_KIND_NONE,
  RAPPORT_SUPPORT_KIND_MENTOR,
  RAPPORT_SUPPORT_KIND_PEER,
  RAPPORT_SUPPORT_KIND_FRIEND,
  RAPPORT_SUPPORT_KIND_LOCAL_GUIDE,
} RapportSupportKind;

#define RAPPORT_N_SUPPORT_KINDS (RAPPORT_SUPPORT_KIND_LOCAL_GUIDE + 1)

/* A GEnum, so the "support-kind" property works in GtkExpression lookups. */
#define RAPPORT_TYPE_SUPPORT_KIND (rapport_support_kind_get_type ())
GType               rapport_support_kind_get_type  (void) G_GNUC_CONST;

/* "" for NONE, else "mentor", "peer", "friend", "local-guide". */
const char         *rapport_support_kind_to_nick   (RapportSupportKind  kind);
/* Unknown or NULL nicks give NONE. */
RapportSupportKind  rapport_support_kind_from_nick (const char         *nick);
/* Translated, for people: "Mentor", "Local Guide"; "Not Set" for NONE. */
const char         *rapport_support_kind_to_label  (RapportSupportKind  kind);

/* Longest values the journal accepts, in bytes of UTF-8. */
#define RAPPORT_MAX_FIELD_LENGTH 1000
#define RAPPORT_MAX_NOTES_LENGTH (1024 * 1024)

G_END_DECLS
