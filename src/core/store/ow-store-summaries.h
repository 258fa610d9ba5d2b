/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order list's last computation for each order (schema 6), kept so a window can sort
 * and count every order from one narrow read, and read in full only the orders it shows.
 * A cache, never the truth: whatever changes an order clears its row (triggers in the
 * schema), and a row computed under other rules counts as cleared. */
#pragma once

#include <gio/gio.h>

#include "ow-store.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64        order_id;
  gint64        revision;      /* moves on whenever the order changes */
  gboolean      computed;      /* FALSE: nothing saved, or saved under other rules */
  gint64        computed_at;
  gint64        changes_at;    /* the values hold from computed_at until then */
  gint64        urgency;
  gint64        date;
  OwOrderStatus status;
  gboolean      needs_action;
  gboolean      archived;
} OwOrderSummary;

typedef void (*OwOrderSummaryFunc) (const OwOrderSummary *summary,
                                    gpointer              user_data);

/* Calls @func with each order's summary, by id, without holding them all. Rows saved under
 * a @fingerprint other than this one come with computed FALSE. */
gboolean  ow_store_read_order_summaries (OwStore            *self,
                                         const char         *fingerprint,
                                         OwOrderSummaryFunc  func,
                                         gpointer            user_data,
                                         GError            **error);
/* (element-type OwOrderSummary): the same, in an array. */
GArray   *ow_store_list_order_summaries (OwStore     *self,
                                         const char  *fingerprint,
                                         GError     **error);
/* Saves the computed ones of @summaries (element-type OwOrderSummary) in one transaction,
 * each only if its order's revision is still the one it carries: a computation made from
 * an order read before a change is dropped. Other rules than the saved ones clear every
 * row first. Emits nothing: no order changed. */
gboolean  ow_store_save_order_summaries (OwStore     *self,
                                         const char  *fingerprint,
                                         GArray      *summaries,
                                         GError     **error);
/* The revision of @order_id's row, to read before the order itself (0 when it has none). */
gint64    ow_store_get_summary_revision (OwStore     *self,
                                         gint64       order_id,
                                         GError     **error);

G_END_DECLS
