/* test-site-guide.c
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

#define G_LOG_DOMAIN "rapport-test-site-guide"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "rapport-site-guide.h"
#include "rapport-test-utils.h"

/* Nothing of these may reach a guide: it goes to strangers. */
#define COLLEAGUE_CANARY "Zebediah Canarywood"
#define ASSIGNMENT_NOTES_CANARY "assignment-notes-canary-7f3a"
#define INTERACTION_CANARY "interaction-canary-91c2"
#define MET_ON_CANARY "2027-01-19"

#define HOSTILE_BODY \
  "# not a heading\n" \
  "<script>alert(1)</script>\n" \
  "[x](javascript:alert(1))\n" \
  "- not a list\n" \
  "1. not a list either\n" \
  "> not a quote\n" \
  "***\n" \
  "```\n" \
  "<img src=\"https://tracker.example/pixel.png\">\n" \
  "&amp; stays literal, snake_case stays readable"

typedef struct
{
  char            *dir;
  RapportDatabase *database;
  RapportStore    *store;
  gint64           assignment_id;
  gint64           empty_assignment_id;
  gint64           hostile_assignment_id;
} Fixture;

static gint64
add_assignment (Fixture    *fixture,
                const char *facility,
                const char *unit,
                const char *starts_on,
                const char *ends_on)
{
  g_autoptr(RapportAssignment) assignment = rapport_assignment_new (facility);
  g_autoptr(GError) error = NULL;

  rapport_assignment_set_unit (assignment, unit);
  rapport_assignment_set_city (assignment, "Denver");
  rapport_assignment_set_region (assignment, "Colorado");
  rapport_assignment_set_country (assignment, "USA");
  rapport_assignment_set_tz (assignment, "America/Denver");
  rapport_assignment_set_starts_on (assignment, starts_on);
  rapport_assignment_set_ends_on (assignment, ends_on);
  rapport_assignment_set_agency (assignment, "Agency");
  rapport_assignment_set_notes (assignment, ASSIGNMENT_NOTES_CANARY);

  g_assert_true (rapport_store_add_assignment (fixture->store, assignment, &error));
  g_assert_no_error (error);

  return rapport_assignment_get_id (assignment);
}

