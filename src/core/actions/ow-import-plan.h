/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What an import will do, worked out before anything is written: each order found is new,
 * updated (what it fills in, line by line) or unchanged, and the whole applies in one
 * transaction. The window's review sheet and `import --dry-run` show the same plan. */
#pragma once

#include <glib-object.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_IMPORT_PLAN (ow_import_plan_get_type ())

G_DECLARE_FINAL_TYPE (OwImportPlan, ow_import_plan, OW, IMPORT_PLAN, GObject)

typedef enum
{
  OW_IMPORT_NEW,
  OW_IMPORT_UPDATED,      /* fills in what the stored order does not know */
  OW_IMPORT_UNCHANGED,    /* everything it says is known already */
  OW_IMPORT_EXISTING,     /* a backup's order already stored: left out, as it was */
} OwImportKind;

/* Compares @orders (element-type OwOrder) and @records (nullable, element-type
 * OwOrderRecords, one per order) with @store. With @merge (exporter files, emails) an order
 * already stored is filled in, never overwriting what the user typed (ow_order_fill_in ());
 * without (Orderwatch's own JSON and CSV) it is left out. Incoming orders with the same
 * marketplace and number are merged first. */
OwImportPlan *ow_import_plan_new            (OwStore       *store,
                                             GPtrArray     *orders,
                                             GPtrArray     *records,
                                             gboolean       merge,
                                             GError       **error);

guint         ow_import_plan_get_n_orders   (OwImportPlan  *self);
guint         ow_import_plan_count          (OwImportPlan  *self,
                                             OwImportKind   kind);
/* The order as it will be written (for a new one, as read). */
OwOrder      *ow_import_plan_get_order      (OwImportPlan  *self,
                                             guint          index);
OwImportKind  ow_import_plan_get_kind       (OwImportPlan  *self,
                                             guint          index);
/* (element-type utf8) what changes, one line each: "Shipped: 12 Nov 2026 10:00, from an
 * email of 14 Nov 2026", "Tracking number: LP00123456789012". */
GPtrArray    *ow_import_plan_get_changes    (OwImportPlan  *self,
                                             guint          index);

/* What was left out before the plan (mails not understood, rows that did not read), for the
 * summary. */
void          ow_import_plan_set_n_not_understood (OwImportPlan *self,
                                             guint          n_mails,
                                             guint          n_rows);
/* The same, keeping each line for the review sheet (element-type utf8, both nullable). */
void          ow_import_plan_set_problems   (OwImportPlan  *self,
                                             GPtrArray     *not_understood,
                                             GPtrArray     *row_errors);
/* (element-type utf8) the lines given to ow_import_plan_set_problems (), in that order. */
GPtrArray    *ow_import_plan_get_problems   (OwImportPlan  *self);
/* "14 orders found: 9 new, 3 updated, 2 unchanged; 1 mail not understood". */
char         *ow_import_plan_describe       (OwImportPlan  *self);
/* "New", "Updated", "Unchanged", "Already saved": for each order's line. */
const char   *ow_import_kind_label          (OwImportKind   kind);

/* Writes the plan in one transaction: new orders with their records, and each update made
 * again on the order as it is now (a change made meanwhile is kept). Returns whether all
 * was written; on failure nothing is. */
gboolean      ow_import_plan_apply          (OwImportPlan  *self,
                                             GError       **error);

/* A file for the review sheet: an exporter's file or mails (told by their contents) read
 * into a merging plan, bad rows and mails left out and listed as its problems; NULL and FALSE
 * in *@reviewed for other files (Orderwatch's own JSON and CSV import as they are), NULL with
 * @error when nothing in the file reads. */
OwImportPlan *ow_import_plan_read_file      (OwStore           *store,
                                             OwPolicyRegistry  *policies,
                                             GBytes            *data,
                                             const char        *name,
                                             gboolean          *reviewed,
                                             GError           **error);

G_END_DECLS
