/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a policy file says about disputes: whether it is a marketplace or a channel (PayPal,
 * a card), where the order's page is, the reasons a buyer can give with the evidence each
 * needs, and the limits on attachments. Plain data, owned by its OwPolicy. */
#pragma once

#include <json-glib/json-glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_SOLUTION_REFUND_ONLY,
  OW_SOLUTION_RETURN_GOODS,
  OW_N_SOLUTIONS
} OwDisputeSolution;

typedef enum
{
  OW_REASON_NOT_RECEIVED,
  OW_REASON_RECEIVED,       /* received with a problem the seller will not fix */
} OwReasonGroup;

typedef enum
{
  OW_EVIDENCE_PHOTO,
  OW_EVIDENCE_VIDEO,
  OW_EVIDENCE_SCREENSHOT,
  OW_EVIDENCE_DOCUMENT,
  OW_EVIDENCE_MESSAGE,
  OW_N_EVIDENCE_KINDS
} OwEvidenceKind;

typedef struct _OwDisputeReason OwDisputeReason;

typedef struct
{
  guint   max_files;
  gint64  max_bytes[OW_N_EVIDENCE_KINDS];   /* 0: no limit known */
  char  **extensions;                       /* lower case, without the dot; NULL: any */
} OwEvidenceLimits;

/* Parses "kind", "order_url" and "dispute" of a policy object. NULL and @error (naming
 * @origin and the field) when malformed; a policy without them gets empty terms. */
OwDisputeTerms        *ow_dispute_terms_parse          (JsonObject             *policy,
                                                        const char             *origin,
                                                        GError                **error);
void                   ow_dispute_terms_free           (OwDisputeTerms         *terms);

/* A channel (PayPal, a card) rather than a marketplace: not offered for orders. */
gboolean               ow_dispute_terms_is_channel     (const OwDisputeTerms   *terms);
/* The order page's address for @order_number, or NULL when the policy gives none. */
char                  *ow_dispute_terms_order_url      (const OwDisputeTerms   *terms,
                                                        const char             *order_number);
guint                  ow_dispute_terms_get_n_reasons  (const OwDisputeTerms   *terms);
const OwDisputeReason *ow_dispute_terms_get_reason     (const OwDisputeTerms   *terms,
                                                        guint                   index);
const OwDisputeReason *ow_dispute_terms_find_reason    (const OwDisputeTerms   *terms,
                                                        const char             *id);
const OwEvidenceLimits *ow_dispute_terms_get_limits    (const OwDisputeTerms   *terms);

const char            *ow_dispute_reason_get_id        (const OwDisputeReason  *reason);
/* Translated. */
const char            *ow_dispute_reason_get_title     (const OwDisputeReason  *reason);
/* What to attach for this reason, translated. */
const char            *ow_dispute_reason_get_evidence  (const OwDisputeReason  *reason);
/* The claim's sentence for this reason, in English as the file has it, or NULL. */
const char            *ow_dispute_reason_get_draft     (const OwDisputeReason  *reason);
OwReasonGroup          ow_dispute_reason_get_group     (const OwDisputeReason  *reason);
gboolean               ow_dispute_reason_allows        (const OwDisputeReason  *reason,
                                                        OwDisputeSolution       solution);

const char            *ow_dispute_solution_to_string   (OwDisputeSolution       solution);
gboolean               ow_dispute_solution_from_string (const char             *text,
                                                        OwDisputeSolution      *solution);
const char            *ow_dispute_solution_label       (OwDisputeSolution       solution);
const char            *ow_evidence_kind_to_string      (OwEvidenceKind          kind);
gboolean               ow_evidence_kind_from_string    (const char             *text,
                                                        OwEvidenceKind         *kind);
const char            *ow_reason_group_to_string       (OwReasonGroup           group);
const char            *ow_dispute_channel_to_string    (OwDisputeChannel        channel);
gboolean               ow_dispute_channel_from_string  (const char             *text,
                                                        OwDisputeChannel       *channel);
const char            *ow_dispute_channel_label        (OwDisputeChannel        channel);

G_END_DECLS
