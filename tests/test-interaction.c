/* test-interaction.c
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

#define G_LOG_DOMAIN "rapport-test-interaction"

#include "config.h"

#include <string.h>

#include "rapport-interaction.h"
#include "rapport-search-result.h"
#include "rapport-test-utils.h"

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

static void
assert_ids (RapportInteraction *interaction,
            const gint64       *expected,
            guint               n_expected)
{
  const gint64 *ids;
  guint n_ids = G_MAXUINT;

  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
  g_assert_cmpuint (n_ids, ==, n_expected);
  if (n_ids == n_expected && n_ids > 0)
    g_assert_cmpmem (ids, n_ids * sizeof (gint64), expected, n_expected * sizeof (gint64));
}

static RapportInteraction *
make_full_interaction (void)
{
  static const gint64 ids[] = { 9, 3, 5 };
  RapportInteraction *interaction;

  interaction = g_object_new (RAPPORT_TYPE_INTERACTION,
                              "id", (gint64) 21,
                              "kind", RAPPORT_INTERACTION_KIND_PEER_SUPPORT,
                              "occurred-at", (gint64) 1767225600,
                              "assignment-id", (gint64) 4,
                              "body", "Talked through the code blue.\nFollow up Friday.",
                              "created-at", (gint64) 1767229200,
                              NULL);
  rapport_interaction_set_colleague_ids (interaction, ids, G_N_ELEMENTS (ids));

  return interaction;
}

static void
assert_same_interaction (RapportInteraction *a,
                         RapportInteraction *b)
{
  const gint64 *ids;
  guint n_ids;

  g_assert_cmpint (rapport_interaction_get_kind (a), ==, rapport_interaction_get_kind (b));
  g_assert_cmpint (rapport_interaction_get_occurred_at (a), ==,
                   rapport_interaction_get_occurred_at (b));
  g_assert_cmpint (rapport_interaction_get_assignment_id (a), ==,
                   rapport_interaction_get_assignment_id (b));
  g_assert_cmpstr (rapport_interaction_get_body (a), ==, rapport_interaction_get_body (b));
  g_assert_cmpint (rapport_interaction_get_created_at (a), ==,
                   rapport_interaction_get_created_at (b));
  ids = rapport_interaction_get_colleague_ids (b, &n_ids);
  assert_ids (a, ids, n_ids);
}

static void
test_properties (void)
{
  RapportInteraction *interaction = make_full_interaction ();
  static const gint64 sorted[] = { 3, 5, 9 };
  RapportInteractionKind kind = RAPPORT_INTERACTION_KIND_OTHER;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *body = NULL;
  gint64 occurred_at = 0;
  GParamSpec *pspec;

  g_assert_cmpint (rapport_interaction_get_id (interaction), ==, 21);
  g_assert_cmpint (rapport_interaction_get_kind (interaction), ==,
                   RAPPORT_INTERACTION_KIND_PEER_SUPPORT);
  g_assert_cmpint (rapport_interaction_get_occurred_at (interaction), ==, 1767225600);
  g_assert_cmpint (rapport_interaction_get_assignment_id (interaction), ==, 4);
  g_assert_cmpstr (rapport_interaction_get_body (interaction), ==,
                   "Talked through the code blue.\nFollow up Friday.");
  g_assert_cmpint (rapport_interaction_get_created_at (interaction), ==, 1767229200);
  assert_ids (interaction, sorted, G_N_ELEMENTS (sorted));

  g_object_get (interaction,
                "kind", &kind,
                "occurred-at", &occurred_at,
                "body", &body,
                "colleague-ids", &ids,
                NULL);
  g_assert_cmpint (kind, ==, RAPPORT_INTERACTION_KIND_PEER_SUPPORT);
  g_assert_cmpint (occurred_at, ==, 1767225600);
  g_assert_cmpstr (body, ==, "Talked through the code blue.\nFollow up Friday.");
  g_assert_nonnull (ids);
  if (ids != NULL)
    {
      g_assert_cmpuint (ids->len, ==, 3);
      g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), sorted, sizeof sorted);

      /* The property hands out a copy: changing it leaves the interaction alone. */
      g_array_index (ids, gint64, 0) = 100;
      assert_ids (interaction, sorted, G_N_ELEMENTS (sorted));
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (interaction), "kind");
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == RAPPORT_TYPE_INTERACTION_KIND);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (interaction), "colleague-ids");
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_ARRAY);

  g_assert_finalize_object (interaction);

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_CALL, 1767000000);
  g_assert_cmpint (rapport_interaction_get_kind (interaction), ==, RAPPORT_INTERACTION_KIND_CALL);
  g_assert_cmpint (rapport_interaction_get_occurred_at (interaction), ==, 1767000000);
  g_assert_cmpint (rapport_interaction_get_id (interaction), ==, 0);
  g_assert_cmpint (rapport_interaction_get_assignment_id (interaction), ==, 0);
  g_assert_cmpstr (rapport_interaction_get_body (interaction), ==, "");
  assert_ids (interaction, NULL, 0);
  rapport_interaction_set_body (interaction, "x");
  rapport_interaction_set_body (interaction, NULL);
  g_object_set (interaction, "body", NULL, NULL);
  g_assert_cmpstr (rapport_interaction_get_body (interaction), ==, "");
  g_assert_finalize_object (interaction);
}

