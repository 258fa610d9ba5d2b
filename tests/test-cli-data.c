/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real `orderwatch` executable with data that must neither be lost nor let in: a backup
 * of tracked orders, text that is not UTF-8 or too long, times out of range, currencies,
 * and two edits at once. A real SoupServer on 127.0.0.1 plays the tracking services. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ow-test-server.h"
#include "ow-test-util.h"

typedef struct
{
  OwTestServer *server;
  char         *dir;
  char         *db;
  char         *out;       /* of the last run */
  char         *err;
  int           status;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = ow_test_server_new ();
  f->dir = g_dir_make_tmp ("test-cli-data-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "orders.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ow_test_server_free (f->server);
  ow_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out);
  g_free (f->err);
}

static GSubprocessLauncher *
new_launcher (Fixture *f)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_DB", f->db, TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_NOW", "2026-11-02T00:00:00Z", TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_CAINIAO_URL",
                                ow_test_server_get_url (f->server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_17TRACK_URL",
                                ow_test_server_get_url (f->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "ORDERWATCH_17TRACK_KEY");
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* A CRITICAL is a bug, not a message: it must end the run where it happens. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  return launcher;
}

/* Runs `orderwatch ARGV...` with @launcher and keeps the exit status and the output, which
 * need not be UTF-8. */
static int
run_with (Fixture             *f,
          GSubprocessLauncher *launcher,
          const char * const  *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("ORDERWATCH_BIN");

  g_assert_nonnull (bin);
  g_ptr_array_add (args, (gpointer) bin);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  f->out = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  f->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  f->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                   : 128 + g_subprocess_get_term_sig (process);
  return f->status;
}

static int
run_argv (Fixture            *f,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);

  return run_with (f, launcher, argv);
}

#define run(f, ...) run_argv ((f), (const char *[]) { __VA_ARGS__, NULL })

static void
assert_status (Fixture *f,
               int      expected)
{
  if (f->status != expected)
    g_error ("exit status %d, expected %d\nstdout: %s\nstderr: %s", f->status, expected,
             f->out, f->err);
}

static void
assert_err_contains (Fixture    *f,
                     const char *text)
{
  if (strstr (f->err, text) == NULL)
    g_error ("stderr “%s” does not contain “%s”", f->err, text);
}

static JsonNode *
parse_out (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The first parcel of `show ID --json`, with its events. */
static JsonObject *
first_parcel (JsonNode *root)
{
  JsonArray *parcels = json_object_get_array_member (json_node_get_object (root), "parcels");

  g_assert_cmpuint (json_array_get_length (parcels), >=, 1);
  return json_array_get_object_element (parcels, 0);
}

static void
test_backup_keeps_tracking (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "tracking",
                                                    "cainiao-in-transit.json", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "backup.json", NULL);
  g_autofree char *first = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonObject *parcel;

  ow_test_server_add_cainiao_file (f->server, fixture);
  run (f, "add", "--order", "8100001", "--placed", "2023-01-20", "--paid", "2023-01-20",
       "--tracking", "AE010698498");
  assert_status (f, 0);
  run (f, "refresh");
  assert_status (f, 0);
  run (f, "show", "1", "--json");
  assert_status (f, 0);
  before = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first_parcel (before),
                                                                         "events")), ==, 15);

  run (f, "export", "--output", backup);
  assert_status (f, 0);
  run (f, "export");
  first = g_strdup (f->out);

  /* Into a new file: the parcel with its events and state, and the same export. */
  g_free (f->db);
  f->db = g_build_filename (f->dir, "restored.db", NULL);
  run (f, "import", backup);
  assert_status (f, 0);
  run (f, "show", "1", "--json");
  assert_status (f, 0);
  after = parse_out (f);
  parcel = first_parcel (after);
  g_assert_cmpstr (json_object_get_string_member (parcel, "tracking_number"), ==, "AE010698498");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parcel, "events")), ==,
                    15);
  run (f, "export");
  assert_status (f, 0);
  g_assert_cmpstr (f->out, ==, first);
}

/* How many orders the database holds, by `list --json`. */
static guint
count_orders (Fixture *f)
{
  g_autoptr(JsonNode) root = NULL;

  run (f, "list", "--filter", "all", "--json");
  assert_status (f, 0);
  root = parse_out (f);
  return json_array_get_length (json_node_get_array (root));
}

static void
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            char      **path)
{
  *path = g_build_filename (f->dir, name, NULL);
  g_assert_true (g_file_set_contents (*path, contents, -1, NULL));
}

