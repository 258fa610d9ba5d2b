/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-demo.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-tracking-event.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

/* Offsets from now in hours; 0 means "not happened". */
typedef struct
{
  const char       *marketplace;
  const char       *title;
  const char       *store;
  gint64            amount;
  const char       *currency;
  OwPaymentMethod   payment;
  int               placed, paid, shipped, delivered, received;
  int               cancel_requested, dispute_opened, return_agreed, closed, refunded;
  OwCloseReason     close_reason;
  int               processing_days, delivery_days;
  int               extension_days;
  OwExtensionState  extension_state;
  gboolean          archived;
  gboolean          delivered_by_tracking;
  const char       *notes;
} Scenario;

#define D(n) ((n) * 24)

/* One or more orders in every state the list shows. Titles are not translated: they are
 * what a shop would have printed. */
static const Scenario scenarios[] = {
  { "aliexpress", "Wireless earbuds with charging case", "SoundWave Official Store", 2399, "USD",
    OW_PAYMENT_CARD, .placed = -3 },
  { "aliexpress", "USB-C cable 2 m, 3 pack", "CableWorks Store", 649, "USD", OW_PAYMENT_CARD,
    .placed = -21, .paid = -20, .processing_days = 5 },
  { "aliexpress", "Mechanical keyboard, 75% hot-swap", "Keyforge Store", 6890, "USD",
    OW_PAYMENT_CARD, .placed = -D (6) - 5, .paid = -D (6) - 4, .processing_days = 7 },
  { "aliexpress", "Bamboo cutting board set", "Green Kitchen Store", 1850, "USD",
    OW_PAYMENT_CARD, .placed = -D (5), .paid = -D (5) + 1, .cancel_requested = -30,
    .processing_days = 10, .notes = "Ordered the wrong size; asked the seller to cancel." },
  { "aliexpress", "LED strip 5 m, RGB with remote", "Bright Home Store", 1299, "USD",
    OW_PAYMENT_CARD, .placed = -D (7), .paid = -D (7) + 1, .shipped = -D (4),
    .delivery_days = 60 },
  { "aliexpress", "Soldering iron kit 60 W", "Maker Tools Store", 2450, "USD",
    OW_PAYMENT_PAYPAL, .placed = -D (21), .paid = -D (21) + 2, .shipped = -D (18),
    .delivery_days = 45 },
  { "aliexpress", "Camping lantern, rechargeable", "Outdoor Gear Store", 1599, "USD",
    OW_PAYMENT_CARD, .placed = -D (60), .paid = -D (60) + 1, .shipped = -D (57) + 2,
    .delivery_days = 60, .notes = "Tracking stopped moving in customs." },
  { "aliexpress", "Phone tripod with Bluetooth remote", "Snap Accessories Store", 1129, "USD",
    OW_PAYMENT_CARD, .placed = -D (78), .paid = -D (78) + 1, .shipped = -D (75) + 9,
    .delivery_days = 75 },
  { "aliexpress", "Silicone phone case, matte black", "Case Studio Store", 399, "USD",
    OW_PAYMENT_CARD, .placed = -D (19), .paid = -D (19) + 1, .shipped = -D (16),
    .delivered = -D (2), .delivery_days = 60, .delivered_by_tracking = TRUE },
  { "aliexpress", "Merino hiking socks, 2 pairs", "Trail Wear Store", 1790, "USD",
    OW_PAYMENT_CARD, .placed = -D (73), .paid = -D (73) + 2, .shipped = -D (70),
    .delivery_days = 60, .extension_days = 15, .extension_state = OW_EXTENSION_APPROVED },
  { "aliexpress", "Raspberry Pi 4 case with fan", "Maker Tools Store", 899, "USD",
    OW_PAYMENT_CARD, .placed = -D (53), .paid = -D (53) + 1, .shipped = -D (50),
    .delivery_days = 60, .extension_days = 10, .extension_state = OW_EXTENSION_PENDING },
  { "aliexpress", "Stainless steel bottle 750 ml", "Green Kitchen Store", 1450, "USD",
    OW_PAYMENT_CARD, .placed = -D (24), .paid = -D (24) + 1, .shipped = -D (20),
    .delivered = -D (4), .received = -D (3), .delivery_days = 60 },
  { "aliexpress", "Yoga mat 6 mm, non-slip", "Fit Life Store", 2199, "USD", OW_PAYMENT_CARD,
    .placed = -D (70), .paid = -D (70) + 1, .shipped = -D (66), .delivered = -D (42),
    .received = -D (40), .delivery_days = 60 },
  { "aliexpress", "Bike light set, USB rechargeable", "Ride On Store", 1675, "USD",
    OW_PAYMENT_CARD, .placed = -D (54), .paid = -D (54) + 1, .shipped = -D (50),
    .dispute_opened = -D (2), .delivery_days = 60,
    .notes = "Not received; tracking shows no movement for 5 weeks." },
  { "aliexpress", "Ceramic knife set with block", "Green Kitchen Store", 3120, "USD",
    OW_PAYMENT_CARD, .placed = -D (34), .paid = -D (34) + 1, .shipped = -D (30),
    .delivered = -D (14), .dispute_opened = -D (10), .return_agreed = -D (4),
    .delivery_days = 45, .notes = "Two knives arrived broken." },
  { "aliexpress", "Desk lamp with clamp", "Bright Home Store", 2590, "USD", OW_PAYMENT_CARD,
    .placed = -D (16), .paid = -D (15), .closed = -D (5), .close_reason = OW_CLOSE_NOT_SHIPPED,
    .processing_days = 10 },
  { "aliexpress", "Kids' puzzle, 100 pieces", "Happy Kids Store", 750, "USD", OW_PAYMENT_CARD,
    .placed = -D (31), .paid = -D (31) + 1, .closed = -D (30), .refunded = -D (20),
    .close_reason = OW_CLOSE_SECURITY },
  { "aliexpress", "Smart watch strap, 22 mm", "Case Studio Store", 499, "USD", OW_PAYMENT_CARD,
    .placed = -D (15), .paid = -D (15) + 1, .cancel_requested = -D (14), .closed = -D (12),
    .refunded = -D (8), .close_reason = OW_CLOSE_CANCELLED },
  { "aliexpress", "Vinyl sticker pack, 50 pieces", "Happy Kids Store", 199, "USD",
    OW_PAYMENT_CARD, .placed = -D (25), .closed = -D (5),
    .close_reason = OW_CLOSE_PAYMENT_EXPIRED },
  { "aliexpress", "Aluminium laptop stand", "Office Plus Store", 2890, "USD", OW_PAYMENT_CARD,
    .placed = -D (130), .paid = -D (130) + 1, .shipped = -D (126), .delivered = -D (112),
    .received = -D (110), .delivery_days = 60, .archived = TRUE },
  { "aliexpress", "Drone propellers, 8 pack", "Sky Parts Store", 1150, "USD",
    OW_PAYMENT_PAYPAL, .placed = -D (30), .paid = -D (30) + 1, .shipped = -D (27),
    .delivered = -D (12), .received = -D (10), .delivery_days = 60 },
  { "ebay", "Vintage 35 mm film camera", "retro_cams_uk", 8500, "GBP", OW_PAYMENT_PAYPAL,
    .placed = -D (12), .paid = -D (12) + 1, .shipped = -D (10), .delivery_days = 14 },
  { "amazon", "Noise-cancelling headphones", "Amazon", 19900, "EUR", OW_PAYMENT_CARD,
    .placed = -D (4), .paid = -D (4), .shipped = -D (3), .delivery_days = 5 },
  { "temu", "Garden hose nozzle, 8 patterns", "Temu", 799, "USD", OW_PAYMENT_CARD,
    .placed = -D (6), .paid = -D (6), .shipped = -D (4), .delivery_days = 12 },
};

