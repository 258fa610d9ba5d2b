/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where a dispute can be opened now: on the marketplace, with PayPal, through the card; and if
 * not, when it opens or until when another channel stays open. Pure, like the engine. */
#pragma once

#include <glib.h>

#include "ow-deadlines.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_WINDOW_OPEN,
  OW_WINDOW_NOT_YET,          /* opens later (see @opens) */
  OW_WINDOW_CLOSED,            /* ran out, or a dispute on it was closed (see @closes) */
  OW_WINDOW_NOT_APPLICABLE,   /* not paid that way, or no such channel for the order */
  OW_WINDOW_IN_PROGRESS,      /* a dispute is open on it */
} OwWindowState;

typedef struct
{
  OwDisputeChannel  channel;
  OwWindowState     state;
  gint64            opens;         /* OW_TIME_UNSET when open from the start or unknown */
  gint64            closes;        /* the conservative end, or OW_TIME_UNSET */
  gint64            closes_late;   /* the end some sources give, or OW_TIME_UNSET */
  char             *summary;       /* one translated sentence with the dates */
} OwDisputeWindow;

/* @disputes (element-type OwDispute, nullable): the order's, so an open one counts. */
void          ow_dispute_windows_compute  (OwOrder            *order,
                                           OwPolicyRegistry   *policies,
                                           GPtrArray          *disputes,
                                           gint64              now,
                                           OwDisputeWindow     windows[OW_N_CHANNELS]);
void          ow_dispute_windows_clear    (OwDisputeWindow     windows[OW_N_CHANNELS]);
const char   *ow_window_state_to_string   (OwWindowState       state);

/* The order as a dispute on @dispute's channel sees it: the marketplace's facts for a
 * marketplace dispute, the dispute's own opened and closed for PayPal or the card (whose
 * windows a marketplace dispute does not meet). @dispute may be NULL: no dispute yet. */
OwOrder      *ow_dispute_view_order       (OwOrder            *order,
                                           OwDisputeChannel    channel,
                                           OwDispute          *dispute);
/* The dispute's own deadlines (seller's response, escalation, return, decision), computed by
 * the engine from the channel's policy; @out holds the whole set, ow_rule_is_dispute_rule ()
 * picks the dispute's. */
gboolean      ow_dispute_compute_deadlines (OwDispute         *dispute,
                                           OwOrder            *order,
                                           OwPolicyRegistry   *policies,
                                           gint64              now,
                                           OwDeadlineSet      *out);

/* Adds to @set, @order's own, the deadlines of its open disputes on PayPal or the card among
 * @disputes (element-type OwDispute, nullable; others are passed over), as
 * ow_deadlines_add_dispute () does: the list, the order page and its timeline count them. */
void          ow_dispute_add_channel_deadlines (OwDeadlineSet     *set,
                                           OwOrder           *order,
                                           GPtrArray         *disputes,
                                           OwPolicyRegistry  *policies,
                                           gint64             now);

G_END_DECLS
