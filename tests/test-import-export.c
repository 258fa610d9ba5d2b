/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parsers and serialisers of ow-import and ow-export, called directly. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-export.h"
#include "ow-import.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-test-util.h"
#include "ow-time.h"

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static gint64
iso (const char *text)
{
  gint64 time = 0;

  g_assert_true (ow_time_parse (text, NULL, "test", &time, NULL));
  return time;
}

static OwOrder *
order_at (GPtrArray *orders,
          guint      index)
{
  g_assert_cmpuint (index, <, orders->len);
  return g_ptr_array_index (orders, index);
}

/* A fully populated order: every field away from its default. */
static OwOrder *
make_full_order (const char *number)
{
  OwOrder *order = ow_order_new ();
  OwExtension approved = { iso ("2026-12-01T10:00:00Z"), 15, OW_EXTENSION_APPROVED };
  OwExtension pending = { OW_TIME_UNSET, 5, OW_EXTENSION_PENDING };

  ow_order_set_marketplace (order, "aliexpress");
  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, "Câble \"USB-C\", 2 m; 💡 \\ test");
  ow_order_set_store_name (order, "Store, with comma");
  ow_order_set_quantity (order, 3);
  ow_order_set_currency (order, "EUR");
  ow_order_set_amount (order, 1299);
  ow_order_set_payment_method (order, OW_PAYMENT_PAYPAL);
  ow_order_set_time (order, OW_EVENT_PLACED, iso ("2026-11-01T09:00:00Z"), OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, iso ("2026-11-01T10:00:00Z"), OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, iso ("2026-11-05T12:00:00Z"), OW_FACT_INFERRED);
  ow_order_set_time (order, OW_EVENT_DELIVERED, iso ("2026-11-25T07:30:00Z"), OW_FACT_INFERRED);
  ow_order_set_close_reason (order, OW_CLOSE_OTHER);
  ow_order_set_processing_days (order, 7);
  ow_order_set_delivery_days (order, 75);
  ow_order_add_extension (order, &approved);
  ow_order_add_extension (order, &pending);
  ow_order_set_notes (order, "Line one\nLine two, with \"quotes\"\r\nand CRLF");
  ow_order_set_archived (order, TRUE);
  ow_order_set_id (order, 42);
  return order;
}

/* ---- CSV ---- */

static void
test_csv_every_column (void)
{
  g_autoptr(GBytes) data = fixture ("every-column.csv");
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_import_csv (data, FALSE, &errors, &error);
  OwOrder *a, *b, *c;

  g_assert_no_error (error);
  g_assert_nonnull (orders);
  g_assert_cmpuint (orders->len, ==, 3);
  g_assert_cmpuint (errors->len, ==, 0);

  /* BOM skipped: the first column is found by name. */
  a = order_at (orders, 0);
  g_assert_cmpstr (ow_order_get_marketplace (a), ==, "aliexpress");
  g_assert_cmpstr (ow_order_get_order_number (a), ==, "8100000000000001");
  g_assert_cmpstr (ow_order_get_item_title (a), ==, "USB-C cable, 2 m");
  g_assert_cmpstr (ow_order_get_store_name (a), ==, "Anker Official Store");
  g_assert_cmpint (ow_order_get_quantity (a), ==, 2);
  g_assert_cmpint (ow_order_get_amount (a), ==, 499);
  g_assert_cmpstr (ow_order_get_currency (a), ==, "USD");
  g_assert_cmpint (ow_order_get_payment_method (a), ==, OW_PAYMENT_CARD);
  g_assert_cmpint (ow_order_get_time (a, OW_EVENT_PLACED), ==, iso ("2026-11-01T09:30:00Z"));
  g_assert_cmpint (ow_order_get_time (a, OW_EVENT_PAID), ==, iso ("2026-11-01T10:00:00Z"));
  g_assert_cmpint (ow_order_get_time_source (a, OW_EVENT_PAID), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_time (a, OW_EVENT_SHIPPED), ==, iso ("2026-11-05T12:00:00Z"));
  g_assert_cmpint (ow_order_get_time (a, OW_EVENT_DELIVERED), ==, iso ("2026-11-20T08:15:00Z"));
  g_assert_cmpint (ow_order_get_time_source (a, OW_EVENT_DELIVERED), ==, OW_FACT_INFERRED);
  g_assert_cmpint (ow_order_get_time (a, OW_EVENT_RECEIVED), ==, OW_TIME_UNSET);
  g_assert_cmpint (ow_order_get_processing_days (a), ==, 7);
  g_assert_cmpint (ow_order_get_delivery_days (a), ==, 60);
  /* A quoted field keeps its quotes and its line break (CRLF becomes LF). */
  g_assert_cmpstr (ow_order_get_notes (a), ==, "Said \"fast\" shipping\nCheck colour");
  g_assert_false (ow_order_get_archived (a));

  b = order_at (orders, 1);
  g_assert_cmpstr (ow_order_get_marketplace (b), ==, "ebay");
  g_assert_cmpstr (ow_order_get_currency (b), ==, "EUR");
  g_assert_cmpint (ow_order_get_amount (b), ==, 1250);
  g_assert_cmpint (ow_order_get_payment_method (b), ==, OW_PAYMENT_PAYPAL);
  /* Without policies a date alone is midnight UTC; an offset is honoured. */
  g_assert_cmpint (ow_order_get_time (b, OW_EVENT_PLACED), ==, iso ("2026-10-02T00:00:00Z"));
  g_assert_cmpint (ow_order_get_time (b, OW_EVENT_PAID), ==, iso ("2026-10-02T18:00:00Z"));
  g_assert_null (ow_order_get_notes (b));
  g_assert_true (ow_order_get_archived (b));

  c = order_at (orders, 2);
  g_assert_cmpstr (ow_order_get_item_title (c), ==, "Лампа 💡");
  g_assert_null (ow_order_get_store_name (c));
  g_assert_cmpint (ow_order_get_amount (c), ==, 1500);
  g_assert_cmpstr (ow_order_get_currency (c), ==, "JPY");
  g_assert_cmpint (ow_order_get_quantity (c), ==, 1);
  g_assert_cmpint (ow_order_get_processing_days (c), ==, 0);
}

