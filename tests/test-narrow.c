/* test-narrow.c
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

#define G_LOG_DOMAIN "rapport-test-narrow"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "rapport-application.h"
#include "rapport-demo.h"
#include "rapport-reminder-row.h"
#include "rapport-search-page.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"
#include "rapport-window.h"

/* The metainfo promises a window 360 px wide (display_length). Every view, full of the demo's
 * long real names, must fit in it, also with large text: the window's content may not ask for
 * more, or the window grows past a phone's screen. */

#define WAIT_MS 10000
#define NARROW 360
#define HEIGHT 720
/* Room the text of a reminder row gets at 360 px at the least, beside its buttons. */
#define MIN_REMINDER_TEXT 150
/* What a too wide widget's containers add around it at most, in margins and padding. */
#define WIDE_MARGIN 40

#define COLLEAGUE "Claudette Thibodeaux"
#define ASSIGNMENT "Alpenglow Regional Medical Center"
#define QUERY "coffee"

static RapportApplication *app;
static char *tmp_dir;
static RapportDatabase *database;
static RapportStore *store;

/* Helpers */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
match_heading (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "heading");
}

static gint64
find_colleague_id (const char *name)
{
  GListModel *colleagues = rapport_store_get_colleagues (store);

  for (guint i = 0; i < g_list_model_get_n_items (colleagues); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);

      if (g_strcmp0 (rapport_colleague_get_name (colleague), name) == 0)
        return rapport_colleague_get_id (colleague);
    }

  return 0;
}

static gint64
find_assignment_id (const char *facility)
{
  GListModel *assignments = rapport_store_get_assignments (store);

  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(RapportAssignment) assignment = g_list_model_get_item (assignments, i);

      if (g_strcmp0 (rapport_assignment_get_facility (assignment), facility) == 0)
        return rapport_assignment_get_id (assignment);
    }

  return 0;
}

/* Lets the views load, lay out and the window take its size. */
static void
settle (void)
{
  for (guint i = 0; i < 4; i++)
    {
      rapport_test_wait_ms (100);
      rapport_test_iterate ();
    }
}

static RapportWindow *
open_window (void)
{
  RapportWindow *window;

  rapport_application_set_store (app, store);
  window = rapport_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW, HEIGHT);
  rapport_window_show_journal (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rapport_test_wait_until (is_mapped, window, WAIT_MS));
  settle ();

  return window;
}

static void
close_window (RapportWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rapport_test_wait_for_null (&weak, WAIT_MS));
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), &weak);

  rapport_application_set_store (app, NULL);
}

/* The width the window's content asks for at the least (the window itself adds the frame's
 * shadow around it); what the window grows to when the screen is narrower. */
static int
minimum_width (RapportWindow *window)
{
  int minimum;

  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);

  return minimum;
}

/* The view on screen: the search results, or the visible page of the views. */
static GtkWidget *
get_visible_view (RapportWindow *window)
{
  GtkWidget *search_page = rapport_test_find_by_type (GTK_WIDGET (window),
                                                      RAPPORT_TYPE_SEARCH_PAGE);
  GtkWidget *view_stack = rapport_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  if (gtk_widget_get_mapped (search_page))
    return search_page;

  return adw_view_stack_get_visible_child (ADW_VIEW_STACK (view_stack));
}

/* Down the tree, what asks for nearly the whole width: hidden pages count too, since the stacks
 * ask for the widest of their pages. */
static void
report_wide_widgets (GtkWidget *widget,
                     int        depth)
{
  int minimum;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum < NARROW - WIDE_MARGIN)
    return;
  g_test_message ("%*s%s needs %d px", depth * 2, "", G_OBJECT_TYPE_NAME (widget), minimum);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    report_wide_widgets (child, depth + 1);
}

static void
check_width (RapportWindow *window,
             const char    *view,
             const char    *words)
{
  int minimum = minimum_width (window);
  int view_minimum;

  /* The window asks for the widest of its views (the stacks are homogeneous), so the view's
   * own figure says which one is too wide. */
  gtk_widget_measure (get_visible_view (window), GTK_ORIENTATION_HORIZONTAL, -1, &view_minimum,
                      NULL, NULL, NULL);
  g_test_message ("%s, %s words: the view needs %d px, the window's content %d px "
                  "(allocated %d px)", view, words, view_minimum, minimum,
                  gtk_widget_get_width (GTK_WIDGET (window)));
  if (minimum > NARROW)
    report_wide_widgets (GTK_WIDGET (window), 0);
  g_assert_cmpint (minimum, <=, NARROW);
  /* Nor did the window grow while the view took its place. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, NARROW);
}

static void
show_view (RapportWindow *window,
           const char    *name)
{
  GtkWidget *view_stack = rapport_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (view_stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (view_stack), name);
  settle ();
}

static void
search (RapportWindow *window,
        const char    *query)
{
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  entry = rapport_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  settle ();
}

/* Every view in turn, each with its longest content; the window keeps what it grew to, so each
 * view is also measured in a window of its own. */
static void
check_views (const char *words)
{
  struct {
    const char *name;
    const char *view;
  } views[] = {
    { "Today", "today" },
    { "Colleague", "colleagues" },
    { "Assignment", "assignments" },
    { "Journal", "journal" },
    { "Search", NULL },
  };
  gint64 colleague_id = find_colleague_id (COLLEAGUE);
  gint64 assignment_id = find_assignment_id (ASSIGNMENT);

  g_assert_cmpint (colleague_id, !=, 0);
  g_assert_cmpint (assignment_id, !=, 0);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      RapportWindow *window = open_window ();

      if (g_str_equal (views[i].name, "Colleague"))
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-colleague", "x",
                                      colleague_id);
          settle ();
        }
      else if (g_str_equal (views[i].name, "Assignment"))
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-assignment", "x",
                                      assignment_id);
          settle ();
        }
      else if (views[i].view != NULL)
        {
          show_view (window, views[i].view);
        }
      else
        {
          search (window, QUERY);
        }

      check_width (window, views[i].name, words);
      close_window (window);
    }
}

