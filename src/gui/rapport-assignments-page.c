/* rapport-assignments-page.c
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

#define G_LOG_DOMAIN "rapport-assignments-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-assignment-editor.h"
#include "rapport-assignment-row.h"
#include "rapport-assignments-page.h"
#include "rapport-list-item-label.h"
#include "rapport-editor-rows.h"
#include "rapport-close-out-dialog.h"
#include "rapport-colleague-chooser.h"
#include "rapport-export-flow.h"
#include "rapport-local-time.h"
#include "rapport-site-guide.h"
#include "rapport-tip-editor.h"
#include "rapport-tip-row.h"
#include "rapport-vcard-export-dialog.h"

/* How many journal entries the page lists, and how many from earlier stays. */
#define MAX_JOURNAL_ROWS 10
#define MAX_RECALL_INTERACTIONS 5
/* Rows each recall list shows before a "Show More" row: a site visited for years brings
 * hundreds of tips and colleagues, and a row for each makes the page slow to open and lay out. */
#define RECALL_LIMIT 10
#define RECALL_STEP 50

enum {
  RECALL_TIPS,
  RECALL_COLLEAGUES,
  N_RECALL_LISTS
};

/* Selects every category in the tip filter. */
#define ALL_CATEGORIES ((guint) -1)

struct _RapportAssignmentsPage
{
  GtkWidget            parent_instance;

  RapportStore        *store;
  RapportAssignment   *shown;            /* the assignment on the content side */
  gulong               shown_handler;
  GHashTable          *watched;          /* assignments whose changes we follow */
  gint64               current_id;       /* the current assignment, 0 for none */
  guint                current_source;   /* re-checks which assignment is current */
  guint                category;         /* the tip filter, ALL_CATEGORIES for none */
  GtkCustomSorter     *sorter;
  GtkCustomFilter     *tip_filter;
  GtkCustomSorter     *tip_sorter;
  GtkFilterListModel  *tip_filter_model;
  GtkSortListModel    *tip_sort_model;
  GPtrArray           *colleague_rows;
  GPtrArray           *journal_rows;
  gint64               pending_tip_id;   /* a tip to bring into view once the page shows */
  guint                pending_tip_source;

  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *sidebar_header;
  GtkStack            *sidebar_stack;
  GtkListView         *list_view;
  GtkSingleSelection  *selection;
  GtkSortListModel    *sort_model;
  GtkWidget           *separator;
  GtkWidget           *content;
  GtkWidget           *back_bar;
  GtkStack            *content_stack;
  GtkScrolledWindow   *detail_scroller;
  GtkLabel            *facility_label;
  GtkLabel            *unit_label;
  GtkLabel            *place_label;
  GtkLabel            *dates_label;
  GtkLabel            *week_label;
  GtkLabel            *met_label;
  AdwPreferencesGroup *recall_group;
  GtkBox              *recall_box;
  guint                recall_limits[N_RECALL_LISTS];
  AdwPreferencesGroup *details_group;
  AdwActionRow        *tz_row;
  AdwActionRow        *agency_row;
  GtkLabel            *notes_label;
  AdwPreferencesGroup *colleagues_group;
  AdwComboRow         *category_row;
  GtkListBox          *tips_list;
  GtkLabel            *tips_placeholder;
  AdwPreferencesGroup *journal_group;
};

/* What an Undo button on a toast needs, kept alive by the toast even after the page moved on. */
typedef struct
{
  RapportStore     *store;
  RapportStoreUndo *undo;
  gint64            assignment_id;   /* shown again after Undo; 0 to leave the selection */
  GWeakRef          page;
} UndoData;

G_DEFINE_FINAL_TYPE (RapportAssignmentsPage, rapport_assignments_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CURRENT_ASSIGNMENT_ID,
  N_PROPS
};

enum {
  ADD_TOAST,
  SHOW_COLLEAGUE,
  SHOW_INTERACTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static UndoData *
undo_data_new (RapportAssignmentsPage *self,
               RapportStoreUndo       *undo,
               gint64                  assignment_id)
{
  UndoData *data = g_new0 (UndoData, 1);

  data->store = g_object_ref (self->store);
  data->undo = undo;
  data->assignment_id = assignment_id;
  g_weak_ref_init (&data->page, self);

  return data;
}

static void
undo_data_free (gpointer  user_data,
                GClosure *closure)
{
  UndoData *data = user_data;

  g_clear_object (&data->store);
  g_clear_pointer (&data->undo, rapport_store_undo_free);
  g_weak_ref_clear (&data->page);
  g_free (data);
}

static void
add_toast (RapportAssignmentsPage *self,
           AdwToast               *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
add_message_toast (RapportAssignmentsPage *self,
                   const char             *message,
                   AdwToastPriority        priority)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  adw_toast_set_priority (toast, priority);
  add_toast (self, toast);
}

static void
add_error_toast (RapportAssignmentsPage *self,
                 const GError           *error)
{
  add_message_toast (self, error->message, ADW_TOAST_PRIORITY_HIGH);
}

static GtkWindow *
get_parent_window (RapportAssignmentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static guint
find_position (GListModel *model,
               gpointer    item)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gint64
shown_id (RapportAssignmentsPage *self)
{
  return self->shown != NULL ? rapport_assignment_get_id (self->shown) : 0;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);

  if (!rapport_local_time_parse_date (text, &year, &month, &day))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_day (const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  GDate parsed;

  if (!parse_date (text, &parsed))
    return NULL;

  date = g_date_time_new_utc (g_date_get_year (&parsed), g_date_get_month (&parsed),
                              g_date_get_day (&parsed), 12, 0, 0);
  /* Translators: a date with its year, see strftime(3), e.g. "12 Jan 2027" */
  return g_date_time_format (date, _("%-d %b %Y"));
}

static char *
format_unix_day (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, _("%-d %b %Y"));
}

/* Today in the assignment's own zone, as "YYYY-MM-DD". */
static GDate
today_in_zone (RapportAssignment *assignment)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (rapport_assignment_get_tz (assignment));
  g_autoptr(GDateTime) now = NULL;
  GDate today;

  if (zone == NULL)
    zone = g_time_zone_new_local ();
  now = g_date_time_new_now (zone);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  return today;
}

/* When a colleague is linked today during this assignment, today is when they met; otherwise
 * the date is not known. */
static char *
dup_met_on_for_today (RapportAssignmentsPage *self,
                      RapportAssignment      *assignment)
{
  GDate today;
  char text[16];

  if (rapport_assignment_get_id (assignment) != self->current_id)
    return g_strdup ("");

  today = today_in_zone (assignment);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&today),
              g_date_get_month (&today), g_date_get_day (&today));

  return g_strdup (text);
}

/* "Week 3 of 12" while the assignment runs, NULL otherwise. */
static char *
dup_week_text (RapportAssignmentsPage *self,
               RapportAssignment      *assignment)
{
  GDate starts, ends, today;
  guint week;

  if (rapport_assignment_get_id (assignment) != self->current_id)
    return NULL;

  if (!parse_date (rapport_assignment_get_starts_on (assignment), &starts))
    return NULL;

  today = today_in_zone (assignment);
  week = g_date_days_between (&starts, &today) / 7 + 1;

  if (parse_date (rapport_assignment_get_ends_on (assignment), &ends))
    {
      guint weeks = (g_date_days_between (&starts, &ends) + 7) / 7;

      /* Translators: how far into an assignment today is, e.g. "Week 3 of 12" */
      return g_strdup_printf (_("Week %u of %u"), week, MAX (weeks, week));
    }

  /* Translators: how far into an assignment without an end date today is, e.g. "Week 3" */
  return g_strdup_printf (_("Week %u"), week);
}

