/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the command line shows of tracking: parcels with their events, as JSON. */
#pragma once

#include "ow-json-writer.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Writes a "parcels" member (array, each with its events) in the object @writer is in. */
void      ow_cli_add_parcels_json  (OwStore      *store,
                                    gint64        order_id,
                                    OwJsonWriter *writer);

G_END_DECLS
