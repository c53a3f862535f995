/* test-keyring.c
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

#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rapport-keyring.h"

/* Runs against the real gnome-keyring on the test session bus, unlocked with the password "test"
 * (build-aux/test sets it up). */

#define KEY_SIZE          32
#define LOGIN_COLLECTION  "/org/freedesktop/secrets/collection/login"
#define KEYRING_PASSWORD  "test"
#define WATCHDOG_USEC     (10 * G_USEC_PER_SEC)

static char *base_dir;

/* The journal paths are inside a directory named after the test process, so every run uses fresh
 * keyring items and the subprocesses below (whose parent is this process) find the same ones. */
static char *
journal_path (const char *name)
{
  return g_build_filename (base_dir, name, NULL);
}

static gboolean
have_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("Needs a session bus with an unlocked gnome-keyring; run the tests through "
                   "build-aux/test");
      return FALSE;
    }

  return TRUE;
}

static GVariant *
call_secrets (const char          *object_path,
              const char          *interface,
              const char          *method,
              GVariant            *parameters,
              const GVariantType  *reply_type,
              GError             **error)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);

  if (bus == NULL)
    return NULL;

  return g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", object_path, interface,
                                      method, parameters, reply_type, G_DBUS_CALL_FLAGS_NONE,
                                      5000, NULL, error);
}

static gboolean
login_collection_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = call_secrets (LOGIN_COLLECTION, "org.freedesktop.DBus.Properties", "Get",
                        g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                        G_VARIANT_TYPE ("(v)"), &error);
  g_assert_no_error (error);
  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "(v)", &value);
  return g_variant_get_boolean (value);
}

static void
lock_login_collection (void)
{
  const char *paths[] = { LOGIN_COLLECTION, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = call_secrets ("/org/freedesktop/secrets", "org.freedesktop.Secret.Service", "Lock",
                        g_variant_new ("(^ao)", paths), G_VARIANT_TYPE ("(aoo)"), &error);
  g_assert_no_error (error);
}

/* Service.Unlock would show a prompt, and running `gnome-keyring-daemon --unlock` again does not
 * unlock a running daemon's collection: gnome-keyring's own interface takes the password. */
static void
unlock_login_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) session_reply = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) output = NULL;
  const char *session = NULL;
  GVariant *secret;

  session_reply = call_secrets ("/org/freedesktop/secrets", "org.freedesktop.Secret.Service",
                                "OpenSession",
                                g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                G_VARIANT_TYPE ("(vo)"), &error);
  g_assert_no_error (error);
  if (session_reply == NULL)
    return;

  g_variant_get (session_reply, "(v&o)", &output, &session);

  secret = g_variant_new ("(o@ay@ays)",
                          session,
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, KEYRING_PASSWORD,
                                                     strlen (KEYRING_PASSWORD), 1),
                          "text/plain");
  reply = call_secrets ("/org/freedesktop/secrets",
                        "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                        "UnlockWithMasterPassword",
                        g_variant_new ("(o@(oayays))", LOGIN_COLLECTION, secret),
                        NULL, &error);
  g_assert_no_error (error);
}

