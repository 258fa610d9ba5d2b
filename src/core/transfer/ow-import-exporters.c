/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Other tools' exports (an AliExpress order exporter's CSV, an order downloader's tab-separated
 * file, Temu's export), told by their header row and read through one column table: each
 * column says what it gives, the rows of one order become one order listing its items, and a
 * status is mapped to the facts it proves, without their dates. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-money.h"
#include "ow-order-paste.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-text.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

typedef enum
{
  EXPORTER_ALIEXPRESS_CSV,
  EXPORTER_DOWNLOADER_TSV,
  EXPORTER_TEMU,
  N_EXPORTERS
} Exporter;

/* What a column gives. */
typedef enum
{
  TAKE_NOTHING,
  TAKE_ORDER_NUMBER,
  TAKE_PLACED,          /* a date, any common shape */
  TAKE_SHIPPED,
  TAKE_ITEM,
  TAKE_OPTION,          /* the item's variant, shown after its title */
  TAKE_QUANTITY,
  TAKE_PRICE,           /* one item's price: "US $120.95", "129,46zł" */
  TAKE_ORDER_TOTAL,     /* the whole order's, repeated on each of its rows */
  TAKE_CURRENCY,
  TAKE_STORE,
  TAKE_STATUS,          /* the order's status: see statuses[] */
  TAKE_TRACKING,
  TAKE_TRACKING_STATUS, /* the parcel's status: see statuses[] */
  N_TAKES
} Take;

static const struct
{
  const char *name;        /* for messages */
  const char *marketplace;
  char        delimiter;
} exporters[N_EXPORTERS] = {
  [EXPORTER_ALIEXPRESS_CSV] = { N_("AliExpress order exporter (CSV)"), "aliexpress", ',' },
  [EXPORTER_DOWNLOADER_TSV] = { N_("order downloader (tab-separated)"), "aliexpress", '\t' },
  [EXPORTER_TEMU] = { N_("Temu order export"), "temu", ',' },
};

