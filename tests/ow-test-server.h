/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A real HTTP server on 127.0.0.1 (ephemeral port, its own thread) that answers like
 * Cainiao (/global/detail.json) and 17TRACK v2.2 (/track/v2.2/register, gettrackinfo),
 * from registered data, with scripted failures on top. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OwTestServer OwTestServer;

typedef enum
{
  OW_TEST_REPLY_BODY,        /* @status, @content_type and @body as given */
  OW_TEST_REPLY_HANG,        /* read the request, never answer */
  OW_TEST_REPLY_RESET,       /* close the connection without a response */
  OW_TEST_REPLY_TRUNCATE,    /* the normal answer cut in half (valid length, broken JSON) */
  OW_TEST_REPLY_HUGE,        /* @status 200, a chunked body of @size bytes, no length */
} OwTestReplyKind;

typedef struct
{
  char *method;
  char *path;
  char *query;               /* or NULL */
  char *body;                /* or NULL */
  char *user_agent;
  char *token;               /* the 17token header, or NULL */
} OwTestRequest;

OwTestServer   *ow_test_server_new                (void);
void            ow_test_server_free               (OwTestServer *self);
/* "http://127.0.0.1:PORT", without a trailing slash. */
const char     *ow_test_server_get_url            (OwTestServer *self);
/* Delays every answer by @ms. */
void            ow_test_server_set_latency        (OwTestServer *self,
                                                   guint         ms);

/* Cainiao: a module object (JSON text), answered for its mailNo. */
void            ow_test_server_add_cainiao_module (OwTestServer *self,
                                                   const char   *module_json);
/* Every module of a captured detail.json body, e.g. a fixture file. */
void            ow_test_server_add_cainiao_file   (OwTestServer *self,
                                                   const char   *path);
/* A module answered for any number not added, with its mailNo replaced. NULL: unknown
 * numbers get Cainiao's EXTERNAL answer. */
void            ow_test_server_set_cainiao_template (OwTestServer *self,
                                                   const char   *module_json);

/* 17TRACK: the key the server accepts (default "test-key"). */
void            ow_test_server_set_17track_key    (OwTestServer *self,
                                                   const char   *key);
/* A track_info object (JSON text) answered for @number once it is registered. */
void            ow_test_server_add_17track_info   (OwTestServer *self,
                                                   const char   *number,
                                                   const char   *track_info_json);
/* @number is refused by register and gettrackinfo with @code. */
void            ow_test_server_reject_17track     (OwTestServer *self,
                                                   const char   *number,
                                                   int           code,
                                                   const char   *message);
gboolean        ow_test_server_is_17track_registered (OwTestServer *self,
                                                   const char   *number);

/* The next request to @path gets this reply instead of the normal one. @header_name
 * and @header_value may be NULL. */
void            ow_test_server_push_reply         (OwTestServer *self,
                                                   const char   *path,
                                                   OwTestReplyKind kind,
                                                   guint         status,
                                                   const char   *content_type,
                                                   const char   *body,
                                                   gsize         size,
                                                   const char   *header_name,
                                                   const char   *header_value);

/* Requests to @path (NULL: all) so far. */
guint           ow_test_server_count_requests     (OwTestServer *self,
                                                   const char   *path);
/* (element-type OwTestRequest) (transfer full): a copy of every request so far. */
GPtrArray      *ow_test_server_get_requests       (OwTestServer *self);
void            ow_test_request_free              (OwTestRequest *request);
/* The most requests answered at the same time. */
guint           ow_test_server_get_max_concurrent (OwTestServer *self);

/* Reads a file of tests/fixtures/tracking/. Aborts the test when missing. */
char           *ow_test_read_tracking_fixture     (const char   *name);

G_END_DECLS
