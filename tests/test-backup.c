/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON export as a backup: everything a store holds goes out and comes back into another
 * store as it was (real SQLite files); what CSV keeps; what a backup file may not carry. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "ow-demo.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence.h"
#include "ow-export.h"
#include "ow-import.h"
#include "ow-order-import.h"
#include "ow-order.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store-private.h"
#include "ow-store-records.h"
#include "ow-store-reminders.h"
#include "ow-test-util.h"
#include "ow-time.h"

#define NOW G_GINT64_CONSTANT (1794009600)  /* 2026-11-07T00:00:00Z */

static OwStore *
open_store (const char *name)
{
  g_autofree char *path = ow_test_db_path (name);
  g_autoptr(GError) error = NULL;
  OwStore *store = ow_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static char *
query_text (OwStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (ow_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static GBytes *
export_store (OwStore *store)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ow_store_read_everything (store, &orders, &records, &error));
  g_assert_no_error (error);
  return ow_export_json (orders, records);
}

static void
restore (GBytes  *data,
         OwStore *store)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;

  orders = ow_import_json_full (data, NULL, &records, &error);
  g_assert_no_error (error);
  added = ow_order_import (store, orders, records, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, orders->len);
}

/* The demo orders (parcels with their journeys), plus what the demo has not: a last-mile
 * parcel, a failed check, a parcel nobody picked a provider for, sent reminders, snoozes. */
static void
fill (OwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(OwParcel) follow_on = NULL;
  g_autoptr(OwParcel) unpicked = NULL;
  g_autoptr(OwParcel) failed = NULL;
  OwParcel *first = NULL;
  gint64 order_id = 0;

  g_assert_true (ow_demo_seed (store, NOW, &error));
  g_assert_no_error (error);
  orders = ow_store_list_orders (store, &error);
  for (guint i = 0; first == NULL && i < orders->len; i++)
    {
      order_id = ow_order_get_id (g_ptr_array_index (orders, i));
      g_clear_pointer (&parcels, g_ptr_array_unref);
      parcels = ow_store_list_parcels (store, order_id, &error);
      if (parcels->len > 0)
        first = g_ptr_array_index (parcels, 0);
    }
  g_assert_nonnull (first);

  follow_on = ow_parcel_new (order_id, "RR123456785CN", NULL);
  ow_parcel_set_follows_parcel_id (follow_on, ow_parcel_get_id (first));
  g_assert_true (ow_store_add_parcel (store, follow_on, &error));
  failed = ow_store_record_parcel_failure (store, ow_parcel_get_id (follow_on),
                                           "Cainiao did not answer in time", NOW, NOW + 3600,
                                           &error);
  g_assert_no_error (error);
  unpicked = ow_parcel_new (order_id, "1Z999AA10123456784", NULL);
  ow_parcel_set_provider_overridden (unpicked, TRUE);
  g_assert_true (ow_store_add_parcel (store, unpicked, &error));

  g_assert_true (ow_store_record_reminder (store, order_id, "protection_end", NOW + 86400,
                                           7 * 86400, NOW - 6 * 86400, &error));
  g_assert_true (ow_store_record_reminder (store, order_id, "protection_end", NOW + 86400,
                                           3 * 86400, NOW - 2 * 86400, &error));
  g_assert_true (ow_store_snooze (store, order_id, "protection_end", NOW + 86400, &error));
  g_assert_no_error (error);

  /* A closed dispute with its history, an open one on PayPal, and the locker's records. */
  {
    g_autoptr(OwDispute) closed = ow_dispute_new (order_id, OW_CHANNEL_MARKETPLACE);
    g_autoptr(OwDispute) open = ow_dispute_new (order_id, OW_CHANNEL_PAYPAL);
    g_autoptr(OwEvidence) photo = ow_evidence_new (order_id, OW_EVIDENCE_PHOTO, "box.jpg",
                                                   "image/jpeg", 123456,
                                                   "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822"
                                                   "cd15d6c15b0f00a08");
    g_autoptr(OwEvidence) chat = ow_evidence_new (order_id, OW_EVIDENCE_MESSAGE, "chat.png",
                                                  "image/png", 2048,
                                                  "60303ae22b998861bce3b28f33eec1be758a213c86c93c0"
                                                  "76dbe9f558c11c752");

    ow_dispute_set_reason (closed, "not_received_overdue");
    ow_dispute_set_solution (closed, OW_SOLUTION_REFUND_ONLY);
    ow_dispute_set_amount (closed, 499);
    ow_dispute_set_description (closed, "Never came");
    ow_dispute_append_step (closed, OW_STEP_OPENED, NOW - 9 * 86400, 0, NULL);
    ow_dispute_append_step (closed, OW_STEP_SELLER_PROPOSED, NOW - 8 * 86400, 250, "Half");
    ow_dispute_append_step (closed, OW_STEP_PROPOSAL_REJECTED, NOW - 7 * 86400, 0, NULL);
    ow_dispute_append_step (closed, OW_STEP_CLOSED, NOW - 5 * 86400, 0, "withdrawn");
    g_assert_true (ow_store_add_dispute (store, closed, &error));
    ow_dispute_set_reason (open, "not_received_overdue");
    ow_dispute_set_solution (open, OW_SOLUTION_RETURN_GOODS);
    ow_dispute_set_amount (open, 499);
    ow_dispute_append_step (open, OW_STEP_OPENED, NOW - 4 * 86400, 0, NULL);
    g_assert_true (ow_store_add_dispute (store, open, &error));
    ow_evidence_set_note (photo, "The empty box");
    ow_evidence_set_added_at (photo, NOW - 9 * 86400);
    g_assert_true (ow_store_add_evidence (store, photo, &error));
    g_assert_true (ow_store_add_evidence (store, chat, &error));
    g_assert_no_error (error);
  }
}

