/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cainiao global tracking (AliExpress parcels; no key). */
#pragma once

#include <glib-object.h>

#include "ow-tracking-provider.h"

G_BEGIN_DECLS

#define OW_TYPE_TRACKING_CAINIAO (ow_tracking_cainiao_get_type ())

G_DECLARE_FINAL_TYPE (OwTrackingCainiao, ow_tracking_cainiao, OW, TRACKING_CAINIAO, GObject)

#define OW_CAINIAO_DEFAULT_URL "https://global.cainiao.com"
#define OW_CAINIAO_BATCH_SIZE  10

/* @base_url: the part before /global/detail.json. */
OwTrackingProvider *ow_tracking_cainiao_new            (const char *base_url);
/* The normalized status an actionCode means; FALSE for codes we do not know. */
gboolean            ow_tracking_cainiao_action_status  (const char       *action_code,
                                                        OwTrackingStatus *status);

G_END_DECLS
