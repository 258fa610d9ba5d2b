/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a mail says, once its text and schema.org items are read: AliExpress's notices by
 * their subject and labelled lines, any shop's schema.org Order or ParcelDelivery. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-import-email-private.h"
#include "ow-money.h"
#include "ow-order-paste.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-text.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

/* ---- What the mail says ---- */

/* The text's "Label: value" lines, read once per mail: (label, value) pairs, both trimmed,
 * in the order they come. */
static void
read_labels (Mail *mail)
{
  const char *p = mail->text->str;

  mail->labels = g_ptr_array_new_with_free_func (g_free);
  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');
      const char *stop = end ? end : p + strlen (p);
      const char *colon;

      while (p < stop && g_ascii_isspace (*p))
        p++;
      colon = memchr (p, ':', stop - p);
      /* A label is short; a sentence with a colon in it is not one. */
      if (colon != NULL && colon > p && colon - p <= 40)
        {
          const char *value = colon + 1;
          const char *value_end = stop;
          const char *label_end = colon;

          while (label_end > p && g_ascii_isspace (label_end[-1]))
            label_end--;
          while (value < value_end && g_ascii_isspace (*value))
            value++;
          while (value_end > value && g_ascii_isspace (value_end[-1]))
            value_end--;
          if (value_end > value)
            {
              g_ptr_array_add (mail->labels, g_strndup (p, label_end - p));
              g_ptr_array_add (mail->labels, g_strndup (value, value_end - value));
            }
        }
      p = end ? end + 1 : stop;
    }
}

/* "Order number: 8211968327931234" anywhere in the text: the value of the first line whose
 * label is one of @labels, or NULL. */
static char *
find_labelled (Mail        *mail,
               const char **labels)
{
  if (mail->labels == NULL)
    read_labels (mail);
  for (guint i = 0; i + 1 < mail->labels->len; i += 2)
    for (guint l = 0; labels[l] != NULL; l++)
      if (g_ascii_strcasecmp (g_ptr_array_index (mail->labels, i), labels[l]) == 0)
        return g_strdup (g_ptr_array_index (mail->labels, i + 1));
  return NULL;
}

static Finding *
finding_new (EmailImport *import,
             const char  *marketplace,
             const char  *number)
{
  Finding *finding = g_new0 (Finding, 1);

  finding->order = ow_order_new ();
  finding->records = ow_order_records_new ();
  ow_order_set_marketplace (finding->order, marketplace);
  ow_order_set_order_number (finding->order, number);
  return finding;
}

void
ow_email_finding_free (Finding *finding)
{
  g_clear_object (&finding->order);
  g_clear_pointer (&finding->records, ow_order_records_free);
  g_free (finding);
}


/* A fact this mail proves: dated by the mail when it announces the event, else known
 * without a date. */
static void
finding_fact (Finding      *finding,
              OwOrderEvent  event,
              gint64        time)
{
  if (time != OW_TIME_UNSET)
    ow_order_set_time (finding->order, event, time, OW_FACT_IMPORTED);
  else if (!ow_order_get_time_known (finding->order, event))
    ow_order_set_time_undated (finding->order, event, OW_FACT_IMPORTED);
}

/* A parcel of the order, continuing @follows (nullable) when it is a hand-off. */
static gboolean
finding_parcel (EmailImport  *import,
                Finding      *finding,
                const char   *text,
                const char   *follows,
                GError      **error)
{
  g_autofree char *number = ow_tracking_number_normalize (text);
  g_autoptr(OwParcel) parcel = NULL;
  gint64 first_id = 0;

  if (!ow_tracking_number_validate (number, error))
    return FALSE;
  for (guint i = 0; i < finding->records->parcels->len; i++)
    {
      OwParcel *known = g_ptr_array_index (finding->records->parcels, i);

      if (g_str_equal (ow_parcel_get_tracking_number (known), number))
        return TRUE;
      if (follows != NULL && g_str_equal (ow_parcel_get_tracking_number (known), follows))
        first_id = ow_parcel_get_id (known);
    }
  parcel = ow_parcel_new (0, number, NULL);
  ow_parcel_set_id (parcel, ++import->next_parcel_id);
  ow_parcel_set_follows_parcel_id (parcel, first_id);
  ow_order_records_add_parcel (finding->records, parcel, NULL);
  return TRUE;
}

