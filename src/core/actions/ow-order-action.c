/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which action is possible in which state follows the marketplace (RULES.md): receipt can be
 * confirmed once the order shipped and until it is confirmed (or a dispute takes over); a
 * cancellation only before shipment; an extension only while Buyer Protection runs; a
 * dispute only while its window is open. The rules those windows come from, and the limits
 * of a request, are policy data. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-deadlines.h"
#include "ow-dispute-action.h"
#include "ow-dispute-claim.h"
#include "ow-dispute-draft.h"
#include "ow-error.h"
#include "ow-evidence-locker.h"
#include "ow-order-action.h"
#include "ow-policy.h"
#include "ow-policy-registry.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-time.h"

static const struct
{
  const char *id;
  const char *label;
} actions[OW_N_ACTIONS] = {
  [OW_ACTION_CONFIRM_RECEIVED] = { "confirm_received", N_("Confirm Receipt") },
  [OW_ACTION_EXTEND] = { "extend", N_("Request an Extension") },
  [OW_ACTION_ANSWER_EXTENSION] = { "answer_extension", N_("Record the Seller’s Answer") },
  [OW_ACTION_REQUEST_CANCEL] = { "request_cancel", N_("Request Cancellation") },
  [OW_ACTION_OPEN_DISPUTE] = { "open_dispute", N_("Open a Dispute") },
  [OW_ACTION_REFUNDED] = { "refunded", N_("Mark Refund Received") },
  [OW_ACTION_CLOSE] = { "close", N_("Mark as Closed") },
  [OW_ACTION_EDIT] = { "edit", N_("Edit") },
  [OW_ACTION_ARCHIVE] = { "archive", N_("Archive") },
  [OW_ACTION_UNARCHIVE] = { "unarchive", N_("Unarchive") },
  [OW_ACTION_DELETE] = { "delete", N_("Delete") },
};

const char *
ow_order_action_to_string (OwOrderAction action)
{
  g_return_val_if_fail (action < OW_N_ACTIONS, NULL);
  return actions[action].id;
}

