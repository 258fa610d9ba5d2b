/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order editor and the preferences window, as real windows under Xvfb, on a real
 * SQLite store in a temporary directory. Screenshots go to $G_TEST_BUILDDIR/screenshots/. */
#include "config.h"

#include <adwaita.h>

#include "ow-error.h"
#include "ow-order-editor-private.h"
#include "ow-order-paste.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-preferences-window.h"
#include "ow-reminder-row.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-test-ui.h"
#include "ow-test-util.h"
#include "ow-time.h"

typedef struct
{
  OwStore          *store;
  OwPolicyRegistry *policies;
  gint64            saved_id;
  guint             n_saved;
  gpointer          editor;          /* weak: NULL once the editor is finalized */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = ow_test_db_path ("editor");
  g_autoptr(GError) error = NULL;

  f->store = ow_store_open (path, &error);
  g_assert_no_error (error);
  f->policies = ow_policy_registry_new_for_directory (NULL);
  f->saved_id = 0;
  f->n_saved = 0;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->policies);
}

static void
on_saved_cb (OwOrderEditor *editor,
             gint64         id,
             Fixture       *f)
{
  f->saved_id = id;
  f->n_saved++;
}

static OwOrderEditor *
open_editor (Fixture *f,
             OwOrder *order)
{
  GtkWindow *window = ow_order_editor_new (NULL, f->store, f->policies, order);

  g_assert_true (OW_IS_ORDER_EDITOR (window));
  g_signal_connect (window, "saved", G_CALLBACK (on_saved_cb), f);
  g_assert_null (f->editor);
  f->editor = window;
  g_object_add_weak_pointer (G_OBJECT (window), &f->editor);
  gtk_window_present (window);
  ow_test_wait_for_draw (GTK_WIDGET (window));
  return OW_ORDER_EDITOR (window);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_narrow (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0 && gtk_widget_get_width (widget) <= 360;
}

/* Closes the editor (if Save did not) and checks nothing keeps it alive. */
static void
close_editor (Fixture *f)
{
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  g_assert_true (ow_test_wait_until (is_null, &f->editor, 5000));
}

/* Saves; the editor closes itself and goes away. */
static void
save_and_wait (Fixture       *f,
               OwOrderEditor *editor)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ow_test_wait_until (is_null, &f->editor, 5000));
}

static void
type (OwOrderEditor *editor,
      OwEditorField  field,
      const char    *text)
{
  ow_order_editor_set_field_text (editor, field, text);
  ow_test_iterate (1);
}

static gboolean
save_enabled (OwOrderEditor *editor)
{
  return gtk_widget_get_sensitive (editor->save_button);
}

static gboolean
has_style (OwOrderEditor *editor,
           OwEditorField  field,
           const char    *style)
{
  return gtk_widget_has_css_class (editor->fields[field].styled, style);
}

static guint
count_orders (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_store_list_orders (f->store, &error);

  g_assert_no_error (error);
  return orders->len;
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "paste", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* ---- New orders ---- */

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autofree char *shot = NULL;

  /* Empty: nothing red yet, but nothing to save either. */
  g_assert_false (save_enabled (editor));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->order_message)));
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-empty"));

  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "8181234567890123");
  g_assert_true (save_enabled (editor));

  /* A bad amount: the field and its group say so, and Save goes off. */
  type (editor, OW_EDITOR_FIELD_AMOUNT, "4.9.9");
  g_assert_false (save_enabled (editor));
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_AMOUNT, "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->payment_message)));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->payment_message), "4.9.9"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (editor->amount_row), ==,
                   gtk_label_get_text (editor->payment_message));
  shot = ow_test_screenshot (GTK_WIDGET (editor), "editor-error");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  type (editor, OW_EDITOR_FIELD_AMOUNT, "4,99");
  g_assert_true (save_enabled (editor));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_AMOUNT, "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->payment_message)));

  /* Dates: not a date; then out of order (the later event is the one marked). */
  type (editor, OW_EDITOR_FIELD_PAID, "yesterday-ish");
  g_assert_false (save_enabled (editor));
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_PAID, "error"));
  type (editor, OW_EDITOR_FIELD_PAID, "2026-01-10 10:00");
  type (editor, OW_EDITOR_FIELD_SHIPPED, "2026-01-05");
  g_assert_false (save_enabled (editor));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_PAID, "error"));
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_SHIPPED, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->dates_message), "before"));
  type (editor, OW_EDITOR_FIELD_SHIPPED, "Jan 12, 2026");
  g_assert_true (save_enabled (editor));

  /* Days 1 to 365, a tracking number with a wrong S10 check digit. */
  type (editor, OW_EDITOR_FIELD_PROCESSING, "0");
  g_assert_false (save_enabled (editor));
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_PROCESSING, "error"));
  type (editor, OW_EDITOR_FIELD_PROCESSING, "12");
  type (editor, OW_EDITOR_FIELD_TRACKING, "RR123456784CN");
  g_assert_false (save_enabled (editor));
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_TRACKING, "error"));
  type (editor, OW_EDITOR_FIELD_TRACKING, "RR123456785CN");
  g_assert_true (save_enabled (editor));

  /* Clearing the required field turns it red now that the user has been there. */
  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "");
  g_assert_false (save_enabled (editor));
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "error"));

  close_editor (f);
  g_assert_cmpuint (count_orders (f), ==, 0);
  g_assert_cmpuint (f->n_saved, ==, 0);
}

