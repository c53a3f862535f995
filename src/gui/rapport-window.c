/* rapport-window.c
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

#define G_LOG_DOMAIN "rapport-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-assignments-page.h"
#include "rapport-colleagues-page.h"
#include "rapport-export-flow.h"
#include "rapport-ical.h"
#include "rapport-import-dialog.h"
#include "rapport-journal-page.h"
#include "rapport-reminder-editor.h"
#include "rapport-search-page.h"
#include "rapport-today-page.h"
#include "rapport-unlock-page.h"
#include "rapport-vcard-export-dialog.h"
#include "rapport-welcome-dialog.h"
#include "rapport-window.h"

struct _RapportWindow
{
  AdwApplicationWindow    parent_instance;

  GSettings              *settings;
  RapportApplication     *application;   /* weak */

  AdwToastOverlay        *toast_overlay;
  GtkStack               *state_stack;
  GtkSpinner             *spinner;
  RapportUnlockPage      *unlock_page;
  AdwStatusPage          *failure_page;
  GtkButton              *restore_snapshot_button;
  AdwHeaderBar           *header_bar;
  AdwViewSwitcherTitle   *switcher_title;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkStack               *content_stack;
  AdwViewStack           *view_stack;
  RapportTodayPage       *today_page;
  RapportColleaguesPage  *colleagues_page;
  RapportAssignmentsPage *assignments_page;
  RapportJournalPage     *journal_page;
  RapportSearchPage      *search_page;

  RapportStore           *views_store;   /* what the open views show */
  AdwToast               *undo_toast;    /* weak: the newest toast offering Undo */
  guint                   refocus_id;
  guint                   reactivate_id;
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

static void focus_lost_cb (RapportWindow *self);

/* Actions that need the open journal. */
static const char * const journal_actions[] = {
  "win.import-contacts",
  "win.import-contacts-from",
  "win.export-contacts",
  "win.show-colleague",
  "win.show-assignment",
  "win.show-tip",
  "win.show-interaction",
  "win.log-interaction",
  "win.add-colleague",
  "win.add-assignment",
  "win.add-tip",
  "win.search",
  "win.show-view",
  "win.add-reminder",
  "win.show-reminder",
  "win.export-calendar",
  "win.export-calendar-to",
};

static RapportApplication *
get_application (RapportWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  return RAPPORT_IS_APPLICATION (application) ? RAPPORT_APPLICATION (application) : NULL;
}

static RapportStore *
get_store (RapportWindow *self)
{
  RapportApplication *application = get_application (self);

  return application != NULL ? rapport_application_get_store (application) : NULL;
}

static void
set_page_store (GtkWidget    *page,
                RapportStore *store)
{
  if (RAPPORT_IS_TODAY_PAGE (page))
    rapport_today_page_set_store (RAPPORT_TODAY_PAGE (page), store);
  else if (RAPPORT_IS_COLLEAGUES_PAGE (page))
    rapport_colleagues_page_set_store (RAPPORT_COLLEAGUES_PAGE (page), store);
  else if (RAPPORT_IS_ASSIGNMENTS_PAGE (page))
    rapport_assignments_page_set_store (RAPPORT_ASSIGNMENTS_PAGE (page), store);
  else if (RAPPORT_IS_JOURNAL_PAGE (page))
    rapport_journal_page_set_store (RAPPORT_JOURNAL_PAGE (page), store);
  else
    g_assert_not_reached ();
}

/* A view gets the store when it is first shown or first asked to do something, and keeps it:
 * filling every view of a career's journal at startup, when one is seen, made the window slow to
 * appear. */
static void
open_view (RapportWindow *self,
           GtkWidget     *page)
{
  RapportStore *store = get_store (self);

  if (store == NULL || g_object_get_data (G_OBJECT (page), "rapport-view-open") != NULL)
    return;

  g_object_set_data (G_OBJECT (page), "rapport-view-open", GINT_TO_POINTER (TRUE));
  set_page_store (page, store);
}

