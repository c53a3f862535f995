/* rapport-backup-dialog.c
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

#define G_LOG_DOMAIN "rapport-backup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backup-dialog.h"
#include "rapport-database.h"
#include "rapport-profile.h"

#define BACKUP_EXTENSION ".rapport-backup"

struct _RapportBackupDialog
{
  AdwWindow                parent_instance;

  RapportApplication      *application;
  RapportBackupDialogMode  mode;
  GFile                   *file;
  GtkFileChooserNative    *chooser;
  GCancellable            *cancellable;

  /* The file came from set_file, not from a file dialog: use it without asking. */
  guint                    file_given : 1;
  guint                    asked_to_replace : 1;
  guint                    busy : 1;
  guint                    close_when_done : 1;

  GtkButton               *cancel_button;
  GtkButton               *action_button;
  GtkStack                *stack;
  AdwPreferencesGroup     *file_group;
  AdwActionRow            *file_row;
  GtkButton               *choose_button;
  AdwPreferencesGroup     *passphrase_group;
  AdwPasswordEntryRow     *passphrase_row;
  AdwPasswordEntryRow     *confirm_row;
  GtkLabel                *hint_label;
  GtkLabel                *error_label;
  GtkSpinner              *spinner;
  GtkLabel                *progress_label;
};

G_DEFINE_FINAL_TYPE (RapportBackupDialog, rapport_backup_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
get_passphrase (RapportBackupDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
}

/* Why the action cannot run yet, or NULL when it can. */
static char *
dup_blocker (RapportBackupDialog *self)
{
  const char *passphrase = get_passphrase (self);
  const char *confirmation = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  char *reason;

  if (self->mode == RAPPORT_BACKUP_DIALOG_RESTORE)
    {
      if (self->file == NULL)
        return g_strdup (_("Choose the backup file to restore."));
      if (passphrase[0] == '\0')
        return g_strdup (_("Type the passphrase you chose when you made the backup."));
      return NULL;
    }

  reason = rapport_profile_check_passphrase (passphrase);
  if (reason != NULL)
    return reason;

  if (confirmation[0] == '\0')
    return g_strdup (_("Type the passphrase again to confirm it."));

  if (g_strcmp0 (passphrase, confirmation) != 0)
    return g_strdup (_("The two passphrases are not the same."));

  return NULL;
}

static void
update_action (RapportBackupDialog *self)
{
  g_autofree char *blocker = dup_blocker (self);
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->passphrase_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->action_button), blocker == NULL && !self->busy);
  gtk_label_set_text (self->hint_label, blocker != NULL ? blocker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), blocker != NULL);

  /* Screen readers hear why the button is not available yet along with the field. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  blocker != NULL ? blocker : "",
                                  -1);
}

static void
show_error (RapportBackupDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (RapportBackupDialog *self,
          gboolean             busy)
{
  self->busy = busy;

  gtk_stack_set_visible_child_name (self->stack, busy ? "progress" : "passphrase");
  gtk_spinner_set_spinning (self->spinner, busy);
  update_action (self);

  if (!busy)
    g_clear_object (&self->cancellable);
}

static void
set_file (RapportBackupDialog *self,
          GFile               *file)
{
  g_autofree char *name = NULL;

  g_set_object (&self->file, file);

  if (file != NULL)
    name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, name != NULL ? name : _("None chosen"));

  update_action (self);
}

static char *
dup_suggested_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the suggested name of a backup file; %s is today's date, YYYY-MM-DD. */
  return g_strdup_printf (_("Rapport Backup %s"), date);
}

/* The window went away while the work ran (its parent closed): nothing left to show. */
static gboolean
is_gone (RapportBackupDialog *self)
{
  return self->stack == NULL;
}

static void
finish (RapportBackupDialog *self,
        const char          *toast_title)
{
  if (is_gone (self))
    return;

  if (toast_title != NULL)
    {
      /* The receiver takes a reference of its own. */
      g_autoptr(AdwToast) toast = adw_toast_new (toast_title);

      g_signal_emit (self, signals[ADD_TOAST], 0, toast);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fail (RapportBackupDialog *self,
      const GError        *error)
{
  if (is_gone (self))
    return;

  set_busy (self, FALSE);

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_error (self, NULL);
      return;
    }

  show_error (self, error->message);

  /* The passphrase is what to look at again: ready to be typed over. */
  if (g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_WRONG_PASSPHRASE))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
    }

  /* A file picked in the dialog is picked again next time: this one may be where it failed. */
  if (self->mode == RAPPORT_BACKUP_DIALOG_BACK_UP && !self->file_given)
    set_file (self, NULL);
}

