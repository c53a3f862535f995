/* rapport-store.c
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

#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rapport-store-private.h"

G_DEFINE_FINAL_TYPE (RapportStore, rapport_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-store-error-quark, rapport_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colleagues. Parameter numbers are shared by the INSERT and UPDATE statements. */
enum {
  PARAM_ID = 1,
  PARAM_NAME,
  PARAM_ROLE,
  PARAM_SPECIALTY,
  PARAM_ORGANIZATION,
  PARAM_PHONE,
  PARAM_EMAIL,
  PARAM_MESSAGING,
  PARAM_INTERESTS,
  PARAM_SUPPORT_KIND,
  PARAM_BIRTHDAY,
  PARAM_NOTES,
  PARAM_CADENCE_DAYS,
  PARAM_ARCHIVED,
  PARAM_CREATED_AT,
  PARAM_UPDATED_AT,
};

/* last_interaction_at is kept by the database's triggers (see the schema), never written here.
 * The photo and the raw vCard are in colleague_card, read only when asked for (see
 * rapport_store_ensure_colleague_card). */
#define COLLEAGUE_COLUMNS \
  "id, name, role, specialty, organization, phone, email, messaging, interests," \
  " support_kind, birthday, notes, cadence_days, archived, created_at, updated_at," \
  " last_interaction_at"

static const char select_colleagues_sql[] =
  "SELECT " COLLEAGUE_COLUMNS " FROM colleague ORDER BY id";

static const char select_colleague_sql[] =
  "SELECT " COLLEAGUE_COLUMNS " FROM colleague WHERE id = ?1";

static const char insert_colleague_sql[] =
  "INSERT INTO colleague (id, name, role, specialty, organization, phone, email, messaging,"
  " interests, support_kind, birthday, notes, cadence_days, archived, created_at, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

static const char update_colleague_sql[] =
  "UPDATE colleague SET name = ?2, role = ?3, specialty = ?4, organization = ?5, phone = ?6,"
  " email = ?7, messaging = ?8, interests = ?9, support_kind = ?10, birthday = ?11,"
  " notes = ?12, cadence_days = ?13, archived = ?14, updated_at = ?16"
  " WHERE id = ?1";

static const char set_archived_sql[] =
  "UPDATE colleague SET archived = ?2, updated_at = ?3 WHERE id = ?1";

static const char delete_colleague_sql[] =
  "DELETE FROM colleague WHERE id = ?1";

/* A colleague's card, their photo and imported vCard: a row only for those with either. Only
 * the parts a colleague object has read are written (see write_colleague_card). */
static const char select_colleague_card_sql[] =
  "SELECT photo, raw_vcard FROM colleague_card WHERE colleague_id = ?1";

static const char select_colleague_cards_sql[] =
  "SELECT colleague_id, photo, raw_vcard FROM colleague_card ORDER BY colleague_id";

/* Plain INSERT and UPDATE: INSERT OR REPLACE took several times as long per row in an import. */
static const char insert_colleague_card_sql[] =
  "INSERT INTO colleague_card (colleague_id, photo, raw_vcard) VALUES (?1, ?2, ?3)";

static const char update_colleague_card_sql[] =
  "UPDATE colleague_card SET photo = ?2, raw_vcard = ?3 WHERE colleague_id = ?1";

/* One part read: the other is kept. */
static const char update_colleague_photo_sql[] =
  "UPDATE colleague_card SET photo = ?2 WHERE colleague_id = ?1";

static const char update_colleague_raw_vcard_sql[] =
  "UPDATE colleague_card SET raw_vcard = ?3 WHERE colleague_id = ?1";

static const char delete_colleague_card_sql[] =
  "DELETE FROM colleague_card WHERE colleague_id = ?1";

static const char delete_empty_colleague_card_sql[] =
  "DELETE FROM colleague_card WHERE colleague_id = ?1"
  " AND photo IS NULL AND raw_vcard IS NULL";

/* Assignments */
enum {
  ASSIGNMENT_ID = 1,
  ASSIGNMENT_FACILITY,
  ASSIGNMENT_UNIT,
  ASSIGNMENT_CITY,
  ASSIGNMENT_REGION,
  ASSIGNMENT_COUNTRY,
  ASSIGNMENT_TZ,
  ASSIGNMENT_STARTS_ON,
  ASSIGNMENT_ENDS_ON,
  ASSIGNMENT_AGENCY,
  ASSIGNMENT_NOTES,
  ASSIGNMENT_CREATED_AT,
  ASSIGNMENT_UPDATED_AT,
};

#define ASSIGNMENT_COLUMNS \
  "id, facility, unit, city, region, country, tz, starts_on, ends_on, agency, notes," \
  " created_at, updated_at"

static const char select_assignments_sql[] =
  "SELECT " ASSIGNMENT_COLUMNS " FROM assignment ORDER BY id";

static const char select_assignment_sql[] =
  "SELECT " ASSIGNMENT_COLUMNS " FROM assignment WHERE id = ?1";

static const char insert_assignment_sql[] =
  "INSERT INTO assignment (" ASSIGNMENT_COLUMNS ")"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char update_assignment_sql[] =
  "UPDATE assignment SET facility = ?2, unit = ?3, city = ?4, region = ?5, country = ?6,"
  " tz = ?7, starts_on = ?8, ends_on = ?9, agency = ?10, notes = ?11, updated_at = ?13"
  " WHERE id = ?1";

static const char delete_assignment_sql[] =
  "DELETE FROM assignment WHERE id = ?1";

/* Tips */
enum {
  TIP_ID = 1,
  TIP_ASSIGNMENT_ID,
  TIP_CATEGORY,
  TIP_TITLE,
  TIP_BODY,
  TIP_ADDRESS,
  TIP_LINK,
  TIP_RECOMMENDED_BY,
  TIP_TRIED,
  TIP_CREATED_AT,
};

#define TIP_COLUMNS \
  "id, assignment_id, category, title, body, address, geo_uri, recommended_by, tried, created_at"

static const char select_tips_sql[] =
  "SELECT " TIP_COLUMNS " FROM tip ORDER BY id";

static const char select_tip_sql[] =
  "SELECT " TIP_COLUMNS " FROM tip WHERE id = ?1";

static const char insert_tip_sql[] =
  "INSERT INTO tip (" TIP_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

static const char update_tip_sql[] =
  "UPDATE tip SET assignment_id = ?2, category = ?3, title = ?4, body = ?5, address = ?6,"
  " geo_uri = ?7, recommended_by = ?8, tried = ?9 WHERE id = ?1";

static const char set_tip_tried_sql[] =
  "UPDATE tip SET tried = ?2 WHERE id = ?1";

static const char delete_tip_sql[] =
  "DELETE FROM tip WHERE id = ?1";

/* Interactions */
enum {
  INTERACTION_ID = 1,
  INTERACTION_OCCURRED_AT,
  INTERACTION_KIND,
  INTERACTION_ASSIGNMENT_ID,
  INTERACTION_BODY,
  INTERACTION_CREATED_AT,
};

#define INTERACTION_COLUMNS "id, occurred_at, kind, assignment_id, body, created_at"

static const char select_interactions_sql[] =
  "SELECT " INTERACTION_COLUMNS " FROM interaction ORDER BY id";

static const char select_interaction_sql[] =
  "SELECT " INTERACTION_COLUMNS " FROM interaction WHERE id = ?1";

static const char select_all_interaction_colleagues_sql[] =
  "SELECT interaction_id, colleague_id FROM interaction_colleague"
  " ORDER BY interaction_id, colleague_id";

static const char select_last_interaction_at_sql[] =
  "SELECT last_interaction_at FROM colleague WHERE id = ?1";
/* Newest first; of two at the same moment, the one logged last. */
static const char select_colleague_interaction_ids_sql[] =
  "SELECT i.id FROM interaction_colleague ic JOIN interaction i ON i.id = ic.interaction_id"
  " WHERE ic.colleague_id = ?1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2";
static const char select_assignment_interaction_ids_sql[] =
  "SELECT id FROM interaction WHERE assignment_id = ?1 ORDER BY occurred_at DESC, id DESC"
  " LIMIT ?2";
/* Of two at the same moment, the one logged last. */
static const char select_last_interaction_id_sql[] =
  "SELECT i.id FROM interaction_colleague ic JOIN interaction i ON i.id = ic.interaction_id"
  " WHERE ic.colleague_id = ?1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1";
static const char select_interaction_colleagues_sql[] =
  "SELECT colleague_id FROM interaction_colleague WHERE interaction_id = ?1"
  " ORDER BY colleague_id";
/* The times of the entries in [?1, ?2], read from the index alone, in order. */
static const char select_interaction_times_sql[] =
  "SELECT occurred_at FROM interaction WHERE occurred_at BETWEEN ?1 AND ?2 ORDER BY occurred_at";
/* The colleagues linked to assignment ?1, and how many of them an entry in [?2, ?3] names. */
static const char count_assignment_colleagues_sql[] =
  "SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM interaction_colleague ic"
  "   JOIN interaction i ON i.id = ic.interaction_id"
  "   WHERE ic.colleague_id = ca.colleague_id AND i.occurred_at BETWEEN ?2 AND ?3)), 0)"
  " FROM colleague_assignment ca WHERE ca.assignment_id = ?1";

static const char insert_interaction_sql[] =
  "INSERT INTO interaction (" INTERACTION_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char update_interaction_sql[] =
  "UPDATE interaction SET occurred_at = ?2, kind = ?3, assignment_id = ?4, body = ?5"
  " WHERE id = ?1";

static const char delete_interaction_sql[] =
  "DELETE FROM interaction WHERE id = ?1";

static const char insert_interaction_colleague_sql[] =
  "INSERT INTO interaction_colleague (interaction_id, colleague_id) VALUES (?1, ?2)";

static const char delete_interaction_colleagues_sql[] =
  "DELETE FROM interaction_colleague WHERE interaction_id = ?1";

/* Reminders */
enum {
  REMINDER_ID = 1,
  REMINDER_TITLE,
  REMINDER_NOTES,
  REMINDER_COLLEAGUE_ID,
  REMINDER_ASSIGNMENT_ID,
  REMINDER_DUE_AT,
  REMINDER_TZ,
  REMINDER_RRULE,
  REMINDER_SNOOZED_UNTIL,
  REMINDER_COMPLETED_AT,
  REMINDER_NOTIFIED_AT,
  REMINDER_CREATED_AT,
};

#define REMINDER_COLUMNS \
  "id, title, notes, colleague_id, assignment_id, due_at, tz, rrule, snoozed_until," \
  " completed_at, notified_at, created_at"

static const char select_reminders_sql[] =
  "SELECT " REMINDER_COLUMNS " FROM reminder ORDER BY id";

static const char select_reminder_sql[] =
  "SELECT " REMINDER_COLUMNS " FROM reminder WHERE id = ?1";

static const char insert_reminder_sql[] =
  "INSERT INTO reminder (" REMINDER_COLUMNS ")"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

static const char update_reminder_sql[] =
  "UPDATE reminder SET title = ?2, notes = ?3, colleague_id = ?4, assignment_id = ?5,"
  " due_at = ?6, tz = ?7, rrule = ?8, snoozed_until = ?9 WHERE id = ?1";

/* Done, snoozed and notified: the state columns, written together. */
static const char set_reminder_state_sql[] =
  "UPDATE reminder SET due_at = ?6, snoozed_until = ?9, completed_at = ?10, notified_at = ?11"
  " WHERE id = ?1";

static const char delete_reminder_sql[] =
  "DELETE FROM reminder WHERE id = ?1";

/* "Met at" links */
static const char link_colleague_sql[] =
  "INSERT OR REPLACE INTO colleague_assignment (colleague_id, assignment_id, met_on)"
  " VALUES (?1, ?2, ?3)";

static const char unlink_colleague_sql[] =
  "DELETE FROM colleague_assignment WHERE colleague_id = ?1 AND assignment_id = ?2";

static const char select_met_on_sql[] =
  "SELECT met_on FROM colleague_assignment WHERE colleague_id = ?1 AND assignment_id = ?2";

static const char select_assignment_colleagues_sql[] =
  "SELECT colleague_id FROM colleague_assignment WHERE assignment_id = ?1"
  " ORDER BY colleague_id";

static const char select_colleague_assignments_sql[] =
  "SELECT assignment_id FROM colleague_assignment WHERE colleague_id = ?1"
  " ORDER BY assignment_id";

/* What deletes keep for undo: each with ?1 = the deleted item's id. */
static const char capture_colleague_sql[] =
  "SELECT * FROM colleague WHERE id = ?1";
static const char capture_colleague_card_sql[] =
  "SELECT * FROM colleague_card WHERE colleague_id = ?1";
static const char capture_colleague_links_sql[] =
  "SELECT * FROM colleague_assignment WHERE colleague_id = ?1";
static const char capture_colleague_interaction_links_sql[] =
  "SELECT * FROM interaction_colleague WHERE colleague_id = ?1";
static const char capture_assignment_sql[] =
  "SELECT * FROM assignment WHERE id = ?1";
static const char capture_assignment_tips_sql[] =
  "SELECT * FROM tip WHERE assignment_id = ?1";
static const char capture_assignment_links_sql[] =
  "SELECT * FROM colleague_assignment WHERE assignment_id = ?1";
static const char capture_tip_sql[] =
  "SELECT * FROM tip WHERE id = ?1";
static const char capture_interaction_sql[] =
  "SELECT * FROM interaction WHERE id = ?1";
static const char capture_interaction_links_sql[] =
  "SELECT * FROM interaction_colleague WHERE interaction_id = ?1";
static const char capture_reminder_sql[] =
  "SELECT * FROM reminder WHERE id = ?1";

/* How a row of one kind is kept for undo and deleted. */
typedef struct
{
  RapportItemKind  kind;
  const char      *table;
  const char      *capture_sql;
  const char      *delete_sql;
  /* Link rows that the foreign keys delete with the row (links_table NULL: none); their
   * links_column holds the row's id. */
  const char      *links_table;
  const char      *links_column;
  const char      *capture_links_sql;
} RowKind;

/* The card goes with the row through its foreign key. */
static const RowKind colleague_rows = {
  RAPPORT_ITEM_KIND_COLLEAGUE, "colleague", capture_colleague_sql, delete_colleague_sql,
  "colleague_card", "colleague_id", capture_colleague_card_sql,
};
static const RowKind assignment_rows = {
  RAPPORT_ITEM_KIND_ASSIGNMENT, "assignment", capture_assignment_sql, delete_assignment_sql,
  NULL, NULL, NULL,
};
static const RowKind tip_rows = {
  RAPPORT_ITEM_KIND_TIP, "tip", capture_tip_sql, delete_tip_sql, NULL, NULL, NULL,
};
static const RowKind interaction_rows = {
  RAPPORT_ITEM_KIND_INTERACTION, "interaction", capture_interaction_sql, delete_interaction_sql,
  "interaction_colleague", "interaction_id", capture_interaction_links_sql,
};
/* An entry that goes with the only colleague it names: that colleague's delete keeps the link. */
static const RowKind solo_interaction_rows = {
  RAPPORT_ITEM_KIND_INTERACTION, "interaction", capture_interaction_sql, delete_interaction_sql,
  NULL, NULL, NULL,
};
static const RowKind reminder_rows = {
  RAPPORT_ITEM_KIND_REMINDER, "reminder", capture_reminder_sql, delete_reminder_sql,
  NULL, NULL, NULL,
};

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
text_or_empty (const unsigned char *text)
{
  return text != NULL ? (const char *) text : "";
}

