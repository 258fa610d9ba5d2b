/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OwTrackingClient against a real HTTP server on 127.0.0.1 that answers in Cainiao's
 * and 17TRACK's formats, with a real SQLite store in a temporary directory. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-test-server.h"
#include "ow-test-util.h"
#include "ow-time.h"
#include "ow-tracking-17track.h"
#include "ow-tracking-client.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct
{
  OwTestServer      *server;
  OwStore           *store;
  OwTrackingClient  *client;
  GMainLoop         *loop;
  OwTrackingSummary *summary;
  GError            *error;
  guint              n_orders;
  guint              last_done;
  guint              last_total;
  guint              n_blocked;
  char              *blocked_provider;
} Fixture;

static void
on_progress_cb (OwTrackingClient *client,
                guint             done,
                guint             total,
                Fixture          *fixture)
{
  g_assert_cmpuint (done, <=, total);
  /* Monotonic within a refresh; a queued refresh starts again at 0. */
  if (done > 0)
    g_assert_cmpuint (done, >=, fixture->last_done);
  fixture->last_done = done;
  fixture->last_total = total;
}

static void
on_provider_blocked_cb (OwTrackingClient *client,
                        const char       *provider,
                        const char       *message,
                        Fixture          *fixture)
{
  g_assert_nonnull (message);
  fixture->n_blocked++;
  g_free (fixture->blocked_provider);
  fixture->blocked_provider = g_strdup (provider);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = ow_test_db_path ("tracking");
  g_autoptr(GError) error = NULL;

  fixture->server = ow_test_server_new ();
  fixture->store = ow_store_open (path, &error);
  g_assert_no_error (error);
  fixture->client = ow_tracking_client_new (fixture->store);
  ow_tracking_client_set_base_url (fixture->client, OW_PROVIDER_CAINIAO,
                                   ow_test_server_get_url (fixture->server));
  ow_tracking_client_set_base_url (fixture->client, OW_PROVIDER_17TRACK,
                                   ow_test_server_get_url (fixture->server));
  ow_tracking_client_set_api_key (fixture->client, "test-key");
  fixture->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (fixture->client, "progress", G_CALLBACK (on_progress_cb), fixture);
  g_signal_connect (fixture->client, "provider-blocked", G_CALLBACK (on_provider_blocked_cb),
                    fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->summary, ow_tracking_summary_free);
  g_clear_error (&fixture->error);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->store);
  ow_test_server_free (fixture->server);
  g_main_loop_unref (fixture->loop);
  g_free (fixture->blocked_provider);
}

static gint64
add_order (Fixture    *fixture,
           const char *marketplace)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("81000000%04u", ++fixture->n_orders);
  /* Placed late in 2023, before the events the tests' carriers report. */
  gint64 placed = 1698000000;

  ow_order_set_marketplace (order, marketplace);
  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, "Phone case");
  ow_order_set_amount (order, 499);
  ow_order_set_time (order, OW_EVENT_PLACED, placed, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, placed + 60, OW_FACT_USER);
  g_assert_true (ow_store_add_order (fixture->store, order, &error));
  g_assert_no_error (error);
  return ow_order_get_id (order);
}

static gint64
add_parcel (Fixture    *fixture,
            gint64      order_id,
            const char *number,
            const char *provider)
{
  g_autoptr(OwParcel) parcel = ow_parcel_new (order_id, number, provider);
  g_autoptr(GError) error = NULL;

  g_assert_true (ow_store_add_parcel (fixture->store, parcel, &error));
  g_assert_no_error (error);
  return ow_parcel_get_id (parcel);
}

static OwParcel *
get_parcel (Fixture *fixture,
            gint64   parcel_id)
{
  g_autoptr(GError) error = NULL;
  OwParcel *parcel = ow_store_get_parcel (fixture->store, parcel_id, &error);

  g_assert_no_error (error);
  return parcel;
}

static guint
count_events (Fixture *fixture,
              gint64   parcel_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = ow_store_list_tracking_events (fixture->store, parcel_id, &error);

  g_assert_no_error (error);
  return events->len;
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->summary = ow_tracking_client_refresh_finish (OW_TRACKING_CLIENT (source), result,
                                                        &fixture->error);
  g_main_loop_quit (fixture->loop);
}

/* Refreshes and waits; @order_id 0: whatever is due. */
static OwTrackingSummary *
refresh (Fixture *fixture,
         gint64   order_id)
{
  g_clear_pointer (&fixture->summary, ow_tracking_summary_free);
  fixture->last_done = 0;
  ow_tracking_client_refresh_async (fixture->client, &order_id, order_id ? 1 : 0, NULL,
                                    on_refreshed_cb, fixture);
  g_main_loop_run (fixture->loop);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (fixture->summary);
  g_assert_false (ow_tracking_client_get_busy (fixture->client));
  g_assert_cmpuint (fixture->last_done, ==, fixture->last_total);
  return fixture->summary;
}

static char *
fixture_module (const char *file,
                const char *number)
{
  g_autofree char *text = ow_test_read_tracking_fixture (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *modules;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  modules = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "module");
  if (number != NULL)
    json_object_set_string_member (json_array_get_object_element (modules, 0), "mailNo", number);
  json_generator_set_root (generator, json_array_get_element (modules, 0));
  return json_generator_to_data (generator, NULL);
}

