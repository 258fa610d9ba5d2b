/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier's sections, in the order a reader at PayPal or a bank wants them: the summary,
 * the rules and their dates, what the carrier said, what happened in each dispute (the
 * evidence is ow-dossier-evidence.c's). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ow-dispute-terms.h"
#include "ow-dispute.h"
#include "ow-dossier-private.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-tracking-event.h"
#include "ow-tracking-provider.h"

#define CARD_GAP   8.0
#define CARD_PAD   8.0
#define TIMELINE_SCALE 0.8

#define CARD_BG    0xf0eff2

static const char *
deadline_state_label (OwDeadlineState state)
{
  switch (state)
    {
    case OW_DEADLINE_NOT_STARTED: return _("Not started");
    case OW_DEADLINE_RUNNING: return _("Running");
    case OW_DEADLINE_URGENT: return _("Running, ends soon");
    case OW_DEADLINE_PASSED: return _("Ran out");
    case OW_DEADLINE_MET: return _("Met");
    case OW_DEADLINE_NOT_APPLICABLE: return _("No longer applies");
    case OW_DEADLINE_UNDATED: return _("Date unknown");
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
outcome_label (OwDisputeOutcome outcome)
{
  switch (outcome)
    {
    case OW_OUTCOME_NONE: return NULL;
    case OW_OUTCOME_REFUNDED: return _("Refunded");
    case OW_OUTCOME_PARTIALLY_REFUNDED: return _("Partly refunded");
    case OW_OUTCOME_REJECTED: return _("Rejected");
    case OW_OUTCOME_WITHDRAWN: return _("Withdrawn");
    case OW_N_OUTCOMES:
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
payment_label (OwPaymentMethod method)
{
  switch (method)
    {
    case OW_PAYMENT_CARD: return _("Card");
    case OW_PAYMENT_PAYPAL: return _("PayPal");
    case OW_PAYMENT_BALANCE: return _("Marketplace balance");
    case OW_PAYMENT_OTHER:
    default: return _("Other");
    }
}

static char *
money (OwDossier *d,
       gint64     amount)
{
  return ow_money_format (amount, ow_order_get_currency (d->order));
}

/* "AliExpress" for a marketplace dispute, "PayPal", "Card chargeback" for the others. */
static const char *
channel_name (OwDossier        *d,
              OwDisputeChannel  channel)
{
  return channel == OW_CHANNEL_MARKETPLACE ? ow_dossier_marketplace_name (d)
                                           : ow_dispute_channel_label (channel);
}

/* The reason's title as the marketplace's form words it, else its id. */
static const char *
reason_title (OwDossier  *d,
              OwDispute  *dispute)
{
  const char *id = ow_dispute_get_reason (dispute);
  const OwDisputeReason *reason = NULL;

  if (d->policy != NULL && id != NULL)
    reason = ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (d->policy), id);
  return reason != NULL ? ow_dispute_reason_get_title (reason) : id;
}

/* What happened when, and whether the app inferred it from tracking. */
static char *
fact_text (OwOrder      *order,
           OwOrderEvent  event)
{
  gint64 time = ow_order_get_time (order, event);
  g_autofree char *when = NULL;

  if (time == OW_TIME_UNSET)
    return NULL;
  when = ow_dossier_format_time (time);
  if (event < OW_N_EVENTS && ow_order_get_time_source (order, event) == OW_FACT_INFERRED)
    /* Translators: a date the app took from the carrier's tracking, not from the user */
    return g_strdup_printf (_("%s (from the carrier’s tracking)"), when);
  return g_steal_pointer (&when);
}

static void
write_cards (OwDossierPage     *page,
             const char *const *pairs,
             guint              n_cards)
{
  double left = ow_dossier_page_get_left (page);
  double width = (ow_dossier_page_get_width (page) - (n_cards - 1) * CARD_GAP) / n_cards;
  double inner = width - 2 * CARD_PAD;
  double y = ow_dossier_page_get_y (page);
  double height = 0;

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(PangoLayout) label = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SMALL,
                                                             pairs[2 * i], inner);
      g_autoptr(PangoLayout) value = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_VALUE,
                                                             pairs[2 * i + 1], inner);

      height = MAX (height, ow_dossier_layout_height (label) + 2 +
                    ow_dossier_layout_height (value));
    }
  height += 2 * CARD_PAD;
  ow_dossier_page_need (page, height);
  y = ow_dossier_page_get_y (page);

  for (guint i = 0; i < n_cards; i++)
    {
      double x = left + i * (width + CARD_GAP);
      g_autoptr(PangoLayout) label = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SMALL,
                                                             pairs[2 * i], inner);
      g_autoptr(PangoLayout) value = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_VALUE,
                                                             pairs[2 * i + 1], inner);

      ow_dossier_page_fill (page, CARD_BG, x, y, width, height);
      ow_dossier_page_fill (page, 0x1a5fb4, x, y, 2.5, height);
      ow_dossier_page_show (page, label, OW_DOSSIER_STYLE_SMALL, x + CARD_PAD, y + CARD_PAD);
      ow_dossier_page_show (page, value, OW_DOSSIER_STYLE_VALUE, x + CARD_PAD,
                            y + CARD_PAD + ow_dossier_layout_height (label) + 2);
    }
  ow_dossier_page_advance (page, height);
}

