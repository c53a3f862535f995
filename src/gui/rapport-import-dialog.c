/* rapport-import-dialog.c
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
#define G_LOG_DOMAIN "rapport-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import.h"
#include "rapport-import-dialog.h"
#include "rapport-list-item-label.h"

/* One card of the file, by its index in the import (or in its problems), as the item of the
 * review's lists: the lists hold only what is on screen as widgets, however long the file. */
#define RAPPORT_TYPE_IMPORT_DIALOG_CARD (rapport_import_dialog_card_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportDialogCard, rapport_import_dialog_card,
                      RAPPORT, IMPORT_DIALOG_CARD, GObject)

struct _RapportImportDialogCard
{
  GObject parent_instance;

  guint   index;
};

typedef enum
{
  STATE_NEW,
  STATE_CHOOSING,
  STATE_LOADING,
  STATE_REVIEW,
  STATE_IMPORTING,
  STATE_CANCELLING,
  STATE_ERROR,
  STATE_CLOSED,
} State;

struct _RapportImportDialog
{
  AdwWindow             parent_instance;

  RapportStore         *store;
  GFile                *file;
  RapportImport        *import;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *bound_drop_downs;  /* the duplicate rows on screen */
  State                 state;
  gboolean              updating_rows;

  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *duplicates_group;
  GtkButton            *merge_all_button;
  GtkButton            *add_all_button;
  GtkButton            *skip_all_button;
  GtkListView          *duplicates_view;
  AdwPreferencesGroup  *new_group;
  GtkListView          *new_view;
  AdwPreferencesGroup  *problems_group;
  GtkListView          *problems_view;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *error_page;
  GtkButton            *close_button;
};

G_DEFINE_FINAL_TYPE (RapportImportDialogCard, rapport_import_dialog_card, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The order of the choices in every row's drop-down and of the "For All Duplicates" buttons. */
static const RapportImportAction choice_actions[] = {
  RAPPORT_IMPORT_ACTION_MERGE,
  RAPPORT_IMPORT_ACTION_ADD,
  RAPPORT_IMPORT_ACTION_SKIP,
};

static void
rapport_import_dialog_card_class_init (RapportImportDialogCardClass *klass)
{
}

static void
rapport_import_dialog_card_init (RapportImportDialogCard *self)
{
}

static RapportImportDialogCard *
card_new (guint index)
{
  RapportImportDialogCard *card = g_object_new (RAPPORT_TYPE_IMPORT_DIALOG_CARD, NULL);

  card->index = index;
  return card;
}

static guint
choice_for_action (RapportImportAction action)
{
  for (guint i = 0; i < G_N_ELEMENTS (choice_actions); i++)
    if (choice_actions[i] == action)
      return i;

  g_assert_not_reached ();
  return 0;
}

/* GtkButton names itself after its label as well as the accessible label, so screen readers
 * would hear both ("Skip All Duplicates Skip"); keep only the accessible label. */
static void
use_accessible_label_only (GtkButton *button)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* What a person calls the card or colleague: the name, or the organisation for a card that has
 * only that. */
static const char *
display_name (RapportColleague *colleague)
{
  const char *name = rapport_colleague_get_name (colleague);

  if (name != NULL && *name != '\0')
    return name;

  name = rapport_colleague_get_organization (colleague);
  if (name != NULL && *name != '\0')
    return name;

  return _("Unnamed Card");
}

static const char *
contact_detail (RapportColleague *colleague)
{
  const char *email = rapport_colleague_get_email (colleague);
  const char *phone = rapport_colleague_get_phone (colleague);

  if (email != NULL && *email != '\0')
    return email;
  if (phone != NULL && *phone != '\0')
    return phone;

  return NULL;
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

static void
add_toast (RapportImportDialog *self,
           const char          *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
close_dialog (RapportImportDialog *self)
{
  self->state = STATE_CLOSED;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_state (RapportImportDialog *self,
           State                state)
{
  gboolean working = state == STATE_LOADING || state == STATE_IMPORTING ||
                     state == STATE_CANCELLING;

  self->state = state;

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), state != STATE_ERROR);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), state == STATE_REVIEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", state != STATE_CANCELLING);
  gtk_spinner_set_spinning (self->spinner, state == STATE_LOADING);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), working ? "progress" : NULL);
}

static void
show_error (RapportImportDialog *self,
            const char          *title,
            const char          *message)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  set_state (self, STATE_ERROR);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

