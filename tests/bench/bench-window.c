/* bench-window.c
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

/* The window at career scale.
 *
 *   bench-window --bare --t0=USEC   a bare AdwApplicationWindow of Rapport's size
 *   bench-window --t0=USEC          Rapport on the journal in $XDG_DATA_HOME/rapport
 *
 * both print {"first_frame_ms": …, "rss_kb": …} at the first frame painted (for Rapport: the
 * first one after the journal shows) and quit; t0 is CLOCK_MONOTONIC in microseconds, taken by
 * the caller just before it started the process (bench-startup.py).
 *
 *   bench-window --frames           Rapport on the career in $RAPPORT_BENCH_DATA_HOME: types in
 *                                   the searches and scrolls the lists while a probe around the
 *                                   main context's poll records how long each iteration of the
 *                                   main loop worked; appends the figures to
 *                                   $RAPPORT_BENCH_RESULTS.
 *
 * With RAPPORT_BENCH_MEMORY set, the first frame also prints to stderr where the resident memory
 * is: /proc/self/smaps summed by kind of mapping and, with glibc, the heap's arenas (in use and
 * free) and what malloc_trim gives back. */

#define G_LOG_DOMAIN "rapport-bench-window"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "rapport-application.h"
#include "rapport-colleague-row.h"
#include "rapport-colleagues-page.h"
#include "rapport-journal-page.h"
#include "rapport-window.h"

#include "bench-results.h"

#define BARE_APPLICATION_ID "io.github.rapportjournal.RapportBench.Bare"
/* Nothing to show after this long: the journal could not be opened. */
#define STARTUP_TIMEOUT_S 300
#define STALL_MS 16.0
#define TYPING_ROUNDS 3
/* Scrolling steps of a third of a page, but never more than this many each way. */
#define MAX_SCROLL_STEPS 600

typedef struct
{
  const char *name;
  GArray     *iterations;   /* gint64 µs of work per main-loop iteration */
} Scenario;

static gboolean opt_bare;
static gboolean opt_frames;
static gint64 opt_t0;

static GtkWindow *window;
static gboolean journal_shown;
static gboolean first_frame_done;
static gint64 first_frame_time;
static gint64 store_time;
static gint64 journal_time;
static gint64 activate_time;
static int exit_status;

static GPollFunc default_poll;
static gint64 poll_returned;
static Scenario *recording;

static const GOptionEntry entries[] = {
  { "bare", 0, 0, G_OPTION_ARG_NONE, &opt_bare, "A bare AdwApplicationWindow", NULL },
  { "frames", 0, 0, G_OPTION_ARG_NONE, &opt_frames, "Main-loop stalls with the career", NULL },
  { "t0", 0, 0, G_OPTION_ARG_INT64, &opt_t0, "When the caller started the process", "USEC" },
  { NULL }
};

/* Helpers */

static gint
probe_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint result;

  if (recording != NULL && poll_returned != 0)
    {
      gint64 worked = start - poll_returned;

      g_array_append_val (recording->iterations, worked);
    }

  result = default_poll (fds, n_fds, timeout);
  poll_returned = g_get_monotonic_time ();

  return result;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for ms, as a person waiting between two actions would. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;

      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_descendants (GtkWidget *root,
                   GType      type)
{
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        count++;
      count += count_descendants (child, type);
    }

  return count;
}

