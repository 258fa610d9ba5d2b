/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The protection timeline, the deadline rows and the window's one countdown timer. */
#include "config.h"

#include <adwaita.h>

#include "ow-countdown-clock.h"
#include "ow-deadline-row.h"
#include "ow-deadlines.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-test-ui.h"
#include "ow-timeline.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

/* 2026-11-08 12:00:00 UTC */
#define NOW ((gint64) 1794139200)

static void
test_next_change (void)
{
  static const struct
  {
    gint64 due_offset;
    gint64 expected_offset;
  } cases[] = {
    { 3 * DAY + 4 * HOUR + 17, 60 },     /* "3 days 4 hours": the wall clock's next minute */
    { 2 * HOUR, 60 },
    { 2 * HOUR + 59, 60 },               /* whatever the deadline's own second */
    { HOUR + 20, 20 },                   /* within the hour before the minute: seconds then */
    { HOUR, 1 },
    { 59 * 60 + 30, 1 },                 /* under an hour: every second */
    { 1, 1 },
    { -30, 1 },                          /* just passed: seconds again */
    { -(2 * HOUR + 10), 60 },            /* counting up from long ago: minutes */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ow_countdown_next_change (NOW + cases[i].due_offset, NOW) - NOW, ==,
                     cases[i].expected_offset);
  /* Between two minutes, the wall clock's next one, for deadlines of any second. */
  g_assert_cmpint (ow_countdown_next_change (NOW + 3 * DAY + 7, NOW + 40), ==, NOW + 60);
  g_assert_cmpint (ow_countdown_next_change (NOW + 5 * DAY + 51, NOW + 40), ==, NOW + 60);

  g_assert_cmpint (ow_countdown_next_change (OW_TIME_UNSET, NOW), ==, OW_TIME_UNSET);
}

static void
on_tick_cb (OwCountdownClock *clock,
            gint64            now,
            gpointer          data)
{
  gint64 *last = data;

  *last = now;
}

static void
test_clock (void)
{
  g_autoptr(OwCountdownClock) clock = ow_countdown_clock_new ();
  gint64 ticked = OW_TIME_UNSET;
  gint64 now = NOW + 40;   /* 40 s past a minute */

  g_signal_connect (clock, "tick", G_CALLBACK (on_tick_cb), &ticked);
  ow_countdown_clock_set_fixed_now (clock, now);

  /* Inactive: nothing armed, nothing ticks. */
  g_assert_false (ow_countdown_clock_get_active (clock));
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, OW_TIME_UNSET);
  ow_countdown_clock_watch (clock, now + 30);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, OW_TIME_UNSET);

  /* Active: it ticks at once (labels may be stale), then waits for the next minute. */
  ow_countdown_clock_set_active (clock, TRUE);
  g_assert_cmpint (ticked, ==, now);
  g_assert_cmpint (ow_countdown_clock_get_now (clock), ==, now);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, NOW + 60);

  /* Labels days away move with the wall clock's minute: the one tick a minute there is. */
  ow_countdown_clock_watch (clock, now + 3 * DAY + 7);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, NOW + 60);
  ow_countdown_clock_watch (clock, now + 5 * DAY + 50);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, NOW + 60);
  /* Under an hour: the next second. */
  ow_countdown_clock_watch (clock, now + 30 * 60);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, now + 1);

  /* A tick forgets the wishes: only labels still shown ask again. */
  ow_countdown_clock_tick (clock);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, NOW + 60);

  /* Hidden: disarmed. */
  ow_countdown_clock_set_active (clock, FALSE);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, OW_TIME_UNSET);
}

static gboolean
is_true (gpointer data)
{
  return *(gint64 *) data != OW_TIME_UNSET;
}

/* The real timer fires, at the second asked for. */
static void
test_clock_fires (void)
{
  g_autoptr(OwCountdownClock) clock = ow_countdown_clock_new ();
  gint64 ticked = OW_TIME_UNSET;
  gint64 start;

  ow_countdown_clock_set_active (clock, TRUE);
  start = ow_countdown_clock_get_now (clock);
  g_signal_connect (clock, "tick", G_CALLBACK (on_tick_cb), &ticked);
  /* A label 10 minutes away: it changes within a second. */
  ow_countdown_clock_watch (clock, start + 600);
  g_assert_cmpint (ow_countdown_clock_get_next_tick (clock), ==, start + 1);
  g_assert_true (ow_test_wait_until (is_true, &ticked, 3000));
  g_assert_cmpint (ticked, >=, start + 1);
  ow_countdown_clock_set_active (clock, FALSE);
}

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

