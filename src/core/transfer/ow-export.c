/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-deadlines.h"
#include "ow-dispute.h"
#include "ow-evidence.h"
#include "ow-export.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-time.h"

const char * const ow_csv_columns[] = {
  "marketplace", "order_number", "item", "store", "quantity", "amount", "currency",
  "payment_method", "placed", "paid", "shipped", "delivered", "received", "cancel_requested",
  "dispute_opened", "return_agreed", "closed", "refunded", "inferred", "close_reason",
  "processing_days", "delivery_days", "notes", "archived", "tracking",
  NULL
};

static const char *source_names[] = { "unknown", "user", "inferred", "imported" };

const char *
ow_fact_source_to_string (OwFactSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (source_names), NULL);
  return source_names[source];
}

gboolean
ow_fact_source_from_string (const char   *text,
                            OwFactSource *source)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (source_names); i++)
    if (g_str_equal (text, source_names[i]))
      {
        *source = i;
        return TRUE;
      }
  return FALSE;
}

void
ow_export_add_string_member (JsonBuilder *builder,
                             const char  *name,
                             const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (name != NULL);

  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (builder, value);
  else
    {
      /* Only a file written before text was checked holds such bytes; JSON cannot. */
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
}

void
ow_export_add_time_member (JsonBuilder *builder,
                           const char  *name,
                           gint64       time)
{
  g_autofree char *iso = ow_time_format_iso_utc (time);

  ow_export_add_string_member (builder, name, iso);
}

void
ow_export_order_members (OwOrder     *order,
                         JsonBuilder *builder)
{
  const char *currency;
  g_autofree char *amount = NULL;

  g_return_if_fail (OW_IS_ORDER (order));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  currency = ow_order_get_currency (order);
  amount = ow_money_to_decimal (ow_order_get_amount (order), currency);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, ow_order_get_id (order));
  ow_export_add_string_member (builder, "marketplace", ow_order_get_marketplace (order));
  ow_export_add_string_member (builder, "order_number", ow_order_get_order_number (order));
  ow_export_add_string_member (builder, "item", ow_order_get_item_title (order));
  ow_export_add_string_member (builder, "store", ow_order_get_store_name (order));
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, ow_order_get_quantity (order));
  /* A decimal string: no binary floating point near money. */
  ow_export_add_string_member (builder, "amount", amount);
  ow_export_add_string_member (builder, "currency", currency);
  ow_export_add_string_member (builder, "payment_method",
                               ow_payment_method_to_string (ow_order_get_payment_method (order)));

  json_builder_set_member_name (builder, "facts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < OW_N_EVENTS; i++)
    {
      gint64 time = ow_order_get_time (order, i);

      if (!ow_order_get_time_known (order, i))
        continue;
      json_builder_set_member_name (builder, ow_order_event_to_string (i));
      json_builder_begin_object (builder);
      /* A null time: known to have happened, date unknown. */
      ow_export_add_time_member (builder, "time", time);
      ow_export_add_string_member (builder, "source",
                                   ow_fact_source_to_string (ow_order_get_time_source (order, i)));
      if (ow_order_get_time_origin (order, i) != NULL)
        ow_export_add_string_member (builder, "origin", ow_order_get_time_origin (order, i));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  ow_export_add_string_member (builder, "close_reason",
                               ow_close_reason_to_string (ow_order_get_close_reason (order)));
  json_builder_set_member_name (builder, "processing_days");
  json_builder_add_int_value (builder, ow_order_get_processing_days (order));
  json_builder_set_member_name (builder, "delivery_days");
  json_builder_add_int_value (builder, ow_order_get_delivery_days (order));

  json_builder_set_member_name (builder, "extensions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    {
      const OwExtension *x = ow_order_get_extension (order, i);

      json_builder_begin_object (builder);
      ow_export_add_time_member (builder, "requested_at", x->requested_at);
      json_builder_set_member_name (builder, "days");
      json_builder_add_int_value (builder, x->days);
      ow_export_add_string_member (builder, "state", ow_extension_state_to_string (x->state));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  ow_export_add_string_member (builder, "notes", ow_order_get_notes (order));
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, ow_order_get_archived (order));
  /* No "modified": that is the database's bookkeeping, reset by every insert, and leaving it
   * out keeps an export → import → export round trip byte-identical. */
}

static const char *
follows_number (const OwOrderRecords *records,
                OwParcel             *parcel)
{
  OwParcel *parent = ow_order_records_find_parcel (records,
                                                   ow_parcel_get_follows_parcel_id (parcel));

  return parent ? ow_parcel_get_tracking_number (parent) : NULL;
}

void
ow_export_records_members (const OwOrderRecords *records,
                           JsonBuilder          *builder)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "parcels");
  json_builder_begin_array (builder);
  for (guint i = 0; records && i < records->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (records->parcels, i);
      GPtrArray *events = g_ptr_array_index (records->events, i);

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "tracking_number",
                                   ow_parcel_get_tracking_number (parcel));
      ow_export_add_string_member (builder, "provider", ow_parcel_get_provider (parcel));
      json_builder_set_member_name (builder, "provider_overridden");
      json_builder_add_boolean_value (builder, ow_parcel_get_provider_overridden (parcel));
      ow_export_add_string_member (builder, "follows", follows_number (records, parcel));
      ow_export_add_string_member (builder, "status",
                                   ow_tracking_status_to_string (ow_parcel_get_status (parcel)));
      ow_export_add_string_member (builder, "raw_status", ow_parcel_get_raw_status (parcel));
      ow_export_add_string_member (builder, "carrier", ow_parcel_get_carrier (parcel));
      ow_export_add_time_member (builder, "created_at", ow_parcel_get_created_at (parcel));
      ow_export_add_time_member (builder, "last_check", ow_parcel_get_last_check (parcel));
      ow_export_add_time_member (builder, "next_check", ow_parcel_get_next_check (parcel));
      ow_export_add_time_member (builder, "last_movement", ow_parcel_get_last_movement (parcel));
      ow_export_add_time_member (builder, "delivered_at", ow_parcel_get_delivered_at (parcel));
      json_builder_set_member_name (builder, "failures");
      json_builder_add_int_value (builder, ow_parcel_get_failures (parcel));
      ow_export_add_string_member (builder, "last_error", ow_parcel_get_last_error (parcel));
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint e = 0; e < events->len; e++)
        {
          OwTrackingEvent *event = g_ptr_array_index (events, e);

          json_builder_begin_object (builder);
          ow_export_add_time_member (builder, "time", ow_tracking_event_get_time (event));
          ow_export_add_string_member (builder, "status", ow_tracking_status_to_string (
                                                            ow_tracking_event_get_status (event)));
          ow_export_add_string_member (builder, "code", ow_tracking_event_get_raw_code (event));
          ow_export_add_string_member (builder, "key", ow_tracking_event_get_key (event));
          ow_export_add_string_member (builder, "description",
                                       ow_tracking_event_get_description (event));
          ow_export_add_string_member (builder, "location",
                                       ow_tracking_event_get_location (event));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reminders_sent");
  json_builder_begin_array (builder);
  for (guint i = 0; records && i < records->reminders->len; i++)
    {
      const OwSentReminder *r = &g_array_index (records->reminders, OwSentReminder, i);

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "kind", r->kind);
      ow_export_add_time_member (builder, "due", r->due);
      json_builder_set_member_name (builder, "before");
      json_builder_add_int_value (builder, r->before);
      ow_export_add_time_member (builder, "sent_at", r->sent_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "snoozes");
  json_builder_begin_array (builder);
  for (guint i = 0; records && i < records->snoozes->len; i++)
    {
      const OwSnooze *z = &g_array_index (records->snoozes, OwSnooze, i);

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "kind", z->kind);
      ow_export_add_time_member (builder, "until", z->until);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "disputes");
  json_builder_begin_array (builder);
  for (guint i = 0; records && i < records->disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (records->disputes, i);

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "channel", ow_dispute_channel_to_string (
                                                         ow_dispute_get_channel (dispute)));
      ow_export_add_string_member (builder, "reason", ow_dispute_get_reason (dispute));
      ow_export_add_string_member (builder, "solution", ow_dispute_solution_to_string (
                                                          ow_dispute_get_solution (dispute)));
      json_builder_set_member_name (builder, "amount_minor");
      json_builder_add_int_value (builder, ow_dispute_get_amount (dispute));
      ow_export_add_string_member (builder, "description", ow_dispute_get_description (dispute));
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      for (guint s = 0; s < ow_dispute_get_n_steps (dispute); s++)
        {
          const OwDisputeStep *step = ow_dispute_get_step (dispute, s);

          json_builder_begin_object (builder);
          ow_export_add_string_member (builder, "kind", ow_dispute_step_to_string (step->kind));
          ow_export_add_time_member (builder, "at", step->at);
          json_builder_set_member_name (builder, "amount_minor");
          json_builder_add_int_value (builder, step->amount);
          ow_export_add_string_member (builder, "text", step->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; records && i < records->evidence->len; i++)
    {
      OwEvidence *item = g_ptr_array_index (records->evidence, i);

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "kind",
                                   ow_evidence_kind_to_string (ow_evidence_get_kind (item)));
      ow_export_add_string_member (builder, "original_name", ow_evidence_get_original_name (item));
      ow_export_add_string_member (builder, "media_type", ow_evidence_get_media_type (item));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, ow_evidence_get_size (item));
      ow_export_add_string_member (builder, "sha256", ow_evidence_get_sha256 (item));
      ow_export_add_string_member (builder, "note", ow_evidence_get_note (item));
      ow_export_add_time_member (builder, "added_at", ow_evidence_get_added_at (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
ow_export_deadline_members (OwOrder          *order,
                            const OwDeadline *deadline,
                            gint64            now,
                            JsonBuilder      *builder)
{
  g_autofree char *words = NULL;

  g_return_if_fail (OW_IS_ORDER (order));
  g_return_if_fail (deadline != NULL && deadline->rule != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  words = ow_deadline_describe (deadline, now);

  json_builder_set_member_name (builder, "order_id");
  json_builder_add_int_value (builder, ow_order_get_id (order));
  ow_export_add_string_member (builder, "order_number", ow_order_get_order_number (order));
  ow_export_add_string_member (builder, "marketplace", ow_order_get_marketplace (order));
  ow_export_add_string_member (builder, "item", ow_order_get_item_title (order));
  ow_export_add_string_member (builder, "kind", ow_rule_get_id (deadline->rule));
  ow_export_add_string_member (builder, "title", ow_rule_get_title (deadline->rule));
  ow_export_add_time_member (builder, "starts", deadline->starts);
  ow_export_add_time_member (builder, "due", deadline->due);
  ow_export_add_time_member (builder, "due_late", deadline->due_late);
  ow_export_add_string_member (builder, "state", ow_deadline_state_to_string (deadline->state));
  ow_export_add_string_member (builder, "description", words);
  ow_export_add_string_member (builder, "on_expiry", ow_rule_get_on_expiry (deadline->rule));
  ow_export_add_string_member (builder, "buyer_actions",
                               ow_rule_get_buyer_actions (deadline->rule));
  ow_export_add_string_member (builder, "confidence", ow_rule_get_confidence (deadline->rule));
}

/* Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day since 1970. */
static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

/* "2026-11-08T08:00:00Z" into @buffer without a GDateTime: bulk exports write millions. */
static const char *
format_iso_utc (gint64 time,
                char   buffer[32])
{
  gint64 days, seconds;
  int year, month, day;

  if (time == OW_TIME_UNSET)
    return NULL;
  days = time >= 0 ? time / 86400 : -((-time + 86399) / 86400);
  seconds = time - days * 86400;
  civil_from_days (days, &year, &month, &day);
  if (year < 1 || year > 9999)
    {
      g_autofree char *slow = ow_time_format_iso_utc (time);

      g_strlcpy (buffer, slow ? slow : "", 32);
      return slow ? buffer : NULL;
    }
  g_snprintf (buffer, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
              (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
  return buffer;
}

/* A JSON string (RFC 8259 escapes), or null. */
static void
json_append_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  /* As ow_export_add_string_member (): JSON is UTF-8, whatever an old file holds. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_append_member (GString    *out,
                    const char *name,
                    const char *text)
{
  g_string_append_printf (out, ",\n      \"%s\": ", name);
  json_append_string (out, text);
}

/* ", "name": value" on the current line. */
static void
json_append_inline (GString    *out,
                    const char *name,
                    const char *text)
{
  g_string_append_printf (out, ", \"%s\": ", name);
  json_append_string (out, text);
}

static void
json_append_inline_time (GString    *out,
                         const char *name,
                         gint64      time)
{
  char buffer[32];

  json_append_inline (out, name, format_iso_utc (time, buffer));
}

/* The same members, in the same order, as ow_export_records_members (). */
static void
json_append_records (GString              *out,
                     const OwOrderRecords *records)
{
  guint n_parcels = records ? records->parcels->len : 0;
  guint n_reminders = records ? records->reminders->len : 0;
  guint n_snoozes = records ? records->snoozes->len : 0;
  guint n_disputes = records ? records->disputes->len : 0;
  guint n_evidence = records ? records->evidence->len : 0;
  char buffer[32];

  g_string_append (out, ",\n      \"parcels\": [");
  for (guint i = 0; i < n_parcels; i++)
    {
      OwParcel *parcel = g_ptr_array_index (records->parcels, i);
      GPtrArray *events = g_ptr_array_index (records->events, i);

      g_string_append (out, i ? ",\n        {\"tracking_number\": "
                              : "\n        {\"tracking_number\": ");
      json_append_string (out, ow_parcel_get_tracking_number (parcel));
      json_append_inline (out, "provider", ow_parcel_get_provider (parcel));
      g_string_append_printf (out, ", \"provider_overridden\": %s",
                              ow_parcel_get_provider_overridden (parcel) ? "true" : "false");
      json_append_inline (out, "follows", follows_number (records, parcel));
      json_append_inline (out, "status", ow_tracking_status_to_string (
                                           ow_parcel_get_status (parcel)));
      json_append_inline (out, "raw_status", ow_parcel_get_raw_status (parcel));
      json_append_inline (out, "carrier", ow_parcel_get_carrier (parcel));
      json_append_inline_time (out, "created_at", ow_parcel_get_created_at (parcel));
      json_append_inline_time (out, "last_check", ow_parcel_get_last_check (parcel));
      json_append_inline_time (out, "next_check", ow_parcel_get_next_check (parcel));
      json_append_inline_time (out, "last_movement", ow_parcel_get_last_movement (parcel));
      json_append_inline_time (out, "delivered_at", ow_parcel_get_delivered_at (parcel));
      g_string_append_printf (out, ", \"failures\": %u", ow_parcel_get_failures (parcel));
      json_append_inline (out, "last_error", ow_parcel_get_last_error (parcel));
      g_string_append (out, ", \"events\": [");
      for (guint e = 0; e < events->len; e++)
        {
          OwTrackingEvent *event = g_ptr_array_index (events, e);

          g_string_append (out, e ? ",\n          {\"time\": " : "\n          {\"time\": ");
          json_append_string (out, format_iso_utc (ow_tracking_event_get_time (event), buffer));
          json_append_inline (out, "status", ow_tracking_status_to_string (
                                               ow_tracking_event_get_status (event)));
          json_append_inline (out, "code", ow_tracking_event_get_raw_code (event));
          json_append_inline (out, "key", ow_tracking_event_get_key (event));
          json_append_inline (out, "description", ow_tracking_event_get_description (event));
          json_append_inline (out, "location", ow_tracking_event_get_location (event));
          g_string_append_c (out, '}');
        }
      g_string_append (out, events->len ? "\n        ]}" : "]}");
    }
  g_string_append (out, n_parcels ? "\n      ]" : "]");

  g_string_append (out, ",\n      \"reminders_sent\": [");
  for (guint i = 0; i < n_reminders; i++)
    {
      const OwSentReminder *r = &g_array_index (records->reminders, OwSentReminder, i);

      g_string_append (out, i ? ",\n        {\"kind\": " : "\n        {\"kind\": ");
      json_append_string (out, r->kind);
      json_append_inline_time (out, "due", r->due);
      g_string_append_printf (out, ", \"before\": %" G_GINT64_FORMAT, r->before);
      json_append_inline_time (out, "sent_at", r->sent_at);
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_reminders ? "\n      ]" : "]");

  g_string_append (out, ",\n      \"snoozes\": [");
  for (guint i = 0; i < n_snoozes; i++)
    {
      const OwSnooze *z = &g_array_index (records->snoozes, OwSnooze, i);

      g_string_append (out, i ? ",\n        {\"kind\": " : "\n        {\"kind\": ");
      json_append_string (out, z->kind);
      json_append_inline_time (out, "until", z->until);
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_snoozes ? "\n      ]" : "]");

  g_string_append (out, ",\n      \"disputes\": [");
  for (guint i = 0; i < n_disputes; i++)
    {
      OwDispute *dispute = g_ptr_array_index (records->disputes, i);
      guint n_steps = ow_dispute_get_n_steps (dispute);

      g_string_append (out, i ? ",\n        {\"channel\": " : "\n        {\"channel\": ");
      json_append_string (out, ow_dispute_channel_to_string (ow_dispute_get_channel (dispute)));
      json_append_inline (out, "reason", ow_dispute_get_reason (dispute));
      json_append_inline (out, "solution", ow_dispute_solution_to_string (
                                             ow_dispute_get_solution (dispute)));
      g_string_append_printf (out, ", \"amount_minor\": %" G_GINT64_FORMAT,
                              ow_dispute_get_amount (dispute));
      json_append_inline (out, "description", ow_dispute_get_description (dispute));
      g_string_append (out, ", \"history\": [");
      for (guint s = 0; s < n_steps; s++)
        {
          const OwDisputeStep *step = ow_dispute_get_step (dispute, s);

          g_string_append (out, s ? ",\n          {\"kind\": " : "\n          {\"kind\": ");
          json_append_string (out, ow_dispute_step_to_string (step->kind));
          json_append_inline_time (out, "at", step->at);
          g_string_append_printf (out, ", \"amount_minor\": %" G_GINT64_FORMAT, step->amount);
          json_append_inline (out, "text", step->text);
          g_string_append_c (out, '}');
        }
      g_string_append (out, n_steps ? "\n        ]}" : "]}");
    }
  g_string_append (out, n_disputes ? "\n      ]" : "]");

  g_string_append (out, ",\n      \"evidence\": [");
  for (guint i = 0; i < n_evidence; i++)
    {
      OwEvidence *item = g_ptr_array_index (records->evidence, i);

      g_string_append (out, i ? ",\n        {\"kind\": " : "\n        {\"kind\": ");
      json_append_string (out, ow_evidence_kind_to_string (ow_evidence_get_kind (item)));
      json_append_inline (out, "original_name", ow_evidence_get_original_name (item));
      json_append_inline (out, "media_type", ow_evidence_get_media_type (item));
      g_string_append_printf (out, ", \"size\": %" G_GINT64_FORMAT, ow_evidence_get_size (item));
      json_append_inline (out, "sha256", ow_evidence_get_sha256 (item));
      json_append_inline (out, "note", ow_evidence_get_note (item));
      json_append_inline_time (out, "added_at", ow_evidence_get_added_at (item));
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_evidence ? "\n      ]" : "]");
}

/* The same members, in the same order, as ow_export_order_members (); written directly
 * because a JsonBuilder tree of 100,000 orders costs seconds and hundreds of MiB. */
static void
json_append_order (GString              *out,
                   OwOrder              *order,
                   const OwOrderRecords *records)
{
  const char *currency = ow_order_get_currency (order);
  g_autofree char *amount = ow_money_to_decimal (ow_order_get_amount (order), currency);
  gboolean first = TRUE;
  char buffer[32];

  g_string_append_printf (out, "    {\n      \"id\": %" G_GINT64_FORMAT, ow_order_get_id (order));
  json_append_member (out, "marketplace", ow_order_get_marketplace (order));
  json_append_member (out, "order_number", ow_order_get_order_number (order));
  json_append_member (out, "item", ow_order_get_item_title (order));
  json_append_member (out, "store", ow_order_get_store_name (order));
  g_string_append_printf (out, ",\n      \"quantity\": %d", ow_order_get_quantity (order));
  json_append_member (out, "amount", amount);
  json_append_member (out, "currency", currency);
  json_append_member (out, "payment_method",
                      ow_payment_method_to_string (ow_order_get_payment_method (order)));

  g_string_append (out, ",\n      \"facts\": {");
  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      gint64 time = ow_order_get_time (order, e);
      const char *origin = ow_order_get_time_origin (order, e);

      if (!ow_order_get_time_known (order, e))
        continue;
      g_string_append_printf (out, "%s\n        \"%s\": {\"time\": ", first ? "" : ",",
                              ow_order_event_to_string (e));
      /* null: known to have happened, date unknown */
      if (time == OW_TIME_UNSET)
        g_string_append (out, "null");
      else
        json_append_string (out, format_iso_utc (time, buffer));
      g_string_append (out, ", \"source\": ");
      json_append_string (out, ow_fact_source_to_string (ow_order_get_time_source (order, e)));
      if (origin != NULL)
        {
          g_string_append (out, ", \"origin\": ");
          json_append_string (out, origin);
        }
      g_string_append_c (out, '}');
      first = FALSE;
    }
  g_string_append (out, first ? "}" : "\n      }");

  json_append_member (out, "close_reason",
                      ow_close_reason_to_string (ow_order_get_close_reason (order)));
  g_string_append_printf (out, ",\n      \"processing_days\": %d",
                          ow_order_get_processing_days (order));
  g_string_append_printf (out, ",\n      \"delivery_days\": %d",
                          ow_order_get_delivery_days (order));

  g_string_append (out, ",\n      \"extensions\": [");
  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    {
      const OwExtension *x = ow_order_get_extension (order, i);

      g_string_append (out, i ? ",\n        {\"requested_at\": " : "\n        {\"requested_at\": ");
      json_append_string (out, format_iso_utc (x->requested_at, buffer));
      g_string_append_printf (out, ", \"days\": %d, \"state\": ", x->days);
      json_append_string (out, ow_extension_state_to_string (x->state));
      g_string_append_c (out, '}');
    }
  g_string_append (out, ow_order_get_n_extensions (order) ? "\n      ]" : "]");

  json_append_member (out, "notes", ow_order_get_notes (order));
  g_string_append_printf (out, ",\n      \"archived\": %s",
                          ow_order_get_archived (order) ? "true" : "false");
  json_append_records (out, records);
  g_string_append (out, "\n    }");
}

GBytes *
ow_export_json (GPtrArray  *orders,
                GHashTable *records)
{
  GString *out;

  g_return_val_if_fail (orders != NULL, NULL);

  out = g_string_sized_new (512 + orders->len * 768);
  g_string_append_printf (out, "{\n  \"format\": \"orderwatch\",\n  \"version\": %d,\n"
                               "  \"orders\": [", OW_EXPORT_JSON_VERSION);
  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      gint64 id = ow_order_get_id (order);

      g_string_append (out, i ? ",\n" : "\n");
      json_append_order (out, order, records ? g_hash_table_lookup (records, &id) : NULL);
    }
  g_string_append (out, orders->len ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free_to_bytes (out);
}

/* RFC 4180: quote a field holding a separator, a quote or a line break. */
static void
csv_append_field (GString    *out,
                  const char *value,
                  gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL || *value == '\0')
    return;

  if (strpbrk (value, ",\"\r\n") == NULL && value[0] != ' ' &&
      value[strlen (value) - 1] != ' ')
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_append_time (GString *out,
                 gint64   time)
{
  char buffer[32];

  csv_append_field (out, format_iso_utc (time, buffer), FALSE);
}

static void
csv_append_int (GString *out,
                gint64   value,
                gboolean zero_is_empty)
{
  g_string_append_c (out, ',');
  if (value != 0 || !zero_is_empty)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

GBytes *
ow_export_csv (GPtrArray  *orders,
               GHashTable *records)
{
  GString *out;

  g_return_val_if_fail (orders != NULL, NULL);

  out = g_string_sized_new (256 + orders->len * 200);
  for (guint i = 0; ow_csv_columns[i] != NULL; i++)
    csv_append_field (out, ow_csv_columns[i], i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      const char *currency = ow_order_get_currency (order);
      g_autofree char *amount = ow_money_to_decimal (ow_order_get_amount (order), currency);
      GString *inferred = g_string_new (NULL);
      OwCloseReason reason = ow_order_get_close_reason (order);

      csv_append_field (out, ow_order_get_marketplace (order), TRUE);
      csv_append_field (out, ow_order_get_order_number (order), FALSE);
      csv_append_field (out, ow_order_get_item_title (order), FALSE);
      csv_append_field (out, ow_order_get_store_name (order), FALSE);
      csv_append_int (out, ow_order_get_quantity (order), FALSE);
      csv_append_field (out, amount, FALSE);
      csv_append_field (out, currency, FALSE);
      csv_append_field (out, ow_payment_method_to_string (ow_order_get_payment_method (order)),
                        FALSE);
      for (guint e = 0; e < OW_N_EVENTS; e++)
        {
          if (ow_order_get_time_undated (order, e))
            csv_append_field (out, "unknown", FALSE);
          else
            csv_append_time (out, ow_order_get_time (order, e));
          if (ow_order_get_time_source (order, e) == OW_FACT_INFERRED)
            g_string_append_printf (inferred, "%s%s", inferred->len ? " " : "",
                                    ow_order_event_to_string (e));
        }
      csv_append_field (out, inferred->str, FALSE);
      g_string_free (inferred, TRUE);
      csv_append_field (out, reason == OW_CLOSE_NONE ? NULL : ow_close_reason_to_string (reason),
                        FALSE);
      csv_append_int (out, ow_order_get_processing_days (order), TRUE);
      csv_append_int (out, ow_order_get_delivery_days (order), TRUE);
      csv_append_field (out, ow_order_get_notes (order), FALSE);
      csv_append_field (out, ow_order_get_archived (order) ? "yes" : "no", FALSE);
      {
        gint64 id = ow_order_get_id (order);
        OwOrderRecords *mine = records ? g_hash_table_lookup (records, &id) : NULL;
        g_autoptr(GString) numbers = g_string_new (NULL);

        /* The numbers only: their tracking state and events need the JSON backup. */
        for (guint p = 0; mine && p < mine->parcels->len; p++)
          g_string_append_printf (numbers, "%s%s", p ? " " : "",
                                  ow_parcel_get_tracking_number (g_ptr_array_index (mine->parcels,
                                                                                    p)));
        csv_append_field (out, numbers->str, FALSE);
      }
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}

/* RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT. */
static void
ics_escape_text (GString    *out,
                 const char *text)
{
  for (const char *p = text; p && *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';': g_string_append (out, "\\;"); break;
        case ',': g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

/* RFC 5545 3.1: lines of at most 75 octets, continued with CRLF and a space, never inside a
 * UTF-8 sequence. */
static void
ics_append_line (GString    *out,
                 const char *line)
{
  gsize length = strlen (line);
  gsize start = 0;
  gsize limit = 75;

  while (length - start > limit)
    {
      gsize cut = start + limit;
      gsize backslashes = 0;

      /* Step back over continuation bytes (10xxxxxx) to a character boundary. */
      while (cut > start && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      /* Keep an escape such as "\," on one line: legal to split, but naive readers choke. */
      while (cut - backslashes > start && line[cut - backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 1)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      limit = 74;  /* the leading space counts */
    }
  g_string_append_len (out, line + start, length - start);
  g_string_append (out, "\r\n");
}

static void
ics_append_property (GString    *out,
                     const char *name,
                     const char *text)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  ics_escape_text (line, text);
  ics_append_line (out, line->str);
}

static char *
ics_format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt ? g_date_time_format (dt, "%Y%m%dT%H%M%SZ") : NULL;
}

/* A reminder is an exact span of seconds, so write it in hours, minutes or seconds rather
 * than nominal days. */
static char *
ics_format_trigger (gint64 before)
{
  if (before == 0)
    return g_strdup ("PT0S");
  if (before % 3600 == 0)
    return g_strdup_printf ("-PT%" G_GINT64_FORMAT "H", before / 3600);
  if (before % 60 == 0)
    return g_strdup_printf ("-PT%" G_GINT64_FORMAT "M", before / 60);
  return g_strdup_printf ("-PT%" G_GINT64_FORMAT "S", before);
}

static void
ics_append_event (GString          *out,
                  OwOrder          *order,
                  const OwDeadline *deadline,
                  const char       *stamp)
{
  const char *subject = ow_order_get_item_title (order);
  const char *on_expiry = ow_rule_get_on_expiry (deadline->rule);
  const char *actions = ow_rule_get_buyer_actions (deadline->rule);
  g_autofree char *uid = NULL;
  g_autofree char *start = ics_format_time (deadline->due);
  g_autofree char *summary = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *line = NULL;
  const gint64 *reminders;
  guint n_reminders = 0;

  if (subject == NULL)
    subject = ow_order_get_order_number (order);

  uid = g_strdup_printf ("%" G_GINT64_FORMAT "-%s@orderwatch", ow_order_get_id (order),
                         ow_rule_get_id (deadline->rule));
  /* Translators: a calendar event, e.g. "Protection ends: USB-C cable" */
  summary = g_strdup_printf (_("%s: %s"), ow_rule_get_title (deadline->rule), subject);

  /* Translators: the marketplace and its order number */
  g_string_append_printf (description, _("Order %s %s"), ow_order_get_marketplace (order),
                          ow_order_get_order_number (order));
  if (on_expiry != NULL && *on_expiry != '\0')
    /* Translators: what the marketplace does when the deadline passes */
    g_string_append_printf (description, "\n%s %s", _("When it runs out:"), on_expiry);
  if (actions != NULL && *actions != '\0')
    /* Translators: what the buyer can do before the deadline */
    g_string_append_printf (description, "\n%s %s", _("You can:"), actions);

  ics_append_line (out, "BEGIN:VEVENT");
  line = g_strconcat ("UID:", uid, NULL);
  ics_append_line (out, line);
  g_clear_pointer (&line, g_free);
  line = g_strconcat ("DTSTAMP:", stamp, NULL);
  ics_append_line (out, line);
  g_clear_pointer (&line, g_free);
  line = g_strconcat ("DTSTART:", start, NULL);
  ics_append_line (out, line);
  g_clear_pointer (&line, g_free);
  ics_append_property (out, "SUMMARY", summary);
  ics_append_property (out, "DESCRIPTION", description->str);
  ics_append_line (out, "TRANSP:TRANSPARENT");

  reminders = ow_rule_get_reminders (deadline->rule, &n_reminders);
  for (guint i = 0; i < n_reminders; i++)
    {
      g_autofree char *trigger = NULL;

      if (reminders[i] < 0)
        continue;
      trigger = ics_format_trigger (reminders[i]);
      ics_append_line (out, "BEGIN:VALARM");
      ics_append_line (out, "ACTION:DISPLAY");
      ics_append_property (out, "DESCRIPTION", summary);
      line = g_strconcat ("TRIGGER:", trigger, NULL);
      ics_append_line (out, line);
      g_clear_pointer (&line, g_free);
      ics_append_line (out, "END:VALARM");
    }
  ics_append_line (out, "END:VEVENT");
}

GBytes *
ow_export_ics (GPtrArray        *orders,
               OwPolicyRegistry *policies,
               gint64            now)
{
  GString *out;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (orders != NULL, NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);

  stamp = ics_format_time (now);
  out = g_string_sized_new (1024 + orders->len * 1024);
  ics_append_line (out, "BEGIN:VCALENDAR");
  ics_append_line (out, "VERSION:2.0");
  ics_append_line (out, "PRODID:-//Orderwatch//Orderwatch " PACKAGE_VERSION "//EN");
  ics_append_line (out, "CALSCALE:GREGORIAN");
  ics_append_line (out, "METHOD:PUBLISH");
  ics_append_property (out, "X-WR-CALNAME", _("Order deadlines"));

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      OwPolicy *policy;
      OwDeadlineSet set;

      if (ow_order_get_archived (order))
        continue;
      policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
      if (policy == NULL)
        continue;

      ow_deadlines_compute (order, policy, now, &set);
      for (guint d = 0; d < set.n_deadlines; d++)
        {
          const OwDeadline *deadline = &set.deadlines[d];

          if (deadline->due == OW_TIME_UNSET || deadline->rule == NULL)
            continue;
          if (deadline->state != OW_DEADLINE_RUNNING && deadline->state != OW_DEADLINE_URGENT &&
              deadline->state != OW_DEADLINE_NOT_STARTED)
            continue;
          ics_append_event (out, order, deadline, stamp);
        }
    }

  ics_append_line (out, "END:VCALENDAR");
  return g_string_free_to_bytes (out);
}
