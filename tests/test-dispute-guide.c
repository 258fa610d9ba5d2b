/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dispute wizard stands on, without a window: where it starts (the verdict and the
 * channel on every kind of order), the reasons, solutions and amounts it offers, what it says
 * about evidence, and the draft kept between sessions (saved, resumed, not mixed up with
 * another order or database, forgotten when submitted or when the order goes). A real
 * SQLite file in the test's own directory. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ow-dispute-action.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute-guide.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-order-action.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store.h"
#include "ow-test-util.h"
#include "ow-time.h"

static gint64
at (const char *iso)
{
  gint64 time = OW_TIME_UNSET;

  g_assert_true (ow_time_parse (iso, NULL, "time", &time, NULL));
  return time;
}

static OwStore *
new_store (const char *name)
{
  g_autofree char *path = ow_test_db_path (name);
  g_autoptr(GError) error = NULL;
  OwStore *store = ow_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Paid 1 Oct, shipped 3 Oct 2026 (the dispute window opens on 14 Oct), 4.99 USD. */
static OwOrder *
add_order (OwStore         *store,
           const char      *number,
           OwPaymentMethod  method)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;

  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, "USB cable");
  ow_order_set_amount (order, 499);
  ow_order_set_payment_method (order, method);
  ow_order_set_time (order, OW_EVENT_PLACED, at ("2026-10-01T09:00:00Z"), OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, at ("2026-10-01T10:00:00Z"), OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, at ("2026-10-03T10:00:00Z"), OW_FACT_USER);
  g_assert_true (ow_store_add_order (store, order, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&order);
}

typedef struct
{
  OwDisputeVerdict verdict;
  OwDisputeChannel channel;
  gboolean         can_start;
} Start;

static Start
start_at (OwOrder          *order,
          OwPolicyRegistry *policies,
          GPtrArray        *disputes,
          const char       *when,
          char            **reason)
{
  OwDisputeWindow windows[OW_N_CHANNELS];
  Start start;

  ow_dispute_windows_compute (order, policies, disputes, at (when), windows);
  start.verdict = ow_dispute_guide_verdict (windows);
  start.channel = ow_dispute_guide_pick_channel (windows);
  ow_dispute_windows_clear (windows);
  start.can_start = ow_dispute_guide_can_start (order, policies, disputes, at (when), reason);
  return start;
}

/* Where the wizard starts: the marketplace while it is open or opens later; PayPal or the
 * card once it has closed; nowhere when nothing is open; not at all with a dispute open. */
