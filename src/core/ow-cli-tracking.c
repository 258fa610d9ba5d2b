/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-cli-tracking.h"
#include "ow-error.h"
#include "ow-store-private.h"
#include "ow-time.h"

gboolean
ow_cli_attach_tracking (OwStore     *store,
                        gint64       order_id,
                        const char  *number,
                        const char  *provider,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  if (number == NULL || *number == '\0' || strlen (number) > 64)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("--tracking: a tracking number has 1 to 64 characters"));
      return FALSE;
    }

  stmt = ow_store_prepare (store,
                           "INSERT INTO parcels (order_id, tracking_number, provider, "
                           "provider_overridden, created_at, next_check) VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, provider, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, provider != NULL);
  sqlite3_bind_int64 (stmt, 5, ow_time_now ());
  sqlite3_bind_int64 (stmt, 6, ow_time_now ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ow_store_set_sql_error (store, _("Cannot add the parcel"), error);
      return FALSE;
    }
  return TRUE;
}

void
ow_cli_add_parcels_json (OwStore     *store,
                         gint64       order_id,
                         JsonBuilder *builder)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (OW_IS_STORE (store));

  json_builder_set_member_name (builder, "parcels");
  json_builder_begin_array (builder);

  stmt = ow_store_prepare (store,
                           "SELECT tracking_number, provider, status FROM parcels "
                           "WHERE order_id = ? ORDER BY id", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, order_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "tracking_number");
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
          json_builder_set_member_name (builder, "provider");
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
}
