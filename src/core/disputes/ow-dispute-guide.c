/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute-guide.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-money.h"
#include "ow-order-action.h"
#include "ow-order.h"
#include "ow-policy-private.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-time.h"

static gboolean
refuse (char       **reason,
        const char  *text)
{
  if (reason != NULL)
    *reason = g_strdup (text);
  return FALSE;
}

static gboolean
arrived (OwOrder *order)
{
  return ow_order_get_time_known (order, OW_EVENT_DELIVERED) ||
         ow_order_get_time_known (order, OW_EVENT_RECEIVED);
}

gboolean
ow_dispute_guide_can_start (OwOrder          *order,
                            OwPolicyRegistry *policies,
                            GPtrArray        *disputes,
                            gint64            now,
                            char            **reason)
{
  OwDisputeWindow windows[OW_N_CHANNELS];
  g_autofree char *refusal = NULL;
  OwDisputeVerdict verdict;
  OwWindowState marketplace;
  OwDeadlineSet set;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), FALSE);

  if (reason != NULL)
    *reason = NULL;
  policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
  if (policy == NULL)
    return refuse (reason, _("This order’s marketplace has no policy; edit the order to pick a "
                             "known one."));
  if (ow_order_action_is_available (OW_ACTION_OPEN_DISPUTE, order, policy, now, &refusal))
    return TRUE;

  /* A dispute open on any channel is followed on the order's page. */
  for (guint i = 0; disputes != NULL && i < disputes->len; i++)
    if (ow_dispute_is_open (g_ptr_array_index (disputes, i)))
      return refuse (reason, _("A dispute is open for this order; follow it on the order’s "
                               "page."));

  /* The marketplace's answer stands unless only its window is shut (run out, or closed with
   * a dispute settled there) and the order is paid, shipped and not closed. */
  ow_deadlines_compute (order, policy, now, &set);
  ow_dispute_windows_compute (order, policies, disputes, now, windows);
  marketplace = windows[OW_CHANNEL_MARKETPLACE].state;
  verdict = ow_dispute_guide_verdict (windows);
  ow_dispute_windows_clear (windows);
  if ((marketplace != OW_WINDOW_CLOSED && marketplace != OW_WINDOW_NOT_YET) ||
      set.status == OW_STATUS_CLOSED ||
      !ow_order_get_time_known (order, OW_EVENT_PAID) ||
      !ow_order_get_time_known (order, OW_EVENT_SHIPPED) ||
      ow_order_get_time_known (order, OW_EVENT_REFUNDED) ||
      verdict == OW_DISPUTE_VERDICT_NONE)
    {
      if (reason != NULL)
        *reason = g_steal_pointer (&refusal);
      return FALSE;
    }
  return TRUE;
}

OwDisputeVerdict
ow_dispute_guide_verdict (const OwDisputeWindow windows[OW_N_CHANNELS])
{
  /* The marketplace first: PayPal and the bank are the way out once it has closed, not a
   * way round waiting for it. */
  if (windows[OW_CHANNEL_MARKETPLACE].state == OW_WINDOW_OPEN)
    return OW_DISPUTE_VERDICT_OPEN;
  if (windows[OW_CHANNEL_MARKETPLACE].state == OW_WINDOW_NOT_YET)
    return OW_DISPUTE_VERDICT_NOT_YET;
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    if (c != OW_CHANNEL_MARKETPLACE && windows[c].state == OW_WINDOW_OPEN)
      return OW_DISPUTE_VERDICT_ELSEWHERE;
  return OW_DISPUTE_VERDICT_NONE;
}

OwDisputeChannel
ow_dispute_guide_pick_channel (const OwDisputeWindow windows[OW_N_CHANNELS])
{
  if (ow_dispute_guide_verdict (windows) == OW_DISPUTE_VERDICT_ELSEWHERE)
    for (guint c = 0; c < OW_N_CHANNELS; c++)
      if (c != OW_CHANNEL_MARKETPLACE && windows[c].state == OW_WINDOW_OPEN)
        return c;
  return OW_CHANNEL_MARKETPLACE;
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date, as in "until 3 Nov 2026" */
  return local ? g_date_time_format (local, _("%-d %b %Y")) : g_strdup ("?");
}

