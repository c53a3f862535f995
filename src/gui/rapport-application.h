/* rapport-application.h
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

#include "rapport-profile.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_APPLICATION (rapport_application_get_type ())

G_DECLARE_FINAL_TYPE (RapportApplication, rapport_application, RAPPORT, APPLICATION, AdwApplication)

RapportApplication *rapport_application_new         (void);
RapportProfile     *rapport_application_get_profile (RapportApplication *self);
/* NULL until the journal is open (property "store", notified when it opens). */
RapportStore       *rapport_application_get_store   (RapportApplication *self);
void                rapport_application_set_store   (RapportApplication *self,
                                                     RapportStore       *store);

/* Writes an encrypted backup of the open journal to path, on a connection of its own in a worker
 * thread. */
void                rapport_application_back_up_async   (RapportApplication  *self,
                                                         const char          *path,
                                                         const char          *passphrase,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            rapport_application_back_up_finish  (RapportApplication  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Replaces the journal with a backup (see rapport_profile_restore_backup): closes the open store,
 * restores in a worker thread, then opens the restored journal in the window; on failure the old
 * journal is opened again, unchanged. */
void                rapport_application_restore_async   (RapportApplication  *self,
                                                         const char          *path,
                                                         const char          *passphrase,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            rapport_application_restore_finish  (RapportApplication  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
