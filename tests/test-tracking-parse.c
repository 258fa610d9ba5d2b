/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The providers' parsers on real captured bodies and on the ways they go wrong, plus
 * the pure scheduling rules. No network here: see test-tracking-client.c. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "ow-error.h"
#include "ow-parcel.h"
#include "ow-test-server.h"
#include "ow-test-util.h"
#include "ow-tracking-17track.h"
#include "ow-tracking-cainiao.h"
#include "ow-tracking-event.h"

#define HOUR 3600
#define DAY  (24 * HOUR)
/* 2026-03-01T00:00:00Z: a fixed "now". */
#define T0   G_GINT64_CONSTANT (1772323200)

static GPtrArray *
parse (OwTrackingProvider  *provider,
       OwTrackingStep       step,
       const char * const  *numbers,
       const char          *body,
       GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return ow_tracking_provider_parse_response (provider, step, numbers, bytes, error);
}

static OwTrackingResult *
result_at (GPtrArray *results,
           guint      i)
{
  return g_ptr_array_index (results, i);
}

static OwTrackingEvent *
event_at (OwTrackingResult *result,
          guint             i)
{
  return g_ptr_array_index (result->events, i);
}

/* Cainiao */

static void
test_cainiao_in_transit (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new ("http://unused");
  g_autofree char *body = ow_test_read_tracking_fixture ("cainiao-in-transit.json");
  const char *numbers[] = { "AE010698498", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  OwTrackingResult *result;

  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers, body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = result_at (results, 0);
  g_assert_null (result->error);
  g_assert_cmpstr (result->number, ==, "AE010698498");
  /* The newest event, LH_ARRIVE, decides; module.status DELIVERING would not. */
  g_assert_true (result->status_known);
  g_assert_cmpint (result->status, ==, OW_TRACKING_STATUS_IN_TRANSIT);
  g_assert_cmpstr (result->raw_status, ==, "DELIVERING (Delivering)");
  g_assert_cmpuint (result->events->len, ==, 15);

  /* Newest first; "time" in ms is the authority, whatever timeZone says. */
  g_assert_cmpint (ow_tracking_event_get_time (event_at (result, 0)), ==, 1674796980);
  g_assert_cmpstr (ow_tracking_event_get_raw_code (event_at (result, 0)), ==, "LH_ARRIVE");
  g_assert_cmpstr (ow_tracking_event_get_description (event_at (result, 0)), ==,
                   "Arrived at linehual office");
  g_assert_cmpint (ow_tracking_event_get_time (event_at (result, 14)), ==, 1674496773);
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result, 14)), ==,
                   OW_TRACKING_STATUS_INFO_RECEIVED);
  for (guint i = 1; i < result->events->len; i++)
    g_assert_cmpint (ow_tracking_event_get_time (event_at (result, i - 1)), >=,
                     ow_tracking_event_get_time (event_at (result, i)));

  /* Customs start is InCustoms; an unknown code carries the status before it. */
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result, 2)), ==,
                   OW_TRACKING_STATUS_IN_CUSTOMS);
  g_assert_cmpstr (ow_tracking_event_get_raw_code (event_at (result, 6)), ==,
                   "TRANSIT_PORT_REROUTE_CALLBACK");
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result, 6)), ==,
                   OW_TRACKING_STATUS_IN_TRANSIT);
  /* "Carrier update" says nothing: the raw text is kept instead. */
  g_assert_cmpstr (ow_tracking_event_get_description (event_at (result, 6)), ==,
                   "preMainCode:SINOA00241668IL");
  g_assert_cmpstr (ow_tracking_event_get_description (event_at (result, 11)), ==,
                   "包裹已出库");
  /* "[Shatian Town] …" gives the place. */
  g_assert_cmpstr (ow_tracking_event_get_location (event_at (result, 8)), ==, "Shatian Town");
  g_assert_null (ow_tracking_event_get_location (event_at (result, 0)));
}

