/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ow-deadlines.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-timeline-renderer.h"

#define PAD_X      14.0
#define NOW_H      20.0
#define LANE_H     20.0
#define LANE_GAP   8.0
#define AXIS_GAP   12.0
#define MARK_ROW_H 36.0
#define MAX_ROWS   3
#define DOT        4.0

typedef struct
{
  char            *label;
  gint64           start;
  gint64           end;
  gint64           late_end;
  OwDeadlineState  state;
  OwTimelineHue    hue;
  gboolean         clipped;   /* runs past the right edge */
} Bar;

typedef struct
{
  char    *label;
  char    *date;
  gint64   time;
  gboolean is_deadline;
} Mark;

struct _OwTimelineRenderer
{
  GObject               parent_instance;

  GArray               *bars;
  GArray               *marks;
  gint64                start;
  gint64                end;
  gint64                now;
  char                 *summary;

  /* The policy's rules for Buyer Protection and the dispute window, when it has them. */
  const OwRule         *protection_rule;
  const OwRule         *dispute_opens_rule;
  const OwRule         *dispute_closes_rule;

  OwTimelinePalette     palette;
  PangoContext         *context;      /* the caller's, or NULL */
  PangoContext         *own_context;  /* made when first needed */
  PangoFontDescription *font;
};

G_DEFINE_FINAL_TYPE (OwTimelineRenderer, ow_timeline_renderer, G_TYPE_OBJECT)

/* The GNOME palette: a darker shade on light backgrounds, a brighter one on dark. */
static const guint32 hue_light[OW_TIMELINE_N_HUES] = {
  0x1c71d8, 0x26a269, 0xe66100, 0x813d9c, 0xc01c28, 0xe5a50a, 0x865e3c,
};
static const guint32 hue_dark[OW_TIMELINE_N_HUES] = {
  0x3584e4, 0x33d17a, 0xff7800, 0x9141ac, 0xe01b24, 0xf6d32d, 0x986a44,
};

static OwTimelineColor
color_from_rgb (guint32 rgb)
{
  return (OwTimelineColor) {
    .red = ((rgb >> 16) & 0xff) / 255.f,
    .green = ((rgb >> 8) & 0xff) / 255.f,
    .blue = (rgb & 0xff) / 255.f,
    .alpha = 1.f,
  };
}

void
ow_timeline_palette_init (OwTimelinePalette *palette,
                          gboolean           dark)
{
  g_return_if_fail (palette != NULL);

  palette->foreground = color_from_rgb (dark ? 0xffffff : 0x000000);
  palette->foreground.alpha = dark ? 1.f : 0.8f;
  palette->now = color_from_rgb (dark ? 0xff7b63 : 0xc01c28);
  for (guint i = 0; i < OW_TIMELINE_N_HUES; i++)
    palette->hues[i] = color_from_rgb (dark ? hue_dark[i] : hue_light[i]);
}

static void
set_source (cairo_t               *cr,
            const OwTimelineColor *color,
            double                 alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
}

static void
mark_clear (gpointer data)
{
  Mark *mark = data;

  g_free (mark->label);
  g_free (mark->date);
}

static OwTimelineHue
hue_for_rule (const OwRule *rule,
              guint         index)
{
  const char *id = ow_rule_get_id (rule);

  if (g_str_has_prefix (id, "payment"))
    return OW_TIMELINE_HUE_PURPLE;
  if (g_str_equal (id, "ship_by"))
    return OW_TIMELINE_HUE_BLUE;
  if (g_str_has_prefix (id, "protection") || g_str_has_suffix (id, "claim_deadline"))
    return OW_TIMELINE_HUE_GREEN;
  if (g_str_has_prefix (id, "dispute") || g_str_has_suffix (id, "report"))
    return OW_TIMELINE_HUE_ORANGE;
  if (g_str_equal (id, "cancel_reply"))
    return OW_TIMELINE_HUE_YELLOW;
  if (g_str_equal (id, "seller_response") || g_str_equal (id, "return_ship_by"))
    return OW_TIMELINE_HUE_RED;
  if (g_str_has_prefix (id, "refund"))
    return OW_TIMELINE_HUE_BROWN;
  /* The rest of a dispute's own windows (escalation, PayPal's claim, the bank's decision). */
  if (ow_rule_is_dispute_rule (rule))
    return OW_TIMELINE_HUE_RED;
  return index % OW_TIMELINE_N_HUES;
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("");
  /* Translators: a short date under a timeline dot, see strftime(3) */
  return g_date_time_format (local, _("%-d %b"));
}

