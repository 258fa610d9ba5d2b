/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Disputes in the core: the migration from a version-1 file, the dispute's deadlines on
 * every channel, its state machine, the evidence locker, eligibility, the suggested reason
 * and the drafted claim; then every `orderwatch dispute` command and its bad input, run as
 * the built program on a real SQLite file. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "ow-core-resources.h"
#include "ow-deadlines.h"
#include "ow-dispute-action.h"
#include "ow-dispute-claim.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-order-action.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store-summaries.h"
#include "ow-store.h"
#include "ow-test-util.h"
#include "ow-time.h"

#define DAY 86400
#define HOUR 3600

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

/* Paid 1 Oct, shipped 3 Oct 2026 (PDT), 4.99 USD by card. */
static gint64
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
  return ow_order_get_id (order);
}

static const OwDeadline *
find (const OwDeadlineSet *set,
      const char          *id)
{
  const OwDeadline *deadline = ow_deadlines_find (set, id);

  g_assert_nonnull (deadline);
  return deadline;
}

/* ---- Migration ---- */

/* A file as version 1 made it: its schema, an order, user_version 1. */
static void
test_migration_from_v1 (void)
{
  g_autofree char *path = ow_test_db_path ("v1.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) v1 = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  v1 = g_resource_lookup_data (ow_core_get_resource (),
                               "/io/github/orderwatch/Orderwatch/schema/001-initial.sql", 0,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (v1, NULL), NULL, NULL, &message), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO orders (marketplace, order_number, amount, "
                                     "paid_at, dispute_opened_at, created_at, modified_at) "
                                     "VALUES ('aliexpress', '42', 1299, 1790000000, 1790500000, "
                                     "1, 1); PRAGMA user_version = 1;", NULL, NULL, &message),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = ow_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_store_get_schema_version (store), ==, 6);
  order = ow_store_find_order (store, "aliexpress", "42", &error);
  g_assert_no_error (error);
  /* Version 6 gives the order kept from version 1 a summary row, to be computed. */
  {
    g_autoptr(GArray) summaries = ow_store_list_order_summaries (store, "rules", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summaries->len, ==, 1);
    g_assert_cmpint (g_array_index (summaries, OwOrderSummary, 0).order_id, ==,
                     ow_order_get_id (order));
    g_assert_false (g_array_index (summaries, OwOrderSummary, 0).computed);
  }
  g_assert_cmpint (ow_order_get_amount (order), ==, 1299);
  g_assert_cmpint (ow_order_get_time (order, OW_EVENT_DISPUTE_OPENED), ==, 1790500000);
  disputes = ow_store_list_disputes (store, ow_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disputes->len, ==, 0);
}

/* ---- The dispute's deadlines ---- */

static OwDispute *
dispute_opened (gint64           order_id,
                OwDisputeChannel channel,
                gint64           opened)
{
  OwDispute *dispute = ow_dispute_new (order_id, channel);

  ow_dispute_set_reason (dispute, "not_received_overdue");
  ow_dispute_set_amount (dispute, 499);
  ow_dispute_append_step (dispute, OW_STEP_OPENED, opened, 0, NULL);
  return dispute;
}