static guint
count_cards_to_import (RapportImportDialog *self)
{
  guint n_cards = rapport_import_get_n_cards (self->import);
  guint n = 0;

  for (guint i = 0; i < n_cards; i++)
    if (rapport_import_get_action (self->import, i) != RAPPORT_IMPORT_ACTION_SKIP)
      n++;

  return n;
}

static void
update_import_button (RapportImportDialog *self)
{
  guint n = count_cards_to_import (self);

  if (n == 0)
    {
      gtk_button_set_label (self->import_button, _("Import"));
    }
  else
    {
      g_autofree char *label = NULL;

      /* Translators: the button that starts the import; %u is how many cards it writes. */
      label = g_strdup_printf (ngettext ("Import %u Card", "Import %u Cards", n), n);
      gtk_button_set_label (self->import_button, label);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", n > 0);
}

static void
update_summary (RapportImportDialog *self)
{
  guint n_cards = rapport_import_get_n_cards (self->import);
  guint n_duplicates = rapport_import_get_n_duplicates (self->import);
  guint n_problems = rapport_import_get_problems (self->import)->len;
  guint n_new = n_cards - n_duplicates;
  g_autoptr(GString) summary = g_string_new (NULL);

  g_string_append_printf (summary, ngettext ("%u new colleague", "%u new colleagues", n_new),
                          n_new);
  if (n_duplicates > 0)
    {
      /* Translators: separates the parts of "3 new colleagues, 2 already in your journal" */
      g_string_append (summary, _(", "));
      g_string_append_printf (summary,
                              ngettext ("%u already in your journal",
                                        "%u already in your journal", n_duplicates),
                              n_duplicates);
    }
  if (n_problems > 0)
    {
      g_string_append (summary, _(", "));
      g_string_append_printf (summary,
                              ngettext ("%u card could not be read",
                                        "%u cards could not be read", n_problems),
                              n_problems);
    }

  gtk_label_set_text (self->summary_label, summary->str);
}

static GListModel *
build_models (RapportImportDialog  *self,
              GListModel          **new_cards,
              GListModel          **problems)
{
  guint n_cards = rapport_import_get_n_cards (self->import);
  GPtrArray *problem_list = rapport_import_get_problems (self->import);
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) unread = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *duplicate_store = g_list_store_new (RAPPORT_TYPE_IMPORT_DIALOG_CARD);
  GListStore *new_store = g_list_store_new (RAPPORT_TYPE_IMPORT_DIALOG_CARD);
  GListStore *problem_store = g_list_store_new (RAPPORT_TYPE_IMPORT_DIALOG_CARD);

  for (guint i = 0; i < n_cards; i++)
    {
      if (rapport_import_get_match (self->import, i) != NULL)
        g_ptr_array_add (duplicates, card_new (i));
      else
        g_ptr_array_add (fresh, card_new (i));
    }
  for (guint i = 0; i < problem_list->len; i++)
    g_ptr_array_add (unread, card_new (i));

  /* One splice each: one items-changed, not one per card. */
  g_list_store_splice (duplicate_store, 0, 0, duplicates->pdata, duplicates->len);
  g_list_store_splice (new_store, 0, 0, fresh->pdata, fresh->len);
  g_list_store_splice (problem_store, 0, 0, unread->pdata, unread->len);

  *new_cards = G_LIST_MODEL (new_store);
  *problems = G_LIST_MODEL (problem_store);
  return G_LIST_MODEL (duplicate_store);
}

static void
set_list_model (GtkListView *view,
                GListModel  *model)
{
  g_autoptr(GtkSelectionModel) selection = GTK_SELECTION_MODEL (gtk_no_selection_new (model));

  gtk_list_view_set_model (view, selection);
}

static void
show_review (RapportImportDialog *self)
{
  GListModel *duplicates;
  GListModel *new_cards = NULL;
  GListModel *problems = NULL;

  duplicates = build_models (self, &new_cards, &problems);

  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group),
                          g_list_model_get_n_items (duplicates) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->new_group), g_list_model_get_n_items (new_cards) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group),
                          g_list_model_get_n_items (problems) > 0);
  set_list_model (self->duplicates_view, duplicates);
  set_list_model (self->new_view, new_cards);
  set_list_model (self->problems_view, problems);

  update_summary (self);
  update_import_button (self);

  gtk_stack_set_visible_child_name (self->stack, "review");
  set_state (self, STATE_REVIEW);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

