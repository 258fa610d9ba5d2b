/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The deadline engine: order facts + a policy + now → every rule's window and state.
 *
 * Pure and allocation-free: facts later than @now count as not yet known, so the answer
 * depends only on the arguments. Days are calendar days in the policy's zone and keep the
 * local wall-clock time (see ow-zone-table.h for DST gaps and repeats); business days skip
 * Saturday and Sunday there; hours are exact elapsed hours. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ow-deadlines.h"
#include "ow-order.h"
#include "ow-policy-private.h"
#include "ow-time.h"
#include "ow-zone-table.h"

#define HOUR 3600
/* Orders with nothing running sort after every real due time (those are < 2^40). */
#define URGENCY_IDLE (G_GINT64_CONSTANT (1) << 40)

typedef struct
{
  gint64          times[OW_N_FACTS];   /* OW_TIME_UNSET unless known at @now */
  guint32         known;               /* OW_EVENT_BIT mask */
  guint32         undated;             /* known, but when is not: their times stay unset */
  int             processing_days;
  int             delivery_days;
  int             approved_days;
  int             pending_days;
  OwPaymentMethod method;
} Facts;

/* @t is an instant the answer turns on: keep the earliest one after @now. Unset times
 * (G_MININT64) are never after it. */
static inline void
watch (gint64 *changes_at,
       gint64  t,
       gint64  now)
{
  if (t > now && t < *changes_at)
    *changes_at = t;
}

static void
facts_init (Facts    *facts,
            OwOrder  *order,
            OwPolicy *policy,
            gint64    now,
            gint64   *changes_at)
{
  guint n_extensions = ow_order_get_n_extensions (order);

  facts->known = 0;
  facts->undated = 0;
  for (guint e = 0; e < OW_N_FACTS; e++)
    {
      gint64 t = ow_order_get_time (order, e);

      if (ow_order_get_time_undated (order, e))
        {
          /* It happened (a status proved it), so never after @now. */
          facts->known |= OW_EVENT_BIT (e);
          facts->undated |= OW_EVENT_BIT (e);
          t = OW_TIME_UNSET;
        }
      else if (t != OW_TIME_UNSET && t <= now)
        facts->known |= OW_EVENT_BIT (e);
      else
        {
          /* Known from then on, whatever it changes. */
          watch (changes_at, t, now);
          t = OW_TIME_UNSET;
        }
      facts->times[e] = t;
    }

  facts->processing_days = ow_order_get_processing_days (order);
  if (facts->processing_days <= 0)
    facts->processing_days = ow_policy_get_default_processing_days (policy);
  facts->delivery_days = ow_order_get_delivery_days (order);
  if (facts->delivery_days <= 0)
    facts->delivery_days = ow_policy_get_default_delivery_days (policy);
  facts->method = ow_order_get_payment_method (order);

  facts->approved_days = 0;
  facts->pending_days = 0;
  for (guint i = 0; i < n_extensions; i++)
    {
      const OwExtension *x = ow_order_get_extension (order, i);

      /* A request made after @now has not happened yet either. */
      if (x->requested_at != OW_TIME_UNSET && x->requested_at > now)
        {
          if (x->state == OW_EXTENSION_APPROVED || x->state == OW_EXTENSION_PENDING)
            watch (changes_at, x->requested_at, now);
          continue;
        }
      if (x->state == OW_EXTENSION_APPROVED)
        facts->approved_days += x->days;
      else if (x->state == OW_EXTENSION_PENDING)
        facts->pending_days += x->days;
    }
}

static gint64
earliest (const Facts *facts,
          guint32      mask)
{
  gint64 best = OW_TIME_UNSET;

  mask &= facts->known & ~facts->undated;
  for (guint e = 0; mask != 0; e++, mask >>= 1)
    if ((mask & 1) && (best == OW_TIME_UNSET || facts->times[e] < best))
      best = facts->times[e];
  return best;
}

/* The first fact of @mask known without a date, or -1. */
static int
first_undated (const Facts *facts,
               guint32      mask)
{
  mask &= facts->undated;
  return mask != 0 ? g_bit_nth_lsf (mask, -1) : -1;
}

