/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ow-error.h"
#include "ow-tracking-17track.h"
#include "ow-tracking-event.h"
#include "ow-tracking-number.h"

struct _OwTracking17track
{
  GObject  parent_instance;

  char    *base_url;
  GMutex   lock;          /* the key can change while a parse runs in a thread */
  char    *api_key;
};

static void ow_tracking_17track_provider_init (OwTrackingProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OwTracking17track, ow_tracking_17track, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (OW_TYPE_TRACKING_PROVIDER,
                                                      ow_tracking_17track_provider_init))

typedef struct
{
  const char       *name;
  OwTrackingStatus  status;
} StatusName;

/* latest_status.status, and the stages of events. */
static const StatusName status_names[] = {
  { "NotFound", OW_TRACKING_STATUS_NOT_FOUND },
  { "InfoReceived", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "InTransit", OW_TRACKING_STATUS_IN_TRANSIT },
  { "PickedUp", OW_TRACKING_STATUS_IN_TRANSIT },
  { "Departure", OW_TRACKING_STATUS_IN_TRANSIT },
  { "Arrival", OW_TRACKING_STATUS_IN_TRANSIT },
  { "AvailableForPickup", OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
  { "OutForDelivery", OW_TRACKING_STATUS_OUT_FOR_DELIVERY },
  { "DeliveryFailure", OW_TRACKING_STATUS_DELIVERY_FAILED },
  { "Delivered", OW_TRACKING_STATUS_DELIVERED },
  { "Exception", OW_TRACKING_STATUS_EXCEPTION },
  { "Returning", OW_TRACKING_STATUS_RETURNING },
  { "Returned", OW_TRACKING_STATUS_RETURNING },
  { "Expired", OW_TRACKING_STATUS_EXCEPTION },
};

static gboolean
map_status (const char       *status,
            const char       *sub_status,
            OwTrackingStatus *out)
{
  gboolean found = FALSE;

  if (status == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (status, status_names[i].name) == 0)
      {
        *out = status_names[i].status;
        found = TRUE;
        break;
      }
  if (!found)
    return FALSE;

  if (sub_status != NULL)
    {
      if (g_str_equal (sub_status, "InTransit_CustomsProcessing")
          || g_str_equal (sub_status, "InTransit_CustomsRequiringInformation"))
        *out = OW_TRACKING_STATUS_IN_CUSTOMS;
      else if (g_str_equal (sub_status, "Exception_Returning")
               || g_str_equal (sub_status, "Exception_Returned"))
        *out = OW_TRACKING_STATUS_RETURNING;
    }
  return TRUE;
}

/* An event's own status: its sub_status ("InTransit_PickedUp") or stage names it. */
static gboolean
event_status (JsonObject       *event,
              OwTrackingStatus *out)
{
  g_autofree char *sub = ow_tracking_json_dup_string (event, "sub_status");
  g_autofree char *stage = ow_tracking_json_dup_string (event, "stage");

  if (sub != NULL)
    {
      g_autofree char *main_status = g_strdup (sub);
      char *underscore = strchr (main_status, '_');

      if (underscore != NULL)
        *underscore = '\0';
      if (map_status (main_status, sub, out))
        return TRUE;
    }
  return map_status (stage, NULL, out);
}

/* Unset when missing, unreadable, or a time that cannot be true (a broken answer). */
static gint64
parse_iso (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return OW_TIME_UNSET;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL || !ow_tracking_time_is_sane (g_date_time_to_unix (dt)))
    return OW_TIME_UNSET;
  return g_date_time_to_unix (dt);
}

static gint64
event_time (JsonObject *event)
{
  g_autofree char *utc = ow_tracking_json_dup_string (event, "time_utc");
  g_autofree char *iso = ow_tracking_json_dup_string (event, "time_iso");
  gint64 time = parse_iso (utc);

  return time != OW_TIME_UNSET ? time : parse_iso (iso);
}

