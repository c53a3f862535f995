/* rapport-export-flow.c
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

#define G_LOG_DOMAIN "rapport-export-flow"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-export-flow.h"

struct _RapportExportFlow
{
  GObject               parent_instance;

  GWeakRef              owner;
  char                 *title;
  char                 *heading;
  char                 *body;
  char                 *suggested_name;
  char                 *saved_message;
  GPtrArray            *filters;
  RapportExportFunc     func;
  gpointer              user_data;
  GDestroyNotify        user_data_free;

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RapportExportFlow, rapport_export_flow, G_TYPE_OBJECT)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
}

static GtkWindow *
get_parent_window (GtkWidget *owner)
{
  GtkRoot *root = gtk_widget_get_root (owner);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (RapportExportFlow *self,
           const char        *message,
           AdwToastPriority   priority)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  adw_toast_set_priority (toast, priority);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* Ends what rapport_export_flow_run() started, dropping the reference it took. */
static void
finish (RapportExportFlow *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_object_unref (self);
}

static void
chooser_response_cb (RapportExportFlow *self,
                     int                response,
                     GtkNativeDialog   *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        rapport_export_flow_export_to (self, path);
    }

  finish (self);
}

static void
open_chooser (RapportExportFlow *self)
{
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&self->owner);

  if (owner == NULL)
    {
      finish (self);
      return;
    }

  self->chooser = gtk_file_chooser_native_new (self->title, get_parent_window (owner),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("Export"), _("Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), self->suggested_name);
  for (guint i = 0; i < self->filters->len; i++)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser),
                                 g_ptr_array_index (self->filters, i));

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
warning_response_cb (RapportExportFlow *self,
                     const char        *response,
                     AdwMessageDialog  *dialog)
{
  if (g_strcmp0 (response, "export") == 0)
    open_chooser (self);
  else
    finish (self);
}

static void
rapport_export_flow_dispose (GObject *object)
{
  RapportExportFlow *self = RAPPORT_EXPORT_FLOW (object);

  g_clear_object (&self->chooser);
  if (self->user_data_free != NULL)
    g_clear_pointer (&self->user_data, self->user_data_free);
  self->user_data = NULL;

  G_OBJECT_CLASS (rapport_export_flow_parent_class)->dispose (object);
}

static void
rapport_export_flow_finalize (GObject *object)
{
  RapportExportFlow *self = RAPPORT_EXPORT_FLOW (object);

  g_weak_ref_clear (&self->owner);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->suggested_name, g_free);
  g_clear_pointer (&self->saved_message, g_free);
  g_clear_pointer (&self->filters, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_export_flow_parent_class)->finalize (object);
}

static void
rapport_export_flow_class_init (RapportExportFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_export_flow_dispose;
  object_class->finalize = rapport_export_flow_finalize;

  /**
   * RapportExportFlow::add-toast:
   * @toast: "Saved" (or the saved message), or why the export failed
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
rapport_export_flow_init (RapportExportFlow *self)
{
  g_weak_ref_init (&self->owner, NULL);
  self->filters = g_ptr_array_new_with_free_func (g_object_unref);
}

RapportExportFlow *
rapport_export_flow_new (GtkWidget         *owner,
                         const char        *title,
                         RapportExportFunc  func,
                         gpointer           user_data,
                         GDestroyNotify     user_data_free)
{
  RapportExportFlow *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_EXPORT_FLOW, NULL);
  g_weak_ref_set (&self->owner, owner);
  self->title = g_strdup (title);
  self->func = func;
  self->user_data = user_data;
  self->user_data_free = user_data_free;

  return self;
}

void
rapport_export_flow_set_warning (RapportExportFlow *self,
                                 const char        *heading,
                                 const char        *body)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_FLOW (self));
  g_return_if_fail (heading != NULL);

  set_string (&self->heading, heading);
  set_string (&self->body, body);
}

void
rapport_export_flow_set_suggested_name (RapportExportFlow *self,
                                        const char        *name)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_FLOW (self));

  set_string (&self->suggested_name, name);
}

void
rapport_export_flow_set_saved_message (RapportExportFlow *self,
                                       const char        *message)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_FLOW (self));

  set_string (&self->saved_message, message);
}

void
rapport_export_flow_add_filter (RapportExportFlow *self,
                                GtkFileFilter     *filter)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_FLOW (self));
  g_return_if_fail (GTK_IS_FILE_FILTER (filter));

  g_ptr_array_add (self->filters, g_object_ref (filter));
}

void
rapport_export_flow_run (RapportExportFlow *self)
{
  g_autoptr(GtkWidget) owner = NULL;
  GtkWidget *dialog;

  g_return_if_fail (RAPPORT_IS_EXPORT_FLOW (self));
  g_return_if_fail (self->chooser == NULL);

  owner = g_weak_ref_get (&self->owner);
  if (owner == NULL)
    return;

  /* Dropped by finish(), whichever way the dialogs end. */
  g_object_ref (self);

  if (self->heading == NULL)
    {
      open_chooser (self);
      return;
    }

  /* Everything else in Rapport is encrypted; the warning says plainly that this file is not. */
  dialog = adw_message_dialog_new (get_parent_window (owner), self->heading, self->body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "export", _("Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (warning_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
rapport_export_flow_export_to (RapportExportFlow *self,
                               const char        *path)
{
  g_autoptr(GtkWidget) owner = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_EXPORT_FLOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  owner = g_weak_ref_get (&self->owner);
  if (owner == NULL)
    return FALSE;

  if (!self->func (owner, path, self->user_data, &error))
    {
      g_assert (error != NULL);
      add_toast (self, error->message, ADW_TOAST_PRIORITY_HIGH);
      return FALSE;
    }

  add_toast (self, self->saved_message != NULL ? self->saved_message : _("Saved"),
             ADW_TOAST_PRIORITY_NORMAL);
  return TRUE;
}

RapportExportFlow *
rapport_export_flow_new_site_guide (GtkWidget         *owner,
                                    RapportAssignment *assignment,
                                    RapportExportFunc  func,
                                    gpointer           user_data,
                                    GDestroyNotify     user_data_free)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  RapportExportFlow *flow;
  GtkFileFilter *filter;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (assignment), NULL);

  flow = rapport_export_flow_new (owner, _("Export Site Guide"), func, user_data, user_data_free);
  rapport_export_flow_set_warning (flow, _("Export Site Guide?"),
                                   _("The site guide is a plain, unencrypted file, meant to be "
                                     "shared with the next locum. It holds this assignment’s tips "
                                     "only: no colleagues and no journal."));

  /* No facility in the name: GTK's save chooser adds the file to the account's recently used
   * list, outside the encrypted journal. */
  now = g_date_time_new_now_local ();
  date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the suggested file name of a site guide; %s is today's date, YYYY-MM-DD */
  name = g_strdup_printf (_("Rapport site guide %s.html"), date);
  rapport_export_flow_set_suggested_name (flow, name);
  rapport_export_flow_set_saved_message (flow, _("Site guide saved"));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Web Page (HTML)"));
  gtk_file_filter_add_mime_type (filter, "text/html");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_filter_add_suffix (filter, "htm");
  rapport_export_flow_add_filter (flow, filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "md");
  rapport_export_flow_add_filter (flow, filter);
  g_object_unref (filter);

  return flow;
}
