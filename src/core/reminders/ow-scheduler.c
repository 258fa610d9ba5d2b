/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/timerfd.h>
#endif

#include "ow-error.h"
#include "ow-notifier.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-scheduler-private.h"
#include "ow-scheduler.h"
#include "ow-store-parcels.h"
#include "ow-store-reminders.h"
#include "ow-store.h"

/* A wall clock that drifts from the monotonic one by more than this was changed. */
#define JUMP_TOLERANCE_US (60 * G_USEC_PER_SEC)
/* GLib may fire a seconds timeout up to a quarter second early. */
#define EARLY_TOLERANCE   2
/* More changed orders than this at once (an import) are planned as all of them. */
#define MANY_CHANGED      2000

struct _OwScheduler
{
  GObject           parent_instance;

  OwStore          *store;
  OwPolicyRegistry *policies;
  GSettings        *settings;
  OwNotifier       *notifier;

  OwClockFunc       real_clock;
  OwClockFunc       mono_clock;
  gpointer          clock_data;
  GTimeZone        *zone;

  GDBusConnection  *sleep_bus;
  guint             sleep_subscription;
  GCancellable     *cancellable;
  int               clock_fd;
  guint             clock_fd_source;

  gboolean          started;
  guint             timeout_id;
  guint             idle_id;
  gint64            last_replan_us;    /* monotonic, when a change last made a re-plan */
  /* Each order's next wake, as its last plan found it: a change plans only the orders it
   * names, and the timer only the orders it woke for. Valid once a plan of every order
   * ran while started; until then every plan is of every order. */
  GHashTable       *order_wakes;       /* gint64 * id -> gint64 * wake */
  gboolean          wakes_known;
  GArray           *changed_ids;       /* gint64, told by the store since the last plan */
  gboolean          plan_all;          /* the settings changed: every order again */
  /* A plan of every order made a page at a time, in idles: a window stays responsive
   * while 100,000 orders are planned. */
  guint             sweep_id;
  gint64            sweep_after;       /* the last order id planned so far */
  guint             sweep_count;
  gint64            armed_time;
  guint             armed_interval;
  gint64            armed_real_us;     /* both clocks when armed, to spot a jump */
  gint64            armed_mono_us;
  gint64            next_reminder;
  gint64            next_refresh;
  gint64            refresh_not_before;
  guint             n_forced;
  guint             n_planned;
};

G_DEFINE_FINAL_TYPE (OwScheduler, ow_scheduler, G_TYPE_OBJECT)

