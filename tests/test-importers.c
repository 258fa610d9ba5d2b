/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders brought in from where they already are: other tools' export files, recognised by
 * their header; merged into the orders already stored without overwriting what the user
 * typed; reviewed before anything is written. */
#include "config.h"

#include <gio/gio.h>

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-import-plan.h"
#include "ow-import.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-parcels.h"
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

/* Each currency's own decimals: none for yen, three for dinars; grouping either way. */
static void
test_exporter_decimals (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  static const char csv[] =
    "Order Date,Order ID,Title,Qty,Price,Store,Product ID,SKU ID,Attributes,Price Info,Currency,"
    "Status,Product Url,Product Image Url,Store Url,Tags\n"
    "2026-11-01,8211968327930101,Rice cooker,2,\"¥1,234\",S,1,1,,,JPY,Completed,,,,\n"
    "2026-11-01,8211968327930102,Lamp,1,\"KWD 12.345\",S,1,1,,,KWD,Completed,,,,\n"
    "2026-11-01,8211968327930103,Mug,1,\"1 234,50 ₽\",S,1,1,,,RUB,Completed,,,,\n";
  g_autoptr(GBytes) data = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  orders = ow_import_csv_full (data, policies, OW_IMPORT_DEFAULT, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_order_get_amount (find (orders, "8211968327930101")), ==, 2 * 1234);
  g_assert_cmpstr (ow_order_get_currency (find (orders, "8211968327930101")), ==, "JPY");
  g_assert_cmpint (ow_order_get_amount (find (orders, "8211968327930102")), ==, 12345);
  g_assert_cmpint (ow_order_get_amount (find (orders, "8211968327930103")), ==, 123450);
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

/* ---- Emails ---- */

static GBytes *
mail_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "email", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* One mail's orders, no errors allowed. */
static GPtrArray *
read_mails (GBytes     *data,
            GPtrArray **records,
            GPtrArray **not_understood)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *orders;

  orders = ow_import_email (data, "mails", policies, OW_IMPORT_DEFAULT, records, not_understood,
                            NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (orders);
  return orders;
}

static void
test_email_aliexpress_mbox (void)
{
  g_autofree char *path = ow_test_db_path ("mbox");
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(GBytes) data = mail_fixture ("orders.mbox");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) orders = read_mails (data, &records, &skipped);
  g_autoptr(OwImportPlan) plan = NULL;
  g_autoptr(OwImportPlan) again = NULL;
  g_autoptr(OwOrder) stored = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_again = NULL;
  g_autofree char *origin = ow_fact_origin_new_email (iso ("2026-11-12T10:00:00Z"));

  g_assert_true (ow_import_email_detect (g_bytes_get_data (data, NULL), g_bytes_get_size (data)));
  /* Three AliExpress notices about one order, an eBay mail with an Order and a ParcelDelivery
   * of another, and a newsletter; the plan makes them two orders. */
  g_assert_cmpuint (orders->len, ==, 5);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (skipped, 0), ==,
                   "mail 3 (“Deals of the week”): not an order mail Orderwatch reads (from "
                   "newsletter@mail.aliexpress.com)");

  plan = ow_import_plan_new (store, orders, records, TRUE, &error);
  g_assert_no_error (error);
  ow_import_plan_set_n_not_understood (plan, skipped->len, 0);
  summary = ow_import_plan_describe (plan);
  g_assert_cmpstr (summary, ==, "2 orders found: 2 new, 0 updated, 0 unchanged; 1 mail not "
                                "understood");
  g_assert_true (ow_import_plan_apply (plan, &error));
  g_assert_no_error (error);

  stored = ow_store_find_order (store, "aliexpress", "8211968327931234", &error);
  g_assert_no_error (error);
  /* Each event at its mail's Date, marked as from that mail. */
  g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_SHIPPED), ==, iso ("2026-11-12T10:00:00Z"));
  g_assert_cmpstr (ow_order_get_time_origin (stored, OW_EVENT_SHIPPED), ==, origin);
  g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_DELIVERED), ==,
                   iso ("2026-11-28T15:45:00Z"));
  g_assert_cmpstr (ow_order_get_store_name (stored), ==, "Cable World Store");
  g_assert_cmpstr (ow_order_get_item_title (stored), ==, "USB-C cable, 2 m");
  g_assert_cmpint (ow_order_get_amount (stored), ==, 12793);
  /* The hand-off to a local carrier is a parcel continuing the first. */
  parcels = ow_store_list_parcels (store, ow_order_get_id (stored), &error);
  g_assert_cmpuint (parcels->len, ==, 2);
  g_assert_cmpstr (ow_parcel_get_tracking_number (g_ptr_array_index (parcels, 0)), ==,
                   "LP00123456789012");
  g_assert_cmpstr (ow_parcel_get_tracking_number (g_ptr_array_index (parcels, 1)), ==,
                   "JY26CAA0D000551012");
  g_assert_cmpint (ow_parcel_get_follows_parcel_id (g_ptr_array_index (parcels, 1)), ==,
                   ow_parcel_get_id (g_ptr_array_index (parcels, 0)));

  /* The same mailbox again: nothing new. */
  again = ow_import_plan_new (store, orders, records, TRUE, &error);
  summary_again = ow_import_plan_describe (again);
  g_assert_cmpstr (summary_again, ==, "2 orders found: 0 new, 0 updated, 2 unchanged");
}

