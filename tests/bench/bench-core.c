/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core with 100,000 orders: storing, loading into the list model, deadlines, search,
 * export and import, each next to a baseline measured in the same run. Prints figures;
 * never fails on a slow one. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ow-core-resources.h"
#include "ow-deadlines.h"
#include "ow-export.h"
#include "ow-import.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-time.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

static guint n_orders = 100000;

static const char *titles[] = {
  "Wireless earbuds with charging case", "USB-C cable 2 m, 3 pack", "Mechanical keyboard 75%",
  "LED strip 5 m, RGB", "Soldering iron kit 60 W", "Camping lantern, rechargeable",
  "Phone tripod with remote", "Stainless steel water bottle", "Silicone baking mats",
  "Bike light set", "Smart watch band", "Écouteurs sans fil", "Kids' puzzle 500 pieces",
  "Car phone holder", "Memory card 128 GB", "Yoga mat 6 mm", "Desk lamp with clamp",
  "Electric toothbrush heads", "Wool socks, 5 pairs", "Power bank 20000 mAh",
};

static const char *stores[] = {
  "SoundWave Official Store", "CableWorks Store", "Keyforge Store", "Bright Home Store",
  "Maker Tools Store", "Outdoor Gear Store", "Snap Accessories", "Kitchen Joy", "Ride Safe",
  "Tech Bits Outlet", "Happy Kids Shop", "Daily Deals", "Cozy Feet", "Volt Station",
};

/* Weighted: most orders come from AliExpress. */
static const char *markets[] = {
  "aliexpress", "aliexpress", "aliexpress", "aliexpress", "ebay", "amazon", "temu",
};

typedef enum
{
  STAGE_UNPAID, STAGE_PAID, STAGE_CANCEL_REQUESTED, STAGE_SHIPPED, STAGE_DELIVERED,
  STAGE_RECEIVED, STAGE_DISPUTE, STAGE_RETURN, STAGE_CLOSED, STAGE_REFUNDED, N_STAGES
} Stage;

