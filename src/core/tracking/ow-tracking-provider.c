/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-json.h"
#include "ow-text.h"
#include "ow-tracking-event.h"
#include "ow-tracking-provider.h"

static const char *status_names[OW_N_TRACKING_STATUSES] = {
  "NotFound", "InfoReceived", "InTransit", "InCustoms", "OutForDelivery",
  "AvailableForPickup", "Delivered", "DeliveryFailed", "Returning", "Exception",
};

static const char *status_icons[OW_N_TRACKING_STATUSES] = {
  "dialog-question-symbolic", "document-edit-symbolic", "mail-send-symbolic",
  "security-medium-symbolic", "go-next-symbolic", "mail-inbox-symbolic",
  "emblem-ok-symbolic", "dialog-warning-symbolic", "mail-reply-sender-symbolic",
  "dialog-error-symbolic",
};

const char *
ow_tracking_status_to_string (OwTrackingStatus status)
{
  g_return_val_if_fail (status < OW_N_TRACKING_STATUSES, NULL);
  return status_names[status];
}

gboolean
ow_tracking_status_from_string (const char       *text,
                                OwTrackingStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < OW_N_TRACKING_STATUSES; i++)
    if (g_ascii_strcasecmp (text, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ow_tracking_status_label (OwTrackingStatus status)
{
  switch (status)
    {
    case OW_TRACKING_STATUS_NOT_FOUND: return _("Not found yet");
    case OW_TRACKING_STATUS_INFO_RECEIVED: return _("Label created");
    case OW_TRACKING_STATUS_IN_TRANSIT: return _("In transit");
    case OW_TRACKING_STATUS_IN_CUSTOMS: return _("In customs");
    case OW_TRACKING_STATUS_OUT_FOR_DELIVERY: return _("Out for delivery");
    case OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP: return _("Ready for pickup");
    case OW_TRACKING_STATUS_DELIVERED: return _("Delivered");
    case OW_TRACKING_STATUS_DELIVERY_FAILED: return _("Delivery failed");
    case OW_TRACKING_STATUS_RETURNING: return _("Returning to the seller");
    case OW_TRACKING_STATUS_EXCEPTION: return _("Problem reported by the carrier");
    case OW_N_TRACKING_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ow_tracking_status_icon_name (OwTrackingStatus status)
{
  g_return_val_if_fail (status < OW_N_TRACKING_STATUSES, NULL);
  return status_icons[status];
}

/* Results */

G_DEFINE_BOXED_TYPE (OwTrackingResult, ow_tracking_result,
                     ow_tracking_result_copy, ow_tracking_result_free)

OwTrackingResult *
ow_tracking_result_new (const char *number)
{
  OwTrackingResult *self;

  g_return_val_if_fail (number != NULL, NULL);

  self = g_new0 (OwTrackingResult, 1);
  self->number = g_strdup (number);
  self->status = OW_TRACKING_STATUS_NOT_FOUND;
  self->eta_min = OW_TIME_UNSET;
  self->eta_max = OW_TIME_UNSET;
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

OwTrackingResult *
ow_tracking_result_copy (const OwTrackingResult *self)
{
  OwTrackingResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ow_tracking_result_new (self->number);
  copy->status = self->status;
  copy->status_known = self->status_known;
  copy->raw_status = g_strdup (self->raw_status);
  copy->carrier = g_strdup (self->carrier);
  copy->next_number = g_strdup (self->next_number);
  copy->eta_min = self->eta_min;
  copy->eta_max = self->eta_max;
  copy->needs_register = self->needs_register;
  copy->error = self->error ? g_error_copy (self->error) : NULL;
  /* Events are immutable: sharing them is safe. */
  for (guint i = 0; i < self->events->len; i++)
    g_ptr_array_add (copy->events, g_object_ref (g_ptr_array_index (self->events, i)));
  return copy;
}

void
ow_tracking_result_free (OwTrackingResult *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->raw_status);
  g_free (self->carrier);
  g_free (self->next_number);
  g_ptr_array_unref (self->events);
  g_clear_error (&self->error);
  g_free (self);
}

/* The interface */

G_DEFINE_INTERFACE (OwTrackingProvider, ow_tracking_provider, G_TYPE_OBJECT)

static void
ow_tracking_provider_default_init (OwTrackingProviderInterface *iface)
{
}

const char *
ow_tracking_provider_get_name (OwTrackingProvider *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_PROVIDER (self), NULL);
  return OW_TRACKING_PROVIDER_GET_IFACE (self)->get_name (self);
}

const char *
ow_tracking_provider_get_label (OwTrackingProvider *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_PROVIDER (self), NULL);
  return OW_TRACKING_PROVIDER_GET_IFACE (self)->get_label (self);
}

guint
ow_tracking_provider_get_batch_size (OwTrackingProvider *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_PROVIDER (self), 1);
  return OW_TRACKING_PROVIDER_GET_IFACE (self)->get_batch_size (self);
}

gboolean
ow_tracking_provider_has_step (OwTrackingProvider *self,
                               OwTrackingStep      step)
{
  OwTrackingProviderInterface *iface;

  g_return_val_if_fail (OW_IS_TRACKING_PROVIDER (self), FALSE);

  iface = OW_TRACKING_PROVIDER_GET_IFACE (self);
  if (iface->has_step == NULL)
    return step == OW_TRACKING_STEP_TRACK;
  return iface->has_step (self, step);
}

SoupMessage *
ow_tracking_provider_build_request (OwTrackingProvider  *self,
                                    OwTrackingStep       step,
                                    const char * const  *numbers,
                                    GError             **error)
{
  g_return_val_if_fail (OW_IS_TRACKING_PROVIDER (self), NULL);
  g_return_val_if_fail (numbers != NULL && numbers[0] != NULL, NULL);
  g_return_val_if_fail (g_strv_length ((char **) numbers)
                        <= ow_tracking_provider_get_batch_size (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return OW_TRACKING_PROVIDER_GET_IFACE (self)->build_request (self, step, numbers, error);
}

GPtrArray *
ow_tracking_provider_parse_response (OwTrackingProvider  *self,
                                     OwTrackingStep       step,
                                     const char * const  *numbers,
                                     GBytes              *body,
                                     GError             **error)
{
  g_return_val_if_fail (OW_IS_TRACKING_PROVIDER (self), NULL);
  g_return_val_if_fail (numbers != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return OW_TRACKING_PROVIDER_GET_IFACE (self)->parse_response (self, step, numbers, body, error);
}

/* Shared helpers */

gboolean
ow_tracking_time_is_sane (gint64 time)
{
  /* 2000-01-01T00:00:00Z to 2100-12-31T23:59:59Z */
  return time != OW_TIME_UNSET && time >= G_GINT64_CONSTANT (946684800) &&
         time <= G_GINT64_CONSTANT (4133980799);
}

static void
set_blocked_error (GError     **error,
                   const char  *provider_label)
{
  g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_BLOCKED,
               _("%s answered with a verification page instead of tracking data; "
                 "Orderwatch will wait a few hours before asking again"),
               provider_label);
}

static gboolean
is_verification_url (JsonObject *object)
{
  JsonNode *node = object ? json_object_get_member (object, "url") : NULL;
  const char *url;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  url = json_node_get_string (node);
  return strstr (url, "/punish") != NULL || strstr (url, "x5secdata=") != NULL;
}

/* The anti-bot wall wrapped in JSON, told by the members at its top, never by words
 * anywhere (a real event may say "punishment"): {"rgv587_flag": "sm", "url": ".../punish?
 * x5secdata=..."}, or {"ret": ["FAIL_SYS_USER_VALIDATE::..."], "data": {"url": ...}}. */
static gboolean
is_verification_answer (JsonNode *root)
{
  JsonObject *object;
  JsonNode *ret;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "rgv587_flag") || is_verification_url (object)
      || is_verification_url (ow_tracking_json_get_object (object, "data")))
    return TRUE;

  ret = json_object_get_member (object, "ret");
  if (ret != NULL && JSON_NODE_HOLDS_ARRAY (ret))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (ret)); i++)
      {
        JsonNode *item = json_array_get_element (json_node_get_array (ret), i);

        if (json_node_get_value_type (item) == G_TYPE_STRING
            && g_str_has_prefix (json_node_get_string (item), "FAIL_SYS_USER_VALIDATE"))
          return TRUE;
      }
  return FALSE;
}