static void
test_colleague_ids (void)
{
  RapportInteraction *interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_MEAL,
                                                             1767225600);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  static const gint64 messy[] = { 42, 7, -3, 7, 0, 19, 42, 1, 7 };
  static const gint64 clean[] = { 1, 7, 19, 42 };
  static const gint64 same_set[] = { 19, 1, 42, 7, 19 };
  static const gint64 big[] = { G_MAXINT64, 2, G_MAXINT64 - 1 };
  static const gint64 big_sorted[] = { 2, G_MAXINT64 - 1, G_MAXINT64 };
  static const gint64 nobody[] = { 0, -1, G_MININT64 };
  g_autoptr(GArray) boxed = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_signal_connect (interaction, "notify", G_CALLBACK (count_notify_cb), counts);

  /* Empty to empty is no change. */
  rapport_interaction_set_colleague_ids (interaction, NULL, 0);
  rapport_interaction_set_colleague_ids (interaction, nobody, G_N_ELEMENTS (nobody));
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_interaction_set_colleague_ids (interaction, messy, G_N_ELEMENTS (messy));
  assert_ids (interaction, clean, G_N_ELEMENTS (clean));
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 1);

  /* The same set in another order, with repeats, is no change. */
  rapport_interaction_set_colleague_ids (interaction, same_set, G_N_ELEMENTS (same_set));
  rapport_interaction_set_colleague_ids (interaction, clean, G_N_ELEMENTS (clean));
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 1);

  g_assert_true (rapport_interaction_has_colleague (interaction, 1));
  g_assert_true (rapport_interaction_has_colleague (interaction, 7));
  g_assert_true (rapport_interaction_has_colleague (interaction, 19));
  g_assert_true (rapport_interaction_has_colleague (interaction, 42));
  g_assert_false (rapport_interaction_has_colleague (interaction, 0));
  g_assert_false (rapport_interaction_has_colleague (interaction, 8));
  g_assert_false (rapport_interaction_has_colleague (interaction, 43));
  g_assert_false (rapport_interaction_has_colleague (interaction, -7));

  /* Large ids sort by value, not by a difference that overflows. */
  rapport_interaction_set_colleague_ids (interaction, big, G_N_ELEMENTS (big));
  assert_ids (interaction, big_sorted, G_N_ELEMENTS (big_sorted));
  g_assert_true (rapport_interaction_has_colleague (interaction, G_MAXINT64));
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 2);

  /* Through the boxed property: same rules. */
  g_array_append_vals (boxed, messy, G_N_ELEMENTS (messy));
  g_object_set (interaction, "colleague-ids", boxed, NULL);
  assert_ids (interaction, clean, G_N_ELEMENTS (clean));
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 3);
  g_object_set (interaction, "colleague-ids", boxed, NULL);
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 3);
  g_object_set (interaction, "colleague-ids", NULL, NULL);
  assert_ids (interaction, NULL, 0);
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 4);
  g_assert_false (rapport_interaction_has_colleague (interaction, 1));

  g_assert_cmpuint (notify_total (counts), ==, 4);

  g_signal_handlers_disconnect_by_data (interaction, counts);
  g_assert_finalize_object (interaction);
}

