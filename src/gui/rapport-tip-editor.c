/* rapport-tip-editor.c
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

#define G_LOG_DOMAIN "rapport-tip-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-editor-rows.h"
#include "rapport-tip-editor.h"

struct _RapportTipEditor
{
  AdwWindow       parent_instance;

  RapportStore   *store;
  gint64          assignment_id;
  RapportTip     *original;        /* the store's item, when editing */
  RapportTip     *copy;            /* what the fields are written into before saving */
  GArray         *recommender_ids; /* gint64 per entry of the "Recommended By" row; 0 = nobody */

  AdwWindowTitle *window_title;
  GtkButton      *confirm_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwComboRow    *category_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *link_row;
  GtkLabel       *link_hint_label;
  AdwComboRow    *recommended_row;
  GtkSwitch      *tried_switch;
  GtkTextView    *note_view;
};

G_DEFINE_FINAL_TYPE (RapportTipEditor, rapport_tip_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ASSIGNMENT_ID,
  PROP_TIP,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  RapportColleague *first = *(RapportColleague **) a;
  RapportColleague *second = *(RapportColleague **) b;
  g_autofree char *first_key = g_utf8_casefold (rapport_colleague_get_name (first), -1);
  g_autofree char *second_key = g_utf8_casefold (rapport_colleague_get_name (second), -1);
  int result = g_utf8_collate (first_key, second_key);

  if (result != 0)
    return result;

  return rapport_colleague_get_id (first) < rapport_colleague_get_id (second) ? -1 : 1;
}

/* Checks every field as the person types; returns whether the tip can be saved. */
static gboolean
validate (RapportTipEditor *self)
{
  g_autofree char *title = rapport_editor_rows_dup_text (self->title_row);
  g_autofree char *link = rapport_editor_rows_dup_text (self->link_row);
  gboolean link_ok = *link == '\0' || rapport_validate_map_link (link);
  gboolean valid;

  rapport_editor_rows_set_error (GTK_WIDGET (self->link_row), !link_ok);

  if (link_ok)
    {
      gtk_label_set_label (self->link_hint_label,
                           _("Map link: geo:39.74,-104.99 or a web address"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->link_hint_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->link_hint_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->link_hint_label,
                           _("That map link does not work: write geo:39.74,-104.99 or a web "
                             "address starting with https://."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->link_hint_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->link_hint_label), "error");
    }

  valid = *title != '\0' && link_ok && self->assignment_id > 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), valid);

  return valid;
}

static void
show_error (RapportTipEditor *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
setup_categories (RapportTipEditor   *self,
                  RapportTipCategory  current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < RAPPORT_N_TIP_CATEGORIES; i++)
    gtk_string_list_append (labels, rapport_tip_category_to_label (i));

  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->category_row, current < RAPPORT_N_TIP_CATEGORIES ? current : 0);
}

/* Nobody, then the colleagues by name; archived ones only when already chosen. */
static void
setup_recommenders (RapportTipEditor *self,
                    gint64            current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new ();
  GListModel *model = rapport_store_get_colleagues (self->store);
  guint n_items = g_list_model_get_n_items (model);
  guint selected = 0;
  gint64 nobody = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      if (rapport_colleague_get_archived (colleague) &&
          rapport_colleague_get_id (colleague) != current)
        continue;

      /* The store keeps its items alive; no reference needed while sorting. */
      g_ptr_array_add (colleagues, colleague);
    }
  g_ptr_array_sort (colleagues, compare_names);

  g_array_set_size (self->recommender_ids, 0);
  g_array_append_val (self->recommender_ids, nobody);
  gtk_string_list_append (labels, _("Nobody"));

  for (guint i = 0; i < colleagues->len; i++)
    {
      RapportColleague *colleague = g_ptr_array_index (colleagues, i);
      gint64 id = rapport_colleague_get_id (colleague);

      if (id == current)
        selected = self->recommender_ids->len;
      g_array_append_val (self->recommender_ids, id);
      gtk_string_list_append (labels, rapport_colleague_get_name (colleague));
    }

  adw_combo_row_set_model (self->recommended_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->recommended_row, selected);
}

static void
load (RapportTipEditor *self)
{
  RapportTip *tip = self->copy;

  gtk_window_set_title (GTK_WINDOW (self), tip == NULL ? _("New Tip") : _("Edit Tip"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_button_set_label (self->confirm_button, tip == NULL ? _("Add") : _("Save"));

  if (tip == NULL)
    {
      setup_categories (self, RAPPORT_TIP_CATEGORY_FOOD);
      setup_recommenders (self, 0);
      validate (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), rapport_tip_get_title (tip));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), rapport_tip_get_address (tip));
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), rapport_tip_get_link (tip));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            rapport_tip_get_body (tip), -1);
  gtk_switch_set_active (self->tried_switch, rapport_tip_get_tried (tip));

  setup_categories (self, rapport_tip_get_category (tip));
  setup_recommenders (self, rapport_tip_get_recommended_by (tip));

  validate (self);
}

