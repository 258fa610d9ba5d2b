/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OwScheduler with a fake clock: which reminder goes out when, once, across restarts,
 * suspends, clock jumps, quiet hours, store changes, refreshes and snoozes. */
#include "config.h"

#include <sqlite3.h>

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-notifier.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy.h"
#include "ow-scheduler.h"
#include "ow-store-parcels.h"
#include "ow-store-private.h"
#include "ow-store-reminders.h"
#include "ow-test-util.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct
{
  gint64            real_us;
  gint64            mono_us;

  char             *path;
  OwStore          *store;
  OwPolicyRegistry *policies;
  GSettings        *settings;
  GDBusConnection  *bus;
  OwScheduler      *scheduler;
  GPtrArray        *ids;        /* notice ids, in order */
  GArray           *late;       /* gboolean per notice */
  guint             n_refresh;
  guint             n_armed;

  gint64            t0;
  gint64            order_id;
  gint64            due;        /* the order's ship-by deadline */
} Fixture;

static gint64
fake_real (gpointer data)
{
  return ((Fixture *) data)->real_us;
}

static gint64
fake_mono (gpointer data)
{
  return ((Fixture *) data)->mono_us;
}

/* Time passes normally: both clocks move. */
static void
set_now (Fixture *f,
         gint64   now)
{
  f->mono_us += now * G_USEC_PER_SEC - f->real_us;
  f->real_us = now * G_USEC_PER_SEC;
}

static gint64
get_now (Fixture *f)
{
  return f->real_us / G_USEC_PER_SEC;
}

static void
on_notice_cb (OwScheduler *scheduler,
              const char  *id,
              const char  *title,
              const char  *body,
              gboolean     late,
              Fixture     *f)
{
  g_assert_nonnull (title);
  g_assert_cmpstr (title, !=, "");
  g_assert_cmpstr (body, !=, "");
  g_ptr_array_add (f->ids, g_strdup (id));
  g_array_append_val (f->late, late);
}

static void
on_refresh_due_cb (OwScheduler *scheduler,
                   Fixture     *f)
{
  f->n_refresh++;
}

static void
on_armed_cb (OwScheduler *scheduler,
             Fixture     *f)
{
  f->n_armed++;
}

static gint64
ship_by_due (Fixture *f,
             gint64   order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) order = ow_store_get_order (f->store, order_id, &error);
  OwPolicy *policy = ow_policy_registry_lookup (f->policies, "aliexpress");
  const OwDeadline *deadline;
  OwDeadlineSet set;

  g_assert_no_error (error);
  ow_deadlines_compute (order, policy, get_now (f), &set);
  deadline = ow_deadlines_find (&set, "ship_by");
  g_assert_nonnull (deadline);
  g_assert_cmpint (deadline->due, !=, OW_TIME_UNSET);
  return deadline->due;
}

/* Paid a day before t0; the seller has @processing_days to ship. */
static gint64
add_order (Fixture    *f,
           const char *number,
           int         processing_days)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;

  ow_order_set_marketplace (order, "aliexpress");
  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, "Wireless earbuds");
  ow_order_set_store_name (order, "Sound Store");
  ow_order_set_amount (order, 1999);
  ow_order_set_time (order, OW_EVENT_PLACED, f->t0 - DAY - 600, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, f->t0 - DAY, OW_FACT_USER);
  ow_order_set_processing_days (order, processing_days);
  ow_store_add_order (f->store, order, &error);
  g_assert_no_error (error);
  return ow_order_get_id (order);
}

/* On the fixture's clock, zone and bus, its signals counted; not started. */
static void
make_scheduler (Fixture *f)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  f->scheduler = ow_scheduler_new (f->store, f->policies, f->settings, NULL);
  ow_scheduler_set_clock (f->scheduler, fake_real, fake_mono, f);
  ow_scheduler_set_time_zone (f->scheduler, utc);
  ow_scheduler_set_sleep_bus (f->scheduler, f->bus);
  g_signal_connect (f->scheduler, "notice", G_CALLBACK (on_notice_cb), f);
  g_signal_connect (f->scheduler, "refresh-due", G_CALLBACK (on_refresh_due_cb), f);
  g_signal_connect (f->scheduler, "armed", G_CALLBACK (on_armed_cb), f);
}

