/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF dossier, read back with poppler's tools: what a bank would see, and the evidence
 * folder checked with sha256sum. A real store, real files, the real dispute actions. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ow-dispute-action.h"
#include "ow-dispute-terms.h"
#include "ow-dispute.h"
#include "ow-dossier-files-private.h"
#include "ow-dossier.h"
#include "ow-error.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-test-util.h"
#include "ow-tracking-event.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

/* 2026-11-20 12:00:00 UTC */
#define NOW ((gint64) 1795176000)

#define ORDER_NUMBER "8100012345678901"
#define DESCRIPTION  "The lantern arrived with a cracked lens and does not switch on."
#define SELLER_NOTE  "Seller says the lamp matched the listing photos."

/* The pages this fixture fills: the summary (its timeline with the PayPal dispute's window);
 * the deadlines and the first parcel; the rest of the tracking and the AliExpress dispute; its
 * deadlines and the PayPal dispute; the evidence, which starts a page of its own. */
#define FIXTURE_PAGES 5

typedef struct
{
  char             *dir;          /* the test's own scratch folder */
  OwStore          *store;
  OwPolicyRegistry *policies;
  gint64            order_id;
  GPtrArray        *originals;    /* (element-type utf8): the files added, by path */
} Fixture;

static char *
run (const char *const *argv,
     gboolean           expect_success)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (expect_success && !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s%s", argv[0], error->message, out, err);
  return g_steal_pointer (&out);
}

/* The text of @page (0: all), in reading order, every run of white space one space: a cell
 * that wraps reads as one line. */
static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, pdf, "-", NULL };
  g_autofree char *text = run (page > 0 ? one : all, TRUE);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\f\r", -1);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[i]);
  return g_string_free (joined, FALSE);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv, TRUE);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A picture with something in it, different for each @seed. */
static GdkPixbuf *
make_picture (int      width,
              int      height,
              gboolean alpha,
              guint    seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * channels;
        gboolean stripe = ((x + y + seed * 17) / 24) % 2 == 0;

        p[0] = stripe ? 230 : 40 + (x * 180) / width;
        p[1] = stripe ? 120 + seed * 30 : 60;
        p[2] = (y * 255) / height;
        if (alpha)
          p[3] = x < width / 4 ? 0 : 255;
      }
  return pixbuf;
}

static char *
write_picture (Fixture    *f,
               const char *subdir,
               const char *name,
               const char *type,
               int         width,
               int         height,
               guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) picture = make_picture (width, height, g_str_equal (type, "png"), seed);
  g_autofree char *dir = g_build_filename (f->dir, subdir, NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_pixbuf_save (picture, path, type, &error, NULL));
  g_assert_no_error (error);
  return path;
}