gboolean
ow_order_action_from_string (const char    *text,
                             OwOrderAction *action)
{
  for (guint i = 0; text != NULL && i < OW_N_ACTIONS; i++)
    if (g_str_equal (text, actions[i].id))
      {
        *action = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ow_order_action_label (OwOrderAction action)
{
  g_return_val_if_fail (action < OW_N_ACTIONS, NULL);
  return _(actions[action].label);
}

/* ---- Availability ---- */

static gint64
fact (OwOrder      *order,
      OwOrderEvent  event)
{
  return ow_order_get_time (order, event);
}

static gboolean
has (OwOrder      *order,
     OwOrderEvent  event)
{
  /* Known without its date counts: a status proved it. */
  return ow_order_get_time_known (order, event);
}

/* Sets *reason to @format with the date of @time, or @undated when @time is unknown. */
static gboolean
refuse (char       **reason,
        gint64       time,
        const char  *format,
        const char  *undated)
{
  g_autofree char *when = NULL;

  if (reason == NULL)
    return FALSE;
  if (time == OW_TIME_UNSET || format == NULL)
    {
      *reason = g_strdup (undated);
      return FALSE;
    }
  when = ow_time_format_local (time, NULL);
  *reason = g_strdup_printf (format, when);
  return FALSE;
}

/* Closed as recorded by the user, or by the marketplace's own timer (the engine says so). */
static gboolean
is_closed (OwOrder             *order,
           const OwDeadlineSet *set)
{
  return has (order, OW_EVENT_CLOSED) || ow_order_get_close_reason (order) != OW_CLOSE_NONE ||
         set->status == OW_STATUS_CLOSED;
}

static gboolean
refuse_closed (OwOrder  *order,
               char    **reason)
{
  /* Translators: %s is a date */
  return refuse (reason, fact (order, OW_EVENT_CLOSED),
                 _("The order was closed on %s; a closed order cannot change."),
                 _("The order is closed; a closed order cannot change."));
}

/* While a dispute runs the marketplace settles receipt and protection, not the buyer. */
static gboolean
refuse_disputed (OwOrder  *order,
                 char    **reason)
{
  /* Translators: %s is a date */
  return refuse (reason, fact (order, OW_EVENT_DISPUTE_OPENED),
                 _("A dispute is open since %s; the marketplace settles the order in the "
                   "dispute now."),
                 _("A dispute is open; the marketplace settles the order in the dispute "
                   "now."));
}

static const OwDeadline *
deadline_of (const OwDeadlineSet *set,
             const OwRule        *rule)
{
  return rule != NULL ? ow_deadlines_find (set, ow_rule_get_id (rule)) : NULL;
}

static gboolean
has_pending_extension (OwOrder *order)
{
  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    if (ow_order_get_extension (order, i)->state == OW_EXTENSION_PENDING)
      return TRUE;
  return FALSE;
}

static gboolean
extend_available (OwOrder             *order,
                  OwPolicy            *policy,
                  const OwDeadlineSet *set,
                  char               **reason)
{
  const OwRule *during = ow_policy_get_extension_rule (policy, NULL, NULL);
  const OwDeadline *protection = deadline_of (set, during);

  if (during == NULL)
    {
      if (reason != NULL)
        /* Translators: %s is a marketplace such as "eBay" */
        *reason = g_strdup_printf (_("%s has no Buyer Protection extension to ask for."),
                                   ow_policy_get_name (policy));
      return FALSE;
    }
  if (is_closed (order, set))
    return refuse_closed (order, reason);
  if (!has (order, OW_EVENT_SHIPPED))
    return refuse (reason, OW_TIME_UNSET, NULL,
                   _("Buyer Protection starts when the order ships; ask for an extension "
                     "after that."));
  if (has (order, OW_EVENT_RECEIVED))
    return refuse (reason, OW_TIME_UNSET, NULL,
                   _("Receipt is confirmed, so Buyer Protection is over and cannot be "
                     "extended."));
  if (has (order, OW_EVENT_DISPUTE_OPENED))
    return refuse_disputed (order, reason);
  if (protection != NULL && protection->state == OW_DEADLINE_PASSED)
    /* Translators: %s is a date */
    return refuse (reason, protection->due,
                   _("Buyer Protection ended on %s; it can no longer be extended."),
                   _("Buyer Protection has ended; it can no longer be extended."));
  if (protection == NULL || (protection->state != OW_DEADLINE_RUNNING &&
                             protection->state != OW_DEADLINE_URGENT))
    return refuse (reason, OW_TIME_UNSET, NULL,
                   _("Buyer Protection is not running, so there is nothing to extend."));
  if (has_pending_extension (order))
    return refuse (reason, OW_TIME_UNSET, NULL,
                   _("An extension request is waiting for the seller’s answer; record the "
                     "answer first."));
  return TRUE;
}

static gboolean
dispute_available (OwOrder             *order,
                   OwPolicy            *policy,
                   const OwDeadlineSet *set,
                   char               **reason)
{
  const OwRule *opens_rule = NULL;
  const OwRule *closes_rule = ow_policy_get_dispute_rules (policy, &opens_rule);
  const OwDeadline *opens = deadline_of (set, opens_rule);
  const OwDeadline *closes = deadline_of (set, closes_rule);

  if (has (order, OW_EVENT_DISPUTE_OPENED))
    /* Translators: %s is a date */
    return refuse (reason, fact (order, OW_EVENT_DISPUTE_OPENED),
                   _("A dispute was opened on %s."), _("A dispute is already open."));
  if (is_closed (order, set))
    return refuse_closed (order, reason);
  if (!has (order, OW_EVENT_PAID))
    return refuse (reason, OW_TIME_UNSET, NULL,
                   _("The order is not paid, so there is nothing to dispute."));
  if (!has (order, OW_EVENT_SHIPPED))
    return refuse (reason, OW_TIME_UNSET, NULL,
                   _("The order has not shipped; a dispute can be opened after it does. "
                     "Until then, ask the seller to ship or request a cancellation."));
  if (closes != NULL && (closes->state == OW_DEADLINE_PASSED ||
                         closes->state == OW_DEADLINE_NOT_APPLICABLE))
    /* Translators: %s is a date */
    return refuse (reason, closes->due,
                   _("The dispute window closed on %s and cannot be reopened; a PayPal or "
                     "card dispute may still be possible."),
                   _("The dispute window has closed and cannot be reopened; a PayPal or card "
                     "dispute may still be possible."));
  if (opens != NULL && opens->state != OW_DEADLINE_PASSED && opens->state != OW_DEADLINE_MET)
    /* Translators: %s is a date */
    return refuse (reason, opens->due,
                   _("Disputes open on %s (the marketplace may allow it a little earlier)."),
                   _("The dispute window has not opened yet."));
  if (opens_rule == NULL && closes != NULL && closes->state == OW_DEADLINE_NOT_STARTED)
    /* Translators: %s is a date */
    return refuse (reason, closes->starts, _("Disputes open on %s."),
                   _("The dispute window has not opened yet."));
  return TRUE;
}

gboolean
ow_order_action_is_available (OwOrderAction   action,
                              OwOrder        *order,
                              OwPolicy       *policy,
                              gint64          now,
                              char          **reason)
{
  OwDeadlineSet set;

  g_return_val_if_fail (action < OW_N_ACTIONS, FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (OW_IS_POLICY (policy), FALSE);

  if (reason != NULL)
    *reason = NULL;
  ow_deadlines_compute (order, policy, now, &set);

  switch (action)
    {
    case OW_ACTION_CONFIRM_RECEIVED:
      /* Known without its date (an imported "Completed"): confirming gives it one. */
      if (fact (order, OW_EVENT_RECEIVED) != OW_TIME_UNSET)
        /* Translators: %s is a date */
        return refuse (reason, fact (order, OW_EVENT_RECEIVED),
                       _("Receipt was already confirmed on %s."), NULL);
      if (is_closed (order, &set))
        return refuse_closed (order, reason);
      if (!has (order, OW_EVENT_SHIPPED))
        return refuse (reason, OW_TIME_UNSET, NULL,
                       _("The order has not shipped yet; confirm receipt once the item "
                         "has arrived."));
      if (has (order, OW_EVENT_DISPUTE_OPENED))
        return refuse_disputed (order, reason);
      return TRUE;

    case OW_ACTION_EXTEND:
      return extend_available (order, policy, &set, reason);

    case OW_ACTION_ANSWER_EXTENSION:
      if (!has_pending_extension (order))
        return refuse (reason, OW_TIME_UNSET, NULL,
                       _("No extension request is waiting for the seller’s answer."));
      if (is_closed (order, &set))
        return refuse_closed (order, reason);
      return TRUE;

    case OW_ACTION_REQUEST_CANCEL:
      if (is_closed (order, &set))
        return refuse_closed (order, reason);
      if (has (order, OW_EVENT_CANCEL_REQUESTED))
        /* Translators: %s is a date */
        return refuse (reason, fact (order, OW_EVENT_CANCEL_REQUESTED),
                       _("A cancellation was already requested on %s."),
                       _("A cancellation was already requested."));
      if (has (order, OW_EVENT_SHIPPED))
        /* Translators: %s is a date */
        return refuse (reason, fact (order, OW_EVENT_SHIPPED),
                       _("The order shipped on %s; a cancellation can be requested only "
                         "before shipment. Open a dispute if it does not arrive."),
                       _("The order has shipped; a cancellation can be requested only before "
                         "shipment. Open a dispute if it does not arrive."));
      if (!has (order, OW_EVENT_PAID))
        return refuse (reason, OW_TIME_UNSET, NULL,
                       _("The order is not paid; an unpaid order closes by itself when its "
                         "payment time runs out."));
      return TRUE;

    case OW_ACTION_OPEN_DISPUTE:
      return dispute_available (order, policy, &set, reason);

    case OW_ACTION_REFUNDED:
      if (has (order, OW_EVENT_REFUNDED))
        /* Translators: %s is a date */
        return refuse (reason, fact (order, OW_EVENT_REFUNDED),
                       _("The refund was recorded on %s."),
                       _("The refund was already recorded."));
      if (!has (order, OW_EVENT_PAID))
        return refuse (reason, OW_TIME_UNSET, NULL,
                       _("The order is not paid, so there is nothing to refund."));
      if (!is_closed (order, &set) && !has (order, OW_EVENT_DISPUTE_OPENED) &&
          !has (order, OW_EVENT_CANCEL_REQUESTED))
        return refuse (reason, OW_TIME_UNSET, NULL,
                       _("A refund follows a cancellation, a dispute or a closed order; "
                         "record that first."));
      return TRUE;

    case OW_ACTION_CLOSE:
      /* The engine may know the order closed; recording it is still possible then. */
      if (has (order, OW_EVENT_CLOSED) || ow_order_get_close_reason (order) != OW_CLOSE_NONE)
        return refuse_closed (order, reason);
      return TRUE;

    case OW_ACTION_ARCHIVE:
      if (ow_order_get_archived (order))
        return refuse (reason, OW_TIME_UNSET, NULL, _("The order is already archived."));
      return TRUE;

    case OW_ACTION_UNARCHIVE:
      if (!ow_order_get_archived (order))
        return refuse (reason, OW_TIME_UNSET, NULL, _("The order is not archived."));
      return TRUE;

    case OW_ACTION_EDIT:
    case OW_ACTION_DELETE:
      return TRUE;

    case OW_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
ow_order_action_extension_days (OwPolicy *policy,
                                int      *min_days,
                                int      *max_days)
{
  g_return_val_if_fail (OW_IS_POLICY (policy), FALSE);
  return ow_policy_get_extension_rule (policy, min_days, max_days) != NULL;
}

char *
ow_order_action_get_warning (OwOrderAction  action,
                             OwOrder       *order,
                             OwPolicy      *policy,
                             gint64         now)
{
  g_autoptr(OwOrder) received = NULL;
  const OwRule *closes_rule;
  const OwDeadline *closes;
  OwDeadlineSet set;
  int days;

  g_return_val_if_fail (OW_IS_ORDER (order), NULL);
  g_return_val_if_fail (OW_IS_POLICY (policy), NULL);

  if (action != OW_ACTION_CONFIRM_RECEIVED)
    return NULL;

  /* How long a dispute stays possible is what the engine says once receipt is confirmed. */
  received = ow_order_copy (order);
  ow_order_set_time (received, OW_EVENT_RECEIVED, now, OW_FACT_USER);
  ow_deadlines_compute (received, policy, now, &set);
  closes_rule = ow_policy_get_dispute_rules (policy, NULL);
  closes = deadline_of (&set, closes_rule);
  days = closes != NULL && closes->due != OW_TIME_UNSET && closes->due > now
           ? (int) ((closes->due - now + 43200) / 86400) : -1;

  /* Received already, by what a status said (an imported "Completed"): Buyer Protection is
   * over and the seller was paid. Confirming only dates it, at today, maybe later than it
   * was. */
  if (ow_order_get_time_undated (order, OW_EVENT_RECEIVED))
    {
      if (days < 0)
        return g_strdup (_("This order is marked as received, without a date. Confirming "
                           "records today as the day it arrived."));
      return g_strdup_printf (ngettext ("This order is marked as received, without a date. "
                                        "Confirming records today as the day it arrived, "
                                        "which leaves %d day to open a dispute; if it "
                                        "arrived earlier, there is less time than that.",
                                        "This order is marked as received, without a date. "
                                        "Confirming records today as the day it arrived, "
                                        "which leaves %d days to open a dispute; if it "
                                        "arrived earlier, there is less time than that.",
                                        days), days);
    }

  if (days < 0)
    return g_strdup (_("Confirm only if the item arrived and works. Confirming receipt ends "
                       "Buyer Protection: the seller gets paid."));
  return g_strdup_printf (ngettext ("Confirm only if the item arrived and works. Confirming "
                                    "receipt ends Buyer Protection: the seller gets paid. "
                                    "You then have %d day to open a dispute.",
                                    "Confirm only if the item arrived and works. Confirming "
                                    "receipt ends Buyer Protection: the seller gets paid. "
                                    "You then have %d days to open a dispute.", days), days);
}

/* ---- Applying ---- */

static gboolean
check_request (OwOrder               *order,
               OwPolicy              *policy,
               const OwActionRequest *request,
               GError               **error)
{
  int min_days = 1, max_days = 365;

  switch (request->action)
    {
    case OW_ACTION_EXTEND:
      ow_order_action_extension_days (policy, &min_days, &max_days);
      if (request->days < min_days || request->days > max_days)
        {
          /* Translators: the numbers are a range of days, then a marketplace name */
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                       _("Days: ask for %d to %d days; %s extends Buyer Protection by at most "
                         "%d days at a time"),
                       min_days, max_days, ow_policy_get_name (policy), max_days);
          return FALSE;
        }
      break;

    case OW_ACTION_ANSWER_EXTENSION:
      if (request->extension_index >= ow_order_get_n_extensions (order) ||
          ow_order_get_extension (order, request->extension_index)->state !=
          OW_EXTENSION_PENDING)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("Extension: there is no request number %u waiting for an answer"),
                       request->extension_index + 1);
          return FALSE;
        }
      if (request->extension_state == OW_EXTENSION_PENDING)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("Answer: say whether the seller approved or refused it"));
          return FALSE;
        }
      break;

    case OW_ACTION_CLOSE:
      if (request->close_reason == OW_CLOSE_NONE)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("Reason: say why the order was closed (cancelled, not_shipped, "
                         "security, payment_expired, dispute_refunded or other)"));
          return FALSE;
        }
      break;

    default:
      break;
    }
  return TRUE;
}

