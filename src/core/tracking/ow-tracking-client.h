/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fetches tracking for the store's parcels: one SoupSession for the app, batches per
 * provider, a concurrency limit and a request budget, polite back-off, results applied
 * to the store one transaction per response. Never blocks the main loop. */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "ow-parcel.h"
#include "ow-tracking-provider.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* What one refresh did. */
#define OW_TYPE_TRACKING_SUMMARY (ow_tracking_summary_get_type ())

typedef struct
{
  guint      n_parcels;     /* parcels asked about */
  guint      n_updated;     /* parcels with new events or a new status */
  guint      n_new_events;
  guint      n_failed;
  guint      n_skipped;     /* left for later: provider blocked or request budget spent */
  guint      n_requests;    /* HTTP requests made */
  GPtrArray *failed;        /* (element-type OwParcel): as stored, with their last error */
  GPtrArray *messages;      /* (element-type utf8): about a whole service (blocked, quota,
                             * no key), for the user */
} OwTrackingSummary;

GType              ow_tracking_summary_get_type  (void) G_GNUC_CONST;
void               ow_tracking_summary_free      (OwTrackingSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwTrackingSummary, ow_tracking_summary_free)

#define OW_TYPE_TRACKING_CLIENT (ow_tracking_client_get_type ())

G_DECLARE_FINAL_TYPE (OwTrackingClient, ow_tracking_client, OW, TRACKING_CLIENT, GObject)

/* Base URLs come from $ORDERWATCH_CAINIAO_URL / $ORDERWATCH_17TRACK_URL, else the
 * GSettings keys cainiao-url / seventeen-track-url (when the schema is installed),
 * else the services' own. The 17TRACK key from $ORDERWATCH_17TRACK_KEY, else libsecret.
 *
 * Signals:
 *   "progress" (guint done, guint total): parcels done in the running refresh.
 *   "provider-blocked" (const char *provider, const char *message): a service answered
 *     with a captcha or refused us; tell the user. */
OwTrackingClient  *ow_tracking_client_new              (OwStore           *store);
OwStore           *ow_tracking_client_get_store        (OwTrackingClient  *self);
/* The app's one session (User-Agent Orderwatch/VERSION, timeouts). */
SoupSession       *ow_tracking_client_get_session      (OwTrackingClient  *self);
gboolean           ow_tracking_client_get_busy         (OwTrackingClient  *self);

/* The app's registry, to share it; without one the client loads its own (in a thread). */
void               ow_tracking_client_set_policy_registry (OwTrackingClient *self,
                                                        OwPolicyRegistry  *registry);
/* @provider: OW_PROVIDER_CAINIAO or OW_PROVIDER_17TRACK. */
void               ow_tracking_client_set_base_url     (OwTrackingClient  *self,
                                                        const char        *provider,
                                                        const char        *url);
const char        *ow_tracking_client_get_base_url     (OwTrackingClient  *self,
                                                        const char        *provider);
/* The 17TRACK key for this client; NULL: look it up (env, then libsecret) at refresh. */
void               ow_tracking_client_set_api_key      (OwTrackingClient  *self,
                                                        const char        *key);
/* Defaults: connect 15 s, read 30 s. */
void               ow_tracking_client_set_timeouts     (OwTrackingClient  *self,
                                                        guint              connect_seconds,
                                                        guint              read_seconds);
/* Default 4 MiB; a larger body fails the request with OW_TRACKING_ERROR_TOO_LARGE. */
void               ow_tracking_client_set_max_body_size (OwTrackingClient *self,
                                                        gsize              bytes);
/* Requests in flight per provider (default 2). */
void               ow_tracking_client_set_concurrency  (OwTrackingClient  *self,
                                                        guint              per_provider);
/* Requests per provider per refresh (default 150); the rest wait for the next one. */
void               ow_tracking_client_set_request_budget (OwTrackingClient *self,
                                                        guint              per_provider);

/* Refreshes the parcels of @order_ids (all of them, due or not), or when
 * @n_order_ids is 0 every parcel that is due now. Providers that are blocked are
 * skipped. Fails only when cancelled or the store fails; per-parcel failures are in
 * the summary and the store. */
void               ow_tracking_client_refresh_async    (OwTrackingClient  *self,
                                                        const gint64      *order_ids,
                                                        gsize              n_order_ids,
                                                        GCancellable      *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer           user_data);
OwTrackingSummary *ow_tracking_client_refresh_finish   (OwTrackingClient  *self,
                                                        GAsyncResult      *result,
                                                        GError           **error);

G_END_DECLS