static void
write_order_facts (OwDossier     *d,
                   OwDossierPage *page)
{
  OwOrder *order = d->order;
  g_autofree char *quantity = g_strdup_printf ("%d", ow_order_get_quantity (order));
  g_autofree char *paid = money (d, ow_order_get_amount (order));
  g_autofree char *placed = fact_text (order, OW_EVENT_PLACED);
  g_autofree char *paid_at = fact_text (order, OW_EVENT_PAID);
  g_autofree char *shipped = fact_text (order, OW_EVENT_SHIPPED);
  g_autofree char *delivered = fact_text (order, OW_EVENT_DELIVERED);
  g_autofree char *received = fact_text (order, OW_EVENT_RECEIVED);
  g_autofree char *cancel = fact_text (order, OW_EVENT_CANCEL_REQUESTED);
  g_autofree char *closed = fact_text (order, OW_EVENT_CLOSED);
  g_autofree char *refunded = fact_text (order, OW_EVENT_REFUNDED);
  g_autofree char *delivery = NULL;
  g_autofree char *numbers = ow_store_get_tracking_numbers (d->store, ow_order_get_id (order),
                                                            NULL);
  g_autofree char *url = NULL;
  const char *close_reason = NULL;
  int days = ow_order_get_delivery_days (order);

  if (days <= 0 && d->policy != NULL)
    days = ow_policy_get_default_delivery_days (d->policy);
  if (days > 0)
    /* Translators: the delivery time the listing promised */
    delivery = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  if (ow_order_get_close_reason (order) != OW_CLOSE_NONE)
    close_reason = ow_close_reason_explain (ow_order_get_close_reason (order));
  if (d->policy != NULL)
    url = ow_dispute_terms_order_url (ow_policy_get_dispute_terms (d->policy),
                                      ow_order_get_order_number (order));

  {
    /* What was bought on the left; when things happened, then how it was paid and sent, on
     * the right: two columns of about one height keep the summary on its page. */
    const char *const what[] = {
      _("Marketplace"), ow_dossier_marketplace_name (d),
      _("Order number"), ow_order_get_order_number (order),
      _("Item"), ow_order_get_item_title (order),
      _("Quantity"), quantity,
      _("Store"), ow_order_get_store_name (order),
      _("Amount paid"), paid,
      _("Order page"), url,
      NULL,
    };
    const char *const when[] = {
      ow_order_event_label (OW_EVENT_PLACED), placed,
      ow_order_event_label (OW_EVENT_PAID), paid_at,
      ow_order_event_label (OW_EVENT_SHIPPED), shipped,
      _("Promised delivery"), delivery,
      ow_order_event_label (OW_EVENT_DELIVERED), delivered,
      ow_order_event_label (OW_EVENT_RECEIVED), received,
      ow_order_event_label (OW_EVENT_CANCEL_REQUESTED), cancel,
      ow_order_event_label (OW_EVENT_CLOSED), closed,
      _("Why it closed"), close_reason,
      ow_order_event_label (OW_EVENT_REFUNDED), refunded,
      _("Payment method"), payment_label (ow_order_get_payment_method (order)),
      _("Tracking numbers"), numbers,
      NULL,
    };

    ow_dossier_page_fields_two (page, what, when, _("Order page"), url);
  }
}

