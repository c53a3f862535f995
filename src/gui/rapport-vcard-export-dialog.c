/* rapport-vcard-export-dialog.c
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

#define G_LOG_DOMAIN "rapport-vcard-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-colleague-chooser.h"
#include "rapport-vcard-export-dialog.h"

/* The entries of the "Colleagues" row, in its order. */
typedef enum
{
  SCOPE_EVERYONE,
  SCOPE_ASSIGNMENT,
  SCOPE_CHOSEN,
} Scope;

struct _RapportVCardExportDialog
{
  AdwWindow                parent_instance;

  RapportStore            *store;
  gint64                   assignment_id;   /* preselected, 0 for none */
  GArray                  *assignment_ids;  /* what each "Assignment" entry stands for */
  GtkFileChooserNative    *file_chooser;

  GtkButton               *export_button;
  GtkRevealer             *error_revealer;
  GtkLabel                *error_label;
  AdwComboRow             *scope_row;
  AdwComboRow             *assignment_row;
  RapportColleagueChooser *chooser;
  GtkLabel                *count_label;
  GtkLabel                *hint_label;
  GtkCheckButton          *work_check;
  GtkCheckButton          *personal_check;
  GtkCheckButton          *v4_check;
  GtkCheckButton          *v3_check;
};

G_DEFINE_FINAL_TYPE (RapportVCardExportDialog, rapport_vcard_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ASSIGNMENT_ID,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
compare_assignments (gconstpointer a,
                     gconstpointer b)
{
  RapportAssignment *x = *(RapportAssignment **) a;
  RapportAssignment *y = *(RapportAssignment **) b;
  int order = -g_strcmp0 (rapport_assignment_get_starts_on (x),
                          rapport_assignment_get_starts_on (y));

  if (order != 0)
    return order;

  return rapport_assignment_get_id (x) > rapport_assignment_get_id (y) ? -1 : 1;
}

static Scope
get_scope (RapportVCardExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scope_row);

  return selected <= SCOPE_CHOSEN ? (Scope) selected : SCOPE_EVERYONE;
}

static gint64
get_selected_assignment_id (RapportVCardExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->assignment_row);

  if (selected >= self->assignment_ids->len)
    return 0;

  return g_array_index (self->assignment_ids, gint64, selected);
}

/* The assignments, the latest start first; selected_id is chosen. */
static void
setup_assignments (RapportVCardExportDialog *self,
                   gint64                    selected_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = rapport_store_get_assignments (self->store);
  guint selected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (assignments, g_list_model_get_item (model, i));
  g_ptr_array_sort (assignments, compare_assignments);

  g_array_set_size (self->assignment_ids, 0);
  for (guint i = 0; i < assignments->len; i++)
    {
      RapportAssignment *assignment = g_ptr_array_index (assignments, i);
      g_autofree char *title = rapport_assignment_dup_title (assignment);
      gint64 id = rapport_assignment_get_id (assignment);

      if (id == selected_id)
        selected = self->assignment_ids->len;
      g_array_append_val (self->assignment_ids, id);
      gtk_string_list_append (labels, title);
    }

  adw_combo_row_set_model (self->assignment_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->assignment_row, selected);
}

/* The ids the file would hold as the dialog is set, in the order they are written. */
static GArray *
dup_ids (RapportVCardExportDialog *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  switch (get_scope (self))
    {
    case SCOPE_ASSIGNMENT:
      {
        gint64 assignment_id = get_selected_assignment_id (self);
        g_autoptr(GArray) linked = NULL;

        if (assignment_id == 0)
          break;

        /* Archived colleagues stay out, as with everyone; choose them by name to include them. */
        linked = rapport_store_dup_assignment_colleague_ids (self->store, assignment_id);
        for (guint i = 0; linked != NULL && i < linked->len; i++)
          {
            gint64 id = g_array_index (linked, gint64, i);
            RapportColleague *colleague = rapport_store_find_colleague (self->store, id);

            if (colleague != NULL && !rapport_colleague_get_archived (colleague))
              g_array_append_val (ids, id);
          }
      }
      break;

    case SCOPE_CHOSEN:
      {
        g_autoptr(GArray) chosen = rapport_colleague_chooser_dup_selected (self->chooser);

        for (guint i = 0; chosen != NULL && i < chosen->len; i++)
          {
            gint64 id = g_array_index (chosen, gint64, i);

            if (rapport_store_find_colleague (self->store, id) != NULL)
              g_array_append_val (ids, id);
          }
      }
      break;

    case SCOPE_EVERYONE:
    default:
      {
        GListModel *colleagues = rapport_store_get_colleagues (self->store);

        for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
          {
            g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
            gint64 id = rapport_colleague_get_id (colleague);

            if (!rapport_colleague_get_archived (colleague))
              g_array_append_val (ids, id);
          }
      }
      break;
    }

  return g_steal_pointer (&ids);
}