static gboolean
bind_text (sqlite3_stmt *stmt,
           int           param,
           const char   *text)
{
  return sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

/* Dates that are not known are NULL in the database, "" in the objects. */
static gboolean
bind_text_or_null (sqlite3_stmt *stmt,
                   int           param,
                   const char   *text)
{
  if (text == NULL || text[0] == '\0')
    return sqlite3_bind_null (stmt, param) == SQLITE_OK;

  return bind_text (stmt, param, text);
}

/* No photo is NULL in the database. */
static gboolean
bind_bytes_or_null (sqlite3_stmt *stmt,
                    int           param,
                    GBytes       *bytes)
{
  gsize size;
  gconstpointer data;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return sqlite3_bind_null (stmt, param) == SQLITE_OK;

  data = g_bytes_get_data (bytes, &size);

  return sqlite3_bind_blob (stmt, param, data, (int) size, SQLITE_TRANSIENT) == SQLITE_OK;
}

static gboolean
bind_int64 (sqlite3_stmt *stmt,
            int           param,
            gint64        value)
{
  return sqlite3_bind_int64 (stmt, param, value) == SQLITE_OK;
}

/* Optional references: 0 means none, which is NULL in the database. */
static gboolean
bind_id_or_null (sqlite3_stmt *stmt,
                 int           param,
                 gint64        id)
{
  if (id <= 0)
    return sqlite3_bind_null (stmt, param) == SQLITE_OK;

  return bind_int64 (stmt, param, id);
}

/* Optional moments: 0 means not set, which is NULL in the database. */
static gboolean
bind_time_or_null (sqlite3_stmt *stmt,
                   int           param,
                   gint64        seconds)
{
  if (seconds == 0)
    return sqlite3_bind_null (stmt, param) == SQLITE_OK;

  return bind_int64 (stmt, param, seconds);
}

static gboolean
run_with_id (RapportStore  *self,
             const char    *sql,
             gint64         id,
             GError       **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = rapport_database_prepare (self->database, sql, error)))
    return FALSE;

  return rapport_store_step_done (self, stmt, bind_int64 (stmt, 1, id), error);
}

/* The id for a new row of collection's table. The tables have no AUTOINCREMENT, so SQLite
 * alone would give the newest row's id again after that row was deleted. */
static gboolean
next_id (RapportStoreCollection  *collection,
         gint64                  *id,
         GError                 **error)
{
  if (collection->max_id == G_MAXINT64)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           _("The journal cannot number any more entries of this kind, so "
                             "nothing was added."));
      return FALSE;
    }

  *id = collection->max_id + 1;

  return TRUE;
}

/* A value object's own check, reported in the store's domain with its message. */
static gboolean
propagate_invalid (gboolean   valid,
                   GError    *local_error,
                   GError   **error)
{
  if (valid)
    return TRUE;

  g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                       local_error != NULL ? local_error->message : _("The entry is not valid."));
  return FALSE;
}

static gboolean
check_colleague (RapportColleague  *colleague,
                 char             **birthday,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean valid = rapport_colleague_validate (colleague, &local_error);

  if (!propagate_invalid (valid, local_error, error))
    return FALSE;

  /* validate() accepted it, so this only normalises "MM-DD". */
  return rapport_validate_birthday (rapport_colleague_get_birthday (colleague), birthday);
}

static void
set_not_found (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND, message);
}

static void
set_item_not_found (GError          **error,
                    RapportItemKind   kind)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      set_not_found (error, _("This colleague is no longer in the journal. It may have been "
                              "deleted; look for them again in the list."));
      break;
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      set_not_found (error, _("This assignment is no longer in the journal. It may have been "
                              "deleted; look for it again in the list."));
      break;
    case RAPPORT_ITEM_KIND_TIP:
      set_not_found (error, _("This tip is no longer in the journal. It may have been deleted; "
                              "look for it again in the site’s tips."));
      break;
    case RAPPORT_ITEM_KIND_INTERACTION:
      set_not_found (error, _("This journal entry is no longer there. It may have been deleted; "
                              "look for it again in the journal."));
      break;
    case RAPPORT_ITEM_KIND_REMINDER:
      set_not_found (error, _("This reminder is no longer in the journal. It may have been "
                              "deleted; look for it again in the reminders."));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The model's item of kind with id, or NULL with NOT_FOUND set: every write starts here. */
static gpointer
find_or_not_found (RapportStore     *self,
                   RapportItemKind   kind,
                   gint64            id,
                   GError          **error)
{
  gpointer item = rapport_store_collection_lookup (rapport_store_get_collection (self, kind), id);

  if (item == NULL)
    set_item_not_found (error, kind);

  return item;
}

/* "YYYY-MM-DD" naming a real day. */
static gboolean
is_valid_date (const char *text)
{
  guint year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

static gint64
colleague_get_id (gpointer item)
{
  return rapport_colleague_get_id (item);
}

static gint64
assignment_get_id (gpointer item)
{
  return rapport_assignment_get_id (item);
}

static gint64
tip_get_id (gpointer item)
{
  return rapport_tip_get_id (item);
}

static gint64
interaction_get_id (gpointer item)
{
  return rapport_interaction_get_id (item);
}

static gint64
reminder_get_id (gpointer item)
{
  return rapport_reminder_get_id (item);
}

static void
collection_init (RapportStoreCollection *collection,
                 RapportItemKind         kind,
                 GType                   item_type)
{
  collection->kind = kind;
  collection->model = g_list_store_new (item_type);
  collection->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             g_object_unref);
}

static void
collection_clear (RapportStoreCollection *collection)
{
  g_clear_pointer (&collection->by_id, g_hash_table_unref);
  g_clear_object (&collection->model);
}

/* Where id is, or would go, in the id-ordered model. */
static guint
collection_position (RapportStoreCollection *collection,
                     gint64                  id,
                     gboolean               *found)
{
  GListModel *model = G_LIST_MODEL (collection->model);
  guint low = 0;
  guint high = g_list_model_get_n_items (model);

  *found = FALSE;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(GObject) item = g_list_model_get_item (model, middle);
      gint64 middle_id = rapport_store_item_get_id (collection->kind, item);

      if (middle_id == id)
        {
          *found = TRUE;
          return middle;
        }

      if (middle_id < id)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* Only for loading: the rows come ordered by id. */
static void
collection_splice (RapportStoreCollection *collection,
                   GPtrArray              *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = rapport_store_item_get_id (collection->kind, items->pdata[i]);
      collection->max_id = MAX (collection->max_id, *key);
      g_hash_table_replace (collection->by_id, key, g_object_ref (items->pdata[i]));
    }

  g_list_store_splice (collection->model, 0, 0, items->pdata, items->len);
}

/* Row readers: the columns of *_COLUMNS, in order. */
static RapportColleague *
read_colleague (sqlite3_stmt *stmt)
{
  /* Straight into the fields: the store makes one for every row at startup. */
  RapportColleagueFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .name = (const char *) sqlite3_column_text (stmt, 1),
    .role = (const char *) sqlite3_column_text (stmt, 2),
    .specialty = (const char *) sqlite3_column_text (stmt, 3),
    .organization = (const char *) sqlite3_column_text (stmt, 4),
    .phone = (const char *) sqlite3_column_text (stmt, 5),
    .email = (const char *) sqlite3_column_text (stmt, 6),
    .messaging = (const char *) sqlite3_column_text (stmt, 7),
    .interests = (const char *) sqlite3_column_text (stmt, 8),
    .support_kind = rapport_support_kind_from_nick ((const char *) sqlite3_column_text (stmt, 9)),
    .birthday = (const char *) sqlite3_column_text (stmt, 10),
    .notes = (const char *) sqlite3_column_text (stmt, 11),
    .cadence_days = (guint) CLAMP (sqlite3_column_int64 (stmt, 12), 0, G_MAXUINT),
    .archived = sqlite3_column_int64 (stmt, 13) != 0,
    .created_at = sqlite3_column_int64 (stmt, 14),
    .updated_at = sqlite3_column_int64 (stmt, 15),
    .last_interaction_at = sqlite3_column_int64 (stmt, 16),
    .card_not_read = TRUE,
  };

  return rapport_colleague_new_with_fields (&fields);
}

static RapportAssignment *
read_assignment (sqlite3_stmt *stmt)
{
  RapportAssignment *assignment = g_object_new (RAPPORT_TYPE_ASSIGNMENT, NULL);

  rapport_assignment_set_id (assignment, sqlite3_column_int64 (stmt, 0));
  rapport_assignment_set_facility (assignment, text_or_empty (sqlite3_column_text (stmt, 1)));
  rapport_assignment_set_unit (assignment, text_or_empty (sqlite3_column_text (stmt, 2)));
  rapport_assignment_set_city (assignment, text_or_empty (sqlite3_column_text (stmt, 3)));
  rapport_assignment_set_region (assignment, text_or_empty (sqlite3_column_text (stmt, 4)));
  rapport_assignment_set_country (assignment, text_or_empty (sqlite3_column_text (stmt, 5)));
  rapport_assignment_set_tz (assignment, text_or_empty (sqlite3_column_text (stmt, 6)));
  rapport_assignment_set_starts_on (assignment, text_or_empty (sqlite3_column_text (stmt, 7)));
  rapport_assignment_set_ends_on (assignment, text_or_empty (sqlite3_column_text (stmt, 8)));
  rapport_assignment_set_agency (assignment, text_or_empty (sqlite3_column_text (stmt, 9)));
  rapport_assignment_set_notes (assignment, text_or_empty (sqlite3_column_text (stmt, 10)));
  rapport_assignment_set_created_at (assignment, sqlite3_column_int64 (stmt, 11));
  rapport_assignment_set_updated_at (assignment, sqlite3_column_int64 (stmt, 12));

  return assignment;
}

static RapportTip *
read_tip (sqlite3_stmt *stmt)
{
  RapportTipFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .assignment_id = sqlite3_column_int64 (stmt, 1),
    .category = rapport_tip_category_from_nick ((const char *) sqlite3_column_text (stmt, 2)),
    .title = (const char *) sqlite3_column_text (stmt, 3),
    .body = (const char *) sqlite3_column_text (stmt, 4),
    .address = (const char *) sqlite3_column_text (stmt, 5),
    .link = (const char *) sqlite3_column_text (stmt, 6),
    .recommended_by = sqlite3_column_int64 (stmt, 7),
    .tried = sqlite3_column_int64 (stmt, 8) != 0,
    .created_at = sqlite3_column_int64 (stmt, 9),
  };

  return rapport_tip_new_with_fields (&fields);
}

/* Without its colleagues: they come from interaction_colleague. */
static RapportInteraction *
read_interaction (sqlite3_stmt *stmt)
{
  RapportInteraction *interaction = g_object_new (RAPPORT_TYPE_INTERACTION, NULL);
  RapportInteractionKind kind;

  rapport_interaction_set_id (interaction, sqlite3_column_int64 (stmt, 0));
  rapport_interaction_set_occurred_at (interaction, sqlite3_column_int64 (stmt, 1));
  kind = rapport_interaction_kind_from_nick ((const char *) sqlite3_column_text (stmt, 2));
  rapport_interaction_set_kind (interaction, kind);
  rapport_interaction_set_assignment_id (interaction, sqlite3_column_int64 (stmt, 3));
  rapport_interaction_set_body (interaction, text_or_empty (sqlite3_column_text (stmt, 4)));
  rapport_interaction_set_created_at (interaction, sqlite3_column_int64 (stmt, 5));

  return interaction;
}

static RapportReminder *
read_reminder (sqlite3_stmt *stmt)
{
  RapportReminderFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .title = (const char *) sqlite3_column_text (stmt, 1),
    .notes = (const char *) sqlite3_column_text (stmt, 2),
    .colleague_id = sqlite3_column_int64 (stmt, 3),
    .assignment_id = sqlite3_column_int64 (stmt, 4),
    .due_at = sqlite3_column_int64 (stmt, 5),
    .tz = (const char *) sqlite3_column_text (stmt, 6),
    .rrule = (const char *) sqlite3_column_text (stmt, 7),
    .snoozed_until = sqlite3_column_int64 (stmt, 8),
    .completed_at = sqlite3_column_int64 (stmt, 9),
    .notified_at = sqlite3_column_int64 (stmt, 10),
    .created_at = sqlite3_column_int64 (stmt, 11),
  };

  return rapport_reminder_new_with_fields (&fields);
}

static gpointer
read_row (RapportItemKind  kind,
          sqlite3_stmt    *stmt)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return read_colleague (stmt);
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return read_assignment (stmt);
    case RAPPORT_ITEM_KIND_TIP:
      return read_tip (stmt);
    case RAPPORT_ITEM_KIND_INTERACTION:
      return read_interaction (stmt);
    case RAPPORT_ITEM_KIND_REMINDER:
      return read_reminder (stmt);
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static GArray *
read_ids (RapportStore  *self,
          const char    *sql,
          gint64         id,
          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_store_prepare_with_id (self, sql, id, error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }

  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&ids);
}

static RapportStoreCollection *collection_of (RapportStore    *self,
                                              RapportItemKind  kind);

