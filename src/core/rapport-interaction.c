/* rapport-interaction.c
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

#define G_LOG_DOMAIN "rapport-interaction"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rapport-interaction.h"
#include "rapport-text-private.h"

struct _RapportInteraction
{
  GObject                 parent_instance;

  gint64                  id;
  RapportInteractionKind  kind;
  gint64                  occurred_at;
  gint64                  assignment_id;
  char                   *body;
  GArray                 *colleague_ids;   /* gint64, ascending, no repeats */
  gint64                  created_at;
};

G_DEFINE_FINAL_TYPE (RapportInteraction, rapport_interaction, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-interaction-error-quark, rapport_interaction_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_OCCURRED_AT,
  PROP_ASSIGNMENT_ID,
  PROP_BODY,
  PROP_COLLEAGUE_IDS,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_int64 (RapportInteraction *self,
           gint64             *field,
           gint64              value,
           guint               prop_id)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 id_a = *(const gint64 *) a;
  gint64 id_b = *(const gint64 *) b;

  return (id_a > id_b) - (id_a < id_b);
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (copy, ids->data, ids->len);

  return copy;
}

static void
rapport_interaction_finalize (GObject *object)
{
  RapportInteraction *self = (RapportInteraction *) object;

  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->colleague_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_interaction_parent_class)->finalize (object);
}

static void
rapport_interaction_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_OCCURRED_AT:
      g_value_set_int64 (value, self->occurred_at);
      break;

    case PROP_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->assignment_id);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_COLLEAGUE_IDS:
      /* A copy, so a reader cannot break the order the object keeps. */
      g_value_take_boxed (value, copy_ids (self->colleague_ids));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_interaction_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      rapport_interaction_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_OCCURRED_AT:
      rapport_interaction_set_occurred_at (self, g_value_get_int64 (value));
      break;

    case PROP_ASSIGNMENT_ID:
      rapport_interaction_set_assignment_id (self, g_value_get_int64 (value));
      break;

    case PROP_BODY:
      rapport_interaction_set_body (self, g_value_get_string (value));
      break;

    case PROP_COLLEAGUE_IDS:
      {
        GArray *ids = g_value_get_boxed (value);

        if (ids != NULL)
          rapport_interaction_set_colleague_ids (self, (const gint64 *) (gpointer) ids->data,
                                                 ids->len);
        else
          rapport_interaction_set_colleague_ids (self, NULL, 0);
      }
      break;

    case PROP_CREATED_AT:
      rapport_interaction_set_created_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_class_init (RapportInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_interaction_finalize;
  object_class->get_property = rapport_interaction_get_property;
  object_class->set_property = rapport_interaction_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_INTERACTION_KIND, RAPPORT_INTERACTION_KIND_COFFEE, flags);
  properties[PROP_OCCURRED_AT] =
    g_param_spec_int64 ("occurred-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ASSIGNMENT_ID] =
    g_param_spec_int64 ("assignment-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, "", flags);
  properties[PROP_COLLEAGUE_IDS] =
    g_param_spec_boxed ("colleague-ids", NULL, NULL, G_TYPE_ARRAY, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_interaction_init (RapportInteraction *self)
{
  self->kind = RAPPORT_INTERACTION_KIND_COFFEE;
  self->body = g_strdup ("");
  self->colleague_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

RapportInteraction *
rapport_interaction_new (RapportInteractionKind kind,
                         gint64                 occurred_at)
{
  g_return_val_if_fail ((guint) kind < RAPPORT_N_INTERACTION_KINDS, NULL);

  return g_object_new (RAPPORT_TYPE_INTERACTION,
                       "kind", kind,
                       "occurred-at", occurred_at,
                       NULL);
}

RapportInteraction *
rapport_interaction_dup (RapportInteraction *self)
{
  RapportInteraction *copy;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  copy = g_object_new (RAPPORT_TYPE_INTERACTION, NULL);
  copy->id = self->id;
  rapport_interaction_assign (copy, self);

  return copy;
}

void
rapport_interaction_assign (RapportInteraction *self,
                            RapportInteraction *other)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  g_return_if_fail (RAPPORT_IS_INTERACTION (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  rapport_interaction_set_kind (self, other->kind);
  rapport_interaction_set_occurred_at (self, other->occurred_at);
  rapport_interaction_set_assignment_id (self, other->assignment_id);
  rapport_interaction_set_body (self, other->body);
  rapport_interaction_set_colleague_ids (self,
                                         (const gint64 *) (gpointer) other->colleague_ids->data,
                                         other->colleague_ids->len);
  rapport_interaction_set_created_at (self, other->created_at);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
rapport_interaction_get_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->id;
}

void
rapport_interaction_set_id (RapportInteraction *self,
                            gint64              id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  g_return_if_fail (id >= 0);

  set_int64 (self, &self->id, id, PROP_ID);
}

RapportInteractionKind
rapport_interaction_get_kind (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), RAPPORT_INTERACTION_KIND_OTHER);

  return self->kind;
}

void
rapport_interaction_set_kind (RapportInteraction     *self,
                              RapportInteractionKind  kind)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  g_return_if_fail ((guint) kind < RAPPORT_N_INTERACTION_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gint64
rapport_interaction_get_occurred_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->occurred_at;
}

void
rapport_interaction_set_occurred_at (RapportInteraction *self,
                                     gint64              occurred_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  set_int64 (self, &self->occurred_at, occurred_at, PROP_OCCURRED_AT);
}

gint64
rapport_interaction_get_assignment_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->assignment_id;
}

void
rapport_interaction_set_assignment_id (RapportInteraction *self,
                                       gint64              assignment_id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  g_return_if_fail (assignment_id >= 0);

  set_int64 (self, &self->assignment_id, assignment_id, PROP_ASSIGNMENT_ID);
}

const char *
rapport_interaction_get_body (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->body;
}

void
rapport_interaction_set_body (RapportInteraction *self,
                              const char         *body)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (body == NULL)
    body = "";

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

const gint64 *
rapport_interaction_get_colleague_ids (RapportInteraction *self,
                                       guint              *n_ids)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->colleague_ids->len;

  return (const gint64 *) (gpointer) self->colleague_ids->data;
}

void
rapport_interaction_set_colleague_ids (RapportInteraction *self,
                                       const gint64       *ids,
                                       guint               n_ids)
{
  g_autoptr(GArray) normalized = NULL;
  guint kept = 0;

  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  normalized = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      /* 0 and below name nobody. */
      if (ids[i] > 0)
        g_array_append_val (normalized, ids[i]);
    }

  g_array_sort (normalized, compare_ids);

  for (guint i = 0; i < normalized->len; i++)
    {
      gint64 id = g_array_index (normalized, gint64, i);

      if (kept == 0 || g_array_index (normalized, gint64, kept - 1) != id)
        g_array_index (normalized, gint64, kept++) = id;
    }
  g_array_set_size (normalized, kept);

  if (normalized->len == self->colleague_ids->len
      && (normalized->len == 0
          || memcmp (normalized->data, self->colleague_ids->data,
                     normalized->len * sizeof (gint64)) == 0))
    return;

  g_array_unref (self->colleague_ids);
  self->colleague_ids = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLEAGUE_IDS]);
}

