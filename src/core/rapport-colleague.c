/* rapport-colleague.c
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

#define G_LOG_DOMAIN "rapport-colleague"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-colleague.h"
#include "rapport-text-private.h"

struct _RapportColleague
{
  GObject             parent_instance;

  gint64              id;
  char               *name;
  char               *role;
  char               *specialty;
  char               *organization;
  char               *phone;
  char               *email;
  char               *messaging;
  char               *interests;
  RapportSupportKind  support_kind;
  char               *birthday;
  char               *notes;
  guint               cadence_days;
  gboolean            archived;
  gint64              created_at;
  gint64              updated_at;
  gint64              last_interaction_at;
  GBytes             *photo;
  char               *raw_vcard;
  /* RapportColleagueCardParts: the parts of the card photo and raw_vcard hold */
  guint               card_read;
};

G_DEFINE_FINAL_TYPE (RapportColleague, rapport_colleague, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-colleague-error-quark, rapport_colleague_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_SPECIALTY,
  PROP_ORGANIZATION,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_MESSAGING,
  PROP_INTERESTS,
  PROP_SUPPORT_KIND,
  PROP_BIRTHDAY,
  PROP_NOTES,
  PROP_CADENCE_DAYS,
  PROP_ARCHIVED,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_LAST_INTERACTION_AT,
  PROP_PHOTO,
  PROP_RAW_VCARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text fields in the order validation reports them. One-line fields are what a person types
 * into an entry; multi-line ones (notes, interests) may hold newlines and are allowed more room. */
static const struct
{
  gsize       offset;
  const char *label;
  gboolean    multi_line;
} text_fields[] = {
  { G_STRUCT_OFFSET (RapportColleague, name),         N_("Name"),         FALSE },
  { G_STRUCT_OFFSET (RapportColleague, role),         N_("Role"),         FALSE },
  { G_STRUCT_OFFSET (RapportColleague, specialty),    N_("Specialty"),    FALSE },
  { G_STRUCT_OFFSET (RapportColleague, organization), N_("Organization"), FALSE },
  { G_STRUCT_OFFSET (RapportColleague, phone),        N_("Phone"),        FALSE },
  { G_STRUCT_OFFSET (RapportColleague, email),        N_("Email"),        FALSE },
  { G_STRUCT_OFFSET (RapportColleague, messaging),    N_("Messaging"),    FALSE },
  { G_STRUCT_OFFSET (RapportColleague, birthday),     N_("Birthday"),     FALSE },
  { G_STRUCT_OFFSET (RapportColleague, interests),    N_("Interests"),    TRUE },
  { G_STRUCT_OFFSET (RapportColleague, notes),        N_("Notes"),        TRUE },
};

/* Every unset string points here instead of to an allocation of its own: most colleagues leave
 * several fields empty, and the store makes thousands of them at startup. */
static char empty_string[] = "";

static char *
dup_string (const char *value)
{
  if (value == NULL || value[0] == '\0')
    return empty_string;

  return g_strdup (value);
}

static void
free_string (char *value)
{
  if (value != empty_string)
    g_free (value);
}

static gboolean
set_string (RapportColleague *self,
            char            **field,
            const char       *value,
            guint             prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  free_string (*field);
  *field = dup_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

/* Month and day at text, "MM-DD"; a year-less date may be Feb 29. */
static gboolean
parse_month_day (const char *text)
{
  g_autofree char *date = NULL;

  /* 2000 is a leap year, so Feb 29 passes. */
  date = g_strconcat ("2000-", text, NULL);

  return rapport_text_parse_iso_date (date, NULL, NULL, NULL);
}

/* Back to "only in the journal", as a copy of a colleague whose card was not read. */
static void
forget_photo (RapportColleague *self)
{
  self->card_read &= ~RAPPORT_COLLEAGUE_CARD_PHOTO;

  if (self->photo == NULL)
    return;

  g_clear_pointer (&self->photo, g_bytes_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

static void
forget_raw_vcard (RapportColleague *self)
{
  self->card_read &= ~RAPPORT_COLLEAGUE_CARD_RAW_VCARD;

  if (self->raw_vcard == empty_string)
    return;

  free_string (self->raw_vcard);
  self->raw_vcard = empty_string;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW_VCARD]);
}

static void
rapport_colleague_finalize (GObject *object)
{
  RapportColleague *self = (RapportColleague *) object;

  free_string (self->name);
  free_string (self->role);
  free_string (self->specialty);
  free_string (self->organization);
  free_string (self->phone);
  free_string (self->email);
  free_string (self->messaging);
  free_string (self->interests);
  free_string (self->birthday);
  free_string (self->notes);
  g_clear_pointer (&self->photo, g_bytes_unref);
  free_string (self->raw_vcard);

  G_OBJECT_CLASS (rapport_colleague_parent_class)->finalize (object);
}

static void
rapport_colleague_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportColleague *self = RAPPORT_COLLEAGUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_SPECIALTY:
      g_value_set_string (value, self->specialty);
      break;

    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_MESSAGING:
      g_value_set_string (value, self->messaging);
      break;

    case PROP_INTERESTS:
      g_value_set_string (value, self->interests);
      break;

    case PROP_SUPPORT_KIND:
      g_value_set_enum (value, self->support_kind);
      break;

    case PROP_BIRTHDAY:
      g_value_set_string (value, self->birthday);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_CADENCE_DAYS:
      g_value_set_uint (value, self->cadence_days);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_LAST_INTERACTION_AT:
      g_value_set_int64 (value, self->last_interaction_at);
      break;

    case PROP_PHOTO:
      g_value_set_boxed (value, self->photo);
      break;

    case PROP_RAW_VCARD:
      g_value_set_string (value, self->raw_vcard);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportColleague *self = RAPPORT_COLLEAGUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_colleague_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rapport_colleague_set_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      rapport_colleague_set_role (self, g_value_get_string (value));
      break;

    case PROP_SPECIALTY:
      rapport_colleague_set_specialty (self, g_value_get_string (value));
      break;

    case PROP_ORGANIZATION:
      rapport_colleague_set_organization (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      rapport_colleague_set_phone (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      rapport_colleague_set_email (self, g_value_get_string (value));
      break;

    case PROP_MESSAGING:
      rapport_colleague_set_messaging (self, g_value_get_string (value));
      break;

    case PROP_INTERESTS:
      rapport_colleague_set_interests (self, g_value_get_string (value));
      break;

    case PROP_SUPPORT_KIND:
      rapport_colleague_set_support_kind (self, g_value_get_enum (value));
      break;

    case PROP_BIRTHDAY:
      rapport_colleague_set_birthday (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      rapport_colleague_set_notes (self, g_value_get_string (value));
      break;

    case PROP_CADENCE_DAYS:
      rapport_colleague_set_cadence_days (self, g_value_get_uint (value));
      break;

    case PROP_ARCHIVED:
      rapport_colleague_set_archived (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      rapport_colleague_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_colleague_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_INTERACTION_AT:
      rapport_colleague_set_last_interaction_at (self, g_value_get_int64 (value));
      break;

    case PROP_PHOTO:
      rapport_colleague_set_photo (self, g_value_get_boxed (value));
      break;

    case PROP_RAW_VCARD:
      rapport_colleague_set_raw_vcard (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_class_init (RapportColleagueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_colleague_finalize;
  object_class->get_property = rapport_colleague_get_property;
  object_class->set_property = rapport_colleague_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, "", flags);
  properties[PROP_SPECIALTY] =
    g_param_spec_string ("specialty", NULL, NULL, "", flags);
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, "", flags);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, "", flags);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, "", flags);
  properties[PROP_MESSAGING] =
    g_param_spec_string ("messaging", NULL, NULL, "", flags);
  properties[PROP_INTERESTS] =
    g_param_spec_string ("interests", NULL, NULL, "", flags);
  properties[PROP_SUPPORT_KIND] =
    g_param_spec_enum ("support-kind", NULL, NULL,
                       RAPPORT_TYPE_SUPPORT_KIND, RAPPORT_SUPPORT_KIND_NONE, flags);
  properties[PROP_BIRTHDAY] =
    g_param_spec_string ("birthday", NULL, NULL, "", flags);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_CADENCE_DAYS] =
    g_param_spec_uint ("cadence-days", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_LAST_INTERACTION_AT] =
    g_param_spec_int64 ("last-interaction-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PHOTO] =
    g_param_spec_boxed ("photo", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_RAW_VCARD] =
    g_param_spec_string ("raw-vcard", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_colleague_init (RapportColleague *self)
{
  self->name = empty_string;
  self->role = empty_string;
  self->specialty = empty_string;
  self->organization = empty_string;
  self->phone = empty_string;
  self->email = empty_string;
  self->messaging = empty_string;
  self->interests = empty_string;
  self->birthday = empty_string;
  self->notes = empty_string;
  self->raw_vcard = empty_string;
  self->card_read = RAPPORT_COLLEAGUE_CARD_ALL;
}

RapportColleague *
rapport_colleague_new (const char *name)
{
  return g_object_new (RAPPORT_TYPE_COLLEAGUE,
                       "name", name ? name : "",
                       NULL);
}

/* Nothing can be connected to a colleague that does not exist yet: the fields are set in place,
 * without the notifications the setters would send. */
RapportColleague *
rapport_colleague_new_with_fields (const RapportColleagueFields *fields)
{
  RapportColleague *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->id >= 0, NULL);
  g_return_val_if_fail ((guint) fields->support_kind < RAPPORT_N_SUPPORT_KINDS, NULL);

  self = g_object_new (RAPPORT_TYPE_COLLEAGUE, NULL);

  self->id = fields->id;
  self->name = dup_string (fields->name);
  self->role = dup_string (fields->role);
  self->specialty = dup_string (fields->specialty);
  self->organization = dup_string (fields->organization);
  self->phone = dup_string (fields->phone);
  self->email = dup_string (fields->email);
  self->messaging = dup_string (fields->messaging);
  self->interests = dup_string (fields->interests);
  self->support_kind = fields->support_kind;
  self->birthday = dup_string (fields->birthday);
  self->notes = dup_string (fields->notes);
  self->cadence_days = fields->cadence_days;
  self->archived = !!fields->archived;
  self->created_at = fields->created_at;
  self->updated_at = fields->updated_at;
  self->last_interaction_at = fields->last_interaction_at;
  if (fields->card_not_read)
    {
      self->card_read = 0;
    }
  else
    {
      if (fields->photo != NULL && fields->photo_size > 0)
        self->photo = g_bytes_new (fields->photo, fields->photo_size);
      self->raw_vcard = dup_string (fields->raw_vcard);
    }

  return self;
}

RapportColleague *
rapport_colleague_dup (RapportColleague *self)
{
  RapportColleague *copy;

  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  copy = g_object_new (RAPPORT_TYPE_COLLEAGUE, NULL);
  copy->id = self->id;
  rapport_colleague_assign (copy, self);

  return copy;
}

void
rapport_colleague_assign (RapportColleague *self,
                          RapportColleague *other)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (other));

  if (self == other)
    return;

  /* Every setter returns early when unchanged, so only real changes are notified; freezing
   * delivers them after all fields hold their new values. */
  g_object_freeze_notify (G_OBJECT (self));

  rapport_colleague_set_name (self, other->name);
  rapport_colleague_set_role (self, other->role);
  rapport_colleague_set_specialty (self, other->specialty);
  rapport_colleague_set_organization (self, other->organization);
  rapport_colleague_set_phone (self, other->phone);
  rapport_colleague_set_email (self, other->email);
  rapport_colleague_set_messaging (self, other->messaging);
  rapport_colleague_set_interests (self, other->interests);
  rapport_colleague_set_support_kind (self, other->support_kind);
  rapport_colleague_set_birthday (self, other->birthday);
  rapport_colleague_set_notes (self, other->notes);
  rapport_colleague_set_cadence_days (self, other->cadence_days);
  rapport_colleague_set_archived (self, other->archived);
  rapport_colleague_set_created_at (self, other->created_at);
  rapport_colleague_set_updated_at (self, other->updated_at);
  if (other->card_read & RAPPORT_COLLEAGUE_CARD_PHOTO)
    rapport_colleague_set_photo (self, other->photo);
  else
    forget_photo (self);
  if (other->card_read & RAPPORT_COLLEAGUE_CARD_RAW_VCARD)
    rapport_colleague_set_raw_vcard (self, other->raw_vcard);
  else
    forget_raw_vcard (self);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
rapport_colleague_get_id (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), 0);

  return self->id;
}

void
rapport_colleague_set_id (RapportColleague *self,
                          gint64            id)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_colleague_get_name (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->name;
}

void
rapport_colleague_set_name (RapportColleague *self,
                            const char       *name)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->name, name, PROP_NAME);
}