enum { NOTICE, REFRESH_DUE, ARMED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64
now_seconds (OwScheduler *self)
{
  return self->real_clock (self->clock_data) / G_USEC_PER_SEC;
}

static gint64
system_real_time (gpointer data)
{
  return g_get_real_time ();
}

static gint64
system_monotonic_time (gpointer data)
{
  return g_get_monotonic_time ();
}

static gboolean
refresh_enabled (OwScheduler *self)
{
  return self->settings == NULL || g_settings_get_boolean (self->settings, "refresh-tracking");
}

static void
start_refresh (OwScheduler *self,
               gint64       now)
{
  self->refresh_not_before = now + OW_SCHEDULER_REFRESH_GAP;
  /* Whoever runs the refresh (the app's tracking client) writes the parcels' next
   * checks; the store's "order-changed" brings us back. */
  g_signal_emit (self, signals[REFRESH_DUE], 0);
}

static gboolean on_timeout_cb (gpointer user_data);

static void
disarm (OwScheduler *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

static void
arm (OwScheduler *self,
     gint64       now)
{
  gint64 wake = G_MAXINT64;
  gint64 interval;

  disarm (self);
  if (self->next_reminder != OW_TIME_UNSET)
    wake = self->next_reminder;
  if (self->next_refresh != OW_TIME_UNSET)
    wake = MIN (wake, self->next_refresh);

  if (wake == G_MAXINT64)
    {
      self->armed_time = OW_TIME_UNSET;
      self->armed_interval = 0;
      g_signal_emit (self, signals[ARMED], 0);
      return;
    }

  /* Never a busy loop: at least one second between two wakes. */
  interval = CLAMP (wake - now, 1, OW_SCHEDULER_MAX_SLEEP);
  self->armed_time = wake;
  self->armed_interval = (guint) interval;
  self->armed_real_us = self->real_clock (self->clock_data);
  self->armed_mono_us = self->mono_clock (self->clock_data);
  self->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, self->armed_interval,
                                                 on_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[orderwatch] scheduler");
  g_signal_emit (self, signals[ARMED], 0);
}

/* The earliest of the orders' wakes: a scan, as cheap as reading one column of the plan,
 * and only after a plan. */
static gint64
earliest_wake (OwScheduler *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 earliest = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->order_wakes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    earliest = MIN (earliest, *(gint64 *) value);
  return earliest == G_MAXINT64 ? OW_TIME_UNSET : earliest;
}

/* @plan's wakes replace those of the orders it planned (every one, or @order_ids). */
static void
keep_wakes (OwScheduler *self,
            GArray      *order_ids,
            OwPlan      *plan)
{
  GHashTableIter iter;
  gpointer key, value;

  if (order_ids == NULL)
    {
      g_hash_table_unref (self->order_wakes);
      self->order_wakes = g_steal_pointer (&plan->wakes);
      self->wakes_known = self->started;
      return;
    }
  for (guint i = 0; i < order_ids->len; i++)
    g_hash_table_remove (self->order_wakes, &g_array_index (order_ids, gint64, i));
  g_hash_table_iter_init (&iter, plan->wakes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (self->order_wakes, key, value);
    }
}

/* The plan's inputs at @now. */
static void
plan_init (OwScheduler *self,
           OwPlan      *plan,
           gint64       now)
{
  plan->store = self->store;
  plan->policies = self->policies;
  plan->settings = self->settings;
  plan->zone = self->zone;
  plan->now = now;
}

/* Sends (or, dry, only announces) what @plan found due; returns how many. */
static guint
deliver_due (OwScheduler *self,
             OwPlan      *plan,
             gint64       now,
             gboolean     dry_run)
{
  g_autoptr(GError) error = NULL;
  guint n_sent = 0;

  for (guint i = 0; plan->due != NULL && i < plan->due->len; i++)
    {
      OwDueItem *item = g_ptr_array_index (plan->due, i);
      g_autofree char *id = ow_notice_get_id (&item->notice);
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      gint64 order_id = ow_order_get_id (item->order);

      ow_notice_format (&item->notice, &title, &body);
      g_signal_emit (self, signals[NOTICE], 0, id, title, body, item->notice.late);
      if (dry_run)
        continue;

      /* Recorded first: a crash in between loses one notice rather than repeating it. */
      if (!ow_store_record_reminder (self->store, order_id, item->kind, item->notice.due,
                                     item->record_before, now, &error) ||
          (item->snoozed && !ow_store_unsnooze (self->store, order_id, item->kind, &error)))
        {
          g_warning ("Cannot record a reminder: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      if (self->notifier != NULL)
        ow_notifier_send (self->notifier, &item->notice);
      n_sent++;
    }
  return dry_run ? (plan->due != NULL ? plan->due->len : 0) : n_sent;
}

/* The next reminder from the wakes known, the next refresh, and the timer for both. */
static void
plan_next (OwScheduler *self,
           gint64       now)
{
  g_autoptr(GError) error = NULL;
  gint64 next_check = OW_TIME_UNSET;

  self->next_reminder = earliest_wake (self);

  self->next_refresh = OW_TIME_UNSET;
  if (refresh_enabled (self))
    {
      next_check = ow_store_get_next_parcel_check (self->store, &error);
      if (error != NULL)
        {
          g_warning ("Cannot plan the tracking refresh: %s", error->message);
          g_clear_error (&error);
        }
    }
  if (next_check != OW_TIME_UNSET)
    {
      next_check = MAX (next_check, self->refresh_not_before);
      if (next_check <= now)
        {
          start_refresh (self, now);
          next_check = self->refresh_not_before;
        }
      self->next_refresh = next_check;
    }

  if (self->started)
    arm (self, now);
}

/* Plans @order_ids, or every order when NULL, at once. */
static guint
run_plan (OwScheduler *self,
          GArray      *order_ids,
          gboolean     dry_run)
{
  g_auto(OwPlan) plan = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 now;
  gboolean planned;
  guint n_sent;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  now = now_seconds (self);
  /* A timer that fired a moment early still means "now". */
  if (!dry_run && self->armed_time != OW_TIME_UNSET && self->timeout_id == 0 &&
      now < self->armed_time && self->armed_time - now <= EARLY_TOLERANCE)
    now = self->armed_time;

  plan_init (self, &plan, now);
  plan.order_ids = order_ids;
  planned = ow_plan_compute (&plan, &error);
  if (!planned)
    {
      g_warning ("Cannot plan reminders: %s", error->message);
      g_clear_error (&error);
    }

  n_sent = deliver_due (self, &plan, now, dry_run);
  if (dry_run)
    return n_sent;

  if (order_ids == NULL)
    {
      /* This plan covers every order: one a page at a time is no longer needed. */
      g_clear_handle_id (&self->sweep_id, g_source_remove);
      self->n_planned = plan.n_orders;
    }
  else if (self->sweep_id == 0)
    self->n_planned = plan.n_orders;
  /* A plan that stopped halfway keeps the wakes it had: what it found due still goes. */
  if (planned)
    keep_wakes (self, order_ids, &plan);
  plan_next (self, now);
  return n_sent;
}

/* One page of the plan of every order; the next in the next idle. */
static gboolean
sweep_cb (gpointer data)
{
  OwScheduler *self = data;
  g_auto(OwPlan) plan = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 now = now_seconds (self);

  plan_init (self, &plan, now);
  plan.one_page = TRUE;
  plan.after_id = self->sweep_after;
  if (!ow_plan_compute (&plan, &error))
    {
      /* The wakes planned so far stay; a later change or the hourly cap tries again. */
      g_warning ("Cannot plan reminders: %s", error->message);
      self->sweep_id = 0;
      plan_next (self, now);
      return G_SOURCE_REMOVE;
    }
  deliver_due (self, &plan, now, FALSE);

  /* No page (reminders off) or an empty one: every order is planned. */
  if (plan.page_ids == NULL || plan.page_ids->len == 0)
    {
      self->sweep_id = 0;
      self->wakes_known = TRUE;
      self->n_planned = self->sweep_count;
      plan_next (self, now);
      return G_SOURCE_REMOVE;
    }
  keep_wakes (self, plan.page_ids, &plan);
  self->sweep_count += plan.page_ids->len;
  self->sweep_after = g_array_index (plan.page_ids, gint64, plan.page_ids->len - 1);
  return G_SOURCE_CONTINUE;
}

/* Plans every order again, a page per idle, from the first. Changes meanwhile are planned
 * alone, as they come. */
static void
start_sweep (OwScheduler *self)
{
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_hash_table_remove_all (self->order_wakes);
  self->wakes_known = FALSE;
  self->sweep_after = 0;
  self->sweep_count = 0;
  self->sweep_id = g_idle_add_full (G_PRIORITY_LOW, sweep_cb, self, NULL);
  g_source_set_name_by_id (self->sweep_id, "[orderwatch] scheduler plan of every order");
}

/* What the store said changed, with the orders whose wake has come (@until, or none when
 * OW_TIME_UNSET): planned alone when the wakes are known, else every order. */
static void
run_changed (OwScheduler *self,
             gint64       until)
{
  g_autoptr(GArray) ids = g_steal_pointer (&self->changed_ids);
  /* While every order is being planned, what changed is planned alone. */
  gboolean all = self->plan_all || (!self->wakes_known && self->sweep_id == 0);

  self->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->plan_all = FALSE;
  if (!all && until != OW_TIME_UNSET)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->order_wakes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (*(gint64 *) value <= until)
          g_array_append_val (ids, *(gint64 *) key);
    }
  /* Each order once: planned twice, its notices would go out twice. */
  ow_store_ids_sort_unique (ids);
  if (ids->len > MANY_CHANGED)
    all = TRUE;
  if (all && self->started)
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      start_sweep (self);
      return;
    }
  run_plan (self, all ? NULL : ids, FALSE);
}

guint
ow_scheduler_run (OwScheduler *self,
                  gboolean     dry_run)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), 0);

  if (!dry_run)
    {
      g_array_set_size (self->changed_ids, 0);
      self->plan_all = FALSE;
    }
  return run_plan (self, NULL, dry_run);
}

