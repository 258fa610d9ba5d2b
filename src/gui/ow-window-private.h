/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-window.c (layout, list, filters) and ow-window-actions.c (what the
 * header bars, the keyboard and notifications trigger). */
#pragma once

#include <adwaita.h>

#include "ow-countdown-clock.h"
#include "ow-order-detail.h"
#include "ow-window.h"

G_BEGIN_DECLS

struct _OwWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  AdwWindowTitle       *list_title;
  GtkWidget            *refresh_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkProgressBar       *refresh_progress;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkWidget            *filter_scroller;
  GtkWidget            *filter_separator;
  GtkFlowBox           *filter_box;
  GtkStack             *list_stack;
  GtkScrolledWindow    *list_scroller;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  GtkButton            *empty_button;
  GtkStack             *detail_stack;
  AdwStatusPage        *none_page;
  OwOrderDetail        *detail;           /* made when first needed */
  AdwWindowTitle       *detail_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *order_menu_button;
  GMenuModel           *primary_menu;
  GMenuModel           *order_menu;

  /* Context */
  OwStore              *store;
  OwPolicyRegistry     *policies;
  OwCountdownClock     *clock;
  GSettings            *settings;

  /* The list: orders -> hide the one being deleted -> the first rows only, until the first
   * frame is out -> selection. */
  OwOrderList          *orders;
  GtkFilterListModel   *visible;
  GtkSliceListModel    *first_rows;
  GtkCustomFilter      *hide_filter;
  GtkSingleSelection   *selection;
  GtkWidget            *chips[OW_N_FILTERS];
  GtkLabel             *chip_counts[OW_N_FILTERS];
  gboolean              syncing_filter;

  /* Delete with undo: the delete waits until the toast goes away. */
  OwOrder              *pending_delete;
  AdwToast             *delete_toast;

  /* Tracking refresh */
  OwTrackingClient     *tracking;
  GCancellable         *refresh_cancellable;
  gboolean              refreshing;

  /* Until the first frame is out, the list holds only the rows it shows and the detail page
   * stays blank: the window shows without waiting for hundreds of widgets. Meanwhile, the
   * order the page will show. */
  gboolean              detail_deferred;
  gint64                deferred_order_id;
  gulong                detail_frame_id;

  /* Benchmarks: report the first frame (ORDERWATCH_REPORT_FIRST_FRAME). */
  gulong                first_frame_id;
};

/* ow-window-actions.c */
void     ow_window_class_init_actions   (GtkWidgetClass *widget_class);
/* The actions live on the window's own "win" group. */
void     ow_window_init_actions         (OwWindow       *self);
void     ow_window_update_actions       (OwWindow       *self);
/* The order on the detail page, or NULL (also before the page is made). */
OwOrder *ow_window_get_detail_order     (OwWindow       *self);
/* Deletes the order waiting for its undo toast to go, if any. */
void     ow_window_flush_delete         (OwWindow       *self,
                                         gboolean        closing);
void     ow_window_toast                (OwWindow       *self,
                                         const char     *title);

/* ow-window-bench.c: the benchmarks' first-frame report, when asked for. */
void     ow_window_bench_setup          (OwWindow       *self);

/* ow-window-tabs.c */
void     ow_window_build_tabs           (OwWindow       *self);
void     ow_window_update_empty_page    (OwWindow       *self);
/* Side by side, shows the tab's first order when the detail is empty. */
void     ow_window_show_first           (OwWindow       *self);
/* Narrow, the tabs scroll sideways: brings the selected one into sight after layout. */
void     ow_window_scroll_to_tab        (OwWindow       *self);
void     ow_window_tab_selected         (OwWindow       *self,
                                         GtkFlowBox     *box);

/* ow-window.c */
/* Shows @order_id in the detail (selecting it in the list when it is there); with
 * @navigate, a folded window goes to the detail page. */
void     ow_window_show_order_internal  (OwWindow       *self,
                                         gint64          order_id,
                                         gboolean        navigate);
void     ow_window_refilter             (OwWindow       *self);
void     ow_window_update_counts        (OwWindow       *self);

G_END_DECLS
