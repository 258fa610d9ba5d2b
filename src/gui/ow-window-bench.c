/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark hooks (tests/bench/bench-startup.c, bench-wakeups.c). With
 * ORDERWATCH_REPORT_FIRST_FRAME set, the window prints "first-frame" once its first frame is
 * drawn, with the CPU milliseconds its main thread and the whole process used by then; it then
 * closes ("1"), stays up and 3 s later prints "settled" with the longest the main loop went
 * without running meanwhile ("hold"), scrolls the whole list a page per frame and
 * prints frame times ("scroll"), or, 3 s after start-up, counts the frames it paints,
 * untouched, for $ORDERWATCH_REPORT_PAINT_SECONDS (default 30) and prints "paints N"
 * ("paints"), or refreshes every parcel as the Refresh button does and prints how long it
 * took, the CPU time it cost and the longest the main loop went without running, then that
 * longest stall again over the 3 s after ("refresh").
 * Without it nothing here runs. */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "ow-order-list.h"
#include "ow-window-private.h"


static double
cpu_ms (clockid_t clock)
{
  struct timespec t;

  if (clock_gettime (clock, &t) != 0)
    return -1;
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

typedef struct
{
  gint64  frame_start;
  double  frame_start_cpu;
  guint   skip;      /* the tab switch's frames are not scrolling */
  GArray *times;     /* wall microseconds per frame */
  GArray *cpu_times; /* the main thread's CPU microseconds per frame */
} ScrollBench;

static void
on_frame_update_cb (GdkFrameClock *clock,
                    ScrollBench   *bench)
{
  bench->frame_start = g_get_monotonic_time ();
  bench->frame_start_cpu = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
}

/* Wall time counts what the machine did meanwhile (other programs, a virtual machine's
 * host taking the CPU away); the thread's CPU time counts only the frame's own work. */
static void
on_frame_after_paint_cb (GdkFrameClock *clock,
                         ScrollBench   *bench)
{
  if (bench->frame_start != 0)
    {
      gint64 took = g_get_monotonic_time () - bench->frame_start;
      gint64 cpu = (gint64) ((cpu_ms (CLOCK_THREAD_CPUTIME_ID) - bench->frame_start_cpu) * 1000);

      if (bench->skip > 0)
        bench->skip--;
      else
        {
          g_array_append_val (bench->times, took);
          g_array_append_val (bench->cpu_times, cpu);
        }
    }
  bench->frame_start = 0;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
scroll_step_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  OwWindow *self = OW_WINDOW (widget);
  ScrollBench *bench = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->list_scroller);
  double value = gtk_adjustment_get_value (adj);
  double end = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (bench->skip > 0)
    return G_SOURCE_CONTINUE;

  if (value >= end - 0.5)
    {
      GArray *t = bench->times;
      GArray *c = bench->cpu_times;
      guint slow = 0, slow_cpu = 0;

      g_array_sort (t, compare_int64);
      g_array_sort (c, compare_int64);
      for (guint i = 0; i < t->len; i++)
        {
          slow += g_array_index (t, gint64, i) > 16000;
          slow_cpu += g_array_index (c, gint64, i) > 16000;
        }
      g_print ("scroll-frames %u\n", t->len);
      if (t->len > 0)
        g_print ("scroll-median-frame-us %" G_GINT64_FORMAT "\n"
                 "scroll-p95-frame-us %" G_GINT64_FORMAT "\n"
                 "scroll-frames-over-16ms %u\n",
                 g_array_index (t, gint64, t->len / 2),
                 g_array_index (t, gint64, t->len * 95 / 100), slow);
      if (c->len > 0)
        g_print ("scroll-cpu-median-frame-us %" G_GINT64_FORMAT "\n"
                 "scroll-cpu-frames-over-16ms %u\n"
                 "scroll-cpu-longest-frame-us %" G_GINT64_FORMAT "\n",
                 g_array_index (c, gint64, c->len / 2), slow_cpu,
                 g_array_index (c, gint64, c->len - 1));
      g_print ("scroll-longest-frame-us %" G_GINT64_FORMAT "\n",
               t->len > 0 ? g_array_index (t, gint64, t->len - 1) : 0);
      fflush (stdout);
      g_signal_handlers_disconnect_by_data (clock, bench);
      g_array_unref (t);
      g_array_unref (c);
      g_free (bench);
      gtk_window_destroy (GTK_WINDOW (self));
      return G_SOURCE_REMOVE;
    }
  /* A page per frame: every visible row is rebound every frame, the worst case. */
  gtk_adjustment_set_value (adj, MIN (value + gtk_adjustment_get_page_size (adj), end));
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  OwWindow *window;
  guint     paints;
} PaintCount;

