/* rapport-journal-page.c
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

#define G_LOG_DOMAIN "rapport-journal-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-interaction-editor.h"
#include "rapport-interaction-row.h"
#include "rapport-journal-page.h"
#include "rapport-list-item-label.h"
#include "rapport-timeline-model.h"

/* Below this width the filters go on a line below the Log Interaction button. */
#define NARROW_WIDTH 600

struct _RapportJournalPage
{
  GtkWidget             parent_instance;

  RapportStore         *store;
  GCancellable         *reading;          /* the entries being read in a worker */
  gboolean              entries_shown;    /* the list shows the store's entries */
  GtkCustomFilter      *filter;
  GtkCustomSorter      *sorter;
  RapportTimelineModel *timeline;
  GArray               *colleague_ids;    /* what each "Filter by Colleague" entry stands for */
  GArray               *assignment_ids;   /* what each "Filter by Assignment" entry stands for */
  char                 *colleagues_key;   /* what the colleague filter lists, to skip rebuilds */
  char                 *colleagues_seen;  /* the colleagues' ids and names, unsorted, likewise */
  char                 *assignments_key;
  gboolean              rebuilding;
  GHashTable           *bound_entries;    /* list items showing an entry, to name again */

  gint64                colleague_filter;   /* 0 = everyone */
  int                   kind_filter;        /* -1 = all kinds */
  gint64                assignment_filter;  /* 0 = all assignments */

  gint64                focus_id;           /* the entry to give the focus once it is on screen */
  guint                 focus_source;

  GtkWidget            *header_box;
  GtkDropDown          *colleague_dropdown;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *assignment_dropdown;
  GtkStack             *stack;
  GtkListView          *list_view;
  GtkSingleSelection   *selection;
  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
};

/* What an Undo button on a toast needs, kept alive by the toast even after the page moved on. */
typedef struct
{
  RapportStore     *store;
  RapportStoreUndo *undo;
  GWeakRef          page;
} UndoData;

