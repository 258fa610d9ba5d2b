/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history is the truth: the state and the engine's facts are read from it, so a dispute
 * read back from the store is the dispute that was written. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute.h"
#include "ow-order.h"
#include "ow-text.h"

struct _OwDispute
{
  GObject           parent_instance;

  gint64            id;
  gint64            order_id;
  OwDisputeChannel  channel;
  char             *reason;
  OwDisputeSolution solution;
  gint64            amount;
  char             *description;
  GArray           *steps;         /* OwDisputeStep */
};

G_DEFINE_FINAL_TYPE (OwDispute, ow_dispute, G_TYPE_OBJECT)

static const char *step_names[OW_N_STEPS] = {
  "opened", "seller_accepted", "seller_rejected", "seller_proposed", "proposal_accepted",
  "proposal_rejected", "escalated", "return_agreed", "return_shipped", "decision_refund",
  "decision_no_refund", "refund_received", "closed",
};

static const char *outcome_names[OW_N_OUTCOMES] = {
  "none", "refunded", "partially_refunded", "rejected", "withdrawn",
};

static const char *state_names[] = {
  "open", "seller_rejected", "proposal", "escalated", "return_agreed", "return_shipped",
  "refund_agreed", "refund_refused", "closed",
};

static void
clear_step (OwDisputeStep *step)
{
  g_clear_pointer (&step->text, g_free);
}

static void
ow_dispute_finalize (GObject *object)
{
  OwDispute *self = OW_DISPUTE (object);

  g_free (self->reason);
  g_free (self->description);
  g_array_unref (self->steps);

  G_OBJECT_CLASS (ow_dispute_parent_class)->finalize (object);
}

static void
ow_dispute_class_init (OwDisputeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_dispute_finalize;
}

static void
ow_dispute_init (OwDispute *self)
{
  self->steps = g_array_new (FALSE, TRUE, sizeof (OwDisputeStep));
  g_array_set_clear_func (self->steps, (GDestroyNotify) clear_step);
}

OwDispute *
ow_dispute_new (gint64           order_id,
                OwDisputeChannel channel)
{
  OwDispute *self;

  g_return_val_if_fail (channel < OW_N_CHANNELS, NULL);

  self = g_object_new (OW_TYPE_DISPUTE, NULL);
  self->order_id = order_id;
  self->channel = channel;
  return self;
}

OwDispute *
ow_dispute_copy (OwDispute *self)
{
  OwDispute *copy;

  g_return_val_if_fail (OW_IS_DISPUTE (self), NULL);

  copy = ow_dispute_new (self->order_id, self->channel);
  copy->id = self->id;
  copy->reason = g_strdup (self->reason);
  copy->solution = self->solution;
  copy->amount = self->amount;
  copy->description = g_strdup (self->description);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const OwDisputeStep *step = &g_array_index (self->steps, OwDisputeStep, i);

      ow_dispute_append_step (copy, step->kind, step->at, step->amount, step->text);
    }
  return copy;
}

gint64
ow_dispute_get_id (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), 0);
  return self->id;
}

void
ow_dispute_set_id (OwDispute *self,
                   gint64     id)
{
  g_return_if_fail (OW_IS_DISPUTE (self));
  self->id = id;
}

gint64
ow_dispute_get_order_id (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), 0);
  return self->order_id;
}

OwDisputeChannel
ow_dispute_get_channel (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), OW_CHANNEL_MARKETPLACE);
  return self->channel;
}

const char *
ow_dispute_get_reason (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), NULL);
  return self->reason;
}

void
ow_dispute_set_reason (OwDispute  *self,
                       const char *reason_id)
{
  g_return_if_fail (OW_IS_DISPUTE (self));
  g_free (self->reason);
  self->reason = g_strdup (reason_id);
}

OwDisputeSolution
ow_dispute_get_solution (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), OW_SOLUTION_REFUND_ONLY);
  return self->solution;
}

