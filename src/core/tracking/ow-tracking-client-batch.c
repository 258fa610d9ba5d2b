/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One request of a refresh: sent within the provider's limits, its body read with a size
 * cap, parsed in a thread, and applied to the store in one transaction. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-store-parcels.h"
#include "ow-time.h"
#include "ow-tracking-client-run-private.h"

#define READ_CHUNK             (64 * 1024)
#define RATE_LIMIT_DEFAULT     (5 * 60)      /* a 429 without Retry-After */
#define RATE_LIMIT_MAX         (7 * 86400)   /* the longest Retry-After believed */

typedef struct _Batch Batch;

struct _Batch
{
  OwTrackingRun      *run;
  OwTrackingQueue    *queue;
  OwTrackingProvider *provider;
  OwTrackingStep      step;
  gboolean            registered;      /* went through the register step already */
  GPtrArray          *parcels;         /* (element-type OwParcel) */
  GStrv               numbers;
  SoupMessage        *message;
  GCancellable       *cancellable;
  gulong              cancelled_id;
  guint               timeout_source;
  gboolean            timed_out;
  GInputStream       *stream;
  GByteArray         *body;
};

/* Batches */

static Batch *
batch_new (OwTrackingQueue *queue,
           OwTrackingStep   step,
           GPtrArray       *parcels)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->run = ow_tracking_run_ref (queue->run);
  batch->queue = queue;
  batch->provider = g_object_ref (queue->provider);
  batch->step = step;
  batch->parcels = g_ptr_array_ref (parcels);
  batch->numbers = g_new0 (char *, parcels->len + 1);
  for (guint i = 0; i < parcels->len; i++)
    batch->numbers[i] = g_strdup (ow_parcel_get_tracking_number (g_ptr_array_index (parcels, i)));
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_clear_handle_id (&batch->timeout_source, g_source_remove);
  if (batch->cancelled_id != 0)
    g_cancellable_disconnect (batch->run->cancellable, batch->cancelled_id);
  g_clear_object (&batch->cancellable);
  g_clear_object (&batch->stream);
  g_clear_object (&batch->message);
  g_clear_pointer (&batch->body, g_byte_array_unref);
  g_clear_pointer (&batch->numbers, g_strfreev);
  g_clear_pointer (&batch->parcels, g_ptr_array_unref);
  g_clear_object (&batch->provider);
  g_clear_pointer (&batch->run, ow_tracking_run_unref);
  g_free (batch);
}

/* Splits @parcels into batches at the end (or, to continue a flow, the head) of the queue. */
void
ow_tracking_queue_add (OwTrackingQueue *queue,
                       OwTrackingStep   step,
                       GPtrArray       *parcels,
                       gboolean         registered,
                       gboolean         at_head)
{
  guint size = ow_tracking_provider_get_batch_size (queue->provider);

  for (guint start = 0; start < parcels->len; start += size)
    {
      g_autoptr(GPtrArray) slice = g_ptr_array_new_with_free_func (g_object_unref);
      Batch *batch;

      for (guint i = start; i < parcels->len && i < start + size; i++)
        g_ptr_array_add (slice, g_object_ref (g_ptr_array_index (parcels, i)));
      batch = batch_new (queue, step, slice);
      batch->registered = registered;
      if (at_head)
        g_queue_push_head (&queue->batches, batch);
      else
        g_queue_push_tail (&queue->batches, batch);
    }
}

/* The batch is over: its parcels are accounted for. */
static void
batch_done (Batch *batch)
{
  OwTrackingRun *run = ow_tracking_run_ref (batch->run);
  OwTrackingQueue *queue = batch->queue;

  run->outstanding--;
  batch_free (batch);
  ow_tracking_queue_pump (queue);
  ow_tracking_run_maybe_finish (run);
  ow_tracking_run_unref (run);
}

