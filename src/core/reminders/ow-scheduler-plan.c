/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What is due at one instant and when the next thing will be: reminders from the policies
 * or Preferences, quiet hours, snoozes, what was sent already, and event notices. */
#include "config.h"

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-scheduler-private.h"
#include "ow-scheduler.h"
#include "ow-store-reminders.h"
#include "ow-store.h"

static void
due_item_free (gpointer data)
{
  OwDueItem *item = data;

  g_clear_object (&item->order);
  g_free (item->kind);
  g_free (item);
}

/* Quiet hours, in minutes after local midnight */

static int
local_minutes (OwPlan *plan,
               gint64  time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, plan->zone);

  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

static gboolean
in_quiet_hours (OwPlan *plan,
                gint64  time)
{
  int minutes;

  if (!plan->quiet || plan->quiet_start == plan->quiet_end)
    return FALSE;
  minutes = local_minutes (plan, time);
  if (plan->quiet_start < plan->quiet_end)
    return minutes >= plan->quiet_start && minutes < plan->quiet_end;
  return minutes >= plan->quiet_start || minutes < plan->quiet_end;   /* over midnight */
}

static gint64
quiet_hours_end_after (OwPlan *plan,
                       gint64  time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, plan->zone);
  g_autoptr(GDateTime) end = NULL;

  end = g_date_time_new (plan->zone, g_date_time_get_year (local),
                         g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                         plan->quiet_end / 60, plan->quiet_end % 60, 0);
  if (g_date_time_to_unix (end) <= time)
    {
      GDateTime *next = g_date_time_add_days (end, 1);

      g_date_time_unref (end);
      end = next;
    }
  return g_date_time_to_unix (end);
}

/* When something planned for @fire can go out: then, or at the end of the quiet hours it
 * falls in, unless @urgent_by (the deadline) comes first. */
static gint64
send_time (OwPlan *plan,
           gint64  fire,
           gint64  urgent_by)
{
  if (in_quiet_hours (plan, fire))
    {
      gint64 end = quiet_hours_end_after (plan, fire);

      if (urgent_by > end)
        return end;
    }
  return fire;
}

/* Offsets */

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static GHashTable *
read_offsets (GSettings *settings)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *rule_id;
  GVariant *minutes;

  if (settings == NULL)
    return table;

  value = g_settings_get_value (settings, "reminder-offsets");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s@ai}", &rule_id, &minutes))
    {
      GArray *seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
      gsize n = 0;
      const gint32 *list = g_variant_get_fixed_array (minutes, &n, sizeof (gint32));

      for (gsize i = 0; i < n; i++)
        if (list[i] > 0)
          g_array_append_val (seconds, (gint64) { (gint64) list[i] * 60 });
      g_array_sort (seconds, compare_desc);
      g_hash_table_insert (table, g_strdup (rule_id), seconds);
      g_variant_unref (minutes);
    }
  return table;
}

static const gint64 *
offsets_for (OwPlan       *plan,
             const OwRule *rule,
             guint        *n)
{
  GArray *custom = g_hash_table_lookup (plan->offsets, ow_rule_get_id (rule));

  if (custom != NULL)
    {
      *n = custom->len;
      return (const gint64 *) (gpointer) custom->data;
    }
  return ow_rule_get_reminders (rule, n);
}

/* One order */

static gint64
sent_before (OwPlan     *plan,
             gint64      order_id,
             const char *kind,
             gint64      due)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT,
                                          order_id, kind, due);
  gint64 *before = g_hash_table_lookup (plan->sent, key);

  return before != NULL ? *before : G_MAXINT64;
}

static void
wake_at (OwPlan *plan,
         gint64  time)
{
  plan->order_wake = MIN (plan->order_wake, time);
}

static OwDueItem *
add_due (OwPlan       *plan,
         OwNoticeType  type,
         OwOrder      *order,
         const char   *kind,
         gint64        due,
         gint64        before,
         gint64        fire)
{
  OwDueItem *item = g_new0 (OwDueItem, 1);

  item->order = g_object_ref (order);
  item->kind = g_strdup (kind);
  item->record_before = before;
  item->notice.type = type;
  item->notice.order = item->order;
  item->notice.kind = item->kind;
  item->notice.due = due;
  item->notice.before = before;
  item->notice.now = plan->now;
  item->notice.dispute_until = OW_TIME_UNSET;
  /* Late only if it could have gone out earlier: not for an order added after the fact. */
  fire = send_time (plan, fire, due);
  item->notice.late = plan->now - fire > OW_SCHEDULER_LATE_AFTER &&
                      fire > ow_order_get_modified (order);
  g_ptr_array_add (plan->due, item);
  return item;
}

