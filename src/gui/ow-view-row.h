/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_VIEW_ROW (ow_view_row_get_type ())

G_DECLARE_FINAL_TYPE (OwViewRow, ow_view_row, OW, VIEW_ROW, GtkListBoxRow)

/* One view of the orders in the window's sidebar ("Needs Action", "Awaiting Delivery",
 * "All Orders"…): its icon, its name and how many orders it holds. */
GtkWidget     *ow_view_row_new        (OwOrderFilter  filter);
OwOrderFilter  ow_view_row_get_filter (OwViewRow     *self);
/* The count shown ("count" property). */
guint          ow_view_row_get_count  (OwViewRow     *self);
void           ow_view_row_set_count  (OwViewRow     *self,
                                       guint          count);
/* The view's name as the sidebar and the list's title show it. */
const char    *ow_view_title          (OwOrderFilter  filter);
const char    *ow_view_icon_name      (OwOrderFilter  filter);

G_END_DECLS
