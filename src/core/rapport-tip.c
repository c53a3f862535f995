/* rapport-tip.c
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

#define G_LOG_DOMAIN "rapport-tip"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-text-private.h"
#include "rapport-tip.h"

struct _RapportTip
{
  GObject             parent_instance;

  gint64              id;
  gint64              assignment_id;
  RapportTipCategory  category;
  char               *title;
  char               *body;
  char               *address;
  char               *link;
  gint64              recommended_by;
  gboolean            tried;
  gint64              created_at;
};

G_DEFINE_FINAL_TYPE (RapportTip, rapport_tip, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-tip-error-quark, rapport_tip_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_ASSIGNMENT_ID,
  PROP_CATEGORY,
  PROP_TITLE,
  PROP_BODY,
  PROP_ADDRESS,
  PROP_LINK,
  PROP_RECOMMENDED_BY,
  PROP_TRIED,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every unset string points here instead of to an allocation of its own: many tips leave
 * fields empty, and the store makes thousands of them at startup. */
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
set_string (RapportTip  *self,
            char       **field,
            const char  *value,
            guint        prop_id)
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

static gboolean
set_int64 (RapportTip *self,
           gint64     *field,
           gint64      value,
           guint       prop_id)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

/* A decimal number as RFC 5870 writes one: [ "-" ] 1*DIGIT [ "." 1*DIGIT ]. Moves *text past it. */
static gboolean
parse_geo_number (const char **text,
                  double      *value)
{
  const char *start = *text;
  const char *p = start;

  if (*p == '-')
    p++;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  *value = g_ascii_strtod (start, NULL);
  *text = p;

  return TRUE;
}

/* RFC 5870 geo URI parameters: *( ";" pname [ "=" pvalue ] ). */
static gboolean
check_geo_parameters (const char *p)
{
  static const char pvalue_marks[] = "-_.!~*'()[]:&+$";

  while (*p == ';')
    {
      p++;

      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
      while (g_ascii_isalnum (*p) || *p == '-')
        p++;

      if (*p != '=')
        continue;

      p++;
      if (*p == '\0' || *p == ';')
        return FALSE;

      while (*p != '\0' && *p != ';')
        {
          if (*p == '%')
            {
              if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
                return FALSE;
              p += 3;
            }
          else if (g_ascii_isalnum (*p) || strchr (pvalue_marks, *p) != NULL)
            p++;
          else
            return FALSE;
        }
    }

  return *p == '\0';
}

static gboolean
validate_geo_uri (const char *link)
{
  const char *p = link + strlen ("geo:");
  double latitude;
  double longitude;
  double altitude;

  if (!parse_geo_number (&p, &latitude) || *p++ != ',')
    return FALSE;
  if (!parse_geo_number (&p, &longitude))
    return FALSE;
  if (*p == ',')
    {
      p++;
      if (!parse_geo_number (&p, &altitude))
        return FALSE;
    }

  if (latitude < -90.0 || latitude > 90.0 || longitude < -180.0 || longitude > 180.0)
    return FALSE;

  return check_geo_parameters (p);
}

static gboolean
validate_web_url (const char *link)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  /* GLib's parser lets spaces through; a link someone can click has none. */
  for (const char *p = link; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        return FALSE;
    }

  uri = g_uri_parse (link, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && host != NULL && host[0] != '\0';
}

static void
rapport_tip_finalize (GObject *object)
{
  RapportTip *self = (RapportTip *) object;

  free_string (self->title);
  free_string (self->body);
  free_string (self->address);
  free_string (self->link);

  G_OBJECT_CLASS (rapport_tip_parent_class)->finalize (object);
}

