/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OwStore: orders and their extensions. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-private.h"
#include "ow-time.h"

/* Columns in the order of the OwOrderEvent enum. */
#define EVENT_COLUMNS \
  "placed_at, paid_at, shipped_at, delivered_at, received_at, cancel_requested_at, " \
  "dispute_opened_at, return_agreed_at, closed_at, refunded_at"

G_STATIC_ASSERT (OW_N_EVENTS == 10);

/* Parameters 1-28 are shared by the insert and the update; 29 is created_at or the id. */
#define ORDER_FIELDS \
  "marketplace, order_number, store_name, item_title, quantity, amount, currency, " \
  "payment_method, " EVENT_COLUMNS ", inferred_facts, close_reason, processing_days, " \
  "delivery_days, notes, archived, modified_at, undated_facts, imported_facts, fact_origins"

static const char insert_order_sql[] =
  "INSERT INTO orders (" ORDER_FIELDS ", created_at) VALUES "
  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
  "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)";

static const char update_order_sql[] =
  "UPDATE orders SET (" ORDER_FIELDS ") = "
  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
  "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28) WHERE id = ?29";

#define SELECT_ORDERS "SELECT id, " ORDER_FIELDS " FROM orders"

static const char insert_extension_sql[] =
  "INSERT INTO extensions (order_id, requested_at, days, state) VALUES (?1, ?2, ?3, ?4)";

static void
bind_order (sqlite3_stmt *stmt,
            OwOrder      *order,
            gint64        modified)
{
  OwCloseReason reason = ow_order_get_close_reason (order);
  int processing = ow_order_get_processing_days (order);
  int delivery = ow_order_get_delivery_days (order);
  gint64 inferred = 0, undated = 0, imported = 0;
  GString *origins = NULL;

  ow_store_bind_text (stmt, 1, ow_order_get_marketplace (order));
  ow_store_bind_text (stmt, 2, ow_order_get_order_number (order));
  ow_store_bind_text (stmt, 3, ow_order_get_store_name (order));
  ow_store_bind_text (stmt, 4, ow_order_get_item_title (order));
  sqlite3_bind_int (stmt, 5, ow_order_get_quantity (order));
  sqlite3_bind_int64 (stmt, 6, ow_order_get_amount (order));
  ow_store_bind_text (stmt, 7, ow_order_get_currency (order));
  ow_store_bind_text (stmt, 8, ow_payment_method_to_string (ow_order_get_payment_method (order)));

  for (guint i = 0; i < OW_N_EVENTS; i++)
    {
      ow_store_bind_time (stmt, 9 + i, ow_order_get_time (order, i));
      if (ow_order_get_time_source (order, i) == OW_FACT_INFERRED)
        inferred |= (gint64) 1 << i;
      else if (ow_order_get_time_source (order, i) == OW_FACT_IMPORTED)
        imported |= (gint64) 1 << i;
      if (ow_order_get_time_undated (order, i))
        undated |= (gint64) 1 << i;
      if (ow_order_get_time_origin (order, i) != NULL)
        {
          if (origins == NULL)
            origins = g_string_new (NULL);
          g_string_append_printf (origins, "%s\t%s\n", ow_order_event_to_string (i),
                                  ow_order_get_time_origin (order, i));
        }
    }

  sqlite3_bind_int64 (stmt, 19, inferred);
  ow_store_bind_text (stmt, 20,
                      reason != OW_CLOSE_NONE ? ow_close_reason_to_string (reason) : NULL);
  if (processing > 0)
    sqlite3_bind_int (stmt, 21, processing);
  else
    sqlite3_bind_null (stmt, 21);
  if (delivery > 0)
    sqlite3_bind_int (stmt, 22, delivery);
  else
    sqlite3_bind_null (stmt, 22);
  ow_store_bind_text (stmt, 23, ow_order_get_notes (order));
  sqlite3_bind_int (stmt, 24, ow_order_get_archived (order));
  sqlite3_bind_int64 (stmt, 25, modified);
  sqlite3_bind_int64 (stmt, 26, undated);
  sqlite3_bind_int64 (stmt, 27, imported);
  if (origins != NULL)
    sqlite3_bind_text (stmt, 28, g_string_free (origins, FALSE), -1, g_free);
  else
    sqlite3_bind_null (stmt, 28);
}

