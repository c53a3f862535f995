/* rapport-activity-chart.c
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

#define G_LOG_DOMAIN "rapport-activity-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-activity-chart.h"

/* Narrow enough for a 360 px window with the page's margins and the card's padding. */
#define MIN_WIDTH 240
#define BARS_HEIGHT 56
#define TOP_PADDING 4
#define LABEL_GAP 4
/* A bar takes this share of its week's slot, up to MAX_BAR_WIDTH pixels. */
#define BAR_SHARE 0.6
#define MAX_BAR_WIDTH 32.0
#define BAR_RADIUS 3.0
/* A week with an entry never looks like an empty one. */
#define MIN_BAR_HEIGHT 2.0
/* The opacity of .dim-label, and of its high-contrast version. */
#define DIM_ALPHA 0.55
#define DIM_ALPHA_HIGH_CONTRAST 0.9

struct _RapportActivityChart
{
  GtkDrawingArea  parent_instance;

  guint          *counts;
  guint           n;
  GDateTime      *last_week_start;
};

G_DEFINE_FINAL_TYPE (RapportActivityChart, rapport_activity_chart, GTK_TYPE_DRAWING_AREA)

static guint
sum_counts (RapportActivityChart *self)
{
  guint total = 0;

  for (guint i = 0; i < self->n; i++)
    total += self->counts[i];

  return total;
}

/* To whole pixels, for crisp edges; every length here is positive. (The GUI does not link libm
 * for this alone.) */
static double
to_pixels (double length)
{
  return (double) (gint64) (length + 0.5);
}

static GDateTime *
dup_week_start (RapportActivityChart *self,
                guint                 week)
{
  if (self->last_week_start == NULL)
    return NULL;

  return g_date_time_add_weeks (self->last_week_start, -(int) (self->n - 1 - week));
}

static char *
dup_description (RapportActivityChart *self)
{
  g_autoptr(GString) list = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *this_week = NULL;
  guint total;

  if (self->n == 0)
    return g_strdup (_("No journal entries to show."));

  total = sum_counts (self);
  if (total == 0)
    return g_strdup_printf (ngettext ("No journal entries in the last %u week.",
                                      "No journal entries in the last %u weeks.", self->n),
                            self->n);

  list = g_string_new (NULL);
  for (guint i = 0; i < self->n; i++)
    {
      if (i > 0)
        /* Translators: what separates the weekly counts in "2, 0, 5" */
        g_string_append (list, _(", "));
      g_string_append_printf (list, "%u", self->counts[i]);
    }

  /* Translators: %u is the number of weeks, %s their counts, e.g. "Last 12 weeks, oldest
   * first: 2, 0, 5, 1" */
  weeks = g_strdup_printf (ngettext ("Last %u week, oldest first: %s",
                                     "Last %u weeks, oldest first: %s", self->n),
                           self->n, list->str);
  total_text = g_strdup_printf (ngettext ("%u entry in all", "%u entries in all", total), total);
  this_week = g_strdup_printf (ngettext ("%u this week", "%u this week",
                                         self->counts[self->n - 1]),
                               self->counts[self->n - 1]);

  /* Translators: the three parts of the chart's description, e.g. "Last 12 weeks, oldest
   * first: 2, 0, 5; 7 entries in all; 5 this week." */
  return g_strdup_printf (_("%s; %s; %s."), weeks, total_text, this_week);
}

static void
update_accessible (RapportActivityChart *self)
{
  g_autofree char *description = dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journal entries per week"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
get_colors (RapportActivityChart *self,
            GdkRGBA              *accent,
            GdkRGBA              *dim)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  /* accent_color is the accent meant to stand on the window's background, with the contrast
   * for it in light, dark and high-contrast styles alike. */
  if (!gtk_style_context_lookup_color (context, "accent_color", accent) &&
      !gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#1c71d8");

  gtk_style_context_get_color (context, dim);
  dim->alpha *= adw_style_manager_get_high_contrast (style_manager)
                ? DIM_ALPHA_HIGH_CONTRAST
                : DIM_ALPHA;
}

static int
get_label_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

/* The slot of week i, from the left: the oldest week is on the side reading starts from. */
static guint
visual_slot (RapportActivityChart *self,
             guint                 week)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return self->n - 1 - week;

  return week;
}

