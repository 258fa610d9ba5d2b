/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispute wizard and the dispute on the order page, as real windows under Xvfb on a real
 * SQLite store seeded with demo orders and the orders of each story: an item that never
 * arrived (the suggested reason accepted, Refund only, a photo added, submitted, then the
 * dispute followed to "refunded"); one received with a fault (a partial refund, then a return
 * agreed and shipped with its tracking number); a wizard cancelled half-way and resumed; an
 * order whose marketplace window has closed (PayPal still open); the notification's Open
 * dispute button. Every page is photographed in light, dark and 360 px wide, and every
 * control has an accessible name and takes the keyboard focus. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ow-application.h"
#include "ow-countdown-clock.h"
#include "ow-deadline-row.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-evidence-page.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-section.h"
#include "ow-dispute-wizard.h"
#include "ow-dispute.h"
#include "ow-evidence-grid.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-deadlines.h"
#include "ow-order-detail.h"
#include "ow-order-list.h"
#include "ow-policy.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy-registry.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-test-ui.h"
#include "ow-test-util.h"
#include "ow-time.h"
#include "ow-timeline.h"
#include "ow-tracking-provider.h"
#include "ow-window.h"

#define DAY 86400
#define N_SEEDED 30

typedef struct
{
  char             *path;
  OwStore          *store;
  OwPolicyRegistry *policies;
  OwWindow         *window;
  gpointer          weak_window;
  gint64            now;
} Fixture;

/* ---- Orders of each story ---- */

typedef struct
{
  const char      *number;
  const char      *title;
  gint64           amount;
  OwPaymentMethod  method;
  int              paid, shipped, delivered, received;   /* days ago; 0: not yet */
  int              delivery_days;
} Story;

static gint64
add_story (Fixture     *f,
           const Story *story)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;

#define AT(event, days) \
  if ((days) > 0) ow_order_set_time (order, event, f->now - (gint64) (days) * DAY, OW_FACT_USER)
  ow_order_set_order_number (order, story->number);
  ow_order_set_item_title (order, story->title);
  ow_order_set_store_name (order, "Shenzhen Bright Store");
  ow_order_set_amount (order, story->amount);
  ow_order_set_payment_method (order, story->method);
  ow_order_set_delivery_days (order, story->delivery_days);
  AT (OW_EVENT_PLACED, story->paid + 1);
  AT (OW_EVENT_PAID, story->paid);
  AT (OW_EVENT_SHIPPED, story->shipped);
  AT (OW_EVENT_DELIVERED, story->delivered);
  AT (OW_EVENT_RECEIVED, story->received);
#undef AT
  g_assert_true (ow_store_add_order (f->store, order, &error));
  g_assert_no_error (error);
  return ow_order_get_id (order);
}

/* A parcel the carrier sent back to the seller three days ago. */
static void
add_returning_parcel (Fixture *f,
                      gint64   order_id)
{
  g_autoptr(OwParcel) parcel = ow_parcel_new (order_id, "LP00123456789012", "cainiao");
  g_autoptr(OwTrackingResult) result = ow_tracking_result_new ("LP00123456789012");
  g_autoptr(OwParcel) applied = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ow_store_add_parcel (f->store, parcel, &error));
  g_ptr_array_add (result->events,
                   ow_tracking_event_new (f->now - 3 * DAY, OW_TRACKING_STATUS_RETURNING,
                                          "RETURN", "Returned to sender: address not found",
                                          "Shenzhen"));
  g_ptr_array_add (result->events,
                   ow_tracking_event_new (f->now - 20 * DAY, OW_TRACKING_STATUS_IN_TRANSIT,
                                          "LH_HO_AIRLINE", "Handed over to airline",
                                          "Hong Kong"));
  result->status = OW_TRACKING_STATUS_RETURNING;
  result->status_known = TRUE;
  applied = ow_store_apply_tracking_result (f->store, ow_parcel_get_id (parcel), result, f->now,
                                            f->now + DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ow_parcel_is_returning (applied));
}

static const Story not_received = {
  "8200000000001", "Wireless earbuds, charging case", 1999, OW_PAYMENT_CARD, 30, 28, 0, 0, 45,
};
static const Story with_fault = {
  "8200000000002", "USB-C charger 65 W", 2599, OW_PAYMENT_CARD, 20, 18, 4, 3, 0,
};
static const Story overdue = {
  "8200000000003", "Cotton bed sheets, 2 pieces", 1450, OW_PAYMENT_CARD, 72, 70, 0, 0, 60,
};
static const Story closed_paypal = {
  "8200000000004", "Hiking backpack 40 L", 4290, OW_PAYMENT_PAYPAL, 100, 98, 82, 80, 0,
};
static const Story for_pictures = {
  "8200000000005", "Mechanical keyboard, 87 keys", 5830, OW_PAYMENT_CARD, 21, 19, 5, 4, 0,
};
static const Story not_yet = {
  "8200000000006", "Phone case, clear", 399, OW_PAYMENT_BALANCE, 6, 5, 0, 0, 0,
};

/* ---- The fixture ---- */

static void
open_window (Fixture *f)
{
  f->window = ow_window_new_for_store (NULL, f->store, f->policies);
  f->weak_window = f->window;
  g_object_add_weak_pointer (G_OBJECT (f->window), &f->weak_window);
  ow_countdown_clock_set_fixed_now (ow_window_get_clock (f->window), f->now);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 860);
  gtk_window_present (GTK_WINDOW (f->window));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  f->now = ow_time_now ();
  f->path = ow_test_db_path ("wizard");
  f->store = ow_test_store_new_seeded (f->path, N_SEEDED, f->now);
  f->policies = ow_policy_registry_new ();
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
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  if (f->weak_window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ow_test_wait_until (is_null, &f->weak_window, 5000));
  ow_test_iterate (20);
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->policies);
  g_free (f->path);
}

/* ---- Driving the wizard through its public face ---- */

static OwOrderDetail *
detail_of (Fixture *f)
{
  return OW_ORDER_DETAIL (ow_window_get_detail (f->window));
}