static void
update_progress (RapportImportDialog *self,
                 guint                done,
                 guint                total)
{
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  /* Translators: import progress, e.g. "120 of 2,000" cards written */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
cancel_import (RapportImportDialog *self)
{
  set_state (self, STATE_CANCELLING);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  g_cancellable_cancel (self->cancellable);
}

static char *
counts_message (const RapportStoreImportCounts *counts)
{
  if (counts->merged == 0 && counts->skipped == 0)
    return g_strdup_printf (ngettext ("Imported %u colleague", "Imported %u colleagues",
                                      counts->imported),
                            counts->imported);

  return rapport_import_describe_counts (counts);
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  g_autoptr(RapportImportDialog) self = g_weak_ref_get (user_data);

  if (self == NULL || self->state != STATE_IMPORTING)
    return;

  update_progress (self, done, total);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(RapportImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RapportStoreImportCounts counts = { 0, };

  if (!rapport_import_run_finish (RAPPORT_IMPORT (object), result, &counts, &error))
    {
      if (self->state == STATE_CLOSED)
        return;

      g_clear_object (&self->cancellable);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          add_toast (self, _("Import cancelled; nothing was changed"));
          close_dialog (self);
          return;
        }

      /* Translators: the reason the import failed, then that the journal is as before */
      message = g_strdup_printf (_("%s\n\nNothing was changed in your journal."), error->message);
      show_error (self, _("Import Failed"), message);
      return;
    }

  if (self->state == STATE_CLOSED)
    return;

  g_clear_object (&self->cancellable);
  message = counts_message (&counts);
  add_toast (self, message);
  close_dialog (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RapportImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = rapport_import_load_file_finish (RAPPORT_IMPORT (object), result, &error);
  if (self->state != STATE_LOADING)
    return;

  g_clear_object (&self->cancellable);
  if (!loaded)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        close_dialog (self);
      else
        show_error (self, _("Could Not Read the File"), error->message);
      return;
    }

  show_review (self);
}

static void
load (RapportImportDialog *self,
      GFile               *file)
{
  g_autofree char *name = file_display_name (file);
  g_autofree char *title = NULL;

  g_set_object (&self->file, file);

  /* Translators: %s is a file name, shown while it is read */
  title = g_strdup_printf (_("Reading %s"), name);
  adw_status_page_set_title (self->loading_page, title);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  set_state (self, STATE_LOADING);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  rapport_import_load_file_async (self->import, file, self->cancellable, load_cb,
                                  g_object_ref (self));

  gtk_window_present (GTK_WINDOW (self));
}

static void
chooser_response_cb (RapportImportDialog *self,
                     int                  response,
                     GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (self->state != STATE_CHOOSING)
    return;

  if (file == NULL)
    close_dialog (self);
  else
    load (self, file);
}

static void
open_chooser (RapportImportDialog *self)
{
  g_autoptr(GtkFileFilter) vcard_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  self->state = STATE_CHOOSING;
  self->chooser = gtk_file_chooser_native_new (_("Import Contacts"),
                                               gtk_window_get_transient_for (GTK_WINDOW (self)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("Open"), _("Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (vcard_filter, _("vCard files"));
  gtk_file_filter_add_mime_type (vcard_filter, "text/vcard");
  gtk_file_filter_add_mime_type (vcard_filter, "text/x-vcard");
  gtk_file_filter_add_suffix (vcard_filter, "vcf");
  gtk_file_filter_add_suffix (vcard_filter, "vcard");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), vcard_filter);

  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all_filter);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), vcard_filter);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* gtk_window_destroy() takes the window off the list of toplevels but leaves it alive while a
 * task holds it: stop what runs, and take no result. */
static void
toplevels_changed_cb (RapportImportDialog *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_items = g_list_model_get_n_items (toplevels);

  if (self->state == STATE_CLOSED)
    return;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == (GObject *) self)
        return;
    }

  self->state = STATE_CLOSED;
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
row_action_changed_cb (GtkDropDown         *drop_down,
                       GParamSpec          *pspec,
                       RapportImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "card-index"));
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->updating_rows || self->state != STATE_REVIEW || index == 0 ||
      selected >= G_N_ELEMENTS (choice_actions))
    return;

  rapport_import_set_action (self->import, index - 1, choice_actions[selected]);
  update_import_button (self);
}