static char *
write_text_file (Fixture    *f,
                 const char *name,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "originals", name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
add_evidence (Fixture        *f,
              char           *path,
              OwEvidenceKind  kind,
              const char     *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwEvidence) evidence = ow_evidence_locker_add (f->store, f->order_id, path, FALSE,
                                                           kind, note, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  g_ptr_array_add (f->originals, path);
}

static void
add_parcel (Fixture    *f,
            const char *number,
            gint64      follows,
            gint64      first,
            guint       n_events,
            gboolean    delivered,
            gint64     *parcel_id)
{
  g_autoptr(OwParcel) parcel = ow_parcel_new (f->order_id, number, "cainiao");
  g_autoptr(OwTrackingResult) result = ow_tracking_result_new (number);
  g_autoptr(OwParcel) stored = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const places[] = { "Shenzhen", "Hong Kong", "Liège", "Amsterdam" };

  ow_parcel_set_follows_parcel_id (parcel, follows);
  g_assert_true (ow_store_add_parcel (f->store, parcel, &error));
  g_assert_no_error (error);
  /* Newest first, as providers give them. */
  for (guint i = n_events; i-- > 0;)
    {
      gboolean last = delivered && i == n_events - 1;
      g_autofree char *text = last ? g_strdup ("Delivered to the buyer’s mailbox")
                                   : g_strdup_printf ("Scan %u of %s: in transit", i + 1, number);

      g_ptr_array_add (result->events,
                       ow_tracking_event_new (first + i * 2 * DAY + HOUR,
                                              last ? OW_TRACKING_STATUS_DELIVERED
                                                   : OW_TRACKING_STATUS_IN_TRANSIT,
                                              NULL, text, places[i % G_N_ELEMENTS (places)]));
    }
  result->status = delivered ? OW_TRACKING_STATUS_DELIVERED : OW_TRACKING_STATUS_IN_TRANSIT;
  result->status_known = TRUE;
  stored = ow_store_apply_tracking_result (f->store, ow_parcel_get_id (parcel), result, NOW,
                                           OW_TIME_UNSET, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  if (parcel_id != NULL)
    *parcel_id = ow_parcel_get_id (parcel);
}

static void
update (Fixture           *f,
        OwDisputeChannel   channel,
        OwDisputeStepKind  kind,
        gint64             at,
        const char        *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwDispute) dispute = ow_dispute_action_update (f->store, f->policies, f->order_id,
                                                           channel, kind, at, 0, note, NOW,
                                                           &error);

  g_assert_no_error (error);
  g_assert_nonnull (dispute);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint n_events = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autofree char *db = ow_test_db_path ("dossier");
  g_autoptr(OwDispute) marketplace = NULL;
  g_autoptr(OwDispute) paypal = NULL;
  g_autofree char *originals = NULL;
  OwDisputeRequest request = {
    .channel = OW_CHANNEL_MARKETPLACE,
    .reason = "not_as_described",
    .solution = OW_SOLUTION_REFUND_ONLY,
    .amount = 0,
    .description = DESCRIPTION,
    .at = NOW - 11 * DAY,
  };
  gint64 first_parcel = 0;

  f->dir = g_build_filename (g_get_user_data_dir (), "dossier-test", NULL);
  originals = g_build_filename (f->dir, "originals", NULL);
  g_assert_cmpint (g_mkdir_with_parents (originals, 0755), ==, 0);
  f->store = ow_test_store_new_seeded (db, 0, NOW);
  f->policies = ow_policy_registry_new ();
  f->originals = g_ptr_array_new_with_free_func (g_free);

  ow_order_set_marketplace (order, "aliexpress");
  ow_order_set_order_number (order, ORDER_NUMBER);
  ow_order_set_item_title (order, "Camping lantern, rechargeable, 2 pack");
  ow_order_set_store_name (order, "Shenzhen Outdoor Store");
  ow_order_set_amount (order, 4590);
  ow_order_set_currency (order, "USD");
  ow_order_set_payment_method (order, OW_PAYMENT_PAYPAL);
  ow_order_set_time (order, OW_EVENT_PLACED, NOW - 40 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, NOW - 40 * DAY + HOUR, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, NOW - 36 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_DELIVERED, NOW - 14 * DAY, OW_FACT_USER);
  ow_order_set_delivery_days (order, 30);
  g_assert_true (ow_store_add_order (f->store, order, &error));
  g_assert_no_error (error);
  f->order_id = ow_order_get_id (order);

  /* The long-haul number, then the last-mile one that continues it. */
  add_parcel (f, "LP00123456789012", 0, NOW - 36 * DAY, n_events, FALSE, &first_parcel);
  add_parcel (f, "3SABCD1234567", first_parcel, NOW - 18 * DAY, 3, TRUE, NULL);

  add_evidence (f, write_picture (f, "originals", "photo.jpg", "jpeg", 1200, 900, 1),
                OW_EVIDENCE_PHOTO, "The cracked lens beside the listing’s picture");
  add_evidence (f, write_picture (f, "originals/second", "PHOTO.jpg", "jpeg", 600, 800, 2),
                OW_EVIDENCE_PHOTO, NULL);
  add_evidence (f, write_picture (f, "originals", "label.png", "png", 500, 300, 3),
                OW_EVIDENCE_PHOTO, "The parcel label as it arrived");
  add_evidence (f, write_picture (f, "originals", "order page.png", "png", 900, 1600, 4),
                OW_EVIDENCE_SCREENSHOT, "The listing promised a glass lens");
  add_evidence (f, write_text_file (f, "chat.txt", "Seller: the lamp is fine.\n"),
                OW_EVIDENCE_MESSAGE, "The whole conversation with the seller");

  /* The marketplace said no; then PayPal. */
  marketplace = ow_dispute_action_open (f->store, f->policies, f->order_id, &request, NOW, NULL,
                                        &error);
  g_assert_no_error (error);
  update (f, OW_CHANNEL_MARKETPLACE, OW_STEP_SELLER_REJECTED, NOW - 9 * DAY, SELLER_NOTE);
  update (f, OW_CHANNEL_MARKETPLACE, OW_STEP_ESCALATED, NOW - 8 * DAY, NULL);
  update (f, OW_CHANNEL_MARKETPLACE, OW_STEP_DECISION_NO_REFUND, NOW - 3 * DAY,
          "Closed by AliExpress: insufficient evidence");
  g_clear_object (&marketplace);
  marketplace = ow_dispute_action_close (f->store, f->policies, f->order_id,
                                         OW_CHANNEL_MARKETPLACE, OW_OUTCOME_REJECTED, 0,
                                         NOW - 3 * DAY, NOW, &error);
  g_assert_no_error (error);

  request.channel = OW_CHANNEL_PAYPAL;
  request.at = NOW - 2 * DAY;
  paypal = ow_dispute_action_open (f->store, f->policies, f->order_id, &request, NOW, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (paypal);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->originals);
  g_object_unref (f->policies);
  g_assert_finalize_object (f->store);
  g_free (f->dir);
}

static GPtrArray *
list_evidence (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *evidence = ow_store_list_evidence (f->store, f->order_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  return evidence;
}

static char *
write_dossier (Fixture    *f,
               const char *name,
               const char *evidence_dir)
{
  g_autoptr(GError) error = NULL;
  char *pdf = g_build_filename (f->dir, name, NULL);
  gboolean written = ow_dossier_write (f->store, f->policies, f->order_id, pdf, evidence_dir,
                                       NOW, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (written);
  return pdf;
}

/* Kept beside the UI tests' screenshots, to look at. */
static void
save_pages (const char *pdf,
            const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?
                                           g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "80", pdf, prefix, NULL };

  g_mkdir_with_parents (dir, 0755);
  g_free (run (argv, TRUE));
  g_test_message ("pages: %s-*.png", prefix);
}

static void
test_contents (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = write_dossier (f, "dossier.pdf", NULL);
  g_autofree char *text = pdf_text (pdf, 0);
  g_autoptr(GPtrArray) evidence = list_evidence (f);
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  OwPolicy *policy = ow_policy_registry_lookup (f->policies, "aliexpress");
  const OwDisputeReason *reason = ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy),
                                                               "not_as_described");
  const OwRule *protection = ow_policy_find_rule (policy, "protection_end");
  const OwRule *paypal_escalate = NULL;
  OwPolicy *paypal = ow_policy_registry_lookup_channel (f->policies, OW_CHANNEL_PAYPAL, policy);

  save_pages (pdf, "dossier");

  /* The order's facts. */
  g_assert_nonnull (strstr (text, ORDER_NUMBER));
  g_assert_nonnull (strstr (text, "Camping lantern, rechargeable, 2 pack"));
  g_assert_nonnull (strstr (text, "Shenzhen Outdoor Store"));
  g_assert_nonnull (strstr (text, "45.90 USD"));
  g_assert_nonnull (strstr (text, "AliExpress"));

  /* Each deadline with its sources, and the PayPal dispute's own. */
  g_assert_nonnull (strstr (text, ow_rule_get_title (protection)));
  g_assert_nonnull (strstr (text, "What is Buyer Protection?"));
  g_assert_nonnull (paypal);
  paypal_escalate = ow_policy_find_rule (paypal, "paypal_escalate_by");
  g_assert_nonnull (strstr (text, ow_rule_get_title (paypal_escalate)));
  g_assert_nonnull (strstr (text, "Where a dispute can be opened"));

  /* The tracking history, every event. */
  g_assert_nonnull (strstr (text, "Parcel LP00123456789012"));
  g_assert_nonnull (strstr (text, "Parcel 3SABCD1234567"));
  g_assert_nonnull (strstr (text, "Continues parcel LP00123456789012"));
  g_assert_nonnull (strstr (text, "Scan 1 of LP00123456789012: in transit"));
  g_assert_nonnull (strstr (text, "Scan 5 of LP00123456789012: in transit"));
  g_assert_nonnull (strstr (text, "Delivered to the buyer’s mailbox"));
  g_assert_nonnull (strstr (text, "Liège"));

  /* Both disputes: reason, description, history. */
  g_assert_nonnull (strstr (text, ow_dispute_reason_get_title (reason)));
  g_assert_nonnull (strstr (text, "Dispute with AliExpress"));
  g_assert_nonnull (strstr (text, "Dispute with PayPal"));
  g_assert_cmpuint (count (text, "The lantern arrived with a cracked lens"), ==, 2);
  g_assert_nonnull (strstr (text, ow_dispute_step_label (OW_STEP_SELLER_REJECTED)));
  g_assert_nonnull (strstr (text, SELLER_NOTE));
  g_assert_nonnull (strstr (text, ow_dispute_step_label (OW_STEP_ESCALATED)));
  g_assert_nonnull (strstr (text, ow_dispute_step_label (OW_STEP_DECISION_NO_REFUND)));
  g_assert_nonnull (strstr (text, "insufficient evidence"));
  g_assert_nonnull (strstr (text, "Rejected"));
  disputes = ow_store_list_disputes (f->store, f->order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disputes->len, ==, 2);

  /* The evidence: every hash whole, sizes, kinds, notes. */
  g_assert_cmpuint (evidence->len, ==, 5);
  for (guint i = 0; i < evidence->len; i++)
    {
      OwEvidence *item = g_ptr_array_index (evidence, i);

      g_assert_cmpuint (strlen (ow_evidence_get_sha256 (item)), ==, 64);
      g_assert_nonnull (strstr (text, ow_evidence_get_sha256 (item)));
      g_assert_nonnull (strstr (text, ow_evidence_get_original_name (item)));
    }
  g_assert_nonnull (strstr (text, "The cracked lens beside the listing’s picture"));
  g_assert_nonnull (strstr (text, "Screenshot"));
  g_assert_nonnull (strstr (text, "bytes)"));
  /* Without a folder, the dossier points at none. */
  g_assert_null (strstr (text, "In the evidence folder as"));
}