static void
sync_store (RapportWindow *self)
{
  RapportStore *store = get_store (self);
  GtkWidget *views[] = {
    GTK_WIDGET (self->today_page), GTK_WIDGET (self->colleagues_page),
    GTK_WIDGET (self->assignments_page), GTK_WIDGET (self->journal_page),
  };
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  /* A new store (or none) closes every view; the one on screen opens again at once. */
  if (store != self->views_store)
    {
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          if (g_object_get_data (G_OBJECT (views[i]), "rapport-view-open") != NULL)
            set_page_store (views[i], NULL);
          g_object_set_data (G_OBJECT (views[i]), "rapport-view-open", NULL);
        }

      g_set_object (&self->views_store, store);
      rapport_search_page_set_store (self->search_page, store);
    }

  if (visible != NULL)
    open_view (self, visible);

  focus_lost_cb (self);
}

static void
visible_view_cb (RapportWindow *self,
                 GParamSpec    *pspec,
                 AdwViewStack  *view_stack)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (view_stack);

  if (visible != NULL)
    open_view (self, visible);
}

static void
set_state (RapportWindow *self,
           const char    *state)
{
  gboolean journal = g_str_equal (state, "journal");

  gtk_stack_set_visible_child_name (self->state_stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));

  if (!journal)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (journal_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), journal_actions[i], journal);

  focus_lost_cb (self);
}

/* Leaves the search for the views, showing the named one. */
static void
show_view (RapportWindow *self,
           const char    *name)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
show_colleagues (RapportWindow *self)
{
  show_view (self, "colleagues");
}

static void
show_search_results (RapportWindow *self,
                     gboolean       results)
{
  gtk_stack_set_visible_child_name (self->content_stack, results ? "search" : "views");
}

static void
store_changed_cb (RapportWindow      *self,
                  GParamSpec         *pspec,
                  RapportApplication *application)
{
  sync_store (self);
}

/* "application" is an ordinary property of GtkWindow, set after construction. */
static void
application_changed_cb (RapportWindow *self,
                        GParamSpec    *pspec,
                        gpointer       user_data)
{
  RapportApplication *application = get_application (self);

  if (self->application != NULL)
    g_signal_handlers_disconnect_by_func (self->application, store_changed_cb, self);
  g_set_weak_pointer (&self->application, application);

  /* Leaving the application happens during destruction too, after the template is gone. */
  if (self->unlock_page == NULL)
    return;

  if (application != NULL)
    {
      rapport_unlock_page_set_profile (self->unlock_page,
                                       rapport_application_get_profile (application));
      g_signal_connect_object (application, "notify::store",
                               G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
    }

  sync_store (self);
}

static void
unlocked_cb (RapportWindow     *self,
             RapportStore      *store,
             const char        *keyring_warning,
             RapportUnlockPage *page)
{
  RapportApplication *application = get_application (self);

  if (application != NULL)
    rapport_application_set_store (application, store);

  rapport_window_show_journal (self);

  if (keyring_warning != NULL && *keyring_warning != '\0')
    {
      AdwToast *toast = adw_toast_new (keyring_warning);

      adw_toast_set_timeout (toast, 0);
      rapport_window_add_toast (self, toast);
    }
}

static void
show_colleague_cb (RapportWindow    *self,
                   gint64            id,
                   RapportTodayPage *page)
{
  show_colleagues (self);
  open_view (self, GTK_WIDGET (self->colleagues_page));
  rapport_colleagues_page_show_colleague (self->colleagues_page, id);
}

static void
show_interaction_cb (RapportWindow *self,
                     gint64         id,
                     GtkWidget     *page)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-interaction", "x", id);
}

static void
search_changed_cb (RapportWindow  *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  rapport_search_page_set_query (self->search_page, query);
  show_search_results (self, *query != '\0');
}

static void
search_activate_cb (RapportWindow  *self,
                    GtkSearchEntry *entry)
{
  rapport_search_page_activate_first (self->search_page);
}

