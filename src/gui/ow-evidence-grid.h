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
 * "orders-changed". Errors go to the nearest AdwToastOverlay.
 *
 * Properties: "n-items" (guint), "n-over-limit" (guint), "adding" (gboolean), all read-only.
 * Widget actions: evidence.add (the file chooser), evidence.remove (x: an evidence id),
 * evidence.edit-note (x), evidence.set-note ((xs): id, note). */
GtkWidget *ow_evidence_grid_new            (void);
void       ow_evidence_grid_set_context    (OwEvidenceGrid   *self,
                                            OwStore          *store,
                                            OwPolicyRegistry *policies);
/* 0 shows nothing. */
void       ow_evidence_grid_set_order_id   (OwEvidenceGrid   *self,
                                            gint64            order_id);
/* Copies @files (element-type GFile) into the order's locker, as a drop does, in a thread:
 * "adding" is TRUE meanwhile (and evidence.add off). Then a toast tells how many were added,
 * or names the first file that could not be and why. */
void       ow_evidence_grid_add_files      (OwEvidenceGrid   *self,
                                            GSList           *files);
gboolean   ow_evidence_grid_is_adding      (OwEvidenceGrid   *self);
guint      ow_evidence_grid_get_n_items    (OwEvidenceGrid   *self);
guint      ow_evidence_grid_get_n_over_limit (OwEvidenceGrid *self);
/* The first over-limit reason, or NULL. */
const char *ow_evidence_grid_get_limit_problem (OwEvidenceGrid *self);

G_END_DECLS
