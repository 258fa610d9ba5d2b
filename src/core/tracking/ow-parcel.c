/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-parcel.h"

struct _OwParcel
{
  GObject           parent_instance;

  gint64            id;
  gint64            order_id;
  char             *tracking_number;
  char             *provider;
  gboolean          provider_overridden;
  gint64            follows_parcel_id;
  OwTrackingStatus  status;
  char             *raw_status;
  char             *carrier;
  gint64            last_check;
  gint64            next_check;
  gint64            last_movement;
  gint64            delivered_at;
  gint64            created_at;
  guint             failures;
  char             *last_error;
};

G_DEFINE_FINAL_TYPE (OwParcel, ow_parcel, G_TYPE_OBJECT)

static void
ow_parcel_finalize (GObject *object)
{
  OwParcel *self = OW_PARCEL (object);

  g_free (self->tracking_number);
  g_free (self->provider);
  g_free (self->raw_status);
  g_free (self->carrier);
  g_free (self->last_error);

  G_OBJECT_CLASS (ow_parcel_parent_class)->finalize (object);
}

static void
ow_parcel_class_init (OwParcelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_parcel_finalize;
}

static void
ow_parcel_init (OwParcel *self)
{
  self->status = OW_TRACKING_STATUS_NOT_FOUND;
  self->last_check = OW_TIME_UNSET;
  self->next_check = OW_TIME_UNSET;
  self->last_movement = OW_TIME_UNSET;
  self->delivered_at = OW_TIME_UNSET;
  self->created_at = OW_TIME_UNSET;
}

OwParcel *
ow_parcel_new (gint64      order_id,
               const char *tracking_number,
               const char *provider)
{
  OwParcel *self;

  g_return_val_if_fail (tracking_number != NULL, NULL);

  self = g_object_new (OW_TYPE_PARCEL, NULL);
  self->order_id = order_id;
  self->tracking_number = g_strdup (tracking_number);
  self->provider = g_strdup (provider);
  return self;
}

OwParcel *
ow_parcel_copy (OwParcel *self)
{
  OwParcel *copy;

  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);

  copy = g_object_new (OW_TYPE_PARCEL, NULL);
  copy->id = self->id;
  copy->order_id = self->order_id;
  copy->tracking_number = g_strdup (self->tracking_number);
  copy->provider = g_strdup (self->provider);
  copy->provider_overridden = self->provider_overridden;
  copy->follows_parcel_id = self->follows_parcel_id;
  copy->status = self->status;
  copy->raw_status = g_strdup (self->raw_status);
  copy->carrier = g_strdup (self->carrier);
  copy->last_check = self->last_check;
  copy->next_check = self->next_check;
  copy->last_movement = self->last_movement;
  copy->delivered_at = self->delivered_at;
  copy->created_at = self->created_at;
  copy->failures = self->failures;
  copy->last_error = g_strdup (self->last_error);
  return copy;
}

gint64
ow_parcel_get_id (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), 0);
  return self->id;
}

void
ow_parcel_set_id (OwParcel *self,
                  gint64    id)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->id = id;
}

gint64
ow_parcel_get_order_id (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), 0);
  return self->order_id;
}

void
ow_parcel_set_order_id (OwParcel *self,
                        gint64    order_id)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->order_id = order_id;
}

const char *
ow_parcel_get_tracking_number (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);
  return self->tracking_number;
}

void
ow_parcel_set_tracking_number (OwParcel   *self,
                               const char *number)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  g_free (self->tracking_number);
  self->tracking_number = g_strdup (number);
}

const char *
ow_parcel_get_provider (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);
  return self->provider;
}

void
ow_parcel_set_provider (OwParcel   *self,
                        const char *provider)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  g_free (self->provider);
  self->provider = g_strdup (provider);
}

gboolean
ow_parcel_get_provider_overridden (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), FALSE);
  return self->provider_overridden;
}

void
ow_parcel_set_provider_overridden (OwParcel *self,
                                   gboolean  overridden)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->provider_overridden = overridden;
}

gint64
ow_parcel_get_follows_parcel_id (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), 0);
  return self->follows_parcel_id;
}

void
ow_parcel_set_follows_parcel_id (OwParcel *self,
                                 gint64    parcel_id)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->follows_parcel_id = parcel_id;
}

OwTrackingStatus
ow_parcel_get_status (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), OW_TRACKING_STATUS_NOT_FOUND);
  return self->status;
}

