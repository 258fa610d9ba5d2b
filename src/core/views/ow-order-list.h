/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ow-deadlines.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_ORDER_LIST (ow_order_list_get_type ())

G_DECLARE_FINAL_TYPE (OwOrderList, ow_order_list, OW, ORDER_LIST, GObject)

/* A GListModel of OwOrder for the window: filtered by tab and search text, sorted by
 * urgency then date, and kept up to date when the store changes (each changed order a
 * minimal "items-changed"; beyond an eighth of the list, a reload). "counts-changed" says
 * a tab count changed. */
OwOrderList         *ow_order_list_new            (OwStore          *store,
                                                   OwPolicyRegistry *policies);
/* The same list, sorted and counted from the summaries the store keeps of each order:
 * only the orders those do not cover (new, changed, or past their next change) are read
 * and computed now, the others as they are asked for. For the window, which shows a
 * screenful of a list that may hold 100,000 orders. */
OwOrderList         *ow_order_list_new_from_summaries (OwStore          *store,
                                                       OwPolicyRegistry *policies);
/* From now on, computations are saved back to the store from idles of the default main
 * context (what is left when the list goes), on the thread that runs that context. Does
 * nothing for a list not read from summaries. */
void                 ow_order_list_start_saving   (OwOrderList      *self);
/* Reads the orders of the first @n_rows rows now, rather than as they are asked for: the
 * first screen, read on the loading thread. */
void                 ow_order_list_read_orders    (OwOrderList      *self,
                                                   guint             n_rows);
OwStore             *ow_order_list_get_store      (OwOrderList      *self);
OwPolicyRegistry    *ow_order_list_get_policies   (OwOrderList      *self);
void                 ow_order_list_set_filter     (OwOrderList      *self,
                                                   OwOrderFilter     filter);
OwOrderFilter        ow_order_list_get_filter     (OwOrderList      *self);
/* Matches order number, item, store and tracking numbers, case-insensitively. */
void                 ow_order_list_set_search     (OwOrderList      *self,
                                                   const char       *text);
const char          *ow_order_list_get_search     (OwOrderList      *self);
/* The instant the deadlines are computed for (tests set it; the window moves it on). */
void                 ow_order_list_set_now        (OwOrderList      *self,
                                                   gint64            now);
gint64               ow_order_list_get_now        (OwOrderList      *self);
/* Keeps the order of @order_id (0: none) out of the rows and the counts, as if it were
 * gone: a delete that can still be undone. */
void                 ow_order_list_set_hidden     (OwOrderList      *self,
                                                   gint64            order_id);
gint64               ow_order_list_get_hidden     (OwOrderList      *self);
/* The row of the order @order_id, or G_MAXUINT when it is not shown (another tab, the
 * search, hidden, or no such order); reads no order. */
guint                ow_order_list_find_position  (OwOrderList      *self,
                                                   gint64            order_id);
/* How many orders each tab holds (search not applied, the hidden order left out). */
guint                ow_order_list_get_count      (OwOrderList      *self,
                                                   OwOrderFilter     filter);
/* The deadlines of an order in the model at the current "now", NULL when it is not in the
 * list. Computed on first use; the pointer stays valid (updated in place) until the order
 * is deleted or the list reloads everything. */
const OwDeadlineSet *ow_order_list_get_deadlines  (OwOrderList      *self,
                                                   OwOrder          *order);
/* The same set ow_order_list_get_deadlines () gives, for any order, into @out, keeping
 * nothing: a pass over every order (`list --json`) holds no set per order. */
void                 ow_order_list_compute_deadlines (OwOrderList      *self,
                                                      OwOrder          *order,
                                                      OwDeadlineSet    *out);
/* Re-reads the store (also done on its "orders-changed" signal when many changed). */
void                 ow_order_list_reload         (OwOrderList      *self);

const char          *ow_order_filter_to_string    (OwOrderFilter     filter);
gboolean             ow_order_filter_from_string  (const char       *text,
                                                   OwOrderFilter    *filter);
const char          *ow_order_filter_label        (OwOrderFilter     filter);
/* The tab an order of @status is listed under: the one place status and tabs meet. */
OwOrderFilter        ow_order_status_get_filter   (OwOrderStatus     status);

G_END_DECLS