static char *
dup_excerpt (const char *text)
{
  g_autofree char *line = NULL;
  const char *newline;

  if (text == NULL || *text == '\0')
    return NULL;

  newline = strchr (text, '\n');
  line = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
  g_strstrip (line);

  if (g_utf8_strlen (line, -1) > 80)
    {
      *g_utf8_offset_to_pointer (line, 80) = '\0';
      return g_strconcat (line, "…", NULL);
    }

  return g_steal_pointer (&line);
}

static char *
dup_colleague_names (RapportAssignmentsPage *self,
                     RapportInteraction     *interaction)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const gint64 *ids;
  guint n_ids;

  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      RapportColleague *colleague = rapport_store_find_colleague (self->store, ids[i]);

      if (colleague != NULL)
        g_ptr_array_add (names, (gpointer) rapport_colleague_get_name (colleague));
    }
  g_ptr_array_add (names, NULL);

  /* Translators: the separator between colleagues' names */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* Current first, then the latest start (unknown starts last), then the newest. */
static int
compare_assignments (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  RapportAssignmentsPage *self = user_data;
  RapportAssignment *first = (RapportAssignment *) a;
  RapportAssignment *second = (RapportAssignment *) b;
  gint64 first_id = rapport_assignment_get_id (first);
  gint64 second_id = rapport_assignment_get_id (second);
  const char *first_start = rapport_assignment_get_starts_on (first);
  const char *second_start = rapport_assignment_get_starts_on (second);
  int result;

  if (self->current_id != 0 && (first_id == self->current_id) != (second_id == self->current_id))
    return first_id == self->current_id ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  if ((*first_start == '\0') != (*second_start == '\0'))
    return *first_start == '\0' ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;

  result = strcmp (second_start, first_start);
  if (result != 0)
    return result < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  if (first_id == second_id)
    return GTK_ORDERING_EQUAL;

  return first_id > second_id ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static void
resort_if_needed (RapportAssignmentsPage *self,
                  RapportAssignment      *assignment)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  GtkSorter *sorter = GTK_SORTER (self->sorter);
  guint n_items = g_list_model_get_n_items (model);
  guint position = find_position (model, assignment);
  gboolean in_order = TRUE;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (position > 0)
    {
      g_autoptr(GObject) previous = g_list_model_get_item (model, position - 1);

      in_order = gtk_sorter_compare (sorter, previous, assignment) != GTK_ORDERING_LARGER;
    }

  if (in_order && position + 1 < n_items)
    {
      g_autoptr(GObject) next = g_list_model_get_item (model, position + 1);

      in_order = gtk_sorter_compare (sorter, assignment, next) != GTK_ORDERING_LARGER;
    }

  if (!in_order)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void update_detail        (RapportAssignmentsPage *self);
static void schedule_current_check (RapportAssignmentsPage *self);

static void
update_current (RapportAssignmentsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  RapportAssignment *current = NULL;
  gint64 current_id;

  if (self->store != NULL)
    current = rapport_store_get_current_assignment (self->store, now);
  current_id = current != NULL ? rapport_assignment_get_id (current) : 0;

  if (current_id == self->current_id)
    return;

  self->current_id = current_id;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ASSIGNMENT_ID]);
}

static gboolean
current_check_cb (gpointer user_data)
{
  RapportAssignmentsPage *self = user_data;

  self->current_source = 0;
  update_current (self);
  update_detail (self);
  schedule_current_check (self);

  return G_SOURCE_REMOVE;
}

/* Each assignment's day turns at its own midnight, and every zone's offset is a multiple of a
 * quarter hour: looking again at the next quarter hour catches every one of them. */
static void
schedule_current_check (RapportAssignmentsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint seconds_into = (g_date_time_get_minute (now) % 15) * 60 + g_date_time_get_second (now);

  g_clear_handle_id (&self->current_source, g_source_remove);
  self->current_source = g_timeout_add_seconds (15 * 60 - seconds_into + 1, current_check_cb, self);
}

/* Which state each side of the leaflet shows: the list or the invitation, an assignment or a hint. */
static void
update_state (RapportAssignmentsPage *self)
{
  guint n_total = 0;
  gboolean empty;

  if (self->store != NULL)
    n_total = g_list_model_get_n_items (rapport_store_get_assignments (self->store));
  empty = n_total == 0;

  /* With no assignment in the journal the invitation takes the whole page. */
  gtk_widget_set_visible (self->content, !empty);
  gtk_widget_set_visible (self->separator, !empty);
  gtk_widget_set_visible (self->sidebar_header, !empty);
  gtk_widget_set_hexpand (self->sidebar, empty);
  gtk_stack_set_visible_child_name (self->sidebar_stack, empty ? "empty" : "list");

  if (empty)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
update_actions (RapportAssignmentsPage *self)
{
  gboolean enabled = self->store != NULL && self->shown != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.edit", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.delete", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.export-guide", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.export-guide-to", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.export-contacts", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.close-out", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.add-tip", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignments.add-colleagues", enabled);
}

/* The header and the details: read from the assignment every time it changes. */
static void
update_header (RapportAssignmentsPage *self)
{
  RapportAssignment *a = self->shown;
  g_autofree char *place = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *week = NULL;
  const char *notes;

  if (a == NULL)
    return;

  place = rapport_assignment_dup_place (a);
  dates = rapport_assignment_format_dates (a);
  week = dup_week_text (self, a);

  set_label (self->facility_label, rapport_assignment_get_facility (a));
  set_label (self->unit_label, rapport_assignment_get_unit (a));
  set_label (self->place_label, place);
  set_label (self->dates_label, dates);
  set_label (self->week_label, week);

  set_row (self->tz_row, rapport_assignment_get_tz (a));
  set_row (self->agency_row, rapport_assignment_get_agency (a));
  notes = rapport_assignment_get_notes (a);
  set_label (self->notes_label, notes);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->tz_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->agency_row)) ||
                          *notes != '\0');
}

/* Rows, buttons and dialogs carry the id of what they stand for. */
static void
set_row_id (gpointer object,
            gint64   id)
{
  g_object_set_data_full (G_OBJECT (object), "rapport-id", g_memdup2 (&id, sizeof id), g_free);
}

static gint64
get_row_id (gpointer object)
{
  gint64 *id = g_object_get_data (G_OBJECT (object), "rapport-id");

  return id != NULL ? *id : 0;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         const char *icon_name,
         gboolean    activatable)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), activatable);

  if (activatable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static GtkWidget *
new_suffix_button (const char *icon_name,
                   const char *label,
                   const char *tooltip,
                   const char *accessible_label)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  if (icon_name != NULL)
    gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
colleague_row_activated_cb (RapportAssignmentsPage *self,
                            AdwActionRow           *row)
{
  g_signal_emit (self, signals[SHOW_COLLEAGUE], 0, get_row_id (row));
}

static void
interaction_row_activated_cb (RapportAssignmentsPage *self,
                              AdwActionRow           *row)
{
  g_signal_emit (self, signals[SHOW_INTERACTION], 0, get_row_id (row));
}

static void
unlink_clicked_cb (RapportAssignmentsPage *self,
                   GtkButton              *button)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->shown == NULL)
    return;

  if (!rapport_store_unlink_colleague (self->store, get_row_id (button),
                                       shown_id (self), &error))
    add_error_toast (self, error);
}

