/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One carrier event of a parcel: immutable once built. */
#pragma once

#include <glib-object.h>

#include "ow-tracking-provider.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_TRACKING_EVENT (ow_tracking_event_get_type ())

G_DECLARE_FINAL_TYPE (OwTrackingEvent, ow_tracking_event, OW, TRACKING_EVENT, GObject)

/* @time: Unix seconds UTC; @raw_code: the provider's code (may be NULL);
 * @description: never empty; @location: may be NULL. */
OwTrackingEvent  *ow_tracking_event_new             (gint64            time,
                                                     OwTrackingStatus  status,
                                                     const char       *raw_code,
                                                     const char       *description,
                                                     const char       *location);
gint64            ow_tracking_event_get_id          (OwTrackingEvent  *self);
void              ow_tracking_event_set_id          (OwTrackingEvent  *self,
                                                     gint64            id);
gint64            ow_tracking_event_get_parcel_id   (OwTrackingEvent  *self);
void              ow_tracking_event_set_parcel_id   (OwTrackingEvent  *self,
                                                     gint64            parcel_id);
gint64            ow_tracking_event_get_time        (OwTrackingEvent  *self);
OwTrackingStatus  ow_tracking_event_get_status      (OwTrackingEvent  *self);
const char       *ow_tracking_event_get_raw_code    (OwTrackingEvent  *self);
const char       *ow_tracking_event_get_description (OwTrackingEvent  *self);
const char       *ow_tracking_event_get_location    (OwTrackingEvent  *self);

G_END_DECLS
