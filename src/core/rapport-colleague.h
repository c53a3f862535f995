/* rapport-colleague.h
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

#define RAPPORT_MAX_PHOTO_SIZE (1024 * 1024)

/* A colleague as the journal keeps it: the item of the store's colleague model. Plain data with
 * properties; only RapportStore writes it to disk. Strings are never NULL: unset is "". */

#define RAPPORT_TYPE_COLLEAGUE (rapport_colleague_get_type ())

G_DECLARE_FINAL_TYPE (RapportColleague, rapport_colleague, RAPPORT, COLLEAGUE, GObject)

#define RAPPORT_COLLEAGUE_ERROR (rapport_colleague_error_quark ())

typedef enum
{
  RAPPORT_COLLEAGUE_ERROR_NAME_REQUIRED,
  RAPPORT_COLLEAGUE_ERROR_INVALID_EMAIL,
  RAPPORT_COLLEAGUE_ERROR_INVALID_PHONE,
  RAPPORT_COLLEAGUE_ERROR_INVALID_BIRTHDAY,
  RAPPORT_COLLEAGUE_ERROR_TOO_LONG,
  RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT,   /* invalid UTF-8 or control characters in a one-line field */
} RapportColleagueError;

/* The parts of a colleague's card: the photo and the vCard it was imported from. The journal keeps
 * them apart from the other fields and the store leaves them out when it opens, so a colleague
 * may not hold them yet: until a part is read (set, or given with rapport_colleague_set_stored_card
 * by rapport_store_ensure_colleague_card) its getter returns NULL or "", and saving the colleague
 * keeps what the journal holds for it. */
typedef enum
{
  RAPPORT_COLLEAGUE_CARD_PHOTO     = 1 << 0,
  RAPPORT_COLLEAGUE_CARD_RAW_VCARD = 1 << 1,
} RapportColleagueCardParts;

#define RAPPORT_COLLEAGUE_CARD_ALL (RAPPORT_COLLEAGUE_CARD_PHOTO | RAPPORT_COLLEAGUE_CARD_RAW_VCARD)

/* Every field of a colleague at once, as RapportStore reads them from a row. Strings may be NULL
 * for ""; photo may be NULL for none. Nothing is kept: strings and photo are copied.
 * card_not_read: photo and raw_vcard were left out (see RapportColleagueCardParts). */
typedef struct
{
  gint64              id;
  const char         *name;
  const char         *role;
  const char         *specialty;
  const char         *organization;
  const char         *phone;
  const char         *email;
  const char         *messaging;
  const char         *interests;
  RapportSupportKind  support_kind;
  const char         *birthday;
  const char         *notes;
  guint               cadence_days;
  gboolean            archived;
  gint64              created_at;
  gint64              updated_at;
  gint64              last_interaction_at;
  gconstpointer       photo;
  gsize               photo_size;
  const char         *raw_vcard;
  gboolean            card_not_read;
} RapportColleagueFields;

GQuark              rapport_colleague_error_quark     (void);

RapportColleague   *rapport_colleague_new             (const char        *name);
/* For loading many at once: cheaper than rapport_colleague_new and a setter per field. */
RapportColleague   *rapport_colleague_new_with_fields (const RapportColleagueFields *fields);
/* A detached copy with every field, including id and timestamps: what an editor works on. */
RapportColleague   *rapport_colleague_dup             (RapportColleague  *self);
/* Copies every field but the id from other; notifies only what changed. A card part other has
 * not read is not read in self afterwards either. */
void                rapport_colleague_assign          (RapportColleague  *self,
                                                       RapportColleague  *other);

gint64              rapport_colleague_get_id          (RapportColleague  *self);   /* 0 = not stored */
void                rapport_colleague_set_id          (RapportColleague  *self,
                                                       gint64             id);
const char         *rapport_colleague_get_name        (RapportColleague  *self);
void                rapport_colleague_set_name        (RapportColleague  *self,
                                                       const char        *name);
const char         *rapport_colleague_get_role        (RapportColleague  *self);
void                rapport_colleague_set_role        (RapportColleague  *self,
                                                       const char        *role);
const char         *rapport_colleague_get_specialty   (RapportColleague  *self);
void                rapport_colleague_set_specialty   (RapportColleague  *self,
                                                       const char        *specialty);