/* A Cainiao module with the given events, newest first: "CODE@ms|desc" */
static char *
module_with (const char *number,
             const char *status,
             const char *real_mail_no,
             ...)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *event;
  va_list args;
  gboolean first = TRUE;

  g_string_append_printf (text, "{\"mailNo\":\"%s\",\"mailNoSource\":\"AE\",\"status\":\"%s\",",
                          number, status);
  if (real_mail_no != NULL)
    g_string_append_printf (text, "\"realMailNo\":\"Last mile:\\t%s\",", real_mail_no);
  g_string_append (text, "\"detailList\":[");
  va_start (args, real_mail_no);
  while ((event = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (event, "@|", 3);

      g_string_append_printf (text, "%s{\"time\":%s,\"desc\":\"%s\",\"actionCode\":\"%s\"}",
                              first ? "" : ",", parts[1], parts[2], parts[0]);
      first = FALSE;
    }
  va_end (args);
  g_string_append (text, "]}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Cainiao */

static void
test_batching (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *transit = fixture_module ("cainiao-in-transit.json", NULL);
  g_autofree char *delivered = module_with ("AE000000007", "DELIVERED", NULL,
                                            "GTMS_SIGNED@1700000000000|Delivered", NULL);
  g_autoptr(GPtrArray) requests = NULL;
  gint64 ids[25];
  gint64 order_id = add_order (fixture, "aliexpress");
  OwTrackingSummary *summary;

  /* Distinct answers for two numbers; the rest: Cainiao does not know them. */
  ow_test_server_add_cainiao_module (fixture->server, transit);
  ow_test_server_add_cainiao_module (fixture->server, delivered);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *number = g_strdup_printf ("AE%09u", i);

      ids[i] = add_parcel (fixture, order_id, i == 24 ? "AE010698498" : number, NULL);
    }

  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_parcels, ==, 25);
  g_assert_cmpuint (summary->n_failed, ==, 0);
  g_assert_cmpuint (summary->n_requests, ==, 3);
  g_assert_cmpuint (summary->n_new_events, ==, 16);
  g_assert_cmpuint (ow_test_server_count_requests (fixture->server, "/global/detail.json"), ==, 3);
  g_assert_cmpuint (ow_test_server_get_max_concurrent (fixture->server), <=, 2);

  /* Each number got its own module although the server answers in reverse order. */
  {
    g_autoptr(OwParcel) p7 = get_parcel (fixture, ids[7]);
    g_autoptr(OwParcel) p24 = get_parcel (fixture, ids[24]);
    g_autoptr(OwParcel) p3 = get_parcel (fixture, ids[3]);

    g_assert_cmpint (ow_parcel_get_status (p7), ==, OW_TRACKING_STATUS_DELIVERED);
    g_assert_cmpint (count_events (fixture, ids[7]), ==, 1);
    g_assert_cmpint (ow_parcel_get_status (p24), ==, OW_TRACKING_STATUS_IN_TRANSIT);
    g_assert_cmpint (count_events (fixture, ids[24]), ==, 15);
    /* Unknown to Cainiao (EXTERNAL): not found, not a failure. */
    g_assert_cmpint (ow_parcel_get_status (p3), ==, OW_TRACKING_STATUS_NOT_FOUND);
    g_assert_null (ow_parcel_get_last_error (p3));
    g_assert_cmpint (ow_parcel_get_next_check (p3) - ow_parcel_get_last_check (p3), ==, 6 * HOUR);
  }

  requests = ow_test_server_get_requests (fixture->server);
  for (guint i = 0; i < requests->len; i++)
    {
      OwTestRequest *request = g_ptr_array_index (requests, i);
      g_autofree char *numbers = NULL;
      g_auto(GStrv) list = NULL;

      g_assert_true (g_str_has_prefix (request->user_agent, "Orderwatch/" PACKAGE_VERSION " "));
      g_assert_nonnull (strstr (request->query, "lang=en-US"));
      numbers = g_uri_unescape_string (strstr (request->query, "mailNos=") + 8, NULL);
      *strchr (numbers, '&') = '\0';
      list = g_strsplit (numbers, ",", -1);
      g_assert_cmpuint (g_strv_length (list), <=, 10);
    }

  /* Nothing is due any more: a second refresh asks nothing. */
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_requests, ==, 0);
  g_assert_cmpuint (ow_test_server_count_requests (fixture->server, NULL), ==, 3);
}

static void
test_no_events_yet (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 id = add_parcel (fixture, order_id, "UZ0556033196Y", OW_PROVIDER_CAINIAO);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tracking",
                                                 "cainiao-no-events.json", NULL);
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(OwOrder) order = NULL;

  ow_test_server_add_cainiao_file (fixture->server, path);
  refresh (fixture, order_id);
  parcel = get_parcel (fixture, id);
  g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_INFO_RECEIVED);
  g_assert_cmpstr (ow_parcel_get_raw_status (parcel), ==,
                   "SELLER_PREPARING (Awaiting seller dispatch)");
  g_assert_cmpuint (count_events (fixture, id), ==, 0);
  /* No event: nothing to infer. */
  order = ow_store_get_order (fixture->store, order_id, NULL);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, OW_TIME_UNSET);
}

static void
test_duplicates_stored_once (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 id = add_parcel (fixture, order_id, "AE010698498", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tracking",
                                                 "cainiao-in-transit.json", NULL);
  g_autofree char *more = NULL;
  g_autoptr(GPtrArray) events = NULL;
  OwTrackingSummary *summary;

  ow_test_server_add_cainiao_file (fixture->server, path);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_new_events, ==, 15);
  g_assert_cmpuint (summary->n_updated, ==, 1);

  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_new_events, ==, 0);
  g_assert_cmpuint (summary->n_updated, ==, 0);
  g_assert_cmpuint (count_events (fixture, id), ==, 15);

  /* One new event on top of two old ones: only it is added. */
  more = module_with ("AE010698498", "DELIVERING", NULL,
                      "GTMS_DO_DEPART@1674900000000|Out for delivery",
                      "LH_ARRIVE@1674796980000|Arrived at linehual office",
                      "LH_DEPART@1674746280000|Departed from departure country/region", NULL);
  ow_test_server_add_cainiao_module (fixture->server, more);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_new_events, ==, 1);
  events = ow_store_list_tracking_events (fixture->store, id, NULL);
  g_assert_cmpuint (events->len, ==, 16);
  /* Newest first. */
  g_assert_cmpstr (ow_tracking_event_get_description (g_ptr_array_index (events, 0)), ==,
                   "Out for delivery");
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (ow_tracking_event_get_time (g_ptr_array_index (events, i - 1)), >=,
                     ow_tracking_event_get_time (g_ptr_array_index (events, i)));
  {
    g_autoptr(OwParcel) parcel = get_parcel (fixture, id);

    g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_OUT_FOR_DELIVERY);
    /* Out for delivery: checked again in 2 hours. */
    g_assert_cmpint (ow_parcel_get_next_check (parcel) - ow_parcel_get_last_check (parcel), ==,
                     2 * HOUR);
    g_assert_cmpint (ow_parcel_get_last_movement (parcel), ==, 1674900000);
  }
}