G_DEFINE_FINAL_TYPE (RapportJournalPage, rapport_journal_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ADD_TOAST,
  SHOW_COLLEAGUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
add_error_toast (RapportJournalPage *self,
                 const GError       *error)
{
  g_autoptr(AdwToast) toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static gboolean
matches_filters (RapportJournalPage *self,
                 RapportInteraction *interaction)
{
  if (self->colleague_filter != 0 &&
      !rapport_interaction_has_colleague (interaction, self->colleague_filter))
    return FALSE;

  if (self->kind_filter >= 0 && (int) rapport_interaction_get_kind (interaction) != self->kind_filter)
    return FALSE;

  if (self->assignment_filter != 0 &&
      rapport_interaction_get_assignment_id (interaction) != self->assignment_filter)
    return FALSE;

  return TRUE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  return matches_filters (user_data, item);
}

/* Newest first; the id keeps entries logged for the same minute in a stable order. */
static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  RapportInteraction *x = (RapportInteraction *) a;
  RapportInteraction *y = (RapportInteraction *) b;
  gint64 tx = rapport_interaction_get_occurred_at (x);
  gint64 ty = rapport_interaction_get_occurred_at (y);
  gint64 ix, iy;

  if (tx != ty)
    return tx > ty ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  ix = rapport_interaction_get_id (x);
  iy = rapport_interaction_get_id (y);
  if (ix != iy)
    return ix > iy ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  return GTK_ORDERING_EQUAL;
}

static gint
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

typedef struct
{
  RapportColleague *colleague;
  char             *key;
} SortedColleague;

static gint
compare_colleagues (gconstpointer a,
                    gconstpointer b)
{
  const SortedColleague *x = a;
  const SortedColleague *y = b;

  return strcmp (x->key, y->key);
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* The dropdown lists only change when what they list changed, so an open popover stays put. */
static void
rebuild_dropdown (RapportJournalPage *self,
                  GtkDropDown        *dropdown,
                  GArray             *ids,
                  char              **key,
                  GPtrArray          *labels,
                  GArray             *new_ids,
                  gint64              current)
{
  g_autoptr(GString) new_key = g_string_new (NULL);
  g_autoptr(GtkStringList) model = NULL;
  guint position;

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (new_key, "%" G_GINT64_FORMAT ":%s\n",
                            g_array_index (new_ids, gint64, i),
                            (const char *) g_ptr_array_index (labels, i));

  if (*key != NULL && g_str_equal (*key, new_key->str))
    return;

  g_free (*key);
  *key = g_strdup (new_key->str);

  g_array_set_size (ids, 0);
  g_array_append_vals (ids, new_ids->data, new_ids->len);

  g_ptr_array_add (labels, NULL);
  model = gtk_string_list_new ((const char * const *) labels->pdata);
  g_ptr_array_remove_index (labels, labels->len - 1);

  position = find_id (ids, current);

  self->rebuilding = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, position != GTK_INVALID_LIST_POSITION ? position : 0);
  self->rebuilding = FALSE;
}

static void
rebuild_colleague_dropdown (RapportJournalPage *self)
{
  g_autoptr(GArray) colleagues = g_array_new (FALSE, FALSE, sizeof (SortedColleague));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 none = 0;

  if (self->store != NULL)
    {
      GListModel *model = rapport_store_get_colleagues (self->store);
      guint n_items = g_list_model_get_n_items (model);
      g_autoptr(GString) seen = g_string_new (NULL);

      /* The store says "changed" for every entry logged: with thousands of colleagues, sorting
       * their names costs far more than seeing that none changed. */
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

          g_string_append_printf (seen, "%" G_GINT64_FORMAT ":%s\n",
                                  rapport_colleague_get_id (colleague),
                                  rapport_colleague_get_name (colleague));
        }
      if (self->colleagues_seen != NULL && g_str_equal (self->colleagues_seen, seen->str))
        return;
      g_free (self->colleagues_seen);
      self->colleagues_seen = g_string_free (g_steal_pointer (&seen), FALSE);

      /* One collation key per name, not two per comparison: thousands of colleagues. */
      g_array_set_size (colleagues, n_items);
      for (guint i = 0; i < n_items; i++)
        {
          SortedColleague *sorted = &g_array_index (colleagues, SortedColleague, i);
          g_autofree char *folded = NULL;

          sorted->colleague = g_list_model_get_item (model, i);
          folded = g_utf8_casefold (rapport_colleague_get_name (sorted->colleague), -1);
          sorted->key = g_utf8_collate_key (folded, -1);
        }
      g_array_sort (colleagues, compare_colleagues);
    }

  g_ptr_array_add (labels, (gpointer) _("Everyone"));
  g_array_append_val (ids, none);
  for (guint i = 0; i < colleagues->len; i++)
    {
      RapportColleague *colleague = g_array_index (colleagues, SortedColleague, i).colleague;
      gint64 id = rapport_colleague_get_id (colleague);

      g_ptr_array_add (labels, (gpointer) rapport_colleague_get_name (colleague));
      g_array_append_val (ids, id);
    }

  rebuild_dropdown (self, self->colleague_dropdown, self->colleague_ids, &self->colleagues_key,
                    labels, ids, self->colleague_filter);

  for (guint i = 0; i < colleagues->len; i++)
    {
      SortedColleague *sorted = &g_array_index (colleagues, SortedColleague, i);

      g_object_unref (sorted->colleague);
      g_free (sorted->key);
    }
}

static void
rebuild_assignment_dropdown (RapportJournalPage *self)
{
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 none = 0;

  if (self->store != NULL)
    {
      GListModel *model = rapport_store_get_assignments (self->store);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (assignments, g_list_model_get_item (model, i));
      g_ptr_array_sort (assignments, compare_assignments);
    }

  g_ptr_array_add (labels, g_strdup (_("All Assignments")));
  g_array_append_val (ids, none);
  for (guint i = 0; i < assignments->len; i++)
    {
      RapportAssignment *assignment = g_ptr_array_index (assignments, i);
      gint64 id = rapport_assignment_get_id (assignment);

      g_ptr_array_add (labels, rapport_assignment_dup_title (assignment));
      g_array_append_val (ids, id);
    }

  /* rebuild_dropdown appends and removes a NULL, which the free func ignores. */
  rebuild_dropdown (self, self->assignment_dropdown, self->assignment_ids, &self->assignments_key,
                    labels, ids, self->assignment_filter);
}

/* GTK 4.8 names a drop-down, but not the button inside it that takes the focus: a screen
 * reader would say "toggle button" there. Give that button the drop-down's name. */
static void
label_drop_down_button (GtkDropDown *drop_down,
                        const char  *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
    }
}

