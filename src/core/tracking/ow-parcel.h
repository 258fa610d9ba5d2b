/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A parcel of an order: one tracking number, its normalized status and its schedule.
 * Events live in the store (ow_store_list_tracking_events). */
#pragma once

#include <glib-object.h>

#include "ow-tracking-provider.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_PARCEL (ow_parcel_get_type ())

G_DECLARE_FINAL_TYPE (OwParcel, ow_parcel, OW, PARCEL, GObject)

/* The dispute reason a Returning parcel suggests (see ow_parcel_get_suggested_dispute_reason). */
#define OW_DISPUTE_REASON_RETURNED_TO_SELLER "returned_to_seller"

/* @provider: OW_PROVIDER_CAINIAO, OW_PROVIDER_17TRACK or NULL (none picked yet). */
OwParcel         *ow_parcel_new                  (gint64            order_id,
                                                  const char       *tracking_number,
                                                  const char       *provider);
OwParcel         *ow_parcel_copy                 (OwParcel         *self);

gint64            ow_parcel_get_id               (OwParcel         *self);
void              ow_parcel_set_id               (OwParcel         *self,
                                                  gint64            id);
gint64            ow_parcel_get_order_id         (OwParcel         *self);
void              ow_parcel_set_order_id         (OwParcel         *self,
                                                  gint64            order_id);
const char       *ow_parcel_get_tracking_number  (OwParcel         *self);
void              ow_parcel_set_tracking_number  (OwParcel         *self,
                                                  const char       *number);
const char       *ow_parcel_get_provider         (OwParcel         *self);
void              ow_parcel_set_provider         (OwParcel         *self,
                                                  const char       *provider);
/* The user picked the provider (the guess from the number is not applied again). */
gboolean          ow_parcel_get_provider_overridden (OwParcel      *self);
void              ow_parcel_set_provider_overridden (OwParcel      *self,
                                                  gboolean          overridden);
/* The parcel this last-mile number continues, or 0. */
gint64            ow_parcel_get_follows_parcel_id (OwParcel        *self);
void              ow_parcel_set_follows_parcel_id (OwParcel        *self,
                                                  gint64            parcel_id);
OwTrackingStatus  ow_parcel_get_status           (OwParcel         *self);
void              ow_parcel_set_status           (OwParcel         *self,
                                                  OwTrackingStatus  status);
/* The provider's own status code and text, or NULL. */
const char       *ow_parcel_get_raw_status       (OwParcel         *self);
void              ow_parcel_set_raw_status       (OwParcel         *self,
                                                  const char       *raw_status);
/* The last-mile carrier's name, or NULL. */
const char       *ow_parcel_get_carrier          (OwParcel         *self);
void              ow_parcel_set_carrier          (OwParcel         *self,
                                                  const char       *carrier);
/* Instants, OW_TIME_UNSET when unknown. next_check unset: never checked again. */
gint64            ow_parcel_get_last_check       (OwParcel         *self);
void              ow_parcel_set_last_check       (OwParcel         *self,
                                                  gint64            time);
gint64            ow_parcel_get_next_check       (OwParcel         *self);
void              ow_parcel_set_next_check       (OwParcel         *self,
                                                  gint64            time);
/* The newest carrier event's time. */
gint64            ow_parcel_get_last_movement    (OwParcel         *self);
void              ow_parcel_set_last_movement    (OwParcel         *self,
                                                  gint64            time);
gint64            ow_parcel_get_delivered_at     (OwParcel         *self);
void              ow_parcel_set_delivered_at     (OwParcel         *self,
                                                  gint64            time);
gint64            ow_parcel_get_created_at       (OwParcel         *self);
void              ow_parcel_set_created_at       (OwParcel         *self,
                                                  gint64            time);
/* Failed checks in a row (drives the back-off); 0 after a success. */
guint             ow_parcel_get_failures         (OwParcel         *self);
void              ow_parcel_set_failures         (OwParcel         *self,
                                                  guint             failures);
/* The last failure in plain words, or NULL after a success. */
const char       *ow_parcel_get_last_error       (OwParcel         *self);
void              ow_parcel_set_last_error       (OwParcel         *self,
                                                  const char       *message);

/* Whether the carrier is sending the parcel back: the order qualifies for the
 * "returned to the seller" dispute reason. */
gboolean          ow_parcel_is_returning         (OwParcel         *self);
/* OW_DISPUTE_REASON_RETURNED_TO_SELLER or NULL. */
const char       *ow_parcel_get_suggested_dispute_reason (OwParcel *self);
/* Delivered: nothing more to wait for. */
gboolean          ow_parcel_is_final             (OwParcel         *self);

/* The polling schedule (seconds). */
#define OW_TRACKING_INTERVAL_DEFAULT    (6 * 3600)
#define OW_TRACKING_INTERVAL_URGENT     (2 * 3600)   /* out for delivery, deadline near */
#define OW_TRACKING_INTERVAL_QUIET      (24 * 3600)  /* no movement for 10 days */
#define OW_TRACKING_QUIET_AFTER         (10 * 86400)
#define OW_TRACKING_DEADLINE_NEAR       (3 * 86400)
#define OW_TRACKING_STOP_AFTER_DELIVERY (7 * 86400)

/* Pure scheduling rules. @nearest_deadline: the order's soonest running deadline, or
 * OW_TIME_UNSET. Returns the next check, or OW_TIME_UNSET for "never again". */
gint64             ow_tracking_schedule_next_check  (OwTrackingStatus   status,
                                                     gint64             last_movement,
                                                     gint64             delivered_at,
                                                     gint64             nearest_deadline,
                                                     gint64             now);
/* After @failures failed checks in a row (>= 1): 15 min doubling up to a day. */
gint64             ow_tracking_schedule_backoff     (guint              failures,
                                                     gint64             now);

G_END_DECLS
