/* rapport-tip-row.c
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

#define G_LOG_DOMAIN "rapport-tip-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-tip-row.h"

/* How much of the note the row shows, in characters. */
#define EXCERPT_LENGTH 80

struct _RapportTipRow
{
  AdwActionRow    parent_instance;

  RapportStore   *store;
  RapportTip     *tip;
  gulong          notify_handler;

  GtkImage       *icon;
  GtkCheckButton *tried_check;
  GtkButton      *map_button;
  GtkButton      *delete_button;
};

G_DEFINE_FINAL_TYPE (RapportTipRow, rapport_tip_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TIP,
  N_PROPS
};

enum {
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The note's first line, cut at a word when it is long. */
static char *
dup_excerpt (const char *body)
{
  g_autofree char *line = NULL;
  const char *newline;
  glong length;

  if (body == NULL || *body == '\0')
    return NULL;

  newline = strchr (body, '\n');
  line = newline != NULL ? g_strndup (body, newline - body) : g_strdup (body);
  g_strstrip (line);
  length = g_utf8_strlen (line, -1);

  if (length > EXCERPT_LENGTH)
    {
      char *cut = g_utf8_offset_to_pointer (line, EXCERPT_LENGTH);
      char *space;

      *cut = '\0';
      space = strrchr (line, ' ');
      if (space != NULL && space > line + EXCERPT_LENGTH / 2)
        *space = '\0';

      return g_strconcat (line, "…", NULL);
    }

  if (newline != NULL)
    return g_strconcat (line, "…", NULL);

  return g_steal_pointer (&line);
}

static void
update (RapportTipRow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *tried_label = NULL;
  g_autofree char *delete_label = NULL;
  char *excerpt;
  RapportTipCategory category;
  const char *title;
  const char *address;
  gint64 recommended_by;

  if (self->tip == NULL)
    return;

  title = rapport_tip_get_title (self->tip);
  category = rapport_tip_get_category (self->tip);
  address = rapport_tip_get_address (self->tip);
  recommended_by = rapport_tip_get_recommended_by (self->tip);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_image_set_from_icon_name (self->icon, rapport_tip_category_to_icon_name (category));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rapport_tip_category_to_label (category),
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->icon), rapport_tip_category_to_label (category));

  excerpt = dup_excerpt (rapport_tip_get_body (self->tip));
  if (excerpt != NULL)
    g_ptr_array_add (parts, excerpt);
  if (*address != '\0')
    g_ptr_array_add (parts, g_strdup (address));
  if (recommended_by != 0 && self->store != NULL)
    {
      RapportColleague *colleague = rapport_store_find_colleague (self->store, recommended_by);

      if (colleague != NULL)
        /* Translators: %s is a colleague's name */
        g_ptr_array_add (parts, g_strdup_printf (_("Recommended by %s"),
                                                 rapport_colleague_get_name (colleague)));
    }
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv ("\n", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (gtk_check_button_get_active (self->tried_check) != rapport_tip_get_tried (self->tip))
    gtk_check_button_set_active (self->tried_check, rapport_tip_get_tried (self->tip));

  /* Translators: the accessible name of a tip's "Tried" check, %s is the tip's title */
  tried_label = g_strdup_printf (_("Tried %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tried_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tried_label,
                                  -1);

  /* Translators: the accessible name of a tip's delete button, %s is the tip's title */
  delete_label = g_strdup_printf (_("Delete %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);

  gtk_widget_set_visible (GTK_WIDGET (self->map_button), *rapport_tip_get_link (self->tip) != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                  -1);
}

static void
tip_notify_cb (RapportTipRow *self)
{
  update (self);
}

static void
tried_toggled_cb (RapportTipRow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_check_button_get_active (self->tried_check);

  if (self->tip == NULL || self->store == NULL || active == rapport_tip_get_tried (self->tip))
    return;

  if (!rapport_store_set_tip_tried (self->store, rapport_tip_get_id (self->tip), active, &error))
    {
      g_warning ("Could not mark the tip: %s", error->message);
      gtk_check_button_set_active (self->tried_check, rapport_tip_get_tried (self->tip));
    }
}

static void
map_clicked_cb (RapportTipRow *self)
{
  GtkRoot *root;

  if (self->tip == NULL || *rapport_tip_get_link (self->tip) == '\0')
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                rapport_tip_get_link (self->tip), GDK_CURRENT_TIME);
}

static void
delete_clicked_cb (RapportTipRow *self)
{
  if (self->tip != NULL)
    g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static void
rapport_tip_row_constructed (GObject *object)
{
  RapportTipRow *self = RAPPORT_TIP_ROW (object);

  G_OBJECT_CLASS (rapport_tip_row_parent_class)->constructed (object);

  if (self->tip != NULL)
    self->notify_handler = g_signal_connect_object (self->tip, "notify",
                                                    G_CALLBACK (tip_notify_cb),
                                                    self, G_CONNECT_SWAPPED);
  update (self);
}

static void
rapport_tip_row_dispose (GObject *object)
{
  RapportTipRow *self = RAPPORT_TIP_ROW (object);

  if (self->tip != NULL)
    g_clear_signal_handler (&self->notify_handler, self->tip);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TIP_ROW);

  g_clear_object (&self->tip);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_tip_row_parent_class)->dispose (object);
}

static void
rapport_tip_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RapportTipRow *self = RAPPORT_TIP_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TIP:
      g_value_set_object (value, self->tip);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tip_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RapportTipRow *self = RAPPORT_TIP_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_TIP:
      self->tip = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tip_row_class_init (RapportTipRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_tip_row_constructed;
  object_class->dispose = rapport_tip_row_dispose;
  object_class->get_property = rapport_tip_row_get_property;
  object_class->set_property = rapport_tip_row_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIP] =
    g_param_spec_object ("tip", NULL, NULL,
                         RAPPORT_TYPE_TIP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rapport-tip-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTipRow, icon);
  gtk_widget_class_bind_template_child (widget_class, RapportTipRow, tried_check);
  gtk_widget_class_bind_template_child (widget_class, RapportTipRow, map_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTipRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, tried_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
rapport_tip_row_init (RapportTipRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_tip_row_new (RapportStore *store,
                     RapportTip   *tip)
{
  g_return_val_if_fail (store == NULL || RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_TIP (tip), NULL);

  return g_object_new (RAPPORT_TYPE_TIP_ROW,
                       "store", store,
                       "tip", tip,
                       NULL);
}

RapportTip *
rapport_tip_row_get_tip (RapportTipRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP_ROW (self), NULL);

  return self->tip;
}

RapportStore *
rapport_tip_row_get_store (RapportTipRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIP_ROW (self), NULL);

  return self->store;
}
