/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The protection timeline without GTK: layout, queries, and the pixels it draws. */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "ow-deadlines.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-timeline-renderer.h"

#define HOUR 3600
#define DAY  (24 * HOUR)
#define WIDTH 600
/* The solid part is drawn over the light one: 0.85 over 0.3. */
#define SOLID (1 - (1 - 0.3) * (1 - 0.85))

/* 2026-11-08 12:00:00 UTC */
#define NOW ((gint64) 1794139200)

static OwPolicy *
aliexpress (OwPolicyRegistry *registry)
{
  OwPolicy *policy = ow_policy_registry_lookup (registry, "aliexpress");

  g_assert_nonnull (policy);
  return policy;
}

static OwOrder *
shipped_order (OwPaymentMethod payment)
{
  OwOrder *order = ow_order_new ();

  ow_order_set_marketplace (order, "aliexpress");
  ow_order_set_order_number (order, "8100000000000001");
  ow_order_set_item_title (order, "Camping lantern");
  ow_order_set_payment_method (order, payment);
  ow_order_set_time (order, OW_EVENT_PLACED, NOW - 24 * DAY, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_PAID, NOW - 24 * DAY + HOUR, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, NOW - 20 * DAY, OW_FACT_USER);
  ow_order_set_delivery_days (order, 45);
  return order;
}

static int
find_bar (OwTimelineRenderer *renderer,
          const char         *label)
{
  for (guint i = 0; i < ow_timeline_renderer_get_n_bars (renderer); i++)
    if (g_str_equal (ow_timeline_renderer_get_bar_label (renderer, i), label))
      return i;
  return -1;
}

static OwTimelineRenderer *
renderer_for (OwOrder          *order,
              OwPolicyRegistry *registry,
              gint64            now)
{
  OwTimelineRenderer *renderer = ow_timeline_renderer_new ();
  OwDeadlineSet set;

  ow_deadlines_compute (order, aliexpress (registry), now, &set);
  ow_timeline_renderer_set_policy (renderer, aliexpress (registry));
  ow_timeline_renderer_set_order (renderer, order, &set, now);
  return renderer;
}

static void
test_layout (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(OwTimelineRenderer) renderer = renderer_for (order, registry, NOW);
  OwDeadlineSet set;
  const OwDeadline *protection;
  gint64 start, end;
  double x_now, x_start, x_end, last = -1;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  protection = ow_deadlines_find (&set, "protection_end");
  g_assert_nonnull (protection);

  /* The windows that matter now, not the payment ones long settled. */
  g_assert_cmpint (find_bar (renderer, ow_rule_get_title (protection->rule)), >=, 0);
  g_assert_cmpint (find_bar (renderer, "Dispute window"), >=, 0);
  g_assert_cmpint (find_bar (renderer, "Payment deadline"), ==, -1);
  g_assert_cmpint (ow_timeline_renderer_get_bar_hue (renderer,
                                                     find_bar (renderer, "Dispute window")),
                   ==, OW_TIMELINE_HUE_ORANGE);
  /* Paid, shipped (placed is the same moment as paid), when disputes open and when Buyer
   * Protection ends, in time order. */
  g_assert_cmpuint (ow_timeline_renderer_get_n_marks (renderer), ==, 4);
  g_assert_cmpstr (ow_timeline_renderer_get_mark_label (renderer, 0), ==,
                   ow_order_event_label (OW_EVENT_PAID));
  g_assert_cmpint (ow_timeline_renderer_get_mark_time (renderer, 0), ==, NOW - 24 * DAY + HOUR);
  g_assert_cmpstr (ow_timeline_renderer_get_mark_label (renderer, 1), ==,
                   ow_order_event_label (OW_EVENT_SHIPPED));
  g_assert_cmpstr (ow_timeline_renderer_get_mark_label (renderer, 2), ==, "Dispute opens");
  g_assert_cmpstr (ow_timeline_renderer_get_mark_label (renderer, 3), ==, "Protection ends");
  g_assert_cmpint (ow_timeline_renderer_get_mark_time (renderer, 3), ==, protection->due);

  /* One axis: earlier is left, now inside Buyer Protection's bar. */
  ow_timeline_renderer_get_range (renderer, &start, &end);
  g_assert_cmpint (start, <, NOW - 24 * DAY);
  g_assert_cmpint (end, >, protection->due);
  x_start = ow_timeline_renderer_time_to_x (renderer, protection->starts, WIDTH);
  x_end = ow_timeline_renderer_time_to_x (renderer, protection->due, WIDTH);
  x_now = ow_timeline_renderer_time_to_x (renderer, NOW, WIDTH);
  g_assert_cmpfloat (x_start, <, x_now);
  g_assert_cmpfloat (x_now, <, x_end);
  for (gint64 t = start; t <= end; t += DAY)
    {
      double x = ow_timeline_renderer_time_to_x (renderer, t, WIDTH);

      g_assert_cmpfloat (x, >, last);
      g_assert_cmpfloat (x, <=, WIDTH);
      last = x;
    }
  g_assert_cmpfloat (ow_timeline_renderer_time_to_x (renderer, end + DAY, WIDTH), ==, -1);

  /* In words, for screen readers and the dossier. */
  g_assert_nonnull (strstr (ow_timeline_renderer_get_summary (renderer),
                            ow_rule_get_title (protection->rule)));

  /* Moving the clock moves the marker, not the facts. */
  g_assert_false (ow_timeline_renderer_set_now (renderer, NOW));
  g_assert_true (ow_timeline_renderer_set_now (renderer, NOW + DAY));
  g_assert_cmpint (ow_timeline_renderer_get_now (renderer), ==, NOW + DAY);
  g_assert_cmpuint (ow_timeline_renderer_get_n_marks (renderer), ==, 4);
}

