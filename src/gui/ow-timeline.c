/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ow-deadlines.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-timeline.h"

#define PAD_X      14.0
#define NOW_H      20.0
#define LANE_H     20.0
#define LANE_GAP   8.0
#define AXIS_GAP   12.0
#define MARK_ROW_H 36.0
#define MAX_ROWS   3
#define DOT        4.0

typedef enum
{
  HUE_BLUE,
  HUE_GREEN,
  HUE_ORANGE,
  HUE_PURPLE,
  HUE_RED,
  HUE_YELLOW,
  HUE_BROWN,
  N_HUES
} Hue;

/* The GNOME palette: a darker shade on light backgrounds, a brighter one on dark. */
static const char *const hue_light[N_HUES] = {
  "#1c71d8", "#26a269", "#e66100", "#813d9c", "#c01c28", "#e5a50a", "#865e3c",
};
static const char *const hue_dark[N_HUES] = {
  "#3584e4", "#33d17a", "#ff7800", "#9141ac", "#e01b24", "#f6d32d", "#986a44",
};

typedef struct
{
  char            *label;
  gint64           start;
  gint64           end;
  gint64           late_end;
  OwDeadlineState  state;
  Hue              hue;
  gboolean         clipped;   /* runs past the right edge */
} Bar;

typedef struct
{
  char    *label;
  char    *date;
  gint64   time;
  gboolean is_deadline;
} Mark;

struct _OwTimeline
{
  GtkWidget     parent_instance;

  /* The policy's rules for Buyer Protection and the dispute window, when it has them. */
  const OwRule *protection_rule;
  const OwRule *dispute_opens_rule;
  const OwRule *dispute_closes_rule;

  GArray    *bars;
  GArray    *marks;
  gint64     start;
  gint64     end;
  gint64     now;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (OwTimeline, ow_timeline, GTK_TYPE_WIDGET)

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

static Hue
hue_for_rule (const char *id,
              guint       index)
{
  if (g_str_has_prefix (id, "payment"))
    return HUE_PURPLE;
  if (g_str_equal (id, "ship_by"))
    return HUE_BLUE;
  if (g_str_has_prefix (id, "protection") || g_str_has_suffix (id, "claim_deadline"))
    return HUE_GREEN;
  if (g_str_has_prefix (id, "dispute") || g_str_has_suffix (id, "report"))
    return HUE_ORANGE;
  if (g_str_equal (id, "cancel_reply"))
    return HUE_YELLOW;
  if (g_str_equal (id, "seller_response") || g_str_equal (id, "return_ship_by"))
    return HUE_RED;
  if (g_str_has_prefix (id, "refund"))
    return HUE_BROWN;
  return index % N_HUES;
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  char *text;

  if (local == NULL)
    return g_strdup ("");
  /* Translators: a short date under a timeline dot, see strftime(3) */
  text = g_date_time_format (local, _("%-d %b"));
  return text;
}

static void
add_mark (OwTimeline *self,
          const char *label,
          gint64      time,
          gboolean    is_deadline)
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
update_summary (OwTimeline *self)
{
  GString *text = g_string_new (_("Timeline"));
  g_autofree char *now = NULL;

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
      now = format_day (self->now);
      /* Translators: the "now" marker of the timeline, with today's date */
      g_string_append_printf (text, _("; now %s"), now);
    }

