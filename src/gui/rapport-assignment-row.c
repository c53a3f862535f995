/* rapport-assignment-row.c
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

#define G_LOG_DOMAIN "rapport-assignment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-assignment-row.h"
#include "rapport-local-time.h"

struct _RapportAssignmentRow
{
  GtkWidget          parent_instance;

  RapportAssignment *assignment;
  gulong             notify_handler;
  gint64             current_id;

  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkLabel          *current_label;
};

G_DEFINE_FINAL_TYPE (RapportAssignmentRow, rapport_assignment_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ASSIGNMENT,
  PROP_CURRENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Noon UTC, so formatting never moves the day. */
static GDateTime *
parse_date (const char *text)
{
  int year, month, day;

  if (!rapport_local_time_parse_date (text, &year, &month, &day))
    return NULL;

  return g_date_time_new_utc (year, month, day, 12, 0, 0);
}

static void
update (RapportAssignmentRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *place = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *subtitle = NULL;
  gboolean current = rapport_assignment_row_get_current (self);

  if (self->assignment != NULL)
    {
      title = rapport_assignment_dup_title (self->assignment);
      place = rapport_assignment_dup_place (self->assignment);
      dates = rapport_assignment_format_dates (self->assignment);
    }

  if (place != NULL && *place != '\0' && dates != NULL)
    /* Translators: an assignment's place and dates, e.g. "Denver, CO · 12 Jan – 3 Apr 2027" */
    subtitle = g_strdup_printf (_("%s · %s"), place, dates);
  else if (dates != NULL)
    subtitle = g_strdup (dates);
  else
    subtitle = g_strdup (place != NULL ? place : "");

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->current_label), current);

  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "accent");
}

static void
assignment_notify_cb (RapportAssignmentRow *self,
                      GParamSpec           *pspec,
                      RapportAssignment    *assignment)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "facility") || g_str_equal (name, "unit") ||
      g_str_equal (name, "city") || g_str_equal (name, "region") ||
      g_str_equal (name, "country") || g_str_equal (name, "starts-on") ||
      g_str_equal (name, "ends-on"))
    update (self);
}

static void
rapport_assignment_row_dispose (GObject *object)
{
  RapportAssignmentRow *self = RAPPORT_ASSIGNMENT_ROW (object);
  GtkWidget *child;

  rapport_assignment_row_set_assignment (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_ASSIGNMENT_ROW);
  /* The template's top box has no id, so the template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rapport_assignment_row_parent_class)->dispose (object);
}

static void
rapport_assignment_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportAssignmentRow *self = RAPPORT_ASSIGNMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ASSIGNMENT:
      g_value_set_object (value, self->assignment);
      break;

    case PROP_CURRENT_ID:
      g_value_set_int64 (value, self->current_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignment_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportAssignmentRow *self = RAPPORT_ASSIGNMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ASSIGNMENT:
      rapport_assignment_row_set_assignment (self, g_value_get_object (value));
      break;

    case PROP_CURRENT_ID:
      rapport_assignment_row_set_current_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignment_row_class_init (RapportAssignmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_assignment_row_dispose;
  object_class->get_property = rapport_assignment_row_get_property;
  object_class->set_property = rapport_assignment_row_set_property;

  properties[PROP_ASSIGNMENT] =
    g_param_spec_object ("assignment", NULL, NULL,
                         RAPPORT_TYPE_ASSIGNMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENT_ID] =
    g_param_spec_int64 ("current-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-assignment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentRow, current_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_assignment_row_init (RapportAssignmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
rapport_assignment_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_ASSIGNMENT_ROW, NULL);
}

RapportAssignment *
rapport_assignment_row_get_assignment (RapportAssignmentRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT_ROW (self), NULL);

  return self->assignment;
}

void
rapport_assignment_row_set_assignment (RapportAssignmentRow *self,
                                       RapportAssignment    *assignment)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT_ROW (self));
  g_return_if_fail (assignment == NULL || RAPPORT_IS_ASSIGNMENT (assignment));

  if (self->assignment == assignment)
    return;

  if (self->assignment != NULL)
    g_clear_signal_handler (&self->notify_handler, self->assignment);

  g_set_object (&self->assignment, assignment);

  if (assignment != NULL)
    self->notify_handler = g_signal_connect_object (assignment, "notify",
                                                    G_CALLBACK (assignment_notify_cb),
                                                    self, G_CONNECT_SWAPPED);

  if (self->title_label != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNMENT]);
}

gint64
rapport_assignment_row_get_current_id (RapportAssignmentRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT_ROW (self), 0);

  return self->current_id;
}

void
rapport_assignment_row_set_current_id (RapportAssignmentRow *self,
                                       gint64                current_id)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT_ROW (self));

  if (self->current_id == current_id)
    return;

  self->current_id = current_id;

  if (self->title_label != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ID]);
}

gboolean
rapport_assignment_row_get_current (RapportAssignmentRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT_ROW (self), FALSE);

  return self->assignment != NULL && self->current_id != 0 &&
         rapport_assignment_get_id (self->assignment) == self->current_id;
}

char *
rapport_assignment_format_dates (RapportAssignment *assignment)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (assignment), NULL);

  starts = parse_date (rapport_assignment_get_starts_on (assignment));
  ends = parse_date (rapport_assignment_get_ends_on (assignment));

  if (starts != NULL && ends != NULL)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (g_date_time_get_year (starts) == g_date_time_get_year (ends))
        /* Translators: the first day of a range within one year, see strftime(3), e.g. "12 Jan" */
        first = g_date_time_format (starts, _("%-d %b"));
      else
        /* Translators: a date with its year, see strftime(3), e.g. "12 Jan 2027" */
        first = g_date_time_format (starts, _("%-d %b %Y"));
      last = g_date_time_format (ends, _("%-d %b %Y"));

      /* Translators: a range of dates, e.g. "12 Jan – 3 Apr 2027" */
      return g_strdup_printf (_("%s – %s"), first, last);
    }

  if (starts != NULL)
    {
      g_autofree char *date = g_date_time_format (starts, _("%-d %b %Y"));

      /* Translators: an assignment without an end date, e.g. "From 12 Jan 2027" */
      return g_strdup_printf (_("From %s"), date);
    }

  if (ends != NULL)
    {
      g_autofree char *date = g_date_time_format (ends, _("%-d %b %Y"));

      /* Translators: an assignment without a start date, e.g. "Until 3 Apr 2027" */
      return g_strdup_printf (_("Until %s"), date);
    }

  return NULL;
}
