/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paste parser against a corpus of texts copied from order pages
 * (tests/fixtures/paste/NAME.txt, with the values expected in NAME.expected),
 * and its pieces against tables. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ow-order-paste.h"
#include "ow-time.h"

typedef struct
{
  const char   *key;
  OwPasteFields field;
  OwOrderEvent  event;
} TimeKey;

static const TimeKey time_keys[] = {
  { "placed", OW_PASTE_PLACED, OW_EVENT_PLACED },
  { "paid", OW_PASTE_PAID, OW_EVENT_PAID },
  { "shipped", OW_PASTE_SHIPPED, OW_EVENT_SHIPPED },
  { "delivered", OW_PASTE_DELIVERED, OW_EVENT_DELIVERED },
};

/* A key absent from NAME.expected means the field must NOT be found. */
static void
check_string (GKeyFile      *expected,
              const char    *key,
              OwPasteFields  field,
              OwPasteFields  found,
              const char    *value)
{
  g_autofree char *want = g_key_file_get_string (expected, "expected", key, NULL);

  if (want != NULL)
    {
      g_assert_true (found & field);
      g_assert_cmpstr (value, ==, want);
    }
  else
    {
      g_assert_false (found & field);
      g_assert_null (value);
    }
}

static void
test_corpus_entry (gconstpointer data)
{
  const char *name = data;
  g_autofree char *txt_name = g_strconcat (name, ".txt", NULL);
  g_autofree char *exp_name = g_strconcat (name, ".expected", NULL);
  g_autofree char *txt_path = g_test_build_filename (G_TEST_DIST, "fixtures", "paste",
                                                     txt_name, NULL);
  g_autofree char *exp_path = g_test_build_filename (G_TEST_DIST, "fixtures", "paste",
                                                     exp_name, NULL);
  g_autoptr(GKeyFile) expected = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OwPasteResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zone_id = NULL;
  g_autofree char *amount = NULL;
  GTimeZone *zone;
  OwPasteFields found;
  gint64 minor = 0;
  const char *currency = NULL;

  g_file_get_contents (txt_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_key_file_load_from_file (expected, exp_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  result = ow_order_paste_parse (text);
  found = ow_paste_result_get_found (result);

  check_string (expected, "order_number", OW_PASTE_ORDER_NUMBER, found,
                ow_paste_result_get_order_number (result));
  check_string (expected, "store", OW_PASTE_STORE, found,
                ow_paste_result_get_store_name (result));
  check_string (expected, "tracking", OW_PASTE_TRACKING, found,
                ow_paste_result_get_tracking_number (result));
  check_string (expected, "item", OW_PASTE_ITEM, found,
                ow_paste_result_get_item_title (result));
  {
    int want = g_key_file_get_integer (expected, "expected", "processing_days", NULL);

    g_assert_cmpint (ow_paste_result_get_processing_days (result), ==, want);
    g_assert_cmpint (!!(found & OW_PASTE_PROCESSING), ==, want > 0);
  }
  /* Nothing is expected that the page would not show: a parcel's facts once it shipped,
   * never the delivery; whatever was found was expected or is optional. */
  {
    OwPasteFields expected_fields = ow_paste_result_get_expected (result);

    g_assert_false (expected_fields & OW_PASTE_DELIVERED);
    if (!(found & (OW_PASTE_SHIPPED | OW_PASTE_TRACKING)))
      g_assert_false (expected_fields & (OW_PASTE_SHIPPED | OW_PASTE_TRACKING));
  }

  /* "499 USD": minor units and the currency */
  amount = g_key_file_get_string (expected, "expected", "amount", NULL);
  if (amount != NULL)
    {
      g_autofree char *got = NULL;

      g_assert_true (ow_paste_result_get_amount (result, &minor, &currency));
      g_assert_true (found & OW_PASTE_AMOUNT);
      got = g_strdup_printf ("%" G_GINT64_FORMAT " %s", minor, currency);
      g_assert_cmpstr (got, ==, amount);
    }
  else
    {
      g_assert_false (ow_paste_result_get_amount (result, &minor, &currency));
      g_assert_false (found & OW_PASTE_AMOUNT);
    }

  /* Times without a zone in the text are read in the fixture's zone. */
  zone_id = g_key_file_get_string (expected, "expected", "zone", NULL);
  zone = ow_time_zone_get (zone_id ? zone_id : "UTC");
  g_assert_nonnull (zone);

  for (guint i = 0; i < G_N_ELEMENTS (time_keys); i++)
    {
      g_autofree char *want = g_key_file_get_string (expected, "expected", time_keys[i].key,
                                                     NULL);
      gint64 got = ow_paste_result_get_time (result, time_keys[i].event, zone);

      if (want != NULL)
        {
          g_autofree char *got_text = ow_time_format_iso_utc (got);

          g_test_message ("%s: %s", time_keys[i].key, want);
          g_assert_true (found & time_keys[i].field);
          g_assert_cmpstr (got_text, ==, want);
        }
      else
        {
          g_assert_false (found & time_keys[i].field);
          g_assert_cmpint (got, ==, OW_TIME_UNSET);
        }
    }
}

typedef struct
{
  const char *text;
  gint64      minor;           /* -1: not an amount */
  const char *currency;
} AmountCase;

static const AmountCase amount_cases[] = {
  { "US $4.99", 499, "USD" },
  { "$4.99", 499, "USD" },
  { "US$ 12", 1200, "USD" },
  { "€12,50", 1250, "EUR" },
  { "4,99 €", 499, "EUR" },
  { "4,99\u00a0€", 499, "EUR" },
  { "RUB 1 234,50", 123450, "RUB" },
  { "RUB 1\u00a0234,50", 123450, "RUB" },
  { "1\u202f234,50 руб.", 123450, "RUB" },
  { "1 234 567,89 ₽", 123456789, "RUB" },
  { "£1,234.56", 123456, "GBP" },
  { "1.234,56 EUR", 123456, "EUR" },
  { "USD 1,234", 123400, "USD" },
  { "¥1,500", 1500, "JPY" },
  { "C$ 7.5", 750, "CAD" },
  { "R$ 25,90", 2590, "BRL" },
  { "Total (2 items): US $9.98", 998, "USD" },
  { "2 PCS US $3.00", 300, "USD" },
  { "12.50 PLN", 1250, "PLN" },
  { "49,99 zł", 4999, "PLN" },
  { "4.99", -1, NULL },
  { "2 items", -1, NULL },
  { "US $", -1, NULL },
  { "", -1, NULL },
  { "¥12.50", -1, NULL },
  { "$1,23,45", -1, NULL },
};

static void
test_amounts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (amount_cases); i++)
    {
      const AmountCase *c = &amount_cases[i];
      gint64 minor = -1;
      char currency[4] = "";
      gboolean ok = ow_paste_parse_amount (c->text, &minor, currency);

      g_test_message ("amount “%s”", c->text);
      if (c->minor < 0)
        {
          g_assert_false (ok);
          continue;
        }
      g_assert_true (ok);
      g_assert_cmpint (minor, ==, c->minor);
      g_assert_cmpstr (currency, ==, c->currency);
    }
}

