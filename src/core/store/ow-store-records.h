/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Everything the store holds about an order besides its own fields (its parcels with their
 * events, the reminders already sent, the snoozes, its disputes with their history and the
 * evidence locker's records), as one plain value: what a lossless backup writes out and reads
 * back. The locker's files themselves live in its folder, not in the store. */
#pragma once

#include <gio/gio.h>

#include "ow-parcel.h"
#include "ow-store.h"
#include "ow-tracking-event.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef struct
{
  char   *kind;       /* the rule id, "protection_end" */
  gint64  due;
  gint64  before;     /* seconds ahead of @due */
  gint64  sent_at;
} OwSentReminder;

typedef struct
{
  char   *kind;
  gint64  until;
} OwSnooze;

struct _OwOrderRecords
{
  /* (element-type OwParcel): oldest first. A parcel's id and follows_parcel_id only relate
   * parcels of these records to each other; the store gives them new ids. */
  GPtrArray *parcels;
  /* (element-type GPtrArray<OwTrackingEvent>): the events of parcels[i], newest first. */
  GPtrArray *events;
  /* (element-type utf8): tracking numbers to attach as new parcels, as typed ones are. */
  GPtrArray *numbers;
  GArray    *reminders;   /* (element-type OwSentReminder) */
  GArray    *snoozes;     /* (element-type OwSnooze) */
  GPtrArray *disputes;    /* (element-type OwDispute): oldest first, each with its history */
  GPtrArray *evidence;    /* (element-type OwEvidence): in the order they were added */
};

OwOrderRecords *ow_order_records_new          (void);
void            ow_order_records_free         (OwOrderRecords        *self);
gboolean        ow_order_records_is_empty     (const OwOrderRecords  *self);
/* Takes a reference on @parcel; @events (element-type OwTrackingEvent) may be NULL. */
void            ow_order_records_add_parcel   (OwOrderRecords        *self,
                                               OwParcel              *parcel,
                                               GPtrArray             *events);
void            ow_order_records_add_reminder (OwOrderRecords        *self,
                                               const char            *kind,
                                               gint64                 due,
                                               gint64                 before,
                                               gint64                 sent_at);
void            ow_order_records_add_snooze   (OwOrderRecords        *self,
                                               const char            *kind,
                                               gint64                 until);
/* The parcel of @self with id @parcel_id, or NULL. */
OwParcel       *ow_order_records_find_parcel  (const OwOrderRecords  *self,
                                               gint64                 parcel_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwOrderRecords, ow_order_records_free)

/* Every order and what the store holds about each, read in one snapshot: @orders
 * (element-type OwOrder) by id, @records order id (gint64 *) -> OwOrderRecords for the
 * orders that have any. */
gboolean        ow_store_read_everything      (OwStore               *self,
                                               GPtrArray            **orders,
                                               GHashTable           **records,
                                               GError               **error);
/* Writes @records onto the stored order @order_id, inside the caller's transaction or one of
 * its own: parcels with every field as they were (a parcel with no created_at gets now),
 * their events, the sent reminders, the snoozes, the disputes and the evidence records (their
 * order ids are ignored). records->numbers are left to the caller (ow_order_attach_tracking). */
gboolean        ow_store_add_records          (OwStore               *self,
                                               gint64                 order_id,
                                               const OwOrderRecords  *records,
                                               GError               **error);

G_END_DECLS