static void
test_csv_line_endings_and_bom (void)
{
  const char *variants[] = {
    "order_number,item\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n",
    "order_number,item\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n",
    "\xEF\xBB\xBForder_number,item\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"",
    "\xEF\xBB\xBF order_number , item\n\n1,\"a,b\"\n\n2,\"say \"\"hi\"\"\"\n\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(GBytes) data = text_bytes (variants[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) orders = ow_import_csv (data, FALSE, NULL, &error);

      g_test_message ("variant %u", i);
      g_assert_no_error (error);
      g_assert_cmpuint (orders->len, ==, 2);
      g_assert_cmpstr (ow_order_get_order_number (order_at (orders, 0)), ==, "1");
      g_assert_cmpstr (ow_order_get_item_title (order_at (orders, 0)), ==, "a,b");
      g_assert_cmpstr (ow_order_get_item_title (order_at (orders, 1)), ==, "say \"hi\"");
    }
}

static void
test_csv_errors_by_line (void)
{
  g_autoptr(GBytes) data = fixture ("bad-row.csv");
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_import_csv (data, FALSE, &errors, &error);

  /* All or nothing by default: the bad row fails the whole file. */
  g_assert_null (orders);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  /* Line 4 is bad: the two-line title of the row before counts as two lines. */
  g_assert_true (g_str_has_prefix (error->message, "line 5, column paid: “2026-13-01T10:00:00Z”"));
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (errors, 0), ==, error->message);
}

static void
test_csv_skip_invalid (void)
{
  g_autoptr(GBytes) data = fixture ("bad-row.csv");
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_import_csv_full (data, NULL, OW_IMPORT_SKIP_INVALID, &lines,
                                                    NULL, &errors, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 3);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (errors, 0), "line 5, column paid:"));
  g_assert_cmpstr (ow_order_get_item_title (order_at (orders, 1)), ==, "Two-line\ntitle");
  g_assert_cmpstr (ow_order_get_order_number (order_at (orders, 2)), ==, "8200000000000004");
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 6);
}

typedef struct
{
  const char *csv;
  const char *message;   /* what the first error starts with */
} BadCase;

static void
test_csv_bad_input (void)
{
  static const BadCase cases[] = {
    { "", "The file is empty" },
    { "order_number,colour\n1,red\n", "line 1, column 2: “colour” is not a known column" },
    { "item,amount\nCable,4.99\n", "line 1: the header has no order_number column" },
    { "order_number,item,item\n1,a,b\n", "line 1: the column “item” appears twice" },
    { "order_number,item\n1,\"never closed\n2,b\n", "line 2: a quoted field is never closed" },
    { "order_number,item\n1,a\n2\n", "line 3: 1 field, but the header has 2" },
    { "order_number,amount\n1,4.999\n", "line 2, column amount: USD takes at most 2 decimals" },
    { "order_number,amount,currency\n1,4.5,JPY\n",
      "line 2, column amount: JPY takes at most 0 decimals" },
    { "order_number,amount\n1,-3\n", "line 2, column amount: “-3” is not an amount" },
    { "order_number,currency\n1,dollars\n",
      "line 2, column currency: “dollars” is not an ISO 4217" },
    { "order_number,quantity\n1,0\n", "line 2, column quantity: “0” is not a whole number" },
    { "order_number,payment_method\n1,cash\n",
      "line 2, column payment_method: “cash” is not one of card" },
    { "order_number,processing_days\n1,-3\n", "line 2, column processing_days: “-3”" },
    { "order_number,delivery_days\n1,400\n", "line 2, column delivery_days: “400”" },
    { "order_number,archived\n1,maybe\n", "line 2, column archived: “maybe” is not yes or no" },
    { "order_number,close_reason\n1,bored\n", "line 2, column close_reason: “bored”" },
    { "order_number,inferred\n1,teleported\n", "line 2, column inferred: “teleported”" },
    { "order_number,inferred\n1,shipped\n", "line 2, column inferred: “shipped” has no time" },
    { "order_number,shipped\n1,yesterday\n", "line 2, column shipped: “yesterday” is not a date" },
    { "order_number,paid\n1,2026-02-30\n", "line 2, column paid: “2026-02-30” is not a date" },
    { "order_number,paid,shipped\n1,2026-11-05T00:00:00Z,2026-11-01T00:00:00Z\n",
      "line 2: Shipped must not be before Paid" },
    { "order_number,item\n,Cable\n", "line 2, column order_number: an order number is required" },
    { "order_number\n1\n2\n1\n", "line 4, column order_number: “1” repeats line 2" },
    { "order_number,item\n1,\xC3\x28\n", "line 2, column item: the text is not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = text_bytes (cases[i].csv);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) orders = ow_import_csv (data, FALSE, NULL, &error);

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_null (orders);
      g_assert_error (error, OW_INPUT_ERROR, error->code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: got “%s”, expected it to start with “%s”", i, error->message,
                 cases[i].message);
    }
}

static void
test_csv_many_bad_rows (void)
{
  g_autoptr(GBytes) data = text_bytes ("order_number,quantity\n1,x\n2,1\n3,y\n4,z\n");
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_import_csv (data, FALSE, &errors, &error);

  g_assert_null (orders);
  g_assert_true (g_str_has_prefix (error->message, "line 2, column quantity:"));
  g_assert_true (g_str_has_suffix (error->message, "(and 2 more bad rows)"));
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (errors, 2), "line 5, column quantity:"));
}