static void
show (Fixture *f,
      gint64   order_id)
{
  ow_window_show_order (f->window, order_id);
  g_assert_cmpint (ow_window_get_shown_order_id (f->window), ==, order_id);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
}

typedef struct
{
  OwStore         *store;
  gint64           order_id;
  OwDisputeWizard *wizard;
} Finding;

static gboolean
wizard_found (gpointer data)
{
  Finding *finding = data;

  finding->wizard = ow_dispute_wizard_find (finding->store, finding->order_id);
  return finding->wizard != NULL;
}

/* The wizard of the order shown, opened from its page's "Open a Dispute" row. */
static OwDisputeWizard *
open_wizard (Fixture *f,
             gint64   order_id)
{
  Finding finding = { f->store, order_id, NULL };

  show (f, order_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail_of (f)), "order.open-dispute",
                                             NULL));
  g_assert_true (ow_test_wait_until (wizard_found, &finding, 5000));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (finding.wizard)) ==
                 GTK_WINDOW (f->window));
  ow_test_wait_for_draw (GTK_WIDGET (finding.wizard));
  return finding.wizard;
}

static OwDisputePage *
page_of (OwDisputeWizard *wizard,
         const char      *name)
{
  OwDisputePage *page = ow_dispute_wizard_get_page_widget (wizard, name);

  g_assert_nonnull (page);
  return page;
}

static void
expect_page (OwDisputeWizard *wizard,
             const char      *name)
{
  ow_test_iterate (10);
  g_assert_cmpstr (ow_dispute_wizard_get_page (wizard), ==, name);
}

static void
next (OwDisputeWizard *wizard,
      const char      *expected)
{
  OwDisputePage *page = page_of (wizard, ow_dispute_wizard_get_page (wizard));

  if (!ow_dispute_page_get_complete (page))
    g_error ("page %s is not complete: %s", ow_dispute_wizard_get_page (wizard),
             ow_dispute_page_get_blocker (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  expect_page (wizard, expected);
}

/* Picks a choice through the page's own (radio) action, as its row does. */
static void
pick (OwDisputeWizard *wizard,
      const char      *page,
      const char      *action,
      GVariant        *value)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page_of (wizard, page)), action,
                                                     value));
  ow_test_iterate (10);
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GValue value = G_VALUE_INIT;
  char *text;

  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value,
                                                 NULL));
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

typedef struct
{
  const char *action;
  GVariant   *target;   /* or NULL: any target */
} ActionMatch;

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  const ActionMatch *match = data;
  GVariant *target;

  if (!GTK_IS_ACTIONABLE (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), match->action) != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return match->target == NULL || (target != NULL && g_variant_equal (target, match->target));
}

/* The widget whose action is @action (with @target, unless NULL). Takes @target (floating,
 * nullable). */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action,
                 GVariant   *target)
{
  g_autoptr(GVariant) owned = target ? g_variant_ref_sink (target) : NULL;
  ActionMatch match = { action, owned };

  return ow_test_find_widget (widget, has_action, &match);
}

static AdwActionRow *
choice_row (OwDisputeWizard *wizard,
            const char      *page,
            const char      *action,
            GVariant        *target)
{
  GtkWidget *check = find_actionable (GTK_WIDGET (page_of (wizard, page)), action, target);
  GtkWidget *row;

  g_assert_nonnull (check);
  row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return ow_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static GSList *
fixture_files (const char *first,
               ...)
{
  GSList *files = NULL;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "evidence", name,
                                                     NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      files = g_slist_append (files, g_file_new_for_path (path));
    }
  va_end (args);
  return files;
}

static void
put_le32 (guint8  *at,
          guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (at, &value, sizeof value);
}

static void
put_le16 (guint8  *at,
          guint16  value)
{
  value = GUINT16_TO_LE (value);
  memcpy (at, &value, sizeof value);
}

/* A real 3 MB picture (a BMP), over AliExpress's 2 MB for photos. */
static GFile *
large_photo (void)
{
  const int side = 1024;
  gsize row = side * 3, size = 54 + row * side;
  g_autofree guint8 *data = g_malloc0 (size);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "unboxing.bmp", NULL);

  memcpy (data, "BM", 2);
  /* Header fields sit at odd offsets: copied in, never stored through a cast (UBSan). */
  put_le32 (data + 2, size);
  put_le32 (data + 10, 54);
  put_le32 (data + 14, 40);
  put_le32 (data + 18, side);
  put_le32 (data + 22, side);
  put_le16 (data + 26, 1);
  put_le16 (data + 28, 24);
  for (gsize i = 54; i < size; i++)
    data[i] = (guint8) (((i - 54) / 3 / side) * 255 / side);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  return g_file_new_for_path (path);
}

static OwEvidenceGrid *
wizard_grid (OwDisputeWizard *wizard)
{
  return ow_dispute_evidence_page_get_grid (OW_DISPUTE_EVIDENCE_PAGE (page_of (wizard,
                                                                               "evidence")));
}

typedef struct
{
  OwDispute *dispute;
  char      *warning;
  gboolean   emitted;
} Submitted;

static void
on_submitted_cb (OwDisputeWizard *wizard,
                 OwDispute       *dispute,
                 const char      *warning,
                 Submitted       *submitted)
{
  submitted->dispute = g_object_ref (dispute);
  submitted->warning = g_strdup (warning);
  submitted->emitted = TRUE;
}

/* "I Have Submitted It": recorded, the wizard closes, the order page shows the dispute. */
static OwDispute *
submit (Fixture         *f,
        OwDisputeWizard *wizard)
{
  Submitted submitted = { NULL, NULL, FALSE };
  gpointer weak = wizard;
  gint64 order_id = ow_order_get_id (ow_dispute_wizard_get_order (wizard));
  g_autofree char *draft = ow_dispute_draft_get_path (f->store, order_id);

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  g_signal_connect (wizard, "submitted", G_CALLBACK (on_submitted_cb), &submitted);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.submit", NULL));
  g_assert_true (submitted.emitted);
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));
  g_assert_null (ow_dispute_wizard_find (f->store, order_id));
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_null (submitted.warning);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (ow_dispute_section_get_dispute (ow_order_detail_get_dispute_section (detail_of (f))) != NULL);
  return submitted.dispute;
}

