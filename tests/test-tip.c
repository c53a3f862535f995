/* test-tip.c
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

#define G_LOG_DOMAIN "rapport-test-tip"

#include "config.h"

#include <string.h>

#include "rapport-test-utils.h"
#include "rapport-tip.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GHashTable *counts)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
notify_count (GHashTable *counts,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static guint
notify_total (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static RapportTip *
make_full_tip (void)
{
  return g_object_new (RAPPORT_TYPE_TIP,
                       "id", (gint64) 31,
                       "assignment-id", (gint64) 4,
                       "category", RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS,
                       "title", "Badge office",
                       "body", "Open 7–15 on weekdays.\nBring the agency letter.",
                       "address", "1200 Main St, Basement",
                       "link", "geo:39.0639,-108.5506;u=20",
                       "recommended-by", (gint64) 8,
                       "tried", TRUE,
                       "created-at", (gint64) 1700000000,
                       NULL);
}

static void
assert_same_tip (RapportTip *a,
                 RapportTip *b)
{
  g_assert_cmpint (rapport_tip_get_assignment_id (a), ==, rapport_tip_get_assignment_id (b));
  g_assert_cmpint (rapport_tip_get_category (a), ==, rapport_tip_get_category (b));
  g_assert_cmpstr (rapport_tip_get_title (a), ==, rapport_tip_get_title (b));
  g_assert_cmpstr (rapport_tip_get_body (a), ==, rapport_tip_get_body (b));
  g_assert_cmpstr (rapport_tip_get_address (a), ==, rapport_tip_get_address (b));
  g_assert_cmpstr (rapport_tip_get_link (a), ==, rapport_tip_get_link (b));
  g_assert_cmpint (rapport_tip_get_recommended_by (a), ==, rapport_tip_get_recommended_by (b));
  g_assert_cmpint (rapport_tip_get_tried (a), ==, rapport_tip_get_tried (b));
  g_assert_cmpint (rapport_tip_get_created_at (a), ==, rapport_tip_get_created_at (b));
}

static void
test_properties (void)
{
  RapportTip *tip = make_full_tip ();
  RapportTipCategory category = RAPPORT_TIP_CATEGORY_FOOD;
  g_autofree char *link = NULL;
  gint64 recommended_by = 0;
  gboolean tried = FALSE;
  GParamSpec *pspec;

  g_assert_cmpint (rapport_tip_get_id (tip), ==, 31);
  g_assert_cmpint (rapport_tip_get_assignment_id (tip), ==, 4);
  g_assert_cmpint (rapport_tip_get_category (tip), ==, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS);
  g_assert_cmpstr (rapport_tip_get_title (tip), ==, "Badge office");
  g_assert_cmpstr (rapport_tip_get_body (tip), ==,
                   "Open 7–15 on weekdays.\nBring the agency letter.");
  g_assert_cmpstr (rapport_tip_get_address (tip), ==, "1200 Main St, Basement");
  g_assert_cmpstr (rapport_tip_get_link (tip), ==, "geo:39.0639,-108.5506;u=20");
  g_assert_cmpint (rapport_tip_get_recommended_by (tip), ==, 8);
  g_assert_true (rapport_tip_get_tried (tip));
  g_assert_cmpint (rapport_tip_get_created_at (tip), ==, 1700000000);

  g_object_get (tip,
                "category", &category,
                "link", &link,
                "recommended-by", &recommended_by,
                "tried", &tried,
                NULL);
  g_assert_cmpint (category, ==, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS);
  g_assert_cmpstr (link, ==, "geo:39.0639,-108.5506;u=20");
  g_assert_cmpint (recommended_by, ==, 8);
  g_assert_true (tried);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (tip), "category");
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == RAPPORT_TYPE_TIP_CATEGORY);

  g_assert_finalize_object (tip);

  tip = rapport_tip_new (9, RAPPORT_TIP_CATEGORY_COFFEE, "Kiln Coffee");
  g_assert_cmpint (rapport_tip_get_assignment_id (tip), ==, 9);
  g_assert_cmpint (rapport_tip_get_category (tip), ==, RAPPORT_TIP_CATEGORY_COFFEE);
  g_assert_cmpstr (rapport_tip_get_title (tip), ==, "Kiln Coffee");
  g_assert_cmpint (rapport_tip_get_id (tip), ==, 0);
  g_assert_cmpint (rapport_tip_get_recommended_by (tip), ==, 0);
  g_assert_false (rapport_tip_get_tried (tip));
  g_assert_finalize_object (tip);
}

static void
test_null_strings (void)
{
  static const char *string_properties[] = { "title", "body", "address", "link" };
  RapportTip *tip = rapport_tip_new (1, RAPPORT_TIP_CATEGORY_FOOD, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (tip, string_properties[i], &value, NULL);
      g_assert_cmpstr (value, ==, "");
      g_object_set (tip, string_properties[i], "x", NULL);
      g_object_set (tip, string_properties[i], NULL, NULL);
      g_clear_pointer (&value, g_free);
      g_object_get (tip, string_properties[i], &value, NULL);
      g_assert_cmpstr (value, ==, "");
    }

  rapport_tip_set_title (tip, "Tacos");
  rapport_tip_set_title (tip, NULL);
  rapport_tip_set_link (tip, NULL);
  g_assert_cmpstr (rapport_tip_get_title (tip), ==, "");
  g_assert_cmpstr (rapport_tip_get_link (tip), ==, "");

  g_assert_finalize_object (tip);
}

static void
test_new_with_fields (void)
{
  RapportTipFields fields = {
    .id = 7,
    .assignment_id = 3,
    .category = RAPPORT_TIP_CATEGORY_COFFEE,
    .title = "Cafe Olé",
    .body = NULL,
    .address = "12 Main St",
    .link = "",
    .recommended_by = 42,
    .tried = TRUE,
    .created_at = 1700000000,
  };
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  RapportTip *tip = rapport_tip_new_with_fields (&fields);
  RapportTip *copy;

  g_assert_cmpint (rapport_tip_get_id (tip), ==, 7);
  g_assert_cmpint (rapport_tip_get_assignment_id (tip), ==, 3);
  g_assert_cmpint (rapport_tip_get_category (tip), ==, RAPPORT_TIP_CATEGORY_COFFEE);
  g_assert_cmpstr (rapport_tip_get_title (tip), ==, "Cafe Olé");
  g_assert_cmpstr (rapport_tip_get_body (tip), ==, "");
  g_assert_cmpstr (rapport_tip_get_address (tip), ==, "12 Main St");
  g_assert_cmpstr (rapport_tip_get_link (tip), ==, "");
  g_assert_cmpint (rapport_tip_get_recommended_by (tip), ==, 42);
  g_assert_true (rapport_tip_get_tried (tip));
  g_assert_cmpint (rapport_tip_get_created_at (tip), ==, 1700000000);

  /* Unset fields take values and give them back like any other. */
  g_signal_connect (tip, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_tip_set_body (tip, NULL);
  rapport_tip_set_title (tip, "Cafe Olé");
  g_assert_cmpuint (notify_total (counts), ==, 0);
  rapport_tip_set_body (tip, "Flat white");
  rapport_tip_set_body (tip, "");
  rapport_tip_set_title (tip, NULL);
  g_assert_cmpuint (notify_total (counts), ==, 3);
  g_assert_cmpstr (rapport_tip_get_title (tip), ==, "");
  g_signal_handlers_disconnect_by_func (tip, count_notify_cb, counts);

  copy = rapport_tip_dup (tip);
  g_assert_cmpint (rapport_tip_get_id (copy), ==, 7);
  g_assert_cmpstr (rapport_tip_get_address (copy), ==, "12 Main St");
  g_assert_finalize_object (copy);
  g_assert_finalize_object (tip);
}