static const char *const variants[] = {
  "black", "white", "blue", "2 pack", "large", "small", "grey", "gift box", "spare", "red",
};

/* A carrier's usual steps, hours after shipment. */
static const struct
{
  int               after;
  OwTrackingStatus  status;
  const char       *code;
  const char       *description;
  const char       *location;
} journey[] = {
  { 0, OW_TRACKING_STATUS_INFO_RECEIVED, "GWMS_ACCEPT", "Order received by the logistics company",
    "Shenzhen" },
  { 20, OW_TRACKING_STATUS_IN_TRANSIT, "SC_OUTBOUND_SUCCESS", "Departed from sorting center",
    "Dongguan" },
  { D (3), OW_TRACKING_STATUS_IN_TRANSIT, "LH_HO_AIRLINE", "Handed over to airline",
    "Hong Kong" },
  { D (6), OW_TRACKING_STATUS_IN_TRANSIT, "LH_ARRIVE", "Arrived at destination country",
    "Frankfurt" },
  { D (7), OW_TRACKING_STATUS_IN_CUSTOMS, "CC_IM_START", "Import customs clearance started",
    "Frankfurt" },
  { D (10), OW_TRACKING_STATUS_IN_TRANSIT, "CC_IM_SUCCESS", "Import customs clearance complete",
    "Frankfurt" },
  { D (12), OW_TRACKING_STATUS_IN_TRANSIT, "GTMS_SC_ARRIVE", "Arrived at local delivery center",
    "Berlin" },
};

