/* rapport-test-editor-utils.c
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

#define G_LOG_DOMAIN "rapport-test-editor-utils"

#include "config.h"

#include <string.h>

#include "rapport-test-editor-utils.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-types.h"

const char * const rapport_test_direction_controls[RAPPORT_TEST_N_DIRECTION_SAMPLES] = {
  "Ahmed \xe2\x80\xae" "nedlaH",
  "Dana \xe2\x81\xa7" "Cohen\xe2\x81\xa9 RN",
};

const char * const rapport_test_right_to_left[RAPPORT_TEST_N_DIRECTION_SAMPLES] = {
  "\xe2\x80\x8f" "דנה כהן",
  "أحمد الخطيب\xe2\x80\x8e (RN)",
};

/* The line the editor shows the store's errors in: a label styled "error" inside a revealer. */
static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && GTK_IS_REVEALER (gtk_widget_get_parent (widget)) &&
         gtk_widget_has_css_class (widget, "error");
}

static gboolean
child_revealed (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

/* Everything an item says about itself, as text, to compare the journal before and after. */
static char *
describe_item (GObject *item)
{
  g_autofree GParamSpec **specs = NULL;
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (item));
  guint n_specs;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (item), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *contents = NULL;

      if ((specs[i]->flags & G_PARAM_READABLE) == 0 ||
          G_TYPE_IS_OBJECT (specs[i]->value_type))
        continue;

      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (item, specs[i]->name, &value);
      if (G_VALUE_HOLDS (&value, G_TYPE_ARRAY) && g_value_get_boxed (&value) != NULL &&
          g_array_get_element_size (g_value_get_boxed (&value)) == sizeof (gint64))
        {
          GArray *array = g_value_get_boxed (&value);
          GString *elements = g_string_new (NULL);

          for (guint j = 0; j < array->len; j++)
            g_string_append_printf (elements, "%" G_GINT64_FORMAT " ",
                                    g_array_index (array, gint64, j));
          contents = g_string_free (elements, FALSE);
        }
      else if (G_TYPE_IS_BOXED (specs[i]->value_type))
        continue;
      else
        contents = G_VALUE_HOLDS_STRING (&value) ? g_value_dup_string (&value)
                                                 : g_strdup_value_contents (&value);
      g_string_append_printf (text, "\n%s=%s", specs[i]->name, contents);
    }

  return g_string_free (text, FALSE);
}

/* Exactly length bytes of valid UTF-8 (over many lines when multi_line), ending in a letter (the
 * editor trims the end of notes), with accents so that multi-byte characters count in bytes. */
char *
rapport_test_make_text (gsize    length,
                        gboolean multi_line)
{
  GString *text = g_string_sized_new (length + 64);
  const char *end;

  while (text->len < length)
    g_string_append_printf (text, "Line %06u: café with Zoë after the night shift.%s",
                            (guint) (text->len / 50), multi_line ? "\n" : " ");

  g_utf8_validate (text->str, length, &end);
  g_string_truncate (text, end - text->str);
  while (text->len < length)
    g_string_append_c (text, 'x');
  text->str[length - 1] = 'x';

  return g_string_free (text, FALSE);
}

double
rapport_test_elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* Runs the main loop until nothing is pending or budget_ms have passed; returns whether it
 * settled, and in *longest_ms (if not NULL) the longest the loop was blocked by one dispatch,
 * what a person sees as a freeze. */
gboolean
rapport_test_settle (guint   budget_ms,
                     double *longest_ms)
{
  gint64 start = g_get_monotonic_time ();
  double longest = 0;
  gboolean pending;

  /* The answer is the check that ended the loop: asking again could see a source a worker
   * thread attached in between, and call a settled loop unsettled. */
  while ((pending = g_main_context_pending (NULL)) && rapport_test_elapsed_ms (start) < budget_ms)
    {
      gint64 one = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, rapport_test_elapsed_ms (one));
    }

  if (longest_ms != NULL)
    *longest_ms = longest;

  return !pending;
}

