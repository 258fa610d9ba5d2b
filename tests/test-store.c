/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ow-error.h"
#include "ow-order.h"
#include "ow-dispute.h"
#include "ow-store-disputes.h"
#include "ow-store-private.h"
#include "ow-store-summaries.h"

/* 2026-03-01T00:00:00Z and friends: fixed instants, never "now". */
#define T0 G_GINT64_CONSTANT (1772323200)
#define DAY (24 * 60 * 60)

static char *
test_db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "store-test", name, NULL);
}

static OwStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_path ("orders.db");
  OwStore *store = ow_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static OwOrder *
make_order (const char *number)
{
  OwOrder *order = ow_order_new ();

  ow_order_set_order_number (order, number);
  ow_order_set_store_name (order, "Shenzhen Gadgets Store");
  ow_order_set_item_title (order, "USB-C cable, 2 m");
  ow_order_set_amount (order, 1299);
  ow_order_set_time (order, OW_EVENT_PLACED, T0, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, T0 + 600, OW_FACT_USER);
  return order;
}

/* Every field set to something other than its default. */
static OwOrder *
make_full_order (void)
{
  OwOrder *order = ow_order_new ();
  OwExtension approved = { T0 + 30 * DAY, 15, OW_EXTENSION_APPROVED };
  OwExtension refused = { OW_TIME_UNSET, 5, OW_EXTENSION_REFUSED };

  ow_order_set_marketplace (order, "eBay");
  ow_order_set_order_number (order, "8170-22-1234");
  ow_order_set_store_name (order, "Vintage Finds");
  ow_order_set_item_title (order, "Rétro caméra — «Zenit» 35 mm");
  ow_order_set_quantity (order, 3);
  ow_order_set_amount (order, 123456);
  ow_order_set_currency (order, "eur");
  ow_order_set_payment_method (order, OW_PAYMENT_PAYPAL);
  for (guint i = 0; i < OW_N_EVENTS; i++)
    ow_order_set_time (order, i, T0 + i * DAY,
                       i % 3 == 1 ? OW_FACT_INFERRED : OW_FACT_USER);
  ow_order_set_close_reason (order, OW_CLOSE_SECURITY);
  ow_order_set_processing_days (order, 7);
  ow_order_set_delivery_days (order, 75);
  ow_order_add_extension (order, &approved);
  ow_order_add_extension (order, &refused);
  ow_order_set_notes (order, "Seller said: \"ships Monday\"\nsecond line");
  ow_order_set_archived (order, TRUE);
  return order;
}

