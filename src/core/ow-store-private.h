/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files that make up OwStore (orders, parcels, reminders). */
#pragma once

#include <sqlite3.h>

#include "ow-store.h"

G_BEGIN_DECLS

sqlite3      *ow_store_get_db         (OwStore      *self);
/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt *ow_store_prepare        (OwStore      *self,
                                       const char   *sql,
                                       GError      **error);
/* Sets @error from the connection's last error, naming @what. */
void          ow_store_set_sql_error  (OwStore      *self,
                                       const char   *what,
                                       GError      **error);

G_END_DECLS
