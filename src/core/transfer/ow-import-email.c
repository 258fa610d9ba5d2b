/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Marketplace emails into orders: one .eml or an mbox, read with GMime; HTML parts with
 * libxml2's HTML parser (scripts are never text). Two kinds of mail are understood:
 * AliExpress's notices (transaction@notice.aliexpress.com: shipped, handed to a local
 * carrier, delivered) and any shop's schema.org Order or ParcelDelivery, as JSON-LD or
 * microdata. Each event is dated by the mail's Date header and marked as from that mail. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "ow-error.h"
#include "ow-import.h"
#include "ow-json.h"
#include "ow-money.h"
#include "ow-order-paste.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-text.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

/* Deeper multiparts are not read: real mails nest three or four levels. */
#define MAX_MIME_DEPTH  12
#define MAX_HTML_DEPTH  128
/* Text kept from one mail: order details come first, and a 20 MB mail is an attachment. */
#define MAX_TEXT        (256 * 1024)
#define MAX_PARTS       64

#define ALIEXPRESS_SENDER "transaction@notice.aliexpress.com"

typedef struct
{
  guint      index;        /* 1-based, for messages */
  char      *subject;
  char      *sender;       /* the From address, lower case */
  gint64     date;         /* the Date header, or OW_TIME_UNSET */
  GString   *text;         /* the visible text of its text parts, a line per block */
  GPtrArray *items;        /* (element-type JsonNode) schema.org items, JSON-LD and microdata */
  GPtrArray *labels;       /* (element-type utf8) label, value, label, value...; NULL until read */
  htmlParserCtxtPtr html;  /* the import's, reused */
  guint      n_parts;
} Mail;

/* What one mail says about one order. */
typedef struct
{
  OwOrder        *order;
  OwOrderRecords *records;
} Finding;

typedef struct
{
  OwPolicyRegistry *policies;
  const char       *file;            /* for messages */
  gint64            next_parcel_id;  /* unique across the import: see OwOrderRecords */
  GPtrArray        *orders;
  GPtrArray        *records;
  GPtrArray        *not_understood;  /* (element-type utf8) */
  GPtrArray        *errors;          /* (element-type utf8) order mails that do not read */
  htmlParserCtxtPtr html;
} EmailImport;

static void
mail_clear (Mail *mail)
{
  g_free (mail->subject);
  g_free (mail->sender);
  g_string_free (mail->text, TRUE);
  g_ptr_array_unref (mail->items);
  g_clear_pointer (&mail->labels, g_ptr_array_unref);
}

static gpointer
init_gmime (gpointer data)
{
  g_mime_init ();
  return NULL;
}

/* ---- Text out of MIME and HTML ---- */

static void
append_text (Mail       *mail,
             const char *text,
             gssize      length)
{
  gsize room;

  if (mail->text->len >= MAX_TEXT)
    return;
  if (length < 0)
    length = strlen (text);
  room = MAX_TEXT - mail->text->len;
  g_string_append_len (mail->text, text, MIN ((gsize) length, room));
}

/* libxml2's HTML parser gives element names in lower case. */
static gboolean
is_block (const char *name)
{
  static const char *blocks[] = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "hr", "dt", "dd", "blockquote", "pre",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (name[0] == blocks[i][0] && strcmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = content ? g_strstrip (g_strdup ((const char *) content)) : g_strdup ("");

  xmlFree (content);
  return text;
}

/* The last part of a schema.org type: "http://schema.org/Order" -> "Order". */
static const char *
type_name (const char *type)
{
  const char *slash = type ? strrchr (type, '/') : NULL;

  return slash ? slash + 1 : type;
}

static JsonNode *microdata_item (xmlNode *node, guint depth);

/* An itemprop's value: a nested item, or the attribute HTML gives it, or the text. */
static JsonNode *
microdata_value (xmlNode *node,
                 guint    depth)
{
  static const char *attributes[] = { "content", "datetime", "href", "src", "value" };
  g_autofree char *scope = get_attribute (node, "itemscope");
  JsonNode *value;

  if (scope != NULL || xmlHasProp (node, (const xmlChar *) "itemscope"))
    return microdata_item (node, depth + 1);
  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      g_autofree char *text = get_attribute (node, attributes[i]);

      if (text != NULL)
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, text);
          return value;
        }
    }
  {
    g_autofree char *text = node_text (node);

    value = json_node_new (JSON_NODE_VALUE);
    json_node_set_string (value, text);
  }
  return value;
}

