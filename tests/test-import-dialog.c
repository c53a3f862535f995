/* test-import-dialog.c
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
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <string.h>

#include "rapport-colleagues-page.h"
#include "rapport-import-dialog.h"
#include "rapport-store.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

#define KEY_NUMBER 7
#define LARGE_FILE_CARDS 20000

typedef struct
{
  char                *dir;
  char                *path;
  guint8               key[RAPPORT_DATABASE_KEY_SIZE];
  RapportDatabase     *database;
  RapportStore        *store;
  GtkWindow           *parent;
  RapportImportDialog *dialog;
  GPtrArray           *toasts;   /* the toasts' titles */
} Fixture;

typedef struct
{
  gint64 last;
  gint64 max_gap;
  guint  ticks;
} Ticker;

static char *
corpus_path (const char *name)
{
  const char *root = g_getenv ("RAPPORT_SOURCE_ROOT");

  if (root == NULL)
    root = "..";

  return g_build_filename (root, "tests", "data", "vcard", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = rapport_test_make_tmp_dir ("import-dialog");
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  rapport_test_fixed_key (fixture->key, KEY_NUMBER);
  fixture->store = rapport_test_open_store (fixture->path, fixture->key,
                                            RAPPORT_DATABASE_OPEN_CREATE, &fixture->database);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);

  /* Ana is found again by her email, Ben by his name. */
  rapport_test_add_colleague (fixture->store, "name", "Ana Lima", "email", "ana@example.com", NULL);
  rapport_test_add_colleague (fixture->store, "name", "Ben Okafor", "role", "RN", NULL);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 900, 700);
  gtk_window_present (fixture->parent);
  rapport_test_wait_ms (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_true (rapport_test_wait_for_null ((gpointer *) &fixture->dialog, 10000));

  gtk_window_destroy (fixture->parent);
  rapport_test_iterate ();

  if (fixture->store != NULL)
    rapport_test_close_store (fixture->store, fixture->database);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
add_toast_cb (RapportImportDialog *dialog,
              AdwToast            *toast,
              Fixture             *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (adw_toast_get_title (toast)));
}

static RapportImportDialog *
make_dialog (Fixture *fixture,
             GFile   *file)
{
  fixture->dialog = rapport_import_dialog_new (fixture->store, fixture->parent, file);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "add-toast", G_CALLBACK (add_toast_cb), fixture);

  return fixture->dialog;
}

static gboolean
is_main_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "review") != NULL;
}

/* The page the dialog shows ("loading", "review", "importing", "error"), or NULL once closed. */
static const char *
page_of (Fixture *fixture)
{
  GtkWidget *stack;

  if (fixture->dialog == NULL)
    return NULL;

  stack = rapport_test_find_widget (GTK_WIDGET (fixture->dialog), is_main_stack, NULL);
  return stack != NULL ? gtk_stack_get_visible_child_name (GTK_STACK (stack)) : NULL;
}

static gboolean
is_done_loading (gpointer data)
{
  const char *page = page_of (data);

  return page == NULL || g_strcmp0 (page, "loading") != 0;
}

/* Starts a dialog on file (in tests/data/vcard/ unless it is an absolute path) and waits until it
 * has read it. */
static void
open_file (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name) : corpus_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  make_dialog (fixture, file);
  rapport_import_dialog_start (fixture->dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == fixture->parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));

  g_assert_true (rapport_test_wait_until (is_done_loading, fixture, 60000));
  /* Layout, so the lists make their rows. */
  rapport_test_wait_ms (100);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_prefix (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), text);
}

static gboolean
shows (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static gboolean
shows_label (Fixture    *fixture,
             const char *text)
{
  return shows (rapport_test_find_widget (GTK_WIDGET (fixture->dialog), is_label, text));
}

/* GTK 4.8 has no getter for an accessible name; the testing API compares it. */
static gboolean
has_accessible_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  label);

  return mismatch == NULL;
}

static GtkWidget *
find_named (Fixture    *fixture,
            const char *label)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->dialog), has_accessible_label, label);
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static GtkWidget *
import_button (Fixture *fixture)
{
  return rapport_test_find_widget (GTK_WIDGET (fixture->dialog), is_action_button, "import.run");
}