static void
test_status_backwards (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 id = add_parcel (fixture, order_id, "AE000000011", NULL);
  g_autofree char *first = module_with ("AE000000011", "DELIVERED", NULL,
                                        "GTMS_SIGNED@1700003600000|Delivered",
                                        "GTMS_DO_DEPART@1700000000000|Out for delivery", NULL);
  g_autofree char *second = module_with ("AE000000011", "DELIVERING", NULL,
                                         "GTMS_DO_DEPART@1700000000000|Out for delivery", NULL);
  g_autoptr(OwParcel) parcel = NULL;

  ow_test_server_add_cainiao_module (fixture->server, first);
  refresh (fixture, order_id);
  parcel = get_parcel (fixture, id);
  g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_DELIVERED);
  g_assert_cmpint (ow_parcel_get_delivered_at (parcel), ==, 1700003600);
  g_clear_object (&parcel);

  /* The next answer forgets the delivery: the parcel stays delivered, its events stay. */
  ow_test_server_add_cainiao_module (fixture->server, second);
  refresh (fixture, order_id);
  parcel = get_parcel (fixture, id);
  g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_DELIVERED);
  g_assert_cmpuint (count_events (fixture, id), ==, 2);
}

static void
test_inferred_facts (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 inferred_id = add_order (fixture, "aliexpress");
  gint64 typed_id = add_order (fixture, "aliexpress");
  g_autofree char *delivered = module_with ("AE000000021", "DELIVERED", NULL,
                                            "GTMS_SIGNED@1700003600000|Delivered",
                                            "GWMS_ACCEPT@1699000000000|Order received", NULL);
  g_autofree char *delivered2 = module_with ("AE000000022", "DELIVERED", NULL,
                                             "GTMS_SIGNED@1700003600000|Delivered",
                                             "GWMS_ACCEPT@1699000000000|Order received", NULL);
  g_autoptr(OwOrder) typed = ow_store_get_order (fixture->store, typed_id, NULL);
  g_autoptr(OwOrder) order = NULL;
  gint64 user_shipped = 1699100000;

  /* The user typed the shipping date on this one. */
  ow_order_set_time (typed, OW_EVENT_SHIPPED, user_shipped, OW_FACT_USER);
  g_assert_true (ow_store_update_order (fixture->store, typed, NULL));

  ow_test_server_add_cainiao_module (fixture->server, delivered);
  ow_test_server_add_cainiao_module (fixture->server, delivered2);
  add_parcel (fixture, inferred_id, "AE000000021", NULL);
  add_parcel (fixture, typed_id, "AE000000022", NULL);
  refresh (fixture, 0);

  order = ow_store_get_order (fixture->store, inferred_id, NULL);
  /* The first carrier event: shipped; the delivery: delivered; both inferred. */
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, 1699000000);
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_SHIPPED), ==, OW_FACT_INFERRED);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_DELIVERED), ==, 1700003600);
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_DELIVERED), ==, OW_FACT_INFERRED);
  g_clear_object (&order);

  order = ow_store_get_order (fixture->store, typed_id, NULL);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, user_shipped);
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_SHIPPED), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_DELIVERED), ==, 1700003600);
}

static void
test_returning (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 id = add_parcel (fixture, order_id, "AE000000031", NULL);
  g_autofree char *module = module_with ("AE000000031", "RETURN", NULL,
                                         "RT_DEPART@1700003600000|Returned to sender",
                                         "LH_ARRIVE@1700000000000|Arrived", NULL);
  g_autoptr(OwParcel) parcel = NULL;

  ow_test_server_add_cainiao_module (fixture->server, module);
  refresh (fixture, order_id);
  parcel = get_parcel (fixture, id);
  g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_RETURNING);
  g_assert_true (ow_parcel_is_returning (parcel));
  g_assert_cmpstr (ow_parcel_get_suggested_dispute_reason (parcel), ==,
                   OW_DISPUTE_REASON_RETURNED_TO_SELLER);
}

static void
test_follow_on (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 id = add_parcel (fixture, order_id, "AE000000041", NULL);
  g_autofree char *module = module_with ("AE000000041", "DELIVERING", "RB123456785SG",
                                         "GTMS_ACCEPT@1700000000000|Handed to last mile", NULL);
  g_autoptr(GPtrArray) parcels = NULL;
  OwParcel *follow_on;

  ow_test_server_add_cainiao_module (fixture->server, module);
  refresh (fixture, order_id);
  parcels = ow_store_list_parcels (fixture->store, order_id, NULL);
  g_assert_cmpuint (parcels->len, ==, 2);
  follow_on = g_ptr_array_index (parcels, 1);
  g_assert_cmpstr (ow_parcel_get_tracking_number (follow_on), ==, "RB123456785SG");
  g_assert_cmpint (ow_parcel_get_follows_parcel_id (follow_on), ==, id);
  /* Cainiao keeps reporting under the first number: the new one is not asked twice. */
  g_assert_cmpint (ow_parcel_get_next_check (follow_on), ==, OW_TIME_UNSET);

  /* A second answer does not add it again. */
  refresh (fixture, order_id);
  g_clear_pointer (&parcels, g_ptr_array_unref);
  parcels = ow_store_list_parcels (fixture->store, order_id, NULL);
  g_assert_cmpuint (parcels->len, ==, 2);
  g_assert_cmpuint (ow_test_server_count_requests (fixture->server, NULL), ==, 2);
}

static void
test_deadline_near (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(OwParcel) parcel = NULL;
  gint64 now = ow_time_now ();
  gint64 id;

  /* Paid a day ago, 3 days to ship: the ship-by deadline is 2 days away. */
  ow_order_set_order_number (order, "8199999");
  ow_order_set_time (order, OW_EVENT_PLACED, now - DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, now - DAY + 60, OW_FACT_USER);
  ow_order_set_processing_days (order, 3);
  g_assert_true (ow_store_add_order (fixture->store, order, NULL));
  id = add_parcel (fixture, ow_order_get_id (order), "AE000000051", NULL);

  refresh (fixture, 0);
  parcel = get_parcel (fixture, id);
  g_assert_cmpint (ow_parcel_get_next_check (parcel) - ow_parcel_get_last_check (parcel), ==,
                   2 * HOUR);
}

/* Failures */

