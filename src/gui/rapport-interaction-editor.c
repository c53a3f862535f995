/* rapport-interaction-editor.c
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

#define G_LOG_DOMAIN "rapport-interaction-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-editor-rows.h"
#include "rapport-colleague-chooser.h"
#include "rapport-interaction-editor.h"
#include "rapport-local-time.h"

struct _RapportInteractionEditor
{
  AdwWindow                parent_instance;

  RapportStore            *store;
  RapportInteraction      *original;      /* the store's item, when editing */
  gint64                   colleague_id;  /* ticked when logging a new one */
  GArray                  *assignment_ids; /* what each "Assignment" entry stands for, 0 = none */

  AdwWindowTitle          *window_title;
  GtkButton               *confirm_button;
  GtkRevealer             *error_revealer;
  GtkLabel                *error_label;
  AdwComboRow             *kind_row;
  AdwEntryRow             *date_row;
  AdwEntryRow             *time_row;
  GtkLabel                *when_hint_label;
  RapportColleagueChooser *chooser;
  GtkLabel                *colleagues_hint_label;
  AdwComboRow             *assignment_row;
  GtkTextView             *note_view;
};

G_DEFINE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INTERACTION,
  PROP_COLLEAGUE_ID,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The moment the date and time fields name, in the local zone; NULL when they name none. */
static GDateTime *
dup_occurred_at (RapportInteractionEditor *self)
{
  g_autofree char *date = rapport_editor_rows_dup_text (self->date_row);
  g_autofree char *time = rapport_editor_rows_dup_text (self->time_row);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return rapport_local_time_parse (local, date, time);
}

/* Checks every field as the person types; returns whether the interaction can be saved. */
static gboolean
validate (RapportInteractionEditor *self)
{
  g_autofree char *date = rapport_editor_rows_dup_text (self->date_row);
  g_autofree char *time = rapport_editor_rows_dup_text (self->time_row);
  g_autoptr(GArray) colleagues = rapport_colleague_chooser_dup_selected (self->chooser);
  gboolean date_ok = rapport_local_time_parse_date (date, NULL, NULL, NULL);
  gboolean time_ok = rapport_local_time_parse_time (time, NULL, NULL);
  gboolean colleagues_ok = colleagues->len > 0;
  const char *hint;

  rapport_editor_rows_set_error (GTK_WIDGET (self->date_row), !date_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->time_row), !time_ok);

  if (!date_ok && !time_ok)
    hint = _("Write the date as YYYY-MM-DD and the time as HH:MM, like 2026-03-14 and 12:30.");
  else if (!date_ok)
    hint = _("That date is not a day of the calendar: write it as YYYY-MM-DD.");
  else if (!time_ok)
    hint = _("That time is not a time of day: write it as HH:MM, from 00:00 to 23:59.");
  else
    hint = _("Date: YYYY-MM-DD. Time: HH:MM, 24-hour.");
  rapport_editor_rows_set_hint (self->when_hint_label, hint, !date_ok || !time_ok);

  hint = colleagues_ok ? "" : _("Choose at least one colleague this was with.");
  rapport_editor_rows_set_hint (self->colleagues_hint_label, hint, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->colleagues_hint_label), !colleagues_ok);

  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button),
                            date_ok && time_ok && colleagues_ok);

  return date_ok && time_ok && colleagues_ok;
}

static void
show_error (RapportInteractionEditor *self,
            const char               *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
setup_kinds (RapportInteractionEditor *self,
             RapportInteractionKind    current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < RAPPORT_N_INTERACTION_KINDS; i++)
    gtk_string_list_append (labels, rapport_interaction_kind_to_label (i));

  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->kind_row, current < RAPPORT_N_INTERACTION_KINDS ? current : 0);
}

/* "None" then the assignments, the latest start first. */
static void
setup_assignments (RapportInteractionEditor *self,
                   gint64                   current)
{
  /* Translators: no assignment for a journal entry */
  rapport_editor_rows_setup_assignments (self->assignment_row, self->assignment_ids, self->store,
                                         C_("assignment", "None"), current);
}

static void
load (RapportInteractionEditor *self)
{
  RapportInteraction *interaction = self->original;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  gtk_window_set_title (GTK_WINDOW (self),
                        interaction == NULL ? _("Log Interaction") : _("Edit Interaction"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_button_set_label (self->confirm_button, interaction == NULL ? _("Log") : _("Save"));

  rapport_colleague_chooser_set_store (self->chooser, self->store);

  if (interaction == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      RapportAssignment *current = rapport_store_get_current_assignment (self->store, now);

      /* Now, rounded down to five minutes: what people would write themselves. */
      when = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                                    g_date_time_get_minute (now) / 5 * 5, 0);
      setup_kinds (self, RAPPORT_INTERACTION_KIND_COFFEE);
      setup_assignments (self, current != NULL ? rapport_assignment_get_id (current) : 0);
      if (self->colleague_id != 0 &&
          rapport_store_find_colleague (self->store, self->colleague_id) != NULL)
        rapport_colleague_chooser_set_selected (self->chooser, &self->colleague_id, 1);
    }
  else
    {
      g_autoptr(GDateTime) utc =
        g_date_time_new_from_unix_utc (rapport_interaction_get_occurred_at (interaction));
      const gint64 *ids;
      guint n_ids = 0;

      when = g_date_time_to_local (utc);
      setup_kinds (self, rapport_interaction_get_kind (interaction));
      setup_assignments (self, rapport_interaction_get_assignment_id (interaction));
      ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
      rapport_colleague_chooser_set_selected (self->chooser, ids, n_ids);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                                rapport_interaction_get_body (interaction), -1);
    }

  rapport_local_time_format (when, &date, &time);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);

  validate (self);
}