typedef struct
{
  const char *text;
  const char *utc;             /* read in UTC when the text names no zone; NULL: no date */
  gboolean    has_time;
} DateCase;

static const DateCase date_cases[] = {
  { "Nov 1, 2026", "2026-11-01T00:00:00Z", FALSE },
  { "November 1st, 2026 at 9:05 pm", "2026-11-01T21:05:00Z", TRUE },
  { "Nov. 1 2026, 12:30 AM", "2026-11-01T00:30:00Z", TRUE },
  { "2026-11-01 10:00", "2026-11-01T10:00:00Z", TRUE },
  { "2026-11-01T10:00:00+08:00", "2026-11-01T02:00:00Z", TRUE },
  { "2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z", TRUE },
  { "2026/11/01 10:00:59", "2026-11-01T10:00:59Z", TRUE },
  { "01 Nov 2026 10:00", "2026-11-01T10:00:00Z", TRUE },
  { "1-Nov-2026", "2026-11-01T00:00:00Z", FALSE },
  { "1.11.2026", "2026-11-01T00:00:00Z", FALSE },
  { "01.11.2026 23:59", "2026-11-01T23:59:00Z", TRUE },
  { "Sat, Nov 7, 2026 10:00 PST", "2026-11-07T18:00:00Z", TRUE },
  { "Nov 1, 2026 10:00 GMT+8", "2026-11-01T02:00:00Z", TRUE },
  { "Nov 1, 2026 10:00 UTC-07:00", "2026-11-01T17:00:00Z", TRUE },
  { "25/12/2026", "2026-12-25T00:00:00Z", FALSE },
  { "12/25/2026", "2026-12-25T00:00:00Z", FALSE },
  { "on 2026-02-28", "2026-02-28T00:00:00Z", FALSE },
  { "03/04/2026", NULL, FALSE },      /* March or April: refuse to guess */
  { "2026-02-30", NULL, FALSE },
  { "Nov 31, 2026", NULL, FALSE },
  { "10-20 days", NULL, FALSE },
  { "Processing time: 7 days", NULL, FALSE },
  { "", NULL, FALSE },
};