static void
stop_search_cb (RapportWindow  *self,
                GtkSearchEntry *entry)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_cb (RapportWindow *self,
                GParamSpec    *pspec,
                GtkSearchBar  *search_bar)
{
  if (gtk_search_bar_get_search_mode (search_bar))
    return;

  /* Closing the search forgets it: the next one starts empty, on the views. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rapport_search_page_set_query (self->search_page, "");
  show_search_results (self, FALSE);
  /* The keyboard goes back to the view, not to the search field while it slides away. */
  if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL ||
      !gtk_widget_get_mapped (gtk_window_get_focus (GTK_WINDOW (self))))
    gtk_widget_child_focus (GTK_WIDGET (self->content_stack), GTK_DIR_TAB_FORWARD);
}

static void
activate_result_cb (RapportWindow       *self,
                    RapportSearchResult *result,
                    RapportSearchPage   *page)
{
  gint64 id = rapport_search_result_get_id (result);
  const char *action = NULL;

  switch (rapport_search_result_get_kind (result))
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      action = "win.show-colleague";
      break;

    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      action = "win.show-assignment";
      break;

    case RAPPORT_ITEM_KIND_TIP:
      action = "win.show-tip";
      break;

    case RAPPORT_ITEM_KIND_INTERACTION:
      action = "win.show-interaction";
      break;

    case RAPPORT_ITEM_KIND_REMINDER:
      action = "win.show-reminder";
      break;

    default:
      break;
    }

  if (action == NULL)
    {
      g_warning ("No view shows search results of kind %d", rapport_search_result_get_kind (result));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", id);
}

/* Escape anywhere in the results closes the search, as it does in the entry. */
static gboolean
search_page_key_pressed_cb (RapportWindow         *self,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  return GDK_EVENT_STOP;
}

/* Down from the entry moves into the results, so they are reachable without Tab hunting. */
static gboolean
search_entry_key_pressed_cb (RapportWindow         *self,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "search"))
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_child_focus (GTK_WIDGET (self->search_page), GTK_DIR_TAB_FORWARD) ?
         GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
add_toast_cb (RapportWindow *self,
              AdwToast      *toast,
              GtkWidget     *page)
{
  /* The emitter keeps its own reference; the overlay takes one of its own. */
  rapport_window_add_toast (self, g_object_ref (toast));
}

static void
add_colleague_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_colleagues (self);
  open_view (self, GTK_WIDGET (self->colleagues_page));
  rapport_colleagues_page_add_colleague (self->colleagues_page);
}

static void
add_assignment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_view (self, "assignments");
  open_view (self, GTK_WIDGET (self->assignments_page));
  rapport_assignments_page_add_assignment (self->assignments_page);
}

static void
add_tip_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_view (self, "assignments");
  open_view (self, GTK_WIDGET (self->assignments_page));
  rapport_assignments_page_add_tip (self->assignments_page);
}

static void
show_colleague_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_colleagues (self);
  open_view (self, GTK_WIDGET (self->colleagues_page));
  rapport_colleagues_page_show_colleague (self->colleagues_page, g_variant_get_int64 (parameter));
}

static void
show_assignment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_view (self, "assignments");
  open_view (self, GTK_WIDGET (self->assignments_page));
  rapport_assignments_page_show_assignment (self->assignments_page,
                                            g_variant_get_int64 (parameter));
}

static void
show_tip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_view (self, "assignments");
  open_view (self, GTK_WIDGET (self->assignments_page));
  rapport_assignments_page_show_tip (self->assignments_page, g_variant_get_int64 (parameter));
}

static void
show_interaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_view (self, "journal");
  open_view (self, GTK_WIDGET (self->journal_page));
  rapport_journal_page_show_interaction (self->journal_page, g_variant_get_int64 (parameter));
}