gboolean
rapport_interaction_has_colleague (RapportInteraction *self,
                                   gint64              colleague_id)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), FALSE);

  /* An empty GArray has no data pointer, and bsearch must not be given NULL. */
  if (self->colleague_ids->len == 0)
    return FALSE;

  return bsearch (&colleague_id, self->colleague_ids->data, self->colleague_ids->len,
                  sizeof (gint64), compare_ids) != NULL;
}

gint64
rapport_interaction_get_created_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->created_at;
}

void
rapport_interaction_set_created_at (RapportInteraction *self,
                                    gint64              created_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  set_int64 (self, &self->created_at, created_at, PROP_CREATED_AT);
}

gboolean
rapport_interaction_validate (RapportInteraction  *self,
                              GError             **error)
{
  g_autoptr(GDateTime) occurred_at = NULL;
  RapportTextField fields[] = {
    { NULL, N_("Note"), TRUE },
  };

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GDateTime covers years 1 to 9999; before 1970 is no time a journal entry can be from. */
  if (self->occurred_at > 0)
    occurred_at = g_date_time_new_from_unix_utc (self->occurred_at);
  if (occurred_at == NULL)
    {
      g_set_error_literal (error, RAPPORT_INTERACTION_ERROR, RAPPORT_INTERACTION_ERROR_INVALID_TIME,
                           _("The date is not valid. Choose when it happened."));
      return FALSE;
    }

  if (self->colleague_ids->len == 0)
    {
      g_set_error_literal (error, RAPPORT_INTERACTION_ERROR,
                           RAPPORT_INTERACTION_ERROR_COLLEAGUE_REQUIRED,
                           _("Choose at least one colleague"));
      return FALSE;
    }

  if (self->colleague_ids->len > RAPPORT_MAX_INTERACTION_COLLEAGUES)
    {
      g_set_error (error, RAPPORT_INTERACTION_ERROR, RAPPORT_INTERACTION_ERROR_TOO_MANY_COLLEAGUES,
                   /* Translators: %d is the most colleagues one entry can name, such as 500 */
                   g_dngettext (GETTEXT_PACKAGE,
                                "One entry can name at most %d colleague. Remove some and try "
                                "again.",
                                "One entry can name at most %d colleagues. Remove some and try "
                                "again.",
                                RAPPORT_MAX_INTERACTION_COLLEAGUES),
                   RAPPORT_MAX_INTERACTION_COLLEAGUES);
      return FALSE;
    }

  fields[0].value = self->body;

  return rapport_text_check_fields (fields, G_N_ELEMENTS (fields), RAPPORT_INTERACTION_ERROR,
                                    RAPPORT_INTERACTION_ERROR_TOO_LONG,
                                    RAPPORT_INTERACTION_ERROR_INVALID_TEXT, error);
}
