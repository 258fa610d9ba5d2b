/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening the store and sorting the list from the summaries it keeps, then reading the
 * orders of the first screen, runs beside GTK's own start on the main thread. The store,
 * registry and list are made on the thread and handed over whole; nothing else touches them
 * until ow_startup_load_finish () has joined it. */
#include "config.h"

#include "ow-demo.h"
#include "ow-order-list.h"
#include "ow-policy.h"
#include "ow-startup-load.h"
#include "ow-store.h"
#include "ow-time.h"

struct _OwStartupLoad
{
  char             *path;
  gboolean          demo;
  gboolean          with_orders;
  GThread          *thread;

  /* Written by the thread, read after the join. */
  OwStore          *store;
  OwPolicyRegistry *policies;
  OwOrderList      *orders;
  GError           *error;
};

/* The demo store is refilled only when empty: what the user did to it stays. */
static gboolean
seed_demo (OwStore  *store,
           GError  **error)
{
  g_autoptr(GPtrArray) orders = ow_store_list_orders (store, error);

  if (orders == NULL)
    return FALSE;
  if (orders->len > 0)
    return TRUE;
  return ow_demo_seed (store, ow_time_now (), error);
}

static gpointer
load_thread (gpointer data)
{
  OwStartupLoad *load = data;
  g_autofree char *dir = g_path_get_dirname (load->path);

  load->policies = ow_policy_registry_new ();

  g_mkdir_with_parents (dir, 0700);
  load->store = ow_store_open (load->path, &load->error);
  if (load->store != NULL && load->demo && !seed_demo (load->store, &load->error))
    g_clear_object (&load->store);

  if (load->store != NULL && load->with_orders)
    {
      load->orders = ow_order_list_new_from_summaries (load->store, load->policies);
      ow_order_list_set_filter (load->orders, ow_startup_load_choose_filter (load->orders));
      /* The store is this thread's until the join: the first screen's orders are read here. */
      ow_order_list_read_orders (load->orders, OW_FIRST_FRAME_ROWS_MAX);
    }
  return NULL;
}

OwOrderFilter
ow_startup_load_choose_filter (OwOrderList *orders)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (orders), OW_FILTER_ALL);

  return ow_order_list_get_count (orders, OW_FILTER_NEEDS_ACTION) > 0 ? OW_FILTER_NEEDS_ACTION
                                                                       : OW_FILTER_ALL;
}

OwStartupLoad *
ow_startup_load_start (const char *path,
                       gboolean    demo,
                       gboolean    with_orders)
{
  OwStartupLoad *load;

  g_return_val_if_fail (path != NULL, NULL);

  load = g_new0 (OwStartupLoad, 1);
  load->path = g_strdup (path);
  load->demo = demo;
  load->with_orders = with_orders;
  load->thread = g_thread_new ("ow-startup-load", load_thread, load);
  return load;
}

void
ow_startup_load_finish (OwStartupLoad     *load,
                        OwStore          **store,
                        OwPolicyRegistry **policies,
                        OwOrderList      **orders,
                        GError           **error)
{
  g_return_if_fail (load != NULL);

  g_thread_join (load->thread);

  *store = load->store;
  *policies = load->policies;
  *orders = load->orders;
  if (load->error != NULL)
    g_propagate_error (error, load->error);
  g_free (load->path);
  g_free (load);
}