static GtkWidget *
cancel_button (Fixture *fixture)
{
  GtkWidget *header = rapport_test_find_by_type (GTK_WIDGET (fixture->dialog),
                                                 ADW_TYPE_HEADER_BAR);

  return rapport_test_find_widget (header, is_action_button, "import.cancel");
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  if (button != NULL)
    g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_closed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->dialog == NULL;
}

/* Clicks Import and waits until the dialog has closed. */
static void
run_import (Fixture *fixture)
{
  click (import_button (fixture));
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 60000));
  rapport_test_iterate ();
}

static guint
count_named (RapportStore *store,
             const char   *name)
{
  GListModel *colleagues = rapport_store_get_colleagues (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

      if (g_strcmp0 (rapport_colleague_get_name (colleague), name) == 0)
        n++;
    }

  return n;
}

static RapportColleague *
find_named_colleague (RapportStore *store,
                      const char   *name)
{
  GListModel *colleagues = rapport_store_get_colleagues (store);

  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

      if (g_strcmp0 (rapport_colleague_get_name (colleague), name) == 0)
        return colleague;
    }

  return NULL;
}

static guint
n_colleagues (RapportStore *store)
{
  return g_list_model_get_n_items (rapport_store_get_colleagues (store));
}

static void
assert_toasts (Fixture    *fixture,
               const char *expected)
{
  g_assert_cmpuint (fixture->toasts->len, ==, expected != NULL ? 1 : 0);
  if (expected != NULL && fixture->toasts->len == 1)
    g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, expected);
}

static void
select_choice (Fixture    *fixture,
               const char *accessible_label,
               guint       choice)
{
  GtkWidget *drop_down = find_named (fixture, accessible_label);

  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  if (GTK_IS_DROP_DOWN (drop_down))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), choice);
}

static guint
choice_of (Fixture    *fixture,
           const char *accessible_label)
{
  GtkWidget *drop_down = find_named (fixture, accessible_label);

  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  return GTK_IS_DROP_DOWN (drop_down) ? gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down))
                                      : GTK_INVALID_LIST_POSITION;
}

enum { MERGE, ADD, SKIP };

static void
test_review (Fixture       *fixture,
             gconstpointer  user_data)
{
  RapportColleague *ana;

  open_file (fixture, "import-review.vcf");
  g_assert_cmpstr (page_of (fixture), ==, "review");

  g_assert_true (shows_label (fixture, "3 new colleagues, 2 already in your journal"));
  g_assert_true (shows_label (fixture, "Already in Your Journal"));
  g_assert_true (shows_label (fixture, "Ana Lima"));
  g_assert_true (shows_label (fixture, "Matches Ana Lima · ana@example.com"));
  g_assert_true (shows_label (fixture, "Ben Okafor"));
  g_assert_true (shows_label (fixture, "Matches Ben Okafor · +1 303 555 0100"));
  g_assert_false (shows_label (fixture, "Cards That Could Not Be Read"));

  /* Duplicates are merged unless the person says otherwise. */
  g_assert_cmpuint (choice_of (fixture, "Action for Ana Lima"), ==, MERGE);
  g_assert_cmpuint (choice_of (fixture, "Action for Ben Okafor"), ==, MERGE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import_button (fixture))), ==,
                   "Import 5 Cards");
  g_assert_true (gtk_widget_has_css_class (import_button (fixture), "suggested-action"));
  g_assert_true (shows (import_button (fixture)));

  select_choice (fixture, "Action for Ana Lima", SKIP);
  select_choice (fixture, "Action for Ben Okafor", ADD);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import_button (fixture))), ==,
                   "Import 4 Cards");
  g_assert_true (gtk_widget_get_sensitive (import_button (fixture)));

  run_import (fixture);
  assert_toasts (fixture, "Imported 4, merged 0, skipped 1");

  g_assert_cmpuint (n_colleagues (fixture->store), ==, 6);
  g_assert_cmpuint (count_named (fixture->store, "Ben Okafor"), ==, 2);
  g_assert_cmpuint (count_named (fixture->store, "Ana Lima"), ==, 1);
  g_assert_cmpuint (count_named (fixture->store, "Cara New"), ==, 1);
  g_assert_cmpuint (count_named (fixture->store, "Dan New"), ==, 1);
  g_assert_cmpuint (count_named (fixture->store, "Eve New"), ==, 1);
  /* Skipped: the card's organisation did not reach Ana. */
  ana = find_named_colleague (fixture->store, "Ana Lima");
  g_assert_nonnull (ana);
  if (ana != NULL)
    g_assert_cmpstr (rapport_colleague_get_organization (ana), ==, "");
}

