/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-json-items.h"

/* Items are written in runs of this many: runs of even number on the calling thread, of odd
 * number on the second one. About 1.5 MB of text for `deadlines --json`. */
#define ITEMS_PER_RUN 2048
/* Runs the second thread may have written before the first takes them: what bounds the
 * memory when the output is slow to drain (a pipe to a pager). */
#define RUNS_AHEAD 2

typedef struct
{
  guint           n_items;
  guint           n_runs;
  OwJsonItemFunc  write_item;
  gpointer        user_data;
  GAsyncQueue    *written;  /* OwJsonWriter: the second thread's runs, in order */
  GAsyncQueue    *empty;    /* OwJsonWriter: to write its next run into */
} Items;

static void
write_run (Items        *items,
           OwJsonWriter *writer,
           guint         run)
{
  guint end = MIN (items->n_items, (run + 1) * ITEMS_PER_RUN);

  for (guint i = run * ITEMS_PER_RUN; i < end; i++)
    items->write_item (writer, i, items->user_data);
}

static gpointer
write_odd_runs (gpointer data)
{
  Items *items = data;

  for (guint run = 1; run < items->n_runs; run += 2)
    {
      OwJsonWriter *writer = g_async_queue_pop (items->empty);

      write_run (items, writer, run);
      g_async_queue_push (items->written, writer);
    }
  return NULL;
}

void
ow_json_write_items (OwJsonWriter   *writer,
                     guint           n_items,
                     OwJsonItemFunc  write_item,
                     gpointer        user_data)
{
  Items items = { n_items, n_items / ITEMS_PER_RUN + (n_items % ITEMS_PER_RUN != 0),
                  write_item, user_data };
  OwJsonWriter *first_apart;
  GThread *thread;

  g_return_if_fail (writer != NULL);
  g_return_if_fail (write_item != NULL);

  first_apart = items.n_runs > 1 ? ow_json_writer_new_items (writer) : NULL;
  if (first_apart == NULL)
    {
      for (guint i = 0; i < n_items; i++)
        write_item (writer, i, user_data);
      return;
    }

  items.written = g_async_queue_new ();
  items.empty = g_async_queue_new ();
  g_async_queue_push (items.empty, first_apart);
  for (guint i = 1; i < RUNS_AHEAD; i++)
    g_async_queue_push (items.empty, ow_json_writer_new_items (writer));
  thread = g_thread_new ("json-items", write_odd_runs, &items);

  for (guint run = 0; run < items.n_runs; run++)
    {
      OwJsonWriter *apart;

      if (run % 2 == 0)
        {
          write_run (&items, writer, run);
          continue;
        }
      apart = g_async_queue_pop (items.written);
      ow_json_writer_add_items (writer, apart);
      g_async_queue_push (items.empty, apart);
    }
  g_thread_join (thread);

  for (guint i = 0; i < RUNS_AHEAD; i++)
    ow_json_writer_free (g_async_queue_pop (items.empty));
  g_async_queue_unref (items.written);
  g_async_queue_unref (items.empty);
}