void
ow_dossier_write_summary (OwDossier     *d,
                          OwDossierPage *page)
{
  OwDispute *latest = d->disputes->len > 0 ? g_ptr_array_index (d->disputes,
                                                                d->disputes->len - 1) : NULL;
  g_autoptr(PangoLayout) title = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_TITLE,
                                                         _("Dispute dossier"), -1);
  g_autoptr(PangoLayout) subtitle = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SUBTITLE,
                                                            d->title,
                                                            ow_dossier_page_get_width (page));
  g_autofree char *paid = money (d, ow_order_get_amount (d->order));
  double left = ow_dossier_page_get_left (page);
  cairo_t *cr = ow_dossier_page_get_cairo (page);
  double width, height;

  ow_dossier_page_show (page, title, OW_DOSSIER_STYLE_TITLE, left, ow_dossier_page_get_y (page));
  ow_dossier_page_advance (page, ow_dossier_layout_height (title) + 2);
  ow_dossier_page_show (page, subtitle, OW_DOSSIER_STYLE_SUBTITLE, left,
                        ow_dossier_page_get_y (page));
  ow_dossier_page_advance (page, ow_dossier_layout_height (subtitle) + 2);
  ow_dossier_page_text (page, OW_DOSSIER_STYLE_SMALL, 0, d->footer);
  ow_dossier_page_advance (page, 14);

  /* At a glance: what was paid, what is asked, why, and where it stands. */
  if (latest != NULL)
    {
      g_autofree char *asked = money (d, ow_dispute_get_amount (latest));
      g_autofree char *asking = g_strdup_printf ("%s\n%s", asked,
                                                 ow_dispute_solution_label (
                                                   ow_dispute_get_solution (latest)));
      const char *outcome = outcome_label (ow_dispute_get_outcome (latest));
      g_autofree char *where = g_strdup_printf ("%s\n%s",
                                                channel_name (d,
                                                              ow_dispute_get_channel (latest)),
                                                outcome != NULL ? outcome
                                                : ow_dispute_state_label (
                                                    ow_dispute_get_state (latest)));
      const char *const cards[] = {
        _("Amount paid"), paid,
        _("Asking for"), asking,
        _("Reason"), reason_title (d, latest),
        _("Where it stands"), where,
      };

      write_cards (page, cards, 4);
    }
  else
    {
      const char *const cards[] = {
        _("Amount paid"), paid,
        _("Status"), d->policy != NULL ? ow_order_status_label (d->set.status) : "—",
      };

      write_cards (page, cards, 2);
    }

  ow_dossier_page_heading (page, _("The order"), FALSE);
  write_order_facts (d, page);

  /* The timeline the window shows, on paper: laid out a little wider and drawn at
   * TIMELINE_SCALE, so its lanes and labels sit with the text around them. */
  width = ow_dossier_page_get_width (page) / TIMELINE_SCALE;
  height = ow_timeline_renderer_measure (d->timeline, width);
  ow_dossier_page_heading_with (page, _("Protection timeline"), height * TIMELINE_SCALE + 30);
  cairo_save (cr);
  cairo_translate (cr, left, ow_dossier_page_get_y (page));
  cairo_scale (cr, TIMELINE_SCALE, TIMELINE_SCALE);
  ow_timeline_renderer_draw (d->timeline, cr, width, height);
  cairo_restore (cr);
  ow_dossier_page_advance (page, height * TIMELINE_SCALE + 4);
  ow_dossier_page_text (page, OW_DOSSIER_STYLE_SMALL, 0,
                        _("Bars are the windows the rules set: solid up to the day this dossier "
                          "was prepared (the red line), light for what was left. Dots are what "
                          "happened; diamonds are moments a rule sets. Dates are in the buyer’s "
                          "time zone."));

  if (d->disputes->len > 0)
    {
      static const OwDossierColumn columns[] = {
        { N_("Channel"), 0.16, OW_DOSSIER_STYLE_BOLD },
        { N_("Opened"), 0.25, OW_DOSSIER_STYLE_BODY },
        { N_("Reason"), 0.22, OW_DOSSIER_STYLE_BODY },
        { N_("Asking for"), 0.15, OW_DOSSIER_STYLE_BODY },
        { N_("Where it stands"), 0.22, OW_DOSSIER_STYLE_BODY },
      };
      OwDossierColumn translated[G_N_ELEMENTS (columns)];
      g_autoptr(OwDossierTable) table = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          translated[i] = columns[i];
          translated[i].title = _(columns[i].title);
        }
      ow_dossier_page_heading (page, _("Disputes"), FALSE);
      table = ow_dossier_table_new (page, translated, G_N_ELEMENTS (translated));
      for (guint i = 0; i < d->disputes->len; i++)
        {
          OwDispute *dispute = g_ptr_array_index (d->disputes, i);
          g_autofree char *opened = ow_dossier_format_time (ow_dispute_get_opened_at (dispute));
          g_autofree char *asked = money (d, ow_dispute_get_amount (dispute));
          const char *outcome = outcome_label (ow_dispute_get_outcome (dispute));
          const char *cells[] = {
            channel_name (d, ow_dispute_get_channel (dispute)), opened,
            reason_title (d, dispute), asked,
            outcome != NULL ? outcome : ow_dispute_state_label (ow_dispute_get_state (dispute)),
          };

          ow_dossier_table_add_row (table, cells, NULL);
        }
    }
}

