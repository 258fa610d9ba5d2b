/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real notifications: the real `orderwatch --background` and `orderwatch check` against a
 * notification server (python3-dbusmock) on a private session bus. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "ow-deadlines.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-reminders.h"
#include "ow-store-summaries.h"
#include "ow-store.h"
#include "ow-test-util.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct
{
  GSubprocess     *bus_daemon;
  char            *address;
  GDBusConnection *bus;
  GSubprocess     *server;
  char            *log_path;
  char            *db_path;
  gint64           due;
} Fixture;

static gboolean
on_tick_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so; fails the test after @seconds. */
static void
wait_until (gboolean   (*done) (Fixture *f),
            Fixture     *f,
            guint        seconds,
            const char  *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!done (f))
    {
      g_autoptr(GSource) tick = g_timeout_source_new (50);

      g_source_set_callback (tick, on_tick_cb, NULL, NULL);
      g_source_attach (tick, NULL);
      g_main_context_iteration (NULL, TRUE);
      g_source_destroy (tick);
      if (timed_out)
        g_error ("Timed out waiting for %s", what);
    }
  g_source_remove (timeout_id);
}

/* A test that fails midway leaves no bus or server behind. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (Fixture        *f,
              GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", f->address, TRUE);
  g_subprocess_launcher_setenv (launcher, "GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  /* No tracking traffic leaves the machine. */
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_CAINIAO_URL", "http://127.0.0.1:9", TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_17TRACK_URL", "http://127.0.0.1:9", TRUE);
  return launcher;
}

static gboolean
server_is_up (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has = FALSE;

  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  /* A bus of our own: other tests may run the app with the same id meanwhile. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->bus_daemon = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session",
                                               "--nofork", "--print-address=1", NULL);
  g_clear_object (&launcher);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->bus_daemon));
  f->address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->address);
  f->bus = g_dbus_connection_new_for_address_sync (f->address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);

  f->log_path = g_build_filename (g_get_user_runtime_dir (), "notifications.log", NULL);
  g_mkdir_with_parents (g_get_user_runtime_dir (), 0700);
  launcher = new_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  f->server = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", "-m", "dbusmock",
                                           "--session", "-t", "notification_daemon",
                                           "-l", f->log_path, NULL);
  g_assert_no_error (error);
  wait_until (server_is_up, f, 30, "the notification server");

  f->db_path = ow_test_db_path ("notify");
}

static void
stop (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  stop (f->server);
  g_clear_object (&f->server);
  g_dbus_connection_close_sync (f->bus, NULL, NULL);
  g_clear_object (&f->bus);
  stop (f->bus_daemon);
  g_clear_object (&f->bus_daemon);
  g_free (f->address);
  g_free (f->log_path);
  g_free (f->db_path);
}

/* An order whose seller must ship within the next day: its 1-day reminder is due. */
static gint64
seed_order (Fixture    *f,
            OwStore    *store,
            const char *number,
            const char *item)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const OwDeadline *ship_by;
  OwDeadlineSet set;

  ow_order_set_marketplace (order, "aliexpress");
  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, item);
  ow_order_set_store_name (order, "Sound Store");
  ow_order_set_time (order, OW_EVENT_PLACED, now - 5 * DAY - 7 * HOUR, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, now - 5 * DAY - 6 * HOUR, OW_FACT_USER);
  ow_order_set_processing_days (order, 6);
  ow_store_add_order (store, order, &error);
  g_assert_no_error (error);

  ow_deadlines_compute (order, ow_policy_registry_lookup (policies, "aliexpress"), now, &set);
  ship_by = ow_deadlines_find (&set, "ship_by");
  g_assert_nonnull (ship_by);
  g_assert_cmpint (ship_by->due - now, >, HOUR);
  g_assert_cmpint (ship_by->due - now, <, DAY);
  f->due = ship_by->due;
  return ow_order_get_id (order);
}

static gboolean
log_has_notify (Fixture *f)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (f->log_path, &text, NULL, NULL) && strstr (text, " Notify ");
}

/* The Notify calls the server received: (summary, body, actions, hints) each. */
static GPtrArray *
get_notify_calls (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  const char *method;
  GVariant *args;

  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.Notifications",
                                       "/org/freedesktop/Notifications",
                                       "org.freedesktop.DBus.Mock", "GetCalls", NULL,
                                       G_VARIANT_TYPE ("(a(tsav))"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(a(tsav))", &iter);
  while (g_variant_iter_next (iter, "(t&s@av)", NULL, &method, &args))
    {
      if (g_str_equal (method, "Notify"))
        g_ptr_array_add (calls, g_variant_ref (args));
      g_variant_unref (args);
    }
  return calls;
}

static char *
arg_string (GVariant *args,
            guint     index)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, index);
  g_autoptr(GVariant) value = g_variant_get_variant (boxed);

  return g_variant_dup_string (value, NULL);
}

