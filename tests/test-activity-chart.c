/* test-activity-chart.c
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

#define G_LOG_DOMAIN "rapport-test-activity-chart"

#include "config.h"

#include "rapport-activity-chart.h"
#include "rapport-test-gtk-utils.h"
#include "rapport-test-utils.h"

#define WAIT_MS 5000

typedef struct
{
  GtkWindow            *window;
  RapportActivityChart *chart;
} Fixture;

/* What a rendering of the chart holds: premultiplied BGRA, as GDK downloads it. */
typedef struct
{
  int     width;
  int     height;
  guint8 *pixels;
} Image;

static void
image_free (Image *image)
{
  g_free (image->pixels);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* As narrow as a phone. */
  gtk_window_set_default_size (fixture->window, 360, 200);
  fixture->chart = RAPPORT_ACTIVITY_CHART (rapport_activity_chart_new ());
  gtk_widget_set_valign (GTK_WIDGET (fixture->chart), GTK_ALIGN_START);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->chart));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->chart), (gpointer *) &fixture->chart);
  gtk_window_destroy (fixture->window);
  rapport_test_iterate ();
  g_assert_null (fixture->chart);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
is_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Lets the frame clock draw what changed, then renders the chart's last frame. */
static Image *
render (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Image *image = g_new0 (Image, 1);

  g_assert_true (rapport_test_wait_until (is_drawn, widget, WAIT_MS));
  rapport_test_wait_ms (100);

  image->width = gtk_widget_get_width (widget);
  image->height = gtk_widget_get_height (widget);
  image->pixels = g_malloc0 ((gsize) MAX (image->width, 1) * MAX (image->height, 1) * 4);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, image->width, image->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  if (node == NULL)
    return image;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width, image->height));
  gdk_texture_download (texture, image->pixels, (gsize) image->width * 4);

  return image;
}

static const guint8 *
pixel_at (Image *image,
          int    x,
          int    y)
{
  return image->pixels + ((gsize) y * image->width + x) * 4;
}

static GdkRGBA
lookup_accent (Fixture *fixture)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (fixture->chart));
  GdkRGBA accent = { 0 };

  g_assert_true (gtk_style_context_lookup_color (context, "accent_color", &accent));

  return accent;
}

/* Opaque and the accent colour, give or take rounding. */
static gboolean
is_color (const guint8  *pixel,
          const GdkRGBA *color)
{
  return pixel[3] == 255 &&
         ABS (pixel[2] - (int) (color->red * 255 + 0.5)) <= 2 &&
         ABS (pixel[1] - (int) (color->green * 255 + 0.5)) <= 2 &&
         ABS (pixel[0] - (int) (color->blue * 255 + 0.5)) <= 2;
}

/* The first row from the top where the middle of week's bar has the accent colour; -1 when
 * that column has none. */
static int
bar_top (Image         *image,
         guint          n,
         guint          week,
         const GdkRGBA *accent)
{
  int x = (int) ((week + 0.5) * image->width / n);

  for (int y = 0; y < image->height; y++)
    if (is_color (pixel_at (image, x, y), accent))
      return y;

  return -1;
}

static guint
count_pixels (Image         *image,
              const GdkRGBA *color)
{
  guint n = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        const guint8 *pixel = pixel_at (image, x, y);

        if (color != NULL ? is_color (pixel, color) : pixel[3] > 0)
          n++;
      }

  return n;
}

static GDateTime *
monday (void)
{
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");

  return g_date_time_new (denver, 2024, 5, 27, 0, 0, 0);
}

static void
assert_description (Fixture    *fixture,
                    const char *expected)
{
  g_autofree char *mismatch = NULL;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->chart),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (mismatch);
}

/* An image for screen readers, whose description states every number. */
static void
test_description (Fixture       *fixture,
                  gconstpointer  data)
{
  static const guint counts[12] = { 2, 0, 5, 1, 0, 0, 3, 4, 0, 1, 2, 3 };
  static const guint one[1] = { 1 };
  g_autoptr(GDateTime) last_week = monday ();
  g_autofree char *mismatch = NULL;

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (fixture->chart),
                                               GTK_ACCESSIBLE_ROLE_IMG));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->chart),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 "Journal entries per week");
  g_assert_null (mismatch);
  assert_description (fixture, "No journal entries to show.");

  rapport_activity_chart_set_counts (fixture->chart, counts, G_N_ELEMENTS (counts), last_week);
  assert_description (fixture, "Last 12 weeks, oldest first: 2, 0, 5, 1, 0, 0, 3, 4, 0, 1, 2, 3; "
                               "21 entries in all; 3 this week.");

  /* Singulars; and the counts are copied. */
  {
    guint changing[2] = { 0, 1 };

    rapport_activity_chart_set_counts (fixture->chart, changing, 2, NULL);
    changing[0] = 7;
  }
  assert_description (fixture, "Last 2 weeks, oldest first: 0, 1; 1 entry in all; 1 this week.");
  rapport_activity_chart_set_counts (fixture->chart, one, 1, last_week);
  assert_description (fixture, "Last 1 week, oldest first: 1; 1 entry in all; 1 this week.");
}

