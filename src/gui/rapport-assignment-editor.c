/* rapport-assignment-editor.c
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

#define G_LOG_DOMAIN "rapport-assignment-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-editor-rows.h"
#include "rapport-assignment-editor.h"
#include "rapport-list-item-label.h"
#include "rapport-local-time.h"

/* The zones people live in, one per line, from the system's time zone data. */
#define ZONE_TABLE "/usr/share/zoneinfo/zone1970.tab"

struct _RapportAssignmentEditor
{
  AdwWindow          parent_instance;

  RapportStore      *store;
  RapportAssignment *original;   /* the store's item, when editing */
  RapportAssignment *copy;       /* what the fields are written into before saving */

  AdwWindowTitle    *window_title;
  GtkButton         *confirm_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwEntryRow       *facility_row;
  AdwEntryRow       *unit_row;
  AdwEntryRow       *city_row;
  AdwEntryRow       *region_row;
  AdwEntryRow       *country_row;
  AdwEntryRow       *tz_row;
  GtkMenuButton     *tz_button;
  GtkPopover        *tz_popover;
  GtkSearchEntry    *tz_search_entry;
  GtkListView       *tz_list_view;
  GtkFilterListModel *tz_filter_model;
  GtkStringFilter   *tz_filter;
  GtkLabel          *tz_hint_label;
  AdwEntryRow       *starts_row;
  AdwEntryRow       *ends_row;
  GtkPopover        *starts_popover;
  GtkPopover        *ends_popover;
  GtkCalendar       *starts_calendar;
  GtkCalendar       *ends_calendar;
  GtkLabel          *dates_hint_label;
  AdwEntryRow       *agency_row;
  GtkTextView       *notes_view;
};

G_DEFINE_FINAL_TYPE (RapportAssignmentEditor, rapport_assignment_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ASSIGNMENT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
zone_is_valid (const char *identifier)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (*identifier == '\0')
    return FALSE;

  zone = g_time_zone_new_identifier (identifier);
  return zone != NULL;
}

/* Checks every field as the person types; returns whether the assignment can be saved. */
static gboolean
validate (RapportAssignmentEditor *self)
{
  g_autofree char *facility = rapport_editor_rows_dup_text (self->facility_row);
  g_autofree char *tz = rapport_editor_rows_dup_text (self->tz_row);
  g_autofree char *starts_on = rapport_editor_rows_dup_text (self->starts_row);
  g_autofree char *ends_on = rapport_editor_rows_dup_text (self->ends_row);
  gboolean tz_ok = zone_is_valid (tz);
  /* "" is fine: the day is not known yet. */
  gboolean starts_ok = *starts_on == '\0' || rapport_local_time_parse_date (starts_on, NULL, NULL,
                                                                             NULL);
  gboolean ends_ok = *ends_on == '\0' || rapport_local_time_parse_date (ends_on, NULL, NULL, NULL);
  gboolean order_ok = TRUE;
  const char *hint;
  gboolean valid;

  /* Days written "YYYY-MM-DD" sort as text the way they follow each other. */
  if (starts_ok && ends_ok && *starts_on != '\0' && *ends_on != '\0')
    order_ok = strcmp (starts_on, ends_on) <= 0;

  rapport_editor_rows_set_error (GTK_WIDGET (self->tz_row), !tz_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->starts_row), !starts_ok);
  rapport_editor_rows_set_error (GTK_WIDGET (self->ends_row), !ends_ok || !order_ok);

  if (tz_ok)
    hint = _("The time zone of the place, like America/Denver: reminders there follow its clock.");
  else if (*tz == '\0')
    hint = _("Pick the time zone of the place, like America/Denver.");
  else
    {
      /* What was typed is not repeated: it may be a pasted page, or turn the sentence around. */
      hint = _("That is not a time zone: pick one from the list, like America/Denver.");
    }
  rapport_editor_rows_set_hint (self->tz_hint_label, hint, !tz_ok);

  if (!starts_ok || !ends_ok)
    hint = _("Write dates as YYYY-MM-DD, like 2027-01-12.");
  else if (!order_ok)
    hint = _("The assignment ends before it starts: check the dates.");
  else
    hint = _("Dates: YYYY-MM-DD. Leave one empty when you do not know it yet.");
  rapport_editor_rows_set_hint (self->dates_hint_label, hint, !starts_ok || !ends_ok || !order_ok);

  valid = *facility != '\0' && tz_ok && starts_ok && ends_ok && order_ok;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), valid);

  return valid;
}

static void
show_error (RapportAssignmentEditor *self,
            const char              *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The zone names from zone1970.tab (third column), sorted, with UTC; empty without the file. */
static GtkStringList *
load_zones (void)
{
  g_autoptr(GtkStringList) zones = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (ZONE_TABLE, &contents, NULL, NULL))
    return g_steal_pointer (&zones);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      columns = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (columns) >= 3)
        g_ptr_array_add (names, g_strdup (columns[2]));
    }

  g_ptr_array_add (names, g_strdup ("UTC"));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (zones, g_ptr_array_index (names, i));

  return g_steal_pointer (&zones);
}