static void
test_cainiao_no_events (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  g_autofree char *body = ow_test_read_tracking_fixture ("cainiao-no-events.json");
  const char *numbers[] = { "UZ0556033196Y", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  OwTrackingResult *result;

  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers, body, &error);
  g_assert_no_error (error);
  result = result_at (results, 0);
  g_assert_null (result->error);
  /* SELLER_PREPARING without events: awaiting seller dispatch. */
  g_assert_true (result->status_known);
  g_assert_cmpint (result->status, ==, OW_TRACKING_STATUS_INFO_RECEIVED);
  g_assert_cmpuint (result->events->len, ==, 0);
  g_assert_cmpint (result->eta_min, ==, 1701561597);
  g_assert_cmpint (result->eta_max, ==, 1701561597);
}

static void
test_cainiao_match_by_mail_no (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  /* Modules in another order than asked, one number left out, one unknown. */
  const char *body =
    "{\"success\":true,\"module\":["
    "{\"mailNo\":\"LP00000000000002\",\"mailNoSource\":\"EXTERNAL\",\"detailList\":[]},"
    "{\"mailNo\":\"AE000000003\",\"mailNoSource\":\"AE\",\"status\":\"DELIVERED\","
    " \"statusDesc\":\"Delivered \",\"destCpInfo\":{\"cpName\":\"Israel Post\"},"
    " \"realMailNo\":\"Last mile tracking number:\\tRB123456785SG\","
    " \"detailList\":[{\"time\":1700000000000,\"desc\":\"Delivered\","
    "  \"actionCode\":\"GTMS_SIGNED\"},"
    "  {\"time\":1699900000000,\"desc\":\"Out for delivery\",\"actionCode\":\"GTMS_DO_DEPART\"}]}"
    "]}";
  const char *numbers[] = { "AE000000003", "AE000000001", "LP00000000000002", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers, body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);

  g_assert_cmpstr (result_at (results, 0)->number, ==, "AE000000003");
  g_assert_cmpint (result_at (results, 0)->status, ==, OW_TRACKING_STATUS_DELIVERED);
  g_assert_cmpstr (result_at (results, 0)->carrier, ==, "Israel Post");
  g_assert_cmpstr (result_at (results, 0)->raw_status, ==, "DELIVERED (Delivered)");
  g_assert_cmpstr (result_at (results, 0)->next_number, ==, "RB123456785SG");
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result_at (results, 0), 1)), ==,
                   OW_TRACKING_STATUS_OUT_FOR_DELIVERY);

  /* Left out of the answer: that number alone fails. */
  g_assert_error (result_at (results, 1)->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED);

  /* EXTERNAL without events: Cainiao does not know it. */
  g_assert_null (result_at (results, 2)->error);
  g_assert_true (result_at (results, 2)->status_known);
  g_assert_cmpint (result_at (results, 2)->status, ==, OW_TRACKING_STATUS_NOT_FOUND);
}