static int
count_rows (OwStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (ow_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
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

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

typedef struct
{
  guint  n_emissions;
  gint64 last_id;
} ChangedLog;

static void
on_store_order_changed_cb (OwStore    *store,
                           gint64      order_id,
                           ChangedLog *log)
{
  log->n_emissions++;
  log->last_id = order_id;
}

static void
test_open_new (void)
{
  g_autoptr(OwStore) store = open_store ();
  g_autofree char *path = test_db_path ("orders.db");
  g_autofree char *backup = g_strconcat (path, ".before-v1.bak", NULL);

  g_assert_cmpstr (ow_store_get_path (store), ==, path);
  g_assert_cmpint (ow_store_get_schema_version (store), ==, 6);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* A fresh file holds nothing worth a backup. */
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_rows (store, "orders"), ==, 0);
  g_assert_cmpint (count_rows (store, "reminders_sent"), ==, 0);
}

static void
test_pragmas (void)
{
  g_autoptr(OwStore) store = open_store ();
  sqlite3 *db = ow_store_get_db (store);
  g_autofree char *journal = query_text (db, "PRAGMA journal_mode");
  g_autofree char *foreign = query_text (db, "PRAGMA foreign_keys");
  g_autofree char *sync = query_text (db, "PRAGMA synchronous");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (foreign, ==, "1");
  g_assert_cmpstr (sync, ==, "1");  /* NORMAL */

  /* Not just the pragma: an extension for a missing order is refused. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO extensions (order_id, days) VALUES (4242, 3)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_FOREIGNKEY);
  g_assert_cmpint (count_rows (store, "extensions"), ==, 0);
}

static void
test_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "orderwatch",
                                                "orderwatch.db", NULL);
  g_autofree char *custom = test_db_path ("custom/elsewhere.db");
  g_autofree char *path = NULL;
  g_autofree char *from_env = NULL;

  g_unsetenv ("ORDERWATCH_DB");
  path = ow_store_default_path ();
  g_assert_cmpstr (path, ==, expected);

  g_setenv ("ORDERWATCH_DB", custom, TRUE);
  from_env = ow_store_default_path ();
  g_assert_cmpstr (from_env, ==, custom);

  /* The parent folder is created on open. */
  store = ow_store_open (from_env, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (custom, G_FILE_TEST_IS_REGULAR));
  g_unsetenv ("ORDERWATCH_DB");
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) order = make_full_order ();
  g_autoptr(OwOrder) plain = make_order ("1000");
  g_autoptr(OwOrder) loaded = NULL;
  g_autoptr(OwOrder) found = NULL;
  g_autoptr(OwOrder) loaded_plain = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (ow_store_add_order (store, order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ow_order_get_id (order), >, 0);
  g_assert_cmpint (ow_order_get_modified (order), >=, before);
  g_assert_true (ow_store_add_order (store, plain, &error));
  g_assert_cmpint (ow_order_get_id (plain), !=, ow_order_get_id (order));
  g_assert_true (ow_store_add_orders (store, none, &error));

  loaded = ow_store_get_order (store, ow_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (order, loaded));
  g_assert_cmpint (ow_order_get_id (loaded), ==, ow_order_get_id (order));
  g_assert_cmpint (ow_order_get_modified (loaded), ==, ow_order_get_modified (order));
  g_assert_cmpint (ow_order_get_time_source (loaded, OW_EVENT_PAID), ==, OW_FACT_INFERRED);
  g_assert_cmpint (ow_order_get_time_source (loaded, OW_EVENT_PLACED), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_n_extensions (loaded), ==, 2);
  g_assert_cmpint (ow_order_get_extension (loaded, 1)->requested_at, ==, OW_TIME_UNSET);
  g_assert_cmpint (ow_order_get_approved_extension_days (loaded), ==, 15);

  /* Unknown facts stay unknown, defaults stay defaults. */
  loaded_plain = ow_store_get_order (store, ow_order_get_id (plain), &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (plain, loaded_plain));
  g_assert_cmpint (ow_order_get_time (loaded_plain, OW_EVENT_SHIPPED), ==, OW_TIME_UNSET);
  g_assert_cmpint (ow_order_get_time_source (loaded_plain, OW_EVENT_SHIPPED), ==,
                   OW_FACT_UNKNOWN);
  g_assert_cmpint (ow_order_get_close_reason (loaded_plain), ==, OW_CLOSE_NONE);

  /* The inferred bits are stored as 1 << event. */
  {
    g_autofree char *bits = query_text (ow_store_get_db (store),
                                        "SELECT inferred_facts FROM orders "
                                        "WHERE order_number = '8170-22-1234'");
    int expected = 0;

    for (guint i = 0; i < OW_N_EVENTS; i++)
      if (i % 3 == 1)
        expected |= 1 << i;
    g_assert_cmpint (atoi (bits), ==, expected);
  }

  found = ow_store_find_order (store, "EBAY", "8170-22-1234", &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (order, found));

  g_assert_null (ow_store_find_order (store, "ebay", "nope", &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  all = ow_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (ow_order_equal (g_ptr_array_index (all, 0), order));
  g_assert_true (ow_order_equal (g_ptr_array_index (all, 1), plain));
}

static void
test_duplicate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) first = make_order ("3001");
  g_autoptr(OwOrder) again = make_order ("3001");
  g_autoptr(OwOrder) other_market = make_order ("3001");
  g_autoptr(OwOrder) fresh = make_order ("3002");
  g_autoptr(OwOrder) fresh_again = make_order ("3002");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  ChangedLog log = { 0 };

  g_assert_true (ow_store_add_order (store, first, &error));
  g_signal_connect (store, "order-changed", G_CALLBACK (on_store_order_changed_cb), &log);

  ow_order_set_item_title (again, "something else");
  g_assert_false (ow_store_add_order (store, again, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "3001"));
  g_clear_error (&error);
  g_assert_cmpint (ow_order_get_id (again), ==, 0);
  g_assert_cmpint (count_rows (store, "orders"), ==, 1);

  /* A batch with a duplicate inside writes nothing at all. */
  g_ptr_array_add (batch, fresh);
  g_ptr_array_add (batch, fresh_again);
  g_assert_false (ow_store_add_orders (store, batch, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "3002"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 1);
  g_assert_cmpint (ow_order_get_id (fresh), ==, 0);
  g_assert_cmpuint (log.n_emissions, ==, 0);

  /* The same number on another marketplace is another order. */
  ow_order_set_marketplace (other_market, "temu");
  g_assert_true (ow_store_add_order (store, other_market, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 2);

  /* Renaming an order onto an existing number is refused too. */
  ow_order_set_marketplace (other_market, "aliexpress");
  g_assert_false (ow_store_update_order (store, other_market, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE);
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) good = make_order ("4001");
  g_autoptr(OwOrder) bad = make_order ("4002");
  g_autoptr(OwOrder) no_number = make_order ("4003");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  OwExtension zero_days = { T0, 0, OW_EXTENSION_PENDING };

  /* Paid before it was placed. */
  ow_order_set_time (bad, OW_EVENT_PAID, T0 - DAY, OW_FACT_USER);
  g_assert_false (ow_store_add_order (store, bad, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 0);

  ow_order_set_order_number (no_number, NULL);
  g_ptr_array_add (batch, good);
  g_ptr_array_add (batch, no_number);
  g_assert_false (ow_store_add_orders (store, batch, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "2 of 2"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 0);
  g_assert_cmpint (ow_order_get_id (good), ==, 0);

  /* An update with a bad extension leaves the stored order as it was. */
  g_assert_true (ow_store_add_order (store, good, &error));
  ow_order_add_extension (good, &zero_days);
  ow_order_set_item_title (good, "changed");
  g_assert_false (ow_store_update_order (store, good, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_cmpint (count_rows (store, "extensions"), ==, 0);
  {
    g_autofree char *title = query_text (ow_store_get_db (store),
                                         "SELECT item_title FROM orders");
    g_assert_cmpstr (title, ==, "USB-C cable, 2 m");
  }
}

static void
test_update_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) order = make_full_order ();
  g_autoptr(OwOrder) missing = make_order ("5999");
  g_autoptr(OwOrder) loaded = NULL;
  OwExtension pending = { T0 + 40 * DAY, 10, OW_EXTENSION_PENDING };
  gint64 id;

  g_assert_true (ow_store_add_order (store, order, &error));
  id = ow_order_get_id (order);
  g_assert_cmpint (count_rows (store, "extensions"), ==, 2);

  ow_order_set_item_title (order, "Another title");
  ow_order_set_time (order, OW_EVENT_PAID, T0 + DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_REFUNDED, OW_TIME_UNSET, OW_FACT_UNKNOWN);
  ow_order_set_close_reason (order, OW_CLOSE_NONE);
  ow_order_set_archived (order, FALSE);
  ow_order_set_processing_days (order, 0);
  ow_order_clear_extensions (order);
  ow_order_add_extension (order, &pending);
  g_assert_true (ow_store_update_order (store, order, &error));
  g_assert_no_error (error);

  loaded = ow_store_get_order (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (order, loaded));
  g_assert_cmpint (ow_order_get_time_source (loaded, OW_EVENT_PAID), ==, OW_FACT_USER);
  g_assert_cmpint (count_rows (store, "extensions"), ==, 1);

  g_assert_false (ow_store_update_order (store, missing, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (ow_store_delete_order (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 0);
  g_assert_cmpint (count_rows (store, "extensions"), ==, 0);

  g_assert_null (ow_store_get_order (store, id, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ow_store_delete_order (store, id, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND);
}

static void
test_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) a = make_order ("6001");
  g_autoptr(OwOrder) b = make_order ("6002");
  g_autoptr(OwOrder) c = make_order ("6003");
  g_autoptr(OwOrder) d = make_order ("6004");

  /* Nested groups commit together. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, a, &error));
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, b, &error));
  g_assert_true (ow_store_commit (store, &error));
  g_assert_false (sqlite3_get_autocommit (ow_store_get_db (store)));
  g_assert_true (ow_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (ow_store_get_db (store)));
  g_assert_cmpint (count_rows (store, "orders"), ==, 2);

  /* A rolled-back group leaves no rows. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, c, &error));
  g_assert_true (ow_store_delete_order (store, ow_order_get_id (a), &error));
  ow_store_rollback (store);
  g_assert_cmpint (count_rows (store, "orders"), ==, 2);
  {
    g_autofree char *kept = query_text (ow_store_get_db (store),
                                        "SELECT count(*) FROM orders WHERE order_number = '6001'");
    g_assert_cmpstr (kept, ==, "1");
  }

  /* An inner rollback spoils the outer commit. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, c, &error));
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, d, &error));
  ow_store_rollback (store);
  g_assert_false (ow_store_commit (store, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 2);

  /* A failing call inside a group (a duplicate) also spoils the group. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, d, &error));
  g_assert_false (ow_store_add_order (store, b, &error));
  g_clear_error (&error);
  g_assert_false (ow_store_commit (store, &error));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 2);

  /* And the store works normally afterwards. */
  g_assert_true (ow_store_add_order (store, d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "orders"), ==, 3);
}

static void
test_signal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) a = make_order ("7001");
  g_autoptr(OwOrder) b = make_order ("7002");
  g_autoptr(OwOrder) c = make_order ("7003");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  ChangedLog log = { 0 };

  g_signal_connect (store, "order-changed", G_CALLBACK (on_store_order_changed_cb), &log);

  g_assert_true (ow_store_add_order (store, a, &error));
  g_assert_cmpuint (log.n_emissions, ==, 1);
  g_assert_cmpint (log.last_id, ==, ow_order_get_id (a));

  /* Nothing until the commit, then once, for the one order changed twice. */
  g_assert_true (ow_store_begin (store, &error));
  ow_order_set_notes (a, "first");
  g_assert_true (ow_store_update_order (store, a, &error));
  ow_order_set_notes (a, "second");
  g_assert_true (ow_store_update_order (store, a, &error));
  g_assert_cmpuint (log.n_emissions, ==, 1);
  g_assert_true (ow_store_commit (store, &error));
  g_assert_cmpuint (log.n_emissions, ==, 2);
  g_assert_cmpint (log.last_id, ==, ow_order_get_id (a));

  /* Several orders: one emission with 0. */
  g_ptr_array_add (batch, b);
  g_ptr_array_add (batch, c);
  g_assert_true (ow_store_add_orders (store, batch, &error));
  g_assert_cmpuint (log.n_emissions, ==, 3);
  g_assert_cmpint (log.last_id, ==, 0);

  /* A rollback emits nothing, and its queued ids do not leak into the next commit. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_delete_order (store, ow_order_get_id (b), &error));
  g_assert_true (ow_store_delete_order (store, ow_order_get_id (c), &error));
  ow_store_rollback (store);
  g_assert_cmpuint (log.n_emissions, ==, 3);

  g_assert_true (ow_store_delete_order (store, ow_order_get_id (c), &error));
  g_assert_cmpuint (log.n_emissions, ==, 4);
  g_assert_cmpint (log.last_id, ==, ow_order_get_id (c));

  /* Outside a transaction ow_store_emit_changed emits at once; inside it waits. */
  ow_store_emit_changed (store, 77);
  g_assert_cmpuint (log.n_emissions, ==, 5);
  g_assert_cmpint (log.last_id, ==, 77);
  g_assert_true (ow_store_begin (store, &error));
  ow_store_emit_changed (store, 78);
  g_assert_cmpuint (log.n_emissions, ==, 5);
  g_assert_true (ow_store_commit (store, &error));
  g_assert_cmpuint (log.n_emissions, ==, 6);
  g_assert_cmpint (log.last_id, ==, 78);
  g_assert_no_error (error);
}

static void
on_store_orders_changed_cb (OwStore *store,
                            GArray  *order_ids,
                            GArray  *log)
{
  /* The ids of each emission, then 0 as a separator. */
  gint64 end = 0;

  g_array_append_vals (log, order_ids->data, order_ids->len);
  g_array_append_val (log, end);
}

/* "orders-changed" names every order of a transaction, ascending and once each. */
static void
test_signal_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 a, b, c;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("710%u", i);

      g_ptr_array_add (orders, make_order (number));
    }
  g_assert_true (ow_store_add_orders (store, orders, &error));
  a = ow_order_get_id (g_ptr_array_index (orders, 0));
  b = ow_order_get_id (g_ptr_array_index (orders, 1));
  c = ow_order_get_id (g_ptr_array_index (orders, 2));
  g_signal_connect (store, "orders-changed", G_CALLBACK (on_store_orders_changed_cb), log);

  /* Changed in the order c, a, c: reported a, c, once. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_update_order (store, g_ptr_array_index (orders, 2), &error));
  g_assert_true (ow_store_update_order (store, g_ptr_array_index (orders, 0), &error));
  g_assert_true (ow_store_update_order (store, g_ptr_array_index (orders, 2), &error));
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_true (ow_store_commit (store, &error));
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpint (g_array_index (log, gint64, 0), ==, MIN (a, c));
  g_assert_cmpint (g_array_index (log, gint64, 1), ==, MAX (a, c));
  g_assert_cmpint (g_array_index (log, gint64, 2), ==, 0);

  /* A rollback reports nothing, and its ids do not join the next commit. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_delete_order (store, a, &error));
  ow_store_rollback (store);
  g_assert_true (ow_store_delete_order (store, b, &error));
  g_assert_cmpuint (log->len, ==, 5);
  g_assert_cmpint (g_array_index (log, gint64, 3), ==, b);
  g_assert_no_error (error);
}

/* The orders a refresh asks about: shipped, neither received nor closed, not archived. */
static void
test_on_the_way (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *number = g_strdup_printf ("720%u", i);
      OwOrder *order = make_order (number);

      /* 0 only paid; 1 and 5 on their way; 2 received; 3 closed; 4 archived. */
      if (i > 0)
        ow_order_set_time (order, OW_EVENT_SHIPPED, T0 + DAY, OW_FACT_USER);
      if (i == 2)
        ow_order_set_time (order, OW_EVENT_RECEIVED, T0 + 9 * DAY, OW_FACT_USER);
      if (i == 3)
        ow_order_set_time (order, OW_EVENT_CLOSED, T0 + 9 * DAY, OW_FACT_USER);
      ow_order_set_archived (order, i == 4);
      g_ptr_array_add (orders, order);
    }
  g_assert_true (ow_store_add_orders (store, orders, &error));
  g_assert_no_error (error);

  ids = ow_store_list_orders_on_the_way (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, ow_order_get_id (orders->pdata[1]));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, ow_order_get_id (orders->pdata[5]));
}

static void
test_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *path = test_db_path ("garbage.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  contents = g_strnfill (4096, 'x');
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  store = ow_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
}

/* SQLite reads "" as a temporary database deleted on close: refused, not opened. */
static void
test_empty_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = ow_store_open ("", &error);

  g_assert_null (store);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "empty"));
}