/* Why nothing would be exported, for the scope chosen. */
static const char *
get_empty_reason (RapportVCardExportDialog *self)
{
  switch (get_scope (self))
    {
    case SCOPE_ASSIGNMENT:
      if (self->assignment_ids->len == 0)
        return _("There is no assignment in the journal yet.");
      return _("No colleague is linked to this assignment, apart from archived ones. Link "
               "colleagues to it on its page, or choose them here.");

    case SCOPE_CHOSEN:
      return _("Tick the colleagues to export.");

    case SCOPE_EVERYONE:
    default:
      return _("There is no colleague in the journal to export, apart from archived ones.");
    }
}

static void
update (RapportVCardExportDialog *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *count = NULL;
  Scope scope;

  if (self->store == NULL)
    return;

  scope = get_scope (self);
  gtk_widget_set_visible (GTK_WIDGET (self->assignment_row), scope == SCOPE_ASSIGNMENT);
  gtk_widget_set_visible (GTK_WIDGET (self->chooser), scope == SCOPE_CHOSEN);

  ids = dup_ids (self);
  /* Translators: how many colleagues the file will hold */
  count = g_strdup_printf (ngettext ("%u colleague", "%u colleagues", ids->len), ids->len);
  gtk_label_set_label (self->count_label, count);

  gtk_label_set_label (self->hint_label, ids->len == 0 ? get_empty_reason (self) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), ids->len == 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), ids->len > 0);
}

static void
show_error (RapportVCardExportDialog *self,
            const char               *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The name carries no journal data, not even a facility: GTK's save chooser adds the file to the
 * account's recently used list, outside the encrypted journal. */
static char *
dup_suggested_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the suggested name of a file of contacts; %s is today's date, YYYY-MM-DD */
  return g_strdup_printf (_("Rapport colleagues %s.vcf"), date);
}

static void
file_chooser_response_cb (RapportVCardExportDialog *self,
                          int                       response,
                          GtkNativeDialog          *file_chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (file_chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        rapport_vcard_export_dialog_export_to (self, path, NULL);
      else
        show_error (self, _("That place cannot be written to directly. Choose a folder on this "
                            "computer."));
    }

  gtk_native_dialog_destroy (file_chooser);
  g_clear_object (&self->file_chooser);
  /* Taken when the file chooser was shown. */
  g_object_unref (self);
}

static void
export_clicked_cb (RapportVCardExportDialog *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  if (self->file_chooser != NULL || self->store == NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Export Contacts"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("Export"), _("Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  name = dup_suggested_name ();
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("vCard"));
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all);

  /* The dialog may be closed while the file chooser is open; the answer still needs it. */
  g_object_ref (self);
  g_signal_connect_swapped (self->file_chooser, "response",
                            G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
scope_changed_cb (RapportVCardExportDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  update (self);
}

static void
choice_changed_cb (RapportVCardExportDialog *self)
{
  update (self);
}

static void
store_changed_cb (RapportVCardExportDialog *self)
{
  update (self);
}

static void
rapport_vcard_export_dialog_constructed (GObject *object)
{
  RapportVCardExportDialog *self = RAPPORT_VCARD_EXPORT_DIALOG (object);
  gint64 assignment_id = self->assignment_id;

  G_OBJECT_CLASS (rapport_vcard_export_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  /* The assignment offered first: the one asked for, else the current one. */
  if (assignment_id == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      RapportAssignment *current = rapport_store_get_current_assignment (self->store, now);

      if (current != NULL)
        assignment_id = rapport_assignment_get_id (current);
    }

  setup_assignments (self, assignment_id);
  rapport_colleague_chooser_set_store (self->chooser, self->store);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  adw_combo_row_set_selected (self->scope_row,
                              self->assignment_id != 0 ? SCOPE_ASSIGNMENT : SCOPE_EVERYONE);
  update (self);
}

static void
rapport_vcard_export_dialog_dispose (GObject *object)
{
  RapportVCardExportDialog *self = RAPPORT_VCARD_EXPORT_DIALOG (object);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_VCARD_EXPORT_DIALOG);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_vcard_export_dialog_parent_class)->dispose (object);
}