static void
microdata_props (xmlNode    *parent,
                 JsonObject *object,
                 guint       depth)
{
  if (depth > MAX_HTML_DEPTH)
    return;
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      g_autofree char *prop = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      prop = get_attribute (child, "itemprop");
      if (prop != NULL)
        {
          json_object_set_member (object, g_strstrip (prop), microdata_value (child, depth));
          /* A nested item keeps its own properties. */
          if (xmlHasProp (child, (const xmlChar *) "itemscope"))
            continue;
        }
      else if (xmlHasProp (child, (const xmlChar *) "itemscope"))
        continue;
      microdata_props (child, object, depth + 1);
    }
}

/* A microdata item as the JSON-LD object it stands for. */
static JsonNode *
microdata_item (xmlNode *node,
                guint    depth)
{
  g_autofree char *type = get_attribute (node, "itemtype");
  JsonObject *object = json_object_new ();
  JsonNode *item = json_node_new (JSON_NODE_OBJECT);

  if (type != NULL)
    json_object_set_string_member (object, "@type", type_name (g_strstrip (type)));
  microdata_props (node, object, depth);
  json_node_take_object (item, object);
  return item;
}

static void
add_json_ld (Mail       *mail,
             const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* An empty script parses, with no root. */
  if (text == NULL || !ow_json_parser_load (parser, text, strlen (text), NULL) ||
      json_parser_get_root (parser) == NULL)
    return;
  g_ptr_array_add (mail->items, json_node_copy (json_parser_get_root (parser)));
}

/* The visible text, line by line; scripts are never text, JSON-LD and microdata are items. */
static void
walk_html (xmlNode *node,
           Mail    *mail,
           guint    depth)
{
  if (depth > MAX_HTML_DEPTH)
    return;
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;
      gboolean block;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          append_text (mail, (const char *) node->content, -1);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (strcmp (name, "script") == 0)
        {
          g_autofree char *type = get_attribute (node, "type");

          if (type != NULL && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
            {
              g_autofree char *json = node_text (node);

              add_json_ld (mail, json);
            }
          continue;
        }
      /* The head's scripts may be JSON-LD; its title and styles are not the mail's text. */
      if (strcmp (name, "style") == 0 || strcmp (name, "template") == 0 ||
          strcmp (name, "title") == 0)
        continue;
      if (xmlHasProp (node, (const xmlChar *) "itemscope") &&
          !xmlHasProp (node, (const xmlChar *) "itemprop"))
        g_ptr_array_add (mail->items, microdata_item (node, depth));

      block = is_block (name);
      if (block)
        append_text (mail, "\n", 1);
      else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
        append_text (mail, " ", 1);
      walk_html (node->children, mail, depth + 1);
      if (block)
        append_text (mail, "\n", 1);
    }
}

static void
read_html (Mail       *mail,
           const char *html)
{
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET;
  /* One parser for the whole mailbox: it is reset for each document. */
  htmlDocPtr doc = htmlCtxtReadMemory (mail->html, html, strlen (html), NULL, "UTF-8", options);

  if (doc == NULL)
    return;
  walk_html (doc->children, mail, 0);
  xmlFreeDoc (doc);
}

static void
walk_mime (GMimeObject *object,
           Mail        *mail,
           guint        depth)
{
  if (object == NULL || depth > MAX_MIME_DEPTH || mail->n_parts >= MAX_PARTS)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);

      for (int i = 0; i < g_mime_multipart_get_count (multipart); i++)
        walk_mime (g_mime_multipart_get_part (multipart, i), mail, depth + 1);
      return;
    }
  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner != NULL)
        walk_mime (g_mime_message_get_mime_part (inner), mail, depth + 1);
      return;
    }
  if (GMIME_IS_TEXT_PART (object))
    {
      GMimeContentType *type = g_mime_object_get_content_type (object);
      const char *disposition = g_mime_object_get_disposition (object);
      g_autofree char *text = NULL;
      g_autofree char *valid = NULL;

      mail->n_parts++;
      if (disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0)
        return;
      /* Decoded and converted to UTF-8 from the part's charset (windows-1251, KOI8-R...). */
      text = g_mime_text_part_get_text (GMIME_TEXT_PART (object));
      if (text == NULL)
        return;
      valid = g_utf8_make_valid (text, -1);
      if (g_mime_content_type_is_type (type, "text", "html"))
        read_html (mail, valid);
      else if (g_mime_content_type_is_type (type, "text", "plain"))
        {
          append_text (mail, valid, -1);
          append_text (mail, "\n", 1);
        }
    }
}

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

