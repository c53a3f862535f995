/* rapport-store.h
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

#pragma once

#include <gio/gio.h>

#include "rapport-assignment.h"
#include "rapport-colleague.h"
#include "rapport-database.h"
#include "rapport-interaction.h"
#include "rapport-reminder.h"
#include "rapport-search-result.h"
#include "rapport-tip.h"
#include "rapport-vcard.h"

G_BEGIN_DECLS

/* The journal's repository: every write goes through here, in one transaction, and only after
 * the transaction commits are the list models updated and "changed" emitted. */

#define RAPPORT_STORE_ERROR (rapport_store_error_quark ())

typedef enum
{
  RAPPORT_STORE_ERROR_NOT_FOUND,
  RAPPORT_STORE_ERROR_INVALID,     /* the value failed validation; the message says which field */
  RAPPORT_STORE_ERROR_UNDO_SPENT,  /* this undo was already applied, or its rows came back otherwise */
} RapportStoreError;

/* Everything one delete removed or changed (the row, the rows that cascaded, references set to
 * NULL), so that Undo puts the journal back exactly, in one transaction. */
typedef struct _RapportStoreUndo RapportStoreUndo;

#define RAPPORT_TYPE_STORE_UNDO (rapport_store_undo_get_type ())

GType             rapport_store_undo_get_type      (void) G_GNUC_CONST;
void              rapport_store_undo_free          (RapportStoreUndo  *undo);
/* How many items of a kind the delete removed (e.g. interactions that named only the deleted
 * colleague), for messages such as "Ada and 2 journal entries deleted". */
guint             rapport_store_undo_get_removed   (RapportStoreUndo  *undo,
                                                    RapportItemKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStoreUndo, rapport_store_undo_free)

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())

G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

GQuark            rapport_store_error_quark        (void);

/* Loads the colleagues; fails when the database cannot be read. */
RapportStore     *rapport_store_new                (RapportDatabase   *database,
                                                    GError           **error);
RapportDatabase  *rapport_store_get_database       (RapportStore      *self);

/* Every colleague, archived ones included, in the order they were added. The items are the
 * store's own RapportColleague objects: read them, never set their properties. */
GListModel       *rapport_store_get_colleagues     (RapportStore      *self);
/* NULL when there is no such colleague. */
RapportColleague *rapport_store_find_colleague     (RapportStore      *self,
                                                    gint64             id);

/* Validates, inserts, sets the id and timestamps on colleague, and appends it to the model
 * (the model holds colleague itself, so keep using it). */
gboolean          rapport_store_add_colleague      (RapportStore      *self,
                                                    RapportColleague  *colleague,
                                                    GError           **error);
/* changes carries the id of an existing colleague and the new values (see rapport_colleague_dup);
 * the model's item is updated in place, so rows showing it notice. */
gboolean          rapport_store_update_colleague   (RapportStore      *self,
                                                    RapportColleague  *changes,
                                                    GError           **error);
/* The photo and the imported vCard are left out when the store opens the journal (see
 * RapportColleagueCardParts); this reads the parts colleague (the model's item or a copy of it)
 * has not read yet. Keeping them costs memory: a photo only needed once is better read on a copy
 * (rapport_colleague_dup). */
gboolean          rapport_store_ensure_colleague_card (RapportStore      *self,
                                                    RapportColleague  *colleague,
                                                    GError           **error);
gboolean          rapport_store_set_colleague_archived (RapportStore  *self,
                                                    gint64             id,
                                                    gboolean           archived,
                                                    GError           **error);
/* Removes the colleague, their links to assignments and their place in interactions; an
 * interaction that named only them is removed too (it would name nobody), one with others stays.
 * Tips they recommended keep the tip and forget the recommender. *undo (may be NULL) receives what
 * rapport_store_undo needs to put all of it back. */
gboolean          rapport_store_delete_colleague   (RapportStore      *self,
                                                    gint64             id,
                                                    RapportStoreUndo **undo,
                                                    GError           **error);
/* Puts back what a delete removed, with the same ids, in one transaction; the models get the
 * items back and "changed" is emitted. An undo works once. */
gboolean          rapport_store_undo               (RapportStore      *self,
                                                    RapportStoreUndo  *undo,
                                                    GError           **error);

/* What an import does with a card that matches a colleague already in the journal (or an earlier
 * card of the same file) by email (case-insensitive), phone (digits; the last ten when both have
 * ten or more) or name (case, accents and spacing ignored). */
