/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ow-countdown-clock.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_ORDER_ROW (ow_order_row_get_type ())

G_DECLARE_FINAL_TYPE (OwOrderRow, ow_order_row, OW, ORDER_ROW, GtkWidget)

/* One order in the list: item, store, amount, a status pill and the most urgent
 * deadline as a countdown. The row reads deadlines from @list and updates its
 * countdown on @clock's ticks while it shows an order. */
GtkWidget  *ow_order_row_new               (OwOrderList      *list,
                                            OwCountdownClock *clock);
void        ow_order_row_set_order         (OwOrderRow       *self,
                                            OwOrder          *order);
OwOrder    *ow_order_row_get_order         (OwOrderRow       *self);
/* Re-reads the order's deadlines and refreshes every label. */
void        ow_order_row_update            (OwOrderRow       *self);
/* The deadline line, NULL when the order has none to show (the row is two lines then). */
const char *ow_order_row_get_countdown     (OwOrderRow       *self);
/* "Store · Marketplace", or the marketplace alone. */
const char *ow_order_row_get_store_line    (OwOrderRow       *self);

/* Whether a store's and a marketplace's names are the same (the marketplace sells it
 * itself): shown once, not "Amazon · Amazon". */
gboolean    ow_same_name                   (const char       *a,
                                            const char       *b);

/* "status-awaiting-shipment" and so on. */
const char *ow_order_status_css_class      (OwOrderStatus     status);

G_END_DECLS
