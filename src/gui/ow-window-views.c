/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's sidebar of views (with their counts) and the list's empty states. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadlines.h"
#include "ow-order-detail.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-view-row.h"
#include "ow-window-private.h"

/* The views, in the order shown: what needs the user, the statuses AliExpress uses, then
 * everything and the archive. */
static const OwOrderFilter view_order[] = {
  OW_FILTER_NEEDS_ACTION,
  OW_FILTER_AWAITING_PAYMENT,
  OW_FILTER_AWAITING_SHIPMENT,
  OW_FILTER_AWAITING_DELIVERY,
  OW_FILTER_DISPUTES,
  OW_FILTER_COMPLETED,
  OW_FILTER_CLOSED,
  OW_FILTER_ALL,
  OW_FILTER_ARCHIVED,
};

static void
set_empty_action (OwWindow   *self,
                  const char *name,
                  GVariant   *target)
{
  GtkActionable *button = GTK_ACTIONABLE (self->empty_button);

  /* Name and target change together, never a name with the other's target. */
  gtk_actionable_set_action_name (button, NULL);
  gtk_actionable_set_action_target_value (button, target);
  gtk_actionable_set_action_name (button, name);
}

static void
update_title (OwWindow *self)
{
  OwOrderFilter filter = ow_order_list_get_filter (self->orders);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->orders));
  const char *search = ow_order_list_get_search (self->orders);
  g_autofree char *subtitle = NULL;

  g_autofree char *label = NULL;

  adw_window_title_set_title (self->list_title, ow_view_title (filter));
  if (search != NULL && *search != '\0')
    /* Translators: how many orders of the view match the search */
    subtitle = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  else if (n > 0)
    subtitle = g_strdup_printf (ngettext ("%u order", "%u orders", n), n);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  /* The same under the header bar when the sidebar has no room. */
  gtk_image_set_from_icon_name (self->views_bar_icon, ow_view_icon_name (filter));
  gtk_label_set_label (self->views_bar_title, ow_view_title (filter));
  gtk_label_set_label (self->views_bar_count, subtitle);
  /* Translators: the button that shows the views, with the one shown now */
  label = g_strdup_printf (_("Show Views; now %s"), ow_view_title (filter));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->views_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Made the first time a view is empty: most starts never show it. */
static void
ensure_empty_page (OwWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->empty_page != NULL)
    return;
  builder = ow_window_build_deferred ("empty_scroller");
  self->empty_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "empty_page"));
  self->empty_button = GTK_BUTTON (gtk_builder_get_object (builder, "empty_button"));
  gtk_stack_add_named (self->list_stack,
                       GTK_WIDGET (gtk_builder_get_object (builder, "empty_scroller")), "empty");
}

/* Nothing to pick yet: the detail pane just says what it will show. */
static void
update_none_page (OwWindow *self)
{
  gboolean any = ow_order_list_get_count (self->orders, OW_FILTER_ALL) > 0;

  if (self->none_page == NULL)
    return;
  adw_status_page_set_title (self->none_page, any ? _("No Order Selected") : NULL);
  adw_status_page_set_description (self->none_page,
                                   any ? _("Pick an order to see its deadlines, its tracking "
                                           "and what to do next")
                                       : _("Each order’s deadlines, tracking and next step "
                                           "will show here"));
}

/* Made the first time no order is shown: at start-up the first order's page usually is. */
void
ow_window_show_none_page (OwWindow *self)
{
  if (self->none_page == NULL)
    {
      g_autoptr(GtkBuilder) builder = ow_window_build_deferred ("none_page");

      self->none_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "none_page"));
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->none_page), "none");
    }
  update_none_page (self);
  gtk_stack_set_visible_child (self->detail_stack, GTK_WIDGET (self->none_page));
}

