/* rapport-colleague-row.c
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

#define G_LOG_DOMAIN "rapport-colleague-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-colleague-row.h"

struct _RapportColleagueRow
{
  GtkWidget         parent_instance;

  RapportColleague *colleague;
  gulong            notify_handler;

  AdwAvatar        *avatar;
  GtkLabel         *name_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *archived_label;
};

G_DEFINE_FINAL_TYPE (RapportColleagueRow, rapport_colleague_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLLEAGUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (RapportColleagueRow *self)
{
  const char *name = "";
  const char *role = "";
  const char *organization = "";
  g_autofree char *subtitle = NULL;
  gboolean archived = FALSE;

  if (self->colleague != NULL)
    {
      name = rapport_colleague_get_name (self->colleague);
      role = rapport_colleague_get_role (self->colleague);
      organization = rapport_colleague_get_organization (self->colleague);
      archived = rapport_colleague_get_archived (self->colleague);
    }

  if (*role != '\0' && *organization != '\0')
    /* Translators: a colleague's role and organization, e.g. "RN · Mercy Hospital" */
    subtitle = g_strdup_printf (_("%s · %s"), role, organization);
  else
    subtitle = g_strdup (*role != '\0' ? role : organization);

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->archived_label), archived);
}

static void
colleague_notify_cb (RapportColleagueRow *self,
                     GParamSpec          *pspec,
                     RapportColleague    *colleague)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name") || g_str_equal (name, "role") ||
      g_str_equal (name, "organization") || g_str_equal (name, "archived"))
    update (self);
}

static void
rapport_colleague_row_dispose (GObject *object)
{
  RapportColleagueRow *self = RAPPORT_COLLEAGUE_ROW (object);
  GtkWidget *child;

  rapport_colleague_row_set_colleague (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_COLLEAGUE_ROW);
  /* The template's top box has no id, so the template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rapport_colleague_row_parent_class)->dispose (object);
}

static void
rapport_colleague_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportColleagueRow *self = RAPPORT_COLLEAGUE_ROW (object);

  switch (prop_id)
    {
    case PROP_COLLEAGUE:
      g_value_set_object (value, self->colleague);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportColleagueRow *self = RAPPORT_COLLEAGUE_ROW (object);

  switch (prop_id)
    {
    case PROP_COLLEAGUE:
      rapport_colleague_row_set_colleague (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_row_class_init (RapportColleagueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_colleague_row_dispose;
  object_class->get_property = rapport_colleague_row_get_property;
  object_class->set_property = rapport_colleague_row_set_property;

  properties[PROP_COLLEAGUE] =
    g_param_spec_object ("colleague", NULL, NULL,
                         RAPPORT_TYPE_COLLEAGUE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-colleague-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueRow, archived_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_colleague_row_init (RapportColleagueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
rapport_colleague_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_COLLEAGUE_ROW, NULL);
}

RapportColleague *
rapport_colleague_row_get_colleague (RapportColleagueRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE_ROW (self), NULL);

  return self->colleague;
}

void
rapport_colleague_row_set_colleague (RapportColleagueRow *self,
                                     RapportColleague    *colleague)
{
  g_return_if_fail (RAPPORT_IS_COLLEAGUE_ROW (self));
  g_return_if_fail (colleague == NULL || RAPPORT_IS_COLLEAGUE (colleague));

  if (self->colleague == colleague)
    return;

  if (self->colleague != NULL)
    g_clear_signal_handler (&self->notify_handler, self->colleague);

  g_set_object (&self->colleague, colleague);

  if (colleague != NULL)
    self->notify_handler = g_signal_connect_object (colleague, "notify",
                                                    G_CALLBACK (colleague_notify_cb),
                                                    self, G_CONNECT_SWAPPED);

  if (self->avatar != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLEAGUE]);
}
