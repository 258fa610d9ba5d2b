/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a tracking answer's events become in the store: which are the same event, and which
 * texts and times are not taken as they came. A real HTTP server on 127.0.0.1 answers in
 * Cainiao's and 17TRACK's formats; the store is a real SQLite file. */
#include "config.h"

#include <string.h>

#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-test-server.h"
#include "ow-test-util.h"
#include "ow-tracking-client.h"

typedef struct
{
  OwTestServer      *server;
  OwStore           *store;
  OwTrackingClient  *client;
  GMainLoop         *loop;
  OwTrackingSummary *summary;
  GError            *error;
  gint64             order_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = ow_test_db_path ("events");
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) order = ow_order_new ();

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

  /* Placed late in 2023, before the events the carriers report. */
  ow_order_set_order_number (order, "8100000000001");
  ow_order_set_time (order, OW_EVENT_PLACED, 1698000000, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, 1698000060, OW_FACT_USER);
  g_assert_true (ow_store_add_order (fixture->store, order, &error));
  g_assert_no_error (error);
  fixture->order_id = ow_order_get_id (order);
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
}

static gint64
add_parcel (Fixture    *fixture,
            const char *number,
            const char *provider)
{
  g_autoptr(OwParcel) parcel = ow_parcel_new (fixture->order_id, number, provider);
  g_autoptr(GError) error = NULL;

  g_assert_true (ow_store_add_parcel (fixture->store, parcel, &error));
  g_assert_no_error (error);
  return ow_parcel_get_id (parcel);
}

static GPtrArray *
list_events (Fixture *fixture,
             gint64   parcel_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = ow_store_list_tracking_events (fixture->store, parcel_id, &error);

  g_assert_no_error (error);
  return events;
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

/* Refreshes the order's parcels, due or not, and waits. */
static OwTrackingSummary *
refresh (Fixture *fixture)
{
  g_clear_pointer (&fixture->summary, ow_tracking_summary_free);
  ow_tracking_client_refresh_async (fixture->client, &fixture->order_id, 1, NULL,
                                    on_refreshed_cb, fixture);
  g_main_loop_run (fixture->loop);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (fixture->summary);
  return fixture->summary;
}

/* A Cainiao module of @n events one hour apart, newest first, each with its own actionCode
 * and the text "@wording N". */
static char *
cainiao_module (const char *number,
                guint       n,
                const char *wording)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "{\"mailNo\":\"%s\",\"mailNoSource\":\"AE\","
                                "\"status\":\"DELIVERING\",\"detailList\":[", number);
  for (guint i = n; i > 0; i--)
    g_string_append_printf (text, "%s{\"time\":%" G_GINT64_FORMAT ",\"timeZone\":\"GMT+8\","
                                  "\"desc\":\"%s %u\",\"actionCode\":\"GTMS_SC_ARRIVE_%u\"}",
                            i == n ? "" : ",", G_GINT64_CONSTANT (1700000000000) + i * 3600000,
                            wording, i, i);
  g_string_append (text, "]}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_reworded_stored_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *first = cainiao_module ("AE010698498", 90, "Arrived at sorting center");
  g_autofree char *second = cainiao_module ("AE010698498", 90, "Arrived at the sorting centre");
  gint64 id = add_parcel (fixture, "AE010698498", OW_PROVIDER_CAINIAO);
  g_autoptr(GPtrArray) events = NULL;
  OwTrackingSummary *summary;

  ow_test_server_add_cainiao_module (fixture->server, first);
  summary = refresh (fixture);
  g_assert_cmpuint (summary->n_new_events, ==, 90);

  /* Cainiao rewords every text: the same 90 events, in the newest words. */
  ow_test_server_add_cainiao_module (fixture->server, second);
  summary = refresh (fixture);
  g_assert_cmpuint (summary->n_failed, ==, 0);
  g_assert_cmpuint (summary->n_new_events, ==, 0);
  events = list_events (fixture, id);
  g_assert_cmpuint (events->len, ==, 90);
  for (guint i = 0; i < events->len; i++)
    g_assert_true (g_str_has_prefix (
      ow_tracking_event_get_description (g_ptr_array_index (events, i)),
      "Arrived at the sorting centre "));
  g_assert_cmpstr (ow_tracking_event_get_key (g_ptr_array_index (events, 0)), ==,
                   "code:GTMS_SC_ARRIVE_90");
}

