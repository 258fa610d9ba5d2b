/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Policies as data: the bundled files, user overrides, and malformed user files rejected
 * with a message naming the file, the rule and the field while the bundled policy stays. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ow-core-resources.h"
#include "ow-deadlines.h"
#include "ow-dispute-terms.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-test-util.h"
#include "ow-time.h"

static const char *aliexpress_rules[] = {
  "payment_due", "payment_review", "ship_by", "cancel_reply", "protection_end",
  "dispute_opens", "dispute_closes", "seller_response", "return_ship_by", "proposal_reply",
  "escalation", "refund_due", "paypal_dispute",
};

static void
test_bundled (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(GPtrArray) list = ow_policy_registry_list (registry);
  const char *names[] = { "AliExpress", "Amazon", "eBay", "Temu" };
  OwPolicy *aliexpress;

  g_assert_cmpuint (ow_policy_registry_get_warnings (registry)->len, ==, 0);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (ow_policy_get_name (g_ptr_array_index (list, i)), ==, names[i]);

  aliexpress = ow_policy_registry_lookup (registry, "aliexpress");
  g_assert_nonnull (aliexpress);
  g_assert_cmpstr (ow_policy_get_id (aliexpress), ==, "aliexpress");
  g_assert_cmpstr (g_time_zone_get_identifier (ow_policy_get_time_zone (aliexpress)), ==,
                   "America/Los_Angeles");
  g_assert_cmpint (ow_policy_get_default_processing_days (aliexpress), ==, 7);
  g_assert_cmpint (ow_policy_get_default_delivery_days (aliexpress), ==, 60);
  g_assert_cmpuint (ow_policy_get_n_rules (aliexpress), ==, G_N_ELEMENTS (aliexpress_rules));
  for (guint i = 0; i < G_N_ELEMENTS (aliexpress_rules); i++)
    {
      const OwRule *rule = ow_policy_find_rule (aliexpress, aliexpress_rules[i]);

      g_assert_nonnull (rule);
      g_assert_true (rule == ow_policy_get_rule (aliexpress, i));
    }
  g_assert_null (ow_policy_find_rule (aliexpress, "no_such_rule"));
  g_assert_null (ow_policy_registry_lookup (registry, "no-such-market"));
  g_assert_nonnull (ow_policy_registry_lookup (registry, "ebay"));
  g_assert_nonnull (ow_policy_registry_lookup (registry, "amazon"));
  g_assert_nonnull (ow_policy_registry_lookup (registry, "temu"));

  /* The dispute channels are no marketplaces: not listed, not an order's marketplace. */
  g_assert_null (ow_policy_registry_lookup (registry, "paypal"));
  g_assert_null (ow_policy_registry_lookup (registry, "card"));
  g_assert_true (ow_policy_registry_lookup_channel (registry, OW_CHANNEL_MARKETPLACE,
                                                    aliexpress) == aliexpress);
  g_assert_cmpstr (ow_policy_get_id (ow_policy_registry_lookup_channel (registry,
                                                                        OW_CHANNEL_PAYPAL,
                                                                        aliexpress)), ==,
                   "paypal");
  g_assert_cmpstr (ow_policy_get_id (ow_policy_registry_lookup_channel (registry,
                                                                        OW_CHANNEL_CARD,
                                                                        aliexpress)), ==,
                   "card");
}