static void
test_save_new (Fixture       *f,
               gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) placed = NULL;

  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "  8181000011112222 ");
  type (editor, OW_EDITOR_FIELD_ITEM, "USB-C cable 2 m");
  type (editor, OW_EDITOR_FIELD_STORE, "TechWorld Official Store");
  type (editor, OW_EDITOR_FIELD_AMOUNT, "12.5");
  gtk_drop_down_set_selected (editor->currency_dropdown, 1);   /* EUR */
  gtk_spin_button_set_value (editor->quantity_spin, 3);
  adw_combo_row_set_selected (editor->payment_row, OW_PAYMENT_PAYPAL);
  type (editor, OW_EDITOR_FIELD_PLACED, "2026-01-03 09:30");
  type (editor, OW_EDITOR_FIELD_PAID, "2026-01-03 09:31");
  type (editor, OW_EDITOR_FIELD_PROCESSING, "7");
  type (editor, OW_EDITOR_FIELD_DELIVERY, "75");
  type (editor, OW_EDITOR_FIELD_TRACKING, "lp00123456789012");
  type (editor, OW_EDITOR_FIELD_NOTES, "Gift for Ana");
  g_assert_true (save_enabled (editor));

  save_and_wait (f, editor);

  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (f->saved_id, >, 0);
  order = ow_store_get_order (f->store, f->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ow_order_get_marketplace (order), ==, "aliexpress");
  g_assert_cmpstr (ow_order_get_order_number (order), ==, "8181000011112222");
  g_assert_cmpstr (ow_order_get_item_title (order), ==, "USB-C cable 2 m");
  g_assert_cmpstr (ow_order_get_store_name (order), ==, "TechWorld Official Store");
  g_assert_cmpint (ow_order_get_amount (order), ==, 1250);
  g_assert_cmpstr (ow_order_get_currency (order), ==, "EUR");
  g_assert_cmpint (ow_order_get_quantity (order), ==, 3);
  g_assert_cmpint (ow_order_get_payment_method (order), ==, OW_PAYMENT_PAYPAL);
  g_assert_cmpint (ow_order_get_processing_days (order), ==, 7);
  g_assert_cmpint (ow_order_get_delivery_days (order), ==, 75);
  g_assert_cmpstr (ow_order_get_notes (order), ==, "Gift for Ana");

  /* Dates are typed in the user's zone and stored as the user's facts. */
  placed = g_date_time_new_local (2026, 1, 3, 9, 30, 0);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_PLACED), ==, g_date_time_to_unix (placed));
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_PLACED), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_PAID), ==,
                   g_date_time_to_unix (placed) + 60);
  g_assert_cmpint (ow_order_get_time_source (order, OW_EVENT_PAID), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_SHIPPED), ==, OW_TIME_UNSET);

  /* The tracking number went in with the order, normalized. */
  parcels = ow_store_list_parcels (f->store, f->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parcels->len, ==, 1);
  g_assert_cmpstr (ow_parcel_get_tracking_number (parcels->pdata[0]), ==, "LP00123456789012");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OwOrder) existing = ow_order_new ();
  g_autoptr(GError) error = NULL;
  OwOrderEditor *editor;

  ow_order_set_order_number (existing, "5000111122223333");
  g_assert_true (ow_store_add_order (f->store, existing, &error));
  g_assert_no_error (error);

  editor = open_editor (f, NULL);
  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "5000111122223333");
  type (editor, OW_EDITOR_FIELD_TRACKING, "LP00999988887777");
  g_assert_true (save_enabled (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  ow_test_iterate (1);

  /* The store's answer sits on the order number; nothing was written, not even the parcel. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->order_message), "5000111122223333"));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->order_message), "AliExpress"));
  g_assert_false (save_enabled (editor));
  g_assert_cmpuint (count_orders (f), ==, 1);
  {
    g_autoptr(GPtrArray) parcels = ow_store_list_parcels (f->store, ow_order_get_id (existing),
                                                          &error);

    g_assert_no_error (error);
    g_assert_cmpuint (parcels->len, ==, 0);
  }
  ow_test_iterate (500);     /* the focus moved to the field: let its animation end */
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-duplicate"));

  /* Another number clears the store's complaint and saves. */
  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "5000111122224444");
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "error"));
  g_assert_true (save_enabled (editor));
  save_and_wait (f, editor);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpuint (count_orders (f), ==, 2);
}