/* The editor's text field (an AdwEntryRow) with this title. */
GtkEditable *
rapport_test_entry_row (gpointer    editor,
                        const char *title)
{
  GtkWidget *row = rapport_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

/* Sets the text as a program would (the row keeps line breaks and tabs a paste would not). */
void
rapport_test_set_row (gpointer    editor,
                      const char *title,
                      const char *text)
{
  gtk_editable_set_text (rapport_test_entry_row (editor, title), text);
  rapport_test_iterate ();
}

/* Every editor has one text view: its notes (or a tip's body, an entry's note). */
GtkTextBuffer *
rapport_test_notes_buffer (gpointer editor)
{
  GtkWidget *view = rapport_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

char *
rapport_test_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Empties a text view before the loop runs again, so that laying out what it held (seconds for
 * a megabyte, see the colleague editor's hostile-notes-responsive) is not waited for. */
void
rapport_test_clear_buffer (GtkTextBuffer *buffer)
{
  gtk_text_buffer_set_text (buffer, "", -1);
  rapport_test_iterate ();
}

/* Saves as the button does; editor is a weak pointer to the editor; returns whether the editor
 * closed (it saved). The main loop does not run: the editor saves or shows its error before the
 * signal returns. */
gboolean
rapport_test_press_confirm (gpointer *editor)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (*editor));

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  return *editor == NULL;
}

GtkWidget *
rapport_test_error_label (gpointer editor)
{
  GtkWidget *label = rapport_test_find_widget (GTK_WIDGET (editor), is_error_label, NULL);

  g_assert_nonnull (label);
  return label;
}

/* The editor is still open and shows what the journal said (never the value). With wait, the
 * main loop runs until the line has slid in; without, nothing runs, for editors that hold text
 * the toolkit takes long to lay out. */
void
rapport_test_assert_error_shown (gpointer    editor,
                                 const char *expected,
                                 gboolean    wait)
{
  GtkWidget *label;
  GtkRevealer *revealer;

  g_assert_nonnull (editor);
  g_assert_nonnull (expected);
  if (editor == NULL || expected == NULL)
    return;

  label = rapport_test_error_label (editor);
  if (label == NULL)
    return;

  revealer = GTK_REVEALER (gtk_widget_get_parent (label));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_visible (label));
  if (wait)
    {
      g_assert_true (rapport_test_wait_until (child_revealed, revealer, 2000));
      g_assert_true (gtk_widget_get_mapped (label));
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (label))), <, 400);
}

/* GTK 4.8 has no live regions: an error line is read out only if it is an alert or gets the
 * keyboard focus; a plain label that appears is silent for a screen reader. */
void
rapport_test_assert_error_announced (gpointer editor)
{
  GtkWidget *label = rapport_test_error_label (editor);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor));
  GtkAccessibleRole role;

  if (label == NULL)
    return;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label));
  g_test_message ("error line role %d (alert is %d), focus on %s", role, GTK_ACCESSIBLE_ROLE_ALERT,
                  focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  g_assert_true (role == GTK_ACCESSIBLE_ROLE_ALERT || focus == label);
}

/* What the journal says about item (valid; this takes it) with one property set to value: the
 * message the editor must show. */
char *
rapport_test_error_for (gpointer             item,
                        RapportTestValidate  validate,
                        const char          *property,
                        const char          *value)
{
  g_autoptr(GError) error = NULL;

  g_object_set (item, property, value, NULL);
  g_assert_false (validate (item, &error));
  g_assert_nonnull (error);
  g_object_unref (item);

  return error != NULL ? g_strdup (error->message) : NULL;
}

/* What the store lists, as text, for rapport_test_assert_items_unchanged. */
GStrv
rapport_test_describe_items (GListModel *model)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = describe_item (item);

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

