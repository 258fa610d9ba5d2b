/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window, as a real window under Xvfb, on a real SQLite store of 200 orders in a
 * temporary directory: tabs, search, the detail page, adding an order, confirming
 * receipt, delete and undo, the narrow layout and the dark style. Screenshots go to
 * $G_TEST_BUILDDIR/screenshots/. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ow-countdown-clock.h"
#include "ow-deadline-row.h"
#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-order-detail.h"
#include "ow-order-editor-private.h"
#include "ow-order-list.h"
#include "ow-order-row.h"
#include "ow-application.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-test-server.h"
#include "ow-test-ui.h"
#include "ow-test-util.h"
#include "ow-time.h"
#include "ow-timeline.h"
#include "ow-view-row.h"
#include "ow-window.h"

#define N_ORDERS 200

typedef struct
{
  OwStore          *store;
  OwPolicyRegistry *policies;
  OwWindow         *window;
  gpointer          weak_window;
  gint64            now;
} Fixture;

static void
open_window (Fixture *f,
             int      width,
             int      height)
{
  f->window = ow_window_new_for_store (NULL, f->store, f->policies);
  f->weak_window = f->window;
  g_object_add_weak_pointer (G_OBJECT (f->window), &f->weak_window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = ow_test_db_path ("window");
  guint n = GPOINTER_TO_UINT (data);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  f->now = ow_time_now ();
  f->store = ow_test_store_new_seeded (path, n, f->now);
  f->policies = ow_policy_registry_new ();
  open_window (f, 1200, 780);
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

typedef struct
{
  OwOrderList *list;
  const char  *text;
} SearchWait;

static gboolean
search_is (gpointer data)
{
  SearchWait *wait = data;

  return g_strcmp0 (ow_order_list_get_search (wait->list), wait->text) == 0;
}

/* The entry's search-changed comes after a short delay. */
static gboolean
wait_for_search (OwOrderList *list,
                           const char  *text,
                           guint        timeout_ms)
{
  SearchWait wait = { list, text };

  return ow_test_wait_until (search_is, &wait, timeout_ms);
}

/* The rows the list view made and bound (the visible ones and a few more). */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (OW_IS_ORDER_ROW (widget))
    {
      if (ow_order_row_get_order (OW_ORDER_ROW (widget)) != NULL)
        g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
filter_matches (OwOrderList   *list,
                OwOrder       *order,
                OwOrderFilter  filter)
{
  const OwDeadlineSet *set = ow_order_list_get_deadlines (list, order);

  g_assert_nonnull (set);
  switch (filter)
    {
    case OW_FILTER_ALL:
      return TRUE;
    case OW_FILTER_ARCHIVED:
      return ow_order_get_archived (order);
    case OW_FILTER_NEEDS_ACTION:
      return !ow_order_get_archived (order) && set->needs_action;
    case OW_FILTER_AWAITING_PAYMENT:
    case OW_FILTER_AWAITING_SHIPMENT:
    case OW_FILTER_AWAITING_DELIVERY:
    case OW_FILTER_DISPUTES:
    case OW_FILTER_COMPLETED:
    case OW_FILTER_CLOSED:
      return !ow_order_get_archived (order) &&
             (OwOrderFilter) (OW_FILTER_AWAITING_PAYMENT + set->status) == filter;
    case OW_N_FILTERS:
    default:
      g_assert_not_reached ();
    }
}

static void
test_tabs (Fixture       *f,
           gconstpointer  data)
{
  OwOrderList *list = ow_window_get_order_list (f->window);
  GListModel *visible = ow_window_get_visible_orders (f->window);
  guint status_sum = 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *shot = NULL;

  /* The seeded orders cover every tab. */
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, N_ORDERS);
  for (OwOrderFilter filter = 0; filter < OW_N_FILTERS; filter++)
    {
      guint count = ow_window_get_view_count (f->window, filter);

      ow_window_set_filter (f->window, filter);
      g_assert_cmpint (ow_window_get_filter (f->window), ==, filter);
      g_assert_cmpuint (count, ==, ow_order_list_get_count (list, filter));
      g_assert_cmpuint (count, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (visible), ==, count);
      g_assert_cmpstr (ow_window_get_list_page (f->window), ==, "list");

      for (guint i = 0; i < count; i++)
        {
          g_autoptr(OwOrder) order = g_list_model_get_item (visible, i);

          g_assert_true (filter_matches (list, order, filter));
        }
      if (filter >= OW_FILTER_AWAITING_PAYMENT && filter <= OW_FILTER_CLOSED)
        status_sum += count;
    }
  g_assert_cmpuint (status_sum + ow_window_get_view_count (f->window, OW_FILTER_ARCHIVED), ==,
                    N_ORDERS);

  /* Needs action: sorted by urgency, every row shows a countdown in words. */
  ow_window_set_filter (f->window, OW_FILTER_NEEDS_ACTION);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  collect_rows (GTK_WIDGET (ow_window_get_list_view (f->window)), rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *countdown = ow_order_row_get_countdown (g_ptr_array_index (rows, i));

      g_assert_nonnull (countdown);
      g_assert_cmpuint (strlen (countdown), >, 5);
    }
  for (guint i = 1; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(OwOrder) a = g_list_model_get_item (visible, i - 1);
      g_autoptr(OwOrder) b = g_list_model_get_item (visible, i);

      g_assert_cmpint (ow_order_list_get_deadlines (list, a)->urgency, <=,
                       ow_order_list_get_deadlines (list, b)->urgency);
    }

  ow_window_set_filter (f->window, OW_FILTER_AWAITING_DELIVERY);
  shot = ow_test_screenshot (GTK_WIDGET (f->window), "window-list");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GListModel *visible = ow_window_get_visible_orders (f->window);
  g_autoptr(OwOrder) target = NULL;
  g_autofree char *shot = NULL;

  ow_window_set_filter (f->window, OW_FILTER_ALL);
  target = g_list_model_get_item (visible, 17);

  /* A word of an item title, any case. */
  ow_window_set_search (f->window, "SOLDERING");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, N_ORDERS);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (visible, i);
      g_autofree char *title = g_utf8_strdown (ow_order_get_item_title (order), -1);

      g_assert_nonnull (strstr (title, "soldering"));
    }

  /* An order number finds exactly that order. */
  ow_window_set_search (f->window, ow_order_get_order_number (target));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  {
    g_autoptr(OwOrder) found = g_list_model_get_item (visible, 0);

    g_assert_cmpint (ow_order_get_id (found), ==, ow_order_get_id (target));
  }

  /* Nothing: the empty page says so and offers nothing misleading. */
  ow_window_set_search (f->window, "no such thing anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_cmpstr (ow_window_get_list_page (f->window), ==, "empty");
  g_assert_cmpstr (ow_window_get_empty_title (f->window), ==, "No Results");
  ow_test_iterate (400);   /* the search bar slides in */
  shot = ow_test_screenshot (GTK_WIDGET (f->window), "window-search-empty");

  /* In another tab, the page offers to search everything. */
  ow_window_set_filter (f->window, OW_FILTER_CLOSED);
  ow_window_set_search (f->window, "soldering");
  if (g_list_model_get_n_items (visible) == 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.filter", "s", "all"));
      g_assert_cmpint (ow_window_get_filter (f->window), ==, OW_FILTER_ALL);
      g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
    }

  ow_window_set_search (f->window, NULL);
  ow_window_set_filter (f->window, OW_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_ORDERS);
}

/* The first order of @filter for which @want says yes. */
static OwOrder *
find_order (Fixture       *f,
            OwOrderFilter  filter,
            gboolean     (*want) (OwOrder *order))
{
  GListModel *visible = ow_window_get_visible_orders (f->window);

  ow_window_set_filter (f->window, filter);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (visible, i);

      if (want == NULL || want (order))
        return g_steal_pointer (&order);
    }
  g_assert_not_reached ();
}