/* ---- Paste ---- */

static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autofree char *text = read_fixture ("01-desktop-en.txt");
  g_autofree char *value = NULL;
  GtkTextBuffer *buffer;

  /* Through the UI: open the paste area, paste, Fill In. */
  gtk_widget_activate (editor->paste_row);
  g_assert_true (gtk_revealer_get_reveal_child (editor->paste_revealer));
  buffer = gtk_text_view_get_buffer (editor->paste_view);
  gtk_text_buffer_set_text (buffer, text, -1);
  ow_test_iterate (400);     /* the revealer's slide */
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-paste-open"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.fill", NULL));
  ow_test_iterate (1);

  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_ORDER_NUMBER);
  g_assert_cmpstr (value, ==, "8181234567890123");
  g_clear_pointer (&value, g_free);
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_STORE);
  g_assert_cmpstr (value, ==, "TechWorld Official Store");
  g_clear_pointer (&value, g_free);
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_AMOUNT);
  g_assert_cmpstr (value, ==, "4.99");
  g_clear_pointer (&value, g_free);
  g_assert_cmpstr (ow_order_editor_get_currency (editor), ==, "USD");
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_TRACKING);
  g_assert_cmpstr (value, ==, "LP00123456789012");
  g_clear_pointer (&value, g_free);
  /* The page's times are read in the user's zone and shown back the same way. */
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_PLACED);
  g_assert_cmpstr (value, ==, "2026-11-01 10:00");
  g_clear_pointer (&value, g_free);
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_PAID);
  g_assert_cmpstr (value, ==, "2026-11-01 10:03");
  g_clear_pointer (&value, g_free);

  /* Not on that page though it shipped: the shipment date, highlighted; the delivery has
   * not happened, so it is not; found ones are not either. */
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_SHIPPED, "warning"));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_DELIVERED, "warning"));
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_ITEM);
  g_assert_cmpstr (value, ==, "USB-C to USB-C Cable 2m 60W 3A Fast Charging Data Cord");
  g_clear_pointer (&value, g_free);
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_PAID, "warning"));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_STORE, "warning"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->paste_status)));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->paste_status), "shipped date"));
  g_assert_false (gtk_revealer_get_reveal_child (editor->paste_revealer));
  g_assert_true (save_enabled (editor));
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-after-paste"));

  /* Typing into a highlighted field ends its highlight. */
  type (editor, OW_EDITOR_FIELD_SHIPPED, "2026-11-03");
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_SHIPPED, "warning"));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_DELIVERED, "warning"));

  /* A second, thinner paste: what it lacks but the form has stays, unhighlighted. */
  g_clear_pointer (&text, g_free);
  text = read_fixture ("07-partial.txt");
  g_assert_cmpuint (ow_order_editor_fill_from_text (editor, text), ==,
                    OW_PASTE_ORDER_NUMBER | OW_PASTE_TRACKING);
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_ORDER_NUMBER);
  g_assert_cmpstr (value, ==, "8123400000000001");
  g_clear_pointer (&value, g_free);
  value = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_STORE);
  g_assert_cmpstr (value, ==, "TechWorld Official Store");
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_STORE, "warning"));
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_DELIVERED, "warning"));

  /* Text with no order in it says so and changes nothing. */
  g_assert_cmpuint (ow_order_editor_fill_from_text (editor, "Hello\nthanks"), ==, 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor->paste_status), "warning"));
  close_editor (f);
}