static void
add_mark (OwTimelineRenderer *self,
          const char         *label,
          gint64              time,
          gboolean            is_deadline)
{
  Mark mark = {
    .label = g_strdup (label),
    .date = format_day (time),
    .time = time,
    .is_deadline = is_deadline,
  };

  g_array_append_val (self->marks, mark);
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *ma = a, *mb = b;

  return (ma->time > mb->time) - (ma->time < mb->time);
}

static void
update_summary (OwTimelineRenderer *self)
{
  GString *text = g_string_new (_("Timeline"));

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *from = format_day (bar->start);
      g_autofree char *to = format_day (bar->end);

      /* Translators: a window on the timeline, e.g. "Buyer Protection: 3 Oct to 2 Dec" */
      g_string_append_printf (text, _("; %s: %s to %s"), bar->label, from, to);
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      g_string_append_printf (text, "; %s %s", mark->label, mark->date);
    }
  if (self->now != OW_TIME_UNSET)
    {
      g_autofree char *now = format_day (self->now);

      /* Translators: the "now" marker of the timeline, with today's date */
      g_string_append_printf (text, _("; now %s"), now);
    }

  g_free (self->summary);
  self->summary = g_string_free (text, FALSE);
}

static void
update_range (OwTimelineRenderer *self)
{
  gint64 start = G_MAXINT64, end = G_MININT64, pad;
  gint64 longest_end = G_MININT64;
  int longest = -1;

  /* One window far longer than the rest (a 180-day PayPal claim) would squeeze everything
   * else into a corner: the axis ends with the others and that one runs off the edge. */
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      bar->clipped = FALSE;
      if (MAX (bar->end, bar->late_end) > longest_end)
        {
          longest_end = MAX (bar->end, bar->late_end);
          longest = i;
        }
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      start = MIN (start, bar->start);
      if ((int) i != longest)
        end = MAX (end, MAX (bar->end, bar->late_end));
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      start = MIN (start, mark->time);
      end = MAX (end, mark->time);
    }
  if (self->now != OW_TIME_UNSET)
    {
      start = MIN (start, self->now);
      end = MAX (end, self->now);
    }

  if (longest >= 0)
    {
      Bar *bar = &g_array_index (self->bars, Bar, longest);

      if (end > start && longest_end - start > 5 * (end - start) / 2)
        {
          bar->clipped = TRUE;
          end += (end - start) / 5;
        }
      else
        end = MAX (end, longest_end);
      start = MIN (start, bar->start);
    }

  if (start > end)
    start = end = self->now != OW_TIME_UNSET ? self->now : 0;

  /* A little air on both sides so the first and last dots are not on the edge. */
  pad = MAX ((end - start) / 40, 6 * 3600);
  self->start = start - pad;
  self->end = end + pad;
}

/* Deadline @d's bar from @start, named @label; @index picks a hue for a rule without one. */
static Bar
bar_for (const OwDeadline *d,
         gint64            start,
         const char       *label,
         guint             index)
{
  Bar bar = {
    .label = g_strdup (label),
    .start = start,
    .end = d->due,
    .late_end = d->due_late != OW_TIME_UNSET ? d->due_late : d->due,
    .state = d->state,
    .hue = hue_for_rule (d->rule, index),
  };

  /* Ended early by what it waited for (receipt confirmed ends Buyer Protection): the bar
   * stops there, with no tail of later dates. */
  if (d->state == OW_DEADLINE_MET && d->ended != OW_TIME_UNSET && d->ended < d->due)
    bar.end = bar.late_end = MAX (d->ended, bar.start);
  if (bar.end < bar.start)
    bar.end = bar.start;
  return bar;
}