void
ow_scheduler_plan_refresh (OwScheduler *self)
{
  g_return_if_fail (OW_IS_SCHEDULER (self));

  run_changed (self, OW_TIME_UNSET);
}

void
ow_scheduler_wake (OwScheduler *self)
{
  gint64 real_us, mono_us, skew;

  g_return_if_fail (OW_IS_SCHEDULER (self));

  real_us = self->real_clock (self->clock_data);
  mono_us = self->mono_clock (self->clock_data);
  skew = (real_us - self->armed_real_us) - (mono_us - self->armed_mono_us);
  if (self->armed_time != OW_TIME_UNSET && ABS (skew) > JUMP_TOLERANCE_US)
    {
      g_debug ("The wall clock moved %" G_GINT64_FORMAT " s while the timer slept: re-planning",
               skew / G_USEC_PER_SEC);
      self->n_forced++;
      /* Not the time we planned for: this is a fresh plan, not a timer firing. */
      self->armed_time = OW_TIME_UNSET;
      ow_scheduler_run (self, FALSE);
      return;
    }
  /* The orders whose wake has come, allowing for a timer that fires a moment early. */
  run_changed (self, real_us / G_USEC_PER_SEC + EARLY_TOLERANCE);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  OwScheduler *self = user_data;

  self->timeout_id = 0;
  ow_scheduler_wake (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_idle_cb (gpointer user_data)
{
  OwScheduler *self = user_data;

  self->idle_id = 0;
  self->last_replan_us = g_get_monotonic_time ();
  run_changed (self, OW_TIME_UNSET);
  return G_SOURCE_REMOVE;
}

/* A refresh commits every few hundred milliseconds for a minute: after one re-plan, the
 * next waits this long, taking every change meanwhile. Reminders are about hours and
 * days; two seconds late changes none of them. */
#define REPLAN_GAP_US (2 * G_USEC_PER_SEC)

/* Many changes in a row (an import, a refresh) make one re-plan. */
static void
queue_run (OwScheduler *self)
{
  gint64 since;

  if (self->idle_id != 0 || !self->started)
    return;

  since = g_get_monotonic_time () - self->last_replan_us;
  if (self->last_replan_us == 0 || since >= REPLAN_GAP_US)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, on_idle_cb, self, NULL);
  else
    self->idle_id = g_timeout_add_full (G_PRIORITY_LOW, (REPLAN_GAP_US - since) / 1000 + 1,
                                        on_idle_cb, self, NULL);
  g_source_set_name_by_id (self->idle_id, "[orderwatch] scheduler re-plan");
}

static void
on_store_orders_changed_cb (OwStore     *store,
                            GArray      *order_ids,
                            OwScheduler *self)
{
  /* Kept even past MANY_CHANGED: ow_scheduler_wake () may plan them before the idle. */
  g_array_append_vals (self->changed_ids, order_ids->data, order_ids->len);
  queue_run (self);
}

static void
on_settings_changed_cb (GSettings   *settings,
                        const char  *key,
                        OwScheduler *self)
{
  if (g_str_equal (key, "reminders-enabled") || g_str_equal (key, "reminder-offsets") ||
      g_str_has_prefix (key, "quiet-hours-") || g_str_equal (key, "refresh-tracking"))
    {
      self->plan_all = TRUE;
      queue_run (self);
    }
}

/* Suspend and clock changes */

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender_name,
                         const char      *object_path,
                         const char      *interface_name,
                         const char      *signal_name,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  OwScheduler *self = user_data;
  gboolean going_to_sleep = TRUE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (going_to_sleep)
    return;

  /* The monotonic clock stood still while asleep: the timer is late. */
  g_debug ("Resumed from suspend: re-planning");
  self->n_forced++;
  self->armed_time = OW_TIME_UNSET;
  ow_scheduler_run (self, FALSE);
}

