/* rapport-qr-dialog.h
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

#include "rapport-colleague.h"

G_BEGIN_DECLS

/* Shares one colleague's work contact details as a QR code a phone camera can read (a compact
 * vCard 3.0: name, organisation, role, phone, email; never notes or the journal). Says what the
 * code contains; an explanation instead when it would be too large. */

#define RAPPORT_TYPE_QR_DIALOG (rapport_qr_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportQrDialog, rapport_qr_dialog, RAPPORT, QR_DIALOG, AdwWindow)

RapportQrDialog *rapport_qr_dialog_new          (RapportColleague *colleague,
                                                 GtkWindow        *parent);
/* The text the code holds (NULL when it could not be made). */
const char      *rapport_qr_dialog_get_text     (RapportQrDialog  *self);
/* The code as drawn, light modules white and dark ones black, quiet zone included. */
GdkTexture      *rapport_qr_dialog_dup_texture  (RapportQrDialog  *self);

G_END_DECLS
