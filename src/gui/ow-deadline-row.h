/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-deadlines.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_DEADLINE_ROW (ow_deadline_row_get_type ())

G_DECLARE_FINAL_TYPE (OwDeadlineRow, ow_deadline_row, OW, DEADLINE_ROW, AdwExpanderRow)

/* One deadline of an order: the countdown in plain words, the due date and time in the
 * user's zone (and the later value some sources give), and, expanded, what the
 * marketplace does when it runs out, what the buyer can do now, the rule's note and
 * its sources. */
GtkWidget  *ow_deadline_row_new           (const OwDeadline *deadline,
                                           gint64            now);
/* Refreshes the countdown for @deadline (same rule) at @now. */
void        ow_deadline_row_update        (OwDeadlineRow    *self,
                                           const OwDeadline *deadline,
                                           gint64            now);
/* When @indices (guint: positions in @set) are the @shown ones, the same rows in the same
 * order: updates each of @rows (element-type OwDeadlineRow) in place, so nothing flickers
 * and expanders stay open, and returns TRUE; else FALSE, for the caller to rebuild them. */
gboolean    ow_deadline_rows_update_in_place (GPtrArray          *rows,
                                            GArray             *shown,
                                            GArray             *indices,
                                            const OwDeadlineSet *set,
                                            gint64              now);
const char *ow_deadline_row_get_rule_id   (OwDeadlineRow    *self);
/* The deadline's words; while it has not started, what starts it (the row's subtitle, its
 * title being the rule's). */
const char *ow_deadline_row_get_countdown (OwDeadlineRow    *self);
OwDeadlineState ow_deadline_row_get_state (OwDeadlineRow    *self);
/* Opens the details (built then). */
void        ow_deadline_row_expand_details (OwDeadlineRow   *self);

/* "Tue 8 Nov 2026, 09:00 CET" in the user's time zone, or NULL for OW_TIME_UNSET. */
char       *ow_format_date_time           (gint64            time);

G_END_DECLS
