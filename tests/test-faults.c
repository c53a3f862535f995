/* test-faults.c
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
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rapport-test-utils.h"

/* A full disk, as a file size limit: each write runs in a forked child whose RLIMIT_FSIZE stops
 * the journal (or the file being exported) from growing, with SIGXFSZ ignored so that write ()
 * fails with EFBIG as it fails with ENOSPC on a full disk. The write must fail with an error
 * that says what happened and what to do, and the journal must hold exactly what it held. */

/* Enough rows that the journal file is a few hundred kilobytes. */
#define N_COLLEAGUES 300
#define N_INTERACTIONS 40
#define N_IMPORTED 2000
#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char   *dir;
  char   *journal;
  guint8  key[RAPPORT_DATABASE_KEY_SIZE];
} Fixture;

/* What the child saw: the write's error, and the state of its connection afterwards. */
typedef struct
{
  gboolean  wrote;
  gboolean  open_transaction;  /* the connection was left inside a transaction */
  gboolean  models_changed;    /* the store's models show something that was not written */
  char     *domain;
  int       code;
  char     *message;
} Outcome;

typedef gboolean (*FaultWrite) (Fixture       *fixture,
                                RapportStore  *store,
                                GError       **error);

/* Helpers */

static RapportColleague *
new_colleague (guint index)
{
  g_autofree char *name = g_strdup_printf ("Colleague %04u", index);
  g_autofree char *email = g_strdup_printf ("colleague%u@example.org", index);
  RapportColleague *colleague = rapport_colleague_new (name);

  rapport_colleague_set_role (colleague, "Travel RN");
  rapport_colleague_set_organization (colleague, "Mercy Regional");
  rapport_colleague_set_email (colleague, email);
  rapport_colleague_set_notes (colleague, "Met on the night shift; likes trail running.");

  return colleague;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GPtrArray) colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GListModel *model;
  RapportStore *store;

  fixture->dir = rapport_test_make_tmp_dir ("faults");
  fixture->journal = g_build_filename (fixture->dir, "rapport.db", NULL);
  rapport_test_fixed_key (fixture->key, 0);

  store = rapport_test_open_store (fixture->journal, fixture->key, RAPPORT_DATABASE_OPEN_CREATE,
                                   &database);
  if (store == NULL)
    return;

  for (guint i = 0; i < N_COLLEAGUES; i++)
    g_ptr_array_add (colleagues, new_colleague (i));
  g_assert_true (rapport_store_import_colleagues (store, colleagues,
                                                  RAPPORT_STORE_IMPORT_MERGE_EXACT, NULL, &error));
  g_assert_no_error (error);

  model = rapport_store_get_colleagues (store);
  for (guint i = 0; i < N_INTERACTIONS; i++)
    {
      g_autoptr(RapportInteraction) interaction = NULL;
      g_autoptr(RapportColleague) first = g_list_model_get_item (model, i);
      g_autoptr(RapportColleague) second = g_list_model_get_item (model, i + 1);
      g_autofree char *body = g_strdup_printf ("Coffee after handover, day %u.", i);
      gint64 ids[2] = { rapport_colleague_get_id (first), rapport_colleague_get_id (second) };

      interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_COFFEE,
                                             1700000000 + i * 86400);
      rapport_interaction_set_body (interaction, body);
      rapport_interaction_set_colleague_ids (interaction, ids, G_N_ELEMENTS (ids));
      g_assert_true (rapport_store_add_interaction (store, interaction, &error));
      g_assert_no_error (error);
    }

  rapport_test_close_store (store, g_steal_pointer (&database));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_true (rapport_test_remove_tree (fixture->dir));
  g_free (fixture->journal);
  g_free (fixture->dir);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->domain, g_free);
  g_clear_pointer (&outcome->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_size;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the fixture's folder, sorted, as one line. */
static char *
dup_folder_listing (Fixture *fixture)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
dup_checksum (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text != NULL ? text : "", -1);
}

/* Everything a person could lose, as one line: counts, and checksums of the colleagues as
 * exported (notes included), of their rows and of the journal entries. Checks the file's
 * integrity first. */
