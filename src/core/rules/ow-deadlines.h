/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_DEADLINE_NOT_STARTED,     /* its starting event has not happened */
  OW_DEADLINE_RUNNING,
  OW_DEADLINE_URGENT,          /* running, under the rule's urgent threshold */
  OW_DEADLINE_PASSED,          /* ran out */
  OW_DEADLINE_MET,             /* the awaited event happened in time */
  OW_DEADLINE_NOT_APPLICABLE,
  OW_DEADLINE_UNDATED,         /* started, but on a fact whose date is unknown: no countdown */
} OwDeadlineState;

struct _OwDeadline
{
  const OwRule    *rule;       /* id, texts and reminders */
  gint64           starts;     /* when the window opened, or OW_TIME_UNSET */
  gint64           due;        /* OW_TIME_UNSET when not yet known */
  gint64           due_late;   /* the less conservative end some sources give, or OW_TIME_UNSET */
  OwDeadlineState  state;
  gint64           ended;      /* met: when the awaited event ended the window (confirming
                                * receipt ends Buyer Protection), else OW_TIME_UNSET */
  /* Undated: the fact whose date is missing, and the earliest the window can end (its start
   * is not before the order was placed), or OW_TIME_UNSET. */
  int              undated_event;   /* an OwOrderEvent, or -1 */
  gint64           due_earliest;
};

#define OW_MAX_DEADLINES 16

/* Bump whenever the engine gives other results for the same facts and rules (or the
 * numbering of OwOrderStatus changes): summaries saved by an older engine are then
 * computed again (ow_policy_registry_get_fingerprint). */
#define OW_DEADLINES_REVISION 1

/* Everything the engine says about one order at one instant. Plain data, no allocation. */
struct _OwDeadlineSet
{
  OwDeadline     deadlines[OW_MAX_DEADLINES];
  guint          n_deadlines;
  int            next;         /* index of the deadline to act on first, or -1 */
  OwOrderStatus  status;
  gboolean       needs_action;
  gint64         urgency;      /* sort key: smaller sorts first */
  /* The earliest instant after @now at which computing again could give another set (a fact
   * or a request dated then becomes known, a window opens, turns urgent or runs out), or
   * G_MAXINT64. Every field, this one included, is the same at any instant before it. */
  gint64         changes_at;
};

/* Pure: the same order, policy and @now always give the same result, and the same as at any
 * later instant before out->changes_at. Facts dated after @now count as not yet known. About
 * 0.4 µs per order; no allocation. */
void          ow_deadlines_compute          (OwOrder             *order,
                                             OwPolicy            *policy,
                                             gint64               now,
                                             OwDeadlineSet       *out);
/* Adds to @set, the order's, the deadlines of a dispute on PayPal or with the bank that
 * @dispute_set holds (ow_dispute_compute_deadlines ()): its own rules only, the one to act
 * on first competing with the order's, and, when @open, the order in the Disputes tab. */
void          ow_deadlines_add_dispute      (OwDeadlineSet       *set,
                                             const OwDeadlineSet *dispute_set,
                                             gboolean             open);
/* How pressing a deadline is, for colours and icons in every face. */
typedef enum
{
  OW_URGENCY_NONE,      /* nothing to count down: not started, met, passed, not applicable */
  OW_URGENCY_CALM,      /* running, with time to spare */
  OW_URGENCY_SOON,      /* running, within a few days of the end (before the rule is urgent) */
  OW_URGENCY_URGENT,    /* under the rule's urgent threshold, or ran out and the buyer must act */
} OwUrgency;

OwUrgency     ow_deadline_get_urgency       (const OwDeadline    *deadline,
                                             gint64               now);
/* The order's urgency: its next deadline's, urgent when that ran out and the buyer must act. */
OwUrgency     ow_deadlines_get_urgency      (const OwDeadlineSet *set,
                                             gint64               now);
const OwDeadline *ow_deadlines_find         (const OwDeadlineSet *set,
                                             const char          *rule_id);
const OwDeadline *ow_deadlines_get_next     (const OwDeadlineSet *set);
/* The one deadline a one-line summary (a list row) shows: the next one, else the soonest one
 * still to start whose date is known; NULL when the order has none. */
const OwDeadline *ow_deadlines_get_headline (const OwDeadlineSet *set);
/* What the buyer should do next, in plain words, or NULL. */
const char   *ow_deadlines_next_action      (const OwDeadlineSet *set);

/* "Protection ends in 3 days 4 hours", "Seller must ship within 20 hours",
 * "Dispute window closed": the rule's `describe` text for the state, else generic words. */
char         *ow_deadline_describe          (const OwDeadline    *deadline,
                                             gint64               now);
/* The same words when they are the policy's fixed text for the state ("Payment passed
 * review"), which lives as long as the policy; NULL when they depend on the order or on now. */
const char   *ow_deadline_describe_fixed    (const OwDeadline    *deadline);
const char   *ow_deadline_state_to_string   (OwDeadlineState      state);
const char   *ow_order_status_to_string     (OwOrderStatus        status);
const char   *ow_order_status_label         (OwOrderStatus        status);

/* Day arithmetic in @zone: a day is a calendar day there and the local wall-clock time is kept,
 * so 03:00 PDT + 7 days is 03:00 PST (169 elapsed hours). A time the DST change skips becomes
 * the first instant after it; a repeated time keeps the start's UTC offset. Exactly
 * g_date_time_add_days (), without allocating. Business days skip Saturday and Sunday in @zone;
 * negative counts go back. OW_TIME_UNSET stays unset. */
gint64        ow_time_add_days              (gint64               time,
                                             int                  days,
                                             GTimeZone           *zone);
gint64        ow_time_add_business_days     (gint64               time,
                                             int                  days,
                                             GTimeZone           *zone);

G_END_DECLS