static GtkWidget *
two_line_row_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);

  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);

  return box;
}

/* Shows title and subtitle in the item's row, and names the item with both for a screen reader. */
static void
set_row_text (GtkListItem *item,
              const char  *title,
              const char  *subtitle)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *subtitle_label = g_object_get_data (G_OBJECT (row), "subtitle");
  g_autofree char *label = NULL;

  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), title);
  gtk_label_set_text (GTK_LABEL (subtitle_label), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (subtitle_label, subtitle != NULL && *subtitle != '\0');

  label = rapport_list_item_join_label (title, subtitle != NULL ? subtitle : "", NULL);
  rapport_list_item_set_accessible_label (item, label);
}

static void
list_item_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     RapportImportDialog      *self)
{
  rapport_list_item_set_accessible_label (item, NULL);
}

static void
list_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    RapportImportDialog      *self)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, two_line_row_new ());
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
duplicate_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    RapportImportDialog      *self)
{
  static const char * const choices[] = { N_("Merge"), N_("Add"), N_("Skip") };
  const char *labels[G_N_ELEMENTS (choices) + 1] = { NULL, };
  GtkWidget *row = two_line_row_new ();
  GtkWidget *drop_down;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    labels[i] = _(choices[i]);

  drop_down = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (row_action_changed_cb), self);
  gtk_box_append (GTK_BOX (row), drop_down);
  g_object_set_data (G_OBJECT (row), "drop-down", drop_down);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
duplicate_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   RapportImportDialog      *self)
{
  RapportImportDialogCard *card = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (row), "drop-down");
  RapportColleague *colleague = rapport_import_get_card (self->import, card->index);
  RapportColleague *match = rapport_import_get_match (self->import, card->index);
  const char *name = display_name (colleague);
  const char *detail = contact_detail (colleague);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  if (match == NULL)
    subtitle = NULL;
  else if (detail != NULL)
    /* Translators: the colleague in the journal an imported card matches, then the card's
     * email address or phone number */
    subtitle = g_strdup_printf (_("Matches %s · %s"), display_name (match), detail);
  else
    subtitle = g_strdup_printf (_("Matches %s"), display_name (match));
  set_row_text (item, name, subtitle);

  /* Translators: the accessible name of a duplicate card's Merge/Add/Skip choice */
  label = g_strdup_printf (_("Action for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  label_drop_down_button (drop_down, label);

  g_object_set_data (G_OBJECT (drop_down), "card-index", GUINT_TO_POINTER (card->index + 1));
  self->updating_rows = TRUE;
  gtk_drop_down_set_selected (drop_down,
                              choice_for_action (rapport_import_get_action (self->import,
                                                                            card->index)));
  self->updating_rows = FALSE;
  g_ptr_array_add (self->bound_drop_downs, drop_down);
}

static void
duplicate_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     RapportImportDialog      *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (row), "drop-down");

  g_object_set_data (G_OBJECT (drop_down), "card-index", NULL);
  g_ptr_array_remove_fast (self->bound_drop_downs, drop_down);
  rapport_list_item_set_accessible_label (item, NULL);
}

static void
new_card_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  RapportImportDialog      *self)
{
  RapportImportDialogCard *card = gtk_list_item_get_item (item);
  RapportColleague *colleague = rapport_import_get_card (self->import, card->index);

  set_row_text (item, display_name (colleague), contact_detail (colleague));
}

static void
problem_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RapportImportDialog      *self)
{
  RapportImportDialogCard *card = gtk_list_item_get_item (item);
  RapportVCardProblem *problem = g_ptr_array_index (rapport_import_get_problems (self->import),
                                                    card->index);
  g_autofree char *title = NULL;

  /* Translators: a card of the imported file by its number, e.g. "Card 2" */
  title = g_strdup_printf (_("Card %u"), problem->card);
  set_row_text (item, title, problem->reason);
}

