/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the two halves of a refresh: ow-tracking-client-run.c (the run: parcels,
 * providers, results) and ow-tracking-client-batch.c (one request: send, read, parse,
 * apply). */
#pragma once

#include "ow-tracking-client-private.h"
#include "ow-tracking-provider.h"

G_BEGIN_DECLS

#define OW_TRACKING_QUOTA_PAUSE (24 * 3600)

typedef struct _OwTrackingQueue OwTrackingQueue;

/* The batches of one provider in one run. */
struct _OwTrackingQueue
{
  OwTrackingRun      *run;
  OwTrackingProvider *provider;
  GQueue              batches;
  GPtrArray          *pending[2];      /* parcels per step, before batching */
  guint               in_flight;
  guint               requests;
  guint               min_interval_ms;
  gint64              last_start_us;
  guint               pump_source;
  gboolean            stopped;         /* blocked, quota, no key: the rest waits */
  gboolean            succeeded;
  gboolean            blocked;         /* ow_tracking_queue_block () ran in this run */
  gboolean            escalated;       /* ...and stepped the back-off up */
  gint64              blocked_until;   /* what it set, OW_TIME_UNSET for this run only */
};

struct _OwTrackingRun
{
  gatomicrefcount     ref_count;
  OwTrackingClient   *client;
  GTask              *task;
  GCancellable       *cancellable;
  gint64              now;
  GArray             *order_ids;
  OwTrackingQueue     queues[2];       /* Cainiao, 17TRACK */
  GHashTable         *deadlines;       /* order id -> nearest deadline */
  OwTrackingSummary  *summary;
  GError             *store_error;
  guint               total;
  guint               done;
  guint               outstanding;     /* batches sent, being read or parsed */
};

OwTrackingRun *ow_tracking_run_ref              (OwTrackingRun   *run);
void           ow_tracking_run_unref            (OwTrackingRun   *run);
gboolean       ow_tracking_run_cancelled        (OwTrackingRun   *run);
void           ow_tracking_run_progress         (OwTrackingRun   *run,
                                                 guint            n_done);
void           ow_tracking_run_keep_store_error (OwTrackingRun   *run,
                                                 GError          *error);
void           ow_tracking_run_add_message      (OwTrackingRun   *run,
                                                 const char      *message);
gint64         ow_tracking_run_nearest_deadline (OwTrackingRun   *run,
                                                 gint64           order_id);
void           ow_tracking_run_fail_parcel      (OwTrackingRun   *run,
                                                 OwParcel        *parcel,
                                                 const char      *message,
                                                 gint64           retry_at);
void           ow_tracking_run_skip_parcels     (OwTrackingRun   *run,
                                                 GPtrArray       *parcels);
void           ow_tracking_run_maybe_finish     (OwTrackingRun   *run);

const char    *ow_tracking_queue_label          (OwTrackingQueue *queue);
const char    *ow_tracking_queue_name           (OwTrackingQueue *queue);
/* Stops asking the provider in this run; remembered until @until (OW_TIME_UNSET: this
 * run only), or for a doubling back-off when @escalate. Tells the user @message. The
 * batches in flight when a refusal came are one episode: the back-off steps up once a run,
 * and a block is never shortened or told again. */
void           ow_tracking_queue_block          (OwTrackingQueue *queue,
                                                 gint64           until,
                                                 gboolean         escalate,
                                                 const char      *message);
/* ow-tracking-client-batch.c */
void           ow_tracking_queue_add            (OwTrackingQueue *queue,
                                                 OwTrackingStep   step,
                                                 GPtrArray       *parcels,
                                                 gboolean         registered,
                                                 gboolean         at_head);
void           ow_tracking_queue_pump           (OwTrackingQueue *queue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwTrackingRun, ow_tracking_run_unref)

G_END_DECLS
