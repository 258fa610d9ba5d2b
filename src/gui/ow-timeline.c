/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order page's timeline: the core's renderer, given the widget's font, its light or dark
 * palette and its foreground colour, drawn into a cairo node. Everything it shows (and the
 * placement tests ask about) is the renderer's, so the window and the PDF dossier agree. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ow-timeline-renderer.h"
#include "ow-timeline.h"

struct _OwTimeline
{
  GtkWidget           parent_instance;

  OwTimelineRenderer *renderer;
};

G_DEFINE_FINAL_TYPE (OwTimeline, ow_timeline, GTK_TYPE_WIDGET)

static void
update_description (OwTimeline *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  ow_timeline_renderer_get_summary (self->renderer), -1);
}

/* Text is laid out in the widget's own context: its font, resolution and font options. */
static OwTimelineRenderer *
get_renderer (OwTimeline *self)
{
  ow_timeline_renderer_set_context (self->renderer,
                                    gtk_widget_get_pango_context (GTK_WIDGET (self)));
  return self->renderer;
}

void
ow_timeline_set_policy (OwTimeline *self,
                        OwPolicy   *policy)
{
  g_return_if_fail (OW_IS_TIMELINE (self));

  ow_timeline_renderer_set_policy (self->renderer, policy);
}

void
ow_timeline_set_order (OwTimeline          *self,
                       OwOrder             *order,
                       const OwDeadlineSet *set,
                       gint64               now)
{
  g_return_if_fail (OW_IS_TIMELINE (self));

  ow_timeline_renderer_set_order (self->renderer, order, set, now);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ow_timeline_set_now (OwTimeline *self,
                     gint64      now)
{
  g_return_if_fail (OW_IS_TIMELINE (self));

  if (!ow_timeline_renderer_set_now (self->renderer, now))
    return;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ow_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  OwTimeline *self = OW_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    *minimum = *natural = (int) ceil (ow_timeline_renderer_measure (get_renderer (self),
                                                                     for_size));
}

static GtkSizeRequestMode
ow_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ow_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  OwTimeline *self = OW_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  OwTimelinePalette palette;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  ow_timeline_palette_init (&palette,
                            adw_style_manager_get_dark (adw_style_manager_get_default ()));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  palette.foreground = (OwTimelineColor) { fg.red, fg.green, fg.blue, fg.alpha };
  ow_timeline_renderer_set_palette (self->renderer, &palette);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ow_timeline_renderer_draw (get_renderer (self), cr, width, height);
  cairo_destroy (cr);
}

static void
ow_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ow_timeline_parent_class)->css_changed (widget, change);
  /* Colours follow the light or dark style, the text its font. */
  gtk_widget_queue_resize (widget);
}

guint
ow_timeline_get_n_bars (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), 0);
  return ow_timeline_renderer_get_n_bars (self->renderer);
}

guint
ow_timeline_get_n_marks (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), 0);
  return ow_timeline_renderer_get_n_marks (self->renderer);
}

const char *
ow_timeline_get_bar_label (OwTimeline *self,
                           guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  return ow_timeline_renderer_get_bar_label (self->renderer, index);
}

gint64
ow_timeline_get_bar_end (OwTimeline *self,
                         guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), OW_TIME_UNSET);
  return ow_timeline_renderer_get_bar_end (self->renderer, index);
}

gboolean
ow_timeline_get_bar_label_bounds (OwTimeline      *self,
                                  guint            index,
                                  double           width,
                                  graphene_rect_t *bounds,
                                  gboolean        *crosses_now)
{
  double x, y, w, h;

  g_return_val_if_fail (OW_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (!ow_timeline_renderer_get_bar_label_area (get_renderer (self), index, width,
                                                &x, &y, &w, &h, crosses_now))
    return FALSE;
  graphene_rect_init (bounds, x, y, w, h);
  return TRUE;
}

const char *
ow_timeline_get_mark_label (OwTimeline *self,
                            guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  return ow_timeline_renderer_get_mark_label (self->renderer, index);
}

const char *
ow_timeline_get_mark_date (OwTimeline *self,
                           guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  return ow_timeline_renderer_get_mark_date (self->renderer, index);
}

gint64
ow_timeline_get_now (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), OW_TIME_UNSET);
  return ow_timeline_renderer_get_now (self->renderer);
}

void
ow_timeline_get_range (OwTimeline *self,
                       gint64     *start,
                       gint64     *end)
{
  g_return_if_fail (OW_IS_TIMELINE (self));
  ow_timeline_renderer_get_range (self->renderer, start, end);
}

double
ow_timeline_time_to_x (OwTimeline *self,
                       gint64      time,
                       double      width)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), -1);
  return ow_timeline_renderer_time_to_x (self->renderer, time, width);
}

const char *
ow_timeline_get_summary (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  return ow_timeline_renderer_get_summary (self->renderer);
}

static void
ow_timeline_dispose (GObject *object)
{
  OwTimeline *self = OW_TIMELINE (object);

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (ow_timeline_parent_class)->dispose (object);
}

static void
ow_timeline_class_init (OwTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ow_timeline_dispose;
  widget_class->measure = ow_timeline_measure;
  widget_class->get_request_mode = ow_timeline_get_request_mode;
  widget_class->snapshot = ow_timeline_snapshot;
  widget_class->css_changed = ow_timeline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ow_timeline_init (OwTimeline *self)
{
  self->renderer = ow_timeline_renderer_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protection timeline"), -1);
}

GtkWidget *
ow_timeline_new (void)
{
  return g_object_new (OW_TYPE_TIMELINE, NULL);
}
