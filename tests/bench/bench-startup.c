/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up of the real `orderwatch` binary on a store of 10,000 orders, against a bare
 * AdwApplicationWindow (bench-bare-window) measured in the same run with the same
 * renderer: process start to first frame drawn, and peak RSS (VmHWM) at that point;
 * several runs each, medians. Then the whole list scrolled a page per frame, with the
 * longest frame. Prints figures; never fails on them. */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "ow-demo.h"
#include "ow-store.h"
#include "ow-time.h"

#define N_ORDERS 10000
#define N_RUNS   7

typedef struct
{
  double first_frame_ms;
  double peak_rss_mib;
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

static gboolean
measure_once (const char * const *argv,
              Run                *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  gint64 start = g_get_monotonic_time ();
  GPid pid;

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
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  return line != NULL && run->peak_rss_mib > 0;
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

static gboolean
measure (const char   *name,
         const char  **argv,
         double       *first_frame,
         double       *peak_rss)
{
  double frames[N_RUNS], rss[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      Run run;

      if (!measure_once (argv, &run))
        {
          g_printerr ("%s: no first frame reported\n", name);
          return FALSE;
        }
      frames[i] = run.first_frame_ms;
      rss[i] = run.peak_rss_mib;
    }
  *first_frame = median (frames, N_RUNS);
  *peak_rss = median (rss, N_RUNS);
  g_print ("%-28s first frame %7.1f ms (median of %d, %.1f to %.1f)   peak RSS %6.1f MiB\n",
           name, *first_frame, N_RUNS, frames[0], frames[N_RUNS - 1], *peak_rss);
  return TRUE;
}

static void
measure_scroll (const char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn (argv, "scroll", &error);
  g_autoptr(GDataInputStream) in = NULL;
  static const char *keys[] = {
    "scroll-frames", "scroll-median-frame-us", "scroll-p95-frame-us", "scroll-frames-over-16ms",
    "scroll-longest-frame-us",
  };
  gint64 values[G_N_ELEMENTS (keys)] = { 0 };

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
           values[2] / 1000.0, values[4] / 1000.0, values[3]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orderwatch-bench-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *self_dir = g_path_get_dirname (argv[0]);
  g_autofree char *bare = g_build_filename (self_dir, "bench-bare-window", NULL);
  const char *bin = g_getenv ("ORDERWATCH_BIN");
  const char *app_argv[] = { bin, "--db", NULL, NULL };
  const char *bare_argv[] = { bare, NULL };
  double app_frame, app_rss, bare_frame, bare_rss;
  g_autoptr(OwStore) store = NULL;

  if (dir == NULL || bin == NULL)
    {
      g_printerr ("Needs ORDERWATCH_BIN and a temporary directory\n");
      return 0;
    }
  db = g_build_filename (dir, "orders.db", NULL);
  app_argv[2] = db;

  store = ow_store_open (db, &error);
  if (store == NULL || !ow_demo_seed_many (store, N_ORDERS, ow_time_now (), 1234, &error))
    {
      g_printerr ("Cannot make the store: %s\n", error->message);
      return 0;
    }
  g_clear_object (&store);

  g_print ("Renderer: GSK_RENDERER=cairo GDK_DEBUG=gl-disable; %d orders\n", N_ORDERS);
  if (measure ("bench-bare-window", bare_argv, &bare_frame, &bare_rss) &&
      measure ("orderwatch (10,000 orders)", app_argv, &app_frame, &app_rss))
    {
      g_print ("first frame: %.2fx the bare window (goal: within 1.3x)\n", app_frame / bare_frame);
      g_print ("peak RSS: %+.1f MiB over the bare window (goal: within 25 MiB)\n",
               app_rss - bare_rss);
    }
  measure_scroll (app_argv);

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