/* Whether @fire, planned, can go out now; otherwise notes when it can. */
static gboolean
ready (OwPlan *plan,
       gint64  fire,
       gint64  urgent_by)
{
  gint64 when = send_time (plan, MAX (fire, plan->now), urgent_by);

  if (when <= plan->now)
    return TRUE;
  wake_at (plan, when);
  return FALSE;
}

static void
plan_reminders (OwPlan           *plan,
                OwOrder          *order,
                const OwDeadline *deadline,
                gboolean          can_dispute)
{
  const char *kind = ow_rule_get_id (deadline->rule);
  gint64 order_id = ow_order_get_id (order);
  gint64 due = deadline->due;
  gint64 handled = sent_before (plan, order_id, kind, due);
  g_autofree char *snooze_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", order_id, kind);
  gint64 *snooze = g_hash_table_lookup (plan->snoozes, snooze_key);
  gboolean snoozed = snooze != NULL && *snooze < due;
  const gint64 *offsets;
  guint n_offsets = 0;
  gint64 best = G_MAXINT64, best_fire = 0;
  gboolean best_snoozed = FALSE;
  OwDueItem *item;

  offsets = offsets_for (plan, deadline->rule, &n_offsets);
  for (guint i = 0; i < n_offsets; i++)
    {
      gint64 before = offsets[i];
      gint64 fire = due - before;

      /* A reminder sent closer to the deadline covers this one; a snooze hides it. */
      if (before <= 0 || before >= handled || (snoozed && fire <= *snooze))
        continue;
      if (ready (plan, fire, due) && before < best)
        {
          best = before;
          best_fire = fire;
          best_snoozed = FALSE;
        }
    }
  if (snoozed && due - *snooze < handled && ready (plan, *snooze, due) && due - *snooze < best)
    {
      best = due - *snooze;
      best_fire = *snooze;
      best_snoozed = TRUE;
    }
  if (best == G_MAXINT64)
    return;

  /* Only the latest of the reminders that are due: no burst after a long downtime. */
  item = add_due (plan, best_snoozed ? OW_NOTICE_SNOOZED : OW_NOTICE_REMINDER, order, kind,
                  due, best, best_fire);
  item->notice.deadline = *deadline;
  item->notice.can_dispute = can_dispute;
  item->snoozed = best_snoozed;
}

/* An event notice: sent once (recorded with before = 0), from @fire on, while fresh. */
static void
plan_event (OwPlan           *plan,
            OwNoticeType      type,
            OwOrder          *order,
            const char       *kind,
            const OwDeadline *deadline,
            gint64            anchor,
            gint64            fire,
            gint64            dispute_until,
            gboolean          can_dispute)
{
  OwDueItem *item;

  if (plan->now - fire > OW_SCHEDULER_EVENT_STALE)
    return;
  if (sent_before (plan, ow_order_get_id (order), kind, anchor) <= 0)
    return;
  if (!ready (plan, fire, G_MAXINT64))
    return;

  item = add_due (plan, type, order, kind, anchor, 0, fire);
  if (deadline != NULL)
    item->notice.deadline = *deadline;
  item->notice.dispute_until = dispute_until;
  item->notice.can_dispute = can_dispute;
}

static gboolean
is_running (const OwDeadline *deadline)
{
  return (deadline->state == OW_DEADLINE_RUNNING || deadline->state == OW_DEADLINE_URGENT) &&
         deadline->due != OW_TIME_UNSET;
}

/* A notice when it runs out: a "0m" reminder, or a wait the policy says what to do after. */
static gboolean
notices_at_due (OwPlan       *plan,
                const OwRule *rule)
{
  const gint64 *offsets;
  guint n = 0;

  if (ow_rule_get_action_overdue (rule) != NULL)
    return TRUE;
  offsets = offsets_for (plan, rule, &n);
  for (guint i = 0; i < n; i++)
    if (offsets[i] == 0)
      return TRUE;
  return FALSE;
}