static gboolean
shipped_recently (OwOrder *order)
{
  return ow_order_get_delivery_days (order) == 45 &&
         ow_order_get_time (order, OW_EVENT_DELIVERED) == OW_TIME_UNSET;
}

static void
add_parcel (Fixture *f,
            OwOrder *order)
{
  g_autoptr(OwParcel) parcel = ow_parcel_new (ow_order_get_id (order), "LP00123456789012",
                                              "cainiao");
  g_autoptr(OwTrackingResult) result = ow_tracking_result_new ("LP00123456789012");
  g_autoptr(GError) error = NULL;
  gint64 shipped = ow_order_get_time (order, OW_EVENT_SHIPPED);

  g_assert_true (ow_store_add_parcel (f->store, parcel, &error));
  g_assert_no_error (error);
  g_ptr_array_add (result->events,
                   ow_tracking_event_new (shipped + 86400 * 3, OW_TRACKING_STATUS_IN_TRANSIT,
                                          "LH_HO_AIRLINE", "Handed over to airline",
                                          "Hong Kong"));
  g_ptr_array_add (result->events,
                   ow_tracking_event_new (shipped + 3600, OW_TRACKING_STATUS_INFO_RECEIVED,
                                          "GWMS_ACCEPT", "Order received by the carrier",
                                          "Shenzhen"));
  result->status = OW_TRACKING_STATUS_IN_TRANSIT;
  result->status_known = TRUE;
  g_assert_true (ow_store_apply_tracking_result (f->store, ow_parcel_get_id (parcel), result,
                                                 f->now, f->now + 3600, NULL, &error));
  g_assert_no_error (error);
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  OwOrderDetail *detail = OW_ORDER_DETAIL (ow_window_get_detail (f->window));
  GPtrArray *rows;
  OwTimeline *timeline;
  g_autofree char *shot = NULL;
  GdkClipboard *clipboard;

  add_parcel (f, order);
  ow_window_show_order (f->window, ow_order_get_id (order));
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, ow_order_get_id (order));
  g_assert_cmpstr (ow_order_get_item_title (ow_order_detail_get_order (detail)), ==,
                   ow_order_get_item_title (order));

  /* Every deadline is a row with its countdown, running ones first; those not started
   * wait together in one row, each named by its rule. */
  rows = ow_order_detail_get_deadline_rows (detail);
  g_assert_cmpuint (rows->len, >=, 3);
  for (guint i = 0; i < rows->len; i++)
    g_assert_nonnull (ow_deadline_row_get_countdown (g_ptr_array_index (rows, i)));
  g_assert_nonnull (strstr (ow_deadline_row_get_countdown (g_ptr_array_index (rows, 0)), "in "));
  {
    GtkWidget *waiting = ow_order_detail_get_waiting_row (detail);
    guint n_waiting = 0;

    g_assert_nonnull (waiting);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (waiting)), ==,
                     "Not Started Yet");
    for (guint i = 0; i < rows->len; i++)
      {
        OwDeadlineRow *row = g_ptr_array_index (rows, i);
        gboolean inside = gtk_widget_is_ancestor (GTK_WIDGET (row), waiting);

        g_assert_cmpint (inside, ==,
                         ow_deadline_row_get_state (row) == OW_DEADLINE_NOT_STARTED);
        if (inside)
          {
            /* "Return shipping", not "Starts when a return is agreed". */
            g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Starts when"));
            g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (waiting)),
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
            n_waiting++;
          }
      }
    g_assert_cmpuint (n_waiting, >=, 2);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (waiting), TRUE);
  }

  /* The timeline: protection and the dispute window as bars, the facts as dots. */
  timeline = ow_order_detail_get_timeline (detail);
  g_assert_cmpuint (ow_timeline_get_n_bars (timeline), >=, 2);
  g_assert_cmpuint (ow_timeline_get_n_marks (timeline), >=, 2);
  g_assert_nonnull (ow_order_detail_get_next_action (detail));

  /* Copying the order number reaches the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "order.copy-number", NULL));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (detail));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  {
    GValue text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text,
                                                   NULL));
    g_assert_cmpstr (g_value_get_string (&text), ==, ow_order_get_order_number (order));
    g_value_unset (&text);
  }

  shot = ow_test_screenshot (GTK_WIDGET (f->window), "window-detail");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* Further down: the deadlines, the tracking history, the facts. */
  {
    GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (detail));
    GtkAdjustment *adj;

    g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
    adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    gtk_adjustment_set_value (adj, 560);
    g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-detail-deadlines"));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-detail-tracking"));
  }
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* What a click on a response button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static void
test_confirm_received (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, NULL);
  g_autoptr(OwOrder) stored = NULL;
  OwOrderDetail *detail = OW_ORDER_DETAIL (ow_window_get_detail (f->window));
  guint delivery = ow_window_get_view_count (f->window, OW_FILTER_AWAITING_DELIVERY);
  guint completed = ow_window_get_view_count (f->window, OW_FILTER_COMPLETED);
  AdwMessageDialog *dialog;
  g_autofree char *shot = NULL;
  gint64 before = ow_time_now ();

  ow_window_show_order (f->window, ow_order_get_id (order));

  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "order.confirm-received", NULL));
  g_assert_true (ow_test_wait_until (has_dialog, NULL, 5000));
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Buyer Protection"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "15 days"));
  respond (dialog, "cancel");
  g_assert_true (ow_test_wait_until (no_dialog, NULL, 5000));
  stored = ow_store_get_order (f->store, ow_order_get_id (order), NULL);
  g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_RECEIVED), ==, OW_TIME_UNSET);
  g_clear_object (&stored);

  /* Confirm: received now, the order moves from Awaiting delivery to Completed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "order.confirm-received", NULL));
  g_assert_true (ow_test_wait_until (has_dialog, NULL, 5000));
  dialog = find_dialog ();
  shot = ow_test_screenshot (GTK_WIDGET (dialog), "dialog-confirm-received");
  respond (dialog, "confirm");
  g_assert_true (ow_test_wait_until (no_dialog, NULL, 5000));

  stored = ow_store_get_order (f->store, ow_order_get_id (order), NULL);
  g_assert_cmpint (ow_order_get_time (stored, OW_EVENT_RECEIVED), >=, before);
  g_assert_cmpint (ow_order_get_time_source (stored, OW_EVENT_RECEIVED), ==, OW_FACT_USER);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_AWAITING_DELIVERY), ==,
                    delivery - 1);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_COMPLETED), ==, completed + 1);
  /* The timeline: Buyer Protection stops at the receipt. */
  {
    OwTimeline *timeline = ow_order_detail_get_timeline (detail);
    gint64 received = ow_order_get_time (stored, OW_EVENT_RECEIVED);
    gboolean found = FALSE;

    for (guint i = 0; i < ow_timeline_get_n_bars (timeline); i++)
      if (g_str_equal (ow_timeline_get_bar_label (timeline, i), "Buyer Protection"))
        {
          g_assert_cmpint (ow_timeline_get_bar_end (timeline, i), ==, received);
          found = TRUE;
        }
    g_assert_true (found);
    g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-detail-received"));
  }
  /* The detail follows: the dispute window now counts down from receipt. */
  {
    GPtrArray *rows = ow_order_detail_get_deadline_rows (detail);
    gboolean found = FALSE;

    for (guint i = 0; i < rows->len; i++)
      if (g_str_equal (ow_deadline_row_get_rule_id (g_ptr_array_index (rows, i)),
                       "dispute_closes"))
        {
          found = TRUE;
          g_assert_nonnull (strstr (ow_deadline_row_get_countdown (g_ptr_array_index (rows, i)),
                                    "in "));
        }
    g_assert_true (found);
  }

  /* Known to be received without a date (an imported "Completed"): confirming only dates
   * it, and the dialog says so rather than that Buyer Protection ends. */
  {
    g_autoptr(OwOrder) undated = find_order (f, OW_FILTER_AWAITING_DELIVERY, NULL);
    g_autoptr(GError) error = NULL;
    const char *body;

    ow_order_set_time_undated (undated, OW_EVENT_RECEIVED, OW_FACT_IMPORTED);
    g_assert_true (ow_store_update_order (f->store, undated, &error));
    g_assert_no_error (error);
    ow_window_show_order (f->window, ow_order_get_id (undated));
    ow_test_wait_for_draw (GTK_WIDGET (f->window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "order.confirm-received",
                                               NULL));
    g_assert_true (ow_test_wait_until (has_dialog, NULL, 5000));
    dialog = find_dialog ();
    body = adw_message_dialog_get_body (dialog);
    g_assert_null (strstr (body, "Buyer Protection"));
    g_assert_nonnull (strstr (body, "records today as the day it arrived"));
    g_free (ow_test_screenshot (GTK_WIDGET (dialog), "dialog-confirm-received-undated"));
    respond (dialog, "cancel");
    g_assert_true (ow_test_wait_until (no_dialog, NULL, 5000));
  }
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  g_autoptr(OwOrder) before = NULL;
  g_autoptr(OwOrder) after = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *visible = ow_window_get_visible_orders (f->window);
  guint all = ow_window_get_view_count (f->window, OW_FILTER_ALL);
  guint delivery = ow_window_get_view_count (f->window, OW_FILTER_AWAITING_DELIVERY);
  gint64 id = ow_order_get_id (order);
  gint64 other_id;

  add_parcel (f, order);
  before = ow_store_get_order (f->store, id, &error);
  g_assert_no_error (error);
  ow_window_show_order (f->window, id);

  /* Delete: gone from the list and the counts at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-order", NULL));
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, all - 1);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_AWAITING_DELIVERY), ==,
                    delivery - 1);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(OwOrder) item = g_list_model_get_item (visible, i);

      g_assert_cmpint (ow_order_get_id (item), !=, id);
    }
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), !=, id);

  /* Undo: back with every fact and its parcel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL));
  after = ow_store_get_order (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ow_order_equal (before, after));
  parcels = ow_store_list_parcels (f->store, id, &error);
  g_assert_cmpuint (parcels->len, ==, 1);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, all);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_AWAITING_DELIVERY), ==,
                    delivery);
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, id);

  /* Delete again and let the toast go: now it is gone from the store too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-order", NULL));
  other_id = ow_window_get_shown_order_id (f->window);
  g_assert_cmpint (other_id, !=, id);
  /* A second delete makes the first one final. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-order", NULL));
  g_clear_object (&after);
  after = ow_store_get_order (f->store, id, &error);
  g_assert_null (after);
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The second one is still undoable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL));
  after = ow_store_get_order (f->store, other_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, all - 1);

  /* What the user sees meanwhile: the toast with Undo (this delete happens at teardown). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-order", NULL));
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-deleted-toast"));
}

static gboolean
is_folded (gpointer data)
{
  return ow_window_get_folded (data);
}

static gboolean
is_unfolded (gpointer data)
{
  return !ow_window_get_folded (data);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  GtkListView *view = ow_window_get_list_view (f->window);

  /* 360 pixels: one pane at a time. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  g_assert_true (ow_test_wait_until (is_folded, f->window, 5000));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
  g_assert_cmpstr (ow_window_get_visible_page (f->window), ==, "list");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-narrow-list"));

  /* Activating a row opens its detail; Back (Escape) returns. */
  {
    GListModel *visible = ow_window_get_visible_orders (f->window);
    guint position = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
      {
        g_autoptr(OwOrder) item = g_list_model_get_item (visible, i);

        if (ow_order_get_id (item) == ow_order_get_id (order))
          position = i;
      }
    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    g_signal_emit_by_name (view, "activate", position);
  }
  g_assert_cmpstr (ow_window_get_visible_page (f->window), ==, "detail");
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, ow_order_get_id (order));
  ow_test_iterate (400);   /* the leaflet's slide */
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-narrow-detail"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  ow_test_iterate (400);
  g_assert_cmpstr (ow_window_get_visible_page (f->window), ==, "list");

  /* Wide again: both panes. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  g_assert_true (ow_test_wait_until (is_unfolded, f->window, 5000));
}

static gpointer
template_child (Fixture    *f,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (f->window), OW_TYPE_WINDOW, name);
}

static gboolean
search_open (gpointer data)
{
  return gtk_search_bar_get_search_mode (data);
}

static gboolean
search_closed (gpointer data)
{
  return !gtk_search_bar_get_search_mode (data);
}

/* Search as the keyboard does it: typing in the list opens the bar with what was typed,
 * Escape closes it and the whole view is back, and the bar opens empty the next time. */
