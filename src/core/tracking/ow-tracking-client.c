/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-deadlines.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-store-parcels.h"
#include "ow-time.h"
#include "ow-tracking-17track.h"
#include "ow-tracking-cainiao.h"
#include "ow-tracking-client-private.h"
#include "ow-tracking-number.h"

#define SETTINGS_SCHEMA       "io.github.orderwatch.Orderwatch"
#define PROJECT_URL           "https://github.com/orderwatch/orderwatch"
#define USER_AGENT            "Orderwatch/" PACKAGE_VERSION " (+" PROJECT_URL ")"
#define DEFAULT_CONNECT       15
#define DEFAULT_READ          30
#define DEFAULT_MAX_BODY      (4 * 1024 * 1024)
#define DEFAULT_CONCURRENCY   2
#define DEFAULT_BUDGET        150

G_DEFINE_FINAL_TYPE (OwTrackingClient, ow_tracking_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (OwTrackingSummary, ow_tracking_summary,
                     (GBoxedCopyFunc) NULL, ow_tracking_summary_free)

enum { PROP_0, PROP_STORE, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PROGRESS, PROVIDER_BLOCKED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
ow_tracking_client_emit_progress (OwTrackingClient *self,
                                  guint             done,
                                  guint             total)
{
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
}

void
ow_tracking_client_emit_provider_blocked (OwTrackingClient *self,
                                          const char       *provider,
                                          const char       *message)
{
  g_signal_emit (self, signals[PROVIDER_BLOCKED], 0, provider, message);
}

void
ow_tracking_client_notify_busy (OwTrackingClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
ow_tracking_summary_free (OwTrackingSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->failed, g_ptr_array_unref);
  g_clear_pointer (&summary->messages, g_ptr_array_unref);
  g_free (summary);
}

/* Settings: env wins (tests), then GSettings when the schema is installed. */

static char *
configured_url (const char *env,
                const char *key,
                const char *fallback)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *value = g_getenv (env);

  if (value != NULL && *value != '\0')
    return g_strdup (value);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, key))
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *url = g_settings_get_string (settings, key);

      if (url != NULL && *url != '\0')
        return g_steal_pointer (&url);
    }
  return g_strdup (fallback);
}

static void
ow_tracking_client_dispose (GObject *object)
{
  OwTrackingClient *self = OW_TRACKING_CLIENT (object);

  /* A run holds a reference on the client, so none is running here. */
  g_assert (self->run == NULL);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->policies);
  g_clear_object (&self->cainiao);
  g_clear_object (&self->seventeen);

  G_OBJECT_CLASS (ow_tracking_client_parent_class)->dispose (object);
}

static void
ow_tracking_client_finalize (GObject *object)
{
  OwTrackingClient *self = OW_TRACKING_CLIENT (object);

  g_free (self->api_key);
  g_free (self->cainiao_url);
  g_free (self->seventeen_url);

  G_OBJECT_CLASS (ow_tracking_client_parent_class)->finalize (object);
}

static void
ow_tracking_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OwTrackingClient *self = OW_TRACKING_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->run != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_tracking_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OwTrackingClient *self = OW_TRACKING_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_tracking_client_constructed (GObject *object)
{
  OwTrackingClient *self = OW_TRACKING_CLIENT (object);
  G_OBJECT_CLASS (ow_tracking_client_parent_class)->constructed (object);

  /* Room above the per-provider limit so a slow provider never starves the other. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", USER_AGENT,
                                "timeout", self->read_timeout,
                                "idle-timeout", 60,
                                "max-conns-per-host", 8,
                                NULL);

  self->cainiao_url = configured_url ("ORDERWATCH_CAINIAO_URL", "cainiao-url",
                                      OW_CAINIAO_DEFAULT_URL);
  self->seventeen_url = configured_url ("ORDERWATCH_17TRACK_URL", "seventeen-track-url",
                                        OW_17TRACK_DEFAULT_URL);
  self->cainiao = ow_tracking_cainiao_new (self->cainiao_url);
  self->seventeen = ow_tracking_17track_new (self->seventeen_url, NULL);
}

static void
ow_tracking_client_class_init (OwTrackingClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ow_tracking_client_constructed;
  object_class->dispose = ow_tracking_client_dispose;
  object_class->finalize = ow_tracking_client_finalize;
  object_class->get_property = ow_tracking_client_get_property;
  object_class->set_property = ow_tracking_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, OW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OwTrackingClient::progress:
   * @done: parcels finished in the running refresh
   * @total: parcels in it
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * OwTrackingClient::provider-blocked:
   * @provider: OW_PROVIDER_CAINIAO or OW_PROVIDER_17TRACK
   * @message: what happened and what Orderwatch does about it, for the user
   */
  signals[PROVIDER_BLOCKED] =
    g_signal_new ("provider-blocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
ow_tracking_client_init (OwTrackingClient *self)
{
  self->connect_timeout = DEFAULT_CONNECT;
  self->read_timeout = DEFAULT_READ;
  self->max_body = DEFAULT_MAX_BODY;
  self->concurrency = DEFAULT_CONCURRENCY;
  self->budget = DEFAULT_BUDGET;
  g_queue_init (&self->waiting);
}

OwTrackingClient *
ow_tracking_client_new (OwStore *store)
{
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  return g_object_new (OW_TYPE_TRACKING_CLIENT, "store", store, NULL);
}

OwStore *
ow_tracking_client_get_store (OwTrackingClient *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_CLIENT (self), NULL);
  return self->store;
}

SoupSession *
ow_tracking_client_get_session (OwTrackingClient *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_CLIENT (self), NULL);
  return self->session;
}