static void
test_start (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("guide-start.db");
  g_autoptr(OwOrder) paypal = add_order (store, "8100000001", OW_PAYMENT_PAYPAL);
  g_autoptr(OwOrder) card = add_order (store, "8100000002", OW_PAYMENT_CARD);
  g_autoptr(OwOrder) balance = add_order (store, "8100000003", OW_PAYMENT_BALANCE);
  g_autoptr(OwOrder) unpaid = ow_order_new ();
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *reason = NULL;
  Start start;

  /* 8 Oct: the marketplace opens on 14 Oct; it can be prepared now. PayPal, open already,
   * is the way out once the marketplace has closed, not a way round waiting for it. */
  start = start_at (paypal, policies, NULL, "2026-10-08T00:00:00Z", &reason);
  g_assert_cmpint (start.verdict, ==, OW_DISPUTE_VERDICT_NOT_YET);
  g_assert_cmpint (start.channel, ==, OW_CHANNEL_MARKETPLACE);
  g_assert_true (start.can_start);
  g_assert_null (reason);
  start = start_at (balance, policies, NULL, "2026-10-08T00:00:00Z", &reason);
  g_assert_cmpint (start.verdict, ==, OW_DISPUTE_VERDICT_NOT_YET);
  g_assert_cmpint (start.channel, ==, OW_CHANNEL_MARKETPLACE);
  g_assert_true (start.can_start);

  /* 1 Nov: open on the marketplace, whatever the payment. */
  start = start_at (paypal, policies, NULL, "2026-11-01T00:00:00Z", &reason);
  g_assert_cmpint (start.verdict, ==, OW_DISPUTE_VERDICT_OPEN);
  g_assert_cmpint (start.channel, ==, OW_CHANNEL_MARKETPLACE);
  g_assert_true (start.can_start);

  /* 20 Jan 2027: the marketplace has closed; PayPal (180 days) and the card are open. */
  start = start_at (paypal, policies, NULL, "2027-01-20T00:00:00Z", &reason);
  g_assert_cmpint (start.verdict, ==, OW_DISPUTE_VERDICT_ELSEWHERE);
  g_assert_cmpint (start.channel, ==, OW_CHANNEL_PAYPAL);
  g_assert_true (start.can_start);
  start = start_at (card, policies, NULL, "2027-01-20T00:00:00Z", &reason);
  g_assert_cmpint (start.channel, ==, OW_CHANNEL_CARD);
  g_assert_true (start.can_start);
  /* Paid from the balance: nowhere, with the marketplace's sentence. */
  start = start_at (balance, policies, NULL, "2027-01-20T00:00:00Z", &reason);
  g_assert_cmpint (start.verdict, ==, OW_DISPUTE_VERDICT_NONE);
  g_assert_false (start.can_start);
  g_assert_nonnull (strstr (reason, "cannot be reopened"));
  g_clear_pointer (&reason, g_free);

  /* Not paid: nothing to dispute, whatever the windows. */
  ow_order_set_order_number (unpaid, "8100000004");
  ow_order_set_time (unpaid, OW_EVENT_PLACED, at ("2026-10-01T09:00:00Z"), OW_FACT_USER);
  g_assert_false (ow_dispute_guide_can_start (unpaid, policies, NULL,
                                              at ("2026-10-02T00:00:00Z"), &reason));
  g_assert_nonnull (strstr (reason, "not paid"));
  g_clear_pointer (&reason, g_free);

  /* A dispute open on PayPal: followed on the order's page, not started again. */
  {
    g_autoptr(OwDispute) open = ow_dispute_new (ow_order_get_id (paypal), OW_CHANNEL_PAYPAL);

    ow_dispute_append_step (open, OW_STEP_OPENED, at ("2027-01-10T00:00:00Z"), 0, NULL);
    g_ptr_array_add (disputes, g_steal_pointer (&open));
  }
  start = start_at (paypal, policies, disputes, "2027-01-20T00:00:00Z", &reason);
  g_assert_false (start.can_start);
  g_assert_nonnull (strstr (reason, "A dispute is open"));
}

/* The marketplace said no and the dispute is closed: it cannot be reopened there, but PayPal
 * still takes one, and the wizard leads there. */
static void
test_after_closed_dispute (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("guide-after.db");
  g_autoptr(OwOrder) order = add_order (store, "8100000060", OW_PAYMENT_PAYPAL);
  g_autoptr(OwOrder) read = NULL;
  g_autoptr(OwDispute) opened = NULL;
  g_autoptr(OwDispute) closed = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  OwDisputeRequest request = { OW_CHANNEL_MARKETPLACE, "no_tracking", OW_SOLUTION_REFUND_ONLY,
                               0, NULL, OW_TIME_UNSET };
  Start start;

  opened = ow_dispute_action_open (store, policies, ow_order_get_id (order), &request,
                                   at ("2026-11-01T00:00:00Z"), NULL, &error);
  g_assert_no_error (error);
  closed = ow_dispute_action_close (store, policies, ow_order_get_id (order),
                                    OW_CHANNEL_MARKETPLACE, OW_OUTCOME_REJECTED, 0,
                                    at ("2026-11-15T00:00:00Z"), at ("2026-11-15T00:00:00Z"),
                                    &error);
  g_assert_no_error (error);
  read = ow_store_get_order (store, ow_order_get_id (order), &error);
  disputes = ow_store_list_disputes (store, ow_order_get_id (order), &error);

  start = start_at (read, policies, disputes, "2026-11-20T00:00:00Z", &reason);
  g_assert_cmpint (start.verdict, ==, OW_DISPUTE_VERDICT_ELSEWHERE);
  g_assert_cmpint (start.channel, ==, OW_CHANNEL_PAYPAL);
  g_assert_true (start.can_start);
  g_assert_null (reason);
  {
    OwDisputeWindow windows[OW_N_CHANNELS];

    ow_dispute_windows_compute (read, policies, disputes, at ("2026-11-20T00:00:00Z"), windows);
    g_assert_cmpint (windows[OW_CHANNEL_MARKETPLACE].state, ==, OW_WINDOW_CLOSED);
    g_assert_cmpint (windows[OW_CHANNEL_MARKETPLACE].closes, ==, at ("2026-11-15T00:00:00Z"));
    ow_dispute_windows_clear (windows);
  }
}