static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scroller = find_type (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scroller);
  ow_test_wait_for_draw (widget);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* Scrolls the order page so @widget is at the top. */
static void
scroll_detail_to (Fixture   *f,
                  GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double x, y;

  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_translate_coordinates (widget,
                                                   gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y - 12);
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autofree char *path = ow_test_screenshot (window, name);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Every control a person can use is named for screen readers and takes the focus. */
static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      *gtk_button_get_label (GTK_BUTTON (widget)) != '\0')
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) != '\0')
    return TRUE;
  return FALSE;
}

static void
check_controls (GtkWidget *widget,
                guint     *n_controls)
{
  gboolean control = GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
                     GTK_IS_SWITCH (widget) || GTK_IS_TEXT_VIEW (widget) ||
                     ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget) ||
                     (GTK_IS_LIST_BOX_ROW (widget) &&
                      gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
                      gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL);

  if (control && gtk_widget_get_visible (widget))
    {
      if (!is_named (widget))
        g_error ("a %s in a %s in a %s has no accessible name (tooltip “%s”)",
                 G_OBJECT_TYPE_NAME (widget), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widget))),
                 gtk_widget_get_tooltip_text (widget));
      if (!gtk_widget_get_focusable (widget) && !ADW_IS_ENTRY_ROW (widget))
        g_error ("a %s cannot take the keyboard focus", G_OBJECT_TYPE_NAME (widget));
      (*n_controls)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_controls (child, n_controls);
}

static void
check_accessible (GtkWidget *widget)
{
  guint n = 0;

  check_controls (widget, &n);
  g_assert_cmpuint (n, >, 0);
}

/* ---- The stories ---- */

static gboolean
not_adding (gpointer data)
{
  return !ow_evidence_grid_is_adding (data);
}

/* Adds @files as a drop does, and waits for the copies: how many were added. */
static guint
add_and_wait (OwEvidenceGrid *grid,
              GSList         *files)
{
  guint before = ow_evidence_grid_get_n_items (grid);

  ow_evidence_grid_add_files (grid, files);
  /* The copying runs in a thread: the button is off meanwhile. */
  g_assert_true (ow_evidence_grid_is_adding (grid));
  g_assert_true (ow_test_wait_until (not_adding, grid, 30000));
  return ow_evidence_grid_get_n_items (grid) - before;
}

static gboolean
not_saving (gpointer data)
{
  return !ow_dispute_section_is_saving_dossier (data);
}

/* Not received: the carrier returned the parcel. The suggested reason is accepted, Refund
 * only is the only solution, a photo is added, the dispute is submitted; then it is followed
 * on the order page until the refund arrives and it is closed as refunded. */
