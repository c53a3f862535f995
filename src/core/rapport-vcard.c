/* rapport-vcard.c
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

#define G_LOG_DOMAIN "rapport-vcard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-vcard.h"
#include "rapport-text-private.h"

/* Hostile input is bounded: nothing here grows faster than the bytes it reads. */
#define MAX_PROPERTIES_PER_CARD 10000
#define MAX_CARDS_PER_FILE      100000
#define MAX_LINE_LENGTH         (10 * 1024 * 1024)
#define FOLD_OCTETS             75

/* What Rapport does with a property, decided once from its name. */
typedef enum
{
  KIND_OTHER,
  /* Modelled: a re-export writes these from the colleague. */
  KIND_BEGIN,
  KIND_END,
  KIND_VERSION,
  KIND_FN,
  KIND_N,
  KIND_ORG,
  KIND_TITLE,
  KIND_ROLE,
  KIND_BDAY,
  KIND_PHOTO,
  KIND_NOTE,
  KIND_CATEGORIES,
  KIND_REV,
  KIND_UID,
  KIND_PRODID,
  KIND_SPECIALTY,
  KIND_RAPPORT_MESSAGING,
  /* Only the first of each is modelled; the others come back verbatim. */
  KIND_TEL,
  KIND_EMAIL,
  KIND_MESSAGING,
} PropertyKind;

#define KIND_IS_MODELLED(kind)   ((kind) >= KIND_BEGIN && (kind) <= KIND_RAPPORT_MESSAGING)
#define KIND_IS_FIRST_ONLY(kind) ((kind) >= KIND_TEL)
#define KIND_IS_MESSAGING(kind)  ((kind) == KIND_MESSAGING || (kind) == KIND_RAPPORT_MESSAGING)

typedef struct
{
  const char *key;       /* upper case */
  const char *value;     /* unquoted */
} Param;

/* One allocation per property: the struct, its parameters and a copy of the line, cut into
 * pieces in place. Cards have tens of thousands of properties; this is the parser's hot path. */
typedef struct
{
  const char   *group;    /* "" when ungrouped; as written */
  const char   *name;     /* upper case */
  PropertyKind  kind;
  guint         n_params;
  Param        *params;   /* bare 2.1 values as TYPE, or ENCODING for an encoding */
  char         *value;    /* still encoded and escaped */
  gsize         value_length;
} Property;

typedef struct
{
  guint             number;
  GString          *raw;
  GPtrArray        *properties;
  gboolean          too_many;
  gboolean          line_too_long;   /* a line over MAX_LINE_LENGTH was left out */
} Card;

/* Properties Rapport reads into fields; a re-export writes these from the colleague. Fields a
 * vCard has no property for travel as X-RAPPORT-SPECIALTY, X-RAPPORT-MESSAGING (messaging that is
 * not a URI for IMPP) and NOTE;X-RAPPORT=interests, so a round trip loses nothing. Sorted by name
 * for bsearch. */
static const struct
{
  const char   *name;
  PropertyKind  kind;
} known_names[] = {
  { "BDAY", KIND_BDAY },
  { "BEGIN", KIND_BEGIN },
  { "CATEGORIES", KIND_CATEGORIES },
  { "EMAIL", KIND_EMAIL },
  { "END", KIND_END },
  { "FN", KIND_FN },
  { "IMPP", KIND_MESSAGING },
  { "N", KIND_N },
  { "NOTE", KIND_NOTE },
  { "ORG", KIND_ORG },
  { "PHOTO", KIND_PHOTO },
  { "PRODID", KIND_PRODID },
  { "REV", KIND_REV },
  { "ROLE", KIND_ROLE },
  { "TEL", KIND_TEL },
  { "TITLE", KIND_TITLE },
  { "UID", KIND_UID },
  { "VERSION", KIND_VERSION },
  { "X-AIM", KIND_MESSAGING },
  { "X-GOOGLE-TALK", KIND_MESSAGING },
  { "X-GTALK", KIND_MESSAGING },
  { "X-ICQ", KIND_MESSAGING },
  { "X-JABBER", KIND_MESSAGING },
  { "X-MSN", KIND_MESSAGING },
  { "X-RAPPORT-MESSAGING", KIND_RAPPORT_MESSAGING },
  { "X-RAPPORT-SPECIALTY", KIND_SPECIALTY },
  { "X-SKYPE", KIND_MESSAGING },
  { "X-SKYPE-USERNAME", KIND_MESSAGING },
  { "X-YAHOO", KIND_MESSAGING },
};

static void
property_free (Property *property)
{
  g_free (property);
}

static void
card_free (Card *card)
{
  g_string_free (card->raw, TRUE);
  g_ptr_array_unref (card->properties);
  g_free (card);
}