static gboolean
is_dated (const Facts  *facts,
          OwOrderEvent  event)
{
  return (facts->known & ~facts->undated & OW_EVENT_BIT (event)) != 0;
}

static int
amount_value (const OwAmount *amount,
              const Facts    *facts)
{
  switch (amount->kind)
    {
    case OW_AMOUNT_PROCESSING_DAYS:
      return facts->processing_days;
    case OW_AMOUNT_DELIVERY_DAYS:
      return facts->delivery_days;
    case OW_AMOUNT_FIXED:
    case OW_AMOUNT_NONE:
    default:
      return amount->value;
    }
}

static gint64
add (const OwZoneTable *table,
     gint64             time,
     int                n,
     OwUnit             unit)
{
  switch (unit)
    {
    case OW_UNIT_HOURS:
      return time + (gint64) n * HOUR;
    case OW_UNIT_BUSINESS_DAYS:
      return ow_zone_table_add_business_days (table, time, n);
    case OW_UNIT_DAYS:
    default:
      return ow_zone_table_add_days (table, time, n);
    }
}

static gint64
estimated_delivery (const OwZoneTable *table,
                    const Facts       *facts)
{
  if (is_dated (facts, OW_EVENT_SHIPPED))
    return ow_zone_table_add_days (table, facts->times[OW_EVENT_SHIPPED], facts->delivery_days);
  if (is_dated (facts, OW_EVENT_PAID))
    return ow_zone_table_add_days (table, facts->times[OW_EVENT_PAID],
                                   facts->processing_days + facts->delivery_days);
  if (is_dated (facts, OW_EVENT_PLACED))
    return ow_zone_table_add_days (table, facts->times[OW_EVENT_PLACED],
                                   facts->processing_days + facts->delivery_days);
  return OW_TIME_UNSET;
}

/* Per rule, beside the public OwDeadline: when its window ended (for "end_of:" starts) and
 * whether something settled it after it ran out. */
typedef struct
{
  gint64   ends[OW_MAX_DEADLINES];
  gboolean settled[OW_MAX_DEADLINES];
  int      undated_end[OW_MAX_DEADLINES];  /* ended on a fact without a date, or -1 */
} Scratch;

/* The window starts on a fact that happened at an unknown instant: no countdown, but it
 * cannot end before the same window started when the order was placed. */
static void
set_undated (const OwRule      *rule,
             const OwZoneTable *table,
             const Facts       *facts,
             int                event,
             OwDeadline        *d,
             Scratch           *scratch)
{
  d->state = OW_DEADLINE_UNDATED;
  d->undated_event = event;
  if (is_dated (facts, OW_EVENT_PLACED))
    d->due_earliest = add (table, facts->times[OW_EVENT_PLACED],
                           amount_value (&rule->duration, facts), rule->unit);
  scratch->undated_end[rule->index] = event;
}