static void
link_clicked_cb (RapportAssignmentsPage *self,
                 GtkButton              *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *met_on = NULL;

  if (self->store == NULL || self->shown == NULL)
    return;

  met_on = dup_met_on_for_today (self, self->shown);
  if (!rapport_store_link_colleague (self->store, get_row_id (button),
                                     shown_id (self), met_on, &error))
    add_error_toast (self, error);
}

static void
copy_tip_clicked_cb (RapportAssignmentsPage *self,
                     GtkButton              *button)
{
  g_autoptr(RapportTip) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RapportTip *tip;

  if (self->store == NULL || self->shown == NULL)
    return;

  tip = rapport_store_find_tip (self->store, get_row_id (button));
  if (tip == NULL)
    return;

  /* The same knowledge, new to this stay: not tried here yet. */
  copy = rapport_tip_dup (tip);
  rapport_tip_set_id (copy, 0);
  rapport_tip_set_assignment_id (copy, shown_id (self));
  rapport_tip_set_tried (copy, FALSE);
  rapport_tip_set_created_at (copy, 0);

  if (!rapport_store_add_tip (self->store, copy, &error))
    {
      add_error_toast (self, error);
      return;
    }

  /* Translators: %s is a tip's title */
  message = g_strdup_printf (_("“%s” added to this assignment"), rapport_tip_get_title (copy));
  add_message_toast (self, message, ADW_TOAST_PRIORITY_NORMAL);
}

static GtkWidget *
new_interaction_row (RapportAssignmentsPage *self,
                     RapportInteraction     *interaction)
{
  RapportInteractionKind kind = rapport_interaction_get_kind (interaction);
  g_autofree char *names = dup_colleague_names (self, interaction);
  g_autofree char *title = NULL;
  g_autofree char *date = format_unix_day (rapport_interaction_get_occurred_at (interaction));
  g_autofree char *excerpt = dup_excerpt (rapport_interaction_get_body (interaction));
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (*names != '\0')
    /* Translators: a journal entry, e.g. "Coffee with Ada, Bob" */
    title = g_strdup_printf (_("%s with %s"), rapport_interaction_kind_to_label (kind), names);
  else
    title = g_strdup (rapport_interaction_kind_to_label (kind));

  if (excerpt != NULL)
    /* Translators: a journal entry's date and the start of its note */
    subtitle = g_strdup_printf (_("%s · %s"), date, excerpt);
  else
    subtitle = g_strdup (date);

  row = new_row (title, subtitle, rapport_interaction_kind_to_icon_name (kind), TRUE);
  set_row_id (row, rapport_interaction_get_id (interaction));
  g_signal_connect_object (row, "activated", G_CALLBACK (interaction_row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  return row;
}

static int
compare_interactions_newest_first (gconstpointer a,
                                   gconstpointer b)
{
  RapportInteraction *first = *(RapportInteraction **) a;
  RapportInteraction *second = *(RapportInteraction **) b;
  gint64 first_at = rapport_interaction_get_occurred_at (first);
  gint64 second_at = rapport_interaction_get_occurred_at (second);

  if (first_at != second_at)
    return first_at > second_at ? -1 : 1;

  return rapport_interaction_get_id (first) > rapport_interaction_get_id (second) ? -1 : 1;
}

/* The interactions logged at any of the assignments in ids, newest first, at most limit. */
static GPtrArray *
collect_interactions (RapportAssignmentsPage *self,
                      GHashTable             *ids,
                      guint                   limit)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  /* Each assignment's newest entries from the database: the journal may not be read yet. */
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) logged = NULL;

      logged = rapport_store_dup_assignment_interactions (self->store, *(gint64 *) key, limit,
                                                          &error);
      if (logged == NULL)
        {
          g_warning ("Could not read the journal entries of an assignment: %s", error->message);
          continue;
        }
      g_ptr_array_extend_and_steal (found, g_steal_pointer (&logged));
    }

  g_ptr_array_sort (found, compare_interactions_newest_first);
  if (found->len > limit)
    g_ptr_array_set_size (found, limit);

  return found;
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  if (!g_hash_table_contains (set, &id))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static void
rebuild_colleagues (RapportAssignmentsPage *self)
{
  g_autoptr(GArray) ids = NULL;

  clear_group (self->colleagues_group, self->colleague_rows);

  if (self->store == NULL || self->shown == NULL)
    return;

  ids = rapport_store_dup_assignment_colleague_ids (self->store, shown_id (self));
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      RapportColleague *colleague = rapport_store_find_colleague (self->store, id);
      g_autofree char *met_on = NULL;
      g_autofree char *met_day = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *unlink_label = NULL;
      GtkWidget *row;
      GtkWidget *button;

      if (colleague == NULL)
        continue;

      met_on = rapport_store_dup_met_on (self->store, id, shown_id (self));
      met_day = format_day (met_on);
      if (met_day != NULL)
        /* Translators: when a colleague was met, e.g. "Met 12 Jan 2027" */
        subtitle = g_strdup_printf (_("Met %s"), met_day);
      else
        subtitle = g_strdup (rapport_colleague_get_role (colleague));

      row = new_row (rapport_colleague_get_name (colleague), subtitle, NULL, TRUE);
      set_row_id (row, id);
      g_signal_connect_object (row, "activated", G_CALLBACK (colleague_row_activated_cb),
                               self, G_CONNECT_SWAPPED);

      /* Translators: the accessible name of a button, %s is a colleague's name */
      unlink_label = g_strdup_printf (_("Remove %s from This Assignment"),
                                      rapport_colleague_get_name (colleague));
      button = new_suffix_button ("list-remove-symbolic", NULL, _("Remove from This Assignment"),
                                  unlink_label);
      set_row_id (button, id);
      g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      /* Before the arrow, which new_row put last. */
      gtk_widget_insert_before (button, gtk_widget_get_parent (button),
                                gtk_widget_get_prev_sibling (button));

      adw_preferences_group_add (self->colleagues_group, row);
      g_ptr_array_add (self->colleague_rows, row);
    }

  adw_preferences_group_set_description (self->colleagues_group,
                                         self->colleague_rows->len == 0
                                         ? _("Nobody linked yet: add the colleagues you met here.")
                                         : NULL);
}

static void
rebuild_journal (RapportAssignmentsPage *self)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) interactions = NULL;

  clear_group (self->journal_group, self->journal_rows);

  if (self->store == NULL || self->shown == NULL)
    return;

  ids = new_id_set ();
  id_set_add (ids, shown_id (self));
  interactions = collect_interactions (self, ids, MAX_JOURNAL_ROWS);

  for (guint i = 0; i < interactions->len; i++)
    {
      GtkWidget *row = new_interaction_row (self, g_ptr_array_index (interactions, i));

      adw_preferences_group_add (self->journal_group, row);
      g_ptr_array_add (self->journal_rows, row);
    }

  adw_preferences_group_set_description (self->journal_group,
                                         interactions->len == 0
                                         ? _("Nothing logged at this assignment yet.")
                                         : NULL);
}

static gboolean
has_same_tip (RapportAssignmentsPage *self,
              RapportTip             *tip)
{
  GListModel *tips = rapport_store_get_tips (self->store);
  guint n_items = g_list_model_get_n_items (tips);
  g_autofree char *title = g_utf8_casefold (rapport_tip_get_title (tip), -1);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportTip) other = g_list_model_get_item (tips, i);
      g_autofree char *other_title = NULL;

      if (rapport_tip_get_assignment_id (other) != shown_id (self) ||
          rapport_tip_get_category (other) != rapport_tip_get_category (tip))
        continue;

      other_title = g_utf8_casefold (rapport_tip_get_title (other), -1);
      if (g_strcmp0 (title, other_title) == 0)
        return TRUE;
    }

  return FALSE;
}