static void
test_search_keyboard (Fixture       *f,
                      gconstpointer  data)
{
  GtkSearchBar *bar = template_child (f, "search_bar");
  GtkEditable *entry = GTK_EDITABLE (gtk_search_bar_get_child (bar));
  GListModel *visible = ow_window_get_visible_orders (f->window);
  OwOrderList *list = ow_window_get_order_list (f->window);
  guint all;

  ow_window_set_filter (f->window, OW_FILTER_ALL);
  all = g_list_model_get_n_items (visible);
  g_assert_cmpuint (all, ==, N_ORDERS);
  g_assert_false (gtk_search_bar_get_search_mode (bar));

  /* Typing with the keyboard in the list starts a search. */
  gtk_widget_grab_focus (GTK_WIDGET (ow_window_get_list_view (f->window)));
  ow_test_type_text (GTK_WIDGET (f->window), "lantern");
  g_assert_true (ow_test_wait_until (search_open, bar, 5000));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "lantern");
  g_assert_true (wait_for_search (list, "lantern", 5000));
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, all);
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-search"));

  /* Escape closes the bar, and the filter goes with it. */
  ow_test_press_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0);
  g_assert_true (ow_test_wait_until (search_closed, bar, 5000));
  g_assert_null (ow_order_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all);

  /* Ctrl+F opens it again, empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Hiding the bar with its button ends the search too. */
  ow_test_type_text (GTK_WIDGET (f->window), "socks");
  g_assert_true (wait_for_search (list, "socks", 5000));
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, all);
  gtk_toggle_button_set_active (template_child (f, "search_button"), FALSE);
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_null (ow_order_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, all);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
}

