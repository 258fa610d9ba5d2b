/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review sheet, as a real window under Xvfb on a real SQLite store: a mailbox dropped on
 * the window is read and reviewed before anything is written ("… orders found: … new, …
 * updated …; 1 mail not understood"); Cancel writes nothing, Import writes the plan and the
 * orders show. Screenshots go to $G_TEST_BUILDDIR/screenshots/. */
#include "config.h"

#include <adwaita.h>

#include "ow-import-review.h"
#include "ow-order-editor.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-store.h"
#include "ow-test-ui.h"
#include "ow-test-util.h"
#include "ow-time.h"
#include "ow-window.h"

typedef struct
{
  OwStore          *store;
  OwPolicyRegistry *policies;
  OwWindow         *window;
  gpointer          weak_window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = ow_test_db_path ("review");
  g_autoptr(OwOrder) typed = ow_order_new ();
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  f->store = ow_store_open (path, &error);
  g_assert_no_error (error);
  /* An order the user typed, which one of the mails is about. */
  ow_order_set_order_number (typed, "8211968327931234");
  ow_order_set_item_title (typed, "USB-C cable (typed)");
  g_assert_true (ow_store_add_order (f->store, typed, &error));
  f->policies = ow_policy_registry_new ();
  f->window = ow_window_new_for_store (NULL, f->store, f->policies);
  f->weak_window = f->window;
  g_object_add_weak_pointer (G_OBJECT (f->window), &f->weak_window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  gtk_window_present (GTK_WINDOW (f->window));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->weak_window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ow_test_wait_until (is_null, &f->weak_window, 5000));
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->policies);
}

/* A file dropped on the window, as the drag and drop machinery hands it over. */
static void
drop_file (Fixture    *f,
           const char *path)
{
  g_assert_true (ow_test_drop_file (GTK_WIDGET (f->window), path));
}

