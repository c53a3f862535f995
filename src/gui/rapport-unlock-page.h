/* rapport-unlock-page.h
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

G_BEGIN_DECLS

/* Shown when the journal exists but its key could not be used. Offers to ask the keyring again or
 * to type the recovery code; never touches the journal file otherwise. Emits "unlocked"
 * (RapportStore *store, const char *keyring_warning or NULL) once the journal is open. */

#define RAPPORT_TYPE_UNLOCK_PAGE (rapport_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportUnlockPage, rapport_unlock_page, RAPPORT, UNLOCK_PAGE, AdwBin)

GtkWidget      *rapport_unlock_page_new         (RapportProfile    *profile);
RapportProfile *rapport_unlock_page_get_profile (RapportUnlockPage *self);
void            rapport_unlock_page_set_profile (RapportUnlockPage *self,
                                                 RapportProfile    *profile);
/* Why the journal is locked; NULL for a generic explanation. */
void            rapport_unlock_page_set_reason  (RapportUnlockPage *self,
                                                 const GError      *reason);

G_END_DECLS