static void
test_dates (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      OwPasteDate date;
      g_autofree char *got = NULL;

      g_test_message ("date “%s”", c->text);
      if (c->utc == NULL)
        {
          g_assert_false (ow_paste_parse_date (c->text, &date));
          continue;
        }
      g_assert_true (ow_paste_parse_date (c->text, &date));
      g_assert_cmpint (date.has_time, ==, c->has_time);
      got = ow_time_format_iso_utc (ow_paste_date_to_unix (&date, NULL));
      g_assert_cmpstr (got, ==, c->utc);
    }
}

static void
test_time_in_zone (void)
{
  g_autoptr(OwPasteResult) result = ow_order_paste_parse ("Order time: 2026-07-01 10:00\n"
                                                          "Paid on: 2026-07-01 10:00 PDT\n");
  GTimeZone *la = ow_time_zone_get ("America/Los_Angeles");

  /* The caller's zone for a time the text leaves open; the text's own zone otherwise. */
  g_assert_cmpint (ow_paste_result_get_time (result, OW_EVENT_PLACED, la), ==,
                   ow_paste_result_get_time (result, OW_EVENT_PLACED, NULL) + 7 * 3600);
  g_assert_cmpint (ow_paste_result_get_time (result, OW_EVENT_PAID, la), ==,
                   ow_paste_result_get_time (result, OW_EVENT_PAID, NULL));
  g_assert_cmpint (ow_paste_result_get_time (result, OW_EVENT_RECEIVED, la), ==, OW_TIME_UNSET);
}

static void
test_nothing_found (void)
{
  const char *texts[] = {
    "",
    "Hello, this is not an order.\nThanks!",
    "Order ID:\nOrder time:\nTotal:",
    "Store:\n\n\n",
    "Tracking number: none yet",
    "\xff\xfe\x80 broken \xc3 bytes",
    /* Well-formed order details around one stray byte: nothing is taken. */
    "Order number: 8123456789012345\nStore: Lamp \xff World\nTracking number: RR123456785CN",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(OwPasteResult) result = ow_order_paste_parse (texts[i]);

      g_test_message ("text %u", i);
      g_assert_cmpint (ow_paste_result_get_found (result), ==, 0);
      g_assert_null (ow_paste_result_get_order_number (result));
      g_assert_null (ow_paste_result_get_store_name (result));
      g_assert_null (ow_paste_result_get_tracking_number (result));
      /* Text that is not UTF-8 says so. */
      if (!g_utf8_validate (texts[i], -1, NULL))
        g_assert_nonnull (strstr (ow_paste_result_get_problem (result), "not valid UTF-8"));
      else
        g_assert_null (ow_paste_result_get_problem (result));
    }

  {
    g_autoptr(OwPasteResult) result = ow_order_paste_parse (NULL);

    g_assert_cmpint (ow_paste_result_get_found (result), ==, 0);
  }
}