static void
test_notify (void)
{
  RapportInteraction *interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                                             1767225600);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (interaction, "notify", G_CALLBACK (count_notify_cb), counts);

  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_COFFEE);
  rapport_interaction_set_occurred_at (interaction, 1767225600);
  rapport_interaction_set_assignment_id (interaction, 0);
  rapport_interaction_set_body (interaction, "");
  rapport_interaction_set_body (interaction, NULL);
  rapport_interaction_set_id (interaction, 0);
  rapport_interaction_set_created_at (interaction, 0);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_GROUP_CHAT);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_GROUP_CHAT);
  g_object_set (interaction, "occurred-at", (gint64) 1767300000, NULL);
  rapport_interaction_set_occurred_at (interaction, 1767300000);
  rapport_interaction_set_assignment_id (interaction, 2);
  rapport_interaction_set_body (interaction, "Planned the hike");
  rapport_interaction_set_body (interaction, "Planned the hike");
  rapport_interaction_set_id (interaction, 11);
  rapport_interaction_set_created_at (interaction, 3);
  g_assert_cmpuint (notify_count (counts, "kind"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "occurred-at"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "assignment-id"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "body"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "id"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "created-at"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 6);

  g_signal_handlers_disconnect_by_data (interaction, counts);
  g_assert_finalize_object (interaction);
}

static void
test_dup_assign (void)
{
  RapportInteraction *original = make_full_interaction ();
  RapportInteraction *copy = rapport_interaction_dup (original);
  RapportInteraction *target = rapport_interaction_new (RAPPORT_INTERACTION_KIND_OTHER, 1);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  static const gint64 other_ids[] = { 3, 5 };
  static const gint64 one_id[] = { 77 };

  g_assert_true (copy != original);
  g_assert_cmpint (rapport_interaction_get_id (copy), ==, 21);
  assert_same_interaction (original, copy);

  /* The copy owns its own ids. */
  rapport_interaction_set_colleague_ids (copy, one_id, G_N_ELEMENTS (one_id));
  g_assert_true (rapport_interaction_has_colleague (original, 9));
  g_assert_false (rapport_interaction_has_colleague (original, 77));

  rapport_interaction_set_id (target, 2);
  rapport_interaction_assign (target, original);
  g_assert_cmpint (rapport_interaction_get_id (target), ==, 2);
  assert_same_interaction (original, target);

  g_signal_connect (target, "notify", G_CALLBACK (count_notify_cb), counts);
  rapport_interaction_assign (target, original);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  rapport_interaction_set_colleague_ids (original, other_ids, G_N_ELEMENTS (other_ids));
  rapport_interaction_set_kind (original, RAPPORT_INTERACTION_KIND_MEETING);
  rapport_interaction_set_id (original, 500);
  rapport_interaction_assign (target, original);
  g_assert_cmpuint (notify_count (counts, "colleague-ids"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "kind"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 2);
  g_assert_cmpint (rapport_interaction_get_id (target), ==, 2);
  assert_ids (target, other_ids, G_N_ELEMENTS (other_ids));

  g_signal_handlers_disconnect_by_data (target, counts);
  g_assert_finalize_object (original);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (target);
}

static void
assert_invalid (RapportInteraction      *interaction,
                RapportInteractionError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_interaction_validate (interaction, &error));
  g_assert_error (error, RAPPORT_INTERACTION_ERROR, (int) code);
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");
}

