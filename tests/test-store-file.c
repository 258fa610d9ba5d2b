/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database file itself: whose it is, upgrades from an older schema, and what is left
 * behind when an upgrade cannot finish or the file is damaged. Real files, and real
 * processes where a limit or a crash is needed. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ow-core-resources.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-private.h"

#define T0 G_GINT64_CONSTANT (1772323200)  /* 2026-03-01T00:00:00Z */

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

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the file's folder, sorted and joined by spaces. */
static char *
list_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
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
test_foreign_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *path = test_db_path ("contacts.db");
  g_autofree char *folder = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;

  /* Another program's file: user_version 0, its own tables. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "CREATE TABLE contacts (name TEXT); CREATE TABLE calls (at INTEGER);"
               "INSERT INTO contacts VALUES ('Ann');");
  sqlite3_close (db);
  before = read_file (path);

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, "not an Orderwatch database"));
  g_assert_nonnull (strstr (error->message, "calls, contacts"));
  g_assert_nonnull (strstr (error->message, path));

  /* Not one byte changed: no tables of ours, no WAL switch, no backup. */
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  folder = list_folder (path);
  g_assert_cmpstr (folder, ==, "contacts.db");
}

static void
test_empty_file_becomes_ours (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *path = test_db_path ("empty.db");
  g_autofree char *journal = NULL;
  g_autofree char *folder = NULL;

  /* An empty file, as `touch` leaves it: nobody's data, so it becomes ours. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = ow_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_store_get_schema_version (store), ==, 6);
  journal = query_text (ow_store_get_db (store), "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_clear_object (&store);
  folder = list_folder (path);
  g_assert_cmpstr (folder, ==, "empty.db");
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
  g_assert_cmpint (ow_store_get_schema_version (store), ==, 6);
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

static void
test_upgrade_refuses_damaged_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *path = test_db_path ("damaged-v1.db");
  g_autofree char *folder = NULL;
  g_autofree char *contents = NULL;
  gsize length, page_size, page;

  make_v1_file (path, "delete", 2000);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* A page in the middle (the events' b-tree) with a header no b-tree page has. */
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  page = length / page_size / 2;
  memset (contents + page * page_size, 0xff, 64);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  before = read_file (path);

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_nonnull (strstr (error->message, "before upgrading"));

  /* Left as it was: no copy of a damaged file, no upgrade, no WAL switch. */
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  folder = list_folder (path);
  g_assert_cmpstr (folder, ==, "damaged-v1.db");
}

/* In a child process: files larger than @limit bytes cannot be written, as on a full disk. */
static void
limit_file_size (gsize limit)
{
  struct rlimit rl = { limit, limit };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);
}

static void
test_backup_does_not_fit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *journal = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  path = test_db_path ("full-disk.db");
  make_v1_file (path, "delete", 2000);
  before = read_file (path);
  /* Room for less than the copy. */
  limit_file_size (g_bytes_get_size (before) / 2);

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_MIGRATION);

  /* No 0-byte or half backup, no WAL switch, the file as it was. */
  folder = list_folder (path);
  g_assert_cmpstr (folder, ==, "full-disk.db");
  g_assert_nonnull (strstr (error->message, "before upgrading"));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  journal = file_query (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "delete");
}

static void
test_upgrade_does_not_fit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *version = NULL;
  g_autofree char *check = NULL;
  g_autofree char *backup_check = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  path = test_db_path ("no-room.db");
  backup = g_strconcat (path, ".before-v2.bak", NULL);
  make_v1_file (path, "delete", 2000);
  before = read_file (path);
  /* Room for the copy, not for the upgraded table beside the old one. */
  limit_file_size (g_bytes_get_size (before) + 4096);

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "Could not upgrade the database to version"));

  /* Rolled back in the journal mode it had; the backup is whole and readable. */
  folder = list_folder (path);
  g_assert_cmpstr (folder, ==, "no-room.db no-room.db.before-v2.bak");
  journal = file_query (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "delete");
  version = file_query (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  check = file_query (path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  backup_check = file_query (backup, "SELECT count(*) FROM tracking_events");
  g_assert_cmpstr (backup_check, ==, "2005");
}

static void
test_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *path = test_db_path ("future.db");
  g_autofree char *folder = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "CREATE TABLE orders (id INTEGER PRIMARY KEY, future TEXT);"
               "INSERT INTO orders VALUES (1, 'x'); PRAGMA user_version = 99;");
  sqlite3_close (db);
  before = read_file (path);

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_nonnull (strstr (error->message, "99"));

  /* Nothing touched: same bytes, no WAL switch, no backup. */
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  folder = list_folder (path);
  g_assert_cmpstr (folder, ==, "future.db");
}

/* A process that commits to the file and dies without closing it, as after a power cut
 * or kill -9: its WAL stays behind for the next one to replay. */
static void
write_and_die (const char *path)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open (path, &db) != SQLITE_OK ||
          sqlite3_exec (db, "INSERT OR REPLACE INTO providers (name, backoff) "
                            "VALUES ('cainiao', abs (random ()) % 100)",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
fill_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = ow_store_open (path, &error);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      OwOrder *order = ow_order_new ();
      g_autofree char *number = g_strdup_printf ("81%08u", i);

      ow_order_set_order_number (order, number);
      ow_order_set_item_title (order, "A USB-C cable of two metres, braided, with a long name");
      ow_order_set_time (order, OW_EVENT_PAID, T0 + i, OW_FACT_USER);
      g_ptr_array_add (orders, order);
    }
  g_assert_true (ow_store_add_orders (store, orders, &error));
  g_assert_no_error (error);
}

static void
test_unclean_shutdown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *contents = NULL;
  gsize length, page_size;

  /* Its own process: SQLite's log is set up by the first store opened, before anything
   * else starts SQLite. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  path = test_db_path ("crashed.db");
  wal = g_strconcat (path, "-wal", NULL);

  /* A healthy file after a crash: checked, and opened. */
  fill_store (path);
  write_and_die (path);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = ow_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A damaged one after a crash: refused, and it says so. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  memset (contents + (length / page_size / 2) * page_size, 0xff, 64);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  write_and_die (path);

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_nonnull (strstr (error->message, "unclean shutdown"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/file/foreign-refused", test_foreign_file);
  g_test_add_func ("/core/store/file/empty-becomes-ours", test_empty_file_becomes_ours);
  g_test_add_func ("/core/store/file/unclean-shutdown-checked", test_unclean_shutdown);
  g_test_add_func ("/core/store/migration/v1-upgraded", test_upgrade_v1);
  g_test_add_func ("/core/store/migration/damaged-refused", test_upgrade_refuses_damaged_file);
  g_test_add_func ("/core/store/migration/backup-does-not-fit", test_backup_does_not_fit);
  g_test_add_func ("/core/store/migration/upgrade-does-not-fit", test_upgrade_does_not_fit);
  g_test_add_func ("/core/store/migration/too-new", test_too_new);

  return g_test_run ();
}