static void
test_paste_missing_on_empty_form (Fixture       *f,
                                  gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autofree char *text = read_fixture ("07-partial.txt");

  ow_order_editor_fill_from_text (editor, text);
  for (int field = 0; field < OW_EDITOR_N_FIELDS; field++)
    {
      /* A tracking number says it shipped: the shipment date is missing, the delivery is
       * not (it may not have happened). */
      gboolean expect = field == OW_EDITOR_FIELD_STORE || field == OW_EDITOR_FIELD_AMOUNT ||
                        field == OW_EDITOR_FIELD_ITEM ||
                        (field >= OW_EDITOR_FIELD_PLACED && field <= OW_EDITOR_FIELD_SHIPPED);

      g_test_message ("field %d", field);
      g_assert_cmpint (has_style (editor, field, "warning"), ==, expect);
    }
  close_editor (f);
}

/* A real AliExpress desktop copy: the copy button glued to the number, the store without a
 * label, the item under it, "Processing time: 5 days"; the order is on its way. */
static void
test_paste_aliexpress_copy (Fixture       *f,
                            gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autofree char *text = read_fixture ("11-desktop-copy-button.txt");
  struct { OwEditorField field; const char *value; } want[] = {
    { OW_EDITOR_FIELD_ORDER_NUMBER, "3041234567890123" },
    { OW_EDITOR_FIELD_STORE, "BlitzWolf Official Store" },
    { OW_EDITOR_FIELD_ITEM,
      "Wireless Earbuds Bluetooth 5.3 Noise Cancelling Headphones with Charging Case" },
    { OW_EDITOR_FIELD_AMOUNT, "18.99" },
    { OW_EDITOR_FIELD_PROCESSING, "5" },
    { OW_EDITOR_FIELD_TRACKING, "LP00234567890123" },
  };

  ow_order_editor_fill_from_text (editor, text);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *value = ow_order_editor_get_field_text (editor, want[i].field);

      g_assert_cmpstr (value, ==, want[i].value);
      g_assert_false (has_style (editor, want[i].field, "warning"));
      g_assert_false (has_style (editor, want[i].field, "error"));
    }
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_DELIVERED, "warning"));
  g_assert_null (strstr (gtk_label_get_text (editor->paste_status), "delivered"));
  g_assert_true (save_enabled (editor));
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-after-aliexpress-copy"));

  /* With the button's word still on, the marketplace's pattern refuses the number. */
  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "3041234567890123Copy");
  g_assert_true (has_style (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (editor->order_message), "digits only"));
  g_assert_false (save_enabled (editor));
  close_editor (f);
}

/* ---- Editing ---- */

static void
test_edit_keeps_inferred (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(OwOrder) stored = NULL;
  g_autoptr(GError) error = NULL;
  OwOrderEditor *editor;
  gint64 paid = 1767225600 + 37;          /* 2026-01-01, with seconds the form does not show */
  gint64 shipped = paid + 3 * 86400 + 11;

  ow_order_set_order_number (order, "8000000000000001");
  ow_order_set_time (order, OW_EVENT_PAID, paid, OW_FACT_USER);
  g_assert_true (ow_order_infer_time (order, OW_EVENT_SHIPPED, shipped));
  ow_order_set_amount (order, 499);
  g_assert_true (ow_store_add_order (f->store, order, &error));
  g_assert_no_error (error);

  editor = open_editor (f, order);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Order");
  g_assert_true (save_enabled (editor));
  type (editor, OW_EDITOR_FIELD_NOTES, "Asked the seller for an update");
  save_and_wait (f, editor);

  g_assert_cmpint (f->saved_id, ==, ow_order_get_id (order));
  stored = ow_store_get_order (f->store, ow_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ow_order_get_notes (stored), ==, "Asked the seller for an update");
  g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_PAID), ==, paid);
  g_assert_cmpint (ow_order_get_time_source (stored, OW_EVENT_PAID), ==, OW_FACT_USER);
  g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_SHIPPED), ==, shipped);
  g_assert_cmpint (ow_order_get_time_source (stored, OW_EVENT_SHIPPED), ==, OW_FACT_INFERRED);
  g_assert_cmpint (ow_order_get_amount (stored), ==, 499);
  g_assert_cmpint (count_orders (f), ==, 1);

  /* Changing the inferred date makes it the user's. */
  editor = open_editor (f, stored);
  type (editor, OW_EDITOR_FIELD_SHIPPED, "2026-01-05 08:00");
  save_and_wait (f, editor);
  g_clear_object (&stored);
  stored = ow_store_get_order (f->store, ow_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_order_get_time_source (stored, OW_EVENT_SHIPPED), ==, OW_FACT_USER);
  {
    g_autoptr(GDateTime) local = g_date_time_new_local (2026, 1, 5, 8, 0, 0);

    g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_SHIPPED), ==,
                     g_date_time_to_unix (local));
  }
}

