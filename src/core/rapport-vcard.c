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

/* Hostile input is bounded: nothing here grows faster than the bytes it reads. */
#define MAX_PROPERTIES_PER_CARD 10000
#define MAX_CARDS_PER_FILE      100000
#define MAX_LINE_LENGTH         (10 * 1024 * 1024)
#define FOLD_OCTETS             75

typedef struct
{
  char      *group;      /* "" when ungrouped; as written */
  char      *name;       /* upper case */
  GPtrArray *params;     /* "KEY=VALUE" with KEY upper case; bare 2.1 values as "TYPE=VALUE" */
  char      *value;      /* still encoded and escaped */
} Property;

typedef struct
{
  guint             number;
  GString          *raw;
  GPtrArray        *properties;
  gboolean          too_many;
} Card;

/* Properties Rapport reads into fields; a re-export writes these from the colleague. Fields a
 * vCard has no property for travel as X-RAPPORT-SPECIALTY, X-RAPPORT-MESSAGING (messaging that is
 * not a URI for IMPP) and NOTE;X-RAPPORT=interests, so a round trip loses nothing. */
static const char *modelled_names[] = {
  "BEGIN", "END", "VERSION", "FN", "N", "ORG", "TITLE", "ROLE", "BDAY", "PHOTO", "NOTE",
  "CATEGORIES", "REV", "UID", "PRODID", "X-RAPPORT-SPECIALTY", "X-RAPPORT-MESSAGING",
};

/* Only the first of each is modelled; the others come back verbatim. */
static const char *first_only_names[] = {
  "TEL", "EMAIL", "IMPP", "X-JABBER", "X-SKYPE", "X-SKYPE-USERNAME", "X-AIM", "X-MSN", "X-ICQ",
  "X-YAHOO", "X-GOOGLE-TALK", "X-GTALK",
};

static void
property_free (Property *property)
{
  g_free (property->group);
  g_free (property->name);
  g_ptr_array_unref (property->params);
  g_free (property->value);
  g_free (property);
}

static void
card_free (Card *card)
{
  g_string_free (card->raw, TRUE);
  g_ptr_array_unref (card->properties);
  g_free (card);
}