static void
test_email_schema_org (void)
{
  g_autoptr(GBytes) jsonld = mail_fixture ("schema-order.eml");
  g_autoptr(GBytes) microdata = mail_fixture ("microdata-nested.eml");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) orders = read_mails (jsonld, &records, NULL);
  g_autoptr(GPtrArray) more = read_mails (microdata, NULL, NULL);
  OwOrderRecords *mine;
  OwOrder *order;

  /* JSON-LD in a base64 HTML part: an Order and a ParcelDelivery of the same order. */
  g_assert_cmpuint (orders->len, ==, 2);
  order = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (ow_order_get_marketplace (order), ==, "ebay");
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "12-34567-89012");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "Film camera; Lens cap");
  g_assert_cmpint (ow_order_get_quantity (order), ==, 3);
  g_assert_cmpint (ow_order_get_amount (order), ==, 4550);
  g_assert_cmpstr (ow_order_get_currency (order), ==, "EUR");
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_PLACED), ==, iso ("2026-11-02T17:00:00Z"));
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, iso ("2026-11-04T12:00:00Z"));
  mine = g_ptr_array_index (records, 1);
  g_assert_cmpuint (mine->parcels->len, ==, 1);
  g_assert_cmpstr (ow_parcel_get_tracking_number (g_ptr_array_index (mine->parcels, 0)), ==,
                   "RB123456785CN");

  /* Microdata in an HTML part three multiparts down, beside a PDF attachment. */
  g_assert_cmpuint (more->len, ==, 1);
  order = g_ptr_array_index (more, 0);
  g_assert_cmpstr (ow_order_get_marketplace (order), ==, "amazon");
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "302-1234567-1234567");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "Kettle");
  g_assert_cmpint (ow_order_get_amount (order), ==, 3198);
  g_assert_cmpstr (ow_order_get_currency (order), ==, "GBP");
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_DELIVERED), ==,
                   iso ("2026-10-26T18:00:00Z"));
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_SHIPPED));
}

/* Mails written to hurt: each reads as far as it honestly can, nothing crashes, nothing from a
 * script is believed. */
static void
test_email_hostile (void)
{
  g_autoptr(GBytes) broken = mail_fixture ("broken-mime.eml");
  g_autoptr(GBytes) cp1251 = mail_fixture ("windows-1251.eml");
  g_autoptr(GBytes) script = mail_fixture ("script.eml");
  g_autoptr(GPtrArray) from_broken = read_mails (broken, NULL, NULL);
  g_autoptr(GPtrArray) from_cp1251 = read_mails (cp1251, NULL, NULL);
  g_autoptr(GPtrArray) from_script = read_mails (script, NULL, NULL);
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) not_mail = g_bytes_new_static ("just some text\n", 15);
  g_autoptr(GPtrArray) none = NULL;
  OwOrder *order;

  /* A boundary never closed, a part in a charset nobody has, bad base64. */
  g_assert_cmpuint (from_broken->len, ==, 1);
  order = g_ptr_array_index (from_broken, 0);
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "8211968327930888");
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, iso ("2026-11-18T07:00:00Z"));

  /* windows-1251, in the subject's encoded word and the body. */
  order = g_ptr_array_index (from_cp1251, 0);
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "8211968327930501");
  g_assert_cmpstr (ow_order_get_store_name (order), ==, "Магазин Пример");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "Чехол для телефона");
  g_assert_cmpint (ow_order_get_amount (order), ==, 123450);
  g_assert_cmpstr (ow_order_get_currency (order), ==, "RUB");

  /* What the scripts write is not the mail's text. */
  g_assert_cmpuint (from_script->len, ==, 1);
  order = g_ptr_array_index (from_script, 0);
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "8211968327930777");
  g_assert_cmpstr (ow_order_get_store_name (order), ==, "Honest Store");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "Desk fan");
  g_assert_cmpint (ow_order_get_amount (order), ==, 0);

  none = ow_import_email (not_mail, "notes.txt", policies, OW_IMPORT_DEFAULT, NULL, NULL, NULL,
                          &error);
  g_assert_null (none);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "mail 1: this is not an email"));
}

