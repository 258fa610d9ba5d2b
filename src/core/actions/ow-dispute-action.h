/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Everything a user does in a dispute, for both faces: opening one, recording what happened,
 * closing it, and the evidence. Each is one BEGIN IMMEDIATE that reads, checks and writes;
 * bad input fails with OW_INPUT_ERROR naming the field and the rule, and nothing is written. */
#pragma once

#include <glib.h>

#include "ow-dispute-terms.h"
#include "ow-dispute.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef struct
{
  OwDisputeChannel   channel;
  const char        *reason;
  OwDisputeSolution  solution;
  gint64             amount;        /* minor units; 0 means everything paid */
  const char        *description;   /* NULL: the drafted one */
  gint64             at;            /* OW_TIME_UNSET: now */
} OwDisputeRequest;

/* Opens a dispute on order @order_id. Outside the channel's computed window it is still
 * opened (the user knows what the marketplace accepted) and @warning (nullable) says so. */
OwDispute *ow_dispute_action_open    (OwStore                *store,
                                      OwPolicyRegistry       *policies,
                                      gint64                  order_id,
                                      const OwDisputeRequest *request,
                                      gint64                  now,
                                      char                  **warning,
                                      GError                **error);
/* Records @kind on the order's open dispute on @channel (or its only open one when
 * @channel is OW_N_CHANNELS). @amount: a proposal's or a refund's; @text: the return
 * address note, the return's tracking number (required for OW_STEP_RETURN_SHIPPED, and then
 * followed like any parcel) or a note. A step that makes no sense in the dispute's state
 * fails with OW_INPUT_ERROR_UNAVAILABLE and the reason. */
OwDispute *ow_dispute_action_update  (OwStore                *store,
                                      OwPolicyRegistry       *policies,
                                      gint64                  order_id,
                                      OwDisputeChannel        channel,
                                      OwDisputeStepKind       kind,
                                      gint64                  at,
                                      gint64                  amount,
                                      const char             *text,
                                      gint64                  now,
                                      GError                **error);
/* The drafted description of a claim on order @order_id for @reason_id (NULL: the reason the
 * facts suggest; @reason_used tells which), from the order, its tracking and @now. NULL with
 * an OW_INPUT_ERROR when no reason is given or suggested, or it is not the marketplace's. */
char      *ow_dispute_action_draft   (OwStore                *store,
                                      OwPolicyRegistry       *policies,
                                      gint64                  order_id,
                                      const char             *reason_id,
                                      OwDisputeSolution       solution,
                                      gint64                  amount,
                                      gint64                  now,
                                      gboolean                localized,
                                      const char            **reason_used,
                                      GError                **error);
/* Closes it with @outcome; @amount is what was refunded (required when partially refunded). */
OwDispute *ow_dispute_action_close   (OwStore                *store,
                                      OwPolicyRegistry       *policies,
                                      gint64                  order_id,
                                      OwDisputeChannel        channel,
                                      OwDisputeOutcome        outcome,
                                      gint64                  amount,
                                      gint64                  at,
                                      gint64                  now,
                                      GError                **error);

G_END_DECLS