static void
test_cainiao_action_codes (void)
{
  static const struct { const char *code; gboolean known; OwTrackingStatus status; } cases[] = {
    { "GWMS_ACCEPT", TRUE, OW_TRACKING_STATUS_INFO_RECEIVED },
    { "SC_OUTBOUND_SUCCESS", TRUE, OW_TRACKING_STATUS_IN_TRANSIT },
    { "CC_IM_START", TRUE, OW_TRACKING_STATUS_IN_CUSTOMS },
    { "GTMS_DELIVERING", TRUE, OW_TRACKING_STATUS_OUT_FOR_DELIVERY },
    { "GTMS_STA_SIGNED", TRUE, OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
    { "GSTA_BUYER_SIGN", TRUE, OW_TRACKING_STATUS_DELIVERED },
    { "GTMS_SIGN_FAILURE", TRUE, OW_TRACKING_STATUS_DELIVERY_FAILED },
    { "RT_SIGNED", TRUE, OW_TRACKING_STATUS_RETURNING },
    { "RETURNED", TRUE, OW_TRACKING_STATUS_RETURNING },
    { "LH_HO_FAILURE", TRUE, OW_TRACKING_STATUS_EXCEPTION },
    { "GWMS_CANCEL", TRUE, OW_TRACKING_STATUS_EXCEPTION },
    { "TRANSIT_PORT_REROUTE_CALLBACK", FALSE, OW_TRACKING_STATUS_NOT_FOUND },
    { "", FALSE, OW_TRACKING_STATUS_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OwTrackingStatus status = OW_TRACKING_STATUS_NOT_FOUND;

      g_assert_cmpint (ow_tracking_cainiao_action_status (cases[i].code, &status), ==,
                       cases[i].known);
      g_assert_cmpint (status, ==, cases[i].status);
    }
}

static void
test_cainiao_unknown_newest_code (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  const char *numbers[] = { "AE000000009", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* Unknown newest code: module.status decides; neither known: no status at all. */
  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers,
                   "{\"module\":[{\"mailNo\":\"AE000000009\",\"status\":\"CLEAR_CUSTOMS\","
                   "\"detailList\":[{\"time\":\"1700000000000\",\"desc\":\"x\","
                   "\"actionCode\":\"NEW_CODE\"}]}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (result_at (results, 0)->status, ==, OW_TRACKING_STATUS_IN_CUSTOMS);
  /* A time given as a string of digits still counts. */
  g_assert_cmpint (ow_tracking_event_get_time (event_at (result_at (results, 0), 0)), ==,
                   1700000000);
  g_clear_pointer (&results, g_ptr_array_unref);

  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers,
                   "{\"module\":[{\"mailNo\":\"AE000000009\",\"status\":\"SOMETHING_NEW\","
                   "\"detailList\":[{\"time\":1700000000000,\"desc\":\"x\","
                   "\"actionCode\":\"NEW_CODE\"}]}]}", &error);
  g_assert_no_error (error);
  g_assert_false (result_at (results, 0)->status_known);
}

static void
test_cainiao_time_str_fallback (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  const char *numbers[] = { "AE000000009", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* Without "time", timeStr is read as UTC+8 whatever timeZone claims. */
  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers,
                   "{\"module\":[{\"mailNo\":\"AE000000009\",\"detailList\":["
                   "{\"timeStr\":\"2023-01-27 13:23:00\",\"timeZone\":\"GMT+2\","
                   "\"standerdDesc\":\"Arrived\",\"actionCode\":\"LH_ARRIVE\"},"
                   "{\"desc\":\"no time at all\"}]}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result_at (results, 0)->events->len, ==, 1);
  g_assert_cmpint (ow_tracking_event_get_time (event_at (result_at (results, 0), 0)), ==,
                   1674796980);
}

static void
test_cainiao_bad_bodies (void)
{
  static const struct { const char *body; int code; } cases[] = {
    { "<!DOCTYPE html><html><body>Please slide to verify</body></html>",
      OW_TRACKING_ERROR_BLOCKED },
    { "<html><script>window.location='/punish?x5secdata=abc'</script></html>",
      OW_TRACKING_ERROR_BLOCKED },
    { "{\"ret\":[\"FAIL_SYS_USER_VALIDATE::sorry\"],"
      "\"data\":{\"url\":\"https://x/_____tmd_____/punish\"}}",
      OW_TRACKING_ERROR_BLOCKED },
    { "{\"ret\":[\"FAIL_SYS_USER_VALIDATE::sorry\"]}", OW_TRACKING_ERROR_BLOCKED },
    { " {\"rgv587_flag\":\"sm\","
      "\"url\":\"//global.cainiao.com/punish?x5secdata=ab&x5step=1\"}",
      OW_TRACKING_ERROR_BLOCKED },
    { "{\"module\":[{\"mailNo\":\"AE000000009\",\"detailList\":[{\"ti",
      OW_TRACKING_ERROR_MALFORMED },
    { "", OW_TRACKING_ERROR_MALFORMED },
    { "   ", OW_TRACKING_ERROR_MALFORMED },
    { "{\"success\":false}", OW_TRACKING_ERROR_MALFORMED },
    { "[1,2,3]", OW_TRACKING_ERROR_MALFORMED },
    { "{\"module\":\"nope\"}", OW_TRACKING_ERROR_MALFORMED },
  };
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  const char *numbers[] = { "AE000000009", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers,
                                            cases[i].body, &error);

      g_assert_null (results);
      g_assert_error (error, OW_TRACKING_ERROR, cases[i].code);
    }
}

/* The words the anti-bot page carries may be in a real event: any body with "punish" in
 * it was taken for the captcha, and the provider blocked for hours. */
static void
test_cainiao_block_words_in_events (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  const char *numbers[] = { "AE000000009", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  OwTrackingResult *result;

  results = parse (cainiao, OW_TRACKING_STEP_TRACK, numbers,
                   "{\"success\":true,\"module\":[{\"mailNo\":\"AE000000009\","
                   "\"mailNoSource\":\"AE\",\"url\":\"https://x/punish\",\"detailList\":["
                   "{\"time\":1700000200000,\"desc\":\"Held by customs: the importer faces "
                   "punishment\",\"actionCode\":\"CC_IM_PROCESS\"},"
                   "{\"time\":1700000100000,\"desc\":\"FAIL_SYS_USER_VALIDATE x5secdata\","
                   "\"actionCode\":\"LH_ARRIVE\"},"
                   "{\"time\":1700000000000,\"desc\":\"Accepted (ret: punish)\","
                   "\"actionCode\":\"GWMS_ACCEPT\"}]}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = result_at (results, 0);
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->events->len, ==, 3);
  g_assert_cmpint (result->status, ==, OW_TRACKING_STATUS_IN_CUSTOMS);
  g_assert_nonnull (strstr (ow_tracking_event_get_description (event_at (result, 0)),
                            "punishment"));
}

/* 80,000 levels crashed json-glib, and with it every refresh and every start of the window
 * while a server answered so: now one malformed answer, like any other. */
static void
test_deeply_nested (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new (NULL);
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (NULL, "k");
  const char *numbers[] = { "AE000000009", NULL };
  static const char *prefixes[] = {
    "", "{\"success\":true,\"module\":", "{\"code\":0,\"data\":",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    for (guint p = 0; p < 2; p++)
      {
        g_autoptr(GBytes) body = ow_test_nested_json (prefixes[i], 80000, i > 0 ? "}" : "");
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) results = NULL;

        results = ow_tracking_provider_parse_response (p == 0 ? cainiao : seventeen,
                                                       OW_TRACKING_STEP_TRACK, numbers, body,
                                                       &error);
        g_assert_null (results);
        g_assert_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED);
        g_assert_nonnull (strstr (error->message, "nested more than 64 levels"));
      }
}

static void
test_cainiao_request (void)
{
  g_autoptr(OwTrackingProvider) cainiao = ow_tracking_cainiao_new ("http://127.0.0.1:9/base/");
  const char *numbers[] = { "AE000000001", "LP00000000000002", NULL };
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  message = ow_tracking_provider_build_request (cainiao, OW_TRACKING_STEP_TRACK, numbers, &error);
  g_assert_no_error (error);
  uri = g_uri_to_string (soup_message_get_uri (message));
  g_assert_cmpstr (soup_message_get_method (message), ==, "GET");
  g_assert_cmpstr (uri, ==, "http://127.0.0.1:9/base/global/detail.json"
                            "?mailNos=AE000000001%2CLP00000000000002&lang=en-US");
  g_assert_cmpuint (ow_tracking_provider_get_batch_size (cainiao), ==, 10);
  g_assert_false (ow_tracking_provider_has_step (cainiao, OW_TRACKING_STEP_REGISTER));
}

/* 17TRACK */

static char *
seventeen_body_from_fixture (const char *number)
{
  g_autofree char *fixture = ow_test_read_tracking_fixture ("17track-track-info.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *data, *item;
  JsonNode *track_info;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *out_data = json_object_new ();
  JsonArray *accepted = json_array_new ();

  g_assert_true (json_parser_load_from_data (parser, fixture, -1, NULL));
  data = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "data");
  track_info = json_object_get_member (data, "track_info");

  item = json_object_new ();
  json_object_set_string_member (item, "number", number);
  json_object_set_int_member (item, "carrier", 3011);
  json_object_set_member (item, "track_info", json_node_copy (track_info));
  json_array_add_object_element (accepted, item);
  json_object_set_array_member (out_data, "accepted", accepted);
  json_object_set_array_member (out_data, "rejected", json_array_new ());
  /* Numbers may come as strings: the code does here. */
  json_object_set_string_member (object, "code", "0");
  json_object_set_object_member (object, "data", out_data);
  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_17track_track_info (void)
{
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (NULL, "k");
  g_autofree char *body = seventeen_body_from_fixture ("1Z2617V10397725789");
  const char *numbers[] = { "1Z2617V10397725789", NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  OwTrackingResult *result;

  results = parse (seventeen, OW_TRACKING_STEP_TRACK, numbers, body, &error);
  g_assert_no_error (error);
  result = result_at (results, 0);
  g_assert_null (result->error);
  g_assert_cmpint (result->status, ==, OW_TRACKING_STATUS_DELIVERED);
  g_assert_cmpstr (result->raw_status, ==, "Delivered (Delivered_Other)");
  g_assert_cmpstr (result->carrier, ==, "UPS");
  g_assert_cmpuint (result->events->len, ==, 5);
  g_assert_cmpint (result->eta_min, ==, OW_TIME_UNSET);   /* null in the body */
  /* 2022-04-04T23:35:22Z */
  g_assert_cmpint (ow_tracking_event_get_time (event_at (result, 0)), ==, 1649115322);
  g_assert_cmpstr (ow_tracking_event_get_description (event_at (result, 0)), ==, "DELIVERED");
  g_assert_cmpstr (ow_tracking_event_get_location (event_at (result, 0)), ==, "GASQUET, CA, US");
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result, 0)), ==,
                   OW_TRACKING_STATUS_DELIVERED);
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result, 1)), ==,
                   OW_TRACKING_STATUS_OUT_FOR_DELIVERY);
  g_assert_cmpint (ow_tracking_event_get_status (event_at (result, 4)), ==,
                   OW_TRACKING_STATUS_INFO_RECEIVED);
  g_assert_cmpstr (ow_tracking_event_get_description (event_at (result, 4)), ==,
                   "Shipper created a label, UPS has not received the package yet.");
}