/* name is upper case already. */
static PropertyKind
kind_for_name (const char *name)
{
  gsize low = 0;
  gsize high = G_N_ELEMENTS (known_names);

  while (low < high)
    {
      gsize middle = (low + high) / 2;
      int order = strcmp (name, known_names[middle].name);

      if (order == 0)
        return known_names[middle].kind;
      if (order < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return KIND_OTHER;
}

static void
ascii_up_in_place (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);
}

/* Where the parameters of "NAME;P=V;P2:value" end (at the colon or the end), honouring quoted
 * values, and how many non-empty parameters there are. name_end is at the first ';' or ':'. */
static const char *
scan_params (const char *name_end,
             const char *end,
             guint      *n_params)
{
  const char *p = name_end;

  *n_params = 0;
  while (p < end && *p == ';')
    {
      const char *start = ++p;
      gboolean quoted = FALSE;

      while (p < end && (quoted || (*p != ';' && *p != ':')))
        {
          if (*p == '"')
            quoted = !quoted;
          p++;
        }

      if (p > start)
        (*n_params)++;
    }

  return p;
}

static void
property_add_param (Property *property,
                    char     *param)
{
  Param *added = &property->params[property->n_params++];
  char *equals = strchr (param, '=');
  char *value;
  gsize length;

  if (equals == NULL)
    {
      if (g_ascii_strcasecmp (param, "QUOTED-PRINTABLE") == 0
          || g_ascii_strcasecmp (param, "BASE64") == 0)
        {
          ascii_up_in_place (param);
          added->key = "ENCODING";
        }
      else
        {
          added->key = "TYPE";
        }
      value = param;
    }
  else
    {
      *equals = '\0';
      ascii_up_in_place (param);
      added->key = param;
      value = equals + 1;
    }

  length = strlen (value);
  if (length >= 2 && value[0] == '"' && value[length - 1] == '"')
    {
      value[length - 1] = '\0';
      value++;
    }
  added->value = value;
}

/* Splits "group.NAME;P=V;P2:value" honouring quoted parameter values. NULL when not a property. */
static Property *
property_parse (const char *line,
                gsize       length)
{
  const char *end = line + length;
  const char *p = line;
  const char *dot = NULL;
  const char *params_end;
  Property *property;
  guint n_params;
  char *copy;
  char *q;
  char *copy_end;
  char separator;

  while (p < end && *p != ';' && *p != ':')
    {
      if (*p == '.' && dot == NULL)
        dot = p;
      p++;
    }

  if (p == end || p == line)
    return NULL;

  params_end = scan_params (p, end, &n_params);

  property = g_malloc (sizeof (Property) + n_params * sizeof (Param) + length + 1);
  property->params = (Param *) (property + 1);
  property->n_params = 0;
  copy = (char *) (property->params + n_params);
  memcpy (copy, line, length);
  copy[length] = '\0';
  copy_end = copy + length;

  if (dot != NULL)
    {
      copy[dot - line] = '\0';
      property->group = copy;
      property->name = copy + (dot - line) + 1;
    }
  else
    {
      property->group = "";
      property->name = copy;
    }

  q = copy + (p - line);
  separator = *q;
  *q = '\0';
  ascii_up_in_place ((char *) property->name);
  property->kind = kind_for_name (property->name);

  while (q < copy_end && separator == ';')
    {
      char *start = ++q;
      gboolean quoted = FALSE;

      while (q < copy_end && (quoted || (*q != ';' && *q != ':')))
        {
          if (*q == '"')
            quoted = !quoted;
          q++;
        }

      separator = *q;
      *q = '\0';
      if (q > start)
        property_add_param (property, start);
    }

  /* scan_params walked the same bytes: the parameters fit the room made for them. */
  g_warn_if_fail (q - copy == params_end - line && property->n_params == n_params);

  if (q < copy_end && separator == ':')
    q++;

  property->value = q;
  property->value_length = copy_end - q;

  return property;
}

/* The value of the first parameter key (upper case), unquoted, or NULL. */
static const char *
property_get_param (Property   *property,
                    const char *key)
{
  for (guint i = 0; i < property->n_params; i++)
    if (strcmp (property->params[i].key, key) == 0)
      return property->params[i].value;

  return NULL;
}

static gboolean
property_has_param_value (Property   *property,
                          const char *key,
                          const char *value)
{
  const char *found = property_get_param (property, key);

  return found != NULL && g_ascii_strcasecmp (found, value) == 0;
}

static gboolean
property_is_quoted_printable (Property *property)
{
  return property_has_param_value (property, "ENCODING", "QUOTED-PRINTABLE");
}

/* Whether a CHARSET parameter names something other than UTF-8. */
static gboolean
property_has_foreign_charset (Property *property)
{
  const char *charset = property_get_param (property, "CHARSET");

  return charset != NULL
      && g_ascii_strcasecmp (charset, "UTF-8") != 0
      && g_ascii_strcasecmp (charset, "UTF8") != 0;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static GByteArray *
decode_quoted_printable (const char *value)
{
  GByteArray *bytes = g_byte_array_new ();

  for (const char *p = value; *p != '\0'; p++)
    {
      guint8 byte = (guint8) *p;

      if (*p == '=')
        {
          int high = p[1] != '\0' ? hex_value (p[1]) : -1;
          int low = high >= 0 && p[2] != '\0' ? hex_value (p[2]) : -1;

          if (high >= 0 && low >= 0)
            {
              byte = (guint8) (high * 16 + low);
              p += 2;
            }
          else if (p[1] == '\0')
            {
              break;
            }
        }

      /* NUL cannot be kept in text. */
      if (byte != 0)
        g_byte_array_append (bytes, &byte, 1);
    }

  return bytes;
}

/* The value as UTF-8 text, still escaped; NULL with *problem set when its character set is
 * unknown. Plain UTF-8 (nearly every value) is returned as it is, without a copy: *owned is what
 * the caller frees. */
static const char *
property_decode_text (Property  *property,
                      guint      card,
                      char     **problem,
                      char     **owned)
{
  g_autoptr(GByteArray) bytes = NULL;
  const char *charset;
  gboolean quoted_printable = property_is_quoted_printable (property);
  gboolean foreign = property_has_foreign_charset (property);

  *owned = NULL;

  if (!quoted_printable && !foreign)
    {
      if (property->value_length == 0 || g_utf8_validate_len (property->value,
                                                             property->value_length, NULL))
        return property->value;

      return *owned = g_utf8_make_valid (property->value, property->value_length);
    }

  if (quoted_printable)
    bytes = decode_quoted_printable (property->value);
  else
    bytes = g_byte_array_append (g_byte_array_new (), (const guint8 *) property->value,
                                 property->value_length);

  charset = property_get_param (property, "CHARSET");
  if (foreign)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *converted = NULL;
      gsize written = 0;

      if (bytes->len == 0)
        return *owned = g_strdup ("");

      converted = g_convert ((const char *) bytes->data, bytes->len, "UTF-8", charset,
                             NULL, &written, &error);
      if (converted != NULL)
        return *owned = g_utf8_make_valid (converted, written);

      /* Bytes the character set does not allow are repaired below; a character set iconv
       * cannot open (reported as NO_CONVERSION or FAILED, depending on errno) skips the card. */
      if (!g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE)
          && !g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
        {
          /* The name comes from the file: it may not be text at all. */
          if (*problem == NULL)
            {
              g_autofree char *shown = g_utf8_make_valid (charset, -1);

              *problem = g_strdup_printf (_("Card %u uses the unknown character set “%s”. Save "
                                            "the file as UTF-8 and import it again."),
                                          card, shown);
            }
          return NULL;
        }
    }

  if (bytes->len == 0)
    return *owned = g_strdup ("");

  return *owned = g_utf8_make_valid ((const char *) bytes->data, bytes->len);
}

static char *
unescape (const char *text,
          gsize       length)
{
  GString *out;

  /* Most values have nothing to unescape. */
  if (memchr (text, '\\', length) == NULL && memchr (text, '\r', length) == NULL)
    return g_strndup (text, length);

  out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length)
        {
          char next = text[++i];

          if (next == 'n' || next == 'N')
            g_string_append_c (out, '\n');
          else
            g_string_append_c (out, next);
        }
      else if (text[i] != '\r')
        {
          g_string_append_c (out, text[i]);
        }
    }

  return g_string_free (out, FALSE);
}

