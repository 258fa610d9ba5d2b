/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ow-countdown-clock.h"
#include "ow-dispute-section.h"
#include "ow-timeline.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_ORDER_DETAIL (ow_order_detail_get_type ())

G_DECLARE_FINAL_TYPE (OwOrderDetail, ow_order_detail, OW, ORDER_DETAIL, GtkWidget)

/* Everything about one order: header, what to do next, the protection timeline, every
 * deadline, tracking, history and the actions (widget actions "order.*"). It reads the
 * order from the store and follows the store's "orders-changed". */
GtkWidget  *ow_order_detail_new           (void);
void        ow_order_detail_set_context   (OwOrderDetail    *self,
                                           OwStore          *store,
                                           OwPolicyRegistry *policies,
                                           OwCountdownClock *clock);
/* 0 shows nothing. */
void        ow_order_detail_set_order_id  (OwOrderDetail    *self,
                                           gint64            order_id);
gint64      ow_order_detail_get_order_id  (OwOrderDetail    *self);
/* The order as last read from the store, or NULL. */
OwOrder    *ow_order_detail_get_order     (OwOrderDetail    *self);
OwTimeline *ow_order_detail_get_timeline  (OwOrderDetail    *self);
/* The order's dispute, shown while it has one. */
OwDisputeSection *ow_order_detail_get_dispute_section (OwOrderDetail *self);
/* (element-type OwDeadlineRow): the deadline rows shown, top to bottom (those not started
 * inside the waiting row). */
GPtrArray  *ow_order_detail_get_deadline_rows (OwOrderDetail *self);
/* The one expander row (an AdwExpanderRow) that holds the deadlines not started yet, or
 * NULL when every deadline has started. */
GtkWidget  *ow_order_detail_get_waiting_row (OwOrderDetail   *self);
/* The text of the "what to do next" card, or NULL when hidden. */
const char *ow_order_detail_get_next_action (OwOrderDetail  *self);

G_END_DECLS
