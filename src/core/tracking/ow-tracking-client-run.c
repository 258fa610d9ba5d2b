/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One refresh: which parcels, which provider for each, the results counted and returned.
 * The requests themselves are in ow-tracking-client-batch.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-time.h"
#include "ow-tracking-17track.h"
#include "ow-tracking-client-run-private.h"
#include "ow-tracking-number.h"

#define BLOCK_FIRST            (2 * 3600)    /* a captcha: hours, doubling each time */
#define BLOCK_MAX              (48 * 3600)
#define SEVENTEEN_INTERVAL_MS  350           /* 17TRACK allows 3 requests a second */

static void run_start (GTask *task);

OwTrackingRun *
ow_tracking_run_ref (OwTrackingRun *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

void
ow_tracking_run_unref (OwTrackingRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (run->queues); i++)
    {
      OwTrackingQueue *queue = &run->queues[i];

      g_assert (g_queue_is_empty (&queue->batches));
      g_clear_handle_id (&queue->pump_source, g_source_remove);
      g_clear_object (&queue->provider);
      g_clear_pointer (&queue->pending[0], g_ptr_array_unref);
      g_clear_pointer (&queue->pending[1], g_ptr_array_unref);
    }
  g_clear_pointer (&run->deadlines, g_hash_table_unref);
  g_clear_pointer (&run->order_ids, g_array_unref);
  g_clear_pointer (&run->summary, ow_tracking_summary_free);
  g_clear_error (&run->store_error);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->task);
  g_clear_object (&run->client);
  g_free (run);
}


const char *
ow_tracking_queue_label (OwTrackingQueue *queue)
{
  return ow_tracking_provider_get_label (queue->provider);
}

const char *
ow_tracking_queue_name (OwTrackingQueue *queue)
{
  return ow_tracking_provider_get_name (queue->provider);
}

gboolean
ow_tracking_run_cancelled (OwTrackingRun *run)
{
  return g_cancellable_is_cancelled (run->cancellable);
}

void
ow_tracking_run_progress (OwTrackingRun *run,
                          guint          n_done)
{
  run->done += n_done;
  ow_tracking_client_emit_progress (run->client, MIN (run->done, run->total), run->total);
}

void
ow_tracking_run_keep_store_error (OwTrackingRun *run,
                                  GError        *error)
{
  if (run->store_error == NULL)
    run->store_error = g_error_copy (error);
  g_warning ("Tracking: %s", error->message);
}

void
ow_tracking_run_add_message (OwTrackingRun *run,
                             const char    *message)
{
  for (guint i = 0; i < run->summary->messages->len; i++)
    if (g_str_equal (g_ptr_array_index (run->summary->messages, i), message))
      return;
  g_ptr_array_add (run->summary->messages, g_strdup (message));
}

/* Deadlines decide how often to poll: the order's soonest running deadline. */
gint64
ow_tracking_run_nearest_deadline (OwTrackingRun *run,
                                  gint64         order_id)
{
  OwTrackingClient *client = run->client;
  g_autoptr(OwOrder) order = NULL;
  OwDeadlineSet set;
  OwPolicy *policy;
  gint64 *cached, nearest = OW_TIME_UNSET;

  if ((cached = g_hash_table_lookup (run->deadlines, &order_id)) != NULL)
    return *cached;

  order = ow_store_get_order (client->store, order_id, NULL);
  if (order != NULL)
    {
      policy = client->policies != NULL
               ? ow_policy_registry_lookup (client->policies, ow_order_get_marketplace (order))
               : NULL;
      if (policy != NULL)
        {
          ow_deadlines_compute (order, policy, run->now, &set);
          for (guint i = 0; i < set.n_deadlines; i++)
            {
              const OwDeadline *deadline = &set.deadlines[i];

              if ((deadline->state == OW_DEADLINE_RUNNING || deadline->state == OW_DEADLINE_URGENT)
                  && deadline->due != OW_TIME_UNSET
                  && (nearest == OW_TIME_UNSET || deadline->due < nearest))
                nearest = deadline->due;
            }
        }
    }

  g_hash_table_insert (run->deadlines, g_memdup2 (&order_id, sizeof order_id),
                       g_memdup2 (&nearest, sizeof nearest));
  return nearest;
}

/* Failures */

