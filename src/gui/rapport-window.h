/* rapport-window.h
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

#include "rapport-application.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WINDOW (rapport_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportWindow, rapport_window, RAPPORT, WINDOW, AdwApplicationWindow)

RapportWindow *rapport_window_new                (RapportApplication *application);
/* Which of the window's states shows: while the journal opens, unlock, failure, or the views. */
void           rapport_window_show_loading       (RapportWindow      *self);
/* reason: why the key could not be used (RAPPORT_PROFILE_ERROR_KEY_UNAVAILABLE or _WRONG_KEY). */
void           rapport_window_show_unlock        (RapportWindow      *self,
                                                  const GError       *reason);
void           rapport_window_show_failure       (RapportWindow      *self,
                                                  const char         *title,
                                                  const char         *description);
void           rapport_window_show_failure_with_snapshot (RapportWindow *self,
                                                          const char    *title,
                                                          const char    *description,
                                                          const char    *snapshot_path);
/* The views, on the application's store. */
void           rapport_window_show_journal       (RapportWindow      *self);
/* First run: the welcome, with the new journal's recovery code, over the views. */
void           rapport_window_show_welcome       (RapportWindow      *self,
                                                  const char         *code);
void           rapport_window_add_toast          (RapportWindow      *self,
                                                  AdwToast           *toast);

G_END_DECLS
