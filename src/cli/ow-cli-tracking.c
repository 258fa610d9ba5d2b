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
            JsonBuilder *builder)
{
  g_autoptr(GPtrArray) events = ow_store_list_tracking_events (store, parcel_id, NULL);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (events, i);
      OwTrackingStatus status = ow_tracking_event_get_status (event);

      json_builder_begin_object (builder);
      ow_export_add_time_member (builder, "time", ow_tracking_event_get_time (event));
      ow_export_add_string_member (builder, "status", ow_tracking_status_to_string (status));
      ow_export_add_string_member (builder, "code", ow_tracking_event_get_raw_code (event));
      ow_export_add_string_member (builder, "description",
                                   ow_tracking_event_get_description (event));
      ow_export_add_string_member (builder, "location", ow_tracking_event_get_location (event));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
ow_cli_add_parcels_json (OwStore     *store,
                         gint64       order_id,
                         JsonBuilder *builder)
{
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  parcels = ow_store_list_parcels (store, order_id, &error);
  if (parcels == NULL)
    g_warning ("%s", error->message);

  json_builder_set_member_name (builder, "parcels");
  json_builder_begin_array (builder);
  for (guint i = 0; parcels != NULL && i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      OwTrackingStatus status = ow_parcel_get_status (parcel);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ow_parcel_get_id (parcel));
      ow_export_add_string_member (builder, "tracking_number",
                                   ow_parcel_get_tracking_number (parcel));
      ow_export_add_string_member (builder, "provider", ow_parcel_get_provider (parcel));
      json_builder_set_member_name (builder, "provider_overridden");
      json_builder_add_boolean_value (builder, ow_parcel_get_provider_overridden (parcel));
      json_builder_set_member_name (builder, "follows_parcel_id");
      if (ow_parcel_get_follows_parcel_id (parcel) > 0)
        json_builder_add_int_value (builder, ow_parcel_get_follows_parcel_id (parcel));
      else
        json_builder_add_null_value (builder);
      ow_export_add_string_member (builder, "status", ow_tracking_status_to_string (status));
      ow_export_add_string_member (builder, "status_label", ow_tracking_status_label (status));
      ow_export_add_string_member (builder, "raw_status", ow_parcel_get_raw_status (parcel));
      ow_export_add_string_member (builder, "carrier", ow_parcel_get_carrier (parcel));
      ow_export_add_time_member (builder, "last_check", ow_parcel_get_last_check (parcel));
      ow_export_add_time_member (builder, "next_check", ow_parcel_get_next_check (parcel));
      ow_export_add_time_member (builder, "last_movement", ow_parcel_get_last_movement (parcel));
      ow_export_add_time_member (builder, "delivered_at", ow_parcel_get_delivered_at (parcel));
      json_builder_set_member_name (builder, "failures");
      json_builder_add_int_value (builder, ow_parcel_get_failures (parcel));
      ow_export_add_string_member (builder, "error", ow_parcel_get_last_error (parcel));
      ow_export_add_string_member (builder, "suggested_dispute_reason",
                                   ow_parcel_get_suggested_dispute_reason (parcel));
      add_events (store, ow_parcel_get_id (parcel), builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
