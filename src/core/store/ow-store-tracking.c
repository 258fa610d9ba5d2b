/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tracking results in the store: a provider's answer applied to a parcel and its order in
 * one transaction, failures and back-off, and the providers' shared state. The parcels
 * themselves are in ow-store-parcels.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-store-private.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

/* Applying results */

static gboolean
insert_events (OwStore                 *self,
               gint64                   parcel_id,
               const OwTrackingResult  *result,
               guint                   *n_new,
               GError                 **error)
{
  sqlite3_stmt *insert, *reword;

  *n_new = 0;
  if (result->events->len == 0)
    return TRUE;

  /* UNIQUE (parcel_id, time, event_key) keeps each event once across fetches; the same event
   * in new words keeps its row and takes the newest words. */
  insert = ow_store_prepare (self,
                             "INSERT OR IGNORE INTO tracking_events (parcel_id, time, status, "
                             "raw_code, event_key, description, location) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (insert == NULL)
    return FALSE;
  reword = ow_store_prepare (self,
                             "UPDATE tracking_events SET status = ?3, raw_code = ?4, "
                             "description = ?6, location = ?7 WHERE parcel_id = ?1 AND "
                             "time = ?2 AND event_key = ?5 AND (status IS NOT ?3 OR "
                             "raw_code IS NOT ?4 OR description IS NOT ?6 OR location IS NOT ?7)",
                             error);
  if (reword == NULL)
    return FALSE;

  for (guint i = 0; i < result->events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (result->events, i);
      sqlite3_stmt *stmts[] = { insert, reword };
      gboolean inserted = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (stmts) && !inserted; s++)
        {
          sqlite3_stmt *stmt = stmts[s];

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, parcel_id);
          sqlite3_bind_int64 (stmt, 2, ow_tracking_event_get_time (event));
          ow_store_bind_text (stmt, 3, ow_tracking_status_to_string (
                                         ow_tracking_event_get_status (event)));
          ow_store_bind_text (stmt, 4, ow_tracking_event_get_raw_code (event));
          ow_store_bind_text (stmt, 5, ow_tracking_event_get_key (event));
          ow_store_bind_text (stmt, 6, ow_tracking_event_get_description (event));
          ow_store_bind_text (stmt, 7, ow_tracking_event_get_location (event));
          if (!ow_store_step_done (self, stmt, _("Could not save the tracking events"), error))
            return FALSE;
          inserted = stmt == insert && sqlite3_changes (ow_store_get_db (self)) > 0;
        }
      *n_new += inserted;
    }
  return TRUE;
}

static gint64
delivered_time (const OwTrackingResult *result)
{
  gint64 newest = OW_TIME_UNSET;

  for (guint i = 0; i < result->events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (result->events, i);

      if (ow_tracking_event_get_status (event) == OW_TRACKING_STATUS_DELIVERED)
        newest = MAX (newest, ow_tracking_event_get_time (event));
    }
  return newest;
}

/* A last-mile number: kept beside the parcel it continues. It is only polled when
 * another service follows it; the first one keeps reporting under the old number. */