static void
test_notify (void)
{
  RapportTip *tip = rapport_tip_new (1, RAPPORT_TIP_CATEGORY_FOOD, "Tacos");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (tip, "notify", G_CALLBACK (count_notify_cb), counts);

  rapport_tip_set_title (tip, "Tacos");
  rapport_tip_set_body (tip, NULL);
  rapport_tip_set_category (tip, RAPPORT_TIP_CATEGORY_FOOD);
  rapport_tip_set_assignment_id (tip, 1);
  rapport_tip_set_recommended_by (tip, 0);
  rapport_tip_set_tried (tip, FALSE);
  rapport_tip_set_id (tip, 0);
  g_object_set (tip, "link", "", NULL);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_tip_set_title (tip, "Tacos El Gordo");
  rapport_tip_set_title (tip, "Tacos El Gordo");
  rapport_tip_set_category (tip, RAPPORT_TIP_CATEGORY_ACTIVITY);
  g_object_set (tip, "category", RAPPORT_TIP_CATEGORY_ACTIVITY, NULL);
  rapport_tip_set_link (tip, "https://example.org/tacos");
  rapport_tip_set_tried (tip, TRUE);
  rapport_tip_set_tried (tip, 7);   /* still TRUE */
  rapport_tip_set_recommended_by (tip, 3);
  rapport_tip_set_assignment_id (tip, 2);
  rapport_tip_set_created_at (tip, 5);
  rapport_tip_set_created_at (tip, 5);
  g_assert_cmpuint (notify_count (counts, "title"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "category"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "link"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "tried"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "recommended-by"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "assignment-id"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "created-at"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 7);

  g_signal_handlers_disconnect_by_data (tip, counts);
  g_assert_finalize_object (tip);
}

static void
test_dup_assign (void)
{
  RapportTip *original = make_full_tip ();
  RapportTip *copy = rapport_tip_dup (original);
  RapportTip *target = rapport_tip_new (1, RAPPORT_TIP_CATEGORY_FOOD, "Other");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (copy != original);
  g_assert_cmpint (rapport_tip_get_id (copy), ==, 31);
  assert_same_tip (original, copy);

  rapport_tip_set_body (copy, "changed");
  g_assert_cmpstr (rapport_tip_get_body (original), !=, "changed");

  rapport_tip_set_id (target, 6);
  rapport_tip_assign (target, original);
  g_assert_cmpint (rapport_tip_get_id (target), ==, 6);
  assert_same_tip (original, target);

  g_signal_connect (target, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_tip_assign (target, original);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_tip_set_tried (original, FALSE);
  rapport_tip_set_address (original, "1201 Main St");
  rapport_tip_set_id (original, 77);
  rapport_tip_assign (target, original);
  g_assert_cmpuint (notify_count (counts, "tried"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "address"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 2);
  g_assert_cmpint (rapport_tip_get_id (target), ==, 6);

  g_signal_handlers_disconnect_by_data (target, counts);
  g_assert_finalize_object (original);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
assert_invalid (RapportTip      *tip,
                RapportTipError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_tip_validate (tip, &error));
  g_assert_error (error, RAPPORT_TIP_ERROR, (int) code);
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");
}

static void
test_validate (void)
{
  g_autoptr(RapportTip) tip = make_full_tip ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_body = NULL;
  g_autofree char *long_address = NULL;

  g_assert_true (rapport_tip_validate (tip, &error));
  g_assert_no_error (error);

  rapport_tip_set_title (tip, "");
  assert_invalid (tip, RAPPORT_TIP_ERROR_TITLE_REQUIRED);
  rapport_tip_set_title (tip, "  \t ");
  assert_invalid (tip, RAPPORT_TIP_ERROR_TITLE_REQUIRED);
  rapport_tip_set_title (tip, "Badge\noffice");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_TEXT);
  rapport_tip_set_title (tip, "Badge \xfe office");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_TEXT);
  rapport_tip_set_title (tip, "Café Ñandú");
  g_assert_true (rapport_tip_validate (tip, NULL));

  rapport_tip_set_assignment_id (tip, 0);
  assert_invalid (tip, RAPPORT_TIP_ERROR_ASSIGNMENT_REQUIRED);
  rapport_tip_set_assignment_id (tip, 4);

  rapport_tip_set_address (tip, "1200 Main St\r\nBasement");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_TEXT);
  rapport_tip_set_address (tip, "1200 Main St");
  rapport_tip_set_body (tip, "line\nline\r\n\ttab");
  g_assert_true (rapport_tip_validate (tip, NULL));
  rapport_tip_set_body (tip, "bad \xc0\x80");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_TEXT);

  long_body = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'b');
  rapport_tip_set_body (tip, long_body);
  assert_invalid (tip, RAPPORT_TIP_ERROR_TOO_LONG);
  long_body[RAPPORT_MAX_NOTES_LENGTH] = '\0';
  rapport_tip_set_body (tip, long_body);
  g_assert_true (rapport_tip_validate (tip, NULL));
  rapport_tip_set_body (tip, "");

  long_address = g_strnfill (RAPPORT_MAX_FIELD_LENGTH + 1, 'a');
  rapport_tip_set_address (tip, long_address);
  assert_invalid (tip, RAPPORT_TIP_ERROR_TOO_LONG);
  {
    g_autoptr(GError) long_error = NULL;

    rapport_tip_validate (tip, &long_error);
    g_assert_nonnull (long_error);
    if (long_error != NULL)
      g_assert_nonnull (strstr (long_error->message, "Address"));
  }
  long_address[RAPPORT_MAX_FIELD_LENGTH] = '\0';
  rapport_tip_set_address (tip, long_address);
  g_assert_true (rapport_tip_validate (tip, NULL));
  rapport_tip_set_address (tip, "");

  rapport_tip_set_link (tip, "geo:91,0");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_LINK);
  rapport_tip_set_link (tip, "ftp://example.org/map");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_LINK);
  rapport_tip_set_link (tip, "https://example.org/map\n");
  assert_invalid (tip, RAPPORT_TIP_ERROR_INVALID_TEXT);
  rapport_tip_set_link (tip, "");
  g_assert_true (rapport_tip_validate (tip, NULL));
  rapport_tip_set_link (tip, "https://www.openstreetmap.org/#map=17/39.06/-108.55");
  g_assert_true (rapport_tip_validate (tip, NULL));

  /* Nobody recommended it: fine. */
  rapport_tip_set_recommended_by (tip, 0);
  g_assert_true (rapport_tip_validate (tip, NULL));
}