static void
test_tracking_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) a = make_order ("8001");
  g_autoptr(OwOrder) b = make_order ("8002");
  g_autoptr(GHashTable) numbers = NULL;
  g_autofree char *sql = NULL;
  gint64 a_id, b_id;

  g_assert_true (ow_store_add_order (store, a, &error));
  g_assert_true (ow_store_add_order (store, b, &error));
  a_id = ow_order_get_id (a);
  b_id = ow_order_get_id (b);

  sql = g_strdup_printf ("INSERT INTO parcels (order_id, tracking_number, created_at) VALUES "
                         "(%" G_GINT64_FORMAT ", 'LP00123456789012', 0), "
                         "(%" G_GINT64_FORMAT ", 'UJ123456789YP', 0)",
                         a_id, a_id);
  exec_ok (ow_store_get_db (store), sql);

  numbers = ow_store_list_tracking_numbers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (numbers), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (numbers, &a_id), ==, "LP00123456789012 UJ123456789YP");
  g_assert_null (g_hash_table_lookup (numbers, &b_id));

  /* Parcels go with their order. */
  g_assert_true (ow_store_delete_order (store, a_id, &error));
  g_assert_cmpint (count_rows (store, "parcels"), ==, 0);
}

/* Order number @prefix followed by @i; when @extend, two equal extensions, which the store
 * must keep apart as two rows. */
