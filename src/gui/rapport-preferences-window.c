/* rapport-preferences-window.c
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

#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-preferences-window.h"
#include "rapport-recovery-code-dialog.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RapportProfile       *profile;
  GSettings            *settings;

  GtkSwitch            *show_archived_switch;
  GtkButton            *show_code_button;
  GtkLabel             *path_label;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
confirm_response_cb (RapportPreferencesWindow *self,
                     const char               *response,
                     AdwMessageDialog         *confirm)
{
  g_autofree char *code = NULL;
  GtkWidget *dialog;

  if (g_strcmp0 (response, "show") != 0)
    return;

  if (self->profile != NULL)
    code = rapport_profile_dup_recovery_code (self->profile);

  if (code == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The recovery code can be shown once "
                                                         "your journal is open")));
      return;
    }

  dialog = rapport_recovery_code_dialog_new (GTK_WINDOW (self), code, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_code_clicked_cb (RapportPreferencesWindow *self)
{
  GtkWidget *confirm;

  confirm = adw_message_dialog_new (GTK_WINDOW (self),
                                    _("Show Your Recovery Code?"),
                                    _("Make sure nobody else can see your screen."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "cancel", _("Cancel"),
                                    "show", _("Show"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "show",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  g_signal_connect_object (confirm, "response", G_CALLBACK (confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (confirm));
}

static void
rapport_preferences_window_constructed (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->constructed (object);

  if (self->profile != NULL)
    gtk_label_set_text (self->path_label, rapport_profile_get_database_path (self->profile));

  gtk_widget_set_sensitive (GTK_WIDGET (self->show_code_button), self->profile != NULL);
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_preferences_window_constructed;
  object_class->dispose = rapport_preferences_window_dispose;
  object_class->get_property = rapport_preferences_window_get_property;
  object_class->set_property = rapport_preferences_window_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         RAPPORT_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow,
                                        show_archived_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, show_code_button);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, path_label);
  gtk_widget_class_bind_template_callback (widget_class, show_code_clicked_cb);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Named "Show Recovery Code" by its accessible label alone, not also "Show…" (GtkButton
   * adds its label as a second name). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->show_code_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "show-archived",
                   self->show_archived_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
rapport_preferences_window_new (GtkWindow      *parent,
                                RapportProfile *profile)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (profile == NULL || RAPPORT_IS_PROFILE (profile), NULL);

  return g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "profile", profile,
                       NULL);
}

RapportProfile *
rapport_preferences_window_get_profile (RapportPreferencesWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->profile;
}
