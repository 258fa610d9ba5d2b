/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-tracking-cainiao.h"
#include "ow-tracking-event.h"
#include "ow-tracking-number.h"

struct _OwTrackingCainiao
{
  GObject  parent_instance;

  char    *base_url;
};

static void ow_tracking_cainiao_provider_init (OwTrackingProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OwTrackingCainiao, ow_tracking_cainiao, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (OW_TYPE_TRACKING_PROVIDER,
                                                      ow_tracking_cainiao_provider_init))

typedef struct
{
  const char       *code;
  OwTrackingStatus  status;
} ActionCode;

/* TRACKING.md's table; prefixes and suffixes are handled in code below. */
static const ActionCode action_codes[] = {
  { "GWMS_ACCEPT", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "GWMS_PACKAGE", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "GWMS_PICK", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "WMS_CONFIRMED", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "CONSIGN", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "OM_CONSIGN", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "PRE_READY_TO_SHIP", OW_TRACKING_STATUS_INFO_RECEIVED },
  { "GWMS_OUTBOUND", OW_TRACKING_STATUS_IN_TRANSIT },
  { "PU_PICKUP_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "SC_INBOUND_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "SC_OUTBOUND_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "LH_HO_IN_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "LH_HO_AIRLINE", OW_TRACKING_STATUS_IN_TRANSIT },
  { "LH_DEPART", OW_TRACKING_STATUS_IN_TRANSIT },
  { "LH_ARRIVE", OW_TRACKING_STATUS_IN_TRANSIT },
  { "CC_EX_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "CC_IM_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "CC_HO_OUT_SUCCESS", OW_TRACKING_STATUS_IN_TRANSIT },
  { "GTMS_ACCEPT", OW_TRACKING_STATUS_IN_TRANSIT },
  { "GTMS_SC_ARRIVE", OW_TRACKING_STATUS_IN_TRANSIT },
  { "GTMS_SC_DEPART", OW_TRACKING_STATUS_IN_TRANSIT },
  { "GTMS_STATION_IN", OW_TRACKING_STATUS_IN_TRANSIT },
  { "GTMS_STATION_OUT", OW_TRACKING_STATUS_IN_TRANSIT },
  { "LH_POST_COLLECTION", OW_TRACKING_STATUS_IN_TRANSIT },
  { "COMMON_INTRANSIT", OW_TRACKING_STATUS_IN_TRANSIT },
  { "CC_EX_START", OW_TRACKING_STATUS_IN_CUSTOMS },
  { "CC_IM_START", OW_TRACKING_STATUS_IN_CUSTOMS },
  { "CC_IM_PROCESS", OW_TRACKING_STATUS_IN_CUSTOMS },
  { "CC_HO_IN_SUCCESS", OW_TRACKING_STATUS_IN_CUSTOMS },
  { "CUSTOMS_ARRIVED_IN_AREA_CALLBACK", OW_TRACKING_STATUS_IN_CUSTOMS },
  { "GTMS_DO_DEPART", OW_TRACKING_STATUS_OUT_FOR_DELIVERY },
  { "GTMS_DELIVERING", OW_TRACKING_STATUS_OUT_FOR_DELIVERY },
  { "GTMS_STA_SIGNED", OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
  { "GTMS_WAIT_SELF_PICK", OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
  { "GSTA_INBOUND", OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
  { "GSTA_INFORM_BUYER", OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
  { "GTMS_SIGNED", OW_TRACKING_STATUS_DELIVERED },
  { "GSTA_SIGN", OW_TRACKING_STATUS_DELIVERED },
  { "GSTA_BUYER_SIGN", OW_TRACKING_STATUS_DELIVERED },
  { "GTMS_DEL_FAILURE", OW_TRACKING_STATUS_DELIVERY_FAILED },
  { "GTMS_SIGN_FAILURE", OW_TRACKING_STATUS_DELIVERY_FAILED },
  { "RETURNED", OW_TRACKING_STATUS_RETURNING },
  { "GWMS_EXCEPTION", OW_TRACKING_STATUS_EXCEPTION },
  { "GWMS_CANCEL", OW_TRACKING_STATUS_EXCEPTION },
};

gboolean
ow_tracking_cainiao_action_status (const char       *action_code,
                                   OwTrackingStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (action_code == NULL || *action_code == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (action_codes); i++)
    if (strcmp (action_code, action_codes[i].code) == 0)
      {
        *status = action_codes[i].status;
        return TRUE;
      }

  if (g_str_has_prefix (action_code, "RT_"))
    {
      *status = OW_TRACKING_STATUS_RETURNING;
      return TRUE;
    }
  if (g_str_has_suffix (action_code, "_FAILURE"))
    {
      *status = OW_TRACKING_STATUS_EXCEPTION;
      return TRUE;
    }
  return FALSE;
}

/* The parcel-level status Cainiao reports, for when the newest event says nothing. */
static gboolean
module_status (const char       *status_code,
               OwTrackingStatus *status)
{
  static const ActionCode codes[] = {
    { "SELLER_PREPARING", OW_TRACKING_STATUS_INFO_RECEIVED },
    { "WAIT_SELLER_SEND_GOODS", OW_TRACKING_STATUS_INFO_RECEIVED },
    { "PICKEDUP", OW_TRACKING_STATUS_IN_TRANSIT },
    { "SHIPPING", OW_TRACKING_STATUS_IN_TRANSIT },
    { "DEPART_FROM_ORIGINAL_COUNTRY", OW_TRACKING_STATUS_IN_TRANSIT },
    { "ARRIVED_AT_DEST_COUNTRY", OW_TRACKING_STATUS_IN_TRANSIT },
    { "DELIVERING", OW_TRACKING_STATUS_IN_TRANSIT },
    { "CLEAR_CUSTOMS", OW_TRACKING_STATUS_IN_CUSTOMS },
    { "WAIT4PICKUP", OW_TRACKING_STATUS_AVAILABLE_FOR_PICKUP },
    { "DELIVERED", OW_TRACKING_STATUS_DELIVERED },
    { "SIGNIN", OW_TRACKING_STATUS_DELIVERED },
    { "RETURN", OW_TRACKING_STATUS_RETURNING },
    { "RETURNED", OW_TRACKING_STATUS_RETURNING },
    { "EXCEPTION", OW_TRACKING_STATUS_EXCEPTION },
  };

  if (status_code == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (strcmp (status_code, codes[i].code) == 0)
      {
        *status = codes[i].status;
        return TRUE;
      }
  return FALSE;
}

/* Unknown codes are worth a look, once each, not once per fetch. */
static void
log_unknown_code (const char *kind,
                  const char *code)
{
  static GMutex lock;
  static GHashTable *seen;
  gboolean first;

  g_mutex_lock (&lock);
  if (seen == NULL)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (seen, g_strconcat (kind, ":", code, NULL));
  g_mutex_unlock (&lock);

  if (first)
    g_debug ("Cainiao: unknown %s “%s”; keeping the previous status", kind, code);
}

/* "timeStr" is that instant printed in UTC+8, whatever "timeZone" says. Only used
 * when "time" is missing. */
static gint64
parse_time_str (const char *text)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return OW_TIME_UNSET;
  zone = g_time_zone_new_offset (8 * 3600);
  dt = g_date_time_new (zone, y, mo, d, h, mi, s);
  return dt ? g_date_time_to_unix (dt) : OW_TIME_UNSET;
}

static gint64
floor_div_1000 (gint64 ms)
{
  return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

/* "[Shatian Town] Departed from sorting center": the bracket is the place. */
static char *
location_from_description (const char *description)
{
  const char *end;

  if (description[0] != '[' || (end = strchr (description, ']')) == NULL || end == description + 1)
    return NULL;
  return g_strstrip (g_strndup (description + 1, end - description - 1));
}

static char *
event_description (JsonObject *event)
{
  g_autofree char *standard = ow_tracking_json_dup_string (event, "standerdDesc");
  g_autofree char *raw = ow_tracking_json_dup_string (event, "desc");

  /* "Carrier update" says nothing: the raw text (maybe Chinese) says more. */
  if (standard != NULL && (raw == NULL || strcmp (standard, "Carrier update") != 0))
    return g_steal_pointer (&standard);
  if (raw != NULL)
    return g_steal_pointer (&raw);
  if (standard != NULL)
    return g_steal_pointer (&standard);
  return ow_tracking_json_dup_string (event, "descTitle");
}

/* "Last mile tracking number:\tRB123456789IL" -> "RB123456789IL". */
static char *
parse_real_mail_no (const char *text,
                    const char *own_number)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *number = NULL;
  guint n;

  if (text == NULL)
    return NULL;
  parts = g_strsplit_set (text, "\t :：", -1);
  n = g_strv_length (parts);
  for (guint i = n; i > 0; i--)
    if (parts[i - 1][0] != '\0')
      {
        number = ow_tracking_number_normalize (parts[i - 1]);
        break;
      }
  if (number == NULL || !ow_tracking_number_validate (number, NULL)
      || g_ascii_strcasecmp (number, own_number) == 0)
    return NULL;
  return g_steal_pointer (&number);
}

static void
parse_events (JsonArray        *list,
              OwTrackingResult *result,
              gboolean         *newest_known,
              OwTrackingStatus *newest_status)
{
  OwTrackingStatus current = OW_TRACKING_STATUS_INFO_RECEIVED;
  guint n = json_array_get_length (list);

  *newest_known = FALSE;

  /* Oldest first, so an unknown code carries the status before it. */
  for (guint i = n; i > 0; i--)
    {
      JsonNode *node = json_array_get_element (list, i - 1);
      JsonObject *event;
      g_autofree char *code = NULL;
      g_autofree char *description = NULL;
      g_autofree char *location = NULL;
      g_autofree char *key = NULL;
      OwTrackingStatus status;
      gboolean known;
      gint64 ms, time;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      event = json_node_get_object (node);

      ms = ow_tracking_json_get_int (event, "time", G_MININT64);
      time = ms != G_MININT64 && ms > 0 ? floor_div_1000 (ms) : OW_TIME_UNSET;
      /* A time that cannot be true is a broken answer: the printed time may still be right,
       * else the event is left out. */
      if (!ow_tracking_time_is_sane (time))
        {
          g_autofree char *time_str = ow_tracking_json_dup_string (event, "timeStr");
          time = parse_time_str (time_str);
        }
      description = event_description (event);
      if (!ow_tracking_time_is_sane (time) || description == NULL)
        {
          if (description != NULL)
            g_debug ("Cainiao: an event (“%s”) without a sane time was left out", description);
          continue;
        }

      code = ow_tracking_json_dup_string (event, "actionCode");
      known = ow_tracking_cainiao_action_status (code, &status);
      if (known)
        current = status;
      else if (code != NULL)
        log_unknown_code ("actionCode", code);

      location = location_from_description (description);
      /* The actionCode names the event: Cainiao rewords its texts between fetches, and two
       * events of one millisecond can share a text. Collected oldest first; reversed below. */
      key = ow_tracking_event_make_key (code, description);
      g_ptr_array_add (result->events,
                       ow_tracking_event_new_with_key (time, current, code, key, description,
                                                       location));
      if (i == 1)
        {
          *newest_known = known;
          *newest_status = current;
        }
    }

  /* Newest first, like every provider; a stable order for equal times. */
  for (guint i = 0, j = result->events->len; i + 1 < j; i++, j--)
    {
      gpointer tmp = result->events->pdata[i];

      result->events->pdata[i] = result->events->pdata[j - 1];
      result->events->pdata[j - 1] = tmp;
    }
}

static OwTrackingResult *
parse_module (JsonObject *module,
              const char *number)
{
  OwTrackingResult *result = ow_tracking_result_new (number);
  g_autofree char *source = ow_tracking_json_dup_string (module, "mailNoSource");
  g_autofree char *status = ow_tracking_json_dup_string (module, "status");
  g_autofree char *status_desc = ow_tracking_json_dup_string (module, "statusDesc");
  g_autofree char *real = ow_tracking_json_dup_string (module, "realMailNo");
  JsonArray *details = ow_tracking_json_get_array (module, "detailList");
  JsonObject *eta = ow_tracking_json_get_object (module, "globalEtaInfo");
  JsonObject *cp = ow_tracking_json_get_object (module, "destCpInfo");
  OwTrackingStatus newest_status = OW_TRACKING_STATUS_NOT_FOUND;
  gboolean newest_known = FALSE;
  gint64 ms;

  if (details != NULL)
    parse_events (details, result, &newest_known, &newest_status);

  if (status != NULL && status_desc != NULL)
    result->raw_status = g_strdup_printf ("%s (%s)", status, status_desc);
  else
    result->raw_status = g_strdup (status ? status : status_desc);

  if (result->events->len == 0 && g_strcmp0 (source, "EXTERNAL") == 0)
    {
      result->status = OW_TRACKING_STATUS_NOT_FOUND;
      result->status_known = TRUE;
    }
  else if (newest_known)
    {
      result->status = newest_status;
      result->status_known = TRUE;
    }
  else if (module_status (status, &result->status))
    result->status_known = TRUE;
  else if (status != NULL)
    log_unknown_code ("status", status);

  result->carrier = ow_tracking_json_dup_string (cp, "cpName");
  result->next_number = parse_real_mail_no (real, number);

  ms = ow_tracking_json_get_int (eta, "deliveryMinTime", 0);
  if (ms > 0 && ow_tracking_time_is_sane (ms / 1000))
    result->eta_min = ms / 1000;
  ms = ow_tracking_json_get_int (eta, "deliveryMaxTime", 0);
  if (ms > 0 && ow_tracking_time_is_sane (ms / 1000))
    result->eta_max = ms / 1000;

  return result;
}

static GPtrArray *
ow_tracking_cainiao_parse_response (OwTrackingProvider  *provider,
                                    OwTrackingStep       step,
                                    const char * const  *numbers,
                                    GBytes              *body,
                                    GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) modules = NULL;
  g_autoptr(GPtrArray) results = NULL;
  JsonObject *object;
  JsonArray *list;

  root = ow_tracking_parse_json_body (body, _("Cainiao"), error);
  if (root == NULL)
    return NULL;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  list = ow_tracking_json_get_array (object, "module");
  if (list == NULL)
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                   _("Cainiao answered without tracking data; it will be asked again later"));
      return NULL;
    }

  /* Cainiao does not promise the order we asked in: match by mailNo. */
  modules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *mail_no = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      mail_no = ow_tracking_json_dup_string (json_node_get_object (node), "mailNo");
      if (mail_no == NULL)
        continue;
      g_hash_table_insert (modules, ow_tracking_number_normalize (mail_no),
                           json_node_get_object (node));
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_tracking_result_free);
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autofree char *key = ow_tracking_number_normalize (numbers[i]);
      JsonObject *module = g_hash_table_lookup (modules, key);
      OwTrackingResult *result;

      if (module != NULL)
        result = parse_module (module, numbers[i]);
      else
        {
          result = ow_tracking_result_new (numbers[i]);
          g_set_error (&result->error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_MALFORMED,
                       _("Cainiao left this number out of its answer; it will be asked again "
                         "later"));
        }
      g_ptr_array_add (results, result);
    }

  return g_steal_pointer (&results);
}

