/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders brought in from where they already are: other tools' export files, recognised by
 * their header; merged into the orders already stored without overwriting what the user
 * typed; reviewed before anything is written. */
#include "config.h"

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-import-plan.h"
#include "ow-import.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-store.h"
#include "ow-test-util.h"
#include "ow-time.h"

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gint64
iso (const char *text)
{
  gint64 time = 0;

  g_assert_true (ow_time_parse (text, NULL, "test", &time, NULL));
  return time;
}

static OwOrder *
find (GPtrArray  *orders,
      const char *number)
{
  for (guint i = 0; i < orders->len; i++)
    if (g_str_equal (ow_order_get_order_number (g_ptr_array_index (orders, i)), number))
      return g_ptr_array_index (orders, i);
  g_error ("no order %s", number);
}

static OwDeadlineState
state_of (OwPolicyRegistry *policies,
          OwOrder          *order,
          const char       *rule,
          gint64            now,
          OwOrderStatus    *status)
{
  OwPolicy *policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
  OwDeadlineSet set;

  ow_deadlines_compute (order, policy, now, &set);
  *status = set.status;
  return ow_deadlines_find (&set, rule)->state;
}

static void
test_aliexpress_exporter (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GBytes) data = fixture ("aliexpress-exporter.csv");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  OwOrderStatus status;
  OwOrder *order;

  g_assert_cmpstr (ow_import_exporter_detect (g_bytes_get_data (data, NULL),
                                              g_bytes_get_size (data)),
                   ==, "AliExpress order exporter (CSV)");
  /* Through the CSV reader, without saying which format it is. */
  orders = ow_import_csv_full (data, policies, OW_IMPORT_DEFAULT, &lines, &records, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 4);

  /* Two rows, one order listing both items; the amount is the items' sum in cents. */
  order = find (orders, "8211968327931234");
  g_assert_cmpstr (ow_order_get_marketplace (order), ==, "aliexpress");
  g_assert_cmpstr (ow_order_get_item_title (order), ==,
                   "USB-C cable, 2 m (Color: Black) ×2; Desk lamp (Plug: EU)");
  g_assert_cmpint (ow_order_get_quantity (order), ==, 3);
  g_assert_cmpint (ow_order_get_amount (order), ==, 2 * 349 + 12095);
  g_assert_cmpstr (ow_order_get_currency (order), ==, "USD");
  g_assert_cmpstr (ow_order_get_store_name (order), ==, "Cable World Store");
  /* A date alone is midnight where AliExpress counts its days. */
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_PLACED), ==, iso ("2026-11-12T08:00:00Z"));
  /* "Completed" proves receipt, payment and shipment, none of their dates. */
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_RECEIVED));
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_SHIPPED));
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_PAID));
  g_assert_false (ow_order_get_time_known (order, OW_EVENT_DELIVERED));
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_RECEIVED), ==, OW_FACT_IMPORTED);
  g_assert_cmpint (state_of (policies, order, "dispute_closes", iso ("2026-11-20T00:00:00Z"),
                             &status), ==, OW_DEADLINE_UNDATED);
  g_assert_cmpint (status, ==, OW_STATUS_COMPLETED);

  /* Polish złoty with a decimal comma; "Awaiting shipment" proves payment only. */
  order = find (orders, "8211968327935678");
  g_assert_cmpint (ow_order_get_amount (order), ==, 12946);
  g_assert_cmpstr (ow_order_get_currency (order), ==, "PLN");
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_PAID));
  g_assert_false (ow_order_get_time_known (order, OW_EVENT_SHIPPED));
  g_assert_cmpint (state_of (policies, order, "ship_by", iso ("2026-11-22T00:00:00Z"), &status),
                   ==, OW_DEADLINE_UNDATED);
  g_assert_cmpint (status, ==, OW_STATUS_AWAITING_SHIPMENT);

  /* Grouped thousands in euros; "Cancelled" is a closure at an unknown instant. */
  order = find (orders, "8211968327939999");
  g_assert_cmpint (ow_order_get_amount (order), ==, 123450);
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_CLOSED));
  g_assert_cmpint (ow_order_get_close_reason (order), ==, OW_CLOSE_CANCELLED);
  g_assert_cmpint (state_of (policies, order, "payment_due", iso ("2026-11-22T00:00:00Z"),
                             &status), ==, OW_DEADLINE_NOT_APPLICABLE);
  g_assert_cmpint (status, ==, OW_STATUS_CLOSED);
}

