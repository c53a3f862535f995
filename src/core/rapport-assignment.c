/* rapport-assignment.c
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

#define G_LOG_DOMAIN "rapport-assignment"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-assignment.h"
#include "rapport-local-time.h"
#include "rapport-text-private.h"

struct _RapportAssignment
{
  GObject  parent_instance;

  gint64   id;
  char    *facility;
  char    *unit;
  char    *city;
  char    *region;
  char    *country;
  char    *tz;
  char    *starts_on;
  char    *ends_on;
  char    *agency;
  char    *notes;
  gint64   created_at;
  gint64   updated_at;
};

G_DEFINE_FINAL_TYPE (RapportAssignment, rapport_assignment, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-assignment-error-quark, rapport_assignment_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_FACILITY,
  PROP_UNIT,
  PROP_CITY,
  PROP_REGION,
  PROP_COUNTRY,
  PROP_TZ,
  PROP_STARTS_ON,
  PROP_ENDS_ON,
  PROP_AGENCY,
  PROP_NOTES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text fields in the order validation reports them. */
static const struct
{
  gsize       offset;
  const char *label;
  gboolean    multi_line;
} text_fields[] = {
  { G_STRUCT_OFFSET (RapportAssignment, facility),  N_("Facility"),   FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, unit),      N_("Unit"),       FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, city),      N_("City"),       FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, region),    N_("Region"),     FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, country),   N_("Country"),    FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, tz),        N_("Time Zone"),  FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, starts_on), N_("Start Date"), FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, ends_on),   N_("End Date"),   FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, agency),    N_("Agency"),     FALSE },
  { G_STRUCT_OFFSET (RapportAssignment, notes),     N_("Notes"),      TRUE },
};

static gboolean
set_string (RapportAssignment  *self,
            char              **field,
            const char         *value,
            guint               prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

/* Joins the non-blank parts with separator. */
static char *
join_parts (const char  *separator,
            const char **parts,
            guint        n_parts)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (part[0] == '\0')
        continue;

      if (joined->len > 0)
        g_string_append (joined, separator);
      g_string_append (joined, part);
    }

  return g_string_free (joined, FALSE);
}

static void
rapport_assignment_finalize (GObject *object)
{
  RapportAssignment *self = (RapportAssignment *) object;

  g_clear_pointer (&self->facility, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->tz, g_free);
  g_clear_pointer (&self->starts_on, g_free);
  g_clear_pointer (&self->ends_on, g_free);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (rapport_assignment_parent_class)->finalize (object);
}

static void
rapport_assignment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportAssignment *self = RAPPORT_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_FACILITY:
      g_value_set_string (value, self->facility);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;

    case PROP_TZ:
      g_value_set_string (value, self->tz);
      break;

    case PROP_STARTS_ON:
      g_value_set_string (value, self->starts_on);
      break;

    case PROP_ENDS_ON:
      g_value_set_string (value, self->ends_on);
      break;

    case PROP_AGENCY:
      g_value_set_string (value, self->agency);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportAssignment *self = RAPPORT_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_assignment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_FACILITY:
      rapport_assignment_set_facility (self, g_value_get_string (value));
      break;

    case PROP_UNIT:
      rapport_assignment_set_unit (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      rapport_assignment_set_city (self, g_value_get_string (value));
      break;

    case PROP_REGION:
      rapport_assignment_set_region (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      rapport_assignment_set_country (self, g_value_get_string (value));
      break;

    case PROP_TZ:
      rapport_assignment_set_tz (self, g_value_get_string (value));
      break;

    case PROP_STARTS_ON:
      rapport_assignment_set_starts_on (self, g_value_get_string (value));
      break;

    case PROP_ENDS_ON:
      rapport_assignment_set_ends_on (self, g_value_get_string (value));
      break;

    case PROP_AGENCY:
      rapport_assignment_set_agency (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      rapport_assignment_set_notes (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      rapport_assignment_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_assignment_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_assignment_class_init (RapportAssignmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_assignment_finalize;
  object_class->get_property = rapport_assignment_get_property;
  object_class->set_property = rapport_assignment_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FACILITY] =
    g_param_spec_string ("facility", NULL, NULL, "", flags);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, "", flags);
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, "", flags);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, "", flags);
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, "", flags);
  /* The default depends on the machine; "UTC" is what a spec can say. */
  properties[PROP_TZ] =
    g_param_spec_string ("tz", NULL, NULL, "UTC", flags);
  properties[PROP_STARTS_ON] =
    g_param_spec_string ("starts-on", NULL, NULL, "", flags);
  properties[PROP_ENDS_ON] =
    g_param_spec_string ("ends-on", NULL, NULL, "", flags);
  properties[PROP_AGENCY] =
    g_param_spec_string ("agency", NULL, NULL, "", flags);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_assignment_init (RapportAssignment *self)
{
  self->facility = g_strdup ("");
  self->unit = g_strdup ("");
  self->city = g_strdup ("");
  self->region = g_strdup ("");
  self->country = g_strdup ("");
  self->tz = rapport_dup_default_tz ();
  self->starts_on = g_strdup ("");
  self->ends_on = g_strdup ("");
  self->agency = g_strdup ("");
  self->notes = g_strdup ("");
}

