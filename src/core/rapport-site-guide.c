/* rapport-site-guide.c
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

#define G_LOG_DOMAIN "rapport-site-guide"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-local-time.h"
#include "rapport-site-guide.h"

/* Readable on screen and on paper, light or dark; nothing here may contain '<' or '&' so the
 * document stays well-formed XML. */
static const char html_style[] =
  "      :root {\n"
  "        color-scheme: light dark;\n"
  "        --fg: #1e1e1e;\n"
  "        --bg: #ffffff;\n"
  "        --dim: #5e5c64;\n"
  "        --rule: #deddda;\n"
  "        --link: #1a5fb4;\n"
  "      }\n"
  "      @media (prefers-color-scheme: dark) {\n"
  "        :root {\n"
  "          --fg: #ffffff;\n"
  "          --bg: #242424;\n"
  "          --dim: #c0bfbc;\n"
  "          --rule: #4a4a4a;\n"
  "          --link: #99c1f1;\n"
  "        }\n"
  "      }\n"
  "      body {\n"
  "        margin: 0;\n"
  "        color: var(--fg);\n"
  "        background: var(--bg);\n"
  "        font: 1rem/1.5 system-ui, -apple-system, \"Cantarell\", \"Segoe UI\", sans-serif;\n"
  "      }\n"
  "      main {\n"
  "        max-width: 42rem;\n"
  "        margin: 0 auto;\n"
  "        padding: 2rem 1.25rem 3rem;\n"
  "      }\n"
  "      h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 0.25rem; }\n"
  "      h2 {\n"
  "        font-size: 1.3rem;\n"
  "        margin: 2rem 0 0.5rem;\n"
  "        padding-bottom: 0.25rem;\n"
  "        border-bottom: 1px solid var(--rule);\n"
  "      }\n"
  "      h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }\n"
  "      p { margin: 0.25rem 0 0.5rem; overflow-wrap: anywhere; }\n"
  "      .place, .intro, .detail { color: var(--dim); }\n"
  "      .tip { break-inside: avoid; }\n"
  "      a { color: var(--link); }\n"
  "      @media print {\n"
  "        :root { --fg: #000000; --bg: #ffffff; --dim: #333333; --rule: #999999; }\n"
  "        main { max-width: none; padding: 0; }\n"
  "        h2 { break-after: avoid; }\n"
  "        a::after { content: \" (\" attr(href) \")\"; font-size: 0.85em; }\n"
  "      }\n";

/* One-line fields never break the layout: newlines and tabs become spaces. */
static char *
dup_single_line (const char *text)
{
  g_autofree char *valid = NULL;
  char *line;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  line = g_strstrip (g_strdup (valid));
  for (char *p = line; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }

  return line;
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    {
      if (!g_ascii_isspace (*line))
        return FALSE;
    }

  return TRUE;
}

/* The note as paragraphs (separated by blank lines), each a list of lines without their
 * surrounding whitespace. */
static GPtrArray *
split_paragraphs (const char *text)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) current = NULL;
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_current = 0;

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  lines = g_strsplit_set (valid, "\n", -1);

  current = g_strv_builder_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      /* A lone "\r" of CRLF text was stripped above with the other whitespace. */
      if (is_blank (line))
        {
          if (n_current > 0)
            {
              g_ptr_array_add (paragraphs, g_strv_builder_end (current));
              g_clear_pointer (&current, g_strv_builder_unref);
              current = g_strv_builder_new ();
              n_current = 0;
            }
          continue;
        }

      g_strv_builder_add (current, line);
      n_current++;
    }

  if (n_current > 0)
    g_ptr_array_add (paragraphs, g_strv_builder_end (current));

  return g_steal_pointer (&paragraphs);
}

/* Escapes what CommonMark (and the common extensions) would read as markup, so the text shows
 * as typed: anywhere on a line, what starts inline markup (code spans, emphasis, links, raw
 * HTML, entities, table cells); at the start of a line, what starts a block (headings, quotes,
 * lists, rules, fences). Characters that mean nothing where they stand are left alone. */
