/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_EVIDENCE_GRID (ow_evidence_grid_get_type ())

G_DECLARE_FINAL_TYPE (OwEvidenceGrid, ow_evidence_grid, OW, EVIDENCE_GRID, GtkWidget)

/* An order's evidence as a grid of thumbnails: add with a file chooser (portal-friendly
 * GtkFileChooserNative) or by dropping files, remove, a note per item, and each item that
 * breaks the marketplace's limits flagged with the reason. It follows the store's
 * "order-changed". Errors go to the nearest AdwToastOverlay.
 *
 * Properties: "n-items" (guint), "n-over-limit" (guint), both read-only.
 * Widget actions: evidence.add (the file chooser), evidence.remove (x: an evidence id),
 * evidence.edit-note (x), evidence.set-note ((xs): id, note). */
GtkWidget *ow_evidence_grid_new            (void);
void       ow_evidence_grid_set_context    (OwEvidenceGrid   *self,
                                            OwStore          *store,
                                            OwPolicyRegistry *policies);
/* 0 shows nothing. */
void       ow_evidence_grid_set_order_id   (OwEvidenceGrid   *self,
                                            gint64            order_id);
/* Copies @files (element-type GFile) into the order's locker, as a drop does; returns how many
 * were added. Each failure is told in a toast naming the file. */
guint      ow_evidence_grid_add_files      (OwEvidenceGrid   *self,
                                            GSList           *files);
guint      ow_evidence_grid_get_n_items    (OwEvidenceGrid   *self);
guint      ow_evidence_grid_get_n_over_limit (OwEvidenceGrid *self);
/* The first over-limit reason, or NULL. */
const char *ow_evidence_grid_get_limit_problem (OwEvidenceGrid *self);

G_END_DECLS