RapportAssignment *
rapport_assignment_new (const char *facility)
{
  return g_object_new (RAPPORT_TYPE_ASSIGNMENT,
                       "facility", facility ? facility : "",
                       NULL);
}

RapportAssignment *
rapport_assignment_dup (RapportAssignment *self)
{
  RapportAssignment *copy;

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  copy = g_object_new (RAPPORT_TYPE_ASSIGNMENT, NULL);
  copy->id = self->id;
  rapport_assignment_assign (copy, self);

  return copy;
}

void
rapport_assignment_assign (RapportAssignment *self,
                           RapportAssignment *other)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (other));

  if (self == other)
    return;

  /* Setters return early when unchanged, so only real changes are notified, after all fields
   * hold their new values. */
  g_object_freeze_notify (G_OBJECT (self));

  rapport_assignment_set_facility (self, other->facility);
  rapport_assignment_set_unit (self, other->unit);
  rapport_assignment_set_city (self, other->city);
  rapport_assignment_set_region (self, other->region);
  rapport_assignment_set_country (self, other->country);
  rapport_assignment_set_tz (self, other->tz);
  rapport_assignment_set_starts_on (self, other->starts_on);
  rapport_assignment_set_ends_on (self, other->ends_on);
  rapport_assignment_set_agency (self, other->agency);
  rapport_assignment_set_notes (self, other->notes);
  rapport_assignment_set_created_at (self, other->created_at);
  rapport_assignment_set_updated_at (self, other->updated_at);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
rapport_assignment_get_id (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), 0);

  return self->id;
}

void
rapport_assignment_set_id (RapportAssignment *self,
                           gint64             id)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_assignment_get_facility (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->facility;
}

void
rapport_assignment_set_facility (RapportAssignment *self,
                                 const char        *facility)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->facility, facility, PROP_FACILITY);
}

const char *
rapport_assignment_get_unit (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->unit;
}

void
rapport_assignment_set_unit (RapportAssignment *self,
                             const char        *unit)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->unit, unit, PROP_UNIT);
}

const char *
rapport_assignment_get_city (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->city;
}

void
rapport_assignment_set_city (RapportAssignment *self,
                             const char        *city)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->city, city, PROP_CITY);
}

const char *
rapport_assignment_get_region (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->region;
}

void
rapport_assignment_set_region (RapportAssignment *self,
                               const char        *region)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->region, region, PROP_REGION);
}

const char *
rapport_assignment_get_country (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->country;
}

void
rapport_assignment_set_country (RapportAssignment *self,
                                const char        *country)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->country, country, PROP_COUNTRY);
}