/* The one column table: every column of every format, and what it gives. */
static const struct
{
  Exporter    exporter;
  const char *header;
  Take        take;
} columns[] = {
  { EXPORTER_ALIEXPRESS_CSV, "Order Date", TAKE_PLACED },
  { EXPORTER_ALIEXPRESS_CSV, "Order ID", TAKE_ORDER_NUMBER },
  { EXPORTER_ALIEXPRESS_CSV, "Title", TAKE_ITEM },
  { EXPORTER_ALIEXPRESS_CSV, "Qty", TAKE_QUANTITY },
  { EXPORTER_ALIEXPRESS_CSV, "Price", TAKE_PRICE },
  { EXPORTER_ALIEXPRESS_CSV, "Store", TAKE_STORE },
  { EXPORTER_ALIEXPRESS_CSV, "Product ID", TAKE_NOTHING },
  { EXPORTER_ALIEXPRESS_CSV, "SKU ID", TAKE_NOTHING },
  { EXPORTER_ALIEXPRESS_CSV, "Attributes", TAKE_OPTION },
  { EXPORTER_ALIEXPRESS_CSV, "Price Info", TAKE_NOTHING },
  { EXPORTER_ALIEXPRESS_CSV, "Currency", TAKE_CURRENCY },
  { EXPORTER_ALIEXPRESS_CSV, "Status", TAKE_STATUS },
  { EXPORTER_ALIEXPRESS_CSV, "Product Url", TAKE_NOTHING },
  { EXPORTER_ALIEXPRESS_CSV, "Product Image Url", TAKE_NOTHING },
  { EXPORTER_ALIEXPRESS_CSV, "Store Url", TAKE_NOTHING },
  { EXPORTER_ALIEXPRESS_CSV, "Tags", TAKE_NOTHING },

  { EXPORTER_DOWNLOADER_TSV, "Order Number", TAKE_ORDER_NUMBER },
  { EXPORTER_DOWNLOADER_TSV, "Order Date", TAKE_PLACED },
  { EXPORTER_DOWNLOADER_TSV, "Subtotal", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Shipping and Tax", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Total Order Amount", TAKE_ORDER_TOTAL },
  { EXPORTER_DOWNLOADER_TSV, "Store Name", TAKE_STORE },
  { EXPORTER_DOWNLOADER_TSV, "Order Status", TAKE_STATUS },
  { EXPORTER_DOWNLOADER_TSV, "Tracking Number", TAKE_TRACKING },
  { EXPORTER_DOWNLOADER_TSV, "Tracking Status", TAKE_TRACKING_STATUS },
  { EXPORTER_DOWNLOADER_TSV, "Status Last Updated", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Tracking Link", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Product Title", TAKE_ITEM },
  { EXPORTER_DOWNLOADER_TSV, "Option", TAKE_OPTION },
  { EXPORTER_DOWNLOADER_TSV, "Price", TAKE_PRICE },
  { EXPORTER_DOWNLOADER_TSV, "Quantity", TAKE_QUANTITY },
  { EXPORTER_DOWNLOADER_TSV, "Pieces Per Pack", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Total Quantity", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Landed Cost", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Product URL", TAKE_NOTHING },
  { EXPORTER_DOWNLOADER_TSV, "Image URL", TAKE_NOTHING },

  { EXPORTER_TEMU, "Order ID", TAKE_ORDER_NUMBER },
  { EXPORTER_TEMU, "Item description at order time", TAKE_ITEM },
  { EXPORTER_TEMU, "Order time", TAKE_PLACED },
  { EXPORTER_TEMU, "Shipped date", TAKE_SHIPPED },
  { EXPORTER_TEMU, "Price", TAKE_PRICE },
  { EXPORTER_TEMU, "Price tax", TAKE_NOTHING },
  { EXPORTER_TEMU, "Shipping cost", TAKE_NOTHING },
  { EXPORTER_TEMU, "Order total", TAKE_ORDER_TOTAL },
  { EXPORTER_TEMU, "Order detail URL", TAKE_NOTHING },
};

#define B(e) OW_EVENT_BIT (OW_EVENT_##e)

/* What a status proves, and no more: "Completed" proves receipt (so payment and shipment),
 * not when; "Cancelled" a closure. A status not listed proves nothing. */
static const struct
{
  const char    *status;
  guint32        facts;
  OwCloseReason  reason;
} statuses[] = {
  { "awaiting payment", 0, OW_CLOSE_NONE },
  { "unpaid", 0, OW_CLOSE_NONE },
  { "awaiting shipment", B (PAID), OW_CLOSE_NONE },
  { "to ship", B (PAID), OW_CLOSE_NONE },
  { "processing", B (PAID), OW_CLOSE_NONE },
  { "paid", B (PAID), OW_CLOSE_NONE },
  { "awaiting delivery", B (PAID) | B (SHIPPED), OW_CLOSE_NONE },
  { "shipped", B (PAID) | B (SHIPPED), OW_CLOSE_NONE },
  { "in transit", B (SHIPPED), OW_CLOSE_NONE },
  { "delivered", B (SHIPPED) | B (DELIVERED), OW_CLOSE_NONE },
  { "completed", B (PAID) | B (SHIPPED) | B (RECEIVED), OW_CLOSE_NONE },
  { "finished", B (PAID) | B (SHIPPED) | B (RECEIVED), OW_CLOSE_NONE },
  { "received", B (PAID) | B (SHIPPED) | B (RECEIVED), OW_CLOSE_NONE },
  { "in dispute", B (PAID) | B (DISPUTE_OPENED), OW_CLOSE_NONE },
  { "dispute", B (PAID) | B (DISPUTE_OPENED), OW_CLOSE_NONE },
  { "refunded", B (PAID) | B (REFUNDED), OW_CLOSE_NONE },
  { "cancelled", B (CLOSED), OW_CLOSE_CANCELLED },
  { "canceled", B (CLOSED), OW_CLOSE_CANCELLED },
  { "closed", B (CLOSED), OW_CLOSE_OTHER },
};

#undef B

/* Items joined into the order's item text stop here, with "…". */
#define ITEMS_MAX (OW_ORDER_ITEM_MAX - 1)

typedef struct
{
  Exporter  exporter;
  int       map[N_TAKES];   /* take -> field index, or -1 */
  char     *header[64];     /* field index -> its name, for messages */
  guint     n_header;
} Layout;

/* One order while its rows are read. */
typedef struct
{
  OwOrder        *order;
  OwOrderRecords *records;
  guint           line;        /* its first row */
  GString        *items;
  guint           n_items;
  int             quantity;
  gint64          item_sum;
  gint64          total;       /* OW_TIME_UNSET-like: -1 until a total column gives one */
  char            currency[4];
  guint32         proven;      /* facts its statuses prove */
  char           *problem;     /* the first bad row's message: the order is left out */
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->order);
  g_clear_pointer (&pending->records, ow_order_records_free);
  g_string_free (pending->items, TRUE);
  g_free (pending->problem);
  g_free (pending);
}