static gboolean
find_review (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (OW_IS_IMPORT_REVIEW (l->data) && gtk_widget_get_visible (l->data))
      {
        *(gpointer *) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
no_review (gpointer data)
{
  gpointer found = NULL;

  return !find_review (&found);
}

static guint
count_orders (Fixture *f)
{
  g_autoptr(GPtrArray) orders = ow_store_list_orders (f->store, NULL);

  return orders->len;
}

static gboolean
is_label_with_prefix (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
has_label_prefix (GtkWidget  *widget,
                  const char *prefix)
{
  return ow_test_find_widget (widget, is_label_with_prefix, prefix) != NULL;
}

static void
test_review_mailbox (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *mbox = g_test_build_filename (G_TEST_DIST, "fixtures", "email", "orders.mbox",
                                                 NULL);
  gpointer review = NULL;
  g_autoptr(OwOrder) merged = NULL;
  g_autoptr(GError) error = NULL;

  /* Dropped: nothing is written yet; the sheet says what would be. */
  drop_file (f, mbox);
  g_assert_true (ow_test_wait_until (find_review, &review, 5000));
  g_assert_cmpstr (ow_import_review_get_summary (review), ==,
                   "2 orders found: 1 new, 1 updated, 0 unchanged; 1 mail not understood");
  g_assert_cmpuint (count_orders (f), ==, 1);
  ow_test_wait_for_draw (review);
  /* Each order by its marketplace's name, as the rest of the window says it. */
  g_assert_true (has_label_prefix (review, "Updated · AliExpress 8211968327931234"));
  g_free (ow_test_screenshot (review, "dialog-import-review"));

  /* Cancel: still nothing written. */
  g_assert_true (gtk_widget_activate_action (review, "window.close", NULL));
  g_assert_true (ow_test_wait_until (no_review, NULL, 5000));
  g_assert_cmpuint (count_orders (f), ==, 1);

  /* Again, and Import: the new order and the filled-in one; the typed item stays. */
  review = NULL;
  drop_file (f, mbox);
  g_assert_true (ow_test_wait_until (find_review, &review, 5000));
  g_assert_true (gtk_widget_activate_action (review, "review.import", NULL));
  g_assert_true (ow_test_wait_until (no_review, NULL, 5000));
  g_assert_cmpuint (count_orders (f), ==, 2);
  merged = ow_store_find_order (f->store, "aliexpress", "8211968327931234", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ow_order_get_item_title (merged), ==, "USB-C cable (typed)");
  g_assert_cmpstr (ow_order_get_store_name (merged), ==, "Cable World Store");
  g_assert_cmpint (ow_order_get_time (merged, OW_EVENT_DELIVERED), !=, OW_TIME_UNSET);
  ow_test_iterate (200);
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-imported-mails"));

  /* A third time: all unchanged, so there is nothing to import. */
  review = NULL;
  drop_file (f, mbox);
  g_assert_true (ow_test_wait_until (find_review, &review, 5000));
  g_assert_cmpstr (ow_import_review_get_summary (review), ==,
                   "2 orders found: 0 new, 0 updated, 2 unchanged; 1 mail not understood");
  /* Disabled: activating it does nothing, and the sheet stays open. */
  gtk_widget_activate_action (review, "review.import", NULL);
  ow_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (review));
  g_assert_cmpuint (count_orders (f), ==, 2);
  gtk_window_destroy (review);
  g_assert_true (ow_test_wait_until (no_review, NULL, 5000));
}

static gboolean
is_scroller (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

/* An exporter's file: "Completed" and "Awaiting shipment" become facts with their dates
 * unknown; the order page says so. */
static void
test_review_exporter (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                "aliexpress-exporter.csv", NULL);
  gpointer review = NULL;
  g_autoptr(OwOrder) merged = NULL;

  drop_file (f, csv);
  g_assert_true (ow_test_wait_until (find_review, &review, 5000));
  g_assert_cmpstr (ow_import_review_get_summary (review), ==,
                   "3 orders found: 2 new, 1 updated, 0 unchanged");
  g_assert_true (gtk_widget_activate_action (review, "review.import", NULL));
  g_assert_true (ow_test_wait_until (no_review, NULL, 5000));
  g_assert_cmpuint (count_orders (f), ==, 3);
  merged = ow_store_find_order (f->store, "aliexpress", "8211968327931234", NULL);
  g_assert_true (ow_order_get_time_undated (merged, OW_EVENT_RECEIVED));
  /* The window shows the updated order: its facts with "Date unknown". */
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, ow_order_get_id (merged));
  ow_test_iterate (300);
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "order-page-date-unknown"));

  /* The editor says which dates are known to have happened without a date; typing one
   * fills it in. */
  {
    GtkWindow *editor = ow_order_editor_new (GTK_WINDOW (f->window), f->store, f->policies,
                                             merged);

    GtkScrolledWindow *scroller;
    GtkAdjustment *adjustment;

    gtk_window_set_default_size (editor, 600, 900);
    gtk_window_present (editor);
    ow_test_wait_for_draw (GTK_WIDGET (editor));
    /* Down to the dates. */
    scroller = GTK_SCROLLED_WINDOW (ow_test_find_widget (GTK_WIDGET (editor), is_scroller,
                                                        NULL));
    g_assert_nonnull (scroller);
    adjustment = gtk_scrolled_window_get_vadjustment (scroller);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.42);
    ow_test_iterate (100);
    ow_test_wait_for_draw (GTK_WIDGET (editor));
    g_free (ow_test_screenshot (GTK_WIDGET (editor), "dialog-edit-date-unknown"));
    gtk_window_destroy (editor);
  }
}

int
main (int   argc,
      char *argv[])
{
  ow_test_ui_init (&argc, &argv);
  g_test_add ("/ui/import-review/mailbox", Fixture, NULL, fixture_set_up, test_review_mailbox,
              fixture_tear_down);
  g_test_add ("/ui/import-review/exporter", Fixture, NULL, fixture_set_up, test_review_exporter,
              fixture_tear_down);
  return g_test_run ();
}
