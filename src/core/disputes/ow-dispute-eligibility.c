/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute-eligibility.h"
#include "ow-dispute.h"
#include "ow-order-action.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-time.h"

static const char *state_names[] = {
  "open", "not_yet", "closed", "not_applicable", "in_progress",
};

const char *
ow_window_state_to_string (OwWindowState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

OwOrder *
ow_dispute_view_order (OwOrder          *order,
                       OwDisputeChannel  channel,
                       OwDispute        *dispute)
{
  OwOrder *view = ow_order_copy (order);

  g_return_val_if_fail (OW_IS_ORDER (order), NULL);

  if (channel != OW_CHANNEL_MARKETPLACE)
    {
      /* The marketplace's dispute neither opens nor meets PayPal's or the bank's window. */
      ow_order_clear_dispute_facts (view);
      ow_order_set_time (view, OW_EVENT_DISPUTE_OPENED, OW_TIME_UNSET, OW_FACT_UNKNOWN);
      ow_order_set_time (view, OW_EVENT_RETURN_AGREED, OW_TIME_UNSET, OW_FACT_UNKNOWN);
    }
  if (dispute != NULL)
    ow_dispute_apply_facts (dispute, view);
  return view;
}

gboolean
ow_dispute_compute_deadlines (OwDispute        *dispute,
                              OwOrder          *order,
                              OwPolicyRegistry *policies,
                              gint64            now,
                              OwDeadlineSet    *out)
{
  g_autoptr(OwOrder) view = NULL;
  OwPolicy *marketplace, *policy;

  g_return_val_if_fail (OW_IS_DISPUTE (dispute), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);

  marketplace = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
  policy = marketplace ? ow_policy_registry_lookup_channel (policies,
                                                            ow_dispute_get_channel (dispute),
                                                            marketplace)
                       : NULL;
  if (policy == NULL)
    return FALSE;
  view = ow_dispute_view_order (order, ow_dispute_get_channel (dispute), dispute);
  ow_deadlines_compute (view, policy, now, out);
  return TRUE;
}

void
ow_dispute_add_channel_deadlines (OwDeadlineSet    *set,
                                  OwOrder          *order,
                                  GPtrArray        *disputes,
                                  OwPolicyRegistry *policies,
                                  gint64            now)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (OW_IS_ORDER (order));

  for (guint i = 0; disputes != NULL && i < disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (disputes, i);
      OwDeadlineSet dispute_set;

      if (ow_dispute_get_channel (dispute) != OW_CHANNEL_MARKETPLACE &&
          ow_dispute_is_open (dispute) &&
          ow_dispute_compute_deadlines (dispute, order, policies, now, &dispute_set))
        ow_deadlines_add_dispute (set, &dispute_set, TRUE);
    }
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date, as in "until 3 Nov 2026" */
  return local ? g_date_time_format (local, _("%-d %b %Y")) : g_strdup ("?");
}

/* A channel's window from its policy: open from @opens' end (or its start), until @closes'. */
static void
window_from_rules (OwDisputeWindow     *window,
                   const OwDeadlineSet *set,
                   const OwRule        *opens_rule,
                   const OwRule        *closes_rule,
                   gint64               now)
{
  const OwDeadline *opens = opens_rule ? ow_deadlines_find (set, ow_rule_get_id (opens_rule))
                                       : NULL;
  const OwDeadline *closes = closes_rule ? ow_deadlines_find (set, ow_rule_get_id (closes_rule))
                                         : NULL;

  if (closes == NULL || (closes->state == OW_DEADLINE_NOT_APPLICABLE && closes->due == OW_TIME_UNSET))
    {
      window->state = OW_WINDOW_NOT_APPLICABLE;
      return;
    }
  window->closes = closes->due;
  window->closes_late = closes->due_late;
  window->opens = opens ? opens->due : closes->starts;

  if (closes->state == OW_DEADLINE_PASSED ||
      (closes->state == OW_DEADLINE_NOT_APPLICABLE && closes->due != OW_TIME_UNSET &&
       closes->due <= now))
    window->state = OW_WINDOW_CLOSED;
  else if (closes->state == OW_DEADLINE_NOT_APPLICABLE)
    window->state = OW_WINDOW_NOT_APPLICABLE;
  else if (opens != NULL && opens->state != OW_DEADLINE_PASSED && opens->state != OW_DEADLINE_MET)
    window->state = OW_WINDOW_NOT_YET;
  else if (opens == NULL && closes->state == OW_DEADLINE_NOT_STARTED && closes->starts != OW_TIME_UNSET &&
           closes->starts > now && closes_rule != NULL &&
           !ow_rule_is_dispute_rule (closes_rule))
    window->state = OW_WINDOW_NOT_YET;
  else
    window->state = OW_WINDOW_OPEN;
}

