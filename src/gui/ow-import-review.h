/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review sheet: what an import will do, before anything is written ("14 orders found: 9
 * new, 3 updated, 2 unchanged; 1 mail not understood", then each order with what changes).
 * Import emits ::confirmed; the window applies the core's plan. */
#pragma once

#include <adwaita.h>

#include "ow-import-plan.h"

G_BEGIN_DECLS

#define OW_TYPE_IMPORT_REVIEW (ow_import_review_get_type ())

G_DECLARE_FINAL_TYPE (OwImportReview, ow_import_review, OW, IMPORT_REVIEW, AdwWindow)

/* @policies (nullable): the marketplaces' names in the rows. */
OwImportReview *ow_import_review_new         (OwImportPlan     *plan,
                                              OwPolicyRegistry *policies,
                                              const char       *file_name);
OwImportPlan   *ow_import_review_get_plan    (OwImportReview *self);
/* The summary line as shown. */
const char     *ow_import_review_get_summary (OwImportReview *self);

G_END_DECLS