static int
compare_colleague_names (gconstpointer a,
                         gconstpointer b)
{
  RapportColleague *first = *(RapportColleague **) a;
  RapportColleague *second = *(RapportColleague **) b;
  g_autofree char *first_key = g_utf8_casefold (rapport_colleague_get_name (first), -1);
  g_autofree char *second_key = g_utf8_casefold (rapport_colleague_get_name (second), -1);

  return g_utf8_collate (first_key, second_key);
}

/* The last row of a recall list that has more than it shows. */
static GtkWidget *
new_more_row (guint  list,
              char  *title)
{
  g_autofree char *owned_title = title;

  return rapport_editor_rows_new_show_more (owned_title, "assignments.show-more", list);
}

static GtkWidget *
add_recall_section (RapportAssignmentsPage *self,
                    const char             *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->recall_box, group);

  return group;
}

/* Return recall: what the journal knows from earlier stays at the same site. */
static void
rebuild_recall (RapportAssignmentsPage *self)
{
  g_autoptr(GPtrArray) earlier = NULL;
  g_autoptr(GHashTable) earlier_ids = NULL;
  g_autoptr(GHashTable) colleague_ids = NULL;
  g_autoptr(GArray) linked = NULL;
  g_autoptr(GPtrArray) interactions = NULL;
  g_autoptr(GList) colleague_list = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  GListModel *tips;
  GtkWidget *section = NULL;
  GtkWidget *child;
  guint n_tips;
  guint n_shown, n_more;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recall_box))) != NULL)
    gtk_box_remove (self->recall_box, child);

  if (self->store != NULL && self->shown != NULL)
    earlier = rapport_store_find_same_site_assignments (self->store, shown_id (self));

  gtk_widget_set_visible (GTK_WIDGET (self->recall_group), earlier != NULL && earlier->len > 0);
  if (earlier == NULL || earlier->len == 0)
    return;

  earlier_ids = new_id_set ();
  colleague_ids = new_id_set ();

  section = add_recall_section (self, NULL);
  for (guint i = 0; i < earlier->len; i++)
    {
      RapportAssignment *assignment = g_ptr_array_index (earlier, i);
      g_autofree char *title = rapport_assignment_dup_title (assignment);
      g_autofree char *dates = rapport_assignment_format_dates (assignment);
      g_autoptr(GArray) ids = NULL;
      GtkWidget *row;

      id_set_add (earlier_ids, rapport_assignment_get_id (assignment));
      ids = rapport_store_dup_assignment_colleague_ids (self->store,
                                                        rapport_assignment_get_id (assignment));
      for (guint j = 0; ids != NULL && j < ids->len; j++)
        id_set_add (colleague_ids, g_array_index (ids, gint64, j));

      row = new_row (title, dates, NULL, TRUE);
      set_row_id (row, rapport_assignment_get_id (assignment));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "assignments.show");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x",
                                        rapport_assignment_get_id (assignment));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), row);
    }

  /* Tips from there, each with a way to bring it into this stay. */
  section = NULL;
  n_shown = 0;
  n_more = 0;
  tips = rapport_store_get_tips (self->store);
  n_tips = g_list_model_get_n_items (tips);
  for (guint i = 0; i < n_tips; i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);
      gint64 assignment_id = rapport_tip_get_assignment_id (tip);
      RapportTipCategory category = rapport_tip_get_category (tip);
      g_autofree char *excerpt = NULL;
      const char *subtitle;
      GtkWidget *row;

      if (!g_hash_table_contains (earlier_ids, &assignment_id))
        continue;

      if (n_shown >= self->recall_limits[RECALL_TIPS])
        {
          n_more++;
          continue;
        }
      n_shown++;

      if (section == NULL)
        section = add_recall_section (self, _("Tips From Earlier Stays"));

      excerpt = dup_excerpt (rapport_tip_get_body (tip));
      subtitle = excerpt != NULL ? excerpt : rapport_tip_get_address (tip);
      row = new_row (rapport_tip_get_title (tip), subtitle,
                     rapport_tip_category_to_icon_name (category), FALSE);

      if (!has_same_tip (self, tip))
        {
          g_autofree char *copy_label = NULL;
          GtkWidget *button;

          /* Translators: the accessible name of a button, %s is a tip's title */
          copy_label = g_strdup_printf (_("Copy %s to This Assignment"),
                                        rapport_tip_get_title (tip));
          button = new_suffix_button ("edit-copy-symbolic", NULL, _("Copy to This Assignment"),
                                      copy_label);
          set_row_id (button, rapport_tip_get_id (tip));
          g_signal_connect_object (button, "clicked", G_CALLBACK (copy_tip_clicked_cb),
                                   self, G_CONNECT_SWAPPED);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), row);
    }

  if (n_more > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                               new_more_row (RECALL_TIPS,
                                             g_strdup_printf (ngettext ("Show %u More Tip",
                                                                        "Show %u More Tips",
                                                                        n_more), n_more)));

  /* The people from there, with a way to say they are here again. */
  if (g_hash_table_size (colleague_ids) > 0)
    {
      linked = rapport_store_dup_assignment_colleague_ids (self->store, shown_id (self));
      section = NULL;

      colleagues = g_ptr_array_new ();
      colleague_list = g_hash_table_get_keys (colleague_ids);
      for (GList *l = colleague_list; l != NULL; l = l->next)
        {
          RapportColleague *colleague = rapport_store_find_colleague (self->store,
                                                                      *(gint64 *) l->data);

          if (colleague != NULL)
            g_ptr_array_add (colleagues, colleague);
        }
      g_ptr_array_sort (colleagues, compare_colleague_names);

      n_shown = MIN (colleagues->len, self->recall_limits[RECALL_COLLEAGUES]);
      for (guint i = 0; i < n_shown; i++)
        {
          RapportColleague *colleague = g_ptr_array_index (colleagues, i);
          gint64 id = rapport_colleague_get_id (colleague);
          gboolean is_linked = FALSE;
          GtkWidget *row;

          for (guint j = 0; linked != NULL && j < linked->len; j++)
            is_linked |= g_array_index (linked, gint64, j) == id;

          if (section == NULL)
            section = add_recall_section (self, _("Colleagues From Earlier Stays"));

          row = new_row (rapport_colleague_get_name (colleague),
                         rapport_colleague_get_role (colleague), NULL, TRUE);
          set_row_id (row, id);
          g_signal_connect_object (row, "activated", G_CALLBACK (colleague_row_activated_cb),
                                   self, G_CONNECT_SWAPPED);

          if (!is_linked)
            {
              g_autofree char *link_label = NULL;
              GtkWidget *button;

              /* Translators: the accessible name of a button, %s is a colleague's name */
              link_label = g_strdup_printf (_("Link %s to This Assignment"),
                                            rapport_colleague_get_name (colleague));
              button = new_suffix_button (NULL, _("Link"), _("Met Here Too"), link_label);
              set_row_id (button, id);
              g_signal_connect_object (button, "clicked", G_CALLBACK (link_clicked_cb),
                                       self, G_CONNECT_SWAPPED);
              /* Before the arrow, which new_row put last. */
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
              gtk_widget_insert_before (button, gtk_widget_get_parent (button),
                                        gtk_widget_get_prev_sibling (button));
            }

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), row);
        }

      if (n_shown < colleagues->len)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                                   new_more_row (RECALL_COLLEAGUES,
                                                 g_strdup_printf (
                                                   ngettext ("Show %u More Colleague",
                                                             "Show %u More Colleagues",
                                                             colleagues->len - n_shown),
                                                   colleagues->len - n_shown)));
    }

  interactions = collect_interactions (self, earlier_ids, MAX_RECALL_INTERACTIONS);
  if (interactions->len > 0)
    {
      section = add_recall_section (self, _("Last Time There"));
      for (guint i = 0; i < interactions->len; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                                   new_interaction_row (self,
                                                        g_ptr_array_index (interactions, i)));
    }
}