/* A refused save must leave every item as it was; a changed one is named, property by property,
 * since the assertion alone says nothing of what changed. */
void
rapport_test_assert_items_unchanged (GListModel         *model,
                                     const char * const *before)
{
  g_auto(GStrv) now = rapport_test_describe_items (model);

  g_assert_cmpuint (g_strv_length (now), ==, g_strv_length ((GStrv) before));
  for (guint i = 0; now[i] != NULL && before[i] != NULL; i++)
    {
      if (!g_str_equal (now[i], before[i]))
        {
          g_auto(GStrv) a = g_strsplit (before[i], "\n", -1);
          g_auto(GStrv) b = g_strsplit (now[i], "\n", -1);

          for (guint j = 0; a[j] != NULL && b[j] != NULL; j++)
            if (!g_str_equal (a[j], b[j]))
              g_test_message ("item %u changed: %.60s -> %.60s", i, a[j], b[j]);
        }
      g_assert_true (g_str_equal (now[i], before[i]));
    }
}

/* The item whose string property is value; the model keeps it. */
GObject *
rapport_test_find_item (GListModel *model,
                        const char *property,
                        const char *value)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      g_object_get (item, property, &text, NULL);
      if (g_strcmp0 (text, value) == 0)
        return item;   /* the store keeps it */
    }

  return NULL;
}

/* Opens the editor for item (NULL: a new one) into *weak, which becomes NULL once it is gone. */
GtkWidget *
rapport_test_hostile_open (const RapportTestHostileEditor  *he,
                           gpointer                         fixture,
                           GObject                         *item,
                           GtkWidget                      **weak)
{
  *weak = he->open (fixture, item);
  g_object_add_weak_pointer (G_OBJECT (*weak), (gpointer *) weak);

  return *weak;
}

void
rapport_test_hostile_close (GtkWidget **editor)
{
  if (*editor != NULL)
    gtk_window_destroy (GTK_WINDOW (*editor));
  rapport_test_wait_for_null ((gpointer *) editor, 2000);
  rapport_test_iterate ();
}

/* Ten megabytes of notes are refused and kept in the field; exactly the limit saves; an edit
 * with ten megabytes leaves the item as it was. */
void
rapport_test_hostile_notes (const RapportTestHostileEditor *he,
                            gpointer                        fixture)
{
  g_autofree char *huge = rapport_test_make_text (10 * 1024 * 1024, TRUE);
  g_autofree char *exact = rapport_test_make_text (RAPPORT_MAX_NOTES_LENGTH, TRUE);
  g_autofree char *expected = rapport_test_error_for (he->new_item (fixture), he->validate,
                                                      he->notes_property, huge);
  GListModel *items = he->items (fixture);
  g_auto(GStrv) before = rapport_test_describe_items (items);
  g_autofree char *kept = NULL;
  GtkWidget *editor = NULL;
  GObject *saved;
  gint64 start;

  g_assert_nonnull (strstr (expected, "too long"));

  rapport_test_hostile_open (he, fixture, NULL, &editor);
  rapport_test_iterate ();
  he->fill (editor);
  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), huge, -1);
  start = g_get_monotonic_time ();
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("10 MB of notes refused in %.0f ms", rapport_test_elapsed_ms (start));
  rapport_test_assert_error_shown (editor, expected, FALSE);
  if (editor == NULL)
    return;
  kept = rapport_test_buffer_text (rapport_test_notes_buffer (editor));
  g_assert_true (g_str_equal (kept, huge));
  rapport_test_assert_items_unchanged (items, (const char * const *) before);

  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), exact, -1);
  start = g_get_monotonic_time ();
  g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
  g_test_message ("1 MiB of notes saved in %.0f ms", rapport_test_elapsed_ms (start));
  rapport_test_hostile_close (&editor);

  saved = rapport_test_find_item (items, he->notes_property, exact);
  g_assert_nonnull (saved);
  if (saved == NULL)
    return;

  g_clear_pointer (&before, g_strfreev);
  before = rapport_test_describe_items (items);
  rapport_test_hostile_open (he, fixture, saved, &editor);
  gtk_text_buffer_set_text (rapport_test_notes_buffer (editor), huge, -1);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected, FALSE);
  rapport_test_assert_items_unchanged (items, (const char * const *) before);
  if (editor != NULL)
    rapport_test_clear_buffer (rapport_test_notes_buffer (editor));
  rapport_test_hostile_close (&editor);
  rapport_test_assert_items_unchanged (items, (const char * const *) before);
}