/* The editor is a dialog over the window: logging from a colleague's page stays on that page. */
static void
log_interaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  open_view (self, GTK_WIDGET (self->journal_page));
  rapport_journal_page_log_interaction (self->journal_page, g_variant_get_int64 (parameter));
}

/* The editor is a dialog over the window, like the interaction editor: planning a check-in from
 * a colleague's page stays on that page. */
static void
add_reminder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportStore *store = get_store (self);
  RapportReminderEditor *editor;
  gint64 colleague_id = g_variant_get_int64 (parameter);

  if (store == NULL)
    return;

  editor = rapport_reminder_editor_new (GTK_WINDOW (self), store, NULL, MAX (colleague_id, 0));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_reminder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportStore *store = get_store (self);
  RapportReminder *reminder;
  RapportReminderEditor *editor;

  if (store == NULL)
    return;

  reminder = rapport_store_find_reminder (store, g_variant_get_int64 (parameter));
  if (reminder == NULL)
    {
      rapport_window_add_toast (self,
                                adw_toast_new (_("That reminder is no longer in the journal. "
                                                 "It may have been deleted.")));
      return;
    }

  editor = rapport_reminder_editor_new (GTK_WINDOW (self), store, reminder, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
export_calendar_cb (GtkWidget   *owner,
                    const char  *path,
                    gpointer     user_data,
                    GError     **error)
{
  RapportStore *store = get_store (RAPPORT_WINDOW (owner));

  if (store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The journal was locked before the calendar was saved. Unlock it, "
                             "then export again."));
      return FALSE;
    }

  return rapport_ical_export (store, path, g_get_real_time () / G_USEC_PER_SEC, error);
}

static void
export_toast_cb (RapportWindow     *self,
                 AdwToast          *toast,
                 RapportExportFlow *flow)
{
  rapport_window_add_toast (self, g_object_ref (toast));
}

static RapportExportFlow *
create_export_calendar_flow (RapportWindow *self)
{
  RapportExportFlow *flow;
  g_autoptr(GtkFileFilter) filter = NULL;

  flow = rapport_export_flow_new (GTK_WIDGET (self), _("Export Reminders to Calendar"),
                                  export_calendar_cb, NULL, NULL);
  rapport_export_flow_set_warning (flow, _("Export Reminders to Calendar?"),
                                   _("The calendar is a plain, unencrypted file for calendar "
                                     "apps. It holds the titles and times of your reminders and "
                                     "check-ins and your colleagues’ names, but no notes."));
  rapport_export_flow_set_suggested_name (flow, "rapport-check-ins.ics");
  rapport_export_flow_set_saved_message (flow, _("Calendar saved"));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Calendar (iCalendar)"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  rapport_export_flow_add_filter (flow, filter);

  g_signal_connect_object (flow, "add-toast", G_CALLBACK (export_toast_cb), self,
                           G_CONNECT_SWAPPED);

  return flow;
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportExportFlow) flow = NULL;

  if (get_store (self) == NULL)
    return;

  flow = create_export_calendar_flow (self);
  rapport_export_flow_run (flow);
}

static void
export_calendar_to_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportExportFlow) flow = NULL;

  if (get_store (self) == NULL)
    return;

  flow = create_export_calendar_flow (self);
  rapport_export_flow_export_to (flow, g_variant_get_string (parameter, NULL));
}

static void
start_import (RapportWindow *self,
              GFile         *file)
{
  RapportStore *store = get_store (self);
  RapportImportDialog *dialog;

  if (store == NULL)
    return;

  dialog = rapport_import_dialog_new (store, GTK_WINDOW (self), file);
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (add_toast_cb), self,
                           G_CONNECT_SWAPPED);
  rapport_import_dialog_start (dialog);
}

static void
import_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  start_import (RAPPORT_WINDOW (widget), NULL);
}

static void
import_contacts_from_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  start_import (RAPPORT_WINDOW (widget), file);
}

