/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OW_TYPE_REMINDER_ROW (ow_reminder_row_get_type ())

G_DECLARE_FINAL_TYPE (OwReminderRow, ow_reminder_row, OW, REMINDER_ROW, AdwExpanderRow)

/* When to be reminded before one kind of deadline, picked from a list of times: the row's
 * switch turns on the user's own times, off the marketplace's usual ones (@usual, minutes
 * before the deadline). "changed" follows every change the user makes. */
GtkWidget  *ow_reminder_row_new         (const char    *rule_id,
                                         const char    *title,
                                         const gint32  *usual,
                                         gsize          n_usual);
const char *ow_reminder_row_get_rule_id (OwReminderRow *self);
/* @minutes (largest first or not, repeats dropped) are the user's own times; NULL hands
 * the deadline back to the usual ones. Emits nothing. */
void        ow_reminder_row_set_custom  (OwReminderRow *self,
                                         const gint32  *minutes,
                                         gsize          n_minutes);
/* (transfer full) (element-type gint32) (nullable): the user's own times, largest first
 * (empty: no reminder at all); NULL while the usual ones apply. */
GArray     *ow_reminder_row_dup_custom  (OwReminderRow *self);
/* The check button for @minutes before, or NULL when it is not offered. */
GtkWidget  *ow_reminder_row_get_choice  (OwReminderRow *self,
                                         gint32         minutes);

G_END_DECLS