static void
layout_clear (Layout *layout)
{
  for (guint i = 0; i < layout->n_header; i++)
    g_free (layout->header[i]);
}

static gboolean
layout_read (Exporter     exporter,
             OwCsvReader *reader,
             Layout      *layout)
{
  guint n_known = 0, n_found = 0;

  layout->exporter = exporter;
  layout->n_header = MIN (reader->fields->len, G_N_ELEMENTS (layout->header));
  for (guint t = 0; t < N_TAKES; t++)
    layout->map[t] = -1;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    n_known += columns[c].exporter == exporter;

  for (guint i = 0; i < layout->n_header; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (reader->fields, i)));

      layout->header[i] = g_steal_pointer (&name);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        if (columns[c].exporter == exporter &&
            g_ascii_strcasecmp (layout->header[i], columns[c].header) == 0)
          {
            n_found++;
            if (columns[c].take != TAKE_NOTHING && layout->map[columns[c].take] < 0)
              layout->map[columns[c].take] = i;
            break;
          }
    }

  /* Its order number and most of its columns: a later version may add or drop one. */
  return layout->map[TAKE_ORDER_NUMBER] >= 0 && n_found * 4 >= n_known * 3 &&
         n_found * 4 >= layout->n_header * 3;
}

/* The exporter whose header row @text starts with, into @layout (cleared by the caller), or -1. */
static int
detect (const char *text,
        gsize       length,
        Layout     *layout)
{
  const char *newline = memchr (text, '\n', length);
  gsize n = newline ? (gsize) (newline - text) : length;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *line = NULL;
  int best = -1;

  if (n >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      n -= 3;
    }
  if (n == 0 || n > 4096)
    return -1;

  for (int e = 0; e < N_EXPORTERS && best < 0; e++)
    {
      OwCsvReader reader;
      guint record_line = 1;

      /* The reader writes into its input: a fresh copy for each try. */
      g_free (line);
      line = g_strndup (text, n);
      reader = (OwCsvReader) { line, line + strlen (line), 1, fields, exporters[e].delimiter };
      if (!ow_csv_read_record (&reader, &record_line, NULL))
        continue;
      layout_clear (layout);
      memset (layout, 0, sizeof *layout);
      if (layout_read (e, &reader, layout))
        best = e;
    }
  return best;
}

const char *
ow_import_exporter_detect (const char *data,
                           gsize       length)
{
  Layout layout = { 0 };
  int found;

  if (data == NULL)
    return NULL;
  found = detect (data, length, &layout);
  layout_clear (&layout);
  return found >= 0 ? _(exporters[found].name) : NULL;
}

static char *
row_problem (guint       line,
             const char *column,
             const char *message)
{
  /* Translators: where a problem is in a file, then the problem */
  return g_strdup_printf (_("line %u, column “%s”: %s"), line, column, message);
}

/* "US $120.95" with a Currency column USD, "129,46zł", "$8.40": minor units of the currency
 * the text or @currency_hint names. */
/* The number in @text ("KWD 12.345", "1.234,5"), in @currency's minor units: the last
 * separator is the decimal point when as many digits as the currency has follow it, every
 * other one groups thousands. */
static gboolean
parse_number_in (const char *text,
                 const char *currency,
                 gint64     *minor)
{
  int exponent = ow_currency_exponent (currency);
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text, *last_sep = NULL, *end;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  for (end = p; g_ascii_isdigit (*end) || *end == ',' || *end == '.' ||
                (*end == ' ' && g_ascii_isdigit (end[1])); end++)
    if (!g_ascii_isdigit (*end))
      last_sep = end;
  if (end == p)
    return FALSE;
  for (const char *q = p; q < end; q++)
    {
      if (g_ascii_isdigit (*q))
        g_string_append_c (digits, *q);
      else if (q == last_sep && *q != ' ' && end - q - 1 == exponent && exponent > 0)
        g_string_append_c (digits, '.');
    }
  return ow_money_parse (digits->str, currency, minor, NULL);
}