static void
new_scheduler (Fixture *f)
{
  make_scheduler (f);
  ow_scheduler_start (f->scheduler);
  /* The first plan runs a page at a time in idles. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
drop_scheduler (Fixture *f)
{
  ow_scheduler_stop (f->scheduler);
  g_assert_finalize_object (f->scheduler);
  f->scheduler = NULL;
}

/* The timer fires: time moves on to what it was armed for. */
static void
fire (Fixture *f)
{
  gint64 armed = ow_scheduler_get_armed_time (f->scheduler);

  g_assert_cmpint (armed, !=, OW_TIME_UNSET);
  set_now (f, armed);
  ow_scheduler_wake (f->scheduler);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Ahead of the real clock: the store stamps orders with the real time, and a reminder
   * counts as late only when it could have gone out after the order was saved. */
  f->t0 = (g_get_real_time () / G_USEC_PER_SEC / HOUR + 10 * 24) * HOUR;
  f->real_us = f->t0 * G_USEC_PER_SEC;
  f->mono_us = 1000 * G_USEC_PER_SEC;

  f->path = ow_test_db_path ("scheduler");
  f->store = ow_store_open (f->path, &error);
  g_assert_no_error (error);
  f->policies = ow_policy_registry_new_for_directory (NULL);
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "reminders-enabled");
  g_settings_reset (f->settings, "reminder-offsets");
  g_settings_reset (f->settings, "quiet-hours-enabled");
  g_settings_reset (f->settings, "quiet-hours-start");
  g_settings_reset (f->settings, "quiet-hours-end");
  g_settings_reset (f->settings, "refresh-tracking");
  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  f->ids = g_ptr_array_new_with_free_func (g_free);
  f->late = g_array_new (FALSE, FALSE, sizeof (gboolean));

  f->order_id = add_order (f, "8100000000000001", 10);
  f->due = ship_by_due (f, f->order_id);
  g_assert_cmpint (f->due, >, f->t0 + 3 * DAY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->scheduler != NULL)
    drop_scheduler (f);
  g_clear_object (&f->store);
  g_clear_object (&f->policies);
  g_clear_object (&f->settings);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->ids, g_ptr_array_unref);
  g_clear_pointer (&f->late, g_array_unref);
  g_clear_pointer (&f->path, g_free);
}

static const char *
notice_id (Fixture *f,
           guint    index)
{
  g_assert_cmpuint (index, <, f->ids->len);
  return g_ptr_array_index (f->ids, index);
}

static char *
expected_id (gint64      order_id,
             const char *kind)
{
  return g_strdup_printf ("order-%" G_GINT64_FORMAT "-%s", order_id, kind);
}

static gboolean
has_notice (Fixture    *f,
            const char *id)
{
  for (guint i = 0; i < f->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (f->ids, i), id))
      return TRUE;
  return FALSE;
}

/* Tests */

static void
test_fires_in_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = expected_id (f->order_id, "ship_by");

  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 0);
  /* ship_by warns 2 days and 1 day ahead. */
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);
  g_assert_cmpint (ow_scheduler_get_armed_interval (f->scheduler), ==, OW_SCHEDULER_MAX_SLEEP);

  /* A wake before the time (the hourly cap) sends nothing and keeps the plan. */
  set_now (f, f->t0 + OW_SCHEDULER_MAX_SLEEP);
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (f->ids->len, ==, 0);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);

  fire (f);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_cmpstr (notice_id (f, 0), ==, id);
  g_assert_false (g_array_index (f->late, gboolean, 0));
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - DAY);

  fire (f);
  g_assert_cmpuint (f->ids->len, ==, 2);
  g_assert_cmpstr (notice_id (f, 1), ==, id);
  /* Then the moment it runs out unshipped: the marketplace closes the order. */
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due + 1);

  fire (f);
  g_assert_cmpuint (f->ids->len, ==, 3);
  g_assert_cmpstr (notice_id (f, 2), ==, id);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, OW_TIME_UNSET);
  g_assert_cmpuint (ow_store_count_reminders_sent (f->store, f->order_id, NULL), ==, 3);

  /* Nothing more, however often it wakes. */
  set_now (f, f->due + 2 * DAY);
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (f->ids->len, ==, 3);
}