static void
test_same_instant_different_codes (Fixture       *fixture,
                                   gconstpointer  data)
{
  /* As captured: two scans of one millisecond, one text ("Carrier update" says nothing, so
   * the raw text is used, and both have the same). */
  const char *module =
    "{\"mailNo\":\"AE010698498\",\"mailNoSource\":\"AE\",\"status\":\"DELIVERING\","
    "\"detailList\":["
    "{\"time\":1674562821000,\"desc\":\"Processed\",\"standerdDesc\":\"Carrier update\","
    "\"actionCode\":\"SC_INBOUND_SUCCESS\"},"
    "{\"time\":1674562821000,\"desc\":\"Processed\",\"standerdDesc\":\"Carrier update\","
    "\"actionCode\":\"PU_PICKUP_SUCCESS\"}]}";
  gint64 id = add_parcel (fixture, "AE010698498", OW_PROVIDER_CAINIAO);
  g_autoptr(GPtrArray) events = NULL;
  OwTrackingSummary *summary;

  ow_test_server_add_cainiao_module (fixture->server, module);
  summary = refresh (fixture);
  g_assert_cmpuint (summary->n_new_events, ==, 2);
  events = list_events (fixture, id);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (ow_tracking_event_get_raw_code (g_ptr_array_index (events, 0)), ==,
                   "SC_INBOUND_SUCCESS");
  g_assert_cmpstr (ow_tracking_event_get_raw_code (g_ptr_array_index (events, 1)), ==,
                   "PU_PICKUP_SUCCESS");

  /* Asked again, nothing new. */
  summary = refresh (fixture);
  g_assert_cmpuint (summary->n_new_events, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = list_events (fixture, id);
  g_assert_cmpuint (events->len, ==, 2);
}

static void
test_17track_keyed_by_text (Fixture       *fixture,
                            gconstpointer  data)
{
  /* 17TRACK's sub_status classifies events and has no code of its own: two events of one
   * instant with one sub_status are two events. */
  const char *info =
    "{\"latest_status\":{\"status\":\"InTransit\",\"sub_status\":\"InTransit_Other\"},"
    "\"tracking\":{\"providers\":[{\"provider\":{\"name\":\"UPS\"},\"events\":["
    "{\"time_utc\":\"2023-11-02T10:00:00Z\",\"description\":\"Departed facility\","
    "\"sub_status\":\"InTransit_Other\"},"
    "{\"time_utc\":\"2023-11-02T10:00:00Z\",\"description\":\"Arrived at facility\","
    "\"sub_status\":\"InTransit_Other\"}]}]}}";
  gint64 id = add_parcel (fixture, "1Z999AA10123456784", OW_PROVIDER_17TRACK);
  g_autoptr(GPtrArray) events = NULL;

  ow_test_server_add_17track_info (fixture->server, "1Z999AA10123456784", info);
  refresh (fixture);
  events = list_events (fixture, id);
  g_assert_cmpuint (events->len, ==, 2);
  for (guint i = 0; i < events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (events, i);
      g_autofree char *key = g_strconcat ("text:", ow_tracking_event_get_description (event),
                                          NULL);

      g_assert_cmpstr (ow_tracking_event_get_key (event), ==, key);
    }
}

static void
test_not_utf8 (Fixture       *fixture,
               gconstpointer  data)
{
  /* One stray byte in one event's text: the answer is not stored, and the message says
   * where. */
  const char *body =
    "{\"success\":true,\"module\":[{\"mailNo\":\"AE010698498\",\"mailNoSource\":\"AE\","
    "\"status\":\"DELIVERING\",\"detailList\":[{\"time\":1674562821000,"
    "\"desc\":\"Arriv\xe9 au centre\",\"actionCode\":\"SC_INBOUND_SUCCESS\"}]}]}";
  gint64 id = add_parcel (fixture, "AE010698498", OW_PROVIDER_CAINIAO);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingSummary *summary;

  ow_test_server_push_reply (fixture->server, "/global/detail.json", OW_TEST_REPLY_BODY, 200,
                             "application/json", body, strlen (body), NULL, NULL);
  summary = refresh (fixture);
  g_assert_cmpuint (summary->n_failed, ==, 1);
  events = list_events (fixture, id);
  g_assert_cmpuint (events->len, ==, 0);
  parcel = ow_store_get_parcel (fixture->store, id, NULL);
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "not valid UTF-8"));
  g_assert_nonnull (strstr (ow_parcel_get_last_error (parcel), "“desc”"));
}