static int
compare_events_newest_first (gconstpointer a,
                             gconstpointer b)
{
  gint64 ta = ow_tracking_event_get_time (*(OwTrackingEvent **) a);
  gint64 tb = ow_tracking_event_get_time (*(OwTrackingEvent **) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static void
parse_events (JsonObject       *track_info,
              OwTrackingResult *result)
{
  JsonObject *tracking = ow_tracking_json_get_object (track_info, "tracking");
  JsonArray *providers = ow_tracking_json_get_array (tracking, "providers");
  g_autoptr(GPtrArray) collected = g_ptr_array_new_with_free_func (g_object_unref);

  if (providers == NULL)
    return;

  /* Several carriers (origin, last mile) may each report a part of the way. */
  for (guint p = 0; p < json_array_get_length (providers); p++)
    {
      JsonNode *pnode = json_array_get_element (providers, p);
      JsonObject *provider, *info;
      JsonArray *events;
      OwTrackingStatus current = OW_TRACKING_STATUS_IN_TRANSIT;

      if (!JSON_NODE_HOLDS_OBJECT (pnode))
        continue;
      provider = json_node_get_object (pnode);
      info = ow_tracking_json_get_object (provider, "provider");
      if (result->carrier == NULL)
        result->carrier = ow_tracking_json_dup_string (info, "name");

      events = ow_tracking_json_get_array (provider, "events");
      if (events == NULL)
        continue;
      for (guint i = json_array_get_length (events); i > 0; i--)
        {
          JsonNode *enode = json_array_get_element (events, i - 1);
          JsonObject *event;
          g_autofree char *description = NULL;
          g_autofree char *location = NULL;
          g_autofree char *code = NULL;
          gint64 time;

          if (!JSON_NODE_HOLDS_OBJECT (enode))
            continue;
          event = json_node_get_object (enode);
          time = event_time (event);
          description = ow_tracking_json_dup_string (event, "description");
          if (time == OW_TIME_UNSET || description == NULL)
            continue;
          location = ow_tracking_json_dup_string (event, "location");
          code = ow_tracking_json_dup_string (event, "sub_status");
          if (code == NULL)
            code = ow_tracking_json_dup_string (event, "stage");
          event_status (event, &current);
          g_ptr_array_add (collected,
                           ow_tracking_event_new (time, current, code, description, location));
        }
    }

  /* Newest first; events came oldest first per carrier. The sort is stable. */
  g_ptr_array_sort (collected, compare_events_newest_first);
  for (guint i = 0; i < collected->len; i++)
    g_ptr_array_add (result->events, g_object_ref (g_ptr_array_index (collected, i)));
}

static void
parse_track_info (JsonObject       *accepted,
                  OwTrackingResult *result)
{
  JsonObject *track_info = ow_tracking_json_get_object (accepted, "track_info");
  JsonObject *latest = ow_tracking_json_get_object (track_info, "latest_status");
  JsonObject *metrics = ow_tracking_json_get_object (track_info, "time_metrics");
  JsonObject *eta = ow_tracking_json_get_object (metrics, "estimated_delivery_date");
  g_autofree char *status = ow_tracking_json_dup_string (latest, "status");
  g_autofree char *sub_status = ow_tracking_json_dup_string (latest, "sub_status");
  g_autofree char *from = ow_tracking_json_dup_string (eta, "from");
  g_autofree char *to = ow_tracking_json_dup_string (eta, "to");

  parse_events (track_info, result);

  if (sub_status != NULL)
    result->raw_status = g_strdup_printf ("%s (%s)", status ? status : "", sub_status);
  else
    result->raw_status = g_strdup (status);
  result->status_known = map_status (status, sub_status, &result->status);
  if (!result->status_known && result->events->len > 0)
    {
      /* An unknown status word: the newest event still says something. */
      result->status = ow_tracking_event_get_status (g_ptr_array_index (result->events, 0));
      result->status_known = TRUE;
    }

  result->eta_min = parse_iso (from);
  result->eta_max = parse_iso (to);
}

static gboolean
is_quota_code (gint64 code)
{
  return code == OW_17TRACK_QUOTA_USED || code == OW_17TRACK_QUOTA_USED_TODAY;
}

static void
set_quota_error (GError **error)
{
  g_set_error_literal (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_QUOTA,
                       _("Your 17TRACK quota is used up; buy more or wait for it to renew, "
                         "then refresh again"));
}

static void
fill_rejected (JsonObject       *rejected,
               OwTrackingStep    step,
               OwTrackingResult *result)
{
  JsonObject *err = ow_tracking_json_get_object (rejected, "error");
  gint64 code = ow_tracking_json_get_int (err, "code", 0);
  g_autofree char *message = ow_tracking_json_dup_string (err, "message");

  switch (code)
    {
    case OW_17TRACK_ALREADY_REGISTERED:
      /* Registering twice is fine. */
      break;
    case OW_17TRACK_NOT_REGISTERED:
      result->needs_register = TRUE;
      break;
    case OW_17TRACK_NO_INFO_YET:
      /* Not a failure: the carrier has nothing yet. */
      break;
    case OW_17TRACK_QUOTA_USED:
    case OW_17TRACK_QUOTA_USED_TODAY:
      set_quota_error (&result->error);
      break;
    default:
      g_set_error (&result->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_REJECTED,
                   _("17TRACK refused this number (%s, code %" PRId64 "); check it "
                     "or pick another provider"),
                   message ? message : _("no reason given"), code);
      break;
    }
}

static GPtrArray *
ow_tracking_17track_parse_response (OwTrackingProvider  *provider,
                                    OwTrackingStep       step,
                                    const char * const  *numbers,
                                    GBytes              *body,
                                    GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) accepted = NULL;
  g_autoptr(GHashTable) rejected = NULL;
  g_autoptr(GPtrArray) results = NULL;
  JsonObject *object, *data;
  JsonArray *list;
  gint64 code;

  root = ow_tracking_parse_json_body (body, _("17TRACK"), error);
  if (root == NULL)
    return NULL;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  code = ow_tracking_json_get_int (object, "code", G_MININT64);
  data = ow_tracking_json_get_object (object, "data");
  if (code == G_MININT64)
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                   _("17TRACK answered without a result code; it will be asked again later"));
      return NULL;
    }
  if (is_quota_code (code))
    {
      set_quota_error (error);
      return NULL;
    }
  if (code != 0 || data == NULL)
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_REJECTED,
                   _("17TRACK refused the request (code %" PRId64 "); check your API "
                     "key in Preferences"), code);
      return NULL;
    }

  accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint pass = 0; pass < 2; pass++)
    {
      GHashTable *table = pass == 0 ? accepted : rejected;

      list = ow_tracking_json_get_array (data, pass == 0 ? "accepted" : "rejected");
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonNode *node = json_array_get_element (list, i);
          char *number;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          number = ow_tracking_json_dup_string (json_node_get_object (node), "number");
          if (number == NULL)
            continue;
          g_hash_table_insert (table, ow_tracking_number_normalize (number),
                               json_node_get_object (node));
          g_free (number);
        }
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_tracking_result_free);
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autofree char *key = ow_tracking_number_normalize (numbers[i]);
      OwTrackingResult *result = ow_tracking_result_new (numbers[i]);
      JsonObject *entry;

      if ((entry = g_hash_table_lookup (accepted, key)) != NULL)
        {
          if (step == OW_TRACKING_STEP_TRACK)
            parse_track_info (entry, result);
        }
      else if ((entry = g_hash_table_lookup (rejected, key)) != NULL)
        fill_rejected (entry, step, result);
      else
        g_set_error (&result->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                     _("17TRACK left this number out of its answer; it will be asked again "
                       "later"));
      g_ptr_array_add (results, result);
    }

  return g_steal_pointer (&results);
}