static void
test_csv_policies (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GBytes) data = text_bytes ("marketplace,order_number,paid\n"
                                       "aliexpress,1,2026-11-01\n"
                                       "AliExpress,2,2026-07-01\n");
  g_autoptr(GBytes) unknown = text_bytes ("marketplace,order_number\nshopmart,1\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_import_csv_full (data, policies, 0, NULL, NULL, NULL, &error);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  /* A date alone is midnight in the policy's zone, Pacific time for AliExpress (PDT, then
   * PST after 1 November). */
  g_assert_cmpint (ow_order_get_time (order_at (orders, 0), OW_EVENT_PAID), ==,
                   iso ("2026-11-01T07:00:00Z"));
  g_assert_cmpint (ow_order_get_time (order_at (orders, 1), OW_EVENT_PAID), ==,
                   iso ("2026-07-01T07:00:00Z"));
  g_assert_cmpstr (ow_order_get_marketplace (order_at (orders, 1)), ==, "aliexpress");

  none = ow_import_csv_full (unknown, policies, 0, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message,
                                   "line 2, column marketplace: “shopmart” is not a known"));
  g_clear_error (&error);

  /* The marketplace's order-number pattern, as the editor and the command line check it. */
  {
    g_autoptr(GBytes) pasted = text_bytes ("marketplace,order_number\n"
                                           "aliexpress,3041234567890123Copy\n");
    g_autoptr(GBytes) json = text_bytes ("{\"format\": \"orderwatch\", \"version\": 1, "
                                         "\"orders\": [{\"marketplace\": \"aliexpress\", "
                                         "\"order_number\": \"81 234\"}]}");
    g_autoptr(GPtrArray) refused = ow_import_csv_full (pasted, policies, 0, NULL, NULL, NULL, &error);

    g_assert_null (refused);
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "line 2, column order_number: AliExpress order numbers "
                     "are digits only, such as 8123456789012345; “3041234567890123Copy” is not "
                     "one. Copy the number from the order page.");
    g_clear_error (&error);
    refused = ow_import_json_full (json, policies, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "order 1 (81 234), order_number: AliExpress order "
                                              "numbers are digits only"));
  }
}

/* The fast path must agree with ow_time_parse () everywhere, DST changes included. */
static void
test_parse_time_agrees (void)
{
  const char *zones[] = { "UTC", "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe",
                          "America/Santiago" };
  const char *others[] = { "2026-11-01T10:00:00+02:00", "2026-11-01T10:00:00-07:00",
                           "2026-11-01T10:00:00.5Z", "2026-11-01 10:00:00Z" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      GTimeZone *zone = ow_time_zone_get (zones[z]);

      for (int day = 0; day < 800; day++)
        {
          g_autoptr(GDateTime) base = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
          g_autoptr(GDateTime) dt = g_date_time_add_days (base, day);
          g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");
          g_autofree char *stamp = g_date_time_format (dt, "%Y-%m-%dT13:47:09Z");
          gint64 fast = 0, slow = 0;

          g_assert_true (ow_import_parse_time (date, strlen (date), zone, "t", &fast, NULL));
          g_assert_true (ow_time_parse (date, zone, "t", &slow, NULL));
          g_assert_cmpint (fast, ==, slow);
          g_assert_true (ow_import_parse_time (stamp, strlen (stamp), zone, "t", &fast, NULL));
          g_assert_true (ow_time_parse (stamp, zone, "t", &slow, NULL));
          g_assert_cmpint (fast, ==, slow);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      gint64 fast = 0, slow = 0;

      g_assert_true (ow_import_parse_time (others[i], strlen (others[i]), NULL, "t", &fast,
                                           NULL));
      g_assert_true (ow_time_parse (others[i], NULL, "t", &slow, NULL));
      g_assert_cmpint (fast, ==, slow);
    }

  {
    gint64 out;
    g_autoptr(GError) error = NULL;

    g_assert_false (ow_import_parse_time ("2026-11-01T24:00:00Z", 20, NULL, "paid", &out,
                                          &error));
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ow_import_parse_time ("2026-02-29", 10, NULL, "paid", &out, &error));
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  }
}

