/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-store-private.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

#define PARCEL_COLUMNS OW_STORE_PARCEL_COLUMNS

OwParcel *
ow_store_parcel_from_row (sqlite3_stmt *stmt)
{
  OwParcel *parcel = ow_parcel_new (sqlite3_column_int64 (stmt, 1),
                                    ow_store_column_text (stmt, 2),
                                    ow_store_column_text (stmt, 3));
  OwTrackingStatus status = OW_TRACKING_STATUS_NOT_FOUND;

  ow_parcel_set_id (parcel, sqlite3_column_int64 (stmt, 0));
  ow_parcel_set_provider_overridden (parcel, sqlite3_column_int (stmt, 4) != 0);
  ow_parcel_set_follows_parcel_id (parcel, sqlite3_column_int64 (stmt, 5));
  ow_tracking_status_from_string (ow_store_column_text (stmt, 6), &status);
  ow_parcel_set_status (parcel, status);
  ow_parcel_set_raw_status (parcel, ow_store_column_text (stmt, 7));
  ow_parcel_set_carrier (parcel, ow_store_column_text (stmt, 8));
  ow_parcel_set_last_check (parcel, ow_store_column_time (stmt, 9));
  ow_parcel_set_next_check (parcel, ow_store_column_time (stmt, 10));
  ow_parcel_set_last_movement (parcel, ow_store_column_time (stmt, 11));
  ow_parcel_set_delivered_at (parcel, ow_store_column_time (stmt, 12));
  ow_parcel_set_failures (parcel, (guint) sqlite3_column_int (stmt, 13));
  ow_parcel_set_last_error (parcel, ow_store_column_text (stmt, 14));
  ow_parcel_set_created_at (parcel, ow_store_column_time (stmt, 15));
  return parcel;
}

OwTrackingEvent *
ow_store_event_from_row (sqlite3_stmt *stmt)
{
  OwTrackingStatus status = OW_TRACKING_STATUS_IN_TRANSIT;
  OwTrackingEvent *event;

  ow_tracking_status_from_string (ow_store_column_text (stmt, 3), &status);
  event = ow_tracking_event_new_with_key (sqlite3_column_int64 (stmt, 2), status,
                                          ow_store_column_text (stmt, 4),
                                          ow_store_column_text (stmt, 5),
                                          ow_store_column_text (stmt, 6) != NULL
                                            ? ow_store_column_text (stmt, 6) : "",
                                          ow_store_column_text (stmt, 7));
  ow_tracking_event_set_id (event, sqlite3_column_int64 (stmt, 0));
  ow_tracking_event_set_parcel_id (event, sqlite3_column_int64 (stmt, 1));
  return event;
}

/* Runs a prepared SELECT of PARCEL_COLUMNS, resetting it whatever happens. */
static GPtrArray *
collect_parcels (OwStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) parcels = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (parcels, ow_store_parcel_from_row (stmt));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the parcels"), error))
    return NULL;
  return g_steal_pointer (&parcels);
}

gboolean
ow_store_add_parcel (OwStore   *self,
                     OwParcel  *parcel,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 now = ow_time_now ();
  gint64 next_check;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_PARCEL (parcel), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_tracking_number_validate (ow_parcel_get_tracking_number (parcel), error))
    return FALSE;

  if (!ow_store_begin (self, error))
    return FALSE;

  stmt = ow_store_prepare (self,
                           "INSERT INTO parcels (order_id, tracking_number, provider, "
                           "provider_overridden, follows_parcel_id, status, created_at, "
                           "next_check, raw_status, carrier, last_check, last_movement, "
                           "delivered_at, failures, last_error) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                           "?14, ?15)",
                           error);
  if (stmt == NULL)
    goto fail;

  /* A new parcel is due at once unless the caller said otherwise. */
  next_check = ow_parcel_get_next_check (parcel);
  if (next_check == OW_TIME_UNSET && ow_parcel_get_last_check (parcel) == OW_TIME_UNSET)
    next_check = now;

  /* Everything, so an imported parcel keeps its state. */
  sqlite3_bind_int64 (stmt, 1, ow_parcel_get_order_id (parcel));
  ow_store_bind_text (stmt, 2, ow_parcel_get_tracking_number (parcel));
  ow_store_bind_text (stmt, 3, ow_parcel_get_provider (parcel));
  sqlite3_bind_int (stmt, 4, ow_parcel_get_provider_overridden (parcel));
  ow_store_bind_id (stmt, 5, ow_parcel_get_follows_parcel_id (parcel));
  ow_store_bind_text (stmt, 6, ow_tracking_status_to_string (ow_parcel_get_status (parcel)));
  sqlite3_bind_int64 (stmt, 7, now);
  ow_store_bind_time (stmt, 8, next_check);
  ow_store_bind_text (stmt, 9, ow_parcel_get_raw_status (parcel));
  ow_store_bind_text (stmt, 10, ow_parcel_get_carrier (parcel));
  ow_store_bind_time (stmt, 11, ow_parcel_get_last_check (parcel));
  ow_store_bind_time (stmt, 12, ow_parcel_get_last_movement (parcel));
  ow_store_bind_time (stmt, 13, ow_parcel_get_delivered_at (parcel));
  sqlite3_bind_int (stmt, 14, (int) MIN (ow_parcel_get_failures (parcel), G_MAXINT));
  ow_store_bind_text (stmt, 15, ow_parcel_get_last_error (parcel));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (ow_store_get_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
                     _("Tracking number %s is already on this order"),
                     ow_parcel_get_tracking_number (parcel));
      else if (sqlite3_extended_errcode (ow_store_get_db (self)) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                     _("There is no order with id %" PRId64),
                     ow_parcel_get_order_id (parcel));
      else
        ow_store_set_sql_error (self, _("Could not add the parcel"), error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  ow_parcel_set_id (parcel, sqlite3_last_insert_rowid (ow_store_get_db (self)));
  ow_parcel_set_created_at (parcel, now);
  ow_parcel_set_next_check (parcel, next_check);
  ow_store_emit_changed (self, ow_parcel_get_order_id (parcel));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

gboolean
ow_store_update_parcel (OwStore   *self,
                        OwParcel  *parcel,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_PARCEL (parcel), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_tracking_number_validate (ow_parcel_get_tracking_number (parcel), error))
    return FALSE;
  if (!ow_store_begin (self, error))
    return FALSE;

  stmt = ow_store_prepare (self,
                           "UPDATE parcels SET tracking_number = ?1, provider = ?2, "
                           "provider_overridden = ?3, follows_parcel_id = ?4, next_check = ?5 "
                           "WHERE id = ?6",
                           error);
  if (stmt == NULL)
    goto fail;
  ow_store_bind_text (stmt, 1, ow_parcel_get_tracking_number (parcel));
  ow_store_bind_text (stmt, 2, ow_parcel_get_provider (parcel));
  sqlite3_bind_int (stmt, 3, ow_parcel_get_provider_overridden (parcel));
  ow_store_bind_id (stmt, 4, ow_parcel_get_follows_parcel_id (parcel));
  ow_store_bind_time (stmt, 5, ow_parcel_get_next_check (parcel));
  sqlite3_bind_int64 (stmt, 6, ow_parcel_get_id (parcel));
  if (!ow_store_step_done (self, stmt, _("Could not save the parcel"), error))
    goto fail;
  if (sqlite3_changes (ow_store_get_db (self)) == 0)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                   _("There is no parcel with id %" PRId64), ow_parcel_get_id (parcel));
      goto fail;
    }

  ow_store_emit_changed (self, ow_parcel_get_order_id (parcel));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

