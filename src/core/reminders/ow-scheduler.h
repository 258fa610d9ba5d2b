/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One timer for the whole app: armed for the earlier of the next reminder that is due and
 * the next tracking refresh, re-planned when the store or the settings change, when the
 * machine resumes from suspend and when the wall clock jumps. */
#pragma once

#include <gio/gio.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Seconds after the planned time before a reminder counts as late (missed while off). */
#define OW_SCHEDULER_LATE_AFTER     (10 * 60)
/* Events (delivered, not shipped, ...) older than this are not announced any more. */
#define OW_SCHEDULER_EVENT_STALE    (14 * 24 * 3600)
/* "Remind me tomorrow". */
#define OW_SCHEDULER_SNOOZE         (24 * 3600)
/* The timer never sleeps longer: a missed resume or clock change is caught within it. */
#define OW_SCHEDULER_MAX_SLEEP      (3600)
/* A refresh that left the parcels due is not retried sooner. */
#define OW_SCHEDULER_REFRESH_GAP    (5 * 60)
/* Parcels silent this long get a notice. */
#define OW_SCHEDULER_SILENT_AFTER   (10 * 24 * 3600)

/* Kinds of notice that are not a policy rule (the rest use the rule id). */
#define OW_NOTICE_KIND_DELIVERED       "delivered"
#define OW_NOTICE_KIND_TRACKING_SILENT "tracking_silent"

/* Microseconds, like g_get_real_time () and g_get_monotonic_time (). */
typedef gint64 (*OwClockFunc) (gpointer user_data);

#define OW_TYPE_SCHEDULER (ow_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (OwScheduler, ow_scheduler, OW, SCHEDULER, GObject)

/* @settings (nullable): the app's GSettings (reminders-enabled, reminder-offsets, quiet
 * hours, refresh-tracking); NULL uses the defaults. @notifier (nullable) sends.
 *
 * Signals:
 *   "notice" (const char *id, const char *title, const char *body, gboolean late): a
 *     notice found due (sent, or only listed in a dry run).
 *   "refresh-due": parcels are due for a tracking refresh; the app runs its tracking
 *     client. Not emitted again for OW_SCHEDULER_REFRESH_GAP seconds.
 *   "armed": the timer was (re-)armed or disarmed; see ow_scheduler_get_armed_time (). */
OwScheduler *ow_scheduler_new                (OwStore          *store,
                                              OwPolicyRegistry *policies,
                                              GSettings        *settings,
                                              OwNotifier       *notifier);
/* Injectable clocks for tests; NULL restores the system's. */
void         ow_scheduler_set_clock          (OwScheduler      *self,
                                              OwClockFunc       real_time,
                                              OwClockFunc       monotonic_time,
                                              gpointer          user_data);
/* Local time zone for quiet hours (NULL: the system's). */
void         ow_scheduler_set_time_zone      (OwScheduler      *self,
                                              GTimeZone        *zone);
/* Where logind's PrepareForSleep comes from; by default the system bus, when there is one.
 * Call before ow_scheduler_start (). */
void         ow_scheduler_set_sleep_bus      (OwScheduler      *self,
                                              GDBusConnection  *bus);

/* Watches the store, the settings, suspend and clock changes; sends what is due and arms
 * the timer. */
void         ow_scheduler_start              (OwScheduler      *self);
void         ow_scheduler_stop               (OwScheduler      *self);

/* Plans at the clock's now: sends what is due (recording each, so it never goes twice),
 * starts a refresh if one is due and, once started, arms the timer. Returns the number of
 * notices sent. With @dry_run nothing is sent, recorded or armed: the notices are only
 * emitted as "notice". */
guint        ow_scheduler_run                (OwScheduler      *self,
                                              gboolean          dry_run);
/* What the timer does when it fires: after a clock jump ow_scheduler_run (); otherwise
 * it plans only the orders whose time has come and those the store said changed. */
void         ow_scheduler_wake               (OwScheduler      *self);
/* The parcels' next checks moved (a refresh ended): plans the next refresh, and the
 * orders the store said changed, without planning every order again. */
void         ow_scheduler_plan_refresh       (OwScheduler      *self);

/* "Remind me tomorrow": nothing more for this deadline for a day, then one reminder. */
gboolean     ow_scheduler_snooze             (OwScheduler      *self,
                                              gint64            order_id,
                                              const char       *kind,
                                              GError          **error);

/* The instant (Unix seconds) the timer is armed for, or OW_TIME_UNSET; the timer itself
 * sleeps at most OW_SCHEDULER_MAX_SLEEP seconds, see ow_scheduler_get_armed_interval (). */
gint64       ow_scheduler_get_armed_time     (OwScheduler      *self);
guint        ow_scheduler_get_armed_interval (OwScheduler      *self);
/* When the next reminder or notice can go out, or OW_TIME_UNSET. */
gint64       ow_scheduler_get_next_reminder  (OwScheduler      *self);
/* When the next tracking refresh is due, or OW_TIME_UNSET. */
gint64       ow_scheduler_get_next_refresh   (OwScheduler      *self);
/* How many clock jumps and resumes were noticed (each one re-planned). */
guint        ow_scheduler_get_n_replans_forced (OwScheduler    *self);
/* How many orders the last plan read: all of them, or only those changed or due. */
guint        ow_scheduler_get_n_planned      (OwScheduler      *self);
gint64       ow_scheduler_get_now            (OwScheduler      *self);

G_END_DECLS
