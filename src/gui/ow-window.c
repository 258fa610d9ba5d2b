/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadlines.h"
#include "ow-order-detail.h"
#include "ow-order-list.h"
#include "ow-order-row.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-startup-load.h"
#include "ow-store.h"
#include "ow-time.h"
#include "ow-tracking-client.h"
#include "ow-view-row.h"
#include "ow-window-private.h"

G_DEFINE_FINAL_TYPE (OwWindow, ow_window, ADW_TYPE_APPLICATION_WINDOW)

/* The lowest a row can be, at a small font: two lines of text (the item, the store), and
 * what a deadline's line adds to it. */
#define ROW_HEIGHT_MIN       48
#define ROW_DEADLINE_MIN     16

enum { PROP_0, PROP_STORE, PROP_POLICIES, PROP_ORDERS, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* List rows */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     OwWindow                 *self)
{
  gtk_list_item_set_child (item, ow_order_row_new (self->orders, self->clock));
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    OwWindow                 *self)
{
  ow_order_row_set_order (OW_ORDER_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      OwWindow                 *self)
{
  ow_order_row_set_order (OW_ORDER_ROW (gtk_list_item_get_child (item)), NULL);
}

void
ow_window_refilter (OwWindow *self)
{
  /* The list leaves it out of its rows and counts without asking every row about it. */
  ow_order_list_set_hidden (self->orders, self->pending_delete != NULL
                                            ? ow_order_get_id (self->pending_delete) : 0);
  ow_window_update_counts (self);
}

static void
on_view_selected_cb (OwWindow      *self,
                     GtkListBoxRow *row,
                     GtkListBox    *box)
{
  ow_window_view_selected (self, row);
}

static void
on_view_activated_cb (OwWindow      *self,
                      GtkListBoxRow *row,
                      GtkListBox    *box)
{
  ow_window_view_activated (self);
}

/* Search */

static void
apply_search (OwWindow   *self,
              const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (ow_order_list_get_search (self->orders), text) == 0)
    return;
  ow_order_list_set_search (self->orders, text);
  ow_window_update_empty_page (self);
  ow_window_follow_list (self);
}

static void
on_search_changed_cb (OwWindow       *self,
                      GtkSearchEntry *entry)
{
  /* The entry emptied as the bar hides: the search is over already. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Hidden, the search is over: every order of the view again, and an empty entry the next
 * time the bar opens. */
static void
on_search_mode_cb (OwWindow     *self,
                   GParamSpec   *pspec,
                   GtkSearchBar *bar)
{
  if (gtk_search_bar_get_search_mode (bar))
    return;
  if (self->search_entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self, NULL);
}

static void
on_search_activate_cb (OwWindow       *self,
                       GtkSearchEntry *entry)
{
  /* Enter opens the best match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->orders)) > 0)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (G_LIST_MODEL (self->orders), 0);

      ow_window_show_order_internal (self, ow_order_get_id (order), TRUE);
    }
}

/* Made once the first frame is out, or when a search is asked for before. */
GtkSearchEntry *
ow_window_ensure_search_entry (OwWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->search_entry != NULL)
    return self->search_entry;
  builder = ow_window_build_deferred ("search_entry");
  self->search_entry = GTK_SEARCH_ENTRY (gtk_builder_get_object (builder, "search_entry"));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_activate_cb), self);
  gtk_search_bar_set_child (self->search_bar, GTK_WIDGET (self->search_entry));
  /* The bar's own entry: Escape in it closes the bar, and typing anywhere in the window
   * (the list, the sidebar) starts a search. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  return self->search_entry;
}

void
ow_window_set_search (OwWindow   *self,
                      const char *text)
{
  g_return_if_fail (OW_IS_WINDOW (self));

  if (text == NULL || *text == '\0')
    {
      /* Hiding the bar ends the search (on_search_mode_cb). */
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      apply_search (self, NULL);
      return;
    }
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (ow_window_ensure_search_entry (self)), text);
  /* search-changed is delayed; apply at once. */
  apply_search (self, text);
}

/* Selection and navigation */

static void on_detail_order_cb (OwWindow      *self,
                                GParamSpec    *pspec,
                                OwOrderDetail *detail);

/* Its hundreds of widgets are made when an order is first shown, not with the window. */
static OwOrderDetail *
ensure_detail (OwWindow *self)
{
  if (self->detail == NULL)
    {
      self->detail = OW_ORDER_DETAIL (ow_order_detail_new ());
      ow_order_detail_set_context (self->detail, self->store, self->policies, self->clock);
      g_signal_connect_swapped (self->detail, "notify::order",
                                G_CALLBACK (on_detail_order_cb), self);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->detail), "detail");
    }
  return self->detail;
}