const char *
rapport_colleague_get_role (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->role;
}

void
rapport_colleague_set_role (RapportColleague *self,
                            const char       *role)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->role, role, PROP_ROLE);
}

const char *
rapport_colleague_get_specialty (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->specialty;
}

void
rapport_colleague_set_specialty (RapportColleague *self,
                                 const char       *specialty)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->specialty, specialty, PROP_SPECIALTY);
}

const char *
rapport_colleague_get_organization (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->organization;
}

void
rapport_colleague_set_organization (RapportColleague *self,
                                    const char       *organization)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->organization, organization, PROP_ORGANIZATION);
}

const char *
rapport_colleague_get_phone (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->phone;
}

void
rapport_colleague_set_phone (RapportColleague *self,
                             const char       *phone)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->phone, phone, PROP_PHONE);
}

const char *
rapport_colleague_get_email (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->email;
}

void
rapport_colleague_set_email (RapportColleague *self,
                             const char       *email)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->email, email, PROP_EMAIL);
}

const char *
rapport_colleague_get_messaging (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->messaging;
}

void
rapport_colleague_set_messaging (RapportColleague *self,
                                 const char       *messaging)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->messaging, messaging, PROP_MESSAGING);
}

const char *
rapport_colleague_get_interests (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->interests;
}

