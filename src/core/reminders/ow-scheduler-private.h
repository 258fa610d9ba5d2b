/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-scheduler.c (timers, signals, sending) and ow-scheduler-plan.c (working out,
 * for one instant, what is due and when the next thing will be). */
#pragma once

#include <gio/gio.h>

#include "ow-notifier.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* One notice found due, with what to record once it is out. */
typedef struct
{
  OwNotice  notice;
  OwOrder  *order;
  char     *kind;
  gint64    record_before;     /* the `before` to store in reminders_sent */
  gboolean  snoozed;           /* the snooze's own reminder: remove the snooze once sent */
} OwDueItem;

/* One pass over the orders (all, or @order_ids) at @now. The caller fills the inputs; the
 * rest is output. */
typedef struct
{
  /* In, borrowed */
  OwStore          *store;
  OwPolicyRegistry *policies;
  GSettings        *settings;   /* nullable: the defaults */
  GTimeZone        *zone;       /* for quiet hours */
  gint64            now;
  GArray           *order_ids;  /* nullable: every order; else these (gint64), a gone one
                                 * simply has nothing planned */
  gboolean          one_page;   /* instead: the next page of orders after @after_id */
  gint64            after_id;

  /* Out */
  GPtrArray        *due;        /* (element-type OwDueItem) */
  GHashTable       *wakes;      /* order id (gint64 *) -> (gint64 *) its next wake; only
                                 * the orders planned that have one */
  guint             n_orders;   /* how many were read and planned */
  GArray           *page_ids;   /* with one_page: the page's ids (gint64); none at the end */

  /* Private */
  gboolean          reminders;
  gboolean          quiet;
  int               quiet_start;
  int               quiet_end;
  GHashTable       *offsets;    /* rule id -> GArray of gint64 seconds, largest first */
  GHashTable       *sent;
  GHashTable       *snoozes;
  GHashTable       *movements;
  gint64            order_wake; /* the order being planned's, G_MAXINT64 for none yet */
  GPtrArray        *page;       /* with one_page: its orders */
} OwPlan;

gboolean  ow_plan_compute  (OwPlan   *plan,
                            GError  **error);
void      ow_plan_clear    (OwPlan   *plan);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OwPlan, ow_plan_clear)

G_END_DECLS