static void
collect_reminder_rows (GtkWidget  *widget,
                       GPtrArray  *rows)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (RAPPORT_IS_REMINDER_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_reminder_rows (child, rows);
}

static graphene_rect_t
get_bounds (GtkWidget *widget,
            GtkWidget *root)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, root, &bounds));

  return bounds;
}

/* Rows follow each other in lists: any area in common is text drawn over the next row. */
static gboolean
overlap (const graphene_rect_t *a,
         const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width && b->origin.x < a->origin.x + a->size.width &&
         a->origin.y < b->origin.y + b->size.height && b->origin.y < a->origin.y + a->size.height;
}

/* A label that wraps is taller the narrower it is: it must get the height it needs for the
 * width it got, or it spills over what follows. */
static void
check_labels (GtkWidget             *widget,
              GtkWidget             *root,
              const graphene_rect_t *row_bounds)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      graphene_rect_t bounds = get_bounds (widget, root);
      int minimum;

      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget),
                          &minimum, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (widget), >=, minimum);
      g_assert_cmpfloat (bounds.origin.y, >=, row_bounds->origin.y);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                         row_bounds->origin.y + row_bounds->size.height);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, root, row_bounds);
}

/* Each row as tall as its text needs for its width, and none over another. */
static void
check_reminder_heights (RapportWindow *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *root = GTK_WIDGET (window);

  collect_reminder_rows (root, rows);
  g_assert_cmpuint (rows->len, >, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      graphene_rect_t bounds = get_bounds (row, root);
      int minimum;

      gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (row), &minimum,
                          NULL, NULL, NULL);
      g_test_message ("reminder row %u: %d x %d px, needs %d px high at that width", i,
                      gtk_widget_get_width (row), gtk_widget_get_height (row), minimum);
      g_assert_cmpint (gtk_widget_get_height (row), >=, minimum);
      check_labels (row, root, &bounds);

      for (guint j = i + 1; j < rows->len; j++)
        {
          graphene_rect_t other = get_bounds (g_ptr_array_index (rows, j), root);

          g_assert_false (overlap (&bounds, &other));
        }
    }
}

static void
check_reminder_rows (void)
{
  RapportWindow *window = open_window ();
  GtkWidget *row, *title;
  int width;

  show_view (window, "today");
  check_width (window, "Today's reminders", "English");

  row = rapport_test_find_by_type (GTK_WIDGET (window), RAPPORT_TYPE_REMINDER_ROW);
  g_assert_nonnull (row);
  if (row != NULL)
    {
      title = rapport_test_find_widget (row, match_heading, NULL);
      g_assert_nonnull (title);
      width = gtk_widget_get_width (title);
      g_test_message ("a reminder's title gets %d px of a %d px window", width,
                      gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_cmpint (width, >=, MIN_REMINDER_TEXT);
    }
  check_reminder_heights (window);

  close_window (window);
}

/* Tests */

static void
test_views (void)
{
  rapport_test_set_text_scale (1.0);
  check_views ("English");
}

static void
test_views_large_text (void)
{
  rapport_test_set_text_scale (1.25);
  check_views ("English");
  rapport_test_set_text_scale (1.0);
}

/* What the review screenshots use for large text. */
static void
test_views_larger_text (void)
{
  rapport_test_set_text_scale (1.5);
  check_views ("English");
  rapport_test_set_text_scale (1.0);
}

static void
test_reminder_rows (void)
{
  rapport_test_set_text_scale (1.25);
  check_reminder_rows ();
  rapport_test_set_text_scale (1.5);
  check_reminder_rows ();
  rapport_test_set_text_scale (1.0);
}

/* French words run longer than English ones. */
static void
test_views_french (void)
{
  g_autofree char *previous = NULL;

  if (!rapport_test_begin_french (&previous))
    {
      rapport_test_end_french (previous);
      return;
    }
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Colleagues"), !=, "Colleagues");

  /* With large text, as the English cases: a hidden page (the unlock page's pills) counts too. */
  rapport_test_set_text_scale (1.25);
  check_views ("French");
  rapport_test_set_text_scale (1.0);

  rapport_test_end_french (previous);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *path = NULL;
  int ret;

  tmp_dir = rapport_test_make_tmp_dir ("narrow");
  rapport_test_use_home (tmp_dir);

  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

  app = RAPPORT_APPLICATION (rapport_test_register_application (&error));
  if (app == NULL)
    {
      g_printerr ("Cannot register the application: %s\n", error->message);
      rapport_test_remove_tree (tmp_dir);
      return 77;
    }

  /* One demo journal for every case: they only read it. */
  path = g_build_filename (tmp_dir, "demo.db", NULL);
  store = rapport_test_open_store (path, NULL, RAPPORT_DATABASE_OPEN_CREATE, &database);
  now = g_date_time_new_now_local ();
  if (!rapport_demo_fill (store, now, &error))
    g_error ("Cannot fill the demo journal: %s", error->message);

  g_test_add_func ("/rapport/narrow/views", test_views);
  g_test_add_func ("/rapport/narrow/views-large-text", test_views_large_text);
  g_test_add_func ("/rapport/narrow/views-larger-text", test_views_larger_text);
  g_test_add_func ("/rapport/narrow/reminder-rows", test_reminder_rows);
  g_test_add_func ("/rapport/narrow/views-french", test_views_french);

  ret = g_test_run ();

  rapport_test_close_store (store, database);
  g_clear_object (&app);
  rapport_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