/* Reasons, solutions, evidence limits and the order page's address are data. */
static void
test_dispute_terms (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  static const char *not_received[] = {
    "not_received_overdue", "no_tracking", "returned_to_seller", "held_in_customs",
    "wrong_address",
  };
  static const char *received[] = {
    "quality_issue", "not_as_described", "damaged_in_transit", "missing_items", "counterfeit",
    "other",
  };
  const OwDisputeTerms *terms =
    ow_policy_get_dispute_terms (ow_policy_registry_lookup (registry, "aliexpress"));
  g_autofree char *url = NULL;

  g_assert_cmpuint (ow_dispute_terms_get_n_reasons (terms), ==,
                    G_N_ELEMENTS (not_received) + G_N_ELEMENTS (received));
  for (guint i = 0; i < G_N_ELEMENTS (not_received); i++)
    {
      const OwDisputeReason *reason = ow_dispute_terms_find_reason (terms, not_received[i]);

      g_assert_nonnull (reason);
      g_assert_cmpint (ow_dispute_reason_get_group (reason), ==, OW_REASON_NOT_RECEIVED);
      g_assert_true (ow_dispute_reason_allows (reason, OW_SOLUTION_REFUND_ONLY));
      g_assert_false (ow_dispute_reason_allows (reason, OW_SOLUTION_RETURN_GOODS));
      g_assert_nonnull (ow_dispute_reason_get_evidence (reason));
    }
  for (guint i = 0; i < G_N_ELEMENTS (received); i++)
    {
      const OwDisputeReason *reason = ow_dispute_terms_find_reason (terms, received[i]);

      g_assert_nonnull (reason);
      g_assert_cmpint (ow_dispute_reason_get_group (reason), ==, OW_REASON_RECEIVED);
      g_assert_true (ow_dispute_reason_allows (reason, OW_SOLUTION_RETURN_GOODS));
    }
  g_assert_cmpuint (ow_dispute_terms_get_limits (terms)->max_files, >, 0);
  g_assert_cmpint (ow_dispute_terms_get_limits (terms)->max_bytes[OW_EVIDENCE_PHOTO], ==,
                   2 * 1024 * 1024);
  url = ow_dispute_terms_order_url (terms, "8123 456");
  g_assert_cmpstr (url, ==, "https://www.aliexpress.com/p/order/detail.html?orderId=8123%20456");
  g_assert_false (ow_dispute_terms_is_channel (terms));
}

/* Every rule of every bundled policy says what happens, what to do, how sure and where from. */
static void
test_bundled_complete (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(GPtrArray) list = ow_policy_registry_list (registry);

  for (guint p = 0; p < list->len; p++)
    {
      OwPolicy *policy = g_ptr_array_index (list, p);

      g_assert_nonnull (ow_policy_get_note (policy));
      for (guint i = 0; i < ow_policy_get_n_rules (policy); i++)
        {
          const OwRule *rule = ow_policy_get_rule (policy, i);
          const char *confidence = ow_rule_get_confidence (rule);
          const char * const *sources = ow_rule_get_sources (rule);
          const gint64 *reminders;
          guint n;

          g_test_message ("%s/%s", ow_policy_get_id (policy), ow_rule_get_id (rule));
          g_assert_nonnull (ow_rule_get_title (rule));
          g_assert_nonnull (ow_rule_get_on_expiry (rule));
          g_assert_nonnull (ow_rule_get_buyer_actions (rule));
          g_assert_true (g_strcmp0 (confidence, "high") == 0 ||
                         g_strcmp0 (confidence, "medium") == 0 ||
                         g_strcmp0 (confidence, "low") == 0);
          g_assert_nonnull (sources[0]);
          /* Sources are help pages a user can look up: a title, and a link where there is
           * one; never a note for the developers. */
          for (guint k = 0; sources[k] != NULL; k++)
            {
              const char *url = ow_rule_get_source_url (rule, k);

              g_assert_null (strstr (sources[k], "RULES.md"));
              g_assert_null (strstr (sources[k], "Orderwatch"));
              g_assert_true (url == NULL || g_str_has_prefix (url, "https://"));
            }
          g_assert_null (ow_rule_get_source_url (rule, g_strv_length ((char **) sources)));
          g_assert_true (ow_rule_get_note (rule) == NULL ||
                         strstr (ow_rule_get_note (rule), "seed article") == NULL);
          reminders = ow_rule_get_reminders (rule, &n);
          for (guint r = 1; r < n; r++)
            g_assert_cmpint (reminders[r - 1], >, reminders[r]);
          g_assert_cmpint (ow_rule_get_urgent_before (rule), >=, 0);
        }
    }
}

static void
test_aliexpress_values (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  OwPolicy *policy = ow_policy_registry_lookup (registry, "aliexpress");
  const OwRule *protection = ow_policy_find_rule (policy, "protection_end");
  const gint64 expected[] = { 7 * 86400, 3 * 86400, 86400, 6 * 3600 };
  const gint64 *reminders;
  guint n;

  reminders = ow_rule_get_reminders (protection, &n);
  g_assert_cmpmem (reminders, n * sizeof (gint64), expected, sizeof expected);
  g_assert_cmpint (ow_rule_get_urgent_before (protection), ==, 3 * 86400);
  g_assert_cmpstr (ow_rule_get_title (protection), ==, "Buyer Protection");
  g_assert_nonnull (strstr (ow_rule_get_note (ow_policy_find_rule (policy, "dispute_opens")),
                            "may open earlier"));
  g_assert_cmpstr (ow_rule_get_action (ow_policy_find_rule (policy, "ship_by")), ==,
                   "Ask the seller to ship or request a cancellation");
  g_assert_nonnull (ow_rule_get_action_overdue (ow_policy_find_rule (policy, "refund_due")));
  g_assert_null (ow_rule_get_action_overdue (protection));
}