/* Resets the statement; FALSE with *error set when the rows ended in an error. */
static gboolean
finish_rows (RapportDatabase  *database,
             sqlite3_stmt     *stmt,
             int               rc,
             GError          **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      rapport_database_set_error (database, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Every row of a kind, in id order (journal entries with their colleagues), through database:
 * the store's own connection, or a worker's (see rapport_store_read_interactions_async). */
static GPtrArray *
read_kind (RapportDatabase  *database,
           RapportItemKind   kind,
           const char       *sql,
           GError          **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_database_prepare (database, sql, error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (loaded, read_row (kind, stmt));

  if (!finish_rows (database, stmt, rc, error))
    return NULL;

  /* Interactions get their colleagues before anyone can see them. */
  if (kind == RAPPORT_ITEM_KIND_INTERACTION)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 current = 0;
      guint next = 0;

      if (!(stmt = rapport_database_prepare (database, select_all_interaction_colleagues_sql,
                                             error)))
        return NULL;

      /* Both lists are ordered by interaction id: walk them side by side. */
      do
        {
          gint64 interaction_id = 0;

          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            interaction_id = sqlite3_column_int64 (stmt, 0);

          if (ids->len > 0 && (rc != SQLITE_ROW || interaction_id != current))
            {
              while (next < loaded->len &&
                     rapport_interaction_get_id (loaded->pdata[next]) < current)
                next++;
              if (next < loaded->len && rapport_interaction_get_id (loaded->pdata[next]) == current)
                rapport_interaction_set_colleague_ids (loaded->pdata[next],
                                                       (const gint64 *) ids->data, ids->len);
              g_array_set_size (ids, 0);
            }

          if (rc == SQLITE_ROW)
            {
              gint64 colleague_id = sqlite3_column_int64 (stmt, 1);

              current = interaction_id;
              g_array_append_val (ids, colleague_id);
            }
        }
      while (rc == SQLITE_ROW);

      if (!finish_rows (database, stmt, rc, error))
        return NULL;
    }

  return g_steal_pointer (&loaded);
}

static gboolean
load_kind (RapportStore     *self,
           RapportItemKind   kind,
           const char       *sql,
           GError          **error)
{
  gint64 started = g_get_monotonic_time ();
  g_autoptr(GPtrArray) loaded = read_kind (self->database, kind, sql, error);

  if (loaded == NULL)
    return FALSE;

  collection_splice (collection_of (self, kind), loaded);

  g_debug ("Loaded %u items of kind %d in %.1f ms", loaded->len, kind,
           (g_get_monotonic_time () - started) / 1000.0);

  return TRUE;
}

/* An entry can only move its colleagues' last interaction later: enough when one is added or
 * loaded, without looking at the others. */
static void
move_last_interactions_later (RapportStore       *self,
                              RapportInteraction *interaction)
{
  gint64 occurred_at = rapport_interaction_get_occurred_at (interaction);
  guint n_ids = 0;
  const gint64 *ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      RapportColleague *colleague = rapport_store_find_colleague (self, ids[i]);

      if (colleague != NULL && rapport_colleague_get_last_interaction_at (colleague) < occurred_at)
        rapport_colleague_set_last_interaction_at (colleague, occurred_at);
    }
}

static const char *
select_all_sql (RapportItemKind kind)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return select_colleagues_sql;
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return select_assignments_sql;
    case RAPPORT_ITEM_KIND_TIP:
      return select_tips_sql;
    case RAPPORT_ITEM_KIND_INTERACTION:
      return select_interactions_sql;
    case RAPPORT_ITEM_KIND_REMINDER:
      return select_reminders_sql;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Tips and journal entries are read on first use: a career holds ten thousand tips and a hundred
 * thousand entries, and reading them all made opening the journal slow when most visits only
 * look at Today or the colleagues. A failed read leaves the model empty and is tried again at
 * the next use. */
static RapportStoreCollection *
loaded (RapportStore    *self,
        RapportItemKind  kind)
{
  RapportStoreCollection *collection = collection_of (self, kind);
  g_autoptr(GError) error = NULL;

  if (collection->loaded)
    return collection;

  if (load_kind (self, kind, select_all_sql (kind), &error))
    collection->loaded = TRUE;
  else
    g_warning ("Could not read the journal's items of kind %d: %s", kind, error->message);

  return collection;
}

static void
add_id (GHashTable *set,
        gint64      id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (set, key);
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
add_interaction_colleagues (GHashTable         *set,
                            RapportInteraction *interaction)
{
  guint n_ids = 0;
  const gint64 *ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    add_id (set, ids[i]);
}

/* Keeps the row and its links in undo, inside the delete's transaction. */
static gboolean
capture_row (RapportStore      *self,
             RapportStoreUndo  *undo,
             const RowKind     *rows,
             gint64             id,
             GError           **error)
{
  return rapport_store_undo_capture_rows (self, undo, rows->table, rows->capture_sql, id,
                                          rows->kind, "id", TRUE, error)
    && (rows->links_table == NULL
        || rapport_store_undo_capture_rows (self, undo, rows->links_table,
                                            rows->capture_links_sql, id, rows->kind,
                                            rows->links_column, FALSE, error));
}

/* Deletes the row and its search entry. */
static gboolean
remove_row (RapportStore   *self,
            const RowKind  *rows,
            gint64          id,
            GError        **error)
{
  return run_with_id (self, rows->delete_sql, id, error)
    && rapport_store_index_remove (self, rows->kind, id, error);
}

static gboolean
delete_row (RapportStore      *self,
            RapportStoreUndo  *undo,
            const RowKind     *rows,
            gint64             id,
            GError           **error)
{
  return capture_row (self, undo, rows, id, error) && remove_row (self, rows, id, error);
}

/* After a delete committed: the model follows, then the undo is handed over. colleague_ids
 * (may be NULL) get their last-interaction-at recomputed once the item is gone. */
static void
finish_delete (RapportStore      *self,
               RapportItemKind    kind,
               gint64             id,
               GHashTable        *colleague_ids,
               RapportStoreUndo **captured,
               RapportStoreUndo **undo)
{
  rapport_store_collection_remove (rapport_store_get_collection (self, kind), id);

  if (colleague_ids != NULL)
    rapport_store_refresh_last_interactions (self, colleague_ids);

  rapport_store_emit_changed (self);

  if (undo != NULL)
    *undo = g_steal_pointer (captured);
}

/* The whole delete of an item whose row only takes its own links with it. */
static gboolean
delete_row_with_undo (RapportStore      *self,
                      const RowKind     *rows,
                      gint64             id,
                      RapportStoreUndo **undo,
                      GError           **error)
{
  g_autoptr(RapportStoreUndo) captured = NULL;
  g_autoptr(GHashTable) colleague_ids = NULL;
  gpointer item;
  gboolean ok;

  if (!(item = find_or_not_found (self, rows->kind, id, error)))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  captured = rapport_store_undo_new ();
  ok = delete_row (self, captured, rows, id, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  /* The colleagues an entry named may have had it as their latest. */
  if (rows->kind == RAPPORT_ITEM_KIND_INTERACTION)
    {
      colleague_ids = new_id_set ();
      add_interaction_colleagues (colleague_ids, item);
    }

  finish_delete (self, rows->kind, id, colleague_ids, &captured, undo);

  return TRUE;
}

static gboolean
check_assignment_exists (RapportStore  *self,
                         gint64         id,
                         const char    *message,
                         GError       **error)
{
  if (rapport_store_find_assignment (self, id) != NULL)
    return TRUE;

  set_not_found (error, message);
  return FALSE;
}

static gboolean
check_tip_refs (RapportStore  *self,
                RapportTip    *tip,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 recommended_by = rapport_tip_get_recommended_by (tip);
  gboolean valid = rapport_tip_validate (tip, &local_error);

  if (!propagate_invalid (valid, local_error, error))
    return FALSE;

  if (!check_assignment_exists (self, rapport_tip_get_assignment_id (tip),
                                _("The assignment this tip belongs to is no longer in the "
                                  "journal. Choose another assignment."),
                                error))
    return FALSE;

  if (recommended_by != 0 && rapport_store_find_colleague (self, recommended_by) == NULL)
    {
      set_not_found (error, _("The colleague who recommended this tip is no longer in the "
                              "journal. Choose someone else, or nobody."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_interaction_refs (RapportStore        *self,
                        RapportInteraction  *interaction,
                        GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 assignment_id = rapport_interaction_get_assignment_id (interaction);
  const gint64 *ids;
  guint n_ids = 0;
  gboolean valid;

  valid = rapport_interaction_validate (interaction, &local_error);
  if (!propagate_invalid (valid, local_error, error))
    return FALSE;

  if (assignment_id != 0 &&
      !check_assignment_exists (self, assignment_id,
                                _("The assignment this entry was logged at is no longer in the "
                                  "journal. Choose another assignment, or none."),
                                error))
    return FALSE;

  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      if (rapport_store_find_colleague (self, ids[i]) == NULL)
        {
          set_not_found (error, _("A colleague named in this entry is no longer in the journal. "
                                  "Remove them from the entry and save again."));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
bind_colleague (sqlite3_stmt     *stmt,
                RapportColleague *colleague,
                const char       *birthday)
{
  RapportSupportKind kind = rapport_colleague_get_support_kind (colleague);

  return bind_text (stmt, PARAM_NAME, rapport_colleague_get_name (colleague))
      && bind_text (stmt, PARAM_ROLE, rapport_colleague_get_role (colleague))
      && bind_text (stmt, PARAM_SPECIALTY, rapport_colleague_get_specialty (colleague))
      && bind_text (stmt, PARAM_ORGANIZATION, rapport_colleague_get_organization (colleague))
      && bind_text (stmt, PARAM_PHONE, rapport_colleague_get_phone (colleague))
      && bind_text (stmt, PARAM_EMAIL, rapport_colleague_get_email (colleague))
      && bind_text (stmt, PARAM_MESSAGING, rapport_colleague_get_messaging (colleague))
      && bind_text (stmt, PARAM_INTERESTS, rapport_colleague_get_interests (colleague))
      && bind_text (stmt, PARAM_SUPPORT_KIND, rapport_support_kind_to_nick (kind))
      && bind_text (stmt, PARAM_BIRTHDAY, birthday)
      && bind_text (stmt, PARAM_NOTES, rapport_colleague_get_notes (colleague))
      && bind_int64 (stmt, PARAM_CADENCE_DAYS, rapport_colleague_get_cadence_days (colleague))
      && bind_int64 (stmt, PARAM_ARCHIVED, rapport_colleague_get_archived (colleague) ? 1 : 0);
}

/* Binds ?1 id, ?2 photo, ?3 raw vCard and runs sql; *changed tells whether it changed a row. */
static gboolean
run_card_statement (RapportStore      *self,
                    const char        *sql,
                    RapportColleague  *colleague,
                    gboolean          *changed,
                    GError           **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = rapport_database_prepare (self->database, sql, error))
      || !rapport_store_step_done (self, stmt,
                                   bind_int64 (stmt, 1, rapport_colleague_get_id (colleague))
                                   && bind_bytes_or_null (stmt, 2,
                                                          rapport_colleague_get_photo (colleague))
                                   && bind_text_or_null (stmt, 3,
                                                         rapport_colleague_get_raw_vcard (colleague)),
                                   error))
    return FALSE;

  if (changed != NULL)
    *changed = sqlite3_changes (rapport_database_get_handle (self->database)) > 0;

  return TRUE;
}

/* Writes what colleague has read of its card, after its row (insert: a new row, which has no
 * card yet). A card never read is left alone, so a colleague loaded at startup and saved keeps
 * its photo; with one part read, the other stays as the journal has it. */
static gboolean
write_colleague_card (RapportStore      *self,
                      RapportColleague  *colleague,
                      gboolean           insert,
                      GError           **error)
{
  RapportColleagueCardParts parts = rapport_colleague_get_card_read (colleague);
  gint64 id = rapport_colleague_get_id (colleague);
  gboolean empty = rapport_colleague_get_photo (colleague) == NULL
                   && rapport_colleague_get_raw_vcard (colleague)[0] == '\0';
  gboolean changed = FALSE;
  const char *update_sql;

  if (parts == 0 || (insert && empty))
    return TRUE;

  if (insert)
    return run_card_statement (self, insert_colleague_card_sql, colleague, NULL, error);

  if (parts == RAPPORT_COLLEAGUE_CARD_ALL && empty)
    return run_with_id (self, delete_colleague_card_sql, id, error);

  if (parts == RAPPORT_COLLEAGUE_CARD_ALL)
    update_sql = update_colleague_card_sql;
  else if (parts == RAPPORT_COLLEAGUE_CARD_PHOTO)
    update_sql = update_colleague_photo_sql;
  else
    update_sql = update_colleague_raw_vcard_sql;

  if (!run_card_statement (self, update_sql, colleague, &changed, error))
    return FALSE;

  /* No row yet: the part not read was empty in the journal, as it is in the object. */
  if (!changed)
    return empty || run_card_statement (self, insert_colleague_card_sql, colleague, NULL, error);

  /* The part kept may have been empty too. */
  return !empty || run_with_id (self, delete_empty_colleague_card_sql, id, error);
}

static gboolean
bind_assignment (sqlite3_stmt      *stmt,
                 RapportAssignment *assignment)
{
  return bind_text (stmt, ASSIGNMENT_FACILITY, rapport_assignment_get_facility (assignment))
      && bind_text (stmt, ASSIGNMENT_UNIT, rapport_assignment_get_unit (assignment))
      && bind_text (stmt, ASSIGNMENT_CITY, rapport_assignment_get_city (assignment))
      && bind_text (stmt, ASSIGNMENT_REGION, rapport_assignment_get_region (assignment))
      && bind_text (stmt, ASSIGNMENT_COUNTRY, rapport_assignment_get_country (assignment))
      && bind_text (stmt, ASSIGNMENT_TZ, rapport_assignment_get_tz (assignment))
      && bind_text_or_null (stmt, ASSIGNMENT_STARTS_ON,
                            rapport_assignment_get_starts_on (assignment))
      && bind_text_or_null (stmt, ASSIGNMENT_ENDS_ON, rapport_assignment_get_ends_on (assignment))
      && bind_text (stmt, ASSIGNMENT_AGENCY, rapport_assignment_get_agency (assignment))
      && bind_text (stmt, ASSIGNMENT_NOTES, rapport_assignment_get_notes (assignment));
}

static gboolean
bind_tip (sqlite3_stmt *stmt,
          RapportTip   *tip)
{
  RapportTipCategory category = rapport_tip_get_category (tip);

  return bind_int64 (stmt, TIP_ASSIGNMENT_ID, rapport_tip_get_assignment_id (tip))
      && bind_text (stmt, TIP_CATEGORY, rapport_tip_category_to_nick (category))
      && bind_text (stmt, TIP_TITLE, rapport_tip_get_title (tip))
      && bind_text (stmt, TIP_BODY, rapport_tip_get_body (tip))
      && bind_text (stmt, TIP_ADDRESS, rapport_tip_get_address (tip))
      && bind_text (stmt, TIP_LINK, rapport_tip_get_link (tip))
      && bind_id_or_null (stmt, TIP_RECOMMENDED_BY, rapport_tip_get_recommended_by (tip))
      && bind_int64 (stmt, TIP_TRIED, rapport_tip_get_tried (tip) ? 1 : 0);
}

static gboolean
bind_interaction (sqlite3_stmt       *stmt,
                  RapportInteraction *interaction)
{
  RapportInteractionKind kind = rapport_interaction_get_kind (interaction);

  return bind_int64 (stmt, INTERACTION_OCCURRED_AT,
                     rapport_interaction_get_occurred_at (interaction))
      && bind_text (stmt, INTERACTION_KIND, rapport_interaction_kind_to_nick (kind))
      && bind_id_or_null (stmt, INTERACTION_ASSIGNMENT_ID,
                          rapport_interaction_get_assignment_id (interaction))
      && bind_text (stmt, INTERACTION_BODY, rapport_interaction_get_body (interaction));
}

static gboolean
write_interaction_colleagues (RapportStore        *self,
                              gint64               id,
                              RapportInteraction  *interaction,
                              GError             **error)
{
  const gint64 *ids;
  guint n_ids = 0;

  if (!run_with_id (self, delete_interaction_colleagues_sql, id, error))
    return FALSE;

  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = rapport_database_prepare (self->database, insert_interaction_colleague_sql,
                                             error)))
        return FALSE;

      if (!rapport_store_step_done (self, stmt,
                                    bind_int64 (stmt, 1, id) && bind_int64 (stmt, 2, ids[i]),
                                    error))
        return FALSE;
    }

  return TRUE;
}

/* Every interaction naming the colleague gets its entry rewritten (their name is in it). */
static gboolean
reindex_colleague_interactions (RapportStore  *self,
                                gint64         colleague_id,
                                GError       **error)
{
  GListModel *model = G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_INTERACTION)->model);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (model, i);

      if (rapport_interaction_has_colleague (interaction, colleague_id) &&
          !rapport_store_index_item (self, RAPPORT_ITEM_KIND_INTERACTION, interaction, error))
        return FALSE;
    }

  return TRUE;
}

/* The model's reminders whose colleague_id (or, with by_assignment, assignment_id) is id. */
static GPtrArray *
dup_reminders_naming (RapportStore *self,
                      gint64        id,
                      gboolean      by_assignment)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->reminders.model);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (model, i);
      gint64 ref = by_assignment ? rapport_reminder_get_assignment_id (reminder)
                                 : rapport_reminder_get_colleague_id (reminder);

      if (ref == id)
        g_ptr_array_add (found, g_steal_pointer (&reminder));
    }

  return found;
}

