/* rapport-close-out-dialog.c
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
#define G_LOG_DOMAIN "rapport-close-out-dialog"

#include "config.h"

#include "rapport-close-out-dialog.h"

struct _RapportCloseOutDialog
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (RapportCloseOutDialog, rapport_close_out_dialog, ADW_TYPE_WINDOW)

static void
rapport_close_out_dialog_class_init (RapportCloseOutDialogClass *klass)
{
}

static void
rapport_close_out_dialog_init (RapportCloseOutDialog *self)
{
}

RapportCloseOutDialog *
rapport_close_out_dialog_new (RapportStore *store, GtkWindow *parent, gint64 assignment_id)
{
  return g_object_new (RAPPORT_TYPE_CLOSE_OUT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}