/* The bundled AliExpress file as a JSON tree, to edit into user files. */
static JsonNode *
bundled_tree (const char *id)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/policies/%s.json", id);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ow_core_get_resource (), path, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (json_parser_load_from_data (parser, data, size, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
rule_object (JsonNode   *root,
             const char *rule_id)
{
  JsonArray *rules = json_object_get_array_member (json_node_get_object (root), "rules");

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (g_str_equal (json_object_get_string_member (rule, "id"), rule_id))
        return rule;
    }
  g_assert_not_reached ();
}

static char *
user_path (const char *file)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "orderwatch", "policies",
                                           NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, file, NULL);
}

static char *
write_user_file (const char *file,
                 const char *contents)
{
  char *path = user_path (file);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_user_tree (const char *file,
                 JsonNode   *root)
{
  g_autofree char *text = json_to_string (root, TRUE);

  return write_user_file (file, text);
}

static void
test_user_override (void)
{
  g_autoptr(JsonNode) root = bundled_tree ("aliexpress");
  g_autofree char *path = NULL;
  g_autoptr(OwPolicyRegistry) registry = NULL;
  OwPolicy *policy;

  json_object_set_string_member (json_node_get_object (root), "name", "AliExpress (mine)");
  json_object_set_int_member (rule_object (root, "cancel_reply"), "duration", 2);
  /* An unknown placeholder and an unclosed brace stay as written. */
  json_object_set_string_member (json_object_get_object_member (rule_object (root,
                                                                            "cancel_reply"),
                                                                "describe"),
                                 "running", "Answer {nope} within {left}: {title} {left");
  path = write_user_tree ("aliexpress.json", root);

  registry = ow_policy_registry_new ();
  g_assert_cmpuint (ow_policy_registry_get_warnings (registry)->len, ==, 0);
  policy = ow_policy_registry_lookup (registry, "aliexpress");
  g_assert_cmpstr (ow_policy_get_name (policy), ==, "AliExpress (mine)");

  /* The engine follows the user's rule: 2 days to answer a cancellation, not 3. */
  {
    g_autoptr(OwOrder) order = ow_order_new ();
    OwDeadlineSet set;

    ow_order_set_time (order, OW_EVENT_PAID, 1780000000, OW_FACT_USER);
    ow_order_set_time (order, OW_EVENT_CANCEL_REQUESTED, 1780000000, OW_FACT_USER);
    g_autofree char *words = NULL;
    g_autofree char *expected = NULL;
    const OwDeadline *reply;

    ow_deadlines_compute (order, policy, 1780000000 + 3600, &set);
    reply = ow_deadlines_find (&set, "cancel_reply");
    g_assert_cmpint (reply->due, ==, 1780000000 + 2 * 86400);
    words = ow_deadline_describe (reply, 1780000000 + 3600);
    expected = g_strdup_printf ("Answer {nope} within 1 day 23 hours: %s {left",
                                ow_rule_get_title (reply->rule));
    g_assert_cmpstr (words, ==, expected);
  }
  /* The others stay bundled. */
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "ebay")), ==, "eBay");
}

/* A user file with a new id adds a marketplace. */
static void
test_user_new_marketplace (void)
{
  g_autofree char *path = write_user_file ("wish.json",
    "{ \"id\": \"wish\", \"name\": \"Wish\", \"timezone\": \"America/Los_Angeles\","
    "  \"default_processing_days\": 5, \"default_delivery_days\": 30,"
    "  \"rules\": [ { \"id\": \"not_delivered\", \"title\": \"Not delivered request\","
    "    \"starts_on\": \"estimated_delivery\", \"duration\": 30, \"unit\": \"days\" } ] }");
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(GPtrArray) list = ow_policy_registry_list (registry);
  OwPolicy *wish = ow_policy_registry_lookup (registry, "wish");

  g_assert_nonnull (wish);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (ow_policy_get_name (g_ptr_array_index (list, 4)), ==, "Wish");
  g_assert_cmpuint (ow_policy_get_n_rules (wish), ==, 1);
  /* Defaults for what the file leaves out. */
  g_assert_cmpint (ow_rule_get_urgent_before (ow_policy_get_rule (wish, 0)), ==, 86400);
  g_assert_null (ow_rule_get_sources (ow_policy_get_rule (wish, 0))[0]);
}

