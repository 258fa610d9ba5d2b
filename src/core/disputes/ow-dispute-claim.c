/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute-claim.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy.h"
#include "ow-tracking-event.h"
#include "ow-tracking-provider.h"

#define DAY 86400

static const char *
known_reason (OwPolicy   *policy,
              const char *id)
{
  const OwDisputeReason *reason =
    ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), id);

  return reason ? ow_dispute_reason_get_id (reason) : NULL;
}

static char *
day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date, as in "on 12 Nov" */
  return local ? g_date_time_format (local, _("%-d %b")) : g_strdup ("?");
}

/* Each signal in turn, strongest first: what the carrier says, then the dates. */
const char *
ow_dispute_suggest_reason (OwOrder    *order,
                           OwPolicy   *policy,
                           GPtrArray  *parcels,
                           gint64      now,
                           char      **why)
{
  gint64 shipped = ow_order_get_time (order, OW_EVENT_SHIPPED);
  gint64 delivered = ow_order_get_time (order, OW_EVENT_DELIVERED);
  gint64 received = ow_order_get_time (order, OW_EVENT_RECEIVED);
  gint64 last_movement = OW_TIME_UNSET;
  gboolean any_event = FALSE;
  const char *id;

  g_return_val_if_fail (OW_IS_ORDER (order), NULL);
  g_return_val_if_fail (OW_IS_POLICY (policy), NULL);

  if (why != NULL)
    *why = NULL;
  if (shipped == OW_TIME_UNSET || received != OW_TIME_UNSET)
    return NULL;

  for (guint i = 0; parcels != NULL && i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      gint64 moved = ow_parcel_get_last_movement (parcel);

      if (moved != OW_TIME_UNSET)
        {
          any_event = TRUE;
          last_movement = MAX (last_movement, moved);
        }
      if (ow_parcel_is_returning (parcel) &&
          (id = known_reason (policy, ow_parcel_get_suggested_dispute_reason (parcel))) != NULL)
        {
          g_autofree char *when = day (moved != OW_TIME_UNSET ? moved : now);

          if (why != NULL)
            /* Translators: %s is a date */
            *why = g_strdup_printf (_("The carrier returned the parcel to the seller on %s."),
                                    when);
          return id;
        }
      if (ow_parcel_get_status (parcel) == OW_TRACKING_STATUS_IN_CUSTOMS && moved != OW_TIME_UNSET &&
          now - moved >= 7 * DAY && (id = known_reason (policy, "held_in_customs")) != NULL)
        {
          g_autofree char *when = day (moved);

          if (why != NULL)
            /* Translators: %s is a date */
            *why = g_strdup_printf (_("The parcel has been held in customs since %s."), when);
          return id;
        }
    }

  if (delivered != OW_TIME_UNSET && (id = known_reason (policy, "wrong_address")) != NULL)
    {
      g_autofree char *when = day (delivered);

      if (why != NULL)
        /* Translators: %s is a date */
        *why = g_strdup_printf (_("The tracking says delivered on %s, but you have not confirmed "
                                  "receipt: if it never reached you, it may have gone to "
                                  "another address."), when);
      return id;
    }

  if (!any_event && now - shipped >= OW_DISPUTE_SILENT_DAYS * DAY &&
      (id = known_reason (policy, "no_tracking")) != NULL)
    {
      g_autofree char *when = day (shipped);

      if (why != NULL)
        /* Translators: %s is a date */
        *why = g_strdup_printf (_("No tracking event since the seller shipped on %s."), when);
      return id;
    }

  /* Past the promised delivery time without a delivery. */
  if (delivered == OW_TIME_UNSET &&
      now - shipped >= (gint64) (ow_order_get_delivery_days (order) > 0
                                 ? ow_order_get_delivery_days (order)
                                 : ow_policy_get_default_delivery_days (policy)) * DAY &&
      (id = known_reason (policy, "not_received_overdue")) != NULL)
    {
      if (why != NULL)
        *why = g_strdup (_("The promised delivery time has passed without a delivery."));
      return id;
    }
  return NULL;
}

/* English unless asked for the user's language: both strings are marked for translation. */
static const char *
say (const char *english,
     gboolean    localized)
{
  return localized ? g_dgettext (GETTEXT_PACKAGE, english) : english;
}