static void
rapport_tip_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RapportTip *self = RAPPORT_TIP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->assignment_id);
      break;

    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;

    case PROP_RECOMMENDED_BY:
      g_value_set_int64 (value, self->recommended_by);
      break;

    case PROP_TRIED:
      g_value_set_boolean (value, self->tried);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tip_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RapportTip *self = RAPPORT_TIP (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_tip_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_ASSIGNMENT_ID:
      rapport_tip_set_assignment_id (self, g_value_get_int64 (value));
      break;

    case PROP_CATEGORY:
      rapport_tip_set_category (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      rapport_tip_set_title (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      rapport_tip_set_body (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS:
      rapport_tip_set_address (self, g_value_get_string (value));
      break;

    case PROP_LINK:
      rapport_tip_set_link (self, g_value_get_string (value));
      break;

    case PROP_RECOMMENDED_BY:
      rapport_tip_set_recommended_by (self, g_value_get_int64 (value));
      break;

    case PROP_TRIED:
      rapport_tip_set_tried (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      rapport_tip_set_created_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tip_class_init (RapportTipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_tip_finalize;
  object_class->get_property = rapport_tip_get_property;
  object_class->set_property = rapport_tip_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ASSIGNMENT_ID] =
    g_param_spec_int64 ("assignment-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL,
                       RAPPORT_TYPE_TIP_CATEGORY, RAPPORT_TIP_CATEGORY_FOOD, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, "", flags);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, "", flags);
  properties[PROP_LINK] =
    g_param_spec_string ("link", NULL, NULL, "", flags);
  properties[PROP_RECOMMENDED_BY] =
    g_param_spec_int64 ("recommended-by", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TRIED] =
    g_param_spec_boolean ("tried", NULL, NULL, FALSE, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_tip_init (RapportTip *self)
{
  self->category = RAPPORT_TIP_CATEGORY_FOOD;
  self->title = empty_string;
  self->body = empty_string;
  self->address = empty_string;
  self->link = empty_string;
}

RapportTip *
rapport_tip_new (gint64              assignment_id,
                 RapportTipCategory  category,
                 const char         *title)
{
  g_return_val_if_fail (assignment_id >= 0, NULL);
  g_return_val_if_fail ((guint) category < RAPPORT_N_TIP_CATEGORIES, NULL);

  return g_object_new (RAPPORT_TYPE_TIP,
                       "assignment-id", assignment_id,
                       "category", category,
                       "title", title ? title : "",
                       NULL);
}

/* Nothing can be connected to a tip that does not exist yet: the fields are set in place, without
 * the notifications the setters would send. */
RapportTip *
rapport_tip_new_with_fields (const RapportTipFields *fields)
{
  RapportTip *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->id >= 0, NULL);
  g_return_val_if_fail (fields->assignment_id >= 0, NULL);
  g_return_val_if_fail ((guint) fields->category < RAPPORT_N_TIP_CATEGORIES, NULL);
  g_return_val_if_fail (fields->recommended_by >= 0, NULL);

  self = g_object_new (RAPPORT_TYPE_TIP, NULL);

  self->id = fields->id;
  self->assignment_id = fields->assignment_id;
  self->category = fields->category;
  self->title = dup_string (fields->title);
  self->body = dup_string (fields->body);
  self->address = dup_string (fields->address);
  self->link = dup_string (fields->link);
  self->recommended_by = fields->recommended_by;
  self->tried = !!fields->tried;
  self->created_at = fields->created_at;

  return self;
}

RapportTip *
rapport_tip_dup (RapportTip *self)
{
  RapportTip *copy;

  g_return_val_if_fail (RAPPORT_IS_TIP (self), NULL);

  copy = g_object_new (RAPPORT_TYPE_TIP, NULL);
  copy->id = self->id;
  rapport_tip_assign (copy, self);

  return copy;
}

void
rapport_tip_assign (RapportTip *self,
                    RapportTip *other)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));
  g_return_if_fail (RAPPORT_IS_TIP (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  rapport_tip_set_assignment_id (self, other->assignment_id);
  rapport_tip_set_category (self, other->category);
  rapport_tip_set_title (self, other->title);
  rapport_tip_set_body (self, other->body);
  rapport_tip_set_address (self, other->address);
  rapport_tip_set_link (self, other->link);
  rapport_tip_set_recommended_by (self, other->recommended_by);
  rapport_tip_set_tried (self, other->tried);
  rapport_tip_set_created_at (self, other->created_at);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
rapport_tip_get_id (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), 0);

  return self->id;
}

void
rapport_tip_set_id (RapportTip *self,
                    gint64      id)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));
  g_return_if_fail (id >= 0);

  set_int64 (self, &self->id, id, PROP_ID);
}

gint64
rapport_tip_get_assignment_id (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), 0);

  return self->assignment_id;
}

void
rapport_tip_set_assignment_id (RapportTip *self,
                               gint64      assignment_id)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));
  g_return_if_fail (assignment_id >= 0);

  set_int64 (self, &self->assignment_id, assignment_id, PROP_ASSIGNMENT_ID);
}