static void
set_detail_order (OwWindow *self,
                  gint64    order_id)
{
  if (self->detail_deferred)
    self->deferred_order_id = order_id;
  else if (order_id != 0 || self->detail != NULL)
    ow_order_detail_set_order_id (ensure_detail (self), order_id);
}

/* Lists every row and fills the detail page now, without waiting for the first frame. */
static void
end_first_frame_wait (OwWindow *self)
{
  if (!self->detail_deferred)
    return;
  self->detail_deferred = FALSE;
  gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  /* What the list computed goes back to the store once the user has the window. */
  ow_order_list_start_saving (self->orders);
  if (self->detail_frame_id != 0)
    g_clear_signal_handler (&self->detail_frame_id,
                            gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  if (self->deferred_order_id != 0)
    ow_order_detail_set_order_id (ensure_detail (self), self->deferred_order_id);
  else
    ow_window_show_none_page (self);
  ow_window_ensure_search_entry (self);
}

static gint64
get_detail_order (OwWindow *self)
{
  if (self->detail_deferred)
    return self->deferred_order_id;
  return self->detail != NULL ? ow_order_detail_get_order_id (self->detail) : 0;
}

void
ow_window_show_order_internal (OwWindow *self,
                               gint64    order_id,
                               gboolean  navigate)
{
  guint position;

  /* Asked for (a click, a notification): every row and the page, at once. */
  if (navigate)
    end_first_frame_wait (self);

  /* A search through the list's index, not its rows: those read their orders. */
  position = order_id != 0 ? ow_order_list_find_position (self->orders, order_id)
                           : GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  set_detail_order (self, order_id);
  if (navigate && get_detail_order (self) != 0)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

/* By the list's first item, not by the adjustment: right after the model changed, the list
 * does not know where a pixel offset falls yet ("failed to scroll to given position"). */
static void
scroll_to_top (OwWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

void
ow_window_follow_list (OwWindow *self)
{
  gint64 shown = get_detail_order (self);
  guint position = shown != 0 ? ow_order_list_find_position (self->orders, shown)
                              : GTK_INVALID_LIST_POSITION;
  GListModel *model = G_LIST_MODEL (self->orders);

  scroll_to_top (self);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      /* Still in the list: it stays, and its row says so. */
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
      return;
    }
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  /* Folded, the detail follows a tap, not the list. */
  if (adw_leaflet_get_folded (self->leaflet))
    return;
  if (g_list_model_get_n_items (model) > 0)
    {
      g_autoptr(OwOrder) first = g_list_model_get_item (model, 0);

      ow_window_show_order_internal (self, ow_order_get_id (first), FALSE);
    }
  else
    set_detail_order (self, 0);
}

static void
on_selection_changed_cb (OwWindow           *self,
                         guint               position,
                         guint               n_items,
                         GtkSingleSelection *selection)
{
  OwOrder *order = gtk_single_selection_get_selected_item (selection);

  /* Folded, the detail is not visible: it follows activation, not the cursor. */
  if (order == NULL || adw_leaflet_get_folded (self->leaflet))
    return;
  if (ow_order_get_id (order) != get_detail_order (self))
    set_detail_order (self, ow_order_get_id (order));
}

static void
on_list_activate_cb (OwWindow    *self,
                     guint        position,
                     GtkListView *view)
{
  g_autoptr(OwOrder) order = g_list_model_get_item (G_LIST_MODEL (self->orders), position);

  if (order != NULL)
    ow_window_show_order_internal (self, ow_order_get_id (order), TRUE);
}

static void
on_leaflet_folded_cb (OwWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Folded, a tap opens an order; unfolded, selecting does. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
  ow_window_update_title_buttons (self);
  if (!folded)
    {
      OwOrder *order = gtk_single_selection_get_selected_item (self->selection);

      if (order != NULL && ow_order_get_id (order) != get_detail_order (self))
        set_detail_order (self, ow_order_get_id (order));
    }
  ow_window_update_actions (self);
}

static void
on_leaflet_visible_child_cb (OwWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean list_shown = adw_leaflet_get_visible_child (self->leaflet) == self->list_pane;

  /* Back on the list in a folded window: the list gets the keyboard again. */
  if (folded && list_shown)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  /* A swipe from the edge of an order's page goes back to the list, not to the views. */
  adw_flap_set_swipe_to_open (self->views_flap, list_shown || !folded);
  ow_window_update_actions (self);
}

/* The window's buttons go in the header bars at the window's edges, whatever is folded. */
void
ow_window_update_title_buttons (OwWindow *self)
{
  gboolean no_views = adw_flap_get_folded (self->views_flap) ||
                      !gtk_widget_get_visible (self->views_pane);

  adw_header_bar_set_show_start_title_buttons (self->list_header, no_views);
  adw_header_bar_set_show_start_title_buttons (self->detail_header,
                                               no_views && adw_leaflet_get_folded (self->leaflet));
}

void
ow_window_views_changed (OwWindow *self)
{
  gboolean button = adw_flap_get_folded (self->views_flap) &&
                    gtk_widget_get_visible (self->views_pane);

  /* No sidebar: the view's name and count go under the header bar, as the button that
   * brings the sidebar; the header bar has the room for its buttons. */
  gtk_widget_set_visible (self->views_button, button);
  gtk_widget_set_visible (GTK_WIDGET (self->list_title), !adw_flap_get_folded (self->views_flap));
  ow_window_update_title_buttons (self);
  ow_window_update_actions (self);
}

static void
on_views_flap_folded_cb (OwWindow *self)
{
  ow_window_views_changed (self);
}

static void
on_views_revealed_cb (OwWindow *self)
{
  /* Escape (win.back) closes the views over the list. */
  ow_window_update_actions (self);
}


static void
on_detail_order_cb (OwWindow      *self,
                    GParamSpec    *pspec,
                    OwOrderDetail *detail)
{
  OwOrder *order = ow_order_detail_get_order (detail);

  if (order != NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  else
    ow_window_show_none_page (self);
  /* Nothing to edit or delete without an order: no buttons that would open on nothing. */
  gtk_widget_set_visible (self->edit_button, order != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->order_menu_button), order != NULL);
  adw_window_title_set_title (self->detail_title,
                              order ? ow_order_get_item_title (order) : NULL);
  adw_window_title_set_subtitle (self->detail_title,
                                 order ? ow_order_get_store_name (order) : NULL);
  /* The order went away (deleted elsewhere): back to the list. */
  if (order == NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  ow_window_update_actions (self);
}

static void
on_items_changed_cb (OwWindow   *self,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *model)
{
  ow_window_update_empty_page (self);
}

/* The clock */

static void
on_tick_cb (OwCountdownClock *clock,
            gint64            now,
            OwWindow         *self)
{
  /* Before the rows update (they connect later): they read deadlines at this "now". */
  ow_order_list_set_now (self->orders, now);
}

static void
ow_window_map (GtkWidget *widget)
{
  OwWindow *self = OW_WINDOW (widget);

  GTK_WIDGET_CLASS (ow_window_parent_class)->map (widget);
  ow_countdown_clock_set_active (self->clock, TRUE);
}

static void
ow_window_unmap (GtkWidget *widget)
{
  OwWindow *self = OW_WINDOW (widget);

  /* Nothing ticks while nobody can see it. */
  ow_countdown_clock_set_active (self->clock, FALSE);
  GTK_WIDGET_CLASS (ow_window_parent_class)->unmap (widget);
}

/* Window state */

static GSettings *
maybe_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Not installed (a build tree without GSETTINGS_SCHEMA_DIR): no saved size. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APPLICATION_ID,
                                                                   TRUE)) == NULL)
    return NULL;
  return g_settings_new (APPLICATION_ID);
}

