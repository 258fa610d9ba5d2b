/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a JSON export as a stream of tokens (yajl), one order at a time. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <yajl/yajl_parse.h>

#include "ow-error.h"
#include "ow-export.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-json.h"
#include "ow-order.h"
#include "ow-store-records.h"
#include "ow-text.h"

/* The streaming reader: yajl reports the file token by token; each element of "orders" is
 * kept as flat values (OwJsonValues, reused from one order to the next, where a json-glib
 * tree per order cost as much as the parse), read and checked by
 * ow_import_json_read_order (), then emptied. The whole file never stands in memory as a
 * tree (it took 800 MiB for 100,000 orders), and the orders go to the caller a batch at a
 * time. */

typedef struct
{
  OwPolicyRegistry  *policies;
  gboolean           with_records;
  guint              batch_size;
  OwImportBatchFunc  func;
  gpointer           user_data;

  guint              depth;          /* containers open */
  gboolean           root_is_object;
  char              *root_key;       /* the member of the root object being read */
  char              *format;
  JsonNode          *version;
  gboolean           orders_seen;
  gboolean           orders_is_array;
  gboolean           in_orders;      /* inside the root's "orders" array */

  OwJsonValues      *order;          /* the order being read, while it is open */
  GString           *scratch;

  guint              n_orders;       /* elements of "orders" so far */
  GHashTable        *seen;           /* marketplace \x1f order number */
  GPtrArray         *batch;
  GPtrArray         *batch_records;
  guint              batch_first;    /* the index of the batch's first order */
  GError            *order_error;    /* the first order that did not read */
  GError            *caller_error;   /* the batch function refused: stop at once */
} Reader;

static gboolean
header_ok (Reader *reader)
{
  return reader->root_is_object && g_strcmp0 (reader->format, "orderwatch") == 0 &&
         reader->version != NULL && JSON_NODE_HOLDS_VALUE (reader->version) &&
         json_node_get_value_type (reader->version) == G_TYPE_INT64 &&
         json_node_get_int (reader->version) >= 1 &&
         json_node_get_int (reader->version) <= OW_EXPORT_JSON_VERSION;
}

/* Hands the batch over; while the header is not known yet (it may come after the orders),
 * the orders wait. */
static gboolean
deliver (Reader   *reader,
         gboolean  force)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint first = reader->batch_first;

  if (reader->batch->len == 0 || reader->order_error != NULL || reader->caller_error != NULL ||
      (!force && (reader->batch->len < reader->batch_size || !header_ok (reader))))
    return TRUE;

  orders = g_steal_pointer (&reader->batch);
  records = g_steal_pointer (&reader->batch_records);
  reader->batch = g_ptr_array_new_with_free_func (g_object_unref);
  reader->batch_records = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);
  reader->batch_first = first + orders->len;
  return reader->func (orders, reader->with_records ? records : NULL, first, reader->user_data,
                       &reader->caller_error);
}

/* One element of "orders" has been read whole (@values, or NULL when it is not an object):
 * check it and keep it. */
static gboolean
take_order (Reader       *reader,
            OwJsonValues *values)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwOrderRecords) records = NULL;
  g_autofree char *key = NULL;
  guint index = reader->n_orders++;

  /* After the first problem only the syntax is still checked: it is reported first. */
  if (reader->order_error != NULL)
    return TRUE;
  if (values == NULL)
    {
      g_set_error (&reader->order_error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("order %u: must be an object"), index + 1);
      return TRUE;
    }

  order = ow_order_new ();
  records = reader->with_records ? ow_order_records_new () : NULL;
  if (!ow_import_json_read_order (values, index, reader->policies, order, records,
                                  &reader->order_error))
    return TRUE;

  key = g_strconcat (ow_order_get_marketplace (order), "\x1f",
                     ow_order_get_order_number (order), NULL);
  if (g_hash_table_contains (reader->seen, key))
    {
      g_set_error (&reader->order_error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("order %u (%s): the file has this order number twice"), index + 1,
                   ow_order_get_order_number (order));
      return TRUE;
    }
  g_hash_table_add (reader->seen, g_steal_pointer (&key));
  g_ptr_array_add (reader->batch, g_steal_pointer (&order));
  if (records != NULL)
    g_ptr_array_add (reader->batch_records, g_steal_pointer (&records));
  return deliver (reader, FALSE);
}

/* Inside an order: its values are kept until it ends. */
static gboolean
in_order (Reader *reader)
{
  return ow_json_values_n_open (reader->order) > 0;
}

/* A scalar outside an order: an element of "orders" that is not an object, else one of the
 * header's members. */
static int
on_value (Reader   *reader,
          JsonNode *node)
{
  if (reader->in_orders && reader->depth == 2)
    {
      json_node_unref (node);
      return take_order (reader, NULL);
    }
  if (reader->depth == 1 && reader->root_key != NULL)
    {
      if (g_str_equal (reader->root_key, "format"))
        {
          g_free (reader->format);
          reader->format = JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_STRING
                           ? g_strdup (json_node_get_string (node)) : NULL;
        }
      else if (g_str_equal (reader->root_key, "version"))
        {
          g_clear_pointer (&reader->version, json_node_unref);
          reader->version = g_steal_pointer (&node);
        }
      else if (g_str_equal (reader->root_key, "orders"))
        reader->orders_seen = TRUE, reader->orders_is_array = FALSE;
    }
  g_clear_pointer (&node, json_node_unref);
  /* The header may have just become known: orders waiting for it can go. */
  return deliver (reader, FALSE);
}