static GtkStack *
find_state_stack (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) &&
          gtk_stack_get_child_by_name (GTK_STACK (child), "journal") != NULL &&
          gtk_stack_get_child_by_name (GTK_STACK (child), "loading") != NULL)
        return GTK_STACK (child);

      found = find_state_stack (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

typedef struct
{
  double max;
  double p99;
  double p50;
  guint  n;
  guint  over;
} Figures;

static Figures
scenario_figures (Scenario *scenario)
{
  g_autoptr(GArray) sorted = g_array_copy (scenario->iterations);
  Figures figures = { 0 };

  g_array_sort (sorted, compare_gint64);
  figures.n = sorted->len;
  if (sorted->len == 0)
    return figures;

  figures.max = g_array_index (sorted, gint64, sorted->len - 1) / 1000.0;
  figures.p99 = g_array_index (sorted, gint64, MIN (sorted->len - 1, sorted->len * 99 / 100)) / 1000.0;
  figures.p50 = g_array_index (sorted, gint64, sorted->len / 2) / 1000.0;
  for (guint i = 0; i < sorted->len; i++)
    if (g_array_index (sorted, gint64, i) > STALL_MS * 1000)
      figures.over++;

  return figures;
}

static char *
describe_figures (Scenario *scenario)
{
  Figures figures = scenario_figures (scenario);

  return g_strdup_printf ("%s: max %.1f ms, p99 %.1f ms, %u of %u iterations over %.0f ms",
                          scenario->name, figures.max, figures.p99, figures.over, figures.n,
                          STALL_MS);
}

static Scenario *
scenario_new (const char *name)
{
  Scenario *scenario = g_new0 (Scenario, 1);

  scenario->name = name;
  scenario->iterations = g_array_new (FALSE, FALSE, sizeof (gint64));

  return scenario;
}

static void
scenario_free (Scenario *scenario)
{
  g_array_unref (scenario->iterations);
  g_free (scenario);
}

/* Typing and scrolling */

static void
type_text (GtkEditable *editable,
           const char  *text,
           guint        interval_ms)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (editable);

      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (editable, position);
      run_for (interval_ms);
    }
}

static void
erase_text (GtkEditable *editable,
            guint        n_chars,
            guint        interval_ms)
{
  for (guint i = 0; i < n_chars; i++)
    {
      int position = gtk_editable_get_position (editable);

      if (position == 0)
        break;
      gtk_editable_delete_text (editable, position - 1, position);
      run_for (interval_ms);
    }
}

/* "Mar…" at a typist's pace (120 ms a key: the entry's search delay runs once a word), then
 * slowly (each key searches), and back, key by key. */
static void
type_query (Scenario    *scenario,
            GtkEditable *editable,
            const char  *query)
{
  glong n_chars = g_utf8_strlen (query, -1);

  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_set_text (editable, "");
  run_for (400);

  recording = scenario;
  type_text (editable, query, 120);
  run_for (400);
  erase_text (editable, n_chars, 120);
  run_for (400);
  type_text (editable, query, 250);
  run_for (400);
  erase_text (editable, n_chars, 250);
  run_for (400);
  recording = NULL;
}

/* The page's own list, not the one in a drop-down's popover. */
static GtkWidget *
find_shown_list (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child) && gtk_widget_get_mapped (child))
        return child;

      found = find_shown_list (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkAdjustment *
find_list_adjustment (GtkWidget *page)
{
  GtkWidget *list = find_shown_list (page);
  GtkWidget *scrolled;

  if (list == NULL)
    return NULL;

  scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return NULL;

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static void
scroll_list (Scenario      *scenario,
             Scenario      *jumping,
             GtkAdjustment *adjustment)
{
  static const double jumps[] = { 0.25, 0.5, 0.75, 1.0, 0.5, 0.0 };

  recording = scenario;

  /* Down and up again, a third of a page at a time; the list's height is an estimate that
   * grows as rows are measured, so the end is read anew at each step. */
  for (int direction = 1; direction >= -1; direction -= 2)
    {
      for (guint step = 0; step < MAX_SCROLL_STEPS; step++)
        {
          double lower = gtk_adjustment_get_lower (adjustment);
          double page = gtk_adjustment_get_page_size (adjustment);
          double end = gtk_adjustment_get_upper (adjustment) - page;
          double value = gtk_adjustment_get_value (adjustment);
          double stride = page / 3;

          if ((direction > 0 && value >= end) || (direction < 0 && value <= lower))
            break;

          gtk_adjustment_set_value (adjustment, CLAMP (value + direction * stride, lower, end));
          run_for (16);
        }
      run_for (200);
    }

  recording = jumping;
  for (guint i = 0; i < G_N_ELEMENTS (jumps); i++)
    {
      double lower = gtk_adjustment_get_lower (adjustment);
      double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, lower + jumps[i] * (end - lower));
      run_for (150);
    }

  run_for (200);
  recording = NULL;
}

/* A prefix everyone can picture, then more of a real name: "Mar", "Mart", "Marti", … */
static char *
pick_query (RapportStore *store)
{
  GListModel *colleagues = rapport_store_get_colleagues (store);
  guint n_items = g_list_model_get_n_items (colleagues);
  g_autofree char *fallback = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (colleagues, i);
      const char *name = rapport_colleague_get_name (colleague);

      if (g_str_has_prefix (name, "Mar") && g_utf8_strlen (name, -1) >= 6)
        return g_strstrip (g_utf8_substring (name, 0, MIN (g_utf8_strlen (name, -1), 8)));

      if (fallback == NULL)
        fallback = g_utf8_substring (name, 0, MIN (g_utf8_strlen (name, -1), 8));
    }

  return fallback != NULL ? g_steal_pointer (&fallback) : g_strdup ("Mar");
}