RapportTipCategory
rapport_tip_get_category (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), RAPPORT_TIP_CATEGORY_ACTIVITY);

  return self->category;
}

void
rapport_tip_set_category (RapportTip         *self,
                          RapportTipCategory  category)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));
  g_return_if_fail ((guint) category < RAPPORT_N_TIP_CATEGORIES);

  if (self->category == category)
    return;

  self->category = category;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char *
rapport_tip_get_title (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), NULL);

  return self->title;
}

void
rapport_tip_set_title (RapportTip *self,
                       const char *title)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
rapport_tip_get_body (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), NULL);

  return self->body;
}

void
rapport_tip_set_body (RapportTip *self,
                      const char *body)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));

  set_string (self, &self->body, body, PROP_BODY);
}

const char *
rapport_tip_get_address (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), NULL);

  return self->address;
}

void
rapport_tip_set_address (RapportTip *self,
                         const char *address)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));

  set_string (self, &self->address, address, PROP_ADDRESS);
}

const char *
rapport_tip_get_link (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), NULL);

  return self->link;
}

void
rapport_tip_set_link (RapportTip *self,
                      const char *link)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));

  set_string (self, &self->link, link, PROP_LINK);
}

gint64
rapport_tip_get_recommended_by (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), 0);

  return self->recommended_by;
}

void
rapport_tip_set_recommended_by (RapportTip *self,
                                gint64      colleague_id)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));
  g_return_if_fail (colleague_id >= 0);

  set_int64 (self, &self->recommended_by, colleague_id, PROP_RECOMMENDED_BY);
}

gboolean
rapport_tip_get_tried (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), FALSE);

  return self->tried;
}

void
rapport_tip_set_tried (RapportTip *self,
                       gboolean    tried)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));

  tried = !!tried;

  if (self->tried == tried)
    return;

  self->tried = tried;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIED]);
}

gint64
rapport_tip_get_created_at (RapportTip *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP (self), 0);

  return self->created_at;
}

void
rapport_tip_set_created_at (RapportTip *self,
                            gint64      created_at)
{
  g_return_if_fail (RAPPORT_IS_TIP (self));

  set_int64 (self, &self->created_at, created_at, PROP_CREATED_AT);
}

gboolean
rapport_tip_validate (RapportTip  *self,
                      GError     **error)
{
  RapportTextField fields[] = {
    { NULL, N_("Title"),   FALSE },
    { NULL, N_("Address"), FALSE },
    { NULL, N_("Link"),    FALSE },
    { NULL, N_("Note"),    TRUE },
  };

  g_return_val_if_fail (RAPPORT_IS_TIP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fields[0].value = self->title;
  fields[1].value = self->address;
  fields[2].value = self->link;
  fields[3].value = self->body;

  if (rapport_text_is_blank (self->title))
    {
      g_set_error_literal (error, RAPPORT_TIP_ERROR, RAPPORT_TIP_ERROR_TITLE_REQUIRED,
                           _("Enter a title for the tip"));
      return FALSE;
    }

  if (self->assignment_id <= 0)
    {
      g_set_error_literal (error, RAPPORT_TIP_ERROR, RAPPORT_TIP_ERROR_ASSIGNMENT_REQUIRED,
                           _("Choose the assignment this tip belongs to"));
      return FALSE;
    }

  if (!rapport_text_check_fields (fields, G_N_ELEMENTS (fields), RAPPORT_TIP_ERROR,
                                  RAPPORT_TIP_ERROR_TOO_LONG, RAPPORT_TIP_ERROR_INVALID_TEXT,
                                  error))
    return FALSE;

  if (!rapport_validate_map_link (self->link))
    {
      g_set_error_literal (error, RAPPORT_TIP_ERROR, RAPPORT_TIP_ERROR_INVALID_LINK,
                           _("The map link is not valid. Use a web address starting with "
                             "https://, a geo: location such as “geo:39.74,-104.99”, or leave "
                             "it empty."));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_validate_map_link (const char *link)
{
  g_return_val_if_fail (link != NULL, FALSE);

  if (link[0] == '\0')
    return TRUE;

  /* URI schemes are case-insensitive (RFC 3986, section 3.1). */
  if (g_ascii_strncasecmp (link, "geo:", strlen ("geo:")) == 0)
    return validate_geo_uri (link);

  return validate_web_url (link);
}