static void
test_no_duplicate_after_restart (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now (f, f->due - 2 * DAY + 60);
  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_false (g_array_index (f->late, gboolean, 0));

  /* A new process: another scheduler on another connection to the same file. */
  drop_scheduler (f);
  g_assert_finalize_object (f->store);
  f->store = ow_store_open (f->path, &error);
  g_assert_no_error (error);

  set_now (f, f->due - 2 * DAY + 120);
  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - DAY);
  g_assert_cmpint (ow_store_get_reminder_sent (f->store, f->order_id, "ship_by", f->due, NULL),
                   ==, 2 * DAY);
}

static void
test_late_after_downtime (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = expected_id (f->order_id, "ship_by");

  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 0);
  drop_scheduler (f);

  /* Off while both reminders came due: one notice, the latest, marked late. */
  set_now (f, f->due - 2 * HOUR);
  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_cmpstr (notice_id (f, 0), ==, id);
  g_assert_true (g_array_index (f->late, gboolean, 0));
  g_assert_cmpint (ow_store_get_reminder_sent (f->store, f->order_id, "ship_by", f->due, NULL),
                   ==, DAY);
  g_assert_cmpuint (ow_store_count_reminders_sent (f->store, f->order_id, NULL), ==, 1);

  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due + 1);
}

static gboolean
on_wait_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting");
  return G_SOURCE_REMOVE;
}

static void
emit_prepare_for_sleep (GDBusConnection *login1,
                        gboolean         start)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (login1, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", start), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (login1, NULL, &error);
  g_assert_no_error (error);
}

static void
test_resume_replans (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) login1 = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *address = NULL;
  guint timeout_id;

  /* A stand-in for logind on the test's own bus, owning its name. */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  login1 = g_dbus_connection_new_for_address_sync (address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (login1, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);

  new_scheduler (f);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);
  /* The bus handles one connection's messages in order: once it answers a call made after
   * the scheduler's AddMatch, the match is in place and no signal can slip past it. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL,
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);

  /* Asleep for two days and a half: the monotonic clock stood still. */
  emit_prepare_for_sleep (login1, TRUE);
  f->real_us = (f->due - DAY + 2 * HOUR) * G_USEC_PER_SEC;
  emit_prepare_for_sleep (login1, FALSE);

  timeout_id = g_timeout_add_seconds (10, on_wait_timeout_cb, NULL);
  while (ow_scheduler_get_n_replans_forced (f->scheduler) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  /* Both reminders were missed asleep: the latest goes, late. */
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_true (g_array_index (f->late, gboolean, 0));
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due + 1);
  g_assert_cmpuint (ow_scheduler_get_n_replans_forced (f->scheduler), ==, 1);
}

static void
test_clock_jump_replans (Fixture       *f,
                         gconstpointer  data)
{
  gint64 first = f->due - 2 * DAY;

  new_scheduler (f);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, first);

  /* The timer ran its hour, but the wall clock was set back a day meanwhile. */
  f->mono_us += (gint64) OW_SCHEDULER_MAX_SLEEP * G_USEC_PER_SEC;
  f->real_us += (gint64) (OW_SCHEDULER_MAX_SLEEP - DAY) * G_USEC_PER_SEC;
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (ow_scheduler_get_n_replans_forced (f->scheduler), ==, 1);
  g_assert_cmpuint (f->ids->len, ==, 0);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, first);

  /* Set forward past the first reminder within a minute of monotonic time. */
  f->mono_us += (gint64) 60 * G_USEC_PER_SEC;
  f->real_us = (first + 5 * 60) * G_USEC_PER_SEC;
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (ow_scheduler_get_n_replans_forced (f->scheduler), ==, 2);
  g_assert_cmpuint (f->ids->len, ==, 1);
  /* Five minutes after its time is on time, not late. */
  g_assert_false (g_array_index (f->late, gboolean, 0));
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - DAY);
}

static int
minute_of_day (gint64 time)
{
  return (int) ((time % DAY) / 60);
}

