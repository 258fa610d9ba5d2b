/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dispute wizard asks, and what it may offer at each step: which channel to start
 * on, which reasons, solutions and amounts fit the order, what to attach and within which
 * limits. Pure, like the engine: the faces show these answers and hold no rule. */
#pragma once

#include <gio/gio.h>

#include "ow-dispute-eligibility.h"
#include "ow-dispute-terms.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Where the buyer stands, for the first page. */
typedef enum
{
  OW_DISPUTE_VERDICT_OPEN,       /* the marketplace takes a dispute now */
  OW_DISPUTE_VERDICT_NOT_YET,    /* it opens later (prepare it now) */
  OW_DISPUTE_VERDICT_ELSEWHERE,  /* it has closed, another channel is open */
  OW_DISPUTE_VERDICT_NONE,       /* no channel takes one */
} OwDisputeVerdict;

/* Whether the wizard can start for @order: a dispute can be opened on some channel now, or
 * the marketplace's window opens later (to prepare it). When not, @reason (nullable) says
 * why, translated, as the order page shows it. @disputes (element-type OwDispute): the
 * order's. */
gboolean          ow_dispute_guide_can_start          (OwOrder                *order,
                                                       OwPolicyRegistry       *policies,
                                                       GPtrArray              *disputes,
                                                       gint64                  now,
                                                       char                  **reason);
OwDisputeVerdict  ow_dispute_guide_verdict            (const OwDisputeWindow   windows[OW_N_CHANNELS]);
/* The channel to start on: the marketplace while its window is open or opens later, else
 * the first other channel that is open, else the marketplace. */
OwDisputeChannel  ow_dispute_guide_pick_channel       (const OwDisputeWindow   windows[OW_N_CHANNELS]);
/* Whether the wizard may record a dispute on @window's channel; if not, @reason says why. */
gboolean          ow_dispute_guide_channel_possible   (const OwDisputeWindow  *window,
                                                       char                  **reason);
/* "AliExpress" for the marketplace (@marketplace's name), else "PayPal", "Card chargeback". */
const char       *ow_dispute_guide_channel_name       (OwPolicy               *marketplace,
                                                       OwDisputeChannel        channel);
/* The window for a row, with the time left: "Open until 3 Dec 2026 · 12 days left",
 * "Opens on 14 Nov 2026 · in 3 days", "Closed on 1 Nov 2026". Translated. */
char             *ow_dispute_guide_describe_window    (const OwDisputeWindow  *window,
                                                       gint64                  now);
/* The instant that text counts to (for the window's clock), or OW_TIME_UNSET. */
gint64            ow_dispute_guide_window_changes_at  (const OwDisputeWindow  *window);
/* Whether Orderwatch sends a notification when the marketplace's window opens, with the
 * reminders of @settings (nullable: the defaults). */
gboolean          ow_dispute_guide_notifies_on_open   (OwPolicy               *policy,
                                                       GSettings              *settings);

/* Whether @reason fits @order (an item that arrived for the "received" reasons). */
gboolean          ow_dispute_guide_reason_possible    (OwOrder                *order,
                                                       const OwDisputeReason  *reason,
                                                       char                  **why_not);
/* The group's heading: "Not Received", "Received With a Problem". Translated. */
const char       *ow_dispute_guide_group_title        (OwReasonGroup           group);

/* One sentence on what @solution means on @policy's marketplace (with the days a return
 * must ship within, from the policy). */
char             *ow_dispute_guide_solution_explain   (OwPolicy               *policy,
                                                       OwDisputeSolution       solution);
gboolean          ow_dispute_guide_solution_possible  (const OwDisputeReason  *reason,
                                                       OwDisputeSolution       solution,
                                                       char                  **why_not);
/* Whether a partial refund can be asked with @solution. */
gboolean          ow_dispute_guide_partial_possible   (OwDisputeSolution       solution,
                                                       char                  **why_not);
/* An amount typed in the order's currency, checked as the dispute action checks it: above
 * zero and no more than was paid. Fails with OW_INPUT_ERROR naming @field. */
gboolean          ow_dispute_guide_parse_amount       (OwOrder                *order,
                                                       const char             *field,
                                                       const char             *text,
                                                       gint64                 *amount,
                                                       GError                **error);
gboolean          ow_dispute_guide_check_amount       (OwOrder                *order,
                                                       const char             *field,
                                                       gint64                  amount,
                                                       GError                **error);

/* Whether the marketplace wants evidence for @reason, in one translated sentence. */
const char       *ow_dispute_guide_evidence_need      (const OwDisputeReason  *reason);
/* The marketplace's limits on attachments in one translated sentence, or NULL if none. */
char             *ow_dispute_guide_describe_limits    (OwPolicy               *policy);

G_END_DECLS