static void
test_17track_statuses (void)
{
  static const struct { const char *status, *sub; OwTrackingStatus expected; } cases[] = {
    { "NotFound", NULL, OW_TRACKING_STATUS_NOT_FOUND },
    { "InTransit", "InTransit_PickedUp", OW_TRACKING_STATUS_IN_TRANSIT },
    { "InTransit", "InTransit_CustomsProcessing", OW_TRACKING_STATUS_IN_CUSTOMS },
    { "InTransit", "InTransit_CustomsRequiringInformation", OW_TRACKING_STATUS_IN_CUSTOMS },
    { "OutForDelivery", NULL, OW_TRACKING_STATUS_OUT_FOR_DELIVERY },
    { "AvailableForPickup", NULL, OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
    { "DeliveryFailure", "DeliveryFailure_Other", OW_TRACKING_STATUS_DELIVERY_FAILED },
    { "Exception", "Exception_Returning", OW_TRACKING_STATUS_RETURNING },
    { "Exception", "Exception_Returned", OW_TRACKING_STATUS_RETURNING },
    { "Exception", "Exception_Damage", OW_TRACKING_STATUS_EXCEPTION },
    { "Expired", NULL, OW_TRACKING_STATUS_EXCEPTION },
  };
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (NULL, "k");
  const char *numbers[] = { "RR123456785CN", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;

      body = g_strdup_printf ("{\"code\":0,\"data\":{\"accepted\":[{\"number\":\"RR123456785CN\","
                              "\"track_info\":{\"latest_status\":{\"status\":\"%s\","
                              "\"sub_status\":%s%s%s}}}],\"rejected\":[]}}",
                              cases[i].status, cases[i].sub ? "\"" : "",
                              cases[i].sub ? cases[i].sub : "null", cases[i].sub ? "\"" : "");
      results = parse (seventeen, OW_TRACKING_STEP_TRACK, numbers, body, &error);
      g_assert_no_error (error);
      g_assert_true (result_at (results, 0)->status_known);
      g_assert_cmpint (result_at (results, 0)->status, ==, cases[i].expected);
    }
}

static void
test_17track_rejected (void)
{
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (NULL, "k");
  const char *numbers[] = { "RR000000005CN", "RR000000015CN", "RR000000025CN", "RR000000035CN",
                            "RR000000045CN", NULL };
  const char *body =
    "{\"code\":0,\"data\":{\"accepted\":[],\"rejected\":["
    "{\"number\":\"RR000000005CN\",\"error\":{\"code\":-18019902,\"message\":\"not registered\"}},"
    "{\"number\":\"RR000000015CN\",\"error\":{\"code\":-18019909,\"message\":\"no info\"}},"
    "{\"number\":\"RR000000025CN\",\"error\":{\"code\":\"-18019907\",\"message\":\"quota\"}},"
    "{\"number\":\"RR000000035CN\",\"error\":{\"code\":-18019903,\"message\":\"bad carrier\"}}"
    "]}}";
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = parse (seventeen, OW_TRACKING_STEP_TRACK, numbers, body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 5);
  g_assert_true (result_at (results, 0)->needs_register);
  g_assert_null (result_at (results, 0)->error);
  /* No information yet is not a failure. */
  g_assert_null (result_at (results, 1)->error);
  g_assert_false (result_at (results, 1)->status_known);
  g_assert_error (result_at (results, 2)->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_QUOTA);
  g_assert_error (result_at (results, 3)->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_REJECTED);
  g_assert_nonnull (strstr (result_at (results, 3)->error->message, "bad carrier"));
  g_assert_error (result_at (results, 4)->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED);
}

static void
test_17track_register (void)
{
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (NULL, "k");
  const char *numbers[] = { "RR000000005CN", "RR000000015CN", NULL };
  const char *body =
    "{\"code\":0,\"data\":{\"accepted\":[{\"number\":\"RR000000015CN\",\"carrier\":3011}],"
    "\"rejected\":[{\"number\":\"RR000000005CN\",\"error\":{\"code\":-18019901,"
    "\"message\":\"already registered\"}}]}}";
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = parse (seventeen, OW_TRACKING_STEP_REGISTER, numbers, body, &error);
  g_assert_no_error (error);
  /* Already registered counts as registered. */
  g_assert_null (result_at (results, 0)->error);
  g_assert_null (result_at (results, 1)->error);
  g_assert_cmpuint (result_at (results, 1)->events->len, ==, 0);
}

static void
test_17track_whole_errors (void)
{
  static const struct { const char *body; int code; } cases[] = {
    { "{\"code\":-18019908,\"data\":{\"errors\":[]}}", OW_TRACKING_ERROR_QUOTA },
    { "{\"code\":-18010014,\"data\":null}", OW_TRACKING_ERROR_REJECTED },
    { "{\"data\":{}}", OW_TRACKING_ERROR_MALFORMED },
    { "{\"code\":0,\"data\":{\"accepted\":[", OW_TRACKING_ERROR_MALFORMED },
    { "<html>Access denied</html>", OW_TRACKING_ERROR_BLOCKED },
  };
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (NULL, "k");
  const char *numbers[] = { "RR000000005CN", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = parse (seventeen, OW_TRACKING_STEP_TRACK, numbers,
                                            cases[i].body, &error);

      g_assert_null (results);
      g_assert_error (error, OW_TRACKING_ERROR, cases[i].code);
    }
}

static void
test_17track_request (void)
{
  g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new ("http://127.0.0.1:9", NULL);
  const char *numbers[] = { "RR123456785CN", NULL };
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  /* No key: no request, and the user is told where to add one. */
  message = ow_tracking_provider_build_request (seventeen, OW_TRACKING_STEP_TRACK, numbers, &error);
  g_assert_null (message);
  g_assert_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_NO_KEY);
  g_clear_error (&error);

  ow_tracking_17track_set_api_key (OW_TRACKING_17TRACK (seventeen), "secret");
  message = ow_tracking_provider_build_request (seventeen, OW_TRACKING_STEP_REGISTER, numbers,
                                                &error);
  g_assert_no_error (error);
  uri = g_uri_to_string (soup_message_get_uri (message));
  g_assert_cmpstr (uri, ==, "http://127.0.0.1:9/track/v2.2/register");
  g_assert_cmpstr (soup_message_get_method (message), ==, "POST");
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (message),
                                                 "17token"), ==, "secret");
  g_assert_cmpuint (ow_tracking_provider_get_batch_size (seventeen), ==, 40);
  /* The key must not follow a redirect. */
  g_assert_true (soup_message_query_flags (message, SOUP_MESSAGE_NO_REDIRECT));
}