static void
test_quiet_hours_defer (Fixture       *f,
                        gconstpointer  data)
{
  gint64 fire_at = f->due - 2 * DAY;
  gint64 quiet_end = fire_at - fire_at % 60 + 2 * HOUR;

  /* Quiet from an hour before the reminder to two hours after it (UTC). */
  g_settings_set_boolean (f->settings, "quiet-hours-enabled", TRUE);
  g_settings_set_int (f->settings, "quiet-hours-start",
                      (minute_of_day (fire_at) + 1440 - 60) % 1440);
  g_settings_set_int (f->settings, "quiet-hours-end", (minute_of_day (fire_at) + 120) % 1440);

  new_scheduler (f);
  g_assert_cmpint (ow_scheduler_get_next_reminder (f->scheduler), ==, quiet_end);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, quiet_end);

  /* Woken inside the quiet hours anyway: still nothing. */
  set_now (f, fire_at + 10);
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (f->ids->len, ==, 0);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, quiet_end);

  fire (f);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_false (g_array_index (f->late, gboolean, 0));
}

static void
test_quiet_hours_yield_to_deadline (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GVariant) offsets = NULL;
  gint64 fire_at = f->due - HOUR;

  /* Preferences: warn one hour ahead; quiet hours would last until after the deadline. */
  offsets = g_variant_new_parsed ("{'ship_by': [60]}");
  g_settings_set_value (f->settings, "reminder-offsets", g_steal_pointer (&offsets));
  g_settings_set_boolean (f->settings, "quiet-hours-enabled", TRUE);
  g_settings_set_int (f->settings, "quiet-hours-start",
                      (minute_of_day (fire_at) + 1440 - 30) % 1440);
  g_settings_set_int (f->settings, "quiet-hours-end", (minute_of_day (fire_at) + 180) % 1440);

  new_scheduler (f);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, fire_at);
  fire (f);
  g_assert_cmpuint (f->ids->len, ==, 1);
  g_assert_cmpint (ow_store_get_reminder_sent (f->store, f->order_id, "ship_by", f->due, NULL),
                   ==, HOUR);
}

static void
test_store_change_replans (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  guint timeout_id;
  guint n_armed;
  gint64 new_due;

  new_scheduler (f);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);

  /* The seller's processing time was longer: the deadline moves five days. */
  order = ow_store_get_order (f->store, f->order_id, &error);
  g_assert_no_error (error);
  ow_order_set_processing_days (order, 15);
  n_armed = f->n_armed;
  ow_store_update_order (f->store, order, &error);
  g_assert_no_error (error);
  new_due = ship_by_due (f, f->order_id);
  g_assert_cmpint (new_due, >, f->due);

  timeout_id = g_timeout_add_seconds (10, on_wait_timeout_cb, NULL);
  while (f->n_armed == n_armed)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, new_due - 2 * DAY);

  /* Shipped: nothing left to warn about. */
  ow_order_set_time (order, OW_EVENT_SHIPPED, f->t0, OW_FACT_USER);
  ow_store_update_order (f->store, order, &error);
  g_assert_no_error (error);
  n_armed = f->n_armed;
  timeout_id = g_timeout_add_seconds (10, on_wait_timeout_cb, NULL);
  while (f->n_armed == n_armed)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), !=, new_due - 2 * DAY);
  g_assert_cmpint (ow_scheduler_get_next_reminder (f->scheduler), !=, new_due - 2 * DAY);
}

