/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence.h"
#include "ow-store-disputes.h"
#include "ow-store-private.h"
#include "ow-store-records.h"
#include "ow-time.h"

static void
clear_reminder (gpointer data)
{
  g_free (((OwSentReminder *) data)->kind);
}

static void
clear_snooze (gpointer data)
{
  g_free (((OwSnooze *) data)->kind);
}

OwOrderRecords *
ow_order_records_new (void)
{
  OwOrderRecords *self = g_new0 (OwOrderRecords, 1);

  self->parcels = g_ptr_array_new_with_free_func (g_object_unref);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->numbers = g_ptr_array_new_with_free_func (g_free);
  self->reminders = g_array_new (FALSE, TRUE, sizeof (OwSentReminder));
  g_array_set_clear_func (self->reminders, clear_reminder);
  self->snoozes = g_array_new (FALSE, TRUE, sizeof (OwSnooze));
  g_array_set_clear_func (self->snoozes, clear_snooze);
  self->disputes = g_ptr_array_new_with_free_func (g_object_unref);
  self->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
ow_order_records_free (OwOrderRecords *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->parcels);
  g_ptr_array_unref (self->events);
  g_ptr_array_unref (self->numbers);
  g_array_unref (self->reminders);
  g_array_unref (self->snoozes);
  g_ptr_array_unref (self->disputes);
  g_ptr_array_unref (self->evidence);
  g_free (self);
}

gboolean
ow_order_records_is_empty (const OwOrderRecords *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->parcels->len == 0 && self->numbers->len == 0 && self->reminders->len == 0 &&
         self->snoozes->len == 0 && self->disputes->len == 0 && self->evidence->len == 0;
}

void
ow_order_records_add_parcel (OwOrderRecords *self,
                             OwParcel       *parcel,
                             GPtrArray      *events)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (OW_IS_PARCEL (parcel));

  g_ptr_array_add (self->parcels, g_object_ref (parcel));
  g_ptr_array_add (self->events, events ? g_ptr_array_ref (events)
                                        : g_ptr_array_new_with_free_func (g_object_unref));
}

void
ow_order_records_add_reminder (OwOrderRecords *self,
                               const char     *kind,
                               gint64          due,
                               gint64          before,
                               gint64          sent_at)
{
  OwSentReminder reminder = { g_strdup (kind), due, before, sent_at };

  g_return_if_fail (self != NULL);
  g_array_append_val (self->reminders, reminder);
}

void
ow_order_records_add_snooze (OwOrderRecords *self,
                             const char     *kind,
                             gint64          until)
{
  OwSnooze snooze = { g_strdup (kind), until };

  g_return_if_fail (self != NULL);
  g_array_append_val (self->snoozes, snooze);
}

OwParcel *
ow_order_records_find_parcel (const OwOrderRecords *self,
                              gint64                parcel_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; parcel_id > 0 && i < self->parcels->len; i++)
    if (ow_parcel_get_id (g_ptr_array_index (self->parcels, i)) == parcel_id)
      return g_ptr_array_index (self->parcels, i);
  return NULL;
}

/* Reading */

static OwOrderRecords *
records_for (GHashTable *records,
             gint64      order_id)
{
  OwOrderRecords *found = g_hash_table_lookup (records, &order_id);

  if (found == NULL)
    {
      found = ow_order_records_new ();
      g_hash_table_insert (records, g_memdup2 (&order_id, sizeof order_id), found);
    }
  return found;
}