static gboolean
name_in (const char  *name,
         const char **names,
         gsize        n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_messaging_name (const char *name)
{
  return name_in (name, first_only_names + 2, G_N_ELEMENTS (first_only_names) - 2)
      || g_ascii_strcasecmp (name, "X-RAPPORT-MESSAGING") == 0;
}

/* Splits "group.NAME;P=V;P2:value" honouring quoted parameter values. NULL when not a property. */
static Property *
property_parse (const char *line,
                gsize       length)
{
  const char *end = line + length;
  const char *p = line;
  const char *name_start = line;
  const char *dot = NULL;
  Property *property;

  while (p < end && *p != ';' && *p != ':')
    {
      if (*p == '.' && dot == NULL)
        dot = p;
      p++;
    }

  if (p == end || p == name_start)
    return NULL;

  property = g_new0 (Property, 1);
  property->params = g_ptr_array_new_with_free_func (g_free);

  if (dot != NULL)
    {
      property->group = g_strndup (name_start, dot - name_start);
      name_start = dot + 1;
    }
  else
    {
      property->group = g_strdup ("");
    }

  property->name = g_ascii_strup (name_start, p - name_start);

  while (p < end && *p == ';')
    {
      const char *start = ++p;
      gboolean quoted = FALSE;
      g_autofree char *param = NULL;
      char *equals;

      while (p < end && (quoted || (*p != ';' && *p != ':')))
        {
          if (*p == '"')
            quoted = !quoted;
          p++;
        }

      if (p == start)
        continue;

      param = g_strndup (start, p - start);
      equals = strchr (param, '=');

      if (equals == NULL)
        {
          g_autofree char *upper = g_ascii_strup (param, -1);

          if (g_str_equal (upper, "QUOTED-PRINTABLE") || g_str_equal (upper, "BASE64"))
            g_ptr_array_add (property->params, g_strconcat ("ENCODING=", upper, NULL));
          else
            g_ptr_array_add (property->params, g_strconcat ("TYPE=", param, NULL));
        }
      else
        {
          g_autofree char *key = g_ascii_strup (param, equals - param);

          g_ptr_array_add (property->params, g_strconcat (key, equals, NULL));
        }
    }

  if (p < end && *p == ':')
    p++;

  property->value = g_strndup (p, end - p);

  return property;
}

/* The value of parameter key (upper case), unquoted, or NULL. */
static const char *
property_get_param (Property   *property,
                    const char *key,
                    char      **unquoted)
{
  gsize key_length = strlen (key);

  for (guint i = 0; i < property->params->len; i++)
    {
      const char *param = g_ptr_array_index (property->params, i);

      if (strncmp (param, key, key_length) == 0 && param[key_length] == '=')
        {
          const char *value = param + key_length + 1;
          gsize length = strlen (value);

          if (length >= 2 && value[0] == '"' && value[length - 1] == '"')
            *unquoted = g_strndup (value + 1, length - 2);
          else
            *unquoted = g_strdup (value);

          return *unquoted;
        }
    }

  *unquoted = NULL;

  return NULL;
}

static gboolean
property_has_param_value (Property   *property,
                          const char *key,
                          const char *value)
{
  g_autofree char *found = NULL;

  if (property_get_param (property, key, &found) == NULL)
    return FALSE;

  return g_ascii_strcasecmp (found, value) == 0;
}

static gboolean
property_is_quoted_printable (Property *property)
{
  return property_has_param_value (property, "ENCODING", "QUOTED-PRINTABLE");
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

/* The value as UTF-8 text, still escaped; NULL with *problem set when its character set is unknown. */
static char *
property_decode_text (Property  *property,
                      guint      card,
                      char     **problem)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *charset = NULL;

  if (property_is_quoted_printable (property))
    bytes = decode_quoted_printable (property->value);
  else
    bytes = g_byte_array_append (g_byte_array_new (), (const guint8 *) property->value,
                                 strlen (property->value));

  if (property_get_param (property, "CHARSET", &charset) != NULL
      && g_ascii_strcasecmp (charset, "UTF-8") != 0
      && g_ascii_strcasecmp (charset, "UTF8") != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *converted = NULL;
      gsize written = 0;

      if (bytes->len == 0)
        return g_strdup ("");

      converted = g_convert ((const char *) bytes->data, bytes->len, "UTF-8", charset,
                             NULL, &written, &error);
      if (converted != NULL)
        return g_utf8_make_valid (converted, written);

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
    return g_strdup ("");

  return g_utf8_make_valid ((const char *) bytes->data, bytes->len);
}

static char *
unescape (const char *text,
          gsize       length)
{
  GString *out = g_string_sized_new (length);

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

/* Components of a structured value (N, ORG), split at unescaped semicolons, each unescaped. */
static GStrv
split_structured (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = text;
  const char *p = text;

  for (;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }

      if (*p == ';' || *p == '\0')
        {
          g_autofree char *component = unescape (start, p - start);

          g_strv_builder_add (builder, g_strstrip (component));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }

  return g_strv_builder_end (builder);
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
  g_autofree char *omit = NULL;
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

  if (!year_less && property_get_param (property, "X-APPLE-OMIT-YEAR", &omit) != NULL
      && strncmp (omit, digits, 4) == 0)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("--%.2s-%.2s", digits + 4, digits + 6);
    }

  if (!rapport_validate_birthday (candidate, &normalized))
    return NULL;

  return g_steal_pointer (&normalized);
}

static GBytes *
parse_photo (Property *property)
{
  g_autofree char *encoding = NULL;
  const char *data = property->value;
  guchar *decoded;
  gsize length = 0;

  property_get_param (property, "ENCODING", &encoding);

  if (g_ascii_strncasecmp (data, "data:", 5) == 0)
    {
      const char *comma = strchr (data, ',');

      if (comma == NULL || g_strstr_len (data, comma - data, ";base64") == NULL)
        return NULL;
      data = comma + 1;
    }
  else if (encoding == NULL
           || (g_ascii_strcasecmp (encoding, "b") != 0
               && g_ascii_strcasecmp (encoding, "BASE64") != 0))
    {
      return NULL;   /* a link to a picture elsewhere */
    }

  /* base64 grows by 4/3: anything longer is over the limit before decoding. */
  if (strlen (data) > (RAPPORT_MAX_PHOTO_SIZE / 3 + 2) * 4 + RAPPORT_MAX_PHOTO_SIZE / 16)
    return NULL;

  decoded = g_base64_decode (data, &length);
  if (length == 0 || length > RAPPORT_MAX_PHOTO_SIZE)
    {
      g_free (decoded);
      return NULL;
    }

  return g_bytes_new_take (decoded, length);
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
      const char *name = property->name;
      g_autofree char *text = NULL;
      g_autofree char *value = NULL;

      if (g_str_equal (name, "PHOTO"))
        {
          if (photo == NULL)
            photo = parse_photo (property);
          continue;
        }

      if (!name_in (name, modelled_names, G_N_ELEMENTS (modelled_names))
          && !name_in (name, first_only_names, G_N_ELEMENTS (first_only_names)))
        continue;

      text = property_decode_text (property, card->number, problem);
      if (text == NULL)
        return NULL;

      if (g_str_equal (name, "N"))
        {
          if (n == NULL)
            n = name_from_n (text);
          continue;
        }

      if (g_str_equal (name, "ORG"))
        {
          if (org == NULL)
            {
              g_auto(GStrv) parts = split_structured (text);

              org = g_strdup (parts[0] != NULL ? parts[0] : "");
            }
          continue;
        }

      value = unescape (text, strlen (text));
      g_strstrip (value);

      if (value[0] == '\0')
        continue;

      if (g_str_equal (name, "FN") && fn == NULL)
        fn = g_steal_pointer (&value);
      else if (g_str_equal (name, "TITLE") && title == NULL)
        title = g_steal_pointer (&value);
      else if (g_str_equal (name, "ROLE") && role == NULL)
        role = g_steal_pointer (&value);
      else if (g_str_equal (name, "TEL") && phone == NULL)
        phone = clean_phone (value);
      else if (g_str_equal (name, "EMAIL") && email == NULL)
        email = g_steal_pointer (&value);
      else if (g_str_equal (name, "BDAY") && birthday == NULL)
        birthday = parse_birthday (property, value);
      else if (g_str_equal (name, "NOTE"))
        {
          if (property_has_param_value (property, "X-RAPPORT", "interests"))
            {
              if (interests == NULL)
                interests = g_steal_pointer (&value);
            }
          else if (note == NULL)
            note = g_steal_pointer (&value);
        }
      else if (g_str_equal (name, "X-RAPPORT-SPECIALTY") && specialty == NULL)
        specialty = g_steal_pointer (&value);
      else if (is_messaging_name (name) && messaging == NULL)
        messaging = g_steal_pointer (&value);
    }

  if (fn != NULL)
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
  g_autofree char *charset = NULL;
  g_autofree char *converted = NULL;

  if (g_utf8_validate_len (line, length, NULL))
    {
      g_string_append_len (raw, line, length);
    }
  else
    {
      if (property_get_param (property, "CHARSET", &charset) != NULL)
        converted = g_convert (line, length, "UTF-8", charset, NULL, NULL, NULL);
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

  begin = g_str_equal (property->name, "BEGIN") && g_ascii_strcasecmp (property->value, "VCARD") == 0;
  end = g_str_equal (property->name, "END") && g_ascii_strcasecmp (property->value, "VCARD") == 0;

  if (begin)
    {
      property_free (property);
      finish_card (state, FALSE);

      if (state->n_cards >= MAX_CARDS_PER_FILE)
        return;

      state->card = g_new0 (Card, 1);
      state->card->number = ++state->n_cards;
      state->card->raw = g_string_new ("BEGIN:VCARD\r\n");
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
  if (!g_str_equal (property->name, "PHOTO")
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

  g_return_val_if_fail (data != NULL || length == 0, NULL);

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
      if (!too_long && line->len + (stop - p) <= MAX_LINE_LENGTH)
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
          too_long = TRUE;
          g_string_truncate (line, 0);
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
  for (const char *p = text; *p != '\0'; p++)
    {
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

static char *
raw_version (const char *raw)
{
  g_auto(GStrv) lines = g_strsplit (raw, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "VERSION:", 8) == 0)
      return g_strstrip (g_strdup (lines[i] + 8));

  return g_strdup ("");
}

/* Lines of the original card Rapport does not model, as they were. */
static void
emit_unknown (GString             *out,
              RapportColleague    *colleague,
              RapportVCardVersion  version)
{
  const char *raw = rapport_colleague_get_raw_vcard (colleague);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) skipped_groups = NULL;
  g_autofree char *raw_ver = NULL;
  gboolean same_version;
  g_autoptr(GPtrArray) keep = NULL;

  if (raw[0] == '\0')
    return;

  raw_ver = raw_version (raw);
  same_version = g_str_equal (raw_ver, version == RAPPORT_VCARD_VERSION_4_0 ? "4.0" : "3.0");
  lines = g_strsplit (raw, "\r\n", -1);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  skipped_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  keep = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      Property *property = property_parse (lines[i], strlen (lines[i]));
      gboolean skip = FALSE;

      if (property == NULL)
        continue;

      if (name_in (property->name, modelled_names, G_N_ELEMENTS (modelled_names)))
        skip = TRUE;
      else if (name_in (property->name, first_only_names, G_N_ELEMENTS (first_only_names)))
        {
          const char *key = is_messaging_name (property->name) ? "IMPP" : property->name;

          skip = !g_hash_table_contains (seen, key);
          g_hash_table_add (seen, g_strdup (key));
        }

      /* Properties other versions define differently come back only into the same version. */
      if (!skip && !same_version && !g_str_has_prefix (property->name, "X-"))
        skip = TRUE;

      /* 2.1 encodings and character sets mean nothing to a 3.0 or 4.0 reader. */
      if (!skip && !same_version)
        {
          g_autofree char *encoding = NULL;
          g_autofree char *charset = NULL;

          if (property_get_param (property, "ENCODING", &encoding) != NULL
              || property_get_param (property, "CHARSET", &charset) != NULL)
            skip = TRUE;
        }

      if (skip && property->group[0] != '\0')
        g_hash_table_add (skipped_groups, g_ascii_strdown (property->group, -1));
      if (!skip)
        g_ptr_array_add (keep, lines[i]);

      property_free (property);
    }

  for (guint i = 0; i < keep->len; i++)
    {
      const char *line = g_ptr_array_index (keep, i);
      Property *property = property_parse (line, strlen (line));
      g_autofree char *group = g_ascii_strdown (property->group, -1);

      if (group[0] == '\0' || !g_hash_table_contains (skipped_groups, group))
        append_folded (out, line, strlen (line));
      property_free (property);
    }
}

static void
write_card (GString                    *out,
            RapportColleague           *colleague,
            RapportVCardVersion         version,
            RapportVCardWriteFlags      flags,
            RapportVCardCategoriesFunc  categories,
            gpointer                    user_data)
{
  gboolean v4 = version == RAPPORT_VCARD_VERSION_4_0;
  g_autoptr(GString) line = g_string_new (NULL);
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
      gsize size;
      const guchar *data = g_bytes_get_data (photo, &size);
      g_autofree char *encoded = g_base64_encode (data, size);

      if (v4)
        g_string_append_printf (line, "PHOTO:data:image/%s;base64,%s",
                                photo_type (photo, FALSE), encoded);
      else
        g_string_append_printf (line, "PHOTO;ENCODING=b;TYPE=%s:%s",
                                photo_type (photo, TRUE), encoded);
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

char *
rapport_vcard_write (GPtrArray                  *colleagues,
                     RapportVCardVersion         version,
                     RapportVCardWriteFlags      flags,
                     RapportVCardCategoriesFunc  categories,
                     gpointer                    user_data)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (colleagues != NULL, NULL);

  for (guint i = 0; i < colleagues->len; i++)
    write_card (out, g_ptr_array_index (colleagues, i), version, flags, categories, user_data);

  return g_string_free (out, FALSE);
}
