/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dispute the buyer is still preparing: the choices made so far in the wizard and the page
 * reached, kept as a small JSON file beside the database (one per order) so a wizard closed
 * half-way resumes where it was. Submitting it opens the dispute through the dispute action
 * and forgets the draft. */
#pragma once

#include <glib-object.h>

#include "ow-dispute-terms.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE_DRAFT (ow_dispute_draft_get_type ())

G_DECLARE_FINAL_TYPE (OwDisputeDraft, ow_dispute_draft, OW, DISPUTE_DRAFT, GObject)

/* Properties (each notifies on change): "channel" (guint, OwDisputeChannel), "reason"
 * (string, nullable: not picked), "solution" (guint, OW_N_SOLUTIONS: not picked), "partial"
 * (boolean), "amount" (gint64, minor units of the order's currency; the partial amount asked
 * for, 0 when none was typed), "description" (string, nullable: the drafted one, not
 * edited), "page" (string, nullable: the wizard page reached). */
OwDisputeDraft   *ow_dispute_draft_new             (OwOrder          *order);

gint64            ow_dispute_draft_get_order_id    (OwDisputeDraft   *self);
OwDisputeChannel  ow_dispute_draft_get_channel     (OwDisputeDraft   *self);
void              ow_dispute_draft_set_channel     (OwDisputeDraft   *self,
                                                    OwDisputeChannel  channel);
const char       *ow_dispute_draft_get_reason      (OwDisputeDraft   *self);
void              ow_dispute_draft_set_reason      (OwDisputeDraft   *self,
                                                    const char       *reason_id);
OwDisputeSolution ow_dispute_draft_get_solution    (OwDisputeDraft   *self);
void              ow_dispute_draft_set_solution    (OwDisputeDraft   *self,
                                                    OwDisputeSolution solution);
gboolean          ow_dispute_draft_get_partial     (OwDisputeDraft   *self);
void              ow_dispute_draft_set_partial     (OwDisputeDraft   *self,
                                                    gboolean          partial);
gint64            ow_dispute_draft_get_amount      (OwDisputeDraft   *self);
void              ow_dispute_draft_set_amount      (OwDisputeDraft   *self,
                                                    gint64            amount);
const char       *ow_dispute_draft_get_description (OwDisputeDraft   *self);
void              ow_dispute_draft_set_description (OwDisputeDraft   *self,
                                                    const char       *description);
const char       *ow_dispute_draft_get_page        (OwDisputeDraft   *self);
void              ow_dispute_draft_set_page        (OwDisputeDraft   *self,
                                                    const char       *page);
/* When it was first saved, OW_TIME_UNSET before that. */
gint64            ow_dispute_draft_get_started_at  (OwDisputeDraft   *self);
/* What the dispute asks for: the partial amount when partial, else all that was paid. */
gint64            ow_dispute_draft_get_claimed     (OwDisputeDraft   *self,
                                                    OwOrder          *order);

/* The description Orderwatch drafts for what the draft asks (its reason, solution and
 * amount), from @order's dates and its latest tracking event in @store: English, as sellers
 * and agents read it. NULL while no reason is picked. */
char             *ow_dispute_draft_compose         (OwDisputeDraft   *self,
                                                    OwStore          *store,
                                                    OwPolicy         *policy,
                                                    OwOrder          *order,
                                                    gint64            now);

/* Where order @order_id's draft is kept. */
char             *ow_dispute_draft_get_path        (OwStore          *store,
                                                    gint64            order_id);
/* The draft saved for @order, or NULL (no error) when there is none, or when the one saved
 * was for another order that had the same id (then it is removed). A file that cannot be read
 * fails with @error naming it. */
OwDisputeDraft   *ow_dispute_draft_load            (OwStore          *store,
                                                    OwOrder          *order,
                                                    GError          **error);
/* Writes it (replacing the file atomically); the first save sets "started-at" to @now. */
gboolean          ow_dispute_draft_save            (OwDisputeDraft   *self,
                                                    OwStore          *store,
                                                    gint64            now,
                                                    GError          **error);
/* Forgets order @order_id's draft; no draft is not an error. */
gboolean          ow_dispute_draft_discard         (OwStore          *store,
                                                    gint64            order_id,
                                                    GError          **error);
/* Opens the dispute the draft describes (ow_dispute_action_open: one transaction, every
 * field checked) and, once it is recorded, forgets the draft. A draft without a reason or a
 * solution fails with OW_INPUT_ERROR_MISSING naming the field. */
OwDispute        *ow_dispute_draft_submit          (OwDisputeDraft   *self,
                                                    OwStore          *store,
                                                    OwPolicyRegistry *policies,
                                                    gint64            now,
                                                    char            **warning,
                                                    GError          **error);

G_END_DECLS
