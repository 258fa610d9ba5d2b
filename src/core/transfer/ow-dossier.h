/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispute dossier: one PDF with everything about an order a buyer hands to PayPal or a
 * bank once the marketplace says no, and (optionally) a folder with the evidence files and a
 * SHA256SUMS file that `sha256sum -c` accepts. */
#pragma once

#include <gio/gio.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* Writes order @order_id's dossier to @pdf_path (A4): a one-page summary (the order's facts,
 * the claim, the protection timeline), every deadline with its state, dates and sources, where
 * a dispute can still be opened, the tracking history, each dispute's request, description,
 * history and deadlines, and the evidence with SHA-256, size, kind, note and thumbnails of the
 * photos. Dates are in the user's time zone; facts dated after @now count as not yet known.
 *
 * With @evidence_dir (nullable; created when missing) every evidence file is copied there under
 * its original name (made safe for any file system, and unique ignoring case: "photo (2).jpg")
 * beside a SHA256SUMS file. A file already there is replaced only when it is the same item (an
 * earlier export); the user's other files keep their names. A stored copy that is missing or no
 * longer has its recorded SHA-256 is left out of the folder, and the dossier says so;
 * @n_damaged (nullable) gets how many of those there are, for the caller to say so too.
 *
 * Every file is written beside its final name and renamed into place: a failure leaves no
 * half-written PDF. It reads every evidence file: call it off the main loop, with the thread's
 * own store. Fails with OW_STORE_ERROR_NOT_FOUND for an unknown order, or a G_IO_ERROR
 * naming the file that could not be written. */
gboolean  ow_dossier_write  (OwStore           *store,
                             OwPolicyRegistry  *policies,
                             gint64             order_id,
                             const char        *pdf_path,
                             const char        *evidence_dir,
                             gint64             now,
                             guint             *n_damaged,
                             GError           **error);

/* The same in a thread with a connection of its own to @store's file, for the window;
 * finish () gives @n_damaged. */
void      ow_dossier_write_async  (OwStore             *store,
                                   OwPolicyRegistry    *policies,
                                   gint64               order_id,
                                   const char          *pdf_path,
                                   const char          *evidence_dir,
                                   gint64               now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  ow_dossier_write_finish (GAsyncResult        *result,
                                   guint               *n_damaged,
                                   GError             **error);

G_END_DECLS
