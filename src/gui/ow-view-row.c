/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-order-list.h"
#include "ow-view-row.h"

struct _OwViewRow
{
  GtkListBoxRow  parent_instance;

  GtkImage      *icon;
  GtkLabel      *title;
  GtkLabel      *count_label;

  OwOrderFilter  filter;
  guint          count;
};

G_DEFINE_FINAL_TYPE (OwViewRow, ow_view_row, GTK_TYPE_LIST_BOX_ROW)

enum { PROP_0, PROP_FILTER, PROP_COUNT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Names in header capitalisation, as sidebars and titles have them; the icons are the
 * theme's 16-pixel PNGs. */
static const struct
{
  const char *title;
  const char *icon;
} views[OW_N_FILTERS] = {
  [OW_FILTER_ALL] = { N_("All Orders"), "view-list-symbolic" },
  [OW_FILTER_NEEDS_ACTION] = { N_("Needs Action"), "alarm-symbolic" },
  [OW_FILTER_AWAITING_PAYMENT] = { N_("Awaiting Payment"), "task-due-symbolic" },
  [OW_FILTER_AWAITING_SHIPMENT] = { N_("Awaiting Shipment"), "package-x-generic-symbolic" },
  [OW_FILTER_AWAITING_DELIVERY] = { N_("Awaiting Delivery"), "send-to-symbolic" },
  [OW_FILTER_DISPUTES] = { N_("Disputes"), "mail-mark-important-symbolic" },
  [OW_FILTER_COMPLETED] = { N_("Completed"), "object-select-symbolic" },
  [OW_FILTER_CLOSED] = { N_("Closed"), "process-stop-symbolic" },
  [OW_FILTER_ARCHIVED] = { N_("Archived"), "folder-symbolic" },
};

const char *
ow_view_title (OwOrderFilter filter)
{
  g_return_val_if_fail (filter < OW_N_FILTERS, NULL);
  return _(views[filter].title);
}

static void
update_count (OwViewRow *self)
{
  g_autofree char *text = g_strdup_printf ("%u", self->count);
  g_autofree char *label = NULL;

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), self->count > 0);
  /* Orders waiting for the user stand out; the other counts are quiet. */
  if (self->filter == OW_FILTER_NEEDS_ACTION && self->count > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "attention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "attention");

  /* Translators: a view of the orders and how many it holds, for screen readers */
  label = g_strdup_printf (ngettext ("%s, %u order", "%s, %u orders", self->count),
                           ow_view_title (self->filter), self->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

const char *
ow_view_icon_name (OwOrderFilter filter)
{
  g_return_val_if_fail (filter < OW_N_FILTERS, NULL);
  return views[filter].icon;
}

OwOrderFilter
ow_view_row_get_filter (OwViewRow *self)
{
  g_return_val_if_fail (OW_IS_VIEW_ROW (self), OW_FILTER_ALL);
  return self->filter;
}

guint
ow_view_row_get_count (OwViewRow *self)
{
  g_return_val_if_fail (OW_IS_VIEW_ROW (self), 0);
  return self->count;
}

void
ow_view_row_set_count (OwViewRow *self,
                       guint      count)
{
  g_return_if_fail (OW_IS_VIEW_ROW (self));

  if (self->count == count)
    return;
  self->count = count;
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/* The name in full, when the sidebar is too narrow for it; a name shown whole needs none. */
static gboolean
on_title_query_tooltip_cb (GtkLabel   *title,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (title)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_label (title));
  return TRUE;
}

static void
ow_view_row_constructed (GObject *object)
{
  OwViewRow *self = OW_VIEW_ROW (object);

  G_OBJECT_CLASS (ow_view_row_parent_class)->constructed (object);
  gtk_image_set_from_icon_name (self->icon, views[self->filter].icon);
  gtk_label_set_label (self->title, ow_view_title (self->filter));
  /* Asked for when the pointer rests on it. gtk_widget_set_tooltip_text () would instead ask
   * the X server where the pointer is, once per row, while the first window is built. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->title), TRUE);
  g_signal_connect (self->title, "query-tooltip", G_CALLBACK (on_title_query_tooltip_cb), NULL);
  update_count (self);
}

static void
ow_view_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OwViewRow *self = OW_VIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_uint (value, self->filter);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_view_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OwViewRow *self = OW_VIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      self->filter = g_value_get_uint (value);
      break;
    case PROP_COUNT:
      ow_view_row_set_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_view_row_class_init (OwViewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ow_view_row_constructed;
  object_class->get_property = ow_view_row_get_property;
  object_class->set_property = ow_view_row_set_property;

  properties[PROP_FILTER] =
    g_param_spec_uint ("filter", NULL, NULL, 0, OW_N_FILTERS - 1, OW_FILTER_ALL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ow-view-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OwViewRow, icon);
  gtk_widget_class_bind_template_child (widget_class, OwViewRow, title);
  gtk_widget_class_bind_template_child (widget_class, OwViewRow, count_label);
}

static void
ow_view_row_init (OwViewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ow_view_row_new (OwOrderFilter filter)
{
  g_return_val_if_fail (filter < OW_N_FILTERS, NULL);
  return g_object_new (OW_TYPE_VIEW_ROW, "filter", (guint) filter, NULL);
}