/* The key only over HTTPS, or plain HTTP that stays on this machine. */
static void
test_17track_https_only (void)
{
  static const struct { const char *url; gboolean allowed; } cases[] = {
    { "https://api.17track.net", TRUE },
    { "HTTPS://api.17track.net/", TRUE },
    { "http://127.0.0.1:9", TRUE },
    { "http://127.1.2.3:9", TRUE },
    { "http://[::1]:9/base", TRUE },
    { "http://localhost:8080", TRUE },
    { "http://api.17track.net", FALSE },
    { "http://127.0.0.1.example.net", FALSE },
    { "http://10.0.0.1", FALSE },
    { "ftp://127.0.0.1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OwTrackingProvider) seventeen = ow_tracking_17track_new (cases[i].url, "secret");
      const char *numbers[] = { "RR123456785CN", NULL };
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].url);
      message = ow_tracking_provider_build_request (seventeen, OW_TRACKING_STEP_TRACK, numbers,
                                                    &error);
      if (cases[i].allowed)
        {
          g_assert_no_error (error);
          g_assert_nonnull (message);
          continue;
        }
      g_assert_null (message);
      if (g_str_has_prefix (cases[i].url, "ftp"))
        continue;
      g_assert_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_INSECURE);
      g_assert_nonnull (strstr (error->message, cases[i].url));
      g_assert_nonnull (strstr (error->message, "https://"));
    }
}