/* Confirming receipt ends Buyer Protection: its bar stops there, and no "ends" date is left. */
static void
test_ended_early (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(OwTimelineRenderer) renderer = NULL;
  const char *title;
  int bar;

  ow_order_set_time (order, OW_EVENT_RECEIVED, NOW - 2 * DAY, OW_FACT_USER);
  renderer = renderer_for (order, registry, NOW);
  title = ow_rule_get_title (ow_policy_get_extension_rule (aliexpress (registry), NULL, NULL));
  bar = find_bar (renderer, title);
  g_assert_cmpint (bar, >=, 0);
  g_assert_cmpint (ow_timeline_renderer_get_bar_end (renderer, bar), ==, NOW - 2 * DAY);
  for (guint i = 0; i < ow_timeline_renderer_get_n_marks (renderer); i++)
    g_assert_cmpstr (ow_timeline_renderer_get_mark_label (renderer, i), !=, "Protection ends");
}

/* Imported as "Completed": paid, shipped and received on days nobody knows. The payment
 * windows are history, not windows running to now. */
static void
test_undated (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(OwTimelineRenderer) renderer = NULL;

  ow_order_set_order_number (order, "8100000000000002");
  ow_order_set_time (order, OW_EVENT_PLACED, NOW - 60 * DAY, OW_FACT_USER);
  ow_order_set_time_undated (order, OW_EVENT_PAID, OW_FACT_IMPORTED);
  ow_order_set_time_undated (order, OW_EVENT_SHIPPED, OW_FACT_IMPORTED);
  ow_order_set_time_undated (order, OW_EVENT_RECEIVED, OW_FACT_IMPORTED);
  renderer = renderer_for (order, registry, NOW);
  for (guint i = 0; i < ow_timeline_renderer_get_n_bars (renderer); i++)
    g_assert_false (g_str_has_prefix (ow_timeline_renderer_get_bar_label (renderer, i),
                                      "Payment"));
}

/* A PayPal dispute's windows join the order's. */
static void
test_channel_dispute (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_PAYPAL);
  g_autoptr(OwTimelineRenderer) renderer = renderer_for (order, registry, NOW);
  g_autoptr(OwDispute) dispute = ow_dispute_new (1, OW_CHANNEL_PAYPAL);
  const OwDeadline *escalate;
  OwDeadlineSet set;
  guint before = ow_timeline_renderer_get_n_bars (renderer);
  g_autofree char *label = NULL;
  int bar;

  ow_dispute_append_step (dispute, OW_STEP_OPENED, NOW - 3 * DAY, 0, NULL);
  g_assert_true (ow_dispute_compute_deadlines (dispute, order, registry, NOW, &set));
  escalate = ow_deadlines_find (&set, "paypal_escalate_by");
  g_assert_nonnull (escalate);

  ow_timeline_renderer_add_dispute (renderer, &set);
  label = g_strdup (ow_rule_get_title (escalate->rule));
  bar = find_bar (renderer, label);
  g_assert_cmpint (bar, >=, (int) before);
  g_assert_cmpint (ow_timeline_renderer_get_bar_hue (renderer, bar), ==, OW_TIMELINE_HUE_RED);
  g_assert_cmpint (ow_timeline_renderer_get_bar_end (renderer, bar), ==, escalate->due);
  /* Only the dispute's own windows: not the one to open it, already open. */
  g_assert_cmpint (find_bar (renderer, "PayPal dispute window"), ==, -1);
  g_assert_nonnull (strstr (ow_timeline_renderer_get_summary (renderer), label));
}

