/* rapport-colleague-editor.c
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

#define G_LOG_DOMAIN "rapport-colleague-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-editor-rows.h"
#include "rapport-colleague-editor.h"

struct _RapportColleagueEditor
{
  AdwWindow         parent_instance;

  RapportStore     *store;
  RapportColleague *original;   /* the store's item, when editing */
  RapportColleague *copy;       /* what the fields are written into before saving */
  GArray           *cadence_days;
  GArray           *met_at_ids;   /* what each "Met At" entry stands for, 0 = not set */

  AdwWindowTitle   *window_title;
  GtkButton        *confirm_button;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  AdwEntryRow      *name_row;
  AdwEntryRow      *role_row;
  AdwEntryRow      *specialty_row;
  AdwEntryRow      *organization_row;
  AdwComboRow      *met_at_row;
  AdwEntryRow      *phone_row;
  AdwEntryRow      *email_row;
  AdwEntryRow      *messaging_row;
  GtkLabel         *contact_error_label;
  AdwComboRow      *support_row;
  AdwComboRow      *cadence_row;
  AdwEntryRow      *birthday_row;
  AdwEntryRow      *interests_row;
  GtkLabel         *birthday_hint_label;
  GtkTextView      *notes_view;
};

G_DEFINE_FINAL_TYPE (RapportColleagueEditor, rapport_colleague_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COLLEAGUE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct {
  guint       days;
  const char *label;
} cadence_presets[] = {
  { 0, N_("Not Set") },
  { 7, N_("Every Week") },
  { 14, N_("Every 2 Weeks") },
  { 30, N_("Every Month") },
  { 42, N_("Every 6 Weeks") },
  { 91, N_("Every 3 Months") },
  { 182, N_("Every 6 Months") },
};

/* "MM-DD" is what people type when they do not know the year; the journal keeps "--MM-DD". */
static gboolean
parse_birthday (const char  *text,
                char       **normalized)
{
  g_autofree char *candidate = NULL;

  *normalized = NULL;

  if (*text == '\0')
    {
      *normalized = g_strdup ("");
      return TRUE;
    }

  if (strlen (text) == 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      text[2] == '-' && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]))
    candidate = g_strconcat ("--", text, NULL);
  else
    candidate = g_strdup (text);

  return rapport_validate_birthday (candidate, normalized);
}

/* Checks every field as the person types; returns whether the colleague can be saved. */
static gboolean
validate (RapportColleagueEditor *self)
{
  g_autofree char *name = rapport_editor_rows_dup_text (self->name_row);
  g_autofree char *email = rapport_editor_rows_dup_text (self->email_row);
  g_autofree char *phone = rapport_editor_rows_dup_text (self->phone_row);
  g_autofree char *birthday = rapport_editor_rows_dup_text (self->birthday_row);
  g_autofree char *normalized = NULL;
  g_autoptr(GString) contact_message = g_string_new (NULL);
  gboolean email_ok;
  gboolean phone_ok;
  gboolean birthday_ok;
  gboolean valid;

  email_ok = rapport_validate_email (email);
  phone_ok = rapport_validate_phone (phone);
  birthday_ok = parse_birthday (birthday, &normalized);

  rapport_editor_rows_set_error (GTK_WIDGET (self->email_row), !email_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->phone_row), !phone_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->birthday_row), !birthday_ok);

  if (!phone_ok)
    g_string_append (contact_message, _("The phone number can only have digits, spaces and "
                                        "+ ( ) - . characters."));
  if (!email_ok)
    {
      if (contact_message->len > 0)
        g_string_append_c (contact_message, '\n');
      g_string_append (contact_message, _("The email address needs a name, an @ and a domain, "
                                          "like sam@example.org."));
    }
  gtk_label_set_label (self->contact_error_label, contact_message->str);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_error_label), contact_message->len > 0);

  if (birthday_ok)
    {
      gtk_label_set_label (self->birthday_hint_label,
                           _("Birthday: YYYY-MM-DD, or MM-DD without the year."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->birthday_hint_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->birthday_hint_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->birthday_hint_label, _("That birthday is not a date: write it as "
                                                        "YYYY-MM-DD, or MM-DD without the year."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->birthday_hint_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->birthday_hint_label), "error");
    }

  valid = *name != '\0' && email_ok && phone_ok && birthday_ok;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), valid);

  return valid;
}