  g_free (self->summary);
  self->summary = g_string_free (text, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
}

static void
update_range (OwTimeline *self)
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

void
ow_timeline_set_policy (OwTimeline *self,
                        OwPolicy   *policy)
{
  g_return_if_fail (OW_IS_TIMELINE (self));
  g_return_if_fail (policy == NULL || OW_IS_POLICY (policy));

  self->protection_rule = policy ? ow_policy_get_extension_rule (policy, NULL, NULL) : NULL;
  self->dispute_closes_rule = policy ? ow_policy_get_dispute_rules (policy,
                                                                     &self->dispute_opens_rule)
                                     : NULL;
  if (self->dispute_closes_rule == NULL)
    self->dispute_opens_rule = NULL;
}

void
ow_timeline_set_order (OwTimeline          *self,
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

  g_return_if_fail (OW_IS_TIMELINE (self));
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
      /* Once paid, the payment windows are history the "Paid" dot already tells. */
      if (g_str_has_prefix (id, "payment") && order != NULL &&
          ow_order_get_time (order, OW_EVENT_PAID) != OW_TIME_UNSET)
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

      bar.start = d->starts;
      bar.label = g_strdup (ow_rule_get_title (d->rule));
      if (d->rule == self->dispute_closes_rule && opens != NULL &&
          opens->due != OW_TIME_UNSET && opens->due < d->due)
        {
          bar.start = opens->due;
          g_free (bar.label);
          bar.label = g_strdup (_("Dispute window"));
        }
      bar.end = d->due;
      bar.late_end = d->due_late != OW_TIME_UNSET ? d->due_late : d->due;
      /* Ended early by what it waited for (receipt confirmed ends Buyer Protection): the
       * bar stops there, with no tail of later dates. */
      if (d->state == OW_DEADLINE_MET && d->ended != OW_TIME_UNSET && d->ended < d->due)
        bar.end = bar.late_end = MAX (d->ended, bar.start);
      bar.state = d->state;
      bar.hue = hue_for_rule (id, i);
      if (bar.end < bar.start)
        bar.end = bar.start;
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
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ow_timeline_set_now (OwTimeline *self,
                     gint64      now)
{
  g_return_if_fail (OW_IS_TIMELINE (self));

  if (self->now == now)
    return;
  self->now = now;
  update_range (self);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
ow_timeline_time_to_x (OwTimeline *self,
                       gint64      time,
                       double      width)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), -1);

  if (time < self->start || time > self->end || self->end <= self->start)
    return -1;
  return PAD_X + (double) (time - self->start) / (double) (self->end - self->start)
                 * (width - 2 * PAD_X);
}

static double
x_for (OwTimeline *self,
       gint64      time,
       double      width)
{
  time = CLAMP (time, self->start, self->end);
  return ow_timeline_time_to_x (self, time, width);
}

static double
axis_y (OwTimeline *self)
{
  return NOW_H + self->bars->len * (LANE_H + LANE_GAP) + AXIS_GAP / 2;
}

static guint place_marks (OwTimeline *self,
                          double      width,
                          double     *left_out,
                          guint      *row_out);

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
    {
      guint rows = place_marks (self, for_size > 0 ? for_size : 560, NULL, NULL);

      *minimum = *natural = (int) (axis_y (self) + AXIS_GAP / 2 + rows * MARK_ROW_H);
    }
}

static GtkSizeRequestMode
ow_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
get_hue (OwTimeline *self,
         Hue         hue,
         GdkRGBA    *rgba)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gdk_rgba_parse (rgba, dark ? hue_dark[hue] : hue_light[hue]);
}