static void
assert_reminder (GVariant   *args,
                 const char *item,
                 gint64      order_id)
{
  g_autofree char *summary = arg_string (args, 3);
  g_autofree char *body = arg_string (args, 4);
  g_autofree char *open = g_strdup_printf ("app.open-order(int64 %" G_GINT64_FORMAT ")", order_id);
  g_autofree char *snooze = g_strdup_printf ("app.snooze('%" G_GINT64_FORMAT ":ship_by')",
                                             order_id);
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) actions = NULL;
  g_autoptr(GVariant) hints = NULL;
  g_autofree const char **list = NULL;
  const char *entry = NULL;
  guchar urgency = 0;

  /* Plain words: what, how long, which order, what to do. */
  g_assert_true (g_str_has_prefix (summary, "Seller must ship within"));
  g_assert_nonnull (strstr (summary, "hour"));
  g_assert_nonnull (strstr (body, item));
  g_assert_nonnull (strstr (body, "Sound Store"));
  g_assert_nonnull (strstr (body, "Ask the seller to ship"));
  g_assert_null (strstr (body, "Late"));

  boxed = g_variant_get_child_value (args, 5);
  actions = g_variant_get_variant (boxed);
  list = g_variant_get_strv (actions, NULL);
  /* Pairs of action and label: the click, then the buttons. */
  g_assert_cmpuint (g_strv_length ((char **) list), ==, 6);
  g_assert_cmpstr (list[0], ==, "default");
  g_assert_cmpstr (list[2], ==, open);
  g_assert_cmpstr (list[3], ==, "Open order");
  g_assert_cmpstr (list[4], ==, snooze);
  g_assert_cmpstr (list[5], ==, "Remind me tomorrow");
  /* Not shipped yet: no dispute to open. */
  g_assert_false (g_strv_contains (list, "Open dispute"));

  g_clear_pointer (&boxed, g_variant_unref);
  boxed = g_variant_get_child_value (args, 6);
  hints = g_variant_get_variant (boxed);
  g_assert_true (g_variant_lookup (hints, "desktop-entry", "&s", &entry));
  g_assert_cmpstr (entry, ==, APPLICATION_ID);
  /* Under a day left: urgent. */
  g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 2);
}

static OwStore *snooze_store;

static gboolean
snooze_recorded (Fixture *f)
{
  g_autoptr(GHashTable) snoozes = ow_store_list_snoozes (snooze_store, NULL, NULL);

  return snoozes != NULL && g_hash_table_size (snoozes) == 1;
}

static void
test_background (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("ORDERWATCH_BIN");
  gint64 order_id;
  GVariantBuilder args;

  g_assert_nonnull (bin);
  store = ow_store_open (f->db_path, &error);
  g_assert_no_error (error);
  order_id = seed_order (f, store, "8100000000000001", "Wireless earbuds");

  launcher = new_launcher (f, G_SUBPROCESS_FLAGS_NONE);
  app = g_subprocess_launcher_spawn (launcher, &error, bin, "--background", "--db", f->db_path,
                                     NULL);
  g_assert_no_error (error);

  wait_until (log_has_notify, f, 60, "the Notify call");
  calls = get_notify_calls (f);
  g_assert_cmpuint (calls->len, ==, 1);
  assert_reminder (g_ptr_array_index (calls, 0), "Wireless earbuds", order_id);
  g_assert_cmpuint (ow_store_count_reminders_sent (store, order_id, NULL), ==, 1);

  /* "Remind me tomorrow" clicked: the running app records the snooze. */
  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_uint32 (1));
  g_variant_builder_add (&args, "v", g_variant_new_printf ("app.snooze('%" G_GINT64_FORMAT
                                                           ":ship_by')", order_id));
  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.Notifications",
                                       "/org/freedesktop/Notifications",
                                       "org.freedesktop.DBus.Mock", "EmitSignal",
                                       g_variant_new ("(sssav)", "org.freedesktop.Notifications",
                                                      "ActionInvoked", "us", &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  snooze_store = store;
  wait_until (snooze_recorded, f, 30, "the snooze");
  snooze_store = NULL;

  /* Still running without a window; a clean exit on SIGTERM. */
  g_assert_nonnull (g_subprocess_get_identifier (app));
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = get_notify_calls (f);
  g_assert_cmpuint (calls->len, ==, 1);
}

