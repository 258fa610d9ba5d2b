/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parcels, their carrier events and the tracking services' state, in the store.
 * Each call is one transaction (joining the caller's, if one is open) and emits
 * "order-changed" after the commit when something visible changed. */
#pragma once

#include <gio/gio.h>

#include "ow-parcel.h"
#include "ow-store.h"
#include "ow-tracking-event.h"
#include "ow-tracking-provider.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Adds @parcel to its order; @parcel gets its id and created_at. A number already on
 * that order fails with OW_STORE_ERROR_DUPLICATE. */
gboolean    ow_store_add_parcel              (OwStore          *self,
                                              OwParcel         *parcel,
                                              GError          **error);
/* Writes the user-editable fields: number, provider, override, next check. */
gboolean    ow_store_update_parcel           (OwStore          *self,
                                              OwParcel         *parcel,
                                              GError          **error);
gboolean    ow_store_delete_parcel           (OwStore          *self,
                                              gint64            parcel_id,
                                              GError          **error);
/* NULL with OW_STORE_ERROR_NOT_FOUND when there is no such parcel. */
OwParcel   *ow_store_get_parcel              (OwStore          *self,
                                              gint64            parcel_id,
                                              GError          **error);
/* The parcel of @order_id with @number, or NULL (no error) when there is none. */
OwParcel   *ow_store_find_parcel             (OwStore          *self,
                                              gint64            order_id,
                                              const char       *number,
                                              GError          **error);
/* (element-type OwParcel): the order's parcels, oldest first (follow-ons after the
 * parcel they continue). */
GPtrArray  *ow_store_list_parcels            (OwStore          *self,
                                              gint64            order_id,
                                              GError          **error);
/* (element-type OwParcel): parcels whose next check is at or before @now, soonest
 * first, of orders that are not archived. */
GPtrArray  *ow_store_list_due_parcels        (OwStore          *self,
                                              gint64            now,
                                              GError          **error);
/* The earliest next check of any parcel still tracked (for the scheduler's one
 * timer), or OW_TIME_UNSET when none is. */
gint64      ow_store_get_next_parcel_check   (OwStore          *self,
                                              GError          **error);
/* (element-type OwTrackingEvent): newest first. */
GPtrArray  *ow_store_list_tracking_events    (OwStore          *self,
                                              gint64            parcel_id,
                                              GError          **error);

/* Applies one provider result to @parcel_id in one transaction: stores only the
 * events not stored yet, the status (a status that moves backwards without a newer
 * event is ignored), carrier and schedule (ow_tracking_schedule_next_check with
 * @nearest_deadline, the order's soonest running deadline or OW_TIME_UNSET); adds a
 * follow-on parcel for a new last-mile number; moves the order's facts as inferred
 * (first event: shipped; every parcel delivered: delivered), never over a user fact.
 * Returns the parcel as stored; @n_new_events (out, optional). */
OwParcel   *ow_store_apply_tracking_result   (OwStore          *self,
                                              gint64            parcel_id,
                                              const OwTrackingResult *result,
                                              gint64            now,
                                              gint64            nearest_deadline,
                                              guint            *n_new_events,
                                              GError          **error);
/* Records a failed check: counts it, keeps @message (plain words) and backs off
 * (ow_tracking_schedule_backoff, or @retry_at when later). Events and status are left
 * alone. Returns the parcel as stored. */
OwParcel   *ow_store_record_parcel_failure   (OwStore          *self,
                                              gint64            parcel_id,
                                              const char       *message,
                                              gint64            now,
                                              gint64            retry_at,
                                              GError          **error);

/* A tracking service's shared state: blocked (captcha) or rate limited until
 * @blocked_until, the current back-off step and a message for the user. */
gboolean    ow_store_get_provider_state      (OwStore          *self,
                                              const char       *provider,
                                              gint64           *blocked_until,
                                              guint            *backoff,
                                              char            **message,
                                              GError          **error);
/* @blocked_until OW_TIME_UNSET and @message NULL clear the block. */
gboolean    ow_store_set_provider_state      (OwStore          *self,
                                              const char       *provider,
                                              gint64            blocked_until,
                                              guint             backoff,
                                              const char       *message,
                                              GError          **error);

G_END_DECLS