void
rapport_colleague_set_interests (RapportColleague *self,
                                 const char       *interests)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->interests, interests, PROP_INTERESTS);
}

RapportSupportKind
rapport_colleague_get_support_kind (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), RAPPORT_SUPPORT_KIND_NONE);

  return self->support_kind;
}

void
rapport_colleague_set_support_kind (RapportColleague   *self,
                                    RapportSupportKind  kind)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));
  g_return_if_fail ((guint) kind < RAPPORT_N_SUPPORT_KINDS);

  if (self->support_kind == kind)
    return;

  self->support_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPPORT_KIND]);
}

const char *
rapport_colleague_get_birthday (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->birthday;
}

void
rapport_colleague_set_birthday (RapportColleague *self,
                                const char       *birthday)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->birthday, birthday, PROP_BIRTHDAY);
}

const char *
rapport_colleague_get_notes (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->notes;
}

void
rapport_colleague_set_notes (RapportColleague *self,
                             const char       *notes)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  set_string (self, &self->notes, notes, PROP_NOTES);
}

guint
rapport_colleague_get_cadence_days (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), 0);

  return self->cadence_days;
}

void
rapport_colleague_set_cadence_days (RapportColleague *self,
                                    guint             cadence_days)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  if (self->cadence_days == cadence_days)
    return;

  self->cadence_days = cadence_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CADENCE_DAYS]);
}