static void
batch_fail (Batch      *batch,
            const char *message,
            gint64      retry_at)
{
  for (guint i = 0; i < batch->parcels->len; i++)
    ow_tracking_run_fail_parcel (batch->run, g_ptr_array_index (batch->parcels, i), message,
                                 retry_at);
}

static void
batch_release_slot (Batch *batch)
{
  g_clear_handle_id (&batch->timeout_source, g_source_remove);
  if (batch->message != NULL)
    {
      batch->queue->in_flight--;
      g_clear_object (&batch->message);
    }
}

static gint64
parse_retry_after (SoupMessage *message,
                   gint64       now)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return now + RATE_LIMIT_DEFAULT;
  /* Either form, capped alike: a date years ahead would block the provider for good, as
   * only a successful request (never sent meanwhile) clears a block. */
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
    return now + (gint64) MIN (seconds, RATE_LIMIT_MAX);
  if ((date = soup_date_time_new_from_http_string (value)) != NULL)
    return CLAMP (g_date_time_to_unix (date), now, now + RATE_LIMIT_MAX);
  return now + RATE_LIMIT_DEFAULT;
}

static void
batch_transport_error (Batch  *batch,
                       GError *error)
{
  OwTrackingRun *run = batch->run;
  g_autofree char *message = NULL;

  if (ow_tracking_run_cancelled (run))
    {
      ow_tracking_run_skip_parcels (run, batch->parcels);
      return;
    }
  /* What happened in words; GIO's own message ("Error resolving …") is for the log. */
  g_debug ("%s: %s", ow_tracking_queue_label (batch->queue), error->message);
  if (batch->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      message = g_strdup_printf (_("%s did not answer in time; Orderwatch will try again later"),
                                 ow_tracking_queue_label (batch->queue));
      /* A stalled server stalls the next batch as well, 30 s or more each: the batches not
       * sent yet stay due for the next refresh instead. */
      if (!batch->queue->stopped)
        {
          g_autofree char *stopped = NULL;

          batch->queue->stopped = TRUE;
          stopped = g_strdup_printf (_("%s did not answer in time; Orderwatch stopped asking it "
                                       "in this refresh and checks the other parcels at the "
                                       "next one"), ow_tracking_queue_label (batch->queue));
          ow_tracking_run_add_message (run, stopped);
        }
    }
  else if (error->domain == G_TLS_ERROR)
    /* Translators: %s is a tracking service, such as Cainiao */
    message = g_strdup_printf (_("The secure connection to %s failed; check the date and "
                                 "time of this computer"),
                               ow_tracking_queue_label (batch->queue));
  else
    /* Translators: %s is a tracking service, such as Cainiao */
    message = g_strdup_printf (_("Could not reach %s; check your internet connection"),
                               ow_tracking_queue_label (batch->queue));
  batch_fail (batch, message, OW_TIME_UNSET);
}