typedef enum
{
  RAPPORT_STORE_IMPORT_MERGE_EXACT, /* add new ones; fill a duplicate's empty fields from the card */
} RapportStoreImportPolicy;

typedef struct
{
  guint imported;
  guint merged;
  guint skipped;  /* cards skipped by choice or because they failed validation */
} RapportStoreImportCounts;

/* colleagues: unsaved RapportColleague objects (as rapport_vcard_parse returns them). A merge
 * never overwrites what the journal has. One transaction: on error nothing is written and the
 * models are untouched; after the commit the models are updated and "changed" is emitted once. */
gboolean          rapport_store_import_colleagues  (RapportStore             *self,
                                                    GPtrArray                *colleagues,
                                                    RapportStoreImportPolicy  policy,
                                                    RapportStoreImportCounts *counts,
                                                    GError                  **error);

/* vCard export: the colleagues with the given ids (a GArray of gint64, in that order; NULL: every
 * colleague not archived, in list order) as one vCard text, CATEGORIES naming each one's
 * assignments ("Facility · Unit"). Unknown ids are left out. */
char             *rapport_store_colleagues_to_vcard (RapportStore           *self,
                                                     GArray                 *ids,
                                                     RapportVCardVersion     version,
                                                     RapportVCardWriteFlags  flags);
/* The same, written to path (replaced atomically, readable by the owner only). */
gboolean          rapport_store_export_vcard       (RapportStore           *self,
                                                    GArray                 *ids,
                                                    RapportVCardVersion     version,
                                                    RapportVCardWriteFlags  flags,
                                                    const char             *path,
                                                    GError                **error);

/* Full-text search (FTS4, accents folded, every word a prefix) over name, role, specialty,
 * organization, interests and notes. Returns the ids of matching colleagues, best first, as a
 * GArray of gint64; an empty or all-punctuation query matches nothing. */
GArray           *rapport_store_search_colleagues  (RapportStore      *self,
                                                    const char        *query,
                                                    GError           **error);

/* One JSON object per colleague and line ("id", "name", "role", "specialty", "organization",
 * "email", "phone", "messaging", "support_kind", "birthday", "cadence_days", "archived",
 * "created_at", "updated_at" as ISO-8601 UTC, "interests", "notes", "photo" in base64 or null,
 * "raw_vcard"): what --list prints. The photos and cards are read from the journal for it. */
char             *rapport_store_colleagues_to_json_lines (RapportStore *self);

/* Assignments. The model holds every assignment in the order they were added. */
GListModel        *rapport_store_get_assignments          (RapportStore       *self);
RapportAssignment *rapport_store_find_assignment          (RapportStore       *self,
                                                           gint64              id);
gboolean           rapport_store_add_assignment           (RapportStore       *self,
                                                           RapportAssignment  *assignment,
                                                           GError            **error);
gboolean           rapport_store_update_assignment        (RapportStore       *self,
                                                           RapportAssignment  *changes,
                                                           GError            **error);
/* Removes the assignment, its tips and its links; interactions logged there stay and lose the
 * reference. */
gboolean           rapport_store_delete_assignment        (RapportStore       *self,
                                                           gint64              id,
                                                           RapportStoreUndo  **undo,
                                                           GError            **error);
/* The assignment whose dates include now (each read in its own zone); of several, the one that
 * started last. NULL when none is current. */
RapportAssignment *rapport_store_get_current_assignment   (RapportStore       *self,
                                                           GDateTime          *now);
/* Return recall: other assignments at the same site (same facility, or same city and country,
 * compared case- and accent-insensitively), newest first, as a GPtrArray of RapportAssignment. */
GPtrArray         *rapport_store_find_same_site_assignments (RapportStore     *self,
                                                           gint64              assignment_id);

/* "Met at": a colleague belongs to any number of assignments. met_on is "YYYY-MM-DD" or NULL/""
 * when not known; linking again replaces the date. */
gboolean           rapport_store_link_colleague           (RapportStore       *self,
                                                           gint64              colleague_id,
                                                           gint64              assignment_id,
                                                           const char         *met_on,
                                                           GError            **error);
gboolean           rapport_store_unlink_colleague         (RapportStore       *self,
                                                           gint64              colleague_id,
                                                           gint64              assignment_id,
                                                           GError            **error);