static void
test_channels (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("guide-channels.db");
  g_autoptr(OwOrder) card = add_order (store, "8100000010", OW_PAYMENT_CARD);
  OwPolicy *aliexpress = ow_policy_registry_lookup (policies, "aliexpress");
  OwDisputeWindow windows[OW_N_CHANNELS];
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  gint64 now = at ("2026-10-08T00:00:00Z");

  g_assert_cmpstr (ow_dispute_guide_channel_name (aliexpress, OW_CHANNEL_MARKETPLACE), ==,
                   "AliExpress");
  g_assert_cmpstr (ow_dispute_guide_channel_name (aliexpress, OW_CHANNEL_PAYPAL), ==, "PayPal");

  ow_dispute_windows_compute (card, policies, NULL, now, windows);
  /* The marketplace, not open yet, can be prepared; the card's own wait cannot; PayPal
   * does not apply. */
  g_assert_true (ow_dispute_guide_channel_possible (&windows[OW_CHANNEL_MARKETPLACE], &reason));
  g_assert_null (reason);
  g_assert_false (ow_dispute_guide_channel_possible (&windows[OW_CHANNEL_CARD], &reason));
  g_assert_true (g_str_has_prefix (reason, "Opens on "));
  g_clear_pointer (&reason, g_free);
  g_assert_false (ow_dispute_guide_channel_possible (&windows[OW_CHANNEL_PAYPAL], &reason));
  g_assert_cmpstr (reason, ==, "Not paid with PayPal");
  g_clear_pointer (&reason, g_free);

  text = ow_dispute_guide_describe_window (&windows[OW_CHANNEL_MARKETPLACE], now);
  g_assert_true (g_str_has_prefix (text, "Opens on "));
  g_assert_nonnull (strstr (text, " · in 6 days"));
  g_assert_cmpint (ow_dispute_guide_window_changes_at (&windows[OW_CHANNEL_MARKETPLACE]), ==,
                   windows[OW_CHANNEL_MARKETPLACE].opens);
  ow_dispute_windows_clear (windows);
  g_clear_pointer (&text, g_free);

  now = at ("2027-01-20T00:00:00Z");
  ow_dispute_windows_compute (card, policies, NULL, now, windows);
  g_assert_false (ow_dispute_guide_channel_possible (&windows[OW_CHANNEL_MARKETPLACE], &reason));
  g_assert_nonnull (strstr (reason, "cannot be reopened"));
  text = ow_dispute_guide_describe_window (&windows[OW_CHANNEL_MARKETPLACE], now);
  g_assert_true (g_str_has_prefix (text, "Closed on "));
  g_clear_pointer (&text, g_free);
  text = ow_dispute_guide_describe_window (&windows[OW_CHANNEL_CARD], now);
  g_assert_true (g_str_has_prefix (text, "Open until "));
  g_assert_nonnull (strstr (text, " left"));
  ow_dispute_windows_clear (windows);
}

/* The opening's notification: the policy's at-the-time reminder, unless reminders are off
 * or Preferences set other times for it. */
static void
test_notifies_on_open (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  OwPolicy *aliexpress = ow_policy_registry_lookup (policies, "aliexpress");
  g_autoptr(GVariant) offsets = NULL;
  GVariantBuilder builder;

  g_assert_true (ow_dispute_guide_notifies_on_open (aliexpress, NULL));
  g_assert_true (ow_dispute_guide_notifies_on_open (aliexpress, settings));
  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  g_assert_false (ow_dispute_guide_notifies_on_open (aliexpress, settings));
  g_settings_set_boolean (settings, "reminders-enabled", TRUE);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sai}"));
  g_variant_builder_add (&builder, "{s@ai}", "dispute_opens",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_INT32,
                                                    (gint32[]) { 60 }, 1, sizeof (gint32)));
  g_settings_set_value (settings, "reminder-offsets", g_variant_builder_end (&builder));
  g_assert_false (ow_dispute_guide_notifies_on_open (aliexpress, settings));
  g_settings_reset (settings, "reminder-offsets");
}