static void
assert_nothing_written (Fixture *fixture,
                        gint64   id)
{
  g_autoptr(OwParcel) parcel = get_parcel (fixture, id);

  g_assert_cmpuint (count_events (fixture, id), ==, 0);
  g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_NOT_FOUND);
  g_assert_cmpuint (ow_parcel_get_failures (parcel), ==, 1);
  g_assert_nonnull (ow_parcel_get_last_error (parcel));
  /* Backed off, not asked again at once. */
  g_assert_cmpint (ow_parcel_get_next_check (parcel), >=,
                   ow_parcel_get_last_check (parcel) + 15 * 60);
}

static gint64
add_transit_parcel (Fixture *fixture,
                    gint64  *order_id)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tracking",
                                                 "cainiao-in-transit.json", NULL);

  ow_test_server_add_cainiao_file (fixture->server, path);
  *order_id = add_order (fixture, "aliexpress");
  return add_parcel (fixture, *order_id, "AE010698498", NULL);
}

static void
test_captcha (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  gint64 blocked_until = OW_TIME_UNSET;
  g_autofree char *message = NULL;
  OwTrackingSummary *summary;
  guint backoff = 0;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                             "text/html;charset=UTF-8",
                             "<!DOCTYPE html><html><head><script>var x5secdata='abc';</script>"
                             "</head><body>Sorry, we have detected unusual traffic</body></html>",
                             0, NULL, NULL);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  assert_nothing_written (fixture, id);
  g_assert_cmpuint (fixture->n_blocked, ==, 1);
  g_assert_cmpstr (fixture->blocked_provider, ==, OW_PROVIDER_CAINIAO);

  g_assert_true (ow_store_get_provider_state (fixture->store, OW_PROVIDER_CAINIAO, &blocked_until,
                                              &backoff, &message, NULL));
  g_assert_cmpint (blocked_until, >=, ow_time_now () + HOUR);
  g_assert_cmpuint (backoff, ==, 1);
  g_assert_nonnull (message);

  /* Blocked: the next refresh asks Cainiao nothing and says why. */
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_requests, ==, 0);
  g_assert_cmpuint (summary->n_skipped, ==, 1);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  g_assert_cmpuint (ow_test_server_count_requests (fixture->server, NULL), ==, 1);
}

/* One captcha episode met by three batches in flight escalated three times (2 h, 4 h,
 * 8 h): one episode is one step. The next episode, after the block ran out, is the next. */
static void
test_captcha_in_flight (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *page = "<!DOCTYPE html><html><body>punish x5secdata</body></html>";
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 blocked_until = OW_TIME_UNSET;
  guint backoff = 0;
  OwTrackingSummary *summary;
  gint64 before;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *number = g_strdup_printf ("AE%09u", 200 + i);

      add_parcel (fixture, order_id, number, NULL);
    }
  ow_tracking_client_set_concurrency (fixture->client, 3);
  /* Slow enough that all three requests are out before the first answer. */
  ow_test_server_set_latency (fixture->server, 500);
  for (guint i = 0; i < 3; i++)
    ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                               "text/html", page, 0, NULL, NULL);

  before = ow_time_now ();
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_requests, ==, 3);
  g_assert_cmpuint (ow_test_server_get_max_concurrent (fixture->server), ==, 3);
  g_assert_cmpuint (summary->n_failed, ==, 30);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  g_assert_cmpuint (fixture->n_blocked, ==, 1);
  ow_store_get_provider_state (fixture->store, OW_PROVIDER_CAINIAO, &blocked_until, &backoff,
                               NULL, NULL);
  g_assert_cmpuint (backoff, ==, 1);
  g_assert_cmpint (blocked_until, >=, before + 2 * HOUR);
  g_assert_cmpint (blocked_until, <=, ow_time_now () + 2 * HOUR);

  /* The block ran out and the wall is still there: the second step, 4 hours. */
  ow_store_set_provider_state (fixture->store, OW_PROVIDER_CAINIAO, ow_time_now () - 1, backoff,
                               "blocked", NULL);
  for (guint i = 0; i < 3; i++)
    ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                               "text/html", page, 0, NULL, NULL);
  before = ow_time_now ();
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_requests, ==, 3);
  g_assert_cmpuint (fixture->n_blocked, ==, 2);
  ow_store_get_provider_state (fixture->store, OW_PROVIDER_CAINIAO, &blocked_until, &backoff,
                               NULL, NULL);
  g_assert_cmpuint (backoff, ==, 2);
  g_assert_cmpint (blocked_until, >=, before + 4 * HOUR);
  g_assert_cmpint (blocked_until, <=, ow_time_now () + 4 * HOUR);
}

/* An event that says "punish" is news, not a captcha: stored, and Cainiao not blocked. */
static void
test_block_word_in_event (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *module = module_with ("AE000000011", "CLEAR_CUSTOMS", NULL,
                                         "CC_IM_PROCESS@1700000000000|Held: the importer may face "
                                         "punishment; x5secdata", NULL);
  gint64 order_id = add_order (fixture, "aliexpress");
  gint64 id = add_parcel (fixture, order_id, "AE000000011", NULL);
  gint64 blocked_until = OW_TIME_UNSET;
  OwTrackingSummary *summary;

  ow_test_server_add_cainiao_module (fixture->server, module);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 0);
  g_assert_cmpuint (summary->n_new_events, ==, 1);
  g_assert_cmpuint (count_events (fixture, id), ==, 1);
  g_assert_cmpuint (fixture->n_blocked, ==, 0);
  ow_store_get_provider_state (fixture->store, OW_PROVIDER_CAINIAO, &blocked_until, NULL, NULL,
                               NULL);
  g_assert_cmpint (blocked_until, ==, OW_TIME_UNSET);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(OwParcel) parcel = NULL;
  gint64 blocked_until = OW_TIME_UNSET;
  gint64 before = ow_time_now ();
  OwTrackingSummary *summary;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 429,
                             "application/json", "{}", 0, "Retry-After", "7200");
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  assert_nothing_written (fixture, id);
  parcel = get_parcel (fixture, id);
  /* Retry-After beats the shorter back-off. */
  g_assert_cmpint (ow_parcel_get_next_check (parcel), >=, before + 7200);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "slow down"));
  ow_store_get_provider_state (fixture->store, OW_PROVIDER_CAINIAO, &blocked_until, NULL, NULL,
                               NULL);
  g_assert_cmpint (blocked_until, >=, before + 7200);
  g_assert_cmpint (blocked_until, <=, ow_time_now () + 7200);
}