static void
assert_lookup_fails (const char *path,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  guint8 key[KEY_SIZE];

  memset (key, 0xa5, sizeof key);
  g_assert_false (rapport_keyring_lookup_key (path, key, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, code);

  /* Nothing is written on failure. */
  for (guint i = 0; i < KEY_SIZE; i++)
    g_assert_cmpuint (key[i], ==, 0xa5);
}

static void
store_new_key (const char *path,
               guint8     *key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_keyring_generate_key (key, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_keyring_store_key (path, key, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_lookup_gives (const char   *path,
                     const guint8 *expected)
{
  g_autoptr(GError) error = NULL;
  guint8 key[KEY_SIZE] = { 0 };

  g_assert_true (rapport_keyring_lookup_key (path, key, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (key, KEY_SIZE, expected, KEY_SIZE);
}

static void
clear_key (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_keyring_clear_key (path, NULL, &error));
  g_assert_no_error (error);
}

static void
test_generate (void)
{
  g_autoptr(GError) error = NULL;
  guint8 zero[KEY_SIZE] = { 0 };
  guint8 a[KEY_SIZE] = { 0 };
  guint8 b[KEY_SIZE] = { 0 };

  g_assert_true (rapport_keyring_generate_key (a, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_keyring_generate_key (b, &error));
  g_assert_no_error (error);

  g_assert_true (memcmp (a, b, KEY_SIZE) != 0);
  g_assert_true (memcmp (a, zero, KEY_SIZE) != 0);
  g_assert_true (memcmp (b, zero, KEY_SIZE) != 0);
}

static void
test_schema (void)
{
  const SecretSchema *schema = rapport_keyring_get_schema ();

  g_assert_nonnull (schema);
  g_assert_cmpstr (schema->name, ==, "io.github.rapportjournal.Rapport.DatabaseKey");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_NONE);
  g_assert_cmpstr (schema->attributes[0].name, ==, "journal");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[1].name);
}

static void
test_round_trip (void)
{
  g_autofree char *path = journal_path ("round-trip.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_hex = NULL;
  guint8 key[KEY_SIZE];
  char *stored;

  if (!have_session_bus ())
    return;

  store_new_key (path, key);
  assert_lookup_gives (path, key);

  /* What the keyring holds: the key as 64 lower-case hex digits. */
  stored = secret_password_lookup_sync (rapport_keyring_get_schema (), NULL, &error,
                                        "journal", path,
                                        NULL);
  g_assert_no_error (error);
  expected_hex = g_malloc0 (2 * KEY_SIZE + 1);
  for (guint i = 0; i < KEY_SIZE; i++)
    g_snprintf (expected_hex + 2 * i, 3, "%02x", key[i]);
  g_assert_cmpstr (stored, ==, expected_hex);
  secret_password_free (stored);

  /* Storing again replaces the key rather than adding a second one. */
  store_new_key (path, key);
  assert_lookup_gives (path, key);

  clear_key (path);
}

static void
test_separate_journals (void)
{
  g_autofree char *path_a = journal_path ("a.db");
  g_autofree char *path_b = journal_path ("b.db");
  guint8 key_a[KEY_SIZE];
  guint8 key_b[KEY_SIZE];

  if (!have_session_bus ())
    return;

  store_new_key (path_a, key_a);
  store_new_key (path_b, key_b);
  g_assert_true (memcmp (key_a, key_b, KEY_SIZE) != 0);

  assert_lookup_gives (path_a, key_a);
  assert_lookup_gives (path_b, key_b);

  clear_key (path_a);
  assert_lookup_fails (path_a, RAPPORT_KEYRING_ERROR_NOT_FOUND);
  assert_lookup_gives (path_b, key_b);

  clear_key (path_b);
  assert_lookup_fails (path_b, RAPPORT_KEYRING_ERROR_NOT_FOUND);
}

static void
test_clear (void)
{
  g_autofree char *path = journal_path ("clear.db");
  g_autofree char *never = journal_path ("never-stored.db");
  guint8 key[KEY_SIZE];

  if (!have_session_bus ())
    return;

  assert_lookup_fails (never, RAPPORT_KEYRING_ERROR_NOT_FOUND);
  clear_key (never);

  store_new_key (path, key);
  clear_key (path);
  assert_lookup_fails (path, RAPPORT_KEYRING_ERROR_NOT_FOUND);

  /* Clearing twice is fine. */
  clear_key (path);
}

static void
test_invalid (void)
{
  const char *values[] = {
    "not-a-key",
    "",
    /* 63 and 65 digits */
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1",
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0",
    /* 64 characters, one of them not a hex digit */
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g",
    " 00102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
  };
  g_autofree char *path = journal_path ("invalid.db");

  if (!have_session_bus ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (secret_password_store_sync (rapport_keyring_get_schema (),
                                                 SECRET_COLLECTION_DEFAULT,
                                                 "Rapport test", values[i], NULL, &error,
                                                 "journal", path,
                                                 NULL));
      g_assert_no_error (error);
      assert_lookup_fails (path, RAPPORT_KEYRING_ERROR_INVALID);
    }

  /* Upper-case digits are still the same key. */
  {
    g_autoptr(GError) error = NULL;
    guint8 expected[KEY_SIZE];

    for (guint i = 0; i < KEY_SIZE; i++)
      expected[i] = 0xa0 + i;

    g_assert_true (secret_password_store_sync (rapport_keyring_get_schema (),
                                               SECRET_COLLECTION_DEFAULT,
                                               "Rapport test",
                                               "A0A1A2A3A4A5A6A7A8A9AAABACADAEAF"
                                               "B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF",
                                               NULL, &error,
                                               "journal", path,
                                               NULL));
    g_assert_no_error (error);
    assert_lookup_gives (path, expected);
  }

  clear_key (path);
  assert_lookup_fails (path, RAPPORT_KEYRING_ERROR_NOT_FOUND);
}

/* In a subprocess, so that a lookup that prompts (and so never returns) is killed by the watchdog
 * instead of hanging the suite. */
static void
check_locked_calls (void)
{
  g_autofree char *path = journal_path ("locked.db");
  g_autofree char *never = journal_path ("locked-never-stored.db");
  g_autoptr(GError) error = NULL;
  guint8 key[KEY_SIZE];
  gint64 start = g_get_monotonic_time ();

  /* The key is there, but in the locked collection. */
  memset (key, 0xa5, sizeof key);
  g_assert_false (rapport_keyring_lookup_key (path, key, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_LOCKED);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==,
                     "Your login keyring is locked. Unlock it and choose Retry, or enter the "
                     "journal’s recovery code.");
  g_clear_error (&error);

  /* Nothing stored, but nobody can tell while the keyring is locked. */
  assert_lookup_fails (never, RAPPORT_KEYRING_ERROR_LOCKED);

  /* Storing into a locked keyring would prompt too. */
  memset (key, 0x11, sizeof key);
  g_assert_false (rapport_keyring_store_key (never, key, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  /* gnome-keyring skips locked items when clearing: that must not look like success. */
  g_assert_false (rapport_keyring_clear_key (path, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  /* No prompt was waited for. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_locked (void)
{
  g_autofree char *path = journal_path ("locked.db");
  guint8 key[KEY_SIZE];

  if (g_test_subprocess ())
    {
      check_locked_calls ();
      return;
    }

  if (!have_session_bus ())
    return;

  store_new_key (path, key);

  lock_login_collection ();
  g_assert_true (login_collection_locked ());

  g_test_trap_subprocess (NULL, WATCHDOG_USEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Leave the keyring unlocked for the tests that follow. */
  unlock_login_collection ();
  g_assert_false (login_collection_locked ());

  /* Nothing was lost while it was locked. */
  assert_lookup_gives (path, key);
  clear_key (path);
}

/* A session bus with no service directories: nothing can be activated on it. */
#define NO_SERVICES_CONFIG \
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n" \
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n" \
  "<busconfig>\n" \
  "  <type>session</type>\n" \
  "  <listen>unix:path=%s</listen>\n" \
  "  <auth>EXTERNAL</auth>\n" \
  "  <policy context=\"default\">\n" \
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n" \
  "    <allow eavesdrop=\"true\"/>\n" \
  "    <allow own=\"*\"/>\n" \
  "  </policy>\n" \
  "</busconfig>\n"

/* The private bus goes away with the test even when the test crashes. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Runs in a subprocess: it points the session bus at a private dbus-daemon that offers no
 * services at all, before anything in this process has connected to a bus. */
static void
check_unavailable_calls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *path = journal_path ("unavailable.db");
  guint8 key[KEY_SIZE];

  dir = g_dir_make_tmp ("rapport-test-bus-XXXXXX", &error);
  g_assert_no_error (error);
  if (dir == NULL)
    return;

  socket_path = g_build_filename (dir, "bus", NULL);
  config_path = g_build_filename (dir, "session.conf", NULL);
  config = g_markup_printf_escaped (NO_SERVICES_CONFIG, socket_path);
  g_assert_true (g_file_set_contents (config_path, config, -1, &error));
  g_assert_no_error (error);

  address = g_strdup_printf ("unix:path=%s", socket_path);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  config_arg = g_strdup_printf ("--config-file=%s", config_path);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  daemon = g_subprocess_launcher_spawn (launcher, &error,
                                        "dbus-daemon", "--nofork", "--nopidfile", config_arg,
                                        NULL);
  g_assert_no_error (error);
  if (daemon == NULL)
    return;

  for (guint i = 0; i < 500 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (10 * 1000);
  g_assert_true (g_file_test (socket_path, G_FILE_TEST_EXISTS));

  memset (key, 0x22, sizeof key);

  g_assert_false (rapport_keyring_lookup_key (path, key, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_UNAVAILABLE);
  if (error != NULL)
    {
      g_test_message ("lookup: %s", error->message);
      g_assert_true (g_str_has_prefix (error->message,
                                       "The keyring (Secret Service) is not available, "));
      /* The bus's own words stay out of what a person reads. */
      g_assert_null (strstr (error->message, ".service"));
    }
  g_clear_error (&error);

  g_assert_false (rapport_keyring_store_key (path, key, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (rapport_keyring_clear_key (path, NULL, &error));
  g_assert_error (error, RAPPORT_KEYRING_ERROR, RAPPORT_KEYRING_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  g_unlink (socket_path);
  g_unlink (config_path);
  g_rmdir (dir);
}

static void
test_unavailable (void)
{
  g_autofree char *dbus_daemon = NULL;

  if (g_test_subprocess ())
    {
      check_unavailable_calls ();
      return;
    }

  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (dbus_daemon == NULL)
    {
      g_test_skip ("dbus-daemon is not installed, so there is no bus without a Secret Service");
      return;
    }

  g_test_trap_subprocess (NULL, WATCHDOG_USEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  {
    g_autofree char *name = g_strdup_printf ("rapport-test-keyring-%d",
                                             g_test_subprocess () ? (int) getppid ()
                                                                  : (int) getpid ());

    base_dir = g_build_filename (g_get_tmp_dir (), name, NULL);
  }

  if (!g_test_subprocess () && g_mkdir (base_dir, 0700) != 0)
    g_error ("Could not create %s: %s", base_dir, g_strerror (errno));

  g_test_add_func ("/rapport/keyring/generate", test_generate);
  g_test_add_func ("/rapport/keyring/schema", test_schema);
  g_test_add_func ("/rapport/keyring/round-trip", test_round_trip);
  g_test_add_func ("/rapport/keyring/separate-journals", test_separate_journals);
  g_test_add_func ("/rapport/keyring/clear", test_clear);
  g_test_add_func ("/rapport/keyring/invalid", test_invalid);
  g_test_add_func ("/rapport/keyring/locked", test_locked);
  g_test_add_func ("/rapport/keyring/unavailable", test_unavailable);

  ret = g_test_run ();

  if (!g_test_subprocess ())
    g_rmdir (base_dir);
  g_free (base_dir);

  return ret;
}
