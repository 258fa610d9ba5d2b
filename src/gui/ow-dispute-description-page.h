/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ow-dispute-page.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE_DESCRIPTION_PAGE (ow_dispute_description_page_get_type ())

G_DECLARE_FINAL_TYPE (OwDisputeDescriptionPage, ow_dispute_description_page, OW, DISPUTE_DESCRIPTION_PAGE, OwDisputePage)

GtkWidget *ow_dispute_description_page_new (OwDisputeWizard *wizard);

G_END_DECLS