/* A Retry-After far ahead, as a date (2037) or as seconds, blocked Cainiao for 3,976 days:
 * both forms are capped at 7 days. */
static void
test_rate_limited_far_ahead (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char *values[] = { "Wed, 21 Oct 2037 07:28:00 GMT", "999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      gint64 order_id;
      gint64 id = add_transit_parcel (fixture, &order_id);
      g_autoptr(OwParcel) parcel = NULL;
      gint64 blocked_until = OW_TIME_UNSET;
      gint64 before = ow_time_now ();

      /* A fresh start for each form: no block left from the one before. */
      ow_store_set_provider_state (fixture->store, OW_PROVIDER_CAINIAO, OW_TIME_UNSET, 0, NULL,
                                   NULL);
      ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 429,
                                 "application/json", "{}", 0, "Retry-After", values[i]);
      refresh (fixture, order_id);
      ow_store_get_provider_state (fixture->store, OW_PROVIDER_CAINIAO, &blocked_until, NULL,
                                   NULL, NULL);
      g_assert_cmpint (blocked_until, >=, before + 7 * DAY);
      g_assert_cmpint (blocked_until, <=, ow_time_now () + 7 * DAY);
      parcel = get_parcel (fixture, id);
      g_assert_cmpint (ow_parcel_get_next_check (parcel), <=, ow_time_now () + 7 * DAY);
      g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "7 days"));
    }
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingSummary *summary;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 500,
                             "text/plain", "Internal Server Error", 0, NULL, NULL);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (summary->failed->len, ==, 1);
  assert_nothing_written (fixture, id);
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "500"));
  g_assert_cmpint (ow_parcel_get_next_check (parcel) - ow_parcel_get_last_check (parcel), ==,
                   15 * 60);
  /* A 500 is no block: the provider stays open. */
  g_assert_cmpuint (fixture->n_blocked, ==, 0);

  /* It works again: the failure is forgotten, the events arrive. */
  g_clear_object (&parcel);
  refresh (fixture, order_id);
  parcel = get_parcel (fixture, id);
  g_assert_cmpuint (ow_parcel_get_failures (parcel), ==, 0);
  g_assert_null (ow_parcel_get_last_error (parcel));
  g_assert_cmpuint (count_events (fixture, id), ==, 15);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(OwParcel) parcel = NULL;
  gint64 start = g_get_monotonic_time ();

  ow_tracking_client_set_timeouts (fixture->client, 1, 1);
  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_HANG, 0,
                             NULL, NULL, 0, NULL, NULL);
  refresh (fixture, order_id);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  assert_nothing_written (fixture, id);
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "in time"));
}

/* A stalled server was asked batch after batch, each waiting out the timeout (100 parcels
 * took 150 s): the first stall ends the run for that provider, the rest stays due. */
static void
test_stall_stops_run (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  OwTrackingSummary *summary;
  gint64 start;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *number = g_strdup_printf ("AE%09u", 300 + i);

      add_parcel (fixture, order_id, number, NULL);
    }
  ow_tracking_client_set_timeouts (fixture->client, 1, 1);
  /* The two first requests hang; any later one would be answered at once. */
  for (guint i = 0; i < 2; i++)
    ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_HANG, 0,
                               NULL, NULL, 0, NULL, NULL);

  start = g_get_monotonic_time ();
  summary = refresh (fixture, 0);
  /* The two batches in flight (the default concurrency) when the first timed out. */
  g_assert_cmpuint (summary->n_requests, ==, 2);
  g_assert_cmpuint (summary->n_failed, ==, 20);
  g_assert_cmpuint (summary->n_skipped, ==, 30);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary->messages, 0), "stopped asking"));
  g_assert_cmpuint (fixture->n_blocked, ==, 0);

  /* The skipped parcels are still due: the next refresh asks for them, and only them (the
   * failed ones wait out their back-off). */
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_parcels, ==, 30);
  g_assert_cmpuint (summary->n_requests, ==, 3);
  g_assert_cmpuint (summary->n_failed, ==, 0);
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(OwParcel) parcel = NULL;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_RESET, 0,
                             NULL, NULL, 0, NULL, NULL);
  refresh (fixture, order_id);
  parcel = get_parcel (fixture, id);
  /* libsoup may retry a request on a connection that closed at once; either way the
   * parcel is fine or failed cleanly. */
  if (ow_parcel_get_failures (parcel) > 0)
    {
      assert_nothing_written (fixture, id);
      g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "Could not reach"));
    }
  else
    g_assert_cmpuint (count_events (fixture, id), ==, 15);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(OwParcel) parcel = NULL;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_TRUNCATE, 0,
                             NULL, NULL, 0, NULL, NULL);
  refresh (fixture, order_id);
  assert_nothing_written (fixture, id);
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "incomplete"));
  g_assert_cmpuint (fixture->n_blocked, ==, 0);
}

/* The answer that crashed `orderwatch refresh` and every start of the window: 80,000
 * levels of "[" (156 KiB). Now a failed parcel, asked again later; no block. */
static void
test_deeply_nested (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(GBytes) deep = ow_test_nested_json ("", 80000, "");
  g_autofree char *body = g_strndup (g_bytes_get_data (deep, NULL), g_bytes_get_size (deep));
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingSummary *summary;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                             "application/json", body, 0, NULL, NULL);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  assert_nothing_written (fixture, id);
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "nested more than 64 levels"));
  g_assert_cmpint (ow_parcel_get_next_check (parcel), >, ow_parcel_get_last_check (parcel));
  g_assert_cmpuint (fixture->n_blocked, ==, 0);

  /* The next answer is read as usual. */
  g_clear_object (&parcel);
  refresh (fixture, order_id);
  g_assert_cmpuint (count_events (fixture, id), ==, 15);
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autofree char *big = g_strnfill (200 * 1024, ' ');
  OwTrackingSummary *summary;

  ow_tracking_client_set_max_body_size (fixture->client, 64 * 1024);

  /* Streamed without a length: cut off while reading. */
  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_HUGE, 200,
                             NULL, NULL, 4 * 1024 * 1024, NULL, NULL);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  assert_nothing_written (fixture, id);

  /* With a Content-Length: refused before reading. */
  big[0] = '{';
  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                             "application/json", big, 0, NULL, NULL);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (g_ptr_array_index (summary->failed, 0)),
                            "larger"));
  g_assert_cmpuint (count_events (fixture, id), ==, 0);
}