gboolean
rapport_colleague_get_archived (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), FALSE);

  return self->archived;
}

void
rapport_colleague_set_archived (RapportColleague *self,
                                gboolean          archived)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  archived = !!archived;

  if (self->archived == archived)
    return;

  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

gint64
rapport_colleague_get_created_at (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), 0);

  return self->created_at;
}

void
rapport_colleague_set_created_at (RapportColleague *self,
                                  gint64            created_at)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_colleague_get_updated_at (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), 0);

  return self->updated_at;
}

void
rapport_colleague_set_updated_at (RapportColleague *self,
                                  gint64            updated_at)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_colleague_get_last_interaction_at (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), 0);

  return self->last_interaction_at;
}

void
rapport_colleague_set_last_interaction_at (RapportColleague *self,
                                           gint64            last_interaction_at)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  if (self->last_interaction_at == last_interaction_at)
    return;

  self->last_interaction_at = last_interaction_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_INTERACTION_AT]);
}

/* A missing photo and an empty one are the same: nothing to show. */
GBytes *
rapport_colleague_get_photo (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->photo;
}

void
rapport_colleague_set_photo (RapportColleague *self,
                             GBytes           *photo)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  if (photo != NULL && g_bytes_get_size (photo) == 0)
    photo = NULL;

  /* Even when unchanged: a photo set to none replaces the journal's. */
  self->card_read |= RAPPORT_COLLEAGUE_CARD_PHOTO;

  if (self->photo == photo
      || (self->photo != NULL && photo != NULL && g_bytes_equal (self->photo, photo)))
    return;

  g_clear_pointer (&self->photo, g_bytes_unref);
  if (photo != NULL)
    self->photo = g_bytes_ref (photo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

const char *
rapport_colleague_get_raw_vcard (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), NULL);

  return self->raw_vcard;
}