static void
export_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportStore *store = get_store (self);
  RapportVCardExportDialog *dialog;

  if (store == NULL)
    return;

  dialog = rapport_vcard_export_dialog_new (store, GTK_WINDOW (self), 0);
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (add_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  show_view (self, name);
}

static gboolean
rapport_window_close_request (GtkWindow *window)
{
  RapportWindow *self = RAPPORT_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (rapport_window_parent_class)->close_request (window);
}

/* Ctrl+Z does what the newest toast's Undo does, while it shows: a toast's button is out of the
 * keyboard's reach in libadwaita 1.2. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(AdwToast) toast = self->undo_toast != NULL ? g_object_ref (self->undo_toast) : NULL;

  if (toast == NULL)
    return;

  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
}

static void
toast_dismissed_cb (RapportWindow *self,
                    AdwToast      *toast)
{
  if (self->undo_toast != toast)
    return;

  self->undo_toast = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

/* A keyboard user is never left with the focus nowhere: when the focused control goes (its
 * view switched away, its row deleted, the window back from a dialog with nothing focused),
 * the first control of what is on screen takes it. */
/* With no focus, GTK 4.8 can keep a chain of focus children down to a control that has
 * gone (the search field, slid away): Tab then starts after it, finds nothing and gives up,
 * and keys go nowhere. Forgetting the chain lets Tab start from the top again. */
static void
forget_focus_chain (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_focus_child (widget);

  if (child == NULL)
    return;

  forget_focus_chain (child);
  gtk_widget_set_focus_child (widget, NULL);
}

static gboolean
refocus_cb (gpointer user_data)
{
  RapportWindow *self = user_data;

  self->refocus_id = 0;
  if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    forget_focus_chain (GTK_WIDGET (self));
  if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_window_is_active (GTK_WINDOW (self)) &&
      !gtk_widget_child_focus (GTK_WIDGET (self->content_stack), GTK_DIR_TAB_FORWARD) &&
      !gtk_widget_child_focus (GTK_WIDGET (self->state_stack), GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);

  return G_SOURCE_REMOVE;
}

/* When the last dialog of this window goes, the window takes the keyboard back: a window
 * manager that does not do it by itself would leave keys going nowhere. */
static gboolean
reactivate_cb (gpointer user_data)
{
  RapportWindow *self = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  self->reactivate_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || gtk_window_is_active (GTK_WINDOW (self)))
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return G_SOURCE_REMOVE;
    }

  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
toplevels_changed_cb (GListModel    *toplevels,
                      guint          position,
                      guint          removed,
                      guint          added,
                      RapportWindow *self)
{
  if (removed > 0 && self->reactivate_id == 0)
    self->reactivate_id = g_idle_add (reactivate_cb, self);
}

