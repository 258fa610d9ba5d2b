/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-countdown-clock.h"
#include "ow-time.h"

struct _OwCountdownClock
{
  GObject  parent_instance;

  guint    source_id;
  gint64   armed_for;
  gint64   now;
  gint64   fixed_now;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (OwCountdownClock, ow_countdown_clock, G_TYPE_OBJECT)

enum { PROP_0, PROP_ACTIVE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { TICK, N_SIGNALS };
static guint signals[N_SIGNALS];

#define HOUR 3600

gint64
ow_countdown_next_change (gint64 due,
                          gint64 now)
{
  gint64 left, next_minute;

  if (due == OW_TIME_UNSET || now == OW_TIME_UNSET)
    return OW_TIME_UNSET;

  /* Under an hour labels count seconds. */
  left = due > now ? due - now : now - due;
  if (left < HOUR)
    return now + 1;

  /* Farther away they count minutes, and all of them move on the wall clock's minute: one
   * redraw a minute for every label shown, not one per deadline's own second. The label is
   * at most a minute behind; the switch to seconds an hour before @due still comes on time. */
  next_minute = now - now % 60 + 60;
  if (due > now && due - HOUR < next_minute)
    return MAX (due - HOUR, now + 1);
  return next_minute;
}

static gint64
current_time (OwCountdownClock *self)
{
  return self->fixed_now != OW_TIME_UNSET ? self->fixed_now : ow_time_now ();
}

static gboolean on_timeout_cb (gpointer data);

static void
arm (OwCountdownClock *self,
     gint64            at)
{
  gint64 delay_ms;

  if (!self->active || at == OW_TIME_UNSET)
    return;
  if (self->source_id != 0 && self->armed_for <= at)
    return;

  g_clear_handle_id (&self->source_id, g_source_remove);

  if (self->fixed_now != OW_TIME_UNSET)
    delay_ms = MAX (at - self->fixed_now, 0) * 1000;
  else
    /* A few milliseconds late, so the label is sure to have changed by then. */
    delay_ms = MAX (at * G_USEC_PER_SEC - g_get_real_time (), 0) / 1000 + 5;

  self->armed_for = at;
  self->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (delay_ms, G_MAXUINT),
                                        on_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->source_id, "[orderwatch] countdown clock");
}

void
ow_countdown_clock_tick (OwCountdownClock *self)
{
  g_return_if_fail (OW_IS_COUNTDOWN_CLOCK (self));

  g_clear_handle_id (&self->source_id, g_source_remove);
  self->armed_for = OW_TIME_UNSET;
  self->now = current_time (self);

  g_signal_emit (self, signals[TICK], 0, self->now);

  /* Nothing visible asked for sooner: the next wall-clock minute still moves the list's
   * "now" on, so orders change tabs when a deadline passes. */
  arm (self, self->now - self->now % 60 + 60);
}

static gboolean
on_timeout_cb (gpointer data)
{
  OwCountdownClock *self = data;

  self->source_id = 0;
  if (self->fixed_now != OW_TIME_UNSET)
    self->fixed_now = self->armed_for;
  ow_countdown_clock_tick (self);
  return G_SOURCE_REMOVE;
}

void
ow_countdown_clock_watch (OwCountdownClock *self,
                          gint64            due)
{
  g_return_if_fail (OW_IS_COUNTDOWN_CLOCK (self));

  arm (self, ow_countdown_next_change (due, self->now));
}

gint64
ow_countdown_clock_get_now (OwCountdownClock *self)
{
  g_return_val_if_fail (OW_IS_COUNTDOWN_CLOCK (self), OW_TIME_UNSET);
  return self->now;
}

gint64
ow_countdown_clock_get_next_tick (OwCountdownClock *self)
{
  g_return_val_if_fail (OW_IS_COUNTDOWN_CLOCK (self), OW_TIME_UNSET);
  return self->source_id != 0 ? self->armed_for : OW_TIME_UNSET;
}

void
ow_countdown_clock_set_active (OwCountdownClock *self,
                               gboolean          active)
{
  g_return_if_fail (OW_IS_COUNTDOWN_CLOCK (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  if (active)
    /* Time passed while nothing was shown: bring every label up to date first. */
    ow_countdown_clock_tick (self);
  else
    {
      g_clear_handle_id (&self->source_id, g_source_remove);
      self->armed_for = OW_TIME_UNSET;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
ow_countdown_clock_get_active (OwCountdownClock *self)
{
  g_return_val_if_fail (OW_IS_COUNTDOWN_CLOCK (self), FALSE);
  return self->active;
}

void
ow_countdown_clock_set_fixed_now (OwCountdownClock *self,
                                  gint64            now)
{
  g_return_if_fail (OW_IS_COUNTDOWN_CLOCK (self));

  self->fixed_now = now;
  if (self->active)
    ow_countdown_clock_tick (self);
  else
    self->now = current_time (self);
}

static void
ow_countdown_clock_dispose (GObject *object)
{
  OwCountdownClock *self = OW_COUNTDOWN_CLOCK (object);

  g_clear_handle_id (&self->source_id, g_source_remove);

  G_OBJECT_CLASS (ow_countdown_clock_parent_class)->dispose (object);
}

static void
ow_countdown_clock_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OwCountdownClock *self = OW_COUNTDOWN_CLOCK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_countdown_clock_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OwCountdownClock *self = OW_COUNTDOWN_CLOCK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      ow_countdown_clock_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_countdown_clock_class_init (OwCountdownClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ow_countdown_clock_dispose;
  object_class->get_property = ow_countdown_clock_get_property;
  object_class->set_property = ow_countdown_clock_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TICK] = g_signal_new ("tick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ow_countdown_clock_init (OwCountdownClock *self)
{
  self->armed_for = OW_TIME_UNSET;
  self->fixed_now = OW_TIME_UNSET;
  self->now = ow_time_now ();
}

OwCountdownClock *
ow_countdown_clock_new (void)
{
  return g_object_new (OW_TYPE_COUNTDOWN_CLOCK, NULL);
}