/* "Sources: …. Confidence: medium." under a deadline, and the rule's note. */
static char *
rule_detail (const OwRule *rule)
{
  const char *const *sources = ow_rule_get_sources (rule);
  const char *confidence = ow_rule_get_confidence (rule);
  const char *note = ow_rule_get_note (rule);
  GString *text = g_string_new (NULL);

  if (sources != NULL && sources[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("; ", (char **) sources);

      /* Translators: where a deadline's rule comes from: help pages by title */
      g_string_append_printf (text, _("Sources: %s."), joined);
    }
  if (confidence != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: how sure the rule is: high, medium or low */
      g_string_append_printf (text, _("Confidence: %s."), confidence);
    }
  if (note != NULL && *note != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_dgettext (GETTEXT_PACKAGE, note));
    }
  return g_string_free (text, text->len == 0);
}

/* Every applicable deadline of @set (only the dispute's own when @dispute_rules). */
static void
write_deadline_table (OwDossier           *d,
                      OwDossierPage       *page,
                      const OwDeadlineSet *set,
                      gboolean             dispute_rules)
{
  static const OwDossierColumn columns[] = {
    { N_("Deadline"), 0.25, OW_DOSSIER_STYLE_BOLD },
    { N_("State"), 0.25, OW_DOSSIER_STYLE_BODY },
    { N_("From"), 0.25, OW_DOSSIER_STYLE_BODY },
    { N_("Until"), 0.25, OW_DOSSIER_STYLE_BODY },
  };
  OwDossierColumn translated[G_N_ELEMENTS (columns)];
  g_autoptr(OwDossierTable) table = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      translated[i] = columns[i];
      translated[i].title = _(columns[i].title);
    }

  for (guint i = 0; i < set->n_deadlines; i++)
    {
      const OwDeadline *deadline = &set->deadlines[i];
      g_autofree char *words = NULL;
      g_autofree char *state = NULL;
      g_autofree char *from = NULL;
      g_autofree char *until = NULL;
      g_autofree char *detail = NULL;

      /* A window a later fact ended early (a dispute ends Buyer Protection) is part of the
       * story; one that never began is not. */
      if ((deadline->state == OW_DEADLINE_NOT_APPLICABLE &&
           (deadline->starts == OW_TIME_UNSET || deadline->starts > d->now)) ||
          ow_rule_is_dispute_rule (deadline->rule) != dispute_rules)
        continue;

      if (table == NULL)
        table = ow_dossier_table_new (page, translated, G_N_ELEMENTS (translated));
      words = ow_deadline_describe (deadline, d->now);
      state = g_strdup_printf ("%s\n%s", deadline_state_label (deadline->state), words);
      from = ow_dossier_format_time (deadline->starts);
      until = ow_dossier_format_time (deadline->due);
      if (deadline->due_late != OW_TIME_UNSET && deadline->due_late != deadline->due)
        {
          g_autofree char *late = ow_dossier_format_time (deadline->due_late);
          char *both = g_strdup_printf (
            /* Translators: a deadline's conservative end, then the later one some sources give */
            _("%s\n(some sources: %s)"), until, late);

          g_free (until);
          until = both;
        }
      detail = rule_detail (deadline->rule);
      {
        const char *cells[] = { ow_rule_get_title (deadline->rule), state, from, until };

        ow_dossier_table_add_row (table, cells, detail);
      }
    }

  if (table == NULL)
    ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0, _("None applies."));
}