/* Status codes that are not a body to parse. Returns FALSE when the batch is over. */
static gboolean
batch_check_status (Batch *batch)
{
  OwTrackingRun *run = batch->run;
  OwTrackingQueue *queue = batch->queue;
  SoupStatus status = soup_message_get_status (batch->message);
  g_autofree char *message = NULL;

  if (status == 429 /* Too Many Requests */)
    {
      gint64 retry_at = parse_retry_after (batch->message, run->now);
      g_autofree char *wait = ow_duration_format (MAX (retry_at - run->now, 60));

      message = g_strdup_printf (_("%s asked Orderwatch to slow down; it will wait %s before "
                                   "asking again"), ow_tracking_queue_label (queue), wait);
      ow_tracking_queue_block (queue, retry_at, FALSE, message);
      batch_fail (batch, message, retry_at);
      return FALSE;
    }
  if ((status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
      && g_str_equal (ow_tracking_queue_name (queue), OW_PROVIDER_17TRACK))
    {
      message = g_strdup_printf (_("17TRACK refused the API key (HTTP %u); check the key in "
                                   "Preferences"), status);
      /* Stops this refresh only: a corrected key works at the next one. */
      ow_tracking_queue_block (queue, OW_TIME_UNSET, FALSE, message);
      batch_fail (batch, message, OW_TIME_UNSET);
      return FALSE;
    }
  /* Requests with the key are sent without following redirects (the key would go along). */
  if (SOUP_STATUS_IS_REDIRECTION (status)
      && g_str_equal (ow_tracking_queue_name (queue), OW_PROVIDER_17TRACK))
    {
      message = g_strdup_printf (_("17TRACK answered with a redirect to another address (HTTP "
                                   "%u); Orderwatch does not follow it, so that your API key "
                                   "goes nowhere else. Check the seventeen-track-url setting"),
                                 status);
      ow_tracking_queue_block (queue, OW_TIME_UNSET, FALSE, message);
      batch_fail (batch, message, OW_TIME_UNSET);
      return FALSE;
    }
  /* A 403 from Cainiao is its anti-bot wall: handled like the captcha page. */
  if (status == SOUP_STATUS_FORBIDDEN)
    {
      message = g_strdup_printf (_("%s refused to answer (HTTP 403); Orderwatch will wait a few "
                                   "hours before asking again"), ow_tracking_queue_label (queue));
      ow_tracking_queue_block (queue, OW_TIME_UNSET, TRUE, message);
      batch_fail (batch, message, OW_TIME_UNSET);
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      message = g_strdup_printf (_("%s had a problem (HTTP %u); Orderwatch will try again later"),
                                 ow_tracking_queue_label (queue), status);
      batch_fail (batch, message, OW_TIME_UNSET);
      return FALSE;
    }
  return TRUE;
}

static void
batch_too_large (Batch *batch)
{
  g_autofree char *size = g_format_size (batch->run->client->max_body);
  g_autofree char *message = g_strdup_printf (_("%s sent an answer larger than %s; it was "
                                                "ignored and will be asked again later"),
                                              ow_tracking_queue_label (batch->queue), size);

  batch_fail (batch, message, OW_TIME_UNSET);
}

/* Applying a parsed response */

static void
batch_apply (Batch     *batch,
             GPtrArray *results)
{
  OwTrackingRun *run = batch->run;
  OwTrackingQueue *queue = batch->queue;
  OwStore *store = run->client->store;
  g_autoptr(GPtrArray) to_register = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) to_track = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean in_transaction;

  g_assert (results->len == batch->parcels->len);

  if (!queue->succeeded)
    {
      queue->succeeded = TRUE;
      /* The service answers again: forget earlier blocks. */
      ow_store_set_provider_state (store, ow_tracking_queue_name (queue), OW_TIME_UNSET, 0, NULL,
                                   NULL);
    }

  /* One transaction per response: all its events and facts, or none. */
  in_transaction = ow_store_begin (store, &error);
  if (!in_transaction)
    ow_tracking_run_keep_store_error (run, error);
  g_clear_error (&error);

  for (guint i = 0; i < results->len; i++)
    {
      OwTrackingResult *result = g_ptr_array_index (results, i);
      OwParcel *parcel = g_ptr_array_index (batch->parcels, i);
      g_autoptr(OwParcel) stored = NULL;
      guint n_new = 0;

      if (result->error != NULL)
        {
          if (g_error_matches (result->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_QUOTA))
            ow_tracking_queue_block (queue, run->now + OW_TRACKING_QUOTA_PAUSE, FALSE,
                                     result->error->message);
          ow_tracking_run_fail_parcel (run, parcel, result->error->message, OW_TIME_UNSET);
          continue;
        }
      if (batch->step == OW_TRACKING_STEP_REGISTER)
        {
          g_ptr_array_add (to_track, g_object_ref (parcel));
          continue;
        }
      if (result->needs_register && !batch->registered)
        {
          g_ptr_array_add (to_register, g_object_ref (parcel));
          continue;
        }

      stored = ow_store_apply_tracking_result (store, ow_parcel_get_id (parcel), result, run->now,
                                               ow_tracking_run_nearest_deadline (run,
                                                                 ow_parcel_get_order_id (parcel)),
                                               &n_new, &error);
      if (stored == NULL)
        {
          ow_tracking_run_keep_store_error (run, error);
          g_clear_error (&error);
          ow_tracking_run_progress (run, 1);
          continue;
        }
      run->summary->n_new_events += n_new;
      if (n_new > 0 || ow_parcel_get_status (stored) != ow_parcel_get_status (parcel))
        run->summary->n_updated++;
      ow_tracking_run_progress (run, 1);
    }

  if (in_transaction && !ow_store_commit (store, &error))
    ow_tracking_run_keep_store_error (run, error);

  /* 17TRACK: a registered number is asked for its events next; an unknown one is
   * registered first. Both jump the queue so a flow finishes before new ones start. */
  if (to_track->len > 0)
    ow_tracking_queue_add (queue, OW_TRACKING_STEP_TRACK, to_track, TRUE, TRUE);
  if (to_register->len > 0)
    ow_tracking_queue_add (queue, OW_TRACKING_STEP_REGISTER, to_register, TRUE, TRUE);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Batch *batch = task_data;
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&batch->body));
  GError *error = NULL;
  GPtrArray *results;

  results = ow_tracking_provider_parse_response (batch->provider, batch->step,
                                                 (const char * const *) batch->numbers, body,
                                                 &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_parsed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Batch *batch = user_data;
  OwTrackingRun *run = batch->run;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = g_task_propagate_pointer (G_TASK (result), &error);
  if (ow_tracking_run_cancelled (run))
    ow_tracking_run_skip_parcels (run, batch->parcels);
  else if (results != NULL)
    batch_apply (batch, results);
  else if (g_error_matches (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_BLOCKED))
    {
      ow_tracking_queue_block (batch->queue, OW_TIME_UNSET, TRUE, error->message);
      batch_fail (batch, error->message, OW_TIME_UNSET);
    }
  else if (g_error_matches (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_QUOTA))
    {
      /* The quota renews daily at best: no use asking before. */
      ow_tracking_queue_block (batch->queue, run->now + OW_TRACKING_QUOTA_PAUSE, FALSE,
                               error->message);
      batch_fail (batch, error->message, OW_TIME_UNSET);
    }
  else if (g_error_matches (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_REJECTED))
    {
      ow_tracking_queue_block (batch->queue, OW_TIME_UNSET, FALSE, error->message);
      batch_fail (batch, error->message, OW_TIME_UNSET);
    }
  else
    batch_fail (batch, error->message, OW_TIME_UNSET);

  batch_done (batch);
}