static void
test_not_received (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = add_story (f, &not_received);
  OwDisputeWizard *wizard;
  OwDisputeSection *section;
  OwDisputeDraft *draft;
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *suggested = NULL;
  GSList *files;

  add_returning_parcel (f, id);
  open_window (f);
  wizard = open_wizard (f, id);
  draft = ow_dispute_wizard_get_draft (wizard);
  g_assert_false (ow_dispute_wizard_get_resumed (wizard));

  /* 1. Open on AliExpress now, counting down. */
  expect_page (wizard, "window");
  g_assert_cmpint (ow_dispute_draft_get_channel (draft), ==, OW_CHANNEL_MARKETPLACE);
  g_assert_cmpint (ow_dispute_guide_verdict (ow_dispute_wizard_get_windows (wizard)), ==,
                   OW_DISPUTE_VERDICT_OPEN);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (choice_row (wizard, "window",
                                                                            "window.channel",
                                                                            g_variant_new_uint32 (OW_CHANNEL_MARKETPLACE))),
                                   "Open until "));
  /* Not paid with PayPal: that row cannot be chosen, and says why. */
  {
    AdwActionRow *paypal = choice_row (wizard, "window", "window.channel",
                                       g_variant_new_uint32 (OW_CHANNEL_PAYPAL));

    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (paypal)));
    g_assert_cmpstr (adw_action_row_get_subtitle (paypal), ==, "Not paid with PayPal");
  }
  check_accessible (GTK_WIDGET (wizard));
  next (wizard, "reason");

  /* 2. The suggested reason, marked with why, already picked. */
  g_object_get (page_of (wizard, "reason"), "suggested", &suggested, NULL);
  g_assert_cmpstr (suggested, ==, "returned_to_seller");
  g_assert_cmpstr (ow_dispute_draft_get_reason (draft), ==, "returned_to_seller");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (choice_row (wizard, "reason",
                                                                     "reason.pick",
                                                                     g_variant_new_string ("returned_to_seller"))),
                            "returned the parcel to the seller on"));
  /* Not delivered: the received reasons cannot be picked. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (choice_row (wizard, "reason",
                                                                    "reason.pick",
                                                                    g_variant_new_string ("quality_issue")))));
  check_accessible (GTK_WIDGET (wizard));
  shoot (GTK_WIDGET (wizard), "dispute-wizard-reason-suggested");
  next (wizard, "solution");

  /* 3. Only a refund for an item that never came. */
  g_assert_cmpint (ow_dispute_draft_get_solution (draft), ==, OW_SOLUTION_REFUND_ONLY);
  {
    AdwActionRow *row = choice_row (wizard, "solution", "solution.pick",
                                    g_variant_new_uint32 (OW_SOLUTION_RETURN_GOODS));

    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "only a refund"));
  }
  next (wizard, "amount");

  /* 4. The full amount. */
  g_assert_false (ow_dispute_draft_get_partial (draft));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (choice_row (wizard, "amount",
                                                                     "amount.refund",
                                                                     g_variant_new_string ("full"))),
                            "19.99 USD"));
  next (wizard, "description");

  /* 5. Drafted from the tracking; Copy reaches the clipboard. */
  g_object_get (page_of (wizard, "description"), "text", &text, NULL);
  g_test_message ("drafted: %s", text);
  g_assert_nonnull (strstr (text, "order 8200000000001"));
  g_assert_nonnull (strstr (text, "returned the parcel to the seller"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (wizard, "description")),
                                             "description.copy", NULL));
  {
    g_autofree char *copied = clipboard_text (GTK_WIDGET (wizard));

    g_assert_cmpstr (copied, ==, text);
  }
  g_assert_null (ow_dispute_draft_get_description (draft));
  next (wizard, "evidence");

  /* 6. A photo of the label, with a note. */
  files = fixture_files ("parcel-label.png", NULL);
  g_assert_cmpuint (add_and_wait (wizard_grid (wizard), files), ==, 1);
  g_slist_free_full (files, g_object_unref);
  g_assert_cmpuint (ow_evidence_grid_get_n_items (wizard_grid (wizard)), ==, 1);
  g_assert_cmpuint (ow_evidence_grid_get_n_over_limit (wizard_grid (wizard)), ==, 0);
  {
    g_autoptr(GPtrArray) items = ow_store_list_evidence (f->store, id, NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard_grid (wizard)),
                                               "evidence.set-note", "(xs)",
                                               ow_evidence_get_id (g_ptr_array_index (items, 0)),
                                               "The label the carrier put on it"));
  }
  check_accessible (GTK_WIDGET (wizard));
  next (wizard, "review");

  /* 7. Copy per field, the order's page, submitted. */
  g_assert_cmpstr (ow_dispute_wizard_get_order_url (wizard), ==,
                   "https://www.aliexpress.com/p/order/detail.html?orderId=8200000000001");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.copy", "s",
                                             "8200000000001"));
  g_assert_nonnull (find_actionable (GTK_WIDGET (page_of (wizard, "review")), "wizard.copy",
                                     g_variant_new_string ("8200000000001")));
  g_assert_nonnull (find_actionable (GTK_WIDGET (page_of (wizard, "review")), "wizard.copy",
                                     g_variant_new_string ("Returned to the seller by the carrier")));
  g_assert_nonnull (find_actionable (GTK_WIDGET (page_of (wizard, "review")), "wizard.copy",
                                     g_variant_new_string ("19.99")));
  g_assert_nonnull (find_actionable (GTK_WIDGET (page_of (wizard, "review")), "wizard.open-order",
                                     NULL));
  check_accessible (GTK_WIDGET (wizard));
  dispute = submit (f, wizard);
  g_assert_cmpint (ow_dispute_get_channel (dispute), ==, OW_CHANNEL_MARKETPLACE);
  g_assert_cmpstr (ow_dispute_get_reason (dispute), ==, "returned_to_seller");
  g_assert_cmpint (ow_dispute_get_solution (dispute), ==, OW_SOLUTION_REFUND_ONLY);
  g_assert_cmpint (ow_dispute_get_amount (dispute), ==, 1999);
  g_assert_cmpstr (ow_dispute_get_description (dispute), ==, text);

  /* The order page: the dispute, its deadlines counting down, what can be recorded. */
  section = ow_order_detail_get_dispute_section (detail_of (f));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (section)));
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_OPEN);
  g_assert_cmpuint (ow_dispute_section_get_deadline_rows (section)->len, >=, 1);
  for (guint i = 0; i < ow_dispute_section_get_deadline_rows (section)->len; i++)
    g_assert_nonnull (ow_deadline_row_get_countdown (g_ptr_array_index (ow_dispute_section_get_deadline_rows (section), i)));
  g_assert_cmpuint (ow_evidence_grid_get_n_items (ow_dispute_section_get_evidence_grid (section)),
                    ==, 1);
  /* Its deadlines are in the section, not twice on the page. */
  {
    GPtrArray *rows = ow_order_detail_get_deadline_rows (detail_of (f));

    for (guint i = 0; i < rows->len; i++)
      for (guint j = 0; j < ow_dispute_section_get_deadline_rows (section)->len; j++)
        g_assert_cmpstr (ow_deadline_row_get_rule_id (g_ptr_array_index (rows, i)), !=,
                         ow_deadline_row_get_rule_id (g_ptr_array_index (ow_dispute_section_get_deadline_rows (section), j)));
  }
  check_accessible (GTK_WIDGET (section));
  scroll_detail_to (f, GTK_WIDGET (section));
  shoot (GTK_WIDGET (f->window), "dispute-section-open");

  /* Every step's row is sensitive exactly when the core allows it. */
  {
    static const OwDisputeStepKind kinds[] = {
      OW_STEP_SELLER_ACCEPTED, OW_STEP_SELLER_PROPOSED, OW_STEP_PROPOSAL_ACCEPTED,
      OW_STEP_RETURN_SHIPPED, OW_STEP_REFUND_RECEIVED,
    };

    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *why = NULL;
        gboolean possible = ow_dispute_can_take (ow_dispute_section_get_dispute (section),
                                                 kinds[k], &why);
        g_autofree char *name = g_strconcat ("step-", ow_dispute_step_to_string (kinds[k]),
                                             NULL);
        GtkWidget *row = ow_test_find_named (GTK_WIDGET (section), name);

        g_assert_nonnull (row);
        g_assert_cmpint (gtk_widget_get_sensitive (row), ==, possible);
        if (!possible)
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, why);
      }
  }

  /* The seller says no; escalated; decided for the buyer; the refund arrives; closed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.step", "s",
                                             "seller_rejected"));
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_SELLER_REJECTED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.step", "s",
                                             "escalated"));
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_ESCALATED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.record", "(sxs)",
                                             "decision_refund", (gint64) 0, ""));
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_REFUND_AGREED);
  scroll_detail_to (f, GTK_WIDGET (section));
  shoot (GTK_WIDGET (f->window), "dispute-section-refund-agreed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.record", "(sxs)",
                                             "refund_received", (gint64) 1999, ""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.close-with", "(sx)",
                                             "refunded", (gint64) 0));
  disputes = ow_store_list_disputes (f->store, id, NULL);
  g_assert_cmpuint (disputes->len, ==, 1);
  g_assert_cmpint (ow_dispute_get_state (g_ptr_array_index (disputes, 0)), ==, OW_DISPUTE_CLOSED);
  g_assert_cmpint (ow_dispute_get_outcome (g_ptr_array_index (disputes, 0)), ==,
                   OW_OUTCOME_REFUNDED);
  /* Closed: nothing left to record, the history stays. */
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_CLOSED);
  g_assert_null (ow_test_find_named (GTK_WIDGET (section), "step-seller_accepted"));
}

