/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-store-private.h"
#include "ow-store-reminders.h"

/* Bookkeeping rows: no "order-changed" for them, nothing the window shows changes. */

/* Reads rows of @n_keys key columns and then an integer into a table from the keys joined
 * with ':' ("12:ship:1700000000") to a gint64; NULL on failure. */
static GHashTable *
collect_keyed_times (OwStore       *self,
                     sqlite3_stmt  *stmt,
                     int            n_keys,
                     const char    *what,
                     GError       **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GString *key = g_string_new (NULL);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value;

      g_string_truncate (key, 0);
      for (int i = 0; i < n_keys; i++)
        {
          if (i > 0)
            g_string_append_c (key, ':');
          /* Integers read as text give their decimal digits, as %G_GINT64_FORMAT would. */
          g_string_append (key, ow_store_column_text (stmt, i));
        }
      value = sqlite3_column_int64 (stmt, n_keys);
      g_hash_table_insert (table, g_strdup (key->str), g_memdup2 (&value, sizeof value));
    }
  g_string_free (key, TRUE);
  if (!ow_store_end_scan (self, stmt, rc, what, error))
    return NULL;
  return g_steal_pointer (&table);
}

gboolean
ow_store_record_reminder (OwStore     *self,
                          gint64       order_id,
                          const char  *kind,
                          gint64       due,
                          gint64       before,
                          gint64       sent_at,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (order_id > 0, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = ow_store_prepare (self,
                           "INSERT OR REPLACE INTO reminders_sent "
                           "(order_id, kind, due, before, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, due);
  sqlite3_bind_int64 (stmt, 4, before);
  sqlite3_bind_int64 (stmt, 5, sent_at);
  return ow_store_step_done (self, stmt, _("Could not record a sent reminder"), error);
}

gint64
ow_store_get_reminder_sent (OwStore     *self,
                            gint64       order_id,
                            const char  *kind,
                            gint64       due,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 result = G_MAXINT64;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), G_MAXINT64);
  g_return_val_if_fail (kind != NULL, G_MAXINT64);

  stmt = ow_store_prepare (self,
                           "SELECT MIN(before) FROM reminders_sent "
                           "WHERE order_id = ?1 AND kind = ?2 AND due = ?3", error);
  if (stmt == NULL)
    return G_MAXINT64;

  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, due);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_ROW)
    ow_store_set_sql_error (self, _("Could not read the sent reminders"), error);
  sqlite3_reset (stmt);
  return result;
}

/* Prepares @every_order, or with @order_ids @some_orders, whose ?1 is those ids as a JSON
 * array (one statement, however many ids: SQLite's json_each() reads them). */
static sqlite3_stmt *
prepare_for_orders (OwStore     *self,
                    GArray      *order_ids,
                    const char  *every_order,
                    const char  *some_orders,
                    GError     **error)
{
  g_autoptr(GString) json = NULL;
  sqlite3_stmt *stmt;

  stmt = ow_store_prepare (self, order_ids != NULL ? some_orders : every_order, error);
  if (stmt == NULL || order_ids == NULL)
    return stmt;

  json = g_string_new ("[");
  for (guint i = 0; i < order_ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (order_ids, gint64, i));
  g_string_append_c (json, ']');
  sqlite3_bind_text (stmt, 1, json->str, (int) json->len, SQLITE_TRANSIENT);
  return stmt;
}

#define IN_ORDER_IDS "order_id IN (SELECT value FROM json_each(?1))"

GHashTable *
ow_store_list_reminders_sent (OwStore  *self,
                              GArray   *order_ids,
                              GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = prepare_for_orders (self, order_ids,
                             "SELECT order_id, kind, due, MIN(before) FROM reminders_sent "
                             "GROUP BY order_id, kind, due",
                             "SELECT order_id, kind, due, MIN(before) FROM reminders_sent "
                             "WHERE " IN_ORDER_IDS " GROUP BY order_id, kind, due", error);
  if (stmt == NULL)
    return NULL;
  return collect_keyed_times (self, stmt, 3, _("Could not read the sent reminders"), error);
}

guint
ow_store_count_reminders_sent (OwStore  *self,
                               gint64    order_id,
                               GError  **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (OW_IS_STORE (self), 0);

  stmt = ow_store_prepare (self, "SELECT COUNT(*) FROM reminders_sent WHERE order_id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, order_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  else
    ow_store_set_sql_error (self, _("Could not read the sent reminders"), error);
  sqlite3_reset (stmt);
  return count;
}

gboolean
ow_store_snooze (OwStore     *self,
                 gint64       order_id,
                 const char  *kind,
                 gint64       until,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = ow_store_prepare (self,
                           "INSERT OR REPLACE INTO snoozes (order_id, kind, until) "
                           "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, until);
  /* A foreign key failure here means the order is gone. */
  return ow_store_step_done (self, stmt, _("Could not snooze the reminder"), error);
}

gboolean
ow_store_unsnooze (OwStore     *self,
                   gint64       order_id,
                   const char  *kind,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  stmt = ow_store_prepare (self, "DELETE FROM snoozes WHERE order_id = ?1 AND kind = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  return ow_store_step_done (self, stmt, _("Could not remove the snooze"), error);
}

GHashTable *
ow_store_list_snoozes (OwStore  *self,
                       GArray   *order_ids,
                       GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = prepare_for_orders (self, order_ids, "SELECT order_id, kind, until FROM snoozes",
                             "SELECT order_id, kind, until FROM snoozes WHERE " IN_ORDER_IDS,
                             error);
  if (stmt == NULL)
    return NULL;
  return collect_keyed_times (self, stmt, 2, _("Could not read the snoozed reminders"), error);
}

GHashTable *
ow_store_list_last_movements (OwStore  *self,
                              GArray   *order_ids,
                              GError  **error)
{
  g_autoptr(GHashTable) table = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

#define MOVING_PARCELS "SELECT order_id, MAX(last_movement) FROM parcels " \
                       "WHERE last_movement IS NOT NULL AND status != 'Delivered' " \
                       "AND delivered_at IS NULL"
  stmt = prepare_for_orders (self, order_ids, MOVING_PARCELS " GROUP BY order_id",
                             MOVING_PARCELS " AND " IN_ORDER_IDS " GROUP BY order_id", error);
#undef MOVING_PARCELS
  if (stmt == NULL)
    return NULL;

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (stmt, 0);
      gint64 moved = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (table, g_memdup2 (&order_id, sizeof order_id),
                           g_memdup2 (&moved, sizeof moved));
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the parcels"), error))
    return NULL;
  return g_steal_pointer (&table);
}
