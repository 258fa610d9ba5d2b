/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How often `orderwatch --background` wakes up with 1,000 orders and nothing due: voluntary
 * context switches of all its threads over a quiet stretch, beside an idle `sleep` and a bare
 * GApplication held in the background, measured over the same stretch.
 *
 *   bench-wakeups [SECONDS]      (default 120, or $ORDERWATCH_BENCH_SECONDS)
 *
 * Prints figures; never fails on one. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "ow-order.h"
#include "ow-store.h"
#include "ow-test-util.h"

#define N_ORDERS 1000
#define SETTLE_SECONDS 20
#define QUIET G_SUBPROCESS_FLAGS_STDOUT_SILENCE
#define PAINT_SECONDS 30

typedef struct
{
  const char  *name;
  GSubprocess *process;
  GHashTable  *before;        /* tid -> voluntary switches at the first sample */
  guint64      wakeups;
  guint64      involuntary[2];
  guint        n_threads;
  guint        n_exited;      /* threads gone between the samples: each woke at least once */
} Subject;

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static guint64
status_field (const char *status,
              const char *field)
{
  const char *line = strstr (status, field);

  return line ? g_ascii_strtoull (line + strlen (field), NULL, 10) : 0;
}

/* Reads the context switches of every thread of the subject. The first sample keeps them per
 * thread; the second adds up what each thread did since (all of it for a new thread). */
static void
sample (Subject *subject,
        guint    index)
{
  const char *pid = g_subprocess_get_identifier (subject->process);
  g_autofree char *task_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *tid;

  if (pid == NULL || (dir = g_dir_open (task_dir = g_build_filename ("/proc", pid, "task", NULL),
                                        0, NULL)) == NULL)
    {
      g_printerr ("%s exited early\n", subject->name);
      return;
    }
  if (index == 0)
    subject->before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  subject->involuntary[index] = 0;
  subject->n_threads = 0;

  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (task_dir, tid, "status", NULL);
      g_autofree char *status = NULL;
      guint64 voluntary;

      if (!g_file_get_contents (path, &status, NULL, NULL))
        continue;
      voluntary = status_field (status, "\nvoluntary_ctxt_switches:");
      subject->involuntary[index] += status_field (status, "nonvoluntary_ctxt_switches:");
      subject->n_threads++;
      if (index == 0)
        g_hash_table_insert (subject->before, g_strdup (tid),
                             g_memdup2 (&voluntary, sizeof voluntary));
      else
        {
          guint64 *then = g_hash_table_lookup (subject->before, tid);

          subject->wakeups += voluntary - (then ? *then : 0);
          if (then != NULL)
            g_hash_table_add (seen, (gpointer) g_intern_string (tid));
        }
    }
  if (index == 1)
    subject->n_exited = g_hash_table_size (subject->before) - g_hash_table_size (seen);
}