static void
fill (RapportTipEditor *self,
      RapportTip       *tip)
{
  g_autofree char *title = rapport_editor_rows_dup_text (self->title_row);
  g_autofree char *address = rapport_editor_rows_dup_text (self->address_row);
  g_autofree char *link = rapport_editor_rows_dup_text (self->link_row);
  g_autofree char *note = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  guint category;
  guint recommender;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  category = adw_combo_row_get_selected (self->category_row);
  if (category >= RAPPORT_N_TIP_CATEGORIES)
    category = RAPPORT_TIP_CATEGORY_ACTIVITY;

  recommender = adw_combo_row_get_selected (self->recommended_row);

  rapport_tip_set_category (tip, category);
  rapport_tip_set_title (tip, title);
  rapport_tip_set_body (tip, note);
  rapport_tip_set_address (tip, address);
  rapport_tip_set_link (tip, link);
  rapport_tip_set_recommended_by (tip, recommender < self->recommender_ids->len
                                       ? g_array_index (self->recommender_ids, gint64, recommender)
                                       : 0);
  rapport_tip_set_tried (tip, gtk_switch_get_active (self->tried_switch));
}

static void
save (RapportTipEditor *self)
{
  g_autoptr(RapportTip) tip = NULL;
  g_autoptr(GError) error = NULL;
  RapportTip *saved;
  gboolean ok;

  if (!validate (self))
    return;

  if (self->copy == NULL)
    {
      tip = rapport_tip_new (self->assignment_id, RAPPORT_TIP_CATEGORY_FOOD, "");
      fill (self, tip);
      ok = rapport_store_add_tip (self->store, tip, &error);
      saved = rapport_store_find_tip (self->store, rapport_tip_get_id (tip));
    }
  else
    {
      tip = g_object_ref (self->copy);
      fill (self, tip);
      ok = rapport_store_update_tip (self->store, tip, &error);
      saved = rapport_store_find_tip (self->store, rapport_tip_get_id (tip));
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved != NULL ? saved : tip);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
field_changed_cb (RapportTipEditor *self)
{
  validate (self);
}

/* Enter in a field saves when everything is valid. */
static void
entry_activated_cb (RapportTipEditor *self)
{
  save (self);
}

static void
confirm_clicked_cb (RapportTipEditor *self)
{
  save (self);
}

static void
rapport_tip_editor_constructed (GObject *object)
{
  RapportTipEditor *self = RAPPORT_TIP_EDITOR (object);

  G_OBJECT_CLASS (rapport_tip_editor_parent_class)->constructed (object);

  if (self->original != NULL)
    {
      self->copy = rapport_tip_dup (self->original);
      self->assignment_id = rapport_tip_get_assignment_id (self->original);
    }

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
rapport_tip_editor_dispose (GObject *object)
{
  RapportTipEditor *self = RAPPORT_TIP_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TIP_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->copy);

  G_OBJECT_CLASS (rapport_tip_editor_parent_class)->dispose (object);
}

static void
rapport_tip_editor_finalize (GObject *object)
{
  RapportTipEditor *self = RAPPORT_TIP_EDITOR (object);

  g_clear_pointer (&self->recommender_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_tip_editor_parent_class)->finalize (object);
}

static void
rapport_tip_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportTipEditor *self = RAPPORT_TIP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->assignment_id);
      break;

    case PROP_TIP:
      g_value_set_object (value, self->original);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tip_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportTipEditor *self = RAPPORT_TIP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ASSIGNMENT_ID:
      self->assignment_id = g_value_get_int64 (value);
      break;

    case PROP_TIP:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tip_editor_class_init (RapportTipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_tip_editor_constructed;
  object_class->dispose = rapport_tip_editor_dispose;
  object_class->finalize = rapport_tip_editor_finalize;
  object_class->get_property = rapport_tip_editor_get_property;
  object_class->set_property = rapport_tip_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Where a new tip goes; an edited tip stays where it is. */
  properties[PROP_ASSIGNMENT_ID] =
    g_param_spec_int64 ("assignment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The tip being edited (the store's item), or NULL for a new one. */
  properties[PROP_TIP] =
    g_param_spec_object ("tip", NULL, NULL,
                         RAPPORT_TYPE_TIP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_TIP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-tip-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, link_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, link_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, recommended_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, tried_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportTipEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  /* Escape leaves without saving anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_tip_editor_init (RapportTipEditor *self)
{
  AdwEntryRow *rows[3];
  GtkEditable *link_text;

  self->recommender_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_rows_add_save_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->confirm_button));

  /* The row's title is drawn as a floating label, which screen readers do not get as the text
   * field's name: give the editable inside the row the row's title. */
  rows[0] = self->title_row;
  rows[1] = self->address_row;
  rows[2] = self->link_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
    }

  link_text = gtk_editable_get_delegate (GTK_EDITABLE (self->link_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (link_text),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("geo:39.74,-104.99 or a web address"),
                                  -1);
}

RapportTipEditor *
rapport_tip_editor_new (GtkWindow    *parent,
                        RapportStore *store,
                        gint64        assignment_id,
                        RapportTip   *tip)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (tip == NULL || RAPPORT_IS_TIP (tip), NULL);
  g_return_val_if_fail (tip != NULL || assignment_id > 0, NULL);

  return g_object_new (RAPPORT_TYPE_TIP_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "assignment-id", assignment_id,
                       "tip", tip,
                       NULL);
}
