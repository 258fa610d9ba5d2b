/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-deadlines.h"
#include "ow-dispute.h"
#include "ow-evidence.h"
#include "ow-export.h"
#include "ow-json-writer.h"
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
ow_export_order_members (OwOrder      *order,
                         OwJsonWriter *writer)
{
  const char *currency;
  g_autofree char *amount = NULL;

  g_return_if_fail (OW_IS_ORDER (order));
  g_return_if_fail (writer != NULL);

  currency = ow_order_get_currency (order);
  amount = ow_money_to_decimal (ow_order_get_amount (order), currency);

  ow_json_writer_int_member (writer, "id", ow_order_get_id (order));
  ow_json_writer_string_member (writer, "marketplace", ow_order_get_marketplace (order));
  ow_json_writer_string_member (writer, "order_number", ow_order_get_order_number (order));
  ow_json_writer_string_member (writer, "item", ow_order_get_item_title (order));
  ow_json_writer_string_member (writer, "store", ow_order_get_store_name (order));
  ow_json_writer_int_member (writer, "quantity", ow_order_get_quantity (order));
  /* A decimal string: no binary floating point near money. */
  ow_json_writer_string_member (writer, "amount", amount);
  ow_json_writer_string_member (writer, "currency", currency);
  ow_json_writer_string_member (writer, "payment_method",
                                ow_payment_method_to_string (ow_order_get_payment_method (order)));

  ow_json_writer_member (writer, "facts");
  ow_json_writer_begin_object (writer);
  for (guint i = 0; i < OW_N_EVENTS; i++)
    {
      gint64 time = ow_order_get_time (order, i);

      if (!ow_order_get_time_known (order, i))
        continue;
      ow_json_writer_member (writer, ow_order_event_to_string (i));
      ow_json_writer_begin_object_inline (writer);
      /* A null time: known to have happened, date unknown. */
      ow_json_writer_time_member (writer, "time", time);
      ow_json_writer_string_member (writer, "source",
                                    ow_fact_source_to_string (ow_order_get_time_source (order, i)));
      if (ow_order_get_time_origin (order, i) != NULL)
        ow_json_writer_string_member (writer, "origin", ow_order_get_time_origin (order, i));
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_object (writer);

  ow_json_writer_string_member (writer, "close_reason",
                                ow_close_reason_to_string (ow_order_get_close_reason (order)));
  ow_json_writer_int_member (writer, "processing_days", ow_order_get_processing_days (order));
  ow_json_writer_int_member (writer, "delivery_days", ow_order_get_delivery_days (order));

  ow_json_writer_member (writer, "extensions");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    {
      const OwExtension *x = ow_order_get_extension (order, i);

      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_time_member (writer, "requested_at", x->requested_at);
      ow_json_writer_int_member (writer, "days", x->days);
      ow_json_writer_string_member (writer, "state", ow_extension_state_to_string (x->state));
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);

  ow_json_writer_string_member (writer, "notes", ow_order_get_notes (order));
  ow_json_writer_boolean_member (writer, "archived", ow_order_get_archived (order));
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

static void
write_parcels (OwJsonWriter         *writer,
               const OwOrderRecords *records)
{
  ow_json_writer_member (writer, "parcels");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; records && i < records->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (records->parcels, i);
      GPtrArray *events = g_ptr_array_index (records->events, i);

      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_string_member (writer, "tracking_number",
                                    ow_parcel_get_tracking_number (parcel));
      ow_json_writer_string_member (writer, "provider", ow_parcel_get_provider (parcel));
      ow_json_writer_boolean_member (writer, "provider_overridden",
                                     ow_parcel_get_provider_overridden (parcel));
      ow_json_writer_string_member (writer, "follows", follows_number (records, parcel));
      ow_json_writer_string_member (writer, "status",
                                    ow_tracking_status_to_string (ow_parcel_get_status (parcel)));
      ow_json_writer_string_member (writer, "raw_status", ow_parcel_get_raw_status (parcel));
      ow_json_writer_string_member (writer, "carrier", ow_parcel_get_carrier (parcel));
      ow_json_writer_time_member (writer, "created_at", ow_parcel_get_created_at (parcel));
      ow_json_writer_time_member (writer, "last_check", ow_parcel_get_last_check (parcel));
      ow_json_writer_time_member (writer, "next_check", ow_parcel_get_next_check (parcel));
      ow_json_writer_time_member (writer, "last_movement", ow_parcel_get_last_movement (parcel));
      ow_json_writer_time_member (writer, "delivered_at", ow_parcel_get_delivered_at (parcel));
      ow_json_writer_int_member (writer, "failures", ow_parcel_get_failures (parcel));
      ow_json_writer_string_member (writer, "last_error", ow_parcel_get_last_error (parcel));
      ow_json_writer_member (writer, "events");
      ow_json_writer_begin_array (writer);
      for (guint e = 0; e < events->len; e++)
        {
          OwTrackingEvent *event = g_ptr_array_index (events, e);

          ow_json_writer_begin_object_inline (writer);
          ow_json_writer_time_member (writer, "time", ow_tracking_event_get_time (event));
          ow_json_writer_string_member (writer, "status", ow_tracking_status_to_string (
                                                            ow_tracking_event_get_status (event)));
          ow_json_writer_string_member (writer, "code", ow_tracking_event_get_raw_code (event));
          ow_json_writer_string_member (writer, "key", ow_tracking_event_get_key (event));
          ow_json_writer_string_member (writer, "description",
                                        ow_tracking_event_get_description (event));
          ow_json_writer_string_member (writer, "location",
                                        ow_tracking_event_get_location (event));
          ow_json_writer_end_object (writer);
        }
      ow_json_writer_end_array (writer);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}

static void
write_disputes (OwJsonWriter         *writer,
                const OwOrderRecords *records)
{
  ow_json_writer_member (writer, "disputes");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; records && i < records->disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (records->disputes, i);

      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_string_member (writer, "channel", ow_dispute_channel_to_string (
                                                         ow_dispute_get_channel (dispute)));
      ow_json_writer_string_member (writer, "reason", ow_dispute_get_reason (dispute));
      ow_json_writer_string_member (writer, "solution", ow_dispute_solution_to_string (
                                                          ow_dispute_get_solution (dispute)));
      ow_json_writer_int_member (writer, "amount_minor", ow_dispute_get_amount (dispute));
      ow_json_writer_string_member (writer, "description", ow_dispute_get_description (dispute));
      ow_json_writer_member (writer, "history");
      ow_json_writer_begin_array (writer);
      for (guint s = 0; s < ow_dispute_get_n_steps (dispute); s++)
        {
          const OwDisputeStep *step = ow_dispute_get_step (dispute, s);

          ow_json_writer_begin_object_inline (writer);
          ow_json_writer_string_member (writer, "kind", ow_dispute_step_to_string (step->kind));
          ow_json_writer_time_member (writer, "at", step->at);
          ow_json_writer_int_member (writer, "amount_minor", step->amount);
          ow_json_writer_string_member (writer, "text", step->text);
          ow_json_writer_end_object (writer);
        }
      ow_json_writer_end_array (writer);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}

void
ow_export_records_members (const OwOrderRecords *records,
                           OwJsonWriter         *writer)
{
  g_return_if_fail (writer != NULL);

  write_parcels (writer, records);

  ow_json_writer_member (writer, "reminders_sent");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; records && i < records->reminders->len; i++)
    {
      const OwSentReminder *r = &g_array_index (records->reminders, OwSentReminder, i);

      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_string_member (writer, "kind", r->kind);
      ow_json_writer_time_member (writer, "due", r->due);
      ow_json_writer_int_member (writer, "before", r->before);
      ow_json_writer_time_member (writer, "sent_at", r->sent_at);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);

  ow_json_writer_member (writer, "snoozes");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; records && i < records->snoozes->len; i++)
    {
      const OwSnooze *z = &g_array_index (records->snoozes, OwSnooze, i);

      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_string_member (writer, "kind", z->kind);
      ow_json_writer_time_member (writer, "until", z->until);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);

  write_disputes (writer, records);

  ow_json_writer_member (writer, "evidence");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; records && i < records->evidence->len; i++)
    {
      OwEvidence *item = g_ptr_array_index (records->evidence, i);

      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_string_member (writer, "kind",
                                    ow_evidence_kind_to_string (ow_evidence_get_kind (item)));
      ow_json_writer_string_member (writer, "original_name",
                                    ow_evidence_get_original_name (item));
      ow_json_writer_string_member (writer, "media_type", ow_evidence_get_media_type (item));
      ow_json_writer_int_member (writer, "size", ow_evidence_get_size (item));
      ow_json_writer_string_member (writer, "sha256", ow_evidence_get_sha256 (item));
      ow_json_writer_string_member (writer, "note", ow_evidence_get_note (item));
      ow_json_writer_time_member (writer, "added_at", ow_evidence_get_added_at (item));
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}