void
ow_dossier_write_deadlines (OwDossier     *d,
                            OwDossierPage *page)
{
  ow_dossier_page_heading (page, _("Deadlines"), TRUE);
  if (d->policy == NULL)
    {
      g_autofree char *text = g_strdup_printf (
        /* Translators: %s is the marketplace's name */
        _("Orderwatch knows no rules for %s, so no deadlines are computed."),
        ow_dossier_marketplace_name (d));

      ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0, text);
      return;
    }
  ow_dossier_page_text (page, OW_DOSSIER_STYLE_SMALL, 0,
                        _("Computed from the marketplace’s published rules and the order’s dates. "
                          "Where sources disagree, the earlier end is shown first."));
  ow_dossier_page_advance (page, 4);
  write_deadline_table (d, page, &d->set, FALSE);

  ow_dossier_page_subheading (page, _("Where a dispute can be opened"));
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    if (d->windows[c].summary != NULL)
      {
        g_autofree char *line = g_strdup_printf ("•  %s", d->windows[c].summary);

        ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0, line);
      }
}

void
ow_dossier_write_tracking (OwDossier     *d,
                           OwDossierPage *page)
{
  static const OwDossierColumn columns[] = {
    { N_("When"), 0.25, OW_DOSSIER_STYLE_BODY },
    { N_("What the carrier reported"), 0.50, OW_DOSSIER_STYLE_BODY },
    { N_("Where"), 0.25, OW_DOSSIER_STYLE_BODY },
  };
  OwDossierColumn translated[G_N_ELEMENTS (columns)];

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      translated[i] = columns[i];
      translated[i].title = _(columns[i].title);
    }

  ow_dossier_page_heading (page, _("Tracking history"), FALSE);
  if (d->parcels->len == 0)
    {
      ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0,
                            _("No tracking number was recorded for this order."));
      return;
    }

  for (guint p = 0; p < d->parcels->len; p++)
    {
      OwParcel *parcel = g_ptr_array_index (d->parcels, p);
      GPtrArray *events = g_ptr_array_index (d->parcel_events, p);
      g_autofree char *heading = NULL;
      g_autofree char *checked = ow_dossier_format_time (ow_parcel_get_last_check (parcel));
      GString *about = g_string_new (NULL);
      g_autoptr(OwDossierTable) table = NULL;

      /* Translators: a parcel's heading, %s is its tracking number */
      heading = g_strdup_printf (_("Parcel %s"), ow_parcel_get_tracking_number (parcel));
      ow_dossier_page_subheading (page, heading);

      /* Translators: a parcel's status, e.g. "Status: Delivered" */
      g_string_append_printf (about, _("Status: %s"),
                              ow_tracking_status_label (ow_parcel_get_status (parcel)));
      if (ow_parcel_get_carrier (parcel) != NULL)
        /* Translators: the last-mile carrier's name */
        g_string_append_printf (about, _(" · Carrier: %s"), ow_parcel_get_carrier (parcel));
      if (ow_parcel_get_last_check (parcel) != OW_TIME_UNSET)
        /* Translators: when the tracking service was last asked */
        g_string_append_printf (about, _(" · Last checked: %s"), checked);
      for (guint q = 0; q < d->parcels->len; q++)
        {
          OwParcel *earlier = g_ptr_array_index (d->parcels, q);

          if (ow_parcel_get_id (earlier) == ow_parcel_get_follows_parcel_id (parcel))
            /* Translators: a last-mile number that continues another parcel */
            g_string_append_printf (about, _(" · Continues parcel %s"),
                                    ow_parcel_get_tracking_number (earlier));
        }
      ow_dossier_page_text (page, OW_DOSSIER_STYLE_SMALL, 0, about->str);
      g_string_free (about, TRUE);
      ow_dossier_page_advance (page, 4);

      if (events->len == 0)
        {
          ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0,
                                _("The carrier has reported no events."));
          continue;
        }

      /* Oldest first: the story as it happened. */
      table = ow_dossier_table_new (page, translated, G_N_ELEMENTS (translated));
      for (guint e = events->len; e-- > 0;)
        {
          OwTrackingEvent *event = g_ptr_array_index (events, e);
          g_autofree char *when = ow_dossier_format_time (ow_tracking_event_get_time (event));
          const char *cells[] = {
            when, ow_tracking_event_get_description (event),
            ow_tracking_event_get_location (event),
          };

          ow_dossier_table_add_row (table, cells, NULL);
        }
    }
}