/* The key goes only over HTTPS; plain HTTP to this machine (a test server, a local
 * proxy) is all right, since nothing crosses the network. */
static gboolean
is_safe_for_key (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 || host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static SoupMessage *
ow_tracking_17track_build_request (OwTrackingProvider  *provider,
                                   OwTrackingStep       step,
                                   const char * const  *numbers,
                                   GError             **error)
{
  OwTracking17track *self = OW_TRACKING_17TRACK (provider);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) url = g_string_new (self->base_url);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  SoupMessage *message;
  gsize len;

  g_mutex_lock (&self->lock);
  key = g_strdup (self->api_key);
  g_mutex_unlock (&self->lock);
  if (key == NULL || *key == '\0')
    {
      g_set_error_literal (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_NO_KEY,
                           _("17TRACK needs your API key: add it in Preferences, or pick "
                             "Cainiao for this number"));
      return NULL;
    }
  /* A line break would end the header early (libsoup refuses it with a critical): the key
   * from the environment or an old keyring entry is checked here, where it is used. */
  if (ow_17track_key_check (key) != NULL)
    {
      g_set_error_literal (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_NO_KEY,
                           _("The 17TRACK API key holds a space, a line break or another "
                             "character no key has; paste it again in Preferences"));
      return NULL;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_string_value (builder, numbers[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  body = g_bytes_new_take (g_steal_pointer (&json), len);

  while (url->len > 0 && url->str[url->len - 1] == '/')
    g_string_truncate (url, url->len - 1);
  g_string_append (url, step == OW_TRACKING_STEP_REGISTER ? "/track/v2.2/register"
                                                         : "/track/v2.2/gettrackinfo");
  message = soup_message_new (SOUP_METHOD_POST, url->str);
  if (message == NULL)
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_NETWORK,
                   _("The 17TRACK address “%s” is not a valid URL; check the "
                     "seventeen-track-url setting"), self->base_url);
      return NULL;
    }
  if (!is_safe_for_key (soup_message_get_uri (message)))
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_INSECURE,
                   _("The 17TRACK address “%s” does not use HTTPS, so your API key would be "
                     "readable on the way; write it with https:// in the seventeen-track-url "
                     "setting"), self->base_url);
      g_object_unref (message);
      return NULL;
    }
  /* libsoup would resend the key to wherever a redirect points: a 3xx is an answer here. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message), "17token", key);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

static const char *
ow_tracking_17track_get_name (OwTrackingProvider *provider)
{
  return OW_PROVIDER_17TRACK;
}

static const char *
ow_tracking_17track_get_label (OwTrackingProvider *provider)
{
  return _("17TRACK");
}

static guint
ow_tracking_17track_get_batch_size (OwTrackingProvider *provider)
{
  return OW_17TRACK_BATCH_SIZE;
}

static gboolean
ow_tracking_17track_has_step (OwTrackingProvider *provider,
                              OwTrackingStep      step)
{
  return TRUE;
}

static void
ow_tracking_17track_provider_init (OwTrackingProviderInterface *iface)
{
  iface->get_name = ow_tracking_17track_get_name;
  iface->get_label = ow_tracking_17track_get_label;
  iface->get_batch_size = ow_tracking_17track_get_batch_size;
  iface->has_step = ow_tracking_17track_has_step;
  iface->build_request = ow_tracking_17track_build_request;
  iface->parse_response = ow_tracking_17track_parse_response;
}

static void
ow_tracking_17track_finalize (GObject *object)
{
  OwTracking17track *self = OW_TRACKING_17TRACK (object);

  g_free (self->base_url);
  g_free (self->api_key);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ow_tracking_17track_parent_class)->finalize (object);
}

static void
ow_tracking_17track_class_init (OwTracking17trackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_tracking_17track_finalize;
}

static void
ow_tracking_17track_init (OwTracking17track *self)
{
  g_mutex_init (&self->lock);
}

OwTrackingProvider *
ow_tracking_17track_new (const char *base_url,
                         const char *api_key)
{
  OwTracking17track *self = g_object_new (OW_TYPE_TRACKING_17TRACK, NULL);

  self->base_url = g_strdup (base_url ? base_url : OW_17TRACK_DEFAULT_URL);
  self->api_key = g_strdup (api_key);
  return OW_TRACKING_PROVIDER (self);
}

void
ow_tracking_17track_set_api_key (OwTracking17track *self,
                                 const char        *api_key)
{
  g_return_if_fail (OW_IS_TRACKING_17TRACK (self));

  g_mutex_lock (&self->lock);
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_mutex_unlock (&self->lock);
}

/* The API key in the keyring */

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.orderwatch.Orderwatch.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static char *
key_from_env (void)
{
  const char *key = g_getenv ("ORDERWATCH_17TRACK_KEY");

  return key != NULL && *key != '\0' ? g_strdup (key) : NULL;
}

