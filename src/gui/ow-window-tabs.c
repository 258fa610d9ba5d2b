/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's tabs (chips with counts) and the list's empty states. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadlines.h"
#include "ow-order-detail.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-window-private.h"

/* The tabs, in the order shown: the statuses AliExpress uses, then everything. */
static const OwOrderFilter tab_order[] = {
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


static guint
tab_count (OwWindow      *self,
           OwOrderFilter  filter)
{
  guint count = ow_order_list_get_count (self->orders, filter);
  const OwDeadlineSet *set;
  OwOrder *order = self->pending_delete;

  /* The order waiting to be deleted is gone as far as the user is concerned. */
  if (order == NULL || count == 0)
    return count;
  if (filter == OW_FILTER_ALL)
    return count - 1;
  if (ow_order_get_archived (order))
    return filter == OW_FILTER_ARCHIVED ? count - 1 : count;
  set = ow_order_list_get_deadlines (self->orders, order);
  if (set == NULL)
    return count;
  if (filter == OW_FILTER_NEEDS_ACTION && set->needs_action)
    return count - 1;
  if (filter == ow_order_status_get_filter (set->status))
    return count - 1;
  return count;
}

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

void
ow_window_update_empty_page (OwWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible));
  const char *search = ow_order_list_get_search (self->orders);
  OwOrderFilter filter = ow_order_list_get_filter (self->orders);
  g_autofree char *description = NULL;
  gboolean any = tab_count (self, OW_FILTER_ALL) > 0;

  /* No orders at all: tabs would only be noise next to "Add your first order". */
  gtk_widget_set_visible (self->filter_scroller, any);
  gtk_widget_set_visible (self->filter_separator, any);
  /* Nothing to pick yet: the detail pane just says what it will show. */
  adw_status_page_set_title (self->none_page, any ? _("No Order Selected") : NULL);
  adw_status_page_set_description (self->none_page,
                                   any ? _("Pick an order to see its deadlines, its tracking "
                                           "and what to do next")
                                       : _("Each order’s deadlines, tracking and next step "
                                           "will show here"));

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), FALSE);

  if (!any)
    {
      adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID);
      adw_status_page_set_title (self->empty_page, _("Add Your First Order"));
      adw_status_page_set_description (self->empty_page,
                                       _("Orderwatch counts down the silent deadlines of your "
                                         "online orders — shipping, Buyer Protection, "
                                         "disputes, refunds — and warns you before one "
                                         "runs out."));
      gtk_button_set_label (self->empty_button, _("_Add Order"));
      set_empty_action (self, "win.add-order", NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
    }
  else if (search != NULL && *search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      description = g_strdup_printf (_("No order in “%s” matches “%s”. Try an order number, "
                                       "an item, a store or a tracking number."),
                                     ow_order_filter_label (filter), search);
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
      /* Translators: %s is a tab, e.g. "Awaiting delivery" */
      description = g_strdup_printf (_("Orders move to “%s” on their own as their deadlines "
                                       "and tracking change."),
                                     ow_order_filter_label (filter));
      adw_status_page_set_description (self->empty_page, description);
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

void
ow_window_update_counts (OwWindow *self)
{
  guint needs_action = tab_count (self, OW_FILTER_NEEDS_ACTION);
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tab_order); i++)
    {
      OwOrderFilter filter = tab_order[i];
      guint count = tab_count (self, filter);
      g_autofree char *text = g_strdup_printf ("%u", count);
      g_autofree char *label = NULL;

      gtk_label_set_label (self->chip_counts[filter], text);
      gtk_widget_set_visible (GTK_WIDGET (self->chip_counts[filter]), count > 0);
      if (filter == OW_FILTER_NEEDS_ACTION)
        {
          if (count > 0)
            gtk_widget_add_css_class (self->chips[filter], "attention");
          else
            gtk_widget_remove_css_class (self->chips[filter], "attention");
        }
      /* Translators: a tab and how many orders it holds, for screen readers */
      label = g_strdup_printf (_("%s: %u"), ow_order_filter_label (filter), count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->chips[filter]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  if (needs_action > 0)
    subtitle = g_strdup_printf (ngettext ("%u order needs action", "%u orders need action",
                                          needs_action), needs_action);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  ow_window_update_empty_page (self);
}

void
ow_window_build_tabs (OwWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (tab_order); i++)
    {
      OwOrderFilter filter = tab_order[i];
      GtkWidget *child = gtk_flow_box_child_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (ow_order_filter_label (filter));
      GtkWidget *count = gtk_label_new (NULL);

      gtk_widget_add_css_class (count, "chip-count");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), count);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
      gtk_widget_add_css_class (child, "chip");
      gtk_widget_set_tooltip_text (child, ow_order_filter_label (filter));
      g_object_set_data (G_OBJECT (child), "filter", GINT_TO_POINTER (filter));
      gtk_flow_box_append (self->filter_box, child);

      self->chips[filter] = child;
      self->chip_counts[filter] = GTK_LABEL (count);
    }
}