static gboolean
parse_price (const char *text,
             const char *currency_hint,
             gint64     *minor,
             char        currency[4])
{
  g_autofree char *with_code = NULL;

  if (ow_paste_parse_amount (text, minor, currency) &&
      (currency_hint == NULL || strcmp (currency, currency_hint) == 0))
    return TRUE;
  /* A bare number, or a code the page parser does not know: the Currency column says. */
  if (currency_hint == NULL || !ow_currency_is_valid (currency_hint))
    return FALSE;
  memcpy (currency, currency_hint, 4);
  return parse_number_in (text, currency_hint, minor);
}

static gboolean
parse_date (const char *text,
            GTimeZone  *market_zone,
            gint64     *out)
{
  g_autoptr(GTimeZone) here = ow_time_zone_get_local ();
  OwPasteDate date;

  if (!ow_paste_parse_date (text, &date))
    return FALSE;
  *out = ow_paste_date_to_unix_for (&date, here, market_zone);
  return *out != OW_TIME_UNSET && ow_time_in_range (*out);
}

static guint32
status_facts (const char    *text,
              OwCloseReason *reason)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_ascii_strcasecmp (clean, statuses[i].status) == 0)
      {
        if (statuses[i].reason != OW_CLOSE_NONE)
          *reason = statuses[i].reason;
        return statuses[i].facts;
      }
  return 0;
}

/* The row's field for @take, writable (the reader's copy), "" when the row has none. */
static char *
field_of (OwCsvReader  *reader,
          const Layout *layout,
          Take          take)
{
  static char empty[1];
  int index = layout->map[take];

  if (index < 0 || (guint) index >= reader->fields->len)
    {
      empty[0] = '\0';
      return empty;
    }
  return g_ptr_array_index (reader->fields, index);
}

