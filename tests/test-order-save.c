/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit action against what happens meanwhile: a tracking refresh, another connection
 * editing another field. Real SQLite files; the second writer is a real second connection on
 * its own thread. */
#include "config.h"

#include "ow-error.h"
#include "ow-order-save.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-test-util.h"
#include "ow-tracking-event.h"

#define PLACED G_GINT64_CONSTANT (1698000000)  /* 2023-10-22 */
#define NOW    G_GINT64_CONSTANT (1700000000)

static OwStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  OwStore *store = ow_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
add_order (OwStore *store)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;

  ow_order_set_order_number (order, "8100000000001");
  ow_order_set_item_title (order, "Lamp");
  ow_order_set_time (order, OW_EVENT_PLACED, PLACED, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, PLACED + 60, OW_FACT_USER);
  g_assert_true (ow_store_add_order (store, order, &error));
  g_assert_no_error (error);
  return ow_order_get_id (order);
}

/* The window's editor holds the order as it was when it opened; a refresh meanwhile marks it
 * shipped. Saving the edit keeps the refresh's fact. */
static void
test_keeps_refresh_meanwhile (void)
{
  g_autofree char *path = ow_test_db_path ("refresh");
  g_autoptr(OwStore) store = open_store (path);
  g_autoptr(OwOrder) original = NULL;
  g_autoptr(OwOrder) edited = NULL;
  g_autoptr(OwOrder) saved = NULL;
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(OwParcel) applied = NULL;
  g_autoptr(OwTrackingResult) result = ow_tracking_result_new ("AE010698498");
  g_autoptr(GError) error = NULL;
  gint64 id = add_order (store);

  original = ow_store_get_order (store, id, &error);
  edited = ow_order_copy (original);
  ow_order_set_notes (edited, "Asked the seller for a photo");

  parcel = ow_parcel_new (id, "AE010698498", OW_PROVIDER_CAINIAO);
  g_assert_true (ow_store_add_parcel (store, parcel, &error));
  g_ptr_array_add (result->events, ow_tracking_event_new (PLACED + 86400,
                                                          OW_TRACKING_STATUS_IN_TRANSIT,
                                                          "PU_PICKUP_SUCCESS", "Picked up",
                                                          NULL));
  result->status = OW_TRACKING_STATUS_IN_TRANSIT;
  result->status_known = TRUE;
  applied = ow_store_apply_tracking_result (store, ow_parcel_get_id (parcel), result, NOW,
                                            OW_TIME_UNSET, NULL, &error);
  g_assert_no_error (error);

  saved = ow_order_save_changes (store, NULL, original, edited, NULL, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ow_order_get_notes (saved), ==, "Asked the seller for a photo");
  g_assert_cmpint (ow_order_get_time (saved, OW_EVENT_SHIPPED), ==, PLACED + 86400);
  g_assert_cmpint (ow_order_get_time_source (saved, OW_EVENT_SHIPPED), ==, OW_FACT_INFERRED);

  g_clear_object (&saved);
  saved = ow_store_get_order (store, id, &error);
  g_assert_cmpint (ow_order_get_time (saved, OW_EVENT_SHIPPED), ==, PLACED + 86400);
  g_assert_cmpstr (ow_order_get_notes (saved), ==, "Asked the seller for a photo");
}

typedef struct
{
  const char *path;
  gint64      id;
  guint       trial;
  GMutex      lock;
  GCond       cond;
  guint       ready;
} Race;

static gpointer
edit_notes_thread (gpointer data)
{
  Race *race = data;
  g_autoptr(OwStore) store = open_store (race->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) original = ow_store_get_order (store, race->id, &error);
  g_autoptr(OwOrder) edited = ow_order_copy (original);
  g_autoptr(OwOrder) saved = NULL;
  g_autofree char *notes = g_strdup_printf ("notes %u", race->trial);

  ow_order_set_notes (edited, notes);
  /* Both read the order before either writes. */
  g_mutex_lock (&race->lock);
  race->ready++;
  g_cond_broadcast (&race->cond);
  while (race->ready < 2)
    g_cond_wait (&race->cond, &race->lock);
  g_mutex_unlock (&race->lock);

  saved = ow_order_save_changes (store, NULL, original, edited, NULL, NULL, NOW, &error);
  g_assert_no_error (error);
  return NULL;
}

static void
test_two_connections_at_once (void)
{
  g_autofree char *path = ow_test_db_path ("race");
  g_autoptr(OwStore) store = open_store (path);
  Race race = { path, add_order (store), 0 };

  g_mutex_init (&race.lock);
  g_cond_init (&race.cond);
  for (guint trial = 0; trial < 25; trial++)
    {
      g_autoptr(OwOrder) original = ow_store_get_order (store, race.id, NULL);
      g_autoptr(OwOrder) edited = ow_order_copy (original);
      g_autoptr(OwOrder) saved = NULL;
      g_autoptr(OwOrder) stored = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *item = g_strdup_printf ("item %u", trial);
      g_autofree char *notes = g_strdup_printf ("notes %u", trial);
      GThread *other;

      race.trial = trial;
      race.ready = 0;
      other = g_thread_new ("edit-notes", edit_notes_thread, &race);
      ow_order_set_item_title (edited, item);
      g_mutex_lock (&race.lock);
      race.ready++;
      g_cond_broadcast (&race.cond);
      while (race.ready < 2)
        g_cond_wait (&race.cond, &race.lock);
      g_mutex_unlock (&race.lock);

      saved = ow_order_save_changes (store, NULL, original, edited, NULL, NULL, NOW, &error);
      g_assert_no_error (error);
      g_thread_join (other);

      /* Each wrote its own field onto the order as it found it: both changes are kept. */
      stored = ow_store_get_order (store, race.id, &error);
      g_assert_cmpstr (ow_order_get_item_title (stored), ==, item);
      g_assert_cmpstr (ow_order_get_notes (stored), ==, notes);
    }
  g_mutex_clear (&race.lock);
  g_cond_clear (&race.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/actions/save/keeps-refresh-meanwhile", test_keeps_refresh_meanwhile);
  g_test_add_func ("/core/actions/save/two-connections-at-once", test_two_connections_at_once);

  return g_test_run ();
}