/* Why a window that does not apply does not, in words that need no channel name. */
static const char *
not_applicable (OwDisputeChannel channel)
{
  switch (channel)
    {
    case OW_CHANNEL_PAYPAL:
      return _("Not paid with PayPal");
    case OW_CHANNEL_CARD:
      return _("Not paid by card");
    case OW_CHANNEL_MARKETPLACE:
    case OW_N_CHANNELS:
    default:
      return _("No dispute window for this order");
    }
}

gboolean
ow_dispute_guide_channel_possible (const OwDisputeWindow  *window,
                                   char                  **reason)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (window != NULL, FALSE);

  if (reason != NULL)
    *reason = NULL;
  switch (window->state)
    {
    case OW_WINDOW_OPEN:
      return TRUE;
    case OW_WINDOW_NOT_YET:
      /* The marketplace's is prepared now and submitted once it opens; the others wait. */
      if (window->channel == OW_CHANNEL_MARKETPLACE)
        return TRUE;
      if (reason != NULL)
        {
          when = window->opens != OW_TIME_UNSET ? format_day (window->opens) : NULL;
          /* Translators: a date */
          *reason = when ? g_strdup_printf (_("Opens on %s"), when) : g_strdup (_("Not open yet"));
        }
      return FALSE;
    case OW_WINDOW_CLOSED:
      if (reason != NULL)
        {
          when = window->closes != OW_TIME_UNSET ? format_day (window->closes) : NULL;
          /* Translators: a date */
          *reason = when ? g_strdup_printf (_("Closed on %s; a closed window cannot be "
                                              "reopened"), when)
                         : g_strdup (_("Closed; a closed window cannot be reopened"));
        }
      return FALSE;
    case OW_WINDOW_IN_PROGRESS:
      return refuse (reason, _("A dispute is open here; follow it on the order’s page"));
    case OW_WINDOW_NOT_APPLICABLE:
    default:
      return refuse (reason, not_applicable (window->channel));
    }
}

const char *
ow_dispute_guide_channel_name (OwPolicy         *marketplace,
                               OwDisputeChannel  channel)
{
  g_return_val_if_fail (channel < OW_N_CHANNELS, NULL);

  if (channel == OW_CHANNEL_MARKETPLACE && marketplace != NULL)
    return ow_policy_get_name (marketplace);
  return ow_dispute_channel_label (channel);
}

char *
ow_dispute_guide_describe_window (const OwDisputeWindow *window,
                                  gint64                 now)
{
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;
  g_autofree char *left = NULL;

  g_return_val_if_fail (window != NULL, NULL);

  switch (window->state)
    {
    case OW_WINDOW_OPEN:
      if (window->closes == OW_TIME_UNSET)
        return g_strdup (_("Open now"));
      closes = format_day (window->closes);
      left = ow_duration_format (MAX (window->closes - now, 0));
      /* Translators: a date, then the time left ("12 days 4 hours") */
      return g_strdup_printf (_("Open until %s · %s left"), closes, left);
    case OW_WINDOW_NOT_YET:
      if (window->opens == OW_TIME_UNSET || window->opens <= now)
        return g_strdup (_("Not open yet"));
      opens = format_day (window->opens);
      left = ow_duration_format (window->opens - now);
      /* Translators: a date, then the time until then ("3 days 2 hours") */
      return g_strdup_printf (_("Opens on %s · in %s"), opens, left);
    case OW_WINDOW_CLOSED:
      if (window->closes == OW_TIME_UNSET)
        return g_strdup (_("Closed"));
      closes = format_day (window->closes);
      /* Translators: a date */
      return g_strdup_printf (_("Closed on %s"), closes);
    case OW_WINDOW_IN_PROGRESS:
      return g_strdup (_("A dispute is open here"));
    case OW_WINDOW_NOT_APPLICABLE:
    default:
      return g_strdup (not_applicable (window->channel));
    }
}

gint64
ow_dispute_guide_window_changes_at (const OwDisputeWindow *window)
{
  g_return_val_if_fail (window != NULL, OW_TIME_UNSET);

  if (window->state == OW_WINDOW_OPEN)
    return window->closes;
  if (window->state == OW_WINDOW_NOT_YET)
    return window->opens;
  return OW_TIME_UNSET;
}