static gint64
offset (gint64 now,
        int    hours)
{
  return hours == 0 ? OW_TIME_UNSET : now + (gint64) hours * HOUR;
}

static OwOrder *
order_from_scenario (const Scenario *s,
                     gint64          now,
                     gint64          jitter,
                     const char     *number)
{
  OwOrder *order = ow_order_new ();
  const struct { OwOrderEvent event; int hours; } facts[] = {
    { OW_EVENT_PLACED, s->placed },
    { OW_EVENT_PAID, s->paid },
    { OW_EVENT_SHIPPED, s->shipped },
    { OW_EVENT_DELIVERED, s->delivered },
    { OW_EVENT_RECEIVED, s->received },
    { OW_EVENT_CANCEL_REQUESTED, s->cancel_requested },
    { OW_EVENT_DISPUTE_OPENED, s->dispute_opened },
    { OW_EVENT_RETURN_AGREED, s->return_agreed },
    { OW_EVENT_CLOSED, s->closed },
    { OW_EVENT_REFUNDED, s->refunded },
  };

  ow_order_set_marketplace (order, s->marketplace);
  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, s->title);
  ow_order_set_store_name (order, s->store);
  ow_order_set_amount (order, s->amount);
  ow_order_set_currency (order, s->currency);
  ow_order_set_payment_method (order, s->payment);
  ow_order_set_processing_days (order, s->processing_days);
  ow_order_set_delivery_days (order, s->delivery_days);
  ow_order_set_close_reason (order, s->close_reason);
  ow_order_set_archived (order, s->archived);
  ow_order_set_notes (order, s->notes);

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      gint64 when = offset (now, facts[i].hours);
      OwFactSource source = OW_FACT_USER;

      if (when == OW_TIME_UNSET)
        continue;
      if (facts[i].event == OW_EVENT_DELIVERED && s->delivered_by_tracking)
        source = OW_FACT_INFERRED;
      ow_order_set_time (order, facts[i].event, when + jitter, source);
    }

  if (s->extension_days > 0)
    {
      OwExtension extension = {
        .requested_at = now - 2 * DAY,
        .days = s->extension_days,
        .state = s->extension_state,
      };
      ow_order_add_extension (order, &extension);
    }

  return order;
}

static char *
make_order_number (const char *marketplace,
                   GRand      *rand)
{
  if (g_str_equal (marketplace, "ebay"))
    return g_strdup_printf ("%02d-%05d-%05d", g_rand_int_range (rand, 10, 28),
                            g_rand_int_range (rand, 10000, 99999),
                            g_rand_int_range (rand, 10000, 99999));
  if (g_str_equal (marketplace, "amazon"))
    return g_strdup_printf ("302-%07d-%07d", g_rand_int_range (rand, 1000000, 9999999),
                            g_rand_int_range (rand, 1000000, 9999999));
  if (g_str_equal (marketplace, "temu"))
    return g_strdup_printf ("PO-211-%08d%05d", g_rand_int_range (rand, 10000000, 99999999),
                            g_rand_int_range (rand, 10000, 99999));
  return g_strdup_printf ("81%07d%07d", g_rand_int_range (rand, 1000000, 9999999),
                          g_rand_int_range (rand, 1000000, 9999999));
}