static void
finding_amount (Finding    *finding,
                const char *text)
{
  char currency[4];
  gint64 minor;

  if (text != NULL && ow_paste_parse_amount (text, &minor, currency))
    {
      ow_order_set_currency (finding->order, currency);
      ow_order_set_amount (finding->order, minor);
    }
}

static void
finding_text (Finding    *finding,
              const char *text,
              gboolean    store)
{
  g_autofree char *cut = NULL;

  if (text == NULL || *text == '\0')
    return;
  cut = ow_text_truncate (text, store ? OW_ORDER_STORE_MAX : OW_ORDER_ITEM_MAX);
  if (store)
    ow_order_set_store_name (finding->order, cut);
  else
    ow_order_set_item_title (finding->order, cut);
}

/* AliExpress: "Order 8211968327931234: order shipped", "Package JY26CAA0D000551012: with local
 * carrier", "… delivered". The order and the numbers from the subject and the labelled lines
 * of the body; the event's instant from the Date header. */
Finding *
ow_email_read_aliexpress (EmailImport  *import,
                 Mail         *mail,
                 GError      **error)
{
  static const char *order_labels[] = { "Order number", "Order ID", "Order No", NULL };
  static const char *tracking_labels[] = { "Tracking number", "Package number", NULL };
  static const char *local_labels[] = { "Local carrier tracking number", "New tracking number",
                                        "Last-mile tracking number", NULL };
  static const char *store_labels[] = { "Store", "Seller", NULL };
  static const char *item_labels[] = { "Item", "Product", NULL };
  static const char *total_labels[] = { "Order total", "Total", "Amount", NULL };
  const char *subject = mail->subject ? mail->subject : "";
  g_autofree char *lower = g_utf8_strdown (subject, -1);
  g_autofree char *number = NULL;
  g_autofree char *package = NULL;
  g_autofree char *local = NULL;
  g_autofree char *value = NULL;
  g_autoptr(Finding) finding = NULL;
  const char *colon = strchr (subject, ':');

  if (g_str_has_prefix (subject, "Order ") && colon != NULL)
    number = g_strstrip (g_strndup (subject + 6, colon - subject - 6));
  else if (g_str_has_prefix (subject, "Package ") && colon != NULL)
    package = g_strstrip (g_strndup (subject + 8, colon - subject - 8));
  if (number == NULL)
    number = find_labelled (mail, order_labels);
  if (package == NULL)
    package = find_labelled (mail, tracking_labels);
  if (number == NULL)
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                           _("no order number in the subject or an “Order number:” line"));
      return NULL;
    }

  finding = finding_new (import, "aliexpress", number);
  if (strstr (lower, "local carrier") != NULL)
    {
      /* A hand-off: the last-mile number continues the package. It had shipped, when is not
       * said here. */
      local = find_labelled (mail, local_labels);
      finding_fact (finding, OW_EVENT_SHIPPED, OW_TIME_UNSET);
      if (package != NULL && !finding_parcel (import, finding, package, NULL, error))
        return NULL;
      if (local != NULL)
        {
          g_autofree char *first = package ? ow_tracking_number_normalize (package) : NULL;

          if (!finding_parcel (import, finding, local, first, error))
            return NULL;
        }
    }
  else
    {
      if (strstr (lower, "delivered") != NULL)
        {
          finding_fact (finding, OW_EVENT_DELIVERED, mail->date);
          finding_fact (finding, OW_EVENT_SHIPPED, OW_TIME_UNSET);
        }
      else if (strstr (lower, "shipped") != NULL)
        finding_fact (finding, OW_EVENT_SHIPPED, mail->date);
      else if (strstr (lower, "cancel") != NULL || strstr (lower, "closed") != NULL)
        {
          finding_fact (finding, OW_EVENT_CLOSED, mail->date);
          if (strstr (lower, "cancel") != NULL)
            ow_order_set_close_reason (finding->order, OW_CLOSE_CANCELLED);
        }
      else if (strstr (lower, "payment") != NULL || strstr (lower, "paid") != NULL)
        finding_fact (finding, OW_EVENT_PAID, mail->date);
      else if (strstr (lower, "placed") != NULL)
        finding_fact (finding, OW_EVENT_PLACED, mail->date);
      else if (strstr (lower, "completed") != NULL || strstr (lower, "confirmed receipt"))
        finding_fact (finding, OW_EVENT_RECEIVED, mail->date);
      if (package != NULL && !finding_parcel (import, finding, package, NULL, error))
        return NULL;
    }

  value = find_labelled (mail, store_labels);
  finding_text (finding, value, TRUE);
  g_clear_pointer (&value, g_free);
  value = find_labelled (mail, item_labels);
  finding_text (finding, value, FALSE);
  g_clear_pointer (&value, g_free);
  value = find_labelled (mail, total_labels);
  finding_amount (finding, value);
  return g_steal_pointer (&finding);
}

