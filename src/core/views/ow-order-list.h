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
/* How many orders each tab holds (search not applied). */
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