static double
list_scroll (Fixture *f)
{
  GtkScrolledWindow *scroller = template_child (f, "list_scroller");

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller));
}

static void
scroll_list_down (Fixture *f)
{
  GtkScrolledWindow *scroller = template_child (f, "list_scroller");
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

  /* As a scroll wheel would: within the list as it is laid out now. */
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) -
                                  gtk_adjustment_get_page_size (adj)) / 2);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (list_scroll (f), >, 100);
}

static OwOrder *
selected_order (Fixture *f)
{
  GtkSelectionModel *model = gtk_list_view_get_model (ow_window_get_list_view (f->window));

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

/* The order on the right is one of the list's, and its row is selected. */
static void
assert_detail_follows (Fixture *f)
{
  GListModel *visible = ow_window_get_visible_orders (f->window);
  gint64 shown = ow_window_get_shown_order_id (f->window);
  gboolean found = FALSE;

  g_assert_cmpint (shown, !=, 0);
  g_assert_nonnull (selected_order (f));
  g_assert_cmpint (ow_order_get_id (selected_order (f)), ==, shown);
  for (guint i = 0; i < g_list_model_get_n_items (visible) && !found; i++)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (visible, i);

      found = ow_order_get_id (order) == shown;
    }
  g_assert_true (found);
}

/* A new view, or the end of a search, starts at the top of the list (the most urgent
 * orders), and the detail shows an order of that list, selected. */
static void
test_view_switch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OwOrder) delivery = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  GListModel *visible = ow_window_get_visible_orders (f->window);

  ow_window_set_filter (f->window, OW_FILTER_ALL);
  scroll_list_down (f);
  /* Picked in the sidebar, as a click does. */
  gtk_widget_activate (ow_window_get_view_row (f->window, OW_FILTER_NEEDS_ACTION));
  g_assert_cmpint (ow_window_get_filter (f->window), ==, OW_FILTER_NEEDS_ACTION);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (list_scroll (f), ==, 0);
  assert_detail_follows (f);

  /* An order of Awaiting Delivery, then Completed: not in it, so the first order there. */
  ow_window_set_filter (f->window, OW_FILTER_AWAITING_DELIVERY);
  ow_window_show_order (f->window, ow_order_get_id (delivery));
  assert_detail_follows (f);
  ow_window_set_filter (f->window, OW_FILTER_COMPLETED);
  assert_detail_follows (f);
  {
    g_autoptr(OwOrder) first = g_list_model_get_item (visible, 0);

    g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, ow_order_get_id (first));
  }
  /* Back to All: that order is in it, so it stays. */
  {
    gint64 completed = ow_window_get_shown_order_id (f->window);

    ow_window_set_filter (f->window, OW_FILTER_ALL);
    g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, completed);
    assert_detail_follows (f);
  }

  /* A search that leaves the shown order out shows the best match; clearing it starts at
   * the top again. */
  ow_window_set_search (f->window, "lantern");
  assert_detail_follows (f);
  g_assert_nonnull (strstr (ow_order_get_item_title (selected_order (f)), "lantern"));
  ow_window_set_search (f->window, NULL);
  scroll_list_down (f);
  ow_window_set_search (f->window, "a");
  ow_window_set_search (f->window, NULL);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (list_scroll (f), ==, 0);
  assert_detail_follows (f);

  /* Nothing matches: nothing is shown rather than an order from elsewhere. */
  ow_window_set_search (f->window, "no such thing anywhere");
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, 0);
  g_assert_cmpstr (ow_window_get_detail_page (f->window), ==, "none");
  ow_window_set_search (f->window, NULL);
}

static int
pane_width (Fixture    *f,
            const char *name)
{
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  return gtk_widget_get_width (GTK_WIDGET (template_child (f, name)));
}

static gboolean
reads (GtkWidget     *widget,
       gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* The label under @widget that reads @text. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  return GTK_LABEL (ow_test_find_widget (widget, reads, text));
}

/* Whether the pointer resting on @widget would show a tooltip. */
static gboolean
query_tooltip (GtkWidget *widget)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_get_has_tooltip (widget));
  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* The views are a sidebar with their counts, as wide whatever they hold, beside the list
 * from a wide window down to a narrow one, where it comes over the list from a button. */
