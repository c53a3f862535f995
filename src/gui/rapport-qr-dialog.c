/* rapport-qr-dialog.c
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

#define G_LOG_DOMAIN "rapport-qr-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-qr-code.h"
#include "rapport-qr-dialog.h"
#include "rapport-vcard.h"

/* Readers need at least 4 light modules around the symbol. */
#define QUIET_ZONE 4
/* Below 2 pixels a module, phone cameras struggle to read a code off a screen. */
#define MIN_MODULE_PIXELS 2
#define NATURAL_SIZE 288

/* The code's picture: only the dialog uses it. */
#define RAPPORT_TYPE_QR_IMAGE (rapport_qr_image_get_type ())
G_DECLARE_FINAL_TYPE (RapportQrImage, rapport_qr_image, RAPPORT, QR_IMAGE, GtkWidget)

/* Draws the code with whole device pixels per module: scaling a texture would filter it, and a
 * blurred code reads badly (GTK 4.8 has no nearest-neighbour texture scaling). */
struct _RapportQrImage
{
  GtkWidget   parent_instance;

  GBytes     *texels;       /* RGB, one texel per module, quiet zone included */
  guint       side;         /* texels a side */
  GdkTexture *scaled;       /* the same at `module_pixels` device pixels a texel */
  guint       module_pixels;
};

struct _RapportQrDialog
{
  AdwWindow       parent_instance;

  char           *text;
  GdkTexture     *texture;

  GtkStack       *stack;
  GtkLabel       *name_label;
  RapportQrImage *qr_image;
  AdwStatusPage  *status_page;
};

G_DEFINE_FINAL_TYPE (RapportQrImage, rapport_qr_image, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (RapportQrDialog, rapport_qr_dialog, ADW_TYPE_WINDOW)

static GBytes *
scale_texels (GBytes *texels,
              guint   side,
              guint   factor)
{
  const guint8 *in = g_bytes_get_data (texels, NULL);
  gsize out_side = (gsize) side * factor;
  gsize out_stride = out_side * 3;
  guint8 *out = g_malloc (out_stride * out_side);

  for (gsize y = 0; y < out_side; y++)
    {
      guint8 *row = out + y * out_stride;

      if (y % factor != 0)
        {
          memcpy (row, row - out_stride, out_stride);
          continue;
        }

      for (gsize x = 0; x < out_side; x++)
        memcpy (row + x * 3, in + ((y / factor) * side + x / factor) * 3, 3);
    }

  return g_bytes_new_take (out, out_stride * out_side);
}

static GdkTexture *
texture_from_texels (GBytes *texels,
                     guint   side)
{
  return gdk_memory_texture_new ((int) side, (int) side, GDK_MEMORY_R8G8B8, texels,
                                 (gsize) side * 3);
}

/* Light modules white and dark ones black whatever the style: readers expect dark on light. */
static GBytes *
render_texels (RapportQrCode *code,
               guint         *side)
{
  guint size = rapport_qr_code_get_size (code);
  guint n = size + 2 * QUIET_ZONE;
  guint8 *data = g_malloc ((gsize) n * n * 3);

  memset (data, 0xff, (gsize) n * n * 3);
  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      if (rapport_qr_code_get_module (code, x, y))
        memset (data + ((gsize) (y + QUIET_ZONE) * n + x + QUIET_ZONE) * 3, 0x00, 3);

  *side = n;
  return g_bytes_new_take (data, (gsize) n * n * 3);
}

static void
qr_image_set_texels (RapportQrImage *self,
                     GBytes         *texels,
                     guint           side)
{
  g_clear_pointer (&self->texels, g_bytes_unref);
  g_clear_object (&self->scaled);
  self->module_pixels = 0;
  self->texels = texels != NULL ? g_bytes_ref (texels) : NULL;
  self->side = texels != NULL ? side : 0;

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rapport_qr_image_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RapportQrImage *self = RAPPORT_QR_IMAGE (widget);
  int smallest = (int) (self->side * MIN_MODULE_PIXELS);

  *minimum = smallest;
  *natural = MAX (smallest, NATURAL_SIZE);
}

static void
rapport_qr_image_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RapportQrImage *self = RAPPORT_QR_IMAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  guint module_pixels;
  int device_side, x, y;

  if (self->texels == NULL || self->side == 0)
    return;

  /* The largest whole number of device pixels a module that fits. */
  module_pixels = MAX (1, (guint) (MIN (width, height) * scale) / self->side);
  if (self->scaled == NULL || self->module_pixels != module_pixels)
    {
      g_autoptr(GBytes) pixels = scale_texels (self->texels, self->side, module_pixels);

      g_clear_object (&self->scaled);
      self->scaled = texture_from_texels (pixels, self->side * module_pixels);
      self->module_pixels = module_pixels;
    }

  /* Drawn at its own size on whole device pixels, so nothing is filtered. */
  device_side = (int) (self->side * module_pixels);
  x = (width * scale - device_side) / 2;
  y = (height * scale - device_side) / 2;
  gtk_snapshot_append_texture (snapshot, self->scaled,
                               &GRAPHENE_RECT_INIT ((float) x / scale, (float) y / scale,
                                                    (float) device_side / scale,
                                                    (float) device_side / scale));
}

