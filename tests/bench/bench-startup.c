/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up of the real `orderwatch` binary against a bare AdwApplicationWindow
 * (bench-bare-window, linked to libadwaita alone) measured in the same run with the same
 * renderer: process start to first frame drawn, the CPU time of the main thread and of all
 * threads by then, peak RSS (VmHWM) at that point and again once the window has settled (the
 * deferred rows, the order page, the list's summaries saved), and the longest the main loop
 * stalled while it settled; several runs each, alternating, medians. On a store of 10,000
 * orders as the user starts it every day (the summaries saved by the start before) and as
 * after an upgrade (none saved: every order read and computed), then on 100,000 orders.
 * Then the whole list scrolled a page per frame, with the longest frame. Prints figures;
 * never fails on them. */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ow-demo.h"
#include "ow-store.h"
#include "ow-time.h"

#define N_ORDERS       10000
#define N_ORDERS_LARGE 100000
#define N_RUNS         7
#define N_RUNS_LARGE   5
/* After the first frame the window fills in the rest (rows beyond the first screen, the
 * order page, the scheduler's first pass by 2 s): memory is read again after this. */
#define SETTLE_MS 3000

typedef struct
{
  double first_frame_ms;   /* wall time, process start to first frame drawn */
  double main_cpu_ms;      /* CPU time of the main thread by then */
  double process_cpu_ms;   /* CPU time of every thread by then */
  double peak_rss_mib;
  double settled_rss_mib;  /* peak RSS again, SETTLE_MS after the first frame */
  double settle_stall_ms;  /* the longest main-loop stall meanwhile (0 for the bare window) */
} Run;

static double
read_hwm_mib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  line = strstr (text, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

static GSubprocess *
spawn (const char * const *argv,
       const char         *mode,
       GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_REPORT_FIRST_FRAME", mode, TRUE);
  /* Same renderer for both programs. */
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_DEBUG", "gl-disable", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

/* Reads stdout lines until one starts with @prefix; returns it. */
static char *
read_until (GDataInputStream *in,
            const char       *prefix)
{
  char *line;

  while ((line = g_data_input_stream_read_line (in, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
  return NULL;
}

/* @forget: the store whose saved summaries are cleared first (a start after an upgrade).
 * @reports_settling: whether the program says when it has settled (Orderwatch does; the
 * bare window is given a fixed time instead). */
static gboolean
measure_once (const char * const *argv,
              const char         *forget,
              gboolean            reports_settling,
              Run                *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  gint64 start = g_get_monotonic_time ();
  GPid pid;

  if (forget != NULL)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open (forget, &db) != SQLITE_OK ||
          sqlite3_exec (db, "UPDATE order_summaries SET computed_at = NULL", NULL, NULL,
                        NULL) != SQLITE_OK)
        g_printerr ("Cannot clear the summaries: %s\n", sqlite3_errmsg (db));
      sqlite3_close (db);
      start = g_get_monotonic_time ();
    }

  process = spawn (argv, "hold", &error);
  if (process == NULL)
    {
      g_printerr ("Cannot start %s: %s\n", argv[0], error->message);
      return FALSE;
    }
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = read_until (in, "first-frame");
  run->first_frame_ms = (g_get_monotonic_time () - start) / 1000.0;
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (process), NULL, 10);
  /* Still running: its peak so far is the start-up peak. */
  run->peak_rss_mib = read_hwm_mib (pid);
  run->settle_stall_ms = 0;
  if (reports_settling)
    {
      /* Orderwatch says when it has settled, and the longest stall till then. */
      g_autofree char *settled = read_until (in, "settled");

      if (settled != NULL)
        run->settle_stall_ms = g_ascii_strtod (settled + strlen ("settled"), NULL);
    }
  else
    g_usleep (SETTLE_MS * 1000);
  run->settled_rss_mib = read_hwm_mib (pid);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  if (line == NULL ||
      sscanf (line, "first-frame %lf %lf", &run->main_cpu_ms, &run->process_cpu_ms) != 2)
    return FALSE;
  return run->peak_rss_mib > 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The medians of each figure over @n runs. */
static Run
median_run (const Run *runs,
            guint      n)
{
  double frame[N_RUNS], main_cpu[N_RUNS], process_cpu[N_RUNS], rss[N_RUNS], settled[N_RUNS];
  double stall[N_RUNS];
  Run result;

  for (guint i = 0; i < n; i++)
    {
      frame[i] = runs[i].first_frame_ms;
      main_cpu[i] = runs[i].main_cpu_ms;
      process_cpu[i] = runs[i].process_cpu_ms;
      rss[i] = runs[i].peak_rss_mib;
      settled[i] = runs[i].settled_rss_mib;
      stall[i] = runs[i].settle_stall_ms;
    }
  result.first_frame_ms = median (frame, n);
  result.main_cpu_ms = median (main_cpu, n);
  result.process_cpu_ms = median (process_cpu, n);
  result.peak_rss_mib = median (rss, n);
  result.settled_rss_mib = median (settled, n);
  result.settle_stall_ms = median (stall, n);
  return result;
}

static void
print_run (const char *name,
           const Run  *run)
{
  g_print ("%-28s first frame %6.1f ms   main thread CPU %6.1f ms   all threads CPU %6.1f ms"
           "   peak RSS %5.1f MiB, settled %5.1f MiB", name, run->first_frame_ms,
           run->main_cpu_ms, run->process_cpu_ms, run->peak_rss_mib, run->settled_rss_mib);
  if (run->settle_stall_ms > 0)
    g_print ("   longest stall settling %.1f ms", run->settle_stall_ms);
  g_print ("\n");
}

/* Alternates the two programs run by run, so a change in the machine's load during the
 * benchmark weighs on both alike. */
static gboolean
measure_both (const char **bare_argv,
              const char **app_argv,
              const char  *forget,
              guint        n_runs,
              Run         *bare,
              Run         *app)
{
  Run bare_runs[N_RUNS], app_runs[N_RUNS];

  g_assert (n_runs <= N_RUNS);
  for (guint i = 0; i < n_runs; i++)
    {
      if (!measure_once (bare_argv, NULL, FALSE, &bare_runs[i]))
        {
          g_printerr ("bench-bare-window: no first frame reported\n");
          return FALSE;
        }
      if (!measure_once (app_argv, forget, TRUE, &app_runs[i]))
        {
          g_printerr ("orderwatch: no first frame reported\n");
          return FALSE;
        }
    }
  *bare = median_run (bare_runs, n_runs);
  *app = median_run (app_runs, n_runs);
  return TRUE;
}

static void
print_comparison (const char *title,
                  const char *name,
                  guint       n_runs,
                  const Run  *bare_run,
                  const Run  *app_run)
{
  g_print ("%s, medians of %u runs each, alternating:\n", title, n_runs);
  print_run ("bench-bare-window", bare_run);
  print_run (name, app_run);
  g_print ("first frame: %.2fx the bare window (goal: within 1.3x); main thread CPU %.2fx\n",
           app_run->first_frame_ms / bare_run->first_frame_ms,
           app_run->main_cpu_ms / bare_run->main_cpu_ms);
  g_print ("first frame in CPU time: main thread %.2fx, all threads %.2fx the bare "
           "window's\n", app_run->main_cpu_ms / bare_run->main_cpu_ms,
           app_run->process_cpu_ms / bare_run->process_cpu_ms);
  g_print ("peak RSS: %+.1f MiB over the bare window at the first frame, %+.1f MiB once "
           "settled (goal: within 25 MiB settled)\n",
           app_run->peak_rss_mib - bare_run->peak_rss_mib,
           app_run->settled_rss_mib - bare_run->settled_rss_mib);
}

static char *
make_store (const char *dir,
            const char *name,
            guint       n_orders)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, name, NULL);
  g_autoptr(OwStore) store = ow_store_open (db, &error);

  if (store == NULL || !ow_demo_seed_many (store, n_orders, ow_time_now (), 1234, &error))
    {
      g_printerr ("Cannot make the store: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&db);
}

static void
remove_store (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
}

/* CPU time the hypervisor gave to other guests ("steal" in /proc/stat), in ms, all CPUs. */
static double
steal_ms (void)
{
  g_autofree char *text = NULL;
  guint64 fields[8] = { 0 };

  if (!g_file_get_contents ("/proc/stat", &text, NULL, NULL) ||
      sscanf (text, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
              G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &fields[0], &fields[1], &fields[2],
              &fields[3], &fields[4], &fields[5], &fields[6], &fields[7]) != 8)
    return 0;
  return fields[7] * 1000.0 / sysconf (_SC_CLK_TCK);
}

static void
measure_scroll (const char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn (argv, "scroll", &error);
  g_autoptr(GDataInputStream) in = NULL;
  static const char *keys[] = {
    "scroll-frames", "scroll-median-frame-us", "scroll-p95-frame-us", "scroll-frames-over-16ms",
    "scroll-cpu-median-frame-us", "scroll-cpu-frames-over-16ms", "scroll-cpu-longest-frame-us",
    "scroll-longest-frame-us",
  };
  gint64 values[G_N_ELEMENTS (keys)] = { 0 };
  double steal_before = steal_ms ();

  if (process == NULL)
    {
      g_printerr ("Cannot start %s: %s\n", argv[0], error->message);
      return;
    }
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *line = read_until (in, keys[i]);

      if (line == NULL)
        {
          g_printerr ("The scroll run reported no %s\n", keys[i]);
          g_subprocess_wait (process, NULL, NULL);
          return;
        }
      values[i] = g_ascii_strtoll (line + strlen (keys[i]) + 1, NULL, 10);
    }
  g_subprocess_wait (process, NULL, NULL);
  g_print ("scroll through all %d orders, a page per frame: %" G_GINT64_FORMAT " frames, "
           "median %.1f ms, 95th percentile %.1f ms, longest %.1f ms, %" G_GINT64_FORMAT
           " over 16 ms (goal: none)\n", N_ORDERS, values[0], values[1] / 1000.0,
           values[2] / 1000.0, values[7] / 1000.0, values[3]);
  /* A frame's own work, without the time the machine spent elsewhere. */
  g_print ("  the same frames in main-thread CPU time: median %.1f ms, longest %.1f ms, %"
           G_GINT64_FORMAT " over 16 ms; meanwhile the hypervisor took %.0f ms of CPU time "
           "from this machine (steal)\n", values[4] / 1000.0, values[6] / 1000.0, values[5],
           steal_ms () - steal_before);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orderwatch-bench-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *large_db = NULL;
  g_autofree char *self_dir = g_path_get_dirname (argv[0]);
  g_autofree char *bare = g_build_filename (self_dir, "bench-bare-window", NULL);
  const char *bin = g_getenv ("ORDERWATCH_BIN");
  const char *app_argv[] = { bin, "--db", NULL, NULL };
  const char *bare_argv[] = { bare, NULL };
  Run bare_run, app_run, ignored;

  if (dir == NULL || bin == NULL)
    {
      g_printerr ("Needs ORDERWATCH_BIN and a temporary directory\n");
      return 0;
    }
  db = make_store (dir, "orders.db", N_ORDERS);
  large_db = make_store (dir, "large.db", N_ORDERS_LARGE);
  if (db == NULL || large_db == NULL)
    return 0;

  g_print ("Renderer: GSK_RENDERER=cairo GDK_DEBUG=gl-disable\n");
  app_argv[2] = db;
  /* The start before saves the summaries every later start reads. */
  if (measure_once (app_argv, NULL, TRUE, &ignored) &&
      measure_both (bare_argv, app_argv, NULL, N_RUNS, &bare_run, &app_run))
    print_comparison ("10,000 orders, as started every day", "orderwatch (10,000 orders)",
                      N_RUNS, &bare_run, &app_run);
  if (measure_both (bare_argv, app_argv, db, N_RUNS_LARGE, &bare_run, &app_run))
    print_comparison ("10,000 orders, the first start after an upgrade (no summaries saved)",
                      "orderwatch (10,000, cold)", N_RUNS_LARGE, &bare_run, &app_run);
  app_argv[2] = large_db;
  if (measure_once (app_argv, NULL, TRUE, &ignored) &&
      measure_both (bare_argv, app_argv, NULL, N_RUNS_LARGE, &bare_run, &app_run))
    print_comparison ("100,000 orders, as started every day", "orderwatch (100,000 orders)",
                      N_RUNS_LARGE, &bare_run, &app_run);
  app_argv[2] = db;
  measure_scroll (app_argv);

  remove_store (db);
  remove_store (large_db);
  g_rmdir (dir);
  return 0;
}