void
ow_tracking_run_fail_parcel (OwTrackingRun *run,
                             OwParcel      *parcel,
                             const char    *message,
                             gint64         retry_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwParcel) stored = NULL;

  stored = ow_store_record_parcel_failure (run->client->store, ow_parcel_get_id (parcel),
                                           message, run->now, retry_at, &error);
  if (stored == NULL)
    {
      ow_tracking_run_keep_store_error (run, error);
      stored = g_object_ref (parcel);
      ow_parcel_set_last_error (stored, message);
    }
  run->summary->n_failed++;
  g_ptr_array_add (run->summary->failed, g_steal_pointer (&stored));
  ow_tracking_run_progress (run, 1);
}

void
ow_tracking_run_skip_parcels (OwTrackingRun *run,
                              GPtrArray     *parcels)
{
  run->summary->n_skipped += parcels->len;
  ow_tracking_run_progress (run, parcels->len);
}

/* A provider-wide refusal: stop asking it in this run and remember for the next. */
void
ow_tracking_queue_block (OwTrackingQueue *queue,
                         gint64           until,
                         gboolean         escalate,
                         const char      *message)
{
  OwTrackingRun *run = queue->run;
  g_autoptr(GError) error = NULL;
  gint64 blocked_until = OW_TIME_UNSET;
  guint backoff = 0;

  queue->stopped = TRUE;
  ow_store_get_provider_state (run->client->store, ow_tracking_queue_name (queue), &blocked_until,
                               &backoff, NULL, NULL);
  if (escalate && !queue->escalated)
    {
      gint64 delay = BLOCK_FIRST;

      backoff++;
      for (guint i = 1; i < backoff && delay < BLOCK_MAX; i++)
        delay *= 2;
      until = run->now + MIN (delay, BLOCK_MAX);
      queue->escalated = TRUE;
    }
  else if (escalate)
    until = queue->blocked_until;
  /* A batch answering later in the same run does not shorten the block. */
  if (queue->blocked && queue->blocked_until != OW_TIME_UNSET
      && (until == OW_TIME_UNSET || until < queue->blocked_until))
    until = queue->blocked_until;
  if (queue->blocked && until == queue->blocked_until)
    {
      ow_tracking_run_add_message (run, message);
      return;
    }
  queue->blocked = TRUE;
  queue->blocked_until = until;

  if (!ow_store_set_provider_state (run->client->store, ow_tracking_queue_name (queue), until,
                                    backoff, message, &error))
    ow_tracking_run_keep_store_error (run, error);

  ow_tracking_run_add_message (run, message);
  ow_tracking_client_emit_provider_blocked (run->client, ow_tracking_queue_name (queue), message);
}

static gboolean
on_start_next_cb (gpointer user_data)
{
  run_start (user_data);
  return G_SOURCE_REMOVE;
}