static void
watch_sleep (OwScheduler     *self,
             GDBusConnection *bus)
{
  g_set_object (&self->sleep_bus, bus);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep_cb,
                                        self, NULL);
}

static void
on_system_bus_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OwScheduler) self = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      /* No system bus (a container, a minimal system): the hourly cap still catches up. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, suspend is not watched: %s", error->message);
      return;
    }
  if (self->started && self->sleep_subscription == 0)
    watch_sleep (self, bus);
}

#ifdef __linux__
static gboolean
arm_clock_fd (OwScheduler *self)
{
  /* Never fires by itself: it is cancelled when someone sets the clock. */
  struct itimerspec spec = { 0 };

  spec.it_value.tv_sec = sizeof (time_t) > 4 ? (time_t) 4102444800 : G_MAXINT32;

  return timerfd_settime (self->clock_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                          &spec, NULL) == 0;
}

static gboolean
on_clock_set_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  OwScheduler *self = user_data;
  guint64 expirations;

  if (read (fd, &expirations, sizeof expirations) < 0 && errno == ECANCELED)
    {
      g_debug ("The wall clock was set: re-planning");
      self->n_forced++;
      self->armed_time = OW_TIME_UNSET;
      ow_scheduler_run (self, FALSE);
    }
  if (!arm_clock_fd (self))
    {
      self->clock_fd_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}