static gboolean
tip_filter_func (gpointer item,
                 gpointer user_data)
{
  RapportAssignmentsPage *self = user_data;
  RapportTip *tip = item;

  if (self->shown == NULL || rapport_tip_get_assignment_id (tip) != shown_id (self))
    return FALSE;

  return self->category == ALL_CATEGORIES || rapport_tip_get_category (tip) == self->category;
}

/* By category, then title. */
static int
compare_tips (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  RapportTip *first = (RapportTip *) a;
  RapportTip *second = (RapportTip *) b;
  g_autofree char *first_key = NULL;
  g_autofree char *second_key = NULL;
  int result;

  if (rapport_tip_get_category (first) != rapport_tip_get_category (second))
    return rapport_tip_get_category (first) < rapport_tip_get_category (second)
           ? GTK_ORDERING_SMALLER
           : GTK_ORDERING_LARGER;

  first_key = g_utf8_casefold (rapport_tip_get_title (first), -1);
  second_key = g_utf8_casefold (rapport_tip_get_title (second), -1);
  result = g_utf8_collate (first_key, second_key);
  if (result != 0)
    return result < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  if (rapport_tip_get_id (first) == rapport_tip_get_id (second))
    return GTK_ORDERING_EQUAL;

  return rapport_tip_get_id (first) < rapport_tip_get_id (second)
         ? GTK_ORDERING_SMALLER
         : GTK_ORDERING_LARGER;
}

static guint
count_shown_tips (RapportAssignmentsPage *self)
{
  GListModel *tips;
  guint n_items;
  guint count = 0;

  if (self->store == NULL || self->shown == NULL)
    return 0;

  tips = rapport_store_get_tips (self->store);
  n_items = g_list_model_get_n_items (tips);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);

      count += rapport_tip_get_assignment_id (tip) == shown_id (self);
    }

  return count;
}

static void
update_tips_placeholder (RapportAssignmentsPage *self)
{
  if (self->category != ALL_CATEGORIES && count_shown_tips (self) > 0)
    gtk_label_set_label (self->tips_placeholder, _("No tips in this category."));
  else
    gtk_label_set_label (self->tips_placeholder,
                         _("No tips yet — add the coffee place, the badge office hours, "
                           "where to park."));
}

/* A tip's category, title or assignment may have changed: filter and sort again. Models only
 * announce the rows that actually moved, so the others keep their widgets (and focus). */
static void
refresh_tips (RapportAssignmentsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->tip_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->tip_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_tips_placeholder (self);
}

static void
tip_header_func (GtkListBoxRow *row,
                 GtkListBoxRow *before,
                 gpointer       user_data)
{
  RapportTip *tip = rapport_tip_row_get_tip (RAPPORT_TIP_ROW (row));
  RapportTipCategory category = rapport_tip_get_category (tip);
  GtkWidget *header;

  if (before != NULL &&
      rapport_tip_get_category (rapport_tip_row_get_tip (RAPPORT_TIP_ROW (before))) == category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_end (header, 12);
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_list_box_row_set_header (row, header);
    }

  gtk_label_set_label (GTK_LABEL (header), rapport_tip_category_to_label (category));
}

static void
undo_cb (AdwToast *toast,
         UndoData *data)
{
  g_autoptr(RapportAssignmentsPage) self = g_weak_ref_get (&data->page);
  g_autoptr(GError) error = NULL;

  if (!rapport_store_undo (data->store, data->undo, &error))
    {
      if (self != NULL)
        add_error_toast (self, error);
      return;
    }

  if (self != NULL && data->assignment_id != 0)
    rapport_assignments_page_show_assignment (self, data->assignment_id);
}

static void
tip_delete_requested_cb (RapportAssignmentsPage *self,
                         RapportTipRow          *row)
{
  g_autoptr(RapportTip) tip = g_object_ref (rapport_tip_row_get_tip (row));
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  RapportStoreUndo *undo = NULL;

  if (self->store == NULL)
    return;

  if (!rapport_store_delete_tip (self->store, rapport_tip_get_id (tip), &undo, &error))
    {
      add_error_toast (self, error);
      return;
    }

  /* Translators: %s is a tip's title */
  title = g_strdup_printf (_("“%s” deleted"), rapport_tip_get_title (tip));
  toast = adw_toast_new (title);
  /* No mnemonic: GTK 4.8 would name the button "_Undo Undo" for screen readers. */
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb),
                         undo_data_new (self, undo, 0), undo_data_free, 0);
  add_toast (self, toast);
}

static GtkWidget *
create_tip_row (gpointer item,
                gpointer user_data)
{
  RapportAssignmentsPage *self = user_data;
  GtkWidget *row = rapport_tip_row_new (self->store, item);

  g_signal_connect_object (row, "delete-requested", G_CALLBACK (tip_delete_requested_cb),
                           self, G_CONNECT_SWAPPED);

  return row;
}

static void
tip_row_activated_cb (RapportAssignmentsPage *self,
                      GtkListBoxRow          *row)
{
  RapportTipEditor *editor;

  if (self->store == NULL || !RAPPORT_IS_TIP_ROW (row))
    return;

  editor = rapport_tip_editor_new (get_parent_window (self), self->store, 0,
                                   rapport_tip_row_get_tip (RAPPORT_TIP_ROW (row)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
category_selected_cb (RapportAssignmentsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);
  guint category = selected == 0 || selected == GTK_INVALID_LIST_POSITION
                   ? ALL_CATEGORIES
                   : selected - 1;

  if (category == self->category)
    return;

  self->category = category;
  gtk_filter_changed (GTK_FILTER (self->tip_filter),
                      category == ALL_CATEGORIES ? GTK_FILTER_CHANGE_LESS_STRICT
                                                 : GTK_FILTER_CHANGE_DIFFERENT);
  update_tips_placeholder (self);
}

/* "Met 12 colleagues here · 5 still in touch": counted by the store, since links and entries
 * change it; hidden while nobody is linked (the colleagues group says so). */
static void
update_met (RapportAssignmentsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *met_text = NULL;
  g_autofree char *in_touch_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *meaning = NULL;
  guint met = 0;
  guint in_touch = 0;

  if (self->store == NULL || self->shown == NULL ||
      !rapport_store_count_assignment_colleagues (self->store, shown_id (self), now, &met,
                                                  &in_touch, &error) ||
      met == 0)
    {
      /* NOT_FOUND: the assignment was deleted a moment ago, and another is about to show. */
      if (error != NULL &&
          !g_error_matches (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not count the colleagues met at an assignment: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->met_label), FALSE);
      return;
    }

  met_text = g_strdup_printf (ngettext ("Met %u colleague here", "Met %u colleagues here", met),
                              met);
  in_touch_text = g_strdup_printf (ngettext ("%u still in touch", "%u still in touch",
                                             in_touch),
                                   in_touch);
  /* Translators: "Met 12 colleagues here · 5 still in touch" */
  text = g_strdup_printf (_("%s · %s"), met_text, in_touch_text);
  meaning = g_strdup_printf (ngettext ("Still in touch: a journal entry with them in the last "
                                       "%u day",
                                       "Still in touch: a journal entry with them in the last "
                                       "%u days",
                                       RAPPORT_IN_TOUCH_DAYS),
                             RAPPORT_IN_TOUCH_DAYS);

  gtk_label_set_label (self->met_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->met_label), meaning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->met_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meaning,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->met_label), TRUE);
}