static gboolean
index_reminders (RapportStore  *self,
                 GPtrArray     *reminders,
                 GError       **error)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      if (!rapport_store_index_item (self, RAPPORT_ITEM_KIND_REMINDER, reminders->pdata[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_reminder_refs (RapportStore     *self,
                     RapportReminder  *reminder,
                     GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 colleague_id = rapport_reminder_get_colleague_id (reminder);
  gint64 assignment_id = rapport_reminder_get_assignment_id (reminder);
  gboolean valid;

  valid = rapport_reminder_validate (reminder, &local_error);
  if (!propagate_invalid (valid, local_error, error))
    return FALSE;

  if (colleague_id != 0 && rapport_store_find_colleague (self, colleague_id) == NULL)
    {
      set_not_found (error, _("The colleague this reminder is about is no longer in the journal. "
                              "Choose someone else, or nobody."));
      return FALSE;
    }

  if (assignment_id != 0 &&
      !check_assignment_exists (self, assignment_id,
                                _("The assignment this reminder belongs to is no longer in the "
                                  "journal. Choose another assignment, or none."),
                                error))
    return FALSE;

  return TRUE;
}

/* The columns a person edits; snoozed_until is the store's to decide. */
static gboolean
bind_reminder (sqlite3_stmt    *stmt,
               RapportReminder *reminder,
               gint64           snoozed_until)
{
  return bind_text (stmt, REMINDER_TITLE, rapport_reminder_get_title (reminder))
      && bind_text (stmt, REMINDER_NOTES, rapport_reminder_get_notes (reminder))
      && bind_id_or_null (stmt, REMINDER_COLLEAGUE_ID, rapport_reminder_get_colleague_id (reminder))
      && bind_id_or_null (stmt, REMINDER_ASSIGNMENT_ID,
                          rapport_reminder_get_assignment_id (reminder))
      && bind_int64 (stmt, REMINDER_DUE_AT, rapport_reminder_get_due_at (reminder))
      && bind_text (stmt, REMINDER_TZ, rapport_reminder_get_tz (reminder))
      && bind_text (stmt, REMINDER_RRULE, rapport_reminder_get_rrule (reminder))
      && bind_time_or_null (stmt, REMINDER_SNOOZED_UNTIL, snoozed_until);
}

/* Writes one checked reminder as id, inside the caller's transaction. */
static gboolean
insert_reminder (RapportStore     *self,
                 RapportReminder  *reminder,
                 gint64            id,
                 gint64            now,
                 GError          **error)
{
  g_autoptr(RapportReminder) stored = NULL;
  sqlite3_stmt *stmt;

  stmt = rapport_database_prepare (self->database, insert_reminder_sql, error);
  if (stmt == NULL)
    return FALSE;

  if (!rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, REMINDER_ID, id)
                                && bind_reminder (stmt, reminder,
                                                  rapport_reminder_get_snoozed_until (reminder))
                                && bind_time_or_null (stmt, REMINDER_COMPLETED_AT,
                                                      rapport_reminder_get_completed_at (reminder))
                                && bind_time_or_null (stmt, REMINDER_NOTIFIED_AT,
                                                      rapport_reminder_get_notified_at (reminder))
                                && bind_int64 (stmt, REMINDER_CREATED_AT, now),
                                error))
    return FALSE;

  stored = rapport_reminder_dup (reminder);
  rapport_reminder_set_id (stored, id);

  return rapport_store_index_item (self, RAPPORT_ITEM_KIND_REMINDER, stored, error);
}

/* Once the transaction is committed: the reminder gets its id and joins the model. */
static void
adopt_reminder (RapportStore    *self,
                RapportReminder *reminder,
                gint64           id,
                gint64           now)
{
  g_object_freeze_notify (G_OBJECT (reminder));
  rapport_reminder_set_id (reminder, id);
  rapport_reminder_set_created_at (reminder, now);
  g_object_thaw_notify (G_OBJECT (reminder));

  rapport_store_collection_insert (&self->reminders, reminder);
}

/* Writes the state columns of one reminder in a transaction of its own. */
static gboolean
write_reminder_state (RapportStore  *self,
                      gint64         id,
                      gint64         due_at,
                      gint64         snoozed_until,
                      gint64         completed_at,
                      gint64         notified_at,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, set_reminder_state_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, REMINDER_ID, id)
                                && bind_int64 (stmt, REMINDER_DUE_AT, due_at)
                                && bind_time_or_null (stmt, REMINDER_SNOOZED_UNTIL, snoozed_until)
                                && bind_time_or_null (stmt, REMINDER_COMPLETED_AT, completed_at)
                                && bind_time_or_null (stmt, REMINDER_NOTIFIED_AT, notified_at),
                                error);

  return rapport_store_commit_or_rollback (self, ok, error);
}

static const char *
reminder_state_to_nick (RapportReminderState state)
{
  switch (state)
    {
    case RAPPORT_REMINDER_STATE_OVERDUE:
      return "overdue";
    case RAPPORT_REMINDER_STATE_SNOOZED:
      return "snoozed";
    case RAPPORT_REMINDER_STATE_DONE:
      return "done";
    case RAPPORT_REMINDER_STATE_UPCOMING:
    default:
      return "upcoming";
    }
}

/* seconds in the zone the reminder was planned in. */
static GDateTime *
dup_in_reminder_zone (RapportReminder *reminder,
                      gint64           seconds)
{
  g_autoptr(GDateTime) due_local = rapport_reminder_dup_due_local (reminder);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);

  if (utc == NULL)
    return NULL;

  if (due_local == NULL)
    return g_steal_pointer (&utc);

  return g_date_time_to_timezone (utc, g_date_time_get_timezone (due_local));
}

/* ISO 8601 with the full offset ("-07:00", "+00:00"), which RFC 3339 readers accept too. */
static void
add_local_time_member (JsonBuilder *builder,
                       const char  *member,
                       GDateTime   *date_time)
{
  json_builder_set_member_name (builder, member);
  if (date_time != NULL)
    {
      g_autofree char *text = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S%:z");

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
add_timestamp_member (JsonBuilder *builder,
                      const char  *member,
                      gint64       seconds)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);

  json_builder_set_member_name (builder, member);
  if (date_time != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (date_time);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *member,
                gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* A reference: its id, or null for none. */
static void
add_id_member (JsonBuilder *builder,
               const char  *member,
               gint64       id)
{
  json_builder_set_member_name (builder, member);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

/* photo (size bytes, NULL for none) and raw_vcard (NULL for none) as the journal holds them. */
static void
build_colleague_json (JsonBuilder      *builder,
                      RapportColleague *colleague,
                      gconstpointer     photo,
                      gsize             photo_size,
                      const char       *raw_vcard)
{
  RapportSupportKind kind = rapport_colleague_get_support_kind (colleague);

  add_int_member (builder, "id", rapport_colleague_get_id (colleague));
  add_string_member (builder, "name", rapport_colleague_get_name (colleague));
  add_string_member (builder, "role", rapport_colleague_get_role (colleague));
  add_string_member (builder, "specialty", rapport_colleague_get_specialty (colleague));
  add_string_member (builder, "organization", rapport_colleague_get_organization (colleague));
  add_string_member (builder, "email", rapport_colleague_get_email (colleague));
  add_string_member (builder, "phone", rapport_colleague_get_phone (colleague));
  add_string_member (builder, "messaging", rapport_colleague_get_messaging (colleague));
  add_string_member (builder, "support_kind", rapport_support_kind_to_nick (kind));
  add_string_member (builder, "birthday", rapport_colleague_get_birthday (colleague));
  add_int_member (builder, "cadence_days", rapport_colleague_get_cadence_days (colleague));
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, rapport_colleague_get_archived (colleague));
  add_timestamp_member (builder, "created_at", rapport_colleague_get_created_at (colleague));
  add_timestamp_member (builder, "updated_at", rapport_colleague_get_updated_at (colleague));
  add_string_member (builder, "interests", rapport_colleague_get_interests (colleague));
  add_string_member (builder, "notes", rapport_colleague_get_notes (colleague));
  json_builder_set_member_name (builder, "photo");
  if (photo != NULL && photo_size > 0)
    {
      g_autofree char *encoded = g_base64_encode (photo, photo_size);

      json_builder_add_string_value (builder, encoded);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  add_string_member (builder, "raw_vcard", raw_vcard != NULL ? raw_vcard : "");
}

static void
build_assignment_json (JsonBuilder *builder,
                       gpointer     item)
{
  RapportAssignment *assignment = item;

  add_int_member (builder, "id", rapport_assignment_get_id (assignment));
  add_string_member (builder, "facility", rapport_assignment_get_facility (assignment));
  add_string_member (builder, "unit", rapport_assignment_get_unit (assignment));
  add_string_member (builder, "city", rapport_assignment_get_city (assignment));
  add_string_member (builder, "region", rapport_assignment_get_region (assignment));
  add_string_member (builder, "country", rapport_assignment_get_country (assignment));
  add_string_member (builder, "tz", rapport_assignment_get_tz (assignment));
  add_string_member (builder, "starts_on", rapport_assignment_get_starts_on (assignment));
  add_string_member (builder, "ends_on", rapport_assignment_get_ends_on (assignment));
  add_string_member (builder, "agency", rapport_assignment_get_agency (assignment));
  add_timestamp_member (builder, "created_at", rapport_assignment_get_created_at (assignment));
  add_timestamp_member (builder, "updated_at", rapport_assignment_get_updated_at (assignment));
  add_string_member (builder, "notes", rapport_assignment_get_notes (assignment));
}

static void
build_tip_json (JsonBuilder *builder,
                gpointer     item)
{
  RapportTip *tip = item;

  add_int_member (builder, "id", rapport_tip_get_id (tip));
  add_id_member (builder, "assignment_id", rapport_tip_get_assignment_id (tip));
  add_string_member (builder, "category",
                     rapport_tip_category_to_nick (rapport_tip_get_category (tip)));
  add_string_member (builder, "title", rapport_tip_get_title (tip));
  add_string_member (builder, "address", rapport_tip_get_address (tip));
  add_string_member (builder, "link", rapport_tip_get_link (tip));
  add_id_member (builder, "recommended_by", rapport_tip_get_recommended_by (tip));
  json_builder_set_member_name (builder, "tried");
  json_builder_add_boolean_value (builder, rapport_tip_get_tried (tip));
  add_timestamp_member (builder, "created_at", rapport_tip_get_created_at (tip));
  add_string_member (builder, "body", rapport_tip_get_body (tip));
}

static void
build_interaction_json (JsonBuilder *builder,
                        gpointer     item)
{
  RapportInteraction *interaction = item;
  RapportInteractionKind kind = rapport_interaction_get_kind (interaction);
  const gint64 *ids;
  guint n_ids = 0;

  add_int_member (builder, "id", rapport_interaction_get_id (interaction));
  add_timestamp_member (builder, "occurred_at", rapport_interaction_get_occurred_at (interaction));
  add_string_member (builder, "kind", rapport_interaction_kind_to_nick (kind));
  add_id_member (builder, "assignment_id", rapport_interaction_get_assignment_id (interaction));

  json_builder_set_member_name (builder, "colleague_ids");
  json_builder_begin_array (builder);
  ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    json_builder_add_int_value (builder, ids[i]);
  json_builder_end_array (builder);

  add_timestamp_member (builder, "created_at", rapport_interaction_get_created_at (interaction));
  add_string_member (builder, "body", rapport_interaction_get_body (interaction));
}

/* The object builder holds, as one line of lines. */
static void
append_json_line (GString       *lines,
                  JsonGenerator *generator,
                  JsonBuilder   *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *line = NULL;

  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);

  g_string_append (lines, line);
  g_string_append_c (lines, '\n');
}

static char *
model_to_json_lines (GListModel *model,
                     void      (*build) (JsonBuilder *builder,
                                         gpointer     item))
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *lines = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (model);

  json_generator_set_pretty (generator, FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      build (builder, item);
      json_builder_end_object (builder);

      append_json_line (lines, generator, builder);
    }

  return g_string_free (lines, FALSE);
}

static int
compare_newest_assignment (gconstpointer a,
                           gconstpointer b)
{
  RapportAssignment *assignment_a = *(RapportAssignment * const *) a;
  RapportAssignment *assignment_b = *(RapportAssignment * const *) b;
  gint64 id_a = rapport_assignment_get_id (assignment_a);
  gint64 id_b = rapport_assignment_get_id (assignment_b);
  int cmp;

  cmp = strcmp (rapport_assignment_get_starts_on (assignment_b),
                rapport_assignment_get_starts_on (assignment_a));
  if (cmp != 0)
    return cmp;

  return (id_b > id_a) - (id_b < id_a);
}

/* Whitespace around a name is no difference between two sites. */
static char *
fold_place (const char *text)
{
  g_autofree char *folded = rapport_store_fold_text (text);

  return g_strdup (g_strstrip (folded));
}

static void
rapport_store_dispose (GObject *object)
{
  RapportStore *self = (RapportStore *) object;

  collection_clear (&self->reminders);
  collection_clear (&self->interactions);
  collection_clear (&self->tips);
  collection_clear (&self->assignments);
  collection_clear (&self->colleagues);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_store_parent_class)->dispose (object);
}

static void
rapport_store_class_init (RapportStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_store_dispose;

  /**
   * RapportStore::changed:
   *
   * Emitted after every write that committed, once the list models show it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
rapport_store_init (RapportStore *self)
{
  collection_init (&self->colleagues, RAPPORT_ITEM_KIND_COLLEAGUE, RAPPORT_TYPE_COLLEAGUE);
  collection_init (&self->assignments, RAPPORT_ITEM_KIND_ASSIGNMENT, RAPPORT_TYPE_ASSIGNMENT);
  collection_init (&self->tips, RAPPORT_ITEM_KIND_TIP, RAPPORT_TYPE_TIP);
  collection_init (&self->interactions, RAPPORT_ITEM_KIND_INTERACTION, RAPPORT_TYPE_INTERACTION);
  collection_init (&self->reminders, RAPPORT_ITEM_KIND_REMINDER, RAPPORT_TYPE_REMINDER);
}

/* Shared with the store's other source files (rapport-store-private.h). */

gint64
rapport_store_item_get_id (RapportItemKind kind,
                           gpointer        item)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return colleague_get_id (item);
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return assignment_get_id (item);
    case RAPPORT_ITEM_KIND_TIP:
      return tip_get_id (item);
    case RAPPORT_ITEM_KIND_INTERACTION:
      return interaction_get_id (item);
    case RAPPORT_ITEM_KIND_REMINDER:
      return reminder_get_id (item);
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static RapportStoreCollection *
collection_of (RapportStore    *self,
               RapportItemKind  kind)
{
  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      return &self->colleagues;
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      return &self->assignments;
    case RAPPORT_ITEM_KIND_TIP:
      return &self->tips;
    case RAPPORT_ITEM_KIND_INTERACTION:
      return &self->interactions;
    case RAPPORT_ITEM_KIND_REMINDER:
      return &self->reminders;
    default:
      return NULL;
    }
}