static void
test_bad_number_alone (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  gint64 other = add_parcel (fixture, order_id, "AE000000061", NULL);
  g_autoptr(OwParcel) parcel = NULL;
  /* The answer leaves AE000000061 out. */
  g_autofree char *text = ow_test_read_tracking_fixture ("cainiao-in-transit.json");
  OwTrackingSummary *summary;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                             "application/json", text, 0, NULL, NULL);
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (count_events (fixture, id), ==, 15);
  parcel = get_parcel (fixture, other);
  g_assert_cmpuint (ow_parcel_get_failures (parcel), ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OwParcel) parcel = NULL;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_HANG, 0,
                             NULL, NULL, 0, NULL, NULL);
  ow_tracking_client_refresh_async (fixture->client, &order_id, 1, cancellable, on_refreshed_cb,
                                    fixture);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  g_main_loop_run (fixture->loop);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (fixture->summary);
  /* Cancelled is not failed: the parcel is still due. */
  parcel = get_parcel (fixture, id);
  g_assert_cmpuint (ow_parcel_get_failures (parcel), ==, 0);
  g_assert_cmpint (ow_parcel_get_last_check (parcel), ==, OW_TIME_UNSET);
}

static void
on_queued_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray *summaries = user_data;
  g_autoptr(GError) error = NULL;
  OwTrackingSummary *summary;

  summary = ow_tracking_client_refresh_finish (OW_TRACKING_CLIENT (source), result, &error);
  g_assert_no_error (error);
  g_ptr_array_add (summaries, summary);
}

static void
test_queued_refreshes (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 order_id;
  gint64 id = add_transit_parcel (fixture, &order_id);
  g_autoptr(GPtrArray) summaries = NULL;

  summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_tracking_summary_free);
  /* Asked twice at once: the second waits for the first, then finds nothing due. */
  ow_tracking_client_refresh_async (fixture->client, NULL, 0, NULL, on_queued_cb, summaries);
  ow_tracking_client_refresh_async (fixture->client, NULL, 0, NULL, on_queued_cb, summaries);
  while (summaries->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (((OwTrackingSummary *) g_ptr_array_index (summaries, 0))->n_requests, ==, 1);
  g_assert_cmpuint (((OwTrackingSummary *) g_ptr_array_index (summaries, 1))->n_requests, ==, 0);
  g_assert_cmpuint (count_events (fixture, id), ==, 15);
  g_assert_false (ow_tracking_client_get_busy (fixture->client));
}

static void
test_budget (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "aliexpress");
  OwTrackingSummary *summary;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *number = g_strdup_printf ("AE%09u", 100 + i);

      add_parcel (fixture, order_id, number, NULL);
    }
  ow_tracking_client_set_request_budget (fixture->client, 2);
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_requests, ==, 2);
  g_assert_cmpuint (summary->n_skipped, ==, 10);
  /* The rest is still due for the next refresh. */
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_requests, ==, 1);
  g_assert_cmpuint (summary->n_skipped, ==, 0);
}

/* 17TRACK */

static void
test_17track_register_then_track (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *info = ow_test_read_tracking_fixture ("17track-track-info.json");
  gint64 order_id = add_order (fixture, "amazon");
  gint64 id = add_parcel (fixture, order_id, "1Z2617V10397725789", NULL);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(OwOrder) order = NULL;
  OwTestRequest *request;

  ow_test_server_add_17track_info (fixture->server, "1Z2617V10397725789", info);
  refresh (fixture, 0);

  requests = ow_test_server_get_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 2);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->path, ==, "/track/v2.2/register");
  g_assert_cmpstr (request->token, ==, "test-key");
  g_assert_nonnull (strstr (request->body, "\"1Z2617V10397725789\""));
  request = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (request->path, ==, "/track/v2.2/gettrackinfo");

  parcel = get_parcel (fixture, id);
  /* No provider was set: picked from the number because a key is there. */
  g_assert_cmpint (ow_parcel_get_status (parcel), ==, OW_TRACKING_STATUS_DELIVERED);
  g_assert_cmpstr (ow_parcel_get_carrier (parcel), ==, "UPS");
  g_assert_cmpuint (count_events (fixture, id), ==, 5);
  order = ow_store_get_order (fixture->store, order_id, NULL);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_DELIVERED), ==, 1649115322);
}

static void
test_17track_not_registered (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *info = ow_test_read_tracking_fixture ("17track-track-info.json");
  gint64 order_id = add_order (fixture, "amazon");
  g_autoptr(OwParcel) parcel = ow_parcel_new (order_id, "1Z2617V10397725789", OW_PROVIDER_17TRACK);
  g_autoptr(GPtrArray) requests = NULL;

  /* Checked before (another machine, say) but unknown to this account. */
  ow_parcel_set_last_check (parcel, ow_time_now () - DAY);
  ow_parcel_set_next_check (parcel, ow_time_now () - 1);
  g_assert_true (ow_store_add_parcel (fixture->store, parcel, NULL));
  ow_test_server_add_17track_info (fixture->server, "1Z2617V10397725789", info);
  refresh (fixture, 0);

  requests = ow_test_server_get_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpstr (((OwTestRequest *) g_ptr_array_index (requests, 0))->path, ==,
                   "/track/v2.2/gettrackinfo");
  g_assert_cmpstr (((OwTestRequest *) g_ptr_array_index (requests, 1))->path, ==,
                   "/track/v2.2/register");
  g_assert_cmpstr (((OwTestRequest *) g_ptr_array_index (requests, 2))->path, ==,
                   "/track/v2.2/gettrackinfo");
  g_assert_cmpuint (count_events (fixture, ow_parcel_get_id (parcel)), ==, 5);
}

static void
test_17track_rejected (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *info = ow_test_read_tracking_fixture ("17track-track-info.json");
  gint64 order_id = add_order (fixture, "ebay");
  gint64 good = add_parcel (fixture, order_id, "1Z2617V10397725789", OW_PROVIDER_17TRACK);
  gint64 bad = add_parcel (fixture, order_id, "LX473124829CN", OW_PROVIDER_17TRACK);
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingSummary *summary;

  ow_test_server_add_17track_info (fixture->server, "1Z2617V10397725789", info);
  ow_test_server_reject_17track (fixture->server, "LX473124829CN", -18019903,
                                 "The carrier cannot be detected.");
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (count_events (fixture, good), ==, 5);
  parcel = get_parcel (fixture, bad);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "carrier cannot be detected"));
  g_assert_cmpuint (fixture->n_blocked, ==, 0);
}