/* Status resolution and scheduling */

static void
test_resolve_backwards (void)
{
  g_autoptr(OwTrackingResult) result = ow_tracking_result_new ("AE000000001");

  result->status = OW_TRACKING_STATUS_IN_TRANSIT;
  result->status_known = TRUE;
  g_ptr_array_add (result->events, ow_tracking_event_new (T0, OW_TRACKING_STATUS_IN_TRANSIT,
                                                          NULL, "Departed", NULL));

  /* Cainiao flips DELIVERED back to DELIVERING without a new event: ignored. */
  g_assert_cmpint (ow_tracking_result_resolve_status (result, OW_TRACKING_STATUS_DELIVERED, T0),
                   ==, OW_TRACKING_STATUS_DELIVERED);
  /* A newer event moving it back is believed. */
  g_assert_cmpint (ow_tracking_result_resolve_status (result, OW_TRACKING_STATUS_DELIVERED,
                                                      T0 - HOUR),
                   ==, OW_TRACKING_STATUS_IN_TRANSIT);
  /* Forwards always. */
  g_assert_cmpint (ow_tracking_result_resolve_status (result, OW_TRACKING_STATUS_INFO_RECEIVED,
                                                      T0 + DAY),
                   ==, OW_TRACKING_STATUS_IN_TRANSIT);
  /* Unknown: keep. */
  result->status_known = FALSE;
  g_assert_cmpint (ow_tracking_result_resolve_status (result, OW_TRACKING_STATUS_IN_CUSTOMS,
                                                      T0 - DAY),
                   ==, OW_TRACKING_STATUS_IN_CUSTOMS);
}

