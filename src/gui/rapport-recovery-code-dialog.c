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

  GtkLabel         *code_label;
  GtkButton        *copy_button;
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

static void
copy_clicked_cb (RapportRecoveryCodeDialog *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  gdk_clipboard_set_text (clipboard, self->code);
  gtk_button_set_label (self->copy_button, _("Copied"));
  use_accessible_label_only (self->copy_button);
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

  /* It unlocks the journal: do not leave it behind in freed memory. */
  if (self->code != NULL)
    memset (self->code, 0, strlen (self->code));
  g_clear_pointer (&self->code, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, RapportRecoveryCodeDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, RapportRecoveryCodeDialog, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
rapport_recovery_code_dialog_init (RapportRecoveryCodeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  use_accessible_label_only (self->copy_button);
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
  gtk_label_set_text (self->code_label, code);
  /* Setting the text renames a label for assistive technology; keep the name the code is known by. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recovery Code"),
                                  -1);

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