/* A megabyte on one line is refused (GtkEntryBuffer keeps at most 65,535 bytes of it); exactly
 * the limit saves; an edit with the long line leaves the item as it was. */
void
rapport_test_hostile_long_line (const RapportTestHostileEditor *he,
                                gpointer                        fixture)
{
  g_autofree char *huge = rapport_test_make_text (1024 * 1024, FALSE);
  g_autofree char *exact = rapport_test_make_text (RAPPORT_MAX_FIELD_LENGTH, FALSE);
  g_autofree char *expected = NULL;
  g_autofree char *kept = NULL;
  GListModel *items = he->items (fixture);
  g_auto(GStrv) before = rapport_test_describe_items (items);
  GtkWidget *editor = NULL;
  GObject *saved;
  gint64 start;

  rapport_test_hostile_open (he, fixture, NULL, &editor);
  rapport_test_iterate ();
  he->fill (editor);
  start = g_get_monotonic_time ();
  rapport_test_set_row (editor, he->line_title, huge);
  g_test_message ("1 MB line set in %s in %.0f ms", he->line_title,
                  rapport_test_elapsed_ms (start));
  kept = g_strdup (gtk_editable_get_text (rapport_test_entry_row (editor, he->line_title)));
  g_test_message ("%s kept %zu of %zu bytes", he->line_title, strlen (kept), strlen (huge));
  g_assert_cmpuint (strlen (kept), >, RAPPORT_MAX_FIELD_LENGTH);
  g_assert_true (g_str_has_prefix (huge, kept));
  expected = rapport_test_error_for (he->new_item (fixture), he->validate, he->line_property,
                                     g_strstrip (kept));
  g_assert_nonnull (strstr (expected, "too long"));

  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected, TRUE);
  if (editor == NULL)
    return;
  g_assert_true (g_str_has_prefix (huge, gtk_editable_get_text (
    rapport_test_entry_row (editor, he->line_title))));
  g_assert_cmpuint (strlen (gtk_editable_get_text (rapport_test_entry_row (editor,
                                                                           he->line_title))), >,
                    RAPPORT_MAX_FIELD_LENGTH);
  rapport_test_assert_items_unchanged (items, (const char * const *) before);

  rapport_test_set_row (editor, he->line_title, exact);
  g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_hostile_close (&editor);
  saved = rapport_test_find_item (items, he->line_property, exact);
  g_assert_nonnull (saved);
  if (saved == NULL)
    return;

  g_clear_pointer (&before, g_strfreev);
  before = rapport_test_describe_items (items);
  rapport_test_hostile_open (he, fixture, saved, &editor);
  rapport_test_iterate ();
  rapport_test_set_row (editor, he->line_title, huge);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_assert_error_shown (editor, expected, TRUE);
  rapport_test_assert_items_unchanged (items, (const char * const *) before);
  rapport_test_hostile_close (&editor);
  rapport_test_assert_items_unchanged (items, (const char * const *) before);
}

/* Overrides and isolates in a one-line field are refused and kept for the person to fix;
 * right-to-left text with its marks saves unchanged, and notes keep direction characters. */
