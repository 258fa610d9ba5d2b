/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Refreshes 1,000 Cainiao parcels against the local test server with 100 ms of added
 * latency per request, and watches the main loop while it runs. Prints figures; never
 * fails on them. Goal: under 6 s, the main loop never blocked over 50 ms. */
#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-test-server.h"
#include "ow-test-util.h"
#include "ow-tracking-client.h"

#define N_PARCELS  1000
#define LATENCY_MS 100
#define TICK_MS    2

typedef struct
{
  gint64     last;
  gint64     max_gap;
  guint      ticks;
} Watch;

static gboolean
on_tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last != 0)
    watch->max_gap = MAX (watch->max_gap, now - watch->last);
  watch->last = now;
  watch->ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GMainLoop         *loop;
  OwTrackingSummary *summary;
} Done;

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(GError) error = NULL;

  done->summary = ow_tracking_client_refresh_finish (OW_TRACKING_CLIENT (source), result, &error);
  if (error != NULL)
    g_printerr ("refresh failed: %s\n", error->message);
  g_main_loop_quit (done->loop);
}

static gboolean
on_quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* How the loop behaves with nothing to do: the floor for the gap figure. */
static gint64
idle_gap (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watch watch = { 0 };
  guint tick = g_timeout_add (TICK_MS, on_tick_cb, &watch);

  g_timeout_add (500, on_quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (tick);
  return watch.max_gap;
}

static void
seed (OwStore *store)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_PARCELS; i++)
    {
      OwOrder *order = ow_order_new ();
      g_autofree char *number = g_strdup_printf ("8170%08u", i);

      ow_order_set_order_number (order, number);
      ow_order_set_time (order, OW_EVENT_PLACED, 1674000000, OW_FACT_USER);
      ow_order_set_time (order, OW_EVENT_PAID, 1674000060, OW_FACT_USER);
      g_ptr_array_add (orders, order);
    }
  if (!ow_store_add_orders (store, orders, &error))
    g_error ("%s", error->message);

  if (!ow_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < N_PARCELS; i++)
    {
      g_autofree char *number = g_strdup_printf ("AE%09u", i);
      g_autoptr(OwParcel) parcel =
        ow_parcel_new (ow_order_get_id (g_ptr_array_index (orders, i)), number, NULL);

      if (!ow_store_add_parcel (store, parcel, &error))
        g_error ("%s", error->message);
    }
  if (!ow_store_commit (store, &error))
    g_error ("%s", error->message);
}

static char *
template_module (void)
{
  g_autofree char *text = ow_test_read_tracking_fixture ("cainiao-in-transit.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *modules;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    g_error ("Bad fixture");
  modules = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "module");
  json_generator_set_root (generator, json_array_get_element (modules, 0));
  return json_generator_to_data (generator, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *module = NULL;
  g_autoptr(OwStore) store = NULL;
  g_autoptr(OwTrackingClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  OwTestServer *server;
  struct rusage usage;
  Watch watch = { 0 };
  Done done = { 0 };
  gint64 start, elapsed, floor_gap;
  guint tick, expected_requests;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("bench-tracking-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "orders.db", NULL);
  store = ow_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  seed (store);

  server = ow_test_server_new ();
  module = template_module ();
  ow_test_server_set_cainiao_template (server, module);
  ow_test_server_set_latency (server, LATENCY_MS);

  client = ow_tracking_client_new (store);
  ow_tracking_client_set_base_url (client, OW_PROVIDER_CAINIAO, ow_test_server_get_url (server));
  /* The budget is a politeness cap for real use; the benchmark needs every batch. */
  ow_tracking_client_set_request_budget (client, N_PARCELS);

  floor_gap = idle_gap ();

  loop = g_main_loop_new (NULL, FALSE);
  done.loop = loop;
  tick = g_timeout_add (TICK_MS, on_tick_cb, &watch);
  start = g_get_monotonic_time ();
  ow_tracking_client_refresh_async (client, NULL, 0, NULL, on_refreshed_cb, &done);
  g_main_loop_run (loop);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (tick);

  getrusage (RUSAGE_SELF, &usage);
  expected_requests = (N_PARCELS + 9) / 10;

  g_print ("bench-tracking: %u Cainiao parcels, %u ms latency per request, concurrency 2\n",
           N_PARCELS, LATENCY_MS);
  if (done.summary != NULL)
    g_print ("  parcels checked     %u (%u failed, %u new events)\n", done.summary->n_parcels,
             done.summary->n_failed, done.summary->n_new_events);
  g_print ("  wall time           %.2f s (goal < 6 s; floor %u requests x %u ms / 2 = %.2f s)\n",
           elapsed / 1e6, expected_requests, LATENCY_MS,
           expected_requests * LATENCY_MS / 2 / 1000.0);
  g_print ("  requests made       %u (server saw %u)\n",
           done.summary ? done.summary->n_requests : 0,
           ow_test_server_count_requests (server, NULL));
  g_print ("  most at once        %u\n", ow_test_server_get_max_concurrent (server));
  g_print ("  longest loop gap    %.1f ms (goal < 50 ms; idle baseline %.1f ms, tick %d ms)\n",
           watch.max_gap / 1000.0, floor_gap / 1000.0, TICK_MS);
  g_print ("  loop ticks          %u\n", watch.ticks);
  g_print ("  peak RSS            %.1f MiB\n", usage.ru_maxrss / 1024.0);

  g_clear_pointer (&done.summary, ow_tracking_summary_free);
  g_clear_object (&client);
  ow_test_server_free (server);
  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffix[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffix[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
