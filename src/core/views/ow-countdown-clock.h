/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_COUNTDOWN_CLOCK (ow_countdown_clock_get_type ())

G_DECLARE_FINAL_TYPE (OwCountdownClock, ow_countdown_clock, OW, COUNTDOWN_CLOCK, GObject)

/* The one timer of a window: it ticks ("tick", gint64 now) at the next moment a visible
 * countdown label changes, and never while it is inactive (window hidden). Whoever shows
 * a countdown calls ow_countdown_clock_watch () with its due time after each tick and
 * when it starts showing one; the clock keeps the earliest moment asked for, and at
 * most a minute passes between ticks while it is active. */
OwCountdownClock *ow_countdown_clock_new           (void);
/* The instant labels are shown for: the last tick's. */
gint64            ow_countdown_clock_get_now       (OwCountdownClock *self);
void              ow_countdown_clock_set_active    (OwCountdownClock *self,
                                                    gboolean          active);
gboolean          ow_countdown_clock_get_active    (OwCountdownClock *self);
void              ow_countdown_clock_watch         (OwCountdownClock *self,
                                                    gint64            due);
/* Ticks now (and re-arms). */
void              ow_countdown_clock_tick          (OwCountdownClock *self);
/* The instant the timer is armed for, or OW_TIME_UNSET when it is not armed. */
gint64            ow_countdown_clock_get_next_tick (OwCountdownClock *self);
/* Tests: pretend it is @now (OW_TIME_UNSET: the real time again). */
void              ow_countdown_clock_set_fixed_now (OwCountdownClock *self,
                                                    gint64            now);

/* When a label counting down to (or up from) @due, shown at @now, should next be drawn:
 * the next second while under an hour away, else the next wall-clock minute (or the
 * moment it comes within the hour, if sooner), so that labels days away share one tick. */
gint64            ow_countdown_next_change         (gint64            due,
                                                    gint64            now);

G_END_DECLS