/* ---- schema.org ---- */

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* A member that is a string or a number, as text (order numbers come as both). */
static char *
object_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strstrip (g_strdup (json_node_get_string (node)));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  return NULL;
}

static JsonObject *
object_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    node = json_array_get_element (json_node_get_array (node), 0);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
is_type (JsonObject *object,
         const char *type)
{
  JsonNode *node = json_object_get_member (object, "@type");

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *types = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *element = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              g_strcmp0 (ow_email_type_name (json_node_get_string (element)), type) == 0)
            return TRUE;
        }
      return FALSE;
    }
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (ow_email_type_name (json_node_get_string (node)), type) == 0;
}

/* The shop's name, whichever member says it. */
static const char *
merchant_name (JsonObject *order)
{
  JsonObject *merchant = object_object (order, "merchant");

  if (merchant == NULL)
    merchant = object_object (order, "seller");
  if (merchant == NULL)
    merchant = object_object (order, "broker");
  if (merchant != NULL)
    return object_string (merchant, "name");
  return object_string (order, "merchant") ? object_string (order, "merchant")
                                           : object_string (order, "seller");
}

/* The marketplace whose rules apply: from the shop's name or the sender's domain. */
static const char *
marketplace_for (OwPolicyRegistry *policies,
                 const char       *merchant,
                 const char       *sender)
{
  static const char *known[] = { "aliexpress", "amazon", "ebay", "temu" };
  g_autofree char *lower = merchant ? g_utf8_strdown (merchant, -1) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if ((lower != NULL && strstr (lower, known[i]) != NULL) ||
        (sender != NULL && strstr (sender, known[i]) != NULL))
      return known[i];
  return NULL;
}

static gint64
schema_time (const char *text)
{
  gint64 time = OW_TIME_UNSET;

  if (text == NULL || !ow_time_parse (text, NULL, "orderDate", &time, NULL))
    return OW_TIME_UNSET;
  return time;
}

/* orderStatus: what it proves, dated by the mail. */
static void
schema_status (Finding    *finding,
               const char *status,
               gint64      date)
{
  const char *name = ow_email_type_name (status);

  if (name == NULL)
    return;
  if (g_str_equal (name, "OrderDelivered"))
    {
      finding_fact (finding, OW_EVENT_DELIVERED, date);
      finding_fact (finding, OW_EVENT_SHIPPED, OW_TIME_UNSET);
    }
  else if (g_str_equal (name, "OrderInTransit"))
    finding_fact (finding, OW_EVENT_SHIPPED, date);
  else if (g_str_equal (name, "OrderProcessing"))
    finding_fact (finding, OW_EVENT_PAID, OW_TIME_UNSET);
  else if (g_str_equal (name, "OrderCancelled"))
    {
      finding_fact (finding, OW_EVENT_CLOSED, date);
      ow_order_set_close_reason (finding->order, OW_CLOSE_CANCELLED);
    }
  else if (g_str_equal (name, "OrderReturned"))
    finding_fact (finding, OW_EVENT_RETURN_AGREED, OW_TIME_UNSET);
}

static void
schema_items (Finding    *finding,
              JsonObject *order)
{
  JsonNode *node = json_object_get_member (order, "acceptedOffer");
  GString *items = g_string_new (NULL);
  int quantity = 0;

  if (node == NULL)
    node = json_object_get_member (order, "orderedItem");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonArray *one = json_array_new ();

      json_array_add_element (one, json_node_copy (node));
      node = json_node_init_array (json_node_alloc (), one);
      json_array_unref (one);
    }
  else if (node != NULL)
    node = json_node_copy (node);

  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                    i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      JsonObject *offer = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonObject *product = object_object (offer, "itemOffered");
      JsonObject *count = object_object (offer, "eligibleQuantity");
      g_autofree char *amount = object_text (count, "value");
      const char *name = object_string (product ? product : offer, "name");

      if (amount == NULL)
        amount = object_text (offer, "orderQuantity");
      quantity += amount ? MAX (1, atoi (amount)) : 1;
      if (name != NULL)
        g_string_append_printf (items, "%s%s", items->len ? "; " : "", name);
    }
  if (node != NULL)
    json_node_unref (node);
  if (items->len > 0)
    finding_text (finding, items->str, FALSE);
  if (quantity > 0)
    ow_order_set_quantity (finding->order, CLAMP (quantity, 1, 100000));
  g_string_free (items, TRUE);
}

