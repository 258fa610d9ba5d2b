/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text comes from a web page or a phone, copied by hand: labels and values share a line
 * or sit on consecutive lines, table cells arrive separated by tabs, spaces may be
 * non-breaking. The parser splits the text into cells, finds known labels at the start of a
 * cell and takes the rest of the cell (or the next cell) as the value, keeping a value only
 * if it reads as what the label promises. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ow-money.h"
#include "ow-order-paste.h"
#include "ow-order-paste-private.h"

enum
{
  F_ORDER_NUMBER,
  F_STORE,
  F_AMOUNT,
  F_TRACKING,
  F_PLACED,
  F_PAID,
  F_SHIPPED,
  F_DELIVERED,
  F_ITEM,
  F_PROCESSING,
  N_F
};

struct _OwPasteResult
{
  OwPasteFields found;
  int           rank[N_F];          /* the label that gave the value: lower is surer */
  char         *order_number;
  char         *store_name;
  char         *tracking_number;
  char         *item_title;
  int           processing_days;
  int           store_cell;         /* the cell the store came from, -1 when none */
  gint64        amount;
  char          currency[4];
  OwPasteDate   dates[4];           /* placed, paid, shipped, delivered */
  char         *problem;            /* why nothing was read, or NULL */
};

typedef struct
{
  int         field;
  const char *text;
  gboolean    needs_colon;          /* a short word that also appears as plain text */
} Label;

/* Within a field, earlier labels are surer. Longer labels come before their prefixes. */
static const Label labels[] = {
  { F_ORDER_NUMBER, "Order number", FALSE },
  { F_ORDER_NUMBER, "Order ID", FALSE },
  { F_ORDER_NUMBER, "Order No.", FALSE },
  { F_ORDER_NUMBER, "Order No", FALSE },
  { F_ORDER_NUMBER, "Order #", FALSE },
  { F_ORDER_NUMBER, "Номер заказа", FALSE },
  { F_PLACED, "Order time", FALSE },
  { F_PLACED, "Order placed on", FALSE },
  { F_PLACED, "Order placed", FALSE },
  { F_PLACED, "Placed on", FALSE },
  { F_PLACED, "Order date", FALSE },
  { F_PLACED, "Ordered on", FALSE },
  { F_PLACED, "Order created", FALSE },
  { F_PLACED, "Creation time", FALSE },
  { F_PLACED, "Время заказа", FALSE },
  { F_PLACED, "Дата заказа", FALSE },
  { F_PAID, "Payment time", FALSE },
  { F_PAID, "Paid on", FALSE },
  { F_PAID, "Paid at", FALSE },
  { F_PAID, "Payment date", FALSE },
  { F_PAID, "Payment received", FALSE },
  { F_PAID, "Time of payment", FALSE },
  { F_PAID, "Время оплаты", FALSE },
  { F_SHIPPED, "Shipped on", FALSE },
  { F_SHIPPED, "Shipped at", FALSE },
  { F_SHIPPED, "Shipment date", FALSE },
  { F_SHIPPED, "Shipping date", FALSE },
  { F_SHIPPED, "Dispatched on", FALSE },
  { F_SHIPPED, "Date shipped", FALSE },
  { F_SHIPPED, "Shipped", FALSE },
  { F_SHIPPED, "Дата отправки", FALSE },
  { F_DELIVERED, "Delivered on", FALSE },
  { F_DELIVERED, "Delivered at", FALSE },
  { F_DELIVERED, "Date delivered", FALSE },
  { F_DELIVERED, "Delivery confirmed", FALSE },
  { F_DELIVERED, "Delivered", FALSE },
  { F_DELIVERED, "Дата доставки", FALSE },
  { F_STORE, "Store name", FALSE },
  { F_STORE, "Sold by", FALSE },
  { F_STORE, "Seller name", FALSE },
  { F_STORE, "Store", TRUE },
  { F_STORE, "Seller", TRUE },
  { F_STORE, "Shop", TRUE },
  { F_STORE, "Продавец", TRUE },
  { F_STORE, "Магазин", TRUE },
  { F_AMOUNT, "Order total", FALSE },
  { F_AMOUNT, "Total amount", FALSE },
  { F_AMOUNT, "Total paid", FALSE },
  { F_AMOUNT, "Amount paid", FALSE },
  { F_AMOUNT, "Grand total", FALSE },
  { F_AMOUNT, "Total price", FALSE },
  { F_AMOUNT, "Payment amount", FALSE },
  { F_AMOUNT, "Total", FALSE },
  { F_AMOUNT, "Итого", FALSE },
  { F_AMOUNT, "Сумма заказа", FALSE },
  { F_AMOUNT, "Amount", TRUE },
  { F_TRACKING, "Tracking number", FALSE },
  { F_TRACKING, "Tracking No.", FALSE },
  { F_TRACKING, "Tracking No", FALSE },
  { F_TRACKING, "Tracking ID", FALSE },
  { F_TRACKING, "Tracking code", FALSE },
  { F_TRACKING, "Logistics number", FALSE },
  { F_TRACKING, "Waybill number", FALSE },
  { F_TRACKING, "Tracking", TRUE },
  { F_TRACKING, "Трек-номер", FALSE },
  { F_TRACKING, "Номер отслеживания", FALSE },
  { F_PROCESSING, "Processing time", FALSE },
  { F_PROCESSING, "Handling time", FALSE },
  { F_PROCESSING, "Время обработки", FALSE },
  { F_ITEM, "Item name", FALSE },
  { F_ITEM, "Product name", FALSE },
  { F_ITEM, "Item", TRUE },
  { F_ITEM, "Product", TRUE },
  { F_ITEM, "Товар", TRUE },
};