void
rapport_colleague_set_raw_vcard (RapportColleague *self,
                                 const char       *raw_vcard)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  self->card_read |= RAPPORT_COLLEAGUE_CARD_RAW_VCARD;
  set_string (self, &self->raw_vcard, raw_vcard, PROP_RAW_VCARD);
}

RapportColleagueCardParts
rapport_colleague_get_card_read (RapportColleague *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), 0);

  return self->card_read;
}

void
rapport_colleague_set_stored_card (RapportColleague *self,
                                   GBytes           *photo,
                                   const char       *raw_vcard)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if ((self->card_read & RAPPORT_COLLEAGUE_CARD_PHOTO) == 0)
    rapport_colleague_set_photo (self, photo);
  if ((self->card_read & RAPPORT_COLLEAGUE_CARD_RAW_VCARD) == 0)
    rapport_colleague_set_raw_vcard (self, raw_vcard);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
rapport_colleague_validate (RapportColleague  *self,
                            GError           **error)
{
  RapportTextField fields[G_N_ELEMENTS (text_fields)];

  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rapport_text_is_blank (self->name))
    {
      g_set_error_literal (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_NAME_REQUIRED,
                           _("Enter a name"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      fields[i].value = G_STRUCT_MEMBER (const char *, self, text_fields[i].offset);
      fields[i].label = text_fields[i].label;
      fields[i].multi_line = text_fields[i].multi_line;
    }

  if (!rapport_text_check_fields (fields, G_N_ELEMENTS (fields), RAPPORT_COLLEAGUE_ERROR,
                                  RAPPORT_COLLEAGUE_ERROR_TOO_LONG,
                                  RAPPORT_COLLEAGUE_ERROR_INVALID_TEXT, error))
    return FALSE;

  if (self->photo != NULL && g_bytes_get_size (self->photo) > RAPPORT_MAX_PHOTO_SIZE)
    {
      g_set_error_literal (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_TOO_LONG,
                           _("The photo is larger than 1 MiB. Choose a smaller picture."));
      return FALSE;
    }

  if (strlen (self->raw_vcard) > RAPPORT_MAX_NOTES_LENGTH)
    {
      g_set_error_literal (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_TOO_LONG,
                           _("The imported contact card is too long. Import it again without "
                             "its largest parts."));
      return FALSE;
    }

  if (!rapport_validate_email (self->email))
    {
      g_set_error_literal (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_INVALID_EMAIL,
                           _("The email address is not valid. Check it, or leave it empty."));
      return FALSE;
    }

  if (!rapport_validate_phone (self->phone))
    {
      g_set_error_literal (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_INVALID_PHONE,
                           _("The phone number is not valid. Use digits with an optional leading + "
                             "and extension, or leave it empty."));
      return FALSE;
    }

  if (!rapport_validate_birthday (self->birthday, NULL))
    {
      g_set_error_literal (error, RAPPORT_COLLEAGUE_ERROR, RAPPORT_COLLEAGUE_ERROR_INVALID_BIRTHDAY,
                           _("The birthday is not a date. Use YYYY-MM-DD, or --MM-DD when the year "
                             "is unknown."));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_validate_email (const char *email)
{
  const char *at;
  const char *domain;

  g_return_val_if_fail (email != NULL, FALSE);

  if (email[0] == '\0')
    return TRUE;

  if (!g_utf8_validate (email, -1, NULL))
    return FALSE;

  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  domain = at + 1;
  if (domain[0] == '\0' || domain[0] == '.' || g_str_has_suffix (domain, ".")
      || strchr (domain, '.') == NULL || strstr (domain, "..") != NULL)
    return FALSE;

  return TRUE;
}

gboolean
rapport_validate_phone (const char *phone)
{
  const char *p = phone;
  guint digits = 0;
  guint extension_digits = 0;
  gboolean in_parentheses = FALSE;

  g_return_val_if_fail (phone != NULL, FALSE);

  if (phone[0] == '\0')
    return TRUE;

  if (*p == '+')
    p++;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == ' ' || *p == '-' || *p == '.')
        continue;
      else if (*p == '(' && !in_parentheses)
        in_parentheses = TRUE;
      else if (*p == ')' && in_parentheses)
        in_parentheses = FALSE;
      else
        break;
    }

  if (in_parentheses)
    return FALSE;

  if (*p != '\0')
    {
      if (g_ascii_strncasecmp (p, "ext", 3) == 0)
        p += 3;
      else if (g_ascii_tolower (*p) == 'x')
        p++;
      else
        return FALSE;

      if (*p == '.')
        p++;
      while (*p == ' ')
        p++;

      for (; g_ascii_isdigit (*p); p++)
        extension_digits++;

      if (*p != '\0' || extension_digits == 0)
        return FALSE;
    }

  return digits >= 3 && digits + extension_digits <= 20;
}

gboolean
rapport_validate_birthday (const char  *birthday,
                           char       **normalized)
{
  g_return_val_if_fail (birthday != NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  switch (strlen (birthday))
    {
    case 0:
      if (normalized != NULL)
        *normalized = g_strdup ("");
      return TRUE;

    case 5: /* "MM-DD" */
      if (!parse_month_day (birthday))
        return FALSE;
      if (normalized != NULL)
        *normalized = g_strconcat ("--", birthday, NULL);
      return TRUE;

    case 7: /* "--MM-DD" */
      if (birthday[0] != '-' || birthday[1] != '-' || !parse_month_day (birthday + 2))
        return FALSE;
      break;

    case 10: /* "YYYY-MM-DD" */
      if (!rapport_text_parse_iso_date (birthday, NULL, NULL, NULL))
        return FALSE;
      break;

    default:
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_strdup (birthday);

  return TRUE;
}