void
rapport_test_hostile_direction (const RapportTestHostileEditor *he,
                                gpointer                        fixture)
{
  GListModel *items = he->items (fixture);
  g_auto(GStrv) before = rapport_test_describe_items (items);
  GtkWidget *editor = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rapport_test_direction_controls); i++)
    {
      const char *hostile = rapport_test_direction_controls[i];
      g_autofree char *expected = rapport_test_error_for (he->new_item (fixture), he->validate,
                                                          he->line_property, hostile);

      g_assert_nonnull (strstr (expected, "invisible text-direction character"));
      rapport_test_hostile_open (he, fixture, NULL, &editor);
      rapport_test_iterate ();
      he->fill (editor);
      rapport_test_set_row (editor, he->line_title, hostile);
      g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
      rapport_test_assert_error_shown (editor, expected, TRUE);
      if (editor != NULL)
        g_assert_cmpstr (gtk_editable_get_text (rapport_test_entry_row (editor, he->line_title)),
                         ==, hostile);
      rapport_test_assert_items_unchanged (items, (const char * const *) before);
      rapport_test_hostile_close (&editor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rapport_test_right_to_left); i++)
    {
      GObject *saved;

      rapport_test_hostile_open (he, fixture, NULL, &editor);
      rapport_test_iterate ();
      he->fill (editor);
      rapport_test_set_row (editor, he->line_title, rapport_test_right_to_left[i]);
      gtk_text_buffer_set_text (rapport_test_notes_buffer (editor),
                                rapport_test_direction_controls[i], -1);
      rapport_test_iterate ();
      g_assert_true (rapport_test_press_confirm ((gpointer *) &editor));
      rapport_test_hostile_close (&editor);

      saved = rapport_test_find_item (items, he->line_property, rapport_test_right_to_left[i]);
      g_assert_nonnull (saved);
      if (saved != NULL)
        {
          g_autofree char *notes = NULL;

          g_object_get (saved, he->notes_property, &notes, NULL);
          g_assert_cmpstr (notes, ==, rapport_test_direction_controls[i]);
        }
    }
}

/* A line break or tab set into a one-line field stays in it (GtkText keeps them), so the journal
 * refuses the value and the person sees why. */
void
rapport_test_hostile_line_break (const RapportTestHostileEditor *he,
                                 gpointer                        fixture)
{
  static const char * const breaks[] = { "Call\nback", "Call\tback", "Call\r\nback" };
  GListModel *items = he->items (fixture);
  g_auto(GStrv) before = rapport_test_describe_items (items);
  GtkWidget *editor = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      g_autofree char *expected = rapport_test_error_for (he->new_item (fixture), he->validate,
                                                          he->line_property, breaks[i]);

      g_assert_nonnull (strstr (expected, "single line"));
      rapport_test_hostile_open (he, fixture, NULL, &editor);
      rapport_test_iterate ();
      he->fill (editor);
      rapport_test_set_row (editor, he->line_title, breaks[i]);
      g_assert_cmpstr (gtk_editable_get_text (rapport_test_entry_row (editor, he->line_title)),
                       ==, breaks[i]);
      g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
      rapport_test_assert_error_shown (editor, expected, TRUE);
      rapport_test_assert_items_unchanged (items, (const char * const *) before);
      rapport_test_hostile_close (&editor);
    }
}

/* A refused save is said to a screen reader (see rapport_test_assert_error_announced). */
void
rapport_test_hostile_error_announced (const RapportTestHostileEditor *he,
                                      gpointer                        fixture)
{
  g_autofree char *long_line = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'x');
  GtkWidget *editor = NULL;

  rapport_test_hostile_open (he, fixture, NULL, &editor);
  rapport_test_iterate ();
  he->fill (editor);
  rapport_test_set_row (editor, he->line_title, long_line);
  g_assert_false (rapport_test_press_confirm ((gpointer *) &editor));
  rapport_test_iterate ();
  if (editor != NULL)
    rapport_test_assert_error_announced (editor);
  rapport_test_hostile_close (&editor);
}