static gboolean
add_follow_on (OwStore     *self,
               OwParcel    *parcel,
               const char  *number,
               GError     **error)
{
  g_autoptr(OwParcel) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OwOrder) order = NULL;
  const char *provider, *first;
  sqlite3_stmt *stmt;
  gboolean polled;

  existing = ow_store_find_parcel (self, ow_parcel_get_order_id (parcel), number, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    return TRUE;

  order = ow_store_get_order (self, ow_parcel_get_order_id (parcel), error);
  if (order == NULL)
    return FALSE;
  /* A parcel without a provider used the one its number suggests. */
  first = ow_parcel_get_provider (parcel);
  if (first == NULL)
    first = ow_tracking_number_guess_provider (ow_parcel_get_tracking_number (parcel),
                                               ow_order_get_marketplace (order), FALSE);
  provider = ow_tracking_number_guess_provider (number, ow_order_get_marketplace (order), FALSE);
  if (provider == NULL)
    provider = first;
  polled = g_strcmp0 (provider, first) != 0;

  stmt = ow_store_prepare (self,
                           "INSERT INTO parcels (order_id, tracking_number, provider, "
                           "follows_parcel_id, created_at, next_check) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ow_parcel_get_order_id (parcel));
  ow_store_bind_text (stmt, 2, number);
  ow_store_bind_text (stmt, 3, provider);
  sqlite3_bind_int64 (stmt, 4, ow_parcel_get_id (parcel));
  sqlite3_bind_int64 (stmt, 5, ow_time_now ());
  ow_store_bind_time (stmt, 6, polled ? ow_time_now () : OW_TIME_UNSET);
  return ow_store_step_done (self, stmt, _("Could not add the last-mile parcel"), error);
}

static gint64
query_time (OwStore     *self,
            const char  *sql,
            gint64       order_id,
            GError     **error)
{
  sqlite3_stmt *stmt = ow_store_prepare (self, sql, error);
  gint64 value = OW_TIME_UNSET;
  int rc;

  if (stmt == NULL)
    return OW_TIME_UNSET;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = ow_store_column_time (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ow_store_set_sql_error (self, _("Could not read the tracking events"), error);
  return value;
}

/* The order is delivered when every chain of parcels (a parcel and the last-mile
 * numbers continuing it) has a delivered member. */
static gint64
order_delivered_time (OwStore  *self,
                      gint64    order_id,
                      GError  **error)
{
  g_autoptr(GPtrArray) parcels = ow_store_list_parcels (self, order_id, error);
  g_autoptr(GHashTable) follows = NULL;  /* id -> the id it continues */
  g_autoptr(GHashTable) chains = NULL;   /* root id -> delivered time, or unset */
  GHashTableIter iter;
  gpointer value;
  gint64 latest = OW_TIME_UNSET;

  if (parcels == NULL || parcels->len == 0)
    return OW_TIME_UNSET;

  follows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      gint64 id = ow_parcel_get_id (parcel);
      gint64 parent = ow_parcel_get_follows_parcel_id (parcel);

      g_hash_table_insert (follows, g_memdup2 (&id, sizeof id), g_memdup2 (&parent, sizeof parent));
    }

  chains = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      gint64 root = ow_parcel_get_id (parcel);
      gint64 *parent, *time;

      /* Up the chain; the bound guards against a cycle written by hand. */
      for (guint depth = 0; depth < parcels->len; depth++)
        {
          parent = g_hash_table_lookup (follows, &root);
          if (parent == NULL || *parent <= 0 || !g_hash_table_contains (follows, parent))
            break;
          root = *parent;
        }

      time = g_hash_table_lookup (chains, &root);
      if (time == NULL)
        {
          time = g_new (gint64, 1);
          *time = OW_TIME_UNSET;
          g_hash_table_insert (chains, g_memdup2 (&root, sizeof root), time);
        }
      if (ow_parcel_get_status (parcel) == OW_TRACKING_STATUS_DELIVERED)
        *time = MAX (*time, ow_parcel_get_delivered_at (parcel));
    }

  g_hash_table_iter_init (&iter, chains);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 time = *(gint64 *) value;

      if (time == OW_TIME_UNSET)
        return OW_TIME_UNSET;
      latest = MAX (latest, time);
    }
  return latest;
}

/* One fact at a time: a fact that would contradict the user's own (shipped before
 * they paid, say) is left out rather than blocking the other. */