/* ---- Text clean-up ---- */

static void
add_cell (GPtrArray *cells,
          GString   *cell)
{
  g_strstrip (cell->str);
  cell->len = strlen (cell->str);
  if (cell->len > 0)
    g_ptr_array_add (cells, g_strdup (cell->str));
  g_string_truncate (cell, 0);
}

/* Cells: pieces of lines separated by tabs, '|' or wide runs of spaces; spaces inside a
 * cell collapse to one ASCII space. */
static GPtrArray *
split_cells (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) cell = g_string_new (NULL);
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  guint spaces = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (ow_paste_is_invisible_char (c))
        continue;
      if (ow_paste_is_space_char (c))
        {
          spaces++;
          continue;
        }
      if (c == '\n' || c == '\r' || c == '\t' || c == '|' || c == 0x2028 || spaces >= 3)
        {
          add_cell (cells, cell);
          spaces = 0;
          if (c == '\n' || c == '\r' || c == '\t' || c == '|' || c == 0x2028)
            continue;
        }
      if (spaces > 0 && cell->len > 0)
        g_string_append_c (cell, ' ');
      spaces = 0;
      if (c == 0xff1a)
        c = ':';
      g_string_append_unichar (cell, c);
    }
  add_cell (cells, cell);

  return cells;
}

/* ---- Labels ---- */

/* The byte length of @label at @s, compared without case; 0 if it is not there or runs on
 * into a word. */
static gsize
match_label (const char *s,
             const char *label)
{
  const char *p = s;
  const char *l = label;
  gunichar last = 0;

  while (*l != '\0')
    {
      if (*p == '\0')
        return 0;
      last = g_utf8_get_char (l);
      if (g_unichar_tolower (g_utf8_get_char (p)) != g_unichar_tolower (last))
        return 0;
      p = g_utf8_next_char (p);
      l = g_utf8_next_char (l);
    }
  if (g_unichar_isalnum (last) && *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
    return 0;
  return p - s;
}

/* The label starting @s, with the value after it (past a colon); NULL if none. */
static const Label *
find_label (const char  *s,
            const char **value)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gsize len = match_label (s, labels[i].text);
      const char *rest;
      gboolean colon = FALSE;

      if (len == 0)
        continue;
      rest = s + len;
      while (*rest == ' ')
        rest++;
      if (*rest == ':')
        {
          colon = TRUE;
          for (rest++; *rest == ' '; rest++)
            ;
        }
      if (labels[i].needs_colon && !colon)
        continue;
      *value = rest;
      return &labels[i];
    }
  return NULL;
}

/* "Order ID: 1 Order time: Nov 1" on one line: split before every "label:" inside a cell
 * (looking only past the label the piece starts with: "Order total" holds "total:"). */
static GPtrArray *
split_at_inner_labels (GPtrArray *cells)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < cells->len; i++)
    {
      const char *start = g_ptr_array_index (cells, i);
      const char *p;

      if (find_label (start, &p) == NULL)
        p = start;
      for (; *p != '\0'; p++)
        {
          const char *value;
          const char *colon;

          if (p == start || p[-1] != ' ' || find_label (p, &value) == NULL)
            continue;
          colon = strchr (p, ':');
          if (value == p || colon == NULL || colon > value)
            continue;
          g_ptr_array_add (out, g_strstrip (g_strndup (start, p - start)));
          start = p;
          p = value - 1;
        }
      g_ptr_array_add (out, g_strdup (start));
    }

  return out;
}