static char *
dup_journal_state (Fixture *fixture)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cards = NULL;
  g_autofree char *cards_sum = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *rows_sum = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *entries_sum = NULL;
  RapportStore *store;
  sqlite3_stmt *stmt;
  int n_search = -1;
  char *state;

  store = rapport_test_open_store (fixture->journal, fixture->key, RAPPORT_DATABASE_OPEN_EXISTING,
                                   &database);
  if (store == NULL)
    return g_strdup ("the journal does not open");

  g_assert_true (rapport_database_check_integrity (database, &error));
  g_assert_no_error (error);

  stmt = rapport_database_prepare (database, "SELECT count(*) FROM search", &error);
  g_assert_no_error (error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n_search = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  cards = rapport_store_colleagues_to_vcard (store, NULL, RAPPORT_VCARD_VERSION_4_0,
                                             RAPPORT_VCARD_WRITE_PERSONAL);
  cards_sum = dup_checksum (cards);
  rows = rapport_store_colleagues_to_json_lines (store);
  rows_sum = dup_checksum (rows);
  entries = rapport_store_interactions_to_json_lines (store);
  entries_sum = dup_checksum (entries);

  state = g_strdup_printf ("%u colleagues, %u entries, %u reminders, %d search entries, "
                           "cards %.12s, colleague rows %.12s, entries %.12s",
                           g_list_model_get_n_items (rapport_store_get_colleagues (store)),
                           g_list_model_get_n_items (rapport_store_get_interactions (store)),
                           g_list_model_get_n_items (rapport_store_get_reminders (store)),
                           n_search, cards_sum, rows_sum, entries_sum);

  rapport_test_close_store (store, g_steal_pointer (&database));

  return state;
}

static guint
count_models (RapportStore *store)
{
  return g_list_model_get_n_items (rapport_store_get_colleagues (store)) +
         g_list_model_get_n_items (rapport_store_get_interactions (store)) +
         g_list_model_get_n_items (rapport_store_get_reminders (store));
}

static void
write_all (int         fd,
           const char *text)
{
  gsize length = strlen (text);

  while (length > 0)
    {
      gssize written = write (fd, text, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        break;
      text += written;
      length -= written;
    }
}

/* The child: opens the journal, lowers its file size limit to limit, runs the write, and
 * reports on fd as "key value" lines, the message last. */
static G_GNUC_NORETURN void
run_child (Fixture    *fixture,
           FaultWrite  write_func,
           rlim_t      limit,
           int         fd)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  struct rlimit rl = { limit, RLIM_INFINITY };
  gboolean wrote;
  guint n_items;

  signal (SIGXFSZ, SIG_IGN);

  database = rapport_database_open (fixture->journal, fixture->key,
                                    RAPPORT_DATABASE_OPEN_EXISTING, &error);
  if (database != NULL)
    store = rapport_store_new (database, &error);
  if (store == NULL)
    {
      g_string_printf (report, "setup-failed %s\n", error->message);
      write_all (fd, report->str);
      _exit (3);
    }
  n_items = count_models (store);

  if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
    _exit (4);
  wrote = write_func (fixture, store, &error);

  /* Space again: whatever the write left behind must not need more of it to be undone. */
  rl.rlim_cur = RLIM_INFINITY;
  if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
    _exit (4);

  g_string_append_printf (report, "wrote %d\n", wrote);
  g_string_append_printf (report, "open-transaction %d\n",
                          !sqlite3_get_autocommit (rapport_database_get_handle (database)));
  g_string_append_printf (report, "models-changed %d\n", count_models (store) != n_items);
  if (error != NULL)
    {
      g_autofree char *message = g_strdelimit (g_strdup (error->message), "\n", ' ');

      g_string_append_printf (report, "domain %s\ncode %d\nmessage %s\n",
                              g_quark_to_string (error->domain), error->code, message);
    }
  write_all (fd, report->str);

  g_clear_object (&store);
  rapport_database_close (database);
  _exit (0);
}