JsonNode *
ow_tracking_parse_json_body (GBytes      *body,
                             const char  *provider_label,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len, start = 0;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &len);
  while (start < len && g_ascii_isspace (data[start]))
    start++;

  /* A page (the captcha's HTML) where JSON belongs: never parse it, back off. */
  if (start < len && data[start] != '{' && data[start] != '[')
    {
      set_blocked_error (error, provider_label);
      return NULL;
    }

  /* Not stored as it came, and not just "damaged": say which text was not UTF-8. */
  {
    g_autofree char *member = NULL;

    if (!ow_text_check_json_utf8 (data, len, NULL, &member))
      {
        g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                     /* Translators: a service, then the field of its answer */
                     _("%s sent text that is not valid UTF-8 (in “%s”); nothing of that answer "
                       "was stored, and it will be asked again later"),
                     provider_label, member ? member : _("the answer"));
        return NULL;
      }
  }

  parser = json_parser_new_immutable ();
  if (start < len && !ow_json_parser_load (parser, data + start, len - start, &local_error)
      && g_error_matches (local_error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE))
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                   /* Translators: a tracking service, then the limit */
                   _("%s sent an answer nested more than %u levels deep, which is not "
                     "tracking data; it was ignored and will be asked again later"),
                   provider_label, OW_JSON_MAX_DEPTH);
      return NULL;
    }
  if (start == len || local_error != NULL)
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                   _("%s sent an incomplete or damaged answer; it will be asked again later"),
                   provider_label);
      return NULL;
    }

  if (is_verification_answer (json_parser_get_root (parser)))
    {
      set_blocked_error (error, provider_label);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

gint64
ow_tracking_json_get_int (JsonObject *object,
                          const char *member,
                          gint64      fallback)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (d != d || d > (double) G_MAXINT64 / 2 || d < (double) G_MININT64 / 2)
          return fallback;
        return (gint64) d;
      }
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;
        gint64 v;

        if (s == NULL || *s == '\0')
          return fallback;
        errno = 0;
        v = g_ascii_strtoll (s, &end, 10);
        if (errno != 0 || end == s || *end != '\0')
          return fallback;
        return v;
      }
    default:
      return fallback;
    }
}