RapportStoreCollection *
rapport_store_get_collection (RapportStore    *self,
                              RapportItemKind  kind)
{
  return loaded (self, kind);
}

gpointer
rapport_store_collection_lookup (RapportStoreCollection *collection,
                                 gint64                  id)
{
  return g_hash_table_lookup (collection->by_id, &id);
}

/* New ids are the largest, so an added item lands at the end, and one put back by undo goes
 * where it was: the model keeps the order a fresh load gives. Every id inserted here was
 * committed, so it raises the collection's mark. */
void
rapport_store_collection_insert (RapportStoreCollection *collection,
                                 gpointer                item)
{
  gint64 id = rapport_store_item_get_id (collection->kind, item);
  gint64 *key;
  gboolean found;
  guint position;

  position = collection_position (collection, id, &found);
  g_return_if_fail (!found);

  collection->max_id = MAX (collection->max_id, id);

  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_replace (collection->by_id, key, g_object_ref (item));
  g_list_store_insert (collection->model, position, item);
}

void
rapport_store_collection_remove (RapportStoreCollection *collection,
                                 gint64                  id)
{
  gboolean found;
  guint position = collection_position (collection, id, &found);
  gpointer item;

  if (!(item = rapport_store_collection_lookup (collection, id)))
    return;

  /* Held across the removal: the model and the table each drop a reference. */
  g_object_ref (item);
  if (found)
    g_list_store_remove (collection->model, position);
  g_hash_table_remove (collection->by_id, &id);
  g_object_unref (item);
}

gpointer
rapport_store_read_item (RapportStore     *self,
                         RapportItemKind   kind,
                         gint64            id,
                         GError          **error)
{
  g_autoptr(GObject) item = NULL;
  const char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      sql = select_colleague_sql;
      break;
    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      sql = select_assignment_sql;
      break;
    case RAPPORT_ITEM_KIND_TIP:
      sql = select_tip_sql;
      break;
    case RAPPORT_ITEM_KIND_INTERACTION:
      sql = select_interaction_sql;
      break;
    case RAPPORT_ITEM_KIND_REMINDER:
      sql = select_reminder_sql;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (!(stmt = rapport_store_prepare_with_id (self, sql, id, error)))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      item = read_row (kind, stmt);
      rc = SQLITE_DONE;
    }

  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return NULL;

  if (item != NULL && kind == RAPPORT_ITEM_KIND_INTERACTION)
    {
      g_autoptr(GArray) ids = read_ids (self, select_interaction_colleagues_sql, id, error);

      if (ids == NULL)
        return NULL;

      rapport_interaction_set_colleague_ids (RAPPORT_INTERACTION (item),
                                             (const gint64 *) ids->data, ids->len);
    }

  return g_steal_pointer (&item);
}

void
rapport_store_merge_item (RapportStore    *self,
                          RapportItemKind  kind,
                          gpointer         item)
{
  RapportStoreCollection *collection = rapport_store_get_collection (self, kind);
  gpointer existing;

  g_return_if_fail (collection != NULL);

  existing = rapport_store_collection_lookup (collection, rapport_store_item_get_id (kind, item));
  if (existing == NULL)
    {
      rapport_store_collection_insert (collection, item);
      return;
    }

  switch (kind)
    {
    case RAPPORT_ITEM_KIND_COLLEAGUE:
      rapport_colleague_assign (existing, item);
      break;

    case RAPPORT_ITEM_KIND_ASSIGNMENT:
      rapport_assignment_assign (existing, item);
      break;

    case RAPPORT_ITEM_KIND_TIP:
      rapport_tip_assign (existing, item);
      break;

    case RAPPORT_ITEM_KIND_INTERACTION:
      {
        guint n_ids = 0;
        const gint64 *ids = rapport_interaction_get_colleague_ids (item, &n_ids);

        g_object_freeze_notify (existing);
        rapport_interaction_assign (existing, item);
        rapport_interaction_set_colleague_ids (existing, ids, n_ids);
        g_object_thaw_notify (existing);
      }
      break;

    case RAPPORT_ITEM_KIND_REMINDER:
      rapport_reminder_assign (existing, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
rapport_store_refresh_last_interactions (RapportStore *self,
                                         GHashTable   *colleague_ids)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, colleague_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;
      RapportColleague *colleague = rapport_store_find_colleague (self, id);
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt;
      gint64 last = 0;
      int rc;

      if (colleague == NULL)
        continue;

      stmt = rapport_store_prepare_with_id (self, select_last_interaction_at_sql, id, &error);
      if (stmt == NULL)
        {
          g_warning ("Could not read a colleague's last interaction: %s", error->message);
          continue;
        }

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          last = sqlite3_column_int64 (stmt, 0);  /* NULL, read as 0, when there is none */
          rc = SQLITE_DONE;
        }
      if (!rapport_store_finish_rows (self, stmt, rc, &error))
        {
          g_warning ("Could not read a colleague's last interaction: %s", error->message);
          continue;
        }

      if (rapport_colleague_get_last_interaction_at (colleague) != last)
        rapport_colleague_set_last_interaction_at (colleague, last);
    }
}

void
rapport_store_emit_changed (RapportStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Runs a statement that returns no rows, then leaves it reset and unbound so no copy of the
 * values stays around in the statement cache. */
gboolean
rapport_store_step_done (RapportStore  *self,
                         sqlite3_stmt  *stmt,
                         gboolean       bound,
                         GError       **error)
{
  int rc = bound ? sqlite3_step (stmt) : SQLITE_NOMEM;

  if (rc != SQLITE_DONE)
    rapport_database_set_error (self->database, rc, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

sqlite3_stmt *
rapport_store_prepare_with_id (RapportStore  *self,
                               const char    *sql,
                               gint64         id,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = rapport_database_prepare (self->database, sql, error)))
    return NULL;

  if (!bind_int64 (stmt, 1, id))
    {
      rapport_database_set_error (self->database, SQLITE_NOMEM, error);
      sqlite3_clear_bindings (stmt);
      return NULL;
    }

  return stmt;
}

gboolean
rapport_store_finish_rows (RapportStore  *self,
                           sqlite3_stmt  *stmt,
                           int            rc,
                           GError       **error)
{
  return finish_rows (self->database, stmt, rc, error);
}

gboolean
rapport_store_commit_or_rollback (RapportStore  *self,
                                  gboolean       ok,
                                  GError       **error)
{
  if (ok && rapport_database_commit (self->database, error))
    return TRUE;

  rapport_database_rollback (self->database);

  return FALSE;
}

/* Public API */

RapportStore *
rapport_store_new (RapportDatabase  *database,
                   GError          **error)
{
  g_autoptr(RapportStore) self = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->database = g_object_ref (database);

  /* The rows are read once into the models: a big page cache would only keep a second copy of
   * them (2 MB at career scale). Searches get the usual cache back, filled as they read. */
  if (!rapport_database_exec (self->database, "PRAGMA cache_size = -256", error))
    return NULL;

  /* What Today, the colleagues and the reminder scheduler need at once. */
  if (!load_kind (self, RAPPORT_ITEM_KIND_COLLEAGUE, select_colleagues_sql, error) ||
      !load_kind (self, RAPPORT_ITEM_KIND_ASSIGNMENT, select_assignments_sql, error) ||
      !load_kind (self, RAPPORT_ITEM_KIND_REMINDER, select_reminders_sql, error))
    return NULL;
  self->colleagues.loaded = self->assignments.loaded = self->reminders.loaded = TRUE;

  if (!rapport_database_exec (self->database, "PRAGMA cache_size = -2000", error))
    return NULL;

  return g_steal_pointer (&self);
}

RapportDatabase *
rapport_store_get_database (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return self->database;
}

GListModel *
rapport_store_get_colleagues (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->colleagues.model);
}

RapportColleague *
rapport_store_find_colleague (RapportStore *self,
                              gint64        id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return rapport_store_collection_lookup (&self->colleagues, id);
}

gboolean
rapport_store_add_colleague (RapportStore      *self,
                             RapportColleague  *colleague,
                             GError           **error)
{
  g_autofree char *birthday = NULL;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (colleague), FALSE);
  g_return_val_if_fail (rapport_colleague_get_id (colleague) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_colleague (colleague, &birthday, error))
    return FALSE;

  if (!next_id (&self->colleagues, &id, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, insert_colleague_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, PARAM_ID, id)
                                && bind_colleague (stmt, colleague, birthday)
                                && bind_int64 (stmt, PARAM_CREATED_AT, now)
                                && bind_int64 (stmt, PARAM_UPDATED_AT, now),
                                error);

  if (ok)
    {
      /* The entry and the card are written from the values as stored, id included. */
      g_autoptr(RapportColleague) stored = rapport_colleague_dup (colleague);

      rapport_colleague_set_id (stored, id);
      ok = write_colleague_card (self, stored, TRUE, error)
        && rapport_store_index_item (self, RAPPORT_ITEM_KIND_COLLEAGUE, stored, error);
    }

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (colleague));
  rapport_colleague_set_id (colleague, id);
  rapport_colleague_set_birthday (colleague, birthday);
  rapport_colleague_set_created_at (colleague, now);
  rapport_colleague_set_updated_at (colleague, now);
  rapport_colleague_set_last_interaction_at (colleague, 0);
  g_object_thaw_notify (G_OBJECT (colleague));

  rapport_store_collection_insert (&self->colleagues, colleague);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_update_colleague (RapportStore      *self,
                                RapportColleague  *changes,
                                GError           **error)
{
  g_autoptr(RapportColleague) updated = NULL;
  g_autofree char *birthday = NULL;
  RapportColleague *item;
  sqlite3_stmt *stmt;
  gint64 id;
  gint64 now = now_seconds ();
  gboolean renamed;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (changes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_colleague_get_id (changes);
  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_COLLEAGUE, id, error)))
    return FALSE;

  if (!check_colleague (changes, &birthday, error))
    return FALSE;

  renamed = g_strcmp0 (rapport_colleague_get_name (item), rapport_colleague_get_name (changes)) != 0;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  /* Interactions are found by the names of their colleagues: a new name is indexed with the
   * row, in the same transaction. */
  ok = (stmt = rapport_database_prepare (self->database, update_colleague_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, PARAM_ID, id)
                                && bind_colleague (stmt, changes, birthday)
                                && bind_int64 (stmt, PARAM_UPDATED_AT, now),
                                error)
    && write_colleague_card (self, changes, FALSE, error)
    && rapport_store_index_item (self, RAPPORT_ITEM_KIND_COLLEAGUE, changes, error)
    && (!renamed || reindex_colleague_interactions (self, id, error));

  /* Reminders are found by their colleague's name too. */
  if (ok && renamed)
    {
      g_autoptr(GPtrArray) reminders = dup_reminders_naming (self, id, FALSE);

      ok = index_reminders (self, reminders, error);
    }

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  /* One assign, so each changed property is notified once; the creation time is the store's. */
  updated = rapport_colleague_dup (changes);
  rapport_colleague_set_birthday (updated, birthday);
  rapport_colleague_set_created_at (updated, rapport_colleague_get_created_at (item));
  rapport_colleague_set_updated_at (updated, now);
  rapport_colleague_assign (item, updated);

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_set_colleague_archived (RapportStore  *self,
                                      gint64         id,
                                      gboolean       archived,
                                      GError       **error)
{
  RapportColleague *item;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  archived = !!archived;

  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_COLLEAGUE, id, error)))
    return FALSE;

  if (rapport_colleague_get_archived (item) == archived)
    return TRUE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, set_archived_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, 1, id)
                                && bind_int64 (stmt, 2, archived ? 1 : 0)
                                && bind_int64 (stmt, 3, now),
                                error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (item));
  rapport_colleague_set_archived (item, archived);
  rapport_colleague_set_updated_at (item, now);
  g_object_thaw_notify (G_OBJECT (item));

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_delete_colleague (RapportStore      *self,
                                gint64             id,
                                RapportStoreUndo **undo,
                                GError           **error)
{
  g_autoptr(RapportStoreUndo) captured = NULL;
  g_autoptr(GArray) solo = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GPtrArray) tips = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  GListModel *interactions;
  GListModel *tip_model;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_or_not_found (self, RAPPORT_ITEM_KIND_COLLEAGUE, id, error))
    return FALSE;

  /* Entries that named only them would name nobody: they go. The others only lose them. */
  solo = g_array_new (FALSE, FALSE, sizeof (gint64));
  shared = g_ptr_array_new_with_free_func (g_object_unref);
  interactions = G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_INTERACTION)->model);
  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (interactions, i);
      guint n_ids = 0;

      if (!rapport_interaction_has_colleague (interaction, id))
        continue;

      rapport_interaction_get_colleague_ids (interaction, &n_ids);
      if (n_ids <= 1)
        {
          gint64 interaction_id = rapport_interaction_get_id (interaction);

          g_array_append_val (solo, interaction_id);
        }
      else
        {
          g_ptr_array_add (shared, g_object_ref (interaction));
        }
    }

  tips = g_ptr_array_new_with_free_func (g_object_unref);
  tip_model = G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_TIP)->model);
  for (guint i = 0; i < g_list_model_get_n_items (tip_model); i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (tip_model, i);

      if (rapport_tip_get_recommended_by (tip) == id)
        g_ptr_array_add (tips, g_object_ref (tip));
    }

  /* Reminders outlive the colleague: they only lose the reference. */
  reminders = dup_reminders_naming (self, id, FALSE);

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  captured = rapport_store_undo_new ();

  ok = capture_row (self, captured, &colleague_rows, id, error)
    && rapport_store_undo_capture_rows (self, captured, "colleague_assignment",
                                        capture_colleague_links_sql, id, 0, NULL, FALSE, error)
    && rapport_store_undo_capture_rows (self, captured, "interaction_colleague",
                                        capture_colleague_interaction_links_sql, id,
                                        RAPPORT_ITEM_KIND_INTERACTION, "interaction_id", FALSE,
                                        error)
    && rapport_store_undo_capture_refs (self, captured, "tip", "recommended_by", id,
                                        RAPPORT_ITEM_KIND_TIP, error)
    && rapport_store_undo_capture_refs (self, captured, "reminder", "colleague_id", id,
                                        RAPPORT_ITEM_KIND_REMINDER, error);

  for (guint i = 0; i < solo->len && ok; i++)
    {
      gint64 interaction_id = g_array_index (solo, gint64, i);

      ok = delete_row (self, captured, &solo_interaction_rows, interaction_id, error);
    }

  /* The foreign keys take the links with the row and forget the tips' recommender. */
  ok = ok && remove_row (self, &colleague_rows, id, error);

  for (guint i = 0; i < shared->len && ok; i++)
    ok = rapport_store_index_item (self, RAPPORT_ITEM_KIND_INTERACTION, shared->pdata[i], error);

  ok = ok && index_reminders (self, reminders, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  for (guint i = 0; i < solo->len; i++)
    rapport_store_collection_remove (loaded (self, RAPPORT_ITEM_KIND_INTERACTION),
                                     g_array_index (solo, gint64, i));

  for (guint i = 0; i < shared->len; i++)
    {
      RapportInteraction *interaction = shared->pdata[i];
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint n_ids = 0;
      const gint64 *ids = rapport_interaction_get_colleague_ids (interaction, &n_ids);

      for (guint j = 0; j < n_ids; j++)
        {
          if (ids[j] != id)
            g_array_append_val (others, ids[j]);
        }

      rapport_interaction_set_colleague_ids (interaction, (const gint64 *) others->data,
                                             others->len);
    }

  for (guint i = 0; i < tips->len; i++)
    rapport_tip_set_recommended_by (tips->pdata[i], 0);

  for (guint i = 0; i < reminders->len; i++)
    rapport_reminder_set_colleague_id (reminders->pdata[i], 0);

  finish_delete (self, RAPPORT_ITEM_KIND_COLLEAGUE, id, NULL, &captured, undo);

  return TRUE;
}

