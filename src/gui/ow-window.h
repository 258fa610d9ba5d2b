/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-application.h"
#include "ow-countdown-clock.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_WINDOW (ow_window_get_type ())

G_DECLARE_FINAL_TYPE (OwWindow, ow_window, OW, WINDOW, AdwApplicationWindow)

OwWindow      *ow_window_new               (OwApplication *application);
/* With an explicit store and policies (tests, benchmarks); @application may be NULL. */
OwWindow      *ow_window_new_for_store     (OwApplication    *application,
                                            OwStore          *store,
                                            OwPolicyRegistry *policies);
OwStore       *ow_window_get_store         (OwWindow      *self);
OwOrderList   *ow_window_get_order_list    (OwWindow      *self);
OwCountdownClock *ow_window_get_clock      (OwWindow      *self);
GtkWidget     *ow_window_get_detail        (OwWindow      *self);
GtkListView   *ow_window_get_list_view     (OwWindow      *self);
/* The GListModel the list view shows (OwOrder items). */
GListModel    *ow_window_get_visible_orders (OwWindow     *self);
/* Shows the view of @filter, as picking it in the sidebar does. */
void          ow_window_set_filter         (OwWindow      *self,
                                            OwOrderFilter  filter);
OwOrderFilter  ow_window_get_filter        (OwWindow      *self);
/* The sidebar's row for @filter (an OwViewRow, its "count" the number shown). */
GtkWidget     *ow_window_get_view_row      (OwWindow      *self,
                                            OwOrderFilter  filter);
/* The count @filter's row shows. */
guint          ow_window_get_view_count    (OwWindow      *self,
                                            OwOrderFilter  filter);
void           ow_window_set_search        (OwWindow      *self,
                                            const char    *text);
/* "list", "empty" */
const char    *ow_window_get_list_page     (OwWindow      *self);
/* "pending" (blank until the first frame), "none" or "detail". */
const char    *ow_window_get_detail_page   (OwWindow      *self);
const char    *ow_window_get_empty_title   (OwWindow      *self);
void           ow_window_show_order        (OwWindow      *self,
                                            gint64         order_id);
gint64         ow_window_get_shown_order_id (OwWindow     *self);
gboolean       ow_window_get_folded        (OwWindow      *self);
/* "list" or "detail": the leaflet page in front. */
const char    *ow_window_get_visible_page  (OwWindow      *self);

G_END_DECLS
