/* rapport-tip-editor.h
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

/* The window to add a tip to an assignment or edit one. It works on a copy and writes through the
 * store only when confirmed; emits "saved" (RapportTip *, the store's own item) and closes. */

#define RAPPORT_TYPE_TIP_EDITOR (rapport_tip_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportTipEditor, rapport_tip_editor, RAPPORT, TIP_EDITOR, AdwWindow)

/* tip: the one to edit, or NULL to add a new one to assignment_id. */
RapportTipEditor *rapport_tip_editor_new (GtkWindow    *parent,
                                          RapportStore *store,
                                          gint64        assignment_id,
                                          RapportTip   *tip);

G_END_DECLS