/* A surer label wins over one seen earlier; the first of equal labels stays. */
static void
test_label_ranks (void)
{
  g_autoptr(OwPasteResult) result = ow_order_paste_parse ("Amount: $1.00\n"
                                                          "Total: $2.00\n"
                                                          "Order total: $3.00\n"
                                                          "Total: $4.00\n"
                                                          "Order ID: 1111222233334444\n"
                                                          "Order ID: 5555666677778888\n");
  gint64 minor;

  g_assert_true (ow_paste_result_get_amount (result, &minor, NULL));
  g_assert_cmpint (minor, ==, 300);
  g_assert_cmpstr (ow_paste_result_get_order_number (result), ==, "1111222233334444");
}

/* A number at the very end of the text, any length, any separator last: scan_number looked
 * four bytes ahead past the end (ASan: heap-buffer-overflow at "US $" and 123 digits, where
 * the copy fills its allocation exactly). */
static void
test_number_at_end (void)
{
  static const char *tails[] = { "", " ", "'", ",", ".", " 1", " 12", " 123", "'12", ",1" };

  for (guint n = 1; n <= 300; n++)
    for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
      {
        g_autofree char *digits = g_strnfill (n, '1');
        g_autofree char *text = g_strconcat ("Total: US $", digits, tails[t], NULL);
        g_autoptr(OwPasteResult) result = ow_order_paste_parse (text);
        gint64 minor = -1;
        char currency[4] = "";
        gboolean found = ow_paste_parse_amount (text, &minor, currency);

        /* Past 15 digits it is no amount Orderwatch can hold. */
        if (t == 0 && n <= 15)
          {
            g_autofree char *hundreds = g_strconcat (digits, "00", NULL);

            g_assert_true (found);
            g_assert_cmpint (minor, ==, g_ascii_strtoll (hundreds, NULL, 10));
            g_assert_cmpstr (currency, ==, "USD");
          }
        else if (n > 15)
          g_assert_false (found);
        g_assert_true (found == ((ow_paste_result_get_found (result) & OW_PASTE_AMOUNT) != 0));
      }
}

/* A big paste (a whole page saved as text) still finds what is at its end. */
static void
test_large_input (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(OwPasteResult) result = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "Recommended item %u US $%u.99 Free shipping\t4.8 stars\n", i,
                            i % 100);
  g_string_append (text, "Order ID: 8181234567890123\n");

  result = ow_order_paste_parse (text->str);
  g_assert_cmpstr (ow_paste_result_get_order_number (result), ==, "8181234567890123");
  g_assert_cmpint (ow_paste_result_get_found (result), ==, OW_PASTE_ORDER_NUMBER);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "fixtures", "paste", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".txt"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - 4));
  g_ptr_array_sort (names, compare_names);
  /* The corpus must not shrink unnoticed. */
  g_assert_cmpuint (names->len, >=, 11);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat ("/core/paste/corpus/", (char *) names->pdata[i], NULL);

      g_test_add_data_func (path, names->pdata[i], test_corpus_entry);
    }
  g_test_add_func ("/core/paste/amounts", test_amounts);
  g_test_add_func ("/core/paste/dates", test_dates);
  g_test_add_func ("/core/paste/time-zone", test_time_in_zone);
  g_test_add_func ("/core/paste/nothing-found", test_nothing_found);
  g_test_add_func ("/core/paste/label-ranks", test_label_ranks);
  g_test_add_func ("/core/paste/large-input", test_large_input);
  g_test_add_func ("/core/paste/number-at-end", test_number_at_end);

  return g_test_run ();
}
