/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-tracking-client.c (the object) and ow-tracking-client-run.c (a refresh). */
#pragma once

#include "ow-policy-registry.h"
#include "ow-tracking-client.h"

G_BEGIN_DECLS

typedef struct _OwTrackingRun OwTrackingRun;

struct _OwTrackingClient
{
  GObject             parent_instance;

  OwStore            *store;
  SoupSession        *session;
  OwPolicyRegistry   *policies;        /* loaded on first need */
  OwTrackingProvider *cainiao;
  OwTrackingProvider *seventeen;
  char               *cainiao_url;
  char               *seventeen_url;
  char               *api_key;         /* set by the caller; else looked up per refresh */
  gboolean            api_key_set;
  guint               connect_timeout;
  guint               read_timeout;
  gsize               max_body;
  guint               concurrency;
  guint               budget;

  OwTrackingRun      *run;             /* the refresh in progress, or NULL */
  GQueue              waiting;         /* GTasks of refreshes asked for while busy */
};

void  ow_tracking_client_emit_progress         (OwTrackingClient *self,
                                                guint             done,
                                                guint             total);
void  ow_tracking_client_emit_provider_blocked (OwTrackingClient *self,
                                                const char       *provider,
                                                const char       *message);
void  ow_tracking_client_notify_busy           (OwTrackingClient *self);

G_END_DECLS
