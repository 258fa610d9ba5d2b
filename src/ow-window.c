/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-window.h"

struct _OwWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (OwWindow, ow_window, ADW_TYPE_APPLICATION_WINDOW)

static void
ow_window_class_init (OwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ow-window.ui");
}

static void
ow_window_init (OwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OwWindow *
ow_window_new (OwApplication *application)
{
  return g_object_new (OW_TYPE_WINDOW, "application", application, NULL);
}
