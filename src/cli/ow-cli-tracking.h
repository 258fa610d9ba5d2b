/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the command line shows of tracking: parcels with their events, as JSON. */
#pragma once

#include <json-glib/json-glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Adds a "parcels" member (array, each with its events) to the object @builder is in. */
void      ow_cli_add_parcels_json  (OwStore      *store,
                                    gint64        order_id,
                                    JsonBuilder  *builder);

G_END_DECLS