static void
batch_parse (Batch *batch)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_parsed_cb, batch);

  g_task_set_source_tag (task, batch_parse);
  g_task_set_task_data (task, batch, NULL);
  g_task_run_in_thread (task, parse_in_thread);
}

/* Reading the body, capped */

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      batch_release_slot (batch);
      batch_transport_error (batch, error);
      batch_done (batch);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      batch_release_slot (batch);
      g_clear_object (&batch->stream);
      batch_parse (batch);
      /* The request slot is free while the body is parsed. */
      ow_tracking_queue_pump (batch->queue);
      return;
    }
  if (batch->body->len + size > batch->run->client->max_body)
    {
      batch_release_slot (batch);
      batch_too_large (batch);
      batch_done (batch);
      return;
    }

  g_byte_array_append (batch->body, g_bytes_get_data (bytes, NULL), size);
  g_input_stream_read_bytes_async (batch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   batch->cancellable, on_read_cb, batch);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  goffset length;

  batch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (batch->stream == NULL)
    {
      batch_release_slot (batch);
      batch_transport_error (batch, error);
      batch_done (batch);
      return;
    }
  if (!batch_check_status (batch))
    {
      batch_release_slot (batch);
      batch_done (batch);
      return;
    }

  length = soup_message_headers_get_content_length (
    soup_message_get_response_headers (batch->message));
  if (length > 0 && (guint64) length > batch->run->client->max_body)
    {
      batch_release_slot (batch);
      batch_too_large (batch);
      batch_done (batch);
      return;
    }

  batch->body = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
  g_input_stream_read_bytes_async (batch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   batch->cancellable, on_read_cb, batch);
}