/* Reads a row of SELECT_ORDERS into a new order. */
static OwOrder *
order_from_row (sqlite3_stmt *stmt)
{
  OwOrder *order = ow_order_new ();
  gint64 inferred;
  const char *text;
  OwPaymentMethod method = OW_PAYMENT_OTHER;
  OwCloseReason reason = OW_CLOSE_OTHER;
  gint64 undated, imported;

  ow_order_set_id (order, sqlite3_column_int64 (stmt, 0));
  if ((text = ow_store_column_text (stmt, 1)) != NULL)
    ow_order_set_marketplace (order, text);
  ow_order_set_order_number (order, ow_store_column_text (stmt, 2));
  ow_order_set_store_name (order, ow_store_column_text (stmt, 3));
  ow_order_set_item_title (order, ow_store_column_text (stmt, 4));
  ow_order_set_quantity (order, sqlite3_column_int (stmt, 5));
  ow_order_set_amount (order, sqlite3_column_int64 (stmt, 6));
  if ((text = ow_store_column_text (stmt, 7)) != NULL && strlen (text) == 3)
    ow_order_set_currency (order, text);
  ow_payment_method_from_string (ow_store_column_text (stmt, 8), &method);
  ow_order_set_payment_method (order, method);

  inferred = sqlite3_column_int64 (stmt, 19);
  undated = sqlite3_column_int64 (stmt, 26);
  imported = sqlite3_column_int64 (stmt, 27);
  for (guint i = 0; i < OW_N_EVENTS; i++)
    {
      gint64 time = sqlite3_column_int64 (stmt, 9 + i);
      OwFactSource source = (inferred & ((gint64) 1 << i))   ? OW_FACT_INFERRED
                            : (imported & ((gint64) 1 << i)) ? OW_FACT_IMPORTED
                                                             : OW_FACT_USER;

      /* NULL reads as 0: only then is the type worth asking (this loop runs a million
       * times for a big list). */
      if (undated & ((gint64) 1 << i))
        ow_order_set_time_undated (order, i, source);
      else if (time != 0 || sqlite3_column_type (stmt, 9 + i) != SQLITE_NULL)
        ow_order_set_time (order, i, time, source);
    }
  if ((text = ow_store_column_text (stmt, 28)) != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *tab = strchr (lines[i], '\t');
          OwOrderEvent event;

          if (tab == NULL)
            continue;
          *tab = '\0';
          if (ow_order_event_from_string (lines[i], &event) && event < OW_N_EVENTS)
            ow_order_set_time_origin (order, event, tab + 1);
        }
    }

  if ((text = ow_store_column_text (stmt, 20)) != NULL)
    {
      ow_close_reason_from_string (text, &reason);
      ow_order_set_close_reason (order, reason);
    }
  ow_order_set_processing_days (order, sqlite3_column_int (stmt, 21));
  ow_order_set_delivery_days (order, sqlite3_column_int (stmt, 22));
  ow_order_set_notes (order, ow_store_column_text (stmt, 23));
  ow_order_set_archived (order, sqlite3_column_int (stmt, 24) != 0);
  ow_order_set_modified (order, sqlite3_column_int64 (stmt, 25));

  return order;
}

static void
extension_from_row (sqlite3_stmt *stmt,
                    int           first,
                    OwExtension  *out)
{
  OwExtensionState state = OW_EXTENSION_PENDING;

  out->requested_at = ow_store_column_time (stmt, first);
  out->days = sqlite3_column_int (stmt, first + 1);
  ow_extension_state_from_string (ow_store_column_text (stmt, first + 2), &state);
  out->state = state;
}

static void
set_duplicate_error (OwOrder  *order,
                     GError  **error)
{
  g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
               _("Order %s from %s is already saved"),
               ow_order_get_order_number (order), ow_order_get_marketplace (order));
}

/* Runs a bound write statement; a unique violation becomes a duplicate-order error. */
static gboolean
step_order_write (OwStore       *self,
                  sqlite3_stmt  *stmt,
                  OwOrder       *order,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    set_duplicate_error (order, error);
  else
    ow_store_set_sql_error (self, _("Could not save the order"), error);
  return FALSE;
}

static gboolean
write_extensions (OwStore       *self,
                  sqlite3_stmt  *stmt,
                  OwOrder       *order,
                  GError       **error)
{
  guint n = ow_order_get_n_extensions (order);

  for (guint i = 0; i < n; i++)
    {
      const OwExtension *x = ow_order_get_extension (order, i);

      sqlite3_bind_int64 (stmt, 1, ow_order_get_id (order));
      ow_store_bind_time (stmt, 2, x->requested_at);
      sqlite3_bind_int (stmt, 3, x->days);
      sqlite3_bind_text (stmt, 4, ow_extension_state_to_string (x->state), -1, SQLITE_STATIC);
      if (!ow_store_step_done (self, stmt, _("Could not save the extension"), error))
        return FALSE;
    }

  return TRUE;
}