static void
compute_rule (const OwRule      *rule,
              const OwZoneTable *table,
              const Facts       *facts,
              gint64             now,
              OwDeadlineSet     *set,
              Scratch           *scratch)
{
  OwDeadline *d = &set->deadlines[rule->index];
  gint64 start, due, late, met, skip, cancel;
  gboolean void_start = FALSE;
  int start_undated = -1;

  d->rule = rule;
  d->starts = d->due = d->due_late = d->ended = d->due_earliest = OW_TIME_UNSET;
  d->undated_event = -1;
  d->state = OW_DEADLINE_NOT_APPLICABLE;
  scratch->ends[rule->index] = OW_TIME_UNSET;
  scratch->settled[rule->index] = FALSE;
  scratch->undated_end[rule->index] = -1;

  if (rule->payment_methods != 0 && !(rule->payment_methods & (1u << facts->method)))
    return;
  if ((rule->requires & facts->known) != rule->requires)
    return;

  switch (rule->start_kind)
    {
    case OW_START_ESTIMATED_DELIVERY:
      start = estimated_delivery (table, facts);
      break;
    case OW_START_END_OF_RULE:
      /* The earlier window was cut short (say, by a dispute): this one never opens. */
      void_start = set->deadlines[rule->start_rule].state == OW_DEADLINE_NOT_APPLICABLE;
      start = scratch->ends[rule->start_rule];
      start_undated = scratch->undated_end[rule->start_rule];
      break;
    case OW_START_EVENTS:
    default:
      start = earliest (facts, rule->start_events);
      start_undated = first_undated (facts, rule->start_events);
      break;
    }

  /* Unknown start: the earlier of a meeting and a voiding event decides (paid with no order
   * date still meets the payment deadline; a dispute opened during protection meets the
   * dispute window even though that window never opened). */
  if (start == OW_TIME_UNSET || void_start)
    {
      guint32 voids = rule->skipped_if | rule->cancelled_by;
      gint64 meeting = earliest (facts, rule->met_by);
      gint64 voiding = earliest (facts, voids);
      gboolean meets = (facts->known & rule->met_by) != 0;
      gboolean voided = (facts->known & voids) != 0;

      /* On a tie the voiding reading wins: shipping without a cancellation request does
       * not answer one. Nor does a fact without a date come before any other. */
      if (meets && (!voided || (meeting != OW_TIME_UNSET && voiding != OW_TIME_UNSET &&
                                first_undated (facts, voids) < 0 && meeting < voiding)))
        {
          d->state = OW_DEADLINE_MET;
          d->ended = meeting;
          /* Started at an unknown instant, ended at a known one (receipt confirmed after a
           * shipment without date): what starts at its end can count. */
          if (start_undated >= 0 && !void_start)
            {
              scratch->ends[rule->index] = meeting;
              if (meeting == OW_TIME_UNSET)
                scratch->undated_end[rule->index] = first_undated (facts, rule->met_by);
            }
        }
      else if (!voided && !void_start && start_undated >= 0)
        set_undated (rule, table, facts, start_undated, d, scratch);
      else if (!voided && !void_start)
        d->state = OW_DEADLINE_NOT_STARTED;
      return;
    }

  due = add (table, start, amount_value (&rule->duration, facts), rule->unit);
  late = rule->duration_late.kind == OW_AMOUNT_NONE
           ? OW_TIME_UNSET
           : add (table, start, amount_value (&rule->duration_late, facts), rule->unit);

  if (rule->extensions)
    {
      if (facts->approved_days != 0)
        {
          due = ow_zone_table_add_days (table, due, facts->approved_days);
          if (late != OW_TIME_UNSET)
            late = ow_zone_table_add_days (table, late, facts->approved_days);
        }
      if (facts->pending_days != 0)
        late = ow_zone_table_add_days (table, late != OW_TIME_UNSET ? late : due,
                                       facts->pending_days);
    }

  if (rule->has_cut && is_dated (facts, rule->cut_event))
    {
      gint64 event = facts->times[rule->cut_event];
      gint64 cut = add (table, event, rule->cut.value, rule->cut_unit);
      gint64 cut_late = rule->cut_late.kind == OW_AMOUNT_NONE
                          ? cut
                          : add (table, event, rule->cut_late.value, rule->cut_unit);
      gint64 nominal_late = late != OW_TIME_UNSET ? late : due;

      due = MIN (due, cut);
      late = MIN (nominal_late, cut_late);
    }

  d->starts = start;
  d->due = due;
  d->due_late = late == due ? OW_TIME_UNSET : late;

  skip = earliest (facts, rule->skipped_if);
  if (skip != OW_TIME_UNSET && skip < start)
    return;

  met = earliest (facts, rule->met_by);
  if (met != OW_TIME_UNSET || (facts->known & rule->met_by))
    {
      /* Met at an unknown instant: what starts at its end has no date either. */
      d->state = OW_DEADLINE_MET;
      d->ended = met;
      scratch->ends[rule->index] = met;
      if (met == OW_TIME_UNSET)
        scratch->undated_end[rule->index] = first_undated (facts, rule->met_by);
      return;
    }

  cancel = earliest (facts, rule->cancelled_by);
  if (cancel == OW_TIME_UNSET && first_undated (facts, rule->cancelled_by) >= 0)
    {
      /* Cut short at an unknown instant, but before @now: no longer applies, or, if the
       * window is over anyway, passed and settled. */
      if (now < due)
        {
          watch (&set->changes_at, due, now);
          return;
        }
      d->state = OW_DEADLINE_PASSED;
      scratch->ends[rule->index] = due;
      scratch->settled[rule->index] = TRUE;
      return;
    }
  if (cancel != OW_TIME_UNSET)
    {
      /* Cut short: it no longer applies. Already over: it stays passed, but settled. */
      if (cancel < due)
        return;
      d->state = OW_DEADLINE_PASSED;
      scratch->ends[rule->index] = due;
      scratch->settled[rule->index] = TRUE;
      return;
    }

  /* Passed first: a cut can bring the end before the start. Until the facts change, the
   * state only moves when @now reaches the start, the urgent threshold or the end. */
  scratch->ends[rule->index] = due;
  if (now >= due)
    {
      d->state = OW_DEADLINE_PASSED;
      return;
    }

  watch (&set->changes_at, due, now);
  if (now < start)
    {
      d->state = OW_DEADLINE_NOT_STARTED;
      watch (&set->changes_at, start, now);
    }
  else if (rule->role != OW_ROLE_OPENS && due - now <= rule->urgent_before)
    d->state = OW_DEADLINE_URGENT;
  else
    {
      d->state = OW_DEADLINE_RUNNING;
      /* Urgent from due - urgent_before on; never when the threshold is not positive. */
      if (rule->role != OW_ROLE_OPENS && rule->urgent_before > 0)
        watch (&set->changes_at, due - rule->urgent_before, now);
    }
}