static gboolean
on_batch_timeout_cb (gpointer user_data)
{
  Batch *batch = user_data;

  batch->timeout_source = 0;
  batch->timed_out = TRUE;
  g_cancellable_cancel (batch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_run_cancelled_cb (GCancellable *run_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
batch_send (Batch *batch)
{
  OwTrackingRun *run = batch->run;
  OwTrackingClient *client = run->client;
  g_autoptr(GError) error = NULL;

  run->outstanding++;
  batch->message = ow_tracking_provider_build_request (batch->provider, batch->step,
                                                       (const char * const *) batch->numbers,
                                                       &error);
  if (batch->message == NULL)
    {
      /* Every other batch would fail the same way. */
      if (g_error_matches (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_NO_KEY)
          || g_error_matches (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_INSECURE))
        {
          batch->queue->stopped = TRUE;
          ow_tracking_run_add_message (run, error->message);
        }
      batch_fail (batch, error->message, OW_TIME_UNSET);
      batch_done (batch);
      return;
    }

  batch->queue->in_flight++;
  batch->queue->requests++;
  batch->queue->last_start_us = g_get_monotonic_time ();
  run->summary->n_requests++;

  batch->cancellable = g_cancellable_new ();
  batch->cancelled_id = g_cancellable_connect (run->cancellable, G_CALLBACK (on_run_cancelled_cb),
                                               g_object_ref (batch->cancellable),
                                               g_object_unref);
  /* Connecting plus waiting for the whole answer; the session's own timeout covers a
   * connection that stalls mid-body. */
  batch->timeout_source = g_timeout_add_seconds (client->connect_timeout + client->read_timeout,
                                                 on_batch_timeout_cb, batch);
  soup_session_send_async (client->session, batch->message, G_PRIORITY_DEFAULT,
                           batch->cancellable, on_sent_cb, batch);
}

/* Scheduling requests */

static gboolean
on_pump_cb (gpointer user_data)
{
  OwTrackingQueue *queue = user_data;
  OwTrackingRun *run = ow_tracking_run_ref (queue->run);

  queue->pump_source = 0;
  ow_tracking_queue_pump (queue);
  ow_tracking_run_maybe_finish (run);
  ow_tracking_run_unref (run);
  return G_SOURCE_REMOVE;
}

void
ow_tracking_queue_pump (OwTrackingQueue *queue)
{
  OwTrackingRun *run = queue->run;
  OwTrackingClient *client = run->client;
  Batch *batch;

  while (!queue->stopped && !ow_tracking_run_cancelled (run)
         && queue->in_flight < client->concurrency
         && !g_queue_is_empty (&queue->batches))
    {
      if (queue->requests >= client->budget)
        {
          queue->stopped = TRUE;
          break;
        }
      if (queue->min_interval_ms > 0 && queue->last_start_us != 0)
        {
          gint64 wait_ms = queue->min_interval_ms
                           - (g_get_monotonic_time () - queue->last_start_us) / 1000;

          if (wait_ms > 0)
            {
              if (queue->pump_source == 0)
                queue->pump_source = g_timeout_add ((guint) wait_ms, on_pump_cb, queue);
              return;
            }
        }
      batch = g_queue_pop_head (&queue->batches);
      batch_send (batch);
    }

  /* What is left waits for the next refresh; the parcels stay due. */
  if (queue->stopped || ow_tracking_run_cancelled (run))
    while ((batch = g_queue_pop_head (&queue->batches)) != NULL)
      {
        ow_tracking_run_skip_parcels (run, batch->parcels);
        batch_free (batch);
      }
}