/* Orders in every state, spread over the last year, the same for the same seed. */
static GPtrArray *
make_orders (guint  n,
             gint64 now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  GPtrArray *orders = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      OwOrder *order = ow_order_new ();
      const char *market = markets[g_rand_int_range (rand, 0, G_N_ELEMENTS (markets))];
      Stage stage = g_rand_int_range (rand, 0, N_STAGES);
      gint64 placed = now - g_rand_int_range (rand, HOUR, 365 * DAY);
      gint64 paid = placed + g_rand_int_range (rand, 60, 6 * HOUR);
      gint64 shipped = paid + g_rand_int_range (rand, HOUR, 8 * DAY);
      gint64 delivered = shipped + g_rand_int_range (rand, 5 * DAY, 40 * DAY);
      g_autofree char *number = NULL;

      if (g_str_equal (market, "aliexpress"))
        number = g_strdup_printf ("81%06u%08d", i, g_rand_int_range (rand, 0, 99999999));
      else if (g_str_equal (market, "ebay"))
        number = g_strdup_printf ("%02d-%05u-%05d", g_rand_int_range (rand, 10, 28), i,
                                  g_rand_int_range (rand, 10000, 99999));
      else if (g_str_equal (market, "amazon"))
        number = g_strdup_printf ("302-%07u-%07d", i, g_rand_int_range (rand, 0, 9999999));
      else
        number = g_strdup_printf ("PO-211-%08u", i);

      ow_order_set_marketplace (order, market);
      ow_order_set_order_number (order, number);
      ow_order_set_item_title (order, titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
      ow_order_set_store_name (order, stores[g_rand_int_range (rand, 0, G_N_ELEMENTS (stores))]);
      ow_order_set_quantity (order, g_rand_int_range (rand, 1, 4));
      ow_order_set_amount (order, g_rand_int_range (rand, 99, 25000));
      ow_order_set_currency (order, g_rand_boolean (rand) ? "USD" : "EUR");
      ow_order_set_payment_method (order, g_rand_int_range (rand, 0, 4));
      ow_order_set_processing_days (order, g_rand_int_range (rand, 0, 11));
      ow_order_set_delivery_days (order, g_rand_boolean (rand) ? 0 : 60 + 15 * (i % 3));
      ow_order_set_time (order, OW_EVENT_PLACED, placed, OW_FACT_USER);

      if (stage != STAGE_UNPAID)
        ow_order_set_time (order, OW_EVENT_PAID, paid, OW_FACT_USER);
      if (stage == STAGE_CANCEL_REQUESTED)
        ow_order_set_time (order, OW_EVENT_CANCEL_REQUESTED, paid + HOUR, OW_FACT_USER);
      if (stage >= STAGE_SHIPPED && stage != STAGE_CLOSED)
        ow_order_set_time (order, OW_EVENT_SHIPPED, shipped, OW_FACT_USER);
      if (stage >= STAGE_DELIVERED && stage != STAGE_CLOSED)
        ow_order_set_time (order, OW_EVENT_DELIVERED, delivered, OW_FACT_INFERRED);
      if (stage == STAGE_RECEIVED || stage == STAGE_REFUNDED)
        ow_order_set_time (order, OW_EVENT_RECEIVED, delivered + DAY, OW_FACT_USER);
      if (stage == STAGE_DISPUTE || stage == STAGE_RETURN || stage == STAGE_REFUNDED)
        ow_order_set_time (order, OW_EVENT_DISPUTE_OPENED, delivered + 2 * DAY, OW_FACT_USER);
      if (stage == STAGE_RETURN)
        ow_order_set_time (order, OW_EVENT_RETURN_AGREED, delivered + 4 * DAY, OW_FACT_USER);
      if (stage == STAGE_CLOSED)
        {
          ow_order_set_time (order, OW_EVENT_CLOSED, paid + 2 * DAY, OW_FACT_USER);
          ow_order_set_close_reason (order, 1 + i % 6);
        }
      if (stage == STAGE_REFUNDED)
        {
          ow_order_set_time (order, OW_EVENT_CLOSED, delivered + 9 * DAY, OW_FACT_USER);
          ow_order_set_time (order, OW_EVENT_REFUNDED, delivered + 12 * DAY, OW_FACT_USER);
          ow_order_set_close_reason (order, OW_CLOSE_DISPUTE_REFUNDED);
        }
      if (stage >= STAGE_SHIPPED && stage != STAGE_CLOSED && i % 10 == 0)
        {
          OwExtension x = { shipped + 30 * DAY, 15, i % 20 ? OW_EXTENSION_APPROVED
                                                           : OW_EXTENSION_PENDING };
          ow_order_add_extension (order, &x);
        }
      if (i % 7 == 0)
        ow_order_set_notes (order, "Asked the seller about the tracking number.");
      /* Old finished orders get archived. */
      if ((stage == STAGE_RECEIVED || stage == STAGE_CLOSED) && placed < now - 200 * DAY)
        ow_order_set_archived (order, TRUE);

      g_ptr_array_add (orders, order);
    }

  return orders;
}

/* CPU time of the process at the last clock start: with other work on the machine the wall
 * time alone says little, so each row shows both. */