static void
test_csv_export_quoting (void)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) records = NULL;
  g_autofree char *header = NULL;
  const char *text;
  OwOrder *copy;

  g_ptr_array_add (orders, make_full_order ("8123456789"));
  g_ptr_array_add (orders, ow_order_new ());
  ow_order_set_order_number (g_ptr_array_index (orders, 1), "plain");
  data = ow_export_csv (orders, NULL);
  text = g_bytes_get_data (data, NULL);

  /* CRLF after every record; the header names every column in order. */
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  header = g_strjoinv (",", (char **) ow_csv_columns);
  g_assert_true (g_str_has_prefix (text, header));
  g_assert_nonnull (strstr (text, ",\"Câble \"\"USB-C\"\", 2 m; 💡 \\ test\","));
  g_assert_nonnull (strstr (text, ",\"Store, with comma\","));
  g_assert_nonnull (strstr (text, ",\"Line one\nLine two, with \"\"quotes\"\"\r\nand CRLF\","));
  g_assert_nonnull (strstr (text, ",shipped delivered,other,7,75,"));
  records = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_prefix (records[g_strv_length (records) - 2],
                                   "aliexpress,plain,,,1,0.00,USD,card,"));

  /* Read back: everything but the extensions survives (CSV has no column for them). */
  again = ow_import_csv (data, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  copy = ow_order_copy (g_ptr_array_index (orders, 0));
  ow_order_clear_extensions (copy);
  /* The CRLF inside the note comes back as LF. */
  ow_order_set_notes (copy, "Line one\nLine two, with \"quotes\"\nand CRLF");
  g_assert_true (ow_order_equal (copy, g_ptr_array_index (again, 0)));
  g_assert_true (ow_order_equal (g_ptr_array_index (orders, 1), g_ptr_array_index (again, 1)));
  g_object_unref (copy);
}

/* ---- JSON ---- */

static void
test_json_round_trip (void)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *o, *facts;
  OwOrder *plain = ow_order_new ();

  g_ptr_array_add (orders, make_full_order ("8123456789"));
  ow_order_set_order_number (plain, "1");
  g_ptr_array_add (orders, plain);

  first = ow_export_json (orders, NULL);
  again = ow_import_json (first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (ow_order_equal (g_ptr_array_index (orders, i), g_ptr_array_index (again, i)));
      g_assert_cmpint (ow_order_get_id (g_ptr_array_index (orders, i)), ==,
                       ow_order_get_id (g_ptr_array_index (again, i)));
    }

  second = ow_export_json (again, NULL);
  g_assert_true (g_bytes_equal (first, second));

  /* The documented shape. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (first, NULL),
                                             g_bytes_get_size (first), &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "orderwatch");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 2);
  o = json_array_get_object_element (json_object_get_array_member (root, "orders"), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "12.99");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "EUR");
  facts = json_object_get_object_member (o, "facts");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "shipped"),
                                                  "source"), ==, "inferred");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "paid"),
                                                  "time"), ==, "2026-11-01T10:00:00Z");
  g_assert_false (json_object_has_member (facts, "received"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "extensions")), ==, 2);
  g_assert_true (json_object_get_boolean_member (o, "archived"));
}

/* The text the writer streams must be the tree the same member calls build. */
static void
test_json_matches_builder (void)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  OwOrder *empty = ow_order_new ();

  g_ptr_array_add (orders, make_full_order ("8123456789"));
  ow_order_set_order_number (empty, "\x01 control \t tab");
  g_ptr_array_add (orders, empty);
  data = ow_export_json (orders, NULL);
  json_parser_load_from_data (parser, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                              &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "orders");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) built = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *a = NULL, *b = NULL;

      g_autoptr(OwJsonWriter) writer = ow_json_writer_new_for_builder (builder);

      ow_json_writer_begin_object (writer);
      ow_export_order_members (g_ptr_array_index (orders, i), writer);
      ow_export_records_members (NULL, writer);
      ow_json_writer_end_object (writer);
      built = json_builder_get_root (builder);
      g_assert_true (json_node_equal (built, json_array_get_element (array, i)));
      /* Same member order too. */
      json_generator_set_root (generator, built);
      a = json_generator_to_data (generator, NULL);
      json_generator_set_root (generator, json_array_get_element (array, i));
      b = json_generator_to_data (generator, NULL);
      g_assert_cmpstr (a, ==, b);
    }
}

