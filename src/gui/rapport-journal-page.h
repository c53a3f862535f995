/* rapport-journal-page.h
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

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* The Journal view: every interaction as a timeline grouped by day, newest first, filterable by
 * colleague, kind and assignment. Emits "add-toast" (AdwToast *) and "show-colleague" (gint64). */

#define RAPPORT_TYPE_JOURNAL_PAGE (rapport_journal_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportJournalPage, rapport_journal_page, RAPPORT, JOURNAL_PAGE, GtkWidget)

RapportStore *rapport_journal_page_get_store        (RapportJournalPage *self);
void          rapport_journal_page_set_store        (RapportJournalPage *self,
                                                     RapportStore       *store);
/* Opens the interaction editor; colleague_id (0 = none) is pre-filled. */
void          rapport_journal_page_log_interaction  (RapportJournalPage *self,
                                                     gint64              colleague_id);
/* Clears filters that would hide it, scrolls to it and selects it. */
void          rapport_journal_page_show_interaction (RapportJournalPage *self,
                                                     gint64              id);

G_END_DECLS
