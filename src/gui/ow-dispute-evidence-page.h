/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ow-dispute-page.h"
#include "ow-evidence-grid.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE_EVIDENCE_PAGE (ow_dispute_evidence_page_get_type ())

G_DECLARE_FINAL_TYPE (OwDisputeEvidencePage, ow_dispute_evidence_page, OW, DISPUTE_EVIDENCE_PAGE, OwDisputePage)

GtkWidget      *ow_dispute_evidence_page_new      (OwDisputeWizard       *wizard);
OwEvidenceGrid *ow_dispute_evidence_page_get_grid (OwDisputeEvidencePage *self);

G_END_DECLS
