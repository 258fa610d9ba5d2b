/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute-action.h"
#include "ow-dispute-claim.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute-guide.h"
#include "ow-error.h"
#include "ow-order-save.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-tracking-event.h"

/* The order and its policy, read inside the caller's transaction. */
static OwOrder *
load_order (OwStore           *store,
            OwPolicyRegistry  *policies,
            gint64             order_id,
            OwPolicy         **policy,
            GError           **error)
{
  g_autoptr(OwOrder) order = ow_store_get_order (store, order_id, error);

  if (order == NULL)
    return NULL;
  *policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
  if (*policy == NULL)
    {
      /* Translators: %s is a marketplace id such as "aliexpress" */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Marketplace: “%s” has no policy; edit the order to pick a known "
                     "marketplace"), ow_order_get_marketplace (order));
      return NULL;
    }
  return g_steal_pointer (&order);
}

static gboolean
check_time (gint64   at,
            gint64   now,
            GError **error)
{
  if (at > now + 60)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("Time: it is in the future; give the time it happened"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
arrived (OwOrder *order)
{
  return ow_order_get_time_known (order, OW_EVENT_DELIVERED) ||
         ow_order_get_time_known (order, OW_EVENT_RECEIVED);
}

static OwTrackingEvent *
last_event (OwStore *store,
            gint64   order_id)
{
  g_autoptr(GPtrArray) parcels = ow_store_list_parcels (store, order_id, NULL);
  OwTrackingEvent *latest = NULL;

  for (guint i = 0; parcels != NULL && i < parcels->len; i++)
    {
      g_autoptr(GPtrArray) events =
        ow_store_list_tracking_events (store, ow_parcel_get_id (g_ptr_array_index (parcels, i)),
                                       NULL);

      for (guint e = 0; events != NULL && e < events->len; e++)
        {
          OwTrackingEvent *event = g_ptr_array_index (events, e);

          if (latest == NULL ||
              ow_tracking_event_get_time (event) > ow_tracking_event_get_time (latest))
            g_set_object (&latest, event);
        }
    }
  return latest;
}

static gboolean
check_request (OwOrder                 *order,
               OwPolicy                *policy,
               const OwDisputeRequest  *request,
               gint64                   now,
               const OwDisputeReason  **out_reason,
               GError                 **error)
{
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (policy);
  const OwDisputeReason *reason = ow_dispute_terms_find_reason (terms, request->reason);

  if (request->channel >= OW_N_CHANNELS)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Channel: use marketplace, paypal or card"));
      return FALSE;
    }
  if (reason == NULL)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < ow_dispute_terms_get_n_reasons (terms); i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "",
                                ow_dispute_reason_get_id (ow_dispute_terms_get_reason (terms, i)));
      /* Translators: a reason id, a marketplace, then the list of ids */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Reason: “%s” is not a reason %s knows; use one of %s"),
                   request->reason ? request->reason : "", ow_policy_get_name (policy),
                   ids->len ? ids->str : "—");
      return FALSE;
    }
  if (ow_dispute_reason_get_group (reason) == OW_REASON_RECEIVED && !arrived (order))
    {
      /* Translators: a reason id, then an order number */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("Reason: “%s” is for an item that arrived, and order %s has not been "
                     "delivered; pick a not-received reason, or record the delivery first"),
                   request->reason, ow_order_get_order_number (order));
      return FALSE;
    }
  if (!ow_dispute_reason_allows (reason, request->solution))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   ow_dispute_reason_get_group (reason) == OW_REASON_NOT_RECEIVED
                   ? _("Solution: an item not received can only be refunded (refund_only)")
                   : _("Solution: this reason does not allow that solution"));
      return FALSE;
    }
  if (request->amount != 0 &&
      !ow_dispute_guide_check_amount (order, _("Amount"), request->amount, error))
    return FALSE;
  if (request->amount == 0 && ow_order_get_amount (order) <= 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Amount: the order has no amount paid; give the amount to claim"));
      return FALSE;
    }
  if (request->description != NULL && g_utf8_strlen (request->description, -1) > OW_ORDER_NOTES_MAX)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                   _("Description: use at most %d characters"), OW_ORDER_NOTES_MAX);
      return FALSE;
    }
  if (!ow_order_get_time_known (order, OW_EVENT_PAID))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE,
                   _("The order is not paid, so there is nothing to dispute."));
      return FALSE;
    }
  if (request->at != OW_TIME_UNSET && !check_time (request->at, now, error))
    return FALSE;
  *out_reason = reason;
  return TRUE;
}

/* What a marketplace dispute changes on the order itself: the facts its row keeps. */
static gboolean
mirror_on_order (OwStore    *store,
                 OwOrder    *order,
                 OwDispute  *dispute,
                 GError    **error)
{
  g_autoptr(OwOrder) before = NULL;

  if (ow_dispute_get_channel (dispute) != OW_CHANNEL_MARKETPLACE)
    return TRUE;
  before = ow_order_copy (order);
  ow_dispute_apply_facts (dispute, order);
  if (ow_order_equal (before, order))
    return TRUE;
  return ow_store_update_order (store, order, error);
}