static void
test_marketplace_defaults (Fixture       *f,
                           gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autoptr(GPtrArray) policies = ow_policy_registry_list (f->policies);

  g_assert_cmpuint (policies->len, >=, 2);
  type (editor, OW_EDITOR_FIELD_DELIVERY, "60");
  for (guint i = 0; i < policies->len; i++)
    {
      OwPolicy *policy = policies->pdata[i];
      int default_processing = ow_policy_get_default_processing_days (policy);
      g_autofree char *processing = g_strdup_printf ("%d", default_processing);
      g_autofree char *delivery = g_strdup_printf ("%d",
                                                   ow_policy_get_default_delivery_days (policy));
      g_autofree char *typed = NULL;

      adw_combo_row_set_selected (editor->marketplace_row, i);
      ow_test_iterate (1);
      g_assert_cmpstr (gtk_entry_get_placeholder_text (editor->processing_entry), ==, processing);
      g_assert_cmpstr (gtk_entry_get_placeholder_text (editor->delivery_entry), ==, delivery);
      /* The user's value stays. */
      typed = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_DELIVERY);
      g_assert_cmpstr (typed, ==, "60");
    }
  close_editor (f);
}

/* The calendar beside a date field reads the field when it opens and writes it back. */
static void
test_date_picker (Fixture       *f,
                  gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  OwEditorDatePicker *picker = &editor->pickers[OW_EDITOR_FIELD_PAID - OW_EDITOR_FIELD_PLACED];
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (picker->calendar), GTK_TYPE_POPOVER);
  GtkWidget *button = gtk_widget_get_ancestor (popover, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) shown = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (button);
  type (editor, OW_EDITOR_FIELD_PAID, "Nov 3, 2026 14:45");
  /* As a user would reach it: the field in sight first (the form scrolls to the focus). */
  gtk_widget_grab_focus (editor->fields[OW_EDITOR_FIELD_PAID].input);
  ow_test_wait_for_draw (GTK_WIDGET (editor));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ow_test_iterate (300);
  g_assert_true (gtk_widget_get_visible (popover));
  shown = gtk_calendar_get_date (picker->calendar);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 11);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (picker->hour), ==, 14);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (picker->minute), ==, 45);
  /* Opening alone changes nothing. */
  text = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_PAID);
  g_assert_cmpstr (text, ==, "Nov 3, 2026 14:45");
  g_free (ow_test_screenshot (popover, "editor-calendar"));

  day = g_date_time_new_local (2026, 11, 5, 0, 0, 0);
  gtk_calendar_select_day (picker->calendar, day);
  g_clear_pointer (&text, g_free);
  text = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_PAID);
  g_assert_cmpstr (text, ==, "2026-11-05 14:45");
  gtk_spin_button_set_value (picker->minute, 5);
  g_clear_pointer (&text, g_free);
  text = ow_order_editor_get_field_text (editor, OW_EDITOR_FIELD_PAID);
  g_assert_cmpstr (text, ==, "2026-11-05 14:05");
  g_assert_false (has_style (editor, OW_EDITOR_FIELD_PAID, "error"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  close_editor (f);
}

static gboolean
find_message_dialog (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        *(gpointer *) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
no_message_dialog (gpointer data)
{
  gpointer found = NULL;

  return !find_message_dialog (&found);
}

/* Over a 360-pixel window the editor fits it, opens with the keyboard in the order number,
 * closes with Escape when nothing was typed, and asks before Escape discards a form the
 * user filled in. */
static void
test_escape_and_fit (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *parent = gtk_window_new ();
  gpointer weak_parent = parent;
  GtkWindow *editor;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *focus;

  g_object_add_weak_pointer (G_OBJECT (parent), &weak_parent);
  gtk_window_set_default_size (GTK_WINDOW (parent), 360, 640);
  gtk_window_present (GTK_WINDOW (parent));
  ow_test_wait_for_draw (parent);

  editor = ow_order_editor_new (GTK_WINDOW (parent), f->store, f->policies, NULL);
  f->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &f->editor);
  gtk_window_present (editor);
  ow_test_wait_for_draw (GTK_WIDGET (editor));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), <=, 360);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (editor)), <=, 640);
  focus = gtk_window_get_focus (editor);
  g_assert_nonnull (focus);
  g_assert_true (focus == OW_ORDER_EDITOR (editor)->order_number_row ||
                 gtk_widget_is_ancestor (focus, OW_ORDER_EDITOR (editor)->order_number_row));
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-360"));

  /* Nothing typed: Escape just closes it. */
  ow_test_press_key (GTK_WIDGET (editor), GDK_KEY_Escape, 0);
  g_assert_true (ow_test_wait_until (is_null, &f->editor, 5000));
  g_assert_true (no_message_dialog (NULL));

  /* Typed into: Escape asks; Keep Editing keeps it, Discard closes it and saves nothing. */
  editor = ow_order_editor_new (GTK_WINDOW (parent), f->store, f->policies, NULL);
  f->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &f->editor);
  gtk_window_present (editor);
  ow_test_wait_for_draw (GTK_WIDGET (editor));
  ow_test_type_text (GTK_WIDGET (editor), "8123456789");
  {
    g_autofree char *typed = ow_order_editor_get_field_text (OW_ORDER_EDITOR (editor),
                                                             OW_EDITOR_FIELD_ORDER_NUMBER);

    g_assert_cmpstr (typed, ==, "8123456789");
  }
  ow_test_press_key (GTK_WIDGET (editor), GDK_KEY_Escape, 0);
  g_assert_true (ow_test_wait_until (find_message_dialog, &dialog, 5000));
  g_assert_nonnull (f->editor);
  g_free (ow_test_screenshot (GTK_WIDGET (dialog), "dialog-discard-order"));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ow_test_wait_until (no_message_dialog, NULL, 5000));
  ow_test_iterate (100);
  g_assert_nonnull (f->editor);

  dialog = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  g_assert_true (ow_test_wait_until (find_message_dialog, &dialog, 5000));
  adw_message_dialog_response (dialog, "discard");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ow_test_wait_until (is_null, &f->editor, 5000));
  g_assert_cmpuint (count_orders (f), ==, 0);
  g_assert_cmpuint (f->n_saved, ==, 0);

  gtk_window_destroy (GTK_WINDOW (parent));
  g_assert_true (ow_test_wait_until (is_null, &weak_parent, 5000));
}