gboolean
ow_dispute_guide_notifies_on_open (OwPolicy  *policy,
                                   GSettings *settings)
{
  const OwRule *opens = NULL;
  const gint64 *offsets;
  guint n = 0;

  g_return_val_if_fail (OW_IS_POLICY (policy), FALSE);

  ow_policy_get_dispute_rules (policy, &opens);
  if (opens == NULL)
    return FALSE;
  if (settings != NULL)
    {
      g_autoptr(GVariant) custom = NULL;
      g_autoptr(GVariant) mine = NULL;

      if (!g_settings_get_boolean (settings, "reminders-enabled"))
        return FALSE;
      /* Times set in Preferences are before a deadline, never at it (the scheduler's rule). */
      custom = g_settings_get_value (settings, "reminder-offsets");
      mine = g_variant_lookup_value (custom, ow_rule_get_id (opens), NULL);
      if (mine != NULL)
        return FALSE;
    }
  offsets = ow_rule_get_reminders (opens, &n);
  for (guint i = 0; i < n; i++)
    if (offsets[i] == 0)
      return TRUE;
  return FALSE;
}

/* ---- Reasons and solutions ---- */

gboolean
ow_dispute_guide_reason_possible (OwOrder                *order,
                                  const OwDisputeReason  *reason,
                                  char                  **why_not)
{
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (why_not != NULL)
    *why_not = NULL;
  if (ow_dispute_reason_get_group (reason) == OW_REASON_RECEIVED && !arrived (order))
    return refuse (why_not, _("For an item that arrived, and this order has no delivery "
                              "recorded. If it did arrive, edit the order and add the "
                              "delivery first."));
  return TRUE;
}

const char *
ow_dispute_guide_group_title (OwReasonGroup group)
{
  switch (group)
    {
    case OW_REASON_NOT_RECEIVED:
      return _("Not Received");
    case OW_REASON_RECEIVED:
      return _("Received With a Problem");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The days a return must ship within once agreed: the policy's rule that starts on it. */
static int
return_days (OwPolicy *policy)
{
  for (guint i = 0; i < ow_policy_get_n_rules (policy); i++)
    {
      const OwRule *rule = ow_policy_get_rule (policy, i);

      if (rule->role == OW_ROLE_DEADLINE && rule->start_kind == OW_START_EVENTS &&
          (rule->start_events & OW_EVENT_BIT (OW_EVENT_RETURN_AGREED)) != 0 &&
          rule->duration.kind == OW_AMOUNT_FIXED && rule->unit != OW_UNIT_HOURS)
        return rule->duration.value;
    }
  return 0;
}

char *
ow_dispute_guide_solution_explain (OwPolicy          *policy,
                                   OwDisputeSolution  solution)
{
  int days;

  g_return_val_if_fail (OW_IS_POLICY (policy), NULL);

  switch (solution)
    {
    case OW_SOLUTION_REFUND_ONLY:
      return g_strdup (_("Money back without sending anything: all of it for an item that "
                         "never came, or a part of it for one you keep."));
    case OW_SOLUTION_RETURN_GOODS:
      days = return_days (policy);
      if (days > 0)
        /* Translators: %d is a number of days */
        return g_strdup_printf (ngettext ("Send the item back for all your money: once a "
                                          "return is agreed it must ship within %d day, with "
                                          "its tracking number, or the money goes to the "
                                          "seller.",
                                          "Send the item back for all your money: once a "
                                          "return is agreed it must ship within %d days, with "
                                          "its tracking number, or the money goes to the "
                                          "seller.", days), days);
      return g_strdup (_("Send the item back for all your money, once the return arrives."));
    case OW_N_SOLUTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ow_dispute_guide_solution_possible (const OwDisputeReason  *reason,
                                    OwDisputeSolution       solution,
                                    char                  **why_not)
{
  g_return_val_if_fail (reason != NULL, FALSE);
  g_return_val_if_fail (solution < OW_N_SOLUTIONS, FALSE);

  if (why_not != NULL)
    *why_not = NULL;
  if (ow_dispute_reason_allows (reason, solution))
    return TRUE;
  if (ow_dispute_reason_get_group (reason) == OW_REASON_NOT_RECEIVED)
    return refuse (why_not, _("An item that never arrived cannot be sent back: only a refund "
                              "is possible."));
  return refuse (why_not, _("This reason does not allow it; pick the other solution or "
                            "another reason."));
}

gboolean
ow_dispute_guide_partial_possible (OwDisputeSolution   solution,
                                   char              **why_not)
{
  if (why_not != NULL)
    *why_not = NULL;
  if (solution == OW_SOLUTION_RETURN_GOODS)
    return refuse (why_not, _("A return gets back everything paid once it arrives; to keep the "
                              "item and get a part back, choose Refund only."));
  return TRUE;
}

gboolean
ow_dispute_guide_check_amount (OwOrder     *order,
                               const char  *field,
                               gint64       amount,
                               GError     **error)
{
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (amount <= 0)
    {
      /* Translators: %s is a field such as "Amount" */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                   _("%s: must be more than zero"), field);
      return FALSE;
    }
  if (ow_order_get_amount (order) > 0 && amount > ow_order_get_amount (order))
    {
      g_autofree char *paid = ow_money_format (ow_order_get_amount (order),
                                               ow_order_get_currency (order));

      /* Translators: a field such as "Amount", then what was paid ("4.99 USD") */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                   _("%s: must not be more than the %s paid"), field, paid);
      return FALSE;
    }
  return TRUE;
}

gboolean
ow_dispute_guide_parse_amount (OwOrder     *order,
                               const char  *field,
                               const char  *text,
                               gint64      *amount,
                               GError     **error)
{
  g_autoptr(GError) cause = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);

  *amount = 0;
  if (*stripped == '\0')
    {
      g_autofree char *example = ow_money_to_decimal (ow_order_get_amount (order) / 2,
                                                      ow_order_get_currency (order));

      /* Translators: a field, then an example amount such as "2.50" */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("%s: type the part you ask back, such as %s"), field, example);
      return FALSE;
    }
  if (!ow_money_parse (stripped, ow_order_get_currency (order), amount, &cause))
    {
      /* Translators: a field, then why the amount could not be read */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("%s: %s"), field,
                   cause->message);
      return FALSE;
    }
  return ow_dispute_guide_check_amount (order, field, *amount, error);
}