static void
test_restores_exactly (void)
{
  g_autoptr(OwStore) store = open_store ("original");
  g_autoptr(OwStore) copy = open_store ("restored");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  static const char * const counts[] = {
    "SELECT count(*) FROM parcels",
    "SELECT count(*) FROM parcels WHERE follows_parcel_id IS NOT NULL",
    "SELECT count(*) FROM tracking_events",
    "SELECT count(*) FROM reminders_sent",
    "SELECT count(*) FROM snoozes",
    /* Everything but the ids, which a fresh file gives anew. */
    "SELECT group_concat (row, '|') FROM (SELECT o.order_number || ':' || p.tracking_number "
    "|| ':' || ifnull (p.provider, '-') || ':' || p.provider_overridden || ':' || p.status || "
    "':' || ifnull (p.raw_status, '-') || ':' || ifnull (p.carrier, '-') || ':' || "
    "ifnull (p.last_check, '-') || ':' || ifnull (p.next_check, '-') || ':' || "
    "ifnull (p.last_movement, '-') || ':' || ifnull (p.delivered_at, '-') || ':' || "
    "p.failures || ':' || ifnull (p.last_error, '-') || ':' || p.created_at || ':' || "
    "ifnull ((SELECT tracking_number FROM parcels f WHERE f.id = p.follows_parcel_id), '-') "
    "AS row FROM parcels p JOIN orders o ON o.id = p.order_id ORDER BY o.order_number, "
    "p.tracking_number)",
    "SELECT group_concat (row, '|') FROM (SELECT p.tracking_number || ':' || e.time || ':' || "
    "e.event_key || ':' || e.description || ':' || ifnull (e.location, '-') || ':' || "
    "ifnull (e.status, '-') AS row FROM tracking_events e JOIN parcels p ON p.id = e.parcel_id "
    "ORDER BY p.tracking_number, e.time, e.event_key)",
    "SELECT group_concat (row, '|') FROM (SELECT kind || ':' || due || ':' || before || ':' || "
    "sent_at AS row FROM reminders_sent ORDER BY kind, due, before)",
    "SELECT group_concat (kind || ':' || until, '|') FROM snoozes",
    "SELECT group_concat (row, '|') FROM (SELECT channel || ':' || reason || ':' || solution || "
    "':' || amount || ':' || ifnull (description, '-') || ':' || open AS row FROM disputes "
    "ORDER BY channel)",
    "SELECT group_concat (row, '|') FROM (SELECT d.channel || ':' || s.kind || ':' || s.at || "
    "':' || ifnull (s.amount, '-') || ':' || ifnull (s.text, '-') AS row FROM dispute_steps s "
    "JOIN disputes d ON d.id = s.dispute_id ORDER BY d.channel, s.id)",
    "SELECT group_concat (row, '|') FROM (SELECT kind || ':' || original_name || ':' || "
    "media_type || ':' || size || ':' || sha256 || ':' || ifnull (note, '-') || ':' || added_at "
    "AS row FROM evidence ORDER BY id)",
  };

  fill (store);
  first = export_store (store);
  /* Not trivially equal: the backup holds the tracking state. */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), -1, "\"code\": \"GTMS_"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), -1,
                                  "\"follows\": \"LP"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), -1,
                                  "\"last_error\": \"Cainiao did not answer in time\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), -1,
                                  "\"kind\": \"seller_proposed\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), -1,
                                  "\"original_name\": \"box.jpg\""));

  restore (first, copy);
  second = export_store (copy);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                   g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *a = query_text (store, counts[i]);
      g_autofree char *b = query_text (copy, counts[i]);

      g_assert_cmpstr (a, ==, b);
    }
  {
    g_autofree char *n = query_text (copy, counts[1]);

    g_assert_cmpstr (n, ==, "1");
  }
}