/* A date without a time is midnight in the marketplace's zone, as on the command line, and
 * the form says so; a date with a time is the user's. */
static void
test_bare_date (Fixture       *f,
                gconstpointer  data)
{
  OwOrderEditor *editor = open_editor (f, NULL);
  g_autoptr(OwOrder) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected = 0;

  g_assert_nonnull (strstr (adw_preferences_group_get_description (
                              ADW_PREFERENCES_GROUP (editor->dates_group)),
                            "America/Los_Angeles"));
  type (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "8123456789");
  type (editor, OW_EDITOR_FIELD_PAID, "2026-11-01");
  type (editor, OW_EDITOR_FIELD_PLACED, "2026-10-31 23:00");
  g_assert_true (save_enabled (editor));
  save_and_wait (f, editor);

  saved = ow_store_get_order (f->store, f->saved_id, &error);
  g_assert_no_error (error);
  /* What "orderwatch add --paid 2026-11-01" stores for AliExpress. */
  g_assert_true (ow_time_parse ("2026-11-01",
                                ow_policy_get_time_zone (ow_policy_registry_lookup (f->policies,
                                                                                    "aliexpress")),
                                "paid", &expected, &error));
  g_assert_cmpint (ow_order_get_time (saved, OW_EVENT_PAID), ==, expected);
  g_assert_cmpint (expected, ==, 1793516400);   /* 2026-11-01T07:00:00Z, midnight PDT */
  {
    g_autoptr(GDateTime) local = g_date_time_new_local (2026, 10, 31, 23, 0, 0);

    g_assert_cmpint (ow_order_get_time (saved, OW_EVENT_PLACED), ==,
                     g_date_time_to_unix (local));
  }
}

/* ---- Looks ---- */

static void
test_narrow_and_dark (Fixture       *f,
                      gconstpointer  data)
{
  OwOrderEditor *editor;
  g_autofree char *text = read_fixture ("08-pst-ampm.txt");

  editor = open_editor (f, NULL);
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 720);
  ow_order_editor_fill_from_text (editor, text);
  type (editor, OW_EDITOR_FIELD_AMOUNT, "9,9,8");
  g_assert_true (ow_test_wait_until (is_narrow, editor, 10000));
  ow_test_iterate (300);
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-narrow"));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (editor), 600, 900);
  ow_test_iterate (100);
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-dark"));

  /* The lower half of the form. */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (editor->scroller);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    ow_test_iterate (100);
    g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-dark-bottom"));
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_LIGHT);
    ow_test_iterate (100);
    g_free (ow_test_screenshot (GTK_WIDGET (editor), "editor-bottom"));
  }
  close_editor (f);
}