/* Runs write_func in a child whose files cannot grow past limit bytes. */
static void
run_limited (Fixture    *fixture,
             FaultWrite  write_func,
             goffset     limit,
             Outcome    *outcome)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  int fds[2];
  int status = 0;
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  fflush (stdout);
  fflush (stderr);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      run_child (fixture, write_func, limit, fds[1]);
    }

  close (fds[1]);
  for (;;)
    {
      char buffer[4096];
      gssize n = read (fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (report, buffer, n);
    }
  close (fds[0]);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* Not killed by SIGXFSZ, by an abort or by a fatal critical. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_test_message ("child: %s", report->str);

  lines = g_strsplit (report->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *value = strchr (lines[i], ' ');

      if (value == NULL)
        continue;
      value++;
      if (g_str_has_prefix (lines[i], "wrote "))
        outcome->wrote = atoi (value);
      else if (g_str_has_prefix (lines[i], "open-transaction "))
        outcome->open_transaction = atoi (value);
      else if (g_str_has_prefix (lines[i], "models-changed "))
        outcome->models_changed = atoi (value);
      else if (g_str_has_prefix (lines[i], "domain "))
        outcome->domain = g_strdup (value);
      else if (g_str_has_prefix (lines[i], "code "))
        outcome->code = atoi (value);
      else if (g_str_has_prefix (lines[i], "message "))
        outcome->message = g_strdup (value);
    }
}

/* The message is one of Rapport's own translatable strings: its words up to the first value
 * filled in appear as _("...") in the sources. */