static void
test_schedule (void)
{
  static const struct
  {
    const char       *name;
    OwTrackingStatus  status;
    gint64            last_movement;
    gint64            delivered_at;
    gint64            deadline;
    gint64            expected;       /* from T0, or OW_TIME_UNSET */
  } cases[] = {
    { "default", OW_TRACKING_STATUS_IN_TRANSIT, T0 - DAY, OW_TIME_UNSET, OW_TIME_UNSET, 6 * HOUR },
    { "never moved", OW_TRACKING_STATUS_NOT_FOUND, OW_TIME_UNSET, OW_TIME_UNSET, OW_TIME_UNSET,
      6 * HOUR },
    { "out for delivery", OW_TRACKING_STATUS_OUT_FOR_DELIVERY, T0 - HOUR, OW_TIME_UNSET,
      OW_TIME_UNSET, 2 * HOUR },
    { "deadline in 2 days", OW_TRACKING_STATUS_IN_TRANSIT, T0 - DAY, OW_TIME_UNSET, T0 + 2 * DAY,
      2 * HOUR },
    { "deadline in 4 days", OW_TRACKING_STATUS_IN_TRANSIT, T0 - DAY, OW_TIME_UNSET, T0 + 4 * DAY,
      6 * HOUR },
    { "deadline passed", OW_TRACKING_STATUS_IN_TRANSIT, T0 - DAY, OW_TIME_UNSET, T0 - DAY,
      6 * HOUR },
    { "quiet 10 days", OW_TRACKING_STATUS_IN_TRANSIT, T0 - 10 * DAY, OW_TIME_UNSET, OW_TIME_UNSET,
      DAY },
    { "quiet 9 days", OW_TRACKING_STATUS_IN_TRANSIT, T0 - 9 * DAY, OW_TIME_UNSET, OW_TIME_UNSET,
      6 * HOUR },
    { "quiet but deadline near", OW_TRACKING_STATUS_IN_TRANSIT, T0 - 20 * DAY, OW_TIME_UNSET,
      T0 + DAY, 2 * HOUR },
    { "delivered today", OW_TRACKING_STATUS_DELIVERED, T0 - HOUR, T0 - HOUR, OW_TIME_UNSET,
      6 * HOUR },
    { "delivered 6 days ago", OW_TRACKING_STATUS_DELIVERED, T0 - 6 * DAY, T0 - 6 * DAY,
      OW_TIME_UNSET, 6 * HOUR },
    { "delivered 7 days ago", OW_TRACKING_STATUS_DELIVERED, T0 - 7 * DAY, T0 - 7 * DAY,
      OW_TIME_UNSET, OW_TIME_UNSET },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 next = ow_tracking_schedule_next_check (cases[i].status, cases[i].last_movement,
                                                     cases[i].delivered_at, cases[i].deadline, T0);

      g_test_message ("%s", cases[i].name);
      if (cases[i].expected == OW_TIME_UNSET)
        g_assert_cmpint (next, ==, OW_TIME_UNSET);
      else
        g_assert_cmpint (next - T0, ==, cases[i].expected);
    }
}