static void
answer_extension (OwOrder          *order,
                  guint             index,
                  OwExtensionState  state)
{
  g_autoptr(GArray) extensions = g_array_new (FALSE, FALSE, sizeof (OwExtension));

  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    g_array_append_val (extensions, *ow_order_get_extension (order, i));
  g_array_index (extensions, OwExtension, index).state = state;
  ow_order_clear_extensions (order);
  for (guint i = 0; i < extensions->len; i++)
    ow_order_add_extension (order, &g_array_index (extensions, OwExtension, i));
}

gboolean
ow_order_action_check_and_apply (OwOrder               *order,
                                 OwPolicy              *policy,
                                 const OwActionRequest *request,
                                 gint64                 now,
                                 GError               **error)
{
  g_autofree char *reason = NULL;
  gint64 at;

  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (OW_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (request != NULL && request->action < OW_N_ACTIONS, FALSE);

  if (!ow_order_action_is_available (request->action, order, policy, now, &reason))
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE, reason);
      return FALSE;
    }
  if (!check_request (order, policy, request, error))
    return FALSE;

  at = request->at != OW_TIME_UNSET ? request->at : now;
  switch (request->action)
    {
    case OW_ACTION_CONFIRM_RECEIVED:
      ow_order_set_time (order, OW_EVENT_RECEIVED, at, OW_FACT_USER);
      break;
    case OW_ACTION_EXTEND:
      {
        OwExtension extension = { at, request->days, request->extension_state };

        ow_order_add_extension (order, &extension);
      }
      break;
    case OW_ACTION_ANSWER_EXTENSION:
      answer_extension (order, request->extension_index, request->extension_state);
      break;
    case OW_ACTION_REQUEST_CANCEL:
      ow_order_set_time (order, OW_EVENT_CANCEL_REQUESTED, at, OW_FACT_USER);
      break;
    case OW_ACTION_OPEN_DISPUTE:
      ow_order_set_time (order, OW_EVENT_DISPUTE_OPENED, at, OW_FACT_USER);
      break;
    case OW_ACTION_REFUNDED:
      ow_order_set_time (order, OW_EVENT_REFUNDED, at, OW_FACT_USER);
      break;
    case OW_ACTION_CLOSE:
      ow_order_set_time (order, OW_EVENT_CLOSED, at, OW_FACT_USER);
      ow_order_set_close_reason (order, request->close_reason);
      break;
    case OW_ACTION_ARCHIVE:
      ow_order_set_archived (order, TRUE);
      break;
    case OW_ACTION_UNARCHIVE:
      ow_order_set_archived (order, FALSE);
      break;
    case OW_ACTION_DELETE:
      return TRUE;
    case OW_ACTION_EDIT:
    case OW_N_ACTIONS:
    default:
      g_return_val_if_reached (FALSE);
    }

  /* The time given must fit the facts before it, and not be in the future. */
  return ow_order_validate_at (order, now, error);
}