typedef struct
{
  const char *path;
  const char *rule;       /* the rule to break, NULL for the top level or raw text */
  const char *field;
  const char *value;      /* JSON for the field; NULL removes it */
  const char *raw;        /* the whole file instead */
  const char *expect[3];  /* substrings of the message besides the file name */
} Broken;

static const Broken broken[] = {
  { "/core/policy/user/malformed/bad-json", NULL, NULL, NULL, "{ \"id\": \"aliexpress\", ",
    { "not valid JSON" } },
  { "/core/policy/user/malformed/not-an-object", NULL, NULL, NULL, "[1, 2]",
    { "one JSON object" } },
  { "/core/policy/user/malformed/missing-unit", "ship_by", "unit", NULL, NULL,
    { "rule “ship_by”", "field “unit”", "is missing" } },
  { "/core/policy/user/malformed/missing-title", "refund_due", "title", NULL, NULL,
    { "rule “refund_due”", "field “title”", "is missing" } },
  { "/core/policy/user/malformed/negative-duration", "ship_by", "duration", "-3", NULL,
    { "rule “ship_by”", "field “duration”", "must be a positive number" } },
  { "/core/policy/user/malformed/zero-duration", "cancel_reply", "duration", "0", NULL,
    { "rule “cancel_reply”", "field “duration”", "positive number" } },
  { "/core/policy/user/malformed/fractional-duration", "cancel_reply", "duration", "2.5", NULL,
    { "rule “cancel_reply”", "field “duration”", "whole number" } },
  { "/core/policy/user/malformed/text-duration", "protection_end", "duration", "\"ninety\"",
    NULL, { "rule “protection_end”", "field “duration”", "positive number" } },
  { "/core/policy/user/malformed/unknown-unit", "ship_by", "unit", "\"weeks\"", NULL,
    { "rule “ship_by”", "field “unit”", "“business_days”" } },
  { "/core/policy/user/malformed/unknown-starts-on", "protection_end", "starts_on",
    "\"teleported\"", NULL,
    { "rule “protection_end”", "field “starts_on”", "estimated_delivery" } },
  { "/core/policy/user/malformed/end-of-later-rule", "ship_by", "starts_on",
    "\"end_of:refund_due\"", NULL, { "rule “ship_by”", "field “starts_on”", "earlier rule" } },
  { "/core/policy/user/malformed/unknown-met-by", "ship_by", "met_by", "[\"teleported\"]",
    NULL, { "rule “ship_by”", "field “met_by”", "“shipped”" } },
  { "/core/policy/user/malformed/bad-reminder", "protection_end", "reminders", "[\"soon\"]",
    NULL, { "rule “protection_end”", "field “reminders”", "duration" } },
  { "/core/policy/user/malformed/bad-urgent", "protection_end", "urgent_before", "3", NULL,
    { "rule “protection_end”", "field “urgent_before”", "duration" } },
  { "/core/policy/user/malformed/unknown-field", "ship_by", "stats_on", "\"paid\"", NULL,
    { "rule “ship_by”", "field “stats_on”", "not a known field" } },
  { "/core/policy/user/malformed/bad-role", "ship_by", "role", "\"hope\"", NULL,
    { "rule “ship_by”", "field “role”", "“deadline”" } },
  { "/core/policy/user/malformed/bad-payment-method", "paypal_dispute", "applies_if",
    "{\"payment_method\": [\"cash\"]}", NULL,
    { "rule “paypal_dispute”", "field “applies_if.payment_method”", "“paypal”" } },
  { "/core/policy/user/malformed/bad-cut", "protection_end", "cut_by",
    "{\"event\": \"delivered\", \"duration\": -5, \"unit\": \"days\"}", NULL,
    { "rule “protection_end”", "field “cut_by.duration”", "positive number" } },
  { "/core/policy/user/malformed/order-days-in-hours", "ship_by", "unit", "\"hours\"", NULL,
    { "rule “ship_by”", "field “unit”", "“days”" } },
  { "/core/policy/user/malformed/bad-confidence", "ship_by", "confidence", "\"certain\"", NULL,
    { "rule “ship_by”", "field “confidence”", "“high”" } },
  { "/core/policy/user/malformed/duplicate-id", "cancel_reply", "id", "\"ship_by\"", NULL,
    { "rule “ship_by”", "field “id”", "earlier rule" } },
  { "/core/policy/user/malformed/bad-timezone", "", "timezone", "\"Mars/Olympus_Mons\"", NULL,
    { "field “timezone”", "time zone" } },
  { "/core/policy/user/malformed/wrong-id", "", "id", "\"ebay\"", NULL,
    { "field “id”", "“aliexpress”" } },
  { "/core/policy/user/malformed/no-rules", "", "rules", "[]", NULL,
    { "field “rules”" } },
  { "/core/policy/user/malformed/source-url", "ship_by", "sources",
    "[{\"title\": \"Help\", \"url\": \"ftp://example.com\"}]", NULL,
    { "rule “ship_by”", "field “sources.url”", "https://" } },
  { "/core/policy/user/malformed/source-type", "ship_by", "sources", "[3]", NULL,
    { "rule “ship_by”", "field “sources”" } },
  { "/core/policy/user/malformed/order-number-pattern", "", "order_number",
    "{\"pattern\": \"[0-9\", \"format\": \"digits\"}", NULL,
    { "field “order_number.pattern”", "regular expression" } },
  { "/core/policy/user/malformed/order-number-format", "", "order_number",
    "{\"pattern\": \"^[0-9]+$\"}", NULL,
    { "field “format”", "missing" } },
};