static double cpu_start_ms;

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static gint64
clock_start (void)
{
  cpu_start_ms = cpu_ms ();
  return g_get_monotonic_time ();
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
row (const char *what,
     double      ms,
     const char *comment)
{
  printf ("  %-44s %9.1f ms %9.1f ms   %s\n", what, ms, cpu_ms () - cpu_start_ms,
          comment ? comment : "");
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
}

/* The baseline: the same rows through bare sqlite3 prepared statements, one transaction,
 * same schema and pragmas. Values are read from the orders before the clock starts. */
typedef struct
{
  const char *text[8];
  gint64      ints[5];
  gint64      times[OW_N_EVENTS];
  gint64      inferred;
  const char *close_reason;
  const OwOrder *order;
} BaselineRow;

static double
run_baseline (const char *path,
              GPtrArray  *orders)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *schema_sql = NULL;
  g_autofree BaselineRow *rows = g_new0 (BaselineRow, orders->len);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL, *extension = NULL;
  gint64 start, now = ow_time_now ();
  double ms;

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      BaselineRow *r = &rows[i];
      OwCloseReason reason = ow_order_get_close_reason (order);

      r->order = order;
      r->text[0] = ow_order_get_marketplace (order);
      r->text[1] = ow_order_get_order_number (order);
      r->text[2] = ow_order_get_store_name (order);
      r->text[3] = ow_order_get_item_title (order);
      r->text[4] = ow_order_get_currency (order);
      r->text[5] = ow_payment_method_to_string (ow_order_get_payment_method (order));
      r->text[6] = ow_order_get_notes (order);
      r->ints[0] = ow_order_get_quantity (order);
      r->ints[1] = ow_order_get_amount (order);
      r->ints[2] = ow_order_get_processing_days (order);
      r->ints[3] = ow_order_get_delivery_days (order);
      r->ints[4] = ow_order_get_archived (order);
      for (guint e = 0; e < OW_N_EVENTS; e++)
        {
          r->times[e] = ow_order_get_time (order, e);
          if (ow_order_get_time_source (order, e) == OW_FACT_INFERRED)
            r->inferred |= 1 << e;
        }
      r->close_reason = reason ? ow_close_reason_to_string (reason) : NULL;
    }

  schema = g_resource_lookup_data (ow_core_get_resource (),
                                   "/io/github/orderwatch/Orderwatch/schema/001-initial.sql",
                                   0, NULL);
  schema_sql = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                   "PRAGMA foreign_keys = ON;");
  exec_or_die (db, schema_sql);
  g_assert (sqlite3_prepare_v2 (db,
    "INSERT INTO orders (marketplace, order_number, store_name, item_title, quantity, amount, "
    "currency, payment_method, placed_at, paid_at, shipped_at, delivered_at, received_at, "
    "cancel_requested_at, dispute_opened_at, return_agreed_at, closed_at, refunded_at, "
    "inferred_facts, close_reason, processing_days, delivery_days, notes, archived, "
    "modified_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)", -1, &insert, NULL)
    == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "INSERT INTO extensions (order_id, requested_at, days, "
                                    "state) VALUES (?1, ?2, ?3, ?4)", -1, &extension, NULL)
            == SQLITE_OK);

  start = clock_start ();
  exec_or_die (db, "BEGIN");
  for (guint i = 0; i < orders->len; i++)
    {
      BaselineRow *r = &rows[i];
      OwOrder *order = (OwOrder *) r->order;
      gint64 id;

      sqlite3_bind_text (insert, 1, r->text[0], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, r->text[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, r->text[2], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, r->text[3], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 5, r->ints[0]);
      sqlite3_bind_int64 (insert, 6, r->ints[1]);
      sqlite3_bind_text (insert, 7, r->text[4], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, r->text[5], -1, SQLITE_STATIC);
      for (guint e = 0; e < OW_N_EVENTS; e++)
        if (r->times[e] != OW_TIME_UNSET)
          sqlite3_bind_int64 (insert, 9 + e, r->times[e]);
        else
          sqlite3_bind_null (insert, 9 + e);
      sqlite3_bind_int64 (insert, 19, r->inferred);
      sqlite3_bind_text (insert, 20, r->close_reason, -1, SQLITE_STATIC);
      if (r->ints[2] > 0)
        sqlite3_bind_int64 (insert, 21, r->ints[2]);
      else
        sqlite3_bind_null (insert, 21);
      if (r->ints[3] > 0)
        sqlite3_bind_int64 (insert, 22, r->ints[3]);
      else
        sqlite3_bind_null (insert, 22);
      sqlite3_bind_text (insert, 23, r->text[6], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 24, r->ints[4]);
      sqlite3_bind_int64 (insert, 25, now);
      sqlite3_bind_int64 (insert, 26, now);
      g_assert (sqlite3_step (insert) == SQLITE_DONE);
      sqlite3_reset (insert);
      id = sqlite3_last_insert_rowid (db);

      /* Extensions are few; reading them here costs next to nothing. */
      for (guint x = 0; x < ow_order_get_n_extensions (order); x++)
        {
          const OwExtension *ext = ow_order_get_extension (order, x);

          sqlite3_bind_int64 (extension, 1, id);
          sqlite3_bind_int64 (extension, 2, ext->requested_at);
          sqlite3_bind_int (extension, 3, ext->days);
          sqlite3_bind_text (extension, 4, ow_extension_state_to_string (ext->state), -1,
                             SQLITE_STATIC);
          g_assert (sqlite3_step (extension) == SQLITE_DONE);
          sqlite3_reset (extension);
        }
    }
  exec_or_die (db, "COMMIT");
  ms = ms_since (start);

  sqlite3_finalize (insert);
  sqlite3_finalize (extension);
  sqlite3_close (db);
  return ms;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static char *
ratio_text (double ms,
            double baseline,
            double goal)
{
  return g_strdup_printf ("%.2fx baseline (goal <= %.0fx)%s", ms / baseline, goal,
                          ms / baseline <= goal ? "" : "  ** SLOWER THAN GOAL **");
}

static char *
goal_text (double ms,
           double goal_ms)
{
  return g_strdup_printf ("goal < %.0f ms%s", goal_ms,
                          ms < goal_ms ? "" : "  ** SLOWER THAN GOAL **");
}

static void
remove_db (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(OwPolicyRegistry) policies = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(OwOrderList) list = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *baseline_path = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *text = NULL;
  static const char *queries[] = { "earbuds", "81000042", "LANTERN store", "zzz-no-match" };
  gint64 now = ow_time_now ();
  gint64 start;
  double baseline, ms;

  if (argc > 1)
    n_orders = MAX (1, atoi (argv[1]));

  dir = g_dir_make_tmp ("orderwatch-bench-XXXXXX", &error);
  g_assert_no_error (error);
  baseline_path = g_build_filename (dir, "baseline.db", NULL);
  store_path = g_build_filename (dir, "store.db", NULL);
  import_path = g_build_filename (dir, "import.db", NULL);

  policies = ow_policy_registry_new ();
  orders = make_orders (n_orders, now);

  printf ("Orderwatch core benchmark: %u orders (aliexpress, ebay, amazon, temu; every state)\n"
          "SQLite %s, files in %s\n\n", n_orders, sqlite3_libversion (), dir);
  printf ("  %-44s %12s %12s   %s\n", "step", "wall", "cpu", "compared with (wall)");

  /* Storing */
  baseline = run_baseline (baseline_path, orders);
  row ("baseline: bare sqlite3 inserts, 1 transaction", baseline, "(baseline)");

  store = ow_store_open (store_path, &error);
  g_assert_no_error (error);
  start = clock_start ();
  if (!ow_store_add_orders (store, orders, &error))
    g_error ("%s", error->message);
  ms = ms_since (start);
  text = ratio_text (ms, baseline, 3);
  row ("ow_store_add_orders, 1 transaction", ms, text);
  g_clear_object (&store);

  /* Loading */
  start = clock_start ();
  store = ow_store_open (store_path, &error);
  g_assert_no_error (error);
  loaded = ow_store_list_orders (store, &error);
  g_assert_no_error (error);
  row ("open + ow_store_list_orders", ms_since (start), "goal < 200 ms");
  g_clear_object (&store);

  start = clock_start ();
  store = ow_store_open (store_path, &error);
  g_assert_no_error (error);
  list = ow_order_list_new (store, policies);
  ms = ms_since (start);
  g_free (text);
  text = goal_text (ms, 300);
  row ("open + ow_order_list_new (model ready)", ms, text);
  printf ("  %-44s %9.1f MiB (the generated and the loaded orders, the model)\n",
          "peak RSS so far", peak_rss_mib ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_orders);

  /* Deadlines alone */
  start = clock_start ();
  {
    OwDeadlineSet set;
    guint needs_action = 0;

    for (guint i = 0; i < loaded->len; i++)
      {
        OwOrder *order = g_ptr_array_index (loaded, i);
        OwPolicy *policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));

        if (policy == NULL)
          continue;
        ow_deadlines_compute (order, policy, now, &set);
        needs_action += set.needs_action;
      }
    ms = ms_since (start);
    g_free (text);
    text = g_strdup_printf ("%s (%u need action)", goal_text (ms, 100), needs_action);
    row ("ow_deadlines_compute, every order", ms, text);
  }

  start = clock_start ();
  ow_order_list_set_now (list, now + DAY);
  row ("ow_order_list_set_now (+1 day, re-sort)", ms_since (start), NULL);

  /* Search: the first query casefolds every order once. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *what = g_strdup_printf ("search \"%s\"", queries[i]);
      g_autofree char *found = NULL;

      start = clock_start ();
      ow_order_list_set_search (list, queries[i]);
      ms = ms_since (start);
      found = g_strdup_printf ("%u found%s", g_list_model_get_n_items (G_LIST_MODEL (list)),
                               i == 0 ? ", builds the search text" : "");
      row (what, ms, found);
    }
  start = clock_start ();
  ow_order_list_set_search (list, NULL);
  ow_order_list_set_filter (list, OW_FILTER_NEEDS_ACTION);
  row ("clear search, Needs action tab", ms_since (start), NULL);
  g_clear_object (&list);
  g_clear_object (&store);

  /* Export and import */
  {
    g_autoptr(GBytes) json = NULL;
    g_autoptr(GBytes) csv = NULL;
    g_autoptr(GPtrArray) imported = NULL;
    g_autoptr(OwStore) import_store = NULL;
    double parse_ms;

    start = clock_start ();
    json = ow_export_json (loaded, NULL);
    ms = ms_since (start);
    g_free (text);
    text = g_strdup_printf ("%.1f MB", g_bytes_get_size (json) / 1e6);
    row ("ow_export_json", ms, text);

    start = clock_start ();
    csv = ow_export_csv (loaded, NULL);
    ms = ms_since (start);
    g_free (text);
    text = g_strdup_printf ("%.1f MB", g_bytes_get_size (csv) / 1e6);
    row ("ow_export_csv", ms, text);

    import_store = ow_store_open (import_path, &error);
    g_assert_no_error (error);
    start = clock_start ();
    imported = ow_import_csv (csv, FALSE, NULL, &error);
    if (imported == NULL)
      g_error ("%s", error->message);
    parse_ms = ms_since (start);
    if (!ow_store_add_orders (import_store, imported, &error))
      g_error ("%s", error->message);
    ms = ms_since (start);
    g_free (text);
    text = g_strdup_printf ("parse %.0f ms; ", parse_ms);
    {
      g_autofree char *ratio = ratio_text (ms, baseline, 3);
      g_autofree char *both = g_strconcat (text, ratio, NULL);

      row ("CSV import (parse + store)", ms, both);
    }
  }

  printf ("\n  peak RSS: %.1f MiB (the orders held twice: generated and loaded, plus the exports)\n",
          peak_rss_mib ());

  /* ORDERWATCH_BENCH_KEEP=1 keeps the files for a closer look. */
  if (g_getenv ("ORDERWATCH_BENCH_KEEP") == NULL)
    {
      remove_db (baseline_path);
      remove_db (store_path);
      remove_db (import_path);
      g_rmdir (dir);
    }
  return 0;
}
