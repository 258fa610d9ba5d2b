/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database file itself: whose it is, upgrades from an older schema, and what is left
 * behind when an upgrade cannot finish or the file is damaged. Real files, and real
 * processes where a limit or a crash is needed. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ow-core-resources.h"
#include "ow-error.h"
#include "ow-store-private.h"

static char *
test_db_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "store-file", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Runs @sql on the file with a connection of its own, read-only when asked. */
static char *
file_query (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  text = query_text (db, sql);
  sqlite3_close (db);
  return text;
}

/* A file as Orderwatch 1 left it: schema 1, in @journal_mode, one order with a Cainiao
 * parcel whose event Cainiao reworded once, a 17TRACK parcel with two events of one instant,
 * and @n_padding more events to make the file large. */
static void
make_v1_file (const char *path,
              const char *journal_mode,
              guint       n_padding)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *mode = g_strdup_printf ("PRAGMA journal_mode = %s", journal_mode);
  sqlite3 *db = NULL;
  const char *data;
  gsize size;

  schema = g_resource_lookup_data (ow_core_get_resource (),
                                   "/io/github/orderwatch/Orderwatch/schema/001-initial.sql",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (schema);
  data = g_bytes_get_data (schema, &size);
  sql = g_strndup (data, size);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, mode);
  exec_ok (db, sql);
  exec_ok (db, "PRAGMA user_version = 1;"
               "INSERT INTO orders (id, marketplace, order_number, created_at, modified_at) "
               "VALUES (1, 'aliexpress', '8100000001', 1, 1);"
               "INSERT INTO parcels (id, order_id, tracking_number, provider, created_at) "
               "VALUES (1, 1, 'LP00123456789012', 'cainiao', 1),"
               "       (2, 1, '1Z999AA10123456784', '17track', 1);"
               "INSERT INTO tracking_events (parcel_id, time, status, raw_code, description) "
               "VALUES (1, 1674796980, 'InTransit', 'LH_ARRIVE', 'Arrived at linehual office'),"
               "       (1, 1674796980, 'InTransit', 'LH_ARRIVE', 'Arrived at line-haul office'),"
               "       (1, 1674746280, 'InTransit', 'LH_DEPART', 'Departed'),"
               "       (2, 1674700000, 'InTransit', 'InTransit_PickedUp', 'Picked up'),"
               "       (2, 1674700000, 'InTransit', 'InTransit_Other', 'Label printed');");
  exec_ok (db, "BEGIN");
  for (guint i = 0; i < n_padding; i++)
    {
      g_autofree char *row =
        g_strdup_printf ("INSERT INTO tracking_events (parcel_id, time, status, raw_code, "
                         "description) VALUES (1, %u, 'InTransit', 'GTMS_SC_ARRIVE', "
                         "'Arrived at the sorting center of a city with a long name, %u')",
                         1600000000 + i, i);
      exec_ok (db, row);
    }
  exec_ok (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_upgrade_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *path = test_db_path ("v1.db");
  g_autofree char *backup = g_strconcat (path, ".before-v2.bak", NULL);
  g_autofree char *journal = NULL;
  g_autofree char *cainiao = NULL;
  g_autofree char *seventeen = NULL;
  g_autofree char *backup_version = NULL;
  g_autofree char *backup_events = NULL;

  make_v1_file (path, "wal", 0);
  store = ow_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_store_get_schema_version (store), ==, 3);
  journal = query_text (ow_store_get_db (store), "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");

  /* The reworded copy is gone (its newest words stay); 17TRACK's events, which have no event
   * codes, keep their texts as keys, so both of one instant stay. */
  cainiao = query_text (ow_store_get_db (store),
                        "SELECT group_concat (event_key || '=' || description, '|') FROM "
                        "(SELECT * FROM tracking_events WHERE parcel_id = 1 ORDER BY time)");
  g_assert_cmpstr (cainiao, ==, "code:LH_DEPART=Departed|"
                                "code:LH_ARRIVE=Arrived at line-haul office");
  seventeen = query_text (ow_store_get_db (store),
                          "SELECT group_concat (event_key, '|') FROM (SELECT * FROM "
                          "tracking_events WHERE parcel_id = 2 ORDER BY id)");
  g_assert_cmpstr (seventeen, ==, "text:Picked up|text:Label printed");
  g_clear_object (&store);

  /* The copy beside it is the file as it was. */
  backup_version = file_query (backup, "PRAGMA user_version");
  g_assert_cmpstr (backup_version, ==, "1");
  backup_events = file_query (backup, "SELECT count(*) FROM tracking_events");
  g_assert_cmpstr (backup_events, ==, "5");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/migration/v1-upgraded", test_upgrade_v1);

  return g_test_run ();
}