static void
test_validate (void)
{
  g_autoptr(RapportInteraction) interaction = make_full_interaction ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) last_moment = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *long_body = NULL;
  static const gint64 one[] = { 5 };

  g_assert_true (rapport_interaction_validate (interaction, &error));
  g_assert_no_error (error);

  /* Colleagues */
  rapport_interaction_set_colleague_ids (interaction, NULL, 0);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_COLLEAGUE_REQUIRED);
  {
    g_autoptr(GError) required = NULL;

    rapport_interaction_validate (interaction, &required);
    g_assert_nonnull (required);
    if (required != NULL)
      g_assert_cmpstr (required->message, ==, "Choose at least one colleague");
  }
  rapport_interaction_set_colleague_ids (interaction, one, G_N_ELEMENTS (one));
  g_assert_true (rapport_interaction_validate (interaction, NULL));

  for (gint64 id = 1; id <= RAPPORT_MAX_INTERACTION_COLLEAGUES + 1; id++)
    g_array_append_val (many, id);
  rapport_interaction_set_colleague_ids (interaction, (const gint64 *) (gpointer) many->data,
                                         many->len);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_TOO_MANY_COLLEAGUES);
  rapport_interaction_set_colleague_ids (interaction, (const gint64 *) (gpointer) many->data,
                                         many->len - 1);
  g_assert_true (rapport_interaction_validate (interaction, NULL));
  rapport_interaction_set_colleague_ids (interaction, one, G_N_ELEMENTS (one));

  /* Time */
  rapport_interaction_set_occurred_at (interaction, 0);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_INVALID_TIME);
  rapport_interaction_set_occurred_at (interaction, -86400);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_INVALID_TIME);
  rapport_interaction_set_occurred_at (interaction, G_MAXINT64);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_INVALID_TIME);
  rapport_interaction_set_occurred_at (interaction, g_date_time_to_unix (last_moment) + 1);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_INVALID_TIME);
  rapport_interaction_set_occurred_at (interaction, g_date_time_to_unix (last_moment));
  g_assert_true (rapport_interaction_validate (interaction, NULL));
  rapport_interaction_set_occurred_at (interaction, 1);
  g_assert_true (rapport_interaction_validate (interaction, NULL));
  rapport_interaction_set_occurred_at (interaction, 1767225600);

  /* The note may hold newlines, but must be text and not too long. */
  rapport_interaction_set_body (interaction, "line\nline\r\n\ttab");
  g_assert_true (rapport_interaction_validate (interaction, NULL));
  rapport_interaction_set_body (interaction, "bad \xc0\x80 bytes");
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_INVALID_TEXT);

  long_body = g_strnfill (RAPPORT_MAX_NOTES_LENGTH + 1, 'b');
  rapport_interaction_set_body (interaction, long_body);
  assert_invalid (interaction, RAPPORT_INTERACTION_ERROR_TOO_LONG);
  long_body[RAPPORT_MAX_NOTES_LENGTH] = '\0';
  rapport_interaction_set_body (interaction, long_body);
  g_assert_true (rapport_interaction_validate (interaction, NULL));

  /* No assignment is fine. */
  rapport_interaction_set_assignment_id (interaction, 0);
  g_assert_true (rapport_interaction_validate (interaction, NULL));
}

static void
test_kind (void)
{
  static const char *nicks[] = {
    "coffee", "meal", "shared-shift", "call", "message", "group-chat", "meeting", "peer-support",
    "other",
  };
  static const char *labels[] = {
    "Coffee", "Meal", "Shared Shift", "Call", "Message", "Group Chat", "Meeting",
    "Peer-Support Session", "Other",
  };
  const char *theme = "/usr/share/icons/Adwaita";
  GEnumClass *enum_class;

  G_STATIC_ASSERT (G_N_ELEMENTS (nicks) == RAPPORT_N_INTERACTION_KINDS);

  enum_class = g_type_class_ref (RAPPORT_TYPE_INTERACTION_KIND);
  g_assert_cmpuint (enum_class->n_values, ==, RAPPORT_N_INTERACTION_KINDS);

  for (guint i = 0; i < RAPPORT_N_INTERACTION_KINDS; i++)
    {
      const char *icon_name = rapport_interaction_kind_to_icon_name (i);
      GEnumValue *value;

      g_assert_cmpstr (rapport_interaction_kind_to_nick (i), ==, nicks[i]);
      g_assert_cmpint (rapport_interaction_kind_from_nick (nicks[i]), ==, i);
      g_assert_cmpstr (rapport_interaction_kind_to_label (i), ==, labels[i]);

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

  g_assert_cmpint (rapport_interaction_kind_from_nick (NULL), ==, RAPPORT_INTERACTION_KIND_OTHER);
  g_assert_cmpint (rapport_interaction_kind_from_nick (""), ==, RAPPORT_INTERACTION_KIND_OTHER);
  g_assert_cmpint (rapport_interaction_kind_from_nick ("Coffee"), ==,
                   RAPPORT_INTERACTION_KIND_OTHER);
  g_assert_cmpint (rapport_interaction_kind_from_nick ("peer_support"), ==,
                   RAPPORT_INTERACTION_KIND_OTHER);
}

static void
test_item_kind (void)
{
  static const struct
  {
    RapportItemKind  kind;
    const char      *nick;
    const char      *label;
  } kinds[] = {
    { RAPPORT_ITEM_KIND_COLLEAGUE,   "colleague",   "Colleagues" },
    { RAPPORT_ITEM_KIND_ASSIGNMENT,  "assignment",  "Assignments" },
    { RAPPORT_ITEM_KIND_TIP,         "tip",         "Tips" },
    { RAPPORT_ITEM_KIND_INTERACTION, "interaction", "Journal" },
    { RAPPORT_ITEM_KIND_REMINDER,    "reminder",    "Reminders" },
  };
  GEnumClass *enum_class = g_type_class_ref (RAPPORT_TYPE_ITEM_KIND);

  g_assert_cmpuint (enum_class->n_values, ==, G_N_ELEMENTS (kinds));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (enum_class, kinds[i].nick);

      g_assert_nonnull (value);
      if (value != NULL)
        g_assert_cmpint (value->value, ==, kinds[i].kind);
      g_assert_cmpstr (rapport_item_kind_to_group_label (kinds[i].kind), ==, kinds[i].label);
    }

  g_type_class_unref (enum_class);
}