/* Where the structured component starting at text ends: at an unescaped semicolon or the end. */
static const char *
component_end (const char *text)
{
  const char *p = text;

  for (;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }

      if (*p == ';' || *p == '\0')
        return p;
    }
}

static char *
dup_component (const char *start,
               const char *end)
{
  char *component = unescape (start, end - start);

  return g_strstrip (component);
}

/* Components of a structured value (N, ORG), split at unescaped semicolons, each unescaped. */
static GStrv
split_structured (const char *text)
{
  GPtrArray *parts = g_ptr_array_sized_new (6);
  const char *start = text;

  for (;;)
    {
      const char *end = component_end (start);

      g_ptr_array_add (parts, dup_component (start, end));
      if (*end == '\0')
        break;
      start = end + 1;
    }

  g_ptr_array_add (parts, NULL);

  return (GStrv) g_ptr_array_free (parts, FALSE);
}

static char *
name_from_n (const char *value)
{
  g_auto(GStrv) parts = split_structured (value);
  /* Prefix Given Middle Family Suffix */
  static const guint order[] = { 3, 1, 2, 0, 4 };
  GString *name = g_string_new (NULL);
  guint n_parts = g_strv_length (parts);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] >= n_parts || parts[order[i]][0] == '\0')
        continue;

      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, parts[order[i]]);
    }

  return g_strstrip (g_string_free (name, FALSE));
}

/* "--04-12", "1985-04-12", or NULL. */
static char *
parse_birthday (Property   *property,
                const char *value)
{
  g_autofree char *digits = NULL;
  const char *omit;
  g_autofree char *normalized = NULL;
  g_autofree char *candidate = NULL;
  GString *kept = g_string_new (NULL);
  gboolean year_less = g_str_has_prefix (value, "--");
  gsize length;

  /* Time parts ("T000000Z") follow the date in some exports. */
  for (const char *p = value; *p != '\0' && *p != 'T' && *p != 't'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (kept, *p);
  digits = g_string_free (kept, FALSE);
  length = strlen (digits);

  if (year_less && length == 4)
    candidate = g_strdup_printf ("--%.2s-%.2s", digits, digits + 2);
  else if (!year_less && length == 8)
    candidate = g_strdup_printf ("%.4s-%.2s-%.2s", digits, digits + 4, digits + 6);
  else
    return NULL;

  if (!year_less && (omit = property_get_param (property, "X-APPLE-OMIT-YEAR")) != NULL
      && strncmp (omit, digits, 4) == 0)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("--%.2s-%.2s", digits + 4, digits + 6);
    }

  if (!rapport_validate_birthday (candidate, &normalized))
    return NULL;

  return g_steal_pointer (&normalized);
}

/* Decodes in place: the property is not needed afterwards. */
static GBytes *
parse_photo (Property *property)
{
  const char *encoding = property_get_param (property, "ENCODING");
  char *data = property->value;
  gsize data_length = property->value_length;
  gsize length = 0;
  int state = 0;
  guint save = 0;

  if (g_ascii_strncasecmp (data, "data:", 5) == 0)
    {
      const char *comma = strchr (data, ',');

      if (comma == NULL || g_strstr_len (data, comma - data, ";base64") == NULL)
        return NULL;
      data_length -= comma + 1 - data;
      data = (char *) comma + 1;
    }
  else if (encoding == NULL
           || (g_ascii_strcasecmp (encoding, "b") != 0
               && g_ascii_strcasecmp (encoding, "BASE64") != 0))
    {
      return NULL;   /* a link to a picture elsewhere */
    }

  /* base64 grows by 4/3: anything longer is over the limit before decoding. */
  if (data_length > (RAPPORT_MAX_PHOTO_SIZE / 3 + 2) * 4 + RAPPORT_MAX_PHOTO_SIZE / 16)
    return NULL;

  /* What g_base64_decode_inplace does, without its refusal of one-character input. */
  length = g_base64_decode_step (data, data_length, (guchar *) data, &state, &save);
  if (length == 0 || length > RAPPORT_MAX_PHOTO_SIZE)
    return NULL;

  return g_bytes_new (data, length);
}

