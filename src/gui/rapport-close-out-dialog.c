/* rapport-close-out-dialog.c
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

#define G_LOG_DOMAIN "rapport-close-out-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-close-out.h"
#include "rapport-close-out-dialog.h"
#include "rapport-editor-rows.h"
#include "rapport-export-flow.h"
#include "rapport-local-time.h"
#include "rapport-site-guide.h"
#include "rapport-vcard-export-dialog.h"

struct _RapportCloseOutDialog
{
  AdwWindow            parent_instance;

  RapportStore        *store;
  gint64               assignment_id;
  RapportAssignment   *assignment;      /* the store's, NULL when it is gone */
  char                *tz;              /* where the check-ins are planned: the system zone */
  GArray              *colleague_ids;   /* what each check button stands for */
  GPtrArray           *colleague_checks;

  AdwWindowTitle      *window_title;
  GtkButton           *add_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwActionRow        *contacts_row;
  GtkButton           *contacts_button;
  AdwActionRow        *guide_row;
  GtkButton           *guide_button;
  AdwPreferencesGroup *colleagues_group;
  GtkLabel            *no_colleagues_label;
  AdwPreferencesGroup *when_group;
  AdwEntryRow         *first_date_row;
  AdwEntryRow         *second_date_row;
  AdwEntryRow         *time_row;
  GtkLabel            *when_hint_label;
  GtkLabel            *summary_label;
};

static void field_changed_cb (RapportCloseOutDialog *self);

G_DEFINE_FINAL_TYPE (RapportCloseOutDialog, rapport_close_out_dialog, ADW_TYPE_WINDOW)

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

static void
add_toast (RapportCloseOutDialog *self,
           AdwToast              *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
show_error (RapportCloseOutDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static int
compare_colleagues (gconstpointer a,
                    gconstpointer b)
{
  RapportColleague *x = *(RapportColleague **) a;
  RapportColleague *y = *(RapportColleague **) b;

  return g_utf8_collate (rapport_colleague_get_name (x), rapport_colleague_get_name (y));
}

/* The ticked colleagues' ids, in the order shown. */
static GArray *
dup_selected_ids (RapportCloseOutDialog *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->colleague_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->colleague_checks, i)))
      g_array_append_val (ids, g_array_index (self->colleague_ids, gint64, i));

  return ids;
}

/* Checks the dates, the time and the choice of colleagues as the person changes them; returns
 * whether the check-ins can be added. */
static gboolean
validate (RapportCloseOutDialog *self)
{
  g_autofree char *first = rapport_editor_rows_dup_text (self->first_date_row);
  g_autofree char *second = rapport_editor_rows_dup_text (self->second_date_row);
  g_autofree char *time = rapport_editor_rows_dup_text (self->time_row);
  g_autofree char *hint = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GArray) selected = dup_selected_ids (self);
  gboolean first_ok = rapport_local_time_parse_date (first, NULL, NULL, NULL);
  gboolean second_ok = rapport_local_time_parse_date (second, NULL, NULL, NULL);
  gboolean time_ok = rapport_local_time_parse_time (time, NULL, NULL);
  gboolean hint_error = TRUE;
  gboolean summary_error = FALSE;
  gboolean ok;

  rapport_editor_rows_set_error (GTK_WIDGET (self->first_date_row), !first_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->second_date_row), !second_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->time_row), !time_ok);

  if (*first == '\0' || *second == '\0')
    hint = g_strdup (_("Enter both dates as YYYY-MM-DD, like 2026-03-14."));
  else if (!first_ok || !second_ok)
    hint = g_strdup (_("That date is not a day of the calendar: write it as YYYY-MM-DD."));
  else if (!time_ok)
    hint = g_strdup (_("That time is not a time of day: write it as HH:MM, from 00:00 to 23:59."));
  else
    {
      /* Translators: %s is a time zone name, such as America/Denver */
      hint = g_strdup_printf (_("Dates: YYYY-MM-DD. Time: HH:MM, 24-hour, in the %s time zone."),
                              self->tz);
      hint_error = FALSE;
    }
  rapport_editor_rows_set_hint (self->when_hint_label, hint, hint_error);

  if (selected->len == 0)
    {
      summary = g_strdup (_("No check-ins will be added: tick at least one colleague."));
      summary_error = TRUE;
    }
  else
    {
      guint n = selected->len * 2;

      /* Translators: %u is how many reminders will be added (colleagues × dates) */
      summary = g_strdup_printf (ngettext ("%u check-in will be added",
                                           "%u check-ins will be added", n), n);
    }
  gtk_label_set_label (self->summary_label, summary);
  if (summary_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");

  ok = self->assignment != NULL && selected->len > 0 && first_ok && second_ok && time_ok;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), ok);

  return ok;
}