/* The eye button that shows the passphrase: libadwaita 1.2 names it after its icon's type
 * ("GtkImage"). It is the button holding a "view-reveal" or "view-conceal" icon. */
static void
label_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *icon = gtk_widget_get_first_child (child);
      const char *icon_name = GTK_IS_IMAGE (icon) ? gtk_image_get_icon_name (GTK_IMAGE (icon))
                                                   : NULL;

      if (GTK_IS_BUTTON (child) && icon_name != NULL && g_str_has_prefix (icon_name, "view-"))
        {
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Show or Hide Passphrase"),
                                          -1);
        }
      else
        {
          label_peek_button (child);
        }
    }
}

static void
back_up_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (!rapport_application_back_up_finish (RAPPORT_APPLICATION (object), result, &error))
    {
      fail (self, error);
      return;
    }

  name = g_file_get_basename (self->file);
  /* Translators: %s is the name of the backup file. */
  title = g_strdup_printf (_("Journal backed up to “%s”"), name);
  finish (self, title);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (!rapport_application_restore_finish (RAPPORT_APPLICATION (object), result, &error))
    {
      fail (self, error);
      return;
    }

  name = g_file_get_basename (self->file);
  /* Translators: %s is the name of the backup file. */
  title = g_strdup_printf (_("Journal restored from “%s”"), name);
  finish (self, title);
}

static void
start (RapportBackupDialog *self)
{
  g_autofree char *path = NULL;

  g_assert (self->file != NULL);

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      show_error (self, _("This file cannot be used: choose a file on this computer."));
      return;
    }

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();

  if (self->mode == RAPPORT_BACKUP_DIALOG_BACK_UP)
    {
      gtk_label_set_text (self->progress_label, _("Backing Up Your Journal…"));
      set_busy (self, TRUE);
      rapport_application_back_up_async (self->application, path, get_passphrase (self),
                                         self->cancellable, back_up_cb, g_object_ref (self));
    }
  else
    {
      gtk_label_set_text (self->progress_label, _("Restoring Your Journal…"));
      set_busy (self, TRUE);
      rapport_application_restore_async (self->application, path, get_passphrase (self),
                                         self->cancellable, restore_cb, g_object_ref (self));
    }
}