/* Received with a fault: a partial refund typed and checked as typed, an edited description,
 * evidence over the limit flagged; then the seller wants it back: a return agreed and
 * shipped, its tracking number followed like any parcel. */
static void
test_partial_and_return (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = add_story (f, &with_fault);
  OwDisputeWizard *wizard;
  OwDisputeDraft *draft;
  OwDisputePage *amount;
  OwDisputeSection *section;
  AdwEntryRow *entry;
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  GtkTextBuffer *buffer;
  GSList *files;

  open_window (f);
  wizard = open_wizard (f, id);
  draft = ow_dispute_wizard_get_draft (wizard);
  next (wizard, "reason");
  /* Received: nothing points to a reason; the buyer picks. */
  g_assert_null (ow_dispute_draft_get_reason (draft));
  g_assert_false (ow_dispute_page_get_complete (page_of (wizard, "reason")));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  expect_page (wizard, "reason");
  pick (wizard, "reason", "reason.pick", g_variant_new_string ("quality_issue"));
  next (wizard, "solution");
  g_assert_cmpint (ow_dispute_draft_get_solution (draft), ==, OW_N_SOLUTIONS);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (choice_row (wizard, "solution",
                                                                   "solution.pick",
                                                                   g_variant_new_uint32 (OW_SOLUTION_RETURN_GOODS)))));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (choice_row (wizard, "solution",
                                                                     "solution.pick",
                                                                     g_variant_new_uint32 (OW_SOLUTION_RETURN_GOODS))),
                            "within 10 days"));
  /* Return goods first: then a partial refund is not possible, and says why. */
  pick (wizard, "solution", "solution.pick", g_variant_new_uint32 (OW_SOLUTION_RETURN_GOODS));
  next (wizard, "amount");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (choice_row (wizard, "amount",
                                                                    "amount.refund",
                                                                    g_variant_new_string ("partial")))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  expect_page (wizard, "solution");
  pick (wizard, "solution", "solution.pick", g_variant_new_uint32 (OW_SOLUTION_REFUND_ONLY));
  next (wizard, "amount");

  /* Validated as typed. */
  amount = page_of (wizard, "amount");
  pick (wizard, "amount", "amount.refund", g_variant_new_string ("partial"));
  g_assert_true (ow_dispute_draft_get_partial (draft));
  entry = ADW_ENTRY_ROW (find_type (GTK_WIDGET (amount), ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry)), ==,
                   "Amount in USD");
  g_assert_false (ow_dispute_page_get_complete (amount));
  gtk_editable_set_text (GTK_EDITABLE (entry), "ten");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_true (g_str_has_prefix (ow_dispute_page_get_blocker (amount), "Amount: "));
  gtk_editable_set_text (GTK_EDITABLE (entry), "30");
  g_assert_nonnull (strstr (ow_dispute_page_get_blocker (amount), "25.99 USD paid"));
  shoot (GTK_WIDGET (wizard), "dispute-wizard-amount-invalid");
  gtk_editable_set_text (GTK_EDITABLE (entry), "10.00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_true (ow_dispute_page_get_complete (amount));
  g_assert_cmpint (ow_dispute_draft_get_amount (draft), ==, 1000);
  next (wizard, "description");

  /* The drafted text asks for the part; edited, the draft keeps the edit; back to the draft. */
  {
    g_autofree char *text = NULL;
    gboolean edited;

    g_object_get (page_of (wizard, "description"), "text", &text, NULL);
    g_assert_nonnull (strstr (text, "partial refund of 10.00 USD"));
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_type (GTK_WIDGET (page_of (wizard, "description")),
                                                                 GTK_TYPE_TEXT_VIEW)));
    gtk_text_buffer_set_text (buffer, "", -1);
    g_assert_false (ow_dispute_page_get_complete (page_of (wizard, "description")));
    gtk_text_buffer_set_text (buffer, "The charger stopped charging after two days.", -1);
    g_object_get (page_of (wizard, "description"), "edited", &edited, NULL);
    g_assert_true (edited);
    g_assert_cmpstr (ow_dispute_draft_get_description (draft), ==,
                     "The charger stopped charging after two days.");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (wizard, "description")),
                                               "description.reset", NULL));
    g_assert_null (ow_dispute_draft_get_description (draft));
    gtk_text_buffer_set_text (buffer, "Hello,\n\nThe charger (order 8200000000002) gives no "
                              "power after two days: the light stays red. A photo is "
                              "attached. I ask for a partial refund of 10.00 USD and keep "
                              "it.\n\nThank you.", -1);
  }
  next (wizard, "evidence");

  /* A photo that fits, and one over the 2 MB AliExpress takes: flagged with the reason. */
  files = fixture_files ("item-fault.jpg", NULL);
  files = g_slist_append (files, large_photo ());
  g_assert_cmpuint (add_and_wait (wizard_grid (wizard), files), ==, 2);
  /* The same file again is kept once. */
  g_assert_cmpuint (add_and_wait (wizard_grid (wizard), files), ==, 0);
  g_slist_free_full (files, g_object_unref);
  g_assert_cmpuint (ow_evidence_grid_get_n_items (wizard_grid (wizard)), ==, 2);
  g_assert_cmpuint (ow_evidence_grid_get_n_over_limit (wizard_grid (wizard)), ==, 1);
  g_assert_nonnull (strstr (ow_evidence_grid_get_limit_problem (wizard_grid (wizard)),
                            "AliExpress takes photos up to"));
  shoot (GTK_WIDGET (wizard), "dispute-wizard-evidence-over-limit");
  /* Removed, it is gone from the grid (the original stays). */
  {
    g_autoptr(GPtrArray) items = ow_store_list_evidence (f->store, id, NULL);
    g_autofree char *original = g_build_filename (g_get_user_data_dir (), "unboxing.bmp", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard_grid (wizard)),
                                               "evidence.remove", "x",
                                               ow_evidence_get_id (g_ptr_array_index (items, 1))));
    g_assert_cmpuint (ow_evidence_grid_get_n_items (wizard_grid (wizard)), ==, 1);
    g_assert_cmpuint (ow_evidence_grid_get_n_over_limit (wizard_grid (wizard)), ==, 0);
    g_assert_true (g_file_test (original, G_FILE_TEST_EXISTS));
  }
  next (wizard, "review");
  dispute = submit (f, wizard);
  g_assert_cmpint (ow_dispute_get_amount (dispute), ==, 1000);
  g_assert_cmpint (ow_dispute_get_solution (dispute), ==, OW_SOLUTION_REFUND_ONLY);
  g_assert_true (g_str_has_prefix (ow_dispute_get_description (dispute), "Hello,\n\nThe charger"));

  /* The seller wants it back: a return agreed, asked in a dialog. */
  section = ow_order_detail_get_dispute_section (detail_of (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.record", "(sxs)",
                                             "return_agreed", (gint64) 0,
                                             "Return to: Bright Store, Longhua, Shenzhen"));
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_RETURN_AGREED);
  /* Its ten days count down in the section. */
  {
    GPtrArray *rows = ow_dispute_section_get_deadline_rows (section);
    gboolean found = FALSE;

    for (guint i = 0; i < rows->len; i++)
      found |= g_strcmp0 (ow_deadline_row_get_rule_id (g_ptr_array_index (rows, i)),
                          "return_ship_by") == 0;
    g_assert_true (found);
  }
  scroll_detail_to (f, GTK_WIDGET (section));
  shoot (GTK_WIDGET (f->window), "dispute-section-return-agreed");

  /* Shipped: the dialog wants the tracking number, checked as typed. */
  {
    g_autoptr(GList) before = gtk_window_list_toplevels ();
    g_autoptr(GList) after = NULL;
    AdwMessageDialog *dialog = NULL;
    AdwEntryRow *tracking;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "dispute.step", "s",
                                               "return_shipped"));
    ow_test_iterate (20);
    after = gtk_window_list_toplevels ();
    for (GList *l = after; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && g_list_find (before, l->data) == NULL)
        dialog = l->data;
    g_assert_nonnull (dialog);
    ow_test_wait_for_draw (GTK_WIDGET (dialog));
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
    tracking = ADW_ENTRY_ROW (find_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW));
    gtk_editable_set_text (GTK_EDITABLE (tracking), "RR123456785CN");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
    check_accessible (GTK_WIDGET (dialog));
    shoot (GTK_WIDGET (dialog), "dispute-section-return-shipped-dialog");
    adw_message_dialog_response (dialog, "record");
    ow_test_iterate (20);
  }
  g_assert_cmpint (ow_dispute_get_state (ow_dispute_section_get_dispute (section)), ==,
                   OW_DISPUTE_RETURN_SHIPPED);
  parcels = ow_store_list_parcels (f->store, id, NULL);
  g_assert_cmpuint (parcels->len, ==, 1);
  g_assert_cmpstr (ow_parcel_get_tracking_number (g_ptr_array_index (parcels, 0)), ==,
                   "RR123456785CN");

  /* The order page at 360 pixels wide, and in the dark style. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (ow_window_get_folded (f->window));
  show (f, id);
  g_assert_cmpstr (ow_window_get_visible_page (f->window), ==, "detail");
  scroll_detail_to (f, GTK_WIDGET (section));
  shoot (GTK_WIDGET (f->window), "dispute-section-narrow");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 860);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  show (f, id);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  /* The toasts of what was recorded have gone by then. */
  ow_test_iterate (7000);
  scroll_detail_to (f, GTK_WIDGET (section));
  shoot (GTK_WIDGET (f->window), "dispute-section-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* Closed half-way, the draft stays; opened again (from the order's menu this time) it
 * resumes on the page it was on; Start Over clears the choices. */
static void
test_cancel_and_resume (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = add_story (f, &overdue);
  OwDisputeWizard *wizard;
  OwDisputeDraft *draft;
  gpointer weak;
  g_autofree char *path = ow_dispute_draft_get_path (f->store, id);
  Finding finding = { f->store, id, NULL };
  AdwActionRow *row;

  open_window (f);
  wizard = open_wizard (f, id);
  next (wizard, "reason");
  /* No parcel ever scanned: no tracking. */
  g_assert_cmpstr (ow_dispute_draft_get_reason (ow_dispute_wizard_get_draft (wizard)), ==,
                   "no_tracking");
  next (wizard, "solution");
  next (wizard, "amount");
  pick (wizard, "amount", "amount.refund", g_variant_new_string ("partial"));
  gtk_editable_set_text (GTK_EDITABLE (find_type (GTK_WIDGET (page_of (wizard, "amount")),
                                                  ADW_TYPE_ENTRY_ROW)), "7.25");

  /* Cancel: closed, kept. */
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.cancel", NULL));
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
  row = ADW_ACTION_ROW (find_actionable (GTK_WIDGET (detail_of (f)), "order.open-dispute", NULL));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Continue the dispute you "
                                                                      "started on"));

  /* From the order's menu: where it was. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "dispute-order", NULL);
  g_assert_true (ow_test_wait_until (wizard_found, &finding, 5000));
  wizard = finding.wizard;
  ow_test_wait_for_draw (GTK_WIDGET (wizard));
  draft = ow_dispute_wizard_get_draft (wizard);
  g_assert_true (ow_dispute_wizard_get_resumed (wizard));
  expect_page (wizard, "amount");
  g_assert_cmpstr (ow_dispute_draft_get_reason (draft), ==, "no_tracking");
  g_assert_true (ow_dispute_draft_get_partial (draft));
  g_assert_cmpint (ow_dispute_draft_get_amount (draft), ==, 725);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_type (GTK_WIDGET (page_of (wizard, "amount")),
                                                                   ADW_TYPE_ENTRY_ROW))), ==,
                   "7.25");
  /* Opening it again brings the same window forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail_of (f)), "order.open-dispute",
                                             NULL));
  g_assert_true (ow_dispute_wizard_find (f->store, id) == wizard);

  /* The first page says it resumed; Start Over forgets the choices. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.go", "s", "window"));
  expect_page (wizard, "window");
  shoot (GTK_WIDGET (wizard), "dispute-wizard-resumed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.start-over", NULL));
  g_assert_false (ow_dispute_wizard_get_resumed (wizard));
  g_assert_false (ow_dispute_draft_get_partial (draft));
  expect_page (wizard, "window");
  next (wizard, "reason");
  /* Forward over complete pages only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.go", "s", "review"));
  expect_page (wizard, "solution");
  gtk_window_close (GTK_WINDOW (wizard));
}

/* The marketplace's window closed 65 days ago; paid with PayPal, which takes a dispute for
 * 180 days: the wizard starts there, and the dispute is recorded on PayPal. */