void
ow_export_deadline_members (OwOrder          *order,
                            const OwDeadline *deadline,
                            gint64            now,
                            OwJsonWriter     *writer)
{
  OwDeadlineOrder of;

  g_return_if_fail (OW_IS_ORDER (order));

  of.id = ow_order_get_id (order);
  of.order_number = ow_order_get_order_number (order);
  of.marketplace = ow_order_get_marketplace (order);
  of.item = ow_order_get_item_title (order);
  ow_export_deadline_members_of (&of, deadline, now, writer);
}

void
ow_export_deadline_members_of (const OwDeadlineOrder *order,
                               const OwDeadline      *deadline,
                               gint64                 now,
                               OwJsonWriter          *writer)
{
  const char *fixed_words;
  g_autofree char *words = NULL;

  g_return_if_fail (order != NULL);
  g_return_if_fail (deadline != NULL && deadline->rule != NULL);
  g_return_if_fail (writer != NULL);

  fixed_words = ow_deadline_describe_fixed (deadline);
  if (fixed_words == NULL)
    words = ow_deadline_describe (deadline, now);

  ow_json_writer_int_member (writer, "order_id", order->id);
  ow_json_writer_string_member (writer, "order_number", order->order_number);
  ow_json_writer_string_member (writer, "marketplace", order->marketplace);
  ow_json_writer_string_member (writer, "item", order->item);
  /* The rule's words are the policy's, the same for every order: escaped once. */
  ow_json_writer_constant_string_member (writer, "kind", ow_rule_get_id (deadline->rule));
  ow_json_writer_constant_string_member (writer, "title", ow_rule_get_title (deadline->rule));
  ow_json_writer_time_member (writer, "starts", deadline->starts);
  ow_json_writer_time_member (writer, "due", deadline->due);
  ow_json_writer_time_member (writer, "due_late", deadline->due_late);
  ow_json_writer_constant_string_member (writer, "state",
                                         ow_deadline_state_to_string (deadline->state));
  if (fixed_words != NULL)
    ow_json_writer_constant_string_member (writer, "description", fixed_words);
  else
    ow_json_writer_string_member (writer, "description", words);
  ow_json_writer_constant_string_member (writer, "on_expiry",
                                         ow_rule_get_on_expiry (deadline->rule));
  ow_json_writer_constant_string_member (writer, "buyer_actions",
                                         ow_rule_get_buyer_actions (deadline->rule));
  ow_json_writer_constant_string_member (writer, "confidence",
                                         ow_rule_get_confidence (deadline->rule));
}

