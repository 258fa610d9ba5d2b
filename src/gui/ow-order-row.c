/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One order in the list, drawn directly with Pango layouts rather than built from
 * label widgets: GtkListView keeps about 200 rows alive, and rows without children
 * shape text only when they are drawn or measured. The deadline line wraps to a second
 * line rather than being cut mid-word; an order without one is a row of two lines. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ow-deadlines.h"
#include "ow-money.h"
#include "ow-order-list.h"
#include "ow-order-row.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-urgency-style.h"

#define PAD_X      12
#define PAD_TOP    9
#define PAD_BOTTOM 9
#define GAP_1      2
#define GAP_2      4
/* 16: the theme has it as PNG; other sizes render the SVG (and load librsvg). */
#define ICON       16
#define PILL_PAD_X 8
/* The deadline's words: at most two lines, the rest ellipsized at a word. */
#define COUNTDOWN_LINES 2

typedef enum
{
  TEXT_TITLE,
  TEXT_AMOUNT,
  TEXT_STORE,
  TEXT_STATUS,
  TEXT_COUNTDOWN,
  N_TEXTS
} TextSlot;

struct _OwOrderRow
{
  GtkWidget         parent_instance;

  OwOrderList      *list;
  OwCountdownClock *clock;
  OwOrder          *order;
  gulong            tick_id;

  char             *texts[N_TEXTS];
  PangoLayout      *layouts[N_TEXTS];   /* made when first drawn */
  OwUrgency         urgency;
  gboolean          undated;     /* the line is a deadline waiting for a fact's date */
  OwOrderStatus     status;
  gboolean          has_status;
  int               countdown_lines;   /* at the width last measured or drawn */
  int               countdown_width;   /* the text width those lines were counted at */
};

G_DEFINE_FINAL_TYPE (OwOrderRow, ow_order_row, GTK_TYPE_WIDGET)

#define DAY 86400

/* Line heights depend only on the font: measured once for all rows. */
static struct
{
  PangoFontDescription *font;
  int   line[3];
} metrics;

gboolean
ow_same_name (const char *a,
              const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return g_strcmp0 (g_strstrip (x), g_strstrip (y)) == 0;
}

const char *
ow_order_status_css_class (OwOrderStatus status)
{
  switch (status)
    {
    case OW_STATUS_AWAITING_PAYMENT: return "status-awaiting-payment";
    case OW_STATUS_AWAITING_SHIPMENT: return "status-awaiting-shipment";
    case OW_STATUS_AWAITING_DELIVERY: return "status-awaiting-delivery";
    case OW_STATUS_DISPUTE: return "status-dispute";
    case OW_STATUS_COMPLETED: return "status-completed";
    case OW_STATUS_CLOSED: return "status-closed";
    case OW_N_STATUSES:
    default:
      return "status-closed";
    }
}


/* Text styles */

static PangoAttrList *
text_attrs (TextSlot slot)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  switch (slot)
    {
    case TEXT_TITLE:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      break;
    case TEXT_AMOUNT:
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      break;
    case TEXT_STORE:
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
      break;
    case TEXT_STATUS:
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      break;
    case TEXT_COUNTDOWN:
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      break;
    case N_TEXTS:
    default:
      g_assert_not_reached ();
    }
  return attrs;
}

static PangoLayout *
make_layout (OwOrderRow *self,
             TextSlot    slot,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = text_attrs (slot);

  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (slot == TEXT_COUNTDOWN)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -COUNTDOWN_LINES);
    }
  return layout;
}

/* The deadline line wraps at words, up to COUNTDOWN_LINES. A line that fits stays as made,
 * without a width: Pango shapes a layout again for every new width, and each row is measured
 * at two (its natural width, then its own) before the first frame. */
static int
countdown_lines (OwOrderRow *self,
                 PangoLayout *layout,
                 int          width)
{
  int natural;

  if (layout == NULL || width <= 0)
    return 0;
  self->countdown_width = width;
  if (pango_layout_get_width (layout) == -1)
    {
      pango_layout_get_pixel_size (layout, &natural, NULL);
      if (natural <= width)
        return 1;
    }
  if (pango_layout_get_width (layout) != width * PANGO_SCALE)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  return MIN (pango_layout_get_line_count (layout), COUNTDOWN_LINES);
}

static int
countdown_width (int row_width)
{
  return row_width - 2 * PAD_X - ICON - 6;
}