char *
ow_17track_key_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "orderwatch", "17track-api-key", NULL);
}

/* Nobody keeps secrets on this bus: no keyring on the host, no Secret portal in a sandbox
 * (libsecret then asks org.freedesktop.secrets, which the sandbox does not see), no bus. */
static gboolean
is_no_keyring (const GError *error)
{
  return error->domain == G_DBUS_ERROR ||
         (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED);
}

static char *
key_from_file (GError **error)
{
  g_autofree char *path = ow_17track_key_file ();
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
key_to_file (const char  *key,
             GError     **error)
{
  g_autofree char *path = ow_17track_key_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = g_strconcat (key, "\n", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
forget_file (GError **error)
{
  g_autofree char *path = ow_17track_key_file ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot remove %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

char *
ow_17track_key_lookup_place_sync (GCancellable      *cancellable,
                                  Ow17trackKeyPlace *place,
                                  GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  Ow17trackKeyPlace where = OW_17TRACK_KEY_NOWHERE;
  char *key;
  char *secret;

  if ((key = key_from_env ()) != NULL)
    where = OW_17TRACK_KEY_ENV;
  else
    {
      secret = secret_password_lookup_sync (key_schema (), cancellable, &local_error,
                                            "service", OW_PROVIDER_17TRACK, NULL);
      key = g_strdup (secret);
      secret_password_free (secret);
      if (key != NULL)
        where = OW_17TRACK_KEY_KEYRING;
      else if (local_error != NULL && !is_no_keyring (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      else if ((key = key_from_file (error)) != NULL)
        where = OW_17TRACK_KEY_FILE;
    }
  if (place != NULL)
    *place = where;
  return key;
}

char *
ow_17track_key_lookup_sync (GCancellable  *cancellable,
                            GError       **error)
{
  return ow_17track_key_lookup_place_sync (cancellable, NULL, error);
}

gboolean
ow_17track_key_store_sync (const char         *key,
                           GCancellable       *cancellable,
                           Ow17trackKeyPlace  *place,
                           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean clear = key == NULL || *key == '\0';
  Ow17trackKeyPlace where = OW_17TRACK_KEY_NOWHERE;

  if (clear)
    {
      secret_password_clear_sync (key_schema (), cancellable, &local_error,
                                  "service", OW_PROVIDER_17TRACK, NULL);
      if (local_error != NULL && !is_no_keyring (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!forget_file (error))
        return FALSE;
    }
  else if (secret_password_store_sync (key_schema (), SECRET_COLLECTION_DEFAULT,
                                       _("Orderwatch: 17TRACK API key"), key, cancellable,
                                       &local_error, "service", OW_PROVIDER_17TRACK, NULL))
    {
      /* A copy kept while no keyring answered is not needed any more. */
      if (!forget_file (error))
        return FALSE;
      where = OW_17TRACK_KEY_KEYRING;
    }
  else if (is_no_keyring (local_error))
    {
      g_debug ("No keyring answered (%s); keeping the key in a file", local_error->message);
      if (!key_to_file (key, error))
        return FALSE;
      where = OW_17TRACK_KEY_FILE;
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (place != NULL)
    *place = where;
  return TRUE;
}

char *
ow_17track_key_describe (Ow17trackKeyPlace place)
{
  g_autofree char *path = NULL;

  switch (place)
    {
    case OW_17TRACK_KEY_ENV:
      return g_strdup (_("The key comes from $ORDERWATCH_17TRACK_KEY."));
    case OW_17TRACK_KEY_KEYRING:
      return g_strdup (_("A key is saved in your keyring."));
    case OW_17TRACK_KEY_FILE:
      path = ow_17track_key_file ();
      /* Translators: the path of the file */
      return g_strdup_printf (_("No keyring answered, so the key is kept in %s, readable "
                                "only by you."), path);
    case OW_17TRACK_KEY_NOWHERE:
    default:
      return g_strdup (_("No key saved."));
    }
}

const char *
ow_17track_key_check (const char *key)
{
  gboolean valid;

  g_return_val_if_fail (key != NULL, NULL);

  valid = *key != '\0' && strlen (key) <= 128;
  for (const char *p = key; valid && *p != '\0'; p++)
    valid = g_ascii_isgraph (*p);
  return valid ? NULL : _("API key: paste the key from 17track.net, without spaces");
}

/* The async forms run the blocking ones in a thread: libsecret's sync calls are made for it. */

typedef struct
{
  char              *key;
  Ow17trackKeyPlace  place;
} KeyData;

static void
key_data_free (KeyData *data)
{
  g_free (data->key);
  g_free (data);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KeyData *data = task_data;
  GError *error = NULL;
  char *key = ow_17track_key_lookup_place_sync (cancellable, &data->place, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_free);
}

void
ow_17track_key_lookup_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ow_17track_key_lookup_async);
  g_task_set_task_data (task, g_new0 (KeyData, 1), (GDestroyNotify) key_data_free);
  g_task_run_in_thread (task, lookup_thread);
}

char *
ow_17track_key_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

Ow17trackKeyPlace
ow_17track_key_result_get_place (GAsyncResult *result)
{
  KeyData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), OW_17TRACK_KEY_NOWHERE);
  data = g_task_get_task_data (G_TASK (result));
  return data != NULL ? data->place : OW_17TRACK_KEY_NOWHERE;
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KeyData *data = task_data;
  GError *error = NULL;

  if (ow_17track_key_store_sync (data->key, cancellable, &data->place, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ow_17track_key_store_async (const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KeyData *data = g_new0 (KeyData, 1);

  g_task_set_source_tag (task, ow_17track_key_store_async);
  data->key = g_strdup (key);
  g_task_set_task_data (task, data, (GDestroyNotify) key_data_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
ow_17track_key_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
