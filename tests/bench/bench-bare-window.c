/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline for bench-startup: an AdwApplication that presents one empty
 * AdwApplicationWindow the size of Orderwatch's, with the same first-frame report
 * (ORDERWATCH_REPORT_FIRST_FRAME: "hold" stays up after printing, else it quits). */
#include "config.h"

#include <adwaita.h>
#include <time.h>

/* CPU milliseconds used so far by the calling thread or the whole process. */
static double
cpu_ms (clockid_t clock)
{
  struct timespec t;

  if (clock_gettime (clock, &t) != 0)
    return -1;
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  g_print ("first-frame %.1f %.1f\n", cpu_ms (CLOCK_THREAD_CPUTIME_ID),
           cpu_ms (CLOCK_PROCESS_CPUTIME_ID));
  fflush (stdout);
  if (g_strcmp0 (g_getenv ("ORDERWATCH_REPORT_FIRST_FRAME"), "hold") != 0)
    gtk_window_destroy (window);
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.orderwatch.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