static void
test_downloader_tsv (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GBytes) data = fixture ("downloader.tsv");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  OwOrderRecords *mine;
  OwOrder *order;

  orders = ow_import_exporter_read (data, "/home/me/Downloads/downloader.tsv", policies,
                                    OW_IMPORT_DEFAULT, NULL, &records, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 2);

  /* Its rows are apart in the file; the order total counts, not the items' prices. */
  order = g_ptr_array_index (orders, 0);
  mine = g_ptr_array_index (records, 0);
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "8200000000000101");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "LED strip (5 m) ×2; Power supply (12 V)");
  g_assert_cmpint (ow_order_get_amount (order), ==, 1120);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_PLACED), !=, OW_TIME_UNSET);
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_SHIPPED));
  g_assert_cmpuint (mine->numbers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (mine->numbers, 0), ==, "LP00123456789012");
  /* Every fact says where it came from. */
  g_assert_cmpstr (ow_order_get_time_origin (order, OW_EVENT_SHIPPED), ==, "file downloader.tsv");
  g_assert_cmpstr (ow_order_get_time_origin (order, OW_EVENT_PLACED), ==, "file downloader.tsv");

  /* The parcel's "Delivered" proves delivery; the order's "Completed" receipt. */
  order = g_ptr_array_index (orders, 1);
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_DELIVERED));
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_RECEIVED));
}

static void
test_temu_export (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GBytes) data = fixture ("temu-export.csv");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  OwOrder *order;

  orders = ow_import_csv_full (data, policies, OW_IMPORT_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 2);
  order = find (orders, "PO-211-12345678901234");
  g_assert_cmpstr (ow_order_get_marketplace (order), ==, "temu");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "Garden hose 15 m; Hose nozzle");
  g_assert_cmpint (ow_order_get_amount (order), ==, 2048);
  /* The shipped date is a real date; no status, so nothing else is claimed. */
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, iso ("2026-09-03T04:00:00Z"));
  g_assert_false (ow_order_get_time_undated (order, OW_EVENT_SHIPPED));
  g_assert_false (ow_order_get_time_known (order, OW_EVENT_PAID));
  order = find (orders, "PO-211-98765432109876");
  g_assert_false (ow_order_get_time_known (order, OW_EVENT_SHIPPED));
}

static void
test_exporter_bad_rows (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GBytes) data = fixture ("exporter-bad-rows.csv");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;

  none = ow_import_csv_full (data, policies, OW_IMPORT_DEFAULT, NULL, NULL, &errors, &error);
  g_assert_null (none);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "line 3, column “Qty”: not a whole number from 1 to 100000 (and 1 more bad "
                   "row)");
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (errors, 1), ==,
                   "line 4, column “Price”: not an amount with its currency, such as US $12.40 "
                   "or 129,46zł");
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_clear_error (&error);

  some = ow_import_csv_full (data, policies, OW_IMPORT_SKIP_INVALID, NULL, NULL, &errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 2);
}

/* The same order again, from a file: it fills in what is unknown, never what the user typed,
 * and says so before anything is written. */