static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  AdwFlap *flap = template_child (f, "views_flap");
  GtkWidget *button = template_child (f, "views_button");
  OwOrderList *list = ow_window_get_order_list (f->window);
  int sidebar, list_width;

  /* Wide: the sidebar beside the list, every view with its count. */
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_false (gtk_widget_get_visible (button));
  for (OwOrderFilter filter = 0; filter < OW_N_FILTERS; filter++)
    {
      GtkWidget *row = ow_window_get_view_row (f->window, filter);
      guint count = 0;

      g_assert_true (gtk_widget_get_mapped (row));
      g_object_get (row, "count", &count, NULL);
      g_assert_cmpuint (count, ==, ow_order_list_get_count (list, filter));
      /* A name shown whole needs no tooltip. */
      g_assert_false (query_tooltip (GTK_WIDGET (find_label (row, ow_view_title (filter)))));
    }
  /* One cut short has its name in full in one. */
  {
    GtkLabel *title = find_label (ow_window_get_view_row (f->window, OW_FILTER_ALL),
                                  ow_view_title (OW_FILTER_ALL));
    g_autofree char *long_title = g_strnfill (80, 'W');

    gtk_label_set_label (title, long_title);
    ow_test_wait_for_draw (GTK_WIDGET (f->window));
    g_assert_true (query_tooltip (GTK_WIDGET (title)));
    gtk_label_set_label (title, ow_view_title (OW_FILTER_ALL));
    ow_test_wait_for_draw (GTK_WIDGET (f->window));
  }
  /* A count of five digits is shown whole. */
  {
    OwViewRow *row = OW_VIEW_ROW (ow_window_get_view_row (f->window, OW_FILTER_ALL));
    guint count = ow_view_row_get_count (row);
    GtkLabel *label;

    ow_view_row_set_count (row, 12345);
    ow_test_wait_for_draw (GTK_WIDGET (f->window));
    label = find_label (GTK_WIDGET (row), "12345");
    g_assert_nonnull (label);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    ow_view_row_set_count (row, count);
    ow_test_wait_for_draw (GTK_WIDGET (f->window));
  }

  /* Its width and the list's stay put whatever the views and the counts hold. */
  sidebar = pane_width (f, "views_pane");
  list_width = pane_width (f, "list_pane");
  g_assert_cmpint (sidebar, >=, 200);
  g_assert_cmpint (list_width, >=, 360);
  for (OwOrderFilter filter = 0; filter < OW_N_FILTERS; filter++)
    {
      ow_window_set_filter (f->window, filter);
      g_assert_cmpint (pane_width (f, "views_pane"), ==, sidebar);
      g_assert_cmpint (pane_width (f, "list_pane"), ==, list_width);
    }
  ow_window_set_search (f->window, "no such thing anywhere");
  g_assert_cmpstr (ow_window_get_list_page (f->window), ==, "empty");
  g_assert_cmpint (pane_width (f, "views_pane"), ==, sidebar);
  g_assert_cmpint (pane_width (f, "list_pane"), ==, list_width);
  ow_window_set_search (f->window, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-order", NULL));
  g_assert_cmpint (pane_width (f, "views_pane"), ==, sidebar);
  g_assert_cmpint (pane_width (f, "list_pane"), ==, list_width);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL));

  /* 360 pixels: the views come over the list from the button, and go when one is picked. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  g_assert_true (ow_test_wait_until (is_folded, f->window, 5000));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_get_visible (button));
  /* A button shows its press for a moment before it is clicked. */
  gtk_widget_activate (button);
  ow_test_iterate (400);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-narrow-views"));
  gtk_widget_activate (ow_window_get_view_row (f->window, OW_FILTER_COMPLETED));
  g_assert_cmpint (ow_window_get_filter (f->window), ==, OW_FILTER_COMPLETED);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  /* F9 shows them, Escape puts them away. */
  ow_test_press_key (GTK_WIDGET (f->window), GDK_KEY_F9, 0);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  ow_test_press_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0);
  g_assert_false (adw_flap_get_reveal_flap (flap));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  g_assert_true (ow_test_wait_until (is_unfolded, f->window, 5000));
}

static OwOrderRow *
find_row (Fixture    *f,
          const char *marketplace,
          const char *countdown_part)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  collect_rows (GTK_WIDGET (ow_window_get_list_view (f->window)), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      OwOrderRow *row = g_ptr_array_index (rows, i);
      OwOrder *order = ow_order_row_get_order (row);
      const char *countdown = ow_order_row_get_countdown (row);

      if (marketplace != NULL && !g_str_equal (ow_order_get_marketplace (order), marketplace))
        continue;
      if (countdown_part != NULL && (countdown == NULL || !strstr (countdown, countdown_part)))
        continue;
      if (countdown_part == NULL && marketplace == NULL && countdown != NULL)
        continue;
      return row;
    }
  return NULL;
}

/* Rows: a long deadline wraps instead of being cut, a store that is the marketplace is
 * named once, an order without a deadline has no empty line, and Amazon and eBay orders in
 * transit say when their claim window starts. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  OwOrderRow *long_row, *short_row, *plain_row, *amazon, *ebay;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  g_assert_true (ow_test_wait_until (is_folded, f->window, 5000));

  ow_window_set_filter (f->window, OW_FILTER_DISPUTES);
  long_row = find_row (f, NULL, "(older rules");
  g_assert_nonnull (long_row);
  ow_window_set_filter (f->window, OW_FILTER_AWAITING_DELIVERY);
  short_row = find_row (f, "aliexpress", "Protection ends in");
  g_assert_nonnull (short_row);
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-narrow-rows"));
  /* Both at the narrow width: the long words take a line more, the short ones do not. */
  ow_window_set_filter (f->window, OW_FILTER_ALL);
  ow_window_set_search (f->window, "bike light");
  long_row = find_row (f, NULL, "(older rules");
  g_assert_nonnull (long_row);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (long_row)), <=, 360);
  {
    int long_height = gtk_widget_get_height (GTK_WIDGET (long_row));

    int short_height;

    g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-narrow-long-deadline"));
    /* Rows are the list's: found again after each change. */
    ow_window_set_search (f->window, "phone tripod");
    short_row = find_row (f, "aliexpress", "Protection ends in");
    g_assert_nonnull (short_row);
    short_height = gtk_widget_get_height (GTK_WIDGET (short_row));
    g_assert_cmpint (long_height, >, short_height);

    /* A completed order long past its windows: two lines, no empty third. */
    ow_window_set_search (f->window, "yoga mat");
    plain_row = find_row (f, NULL, NULL);
    g_assert_nonnull (plain_row);
    g_assert_null (ow_order_row_get_countdown (plain_row));
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (plain_row)), <, short_height);
  }

  /* Amazon sells it: "Amazon", not "Amazon · Amazon"; its claim window has a date. */
  ow_window_set_search (f->window, "headphones");
  amazon = find_row (f, "amazon", NULL);
  g_assert_nonnull (amazon);
  g_assert_cmpstr (ow_order_row_get_store_line (amazon), ==, "Amazon");
  g_assert_nonnull (ow_order_row_get_countdown (amazon));
  g_assert_nonnull (strstr (ow_order_row_get_countdown (amazon), "claim"));
  ow_window_set_search (f->window, "film camera");
  ebay = find_row (f, "ebay", NULL);
  g_assert_nonnull (ebay);
  g_assert_cmpstr (ow_order_row_get_store_line (ebay), ==, "retro_cams_uk · eBay");
  g_assert_nonnull (ow_order_row_get_countdown (ebay));
  ow_window_set_search (f->window, NULL);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  g_assert_true (ow_test_wait_until (is_unfolded, f->window, 5000));
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  AdwStyleManager *style = adw_style_manager_get_default ();

  add_parcel (f, order);
  ow_window_set_filter (f->window, OW_FILTER_NEEDS_ACTION);
  ow_window_show_order (f->window, ow_order_get_id (order));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static gboolean