GPtrArray *
ow_demo_make_orders (guint   n,
                     gint64  now,
                     guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *orders = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      const Scenario *s = &scenarios[i % G_N_ELEMENTS (scenarios)];
      g_autofree char *number = make_order_number (s->marketplace, rand);
      /* Later copies drift by up to a day so the list does not repeat itself exactly. */
      gint64 jitter = i < G_N_ELEMENTS (scenarios) ? 0 : -g_rand_int_range (rand, 0, DAY);

      OwOrder *order = order_from_scenario (s, now, jitter, number);
      guint round = i / G_N_ELEMENTS (scenarios);

      /* The same item bought again, in another variant. */
      if (round > 0)
        {
          g_autofree char *title = g_strdup_printf ("%s, %s", s->title,
                                                    variants[round % G_N_ELEMENTS (variants)]);
          ow_order_set_item_title (order, title);
        }
      g_ptr_array_add (orders, order);
    }

  return orders;
}

gboolean
ow_demo_seed_many (OwStore  *store,
                   guint     n,
                   gint64    now,
                   guint32   seed,
                   GError  **error)
{
  g_autoptr(GPtrArray) orders = NULL;

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  orders = ow_demo_make_orders (n, now, seed);
  return ow_store_add_orders (store, orders, error);
}

static char *
make_tracking_number (GRand *rand)
{
  return g_strdup_printf ("LP%07d%07d", g_rand_int_range (rand, 1000000, 9999999),
                          g_rand_int_range (rand, 1000000, 9999999));
}

/* The carrier events a parcel shipped at @shipped would show by @now. */
static OwTrackingResult *
make_journey (const char *number,
              gint64      shipped,
              gint64      delivered,
              gint64      now)
{
  OwTrackingResult *result = ow_tracking_result_new (number);

  for (guint i = 0; i < G_N_ELEMENTS (journey); i++)
    {
      gint64 when = shipped + (gint64) journey[i].after * HOUR;

      if (when > now || (delivered != OW_TIME_UNSET && when >= delivered))
        break;
      /* Newest first, as providers give them. */
      g_ptr_array_insert (result->events, 0,
                          ow_tracking_event_new (when, journey[i].status, journey[i].code,
                                                 journey[i].description, journey[i].location));
      result->status = journey[i].status;
    }
  if (delivered != OW_TIME_UNSET && delivered <= now)
    {
      g_ptr_array_insert (result->events, 0,
                          ow_tracking_event_new (delivered, OW_TRACKING_STATUS_DELIVERED,
                                                 "GTMS_SIGNED", "Delivered, signed by the buyer",
                                                 "Berlin"));
      result->status = OW_TRACKING_STATUS_DELIVERED;
      result->carrier = g_strdup ("DHL");
    }
  result->status_known = result->events->len > 0;
  return result;
}

gboolean
ow_demo_seed (OwStore  *store,
              gint64    now,
              GError  **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  orders = ow_demo_make_orders (G_N_ELEMENTS (scenarios), now, 20261108);

  if (!ow_store_begin (store, error))
    return FALSE;

  if (!ow_store_add_orders (store, orders, error))
    goto fail;

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      gint64 shipped = ow_order_get_time (order, OW_EVENT_SHIPPED);
      g_autofree char *number = NULL;
      g_autoptr(OwParcel) parcel = NULL;
      g_autoptr(OwParcel) applied = NULL;
      g_autoptr(OwTrackingResult) result = NULL;

      if (shipped == OW_TIME_UNSET || !g_str_equal (ow_order_get_marketplace (order), "aliexpress"))
        continue;

      number = make_tracking_number (rand);
      parcel = ow_parcel_new (ow_order_get_id (order), number, OW_PROVIDER_CAINIAO);
      if (!ow_store_add_parcel (store, parcel, error))
        goto fail;

      result = make_journey (number, shipped, ow_order_get_time (order, OW_EVENT_DELIVERED), now);
      /* The parcel as stored comes back: ours to drop. */
      if (result->events->len > 0 &&
          (applied = ow_store_apply_tracking_result (store, ow_parcel_get_id (parcel), result,
                                                     now, now + 6 * HOUR, NULL,
                                                     error)) == NULL)
        goto fail;
    }

  return ow_store_commit (store, error);

fail:
  ow_store_rollback (store);
  return FALSE;
}