static void
append_markdown_text (GString    *out,
                      const char *line,
                      gboolean    line_start)
{
  const char *p = line;

  if (line_start)
    {
      const char *digits = p;

      while (g_ascii_isdigit (*digits))
        digits++;

      if (digits > p && (*digits == '.' || *digits == ')'))
        {
          /* "1. " would start an ordered list. */
          g_string_append_len (out, p, digits - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *digits);
          p = digits + 1;
        }
      else if (strchr ("#>-+*=~{:", *p) != NULL && *p != '\0')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          p++;
        }
    }

  for (; *p != '\0'; p++)
    {
      char c = *p;
      gboolean escape = FALSE;

      switch (c)
        {
        case '`':
        case '*':
        case '[':
        case ']':
        case '<':
        case '|':
          escape = TRUE;
          break;

        case '\\':
          /* Only where it would escape the next character or break the line. */
          escape = p[1] == '\0' || g_ascii_ispunct (p[1]);
          break;

        case '_':
          /* Inside a word ("snake_case") an underscore is no emphasis. */
          escape = p == line || !g_ascii_isalnum (p[-1]) || !g_ascii_isalnum (p[1]);
          break;

        case '&':
          /* "&amp;" would show as "&". */
          escape = g_ascii_isalnum (p[1]) || p[1] == '#';
          break;

        case '#':
          /* Trailing "#"s close a heading and would vanish. */
          escape = p > line && p[-1] == ' ';
          break;

        default:
          break;
        }

      if (escape)
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
}

static const char *
strcasestr_ascii (const char *haystack,
                  const char *needle)
{
  gsize length = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, needle, length) == 0)
        return p;
    }

  return NULL;
}

static void
append_markdown_line (GString    *out,
                      const char *text)
{
  append_markdown_text (out, text, TRUE);
  g_string_append_c (out, '\n');
}

static void
append_html_escaped (GString    *out,
                     const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  const char *p = escaped;
  const char *found;

  /* Shown the same, but a scanner (or a careless copy into an attribute) never finds a
   * "javascript:" URL in the file. */
  while ((found = strcasestr_ascii (p, "javascript:")) != NULL)
    {
      g_string_append_len (out, p, found + strlen ("javascript") - p);
      g_string_append (out, "&#58;");
      p = found + strlen ("javascript:");
    }
  g_string_append (out, p);
}

/* A link that a guide may carry: a valid map link, and only of a scheme that cannot run code,
 * without characters that would end an autolink or an attribute. */
static gboolean
is_safe_link (const char *link)
{
  if (link == NULL || *link == '\0' || !rapport_validate_map_link (link))
    return FALSE;

  if (g_ascii_strncasecmp (link, "http://", 7) != 0 &&
      g_ascii_strncasecmp (link, "https://", 8) != 0 &&
      g_ascii_strncasecmp (link, "geo:", 4) != 0)
    return FALSE;

  for (const char *p = link; *p != '\0'; p++)
    {
      if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || *p == '<' || *p == '>' || *p == '"')
        return FALSE;
    }

  return TRUE;
}

/* "City, Region, Country · dates", or NULL when there is neither. */
static char *
dup_place_and_dates (RapportAssignment *assignment)
{
  g_autofree char *raw_place = rapport_assignment_dup_place (assignment);
  g_autofree char *place = dup_single_line (raw_place);
  g_autofree char *dates = rapport_assignment_dup_dates (assignment);

  if (*place != '\0' && dates != NULL)
    /* Translators: where and when an assignment was, e.g. "Denver, Colorado, USA · 12 January –
     * 3 April 2027" */
    return g_strdup_printf (_("%s · %s"), place, dates);

  if (*place != '\0')
    return g_steal_pointer (&place);

  return g_steal_pointer (&dates);
}

/* The assignment's tips in category order, then in the order they were added. */
static GPtrArray *
collect_tips (RapportStore *store,
              gint64        assignment_id)
{
  GListModel *tips = rapport_store_get_tips (store);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (tips);

  for (guint category = 0; category < RAPPORT_N_TIP_CATEGORIES; category++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RapportTip) tip = g_list_model_get_item (tips, i);

          if (rapport_tip_get_assignment_id (tip) == assignment_id &&
              rapport_tip_get_category (tip) == category)
            g_ptr_array_add (result, g_steal_pointer (&tip));
        }
    }

  return result;
}

static const char *
intro_text (void)
{
  return _("Local tips collected during an assignment, for whoever comes next.");
}

static const char *
no_tips_text (void)
{
  return _("No tips have been collected for this assignment yet.");
}

static char *
dup_address_text (RapportTip *tip)
{
  g_autofree char *address = dup_single_line (rapport_tip_get_address (tip));

  if (*address == '\0')
    return NULL;

  /* Translators: %s is a street address */
  return g_strdup_printf (_("Address: %s"), address);
}