/* max 0: a context figure. A figure that cannot be written fails the run. */
static void
emit_result (const char *name,
             const char *label,
             double      value,
             const char *unit,
             double      max,
             guint       runs,
             const char *detail)
{
  if (!bench_report (name, label, value, unit, max > 0 ? "max" : NULL, max, runs, detail))
    exit_status = 1;
}

static void
report_stalls (const char *name,
               const char *label,
               Scenario  **rounds,
               guint       n_rounds,
               double      max,
               const char *what)
{
  g_autoptr(GArray) maxima = g_array_sized_new (FALSE, FALSE, sizeof (double), n_rounds);
  g_autoptr(GString) detail = g_string_new (NULL);
  double worst = 0;

  for (guint i = 0; i < n_rounds; i++)
    {
      g_autofree char *description = describe_figures (rounds[i]);

      double round_max = scenario_figures (rounds[i]).max;

      g_array_append_val (maxima, round_max);
      worst = MAX (worst, round_max);
      g_string_append_printf (detail, "%s%s", i > 0 ? "; " : "", description);
    }

  g_string_prepend (detail, what);
  g_string_append_printf (detail, "; worst %.1f ms", worst);
  emit_result (name, label, bench_median (maxima), "ms", max, n_rounds, detail->str);
}

static void
run_frames (void)
{
  RapportStore *store = rapport_application_get_store (RAPPORT_APPLICATION (
                          gtk_window_get_application (window)));
  GtkWidget *colleagues_page = find_descendant (GTK_WIDGET (window),
                                                RAPPORT_TYPE_COLLEAGUES_PAGE);
  GtkWidget *journal_page = find_descendant (GTK_WIDGET (window), RAPPORT_TYPE_JOURNAL_PAGE);
  GtkWidget *search_bar = find_descendant (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR);
  GtkWidget *colleague_entry = NULL;
  GtkWidget *search_entry = NULL;
  GtkAdjustment *adjustment;
  g_autofree char *query = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) scenario_free);
  Scenario *typing[TYPING_ROUNDS * 2];
  Scenario *scrolling[2];
  Scenario *jumping[2];
  Scenario *settle, *switching;
  g_autoptr(GString) detail = g_string_new (NULL);
  guint n_colleagues, rows;

  if (store == NULL || colleagues_page == NULL || journal_page == NULL || search_bar == NULL)
    {
      g_printerr ("The window has no journal or misses a page\n");
      exit_status = 1;
      return;
    }

  colleague_entry = find_descendant (colleagues_page, GTK_TYPE_SEARCH_ENTRY);
  search_entry = find_descendant (search_bar, GTK_TYPE_SEARCH_ENTRY);
  n_colleagues = g_list_model_get_n_items (rapport_store_get_colleagues (store));
  query = pick_query (store);

  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, probe_poll);

  /* What the window does on its own right after the first frame (idle rebuilds, the
   * scheduler), and when a view first shows. */
  settle = scenario_new ("after the first frame");
  g_ptr_array_add (all, settle);
  recording = settle;
  run_for (1500);

  switching = scenario_new ("switching views");
  g_ptr_array_add (all, switching);
  recording = switching;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "colleagues");
  run_for (600);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "journal");
  run_for (600);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "colleagues");
  run_for (600);
  recording = NULL;

  for (guint round = 0; round < TYPING_ROUNDS; round++)
    {
      typing[round] = scenario_new ("colleagues search");
      g_ptr_array_add (all, typing[round]);
      type_query (typing[round], GTK_EDITABLE (colleague_entry), query);
    }

  scrolling[0] = scenario_new ("colleagues list");
  jumping[0] = scenario_new ("colleagues list, jumps");
  g_ptr_array_add (all, scrolling[0]);
  g_ptr_array_add (all, jumping[0]);
  adjustment = find_list_adjustment (colleagues_page);
  if (adjustment != NULL)
    scroll_list (scrolling[0], jumping[0], adjustment);
  rows = count_descendants (colleagues_page, RAPPORT_TYPE_COLLEAGUE_ROW);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "journal");
  run_for (600);
  scrolling[1] = scenario_new ("journal list");
  jumping[1] = scenario_new ("journal list, jumps");
  g_ptr_array_add (all, scrolling[1]);
  g_ptr_array_add (all, jumping[1]);
  adjustment = find_list_adjustment (journal_page);
  if (adjustment != NULL)
    scroll_list (scrolling[1], jumping[1], adjustment);

  for (guint round = 0; round < TYPING_ROUNDS; round++)
    {
      typing[TYPING_ROUNDS + round] = scenario_new ("search everything");
      g_ptr_array_add (all, typing[TYPING_ROUNDS + round]);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
      run_for (200);
      type_query (typing[TYPING_ROUNDS + round], GTK_EDITABLE (search_entry), query);
    }

  g_main_context_set_poll_func (NULL, default_poll);

  /* How much of a keystroke is the store's own search, for each prefix typed. */
  {
    g_autoptr(GString) core = g_string_new (NULL);
    double worst_all = 0, worst_colleagues = 0;
    glong n_chars = g_utf8_strlen (query, -1);

    for (glong i = 1; i <= n_chars; i++)
      {
        g_autofree char *prefix = g_utf8_substring (query, 0, i);
        g_autoptr(GPtrArray) found = NULL;
        g_autoptr(GArray) ids = NULL;
        gint64 start = g_get_monotonic_time ();
        double all_ms, colleagues_ms;

        found = rapport_store_search (store, prefix, 20, NULL);
        all_ms = (g_get_monotonic_time () - start) / 1000.0;
        start = g_get_monotonic_time ();
        ids = rapport_store_search_colleagues (store, prefix, NULL);
        colleagues_ms = (g_get_monotonic_time () - start) / 1000.0;
        worst_all = MAX (worst_all, all_ms);
        worst_colleagues = MAX (worst_colleagues, colleagues_ms);
        g_string_append_printf (core, "%s“%s” %.1f / %.1f ms", i > 1 ? ", " : "", prefix, all_ms,
                                colleagues_ms);
      }

    g_string_prepend (core, "rapport_store_search (20 a kind) / rapport_store_search_colleagues "
                            "per prefix: ");
    emit_result ("stall-typing-core", "Store search per keystroke, longest (context)",
                 MAX (worst_all, worst_colleagues), "ms", 0, 1, core->str);
  }

  what = g_strdup_printf ("typing “%s” (120 ms, then 250 ms a key) and erasing it, %u rounds "
                          "in the colleagues search and the window's search; ",
                          query, TYPING_ROUNDS);
  report_stalls ("stall-typing-max", "Longest main-loop iteration while typing in search",
                 typing, G_N_ELEMENTS (typing), STALL_MS, what);

  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("a third of a page every 16 ms, down and up (at most %u steps each "
                          "way: the first few hundred pages of a long list); ", MAX_SCROLL_STEPS);
  report_stalls ("stall-scrolling-max", "Longest main-loop iteration while scrolling a list",
                 scrolling, G_N_ELEMENTS (scrolling), STALL_MS, what);
  report_stalls ("stall-jumps-max", "Longest main-loop iteration on jumping in a list (context)",
                 jumping, G_N_ELEMENTS (jumping), 0, "to a quarter, half, three quarters, the end, "
                 "half and the top, 150 ms apart; ");

  {
    g_autofree char *settle_detail = describe_figures (settle);
    g_autofree char *switching_detail = describe_figures (switching);

    g_string_append_printf (detail, "%s; %s", settle_detail, switching_detail);
    emit_result ("stall-views", "Longest main-loop iteration on switching views (context)",
                 scenario_figures (switching).max, "ms", 0, 1, detail->str);
  }

  {
    g_autofree char *rows_detail = g_strdup_printf ("of %u colleagues, after scrolling the list "
                                                    "from top to bottom and back", n_colleagues);

    emit_result ("colleague-rows-created", "Colleague rows alive after scrolling", rows, "rows",
                 0, 1, rows_detail);
  }
}