OwDispute *
ow_dispute_action_open (OwStore                *store,
                        OwPolicyRegistry       *policies,
                        gint64                  order_id,
                        const OwDisputeRequest *request,
                        gint64                  now,
                        char                  **warning,
                        GError                **error)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(OwTrackingEvent) event = NULL;
  g_autofree char *draft = NULL;
  const OwDisputeReason *reason = NULL;
  OwDisputeWindow windows[OW_N_CHANNELS];
  OwPolicy *policy;
  gint64 amount;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (warning != NULL)
    *warning = NULL;
  if (!ow_store_begin (store, error))
    return NULL;
  if ((order = load_order (store, policies, order_id, &policy, error)) == NULL ||
      !check_request (order, policy, request, now, &reason, error) ||
      (disputes = ow_store_list_disputes (store, order_id, error)) == NULL)
    goto fail;

  ow_dispute_windows_compute (order, policies, disputes, now, windows);
  if (windows[request->channel].state == OW_WINDOW_IN_PROGRESS)
    {
      /* Translators: %s is a channel such as "PayPal" */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE,
                   _("A dispute on %s is already open for this order; update or close it "
                     "first."), ow_dispute_channel_label (request->channel));
      ow_dispute_windows_clear (windows);
      goto fail;
    }
  if (windows[request->channel].state != OW_WINDOW_OPEN && warning != NULL)
    /* Translators: the window's summary, e.g. "PayPal: closed on 3 Nov 2026" */
    *warning = g_strdup_printf (_("Outside the window Orderwatch computed (%s); recorded as "
                                  "you say the marketplace accepted it."),
                                windows[request->channel].summary);
  ow_dispute_windows_clear (windows);

  amount = request->amount != 0 ? request->amount : ow_order_get_amount (order);
  dispute = ow_dispute_new (order_id, request->channel);
  ow_dispute_set_reason (dispute, ow_dispute_reason_get_id (reason));
  ow_dispute_set_solution (dispute, request->solution);
  ow_dispute_set_amount (dispute, amount);
  if (request->description == NULL)
    {
      event = last_event (store, order_id);
      draft = ow_dispute_draft (order, policy, request->reason, request->solution, amount, event,
                                now, FALSE);
    }
  ow_dispute_set_description (dispute, request->description ? request->description : draft);
  ow_dispute_append_step (dispute, OW_STEP_OPENED,
                          request->at != OW_TIME_UNSET ? request->at : now, 0, NULL);

  if (!ow_store_add_dispute (store, dispute, error) ||
      !mirror_on_order (store, order, dispute, error))
    goto fail;
  if (!ow_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&dispute);

fail:
  ow_store_rollback (store);
  return NULL;
}

char *
ow_dispute_action_draft (OwStore            *store,
                         OwPolicyRegistry   *policies,
                         gint64              order_id,
                         const char         *reason_id,
                         OwDisputeSolution   solution,
                         gint64              amount,
                         gint64              now,
                         gboolean            localized,
                         const char        **reason_used,
                         GError            **error)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(OwTrackingEvent) event = NULL;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);

  if ((order = load_order (store, policies, order_id, &policy, error)) == NULL)
    return NULL;
  if (reason_id == NULL)
    {
      parcels = ow_store_list_parcels (store, order_id, NULL);
      reason_id = ow_dispute_suggest_reason (order, policy, parcels, now, NULL);
    }
  if (reason_id == NULL)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Reason: nothing suggests one for this order; pick one of the "
                     "marketplace's reasons"));
      return NULL;
    }
  if (ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), reason_id) == NULL)
    {
      /* Translators: a reason id, then a marketplace */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Reason: “%s” is not a reason %s knows"), reason_id,
                   ow_policy_get_name (policy));
      return NULL;
    }
  if (reason_used != NULL)
    *reason_used = ow_dispute_reason_get_id (
      ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), reason_id));
  event = last_event (store, order_id);
  return ow_dispute_draft (order, policy, reason_id, solution, amount, event, now, localized);
}

/* The open dispute the command is about. */
static OwDispute *
pick_open (OwStore           *store,
           gint64             order_id,
           OwDisputeChannel   channel,
           GError           **error)
{
  g_autoptr(GPtrArray) disputes = ow_store_list_disputes (store, order_id, error);
  OwDispute *found = NULL;
  guint n_open = 0;

  if (disputes == NULL)
    return NULL;
  for (guint i = 0; i < disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (disputes, i);

      if (!ow_dispute_is_open (dispute))
        continue;
      n_open++;
      if (channel == OW_N_CHANNELS || ow_dispute_get_channel (dispute) == channel)
        found = dispute;
    }
  if (channel == OW_N_CHANNELS && n_open > 1)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Channel: the order has more than one open dispute; say which one "
                     "(marketplace, paypal or card)"));
      return NULL;
    }
  if (found == NULL)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE,
                   channel == OW_N_CHANNELS
                   ? _("The order has no open dispute; open one first.")
                   : _("The order has no open dispute on that channel; open one first."));
      return NULL;
    }
  return g_object_ref (found);
}