#endif

static void
watch_clock (OwScheduler *self)
{
#ifdef __linux__
  if (self->real_clock != system_real_time)
    return;
  self->clock_fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->clock_fd < 0)
    return;
  if (arm_clock_fd (self))
    self->clock_fd_source = g_unix_fd_add (self->clock_fd, G_IO_IN, on_clock_set_cb, self);
#endif
}

/* GObject */

static void
ow_scheduler_dispose (GObject *object)
{
  OwScheduler *self = OW_SCHEDULER (object);

  ow_scheduler_stop (self);
  g_clear_object (&self->store);
  g_clear_object (&self->policies);
  g_clear_object (&self->settings);
  g_clear_object (&self->notifier);
  g_clear_object (&self->sleep_bus);

  G_OBJECT_CLASS (ow_scheduler_parent_class)->dispose (object);
}

static void
ow_scheduler_finalize (GObject *object)
{
  OwScheduler *self = OW_SCHEDULER (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->order_wakes, g_hash_table_unref);
  g_clear_pointer (&self->changed_ids, g_array_unref);

  G_OBJECT_CLASS (ow_scheduler_parent_class)->finalize (object);
}

static void
ow_scheduler_class_init (OwSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ow_scheduler_dispose;
  object_class->finalize = ow_scheduler_finalize;

  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[REFRESH_DUE] =
    g_signal_new ("refresh-due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[ARMED] =
    g_signal_new ("armed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ow_scheduler_init (OwScheduler *self)
{
  self->real_clock = system_real_time;
  self->mono_clock = system_monotonic_time;
  self->zone = g_time_zone_new_local ();
  self->clock_fd = -1;
  self->armed_time = OW_TIME_UNSET;
  self->next_reminder = OW_TIME_UNSET;
  self->next_refresh = OW_TIME_UNSET;
  self->refresh_not_before = G_MININT64 + 1;
  self->order_wakes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

OwScheduler *
ow_scheduler_new (OwStore          *store,
                  OwPolicyRegistry *policies,
                  GSettings        *settings,
                  OwNotifier       *notifier)
{
  OwScheduler *self;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (notifier == NULL || OW_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (OW_TYPE_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  self->policies = g_object_ref (policies);
  g_set_object (&self->settings, settings);
  g_set_object (&self->notifier, notifier);
  return self;
}

void
ow_scheduler_set_clock (OwScheduler *self,
                        OwClockFunc  real_time,
                        OwClockFunc  monotonic_time,
                        gpointer     user_data)
{
  g_return_if_fail (OW_IS_SCHEDULER (self));

  self->real_clock = real_time ? real_time : system_real_time;
  self->mono_clock = monotonic_time ? monotonic_time : system_monotonic_time;
  self->clock_data = user_data;
}

void
ow_scheduler_set_time_zone (OwScheduler *self,
                            GTimeZone   *zone)
{
  g_return_if_fail (OW_IS_SCHEDULER (self));

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
}

void
ow_scheduler_set_sleep_bus (OwScheduler     *self,
                            GDBusConnection *bus)
{
  g_return_if_fail (OW_IS_SCHEDULER (self));
  g_return_if_fail (G_IS_DBUS_CONNECTION (bus));
  g_return_if_fail (!self->started);

  g_set_object (&self->sleep_bus, bus);
}

void
ow_scheduler_start (OwScheduler *self)
{
  g_return_if_fail (OW_IS_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->store, "orders-changed",
                           G_CALLBACK (on_store_orders_changed_cb), self, 0);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed",
                             G_CALLBACK (on_settings_changed_cb), self, 0);

  if (self->sleep_bus != NULL)
    watch_sleep (self, self->sleep_bus);
  else
    g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_cb, g_object_ref (self));
  watch_clock (self);

  /* A page at a time: started with a window, the plan must not hold its first frames. */
  start_sweep (self);
}

void
ow_scheduler_stop (OwScheduler *self)
{
  g_return_if_fail (OW_IS_SCHEDULER (self));

  if (!self->started)
    return;
  self->started = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  disarm (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->sleep_subscription != 0)
    {
      g_dbus_connection_signal_unsubscribe (self->sleep_bus, self->sleep_subscription);
      self->sleep_subscription = 0;
    }
  g_clear_handle_id (&self->clock_fd_source, g_source_remove);
  if (self->clock_fd >= 0)
    {
      close (self->clock_fd);
      self->clock_fd = -1;
    }
  self->armed_time = OW_TIME_UNSET;
  /* Changes are not followed while stopped. */
  self->wakes_known = FALSE;
}

gboolean
ow_scheduler_snooze (OwScheduler  *self,
                     gint64        order_id,
                     const char   *kind,
                     GError      **error)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (kind != NULL && *kind != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (order_id <= 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Order id: must be a positive number"));
      return FALSE;
    }
  if (!ow_store_snooze (self->store, order_id, kind, now_seconds (self) + OW_SCHEDULER_SNOOZE,
                        error))
    return FALSE;
  /* A bookkeeping row: the store tells nobody, so the order is planned again here. */
  g_array_append_val (self->changed_ids, order_id);
  run_changed (self, OW_TIME_UNSET);
  return TRUE;
}

gint64
ow_scheduler_get_armed_time (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), OW_TIME_UNSET);
  return self->timeout_id != 0 ? self->armed_time : OW_TIME_UNSET;
}

guint
ow_scheduler_get_armed_interval (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), 0);
  return self->timeout_id != 0 ? self->armed_interval : 0;
}

gint64
ow_scheduler_get_next_reminder (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), OW_TIME_UNSET);
  return self->next_reminder;
}

gint64
ow_scheduler_get_next_refresh (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), OW_TIME_UNSET);
  return self->next_refresh;
}

guint
ow_scheduler_get_n_replans_forced (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), 0);
  return self->n_forced;
}

guint
ow_scheduler_get_n_planned (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), 0);
  return self->n_planned;
}

gint64
ow_scheduler_get_now (OwScheduler *self)
{
  g_return_val_if_fail (OW_IS_SCHEDULER (self), OW_TIME_UNSET);
  return now_seconds (self);
}