static void
on_paint_counted_cb (GdkFrameClock *clock,
                     PaintCount    *count)
{
  count->paints++;
}

static gboolean
paint_count_done_cb (gpointer data)
{
  PaintCount *count = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (count->window));

  g_signal_handlers_disconnect_by_data (clock, count);
  g_print ("paints %u\n", count->paints);
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (count->window));
  g_free (count);
  return G_SOURCE_REMOVE;
}

static gboolean
start_counting_cb (gpointer data)
{
  PaintCount *count = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (count->window));
  const char *env = g_getenv ("ORDERWATCH_REPORT_PAINT_SECONDS");
  guint seconds = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 30;

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_paint_counted_cb), count);
  g_timeout_add_seconds (MAX (seconds, 1), paint_count_done_cb, count);
  return G_SOURCE_REMOVE;
}

/* Counting starts once start-up has settled (the scheduler's first pass, late icons). */
static void
count_paints (OwWindow *self)
{
  PaintCount *count = g_new0 (PaintCount, 1);

  count->window = self;
  g_timeout_add_seconds (3, start_counting_cb, count);
}

/* A 2 ms timeout runs whenever the main loop gets to it: the longest gap between two runs
 * is the longest the window could not answer the user. */
typedef struct
{
  gint64 last_tick;
  gint64 longest_gap;
  guint  tick_id;
} StallWatch;

#define STALL_TICK_MS 2

static gboolean
stall_tick_cb (gpointer data)
{
  StallWatch *watch = data;
  gint64 now = g_get_monotonic_time ();

  watch->longest_gap = MAX (watch->longest_gap, now - watch->last_tick);
  watch->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_watch_start (StallWatch *watch)
{
  watch->last_tick = g_get_monotonic_time ();
  watch->longest_gap = 0;
  watch->tick_id = g_timeout_add (STALL_TICK_MS, stall_tick_cb, watch);
}

/* The longest stall since the start, in ms; the watch stops. */
static double
stall_watch_stop (StallWatch *watch)
{
  stall_tick_cb (watch);
  g_clear_handle_id (&watch->tick_id, g_source_remove);
  return watch->longest_gap / 1000.0;
}

/* The refresh, timed from the click to the button coming back. */
typedef struct
{
  OwWindow  *window;
  gint64     start;
  double     start_main_cpu;
  double     start_all_cpu;
  StallWatch stalls;
} RefreshBench;

/* Work a refresh leaves behind (a re-plan of every order) still stalls the window: the
 * loop is watched a while longer. */
#define REFRESH_AFTER_S 3

static gboolean
refresh_after_cb (gpointer data)
{
  RefreshBench *bench = data;

  g_print ("refresh-after %.1f\n", stall_watch_stop (&bench->stalls));
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (bench->window));
  g_free (bench);
  return G_SOURCE_REMOVE;
}

