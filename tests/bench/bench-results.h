/* bench-results.h
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What every benchmark shares: medians, resident memory, and the figures they report. */

/* Of doubles (the array is not changed); 0 for none. */
double    bench_median          (GArray     *values);
/* The value at fraction q (0..1), nearest rank; 0 for none. */
double    bench_percentile      (GArray     *values,
                                 double      q);
/* VmRSS of this process in KiB, or -1 when /proc cannot tell. */
gint64    bench_read_rss_kb     (void);

/* Prints one figure as a JSON line and appends it to $RAPPORT_BENCH_RESULTS (the format
 * build-aux/bench-report.py reads). bound: "max" (the value must not exceed limit), "min" (must
 * reach it) or NULL for a baseline or a context figure; detail may be NULL. FALSE when the
 * results file could not be written. */
gboolean  bench_report          (const char *name,
                                 const char *label,
                                 double      value,
                                 const char *unit,
                                 const char *bound,
                                 double      limit,
                                 guint       runs,
                                 const char *detail);

G_END_DECLS