/* GArray of gint64 ids, ascending. */
GArray            *rapport_store_dup_assignment_colleague_ids (RapportStore   *self,
                                                           gint64              assignment_id);
GArray            *rapport_store_dup_colleague_assignment_ids (RapportStore   *self,
                                                           gint64              colleague_id);
/* NULL when not linked; "" when linked without a date. */
char              *rapport_store_dup_met_on               (RapportStore       *self,
                                                           gint64              colleague_id,
                                                           gint64              assignment_id);

/* Tips. The model holds every tip in the order they were added. */
GListModel        *rapport_store_get_tips                 (RapportStore       *self);
RapportTip        *rapport_store_find_tip                 (RapportStore       *self,
                                                           gint64              id);
gboolean           rapport_store_add_tip                  (RapportStore       *self,
                                                           RapportTip         *tip,
                                                           GError            **error);
gboolean           rapport_store_update_tip               (RapportStore       *self,
                                                           RapportTip         *changes,
                                                           GError            **error);
gboolean           rapport_store_set_tip_tried            (RapportStore       *self,
                                                           gint64              id,
                                                           gboolean            tried,
                                                           GError            **error);
gboolean           rapport_store_delete_tip               (RapportStore       *self,
                                                           gint64              id,
                                                           RapportStoreUndo  **undo,
                                                           GError            **error);

/* Interactions. The model holds every interaction in the order they were added; views sort by
 * occurred-at. Adding or changing one updates the colleagues' last-interaction-at. */
GListModel         *rapport_store_get_interactions        (RapportStore       *self);
/* The entries are read from the database on first use. This reads them in a worker, on a
 * connection of its own, so a view about to show the journal can wait without stalling the
 * window; done at once when they are read already. Afterwards the model holds them. */