static void
setup_kind_dropdown (RapportJournalPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("All Kinds"));
  for (guint i = 0; i < RAPPORT_N_INTERACTION_KINDS; i++)
    gtk_string_list_append (model, rapport_interaction_kind_to_label (i));

  self->rebuilding = TRUE;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  self->rebuilding = FALSE;
}

static gboolean
filters_active (RapportJournalPage *self)
{
  return self->colleague_filter != 0 || self->kind_filter >= 0 || self->assignment_filter != 0;
}

static void
update_state (RapportJournalPage *self)
{
  guint n_total = 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (self->store != NULL && !self->entries_shown)
    {
      gtk_widget_set_visible (self->header_box, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  if (self->store != NULL)
    n_total = g_list_model_get_n_items (rapport_store_get_interactions (self->store));

  /* With nothing logged the invitation takes the whole page; filters would filter nothing. */
  gtk_widget_set_visible (self->header_box, n_total > 0 || filters_active (self));

  if (n_total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
refilter (RapportJournalPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* An edit can move an entry to another day without changing its place among the others, which
 * the timeline would not see: give it the list again. */
static void
reload_timeline (RapportJournalPage *self)
{
  rapport_timeline_model_set_model (self->timeline, NULL);
  rapport_timeline_model_set_model (self->timeline, G_LIST_MODEL (self->sort_model));
}

static guint
find_interaction_position (RapportJournalPage *self,
                           gint64              id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (RAPPORT_IS_INTERACTION (item) &&
          rapport_interaction_get_id (RAPPORT_INTERACTION (item)) == id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static GtkWindow *
get_parent_window (RapportJournalPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *find_child (GtkWidget *box,
                              GType      type);

/* Gives the keyboard focus to the row of self->focus_id, when its row exists. */
static gboolean
focus_entry (RapportJournalPage *self)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      GtkWidget *row = box != NULL ? find_child (box, RAPPORT_TYPE_INTERACTION_ROW) : NULL;
      RapportInteraction *interaction;

      if (row == NULL || !gtk_widget_get_visible (row))
        continue;
      interaction = rapport_interaction_row_get_interaction (RAPPORT_INTERACTION_ROW (row));
      if (interaction != NULL && rapport_interaction_get_id (interaction) == self->focus_id)
        {
          self->focus_id = 0;
          return gtk_widget_grab_focus (item);
        }
    }

  return FALSE;
}

static gboolean
focus_entry_cb (gpointer user_data)
{
  RapportJournalPage *self = user_data;

  self->focus_source = 0;
  if (self->focus_id != 0)
    focus_entry (self);
  self->focus_id = 0;

  return G_SOURCE_REMOVE;
}

static void
editor_saved_cb (RapportJournalPage *self,
                 RapportInteraction *interaction)
{
  reload_timeline (self);
  rapport_journal_page_show_interaction (self, rapport_interaction_get_id (interaction));
}

static void
edit_interaction (RapportJournalPage *self,
                  gint64              id)
{
  RapportInteractionEditor *editor;
  RapportInteraction *interaction;

  if (self->store == NULL)
    return;

  interaction = rapport_store_find_interaction (self->store, id);
  if (interaction == NULL)
    return;

  editor = rapport_interaction_editor_new (get_parent_window (self), self->store, interaction, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
undo_delete_cb (AdwToast *toast,
                UndoData *data)
{
  g_autoptr(RapportJournalPage) self = g_weak_ref_get (&data->page);
  g_autoptr(GError) error = NULL;

  if (data->undo == NULL)
    return;

  if (!rapport_store_undo (data->store, data->undo, &error) && self != NULL)
    add_error_toast (self, error);
}

static void
delete_interaction (RapportJournalPage *self,
                    gint64              id)
{
  g_autoptr(RapportStoreUndo) undo = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  RapportInteraction *interaction;
  UndoData *data;

  if (self->store == NULL)
    return;

  interaction = rapport_store_find_interaction (self->store, id);
  if (interaction == NULL)
    return;

  title = rapport_interaction_row_dup_title (self->store, interaction);

  if (!rapport_store_delete_interaction (self->store, id, &undo, &error))
    {
      add_error_toast (self, error);
      return;
    }

  data = g_new0 (UndoData, 1);
  data->store = g_object_ref (self->store);
  data->undo = g_steal_pointer (&undo);
  g_weak_ref_init (&data->page, self);

  {
    /* Translators: %s is a journal entry's title, e.g. "Coffee with Ada" */
    g_autofree char *message = g_strdup_printf (_("“%s” deleted"), title);

    toast = adw_toast_new (message);
  }
  /* No mnemonic: GTK 4.8 would name the button "_Undo Undo" for screen readers. */
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb),
                         data, undo_data_free, 0);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
read_filters (RapportJournalPage *self)
{
  guint colleague = gtk_drop_down_get_selected (self->colleague_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint assignment = gtk_drop_down_get_selected (self->assignment_dropdown);

  self->colleague_filter = colleague < self->colleague_ids->len
                           ? g_array_index (self->colleague_ids, gint64, colleague)
                           : 0;
  self->kind_filter = kind > 0 && kind <= RAPPORT_N_INTERACTION_KINDS ? (int) kind - 1 : -1;
  self->assignment_filter = assignment < self->assignment_ids->len
                            ? g_array_index (self->assignment_ids, gint64, assignment)
                            : 0;
}

static void
filter_dropdown_changed_cb (RapportJournalPage *self)
{
  if (self->rebuilding)
    return;

  read_filters (self);
  refilter (self);
}

/* What the entry's row shows first, for a screen reader: "Coffee with Ada Okafor, 14:30". */
static void
name_entry_item (RapportJournalPage *self,
                 GtkListItem        *list_item)
{
  RapportInteraction *interaction = gtk_list_item_get_item (list_item);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *title = NULL;
  g_autofree char *time = NULL;
  g_autofree char *label = NULL;

  if (!RAPPORT_IS_INTERACTION (interaction))
    return;

  title = rapport_interaction_row_dup_title (self->store, interaction);
  local = g_date_time_new_from_unix_local (rapport_interaction_get_occurred_at (interaction));
  /* Translators: the time of day of a journal entry, see strftime(3), e.g. "14:30" */
  time = local != NULL ? g_date_time_format (local, _("%H:%M")) : g_strdup ("");
  label = rapport_list_item_join_label (title, time, NULL);
  rapport_list_item_set_accessible_label (list_item, label);
}

/* Puts the store's entries in the list (reading them first if nobody has yet). */
static void
show_entries (RapportJournalPage *self)
{
  if (self->store == NULL || self->entries_shown)
    return;

  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->entries_shown = TRUE;
  gtk_filter_list_model_set_model (self->filter_model,
                                   rapport_store_get_interactions (self->store));
  refilter (self);
}

static void
entries_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RapportJournalPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_store_read_interactions_finish (RAPPORT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* show_entries reads them again on the store's own connection. */
      g_warning ("Could not read the journal entries in the background: %s", error->message);
    }

  if (self->store == RAPPORT_STORE (object))
    show_entries (self);
}

static void
store_changed_cb (RapportJournalPage *self)
{
  gboolean filtered = filters_active (self);
  GHashTableIter iter;
  gpointer list_item;

  /* A renamed colleague changes the names of the entries on screen, which stay bound. */
  g_hash_table_iter_init (&iter, self->bound_entries);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    name_entry_item (self, list_item);

  rebuild_colleague_dropdown (self);
  rebuild_assignment_dropdown (self);
  /* A colleague or assignment filtered by may be gone. */
  read_filters (self);

  /* An entry edited in place may have moved in time or changed who it names. Without filters
   * every entry shows whatever it says, so there is nothing to filter again. */
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (filtered || filters_active (self))
    refilter (self);
  else
    update_state (self);
}

static void
interactions_changed_cb (RapportJournalPage *self)
{
  update_state (self);
}

static void
log_clicked_cb (RapportJournalPage *self)
{
  rapport_journal_page_log_interaction (self, 0);
}

static void
clear_filters_clicked_cb (RapportJournalPage *self)
{
  gtk_drop_down_set_selected (self->colleague_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->assignment_dropdown, 0);
}

static void
list_activate_cb (RapportJournalPage *self,
                  guint               position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (RAPPORT_IS_INTERACTION (item))
    edit_interaction (self, rapport_interaction_get_id (RAPPORT_INTERACTION (item)));
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *text = gtk_string_object_get_string (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
  rapport_list_item_set_accessible_label (list_item, text);
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  rapport_list_item_set_accessible_label (list_item, NULL);
}

static GtkWidget *
find_child (GtkWidget *box,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
    }

  return NULL;
}

static GtkWidget *
ensure_heading (GtkWidget *box)
{
  GtkWidget *heading = find_child (box, GTK_TYPE_LABEL);

  if (heading != NULL)
    return heading;

  heading = g_object_new (GTK_TYPE_LABEL,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          "xalign", 0.0f,
                          "ellipsize", PANGO_ELLIPSIZE_END,
                          "margin-top", 18,
                          "margin-bottom", 6,
                          "margin-start", 6,
                          "margin-end", 6,
                          NULL);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  return heading;
}

static GtkWidget *
ensure_row (GtkWidget *box)
{
  GtkWidget *row = find_child (box, RAPPORT_TYPE_INTERACTION_ROW);

  if (row != NULL)
    return row;

  row = rapport_interaction_row_new ();
  gtk_box_append (GTK_BOX (box), row);

  return row;
}

/* GTK 4.8 list views hand a list item a day one moment and an entry the next as the list
 * scrolls. Each item keeps a box that holds a day heading and an entry row, made the first time
 * each is needed and then only shown or hidden, so scrolling neither builds nor throws away
 * rows. */
static void
setup_item_cb (RapportJournalPage       *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (box, "journal-day");
  gtk_list_item_set_child (list_item, box);
}

static void
bind_item_cb (RapportJournalPage       *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *heading = find_child (box, GTK_TYPE_LABEL);
  GtkWidget *row = find_child (box, RAPPORT_TYPE_INTERACTION_ROW);

  if (RAPPORT_IS_TIMELINE_DAY (item))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *label = rapport_timeline_day_dup_label (RAPPORT_TIMELINE_DAY (item), now);

      heading = ensure_heading (box);
      gtk_label_set_label (GTK_LABEL (heading), label);
      gtk_widget_set_visible (heading, TRUE);
      if (row != NULL)
        gtk_widget_set_visible (row, FALSE);
      gtk_list_item_set_activatable (list_item, FALSE);
      gtk_list_item_set_selectable (list_item, FALSE);
      /* GTK 4.8 moves the keyboard through a list only over items that take the focus: an
       * unfocusable heading would turn Tab and the arrows away from the whole journal. */
      gtk_widget_set_focusable (box, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      rapport_list_item_set_accessible_label (list_item, label);
      g_hash_table_remove (self->bound_entries, list_item);
      return;
    }

  gtk_widget_set_focusable (box, FALSE);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL);
  row = ensure_row (box);
  rapport_interaction_row_set_store (RAPPORT_INTERACTION_ROW (row), self->store);
  rapport_interaction_row_set_interaction (RAPPORT_INTERACTION_ROW (row),
                                           RAPPORT_INTERACTION (item));
  gtk_widget_set_visible (row, TRUE);
  if (heading != NULL)
    gtk_widget_set_visible (heading, FALSE);
  gtk_list_item_set_activatable (list_item, TRUE);
  gtk_list_item_set_selectable (list_item, TRUE);
  name_entry_item (self, list_item);
  g_hash_table_add (self->bound_entries, g_object_ref (list_item));
}

static void
unbind_item_cb (RapportJournalPage       *self,
                GtkListItem              *list_item,
                GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *row = box != NULL ? find_child (box, RAPPORT_TYPE_INTERACTION_ROW) : NULL;

  /* A row kept for later follows no entry in the meantime, and has no name. */
  if (row != NULL)
    rapport_interaction_row_set_interaction (RAPPORT_INTERACTION_ROW (row), NULL);
  rapport_list_item_set_accessible_label (list_item, NULL);
  if (self->bound_entries != NULL)
    g_hash_table_remove (self->bound_entries, list_item);
}

static void
edit_interaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  edit_interaction (RAPPORT_JOURNAL_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
delete_interaction_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  delete_interaction (RAPPORT_JOURNAL_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
show_colleague_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_COLLEAGUE], 0, g_variant_get_int64 (parameter));
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  RapportJournalPage *self = user_data;
  GObject *item = gtk_single_selection_get_selected_item (self->selection);

  if (!RAPPORT_IS_INTERACTION (item))
    return FALSE;

  delete_interaction (self, rapport_interaction_get_id (RAPPORT_INTERACTION (item)));
  return TRUE;
}

static void
rapport_journal_page_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  RapportJournalPage *self = RAPPORT_JOURNAL_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL)
    return;

  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);

  /* The narrowest the page gets is with the filters below the button, whichever way they are
   * now: a window opened narrow would otherwise keep the width of the side-by-side line. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL &&
      gtk_widget_get_visible (self->header_box) &&
      gtk_orientable_get_orientation (GTK_ORIENTABLE (self->header_box)) ==
      GTK_ORIENTATION_HORIZONTAL)
    {
      int stacked = 0;
      int stack_minimum;

      for (GtkWidget *item = gtk_widget_get_first_child (self->header_box);
           item != NULL;
           item = gtk_widget_get_next_sibling (item))
        {
          int item_minimum;

          if (!gtk_widget_get_visible (item))
            continue;
          gtk_widget_measure (item, orientation, -1, &item_minimum, NULL, NULL, NULL);
          stacked = MAX (stacked, item_minimum);
        }
      stacked += gtk_widget_get_margin_start (self->header_box) +
                 gtk_widget_get_margin_end (self->header_box);

      gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, &stack_minimum, NULL,
                          NULL, NULL);
      *minimum = MIN (*minimum, MAX (stacked, stack_minimum));
    }
}

static void
rapport_journal_page_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  RapportJournalPage *self = RAPPORT_JOURNAL_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  GtkOrientation orientation = width < NARROW_WIDTH ? GTK_ORIENTATION_VERTICAL
                                                    : GTK_ORIENTATION_HORIZONTAL;

  /* Narrow, the filters get a line of their own so their labels stay readable. */
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->header_box)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->header_box), orientation);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
rapport_journal_page_dispose (GObject *object)
{
  RapportJournalPage *self = RAPPORT_JOURNAL_PAGE (object);
  GtkWidget *child;

  rapport_journal_page_set_store (self, NULL);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_JOURNAL_PAGE);
  /* The template's top box has no id, so the template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->timeline);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (rapport_journal_page_parent_class)->dispose (object);
}

static void
rapport_journal_page_finalize (GObject *object)
{
  RapportJournalPage *self = RAPPORT_JOURNAL_PAGE (object);

  g_clear_pointer (&self->colleague_ids, g_array_unref);
  g_clear_pointer (&self->assignment_ids, g_array_unref);
  g_clear_pointer (&self->colleagues_key, g_free);
  g_clear_pointer (&self->colleagues_seen, g_free);
  g_clear_pointer (&self->assignments_key, g_free);
  g_clear_pointer (&self->bound_entries, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_journal_page_parent_class)->finalize (object);
}

static void
rapport_journal_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportJournalPage *self = RAPPORT_JOURNAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_journal_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportJournalPage *self = RAPPORT_JOURNAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_journal_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_journal_page_class_init (RapportJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_journal_page_dispose;
  object_class->finalize = rapport_journal_page_finalize;
  object_class->get_property = rapport_journal_page_get_property;
  object_class->set_property = rapport_journal_page_set_property;

  widget_class->measure = rapport_journal_page_measure;
  widget_class->size_allocate = rapport_journal_page_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  signals[SHOW_COLLEAGUE] =
    g_signal_new ("show-colleague",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, colleague_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, assignment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportJournalPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, filter_dropdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_item_cb);

  gtk_widget_class_install_action (widget_class, "journal.edit-interaction", "x",
                                   edit_interaction_action);
  gtk_widget_class_install_action (widget_class, "journal.delete-interaction", "x",
                                   delete_interaction_action);
  gtk_widget_class_install_action (widget_class, "journal.show-colleague", "x",
                                   show_colleague_action);
}

static void
rapport_journal_page_init (RapportJournalPage *self)
{
  GtkDropDown *dropdowns[3];
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_type_ensure (RAPPORT_TYPE_INTERACTION);
  g_type_ensure (RAPPORT_TYPE_INTERACTION_ROW);

  self->colleague_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assignment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->kind_filter = -1;
  self->bound_entries = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* interactions → filter → newest first → day headers → selection → list */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorter = gtk_custom_sorter_new (sort_func, NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  self->timeline = rapport_timeline_model_new (G_LIST_MODEL (self->sort_model), NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->timeline));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (interactions_changed_cb), self, G_CONNECT_SWAPPED);

  /* Long names and assignment titles shorten in the button, and show whole in the popover. */
  dropdowns[0] = self->colleague_dropdown;
  dropdowns[1] = self->kind_dropdown;
  dropdowns[2] = self->assignment_dropdown;
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label_cb), NULL);
      g_signal_connect (list_factory, "setup", G_CALLBACK (setup_label_cb), NULL);
      g_signal_connect (list_factory, "bind", G_CALLBACK (bind_label_cb), NULL);
      g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_label_cb), NULL);
      gtk_drop_down_set_factory (dropdowns[i], factory);
      gtk_drop_down_set_list_factory (dropdowns[i], list_factory);
    }
  /* The same names as the drop-downs' own, in rapport-journal-page.ui. */
  label_drop_down_button (self->colleague_dropdown, _("Filter by Colleague"));
  label_drop_down_button (self->kind_dropdown, _("Filter by Kind"));
  label_drop_down_button (self->assignment_dropdown, _("Filter by Assignment"));

  setup_kind_dropdown (self);
  rebuild_colleague_dropdown (self);
  rebuild_assignment_dropdown (self);

  /* Delete removes the selected entry when the list has the focus (Undo is in the toast). */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_callback_action_new (delete_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  update_state (self);
}