static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  static const char * const options[] = { "--order", "--item", "--store", "--notes" };
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) shown = NULL;

  run (f, "add", "--order", "8100001", "--item", "Lamp");
  assert_status (f, 0);

  /* Refused where they enter, by name, and nothing is written. */
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *expected = g_strconcat (options[i], ": the value is not valid UTF-8",
                                               NULL);

      run (f, "add", "--order", i == 0 ? "81\xff" : "8100002", options[i], "Caf\xe9");
      assert_status (f, 2);
      assert_err_contains (f, expected);
      run (f, "edit", "1", options[i], "Caf\xe9");
      assert_status (f, 2);
      assert_err_contains (f, expected);
    }
  g_assert_cmpuint (count_orders (f), ==, 1);
  run (f, "show", "1", "--json");
  shown = parse_out (f);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "item"), ==,
                   "Lamp");

  /* In files: by line and column or member. */
  write_file (f, "latin1.csv", "order_number,store\n8100003,Caf\xe9 Store\n", &csv);
  run (f, "import", csv);
  assert_status (f, 2);
  assert_err_contains (f, "line 2, column store: the text is not valid UTF-8");
  write_file (f, "latin1.json", "{\"format\": \"orderwatch\", \"version\": 2, \"orders\": [\n"
                                "  {\"order_number\": \"8100004\",\n   \"notes\": \"Caf\xe9\"}]}",
              &json);
  run (f, "import", json);
  assert_status (f, 2);
  assert_err_contains (f, "line 3, notes: the text is not valid UTF-8");
  g_assert_cmpuint (count_orders (f), ==, 1);

  /* What is stored stays exportable. */
  run (f, "export");
  assert_status (f, 0);
  g_assert_true (g_utf8_validate (f->out, -1, NULL));
}

static void
test_caps (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'x');
  g_autofree char *csv_text = g_strdup_printf ("order_number,notes\n8100001,%s\n", huge);
  g_autofree char *json_text = g_strdup_printf ("{\"format\": \"orderwatch\", \"version\": 2, "
                                                "\"orders\": [{\"order_number\": \"8100002\", "
                                                "\"item\": \"%s\"}]}", huge);
  g_autofree char *store = g_strnfill (201, 's');
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;

  /* A 10 MB note or item is refused, saying what the cap is; nothing is written. */
  write_file (f, "huge.csv", csv_text, &csv);
  run (f, "import", csv);
  assert_status (f, 2);
  assert_err_contains (f, "line 2: Notes: use at most 10000 characters");
  write_file (f, "huge.json", json_text, &json);
  run (f, "import", json);
  assert_status (f, 2);
  assert_err_contains (f, "Item: use at most 500 characters");
  run (f, "add", "--order", "8100003", "--store", store);
  assert_status (f, 2);
  assert_err_contains (f, "Store: use at most 200 characters");
  g_assert_cmpuint (count_orders (f), ==, 0);
}

static void
test_times_out_of_range (Fixture       *f,
                         gconstpointer  data)
{
  const char *late = "9999-12-31T23:59:59-12:00";
  g_autofree char *json_text = g_strdup_printf ("{\"format\": \"orderwatch\", \"version\": 1, "
                                                "\"orders\": [{\"order_number\": \"8100001\", "
                                                "\"facts\": {\"placed\": {\"time\": \"%s\"}}}]}",
                                                late);
  g_autofree char *csv_text = g_strdup_printf ("order_number,placed\n8100002,%s\n", late);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;

  /* An instant past 9999-12-31 UTC could be read but never written back: refused alike by
   * every way in, by name. */
  write_file (f, "late.json", json_text, &json);
  run (f, "import", json);
  assert_status (f, 2);
  assert_err_contains (f, "time: “9999-12-31T23:59:59-12:00” is outside the dates");
  write_file (f, "late.csv", csv_text, &csv);
  run (f, "import", csv);
  assert_status (f, 2);
  assert_err_contains (f, "line 2, column placed: “9999-12-31T23:59:59-12:00” is outside");
  run (f, "add", "--order", "8100003", "--placed", late, "--now", late);
  assert_status (f, 2);
  assert_err_contains (f, "--now: “9999-12-31T23:59:59-12:00” is outside the dates");
  run (f, "add", "--order", "8100003", "--placed", "0000-12-31T23:59:59Z");
  assert_status (f, 2);
  g_assert_cmpuint (count_orders (f), ==, 0);

  /* A future date is refused by add as by the actions (now is 2026-11-02). */
  run (f, "add", "--order", "8100004", "--paid", "2026-12-01T00:00:00Z");
  assert_status (f, 2);
  assert_err_contains (f, "Paid: the date is in the future");
  g_assert_cmpuint (count_orders (f), ==, 0);
}

