/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence.h"
#include "ow-order.h"
#include "ow-store-disputes.h"
#include "ow-store-private.h"
#include "ow-time.h"

/* ---- Disputes ---- */

static gboolean
write_steps (OwStore    *self,
             OwDispute  *dispute,
             GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = ow_store_prepare (self, "DELETE FROM dispute_steps WHERE dispute_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ow_dispute_get_id (dispute));
  if (!ow_store_step_done (self, stmt, _("Could not save the dispute’s history"), error))
    return FALSE;

  stmt = ow_store_prepare (self, "INSERT INTO dispute_steps (dispute_id, kind, at, amount, text) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ow_dispute_get_n_steps (dispute); i++)
    {
      const OwDisputeStep *step = ow_dispute_get_step (dispute, i);

      sqlite3_bind_int64 (stmt, 1, ow_dispute_get_id (dispute));
      ow_store_bind_text (stmt, 2, ow_dispute_step_to_string (step->kind));
      sqlite3_bind_int64 (stmt, 3, step->at);
      if (step->amount > 0)
        sqlite3_bind_int64 (stmt, 4, step->amount);
      else
        sqlite3_bind_null (stmt, 4);
      ow_store_bind_text (stmt, 5, step->text);
      if (!ow_store_step_done (self, stmt, _("Could not save the dispute’s history"), error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_dispute (sqlite3_stmt *stmt,
              OwDispute    *dispute)
{
  sqlite3_bind_int64 (stmt, 1, ow_dispute_get_order_id (dispute));
  ow_store_bind_text (stmt, 2, ow_dispute_channel_to_string (ow_dispute_get_channel (dispute)));
  ow_store_bind_text (stmt, 3, ow_dispute_get_reason (dispute));
  ow_store_bind_text (stmt, 4, ow_dispute_solution_to_string (ow_dispute_get_solution (dispute)));
  sqlite3_bind_int64 (stmt, 5, ow_dispute_get_amount (dispute));
  ow_store_bind_text (stmt, 6, ow_dispute_get_description (dispute));
  sqlite3_bind_int (stmt, 7, ow_dispute_is_open (dispute));
}

static gboolean
step_failed (OwStore    *self,
             OwDispute  *dispute,
             GError    **error)
{
  if (sqlite3_extended_errcode (ow_store_get_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
    /* Translators: %s is a channel such as "PayPal" */
    g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
                 _("The order already has an open dispute on %s; update or close that one"),
                 ow_dispute_channel_label (ow_dispute_get_channel (dispute)));
  else
    ow_store_set_sql_error (self, _("Could not save the dispute"), error);
  return FALSE;
}

gboolean
ow_store_add_dispute (OwStore    *self,
                      OwDispute  *dispute,
                      GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_DISPUTE (dispute), FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  stmt = ow_store_prepare (self, "INSERT INTO disputes (order_id, channel, reason, solution, "
                                 "amount, description, open, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    goto fail;
  bind_dispute (stmt, dispute);
  sqlite3_bind_int64 (stmt, 8, ow_time_now ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      step_failed (self, dispute, error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  ow_dispute_set_id (dispute, sqlite3_last_insert_rowid (ow_store_get_db (self)));
  if (!write_steps (self, dispute, error))
    goto fail;
  ow_store_emit_changed (self, ow_dispute_get_order_id (dispute));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

gboolean
ow_store_update_dispute (OwStore    *self,
                         OwDispute  *dispute,
                         GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_DISPUTE (dispute) && ow_dispute_get_id (dispute) > 0, FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  stmt = ow_store_prepare (self, "UPDATE disputes SET order_id = ?1, channel = ?2, reason = ?3, "
                                 "solution = ?4, amount = ?5, description = ?6, open = ?7 "
                                 "WHERE id = ?8", error);
  if (stmt == NULL)
    goto fail;
  bind_dispute (stmt, dispute);
  sqlite3_bind_int64 (stmt, 8, ow_dispute_get_id (dispute));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      step_failed (self, dispute, error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (!write_steps (self, dispute, error))
    goto fail;
  ow_store_emit_changed (self, ow_dispute_get_order_id (dispute));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

static gboolean
read_steps (OwStore    *self,
            OwDispute  *dispute,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ow_store_prepare (self, "SELECT kind, at, amount, text FROM dispute_steps "
                                 "WHERE dispute_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ow_dispute_get_id (dispute));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwDisputeStepKind kind;

      /* A step this version does not know is kept out rather than guessed at. */
      if (!ow_dispute_step_from_string (ow_store_column_text (stmt, 0), &kind))
        continue;
      ow_dispute_append_step (dispute, kind, sqlite3_column_int64 (stmt, 1),
                              sqlite3_column_int64 (stmt, 2), ow_store_column_text (stmt, 3));
    }
  return ow_store_end_scan (self, stmt, rc, _("Could not read the dispute’s history"), error);
}

/* Rows of `SELECT id, order_id, channel, reason, solution, amount, description`. */
static GPtrArray *
read_disputes (OwStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwDisputeChannel channel = OW_CHANNEL_MARKETPLACE;
      OwDisputeSolution solution = OW_SOLUTION_REFUND_ONLY;
      OwDispute *dispute;

      ow_dispute_channel_from_string (ow_store_column_text (stmt, 2), &channel);
      ow_dispute_solution_from_string (ow_store_column_text (stmt, 4), &solution);
      dispute = ow_dispute_new (sqlite3_column_int64 (stmt, 1), channel);
      ow_dispute_set_id (dispute, sqlite3_column_int64 (stmt, 0));
      ow_dispute_set_reason (dispute, ow_store_column_text (stmt, 3));
      ow_dispute_set_solution (dispute, solution);
      ow_dispute_set_amount (dispute, sqlite3_column_int64 (stmt, 5));
      ow_dispute_set_description (dispute, ow_store_column_text (stmt, 6));
      g_ptr_array_add (disputes, dispute);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the disputes"), error))
    return NULL;

  /* The history after the scan: one statement at a time. */
  for (guint i = 0; i < disputes->len; i++)
    if (!read_steps (self, g_ptr_array_index (disputes, i), error))
      return NULL;
  return g_steal_pointer (&disputes);
}

GPtrArray *
ow_store_list_disputes (OwStore  *self,
                        gint64    order_id,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = ow_store_prepare (self, "SELECT id, order_id, channel, reason, solution, amount, "
                                 "description FROM disputes WHERE order_id = ?1 ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return read_disputes (self, stmt, error);
}

GPtrArray *
ow_store_list_open_channel_disputes (OwStore  *self,
                                     gint64    order_id,
                                     GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = ow_store_prepare (self, "SELECT id, order_id, channel, reason, solution, amount, "
                                 "description FROM disputes WHERE open = 1 "
                                 "AND channel != 'marketplace' AND (?1 = 0 OR order_id = ?1) "
                                 "ORDER BY order_id, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return read_disputes (self, stmt, error);
}

OwDispute *
ow_store_find_open_dispute (OwStore           *self,
                            gint64             order_id,
                            OwDisputeChannel   channel,
                            GError           **error)
{
  g_autoptr(GPtrArray) disputes = NULL;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  if ((disputes = ow_store_list_disputes (self, order_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (disputes, i);

      if (ow_dispute_get_channel (dispute) == channel && ow_dispute_is_open (dispute))
        return g_object_ref (dispute);
    }
  return NULL;
}

static int
compare_order_id (gconstpointer key,
                  gconstpointer element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ow_order_get_id (*(OwOrder * const *) element);

  return id < other ? -1 : id > other;
}

void
ow_store_apply_dispute_facts (OwStore    *self,
                              GPtrArray  *orders)
{
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_return_if_fail (OW_IS_STORE (self));

  /* An empty list (the page after the last) has nothing to search, nor memory to search in. */
  if (orders->len == 0)
    return;

  /* The latest marketplace dispute of each order, read for the ids @orders spans only: one
   * order, or a page, reads its own few rows, not every dispute of the store. */
  stmt = ow_store_prepare (self, "SELECT id, order_id, channel, reason, solution, amount, "
                                 "description FROM disputes WHERE channel = 'marketplace' "
                                 "AND order_id BETWEEN ?1 AND ?2 ORDER BY order_id, id", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, ow_order_get_id (g_ptr_array_index (orders, 0)));
      sqlite3_bind_int64 (stmt, 2, ow_order_get_id (g_ptr_array_index (orders, orders->len - 1)));
      disputes = read_disputes (self, stmt, &error);
    }
  if (disputes == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  for (guint i = 0; i < disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (disputes, i);
      gint64 order_id = ow_dispute_get_order_id (dispute);
      OwOrder **found;

      if (i + 1 < disputes->len &&
          ow_dispute_get_order_id (g_ptr_array_index (disputes, i + 1)) == order_id)
        continue;
      /* @orders is sorted by id, as the store lists them. */
      found = bsearch (&order_id, orders->pdata, orders->len, sizeof (gpointer),
                       compare_order_id);
      if (found != NULL)
        ow_dispute_apply_facts (dispute, *found);
    }
}

/* ---- The evidence locker's records ---- */

gboolean
ow_store_add_evidence (OwStore     *self,
                       OwEvidence  *evidence,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_EVIDENCE (evidence), FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  stmt = ow_store_prepare (self, "INSERT INTO evidence (order_id, kind, original_name, "
                                 "media_type, size, sha256, note, added_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    goto fail;
  if (ow_evidence_get_added_at (evidence) == OW_TIME_UNSET)
    ow_evidence_set_added_at (evidence, ow_time_now ());
  sqlite3_bind_int64 (stmt, 1, ow_evidence_get_order_id (evidence));
  ow_store_bind_text (stmt, 2, ow_evidence_kind_to_string (ow_evidence_get_kind (evidence)));
  ow_store_bind_text (stmt, 3, ow_evidence_get_original_name (evidence));
  ow_store_bind_text (stmt, 4, ow_evidence_get_media_type (evidence));
  sqlite3_bind_int64 (stmt, 5, ow_evidence_get_size (evidence));
  ow_store_bind_text (stmt, 6, ow_evidence_get_sha256 (evidence));
  ow_store_bind_text (stmt, 7, ow_evidence_get_note (evidence));
  sqlite3_bind_int64 (stmt, 8, ow_evidence_get_added_at (evidence));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (ow_store_get_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        /* Translators: %s is a file name */
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
                     _("%s is already in this order’s evidence"),
                     ow_evidence_get_original_name (evidence));
      else if (sqlite3_extended_errcode (ow_store_get_db (self)) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                     _("There is no order with id %" PRId64),
                     ow_evidence_get_order_id (evidence));
      else
        ow_store_set_sql_error (self, _("Could not add the evidence"), error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  ow_evidence_set_id (evidence, sqlite3_last_insert_rowid (ow_store_get_db (self)));
  ow_store_emit_changed (self, ow_evidence_get_order_id (evidence));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

/* Rows of `SELECT id, order_id, kind, original_name, media_type, size, sha256, note,
 * added_at`. */
static OwEvidence *
evidence_from_row (sqlite3_stmt *stmt)
{
  OwEvidenceKind kind = OW_EVIDENCE_DOCUMENT;
  OwEvidence *evidence;

  ow_evidence_kind_from_string (ow_store_column_text (stmt, 2), &kind);
  evidence = ow_evidence_new (sqlite3_column_int64 (stmt, 1), kind,
                              ow_store_column_text (stmt, 3), ow_store_column_text (stmt, 4),
                              sqlite3_column_int64 (stmt, 5), ow_store_column_text (stmt, 6));
  ow_evidence_set_id (evidence, sqlite3_column_int64 (stmt, 0));
  ow_evidence_set_note (evidence, ow_store_column_text (stmt, 7));
  ow_evidence_set_added_at (evidence, sqlite3_column_int64 (stmt, 8));
  return evidence;
}

#define EVIDENCE_COLUMNS \
  "SELECT id, order_id, kind, original_name, media_type, size, sha256, note, added_at " \
  "FROM evidence "

OwEvidence *
ow_store_get_evidence (OwStore  *self,
                       gint64    evidence_id,
                       GError  **error)
{
  OwEvidence *evidence = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = ow_store_prepare (self, EVIDENCE_COLUMNS "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      evidence = evidence_from_row (stmt);
      rc = sqlite3_step (stmt);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the evidence"), error))
    g_clear_object (&evidence);
  return evidence;
}

GPtrArray *
ow_store_list_evidence (OwStore  *self,
                        gint64    order_id,
                        GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = ow_store_prepare (self, EVIDENCE_COLUMNS "WHERE order_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, evidence_from_row (stmt));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the evidence"), error))
    return NULL;
  return g_steal_pointer (&items);
}

gboolean
ow_store_set_evidence_note (OwStore     *self,
                            gint64       evidence_id,
                            const char  *note,
                            GError     **error)
{
  g_autoptr(OwEvidence) evidence = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  if ((evidence = ow_store_get_evidence (self, evidence_id, error)) == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                     _("There is no evidence with id %" PRId64), evidence_id);
      goto fail;
    }
  stmt = ow_store_prepare (self, "UPDATE evidence SET note = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  ow_store_bind_text (stmt, 2, note != NULL && *note != '\0' ? note : NULL);
  if (!ow_store_step_done (self, stmt, _("Could not change the evidence’s note"), error))
    goto fail;
  ow_store_emit_changed (self, ow_evidence_get_order_id (evidence));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

gboolean
ow_store_remove_evidence (OwStore  *self,
                          gint64    evidence_id,
                          GError  **error)
{
  g_autoptr(OwEvidence) evidence = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  if ((evidence = ow_store_get_evidence (self, evidence_id, error)) == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                     _("There is no evidence with id %" PRId64), evidence_id);
      goto fail;
    }
  stmt = ow_store_prepare (self, "DELETE FROM evidence WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  if (!ow_store_step_done (self, stmt, _("Could not remove the evidence"), error))
    goto fail;
  ow_store_emit_changed (self, ow_evidence_get_order_id (evidence));
  return ow_store_commit (self, error);

fail:
  ow_store_rollback (self);
  return FALSE;
}

gint64
ow_store_count_evidence_uses (OwStore     *self,
                              const char  *sha256,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), -1);

  stmt = ow_store_prepare (self, "SELECT count(*) FROM evidence WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return -1;
  ow_store_bind_text (stmt, 1, sha256);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      count = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the evidence"), error))
    return -1;
  return count;
}

GPtrArray *
ow_store_list_evidence_hashes (OwStore  *self,
                               gint64    order_id,
                               GError  **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  stmt = ow_store_prepare (self, "SELECT sha256 FROM evidence WHERE order_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (hashes, g_strdup (ow_store_column_text (stmt, 0)));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the evidence"), error))
    return NULL;
  return g_steal_pointer (&hashes);
}
