/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the JSON that ow_export_json () writes. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ow-error.h"
#include "ow-export.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy.h"

typedef struct
{
  JsonObject *object;
  guint       index;
  OwOrder    *order;
  GError    **error;
} JsonCtx;

static void
json_fail (JsonCtx    *ctx,
           const char *member,
           const char *message)
{
  const char *number = ow_order_get_order_number (ctx->order);

  if (number != NULL)
    /* Translators: the position of an order in the file, its number, a field, the problem */
    g_set_error (ctx->error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("order %u (%s), %s: %s"),
                 ctx->index + 1, number, member, ow_import_without_field_prefix (message, member));
  else
    g_set_error (ctx->error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("order %u, %s: %s"),
                 ctx->index + 1, member, ow_import_without_field_prefix (message, member));
}

/* Reads a string member: FALSE on a wrong type, @out NULL when absent or null. */
static gboolean
json_get_string (JsonCtx     *ctx,
                 JsonObject  *object,
                 const char  *member,
                 const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      return TRUE;
    }
  json_fail (ctx, member, _("must be a string"));
  return FALSE;
}

static gboolean
json_get_int (JsonCtx    *ctx,
              JsonObject *object,
              const char *member,
              gint64      low,
              gint64      high,
              gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= low && json_node_get_int (node) <= high)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  {
    g_autofree char *message =
      g_strdup_printf (_("must be a whole number from %" PRId64 " to %" PRId64),
                       low, high);
    json_fail (ctx, member, message);
  }
  return FALSE;
}

static gboolean
json_get_time (JsonCtx    *ctx,
               JsonObject *object,
               const char *member,
               gint64     *out)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  *out = OW_TIME_UNSET;
  if (!json_get_string (ctx, object, member, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!ow_import_parse_time (text, strlen (text), NULL, member, out, &error))
    {
      json_fail (ctx, member, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
json_read_facts (JsonCtx    *ctx,
                 JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "facts");
  JsonObject *facts;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (ctx, "facts", _("must be an object"));
      return FALSE;
    }

  facts = json_node_get_object (node);
  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      const char *name = ow_order_event_to_string (e);
      JsonNode *fact_node = json_object_get_member (facts, name);
      OwFactSource source = OW_FACT_USER;
      const char *source_text;
      gint64 time;

      if (fact_node == NULL || JSON_NODE_HOLDS_NULL (fact_node))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (fact_node))
        {
          json_fail (ctx, name, _("must be an object with “time” and “source”"));
          return FALSE;
        }
      if (!json_get_time (ctx, json_node_get_object (fact_node), "time", &time) ||
          !json_get_string (ctx, json_node_get_object (fact_node), "source", &source_text))
        return FALSE;
      if (source_text != NULL && !ow_fact_source_from_string (source_text, &source))
        {
          json_fail (ctx, name, _("the source must be user or inferred"));
          return FALSE;
        }
      ow_order_set_time (ctx->order, e, time, source);
    }
  return TRUE;
}

static gboolean
json_read_extensions (JsonCtx    *ctx,
                      JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "extensions");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_fail (ctx, "extensions", _("must be an array"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      OwExtension x = { OW_TIME_UNSET, 0, OW_EXTENSION_PENDING };
      JsonObject *xo;
      const char *state;
      gint64 days = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          json_fail (ctx, "extensions", _("each extension must be an object"));
          return FALSE;
        }
      xo = json_node_get_object (item);
      if (!json_get_time (ctx, xo, "requested_at", &x.requested_at) ||
          !json_get_int (ctx, xo, "days", 1, 365, &days) ||
          !json_get_string (ctx, xo, "state", &state))
        return FALSE;
      if (state != NULL && !ow_extension_state_from_string (state, &x.state))
        {
          json_fail (ctx, "extensions", _("the state must be pending, approved or refused"));
          return FALSE;
        }
      x.days = days;
      ow_order_add_extension (ctx->order, &x);
    }
  return TRUE;
}