static char *
render_markdown (RapportAssignment *assignment,
                 GPtrArray         *tips)
{
  GString *out = g_string_new (NULL);
  g_autofree char *raw_title = rapport_assignment_dup_title (assignment);
  g_autofree char *title = dup_single_line (raw_title);
  g_autofree char *place = dup_place_and_dates (assignment);
  int category = -1;

  g_string_append (out, "# ");
  append_markdown_text (out, title, FALSE);
  g_string_append (out, "\n\n");

  if (place != NULL)
    {
      append_markdown_line (out, place);
      g_string_append_c (out, '\n');
    }

  append_markdown_line (out, intro_text ());

  if (tips->len == 0)
    {
      g_string_append_c (out, '\n');
      append_markdown_line (out, no_tips_text ());
    }

  for (guint i = 0; i < tips->len; i++)
    {
      RapportTip *tip = g_ptr_array_index (tips, i);
      g_autofree char *tip_title = dup_single_line (rapport_tip_get_title (tip));
      g_autofree char *address = dup_address_text (tip);
      g_autoptr(GPtrArray) paragraphs = split_paragraphs (rapport_tip_get_body (tip));
      const char *link = rapport_tip_get_link (tip);

      if ((int) rapport_tip_get_category (tip) != category)
        {
          category = rapport_tip_get_category (tip);
          g_string_append (out, "\n## ");
          append_markdown_text (out, rapport_tip_category_to_label (category), FALSE);
          g_string_append_c (out, '\n');
        }

      g_string_append (out, "\n### ");
      append_markdown_text (out, tip_title, FALSE);
      g_string_append_c (out, '\n');

      for (guint j = 0; j < paragraphs->len; j++)
        {
          GStrv lines = g_ptr_array_index (paragraphs, j);

          g_string_append_c (out, '\n');
          for (guint k = 0; lines[k] != NULL; k++)
            {
              append_markdown_text (out, lines[k], TRUE);
              /* A backslash before the newline keeps the note's own line breaks. */
              g_string_append (out, lines[k + 1] != NULL ? "\\\n" : "\n");
            }
        }

      if (address != NULL)
        {
          g_string_append_c (out, '\n');
          append_markdown_line (out, address);
        }

      if (is_safe_link (link))
        g_string_append_printf (out, "\n<%s>\n", link);

      if (rapport_tip_get_tried (tip))
        {
          g_string_append_c (out, '\n');
          append_markdown_line (out, _("Tried it: yes"));
        }
    }

  return g_string_free (out, FALSE);
}

/* "en-US" from "en_US.UTF-8"; "en" for the C locale or anything that is not a language tag. */
static char *
dup_language_tag (void)
{
  const char * const *names = g_get_language_names ();
  g_autofree char *tag = NULL;
  gsize length;

  if (names == NULL || names[0] == NULL)
    return g_strdup ("en");

  length = strcspn (names[0], ".@");
  tag = g_strndup (names[0], length);
  g_strdelimit (tag, "_", '-');

  if (*tag == '\0' || g_str_equal (tag, "C") || g_str_equal (tag, "POSIX") ||
      !g_ascii_isalpha (tag[0]))
    return g_strdup ("en");

  for (const char *p = tag; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return g_strdup ("en");
    }

  return g_steal_pointer (&tag);
}

