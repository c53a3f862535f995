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

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-local-time.h"
#include "rapport-text-private.h"
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

/* The same nicks go into the GEnums below and into the database. */
static const struct
{
  const char *nick;
  const char *label;
  const char *icon_name;
} tip_categories[RAPPORT_N_TIP_CATEGORIES] = {
  [RAPPORT_TIP_CATEGORY_FOOD]               = { "food",               N_("Food"),
                                                "emoji-food-symbolic" },
  [RAPPORT_TIP_CATEGORY_COFFEE]             = { "coffee",             N_("Coffee"),
                                                "emoji-food-symbolic" },
  [RAPPORT_TIP_CATEGORY_GROCERIES]          = { "groceries",          N_("Groceries"),
                                                "emoji-objects-symbolic" },
  [RAPPORT_TIP_CATEGORY_LANDMARK]           = { "landmark",           N_("Landmark"),
                                                "emoji-flags-symbolic" },
  [RAPPORT_TIP_CATEGORY_ACTIVITY]           = { "activity",           N_("Activity"),
                                                "emoji-activities-symbolic" },
  [RAPPORT_TIP_CATEGORY_OUTDOORS]           = { "outdoors",           N_("Outdoors"),
                                                "emoji-nature-symbolic" },
  [RAPPORT_TIP_CATEGORY_PARKING]            = { "parking",            N_("Parking"),
                                                "mark-location-symbolic" },
  [RAPPORT_TIP_CATEGORY_HOUSING]            = { "housing",            N_("Housing"),
                                                "user-home-symbolic" },
  [RAPPORT_TIP_CATEGORY_TRANSIT]            = { "transit",            N_("Transit"),
                                                "emoji-travel-symbolic" },
  [RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS] = { "hospital-logistics", N_("Hospital Logistics"),
                                                "dialog-information-symbolic" },
};

static const struct
{
  const char *nick;
  const char *label;
  const char *icon_name;
} interaction_kinds[RAPPORT_N_INTERACTION_KINDS] = {
  [RAPPORT_INTERACTION_KIND_COFFEE]       = { "coffee",       N_("Coffee"),
                                              "emoji-food-symbolic" },
  [RAPPORT_INTERACTION_KIND_MEAL]         = { "meal",         N_("Meal"),
                                              "emoji-food-symbolic" },
  [RAPPORT_INTERACTION_KIND_SHARED_SHIFT] = { "shared-shift", N_("Shared Shift"),
                                              "appointment-soon-symbolic" },
  [RAPPORT_INTERACTION_KIND_CALL]         = { "call",         N_("Call"),
                                              "call-start-symbolic" },
  [RAPPORT_INTERACTION_KIND_MESSAGE]      = { "message",      N_("Message"),
                                              "chat-message-new-symbolic" },
  [RAPPORT_INTERACTION_KIND_GROUP_CHAT]   = { "group-chat",   N_("Group Chat"),
                                              "system-switch-user-symbolic" },
  [RAPPORT_INTERACTION_KIND_MEETING]      = { "meeting",      N_("Meeting"),
                                              "x-office-calendar-symbolic" },
  [RAPPORT_INTERACTION_KIND_PEER_SUPPORT] = { "peer-support", N_("Peer-Support Session"),
                                              "emoji-people-symbolic" },
  [RAPPORT_INTERACTION_KIND_OTHER]        = { "other",        N_("Other"),
                                              "view-more-horizontal-symbolic" },
};

/* Indexed by RapportItemKind, which starts at 1. */
static const char * const item_kind_group_labels[] = {
  [RAPPORT_ITEM_KIND_COLLEAGUE]   = N_("Colleagues"),
  [RAPPORT_ITEM_KIND_ASSIGNMENT]  = N_("Assignments"),
  [RAPPORT_ITEM_KIND_TIP]         = N_("Tips"),
  [RAPPORT_ITEM_KIND_INTERACTION] = N_("Journal"),
  [RAPPORT_ITEM_KIND_REMINDER]    = N_("Reminders"),
};

/* Embeddings, overrides and isolates (not the marks LRM and RLM): one of them in a name turns the
 * text shown after it around, such as "Ahmed" showing as "demhA", or a whole row's subtitle. */
static gboolean
is_direction_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
has_direction_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_direction_control (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Line and paragraph separators break a one-line field as surely as '\n' does. */
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return TRUE;
    }

  return FALSE;
}

