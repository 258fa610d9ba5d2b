/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-window.c (layout, list, search), ow-window-views.c (the sidebar of views and
 * the list's empty states) and ow-window-actions.c (what the header bars, the keyboard,
 * notifications, files and drops trigger). */
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
  AdwFlap              *views_flap;
  GtkWidget            *views_pane;
  GtkListBox           *views_list;
  GtkWidget            *views_button;
  GtkImage             *views_bar_icon;
  GtkLabel             *views_bar_title;
  GtkLabel             *views_bar_count;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  AdwHeaderBar         *list_header;
  AdwHeaderBar         *detail_header;
  AdwWindowTitle       *list_title;
  GtkWidget            *refresh_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkProgressBar       *refresh_progress;
  GtkSearchBar         *search_bar;
  GtkWidget            *search_button;
  GtkStack             *list_stack;
  GtkScrolledWindow    *list_scroller;
  GtkListView          *list_view;
  GtkStack             *detail_stack;
  AdwWindowTitle       *detail_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *order_menu_button;
  GtkWidget            *edit_button;
  GMenuModel           *primary_menu;
  GMenuModel           *order_menu;

  /* Made when first needed, not with the window (ow-window-deferred.ui); NULL till then. */
  GtkSearchEntry       *search_entry;     /* once the first frame is out */
  AdwStatusPage        *empty_page;       /* when a view is first empty */
  GtkButton            *empty_button;
  AdwStatusPage        *none_page;        /* when no order is first shown */
  OwOrderDetail        *detail;           /* when an order is first shown */

  /* Context */
  OwStore              *store;
  OwPolicyRegistry     *policies;
  OwCountdownClock     *clock;
  GSettings            *settings;

  /* The list: orders (without the one being deleted) -> the first rows only, until the
   * first frame is out -> selection. */
  OwOrderList          *orders;
  GtkSliceListModel    *first_rows;
  GtkSingleSelection   *selection;
  GtkWidget            *view_rows[OW_N_FILTERS];   /* OwViewRow, in the sidebar */
  gboolean              syncing_view;

  /* Delete with undo: the delete waits until the toast goes away. */
  OwOrder              *pending_delete;
  AdwToast             *delete_toast;

  /* Import and export: the file chooser while it is open */
  GtkNativeDialog      *file_chooser;

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

/* ow-window-transfer.c: win.import, win.export and files dropped on the window. */
/* Orders from a file (a JSON export or CSV), through the core's import; a toast says what
 * was done, a dialog why nothing was. */
void     ow_window_import_file          (OwWindow       *self,
                                         GFile          *file);
void     ow_window_init_transfer        (OwWindow       *self);
void     ow_window_dispose_transfer     (OwWindow       *self);
/* Writes every order to @file as @format ("json", "csv" or "ics"); a toast says how many. */
void     ow_window_export_to_file       (OwWindow       *self,
                                         const char     *format,
                                         GFile          *file);

/* ow-window.c */
GtkBuilder     *ow_window_build_deferred       (const char *id);
GtkSearchEntry *ow_window_ensure_search_entry  (OwWindow   *self);

/* ow-window-bench.c: the benchmarks' first-frame report, when asked for. */
void     ow_window_bench_setup          (OwWindow       *self);

/* ow-window-views.c */
void     ow_window_build_views          (OwWindow       *self);
void     ow_window_update_empty_page    (OwWindow       *self);
/* The detail pane with no order: says what it will show. */
void     ow_window_show_none_page       (OwWindow       *self);
/* Side by side, shows the view's first order when the detail is empty. */
void     ow_window_show_first           (OwWindow       *self);
void     ow_window_view_selected        (OwWindow       *self,
                                         GtkListBoxRow  *row);
/* A row of the sidebar was clicked: over the list, the sidebar gives way to it. */
void     ow_window_view_activated       (OwWindow       *self);

/* ow-window.c */
/* Shows @order_id in the detail (selecting it in the list when it is there); with
 * @navigate, a folded window goes to the detail page. */
void     ow_window_show_order_internal  (OwWindow       *self,
                                         gint64          order_id,
                                         gboolean        navigate);
void     ow_window_refilter             (OwWindow       *self);
void     ow_window_update_counts        (OwWindow       *self);
/* After the user changed the view or the search: the list starts at the top again and the
 * detail shows an order of the list, selected (side by side). */
void     ow_window_follow_list          (OwWindow       *self);
void     ow_window_update_title_buttons (OwWindow       *self);
/* The sidebar folded, unfolded, appeared or went: the header bars' buttons follow. */
void     ow_window_views_changed        (OwWindow       *self);

G_END_DECLS
