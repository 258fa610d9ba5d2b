/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-order-list.c and ow-order-list-entry.c. */
#pragma once

#include "ow-deadlines.h"
#include "ow-order-list.h"
#include "ow-store-summaries.h"

G_BEGIN_DECLS

/* One order as the list sees it. The full deadline set is computed only for the rows
 * somebody asks about (the visible ones); sorting and filtering need just the summary.
 * An entry made from a saved summary has no order until one is asked for. */
typedef struct
{
  OwOrder       *order;         /* NULL until read, for an entry from a saved summary */
  gint64         id;
  gint64         urgency;
  gint64         date;          /* placed, else paid: newest first within equal urgency */
  OwOrderStatus  status;
  gboolean       needs_action;
  gboolean       archived;
  char          *haystack;      /* casefolded search text, built on the first search */
  OwDeadlineSet *deadlines;     /* NULL until ow_order_list_get_deadlines asks */
  gint64         computed_at;   /* the instant the summary was computed for */
  gint64         changes_at;    /* the summary and the set hold until then */
  gint64         revision;      /* the saved summary's, read before the order was */
  gboolean       unsaved;       /* computed here since the summaries were read or saved */
  GPtrArray     *channel_disputes;  /* its open disputes on PayPal or the card, or NULL */
} OwListEntry;

/* Takes over @order's reference. The summary is left for ow_list_entry_compute (). */
OwListEntry *ow_list_entry_new         (OwOrder           *order);
/* An entry with @summary's values and no order yet (computed or not). */
OwListEntry *ow_list_entry_new_from_summary (const OwOrderSummary *summary);
/* Gives an entry made from a summary its order (taking over the reference). */
void         ow_list_entry_set_order   (OwListEntry       *entry,
                                        OwOrder           *order);
/* The entry's computed values, to be saved. */
void         ow_list_entry_get_summary (const OwListEntry *entry,
                                        OwOrderSummary    *summary);
void         ow_list_entry_free        (OwListEntry       *entry);
/* Recomputes the summary (and the full set if one was handed out) at @now; the entry must
 * have its order. Returns the set's changes_at: both stay right for every instant from
 * @now until then. */
gint64       ow_list_entry_compute     (OwListEntry       *entry,
                                        OwPolicyRegistry  *policies,
                                        gint64             now);
/* The order's set with its channel disputes' deadlines. Without a policy for the marketplace:
 * no deadlines, the status from the facts. */
void         ow_list_entry_compute_set (OwListEntry       *entry,
                                        OwPolicyRegistry  *policies,
                                        gint64             now,
                                        OwDeadlineSet     *set);
/* (element-type OwListEntry): ow_list_entry_compute () on each, in two threads when many.
 * Returns the earliest of their changes_at. */
gint64       ow_list_entries_compute   (GPtrArray         *entries,
                                        OwPolicyRegistry  *policies,
                                        gint64             now);
/* Urgency, then placed/paid date (newest first), then id. */
int          ow_list_entry_compare     (const OwListEntry *a,
                                        const OwListEntry *b);
void         ow_list_entries_sort      (GPtrArray         *entries);
/* Where @entry is, or would go, in @sorted. */
guint        ow_list_entries_position  (GPtrArray         *sorted,
                                        const OwListEntry *entry);
gboolean     ow_list_entry_in_filter   (const OwListEntry *entry,
                                        OwOrderFilter      filter);
/* Adds @delta to @counts (OW_N_FILTERS of them) for every tab @entry is on. */
void         ow_list_entry_count       (const OwListEntry *entry,
                                        guint             *counts,
                                        int                delta);

/* For tests: the span of "now" over which the computed entries hold. Moving "now" inside
 * [computed_at, valid_until) recomputes nothing. */
gint64       ow_order_list_get_computed_at (OwOrderList    *self);
gint64       ow_order_list_get_valid_until (OwOrderList    *self);
/* For tests: how many of the list's entries have read their order. */
guint        ow_order_list_get_n_read      (OwOrderList    *self);

G_END_DECLS