static void
test_backoff (void)
{
  g_assert_cmpint (ow_tracking_schedule_backoff (1, T0) - T0, ==, 15 * 60);
  g_assert_cmpint (ow_tracking_schedule_backoff (2, T0) - T0, ==, 30 * 60);
  g_assert_cmpint (ow_tracking_schedule_backoff (3, T0) - T0, ==, HOUR);
  g_assert_cmpint (ow_tracking_schedule_backoff (20, T0) - T0, ==, DAY);
  g_assert_cmpint (ow_tracking_schedule_backoff (G_MAXUINT, T0) - T0, ==, DAY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/tracking/cainiao/in-transit", test_cainiao_in_transit);
  g_test_add_func ("/core/tracking/cainiao/no-events", test_cainiao_no_events);
  g_test_add_func ("/core/tracking/cainiao/match-by-mail-no", test_cainiao_match_by_mail_no);
  g_test_add_func ("/core/tracking/cainiao/action-codes", test_cainiao_action_codes);
  g_test_add_func ("/core/tracking/cainiao/unknown-newest-code", test_cainiao_unknown_newest_code);
  g_test_add_func ("/core/tracking/cainiao/time-str-fallback", test_cainiao_time_str_fallback);
  g_test_add_func ("/core/tracking/cainiao/bad-bodies", test_cainiao_bad_bodies);
  g_test_add_func ("/core/tracking/cainiao/block-words-in-events",
                   test_cainiao_block_words_in_events);
  g_test_add_func ("/core/tracking/cainiao/request", test_cainiao_request);
  g_test_add_func ("/core/tracking/deeply-nested", test_deeply_nested);
  g_test_add_func ("/core/tracking/17track/track-info", test_17track_track_info);
  g_test_add_func ("/core/tracking/17track/statuses", test_17track_statuses);
  g_test_add_func ("/core/tracking/17track/rejected", test_17track_rejected);
  g_test_add_func ("/core/tracking/17track/register", test_17track_register);
  g_test_add_func ("/core/tracking/17track/whole-errors", test_17track_whole_errors);
  g_test_add_func ("/core/tracking/17track/request", test_17track_request);
  g_test_add_func ("/core/tracking/17track/https-only", test_17track_https_only);
  g_test_add_func ("/core/tracking/status/backwards", test_resolve_backwards);
  g_test_add_func ("/core/tracking/schedule/next-check", test_schedule);
  g_test_add_func ("/core/tracking/schedule/backoff", test_backoff);

  return g_test_run ();
}
