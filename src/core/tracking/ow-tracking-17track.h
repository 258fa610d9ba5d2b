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

/* Where the 17TRACK key is kept. */
typedef enum
{
  OW_17TRACK_KEY_NOWHERE,   /* none saved */
  OW_17TRACK_KEY_ENV,       /* $ORDERWATCH_17TRACK_KEY */
  OW_17TRACK_KEY_KEYRING,   /* the keyring (inside flatpak: through the Secret portal) */
  OW_17TRACK_KEY_FILE,      /* no keyring answered: ow_17track_key_file(), mode 0600 */
} Ow17trackKeyPlace;

/* The key lives in the user's keyring (libsecret), never in settings or the database.
 * $ORDERWATCH_17TRACK_KEY, when set, wins (for tests and scripts). When no keyring answers
 * (none on the bus; inside flatpak, no Secret portal) the key is kept in a file only the
 * user can read, and the app says so (ow_17track_key_describe()). */
void                ow_17track_key_lookup_async    (GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
/* The key, or NULL (no error) when none is stored. */
char               *ow_17track_key_lookup_finish   (GAsyncResult      *result,
                                                    GError           **error);
/* Blocking; for the command line. */
char               *ow_17track_key_lookup_sync     (GCancellable      *cancellable,
                                                    GError           **error);
char               *ow_17track_key_lookup_place_sync (GCancellable    *cancellable,
                                                    Ow17trackKeyPlace *place,
                                                    GError           **error);
/* @key NULL or empty: forget the key. */
void                ow_17track_key_store_async     (const char        *key,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
gboolean            ow_17track_key_store_finish    (GAsyncResult      *result,
                                                    GError           **error);
gboolean            ow_17track_key_store_sync      (const char        *key,
                                                    GCancellable      *cancellable,
                                                    Ow17trackKeyPlace *place,
                                                    GError           **error);
/* Where a finished lookup found, or a store put, the key. */
Ow17trackKeyPlace   ow_17track_key_result_get_place (GAsyncResult     *result);
/* The file used when no keyring answers. */
char               *ow_17track_key_file            (void);
/* A sentence for the user: where the key is. */
char               *ow_17track_key_describe        (Ow17trackKeyPlace  place);
/* NULL when @key looks like a 17TRACK key, else what is wrong with it (translated). */
const char         *ow_17track_key_check           (const char        *key);

G_END_DECLS