void
ow_tracking_run_maybe_finish (OwTrackingRun *run)
{
  OwTrackingClient *client = run->client;
  GTask *next;

  if (run->outstanding > 0 || run->task == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (run->queues); i++)
    if (!g_queue_is_empty (&run->queues[i].batches) || run->queues[i].pump_source != 0)
      return;

  g_assert (client->run == run);
  client->run = NULL;
  run->summary->n_parcels = run->total;

  if (ow_tracking_run_cancelled (run))
    g_task_return_new_error (run->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The tracking refresh was cancelled"));
  else if (run->store_error != NULL)
    g_task_return_error (run->task, g_steal_pointer (&run->store_error));
  else
    g_task_return_pointer (run->task, g_steal_pointer (&run->summary),
                           (GDestroyNotify) ow_tracking_summary_free);
  g_clear_object (&run->task);

  ow_tracking_client_notify_busy (client);

  /* Refreshes asked for meanwhile start next, each from a fresh list, from an idle so
   * the caller's callback has run first. */
  if ((next = g_queue_pop_head (&client->waiting)) != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, on_start_next_cb, next, NULL);
}

/* Starting a refresh */

static OwTrackingQueue *
queue_for (OwTrackingRun *run,
           const char    *provider)
{
  if (g_strcmp0 (provider, OW_PROVIDER_CAINIAO) == 0)
    return &run->queues[0];
  if (g_strcmp0 (provider, OW_PROVIDER_17TRACK) == 0)
    return &run->queues[1];
  return NULL;
}

/* The user's choice, else what the number suggests now: a key added since the parcel
 * was attached makes 17TRACK possible. */
static const char *
pick_provider (OwTrackingRun *run,
               OwParcel      *parcel,
               gboolean       have_key)
{
  const char *number = ow_parcel_get_tracking_number (parcel);
  g_autoptr(OwOrder) order = NULL;

  if (ow_parcel_get_provider_overridden (parcel))
    return ow_parcel_get_provider (parcel);
  /* The common case needs no order: Cainiao's own numbers. */
  if (ow_tracking_number_classify (number) == OW_TRACKING_NUMBER_CAINIAO)
    return OW_PROVIDER_CAINIAO;

  order = ow_store_get_order (run->client->store, ow_parcel_get_order_id (parcel), NULL);
  return ow_tracking_number_guess_provider (number, order ? ow_order_get_marketplace (order) : NULL,
                                            have_key);
}

/* Sorts the parcels into the providers' queues, then sends. */
static void
run_dispatch (OwTrackingRun *run,
              GPtrArray     *parcels,
              const char    *key)
{
  OwTrackingClient *client = run->client;
  gboolean have_key = key != NULL && *key != '\0';

  ow_tracking_17track_set_api_key (OW_TRACKING_17TRACK (client->seventeen), key);
  run->queues[0].provider = g_object_ref (client->cainiao);
  run->queues[1].provider = g_object_ref (client->seventeen);
  run->queues[1].min_interval_ms = SEVENTEEN_INTERVAL_MS;

  for (guint i = 0; i < G_N_ELEMENTS (run->queues); i++)
    {
      OwTrackingQueue *queue = &run->queues[i];
      g_autofree char *message = NULL;
      gint64 blocked_until = OW_TIME_UNSET;

      queue->run = run;
      queue->pending[OW_TRACKING_STEP_TRACK] = g_ptr_array_new_with_free_func (g_object_unref);
      queue->pending[OW_TRACKING_STEP_REGISTER] = g_ptr_array_new_with_free_func (g_object_unref);
      ow_store_get_provider_state (client->store, ow_tracking_queue_name (queue), &blocked_until,
                                   NULL, &message, NULL);
      if (blocked_until != OW_TIME_UNSET && blocked_until > run->now)
        {
          queue->stopped = TRUE;
          if (message != NULL)
            ow_tracking_run_add_message (run, message);
        }
    }

  for (guint i = 0; i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      const char *provider = pick_provider (run, parcel, have_key);
      OwTrackingQueue *queue = queue_for (run, provider);
      OwTrackingStep step = OW_TRACKING_STEP_TRACK;

      if (queue == NULL)
        {
          ow_tracking_run_fail_parcel (run, parcel,
                       _("No tracking service can follow this number yet: add a 17TRACK API "
                         "key in Preferences, or pick a provider for it"),
                       OW_TIME_UNSET);
          continue;
        }
      if (queue->stopped)
        {
          run->summary->n_skipped++;
          ow_tracking_run_progress (run, 1);
          continue;
        }
      /* 17TRACK knows nothing of a number until it is registered. */
      if (ow_tracking_provider_has_step (queue->provider, OW_TRACKING_STEP_REGISTER)
          && ow_parcel_get_last_check (parcel) == OW_TIME_UNSET)
        step = OW_TRACKING_STEP_REGISTER;
      g_ptr_array_add (queue->pending[step], g_object_ref (parcel));
    }

  for (guint i = 0; i < G_N_ELEMENTS (run->queues); i++)
    {
      OwTrackingQueue *queue = &run->queues[i];

      ow_tracking_queue_add (queue, OW_TRACKING_STEP_REGISTER,
                             queue->pending[OW_TRACKING_STEP_REGISTER],
                 FALSE, FALSE);
      ow_tracking_queue_add (queue, OW_TRACKING_STEP_TRACK,
                             queue->pending[OW_TRACKING_STEP_TRACK], FALSE,
                 FALSE);
      g_ptr_array_set_size (queue->pending[OW_TRACKING_STEP_REGISTER], 0);
      g_ptr_array_set_size (queue->pending[OW_TRACKING_STEP_TRACK], 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (run->queues); i++)
    ow_tracking_queue_pump (&run->queues[i]);
  ow_tracking_run_maybe_finish (run);
}

static void
on_key_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OwTrackingRun) run = user_data;
  g_autoptr(GPtrArray) parcels = g_object_steal_data (G_OBJECT (run->task), "parcels");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = ow_17track_key_lookup_finish (result, &error);

  /* No keyring (a bare session, the command line over ssh): no key. */
  if (error != NULL)
    g_debug ("No 17TRACK key from the keyring: %s", error->message);
  run_dispatch (run, parcels, key);
}

