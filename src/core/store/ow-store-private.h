/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files that make up OwStore (orders, parcels, reminders). */
#pragma once

#include <sqlite3.h>

#include "ow-parcel.h"
#include "ow-store.h"
#include "ow-tracking-event.h"

G_BEGIN_DECLS

sqlite3      *ow_store_get_db         (OwStore      *self);
/* A cached prepared statement (keyed by the SQL text), reset and with bindings cleared.
 * Do not finalize it; sqlite3_reset it when done so it holds no read lock. */
sqlite3_stmt *ow_store_prepare        (OwStore      *self,
                                       const char   *sql,
                                       GError      **error);
/* Sets @error from the connection's last error, after @what, a translated phrase such as
 * _("Could not save the parcel"). A unique violation gives OW_STORE_ERROR_DUPLICATE. */
void          ow_store_set_sql_error  (OwStore      *self,
                                       const char   *what,
                                       GError      **error);
/* Whether an ow_store_begin () is still open. */
gboolean      ow_store_in_transaction (OwStore      *self);
/* Ends a scan of @stmt that stopped with @rc: sets @error after @what unless @rc is
 * SQLITE_DONE, then resets @stmt. Returns whether every row was read. */
gboolean      ow_store_end_scan       (OwStore      *self,
                                       sqlite3_stmt *stmt,
                                       int           rc,
                                       const char   *what,
                                       GError      **error);
/* Steps a statement that returns no rows, then resets it; on failure sets @error after @what. */
gboolean      ow_store_step_done      (OwStore      *self,
                                       sqlite3_stmt *stmt,
                                       const char   *what,
                                       GError      **error);

/* Gives each of @orders (sorted by id) the facts of its latest marketplace dispute, for the
 * deadline engine (ow-store-disputes.c). */
void          ow_store_apply_dispute_facts (OwStore    *self,
                                            GPtrArray  *orders);

/* Row helpers: NULL columns read as NULL / OW_TIME_UNSET, and NULL / OW_TIME_UNSET / an id
 * of 0 or less are bound as NULL. Text is copied when bound. */
const char   *ow_store_column_text    (sqlite3_stmt *stmt,
                                       int           column);
gint64        ow_store_column_time    (sqlite3_stmt *stmt,
                                       int           column);
void          ow_store_bind_text      (sqlite3_stmt *stmt,
                                       int           column,
                                       const char   *text);
void          ow_store_bind_time      (sqlite3_stmt *stmt,
                                       int           column,
                                       gint64        time);
void          ow_store_bind_id        (sqlite3_stmt *stmt,
                                       int           column,
                                       gint64        id);

/* Rows of parcels and tracking events: SELECT these columns, then read a row. */
#define OW_STORE_PARCEL_COLUMNS \
  "p.id, p.order_id, p.tracking_number, p.provider, p.provider_overridden, " \
  "p.follows_parcel_id, p.status, p.raw_status, p.carrier, p.last_check, p.next_check, " \
  "p.last_movement, p.delivered_at, p.failures, p.last_error, p.created_at"
#define OW_STORE_EVENT_COLUMNS \
  "id, parcel_id, time, status, raw_code, event_key, description, location"

OwParcel        *ow_store_parcel_from_row (sqlite3_stmt *stmt);
OwTrackingEvent *ow_store_event_from_row  (sqlite3_stmt *stmt);

G_END_DECLS
