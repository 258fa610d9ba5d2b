/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-countdown-clock.h"
#include "ow-evidence-grid.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE_SECTION (ow_dispute_section_get_type ())

G_DECLARE_FINAL_TYPE (OwDisputeSection, ow_dispute_section, OW, DISPUTE_SECTION, GtkWidget)

/* The order page's dispute: its state and channel, its deadlines counting down, what the buyer
 * can record next (each step the core allows now; the others say why not), its history and
 * its evidence. Hidden while the order has no dispute. It reads the order's disputes from the
 * store each time the order page hands it the order (again after the store changed it).
 *
 * Property: "dispute" (OwDispute, read-only: the one shown, the open one first).
 * Each step's row is named "step-<step>" ("step-return_shipped"): sensitive when the step is
 * possible now, else saying why.
 * Widget actions: dispute.step (s: a step such as "seller_proposed"; asks for what the step
 * needs first), dispute.record ((sxs): step, amount in minor units, text), dispute.close
 * (asks the outcome), dispute.close-with ((sx): outcome, amount), dispute.add-evidence,
 * dispute.export-dossier (a save dialog, then ow_dispute_section_save_dossier ()). */
GtkWidget      *ow_dispute_section_new               (void);
void            ow_dispute_section_set_context       (OwDisputeSection *self,
                                                      OwStore          *store,
                                                      OwPolicyRegistry *policies,
                                                      OwCountdownClock *clock);
/* @order (nullable): the order shown, as read from the store. */
void            ow_dispute_section_set_order         (OwDisputeSection *self,
                                                      OwOrder          *order);
OwDispute      *ow_dispute_section_get_dispute       (OwDisputeSection *self);
/* (element-type OwDeadlineRow): the dispute's deadline rows, top to bottom. */
GPtrArray      *ow_dispute_section_get_deadline_rows (OwDisputeSection *self);
OwEvidenceGrid *ow_dispute_section_get_evidence_grid (OwDisputeSection *self);
/* Writes the order's PDF dossier to @file (a local file) in a thread, then says so in a toast
 * with a button that opens it; while it is written the export action is off. */
void            ow_dispute_section_save_dossier      (OwDisputeSection *self,
                                                      GFile            *file);
gboolean        ow_dispute_section_is_saving_dossier (OwDisputeSection *self);

G_END_DECLS