static void
test_currency (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;

  run (f, "add", "--order", "8100001", "--amount", "4.99", "--currency", "XYZ");
  assert_status (f, 2);
  assert_err_contains (f, "--currency: “XYZ” — use a three-letter ISO 4217 code");
  write_file (f, "xyz.csv", "order_number,amount,currency\n8100002,4.99,XYZ\n", &csv);
  run (f, "import", csv);
  assert_status (f, 2);
  assert_err_contains (f, "line 2, column currency: “XYZ” is not an ISO 4217 currency code");
  write_file (f, "xyz.json", "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": "
                             "[{\"order_number\": \"8100003\", \"currency\": \"XYZ\"}]}", &json);
  run (f, "import", json);
  assert_status (f, 2);
  assert_err_contains (f, "currency: must be an ISO 4217 code");
  g_assert_cmpuint (count_orders (f), ==, 0);

  /* Real ones, with their own decimals. */
  run (f, "add", "--order", "8100004", "--amount", "4.995", "--currency", "kwd");
  assert_status (f, 0);
  run (f, "add", "--order", "8100005", "--amount", "499", "--currency", "JPY");
  assert_status (f, 0);
}

static void
test_17track_key_line_break (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  run (f, "add", "--order", "8100001", "--placed", "2023-01-20", "--paid", "2023-01-20",
       "--tracking", "1Z999AA10123456784", "--provider", "17track");
  assert_status (f, 0);

  /* A key pasted with its line break: refused with a message, not a libsoup CRITICAL (fatal
   * here), and no request carries it. */
  launcher = new_launcher (f);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_17TRACK_KEY", "test-key\r\nX-Evil: 1",
                                TRUE);
  run_with (f, launcher, (const char *[]) { "refresh", NULL });
  assert_status (f, 1);
  g_assert_nonnull (strstr (f->out, "1Z999AA10123456784 (order 1): The 17TRACK API key holds a "
                                    "space, a line break"));
  g_assert_null (strstr (f->err, "CRITICAL"));
  g_assert_cmpuint (ow_test_server_count_requests (f->server, NULL), ==, 0);
}

static GSubprocess *
spawn_edit (Fixture    *f,
            const char *option,
            const char *value)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ORDERWATCH_BIN"), "edit",
                                         "1", option, value, NULL);
  g_assert_no_error (error);
  return process;
}

static void
wait_ok (GSubprocess *process)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("edit failed: %s", err);
}

/* Two `edit` processes on different fields of one order at the same moment, again and
 * again: each writes only its field onto the order as it finds it, so both stay. */
static void
test_concurrent_edits (Fixture       *f,
                       gconstpointer  data)
{
  run (f, "add", "--order", "8100001", "--item", "Lamp");
  assert_status (f, 0);

  for (guint trial = 0; trial < 15; trial++)
    {
      g_autofree char *item = g_strdup_printf ("Lamp %u", trial);
      g_autofree char *notes = g_strdup_printf ("Note %u", trial);
      g_autoptr(GSubprocess) a = spawn_edit (f, "--item", item);
      g_autoptr(GSubprocess) b = spawn_edit (f, "--notes", notes);
      g_autoptr(JsonNode) shown = NULL;
      JsonObject *order;

      wait_ok (a);
      wait_ok (b);
      run (f, "show", "1", "--json");
      assert_status (f, 0);
      shown = parse_out (f);
      order = json_node_get_object (shown);
      g_assert_cmpstr (json_object_get_string_member (order, "item"), ==, item);
      g_assert_cmpstr (json_object_get_string_member (order, "notes"), ==, notes);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/data/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("backup/keeps-tracking", test_backup_keeps_tracking);
  ADD ("input/not-utf8", test_not_utf8);
  ADD ("input/caps", test_caps);
  ADD ("input/times-out-of-range", test_times_out_of_range);
  ADD ("input/currency", test_currency);
  ADD ("input/17track-key-line-break", test_17track_key_line_break);
  ADD ("edit/concurrent-fields", test_concurrent_edits);

  return g_test_run ();
}
