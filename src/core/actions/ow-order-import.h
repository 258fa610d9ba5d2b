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

/* The JSON export @data (as ow_import_json_full () reads it, marketplaces checked against
 * @policies) into @store in one transaction, a batch of orders at a time so that only one
 * batch is held in memory: all or nothing, as ow_order_import (). Orders already stored are
 * left out with @skip_existing; otherwise nothing is written and the error is
 * OW_STORE_ERROR_DUPLICATE. Either way @existing (out, nullable, element-type OwOrder) lists
 * them and @existing_indexes (out, nullable, element-type guint) their places in the file.
 * An order that does not read: OW_INPUT_ERROR, nothing written. Returns the ids
 * (element-type gint64) of the orders added, in the file's order. */
GArray    *ow_order_import_json (OwStore          *store,
                                 OwPolicyRegistry *policies,
                                 GBytes           *data,
                                 gboolean          skip_existing,
                                 GPtrArray       **existing,
                                 GArray          **existing_indexes,
                                 GError          **error);

G_END_DECLS
