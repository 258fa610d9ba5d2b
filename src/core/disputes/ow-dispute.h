/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One dispute of an order on one channel: what was asked for, and a history of what happened,
 * from which its state and its facts for the deadline engine follow. */
#pragma once

#include <glib-object.h>

#include "ow-dispute-terms.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE (ow_dispute_get_type ())

G_DECLARE_FINAL_TYPE (OwDispute, ow_dispute, OW, DISPUTE, GObject)

typedef enum
{
  OW_DISPUTE_OPEN,              /* waiting for the seller */
  OW_DISPUTE_SELLER_REJECTED,   /* the seller said no: escalate, or wait for the marketplace */
  OW_DISPUTE_PROPOSAL,          /* a proposal waits for the buyer's answer */
  OW_DISPUTE_ESCALATED,         /* the marketplace, PayPal or the bank decides */
  OW_DISPUTE_RETURN_AGREED,     /* the buyer must ship the return */
  OW_DISPUTE_RETURN_SHIPPED,
  OW_DISPUTE_REFUND_AGREED,     /* accepted or decided: the refund is on its way */
  OW_DISPUTE_REFUND_REFUSED,    /* decided against the buyer */
  OW_DISPUTE_CLOSED,
} OwDisputeState;

typedef enum
{
  OW_OUTCOME_NONE,
  OW_OUTCOME_REFUNDED,
  OW_OUTCOME_PARTIALLY_REFUNDED,
  OW_OUTCOME_REJECTED,
  OW_OUTCOME_WITHDRAWN,
  OW_N_OUTCOMES
} OwDisputeOutcome;

/* What can happen in a dispute; the history is a list of these. */
typedef enum
{
  OW_STEP_OPENED,
  OW_STEP_SELLER_ACCEPTED,
  OW_STEP_SELLER_REJECTED,
  OW_STEP_SELLER_PROPOSED,      /* with the amount */
  OW_STEP_PROPOSAL_ACCEPTED,
  OW_STEP_PROPOSAL_REJECTED,
  OW_STEP_ESCALATED,
  OW_STEP_RETURN_AGREED,        /* with the return address note */
  OW_STEP_RETURN_SHIPPED,       /* with the return's tracking number */
  OW_STEP_DECISION_REFUND,
  OW_STEP_DECISION_NO_REFUND,
  OW_STEP_REFUND_RECEIVED,      /* with the amount */
  OW_STEP_CLOSED,               /* with the outcome, and the amount refunded */
  OW_N_STEPS
} OwDisputeStepKind;

typedef struct
{
  OwDisputeStepKind kind;
  gint64            at;
  gint64            amount;     /* minor units, or 0 */
  char             *text;       /* a note, an address, a tracking number; or NULL */
} OwDisputeStep;

OwDispute        *ow_dispute_new              (gint64             order_id,
                                               OwDisputeChannel   channel);
OwDispute        *ow_dispute_copy             (OwDispute         *self);

gint64            ow_dispute_get_id           (OwDispute         *self);
void              ow_dispute_set_id           (OwDispute         *self,
                                               gint64             id);
gint64            ow_dispute_get_order_id     (OwDispute         *self);
OwDisputeChannel  ow_dispute_get_channel      (OwDispute         *self);
const char       *ow_dispute_get_reason       (OwDispute         *self);
void              ow_dispute_set_reason       (OwDispute         *self,
                                               const char        *reason_id);
OwDisputeSolution ow_dispute_get_solution     (OwDispute         *self);
void              ow_dispute_set_solution     (OwDispute         *self,
                                               OwDisputeSolution  solution);
/* What the buyer asked for, in the order's currency's minor units. */
gint64            ow_dispute_get_amount       (OwDispute         *self);
void              ow_dispute_set_amount       (OwDispute         *self,
                                               gint64             amount);
const char       *ow_dispute_get_description  (OwDispute         *self);
void              ow_dispute_set_description  (OwDispute         *self,
                                               const char        *description);
OwDisputeOutcome  ow_dispute_get_outcome      (OwDispute         *self);

/* The history, oldest first. */
guint             ow_dispute_get_n_steps      (OwDispute         *self);
const OwDisputeStep *ow_dispute_get_step      (OwDispute         *self,
                                               guint              index);
/* The last step of @kind, or NULL. */
const OwDisputeStep *ow_dispute_find_step     (OwDispute         *self,
                                               OwDisputeStepKind  kind);
/* Appends without checking (the store, when it reads the history back). */
void              ow_dispute_append_step      (OwDispute         *self,
                                               OwDisputeStepKind  kind,
                                               gint64             at,
                                               gint64             amount,
                                               const char        *text);

OwDisputeState    ow_dispute_get_state        (OwDispute         *self);
gint64            ow_dispute_get_opened_at    (OwDispute         *self);
gint64            ow_dispute_get_closed_at    (OwDispute         *self);
gboolean          ow_dispute_is_open          (OwDispute         *self);
/* Whether @kind can happen next; if not, @reason (nullable) says why, translated. */
gboolean          ow_dispute_can_take         (OwDispute         *self,
                                               OwDisputeStepKind  kind,
                                               char             **reason);
/* Writes the dispute's facts (opened, seller responded, escalated, return agreed and shipped,
 * decided, closed, refunded) into @order for the deadline engine: the facts of the order's
 * own row for a marketplace dispute, and the dispute facts after OW_N_EVENTS. */
void              ow_dispute_apply_facts      (OwDispute         *self,
                                               OwOrder           *order);

const char       *ow_dispute_state_to_string  (OwDisputeState     state);
const char       *ow_dispute_state_label      (OwDisputeState     state);
const char       *ow_dispute_outcome_to_string (OwDisputeOutcome  outcome);
gboolean          ow_dispute_outcome_from_string (const char     *text,
                                               OwDisputeOutcome  *outcome);
const char       *ow_dispute_step_to_string   (OwDisputeStepKind  kind);
gboolean          ow_dispute_step_from_string (const char        *text,
                                               OwDisputeStepKind *kind);
const char       *ow_dispute_step_label       (OwDisputeStepKind  kind);

G_END_DECLS