void
ow_parcel_set_status (OwParcel         *self,
                      OwTrackingStatus  status)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->status = status;
}

const char *
ow_parcel_get_raw_status (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);
  return self->raw_status;
}

void
ow_parcel_set_raw_status (OwParcel   *self,
                          const char *raw_status)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  g_free (self->raw_status);
  self->raw_status = g_strdup (raw_status);
}

const char *
ow_parcel_get_carrier (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);
  return self->carrier;
}

void
ow_parcel_set_carrier (OwParcel   *self,
                       const char *carrier)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  g_free (self->carrier);
  self->carrier = g_strdup (carrier);
}

gint64
ow_parcel_get_last_check (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), OW_TIME_UNSET);
  return self->last_check;
}

void
ow_parcel_set_last_check (OwParcel *self,
                          gint64    time)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->last_check = time;
}

gint64
ow_parcel_get_next_check (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), OW_TIME_UNSET);
  return self->next_check;
}

void
ow_parcel_set_next_check (OwParcel *self,
                          gint64    time)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->next_check = time;
}

gint64
ow_parcel_get_last_movement (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), OW_TIME_UNSET);
  return self->last_movement;
}

void
ow_parcel_set_last_movement (OwParcel *self,
                             gint64    time)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->last_movement = time;
}

gint64
ow_parcel_get_delivered_at (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), OW_TIME_UNSET);
  return self->delivered_at;
}

void
ow_parcel_set_delivered_at (OwParcel *self,
                            gint64    time)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->delivered_at = time;
}

gint64
ow_parcel_get_created_at (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), OW_TIME_UNSET);
  return self->created_at;
}

void
ow_parcel_set_created_at (OwParcel *self,
                          gint64    time)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->created_at = time;
}

guint
ow_parcel_get_failures (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), 0);
  return self->failures;
}

void
ow_parcel_set_failures (OwParcel *self,
                        guint     failures)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  self->failures = failures;
}

const char *
ow_parcel_get_last_error (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);
  return self->last_error;
}

void
ow_parcel_set_last_error (OwParcel   *self,
                          const char *message)
{
  g_return_if_fail (OW_IS_PARCEL (self));
  g_free (self->last_error);
  self->last_error = g_strdup (message);
}

gboolean
ow_parcel_is_returning (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), FALSE);
  return self->status == OW_TRACKING_STATUS_RETURNING;
}

const char *
ow_parcel_get_suggested_dispute_reason (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), NULL);
  return ow_parcel_is_returning (self) ? OW_DISPUTE_REASON_RETURNED_TO_SELLER : NULL;
}

gboolean
ow_parcel_is_final (OwParcel *self)
{
  g_return_val_if_fail (OW_IS_PARCEL (self), FALSE);
  return self->status == OW_TRACKING_STATUS_DELIVERED;
}

/* Scheduling */

gint64
ow_tracking_schedule_next_check (OwTrackingStatus status,
                                 gint64           last_movement,
                                 gint64           delivered_at,
                                 gint64           nearest_deadline,
                                 gint64           now)
{
  gint64 interval = OW_TRACKING_INTERVAL_DEFAULT;

  if (status == OW_TRACKING_STATUS_DELIVERED)
    {
      gint64 since = delivered_at != OW_TIME_UNSET ? delivered_at : now;

      /* A few more looks catch a provider that flips back, then leave it alone. */
      if (now + interval > since + OW_TRACKING_STOP_AFTER_DELIVERY)
        return OW_TIME_UNSET;
      return now + interval;
    }

  if (status == OW_TRACKING_STATUS_OUT_FOR_DELIVERY
      || (nearest_deadline != OW_TIME_UNSET && nearest_deadline > now
          && nearest_deadline - now < OW_TRACKING_DEADLINE_NEAR))
    interval = OW_TRACKING_INTERVAL_URGENT;
  else if (last_movement != OW_TIME_UNSET && now - last_movement >= OW_TRACKING_QUIET_AFTER)
    interval = OW_TRACKING_INTERVAL_QUIET;

  return now + interval;
}

#define BACKOFF_FIRST (15 * 60)
#define BACKOFF_MAX   (24 * 3600)

gint64
ow_tracking_schedule_backoff (guint  failures,
                              gint64 now)
{
  gint64 delay = BACKOFF_FIRST;

  for (guint i = 1; i < failures && delay < BACKOFF_MAX; i++)
    delay *= 2;
  return now + MIN (delay, BACKOFF_MAX);
}