void
ow_timeline_renderer_set_policy (OwTimelineRenderer *self,
                                 OwPolicy           *policy)
{
  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (policy == NULL || OW_IS_POLICY (policy));

  self->protection_rule = policy ? ow_policy_get_extension_rule (policy, NULL, NULL) : NULL;
  self->dispute_closes_rule = policy ? ow_policy_get_dispute_rules (policy,
                                                                     &self->dispute_opens_rule)
                                     : NULL;
  if (self->dispute_closes_rule == NULL)
    self->dispute_opens_rule = NULL;
}

void
ow_timeline_renderer_set_order (OwTimelineRenderer  *self,
                                OwOrder             *order,
                                const OwDeadlineSet *set,
                                gint64               now)
{
  static const OwOrderEvent events[] = {
    OW_EVENT_PLACED, OW_EVENT_PAID, OW_EVENT_SHIPPED, OW_EVENT_DELIVERED, OW_EVENT_RECEIVED,
    OW_EVENT_CANCEL_REQUESTED, OW_EVENT_DISPUTE_OPENED, OW_EVENT_RETURN_AGREED,
    OW_EVENT_CLOSED, OW_EVENT_REFUNDED,
  };
  const OwDeadline *opens = NULL;

  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (order == NULL || OW_IS_ORDER (order));

  g_array_set_size (self->bars, 0);
  g_array_set_size (self->marks, 0);
  self->now = now;

  if (order != NULL)
    {
      gint64 paid = ow_order_get_time (order, OW_EVENT_PAID);

      for (guint i = 0; i < G_N_ELEMENTS (events); i++)
        {
          gint64 time = ow_order_get_time (order, events[i]);

          if (time == OW_TIME_UNSET)
            continue;
          /* Paying right after ordering is one moment, not two. */
          if (events[i] == OW_EVENT_PLACED && paid != OW_TIME_UNSET && paid - time < 86400)
            continue;
          add_mark (self, ow_order_event_label (events[i]), time, FALSE);
        }
    }

  for (guint i = 0; set != NULL && i < set->n_deadlines; i++)
    if (self->dispute_opens_rule != NULL && set->deadlines[i].rule == self->dispute_opens_rule)
      opens = &set->deadlines[i];

  for (guint i = 0; set != NULL && i < set->n_deadlines; i++)
    {
      const OwDeadline *d = &set->deadlines[i];
      const char *id = ow_rule_get_id (d->rule);
      Bar bar = { 0 };

      if (d->state == OW_DEADLINE_NOT_APPLICABLE || d->due == OW_TIME_UNSET)
        continue;
      /* Once paid (even on a day nobody knows: an imported "Completed"), the payment windows
       * are history. */
      if (g_str_has_prefix (id, "payment") && order != NULL &&
          ow_order_get_time_known (order, OW_EVENT_PAID))
        continue;

      /* "Disputes open on day 11" is a moment; the window it opens is the next rule's. */
      if (d == opens)
        {
          add_mark (self, _("Dispute opens"), d->due, TRUE);
          continue;
        }
      if (d->starts == OW_TIME_UNSET)
        {
          add_mark (self, ow_rule_get_title (d->rule), d->due, TRUE);
          continue;
        }

      if (d->rule == self->dispute_closes_rule && opens != NULL &&
          opens->due != OW_TIME_UNSET && opens->due < d->due)
        bar = bar_for (d, opens->due, _("Dispute window"), i);
      else
        bar = bar_for (d, d->starts, ow_rule_get_title (d->rule), i);
      g_array_append_val (self->bars, bar);

      /* The day Buyer Protection ends, under the axis like the other dates. */
      if (d->rule == self->protection_rule && d->state != OW_DEADLINE_MET)
        add_mark (self, d->state == OW_DEADLINE_PASSED ? _("Protection ended")
                                                       : _("Protection ends"),
                  d->due, TRUE);
    }

  g_array_sort (self->marks, compare_marks);
  update_range (self);
  update_summary (self);
}