static void
test_deadlines_marketplace (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("deadlines.db");
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  gint64 id = add_order (store, "1", OW_PAYMENT_CARD);
  /* Opened the day before DST ends in Los Angeles (1 Nov 2026): 5 days later keeps 10:00. */
  gint64 opened = at ("2026-10-31T10:00:00-07:00");
  OwDeadlineSet set;
  const OwDeadline *d;

  order = ow_store_get_order (store, id, NULL);
  dispute = dispute_opened (id, OW_CHANNEL_MARKETPLACE, opened);

  g_assert_true (ow_dispute_compute_deadlines (dispute, order, policies, opened + HOUR, &set));
  d = find (&set, "seller_response");
  g_assert_cmpint (d->state, ==, OW_DEADLINE_RUNNING);
  g_assert_cmpint (d->due, ==, at ("2026-11-05T10:00:00-08:00"));
  g_assert_cmpint (d->due_late, ==, at ("2026-11-15T10:00:00-08:00"));
  d = find (&set, "escalation");
  g_assert_cmpint (d->due, ==, at ("2026-11-07T10:00:00-08:00"));
  g_assert_cmpint (find (&set, "proposal_reply")->state, ==, OW_DEADLINE_NOT_STARTED);
  g_assert_cmpint (find (&set, "return_ship_by")->state, ==, OW_DEADLINE_NOT_STARTED);

  /* A proposal: 2 days to answer it; the seller has responded. */
  ow_dispute_append_step (dispute, OW_STEP_SELLER_PROPOSED, opened + DAY, 200, NULL);
  ow_dispute_compute_deadlines (dispute, order, policies, opened + DAY + HOUR, &set);
  g_assert_cmpint (find (&set, "seller_response")->state, ==, OW_DEADLINE_MET);
  d = find (&set, "proposal_reply");
  g_assert_cmpint (d->state, ==, OW_DEADLINE_RUNNING);
  g_assert_cmpint (d->due, ==, opened + 3 * DAY);

  /* Rejected, then a return agreed: ship within 10 days; shipping it meets that. */
  ow_dispute_append_step (dispute, OW_STEP_PROPOSAL_REJECTED, opened + 2 * DAY, 0, NULL);
  ow_dispute_append_step (dispute, OW_STEP_RETURN_AGREED, opened + 3 * DAY, 0, "Shenzhen");
  ow_dispute_compute_deadlines (dispute, order, policies, opened + 3 * DAY + HOUR, &set);
  g_assert_cmpint (find (&set, "proposal_reply")->state, ==, OW_DEADLINE_MET);
  d = find (&set, "return_ship_by");
  g_assert_cmpint (d->state, ==, OW_DEADLINE_RUNNING);
  /* Agreed 72 hours after 10:00 PDT is 09:00 PST; ten days later keeps 09:00. */
  g_assert_cmpint (d->due, ==, at ("2026-11-13T09:00:00-08:00"));
  ow_dispute_append_step (dispute, OW_STEP_RETURN_SHIPPED, opened + 4 * DAY, 0, "LP1");
  ow_dispute_compute_deadlines (dispute, order, policies, opened + 4 * DAY + HOUR, &set);
  g_assert_cmpint (find (&set, "return_ship_by")->state, ==, OW_DEADLINE_MET);

  /* A decision starts the refund's 20 business days (weekends skipped). */
  ow_dispute_append_step (dispute, OW_STEP_DECISION_REFUND, at ("2026-11-06T10:00:00-08:00"),
                          0, NULL);
  ow_dispute_compute_deadlines (dispute, order, policies, at ("2026-11-07T00:00:00Z"), &set);
  d = find (&set, "refund_due");
  g_assert_cmpint (d->due, ==, at ("2026-12-04T10:00:00-08:00"));
}