static gboolean
ow_window_close_request (GtkWindow *window)
{
  OwWindow *self = OW_WINDOW (window);
  int width, height;

  ow_window_flush_delete (self, TRUE);

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (ow_window_parent_class)->close_request (window);
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   OwWindow      *self)
{
  end_first_frame_wait (self);
}

static void
ow_window_realize (GtkWidget *widget)
{
  OwWindow *self = OW_WINDOW (widget);
  GdkFrameClock *clock;
  GTK_WIDGET_CLASS (ow_window_parent_class)->realize (widget);
  clock = gtk_widget_get_frame_clock (widget);
  /* The benchmark's report first: it times the frame this handler follows. */
  ow_window_bench_setup (self);
  if (self->detail_deferred && self->detail_frame_id == 0)
    self->detail_frame_id = g_signal_connect (clock, "after-paint",
                                              G_CALLBACK (on_first_paint_cb), self);
}

static void
ow_window_unrealize (GtkWidget *widget)
{
  OwWindow *self = OW_WINDOW (widget);

  /* Still waiting: the next realize waits for its own first frame. */
  g_clear_signal_handler (&self->detail_frame_id, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (ow_window_parent_class)->unrealize (widget);
}

/* Construction */

static guint
first_frame_rows (OwWindow *self)
{
  int width = 0, height = 0, total = 0;
  guint n;

  /* Both pointers: GTK 4.8 does not accept NULL for either. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* Asked to maximize, the window does not know its height until it is mapped. */
  if (height <= 0 ||
      (self->settings != NULL && g_settings_get_boolean (self->settings, "window-maximized")))
    return OW_FIRST_FRAME_ROWS_MAX;

  /* As many rows as the whole window's height holds at their lowest (the rows read their
   * orders' deadlines when bound anyway), then one cut off at the bottom and one spare. */
  for (n = 0; n < OW_FIRST_FRAME_ROWS_MAX && total < height; n++)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (G_LIST_MODEL (self->orders), n);
      const OwDeadlineSet *set;

      if (order == NULL)
        break;
      set = ow_order_list_get_deadlines (self->orders, order);
      total += ROW_HEIGHT_MIN;
      if (set != NULL && ow_deadlines_get_headline (set) != NULL)
        total += ROW_DEADLINE_MIN;
    }
  return MIN (n + 2, OW_FIRST_FRAME_ROWS_MAX);
}