static void
test_merge_default (Fixture       *fixture,
                    gconstpointer  user_data)
{
  RapportColleague *ana;
  RapportColleague *ben;

  open_file (fixture, "import-review.vcf");
  run_import (fixture);
  assert_toasts (fixture, "Imported 3, merged 2, skipped 0");

  g_assert_cmpuint (n_colleagues (fixture->store), ==, 5);
  ana = find_named_colleague (fixture->store, "Ana Lima");
  ben = find_named_colleague (fixture->store, "Ben Okafor");
  g_assert_nonnull (ana);
  g_assert_nonnull (ben);
  if (ana == NULL || ben == NULL)
    return;
  g_assert_cmpstr (rapport_colleague_get_organization (ana), ==, "City Hospital");
  g_assert_cmpstr (rapport_colleague_get_phone (ben), ==, "+1 303 555 0100");
  /* Nothing the journal had is overwritten. */
  g_assert_cmpstr (rapport_colleague_get_role (ben), ==, "RN");
}

static void
test_skip_all (Fixture       *fixture,
               gconstpointer  user_data)
{
  RapportColleague *ana;

  open_file (fixture, "import-review.vcf");
  g_assert_true (shows_label (fixture, "For All Duplicates"));

  /* One row set by hand first: "for all" overrides it too. */
  select_choice (fixture, "Action for Ben Okafor", ADD);
  click (find_named (fixture, "Skip All Duplicates"));
  g_assert_cmpuint (choice_of (fixture, "Action for Ana Lima"), ==, SKIP);
  g_assert_cmpuint (choice_of (fixture, "Action for Ben Okafor"), ==, SKIP);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import_button (fixture))), ==,
                   "Import 3 Cards");

  run_import (fixture);
  assert_toasts (fixture, "Imported 3, merged 0, skipped 2");

  g_assert_cmpuint (n_colleagues (fixture->store), ==, 5);
  g_assert_cmpuint (count_named (fixture->store, "Ben Okafor"), ==, 1);
  ana = find_named_colleague (fixture->store, "Ana Lima");
  g_assert_nonnull (ana);
  if (ana != NULL)
    g_assert_cmpstr (rapport_colleague_get_organization (ana), ==, "");
}

static void
test_all_skipped (Fixture       *fixture,
                  gconstpointer  user_data)
{
  open_file (fixture, "import-only-duplicates.vcf");
  g_assert_true (shows_label (fixture, "0 new colleagues, 2 already in your journal"));

  click (find_named (fixture, "Skip All Duplicates"));
  g_assert_false (gtk_widget_get_sensitive (import_button (fixture)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import_button (fixture))), ==, "Import");

  click (find_named (fixture, "Merge All Duplicates"));
  g_assert_true (gtk_widget_get_sensitive (import_button (fixture)));
  g_assert_cmpuint (choice_of (fixture, "Action for Ana Lima"), ==, MERGE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import_button (fixture))), ==,
                   "Import 2 Cards");

  /* Cancel writes nothing. */
  click (cancel_button (fixture));
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 5000));
  assert_toasts (fixture, NULL);
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);
}