static void
update_detail (RapportAssignmentsPage *self)
{
  update_header (self);
  update_met (self);
  rebuild_recall (self);
  rebuild_colleagues (self);
  rebuild_journal (self);
  update_tips_placeholder (self);
}

static void
shown_notify_cb (RapportAssignmentsPage *self,
                 GParamSpec             *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  update_header (self);

  /* Another site may bring other memories. */
  if (g_str_equal (name, "facility") || g_str_equal (name, "city") ||
      g_str_equal (name, "country"))
    rebuild_recall (self);
}

static void
set_shown (RapportAssignmentsPage *self,
           RapportAssignment      *assignment)
{
  if (self->shown == assignment)
    return;

  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);

  g_set_object (&self->shown, assignment);

  if (assignment != NULL)
    self->shown_handler = g_signal_connect_object (assignment, "notify",
                                                   G_CALLBACK (shown_notify_cb),
                                                   self, G_CONNECT_SWAPPED);

  /* Every assignment opens on all its tips, at the top. */
  if (self->category != ALL_CATEGORIES)
    {
      self->category = ALL_CATEGORIES;
      adw_combo_row_set_selected (self->category_row, 0);
    }
  gtk_filter_changed (GTK_FILTER (self->tip_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);

  gtk_stack_set_visible_child_name (self->content_stack, assignment != NULL ? "detail" : "none");
  update_detail (self);
  update_actions (self);
}

static void
show_selected (RapportAssignmentsPage *self,
               gboolean                navigate)
{
  RapportAssignment *assignment = gtk_single_selection_get_selected_item (self->selection);

  set_shown (self, assignment);

  if (assignment != NULL && navigate)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  else if (assignment == NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* The current assignment, else the newest: the first in the list. */
static void
select_default (RapportAssignmentsPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
}

static void
assignment_notify_cb (RapportAssignmentsPage *self,
                      GParamSpec             *pspec,
                      RapportAssignment      *assignment)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "starts-on"))
    resort_if_needed (self, assignment);
}

static void
watch_assignments (RapportAssignmentsPage *self,
                   GListModel             *model,
                   guint                   position,
                   guint                   n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(RapportAssignment) assignment = g_list_model_get_item (model, i);

      if (g_hash_table_contains (self->watched, assignment))
        continue;

      g_hash_table_add (self->watched, g_object_ref (assignment));
      g_signal_connect_object (assignment, "notify", G_CALLBACK (assignment_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
unwatch_assignments (RapportAssignmentsPage *self)
{
  GHashTableIter iter;
  gpointer assignment;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &assignment, NULL))
    g_signal_handlers_disconnect_by_func (assignment, assignment_notify_cb, self);
  g_hash_table_remove_all (self->watched);
}

/* What the row shows, for a screen reader: "Alpenglow Regional Medical Center, ICU,
 * 12 Jan – 3 Apr 2027, Current". */
static void
name_row_item (GtkListItem *item)
{
  RapportAssignment *assignment = gtk_list_item_get_item (item);
  RapportAssignmentRow *row = RAPPORT_ASSIGNMENT_ROW (gtk_list_item_get_child (item));
  g_autofree char *dates = NULL;
  g_autofree char *label = NULL;

  if (assignment == NULL)
    return;

  dates = rapport_assignment_format_dates (assignment);
  label = rapport_list_item_join_label (rapport_assignment_get_facility (assignment),
                                        rapport_assignment_get_unit (assignment),
                                        dates != NULL ? dates : "",
                                        /* Translators: the tag on the current assignment's row */
                                        rapport_assignment_row_get_current (row) ?
                                        _("Current") : "",
                                        NULL);
  rapport_list_item_set_accessible_label (item, label);
}

static void
row_item_notify_cb (GtkListItem *item)
{
  name_row_item (item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RapportAssignmentsPage   *self)
{
  GtkWidget *row = rapport_assignment_row_new ();

  g_object_bind_property (self, "current-assignment-id", row, "current-id",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (row, "notify::current-id", G_CALLBACK (row_item_notify_cb), item,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  RapportAssignment *assignment = gtk_list_item_get_item (item);

  rapport_assignment_row_set_assignment (RAPPORT_ASSIGNMENT_ROW (gtk_list_item_get_child (item)),
                                         assignment);
  name_row_item (item);
  /* An edit shows in the row at once: its name follows. */
  g_signal_connect_object (assignment, "notify", G_CALLBACK (row_item_notify_cb), item,
                           G_CONNECT_SWAPPED);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  RapportAssignment *assignment = gtk_list_item_get_item (item);

  if (assignment != NULL)
    g_signal_handlers_disconnect_by_func (assignment, row_item_notify_cb, item);
  rapport_assignment_row_set_assignment (RAPPORT_ASSIGNMENT_ROW (gtk_list_item_get_child (item)),
                                         NULL);
  rapport_list_item_set_accessible_label (item, NULL);
}

static void
store_items_changed_cb (RapportAssignmentsPage *self,
                        guint                   position,
                        guint                   removed,
                        guint                   added,
                        GListModel             *model)
{
  watch_assignments (self, model, position, added);
}

static void
sort_items_changed_cb (RapportAssignmentsPage *self)
{
  update_state (self);
}

static void
store_changed_cb (RapportAssignmentsPage *self)
{
  update_current (self);

  /* The shown assignment went away (deleted): show another. */
  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    select_default (self);

  refresh_tips (self);
  update_detail (self);
}

static void
selection_changed_cb (RapportAssignmentsPage *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      select_default (self);
      return;
    }

  show_selected (self, FALSE);
}

static void
list_activate_cb (RapportAssignmentsPage *self,
                  guint                   position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self, TRUE);
}

static void
leaflet_folded_cb (RapportAssignmentsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_bar, folded);
  /* Narrow, a tap on a row opens it; wide, a click selects and the page shows beside. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
}

static void
back_clicked_cb (RapportAssignmentsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
new_clicked_cb (RapportAssignmentsPage *self)
{
  rapport_assignments_page_add_assignment (self);
}

static void
assignment_saved_cb (RapportAssignmentsPage *self,
                     RapportAssignment      *assignment)
{
  rapport_assignments_page_show_assignment (self, rapport_assignment_get_id (assignment));
}

static void
link_dialog_link_cb (GtkButton *button,
                     GtkWidget *dialog)
{
  RapportAssignmentsPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  RapportColleagueChooser *chooser = g_object_get_data (G_OBJECT (dialog), "chooser");
  g_autoptr(GArray) chosen = rapport_colleague_chooser_dup_selected (chooser);
  g_autoptr(GArray) linked = NULL;
  g_autofree char *met_on = NULL;

  if (self->store == NULL || self->shown == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }

  linked = rapport_store_dup_assignment_colleague_ids (self->store, shown_id (self));
  met_on = dup_met_on_for_today (self, self->shown);

  for (guint i = 0; chosen != NULL && i < chosen->len; i++)
    {
      gint64 id = g_array_index (chosen, gint64, i);
      g_autoptr(GError) error = NULL;
      gboolean is_linked = FALSE;

      /* Linking again would replace the day they met. */
      for (guint j = 0; linked != NULL && j < linked->len; j++)
        is_linked |= g_array_index (linked, gint64, j) == id;
      if (is_linked)
        continue;

      if (!rapport_store_link_colleague (self->store, id, shown_id (self), met_on, &error))
        {
          add_error_toast (self, error);
          break;
        }
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
link_dialog_chooser_changed_cb (RapportColleagueChooser *chooser,
                                GtkWidget               *button)
{
  g_autoptr(GArray) chosen = rapport_colleague_chooser_dup_selected (chooser);

  gtk_widget_set_sensitive (button, chosen != NULL && chosen->len > 0);
}

static void
add_colleagues_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  g_autofree char *facility = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *cancel;
  GtkWidget *link;
  GtkWidget *chooser;
  GtkWidget *title;
  GtkEventController *controller;

  if (self->store == NULL || self->shown == NULL)
    return;

  dialog = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_parent_window (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, 560);
  gtk_widget_set_size_request (dialog, 360, 294);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Add Colleagues"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  facility = g_strdup (rapport_assignment_get_facility (self->shown));
  title = adw_window_title_new (_("Add Colleagues"), facility);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);

  cancel = gtk_button_new_with_label (_("Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  link = gtk_button_new_with_label (_("Link"));
  gtk_widget_add_css_class (link, "suggested-action");
  gtk_widget_set_sensitive (link, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), link);
  gtk_box_append (GTK_BOX (box), header);

  chooser = rapport_colleague_chooser_new (self->store);
  gtk_widget_set_vexpand (chooser, TRUE);
  gtk_box_append (GTK_BOX (box), chooser);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "chooser", chooser);
  g_signal_connect (link, "clicked", G_CALLBACK (link_dialog_link_cb), dialog);
  g_signal_connect (chooser, "changed", G_CALLBACK (link_dialog_chooser_changed_cb), link);

  /* Escape leaves without linking anyone. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, controller);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_tip_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  rapport_assignments_page_add_tip (RAPPORT_ASSIGNMENTS_PAGE (widget));
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  guint32 list = g_variant_get_uint32 (parameter);

  if (list >= N_RECALL_LISTS)
    return;

  self->recall_limits[list] += RECALL_STEP;
  rebuild_recall (self);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rapport_assignments_page_show_assignment (RAPPORT_ASSIGNMENTS_PAGE (widget),
                                            g_variant_get_int64 (parameter));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  RapportAssignmentEditor *editor;

  if (self->store == NULL || self->shown == NULL)
    return;

  editor = rapport_assignment_editor_new (get_parent_window (self), self->store, self->shown);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  g_autoptr(RapportAssignment) assignment = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  RapportStoreUndo *undo = NULL;
  guint n_tips;

  if (self->store == NULL || self->shown == NULL)
    return;

  /* The store hands the selection elsewhere while this runs. */
  assignment = g_object_ref (self->shown);

  if (!rapport_store_delete_assignment (self->store, rapport_assignment_get_id (assignment),
                                        &undo, &error))
    {
      add_error_toast (self, error);
      return;
    }

  n_tips = rapport_store_undo_get_removed (undo, RAPPORT_ITEM_KIND_TIP);
  if (n_tips == 0)
    /* Translators: %s is an assignment's facility */
    title = g_strdup_printf (_("“%s” deleted"), rapport_assignment_get_facility (assignment));
  else
    /* Translators: %s is an assignment's facility, %u how many tips went with it */
    title = g_strdup_printf (ngettext ("“%s” and %u tip deleted", "“%s” and %u tips deleted",
                                       n_tips),
                             rapport_assignment_get_facility (assignment), n_tips);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb),
                         undo_data_new (self, undo, rapport_assignment_get_id (assignment)),
                         undo_data_free, 0);
  add_toast (self, toast);
}