/* A 180-day PayPal claim would squeeze the rest: it runs off the edge instead. */
static void
test_long_window (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_PAYPAL);
  g_autoptr(OwTimelineRenderer) renderer = renderer_for (order, registry, NOW);
  const OwDeadline *paypal, *closes;
  OwDeadlineSet set;
  gint64 start, end;
  double x, w;
  int index;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  paypal = ow_deadlines_find (&set, "paypal_dispute");
  closes = ow_deadlines_find (&set, "dispute_closes");
  g_assert_nonnull (paypal);
  g_assert_nonnull (closes);

  index = find_bar (renderer, ow_rule_get_title (paypal->rule));
  g_assert_cmpint (index, >=, 0);
  ow_timeline_renderer_get_range (renderer, &start, &end);
  g_assert_cmpint (end, >=, closes->due);
  g_assert_cmpint (end, <, paypal->due);
  /* Its bar reaches the right edge of the axis. */
  ow_timeline_renderer_get_bar_area (renderer, index, WIDTH, &x, NULL, &w, NULL);
  g_assert_cmpfloat_with_epsilon (x + w, WIDTH - 14.0, 0.5);
}

typedef struct
{
  guint8 r, g, b;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;

  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpfloat (y, <, cairo_image_surface_get_height (surface));
  memcpy (&argb, data + (int) y * stride + 4 * (int) x, sizeof argb);
  return (Pixel) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

/* @color at @alpha over white, as cairo blends it. */
static void
assert_blend (Pixel                  pixel,
              const OwTimelineColor *color,
              double                 alpha)
{
  double expected[3] = { color->red, color->green, color->blue };
  guint8 got[3] = { pixel.r, pixel.g, pixel.b };

  for (guint c = 0; c < 3; c++)
    {
      double want = 255 * (1 - alpha) + 255 * expected[c] * alpha;

      if (ABS (got[c] - want) > 3)
        g_error ("channel %u is %u, expected %.0f (%.2f of %.3f over white)", c, got[c], want,
                 alpha, expected[c]);
    }
}

static cairo_surface_t *
draw_on_white (OwTimelineRenderer *renderer,
               double             *height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  *height = ow_timeline_renderer_measure (renderer, WIDTH);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, (int) *height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ow_timeline_renderer_draw (renderer, cr, WIDTH, *height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Kept beside the UI tests' screenshots, to look at. */
static void
save_png (cairo_surface_t *surface,
          const char      *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?
                                           g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("picture: %s", path);
}

static gboolean
is_white (Pixel pixel)
{
  return pixel.r == 255 && pixel.g == 255 && pixel.b == 255;
}

/* Elapsed part solid and the rest light, in the bar's own hue; the now marker in its colour;
 * nothing at all drawn beside the lanes. */
static void
test_pixels (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(OwTimelineRenderer) renderer = renderer_for (order, registry, NOW);
  OwTimelinePalette palette;
  cairo_surface_t *surface;
  double height, x, y, w, h, x_now;
  int protection, window;
  guint inked = 0;

  /* Colours come from the caller: a custom hue shows up in the pixels. */
  ow_timeline_palette_init (&palette, FALSE);
  palette.hues[OW_TIMELINE_HUE_GREEN] = (OwTimelineColor) { 0.f, 0.5f, 0.f, 1.f };
  ow_timeline_renderer_set_palette (renderer, &palette);
  surface = draw_on_white (renderer, &height);
  save_png (surface, "timeline-renderer");
  g_assert_cmpfloat (height, >=, 100);
  x_now = ow_timeline_renderer_time_to_x (renderer, NOW, WIDTH);

  protection = find_bar (renderer, "Buyer Protection");
  g_assert_cmpint (protection, >=, 0);
  g_assert_cmpint (ow_timeline_renderer_get_bar_hue (renderer, protection), ==,
                   OW_TIMELINE_HUE_GREEN);
  ow_timeline_renderer_get_bar_area (renderer, protection, WIDTH, &x, &y, &w, &h);
  g_assert_cmpfloat (x + 10, <, x_now);
  g_assert_cmpfloat (x_now + 10, <, x + w);
  /* Elapsed: solid. Just right of the rounded start, before any label could begin. */
  assert_blend (pixel_at (surface, x + 4, y + h / 2), &palette.hues[OW_TIMELINE_HUE_GREEN],
                SOLID);
  /* Left: light. */
  assert_blend (pixel_at (surface, x + w - 4, y + h / 2),
                &palette.hues[OW_TIMELINE_HUE_GREEN], 0.3);
  /* Above and below the lane: the gap between lanes is empty. */
  g_assert_true (is_white (pixel_at (surface, x + 4, y - 3)));
  g_assert_true (is_white (pixel_at (surface, x + 4, y + h + 3)));

  /* The dispute window opened on day 11 after shipping: its own hue, solid up to now. */
  window = find_bar (renderer, "Dispute window");
  ow_timeline_renderer_get_bar_area (renderer, window, WIDTH, &x, &y, &w, &h);
  g_assert_cmpfloat (x + 10, <, x_now);
  assert_blend (pixel_at (surface, x + 4, y + h / 2), &palette.hues[OW_TIMELINE_HUE_ORANGE],
                SOLID);

  /* The now marker crosses the lanes down to the axis. */
  assert_blend (pixel_at (surface, x_now, ow_timeline_renderer_get_axis_y (renderer) - 2),
                &palette.now, 1.0);

  /* Text was drawn below the axis: some ink under it. */
  for (double py = ow_timeline_renderer_get_axis_y (renderer) + 8; py < height; py++)
    for (double px = 0; px < WIDTH; px++)
      inked += !is_white (pixel_at (surface, px, py));
  g_assert_cmpuint (inked, >, 100);
  cairo_surface_destroy (surface);

  /* The dark palette draws other pixels. */
  ow_timeline_palette_init (&palette, TRUE);
  ow_timeline_renderer_set_palette (renderer, &palette);
  surface = draw_on_white (renderer, &height);
  ow_timeline_renderer_get_bar_area (renderer, protection, WIDTH, &x, &y, &w, &h);
  assert_blend (pixel_at (surface, x + 4, y + h / 2), &palette.hues[OW_TIMELINE_HUE_GREEN],
                SOLID);
  cairo_surface_destroy (surface);
}

/* Nothing known: nothing drawn, and a narrow timeline stacks its labels in more rows. */
static void
test_empty_and_narrow (void)
{
  g_autoptr(OwTimelineRenderer) empty = ow_timeline_renderer_new ();
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(OwTimelineRenderer) renderer = NULL;
  cairo_surface_t *surface;
  double height;
  guint inked = 0;

  g_assert_cmpuint (ow_timeline_renderer_get_n_bars (empty), ==, 0);
  g_assert_cmpuint (ow_timeline_renderer_get_n_marks (empty), ==, 0);
  surface = draw_on_white (empty, &height);
  for (int py = 0; py < (int) height; py++)
    for (int px = 0; px < WIDTH; px++)
      inked += !is_white (pixel_at (surface, px, py));
  g_assert_cmpuint (inked, ==, 0);
  cairo_surface_destroy (surface);

  /* Paid, shipped, disputes open: one row of labels 1200 wide, more at 200. */
  renderer = renderer_for (order, registry, NOW);
  g_assert_cmpfloat (ow_timeline_renderer_measure (renderer, 200), >,
                     ow_timeline_renderer_measure (renderer, 1200));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/timeline-renderer/layout", test_layout);
  g_test_add_func ("/core/timeline-renderer/long-window", test_long_window);
  g_test_add_func ("/core/timeline-renderer/ended-early", test_ended_early);
  g_test_add_func ("/core/timeline-renderer/channel-dispute", test_channel_dispute);
  g_test_add_func ("/core/timeline-renderer/undated", test_undated);
  g_test_add_func ("/core/timeline-renderer/pixels", test_pixels);
  g_test_add_func ("/core/timeline-renderer/empty-and-narrow", test_empty_and_narrow);

  return g_test_run ();
}
