/* rapport-welcome-dialog.c
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


#define G_LOG_DOMAIN "rapport-welcome-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-recovery-code-dialog.h"
#include "rapport-welcome-dialog.h"

struct _RapportWelcomeDialog
{
  AdwWindow      parent_instance;

  GtkButton     *back_button;
  GtkStack      *stack;
  AdwStatusPage *intro_page;
  GtkButton     *continue_button;
  GtkBox        *code_holder;
  GtkButton     *confirm_button;
  GtkButton     *start_button;

  guint          confirmed : 1;
};

G_DEFINE_FINAL_TYPE (RapportWelcomeDialog, rapport_welcome_dialog, ADW_TYPE_WINDOW)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A pill's label wraps rather than widen the dialog past a phone's width (large text, long
 * translations): the stack asks for the widest of its pages. */
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
show_page (RapportWelcomeDialog *self,
           const char           *name)
{
  /* Otherwise the stack hands the focus to the new page's first focusable widget, and the
   * recovery code label, given the focus that way, selects all of itself. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->stack, name);
}

/* Each page has one suggested action: Enter activates it, and it has the focus, so a person on
 * the keyboard only ever presses Enter to go on. */
static GtkButton *
get_page_action (RapportWelcomeDialog *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (name, "code") == 0)
    return self->confirm_button;
  else if (g_strcmp0 (name, "start") == 0)
    return self->start_button;
  else
    return self->continue_button;
}

static void
page_changed_cb (RapportWelcomeDialog *self,
                 GParamSpec           *pspec,
                 GtkStack             *stack)
{
  GtkWidget *action = GTK_WIDGET (get_page_action (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          action != GTK_WIDGET (self->continue_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), action);
  gtk_widget_grab_focus (action);
}

static void
back_clicked_cb (RapportWelcomeDialog *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    show_page (self, "code");
  else
    show_page (self, "intro");
}

static void
continue_clicked_cb (RapportWelcomeDialog *self)
{
  show_page (self, "code");
}

static void
confirm_clicked_cb (RapportWelcomeDialog *self)
{
  self->confirmed = TRUE;
  show_page (self, "start");
}

static void
start_clicked_cb (RapportWelcomeDialog *self)
{
  g_autoptr(GtkWindow) parent = NULL;

  if (gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    parent = g_object_ref (gtk_window_get_transient_for (GTK_WINDOW (self)));

  /* Gone first, so the editor opens over the window and gets the focus. */
  gtk_window_destroy (GTK_WINDOW (self));

  if (parent != NULL && !gtk_widget_activate_action (GTK_WIDGET (parent), "win.add-assignment",
                                                     NULL))
    g_warning ("The window has no win.add-assignment action to start the first assignment");
}

/* Skip, Escape or the window manager: on to the window, reminded where the code is if it was
 * not confirmed. */
static gboolean
rapport_welcome_dialog_close_request (GtkWindow *window)
{
  RapportWelcomeDialog *self = RAPPORT_WELCOME_DIALOG (window);

  if (!self->confirmed)
    {
      /* The receiver takes a reference of its own. */
      g_autoptr(AdwToast) toast = adw_toast_new (_("Your recovery code is in Preferences "
                                                   "whenever you need it"));

      g_signal_emit (self, signals[ADD_TOAST], 0, toast);
    }

  return GTK_WINDOW_CLASS (rapport_welcome_dialog_parent_class)->close_request (window);
}

static void
rapport_welcome_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_WELCOME_DIALOG);

  G_OBJECT_CLASS (rapport_welcome_dialog_parent_class)->dispose (object);
}

static void
rapport_welcome_dialog_class_init (RapportWelcomeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_welcome_dialog_dispose;

  window_class->close_request = rapport_welcome_dialog_close_request;

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /* Escape skips, as the Skip button does. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-welcome-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, intro_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, code_holder);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomeDialog, start_button);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
}

static void
rapport_welcome_dialog_init (RapportWelcomeDialog *self)
{
  GtkIconTheme *icon_theme;

  gtk_widget_init_template (GTK_WIDGET (self));

  wrap_button_label (self->continue_button);
  wrap_button_label (self->confirm_button);
  wrap_button_label (self->start_button);

  /* The app's own icon once installed; the template's stock one when run from the build. */
  icon_theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  if (gtk_icon_theme_has_icon (icon_theme, APPLICATION_ID))
    adw_status_page_set_icon_name (self->intro_page, APPLICATION_ID);

  page_changed_cb (self, NULL, self->stack);
}

gboolean
rapport_welcome_dialog_is_wanted (RapportProfile *profile,
                                  gboolean        journal_created)
{
  g_return_val_if_fail (RAPPORT_IS_PROFILE (profile), FALSE);

  return journal_created && !rapport_profile_is_demo (profile);
}

RapportWelcomeDialog *
rapport_welcome_dialog_new (GtkWindow  *parent,
                            const char *code)
{
  RapportWelcomeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_WELCOME_DIALOG,
                       "transient-for", parent,
                       NULL);
  gtk_box_append (self->code_holder, rapport_recovery_code_dialog_new_code_box (code));

  return self;
}