static OwOrder *
make_numbered_order (const char *prefix,
                     guint       i,
                     gboolean    extend)
{
  g_autofree char *number = g_strdup_printf ("%s%06u", prefix, i);
  OwOrder *order = make_order (number);

  if (extend)
    {
      OwExtension x = { T0 + i, 1 + i % 30, i % 3 };

      ow_order_add_extension (order, &x);
      ow_order_add_extension (order, &x);
    }
  return order;
}

/* Enough orders that the store reads them in two halves at once. */
static void
test_list_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(OwOrder) extra = make_order ("extra");
  const guint n = 25000;

  for (guint i = 0; i < n; i++)
    {
      /* Extensions on both sides of the split, and at its edges. */
      gboolean extend = i % 97 == 0 || i == n / 2 - 1 || i == n / 2 || i == n / 2 + 1;

      g_ptr_array_add (orders, make_numbered_order ("L", i, extend));
    }
  g_assert_true (ow_store_add_orders (store, orders, &error));
  g_assert_no_error (error);

  listed = ow_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      OwOrder *want = g_ptr_array_index (orders, i);
      OwOrder *got = g_ptr_array_index (listed, i);

      g_assert_cmpint (ow_order_get_id (got), ==, ow_order_get_id (want));
      g_assert_true (ow_order_equal (got, want));
    }
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Inside a transaction the uncommitted order is listed too. */
  g_assert_true (ow_store_begin (store, &error));
  g_assert_true (ow_store_add_order (store, extra, &error));
  listed = ow_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, n + 1);
  g_assert_true (ow_order_equal (g_ptr_array_index (listed, n), extra));
  ow_store_rollback (store);
}