static gboolean
export_guide_cb (GtkWidget   *owner,
                 const char  *path,
                 gpointer     user_data,
                 GError     **error)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (owner);
  gint64 assignment_id = *(gint64 *) user_data;

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The journal was locked before the site guide was saved. Unlock it, "
                             "then export again."));
      return FALSE;
    }

  return rapport_site_guide_export (self->store, assignment_id, path, error);
}

static void
export_toast_cb (RapportAssignmentsPage *self,
                 AdwToast               *toast,
                 RapportExportFlow      *flow)
{
  add_toast (self, toast);
}

/* The flow for the shown assignment; NULL when none is shown. */
static RapportExportFlow *
create_export_flow (RapportAssignmentsPage *self)
{
  gint64 assignment_id = shown_id (self);
  RapportExportFlow *flow;

  if (self->store == NULL || self->shown == NULL)
    return NULL;

  flow = rapport_export_flow_new_site_guide (GTK_WIDGET (self), self->shown, export_guide_cb,
                                             g_memdup2 (&assignment_id, sizeof assignment_id),
                                             g_free);
  g_signal_connect_object (flow, "add-toast", G_CALLBACK (export_toast_cb), self,
                           G_CONNECT_SWAPPED);

  return flow;
}

static void
export_guide_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  g_autoptr(RapportExportFlow) flow = create_export_flow (self);

  if (flow != NULL)
    rapport_export_flow_export_to (flow, g_variant_get_string (parameter, NULL));
}

static void
export_guide_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  g_autoptr(RapportExportFlow) flow = create_export_flow (self);

  if (flow != NULL)
    rapport_export_flow_run (flow);
}

/* The dialogs' toasts reach the window through the page, like the page's own. */
static void
dialog_toast_cb (RapportAssignmentsPage *self,
                 AdwToast               *toast)
{
  add_toast (self, toast);
}

static void
export_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  RapportVCardExportDialog *dialog;

  if (self->store == NULL || self->shown == NULL)
    return;

  dialog = rapport_vcard_export_dialog_new (self->store, get_parent_window (self), shown_id (self));
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (dialog_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (widget);
  RapportCloseOutDialog *dialog;

  if (self->store == NULL || self->shown == NULL)
    return;

  dialog = rapport_close_out_dialog_new (self->store, get_parent_window (self), shown_id (self));
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (dialog_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
bring_tip_into_view_cb (gpointer user_data)
{
  RapportAssignmentsPage *self = user_data;

  self->pending_tip_source = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tips_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (RAPPORT_IS_TIP_ROW (child) &&
          rapport_tip_get_id (rapport_tip_row_get_tip (RAPPORT_TIP_ROW (child))) ==
          self->pending_tip_id)
        {
          /* The scrolled window follows the focus. */
          gtk_widget_grab_focus (child);
          break;
        }
    }

  self->pending_tip_id = 0;

  return G_SOURCE_REMOVE;
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  RapportAssignmentsPage *self = user_data;

  if (self->shown == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "assignments.delete", NULL);
}

static void
rapport_assignments_page_dispose (GObject *object)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (object);

  g_clear_handle_id (&self->current_source, g_source_remove);
  g_clear_handle_id (&self->pending_tip_source, g_source_remove);

  if (self->tips_list != NULL)
    gtk_list_box_bind_model (self->tips_list, NULL, NULL, NULL, NULL);

  rapport_assignments_page_set_store (self, NULL);
  set_shown (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_ASSIGNMENTS_PAGE);

  g_clear_object (&self->sorter);
  g_clear_object (&self->tip_filter);
  g_clear_object (&self->tip_sorter);
  g_clear_object (&self->tip_filter_model);
  g_clear_object (&self->tip_sort_model);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->colleague_rows, g_ptr_array_unref);
  g_clear_pointer (&self->journal_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_assignments_page_parent_class)->dispose (object);
}