static OwNoticeType
at_due_type (const OwRule *rule)
{
  const char *id = ow_rule_get_id (rule);

  if (g_str_equal (id, "ship_by"))
    return OW_NOTICE_NOT_SHIPPED;
  if (g_str_has_suffix (id, "refund_due"))
    return OW_NOTICE_REFUND_OVERDUE;
  if (ow_rule_get_action_overdue (rule) != NULL)
    return OW_NOTICE_OVERDUE;
  return OW_NOTICE_OPENED;
}

static void
plan_order (OwPlan  *plan,
            OwOrder *order)
{
  OwPolicy *policy = ow_policy_registry_lookup (plan->policies,
                                                ow_order_get_marketplace (order));
  gint64 shipped = ow_order_get_time (order, OW_EVENT_SHIPPED);
  gint64 delivered = ow_order_get_time (order, OW_EVENT_DELIVERED);
  gint64 received = ow_order_get_time (order, OW_EVENT_RECEIVED);
  gint64 closed = ow_order_get_time (order, OW_EVENT_CLOSED);
  gint64 disputed = ow_order_get_time (order, OW_EVENT_DISPUTE_OPENED);
  const OwDeadline *opens, *closes;
  gint64 dispute_until = OW_TIME_UNSET;
  gboolean can_dispute = FALSE;
  gint64 *moved;
  OwDeadlineSet set;

  if (policy == NULL || ow_order_get_archived (order))
    return;

  ow_deadlines_compute (order, policy, plan->now, &set);

  opens = ow_deadlines_find (&set, "dispute_opens");
  closes = ow_deadlines_find (&set, "dispute_closes");
  if (closes != NULL && closes->due != OW_TIME_UNSET)
    dispute_until = closes->due;
  can_dispute = closed == OW_TIME_UNSET && disputed == OW_TIME_UNSET && opens != NULL &&
                opens->due != OW_TIME_UNSET && opens->due <= plan->now &&
                (dispute_until == OW_TIME_UNSET || dispute_until > plan->now);

  for (guint i = 0; i < set.n_deadlines; i++)
    {
      const OwDeadline *deadline = &set.deadlines[i];
      OwNoticeType type;

      if (is_running (deadline) && deadline->due > plan->now)
        plan_reminders (plan, order, deadline, can_dispute);

      if (deadline->due == OW_TIME_UNSET || !notices_at_due (plan, deadline->rule))
        continue;
      /* Closed once it ran out: the closure settled it. */
      if (closed != OW_TIME_UNSET && closed >= deadline->due)
        continue;
      if (is_running (deadline))
        {
          wake_at (plan, MAX (deadline->due + 1, plan->now + 1));
          continue;
        }
      if (deadline->state != OW_DEADLINE_PASSED)
        continue;

      type = at_due_type (deadline->rule);
      if (type == OW_NOTICE_NOT_SHIPPED && shipped != OW_TIME_UNSET)
        continue;
      if (type == OW_NOTICE_OPENED && (closed != OW_TIME_UNSET || disputed != OW_TIME_UNSET))
        continue;
      plan_event (plan, type, order, ow_rule_get_id (deadline->rule), deadline, deadline->due,
                  deadline->due, dispute_until, type == OW_NOTICE_OPENED && can_dispute);
    }

  if (closed != OW_TIME_UNSET || received != OW_TIME_UNSET)
    return;

  if (delivered != OW_TIME_UNSET)
    plan_event (plan, OW_NOTICE_DELIVERED, order, OW_NOTICE_KIND_DELIVERED, NULL,
                delivered, delivered, dispute_until, can_dispute);
  else if ((moved = g_hash_table_lookup (plan->movements, &(gint64) { ow_order_get_id (order) })))
    plan_event (plan, OW_NOTICE_TRACKING_SILENT, order, OW_NOTICE_KIND_TRACKING_SILENT, NULL,
                *moved, *moved + OW_SCHEDULER_SILENT_AFTER, dispute_until, can_dispute);
}

/* Plans @order and notes its next wake. */
static void
plan_one (OwPlan  *plan,
          OwOrder *order)
{
  gint64 order_id = ow_order_get_id (order);

  plan->order_wake = G_MAXINT64;
  plan_order (plan, order);
  if (plan->order_wake == G_MAXINT64)
    return;
  g_hash_table_insert (plan->wakes, g_memdup2 (&order_id, sizeof order_id),
                       g_memdup2 (&plan->order_wake, sizeof plan->order_wake));
}

