/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Disputes, their history and the evidence locker's records, in the store. Each call joins the
 * caller's transaction or is one of its own. */
#pragma once

#include <gio/gio.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* @dispute gets its id. Fails with OW_STORE_ERROR_DUPLICATE when the order has an open dispute
 * on the same channel. */
gboolean    ow_store_add_dispute         (OwStore     *self,
                                          OwDispute   *dispute,
                                          GError     **error);
/* Writes the row and the whole history. */
gboolean    ow_store_update_dispute      (OwStore     *self,
                                          OwDispute   *dispute,
                                          GError     **error);
/* (element-type OwDispute): every dispute of the order, oldest first. */
GPtrArray  *ow_store_list_disputes       (OwStore     *self,
                                          gint64       order_id,
                                          GError     **error);
/* (element-type OwDispute): the open disputes on PayPal or the card, of order @order_id or of
 * every order (0), by order: the ones whose deadlines the marketplace's rules do not know. */
GPtrArray  *ow_store_list_open_channel_disputes (OwStore *self,
                                          gint64       order_id,
                                          GError     **error);
/* The open dispute on @channel, or NULL (no error) when there is none. */
OwDispute  *ow_store_find_open_dispute   (OwStore     *self,
                                          gint64       order_id,
                                          OwDisputeChannel channel,
                                          GError     **error);

/* The locker: records only; the files are the locker's (ow-evidence-locker.h). @evidence gets
 * its id. The same file (SHA-256) twice for one order fails with OW_STORE_ERROR_DUPLICATE. */
gboolean    ow_store_add_evidence        (OwStore     *self,
                                          OwEvidence  *evidence,
                                          GError     **error);
gboolean    ow_store_remove_evidence     (OwStore     *self,
                                          gint64       evidence_id,
                                          GError     **error);
/* @note NULL or empty removes it. */
gboolean    ow_store_set_evidence_note   (OwStore     *self,
                                          gint64       evidence_id,
                                          const char  *note,
                                          GError     **error);
/* NULL (no error) when there is no such item. */
OwEvidence *ow_store_get_evidence        (OwStore     *self,
                                          gint64       evidence_id,
                                          GError     **error);
/* (element-type OwEvidence): the order's, in the order they were added. */
GPtrArray  *ow_store_list_evidence       (OwStore     *self,
                                          gint64       order_id,
                                          GError     **error);
/* How many records, of any order, hold the file with @sha256 (-1 on error). */
gint64      ow_store_count_evidence_uses (OwStore     *self,
                                          const char  *sha256,
                                          GError     **error);
/* (element-type utf8): the SHA-256 of every record of the order, for cleaning up after it
 * is deleted. */
GPtrArray  *ow_store_list_evidence_hashes (OwStore    *self,
                                          gint64       order_id,
                                          GError     **error);

G_END_DECLS
