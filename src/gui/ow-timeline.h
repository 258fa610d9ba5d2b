/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_TIMELINE (ow_timeline_get_type ())

G_DECLARE_FINAL_TYPE (OwTimeline, ow_timeline, OW, TIMELINE, GtkWidget)

/* An order's protection timeline on one time axis: each deadline window a coloured
 * bar (elapsed part solid, remaining part light), each fact a dot with its date, and a
 * "now" marker. */
GtkWidget  *ow_timeline_new           (void);
/* The order's policy (nullable): which of its rules are Buyer Protection and the dispute
 * window, drawn as such. */
void        ow_timeline_set_policy    (OwTimeline          *self,
                                       OwPolicy            *policy);
/* Copies what it needs; @order and @set may be NULL to clear. */
void        ow_timeline_set_order     (OwTimeline          *self,
                                       OwOrder             *order,
                                       const OwDeadlineSet *set,
                                       gint64               now);
void        ow_timeline_set_now       (OwTimeline          *self,
                                       gint64               now);
/* What is drawn, for tests and for the accessible description. */
guint       ow_timeline_get_n_bars    (OwTimeline          *self);
guint       ow_timeline_get_n_marks   (OwTimeline          *self);
const char *ow_timeline_get_bar_label (OwTimeline          *self,
                                       guint                index);
/* Where the window ends on the axis: its due time, or earlier when what it waited for ended
 * it (receipt confirmed). */
gint64      ow_timeline_get_bar_end   (OwTimeline          *self,
                                       guint                index);
/* Where the name of bar @index is drawn across @width pixels; FALSE when nothing is drawn.
 * @crosses_now (nullable): there was no room clear of the "now" line, which then leaves a
 * gap behind the name rather than running through it. */
gboolean    ow_timeline_get_bar_label_bounds (OwTimeline      *self,
                                       guint                index,
                                       double               width,
                                       graphene_rect_t     *bounds,
                                       gboolean            *crosses_now);
/* The labels under the axis: a fact or a moment set by a rule, and its date. */
const char *ow_timeline_get_mark_label (OwTimeline         *self,
                                       guint                index);
const char *ow_timeline_get_mark_date (OwTimeline          *self,
                                       guint                index);
gint64      ow_timeline_get_now       (OwTimeline          *self);
void        ow_timeline_get_range     (OwTimeline          *self,
                                       gint64              *start,
                                       gint64              *end);
/* The x coordinate of @time across @width pixels, or -1 outside the range. */
double      ow_timeline_time_to_x     (OwTimeline          *self,
                                       gint64               time,
                                       double               width);
const char *ow_timeline_get_summary   (OwTimeline          *self);

G_END_DECLS