const char         *rapport_colleague_get_organization (RapportColleague *self);
void                rapport_colleague_set_organization (RapportColleague *self,
                                                       const char        *organization);
const char         *rapport_colleague_get_phone       (RapportColleague  *self);
void                rapport_colleague_set_phone       (RapportColleague  *self,
                                                       const char        *phone);
const char         *rapport_colleague_get_email       (RapportColleague  *self);
void                rapport_colleague_set_email       (RapportColleague  *self,
                                                       const char        *email);
const char         *rapport_colleague_get_messaging   (RapportColleague  *self);
void                rapport_colleague_set_messaging   (RapportColleague  *self,
                                                       const char        *messaging);
const char         *rapport_colleague_get_interests   (RapportColleague  *self);
void                rapport_colleague_set_interests   (RapportColleague  *self,
                                                       const char        *interests);
RapportSupportKind  rapport_colleague_get_support_kind (RapportColleague *self);
void                rapport_colleague_set_support_kind (RapportColleague *self,
                                                       RapportSupportKind kind);
/* "YYYY-MM-DD", or "--MM-DD" when the year is unknown, or "". */
const char         *rapport_colleague_get_birthday    (RapportColleague  *self);
void                rapport_colleague_set_birthday    (RapportColleague  *self,
                                                       const char        *birthday);
const char         *rapport_colleague_get_notes       (RapportColleague  *self);
void                rapport_colleague_set_notes       (RapportColleague  *self,
                                                       const char        *notes);
/* Keep-in-touch cadence in days; 0 = none. */
guint               rapport_colleague_get_cadence_days (RapportColleague *self);
void                rapport_colleague_set_cadence_days (RapportColleague *self,
                                                       guint              cadence_days);
gboolean            rapport_colleague_get_archived    (RapportColleague  *self);
void                rapport_colleague_set_archived    (RapportColleague  *self,
                                                       gboolean           archived);
gint64              rapport_colleague_get_created_at  (RapportColleague  *self);   /* Unix seconds, UTC */
void                rapport_colleague_set_created_at  (RapportColleague  *self,
                                                       gint64             created_at);
gint64              rapport_colleague_get_updated_at  (RapportColleague  *self);
void                rapport_colleague_set_updated_at  (RapportColleague  *self,
                                                       gint64             updated_at);

/* When the last interaction with this colleague happened (Unix seconds), 0 for never. Kept up to
 * date by the store from the journal; not a stored field, and dup/assign leave it alone. */
gint64              rapport_colleague_get_last_interaction_at (RapportColleague *self);
void                rapport_colleague_set_last_interaction_at (RapportColleague *self,
                                                       gint64             last_interaction_at);

/* The picture as the file's bytes (JPEG or PNG), or NULL for none; at most RAPPORT_MAX_PHOTO_SIZE. */
GBytes             *rapport_colleague_get_photo       (RapportColleague  *self);
void                rapport_colleague_set_photo       (RapportColleague  *self,
                                                       GBytes            *photo);
/* The imported vCard as it was read, "" for none: what a re-export keeps beyond the modelled fields. */
const char         *rapport_colleague_get_raw_vcard   (RapportColleague  *self);
void                rapport_colleague_set_raw_vcard   (RapportColleague  *self,
                                                       const char        *raw_vcard);

/* The parts of the card this object holds; a new colleague holds both (it has none). */
RapportColleagueCardParts rapport_colleague_get_card_read (RapportColleague *self);
/* The journal's photo and raw vCard, for the parts not read yet (a part set since is newer and
 * stays); both parts are read afterwards. */
void                rapport_colleague_set_stored_card (RapportColleague  *self,
                                                       GBytes            *photo,
                                                       const char        *raw_vcard);

/* Checks every field; the first problem found, translated, with what to do. */
gboolean            rapport_colleague_validate        (RapportColleague  *self,
                                                       GError           **error);

/* Field checks the editor uses as the person types; "" is valid (the fields are optional). */
gboolean            rapport_validate_email            (const char        *email);
gboolean            rapport_validate_phone            (const char        *phone);
/* Accepts "YYYY-MM-DD" (a real date) and "--MM-DD"; writes the normalised form when valid. */
gboolean            rapport_validate_birthday         (const char        *birthday,
                                                       char             **normalized);

G_END_DECLS
