/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the CSV and JSON readers. */
#pragma once

#include <json-glib/json-glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* @message without a leading "@field: ", which the shared parsers (ow_time_parse,
 * ow_money_parse) put first; the readers say where the problem is their own way. */
const char *ow_import_without_field_prefix (const char *message,
                                            const char *field);

/* Reads and checks one order of a JSON export from its @object into @order (new, empty) and
 * @records (nullable: parcels and the rest are then not read); @index is its place in the
 * file, for messages. FALSE with an OW_INPUT_ERROR naming the order and the field. */
gboolean    ow_import_json_read_order      (JsonObject       *object,
                                            guint             index,
                                            OwPolicyRegistry *policies,
                                            OwOrder          *order,
                                            OwOrderRecords   *records,
                                            GError          **error);

G_END_DECLS