find_editor_cb (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (OW_IS_ORDER_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      {
        *(gpointer *) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static void
test_add_order (Fixture       *f,
                gconstpointer  data)
{
  OwOrderEditor *editor = NULL;
  gpointer weak_editor;
  guint all = ow_window_get_view_count (f->window, OW_FILTER_ALL);
  g_autoptr(OwOrder) shown = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-order", NULL));
  g_assert_true (ow_test_wait_until (find_editor_cb, &editor, 5000));
  weak_editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak_editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));

  /* An invalid amount first: Save stays off and the field says why. */
  ow_order_editor_set_field_text (editor, OW_EDITOR_FIELD_ORDER_NUMBER, "8199000011112222");
  ow_order_editor_set_field_text (editor, OW_EDITOR_FIELD_ITEM, "Travel adapter, 65 W");
  ow_order_editor_set_field_text (editor, OW_EDITOR_FIELD_STORE, "Volt Store");
  ow_order_editor_set_field_text (editor, OW_EDITOR_FIELD_AMOUNT, "12.345");
  ow_test_iterate (50);
  g_assert_false (gtk_widget_get_sensitive (editor->save_button));
  g_assert_true (gtk_widget_has_css_class (editor->fields[OW_EDITOR_FIELD_AMOUNT].styled,
                                           "error"));
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "dialog-add-order-invalid"));

  /* Then a valid one: saved, listed, shown. */
  ow_order_editor_set_field_text (editor, OW_EDITOR_FIELD_AMOUNT, "24.90");
  ow_order_editor_set_field_text (editor, OW_EDITOR_FIELD_PAID, "2026-01-03 09:31");
  ow_test_iterate (50);
  g_assert_true (gtk_widget_get_sensitive (editor->save_button));
  g_free (ow_test_screenshot (GTK_WIDGET (editor), "dialog-add-order"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ow_test_wait_until (is_null, &weak_editor, 5000));

  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, all + 1);
  shown = ow_store_get_order (f->store, ow_window_get_shown_order_id (f->window), NULL);
  g_assert_nonnull (shown);
  g_assert_cmpstr (ow_order_get_order_number (shown), ==, "8199000011112222");
  g_assert_cmpint (ow_order_get_amount (shown), ==, 2490);
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, 0);
  g_assert_cmpstr (ow_window_get_list_page (f->window), ==, "empty");
  g_assert_cmpstr (ow_window_get_empty_title (f->window), ==, "Add Your First Order");
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, 0);
  /* Nothing to show: after the first frame, the page says so instead of staying blank. */
  g_assert_cmpstr (ow_window_get_detail_page (f->window), ==, "none");
  /* No order: no order menu or edit button that would open on nothing; no views either. */
  g_assert_false (gtk_widget_get_visible (template_child (f, "order_menu_button")));
  g_assert_false (gtk_widget_get_visible (template_child (f, "edit_button")));
  g_assert_false (gtk_widget_get_visible (template_child (f, "views_pane")));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "delete-order"));
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-first-run"));
}

/* The list is drawn first: the detail page is filled right after the first frame, unless an
 * order is asked for before it (a notification's "Open order"), which shows at once. */
static void
test_first_frame (Fixture       *f,
                  gconstpointer  data)
{
  OwWindow *window = ow_window_new_for_store (NULL, f->store, f->policies);
  OwOrderDetail *detail = OW_ORDER_DETAIL (ow_window_get_detail (window));
  g_autoptr(OwOrder) other = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  gpointer weak = window;
  GtkSearchBar *bar;
  GtkStack *list_stack, *detail_stack;
  gint64 first;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 780);
  first = ow_window_get_shown_order_id (window);
  g_assert_cmpint (first, !=, 0);
  g_assert_null (ow_order_detail_get_order (detail));
  g_assert_cmpstr (ow_window_get_detail_page (window), ==, "pending");
  /* What the first frame does not show is not made for it: the search entry, the list's
   * empty page (the view has orders) and the detail pane's page for no order. */
  bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window), OW_TYPE_WINDOW,
                                                       "search_bar"));
  g_assert_null (gtk_search_bar_get_child (bar));

  gtk_window_present (GTK_WINDOW (window));
  ow_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (ow_order_detail_get_order_id (detail), ==, first);
  g_assert_cmpstr (ow_window_get_detail_page (window), ==, "detail");
  g_assert_true (GTK_IS_SEARCH_ENTRY (gtk_search_bar_get_child (bar)));
  g_assert_null (ow_window_get_empty_title (window));
  list_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), OW_TYPE_WINDOW,
                                                         "list_stack"));
  g_assert_null (gtk_stack_get_child_by_name (list_stack, "empty"));
  detail_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), OW_TYPE_WINDOW,
                                                           "detail_stack"));
  g_assert_null (gtk_stack_get_child_by_name (detail_stack, "none"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));

  window = ow_window_new_for_store (NULL, f->store, f->policies);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  detail = OW_ORDER_DETAIL (ow_window_get_detail (window));
  ow_window_show_order (window, ow_order_get_id (other));
  g_assert_cmpint (ow_order_detail_get_order_id (detail), ==, ow_order_get_id (other));
  g_assert_cmpstr (ow_window_get_detail_page (window), ==, "detail");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));
}

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  if (GTK_IS_MENU_BUTTON (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, found);
}

/* Whether @model or a section or submenu of it has an item for @detailed ("win.export::csv"). */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *detailed)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        {
          target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                          NULL);
          name = g_action_print_detailed_name (action, target);
          if (g_str_equal (name, detailed))
            return TRUE;
        }
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, detailed))
            return TRUE;
        }
    }
  return FALSE;
}

/* The main menu and the order menu are built when first opened, then work as usual. */
static void
test_menus (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_menu_buttons (GTK_WIDGET (f->window), buttons);
  g_assert_cmpuint (buttons->len, ==, 2);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GMenuModel *model;

      g_assert_null (gtk_menu_button_get_popover (button));
      gtk_menu_button_popup (button);
      model = gtk_menu_button_get_menu_model (button);
      g_assert_nonnull (model);
      g_assert_cmpint (g_menu_model_get_n_items (model), >, 0);
      g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (button)));
      ow_test_iterate (20);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
      /* No item repeats its label as its shortcut ("Delete  Delete"). */
      for (int j = 0; j < g_menu_model_get_n_items (model); j++)
        {
          g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, j,
                                                                      G_MENU_LINK_SECTION);

          for (int k = 0; section != NULL && k < g_menu_model_get_n_items (section); k++)
            {
              g_autofree char *label = NULL;
              g_autofree char *accel = NULL;

              g_menu_model_get_item_attribute (section, k, G_MENU_ATTRIBUTE_LABEL, "s", &label);
              if (g_menu_model_get_item_attribute (section, k, "accel", "s", &accel))
                {
                  guint key;
                  GdkModifierType mods;
                  g_autofree char *shown = NULL;
                  g_autofree char *plain = g_strdup (label);

                  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
                  shown = gtk_accelerator_get_label (key, mods);
                  g_strdelimit (plain, "_", ' ');
                  g_strstrip (plain);
                  g_assert_cmpstr (shown, !=, plain);
                }
            }
        }
      g_free (ow_test_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                  i == 0 ? "window-menu-0" : "window-menu-1"));
      /* The main menu reaches import, export in each format and the refresh. */
      if (gtk_menu_button_get_primary (button))
        {
          const char *wanted[] = { "win.refresh", "win.import", "win.export::json",
                                   "win.export::csv", "win.export::ics", "app.preferences",
                                   "win.show-help-overlay", "app.about" };

          for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
            {
              g_test_message ("menu item %s", wanted[w]);
              g_assert_true (menu_has_action (model, wanted[w]));
            }
        }
      gtk_menu_button_popdown (button);
    }
}