static void
test_broken_card (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *reason;

  open_file (fixture, "broken-middle.vcf");
  g_assert_cmpstr (page_of (fixture), ==, "review");

  g_assert_true (shows_label (fixture, "2 new colleagues, 3 cards could not be read"));
  g_assert_true (shows_label (fixture, "Cards That Could Not Be Read"));
  g_assert_true (shows_label (fixture, "Card 2"));
  g_assert_true (shows_label (fixture, "Card 4"));
  g_assert_true (shows_label (fixture, "Card 5"));
  reason = rapport_test_find_widget (GTK_WIDGET (fixture->dialog), is_label_prefix,
                                     "Card 2 has no name");
  g_assert_true (shows (reason));
  g_assert_false (shows_label (fixture, "Already in Your Journal"));

  run_import (fixture);
  assert_toasts (fixture, "Imported 2 colleagues");
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 4);
  g_assert_cmpuint (count_named (fixture->store, "First Good"), ==, 1);
  g_assert_cmpuint (count_named (fixture->store, "Third Good"), ==, 1);
}

static void
check_error_page (Fixture    *fixture,
                  const char *title)
{
  AdwStatusPage *page;
  const char *description;

  g_assert_cmpstr (page_of (fixture), ==, "error");
  page = ADW_STATUS_PAGE (gtk_widget_get_ancestor (rapport_test_find_button (GTK_WIDGET (fixture->dialog),
                                                                             "Close"),
                                                   ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, title);
  description = adw_status_page_get_description (page);
  g_assert_nonnull (description);
  g_assert_cmpuint (strlen (description != NULL ? description : ""), >, 20);
  g_test_message ("%s: %s", title, description);
  g_assert_true (shows (rapport_test_find_button (GTK_WIDGET (fixture->dialog), "Close")));
  g_assert_false (shows (cancel_button (fixture)));
  g_assert_false (shows (import_button (fixture)));

  click (rapport_test_find_button (GTK_WIDGET (fixture->dialog), "Close"));
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 5000));
  assert_toasts (fixture, NULL);
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);
}

static void
test_not_vcard (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (path, "Shopping: milk, eggs, bread.\n", -1, NULL));
  open_file (fixture, path);
  check_error_page (fixture, "Could Not Read the File");
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.vcf", NULL);

  open_file (fixture, path);
  check_error_page (fixture, "Could Not Read the File");
}

static char *
write_large_file (Fixture *fixture)
{
  g_autoptr(GString) data = g_string_new (NULL);
  char *path = g_build_filename (fixture->dir, "large.vcf", NULL);

  for (guint i = 0; i < LARGE_FILE_CARDS; i++)
    g_string_append_printf (data,
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %05u\r\n"
                            "EMAIL:person%u@example.org\r\nTITLE:RN\r\nEND:VCARD\r\n", i, i);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));

  return path;
}

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();

  if (ticker->last != 0)
    ticker->max_gap = MAX (ticker->max_gap, now - ticker->last);
  ticker->last = now;
  ticker->ticks++;

  return G_SOURCE_CONTINUE;
}

static gboolean
has_progressed (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *bar;

  if (fixture->dialog == NULL)
    return TRUE;

  bar = rapport_test_find_by_type (GTK_WIDGET (fixture->dialog), GTK_TYPE_PROGRESS_BAR);
  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0;
}

static void
reopen_store (Fixture *fixture)
{
  rapport_test_close_store (g_steal_pointer (&fixture->store),
                            g_steal_pointer (&fixture->database));
  fixture->store = rapport_test_open_store (fixture->path, fixture->key,
                                            RAPPORT_DATABASE_OPEN_EXISTING, &fixture->database);
}

static void
test_cancel_import (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = write_large_file (fixture);
  Ticker ticker = { 0, };
  GtkWidget *bar;
  guint tick_source;

  open_file (fixture, path);
  g_assert_cmpstr (page_of (fixture), ==, "review");
  g_assert_true (shows_label (fixture, "20000 new colleagues"));

  tick_source = g_timeout_add (20, tick_cb, &ticker);
  click (import_button (fixture));
  g_assert_cmpstr (page_of (fixture), ==, "importing");
  bar = rapport_test_find_by_type (GTK_WIDGET (fixture->dialog), GTK_TYPE_PROGRESS_BAR);
  g_assert_true (shows (bar));
  g_assert_true (gtk_progress_bar_get_show_text (GTK_PROGRESS_BAR (bar)));

  g_assert_true (rapport_test_wait_until (has_progressed, fixture, 60000));
  g_assert_nonnull (fixture->dialog);
  if (fixture->dialog == NULL)
    {
      g_source_remove (tick_source);
      return;
    }
  g_test_message ("progress: %s", gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)));
  g_assert_true (g_str_has_suffix (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)),
                                   " of 20000"));

  click (cancel_button (fixture));
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 30000));
  g_source_remove (tick_source);

  g_test_message ("main loop: %u ticks, largest gap %" G_GINT64_FORMAT " ms",
                  ticker.ticks, ticker.max_gap / 1000);
  g_assert_cmpuint (ticker.ticks, >, 2);
  g_assert_cmpint (ticker.max_gap, <, 250 * G_TIME_SPAN_MILLISECOND);

  assert_toasts (fixture, "Import cancelled; nothing was changed");
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);

  /* And on disk. */
  reopen_store (fixture);
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);
}