static gboolean
json_read_order (JsonCtx          *ctx,
                 OwPolicyRegistry *policies)
{
  JsonObject *o = ctx->object;
  OwOrder *order = ctx->order;
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 value;
  JsonNode *node;

  if (!json_get_string (ctx, o, "order_number", &text))
    return FALSE;
  ow_order_set_order_number (order, text);

  value = 0;
  if (!json_get_int (ctx, o, "id", 0, G_MAXINT64, &value))
    return FALSE;
  ow_order_set_id (order, value);

  if (!json_get_string (ctx, o, "marketplace", &text))
    return FALSE;
  if (text != NULL)
    ow_order_set_marketplace (order, text);
  if (policies != NULL && ow_policy_registry_lookup (policies, ow_order_get_marketplace (order))
                          == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a known marketplace"),
                                                  ow_order_get_marketplace (order));
      json_fail (ctx, "marketplace", message);
      return FALSE;
    }

  if (!json_get_string (ctx, o, "item", &text))
    return FALSE;
  ow_order_set_item_title (order, text);
  if (!json_get_string (ctx, o, "store", &text))
    return FALSE;
  ow_order_set_store_name (order, text);
  if (!json_get_string (ctx, o, "notes", &text))
    return FALSE;
  ow_order_set_notes (order, text);

  value = 1;
  if (!json_get_int (ctx, o, "quantity", 1, 100000, &value))
    return FALSE;
  ow_order_set_quantity (order, value);

  if (!json_get_string (ctx, o, "currency", &text))
    return FALSE;
  if (text != NULL)
    {
      if (!ow_currency_is_valid (text))
        {
          json_fail (ctx, "currency", _("must be an ISO 4217 code such as USD"));
          return FALSE;
        }
      ow_order_set_currency (order, text);
    }

  if (!json_get_string (ctx, o, "amount", &text))
    return FALSE;
  if (text != NULL)
    {
      gint64 minor;

      if (!ow_money_parse (text, ow_order_get_currency (order), &minor, &error))
        {
          json_fail (ctx, "amount", error->message);
          return FALSE;
        }
      ow_order_set_amount (order, minor);
    }

  if (!json_get_string (ctx, o, "payment_method", &text))
    return FALSE;
  if (text != NULL)
    {
      OwPaymentMethod method;

      if (!ow_payment_method_from_string (text, &method))
        {
          json_fail (ctx, "payment_method", _("must be card, paypal, balance or other"));
          return FALSE;
        }
      ow_order_set_payment_method (order, method);
    }

  if (!json_get_string (ctx, o, "close_reason", &text))
    return FALSE;
  if (text != NULL)
    {
      OwCloseReason reason;

      if (!ow_close_reason_from_string (text, &reason))
        {
          json_fail (ctx, "close_reason", _("is not a known close reason"));
          return FALSE;
        }
      ow_order_set_close_reason (order, reason);
    }

  value = 0;
  if (!json_get_int (ctx, o, "processing_days", 0, 365, &value))
    return FALSE;
  ow_order_set_processing_days (order, value);
  value = 0;
  if (!json_get_int (ctx, o, "delivery_days", 0, 365, &value))
    return FALSE;
  ow_order_set_delivery_days (order, value);

  node = json_object_get_member (o, "archived");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          json_fail (ctx, "archived", _("must be true or false"));
          return FALSE;
        }
      ow_order_set_archived (order, json_node_get_boolean (node));
    }

  if (!json_get_time (ctx, o, "modified", &value))
    return FALSE;
  ow_order_set_modified (order, value == OW_TIME_UNSET ? 0 : value);

  if (!json_read_facts (ctx, o) || !json_read_extensions (ctx, o))
    return FALSE;

  if (!ow_order_validate (order, &error))
    {
      g_set_error (ctx->error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("order %u (%s): %s"),
                   ctx->index + 1, ow_order_get_order_number (order) ?: "?", error->message);
      return FALSE;
    }

  /* The marketplace's own rules, as the editor and the command line check them. */
  if (policies != NULL)
    {
      OwPolicy *policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
      g_autofree char *problem = policy ? ow_policy_check_order_number (
                                            policy, ow_order_get_order_number (order))
                                        : NULL;

      if (problem != NULL)
        {
          json_fail (ctx, "order_number",
                     ow_import_without_field_prefix (problem, _("Order number")));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
ow_import_json_full (GBytes            *data,
                     OwPolicyRegistry  *policies,
                     GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *header;
  JsonNode *node;
  JsonArray *array;
  const char *text;
  gsize length;

  g_return_val_if_fail (data != NULL, NULL);

  text = g_bytes_get_data (data, &length);
  if (!json_parser_load_from_data (parser, text ? text : "", length, &parse_error))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("The file is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root),
                                                             "format", NULL),
                 "orderwatch") != 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("The file is not an Orderwatch export: it needs "
                     "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": […]}"));
      return NULL;
    }

  header = json_node_get_object (root);
  node = json_object_get_member (header, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("version: must be a whole number, such as 1"));
      return NULL;
    }
  if (json_node_get_int (node) > OW_EXPORT_JSON_VERSION)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("version: the file is version %" PRId64
                     ", newer than this Orderwatch reads (%d); update Orderwatch"),
                   json_node_get_int (node), OW_EXPORT_JSON_VERSION);
      return NULL;
    }

  node = json_object_get_member (header, "orders");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("orders: must be an array of orders"));
      return NULL;
    }

  array = json_node_get_array (node);
  orders = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(OwOrder) order = ow_order_new ();
      JsonCtx ctx = { NULL, i, order, error };
      g_autofree char *key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("order %u: must be an object"), i + 1);
          return NULL;
        }
      ctx.object = json_node_get_object (item);
      if (!json_read_order (&ctx, policies))
        return NULL;

      key = g_strconcat (ow_order_get_marketplace (order), "\x1f",
                         ow_order_get_order_number (order), NULL);
      if (g_hash_table_contains (seen, key))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("order %u (%s): the file has this order number twice"), i + 1,
                       ow_order_get_order_number (order));
          return NULL;
        }
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_ptr_array_add (orders, g_steal_pointer (&order));
    }

  return g_steal_pointer (&orders);
}

GPtrArray *
ow_import_json (GBytes  *data,
                GError **error)
{
  return ow_import_json_full (data, NULL, error);
}