/* The JSON written directly must be the tree the builders make, records included. */
static void
test_matches_builder (void)
{
  g_autoptr(OwStore) store = open_store ("builder");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  fill (store);
  g_assert_true (ow_store_read_everything (store, &orders, &records, &error));
  data = ow_export_json (orders, records);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (data, NULL),
                                             g_bytes_get_size (data), &error));
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "orders");
  g_assert_cmpuint (json_array_get_length (array), ==, orders->len);

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      gint64 id = ow_order_get_id (order);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) built = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *a = NULL, *b = NULL;

      g_autoptr(OwJsonWriter) writer = ow_json_writer_new_for_builder (builder);

      ow_json_writer_begin_object (writer);
      ow_export_order_members (order, writer);
      ow_export_records_members (g_hash_table_lookup (records, &id), writer);
      ow_json_writer_end_object (writer);
      built = json_builder_get_root (builder);
      json_generator_set_root (generator, built);
      a = json_generator_to_data (generator, NULL);
      json_generator_set_root (generator, json_array_get_element (array, i));
      b = json_generator_to_data (generator, NULL);
      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_version_1 (void)
{
  const char *text = "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": "
                     "[{\"order_number\": \"8100\", \"item\": \"Lamp\"}]}";
  g_autoptr(GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  /* Files from before parcels were exported still read. */
  orders = ow_import_json_full (data, NULL, &records, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 1);
  g_assert_true (ow_order_records_is_empty (g_ptr_array_index (records, 0)));
}

static void
test_bad_records (void)
{
  g_autofree char *long_text = g_strnfill (OW_TRACKING_TEXT_MAX + 1, 'x');
  g_autofree char *long_kind = g_strnfill (65, 'k');
  g_autofree char *long_status = g_strdup_printf ("\"parcels\": [{\"tracking_number\": "
                                                  "\"LP00123456789012\", \"raw_status\": "
                                                  "\"%s\"}]", long_text);
  g_autofree char *long_snooze = g_strdup_printf ("\"snoozes\": [{\"kind\": \"%s\", \"until\": "
                                                  "\"2026-11-08T00:00:00Z\"}]", long_kind);
  const struct { const char *members; const char *message; } cases[] = {
    { "\"parcels\": {}", "parcels: must be an array" },
    { "\"parcels\": [{}]", "parcels[0].tracking_number: is required" },
    { "\"parcels\": [{\"tracking_number\": \"x!\"}]", "parcels[0].tracking_number:" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\", \"status\": \"Lost\"}]",
      "parcels[0].status: is not a tracking status" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\", \"provider\": \"dhl\"}]",
      "parcels[0].provider:" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\"}, "
      "{\"tracking_number\": \"lp00123456789012\"}]",
      "parcels[1]: the order has this tracking number twice" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\", \"follows\": "
      "\"LP00000000000000\"}]", "parcels[0].follows: must be the tracking number" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\", \"events\": "
      "[{\"time\": \"2026-11-01T00:00:00Z\"}]}]", "parcels[0].events[0].description: is required" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\", \"events\": "
      "[{\"description\": \"Left\"}]}]", "parcels[0].events[0].time: is required" },
    { "\"parcels\": [{\"tracking_number\": \"LP00123456789012\", \"failures\": -1}]",
      "failures: must be a whole number from 0" },
    { long_status, "parcels[0].raw_status: use at most 1000 characters" },
    { "\"reminders_sent\": [{\"kind\": \"ship_by\", \"before\": 3600}]",
      "reminders_sent[0]: needs kind, due, before and sent_at" },
    { long_snooze, "snoozes[0].kind: use at most 64 characters" },
    { "\"disputes\": [{\"channel\": \"fax\"}]", "disputes[0].channel: must be marketplace" },
    { "\"disputes\": [{\"channel\": \"paypal\", \"reason\": \"x\", \"solution\": "
      "\"refund_only\", \"amount_minor\": 5, \"history\": [{\"kind\": \"shouted\"}]}]",
      "disputes[0].history[0].kind: is not a step" },
    { "\"evidence\": [{\"kind\": \"photo\", \"original_name\": \"a.jpg\", \"media_type\": "
      "\"image/jpeg\", \"size\": 1, \"sha256\": \"../../etc/passwd\", \"added_at\": "
      "\"2026-11-01T00:00:00Z\"}]", "evidence[0].sha256: must be 64 lower-case" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"orderwatch\", \"version\": 2, "
                                               "\"orders\": [{\"order_number\": \"8100\", %s}]}",
                                               cases[i].members);
      g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) orders = NULL;
      g_autoptr(GError) error = NULL;

      orders = ow_import_json_full (data, NULL, &records, &error);
      g_assert_null (orders);
      g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
      g_assert_true (g_str_has_prefix (error->message, "order 1 (8100), "));
    }
}

