/* rapport-types.c
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

#define G_LOG_DOMAIN "rapport-types"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-types.h"

/* The nicks are what the database stores: never change them. */
static const struct
{
  const char *nick;
  const char *label;
} support_kinds[RAPPORT_N_SUPPORT_KINDS] = {
  [RAPPORT_SUPPORT_KIND_NONE]        = { "",            N_("Not Set") },
  [RAPPORT_SUPPORT_KIND_MENTOR]      = { "mentor",      N_("Mentor") },
  [RAPPORT_SUPPORT_KIND_PEER]        = { "peer",        N_("Peer") },
  [RAPPORT_SUPPORT_KIND_FRIEND]      = { "friend",      N_("Friend") },
  [RAPPORT_SUPPORT_KIND_LOCAL_GUIDE] = { "local-guide", N_("Local Guide") },
};

GType
rapport_support_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      /* GEnumValue nicks must be non-empty, so NONE is "none" here and "" in the database. */
      static const GEnumValue values[] = {
        { RAPPORT_SUPPORT_KIND_NONE, "RAPPORT_SUPPORT_KIND_NONE", "none" },
        { RAPPORT_SUPPORT_KIND_MENTOR, "RAPPORT_SUPPORT_KIND_MENTOR", "mentor" },
        { RAPPORT_SUPPORT_KIND_PEER, "RAPPORT_SUPPORT_KIND_PEER", "peer" },
        { RAPPORT_SUPPORT_KIND_FRIEND, "RAPPORT_SUPPORT_KIND_FRIEND", "friend" },
        { RAPPORT_SUPPORT_KIND_LOCAL_GUIDE, "RAPPORT_SUPPORT_KIND_LOCAL_GUIDE", "local-guide" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("RapportSupportKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
rapport_support_kind_to_nick (RapportSupportKind kind)
{
  if ((guint) kind >= RAPPORT_N_SUPPORT_KINDS)
    return support_kinds[RAPPORT_SUPPORT_KIND_NONE].nick;

  return support_kinds[kind].nick;
}

RapportSupportKind
rapport_support_kind_from_nick (const char *nick)
{
  if (nick == NULL || nick[0] == '\0')
    return RAPPORT_SUPPORT_KIND_NONE;

  for (guint i = 1; i < RAPPORT_N_SUPPORT_KINDS; i++)
    {
      if (g_str_equal (nick, support_kinds[i].nick))
        return (RapportSupportKind) i;
    }

  return RAPPORT_SUPPORT_KIND_NONE;
}

const char *
rapport_support_kind_to_label (RapportSupportKind kind)
{
  if ((guint) kind >= RAPPORT_N_SUPPORT_KINDS)
    kind = RAPPORT_SUPPORT_KIND_NONE;

  return _(support_kinds[kind].label);
}