OwDispute *
ow_dispute_action_update (OwStore           *store,
                          OwPolicyRegistry  *policies,
                          gint64             order_id,
                          OwDisputeChannel   channel,
                          OwDisputeStepKind  kind,
                          gint64             at,
                          gint64             amount,
                          const char        *text,
                          gint64             now,
                          GError           **error)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  g_autofree char *reason = NULL;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < OW_N_STEPS && kind != OW_STEP_OPENED && kind != OW_STEP_CLOSED,
                        NULL);

  if (!ow_store_begin (store, error))
    return NULL;
  if ((order = load_order (store, policies, order_id, &policy, error)) == NULL ||
      (dispute = pick_open (store, order_id, channel, error)) == NULL)
    goto fail;

  if (!ow_dispute_can_take (dispute, kind, &reason))
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE, reason);
      goto fail;
    }
  if (at == OW_TIME_UNSET)
    at = now;
  if (!check_time (at, now, error))
    goto fail;
  if (at < ow_dispute_get_opened_at (dispute))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("Time: it is before the dispute was opened"));
      goto fail;
    }
  if (kind == OW_STEP_SELLER_PROPOSED &&
      !ow_dispute_guide_check_amount (order, _("Proposed amount"), amount, error))
    goto fail;
  if (kind == OW_STEP_REFUND_RECEIVED && amount != 0 &&
      !ow_dispute_guide_check_amount (order, _("Refund amount"), amount, error))
    goto fail;
  if (kind == OW_STEP_RETURN_SHIPPED)
    {
      if (text == NULL || *text == '\0')
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("Tracking: a shipped return needs its tracking number"));
          goto fail;
        }
      /* Followed like any parcel. */
      if (!ow_order_attach_tracking (store, order_id, text, NULL, error))
        goto fail;
    }

  ow_dispute_append_step (dispute, kind, at, amount, text);
  if (!ow_store_update_dispute (store, dispute, error) ||
      !mirror_on_order (store, order, dispute, error))
    goto fail;
  if (!ow_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&dispute);

fail:
  ow_store_rollback (store);
  return NULL;
}

OwDispute *
ow_dispute_action_close (OwStore           *store,
                         OwPolicyRegistry  *policies,
                         gint64             order_id,
                         OwDisputeChannel   channel,
                         OwDisputeOutcome   outcome,
                         gint64             amount,
                         gint64             at,
                         gint64             now,
                         GError           **error)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);

  if (outcome == OW_OUTCOME_NONE || outcome >= OW_N_OUTCOMES)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Outcome: use refunded, partially_refunded, rejected or withdrawn"));
      return NULL;
    }
  if (!ow_store_begin (store, error))
    return NULL;
  if ((order = load_order (store, policies, order_id, &policy, error)) == NULL ||
      (dispute = pick_open (store, order_id, channel, error)) == NULL)
    goto fail;
  if (at == OW_TIME_UNSET)
    at = now;
  if (!check_time (at, now, error))
    goto fail;

  if (outcome == OW_OUTCOME_REFUNDED && amount == 0)
    amount = ow_dispute_get_amount (dispute);
  if (outcome == OW_OUTCOME_PARTIALLY_REFUNDED && amount == 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Amount: a partial refund needs the amount refunded"));
      goto fail;
    }
  if ((outcome == OW_OUTCOME_REFUNDED || outcome == OW_OUTCOME_PARTIALLY_REFUNDED) &&
      !ow_dispute_guide_check_amount (order, _("Refund amount"), amount, error))
    goto fail;
  if ((outcome == OW_OUTCOME_REJECTED || outcome == OW_OUTCOME_WITHDRAWN) && amount != 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("Amount: nothing is refunded when a dispute is rejected or withdrawn"));
      goto fail;
    }

  /* A refund is a fact of its own: recorded with the closure when it was not before. */
  if ((outcome == OW_OUTCOME_REFUNDED || outcome == OW_OUTCOME_PARTIALLY_REFUNDED) &&
      ow_dispute_find_step (dispute, OW_STEP_REFUND_RECEIVED) == NULL)
    ow_dispute_append_step (dispute, OW_STEP_REFUND_RECEIVED, at, amount, NULL);
  ow_dispute_append_step (dispute, OW_STEP_CLOSED, at, amount,
                          ow_dispute_outcome_to_string (outcome));
  if (!ow_store_update_dispute (store, dispute, error) ||
      !mirror_on_order (store, order, dispute, error))
    goto fail;
  if (!ow_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&dispute);

fail:
  ow_store_rollback (store);
  return NULL;
}