/* Closing the window is Cancel too; destroying it (with its parent, say) drops the result. */
static void
test_close_while_importing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *path = write_large_file (fixture);

  open_file (fixture, path);
  click (import_button (fixture));
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 30000));
  assert_toasts (fixture, "Import cancelled; nothing was changed");
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);

  g_ptr_array_set_size (fixture->toasts, 0);
  open_file (fixture, path);
  click (import_button (fixture));
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  /* Kept alive by the running import until it has rolled back. */
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 30000));
  rapport_test_wait_ms (100);
  assert_toasts (fixture, NULL);
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);

  reopen_store (fixture);
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);
}

static gboolean
is_escape_cancel (GtkShortcut *shortcut)
{
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
  g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

  return g_strcmp0 (trigger, "Escape") == 0 && GTK_IS_NAMED_ACTION (action) &&
         g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                    "import.cancel") == 0;
}

/* The dialog's own Escape shortcut, as a key press would find it. */
static GtkShortcut *
find_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (is_escape_cancel (shortcut))
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

static void
test_escape (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GtkShortcut) escape = NULL;

  open_file (fixture, "import-review.vcf");
  escape = find_escape (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (escape);
  if (escape == NULL)
    return;

  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (escape), 0,
                                               GTK_WIDGET (fixture->dialog), NULL));
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 5000));
  assert_toasts (fixture, NULL);
  g_assert_cmpuint (n_colleagues (fixture->store), ==, 2);
}

static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