static void
finding_free (Finding *finding)
{
  g_clear_object (&finding->order);
  g_clear_pointer (&finding->records, ow_order_records_free);
  g_free (finding);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Finding, finding_free)

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
static Finding *
read_aliexpress (EmailImport  *import,
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
              g_strcmp0 (type_name (json_node_get_string (element)), type) == 0)
            return TRUE;
        }
      return FALSE;
    }
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (type_name (json_node_get_string (node)), type) == 0;
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
  const char *name = type_name (status);

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
static gboolean
read_schema_node (EmailImport  *import,
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
        if (!read_schema_node (import, mail, json_array_get_element (array, i), findings,
                               depth + 1, error))
          return FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "@graph"))
    return read_schema_node (import, mail, json_object_get_member (object, "@graph"), findings,
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

/* ---- Mails and mailboxes ---- */

static char *
mail_where (EmailImport *import,
            Mail        *mail)
{
  if (mail->subject != NULL && *mail->subject != '\0')
    /* Translators: a mail by its place in the file and its subject */
    return g_strdup_printf (_("mail %u (“%s”)"), mail->index, mail->subject);
  /* Translators: a mail by its place in the file */
  return g_strdup_printf (_("mail %u"), mail->index);
}

/* Checks the finding like any other order, marks its facts as from this mail, and keeps it. */
static void
keep (EmailImport *import,
      Mail        *mail,
      Finding     *finding)
{
  g_autofree char *origin = mail->date != OW_TIME_UNSET ? ow_fact_origin_new_email (mail->date)
                                                        : NULL;
  g_autoptr(GError) error = NULL;
  OwPolicy *policy = import->policies ? ow_policy_registry_lookup (import->policies,
                                                                   ow_order_get_marketplace (
                                                                     finding->order))
                                      : NULL;
  g_autofree char *bad_number = policy ? ow_policy_check_order_number (
                                           policy, ow_order_get_order_number (finding->order))
                                       : NULL;

  for (guint e = 0; origin != NULL && e < OW_N_EVENTS; e++)
    if (ow_order_get_time_known (finding->order, e))
      ow_order_set_time_origin (finding->order, e, origin);

  if (bad_number == NULL && ow_order_validate (finding->order, &error))
    {
      g_ptr_array_add (import->orders, g_steal_pointer (&finding->order));
      g_ptr_array_add (import->records, g_steal_pointer (&finding->records));
      return;
    }
  {
    g_autofree char *where = mail_where (import, mail);

    /* Translators: a mail, then what is wrong with the order it tells about */
    g_ptr_array_add (import->errors, g_strdup_printf (_("%s: %s"), where,
                                                      bad_number ? bad_number : error->message));
  }
}

static void
read_message (EmailImport  *import,
              GMimeMessage *message,
              guint         index)
{
  InternetAddressList *from = g_mime_message_get_from (message);
  GDateTime *date = g_mime_message_get_date (message);
  const char *subject = g_mime_message_get_subject (message);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  g_autoptr(GError) error = NULL;
  Mail mail = { index, NULL, NULL, OW_TIME_UNSET, g_string_new (NULL),
                g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref), NULL,
                import->html, 0 };

  mail.subject = subject ? g_utf8_make_valid (subject, -1) : NULL;
  if (from != NULL && internet_address_list_length (from) > 0)
    {
      InternetAddress *address = internet_address_list_get_address (from, 0);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        mail.sender = g_ascii_strdown (
          internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)), -1);
    }
  if (date != NULL)
    mail.date = g_date_time_to_unix (date);
  walk_mime (g_mime_message_get_mime_part (message), &mail, 0);

  for (guint i = 0; i < mail.items->len && error == NULL; i++)
    read_schema_node (import, &mail, g_ptr_array_index (mail.items, i), findings, 0, &error);
  if (error == NULL && findings->len == 0 && g_strcmp0 (mail.sender, ALIEXPRESS_SENDER) == 0)
    {
      Finding *finding = read_aliexpress (import, &mail, &error);

      if (finding != NULL)
        g_ptr_array_add (findings, finding);
    }

  if (error != NULL)
    {
      g_autofree char *where = mail_where (import, &mail);

      g_ptr_array_add (import->errors, g_strdup_printf (_("%s: %s"), where, error->message));
    }
  else if (findings->len == 0)
    {
      g_autofree char *where = mail_where (import, &mail);

      /* Translators: a mail, then the address it came from */
      g_ptr_array_add (import->not_understood,
                       g_strdup_printf (_("%s: not an order mail Orderwatch reads (from %s)"),
                                        where, mail.sender ? mail.sender : "?"));
    }
  for (guint i = 0; i < findings->len; i++)
    keep (import, &mail, g_ptr_array_index (findings, i));
  mail_clear (&mail);
}