static void
focus_lost_cb (RapportWindow *self)
{
  if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL && self->refocus_id == 0)
    self->refocus_id = g_idle_add (refocus_cb, self);
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  g_clear_handle_id (&self->refocus_id, g_source_remove);
  g_clear_handle_id (&self->reactivate_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (gtk_window_get_toplevels (), toplevels_changed_cb, self);
  self->undo_toast = NULL;

  if (self->application != NULL)
    g_signal_handlers_disconnect_by_func (self->application, store_changed_cb, self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->views_store);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_WINDOW);

  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_finalize (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_window_parent_class)->finalize (object);
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_window_dispose;
  object_class->finalize = rapport_window_finalize;

  window_class->close_request = rapport_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, failure_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, restore_snapshot_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, today_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, colleagues_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, assignments_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, journal_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, search_page);
  gtk_widget_class_bind_template_callback (widget_class, unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_colleague_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_interaction_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_result_cb);

  gtk_widget_class_install_action (widget_class, "win.show-colleague", "x", show_colleague_action);
  gtk_widget_class_install_action (widget_class, "win.show-assignment", "x",
                                   show_assignment_action);
  gtk_widget_class_install_action (widget_class, "win.show-tip", "x", show_tip_action);
  gtk_widget_class_install_action (widget_class, "win.show-interaction", "x",
                                   show_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.log-interaction", "x",
                                   log_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.add-colleague", NULL, add_colleague_action);
  gtk_widget_class_install_action (widget_class, "win.add-assignment", NULL,
                                   add_assignment_action);
  gtk_widget_class_install_action (widget_class, "win.add-tip", NULL, add_tip_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.add-reminder", "x", add_reminder_action);
  gtk_widget_class_install_action (widget_class, "win.show-reminder", "x", show_reminder_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL,
                                   export_calendar_action);
  /* What the file chooser leads to, reachable without one (scripts and tests). */
  gtk_widget_class_install_action (widget_class, "win.export-calendar-to", "s",
                                   export_calendar_to_action);
  gtk_widget_class_install_action (widget_class, "win.import-contacts", NULL,
                                   import_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.import-contacts-from", "s",
                                   import_contacts_from_action);
  gtk_widget_class_install_action (widget_class, "win.export-contacts", NULL,
                                   export_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
}

static void
rapport_window_init (RapportWindow *self)
{
  GtkEventController *controller;

  g_type_ensure (RAPPORT_TYPE_ASSIGNMENTS_PAGE);
  g_type_ensure (RAPPORT_TYPE_COLLEAGUES_PAGE);
  g_type_ensure (RAPPORT_TYPE_JOURNAL_PAGE);
  g_type_ensure (RAPPORT_TYPE_SEARCH_PAGE);
  g_type_ensure (RAPPORT_TYPE_TODAY_PAGE);
  g_type_ensure (RAPPORT_TYPE_UNLOCK_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_view_cb), self, G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed",
                            G_CALLBACK (search_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed",
                            G_CALLBACK (search_page_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_page), controller);

  self->settings = g_settings_new (BASE_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  set_state (self, "loading");

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_lost_cb), NULL);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (focus_lost_cb), NULL);
  g_signal_connect (self, "map", G_CALLBACK (focus_lost_cb), NULL);
  g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                    G_CALLBACK (toplevels_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

RapportWindow *
rapport_window_new (RapportApplication *application)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (application), NULL);

  return g_object_new (RAPPORT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
rapport_window_show_loading (RapportWindow *self)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  set_state (self, "loading");
}

void
rapport_window_show_unlock (RapportWindow *self,
                            const GError  *reason)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  rapport_unlock_page_set_reason (self->unlock_page, reason);
  set_state (self, "unlock");
}

void
rapport_window_show_failure (RapportWindow *self,
                             const char    *title,
                             const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* The status page reads its description as markup; error messages are plain text. */
  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->failure_page, title);
  adw_status_page_set_description (self->failure_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_snapshot_button), FALSE);
  set_state (self, "failure");
}

/* The failure page, offering to put the snapshot at snapshot_path in place of the journal. */
void
rapport_window_show_failure_with_snapshot (RapportWindow *self,
                                           const char    *title,
                                           const char    *description,
                                           const char    *snapshot_path)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (snapshot_path != NULL);

  rapport_window_show_failure (self, title, description);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->restore_snapshot_button), NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->restore_snapshot_button), "s",
                                    snapshot_path);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->restore_snapshot_button),
                                  "app.restore-snapshot");
  gtk_widget_set_visible (GTK_WIDGET (self->restore_snapshot_button), TRUE);
}

void
rapport_window_show_journal (RapportWindow *self)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  sync_store (self);
  set_state (self, "journal");
}

void
rapport_window_show_welcome (RapportWindow *self,
                             const char    *code)
{
  RapportWelcomeDialog *dialog;

  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (code != NULL);

  dialog = rapport_welcome_dialog_new (GTK_WINDOW (self), code);
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (add_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Takes ownership of toast, as adw_toast_overlay_add_toast() does. */
void
rapport_window_add_toast (RapportWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (g_strcmp0 (adw_toast_get_button_label (toast), _("Undo")) == 0)
    {
      self->undo_toast = toast;
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
