/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_STORE (ow_store_get_type ())

G_DECLARE_FINAL_TYPE (OwStore, ow_store, OW, STORE, GObject)

/* The default file: $ORDERWATCH_DB, else $XDG_DATA_HOME/orderwatch/orderwatch.db. */
char       *ow_store_default_path       (void);
/* Opens (creating and migrating as needed) one SQLite file. A copy of the file is kept
 * beside it before a migration. Refused, unchanged: another program's file
 * (OW_STORE_ERROR_FOREIGN), one written by a newer version (_TOO_NEW), and one that fails a
 * quick check, made before a migration and after an unclean shutdown (_CORRUPT). An OwStore,
 * like its connection, is used from one thread at a time: a worker thread opens its own store
 * on the same file. */
OwStore    *ow_store_open               (const char  *path,
                                         GError     **error);
const char *ow_store_get_path           (OwStore     *self);
int         ow_store_get_schema_version (OwStore     *self);

/* Orders. Each call is one transaction; @order gets its id on insert. */
gboolean    ow_store_add_order          (OwStore     *self,
                                         OwOrder     *order,
                                         GError     **error);
/* (element-type OwOrder): all or nothing, in one transaction. */
gboolean    ow_store_add_orders         (OwStore     *self,
                                         GPtrArray   *orders,
                                         GError     **error);
gboolean    ow_store_update_order       (OwStore     *self,
                                         OwOrder     *order,
                                         GError     **error);
gboolean    ow_store_delete_order       (OwStore     *self,
                                         gint64       order_id,
                                         GError     **error);
/* Returns NULL with OW_STORE_ERROR_NOT_FOUND when there is no such order. */
OwOrder    *ow_store_get_order          (OwStore     *self,
                                         gint64       order_id,
                                         GError     **error);
/* Returns NULL with OW_STORE_ERROR_NOT_FOUND when there is no such order. */
OwOrder    *ow_store_find_order         (OwStore     *self,
                                         const char  *marketplace,
                                         const char  *order_number,
                                         GError     **error);
/* (element-type OwOrder): every order, archived ones too, by id. */
GPtrArray  *ow_store_list_orders        (OwStore     *self,
                                         GError     **error);
/* (element-type OwOrder): the same orders a page at a time: at most @limit, by id, those with
 * an id above @after_id (0 for the first page; then the last id of the page before). An empty
 * page is the end. For a pass over every order that keeps little of each. */
GPtrArray  *ow_store_list_orders_after  (OwStore     *self,
                                         gint64       after_id,
                                         guint        limit,
                                         GError     **error);
/* Takes a page of orders (element-type OwOrder) and lets it go on return. */
typedef void (*OwOrderPageFunc)         (GPtrArray   *page,
                                         gpointer     user_data);
/* Every order, by id, at most @page_size at a time: each page is handed to @func on this
 * thread while the next one is read on another, so @func must not use @self. FALSE with
 * @error when a page could not be read; the pages before it were handed on. */
gboolean    ow_store_foreach_order_page (OwStore         *self,
                                         guint            page_size,
                                         OwOrderPageFunc  func,
                                         gpointer         user_data,
                                         GError         **error);
/* (element-type gint64): the ids, ascending, of the orders still on their way (shipped,
 * neither received nor closed, not archived): what a refresh asked for checks. */
GArray     *ow_store_list_orders_on_the_way (OwStore *self,
                                         GError     **error);
/* Order id (gint64 *, g_int64_hash) -> space-separated tracking numbers, for search. */
GHashTable *ow_store_list_tracking_numbers (OwStore  *self,
                                         GError     **error);
/* One order's tracking numbers, space-separated, or NULL when it has none (or on error). */
char       *ow_store_get_tracking_numbers (OwStore   *self,
                                         gint64       order_id,
                                         GError     **error);
/* Hands SQLite's page cache back, after a scan of every row filled it with pages nobody will
 * ask for soon. */
void        ow_store_release_memory     (OwStore     *self);

/* Groups several store calls into one transaction (one user action). Nested calls
 * join the outer transaction; a rollback at any level makes the outermost commit fail
 * and undo everything. */
gboolean    ow_store_begin              (OwStore     *self,
                                         GError     **error);
gboolean    ow_store_commit             (OwStore     *self,
                                         GError     **error);
void        ow_store_rollback           (OwStore     *self);

/* Emitted after a commit: "orders-changed" (a GArray of the gint64 ids, ascending, each
 * once), then "order-changed" (gint64 order id; 0 when several changed). Inside a
 * transaction the id is queued until the outermost commit. */
void        ow_store_emit_changed       (OwStore     *self,
                                         gint64       order_id);
/* Sorts @order_ids (gint64) and drops the repeats, as "orders-changed" gives them. */
void        ow_store_ids_sort_unique    (GArray      *order_ids);
/* Whether @order_id is among the @order_ids "orders-changed" gave (ascending). */
gboolean    ow_store_ids_contain        (GArray      *order_ids,
                                         gint64       order_id);

G_END_DECLS
