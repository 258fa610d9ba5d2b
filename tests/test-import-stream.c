/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON export read as a stream: orders handed over a batch at a time, problems reported in
 * the same order as before (syntax, header, first bad order), and the import into a real
 * SQLite file all or nothing across batches. */
#include "config.h"

#include "ow-demo.h"
#include "ow-error.h"
#include "ow-export.h"
#include "ow-import.h"
#include "ow-order-import.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-test-util.h"

#define T0 G_GINT64_CONSTANT (1772323200)   /* 2026-03-01T00:00:00Z */

typedef struct
{
  GArray  *sizes;   /* guint: each batch's length */
  GArray  *firsts;  /* guint: each batch's first index */
  GPtrArray *numbers;
  gboolean refuse;  /* the second batch fails, as a full disk would */
} Batches;

static gboolean
on_batch (GPtrArray  *orders,
          GPtrArray  *records,
          guint       first,
          gpointer    user_data,
          GError    **error)
{
  Batches *batches = user_data;

  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, orders->len);
  g_array_append_val (batches->sizes, orders->len);
  g_array_append_val (batches->firsts, first);
  for (guint i = 0; i < orders->len; i++)
    g_ptr_array_add (batches->numbers,
                     g_strdup (ow_order_get_order_number (g_ptr_array_index (orders, i))));
  if (batches->refuse && batches->sizes->len == 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  return TRUE;
}

static void
batches_init (Batches *batches)
{
  batches->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  batches->firsts = g_array_new (FALSE, FALSE, sizeof (guint));
  batches->numbers = g_ptr_array_new_with_free_func (g_free);
}

static void
batches_clear (Batches *batches)
{
  g_array_unref (batches->sizes);
  g_array_unref (batches->firsts);
  g_ptr_array_unref (batches->numbers);
}

static GBytes *
export_demo (guint n)
{
  g_autoptr(GPtrArray) orders = ow_demo_make_orders (n, T0, 7);

  return ow_export_json (orders, NULL);
}

