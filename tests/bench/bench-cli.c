/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The commands a script waits for, as whole processes on a store of 100,000 orders: `list
 * --json`, `deadlines --json --all`, the JSON export, and the JSON import next to the CSV
 * import of the same orders; each with its wall time, CPU time (all threads, user + system)
 * and peak memory, beside a baseline run in the same way (`sqlite3 -json` of the orders
 * table). Prints figures; never fails on them. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ow-demo.h"
#include "ow-store.h"
#include "ow-time.h"

typedef struct
{
  double wall_ms;
  double cpu_ms;
  double peak_mib;
  int    status;
} Run;

/* Runs @argv with stdout to /dev/null and measures it alone: wait4 gives this child's own
 * CPU time and peak RSS. */
static gboolean
run (const char * const *argv,
     const char         *db,
     Run                *result)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  struct rusage usage;
  gint64 start;
  GPid pid;
  int status;

  env = g_environ_setenv (env, "ORDERWATCH_DB", db, TRUE);
  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                      &error))
    {
      g_printerr ("Cannot start %s: %s\n", argv[0], error->message);
      return FALSE;
    }
  if (wait4 (pid, &status, 0, &usage) < 0)
    return FALSE;
  result->wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  result->cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                   (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  result->peak_mib = usage.ru_maxrss / 1024.0;
  result->status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  g_spawn_close_pid (pid);
  return TRUE;
}

static void
print_run (const char *what,
           const Run  *r,
           const char *comment)
{
  printf ("  %-34s %8.0f ms %8.0f ms %8.1f MiB   %s%s\n", what, r->wall_ms, r->cpu_ms,
          r->peak_mib, r->status == 0 ? "" : "** FAILED ** ", comment ? comment : "");
}

static char *
versus (const Run  *r,
        const Run  *baseline,
        double      goal,
        double      goal_mib)
{
  gboolean met = r->wall_ms <= goal * baseline->wall_ms && r->peak_mib <= goal_mib;

  return g_strdup_printf ("%.2fx baseline wall, %.2fx its CPU (goal <= %.0fx, <= %.0f MiB)%s",
                          r->wall_ms / baseline->wall_ms, r->cpu_ms / baseline->cpu_ms, goal,
                          goal_mib, met ? "" : "  ** NOT MET **");
}

static void
remove_db (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-cli-XXXXXX", &error);
  g_autofree char *db = NULL, *json_db = NULL, *csv_db = NULL;
  g_autofree char *json_file = NULL, *csv_file = NULL, *comment = NULL;
  const char *bin = g_getenv ("ORDERWATCH_BIN");
  guint n = argc > 1 ? MAX (1, atoi (argv[1])) : 100000;
  Run sqlite = { 0 }, list = { 0 }, deadlines = { 0 }, export_json = { 0 };
  Run export_csv = { 0 }, import_csv = { 0 }, import_json = { 0 };

  if (dir == NULL || bin == NULL)
    {
      g_printerr ("Needs ORDERWATCH_BIN and a temporary directory\n");
      return 0;
    }
  db = g_build_filename (dir, "orders.db", NULL);
  json_db = g_build_filename (dir, "from-json.db", NULL);
  csv_db = g_build_filename (dir, "from-csv.db", NULL);
  json_file = g_build_filename (dir, "orders.json", NULL);
  csv_file = g_build_filename (dir, "orders.csv", NULL);

  store = ow_store_open (db, &error);
  if (store == NULL || !ow_demo_seed_many (store, n, ow_time_now (), 1234, &error))
    {
      g_printerr ("Cannot make the store: %s\n", error->message);
      return 0;
    }
  g_clear_object (&store);

  printf ("Whole processes, %u orders; wall time moves with the machine's load, CPU time "
          "(all threads) much less\n", n);
  printf ("  %-34s %11s %11s %12s\n", "command", "wall", "cpu", "peak RSS");
  {
    const char *args[] = { "sqlite3", "-json", db, "SELECT * FROM orders", NULL };

    if (run (args, db, &sqlite))
      print_run ("baseline: sqlite3 -json orders", &sqlite, "(baseline)");
  }
  {
    const char *args[] = { bin, "list", "--json", NULL };

    if (run (args, db, &list))
      {
        comment = versus (&list, &sqlite, 3, 100);
        print_run ("orderwatch list --json", &list, comment);
        g_clear_pointer (&comment, g_free);
      }
  }
  {
    const char *args[] = { bin, "deadlines", "--json", "--all", NULL };

    if (run (args, db, &deadlines))
      print_run ("orderwatch deadlines --json --all", &deadlines,
                 deadlines.wall_ms <= 1000 && deadlines.peak_mib <= 100
                 ? "goal <= 1 s, <= 100 MiB" : "goal <= 1 s, <= 100 MiB  ** NOT MET **");
  }
  {
    const char *args[] = { bin, "export", "--output", json_file, NULL };

    if (run (args, db, &export_json))
      print_run ("orderwatch export (JSON)", &export_json, NULL);
  }
  {
    const char *args[] = { bin, "export", "--output", csv_file, NULL };

    if (run (args, db, &export_csv))
      print_run ("orderwatch export (CSV)", &export_csv, NULL);
  }
  {
    const char *args[] = { bin, "import", csv_file, NULL };

    if (run (args, csv_db, &import_csv))
      print_run ("baseline: orderwatch import CSV", &import_csv, "(baseline)");
  }
  {
    const char *args[] = { bin, "import", json_file, NULL };

    if (run (args, json_db, &import_json))
      {
        comment = versus (&import_json, &import_csv, 2, 150);
        print_run ("orderwatch import JSON", &import_json, comment);
        g_clear_pointer (&comment, g_free);
      }
  }

  /* ORDERWATCH_BENCH_KEEP=1 keeps the files for a profiler. */
  if (g_getenv ("ORDERWATCH_BENCH_KEEP") != NULL)
    {
      printf ("  files kept in %s\n", dir);
      return 0;
    }
  remove_db (db);
  remove_db (json_db);
  remove_db (csv_db);
  g_unlink (json_file);
  g_unlink (csv_file);
  g_rmdir (dir);
  return 0;
}
