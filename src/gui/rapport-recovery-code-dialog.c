/* rapport-recovery-code-dialog.c
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

#define G_LOG_DOMAIN "rapport-recovery-code-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-recovery-code-dialog.h"

struct _RapportRecoveryCodeDialog
{
  AdwMessageDialog  parent_instance;

  char             *code;
};

G_DEFINE_FINAL_TYPE (RapportRecoveryCodeDialog, rapport_recovery_code_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

/* GtkButton names itself after its label as well as the accessible label, so screen readers
 * would hear "Copy Recovery Code Copy"; keep only the accessible label. */
static void
use_accessible_label_only (GtkButton *button)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* It unlocks the journal: do not leave it behind in freed memory. */
static void
wipe_code (gpointer data)
{
  char *code = data;

  if (code != NULL)
    memset (code, 0, strlen (code));
  g_free (code);
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (button));

  gdk_clipboard_set_text (clipboard, g_object_get_data (G_OBJECT (button), "rapport-code"));
  gtk_button_set_label (button, _("Copied"));
  use_accessible_label_only (button);
}

static void
rapport_recovery_code_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_RECOVERY_CODE_DIALOG);

  G_OBJECT_CLASS (rapport_recovery_code_dialog_parent_class)->dispose (object);
}

static void
rapport_recovery_code_dialog_finalize (GObject *object)
{
  RapportRecoveryCodeDialog *self = RAPPORT_RECOVERY_CODE_DIALOG (object);

  g_clear_pointer (&self->code, wipe_code);

  G_OBJECT_CLASS (rapport_recovery_code_dialog_parent_class)->finalize (object);
}

static void
rapport_recovery_code_dialog_class_init (RapportRecoveryCodeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_recovery_code_dialog_dispose;
  object_class->finalize = rapport_recovery_code_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-recovery-code-dialog.ui");
}

static void
rapport_recovery_code_dialog_init (RapportRecoveryCodeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_recovery_code_dialog_new (GtkWindow  *parent,
                                  const char *code,
                                  gboolean    first_run)
{
  RapportRecoveryCodeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_RECOVERY_CODE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->code = g_strdup (code);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self),
                                      rapport_recovery_code_dialog_new_code_box (code));

  if (first_run)
    adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Save Your Recovery Code"));

  return GTK_WIDGET (self);
}

const char *
rapport_recovery_code_dialog_get_code (RapportRecoveryCodeDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECOVERY_CODE_DIALOG (self), NULL);

  return self->code;
}

/* The code as the dialog shows it: large, selectable, named for assistive technology, with a
 * button that copies it. The box keeps its own copy of the code, wiped when it goes. */
GtkWidget *
rapport_recovery_code_dialog_new_code_box (const char *code)
{
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *button;

  g_return_val_if_fail (code != NULL, NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  label = gtk_label_new (code);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "recovery-code");
  /* A label is named after its text; the code is known by what it is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recovery Code"),
                                  -1);
  gtk_box_append (GTK_BOX (box), label);

  button = gtk_button_new_with_label (_("Copy"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Recovery Code"),
                                  -1);
  use_accessible_label_only (GTK_BUTTON (button));
  g_object_set_data_full (G_OBJECT (button), "rapport-code", g_strdup (code), wipe_code);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}