static void
summarize (OwDisputeWindow *window)
{
  g_autofree char *opens = window->opens != OW_TIME_UNSET ? format_day (window->opens) : NULL;
  g_autofree char *closes = window->closes != OW_TIME_UNSET ? format_day (window->closes) : NULL;
  const char *name = ow_dispute_channel_label (window->channel);

  switch (window->state)
    {
    case OW_WINDOW_OPEN:
      window->summary = closes
        /* Translators: a channel ("PayPal"), then a date */
        ? g_strdup_printf (_("%s: open now, until %s"), name, closes)
        : g_strdup_printf (_("%s: open now"), name);
      break;
    case OW_WINDOW_NOT_YET:
      window->summary = opens
        /* Translators: a channel, then a date */
        ? g_strdup_printf (_("%s: opens on %s"), name, opens)
        : g_strdup_printf (_("%s: not open yet"), name);
      break;
    case OW_WINDOW_CLOSED:
      window->summary = closes
        /* Translators: a channel, then a date */
        ? g_strdup_printf (_("%s: closed on %s"), name, closes)
        : g_strdup_printf (_("%s: closed"), name);
      break;
    case OW_WINDOW_IN_PROGRESS:
      /* Translators: a channel */
      window->summary = g_strdup_printf (_("%s: a dispute is open"), name);
      break;
    case OW_WINDOW_NOT_APPLICABLE:
    default:
      window->summary = window->channel == OW_CHANNEL_PAYPAL
        ? g_strdup (_("PayPal: not paid with PayPal"))
        : window->channel == OW_CHANNEL_CARD
        ? g_strdup (_("Card chargeback: not paid by card"))
        : g_strdup_printf (_("%s: no dispute window for this order"), name);
      break;
    }
}

void
ow_dispute_windows_compute (OwOrder          *order,
                            OwPolicyRegistry *policies,
                            GPtrArray        *disputes,
                            gint64            now,
                            OwDisputeWindow   windows[OW_N_CHANNELS])
{
  OwPolicy *marketplace;

  g_return_if_fail (OW_IS_ORDER (order));

  marketplace = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    {
      OwDisputeWindow *window = &windows[c];
      OwPolicy *policy = marketplace ? ow_policy_registry_lookup_channel (policies, c, marketplace)
                                     : NULL;
      const OwRule *opens_rule = NULL, *closes_rule = NULL;
      g_autoptr(OwOrder) view = NULL;
      OwDeadlineSet set;

      gint64 settled = OW_TIME_UNSET;

      *window = (OwDisputeWindow) { c, OW_WINDOW_NOT_APPLICABLE, OW_TIME_UNSET, OW_TIME_UNSET,
                                    OW_TIME_UNSET, NULL };
      for (guint i = 0; disputes != NULL && i < disputes->len; i++)
        {
          OwDispute *dispute = g_ptr_array_index (disputes, i);

          if (ow_dispute_get_channel (dispute) != c)
            continue;
          if (ow_dispute_is_open (dispute))
            window->state = OW_WINDOW_IN_PROGRESS;
          else
            settled = MAX (settled, ow_dispute_get_closed_at (dispute));
        }

      if (policy != NULL && window->state != OW_WINDOW_IN_PROGRESS)
        {
          closes_rule = ow_policy_get_dispute_rules (policy, &opens_rule);
          view = ow_dispute_view_order (order, c, NULL);
          ow_deadlines_compute (view, policy, now, &set);
          window_from_rules (window, &set, opens_rule, closes_rule, now);
          /* The marketplace also needs a paid, shipped order: the actions layer says so. */
          if (c == OW_CHANNEL_MARKETPLACE && window->state == OW_WINDOW_OPEN &&
              !ow_order_get_time_known (order, OW_EVENT_SHIPPED))
            window->state = OW_WINDOW_NOT_YET;
        }
      /* A dispute closed on the channel cannot be reopened: its window closed with it. */
      if (window->state != OW_WINDOW_IN_PROGRESS && settled != OW_TIME_UNSET)
        {
          window->state = OW_WINDOW_CLOSED;
          window->closes = settled;
          window->closes_late = OW_TIME_UNSET;
        }
      summarize (window);
    }
}

void
ow_dispute_windows_clear (OwDisputeWindow windows[OW_N_CHANNELS])
{
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    g_clear_pointer (&windows[c].summary, g_free);
}