/* Runs the main loop until the scheduler arms its timer again (after a store change). */
static void
wait_armed (Fixture *f)
{
  guint n_armed = f->n_armed;
  guint timeout_id = g_timeout_add_seconds (10, on_wait_timeout_cb, NULL);

  while (f->n_armed == n_armed)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

/* A change plans only the orders it names, the timer only those whose time came; the
 * notices are the ones a plan of every order would send. */
static void
test_plans_only_what_changed (Fixture       *f,
                              gconstpointer  data)
{
  gint64 second = add_order (f, "8100000000000002", 12);
  gint64 third = add_order (f, "8100000000000003", 14);
  gint64 second_due = ship_by_due (f, second);
  g_autofree char *first_id = expected_id (f->order_id, "ship_by");
  g_autofree char *second_id = expected_id (second, "ship_by");
  g_autofree char *third_id = expected_id (third, "ship_by");
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  new_scheduler (f);
  g_assert_cmpuint (ow_scheduler_get_n_planned (f->scheduler), ==, 3);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);

  /* The first order is archived: it alone is read again, and the second's warning is
   * next. */
  order = ow_store_get_order (f->store, f->order_id, &error);
  g_assert_no_error (error);
  ow_order_set_archived (order, TRUE);
  ow_store_update_order (f->store, order, &error);
  g_assert_no_error (error);
  wait_armed (f);
  g_assert_cmpuint (ow_scheduler_get_n_planned (f->scheduler), ==, 1);
  g_assert_cmpint (ow_scheduler_get_next_reminder (f->scheduler), ==, second_due - 2 * DAY);

  /* The third is deleted: nothing to read, and its wake is forgotten. */
  ow_store_delete_order (f->store, third, &error);
  g_assert_no_error (error);
  wait_armed (f);
  g_assert_cmpuint (ow_scheduler_get_n_planned (f->scheduler), ==, 0);
  g_assert_cmpint (ow_scheduler_get_next_reminder (f->scheduler), ==, second_due - 2 * DAY);

  /* Each firing reads the second order only: two warnings, then it runs out unshipped. */
  for (guint i = 0; i < 3; i++)
    {
      fire (f);
      g_assert_cmpuint (ow_scheduler_get_n_planned (f->scheduler), ==, 1);
      g_assert_cmpuint (f->ids->len, ==, i + 1);
      g_assert_cmpstr (notice_id (f, i), ==, second_id);
    }
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, OW_TIME_UNSET);
  g_assert_false (has_notice (f, first_id));
  g_assert_false (has_notice (f, third_id));

  /* A plan of every order finds nothing more to send. */
  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpuint (ow_scheduler_get_n_planned (f->scheduler), ==, 2);
  g_assert_cmpuint (f->ids->len, ==, 3);
}

static gint64
add_parcel (Fixture *f,
            gint64   order_id,
            gint64   next_check)
{
  g_autoptr(OwParcel) parcel = ow_parcel_new (order_id, "LP00123456789012", NULL);
  g_autoptr(GError) error = NULL;

  ow_parcel_set_next_check (parcel, next_check);
  ow_store_add_parcel (f->store, parcel, &error);
  g_assert_no_error (error);
  return ow_parcel_get_id (parcel);
}