void
ow_timeline_renderer_add_dispute (OwTimelineRenderer  *self,
                                  const OwDeadlineSet *set)
{
  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (set != NULL);

  for (guint i = 0; i < set->n_deadlines; i++)
    {
      const OwDeadline *d = &set->deadlines[i];
      Bar bar;

      if (!ow_rule_is_dispute_rule (d->rule) || d->state == OW_DEADLINE_NOT_APPLICABLE ||
          d->starts == OW_TIME_UNSET || d->due == OW_TIME_UNSET)
        continue;
      /* The channel's rules name it ("Escalate to a PayPal claim"). */
      bar = bar_for (d, d->starts, ow_rule_get_title (d->rule), i);
      g_array_append_val (self->bars, bar);
    }

  update_range (self);
  update_summary (self);
}

gboolean
ow_timeline_renderer_set_now (OwTimelineRenderer *self,
                              gint64              now)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), FALSE);

  if (self->now == now)
    return FALSE;
  self->now = now;
  update_range (self);
  update_summary (self);
  return TRUE;
}

gint64
ow_timeline_renderer_get_now (OwTimelineRenderer *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), OW_TIME_UNSET);
  return self->now;
}

void
ow_timeline_renderer_set_palette (OwTimelineRenderer      *self,
                                  const OwTimelinePalette *palette)
{
  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (palette != NULL);

  self->palette = *palette;
}

const OwTimelinePalette *
ow_timeline_renderer_get_palette (OwTimelineRenderer *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), NULL);
  return &self->palette;
}

void
ow_timeline_renderer_set_context (OwTimelineRenderer *self,
                                  PangoContext       *context)
{
  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (context == NULL || PANGO_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

void
ow_timeline_renderer_set_font (OwTimelineRenderer         *self,
                               const PangoFontDescription *font)
{
  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));

  g_clear_pointer (&self->font, pango_font_description_free);
  if (font != NULL)
    self->font = pango_font_description_copy (font);
}

static PangoContext *
get_context (OwTimelineRenderer *self)
{
  if (self->context != NULL)
    return self->context;
  if (self->own_context == NULL)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");

      /* A bare context's default is a serif face; windows default to a sans one. */
      self->own_context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_context_set_font_description (self->own_context, font);
    }
  return self->own_context;
}

static PangoLayout *
make_layout (OwTimelineRenderer *self,
             const char         *text,
             gboolean            bold)
{
  PangoLayout *layout = pango_layout_new (get_context (self));
  PangoAttrList *attrs = pango_attr_list_new ();

  if (self->font != NULL)
    pango_layout_set_font_description (layout, self->font);
  pango_layout_set_text (layout, text, -1);
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_layout (cairo_t               *cr,
             PangoLayout           *layout,
             double                 x,
             double                 y,
             const OwTimelineColor *color,
             double                 alpha)
{
  cairo_save (cr);
  cairo_move_to (cr, x, y);
  set_source (cr, color, alpha);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
fill_rounded (cairo_t               *cr,
              double                 x,
              double                 y,
              double                 width,
              double                 height,
              double                 radius,
              const OwTimelineColor *color,
              double                 alpha)
{
  if (width <= 0 || height <= 0)
    return;
  rounded_rectangle (cr, x, y, width, height, radius);
  set_source (cr, color, alpha);
  cairo_fill (cr);
}

double
ow_timeline_renderer_time_to_x (OwTimelineRenderer *self,
                                gint64              time,
                                double              width)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), -1);

  if (time < self->start || time > self->end || self->end <= self->start)
    return -1;
  return PAD_X + (double) (time - self->start) / (double) (self->end - self->start)
                 * (width - 2 * PAD_X);
}

static double
x_for (OwTimelineRenderer *self,
       gint64              time,
       double              width)
{
  time = CLAMP (time, self->start, self->end);
  return ow_timeline_renderer_time_to_x (self, time, width);
}

static double
axis_y (OwTimelineRenderer *self)
{
  return NOW_H + self->bars->len * (LANE_H + LANE_GAP) + AXIS_GAP / 2;
}

static double
lane_y (guint index)
{
  return NOW_H + index * (LANE_H + LANE_GAP);
}

static gboolean
bar_is_over (const Bar *bar)
{
  return bar->state == OW_DEADLINE_PASSED || bar->state == OW_DEADLINE_MET;
}

