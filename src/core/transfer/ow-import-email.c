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
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "ow-error.h"
#include "ow-import-email-private.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-json.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-records.h"

/* Deeper multiparts are not read: real mails nest three or four levels. */
#define MAX_MIME_DEPTH  12
#define MAX_HTML_DEPTH  128
/* Text kept from one mail: order details come first, and a 20 MB mail is an attachment. */
#define MAX_TEXT        (256 * 1024)
#define MAX_PARTS       64

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
const char *
ow_email_type_name (const char *type)
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
    json_object_set_string_member (object, "@type", ow_email_type_name (g_strstrip (type)));
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

/* @html (UTF-8, NUL-terminated) parsed with the import's parser, as htmlCtxtReadMemory ()
 * with "UTF-8" would, but from a static input buffer: the memory buffer that function makes
 * is asked to grow (and its encoder to run) at every few characters of a small document, a
 * quarter of the parse. The whole text is converted once instead. */
static htmlDocPtr
parse_html (htmlParserCtxtPtr  ctxt,
            const char        *html)
{
  /* The text is UTF-8 already: a <meta charset> must not switch it. */
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD |
                HTML_PARSE_IGNORE_ENC;
  xmlParserInputBufferPtr buffer;
  xmlParserInputPtr input;
  htmlDocPtr doc;

  htmlCtxtReset (ctxt);
  buffer = xmlParserInputBufferCreateStatic (html, strlen (html), XML_CHAR_ENCODING_NONE);
  if (buffer == NULL)
    return NULL;
  input = xmlNewIOInputStream (ctxt, buffer, XML_CHAR_ENCODING_NONE);
  if (input == NULL)
    {
      xmlFreeParserInputBuffer (buffer);
      return NULL;
    }
  inputPush (ctxt, input);
  htmlCtxtUseOptions (ctxt, options);
  ctxt->html = 1;
  xmlSwitchToEncoding (ctxt, xmlFindCharEncodingHandler ("UTF-8"));
  htmlParseDocument (ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  return doc;
}

static void
read_html (Mail       *mail,
           const char *html)
{
  /* One parser for the whole mailbox: it is reset for each document. */
  htmlDocPtr doc = parse_html (mail->html, html);

  if (doc == NULL)
    return;
  walk_html (doc->children, mail, 0);
  xmlFreeDoc (doc);
}

/* The part's text as g_mime_text_part_get_text () gives it, made valid UTF-8 (up to a NUL).
 * That function runs a utf-8 part through an iconv filter too, an identity for valid UTF-8
 * that costs a filter stream and an iconv_open per part; such a part is only decoded here,
 * and, being valid already, not copied again. Any other part goes the library's way. */
static char *
part_text (GMimeTextPart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (part));
  const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part),
                                                                   "charset");
  g_autofree char *text = NULL;
  GMimeStream *stream;
  GByteArray *bytes;

  if (content == NULL)
    return NULL;
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
      g_ascii_strcasecmp (charset, "utf8") != 0)
    {
      text = g_mime_text_part_get_text (part);
      return text ? g_utf8_make_valid (text, -1) : NULL;
    }

  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, stream);
  bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  if (g_utf8_validate_len ((const char *) bytes->data, bytes->len, NULL))
    {
      g_byte_array_append (bytes, (const guint8 *) "", 1);
      g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
      g_object_unref (stream);
      return (char *) g_byte_array_free (bytes, FALSE);
    }
  g_object_unref (stream);
  /* Invalid UTF-8 (or a NUL): as the charset filter makes it, when there is one. */
  if (charset != NULL)
    text = g_mime_text_part_get_text (part);
  else
    {
      stream = g_mime_stream_mem_new ();
      g_mime_data_wrapper_write_to_stream (content, stream);
      g_mime_stream_write (stream, "", 1);
      bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
      g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
      g_object_unref (stream);
      text = (char *) g_byte_array_free (bytes, FALSE);
    }
  return text ? g_utf8_make_valid (text, -1) : NULL;
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

      mail->n_parts++;
      if (disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0)
        return;
      /* Decoded and converted to UTF-8 from the part's charset (windows-1251, KOI8-R...). */
      text = part_text (GMIME_TEXT_PART (object));
      if (text == NULL)
        return;
      if (g_mime_content_type_is_type (type, "text", "html"))
        read_html (mail, text);
      else if (g_mime_content_type_is_type (type, "text", "plain"))
        {
          append_text (mail, text, -1);
          append_text (mail, "\n", 1);
        }
    }
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
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_email_finding_free);
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
    ow_email_read_schema_node (import, &mail, g_ptr_array_index (mail.items, i), findings, 0, &error);
  if (error == NULL && findings->len == 0 && g_strcmp0 (mail.sender, OW_EMAIL_ALIEXPRESS_SENDER) == 0)
    {
      Finding *finding = ow_email_read_aliexpress (import, &mail, &error);

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
  GByteArray *mailbox;
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
  /* The mailbox read where it is, not copied (8 MiB for 10,000 notices): the array only
   * borrows the bytes, and is freed without them; the parser never writes to its stream. */
  mailbox = g_byte_array_new_take ((guint8 *) text, length);
  stream = g_mime_stream_mem_new ();
  g_mime_stream_mem_set_byte_array (GMIME_STREAM_MEM (stream), mailbox);
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
  g_byte_array_free (mailbox, FALSE);
  htmlFreeParserCtxt (import.html);

  if (index == 0)
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                           _("mail 1: the headers do not read as a mail"));
      return NULL;
    }

  if (errors->len > 0 && !(flags & OW_IMPORT_SKIP_INVALID))
    {
      ow_import_fail_with_first (error, errors, errors->len, TRUE);
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