static void
ow_window_constructed (GObject *object)
{
  OwWindow *self = OW_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (ow_window_parent_class)->constructed (object);
  g_assert (self->store != NULL && self->policies != NULL);

  /* The saved size first: it says how many rows the first frame needs. */
  self->settings = maybe_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* Loaded at the clock's "now" straight away, not computed twice; on its first tab before
   * any view is attached, so the views see only that tab's rows. */
  if (self->orders == NULL)
    self->orders = g_object_new (OW_TYPE_ORDER_LIST, "store", self->store,
                                 "policies", self->policies,
                                 "now", ow_countdown_clock_get_now (self->clock),
                                 "from-summaries", self->policies != NULL, NULL);
  else
    ow_order_list_set_now (self->orders, ow_countdown_clock_get_now (self->clock));
  ow_order_list_set_filter (self->orders, ow_startup_load_choose_filter (self->orders));
  g_signal_connect (self->clock, "tick", G_CALLBACK (on_tick_cb), self);
  g_signal_connect_swapped (self->orders, "counts-changed",
                            G_CALLBACK (ow_window_update_counts), self);

  /* Until it is allocated, GTK 4.8's list view makes a row widget for up to 200 items; the
   * first frame shows a few dozen. The rest are listed once it is out. */
  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->orders)), 0,
                                               first_frame_rows (self));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect_swapped (self->orders, "items-changed",
                            G_CALLBACK (on_items_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  ow_window_build_views (self);
  ow_window_set_filter (self, ow_order_list_get_filter (self->orders));
  ow_window_update_counts (self);
  ow_window_show_first (self);
  on_leaflet_folded_cb (self);
  ow_window_update_actions (self);
}

static void
ow_window_dispose (GObject *object)
{
  OwWindow *self = OW_WINDOW (object);

  ow_window_flush_delete (self, TRUE);
  ow_window_dispose_transfer (self);
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  if (self->clock != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->clock, self);
      ow_countdown_clock_set_active (self->clock, FALSE);
    }
  if (self->orders != NULL)
    g_signal_handlers_disconnect_by_data (self->orders, self);

  /* Goes with the stack it sits in; nothing of it may call back into a closing window. */
  if (self->detail != NULL)
    g_signal_handlers_disconnect_by_data (self->detail, self);
  self->detail = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_WINDOW);
  /* Gone with the template's widgets they were added to. */
  self->search_entry = NULL;
  self->empty_page = NULL;
  self->empty_button = NULL;
  self->none_page = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->orders);
  g_clear_object (&self->tracking);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->policies);

  G_OBJECT_CLASS (ow_window_parent_class)->dispose (object);
}