/* Times far from today survive both formats. */
static void
test_times_round_trip (void)
{
  const gint64 times[] = { -62135596800, -86400 * 365, -1, 0, 1, 951782400, 1793491199,
                           4102444799, 253402300799 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GBytes) json = NULL;
      g_autoptr(GBytes) csv = NULL;
      g_autoptr(GPtrArray) from_json = NULL;
      g_autoptr(GPtrArray) from_csv = NULL;
      g_autoptr(GError) error = NULL;
      OwOrder *order = ow_order_new ();

      ow_order_set_order_number (order, "1");
      ow_order_set_time (order, OW_EVENT_PLACED, times[i], OW_FACT_USER);
      g_ptr_array_add (orders, order);
      json = ow_export_json (orders, NULL);
      csv = ow_export_csv (orders, NULL);
      from_json = ow_import_json (json, &error);
      g_assert_no_error (error);
      from_csv = ow_import_csv (csv, FALSE, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("time %" G_GINT64_FORMAT, times[i]);
      g_assert_cmpint (ow_order_get_time (order_at (from_json, 0), OW_EVENT_PLACED), ==,
                       times[i]);
      g_assert_cmpint (ow_order_get_time (order_at (from_csv, 0), OW_EVENT_PLACED), ==,
                       times[i]);
    }
}