static PangoLayout *
make_layout (OwTimeline *self,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
fill_rounded (GtkSnapshot   *snapshot,
              double         x,
              double         y,
              double         width,
              double         height,
              double         radius,
              const GdkRGBA *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
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
try_place (double  tx,
           int     text_w,
           double  width,
           double  xn)
{
  return tx >= 2 && tx + text_w <= width - 2 && !(xn >= tx - 4 && xn <= tx + text_w + 4);
}

/* A bar's name: beside its end where there is room, else before its start, else inside it,
 * else beside the "now" line; never across that line. A window running off the edge says
 * until when, if that fits; else only its name. */
static void
place_bar_label (OwTimeline *self,
                 const Bar  *bar,
                 double      width,
                 BarLabel   *out)
{
  double x0 = x_for (self, bar->start, width);
  double x1 = MAX (x_for (self, bar->end, width), x0 + LANE_H / 2);
  double xl = x_for (self, bar->late_end, width);
  double xn = self->now != OW_TIME_UNSET ? x_for (self, self->now, width) : -G_MAXDOUBLE;
  g_autofree char *until = bar->clipped ? format_day (bar->end) : NULL;
  /* Translators: a timeline window that runs past the edge, e.g. "PayPal dispute until 2 May" */
  g_autofree char *longer = bar->clipped ? g_strdup_printf (_("%s until %s"), bar->label, until)
                                         : NULL;
  const char *texts[] = { longer ? longer : bar->label, longer ? bar->label : NULL };

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
      for (guint i = 0; i < n; i++)
        if (try_place (candidates[i], out->width, width, xn))
          {
            g_free (out->text);
            out->text = g_strdup (texts[t]);
            out->x = candidates[i];
            out->crosses_now = FALSE;
            return;
          }
      g_free (out->text);
      out->text = g_strdup (texts[t]);
    }

  /* Too narrow for anything clear of it: inside the bar, and the line steps aside. */
  out->x = CLAMP (x0 + 8, 2, MAX (width - out->width - 2, 2));
  out->crosses_now = xn >= out->x - 4 && xn <= out->x + out->width + 4;
}

static void
draw_bar (OwTimeline  *self,
          GtkSnapshot *snapshot,
          const Bar   *bar,
          double       y,
          double       width,
          const GdkRGBA *fg)
{
  gboolean over = bar->state == OW_DEADLINE_PASSED || bar->state == OW_DEADLINE_MET;
  double x0 = x_for (self, bar->start, width);
  double x1 = MAX (x_for (self, bar->end, width), x0 + LANE_H / 2);
  double xl = x_for (self, bar->late_end, width);
  double xn = self->now != OW_TIME_UNSET ? x_for (self, self->now, width) : x0;
  g_auto(BarLabel) label = { NULL };
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color, light, text_color;
  GskRoundedRect rect;
  int text_w, text_h;
  double tx;

  get_hue (self, bar->hue, &color);
  light = color;
  light.alpha = over ? 0.35 : 0.3;

  /* The later end some sources give: a faint tail. */
  if (xl > x1 + 1)
    {
      GdkRGBA tail = color;

      tail.alpha = 0.15;
      fill_rounded (snapshot, x1 - LANE_H / 2, y + 4, xl - x1 + LANE_H / 2, LANE_H - 8,
                    (LANE_H - 8) / 2, &tail);
    }

  /* Elapsed part solid, what is left light: progress at a glance. */
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, LANE_H),
                                   LANE_H / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &light, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, LANE_H));
  if (!over && xn > x0)
    {
      color.alpha = 0.85;
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x0, y, MIN (xn, x1) - x0, LANE_H));
    }
  gtk_snapshot_pop (snapshot);

  /* The window's name beside it where there is room, else inside; clear of "now". */
  place_bar_label (self, bar, width, &label);
  layout = make_layout (self, label.text, TRUE);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  tx = label.x;
  text_color = *fg;
  text_color.alpha = over ? 0.55 : 1.0;
  draw_layout (snapshot, layout, tx, y + (LANE_H - text_h) / 2, &text_color);
}

/* Labels under the axis: centred on their dot, dropped a row when they would overlap.
 * Returns the rows used; @left and @row (one per mark, may be NULL) get the placement. */
static guint
place_marks (OwTimeline *self,
             double      width,
             double     *left_out,
             guint      *row_out)
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
draw_marks (OwTimeline    *self,
            GtkSnapshot   *snapshot,
            double         width,
            double         y_axis,
            const GdkRGBA *fg)
{
  g_autofree double *lefts = g_new0 (double, self->marks->len + 1);
  g_autofree guint *rows = g_new0 (guint, self->marks->len + 1);
  GdkRGBA dim = *fg;

  dim.alpha = 0.6;
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
          GdkRGBA line = *fg;

          line.alpha = 0.2;
          gtk_snapshot_append_color (snapshot, &line,
                                     &GRAPHENE_RECT_INIT (x - 0.5, y_axis + DOT, 1,
                                                          y - y_axis - DOT));
        }

      if (mark->is_deadline)
        {
          /* A diamond: a moment set by a rule rather than something that happened. */
          GdkRGBA color;

          get_hue (self, HUE_ORANGE, &color);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y_axis));
          gtk_snapshot_rotate (snapshot, 45);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (-DOT, -DOT, 2 * DOT, 2 * DOT));
          gtk_snapshot_restore (snapshot);
        }
      else
        fill_rounded (snapshot, x - DOT, y_axis - DOT, 2 * DOT, 2 * DOT, DOT, fg);

      draw_layout (snapshot, title, lefts[i] + (w - tw) / 2, y, fg);
      draw_layout (snapshot, date, lefts[i] + (w - dw) / 2, y + th, &dim);
    }
}

