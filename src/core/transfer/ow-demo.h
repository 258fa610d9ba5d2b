/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Realistic orders for the demo database, screenshots, tests and benchmarks. */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Fills an empty @store with a few dozen orders in every state, relative to @now, with
 * parcels and carrier events, in one transaction. */
gboolean   ow_demo_seed          (OwStore  *store,
                                  gint64    now,
                                  GError  **error);
/* (element-type OwOrder): @n orders cycling through every state, relative to @now; the
 * same @seed always gives the same orders. Not stored. */
GPtrArray *ow_demo_make_orders   (guint     n,
                                  gint64    now,
                                  guint32   seed);
/* Stores ow_demo_make_orders (@n, @now, @seed) in one transaction. */
gboolean   ow_demo_seed_many     (OwStore  *store,
                                  guint     n,
                                  gint64    now,
                                  guint32   seed,
                                  GError  **error);

G_END_DECLS