static gboolean
run_frames_cb (gpointer application)
{
  run_frames ();
  g_application_quit (application);

  return G_SOURCE_REMOVE;
}


/* Memory breakdown (RAPPORT_BENCH_MEMORY) */

typedef struct
{
  const char *name;
  gint64      rss_kb;
  gint64      anonymous_kb;
  guint       n_mappings;
} MemoryKind;

enum {
  MEMORY_HEAP,
  MEMORY_ANONYMOUS,
  MEMORY_STACK,
  MEMORY_LIBRARIES,
  MEMORY_FONTS,
  MEMORY_ICONS,
  MEMORY_DATABASE,
  MEMORY_OTHER_FILES,
  MEMORY_OTHER,
  N_MEMORY_KINDS
};

static guint
memory_kind_of (const char *path)
{
  if (path == NULL || *path == '\0')
    return MEMORY_ANONYMOUS;
  if (strcmp (path, "[heap]") == 0)
    return MEMORY_HEAP;
  if (g_str_has_prefix (path, "[stack"))
    return MEMORY_STACK;
  if (*path == '[')
    return MEMORY_OTHER;
  if (strstr (path, ".so") != NULL)
    return MEMORY_LIBRARIES;
  if (strstr (path, "/fonts") != NULL || strstr (path, "fontconfig") != NULL)
    return MEMORY_FONTS;
  if (strstr (path, "/icons/") != NULL)
    return MEMORY_ICONS;
  if (strstr (path, "rapport") != NULL && strstr (path, ".db") != NULL)
    return MEMORY_DATABASE;

  return MEMORY_OTHER_FILES;
}