void
ow_window_update_empty_page (OwWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->orders));
  const char *search = ow_order_list_get_search (self->orders);
  OwOrderFilter filter = ow_order_list_get_filter (self->orders);
  g_autofree char *description = NULL;
  gboolean any = ow_order_list_get_count (self->orders, OW_FILTER_ALL) > 0;

  update_title (self);
  /* No orders at all: views would only be noise next to "Add your first order". */
  if (gtk_widget_get_visible (self->views_pane) != any)
    {
      gtk_widget_set_visible (self->views_pane, any);
      ow_window_views_changed (self);
    }
  update_none_page (self);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  ensure_empty_page (self);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), FALSE);

  if (!any)
    {
      adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID);
      adw_status_page_set_title (self->empty_page, _("Add Your First Order"));
      adw_status_page_set_description (self->empty_page,
                                       _("Orderwatch counts down the silent deadlines of your "
                                         "online orders — shipping, Buyer Protection, "
                                         "disputes, refunds — and warns you before one "
                                         "runs out. Add an order, or drop an exported file "
                                         "here to import it."));
      gtk_button_set_label (self->empty_button, _("_Add Order"));
      set_empty_action (self, "win.add-order", NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
    }
  else if (search != NULL && *search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      /* Translators: a view such as "Awaiting Delivery", then what was searched for */
      description = g_strdup_printf (_("No order in “%s” matches “%s”. Try an order number, "
                                       "an item, a store or a tracking number."),
                                     ow_view_title (filter), search);
      adw_status_page_set_description (self->empty_page, description);
      if (filter != OW_FILTER_ALL)
        {
          gtk_button_set_label (self->empty_button, _("Search _All Orders"));
          set_empty_action (self, "win.filter", g_variant_new_string ("all"));
          gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
        }
    }
  else if (filter == OW_FILTER_NEEDS_ACTION)
    {
      adw_status_page_set_icon_name (self->empty_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing Needs Action"));
      adw_status_page_set_description (self->empty_page,
                                       _("No deadline is close. Orderwatch tells you when "
                                         "one is."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Orders Here"));
      /* Translators: %s is a view, e.g. "Awaiting Delivery" */
      description = g_strdup_printf (_("Orders move to “%s” on their own as their deadlines "
                                       "and tracking change."),
                                     ow_view_title (filter));
      adw_status_page_set_description (self->empty_page, description);
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

void
ow_window_update_counts (OwWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_order); i++)
    ow_view_row_set_count (OW_VIEW_ROW (self->view_rows[view_order[i]]),
                           ow_order_list_get_count (self->orders, view_order[i]));
  ow_window_update_empty_page (self);
}

/* A line above "All Orders": the statuses, then the whole list and the archive. */
static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  gboolean wanted = before != NULL &&
                    ow_view_row_get_filter (OW_VIEW_ROW (row)) == OW_FILTER_ALL;

  if (wanted && gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  else if (!wanted)
    gtk_list_box_row_set_header (row, NULL);
}

void
ow_window_build_views (OwWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_order); i++)
    {
      GtkWidget *row = ow_view_row_new (view_order[i]);

      gtk_list_box_append (self->views_list, row);
      self->view_rows[view_order[i]] = row;
    }
  gtk_list_box_set_header_func (self->views_list, update_header_cb, NULL, NULL);
}

/* Side by side, an empty detail pane is wasted: show the first order of the view. */
void
ow_window_show_first (OwWindow *self)
{
  g_autoptr(OwOrder) first = NULL;

  if (adw_leaflet_get_folded (self->leaflet) || ow_window_get_shown_order_id (self) != 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->orders), 0);
  if (first != NULL)
    ow_window_show_order_internal (self, ow_order_get_id (first), FALSE);
}

void
ow_window_set_filter (OwWindow      *self,
                      OwOrderFilter  filter)
{
  gboolean changed;

  g_return_if_fail (OW_IS_WINDOW (self));
  g_return_if_fail (filter < OW_N_FILTERS);

  self->syncing_view = TRUE;
  gtk_list_box_select_row (self->views_list, GTK_LIST_BOX_ROW (self->view_rows[filter]));
  self->syncing_view = FALSE;

  changed = ow_order_list_get_filter (self->orders) != filter;
  if (changed)
    ow_order_list_set_filter (self->orders, filter);
  ow_window_update_empty_page (self);
  /* A new view starts at the top, with one of its own orders on the right. */
  if (changed && self->store != NULL)
    ow_window_follow_list (self);
  else if (self->store != NULL && ow_window_get_shown_order_id (self) == 0)
    ow_window_show_first (self);
}

OwOrderFilter
ow_window_get_filter (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), OW_FILTER_ALL);
  return ow_order_list_get_filter (self->orders);
}

void
ow_window_view_selected (OwWindow      *self,
                         GtkListBoxRow *row)
{
  if (self->syncing_view || row == NULL)
    return;
  ow_window_set_filter (self, ow_view_row_get_filter (OW_VIEW_ROW (row)));
}

void
ow_window_view_activated (OwWindow *self)
{
  if (adw_flap_get_folded (self->views_flap))
    adw_flap_set_reveal_flap (self->views_flap, FALSE);
}

guint
ow_window_get_view_count (OwWindow      *self,
                          OwOrderFilter  filter)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), 0);
  g_return_val_if_fail (filter < OW_N_FILTERS, 0);
  return ow_view_row_get_count (OW_VIEW_ROW (self->view_rows[filter]));
}

GtkWidget *
ow_window_get_view_row (OwWindow      *self,
                        OwOrderFilter  filter)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (filter < OW_N_FILTERS, NULL);
  return self->view_rows[filter];
}