static void
test_armed_for_earliest (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(GError) error = NULL;
  gint64 refresh = f->t0 + 3 * HOUR;
  gint64 parcel_id;

  parcel_id = add_parcel (f, f->order_id, refresh);
  new_scheduler (f);
  g_assert_cmpint (ow_scheduler_get_next_reminder (f->scheduler), ==, f->due - 2 * DAY);
  g_assert_cmpint (ow_scheduler_get_next_refresh (f->scheduler), ==, refresh);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, refresh);
  /* The timer itself naps at most an hour, then re-plans. */
  g_assert_cmpint (ow_scheduler_get_armed_interval (f->scheduler), ==,
                   MIN (3 * HOUR, OW_SCHEDULER_MAX_SLEEP));

  /* Due: the refresh is asked for once, then not again before the gap. */
  set_now (f, refresh);
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (f->n_refresh, ==, 1);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==,
                   refresh + OW_SCHEDULER_REFRESH_GAP);
  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpuint (f->n_refresh, ==, 1);

  /* The refresh moved the next check past the reminder: the reminder comes first. */
  parcel = ow_store_get_parcel (f->store, parcel_id, &error);
  g_assert_no_error (error);
  ow_parcel_set_next_check (parcel, f->due - DAY);
  ow_store_update_parcel (f->store, parcel, &error);
  g_assert_no_error (error);
  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpint (ow_scheduler_get_next_refresh (f->scheduler), ==, f->due - DAY);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);

  /* Refreshing turned off in Preferences: only the reminder counts. */
  g_settings_set_boolean (f->settings, "refresh-tracking", FALSE);
  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpint (ow_scheduler_get_next_refresh (f->scheduler), ==, OW_TIME_UNSET);
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) snoozes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until;

  set_now (f, f->due - 2 * DAY + 2 * HOUR);
  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 1);

  /* "Remind me tomorrow": the 1-day reminder falls inside the snooze and waits for it. */
  g_assert_true (ow_scheduler_snooze (f->scheduler, f->order_id, "ship_by", &error));
  g_assert_no_error (error);
  until = get_now (f) + OW_SCHEDULER_SNOOZE;
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, until);

  set_now (f, f->due - DAY);
  ow_scheduler_wake (f->scheduler);
  g_assert_cmpuint (f->ids->len, ==, 1);

  fire (f);
  g_assert_cmpuint (f->ids->len, ==, 2);
  g_assert_false (g_array_index (f->late, gboolean, 1));
  g_assert_cmpint (ow_store_get_reminder_sent (f->store, f->order_id, "ship_by", f->due, NULL),
                   ==, f->due - until);
  snoozes = ow_store_list_snoozes (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (snoozes), ==, 0);

  g_assert_false (ow_scheduler_snooze (f->scheduler, 0, "ship_by", &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *delivered_id = NULL;
  g_autofree char *silent_id = NULL;
  gint64 delivered_order, silent_order, parcel_id;
  sqlite3_stmt *stmt;
  guint n;

  /* Delivered an hour ago. */
  delivered_order = add_order (f, "8100000000000002", 5);
  order = ow_store_get_order (f->store, delivered_order, &error);
  g_assert_no_error (error);
  ow_order_set_time (order, OW_EVENT_PLACED, f->t0 - 30 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, f->t0 - 30 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, f->t0 - 5 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_DELIVERED, f->t0 - HOUR, OW_FACT_USER);
  ow_store_update_order (f->store, order, &error);
  g_assert_no_error (error);
  g_clear_object (&order);

  /* Shipped long ago; its parcel last moved eleven days ago. */
  silent_order = add_order (f, "8100000000000003", 5);
  order = ow_store_get_order (f->store, silent_order, &error);
  g_assert_no_error (error);
  ow_order_set_time (order, OW_EVENT_PLACED, f->t0 - 30 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, f->t0 - 30 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, f->t0 - 20 * DAY, OW_FACT_USER);
  ow_store_update_order (f->store, order, &error);
  g_assert_no_error (error);
  parcel_id = add_parcel (f, silent_order, f->t0 + DAY);
  stmt = ow_store_prepare (f->store, "UPDATE parcels SET last_movement = ?1 WHERE id = ?2",
                           &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, f->t0 - 11 * DAY);
  sqlite3_bind_int64 (stmt, 2, parcel_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  new_scheduler (f);
  delivered_id = expected_id (delivered_order, OW_NOTICE_KIND_DELIVERED);
  silent_id = expected_id (silent_order, OW_NOTICE_KIND_TRACKING_SILENT);
  g_assert_true (has_notice (f, delivered_id));
  g_assert_true (has_notice (f, silent_id));
  g_assert_false (has_notice (f, "order-1-ship_by"));

  n = f->ids->len;
  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpuint (f->ids->len, ==, n);

  /* The parcel moved again: silence is counted from then. */
  stmt = ow_store_prepare (f->store, "UPDATE parcels SET last_movement = ?1 WHERE id = ?2",
                           &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, f->t0 - HOUR);
  sqlite3_bind_int64 (stmt, 2, parcel_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  ow_scheduler_run (f->scheduler, FALSE);
  g_assert_cmpuint (f->ids->len, ==, n);
  g_assert_cmpint (ow_scheduler_get_next_reminder (f->scheduler), <=,
                   f->t0 - HOUR + OW_SCHEDULER_SILENT_AFTER);
}

static void
test_disabled (Fixture       *f,
               gconstpointer  data)
{
  g_settings_set_boolean (f->settings, "reminders-enabled", FALSE);
  set_now (f, f->due - HOUR);
  new_scheduler (f);
  g_assert_cmpuint (f->ids->len, ==, 0);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, OW_TIME_UNSET);

  /* Turned back on: the change alone re-plans, and the missed reminder goes. */
  g_settings_set_boolean (f->settings, "reminders-enabled", TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->ids->len, ==, 1);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  set_now (f, f->due - DAY + 60);
  f->scheduler = ow_scheduler_new (f->store, f->policies, f->settings, NULL);
  ow_scheduler_set_clock (f->scheduler, fake_real, fake_mono, f);
  g_signal_connect (f->scheduler, "notice", G_CALLBACK (on_notice_cb), f);

  g_assert_cmpuint (ow_scheduler_run (f->scheduler, TRUE), ==, 1);
  g_assert_cmpuint (ow_scheduler_run (f->scheduler, TRUE), ==, 1);
  g_assert_cmpuint (ow_store_count_reminders_sent (f->store, f->order_id, NULL), ==, 0);
  /* Not started: no timer. */
  g_assert_cmpuint (ow_scheduler_run (f->scheduler, FALSE), ==, 1);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, OW_TIME_UNSET);
  g_assert_cmpuint (ow_scheduler_run (f->scheduler, FALSE), ==, 0);
}

/* Started with a window, the plan of every order goes a page per idle: the main loop runs
 * in between, each order is planned once, and a change meanwhile sends nothing twice. */
static void
test_plans_every_order_in_pages (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) changed = NULL;
  const guint n = 2500;
  guint after_one;

  /* Due to ship by now: every one of them has a notice to send. */
  for (guint i = 0; i < n; i++)
    {
      OwOrder *order = ow_order_new ();
      g_autofree char *number = g_strdup_printf ("82%014u", i);

      ow_order_set_marketplace (order, "aliexpress");
      ow_order_set_order_number (order, number);
      ow_order_set_amount (order, 1999);
      ow_order_set_time (order, OW_EVENT_PLACED, f->t0 - DAY - 600, OW_FACT_USER);
      ow_order_set_time (order, OW_EVENT_PAID, f->t0 - DAY, OW_FACT_USER);
      ow_order_set_processing_days (order, 1);
      g_ptr_array_add (orders, order);
    }
  g_assert_true (ow_store_add_orders (f->store, orders, &error));
  g_assert_no_error (error);

  make_scheduler (f);
  ow_scheduler_start (f->scheduler);

  /* Nothing planned before the main loop runs, one page per idle after. */
  g_assert_cmpuint (f->ids->len, ==, 0);
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, OW_TIME_UNSET);
  g_main_context_iteration (NULL, FALSE);
  after_one = f->ids->len;
  g_assert_cmpuint (after_one, >, 0);
  g_assert_cmpuint (after_one, <, n);

  /* An order of the page already planned changes: planned alone, its notice not again. */
  changed = ow_store_get_order (f->store, ow_order_get_id (g_ptr_array_index (orders, 0)),
                                &error);
  g_assert_no_error (error);
  ow_order_set_notes (changed, "asked the seller");
  g_assert_true (ow_store_update_order (f->store, changed, &error));
  g_assert_no_error (error);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->ids->len, ==, n);
  for (guint i = 0; i < f->ids->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (f->ids, i)));
  g_assert_cmpuint (ow_scheduler_get_n_planned (f->scheduler), ==, n + 1);
  /* The fixture's order, 10 days to ship, is the next to warn about. */
  g_assert_cmpint (ow_scheduler_get_armed_time (f->scheduler), ==, f->due - 2 * DAY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fires-in-order", test_fires_in_order);
  ADD ("no-duplicate-after-restart", test_no_duplicate_after_restart);
  ADD ("late-after-downtime", test_late_after_downtime);
  ADD ("resume-replans", test_resume_replans);
  ADD ("clock-jump-replans", test_clock_jump_replans);
  ADD ("quiet-hours/defer", test_quiet_hours_defer);
  ADD ("quiet-hours/deadline-first", test_quiet_hours_yield_to_deadline);
  ADD ("store-change-replans", test_store_change_replans);
  ADD ("plans-only-what-changed", test_plans_only_what_changed);
  ADD ("plans-every-order-in-pages", test_plans_every_order_in_pages);
  ADD ("armed-for-earliest", test_armed_for_earliest);
  ADD ("snooze", test_snooze);
  ADD ("events", test_events);
  ADD ("disabled", test_disabled);
  ADD ("dry-run", test_dry_run);

  return g_test_run ();
}