static void
ensure_metrics (OwOrderRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *description = pango_context_get_font_description (context);
  static const TextSlot lines[3] = { TEXT_TITLE, TEXT_STORE, TEXT_COUNTDOWN };

  /* Every measure asks: a comparison, no allocation. */
  if (metrics.font != NULL && pango_font_description_equal (description, metrics.font))
    return;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, lines[i], "Ag");

      pango_layout_get_pixel_size (layout, NULL, &metrics.line[i]);
    }
  g_clear_pointer (&metrics.font, pango_font_description_free);
  metrics.font = pango_font_description_copy (description);
}

static void
clear_layouts (OwOrderRow *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_object (&self->layouts[i]);
}

static void
set_text (OwOrderRow *self,
          TextSlot    slot,
          const char *text)
{
  if (g_strcmp0 (self->texts[slot], text) == 0)
    return;
  g_free (self->texts[slot]);
  self->texts[slot] = g_strdup (text);
  g_clear_object (&self->layouts[slot]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static PangoLayout *
get_layout (OwOrderRow *self,
            TextSlot    slot)
{
  if (self->layouts[slot] == NULL && self->texts[slot] != NULL)
    self->layouts[slot] = make_layout (self, slot, self->texts[slot]);
  return self->layouts[slot];
}

/* Colours from the theme, so they follow the light and dark styles. */
static void
status_color (OwOrderRow *self,
              GdkRGBA    *color,
              GdkRGBA    *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);

  switch (self->status)
    {
    case OW_STATUS_AWAITING_PAYMENT:
      ow_style_lookup_color (widget, "purple_3", "#9141ac", color);
      break;
    case OW_STATUS_AWAITING_SHIPMENT:
    case OW_STATUS_AWAITING_DELIVERY:
      ow_style_lookup_color (widget, "accent_color", "#1c71d8", color);
      break;
    case OW_STATUS_DISPUTE:
      ow_style_lookup_color (widget, "warning_color", "#9c6e03", color);
      break;
    case OW_STATUS_COMPLETED:
      ow_style_lookup_color (widget, "success_color", "#1b8553", color);
      break;
    case OW_STATUS_CLOSED:
    case OW_N_STATUSES:
    default:
      *color = *fg;
      color->alpha = 0.7;
      break;
    }
}


/* @width: where to ellipsize, or -1 for text drawn whole. A layout keeps its lines only while
 * its width stays the same: a text drawn whole never gets one, so it is shaped once. */
static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           int            x,
           int            y,
           int            width,
           const GdkRGBA *color)
{
  if (layout == NULL || width == 0 || width < -1)
    return;
  if (width > 0)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Of a layout never given a width (see draw_text). */
static int
natural_width (PangoLayout *layout)
{
  int width = 0;

  if (layout == NULL)
    return 0;
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
ow_order_row_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  OwOrderRow *self = OW_ORDER_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int inner = width - 2 * PAD_X;
  int y1 = PAD_TOP;
  int y2, y3;
  int amount_w, pill_w = 0;
  GdkRGBA fg, dim, color;

  if (self->order == NULL || inner <= 0)
    return;

  ensure_metrics (self);
  y2 = y1 + metrics.line[0] + GAP_1;
  y3 = y2 + metrics.line[1] + GAP_2;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha = 0.55;

  /* Line 1: the item, and the amount on the right. */
  amount_w = natural_width (get_layout (self, TEXT_AMOUNT));
  draw_text (snapshot, get_layout (self, TEXT_AMOUNT), width - PAD_X - amount_w, y1, -1, &fg);
  draw_text (snapshot, get_layout (self, TEXT_TITLE), PAD_X, y1, inner - amount_w - 12, &fg);

  /* Line 2: store and marketplace, and the status pill on the right. */
  if (self->has_status && get_layout (self, TEXT_STATUS) != NULL)
    {
      PangoLayout *pill = get_layout (self, TEXT_STATUS);
      GskRoundedRect rect;
      int text_w = natural_width (pill), text_h;
      graphene_rect_t box;

      pango_layout_get_pixel_size (pill, NULL, &text_h);
      pill_w = text_w + 2 * PILL_PAD_X;
      box = GRAPHENE_RECT_INIT (width - PAD_X - pill_w, y2 + (metrics.line[1] - text_h) / 2 - 1,
                                pill_w, text_h + 2);
      status_color (self, &color, &fg);
      gsk_rounded_rect_init_from_rect (&rect, &box, box.size.height / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      {
        GdkRGBA bg = color;

        bg.alpha = 0.14;
        gtk_snapshot_append_color (snapshot, &bg, &box);
      }
      gtk_snapshot_pop (snapshot);
      draw_text (snapshot, pill, box.origin.x + PILL_PAD_X, box.origin.y + 1, -1, &color);
    }
  draw_text (snapshot, get_layout (self, TEXT_STORE), PAD_X, y2,
             inner - (pill_w > 0 ? pill_w + 12 : 0), &dim);

  /* Line 3: the most urgent deadline in words, coloured by urgency. */
  if (self->texts[TEXT_COUNTDOWN] != NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
      g_autoptr(GtkIconPaintable) icon = NULL;

      ow_urgency_lookup_color (self->urgency, widget, &fg, &color);
      icon = gtk_icon_theme_lookup_icon (theme,
                                         self->undated ? "dialog-question-symbolic"
                                                       : ow_urgency_icon_name (self->urgency),
                                         NULL, ICON, gtk_widget_get_scale_factor (widget),
                                         gtk_widget_get_direction (widget), 0);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (PAD_X, y3 + (metrics.line[2] - ICON) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon),
                                                GDK_SNAPSHOT (snapshot), ICON, ICON,
                                                (GdkRGBA[]) { color, color, color, color }, 4);
      gtk_snapshot_restore (snapshot);
      countdown_lines (self, get_layout (self, TEXT_COUNTDOWN), countdown_width (width));
      draw_text (snapshot, get_layout (self, TEXT_COUNTDOWN), PAD_X + ICON + 6, y3, -1,
                 &color);
    }
}

static void
ow_order_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  OwOrderRow *self = OW_ORDER_ROW (widget);

  int lines;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 380;
      return;
    }

  ensure_metrics (self);
  /* No deadline, no empty third line; a long one takes a fourth. */
  lines = countdown_lines (self, get_layout (self, TEXT_COUNTDOWN),
                           countdown_width (for_size > 0 ? for_size : 380));
  self->countdown_lines = lines;
  *minimum = *natural = PAD_TOP + metrics.line[0] + GAP_1 + metrics.line[1] + PAD_BOTTOM +
                        (lines > 0 ? GAP_2 + lines * metrics.line[2] : 0);
}