gboolean
ow_tracking_client_get_busy (OwTrackingClient *self)
{
  g_return_val_if_fail (OW_IS_TRACKING_CLIENT (self), FALSE);
  return self->run != NULL;
}

void
ow_tracking_client_set_policy_registry (OwTrackingClient *self,
                                        OwPolicyRegistry *registry)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (registry == NULL || OW_IS_POLICY_REGISTRY (registry));

  g_set_object (&self->policies, registry);
}

void
ow_tracking_client_set_base_url (OwTrackingClient *self,
                                 const char       *provider,
                                 const char       *url)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (provider != NULL && url != NULL);

  /* A running batch keeps its own reference to the old provider. */
  if (g_str_equal (provider, OW_PROVIDER_CAINIAO))
    {
      g_clear_object (&self->cainiao);
      g_free (self->cainiao_url);
      self->cainiao_url = g_strdup (url);
      self->cainiao = ow_tracking_cainiao_new (url);
    }
  else if (g_str_equal (provider, OW_PROVIDER_17TRACK))
    {
      g_clear_object (&self->seventeen);
      g_free (self->seventeen_url);
      self->seventeen_url = g_strdup (url);
      self->seventeen = ow_tracking_17track_new (url, self->api_key);
    }
  else
    g_return_if_reached ();
}

const char *
ow_tracking_client_get_base_url (OwTrackingClient *self,
                                 const char       *provider)
{
  g_return_val_if_fail (OW_IS_TRACKING_CLIENT (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  if (g_str_equal (provider, OW_PROVIDER_CAINIAO))
    return self->cainiao_url;
  if (g_str_equal (provider, OW_PROVIDER_17TRACK))
    return self->seventeen_url;
  return NULL;
}

void
ow_tracking_client_set_api_key (OwTrackingClient *self,
                                const char       *key)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));

  g_free (self->api_key);
  self->api_key = g_strdup (key);
  self->api_key_set = key != NULL;
  ow_tracking_17track_set_api_key (OW_TRACKING_17TRACK (self->seventeen), key);
}

void
ow_tracking_client_set_timeouts (OwTrackingClient *self,
                                 guint             connect_seconds,
                                 guint             read_seconds)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (connect_seconds > 0 && read_seconds > 0);

  self->connect_timeout = connect_seconds;
  self->read_timeout = read_seconds;
  soup_session_set_timeout (self->session, read_seconds);
}

void
ow_tracking_client_set_max_body_size (OwTrackingClient *self,
                                      gsize             bytes)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (bytes > 0);
  self->max_body = bytes;
}

void
ow_tracking_client_set_concurrency (OwTrackingClient *self,
                                    guint             per_provider)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (per_provider > 0 && per_provider <= 8);
  self->concurrency = per_provider;
}

void
ow_tracking_client_set_request_budget (OwTrackingClient *self,
                                       guint             per_provider)
{
  g_return_if_fail (OW_IS_TRACKING_CLIENT (self));
  g_return_if_fail (per_provider > 0);
  self->budget = per_provider;
}