static void
add_check_ins (RapportCloseOutDialog *self)
{
  g_autofree char *first = rapport_editor_rows_dup_text (self->first_date_row);
  g_autofree char *second = rapport_editor_rows_dup_text (self->second_date_row);
  g_autofree char *time = rapport_editor_rows_dup_text (self->time_row);
  g_autoptr(GArray) selected = dup_selected_ids (self);
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *message = NULL;
  const char *dates[3];

  if (!validate (self))
    return;

  dates[0] = first;
  dates[1] = second;
  dates[2] = NULL;

  check_ins = rapport_close_out_build_check_ins (self->store, self->assignment,
                                                 (const gint64 *) (gpointer) selected->data,
                                                 selected->len, dates, time, self->tz, &error);
  if (check_ins == NULL || !rapport_store_add_reminders (self->store, check_ins, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* Translators: %u is how many reminders were added */
  message = g_strdup_printf (ngettext ("Added %u check-in", "Added %u check-ins", check_ins->len),
                             check_ins->len);
  toast = adw_toast_new (message);
  add_toast (self, toast);

  gtk_window_close (GTK_WINDOW (self));
}

static void
add_colleague_rows (RapportCloseOutDialog *self)
{
  g_autoptr(GArray) linked = NULL;
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new ();

  linked = rapport_store_dup_assignment_colleague_ids (self->store, self->assignment_id);
  for (guint i = 0; linked != NULL && i < linked->len; i++)
    {
      RapportColleague *colleague =
        rapport_store_find_colleague (self->store, g_array_index (linked, gint64, i));

      /* As in the contacts export: archived colleagues are people to leave be. */
      if (colleague != NULL && !rapport_colleague_get_archived (colleague))
        g_ptr_array_add (colleagues, colleague);
    }
  g_ptr_array_sort (colleagues, compare_colleagues);

  for (guint i = 0; i < colleagues->len; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (colleagues, i);
      const char *name = rapport_colleague_get_name (colleague);
      gint64 id = rapport_colleague_get_id (colleague);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* Names are shown as written, never read as markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_colleague_get_role (colleague));

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_changed_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      adw_preferences_group_add (self->colleagues_group, row);
      g_array_append_val (self->colleague_ids, id);
      g_ptr_array_add (self->colleague_checks, check);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->no_colleagues_label), colleagues->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->when_group), colleagues->len > 0);
}

static guint
count_tips (RapportCloseOutDialog *self)
{
  GListModel *tips = rapport_store_get_tips (self->store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tips); i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);

      if (rapport_tip_get_assignment_id (tip) == self->assignment_id)
        n++;
    }

  return n;
}

static void
load (RapportCloseOutDialog *self)
{
  g_autofree char *title = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *guide = NULL;
  g_auto(GStrv) dates = NULL;
  guint n_colleagues;
  guint n_tips;

  if (self->assignment == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Close Out"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Close Out"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->contacts_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->guide_button), FALSE);
      show_error (self, _("This assignment is no longer in the journal. It may have been "
                          "deleted; look for it again in the assignments."));
      add_colleague_rows (self);
      return;
    }

  /* The assignment shows in the header only: a window's own title reaches the window manager and
   * whatever keeps window lists, outside the encrypted journal. */
  title = rapport_assignment_dup_title (self->assignment);
  adw_window_title_set_title (self->window_title, _("Close Out"));
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), _("Close Out"));

  add_colleague_rows (self);
  n_colleagues = self->colleague_ids->len;
  n_tips = count_tips (self);

  /* Translators: %u is how many colleagues are linked to the assignment */
  contacts = g_strdup_printf (ngettext ("%u colleague from this assignment, as a vCard file",
                                        "%u colleagues from this assignment, as a vCard file",
                                        n_colleagues), n_colleagues);
  adw_action_row_set_subtitle (self->contacts_row, contacts);

  /* Translators: %u is how many tips the assignment has */
  guide = g_strdup_printf (ngettext ("%u tip, as a web page or Markdown file",
                                     "%u tips, as a web page or Markdown file", n_tips), n_tips);
  adw_action_row_set_subtitle (self->guide_row, guide);

  /* Without an end date the person enters the dates. */
  dates = rapport_close_out_default_dates (self->assignment);
  if (dates != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->first_date_row), dates[0]);
      gtk_editable_set_text (GTK_EDITABLE (self->second_date_row), dates[1]);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), RAPPORT_CLOSE_OUT_DEFAULT_TIME);
}

static gboolean
export_guide_cb (GtkWidget   *owner,
                 const char  *path,
                 gpointer     user_data,
                 GError     **error)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (owner);

  return rapport_site_guide_export (self->store, self->assignment_id, path, error);
}

static void
forward_toast_cb (RapportCloseOutDialog *self,
                  AdwToast              *toast)
{
  add_toast (self, toast);
}