GTimeZone *
rapport_time_zone_lookup (const char *identifier)
{
  static GMutex lock;
  static GHashTable *zones;   /* identifier → GTimeZone, or the table itself for "no such zone" */
  GTimeZone *zone;
  gpointer found;

  if (identifier == NULL || *identifier == '\0')
    return NULL;

  g_mutex_lock (&lock);

  if (zones == NULL)
    zones = g_hash_table_new (g_str_hash, g_str_equal);

  if (!g_hash_table_lookup_extended (zones, identifier, NULL, &found))
    {
      /* Kept for the life of the process: there are only so many zones. */
      zone = g_time_zone_new_identifier (identifier);
      found = zone != NULL ? (gpointer) zone : (gpointer) zones;
      g_hash_table_insert (zones, g_strdup (identifier), found);
    }

  g_mutex_unlock (&lock);

  return found != zones ? g_time_zone_ref (found) : NULL;
}

/* An identifier such as "America/Denver" or "UTC" that GLib can load, not "Local", a file path or
 * a POSIX rule: only those mean the same zone on another machine. */
static gboolean
is_zone_name (const char *identifier)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (identifier == NULL || !g_ascii_isalpha (identifier[0])
      || g_str_equal (identifier, "Local"))
    return FALSE;

  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("/_+-", *p) == NULL)
        return FALSE;
    }

  zone = rapport_time_zone_lookup (identifier);

  return zone != NULL;
}

/* TZ may be ":America/Denver" or a path into the zone database; both name a zone. */
static const char *
zone_name_from_setting (const char *setting)
{
  const char *name;

  if (setting == NULL)
    return NULL;

  if (setting[0] == ':')
    setting++;

  name = strstr (setting, "zoneinfo/");
  if (name != NULL && setting[0] == '/')
    setting = name + strlen ("zoneinfo/");

  return is_zone_name (setting) ? setting : NULL;
}

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