static JsonObject *
run_check (Fixture  *f,
           JsonNode **root)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  check = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ORDERWATCH_BIN"), "check",
                                       "--json", "--db", f->db_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (check, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (check));
  g_assert_cmpint (g_subprocess_get_exit_status (check), ==, 0);

  *root = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_node_get_object (*root);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  JsonObject *result;
  gint64 order_id;

  store = ow_store_open (f->db_path, &error);
  g_assert_no_error (error);
  order_id = seed_order (f, store, "8100000000000002", "Desk lamp");

  result = run_check (f, &first);
  g_assert_cmpint (json_object_get_int_member (result, "sent"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "shown"), ==, 1);
  calls = get_notify_calls (f);
  g_assert_cmpuint (calls->len, ==, 1);
  assert_reminder (g_ptr_array_index (calls, 0), "Desk lamp", order_id);

  /* Once only, even from another process. */
  result = run_check (f, &second);
  g_assert_cmpint (json_object_get_int_member (result, "sent"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "notices")),
                    ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = get_notify_calls (f);
  g_assert_cmpuint (calls->len, ==, 1);
}

static char *autostart_path;

static gboolean
autostart_exists (Fixture *f)
{
  return g_file_test (autostart_path, G_FILE_TEST_EXISTS);
}

static gboolean
autostart_gone (Fixture *f)
{
  return !g_file_test (autostart_path, G_FILE_TEST_EXISTS);
}

static void
write_setting (const char *keyfile,
               gboolean    run_in_background)
{
  g_autofree char *dir = g_path_get_dirname (keyfile);
  g_autofree char *text = g_strdup_printf ("[io/github/orderwatch/Orderwatch]\n"
                                           "run-in-background=%s\n",
                                           run_in_background ? "true" : "false");
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (keyfile, text, -1, &error);
  g_assert_no_error (error);
}

/* "Run in background" outside a sandbox: an XDG autostart entry, written and removed as the
 * setting changes (settings in a key file, so the test can change them from outside). */
static void
test_autostart (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *exec = NULL;

  keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  autostart_path = g_build_filename (g_get_user_config_dir (), "autostart",
                                     APPLICATION_ID ".desktop", NULL);
  write_setting (keyfile, TRUE);

  launcher = new_launcher (f, G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ORDERWATCH_BIN"),
                                     "--background", "--db", f->db_path, NULL);
  g_assert_no_error (error);

  wait_until (autostart_exists, f, 60, "the autostart entry");
  g_key_file_load_from_file (entry, autostart_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "orderwatch --background");

  write_setting (keyfile, FALSE);
  wait_until (autostart_gone, f, 30, "the autostart entry to go");

  /* Started with --background, it stays even with the setting off. */
  g_assert_nonnull (g_subprocess_get_identifier (app));
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  g_clear_pointer (&autostart_path, g_free);
}

/* Ended by the session (SIGTERM) with its window open, the app closes as Quit does: the
 * list's computations are saved and the database is closed cleanly (no write-ahead log
 * left, so the next start has no recovery and no integrity check to run). */
static void
test_window_sigterm (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(GArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *line = NULL;

  store = ow_store_open (f->db_path, &error);
  g_assert_no_error (error);
  seed_order (f, store, "8100000000000001", "Wireless earbuds");
  g_clear_object (&store);

  launcher = new_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Says when the window has drawn, then stays up. */
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_REPORT_FIRST_FRAME", "hold", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ORDERWATCH_BIN"),
                                     "--db", f->db_path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "first-frame"));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = ow_store_open (f->db_path, &error);
  g_assert_no_error (error);
  summaries = ow_store_list_order_summaries (store, ow_policy_registry_get_fingerprint (policies),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_true (g_array_index (summaries, OwOrderSummary, 0).computed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/notify/background", Fixture, NULL, fixture_set_up, test_background,
              fixture_tear_down);
  g_test_add ("/core/notify/check", Fixture, NULL, fixture_set_up, test_check,
              fixture_tear_down);
  g_test_add ("/core/notify/window-sigterm", Fixture, NULL, fixture_set_up, test_window_sigterm,
              fixture_tear_down);
  g_test_add ("/core/notify/autostart", Fixture, NULL, fixture_set_up, test_autostart,
              fixture_tear_down);

  return g_test_run ();
}