/* ---- Preferences ---- */

static gboolean
keyring_answered (gpointer data)
{
  return !g_str_equal (gtk_label_get_text (data), "Looking in the keyring…");
}

/* The settings hold @want (minutes, -1 at the end) for @rule_id. */
static void
assert_offsets (GSettings    *settings,
                const char   *rule_id,
                const gint32 *want)
{
  g_autoptr(GVariant) offsets = g_settings_get_value (settings, "reminder-offsets");
  g_autoptr(GVariant) list = g_variant_lookup_value (offsets, rule_id, G_VARIANT_TYPE ("ai"));
  const gint32 *minutes;
  gsize n = 0, n_want = 0;

  g_assert_nonnull (list);
  minutes = g_variant_get_fixed_array (list, &n, sizeof (gint32));
  while (want[n_want] >= 0)
    n_want++;
  g_assert_cmpuint (n, ==, n_want);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (minutes[i], ==, want[i]);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GVariant) offsets = NULL;
  g_autoptr(GVariant) ship_by = NULL;
  GtkWindow *window = ow_preferences_window_new (NULL);
  GtkWidget *ship, *refund, *spin, *url;
  g_autofree char *stored = NULL;
  gpointer weak = window;
  g_assert_true (OW_IS_PREFERENCES_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_present (window);
  ow_test_wait_for_draw (GTK_WIDGET (window));
  g_free (ow_test_screenshot (GTK_WIDGET (window), "preferences-general"));

  /* Switches are bound both ways. */
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gtk_widget_get_template_child (
    GTK_WIDGET (window), OW_TYPE_PREFERENCES_WINDOW, "background_switch"))));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "reminders");
  ship = ow_test_find_named (GTK_WIDGET (window), "reminder-ship_by");
  refund = ow_test_find_named (GTK_WIDGET (window), "reminder-refund_due");
  g_assert_true (OW_IS_REMINDER_ROW (ship));
  g_assert_true (OW_IS_REMINDER_ROW (refund));
  /* At first the marketplace's usual times, said in words; nothing typed. */
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (ship)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (ship)), ==,
                   "Usual times: 2 days, 1 day before");
  g_assert_null (ow_test_find_named (GTK_WIDGET (window), "offsets_entry"));

  /* Switched on, the usual times become the user's to change: clicks, not typing. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (ship), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ship), TRUE);
  assert_offsets (settings, "ship_by", (const gint32[]) { 2880, 1440, -1 });
  gtk_widget_activate (ow_test_find_named (ship, "reminder-ship_by-10080"));
  gtk_widget_activate (ow_test_find_named (ship, "reminder-ship_by-360"));
  gtk_widget_activate (ow_test_find_named (ship, "reminder-ship_by-2880"));
  assert_offsets (settings, "ship_by", (const gint32[]) { 10080, 1440, 360, -1 });
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (ship)), ==,
                   "7 days, 1 day, 6 hours before");
  ow_test_iterate (300);
  g_free (ow_test_screenshot (GTK_WIDGET (window), "preferences-reminders"));

  /* None at all is a choice too; switched off, the usual times are back. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (refund), TRUE);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    ow_reminder_row_get_choice (OW_REMINDER_ROW (refund), 14 * 1440))) == FALSE);
  assert_offsets (settings, "refund_due", (const gint32[]) { -1 });
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (refund)), ==, "No reminder");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (ship), FALSE);
  g_clear_pointer (&offsets, g_variant_unref);
  offsets = g_settings_get_value (settings, "reminder-offsets");
  g_clear_pointer (&ship_by, g_variant_unref);
  ship_by = g_variant_lookup_value (offsets, "ship_by", NULL);
  g_assert_null (ship_by);

  /* A change from elsewhere shows, with a time the list did not offer. */
  g_settings_set_value (settings, "reminder-offsets",
                        g_variant_new_parsed ("{'dispute_closes': [2880, 90]}"));
  {
    GtkWidget *closes = ow_test_find_named (GTK_WIDGET (window), "reminder-dispute_closes");

    g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (closes)));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
      ow_reminder_row_get_choice (OW_REMINDER_ROW (closes), 90))));
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (closes)), ==,
                     "2 days, 1 hour 30 minutes before");
  }
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (refund)));

  /* Quiet hours in minutes after midnight, shown as a time. */
  g_settings_set_boolean (settings, "quiet-hours-enabled", TRUE);
  g_settings_set_int (settings, "quiet-hours-start", 23 * 60);
  spin = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window),
                                                      OW_TYPE_PREFERENCES_WINDOW,
                                                      "quiet_start_spin");
  ow_test_iterate (1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "23:00");
  gtk_editable_set_text (GTK_EDITABLE (spin), "6:30");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpint (g_settings_get_int (settings, "quiet-hours-start"), ==, 6 * 60 + 30);
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment;

    g_assert_nonnull (scroller);
    ow_test_iterate (300);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    ow_test_iterate (100);
  }
  g_free (ow_test_screenshot (GTK_WIDGET (window), "preferences-reminders-quiet"));

  /* Base URLs: a good one is written, a bad one is not. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "tracking");
  url = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window),
                                                     OW_TYPE_PREFERENCES_WINDOW,
                                                     "seventeen_url_row");
  /* What the keyring said, in words: no D-Bus error names, whether it is there or not. */
  {
    GtkLabel *status = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                 OW_TYPE_PREFERENCES_WINDOW,
                                                                 "key_status"));

    g_assert_true (ow_test_wait_until (keyring_answered, status, 10000));
    g_test_message ("key status: %s", gtk_label_get_text (status));
    g_assert_null (strstr (gtk_label_get_text (status), "org.freedesktop"));
    g_assert_null (strstr (gtk_label_get_text (status), ".service"));
  }
  /* The service addresses are folded away under "Advanced". */
  {
    GtkWidget *advanced = gtk_widget_get_ancestor (url, ADW_TYPE_EXPANDER_ROW);

    g_assert_nonnull (advanced);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (advanced)), ==,
                     "_Advanced");
    g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (advanced)));
    g_free (ow_test_screenshot (GTK_WIDGET (window), "preferences-tracking-folded"));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (advanced), TRUE);
    ow_test_iterate (300);
  }
  gtk_editable_set_text (GTK_EDITABLE (url), "http://127.0.0.1:8080");
  stored = g_settings_get_string (settings, "seventeen-track-url");
  g_assert_cmpstr (stored, ==, "http://127.0.0.1:8080");
  gtk_editable_set_text (GTK_EDITABLE (url), "not a url");
  g_assert_true (gtk_widget_has_css_class (url, "error"));
  g_free (stored);
  stored = g_settings_get_string (settings, "seventeen-track-url");
  g_assert_cmpstr (stored, ==, "http://127.0.0.1:8080");
  g_free (ow_test_screenshot (GTK_WIDGET (window), "preferences-tracking"));
  gtk_editable_set_text (GTK_EDITABLE (url), "https://api.17track.net");

  gtk_window_set_default_size (window, 360, 700);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "reminders");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ow_test_wait_until (is_narrow, window, 10000));
  /* The narrow layout swaps the view switcher for a bottom bar: let it settle. */
  ow_test_wait_for_draw (GTK_WIDGET (window));
  ow_test_iterate (500);
  g_free (ow_test_screenshot (GTK_WIDGET (window), "preferences-narrow-dark"));

  gtk_window_destroy (window);
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  /* The system's data directories, read before the test isolates its own (from the
   * environment: GLib's cached copy would be dropped by the isolation). */
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) system_dirs = g_strsplit (data_dirs && *data_dirs ? data_dirs
                                                                  : "/usr/local/share:/usr/share",
                                          ":", -1);
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  GtkIconTheme *icons;

  /* Icons (SVG) are recognised through the MIME database: keep the system's one while the
   * test's own directories are isolated. */
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  /* The screenshots show the real icon theme, from the system's data directories. */
  icons = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icons, dir);
    }

  /* What AdwApplication would load for the app. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/editor/new/validation", test_validation);
  ADD ("/ui/editor/new/save", test_save_new);
  ADD ("/ui/editor/new/duplicate", test_duplicate);
  ADD ("/ui/editor/paste/fill", test_paste);
  ADD ("/ui/editor/paste/missing", test_paste_missing_on_empty_form);
  ADD ("/ui/editor/paste/aliexpress-copy", test_paste_aliexpress_copy);
  ADD ("/ui/editor/edit/keeps-inferred", test_edit_keeps_inferred);
  ADD ("/ui/editor/marketplace-defaults", test_marketplace_defaults);
  ADD ("/ui/editor/date-picker", test_date_picker);
  ADD ("/ui/editor/looks", test_narrow_and_dark);
  ADD ("/ui/editor/escape-and-fit", test_escape_and_fit);
  ADD ("/ui/editor/bare-date", test_bare_date);
  ADD ("/ui/preferences/settings", test_preferences);
#undef ADD

  return g_test_run ();
}