/* Inserts one order inside an open transaction; statements are prepared by the caller. */
static gboolean
insert_order (OwStore       *self,
              sqlite3_stmt  *order_stmt,
              sqlite3_stmt  *extension_stmt,
              OwOrder       *order,
              gint64         now,
              GError       **error)
{
  if (!ow_order_validate (order, error))
    return FALSE;

  bind_order (order_stmt, order, now);
  sqlite3_bind_int64 (order_stmt, 29, now);
  if (!step_order_write (self, order_stmt, order, error))
    return FALSE;

  ow_order_set_id (order, sqlite3_last_insert_rowid (ow_store_get_db (self)));
  ow_order_set_modified (order, now);

  return write_extensions (self, extension_stmt, order, error);
}

gboolean
ow_store_add_orders (OwStore    *self,
                     GPtrArray  *orders,
                     GError    **error)
{
  sqlite3_stmt *order_stmt, *extension_stmt;
  gint64 now = ow_time_now ();

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (orders != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < orders->len; i++)
    g_return_val_if_fail (OW_IS_ORDER (g_ptr_array_index (orders, i)), FALSE);

  if (orders->len == 0)
    return TRUE;

  if (!ow_store_begin (self, error))
    return FALSE;

  /* Prepared once: the cache hands back the same statement objects for every row. */
  if ((order_stmt = ow_store_prepare (self, insert_order_sql, error)) == NULL ||
      (extension_stmt = ow_store_prepare (self, insert_extension_sql, error)) == NULL)
    {
      ow_store_rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);

      if (!insert_order (self, order_stmt, extension_stmt, order, now, error))
        {
          /* Nothing was written: the orders keep no id from this attempt. */
          for (guint j = 0; j <= i; j++)
            ow_order_set_id (g_ptr_array_index (orders, j), 0);
          if (orders->len > 1)
            g_prefix_error (error, _("Order %u of %u: "), i + 1, orders->len);
          ow_store_rollback (self);
          return FALSE;
        }

      ow_store_emit_changed (self, ow_order_get_id (order));
    }

  return ow_store_commit (self, error);
}

gboolean
ow_store_add_order (OwStore  *self,
                    OwOrder  *order,
                    GError  **error)
{
  g_autoptr(GPtrArray) one = NULL;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);

  one = g_ptr_array_new ();
  g_ptr_array_add (one, order);
  return ow_store_add_orders (self, one, error);
}

gboolean
ow_store_update_order (OwStore  *self,
                       OwOrder  *order,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 now = ow_time_now ();
  gint64 id;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = ow_order_get_id (order);
  if (!ow_order_validate (order, error))
    return FALSE;

  if (!ow_store_begin (self, error))
    return FALSE;

  if ((stmt = ow_store_prepare (self, update_order_sql, error)) == NULL)
    goto fail;

  bind_order (stmt, order, now);
  sqlite3_bind_int64 (stmt, 29, id);
  if (!step_order_write (self, stmt, order, error))
    goto fail;

  if (sqlite3_changes (ow_store_get_db (self)) == 0)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                   _("Order %s is not saved, so it cannot be changed"),
                   ow_order_get_order_number (order));
      goto fail;
    }

  if ((stmt = ow_store_prepare (self, "DELETE FROM extensions WHERE order_id = ?1", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ow_store_step_done (self, stmt, _("Could not save the order"), error))
    goto fail;

  if ((stmt = ow_store_prepare (self, insert_extension_sql, error)) == NULL ||
      !write_extensions (self, stmt, order, error))
    goto fail;

  ow_store_emit_changed (self, id);
  if (!ow_store_commit (self, error))
    return FALSE;

  ow_order_set_modified (order, now);
  return TRUE;

fail:
  if (stmt != NULL)
    sqlite3_reset (stmt);
  ow_store_rollback (self);
  return FALSE;
}

gboolean
ow_store_delete_order (OwStore  *self,
                       gint64    order_id,
                       GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_store_begin (self, error))
    return FALSE;

  if ((stmt = ow_store_prepare (self, "DELETE FROM orders WHERE id = ?1", error)) == NULL)
    {
      ow_store_rollback (self);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, order_id);
  if (!ow_store_step_done (self, stmt, _("Could not delete the order"), error))
    {
      ow_store_rollback (self);
      return FALSE;
    }

  if (sqlite3_changes (ow_store_get_db (self)) == 0)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND,
                   _("There is no order with id %" PRId64), order_id);
      ow_store_rollback (self);
      return FALSE;
    }

  ow_store_emit_changed (self, order_id);
  return ow_store_commit (self, error);
}