static void
test_closed_leads_to_paypal (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = add_story (f, &closed_paypal);
  guint disputes_before;
  OwDisputeWizard *wizard;
  OwDisputeDraft *draft;
  AdwActionRow *market;
  g_autoptr(OwDispute) dispute = NULL;

  open_window (f);
  disputes_before = ow_order_list_get_count (ow_window_get_order_list (f->window),
                                             OW_FILTER_DISPUTES);
  wizard = open_wizard (f, id);
  draft = ow_dispute_wizard_get_draft (wizard);
  g_assert_cmpint (ow_dispute_guide_verdict (ow_dispute_wizard_get_windows (wizard)), ==,
                   OW_DISPUTE_VERDICT_ELSEWHERE);
  g_assert_cmpint (ow_dispute_draft_get_channel (draft), ==, OW_CHANNEL_PAYPAL);
  market = choice_row (wizard, "window", "window.channel",
                       g_variant_new_uint32 (OW_CHANNEL_MARKETPLACE));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (market)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (market), "cannot be reopened"));
  shoot (GTK_WIDGET (wizard), "dispute-wizard-window-paypal");
  next (wizard, "reason");
  pick (wizard, "reason", "reason.pick", g_variant_new_string ("not_as_described"));
  next (wizard, "solution");
  pick (wizard, "solution", "solution.pick", g_variant_new_uint32 (OW_SOLUTION_RETURN_GOODS));
  next (wizard, "amount");
  next (wizard, "description");
  next (wizard, "evidence");
  next (wizard, "review");
  shoot (GTK_WIDGET (wizard), "dispute-wizard-review-paypal");
  dispute = submit (f, wizard);
  g_assert_cmpint (ow_dispute_get_channel (dispute), ==, OW_CHANNEL_PAYPAL);
  g_assert_cmpint (ow_dispute_get_solution (dispute), ==, OW_SOLUTION_RETURN_GOODS);
  g_assert_cmpint (ow_dispute_get_amount (dispute), ==, 4290);
  /* Its own deadline: escalate to a claim within 20 days. */
  {
    OwDisputeSection *section = ow_order_detail_get_dispute_section (detail_of (f));
    GPtrArray *rows = ow_dispute_section_get_deadline_rows (section);
    gboolean found = FALSE;

    for (guint i = 0; i < rows->len; i++)
      found |= g_strcmp0 (ow_deadline_row_get_rule_id (g_ptr_array_index (rows, i)),
                          "paypal_escalate_by") == 0;
    g_assert_true (found);
  }
  /* The order's own rules know nothing of PayPal's claim: the list counts it down all the
   * same, in the Disputes tab, and so do the order page's timeline and next step. */
  {
    OwOrderList *list = ow_window_get_order_list (f->window);
    g_autoptr(OwOrder) order = ow_store_get_order (f->store, id, NULL);
    const OwDeadlineSet *set = ow_order_list_get_deadlines (list, order);
    const OwDeadline *next = ow_deadlines_get_next (set);

    g_assert_cmpint (set->status, ==, OW_STATUS_DISPUTE);
    g_assert_nonnull (next);
    g_assert_cmpstr (ow_rule_get_id (next->rule), ==, "paypal_escalate_by");
    g_assert_cmpuint (ow_order_list_get_count (list, OW_FILTER_DISPUTES), ==, disputes_before + 1);
    /* "Escalate to a claim within 20 days" */
    g_assert_nonnull (strstr (ow_order_detail_get_next_action (detail_of (f)), "claim"));
  }
  /* For the README: once the toast of what was recorded has gone. */
  ow_test_iterate (4500);
  shoot (GTK_WIDGET (f->window), "window-paypal-dispute");
  /* The order's own rules know nothing of PayPal's claim: the timeline shows it all the same. */
  {
    OwTimeline *timeline = ow_order_detail_get_timeline (detail_of (f));
    gboolean found = FALSE;

    for (guint i = 0; i < ow_timeline_get_n_bars (timeline); i++)
      found |= g_strcmp0 (ow_timeline_get_bar_label (timeline, i),
                          "Escalate to a PayPal claim") == 0;
    g_assert_true (found);
    g_assert_nonnull (strstr (ow_timeline_get_summary (timeline), "Escalate to a PayPal claim"));
  }
  /* And the dossier to hand PayPal, saved from the dispute's section. */
  {
    OwDisputeSection *section = ow_order_detail_get_dispute_section (detail_of (f));
    g_autofree char *dir = g_dir_make_tmp ("orderwatch-dossier-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "dossier.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_nonnull (ow_test_find_named (GTK_WIDGET (section), "export-dossier"));
    g_assert_true (gtk_widget_is_sensitive (
      ow_test_find_named (GTK_WIDGET (section), "export-dossier")));
    ow_dispute_section_save_dossier (section, file);
    g_assert_true (ow_dispute_section_is_saving_dossier (section));
    /* One at a time: the row is off while the PDF is written. */
    g_assert_false (gtk_widget_is_sensitive (
      ow_test_find_named (GTK_WIDGET (section), "export-dossier")));
    g_assert_true (ow_test_wait_until (not_saving, section, 60000));
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_assert_true (gtk_widget_is_sensitive (
      ow_test_find_named (GTK_WIDGET (section), "export-dossier")));
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* Not open yet: when it opens, and the reminder; prepared now. */
static void
test_not_yet (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = add_story (f, &not_yet);
  OwDisputeWizard *wizard;

  open_window (f);
  wizard = open_wizard (f, id);
  g_assert_cmpint (ow_dispute_guide_verdict (ow_dispute_wizard_get_windows (wizard)), ==,
                   OW_DISPUTE_VERDICT_NOT_YET);
  g_assert_true (ow_dispute_page_get_complete (page_of (wizard, "window")));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (choice_row (wizard, "window",
                                                                            "window.channel",
                                                                            g_variant_new_uint32 (OW_CHANNEL_MARKETPLACE))),
                                   "Opens on "));
  check_accessible (GTK_WIDGET (wizard));
  shoot (GTK_WIDGET (wizard), "dispute-wizard-window-not-yet");

  /* Reminders off: the page says so and offers to turn them on. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    GtkWidget *button;

    g_settings_set_boolean (settings, "reminders-enabled", FALSE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.go", "s", "window"));
    next (wizard, "reason");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
    expect_page (wizard, "window");
    button = find_actionable (GTK_WIDGET (wizard), "wizard.enable-reminders", NULL);
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_visible (button));
    shoot (GTK_WIDGET (wizard), "dispute-wizard-window-reminders-off");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.enable-reminders",
                                               NULL));
    g_assert_true (g_settings_get_boolean (settings, "reminders-enabled"));
    g_assert_false (gtk_widget_get_visible (button));
  }
  gtk_window_close (GTK_WINDOW (wizard));
}

/* The notification's "Open dispute" button (app.open-dispute) opens the wizard of its order. */
static void
test_notification (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OwApplication) app = ow_application_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_story (f, &not_received);
  GtkWindow *window;
  OwStore *app_store;
  Finding finding;

  ow_application_set_db_path (app, f->path);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-dispute",
                                  g_variant_new_int64 (id));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (OW_IS_WINDOW (window));
  app_store = ow_window_get_store (OW_WINDOW (window));
  finding = (Finding) { app_store, id, NULL };
  g_assert_true (ow_test_wait_until (wizard_found, &finding, 5000));
  g_assert_cmpint (ow_window_get_shown_order_id (OW_WINDOW (window)), ==, id);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (finding.wizard)) == window);
  gtk_window_destroy (GTK_WINDOW (finding.wizard));
  gtk_window_destroy (window);
  ow_test_iterate (50);
}