static void
ow_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  OwTimeline *self = OW_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double y_axis = axis_y (self);
  GdkRGBA fg, axis;

  if (self->end <= self->start || width <= 2 * PAD_X)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < self->bars->len; i++)
    draw_bar (self, snapshot, &g_array_index (self->bars, Bar, i),
              NOW_H + i * (LANE_H + LANE_GAP), width, &fg);

  axis = fg;
  axis.alpha = 0.25;
  gtk_snapshot_append_color (snapshot, &axis,
                             &GRAPHENE_RECT_INIT (PAD_X, y_axis - 0.5, width - 2 * PAD_X, 1));

  draw_marks (self, snapshot, width, y_axis, &fg);

  if (self->now != OW_TIME_UNSET)
    {
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      g_autoptr(PangoLayout) layout = make_layout (self, _("Now"), TRUE);
      double x = x_for (self, self->now, width);
      GdkRGBA red;
      int tw, th;

      gdk_rgba_parse (&red, dark ? "#ff7b63" : "#c01c28");
      double top = NOW_H - 4;

      /* From its label down to the axis, the dates under the axis clear of it; where a
       * window's name could go nowhere else, the line leaves a gap for it. */
      for (guint i = 0; i < self->bars->len; i++)
        {
          g_auto(BarLabel) label = { NULL };
          double y = NOW_H + i * (LANE_H + LANE_GAP);

          place_bar_label (self, &g_array_index (self->bars, Bar, i), width, &label);
          if (!label.crosses_now)
            continue;
          gtk_snapshot_append_color (snapshot, &red,
                                     &GRAPHENE_RECT_INIT (x - 1, top, 2, MAX (y - 2 - top, 0)));
          top = y + LANE_H + 2;
        }
      gtk_snapshot_append_color (snapshot, &red,
                                 &GRAPHENE_RECT_INIT (x - 1, top, 2, y_axis + DOT - top));
      pango_layout_get_pixel_size (layout, &tw, &th);
      draw_layout (snapshot, layout, CLAMP (x - tw / 2.0, 0, width - tw), NOW_H - 4 - th, &red);
    }
}

static void
ow_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ow_timeline_parent_class)->css_changed (widget, change);
  /* Colours follow the light or dark style. */
  gtk_widget_queue_draw (widget);
}

guint
ow_timeline_get_n_bars (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), 0);
  return self->bars->len;
}

guint
ow_timeline_get_n_marks (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), 0);
  return self->marks->len;
}

const char *
ow_timeline_get_bar_label (OwTimeline *self,
                           guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).label;
}

gint64
ow_timeline_get_bar_end (OwTimeline *self,
                         guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), OW_TIME_UNSET);
  g_return_val_if_fail (index < self->bars->len, OW_TIME_UNSET);
  return g_array_index (self->bars, Bar, index).end;
}

gboolean
ow_timeline_get_bar_label_bounds (OwTimeline      *self,
                                  guint            index,
                                  double           width,
                                  graphene_rect_t *bounds,
                                  gboolean        *crosses_now)
{
  g_auto(BarLabel) label = { NULL };

  g_return_val_if_fail (OW_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (index >= self->bars->len || self->end <= self->start || width <= 2 * PAD_X)
    return FALSE;
  place_bar_label (self, &g_array_index (self->bars, Bar, index), width, &label);
  graphene_rect_init (bounds, label.x,
                      NOW_H + index * (LANE_H + LANE_GAP) + (LANE_H - label.height) / 2.0,
                      label.width, label.height);
  if (crosses_now != NULL)
    *crosses_now = label.crosses_now;
  return TRUE;
}

const char *
ow_timeline_get_mark_label (OwTimeline *self,
                            guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);
  return g_array_index (self->marks, Mark, index).label;
}

const char *
ow_timeline_get_mark_date (OwTimeline *self,
                           guint       index)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);
  return g_array_index (self->marks, Mark, index).date;
}

gint64
ow_timeline_get_now (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), OW_TIME_UNSET);
  return self->now;
}

void
ow_timeline_get_range (OwTimeline *self,
                       gint64     *start,
                       gint64     *end)
{
  g_return_if_fail (OW_IS_TIMELINE (self));

  if (start)
    *start = self->start;
  if (end)
    *end = self->end;
}

const char *
ow_timeline_get_summary (OwTimeline *self)
{
  g_return_val_if_fail (OW_IS_TIMELINE (self), NULL);
  return self->summary;
}

static void
ow_timeline_finalize (GObject *object)
{
  OwTimeline *self = OW_TIMELINE (object);

  g_array_unref (self->bars);
  g_array_unref (self->marks);
  g_free (self->summary);

  G_OBJECT_CLASS (ow_timeline_parent_class)->finalize (object);
}

static void
ow_timeline_class_init (OwTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ow_timeline_finalize;
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
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->now = OW_TIME_UNSET;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protection timeline"), -1);
}

GtkWidget *
ow_timeline_new (void)
{
  return g_object_new (OW_TYPE_TIMELINE, NULL);
}
