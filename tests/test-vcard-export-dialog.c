/* test-vcard-export-dialog.c
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

#define G_LOG_DOMAIN "rapport-test-vcard-export-dialog"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "rapport-colleague-chooser.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-vcard-export-dialog.h"

/* Exporting colleagues as vCard from the dialog: who, what, which version, and the file. */

#define NOTES_CANARY "Met at the ICU huddle"
#define INTERESTS_CANARY "bouldering"

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
  GtkWindow       *window;
  GPtrArray       *toasts;
  gint64           mercy;       /* a past assignment: Ada, Bea and archived Cy */
  gint64           lakeside;    /* the current one: Dee */
  gint64           ada, bea, cy, dee;
} Fixture;

static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *unit,
                const char *starts_on,
                const char *ends_on)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);
  g_autoptr(GError) error = NULL;

  rapport_assignment_set_unit (assignment, unit);
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static void
link_colleague (Fixture *fixture,
                gint64   colleague_id,
                gint64   assignment_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_link_colleague (fixture->store, colleague_id, assignment_id, "",
                                               &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *current_start = day_from_today (-10);
  g_autofree char *current_end = day_from_today (40);
  g_autoptr(RapportColleague) archived = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rapport_test_make_tmp_dir ("vcard-export-dialog");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->mercy = add_assignment (fixture, "Mercy Hospital", "ICU", "2020-01-06", "2020-03-27");
  fixture->lakeside = add_assignment (fixture, "Lakeside Clinic", "", current_start, current_end);

  fixture->ada = rapport_colleague_get_id (
    rapport_test_add_colleague (fixture->store, "name", "Ada Okafor", "role", "RN",
                                "phone", "+1 303 555 0101", "email", "ada@example.org",
                                "interests", INTERESTS_CANARY, "notes", NOTES_CANARY, NULL));
  fixture->bea = rapport_colleague_get_id (
    rapport_test_add_colleague (fixture->store, "name", "Bea Young", "role", "RT", NULL));
  fixture->cy = rapport_colleague_get_id (
    rapport_test_add_colleague (fixture->store, "name", "Cy Archer", NULL));
  fixture->dee = rapport_colleague_get_id (
    rapport_test_add_colleague (fixture->store, "name", "Dee Nguyen", "role", "MD", NULL));

  archived = rapport_colleague_dup (rapport_store_find_colleague (fixture->store, fixture->cy));
  rapport_colleague_set_archived (archived, TRUE);
  g_assert_true (rapport_store_update_colleague (fixture->store, archived, &error));
  g_assert_no_error (error);

  link_colleague (fixture, fixture->ada, fixture->mercy);
  link_colleague (fixture, fixture->bea, fixture->mercy);
  link_colleague (fixture, fixture->cy, fixture->mercy);
  link_colleague (fixture, fixture->dee, fixture->lakeside);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  rapport_test_iterate ();
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  rapport_test_close_store (fixture->store, fixture->database);
  rapport_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
add_toast_cb (RapportVCardExportDialog *dialog,
              AdwToast                 *toast,
              Fixture                  *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static RapportVCardExportDialog *
open_dialog (Fixture *fixture,
             gint64   assignment_id)
{
  RapportVCardExportDialog *dialog = rapport_vcard_export_dialog_new (fixture->store,
                                                                      fixture->window,
                                                                      assignment_id);

  g_signal_connect (dialog, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_test_wait_ms (50);

  return dialog;
}

static void
close_dialog (RapportVCardExportDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_label (RapportVCardExportDialog *dialog,
             const char               *text)
{
  return rapport_test_find_widget (GTK_WIDGET (dialog), is_mapped_label, text) != NULL;
}

static AdwComboRow *
combo (RapportVCardExportDialog *dialog,
       const char               *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static const char *
combo_text (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

/* The radio-style check button of the row with this title. */
static GtkCheckButton *
option (RapportVCardExportDialog *dialog,
        const char               *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, title);
  GtkWidget *check;

  g_assert_nonnull (row);
  check = rapport_test_find_by_type (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);

  return GTK_CHECK_BUTTON (check);
}

static GtkWidget *
export_button (RapportVCardExportDialog *dialog)
{
  GtkWidget *button = rapport_test_find_button (GTK_WIDGET (dialog), "Export…");

  g_assert_nonnull (button);
  return button;
}

static void
set_scope (RapportVCardExportDialog *dialog,
           guint                     scope)
{
  adw_combo_row_set_selected (combo (dialog, "Colleagues"), scope);
  rapport_test_wait_ms (20);
}

/* Exports with export_to and checks what any export does: the dialog closes, toasts the count,
 * and the file is the owner's alone. Returns the file's text. */
static char *
export (Fixture                  *fixture,
        RapportVCardExportDialog *dialog,
        const char               *name,
        guint                     expected_count)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *toast = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gpointer weak = dialog;
  guint n_toasts = fixture->toasts->len;
  GStatBuf st;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (rapport_vcard_export_dialog_export_to (dialog, path, &error));
  g_assert_no_error (error);

  /* It closes, having said how many. */
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_cmpuint (fixture->toasts->len, ==, n_toasts + 1);
  toast = g_strdup_printf (expected_count == 1 ? "Exported %u colleague"
                                               : "Exported %u colleagues", expected_count);
  if (fixture->toasts->len == n_toasts + 1)
    g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, n_toasts)), ==,
                     toast);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a vCard text, sorted, comma-separated. */
static char *
parse_names (const char *text)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  colleagues = rapport_vcard_parse (text, strlen (text), &problems);
  g_assert_nonnull (colleagues);
  if (colleagues == NULL)
    return g_strdup ("");
  g_assert_true (problems == NULL || problems->len == 0);

  for (guint i = 0; i < colleagues->len; i++)
    g_ptr_array_add (names, (gpointer) rapport_colleague_get_name (colleagues->pdata[i]));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static RapportColleague *
parse_one (const char *text,
           const char *name)
{
  g_autoptr(GPtrArray) colleagues = rapport_vcard_parse (text, strlen (text), NULL);

  for (guint i = 0; colleagues != NULL && i < colleagues->len; i++)
    if (g_strcmp0 (rapport_colleague_get_name (colleagues->pdata[i]), name) == 0)
      return g_object_ref (colleagues->pdata[i]);

  return NULL;
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  AdwComboRow *assignment;

  /* Everyone not archived, work details, vCard 4.0. */
  g_assert_cmpstr (combo_text (combo (dialog, "Colleagues")), ==, "Everyone Not Archived");
  g_assert_true (shows_label (dialog, "3 colleagues"));
  g_assert_true (gtk_check_button_get_active (option (dialog, "Work Contact Details Only")));
  g_assert_false (gtk_check_button_get_active (option (dialog, "Also Interests and Notes")));
  g_assert_true (gtk_check_button_get_active (option (dialog, "vCard 4.0")));
  g_assert_false (gtk_check_button_get_active (option (dialog, "vCard 3.0")));
  g_assert_true (gtk_widget_get_sensitive (export_button (dialog)));
  g_assert_true (gtk_widget_has_css_class (export_button (dialog), "suggested-action"));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);

  /* The file is plainly said not to be encrypted. */
  g_assert_nonnull (rapport_test_find_widget (GTK_WIDGET (dialog), is_mapped_label,
                                              "The file is not encrypted: anyone who has it can "
                                              "read what it holds. Keep it somewhere private, and "
                                              "delete it once your phone or address book has the "
                                              "contacts."));

  /* The assignment row waits, on the current assignment. */
  assignment = combo (dialog, "Assignment");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (assignment)));
  g_assert_cmpstr (combo_text (assignment), ==, "Lakeside Clinic");
  close_dialog (dialog);

  /* Opened for an assignment: its colleagues, archived ones left out. */
  dialog = open_dialog (fixture, fixture->mercy);
  g_assert_cmpstr (combo_text (combo (dialog, "Colleagues")), ==, "From an Assignment");
  assignment = combo (dialog, "Assignment");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (assignment)));
  g_assert_cmpstr (combo_text (assignment), ==, "Mercy Hospital · ICU");
  g_assert_true (shows_label (dialog, "2 colleagues"));
  close_dialog (dialog);

  g_assert_cmpuint (fixture->toasts->len, ==, 0);
}