/* @got holds the orders of @want, equal and in the same order. */
static void
assert_same_orders (GPtrArray *got,
                    GPtrArray *want)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_true (ow_order_equal (g_ptr_array_index (got, i), g_ptr_array_index (want, i)));
}

/* Page by page, every order once, as the whole list has them: extensions at the edges of a
 * page stay with their order, and gaps in the ids are skipped. */
static void
test_list_in_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) page = NULL;
  gint64 after = 0;
  guint n_pages = 0;

  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (orders, make_numbered_order ("P", i, i % 7 == 6 || i % 7 == 0));
  g_assert_true (ow_store_add_orders (store, orders, &error));
  g_assert_no_error (error);
  for (guint i = 10; i < 20; i++)
    g_assert_true (ow_store_delete_order (store, ow_order_get_id (g_ptr_array_index (orders, i)),
                                          &error));

  while ((page = ow_store_list_orders_after (store, after, 7, &error)) != NULL && page->len > 0)
    {
      g_assert_cmpuint (page->len, <=, 7);
      after = ow_order_get_id (g_ptr_array_index (page, page->len - 1));
      g_ptr_array_extend_and_steal (paged, g_steal_pointer (&page));
      n_pages++;
    }
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (n_pages, ==, 8);

  listed = ow_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (paged->len, ==, 50);
  assert_same_orders (paged, listed);
}