/* Adds the current row to @pending; returns a message for its first bad field. */
static char *
read_row (OwCsvReader  *reader,
          const Layout *layout,
          guint         line,
          GTimeZone    *zone,
          Pending      *pending)
{
  char *text;
  const char *title, *option;
  OwCloseReason reason = OW_CLOSE_NONE;
  int quantity = 1;
  gint64 price = 0;
  char currency[4] = "";

#define NAME(take) layout->header[layout->map[take]]

  for (guint i = 0; i < reader->fields->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (reader->fields, i), -1, NULL))
      return row_problem (line, i < layout->n_header ? layout->header[i] : "?",
                          _("the text is not valid UTF-8; save the file as UTF-8 and try again"));

  text = field_of (reader, layout, TAKE_QUANTITY);
  if (*text != '\0')
    {
      char *end = NULL;
      gint64 value = g_ascii_strtoll (text, &end, 10);

      if (end == text || *end != '\0' || value < 1 || value > 100000)
        return row_problem (line, NAME (TAKE_QUANTITY),
                            _("not a whole number from 1 to 100000"));
      quantity = value;
    }

  text = field_of (reader, layout, TAKE_CURRENCY);
  if (*text != '\0')
    {
      g_autofree char *upper = g_ascii_strup (g_strstrip (text), -1);

      if (!ow_currency_is_valid (upper))
        return row_problem (line, NAME (TAKE_CURRENCY),
                            _("not an ISO 4217 currency code such as USD"));
      memcpy (currency, upper, 4);
    }

  text = field_of (reader, layout, TAKE_PRICE);
  if (*text != '\0')
    {
      char found[4] = "";

      if (!parse_price (text, *currency ? currency : NULL, &price, found))
        /* Translators: %s is what the file has, such as "US $1O.95" */
        return row_problem (line, NAME (TAKE_PRICE),
                            _("not an amount with its currency, such as US $12.40 or 129,46zł"));
      memcpy (currency, found, 4);
    }

  text = field_of (reader, layout, TAKE_ORDER_TOTAL);
  if (*text != '\0')
    {
      char found[4] = "";
      gint64 total = 0;

      if (!parse_price (text, *currency ? currency : NULL, &total, found))
        return row_problem (line, NAME (TAKE_ORDER_TOTAL),
                            _("not an amount with its currency, such as US $12.40 or 129,46zł"));
      if (*currency == '\0')
        memcpy (currency, found, 4);
      pending->total = total;
    }

  if (*currency != '\0')
    {
      if (*pending->currency != '\0' && strcmp (pending->currency, currency) != 0)
        return row_problem (line, NAME (layout->map[TAKE_CURRENCY] >= 0 ? TAKE_CURRENCY
                                        : layout->map[TAKE_PRICE] >= 0 ? TAKE_PRICE
                                                                        : TAKE_ORDER_TOTAL),
                            _("the order’s other rows are in another currency"));
      memcpy (pending->currency, currency, 4);
    }

  for (Take take = TAKE_PLACED; take <= TAKE_SHIPPED; take++)
    {
      OwOrderEvent event = take == TAKE_PLACED ? OW_EVENT_PLACED : OW_EVENT_SHIPPED;
      gint64 time;

      text = field_of (reader, layout, take);
      if (*text == '\0' || ow_order_get_time (pending->order, event) != OW_TIME_UNSET)
        continue;
      if (!parse_date (text, zone, &time))
        return row_problem (line, NAME (take),
                            _("not a date, such as 2026-11-01 or Nov 1, 2026 10:00"));
      ow_order_set_time (pending->order, event, time, OW_FACT_IMPORTED);
    }

  pending->proven |= status_facts (field_of (reader, layout, TAKE_STATUS), &reason);
  pending->proven |= status_facts (field_of (reader, layout, TAKE_TRACKING_STATUS), &reason);
  if (reason != OW_CLOSE_NONE)
    ow_order_set_close_reason (pending->order, reason);

  text = field_of (reader, layout, TAKE_STORE);
  if (*text != '\0' && ow_order_get_store_name (pending->order) == NULL)
    {
      g_autofree char *store = ow_text_truncate (text, OW_ORDER_STORE_MAX);

      ow_order_set_store_name (pending->order, store);
    }

  text = field_of (reader, layout, TAKE_TRACKING);
  if (*text != '\0')
    {
      g_auto(GStrv) words = g_strsplit_set (text, " ,;", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          g_autofree char *number = ow_tracking_number_normalize (words[i]);
          g_autoptr(GError) error = NULL;

          if (*number == '\0')
            continue;
          if (!ow_tracking_number_validate (number, &error))
            return row_problem (line, NAME (TAKE_TRACKING), error->message);
          if (!g_ptr_array_find_with_equal_func (pending->records->numbers, number, g_str_equal,
                                                 NULL))
            g_ptr_array_add (pending->records->numbers, g_steal_pointer (&number));
        }
    }

  /* The item, listed in the order's item text: "Lamp (Warm white) ×2; Cable". */
  title = g_strstrip (field_of (reader, layout, TAKE_ITEM));
  option = g_strstrip (field_of (reader, layout, TAKE_OPTION));
  if (*title != '\0')
    {
      if (pending->items->len > 0)
        g_string_append (pending->items, "; ");
      g_string_append (pending->items, title);
      if (*option != '\0')
        g_string_append_printf (pending->items, " (%s)", option);
      if (quantity > 1)
        g_string_append_printf (pending->items, " ×%d", quantity);
      pending->n_items++;
    }
  pending->quantity += quantity;
  if (price > 0)
    {
      if (price > G_MAXINT64 / 100000 / 1000)
        return row_problem (line, NAME (TAKE_PRICE), _("the amount is too large"));
      pending->item_sum += price * quantity;
    }

#undef NAME
  return NULL;
}

/* Every fact the statuses proved that the file gave no date for: known, date unknown. */
static void
pending_finish (Pending    *pending,
                const char *origin)
{
  OwOrder *order = pending->order;
  g_autofree char *items = NULL;

  if (pending->items->len > 0)
    {
      items = ow_text_truncate (pending->items->str, ITEMS_MAX);
      ow_order_set_item_title (order, items);
    }
  ow_order_set_quantity (order, CLAMP (pending->quantity, 1, 100000));
  if (*pending->currency != '\0')
    ow_order_set_currency (order, pending->currency);
  ow_order_set_amount (order, pending->total >= 0 ? pending->total : pending->item_sum);

  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      if ((pending->proven & OW_EVENT_BIT (e)) && !ow_order_get_time_known (order, e))
        ow_order_set_time_undated (order, e, OW_FACT_IMPORTED);
      if (origin != NULL && ow_order_get_time_known (order, e))
        ow_order_set_time_origin (order, e, origin);
    }
}