/* The phone as rapport_validate_phone accepts it: tel: URIs and stray characters removed. */
static char *
clean_phone (const char *value)
{
  const char *p = value;
  GString *out = g_string_new (NULL);

  if (g_ascii_strncasecmp (p, "tel:", 4) == 0)
    p += 4;

  for (; *p != '\0'; p++)
    {
      if (*p == ';')
        {
          if (g_ascii_strncasecmp (p, ";ext=", 5) == 0)
            {
              g_string_append (out, " ext ");
              p += 4;
              continue;
            }
          break;
        }
      g_string_append_c (out, *p);
    }

  g_strstrip (out->str);
  if (!rapport_validate_phone (out->str))
    {
      GString *digits = g_string_new (NULL);

      for (p = out->str; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 0))
          g_string_append_c (digits, *p);
      g_string_free (out, TRUE);
      return g_string_free (digits, FALSE);
    }

  return g_string_free (out, FALSE);
}

/* Another program's value for a one-line field, cleaned in place rather than refused: a name with
 * a line break or a text-direction character would otherwise cost the whole contact. */
static void
make_one_line (char **value)
{
  char *line;

  if (*value == NULL)
    return;

  line = rapport_text_dup_one_line (*value);
  g_free (*value);
  *value = line;
}

static RapportColleague *
card_to_colleague (Card  *card,
                   char **problem)
{
  g_autoptr(RapportColleague) colleague = rapport_colleague_new (NULL);
  g_autofree char *fn = NULL;
  g_autofree char *n = NULL;
  g_autofree char *org = NULL;
  g_autofree char *title = NULL;
  g_autofree char *role = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *note = NULL;
  g_autofree char *interests = NULL;
  g_autofree char *messaging = NULL;
  g_autofree char *specialty = NULL;
  g_autoptr(GBytes) photo = NULL;

  for (guint i = 0; i < card->properties->len; i++)
    {
      Property *property = g_ptr_array_index (card->properties, i);
      PropertyKind kind = property->kind;
      g_autofree char *owned = NULL;
      g_autofree char *value = NULL;
      const char *text;
      gboolean is_interests = FALSE;
      gboolean wanted;

      if (kind == KIND_PHOTO)
        {
          if (photo == NULL)
            photo = parse_photo (property);
          continue;
        }

      if (kind == KIND_OTHER)
        continue;

      /* Whether the value would be kept: the first of each, and for a birthday the first that
       * reads as one. */
      switch (kind)
        {
        case KIND_N:
          wanted = n == NULL;
          break;
        case KIND_ORG:
          wanted = org == NULL;
          break;
        case KIND_FN:
          wanted = fn == NULL;
          break;
        case KIND_TITLE:
          wanted = title == NULL;
          break;
        case KIND_ROLE:
          wanted = role == NULL;
          break;
        case KIND_TEL:
          wanted = phone == NULL;
          break;
        case KIND_EMAIL:
          wanted = email == NULL;
          break;
        case KIND_BDAY:
          wanted = birthday == NULL;
          break;
        case KIND_SPECIALTY:
          wanted = specialty == NULL;
          break;
        case KIND_MESSAGING:
        case KIND_RAPPORT_MESSAGING:
          wanted = messaging == NULL;
          break;
        case KIND_NOTE:
          is_interests = property_has_param_value (property, "X-RAPPORT", "interests");
          wanted = is_interests ? interests == NULL : note == NULL;
          break;
        case KIND_OTHER:
        case KIND_BEGIN:
        case KIND_END:
        case KIND_VERSION:
        case KIND_PHOTO:
        case KIND_CATEGORIES:
        case KIND_REV:
        case KIND_UID:
        case KIND_PRODID:
        default:
          wanted = FALSE;
          break;
        }

      /* A value not kept is still decoded when it names a character set: one that cannot be
       * read skips the card, wherever it is. Only such a value can fail to decode. */
      if (!wanted && !property_has_foreign_charset (property))
        continue;

      text = property_decode_text (property, card->number, problem, &owned);
      if (text == NULL)
        return NULL;

      if (!wanted)
        continue;

      if (kind == KIND_N)
        {
          n = name_from_n (text);
          continue;
        }

      /* The organisation's name; its units follow. */
      if (kind == KIND_ORG)
        {
          org = dup_component (text, component_end (text));
          continue;
        }

      value = unescape (text, strlen (text));
      g_strstrip (value);

      if (value[0] == '\0')
        continue;

      switch (kind)
        {
        case KIND_FN:
          fn = g_steal_pointer (&value);
          break;
        case KIND_TITLE:
          title = g_steal_pointer (&value);
          break;
        case KIND_ROLE:
          role = g_steal_pointer (&value);
          break;
        case KIND_TEL:
          phone = clean_phone (value);
          break;
        case KIND_EMAIL:
          email = g_steal_pointer (&value);
          break;
        case KIND_BDAY:
          birthday = parse_birthday (property, value);
          break;
        case KIND_SPECIALTY:
          specialty = g_steal_pointer (&value);
          break;
        case KIND_MESSAGING:
        case KIND_RAPPORT_MESSAGING:
          messaging = g_steal_pointer (&value);
          break;
        case KIND_NOTE:
          if (is_interests)
            interests = g_steal_pointer (&value);
          else
            note = g_steal_pointer (&value);
          break;
        case KIND_OTHER:
        case KIND_BEGIN:
        case KIND_END:
        case KIND_VERSION:
        case KIND_N:
        case KIND_ORG:
        case KIND_PHOTO:
        case KIND_CATEGORIES:
        case KIND_REV:
        case KIND_UID:
        case KIND_PRODID:
        default:
          break;
        }
    }

  make_one_line (&fn);
  make_one_line (&n);
  make_one_line (&org);
  make_one_line (&title);
  make_one_line (&role);
  make_one_line (&phone);
  make_one_line (&email);
  make_one_line (&messaging);
  make_one_line (&specialty);

  if (fn != NULL && fn[0] != '\0')
    rapport_colleague_set_name (colleague, fn);
  else if (n != NULL && n[0] != '\0')
    rapport_colleague_set_name (colleague, n);
  else if (org != NULL && org[0] != '\0')
    rapport_colleague_set_name (colleague, org);
  else
    {
      *problem = g_strdup_printf (_("Card %u has no name. Add a name to it in the address "
                                    "book and import it again."), card->number);
      return NULL;
    }

  rapport_colleague_set_organization (colleague, org);
  rapport_colleague_set_role (colleague, title != NULL ? title : role);
  rapport_colleague_set_phone (colleague, phone);
  rapport_colleague_set_email (colleague, email);
  rapport_colleague_set_birthday (colleague, birthday);
  rapport_colleague_set_notes (colleague, note);
  rapport_colleague_set_interests (colleague, interests);
  rapport_colleague_set_messaging (colleague, messaging);
  rapport_colleague_set_specialty (colleague, specialty);
  rapport_colleague_set_photo (colleague, photo);
  rapport_colleague_set_raw_vcard (colleague, card->raw->str);

  return g_steal_pointer (&colleague);
}