/* Only the countdowns on screen drive the one timer; a hidden window has none. */
static void
test_clock (Fixture       *f,
            gconstpointer  data)
{
  OwCountdownClock *clock = ow_window_get_clock (f->window);
  gint64 next;

  g_assert_true (ow_countdown_clock_get_active (clock));
  next = ow_countdown_clock_get_next_tick (clock);
  g_assert_cmpint (next, !=, OW_TIME_UNSET);
  g_assert_cmpint (next - ow_countdown_clock_get_now (clock), <=, 60);

  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_false (ow_countdown_clock_get_active (clock));
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, OW_TIME_UNSET);

  gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (ow_countdown_clock_get_active (clock));
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), !=, OW_TIME_UNSET);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   guint         *n_frames)
{
  (*n_frames)++;
}

/* A tick that changes no line of text (the normal minute) paints one frame, as a plain
 * redraw does: rows not shown and labels whose words stayed the same lay nothing out
 * again (a layout makes libadwaita 1.2's flap paint two frames more). */
static void
test_tick_paints_once (Fixture       *f,
                       gconstpointer  data)
{
  OwCountdownClock *clock = ow_window_get_clock (f->window);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  guint n_frames = 0, n_redraw_frames;
  gulong handler;

  /* Every tab once: rows laid out before and not shown now are left behind. */
  for (OwOrderFilter filter = 0; filter < OW_N_FILTERS; filter++)
    {
      ow_window_set_filter (f->window, filter);
      ow_test_wait_for_draw (GTK_WIDGET (f->window));
    }
  ow_window_set_filter (f->window, OW_FILTER_ALL);
  /* The clock held at one instant: the ticks below change no words. */
  ow_countdown_clock_set_fixed_now (clock, ow_countdown_clock_get_now (clock));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  ow_test_iterate (500);

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb),
                              &n_frames);
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  ow_test_iterate (1000);
  n_redraw_frames = n_frames;
  g_assert_cmpuint (n_redraw_frames, >=, 1);

  for (guint i = 0; i < 3; i++)
    {
      n_frames = 0;
      ow_countdown_clock_tick (clock);
      ow_test_iterate (1000);
      g_assert_cmpuint (n_frames, <=, n_redraw_frames);
    }
  g_signal_handler_disconnect (frame_clock, handler);
}

static gboolean
refresh_done (gpointer data)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (data), "refresh");
}

/* Refresh against a real HTTP server on 127.0.0.1: busy while it runs, the events land
 * in the store and the detail, a toast says how it went. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  OwTestServer *server = ow_test_server_new ();
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *module = NULL;
  gint64 id = ow_order_get_id (order);
  gint64 event_ms = (f->now - 86400) * 1000;

  module = g_strdup_printf ("{\"mailNo\":\"LP00999888777666\",\"mailNoSource\":\"AE\","
                            "\"status\":\"DELIVERING\",\"statusDesc\":\"In transit\","
                            "\"detailList\":[{\"time\":%" G_GINT64_FORMAT ",\"timeZone\":"
                            "\"GMT+8\",\"desc\":\"Arrived at destination country\","
                            "\"standerdDesc\":\"Arrived at destination country\","
                            "\"actionCode\":\"LH_ARRIVE\"}]}", event_ms);
  ow_test_server_add_cainiao_module (server, module);
  g_setenv ("ORDERWATCH_CAINIAO_URL", ow_test_server_get_url (server), TRUE);

  parcel = ow_parcel_new (id, "LP00999888777666", "cainiao");
  g_assert_true (ow_store_add_parcel (f->store, parcel, &error));
  g_assert_no_error (error);
  ow_window_show_order (f->window, id);

  ow_test_server_set_latency (server, 300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh-order", "x", id));
  /* Busy: no second refresh on top. */
  g_assert_false (refresh_done (f->window));
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-refreshing"));
  g_assert_true (ow_test_wait_until (refresh_done, f->window, 20000));
  g_assert_cmpuint (ow_test_server_count_requests (server, NULL), >=, 1);

  events = ow_store_list_tracking_events (f->store, ow_parcel_get_id (parcel), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (ow_tracking_event_get_description (g_ptr_array_index (events, 0)), ==,
                   "Arrived at destination country");

  g_unsetenv ("ORDERWATCH_CAINIAO_URL");
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ow_test_wait_until (is_null, &f->weak_window, 5000));
  ow_test_server_free (server);
}

/* Offline: the parcel and the toast say so in words, not in GIO's ("Could not connect:
 * Connection refused"). */
static void
test_refresh_offline (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OwOrder) order = find_order (f, OW_FILTER_AWAITING_DELIVERY, shipped_recently);
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(OwParcel) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = ow_order_get_id (order);
  const char *why;

  /* Nothing listens there. */
  g_setenv ("ORDERWATCH_CAINIAO_URL", "http://127.0.0.1:9", TRUE);
  parcel = ow_parcel_new (id, "LP00999888777666", "cainiao");
  g_assert_true (ow_store_add_parcel (f->store, parcel, &error));
  g_assert_no_error (error);
  ow_window_show_order (f->window, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh-order", "x", id));
  g_assert_true (ow_test_wait_until (refresh_done, f->window, 20000));
  ow_test_iterate (200);

  stored = ow_store_get_parcel (f->store, ow_parcel_get_id (parcel), &error);
  g_assert_no_error (error);
  why = ow_parcel_get_last_error (stored);
  g_test_message ("%s", why);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "check your internet connection"));
  g_assert_null (strstr (why, "Could not connect"));
  g_assert_null (strstr (why, "Connection refused"));
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-refresh-offline"));

  g_unsetenv ("ORDERWATCH_CAINIAO_URL");
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ow_test_wait_until (is_null, &f->weak_window, 5000));
}

/* Finds a shown toplevel of @type; stores it in *@found. */
static gboolean
find_toplevel (GType     type,
               gpointer *found)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      {
        *found = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
find_about (gpointer data)
{
  return find_toplevel (ADW_TYPE_ABOUT_WINDOW, data);
}

static gboolean
find_shortcuts (gpointer data)
{
  return find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, data);
}

static gboolean
find_chooser (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, data);
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserWait;

/* The chooser answers Accept once it has the file selected, after it read the folder. */
static gboolean
chooser_has_file (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (wait->chooser);
  return file != NULL && g_file_equal (file, wait->file);
}