static gboolean
infer_fact (OwStore       *self,
            OwOrder      **order,
            OwOrderEvent   event,
            gint64         time,
            GError       **error)
{
  g_autoptr(OwOrder) copy = NULL;
  g_autoptr(GError) invalid = NULL;

  if (time == OW_TIME_UNSET)
    return TRUE;
  copy = ow_order_copy (*order);
  if (!ow_order_infer_time (copy, event, time))
    return TRUE;
  if (!ow_order_validate (copy, &invalid))
    {
      g_debug ("Not inferring %s for order %" G_GINT64_FORMAT ": %s",
               ow_order_event_to_string (event), ow_order_get_id (copy), invalid->message);
      return TRUE;
    }
  if (!ow_store_update_order (self, copy, error))
    return FALSE;
  g_set_object (order, copy);
  return TRUE;
}

static gboolean
infer_order_facts (OwStore  *self,
                   gint64    order_id,
                   GError  **error)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 shipped, delivered;

  shipped = query_time (self, "SELECT MIN(e.time) FROM tracking_events e "
                              "JOIN parcels p ON p.id = e.parcel_id WHERE p.order_id = ?1",
                        order_id, &local_error);
  if (local_error == NULL)
    delivered = order_delivered_time (self, order_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (shipped == OW_TIME_UNSET && delivered == OW_TIME_UNSET)
    return TRUE;

  if ((order = ow_store_get_order (self, order_id, error)) == NULL)
    return FALSE;
  return infer_fact (self, &order, OW_EVENT_SHIPPED, shipped, error)
         && infer_fact (self, &order, OW_EVENT_DELIVERED, delivered, error);
}

OwParcel *
ow_store_apply_tracking_result (OwStore                 *self,
                                gint64                   parcel_id,
                                const OwTrackingResult  *result,
                                gint64                   now,
                                gint64                   nearest_deadline,
                                guint                   *n_new_events,
                                GError                 **error)
{
  g_autoptr(OwParcel) parcel = NULL;
  OwTrackingStatus status;
  sqlite3_stmt *stmt;
  gint64 last_movement, delivered_at, newest;
  guint n_new = 0;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (result != NULL && result->error == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ow_store_begin (self, error))
    return NULL;
  if ((parcel = ow_store_get_parcel (self, parcel_id, error)) == NULL)
    goto fail;
  if (!insert_events (self, parcel_id, result, &n_new, error))
    goto fail;

  newest = ow_tracking_result_get_newest_time (result);
  last_movement = ow_parcel_get_last_movement (parcel);
  if (newest != OW_TIME_UNSET && (last_movement == OW_TIME_UNSET || newest > last_movement))
    last_movement = newest;

  status = ow_tracking_result_resolve_status (result, ow_parcel_get_status (parcel),
                                              ow_parcel_get_last_movement (parcel));
  delivered_at = OW_TIME_UNSET;
  if (status == OW_TRACKING_STATUS_DELIVERED)
    {
      delivered_at = delivered_time (result);
      if (delivered_at == OW_TIME_UNSET)
        delivered_at = ow_parcel_get_delivered_at (parcel);
      if (delivered_at == OW_TIME_UNSET)
        delivered_at = last_movement != OW_TIME_UNSET ? last_movement : now;
    }

  stmt = ow_store_prepare (self,
                           "UPDATE parcels SET status = ?1, raw_status = ?2, carrier = ?3, "
                           "last_check = ?4, next_check = ?5, last_movement = ?6, "
                           "delivered_at = ?7, failures = 0, last_error = NULL WHERE id = ?8",
                           error);
  if (stmt == NULL)
    goto fail;
  ow_store_bind_text (stmt, 1, ow_tracking_status_to_string (status));
  ow_store_bind_text (stmt, 2,
                      result->raw_status ? result->raw_status : ow_parcel_get_raw_status (parcel));
  ow_store_bind_text (stmt, 3, result->carrier ? result->carrier : ow_parcel_get_carrier (parcel));
  sqlite3_bind_int64 (stmt, 4, now);
  ow_store_bind_time (stmt, 5, ow_tracking_schedule_next_check (status, last_movement,
                                                                delivered_at, nearest_deadline,
                                                                now));
  ow_store_bind_time (stmt, 6, last_movement);
  ow_store_bind_time (stmt, 7, delivered_at);
  sqlite3_bind_int64 (stmt, 8, parcel_id);
  if (!ow_store_step_done (self, stmt, _("Could not save the parcel"), error))
    goto fail;

  if (result->next_number != NULL && !add_follow_on (self, parcel, result->next_number, error))
    goto fail;
  if (!infer_order_facts (self, ow_parcel_get_order_id (parcel), error))
    goto fail;

  ow_store_emit_changed (self, ow_parcel_get_order_id (parcel));
  if (!ow_store_commit (self, error))
    return NULL;

  if (n_new_events != NULL)
    *n_new_events = n_new;
  return ow_store_get_parcel (self, parcel_id, error);

fail:
  ow_store_rollback (self);
  return NULL;
}