static void
test_deadlines_channels (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("channels.db");
  g_autoptr(OwOrder) paypal_order = NULL;
  g_autoptr(OwOrder) card_order = NULL;
  g_autoptr(OwDispute) paypal = NULL;
  gint64 paypal_id = add_order (store, "pp", OW_PAYMENT_PAYPAL);
  gint64 card_id = add_order (store, "card", OW_PAYMENT_CARD);
  OwDisputeWindow windows[OW_N_CHANNELS];
  OwDeadlineSet set;
  const OwDeadline *d;

  paypal_order = ow_store_get_order (store, paypal_id, NULL);
  card_order = ow_store_get_order (store, card_id, NULL);

  /* PayPal: open within 180 days of payment; by card, there is no PayPal window. */
  ow_dispute_windows_compute (paypal_order, policies, NULL, at ("2026-11-01T00:00:00Z"), windows);
  g_assert_cmpint (windows[OW_CHANNEL_PAYPAL].state, ==, OW_WINDOW_OPEN);
  g_assert_cmpint (windows[OW_CHANNEL_PAYPAL].closes, ==, at ("2027-03-30T10:00:00Z"));
  g_assert_cmpint (windows[OW_CHANNEL_CARD].state, ==, OW_WINDOW_NOT_APPLICABLE);
  ow_dispute_windows_clear (windows);
  ow_dispute_windows_compute (card_order, policies, NULL, at ("2026-11-01T00:00:00Z"), windows);
  g_assert_cmpint (windows[OW_CHANNEL_PAYPAL].state, ==, OW_WINDOW_NOT_APPLICABLE);
  /* The card: from the latest expected delivery (shipped + 60 days) for 90 days, 120 late. */
  g_assert_cmpint (windows[OW_CHANNEL_CARD].state, ==, OW_WINDOW_NOT_YET);
  g_assert_cmpint (windows[OW_CHANNEL_CARD].opens, ==, at ("2026-12-02T10:00:00Z"));
  g_assert_cmpint (windows[OW_CHANNEL_CARD].closes, ==, at ("2027-03-02T10:00:00Z"));
  g_assert_cmpint (windows[OW_CHANNEL_CARD].closes_late, ==, at ("2027-04-01T10:00:00Z"));
  ow_dispute_windows_clear (windows);

  /* A PayPal dispute: escalate to a claim within 20 days; escalating meets it. */
  paypal = dispute_opened (paypal_id, OW_CHANNEL_PAYPAL, at ("2026-11-10T12:00:00Z"));
  ow_dispute_compute_deadlines (paypal, paypal_order, policies, at ("2026-11-11T00:00:00Z"), &set);
  d = find (&set, "paypal_escalate_by");
  g_assert_cmpint (d->due, ==, at ("2026-11-30T12:00:00Z"));
  g_assert_cmpint (d->state, ==, OW_DEADLINE_RUNNING);
  g_assert_cmpint (find (&set, "paypal_open_by")->state, ==, OW_DEADLINE_MET);
  ow_dispute_append_step (paypal, OW_STEP_ESCALATED, at ("2026-11-20T12:00:00Z"), 0, NULL);
  ow_dispute_compute_deadlines (paypal, paypal_order, policies, at ("2026-11-21T00:00:00Z"), &set);
  g_assert_cmpint (find (&set, "paypal_escalate_by")->state, ==, OW_DEADLINE_MET);
  g_assert_cmpint (find (&set, "paypal_decision")->state, ==, OW_DEADLINE_RUNNING);

  /* The marketplace's dispute does not meet PayPal's window. */
  {
    g_autoptr(OwDispute) market = dispute_opened (paypal_id, OW_CHANNEL_MARKETPLACE,
                                                  at ("2026-11-05T00:00:00Z"));
    g_autoptr(GPtrArray) disputes = g_ptr_array_new ();

    g_ptr_array_add (disputes, market);
    ow_dispute_windows_compute (paypal_order, policies, disputes, at ("2026-11-06T00:00:00Z"),
                                windows);
    g_assert_cmpint (windows[OW_CHANNEL_MARKETPLACE].state, ==, OW_WINDOW_IN_PROGRESS);
    g_assert_cmpint (windows[OW_CHANNEL_PAYPAL].state, ==, OW_WINDOW_OPEN);
    ow_dispute_windows_clear (windows);
  }

  /* Months later: the marketplace window has closed, PayPal is still open. */
  ow_dispute_windows_compute (paypal_order, policies, NULL, at ("2027-01-20T00:00:00Z"), windows);
  g_assert_cmpint (windows[OW_CHANNEL_MARKETPLACE].state, ==, OW_WINDOW_CLOSED);
  g_assert_cmpint (windows[OW_CHANNEL_PAYPAL].state, ==, OW_WINDOW_OPEN);
  g_assert_nonnull (strstr (windows[OW_CHANNEL_PAYPAL].summary, "PayPal: open now, until"));
  ow_dispute_windows_clear (windows);
}

/* ---- The state machine ---- */

