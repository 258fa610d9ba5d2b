/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kill -9 in the middle: the real `orderwatch import` and `orderwatch refresh` (against a
 * real SoupServer on 127.0.0.1) are killed at random moments, a bounded number of times; the
 * file must then pass PRAGMA integrity_check, hold each transaction whole or not at all, and
 * open again. The seed is printed; --seed repeats a run. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-store-parcels.h"
#include "ow-test-server.h"
#include "ow-test-util.h"

#define N_IMPORT_ORDERS 1500
#define N_EVENTS        5
#define N_PARCELS       60     /* six Cainiao requests of ten */
#define ROUNDS          10

typedef struct
{
  OwTestServer *server;
  char         *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = ow_test_server_new ();
  f->dir = g_dir_make_tmp ("test-crash-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ow_test_server_free (f->server);
  ow_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GSubprocess *
spawn (Fixture    *f,
       const char *db,
       ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORDERWATCH_BIN"));
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_DB", db, TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_CAINIAO_URL",
                                ow_test_server_get_url (f->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "ORDERWATCH_17TRACK_KEY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static int
run_to_end (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* Starts @process's twin and kills it with SIGKILL after a random part of @full_us. */
static void
kill_at_random (GSubprocess *process,
                gint64       full_us)
{
  g_autoptr(GError) error = NULL;
  gint64 delay = g_test_rand_int_range (0, (gint32) MIN (full_us * 6 / 5, G_MAXINT32));

  g_usleep (delay);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("killed after %" G_GINT64_FORMAT " µs of about %" G_GINT64_FORMAT, delay,
                  full_us);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* After the crash: whole pages and indexes, then the file opens again for the app. */
static sqlite3 *
open_checked (Fixture    *f,
              const char *db_path)
{
  g_autoptr(GSubprocess) list = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  list = spawn (f, db_path, "list", "--filter", "all", NULL);
  g_assert_cmpint (run_to_end (list), ==, 0);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static char *
make_backup (Fixture *f)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"orderwatch\", \"version\": 2, "
                                          "\"orders\": [\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "backup.json", NULL);

  for (guint i = 0; i < N_IMPORT_ORDERS; i++)
    {
      g_string_append_printf (text, "%s{\"order_number\": \"81%08u\", \"item\": \"Lamp %u\", "
                                    "\"facts\": {\"placed\": {\"time\": \"2026-10-01T00:00:00Z\"}}"
                                    ", \"parcels\": [{\"tracking_number\": \"LP%014u\", "
                                    "\"provider\": \"cainiao\", \"status\": \"InTransit\", "
                                    "\"events\": [", i ? ",\n" : "", i, i, i);
      for (guint e = 0; e < N_EVENTS; e++)
        g_string_append_printf (text, "%s{\"time\": \"2026-10-0%uT10:00:00Z\", \"code\": "
                                      "\"LH_ARRIVE_%u\", \"description\": \"Arrived %u\"}",
                                e ? ", " : "", e + 2, e, e);
      g_string_append (text, "]}], \"reminders_sent\": [{\"kind\": \"ship_by\", \"due\": "
                             "\"2026-10-20T00:00:00Z\", \"before\": 86400, \"sent_at\": "
                             "\"2026-10-19T00:00:00Z\"}]}");
    }
  g_string_append (text, "\n]}\n");
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *backup = make_backup (f);
  g_autofree char *full_db = g_build_filename (f->dir, "full.db", NULL);
  g_autoptr(GSubprocess) full = NULL;
  gint64 start, full_us;
  guint n_whole = 0, n_none = 0;

  /* How long a whole import takes here, to kill within it. */
  start = g_get_monotonic_time ();
  full = spawn (f, full_db, "import", backup, NULL);
  g_assert_cmpint (run_to_end (full), ==, 0);
  full_us = g_get_monotonic_time () - start;

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("import-%u.db", round);
      g_autofree char *db_path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GSubprocess) prepare = NULL;
      g_autoptr(GSubprocess) import = NULL;
      gint64 orders, parcels, events, reminders;
      sqlite3 *db;

      /* The file exists first, so the kill lands in the import, not in creating it. */
      prepare = spawn (f, db_path, "list", NULL);
      g_assert_cmpint (run_to_end (prepare), ==, 0);

      import = spawn (f, db_path, "import", backup, NULL);
      kill_at_random (import, full_us);

      db = open_checked (f, db_path);
      orders = query_int (db, "SELECT count(*) FROM orders");
      parcels = query_int (db, "SELECT count(*) FROM parcels");
      events = query_int (db, "SELECT count(*) FROM tracking_events");
      reminders = query_int (db, "SELECT count(*) FROM reminders_sent");
      sqlite3_close (db);

      /* One transaction: everything, or nothing at all. */
      if (orders == 0)
        {
          n_none++;
          g_assert_cmpint (parcels + events + reminders, ==, 0);
        }
      else
        {
          n_whole++;
          g_assert_cmpint (orders, ==, N_IMPORT_ORDERS);
          g_assert_cmpint (parcels, ==, N_IMPORT_ORDERS);
          g_assert_cmpint (events, ==, N_IMPORT_ORDERS * N_EVENTS);
          g_assert_cmpint (reminders, ==, N_IMPORT_ORDERS);
        }
    }
  g_test_message ("%u rounds found the import done, %u found nothing", n_whole, n_none);
}

/* A file with N_PARCELS parcels on one order, all due. */
static void
make_tracked_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = ow_store_open (path, &error);
  g_autoptr(OwOrder) order = ow_order_new ();

  g_assert_no_error (error);
  ow_order_set_order_number (order, "8100000000001");
  ow_order_set_time (order, OW_EVENT_PLACED, 1698000000, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, 1698000060, OW_FACT_USER);
  g_assert_true (ow_store_add_order (store, order, &error));
  for (guint i = 0; i < N_PARCELS; i++)
    {
      g_autofree char *number = g_strdup_printf ("AE%09u", i);
      g_autoptr(OwParcel) parcel = ow_parcel_new (ow_order_get_id (order), number,
                                                  OW_PROVIDER_CAINIAO);

      g_assert_true (ow_store_add_parcel (store, parcel, &error));
    }
  g_assert_no_error (error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
check_refresh_state (sqlite3 *db,
                     gboolean finished)
{
  gint64 with_events, whole, checked;

  /* Each response is one transaction: a parcel has all its events or none, with its check
   * recorded alongside, and the parcels of one request come in together. */
  with_events = query_int (db, "SELECT count(DISTINCT parcel_id) FROM tracking_events");
  whole = query_int (db, "SELECT count(*) FROM (SELECT parcel_id FROM tracking_events "
                         "GROUP BY parcel_id HAVING count(*) = " G_STRINGIFY (N_EVENTS) ")");
  checked = query_int (db, "SELECT count(*) FROM parcels WHERE last_check IS NOT NULL");
  g_assert_cmpint (with_events, ==, whole);
  g_assert_cmpint (checked, ==, with_events);
  g_assert_cmpint (with_events % 10, ==, 0);
  g_test_message ("%" G_GINT64_FORMAT " of %u parcels tracked", with_events, N_PARCELS);
  if (finished)
    g_assert_cmpint (with_events, ==, N_PARCELS);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *template_db = g_build_filename (f->dir, "template.db", NULL);
  g_autofree char *full_db = g_build_filename (f->dir, "full.db", NULL);
  g_autoptr(GString) module = g_string_new ("{\"mailNo\": \"X\", \"mailNoSource\": \"AE\", "
                                            "\"status\": \"DELIVERING\", \"detailList\": [");
  g_autoptr(GSubprocess) full = NULL;
  gint64 start, full_us;
  sqlite3 *db;

  for (guint e = 0; e < N_EVENTS; e++)
    g_string_append_printf (module, "%s{\"time\": %u000, \"desc\": \"Scan %u\", "
                                    "\"actionCode\": \"GTMS_SC_ARRIVE_%u\"}", e ? ", " : "",
                            1699000000 - e * 3600, e, e);
  g_string_append (module, "]}");
  ow_test_server_set_cainiao_template (f->server, module->str);
  /* Slow enough answers that a kill can land between two of them. */
  ow_test_server_set_latency (f->server, 40);
  make_tracked_store (template_db);

  copy_file (template_db, full_db);
  start = g_get_monotonic_time ();
  full = spawn (f, full_db, "refresh", NULL);
  g_assert_cmpint (run_to_end (full), ==, 0);
  full_us = g_get_monotonic_time () - start;
  db = open_checked (f, full_db);
  check_refresh_state (db, TRUE);
  sqlite3_close (db);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("refresh-%u.db", round);
      g_autofree char *db_path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GSubprocess) refresh = NULL;
      g_autoptr(GSubprocess) again = NULL;

      copy_file (template_db, db_path);
      refresh = spawn (f, db_path, "refresh", NULL);
      kill_at_random (refresh, full_us);

      db = open_checked (f, db_path);
      check_refresh_state (db, FALSE);
      sqlite3_close (db);

      /* What the killed run did not do, the next one does, and no event comes twice. */
      again = spawn (f, db_path, "refresh", "1", NULL);
      g_assert_cmpint (run_to_end (again), ==, 0);
      db = open_checked (f, db_path);
      check_refresh_state (db, TRUE);
      sqlite3_close (db);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/crash/kill-import", Fixture, NULL, fixture_setup, test_import,
              fixture_teardown);
  g_test_add ("/cli/crash/kill-refresh", Fixture, NULL, fixture_setup, test_refresh,
              fixture_teardown);

  return g_test_run ();
}