/* Side by side, an empty detail pane is wasted: show the first order of the tab. */
void
ow_window_show_first (OwWindow *self)
{
  g_autoptr(OwOrder) first = NULL;

  if (adw_leaflet_get_folded (self->leaflet) || ow_window_get_shown_order_id (self) != 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->visible), 0);
  if (first != NULL)
    ow_window_show_order_internal (self, ow_order_get_id (first), FALSE);
}

static gboolean
scroll_to_chip_cb (gpointer data)
{
  g_autoptr(OwWindow) self = data;
  GtkAdjustment *adj;
  graphene_rect_t bounds;
  OwOrderFilter filter;
  double value, page;

  /* Closed meanwhile. */
  if (self->orders == NULL || self->filter_scroller == NULL)
    return G_SOURCE_REMOVE;

  filter = ow_order_list_get_filter (self->orders);
  adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->filter_scroller));
  value = gtk_adjustment_get_value (adj);
  page = gtk_adjustment_get_page_size (adj);

  if (gtk_widget_compute_bounds (self->chips[filter], GTK_WIDGET (self->filter_box), &bounds))
    {
      double left = bounds.origin.x - 12, right = bounds.origin.x + bounds.size.width + 12;

      if (left < value)
        gtk_adjustment_set_value (adj, left);
      else if (right > value + page)
        gtk_adjustment_set_value (adj, right - page);
    }
  return G_SOURCE_REMOVE;
}

/* Narrow, the tabs scroll sideways: keep the selected one in sight (after layout). */
void
ow_window_scroll_to_tab (OwWindow *self)
{
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_chip_cb, g_object_ref (self), NULL);
}

void
ow_window_set_filter (OwWindow      *self,
                      OwOrderFilter  filter)
{
  g_return_if_fail (OW_IS_WINDOW (self));
  g_return_if_fail (filter < OW_N_FILTERS);

  self->syncing_filter = TRUE;
  gtk_flow_box_select_child (self->filter_box, GTK_FLOW_BOX_CHILD (self->chips[filter]));
  self->syncing_filter = FALSE;
  ow_window_scroll_to_tab (self);

  if (ow_order_list_get_filter (self->orders) != filter)
    {
      ow_order_list_set_filter (self->orders, filter);
      /* A new tab starts at the top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
    }
  ow_window_update_empty_page (self);
  if (self->store != NULL && ow_window_get_shown_order_id (self) == 0)
    ow_window_show_first (self);
}

OwOrderFilter
ow_window_get_filter (OwWindow *self)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), OW_FILTER_ALL);
  return ow_order_list_get_filter (self->orders);
}

void
ow_window_tab_selected (OwWindow   *self,
                        GtkFlowBox *box)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (box);

  if (self->syncing_filter || selected == NULL)
    return;
  ow_window_set_filter (self, GPOINTER_TO_INT (g_object_get_data (selected->data, "filter")));
}

guint
ow_window_get_tab_count (OwWindow      *self,
                         OwOrderFilter  filter)
{
  g_return_val_if_fail (OW_IS_WINDOW (self), 0);
  g_return_val_if_fail (filter < OW_N_FILTERS, 0);
  return (guint) g_ascii_strtoull (gtk_label_get_label (self->chip_counts[filter]), NULL, 10);
}