static gboolean
load_extensions (OwStore  *self,
                 OwOrder  *order,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ow_store_prepare (self, "SELECT requested_at, days, state FROM extensions "
                                 "WHERE order_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ow_order_get_id (order));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwExtension x;

      extension_from_row (stmt, 0, &x);
      ow_order_add_extension (order, &x);
    }
  return ow_store_end_scan (self, stmt, rc, _("Could not read the order"), error);
}

/* Runs a bound single-order query; NULL with NOT_FOUND when it has no row. */
static OwOrder *
fetch_one (OwStore       *self,
           sqlite3_stmt  *stmt,
           const char    *not_found,
           GError       **error)
{
  g_autoptr(OwOrder) order = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    order = order_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND, not_found);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ow_store_set_sql_error (self, _("Could not read the order"), error);
      return NULL;
    }

  if (!load_extensions (self, order, error))
    return NULL;
  {
    OwOrder *one[] = { order };
    GPtrArray list = { (gpointer *) one, 1 };

    ow_store_apply_dispute_facts (self, &list);
  }

  return g_steal_pointer (&order);
}

OwOrder *
ow_store_get_order (OwStore  *self,
                    gint64    order_id,
                    GError  **error)
{
  g_autofree char *message = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, SELECT_ORDERS " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, order_id);
  message = g_strdup_printf (_("There is no order with id %" PRId64), order_id);
  return fetch_one (self, stmt, message, error);
}

OwOrder *
ow_store_find_order (OwStore     *self,
                     const char  *marketplace,
                     const char  *order_number,
                     GError     **error)
{
  g_autofree char *market = NULL;
  g_autofree char *message = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (marketplace != NULL, NULL);
  g_return_val_if_fail (order_number != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, SELECT_ORDERS
                                 " WHERE marketplace = ?1 AND order_number = ?2", error);
  if (stmt == NULL)
    return NULL;

  /* Marketplace ids are stored in lower case (ow_order_set_marketplace). */
  market = g_ascii_strdown (marketplace, -1);
  sqlite3_bind_text (stmt, 1, market, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order_number, -1, SQLITE_STATIC);
  message = g_strdup_printf (_("There is no order %s from %s"), order_number, market);
  return fetch_one (self, stmt, message, error);
}

/* Below this many orders a second thread costs more than it saves. */
#define PARALLEL_LOAD_MIN 20000

/* The orders whose ids are in [first_id, last_id], at most @limit of them (-1: all), read
 * through @db. */
typedef struct
{
  const char *path;     /* for a thread's own connection */
  sqlite3    *db;
  gint64      first_id;
  gint64      last_id;
  int         limit;
  GPtrArray  *orders;
  int         rc;
  char       *message;
} LoadRange;

