/* bench-results.c
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

#define G_LOG_DOMAIN "rapport-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-results.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return 0;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

double
bench_percentile (GArray *values,
                  double  q)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (values->len == 0)
    return 0;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  /* Nearest rank, rounded up (no libm needed). */
  rank = (guint) (q * sorted->len);
  if (rank < q * sorted->len)
    rank++;
  rank = CLAMP (rank, 1, sorted->len);

  return g_array_index (sorted, double, rank - 1);
}

gint64
bench_read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

/* UTF-8 stays as it is (g_strescape would write octal escapes, which JSON does not have). */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_json_number (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = ABS (value) >= 100 ? "%.1f" : ABS (value) >= 1 ? "%.2f" : "%.4f";

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

gboolean
bench_report (const char *name,
              const char *label,
              double      value,
              const char *unit,
              const char *bound,
              double      limit,
              guint       runs,
              const char *detail)
{
  g_autoptr(GString) line = g_string_new ("{\"name\": ");
  const char *path = g_getenv ("RAPPORT_BENCH_RESULTS");
  FILE *file;

  append_json_string (line, name);
  g_string_append (line, ", \"label\": ");
  append_json_string (line, label);
  g_string_append (line, ", \"value\": ");
  append_json_number (line, value);
  g_string_append (line, ", \"unit\": ");
  append_json_string (line, unit);
  if (bound != NULL)
    {
      g_string_append_printf (line, ", \"%s\": ", bound);
      append_json_number (line, limit);
    }
  g_string_append_printf (line, ", \"runs\": %u", runs);
  if (detail != NULL)
    {
      g_string_append (line, ", \"detail\": ");
      append_json_string (line, detail);
    }
  g_string_append (line, "}\n");

  fputs (line->str, stdout);
  fflush (stdout);

  if (path == NULL || *path == '\0')
    return TRUE;

  file = fopen (path, "a");
  if (file == NULL)
    {
      g_printerr ("Could not append to %s\n", path);
      return FALSE;
    }
  fputs (line->str, file);

  return fclose (file) == 0;
}