static void
test_17track_quota (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "ebay");
  gint64 id = add_parcel (fixture, order_id, "1Z2617V10397725789", OW_PROVIDER_17TRACK);
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingSummary *summary;

  ow_test_server_push_reply (fixture->server, "/track/v2.2/register", OW_TEST_REPLY_BODY, 200,
                             "application/json", "{\"code\":-18019908,\"data\":{}}", 0, NULL,
                             NULL);
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary->messages, 0), "quota"));
  g_assert_cmpuint (fixture->n_blocked, ==, 1);
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "quota"));
  /* Until the quota renews, 17TRACK is not asked. */
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_requests, ==, 0);
}

static void
test_17track_bad_key (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "ebay");
  gint64 id = add_parcel (fixture, order_id, "1Z2617V10397725789", OW_PROVIDER_17TRACK);
  g_autoptr(OwParcel) parcel = NULL;

  ow_tracking_client_set_api_key (fixture->client, "wrong-key");
  refresh (fixture, 0);
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "API key"));
  g_assert_cmpuint (fixture->n_blocked, ==, 1);
}

/* On a redirect libsoup resent the request, 17token header and all, to the new host. Now
 * the key stays: the other host (a second real server) sees nothing. */
static void
test_17track_redirect (Fixture       *fixture,
                       gconstpointer  data)
{
  static const guint codes[] = { 301, 302, 303, 307, 308 };
  OwTestServer *elsewhere = ow_test_server_new ();
  g_autofree char *location = g_strconcat (ow_test_server_get_url (elsewhere),
                                           "/track/v2.2/register", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *number = g_strdup_printf ("1Z2617V1039772578%u", i);
      gint64 order_id = add_order (fixture, "ebay");
      gint64 id = add_parcel (fixture, order_id, number, OW_PROVIDER_17TRACK);
      g_autoptr(OwParcel) parcel = NULL;
      g_autofree char *status = g_strdup_printf ("HTTP %u", codes[i]);
      OwTrackingSummary *summary;

      ow_test_server_push_reply (fixture->server, "/track/v2.2/register", OW_TEST_REPLY_BODY,
                                 codes[i], "text/plain", "moved", 0, "Location", location);
      summary = refresh (fixture, order_id);
      g_assert_cmpuint (summary->n_failed, ==, 1);
      parcel = get_parcel (fixture, id);
      g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "redirect"));
      g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), status));
    }
  g_assert_cmpuint (ow_test_server_count_requests (elsewhere, NULL), ==, 0);
  g_assert_cmpuint (ow_test_server_count_requests (fixture->server, NULL), ==,
                    G_N_ELEMENTS (codes));
  ow_test_server_free (elsewhere);
}

/* An http:// address would carry the key in the clear: nothing is sent, the user is told. */
static void
test_17track_plain_http (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "ebay");
  gint64 id = add_parcel (fixture, order_id, "1Z2617V10397725789", OW_PROVIDER_17TRACK);
  gint64 other = add_parcel (fixture, order_id, "LX473124829CN", OW_PROVIDER_17TRACK);
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingSummary *summary;

  /* .invalid never resolves: were a request built, it could go nowhere. */
  ow_tracking_client_set_base_url (fixture->client, OW_PROVIDER_17TRACK,
                                   "http://orderwatch-test.invalid");
  ow_tracking_client_set_api_key (fixture->client, "test-key");
  summary = refresh (fixture, order_id);
  g_assert_cmpuint (summary->n_requests, ==, 0);
  g_assert_cmpuint (summary->n_failed, ==, 2);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary->messages, 0), "does not use HTTPS"));
  parcel = get_parcel (fixture, id);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "https://"));
  g_clear_object (&parcel);
  parcel = get_parcel (fixture, other);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "https://"));
}

static void
test_17track_no_key (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 order_id = add_order (fixture, "ebay");
  gint64 forced = add_parcel (fixture, order_id, "1Z2617V10397725789", OW_PROVIDER_17TRACK);
  gint64 guessed = add_parcel (fixture, order_id, "LX473124829CN", NULL);
  g_autoptr(OwParcel) a = NULL;
  g_autoptr(OwParcel) b = NULL;
  OwTrackingSummary *summary;

  ow_tracking_client_set_api_key (fixture->client, "");
  summary = refresh (fixture, 0);
  g_assert_cmpuint (summary->n_failed, ==, 2);
  g_assert_cmpuint (summary->n_requests, ==, 0);
  a = get_parcel (fixture, forced);
  b = get_parcel (fixture, guessed);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (a), "API key"));
  g_assert_nonnull (strstr (ow_parcel_get_last_error (b), "17TRACK API key"));
}

/* Configuration */

static void
test_env_urls (void)
{
  g_autofree char *path = ow_test_db_path ("env");
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(OwTrackingClient) client = NULL;

  g_setenv ("ORDERWATCH_CAINIAO_URL", "http://127.0.0.1:1/cn", TRUE);
  g_setenv ("ORDERWATCH_17TRACK_URL", "http://127.0.0.1:1/17", TRUE);
  client = ow_tracking_client_new (store);
  g_assert_cmpstr (ow_tracking_client_get_base_url (client, OW_PROVIDER_CAINIAO), ==,
                   "http://127.0.0.1:1/cn");
  g_assert_cmpstr (ow_tracking_client_get_base_url (client, OW_PROVIDER_17TRACK), ==,
                   "http://127.0.0.1:1/17");
  g_clear_object (&client);

  /* Without the variables: the GSettings defaults (the schema is compiled for tests). */
  g_unsetenv ("ORDERWATCH_CAINIAO_URL");
  g_unsetenv ("ORDERWATCH_17TRACK_URL");
  client = ow_tracking_client_new (store);
  g_assert_cmpstr (ow_tracking_client_get_base_url (client, OW_PROVIDER_CAINIAO), ==,
                   "https://global.cainiao.com");
  g_assert_cmpstr (ow_tracking_client_get_base_url (client, OW_PROVIDER_17TRACK), ==,
                   "https://api.17track.net");
  g_assert_cmpstr (soup_session_get_user_agent (ow_tracking_client_get_session (client)), ==,
                   "Orderwatch/" PACKAGE_VERSION " (+https://github.com/orderwatch/orderwatch)");
}