static OwOrderStatus
compute_status (const Facts         *facts,
                guint32              completed_on,
                const OwDeadlineSet *set)
{
  if (facts->known & (OW_EVENT_BIT (OW_EVENT_CLOSED) | OW_EVENT_BIT (OW_EVENT_REFUNDED)))
    return OW_STATUS_CLOSED;
  if (facts->known & OW_EVENT_BIT (OW_EVENT_DISPUTE_OPENED))
    return OW_STATUS_DISPUTE;
  if (facts->known & completed_on)
    return OW_STATUS_COMPLETED;
  for (guint i = 0; i < set->n_deadlines; i++)
    if (set->deadlines[i].rule->completes_order &&
        set->deadlines[i].state == OW_DEADLINE_PASSED)
      return OW_STATUS_COMPLETED;
  if (facts->known & OW_EVENT_BIT (OW_EVENT_SHIPPED))
    return OW_STATUS_AWAITING_DELIVERY;
  if (facts->known & OW_EVENT_BIT (OW_EVENT_PAID))
    return OW_STATUS_AWAITING_SHIPMENT;
  return OW_STATUS_AWAITING_PAYMENT;
}

/* A wait that ran out with nothing settling it, where the policy says what to do then. */
static gboolean
is_overdue (const OwDeadline *d,
            const Scratch    *scratch)
{
  return d->state == OW_DEADLINE_PASSED && d->rule->role == OW_ROLE_WAIT &&
         !scratch->settled[d->rule->index] && d->rule->action_overdue != NULL;
}