/* Import (see rapport-import.c): the rows, written on whichever connection the import runs. */
gboolean
rapport_store_check_colleague (RapportColleague  *colleague,
                               char             **birthday,
                               GError           **error)
{
  return check_colleague (colleague, birthday, error);
}

RapportStore *
rapport_store_new_for_writing (RapportDatabase *database)
{
  RapportStore *self = g_object_new (RAPPORT_TYPE_STORE, NULL);

  self->database = g_object_ref (database);

  return self;
}

gboolean
rapport_store_reserve_ids (RapportStore     *self,
                           RapportItemKind   kind,
                           guint             n_ids,
                           gint64           *first_id,
                           GError          **error)
{
  RapportStoreCollection *collection = rapport_store_get_collection (self, kind);

  if (!next_id (collection, first_id, error))
    return FALSE;

  if (n_ids > 0 && G_MAXINT64 - collection->max_id < (gint64) n_ids)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           _("The journal cannot number any more entries of this kind, so "
                             "nothing was added."));
      return FALSE;
    }

  collection->max_id += n_ids;

  return TRUE;
}

gboolean
rapport_store_write_colleague_row (RapportStore      *self,
                                   RapportColleague  *colleague,
                                   const char        *birthday,
                                   gboolean           insert,
                                   gint64             now,
                                   GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id = rapport_colleague_get_id (colleague);

  if (insert)
    {
      if (!(stmt = rapport_database_prepare (self->database, insert_colleague_sql, error))
          || !rapport_store_step_done (self, stmt,
                                       bind_int64 (stmt, PARAM_ID, id)
                                       && bind_colleague (stmt, colleague, birthday)
                                       && bind_int64 (stmt, PARAM_CREATED_AT, now)
                                       && bind_int64 (stmt, PARAM_UPDATED_AT, now),
                                       error))
        return FALSE;
    }
  else
    {
      if (!(stmt = rapport_database_prepare (self->database, update_colleague_sql, error))
          || !rapport_store_step_done (self, stmt,
                                       bind_int64 (stmt, PARAM_ID, id)
                                       && bind_colleague (stmt, colleague, birthday)
                                       && bind_int64 (stmt, PARAM_UPDATED_AT, now),
                                       error))
        return FALSE;
    }

  return write_colleague_card (self, colleague, insert, error)
    && rapport_store_index_item (self, RAPPORT_ITEM_KIND_COLLEAGUE, colleague, error);
}

/* The cards are read in one pass beside the model, both in id order, and written straight
 * from the rows: no colleague keeps its photo afterwards. */
char *
rapport_store_colleagues_to_json_lines (RapportStore *self)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  GString *lines;
  sqlite3_stmt *stmt;
  guint n_items;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  model = G_LIST_MODEL (self->colleagues.model);
  n_items = g_list_model_get_n_items (model);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, FALSE);
  lines = g_string_new (NULL);

  stmt = rapport_database_prepare (self->database, select_colleague_cards_sql, &error);
  if (stmt != NULL)
    rc = sqlite3_step (stmt);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      RapportColleagueCardParts parts = rapport_colleague_get_card_read (colleague);
      GBytes *own_photo = rapport_colleague_get_photo (colleague);
      gint64 id = rapport_colleague_get_id (colleague);
      gconstpointer photo = NULL;
      gsize photo_size = 0;
      const char *raw_vcard = rapport_colleague_get_raw_vcard (colleague);

      while (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) < id)
        rc = sqlite3_step (stmt);

      if (own_photo != NULL)
        photo = g_bytes_get_data (own_photo, &photo_size);

      if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == id)
        {
          if ((parts & RAPPORT_COLLEAGUE_CARD_PHOTO) == 0)
            {
              photo = sqlite3_column_blob (stmt, 1);
              photo_size = sqlite3_column_bytes (stmt, 1);
            }
          if ((parts & RAPPORT_COLLEAGUE_CARD_RAW_VCARD) == 0)
            raw_vcard = (const char *) sqlite3_column_text (stmt, 2);
        }

      json_builder_begin_object (builder);
      build_colleague_json (builder, colleague, photo, photo_size, raw_vcard);
      json_builder_end_object (builder);

      append_json_line (lines, generator, builder);
    }

  /* Rows left over belong to no colleague of the model. */
  if (stmt != NULL)
    rapport_store_finish_rows (self, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, &error);
  if (error != NULL)
    g_warning ("Could not read the colleagues' photos and cards: %s", error->message);

  return g_string_free (lines, FALSE);
}

gboolean
rapport_store_ensure_colleague_card (RapportStore      *self,
                                     RapportColleague  *colleague,
                                     GError           **error)
{
  g_autoptr(GBytes) photo = NULL;
  g_autofree char *raw_vcard = NULL;
  gint64 id;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (colleague), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rapport_colleague_get_card_read (colleague) == RAPPORT_COLLEAGUE_CARD_ALL)
    return TRUE;

  id = rapport_colleague_get_id (colleague);
  if (id > 0)
    {
      if (!(stmt = rapport_store_prepare_with_id (self, select_colleague_card_sql, id, error)))
        return FALSE;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
            photo = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
          raw_vcard = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          rc = SQLITE_DONE;
        }

      if (!rapport_store_finish_rows (self, stmt, rc, error))
        return FALSE;
    }

  /* No row: the colleague has neither. */
  rapport_colleague_set_stored_card (colleague, photo, raw_vcard);

  return TRUE;
}

GListModel *
rapport_store_get_assignments (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->assignments.model);
}

RapportAssignment *
rapport_store_find_assignment (RapportStore *self,
                               gint64        id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return rapport_store_collection_lookup (&self->assignments, id);
}

gboolean
rapport_store_add_assignment (RapportStore       *self,
                              RapportAssignment  *assignment,
                              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gint64 id = 0;
  gboolean valid;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (assignment), FALSE);
  g_return_val_if_fail (rapport_assignment_get_id (assignment) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  valid = rapport_assignment_validate (assignment, &local_error);
  if (!propagate_invalid (valid, local_error, error))
    return FALSE;

  if (!next_id (&self->assignments, &id, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, insert_assignment_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, ASSIGNMENT_ID, id)
                                && bind_assignment (stmt, assignment)
                                && bind_int64 (stmt, ASSIGNMENT_CREATED_AT, now)
                                && bind_int64 (stmt, ASSIGNMENT_UPDATED_AT, now),
                                error);

  if (ok)
    {
      g_autoptr(RapportAssignment) stored = rapport_assignment_dup (assignment);

      rapport_assignment_set_id (stored, id);
      ok = rapport_store_index_item (self, RAPPORT_ITEM_KIND_ASSIGNMENT, stored, error);
    }

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (assignment));
  rapport_assignment_set_id (assignment, id);
  rapport_assignment_set_created_at (assignment, now);
  rapport_assignment_set_updated_at (assignment, now);
  g_object_thaw_notify (G_OBJECT (assignment));

  rapport_store_collection_insert (&self->assignments, assignment);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_update_assignment (RapportStore       *self,
                                 RapportAssignment  *changes,
                                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RapportAssignment) updated = NULL;
  RapportAssignment *item;
  sqlite3_stmt *stmt;
  gint64 id;
  gint64 now = now_seconds ();
  gboolean valid;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ASSIGNMENT (changes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_assignment_get_id (changes);
  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_ASSIGNMENT, id, error)))
    return FALSE;

  valid = rapport_assignment_validate (changes, &local_error);
  if (!propagate_invalid (valid, local_error, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, update_assignment_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, ASSIGNMENT_ID, id)
                                && bind_assignment (stmt, changes)
                                && bind_int64 (stmt, ASSIGNMENT_UPDATED_AT, now),
                                error)
    && rapport_store_index_item (self, RAPPORT_ITEM_KIND_ASSIGNMENT, changes, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  updated = rapport_assignment_dup (changes);
  rapport_assignment_set_created_at (updated, rapport_assignment_get_created_at (item));
  rapport_assignment_set_updated_at (updated, now);
  rapport_assignment_assign (item, updated);

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_delete_assignment (RapportStore      *self,
                                 gint64             id,
                                 RapportStoreUndo **undo,
                                 GError           **error)
{
  g_autoptr(RapportStoreUndo) captured = NULL;
  g_autoptr(GArray) tip_ids = NULL;
  g_autoptr(GPtrArray) logged_there = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  GListModel *model;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_or_not_found (self, RAPPORT_ITEM_KIND_ASSIGNMENT, id, error))
    return FALSE;

  tip_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  model = G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_TIP)->model);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportTip) tip = g_list_model_get_item (model, i);

      if (rapport_tip_get_assignment_id (tip) == id)
        {
          gint64 tip_id = rapport_tip_get_id (tip);

          g_array_append_val (tip_ids, tip_id);
        }
    }

  logged_there = g_ptr_array_new_with_free_func (g_object_unref);
  model = G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_INTERACTION)->model);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportInteraction) interaction = g_list_model_get_item (model, i);

      if (rapport_interaction_get_assignment_id (interaction) == id)
        g_ptr_array_add (logged_there, g_object_ref (interaction));
    }

  reminders = dup_reminders_naming (self, id, TRUE);

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  captured = rapport_store_undo_new ();

  /* The foreign keys take the tips and links with the row and unset the interactions'
   * reference; all of it is kept first. */
  ok = capture_row (self, captured, &assignment_rows, id, error)
    && rapport_store_undo_capture_rows (self, captured, "tip", capture_assignment_tips_sql, id,
                                        RAPPORT_ITEM_KIND_TIP, "id", TRUE, error)
    && rapport_store_undo_capture_rows (self, captured, "colleague_assignment",
                                        capture_assignment_links_sql, id, 0, NULL, FALSE, error)
    && rapport_store_undo_capture_refs (self, captured, "interaction", "assignment_id", id,
                                        RAPPORT_ITEM_KIND_INTERACTION, error)
    && rapport_store_undo_capture_refs (self, captured, "reminder", "assignment_id", id,
                                        RAPPORT_ITEM_KIND_REMINDER, error)
    && remove_row (self, &assignment_rows, id, error);

  for (guint i = 0; i < tip_ids->len && ok; i++)
    ok = rapport_store_index_remove (self, RAPPORT_ITEM_KIND_TIP,
                                     g_array_index (tip_ids, gint64, i), error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  for (guint i = 0; i < tip_ids->len; i++)
    rapport_store_collection_remove (loaded (self, RAPPORT_ITEM_KIND_TIP),
                                     g_array_index (tip_ids, gint64, i));

  for (guint i = 0; i < logged_there->len; i++)
    rapport_interaction_set_assignment_id (logged_there->pdata[i], 0);

  for (guint i = 0; i < reminders->len; i++)
    rapport_reminder_set_assignment_id (reminders->pdata[i], 0);

  finish_delete (self, RAPPORT_ITEM_KIND_ASSIGNMENT, id, NULL, &captured, undo);

  return TRUE;
}

RapportAssignment *
rapport_store_get_current_assignment (RapportStore *self,
                                      GDateTime    *now)
{
  GListModel *model;
  RapportAssignment *current = NULL;
  guint n_items;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  model = G_LIST_MODEL (self->assignments.model);
  n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportAssignment) assignment = g_list_model_get_item (model, i);

      if (!rapport_assignment_is_current_at (assignment, now))
        continue;

      /* The one that started last; of equal starts, the one added last (ids grow). */
      if (current == NULL ||
          strcmp (rapport_assignment_get_starts_on (assignment),
                  rapport_assignment_get_starts_on (current)) >= 0)
        current = assignment;
    }

  return current;
}

GPtrArray *
rapport_store_find_same_site_assignments (RapportStore *self,
                                          gint64        assignment_id)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *facility = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  RapportAssignment *reference;
  GListModel *model;
  guint n_items;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(reference = rapport_store_find_assignment (self, assignment_id)))
    return g_steal_pointer (&found);

  facility = fold_place (rapport_assignment_get_facility (reference));
  city = fold_place (rapport_assignment_get_city (reference));
  country = fold_place (rapport_assignment_get_country (reference));

  model = G_LIST_MODEL (self->assignments.model);
  n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportAssignment) other = g_list_model_get_item (model, i);
      g_autofree char *other_facility = NULL;
      g_autofree char *other_city = NULL;
      g_autofree char *other_country = NULL;
      gboolean same_facility;
      gboolean same_town;

      if (other == reference)
        continue;

      other_facility = fold_place (rapport_assignment_get_facility (other));
      other_city = fold_place (rapport_assignment_get_city (other));
      other_country = fold_place (rapport_assignment_get_country (other));

      same_facility = facility[0] != '\0' && g_str_equal (facility, other_facility);
      same_town = city[0] != '\0' && g_str_equal (city, other_city)
               && g_str_equal (country, other_country);

      if (same_facility || same_town)
        g_ptr_array_add (found, g_object_ref (other));
    }

  g_ptr_array_sort (found, compare_newest_assignment);

  return g_steal_pointer (&found);
}

gboolean
rapport_store_link_colleague (RapportStore  *self,
                              gint64         colleague_id,
                              gint64         assignment_id,
                              const char    *met_on,
                              GError       **error)
{
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (met_on == NULL)
    met_on = "";

  if (!find_or_not_found (self, RAPPORT_ITEM_KIND_COLLEAGUE, colleague_id, error))
    return FALSE;

  if (!find_or_not_found (self, RAPPORT_ITEM_KIND_ASSIGNMENT, assignment_id, error))
    return FALSE;

  if (met_on[0] != '\0' && !is_valid_date (met_on))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a date. Enter the day you met as YYYY-MM-DD, or leave it "
                     "empty."),
                   g_utf8_validate (met_on, -1, NULL) ? met_on : "?");
      return FALSE;
    }

  /* Linking again with the same date changes nothing, and says nothing. */
  current = rapport_store_dup_met_on (self, colleague_id, assignment_id);
  if (g_strcmp0 (current, met_on) == 0)
    return TRUE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, link_colleague_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, 1, colleague_id)
                                && bind_int64 (stmt, 2, assignment_id)
                                && bind_text_or_null (stmt, 3, met_on),
                                error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_unlink_colleague (RapportStore  *self,
                                gint64         colleague_id,
                                gint64         assignment_id,
                                GError       **error)
{
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_or_not_found (self, RAPPORT_ITEM_KIND_COLLEAGUE, colleague_id, error))
    return FALSE;

  if (!find_or_not_found (self, RAPPORT_ITEM_KIND_ASSIGNMENT, assignment_id, error))
    return FALSE;

  /* Not linked: already as asked. */
  if (!(current = rapport_store_dup_met_on (self, colleague_id, assignment_id)))
    return TRUE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, unlink_colleague_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, 1, colleague_id)
                                && bind_int64 (stmt, 2, assignment_id),
                                error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  rapport_store_emit_changed (self);

  return TRUE;
}