static void
bar_extent (OwTimelineRenderer *self,
            const Bar          *bar,
            double              width,
            double             *x0,
            double             *x1)
{
  *x0 = x_for (self, bar->start, width);
  *x1 = MAX (x_for (self, bar->end, width), *x0 + LANE_H / 2);
}

typedef struct
{
  char     *text;
  double    x;
  int       width;
  int       height;
  gboolean  crosses_now;   /* no room clear of it: the "now" line leaves a gap there */
} BarLabel;

static void
bar_label_clear (BarLabel *label)
{
  g_clear_pointer (&label->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BarLabel, bar_label_clear)

static gboolean
label_fits (double tx,
            int    text_w,
            double width,
            double xn)
{
  return tx >= 2 && tx + text_w <= width - 2 && !(xn >= tx - 4 && xn <= tx + text_w + 4);
}

/* A bar's name: beside its end where there is room, else before its start, else inside it,
 * else beside the "now" line; never across that line. A window running off the edge says
 * until when, if that fits; else only its name. */
static void
place_bar_label (OwTimelineRenderer *self,
                 const Bar          *bar,
                 double              width,
                 BarLabel           *out)
{
  double x0, x1;
  double xl = x_for (self, bar->late_end, width);
  double xn = self->now != OW_TIME_UNSET ? x_for (self, self->now, width) : -G_MAXDOUBLE;
  g_autofree char *until = bar->clipped ? format_day (bar->end) : NULL;
  /* Translators: a timeline window that runs past the edge, e.g. "PayPal dispute until 2 May" */
  g_autofree char *longer = bar->clipped ? g_strdup_printf (_("%s until %s"), bar->label, until)
                                         : NULL;
  const char *texts[] = { longer ? longer : bar->label, longer ? bar->label : NULL };

  bar_extent (self, bar, width, &x0, &x1);
  for (guint t = 0; t < G_N_ELEMENTS (texts) && texts[t] != NULL; t++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, texts[t], TRUE);
      double candidates[5];
      guint n = 0;

      pango_layout_get_pixel_size (layout, &out->width, &out->height);
      if (!bar->clipped)
        candidates[n++] = MAX (x1, xl) + 6;
      candidates[n++] = x0 - 6 - out->width;
      candidates[n++] = x0 + 8;
      candidates[n++] = xn + 6;
      candidates[n++] = xn - 6 - out->width;

      g_free (out->text);
      out->text = g_strdup (texts[t]);
      for (guint i = 0; i < n; i++)
        if (label_fits (candidates[i], out->width, width, xn))
          {
            out->x = candidates[i];
            out->crosses_now = FALSE;
            return;
          }
    }

  /* Too narrow for anything clear of it: inside the bar, and the line steps aside. */
  out->x = CLAMP (x0 + 8, 2, MAX (width - out->width - 2, 2));
  out->crosses_now = xn >= out->x - 4 && xn <= out->x + out->width + 4;
}

