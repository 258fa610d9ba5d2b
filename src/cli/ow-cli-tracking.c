/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-cli-tracking.h"
#include "ow-error.h"
#include "ow-export.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-time.h"

static void
add_events (OwStore     *store,
            gint64       parcel_id,
            OwJsonWriter *writer)
{
  g_autoptr(GPtrArray) events = ow_store_list_tracking_events (store, parcel_id, NULL);

  ow_json_writer_member (writer, "events");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (events, i);
      OwTrackingStatus status = ow_tracking_event_get_status (event);

      ow_json_writer_begin_object (writer);
      ow_json_writer_time_member (writer, "time", ow_tracking_event_get_time (event));
      ow_json_writer_string_member (writer, "status", ow_tracking_status_to_string (status));
      ow_json_writer_string_member (writer, "code", ow_tracking_event_get_raw_code (event));
      ow_json_writer_string_member (writer, "description",
                                   ow_tracking_event_get_description (event));
      ow_json_writer_string_member (writer, "location", ow_tracking_event_get_location (event));
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}

void
ow_cli_add_parcels_json (OwStore     *store,
                         gint64       order_id,
                         OwJsonWriter *writer)
{
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (writer != NULL);

  parcels = ow_store_list_parcels (store, order_id, &error);
  if (parcels == NULL)
    g_warning ("%s", error->message);

  ow_json_writer_member (writer, "parcels");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; parcels != NULL && i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      OwTrackingStatus status = ow_parcel_get_status (parcel);

      ow_json_writer_begin_object (writer);
      ow_json_writer_member (writer, "id");
      ow_json_writer_int (writer, ow_parcel_get_id (parcel));
      ow_json_writer_string_member (writer, "tracking_number",
                                   ow_parcel_get_tracking_number (parcel));
      ow_json_writer_string_member (writer, "provider", ow_parcel_get_provider (parcel));
      ow_json_writer_member (writer, "provider_overridden");
      ow_json_writer_boolean (writer, ow_parcel_get_provider_overridden (parcel));
      ow_json_writer_member (writer, "follows_parcel_id");
      if (ow_parcel_get_follows_parcel_id (parcel) > 0)
        ow_json_writer_int (writer, ow_parcel_get_follows_parcel_id (parcel));
      else
        ow_json_writer_null (writer);
      ow_json_writer_string_member (writer, "status", ow_tracking_status_to_string (status));
      ow_json_writer_string_member (writer, "status_label", ow_tracking_status_label (status));
      ow_json_writer_string_member (writer, "raw_status", ow_parcel_get_raw_status (parcel));
      ow_json_writer_string_member (writer, "carrier", ow_parcel_get_carrier (parcel));
      ow_json_writer_time_member (writer, "last_check", ow_parcel_get_last_check (parcel));
      ow_json_writer_time_member (writer, "next_check", ow_parcel_get_next_check (parcel));
      ow_json_writer_time_member (writer, "last_movement", ow_parcel_get_last_movement (parcel));
      ow_json_writer_time_member (writer, "delivered_at", ow_parcel_get_delivered_at (parcel));
      ow_json_writer_member (writer, "failures");
      ow_json_writer_int (writer, ow_parcel_get_failures (parcel));
      ow_json_writer_string_member (writer, "error", ow_parcel_get_last_error (parcel));
      ow_json_writer_string_member (writer, "suggested_dispute_reason",
                                   ow_parcel_get_suggested_dispute_reason (parcel));
      add_events (store, ow_parcel_get_id (parcel), writer);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}