static void
clear_chooser (RapportBackupDialog *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
chooser_response_cb (RapportBackupDialog  *self,
                     int                   response,
                     GtkNativeDialog      *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean first_choice = self->file == NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_chooser (self);

  if (file == NULL)
    {
      /* Nothing to restore from without a file: leaving the file dialog leaves the restore. */
      if (self->mode == RAPPORT_BACKUP_DIALOG_RESTORE && first_choice)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_file (self, file);
  show_error (self, NULL);

  if (self->mode == RAPPORT_BACKUP_DIALOG_BACK_UP)
    start (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
open_chooser (RapportBackupDialog *self)
{
  gboolean saving = self->mode == RAPPORT_BACKUP_DIALOG_BACK_UP;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (saving ? _("Back Up Journal")
                                                      : _("Restore From Backup"),
                                               GTK_WINDOW (self),
                                               saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               saving ? _("Back Up") : _("Open"),
                                               _("Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (saving)
    {
      g_autofree char *name = dup_suggested_name ();
      g_autofree char *file_name = g_strconcat (name, BACKUP_EXTENSION, NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
    }
  else
    {
      g_autoptr(GtkFileFilter) backups = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) everything = gtk_file_filter_new ();

      gtk_file_filter_set_name (backups, _("Rapport Backups"));
      gtk_file_filter_add_pattern (backups, "*" BACKUP_EXTENSION);
      gtk_file_filter_set_name (everything, _("All Files"));
      gtk_file_filter_add_pattern (everything, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), backups);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), everything);
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
replace_response_cb (RapportBackupDialog *self,
                     const char          *response,
                     AdwMessageDialog    *dialog)
{
  /* Not from inside the response: the question is a child of this window and still busy
   * closing itself. */
  if (g_strcmp0 (response, "replace") != 0)
    {
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
      return;
    }

  if (self->file == NULL)
    open_chooser (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/* Restoring replaces everything: the person agrees to that before anything else. */
static void
ask_to_replace (RapportBackupDialog *self)
{
  GtkWidget *dialog;

  self->asked_to_replace = TRUE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Replace Your Journal?"),
                                   _("Everything in your journal now is replaced by what the "
                                     "backup holds: colleagues, assignments, tips, interactions "
                                     "and reminders added since the backup was made are lost. "
                                     "Back up your journal first if you want to keep them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "replace", _("Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_clicked_cb (RapportBackupDialog *self)
{
  g_autofree char *blocker = dup_blocker (self);

  if (blocker != NULL || self->busy)
    return;

  if (self->mode == RAPPORT_BACKUP_DIALOG_BACK_UP && !self->file_given)
    open_chooser (self);
  else
    start (self);
}

static void
cancel_clicked_cb (RapportBackupDialog *self)
{
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
choose_clicked_cb (RapportBackupDialog *self)
{
  open_chooser (self);
}

static void
passphrase_changed_cb (RapportBackupDialog *self)
{
  show_error (self, NULL);
  update_action (self);
}

static void
entry_activated_cb (RapportBackupDialog *self,
                    AdwEntryRow         *row)
{
  /* Enter in the first field of two moves on to the second. */
  if (row == ADW_ENTRY_ROW (self->passphrase_row) &&
      gtk_widget_get_visible (GTK_WIDGET (self->confirm_row)) &&
      gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  action_clicked_cb (self);
}

static void
apply_mode (RapportBackupDialog *self)
{
  gboolean backing_up = self->mode == RAPPORT_BACKUP_DIALOG_BACK_UP;

  gtk_window_set_title (GTK_WINDOW (self),
                        backing_up ? _("Back Up Journal") : _("Restore From Backup"));
  gtk_button_set_label (self->action_button, backing_up ? _("Back Up") : _("Restore"));
  gtk_widget_set_visible (GTK_WIDGET (self->file_group), !backing_up);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), backing_up);

  if (backing_up)
    adw_preferences_group_set_description (self->passphrase_group,
                                           _("The backup holds your whole journal, encrypted "
                                             "with this passphrase. It is the only way to open "
                                             "the backup: nobody can recover it for you, so keep "
                                             "it somewhere safe."));
  else
    adw_preferences_group_set_description (self->passphrase_group,
                                           _("Type the passphrase you chose when you made the "
                                             "backup. It is case-sensitive."));

  update_action (self);
}

static gboolean
rapport_backup_dialog_close_request (GtkWindow *window)
{
  RapportBackupDialog *self = RAPPORT_BACKUP_DIALOG (window);

  /* Cut short, then closed once the work has stopped: a restore reopens the old journal. */
  if (self->busy)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (rapport_backup_dialog_parent_class)->close_request (window);
}

static void
rapport_backup_dialog_map (GtkWidget *widget)
{
  RapportBackupDialog *self = RAPPORT_BACKUP_DIALOG (widget);

  GTK_WIDGET_CLASS (rapport_backup_dialog_parent_class)->map (widget);

  if (self->mode == RAPPORT_BACKUP_DIALOG_RESTORE && !self->asked_to_replace)
    ask_to_replace (self);
}

static void
rapport_backup_dialog_dispose (GObject *object)
{
  RapportBackupDialog *self = RAPPORT_BACKUP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  clear_chooser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_BACKUP_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (rapport_backup_dialog_parent_class)->dispose (object);
}

static void
rapport_backup_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportBackupDialog *self = RAPPORT_BACKUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backup_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportBackupDialog *self = RAPPORT_BACKUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backup_dialog_class_init (RapportBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_backup_dialog_dispose;
  object_class->get_property = rapport_backup_dialog_get_property;
  object_class->set_property = rapport_backup_dialog_set_property;
  widget_class->map = rapport_backup_dialog_map;
  window_class->close_request = rapport_backup_dialog_close_request;

  /* The application, not the window's: the dialog needs it before it is shown. */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("rapport-application", NULL, NULL,
                         RAPPORT_TYPE_APPLICATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, action_button);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, action_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
}

static void
rapport_backup_dialog_init (RapportBackupDialog *self)
{
  AdwPasswordEntryRow *rows[2];

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Named by their accessible labels alone, not also by their visible "Choose…". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->choose_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  /* The rows' titles float above the text: give the text fields inside them their names. */
  rows[0] = self->passphrase_row;
  rows[1] = self->confirm_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                                      -1);
      label_peek_button (GTK_WIDGET (rows[i]));
    }

  apply_mode (self);
}

RapportBackupDialog *
rapport_backup_dialog_new (RapportApplication      *application,
                           GtkWindow               *parent,
                           RapportBackupDialogMode  mode)
{
  RapportBackupDialog *self;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (mode == RAPPORT_BACKUP_DIALOG_BACK_UP ||
                        mode == RAPPORT_BACKUP_DIALOG_RESTORE, NULL);

  self = g_object_new (RAPPORT_TYPE_BACKUP_DIALOG,
                       "rapport-application", application,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->mode = mode;
  apply_mode (self);

  return self;
}

void
rapport_backup_dialog_set_file (RapportBackupDialog *self,
                                GFile               *file)
{
  g_return_if_fail (RAPPORT_IS_BACKUP_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  self->file_given = file != NULL;
  set_file (self, file);
}