static void
test_state_machine (void)
{
  static const struct
  {
    OwDisputeStepKind history[4];
    guint             n_history;
    const char       *allowed;   /* a letter per OwDisputeStepKind: y or n */
    OwDisputeState    state;
  } cases[] = {
    /* opened, accepted, rejected, proposed, p-accepted, p-rejected, escalated, return agreed,
     * return shipped, decision refund, decision no refund, refund received, closed */
    { { 0 }, 0, "ynnnnnnnnnnnn", OW_DISPUTE_OPEN },
    { { OW_STEP_OPENED }, 1, "nyyynnyynyyyy", OW_DISPUTE_OPEN },
    { { OW_STEP_OPENED, OW_STEP_SELLER_PROPOSED }, 2, "nnnnyyyynyyyy", OW_DISPUTE_PROPOSAL },
    { { OW_STEP_OPENED, OW_STEP_SELLER_REJECTED }, 2, "nyyynnyynyyyy", OW_DISPUTE_SELLER_REJECTED },
    { { OW_STEP_OPENED, OW_STEP_ESCALATED }, 2, "nyyynnnynyyyy", OW_DISPUTE_ESCALATED },
    { { OW_STEP_OPENED, OW_STEP_RETURN_AGREED }, 2, "nnnnnnynyyyny", OW_DISPUTE_RETURN_AGREED },
    { { OW_STEP_OPENED, OW_STEP_RETURN_AGREED, OW_STEP_RETURN_SHIPPED }, 3, "nnnnnnynnyyyy",
      OW_DISPUTE_RETURN_SHIPPED },
    { { OW_STEP_OPENED, OW_STEP_DECISION_NO_REFUND }, 2, "nnnnnnnnnnnny",
      OW_DISPUTE_REFUND_REFUSED },
    { { OW_STEP_OPENED, OW_STEP_SELLER_ACCEPTED }, 2, "nnnnnnnynyyyy", OW_DISPUTE_REFUND_AGREED },
    { { OW_STEP_OPENED, OW_STEP_CLOSED }, 2, "nnnnnnnnnnnnn", OW_DISPUTE_CLOSED },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(OwDispute) dispute = ow_dispute_new (1, OW_CHANNEL_MARKETPLACE);

      for (guint i = 0; i < cases[c].n_history; i++)
        ow_dispute_append_step (dispute, cases[c].history[i], 1000 + i, 0,
                                cases[c].history[i] == OW_STEP_CLOSED ? "withdrawn" : NULL);
      if (cases[c].n_history > 0)
        g_assert_cmpint (ow_dispute_get_state (dispute), ==, cases[c].state);
      g_assert_cmpuint (strlen (cases[c].allowed), ==, OW_N_STEPS);

      for (guint k = 0; k < OW_N_STEPS; k++)
        {
          g_autofree char *reason = NULL;
          gboolean allowed = ow_dispute_can_take (dispute, k, &reason);

          if (allowed != (cases[c].allowed[k] == 'y'))
            g_error ("case %u: %s is %s (%s)", c, ow_dispute_step_to_string (k),
                     allowed ? "allowed" : "refused", reason ? reason : "");
          g_assert_true (allowed == (reason == NULL));
        }
    }
}