static void
draw_label (cairo_t     *cr,
            PangoLayout *layout,
            const char  *text,
            double       x,
            double       y,
            double       align)
{
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  cairo_move_to (cr, x - align * width, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_bar (cairo_t *cr,
          double   x,
          double   y,
          double   width,
          double   height)
{
  double radius = MIN (BAR_RADIUS, MIN (width / 2, height));

  /* Rounded at the top, square on the baseline. */
  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y + height);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, x + width - radius, y + radius, radius, 3 * G_PI / 2, 2 * G_PI);
  cairo_line_to (cr, x + width, y + height);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  RapportActivityChart *self = RAPPORT_ACTIVITY_CHART (area);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr(GDateTime) first_start = NULL;
  GdkRGBA accent;
  GdkRGBA dim;
  int label_height = get_label_height (GTK_WIDGET (self));
  double baseline = MAX (TOP_PADDING + 1, height - label_height - LABEL_GAP);
  double bars_height = baseline - TOP_PADDING;
  guint total = sum_counts (self);
  guint max = 0;

  get_colors (self, &accent, &dim);

  /* The baseline, and under it where the weeks begin and end. */
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, baseline + 0.5);
  cairo_line_to (cr, width, baseline + 0.5);
  cairo_stroke (cr);

  if (self->n > 0)
    {
      int this_week_width;

      pango_layout_set_text (layout, _("This week"), -1);
      pango_layout_get_pixel_size (layout, &this_week_width, NULL);
      draw_label (cr, layout, _("This week"), rtl ? 0 : width, baseline + LABEL_GAP,
                  rtl ? 0 : 1);

      first_start = dup_week_start (self, 0);
      if (first_start != NULL && self->n > 1)
        {
          /* Translators: the day the chart's oldest week starts, e.g. "11 Mar" */
          g_autofree char *first = g_date_time_format (first_start, _("%-d %b"));
          int first_width;

          pango_layout_set_text (layout, first, -1);
          pango_layout_get_pixel_size (layout, &first_width, NULL);
          /* Left out rather than drawn over "This week" in a narrow window. */
          if (first_width + this_week_width + 12 <= width)
            draw_label (cr, layout, first, rtl ? width : 0, baseline + LABEL_GAP, rtl ? 1 : 0);
        }
    }

  if (total == 0)
    {
      g_autofree char *message = dup_description (self);
      int message_height;

      /* Said in words, not left as an empty frame. */
      pango_layout_set_text (layout, message, -1);
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, NULL, &message_height);
      cairo_move_to (cr, 0, TOP_PADDING + MAX (0, (bars_height - message_height) / 2));
      pango_cairo_show_layout (cr, layout);
      return;
    }

  for (guint i = 0; i < self->n; i++)
    max = MAX (max, self->counts[i]);

  gdk_cairo_set_source_rgba (cr, &accent);
  for (guint i = 0; i < self->n; i++)
    {
      double slot = (double) width / self->n;
      double bar_width = MIN (MAX_BAR_WIDTH, slot * BAR_SHARE);
      double x = slot * visual_slot (self, i) + (slot - bar_width) / 2;
      double bar_height;

      if (self->counts[i] == 0)
        continue;

      bar_height = MAX (MIN_BAR_HEIGHT, to_pixels (bars_height * self->counts[i] / max));
      draw_bar (cr, to_pixels (x), baseline - bar_height, to_pixels (bar_width), bar_height);
    }
}

static gboolean
query_tooltip_cb (RapportActivityChart *self,
                  int                   x,
                  int                   y,
                  gboolean              keyboard_mode,
                  GtkTooltip           *tooltip)
{
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *text = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint slot;
  guint week;
  guint count;

  if (self->n == 0 || width <= 0)
    return FALSE;

  /* From the keyboard there is no pointer to follow: the whole description. */
  if (keyboard_mode)
    {
      text = dup_description (self);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  slot = (guint) CLAMP ((double) x * self->n / width, 0, self->n - 1);
  week = visual_slot (self, slot);
  count = self->counts[week];
  start = dup_week_start (self, week);

  if (week == self->n - 1)
    text = g_strdup_printf (ngettext ("This week: %u entry", "This week: %u entries", count),
                            count);
  else if (start != NULL)
    {
      /* Translators: the day a week starts, as in "Week of 11 March: 2 entries" */
      g_autofree char *day = g_date_time_format (start, _("%-d %B"));

      /* Translators: %s is the day the week starts, %u the entries in it */
      text = g_strdup_printf (ngettext ("Week of %s: %u entry", "Week of %s: %u entries", count),
                              day, count);
    }
  else
    text = g_strdup_printf (ngettext ("%u entry", "%u entries", count), count);

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
rapport_activity_chart_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rapport_activity_chart_parent_class)->css_changed (widget, change);

  /* Large text makes the axis taller; the bars keep their height. */
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (widget),
                                       TOP_PADDING + BARS_HEIGHT + LABEL_GAP +
                                       get_label_height (widget));
  /* Colours come from the style: a new accent, dark mode or high contrast redraws. */
  gtk_widget_queue_draw (widget);
}

static void
rapport_activity_chart_finalize (GObject *object)
{
  RapportActivityChart *self = RAPPORT_ACTIVITY_CHART (object);

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->last_week_start, g_date_time_unref);

  G_OBJECT_CLASS (rapport_activity_chart_parent_class)->finalize (object);
}

static void
rapport_activity_chart_class_init (RapportActivityChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_activity_chart_finalize;

  widget_class->css_changed = rapport_activity_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "activitychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rapport_activity_chart_init (RapportActivityChart *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), MIN_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self),
                                       TOP_PADDING + BARS_HEIGHT + LABEL_GAP +
                                       get_label_height (GTK_WIDGET (self)));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  /* The style's colours change with these before any CSS node notices on some setups. */
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

GtkWidget *
rapport_activity_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_ACTIVITY_CHART, NULL);
}

void
rapport_activity_chart_set_counts (RapportActivityChart *self,
                                   const guint          *counts,
                                   guint                 n,
                                   GDateTime            *last_week_start)
{
  g_return_if_fail (RAPPORT_IS_ACTIVITY_CHART (self));
  g_return_if_fail (counts != NULL || n == 0);

  /* Today sets the counts after every change to the journal; most leave them as they were. */
  if (n == self->n &&
      (n == 0 || memcmp (counts, self->counts, n * sizeof (guint)) == 0) &&
      (last_week_start == self->last_week_start ||
       (last_week_start != NULL && self->last_week_start != NULL &&
        g_date_time_equal (last_week_start, self->last_week_start))))
    return;

  g_clear_pointer (&self->counts, g_free);
  self->counts = n > 0 ? g_memdup2 (counts, n * sizeof (guint)) : NULL;
  self->n = n;
  g_clear_pointer (&self->last_week_start, g_date_time_unref);
  if (last_week_start != NULL)
    self->last_week_start = g_date_time_ref (last_week_start);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
