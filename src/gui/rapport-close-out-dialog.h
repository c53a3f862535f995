/* rapport-close-out-dialog.h
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

/* Closing out an assignment in one window: export its colleagues (vCard, through the vCard export
 * dialog preset to this assignment), export its site guide, and plan check-ins with the colleagues
 * met there (each can be unticked) on two dates, by default two weeks and three months after the
 * end date, both editable, at a time of day. "Add Check-Ins" saves them in one transaction, closes
 * and emits "add-toast". */

#define RAPPORT_TYPE_CLOSE_OUT_DIALOG (rapport_close_out_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportCloseOutDialog, rapport_close_out_dialog, RAPPORT, CLOSE_OUT_DIALOG, AdwWindow)

RapportCloseOutDialog *rapport_close_out_dialog_new (RapportStore *store,
                                                     GtkWindow    *parent,
                                                     gint64        assignment_id);

G_END_DECLS