/* A first pass counts the pages; every footer knows the total; sections start where they
 * should; the thumbnails are small JPEGs, one per picture. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *pdf = write_dossier (f, "dossier.pdf", NULL);
  guint pages = pdf_pages (pdf);
  const char *images_argv[] = { "pdfimages", "-list", pdf, NULL };
  g_autofree char *images = run (images_argv, TRUE);
  g_auto(GStrv) lines = g_strsplit (images, "\n", -1);
  guint n_images = 0;

  g_assert_cmpuint (pages, ==, FIXTURE_PAGES);
  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *text = pdf_text (pdf, i);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i, pages);

      g_assert_nonnull (strstr (text, footer));
      g_assert_nonnull (strstr (text, "Prepared on"));
      if (i == 1)
        {
          g_assert_nonnull (strstr (text, "Dispute dossier"));
          g_assert_nonnull (strstr (text, "Protection timeline"));
          g_assert_null (strstr (text, "Tracking history"));
        }
      /* After the running title, page 2 begins with the deadlines. */
      if (i == 2)
        g_assert_true (g_str_has_prefix (text, "AliExpress order " ORDER_NUMBER " Deadlines"));
      if (i == pages)
        g_assert_nonnull (strstr (text, "identifies it exactly"));
      else
        g_assert_null (strstr (text, "identifies it exactly"));
    }

  /* "page num type width height ... enc": four pictures, none of the text file. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (columns, fields[j]);
      if (columns->len < 9)
        continue;
      n_images++;
      g_assert_cmpstr (g_ptr_array_index (columns, 2), ==, "image");
      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (columns, 3), NULL, 10), <=, 144);
      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (columns, 4), NULL, 10), <=, 144);
      g_assert_cmpstr (g_ptr_array_index (columns, 8), ==, "jpeg");
    }
  g_assert_cmpuint (n_images, ==, 4);
}

/* A long tracking history breaks across pages, with its header again on each. */
static void
test_long_history (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = write_dossier (f, "long.pdf", NULL);
  g_autofree char *text = pdf_text (pdf, 0);
  guint pages = pdf_pages (pdf);

  g_assert_cmpuint (pages, >, FIXTURE_PAGES + 2);
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *scan = g_strdup_printf ("Scan %u of LP00123456789012: in transit", i);

      g_assert_nonnull (strstr (text, scan));
    }
  g_assert_cmpuint (count (text, "What the carrier reported"), >=, 3);
  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *page = pdf_text (pdf, i);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i, pages);

      g_assert_nonnull (strstr (page, footer));
    }
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
assert_same_contents (const char *a,
                      const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize nx, ny;

  g_assert_true (g_file_get_contents (a, &x, &nx, NULL));
  g_assert_true (g_file_get_contents (b, &y, &ny, NULL));
  g_assert_cmpuint (nx, ==, ny);
  g_assert_true (memcmp (x, y, nx) == 0);
}

