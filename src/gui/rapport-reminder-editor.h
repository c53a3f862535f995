/* rapport-reminder-editor.h
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

/* "New Reminder" / "Edit Reminder": title, date and time, repeat, colleague, assignment, notes.
 * Emits "saved" (RapportReminder *) and closes. */

#define RAPPORT_TYPE_REMINDER_EDITOR (rapport_reminder_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminderEditor, rapport_reminder_editor, RAPPORT, REMINDER_EDITOR, AdwWindow)

/* reminder NULL = a new one (tomorrow 09:00 local) for colleague_id (0 = none). */
RapportReminderEditor *rapport_reminder_editor_new (GtkWindow       *parent,
                                                    RapportStore    *store,
                                                    RapportReminder *reminder,
                                                    gint64           colleague_id);

G_END_DECLS