static void
test_map_link (void)
{
  static const char *good[] = {
    "",
    "geo:39.74,-104.99",
    "geo:39.74,-104.99,1609",
    "geo:-33.8688,151.2093",
    "geo:0,0",
    "geo:90,180",
    "geo:-90,-180",
    "geo:90.0,-180.000000",
    "GEO:39.74,-104.99",
    "geo:39.74,-104.99;u=35",
    "geo:39.74,-104.99;crs=wgs84;u=12.5",
    "geo:39.74,-104.99,-10.5;u=0",
    "geo:48.2010,16.3695,183;foo=bar%20baz",
    "geo:48.2010,16.3695;flag",
    "http://example.org",
    "https://example.org/",
    "https://www.openstreetmap.org/?mlat=39.06&mlon=-108.55#map=17/39.06/-108.55",
    "https://maps.example.com/search/Mercy+Hospital,+Durango",
    "https://maps.example.com/place?q=caf%C3%A9",
    "HTTPS://EXAMPLE.ORG/Map",
    "http://[2001:db8::1]/map",
    "https://user@example.org:8443/map",
  };
  static const char *bad[] = {
    "geo:",
    "geo:39.74",
    "geo:39.74,",
    "geo:,104.99",
    "geo:91,0",
    "geo:-90.0001,0",
    "geo:0,180.5",
    "geo:0,-181",
    "geo:39.74,-104.99,",
    "geo:39.74,-104.99,1,2",
    "geo:39.74;-104.99",
    "geo:39.74, -104.99",
    "geo: 39.74,-104.99",
    "geo:+39.74,-104.99",
    "geo:39.,-104.99",
    "geo:.5,-104.99",
    "geo:1e2,3",
    "geo:abc,def",
    "geo:39.74,-104.99;",
    "geo:39.74,-104.99;u=",
    "geo:39.74,-104.99;u=1;",
    "geo:39.74,-104.99;=1",
    "geo:39.74,-104.99;u=a b",
    "geo:39.74,-104.99;u=%zz",
    "geo:39.74,-104.99?q=Mercy",
    "geo:nan,0",
    "geo:39.74,-104.99 ",
    "http://",
    "http:///path",
    "https:example.org",
    "https://exa mple.org",
    "https://example.org/a b",
    " https://example.org",
    "https://example.org\n",
    "ftp://example.org",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "mailto:ana@example.org",
    "example.org",
    "www.example.org/map",
    "//example.org/map",
    "1200 Main St",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good link %u: %s", i, good[i]);
      g_assert_true (rapport_validate_map_link (good[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad link %u: %s", i, bad[i]);
      g_assert_false (rapport_validate_map_link (bad[i]));
    }
}

static void
test_category (void)
{
  static const char *nicks[] = {
    "food", "coffee", "groceries", "landmark", "activity", "outdoors", "parking", "housing",
    "transit", "hospital-logistics",
  };
  static const char *labels[] = {
    "Food", "Coffee", "Groceries", "Landmark", "Activity", "Outdoors", "Parking", "Housing",
    "Transit", "Hospital Logistics",
  };
  const char *theme = "/usr/share/icons/Adwaita";
  GEnumClass *enum_class;

  G_STATIC_ASSERT (G_N_ELEMENTS (nicks) == RAPPORT_N_TIP_CATEGORIES);

  enum_class = g_type_class_ref (RAPPORT_TYPE_TIP_CATEGORY);
  g_assert_cmpuint (enum_class->n_values, ==, RAPPORT_N_TIP_CATEGORIES);

  for (guint i = 0; i < RAPPORT_N_TIP_CATEGORIES; i++)
    {
      const char *icon_name = rapport_tip_category_to_icon_name (i);
      GEnumValue *value;

      g_assert_cmpstr (rapport_tip_category_to_nick (i), ==, nicks[i]);
      g_assert_cmpint (rapport_tip_category_from_nick (nicks[i]), ==, i);
      g_assert_cmpstr (rapport_tip_category_to_label (i), ==, labels[i]);

      /* The GEnum nicks are the stored ones, so bindings and the database agree. */
      value = g_enum_get_value (enum_class, i);
      g_assert_nonnull (value);
      if (value != NULL)
        g_assert_cmpstr (value->value_nick, ==, nicks[i]);

      g_assert_nonnull (icon_name);
      g_assert_true (g_str_has_suffix (icon_name, "-symbolic"));
      if (g_file_test (theme, G_FILE_TEST_IS_DIR))
        {
          g_test_message ("icon %s", icon_name);
          g_assert_true (rapport_test_find_icon (theme, icon_name));
        }
    }

  g_type_class_unref (enum_class);

  if (!g_file_test (theme, G_FILE_TEST_IS_DIR))
    g_test_incomplete ("The Adwaita icon theme is not installed; icon names were not checked");

  g_assert_cmpint (rapport_tip_category_from_nick (NULL), ==, RAPPORT_TIP_CATEGORY_ACTIVITY);
  g_assert_cmpint (rapport_tip_category_from_nick (""), ==, RAPPORT_TIP_CATEGORY_ACTIVITY);
  g_assert_cmpint (rapport_tip_category_from_nick ("Food"), ==, RAPPORT_TIP_CATEGORY_ACTIVITY);
  g_assert_cmpint (rapport_tip_category_from_nick ("bars"), ==, RAPPORT_TIP_CATEGORY_ACTIVITY);

  /* The search helper proves a wrong name fails. */
  g_assert_false (rapport_test_find_icon (theme, "emoji-coffee-cup-symbolic"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/tip/properties", test_properties);
  g_test_add_func ("/rapport/tip/null-strings", test_null_strings);
  g_test_add_func ("/rapport/tip/new-with-fields", test_new_with_fields);
  g_test_add_func ("/rapport/tip/notify", test_notify);
  g_test_add_func ("/rapport/tip/dup-assign", test_dup_assign);
  g_test_add_func ("/rapport/tip/validate", test_validate);
  g_test_add_func ("/rapport/tip/map-link", test_map_link);
  g_test_add_func ("/rapport/tip/category", test_category);

  return g_test_run ();
}