/* Nothing logged: the chart says so in words, on screen and to screen readers. */
static void
test_all_zero (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint zeros[12] = { 0 };
  static const guint some[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4 };
  g_autoptr(GDateTime) last_week = monday ();
  g_autoptr(Image) empty = NULL;
  g_autoptr(Image) bars = NULL;
  GdkRGBA accent;

  rapport_activity_chart_set_counts (fixture->chart, zeros, G_N_ELEMENTS (zeros), NULL);
  assert_description (fixture, "No journal entries in the last 12 weeks.");

  /* The message is drawn: far more than a baseline's worth of pixels, and no bar. */
  empty = render (fixture);
  accent = lookup_accent (fixture);
  g_assert_cmpint (empty->width, >=, 240);
  g_assert_cmpint (empty->height, >=, 60);
  g_assert_cmpint (empty->height, <=, 120);
  g_assert_cmpuint (count_pixels (empty, &accent), ==, 0);
  g_assert_cmpuint (count_pixels (empty, NULL), >, (guint) empty->width + 200);

  /* The message goes once there is something to show. */
  rapport_activity_chart_set_counts (fixture->chart, some, G_N_ELEMENTS (some), last_week);
  assert_description (fixture, "Last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4; "
                               "4 entries in all; 4 this week.");
  bars = render (fixture);
  g_assert_cmpuint (count_pixels (bars, &accent), >, 100);
  g_assert_cmpint (bar_top (bars, 12, 11, &accent), >=, 0);
  for (guint week = 0; week < 11; week++)
    g_assert_cmpint (bar_top (bars, 12, week, &accent), ==, -1);

}

/* Bars in the accent colour, as tall as their counts, oldest week on the left. */
static void
test_draw (Fixture       *fixture,
           gconstpointer  data)
{
  static const guint counts[12] = { 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 6 };
  g_autoptr(GDateTime) last_week = monday ();
  g_autoptr(Image) image = NULL;
  g_autoptr(Image) mirrored = NULL;
  GdkRGBA accent;
  int tallest, middle, smallest;

  rapport_activity_chart_set_counts (fixture->chart, counts, G_N_ELEMENTS (counts), last_week);
  image = render (fixture);
  accent = lookup_accent (fixture);
  g_assert_cmpint (image->width, ==, 360);

  tallest = bar_top (image, 12, 11, &accent);
  middle = bar_top (image, 12, 5, &accent);
  smallest = bar_top (image, 12, 0, &accent);
  g_test_message ("bar tops: %d %d %d", smallest, middle, tallest);
  g_assert_cmpint (tallest, >=, 0);
  g_assert_cmpint (middle, >, tallest);
  g_assert_cmpint (smallest, >, middle);
  /* The weeks without entries have no bar. */
  g_assert_cmpint (bar_top (image, 12, 1, &accent), ==, -1);
  g_assert_cmpint (bar_top (image, 12, 10, &accent), ==, -1);

  /* Right to left: the oldest week is on the right. */
  gtk_widget_set_direction (GTK_WIDGET (fixture->chart), GTK_TEXT_DIR_RTL);
  mirrored = render (fixture);
  g_assert_cmpint (bar_top (mirrored, 12, 0, &accent), ==, tallest);
  g_assert_cmpint (bar_top (mirrored, 12, 11, &accent), ==, smallest);
}

/* Dark mode redraws the chart in the dark style's accent. */
static void
test_dark (Fixture       *fixture,
           gconstpointer  data)
{
  static const guint counts[12] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8 };
  g_autoptr(GDateTime) last_week = monday ();
  g_autoptr(Image) light = NULL;
  g_autoptr(Image) dark = NULL;
  GdkRGBA light_accent;
  GdkRGBA dark_accent;
  guint differing = 0;

  rapport_activity_chart_set_counts (fixture->chart, counts, G_N_ELEMENTS (counts), last_week);
  light = render (fixture);
  light_accent = lookup_accent (fixture);
  g_assert_cmpint (bar_top (light, 12, 5, &light_accent), >=, 0);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  dark = render (fixture);
  dark_accent = lookup_accent (fixture);

  g_assert_false (gdk_rgba_equal (&light_accent, &dark_accent));
  g_assert_cmpint (dark->width, ==, light->width);
  g_assert_cmpint (dark->height, ==, light->height);
  if (dark->width != light->width || dark->height != light->height)
    return;

  /* The same bars, in the other colour. */
  g_assert_cmpint (bar_top (dark, 12, 5, &dark_accent), ==, bar_top (light, 12, 5, &light_accent));
  g_assert_cmpint (bar_top (dark, 12, 5, &light_accent), ==, -1);
  g_assert_cmpuint (count_pixels (dark, &light_accent), ==, 0);
  for (gsize i = 0; i < (gsize) light->width * light->height * 4; i++)
    if (light->pixels[i] != dark->pixels[i])
      differing++;
  g_assert_cmpuint (differing, >, 1000);
}

/* Fits a phone-wide window, and is about 80 pixels tall. */
static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (fixture->chart), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 300);
  gtk_widget_measure (GTK_WIDGET (fixture->chart), GTK_ORIENTATION_VERTICAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 64);
  g_assert_cmpint (minimum, <=, 110);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/rapport/activity-chart/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("description", test_description);
  ADD ("all-zero", test_all_zero);
  ADD ("draw", test_draw);
  ADD ("dark", test_dark);
  ADD ("size", test_size);

#undef ADD

  return g_test_run ();
}