static void
show_error (RapportColleagueEditor *self,
            const char             *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
setup_cadence (RapportColleagueEditor *self,
               guint                   current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean found = FALSE;

  g_array_set_size (self->cadence_days, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cadence_presets); i++)
    {
      /* A cadence from elsewhere (an import, an older version) keeps its own entry, in order. */
      if (!found && current != 0 && current < cadence_presets[i].days)
        {
          g_autofree char *label = g_strdup_printf (ngettext ("Every %u Day", "Every %u Days",
                                                              current),
                                                    current);

          selected = self->cadence_days->len;
          g_array_append_val (self->cadence_days, current);
          gtk_string_list_append (labels, label);
          found = TRUE;
        }

      if (cadence_presets[i].days == current)
        {
          selected = self->cadence_days->len;
          found = TRUE;
        }

      g_array_append_val (self->cadence_days, cadence_presets[i].days);
      gtk_string_list_append (labels, _(cadence_presets[i].label));
    }

  if (!found)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Every %u Day", "Every %u Days", current),
                                                current);

      selected = self->cadence_days->len;
      g_array_append_val (self->cadence_days, current);
      gtk_string_list_append (labels, label);
    }

  adw_combo_row_set_model (self->cadence_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->cadence_row, selected);
}

static void
setup_support_kinds (RapportColleagueEditor *self,
                     RapportSupportKind      current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < RAPPORT_N_SUPPORT_KINDS; i++)
    gtk_string_list_append (labels, rapport_support_kind_to_label (i));

  adw_combo_row_set_model (self->support_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->support_row, current < RAPPORT_N_SUPPORT_KINDS ? current : 0);
}

/* "Not Set" then the assignments, the latest start first; the current one is chosen. */
static void
setup_met_at (RapportColleagueEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  RapportAssignment *current = rapport_store_get_current_assignment (self->store, now);

  rapport_editor_rows_setup_assignments (self->met_at_row, self->met_at_ids, self->store,
                                         _("Not Set"),
                                         current != NULL ? rapport_assignment_get_id (current) : 0);
}