/* Per kind of mapping; the biggest anonymous ones are the arenas of threads' malloc and the
 * large allocations malloc maps on their own. */
static void
print_smaps (void)
{
  MemoryKind kinds[N_MEMORY_KINDS] = {
    { "heap (main arena)" }, { "anonymous (thread arenas, big blocks)" }, { "stacks" },
    { "libraries" }, { "fonts" }, { "icons" }, { "journal file" }, { "other files" },
    { "other" },
  };
  g_autofree char *smaps = NULL;
  g_autoptr(GArray) anonymous = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) lines = NULL;
  MemoryKind *current = NULL;
  const char *current_file = NULL;
  gint64 current_file_rss = 0;
  gboolean list_files = g_strcmp0 (g_getenv ("RAPPORT_BENCH_MEMORY"), "files") == 0;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return;

  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gint64 value;

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL)
        {
          g_auto(GStrv) fields = g_strsplit_set (line, " ", -1);
          const char *path = NULL;
          guint n = 0;

          /* address perms offset dev inode [path]; the path may hold spaces. */
          for (guint f = 0; fields[f] != NULL; f++)
            if (fields[f][0] != '\0' && ++n == 6)
              {
                path = strstr (line, fields[f]);
                break;
              }
          if (current_file != NULL && current_file_rss > 0)
            g_printerr ("memory: file %8" G_GINT64_FORMAT " kB %s\n", current_file_rss,
                        current_file);
          current = &kinds[memory_kind_of (path)];
          current->n_mappings++;
          /* Every mapping of a file on its own line, to compare two runs with sort/join. */
          current_file = list_files && path != NULL && *path == '/' ? path : NULL;
          current_file_rss = 0;
          continue;
        }

      if (current == NULL)
        continue;

      if (g_str_has_prefix (line, "Rss:"))
        {
          value = g_ascii_strtoll (line + strlen ("Rss:"), NULL, 10);
          current->rss_kb += value;
          current_file_rss = value;
          if (current == &kinds[MEMORY_ANONYMOUS] && value >= 1024)
            g_array_append_val (anonymous, value);
        }
      else if (g_str_has_prefix (line, "Anonymous:"))
        current->anonymous_kb += g_ascii_strtoll (line + strlen ("Anonymous:"), NULL, 10);
    }
  if (current_file != NULL && current_file_rss > 0)
    g_printerr ("memory: file %8" G_GINT64_FORMAT " kB %s\n", current_file_rss, current_file);

  for (guint i = 0; i < N_MEMORY_KINDS; i++)
    if (kinds[i].n_mappings > 0)
      g_printerr ("memory: %-40s %8" G_GINT64_FORMAT " kB rss (%" G_GINT64_FORMAT
                  " kB anonymous) in %u mappings\n", kinds[i].name, kinds[i].rss_kb,
                  kinds[i].anonymous_kb, kinds[i].n_mappings);

  g_array_sort (anonymous, compare_gint64);
  g_printerr ("memory: anonymous mappings of 1 MB or more (kB rss):");
  for (guint i = anonymous->len; i > 0; i--)
    g_printerr (" %" G_GINT64_FORMAT, g_array_index (anonymous, gint64, i - 1));
  g_printerr ("\n");
}

