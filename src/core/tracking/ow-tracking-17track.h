/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 17TRACK API v2.2 (any carrier; the user's API key). */
#pragma once

#include <gio/gio.h>

#include "ow-tracking-provider.h"

G_BEGIN_DECLS

#define OW_TYPE_TRACKING_17TRACK (ow_tracking_17track_get_type ())

G_DECLARE_FINAL_TYPE (OwTracking17track, ow_tracking_17track, OW, TRACKING_17TRACK, GObject)

#define OW_17TRACK_DEFAULT_URL "https://api.17track.net"
#define OW_17TRACK_BATCH_SIZE  40

/* 17TRACK's error codes (TRACKING.md). */
#define OW_17TRACK_ALREADY_REGISTERED -18019901
#define OW_17TRACK_NOT_REGISTERED     -18019902
#define OW_17TRACK_QUOTA_USED         -18019907
#define OW_17TRACK_QUOTA_USED_TODAY   -18019908
#define OW_17TRACK_NO_INFO_YET        -18019909
#define OW_17TRACK_TOO_MANY_NUMBERS   -18010014

/* @base_url: the part before /track/v2.2/; @api_key: may be NULL (requests then fail
 * with OW_TRACKING_ERROR_NO_KEY). */
OwTrackingProvider *ow_tracking_17track_new        (const char        *base_url,
                                                    const char        *api_key);
void                ow_tracking_17track_set_api_key (OwTracking17track *self,
                                                    const char        *api_key);

/* The key lives in the user's keyring (libsecret), never in settings or the database.
 * $ORDERWATCH_17TRACK_KEY, when set, wins (for tests and scripts). */
void                ow_17track_key_lookup_async    (GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
/* The key, or NULL (no error) when none is stored. */
char               *ow_17track_key_lookup_finish   (GAsyncResult      *result,
                                                    GError           **error);
/* Blocking; for the command line. */
char               *ow_17track_key_lookup_sync     (GCancellable      *cancellable,
                                                    GError           **error);
/* @key NULL or empty: forget the key. */
void                ow_17track_key_store_async     (const char        *key,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
gboolean            ow_17track_key_store_finish    (GAsyncResult      *result,
                                                    GError           **error);

G_END_DECLS