static SoupMessage *
ow_tracking_cainiao_build_request (OwTrackingProvider  *provider,
                                   OwTrackingStep       step,
                                   const char * const  *numbers,
                                   GError             **error)
{
  OwTrackingCainiao *self = OW_TRACKING_CAINIAO (provider);
  g_autoptr(GString) url = g_string_new (self->base_url);
  SoupMessage *message;

  g_assert (step == OW_TRACKING_STEP_TRACK);

  while (url->len > 0 && url->str[url->len - 1] == '/')
    g_string_truncate (url, url->len - 1);
  g_string_append (url, "/global/detail.json?mailNos=");
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (url, "%2C");
      g_string_append_uri_escaped (url, numbers[i], NULL, FALSE);
    }
  g_string_append (url, "&lang=en-US");

  message = soup_message_new (SOUP_METHOD_GET, url->str);
  if (message == NULL)
    {
      g_set_error (error, OW_TRACKING_ERROR, OW_TRACKING_ERROR_NETWORK,
                   _("The Cainiao address “%s” is not a valid URL; check the cainiao-url "
                     "setting"), self->base_url);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  return message;
}

static const char *
ow_tracking_cainiao_get_name (OwTrackingProvider *provider)
{
  return OW_PROVIDER_CAINIAO;
}