static void
test_batches (void)
{
  g_autoptr(GBytes) data = export_demo (2500);
  g_autoptr(GPtrArray) orders = ow_demo_make_orders (2500, T0, 7);
  g_autoptr(GError) error = NULL;
  Batches batches = { 0 };

  batches_init (&batches);
  g_assert_true (ow_import_json_batches (data, NULL, TRUE, 1000, on_batch, &batches, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batches.sizes->len, ==, 3);
  g_assert_cmpuint (g_array_index (batches.sizes, guint, 0), ==, 1000);
  g_assert_cmpuint (g_array_index (batches.sizes, guint, 2), ==, 500);
  g_assert_cmpuint (g_array_index (batches.firsts, guint, 1), ==, 1000);
  g_assert_cmpuint (g_array_index (batches.firsts, guint, 2), ==, 2000);
  /* Every order, in the file's order. */
  g_assert_cmpuint (batches.numbers->len, ==, orders->len);
  for (guint i = 0; i < orders->len; i += 499)
    g_assert_cmpstr (g_ptr_array_index (batches.numbers, i), ==,
                     ow_order_get_order_number (g_ptr_array_index (orders, i)));
  batches_clear (&batches);

  /* The caller's refusal stops the reading with its own error. */
  batches_init (&batches);
  batches.refuse = TRUE;
  g_assert_false (ow_import_json_batches (data, NULL, TRUE, 1000, on_batch, &batches, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (batches.sizes->len, ==, 2);
  batches_clear (&batches);
}

/* The header after the orders (a file edited by hand): the orders wait for it. */
static void
test_header_last (void)
{
  const char *text = "{\"orders\": [{\"order_number\": \"8100000001\"}, "
                     "{\"order_number\": \"8100000002\"}],\n"
                     " \"format\": \"orderwatch\", \"version\": 2}";
  g_autoptr(GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  Batches batches = { 0 };

  batches_init (&batches);
  g_assert_true (ow_import_json_batches (data, NULL, TRUE, 1, on_batch, &batches, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batches.numbers->len, ==, 2);
  g_assert_cmpuint (g_array_index (batches.sizes, guint, 0), ==, 2);
  batches_clear (&batches);

  /* A newer version found at the end still refuses the orders read before it. */
  {
    const char *newer = "{\"orders\": [{\"order_number\": \"8100000001\"}], "
                        "\"format\": \"orderwatch\", \"version\": 99}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (newer, strlen (newer));

    batches_init (&batches);
    g_assert_false (ow_import_json_batches (bytes, NULL, TRUE, 1, on_batch, &batches, &error));
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "version: the file is version 99"));
    g_assert_cmpuint (batches.sizes->len, ==, 0);
    batches_clear (&batches);
  }
}

/* A bad order early and broken syntax later: the syntax is what is wrong with the file. */
static void
test_problem_order (void)
{
  const char *bad_then_broken =
    "{\"format\": \"orderwatch\", \"version\": 2, \"orders\": [\n"
    "  {\"order_number\": \"8100000001\", \"quantity\": \"two\"},\n"
    "  {\"order_number\": \"8100000002\"\n";
  const char *bad_second =
    "{\"format\": \"orderwatch\", \"version\": 2, \"orders\": [\n"
    "  {\"order_number\": \"8100000001\"}, [1], {\"order_number\": \"x\", \"amount\": 5}]}";
  g_autoptr(GBytes) broken = g_bytes_new_static (bad_then_broken, strlen (bad_then_broken));
  g_autoptr(GBytes) second = g_bytes_new_static (bad_second, strlen (bad_second));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;

  orders = ow_import_json (broken, &error);
  g_assert_null (orders);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The file is not valid JSON: line "));
  g_clear_error (&error);

  /* The first bad order is the one named. */
  orders = ow_import_json (second, &error);
  g_assert_null (orders);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "order 2: must be an object");
}

static int
count_orders (OwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_store_list_orders (store, &error);

  g_assert_no_error (error);
  return orders->len;
}

/* Into a real file, across batches: all or nothing, and every order already there named. */
static void
test_into_store (void)
{
  g_autofree char *path = ow_test_db_path ("import-stream");
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(GPtrArray) orders = ow_demo_make_orders (2300, T0, 11);
  g_autoptr(GBytes) data = ow_export_json (orders, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GArray) indexes = NULL;
  g_autoptr(GString) broken = NULL;
  g_autoptr(GBytes) broken_data = NULL;
  gsize length;
  const char *text = g_bytes_get_data (data, &length);
  const char *last;

  g_assert_nonnull (store);

  /* The last order made unreadable: the batches before it were written, then undone. */
  broken = g_string_new_len (text, length);
  last = g_strrstr (broken->str, "\"quantity\": ");
  g_string_insert (broken, last - broken->str + strlen ("\"quantity\": "), "\"many\", \"x\": ");
  broken_data = g_string_free_to_bytes (g_steal_pointer (&broken));
  ids = ow_order_import_json (store, policies, broken_data, FALSE, NULL, NULL, &error);
  g_assert_null (ids);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "order 2300 "));
  g_assert_cmpint (count_orders (store), ==, 0);
  g_clear_error (&error);

  ids = ow_order_import_json (store, policies, data, FALSE, &existing, &indexes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2300);
  g_assert_cmpuint (existing->len, ==, 0);
  g_assert_cmpint (count_orders (store), ==, 2300);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&existing, g_ptr_array_unref);
  g_clear_pointer (&indexes, g_array_unref);

  /* Again: every one is there already, named with its place in the file. */
  ids = ow_order_import_json (store, policies, data, FALSE, &existing, &indexes, &error);
  g_assert_null (ids);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE);
  g_assert_cmpuint (existing->len, ==, 2300);
  g_assert_cmpuint (g_array_index (indexes, guint, 2299), ==, 2299);
  g_assert_cmpint (count_orders (store), ==, 2300);
  g_clear_error (&error);
  g_clear_pointer (&existing, g_ptr_array_unref);
  g_clear_pointer (&indexes, g_array_unref);

  /* Left out when asked to. */
  ids = ow_order_import_json (store, policies, data, TRUE, &existing, &indexes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_cmpuint (existing->len, ==, 2300);
  g_assert_cmpint (count_orders (store), ==, 2300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/import/json-stream/batches", test_batches);
  g_test_add_func ("/core/import/json-stream/header-last", test_header_last);
  g_test_add_func ("/core/import/json-stream/problem-order", test_problem_order);
  g_test_add_func ("/core/import/json-stream/into-store", test_into_store);

  return g_test_run ();
}