static void
fill (RapportInteractionEditor *self,
      RapportInteraction       *interaction)
{
  g_autoptr(GDateTime) when = dup_occurred_at (self);
  g_autoptr(GArray) colleagues = rapport_colleague_chooser_dup_selected (self->chooser);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_autofree char *note = NULL;
  GtkTextIter start, end;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint assignment = adw_combo_row_get_selected (self->assignment_row);

  g_assert (when != NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  rapport_interaction_set_kind (interaction, kind < RAPPORT_N_INTERACTION_KINDS
                                             ? kind
                                             : RAPPORT_INTERACTION_KIND_OTHER);
  rapport_interaction_set_occurred_at (interaction, g_date_time_to_unix (when));
  rapport_interaction_set_assignment_id (interaction, assignment < self->assignment_ids->len
                                                      ? g_array_index (self->assignment_ids,
                                                                       gint64, assignment)
                                                      : 0);
  rapport_interaction_set_colleague_ids (interaction, (const gint64 *) colleagues->data,
                                         colleagues->len);
  rapport_interaction_set_body (interaction, note);
}

static void
save (RapportInteractionEditor *self)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  RapportInteraction *saved;
  gboolean ok;

  if (!validate (self))
    return;

  if (self->original == NULL)
    {
      interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE, 0);
      fill (self, interaction);
      ok = rapport_store_add_interaction (self->store, interaction, &error);
      saved = rapport_store_find_interaction (self->store, rapport_interaction_get_id (interaction));
    }
  else
    {
      interaction = rapport_interaction_dup (self->original);
      fill (self, interaction);
      ok = rapport_store_update_interaction (self->store, interaction, &error);
      saved = rapport_store_find_interaction (self->store, rapport_interaction_get_id (interaction));
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved != NULL ? saved : interaction);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
field_changed_cb (RapportInteractionEditor *self)
{
  validate (self);
}

/* Enter in a field saves when everything is valid; a field not filled in right does nothing. */
static void
entry_activated_cb (RapportInteractionEditor *self)
{
  save (self);
}

static void
confirm_clicked_cb (RapportInteractionEditor *self)
{
  save (self);
}

static void
rapport_interaction_editor_constructed (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->constructed (object);

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
}

static void
rapport_interaction_editor_dispose (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_INTERACTION_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->dispose (object);
}

static void
rapport_interaction_editor_finalize (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  g_clear_pointer (&self->assignment_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->finalize (object);
}

static void
rapport_interaction_editor_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_INTERACTION:
      g_value_set_object (value, self->original);
      break;

    case PROP_COLLEAGUE_ID:
      g_value_set_int64 (value, self->colleague_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_editor_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_INTERACTION:
      self->original = g_value_dup_object (value);
      break;

    case PROP_COLLEAGUE_ID:
      self->colleague_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_editor_class_init (RapportInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_interaction_editor_constructed;
  object_class->dispose = rapport_interaction_editor_dispose;
  object_class->finalize = rapport_interaction_editor_finalize;
  object_class->get_property = rapport_interaction_editor_get_property;
  object_class->set_property = rapport_interaction_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The interaction being edited (the store's item), or NULL for a new one. */
  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL,
                         RAPPORT_TYPE_INTERACTION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Ticked in a new interaction; 0 for nobody. */
  properties[PROP_COLLEAGUE_ID] =
    g_param_spec_int64 ("colleague-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_INTERACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, when_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, chooser);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor,
                                        colleagues_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, assignment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  /* Escape leaves without saving anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_interaction_editor_init (RapportInteractionEditor *self)
{
  AdwEntryRow *rows[2];

  g_type_ensure (RAPPORT_TYPE_COLLEAGUE_CHOOSER);

  self->assignment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_rows_add_save_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->confirm_button));

  /* The row's title is drawn as a floating label, which screen readers do not get as the text
   * field's name: give the editable inside the row the row's title. */
  rows[0] = self->date_row;
  rows[1] = self->time_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                                      -1);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->date_row))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("YYYY-MM-DD"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->time_row))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("HH:MM, 24-hour"),
                                  -1);
}

RapportInteractionEditor *
rapport_interaction_editor_new (GtkWindow          *parent,
                                RapportStore       *store,
                                RapportInteraction *interaction,
                                gint64              colleague_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (interaction == NULL || RAPPORT_IS_INTERACTION (interaction), NULL);
  g_return_val_if_fail (colleague_id >= 0, NULL);

  return g_object_new (RAPPORT_TYPE_INTERACTION_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "interaction", interaction,
                       "colleague-id", colleague_id,
                       NULL);
}