GArray *
rapport_store_dup_assignment_colleague_ids (RapportStore *self,
                                            gint64        assignment_id)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  ids = read_ids (self, select_assignment_colleagues_sql, assignment_id, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read the colleagues of an assignment: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  return ids;
}

GArray *
rapport_store_dup_colleague_assignment_ids (RapportStore *self,
                                            gint64        colleague_id)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  ids = read_ids (self, select_colleague_assignments_sql, colleague_id, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read the assignments of a colleague: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  return ids;
}

char *
rapport_store_dup_met_on (RapportStore *self,
                          gint64        colleague_id,
                          gint64        assignment_id)
{
  g_autoptr(GError) error = NULL;
  char *met_on = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  if (!(stmt = rapport_database_prepare (self->database, select_met_on_sql, &error)))
    {
      g_warning ("Could not read where a colleague was met: %s", error->message);
      return NULL;
    }

  if (bind_int64 (stmt, 1, colleague_id) && bind_int64 (stmt, 2, assignment_id))
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        met_on = g_strdup (text_or_empty (sqlite3_column_text (stmt, 0)));
      else if (rc != SQLITE_DONE)
        g_warning ("Could not read where a colleague was met: %s",
                   sqlite3_errmsg (rapport_database_get_handle (self->database)));
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return met_on;
}

GListModel *
rapport_store_get_tips (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_TIP)->model);
}

RapportTip *
rapport_store_find_tip (RapportStore *self,
                        gint64        id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return rapport_store_collection_lookup (loaded (self, RAPPORT_ITEM_KIND_TIP), id);
}

gboolean
rapport_store_add_tip (RapportStore  *self,
                       RapportTip    *tip,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_TIP (tip), FALSE);
  g_return_val_if_fail (rapport_tip_get_id (tip) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_tip_refs (self, tip, error))
    return FALSE;

  if (!next_id (loaded (self, RAPPORT_ITEM_KIND_TIP), &id, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, insert_tip_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, TIP_ID, id)
                                && bind_tip (stmt, tip)
                                && bind_int64 (stmt, TIP_CREATED_AT, now),
                                error);

  if (ok)
    {
      g_autoptr(RapportTip) stored = rapport_tip_dup (tip);

      rapport_tip_set_id (stored, id);
      ok = rapport_store_index_item (self, RAPPORT_ITEM_KIND_TIP, stored, error);
    }

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (tip));
  rapport_tip_set_id (tip, id);
  rapport_tip_set_created_at (tip, now);
  g_object_thaw_notify (G_OBJECT (tip));

  rapport_store_collection_insert (loaded (self, RAPPORT_ITEM_KIND_TIP), tip);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_update_tip (RapportStore  *self,
                          RapportTip    *changes,
                          GError       **error)
{
  g_autoptr(RapportTip) updated = NULL;
  RapportTip *item;
  sqlite3_stmt *stmt;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_TIP (changes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_tip_get_id (changes);
  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_TIP, id, error)))
    return FALSE;

  if (!check_tip_refs (self, changes, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, update_tip_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, TIP_ID, id) && bind_tip (stmt, changes),
                                error)
    && rapport_store_index_item (self, RAPPORT_ITEM_KIND_TIP, changes, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  updated = rapport_tip_dup (changes);
  rapport_tip_set_created_at (updated, rapport_tip_get_created_at (item));
  rapport_tip_assign (item, updated);

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_set_tip_tried (RapportStore  *self,
                             gint64         id,
                             gboolean       tried,
                             GError       **error)
{
  RapportTip *item;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tried = !!tried;

  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_TIP, id, error)))
    return FALSE;

  if (rapport_tip_get_tried (item) == tried)
    return TRUE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, set_tip_tried_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, 1, id) && bind_int64 (stmt, 2, tried ? 1 : 0),
                                error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  rapport_tip_set_tried (item, tried);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_delete_tip (RapportStore      *self,
                          gint64             id,
                          RapportStoreUndo **undo,
                          GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_row_with_undo (self, &tip_rows, id, undo, error);
}

GListModel *
rapport_store_get_interactions (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_INTERACTION)->model);
}

static void
read_interactions_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  RapportDatabase *database = task_data;
  GError *error = NULL;
  GPtrArray *items;

  if (g_task_return_error_if_cancelled (task))
    return;

  items = read_kind (database, RAPPORT_ITEM_KIND_INTERACTION, select_interactions_sql, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

void
rapport_store_read_interactions_async (RapportStore        *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(RapportDatabase) worker_database = NULL;
  GError *error = NULL;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_read_interactions_async);

  if (self->interactions.loaded)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* A connection belongs to one thread at a time: the worker gets its own. */
  worker_database = rapport_database_open_another (self->database, &error);
  if (worker_database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&worker_database), g_object_unref);
  g_task_run_in_thread (task, read_interactions_thread);
}

gboolean
rapport_store_read_interactions_finish (RapportStore  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_store_read_interactions_async, FALSE);

  items = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* Anything that changes entries reads them first, on the store's own connection: if that
   * happened meanwhile, the model is current and the worker's copy may not be. */
  if (items != NULL && !self->interactions.loaded)
    {
      collection_splice (&self->interactions, items);
      self->interactions.loaded = TRUE;
    }

  return TRUE;
}

gboolean
rapport_store_has_read_interactions (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  return self->interactions.loaded;
}

RapportInteraction *
rapport_store_find_interaction (RapportStore *self,
                                gint64        id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return rapport_store_collection_lookup (loaded (self, RAPPORT_ITEM_KIND_INTERACTION), id);
}

gboolean
rapport_store_add_interaction (RapportStore        *self,
                               RapportInteraction  *interaction,
                               GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (rapport_interaction_get_id (interaction) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_interaction_refs (self, interaction, error))
    return FALSE;

  if (!next_id (loaded (self, RAPPORT_ITEM_KIND_INTERACTION), &id, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, insert_interaction_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, INTERACTION_ID, id)
                                && bind_interaction (stmt, interaction)
                                && bind_int64 (stmt, INTERACTION_CREATED_AT, now),
                                error);

  if (ok)
    {
      g_autoptr(RapportInteraction) stored = rapport_interaction_dup (interaction);

      rapport_interaction_set_id (stored, id);
      ok = write_interaction_colleagues (self, id, interaction, error)
        && rapport_store_index_item (self, RAPPORT_ITEM_KIND_INTERACTION, stored, error);
    }

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (interaction));
  rapport_interaction_set_id (interaction, id);
  rapport_interaction_set_created_at (interaction, now);
  g_object_thaw_notify (G_OBJECT (interaction));

  rapport_store_collection_insert (loaded (self, RAPPORT_ITEM_KIND_INTERACTION), interaction);

  /* Not a rescan of the whole journal: that made writing a long journal quadratic. */
  move_last_interactions_later (self, interaction);

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_update_interaction (RapportStore        *self,
                                  RapportInteraction  *changes,
                                  GError             **error)
{
  g_autoptr(GHashTable) colleague_ids = NULL;
  g_autoptr(RapportInteraction) updated = NULL;
  RapportInteraction *item;
  sqlite3_stmt *stmt;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (changes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_interaction_get_id (changes);
  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_INTERACTION, id, error)))
    return FALSE;

  if (!check_interaction_refs (self, changes, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, update_interaction_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, INTERACTION_ID, id)
                                && bind_interaction (stmt, changes),
                                error)
    && write_interaction_colleagues (self, id, changes, error)
    && rapport_store_index_item (self, RAPPORT_ITEM_KIND_INTERACTION, changes, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  /* Whoever was named before or after may have a different latest interaction now. */
  colleague_ids = new_id_set ();
  add_interaction_colleagues (colleague_ids, item);
  add_interaction_colleagues (colleague_ids, changes);

  updated = rapport_interaction_dup (changes);
  rapport_interaction_set_created_at (updated, rapport_interaction_get_created_at (item));
  rapport_store_merge_item (self, RAPPORT_ITEM_KIND_INTERACTION, updated);

  rapport_store_refresh_last_interactions (self, colleague_ids);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_delete_interaction (RapportStore      *self,
                                  gint64             id,
                                  RapportStoreUndo **undo,
                                  GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_row_with_undo (self, &interaction_rows, id, undo, error);
}

/* The entries whose ids sql lists for id (at most limit): the model's own when it holds them, or
 * read one by one, without reading the whole journal for a few rows. */
static GPtrArray *
dup_interactions_by_id (RapportStore  *self,
                        const char    *sql,
                        gint64         id,
                        guint          limit,
                        GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rapport_store_prepare_with_id (self, sql, id, error)))
    return NULL;
  if (!bind_int64 (stmt, 2, limit))
    {
      rapport_database_set_error (self->database, SQLITE_NOMEM, error);
      finish_rows (self->database, stmt, SQLITE_DONE, NULL);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 interaction_id = g_array_index (ids, gint64, i);
      gpointer item = NULL;

      if (self->interactions.loaded)
        item = rapport_store_collection_lookup (&self->interactions, interaction_id);
      if (item != NULL)
        item = g_object_ref (item);
      else
        item = rapport_store_read_item (self, RAPPORT_ITEM_KIND_INTERACTION, interaction_id, error);

      if (item == NULL)
        {
          if (error != NULL && *error != NULL)
            return NULL;
          continue;
        }
      g_ptr_array_add (found, item);
    }

  return g_steal_pointer (&found);
}

GPtrArray *
rapport_store_dup_colleague_interactions (RapportStore  *self,
                                          gint64         colleague_id,
                                          guint          limit,
                                          GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return dup_interactions_by_id (self, select_colleague_interaction_ids_sql, colleague_id, limit,
                                 error);
}

GPtrArray *
rapport_store_dup_assignment_interactions (RapportStore  *self,
                                           gint64         assignment_id,
                                           guint          limit,
                                           GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return dup_interactions_by_id (self, select_assignment_interaction_ids_sql, assignment_id, limit,
                                 error);
}

RapportInteraction *
rapport_store_get_last_interaction (RapportStore *self,
                                    gint64        colleague_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  if (!(ids = read_ids (self, select_last_interaction_id_sql, colleague_id, &error)))
    {
      g_warning ("Could not read a colleague's last interaction: %s", error->message);
      return NULL;
    }

  if (ids->len == 0)
    return NULL;

  return rapport_store_collection_lookup (loaded (self, RAPPORT_ITEM_KIND_INTERACTION),
                                          g_array_index (ids, gint64, 0));
}

gboolean
rapport_store_count_interactions_by_week (RapportStore  *self,
                                          GDateTime     *now,
                                          guint          n_weeks,
                                          guint         *counts,
                                          GError       **error)
{
  g_autofree gint64 *starts = NULL;
  GTimeZone *tz;
  gint64 until;
  guint days_back;
  guint week = 0;
  sqlite3_stmt *stmt;
  GDate date;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (n_weeks > 0 && n_weeks <= G_MAXUINT / 7 - 7, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (counts, 0, n_weeks * sizeof (guint));

  /* Every Monday is found on the calendar and made midnight in now's zone on its own, so a
   * change of daylight saving time moves no boundary off midnight. */
  tz = g_date_time_get_timezone (now);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  days_back = (guint) g_date_time_get_day_of_week (now) - 1 + 7 * (n_weeks - 1);
  if (!g_date_valid (&date) || g_date_get_julian (&date) <= days_back)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           _("The weeks to count begin before the calendar does. Count fewer "
                             "weeks."));
      return FALSE;
    }
  g_date_subtract_days (&date, days_back);

  starts = g_new (gint64, n_weeks + 1);
  for (guint i = 0; i <= n_weeks; i++)
    {
      g_autoptr(GDateTime) monday = g_date_time_new (tz, g_date_get_year (&date),
                                                     g_date_get_month (&date),
                                                     g_date_get_day (&date), 0, 0, 0);

      if (monday == NULL)
        {
          g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                               _("The weeks to count end after the calendar does. Count fewer "
                                 "weeks."));
          return FALSE;
        }
      starts[i] = g_date_time_to_unix (monday);
      g_date_add_days (&date, 7);
    }

  /* What is planned for later this week is not part of it yet. */
  until = MIN (starts[n_weeks] - 1, g_date_time_to_unix (now));

  if (!(stmt = rapport_store_prepare_with_id (self, select_interaction_times_sql, starts[0],
                                              error)))
    return FALSE;
  if (!bind_int64 (stmt, 2, until))
    {
      rapport_database_set_error (self->database, SQLITE_NOMEM, error);
      finish_rows (self->database, stmt, SQLITE_DONE, NULL);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 occurred_at = sqlite3_column_int64 (stmt, 0);

      while (week + 1 < n_weeks && occurred_at >= starts[week + 1])
        week++;
      counts[week]++;
    }

  if (!rapport_store_finish_rows (self, stmt, rc, error))
    {
      memset (counts, 0, n_weeks * sizeof (guint));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_store_count_assignment_colleagues (RapportStore  *self,
                                           gint64         assignment_id,
                                           GDateTime     *now,
                                           guint         *met,
                                           guint         *in_touch,
                                           GError       **error)
{
  g_autoptr(GDateTime) since = NULL;
  sqlite3_stmt *stmt;
  gint64 n_met = 0;
  gint64 n_in_touch = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (met != NULL)
    *met = 0;
  if (in_touch != NULL)
    *in_touch = 0;

  if (find_or_not_found (self, RAPPORT_ITEM_KIND_ASSIGNMENT, assignment_id, error) == NULL)
    return FALSE;

  /* Calendar days in now's zone, as people count "the last 90 days". */
  since = g_date_time_add_days (now, -RAPPORT_IN_TOUCH_DAYS);

  if (!(stmt = rapport_store_prepare_with_id (self, count_assignment_colleagues_sql,
                                              assignment_id, error)))
    return FALSE;
  if (!bind_int64 (stmt, 2, since != NULL ? g_date_time_to_unix (since) : G_MININT64) ||
      !bind_int64 (stmt, 3, g_date_time_to_unix (now)))
    {
      rapport_database_set_error (self->database, SQLITE_NOMEM, error);
      finish_rows (self->database, stmt, SQLITE_DONE, NULL);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      n_met = sqlite3_column_int64 (stmt, 0);
      n_in_touch = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  if (!rapport_store_finish_rows (self, stmt, rc, error))
    return FALSE;

  if (met != NULL)
    *met = (guint) CLAMP (n_met, 0, G_MAXUINT);
  if (in_touch != NULL)
    *in_touch = (guint) CLAMP (n_in_touch, 0, G_MAXUINT);

  return TRUE;
}

char *
rapport_store_assignments_to_json_lines (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return model_to_json_lines (G_LIST_MODEL (self->assignments.model), build_assignment_json);
}

char *
rapport_store_tips_to_json_lines (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return model_to_json_lines (G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_TIP)->model),
                              build_tip_json);
}

char *
rapport_store_interactions_to_json_lines (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return model_to_json_lines (G_LIST_MODEL (loaded (self, RAPPORT_ITEM_KIND_INTERACTION)->model),
                              build_interaction_json);
}