static void
draw_bar (OwTimelineRenderer *self,
          cairo_t            *cr,
          const Bar          *bar,
          const BarLabel     *label,
          double              y,
          double              width)
{
  const OwTimelineColor *color = &self->palette.hues[bar->hue];
  gboolean over = bar_is_over (bar);
  double x0, x1;
  double xl = x_for (self, bar->late_end, width);
  double xn;
  g_autoptr(PangoLayout) layout = NULL;

  bar_extent (self, bar, width, &x0, &x1);
  xn = self->now != OW_TIME_UNSET ? x_for (self, self->now, width) : x0;

  /* The later end some sources give: a faint tail. */
  if (xl > x1 + 1)
    fill_rounded (cr, x1 - LANE_H / 2, y + 4, xl - x1 + LANE_H / 2, LANE_H - 8,
                  (LANE_H - 8) / 2, color, 0.15);

  /* Elapsed part solid, what is left light: progress at a glance. */
  cairo_save (cr);
  rounded_rectangle (cr, x0, y, x1 - x0, LANE_H, LANE_H / 2);
  cairo_clip (cr);
  set_source (cr, color, over ? 0.35 : 0.3);
  cairo_rectangle (cr, x0, y, x1 - x0, LANE_H);
  cairo_fill (cr);
  if (!over && xn > x0)
    {
      set_source (cr, color, 0.85);
      cairo_rectangle (cr, x0, y, MIN (xn, x1) - x0, LANE_H);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* The window's name beside it where there is room, else inside; clear of "now". */
  layout = make_layout (self, label->text, TRUE);
  draw_layout (cr, layout, label->x, y + (LANE_H - label->height) / 2,
               &self->palette.foreground, over ? 0.55 : 1.0);
}

/* From its label down to the axis, the dates under the axis clear of it; where a window's
 * name could go nowhere else, the line leaves a gap for it. */
static void
draw_now (OwTimelineRenderer *self,
          cairo_t            *cr,
          const BarLabel     *labels,
          double              width,
          double              y_axis)
{
  g_autoptr(PangoLayout) layout = make_layout (self, _("Now"), TRUE);
  double x = x_for (self, self->now, width);
  double top = NOW_H - 4;
  int tw, th;

  set_source (cr, &self->palette.now, 1.0);
  for (guint i = 0; i < self->bars->len; i++)
    {
      double y = lane_y (i);

      if (!labels[i].crosses_now)
        continue;
      cairo_rectangle (cr, x - 1, top, 2, MAX (y - 2 - top, 0));
      top = y + LANE_H + 2;
    }
  cairo_rectangle (cr, x - 1, top, 2, MAX (y_axis + DOT - top, 0));
  cairo_fill (cr);

  pango_layout_get_pixel_size (layout, &tw, &th);
  draw_layout (cr, layout, CLAMP (x - tw / 2.0, 0, width - tw), NOW_H - 4 - th,
               &self->palette.now, 1.0);
}

/* Labels under the axis: centred on their dot, dropped a row when they would overlap.
 * Returns the rows used; @left and @row (one per mark, may be NULL) get the placement. */
static guint
place_marks (OwTimelineRenderer *self,
             double              width,
             double             *left_out,
             guint              *row_out)
{
  double row_right[MAX_ROWS];
  guint used = 0;

  for (guint r = 0; r < MAX_ROWS; r++)
    row_right[r] = -G_MAXDOUBLE;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      g_autoptr(PangoLayout) title = make_layout (self, mark->label, TRUE);
      g_autoptr(PangoLayout) date = make_layout (self, mark->date, FALSE);
      double x = x_for (self, mark->time, width);
      int tw, th, dw, dh;
      double w, left;
      guint row;

      pango_layout_get_pixel_size (title, &tw, &th);
      pango_layout_get_pixel_size (date, &dw, &dh);
      w = MAX (tw, dw);
      left = CLAMP (x - w / 2, 0, MAX (width - w, 0));

      /* The first row with room; else the one that ends soonest. */
      for (row = 0; row < MAX_ROWS; row++)
        if (row_right[row] + 10 <= left)
          break;
      if (row == MAX_ROWS)
        {
          row = 0;
          for (guint r = 1; r < MAX_ROWS; r++)
            if (row_right[r] < row_right[row])
              row = r;
          left = MAX (left, row_right[row] + 10);
        }
      row_right[row] = left + w;
      used = MAX (used, row + 1);

      if (left_out != NULL)
        left_out[i] = left;
      if (row_out != NULL)
        row_out[i] = row;
    }

  return used;
}

