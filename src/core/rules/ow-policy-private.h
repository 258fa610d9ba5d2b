/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parsed form of a policy file, shared by ow-policy.c and the deadline engine. */
#pragma once

#include "ow-deadlines.h"
#include "ow-policy.h"
#include "ow-zone-table.h"

G_BEGIN_DECLS

typedef enum
{
  OW_UNIT_HOURS,
  OW_UNIT_DAYS,
  OW_UNIT_BUSINESS_DAYS,
} OwUnit;

/* What the window means to the buyer. */
typedef enum
{
  OW_ROLE_DEADLINE,   /* the buyer must act before it closes */
  OW_ROLE_WAIT,       /* the seller or the marketplace must act; running out is a problem */
  OW_ROLE_OPENS,      /* something becomes possible when it runs out */
} OwRuleRole;

typedef enum
{
  OW_START_EVENTS,              /* the earliest of the `starts_on` events */
  OW_START_ESTIMATED_DELIVERY,  /* shipped + delivery days, or paid + processing + delivery */
  OW_START_END_OF_RULE,         /* when an earlier rule's window ended (met or ran out) */
} OwStartKind;

typedef enum
{
  OW_AMOUNT_NONE,
  OW_AMOUNT_FIXED,
  OW_AMOUNT_PROCESSING_DAYS,    /* the order's value, else the policy default */
  OW_AMOUNT_DELIVERY_DAYS,
} OwAmountKind;

typedef struct
{
  OwAmountKind kind;
  int          value;
} OwAmount;

struct _OwRule
{
  OwPolicy    *policy;          /* the owner; rules live as long as it */
  guint        index;
  char        *id;
  char        *title;
  OwRuleRole   role;

  OwStartKind  start_kind;
  guint32      start_events;    /* OW_EVENT_BIT mask */
  guint        start_rule;      /* index of an earlier rule, for OW_START_END_OF_RULE */

  OwAmount     duration;
  OwAmount     duration_late;
  OwUnit       unit;
  gboolean     extensions;      /* approved extension days add to it, pending ones to due_late */

  gboolean     has_cut;         /* an event that brings the end forward, if earlier */
  OwOrderEvent cut_event;
  OwAmount     cut;
  OwAmount     cut_late;
  OwUnit       cut_unit;

  guint32      met_by;
  guint32      cancelled_by;
  guint32      skipped_if;      /* events that, happening before the start, void the rule */
  guint32      requires;        /* events that must have happened for the rule to apply */
  guint32      payment_methods; /* 1 << OwPaymentMethod; 0 means any */
  gboolean     completes_order; /* running out completes the order */

  gint64       urgent_before;
  gint64      *reminders;
  guint        n_reminders;

  char        *on_expiry;
  char        *buyer_actions;
  char        *note;
  char        *confidence;
  char       **sources;         /* titles (or addresses) of the help pages the rule cites */
  char       **source_urls;     /* each source's address, "" when it has none */
  char        *action;
  char        *action_overdue;
  char        *texts[OW_DEADLINE_NOT_APPLICABLE + 1];  /* describe templates per state */
};

/* Frees what the rule owns, not the rule. */
void               ow_rule_clear             (OwRule   *rule);
const OwZoneTable *ow_policy_get_zone_table  (OwPolicy *self);
const OwRule      *ow_policy_get_rules       (OwPolicy *self);
/* OW_EVENT_BIT mask of the events that complete an order (default: received). */
guint32            ow_policy_get_completed_on (OwPolicy *self);
const char        *ow_policy_get_origin      (OwPolicy *self);

G_END_DECLS
