/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One interface for every tracking service: build a request for a batch of numbers,
 * parse the answer into one OwTrackingResult per number. Providers do no I/O. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* The one status vocabulary of every provider (TRACKING.md). Stored by name. */
typedef enum
{
  OW_TRACKING_STATUS_NOT_FOUND,
  OW_TRACKING_STATUS_INFO_RECEIVED,
  OW_TRACKING_STATUS_IN_TRANSIT,
  OW_TRACKING_STATUS_IN_CUSTOMS,
  OW_TRACKING_STATUS_OUT_FOR_DELIVERY,
  OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP,
  OW_TRACKING_STATUS_DELIVERED,
  OW_TRACKING_STATUS_DELIVERY_FAILED,
  OW_TRACKING_STATUS_RETURNING,
  OW_TRACKING_STATUS_EXCEPTION,
  OW_N_TRACKING_STATUSES
} OwTrackingStatus;

/* "NotFound", "InTransit", ... */
const char *ow_tracking_status_to_string   (OwTrackingStatus  status);
gboolean    ow_tracking_status_from_string (const char       *text,
                                            OwTrackingStatus *status);
/* Translated, for people: "In transit", "Out for delivery". */
const char *ow_tracking_status_label       (OwTrackingStatus  status);
/* A short symbolic icon name for the status. */
const char *ow_tracking_status_icon_name   (OwTrackingStatus  status);

/* The provider names stored in parcels.provider and the providers table. */
#define OW_PROVIDER_CAINIAO      "cainiao"
#define OW_PROVIDER_17TRACK      "17track"

/* Some services need two calls: register a number, then ask for its events. */
typedef enum
{
  OW_TRACKING_STEP_TRACK,
  OW_TRACKING_STEP_REGISTER,
} OwTrackingStep;

/* What one response says about one number. Plain data: parsers build it off the
 * main thread. */
#define OW_TYPE_TRACKING_RESULT (ow_tracking_result_get_type ())

typedef struct
{
  char             *number;        /* the number as asked */
  OwTrackingStatus  status;
  gboolean          status_known;  /* FALSE: keep the parcel's previous status */
  char             *raw_status;    /* the provider's own code and text */
  char             *carrier;       /* the last-mile carrier, or NULL */
  char             *next_number;   /* a last-mile number continuing this parcel, or NULL */
  gint64            eta_min;       /* estimated delivery window, or OW_TIME_UNSET */
  gint64            eta_max;
  GPtrArray        *events;        /* (element-type OwTrackingEvent): newest first */
  gboolean          needs_register; /* the service does not know the number yet */
  GError           *error;         /* this number failed (rejected, no info yet), or NULL */
} OwTrackingResult;

GType             ow_tracking_result_get_type (void) G_GNUC_CONST;
OwTrackingResult *ow_tracking_result_new      (const char        *number);
OwTrackingResult *ow_tracking_result_copy     (const OwTrackingResult *self);
void              ow_tracking_result_free     (OwTrackingResult  *self);

/* The newest event's time, or OW_TIME_UNSET without events. */
gint64            ow_tracking_result_get_newest_time (const OwTrackingResult *self);
/* The status a parcel at @previous (last moved at @previous_movement) should take:
 * the result's, except that a status moving backwards without a newer event (Cainiao
 * flip-flops between fetches) and an unknown status keep @previous. */
OwTrackingStatus  ow_tracking_result_resolve_status (const OwTrackingResult *self,
                                                     OwTrackingStatus  previous,
                                                     gint64            previous_movement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwTrackingResult, ow_tracking_result_free)

#define OW_TYPE_TRACKING_PROVIDER (ow_tracking_provider_get_type ())

G_DECLARE_INTERFACE (OwTrackingProvider, ow_tracking_provider, OW, TRACKING_PROVIDER, GObject)

struct _OwTrackingProviderInterface
{
  GTypeInterface parent_iface;

  const char  *(*get_name)       (OwTrackingProvider  *self);
  const char  *(*get_label)      (OwTrackingProvider  *self);
  guint        (*get_batch_size) (OwTrackingProvider  *self);
  gboolean     (*has_step)       (OwTrackingProvider  *self,
                                  OwTrackingStep       step);
  SoupMessage *(*build_request)  (OwTrackingProvider  *self,
                                  OwTrackingStep       step,
                                  const char * const  *numbers,
                                  GError             **error);
  GPtrArray   *(*parse_response) (OwTrackingProvider  *self,
                                  OwTrackingStep       step,
                                  const char * const  *numbers,
                                  GBytes              *body,
                                  GError             **error);
};

const char  *ow_tracking_provider_get_name       (OwTrackingProvider  *self);
/* "Cainiao", "17TRACK" */
const char  *ow_tracking_provider_get_label      (OwTrackingProvider  *self);
/* The most numbers one request may carry. */
guint        ow_tracking_provider_get_batch_size (OwTrackingProvider  *self);
gboolean     ow_tracking_provider_has_step       (OwTrackingProvider  *self,
                                                  OwTrackingStep       step);
/* @numbers: NULL-terminated, at most the batch size. */
SoupMessage *ow_tracking_provider_build_request  (OwTrackingProvider  *self,
                                                  OwTrackingStep       step,
                                                  const char * const  *numbers,
                                                  GError             **error);
/* (element-type OwTrackingResult): one result per number in @numbers, in that order,
 * matched by number, never by position. Fails as a whole (nothing to store) with
 * OW_TRACKING_ERROR_MALFORMED, _BLOCKED, _QUOTA or _NO_KEY. Thread-safe. */
GPtrArray   *ow_tracking_provider_parse_response (OwTrackingProvider  *self,
                                                  OwTrackingStep       step,
                                                  const char * const  *numbers,
                                                  GBytes              *body,
                                                  GError             **error);

/* Shared by the providers. */

/* Whether a carrier event's time can be true: from 2000 to 2100. A broken answer (Cainiao
 * has sent INT64_MAX milliseconds) is not stored as the year 292 million. */
gboolean     ow_tracking_time_is_sane            (gint64               time);

/* Fails with OW_TRACKING_ERROR_BLOCKED when @body is a captcha or any other page that
 * is not JSON, else parses it. */
JsonNode    *ow_tracking_parse_json_body         (GBytes              *body,
                                                  const char          *provider_label,
                                                  GError             **error);
/* A number, a numeric string, or @fallback (null, missing, anything else). */
gint64       ow_tracking_json_get_int            (JsonObject          *object,
                                                  const char          *member,
                                                  gint64               fallback);
/* A string member with surrounding space stripped, or NULL (missing, null, not a
 * string, empty), cut to OW_TRACKING_TEXT_MAX characters. Newly allocated. */
char        *ow_tracking_json_dup_string         (JsonObject          *object,
                                                  const char          *member);
JsonObject  *ow_tracking_json_get_object         (JsonObject          *object,
                                                  const char          *member);
JsonArray   *ow_tracking_json_get_array          (JsonObject          *object,
                                                  const char          *member);

G_END_DECLS