/* Every page in light, dark and 360 px wide, on an order with a fault and a photo. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const char *pages[] = { "window", "reason", "solution", "amount", "description",
                                 "evidence", "review" };
  gint64 id = add_story (f, &for_pictures);
  AdwStyleManager *style = adw_style_manager_get_default ();
  OwDisputeWizard *wizard;
  GSList *files;
  int frame;

  open_window (f);
  /* Added before (on the order page, say): the pictures show no toast. */
  files = fixture_files ("item-fault.jpg", "parcel-label.png", NULL);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      g_autoptr(OwEvidence) evidence = ow_evidence_locker_add (f->store, id, path, TRUE,
                                                               OW_EVIDENCE_PHOTO, NULL, NULL);

      g_assert_nonnull (evidence);
    }
  g_slist_free_full (files, g_object_unref);
  wizard = open_wizard (f, id);
  gtk_window_set_default_size (GTK_WINDOW (wizard), 620, 760);
  ow_test_wait_for_draw (GTK_WIDGET (wizard));
  frame = 620 - gtk_widget_get_width (GTK_WIDGET (wizard));
  g_assert_cmpint (frame, >=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *light = g_strdup_printf ("dispute-wizard-%s", pages[i]);
      g_autofree char *dark = g_strdup_printf ("dispute-wizard-%s-dark", pages[i]);
      g_autofree char *narrow = g_strdup_printf ("dispute-wizard-%s-narrow", pages[i]);

      expect_page (wizard, pages[i]);
      if (g_str_equal (pages[i], "reason"))
        pick (wizard, "reason", "reason.pick", g_variant_new_string ("quality_issue"));
      else if (g_str_equal (pages[i], "solution"))
        pick (wizard, "solution", "solution.pick", g_variant_new_uint32 (OW_SOLUTION_REFUND_ONLY));
      else if (g_str_equal (pages[i], "amount"))
        {
          pick (wizard, "amount", "amount.refund", g_variant_new_string ("partial"));
          gtk_editable_set_text (GTK_EDITABLE (find_type (GTK_WIDGET (page_of (wizard, "amount")),
                                                          ADW_TYPE_ENTRY_ROW)), "20.00");
        }
      else if (g_str_equal (pages[i], "evidence"))
        g_assert_cmpuint (ow_evidence_grid_get_n_items (wizard_grid (wizard)), ==, 2);

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      shoot (GTK_WIDGET (wizard), light);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      g_assert_true (adw_style_manager_get_dark (style));
      shoot (GTK_WIDGET (wizard), dark);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      /* The default size counts the window's resize border; the window itself is 360. */
      gtk_window_set_default_size (GTK_WINDOW (wizard), 360 + frame, 720);
      ow_test_wait_for_draw (GTK_WIDGET (wizard));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (wizard)), ==, 360);
      shoot (GTK_WIDGET (wizard), narrow);
      check_accessible (GTK_WIDGET (wizard));
      gtk_window_set_default_size (GTK_WINDOW (wizard), 620, 760);
      ow_test_wait_for_draw (GTK_WIDGET (wizard));
      if (i + 1 < G_N_ELEMENTS (pages))
        next (wizard, pages[i + 1]);
    }
  /* The end of the review: the two buttons. */
  scroll_to_end (GTK_WIDGET (page_of (wizard, "review")));
  shoot (GTK_WIDGET (wizard), "dispute-wizard-review-end");
  gtk_window_close (GTK_WINDOW (wizard));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test context: accessible names can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ow_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/ui/dispute-wizard/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("not-received", test_not_received);
  ADD ("partial-and-return", test_partial_and_return);
  ADD ("cancel-and-resume", test_cancel_and_resume);
  ADD ("closed-leads-to-paypal", test_closed_leads_to_paypal);
  ADD ("not-yet", test_not_yet);
  ADD ("notification", test_notification);
  ADD ("screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