char *
ow_tracking_json_dup_string (JsonObject *object,
                             const char *member)
{
  JsonNode *node;
  const char *s;
  char *copy;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  s = json_node_get_string (node);
  if (s == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (s));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  /* A service's text is shown and stored, not trusted: a megabyte of it is cut. */
  else if (strlen (copy) > OW_TRACKING_TEXT_MAX && g_utf8_strlen (copy, -1) > OW_TRACKING_TEXT_MAX)
    {
      char *cut = ow_text_truncate (copy, OW_TRACKING_TEXT_MAX);

      g_debug ("A tracking text (“%s”) was cut to %d characters", member, OW_TRACKING_TEXT_MAX);
      g_free (copy);
      copy = cut;
    }
  return copy;
}

JsonObject *
ow_tracking_json_get_object (JsonObject *object,
                             const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
ow_tracking_json_get_array (JsonObject *object,
                            const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

gint64
ow_tracking_result_get_newest_time (const OwTrackingResult *self)
{
  gint64 newest = OW_TIME_UNSET;

  g_return_val_if_fail (self != NULL, OW_TIME_UNSET);

  /* Providers sort newest first, but do not rely on it for a max. */
  for (guint i = 0; i < self->events->len; i++)
    newest = MAX (newest, ow_tracking_event_get_time (g_ptr_array_index (self->events, i)));
  return newest;
}

/* How far along the way a status is, to tell a step backwards. */
static int
status_rank (OwTrackingStatus status)
{
  switch (status)
    {
    case OW_TRACKING_STATUS_NOT_FOUND: return 0;
    case OW_TRACKING_STATUS_INFO_RECEIVED: return 1;
    case OW_TRACKING_STATUS_IN_TRANSIT:
    case OW_TRACKING_STATUS_IN_CUSTOMS:
    case OW_TRACKING_STATUS_EXCEPTION: return 2;
    case OW_TRACKING_STATUS_OUT_FOR_DELIVERY:
    case OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP:
    case OW_TRACKING_STATUS_DELIVERY_FAILED: return 3;
    case OW_TRACKING_STATUS_RETURNING: return 4;
    case OW_TRACKING_STATUS_DELIVERED: return 5;
    case OW_N_TRACKING_STATUSES:
    default: return 0;
    }
}

OwTrackingStatus
ow_tracking_result_resolve_status (const OwTrackingResult *self,
                                   OwTrackingStatus        previous,
                                   gint64                  previous_movement)
{
  gint64 newest;

  g_return_val_if_fail (self != NULL, previous);

  if (!self->status_known)
    return previous;
  if (status_rank (self->status) >= status_rank (previous))
    return self->status;

  newest = ow_tracking_result_get_newest_time (self);
  if (newest != OW_TIME_UNSET && (previous_movement == OW_TIME_UNSET || newest > previous_movement))
    return self->status;
  return previous;
}