static void
sha256sum_check (const char *dir,
                 gboolean    expect_success,
                 char      **output)
{
  const char *argv[] = { "sha256sum", "-c", "--strict", "SHA256SUMS", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_spawn_check_wait_status (status, NULL), ==, expect_success);
  if (output != NULL)
    *output = g_steal_pointer (&out);
}

static void
test_evidence_dir (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "for the bank", NULL);
  /* The PDF in the folder too: its name is not taken by a file. */
  g_autofree char *pdf = write_dossier (f, "for the bank/dossier.pdf", folder);
  g_autofree char *text = pdf_text (pdf, 0);
  g_autofree char *checked = NULL;
  g_autofree char *sums_path = g_build_filename (folder, "SHA256SUMS", NULL);
  g_autofree char *sums = NULL;
  g_autoptr(GPtrArray) names = list_dir (folder);
  g_autoptr(GPtrArray) evidence = list_evidence (f);

  /* Every file under its own name; the second "photo.jpg" (as PHOTO.jpg) made unique for
   * disks that ignore case. */
  g_assert_cmpuint (names->len, ==, 7);
  g_assert_true (has_name (names, "SHA256SUMS"));
  g_assert_true (has_name (names, "dossier.pdf"));
  g_assert_true (has_name (names, "photo.jpg"));
  g_assert_true (has_name (names, "PHOTO (2).jpg"));
  g_assert_true (has_name (names, "label.png"));
  g_assert_true (has_name (names, "order page.png"));
  g_assert_true (has_name (names, "chat.txt"));
  g_assert_true (g_file_get_contents (sums_path, &sums, NULL, NULL));
  g_assert_cmpuint (count (sums, "\n"), ==, 5);
  for (guint i = 0; i < evidence->len; i++)
    g_assert_nonnull (strstr (sums, ow_evidence_get_sha256 (g_ptr_array_index (evidence, i))));

  /* sha256sum accepts it, line by line. */
  sha256sum_check (folder, TRUE, &checked);
  g_assert_cmpuint (count (checked, ": OK"), ==, 5);

  /* The copies are the originals, which are untouched. */
  {
    g_autofree char *copy = g_build_filename (folder, "PHOTO (2).jpg", NULL);

    assert_same_contents (g_ptr_array_index (f->originals, 1), copy);
  }
  g_assert_nonnull (strstr (text, "In the evidence folder as “PHOTO (2).jpg”"));
  g_assert_nonnull (strstr (text, "sha256sum -c SHA256SUMS"));

  /* Again into the same folder: the same names, not "photo (3).jpg". */
  g_free (write_dossier (f, "for the bank/dossier.pdf", folder));
  g_ptr_array_unref (names);
  names = list_dir (folder);
  g_assert_cmpuint (names->len, ==, 7);
  sha256sum_check (folder, TRUE, NULL);

  /* A changed copy in the folder is what sha256sum is for. */
  {
    g_autofree char *copy = g_build_filename (folder, "chat.txt", NULL);

    g_assert_true (g_file_set_contents (copy, "Seller: the lamp is broken.\n", -1, NULL));
    sha256sum_check (folder, FALSE, NULL);
  }
}