static void
add_problem (GPtrArray  *problems,
             guint       card,
             const char *reason)
{
  RapportVCardProblem *problem;

  if (problems == NULL)
    return;

  problem = g_new0 (RapportVCardProblem, 1);
  problem->card = card;
  problem->reason = g_strdup (reason);
  g_ptr_array_add (problems, problem);
}

typedef struct
{
  GPtrArray *colleagues;
  GPtrArray *problems;
  Card      *card;
  guint      n_cards;
} ParseState;

static void
finish_card (ParseState *state,
             gboolean    closed)
{
  Card *card = g_steal_pointer (&state->card);
  g_autofree char *problem = NULL;
  RapportColleague *colleague;

  if (card == NULL)
    return;

  if (!closed)
    problem = g_strdup_printf (_("Card %u is not closed (END:VCARD is missing). The file may be "
                                 "cut short; export it again."), card->number);
  else if (card->line_too_long)
    /* Translators: %u is the card's number in the file */
    problem = g_strdup_printf (_("Card %u has a line longer than 10 MB, far more than a contact "
                                 "holds. Remove it in the address book and import the card "
                                 "again."), card->number);
  else if (card->too_many)
    problem = g_strdup_printf (_("Card %u has more than 10,000 lines. Remove what it does not "
                                 "need and import it again."), card->number);

  if (problem == NULL && (colleague = card_to_colleague (card, &problem)) != NULL)
    g_ptr_array_add (state->colleagues, colleague);

  if (problem != NULL)
    add_problem (state->problems, card->number, problem);

  card_free (card);
}

/* The raw text is stored as UTF-8: lines in another character set are converted. */
static void
append_raw_line (GString    *raw,
                 Property   *property,
                 const char *line,
                 gsize       length)
{
  const char *charset;
  g_autofree char *converted = NULL;

  if (g_utf8_validate_len (line, length, NULL))
    {
      g_string_append_len (raw, line, length);
    }
  else
    {
      if ((charset = property_get_param (property, "CHARSET")) != NULL)
        converted = g_convert (line, length, "UTF-8", charset, NULL, NULL, NULL);
      /* iconv's "UTF-8" lets through sequences UTF-8 does not allow (a lead byte F5–F7). */
      if (converted != NULL && !g_utf8_validate (converted, -1, NULL))
        g_clear_pointer (&converted, g_free);
      if (converted == NULL)
        converted = g_utf8_make_valid (line, length);
      g_string_append (raw, converted);
    }

  g_string_append (raw, "\r\n");
}

/* One unfolded line: starts, ends or adds to a card. */
static void
handle_line (ParseState *state,
             const char *line,
             gsize       length)
{
  Property *property;
  gboolean begin, end;

  /* Left by a fold onto an empty line or by dropped NUL bytes: a line kept with a leading
   * space would fold onto its neighbour when the card is written back. */
  while (length > 0 && (*line == ' ' || *line == '\t'))
    {
      line++;
      length--;
    }

  if (length == 0 || length > MAX_LINE_LENGTH)
    return;

  property = property_parse (line, length);
  if (property == NULL)
    return;

  begin = property->kind == KIND_BEGIN && g_ascii_strcasecmp (property->value, "VCARD") == 0;
  end = property->kind == KIND_END && g_ascii_strcasecmp (property->value, "VCARD") == 0;

  if (begin)
    {
      property_free (property);
      finish_card (state, FALSE);

      if (state->n_cards >= MAX_CARDS_PER_FILE)
        return;

      state->card = g_new0 (Card, 1);
      state->card->number = ++state->n_cards;
      state->card->raw = g_string_sized_new (1024);
      g_string_append (state->card->raw, "BEGIN:VCARD\r\n");
      state->card->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
      return;
    }

  if (state->card == NULL)
    {
      property_free (property);
      return;
    }

  if (end)
    {
      property_free (property);
      g_string_append (state->card->raw, "END:VCARD\r\n");
      finish_card (state, TRUE);
      return;
    }

  if (state->card->properties->len >= MAX_PROPERTIES_PER_CARD)
    {
      state->card->too_many = TRUE;
      property_free (property);
      return;
    }

  /* Photos are kept as bytes, not twice; the raw text must stay within the notes limit. */
  if (property->kind != KIND_PHOTO
      && state->card->raw->len + length + 2 + 11 <= RAPPORT_MAX_NOTES_LENGTH)
    {
      append_raw_line (state->card->raw, property, line, length);
    }

  g_ptr_array_add (state->card->properties, property);
}