const char *
rapport_assignment_get_tz (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->tz;
}

void
rapport_assignment_set_tz (RapportAssignment *self,
                           const char        *tz)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->tz, tz, PROP_TZ);
}

const char *
rapport_assignment_get_starts_on (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->starts_on;
}

void
rapport_assignment_set_starts_on (RapportAssignment *self,
                                  const char        *starts_on)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->starts_on, starts_on, PROP_STARTS_ON);
}

const char *
rapport_assignment_get_ends_on (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->ends_on;
}

void
rapport_assignment_set_ends_on (RapportAssignment *self,
                                const char        *ends_on)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->ends_on, ends_on, PROP_ENDS_ON);
}

const char *
rapport_assignment_get_agency (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->agency;
}

void
rapport_assignment_set_agency (RapportAssignment *self,
                               const char        *agency)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->agency, agency, PROP_AGENCY);
}

const char *
rapport_assignment_get_notes (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  return self->notes;
}

void
rapport_assignment_set_notes (RapportAssignment *self,
                              const char        *notes)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  set_string (self, &self->notes, notes, PROP_NOTES);
}

gint64
rapport_assignment_get_created_at (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), 0);

  return self->created_at;
}

void
rapport_assignment_set_created_at (RapportAssignment *self,
                                   gint64             created_at)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_assignment_get_updated_at (RapportAssignment *self)
{
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), 0);

  return self->updated_at;
}