static void
test_long_text_cut (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (200000, 'x');
  g_autofree char *module = g_strdup_printf (
    "{\"mailNo\":\"AE010698498\",\"mailNoSource\":\"AE\",\"status\":\"DELIVERING\","
    "\"destCpInfo\":{\"cpName\":\"%s\"},\"detailList\":[{\"time\":1674562821000,"
    "\"desc\":\"[%s] Arrived\",\"actionCode\":\"SC_INBOUND_SUCCESS\"}]}", huge, huge);
  gint64 id = add_parcel (fixture, "AE010698498", OW_PROVIDER_CAINIAO);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingEvent *event;

  ow_test_server_add_cainiao_module (fixture->server, module);
  refresh (fixture);
  events = list_events (fixture, id);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpint (g_utf8_strlen (ow_tracking_event_get_description (event), -1), ==,
                   OW_TRACKING_TEXT_MAX);
  g_assert_true (g_str_has_suffix (ow_tracking_event_get_description (event), "…"));
  if (ow_tracking_event_get_location (event) != NULL)
    g_assert_cmpint (g_utf8_strlen (ow_tracking_event_get_location (event), -1), <=,
                     OW_TRACKING_TEXT_MAX);
  parcel = ow_store_get_parcel (fixture->store, id, NULL);
  g_assert_cmpint (g_utf8_strlen (ow_parcel_get_carrier (parcel), -1), ==, OW_TRACKING_TEXT_MAX);
}

static void
test_insane_times (Fixture       *fixture,
                   gconstpointer  data)
{
  /* INT64_MAX milliseconds, as Cainiao has sent: the printed time stands in when there is
   * one; an event with no true time is left out, and so is an ETA in the year 292 million. */
  const char *module =
    "{\"mailNo\":\"AE010698498\",\"mailNoSource\":\"AE\",\"status\":\"DELIVERING\","
    "\"globalEtaInfo\":{\"deliveryMinTime\":9223372036854775807,"
    "\"deliveryMaxTime\":1675000000000},\"detailList\":["
    "{\"time\":9223372036854775807,\"desc\":\"Never\",\"actionCode\":\"LH_ARRIVE\"},"
    "{\"time\":9223372036854775807,\"timeStr\":\"2023-01-27 13:23:00\","
    "\"desc\":\"Arrived\",\"actionCode\":\"LH_DEPART\"},"
    "{\"time\":-5000,\"desc\":\"Before time\",\"actionCode\":\"GWMS_ACCEPT\"},"
    "{\"time\":1674562821000,\"desc\":\"Accepted\",\"actionCode\":\"PU_PICKUP_SUCCESS\"}]}";
  const char *info =
    "{\"latest_status\":{\"status\":\"InTransit\"},"
    "\"time_metrics\":{\"estimated_delivery_date\":{\"from\":\"9999-12-31T23:59:59Z\"}},"
    "\"tracking\":{\"providers\":[{\"provider\":{\"name\":\"UPS\"},\"events\":["
    "{\"time_utc\":\"9999-12-31T23:59:59Z\",\"description\":\"Far away\"},"
    "{\"time_utc\":\"2023-11-02T10:00:00Z\",\"description\":\"Departed facility\"}]}]}}";
  gint64 cainiao = add_parcel (fixture, "AE010698498", OW_PROVIDER_CAINIAO);
  gint64 seventeen = add_parcel (fixture, "1Z999AA10123456784", OW_PROVIDER_17TRACK);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(OwOrder) order = NULL;

  ow_test_server_add_cainiao_module (fixture->server, module);
  ow_test_server_add_17track_info (fixture->server, "1Z999AA10123456784", info);
  refresh (fixture);

  events = list_events (fixture, cainiao);
  g_assert_cmpuint (events->len, ==, 2);
  /* 2023-01-27 13:23:00 printed in UTC+8. */
  g_assert_cmpint (ow_tracking_event_get_time (g_ptr_array_index (events, 0)), ==, 1674796980);
  g_assert_cmpint (ow_tracking_event_get_time (g_ptr_array_index (events, 1)), ==, 1674562821);
  parcel = ow_store_get_parcel (fixture->store, cainiao, NULL);
  g_assert_cmpint (ow_parcel_get_last_movement (parcel), ==, 1674796980);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = list_events (fixture, seventeen);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (ow_tracking_event_get_description (g_ptr_array_index (events, 0)), ==,
                   "Departed facility");

  /* Nothing insane reached the order's facts either. */
  order = ow_store_get_order (fixture->store, fixture->order_id, NULL);
  for (guint e = 0; e < OW_N_EVENTS; e++)
    g_assert_cmpint (ow_order_get_time (order, e), <, G_GINT64_CONSTANT (4133980799));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/tracking/events/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("cainiao/reworded-stored-once", test_reworded_stored_once);
  ADD ("cainiao/same-instant-different-codes", test_same_instant_different_codes);
  ADD ("17track/keyed-by-text", test_17track_keyed_by_text);
  ADD ("cainiao/not-utf8", test_not_utf8);
  ADD ("cainiao/long-text-cut", test_long_text_cut);
  ADD ("times/insane-left-out", test_insane_times);

  return g_test_run ();
}