void                rapport_store_read_interactions_async (RapportStore       *self,
                                                           GCancellable       *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
gboolean            rapport_store_read_interactions_finish (RapportStore      *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);
/* TRUE once the entries are in memory (rapport_store_get_interactions returns at once). */
gboolean            rapport_store_has_read_interactions   (RapportStore       *self);
RapportInteraction *rapport_store_find_interaction        (RapportStore       *self,
                                                           gint64              id);
gboolean            rapport_store_add_interaction         (RapportStore       *self,
                                                           RapportInteraction *interaction,
                                                           GError            **error);
gboolean            rapport_store_update_interaction      (RapportStore       *self,
                                                           RapportInteraction *changes,
                                                           GError            **error);
gboolean            rapport_store_delete_interaction      (RapportStore       *self,
                                                           gint64              id,
                                                           RapportStoreUndo  **undo,
                                                           GError            **error);
/* The newest entries naming a colleague, or logged at an assignment: at most limit, newest
 * first, as new references in a GPtrArray. Reads only those rows when the entries are not in
 * memory yet (see rapport_store_read_interactions_async); NULL with error set when the database
 * cannot be read. */
GPtrArray          *rapport_store_dup_colleague_interactions (RapportStore    *self,
                                                              gint64           colleague_id,
                                                              guint            limit,
                                                              GError         **error);
GPtrArray          *rapport_store_dup_assignment_interactions (RapportStore   *self,
                                                               gint64          assignment_id,
                                                               guint           limit,
                                                               GError        **error);
/* The latest interaction naming the colleague, or NULL. */
RapportInteraction *rapport_store_get_last_interaction    (RapportStore       *self,
                                                           gint64              colleague_id);

/* Journal entries per week for the last n_weeks weeks, read with one query: counts[0] is the
 * oldest week, counts[n_weeks - 1] the week holding now. Weeks start on Monday at 00:00 in
 * now's time zone, so a week with a change of daylight saving time is an hour shorter or
 * longer. Entries after now are not counted. */
gboolean            rapport_store_count_interactions_by_week (RapportStore    *self,
                                                              GDateTime       *now,
                                                              guint            n_weeks,
                                                              guint           *counts,
                                                              GError         **error);

/* A colleague is still "in touch" while a journal entry names them in the last this many days. */
#define RAPPORT_IN_TOUCH_DAYS 90

/* How many colleagues are linked to the assignment ("met there"), and how many of them a
 * journal entry names between RAPPORT_IN_TOUCH_DAYS calendar days before now and now. */
gboolean            rapport_store_count_assignment_colleagues (RapportStore   *self,
                                                               gint64          assignment_id,
                                                               GDateTime      *now,
                                                               guint          *met,
                                                               guint          *in_touch,
                                                               GError        **error);

/* One search over colleagues, assignments, tips, interactions and reminders (FTS4, accents folded, every
 * word a prefix; the index is written in the same transaction as every row). Returns a GPtrArray
 * of RapportSearchResult grouped by kind in that order, best first within a kind, at most
 * limit_per_kind of each (0 = no limit). An interaction is found by its note, its kind and the
 * names of its colleagues; a tip by its title, note, address and category; a reminder by its
 * title, notes and colleague's name. */
GPtrArray          *rapport_store_search                  (RapportStore       *self,
                                                           const char         *query,
                                                           guint               limit_per_kind,
                                                           GError            **error);

/* JSON lines for --list: every stored field, ids for references, dates as stored, timestamps
 * ISO-8601 UTC; interactions carry "colleague_ids" as an array. */
char               *rapport_store_assignments_to_json_lines  (RapportStore    *self);
char               *rapport_store_tips_to_json_lines         (RapportStore    *self);
char               *rapport_store_interactions_to_json_lines (RapportStore    *self);

/* Reminders: follow-ups and planned check-ins. The model holds every reminder, done ones too, in
 * the order they were added. */
GListModel         *rapport_store_get_reminders           (RapportStore       *self);
RapportReminder    *rapport_store_find_reminder           (RapportStore       *self,
                                                           gint64              id);
gboolean            rapport_store_add_reminder            (RapportStore       *self,
                                                           RapportReminder    *reminder,
                                                           GError            **error);
/* Adds several reminders (RapportReminder, unsaved) in one transaction: all or none; each gets
 * its id. */
gboolean            rapport_store_add_reminders           (RapportStore       *self,
                                                           GPtrArray          *reminders,
                                                           GError            **error);
/* Edits; a changed time or rule clears snoozed_until. */
gboolean            rapport_store_update_reminder         (RapportStore       *self,
                                                           RapportReminder    *changes,
                                                           GError            **error);
/* Done: a one-off gets completed_at = now; a repeating one moves due_at to its first occurrence
 * after now (missed ones are not piled up) and stays pending. Either way snoozed_until is cleared. */
gboolean            rapport_store_complete_reminder       (RapportStore       *self,
                                                           gint64              id,
                                                           gint64              now,
                                                           GError            **error);
/* until must be in the future of the reminder's time; the reminder is notified again then. */
gboolean            rapport_store_snooze_reminder         (RapportStore       *self,
                                                           gint64              id,
                                                           gint64              until,
                                                           GError            **error);
/* Records that the reminder was notified for remind_at, so that time is never notified again,
 * across restarts. */
gboolean            rapport_store_mark_reminder_notified  (RapportStore       *self,
                                                           gint64              id,
                                                           gint64              remind_at,
                                                           GError            **error);
gboolean            rapport_store_delete_reminder         (RapportStore       *self,
                                                           gint64              id,
                                                           RapportStoreUndo  **undo,
                                                           GError            **error);

/* Keep in touch: when to reconnect with a colleague who has a cadence — their last interaction (or,
 * without one, the day they were added) plus cadence_days, at local 09:00. 0 without a cadence or
 * for archived colleagues. */
gint64              rapport_store_get_reconnect_at        (RapportStore       *self,
                                                           RapportColleague   *colleague);
/* Colleagues whose reconnect time is at or before `before`, most overdue first (GPtrArray of
 * RapportColleague, referenced). */
GPtrArray          *rapport_store_dup_reconnect_due       (RapportStore       *self,
                                                           gint64              before);

/* --list=reminders: every reminder: "id", "title", "due" (ISO 8601 with the offset of its zone),
 * "tz", "rrule", "state" ("upcoming", "overdue", "snoozed", "done"), "colleague_id",
 * "assignment_id", "snoozed_until", "notes". --list=due: what needs attention by the end of today
 * (local): pending reminders due by then, then colleagues due for a reconnect, each line with "kind"
 * ("reminder" or "reconnect"), "id", "title", "due", "state". */
char               *rapport_store_reminders_to_json_lines (RapportStore       *self,
                                                           gint64              now);
char               *rapport_store_due_to_json_lines       (RapportStore       *self,
                                                           gint64              now);

G_END_DECLS