static void
draw_marks (OwTimelineRenderer *self,
            cairo_t            *cr,
            double              width,
            double              y_axis)
{
  const OwTimelineColor *fg = &self->palette.foreground;
  g_autofree double *lefts = g_new0 (double, self->marks->len + 1);
  g_autofree guint *rows = g_new0 (guint, self->marks->len + 1);

  place_marks (self, width, lefts, rows);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      g_autoptr(PangoLayout) title = make_layout (self, mark->label, TRUE);
      g_autoptr(PangoLayout) date = make_layout (self, mark->date, FALSE);
      double x = x_for (self, mark->time, width);
      double y = y_axis + AXIS_GAP / 2 + rows[i] * MARK_ROW_H;
      int tw, th, dw, dh;
      double w;

      pango_layout_get_pixel_size (title, &tw, &th);
      pango_layout_get_pixel_size (date, &dw, &dh);
      w = MAX (tw, dw);

      /* A hairline from the dot down to a label that had to drop a row. */
      if (rows[i] > 0)
        {
          set_source (cr, fg, 0.2);
          cairo_rectangle (cr, x - 0.5, y_axis + DOT, 1, y - y_axis - DOT);
          cairo_fill (cr);
        }

      if (mark->is_deadline)
        {
          /* A diamond: a moment set by a rule rather than something that happened. */
          cairo_save (cr);
          cairo_translate (cr, x, y_axis);
          cairo_rotate (cr, G_PI / 4);
          cairo_rectangle (cr, -DOT, -DOT, 2 * DOT, 2 * DOT);
          set_source (cr, &self->palette.hues[OW_TIMELINE_HUE_ORANGE], 1.0);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      else
        fill_rounded (cr, x - DOT, y_axis - DOT, 2 * DOT, 2 * DOT, DOT, fg, 1.0);

      draw_layout (cr, title, lefts[i] + (w - tw) / 2, y, fg, 1.0);
      draw_layout (cr, date, lefts[i] + (w - dw) / 2, y + th, fg, 0.6);
    }
}

double
ow_timeline_renderer_measure (OwTimelineRenderer *self,
                              double              width)
{
  guint rows;

  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), 0);

  rows = place_marks (self, width > 0 ? width : 560, NULL, NULL);
  return axis_y (self) + AXIS_GAP / 2 + rows * MARK_ROW_H;
}

void
ow_timeline_renderer_draw (OwTimelineRenderer *self,
                           cairo_t            *cr,
                           double              width,
                           double              height)
{
  g_autofree BarLabel *labels = NULL;
  double y_axis;

  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (cr != NULL);

  if (self->end <= self->start || width <= 2 * PAD_X)
    return;
  /* No facts, no windows, no clock: not even an axis. */
  if (self->bars->len == 0 && self->marks->len == 0 && self->now == OW_TIME_UNSET)
    return;

  /* Our own context follows the target's font options; a widget's is the widget's. */
  if (self->context == NULL)
    pango_cairo_update_context (cr, get_context (self));

  y_axis = axis_y (self);
  cairo_save (cr);

  /* Placed once: the bars draw their names there, the "now" line steps aside for them. */
  labels = g_new0 (BarLabel, self->bars->len + 1);
  for (guint i = 0; i < self->bars->len; i++)
    place_bar_label (self, &g_array_index (self->bars, Bar, i), width, &labels[i]);
  for (guint i = 0; i < self->bars->len; i++)
    draw_bar (self, cr, &g_array_index (self->bars, Bar, i), &labels[i], lane_y (i), width);

  set_source (cr, &self->palette.foreground, 0.25);
  cairo_rectangle (cr, PAD_X, y_axis - 0.5, width - 2 * PAD_X, 1);
  cairo_fill (cr);

  draw_marks (self, cr, width, y_axis);

  if (self->now != OW_TIME_UNSET)
    draw_now (self, cr, labels, width, y_axis);

  cairo_restore (cr);
  for (guint i = 0; i < self->bars->len; i++)
    bar_label_clear (&labels[i]);
}

guint
ow_timeline_renderer_get_n_bars (OwTimelineRenderer *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), 0);
  return self->bars->len;
}

guint
ow_timeline_renderer_get_n_marks (OwTimelineRenderer *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), 0);
  return self->marks->len;
}

const char *
ow_timeline_renderer_get_bar_label (OwTimelineRenderer *self,
                                    guint               index)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).label;
}

OwTimelineHue
ow_timeline_renderer_get_bar_hue (OwTimelineRenderer *self,
                                  guint               index)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), OW_TIMELINE_HUE_BLUE);
  g_return_val_if_fail (index < self->bars->len, OW_TIMELINE_HUE_BLUE);
  return g_array_index (self->bars, Bar, index).hue;
}