static void
schema_price (Finding    *finding,
              JsonObject *order)
{
  JsonObject *due = object_object (order, "totalPaymentDue");
  JsonObject *from = due != NULL ? due : order;
  g_autofree char *price = object_text (from, "price");
  const char *currency = object_string (from, "priceCurrency");
  gint64 minor;

  if (price == NULL || currency == NULL || !ow_currency_is_valid (currency) ||
      !ow_money_parse (price, currency, &minor, NULL))
    return;
  ow_order_set_currency (finding->order, currency);
  ow_order_set_amount (finding->order, minor);
}

static Finding *
read_schema_order (EmailImport  *import,
                   Mail         *mail,
                   JsonObject   *order,
                   JsonObject   *delivery,
                   GError      **error)
{
  g_autofree char *number = object_text (order, "orderNumber");
  const char *merchant = merchant_name (order);
  const char *marketplace = marketplace_for (import->policies, merchant, mail->sender);
  g_autoptr(Finding) finding = NULL;
  gint64 placed;

  if (number == NULL)
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                           _("its schema.org Order has no orderNumber"));
      return NULL;
    }
  if (marketplace == NULL)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("the shop “%s” is not a marketplace Orderwatch has rules for (AliExpress, "
                     "Amazon, eBay, Temu)"), merchant ? merchant : mail->sender);
      return NULL;
    }

  finding = finding_new (import, marketplace, number);
  if (merchant != NULL)
    finding_text (finding, merchant, TRUE);
  placed = schema_time (object_string (order, "orderDate"));
  if (placed != OW_TIME_UNSET)
    finding_fact (finding, OW_EVENT_PLACED, placed);
  schema_status (finding, object_string (order, "orderStatus"), mail->date);
  schema_items (finding, order);
  schema_price (finding, order);

  if (delivery != NULL)
    {
      g_autofree char *tracking = object_text (delivery, "trackingNumber");
      const char *status = object_string (delivery, "deliveryStatus");
      JsonObject *event = object_object (delivery, "deliveryStatus");

      if (tracking != NULL && !finding_parcel (import, finding, tracking, NULL, error))
        return NULL;
      if (status == NULL && event != NULL)
        status = object_string (event, "@type");
      if (status != NULL && strstr (status, "Delivered") != NULL)
        finding_fact (finding, OW_EVENT_DELIVERED, mail->date);
      finding_fact (finding, OW_EVENT_SHIPPED, OW_TIME_UNSET);
    }
  return g_steal_pointer (&finding);
}

/* The items of @node (one, an array of them, or an @graph) that are Orders or
 * ParcelDeliveries, into @findings. */
gboolean
ow_email_read_schema_node (EmailImport  *import,
                  Mail         *mail,
                  JsonNode     *node,
                  GPtrArray    *findings,
                  guint         depth,
                  GError      **error)
{
  JsonObject *object;

  if (depth > 4)
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!ow_email_read_schema_node (import, mail, json_array_get_element (array, i), findings,
                               depth + 1, error))
          return FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "@graph"))
    return ow_email_read_schema_node (import, mail, json_object_get_member (object, "@graph"), findings,
                             depth + 1, error);

  if (is_type (object, "Order") || is_type (object, "ParcelDelivery"))
    {
      gboolean parcel = is_type (object, "ParcelDelivery");
      JsonObject *order = parcel ? object_object (object, "partOfOrder") : object;
      JsonObject *delivery = parcel ? object : object_object (object, "orderDelivery");
      Finding *finding;

      if (order == NULL)
        {
          g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                               _("its schema.org ParcelDelivery has no partOfOrder"));
          return FALSE;
        }
      if ((finding = read_schema_order (import, mail, order, delivery, error)) == NULL)
        return FALSE;
      g_ptr_array_add (findings, finding);
    }
  return TRUE;
}