static void
test_csv_tracking (void)
{
  g_autoptr(OwStore) store = open_store ("csv-out");
  g_autoptr(OwStore) copy = open_store ("csv-in");
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GPtrArray) read_records = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  const char *numbers[] = { "LP00123456789012", "RR123456785CN" };
  g_autofree char *text = NULL;

  ow_order_set_order_number (order, "8100");
  g_assert_true (ow_store_add_order (store, order, &error));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(OwParcel) parcel = ow_parcel_new (ow_order_get_id (order), numbers[i],
                                                  OW_PROVIDER_CAINIAO);

      g_assert_true (ow_store_add_parcel (store, parcel, &error));
    }

  g_assert_true (ow_store_read_everything (store, &orders, &records, &error));
  csv = ow_export_csv (orders, records);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_nonnull (strstr (text, ",archived,tracking\r\n"));
  g_assert_nonnull (strstr (text, ",no,LP00123456789012 RR123456785CN\r\n"));

  /* Back in: the numbers become parcels, given a provider as typed ones are. */
  g_clear_pointer (&orders, g_ptr_array_unref);
  orders = ow_import_csv_full (csv, NULL, OW_IMPORT_DEFAULT, NULL, &read_records, NULL, &error);
  g_assert_no_error (error);
  added = ow_order_import (copy, orders, read_records, FALSE, NULL, &error);
  g_assert_no_error (error);
  parcels = ow_store_list_parcels (copy, ow_order_get_id (g_ptr_array_index (added, 0)), &error);
  g_assert_cmpuint (parcels->len, ==, 2);
  for (guint i = 0; i < parcels->len; i++)
    {
      g_assert_cmpstr (ow_parcel_get_tracking_number (g_ptr_array_index (parcels, i)), ==,
                       numbers[i]);
      g_assert_cmpstr (ow_parcel_get_provider (g_ptr_array_index (parcels, i)), ==,
                       OW_PROVIDER_CAINIAO);
    }

  /* A bad number is reported by line and column. */
  {
    const char *bad = "order_number,tracking\n8101,LP001 RR123456789CN\n";
    g_autoptr(GBytes) data = g_bytes_new_static (bad, strlen (bad));
    g_autoptr(GPtrArray) none = ow_import_csv_full (data, NULL, OW_IMPORT_DEFAULT, NULL, NULL,
                                                    NULL, &error);

    g_assert_null (none);
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "line 2, column tracking: "));
  }
}

static void
test_import_existing (void)
{
  g_autoptr(OwStore) store = open_store ("existing");
  g_autoptr(OwStore) source = open_store ("source");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GArray) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n_parcels = NULL;
  g_autofree char *n_orders = NULL;
  g_autoptr(OwOrder) taken = NULL;

  fill (source);
  data = export_store (source);
  orders = ow_import_json_full (data, NULL, &records, &error);
  g_assert_no_error (error);

  /* One of them is there already: all or nothing. */
  taken = ow_order_copy (g_ptr_array_index (orders, 3));
  ow_order_set_id (taken, 0);
  g_assert_true (ow_store_add_order (store, taken, &error));
  added = ow_order_import (store, orders, records, FALSE, &existing, &error);
  g_assert_null (added);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE);
  g_assert_cmpuint (existing->len, ==, 1);
  g_assert_cmpuint (g_array_index (existing, guint, 0), ==, 3);
  n_orders = query_text (store, "SELECT count(*) FROM orders");
  n_parcels = query_text (store, "SELECT count(*) FROM parcels");
  g_assert_cmpstr (n_orders, ==, "1");
  g_assert_cmpstr (n_parcels, ==, "0");
  g_clear_error (&error);
  g_clear_pointer (&existing, g_array_unref);

  /* Left out when asked: the others come in with their parcels. */
  added = ow_order_import (store, orders, records, TRUE, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, orders->len - 1);
  g_assert_cmpuint (existing->len, ==, 1);
  g_clear_pointer (&n_parcels, g_free);
  n_parcels = query_text (store, "SELECT count(*) FROM parcels");
  g_assert_cmpstr (n_parcels, !=, "0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/backup/json/restores-exactly", test_restores_exactly);
  g_test_add_func ("/core/backup/json/matches-builder", test_matches_builder);
  g_test_add_func ("/core/backup/json/version-1", test_version_1);
  g_test_add_func ("/core/backup/json/bad-records", test_bad_records);
  g_test_add_func ("/core/backup/csv/tracking-numbers", test_csv_tracking);
  g_test_add_func ("/core/backup/import/existing", test_import_existing);

  return g_test_run ();
}
