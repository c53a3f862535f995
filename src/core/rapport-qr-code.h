/* rapport-qr-code.h
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

G_BEGIN_DECLS

/* A QR code (ISO/IEC 18004) for a text, through libqrencode: the symbol as a square of modules.
 * Byte mode, error correction level M, the smallest version that fits. */

#define RAPPORT_QR_CODE_ERROR (rapport_qr_code_error_quark ())

typedef enum
{
  RAPPORT_QR_CODE_ERROR_TOO_LONG,  /* more than a QR code holds at level M (2,331 bytes) */
  RAPPORT_QR_CODE_ERROR_FAILED,
} RapportQrCodeError;

typedef struct _RapportQrCode RapportQrCode;

GQuark         rapport_qr_code_error_quark (void);

/* Empty text is an error (FAILED), not a code: libqrencode makes none without data. */
RapportQrCode *rapport_qr_code_new        (const char     *text,
                                           GError        **error);
void           rapport_qr_code_free       (RapportQrCode  *self);
/* Modules per side, without the quiet zone (which readers need: draw 4 light modules around). */
guint          rapport_qr_code_get_size   (RapportQrCode  *self);
/* TRUE for a dark module; x and y below get_size. */
gboolean       rapport_qr_code_get_module (RapportQrCode  *self,
                                           guint           x,
                                           guint           y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportQrCode, rapport_qr_code_free)

G_END_DECLS