/* Whether the logical line so far is a quoted-printable value whose soft break joins the next. */
static gboolean
ends_with_soft_break (GString *line,
                      int     *qp,
                      gsize   *scanned)
{
  const char *colon;
  g_autofree char *head = NULL;
  g_autofree char *upper = NULL;

  if (line->len == 0 || line->str[line->len - 1] != '=')
    return FALSE;

  /* Decided once per line, and the search for the colon never rereads bytes, so long joined
   * values stay linear. */
  if (*qp < 0)
    {
      colon = memchr (line->str + *scanned, ':', line->len - *scanned);
      if (colon == NULL)
        {
          *scanned = line->len;
          return FALSE;
        }

      head = g_strndup (line->str, colon - line->str);
      upper = g_ascii_strup (head, -1);
      *qp = strstr (upper, "QUOTED-PRINTABLE") != NULL;
    }

  return *qp == 1;
}

void
rapport_vcard_problem_free (RapportVCardProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->reason);
  g_free (problem);
}

GPtrArray *
rapport_vcard_parse (const char  *data,
                     gsize        length,
                     GPtrArray  **problems)
{
  ParseState state = { 0 };
  g_autoptr(GString) line = g_string_new (NULL);
  const char *p = data;
  const char *end = data + length;
  gboolean too_long = FALSE;
  int qp = -1;
  gsize scanned = 0;
  gboolean has_nul;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* Looked for once, rather than in every line. */
  has_nul = length > 0 && memchr (data, '\0', length) != NULL;

  state.colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  state.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_problem_free);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *next = newline != NULL ? newline + 1 : end;
      const char *stop = newline != NULL ? newline : end;
      gboolean continuation;

      if (stop > p && stop[-1] == '\r')
        stop--;

      continuation = p < stop && (*p == ' ' || *p == '\t');

      /* A soft break wins over folding: its next line is value, spaces included. */
      if (line->len > 0 && ends_with_soft_break (line, &qp, &scanned))
        {
          g_string_truncate (line, line->len - 1);
        }
      else if (continuation && (line->len > 0 || too_long))
        {
          p++;
        }
      else
        {
          if (!too_long)
            handle_line (&state, line->str, line->len);
          g_string_truncate (line, 0);
          too_long = FALSE;
          qp = -1;
          scanned = 0;
        }

      /* NUL bytes end nothing early but cannot be kept in text. */
      if (!too_long && line->len + (stop - p) <= MAX_LINE_LENGTH && !has_nul)
        {
          g_string_append_len (line, p, stop - p);
        }
      else if (!too_long && line->len + (stop - p) <= MAX_LINE_LENGTH)
        {
          for (const char *q = p; q < stop;)
            {
              const char *nul = memchr (q, '\0', stop - q);
              const char *run_end = nul != NULL ? nul : stop;

              g_string_append_len (line, q, run_end - q);
              q = nul != NULL ? nul + 1 : stop;
            }
        }
      else
        {
          /* Left out, and the card with it: a contact without the line would be imported as if
           * it were whole. */
          too_long = TRUE;
          g_string_truncate (line, 0);
          if (state.card != NULL)
            state.card->line_too_long = TRUE;
        }

      p = next;
    }

  if (!too_long)
    handle_line (&state, line->str, line->len);
  finish_card (&state, FALSE);

  if (problems != NULL)
    *problems = g_steal_pointer (&state.problems);
  else
    g_ptr_array_unref (state.problems);

  return state.colleagues;
}

/* Writing */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    escape_comma)
{
  const char *special = escape_comma ? "\\;,\n\r" : "\\;\n\r";

  for (const char *p = text; *p != '\0'; p++)
    {
      /* Runs of plain text at once. */
      gsize run = strcspn (p, special);

      if (run > 0)
        {
          g_string_append_len (out, p, run);
          p += run;
          if (*p == '\0')
            break;
        }

      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, escape_comma ? "\\," : ",");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Folds at 75 octets, never inside a UTF-8 sequence; continuation lines start with a space. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       length)
{
  gsize start = 0;
  gsize limit = FOLD_OCTETS;

  while (length - start > limit)
    {
      gsize cut = start + limit;

      while (cut > start + 1 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;

      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      limit = FOLD_OCTETS - 1;
    }

  g_string_append_len (out, line + start, length - start);
  g_string_append (out, "\r\n");
}

static void
emit (GString    *out,
      GString    *line)
{
  append_folded (out, line->str, line->len);
  g_string_truncate (line, 0);
}

static void
emit_text (GString    *out,
           GString    *line,
           const char *head,
           const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append (line, head);
  g_string_append_c (line, ':');
  append_escaped (line, value, TRUE);
  emit (out, line);
}

static char *
uid_for (RapportColleague *colleague)
{
  g_autofree char *seed = g_strdup_printf ("rapport-colleague:%" G_GINT64_FORMAT,
                                           rapport_colleague_get_id (colleague));
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
  /* A name-based (version 5 style) UUID. */
  char variant = "89ab"[hex_value (hash[16]) & 3];

  return g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s",
                          hash, hash + 8, hash + 13, variant, hash + 17, hash + 20);
}

