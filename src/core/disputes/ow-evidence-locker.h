/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence locker: copies of the files a buyer adds for a dispute, in the `evidence`
 * folder beside the database, named by their SHA-256. The original is never moved or
 * changed; the same file added twice is stored once; a file nothing uses any more is
 * removed. */
#pragma once

#include <gio/gio.h>

#include "ow-dispute-terms.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* The largest file the locker takes, whatever the marketplace says. */
#define OW_EVIDENCE_MAX_BYTES (G_GINT64_CONSTANT (512) * 1024 * 1024)
/* The longest note an item keeps, in characters. */
#define OW_EVIDENCE_NOTE_MAX  500

char       *ow_evidence_locker_get_dir   (OwStore        *store);
/* The stored copy of @evidence. */
char       *ow_evidence_locker_get_path  (OwStore        *store,
                                          OwEvidence     *evidence);
/* Copies @path into the locker and records it for order @order_id in one transaction.
 * @kind is guessed from the file's type when @guess_kind. The same file again returns the
 * record it already has. A missing, unreadable or non-regular file fails with OW_INPUT_ERROR
 * naming it; nothing is written then. */
OwEvidence *ow_evidence_locker_add       (OwStore        *store,
                                          gint64          order_id,
                                          const char     *path,
                                          gboolean        guess_kind,
                                          OwEvidenceKind  kind,
                                          const char     *note,
                                          GError        **error);
/* The same for each of @paths, the copying (which reads and hashes every byte: a video can be
 * hundreds of megabytes) in a thread; finish () on the store's thread records them, each in
 * its transaction, and returns the records (those added before included, in order). Files
 * that could not be added are left out; @problem (nullable) then gets what was wrong with the
 * first, translated, else NULL. */
void        ow_evidence_locker_add_files_async  (OwStore             *store,
                                                 gint64               order_id,
                                                 const char * const  *paths,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray  *ow_evidence_locker_add_files_finish (OwStore             *store,
                                                 GAsyncResult        *result,
                                                 char               **problem);
/* Removes the record, then the file if no other record uses it. */
gboolean    ow_evidence_locker_remove    (OwStore        *store,
                                          gint64          order_id,
                                          gint64          evidence_id,
                                          GError        **error);
/* Changes the note of the order's item @evidence_id; NULL or empty removes it. */
gboolean    ow_evidence_locker_set_note  (OwStore        *store,
                                          gint64          order_id,
                                          gint64          evidence_id,
                                          const char     *note,
                                          GError        **error);
/* After the records are gone (an order deleted): removes each file of @hashes nothing uses. */
void        ow_evidence_locker_clean     (OwStore        *store,
                                          GPtrArray      *hashes);

G_END_DECLS
