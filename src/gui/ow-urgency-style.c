/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-urgency-style.h"

const char *
ow_urgency_css_class (OwUrgency urgency)
{
  switch (urgency)
    {
    case OW_URGENCY_URGENT: return "error";
    case OW_URGENCY_SOON: return "warning";
    case OW_URGENCY_CALM: return "success";
    case OW_URGENCY_NONE:
    default:
      return "dim-label";
    }
}

const char *
ow_urgency_icon_name (OwUrgency urgency)
{
  switch (urgency)
    {
    case OW_URGENCY_URGENT: return "dialog-warning-symbolic";
    case OW_URGENCY_SOON:
    case OW_URGENCY_CALM: return "alarm-symbolic";
    case OW_URGENCY_NONE:
    default:
      return "emblem-ok-symbolic";
    }
}

void
ow_style_lookup_color (GtkWidget  *widget,
                       const char *name,
                       const char *fallback,
                       GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
ow_urgency_lookup_color (OwUrgency      urgency,
                         GtkWidget     *widget,
                         const GdkRGBA *fg,
                         GdkRGBA       *color)
{
  switch (urgency)
    {
    case OW_URGENCY_URGENT:
      ow_style_lookup_color (widget, "error_color", "#c01c28", color);
      break;
    case OW_URGENCY_SOON:
      ow_style_lookup_color (widget, "warning_color", "#9c6e03", color);
      break;
    case OW_URGENCY_CALM:
      ow_style_lookup_color (widget, "success_color", "#1b8553", color);
      break;
    case OW_URGENCY_NONE:
    default:
      *color = *fg;
      color->alpha = 0.6;
      break;
    }
}