static const char *
photo_type (GBytes  *photo,
            gboolean upper)
{
  gsize size;
  const guchar *data = g_bytes_get_data (photo, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return upper ? "PNG" : "png";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return upper ? "GIF" : "gif";

  return upper ? "JPEG" : "jpeg";
}

/* The next line of raw text, which separates lines with CRLF (as g_strsplit would cut it):
 * *length is set, and the return value is where the line after it starts, or NULL after the last
 * one (which may be empty). */
static const char *
next_raw_line (const char *line,
               gsize      *length)
{
  const char *crlf = strstr (line, "\r\n");

  if (crlf == NULL)
    {
      *length = strlen (line);
      return NULL;
    }

  *length = crlf - line;
  return crlf + 2;
}

/* Whether the first VERSION line of the raw text says version. */
static gboolean
raw_version_is (const char *raw,
                const char *version)
{
  const char *line = raw;

  while (line != NULL)
    {
      gsize length;
      const char *next = next_raw_line (line, &length);

      if (length >= 8 && g_ascii_strncasecmp (line, "VERSION:", 8) == 0)
        {
          const char *start = line + 8;
          const char *stop = line + length;

          while (start < stop && g_ascii_isspace (*start))
            start++;
          while (stop > start && g_ascii_isspace (stop[-1]))
            stop--;

          return (gsize) (stop - start) == strlen (version)
              && memcmp (start, version, stop - start) == 0;
        }

      line = next;
    }

  return FALSE;
}

typedef struct
{
  const char *line;
  gsize       length;
  Property   *property;
} KeptLine;

static void
kept_line_clear (gpointer data)
{
  KeptLine *kept = data;

  property_free (kept->property);
}

static gboolean
group_in (GPtrArray  *groups,
          const char *group)
{
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (groups, i), group) == 0)
      return TRUE;

  return FALSE;
}

/* Lines of the original card Rapport does not model, as they were. */
static void
emit_unknown (GString             *out,
              RapportColleague    *colleague,
              RapportVCardVersion  version)
{
  const char *raw = rapport_colleague_get_raw_vcard (colleague);
  g_autoptr(GPtrArray) skipped_groups = NULL;
  g_autoptr(GArray) keep = NULL;
  gboolean seen_tel = FALSE, seen_email = FALSE, seen_impp = FALSE;
  gboolean same_version;
  const char *line;

  if (raw[0] == '\0')
    return;

  same_version = raw_version_is (raw, version == RAPPORT_VCARD_VERSION_4_0 ? "4.0" : "3.0");

  for (line = raw; line != NULL;)
    {
      gsize length;
      const char *next = next_raw_line (line, &length);
      Property *property = property_parse (line, length);
      gboolean skip = FALSE;

      if (property == NULL)
        {
          line = next;
          continue;
        }

      if (KIND_IS_MODELLED (property->kind))
        {
          skip = TRUE;
        }
      else if (KIND_IS_FIRST_ONLY (property->kind))
        {
          gboolean *seen = property->kind == KIND_TEL ? &seen_tel
                         : property->kind == KIND_EMAIL ? &seen_email
                         : &seen_impp;

          skip = !*seen;
          *seen = TRUE;
        }

      /* Properties other versions define differently come back only into the same version. */
      if (!skip && !same_version && !g_str_has_prefix (property->name, "X-"))
        skip = TRUE;

      /* 2.1 encodings and character sets mean nothing to a 3.0 or 4.0 reader. */
      if (!skip && !same_version
          && (property_get_param (property, "ENCODING") != NULL
              || property_get_param (property, "CHARSET") != NULL))
        skip = TRUE;

      if (skip)
        {
          if (property->group[0] != '\0' && !group_in (skipped_groups, property->group))
            {
              if (skipped_groups == NULL)
                skipped_groups = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (skipped_groups, g_strdup (property->group));
            }
          property_free (property);
        }
      else
        {
          KeptLine kept = { line, length, property };

          if (keep == NULL)
            {
              keep = g_array_new (FALSE, FALSE, sizeof (KeptLine));
              g_array_set_clear_func (keep, kept_line_clear);
            }
          g_array_append_val (keep, kept);
        }

      line = next;
    }

  for (guint i = 0; keep != NULL && i < keep->len; i++)
    {
      KeptLine *kept = &g_array_index (keep, KeptLine, i);

      if (kept->property->group[0] == '\0' || !group_in (skipped_groups, kept->property->group))
        append_folded (out, kept->line, kept->length);
    }
}

/* The photo in base64, straight into line. */
static void
append_base64 (GString *line,
               GBytes  *photo)
{
  gsize size;
  const guchar *data = g_bytes_get_data (photo, &size);
  gsize start = line->len;
  gsize written;
  int state = 0;
  int save = 0;

  /* The room g_base64_encode_step documents, and the close. */
  g_string_set_size (line, start + (size / 3 + 1) * 4 + 4 + 1);
  written = g_base64_encode_step (data, size, FALSE, line->str + start, &state, &save);
  written += g_base64_encode_close (FALSE, line->str + start + written, &state, &save);
  g_string_truncate (line, start + written);
}