/* ---- The evidence locker ---- */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gsize       length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static char *
sha256_of (const char *contents,
           gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_evidence_locker (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("locker.db");
  g_autofree char *originals = g_build_filename (g_get_user_data_dir (), "originals", NULL);
  g_autofree char *photo = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *big = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *locker = ow_evidence_locker_get_dir (store);
  g_autofree char *stored = NULL;
  g_autofree char *stored_text = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *large = g_malloc0 (3 * 1024 * 1024);
  g_autoptr(OwEvidence) first = NULL;
  g_autoptr(OwEvidence) again = NULL;
  g_autoptr(OwEvidence) other = NULL;
  g_autoptr(OwEvidence) oversized = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char contents[] = "\x89PNG fake photo of a broken cable";
  gint64 one = add_order (store, "e1", OW_PAYMENT_CARD);
  gint64 two = add_order (store, "e2", OW_PAYMENT_CARD);
  struct stat before, after;

  g_assert_cmpint (g_mkdir_with_parents (originals, 0700), ==, 0);
  photo = write_file (originals, "broken.png", contents, sizeof contents - 1);
  copy = write_file (originals, "same-again.png", contents, sizeof contents - 1);
  expected = sha256_of (contents, sizeof contents - 1);
  g_assert_cmpint (g_stat (photo, &before), ==, 0);

  first = ow_evidence_locker_add (store, one, photo, TRUE, 0, "cable", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ow_evidence_get_sha256 (first), ==, expected);
  g_assert_cmpint (ow_evidence_get_size (first), ==, sizeof contents - 1);
  g_assert_cmpint (ow_evidence_get_kind (first), ==, OW_EVIDENCE_PHOTO);
  g_assert_cmpstr (ow_evidence_get_media_type (first), ==, "image/png");
  /* The copy is the file; the original is where it was, unchanged. */
  stored = ow_evidence_locker_get_path (store, first);
  g_assert_true (g_str_has_prefix (stored, locker));
  g_assert_true (g_file_get_contents (stored, &stored_text, NULL, NULL));
  g_assert_cmpstr (stored_text, ==, contents);
  g_assert_cmpint (g_stat (photo, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);

  /* The same bytes again, under another name: stored once, the record it has. */
  again = ow_evidence_locker_add (store, one, copy, TRUE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ow_evidence_get_id (again), ==, ow_evidence_get_id (first));
  items = ow_store_list_evidence (store, one, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (count_files (locker), ==, 1);

  /* Another order may hold the same file: one copy, two records. */
  other = ow_evidence_locker_add (store, two, photo, TRUE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (locker), ==, 1);

  /* Over AliExpress's 2 MB for photos: kept, flagged. */
  big = write_file (originals, "big.jpg", large, 3 * 1024 * 1024);
  oversized = ow_evidence_locker_add (store, one, big, TRUE, 0, NULL, &error);
  g_assert_no_error (error);
  limit = ow_evidence_check_limits (oversized, ow_policy_registry_lookup (policies, "aliexpress"),
                                    1);
  g_assert_nonnull (limit);
  g_assert_nonnull (strstr (limit, "AliExpress takes photos up to"));

  /* Refused, nothing written: a folder, a missing file, a FIFO. */
  g_assert_null (ow_evidence_locker_add (store, one, originals, TRUE, 0, NULL, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *missing = g_build_filename (originals, "nope.jpg", NULL);
    g_autofree char *fifo = g_build_filename (originals, "pipe.jpg", NULL);

    g_assert_null (ow_evidence_locker_add (store, one, missing, TRUE, 0, NULL, &error));
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_assert_null (ow_evidence_locker_add (store, one, fifo, TRUE, 0, NULL, &error));
    g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ow_store_list_evidence (store, one, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (count_files (locker), ==, 2);

  /* Removing from one order keeps the file the other still uses. */
  g_assert_true (ow_evidence_locker_remove (store, one, ow_evidence_get_id (first), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (stored, G_FILE_TEST_EXISTS));
  {
    OwActionRequest request = { OW_ACTION_DELETE, OW_TIME_UNSET, 0, OW_EXTENSION_PENDING, 0,
                                OW_CLOSE_NONE, NULL };
    g_autoptr(OwOrder) deleted = NULL;

    /* Deleting the order that last used it removes it. */
    deleted = ow_order_action_apply (store, policies, two, &request, ow_time_now (), &error);
    g_assert_no_error (error);
    g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpuint (count_files (locker), ==, 1);
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GPtrArray *
add_files_and_wait (OwStore             *store,
                    gint64               order_id,
                    const char * const  *paths,
                    GCancellable        *cancellable,
                    char               **problem)
{
  g_autoptr(GAsyncResult) result = NULL;

  ow_evidence_locker_add_files_async (store, order_id, paths, cancellable, on_added_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ow_evidence_locker_add_files_finish (store, result, problem);
}

/* The window's way: copies in a thread, records on the store's; what fails is told, the
 * rest kept, and no half-made copy is left behind. */
static void
test_evidence_locker_async (void)
{
  g_autoptr(OwStore) store = new_store ("locker-async.db");
  g_autofree char *originals = g_build_filename (g_get_user_data_dir (), "originals-async", NULL);
  g_autofree char *locker = ow_evidence_locker_get_dir (store);
  g_autofree char *photo = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  const char contents[] = "\x89PNG another fake photo";
  gint64 order = add_order (store, "a1", OW_PAYMENT_CARD);

  g_assert_cmpint (g_mkdir_with_parents (originals, 0700), ==, 0);
  photo = write_file (originals, "lamp.png", contents, sizeof contents - 1);
  copy = write_file (originals, "lamp again.png", contents, sizeof contents - 1);
  missing = g_build_filename (originals, "gone.jpg", NULL);

  {
    const char *paths[] = { photo, missing, copy, NULL };

    records = add_files_and_wait (store, order, paths, NULL, &problem);
  }
  /* The photo, then the same bytes again: the record it has. */
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpint (ow_evidence_get_id (g_ptr_array_index (records, 0)), ==,
                   ow_evidence_get_id (g_ptr_array_index (records, 1)));
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "gone.jpg"));
  items = ow_store_list_evidence (store, order, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (count_files (locker), ==, 1);

  /* Cancelled before it ran: nothing copied, nothing recorded. */
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problem, g_free);
  g_cancellable_cancel (cancelled);
  {
    g_autofree char *other = write_file (originals, "other.png", "other", 5);
    const char *paths[] = { other, NULL };

    records = add_files_and_wait (store, order, paths, cancelled, &problem);
  }
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_nonnull (problem);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ow_store_list_evidence (store, order, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (count_files (locker), ==, 1);
}

/* ---- What the app writes ---- */

static void
test_suggest_and_draft (void)
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  g_autoptr(OwStore) store = new_store ("claim.db");
  OwPolicy *aliexpress = ow_policy_registry_lookup (policies, "aliexpress");
  gint64 id = add_order (store, "8123456789", OW_PAYMENT_CARD);
  g_autoptr(OwOrder) order = ow_store_get_order (store, id, NULL);
  g_autoptr(GPtrArray) parcels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(OwParcel) parcel = ow_parcel_new (id, "LP00123456789012", NULL);
  g_autofree char *why = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *partial = NULL;
  const char *reason;

  /* Silent for 10 days after shipping: no tracking. */
  reason = ow_dispute_suggest_reason (order, aliexpress, parcels, at ("2026-10-20T00:00:00Z"),
                                      &why);
  g_assert_cmpstr (reason, ==, "no_tracking");
  g_assert_nonnull (strstr (why, "3 Oct"));
  g_clear_pointer (&why, g_free);

  /* The carrier returns it. */
  ow_parcel_set_status (parcel, OW_TRACKING_STATUS_RETURNING);
  ow_parcel_set_last_movement (parcel, at ("2026-11-12T08:00:00Z"));
  g_ptr_array_add (parcels, g_object_ref (parcel));
  reason = ow_dispute_suggest_reason (order, aliexpress, parcels, at ("2026-11-20T00:00:00Z"),
                                      &why);
  g_assert_cmpstr (reason, ==, "returned_to_seller");
  g_assert_nonnull (strstr (why, "returned the parcel to the seller on 12 Nov"));
  g_clear_pointer (&why, g_free);
  g_ptr_array_set_size (parcels, 0);

  /* Delivered by the carrier but not confirmed. */
  ow_order_set_time (order, OW_EVENT_DELIVERED, at ("2026-11-01T12:00:00Z"), OW_FACT_INFERRED);
  reason = ow_dispute_suggest_reason (order, aliexpress, parcels, at ("2026-11-20T00:00:00Z"),
                                      &why);
  g_assert_cmpstr (reason, ==, "wrong_address");
  ow_order_set_time (order, OW_EVENT_DELIVERED, OW_TIME_UNSET, OW_FACT_UNKNOWN);

  /* Past the 60 promised days, with events: overdue. */
  ow_parcel_set_status (parcel, OW_TRACKING_STATUS_IN_TRANSIT);
  g_ptr_array_add (parcels, g_object_ref (parcel));
  reason = ow_dispute_suggest_reason (order, aliexpress, parcels, at ("2026-12-05T00:00:00Z"),
                                      NULL);
  g_assert_cmpstr (reason, ==, "not_received_overdue");

  draft = ow_dispute_draft (order, aliexpress, "not_received_overdue", OW_SOLUTION_REFUND_ONLY,
                            0, NULL, at ("2026-12-05T00:00:00Z"), FALSE);
  g_assert_nonnull (strstr (draft, "order 8123456789 (USB cable)"));
  g_assert_nonnull (strstr (draft, "shipped on 3 October 2026, 62 days ago"));
  g_assert_nonnull (strstr (draft, "promised delivery time has passed"));
  g_assert_nonnull (strstr (draft, "full refund of 4.99 USD"));
  partial = ow_dispute_draft (order, aliexpress, "quality_issue", OW_SOLUTION_REFUND_ONLY, 200,
                              NULL, at ("2026-12-05T00:00:00Z"), FALSE);
  g_assert_nonnull (strstr (partial, "partial refund of 2.00 USD of the 4.99 USD"));
}

/* ---- The command line ---- */

typedef struct
{
  char *db;
  char *dir;
  char *out;
  char *err;
  int   status;
} Cli;

static int
run_argv (Cli                *cli,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (gpointer) g_getenv ("ORDERWATCH_BIN"));
  g_assert_nonnull (args->pdata[0]);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, cli->db);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_NOW", "2026-11-20T00:00:00Z", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_cwd (launcher, cli->dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &cli->out, &cli->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  cli->status = g_subprocess_get_exit_status (process);
  return cli->status;
}

#define run(cli, ...) run_argv ((cli), (const char *[]) { __VA_ARGS__, NULL })

static void
expect (Cli        *cli,
        int         status,
        const char *text)
{
  const char *where = status == 0 ? cli->out : cli->err;

  if (cli->status != status || (text != NULL && strstr (where, text) == NULL))
    g_error ("exit %d (expected %d)\nstdout: %s\nstderr: %s\nexpected: %s", cli->status, status,
             cli->out, cli->err, text ? text : "");
}

static JsonObject *
parse_object (Cli       *cli,
              JsonNode **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, cli->out, -1, &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root);
}

static void
test_cli (void)
{
  Cli cli = { ow_test_db_path ("cli.db"), g_build_filename (g_get_user_data_dir (), "cli-files", NULL) };
  g_autofree char *before = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *history;

  g_assert_cmpint (g_mkdir_with_parents (cli.dir, 0700), ==, 0);
  g_free (write_file (cli.dir, "broken.jpg", "jpeg bytes", 10));
  g_free (write_file (cli.dir, "chat.txt", "the seller said no", 18));

  run (&cli, "add", "--order", "8123456789", "--item", "USB cable", "--amount", "4.99",
       "--paid", "2026-10-01T10:00:00Z", "--shipped", "2026-10-03T10:00:00Z");
  expect (&cli, 0, "1");

  run (&cli, "dispute", "reasons", "--json");
  expect (&cli, 0, "\"returned_to_seller\"");
  run (&cli, "dispute", "reasons", "--marketplace", "shopmart");
  expect (&cli, 2, "--marketplace");
  run (&cli, "dispute", "check", "1");
  expect (&cli, 0, "Marketplace: open now");
  run (&cli, "dispute", "draft", "1");
  expect (&cli, 0, "I am opening this dispute for order 8123456789");

  /* Bad input: exit 2, the field and the rule named, nothing written. */
  run (&cli, "show", "1", "--json");
  before = g_strdup (cli.out);
  {
    static const struct { const char *args[10]; const char *message; } bad[] = {
      { { "dispute", "open", "1", "--solution", "refund_only" }, "--reason: required" },
      { { "dispute", "open", "1", "--reason", "no_such", "--solution", "refund_only" },
        "Reason: “no_such” is not a reason AliExpress knows" },
      { { "dispute", "open", "1", "--reason", "quality_issue", "--solution", "refund_only" },
        "is for an item that arrived" },
      { { "dispute", "open", "1", "--reason", "no_tracking", "--solution", "return_goods" },
        "can only be refunded" },
      { { "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
          "--amount", "5.00" }, "must not be more than the 4.99 USD paid" },
      { { "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
          "--amount", "0" }, "--amount" },
      { { "dispute", "open", "1", "--reason", "no_tracking", "--solution", "swap" },
        "--solution" },
      { { "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
          "--channel", "bank" }, "--channel" },
      { { "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
          "--at", "2026-12-01T00:00:00Z" }, "in the future" },
      { { "dispute", "update", "1", "--seller-rejected" }, "no open dispute" },
      { { "dispute", "evidence", "add", "1", "missing.jpg" }, "there is no such file" },
      { { "dispute", "evidence", "add", "1", "." }, "not a regular file" },
      { { "dispute", "frobnicate", "1" }, "not a subcommand" },
      { { "dispute", "close", "1", "--outcome", "won" }, "--outcome" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_test_message ("bad input %u: %s", i, bad[i].message);
        run_argv (&cli, bad[i].args);
        expect (&cli, 2, bad[i].message);
        run (&cli, "show", "1", "--json");
        g_assert_cmpstr (cli.out, ==, before);
      }
  }

  /* A dispute through its life. */
  run (&cli, "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
       "--amount", "4.99", "--at", "2026-11-15T10:00:00Z");
  expect (&cli, 0, "dispute opened on Marketplace");
  run (&cli, "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only");
  expect (&cli, 2, "already open");
  run (&cli, "dispute", "evidence", "add", "1", "broken.jpg", "chat.txt", "--note", "proof");
  expect (&cli, 0, "broken.jpg");
  run (&cli, "dispute", "evidence", "list", "1", "--json");
  expect (&cli, 0, "\"sha256\"");
  run (&cli, "dispute", "update", "1", "--return-shipped", "--tracking", "LP00123456789029");
  expect (&cli, 2, "only once it is agreed");
  run (&cli, "dispute", "update", "1", "--seller-proposed", "1.50", "--at",
       "2026-11-16T10:00:00Z");
  expect (&cli, 0, "proposed");
  run (&cli, "dispute", "update", "1", "--seller-rejected");
  expect (&cli, 2, "waits for your answer");
  run (&cli, "dispute", "update", "1", "--proposal-rejected", "--at", "2026-11-17T10:00:00Z");
  expect (&cli, 0, NULL);
  run (&cli, "dispute", "update", "1", "--return-agreed", "--note", "Return to Shenzhen",
       "--at", "2026-11-18T10:00:00Z");
  expect (&cli, 0, "Return agreed");
  run (&cli, "dispute", "update", "1", "--return-shipped", "--tracking", "LP00123456789029",
       "--at", "2026-11-19T10:00:00Z");
  expect (&cli, 0, "Return shipped");
  run (&cli, "dispute", "update", "1", "--decision", "maybe");
  expect (&cli, 2, "--decision");
  run (&cli, "dispute", "update", "1", "--decision", "refund");
  expect (&cli, 0, NULL);
  run (&cli, "dispute", "close", "1", "--outcome", "refunded");
  expect (&cli, 0, "Closed");

  run (&cli, "show", "1", "--json");
  expect (&cli, 0, NULL);
  object = parse_object (&cli, &root);
  object = json_array_get_object_element (json_object_get_array_member (object, "disputes"), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, "refunded");
  history = json_object_get_array_member (object, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 4),
                                                  "text"), ==, "LP00123456789029");
  g_clear_pointer (&root, json_node_unref);

  /* The return's parcel is followed like any other. */
  run (&cli, "show", "1", "--json");
  expect (&cli, 0, "\"tracking_number\" : \"LP00123456789029\"");

  run (&cli, "dispute", "show", "1");
  expect (&cli, 0, "Return shipped");

  /* The dossier, with the evidence beside it. */
  run (&cli, "dispute", "export", "1", "--output", "dossier.txt");
  expect (&cli, 2, "must end in .pdf");
  run (&cli, "dispute", "export", "1", "--output", "dossier.pdf", "--evidence-dir", "files");
  expect (&cli, 0, "dossier.pdf");
  {
    g_autofree char *pdf = g_build_filename (cli.dir, "dossier.pdf", NULL);
    g_autofree char *sums = g_build_filename (cli.dir, "files", "SHA256SUMS", NULL);

    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (sums, G_FILE_TEST_IS_REGULAR));
  }

  /* A second dispute, on the card, after the marketplace one: allowed. */
  run (&cli, "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
       "--channel", "card");
  expect (&cli, 0, "Card chargeback");
  g_assert_nonnull (strstr (cli.err, "Outside the window"));
  /* Its own deadlines are listed with everyone else's. */
  run (&cli, "deadlines", "--json", "--all");
  expect (&cli, 0, "\"kind\" : \"chargeback_decision\"");

  g_free (cli.db);
  g_free (cli.dir);
  g_free (cli.out);
  g_free (cli.err);
}

/* The return_ship_by rule's words while it runs. */
#define RETURN_REMINDER "Ship the return"

/* The scheduler's reminders include a dispute's deadlines. */
static void
test_reminders (void)
{
  Cli cli = { ow_test_db_path ("reminders.db"), g_strdup (g_get_user_data_dir ()) };
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  run (&cli, "add", "--order", "77", "--amount", "9.00", "--paid", "2026-10-01T10:00:00Z",
       "--shipped", "2026-10-03T10:00:00Z");
  run (&cli, "dispute", "open", "1", "--reason", "no_tracking", "--solution", "refund_only",
       "--at", "2026-11-16T00:00:00Z");
  expect (&cli, 0, NULL);
  /* 5 days to answer, a reminder a day before: due on the 20th, now. */
  run (&cli, "check", "--dry-run");
  expect (&cli, 0, "Seller must respond within");

  run (&cli, "dispute", "update", "1", "--return-agreed", "--at", "2026-11-12T00:00:00Z");
  expect (&cli, 2, "before the dispute was opened");
  run (&cli, "dispute", "update", "1", "--return-agreed", "--at", "2026-11-16T12:00:00Z");
  expect (&cli, 0, NULL);
  /* 10 days to ship it (26 Nov, 12:00), reminders 3 days and 1 day before. */
  run (&cli, "check", "--dry-run");
  g_assert_null (strstr (cli.out, RETURN_REMINDER));
  {
    const char *argv[] = { "check", "--dry-run", "--now", "2026-11-23T13:00:00Z", NULL };

    run_argv (&cli, argv);
    expect (&cli, 0, RETURN_REMINDER);
  }
  g_free (cli.db);
  g_free (cli.dir);
  g_free (cli.out);
  g_free (cli.err);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  /* The media types of evidence come from the system's MIME database. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/disputes/migration/from-v1", test_migration_from_v1);
  g_test_add_func ("/core/disputes/deadlines/marketplace", test_deadlines_marketplace);
  g_test_add_func ("/core/disputes/deadlines/channels", test_deadlines_channels);
  g_test_add_func ("/core/disputes/state-machine", test_state_machine);
  g_test_add_func ("/core/disputes/evidence-locker", test_evidence_locker);
  g_test_add_func ("/core/disputes/evidence-locker/async", test_evidence_locker_async);
  g_test_add_func ("/core/disputes/suggest-and-draft", test_suggest_and_draft);
  g_test_add_func ("/core/disputes/cli", test_cli);
  g_test_add_func ("/core/disputes/reminders", test_reminders);

  return g_test_run ();
}