static void
rapport_vcard_export_dialog_finalize (GObject *object)
{
  RapportVCardExportDialog *self = RAPPORT_VCARD_EXPORT_DIALOG (object);

  g_clear_pointer (&self->assignment_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_vcard_export_dialog_parent_class)->finalize (object);
}

static void
rapport_vcard_export_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RapportVCardExportDialog *self = RAPPORT_VCARD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->assignment_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_vcard_export_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  RapportVCardExportDialog *self = RAPPORT_VCARD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ASSIGNMENT_ID:
      self->assignment_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_vcard_export_dialog_class_init (RapportVCardExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_vcard_export_dialog_constructed;
  object_class->dispose = rapport_vcard_export_dialog_dispose;
  object_class->finalize = rapport_vcard_export_dialog_finalize;
  object_class->get_property = rapport_vcard_export_dialog_get_property;
  object_class->set_property = rapport_vcard_export_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The assignment whose colleagues are preselected; 0 for everyone. */
  properties[PROP_ASSIGNMENT_ID] =
    g_param_spec_int64 ("assignment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportVCardExportDialog::add-toast:
   * @toast: how many colleagues were exported
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-vcard-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, chooser);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, work_check);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, personal_check);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, v4_check);
  gtk_widget_class_bind_template_child (widget_class, RapportVCardExportDialog, v3_check);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  /* Escape leaves without exporting anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_vcard_export_dialog_init (RapportVCardExportDialog *self)
{
  g_type_ensure (RAPPORT_TYPE_COLLEAGUE_CHOOSER);

  self->assignment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportVCardExportDialog *
rapport_vcard_export_dialog_new (RapportStore *store,
                                 GtkWindow    *parent,
                                 gint64        assignment_id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (assignment_id >= 0, NULL);

  return g_object_new (RAPPORT_TYPE_VCARD_EXPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "assignment-id", assignment_id,
                       NULL);
}

gboolean
rapport_vcard_export_dialog_export_to (RapportVCardExportDialog  *self,
                                       const char                *path,
                                       GError                   **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *message = NULL;
  RapportVCardVersion version;
  RapportVCardWriteFlags flags;

  g_return_val_if_fail (RAPPORT_IS_VCARD_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The journal was locked before the contacts were exported. Unlock "
                             "it, then export again."));
      return FALSE;
    }

  ids = dup_ids (self);
  version = gtk_check_button_get_active (self->v3_check) ? RAPPORT_VCARD_VERSION_3_0
                                                         : RAPPORT_VCARD_VERSION_4_0;
  flags = gtk_check_button_get_active (self->personal_check) ? RAPPORT_VCARD_WRITE_PERSONAL
                                                             : RAPPORT_VCARD_WRITE_DEFAULT;

  if (ids->len == 0)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("No colleague is chosen, so nothing was exported. Choose who to "
                           "export first."));
  else
    rapport_store_export_vcard (self->store, ids, version, flags, path, &local_error);

  if (local_error != NULL)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Translators: %u is how many colleagues were written to the file */
  message = g_strdup_printf (ngettext ("Exported %u colleague", "Exported %u colleagues", ids->len),
                             ids->len);
  toast = adw_toast_new (message);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);

  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}
