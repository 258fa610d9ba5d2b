/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the GTK face shows an urgency: the one place it becomes a style class and an icon. */
#pragma once

#include <gtk/gtk.h>

#include "ow-deadlines.h"

G_BEGIN_DECLS

/* "error", "warning", "success" or "dim-label". */
const char *ow_urgency_css_class  (OwUrgency    urgency);
const char *ow_urgency_icon_name  (OwUrgency    urgency);
/* The theme's named colour @name (such as "error_color"), else @fallback. */
void        ow_style_lookup_color (GtkWidget   *widget,
                                   const char  *name,
                                   const char  *fallback,
                                   GdkRGBA     *color);
/* The theme's colour for @urgency; @fg dimmed for none. */
void        ow_urgency_lookup_color (OwUrgency      urgency,
                                   GtkWidget     *widget,
                                   const GdkRGBA *fg,
                                   GdkRGBA       *color);

G_END_DECLS