OwParcel *
ow_store_get_parcel (OwStore  *self,
                     gint64    parcel_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) parcels = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, "SELECT " PARCEL_COLUMNS " FROM parcels p WHERE p.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, parcel_id);
  if ((parcels = collect_parcels (self, stmt, error)) == NULL)
    return NULL;
  if (parcels->len == 0)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                   _("There is no parcel with id %" PRId64), parcel_id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (parcels, 0));
}

gboolean
ow_store_delete_parcel (OwStore  *self,
                        gint64    parcel_id,
                        GError  **error)
{
  g_autoptr(OwParcel) parcel = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  if ((parcel = ow_store_get_parcel (self, parcel_id, error)) == NULL)
    goto fail;
  if ((stmt = ow_store_prepare (self, "DELETE FROM parcels WHERE id = ?1", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, parcel_id);
  if (!ow_store_step_done (self, stmt, _("Could not delete the parcel"), error))
    goto fail;

  ow_store_emit_changed (self, ow_parcel_get_order_id (parcel));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

OwParcel *
ow_store_find_parcel (OwStore     *self,
                      gint64       order_id,
                      const char  *number,
                      GError     **error)
{
  g_autoptr(GPtrArray) parcels = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, "SELECT " PARCEL_COLUMNS " FROM parcels p "
                                 "WHERE p.order_id = ?1 AND p.tracking_number = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  ow_store_bind_text (stmt, 2, number);
  if ((parcels = collect_parcels (self, stmt, error)) == NULL || parcels->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (parcels, 0));
}

GPtrArray *
ow_store_list_parcels (OwStore  *self,
                       gint64    order_id,
                       GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, "SELECT " PARCEL_COLUMNS " FROM parcels p "
                                 "WHERE p.order_id = ?1 ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return collect_parcels (self, stmt, error);
}

GPtrArray *
ow_store_list_due_parcels (OwStore  *self,
                           gint64    now,
                           GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, "SELECT " PARCEL_COLUMNS " FROM parcels p "
                                 "JOIN orders o ON o.id = p.order_id "
                                 "WHERE p.next_check IS NOT NULL AND p.next_check <= ?1 "
                                 "AND o.archived = 0 ORDER BY p.next_check, p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  return collect_parcels (self, stmt, error);
}

gint64
ow_store_get_next_parcel_check (OwStore  *self,
                                GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 next = OW_TIME_UNSET;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), OW_TIME_UNSET);
  g_return_val_if_fail (error == NULL || *error == NULL, OW_TIME_UNSET);

  stmt = ow_store_prepare (self, "SELECT MIN(p.next_check) FROM parcels p "
                                 "JOIN orders o ON o.id = p.order_id WHERE o.archived = 0",
                           error);
  if (stmt == NULL)
    return OW_TIME_UNSET;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    next = ow_store_column_time (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    ow_store_set_sql_error (self, _("Could not read the parcels"), error);
  return next;
}

GPtrArray *
ow_store_list_tracking_events (OwStore  *self,
                               gint64    parcel_id,
                               GError  **error)
{
  g_autoptr(GPtrArray) events = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Within one instant, the order the provider gave (stored newest first). */
  stmt = ow_store_prepare (self, "SELECT " OW_STORE_EVENT_COLUMNS " FROM tracking_events "
                                 "WHERE parcel_id = ?1 ORDER BY time DESC, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, parcel_id);

  events = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, ow_store_event_from_row (stmt));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the tracking events"), error))
    return NULL;
  return g_steal_pointer (&events);
}