static void
setup_zones (RapportAssignmentEditor *self)
{
  g_autoptr(GtkStringList) zones = load_zones ();
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkSingleSelection *selection;

  gtk_string_filter_set_expression (self->tz_filter, expression);
  gtk_filter_list_model_set_model (self->tz_filter_model, G_LIST_MODEL (zones));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->tz_list_view));
  gtk_single_selection_set_model (selection, G_LIST_MODEL (self->tz_filter_model));

  gtk_widget_set_visible (GTK_WIDGET (self->tz_button),
                          g_list_model_get_n_items (G_LIST_MODEL (zones)) > 0);
}

static void
load (RapportAssignmentEditor *self)
{
  RapportAssignment *assignment = self->copy;

  gtk_window_set_title (GTK_WINDOW (self),
                        assignment == NULL ? _("New Assignment") : _("Edit Assignment"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_button_set_label (self->confirm_button, assignment == NULL ? _("Add") : _("Save"));

  if (assignment == NULL)
    {
      g_autoptr(RapportAssignment) blank = rapport_assignment_new ("");

      gtk_editable_set_text (GTK_EDITABLE (self->tz_row), rapport_assignment_get_tz (blank));
      validate (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->facility_row),
                         rapport_assignment_get_facility (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), rapport_assignment_get_unit (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), rapport_assignment_get_city (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->region_row),
                         rapport_assignment_get_region (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->country_row),
                         rapport_assignment_get_country (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->tz_row), rapport_assignment_get_tz (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->starts_row),
                         rapport_assignment_get_starts_on (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->ends_row),
                         rapport_assignment_get_ends_on (assignment));
  gtk_editable_set_text (GTK_EDITABLE (self->agency_row),
                         rapport_assignment_get_agency (assignment));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            rapport_assignment_get_notes (assignment), -1);

  validate (self);
}

static void
fill (RapportAssignmentEditor *self,
      RapportAssignment       *assignment)
{
  g_autofree char *facility = rapport_editor_rows_dup_text (self->facility_row);
  g_autofree char *unit = rapport_editor_rows_dup_text (self->unit_row);
  g_autofree char *city = rapport_editor_rows_dup_text (self->city_row);
  g_autofree char *region = rapport_editor_rows_dup_text (self->region_row);
  g_autofree char *country = rapport_editor_rows_dup_text (self->country_row);
  g_autofree char *tz = rapport_editor_rows_dup_text (self->tz_row);
  g_autofree char *starts_on = rapport_editor_rows_dup_text (self->starts_row);
  g_autofree char *ends_on = rapport_editor_rows_dup_text (self->ends_row);
  g_autofree char *agency = rapport_editor_rows_dup_text (self->agency_row);
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  rapport_assignment_set_facility (assignment, facility);
  rapport_assignment_set_unit (assignment, unit);
  rapport_assignment_set_city (assignment, city);
  rapport_assignment_set_region (assignment, region);
  rapport_assignment_set_country (assignment, country);
  rapport_assignment_set_tz (assignment, tz);
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  rapport_assignment_set_agency (assignment, agency);
  rapport_assignment_set_notes (assignment, notes);
}

static void
save (RapportAssignmentEditor *self)
{
  g_autoptr(RapportAssignment) assignment = NULL;
  g_autoptr(GError) error = NULL;
  RapportAssignment *saved;
  gboolean ok;

  if (!validate (self))
    return;

  if (self->copy == NULL)
    {
      assignment = rapport_assignment_new ("");
      fill (self, assignment);
      ok = rapport_store_add_assignment (self->store, assignment, &error);
    }
  else
    {
      assignment = g_object_ref (self->copy);
      fill (self, assignment);
      ok = rapport_store_update_assignment (self->store, assignment, &error);
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  saved = rapport_store_find_assignment (self->store, rapport_assignment_get_id (assignment));
  g_signal_emit (self, signals[SAVED], 0, saved != NULL ? saved : assignment);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The calendar opens on the date in the field, or today. */
static void
prepare_calendar (GtkCalendar *calendar,
                  AdwEntryRow *row)
{
  g_autofree char *text = rapport_editor_rows_dup_text (row);
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (rapport_local_time_parse_date (text, &year, &month, &day))
    date = g_date_time_new_local (year, month, day, 12, 0, 0);
  else
    date = g_date_time_new_now_local ();

  gtk_calendar_select_day (calendar, date);
}

static void
take_calendar_date (GtkCalendar *calendar,
                    AdwEntryRow *row,
                    GtkPopover  *popover)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = NULL;

  rapport_local_time_format (date, &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_popover_popdown (popover);
}

static void
field_changed_cb (RapportAssignmentEditor *self)
{
  validate (self);
}

/* Enter in a field saves when everything is valid; a field not filled in right does nothing. */
static void
entry_activated_cb (RapportAssignmentEditor *self)
{
  save (self);
}

static void
confirm_clicked_cb (RapportAssignmentEditor *self)
{
  save (self);
}

static void
starts_popover_show_cb (RapportAssignmentEditor *self)
{
  prepare_calendar (self->starts_calendar, self->starts_row);
}

static void
ends_popover_show_cb (RapportAssignmentEditor *self)
{
  prepare_calendar (self->ends_calendar, self->ends_row);
}

static void
starts_day_selected_cb (RapportAssignmentEditor *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->starts_popover)))
    take_calendar_date (self->starts_calendar, self->starts_row, self->starts_popover);
}