static void
test_malformed (gconstpointer data)
{
  const Broken *b = data;
  g_autofree char *path = NULL;
  g_autoptr(OwPolicyRegistry) registry = NULL;
  g_autofree char *pattern = NULL;
  const char *message;
  OwPolicy *policy;

  if (b->raw != NULL)
    path = write_user_file ("aliexpress.json", b->raw);
  else
    {
      g_autoptr(JsonNode) root = bundled_tree ("aliexpress");
      JsonObject *object = *b->rule ? rule_object (root, b->rule)
                                    : json_node_get_object (root);

      if (b->value == NULL)
        json_object_remove_member (object, b->field);
      else
        json_object_set_member (object, b->field, json_from_string (b->value, NULL));
      path = write_user_tree ("aliexpress.json", root);
    }

  pattern = g_strdup_printf ("*%s*", path);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, pattern);
  registry = ow_policy_registry_new ();
  g_test_assert_expected_messages ();

  g_assert_cmpuint (ow_policy_registry_get_warnings (registry)->len, ==, 1);
  message = g_ptr_array_index (ow_policy_registry_get_warnings (registry), 0);
  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, path));
  for (guint i = 0; i < G_N_ELEMENTS (b->expect) && b->expect[i]; i++)
    if (strstr (message, b->expect[i]) == NULL)
      g_error ("“%s” lacks “%s”", message, b->expect[i]);

  /* The bundled policy stays in force, whole. */
  policy = ow_policy_registry_lookup (registry, "aliexpress");
  g_assert_nonnull (policy);
  g_assert_cmpstr (ow_policy_get_name (policy), ==, "AliExpress");
  g_assert_cmpuint (ow_policy_get_n_rules (policy), ==, G_N_ELEMENTS (aliexpress_rules));
}

/* One bad file does not hide the good ones. */
static void
test_malformed_and_good (void)
{
  g_autofree char *bad = write_user_file ("aliexpress.json", "not json");
  g_autoptr(JsonNode) root = bundled_tree ("temu");
  g_autofree char *good = NULL;
  g_autoptr(OwPolicyRegistry) registry = NULL;

  json_object_set_string_member (json_node_get_object (root), "name", "Temu (edited)");
  good = write_user_tree ("temu.json", root);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*aliexpress.json*");
  registry = ow_policy_registry_new ();
  g_test_assert_expected_messages ();

  g_assert_cmpuint (ow_policy_registry_get_warnings (registry)->len, ==, 1);
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "temu")), ==,
                   "Temu (edited)");
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "aliexpress")), ==,
                   "AliExpress");
}