static GSubprocess *
spawn (const char        *address,
       GSubprocessFlags   flags,
       GError           **error,
       const char        *first,
       ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (address != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  /* Tracking services on a closed local port: no traffic leaves the machine; the first
   * refresh fails during the settling time and backs off. */
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_CAINIAO_URL", "http://127.0.0.1:9", TRUE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_17TRACK_URL", "http://127.0.0.1:9", TRUE);
  /* Named, not inherited: with the default renderer even --background loads Mesa (9 threads,
   * 91 MiB), which is not what is measured here. */
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_DEBUG", "gl-disable", TRUE);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

/* The baseline app: registered on the bus, held, doing nothing. */
static void
on_activate_cb (GApplication *app)
{
}

static gboolean
on_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The same, polling once a second: shows what the count looks like for a timer that ticks. */
static int
run_bare_app (gboolean ticking)
{
  g_autoptr(GApplication) app = g_application_new (ticking ? "io.github.orderwatch.BenchTick"
                                                           : "io.github.orderwatch.BenchBare",
                                                   G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_hold (app);
  if (ticking)
    g_timeout_add_seconds (1, on_tick_cb, NULL);
  return g_application_run (app, 0, NULL);
}

static void
stop (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

/* One AliExpress order whose Buyer Protection ends 40 minutes from now: its countdown is
 * the window's first row and its detail page, the case that ticks every second. */
static void
seed_deadline_within_an_hour (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = ow_store_open (db_path, &error);
  g_autoptr(OwOrder) order = ow_order_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 shipped = now + 40 * 60 - 2 * 86400;

  g_assert_no_error (error);
  ow_order_set_order_number (order, "8100000000000040");
  ow_order_set_item_title (order, "Travel adapter");
  ow_order_set_store_name (order, "Volt Store");
  ow_order_set_amount (order, 1299);
  ow_order_set_time (order, OW_EVENT_PAID, shipped - 86400, OW_FACT_USER);
  ow_order_set_time (order, OW_EVENT_SHIPPED, shipped, OW_FACT_USER);
  ow_order_set_delivery_days (order, 2);
  ow_store_add_order (store, order, &error);
  g_assert_no_error (error);
}

/* The normal case: a screenful of orders in transit, every deadline days away, each due at
 * its own second of the minute. */
static void
seed_deadlines_days_away (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = ow_store_open (db_path, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(OwOrder) order = ow_order_new ();
      g_autofree char *number = g_strdup_printf ("81000000000001%02u", i);
      /* Shipped 10 to 29 days ago, 7 s apart in the minute: protection ends days away. */
      gint64 shipped = now - (10 + i) * 86400 - i * 7;

      ow_order_set_order_number (order, number);
      ow_order_set_item_title (order, "Travel adapter");
      ow_order_set_amount (order, 1299);
      ow_order_set_time (order, OW_EVENT_PAID, shipped - 86400, OW_FACT_USER);
      ow_order_set_time (order, OW_EVENT_SHIPPED, shipped, OW_FACT_USER);
      ow_order_set_delivery_days (order, 60);
      ow_store_add_order (store, order, &error);
      g_assert_no_error (error);
    }
}

/* Frames the window paints in @seconds while nobody touches it. */
static guint
count_window_paints (const char *address,
                     const char *bin,
                     const char *db_path,
                     guint       seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) window = NULL;
  g_autofree char *out = NULL;
  g_autofree char *seconds_text = g_strdup_printf ("%u", seconds);
  const char *line;

  g_setenv ("ORDERWATCH_REPORT_FIRST_FRAME", "paints", TRUE);
  g_setenv ("ORDERWATCH_REPORT_PAINT_SECONDS", seconds_text, TRUE);
  window = spawn (address, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                  &error, bin, "--db", db_path, NULL);
  g_unsetenv ("ORDERWATCH_REPORT_FIRST_FRAME");
  g_unsetenv ("ORDERWATCH_REPORT_PAINT_SECONDS");
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (window, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_unlink (db_path);

  line = out ? strstr (out, "paints ") : NULL;
  return line ? (guint) g_ascii_strtoull (line + strlen ("paints "), NULL, 10) : G_MAXUINT;
}

static void
measure_window_paints (const char *address,
                       const char *bin,
                       const char *dir,
                       guint       normal_seconds)
{
  g_autofree char *near_path = g_build_filename (dir, "window-near.db", NULL);
  g_autofree char *far_path = g_build_filename (dir, "window-far.db", NULL);
  guint paints;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("# window: no display, not measured\n");
      return;
    }

  seed_deadline_within_an_hour (near_path);
  paints = count_window_paints (address, bin, near_path, PAINT_SECONDS);
  if (paints == G_MAXUINT)
    g_print ("# window: no paint count reported\n");
  else
    g_print ("window open, a deadline under an hour shown (3 s settled): %u frames painted in "
             "%d s, %.2f per second (goal: at most 1 per second)\n",
             paints, PAINT_SECONDS, (double) paints / PAINT_SECONDS);

  seed_deadlines_days_away (far_path);
  paints = count_window_paints (address, bin, far_path, normal_seconds);
  if (paints == G_MAXUINT)
    g_print ("# window: no paint count reported\n");
  else
    g_print ("window open, 20 deadlines days away at different seconds (3 s settled): %u frames "
             "painted in %u s, %.2f per minute (goal: 1 per minute)\n",
             paints, normal_seconds, paints * 60.0 / normal_seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) bus = NULL;
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GDataInputStream) bus_out = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *address = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *seconds_text = NULL;
  const char *bin = g_getenv ("ORDERWATCH_BIN");
  const char *env_seconds = g_getenv ("ORDERWATCH_BENCH_SECONDS");
  guint seconds = 120;
  Subject subjects[] = { { "orderwatch --background" }, { "bare GApplication, held" },
                         { "sleep (idle process)" }, { "GApplication ticking at 1 s" } };

  if (argc > 1 && g_str_equal (argv[1], "--bare-app"))
    return run_bare_app (FALSE);
  if (argc > 1 && g_str_equal (argv[1], "--ticking-app"))
    return run_bare_app (TRUE);
  if (argc > 1)
    seconds = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  else if (env_seconds != NULL)
    seconds = (guint) g_ascii_strtoull (env_seconds, NULL, 10);
  if (seconds == 0 || bin == NULL)
    {
      g_printerr ("usage: ORDERWATCH_BIN=… bench-wakeups [SECONDS]\n");
      return 2;
    }

  /* A private bus: nobody else's traffic wakes the subjects. */
  bus = spawn (NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon", "--session",
               "--nofork", "--print-address=1", NULL);
  if (bus == NULL)
    g_error ("dbus-daemon: %s", error->message);
  bus_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  address = g_data_input_stream_read_line_utf8 (bus_out, NULL, NULL, &error);
  if (address == NULL)
    g_error ("dbus-daemon printed no address");

  dir = g_dir_make_tmp ("bench-wakeups-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "orders.db", NULL);
  store = ow_test_store_new_seeded (db_path, N_ORDERS, g_get_real_time () / G_USEC_PER_SEC);
  g_clear_object (&store);

  /* Whatever is due already goes out now, so the stretch measured has nothing due. */
  check = spawn (address, QUIET, &error, bin, "check", "--db", db_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (check, NULL, NULL);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  seconds_text = g_strdup_printf ("%u", seconds + SETTLE_SECONDS + 30);
  subjects[0].process = spawn (address, QUIET, &error, bin, "--background", "--db", db_path,
                               NULL);
  g_assert_no_error (error);
  subjects[1].process = spawn (address, QUIET, &error, self_path, "--bare-app", NULL);
  g_assert_no_error (error);
  subjects[2].process = spawn (address, QUIET, &error, "sleep", seconds_text, NULL);
  g_assert_no_error (error);
  subjects[3].process = spawn (address, QUIET, &error, self_path, "--ticking-app", NULL);
  g_assert_no_error (error);

  g_print ("# %u orders, %u s measured after %u s to settle; renderer cairo (GL disabled) for "
           "every orderwatch process\n", N_ORDERS, seconds, SETTLE_SECONDS);
  g_usleep (SETTLE_SECONDS * G_USEC_PER_SEC);
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    sample (&subjects[i], 0);
  g_usleep ((gint64) seconds * G_USEC_PER_SEC);
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    sample (&subjects[i], 1);

  g_print ("%-28s %8s %8s %12s %12s %11s\n", "process", "threads", "exited", "wakeups",
           "involuntary", "per minute");
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      Subject *s = &subjects[i];
      guint64 wakeups = s->wakeups + s->n_exited;

      g_print ("%-28s %8u %8u %12" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT " %11.1f\n", s->name,
               s->n_threads, s->n_exited, wakeups, s->involuntary[1] - s->involuntary[0],
               wakeups * 60.0 / seconds);
      g_clear_pointer (&s->before, g_hash_table_unref);
    }
  g_print ("# goal: orderwatch --background at most 5 wakeups in 120 s when nothing is due\n");

  measure_window_paints (address, bin, dir, seconds);

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      stop (subjects[i].process);
      g_clear_object (&subjects[i].process);
    }
  stop (bus);
  g_unlink (db_path);
  return 0;
}
