/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit action: saving an order with its tracking numbers, for the editor, the command
 * line and anything else that writes a whole order. */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Adds @order (id 0; it gets its id) with @numbers (element-type utf8, nullable) attached,
 * in one transaction, after the one validator and the marketplace's rules in @policies
 * (nullable: the validator alone) passed it at @now. @provider (nullable) is the tracking
 * service for every number; NULL guesses one per number. */
gboolean   ow_order_save_new        (OwStore          *store,
                                     OwPolicyRegistry *policies,
                                     OwOrder          *order,
                                     GPtrArray        *numbers,
                                     const char       *provider,
                                     gint64            now,
                                     GError          **error);
/* Writes the fields in which @edited differs from @original onto the order as stored now,
 * and attaches @numbers, in one BEGIN IMMEDIATE transaction: two edits of different fields,
 * or an edit and a tracking refresh, both stay; checked as ow_order_save_new () does.
 * Returns the order as saved. */
OwOrder   *ow_order_save_changes    (OwStore          *store,
                                     OwPolicyRegistry *policies,
                                     OwOrder          *original,
                                     OwOrder          *edited,
                                     GPtrArray        *numbers,
                                     const char       *provider,
                                     gint64            now,
                                     GError          **error);
/* Attaches @number to order @order_id as a parcel, inside the caller's transaction or in one
 * of its own. Attaching a number twice is harmless: only a new @provider choice is saved.
 * Bad numbers fail with OW_INPUT_ERROR naming the field. */
gboolean   ow_order_attach_tracking (OwStore     *store,
                                     gint64       order_id,
                                     const char  *number,
                                     const char  *provider,
                                     GError     **error);

G_END_DECLS