/* A 20 MB mail (an attachment and a huge text part) and multiparts nested 300 deep. */
static void
test_email_huge_and_deep (void)
{
  GString *big = g_string_new ("From: AliExpress <transaction@notice.aliexpress.com>\r\n"
                               "Date: Tue, 17 Nov 2026 10:00:00 +0000\r\n"
                               "Subject: Order 8211968327930999: order shipped\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
                               "--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                               "Store: Big Store\r\n");
  GString *deep = g_string_new ("From: transaction@notice.aliexpress.com\r\n"
                                "Date: Tue, 17 Nov 2026 11:00:00 +0000\r\n"
                                "Subject: Order 8211968327930998: order shipped\r\n"
                                "MIME-Version: 1.0\r\n");
  g_autoptr(GBytes) big_data = NULL;
  g_autoptr(GBytes) deep_data = NULL;
  g_autoptr(GPtrArray) from_big = NULL;
  g_autoptr(GPtrArray) from_deep = NULL;
  gint64 started;

  for (guint i = 0; i < 100000; i++)
    g_string_append (big, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eius\r\n");
  g_string_append (big, "--big\r\nContent-Type: application/octet-stream\r\n"
                        "Content-Disposition: attachment; filename=\"photo.raw\"\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n");
  while (big->len < 20 * 1024 * 1024)
    g_string_append (big, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n");
  g_string_append (big, "--big--\r\n");
  big_data = g_string_free_to_bytes (big);

  started = g_get_monotonic_time ();
  from_big = read_mails (big_data, NULL, NULL);
  g_test_message ("20 MB mail read in %.2f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (from_big->len, ==, 1);
  g_assert_cmpstr (ow_order_get_store_name (g_ptr_array_index (from_big, 0)), ==, "Big Store");

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (deep, "Content-Type: multipart/mixed; boundary=\"b%u\"\r\n\r\n"
                                  "--b%u\r\n", i, i);
  g_string_append (deep, "Content-Type: text/plain\r\n\r\nStore: Deep Store\r\n");
  for (guint i = 300; i-- > 0;)
    g_string_append_printf (deep, "--b%u--\r\n", i);
  deep_data = g_string_free_to_bytes (deep);
  from_deep = read_mails (deep_data, NULL, NULL);
  /* The order from the subject; the text 300 levels down is not read. */
  g_assert_cmpuint (from_deep->len, ==, 1);
  g_assert_cmpstr (ow_order_get_order_number (g_ptr_array_index (from_deep, 0)), ==,
                   "8211968327930998");
  g_assert_null (ow_order_get_store_name (g_ptr_array_index (from_deep, 0)));
}

/* An email about an order typed by hand: it fills in, the typed facts stay. */
static void
test_email_merge (void)
{
  g_autofree char *path = ow_test_db_path ("email-merge");
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(GBytes) data = mail_fixture ("aliexpress-shipped.eml");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) orders = read_mails (data, &records, NULL);
  g_autoptr(OwOrder) typed = ow_order_new ();
  g_autoptr(OwOrder) after = NULL;
  g_autoptr(OwImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *changes;

  ow_order_set_order_number (typed, "8211968327931234");
  ow_order_set_item_title (typed, "Cable (typed)");
  ow_order_set_time (typed, OW_EVENT_SHIPPED, iso ("2026-11-11T10:00:00Z"), OW_FACT_USER);
  g_assert_true (ow_store_add_order (store, typed, &error));

  plan = ow_import_plan_new (store, orders, records, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_import_plan_get_kind (plan, 0), ==, OW_IMPORT_UPDATED);
  changes = ow_import_plan_get_changes (plan, 0);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "Store: Cable World Store");
  g_assert_cmpstr (g_ptr_array_index (changes, 1), ==, "Amount: 127.93 USD");
  g_assert_cmpstr (g_ptr_array_index (changes, 2), ==, "Tracking number: LP00123456789012");
  g_assert_true (ow_import_plan_apply (plan, &error));
  after = ow_store_get_order (store, ow_order_get_id (typed), &error);
  g_assert_cmpstr (ow_order_get_item_title (after), ==, "Cable (typed)");
  g_assert_cmpint (ow_order_get_time (after, OW_EVENT_SHIPPED), ==, iso ("2026-11-11T10:00:00Z"));
  g_assert_cmpint (ow_order_get_time_source (after, OW_EVENT_SHIPPED), ==, OW_FACT_USER);
}

/* ---- The command line ---- */

/* Runs `orderwatch ARGS --db DB` with ORDERWATCH_NOW; returns the exit status. */
static int
run_cli (const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_assert_nonnull (g_getenv ("ORDERWATCH_BIN"));
  g_ptr_array_add (args, (gpointer) g_getenv ("ORDERWATCH_BIN"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_NOW", "2026-12-01T12:00:00Z", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* `import --dry-run` prints the review and writes nothing; `import` writes it; `show` says
 * "date unknown" and where each fact came from. */
static void
test_cli_dry_run (void)
{
  g_autofree char *db = ow_test_db_path ("cli");
  g_autofree char *mbox = g_test_build_filename (G_TEST_DIST, "fixtures", "email", "orders.mbox",
                                                 NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                "aliexpress-exporter.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status;

  status = run_cli (db, &out, &err, "import", mbox, "--dry-run", NULL);
  g_test_message ("%s%s", out, err);
  /* A mail left out: exit status 1, and the mail named. */
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, "2 orders found: 2 new, 0 updated, 0 unchanged; 1 mail "
                                        "not understood\n"));
  g_assert_nonnull (strstr (out, "      Tracking number: JY26CAA0D000551012, continuing "
                                 "LP00123456789012\n"));
  g_assert_nonnull (strstr (out, "Nothing was written (--dry-run)."));
  g_assert_nonnull (strstr (err, "mail 3 (“Deals of the week”): not an order mail"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_cli (db, &out, &err, "list", NULL);
  g_assert_null (strstr (out, "8211968327931234"));
  g_assert_null (strstr (out, "USB-C"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The exporter's file first, then the mails fill in what it lacked. */
  status = run_cli (db, &out, &err, "import", csv, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "3 orders found: 3 new, 0 updated, 0 unchanged\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (db, &out, &err, "--json", "import", mbox, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "\"summary\" : \"2 orders found: 1 new, 1 updated, 0 unchanged; "
                                 "1 mail not understood\""));
  g_assert_nonnull (strstr (out, "\"written\" : true"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (db, &out, &err, "show", "1", NULL);
  g_test_message ("%s", out);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  Paid                     date unknown (from "
                                 "aliexpress-exporter.csv)\n"));
  g_assert_nonnull (strstr (out, "  Shipped                  2026-11-12 10:00 UTC (from an email "
                                 "of 12 Nov 2026)\n"));
  g_assert_nonnull (strstr (out, "cannot count down, the date of “Receipt confirmed” is unknown"));
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
  g_test_add_func ("/core/importers/exporter/decimals", test_exporter_decimals);
  g_test_add_func ("/core/importers/exporter/bad-rows", test_exporter_bad_rows);
  g_test_add_func ("/core/importers/merge/into-stored", test_merge_into_stored);
  g_test_add_func ("/core/importers/email/aliexpress-mbox", test_email_aliexpress_mbox);
  g_test_add_func ("/core/importers/email/schema-org", test_email_schema_org);
  g_test_add_func ("/core/importers/email/hostile", test_email_hostile);
  g_test_add_func ("/core/importers/email/huge-and-deep", test_email_huge_and_deep);
  g_test_add_func ("/core/importers/email/merge", test_email_merge);
  g_test_add_func ("/core/importers/cli/dry-run", test_cli_dry_run);

  return g_test_run ();
}