void
ow_dossier_write_dispute (OwDossier     *d,
                          OwDossierPage *page,
                          OwDispute     *dispute)
{
  static const OwDossierColumn columns[] = {
    { N_("When"), 0.25, OW_DOSSIER_STYLE_BODY },
    { N_("What happened"), 0.28, OW_DOSSIER_STYLE_BOLD },
    { N_("Amount"), 0.14, OW_DOSSIER_STYLE_BODY },
    { N_("Note"), 0.33, OW_DOSSIER_STYLE_BODY },
  };
  OwDossierColumn translated[G_N_ELEMENTS (columns)];
  OwDisputeChannel channel = ow_dispute_get_channel (dispute);
  g_autofree char *heading = NULL;
  g_autofree char *asked = money (d, ow_dispute_get_amount (dispute));
  g_autofree char *opened = ow_dossier_format_time (ow_dispute_get_opened_at (dispute));
  g_autofree char *closed = ow_dispute_get_closed_at (dispute) != OW_TIME_UNSET
                            ? ow_dossier_format_time (ow_dispute_get_closed_at (dispute)) : NULL;
  g_autoptr(OwDossierTable) history = NULL;
  OwDeadlineSet set;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      translated[i] = columns[i];
      translated[i].title = _(columns[i].title);
    }

  /* Translators: a section of the dossier, e.g. "Dispute with PayPal" */
  heading = g_strdup_printf (_("Dispute with %s"), channel_name (d, channel));
  ow_dossier_page_heading (page, heading, FALSE);
  {
    const char *const pairs[] = {
      _("Channel"), ow_dispute_channel_label (channel),
      _("Reason"), reason_title (d, dispute),
      _("Solution asked for"), ow_dispute_solution_label (ow_dispute_get_solution (dispute)),
      _("Amount asked for"), asked,
      _("Where it stands"), ow_dispute_state_label (ow_dispute_get_state (dispute)),
      _("Outcome"), outcome_label (ow_dispute_get_outcome (dispute)),
      _("Opened"), opened,
      _("Closed"), closed,
      NULL,
    };

    ow_dossier_page_fields (page, pairs, NULL, NULL);
  }

  if (ow_dispute_get_description (dispute) != NULL && *ow_dispute_get_description (dispute))
    {
      ow_dossier_page_subheading (page, _("What the buyer wrote"));
      ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0, ow_dispute_get_description (dispute));
    }

  ow_dossier_page_subheading (page, _("History"));
  history = ow_dossier_table_new (page, translated, G_N_ELEMENTS (translated));
  for (guint i = 0; i < ow_dispute_get_n_steps (dispute); i++)
    {
      const OwDisputeStep *step = ow_dispute_get_step (dispute, i);
      g_autofree char *when = ow_dossier_format_time (step->at);
      g_autofree char *amount = step->amount > 0 ? money (d, step->amount) : NULL;
      const char *cells[] = { when, ow_dispute_step_label (step->kind), amount, step->text };

      ow_dossier_table_add_row (history, cells, NULL);
    }
  g_clear_pointer (&history, ow_dossier_table_free);

  if (ow_dispute_compute_deadlines (dispute, d->order, d->policies, d->now, &set))
    {
      ow_dossier_page_subheading (page, _("Deadlines in this dispute"));
      write_deadline_table (d, page, &set, TRUE);
    }
}