/* What the reason, solution and amount pages offer. */
static void
test_choices (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("guide-choices.db");
  g_autoptr(OwOrder) order = add_order (store, "8100000020", OW_PAYMENT_CARD);
  OwPolicy *aliexpress = ow_policy_registry_lookup (policies, "aliexpress");
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (aliexpress);
  const OwDisputeReason *overdue = ow_dispute_terms_find_reason (terms, "not_received_overdue");
  const OwDisputeReason *quality = ow_dispute_terms_find_reason (terms, "quality_issue");
  g_autofree char *why = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 amount = -1;

  g_assert_cmpstr (ow_dispute_guide_group_title (OW_REASON_NOT_RECEIVED), ==, "Not Received");
  g_assert_cmpstr (ow_dispute_guide_group_title (OW_REASON_RECEIVED), ==,
                   "Received With a Problem");

  /* Received reasons need a delivery. */
  g_assert_true (ow_dispute_guide_reason_possible (order, overdue, &why));
  g_assert_false (ow_dispute_guide_reason_possible (order, quality, &why));
  g_assert_nonnull (strstr (why, "no delivery recorded"));
  g_clear_pointer (&why, g_free);
  ow_order_set_time (order, OW_EVENT_DELIVERED, at ("2026-10-20T10:00:00Z"), OW_FACT_USER);
  g_assert_true (ow_dispute_guide_reason_possible (order, quality, NULL));

  /* Not received: only a refund; the return's days come from the policy. */
  g_assert_true (ow_dispute_guide_solution_possible (overdue, OW_SOLUTION_REFUND_ONLY, NULL));
  g_assert_false (ow_dispute_guide_solution_possible (overdue, OW_SOLUTION_RETURN_GOODS, &why));
  g_assert_nonnull (strstr (why, "only a refund"));
  g_clear_pointer (&why, g_free);
  g_assert_true (ow_dispute_guide_solution_possible (quality, OW_SOLUTION_RETURN_GOODS, NULL));
  text = ow_dispute_guide_solution_explain (aliexpress, OW_SOLUTION_RETURN_GOODS);
  g_assert_nonnull (strstr (text, "within 10 days"));
  g_clear_pointer (&text, g_free);
  text = ow_dispute_guide_solution_explain (aliexpress, OW_SOLUTION_REFUND_ONLY);
  g_assert_nonnull (strstr (text, "without sending anything"));
  g_assert_true (ow_dispute_guide_partial_possible (OW_SOLUTION_REFUND_ONLY, NULL));
  g_assert_false (ow_dispute_guide_partial_possible (OW_SOLUTION_RETURN_GOODS, &why));
  g_assert_nonnull (strstr (why, "Refund only"));

  /* Amounts as typed. */
  g_assert_false (ow_dispute_guide_parse_amount (order, "Amount", " ", &amount, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "such as 2.49"));
  g_clear_error (&error);
  g_assert_false (ow_dispute_guide_parse_amount (order, "Amount", "two", &amount, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Amount: "));
  g_clear_error (&error);
  g_assert_false (ow_dispute_guide_parse_amount (order, "Amount", "0", &amount, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (ow_dispute_guide_parse_amount (order, "Amount", "5.00", &amount, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "4.99 USD paid"));
  g_clear_error (&error);
  g_assert_true (ow_dispute_guide_parse_amount (order, "Amount", "2.00", &amount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount, ==, 200);
}

static void
test_evidence (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("guide-evidence.db");
  g_autoptr(OwOrder) order = add_order (store, "8100000030", OW_PAYMENT_CARD);
  g_autoptr(OwEvidence) item = NULL;
  g_autoptr(OwEvidence) read = NULL;
  g_autoptr(GError) error = NULL;
  OwPolicy *aliexpress = ow_policy_registry_lookup (policies, "aliexpress");
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (aliexpress);
  g_autofree char *limits = ow_dispute_guide_describe_limits (aliexpress);
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "label.png", NULL);
  g_autofree char *long_note = g_strnfill (OW_EVIDENCE_NOTE_MAX + 1, 'x');

  g_assert_nonnull (strstr (limits, "AliExpress takes up to 6 files per dispute."));
  g_assert_nonnull (strstr (limits, "photos up to 2.1\u00a0MB"));
  g_assert_nonnull (strstr (limits, "jpg"));
  g_assert_true (g_str_has_prefix (ow_dispute_guide_evidence_need (
                                     ow_dispute_terms_find_reason (terms, "quality_issue")),
                                   "Required"));
  g_assert_true (g_str_has_prefix (ow_dispute_guide_evidence_need (
                                     ow_dispute_terms_find_reason (terms, "no_tracking")),
                                   "Optional"));

  /* A note per item, changed in place; too long is refused and nothing changes. */
  g_assert_true (g_file_set_contents (file, "\x89PNG fixture", -1, NULL));
  item = ow_evidence_locker_add (store, ow_order_get_id (order), file, TRUE, OW_EVIDENCE_PHOTO,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ow_evidence_locker_set_note (store, ow_order_get_id (order),
                                              ow_evidence_get_id (item), "The size label", &error));
  g_assert_no_error (error);
  g_assert_false (ow_evidence_locker_set_note (store, ow_order_get_id (order),
                                               ow_evidence_get_id (item), long_note, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (ow_evidence_locker_set_note (store, ow_order_get_id (order) + 1,
                                               ow_evidence_get_id (item), "x", &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  read = ow_store_get_evidence (store, ow_evidence_get_id (item), &error);
  g_assert_cmpstr (ow_evidence_get_note (read), ==, "The size label");
}

/* A draft saved and read back is the same draft; a file that is not one is an error that
 * names it; a draft of another order with the same id, or of another database, is not
 * this one's. */
static void
test_draft_resume (void)
{
  g_autoptr(OwStore) store = new_store ("guide-draft.db");
  g_autoptr(OwStore) other = new_store ("guide-other.db");
  g_autoptr(OwOrder) order = add_order (store, "8100000040", OW_PAYMENT_CARD);
  g_autoptr(OwOrder) twin = add_order (other, "8100000041", OW_PAYMENT_CARD);
  g_autoptr(OwDisputeDraft) draft = ow_dispute_draft_new (order);
  g_autoptr(OwDisputeDraft) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ow_dispute_draft_get_path (store, ow_order_get_id (order));
  g_autofree char *other_path = ow_dispute_draft_get_path (other, ow_order_get_id (twin));
  gint64 now = at ("2026-11-01T00:00:00Z");

  /* Nothing saved yet. */
  g_assert_null (ow_dispute_draft_load (store, order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ow_order_get_id (order), ==, ow_order_get_id (twin));
  g_assert_cmpstr (path, !=, other_path);

  ow_dispute_draft_set_channel (draft, OW_CHANNEL_CARD);
  ow_dispute_draft_set_reason (draft, "no_tracking");
  ow_dispute_draft_set_solution (draft, OW_SOLUTION_REFUND_ONLY);
  ow_dispute_draft_set_partial (draft, TRUE);
  ow_dispute_draft_set_amount (draft, 250);
  ow_dispute_draft_set_description (draft, "My own words, «accents» and all.");
  ow_dispute_draft_set_page (draft, "evidence");
  g_assert_true (ow_dispute_draft_save (draft, store, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ow_dispute_draft_get_started_at (draft), ==, now);
  /* A later save keeps when it started. */
  g_assert_true (ow_dispute_draft_save (draft, store, now + 3600, &error));
  g_assert_cmpint (ow_dispute_draft_get_started_at (draft), ==, now);

  read = ow_dispute_draft_load (store, order, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpint (ow_dispute_draft_get_order_id (read), ==, ow_order_get_id (order));
  g_assert_cmpint (ow_dispute_draft_get_channel (read), ==, OW_CHANNEL_CARD);
  g_assert_cmpstr (ow_dispute_draft_get_reason (read), ==, "no_tracking");
  g_assert_cmpint (ow_dispute_draft_get_solution (read), ==, OW_SOLUTION_REFUND_ONLY);
  g_assert_true (ow_dispute_draft_get_partial (read));
  g_assert_cmpint (ow_dispute_draft_get_amount (read), ==, 250);
  g_assert_cmpint (ow_dispute_draft_get_claimed (read, order), ==, 250);
  g_assert_cmpstr (ow_dispute_draft_get_description (read), ==,
                   "My own words, «accents» and all.");
  g_assert_cmpstr (ow_dispute_draft_get_page (read), ==, "evidence");
  g_assert_cmpint (ow_dispute_draft_get_started_at (read), ==, now);
  g_clear_object (&read);

  /* The other database's order with the same id has no draft. */
  g_assert_null (ow_dispute_draft_load (other, twin, &error));
  g_assert_no_error (error);

  /* Written over by something else: an error naming the file; the wizard starts again. */
  g_assert_true (g_file_set_contents (other_path, "{ not json", -1, NULL));
  g_assert_null (ow_dispute_draft_load (other, twin, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, other_path));
  g_clear_error (&error);
  g_assert_true (ow_dispute_draft_discard (other, ow_order_get_id (twin), &error));
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));
  /* Nothing to discard is fine. */
  g_assert_true (ow_dispute_draft_discard (other, ow_order_get_id (twin), &error));
  g_assert_no_error (error);

  /* The order's id now names another order: the old draft is dropped. */
  ow_order_set_order_number (order, "8100000049");
  g_assert_null (ow_dispute_draft_load (store, order, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Submitting checks the draft, opens the dispute in one transaction and forgets the draft;
 * deleting the order forgets its draft too. */
static void
test_draft_submit (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("guide-submit.db");
  g_autoptr(OwOrder) order = add_order (store, "8100000050", OW_PAYMENT_PAYPAL);
  g_autoptr(OwOrder) gone = add_order (store, "8100000051", OW_PAYMENT_PAYPAL);
  g_autoptr(OwDisputeDraft) draft = ow_dispute_draft_new (order);
  g_autoptr(OwDisputeDraft) other = ow_dispute_draft_new (gone);
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(OwOrder) deleted = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *path = ow_dispute_draft_get_path (store, ow_order_get_id (order));
  g_autofree char *gone_path = ow_dispute_draft_get_path (store, ow_order_get_id (gone));
  OwActionRequest request = { OW_ACTION_DELETE, OW_TIME_UNSET };
  gint64 now = at ("2027-01-20T00:00:00Z");

  g_assert_true (ow_dispute_draft_save (draft, store, now, &error));
  g_assert_null (ow_dispute_draft_submit (draft, store, policies, now, &warning, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, "Reason:"));
  g_clear_error (&error);
  ow_dispute_draft_set_reason (draft, "not_received_overdue");
  g_assert_null (ow_dispute_draft_submit (draft, store, policies, now, &warning, &error));
  g_assert_true (g_str_has_prefix (error->message, "Solution:"));
  g_clear_error (&error);
  ow_dispute_draft_set_solution (draft, OW_SOLUTION_REFUND_ONLY);
  /* What would be sent, drafted for the reason and the amount. */
  {
    g_autofree char *full = ow_dispute_draft_compose (draft, store,
                                                      ow_policy_registry_lookup (policies,
                                                                                 "aliexpress"),
                                                      order, now);

    g_assert_nonnull (strstr (full, "order 8100000050 (USB cable)"));
    g_assert_nonnull (strstr (full, "full refund of 4.99 USD"));
  }
  ow_dispute_draft_set_partial (draft, TRUE);
  g_assert_null (ow_dispute_draft_submit (draft, store, policies, now, &warning, &error));
  g_assert_true (g_str_has_prefix (error->message, "Amount:"));
  g_clear_error (&error);
  /* The core's own checks still apply: no more than was paid. */
  ow_dispute_draft_set_amount (draft, 10000);
  g_assert_null (ow_dispute_draft_submit (draft, store, policies, now, &warning, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* On PayPal, after the marketplace closed: recorded, no warning. */
  ow_dispute_draft_set_channel (draft, OW_CHANNEL_PAYPAL);
  ow_dispute_draft_set_amount (draft, 300);
  dispute = ow_dispute_draft_submit (draft, store, policies, now, &warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dispute);
  g_assert_null (warning);
  g_assert_cmpint (ow_dispute_get_channel (dispute), ==, OW_CHANNEL_PAYPAL);
  g_assert_cmpint (ow_dispute_get_amount (dispute), ==, 300);
  g_assert_nonnull (strstr (ow_dispute_get_description (dispute), "partial refund of 3.00 USD"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  disputes = ow_store_list_disputes (store, ow_order_get_id (order), &error);
  g_assert_cmpuint (disputes->len, ==, 1);

  g_assert_true (ow_dispute_draft_save (other, store, now, &error));
  g_assert_true (g_file_test (gone_path, G_FILE_TEST_EXISTS));
  deleted = ow_order_action_apply (store, policies, ow_order_get_id (gone), &request, now,
                                   &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (gone_path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/core/dispute-guide/start", test_start);
  g_test_add_func ("/core/dispute-guide/after-a-closed-dispute", test_after_closed_dispute);
  g_test_add_func ("/core/dispute-guide/channels", test_channels);
  g_test_add_func ("/core/dispute-guide/notifies-on-open", test_notifies_on_open);
  g_test_add_func ("/core/dispute-guide/choices", test_choices);
  g_test_add_func ("/core/dispute-guide/evidence", test_evidence);
  g_test_add_func ("/core/dispute-guide/draft/resume", test_draft_resume);
  g_test_add_func ("/core/dispute-guide/draft/submit", test_draft_submit);
  return g_test_run ();
}