static void
test_merge_into_stored (void)
{
  g_autofree char *path = ow_test_db_path ("merge");
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(GBytes) data = fixture ("aliexpress-exporter.csv");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(OwImportPlan) plan = NULL;
  g_autoptr(OwImportPlan) again = NULL;
  g_autoptr(OwOrder) typed = ow_order_new ();
  g_autoptr(OwOrder) after = NULL;
  g_autoptr(OwOrder) meanwhile = NULL;
  g_autoptr(OwOrder) polish = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_again = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  guint index = G_MAXUINT;

  ow_order_set_order_number (typed, "8211968327931234");
  ow_order_set_store_name (typed, "The store as I call it");
  ow_order_set_time (typed, OW_EVENT_PLACED, iso ("2026-11-12T09:30:00Z"), OW_FACT_USER);
  ow_order_set_time (typed, OW_EVENT_SHIPPED, iso ("2026-11-14T10:00:00Z"), OW_FACT_USER);
  g_assert_true (ow_store_add_order (store, typed, &error));
  g_assert_no_error (error);

  orders = ow_import_exporter_read (data, "aliexpress-exporter.csv", policies, OW_IMPORT_DEFAULT,
                                    NULL, &records, NULL, &error);
  g_assert_no_error (error);
  plan = ow_import_plan_new (store, orders, records, TRUE, &error);
  g_assert_no_error (error);
  ow_import_plan_set_n_not_understood (plan, 1, 0);
  summary = ow_import_plan_describe (plan);
  g_assert_cmpstr (summary, ==, "3 orders found: 2 new, 1 updated, 0 unchanged; 1 mail not "
                                "understood");

  for (guint i = 0; i < ow_import_plan_get_n_orders (plan); i++)
    if (ow_import_plan_get_kind (plan, i) == OW_IMPORT_UPDATED)
      index = i;
  g_assert_cmpuint (index, !=, G_MAXUINT);
  for (guint c = 0; c < ow_import_plan_get_changes (plan, index)->len; c++)
    g_string_append_printf (lines, "%s\n",
                            (char *) g_ptr_array_index (ow_import_plan_get_changes (plan, index), c));
  /* The typed store, placed and shipped dates stay; the rest is filled in. */
  g_assert_cmpstr (lines->str, ==,
                   "Item: USB-C cable, 2 m (Color: Black) ×2; Desk lamp (Plug: EU)\n"
                   "Amount: 127.93 USD\n"
                   "Paid: date unknown, from aliexpress-exporter.csv\n"
                   "Receipt confirmed: date unknown, from aliexpress-exporter.csv\n");

  /* Typed meanwhile, between the review and the go-ahead: kept. */
  meanwhile = ow_store_get_order (store, ow_order_get_id (typed), &error);
  ow_order_set_time (meanwhile, OW_EVENT_RECEIVED, iso ("2026-11-25T12:00:00Z"), OW_FACT_USER);
  g_assert_true (ow_store_update_order (store, meanwhile, &error));

  g_assert_true (ow_import_plan_apply (plan, &error));
  g_assert_no_error (error);
  after = ow_store_get_order (store, ow_order_get_id (typed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ow_order_get_store_name (after), ==, "The store as I call it");
  g_assert_cmpint (ow_order_get_time (after, OW_EVENT_SHIPPED), ==, iso ("2026-11-14T10:00:00Z"));
  g_assert_cmpint (ow_order_get_time_source (after, OW_EVENT_SHIPPED), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_time (after, OW_EVENT_RECEIVED), ==, iso ("2026-11-25T12:00:00Z"));
  g_assert_true (ow_order_get_time_undated (after, OW_EVENT_PAID));
  g_assert_cmpstr (ow_order_get_time_origin (after, OW_EVENT_PAID), ==,
                   "file aliexpress-exporter.csv");
  g_assert_cmpint (ow_order_get_amount (after), ==, 12793);
  polish = ow_store_find_order (store, "aliexpress", "8211968327935678", &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_get_time_undated (polish, OW_EVENT_PAID));

  /* Once more: nothing left to fill in. */
  again = ow_import_plan_new (store, orders, records, TRUE, &error);
  g_assert_no_error (error);
  summary_again = ow_import_plan_describe (again);
  g_assert_cmpstr (summary_again, ==, "3 orders found: 0 new, 0 updated, 3 unchanged");
  g_assert_true (ow_import_plan_apply (again, &error));
  all = ow_store_list_orders (store, &error);
  g_assert_cmpuint (all->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/core/importers/exporter/aliexpress-csv", test_aliexpress_exporter);
  g_test_add_func ("/core/importers/exporter/downloader-tsv", test_downloader_tsv);
  g_test_add_func ("/core/importers/exporter/temu", test_temu_export);
  g_test_add_func ("/core/importers/exporter/bad-rows", test_exporter_bad_rows);
  g_test_add_func ("/core/importers/merge/into-stored", test_merge_into_stored);

  return g_test_run ();
}