void
ow_dispute_set_solution (OwDispute         *self,
                         OwDisputeSolution  solution)
{
  g_return_if_fail (OW_IS_DISPUTE (self));
  g_return_if_fail (solution < OW_N_SOLUTIONS);
  self->solution = solution;
}

gint64
ow_dispute_get_amount (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), 0);
  return self->amount;
}

void
ow_dispute_set_amount (OwDispute *self,
                       gint64     amount)
{
  g_return_if_fail (OW_IS_DISPUTE (self));
  self->amount = amount;
}

const char *
ow_dispute_get_description (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), NULL);
  return self->description;
}

void
ow_dispute_set_description (OwDispute  *self,
                            const char *description)
{
  g_return_if_fail (OW_IS_DISPUTE (self));
  g_free (self->description);
  self->description = description && *description ? g_strdup (description) : NULL;
}

guint
ow_dispute_get_n_steps (OwDispute *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), 0);
  return self->steps->len;
}

const OwDisputeStep *
ow_dispute_get_step (OwDispute *self,
                     guint      index)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return &g_array_index (self->steps, OwDisputeStep, index);
}

const OwDisputeStep *
ow_dispute_find_step (OwDispute         *self,
                      OwDisputeStepKind  kind)
{
  g_return_val_if_fail (OW_IS_DISPUTE (self), NULL);

  for (guint i = self->steps->len; i > 0; i--)
    {
      const OwDisputeStep *step = &g_array_index (self->steps, OwDisputeStep, i - 1);

      if (step->kind == kind)
        return step;
    }
  return NULL;
}

void
ow_dispute_append_step (OwDispute         *self,
                        OwDisputeStepKind  kind,
                        gint64             at,
                        gint64             amount,
                        const char        *text)
{
  OwDisputeStep step = { kind, at, amount, g_strdup (text) };

  g_return_if_fail (OW_IS_DISPUTE (self));
  g_return_if_fail (kind < OW_N_STEPS);
  g_array_append_val (self->steps, step);
}

static gboolean
has_step (OwDispute         *self,
          OwDisputeStepKind  kind)
{
  return ow_dispute_find_step (self, kind) != NULL;
}

/* The step that set the state last: later steps override earlier ones. */
OwDisputeState
ow_dispute_get_state (OwDispute *self)
{
  OwDisputeState state = OW_DISPUTE_OPEN;

  g_return_val_if_fail (OW_IS_DISPUTE (self), OW_DISPUTE_OPEN);

  for (guint i = 0; i < self->steps->len; i++)
    switch (g_array_index (self->steps, OwDisputeStep, i).kind)
      {
      case OW_STEP_OPENED:
      case OW_STEP_PROPOSAL_REJECTED:
        state = OW_DISPUTE_OPEN;
        break;
      case OW_STEP_SELLER_REJECTED:
        state = OW_DISPUTE_SELLER_REJECTED;
        break;
      case OW_STEP_SELLER_PROPOSED:
        state = OW_DISPUTE_PROPOSAL;
        break;
      case OW_STEP_ESCALATED:
        state = OW_DISPUTE_ESCALATED;
        break;
      case OW_STEP_RETURN_AGREED:
        state = OW_DISPUTE_RETURN_AGREED;
        break;
      case OW_STEP_RETURN_SHIPPED:
        state = OW_DISPUTE_RETURN_SHIPPED;
        break;
      case OW_STEP_SELLER_ACCEPTED:
      case OW_STEP_PROPOSAL_ACCEPTED:
      case OW_STEP_DECISION_REFUND:
      case OW_STEP_REFUND_RECEIVED:
        /* An agreed return still has to ship before the money comes. */
        if (state != OW_DISPUTE_RETURN_AGREED)
          state = OW_DISPUTE_REFUND_AGREED;
        break;
      case OW_STEP_DECISION_NO_REFUND:
        state = OW_DISPUTE_REFUND_REFUSED;
        break;
      case OW_STEP_CLOSED:
        state = OW_DISPUTE_CLOSED;
        break;
      case OW_N_STEPS:
      default:
        g_assert_not_reached ();
      }
  return state;
}