static gboolean
is_translatable (const char *message)
{
  const char *root = g_getenv ("RAPPORT_SOURCE_ROOT");
  const char *folders[] = { "src/core", "src/gui" };
  g_autofree char *prefix = NULL;
  g_autofree char *needle = NULL;
  gsize length;

  g_assert_nonnull (root);
  if (root == NULL)
    return FALSE;

  length = strcspn (message, "“(:%");
  prefix = g_strndup (message, MIN (length, 40));
  g_assert_cmpuint (strlen (prefix), >=, 8);
  needle = g_strdup_printf ("_(\"%s", prefix);

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *folder = g_build_filename (root, folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *source = NULL;

          if (!g_str_has_suffix (name, ".c"))
            continue;
          path = g_build_filename (folder, name, NULL);
          if (g_file_get_contents (path, &source, NULL, NULL) && strstr (source, needle) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}

/* The write failed and said so the way a person needs: a full disk, in Rapport's words, with
 * what to do next, and no raw SQLite text; the connection is not left inside a transaction and
 * the models show nothing that was not written. */
static void
assert_clear_failure (const Outcome *outcome)
{
  static const int sqlite_codes[] = {
    SQLITE_ERROR, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_CORRUPT,
  };
  g_autofree char *folded = NULL;

  g_assert_false (outcome->wrote);
  g_assert_false (outcome->open_transaction);
  g_assert_false (outcome->models_changed);

  g_assert_cmpstr (outcome->domain, ==, g_quark_to_string (RAPPORT_DATABASE_ERROR));
  g_assert_cmpint (outcome->code, ==, RAPPORT_DATABASE_ERROR_FULL);
  g_assert_nonnull (outcome->message);
  if (outcome->message == NULL)
    return;

  folded = g_utf8_casefold (outcome->message, -1);
  /* What happened. */
  g_assert_true (strstr (folded, "space") != NULL || strstr (folded, "full") != NULL ||
                 strstr (folded, "size") != NULL);
  /* What to do. */
  g_assert_true (strstr (folded, "free ") != NULL || strstr (folded, "try again") != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sqlite_codes); i++)
    g_assert_null (strstr (outcome->message, sqlite3_errstr (sqlite_codes[i])));
  g_assert_true (is_translatable (outcome->message));
}

/* Runs write_func with the journal's files limited to limit bytes, then checks the error and
 * that the journal holds exactly what it held. */
static void
assert_write_fails_cleanly (Fixture    *fixture,
                            FaultWrite  write_func,
                            goffset     limit)
{
  g_auto(Outcome) outcome = { 0, };
  g_autofree char *before = dup_journal_state (fixture);
  g_autofree char *after = NULL;
  g_autofree char *listed_before = dup_folder_listing (fixture);
  g_autofree char *listed_after = NULL;
  goffset size_before = file_size (fixture->journal);

  run_limited (fixture, write_func, limit, &outcome);
  assert_clear_failure (&outcome);

  /* Nothing half written: the file did not grow and nothing was left beside it (SQLCipher
   * encrypts a page again when a rollback puts it back, so the bytes may differ; what they hold
   * is compared below). */
  g_assert_cmpint (file_size (fixture->journal), ==, size_before);
  listed_after = dup_folder_listing (fixture);
  g_assert_cmpstr (listed_after, ==, listed_before);

  after = dup_journal_state (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* The writes, in the child */

static gboolean
add_colleague (Fixture       *fixture,
               RapportStore  *store,
               GError       **error)
{
  g_autoptr(RapportColleague) colleague = new_colleague (N_COLLEAGUES);
  g_autoptr(GString) notes = g_string_new (NULL);

  /* Longer than the pages the journal may have free. */
  while (notes->len < 64 * 1024)
    g_string_append (notes, "Showed me the badge office on day one. ");
  rapport_colleague_set_notes (colleague, notes->str);

  return rapport_store_add_colleague (store, colleague, error);
}

static gboolean
import_cards (Fixture       *fixture,
              RapportStore  *store,
              GError       **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cards.vcf", NULL);
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autofree char *contents = NULL;
  RapportStoreImportCounts counts = { 0, };
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  colleagues = rapport_vcard_parse (contents, length, NULL);
  if (colleagues->len != N_IMPORTED)
    return FALSE;

  return rapport_store_import_colleagues (store, colleagues, RAPPORT_STORE_IMPORT_MERGE_EXACT,
                                          &counts, error);
}

static gboolean
add_long_interaction (Fixture       *fixture,
                      RapportStore  *store,
                      GError       **error)
{
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GListModel *model = rapport_store_get_colleagues (store);
  gint64 ids[3];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(RapportColleague) colleague = g_list_model_get_item (model, i);

      ids[i] = rapport_colleague_get_id (colleague);
    }

  while (body->len < 256 * 1024)
    g_string_append (body, "Long debrief after a hard night: what went well, what did not. ");

  interaction = rapport_interaction_new (RAPPORT_INTERACTION_KIND_PEER_SUPPORT, 1750000000);
  rapport_interaction_set_body (interaction, body->str);
  rapport_interaction_set_colleague_ids (interaction, ids, G_N_ELEMENTS (ids));

  return rapport_store_add_interaction (store, interaction, error);
}

static gboolean
export_backup (Fixture       *fixture,
               RapportStore  *store,
               GError       **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "journal.rapport-backup", NULL);

  return rapport_database_export_backup (rapport_store_get_database (store), path, PASSPHRASE,
                                         NULL, error);
}

/* Tests */

static void
test_add_colleague (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Just above the file: less than a page to grow by. */
  assert_write_fails_cleanly (fixture, add_colleague, file_size (fixture->journal) + 512);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cards.vcf", NULL);
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_IMPORTED; i++)
    g_string_append_printf (cards,
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person %u\r\n"
                            "EMAIL:imported%u@example.org\r\nTEL:+1 970 555 %04u\r\n"
                            "ORG:Mercy Regional\r\nTITLE:Travel RN\r\n"
                            "NOTE:Met on the night shift; likes trail running.\r\n"
                            "END:VCARD\r\n", i, i, i);
  g_assert_true (g_file_set_contents (path, cards->str, cards->len, &error));
  g_assert_no_error (error);

  assert_write_fails_cleanly (fixture, import_cards, file_size (fixture->journal) + 512);
}

static void
test_add_long_interaction (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_write_fails_cleanly (fixture, add_long_interaction, file_size (fixture->journal) + 512);
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "journal.rapport-backup", NULL);

  /* The journal is not written; its copy cannot reach half its size. */
  assert_write_fails_cleanly (fixture, export_backup, file_size (fixture->journal) / 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Without a limit the same writes succeed: the failures above come from the limit alone. */
static void
test_without_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  FaultWrite writes[] = { add_colleague, add_long_interaction, export_backup };

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_auto(Outcome) outcome = { 0, };

      run_limited (fixture, writes[i], RLIM_INFINITY, &outcome);
      g_assert_true (outcome.wrote);
      g_assert_false (outcome.open_transaction);
      g_assert_null (outcome.message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD_TEST(name, func) \
  g_test_add ("/rapport/faults/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("disk-full/add-colleague", test_add_colleague);
  ADD_TEST ("disk-full/import", test_import);
  ADD_TEST ("disk-full/add-interaction", test_add_long_interaction);
  ADD_TEST ("disk-full/backup", test_backup);
  ADD_TEST ("without-limit", test_without_limit);

#undef ADD_TEST

  return g_test_run ();
}