static gboolean
needs_key (OwTrackingRun *run,
           GPtrArray     *parcels)
{
  for (guint i = 0; i < parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (parcels, i);
      const char *provider = ow_parcel_get_provider (parcel);

      if (ow_parcel_get_provider_overridden (parcel)
          ? g_strcmp0 (provider, OW_PROVIDER_17TRACK) == 0
          : ow_tracking_number_classify (ow_parcel_get_tracking_number (parcel))
            != OW_TRACKING_NUMBER_CAINIAO)
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
collect_parcels (OwTrackingRun  *run,
                 GError        **error)
{
  OwStore *store = run->client->store;
  g_autoptr(GPtrArray) parcels = NULL;

  if (run->order_ids->len == 0)
    return ow_store_list_due_parcels (store, run->now, error);

  parcels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < run->order_ids->len; i++)
    {
      g_autoptr(GPtrArray) of_order = NULL;

      of_order = ow_store_list_parcels (store, g_array_index (run->order_ids, gint64, i), error);
      if (of_order == NULL)
        return NULL;
      for (guint j = 0; j < of_order->len; j++)
        {
          OwParcel *parcel = g_ptr_array_index (of_order, j);

          /* A last-mile number the first service already reports on is not asked for. */
          if (ow_parcel_get_follows_parcel_id (parcel) > 0
              && ow_parcel_get_next_check (parcel) == OW_TIME_UNSET
              && ow_parcel_get_last_check (parcel) == OW_TIME_UNSET)
            continue;
          g_ptr_array_add (parcels, g_object_ref (parcel));
        }
    }
  return g_steal_pointer (&parcels);
}

/* Collects the parcels, finds the key if one is needed, then sends. */
static void
run_begin (OwTrackingRun *run)
{
  OwTrackingClient *client = run->client;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;

  parcels = collect_parcels (run, &error);
  if (parcels == NULL)
    {
      run->store_error = g_steal_pointer (&error);
      ow_tracking_run_maybe_finish (run);
      return;
    }
  run->total = parcels->len;
  ow_tracking_client_emit_progress (client, 0, run->total);

  if (!client->api_key_set && needs_key (run, parcels))
    {
      g_object_set_data_full (G_OBJECT (run->task), "parcels", g_steal_pointer (&parcels),
                              (GDestroyNotify) g_ptr_array_unref);
      ow_17track_key_lookup_async (run->cancellable, on_key_cb, ow_tracking_run_ref (run));
    }
  else
    run_dispatch (run, parcels, client->api_key);
}

static void
load_policies_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  g_task_return_pointer (task, ow_policy_registry_new (), g_object_unref);
}

static void
on_policies_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OwTrackingRun) run = user_data;
  g_autoptr(OwPolicyRegistry) policies = g_task_propagate_pointer (G_TASK (result), NULL);

  if (run->client->policies == NULL)
    run->client->policies = g_steal_pointer (&policies);
  run_begin (run);
}

static void
run_start (GTask *task)
{
  OwTrackingClient *client = g_task_get_source_object (task);
  OwTrackingRun *run = g_task_get_task_data (task);

  g_assert (client->run == NULL);
  client->run = run;
  run->task = task;
  run->now = ow_time_now ();
  ow_tracking_client_notify_busy (client);

  /* The policies decide how often to poll; reading them takes a while, so not here. */
  if (client->policies == NULL)
    {
      g_autoptr(GTask) load = g_task_new (NULL, NULL, on_policies_cb, ow_tracking_run_ref (run));

      g_task_set_source_tag (load, run_start);
      g_task_run_in_thread (load, load_policies_in_thread);
    }
  else
    run_begin (run);
}

void
ow_tracking_client_refresh_async (OwTrackingClient    *self,
                                  const gint64        *order_ids,
                                  gsize                n_order_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OwTrackingRun *run;

  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (n_order_ids == 0 || order_ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ow_tracking_client_refresh_async);

  run = g_new0 (OwTrackingRun, 1);
  g_atomic_ref_count_init (&run->ref_count);
  run->client = g_object_ref (self);
  run->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  run->order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (run->order_ids, order_ids, n_order_ids);
  run->deadlines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  run->summary = g_new0 (OwTrackingSummary, 1);
  run->summary->failed = g_ptr_array_new_with_free_func (g_object_unref);
  run->summary->messages = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, run, (GDestroyNotify) ow_tracking_run_unref);

  /* One refresh at a time: the limits hold across them and nothing is asked twice. */
  if (self->run != NULL)
    g_queue_push_tail (&self->waiting, g_steal_pointer (&task));
  else
    run_start (g_steal_pointer (&task));
}

OwTrackingSummary *
ow_tracking_client_refresh_finish (OwTrackingClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (OW_IS_TRACKING_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == ow_tracking_client_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