GListModel *
rapport_store_get_reminders (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->reminders.model);
}

RapportReminder *
rapport_store_find_reminder (RapportStore *self,
                             gint64        id)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return rapport_store_collection_lookup (&self->reminders, id);
}

gboolean
rapport_store_add_reminder (RapportStore     *self,
                            RapportReminder  *reminder,
                            GError          **error)
{
  gint64 now = now_seconds ();
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_REMINDER (reminder), FALSE);
  g_return_val_if_fail (rapport_reminder_get_id (reminder) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_reminder_refs (self, reminder, error))
    return FALSE;

  if (!next_id (&self->reminders, &id, error))
    return FALSE;

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = insert_reminder (self, reminder, id, now, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  adopt_reminder (self, reminder, id, now);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_add_reminders (RapportStore  *self,
                             GPtrArray     *reminders,
                             GError       **error)
{
  gint64 now = now_seconds ();
  gint64 first_id = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (reminders != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < reminders->len; i++)
    {
      g_return_val_if_fail (RAPPORT_IS_REMINDER (reminders->pdata[i]), FALSE);
      g_return_val_if_fail (rapport_reminder_get_id (reminders->pdata[i]) == 0, FALSE);
    }

  if (reminders->len == 0)
    return TRUE;

  /* Every one is checked before anything is written, so a bad one leaves no trace. */
  for (guint i = 0; i < reminders->len; i++)
    if (!check_reminder_refs (self, reminders->pdata[i], error))
      return FALSE;

  if (!next_id (&self->reminders, &first_id, error))
    return FALSE;

  if (G_MAXINT64 - first_id < (gint64) reminders->len - 1)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           _("The journal cannot number any more entries of this kind, so "
                             "nothing was added."));
      return FALSE;
    }

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  for (guint i = 0; ok && i < reminders->len; i++)
    ok = insert_reminder (self, reminders->pdata[i], first_id + i, now, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  for (guint i = 0; i < reminders->len; i++)
    adopt_reminder (self, reminders->pdata[i], first_id + i, now);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_update_reminder (RapportStore     *self,
                               RapportReminder  *changes,
                               GError          **error)
{
  g_autoptr(RapportReminder) updated = NULL;
  RapportReminder *item;
  sqlite3_stmt *stmt;
  gint64 snoozed_until;
  gint64 id;
  gboolean retimed;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_REMINDER (changes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_reminder_get_id (changes);
  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_REMINDER, id, error)))
    return FALSE;

  if (!check_reminder_refs (self, changes, error))
    return FALSE;

  /* A snooze was for the old time; at a new time it would remind at the wrong moment. */
  retimed = rapport_reminder_get_due_at (item) != rapport_reminder_get_due_at (changes)
    || g_strcmp0 (rapport_reminder_get_tz (item), rapport_reminder_get_tz (changes)) != 0
    || g_strcmp0 (rapport_reminder_get_rrule (item), rapport_reminder_get_rrule (changes)) != 0;
  snoozed_until = retimed ? 0 : rapport_reminder_get_snoozed_until (item);

  if (!rapport_database_begin (self->database, error))
    return FALSE;

  ok = (stmt = rapport_database_prepare (self->database, update_reminder_sql, error)) != NULL
    && rapport_store_step_done (self, stmt,
                                bind_int64 (stmt, REMINDER_ID, id)
                                && bind_reminder (stmt, changes, snoozed_until),
                                error)
    && rapport_store_index_item (self, RAPPORT_ITEM_KIND_REMINDER, changes, error);

  if (!rapport_store_commit_or_rollback (self, ok, error))
    return FALSE;

  /* Done, notified and created are the store's: an edit does not reset them. */
  updated = rapport_reminder_dup (changes);
  rapport_reminder_set_snoozed_until (updated, snoozed_until);
  rapport_reminder_set_completed_at (updated, rapport_reminder_get_completed_at (item));
  rapport_reminder_set_notified_at (updated, rapport_reminder_get_notified_at (item));
  rapport_reminder_set_created_at (updated, rapport_reminder_get_created_at (item));
  rapport_reminder_assign (item, updated);

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_complete_reminder (RapportStore  *self,
                                 gint64         id,
                                 gint64         now,
                                 GError       **error)
{
  RapportReminder *item;
  gint64 due_at;
  gint64 completed_at = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_REMINDER, id, error)))
    return FALSE;

  /* Done twice (the notification's button and the window's) is still done once. */
  if (rapport_reminder_get_completed_at (item) != 0)
    return TRUE;

  due_at = rapport_reminder_get_due_at (item);
  if (rapport_reminder_get_rrule (item)[0] != '\0')
    {
      gint64 next = rapport_reminder_next_occurrence (item, now);

      /* A series with nothing left to come ends like a one-off. */
      if (next > 0)
        due_at = next;
      else
        completed_at = now;
    }
  else
    {
      completed_at = now;
    }

  if (!write_reminder_state (self, id, due_at, 0, completed_at,
                             rapport_reminder_get_notified_at (item), error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (item));
  rapport_reminder_set_due_at (item, due_at);
  rapport_reminder_set_snoozed_until (item, 0);
  rapport_reminder_set_completed_at (item, completed_at);
  g_object_thaw_notify (G_OBJECT (item));

  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_snooze_reminder (RapportStore  *self,
                               gint64         id,
                               gint64         until,
                               GError       **error)
{
  RapportReminder *item;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_REMINDER, id, error)))
    return FALSE;

  if (rapport_reminder_get_completed_at (item) != 0)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           _("This reminder is already done, so it cannot be snoozed. Edit its "
                             "time to plan it again."));
      return FALSE;
    }

  if (until <= 0)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                           _("The time to snooze until is not valid. Choose a later time."));
      return FALSE;
    }

  if (rapport_reminder_get_snoozed_until (item) == until)
    return TRUE;

  if (!write_reminder_state (self, id, rapport_reminder_get_due_at (item), until, 0,
                             rapport_reminder_get_notified_at (item), error))
    return FALSE;

  rapport_reminder_set_snoozed_until (item, until);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_mark_reminder_notified (RapportStore  *self,
                                      gint64         id,
                                      gint64         remind_at,
                                      GError       **error)
{
  RapportReminder *item;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (remind_at > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(item = find_or_not_found (self, RAPPORT_ITEM_KIND_REMINDER, id, error)))
    return FALSE;

  if (rapport_reminder_get_notified_at (item) == remind_at)
    return TRUE;

  if (!write_reminder_state (self, id, rapport_reminder_get_due_at (item),
                             rapport_reminder_get_snoozed_until (item),
                             rapport_reminder_get_completed_at (item), remind_at, error))
    return FALSE;

  rapport_reminder_set_notified_at (item, remind_at);
  rapport_store_emit_changed (self);

  return TRUE;
}

gboolean
rapport_store_delete_reminder (RapportStore      *self,
                               gint64             id,
                               RapportStoreUndo **undo,
                               GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_row_with_undo (self, &reminder_rows, id, undo, error);
}

gint64
rapport_store_get_reconnect_at (RapportStore     *self,
                                RapportColleague *colleague)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) base_time = NULL;
  g_autoptr(GDateTime) reconnect = NULL;
  guint cadence_days;
  gint64 base;
  GDate date;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (RAPPORT_IS_COLLEAGUE (colleague), 0);

  cadence_days = rapport_colleague_get_cadence_days (colleague);
  if (cadence_days == 0 || rapport_colleague_get_archived (colleague))
    return 0;

  base = rapport_colleague_get_last_interaction_at (colleague);
  if (base == 0)
    base = rapport_colleague_get_created_at (colleague);

  local = g_time_zone_new_local ();
  if (!(utc = g_date_time_new_from_unix_utc (base)))
    return 0;
  base_time = g_date_time_to_timezone (utc, local);

  /* Counted in calendar days, so a change of daylight saving time between the two does not
   * move the reconnect time away from 09:00. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (base_time),
                  g_date_time_get_month (base_time), g_date_time_get_year (base_time));
  if (!g_date_valid (&date) || g_date_get_julian (&date) > G_MAXUINT32 - cadence_days)
    return 0;
  g_date_add_days (&date, cadence_days);

  reconnect = g_date_time_new (local, g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 9, 0, 0);
  if (reconnect == NULL)
    return 0;

  return g_date_time_to_unix (reconnect);
}

typedef struct
{
  RapportColleague *colleague;
  gint64            reconnect_at;
} ReconnectDue;

static int
compare_reconnect_due (gconstpointer a,
                       gconstpointer b)
{
  const ReconnectDue *due_a = a;
  const ReconnectDue *due_b = b;
  gint64 id_a = rapport_colleague_get_id (due_a->colleague);
  gint64 id_b = rapport_colleague_get_id (due_b->colleague);
  gint64 at_a = due_a->reconnect_at;
  gint64 at_b = due_b->reconnect_at;

  if (at_a != at_b)
    return (at_a > at_b) - (at_a < at_b);

  return (id_a > id_b) - (id_a < id_b);
}

/* GArray of ReconnectDue, most overdue first; the colleagues are the model's, not referenced. */
static GArray *
collect_reconnect_due (RapportStore *self,
                       gint64        before)
{
  GArray *due = g_array_new (FALSE, FALSE, sizeof (ReconnectDue));
  GListModel *model = G_LIST_MODEL (self->colleagues.model);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);
      ReconnectDue entry = { colleague, rapport_store_get_reconnect_at (self, colleague) };

      if (entry.reconnect_at != 0 && entry.reconnect_at <= before)
        g_array_append_val (due, entry);
    }

  g_array_sort (due, compare_reconnect_due);

  return due;
}

GPtrArray *
rapport_store_dup_reconnect_due (RapportStore *self,
                                 gint64        before)
{
  g_autoptr(GArray) due = NULL;
  GPtrArray *colleagues;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  due = collect_reconnect_due (self, before);
  colleagues = g_ptr_array_new_full (due->len, g_object_unref);
  for (guint i = 0; i < due->len; i++)
    g_ptr_array_add (colleagues, g_object_ref (g_array_index (due, ReconnectDue, i).colleague));

  return colleagues;
}

static char *
dup_json_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

char *
rapport_store_reminders_to_json_lines (RapportStore *self,
                                       gint64        now)
{
  GString *lines;
  GListModel *model;
  guint n_items;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  lines = g_string_new (NULL);
  model = G_LIST_MODEL (self->reminders.model);
  n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (model, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GDateTime) due = rapport_reminder_dup_due_local (reminder);
      g_autofree char *line = NULL;
      gint64 snoozed_until = rapport_reminder_get_snoozed_until (reminder);
      RapportReminderState state = rapport_reminder_get_state_at (reminder, now);

      json_builder_begin_object (builder);
      add_int_member (builder, "id", rapport_reminder_get_id (reminder));
      add_string_member (builder, "title", rapport_reminder_get_title (reminder));
      add_local_time_member (builder, "due", due);
      add_string_member (builder, "tz", rapport_reminder_get_tz (reminder));
      add_string_member (builder, "rrule", rapport_reminder_get_rrule (reminder));
      add_string_member (builder, "state", reminder_state_to_nick (state));
      add_id_member (builder, "colleague_id", rapport_reminder_get_colleague_id (reminder));
      add_id_member (builder, "assignment_id", rapport_reminder_get_assignment_id (reminder));
      if (snoozed_until != 0)
        {
          g_autoptr(GDateTime) until = dup_in_reminder_zone (reminder, snoozed_until);

          add_local_time_member (builder, "snoozed_until", until);
        }
      else
        {
          json_builder_set_member_name (builder, "snoozed_until");
          json_builder_add_null_value (builder);
        }
      add_string_member (builder, "notes", rapport_reminder_get_notes (reminder));
      json_builder_end_object (builder);

      line = dup_json_line (builder);
      g_string_append (lines, line);
      g_string_append_c (lines, '\n');
    }

  return g_string_free (lines, FALSE);
}

static int
compare_remind_at (gconstpointer a,
                   gconstpointer b)
{
  RapportReminder *reminder_a = *(RapportReminder * const *) a;
  RapportReminder *reminder_b = *(RapportReminder * const *) b;
  gint64 at_a = rapport_reminder_get_remind_at (reminder_a);
  gint64 at_b = rapport_reminder_get_remind_at (reminder_b);
  gint64 id_a = rapport_reminder_get_id (reminder_a);
  gint64 id_b = rapport_reminder_get_id (reminder_b);

  if (at_a != at_b)
    return (at_a > at_b) - (at_a < at_b);

  return (id_a > id_b) - (id_a < id_b);
}

char *
rapport_store_due_to_json_lines (RapportStore *self,
                                 gint64        now)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) now_time = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GArray) reconnect = NULL;
  GListModel *model;
  GString *lines;
  gint64 end_of_today;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  lines = g_string_new (NULL);
  local = g_time_zone_new_local ();
  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    return g_string_free (lines, FALSE);

  now_time = g_date_time_to_timezone (utc, local);
  today = g_date_time_new (local, g_date_time_get_year (now_time),
                           g_date_time_get_month (now_time),
                           g_date_time_get_day_of_month (now_time), 0, 0, 0);
  tomorrow = today != NULL ? g_date_time_add_days (today, 1) : NULL;
  end_of_today = tomorrow != NULL ? g_date_time_to_unix (tomorrow) - 1 : now;

  reminders = g_ptr_array_new_with_free_func (g_object_unref);
  model = G_LIST_MODEL (self->reminders.model);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportReminder) reminder = g_list_model_get_item (model, i);
      gint64 remind_at = rapport_reminder_get_remind_at (reminder);

      if (remind_at != 0 && remind_at <= end_of_today)
        g_ptr_array_add (reminders, g_steal_pointer (&reminder));
    }
  g_ptr_array_sort (reminders, compare_remind_at);

  for (guint i = 0; i < reminders->len; i++)
    {
      RapportReminder *reminder = reminders->pdata[i];
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *line = NULL;
      RapportReminderState state = rapport_reminder_get_state_at (reminder, now);

      due = dup_in_reminder_zone (reminder, rapport_reminder_get_remind_at (reminder));

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", "reminder");
      add_int_member (builder, "id", rapport_reminder_get_id (reminder));
      add_string_member (builder, "title", rapport_reminder_get_title (reminder));
      add_local_time_member (builder, "due", due);
      add_string_member (builder, "state", reminder_state_to_nick (state));
      json_builder_end_object (builder);

      line = dup_json_line (builder);
      g_string_append (lines, line);
      g_string_append_c (lines, '\n');
    }

  reconnect = collect_reconnect_due (self, end_of_today);
  for (guint i = 0; i < reconnect->len; i++)
    {
      ReconnectDue *entry = &g_array_index (reconnect, ReconnectDue, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (entry->reconnect_at);
      g_autofree char *line = NULL;

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", "reconnect");
      add_int_member (builder, "id", rapport_colleague_get_id (entry->colleague));
      add_string_member (builder, "title", rapport_colleague_get_name (entry->colleague));
      add_local_time_member (builder, "due", due);
      add_string_member (builder, "state", entry->reconnect_at <= now ? "overdue" : "upcoming");
      json_builder_end_object (builder);

      line = dup_json_line (builder);
      g_string_append (lines, line);
      g_string_append_c (lines, '\n');
    }

  return g_string_free (lines, FALSE);
}