static void
rapport_assignments_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CURRENT_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->current_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignments_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RapportAssignmentsPage *self = RAPPORT_ASSIGNMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_assignments_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignments_page_class_init (RapportAssignmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_assignments_page_dispose;
  object_class->get_property = rapport_assignments_page_get_property;
  object_class->set_property = rapport_assignments_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The assignment running today (0 for none); the list's rows follow it. */
  properties[PROP_CURRENT_ASSIGNMENT_ID] =
    g_param_spec_int64 ("current-assignment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /* The window answers these by showing the colleague or the journal entry. */
  signals[SHOW_COLLEAGUE] =
    g_signal_new ("show-colleague",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  signals[SHOW_INTERACTION] =
    g_signal_new ("show-interaction",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-assignments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, separator);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, back_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, facility_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, place_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, week_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, met_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, recall_group);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, recall_box);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, tz_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, agency_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, colleagues_group);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, category_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, tips_list);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, tips_placeholder);
  gtk_widget_class_bind_template_child (widget_class, RapportAssignmentsPage, journal_group);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, tip_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "assignments.show", "x", show_action);
  gtk_widget_class_install_action (widget_class, "assignments.show-more", "u",
                                   show_more_action);
  gtk_widget_class_install_action (widget_class, "assignments.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "assignments.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "assignments.export-guide", NULL,
                                   export_guide_action);
  /* What the file chooser leads to, reachable without one (scripts and tests). */
  gtk_widget_class_install_action (widget_class, "assignments.export-guide-to", "s",
                                   export_guide_to_action);
  gtk_widget_class_install_action (widget_class, "assignments.export-contacts", NULL,
                                   export_contacts_action);
  gtk_widget_class_install_action (widget_class, "assignments.close-out", NULL, close_out_action);
  gtk_widget_class_install_action (widget_class, "assignments.add-tip", NULL, add_tip_action);
  gtk_widget_class_install_action (widget_class, "assignments.add-colleagues", NULL,
                                   add_colleagues_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "assignments.edit", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_assignments_page_init (RapportAssignmentsPage *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkEventController *controller;
  GtkShortcut *shortcut;

  for (guint i = 0; i < N_RECALL_LISTS; i++)
    self->recall_limits[i] = RECALL_LIMIT;

  g_type_ensure (RAPPORT_TYPE_ASSIGNMENT);
  g_type_ensure (RAPPORT_TYPE_ASSIGNMENT_ROW);
  g_type_ensure (RAPPORT_TYPE_TIP_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category = ALL_CATEGORIES;
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->colleague_rows = g_ptr_array_new ();
  self->journal_rows = g_ptr_array_new ();

  self->sorter = gtk_custom_sorter_new (compare_assignments, self, NULL);
  gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (self->sorter));
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (sort_items_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* The tips of the shown assignment, by category and title. */
  self->tip_filter = gtk_custom_filter_new (tip_filter_func, self, NULL);
  self->tip_sorter = gtk_custom_sorter_new (compare_tips, self, NULL);
  self->tip_filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->tip_filter)));
  self->tip_sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tip_filter_model)),
                                                  g_object_ref (GTK_SORTER (self->tip_sorter)));
  gtk_list_box_bind_model (self->tips_list, G_LIST_MODEL (self->tip_sort_model),
                           create_tip_row, self, NULL);
  gtk_list_box_set_header_func (self->tips_list, tip_header_func, NULL, NULL);

  gtk_string_list_append (categories, _("All"));
  for (guint i = 0; i < RAPPORT_N_TIP_CATEGORIES; i++)
    gtk_string_list_append (categories, rapport_tip_category_to_label (i));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));

  /* Delete removes the selected assignment when the list has the focus (Undo is in the toast). */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_callback_action_new (delete_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  leaflet_folded_cb (self);
  update_state (self);
  update_actions (self);
  update_tips_placeholder (self);
  schedule_current_check (self);
}

RapportStore *
rapport_assignments_page_get_store (RapportAssignmentsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENTS_PAGE (self), NULL);

  return self->store;
}

void
rapport_assignments_page_set_store (RapportAssignmentsPage *self,
                                    RapportStore           *store)
{
  GListModel *assignments;

  g_return_if_fail (RAPPORT_IS_ASSIGNMENTS_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (rapport_store_get_assignments (self->store),
                                            store_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
      unwatch_assignments (self);
    }

  g_set_object (&self->store, store);

  if (self->sort_model == NULL)
    return;

  assignments = store != NULL ? rapport_store_get_assignments (store) : NULL;
  if (store != NULL)
    {
      watch_assignments (self, assignments, 0, g_list_model_get_n_items (assignments));
      g_signal_connect_object (assignments, "items-changed",
                               G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  self->current_id = 0;
  update_current (self);
  gtk_sort_list_model_set_model (self->sort_model, assignments);
  gtk_filter_list_model_set_model (self->tip_filter_model,
                                   store != NULL ? rapport_store_get_tips (store) : NULL);
  update_state (self);

  if (store != NULL)
    select_default (self);
  else
    set_shown (self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
rapport_assignments_page_add_assignment (RapportAssignmentsPage *self)
{
  RapportAssignmentEditor *editor;

  g_return_if_fail (RAPPORT_IS_ASSIGNMENTS_PAGE (self));

  if (self->store == NULL)
    return;

  editor = rapport_assignment_editor_new (get_parent_window (self), self->store, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (assignment_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
rapport_assignments_page_add_tip (RapportAssignmentsPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  RapportAssignment *assignment;
  RapportTipEditor *editor;

  g_return_if_fail (RAPPORT_IS_ASSIGNMENTS_PAGE (self));

  if (self->store == NULL)
    return;

  assignment = self->shown;
  if (assignment == NULL)
    {
      now = g_date_time_new_now_local ();
      assignment = rapport_store_get_current_assignment (self->store, now);
    }

  if (assignment == NULL)
    {
      add_message_toast (self, _("Add an assignment first: tips are kept with the place they are "
                                 "about."), ADW_TOAST_PRIORITY_HIGH);
      return;
    }

  editor = rapport_tip_editor_new (get_parent_window (self), self->store,
                                   rapport_assignment_get_id (assignment), NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

void
rapport_assignments_page_show_assignment (RapportAssignmentsPage *self,
                                          gint64                  id)
{
  RapportAssignment *assignment;
  guint position;

  g_return_if_fail (RAPPORT_IS_ASSIGNMENTS_PAGE (self));

  if (self->store == NULL)
    return;

  assignment = rapport_store_find_assignment (self->store, id);
  if (assignment == NULL)
    return;

  position = find_position (G_LIST_MODEL (self->selection), assignment);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  show_selected (self, TRUE);
}

void
rapport_assignments_page_show_tip (RapportAssignmentsPage *self,
                                   gint64                  tip_id)
{
  RapportTip *tip;

  g_return_if_fail (RAPPORT_IS_ASSIGNMENTS_PAGE (self));

  if (self->store == NULL)
    return;

  tip = rapport_store_find_tip (self->store, tip_id);
  if (tip == NULL)
    return;

  rapport_assignments_page_show_assignment (self, rapport_tip_get_assignment_id (tip));

  /* A category filter that hides it gives way. */
  if (self->category != ALL_CATEGORIES && rapport_tip_get_category (tip) != self->category)
    adw_combo_row_set_selected (self->category_row, 0);

  /* Once the window has switched to this view and laid it out. */
  self->pending_tip_id = tip_id;
  g_clear_handle_id (&self->pending_tip_source, g_source_remove);
  self->pending_tip_source = g_idle_add (bring_tip_into_view_cb, self);
}
