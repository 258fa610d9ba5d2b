/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-error.h"
#include "ow-order.h"

static OwOrder *
make_order (void)
{
  OwOrder *order = ow_order_new ();

  ow_order_set_order_number (order, "8123456789");
  ow_order_set_item_title (order, "USB-C cable");
  ow_order_set_amount (order, 499);
  ow_order_set_time (order, OW_EVENT_PLACED, 1761991200, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, 1761991260, OW_FACT_USER);
  return order;
}

static void
test_defaults (void)
{
  g_autoptr(OwOrder) order = ow_order_new ();

  g_assert_cmpstr (ow_order_get_marketplace (order), ==, "aliexpress");
  g_assert_cmpstr (ow_order_get_currency (order), ==, "USD");
  g_assert_cmpint (ow_order_get_quantity (order), ==, 1);
  for (guint i = 0; i < OW_N_EVENTS; i++)
    {
      g_assert_cmpint (ow_order_get_time (order, i), ==, OW_TIME_UNSET);
      g_assert_cmpint (ow_order_get_time_source (order, i), ==, OW_FACT_UNKNOWN);
    }
}

static void
test_infer_never_overwrites_user (void)
{
  g_autoptr(OwOrder) order = make_order ();

  /* Unknown: tracking may fill it in, and may correct its own guess. */
  g_assert_true (ow_order_infer_time (order, OW_EVENT_SHIPPED, 1762000000));
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_SHIPPED), ==, OW_FACT_INFERRED);
  g_assert_true (ow_order_infer_time (order, OW_EVENT_SHIPPED, 1762000100));
  g_assert_false (ow_order_infer_time (order, OW_EVENT_SHIPPED, 1762000100));

  /* Typed by the user: kept. */
  g_assert_false (ow_order_infer_time (order, OW_EVENT_PAID, 1762000000));
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_PAID), ==, 1761991260);
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_PAID), ==, OW_FACT_USER);
}

static void
test_copy_equal (void)
{
  g_autoptr(OwOrder) order = make_order ();
  g_autoptr(OwOrder) copy = NULL;
  OwExtension extension = { 1762000000, 15, OW_EXTENSION_APPROVED };

  ow_order_add_extension (order, &extension);
  ow_order_set_notes (order, "Blue one");
  copy = ow_order_copy (order);
  g_assert_true (ow_order_equal (order, copy));
  g_assert_cmpint (ow_order_get_approved_extension_days (copy), ==, 15);

  ow_order_set_time (copy, OW_EVENT_SHIPPED, 1762000000, OW_FACT_USER);
  g_assert_false (ow_order_equal (order, copy));

  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_extension_days (void)
{
  g_autoptr(OwOrder) order = make_order ();
  OwExtension approved = { 1762000000, 10, OW_EXTENSION_APPROVED };
  OwExtension refused = { 1762000000, 20, OW_EXTENSION_REFUSED };
  OwExtension pending = { 1762000000, 5, OW_EXTENSION_PENDING };

  ow_order_add_extension (order, &approved);
  ow_order_add_extension (order, &refused);
  ow_order_add_extension (order, &pending);
  ow_order_add_extension (order, &approved);
  g_assert_cmpint (ow_order_get_n_extensions (order), ==, 4);
  g_assert_cmpint (ow_order_get_approved_extension_days (order), ==, 20);
}

static void
test_validate (void)
{
  g_autoptr(OwOrder) order = make_order ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ow_order_validate (order, &error));
  g_assert_no_error (error);

  ow_order_set_order_number (order, "  ");
  g_assert_false (ow_order_validate (order, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "Order number"));
  g_clear_error (&error);
  ow_order_set_order_number (order, "8123456789");

  ow_order_set_time (order, OW_EVENT_SHIPPED, 1761991000, OW_FACT_USER);
  g_assert_false (ow_order_validate (order, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT);
  g_assert_nonnull (strstr (error->message, "Shipped"));
  g_assert_nonnull (strstr (error->message, "Paid"));
  g_clear_error (&error);
  ow_order_set_time (order, OW_EVENT_SHIPPED, OW_TIME_UNSET, OW_FACT_USER);

  ow_order_set_quantity (order, 0);
  g_assert_false (ow_order_validate (order, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "Quantity"));
  g_clear_error (&error);
  ow_order_set_quantity (order, 2);

  ow_order_set_processing_days (order, -1);
  g_assert_false (ow_order_validate (order, &error));
  g_assert_nonnull (strstr (error->message, "Processing days"));
  g_clear_error (&error);
  ow_order_set_processing_days (order, 7);

  /* Bytes that are not UTF-8, in every text field, by name. */
  {
    static const struct { void (*set) (OwOrder *, const char *); const char *name; } texts[] = {
      { ow_order_set_marketplace, "Marketplace" },
      { ow_order_set_order_number, "Order number" },
      { ow_order_set_item_title, "Item" },
      { ow_order_set_store_name, "Store" },
      { ow_order_set_notes, "Notes" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(OwOrder) copy = ow_order_copy (order);
        g_autofree char *expected = g_strconcat (texts[i].name, ": the text is not valid UTF-8",
                                                 NULL);

        /* A lead byte at the very end: no length may be counted past it. */
        texts[i].set (copy, "Lamp \xf0");
        g_assert_false (ow_order_validate (copy, &error));
        g_assert_nonnull (error);
        g_assert_true (error->domain == OW_INPUT_ERROR);
        g_assert_true (g_str_has_prefix (error->message, expected));
        g_clear_error (&error);
      }
  }
}

static void
test_names_round_trip (void)
{
  for (guint i = 0; i < OW_N_EVENTS; i++)
    {
      OwOrderEvent event;

      g_assert_true (ow_order_event_from_string (ow_order_event_to_string (i), &event));
      g_assert_cmpint (event, ==, i);
      g_assert_nonnull (ow_order_event_label (i));
    }
  for (OwPaymentMethod m = OW_PAYMENT_CARD; m <= OW_PAYMENT_OTHER; m++)
    {
      OwPaymentMethod back;

      g_assert_true (ow_payment_method_from_string (ow_payment_method_to_string (m), &back));
      g_assert_cmpint (back, ==, m);
    }
  for (OwCloseReason r = OW_CLOSE_NONE; r <= OW_CLOSE_OTHER; r++)
    {
      OwCloseReason back;

      g_assert_true (ow_close_reason_from_string (ow_close_reason_to_string (r), &back));
      g_assert_cmpint (back, ==, r);
    }

  {
    OwPaymentMethod m;
    OwOrderEvent e;

    g_assert_true (ow_payment_method_from_string ("PayPal", &m));
    g_assert_cmpint (m, ==, OW_PAYMENT_PAYPAL);
    g_assert_false (ow_payment_method_from_string ("bitcoin", &m));
    g_assert_false (ow_order_event_from_string ("teleported", &e));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/order/defaults", test_defaults);
  g_test_add_func ("/core/order/infer-never-overwrites-user", test_infer_never_overwrites_user);
  g_test_add_func ("/core/order/copy-equal", test_copy_equal);
  g_test_add_func ("/core/order/extension-days", test_extension_days);
  g_test_add_func ("/core/order/validate", test_validate);
  g_test_add_func ("/core/order/names-round-trip", test_names_round_trip);

  return g_test_run ();
}