static gboolean
has_bar (OwTimeline *timeline,
         const char *label)
{
  for (guint i = 0; i < ow_timeline_get_n_bars (timeline); i++)
    if (g_str_equal (ow_timeline_get_bar_label (timeline, i), label))
      return TRUE;
  return FALSE;
}

static void
test_timeline_layout (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  OwDeadlineSet set;
  const OwDeadline *protection;
  GtkWidget *window, *timeline;
  gint64 start, end;
  double x_now, x_start, x_end, last = -1;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  protection = ow_deadlines_find (&set, "protection_end");
  g_assert_nonnull (protection);

  timeline = ow_timeline_new ();
  ow_timeline_set_policy (OW_TIMELINE (timeline), aliexpress (registry));
  ow_timeline_set_order (OW_TIMELINE (timeline), order, &set, NOW);

  /* The windows that matter now, not the payment ones long settled. */
  g_assert_true (has_bar (OW_TIMELINE (timeline), ow_rule_get_title (protection->rule)));
  g_assert_true (has_bar (OW_TIMELINE (timeline), "Dispute window"));
  g_assert_false (has_bar (OW_TIMELINE (timeline), "Payment deadline"));
  /* Paid, shipped (placed is the same moment as paid), when disputes open and the day Buyer
   * Protection ends, with its date. */
  g_assert_cmpuint (ow_timeline_get_n_marks (OW_TIMELINE (timeline)), ==, 4);
  {
    g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (protection->due);
    g_autofree char *day = g_date_time_format (due, "%-d %b");
    gboolean found = FALSE;

    for (guint i = 0; i < ow_timeline_get_n_marks (OW_TIMELINE (timeline)); i++)
      if (g_str_equal (ow_timeline_get_mark_label (OW_TIMELINE (timeline), i), "Protection ends"))
        {
          g_assert_cmpstr (ow_timeline_get_mark_date (OW_TIMELINE (timeline), i), ==, day);
          found = TRUE;
        }
    g_assert_true (found);
  }

  /* One axis: earlier is left, now inside Buyer Protection's bar. */
  ow_timeline_get_range (OW_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (start, <, NOW - 24 * DAY);
  g_assert_cmpint (end, >, protection->due);
  x_start = ow_timeline_time_to_x (OW_TIMELINE (timeline), protection->starts, 600);
  x_end = ow_timeline_time_to_x (OW_TIMELINE (timeline), protection->due, 600);
  x_now = ow_timeline_time_to_x (OW_TIMELINE (timeline), NOW, 600);
  g_assert_cmpfloat (x_start, <, x_now);
  g_assert_cmpfloat (x_now, <, x_end);
  for (gint64 t = start; t <= end; t += DAY)
    {
      double x = ow_timeline_time_to_x (OW_TIMELINE (timeline), t, 600);

      g_assert_cmpfloat (x, >, last);
      g_assert_cmpfloat (x, <=, 600);
      last = x;
    }
  g_assert_cmpfloat (ow_timeline_time_to_x (OW_TIMELINE (timeline), end + DAY, 600), ==, -1);

  /* Screen readers get it in words. */
  g_assert_nonnull (strstr (ow_timeline_get_summary (OW_TIMELINE (timeline)),
                            ow_rule_get_title (protection->rule)));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, -1);
  gtk_window_set_child (GTK_WINDOW (window), timeline);
  gtk_window_present (GTK_WINDOW (window));
  g_free (ow_test_screenshot (window, "timeline-light"));
  g_assert_cmpint (gtk_widget_get_height (timeline), >=, 100);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (ow_test_screenshot (window, "timeline-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A 180-day PayPal claim would squeeze the rest: it runs off the edge instead. */
static void
test_timeline_long_window (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_PAYPAL);
  g_autoptr(GtkWidget) timeline = g_object_ref_sink (ow_timeline_new ());
  const OwDeadline *paypal, *closes;
  OwDeadlineSet set;
  gint64 start, end;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  paypal = ow_deadlines_find (&set, "paypal_dispute");
  closes = ow_deadlines_find (&set, "dispute_closes");
  g_assert_nonnull (paypal);
  g_assert_nonnull (closes);
  ow_timeline_set_order (OW_TIMELINE (timeline), order, &set, NOW);

  g_assert_true (has_bar (OW_TIMELINE (timeline), ow_rule_get_title (paypal->rule)));
  ow_timeline_get_range (OW_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (end, >=, closes->due);
  g_assert_cmpint (end, <, paypal->due);
}

/* No bar's name lies across the "now" line: at the widths an order's page gives it from a
 * 360-pixel window up, each has room beside it; squeezed narrower, the line leaves a gap. */
static void
assert_now_clear (OwTimeline *timeline)
{
  for (double width = 200; width <= 900; width += 20)
    {
      double x = ow_timeline_time_to_x (timeline, ow_timeline_get_now (timeline), width);

      for (guint i = 0; i < ow_timeline_get_n_bars (timeline); i++)
        {
          graphene_rect_t bounds;
          gboolean gap = FALSE;

          g_assert_true (ow_timeline_get_bar_label_bounds (timeline, i, width, &bounds, &gap));
          if (gap && width >= 320)
            g_error ("“%s” has no room clear of now at %.0f pixels",
                     ow_timeline_get_bar_label (timeline, i), width);
          if (!gap && x >= bounds.origin.x && x <= bounds.origin.x + bounds.size.width)
            g_error ("“%s” lies across now at %.0f pixels",
                     ow_timeline_get_bar_label (timeline, i), width);
          g_assert_cmpfloat (bounds.origin.x, >=, 0);
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, MAX (width, 2 + bounds.size.width));
        }
    }
}

/* Labels keep clear of "now" wherever it falls: early in a short ship-by window (the
 * label would sit beside the bar, right on the line), or later in the dispute window. */
static void
test_timeline_now_clear (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(GtkWidget) timeline = g_object_ref_sink (ow_timeline_new ());

  ow_timeline_set_policy (OW_TIMELINE (timeline), aliexpress (registry));
  for (gint64 paid_ago = HOUR; paid_ago <= 40 * DAY; paid_ago += 13 * HOUR)
    {
      g_autoptr(OwOrder) order = ow_order_new ();
      OwDeadlineSet set;

      ow_order_set_time (order, OW_EVENT_PAID, NOW - paid_ago, OW_FACT_USER);
      if (paid_ago > 3 * DAY)
        ow_order_set_time (order, OW_EVENT_SHIPPED, NOW - paid_ago + 2 * DAY, OW_FACT_USER);
      ow_order_set_processing_days (order, 5);
      ow_order_set_delivery_days (order, 20);
      ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
      ow_timeline_set_order (OW_TIMELINE (timeline), order, &set, NOW);
      assert_now_clear (OW_TIMELINE (timeline));
    }
}

/* Confirming receipt ends Buyer Protection: its bar stops at the receipt, not at the date
 * it would have run to. */
static void
test_timeline_received (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(GtkWidget) timeline = g_object_ref_sink (ow_timeline_new ());
  const OwDeadline *protection;
  OwDeadlineSet set;
  gint64 received = NOW - 2 * DAY;
  gboolean found = FALSE;

  ow_order_set_time (order, OW_EVENT_RECEIVED, received, OW_FACT_USER);
  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  protection = ow_deadlines_find (&set, "protection_end");
  g_assert_cmpint (protection->state, ==, OW_DEADLINE_MET);
  g_assert_cmpint (protection->ended, ==, received);
  g_assert_cmpint (protection->due, >, NOW);

  ow_timeline_set_policy (OW_TIMELINE (timeline), aliexpress (registry));
  ow_timeline_set_order (OW_TIMELINE (timeline), order, &set, NOW);
  for (guint i = 0; i < ow_timeline_get_n_bars (OW_TIMELINE (timeline)); i++)
    if (g_str_equal (ow_timeline_get_bar_label (OW_TIMELINE (timeline), i),
                     ow_rule_get_title (protection->rule)))
      {
        g_assert_cmpint (ow_timeline_get_bar_end (OW_TIMELINE (timeline), i), ==, received);
        found = TRUE;
      }
  g_assert_true (found);
  /* Nothing says it ends later. */
  for (guint i = 0; i < ow_timeline_get_n_marks (OW_TIMELINE (timeline)); i++)
    g_assert_cmpstr (ow_timeline_get_mark_label (OW_TIMELINE (timeline), i), !=,
                     "Protection ends");
  assert_now_clear (OW_TIMELINE (timeline));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
has_row_titled (GtkWidget  *widget,
                const char *title)
{
  return ow_test_find_widget (widget, is_row_titled, title) != NULL;
}

static void
test_deadline_row (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(GtkWidget) row = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *later = NULL;
  const OwDeadline *protection;
  OwDeadlineSet set;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  protection = ow_deadlines_find (&set, "protection_end");
  row = g_object_ref_sink (ow_deadline_row_new (protection, NOW));

  expected = ow_deadline_describe (protection, NOW);
  g_assert_cmpstr (ow_deadline_row_get_countdown (OW_DEADLINE_ROW (row)), ==, expected);
  g_assert_cmpstr (ow_deadline_row_get_rule_id (OW_DEADLINE_ROW (row)), ==, "protection_end");
  /* The rule and the due date under the countdown. */
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                                   ow_rule_get_title (protection->rule)));

  /* A day later the words change. */
  ow_deadlines_compute (order, aliexpress (registry), NOW + DAY, &set);
  ow_deadline_row_update (OW_DEADLINE_ROW (row), ow_deadlines_find (&set, "protection_end"),
                          NOW + DAY);
  later = ow_deadline_describe (ow_deadlines_find (&set, "protection_end"), NOW + DAY);
  g_assert_cmpstr (ow_deadline_row_get_countdown (OW_DEADLINE_ROW (row)), ==, later);
  g_assert_cmpstr (later, !=, expected);

  /* Opened: what happens when it runs out and what the buyer can do. */
  g_assert_false (has_row_titled (row, "When it runs out"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_true (has_row_titled (row, "When it runs out"));
  g_assert_true (has_row_titled (row, "What you can do now"));
  /* The date in plain words, and its sources by title, never a developer's note. */
  g_assert_true (has_row_titled (row, "Date") || has_row_titled (row, "Go by this date"));
  g_assert_false (has_row_titled (row, "Due (conservative)"));
  g_assert_true (has_row_titled (row, "Source"));
}

/* One zone per row, the user's: the date in the words is the date beside them, also when
 * the marketplace's zone is a day behind. */
static void
test_deadline_row_one_zone (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GtkWidget) row = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  const OwDeadline *opens;
  OwDeadlineSet set;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  /* Shipped 23:00 Pacific time: disputes open 11 days later, 15:00 the next day in Tokyo. */
  ow_order_set_time (order, OW_EVENT_SHIPPED, 1780380000 /* 2026-06-02T06:00:00Z */,
                     OW_FACT_USER);
  ow_deadlines_compute (order, aliexpress (registry), 1780444800 /* 2026-06-03 */, &set);
  opens = ow_deadlines_find (&set, "dispute_opens");
  row = g_object_ref_sink (ow_deadline_row_new (opens, 1780444800));
  g_assert_nonnull (strstr (ow_deadline_row_get_countdown (OW_DEADLINE_ROW (row)), "13 Jun"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "13 Jun"));
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

/* A source with an address is a link to it; one without is its title, plainly. */
static void
test_deadline_row_sources (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_PAYPAL);
  g_autoptr(GtkWidget) row = NULL;
  const OwDeadline *paypal;
  OwDeadlineSet set;
  GtkWidget *link = NULL;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  paypal = ow_deadlines_find (&set, "paypal_dispute");
  row = g_object_ref_sink (ow_deadline_row_new (paypal, NOW));
  ow_deadline_row_expand_details (OW_DEADLINE_ROW (row));

  for (GtkWidget *w = row; w != NULL; )
    {
      /* Depth first through the row's widgets. */
      if (ADW_IS_ACTION_ROW (w) &&
          g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (w)),
                     ow_rule_get_sources (paypal->rule)[0]) == 0)
        link = w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == row) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (link);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (link)), ==, "Source");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (link)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (link), "www.paypal.com"));
}