static void
test_key_from_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_setenv ("ORDERWATCH_17TRACK_KEY", "from-env", TRUE);
  key = ow_17track_key_lookup_sync (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "from-env");
  g_unsetenv ("ORDERWATCH_17TRACK_KEY");
}

/* No keyring answers (no bus at all here; inside flatpak, no Secret portal): the key is
 * kept in a file only the user can read, and the app says where. In a subprocess, so the
 * missing bus is the first one GIO sees. */
static void
test_key_without_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *said = NULL;
  Ow17trackKeyPlace place = OW_17TRACK_KEY_KEYRING;
  GStatBuf st;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/orderwatch-test-bus", TRUE);
  g_unsetenv ("ORDERWATCH_17TRACK_KEY");
  path = ow_17track_key_file ();

  g_assert_true (ow_17track_key_store_sync ("ABCD1234efgh", NULL, &place, &error));
  g_assert_no_error (error);
  g_assert_cmpint (place, ==, OW_17TRACK_KEY_FILE);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  said = ow_17track_key_describe (place);
  g_assert_nonnull (strstr (said, path));

  place = OW_17TRACK_KEY_NOWHERE;
  key = ow_17track_key_lookup_place_sync (NULL, &place, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "ABCD1234efgh");
  g_assert_cmpint (place, ==, OW_17TRACK_KEY_FILE);
  g_clear_pointer (&key, g_free);

  /* Forgetting removes the file; then nothing is saved anywhere, which is no error. */
  g_assert_true (ow_17track_key_store_sync (NULL, NULL, &place, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  key = ow_17track_key_lookup_place_sync (NULL, &place, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_cmpint (place, ==, OW_17TRACK_KEY_NOWHERE);

  g_assert_nonnull (ow_17track_key_check ("has space"));
  g_assert_null (ow_17track_key_check ("ABCD1234efgh"));
}

/* The command line, end to end: add with --tracking, refresh, show --json. */

static int
run_cli (Fixture     *fixture,
         const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("ORDERWATCH_BIN");
  const char *arg;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_DB", db, TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_CAINIAO_URL",
                                ow_test_server_get_url (fixture->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "ORDERWATCH_17TRACK_KEY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *db = ow_test_db_path ("cli");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tracking",
                                                 "cainiao-in-transit.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *parcel;

  ow_test_server_add_cainiao_file (fixture->server, path);

  /* A number with a wrong S10 check digit is refused, and nothing is written. */
  g_assert_cmpint (run_cli (fixture, db, &out, &err, "add", "--order", "8100002",
                            "--tracking", "RR123456784CN", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "check digit"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, db, &out, &err, "add", "--order", "8100001",
                            "--placed", "2023-01-20", "--paid", "2023-01-20",
                            "--tracking", "ae 010 698 498", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "1");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, db, &out, &err, "refresh", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "15 new events"));
  g_assert_nonnull (strstr (err, "1 of 1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, db, &out, &err, "show", "1", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  parcel = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "parcels"),
    0);
  g_assert_cmpstr (json_object_get_string_member (parcel, "tracking_number"), ==, "AE010698498");
  g_assert_cmpstr (json_object_get_string_member (parcel, "provider"), ==, "cainiao");
  g_assert_cmpstr (json_object_get_string_member (parcel, "status"), ==, "InTransit");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parcel, "events")), ==,
                    15);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A failure: exit status 1 and the reason. */
  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 500,
                             "text/plain", "oops", 0, NULL, NULL);
  g_assert_cmpint (run_cli (fixture, db, &out, &err, "refresh", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "AE010698498"));
  g_assert_nonnull (strstr (out, "HTTP 500"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, db, &out, &err, "refresh", "x", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/tracking/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("cainiao/batching", test_batching);
  ADD ("cainiao/no-events-yet", test_no_events_yet);
  ADD ("cainiao/duplicates-stored-once", test_duplicates_stored_once);
  ADD ("cainiao/status-backwards", test_status_backwards);
  ADD ("cainiao/inferred-facts", test_inferred_facts);
  ADD ("cainiao/returning", test_returning);
  ADD ("cainiao/follow-on", test_follow_on);
  ADD ("cainiao/deadline-near", test_deadline_near);
  ADD ("failure/captcha", test_captcha);
  ADD ("failure/captcha-in-flight", test_captcha_in_flight);
  ADD ("failure/block-word-in-event", test_block_word_in_event);
  ADD ("failure/rate-limited", test_rate_limited);
  ADD ("failure/rate-limited-far-ahead", test_rate_limited_far_ahead);
  ADD ("failure/server-error", test_server_error);
  ADD ("failure/timeout", test_timeout);
  ADD ("failure/stall-stops-run", test_stall_stops_run);
  ADD ("failure/reset", test_reset);
  ADD ("failure/truncated", test_truncated);
  ADD ("failure/too-large", test_too_large);
  ADD ("failure/deeply-nested", test_deeply_nested);
  ADD ("failure/bad-number-alone", test_bad_number_alone);
  ADD ("refresh/cancel", test_cancel);
  ADD ("refresh/queued", test_queued_refreshes);
  ADD ("refresh/budget", test_budget);
  ADD ("17track/register-then-track", test_17track_register_then_track);
  ADD ("17track/not-registered", test_17track_not_registered);
  ADD ("17track/rejected", test_17track_rejected);
  ADD ("17track/quota", test_17track_quota);
  ADD ("17track/bad-key", test_17track_bad_key);
  ADD ("17track/no-key", test_17track_no_key);
  ADD ("17track/redirect-keeps-key", test_17track_redirect);
  ADD ("17track/plain-http-refused", test_17track_plain_http);
  ADD ("cli/add-refresh-show", test_cli);
  g_test_add_func ("/core/tracking/client/config/env-urls", test_env_urls);
  g_test_add_func ("/core/tracking/client/config/key-from-env", test_key_from_env);
  g_test_add_func ("/core/tracking/client/config/key-without-keyring", test_key_without_keyring);

  return g_test_run ();
}