static void
set_factory (GtkListView *view,
             GCallback    setup,
             GCallback    bind,
             GCallback    unbind,
             gpointer     user_data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, user_data);
  gtk_list_view_set_factory (view, factory);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);

  switch (self->state)
    {
    case STATE_IMPORTING:
      cancel_import (self);
      break;

    case STATE_CANCELLING:
      break;

    case STATE_LOADING:
      /* Nothing is written while reading: leave at once, the reader's result is ignored. */
      g_cancellable_cancel (self->cancellable);
      close_dialog (self);
      break;

    case STATE_NEW:
    case STATE_CHOOSING:
    case STATE_REVIEW:
    case STATE_ERROR:
    case STATE_CLOSED:
    default:
      close_dialog (self);
      break;
    }
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);
  GWeakRef *ref;

  if (self->state != STATE_REVIEW || count_cards_to_import (self) == 0)
    return;

  update_progress (self, 0, count_cards_to_import (self));
  gtk_stack_set_visible_child_name (self->stack, "importing");
  set_state (self, STATE_IMPORTING);
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The task's reference keeps the dialog alive until run_cb, even when it is closed meanwhile. */
  rapport_import_run_async (self->import, progress_cb, ref, weak_ref_free, self->cancellable,
                            run_cb, g_object_ref (self));
}

static void
all_duplicates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);
  guint choice = g_variant_get_uint32 (parameter);

  if (self->state != STATE_REVIEW || choice >= G_N_ELEMENTS (choice_actions))
    return;

  rapport_import_set_duplicates_action (self->import, choice_actions[choice]);

  /* Rows off screen pick the action up when they are bound. */
  self->updating_rows = TRUE;
  for (guint i = 0; i < self->bound_drop_downs->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (self->bound_drop_downs, i), choice);
  self->updating_rows = FALSE;

  update_import_button (self);
}

static gboolean
rapport_import_dialog_close_request (GtkWindow *window)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (window);

  /* The window stays until the import has rolled back, so the toast can say it did. */
  if (self->state == STATE_IMPORTING)
    {
      cancel_import (self);
      return TRUE;
    }
  if (self->state == STATE_CANCELLING)
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  self->state = STATE_CLOSED;

  return GTK_WINDOW_CLASS (rapport_import_dialog_parent_class)->close_request (window);
}

static void
rapport_import_dialog_dispose (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  /* Destroyed with its parent, say: whatever runs is cancelled and its result ignored. */
  self->state = STATE_CLOSED;
  g_signal_handlers_disconnect_by_func (gtk_window_get_toplevels (), toplevels_changed_cb, self);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->file);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->dispose (object);
}

static void
rapport_import_dialog_finalize (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  g_clear_pointer (&self->bound_drop_downs, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->finalize (object);
}

static void
rapport_import_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_dialog_constructed (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->constructed (object);

  g_assert (RAPPORT_IS_STORE (self->store));
  self->import = rapport_import_new (self->store);
}

static void
rapport_import_dialog_class_init (RapportImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rapport_import_dialog_constructed;
  object_class->dispose = rapport_import_dialog_dispose;
  object_class->finalize = rapport_import_dialog_finalize;
  object_class->get_property = rapport_import_dialog_get_property;
  object_class->set_property = rapport_import_dialog_set_property;

  window_class->close_request = rapport_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The file to read; NULL to ask for one first. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportImportDialog::add-toast:
   * @toast: what the import did, or that it was cancelled
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/rapport-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, loading_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, merge_all_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, add_all_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, skip_all_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, duplicates_view);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, new_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, new_view);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, close_button);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.all-duplicates", "u",
                                   all_duplicates_action);

  /* Escape is Cancel at every stage. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
rapport_import_dialog_init (RapportImportDialog *self)
{
  self->bound_drop_downs = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);

  use_accessible_label_only (self->merge_all_button);
  use_accessible_label_only (self->add_all_button);
  use_accessible_label_only (self->skip_all_button);

  set_factory (self->duplicates_view, G_CALLBACK (duplicate_setup_cb),
               G_CALLBACK (duplicate_bind_cb), G_CALLBACK (duplicate_unbind_cb), self);
  set_factory (self->new_view, G_CALLBACK (list_item_setup_cb), G_CALLBACK (new_card_bind_cb),
               G_CALLBACK (list_item_unbind_cb), self);
  set_factory (self->problems_view, G_CALLBACK (list_item_setup_cb),
               G_CALLBACK (problem_bind_cb), G_CALLBACK (list_item_unbind_cb), self);
}

RapportImportDialog *
rapport_import_dialog_new (RapportStore *store,
                           GtkWindow    *parent,
                           GFile        *file)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (RAPPORT_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "file", file,
                       NULL);
}

void
rapport_import_dialog_start (RapportImportDialog *self)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->state == STATE_NEW);

  if (self->file != NULL)
    load (self, self->file);
  else
    open_chooser (self);
}