static void
print_memory (void)
{
  g_printerr ("memory: VmRSS %" G_GINT64_FORMAT " kB at the first frame\n", bench_read_rss_kb ());
  print_smaps ();

#ifdef __GLIBC__
  {
    struct mallinfo2 info = mallinfo2 ();

    /* Summed over every arena. */
    g_printerr ("memory: malloc: %zu kB from the system (%zu kB in arenas, %zu kB mapped on "
                "their own), %zu kB in use, %zu kB free in arenas\n",
                (info.arena + info.hblkhd) / 1024, info.arena / 1024, info.hblkhd / 1024,
                (info.uordblks + info.hblkhd) / 1024, info.fordblks / 1024);
    if (g_strcmp0 (g_getenv ("RAPPORT_BENCH_MEMORY"), "arenas") == 0)
      malloc_info (0, stderr);

    malloc_trim (0);
    g_printerr ("memory: VmRSS %" G_GINT64_FORMAT " kB after malloc_trim (0)\n",
                bench_read_rss_kb ());
  }
#endif
}

/* Startup */

static void
report_first_frame (void)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "{\"first_frame_ms\": %.1f, \"rss_kb\": %" G_GINT64_FORMAT,
                          (first_frame_time - opt_t0) / 1000.0, bench_read_rss_kb ());
  if (!opt_bare)
    g_string_append_printf (line, ", \"activate_ms\": %.1f, \"store_ms\": %.1f, "
                            "\"journal_ms\": %.1f",
                            (activate_time - opt_t0) / 1000.0, (store_time - opt_t0) / 1000.0,
                            (journal_time - opt_t0) / 1000.0);
  g_string_append (line, "}\n");
  fputs (line->str, stdout);

  /* Where the widgets are, to see which page costs layout time. */
  if (g_getenv ("RAPPORT_BENCH_COUNT_WIDGETS") != NULL)
    {
      static const char * const pages[] = {
        "RapportTodayPage", "RapportColleaguesPage", "RapportAssignmentsPage",
        "RapportJournalPage", "RapportSearchPage",
      };

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          GType type = g_type_from_name (pages[i]);
          GtkWidget *page = type != 0 ? find_descendant (GTK_WIDGET (window), type) : NULL;

          if (page != NULL)
            g_printerr ("%s: %u widgets\n", pages[i],
                        count_descendants (page, GTK_TYPE_WIDGET));
        }
    }
  fflush (stdout);

  if (g_getenv ("RAPPORT_BENCH_MEMORY") != NULL)
    print_memory ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  GApplication *application = user_data;

  if (first_frame_done || (!opt_bare && !journal_shown))
    return;

  first_frame_done = TRUE;
  first_frame_time = g_get_monotonic_time ();
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);

  if (!opt_frames)
    {
      report_first_frame ();
      g_application_quit (application);
      return;
    }

  /* Not from inside the frame clock's paint: the scenarios need frames of their own. */
  g_idle_add (run_frames_cb, application);
}

