/* rapport-search-result.c
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

#define G_LOG_DOMAIN "rapport-search-result"

#include "config.h"

#include "rapport-search-result.h"

struct _RapportSearchResult
{
  GObject          parent_instance;

  RapportItemKind  kind;
  gint64           id;
  char            *title;
  char            *subtitle;
};

G_DEFINE_FINAL_TYPE (RapportSearchResult, rapport_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_search_result_finalize (GObject *object)
{
  RapportSearchResult *self = (RapportSearchResult *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (rapport_search_result_parent_class)->finalize (object);
}

static void
rapport_search_result_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportSearchResult *self = RAPPORT_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_search_result_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportSearchResult *self = RAPPORT_SEARCH_RESULT (object);

  /* Construct-only: each property is set exactly once. */
  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_TITLE:
      self->title = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
      break;

    case PROP_SUBTITLE:
      self->subtitle = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_search_result_class_init (RapportSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_search_result_finalize;
  object_class->get_property = rapport_search_result_get_property;
  object_class->set_property = rapport_search_result_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_ITEM_KIND, RAPPORT_ITEM_KIND_COLLEAGUE, flags);
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_search_result_init (RapportSearchResult *self)
{
  self->kind = RAPPORT_ITEM_KIND_COLLEAGUE;
}

RapportSearchResult *
rapport_search_result_new (RapportItemKind  kind,
                           gint64           id,
                           const char      *title,
                           const char      *subtitle)
{
  g_return_val_if_fail (kind >= RAPPORT_ITEM_KIND_COLLEAGUE && kind <= RAPPORT_ITEM_KIND_REMINDER,
                        NULL);
  g_return_val_if_fail (id >= 0, NULL);

  return g_object_new (RAPPORT_TYPE_SEARCH_RESULT,
                       "kind", kind,
                       "id", id,
                       "title", title,
                       "subtitle", subtitle,
                       NULL);
}

RapportItemKind
rapport_search_result_get_kind (RapportSearchResult *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_RESULT (self), RAPPORT_ITEM_KIND_COLLEAGUE);

  return self->kind;
}

gint64
rapport_search_result_get_id (RapportSearchResult *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_RESULT (self), 0);

  return self->id;
}

const char *
rapport_search_result_get_title (RapportSearchResult *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_RESULT (self), NULL);

  return self->title;
}

const char *
rapport_search_result_get_subtitle (RapportSearchResult *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_RESULT (self), NULL);

  return self->subtitle;
}