GType
rapport_tip_category_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { RAPPORT_TIP_CATEGORY_FOOD, "RAPPORT_TIP_CATEGORY_FOOD", "food" },
        { RAPPORT_TIP_CATEGORY_COFFEE, "RAPPORT_TIP_CATEGORY_COFFEE", "coffee" },
        { RAPPORT_TIP_CATEGORY_GROCERIES, "RAPPORT_TIP_CATEGORY_GROCERIES", "groceries" },
        { RAPPORT_TIP_CATEGORY_LANDMARK, "RAPPORT_TIP_CATEGORY_LANDMARK", "landmark" },
        { RAPPORT_TIP_CATEGORY_ACTIVITY, "RAPPORT_TIP_CATEGORY_ACTIVITY", "activity" },
        { RAPPORT_TIP_CATEGORY_OUTDOORS, "RAPPORT_TIP_CATEGORY_OUTDOORS", "outdoors" },
        { RAPPORT_TIP_CATEGORY_PARKING, "RAPPORT_TIP_CATEGORY_PARKING", "parking" },
        { RAPPORT_TIP_CATEGORY_HOUSING, "RAPPORT_TIP_CATEGORY_HOUSING", "housing" },
        { RAPPORT_TIP_CATEGORY_TRANSIT, "RAPPORT_TIP_CATEGORY_TRANSIT", "transit" },
        { RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS",
          "hospital-logistics" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("RapportTipCategory"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
rapport_tip_category_to_nick (RapportTipCategory category)
{
  if ((guint) category >= RAPPORT_N_TIP_CATEGORIES)
    category = RAPPORT_TIP_CATEGORY_ACTIVITY;

  return tip_categories[category].nick;
}

RapportTipCategory
rapport_tip_category_from_nick (const char *nick)
{
  if (nick == NULL)
    return RAPPORT_TIP_CATEGORY_ACTIVITY;

  for (guint i = 0; i < RAPPORT_N_TIP_CATEGORIES; i++)
    {
      if (g_str_equal (nick, tip_categories[i].nick))
        return (RapportTipCategory) i;
    }

  return RAPPORT_TIP_CATEGORY_ACTIVITY;
}

const char *
rapport_tip_category_to_label (RapportTipCategory category)
{
  if ((guint) category >= RAPPORT_N_TIP_CATEGORIES)
    category = RAPPORT_TIP_CATEGORY_ACTIVITY;

  return _(tip_categories[category].label);
}

const char *
rapport_tip_category_to_icon_name (RapportTipCategory category)
{
  if ((guint) category >= RAPPORT_N_TIP_CATEGORIES)
    category = RAPPORT_TIP_CATEGORY_ACTIVITY;

  return tip_categories[category].icon_name;
}

GType
rapport_interaction_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { RAPPORT_INTERACTION_KIND_COFFEE, "RAPPORT_INTERACTION_KIND_COFFEE", "coffee" },
        { RAPPORT_INTERACTION_KIND_MEAL, "RAPPORT_INTERACTION_KIND_MEAL", "meal" },
        { RAPPORT_INTERACTION_KIND_SHARED_SHIFT, "RAPPORT_INTERACTION_KIND_SHARED_SHIFT",
          "shared-shift" },
        { RAPPORT_INTERACTION_KIND_CALL, "RAPPORT_INTERACTION_KIND_CALL", "call" },
        { RAPPORT_INTERACTION_KIND_MESSAGE, "RAPPORT_INTERACTION_KIND_MESSAGE", "message" },
        { RAPPORT_INTERACTION_KIND_GROUP_CHAT, "RAPPORT_INTERACTION_KIND_GROUP_CHAT",
          "group-chat" },
        { RAPPORT_INTERACTION_KIND_MEETING, "RAPPORT_INTERACTION_KIND_MEETING", "meeting" },
        { RAPPORT_INTERACTION_KIND_PEER_SUPPORT, "RAPPORT_INTERACTION_KIND_PEER_SUPPORT",
          "peer-support" },
        { RAPPORT_INTERACTION_KIND_OTHER, "RAPPORT_INTERACTION_KIND_OTHER", "other" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("RapportInteractionKind"),
                                           values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
rapport_interaction_kind_to_nick (RapportInteractionKind kind)
{
  if ((guint) kind >= RAPPORT_N_INTERACTION_KINDS)
    kind = RAPPORT_INTERACTION_KIND_OTHER;

  return interaction_kinds[kind].nick;
}

RapportInteractionKind
rapport_interaction_kind_from_nick (const char *nick)
{
  if (nick == NULL)
    return RAPPORT_INTERACTION_KIND_OTHER;

  for (guint i = 0; i < RAPPORT_N_INTERACTION_KINDS; i++)
    {
      if (g_str_equal (nick, interaction_kinds[i].nick))
        return (RapportInteractionKind) i;
    }

  return RAPPORT_INTERACTION_KIND_OTHER;
}

const char *
rapport_interaction_kind_to_label (RapportInteractionKind kind)
{
  if ((guint) kind >= RAPPORT_N_INTERACTION_KINDS)
    kind = RAPPORT_INTERACTION_KIND_OTHER;

  return _(interaction_kinds[kind].label);
}

const char *
rapport_interaction_kind_to_icon_name (RapportInteractionKind kind)
{
  if ((guint) kind >= RAPPORT_N_INTERACTION_KINDS)
    kind = RAPPORT_INTERACTION_KIND_OTHER;

  return interaction_kinds[kind].icon_name;
}

GType
rapport_item_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { RAPPORT_ITEM_KIND_COLLEAGUE, "RAPPORT_ITEM_KIND_COLLEAGUE", "colleague" },
        { RAPPORT_ITEM_KIND_ASSIGNMENT, "RAPPORT_ITEM_KIND_ASSIGNMENT", "assignment" },
        { RAPPORT_ITEM_KIND_TIP, "RAPPORT_ITEM_KIND_TIP", "tip" },
        { RAPPORT_ITEM_KIND_INTERACTION, "RAPPORT_ITEM_KIND_INTERACTION", "interaction" },
        { RAPPORT_ITEM_KIND_REMINDER, "RAPPORT_ITEM_KIND_REMINDER", "reminder" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("RapportItemKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
rapport_item_kind_to_group_label (RapportItemKind kind)
{
  g_return_val_if_fail (kind >= RAPPORT_ITEM_KIND_COLLEAGUE && kind <= RAPPORT_ITEM_KIND_REMINDER,
                        "");

  return _(item_kind_group_labels[kind]);
}

typedef enum
{
  FILE_PROBLEM_OTHER,
  FILE_PROBLEM_MISSING,
  FILE_PROBLEM_FOLDER,
  FILE_PROBLEM_DENIED,
  FILE_PROBLEM_FULL,
} FileProblem;

static FileProblem
classify_file_error (const GError *cause)
{
  if (cause == NULL)
    return FILE_PROBLEM_OTHER;

  if (cause->domain == G_FILE_ERROR)
    {
      switch (cause->code)
        {
        case G_FILE_ERROR_NOENT:
        case G_FILE_ERROR_NOTDIR:
          return FILE_PROBLEM_MISSING;
        case G_FILE_ERROR_ISDIR:
          return FILE_PROBLEM_FOLDER;
        case G_FILE_ERROR_ACCES:
        case G_FILE_ERROR_PERM:
        case G_FILE_ERROR_ROFS:
          return FILE_PROBLEM_DENIED;
        case G_FILE_ERROR_NOSPC:
          return FILE_PROBLEM_FULL;
        default:
          return FILE_PROBLEM_OTHER;
        }
    }

  if (cause->domain == G_IO_ERROR)
    {
      switch (cause->code)
        {
        case G_IO_ERROR_NOT_FOUND:
        case G_IO_ERROR_NOT_DIRECTORY:
          return FILE_PROBLEM_MISSING;
        case G_IO_ERROR_IS_DIRECTORY:
          return FILE_PROBLEM_FOLDER;
        case G_IO_ERROR_PERMISSION_DENIED:
        case G_IO_ERROR_READ_ONLY:
          return FILE_PROBLEM_DENIED;
        case G_IO_ERROR_NO_SPACE:
          return FILE_PROBLEM_FULL;
        default:
          return FILE_PROBLEM_OTHER;
        }
    }

  return FILE_PROBLEM_OTHER;
}

void
rapport_set_file_error (GError       **error,
                        GQuark         domain,
                        int            code,
                        const char    *path,
                        const GError  *cause,
                        gboolean       writing)
{
  g_autofree char *shown = NULL;
  char *message;

  g_return_if_fail (path != NULL);

  g_debug ("%s %s: %s", writing ? "Writing" : "Reading", path,
           cause != NULL ? cause->message : "no reason given");

  /* A file name need not be UTF-8; the message must be. */
  shown = g_filename_display_name (path);

  switch (classify_file_error (cause))
    {
    case FILE_PROBLEM_MISSING:
      message = writing
        ? g_strdup_printf (_("Could not create “%s” there. Choose another folder and try "
                             "again."), shown)
        : g_strdup_printf (_("There is no file at “%s”. Check the name and try again."), shown);
      break;
    case FILE_PROBLEM_FOLDER:
      message = writing
        ? g_strdup_printf (_("“%s” is a folder. Choose a file name and try again."), shown)
        : g_strdup_printf (_("“%s” is a folder, not a file. Choose a file and try again."),
                           shown);
      break;
    case FILE_PROBLEM_DENIED:
      message = writing
        ? g_strdup_printf (_("Rapport may not write “%s”. Choose a folder you can write to and "
                             "try again."), shown)
        : g_strdup_printf (_("Rapport may not read “%s”. Check the file’s permissions and try "
                             "again."), shown);
      break;
    case FILE_PROBLEM_FULL:
      message = g_strdup_printf (_("There is not enough disk space to write “%s”. Free some disk "
                                   "space and try again."), shown);
      break;
    case FILE_PROBLEM_OTHER:
    default:
      message = writing
        ? g_strdup_printf (_("Could not write “%s”. Choose another folder and try again."), shown)
        : g_strdup_printf (_("Could not read “%s”. Check that the file is still there and try "
                             "again."), shown);
      break;
    }

  g_set_error_literal (error, domain, code, message);
  g_free (message);
}

gboolean
rapport_write_private_file (const char  *path,
                            const char  *contents,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                &local_error))
    return TRUE;

  rapport_set_file_error (error, local_error->domain, local_error->code, path, local_error, TRUE);
  return FALSE;
}

gboolean
rapport_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  /* Broken text is not blank: the field checks report it. */
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

gboolean
rapport_text_check_fields (const RapportTextField  *fields,
                           guint                    n_fields,
                           GQuark                   domain,
                           int                      too_long_code,
                           int                      invalid_text_code,
                           GError                 **error)
{
  /* Messages name the field but never quote its value: they may end up in a log. */
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = fields[i].value != NULL ? fields[i].value : "";
      gsize max_length = fields[i].multi_line ? RAPPORT_MAX_NOTES_LENGTH
                                              : RAPPORT_MAX_FIELD_LENGTH;
      gsize length = strlen (value);

      if (length > max_length)
        {
          g_autofree char *size = g_format_size_full (max_length, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, domain, too_long_code,
                       /* Translators: the first %s is a field such as "Notes", the second a
                        * size such as "1.0 MiB" */
                       _("%s is too long. Shorten it to at most %s and try again."),
                       _(fields[i].label), size);
          return FALSE;
        }

      if (!g_utf8_validate (value, length, NULL))
        {
          g_set_error (error, domain, invalid_text_code,
                       /* Translators: %s is a field such as "Role" */
                       _("%s contains text that is not valid Unicode. Type it again."),
                       _(fields[i].label));
          return FALSE;
        }

      if (!fields[i].multi_line && has_control_characters (value))
        {
          g_set_error (error, domain, invalid_text_code,
                       /* Translators: %s is a field such as "Role" */
                       _("%s must be a single line without control characters. Remove them and "
                         "try again."),
                       _(fields[i].label));
          return FALSE;
        }

      if (!fields[i].multi_line && has_direction_controls (value))
        {
          g_set_error (error, domain, invalid_text_code,
                       /* Translators: %s is a field such as "Name" */
                       _("%s contains an invisible text-direction character, which would show "
                         "the text around it backwards. Type it again instead of pasting it."),
                       _(fields[i].label));
          return FALSE;
        }
    }

  return TRUE;
}

char *
rapport_text_dup_one_line (const char *text)
{
  GString *line;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  line = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_direction_control (c))
        continue;

      /* A break or tab between words becomes a space, so no word runs into the next. */
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          if (line->len > 0 && line->str[line->len - 1] != ' ')
            g_string_append_c (line, ' ');
          continue;
        }

      g_string_append_unichar (line, c);
    }

  return g_strstrip (g_string_free (line, FALSE));
}

