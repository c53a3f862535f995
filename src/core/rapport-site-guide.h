/* rapport-site-guide.h
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

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* An assignment's tips as a guide for the next locum: Markdown, or one self-contained HTML file
 * (inline style, no scripts, no external resources). Colleagues' names and the journal are never
 * part of it: the guide is meant to be handed to strangers. */

typedef enum
{
  RAPPORT_SITE_GUIDE_MARKDOWN,
  RAPPORT_SITE_GUIDE_HTML,
} RapportSiteGuideFormat;

/* ".html" / ".htm" (any case) → HTML; anything else → Markdown. */
RapportSiteGuideFormat rapport_site_guide_format_for_path (const char             *path);

/* NOT_FOUND (RAPPORT_STORE_ERROR) when there is no such assignment. */
char                  *rapport_site_guide_render          (RapportStore           *store,
                                                           gint64                  assignment_id,
                                                           RapportSiteGuideFormat  format,
                                                           GError                **error);
/* Renders in the format the path's extension asks for and writes it atomically
 * (g_file_set_contents_full, mode 0600). */
gboolean               rapport_site_guide_export          (RapportStore           *store,
                                                           gint64                  assignment_id,
                                                           const char             *path,
                                                           GError                **error);

G_END_DECLS