/* A nested override broke every command until removed: now it is one rejected file. */
static void
test_deeply_nested (void)
{
  g_autoptr(GBytes) deep = ow_test_nested_json ("{\"id\": \"aliexpress\", \"rules\": ", 80000,
                                                "}");
  g_autofree char *text = g_strndup (g_bytes_get_data (deep, NULL), g_bytes_get_size (deep));
  g_autofree char *path = write_user_file ("aliexpress.json", text);
  g_autoptr(OwPolicyRegistry) registry = NULL;
  g_autoptr(OwPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings;

  policy = ow_policy_new_from_bytes (deep, "deep.json", &error);
  g_assert_null (policy);
  g_assert_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "deep.json: not a policy file: line 1: arrays and "
                   "objects are nested more than 64 levels deep, more than Orderwatch reads; "
                   "fix the file or remove it");

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*aliexpress.json*64 levels*");
  registry = ow_policy_registry_new ();
  g_test_assert_expected_messages ();
  warnings = ow_policy_registry_get_warnings (registry);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0), path));
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "aliexpress")), ==,
                   "AliExpress");
}

/* Every command reads the folder: nothing in it may make them wait. */
static void
test_only_regular_files (void)
{
  g_autofree char *fifo = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *big = NULL;
  g_autoptr(OwPolicyRegistry) registry = NULL;
  GPtrArray *warnings;

  /* In a child with a deadline: before the fix the FIFO blocked for ever. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  fifo = user_path ("aliexpress.json");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  zero = user_path ("ebay.json");
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  folder = user_path ("amazon.json");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  big = g_strnfill (2 * 1024 * 1024, ' ');
  huge = write_user_file ("temu.json", big);

  /* In the order of their names. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*aliexpress.json: not a regular*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*amazon.json: not a regular*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*ebay.json: not a regular*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*temu.json: larger than 1 MiB*");
  registry = ow_policy_registry_new ();
  g_test_assert_expected_messages ();

  warnings = ow_policy_registry_get_warnings (registry);
  g_assert_cmpuint (warnings->len, ==, 4);
  /* The bundled rules stay in force. */
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "aliexpress")), ==,
                   "AliExpress");
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "ebay")), ==, "eBay");
}

