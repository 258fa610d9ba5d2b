/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing orders out: the lossless JSON format, CSV for spreadsheets, iCalendar for calendars. */
#pragma once

#include <json-glib/json-glib.h>

#include "ow-json-writer.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* The version written in the JSON header ({"format": "orderwatch", "version": 2}). Version 2
 * added each order's parcels with their events, the reminders sent, the snoozes, the disputes
 * and the evidence records. */
#define OW_EXPORT_JSON_VERSION 2

/* The CSV columns, in the order ow_export_csv () writes them (NULL-terminated). */
extern const char * const ow_csv_columns[];

const char *ow_fact_source_to_string    (OwFactSource   source);
gboolean    ow_fact_source_from_string  (const char    *text,
                                         OwFactSource  *source);

/* For the few callers that build a tree: a member of the object @builder is in, @value or
 * null when it is NULL. */
void        ow_export_add_string_member (JsonBuilder   *builder,
                                         const char    *name,
                                         const char    *value);
/* Adds a member: @time as ISO 8601 UTC ("2024-05-01T08:00:00Z"), or null when unset. */
void        ow_export_add_time_member   (JsonBuilder   *builder,
                                         const char    *name,
                                         gint64         time);

/* The one place each object's members are listed, written to the object @writer is in
 * (text or, with ow_json_writer_new_for_builder (), a tree).
 * One order: every field, facts with their source, extensions. The shape ow_import_json ()
 * reads. */
void        ow_export_order_members     (OwOrder       *order,
                                         OwJsonWriter  *writer);
/* "parcels" (each with its "events"), "reminders_sent", "snoozes", "disputes" (each with its
 * "history") and "evidence" of @records (nullable: all empty): the rest of an order's object
 * in a backup. */
void        ow_export_records_members   (const OwOrderRecords *records,
                                         OwJsonWriter  *writer);
/* One deadline object (order_id, kind, title, due, state, ...). */
void        ow_export_deadline_members  (OwOrder          *order,
                                         const OwDeadline *deadline,
                                         gint64            now,
                                         OwJsonWriter     *writer);

/* What a deadline object says of its order: all a caller needs to keep of an order whose
 * deadlines it writes later (`deadlines` sorts those of 100,000 orders first). */
typedef struct
{
  gint64      id;
  const char *order_number;
  const char *marketplace;
  const char *item;             /* nullable */
} OwDeadlineOrder;

/* ow_export_deadline_members () for an order known by those fields alone. */
void        ow_export_deadline_members_of (const OwDeadlineOrder *order,
                                         const OwDeadline *deadline,
                                         gint64            now,
                                         OwJsonWriter     *writer);

/* (element-type OwOrder) @orders, in the given order, each with its @records (nullable: order
 * id (gint64 *) -> OwOrderRecords, as ow_store_read_everything () gives): a lossless backup
 * that ow_import_json () restores. Pretty-printed UTF-8, ends with a newline. */
GBytes     *ow_export_json              (GPtrArray     *orders,
                                         GHashTable    *records);
/* The same text, handed to @sink as it is written instead of held whole. */
gboolean    ow_export_json_write        (GPtrArray     *orders,
                                         GHashTable    *records,
                                         OwJsonSink     sink,
                                         gpointer       user_data,
                                         GError       **error);
/* RFC 4180: CRLF line endings, a header row with ow_csv_columns. Inferred facts are listed in
 * the "inferred" column and the tracking numbers of @records (nullable) in "tracking"; the
 * extensions, the parcels' tracking state and events, the reminders sent and the snoozes are
 * left out (use JSON for a lossless copy). */
GBytes     *ow_export_csv               (GPtrArray     *orders,
                                         GHashTable    *records);
/* RFC 5545: one VEVENT per deadline with a known due time that is running, urgent or not
 * started, with alarms from the rule's reminders. Archived orders and orders whose
 * marketplace @policies does not know are left out. */
GBytes     *ow_export_ics               (GPtrArray        *orders,
                                         OwPolicyRegistry *policies,
                                         gint64            now);

G_END_DECLS