gint64
ow_dispute_get_opened_at (OwDispute *self)
{
  const OwDisputeStep *opened = ow_dispute_find_step (self, OW_STEP_OPENED);

  return opened ? opened->at : OW_TIME_UNSET;
}

gint64
ow_dispute_get_closed_at (OwDispute *self)
{
  const OwDisputeStep *closed = ow_dispute_find_step (self, OW_STEP_CLOSED);

  return closed ? closed->at : OW_TIME_UNSET;
}

gboolean
ow_dispute_is_open (OwDispute *self)
{
  return ow_dispute_get_state (self) != OW_DISPUTE_CLOSED;
}

OwDisputeOutcome
ow_dispute_get_outcome (OwDispute *self)
{
  const OwDisputeStep *closed = ow_dispute_find_step (self, OW_STEP_CLOSED);
  OwDisputeOutcome outcome;

  if (closed == NULL || !ow_dispute_outcome_from_string (closed->text, &outcome))
    return OW_OUTCOME_NONE;
  return outcome;
}

static gboolean
refuse (char       **reason,
        const char  *text)
{
  if (reason != NULL)
    *reason = g_strdup (text);
  return FALSE;
}

gboolean
ow_dispute_can_take (OwDispute         *self,
                     OwDisputeStepKind  kind,
                     char             **reason)
{
  OwDisputeState state;

  g_return_val_if_fail (OW_IS_DISPUTE (self), FALSE);
  g_return_val_if_fail (kind < OW_N_STEPS, FALSE);

  if (reason != NULL)
    *reason = NULL;
  if (kind == OW_STEP_OPENED)
    return self->steps->len == 0 ||
           refuse (reason, _("The dispute is already open; a new one is a new dispute."));
  if (self->steps->len == 0)
    return refuse (reason, _("The dispute is not open yet."));

  state = ow_dispute_get_state (self);
  if (state == OW_DISPUTE_CLOSED)
    return refuse (reason, _("The dispute is closed; a closed dispute cannot be reopened."));

  switch (kind)
    {
    case OW_STEP_SELLER_ACCEPTED:
    case OW_STEP_SELLER_REJECTED:
    case OW_STEP_SELLER_PROPOSED:
      if (state == OW_DISPUTE_PROPOSAL)
        return refuse (reason, _("The seller’s proposal waits for your answer first: accept or "
                                 "reject it."));
      if (state != OW_DISPUTE_OPEN && state != OW_DISPUTE_SELLER_REJECTED &&
          state != OW_DISPUTE_ESCALATED)
        return refuse (reason, _("The seller answers while the dispute is open; it has moved "
                                 "on since."));
      return TRUE;

    case OW_STEP_PROPOSAL_ACCEPTED:
    case OW_STEP_PROPOSAL_REJECTED:
      return state == OW_DISPUTE_PROPOSAL ||
             refuse (reason, _("There is no proposal from the seller to answer."));

    case OW_STEP_ESCALATED:
      if (has_step (self, OW_STEP_ESCALATED))
        return refuse (reason, _("The dispute is already escalated."));
      if (state == OW_DISPUTE_REFUND_AGREED || state == OW_DISPUTE_REFUND_REFUSED)
        return refuse (reason, _("The dispute is settled; there is nothing to escalate."));
      return TRUE;

    case OW_STEP_RETURN_AGREED:
      if (has_step (self, OW_STEP_RETURN_AGREED))
        return refuse (reason, _("A return is already agreed."));
      if (state == OW_DISPUTE_REFUND_REFUSED)
        return refuse (reason, _("The dispute was decided against a refund."));
      return TRUE;

    case OW_STEP_RETURN_SHIPPED:
      if (!has_step (self, OW_STEP_RETURN_AGREED))
        return refuse (reason, _("A return can ship only once it is agreed."));
      if (has_step (self, OW_STEP_RETURN_SHIPPED))
        return refuse (reason, _("The return has already shipped."));
      return TRUE;

    case OW_STEP_DECISION_REFUND:
    case OW_STEP_DECISION_NO_REFUND:
      if (has_step (self, OW_STEP_DECISION_REFUND) || has_step (self, OW_STEP_DECISION_NO_REFUND))
        return refuse (reason, _("The dispute is already decided."));
      return TRUE;

    case OW_STEP_REFUND_RECEIVED:
      if (has_step (self, OW_STEP_REFUND_RECEIVED))
        return refuse (reason, _("The refund is already recorded."));
      if (state == OW_DISPUTE_RETURN_AGREED)
        return refuse (reason, _("The refund comes once the return has shipped: record the "
                                 "return first."));
      if (state == OW_DISPUTE_REFUND_REFUSED)
        return refuse (reason, _("The dispute was decided against a refund."));
      return TRUE;

    case OW_STEP_CLOSED:
      return TRUE;

    case OW_STEP_OPENED:
    case OW_N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static void
set_fact (OwOrder      *order,
          OwOrderEvent  event,
          gint64        time)
{
  /* The order's own facts are filled in, never overwritten: what the user typed stays. */
  if (event >= OW_N_EVENTS)
    ow_order_set_dispute_fact (order, event, time);
  else if (time != OW_TIME_UNSET && ow_order_get_time (order, event) == OW_TIME_UNSET)
    ow_order_set_time (order, event, time, OW_FACT_USER);
}

static gint64
first_of (OwDispute               *self,
          const OwDisputeStepKind *kinds,
          guint                    n_kinds)
{
  gint64 best = OW_TIME_UNSET;

  for (guint i = 0; i < self->steps->len; i++)
    {
      const OwDisputeStep *step = &g_array_index (self->steps, OwDisputeStep, i);

      for (guint k = 0; k < n_kinds; k++)
        if (step->kind == kinds[k] && (best == OW_TIME_UNSET || step->at < best))
          best = step->at;
    }
  return best;
}

static gint64
step_time (OwDispute         *self,
           OwDisputeStepKind  kind)
{
  const OwDisputeStep *step = ow_dispute_find_step (self, kind);

  return step ? step->at : OW_TIME_UNSET;
}

void
ow_dispute_apply_facts (OwDispute *self,
                        OwOrder   *order)
{
  static const OwDisputeStepKind responses[] = {
    OW_STEP_SELLER_ACCEPTED, OW_STEP_SELLER_REJECTED, OW_STEP_SELLER_PROPOSED,
  };
  static const OwDisputeStepKind decisions[] = {
    OW_STEP_DECISION_REFUND, OW_STEP_DECISION_NO_REFUND,
  };
  const OwDisputeStep *proposed = NULL;
  gint64 answered = OW_TIME_UNSET;

  g_return_if_fail (OW_IS_DISPUTE (self));
  g_return_if_fail (OW_IS_ORDER (order));

  ow_order_clear_dispute_facts (order);
  set_fact (order, OW_EVENT_DISPUTE_OPENED, ow_dispute_get_opened_at (self));
  set_fact (order, OW_EVENT_SELLER_RESPONDED,
            first_of (self, responses, G_N_ELEMENTS (responses)));

  /* The last proposal counts, answered only by an answer after it. */
  for (guint i = 0; i < self->steps->len; i++)
    {
      const OwDisputeStep *step = &g_array_index (self->steps, OwDisputeStep, i);

      if (step->kind == OW_STEP_SELLER_PROPOSED)
        proposed = step, answered = OW_TIME_UNSET;
      else if (proposed != NULL && (step->kind == OW_STEP_PROPOSAL_ACCEPTED ||
                                    step->kind == OW_STEP_PROPOSAL_REJECTED))
        answered = step->at;
    }
  set_fact (order, OW_EVENT_SELLER_PROPOSED, proposed ? proposed->at : OW_TIME_UNSET);
  set_fact (order, OW_EVENT_PROPOSAL_ANSWERED, answered);

  set_fact (order, OW_EVENT_ESCALATED, step_time (self, OW_STEP_ESCALATED));
  set_fact (order, OW_EVENT_RETURN_AGREED, step_time (self, OW_STEP_RETURN_AGREED));
  set_fact (order, OW_EVENT_RETURN_SHIPPED, step_time (self, OW_STEP_RETURN_SHIPPED));
  set_fact (order, OW_EVENT_DECIDED, first_of (self, decisions, G_N_ELEMENTS (decisions)));
  set_fact (order, OW_EVENT_REFUNDED, step_time (self, OW_STEP_REFUND_RECEIVED));
  set_fact (order, OW_EVENT_DISPUTE_CLOSED, ow_dispute_get_closed_at (self));
}

/* ---- Names ---- */

const char *
ow_dispute_state_to_string (OwDisputeState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

const char *
ow_dispute_state_label (OwDisputeState state)
{
  switch (state)
    {
    case OW_DISPUTE_OPEN: return _("Waiting for the seller");
    case OW_DISPUTE_SELLER_REJECTED: return _("The seller rejected it");
    case OW_DISPUTE_PROPOSAL: return _("The seller proposed an amount");
    case OW_DISPUTE_ESCALATED: return _("Escalated");
    case OW_DISPUTE_RETURN_AGREED: return _("Return agreed: ship it");
    case OW_DISPUTE_RETURN_SHIPPED: return _("Return shipped");
    case OW_DISPUTE_REFUND_AGREED: return _("Refund on its way");
    case OW_DISPUTE_REFUND_REFUSED: return _("Decided against a refund");
    case OW_DISPUTE_CLOSED: return _("Closed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ow_dispute_outcome_to_string (OwDisputeOutcome outcome)
{
  g_return_val_if_fail (outcome < OW_N_OUTCOMES, NULL);
  return outcome_names[outcome];
}

gboolean
ow_dispute_outcome_from_string (const char       *text,
                                OwDisputeOutcome *outcome)
{
  guint index;

  if (!ow_text_find_name (outcome_names, OW_N_OUTCOMES, text, &index) || index == OW_OUTCOME_NONE)
    return FALSE;
  *outcome = index;
  return TRUE;
}

const char *
ow_dispute_step_to_string (OwDisputeStepKind kind)
{
  g_return_val_if_fail (kind < OW_N_STEPS, NULL);
  return step_names[kind];
}

gboolean
ow_dispute_step_from_string (const char        *text,
                             OwDisputeStepKind *kind)
{
  guint index;

  if (!ow_text_find_name (step_names, OW_N_STEPS, text, &index))
    return FALSE;
  *kind = index;
  return TRUE;
}

const char *
ow_dispute_step_label (OwDisputeStepKind kind)
{
  switch (kind)
    {
    case OW_STEP_OPENED: return _("Dispute opened");
    case OW_STEP_SELLER_ACCEPTED: return _("The seller accepted");
    case OW_STEP_SELLER_REJECTED: return _("The seller rejected it");
    case OW_STEP_SELLER_PROPOSED: return _("The seller proposed an amount");
    case OW_STEP_PROPOSAL_ACCEPTED: return _("You accepted the proposal");
    case OW_STEP_PROPOSAL_REJECTED: return _("You rejected the proposal");
    case OW_STEP_ESCALATED: return _("Escalated");
    case OW_STEP_RETURN_AGREED: return _("Return agreed");
    case OW_STEP_RETURN_SHIPPED: return _("Return shipped");
    case OW_STEP_DECISION_REFUND: return _("Decided: refund");
    case OW_STEP_DECISION_NO_REFUND: return _("Decided: no refund");
    case OW_STEP_REFUND_RECEIVED: return _("Refund received");
    case OW_STEP_CLOSED: return _("Dispute closed");
    case OW_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}
