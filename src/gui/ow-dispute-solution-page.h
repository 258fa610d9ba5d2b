/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ow-dispute-page.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE_SOLUTION_PAGE (ow_dispute_solution_page_get_type ())

G_DECLARE_FINAL_TYPE (OwDisputeSolutionPage, ow_dispute_solution_page, OW, DISPUTE_SOLUTION_PAGE, OwDisputePage)

GtkWidget *ow_dispute_solution_page_new (OwDisputeWizard *wizard);

G_END_DECLS
