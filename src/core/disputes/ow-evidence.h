/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One item in an order's evidence locker: a copy of a file the user added, with what it is. */
#pragma once

#include <glib-object.h>

#include "ow-dispute-terms.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_EVIDENCE (ow_evidence_get_type ())

G_DECLARE_FINAL_TYPE (OwEvidence, ow_evidence, OW, EVIDENCE, GObject)

OwEvidence     *ow_evidence_new                (gint64          order_id,
                                                OwEvidenceKind  kind,
                                                const char     *original_name,
                                                const char     *media_type,
                                                gint64          size,
                                                const char     *sha256);
gint64          ow_evidence_get_id             (OwEvidence     *self);
void            ow_evidence_set_id             (OwEvidence     *self,
                                                gint64          id);
gint64          ow_evidence_get_order_id       (OwEvidence     *self);
OwEvidenceKind  ow_evidence_get_kind           (OwEvidence     *self);
const char     *ow_evidence_get_original_name  (OwEvidence     *self);
const char     *ow_evidence_get_media_type     (OwEvidence     *self);
gint64          ow_evidence_get_size           (OwEvidence     *self);
/* Lower-case hex. */
const char     *ow_evidence_get_sha256         (OwEvidence     *self);
const char     *ow_evidence_get_note           (OwEvidence     *self);
void            ow_evidence_set_note           (OwEvidence     *self,
                                                const char     *note);
gint64          ow_evidence_get_added_at       (OwEvidence     *self);
void            ow_evidence_set_added_at       (OwEvidence     *self,
                                                gint64          added_at);
/* The stored copy's file name inside the locker: the SHA-256 and the original extension. */
char           *ow_evidence_get_stored_name    (OwEvidence     *self);
/* Why the item breaks the marketplace's limits ("AliExpress takes photos up to 2 MB"), or
 * NULL when it fits. @index is its place in the order's list (for the count limit). */
char           *ow_evidence_check_limits       (OwEvidence     *self,
                                                OwPolicy       *policy,
                                                guint           index);

G_END_DECLS