static void
test_scope_everyone (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  g_autofree char *text = export (fixture, dialog, "everyone.vcf", 3);
  g_autofree char *names = parse_names (text);

  g_assert_cmpstr (names, ==, "Ada Okafor, Bea Young, Dee Nguyen");
}

static void
test_scope_assignment (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, fixture->mercy);
  g_autofree char *text = export (fixture, dialog, "mercy.vcf", 2);
  g_autofree char *names = parse_names (text);
  g_autofree char *other_text = NULL;
  g_autofree char *other_names = NULL;
  AdwComboRow *assignment;
  guint lakeside = GTK_INVALID_LIST_POSITION;
  GListModel *model;

  g_assert_cmpstr (names, ==, "Ada Okafor, Bea Young");
  /* Each card names the assignment the person was met at. */
  g_assert_nonnull (strstr (text, "Mercy Hospital · ICU"));

  /* Another assignment, chosen in the dialog. */
  dialog = open_dialog (fixture, 0);
  set_scope (dialog, 1);
  assignment = combo (dialog, "Assignment");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (assignment)));
  model = adw_combo_row_get_model (assignment);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), "Lakeside Clinic") == 0)
        lakeside = i;
    }
  g_assert_cmpuint (lakeside, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (assignment, lakeside);
  rapport_test_wait_ms (20);
  g_assert_true (shows_label (dialog, "1 colleague"));

  other_text = export (fixture, dialog, "lakeside.vcf", 1);
  other_names = parse_names (other_text);
  g_assert_cmpstr (other_names, ==, "Dee Nguyen");
}