static void
rapport_qr_image_dispose (GObject *object)
{
  RapportQrImage *self = RAPPORT_QR_IMAGE (object);

  g_clear_pointer (&self->texels, g_bytes_unref);
  g_clear_object (&self->scaled);

  G_OBJECT_CLASS (rapport_qr_image_parent_class)->dispose (object);
}

static void
rapport_qr_image_class_init (RapportQrImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_qr_image_dispose;
  widget_class->measure = rapport_qr_image_measure;
  widget_class->snapshot = rapport_qr_image_snapshot;

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rapport_qr_image_init (RapportQrImage *self)
{
}

/* Only what the dialog promises: the details a colleague would put on a business card. */
static char *
dup_card_text (RapportColleague *colleague)
{
  const char *name = rapport_colleague_get_name (colleague);
  g_autoptr(RapportColleague) shared = rapport_colleague_new (name);
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new ();

  rapport_colleague_set_organization (shared, rapport_colleague_get_organization (colleague));
  rapport_colleague_set_role (shared, rapport_colleague_get_role (colleague));
  rapport_colleague_set_phone (shared, rapport_colleague_get_phone (colleague));
  rapport_colleague_set_email (shared, rapport_colleague_get_email (colleague));
  g_ptr_array_add (colleagues, shared);

  return rapport_vcard_write (colleagues, RAPPORT_VCARD_VERSION_3_0, RAPPORT_VCARD_WRITE_COMPACT,
                              NULL, NULL);
}

static void
show_problem (RapportQrDialog *self,
              const GError    *error)
{
  g_autofree char *description = NULL;

  if (g_error_matches (error, RAPPORT_QR_CODE_ERROR, RAPPORT_QR_CODE_ERROR_TOO_LONG))
    adw_status_page_set_title (self->status_page, _("Too Long for a QR Code"));
  else
    adw_status_page_set_title (self->status_page, _("Could Not Make a QR Code"));
  /* The description is markup. */
  description = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static void
set_colleague (RapportQrDialog  *self,
               RapportColleague *colleague)
{
  const char *name = rapport_colleague_get_name (colleague);
  g_autoptr(RapportQrCode) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) texels = NULL;
  g_autofree char *description = NULL;
  guint side;

  gtk_label_set_label (self->name_label, name);

  self->text = dup_card_text (colleague);
  code = rapport_qr_code_new (self->text, &error);
  if (code == NULL)
    {
      g_clear_pointer (&self->text, g_free);
      show_problem (self, error);
      return;
    }

  texels = render_texels (code, &side);
  self->texture = texture_from_texels (texels, side);
  qr_image_set_texels (self->qr_image, texels, side);

  /* Translators: %s is a colleague's name; what a screen reader says for the QR code */
  description = g_strdup_printf (_("QR code with %s’s contact details"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "code");
}

static void
rapport_qr_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_QR_DIALOG);

  G_OBJECT_CLASS (rapport_qr_dialog_parent_class)->dispose (object);
}

static void
rapport_qr_dialog_finalize (GObject *object)
{
  RapportQrDialog *self = RAPPORT_QR_DIALOG (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (rapport_qr_dialog_parent_class)->finalize (object);
}

static void
rapport_qr_dialog_class_init (RapportQrDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_qr_dialog_dispose;
  object_class->finalize = rapport_qr_dialog_finalize;

  g_type_ensure (RAPPORT_TYPE_QR_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rapport-qr-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportQrDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportQrDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportQrDialog, qr_image);
  gtk_widget_class_bind_template_child (widget_class, RapportQrDialog, status_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_qr_dialog_init (RapportQrDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportQrDialog *
rapport_qr_dialog_new (RapportColleague *colleague,
                       GtkWindow        *parent)
{
  RapportQrDialog *self;

  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (colleague), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (RAPPORT_TYPE_QR_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  set_colleague (self, colleague);

  return self;
}

const char *
rapport_qr_dialog_get_text (RapportQrDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_QR_DIALOG (self), NULL);

  return self->text;
}

GdkTexture *
rapport_qr_dialog_dup_texture (RapportQrDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_QR_DIALOG (self), NULL);

  return self->texture != NULL ? g_object_ref (self->texture) : NULL;
}