/* Not started: titled by its rule, with what starts it beneath. */
static void
test_deadline_row_not_started (void)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new ();
  g_autoptr(OwOrder) order = shipped_order (OW_PAYMENT_CARD);
  g_autoptr(GtkWidget) row = NULL;
  const OwDeadline *returning;
  g_autofree char *words = NULL;
  OwDeadlineSet set;

  ow_deadlines_compute (order, aliexpress (registry), NOW, &set);
  returning = ow_deadlines_find (&set, "return_ship_by");
  g_assert_cmpint (returning->state, ==, OW_DEADLINE_NOT_STARTED);
  row = g_object_ref_sink (ow_deadline_row_new (returning, NOW));
  words = ow_deadline_describe (returning, NOW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   ow_rule_get_title (returning->rule));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, words);
  g_assert_cmpint (ow_deadline_row_get_state (OW_DEADLINE_ROW (row)), ==,
                   OW_DEADLINE_NOT_STARTED);
}

int
main (int   argc,
      char *argv[])
{
  ow_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/countdown/next-change", test_next_change);
  g_test_add_func ("/ui/countdown/clock", test_clock);
  g_test_add_func ("/ui/countdown/fires", test_clock_fires);
  g_test_add_func ("/ui/timeline/layout", test_timeline_layout);
  g_test_add_func ("/ui/timeline/long-window", test_timeline_long_window);
  g_test_add_func ("/ui/timeline/now-clear-of-labels", test_timeline_now_clear);
  g_test_add_func ("/ui/timeline/received", test_timeline_received);
  g_test_add_func ("/ui/deadline-row/sources", test_deadline_row_sources);
  g_test_add_func ("/ui/deadline-row/one-zone", test_deadline_row_one_zone);
  g_test_add_func ("/ui/deadline-row/not-started", test_deadline_row_not_started);
  g_test_add_func ("/ui/deadline-row/countdown", test_deadline_row);

  return g_test_run ();
}
