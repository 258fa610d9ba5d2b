/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An order's protection timeline on one time axis, laid out and drawn with cairo and pango
 * alone: each deadline window a coloured bar (elapsed part solid, remaining part light), each
 * fact a dot with its date, each moment a rule sets a diamond, and a "now" marker. The window's
 * timeline widget wraps it; the PDF dossier draws it on paper. Units are whatever the cairo
 * context uses (pixels on screen, points on paper). */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_TIMELINE_RENDERER (ow_timeline_renderer_get_type ())

G_DECLARE_FINAL_TYPE (OwTimelineRenderer, ow_timeline_renderer, OW, TIMELINE_RENDERER, GObject)

/* The hues bars are drawn in, picked from the rule's id. */
typedef enum
{
  OW_TIMELINE_HUE_BLUE,     /* ship-by */
  OW_TIMELINE_HUE_GREEN,    /* Buyer Protection, claims */
  OW_TIMELINE_HUE_ORANGE,   /* dispute windows; the diamonds of moments a rule sets */
  OW_TIMELINE_HUE_PURPLE,   /* payment */
  OW_TIMELINE_HUE_RED,      /* the seller's answer, the return */
  OW_TIMELINE_HUE_YELLOW,   /* a cancellation's answer */
  OW_TIMELINE_HUE_BROWN,    /* refunds */
  OW_TIMELINE_N_HUES
} OwTimelineHue;

/* Laid out like GdkRGBA, so a widget can copy one over field by field. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} OwTimelineColor;

typedef struct
{
  OwTimelineColor foreground;   /* labels, dots, the axis (drawn with less alpha) */
  OwTimelineColor now;          /* the "now" marker and its label */
  OwTimelineColor hues[OW_TIMELINE_N_HUES];
} OwTimelinePalette;

/* The GNOME palette: the darker shades for light backgrounds, the brighter ones for dark;
 * foreground black or white. A widget then sets the foreground it got from its style. */
void                ow_timeline_palette_init          (OwTimelinePalette        *palette,
                                                       gboolean                  dark);

OwTimelineRenderer *ow_timeline_renderer_new          (void);
/* The order's policy (nullable): which of its rules are Buyer Protection and the dispute
 * window, drawn as such. Set before the order. */
void                ow_timeline_renderer_set_policy   (OwTimelineRenderer       *self,
                                                       OwPolicy                 *policy);
/* Copies what it needs; @order and @set may be NULL to clear. */
void                ow_timeline_renderer_set_order    (OwTimelineRenderer       *self,
                                                       OwOrder                  *order,
                                                       const OwDeadlineSet      *set,
                                                       gint64                    now);
/* After set_order: the windows of a dispute on another channel (PayPal, the card), from the
 * dispute's own deadlines in @set (its channel's rules, which name the channel). */
void                ow_timeline_renderer_add_dispute  (OwTimelineRenderer       *self,
                                                       const OwDeadlineSet      *set);
/* Returns whether anything changed (and the caller should redraw). */
gboolean            ow_timeline_renderer_set_now      (OwTimelineRenderer       *self,
                                                       gint64                    now);
gint64              ow_timeline_renderer_get_now      (OwTimelineRenderer       *self);
void                ow_timeline_renderer_set_palette  (OwTimelineRenderer       *self,
                                                       const OwTimelinePalette  *palette);
const OwTimelinePalette *ow_timeline_renderer_get_palette (OwTimelineRenderer   *self);
/* Where text is laid out: a widget's own context (its font and resolution), or NULL for one
 * of the renderer's own on the default cairo font map ("Sans 11" at 96 dpi), which follows
 * the font options of the cairo target it draws on. Labels are drawn at PANGO_SCALE_SMALL of
 * the context's font. */
void                ow_timeline_renderer_set_context  (OwTimelineRenderer       *self,
                                                       PangoContext             *context);
/* Labels' base font, or NULL for the context's. */
void                ow_timeline_renderer_set_font     (OwTimelineRenderer       *self,
                                                       const PangoFontDescription *font);

/* The height the timeline needs @width wide (labels that would overlap drop a row). */
double              ow_timeline_renderer_measure      (OwTimelineRenderer       *self,
                                                       double                    width);
/* Draws into @cr from (0, 0), @width wide; @height is the one measured (or more). Nothing
 * is drawn while the range is empty or @width leaves no room. */
void                ow_timeline_renderer_draw         (OwTimelineRenderer       *self,
                                                       cairo_t                  *cr,
                                                       double                    width,
                                                       double                    height);

/* What is drawn, for tests, the accessible description and the faces' queries. */
guint               ow_timeline_renderer_get_n_bars   (OwTimelineRenderer       *self);
guint               ow_timeline_renderer_get_n_marks  (OwTimelineRenderer       *self);
const char         *ow_timeline_renderer_get_bar_label (OwTimelineRenderer      *self,
                                                       guint                     index);
OwTimelineHue       ow_timeline_renderer_get_bar_hue  (OwTimelineRenderer       *self,
                                                       guint                     index);
/* The bar's lane across @width: the part from its start to its end (not the label). */
void                ow_timeline_renderer_get_bar_area (OwTimelineRenderer       *self,
                                                       guint                     index,
                                                       double                    width,
                                                       double                   *x,
                                                       double                   *y,
                                                       double                   *bar_width,
                                                       double                   *bar_height);
/* Where the window ends on the axis: its due time, or earlier when what it waited for ended
 * it (receipt confirmed). */
gint64              ow_timeline_renderer_get_bar_end  (OwTimelineRenderer       *self,
                                                       guint                     index);
/* Where the name of bar @index is drawn across @width; FALSE when nothing is drawn.
 * @crosses_now (nullable): there was no room clear of the "now" line, which then leaves a
 * gap behind the name rather than running through it. */
gboolean            ow_timeline_renderer_get_bar_label_area (OwTimelineRenderer *self,
                                                       guint                     index,
                                                       double                    width,
                                                       double                   *x,
                                                       double                   *y,
                                                       double                   *label_width,
                                                       double                   *label_height,
                                                       gboolean                 *crosses_now);
const char         *ow_timeline_renderer_get_mark_label (OwTimelineRenderer     *self,
                                                       guint                     index);
/* The mark's short date, as drawn under it. */
const char         *ow_timeline_renderer_get_mark_date (OwTimelineRenderer      *self,
                                                       guint                     index);
gint64              ow_timeline_renderer_get_mark_time (OwTimelineRenderer      *self,
                                                       guint                     index);
/* The y of the axis the dots sit on. */
double              ow_timeline_renderer_get_axis_y   (OwTimelineRenderer       *self);
void                ow_timeline_renderer_get_range    (OwTimelineRenderer       *self,
                                                       gint64                   *start,
                                                       gint64                   *end);
/* The x coordinate of @time across @width, or -1 outside the range. */
double              ow_timeline_renderer_time_to_x    (OwTimelineRenderer       *self,
                                                       gint64                    time,
                                                       double                    width);
/* Everything drawn, in words ("Timeline; Buyer Protection: 3 Oct to 2 Dec; …"). */
const char         *ow_timeline_renderer_get_summary  (OwTimelineRenderer       *self);

G_END_DECLS
