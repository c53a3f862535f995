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

/* What kind of local knowledge a tip is; stored by nick ("hospital-logistics"). */
typedef enum
{
  RAPPORT_TIP_CATEGORY_FOOD,
  RAPPORT_TIP_CATEGORY_COFFEE,
  RAPPORT_TIP_CATEGORY_GROCERIES,
  RAPPORT_TIP_CATEGORY_LANDMARK,
  RAPPORT_TIP_CATEGORY_ACTIVITY,
  RAPPORT_TIP_CATEGORY_OUTDOORS,
  RAPPORT_TIP_CATEGORY_PARKING,
  RAPPORT_TIP_CATEGORY_HOUSING,
  RAPPORT_TIP_CATEGORY_TRANSIT,
  RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS,
} RapportTipCategory;

#define RAPPORT_N_TIP_CATEGORIES (RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS + 1)
#define RAPPORT_TYPE_TIP_CATEGORY (rapport_tip_category_get_type ())
GType               rapport_tip_category_get_type   (void) G_GNUC_CONST;
/* "food", "coffee", ..., "hospital-logistics". */
const char         *rapport_tip_category_to_nick    (RapportTipCategory  category);
/* Unknown or NULL nicks give ACTIVITY, the most general category. */
RapportTipCategory  rapport_tip_category_from_nick  (const char         *nick);
/* Translated: "Food", "Hospital Logistics". */
const char         *rapport_tip_category_to_label   (RapportTipCategory  category);
/* A symbolic icon name from the Adwaita theme Debian ships. */
const char         *rapport_tip_category_to_icon_name (RapportTipCategory category);

/* What happened between the clinician and colleagues; stored by nick ("shared-shift"). */
typedef enum
{
  RAPPORT_INTERACTION_KIND_COFFEE,
  RAPPORT_INTERACTION_KIND_MEAL,
  RAPPORT_INTERACTION_KIND_SHARED_SHIFT,
  RAPPORT_INTERACTION_KIND_CALL,
  RAPPORT_INTERACTION_KIND_MESSAGE,
  RAPPORT_INTERACTION_KIND_GROUP_CHAT,
  RAPPORT_INTERACTION_KIND_MEETING,
  RAPPORT_INTERACTION_KIND_PEER_SUPPORT,
  RAPPORT_INTERACTION_KIND_OTHER,
} RapportInteractionKind;

#define RAPPORT_N_INTERACTION_KINDS (RAPPORT_INTERACTION_KIND_OTHER + 1)
#define RAPPORT_TYPE_INTERACTION_KIND (rapport_interaction_kind_get_type ())
GType                   rapport_interaction_kind_get_type      (void) G_GNUC_CONST;
/* "coffee", "meal", "shared-shift", "call", "message", "group-chat", "meeting", "peer-support", "other". */
const char             *rapport_interaction_kind_to_nick       (RapportInteractionKind  kind);
/* Unknown or NULL nicks give OTHER. */
RapportInteractionKind  rapport_interaction_kind_from_nick     (const char             *nick);
/* Translated: "Coffee", "Shared Shift", "Peer-Support Session". */
const char             *rapport_interaction_kind_to_label      (RapportInteractionKind  kind);
const char             *rapport_interaction_kind_to_icon_name  (RapportInteractionKind  kind);

/* The kinds of things the journal holds, as search results name them. */
typedef enum
{
  RAPPORT_ITEM_KIND_COLLEAGUE = 1,
  RAPPORT_ITEM_KIND_ASSIGNMENT = 2,
  RAPPORT_ITEM_KIND_TIP = 3,
  RAPPORT_ITEM_KIND_INTERACTION = 4,
  RAPPORT_ITEM_KIND_REMINDER = 5,
} RapportItemKind;

#define RAPPORT_TYPE_ITEM_KIND (rapport_item_kind_get_type ())
GType               rapport_item_kind_get_type      (void) G_GNUC_CONST;
/* Translated group titles: "Colleagues", "Assignments", "Tips", "Journal", "Reminders". */
const char         *rapport_item_kind_to_group_label (RapportItemKind kind);

/* The zone for an identifier such as "America/Denver" (a new reference), or NULL when there is no
 * such zone. Each zone is read from the zone database once and then shared: loading one maps and
 * parses its file, too slow to repeat for every reminder of a long journal. Thread-safe. */
GTimeZone          *rapport_time_zone_lookup        (const char *identifier);

/* Sets error (domain, code) to a sentence about the file at path that says what went wrong in a
 * person's words and what to do, from cause (a G_FILE_ERROR or G_IO_ERROR from reading or, when
 * writing is TRUE, writing it). GLib's own text names temporary files and system calls; it goes
 * only to debug output. */
void                rapport_set_file_error          (GError       **error,
                                                     GQuark         domain,
                                                     int            code,
                                                     const char    *path,
                                                     const GError  *cause,
                                                     gboolean       writing);

/* Writes contents to path as a file only its owner can read (0600), whole or not at all; an error
 * is worded as by rapport_set_file_error (), in G_FILE_ERROR. For exports. */
gboolean            rapport_write_private_file      (const char    *path,
                                                     const char    *contents,
                                                     GError       **error);

/* Longest values the journal accepts, in bytes of UTF-8. */
#define RAPPORT_MAX_FIELD_LENGTH 1000
#define RAPPORT_MAX_NOTES_LENGTH (1024 * 1024)
/* The most colleagues one interaction can name. */
#define RAPPORT_MAX_INTERACTION_COLLEAGUES 500

G_END_DECLS
