/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-export.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

/* Drops a leading "field: " that the shared parsers put in their messages, since ours say
 * where the problem is in another way. */
const char *
ow_import_without_field_prefix (const char *message,
                                const char *field)
{
  gsize n = strlen (field);

  if (strncmp (message, field, n) == 0 && message[n] == ':' && message[n + 1] == ' ')
    return message + n + 2;
  return message;
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gboolean
read_digits (const char *p,
             guint       n,
             guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (p[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* YYYY-MM-DD at the start of @p, as days since the epoch. */
static gboolean
read_date (const char *p,
           gint64     *days)
{
  guint year, month, day;

  if (p[4] != '-' || p[7] != '-' ||
      !read_digits (p, 4, &year) || !read_digits (p + 5, 2, &month) ||
      !read_digits (p + 8, 2, &day) ||
      year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  *days = days_from_civil (year, month, day);
  return TRUE;
}

/* The fast paths refuse what ow_time_parse () refuses. */
static gboolean
in_range (gint64       time,
          const char  *text,
          gsize        length,
          const char  *field,
          gint64      *out,
          GError     **error)
{
  g_autofree char *copy = NULL;

  if (ow_time_in_range (time))
    {
      *out = time;
      return TRUE;
    }
  copy = g_strndup (text, length);
  ow_time_set_range_error (error, field, copy);
  return FALSE;
}

gboolean
ow_import_parse_time (const char  *text,
                      gsize        length,
                      GTimeZone   *zone,
                      const char  *field,
                      gint64      *out,
                      GError     **error)
{
  g_autofree char *copy = NULL;
  gint64 days;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  /* The two shapes bulk files are made of; everything else takes the general path. */
  if (length == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z' &&
      read_date (text, &days))
    {
      guint h, m, s;

      if (read_digits (text + 11, 2, &h) && read_digits (text + 14, 2, &m) &&
          read_digits (text + 17, 2, &s) && h < 24 && m < 60 && s < 60)
        return in_range (days * 86400 + h * 3600 + m * 60 + s, text, length, field, out, error);
    }
  else if (length == 10 && read_date (text, &days))
    {
      gint64 local = days * 86400;

      if (zone != NULL)
        {
          int interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &local);

          local -= g_time_zone_get_offset (zone, interval);
        }
      return in_range (local, text, length, field, out, error);
    }

  copy = g_strndup (text, length);
  return ow_time_parse (copy, zone, field, out, error);
}

/* ---- CSV ---- */

typedef enum
{
  COL_MARKETPLACE,
  COL_ORDER_NUMBER,
  COL_ITEM,
  COL_STORE,
  COL_QUANTITY,
  COL_AMOUNT,
  COL_CURRENCY,
  COL_PAYMENT_METHOD,
  COL_EVENT_FIRST,  /* one column per OwOrderEvent, named as ow_order_event_to_string () */
  COL_INFERRED = COL_EVENT_FIRST + OW_N_EVENTS,
  COL_CLOSE_REASON,
  COL_PROCESSING_DAYS,
  COL_DELIVERY_DAYS,
  COL_NOTES,
  COL_ARCHIVED,
  COL_TRACKING,
  N_COLUMNS
} Column;

typedef OwCsvReader CsvReader;

typedef struct
{
  OwPolicyRegistry *policies;
  OwImportFlags     flags;
  int               map[N_COLUMNS];  /* column -> field index in the row, or -1 */
  GHashTable       *seen;            /* OwOrder (marketplace and number) -> line */
} CsvImport;

static int
column_from_name (const char *name)
{
  static const struct { const char *alias; Column column; } aliases[] = {
    { "item_title", COL_ITEM }, { "store_name", COL_STORE }, { "order", COL_ORDER_NUMBER },
  };

  for (guint i = 0; ow_csv_columns[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, ow_csv_columns[i]) == 0)
      return i;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (name, aliases[i].alias) == 0)
      return aliases[i].column;
  return -1;
}

/* Reads one record (RFC 4180, also accepting bare LF line ends). Returns FALSE at the end of
 * the input; sets @error only for an unterminated quoted field. */
static gboolean
csv_read_record (CsvReader  *reader,
                 guint      *record_line,
                 GError    **error)
{
  char *p = reader->p;
  char *end = reader->end;

  g_ptr_array_set_size (reader->fields, 0);

  /* Blank lines between records carry nothing. */
  while (p < end && (*p == '\n' || *p == '\r'))
    {
      if (*p == '\n')
        reader->line++;
      p++;
    }
  if (p >= end)
    {
      reader->p = p;
      return FALSE;
    }

  *record_line = reader->line;
  for (;;)
    {
      char *field = p;
      char *term;
      char delimiter;

      if (*p == '"')
        {
          guint quote_line = reader->line;
          char *w = field;

          for (p++;;)
            {
              if (p >= end)
                {
                  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                               _("line %u: a quoted field is never closed"), quote_line);
                  return FALSE;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      *w++ = '"';
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n')
                {
                  /* A line break inside a field is kept as LF, whatever the file used. */
                  reader->line++;
                  if (w > field && w[-1] == '\r')
                    w--;
                }
              *w++ = *p++;
            }
          /* Lenient about text after the closing quote: keep it, as spreadsheets do. */
          while (p < end && *p != reader->delimiter && *p != '\n' && *p != '\r')
            *w++ = *p++;
          term = w;
        }
      else
        {
          while (p < end && *p != reader->delimiter && *p != '\n' && *p != '\r')
            p++;
          term = p;
        }

      delimiter = p < end ? *p : '\0';
      *term = '\0';
      g_ptr_array_add (reader->fields, field);

      if (delimiter == reader->delimiter)
        {
          /* At the very end this reads the spare NUL: one more, empty field. */
          p++;
          continue;
        }
      /* The delimiter's own byte is now the NUL: go by the saved copy. */
      if (delimiter == '\r')
        {
          p++;
          if (p < end && *p == '\n')
            {
              p++;
              reader->line++;
            }
        }
      else if (delimiter == '\n')
        {
          p++;
          reader->line++;
        }
      break;
    }

  reader->p = p;
  return TRUE;
}

gboolean
ow_csv_read_record (OwCsvReader  *reader,
                    guint        *record_line,
                    GError      **error)
{
  return csv_read_record (reader, record_line, error);
}

static const char *
csv_field (CsvReader *reader,
           guint      index)
{
  return g_ptr_array_index (reader->fields, index);
}

static char *
csv_error_message (guint       line,
                   const char *column,
                   const char *message)
{
  /* Translators: where a CSV problem is, then the problem */
  return g_strdup_printf (_("line %u, column %s: %s"), line, column,
                          ow_import_without_field_prefix (message, column));
}

static gboolean
parse_int_range (const char *text,
                 int         low,
                 int         high,
                 int        *out)
{
  char *end = NULL;
  gint64 value;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value < low || value > high)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char *yes[] = { "yes", "true", "1", "y" };
  static const char *no[] = { "no", "false", "0", "n", "" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* "LP00123456789012 RB123456785CN": the numbers, normalized, into @records. */
static char *
csv_parse_tracking (const char     *text,
                    guint           line,
                    OwOrderRecords *records)
{
  g_auto(GStrv) words = g_strsplit_set (text, " ,;\t\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *number = NULL;
      g_autoptr(GError) error = NULL;

      if (words[i][0] == '\0')
        continue;
      number = ow_tracking_number_normalize (words[i]);
      if (!ow_tracking_number_validate (number, &error))
        return csv_error_message (line, ow_csv_columns[COL_TRACKING], error->message);
      if (!g_ptr_array_find_with_equal_func (records->numbers, number, g_str_equal, NULL))
        g_ptr_array_add (records->numbers, g_steal_pointer (&number));
    }
  return NULL;
}

/* Fills @order and @records from the current record; returns a message for the first bad
 * field. */
static char *
csv_parse_row (CsvImport      *import,
               CsvReader      *reader,
               guint           line,
               OwOrder        *order,
               OwOrderRecords *records)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *zone = NULL;
  guint32 inferred = 0;
  const char *text;
  int col;

#define FIELD(c) (import->map[c] >= 0 ? csv_field (reader, import->map[c]) : "")
#define FAIL(c, ...) \
  G_STMT_START { \
    g_autofree char *m_ = g_strdup_printf (__VA_ARGS__); \
    return csv_error_message (line, ow_csv_columns[c], m_); \
  } G_STMT_END

  /* Text that is not UTF-8 would end up in the database and in every export. */
  for (col = 0; col < N_COLUMNS; col++)
    if (import->map[col] >= 0 && !g_utf8_validate (csv_field (reader, import->map[col]), -1,
                                                  NULL))
      FAIL (col, "%s", _("the text is not valid UTF-8; save the file as UTF-8 and try again"));

  /* The fields others depend on come first: the zone, the currency, the fact sources. */
  text = FIELD (COL_MARKETPLACE);
  if (*text != '\0')
    ow_order_set_marketplace (order, text);
  if (import->policies != NULL)
    {
      OwPolicy *policy = ow_policy_registry_lookup (import->policies,
                                                    ow_order_get_marketplace (order));

      if (policy == NULL)
        FAIL (COL_MARKETPLACE, _("“%s” is not a known marketplace"), text);
      zone = ow_policy_get_time_zone (policy);
    }

  text = FIELD (COL_CURRENCY);
  if (*text != '\0')
    {
      g_autofree char *upper = g_ascii_strup (text, -1);

      if (!ow_currency_is_valid (upper))
        FAIL (COL_CURRENCY, _("“%s” is not an ISO 4217 currency code such as USD"), text);
      ow_order_set_currency (order, upper);
    }

  text = FIELD (COL_INFERRED);
  while (*text != '\0')
    {
      gsize n = strcspn (text, " ;");
      char name[32];
      OwOrderEvent event;

      if (n > 0)
        {
          g_strlcpy (name, text, MIN (n + 1, sizeof name));
          if (n >= sizeof name || !ow_order_event_from_string (name, &event))
            FAIL (COL_INFERRED, _("“%.*s” is not a fact name such as shipped or delivered"),
                  (int) n, text);
          inferred |= 1u << event;
        }
      text += n + (text[n] != '\0');
    }

  for (col = COL_ORDER_NUMBER; col < N_COLUMNS; col++)
    {
      if (import->map[col] < 0)
        continue;
      text = csv_field (reader, import->map[col]);

      switch (col)
        {
        case COL_ORDER_NUMBER:
          if (*text == '\0')
            FAIL (col, _("an order number is required"));
          ow_order_set_order_number (order, text);
          break;
        case COL_ITEM:
          ow_order_set_item_title (order, text);
          break;
        case COL_STORE:
          ow_order_set_store_name (order, text);
          break;
        case COL_NOTES:
          ow_order_set_notes (order, text);
          break;
        case COL_QUANTITY:
          {
            int quantity = 1;

            if (*text != '\0' && !parse_int_range (text, 1, 100000, &quantity))
              FAIL (col, _("“%s” is not a whole number from 1 to 100000"), text);
            ow_order_set_quantity (order, quantity);
          }
          break;
        case COL_AMOUNT:
          {
            gint64 minor = 0;

            if (*text != '\0' &&
                !ow_money_parse (text, ow_order_get_currency (order), &minor, &error))
              return csv_error_message (line, ow_csv_columns[col], error->message);
            ow_order_set_amount (order, minor);
          }
          break;
        case COL_PAYMENT_METHOD:
          {
            OwPaymentMethod method = OW_PAYMENT_CARD;

            if (*text != '\0' && !ow_payment_method_from_string (text, &method))
              FAIL (col, _("“%s” is not one of card, paypal, balance, other"), text);
            ow_order_set_payment_method (order, method);
          }
          break;
        case COL_CLOSE_REASON:
          {
            OwCloseReason reason = OW_CLOSE_NONE;

            if (*text != '\0' && !ow_close_reason_from_string (text, &reason))
              FAIL (col, _("“%s” is not a close reason such as cancelled, not_shipped, "
                           "security or other"), text);
            ow_order_set_close_reason (order, reason);
          }
          break;
        case COL_PROCESSING_DAYS:
        case COL_DELIVERY_DAYS:
          {
            int days = 0;

            if (*text != '\0' && !parse_int_range (text, 1, 365, &days))
              FAIL (col, _("“%s” is not a whole number of days from 1 to 365"), text);
            if (col == COL_PROCESSING_DAYS)
              ow_order_set_processing_days (order, days);
            else
              ow_order_set_delivery_days (order, days);
          }
          break;
        case COL_ARCHIVED:
          {
            gboolean archived = FALSE;

            if (!parse_bool (text, &archived))
              FAIL (col, _("“%s” is not yes or no"), text);
            ow_order_set_archived (order, archived);
          }
          break;
        case COL_TRACKING:
          {
            char *message = csv_parse_tracking (text, line, records);

            if (message != NULL)
              return message;
          }
          break;
        case COL_MARKETPLACE:
        case COL_CURRENCY:
        case COL_INFERRED:
          break;
        default:
          if (col >= COL_EVENT_FIRST && col < COL_EVENT_FIRST + OW_N_EVENTS)
            {
              OwOrderEvent event = col - COL_EVENT_FIRST;
              gint64 time;

              if (*text == '\0')
                break;
              /* Known to have happened, at an instant nobody knows. */
              if (g_ascii_strcasecmp (text, "unknown") == 0)
                {
                  ow_order_set_time_undated (order, event, OW_FACT_USER);
                  break;
                }
              if (!ow_import_parse_time (text, strlen (text), zone, ow_csv_columns[col], &time,
                                         &error))
                return csv_error_message (line, ow_csv_columns[col], error->message);
              ow_order_set_time (order, event, time,
                                 (inferred & (1u << event)) ? OW_FACT_INFERRED : OW_FACT_USER);
            }
          break;
        }
    }

  for (guint e = 0; e < OW_N_EVENTS; e++)
    if ((inferred & (1u << e)) && ow_order_get_time (order, e) == OW_TIME_UNSET &&
        !ow_order_get_time_undated (order, e))
      FAIL (COL_INFERRED, _("“%s” has no time in its own column"), ow_order_event_to_string (e));

  if (!ow_order_validate (order, &error))
    /* Translators: a CSV line number, then what is wrong with the order on it */
    return g_strdup_printf (_("line %u: %s"), line, error->message);

  /* The marketplace's own rules, as the editor and the command line check them. */
  if (import->policies != NULL)
    {
      OwPolicy *policy = ow_policy_registry_lookup (import->policies,
                                                    ow_order_get_marketplace (order));
      g_autofree char *problem = policy ? ow_policy_check_order_number (
                                            policy, ow_order_get_order_number (order))
                                        : NULL;

      if (problem != NULL)
        FAIL (COL_ORDER_NUMBER, "%s", ow_import_without_field_prefix (problem, _("Order number")));
    }

#undef FIELD
#undef FAIL

  return NULL;
}

static gboolean
csv_read_header (CsvImport  *import,
                 CsvReader  *reader,
                 GError    **error)
{
  guint line = 1;

  if (!csv_read_record (reader, &line, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                     _("The file is empty; a CSV import starts with a header row naming the "
                       "columns"));
      return FALSE;
    }

  for (guint i = 0; i < N_COLUMNS; i++)
    import->map[i] = -1;

  for (guint i = 0; i < reader->fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (csv_field (reader, i)));
      int column = column_from_name (name);

      if (!g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("line %u, column %u: the column name is not valid UTF-8; save the file "
                         "as UTF-8 and try again"), line, i + 1);
          return FALSE;
        }
      if (column < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) ow_csv_columns);

          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("line %u, column %u: “%s” is not a known column; the columns are %s"),
                       line, i + 1, name, known);
          return FALSE;
        }
      if (import->map[column] >= 0)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("line %u: the column “%s” appears twice"), line, name);
          return FALSE;
        }
      import->map[column] = i;
    }

  if (import->map[COL_ORDER_NUMBER] < 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("line %u: the header has no order_number column; it is required"), line);
      return FALSE;
    }

  return TRUE;
}