static void
append_html_element (GString    *out,
                     const char *indent,
                     const char *tag,
                     const char *klass,
                     const char *text)
{
  g_string_append_printf (out, "%s<%s", indent, tag);
  if (klass != NULL)
    g_string_append_printf (out, " class=\"%s\"", klass);
  g_string_append_c (out, '>');
  append_html_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

static char *
render_html (RapportAssignment *assignment,
             GPtrArray         *tips)
{
  GString *out = g_string_new (NULL);
  g_autofree char *raw_title = rapport_assignment_dup_title (assignment);
  g_autofree char *title = dup_single_line (raw_title);
  g_autofree char *place = dup_place_and_dates (assignment);
  g_autofree char *lang = dup_language_tag ();
  int category = -1;

  g_string_append (out, "<!DOCTYPE html>\n");
  g_string_append_printf (out, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\" "
                               "xml:lang=\"%s\">\n", lang, lang);
  g_string_append (out, "  <head>\n");
  g_string_append (out, "    <meta charset=\"utf-8\"/>\n");
  /* Belt and braces: even if something slipped through, nothing is fetched or run. */
  g_string_append (out, "    <meta http-equiv=\"Content-Security-Policy\" "
                        "content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n");
  g_string_append (out, "    <meta name=\"referrer\" content=\"no-referrer\"/>\n");
  g_string_append (out, "    <meta name=\"viewport\" "
                        "content=\"width=device-width, initial-scale=1\"/>\n");
  append_html_element (out, "    ", "title", NULL, title);
  g_string_append (out, "    <style>\n");
  g_string_append (out, html_style);
  g_string_append (out, "    </style>\n");
  g_string_append (out, "  </head>\n");
  g_string_append (out, "  <body>\n");
  g_string_append (out, "    <main>\n");
  g_string_append (out, "      <header>\n");
  append_html_element (out, "        ", "h1", NULL, title);
  if (place != NULL)
    append_html_element (out, "        ", "p", "place", place);
  append_html_element (out, "        ", "p", "intro", intro_text ());
  g_string_append (out, "      </header>\n");

  if (tips->len == 0)
    append_html_element (out, "      ", "p", NULL, no_tips_text ());

  for (guint i = 0; i < tips->len; i++)
    {
      RapportTip *tip = g_ptr_array_index (tips, i);
      g_autofree char *tip_title = dup_single_line (rapport_tip_get_title (tip));
      g_autofree char *address = dup_address_text (tip);
      g_autoptr(GPtrArray) paragraphs = split_paragraphs (rapport_tip_get_body (tip));
      const char *link = rapport_tip_get_link (tip);

      if ((int) rapport_tip_get_category (tip) != category)
        {
          if (category != -1)
            g_string_append (out, "      </section>\n");
          category = rapport_tip_get_category (tip);
          g_string_append (out, "      <section>\n");
          append_html_element (out, "        ", "h2", NULL,
                               rapport_tip_category_to_label (category));
        }

      g_string_append (out, "        <article class=\"tip\">\n");
      append_html_element (out, "          ", "h3", NULL, tip_title);

      for (guint j = 0; j < paragraphs->len; j++)
        {
          GStrv lines = g_ptr_array_index (paragraphs, j);

          g_string_append (out, "          <p>");
          for (guint k = 0; lines[k] != NULL; k++)
            {
              if (k > 0)
                g_string_append (out, "<br/>");
              append_html_escaped (out, lines[k]);
            }
          g_string_append (out, "</p>\n");
        }

      if (address != NULL)
        append_html_element (out, "          ", "p", "detail", address);

      if (is_safe_link (link))
        {
          g_string_append (out, "          <p class=\"detail\"><a href=\"");
          append_html_escaped (out, link);
          g_string_append (out, "\" rel=\"noopener noreferrer\">");
          append_html_escaped (out, link);
          g_string_append (out, "</a></p>\n");
        }

      if (rapport_tip_get_tried (tip))
        append_html_element (out, "          ", "p", "detail", _("Tried it: yes"));

      g_string_append (out, "        </article>\n");
    }

  if (category != -1)
    g_string_append (out, "      </section>\n");

  g_string_append (out, "    </main>\n");
  g_string_append (out, "  </body>\n");
  g_string_append (out, "</html>\n");

  return g_string_free (out, FALSE);
}

RapportSiteGuideFormat
rapport_site_guide_format_for_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, RAPPORT_SITE_GUIDE_MARKDOWN);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return RAPPORT_SITE_GUIDE_MARKDOWN;

  if (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0)
    return RAPPORT_SITE_GUIDE_HTML;

  return RAPPORT_SITE_GUIDE_MARKDOWN;
}

char *
rapport_site_guide_render (RapportStore            *store,
                           gint64                   assignment_id,
                           RapportSiteGuideFormat   format,
                           GError                 **error)
{
  RapportAssignment *assignment;
  g_autoptr(GPtrArray) tips = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (format == RAPPORT_SITE_GUIDE_MARKDOWN || format == RAPPORT_SITE_GUIDE_HTML,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  assignment = rapport_store_find_assignment (store, assignment_id);
  if (assignment == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("The assignment for this guide no longer exists. Choose another assignment "
                     "and try again."));
      return NULL;
    }

  tips = collect_tips (store, assignment_id);

  if (format == RAPPORT_SITE_GUIDE_HTML)
    return render_html (assignment, tips);

  return render_markdown (assignment, tips);
}

gboolean
rapport_site_guide_export (RapportStore  *store,
                           gint64         assignment_id,
                           const char    *path,
                           GError       **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = rapport_site_guide_render (store, assignment_id,
                                        rapport_site_guide_format_for_path (path), error);
  if (contents == NULL)
    return FALSE;

  return rapport_write_private_file (path, contents, error);
}
