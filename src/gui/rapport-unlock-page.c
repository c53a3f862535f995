/* rapport-unlock-page.c
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

#define G_LOG_DOMAIN "rapport-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-unlock-page.h"

struct _RapportUnlockPage
{
  AdwBin          parent_instance;

  RapportProfile *profile;
  GCancellable   *cancellable;

  AdwStatusPage  *status_page;
  GtkButton      *retry_button;
  GtkButton      *use_code_button;
  GtkRevealer    *code_revealer;
  GtkEntry       *code_entry;
  GtkLabel       *error_label;
  GtkButton      *unlock_button;
};

G_DEFINE_FINAL_TYPE (RapportUnlockPage, rapport_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A pill's label wraps rather than widen the window past a phone's width (large text, long
 * translations): the window's stack asks for the widest of its pages, this one too while it is
 * hidden. */
static void
wrap_button_label (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }
}

static void
set_busy (RapportUnlockPage *self,
          gboolean           busy)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !busy && *code != '\0');
}

static void
show_code_error (RapportUnlockPage *self,
                 const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_entry), "error");
}

static void
retry_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportUnlockPage) self = user_data;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rapport_profile_open_finish (RAPPORT_PROFILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (store == NULL)
    {
      rapport_unlock_page_set_reason (self, error);
      return;
    }

  g_signal_emit (self, signals[UNLOCKED], 0, store, NULL);
}

static void
retry_clicked_cb (RapportUnlockPage *self)
{
  g_return_if_fail (self->profile != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  rapport_profile_open_async (self->profile, self->cancellable, retry_cb, g_object_ref (self));
}

static void
use_code_clicked_cb (RapportUnlockPage *self)
{
  gtk_revealer_set_reveal_child (self->code_revealer, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->use_code_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
code_changed_cb (RapportUnlockPage *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));

  show_code_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), *code != '\0');
}

static void
unlock_cb (RapportUnlockPage *self)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  const char *code;

  g_return_if_fail (self->profile != NULL);

  code = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  if (*code == '\0')
    return;

  store = rapport_profile_unlock_with_recovery_code (self->profile, code, &keyring_error, &error);
  if (store == NULL)
    {
      show_code_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }

  /* The code is a key to the journal: do not leave it in the entry. */
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  show_code_error (self, NULL);

  g_signal_emit (self, signals[UNLOCKED], 0, store,
                 keyring_error != NULL ? keyring_error->message : NULL);
}

static void
rapport_unlock_page_dispose (GObject *object)
{
  RapportUnlockPage *self = RAPPORT_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->profile);

  /* The template's only direct child is the bin's child, which AdwBin unparents itself. */

  G_OBJECT_CLASS (rapport_unlock_page_parent_class)->dispose (object);
}

static void
rapport_unlock_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportUnlockPage *self = RAPPORT_UNLOCK_PAGE (object);

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
rapport_unlock_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportUnlockPage *self = RAPPORT_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      rapport_unlock_page_set_profile (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_unlock_page_class_init (RapportUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_unlock_page_dispose;
  object_class->get_property = rapport_unlock_page_get_property;
  object_class->set_property = rapport_unlock_page_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         RAPPORT_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The store is open; keyring_warning says why the key could not be stored again, or NULL. */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, RAPPORT_TYPE_STORE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, use_code_button);
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, code_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportUnlockPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_code_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
}

static void
rapport_unlock_page_init (RapportUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wrap_button_label (self->retry_button);
  wrap_button_label (self->use_code_button);
  wrap_button_label (self->unlock_button);
  rapport_unlock_page_set_reason (self, NULL);
}

GtkWidget *
rapport_unlock_page_new (RapportProfile *profile)
{
  g_return_val_if_fail (profile == NULL || RAPPORT_IS_PROFILE (profile), NULL);

  return g_object_new (RAPPORT_TYPE_UNLOCK_PAGE,
                       "profile", profile,
                       NULL);
}

RapportProfile *
rapport_unlock_page_get_profile (RapportUnlockPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_UNLOCK_PAGE (self), NULL);

  return self->profile;
}

void
rapport_unlock_page_set_profile (RapportUnlockPage *self,
                                 RapportProfile    *profile)
{
  g_return_if_fail (RAPPORT_IS_UNLOCK_PAGE (self));
  g_return_if_fail (profile == NULL || RAPPORT_IS_PROFILE (profile));

  if (g_set_object (&self->profile, profile))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

void
rapport_unlock_page_set_reason (RapportUnlockPage *self,
                                const GError      *reason)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  const char *why;

  g_return_if_fail (RAPPORT_IS_UNLOCK_PAGE (self));

  if (reason != NULL)
    why = reason->message;
  else
    why = _("The key to your journal could not be read from the keyring.");

  text = g_strdup_printf ("%s\n\n%s", why, _("Your journal and its file are untouched."));
  /* The status page reads its description as markup. */
  markup = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->status_page, markup);
}