RapportStore *
rapport_journal_page_get_store (RapportJournalPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_JOURNAL_PAGE (self), NULL);

  return self->store;
}

void
rapport_journal_page_set_store (RapportJournalPage *self,
                                RapportStore       *store)
{
  g_return_if_fail (RAPPORT_IS_JOURNAL_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  if (self->filter_model == NULL)
    return;

  self->colleague_filter = 0;
  self->kind_filter = -1;
  self->assignment_filter = 0;
  g_clear_pointer (&self->colleagues_seen, g_free);
  self->rebuilding = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  self->rebuilding = FALSE;
  rebuild_colleague_dropdown (self);
  rebuild_assignment_dropdown (self);

  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->entries_shown = FALSE;
  gtk_filter_list_model_set_model (self->filter_model, NULL);

  /* A long journal is read in a worker while the page says so; one read already shows at once. */
  if (store != NULL && rapport_store_has_read_interactions (store))
    {
      show_entries (self);
    }
  else if (store != NULL)
    {
      self->reading = g_cancellable_new ();
      rapport_store_read_interactions_async (store, self->reading, entries_read_cb,
                                             g_object_ref (self));
    }
  refilter (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
rapport_journal_page_log_interaction (RapportJournalPage *self,
                                      gint64              colleague_id)
{
  RapportInteractionEditor *editor;

  g_return_if_fail (RAPPORT_IS_JOURNAL_PAGE (self));
  g_return_if_fail (colleague_id >= 0);

  if (self->store == NULL)
    return;

  editor = rapport_interaction_editor_new (get_parent_window (self), self->store, NULL,
                                           colleague_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
rapport_journal_page_show_interaction (RapportJournalPage *self,
                                       gint64              id)
{
  RapportInteraction *interaction;
  guint position;

  g_return_if_fail (RAPPORT_IS_JOURNAL_PAGE (self));

  if (self->store == NULL)
    return;

  /* Asked for one entry before the worker finished: read them here. */
  show_entries (self);

  interaction = rapport_store_find_interaction (self->store, id);
  if (interaction == NULL)
    return;

  /* Only the filters that hide it give way. */
  if (self->colleague_filter != 0 &&
      !rapport_interaction_has_colleague (interaction, self->colleague_filter))
    gtk_drop_down_set_selected (self->colleague_dropdown, 0);
  if (self->kind_filter >= 0 &&
      (int) rapport_interaction_get_kind (interaction) != self->kind_filter)
    gtk_drop_down_set_selected (self->kind_dropdown, 0);
  if (self->assignment_filter != 0 &&
      rapport_interaction_get_assignment_id (interaction) != self->assignment_filter)
    gtk_drop_down_set_selected (self->assignment_dropdown, 0);

  position = find_interaction_position (self, id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  /* Not while the Journal is out of sight (an entry logged from another view): GTK 4.8 would
   * give the focus to a list nobody sees, and keys would go nowhere. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  /* The list's own focus stays where it was (a day heading, often): the entry takes it once
   * its row is laid out, so that Delete, Enter and a screen reader start from it. */
  self->focus_id = id;
  if (!focus_entry (self) && self->focus_source == 0)
    self->focus_source = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, focus_entry_cb, self, NULL);
}