/* ---- Values ---- */

/* The page's copy button, glued to the number when the page is copied ("8123…0123Copy"). */
static const char * const copy_buttons[] = { "Copy", "Copied", "Копировать", "Скопировать" };

static void
strip_copy_button (char *word)
{
  gsize len = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (copy_buttons); i++)
    {
      gsize n = strlen (copy_buttons[i]);

      if (len > n && g_ascii_isdigit (word[len - n - 1]) &&
          g_ascii_strcasecmp (word + len - n, copy_buttons[i]) == 0)
        {
          word[len - n] = '\0';
          return;
        }
    }
}

static char *
parse_order_number (const char *value)
{
  g_auto(GStrv) words = g_strsplit (value, " ", 0);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *w = words[i];
      guint digits = 0;
      gsize len;

      if (*w == '#' || *w == '-')
        w++;
      strip_copy_button (w);
      len = strlen (w);
      while (len > 0 && (w[len - 1] == '.' || w[len - 1] == ',' || w[len - 1] == ';'))
        w[--len] = '\0';
      if (len < 4 || len > 64)
        continue;
      for (const char *p = w; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            digits++;
          else if (!g_ascii_isalpha (*p) && *p != '-')
            {
              digits = 0;
              break;
            }
        }
      if (digits >= 4)
        return g_strdup (w);
    }
  return NULL;
}

static gboolean
is_tracking_token (const char *w)
{
  gsize len = strlen (w);
  guint digits = 0;

  if (len < 8 || len > 40)
    return FALSE;
  for (const char *p = w; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!g_ascii_isalpha (*p))
        return FALSE;
    }
  return digits >= 4;
}

static char *
parse_tracking (const char *value)
{
  g_auto(GStrv) words = g_strsplit (value, " ", 0);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize len = strlen (words[i]);

      while (len > 0 && strchr (".,;:)", words[i][len - 1]) != NULL)
        words[i][--len] = '\0';
      if (is_tracking_token (words[i]))
        return g_ascii_strup (words[i], -1);
    }
  return NULL;
}

/* Without a label, only numbers no other kind of text looks like: UPU S10 ("RR123456785CN")
 * and Cainiao's "LP" numbers. */
static char *
find_tracking_anywhere (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_ptr_array_index (cells, i), " ,;:()", 0);

      for (guint j = 0; words[j] != NULL; j++)
        {
          const char *w = words[j];
          gsize len = strlen (w);
          gboolean s10 = len == 13;
          gboolean lp = len >= 14 && len <= 20 && w[0] == 'L' && w[1] == 'P';

          for (gsize k = 0; k < len && (s10 || lp); k++)
            {
              gboolean letter_place = k < 2 || k > 10;

              if (s10 && (letter_place ? !g_ascii_isupper (w[k]) : !g_ascii_isdigit (w[k])))
                s10 = FALSE;
              if (lp && k >= 2 && !g_ascii_isdigit (w[k]))
                lp = FALSE;
            }
          if (s10 || lp)
            return g_strdup (w);
        }
    }
  return NULL;
}

static const char * const store_noise[] = {
  ">", "›", "»", "Contact seller", "Contact", "Message", "Visit store", "Follow", "Followed",
  "Chat", "Chat now", "Store >",
};

static char *
parse_store (const char *value)
{
  g_autofree char *s = g_strdup (value);
  gboolean changed = TRUE;
  gboolean letters = FALSE;

  while (changed)
    {
      gsize len;

      changed = FALSE;
      g_strstrip (s);
      len = strlen (s);
      for (guint i = 0; i < G_N_ELEMENTS (store_noise); i++)
        {
          gsize n = strlen (store_noise[i]);

          if (len > n && g_ascii_strcasecmp (s + len - n, store_noise[i]) == 0 &&
              (s[len - n - 1] == ' ' || !g_ascii_isalnum (store_noise[i][0])))
            {
              s[len - n] = '\0';
              changed = TRUE;
              break;
            }
        }
    }

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    letters |= g_unichar_isalpha (g_utf8_get_char (p));
  if (!letters || g_utf8_strlen (s, -1) > 120)
    return NULL;
  return g_steal_pointer (&s);
}