static void
load_range (LoadRange *range)
{
  sqlite3_stmt *stmt = NULL;
  guint next = 0;
  int rc;

  range->orders = g_ptr_array_new_with_free_func (g_object_unref);

  rc = sqlite3_prepare_v2 (range->db, SELECT_ORDERS " WHERE id BETWEEN ?1 AND ?2 ORDER BY id "
                                      "LIMIT ?3", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, range->first_id);
      sqlite3_bind_int64 (stmt, 2, range->last_id);
      sqlite3_bind_int (stmt, 3, range->limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (range->orders, order_from_row (stmt));
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    goto fail;
  /* A page ends at its last order: only its extensions, not all those after it. */
  if (range->limit >= 0 && range->orders->len > 0)
    range->last_id = ow_order_get_id (g_ptr_array_index (range->orders, range->orders->len - 1));

  /* Both queries go by order id, so one pass matches extensions to their orders. */
  rc = sqlite3_prepare_v2 (range->db, "SELECT order_id, requested_at, days, state "
                                      "FROM extensions WHERE order_id BETWEEN ?1 AND ?2 "
                                      "ORDER BY order_id, id", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, range->first_id);
      sqlite3_bind_int64 (stmt, 2, range->last_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 order_id = sqlite3_column_int64 (stmt, 0);
          OwExtension x;

          while (next < range->orders->len &&
                 ow_order_get_id (g_ptr_array_index (range->orders, next)) < order_id)
            next++;
          if (next == range->orders->len ||
              ow_order_get_id (g_ptr_array_index (range->orders, next)) != order_id)
            continue;

          extension_from_row (stmt, 1, &x);
          ow_order_add_extension (g_ptr_array_index (range->orders, next), &x);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  range->rc = SQLITE_OK;
  return;

fail:
  range->rc = rc;
  range->message = g_strdup (sqlite3_errmsg (range->db));
}

static gpointer
load_range_thread (gpointer data)
{
  LoadRange *range = data;
  int rc;

  rc = sqlite3_open_v2 (range->path, &range->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (range->db, 5000);
      load_range (range);
    }
  else
    {
      range->rc = rc;
      range->message = g_strdup (sqlite3_errstr (rc));
    }

  sqlite3_close (range->db);
  range->db = NULL;
  return NULL;
}

static void
load_range_clear (LoadRange *range)
{
  g_clear_pointer (&range->orders, g_ptr_array_unref);
  g_clear_pointer (&range->message, g_free);
}

/* Pages the reading thread may be ahead of the caller's: enough that neither waits for the
 * other, few enough that they hold little memory. */
#define PAGES_AHEAD 2

typedef struct
{
  OwStore     *store;
  guint        page_size;
  gint64       after;  /* the last id read */
  GAsyncQueue *pages;  /* GPtrArray, read; an empty one is the last */
  GAsyncQueue *room;   /* one item for each page the reader may read before it is taken */
  GError      *error;
} PageReader;

/* Waits for room, reads the next page and queues it; FALSE after the last (empty) one. */
static gboolean
read_one_page (PageReader *reader)
{
  GPtrArray *page;
  gboolean more;

  g_async_queue_pop (reader->room);
  page = ow_store_list_orders_after (reader->store, reader->after, reader->page_size,
                                     &reader->error);
  if (page == NULL)
    page = g_ptr_array_new ();
  else if (page->len > 0)
    reader->after = ow_order_get_id (g_ptr_array_index (page, page->len - 1));
  /* Once queued, the page is the caller's: it may be gone already. */
  more = page->len > 0;
  g_async_queue_push (reader->pages, page);
  return more;
}

static gpointer
read_pages (gpointer data)
{
  while (read_one_page (data))
    ;
  return NULL;
}

gboolean
ow_store_foreach_order_page (OwStore          *self,
                             guint             page_size,
                             OwOrderPageFunc   func,
                             gpointer          user_data,
                             GError          **error)
{
  PageReader reader = { self, page_size };
  GThread *thread = NULL;
  GPtrArray *page;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (page_size > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader.pages = g_async_queue_new ();
  reader.room = g_async_queue_new ();
  for (guint i = 0; i < PAGES_AHEAD; i++)
    g_async_queue_push (reader.room, GINT_TO_POINTER (1));
  if (g_get_num_processors () > 1)
    thread = g_thread_try_new ("ow-store-pages", read_pages, &reader, NULL);

  for (;;)
    {
      /* Without a second thread, each page is read when the last one is done with. */
      if (thread == NULL)
        read_one_page (&reader);
      page = g_async_queue_pop (reader.pages);
      if (page->len == 0)
        break;
      func (page, user_data);
      g_ptr_array_unref (page);
      g_async_queue_push (reader.room, GINT_TO_POINTER (1));
    }
  g_ptr_array_unref (page);
  if (thread != NULL)
    g_thread_join (thread);

  g_async_queue_unref (reader.pages);
  g_async_queue_unref (reader.room);
  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ow_store_list_orders (OwStore  *self,
                      GError  **error)
{
  LoadRange low = { 0 }, high = { 0 };
  GThread *thread = NULL;
  GPtrArray *orders;
  sqlite3_stmt *stmt;
  gint64 min_id = 0, max_id = -1;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = ow_store_prepare (self, "SELECT min(id), max(id) FROM orders", error)) == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      min_id = sqlite3_column_int64 (stmt, 0);
      max_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  high.db = ow_store_get_db (self);
  high.first_id = min_id;
  high.last_id = max_id;
  high.limit = -1;

  /* A big list loads in two halves at once, the lower one on a second, read-only
   * connection. That connection sees only committed rows: not inside a transaction. */
  if (max_id - min_id >= PARALLEL_LOAD_MIN && !ow_store_in_transaction (self) &&
      g_get_num_processors () > 1 && strcmp (ow_store_get_path (self), ":memory:") != 0)
    {
      low.path = ow_store_get_path (self);
      low.limit = -1;
      low.first_id = min_id;
      low.last_id = min_id + (max_id - min_id) / 2;
      thread = g_thread_try_new ("ow-store-load", load_range_thread, &low, NULL);
      if (thread != NULL)
        high.first_id = low.last_id + 1;
    }

  load_range (&high);

  if (thread != NULL)
    {
      g_thread_join (thread);
      if (low.rc != SQLITE_OK)
        {
          /* Whatever kept the second connection from working, the first one can do it. */
          g_debug ("Loading orders on one connection: %s", low.message);
          load_range_clear (&low);
          low.db = ow_store_get_db (self);
          load_range (&low);
        }
    }

  if (high.rc != SQLITE_OK || (thread != NULL && low.rc != SQLITE_OK))
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED,
                   _("Could not read the orders: %s"),
                   high.rc != SQLITE_OK ? high.message : low.message);
      load_range_clear (&low);
      load_range_clear (&high);
      return NULL;
    }

  if (thread != NULL)
    {
      orders = g_steal_pointer (&low.orders);
      g_ptr_array_extend_and_steal (orders, g_steal_pointer (&high.orders));
    }
  else
    {
      orders = g_steal_pointer (&high.orders);
    }

  load_range_clear (&low);
  load_range_clear (&high);
  ow_store_apply_dispute_facts (self, orders);
  return orders;
}

GPtrArray *
ow_store_list_orders_after (OwStore  *self,
                            gint64    after_id,
                            guint     limit,
                            GError  **error)
{
  LoadRange page = { 0 };
  GPtrArray *orders;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (after_id >= 0, NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Nothing comes after the largest id (and one more would overflow). */
  if (after_id == G_MAXINT64)
    return g_ptr_array_new_with_free_func (g_object_unref);

  page.db = ow_store_get_db (self);
  page.first_id = after_id + 1;
  page.last_id = G_MAXINT64;
  page.limit = MIN (limit, G_MAXINT);
  load_range (&page);
  if (page.rc != SQLITE_OK)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED,
                   _("Could not read the orders: %s"), page.message);
      load_range_clear (&page);
      return NULL;
    }

  orders = g_steal_pointer (&page.orders);
  load_range_clear (&page);
  ow_store_apply_dispute_facts (self, orders);
  return orders;
}