static const char *
ow_tracking_cainiao_get_label (OwTrackingProvider *provider)
{
  return _("Cainiao");
}

static guint
ow_tracking_cainiao_get_batch_size (OwTrackingProvider *provider)
{
  return OW_CAINIAO_BATCH_SIZE;
}

static gboolean
ow_tracking_cainiao_has_step (OwTrackingProvider *provider,
                              OwTrackingStep      step)
{
  return step == OW_TRACKING_STEP_TRACK;
}

static void
ow_tracking_cainiao_provider_init (OwTrackingProviderInterface *iface)
{
  iface->get_name = ow_tracking_cainiao_get_name;
  iface->get_label = ow_tracking_cainiao_get_label;
  iface->get_batch_size = ow_tracking_cainiao_get_batch_size;
  iface->has_step = ow_tracking_cainiao_has_step;
  iface->build_request = ow_tracking_cainiao_build_request;
  iface->parse_response = ow_tracking_cainiao_parse_response;
}

static void
ow_tracking_cainiao_finalize (GObject *object)
{
  OwTrackingCainiao *self = OW_TRACKING_CAINIAO (object);

  g_free (self->base_url);

  G_OBJECT_CLASS (ow_tracking_cainiao_parent_class)->finalize (object);
}

static void
ow_tracking_cainiao_class_init (OwTrackingCainiaoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_tracking_cainiao_finalize;
}

static void
ow_tracking_cainiao_init (OwTrackingCainiao *self)
{
}

OwTrackingProvider *
ow_tracking_cainiao_new (const char *base_url)
{
  OwTrackingCainiao *self = g_object_new (OW_TYPE_TRACKING_CAINIAO, NULL);

  self->base_url = g_strdup (base_url ? base_url : OW_CAINIAO_DEFAULT_URL);
  return OW_TRACKING_PROVIDER (self);
}