static void
test_chooser (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = corpus_path ("import-review.vcf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *chooser;
  GListModel *filters;

  /* Dismissed: the dialog goes away without a word. */
  make_dialog (fixture, NULL);
  rapport_import_dialog_start (fixture->dialog);
  g_assert_true (rapport_test_wait_until (chooser_shown, NULL, 5000));
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  if (chooser == NULL)
    return;

  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  if (g_list_model_get_n_items (filters) == 2)
    {
      g_autoptr(GtkFileFilter) vcard = g_list_model_get_item (filters, 0);
      g_autoptr(GtkFileFilter) all = g_list_model_get_item (filters, 1);

      g_assert_cmpstr (gtk_file_filter_get_name (vcard), ==, "vCard files");
      g_assert_cmpstr (gtk_file_filter_get_name (all), ==, "All Files");
    }
  g_object_unref (filters);

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (rapport_test_wait_until (is_closed, fixture, 5000));
  assert_toasts (fixture, NULL);

  /* Chosen: it reads the file. */
  make_dialog (fixture, NULL);
  rapport_import_dialog_start (fixture->dialog);
  g_assert_true (rapport_test_wait_until (chooser_shown, NULL, 5000));
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  if (chooser == NULL)
    return;
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* The chooser selects the file once it has listed the folder. */
  g_assert_true (rapport_test_wait_until (chooser_has_file, chooser, 10000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (rapport_test_wait_until (is_done_loading, fixture, 10000));
  g_assert_cmpstr (page_of (fixture), ==, "review");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

/* GTK draws these parts itself and names them: the drop-down's own button, the window
 * controls. */
static void
collect_unnamed (GtkWidget *widget,
                 GPtrArray *unnamed)
{
  if (GTK_IS_WINDOW_CONTROLS (widget))
    return;

  if (GTK_IS_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_CHECK_BUTTON (widget) ||
      GTK_IS_LIST_VIEW (widget) || GTK_IS_PROGRESS_BAR (widget) || GTK_IS_SPINNER (widget))
    {
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL) &&
          !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        g_ptr_array_add (unnamed, widget);

      if (GTK_IS_DROP_DOWN (widget))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();
  GtkWidget *drop_down;

  /* Every part at once: duplicates, new people and problems. */
  {
    g_autofree char *broken = corpus_path ("broken-middle.vcf");
    g_autofree char *review = corpus_path ("import-review.vcf");
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autofree char *both = NULL;
    g_autofree char *path = g_build_filename (fixture->dir, "both.vcf", NULL);

    g_assert_true (g_file_get_contents (review, &a, NULL, NULL));
    g_assert_true (g_file_get_contents (broken, &b, NULL, NULL));
    both = g_strconcat (a, b, NULL);
    g_assert_true (g_file_set_contents (path, both, -1, NULL));
    open_file (fixture, path);
  }
  g_assert_cmpstr (page_of (fixture), ==, "review");
  g_assert_true (shows_label (fixture, "Card 7"));

  collect_unnamed (GTK_WIDGET (fixture->dialog), unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (unnamed, i);

      g_test_message ("Unnamed %s (label “%s”)", G_OBJECT_TYPE_NAME (widget),
                      GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : "");
    }
  g_assert_cmpuint (unnamed->len, ==, 0);

  g_assert_nonnull (find_named (fixture, "Action for Ana Lima"));
  g_assert_nonnull (find_named (fixture, "Action for Ben Okafor"));
  g_assert_nonnull (find_named (fixture, "Merge All Duplicates"));
  g_assert_nonnull (find_named (fixture, "Add All Duplicates"));
  g_assert_nonnull (find_named (fixture, "Skip All Duplicates"));
  g_assert_nonnull (find_named (fixture, "Import Progress"));

  /* The choices are reachable with the keyboard. */
  drop_down = find_named (fixture, "Action for Ana Lima");
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  if (drop_down != NULL)
    g_assert_true (gtk_widget_get_focusable (drop_down) ||
                   gtk_widget_get_focusable (gtk_widget_get_first_child (drop_down)));

  /* No mnemonics on the buttons (GTK 4.8 reads "_Import" to screen readers). */
  g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (import_button (fixture))));
  g_assert_null (strchr (gtk_button_get_label (GTK_BUTTON (import_button (fixture))), '_'));
}

static void
activated_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_colleagues_page_button (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("import-contacts", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RapportColleaguesPage *page = g_object_new (RAPPORT_TYPE_COLLEAGUES_PAGE, NULL);
  GtkWidget *button;
  guint activations = 0;

  store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE, &database);
  g_signal_connect (action, "activate", G_CALLBACK (activated_cb), &activations);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  rapport_colleagues_page_set_store (page, store);
  gtk_window_present (window);
  rapport_test_wait_ms (100);

  button = rapport_test_find_button (GTK_WIDGET (page), "Import Contacts…");
  g_assert_true (shows (button));
  g_assert_true (shows (rapport_test_find_button (GTK_WIDGET (page), "Add Colleague")));
  click (button);
  g_assert_cmpuint (activations, ==, 1);

  gtk_window_destroy (window);
  rapport_test_iterate ();
  rapport_test_close_store (g_steal_pointer (&store), g_steal_pointer (&database));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add ("/rapport/import-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("review", test_review);
  ADD ("merge-default", test_merge_default);
  ADD ("skip-all", test_skip_all);
  ADD ("all-skipped", test_all_skipped);
  ADD ("broken-card", test_broken_card);
  ADD ("not-vcard", test_not_vcard);
  ADD ("missing-file", test_missing_file);
  ADD ("cancel-import", test_cancel_import);
  ADD ("close-while-importing", test_close_while_importing);
  ADD ("escape", test_escape);
  ADD ("chooser", test_chooser);
  ADD ("accessible-names", test_accessible_names);
  ADD ("colleagues-page-button", test_colleagues_page_button);

#undef ADD

  return g_test_run ();
}