GPtrArray *
ow_import_exporter_read (GBytes            *data,
                         const char        *name,
                         OwPolicyRegistry  *policies,
                         OwImportFlags      flags,
                         GArray           **lines,
                         GPtrArray        **records,
                         GPtrArray        **row_errors,
                         GError           **error)
{
  g_autoptr(GPtrArray) pendings = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_autoptr(GHashTable) by_number = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) order_records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);
  g_autoptr(GArray) order_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *copy = NULL;
  g_autofree char *origin = NULL;
  Layout layout = { 0 };
  OwCsvReader reader;
  OwPolicy *policy = NULL;
  GTimeZone *zone = NULL;
  const char *text;
  gsize length;
  guint line = 1;
  int exporter;

  g_return_val_if_fail (data != NULL, NULL);

  text = g_bytes_get_data (data, &length);
  if (text == NULL)
    text = "";
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if ((exporter = detect (text, length, &layout)) < 0)
    {
      layout_clear (&layout);
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                           _("line 1: the header is not one of an exporter Orderwatch reads"));
      return NULL;
    }

  if (policies != NULL)
    policy = ow_policy_registry_lookup (policies, exporters[exporter].marketplace);
  zone = policy != NULL ? ow_policy_get_time_zone (policy) : NULL;
  if (name != NULL)
    {
      g_autofree char *base = g_path_get_basename (name);

      origin = ow_fact_origin_new_file (base);
    }

  copy = g_malloc (length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  reader = (OwCsvReader) { copy, copy + length, 1, fields, exporters[exporter].delimiter };
  /* The header again, to get past it. */
  if (!ow_csv_read_record (&reader, &line, error))
    {
      layout_clear (&layout);
      return NULL;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      const char *number;
      Pending *pending;
      char *message;

      if (!ow_csv_read_record (&reader, &line, &local_error))
        {
          if (local_error == NULL)
            break;
          layout_clear (&layout);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      number = g_strstrip (field_of (&reader, &layout, TAKE_ORDER_NUMBER));
      if (*number == '\0')
        {
          g_ptr_array_add (errors, row_problem (line, layout.header[layout.map[TAKE_ORDER_NUMBER]],
                                                _("an order number is required")));
          continue;
        }

      /* Rows of one order, wherever they are in the file, become one order. */
      pending = g_hash_table_lookup (by_number, number);
      if (pending == NULL)
        {
          pending = g_new0 (Pending, 1);
          pending->order = ow_order_new ();
          pending->records = ow_order_records_new ();
          pending->items = g_string_new (NULL);
          pending->line = line;
          pending->total = -1;
          ow_order_set_marketplace (pending->order, exporters[exporter].marketplace);
          ow_order_set_order_number (pending->order, number);
          g_ptr_array_add (pendings, pending);
          g_hash_table_insert (by_number, (char *) ow_order_get_order_number (pending->order),
                               pending);
        }
      if (pending->problem != NULL)
        continue;

      message = read_row (&reader, &layout, line, zone, pending);
      if (message != NULL)
        pending->problem = message;
    }
  layout_clear (&layout);

  for (guint i = 0; i < pendings->len; i++)
    {
      Pending *pending = g_ptr_array_index (pendings, i);
      g_autoptr(GError) local_error = NULL;

      if (pending->problem == NULL)
        {
          g_autofree char *bad_number = NULL;

          pending_finish (pending, origin);
          if (policy != NULL)
            bad_number = ow_policy_check_order_number (policy,
                                                       ow_order_get_order_number (pending->order));
          if (bad_number != NULL)
            pending->problem = g_strdup_printf (_("line %u: %s"), pending->line, bad_number);
          else if (!ow_order_validate (pending->order, &local_error))
            pending->problem = g_strdup_printf (_("line %u: %s"), pending->line,
                                                local_error->message);
        }
      if (pending->problem != NULL)
        {
          g_ptr_array_add (errors, g_steal_pointer (&pending->problem));
          continue;
        }
      g_ptr_array_add (orders, g_steal_pointer (&pending->order));
      g_ptr_array_add (order_records, g_steal_pointer (&pending->records));
      g_array_append_val (order_lines, pending->line);
    }

  if (errors->len > 0 && !(flags & OW_IMPORT_SKIP_INVALID))
    {
      ow_import_fail_with_first (error, errors, errors->len, FALSE);
      if (row_errors != NULL)
        *row_errors = g_steal_pointer (&errors);
      return NULL;
    }

  if (row_errors != NULL)
    *row_errors = g_steal_pointer (&errors);
  if (lines != NULL)
    *lines = g_steal_pointer (&order_lines);
  if (records != NULL)
    *records = g_steal_pointer (&order_records);
  return g_steal_pointer (&orders);
}