static void
add_tip (Fixture            *fixture,
         gint64              assignment_id,
         RapportTipCategory  category,
         const char         *title,
         const char         *body,
         const char         *address,
         const char         *link,
         gint64              recommended_by,
         gboolean            tried)
{
  g_autoptr(RapportTip) tip = rapport_tip_new (assignment_id, category, title);
  g_autoptr(GError) error = NULL;

  rapport_tip_set_body (tip, body);
  rapport_tip_set_address (tip, address);
  rapport_tip_set_link (tip, link);
  rapport_tip_set_recommended_by (tip, recommended_by);
  rapport_tip_set_tried (tip, tried);

  g_assert_true (rapport_store_add_tip (fixture->store, tip, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  guint8 key[RAPPORT_DATABASE_KEY_SIZE];
  RapportColleague *colleague;
  gint64 colleague_id;

  fixture->dir = rapport_test_make_tmp_dir ("site-guide");
  path = g_build_filename (fixture->dir, "journal.db", NULL);
  rapport_test_fixed_key (key, 0);
  fixture->store = rapport_test_open_store (path, key, RAPPORT_DATABASE_OPEN_CREATE,
                                            &fixture->database);

  colleague = rapport_test_add_colleague (fixture->store, "name", COLLEAGUE_CANARY, NULL);
  g_assert_nonnull (colleague);
  colleague_id = colleague != NULL ? rapport_colleague_get_id (colleague) : 0;

  fixture->assignment_id = add_assignment (fixture, "Mercy Hospital", "ICU",
                                           "2027-01-12", "2027-04-03");
  fixture->empty_assignment_id = add_assignment (fixture, "Quiet Clinic", "", "", "");
  fixture->hostile_assignment_id = add_assignment (fixture, "<b>Bold</b> Hospital #1", "*ER*",
                                                   "2026-12-20", "2027-02-01");

  g_assert_true (rapport_store_link_colleague (fixture->store, colleague_id,
                                               fixture->assignment_id, MET_ON_CANARY, &error));
  g_assert_no_error (error);

  /* Added out of category order on purpose. */
  add_tip (fixture, fixture->assignment_id, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS,
           "Badge office", "Bring two IDs.\nOpen 7–15 on weekdays.", "Basement B, room 12", "",
           colleague_id, FALSE);
  add_tip (fixture, fixture->assignment_id, RAPPORT_TIP_CATEGORY_COFFEE, "Bean There",
           "Best espresso near the ER.\n\nAsk for the oat flat white.", "1600 Grant St, Denver",
           "https://maps.example.com/?q=bean+there&z=17", colleague_id, TRUE);
  add_tip (fixture, fixture->assignment_id, RAPPORT_TIP_CATEGORY_FOOD, "Taco Truck", "", "",
           "geo:39.7392,-104.9903", 0, FALSE);
  add_tip (fixture, fixture->assignment_id, RAPPORT_TIP_CATEGORY_PARKING, "Garage C",
           "Cheapest after 18:00.",
           "", "", 0, TRUE);

  add_tip (fixture, fixture->hostile_assignment_id, RAPPORT_TIP_CATEGORY_FOOD,
           "<script>alert('title')</script> ## [link](javascript:alert(2))", HOSTILE_BODY,
           "<b>street</b> & [square]", "", colleague_id, FALSE);

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                         g_get_real_time () / G_USEC_PER_SEC);
  rapport_interaction_set_colleague_ids (interaction, &colleague_id, 1);
  rapport_interaction_set_assignment_id (interaction, fixture->assignment_id);
  rapport_interaction_set_body (interaction, INTERACTION_CANARY);
  g_assert_true (rapport_store_add_interaction (fixture->store, interaction, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rapport_test_close_store (fixture->store, fixture->database);
  g_assert_true (rapport_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
}

static char *
render (Fixture                *fixture,
        gint64                  assignment_id,
        RapportSiteGuideFormat  format)
{
  g_autoptr(GError) error = NULL;
  char *text = rapport_site_guide_render (fixture->store, assignment_id, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  if (text == NULL)
    return g_strdup ("");

  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

static void
assert_no_private_data (const char *text)
{
  g_assert_null (strstr (text, "Zebediah"));
  g_assert_null (strstr (text, "Canarywood"));
  g_assert_null (strstr (text, ASSIGNMENT_NOTES_CANARY));
  g_assert_null (strstr (text, INTERACTION_CANARY));
  g_assert_null (strstr (text, "Agency"));
  g_assert_null (strstr (text, "19 January"));
  g_assert_null (strstr (text, MET_ON_CANARY));
}

/* Where a line of text begins. */
static const char *
find_line (const char *text,
           const char *line)
{
  gsize length = strlen (line);

  for (const char *p = text; p != NULL; p = strchr (p, '\n'))
    {
      if (*p == '\n')
        p++;
      if (strncmp (p, line, length) == 0 && (p[length] == '\n' || p[length] == '\0'))
        return p;
    }

  return NULL;
}

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *markdown = render (fixture, fixture->assignment_id, RAPPORT_SITE_GUIDE_MARKDOWN);
  const char *food, *coffee, *parking, *logistics;

  rapport_test_message_lines (markdown);

  g_assert_true (g_str_has_prefix (markdown, "# Mercy Hospital · ICU\n"));
  g_assert_nonnull (find_line (markdown, "Denver, Colorado, USA · 12 January – 3 April 2027"));
  g_assert_nonnull (find_line (markdown, "Local tips collected during an assignment, "
                                         "for whoever comes next."));

  /* Categories in the enum's order, only those with tips. */
  food = find_line (markdown, "## Food");
  coffee = find_line (markdown, "## Coffee");
  parking = find_line (markdown, "## Parking");
  logistics = find_line (markdown, "## Hospital Logistics");
  g_assert_nonnull (food);
  g_assert_nonnull (coffee);
  g_assert_nonnull (parking);
  g_assert_nonnull (logistics);
  g_assert_true (food < coffee);
  g_assert_true (coffee < parking);
  g_assert_true (parking < logistics);
  g_assert_null (find_line (markdown, "## Groceries"));
  g_assert_null (find_line (markdown, "## Housing"));

  /* Each tip under its category. */
  g_assert_true (find_line (markdown, "### Taco Truck") > food);
  g_assert_true (find_line (markdown, "### Taco Truck") < coffee);
  g_assert_true (find_line (markdown, "### Bean There") > coffee);
  g_assert_true (find_line (markdown, "### Bean There") < parking);
  g_assert_true (find_line (markdown, "### Badge office") > logistics);

  /* The note keeps its paragraphs; address, link and "tried" follow. */
  g_assert_nonnull (find_line (markdown, "Best espresso near the ER."));
  g_assert_nonnull (strstr (markdown,
                            "Best espresso near the ER.\n\nAsk for the oat flat white.\n"));
  g_assert_nonnull (find_line (markdown, "Address: 1600 Grant St, Denver"));
  g_assert_nonnull (find_line (markdown, "<https://maps.example.com/?q=bean+there&z=17>"));
  g_assert_nonnull (find_line (markdown, "<geo:39.7392,-104.9903>"));
  /* Lines of a note stay lines (a backslash before the newline is a hard break). */
  g_assert_nonnull (find_line (markdown, "Bring two IDs.\\"));
  g_assert_nonnull (find_line (markdown, "Open 7–15 on weekdays."));
  g_assert_true (strstr (markdown, "Tried it: yes") > find_line (markdown, "### Bean There"));
  g_assert_true (strstr (markdown, "Tried it: yes") < parking);
  g_assert_nonnull (strstr (parking, "Tried it: yes"));
  /* Not tried: no line at all. */
  g_assert_null (strstr (logistics, "Tried it"));

  assert_no_private_data (markdown);
}

static void
assert_escaped_everywhere (const char *text,
                           char        c)
{
  for (const char *p = strchr (text, c); p != NULL; p = strchr (p + 1, c))
    {
      g_assert_true (p > text && p[-1] == '\\');
      if (!(p > text && p[-1] == '\\'))
        g_test_message ("unescaped '%c' at: %.40s", c, p);
    }
}

static void
test_markdown_hostile (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *markdown = render (fixture, fixture->hostile_assignment_id,
                                      RAPPORT_SITE_GUIDE_MARKDOWN);
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  guint n_headings = 0;

  rapport_test_message_lines (markdown);

  /* No link, no HTML, no code span can be made from the text: every opener is escaped. */
  assert_escaped_everywhere (markdown, '<');
  assert_escaped_everywhere (markdown, '[');
  assert_escaped_everywhere (markdown, ']');
  assert_escaped_everywhere (markdown, '`');
  g_assert_null (strstr (markdown, "[x]("));

  /* Only the guide's own headings, and no other block starts. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '#')
        {
          n_headings++;
          g_assert_true (g_str_has_prefix (line, "# \\<b>Bold\\</b> Hospital \\#1 · \\*ER\\*") ||
                         g_str_equal (line, "## Food") ||
                         g_str_has_prefix (line, "### \\<script>"));
        }

      g_assert_false (g_str_has_prefix (line, "- "));
      g_assert_false (g_str_has_prefix (line, "1. "));
      g_assert_false (g_str_has_prefix (line, ">"));
      g_assert_false (g_str_has_prefix (line, "***"));
      g_assert_false (g_str_has_prefix (line, "<"));
      g_assert_false (g_str_has_prefix (line, "    "));
    }
  g_assert_cmpuint (n_headings, ==, 3);

  /* What was escaped still reads as typed. */
  g_assert_nonnull (find_line (markdown, "\\# not a heading\\"));
  g_assert_nonnull (find_line (markdown, "\\<script>alert(1)\\</script>\\"));
  g_assert_nonnull (find_line (markdown, "\\[x\\](javascript:alert(1))\\"));
  g_assert_nonnull (find_line (markdown, "\\- not a list\\"));
  g_assert_nonnull (find_line (markdown, "1\\. not a list either\\"));
  g_assert_nonnull (find_line (markdown, "\\> not a quote\\"));
  g_assert_nonnull (find_line (markdown, "\\*\\*\\*\\"));
  g_assert_nonnull (find_line (markdown, "\\&amp; stays literal, snake_case stays readable"));
  /* The title's trailing "##" must not close the heading; the address stays inline text. */
  g_assert_nonnull (strstr (markdown, " \\## \\[link\\](javascript:alert(2))\n"));
  g_assert_nonnull (find_line (markdown, "Address: \\<b>street\\</b> & \\[square\\]"));

  assert_no_private_data (markdown);
}

typedef struct
{
  GPtrArray *elements;
  GPtrArray *hrefs;
  GString   *text;
  gboolean   bad_attribute;
  gboolean   in_title;
  char      *title;
  char      *lang;
} HtmlScan;

static void
html_start_element (GMarkupParseContext  *context,
                    const char           *element_name,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  HtmlScan *scan = user_data;
  const char *rel = NULL;

  g_ptr_array_add (scan->elements, g_strdup (element_name));
  scan->in_title = g_str_equal (element_name, "title");

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];
      const char *value = attribute_values[i];

      if (g_str_has_prefix (name, "on") || g_str_equal (name, "src") ||
          g_str_equal (name, "srcset") || g_str_equal (name, "style") ||
          g_strrstr (value, "javascript:") != NULL)
        scan->bad_attribute = TRUE;

      if (g_str_equal (name, "href"))
        {
          if (!g_str_equal (element_name, "a"))
            scan->bad_attribute = TRUE;
          g_ptr_array_add (scan->hrefs, g_strdup (value));
        }

      if (g_str_equal (name, "rel"))
        rel = value;

      if (g_str_equal (element_name, "html") && g_str_equal (name, "lang"))
        {
          g_free (scan->lang);
          scan->lang = g_strdup (value);
        }
    }

  if (g_str_equal (element_name, "a") && g_strcmp0 (rel, "noopener noreferrer") != 0)
    scan->bad_attribute = TRUE;
}

static void
html_end_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  gpointer              user_data,
                  GError              **error)
{
  HtmlScan *scan = user_data;

  scan->in_title = FALSE;
}

static void
html_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 text_len,
           gpointer              user_data,
           GError              **error)
{
  HtmlScan *scan = user_data;

  g_string_append_len (scan->text, text, text_len);
  if (scan->in_title)
    {
      g_free (scan->title);
      scan->title = g_strndup (text, text_len);
    }
}

static const GMarkupParser html_parser = {
  html_start_element,
  html_end_element,
  html_text,
  NULL,
  NULL,
};

static void
html_scan_clear (HtmlScan *scan)
{
  g_clear_pointer (&scan->elements, g_ptr_array_unref);
  g_clear_pointer (&scan->hrefs, g_ptr_array_unref);
  if (scan->text != NULL)
    g_string_free (g_steal_pointer (&scan->text), TRUE);
  g_clear_pointer (&scan->title, g_free);
  g_clear_pointer (&scan->lang, g_free);
}

/* Parses the document as XML (without its doctype line, which GMarkup does not take) and checks
 * what no guide may contain, whatever its content. */
static void
scan_html (const char *html,
           HtmlScan   *scan)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;

  scan->elements = g_ptr_array_new_with_free_func (g_free);
  scan->hrefs = g_ptr_array_new_with_free_func (g_free);
  scan->text = g_string_new (NULL);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  body = strchr (html, '\n');
  g_assert_nonnull (body);
  if (body == NULL)
    return;

  context = g_markup_parse_context_new (&html_parser, 0, scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, body + 1, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_false (scan->bad_attribute);
  g_assert_cmpstr (scan->lang, ==, "en");

  for (guint i = 0; i < scan->elements->len; i++)
    {
      const char *element = g_ptr_array_index (scan->elements, i);

      g_assert_cmpstr (element, !=, "script");
      g_assert_cmpstr (element, !=, "link");
      g_assert_cmpstr (element, !=, "img");
      g_assert_cmpstr (element, !=, "iframe");
      g_assert_cmpstr (element, !=, "object");
      g_assert_cmpstr (element, !=, "embed");
      g_assert_cmpstr (element, !=, "base");
      g_assert_cmpstr (element, !=, "form");
    }

  /* Nothing fetched from elsewhere, by markup or by style. */
  g_assert_null (g_strstr_len (html, -1, "<script"));
  g_assert_null (g_strstr_len (html, -1, "url("));
  g_assert_null (g_strstr_len (html, -1, "@import"));
  g_assert_null (g_strstr_len (html, -1, "src=\""));
  g_assert_null (g_strstr_len (html, -1, "src='"));
  g_assert_nonnull (g_strstr_len (html, -1, "<meta charset=\"utf-8\"/>"));
  g_assert_nonnull (g_strstr_len (html, -1, "prefers-color-scheme: dark"));
  g_assert_nonnull (g_strstr_len (html, -1, "@media print"));
}

static gboolean
contains_element (HtmlScan   *scan,
                  const char *element)
{
  for (guint i = 0; i < scan->elements->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (scan->elements, i), element))
        return TRUE;
    }

  return FALSE;
}

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *html = render (fixture, fixture->assignment_id, RAPPORT_SITE_GUIDE_HTML);
  HtmlScan scan = { 0 };
  const char *text;

  scan_html (html, &scan);

  g_assert_cmpstr (scan.title, ==, "Mercy Hospital · ICU");
  g_assert_true (contains_element (&scan, "style"));
  g_assert_true (contains_element (&scan, "h1"));
  g_assert_null (strstr (html, "javascript:"));

  /* The only links are the tips' own, validated ones. */
  g_assert_cmpuint (scan.hrefs->len, ==, 2);
  if (scan.hrefs->len == 2)
    {
      g_assert_cmpstr (g_ptr_array_index (scan.hrefs, 0), ==, "geo:39.7392,-104.9903");
      g_assert_cmpstr (g_ptr_array_index (scan.hrefs, 1),
                       ==, "https://maps.example.com/?q=bean+there&z=17");
    }
  g_assert_nonnull (strstr (html, "href=\"https://maps.example.com/?q=bean+there&amp;z=17\""));

  /* The same content as the Markdown, in the same order. */
  text = scan.text->str;
  g_assert_nonnull (strstr (text, "Denver, Colorado, USA · 12 January – 3 April 2027"));
  g_assert_nonnull (strstr (text,
                            "Local tips collected during an assignment, for whoever comes next."));
  g_assert_true (strstr (text, "Food") < strstr (text, "Coffee"));
  g_assert_true (strstr (text, "Coffee") < strstr (text, "Parking"));
  g_assert_true (strstr (text, "Parking") < strstr (text, "Hospital Logistics"));
  g_assert_true (strstr (text, "Taco Truck") < strstr (text, "Bean There"));
  g_assert_nonnull (strstr (text, "Address: 1600 Grant St, Denver"));
  g_assert_nonnull (strstr (text, "Tried it: yes"));
  g_assert_nonnull (strstr (html, "<p>Best espresso near the ER.</p>"));
  g_assert_nonnull (strstr (html, "<p>Bring two IDs.<br/>Open 7–15 on weekdays.</p>"));
  g_assert_null (strstr (text, "Groceries"));

  assert_no_private_data (html);
  html_scan_clear (&scan);
}