gboolean
ow_import_email_detect (const char *data,
                        gsize       length)
{
  static const char *headers[] = {
    "From ", "Return-Path:", "Received:", "Delivered-To:", "From:", "Date:", "Subject:",
    "MIME-Version:", "Message-ID:", "To:", "X-", "DKIM-Signature:", "Content-Type:",
  };

  if (data == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      gsize n = strlen (headers[i]);

      if (length >= n && g_ascii_strncasecmp (data, headers[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
ow_import_email (GBytes            *data,
                 const char        *name,
                 OwPolicyRegistry  *policies,
                 OwImportFlags      flags,
                 GPtrArray        **records,
                 GPtrArray        **not_understood,
                 GPtrArray        **row_errors,
                 GError           **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) order_records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  GMimeStream *stream;
  GMimeParser *parser;
  EmailImport import = { policies, name, 0, orders, order_records, skipped, errors, NULL };
  const char *text;
  gsize length;
  guint index = 0;

  g_return_val_if_fail (data != NULL, NULL);

  g_once (&once, init_gmime, NULL);
  text = g_bytes_get_data (data, &length);
  if (text == NULL || !ow_import_email_detect (text, length))
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                           _("mail 1: this is not an email; an .eml file or an mbox starts "
                             "with its headers (From:, Date:, Subject:)"));
      return NULL;
    }

  import.html = htmlNewParserCtxt ();
  stream = g_mime_stream_mem_new_with_buffer (text, length);
  parser = g_mime_parser_new_with_stream (stream);
  /* An mbox's messages each start with a "From " line. */
  g_mime_parser_set_format (parser, strncmp (text, "From ", 5) == 0 ? GMIME_FORMAT_MBOX
                                                                    : GMIME_FORMAT_MESSAGE);
  while (!g_mime_parser_eos (parser))
    {
      GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

      if (message == NULL)
        break;
      read_message (&import, message, ++index);
      g_object_unref (message);
      if (g_mime_parser_get_format (parser) == GMIME_FORMAT_MESSAGE)
        break;
    }
  g_object_unref (parser);
  g_object_unref (stream);
  htmlFreeParserCtxt (import.html);

  if (index == 0)
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                           _("mail 1: the headers do not read as a mail"));
      return NULL;
    }

  if (errors->len > 0 && !(flags & OW_IMPORT_SKIP_INVALID))
    {
      const char *first = g_ptr_array_index (errors, 0);

      if (errors->len == 1)
        g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, first);
      else
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE, "%s (and %u more mail that does not read)",
                                  "%s (and %u more mails that do not read)", errors->len - 1),
                     first, errors->len - 1);
      if (row_errors != NULL)
        *row_errors = g_steal_pointer (&errors);
      return NULL;
    }

  if (row_errors != NULL)
    *row_errors = g_steal_pointer (&errors);
  if (not_understood != NULL)
    *not_understood = g_steal_pointer (&skipped);
  if (records != NULL)
    *records = g_steal_pointer (&order_records);
  return g_steal_pointer (&orders);
}
