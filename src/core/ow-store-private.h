/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files that make up OwStore (orders, parcels, reminders). */
#pragma once

#include <sqlite3.h>

#include "ow-store.h"

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

G_END_DECLS