static gboolean
no_chooser (gpointer data)
{
  gpointer found = NULL;

  return !find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, &found);
}

typedef struct
{
  OwWindow      *window;
  OwOrderFilter  filter;
  guint          count;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return ow_window_get_view_count (wait->window, wait->filter) == wait->count;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS) && g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* A file dropped on the window, as the drag and drop machinery hands it over. */
static gboolean
drop_file (Fixture    *f,
           const char *path)
{
  return ow_test_drop_file (GTK_WIDGET (f->window), path);
}

/* Import and Export from the main menu, through the file chooser, and a file dropped on
 * the window: the orders go through the core's import and show in the list. */
static void
test_transfer (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("orderwatch-export-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *contents = NULL;
  g_autofree char *every = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                  "every-column.csv", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                "bad-row.csv", NULL);
  g_auto(GStrv) lines = NULL;
  gpointer chooser = NULL;
  AdwMessageDialog *dialog;
  CountWait wait = { f->window, OW_FILTER_ALL, 3 };

  /* The first run: nothing yet. A file dropped on the window brings its orders in. */
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, 0);
  g_assert_true (drop_file (f, every));
  g_assert_true (ow_test_wait_until (count_is, &wait, 5000));
  g_assert_cmpint (ow_window_get_filter (f->window), ==, OW_FILTER_ALL);
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), !=, 0);
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), "window-imported"));

  /* The same file again from the menu: nothing new, nothing doubled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  g_assert_true (ow_test_wait_until (find_chooser, &chooser, 5000));
  {
    g_autoptr(GFile) file = g_file_new_for_path (every);
    ChooserWait chosen = { chooser, file };

    g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
    g_assert_true (ow_test_wait_until (chooser_has_file, &chosen, 5000));
  }
  g_free (ow_test_screenshot (GTK_WIDGET (chooser), "dialog-import-chooser"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ow_test_wait_until (no_chooser, NULL, 5000));
  ow_test_iterate (300);
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, 3);

  /* A file with a bad row: the dialog says which row and why; nothing was imported. */
  g_assert_true (drop_file (f, bad));
  g_assert_true (ow_test_wait_until (has_dialog, NULL, 5000));
  dialog = find_dialog ();
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "line 5, column paid"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nothing was imported"));
  g_free (ow_test_screenshot (GTK_WIDGET (dialog), "dialog-import-failed"));
  respond (dialog, "close");
  g_assert_true (ow_test_wait_until (no_dialog, NULL, 5000));
  g_assert_cmpuint (ow_window_get_view_count (f->window, OW_FILTER_ALL), ==, 3);

  /* Export as CSV: the chooser suggests a name (it opens in the working folder, here a
   * temporary one), the file has every order. */
  chooser = NULL;
  g_assert_true (g_chdir (dir) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", "s", "csv"));
  g_assert_true (ow_test_wait_until (find_chooser, &chooser, 5000));
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autoptr(GFile) target = g_file_new_for_path (csv);
    ChooserWait chosen = { chooser, target };
    g_autofree char *suggested = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (suggested, ==, "orders.csv");
    g_assert_true (ow_test_wait_until (chooser_has_file, &chosen, 5000));
  }
  g_free (ow_test_screenshot (GTK_WIDGET (chooser), "dialog-export-chooser"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ow_test_wait_until (file_exists, csv, 5000));
  ow_test_iterate (200);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "marketplace,order_number,"));
  g_assert_nonnull (strstr (contents, "8100000000000001"));

  g_assert_true (g_chdir (cwd) == 0);
  g_unlink (csv);
  g_rmdir (dir);
}

/* The application: its window, keyboard shortcuts, the shortcuts window and About. */
static void
test_application (void)
{
  g_autoptr(OwApplication) app = ow_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ow_test_db_path ("app");
  g_auto(GStrv) accels = NULL;
  GtkWindow *window;
  gpointer about = NULL;
  gpointer shortcuts = NULL;

  ow_application_set_db_path (app, path);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (OW_IS_WINDOW (window));
  ow_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (ow_store_get_path (ow_window_get_store (OW_WINDOW (window))), ==, path);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.add-order");
  g_assert_cmpstr (accels[0], ==, "<Control>n");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search");
  g_assert_cmpstr (accels[0], ==, "<Control>f");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  /* The shortcuts window is built when asked for, not with every window. */
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_clear_pointer (&accels, g_strfreev);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (ow_test_wait_until (find_shortcuts, &shortcuts, 5000));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == window);
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) ==
                 shortcuts);
  g_assert_cmpstr (gtk_window_get_title (shortcuts), ==, "Keyboard Shortcuts");
  g_free (ow_test_screenshot (GTK_WIDGET (shortcuts), "shortcuts-window"));
  /* Closed, it hides; asked for again, the same window comes back. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (shortcuts));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (gtk_widget_get_visible (shortcuts));
  gtk_window_close (shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (ow_test_wait_until (find_about, &about, 5000));
  /* Where to read more and where to report a problem. */
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));
  g_assert_true (g_str_has_prefix (adw_about_window_get_issue_url (about), "https://"));
  g_assert_nonnull (strstr (adw_about_window_get_issue_url (about), "issues"));
  g_free (ow_test_screenshot (GTK_WIDGET (about), "about"));
  gtk_window_destroy (about);

  gtk_window_destroy (window);
  ow_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  ow_test_ui_init (&argc, &argv);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/window/tabs", N_ORDERS, test_tabs);
  ADD ("/ui/window/search", N_ORDERS, test_search);
  ADD ("/ui/window/search-keyboard", N_ORDERS, test_search_keyboard);
  ADD ("/ui/window/view-switch", N_ORDERS, test_view_switch);
  ADD ("/ui/window/views", N_ORDERS, test_views);
  ADD ("/ui/window/rows", N_ORDERS, test_rows);
  ADD ("/ui/window/detail", N_ORDERS, test_detail);
  ADD ("/ui/window/confirm-received", N_ORDERS, test_confirm_received);
  ADD ("/ui/window/delete-undo", N_ORDERS, test_delete_undo);
  ADD ("/ui/window/narrow", N_ORDERS, test_narrow);
  ADD ("/ui/window/dark", N_ORDERS, test_dark);
  ADD ("/ui/window/add-order", N_ORDERS, test_add_order);
  ADD ("/ui/window/first-run", 0, test_first_run);
  ADD ("/ui/window/clock", N_ORDERS, test_clock);
  ADD ("/ui/window/first-frame", N_ORDERS, test_first_frame);
  ADD ("/ui/window/tick-paints-once", N_ORDERS, test_tick_paints_once);
  ADD ("/ui/window/menus", N_ORDERS, test_menus);
  ADD ("/ui/window/refresh", N_ORDERS, test_refresh);
  ADD ("/ui/window/refresh-offline", N_ORDERS, test_refresh_offline);
  ADD ("/ui/window/transfer", 0, test_transfer);
  g_test_add_func ("/ui/application", test_application);

  return g_test_run ();
}