OwParcel *
ow_store_record_parcel_failure (OwStore     *self,
                                gint64       parcel_id,
                                const char  *message,
                                gint64       now,
                                gint64       retry_at,
                                GError     **error)
{
  g_autoptr(OwParcel) parcel = NULL;
  sqlite3_stmt *stmt;
  guint failures;
  gint64 next;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ow_store_begin (self, error))
    return NULL;
  if ((parcel = ow_store_get_parcel (self, parcel_id, error)) == NULL)
    goto fail;

  failures = ow_parcel_get_failures (parcel) + 1;
  next = ow_tracking_schedule_backoff (failures, now);
  if (retry_at != OW_TIME_UNSET && retry_at > next)
    next = retry_at;

  stmt = ow_store_prepare (self,
                           "UPDATE parcels SET failures = ?1, last_error = ?2, last_check = ?3, "
                           "next_check = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, (int) MIN (failures, G_MAXINT));
  ow_store_bind_text (stmt, 2, message);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, next);
  sqlite3_bind_int64 (stmt, 5, parcel_id);
  if (!ow_store_step_done (self, stmt, _("Could not save the parcel"), error))
    goto fail;

  ow_store_emit_changed (self, ow_parcel_get_order_id (parcel));
  if (!ow_store_commit (self, error))
    return NULL;
  return ow_store_get_parcel (self, parcel_id, error);

fail:
  ow_store_rollback (self);
  return NULL;
}

/* Providers */

gboolean
ow_store_get_provider_state (OwStore     *self,
                             const char  *provider,
                             gint64      *blocked_until,
                             guint       *backoff,
                             char       **message,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = ow_store_prepare (self, "SELECT blocked_until, backoff, message FROM providers "
                                 "WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ow_store_bind_text (stmt, 1, provider);
  rc = sqlite3_step (stmt);
  if (blocked_until != NULL)
    *blocked_until = rc == SQLITE_ROW ? ow_store_column_time (stmt, 0) : OW_TIME_UNSET;
  if (backoff != NULL)
    *backoff = rc == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 1) : 0;
  if (message != NULL)
    *message = rc == SQLITE_ROW ? g_strdup (ow_store_column_text (stmt, 2)) : NULL;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ow_store_set_sql_error (self, _("Could not read the tracking services"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ow_store_set_provider_state (OwStore     *self,
                             const char  *provider,
                             gint64       blocked_until,
                             guint        backoff,
                             const char  *message,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = ow_store_prepare (self,
                           "INSERT INTO providers (name, blocked_until, backoff, message) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO UPDATE SET "
                           "blocked_until = ?2, backoff = ?3, message = ?4", error);
  if (stmt == NULL)
    return FALSE;
  ow_store_bind_text (stmt, 1, provider);
  ow_store_bind_time (stmt, 2, blocked_until);
  sqlite3_bind_int (stmt, 3, (int) MIN (backoff, G_MAXINT));
  ow_store_bind_text (stmt, 4, message);
  return ow_store_step_done (self, stmt, _("Could not save the tracking service's state"), error);
}