static int
on_null (void *data)
{
  Reader *reader = data;

  if (in_order (reader))
    {
      ow_json_values_add_null (reader->order);
      return 1;
    }
  return on_value (reader, json_node_new (JSON_NODE_NULL));
}

static int
on_boolean (void *data,
            int   value)
{
  Reader *reader = data;
  JsonNode *node;

  if (in_order (reader))
    {
      ow_json_values_add_boolean (reader->order, value);
      return 1;
    }
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (node, value);
  return on_value (reader, node);
}

static int
on_integer (void      *data,
            long long  value)
{
  Reader *reader = data;
  JsonNode *node;

  if (in_order (reader))
    {
      ow_json_values_add_integer (reader->order, value);
      return 1;
    }
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, value);
  return on_value (reader, node);
}

static int
on_double (void   *data,
           double  value)
{
  Reader *reader = data;
  JsonNode *node;

  if (in_order (reader))
    {
      ow_json_values_add_double (reader->order, value);
      return 1;
    }
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (node, value);
  return on_value (reader, node);
}

static int
on_string (void                *data,
           const unsigned char *text,
           size_t               length)
{
  Reader *reader = data;
  JsonNode *node;

  if (in_order (reader))
    {
      ow_json_values_add_string (reader->order, (const char *) text, length);
      return 1;
    }
  node = json_node_new (JSON_NODE_VALUE);
  g_string_truncate (reader->scratch, 0);
  g_string_append_len (reader->scratch, (const char *) text, length);
  json_node_set_string (node, reader->scratch->str);
  return on_value (reader, node);
}

static int
on_key (void                *data,
        const unsigned char *text,
        size_t               length)
{
  Reader *reader = data;

  if (in_order (reader))
    ow_json_values_set_key (reader->order, (const char *) text, length);
  else if (reader->depth == 1)
    {
      g_free (reader->root_key);
      reader->root_key = g_strndup ((const char *) text, length);
    }
  return 1;
}

static int
on_start (Reader   *reader,
          gboolean  object)
{
  if (in_order (reader) || (reader->in_orders && reader->depth == 2 && object))
    ow_json_values_open (reader->order, object);
  else if (reader->in_orders && reader->depth == 2)
    /* An array where an order should be: its contents are passed over. */
    take_order (reader, NULL);
  else if (reader->depth == 0)
    reader->root_is_object = object;
  else if (reader->depth == 1 && g_strcmp0 (reader->root_key, "orders") == 0)
    {
      reader->orders_seen = TRUE;
      reader->orders_is_array = !object;
      reader->in_orders = !object;
    }
  reader->depth++;
  return 1;
}

static int
on_end (Reader *reader)
{
  reader->depth--;
  if (in_order (reader))
    {
      gboolean ok = TRUE;

      ow_json_values_close (reader->order);
      if (!in_order (reader))
        {
          ok = take_order (reader, reader->order);
          ow_json_values_clear (reader->order);
        }
      return ok;
    }
  if (reader->in_orders && reader->depth == 1)
    reader->in_orders = FALSE;
  return 1;
}

static int
on_start_map (void *data)
{
  return on_start (data, TRUE);
}

static int
on_start_array (void *data)
{
  return on_start (data, FALSE);
}

static int
on_end_container (void *data)
{
  return on_end (data);
}

static const yajl_callbacks reader_callbacks = {
  on_null, on_boolean, on_integer, on_double, NULL, on_string,
  on_start_map, on_key, on_end_container, on_start_array, on_end_container,
};

/* The line (from 1) the byte at @offset is on. */
static guint
line_at (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += text[i] == '\n';
  return line;
}

/* What yajl says, without its trailing line break. */
static char *
syntax_error (yajl_handle  handle,
              const char  *text,
              gsize        length)
{
  unsigned char *message = yajl_get_error (handle, 0, (const unsigned char *) text, length);
  g_autofree char *stripped = g_strstrip (g_strdup ((const char *) message));
  gsize offset = MIN (yajl_get_bytes_consumed (handle), length);

  yajl_free_error (handle, message);
  /* Translators: a line of the file, then what is wrong there (from the JSON parser) */
  return g_strdup_printf (_("line %u: %s"), line_at (text, offset), stripped);
}