void
ow_deadlines_compute (OwOrder       *order,
                      OwPolicy      *policy,
                      gint64         now,
                      OwDeadlineSet *out)
{
  const OwZoneTable *table;
  const OwRule *rules;
  Scratch scratch;
  Facts facts;

  g_return_if_fail (OW_IS_ORDER (order));
  g_return_if_fail (OW_IS_POLICY (policy));
  g_return_if_fail (out != NULL);

  table = ow_policy_get_zone_table (policy);
  rules = ow_policy_get_rules (policy);
  out->changes_at = G_MAXINT64;
  facts_init (&facts, order, policy, now, &out->changes_at);

  out->n_deadlines = ow_policy_get_n_rules (policy);
  out->next = -1;
  out->needs_action = FALSE;

  /* In file order: an "end_of:" start refers to an earlier rule. */
  for (guint i = 0; i < out->n_deadlines; i++)
    compute_rule (&rules[i], table, &facts, now, out, &scratch);

  for (guint i = 0; i < out->n_deadlines; i++)
    {
      const OwDeadline *d = &out->deadlines[i];
      gboolean running = d->state == OW_DEADLINE_RUNNING || d->state == OW_DEADLINE_URGENT;
      gboolean overdue = is_overdue (d, &scratch);

      if ((running && d->rule->role != OW_ROLE_OPENS) || overdue)
        {
          if (out->next < 0 || d->due < out->deadlines[out->next].due)
            out->next = (int) i;
        }
      if (overdue || (d->state == OW_DEADLINE_URGENT && d->rule->role == OW_ROLE_DEADLINE))
        out->needs_action = TRUE;
    }

  out->status = compute_status (&facts, ow_policy_get_completed_on (policy), out);
  out->urgency = out->next >= 0 ? out->deadlines[out->next].due : URGENCY_IDLE + out->status;
}

void
ow_deadlines_add_dispute (OwDeadlineSet       *set,
                          const OwDeadlineSet *dispute_set,
                          gboolean             open)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (dispute_set != NULL);

  for (guint i = 0; i < dispute_set->n_deadlines && set->n_deadlines < OW_MAX_DEADLINES; i++)
    {
      const OwDeadline *d = &dispute_set->deadlines[i];

      /* The channel's own windows (to open one at all) are not this dispute's. */
      if (!ow_rule_is_dispute_rule (d->rule))
        continue;
      set->deadlines[set->n_deadlines] = *d;
      /* The channel's engine picked what to act on first; it competes with the order's. */
      if ((int) i == dispute_set->next &&
          (set->next < 0 || d->due < set->deadlines[set->next].due))
        set->next = (int) set->n_deadlines;
      set->n_deadlines++;
    }
  set->needs_action |= dispute_set->needs_action;
  set->changes_at = MIN (set->changes_at, dispute_set->changes_at);
  /* A dispute running on PayPal or with the bank is where the order stands, whatever the
   * marketplace's own state (often closed by then). */
  if (open)
    set->status = OW_STATUS_DISPUTE;
  set->urgency = set->next >= 0 ? set->deadlines[set->next].due : URGENCY_IDLE + set->status;
}

const OwDeadline *
ow_deadlines_find (const OwDeadlineSet *set,
                   const char          *rule_id)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < set->n_deadlines; i++)
    if (g_str_equal (set->deadlines[i].rule->id, rule_id))
      return &set->deadlines[i];
  return NULL;
}

const OwDeadline *
ow_deadlines_get_next (const OwDeadlineSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  return set->next >= 0 ? &set->deadlines[set->next] : NULL;
}

const OwDeadline *
ow_deadlines_get_headline (const OwDeadlineSet *set)
{
  const OwDeadline *best = NULL;

  g_return_val_if_fail (set != NULL, NULL);

  if (set->next >= 0)
    return &set->deadlines[set->next];
  /* Nothing runs yet: the first window still to come that has a date (an A-to-z claim
   * opening after the estimated delivery), so the order does not look deadline-free. */
  for (guint i = 0; i < set->n_deadlines; i++)
    {
      const OwDeadline *d = &set->deadlines[i];
      gint64 when = d->starts != OW_TIME_UNSET ? d->starts : d->due;

      if (d->state != OW_DEADLINE_NOT_STARTED || when == OW_TIME_UNSET)
        continue;
      if (best == NULL || when < (best->starts != OW_TIME_UNSET ? best->starts : best->due))
        best = d;
    }
  if (best != NULL)
    return best;
  /* Else a window that runs on a fact without a date: it says so rather than nothing; the
   * one that can last longest (the ship-by date, not the day's payment review). */
  for (guint i = 0; i < set->n_deadlines; i++)
    {
      const OwDeadline *d = &set->deadlines[i];

      if (d->state != OW_DEADLINE_UNDATED || d->rule->role == OW_ROLE_OPENS)
        continue;
      if (best == NULL || (d->due_earliest != OW_TIME_UNSET &&
                           (best->due_earliest == OW_TIME_UNSET ||
                            d->due_earliest > best->due_earliest)))
        best = d;
    }
  return best;
}