static void
ends_day_selected_cb (RapportAssignmentEditor *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->ends_popover)))
    take_calendar_date (self->ends_calendar, self->ends_row, self->ends_popover);
}

static void
tz_popover_show_cb (RapportAssignmentEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->tz_search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->tz_search_entry));
}

static void
tz_search_changed_cb (RapportAssignmentEditor *self)
{
  gtk_string_filter_set_search (self->tz_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->tz_search_entry)));
}

static void
take_zone (RapportAssignmentEditor *self,
           guint                    position)
{
  g_autoptr(GtkStringObject) zone = NULL;

  zone = g_list_model_get_item (G_LIST_MODEL (self->tz_filter_model), position);
  if (zone == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->tz_row), gtk_string_object_get_string (zone));
  gtk_popover_popdown (self->tz_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->tz_row));
}

static void
tz_search_activate_cb (RapportAssignmentEditor *self)
{
  take_zone (self, 0);
}

static void
tz_list_activate_cb (RapportAssignmentEditor *self,
                     guint                    position)
{
  take_zone (self, position);
}

static void
tz_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
tz_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  const char *zone = gtk_string_object_get_string (gtk_list_item_get_item (list_item));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), zone);
  rapport_list_item_set_accessible_label (list_item, zone);
}

static void
tz_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  rapport_list_item_set_accessible_label (list_item, NULL);
}

static void
rapport_assignment_editor_constructed (GObject *object)
{
  RapportAssignmentEditor *self = RAPPORT_ASSIGNMENT_EDITOR (object);

  G_OBJECT_CLASS (rapport_assignment_editor_parent_class)->constructed (object);

  if (self->original != NULL)
    self->copy = rapport_assignment_dup (self->original);

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->facility_row));
}

static void
rapport_assignment_editor_dispose (GObject *object)
{
  RapportAssignmentEditor *self = RAPPORT_ASSIGNMENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_ASSIGNMENT_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->copy);

  G_OBJECT_CLASS (rapport_assignment_editor_parent_class)->dispose (object);
}

static void
rapport_assignment_editor_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RapportAssignmentEditor *self = RAPPORT_ASSIGNMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ASSIGNMENT:
      g_value_set_object (value, self->original);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignment_editor_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RapportAssignmentEditor *self = RAPPORT_ASSIGNMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ASSIGNMENT:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignment_editor_class_init (RapportAssignmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_assignment_editor_constructed;
  object_class->dispose = rapport_assignment_editor_dispose;
  object_class->get_property = rapport_assignment_editor_get_property;
  object_class->set_property = rapport_assignment_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The assignment being edited (the store's item), or NULL for a new one. */
  properties[PROP_ASSIGNMENT] =
    g_param_spec_object ("assignment", NULL, NULL,
                         RAPPORT_TYPE_ASSIGNMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_ASSIGNMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-assignment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, facility_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_filter_model);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_filter);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, tz_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, starts_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, ends_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, starts_calendar);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, ends_calendar);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, dates_hint_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, agency_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, starts_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, ends_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, starts_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ends_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, tz_unbind_cb);

  /* Escape leaves without saving anything. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_assignment_editor_init (RapportAssignmentEditor *self)
{
  AdwEntryRow *rows[9];
  GtkEditable *delegate;

  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_rows_add_save_shortcut (GTK_WIDGET (self), GTK_WIDGET (self->confirm_button));

  setup_zones (self);

  /* The row's title is drawn as a floating label, which screen readers do not get as the text
   * field's name: give the editable inside the row the row's title. */
  rows[0] = self->facility_row;
  rows[1] = self->unit_row;
  rows[2] = self->city_row;
  rows[3] = self->region_row;
  rows[4] = self->country_row;
  rows[5] = self->tz_row;
  rows[6] = self->starts_row;
  rows[7] = self->ends_row;
  rows[8] = self->agency_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i]));

      delegate = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
    }

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->tz_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A time zone name, like America/Denver"),
                                  -1);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->starts_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("YYYY-MM-DD"),
                                  -1);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->ends_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("YYYY-MM-DD"),
                                  -1);
}

RapportAssignmentEditor *
rapport_assignment_editor_new (GtkWindow         *parent,
                               RapportStore      *store,
                               RapportAssignment *assignment)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (assignment == NULL || RAPPORT_IS_ASSIGNMENT (assignment), NULL);

  return g_object_new (RAPPORT_TYPE_ASSIGNMENT_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "assignment", assignment,
                       NULL);
}