static guint
order_key_hash (gconstpointer key)
{
  OwOrder *order = (OwOrder *) key;

  return g_str_hash (ow_order_get_order_number (order)) * 31 +
         g_str_hash (ow_order_get_marketplace (order));
}

static gboolean
order_key_equal (gconstpointer a,
                 gconstpointer b)
{
  OwOrder *x = (OwOrder *) a, *y = (OwOrder *) b;

  return g_str_equal (ow_order_get_order_number (x), ow_order_get_order_number (y)) &&
         g_str_equal (ow_order_get_marketplace (x), ow_order_get_marketplace (y));
}

GPtrArray *
ow_import_csv_full (GBytes            *data,
                    OwPolicyRegistry  *policies,
                    OwImportFlags      flags,
                    GArray           **lines,
                    GPtrArray        **records,
                    GPtrArray        **row_errors,
                    GError           **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) order_records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);
  g_autoptr(GArray) order_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_sized_new (N_COLUMNS);
  g_autoptr(GHashTable) seen = g_hash_table_new (order_key_hash, order_key_equal);
  g_autofree char *copy = NULL;
  CsvImport import = { policies, flags, { 0 }, seen };
  CsvReader reader;
  gsize length;
  const char *text;
  guint line = 0;
  guint n_bad = 0;
  guint n_header = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (policies == NULL || OW_IS_POLICY_REGISTRY (policies), NULL);

  text = g_bytes_get_data (data, &length);
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (text == NULL)
    text = "";

  /* Another tool's export, told by its header row: its own reader, the same result. */
  if (ow_import_exporter_detect (text, length) != NULL)
    return ow_import_exporter_read (data, NULL, policies, flags, lines, records, row_errors,
                                    error);

  copy = g_malloc (length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  reader = (CsvReader) { copy, copy + length, 1, fields, ',' };
  if (!csv_read_header (&import, &reader, error))
    return NULL;

  for (guint i = 0; i < N_COLUMNS; i++)
    n_header = MAX (n_header, (guint) (import.map[i] + 1));

  for (;;)
    {
      g_autoptr(OwOrder) order = NULL;
      g_autoptr(OwOrderRecords) row_records = NULL;
      g_autoptr(GError) local_error = NULL;
      char *message = NULL;

      if (!csv_read_record (&reader, &line, &local_error))
        {
          if (local_error == NULL)
            break;
          /* Nothing after an unclosed quote can be read reliably. */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (fields->len != n_header)
        {
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "line %u: %u field, but the header has %u",
                                                  "line %u: %u fields, but the header has %u",
                                                  fields->len),
                                     line, fields->len, n_header);
        }
      else
        {
          order = ow_order_new ();
          row_records = ow_order_records_new ();
          message = csv_parse_row (&import, &reader, line, order, row_records);
        }

      if (message == NULL)
        {
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, order));

          if (first != 0)
            message = g_strdup_printf (_("line %u, column order_number: “%s” repeats line %u"),
                                       line, ow_order_get_order_number (order), first);
          else
            /* The key is the order itself, kept alive by @orders. */
            g_hash_table_insert (seen, order, GUINT_TO_POINTER (line));
        }

      if (message != NULL)
        {
          n_bad++;
          g_ptr_array_add (errors, message);
          continue;
        }

      g_ptr_array_add (orders, g_steal_pointer (&order));
      g_ptr_array_add (order_records, g_steal_pointer (&row_records));
      g_array_append_val (order_lines, line);
    }

  if (n_bad > 0 && !(flags & OW_IMPORT_SKIP_INVALID))
    {
      ow_import_fail_with_first (error, errors, n_bad, FALSE);
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

GPtrArray *
ow_import_csv (GBytes     *data,
               gboolean    skip_invalid,
               GPtrArray **row_errors,
               GError    **error)
{
  return ow_import_csv_full (data, NULL, skip_invalid ? OW_IMPORT_SKIP_INVALID : 0, NULL, NULL,
                             row_errors, error);
}

void
ow_import_fail_with_first (GError    **error,
                           GPtrArray  *errors,
                           guint       n_bad,
                           gboolean    mails)
{
  const char *first;

  g_return_if_fail (errors != NULL && errors->len > 0 && n_bad > 0);

  first = g_ptr_array_index (errors, 0);
  if (n_bad == 1)
    g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, first);
  else if (mails)
    g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more mail that does not read)",
                              "%s (and %u more mails that do not read)", n_bad - 1),
                 first, n_bad - 1);
  else
    g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more bad row)",
                              "%s (and %u more bad rows)", n_bad - 1),
                 first, n_bad - 1);
}