/* A folder with the user's own files: none is replaced. */
static void
test_evidence_dir_in_use (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "desktop", NULL);
  g_autofree char *theirs = g_build_filename (folder, "chat.txt", NULL);
  g_autofree char *ours = g_build_filename (folder, "chat (2).txt", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (theirs, "my shopping list\n", -1, NULL));

  pdf = write_dossier (f, "in-use.pdf", folder);
  g_assert_true (g_file_get_contents (theirs, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "my shopping list\n");
  assert_same_contents (g_ptr_array_index (f->originals, 4), ours);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "In the evidence folder as “chat (2).txt”"));
  sha256sum_check (folder, TRUE, NULL);
}

/* A stored copy gone or altered: the dossier says so, and the folder leaves it out. */
static void
test_damaged_locker (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) evidence = list_evidence (f);
  g_autofree char *missing = ow_evidence_locker_get_path (f->store,
                                                          g_ptr_array_index (evidence, 2));
  g_autofree char *altered = ow_evidence_locker_get_path (f->store,
                                                          g_ptr_array_index (evidence, 4));
  g_autofree char *folder = g_build_filename (f->dir, "out", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *sums_path = g_build_filename (folder, "SHA256SUMS", NULL);
  g_autoptr(GPtrArray) names = NULL;

  g_assert_cmpint (g_chmod (altered, 0644), ==, 0);
  g_assert_cmpint (g_unlink (missing), ==, 0);
  g_assert_true (g_file_set_contents (altered, "not what was added\n", -1, NULL));

  pdf = write_dossier (f, "damaged.pdf", folder);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "stored copy of this file is missing"));
  g_assert_nonnull (strstr (text, "no longer matches its SHA-256"));
  /* Still listed with the hash recorded when it was added. */
  g_assert_nonnull (strstr (text, ow_evidence_get_sha256 (g_ptr_array_index (evidence, 2))));

  names = list_dir (folder);
  g_assert_cmpuint (names->len, ==, 4);
  g_assert_false (has_name (names, "label.png"));
  g_assert_false (has_name (names, "chat.txt"));
  g_assert_true (g_file_get_contents (sums_path, &sums, NULL, NULL));
  g_assert_cmpuint (count (sums, "\n"), ==, 3);
  sha256sum_check (folder, TRUE, NULL);

  /* The caller is told how many, to say so beside "written". */
  {
    g_autofree char *again = g_build_filename (f->dir, "damaged-again.pdf", NULL);
    g_autoptr(GError) error = NULL;
    guint n_damaged = 0;

    g_assert_true (ow_dossier_write (f->store, f->policies, f->order_id, again, NULL, NOW,
                                     &n_damaged, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_damaged, ==, 2);
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nowhere = g_build_filename (f->dir, "no such folder", "dossier.pdf", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "kept.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_assert_false (ow_dossier_write (f->store, f->policies, f->order_id + 1000, pdf, NULL, NOW,
                                    NULL, &error));
  g_assert_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (ow_dossier_write (f->store, f->policies, f->order_id, nowhere, NULL, NOW,
                                    NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "dossier.pdf"));
  g_clear_error (&error);

  /* A dossier written over an old one replaces it whole, and leaves no temporary file. */
  g_assert_true (g_file_set_contents (pdf, "an older dossier", -1, NULL));
  g_assert_true (g_file_get_contents (pdf, &before, NULL, NULL));
  g_assert_cmpstr (before, ==, "an older dossier");
  g_free (write_dossier (f, "kept.pdf", NULL));
  g_assert_true (g_file_get_contents (pdf, &after, NULL, NULL));
  g_assert_true (g_str_has_prefix (after, "%PDF-"));
  names = list_dir (f->dir);
  for (guint i = 0; i < names->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (names, i), "."));
}