/* The order ids @sql lists. */
static GArray *
orders_with (OwStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = ow_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the disputes or the evidence"),
                          error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Few orders have disputes or evidence: asked for those orders only, through the store's own
 * readers of them. */
static gboolean
read_disputes_and_evidence (OwStore     *self,
                            GHashTable  *records,
                            GError     **error)
{
  g_autoptr(GArray) with_disputes = NULL;
  g_autoptr(GArray) with_evidence = NULL;

  with_disputes = orders_with (self, "SELECT DISTINCT order_id FROM disputes ORDER BY 1", error);
  if (with_disputes == NULL)
    return FALSE;
  with_evidence = orders_with (self, "SELECT DISTINCT order_id FROM evidence ORDER BY 1", error);
  if (with_evidence == NULL)
    return FALSE;

  for (guint i = 0; i < with_disputes->len; i++)
    {
      gint64 id = g_array_index (with_disputes, gint64, i);
      g_autoptr(GPtrArray) disputes = ow_store_list_disputes (self, id, error);

      if (disputes == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (records_for (records, id)->disputes,
                                    g_steal_pointer (&disputes));
    }
  for (guint i = 0; i < with_evidence->len; i++)
    {
      gint64 id = g_array_index (with_evidence, gint64, i);
      g_autoptr(GPtrArray) evidence = ow_store_list_evidence (self, id, error);

      if (evidence == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (records_for (records, id)->evidence,
                                    g_steal_pointer (&evidence));
    }
  return TRUE;
}

/* One query per table for every order: a backup of 100,000 orders is four scans, not
 * 400,000 lookups. */
static gboolean
read_records (OwStore     *self,
              GHashTable  *records,
              GError     **error)
{
  /* Parcel id -> its events array, which the records own. */
  g_autoptr(GHashTable) parcel_events = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                               g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ow_store_prepare (self, "SELECT " OW_STORE_PARCEL_COLUMNS " FROM parcels p "
                                 "ORDER BY p.order_id, p.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(OwParcel) parcel = ow_store_parcel_from_row (stmt);
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 parcel_id = ow_parcel_get_id (parcel);

      ow_order_records_add_parcel (records_for (records, ow_parcel_get_order_id (parcel)), parcel,
                                   events);
      g_hash_table_insert (parcel_events, g_memdup2 (&parcel_id, sizeof parcel_id), events);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the parcels"), error))
    return FALSE;

  stmt = ow_store_prepare (self, "SELECT " OW_STORE_EVENT_COLUMNS " FROM tracking_events "
                                 "ORDER BY parcel_id, time DESC, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 parcel_id = sqlite3_column_int64 (stmt, 1);
      GPtrArray *events = g_hash_table_lookup (parcel_events, &parcel_id);

      if (events != NULL)
        g_ptr_array_add (events, ow_store_event_from_row (stmt));
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the tracking events"), error))
    return FALSE;

  stmt = ow_store_prepare (self, "SELECT order_id, kind, due, before, sent_at FROM "
                                 "reminders_sent ORDER BY order_id, kind, due, before", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ow_order_records_add_reminder (records_for (records, sqlite3_column_int64 (stmt, 0)),
                                   ow_store_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                   sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the sent reminders"), error))
    return FALSE;

  stmt = ow_store_prepare (self, "SELECT order_id, kind, until FROM snoozes "
                                 "ORDER BY order_id, kind", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ow_order_records_add_snooze (records_for (records, sqlite3_column_int64 (stmt, 0)),
                                 ow_store_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the snoozed reminders"), error))
    return FALSE;

  return read_disputes_and_evidence (self, records, error);
}

gboolean
ow_store_read_everything (OwStore     *self,
                          GPtrArray  **orders,
                          GHashTable **records,
                          GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) table = NULL;
  sqlite3 *db;
  gboolean own = FALSE;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (orders != NULL && records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A read snapshot, not ow_store_begin ()'s write lock: a refresh may go on meanwhile. */
  db = ow_store_get_db (self);
  if (sqlite3_get_autocommit (db))
    {
      if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        {
          ow_store_set_sql_error (self, _("Could not read the database"), error);
          return FALSE;
        }
      own = TRUE;
    }

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) ow_order_records_free);
  all = ow_store_list_orders (self, error);
  if (all == NULL || !read_records (self, table, error))
    {
      if (own)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (own)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  *orders = g_steal_pointer (&all);
  *records = g_steal_pointer (&table);
  return TRUE;
}

/* Writing */

static gboolean
insert_parcel (OwStore   *self,
               gint64     order_id,
               OwParcel  *parcel,
               gint64    *new_id,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 created = ow_parcel_get_created_at (parcel);

  stmt = ow_store_prepare (self,
                           "INSERT INTO parcels (order_id, tracking_number, provider, "
                           "provider_overridden, status, raw_status, carrier, last_check, "
                           "next_check, last_movement, delivered_at, failures, last_error, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12, ?13, ?14)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  ow_store_bind_text (stmt, 2, ow_parcel_get_tracking_number (parcel));
  ow_store_bind_text (stmt, 3, ow_parcel_get_provider (parcel));
  sqlite3_bind_int (stmt, 4, ow_parcel_get_provider_overridden (parcel));
  ow_store_bind_text (stmt, 5, ow_tracking_status_to_string (ow_parcel_get_status (parcel)));
  ow_store_bind_text (stmt, 6, ow_parcel_get_raw_status (parcel));
  ow_store_bind_text (stmt, 7, ow_parcel_get_carrier (parcel));
  ow_store_bind_time (stmt, 8, ow_parcel_get_last_check (parcel));
  ow_store_bind_time (stmt, 9, ow_parcel_get_next_check (parcel));
  ow_store_bind_time (stmt, 10, ow_parcel_get_last_movement (parcel));
  ow_store_bind_time (stmt, 11, ow_parcel_get_delivered_at (parcel));
  sqlite3_bind_int (stmt, 12, (int) MIN (ow_parcel_get_failures (parcel), G_MAXINT));
  ow_store_bind_text (stmt, 13, ow_parcel_get_last_error (parcel));
  sqlite3_bind_int64 (stmt, 14, created != OW_TIME_UNSET ? created : ow_time_now ());
  if (!ow_store_step_done (self, stmt, _("Could not add the parcel"), &local_error))
    {
      if (g_error_matches (local_error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE))
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
                     _("Tracking number %s is already on this order"),
                     ow_parcel_get_tracking_number (parcel));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *new_id = sqlite3_last_insert_rowid (ow_store_get_db (self));
  return TRUE;
}

static gboolean
insert_events (OwStore    *self,
               gint64      parcel_id,
               GPtrArray  *events,
               GError    **error)
{
  sqlite3_stmt *stmt;

  if (events == NULL || events->len == 0)
    return TRUE;
  stmt = ow_store_prepare (self,
                           "INSERT OR IGNORE INTO tracking_events (parcel_id, time, status, "
                           "raw_code, event_key, description, location) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (events, i);

      sqlite3_bind_int64 (stmt, 1, parcel_id);
      sqlite3_bind_int64 (stmt, 2, ow_tracking_event_get_time (event));
      ow_store_bind_text (stmt, 3,
                          ow_tracking_status_to_string (ow_tracking_event_get_status (event)));
      ow_store_bind_text (stmt, 4, ow_tracking_event_get_raw_code (event));
      ow_store_bind_text (stmt, 5, ow_tracking_event_get_key (event));
      ow_store_bind_text (stmt, 6, ow_tracking_event_get_description (event));
      ow_store_bind_text (stmt, 7, ow_tracking_event_get_location (event));
      if (!ow_store_step_done (self, stmt, _("Could not save the tracking events"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ow_store_add_records (OwStore               *self,
                      gint64                 order_id,
                      const OwOrderRecords  *records,
                      GError               **error)
{
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (order_id > 0, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < records->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (records->parcels, i);
      gint64 old_id = ow_parcel_get_id (parcel);
      gint64 new_id = 0;

      if (!insert_parcel (self, order_id, parcel, &new_id, error) ||
          !insert_events (self, new_id, g_ptr_array_index (records->events, i), error))
        goto fail;
      if (old_id > 0)
        g_hash_table_insert (new_ids, g_memdup2 (&old_id, sizeof old_id),
                             g_memdup2 (&new_id, sizeof new_id));
    }

  /* Once all are in: a last-mile number may be listed before the parcel it continues. */
  for (guint i = 0; i < records->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (records->parcels, i);
      gint64 follows = ow_parcel_get_follows_parcel_id (parcel);
      gint64 old_id = ow_parcel_get_id (parcel);
      gint64 *new_parent, *new_id;

      if (follows <= 0 || (new_parent = g_hash_table_lookup (new_ids, &follows)) == NULL ||
          (new_id = g_hash_table_lookup (new_ids, &old_id)) == NULL)
        continue;
      stmt = ow_store_prepare (self, "UPDATE parcels SET follows_parcel_id = ?1 WHERE id = ?2",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, *new_parent);
      sqlite3_bind_int64 (stmt, 2, *new_id);
      if (!ow_store_step_done (self, stmt, _("Could not add the last-mile parcel"), error))
        goto fail;
    }

  for (guint i = 0; i < records->reminders->len; i++)
    {
      const OwSentReminder *r = &g_array_index (records->reminders, OwSentReminder, i);

      stmt = ow_store_prepare (self,
                               "INSERT OR REPLACE INTO reminders_sent (order_id, kind, due, "
                               "before, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, order_id);
      ow_store_bind_text (stmt, 2, r->kind);
      sqlite3_bind_int64 (stmt, 3, r->due);
      sqlite3_bind_int64 (stmt, 4, r->before);
      sqlite3_bind_int64 (stmt, 5, r->sent_at);
      if (!ow_store_step_done (self, stmt, _("Could not record a sent reminder"), error))
        goto fail;
    }

  for (guint i = 0; i < records->snoozes->len; i++)
    {
      const OwSnooze *z = &g_array_index (records->snoozes, OwSnooze, i);

      stmt = ow_store_prepare (self, "INSERT OR REPLACE INTO snoozes (order_id, kind, until) "
                                     "VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, order_id);
      ow_store_bind_text (stmt, 2, z->kind);
      sqlite3_bind_int64 (stmt, 3, z->until);
      if (!ow_store_step_done (self, stmt, _("Could not snooze the reminder"), error))
        goto fail;
    }

  for (guint i = 0; i < records->disputes->len; i++)
    {
      OwDispute *from = g_ptr_array_index (records->disputes, i);
      g_autoptr(OwDispute) dispute = ow_dispute_new (order_id, ow_dispute_get_channel (from));

      ow_dispute_set_reason (dispute, ow_dispute_get_reason (from));
      ow_dispute_set_solution (dispute, ow_dispute_get_solution (from));
      ow_dispute_set_amount (dispute, ow_dispute_get_amount (from));
      ow_dispute_set_description (dispute, ow_dispute_get_description (from));
      for (guint s = 0; s < ow_dispute_get_n_steps (from); s++)
        {
          const OwDisputeStep *step = ow_dispute_get_step (from, s);

          ow_dispute_append_step (dispute, step->kind, step->at, step->amount, step->text);
        }
      if (!ow_store_add_dispute (self, dispute, error))
        goto fail;
    }

  for (guint i = 0; i < records->evidence->len; i++)
    {
      OwEvidence *from = g_ptr_array_index (records->evidence, i);
      g_autoptr(OwEvidence) evidence =
        ow_evidence_new (order_id, ow_evidence_get_kind (from),
                         ow_evidence_get_original_name (from), ow_evidence_get_media_type (from),
                         ow_evidence_get_size (from), ow_evidence_get_sha256 (from));

      ow_evidence_set_note (evidence, ow_evidence_get_note (from));
      ow_evidence_set_added_at (evidence, ow_evidence_get_added_at (from));
      if (!ow_store_add_evidence (self, evidence, error))
        goto fail;
    }

  ow_store_emit_changed (self, order_id);
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}