const char *
ow_deadlines_next_action (const OwDeadlineSet *set)
{
  const OwDeadline *next;

  g_return_val_if_fail (set != NULL, NULL);

  next = ow_deadlines_get_next (set);
  if (next == NULL)
    return NULL;
  if (next->state == OW_DEADLINE_PASSED)
    return ow_rule_get_action_overdue (next->rule);
  return ow_rule_get_action (next->rule);
}

/* Describing. */

/* The last date format_date () wrote, per thread: a list sorted by due asks for the same
 * day many times in a row, and GDateTime takes thousands of instructions a date. The text
 * is the same for every instant of that local day, in the same zone, language and year. */
typedef struct
{
  char        zone[64];  /* its identifier */
  const char *format;    /* translated: another language, another text */
  gint64      now;
  gint64      day_start; /* UTC instants of the local day: [day_start, day_end) */
  gint64      day_end;
  char        text[48];
} FormattedDate;

static _Thread_local FormattedDate last_formatted_date;

/* In the user's zone, like every other date beside it: days are counted in the
 * marketplace's zone, but shown where the user is. */
static char *
format_date (gint64 time,
             gint64 now)
{
  g_autoptr(GTimeZone) zone = ow_time_zone_get_local ();
  const char *zone_id = g_time_zone_get_identifier (zone);
  FormattedDate *last = &last_formatted_date;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) utc_now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next_midnight = NULL;
  /* Translators: a day within this year, see g_date_time_format () */
  const char *this_year = C_("short date", "%-d %b");
  /* Translators: a day in another year, see g_date_time_format () */
  const char *other_year = C_("short date with year", "%-d %b %Y");
  char *text;

  if (last->format == this_year && last->now == now && time >= last->day_start &&
      time < last->day_end && strcmp (last->zone, zone_id) == 0)
    return g_strdup (last->text);

  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return g_strdup ("?");
  utc_now = g_date_time_new_from_unix_utc (now);
  local = g_date_time_to_timezone (utc, zone);
  today = utc_now ? g_date_time_to_timezone (utc_now, zone) : NULL;
  if (today != NULL && g_date_time_get_year (today) == g_date_time_get_year (local))
    text = g_date_time_format (local, this_year);
  else
    text = g_date_time_format (local, other_year);

  midnight = g_date_time_new (zone, g_date_time_get_year (local),
                              g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  next_midnight = midnight ? g_date_time_add_days (midnight, 1) : NULL;
  if (text != NULL && next_midnight != NULL && strlen (text) < sizeof last->text &&
      strlen (zone_id) < sizeof last->zone)
    {
      strcpy (last->zone, zone_id);
      last->format = this_year;
      last->now = now;
      last->day_start = g_date_time_to_unix (midnight);
      last->day_end = g_date_time_to_unix (next_midnight);
      strcpy (last->text, text);
    }
  return text;
}

static char *
placeholder (const OwDeadline *d,
             const char       *name,
             gsize             length,
             gint64            now)
{
#define IS(literal) (length == strlen (literal) && strncmp (name, literal, length) == 0)
  if (IS ("title"))
    return g_strdup (ow_rule_get_title (d->rule));
  if (IS ("left") && d->due != OW_TIME_UNSET)
    return ow_duration_format (MAX (d->due - now, 0));
  if (IS ("ago") && d->due != OW_TIME_UNSET)
    return ow_duration_format (MAX (now - d->due, 0));
  if (IS ("starts_in") && d->starts != OW_TIME_UNSET)
    return ow_duration_format (MAX (d->starts - now, 0));
  if (IS ("date") && d->due != OW_TIME_UNSET)
    return format_date (d->due, now);
  if (IS ("date_late") && d->due_late != OW_TIME_UNSET)
    return format_date (d->due_late, now);
  if (IS ("start_date") && d->starts != OW_TIME_UNSET)
    return format_date (d->starts, now);
#undef IS
  return NULL;
}