static void
test_search_result (void)
{
  RapportSearchResult *result;
  RapportItemKind kind = RAPPORT_ITEM_KIND_COLLEAGUE;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GParamSpec *pspec;
  gint64 id = 0;

  result = rapport_search_result_new (RAPPORT_ITEM_KIND_TIP, 17, "Badge office",
                                      "Hospital Logistics · Mercy");
  g_assert_cmpint (rapport_search_result_get_kind (result), ==, RAPPORT_ITEM_KIND_TIP);
  g_assert_cmpint (rapport_search_result_get_id (result), ==, 17);
  g_assert_cmpstr (rapport_search_result_get_title (result), ==, "Badge office");
  g_assert_cmpstr (rapport_search_result_get_subtitle (result), ==, "Hospital Logistics · Mercy");

  g_object_get (result,
                "kind", &kind,
                "id", &id,
                "title", &title,
                "subtitle", &subtitle,
                NULL);
  g_assert_cmpint (kind, ==, RAPPORT_ITEM_KIND_TIP);
  g_assert_cmpint (id, ==, 17);
  g_assert_cmpstr (title, ==, "Badge office");
  g_assert_cmpstr (subtitle, ==, "Hospital Logistics · Mercy");

  /* Immutable: every property is construct-only. */
  for (guint i = 0; i < 4; i++)
    {
      static const char *names[] = { "kind", "id", "title", "subtitle" };

      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (result), names[i]);
      g_assert_nonnull (pspec);
      if (pspec != NULL)
        {
          g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
          g_assert_true (pspec->flags & G_PARAM_READABLE);
        }
    }
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (result), "kind");
  if (pspec != NULL)
    g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == RAPPORT_TYPE_ITEM_KIND);

  g_assert_finalize_object (result);

  result = rapport_search_result_new (RAPPORT_ITEM_KIND_REMINDER, 3, NULL, NULL);
  g_assert_cmpstr (rapport_search_result_get_title (result), ==, "");
  g_assert_cmpstr (rapport_search_result_get_subtitle (result), ==, "");
  g_assert_finalize_object (result);

  result = g_object_new (RAPPORT_TYPE_SEARCH_RESULT, NULL);
  g_assert_cmpint (rapport_search_result_get_kind (result), ==, RAPPORT_ITEM_KIND_COLLEAGUE);
  g_assert_cmpint (rapport_search_result_get_id (result), ==, 0);
  g_assert_cmpstr (rapport_search_result_get_title (result), ==, "");
  g_assert_finalize_object (result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/rapport/interaction/properties", test_properties);
  g_test_add_func ("/rapport/interaction/colleague-ids", test_colleague_ids);
  g_test_add_func ("/rapport/interaction/notify", test_notify);
  g_test_add_func ("/rapport/interaction/dup-assign", test_dup_assign);
  g_test_add_func ("/rapport/interaction/validate", test_validate);
  g_test_add_func ("/rapport/interaction/kind", test_kind);
  g_test_add_func ("/rapport/interaction/item-kind", test_item_kind);
  g_test_add_func ("/rapport/interaction/search-result", test_search_result);

  return g_test_run ();
}