/* The reason a dispute opened without one gets: what the facts suggest, else the first of
 * the right group (arrived or not). */
static const char *
default_reason (OwStore  *store,
                OwOrder  *order,
                OwPolicy *policy,
                gint64    now)
{
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (policy);
  g_autoptr(GPtrArray) parcels = ow_store_list_parcels (store, ow_order_get_id (order), NULL);
  const char *suggested = ow_dispute_suggest_reason (order, policy, parcels, now, NULL);
  OwReasonGroup group = ow_order_get_time_known (order, OW_EVENT_DELIVERED) ||
                        ow_order_get_time_known (order, OW_EVENT_RECEIVED)
                        ? OW_REASON_RECEIVED : OW_REASON_NOT_RECEIVED;

  if (suggested != NULL)
    return suggested;
  for (guint i = 0; i < ow_dispute_terms_get_n_reasons (terms); i++)
    if (ow_dispute_reason_get_group (ow_dispute_terms_get_reason (terms, i)) == group)
      return ow_dispute_reason_get_id (ow_dispute_terms_get_reason (terms, i));
  return NULL;
}

static gboolean
open_marketplace_dispute (OwStore               *store,
                          OwPolicyRegistry      *policies,
                          OwOrder               *order,
                          OwPolicy              *policy,
                          const OwActionRequest *request,
                          gint64                 now,
                          GError               **error)
{
  OwDisputeRequest dispute = {
    OW_CHANNEL_MARKETPLACE,
    request->dispute_reason ? request->dispute_reason
                            : default_reason (store, order, policy, now),
    OW_SOLUTION_REFUND_ONLY, 0, NULL, request->at,
  };
  g_autoptr(OwDispute) opened = NULL;

  opened = ow_dispute_action_open (store, policies, ow_order_get_id (order), &dispute, now, NULL,
                                   error);
  return opened != NULL;
}