gboolean
rapport_text_parse_iso_date (const char *text,
                             GDateYear  *year,
                             GDateMonth *month,
                             GDateDay   *day)
{
  int y, m, d;

  if (!rapport_local_time_parse_date (text, &y, &m, &d))
    return FALSE;

  if (year != NULL)
    *year = (GDateYear) y;
  if (month != NULL)
    *month = (GDateMonth) m;
  if (day != NULL)
    *day = (GDateDay) d;

  return TRUE;
}

char *
rapport_dup_default_tz (void)
{
  static GMutex lock;
  static char *cached_name;
  static char *cached_setting;
  static struct stat cached_stat;
  static gint64 checked_at;
  g_autoptr(GTimeZone) local = NULL;
  const char *setting = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  struct stat st = { 0 };
  const char *name;
  char *result;

  /* Every new reminder and assignment asks (20,000 of them when a journal loads), and without TZ
   * set GLib 2.74 reads the zone file again on each call: remember the answer until TZ changes
   * or, looked at once a second at most, /etc/localtime does. */
  g_mutex_lock (&lock);
  if (cached_name != NULL && g_strcmp0 (setting, cached_setting) == 0
      && now - checked_at < G_USEC_PER_SEC)
    {
      result = g_strdup (cached_name);
      g_mutex_unlock (&lock);
      return result;
    }

  if (g_stat ("/etc/localtime", &st) != 0)
    memset (&st, 0, sizeof st);
  checked_at = now;

  if (cached_name != NULL && g_strcmp0 (setting, cached_setting) == 0
      && st.st_ino == cached_stat.st_ino && st.st_mtime == cached_stat.st_mtime)
    {
      result = g_strdup (cached_name);
      g_mutex_unlock (&lock);
      return result;
    }

  local = g_time_zone_new_local ();
  name = zone_name_from_setting (g_time_zone_get_identifier (local));
  if (name == NULL)
    name = zone_name_from_setting (setting);
  if (name == NULL)
    name = "UTC";

  g_free (cached_name);
  g_free (cached_setting);
  cached_name = g_strdup (name);
  cached_setting = g_strdup (setting);
  cached_stat = st;
  result = g_strdup (cached_name);
  g_mutex_unlock (&lock);

  return result;
}