static void
load (RapportColleagueEditor *self)
{
  RapportColleague *colleague = self->copy;
  g_autofree char *birthday = NULL;
  const char *stored_birthday;

  gtk_window_set_title (GTK_WINDOW (self),
                        colleague == NULL ? _("New Colleague") : _("Edit Colleague"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_button_set_label (self->confirm_button, colleague == NULL ? _("Add") : _("Save"));

  /* Where they met is asked when adding; later the assignment's page links and unlinks. */
  gtk_widget_set_visible (GTK_WIDGET (self->met_at_row), colleague == NULL);

  if (colleague == NULL)
    {
      setup_met_at (self);
      setup_support_kinds (self, RAPPORT_SUPPORT_KIND_NONE);
      setup_cadence (self, 0);
      validate (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rapport_colleague_get_name (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), rapport_colleague_get_role (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->specialty_row),
                         rapport_colleague_get_specialty (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row),
                         rapport_colleague_get_organization (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), rapport_colleague_get_phone (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), rapport_colleague_get_email (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->messaging_row),
                         rapport_colleague_get_messaging (colleague));
  gtk_editable_set_text (GTK_EDITABLE (self->interests_row),
                         rapport_colleague_get_interests (colleague));

  /* Shown the way it is typed: "--03-14" reads as "03-14". */
  stored_birthday = rapport_colleague_get_birthday (colleague);
  if (g_str_has_prefix (stored_birthday, "--"))
    birthday = g_strdup (stored_birthday + 2);
  else
    birthday = g_strdup (stored_birthday);
  gtk_editable_set_text (GTK_EDITABLE (self->birthday_row), birthday);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            rapport_colleague_get_notes (colleague), -1);

  setup_support_kinds (self, rapport_colleague_get_support_kind (colleague));
  setup_cadence (self, rapport_colleague_get_cadence_days (colleague));

  validate (self);
}

static void
fill (RapportColleagueEditor *self,
      RapportColleague       *colleague)
{
  g_autofree char *name = rapport_editor_rows_dup_text (self->name_row);
  g_autofree char *role = rapport_editor_rows_dup_text (self->role_row);
  g_autofree char *specialty = rapport_editor_rows_dup_text (self->specialty_row);
  g_autofree char *organization = rapport_editor_rows_dup_text (self->organization_row);
  g_autofree char *phone = rapport_editor_rows_dup_text (self->phone_row);
  g_autofree char *email = rapport_editor_rows_dup_text (self->email_row);
  g_autofree char *messaging = rapport_editor_rows_dup_text (self->messaging_row);
  g_autofree char *interests = rapport_editor_rows_dup_text (self->interests_row);
  g_autofree char *birthday_text = rapport_editor_rows_dup_text (self->birthday_row);
  g_autofree char *birthday = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  guint support;
  guint cadence;

  if (!parse_birthday (birthday_text, &birthday))
    g_assert_not_reached ();

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  support = adw_combo_row_get_selected (self->support_row);
  if (support >= RAPPORT_N_SUPPORT_KINDS)
    support = RAPPORT_SUPPORT_KIND_NONE;

  cadence = adw_combo_row_get_selected (self->cadence_row);
  cadence = cadence < self->cadence_days->len
            ? g_array_index (self->cadence_days, guint, cadence)
            : 0;

  rapport_colleague_set_name (colleague, name);
  rapport_colleague_set_role (colleague, role);
  rapport_colleague_set_specialty (colleague, specialty);
  rapport_colleague_set_organization (colleague, organization);
  rapport_colleague_set_phone (colleague, phone);
  rapport_colleague_set_email (colleague, email);
  rapport_colleague_set_messaging (colleague, messaging);
  rapport_colleague_set_interests (colleague, interests);
  rapport_colleague_set_birthday (colleague, birthday);
  rapport_colleague_set_notes (colleague, notes);
  rapport_colleague_set_support_kind (colleague, support);
  rapport_colleague_set_cadence_days (colleague, cadence);
}

/* Links a newly added colleague to the chosen "Met At" assignment, met today. */
static gboolean
link_met_at (RapportColleagueEditor  *self,
             RapportColleague        *colleague,
             GError                 **error)
{
  guint selected = adw_combo_row_get_selected (self->met_at_row);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  gint64 assignment_id;

  if (selected >= self->met_at_ids->len)
    return TRUE;

  assignment_id = g_array_index (self->met_at_ids, gint64, selected);
  if (assignment_id == 0)
    return TRUE;

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");

  return rapport_store_link_colleague (self->store, rapport_colleague_get_id (colleague),
                                       assignment_id, today, error);
}

static void
save (RapportColleagueEditor *self)
{
  g_autoptr(RapportColleague) colleague = NULL;
  g_autoptr(GError) error = NULL;
  RapportColleague *saved;
  gboolean ok;

  if (!validate (self))
    return;

  if (self->copy == NULL)
    {
      colleague = rapport_colleague_new ("");
      fill (self, colleague);
      ok = rapport_store_add_colleague (self->store, colleague, &error);
      saved = colleague;
    }
  else
    {
      colleague = g_object_ref (self->copy);
      fill (self, colleague);
      ok = rapport_store_update_colleague (self->store, colleague, &error);
      saved = rapport_store_find_colleague (self->store, rapport_colleague_get_id (colleague));
      if (saved == NULL)
        saved = colleague;
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  if (self->copy == NULL && !link_met_at (self, saved, &error))
    {
      g_autofree char *message = NULL;

      /* The colleague is in the journal: from here on this window edits them. */
      self->original = g_object_ref (saved);
      self->copy = rapport_colleague_dup (saved);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Colleague"));
      adw_window_title_set_title (self->window_title, _("Edit Colleague"));
      gtk_button_set_label (self->confirm_button, _("Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->met_at_row), FALSE);

      /* Translators: %s says why linking failed */
      message = g_strdup_printf (_("The colleague was added, but where you met could not be "
                                   "saved: %s Link them from the assignment instead."),
                                 error->message);
      show_error (self, message);
      g_signal_emit (self, signals[SAVED], 0, saved);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
field_changed_cb (RapportColleagueEditor *self)
{
  validate (self);
}

/* Enter in a field saves when everything is valid; a field not filled in right does nothing. */
static void
entry_activated_cb (RapportColleagueEditor *self)
{
  save (self);
}

static void
confirm_clicked_cb (RapportColleagueEditor *self)
{
  save (self);
}

static void
rapport_colleague_editor_constructed (GObject *object)
{
  RapportColleagueEditor *self = RAPPORT_COLLEAGUE_EDITOR (object);

  G_OBJECT_CLASS (rapport_colleague_editor_parent_class)->constructed (object);

  if (self->original != NULL)
    self->copy = rapport_colleague_dup (self->original);

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
rapport_colleague_editor_dispose (GObject *object)
{
  RapportColleagueEditor *self = RAPPORT_COLLEAGUE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_COLLEAGUE_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->copy);

  G_OBJECT_CLASS (rapport_colleague_editor_parent_class)->dispose (object);
}

static void
rapport_colleague_editor_finalize (GObject *object)
{
  RapportColleagueEditor *self = RAPPORT_COLLEAGUE_EDITOR (object);

  g_clear_pointer (&self->cadence_days, g_array_unref);
  g_clear_pointer (&self->met_at_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_colleague_editor_parent_class)->finalize (object);
}

static void
rapport_colleague_editor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RapportColleagueEditor *self = RAPPORT_COLLEAGUE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_COLLEAGUE:
      g_value_set_object (value, self->original);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RapportColleagueEditor *self = RAPPORT_COLLEAGUE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_COLLEAGUE:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_colleague_editor_class_init (RapportColleagueEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_colleague_editor_constructed;
  object_class->dispose = rapport_colleague_editor_dispose;
  object_class->finalize = rapport_colleague_editor_finalize;
  object_class->get_property = rapport_colleague_editor_get_property;
  object_class->set_property = rapport_colleague_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The colleague being edited (the store's item), or NULL for a new one. */
  properties[PROP_COLLEAGUE] =
    g_param_spec_object ("colleague", NULL, NULL,
                         RAPPORT_TYPE_COLLEAGUE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_COLLEAGUE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-colleague-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, specialty_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, met_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, messaging_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, contact_error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, support_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, interests_row);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, birthday_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportColleagueEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  /* Escape leaves without saving anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_colleague_editor_init (RapportColleagueEditor *self)
{
  GtkEditable *birthday_text;

  self->cadence_days = g_array_new (FALSE, FALSE, sizeof (guint));
  self->met_at_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_rows_add_save_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->confirm_button));

  /* The row's title is drawn as a floating label, which screen readers do not get as the text
   * field's name: give the editable inside the row the row's title. */
  {
    AdwEntryRow *rows[] = {
      self->name_row, self->role_row, self->specialty_row, self->organization_row,
      self->phone_row, self->email_row, self->messaging_row, self->birthday_row,
      self->interests_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));
        const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i]));

        gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
      }
  }

  birthday_text = gtk_editable_get_delegate (GTK_EDITABLE (self->birthday_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (birthday_text),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("YYYY-MM-DD, or MM-DD without the year"),
                                  -1);
}

RapportColleagueEditor *
rapport_colleague_editor_new (GtkWindow        *parent,
                              RapportStore     *store,
                              RapportColleague *colleague)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (colleague == NULL || RAPPORT_IS_COLLEAGUE (colleague), NULL);

  return g_object_new (RAPPORT_TYPE_COLLEAGUE_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "colleague", colleague,
                       NULL);
}