static void
write_backup (OwJsonWriter *writer,
              GPtrArray    *orders,
              GHashTable   *records)
{
  ow_json_writer_begin_object (writer);
  ow_json_writer_string_member (writer, "format", "orderwatch");
  ow_json_writer_int_member (writer, "version", OW_EXPORT_JSON_VERSION);
  ow_json_writer_member (writer, "orders");
  ow_json_writer_begin_array (writer);
  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      gint64 id = ow_order_get_id (order);

      ow_json_writer_begin_object (writer);
      ow_export_order_members (order, writer);
      ow_export_records_members (records ? g_hash_table_lookup (records, &id) : NULL, writer);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
  ow_json_writer_end_object (writer);
}

GBytes *
ow_export_json (GPtrArray  *orders,
                GHashTable *records)
{
  OwJsonWriter *writer;

  g_return_val_if_fail (orders != NULL, NULL);

  writer = ow_json_writer_new (OW_JSON_STYLE_FILE, NULL, NULL);
  write_backup (writer, orders, records);
  return ow_json_writer_free_to_bytes (writer);
}

gboolean
ow_export_json_write (GPtrArray   *orders,
                      GHashTable  *records,
                      OwJsonSink   sink,
                      gpointer     user_data,
                      GError     **error)
{
  g_autoptr(OwJsonWriter) writer = NULL;

  g_return_val_if_fail (orders != NULL, FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);

  writer = ow_json_writer_new (OW_JSON_STYLE_FILE, sink, user_data);
  write_backup (writer, orders, records);
  return ow_json_writer_finish (writer, error);
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

  csv_append_field (out, ow_json_format_time (time, buffer), FALSE);
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