static void
window_map_cb (GtkWidget *widget,
               gpointer   application)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (after_paint_cb), application);
  gtk_widget_queue_draw (widget);
}

static void
state_changed_cb (GtkStack   *stack,
                  GParamSpec *pspec,
                  gpointer    application)
{
  const char *state = gtk_stack_get_visible_child_name (stack);

  if (g_strcmp0 (state, "journal") == 0 && !journal_shown)
    {
      journal_shown = TRUE;
      journal_time = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  else if (g_strcmp0 (state, "unlock") == 0 || g_strcmp0 (state, "failure") == 0)
    {
      g_printerr ("The journal did not open: the window shows “%s”. Is the keyring unlocked and "
                  "XDG_DATA_HOME the career's?\n", state);
      exit_status = 1;
      g_application_quit (application);
    }
}

static void
store_notify_cb (GApplication *application)
{
  if (store_time == 0)
    store_time = g_get_monotonic_time ();
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *added)
{
  GtkStack *state_stack;

  if (!RAPPORT_IS_WINDOW (added) || window != NULL)
    return;

  window = added;
  activate_time = g_get_monotonic_time ();
  g_signal_connect (added, "map", G_CALLBACK (window_map_cb), application);

  state_stack = find_state_stack (GTK_WIDGET (added));
  if (state_stack == NULL)
    {
      g_printerr ("The window has no state stack (loading, unlock, journal)\n");
      exit_status = 1;
      g_application_quit (G_APPLICATION (application));
      return;
    }
  g_signal_connect (state_stack, "notify::visible-child-name", G_CALLBACK (state_changed_cb),
                    application);
}

static void
bare_activate_cb (GtkApplication *application)
{
  g_autoptr(GSettings) settings = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *box, *header_bar, *status;
  int width = 960, height = 640;

  /* The same size as Rapport's window: its settings' defaults. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (schema != NULL)
    {
      settings = g_settings_new_full (schema, NULL, NULL);
      width = g_settings_get_int (settings, "window-width");
      height = g_settings_get_int (settings, "window-height");
    }

  window = GTK_WINDOW (adw_application_window_new (application));
  gtk_window_set_title (window, "Rapport");
  gtk_window_set_default_size (window, width, height);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header_bar = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header_bar), adw_window_title_new ("Rapport", NULL));
  gtk_box_append (GTK_BOX (box), header_bar);
  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Rapport");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), application);
  gtk_window_present (window);
}

static gboolean
startup_timeout_cb (gpointer application)
{
  if (first_frame_done)
    return G_SOURCE_REMOVE;

  g_printerr ("No frame with the journal after %d s\n", STARTUP_TIMEOUT_S);
  exit_status = 1;
  g_application_quit (application);

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GApplication) application = NULL;
  char *app_argv[] = { argv[0], NULL };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("— time Rapport's window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (opt_t0 == 0)
    opt_t0 = g_get_monotonic_time ();

  if (opt_frames)
    {
      const char *data_home = g_getenv ("RAPPORT_BENCH_DATA_HOME");

      if (data_home == NULL || *data_home == '\0')
        {
          g_printerr ("RAPPORT_BENCH_DATA_HOME is not set: run this through build-aux/bench\n");
          return 77;
        }
      /* Before anything reads the user folders. */
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    }

  if (opt_bare)
    {
      application = G_APPLICATION (adw_application_new (BARE_APPLICATION_ID,
                                                        G_APPLICATION_NON_UNIQUE));
      g_signal_connect (application, "activate", G_CALLBACK (bare_activate_cb), NULL);
    }
  else
    {
      /* The application `rapport` runs, apart from the bus name: a bench may run while a
       * Rapport does. */
      application = G_APPLICATION (rapport_application_new ());
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
      g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
      g_signal_connect (application, "notify::store", G_CALLBACK (store_notify_cb), NULL);
    }

  g_timeout_add_seconds (STARTUP_TIMEOUT_S, startup_timeout_cb, application);

  if (g_application_run (application, 1, app_argv) != 0 && exit_status == 0)
    exit_status = 1;

  if (!first_frame_done && exit_status == 0)
    exit_status = 1;

  return exit_status;
}