static char *
date_text (gint64   time,
           gboolean localized)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("?");
  if (!localized)
    {
      static const char *months[] = { "January", "February", "March", "April", "May", "June",
                                      "July", "August", "September", "October", "November",
                                      "December" };

      return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                              months[g_date_time_get_month (local) - 1],
                              g_date_time_get_year (local));
    }
  /* Translators: a date in a sentence, as in "paid on 1 November 2026" */
  return g_date_time_format (local, _("%-d %B %Y"));
}

char *
ow_dispute_draft (OwOrder           *order,
                  OwPolicy          *policy,
                  const char        *reason_id,
                  OwDisputeSolution  solution,
                  gint64             amount,
                  OwTrackingEvent   *last_event,
                  gint64             now,
                  gboolean           localized)
{
  const OwDisputeReason *reason;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *money = NULL;
  g_autofree char *whole = NULL;
  gint64 paid = ow_order_get_time (order, OW_EVENT_PAID);
  gint64 shipped = ow_order_get_time (order, OW_EVENT_SHIPPED);
  const char *item = ow_order_get_item_title (order);
  int delivery_days;

  g_return_val_if_fail (OW_IS_ORDER (order), NULL);
  g_return_val_if_fail (OW_IS_POLICY (policy), NULL);

  reason = ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), reason_id);
  delivery_days = ow_order_get_delivery_days (order) > 0 ? ow_order_get_delivery_days (order)
                                                         : ow_policy_get_default_delivery_days (policy);

  g_string_append (text, say (N_("Hello,"), localized));
  g_string_append (text, "\n\n");
  /* Translators: an order number, then what was bought */
  g_string_append_printf (text, say (item ? N_("I am opening this dispute for order %s (%s).")
                                          : N_("I am opening this dispute for order %s."),
                                     localized),
                          ow_order_get_order_number (order), item);
  if (paid != OW_TIME_UNSET)
    {
      g_autofree char *when = date_text (paid, localized);

      g_string_append_c (text, ' ');
      /* Translators: %s is a date */
      g_string_append_printf (text, say (N_("I paid for it on %s."), localized), when);
    }
  if (shipped != OW_TIME_UNSET)
    {
      g_autofree char *when = date_text (shipped, localized);
      int days = (int) ((now - shipped) / DAY);

      g_string_append_c (text, ' ');
      /* Translators: a date, then a number of days */
      g_string_append_printf (text, say (N_("It was shipped on %s, %d days ago; the promised "
                                            "delivery time is %d days."), localized),
                              when, days, delivery_days);
    }
  if (last_event != NULL && ow_tracking_event_get_description (last_event) != NULL)
    {
      g_autofree char *when = date_text (ow_tracking_event_get_time (last_event), localized);

      g_string_append_c (text, ' ');
      /* Translators: a date, then the carrier's words */
      g_string_append_printf (text, say (N_("The last tracking event, on %s, reads: “%s”."),
                                         localized),
                              when, ow_tracking_event_get_description (last_event));
    }
  g_string_append (text, "\n\n");

  if (reason != NULL && ow_dispute_reason_get_draft (reason) != NULL)
    g_string_append (text, say (ow_dispute_reason_get_draft (reason), localized));
  else if (reason != NULL)
    /* Translators: %s is a dispute reason such as "Damaged in transit" */
    g_string_append_printf (text, say (N_("Reason: %s."), localized),
                            ow_dispute_reason_get_title (reason));
  g_string_append_c (text, ' ');

  money = ow_money_format (amount, ow_order_get_currency (order));
  whole = ow_money_format (ow_order_get_amount (order), ow_order_get_currency (order));
  if (solution == OW_SOLUTION_RETURN_GOODS)
    /* Translators: %s is an amount with its currency */
    g_string_append_printf (text, say (N_("I would like to return the item for a full refund of "
                                          "%s."), localized), whole);
  else if (amount > 0 && amount < ow_order_get_amount (order))
    /* Translators: an amount, then the amount paid */
    g_string_append_printf (text, say (N_("I ask for a partial refund of %s of the %s I paid, "
                                          "and I keep the item."), localized), money, whole);
  else
    /* Translators: %s is an amount with its currency */
    g_string_append_printf (text, say (N_("I ask for a full refund of %s."), localized),
                            amount > 0 ? money : whole);
  g_string_append (text, "\n\n");
  g_string_append (text, say (N_("I have attached the evidence. Thank you for your help."),
                              localized));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
