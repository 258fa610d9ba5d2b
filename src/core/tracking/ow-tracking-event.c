/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-tracking-event.h"

struct _OwTrackingEvent
{
  GObject           parent_instance;

  gint64            id;
  gint64            parcel_id;
  gint64            time;
  OwTrackingStatus  status;
  char             *raw_code;
  char             *description;
  char             *location;
  char             *key;
};

G_DEFINE_FINAL_TYPE (OwTrackingEvent, ow_tracking_event, G_TYPE_OBJECT)

static void
ow_tracking_event_finalize (GObject *object)
{
  OwTrackingEvent *self = OW_TRACKING_EVENT (object);

  g_free (self->raw_code);
  g_free (self->description);
  g_free (self->location);
  g_free (self->key);

  G_OBJECT_CLASS (ow_tracking_event_parent_class)->finalize (object);
}

static void
ow_tracking_event_class_init (OwTrackingEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_tracking_event_finalize;
}

static void
ow_tracking_event_init (OwTrackingEvent *self)
{
}

char *
ow_tracking_event_make_key (const char *event_code,
                            const char *description)
{
  if (event_code != NULL && *event_code != '\0')
    return g_strconcat ("code:", event_code, NULL);
  return g_strconcat ("text:", description ? description : "", NULL);
}

OwTrackingEvent *
ow_tracking_event_new_with_key (gint64            time,
                                OwTrackingStatus  status,
                                const char       *raw_code,
                                const char       *key,
                                const char       *description,
                                const char       *location)
{
  OwTrackingEvent *self;

  g_return_val_if_fail (status < OW_N_TRACKING_STATUSES, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  self = g_object_new (OW_TYPE_TRACKING_EVENT, NULL);
  self->time = time;
  self->status = status;
  self->raw_code = g_strdup (raw_code);
  self->description = g_strdup (description);
  self->location = g_strdup (location);
  self->key = key != NULL ? g_strdup (key) : ow_tracking_event_make_key (NULL, description);
  return self;
}

OwTrackingEvent *
ow_tracking_event_new (gint64            time,
                       OwTrackingStatus  status,
                       const char       *raw_code,
                       const char       *description,
                       const char       *location)
{
  return ow_tracking_event_new_with_key (time, status, raw_code, NULL, description, location);
}

gint64
ow_tracking_event_get_id (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), 0);
  return self->id;
}

void
ow_tracking_event_set_id (OwTrackingEvent *self,
                          gint64           id)
{
  g_return_if_fail (OW_IS_TRACKING_EVENT (self));
  self->id = id;
}

gint64
ow_tracking_event_get_parcel_id (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), 0);
  return self->parcel_id;
}

void
ow_tracking_event_set_parcel_id (OwTrackingEvent *self,
                                 gint64           parcel_id)
{
  g_return_if_fail (OW_IS_TRACKING_EVENT (self));
  self->parcel_id = parcel_id;
}

gint64
ow_tracking_event_get_time (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), OW_TIME_UNSET);
  return self->time;
}

OwTrackingStatus
ow_tracking_event_get_status (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), OW_TRACKING_STATUS_NOT_FOUND);
  return self->status;
}

const char *
ow_tracking_event_get_raw_code (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), NULL);
  return self->raw_code;
}

const char *
ow_tracking_event_get_description (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), NULL);
  return self->description;
}

const char *
ow_tracking_event_get_location (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), NULL);
  return self->location;
}

const char *
ow_tracking_event_get_key (OwTrackingEvent *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_EVENT (self), NULL);
  return self->key;
}
