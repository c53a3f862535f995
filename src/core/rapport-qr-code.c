/* rapport-qr-code.c
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

#define G_LOG_DOMAIN "rapport-qr-code"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <qrencode.h>

#include "rapport-qr-code.h"

struct _RapportQrCode
{
  QRcode *code;
};

G_DEFINE_QUARK (rapport-qr-code-error-quark, rapport_qr_code_error)

RapportQrCode *
rapport_qr_code_new (const char  *text,
                     GError     **error)
{
  RapportQrCode *self;
  size_t length;
  int saved_errno;
  QRcode *code;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strlen (text);

  /* libqrencode refuses empty input; a code holding nothing would help nobody anyway. */
  if (length == 0)
    {
      g_set_error_literal (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_FAILED,
                           _("There is nothing to put in a QR code. Add some details first."));
      return NULL;
    }

  /* Byte mode keeps UTF-8 as it is; the mode guessing of QRcode_encodeString would not. */
  if (length > G_MAXINT)
    {
      errno = ERANGE;
      code = NULL;
    }
  else
    {
      errno = 0;
      code = QRcode_encodeData ((int) length, (const unsigned char *) text, 0, QR_ECLEVEL_M);
    }
  saved_errno = errno;

  if (code == NULL)
    {
      if (saved_errno == ERANGE)
        g_set_error_literal (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_TOO_LONG,
                             _("These details are too long for a QR code. Export them as a vCard "
                               "file instead."));
      else
        g_set_error (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_FAILED,
                     _("Could not make a QR code: %s. Export the details as a vCard file "
                       "instead."),
                     g_strerror (saved_errno != 0 ? saved_errno : EINVAL));
      return NULL;
    }

  self = g_new0 (RapportQrCode, 1);
  self->code = code;

  return self;
}

void
rapport_qr_code_free (RapportQrCode *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->code, QRcode_free);
  g_free (self);
}

guint
rapport_qr_code_get_size (RapportQrCode *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) self->code->width;
}

gboolean
rapport_qr_code_get_module (RapportQrCode *self,
                            guint          x,
                            guint          y)
{
  guint width;

  g_return_val_if_fail (self != NULL, FALSE);

  width = (guint) self->code->width;
  g_return_val_if_fail (x < width && y < width, FALSE);

  /* The other bits say what the module is part of; only the lowest one is its colour. */
  return (self->code->data[y * width + x] & 1) != 0;
}