static void
on_refresh_enabled_cb (GActionGroup *group,
                       const char   *name,
                       gboolean      enabled,
                       RefreshBench *bench)
{
  if (!enabled)
    return;

  g_print ("refresh-done %.1f %.1f %.1f %.1f\n",
           (g_get_monotonic_time () - bench->start) / 1000.0,
           cpu_ms (CLOCK_THREAD_CPUTIME_ID) - bench->start_main_cpu,
           cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - bench->start_all_cpu,
           stall_watch_stop (&bench->stalls));
  fflush (stdout);
  g_signal_handlers_disconnect_by_data (group, bench);
  stall_watch_start (&bench->stalls);
  g_timeout_add_seconds (REFRESH_AFTER_S, refresh_after_cb, bench);
}

static gboolean
start_refresh_cb (gpointer data)
{
  RefreshBench *bench = data;

  /* A refresh the scheduler started would make the click a no-op: wait for it. */
  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (bench->window), "refresh"))
    return G_SOURCE_CONTINUE;

  g_signal_connect (bench->window, "action-enabled-changed::refresh",
                    G_CALLBACK (on_refresh_enabled_cb), bench);
  bench->start = g_get_monotonic_time ();
  bench->start_main_cpu = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
  bench->start_all_cpu = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  stall_watch_start (&bench->stalls);
  g_action_group_activate_action (G_ACTION_GROUP (bench->window), "refresh", NULL);
  return G_SOURCE_REMOVE;
}

/* What start-up leaves for after the first frame (the rest of the rows, the order page,
 * the scheduler's first pass, saving what the list computed) must not stall the window. */
#define SETTLE_S 3

static gboolean
settle_done_cb (gpointer data)
{
  StallWatch *watch = data;

  g_print ("settled %.1f\n", stall_watch_stop (watch));
  fflush (stdout);
  g_free (watch);
  return G_SOURCE_REMOVE;
}

static void
watch_settling (void)
{
  StallWatch *watch = g_new0 (StallWatch, 1);

  stall_watch_start (watch);
  g_timeout_add_seconds (SETTLE_S, settle_done_cb, watch);
}

/* Started once start-up has settled (the deferred rows, the scheduler's first pass). */
static void
time_refresh (OwWindow *self)
{
  RefreshBench *bench = g_new0 (RefreshBench, 1);

  bench->window = self;
  g_timeout_add_seconds (3, start_refresh_cb, bench);
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   OwWindow      *self)
{
  const char *mode = g_getenv ("ORDERWATCH_REPORT_FIRST_FRAME");

  g_clear_signal_handler (&self->first_frame_id, clock);
  /* CPU times hold steady when other work shares the machine; wall time does not. */
  g_print ("first-frame %.1f %.1f\n", cpu_ms (CLOCK_THREAD_CPUTIME_ID),
           cpu_ms (CLOCK_PROCESS_CPUTIME_ID));
  fflush (stdout);

  if (g_strcmp0 (mode, "scroll") == 0)
    {
      ScrollBench *bench = g_new0 (ScrollBench, 1);

      bench->times = g_array_new (FALSE, FALSE, sizeof (gint64));
      bench->cpu_times = g_array_new (FALSE, FALSE, sizeof (gint64));
      bench->skip = 2;

      /* The whole list, every row rebound once. */
      ow_window_set_filter (self, OW_FILTER_ALL);
      g_signal_connect (clock, "before-paint", G_CALLBACK (on_frame_update_cb), bench);
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_after_paint_cb), bench);
      gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_step_cb, bench, NULL);
    }
  else if (g_strcmp0 (mode, "paints") == 0)
    count_paints (self);
  else if (g_strcmp0 (mode, "refresh") == 0)
    time_refresh (self);
  else if (g_strcmp0 (mode, "hold") == 0)
    watch_settling ();
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

void
ow_window_bench_setup (OwWindow *self)
{
  if (g_getenv ("ORDERWATCH_REPORT_FIRST_FRAME") == NULL)
    return;
  self->first_frame_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                           "after-paint", G_CALLBACK (on_first_frame_cb), self);
}
