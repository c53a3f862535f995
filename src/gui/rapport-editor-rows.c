/* rapport-editor-rows.c
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

#define G_LOG_DOMAIN "rapport-editor-rows"

#include "config.h"

#include "rapport-editor-rows.h"

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

char *
rapport_editor_rows_dup_text (AdwEntryRow *row)
{
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

void
rapport_editor_rows_set_error (GtkWidget *row,
                               gboolean   error)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

void
rapport_editor_rows_set_hint (GtkLabel   *label,
                              const char *text,
                              gboolean    error)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (label, text);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

void
rapport_editor_rows_setup_assignments (AdwComboRow  *row,
                                       GArray       *ids,
                                       RapportStore *store,
                                       const char   *none_label,
                                       gint64        selected_id)
{
  g_autoptr(GtkStringList) labels = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  GListModel *model;
  guint selected = 0;
  gint64 none = 0;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (ids != NULL && g_array_get_element_size (ids) == sizeof (gint64));
  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (none_label != NULL);

  labels = gtk_string_list_new (NULL);
  assignments = g_ptr_array_new_with_free_func (g_object_unref);
  model = rapport_store_get_assignments (store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (assignments, g_list_model_get_item (model, i));
  g_ptr_array_sort (assignments, compare_assignments);

  g_array_set_size (ids, 0);
  g_array_append_val (ids, none);
  gtk_string_list_append (labels, none_label);

  for (guint i = 0; i < assignments->len; i++)
    {
      RapportAssignment *assignment = g_ptr_array_index (assignments, i);
      g_autofree char *title = rapport_assignment_dup_title (assignment);
      gint64 id = rapport_assignment_get_id (assignment);

      if (id == selected_id)
        selected = ids->len;
      g_array_append_val (ids, id);
      gtk_string_list_append (labels, title);
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, selected);
}

GtkWidget *
rapport_editor_rows_new_show_more (const char *title,
                                   const char *action_name,
                                   guint       target)
{
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (action_name != NULL, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", (guint32) target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("view-more-horizontal-symbolic"));

  return row;
}

static gboolean
save_shortcut_cb (GtkWidget *editor,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkWidget *confirm_button = user_data;

  if (gtk_widget_is_sensitive (confirm_button))
    gtk_widget_activate (confirm_button);

  /* Taken even when the button cannot be pressed: the error says why, no new line appears. */
  return TRUE;
}

void
rapport_editor_rows_add_save_shortcut (GtkWidget *editor,
                                       GtkWidget *confirm_button)
{
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  g_return_if_fail (GTK_IS_WIDGET (editor));
  g_return_if_fail (GTK_IS_WIDGET (confirm_button));

  trigger = gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK);
  controller = gtk_shortcut_controller_new ();
  /* Before the text views, which would otherwise take Ctrl+Enter as a new line. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_callback_action_new (save_shortcut_cb,
                                                                                   confirm_button,
                                                                                   NULL)));
  gtk_widget_add_controller (editor, controller);
}