/* Every order, a page at a time: a plan keeps only what is due, never all orders at once
 * (100,000 orders would be 80 MiB more while the window shows). */
#define PLAN_PAGE 1024

/* Plans @plan's ids that are still in the store, or every order. */
static gboolean
plan_orders (OwPlan  *plan,
             GError **error)
{
  gint64 after_id = 0;

  plan->n_orders = 0;
  if (plan->page != NULL)
    {
      for (guint i = 0; i < plan->page->len; i++)
        plan_one (plan, g_ptr_array_index (plan->page, i));
      plan->n_orders = plan->page->len;
      return TRUE;
    }
  if (plan->order_ids != NULL)
    {
      for (guint i = 0; i < plan->order_ids->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(OwOrder) order = ow_store_get_order (plan->store,
                                                         g_array_index (plan->order_ids,
                                                                        gint64, i),
                                                         &local_error);

          if (order != NULL)
            {
              plan_one (plan, order);
              plan->n_orders++;
            }
          else if (!g_error_matches (local_error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GPtrArray) page = ow_store_list_orders_after (plan->store, after_id, PLAN_PAGE,
                                                              error);

      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        return TRUE;
      for (guint i = 0; i < page->len; i++)
        plan_one (plan, g_ptr_array_index (page, i));
      plan->n_orders += page->len;
      after_id = ow_order_get_id (g_ptr_array_index (page, page->len - 1));
    }
}

void
ow_plan_clear (OwPlan *plan)
{
  g_clear_pointer (&plan->offsets, g_hash_table_unref);
  g_clear_pointer (&plan->sent, g_hash_table_unref);
  g_clear_pointer (&plan->snoozes, g_hash_table_unref);
  g_clear_pointer (&plan->movements, g_hash_table_unref);
  g_clear_pointer (&plan->due, g_ptr_array_unref);
  g_clear_pointer (&plan->wakes, g_hash_table_unref);
  g_clear_pointer (&plan->page, g_ptr_array_unref);
  g_clear_pointer (&plan->page_ids, g_array_unref);
}

/* The page is read first: the reminders sent, snoozes and movements are read for its ids. */
static gboolean
read_page (OwPlan  *plan,
           GError **error)
{
  plan->page = ow_store_list_orders_after (plan->store, plan->after_id, PLAN_PAGE, error);
  if (plan->page == NULL)
    return FALSE;
  plan->page_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), plan->page->len);
  for (guint i = 0; i < plan->page->len; i++)
    {
      gint64 id = ow_order_get_id (g_ptr_array_index (plan->page, i));

      g_array_append_val (plan->page_ids, id);
    }
  plan->order_ids = plan->page_ids;
  return TRUE;
}

gboolean
ow_plan_compute (OwPlan  *plan,
                 GError **error)
{
  g_return_val_if_fail (plan != NULL && OW_IS_STORE (plan->store), FALSE);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (plan->policies), FALSE);
  g_return_val_if_fail (plan->zone != NULL, FALSE);

  plan->due = g_ptr_array_new_with_free_func (due_item_free);
  plan->wakes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  plan->reminders = plan->settings == NULL ||
                    g_settings_get_boolean (plan->settings, "reminders-enabled");
  if (!plan->reminders)
    return TRUE;

  if (plan->settings != NULL)
    {
      plan->quiet = g_settings_get_boolean (plan->settings, "quiet-hours-enabled");
      plan->quiet_start = g_settings_get_int (plan->settings, "quiet-hours-start");
      plan->quiet_end = g_settings_get_int (plan->settings, "quiet-hours-end");
    }
  plan->offsets = read_offsets (plan->settings);

  if (plan->one_page && !read_page (plan, error))
    return FALSE;

  if (!(plan->sent = ow_store_list_reminders_sent (plan->store, plan->order_ids, error)) ||
      !(plan->snoozes = ow_store_list_snoozes (plan->store, plan->order_ids, error)) ||
      !(plan->movements = ow_store_list_last_movements (plan->store, plan->order_ids, error)))
    return FALSE;
  return plan_orders (plan, error);
}