static gboolean
check_bytes (const char  *text,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) depth_error = NULL;
  g_autofree char *member = NULL;
  guint line = 0;

  /* json-glib would refuse it too, without saying where. */
  if (!ow_text_check_json_utf8 (text, length, &line, &member))
    {
      if (member != NULL)
        /* Translators: a line of the file, then the member whose text is wrong */
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("line %u, %s: the text is not valid UTF-8; save the file as UTF-8 and "
                       "try again"), line, member);
      else
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("line %u: the text is not valid UTF-8; save the file as UTF-8 and try "
                       "again"), line);
      return FALSE;
    }
  /* Nothing Orderwatch writes nests deeper; a file that does is not an export. */
  if (!ow_json_check_depth (text, length, OW_JSON_MAX_DEPTH, &depth_error))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   /* Translators: %s says how deep the file nests and the limit */
                   _("The file is not an Orderwatch export: %s; check that you picked "
                     "the right file"), depth_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The header's problems, in the order they are reported. */
static gboolean
check_header (Reader  *reader,
              GError **error)
{
  if (!reader->root_is_object || g_strcmp0 (reader->format, "orderwatch") != 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("The file is not an Orderwatch export: it needs "
                     "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": […]}"));
      return FALSE;
    }
  if (reader->version == NULL || !JSON_NODE_HOLDS_VALUE (reader->version) ||
      json_node_get_value_type (reader->version) != G_TYPE_INT64 ||
      json_node_get_int (reader->version) < 1)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("version: must be a whole number, such as 1"));
      return FALSE;
    }
  if (json_node_get_int (reader->version) > OW_EXPORT_JSON_VERSION)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("version: the file is version %" PRId64
                     ", newer than this Orderwatch reads (%d); update Orderwatch"),
                   json_node_get_int (reader->version), OW_EXPORT_JSON_VERSION);
      return FALSE;
    }
  if (!reader->orders_seen || !reader->orders_is_array)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("orders: must be an array of orders"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ow_import_json_batches (GBytes             *data,
                        OwPolicyRegistry   *policies,
                        gboolean            with_records,
                        guint               batch_size,
                        OwImportBatchFunc   func,
                        gpointer            user_data,
                        GError            **error)
{
  Reader reader = { policies, with_records, MAX (batch_size, 1), func, user_data };
  yajl_handle handle;
  yajl_status status;
  const char *text;
  gsize length;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = g_bytes_get_data (data, &length);
  if (text == NULL)
    text = "";
  if (!check_bytes (text, length, error))
    return FALSE;

  reader.order = ow_json_values_new ();
  reader.scratch = g_string_new (NULL);
  reader.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.batch = g_ptr_array_new_with_free_func (g_object_unref);
  reader.batch_records = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);

  handle = yajl_alloc (&reader_callbacks, NULL, &reader);
  /* As lenient as json-glib was with the files people edited by hand. */
  yajl_config (handle, yajl_allow_comments, 1);
  /* ow_text_check_json_utf8 () has just checked every byte. */
  yajl_config (handle, yajl_dont_validate_strings, 1);
  status = yajl_parse (handle, (const unsigned char *) text, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);

  if (reader.caller_error != NULL)
    g_propagate_error (error, g_steal_pointer (&reader.caller_error));
  else if (status != yajl_status_ok)
    {
      g_autofree char *message = syntax_error (handle, text, length);

      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("The file is not valid JSON: %s"), message);
    }
  else if (check_header (&reader, error))
    {
      if (reader.order_error != NULL)
        g_propagate_error (error, g_steal_pointer (&reader.order_error));
      else if (!deliver (&reader, TRUE))
        g_propagate_error (error, g_steal_pointer (&reader.caller_error));
      else
        ok = TRUE;
    }

  yajl_free (handle);
  ow_json_values_free (reader.order);
  g_string_free (reader.scratch, TRUE);
  g_hash_table_unref (reader.seen);
  g_ptr_array_unref (reader.batch);
  g_ptr_array_unref (reader.batch_records);
  g_clear_error (&reader.order_error);
  g_clear_error (&reader.caller_error);
  g_clear_pointer (&reader.version, json_node_unref);
  g_free (reader.root_key);
  g_free (reader.format);
  return ok;
}

typedef struct
{
  GPtrArray *orders;
  GPtrArray *records;
} Collected;

static gboolean
collect_batch (GPtrArray  *orders,
               GPtrArray  *records,
               guint       first,
               gpointer    user_data,
               GError    **error)
{
  Collected *all = user_data;

  g_ptr_array_extend_and_steal (all->orders, g_ptr_array_ref (orders));
  if (records != NULL)
    g_ptr_array_extend_and_steal (all->records, g_ptr_array_ref (records));
  return TRUE;
}

GPtrArray *
ow_import_json_full (GBytes            *data,
                     OwPolicyRegistry  *policies,
                     GPtrArray        **records,
                     GError           **error)
{
  Collected all = {
    g_ptr_array_new_with_free_func (g_object_unref),
    g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free),
  };

  g_return_val_if_fail (data != NULL, NULL);

  if (!ow_import_json_batches (data, policies, records != NULL, 4096, collect_batch, &all,
                               error))
    {
      g_ptr_array_unref (all.orders);
      g_ptr_array_unref (all.records);
      return NULL;
    }
  if (records != NULL)
    *records = all.records;
  else
    g_ptr_array_unref (all.records);
  return all.orders;
}

GPtrArray *
ow_import_json (GBytes  *data,
                GError **error)
{
  return ow_import_json_full (data, NULL, NULL, error);
}