void
rapport_assignment_set_updated_at (RapportAssignment *self,
                                   gint64             updated_at)
{
  g_return_if_fail (RAPPORT_IS_ASSIGNMENT (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

char *
rapport_assignment_dup_title (RapportAssignment *self)
{
  const char *parts[2];

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  parts[0] = self->facility;
  parts[1] = self->unit;

  return join_parts (" · ", parts, G_N_ELEMENTS (parts));
}

char *
rapport_assignment_dup_place (RapportAssignment *self)
{
  const char *parts[3];

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  parts[0] = self->city;
  parts[1] = self->region;
  parts[2] = self->country;

  /* Translators: the separator between city, region and country */
  return join_parts (_(", "), parts, G_N_ELEMENTS (parts));
}

gboolean
rapport_assignment_is_current_at (RapportAssignment *self,
                                  GDateTime         *now)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  char today[16];
  int year;
  int month;
  int day;

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->starts_on[0] == '\0' && self->ends_on[0] == '\0')
    return FALSE;

  /* The dates are the ones on the calendar where the work happens, not where the laptop is. */
  zone = self->tz[0] != '\0' ? rapport_time_zone_lookup (self->tz)
                             : g_time_zone_new_identifier (self->tz);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  local_now = g_date_time_to_timezone (now, zone);
  if (local_now == NULL)
    return FALSE;

  g_date_time_get_ymd (local_now, &year, &month, &day);
  g_snprintf (today, sizeof today, "%04d-%02d-%02d", year, month, day);

  /* Zero-padded YYYY-MM-DD strings sort like the dates they name. */
  if (self->starts_on[0] != '\0' && strcmp (today, self->starts_on) < 0)
    return FALSE;

  if (self->ends_on[0] != '\0' && strcmp (today, self->ends_on) > 0)
    return FALSE;

  return TRUE;
}

gboolean
rapport_assignment_validate (RapportAssignment  *self,
                             GError            **error)
{
  RapportTextField fields[G_N_ELEMENTS (text_fields)];
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rapport_text_is_blank (self->facility))
    {
      g_set_error_literal (error, RAPPORT_ASSIGNMENT_ERROR,
                           RAPPORT_ASSIGNMENT_ERROR_FACILITY_REQUIRED,
                           _("Enter the facility, such as the hospital or clinic"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      fields[i].value = G_STRUCT_MEMBER (const char *, self, text_fields[i].offset);
      fields[i].label = text_fields[i].label;
      fields[i].multi_line = text_fields[i].multi_line;
    }

  if (!rapport_text_check_fields (fields, G_N_ELEMENTS (fields), RAPPORT_ASSIGNMENT_ERROR,
                                  RAPPORT_ASSIGNMENT_ERROR_TOO_LONG,
                                  RAPPORT_ASSIGNMENT_ERROR_INVALID_TEXT, error))
    return FALSE;

  if (self->tz[0] != '\0')
    zone = rapport_time_zone_lookup (self->tz);
  if (zone == NULL)
    {
      g_set_error_literal (error, RAPPORT_ASSIGNMENT_ERROR,
                           RAPPORT_ASSIGNMENT_ERROR_INVALID_TIME_ZONE,
                           _("The time zone is not known. Choose a zone such as "
                             "“America/Denver”."));
      return FALSE;
    }

  if (self->starts_on[0] != '\0'
      && !rapport_text_parse_iso_date (self->starts_on, NULL, NULL, NULL))
    {
      g_set_error_literal (error, RAPPORT_ASSIGNMENT_ERROR, RAPPORT_ASSIGNMENT_ERROR_INVALID_DATE,
                           _("The start date is not a date. Use YYYY-MM-DD, or leave it empty."));
      return FALSE;
    }

  if (self->ends_on[0] != '\0'
      && !rapport_text_parse_iso_date (self->ends_on, NULL, NULL, NULL))
    {
      g_set_error_literal (error, RAPPORT_ASSIGNMENT_ERROR, RAPPORT_ASSIGNMENT_ERROR_INVALID_DATE,
                           _("The end date is not a date. Use YYYY-MM-DD, or leave it empty."));
      return FALSE;
    }

  if (self->starts_on[0] != '\0' && self->ends_on[0] != '\0'
      && strcmp (self->ends_on, self->starts_on) < 0)
    {
      g_set_error_literal (error, RAPPORT_ASSIGNMENT_ERROR,
                           RAPPORT_ASSIGNMENT_ERROR_ENDS_BEFORE_START,
                           _("The assignment ends before it starts. Check the start and end "
                             "dates."));
      return FALSE;
    }

  return TRUE;
}

static GDateTime *
parse_date (const char *text)
{
  int year, month, day;

  if (!rapport_local_time_parse_date (text, &year, &month, &day))
    return NULL;

  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

char *
rapport_assignment_dup_dates (RapportAssignment *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  const char *full_format;

  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (self), NULL);

  start = parse_date (rapport_assignment_get_starts_on (self));
  end = parse_date (rapport_assignment_get_ends_on (self));

  /* Translators: a date in a assignment's date range, e.g. "3 April 2027"; see g_date_time_format()
   * for the codes, and reorder them as your language writes dates. */
  full_format = _("%-d %B %Y");

  if (start != NULL && end != NULL)
    {
      if (g_date_time_get_year (start) == g_date_time_get_year (end))
        /* Translators: the first date of a range within one year, e.g. "12 January" (the year
         * follows the second date); see g_date_time_format() for the codes. */
        start_text = g_date_time_format (start, _("%-d %B"));
      else
        start_text = g_date_time_format (start, full_format);
      end_text = g_date_time_format (end, full_format);

      /* Translators: a date range, e.g. "12 January – 3 April 2027" */
      return g_strdup_printf (_("%s – %s"), start_text, end_text);
    }

  if (start != NULL)
    {
      start_text = g_date_time_format (start, full_format);
      /* Translators: an assignment with only a start date, e.g. "From 12 January 2027" */
      return g_strdup_printf (_("From %s"), start_text);
    }

  if (end != NULL)
    {
      end_text = g_date_time_format (end, full_format);
      /* Translators: an assignment with only an end date, e.g. "Until 3 April 2027" */
      return g_strdup_printf (_("Until %s"), end_text);
    }

  return NULL;
}
