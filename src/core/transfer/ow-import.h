/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading orders in: the JSON written by ow_export_json () and CSV from spreadsheets. */
#pragma once

#include <gio/gio.h>

#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_IMPORT_DEFAULT      = 0,
  /* Keep the valid rows and report the bad ones instead of failing. */
  OW_IMPORT_SKIP_INVALID = 1 << 0,
} OwImportFlags;

/* (element-type OwOrder) every order of an orderwatch JSON document, validated, or NULL with
 * an OW_INPUT_ERROR naming the order ("order 3 (8123456789), paid: ..."). */
GPtrArray  *ow_import_json        (GBytes            *data,
                                   GError           **error);
/* (element-type OwOrder) one order per CSV row. Without @skip_invalid any bad row fails the
 * whole import (OW_INPUT_ERROR, the first problem); @row_errors (element-type utf8) gets
 * one message per bad row ("line 7, column paid: ..."). Dates without a time are midnight
 * UTC, and the marketplace is not checked: use ow_import_csv_full () for that. */
GPtrArray  *ow_import_csv         (GBytes            *data,
                                   gboolean           skip_invalid,
                                   GPtrArray        **row_errors,
                                   GError           **error);
/* As ow_import_csv (), and: with @policies (nullable) the marketplace must be one it knows
 * and a date alone is midnight in that policy's zone; @lines (nullable, element-type guint)
 * gets the line each returned order started on, @records (nullable, element-type
 * OwOrderRecords) what else each row holds: the numbers of its "tracking" column. */
GPtrArray  *ow_import_csv_full    (GBytes            *data,
                                   OwPolicyRegistry  *policies,
                                   OwImportFlags      flags,
                                   GArray           **lines,
                                   GPtrArray        **records,
                                   GPtrArray        **row_errors,
                                   GError           **error);
/* As ow_import_json (), checking marketplaces against @policies (nullable); @records
 * (nullable, element-type OwOrderRecords) gets each order's parcels with their events, sent
 * reminders and snoozes, as ow_store_add_records () writes them. */
GPtrArray  *ow_import_json_full   (GBytes            *data,
                                   OwPolicyRegistry  *policies,
                                   GPtrArray        **records,
                                   GError           **error);

/* The name of the other tool whose export @data starts with (its header row: an AliExpress
 * order exporter's CSV, an order downloader's tab-separated file, Temu's export), for people,
 * or NULL. */
const char *ow_import_exporter_detect (const char        *data,
                                       gsize              length);
/* (element-type OwOrder) the orders of such an export: the rows of one order make one order
 * listing its items in its item text, amounts in the currency's minor units, statuses as the
 * facts they prove (dates unknown, OW_FACT_IMPORTED), every fact marked as from @name's file
 * (nullable). @lines, @records, @row_errors and the flags as for ow_import_csv_full (); a bad
 * row leaves its whole order out. */
GPtrArray  *ow_import_exporter_read   (GBytes            *data,
                                       const char        *name,
                                       OwPolicyRegistry  *policies,
                                       OwImportFlags      flags,
                                       GArray           **lines,
                                       GPtrArray        **records,
                                       GPtrArray        **row_errors,
                                       GError           **error);

/* Whether @data starts like a mail or an mbox (its headers, or "From "). */
gboolean    ow_import_email_detect    (const char        *data,
                                       gsize              length);
/* (element-type OwOrder) the orders the mails of @data (one .eml, or an mbox) tell about:
 * AliExpress's notices and any shop's schema.org Order or ParcelDelivery (JSON-LD or
 * microdata), each event at the mail's Date, marked as from that mail (OW_FACT_IMPORTED). One
 * order per mail; the same order in several mails is merged by OwImportPlan. @records
 * (element-type OwOrderRecords) gets their parcels, a hand-off to a local carrier as a parcel
 * continuing the first; @not_understood (element-type utf8) a line per mail that is not an
 * order mail ("mail 3 (“Deals”): not an order mail Orderwatch reads (from …)"). An order mail
 * that does not read fails the import unless OW_IMPORT_SKIP_INVALID; @row_errors gets each. */
GPtrArray  *ow_import_email           (GBytes            *data,
                                       const char        *name,
                                       OwPolicyRegistry  *policies,
                                       OwImportFlags      flags,
                                       GPtrArray        **records,
                                       GPtrArray        **not_understood,
                                       GPtrArray        **row_errors,
                                       GError           **error);

/* Takes a batch of @orders (element-type OwOrder) read and checked, the first being the
 * @first-th of the file (from 0), with their @records (element-type OwOrderRecords, one per
 * order; NULL when not asked for). Keep them with g_ptr_array_ref (). FALSE with @error
 * stops the reading, and that error is the reader's. */
typedef gboolean (*OwImportBatchFunc) (GPtrArray  *orders,
                                       GPtrArray  *records,
                                       guint       first,
                                       gpointer    user_data,
                                       GError    **error);
/* Reads an orderwatch JSON document as a stream and hands its orders to @func as they are
 * read, @batch_size at a time (the last batch smaller), each checked as ow_import_json_full ()
 * does. Returns FALSE with an OW_INPUT_ERROR when anything in the file does not read: then
 * batches may already have been handed over, so write them inside a transaction and roll it
 * back. The problems are reported in the same order as ow_import_json_full (): the syntax,
 * then the header, then the first order that does not read. */
gboolean    ow_import_json_batches (GBytes           *data,
                                    OwPolicyRegistry *policies,
                                    gboolean          with_records,
                                    guint             batch_size,
                                    OwImportBatchFunc func,
                                    gpointer          user_data,
                                    GError          **error);

typedef enum
{
  OW_IMPORT_FORMAT_CSV,
  OW_IMPORT_FORMAT_JSON,
} OwImportFormat;

/* From the file name's extension (.json, .csv), else from the first character: an export
 * starts with "{", anything else is taken for CSV. @name and @data are nullable. */
OwImportFormat ow_import_guess_format (const char        *name,
                                       GBytes            *data);
/* (element-type OwOrder) (transfer container): the orders of @data (a JSON export or CSV,
 * told by ow_import_guess_format ()) added to @store in one transaction, each checked with
 * the marketplace's rules in @policies. Orders already in @store (the same marketplace and
 * order number) are left out and counted in @n_existing (nullable). When any order does not
 * read, NULL with an OW_INPUT_ERROR naming it, and nothing is written. */
GPtrArray  *ow_import_into_store  (OwStore           *store,
                                   OwPolicyRegistry  *policies,
                                   GBytes            *data,
                                   const char        *name,
                                   guint             *n_existing,
                                   GError           **error);

/* Fast ISO 8601 parsing for bulk input: "2026-11-01T10:00:00Z", an offset, or a date alone
 * (midnight in @zone, UTC when NULL); anything else goes through ow_time_parse (). */
gboolean    ow_import_parse_time  (const char        *text,
                                   gsize              length,
                                   GTimeZone         *zone,
                                   const char        *field,
                                   gint64            *out,
                                   GError           **error);

G_END_DECLS