OwOrder *
ow_order_action_apply (OwStore                *store,
                       OwPolicyRegistry       *policies,
                       gint64                  order_id,
                       const OwActionRequest  *request,
                       gint64                  now,
                       GError                **error)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GPtrArray) hashes = NULL;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (policies != NULL, NULL);
  g_return_val_if_fail (request != NULL && request->action != OW_ACTION_EDIT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ow_store_begin (store, error))
    return NULL;

  if ((order = ow_store_get_order (store, order_id, error)) == NULL)
    goto fail;

  policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
  if (policy == NULL)
    {
      /* Translators: %s is a marketplace id such as "aliexpress" */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Marketplace: “%s” has no policy; edit the order to pick a known "
                     "marketplace"), ow_order_get_marketplace (order));
      goto fail;
    }

  if (!ow_order_action_check_and_apply (order, policy, request, now, error))
    goto fail;

  if (request->action == OW_ACTION_OPEN_DISPUTE)
    {
      /* A dispute of its own, on the marketplace, with the history that follows it. */
      if (!open_marketplace_dispute (store, policies, order, policy, request, now, error))
        goto fail;
    }
  else if (request->action == OW_ACTION_DELETE)
    {
      if ((hashes = ow_store_list_evidence_hashes (store, order_id, error)) == NULL ||
          !ow_store_delete_order (store, order_id, error))
        goto fail;
    }
  else if (!ow_store_update_order (store, order, error))
    goto fail;

  /* A failed commit has rolled back already. */
  if (!ow_store_commit (store, error))
    return NULL;
  /* The locker's files that only this order used go with it. */
  if (hashes != NULL)
    ow_evidence_locker_clean (store, hashes);
  /* So does a dispute it was preparing. */
  if (request->action == OW_ACTION_DELETE)
    ow_dispute_draft_discard (store, order_id, NULL);
  return g_steal_pointer (&order);

fail:
  ow_store_rollback (store);
  return NULL;
}