typedef struct
{
  GPtrArray *orders;
  GThread   *thread;   /* the one the pages must come to */
  guint      n_pages;
} PageCount;

static void
take_page (GPtrArray *page,
           gpointer   user_data)
{
  PageCount *count = user_data;

  g_assert_true (g_thread_self () == count->thread);
  g_assert_cmpuint (page->len, >, 0);
  g_assert_cmpuint (page->len, <=, 7);
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (count->orders, g_object_ref (g_ptr_array_index (page, i)));
  count->n_pages++;
}

/* The same pages with the next one read on another thread: each handed to the caller's
 * thread, in order; a page that cannot be read ends the pass with its error. */
static void
test_foreach_order_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  PageCount count = { g_ptr_array_new_with_free_func (g_object_unref), g_thread_self () };
  sqlite3_stmt *stmt;

  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (orders, make_numbered_order ("F", i, i % 7 == 6 || i % 7 == 0));
  g_assert_true (ow_store_add_orders (store, orders, &error));
  g_assert_no_error (error);

  g_assert_true (ow_store_foreach_order_page (store, 7, take_page, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.n_pages, ==, 9);
  listed = ow_store_list_orders (store, &error);
  assert_same_orders (count.orders, listed);

  /* Without the extensions table no page can be read. */
  stmt = ow_store_prepare (store, "ALTER TABLE extensions RENAME TO gone", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  g_ptr_array_set_size (count.orders, 0);
  count.n_pages = 0;
  g_assert_false (ow_store_foreach_order_page (store, 7, take_page, &count, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED);
  g_assert_cmpuint (count.n_pages, ==, 0);
  g_ptr_array_unref (count.orders);
}

static void
test_statement_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = open_store ();
  sqlite3_stmt *first, *second;

  first = ow_store_prepare (store, "SELECT count(*) FROM orders WHERE id > ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (first, 1, 5);
  g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);

  /* Same text, same statement, handed back reset and unbound. */
  second = ow_store_prepare (store, "SELECT count(*) FROM orders WHERE id > ?1", &error);
  g_assert_true (first == second);
  g_assert_false (sqlite3_stmt_busy (second));
  g_assert_cmpint (sqlite3_bind_parameter_count (second), ==, 1);
  sqlite3_reset (second);

  g_assert_null (ow_store_prepare (store, "SELECT * FROM no_such_table", &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no_such_table"));
}

/* The one summary of @order_id, as the store lists it under rules "R". */
static OwOrderSummary
summary_of (OwStore *store,
            gint64   order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) summaries = ow_store_list_order_summaries (store, "R", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < summaries->len; i++)
    if (g_array_index (summaries, OwOrderSummary, i).order_id == order_id)
      return g_array_index (summaries, OwOrderSummary, i);
  g_assert_not_reached ();
}

static void
save_summary (OwStore    *store,
              const char *rules,
              gint64      order_id,
              gint64      revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) summaries = g_array_new (FALSE, FALSE, sizeof (OwOrderSummary));
  OwOrderSummary summary = {
    .order_id = order_id, .revision = revision, .computed = TRUE, .computed_at = T0,
    .changes_at = T0 + DAY, .urgency = T0 + 2 * DAY, .date = T0, .status = OW_STATUS_DISPUTE,
    .needs_action = TRUE,
  };

  g_array_append_val (summaries, summary);
  g_assert_true (ow_store_save_order_summaries (store, rules, summaries, &error));
  g_assert_no_error (error);
}

/* Every change to what the rules read about an order clears its summary and moves its
 * revision on; a save carrying an old revision is dropped; other rules clear them all. */
static void
test_summaries (void)
{
  g_autoptr(OwStore) store = open_store ();
  g_autoptr(OwOrder) order = make_order ("S1");
  g_autoptr(OwOrder) other = make_order ("S2");
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) error = NULL;
  OwExtension extension = { T0 + DAY, 10, OW_EXTENSION_PENDING };
  OwOrderSummary summary;
  gint64 id, revision;

  g_assert_true (ow_store_add_order (store, order, &error));
  g_assert_true (ow_store_add_order (store, other, &error));
  g_assert_no_error (error);
  id = ow_order_get_id (order);

  /* A new order has a row, with nothing computed. */
  summary = summary_of (store, id);
  g_assert_false (summary.computed);
  revision = summary.revision;
  g_assert_cmpint (ow_store_get_summary_revision (store, id, &error), ==, revision);

  save_summary (store, "R", id, revision);
  save_summary (store, "R", ow_order_get_id (other), summary_of (store, ow_order_get_id (other)).revision);
  summary = summary_of (store, id);
  g_assert_true (summary.computed);
  g_assert_cmpint (summary.computed_at, ==, T0);
  g_assert_cmpint (summary.changes_at, ==, T0 + DAY);
  g_assert_cmpint (summary.urgency, ==, T0 + 2 * DAY);
  g_assert_cmpint (summary.status, ==, OW_STATUS_DISPUTE);
  g_assert_true (summary.needs_action);
  g_assert_false (summary.archived);

#define ASSERT_CLEARED() \
  G_STMT_START { \
    summary = summary_of (store, id); \
    g_assert_false (summary.computed); \
    g_assert_cmpint (summary.revision, >, revision); \
    revision = summary.revision; \
    /* The other order keeps its own. */ \
    g_assert_true (summary_of (store, ow_order_get_id (other)).computed); \
    save_summary (store, "R", id, revision); \
    g_assert_true (summary_of (store, id).computed); \
  } G_STMT_END

  ow_order_set_notes (order, "changed");
  g_assert_true (ow_store_update_order (store, order, &error));
  g_assert_no_error (error);
  ASSERT_CLEARED ();

  ow_order_add_extension (order, &extension);
  g_assert_true (ow_store_update_order (store, order, &error));
  g_assert_no_error (error);
  ASSERT_CLEARED ();

  dispute = ow_dispute_new (id, OW_CHANNEL_PAYPAL);
  ow_dispute_set_reason (dispute, "not_as_described");
  ow_dispute_set_amount (dispute, 499);
  ow_dispute_append_step (dispute, OW_STEP_OPENED, T0 + DAY, 0, NULL);
  g_assert_true (ow_store_add_dispute (store, dispute, &error));
  g_assert_no_error (error);
  ASSERT_CLEARED ();

  ow_dispute_append_step (dispute, OW_STEP_CLOSED, T0 + 2 * DAY, 0, NULL);
  g_assert_true (ow_store_update_dispute (store, dispute, &error));
  g_assert_no_error (error);
  ASSERT_CLEARED ();
#undef ASSERT_CLEARED

  /* Computed from the order as it was before a change: not saved. */
  ow_order_set_notes (order, "changed again");
  g_assert_true (ow_store_update_order (store, order, &error));
  g_assert_no_error (error);
  save_summary (store, "R", id, revision);
  g_assert_false (summary_of (store, id).computed);
  revision = summary_of (store, id).revision;
  save_summary (store, "R", id, revision);

  /* Under other rules nothing saved holds; saving under them clears every other row. */
  {
    g_autoptr(GArray) summaries = ow_store_list_order_summaries (store, "other", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summaries->len, ==, 2);
    g_assert_false (g_array_index (summaries, OwOrderSummary, 0).computed);
    g_assert_false (g_array_index (summaries, OwOrderSummary, 1).computed);
  }
  save_summary (store, "other", id, revision);
  {
    g_autoptr(GArray) summaries = ow_store_list_order_summaries (store, "other", &error);

    g_assert_no_error (error);
    g_assert_cmpint (g_array_index (summaries, OwOrderSummary, 0).order_id, ==, id);
    g_assert_true (g_array_index (summaries, OwOrderSummary, 0).computed);
    g_assert_false (g_array_index (summaries, OwOrderSummary, 1).computed);
  }
  g_assert_false (summary_of (store, id).computed);

  /* A deleted order takes its row along. */
  g_assert_true (ow_store_delete_order (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "order_summaries"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/open/new-file", test_open_new);
  g_test_add_func ("/core/store/open/pragmas", test_pragmas);
  g_test_add_func ("/core/store/open/default-path", test_default_path);
  g_test_add_func ("/core/store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/core/store/open/empty-path", test_empty_path);
  g_test_add_func ("/core/store/orders/round-trip", test_round_trip);
  g_test_add_func ("/core/store/orders/duplicate", test_duplicate);
  g_test_add_func ("/core/store/orders/invalid", test_invalid);
  g_test_add_func ("/core/store/orders/update-delete", test_update_delete);
  g_test_add_func ("/core/store/orders/tracking-numbers", test_tracking_numbers);
  g_test_add_func ("/core/store/orders/list-large", test_list_large);
  g_test_add_func ("/core/store/orders/list-in-pages", test_list_in_pages);
  g_test_add_func ("/core/store/orders/foreach-order-page", test_foreach_order_page);
  g_test_add_func ("/core/store/transactions/nesting", test_transactions);
  g_test_add_func ("/core/store/transactions/signal", test_signal);
  g_test_add_func ("/core/store/transactions/signal-ids", test_signal_ids);
  g_test_add_func ("/core/store/orders/on-the-way", test_on_the_way);
  g_test_add_func ("/core/store/statement-cache", test_statement_cache);
  g_test_add_func ("/core/store/summaries", test_summaries);

  return g_test_run ();
}
