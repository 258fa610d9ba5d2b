/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import action: orders read from a file, with what the file holds for each of them,
 * written in one transaction. */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Adds @orders (element-type OwOrder, as ow_import_json_full () or ow_import_csv_full () read
 * them) with @records (nullable; element-type OwOrderRecords, one per order) in one
 * transaction: all or nothing. Orders already stored (same marketplace and order number) are
 * left out with @skip_existing; otherwise nothing is written and the error is
 * OW_STORE_ERROR_DUPLICATE. Either way @existing (out, nullable, element-type guint) gets
 * their indexes in @orders. Returns the orders added (element-type OwOrder), with their ids. */
GPtrArray *ow_order_import (OwStore    *store,
                            GPtrArray  *orders,
                            GPtrArray  *records,
                            gboolean    skip_existing,
                            GArray    **existing,
                            GError    **error);

G_END_DECLS