static void
ow_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OwWindow *self = OW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_POLICIES:
      g_value_set_object (value, self->policies);
      break;
    case PROP_ORDERS:
      g_value_set_object (value, self->orders);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  OwWindow *self = OW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_POLICIES:
      self->policies = g_value_dup_object (value);
      break;
    case PROP_ORDERS:
      self->orders = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_window_class_init (OwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ow_window_constructed;
  object_class->dispose = ow_window_dispose;
  object_class->get_property = ow_window_get_property;
  object_class->set_property = ow_window_set_property;
  widget_class->map = ow_window_map;
  widget_class->unmap = ow_window_unmap;
  widget_class->realize = ow_window_realize;
  widget_class->unrealize = ow_window_unrealize;
  window_class->close_request = ow_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, OW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICIES] =
    g_param_spec_object ("policies", NULL, NULL, OW_TYPE_POLICY_REGISTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A list already loaded from this store (at start-up, on a thread); else the window
   * loads its own. */
  properties[PROP_ORDERS] =
    g_param_spec_object ("orders", NULL, NULL, OW_TYPE_ORDER_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OW_TYPE_ORDER_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ow-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_flap);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_pane);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_button);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_bar_icon);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_bar_title);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, views_bar_count);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, detail_header);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, refresh_progress);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, order_menu_button);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, OwWindow, order_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_views_flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  ow_window_class_init_actions (widget_class);
}

/* The builder of one part of the window its first frame does not show
 * (ow-window-deferred.ui); the caller takes what it needs before dropping it. */
GtkBuilder *
ow_window_build_deferred (const char *id)
{
  GtkBuilder *builder = gtk_builder_new ();
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;

  /* The app's own resource: failing is a bug in it, as with a template. */
  if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_BASE "/ow-window-deferred.ui",
                                              ids, &error))
    g_error ("ow-window-deferred.ui: %s", error->message);
  return builder;
}

/* A menu's popover and its rows are made on the first click, not with the window. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       model)
{
  gtk_menu_button_set_menu_model (button, model);
}

static void
set_menu_lazily (GtkMenuButton *button,
                 GMenuModel    *model)
{
  gtk_menu_button_set_create_popup_func (button, create_menu_cb, g_object_ref (model),
                                         g_object_unref);
}

static void
ow_window_init (OwWindow *self)
{
  self->clock = ow_countdown_clock_new ();
  self->detail_deferred = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ow_window_init_actions (self);
  ow_window_init_transfer (self);
  g_signal_connect_swapped (self->views_flap, "notify::reveal-flap",
                            G_CALLBACK (on_views_revealed_cb), self);
  set_menu_lazily (self->primary_menu_button, self->primary_menu);
  set_menu_lazily (self->order_menu_button, self->order_menu);
}

OwWindow *
ow_window_new_for_store (OwApplication    *application,
                         OwStore          *store,
                         OwPolicyRegistry *policies)
{
  g_return_val_if_fail (application == NULL || OW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);

  return g_object_new (OW_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "policies", policies,
                       NULL);
}

OwWindow *
ow_window_new (OwApplication *application)
{
  g_autoptr(OwOrderList) orders = NULL;

  g_return_val_if_fail (OW_IS_APPLICATION (application), NULL);

  orders = ow_application_take_first_orders (application);
  return g_object_new (OW_TYPE_WINDOW,
                       "application", application,
                       "store", ow_application_get_store (application),
                       "policies", ow_application_get_policies (application),
                       "orders", orders,
                       NULL);
}

OwStore *
ow_window_get_store (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return self->store;
}

OwOrderList *
ow_window_get_order_list (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return self->orders;
}

OwCountdownClock *
ow_window_get_clock (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return self->clock;
}

GtkWidget *
ow_window_get_detail (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_detail (self));
}

GtkListView *
ow_window_get_list_view (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return self->list_view;
}

GListModel *
ow_window_get_visible_orders (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->orders);
}


const char *
ow_window_get_list_page (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

OwOrder *
ow_window_get_detail_order (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return self->detail != NULL ? ow_order_detail_get_order (self->detail) : NULL;
}

const char *
ow_window_get_detail_page (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->detail_stack);
}

const char *
ow_window_get_empty_title (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return self->empty_page != NULL ? adw_status_page_get_title (self->empty_page) : NULL;
}

void
ow_window_show_order (OwWindow *self,
                      gint64    order_id)
{
  g_return_if_fail (OW_IS_WINDOW (self));
  ow_window_show_order_internal (self, order_id, TRUE);
}

gint64
ow_window_get_shown_order_id (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), 0);
  return get_detail_order (self);
}

gboolean
ow_window_get_folded (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), FALSE);
  return adw_leaflet_get_folded (self->leaflet);
}

const char *
ow_window_get_visible_page (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  return adw_leaflet_get_visible_child (self->leaflet) == self->detail_pane ? "detail" : "list";
}