static void
test_json_bad_input (void)
{
  static const BadCase cases[] = {
    { "not json", "The file is not valid JSON" },
    { "[1, 2]", "The file is not an Orderwatch export" },
    { "{\"format\": \"other\", \"version\": 1, \"orders\": []}", "The file is not an Orderwatch" },
    { "{\"format\": \"orderwatch\", \"version\": 9, \"orders\": []}",
      "version: the file is version 9" },
    { "{\"format\": \"orderwatch\", \"orders\": []}", "version: must be a whole number" },
    { "{\"format\": \"orderwatch\", \"version\": 1}", "orders: must be an array" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [3]}",
      "order 1: must be an object" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [{\"order_number\": \"5\", "
      "\"quantity\": \"two\"}]}", "order 1 (5), quantity: must be a whole number" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [{\"order_number\": \"5\"}, "
      "{\"order_number\": \"6\", \"amount\": \"1.234\"}]}",
      "order 2 (6), amount: USD takes at most 2 decimals" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [{\"order_number\": \"5\", "
      "\"facts\": {\"paid\": {\"time\": \"soon\"}}}]}", "order 1 (5), time: “soon” is not a date" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [{\"order_number\": \"5\", "
      "\"facts\": {\"paid\": {\"time\": \"2026-11-01T00:00:00Z\", \"source\": \"guess\"}}}]}",
      "order 1 (5), paid: the source must be user, inferred or imported" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [{\"item\": \"x\"}]}",
      "order 1 (?): Order number is required" },
    { "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": [{\"order_number\": \"5\"}, "
      "{\"order_number\": \"5\"}]}", "order 2 (5): the file has this order number twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = text_bytes (cases[i].csv);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) orders = ow_import_json (data, &error);

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_null (orders);
      g_assert_error (error, OW_INPUT_ERROR, error->code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: got “%s”, expected it to start with “%s”", i, error->message,
                 cases[i].message);
    }
}

/* ---- iCalendar ---- */

/* Undoes RFC 5545 folding after checking every physical line. */
static GPtrArray *
unfold_ics (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*p)
    {
      const char *end = strstr (p, "\r\n");
      gsize length;

      g_assert_nonnull (end);
      length = end - p;
      /* No bare LF or CR inside a line, at most 75 octets, whole UTF-8 characters. */
      g_assert_null (memchr (p, '\n', length));
      g_assert_null (memchr (p, '\r', length));
      g_assert_cmpuint (length, <=, 75);
      g_assert_true (g_utf8_validate (p, length, NULL));
      /* A fold never splits an escape such as "\\,". */
      {
        gsize backslashes = 0;

        while (backslashes < length && p[length - backslashes - 1] == '\\')
          backslashes++;
        g_assert_cmpuint (backslashes % 2, ==, 0);
      }
      if (*p == ' ')
        {
          char **last;
          char *joined;

          g_assert_cmpuint (lines->len, >, 0);
          last = (char **) &g_ptr_array_index (lines, lines->len - 1);
          joined = g_strdup_printf ("%s%.*s", *last, (int) length - 1, p + 1);
          g_free (*last);
          *last = joined;
        }
      else
        g_ptr_array_add (lines, g_strndup (p, length));
      p = end + 2;
    }
  return lines;
}

static char *
unescape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p == 'n' || *p == 'N' ? '\n' : *p);
        }
      else
        {
          /* An unescaped , or ; would split a TEXT value. */
          g_assert_true (*p != ',' && *p != ';');
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GHashTable *props;   /* name -> value, of the event itself */
  guint       n_alarms;
  GPtrArray  *triggers;
} Event;

static void
event_free (Event *event)
{
  g_hash_table_unref (event->props);
  g_ptr_array_unref (event->triggers);
  g_free (event);
}

/* A nested file crashed `orderwatch import`: now it is refused like any file that is not
 * an export. */
static void
test_json_deeply_nested (void)
{
  g_autoptr(GBytes) deep = ow_test_nested_json ("{\"format\": \"orderwatch\", \"version\": 1, "
                                                "\"orders\": ", 80000, "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_import_json (deep, &error);

  g_assert_null (orders);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The file is not an Orderwatch export: line 1: arrays "
                   "and objects are nested more than 64 levels deep, more than Orderwatch "
                   "reads; check that you picked the right file");
}

static void
test_ics_export (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *long_title = NULL;
  gint64 now = iso ("2026-11-10T00:00:00Z");
  OwOrder *shipped, *commas, *archived;
  Event *event = NULL;
  gboolean in_alarm = FALSE;
  guint depth = 0;

  /* A title long enough to fold, with every character TEXT escapes and multi-byte ones
   * near the fold. */
  long_title = g_strdup ("Très long câble USB-C; 2 m, tressé \\ nylon\nÉdition 💡💡💡💡💡💡 "
                         "ääääääääääääääääääääääääääääää");
  shipped = ow_order_new ();
  ow_order_set_order_number (shipped, "8123456789");
  ow_order_set_item_title (shipped, long_title);
  ow_order_set_id (shipped, 7);
  ow_order_set_time (shipped, OW_EVENT_PAID, iso ("2026-11-01T10:00:00Z"), OW_FACT_USER);
  ow_order_set_time (shipped, OW_EVENT_SHIPPED, iso ("2026-11-05T12:00:00Z"), OW_FACT_USER);
  g_ptr_array_add (orders, shipped);

  /* Escapes all along the line: a fold lands between a backslash and its character unless
   * the writer avoids it. */
  commas = ow_order_new ();
  ow_order_set_order_number (commas, "8000000000000002");
  ow_order_set_item_title (commas, ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
                                   ",,,,,,,,,,;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;"
                                   ";;€€€€€€€€€€€€€€€€€€");
  ow_order_set_id (commas, 9);
  ow_order_set_time (commas, OW_EVENT_PAID, iso ("2026-11-01T10:00:00Z"), OW_FACT_USER);
  ow_order_set_time (commas, OW_EVENT_SHIPPED, iso ("2026-11-05T12:00:00Z"), OW_FACT_USER);
  g_ptr_array_add (orders, commas);

  archived = ow_order_new ();
  ow_order_set_order_number (archived, "999");
  ow_order_set_id (archived, 8);
  ow_order_set_time (archived, OW_EVENT_PAID, iso ("2026-11-01T10:00:00Z"), OW_FACT_USER);
  ow_order_set_archived (archived, TRUE);
  g_ptr_array_add (orders, archived);

  /* What the engine says should be on the calendar. */
  for (guint o = 0; o < 2; o++)
    {
      OwOrder *order = g_ptr_array_index (orders, o);
      OwDeadlineSet set;

      ow_deadlines_compute (order, ow_policy_registry_lookup (policies, "aliexpress"), now, &set);
      for (guint i = 0; i < set.n_deadlines; i++)
        {
          const OwDeadline *d = &set.deadlines[i];

          if (d->due != OW_TIME_UNSET &&
              (d->state == OW_DEADLINE_RUNNING || d->state == OW_DEADLINE_URGENT ||
               d->state == OW_DEADLINE_NOT_STARTED))
            g_hash_table_insert (expected,
                                 g_strdup_printf ("%" G_GINT64_FORMAT "-%s@orderwatch",
                                                  ow_order_get_id (order),
                                                  ow_rule_get_id (d->rule)),
                                 (gpointer) d->rule);
        }
    }
  g_assert_true (g_hash_table_contains (expected, "7-protection_end@orderwatch"));

  data = ow_export_ics (orders, policies, now);
  lines = unfold_ics (g_bytes_get_data (data, NULL));

  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "BEGIN:VCALENDAR");
  g_assert_cmpstr (g_ptr_array_index (lines, lines->len - 1), ==, "END:VCALENDAR");
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');
      g_autofree char *name = NULL;

      g_assert_nonnull (colon);
      name = g_strndup (line, colon - line);
      if (g_str_equal (line, "BEGIN:VCALENDAR") || g_str_equal (line, "BEGIN:VEVENT") ||
          g_str_equal (line, "BEGIN:VALARM"))
        depth++;
      if (g_str_equal (line, "BEGIN:VEVENT"))
        {
          event = g_new0 (Event, 1);
          event->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          event->triggers = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (events, event);
        }
      else if (g_str_equal (line, "BEGIN:VALARM"))
        {
          g_assert_nonnull (event);
          in_alarm = TRUE;
          event->n_alarms++;
        }
      else if (g_str_equal (line, "END:VALARM"))
        in_alarm = FALSE;
      else if (g_str_equal (line, "END:VEVENT"))
        event = NULL;
      else if (in_alarm && g_str_equal (name, "TRIGGER"))
        {
          g_assert_true (g_regex_match_simple ("^(-PT[0-9]+[HMS]|PT0S)$", colon + 1, 0, 0));
          g_ptr_array_add (event->triggers, g_strdup (colon + 1));
        }
      else if (event != NULL && !in_alarm)
        g_hash_table_insert (event->props, g_steal_pointer (&name), g_strdup (colon + 1));

      if (g_str_has_prefix (line, "END:"))
        depth--;
    }
  g_assert_cmpuint (depth, ==, 0);
  g_assert_true (g_ptr_array_find_with_equal_func (lines, "VERSION:2.0", g_str_equal, NULL));
  g_assert_nonnull (strstr (g_bytes_get_data (data, NULL), "\r\nPRODID:-//Orderwatch//"));

  /* One event per expected deadline, none for the archived order. */
  g_assert_cmpuint (events->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      const char *uid = g_hash_table_lookup (e->props, "UID");
      const OwRule *rule = g_hash_table_lookup (expected, uid);
      g_autofree char *summary = unescape_text (g_hash_table_lookup (e->props, "SUMMARY"));
      g_autofree char *description = unescape_text (g_hash_table_lookup (e->props,
                                                                         "DESCRIPTION"));
      g_autofree char *want = NULL;
      guint n_reminders = 0;

      g_assert_nonnull (rule);
      g_assert_cmpstr (g_hash_table_lookup (e->props, "DTSTAMP"), ==, "20261110T000000Z");
      g_assert_true (g_regex_match_simple ("^[0-9]{8}T[0-9]{6}Z$",
                                           g_hash_table_lookup (e->props, "DTSTART"), 0, 0));
      want = g_strdup_printf ("%s: %s", ow_rule_get_title (rule),
                              g_str_has_prefix (uid, "7-") ? long_title
                                                           : ow_order_get_item_title (commas));
      g_assert_cmpstr (summary, ==, want);
      g_assert_nonnull (strstr (description, g_str_has_prefix (uid, "7-") ? "8123456789"
                                                                          : "8000000000000002"));
      if (ow_rule_get_on_expiry (rule) != NULL)
        g_assert_nonnull (strstr (description, ow_rule_get_on_expiry (rule)));
      ow_rule_get_reminders (rule, &n_reminders);
      g_assert_cmpuint (e->n_alarms, ==, n_reminders);
    }

  /* Protection ends on the due time the engine computed, with its 7-day alarm first. */
  for (guint i = 0; i < events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      OwDeadlineSet set;
      const OwDeadline *d;
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *stamp = NULL;

      if (!g_str_equal (g_hash_table_lookup (e->props, "UID"), "7-protection_end@orderwatch"))
        continue;
      ow_deadlines_compute (shipped, ow_policy_registry_lookup (policies, "aliexpress"), now,
                            &set);
      d = ow_deadlines_find (&set, "protection_end");
      due = g_date_time_new_from_unix_utc (d->due);
      stamp = g_date_time_format (due, "%Y%m%dT%H%M%SZ");
      g_assert_cmpstr (g_hash_table_lookup (e->props, "DTSTART"), ==, stamp);
      g_assert_cmpstr (g_ptr_array_index (e->triggers, 0), ==, "-PT168H");
    }
}

/* A file into the store, as the window imports one: what is there already stays and is
 * counted, a bad order writes nothing, the format is told by the name or the text. */
static void
test_into_store (void)
{
  g_autofree char *path = ow_test_db_path ("import-into-store");
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(GBytes) csv = text_bytes ("marketplace,order_number,item,paid\n"
                                      "aliexpress,8100000000000101,Lamp,2026-11-01\n"
                                      "ebay,12-34567-89012,Camera,2026-11-02\n");
  g_autoptr(GBytes) bad = text_bytes ("order_number,item\n8100000000000102,Cable\n"
                                      "81000X,Case\n");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) round_trip = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  guint existing = 99;

  g_assert_cmpint (ow_import_guess_format ("orders.JSON", NULL), ==, OW_IMPORT_FORMAT_JSON);
  g_assert_cmpint (ow_import_guess_format ("orders.csv", NULL), ==, OW_IMPORT_FORMAT_CSV);
  g_assert_cmpint (ow_import_guess_format (NULL, csv), ==, OW_IMPORT_FORMAT_CSV);

  first = ow_import_into_store (store, policies, csv, "orders.csv", &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (existing, ==, 0);
  g_assert_cmpint (ow_order_get_id (g_ptr_array_index (first, 0)), >, 0);

  /* The same again: nothing new, both counted as there already. */
  again = ow_import_into_store (store, policies, csv, "orders.csv", &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (existing, ==, 2);

  /* One bad row (not an AliExpress number): nothing is written, the row is named. */
  none = ow_import_into_store (store, policies, bad, "more.csv", &existing, &error);
  g_assert_null (none);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);
  listed = ow_store_list_orders (store, &error);
  g_assert_cmpuint (listed->len, ==, 2);

  /* An export (sniffed from its first character) brings nothing new either. */
  json = ow_export_json (listed, NULL);
  round_trip = ow_import_into_store (store, policies, json, NULL, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (round_trip->len, ==, 0);
  g_assert_cmpuint (existing, ==, 2);
}

/* A fact known without its date, and where an imported one came from, survive the store,
 * JSON (a null time) and CSV ("unknown"), and show as "date unknown". */
static void
test_undated_round_trip (void)
{
  g_autofree char *path = ow_test_db_path ("undated");
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(OwOrder) stored = NULL;
  g_autoptr(OwOrder) reopened = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) from_json = NULL;
  g_autoptr(GPtrArray) from_csv = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = ow_fact_origin_new_email (iso ("2026-11-12T08:00:00Z"));
  g_autofree char *from = NULL;

  ow_order_set_order_number (order, "8100000000000777");
  ow_order_set_time (order, OW_EVENT_PLACED, iso ("2026-11-01T09:00:00Z"), OW_FACT_IMPORTED);
  ow_order_set_time_undated (order, OW_EVENT_RECEIVED, OW_FACT_IMPORTED);
  ow_order_set_time_origin (order, OW_EVENT_RECEIVED, origin);
  g_assert_true (ow_order_get_time_known (order, OW_EVENT_RECEIVED));
  g_assert_true (ow_order_get_time_undated (order, OW_EVENT_RECEIVED));
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_RECEIVED), ==, OW_TIME_UNSET);
  g_assert_false (ow_order_get_time_known (order, OW_EVENT_SHIPPED));
  from = ow_order_describe_time_source (order, OW_EVENT_RECEIVED);
  g_assert_cmpstr (from, ==, "from an email of 12 Nov 2026");

  g_assert_true (ow_store_add_order (store, order, &error));
  g_assert_no_error (error);
  stored = ow_store_get_order (store, ow_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (order, stored));
  g_clear_object (&store);
  store = ow_store_open (path, &error);
  g_assert_no_error (error);
  reopened = ow_store_get_order (store, ow_order_get_id (order), &error);
  g_assert_true (ow_order_equal (order, reopened));
  g_assert_true (ow_order_get_time_undated (reopened, OW_EVENT_RECEIVED));
  g_assert_cmpstr (ow_order_get_time_origin (reopened, OW_EVENT_RECEIVED), ==, origin);

  g_ptr_array_add (orders, g_object_ref (order));
  json = ow_export_json (orders, NULL);
  g_assert_nonnull (strstr (g_bytes_get_data (json, NULL),
                            "\"received\": {\"time\": null, \"source\": \"imported\""));
  from_json = ow_import_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (order, order_at (from_json, 0)));

  /* CSV has no sources or origins: the fact stays known without its date. */
  csv = ow_export_csv (orders, NULL);
  g_assert_nonnull (strstr (g_bytes_get_data (csv, NULL), ",unknown,"));
  from_csv = ow_import_csv (csv, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_get_time_undated (order_at (from_csv, 0), OW_EVENT_RECEIVED));
  g_assert_false (ow_order_get_time_undated (order_at (from_csv, 0), OW_EVENT_PLACED));

  /* A date typed later replaces "unknown" and its origin. */
  ow_order_set_time (order, OW_EVENT_RECEIVED, iso ("2026-11-20T10:00:00Z"), OW_FACT_USER);
  g_assert_false (ow_order_get_time_undated (order, OW_EVENT_RECEIVED));
  g_assert_null (ow_order_get_time_origin (order, OW_EVENT_RECEIVED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/import/csv/every-column", test_csv_every_column);
  g_test_add_func ("/core/import/csv/line-endings-and-bom", test_csv_line_endings_and_bom);
  g_test_add_func ("/core/import/csv/errors-by-line", test_csv_errors_by_line);
  g_test_add_func ("/core/import/csv/skip-invalid", test_csv_skip_invalid);
  g_test_add_func ("/core/import/csv/bad-input", test_csv_bad_input);
  g_test_add_func ("/core/import/csv/many-bad-rows", test_csv_many_bad_rows);
  g_test_add_func ("/core/import/csv/policies", test_csv_policies);
  g_test_add_func ("/core/import/parse-time-agrees", test_parse_time_agrees);
  g_test_add_func ("/core/export/csv/quoting-and-round-trip", test_csv_export_quoting);
  g_test_add_func ("/core/export/json/round-trip", test_json_round_trip);
  g_test_add_func ("/core/export/json/matches-builder", test_json_matches_builder);
  g_test_add_func ("/core/export/times-round-trip", test_times_round_trip);
  g_test_add_func ("/core/import/json/bad-input", test_json_bad_input);
  g_test_add_func ("/core/import/json/deeply-nested", test_json_deeply_nested);
  g_test_add_func ("/core/export/ics/structure", test_ics_export);
  g_test_add_func ("/core/import/into-store", test_into_store);
  g_test_add_func ("/core/import/undated-round-trip", test_undated_round_trip);

  return g_test_run ();
}