static GtkSizeRequestMode
ow_order_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ow_order_row_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ow_order_row_parent_class)->css_changed (widget, change);
  /* Fonts or colours changed: shape again when drawn. */
  clear_layouts (OW_ORDER_ROW (widget));
  gtk_widget_queue_resize (widget);
}

/* Content */

void
ow_order_row_update (OwOrderRow *self)
{
  const OwDeadlineSet *set;
  const OwDeadline *next = NULL;
  g_autofree char *countdown = NULL;
  g_autofree char *summary = NULL;
  OwUrgency urgency = OW_URGENCY_NONE;
  gint64 now;

  g_return_if_fail (OW_IS_ORDER_ROW (self));

  if (self->order == NULL)
    return;

  now = ow_order_list_get_now (self->list);
  set = ow_order_list_get_deadlines (self->list, self->order);
  /* The next deadline, else the first still to come (an A-to-z claim once the parcel is
   * due): rows of Amazon and eBay orders in transit say when something happens too. */
  if (set != NULL)
    next = ow_deadlines_get_headline (set);

  self->has_status = set != NULL;
  if (set != NULL)
    {
      self->status = set->status;
      set_text (self, TEXT_STATUS, ow_order_status_label (set->status));
    }

  if (next != NULL)
    {
      countdown = ow_deadline_describe (next, now);
      urgency = ow_deadlines_get_urgency (set, now);
      if (next->state == OW_DEADLINE_RUNNING || next->state == OW_DEADLINE_URGENT)
        ow_countdown_clock_watch (self->clock, next->due);
    }

  set_text (self, TEXT_COUNTDOWN, countdown);
  /* A line more or less at the width it was last laid out at: the row's height changes,
   * else only its words. A row not measured since its bind has its resize queued already;
   * one not shown now (width 0) keeps the width it was measured at. A needless resize lays
   * out the whole window again, and libadwaita 1.2's flap then paints two frames more. */
  if (self->countdown_lines >= 0 && self->countdown_width > 0)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self));
      int text_width = width > 0 ? countdown_width (width) : self->countdown_width;

      if (countdown_lines (self, get_layout (self, TEXT_COUNTDOWN), text_width) !=
          self->countdown_lines)
        gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  if (self->urgency != urgency || self->undated != (next && next->state == OW_DEADLINE_UNDATED))
    {
      self->urgency = urgency;
      self->undated = next != NULL && next->state == OW_DEADLINE_UNDATED;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  /* One sentence for screen readers. */
  summary = g_strjoin (", ", self->texts[TEXT_TITLE], self->texts[TEXT_STORE],
                       self->texts[TEXT_AMOUNT],
                       self->texts[TEXT_STATUS] ? self->texts[TEXT_STATUS] : "",
                       countdown ? countdown : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}

static void
on_clock_tick_cb (OwCountdownClock *clock,
                  gint64            now,
                  OwOrderRow       *self)
{
  ow_order_row_update (self);
}

void
ow_order_row_set_order (OwOrderRow *self,
                        OwOrder    *order)
{
  g_autofree char *amount = NULL;
  g_autofree char *store = NULL;
  const char *title;
  const char *store_name;
  const char *market_name;
  OwPolicy *policy;

  g_return_if_fail (OW_IS_ORDER_ROW (self));
  g_return_if_fail (order == NULL || OW_IS_ORDER (order));

  if (!g_set_object (&self->order, order))
    return;

  /* Only rows that show an order listen to the clock. */
  if (order == NULL)
    {
      g_clear_signal_handler (&self->tick_id, self->clock);
      return;
    }
  if (self->tick_id == 0)
    self->tick_id = g_signal_connect (self->clock, "tick", G_CALLBACK (on_clock_tick_cb), self);

  title = ow_order_get_item_title (order);
  if (title == NULL || *title == '\0')
    title = ow_order_get_order_number (order);
  set_text (self, TEXT_TITLE, title);

  policy = ow_policy_registry_lookup (ow_order_list_get_policies (self->list),
                                      ow_order_get_marketplace (order));
  market_name = policy ? ow_policy_get_name (policy) : ow_order_get_marketplace (order);
  store_name = ow_order_get_store_name (order);
  /* "Amazon · Amazon" says nothing twice: sold by the marketplace itself, its name once. */
  if (store_name != NULL && *store_name != '\0' && !ow_same_name (store_name, market_name))
    /* Translators: store name · marketplace, e.g. "Maker Tools Store · AliExpress" */
    store = g_strdup_printf (_("%s · %s"), store_name, market_name);
  else
    store = g_strdup (market_name);
  set_text (self, TEXT_STORE, store);

  amount = ow_money_format (ow_order_get_amount (order), ow_order_get_currency (order));
  set_text (self, TEXT_AMOUNT, amount);
  /* Another order in a recycled row: its own height. */
  self->countdown_lines = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  ow_order_row_update (self);
}

OwOrder *
ow_order_row_get_order (OwOrderRow *self)
{
  g_return_val_if_fail (OW_IS_ORDER_ROW (self), NULL);
  return self->order;
}

const char *
ow_order_row_get_store_line (OwOrderRow *self)
{
  g_return_val_if_fail (OW_IS_ORDER_ROW (self), NULL);
  return self->texts[TEXT_STORE];
}

const char *
ow_order_row_get_countdown (OwOrderRow *self)
{
  g_return_val_if_fail (OW_IS_ORDER_ROW (self), NULL);
  return self->texts[TEXT_COUNTDOWN];
}

static void
ow_order_row_dispose (GObject *object)
{
  OwOrderRow *self = OW_ORDER_ROW (object);

  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_id, self->clock);
  g_clear_object (&self->order);
  g_clear_object (&self->clock);
  g_clear_object (&self->list);
  clear_layouts (self);

  G_OBJECT_CLASS (ow_order_row_parent_class)->dispose (object);
}

static void
ow_order_row_finalize (GObject *object)
{
  OwOrderRow *self = OW_ORDER_ROW (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (ow_order_row_parent_class)->finalize (object);
}

static void
ow_order_row_class_init (OwOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ow_order_row_dispose;
  object_class->finalize = ow_order_row_finalize;
  widget_class->snapshot = ow_order_row_snapshot;
  widget_class->measure = ow_order_row_measure;
  widget_class->get_request_mode = ow_order_row_get_request_mode;
  widget_class->css_changed = ow_order_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "orderrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ow_order_row_init (OwOrderRow *self)
{
}

GtkWidget *
ow_order_row_new (OwOrderList      *list,
                  OwCountdownClock *clock)
{
  OwOrderRow *self;

  g_return_val_if_fail (OW_IS_ORDER_LIST (list), NULL);
  g_return_val_if_fail (OW_IS_COUNTDOWN_CLOCK (clock), NULL);

  self = g_object_new (OW_TYPE_ORDER_ROW, NULL);
  self->list = g_object_ref (list);
  self->clock = g_object_ref (clock);
  return GTK_WIDGET (self);
}
