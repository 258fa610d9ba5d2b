/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the command line needs from tracking: attaching numbers and showing parcels. */
#pragma once

#include <json-glib/json-glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Attaches @number to the order as a parcel inside the caller's transaction.
 * @provider may be NULL to pick one from the number. Bad numbers fail with
 * OW_INPUT_ERROR naming the field. */
gboolean  ow_cli_attach_tracking   (OwStore      *store,
                                    gint64        order_id,
                                    const char   *number,
                                    const char   *provider,
                                    GError      **error);
/* Adds a "parcels" member (array, each with its events) to the object @builder is in. */
void      ow_cli_add_parcels_json  (OwStore      *store,
                                    gint64        order_id,
                                    JsonBuilder  *builder);

G_END_DECLS