static void
test_scope_chosen (Fixture       *fixture,
                   gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  GtkWidget *chooser;
  gint64 ids[3];

  set_scope (dialog, 2);
  chooser = rapport_test_find_by_type (GTK_WIDGET (dialog), RAPPORT_TYPE_COLLEAGUE_CHOOSER);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_widget_get_mapped (chooser));

  /* Nobody yet: nothing to export, and the dialog says why. */
  g_assert_true (shows_label (dialog, "0 colleagues"));
  g_assert_true (shows_label (dialog, "Tick the colleagues to export."));
  g_assert_false (gtk_widget_get_sensitive (export_button (dialog)));

  /* An archived colleague can be chosen by name. */
  ids[0] = fixture->dee;
  ids[1] = fixture->ada;
  ids[2] = fixture->cy;
  rapport_colleague_chooser_set_selected (RAPPORT_COLLEAGUE_CHOOSER (chooser), ids, 3);
  rapport_test_wait_ms (20);
  g_assert_true (shows_label (dialog, "3 colleagues"));
  g_assert_false (shows_label (dialog, "Tick the colleagues to export."));
  g_assert_true (gtk_widget_get_sensitive (export_button (dialog)));

  text = export (fixture, dialog, "chosen.vcf", 3);
  names = parse_names (text);
  g_assert_cmpstr (names, ==, "Ada Okafor, Cy Archer, Dee Nguyen");
}

/* Interests and notes go out only when asked for; journal text never. */
static void
test_personal (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(RapportColleague) work_ada = NULL;
  g_autoptr(RapportColleague) personal_ada = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  g_autofree char *personal = NULL;
  RapportVCardExportDialog *dialog;

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                         g_get_real_time () / G_USEC_PER_SEC);
  rapport_interaction_set_colleague_ids (interaction, &fixture->ada, 1);
  rapport_interaction_set_body (interaction, "journal-canary-4e1d");
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture, 0);
  work = export (fixture, dialog, "work.vcf", 3);
  g_assert_null (strstr (work, NOTES_CANARY));
  g_assert_null (strstr (work, INTERESTS_CANARY));
  g_assert_null (strstr (work, "journal-canary"));
  work_ada = parse_one (work, "Ada Okafor");
  g_assert_nonnull (work_ada);
  if (work_ada != NULL)
    {
      g_assert_cmpstr (rapport_colleague_get_email (work_ada), ==, "ada@example.org");
      g_assert_cmpstr (rapport_colleague_get_notes (work_ada), ==, "");
    }

  dialog = open_dialog (fixture, 0);
  gtk_check_button_set_active (option (dialog, "Also Interests and Notes"), TRUE);
  g_assert_false (gtk_check_button_get_active (option (dialog, "Work Contact Details Only")));
  personal = export (fixture, dialog, "personal.vcf", 3);
  g_assert_nonnull (strstr (personal, NOTES_CANARY));
  g_assert_nonnull (strstr (personal, INTERESTS_CANARY));
  g_assert_null (strstr (personal, "journal-canary"));
  personal_ada = parse_one (personal, "Ada Okafor");
  g_assert_nonnull (personal_ada);
  if (personal_ada != NULL)
    g_assert_nonnull (strstr (rapport_colleague_get_notes (personal_ada), NOTES_CANARY));
}

static void
test_version (Fixture       *fixture,
              gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, fixture->mercy);
  g_autofree char *v4 = export (fixture, dialog, "v4.vcf", 2);
  g_autofree char *v3 = NULL;
  g_autofree char *names = NULL;

  g_assert_nonnull (strstr (v4, "VERSION:4.0\r\n"));
  g_assert_null (strstr (v4, "VERSION:3.0"));

  dialog = open_dialog (fixture, fixture->mercy);
  gtk_check_button_set_active (option (dialog, "vCard 3.0"), TRUE);
  g_assert_false (gtk_check_button_get_active (option (dialog, "vCard 4.0")));
  v3 = export (fixture, dialog, "v3.vcf", 2);
  g_assert_nonnull (strstr (v3, "VERSION:3.0\r\n"));
  g_assert_null (strstr (v3, "VERSION:4.0"));

  names = parse_names (v3);
  g_assert_cmpstr (names, ==, "Ada Okafor, Bea Young");
}