/* "{left}" and friends replaced; an unknown or unknowable placeholder stays as written. */
static char *
expand (const char       *template,
        const OwDeadline *d,
        gint64            now)
{
  const char *open = strchr (template, '{');
  const char *p = template;
  GString *out;

  /* Most texts have nothing to fill in ("Payment passed review"). */
  if (open == NULL)
    return g_strdup (template);

  out = g_string_sized_new (strlen (template) + 32);
  for (; open != NULL; open = strchr (p, '{'))
    {
      const char *close = strchr (open, '}');
      g_autofree char *value = close ? placeholder (d, open + 1, close - open - 1, now) : NULL;

      if (value != NULL)
        {
          g_string_append_len (out, p, open - p);
          g_string_append (out, value);
          p = close + 1;
        }
      else
        {
          g_string_append_len (out, p, open + 1 - p);
          p = open + 1;
        }
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static char *
describe_generic (const OwDeadline *d,
                  gint64            now)
{
  const char *title = ow_rule_get_title (d->rule);
  g_autofree char *when = NULL;

  switch (d->state)
    {
    case OW_DEADLINE_NOT_STARTED:
      if (d->starts == OW_TIME_UNSET)
        /* Translators: %s is a rule title such as "Buyer Protection" */
        return g_strdup_printf (_("%s has not started"), title);
      when = format_date (d->starts, now);
      /* Translators: a rule title, then a date such as "12 Nov" */
      return g_strdup_printf (_("%s starts on %s"), title, when);
    case OW_DEADLINE_RUNNING:
    case OW_DEADLINE_URGENT:
      when = ow_duration_format (d->due - now);
      if (d->rule->role == OW_ROLE_OPENS)
        /* Translators: a rule title such as "Dispute opens", then "3 days 4 hours" */
        return g_strdup_printf (_("%s in %s"), title, when);
      /* Translators: a rule title, then a duration such as "3 days 4 hours" */
      return g_strdup_printf (_("%s ends in %s"), title, when);
    case OW_DEADLINE_PASSED:
      when = format_date (d->due, now);
      if (d->rule->role == OW_ROLE_OPENS)
        /* Translators: a rule title, then a date such as "12 Nov" */
        return g_strdup_printf (_("%s: possible since %s"), title, when);
      /* Translators: a rule title, then a date such as "12 Nov" */
      return g_strdup_printf (_("%s ended on %s"), title, when);
    case OW_DEADLINE_MET:
      /* Translators: %s is a rule title */
      return g_strdup_printf (_("%s: done"), title);
    case OW_DEADLINE_UNDATED:
      if (d->undated_event < 0)
        /* Translators: %s is a rule title */
        return g_strdup_printf (_("%s: date unknown"), title);
      if (d->due_earliest != OW_TIME_UNSET && d->due_earliest > now)
        {
          when = format_date (d->due_earliest, now);
          /* Translators: a rule title, an order fact such as "Paid", then a date */
          return g_strdup_printf (_("%s: cannot count down, the date of “%s” is unknown; "
                                    "not before %s"),
                                  title, ow_order_event_label (d->undated_event), when);
        }
      /* Translators: a rule title, then an order fact such as "Paid" */
      return g_strdup_printf (_("%s: cannot count down, the date of “%s” is unknown"),
                              title, ow_order_event_label (d->undated_event));
    case OW_DEADLINE_NOT_APPLICABLE:
    default:
      /* Translators: %s is a rule title */
      return g_strdup_printf (_("%s: does not apply"), title);
    }
}

/* The policy's text for @deadline's state, translated, or NULL. */
static const char *
state_template (const OwDeadline *deadline)
{
  const char *template;

  /* The policy files have no text for a window without a date. */
  if (deadline->state == OW_DEADLINE_UNDATED)
    return NULL;
  template = deadline->rule->texts[deadline->state];
  if (template == NULL && deadline->state == OW_DEADLINE_URGENT)
    template = deadline->rule->texts[OW_DEADLINE_RUNNING];
  return template != NULL ? g_dgettext (GETTEXT_PACKAGE, template) : NULL;
}

char *
ow_deadline_describe (const OwDeadline *deadline,
                      gint64            now)
{
  const char *template;

  g_return_val_if_fail (deadline != NULL, NULL);
  g_return_val_if_fail (deadline->rule != NULL, NULL);

  template = state_template (deadline);
  if (template != NULL)
    return expand (template, deadline, now);
  return describe_generic (deadline, now);
}

const char *
ow_deadline_describe_fixed (const OwDeadline *deadline)
{
  const char *template;

  g_return_val_if_fail (deadline != NULL, NULL);
  g_return_val_if_fail (deadline->rule != NULL, NULL);

  template = state_template (deadline);
  return template != NULL && strchr (template, '{') == NULL ? template : NULL;
}

const char *
ow_deadline_state_to_string (OwDeadlineState state)
{
  static const char *names[] = {
    "not_started", "running", "urgent", "passed", "met", "not_applicable", "undated",
  };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

const char *
ow_order_status_to_string (OwOrderStatus status)
{
  static const char *names[] = {
    "awaiting_payment", "awaiting_shipment", "awaiting_delivery", "dispute", "completed",
    "closed",
  };

  g_return_val_if_fail (status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

const char *
ow_order_status_label (OwOrderStatus status)
{
  static const char *labels[] = {
    N_("Awaiting payment"), N_("Awaiting shipment"), N_("Awaiting delivery"), N_("Dispute"),
    N_("Completed"), N_("Closed"),
  };

  g_return_val_if_fail (status < G_N_ELEMENTS (labels), NULL);
  return _(labels[status]);
}

gint64
ow_time_add_days (gint64     time,
                  int        days,
                  GTimeZone *zone)
{
  g_return_val_if_fail (zone != NULL, OW_TIME_UNSET);

  if (time == OW_TIME_UNSET)
    return OW_TIME_UNSET;
  return ow_zone_table_add_days (ow_zone_table_get (zone), time, days);
}

gint64
ow_time_add_business_days (gint64     time,
                           int        days,
                           GTimeZone *zone)
{
  g_return_val_if_fail (zone != NULL, OW_TIME_UNSET);

  if (time == OW_TIME_UNSET)
    return OW_TIME_UNSET;
  return ow_zone_table_add_business_days (ow_zone_table_get (zone), time, days);
}

OwUrgency
ow_deadline_get_urgency (const OwDeadline *deadline,
                         gint64            now)
{
  gint64 warn_before;

  g_return_val_if_fail (deadline != NULL, OW_URGENCY_NONE);

  switch (deadline->state)
    {
    case OW_DEADLINE_URGENT:
      return OW_URGENCY_URGENT;
    case OW_DEADLINE_RUNNING:
      if (deadline->due == OW_TIME_UNSET)
        return OW_URGENCY_CALM;
      /* Amber well before the rule turns urgent, so nothing goes red unannounced. */
      warn_before = MAX (3 * 86400, 2 * ow_rule_get_urgent_before (deadline->rule));
      return deadline->due - now < warn_before ? OW_URGENCY_SOON : OW_URGENCY_CALM;
    case OW_DEADLINE_NOT_STARTED:
    case OW_DEADLINE_PASSED:
    case OW_DEADLINE_MET:
    case OW_DEADLINE_NOT_APPLICABLE:
    case OW_DEADLINE_UNDATED:
    default:
      return OW_URGENCY_NONE;
    }
}

OwUrgency
ow_deadlines_get_urgency (const OwDeadlineSet *set,
                          gint64               now)
{
  const OwDeadline *next;

  g_return_val_if_fail (set != NULL, OW_URGENCY_NONE);

  if ((next = ow_deadlines_get_next (set)) == NULL)
    return OW_URGENCY_NONE;
  /* Ran out and the buyer must act on it (check the refund, reorder). */
  if (next->state == OW_DEADLINE_PASSED && set->needs_action)
    return OW_URGENCY_URGENT;
  return ow_deadline_get_urgency (next, now);
}