static void
write_card (GString                    *out,
            GString                    *line,
            RapportColleague           *colleague,
            RapportVCardVersion         version,
            RapportVCardWriteFlags      flags,
            RapportVCardCategoriesFunc  categories,
            gpointer                    user_data)
{
  gboolean v4 = version == RAPPORT_VCARD_VERSION_4_0;
  g_autofree char *uid = uid_for (colleague);
  const char *name = rapport_colleague_get_name (colleague);
  const char *birthday = rapport_colleague_get_birthday (colleague);
  const char *messaging = rapport_colleague_get_messaging (colleague);
  const char *last_space;
  GBytes *photo = rapport_colleague_get_photo (colleague);
  gint64 updated = rapport_colleague_get_updated_at (colleague);
  g_autoptr(GDateTime) rev = NULL;
  g_autofree char *rev_text = NULL;
  g_autofree char *given = NULL;
  const char *family;
  gboolean compact = (flags & RAPPORT_VCARD_WRITE_COMPACT) != 0;

  g_string_truncate (line, 0);
  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, v4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");

  if (!compact)
    {
      g_string_append (out, "PRODID:-//Rapport//Rapport//EN\r\n");
      g_string_append (line, "UID:");
      g_string_append (line, uid);
      emit (out, line);
    }

  emit_text (out, line, "FN", name);

  /* The last word is the family name: right for most names, and N is only a hint. */
  last_space = strrchr (name, ' ');
  family = last_space != NULL ? last_space + 1 : name;
  given = last_space != NULL ? g_strndup (name, last_space - name) : g_strdup ("");
  g_string_append (line, "N:");
  append_escaped (line, family, TRUE);
  g_string_append_c (line, ';');
  append_escaped (line, given, TRUE);
  g_string_append (line, ";;;");
  emit (out, line);

  emit_text (out, line, "ORG", rapport_colleague_get_organization (colleague));
  emit_text (out, line, "TITLE", rapport_colleague_get_role (colleague));
  emit_text (out, line, "X-RAPPORT-SPECIALTY", rapport_colleague_get_specialty (colleague));
  /* The text form of TEL: 4.0 allows it, and phones and other readers understand it best. */
  emit_text (out, line, v4 ? "TEL;TYPE=cell" : "TEL;TYPE=CELL",
             rapport_colleague_get_phone (colleague));
  emit_text (out, line, v4 ? "EMAIL;TYPE=work" : "EMAIL;TYPE=INTERNET,WORK",
             rapport_colleague_get_email (colleague));

  if (messaging[0] != '\0')
    emit_text (out, line, strchr (messaging, ':') != NULL ? "IMPP" : "X-RAPPORT-MESSAGING",
               messaging);

  /* 3.0 has no year-less date: Apple's omitted-year form is what address books read back. */
  if (g_str_has_prefix (birthday, "--") && strlen (birthday) == 7)
    {
      if (v4)
        g_string_append_printf (line, "BDAY:--%.2s%.2s", birthday + 2, birthday + 5);
      else
        g_string_append_printf (line, "BDAY;X-APPLE-OMIT-YEAR=1604:1604-%.2s-%.2s",
                                birthday + 2, birthday + 5);
      emit (out, line);
    }
  else if (strlen (birthday) == 10)
    {
      if (v4)
        g_string_append_printf (line, "BDAY:%.4s%.2s%.2s", birthday, birthday + 5, birthday + 8);
      else
        g_string_append_printf (line, "BDAY:%s", birthday);
      emit (out, line);
    }

  if (photo != NULL && !compact)
    {
      if (v4)
        {
          g_string_append (line, "PHOTO:data:image/");
          g_string_append (line, photo_type (photo, FALSE));
          g_string_append (line, ";base64,");
        }
      else
        {
          g_string_append (line, "PHOTO;ENCODING=b;TYPE=");
          g_string_append (line, photo_type (photo, TRUE));
          g_string_append_c (line, ':');
        }
      append_base64 (line, photo);
      emit (out, line);
    }

  if (categories != NULL)
    {
      g_auto(GStrv) names = categories (colleague, user_data);

      if (names != NULL && names[0] != NULL)
        {
          g_string_append (line, "CATEGORIES:");
          for (guint i = 0; names[i] != NULL; i++)
            {
              if (i > 0)
                g_string_append_c (line, ',');
              append_escaped (line, names[i], TRUE);
            }
          emit (out, line);
        }
    }

  if ((flags & RAPPORT_VCARD_WRITE_PERSONAL) != 0)
    {
      emit_text (out, line, "NOTE", rapport_colleague_get_notes (colleague));
      emit_text (out, line, "NOTE;X-RAPPORT=interests",
                 rapport_colleague_get_interests (colleague));
    }

  if (compact)
    {
      g_string_append (out, "END:VCARD\r\n");
      return;
    }

  emit_unknown (out, colleague, version);

  rev = updated > 0 ? g_date_time_new_from_unix_utc (updated) : g_date_time_new_now_utc ();
  if (rev != NULL)
    {
      rev_text = g_date_time_format (rev, v4 ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ");
      g_string_append_printf (out, "REV:%s\r\n", rev_text);
    }

  g_string_append (out, "END:VCARD\r\n");
}

static gsize
text_length (const char *text)
{
  return text != NULL ? strlen (text) : 0;
}

/* About what a card takes, so the text grows once instead of doubling through a large export. */
static gsize
estimate_card_size (RapportColleague       *colleague,
                    RapportVCardWriteFlags  flags)
{
  GBytes *photo = rapport_colleague_get_photo (colleague);
  gsize size = 512 + text_length (rapport_colleague_get_raw_vcard (colleague));

  if (photo != NULL && (flags & RAPPORT_VCARD_WRITE_COMPACT) == 0)
    size += g_bytes_get_size (photo) / 3 * 4 * 78 / 75 + 64;
  if ((flags & RAPPORT_VCARD_WRITE_PERSONAL) != 0)
    size += text_length (rapport_colleague_get_notes (colleague))
            + text_length (rapport_colleague_get_interests (colleague)) + 64;

  return size;
}

char *
rapport_vcard_write (GPtrArray                  *colleagues,
                     RapportVCardVersion         version,
                     RapportVCardWriteFlags      flags,
                     RapportVCardCategoriesFunc  categories,
                     gpointer                    user_data)
{
  g_autoptr(GString) line = NULL;
  GString *out;
  gsize estimate = 1;

  g_return_val_if_fail (colleagues != NULL, NULL);

  for (guint i = 0; i < colleagues->len; i++)
    estimate += estimate_card_size (g_ptr_array_index (colleagues, i), flags);

  out = g_string_sized_new (estimate);
  line = g_string_sized_new (256);
  for (guint i = 0; i < colleagues->len; i++)
    write_card (out, line, g_ptr_array_index (colleagues, i), version, flags, categories,
                user_data);

  return g_string_free (out, FALSE);
}