/* The count follows the scope and the journal while the dialog is open. */
static void
test_count_updates (Fixture       *fixture,
                    gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  g_autoptr(RapportColleague) changes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shows_label (dialog, "3 colleagues"));
  set_scope (dialog, 1);
  g_assert_true (shows_label (dialog, "1 colleague"));
  set_scope (dialog, 0);
  g_assert_true (shows_label (dialog, "3 colleagues"));

  rapport_test_add_colleague (fixture->store, "name", "Eve Park", NULL);
  rapport_test_wait_ms (20);
  g_assert_true (shows_label (dialog, "4 colleagues"));

  /* Archiving everyone leaves nothing to export. */
  {
    GListModel *model = rapport_store_get_colleagues (fixture->store);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

        if (rapport_colleague_get_archived (colleague))
          continue;

        g_clear_object (&changes);
        changes = rapport_colleague_dup (colleague);
        rapport_colleague_set_archived (changes, TRUE);
        g_assert_true (rapport_store_update_colleague (fixture->store, changes, &error));
        g_assert_no_error (error);
      }
  }
  rapport_test_wait_ms (20);
  g_assert_true (shows_label (dialog, "0 colleagues"));
  g_assert_false (gtk_widget_get_sensitive (export_button (dialog)));

  close_dialog (dialog);
}

/* A file that cannot be written: the dialog says why and stays. */
static void
test_error (Fixture       *fixture,
            gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "contacts.vcf", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *revealer;

  g_assert_false (rapport_vcard_export_dialog_export_to (dialog, path, &error));
  g_assert_nonnull (error);
  rapport_test_wait_ms (50);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  revealer = rapport_test_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  if (error != NULL)
    g_assert_true (shows_label (dialog, error->message));

  close_dialog (dialog);
}

static void
test_escape_closes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (rapport_test_wait_for_null (&weak, 5000));
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
}

/* A control has a name when it has an accessible label or is labelled by another widget, when
 * it shows text of its own (a button's label), or when it is a row with a title. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      return label != NULL && *label != '\0';
    }

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      return title != NULL && *title != '\0';
    }

  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GPtrArray *unnamed,
                 guint     *n_controls)
{
  gboolean control;

  /* GTK's and libadwaita's own parts are theirs to name. */
  if (GTK_IS_POPOVER (widget) || GTK_IS_WINDOW_CONTROLS (widget))
    return;

  control = GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TEXT (widget) ||
            GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_LIST_VIEW (widget) ||
            ADW_IS_COMBO_ROW (widget) ||
            (ADW_IS_ACTION_ROW (widget) &&
             gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));

  if (control && gtk_widget_get_visible (widget))
    {
      (*n_controls)++;
      if (!has_accessible_name (widget))
        g_ptr_array_add (unnamed, widget);
    }

  /* A search entry's text field is the entry itself to screen readers, and a combo row is one
   * control however libadwaita builds it. */
  if (GTK_IS_SEARCH_ENTRY (widget) || ADW_IS_COMBO_ROW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_controls);
}

static void
test_labelled (Fixture       *fixture,
               gconstpointer  user_data)
{
  RapportVCardExportDialog *dialog = open_dialog (fixture, 0);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();
  guint n_controls = 0;

  /* With every part on screen: the assignment row and the chooser too. */
  set_scope (dialog, 1);
  collect_unnamed (GTK_WIDGET (dialog), unnamed, &n_controls);
  set_scope (dialog, 2);
  collect_unnamed (GTK_WIDGET (dialog), unnamed, &n_controls);

  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("Unnamed %s", G_OBJECT_TYPE_NAME (unnamed->pdata[i]));
  g_assert_cmpuint (unnamed->len, ==, 0);
  /* Cancel, Export…, Who, Assignment, four options, the chooser's search and list at least. */
  g_assert_cmpuint (n_controls, >=, 10);

  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/rapport/vcard-export-dialog/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("defaults", test_defaults);
  ADD ("scope-everyone", test_scope_everyone);
  ADD ("scope-assignment", test_scope_assignment);
  ADD ("scope-chosen", test_scope_chosen);
  ADD ("personal", test_personal);
  ADD ("version", test_version);
  ADD ("count-updates", test_count_updates);
  ADD ("error", test_error);
  ADD ("escape-closes", test_escape_closes);
  ADD ("labelled", test_labelled);

#undef ADD

  return g_test_run ();
}