/* ---- Evidence ---- */

const char *
ow_dispute_guide_evidence_need (const OwDisputeReason *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);

  if (ow_dispute_reason_get_group (reason) == OW_REASON_RECEIVED)
    return _("Required: for an item that arrived, the decision rests on what you attach.");
  return _("Optional for an item that never arrived, but a screenshot of the tracking helps.");
}

static const char *
kind_plural (OwEvidenceKind kind)
{
  switch (kind)
    {
    case OW_EVIDENCE_PHOTO: return _("photos");
    case OW_EVIDENCE_VIDEO: return _("videos");
    case OW_EVIDENCE_SCREENSHOT: return _("screenshots");
    case OW_EVIDENCE_DOCUMENT: return _("documents");
    case OW_EVIDENCE_MESSAGE: return _("messages");
    case OW_N_EVIDENCE_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
ow_dispute_guide_describe_limits (OwPolicy *policy)
{
  const OwEvidenceLimits *limits;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) sizes = g_string_new (NULL);

  g_return_val_if_fail (OW_IS_POLICY (policy), NULL);

  limits = ow_dispute_terms_get_limits (ow_policy_get_dispute_terms (policy));
  for (guint k = 0; k < OW_N_EVIDENCE_KINDS; k++)
    if (limits->max_bytes[k] > 0)
      {
        g_autofree char *size = g_format_size (limits->max_bytes[k]);

        if (sizes->len > 0)
          g_string_append (sizes, _(", "));
        /* Translators: a kind of file ("photos"), then a size ("2.1 MB") */
        g_string_append_printf (sizes, _("%s up to %s"), kind_plural (k), size);
      }

  if (limits->max_files > 0)
    /* Translators: a marketplace, then a number of files */
    g_string_append_printf (text, ngettext ("%s takes %u file per dispute.",
                                            "%s takes up to %u files per dispute.",
                                            limits->max_files),
                            ow_policy_get_name (policy), limits->max_files);
  if (sizes->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: a list such as "photos up to 2.1 MB, videos up to 52 MB" */
      g_string_append_printf (text, _("Sizes: %s."), sizes->str);
    }
  if (limits->extensions != NULL && limits->extensions[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", limits->extensions);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: a list of file name extensions */
      g_string_append_printf (text, _("File types: %s."), list);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}