/* "timezone" names a zone of the database, never a file: GLib would read any path. */
static void
test_timezone_not_a_path (void)
{
  g_autofree char *copy = g_build_filename (g_get_user_config_dir (), "not-a-zone", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *up = NULL;
  gsize length;
  const char *zoneinfo = g_getenv ("TZDIR") ? g_getenv ("TZDIR") : "/usr/share/zoneinfo";
  guint depth = 0;

  /* A real zone file where no zone belongs: both ways of naming it must fail. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_get_contents ("/usr/share/zoneinfo/Asia/Tokyo", &contents, &length,
                                      NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  for (const char *p = zoneinfo; *p; p++)
    depth += *p == '/';
  up = g_strnfill (depth * 3, '.');
  for (guint i = 0; i < depth; i++)
    up[i * 3 + 2] = '/';

  {
    g_autofree char *relative = g_strconcat (up, copy + 1, NULL);
    const char *names[] = { relative, copy, "../../../etc/passwd", "/dev/zero", "UTC/", ".." };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(JsonNode) root = bundled_tree ("aliexpress");
        g_autofree char *path = NULL;
        g_autoptr(OwPolicyRegistry) registry = NULL;
        const char *message;

        g_test_message ("timezone “%s”", names[i]);
        g_assert_null (ow_time_zone_get (names[i]));
        json_object_set_string_member (json_node_get_object (root), "timezone", names[i]);
        path = write_user_tree ("aliexpress.json", root);
        g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*timezone*");
        registry = ow_policy_registry_new ();
        g_test_assert_expected_messages ();
        message = g_ptr_array_index (ow_policy_registry_get_warnings (registry), 0);
        g_assert_nonnull (strstr (message, "zone database"));
        g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup (registry, "aliexpress")),
                         ==, "AliExpress");
      }
  }

  /* Names of the database still work, with their signs and dashes. */
  g_assert_nonnull (ow_time_zone_get ("America/Port-au-Prince"));
  g_assert_nonnull (ow_time_zone_get ("Etc/GMT+5"));
  g_assert_nonnull (ow_time_zone_get ("UTC"));
}

/* Sources with and without addresses, as the order page shows them. */
static void
test_sources (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  const OwRule *paypal = ow_policy_find_rule (ow_policy_registry_lookup (registry, "aliexpress"),
                                              "paypal_dispute");
  const OwRule *ship_by = ow_policy_find_rule (ow_policy_registry_lookup (registry, "aliexpress"),
                                               "ship_by");

  g_assert_cmpstr (ow_rule_get_sources (paypal)[0], ==,
                   "PayPal Help Center: “How do I open a dispute with a seller?”");
  g_assert_true (g_str_has_prefix (ow_rule_get_source_url (paypal, 0), "https://www.paypal.com/"));
  g_assert_cmpuint (g_strv_length ((char **) ow_rule_get_sources (ship_by)), ==, 1);
  g_assert_null (ow_rule_get_source_url (ship_by, 0));
}

/* What an order number must look like is the policy's; the message says what to do. */
static void
test_order_number (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  OwPolicy *aliexpress = ow_policy_registry_lookup (registry, "aliexpress");
  OwPolicy *amazon = ow_policy_registry_lookup (registry, "amazon");
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  char *messages[OW_ORDER_N_FIELDS];

  g_assert_null (ow_policy_check_order_number (aliexpress, "3041234567890123"));
  problem = ow_policy_check_order_number (aliexpress, "3041234567890123Copy");
  g_assert_cmpstr (problem, ==, "Order number: AliExpress order numbers are digits only, such as "
                   "8123456789012345; “3041234567890123Copy” is not one. Copy the number from "
                   "the order page.");
  g_assert_null (ow_policy_check_order_number (amazon, "302-1234567-1234567"));
  g_clear_pointer (&problem, g_free);
  problem = ow_policy_check_order_number (amazon, "3041234567890123");
  g_assert_nonnull (strstr (problem, "302-1234567-1234567"));

  /* The registry's check adds it to the one validator's. */
  ow_order_set_order_number (order, "81234 5678");
  g_assert_false (ow_policy_registry_check_order (registry, order, OW_TIME_UNSET, messages));
  g_assert_nonnull (strstr (messages[OW_ORDER_FIELD_ORDER_NUMBER], "digits only"));
  for (guint f = 0; f < OW_ORDER_N_FIELDS; f++)
    {
      if (f != OW_ORDER_FIELD_ORDER_NUMBER)
        g_assert_null (messages[f]);
      g_free (messages[f]);
    }
  g_assert_false (ow_policy_registry_validate_order (registry, order, OW_TIME_UNSET, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  ow_order_set_order_number (order, "8123456789");
  g_assert_true (ow_policy_registry_validate_order (registry, order, OW_TIME_UNSET, &error));
  g_assert_no_error (error);
  /* A marketplace without a policy only gets the one validator. */
  ow_order_set_marketplace (order, "shopmart");
  ow_order_set_order_number (order, "anything goes");
  g_assert_true (ow_policy_registry_validate_order (registry, order, OW_TIME_UNSET, &error));
}

static void
test_from_bytes_errors (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) missing = g_bytes_new_static ("{\"id\": \"x\"}", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(OwPolicy) policy = NULL;

  policy = ow_policy_new_from_bytes (empty, "empty.json", &error);
  g_assert_null (policy);
  g_assert_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE);
  g_clear_error (&error);

  policy = ow_policy_new_from_bytes (missing, "missing.json", &error);
  g_assert_null (policy);
  g_assert_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "missing.json: field “name” is missing");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/policy/bundled/load", test_bundled);
  g_test_add_func ("/core/policy/bundled/complete", test_bundled_complete);
  g_test_add_func ("/core/policy/bundled/dispute-terms", test_dispute_terms);
  g_test_add_func ("/core/policy/bundled/aliexpress-values", test_aliexpress_values);
  g_test_add_func ("/core/policy/user/override", test_user_override);
  g_test_add_func ("/core/policy/user/new-marketplace", test_user_new_marketplace);
  g_test_add_func ("/core/policy/user/malformed-and-good", test_malformed_and_good);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_test_add_data_func (broken[i].path, &broken[i], test_malformed);
  g_test_add_func ("/core/policy/from-bytes/errors", test_from_bytes_errors);
  g_test_add_func ("/core/policy/user/deeply-nested", test_deeply_nested);
  g_test_add_func ("/core/policy/user/only-regular-files", test_only_regular_files);
  g_test_add_func ("/core/policy/user/timezone-not-a-path", test_timezone_not_a_path);
  g_test_add_func ("/core/policy/sources", test_sources);
  g_test_add_func ("/core/policy/order-number", test_order_number);

  return g_test_run ();
}
