/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OwStore: the order list's saved computations (ow-store-summaries.h). The schema keeps a
 * row per order and clears it on every change; this file only reads the rows and fills
 * them in. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-store-private.h"
#include "ow-store-summaries.h"

/* The fingerprint the rows were computed under, or NULL when none was ever saved. */
static char *
read_fingerprint (OwStore  *self,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  char *fingerprint = NULL;
  int rc;

  stmt = ow_store_prepare (self, "SELECT fingerprint FROM order_summaries_rules", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (fingerprint == NULL)
      fingerprint = g_strdup (ow_store_column_text (stmt, 0));
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the saved order list"), error))
    g_clear_pointer (&fingerprint, g_free);
  return fingerprint;
}

gboolean
ow_store_read_order_summaries (OwStore             *self,
                               const char          *fingerprint,
                               OwOrderSummaryFunc   func,
                               gpointer             user_data,
                               GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *saved = NULL;
  gboolean same_rules;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  saved = read_fingerprint (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  same_rules = g_strcmp0 (saved, fingerprint) == 0;

  stmt = ow_store_prepare (self, "SELECT order_id, revision, computed_at, changes_at, urgency, "
                                 "date, status, needs_action, archived FROM order_summaries "
                                 "ORDER BY order_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwOrderSummary summary = {
        .order_id = sqlite3_column_int64 (stmt, 0),
        .revision = sqlite3_column_int64 (stmt, 1),
      };
      int status = sqlite3_column_int (stmt, 6);

      /* A status outside the enum can only come from a damaged row: compute it again. */
      summary.computed = same_rules && sqlite3_column_type (stmt, 2) != SQLITE_NULL &&
                         status >= 0 && status < OW_N_STATUSES;
      if (summary.computed)
        {
          summary.computed_at = sqlite3_column_int64 (stmt, 2);
          summary.changes_at = sqlite3_column_int64 (stmt, 3);
          summary.urgency = sqlite3_column_int64 (stmt, 4);
          summary.date = sqlite3_column_int64 (stmt, 5);
          summary.status = status;
          summary.needs_action = sqlite3_column_int (stmt, 7) != 0;
          summary.archived = sqlite3_column_int (stmt, 8) != 0;
        }
      func (&summary, user_data);
    }
  return ow_store_end_scan (self, stmt, rc, _("Could not read the saved order list"), error);
}

static void
append_summary (const OwOrderSummary *summary,
                gpointer              user_data)
{
  g_array_append_val ((GArray *) user_data, *summary);
}

GArray *
ow_store_list_order_summaries (OwStore     *self,
                               const char  *fingerprint,
                               GError     **error)
{
  g_autoptr(GArray) summaries = g_array_new (FALSE, FALSE, sizeof (OwOrderSummary));

  g_return_val_if_fail (OW_IS_STORE (self), NULL);

  if (!ow_store_read_order_summaries (self, fingerprint, append_summary, summaries, error))
    return NULL;
  return g_steal_pointer (&summaries);
}

/* Other rules make every saved computation wrong: clear them all, then name the new rules. */
static gboolean
switch_rules (OwStore     *self,
              const char  *fingerprint,
              GError     **error)
{
  sqlite3_stmt *stmt;

  /* No revision moves: nothing about the orders changed. */
  stmt = ow_store_prepare (self, "UPDATE order_summaries SET computed_at = NULL "
                                 "WHERE computed_at IS NOT NULL", error);
  if (stmt == NULL || !ow_store_step_done (self, stmt, _("Could not save the order list"), error))
    return FALSE;
  stmt = ow_store_prepare (self, "DELETE FROM order_summaries_rules", error);
  if (stmt == NULL || !ow_store_step_done (self, stmt, _("Could not save the order list"), error))
    return FALSE;
  stmt = ow_store_prepare (self, "INSERT INTO order_summaries_rules (fingerprint) VALUES (?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fingerprint, -1, SQLITE_TRANSIENT);
  return ow_store_step_done (self, stmt, _("Could not save the order list"), error);
}

static gboolean
save_all (OwStore     *self,
          const char  *fingerprint,
          GArray      *summaries,
          GError     **error)
{
  g_autofree char *saved = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  saved = read_fingerprint (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (saved, fingerprint) != 0 && !switch_rules (self, fingerprint, error))
    return FALSE;

  stmt = ow_store_prepare (self, "UPDATE order_summaries SET computed_at = ?3, changes_at = ?4, "
                                 "urgency = ?5, date = ?6, status = ?7, needs_action = ?8, "
                                 "archived = ?9 WHERE order_id = ?1 AND revision = ?2", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < summaries->len; i++)
    {
      const OwOrderSummary *summary = &g_array_index (summaries, OwOrderSummary, i);

      if (!summary->computed)
        continue;
      sqlite3_bind_int64 (stmt, 1, summary->order_id);
      sqlite3_bind_int64 (stmt, 2, summary->revision);
      sqlite3_bind_int64 (stmt, 3, summary->computed_at);
      sqlite3_bind_int64 (stmt, 4, summary->changes_at);
      sqlite3_bind_int64 (stmt, 5, summary->urgency);
      sqlite3_bind_int64 (stmt, 6, summary->date);
      sqlite3_bind_int (stmt, 7, summary->status);
      sqlite3_bind_int (stmt, 8, summary->needs_action);
      sqlite3_bind_int (stmt, 9, summary->archived);
      if (!ow_store_step_done (self, stmt, _("Could not save the order list"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ow_store_save_order_summaries (OwStore     *self,
                               const char  *fingerprint,
                               GArray      *summaries,
                               GError     **error)
{
  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);
  g_return_val_if_fail (summaries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;
  if (!save_all (self, fingerprint, summaries, error))
    {
      ow_store_rollback (self);
      return FALSE;
    }
  return ow_store_commit (self, error);
}

gint64
ow_store_get_summary_revision (OwStore  *self,
                               gint64    order_id,
                               GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 revision = 0;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = ow_store_prepare (self, "SELECT revision FROM order_summaries WHERE order_id = ?1",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  ow_store_end_scan (self, stmt, rc, _("Could not read the saved order list"), error);
  return revision;
}