static gboolean
is_store_noise (const char *cell)
{
  for (guint i = 0; i < G_N_ELEMENTS (store_noise); i++)
    if (g_ascii_strcasecmp (cell, store_noise[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "5 days", "3-7 days", "up to 10 business days": the last number, the longest the seller
 * may take; only with a day unit. */
static int
parse_processing (const char *value)
{
  g_autofree char *lower = g_utf8_strdown (value, -1);
  gint64 days = 0;

  if (strstr (lower, "day") == NULL && strstr (lower, "дн") == NULL &&
      strstr (lower, "день") == NULL)
    return 0;
  for (const char *p = lower; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && (p == lower || !g_ascii_isdigit (p[-1])))
      days = g_ascii_strtoll (p, NULL, 10);
  return days >= 1 && days <= 365 ? (int) days : 0;
}

/* An item's title reads as words: letters, more than one word, no "Label: value" and no
 * price. */
static char *
parse_item (const char *value)
{
  const char *colon = strchr (value, ':');
  gboolean letters = FALSE;
  gint64 amount;
  char currency[4];

  if (strchr (value, ' ') == NULL || g_utf8_strlen (value, -1) > 300 ||
      g_utf8_strlen (value, -1) < 6)
    return NULL;
  if (colon != NULL && colon - value < 24 && memchr (value, ' ', colon - value) == NULL)
    return NULL;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    letters |= g_unichar_isalpha (g_utf8_get_char (p));
  if (!letters || (ow_paste_parse_amount (value, &amount, currency) &&
                   g_utf8_strlen (value, -1) < 24))
    return NULL;
  return g_strdup (value);
}

/* ---- Parsing ---- */

static gboolean
take_value (OwPasteResult *result,
            int            field,
            int            rank,
            const char    *value)
{
  g_autofree char *text = NULL;
  OwPasteDate date;
  gint64 amount;
  char currency[4];

  if ((result->found & (1 << field)) && result->rank[field] <= rank)
    return FALSE;

  switch (field)
    {
    case F_ORDER_NUMBER:
      if ((text = parse_order_number (value)) == NULL)
        return FALSE;
      g_free (result->order_number);
      result->order_number = g_steal_pointer (&text);
      break;
    case F_STORE:
      if ((text = parse_store (value)) == NULL)
        return FALSE;
      g_free (result->store_name);
      result->store_name = g_steal_pointer (&text);
      break;
    case F_TRACKING:
      if ((text = parse_tracking (value)) == NULL)
        return FALSE;
      g_free (result->tracking_number);
      result->tracking_number = g_steal_pointer (&text);
      break;
    case F_ITEM:
      if ((text = parse_item (value)) == NULL)
        return FALSE;
      g_free (result->item_title);
      result->item_title = g_steal_pointer (&text);
      break;
    case F_PROCESSING:
      if ((result->processing_days = parse_processing (value)) == 0)
        return FALSE;
      break;
    case F_AMOUNT:
      if (!ow_paste_parse_amount (value, &amount, currency))
        return FALSE;
      result->amount = amount;
      memcpy (result->currency, currency, sizeof currency);
      break;
    default:
      if (!ow_paste_parse_date (value, &date))
        return FALSE;
      result->dates[field - F_PLACED] = date;
      break;
    }

  result->found |= 1 << field;
  result->rank[field] = rank;
  return TRUE;
}

OwPasteResult *
ow_order_paste_parse (const char *text)
{
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  OwPasteResult *result = g_new0 (OwPasteResult, 1);

  if (text == NULL)
    return result;
  /* Nothing is taken from text that is not UTF-8: it would end up in the order. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      result->problem = g_strdup (_("The pasted text is not valid UTF-8; copy it again from "
                                    "the order page"));
      return result;
    }

  raw = split_cells (text);
  cells = split_at_inner_labels (raw);
  result->store_cell = -1;

  for (guint i = 0; i < cells->len; i++)
    {
      const char *value = NULL;
      const Label *label = find_label (g_ptr_array_index (cells, i), &value);
      guint value_cell = i;

      if (label == NULL)
        continue;
      /* A label alone: the value is the next cell, unless that is a label too. */
      if (*value == '\0' && i + 1 < cells->len)
        {
          const char *next_value;

          value = g_ptr_array_index (cells, i + 1);
          if (find_label (value, &next_value) != NULL)
            continue;
          value_cell = i + 1;
        }
      if (take_value (result, label->field, label - labels, value) && label->field == F_STORE)
        result->store_cell = (int) value_cell;
    }

  /* The store without a label: the name sits right above the page's "Message" or "Contact
   * seller" button. */
  for (guint i = 0; !(result->found & OW_PASTE_STORE) && i + 1 < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);
      const char *value;

      if (is_store_noise (g_ptr_array_index (cells, i + 1)) && !is_store_noise (cell) &&
          find_label (cell, &value) == NULL && g_utf8_strlen (cell, -1) <= 60 &&
          take_value (result, F_STORE, G_N_ELEMENTS (labels), cell))
        result->store_cell = (int) i;
    }

  /* The item without a label: the first line after the store and its buttons. */
  if (!(result->found & OW_PASTE_ITEM) && result->store_cell >= 0)
    {
      guint i = result->store_cell + 1;
      const char *value;

      while (i < cells->len && is_store_noise (g_ptr_array_index (cells, i)))
        i++;
      if (i < cells->len && find_label (g_ptr_array_index (cells, i), &value) == NULL)
        take_value (result, F_ITEM, G_N_ELEMENTS (labels), g_ptr_array_index (cells, i));
    }

  if (!(result->found & OW_PASTE_TRACKING))
    {
      result->tracking_number = find_tracking_anywhere (cells);
      if (result->tracking_number != NULL)
        result->found |= OW_PASTE_TRACKING;
    }

  return result;
}

void
ow_paste_result_free (OwPasteResult *result)
{
  if (result == NULL)
    return;
  g_free (result->order_number);
  g_free (result->store_name);
  g_free (result->tracking_number);
  g_free (result->problem);
  g_free (result->item_title);
  g_free (result);
}

const char *
ow_paste_result_get_problem (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->problem;
}

OwPasteFields
ow_paste_result_get_found (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->found;
}

OwPasteFields
ow_paste_result_get_expected (const OwPasteResult *result)
{
  OwPasteFields expected = OW_PASTE_ORDER_NUMBER | OW_PASTE_ITEM | OW_PASTE_STORE |
                           OW_PASTE_AMOUNT | OW_PASTE_PLACED | OW_PASTE_PAID;

  g_return_val_if_fail (result != NULL, 0);

  if (result->found & (OW_PASTE_SHIPPED | OW_PASTE_TRACKING))
    expected |= OW_PASTE_SHIPPED | OW_PASTE_TRACKING;
  return expected;
}

const char *
ow_paste_result_get_item_title (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->item_title;
}

int
ow_paste_result_get_processing_days (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->processing_days;
}

const char *
ow_paste_result_get_order_number (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->order_number;
}

const char *
ow_paste_result_get_store_name (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->store_name;
}

const char *
ow_paste_result_get_tracking_number (const OwPasteResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->tracking_number;
}

gboolean
ow_paste_result_get_amount (const OwPasteResult  *result,
                            gint64               *amount_minor,
                            const char          **currency)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (!(result->found & OW_PASTE_AMOUNT))
    return FALSE;
  if (amount_minor != NULL)
    *amount_minor = result->amount;
  if (currency != NULL)
    *currency = result->currency;
  return TRUE;
}

gboolean
ow_paste_result_get_date (const OwPasteResult *result,
                          OwOrderEvent         event,
                          OwPasteDate         *date)
{
  int field;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  switch (event)
    {
    case OW_EVENT_PLACED: field = F_PLACED; break;
    case OW_EVENT_PAID: field = F_PAID; break;
    case OW_EVENT_SHIPPED: field = F_SHIPPED; break;
    case OW_EVENT_DELIVERED: field = F_DELIVERED; break;
    default: return FALSE;
    }
  if (!(result->found & (1 << field)))
    return FALSE;
  *date = result->dates[field - F_PLACED];
  return TRUE;
}

gint64
ow_paste_result_get_time (const OwPasteResult *result,
                          OwOrderEvent         event,
                          GTimeZone           *zone)
{
  int field;

  g_return_val_if_fail (result != NULL, OW_TIME_UNSET);

  switch (event)
    {
    case OW_EVENT_PLACED: field = F_PLACED; break;
    case OW_EVENT_PAID: field = F_PAID; break;
    case OW_EVENT_SHIPPED: field = F_SHIPPED; break;
    case OW_EVENT_DELIVERED: field = F_DELIVERED; break;
    default: return OW_TIME_UNSET;
    }

  if (!(result->found & (1 << field)))
    return OW_TIME_UNSET;
  return ow_paste_date_to_unix (&result->dates[field - F_PLACED], zone);
}