static RapportExportFlow *
create_guide_flow (RapportCloseOutDialog *self)
{
  RapportExportFlow *flow;

  flow = rapport_export_flow_new_site_guide (GTK_WIDGET (self), self->assignment, export_guide_cb,
                                             NULL, NULL);
  g_signal_connect_object (flow, "add-toast", G_CALLBACK (forward_toast_cb), self,
                           G_CONNECT_SWAPPED);

  return flow;
}

static void
guide_clicked_cb (RapportCloseOutDialog *self)
{
  g_autoptr(RapportExportFlow) flow = NULL;

  if (self->assignment == NULL)
    return;

  flow = create_guide_flow (self);
  rapport_export_flow_run (flow);
}

static void
export_guide_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (widget);
  g_autoptr(RapportExportFlow) flow = NULL;

  if (self->assignment == NULL)
    return;

  flow = create_guide_flow (self);
  rapport_export_flow_export_to (flow, g_variant_get_string (parameter, NULL));
}

static void
contacts_clicked_cb (RapportCloseOutDialog *self)
{
  RapportVCardExportDialog *dialog;

  if (self->assignment == NULL)
    return;

  dialog = rapport_vcard_export_dialog_new (self->store, GTK_WINDOW (self), self->assignment_id);
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (forward_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
field_changed_cb (RapportCloseOutDialog *self)
{
  validate (self);
}

/* Enter in a field adds the check-ins when everything is valid. */
static void
entry_activated_cb (RapportCloseOutDialog *self)
{
  add_check_ins (self);
}

static void
add_clicked_cb (RapportCloseOutDialog *self)
{
  add_check_ins (self);
}

static void
rapport_close_out_dialog_constructed (GObject *object)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (object);
  RapportAssignment *assignment;

  G_OBJECT_CLASS (rapport_close_out_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  assignment = rapport_store_find_assignment (self->store, self->assignment_id);
  g_set_object (&self->assignment, assignment);

  load (self);
  validate (self);
}

static void
rapport_close_out_dialog_dispose (GObject *object)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CLOSE_OUT_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->assignment);
  if (self->colleague_checks != NULL)
    g_ptr_array_set_size (self->colleague_checks, 0);

  G_OBJECT_CLASS (rapport_close_out_dialog_parent_class)->dispose (object);
}

static void
rapport_close_out_dialog_finalize (GObject *object)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (object);

  g_clear_pointer (&self->tz, g_free);
  g_clear_pointer (&self->colleague_ids, g_array_unref);
  g_clear_pointer (&self->colleague_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_close_out_dialog_parent_class)->finalize (object);
}

static void
rapport_close_out_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (object);

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
rapport_close_out_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RapportCloseOutDialog *self = RAPPORT_CLOSE_OUT_DIALOG (object);

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
rapport_close_out_dialog_class_init (RapportCloseOutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_close_out_dialog_constructed;
  object_class->dispose = rapport_close_out_dialog_dispose;
  object_class->finalize = rapport_close_out_dialog_finalize;
  object_class->get_property = rapport_close_out_dialog_get_property;
  object_class->set_property = rapport_close_out_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ASSIGNMENT_ID] =
    g_param_spec_int64 ("assignment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportCloseOutDialog::add-toast:
   * @toast: what was added or exported, or why an export failed
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-close-out-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, contacts_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, contacts_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, guide_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, guide_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, colleagues_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, no_colleagues_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, when_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, first_date_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, second_date_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, when_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCloseOutDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, contacts_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, guide_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  /* What Export Site Guide… leads to, reachable without the file chooser (scripts and tests). */
  gtk_widget_class_install_action (widget_class, "close-out.export-guide-to", "s",
                                   export_guide_to_action);

  /* Escape leaves without adding anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_close_out_dialog_init (RapportCloseOutDialog *self)
{
  g_autoptr(RapportReminder) defaults = rapport_reminder_new ("", 0);
  AdwEntryRow *rows[3];

  self->colleague_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->colleague_checks = g_ptr_array_new ();
  /* A new reminder is planned in the system zone: where the person will be, not where the
   * assignment was. */
  self->tz = g_strdup (rapport_reminder_get_tz (defaults));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The row's title is drawn as a floating label, which screen readers do not get as the text
   * field's name: give the editable inside the row the row's title. */
  rows[0] = self->first_date_row;
  rows[1] = self->second_date_row;
  rows[2] = self->time_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      i < 2 ? _("YYYY-MM-DD") : _("HH:MM, 24-hour"),
                                      -1);
    }
}

RapportCloseOutDialog *
rapport_close_out_dialog_new (RapportStore *store,
                              GtkWindow    *parent,
                              gint64        assignment_id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (assignment_id > 0, NULL);

  return g_object_new (RAPPORT_TYPE_CLOSE_OUT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "assignment-id", assignment_id,
                       NULL);
}