void
ow_timeline_renderer_get_bar_area (OwTimelineRenderer *self,
                                   guint               index,
                                   double              width,
                                   double             *x,
                                   double             *y,
                                   double             *bar_width,
                                   double             *bar_height)
{
  double x0 = 0, x1 = 0;

  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));
  g_return_if_fail (index < self->bars->len);

  if (self->end > self->start)
    bar_extent (self, &g_array_index (self->bars, Bar, index), width, &x0, &x1);
  if (x)
    *x = x0;
  if (y)
    *y = lane_y (index);
  if (bar_width)
    *bar_width = x1 - x0;
  if (bar_height)
    *bar_height = LANE_H;
}

const char *
ow_timeline_renderer_get_mark_label (OwTimelineRenderer *self,
                                     guint               index)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);
  return g_array_index (self->marks, Mark, index).label;
}

gint64
ow_timeline_renderer_get_bar_end (OwTimelineRenderer *self,
                                  guint               index)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), OW_TIME_UNSET);
  g_return_val_if_fail (index < self->bars->len, OW_TIME_UNSET);
  return g_array_index (self->bars, Bar, index).end;
}

gboolean
ow_timeline_renderer_get_bar_label_area (OwTimelineRenderer *self,
                                         guint               index,
                                         double              width,
                                         double             *x,
                                         double             *y,
                                         double             *label_width,
                                         double             *label_height,
                                         gboolean           *crosses_now)
{
  g_auto(BarLabel) label = { NULL };

  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), FALSE);

  if (index >= self->bars->len || self->end <= self->start || width <= 2 * PAD_X)
    return FALSE;
  place_bar_label (self, &g_array_index (self->bars, Bar, index), width, &label);
  if (x)
    *x = label.x;
  if (y)
    *y = lane_y (index) + (LANE_H - label.height) / 2.0;
  if (label_width)
    *label_width = label.width;
  if (label_height)
    *label_height = label.height;
  if (crosses_now)
    *crosses_now = label.crosses_now;
  return TRUE;
}

const char *
ow_timeline_renderer_get_mark_date (OwTimelineRenderer *self,
                                    guint               index)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);
  return g_array_index (self->marks, Mark, index).date;
}

gint64
ow_timeline_renderer_get_mark_time (OwTimelineRenderer *self,
                                    guint               index)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), OW_TIME_UNSET);
  g_return_val_if_fail (index < self->marks->len, OW_TIME_UNSET);
  return g_array_index (self->marks, Mark, index).time;
}

double
ow_timeline_renderer_get_axis_y (OwTimelineRenderer *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), 0);
  return axis_y (self);
}

void
ow_timeline_renderer_get_range (OwTimelineRenderer *self,
                                gint64             *start,
                                gint64             *end)
{
  g_return_if_fail (OW_IS_TIMELINE_RENDERER (self));

  if (start)
    *start = self->start;
  if (end)
    *end = self->end;
}

const char *
ow_timeline_renderer_get_summary (OwTimelineRenderer *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE_RENDERER (self), NULL);
  return self->summary;
}

static void
ow_timeline_renderer_finalize (GObject *object)
{
  OwTimelineRenderer *self = OW_TIMELINE_RENDERER (object);

  g_array_unref (self->bars);
  g_array_unref (self->marks);
  g_free (self->summary);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (ow_timeline_renderer_parent_class)->finalize (object);
}

static void
ow_timeline_renderer_dispose (GObject *object)
{
  OwTimelineRenderer *self = OW_TIMELINE_RENDERER (object);

  g_clear_object (&self->context);
  g_clear_object (&self->own_context);

  G_OBJECT_CLASS (ow_timeline_renderer_parent_class)->dispose (object);
}

static void
ow_timeline_renderer_class_init (OwTimelineRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ow_timeline_renderer_dispose;
  object_class->finalize = ow_timeline_renderer_finalize;
}

static void
ow_timeline_renderer_init (OwTimelineRenderer *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->now = OW_TIME_UNSET;
  self->start = self->end = 0;
  ow_timeline_palette_init (&self->palette, FALSE);
  update_summary (self);
}

OwTimelineRenderer *
ow_timeline_renderer_new (void)
{
  return g_object_new (OW_TYPE_TIMELINE_RENDERER, NULL);
}