static void
test_html_hostile (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *html = render (fixture, fixture->hostile_assignment_id, RAPPORT_SITE_GUIDE_HTML);
  HtmlScan scan = { 0 };

  rapport_test_message_lines (html);
  scan_html (html, &scan);

  /* The hostile text is there, as text only. */
  g_assert_cmpuint (scan.hrefs->len, ==, 0);
  g_assert_false (contains_element (&scan, "b"));
  g_assert_cmpstr (scan.title, ==, "<b>Bold</b> Hospital #1 · *ER*");
  g_assert_nonnull (strstr (scan.text->str, "<script>alert(1)</script>"));
  g_assert_nonnull (strstr (scan.text->str, "[x](javascript:alert(1))"));
  g_assert_nonnull (strstr (scan.text->str, "<img src=\"https://tracker.example/pixel.png\">"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  /* Not even as text, for whoever greps the file before opening it. */
  g_assert_null (strstr (html, "javascript:"));

  assert_no_private_data (html);
  html_scan_clear (&scan);
}

static void
test_no_tips (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *markdown = render (fixture, fixture->empty_assignment_id,
                                      RAPPORT_SITE_GUIDE_MARKDOWN);
  g_autofree char *html = render (fixture, fixture->empty_assignment_id, RAPPORT_SITE_GUIDE_HTML);
  HtmlScan scan = { 0 };

  g_assert_true (g_str_has_prefix (markdown, "# Quiet Clinic\n"));
  g_assert_nonnull (find_line (markdown, "No tips have been collected for this assignment yet."));
  g_assert_null (strstr (markdown, "##"));
  /* No dates known: the place alone. */
  g_assert_nonnull (find_line (markdown, "Denver, Colorado, USA"));

  scan_html (html, &scan);
  g_assert_nonnull (strstr (scan.text->str,
                            "No tips have been collected for this assignment yet."));
  g_assert_false (contains_element (&scan, "h2"));
  html_scan_clear (&scan);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *hostile = render (fixture, fixture->hostile_assignment_id,
                                     RAPPORT_SITE_GUIDE_MARKDOWN);
  gint64 start_only = add_assignment (fixture, "Start Only", "", "2027-01-12", "");
  gint64 end_only = add_assignment (fixture, "End Only", "", "", "2027-04-03");
  g_autofree char *start_text = render (fixture, start_only, RAPPORT_SITE_GUIDE_MARKDOWN);
  g_autofree char *end_text = render (fixture, end_only, RAPPORT_SITE_GUIDE_MARKDOWN);

  /* Across a new year both dates carry their year. */
  g_assert_nonnull (find_line (hostile,
                               "Denver, Colorado, USA · 20 December 2026 – 1 February 2027"));
  g_assert_nonnull (find_line (start_text, "Denver, Colorado, USA · From 12 January 2027"));
  g_assert_nonnull (find_line (end_text, "Denver, Colorado, USA · Until 3 April 2027"));
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = rapport_site_guide_render (fixture->store, 4242, RAPPORT_SITE_GUIDE_MARKDOWN, &error);
  g_assert_null (text);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_format_for_path (void)
{
  static const struct
  {
    const char             *path;
    RapportSiteGuideFormat  format;
  } cases[] = {
    { "guide.md", RAPPORT_SITE_GUIDE_MARKDOWN },
    { "guide.html", RAPPORT_SITE_GUIDE_HTML },
    { "/tmp/Guide.HTML", RAPPORT_SITE_GUIDE_HTML },
    { "guide.htm", RAPPORT_SITE_GUIDE_HTML },
    { "guide.HtM", RAPPORT_SITE_GUIDE_HTML },
    { "guide.txt", RAPPORT_SITE_GUIDE_MARKDOWN },
    { "guide", RAPPORT_SITE_GUIDE_MARKDOWN },
    { "guide.html.md", RAPPORT_SITE_GUIDE_MARKDOWN },
    { "site.html/guide", RAPPORT_SITE_GUIDE_MARKDOWN },
    { "guide.xhtml", RAPPORT_SITE_GUIDE_MARKDOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (rapport_site_guide_format_for_path (cases[i].path), ==, cases[i].format);
    }
}

static void
assert_exported (Fixture                *fixture,
                 const char             *name,
                 RapportSiteGuideFormat  format)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *expected = render (fixture, fixture->assignment_id, format);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (rapport_site_guide_export (fixture->store, fixture->assignment_id, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *existing = g_build_filename (fixture->dir, "existing.md", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "guide.md", NULL);
  g_autofree char *unknown = g_build_filename (fixture->dir, "unknown.md", NULL);
  g_autoptr(GError) error = NULL;

  assert_exported (fixture, "guide.md", RAPPORT_SITE_GUIDE_MARKDOWN);
  assert_exported (fixture, "guide.HTML", RAPPORT_SITE_GUIDE_HTML);
  assert_exported (fixture, "guide.htm", RAPPORT_SITE_GUIDE_HTML);
  assert_exported (fixture, "guide.txt", RAPPORT_SITE_GUIDE_MARKDOWN);

  /* A file that was readable by others is replaced by a private one. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  g_assert_cmpint (g_chmod (existing, 0644), ==, 0);
  assert_exported (fixture, "existing.md", RAPPORT_SITE_GUIDE_MARKDOWN);

  /* A missing folder: GLib's own message, and nothing made. */
  g_assert_false (rapport_site_guide_export (fixture->store, fixture->assignment_id, missing,
                                             &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An unknown assignment: nothing is written. */
  g_assert_false (rapport_site_guide_export (fixture->store, 4242, unknown, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(path, func) \
  g_test_add ("/rapport/site-guide/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("markdown", test_markdown);
  ADD_TEST ("markdown-hostile", test_markdown_hostile);
  ADD_TEST ("html", test_html);
  ADD_TEST ("html-hostile", test_html_hostile);
  ADD_TEST ("no-tips", test_no_tips);
  ADD_TEST ("dates", test_dates);
  ADD_TEST ("not-found", test_not_found);
  ADD_TEST ("export", test_export);
  g_test_add_func ("/rapport/site-guide/format-for-path", test_format_for_path);

#undef ADD_TEST

  return g_test_run ();
}