GHashTable *
ow_store_list_tracking_numbers (OwStore  *self,
                                GError  **error)
{
  g_autoptr(GHashTable) numbers = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, "SELECT order_id, tracking_number FROM parcels "
                                 "ORDER BY order_id, id", error);
  if (stmt == NULL)
    return NULL;

  numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (stmt, 0);
      const char *number = ow_store_column_text (stmt, 1);
      char *old = g_hash_table_lookup (numbers, &order_id);

      if (old != NULL)
        g_hash_table_insert (numbers, g_memdup2 (&order_id, sizeof order_id),
                             g_strconcat (old, " ", number, NULL));
      else
        g_hash_table_insert (numbers, g_memdup2 (&order_id, sizeof order_id),
                             g_strdup (number));
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the tracking numbers"), error))
    return NULL;

  return g_steal_pointer (&numbers);
}

GArray *
ow_store_list_orders_on_the_way (OwStore  *self,
                                 GError  **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Only ids, from the columns: a refresh of 1,000 parcels among 100,000 orders does not
   * build 100,000 orders on the main thread to find them. */
  stmt = ow_store_prepare (self, "SELECT id FROM orders WHERE archived = 0 "
                                 "AND shipped_at IS NOT NULL AND received_at IS NULL "
                                 "AND closed_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the orders"), error))
    return NULL;

  return g_steal_pointer (&ids);
}

char *
ow_store_get_tracking_numbers (OwStore     *self,
                               gint64       order_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  char *numbers = NULL;
  int rc;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ow_store_prepare (self, "SELECT group_concat (tracking_number, ' ') "
                                 "FROM parcels WHERE order_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      numbers = g_strdup (ow_store_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  if (!ow_store_end_scan (self, stmt, rc, _("Could not read the tracking numbers"), error))
    g_clear_pointer (&numbers, g_free);
  return numbers;
}

void
ow_store_release_memory (OwStore *self)
{
  g_return_if_fail (OW_IS_STORE (self));
  sqlite3_db_release_memory (ow_store_get_db (self));
}