static void
test_safe_names (void)
{
  static const struct
  {
    const char *name;
    const char *safe;
  } cases[] = {
    { "photo.jpg", "photo.jpg" },
    { "../../etc/passwd", "_.._etc_passwd" },
    { "a\\b:c*d?.png", "a_b_c_d_.png" },
    { "line\nbreak.txt", "line_break.txt" },
    { ".hidden", "hidden" },
    { "trailing. . ", "trailing" },
    { "..", "fallback" },
    { "", "fallback" },
    { "Фото ёлки.jpg", "Фото ёлки.jpg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = ow_dossier_safe_file_name (cases[i].name, "fallback");

      g_assert_cmpstr (safe, ==, cases[i].safe);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, events, func) \
  g_test_add ("/core/dossier/" path, Fixture, GUINT_TO_POINTER (events), fixture_set_up, func, \
              fixture_tear_down)
  ADD ("contents", 5, test_contents);
  ADD ("pages", 5, test_pages);
  ADD ("long-history", 120, test_long_history);
  ADD ("evidence-dir", 5, test_evidence_dir);
  ADD ("evidence-dir-in-use", 5, test_evidence_dir_in_use);
  ADD ("damaged-locker", 5, test_damaged_locker);
  ADD ("errors", 5, test_errors);
#undef ADD
  g_test_add_func ("/core/dossier/safe-names", test_safe_names);

  return g_test_run ();
}
