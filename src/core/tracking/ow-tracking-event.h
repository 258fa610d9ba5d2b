/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One carrier event of a parcel: immutable once built. */
#pragma once

#include <glib-object.h>

#include "ow-tracking-provider.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_TRACKING_EVENT (ow_tracking_event_get_type ())

G_DECLARE_FINAL_TYPE (OwTrackingEvent, ow_tracking_event, OW, TRACKING_EVENT, GObject)

/* The longest text taken from a tracking service (a description, a place, a carrier's name),
 * in characters; longer ones are cut. */
#define OW_TRACKING_TEXT_MAX 1000

/* What identifies an event among the events of its parcel at one instant: the provider's
 * event code where it has one ("code:GTMS_SIGNED"), else the text ("text:Delivered"). A
 * reworded description of a coded event is then the same event. */
char             *ow_tracking_event_make_key        (const char       *event_code,
                                                     const char       *description);

/* @time: Unix seconds UTC; @raw_code: the provider's code (may be NULL);
 * @description: never empty; @location: may be NULL. The event is keyed by its text. */
OwTrackingEvent  *ow_tracking_event_new             (gint64            time,
                                                     OwTrackingStatus  status,
                                                     const char       *raw_code,
                                                     const char       *description,
                                                     const char       *location);
/* The same with the key given (ow_tracking_event_make_key); NULL keys it by its text. */
OwTrackingEvent  *ow_tracking_event_new_with_key    (gint64            time,
                                                     OwTrackingStatus  status,
                                                     const char       *raw_code,
                                                     const char       *key,
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
const char       *ow_tracking_event_get_key         (OwTrackingEvent  *self);

G_END_DECLS
