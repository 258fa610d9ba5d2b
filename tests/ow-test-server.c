/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ow-test-server.h"

#define DEFAULT_KEY "test-key"

typedef struct
{
  char            *path;
  OwTestReplyKind  kind;
  guint            status;
  char            *content_type;
  GBytes          *body;
  gsize            size;
  char            *header_name;
  char            *header_value;
} Reply;

typedef struct
{
  int   code;
  char *message;
} Rejection;

struct _OwTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;

  GMutex        lock;          /* everything below: the test thread writes, the server reads */
  GCond         cond;
  gboolean      ready;
  guint         latency_ms;
  GHashTable   *cainiao;       /* number -> module JSON text */
  char         *cainiao_template;
  char         *key;
  GHashTable   *track_info;    /* number -> track_info JSON text */
  GHashTable   *rejected;      /* number -> Rejection */
  GHashTable   *registered;    /* set of numbers */
  GQueue        replies;
  GPtrArray    *requests;
  GPtrArray    *hung;          /* paused forever, released at shutdown */
  guint         active;
  guint         max_active;
};

static void
reply_free (Reply *reply)
{
  g_free (reply->path);
  g_free (reply->content_type);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply->header_name);
  g_free (reply->header_value);
  g_free (reply);
}

static void
rejection_free (Rejection *rejection)
{
  g_free (rejection->message);
  g_free (rejection);
}

void
ow_test_request_free (OwTestRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request->user_agent);
  g_free (request->token);
  g_free (request);
}

static OwTestRequest *
request_copy (const OwTestRequest *request)
{
  OwTestRequest *copy = g_new0 (OwTestRequest, 1);

  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->query = g_strdup (request->query);
  copy->body = g_strdup (request->body);
  copy->user_agent = g_strdup (request->user_agent);
  copy->token = g_strdup (request->token);
  return copy;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("Test server: bad JSON: %s", error->message);
  return json_parser_steal_root (parser);
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Answers */

typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->content_type, g_free);
  g_clear_pointer (&answer->body, g_bytes_unref);
}

static void
answer_json (Answer   *answer,
             guint     status,
             JsonNode *root)
{
  char *text = to_json (root);

  answer->status = status;
  answer->content_type = g_strdup ("application/json;charset=UTF-8");
  answer->body = g_bytes_new_take (text, strlen (text));
}

static JsonNode *
cainiao_module (OwTestServer *self,
                const char   *number)
{
  const char *text = g_hash_table_lookup (self->cainiao, number);
  JsonNode *node;

  if (text != NULL)
    return parse_json (text);
  if (self->cainiao_template != NULL)
    {
      node = parse_json (self->cainiao_template);
      json_object_set_string_member (json_node_get_object (node), "mailNo", number);
      return node;
    }

  /* What Cainiao says about a number it does not know. */
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, json_object_new ());
  json_object_set_string_member (json_node_get_object (node), "mailNo", number);
  json_object_set_string_member (json_node_get_object (node), "mailNoSource", "EXTERNAL");
  json_object_set_string_member (json_node_get_object (node), "status", "");
  json_object_set_array_member (json_node_get_object (node), "detailList", json_array_new ());
  return node;
}

static void
answer_cainiao (OwTestServer *self,
                GHashTable   *query,
                Answer       *answer)
{
  const char *numbers = query ? g_hash_table_lookup (query, "mailNos") : NULL;
  g_auto(GStrv) list = g_strsplit (numbers ? numbers : "", ",", -1);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *modules = json_array_new ();
  guint n = g_strv_length (list);

  /* Backwards on purpose: clients must match by mailNo, not position. */
  for (guint i = n; i > 0; i--)
    if (list[i - 1][0] != '\0')
      json_array_add_element (modules, cainiao_module (self, list[i - 1]));

  json_object_set_array_member (object, "module", modules);
  json_object_set_boolean_member (object, "success", TRUE);
  json_node_take_object (root, object);
  answer_json (answer, 200, root);
}

static void
add_rejected (JsonArray  *rejected,
              const char *number,
              int         code,
              const char *message)
{
  JsonObject *item = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_int_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (item, "number", number);
  json_object_set_object_member (item, "error", error);
  json_array_add_object_element (rejected, item);
}

static void
answer_17track (OwTestServer *self,
                gboolean      registering,
                const char   *token,
                const char   *body,
                Answer       *answer)
{
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonArray *accepted = json_array_new ();
  JsonArray *rejected = json_array_new ();
  JsonArray *items;

  json_node_take_object (root, object);
  if (g_strcmp0 (token, self->key) != 0)
    {
      json_object_set_int_member (object, "code", 401);
      json_object_unref (data);
      json_array_unref (accepted);
      json_array_unref (rejected);
      answer_json (answer, 401, root);
      return;
    }

  if (body == NULL || !json_parser_load_from_data (parser, body, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      json_object_set_int_member (object, "code", -18010001);
      json_object_unref (data);
      json_array_unref (accepted);
      json_array_unref (rejected);
      answer_json (answer, 200, root);
      return;
    }

  items = json_node_get_array (json_parser_get_root (parser));
  json_object_set_int_member (object, "code", 0);
  if (json_array_get_length (items) > 40)
    {
      json_object_set_int_member (object, "code", -18010014);
      json_object_unref (data);
      json_array_unref (accepted);
      json_array_unref (rejected);
      answer_json (answer, 200, root);
      return;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *number = json_object_get_string_member_with_default (item, "number", "");
      Rejection *rejection = g_hash_table_lookup (self->rejected, number);
      const char *info = g_hash_table_lookup (self->track_info, number);

      if (rejection != NULL)
        add_rejected (rejected, number, rejection->code, rejection->message);
      else if (registering && g_hash_table_contains (self->registered, number))
        add_rejected (rejected, number, -18019901, "The tracking number is already registered.");
      else if (registering)
        {
          JsonObject *ok = json_object_new ();

          g_hash_table_add (self->registered, g_strdup (number));
          json_object_set_string_member (ok, "number", number);
          json_object_set_int_member (ok, "carrier", 3011);
          json_array_add_object_element (accepted, ok);
        }
      else if (!g_hash_table_contains (self->registered, number))
        add_rejected (rejected, number, -18019902, "The tracking number is not registered.");
      else if (info == NULL)
        add_rejected (rejected, number, -18019909, "No tracking information at this time.");
      else
        {
          JsonObject *ok = json_object_new ();

          json_object_set_string_member (ok, "number", number);
          json_object_set_int_member (ok, "carrier", 3011);
          json_object_set_member (ok, "track_info", parse_json (info));
          json_array_add_object_element (accepted, ok);
        }
    }

  json_object_set_array_member (data, "accepted", accepted);
  json_object_set_array_member (data, "rejected", rejected);
  json_object_set_object_member (object, "data", data);
  answer_json (answer, 200, root);
}

/* The server thread */

static void
on_finished_cb (SoupServerMessage *message,
                gpointer           user_data)
{
  OwTestServer *self = user_data;

  g_mutex_lock (&self->lock);
  self->active--;
  g_mutex_unlock (&self->lock);
}

typedef struct
{
  OwTestServer      *server;
  SoupServerMessage *message;
  Answer             answer;
  Reply             *reply;
} Pending;

static void
deliver (Pending *pending)
{
  SoupServerMessage *message = pending->message;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Reply *reply = pending->reply;

  if (reply != NULL && reply->kind == OW_TEST_REPLY_HUGE)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (message);
      g_autofree char *chunk = g_malloc (64 * 1024);

      memset (chunk, ' ', 64 * 1024);
      chunk[0] = '[';
      soup_server_message_set_status (message, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      for (gsize sent = 0; sent < reply->size; sent += 64 * 1024)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk,
                                  MIN (64 * 1024, reply->size - sent));
      soup_message_body_complete (body);
      return;
    }

  if (reply != NULL && reply->kind == OW_TEST_REPLY_BODY)
    {
      pending->answer.status = reply->status;
      g_free (pending->answer.content_type);
      pending->answer.content_type = g_strdup (reply->content_type);
      g_clear_pointer (&pending->answer.body, g_bytes_unref);
      pending->answer.body = reply->body ? g_bytes_ref (reply->body) : g_bytes_new (NULL, 0);
    }
  else if (reply != NULL && reply->kind == OW_TEST_REPLY_TRUNCATE && pending->answer.body)
    {
      GBytes *half = g_bytes_new_from_bytes (pending->answer.body, 0,
                                             g_bytes_get_size (pending->answer.body) / 2);

      g_bytes_unref (pending->answer.body);
      pending->answer.body = half;
    }

  if (reply != NULL && reply->header_name != NULL)
    soup_message_headers_replace (headers, reply->header_name, reply->header_value);
  soup_server_message_set_status (message, pending->answer.status, NULL);
  soup_server_message_set_response (message, pending->answer.content_type, SOUP_MEMORY_COPY,
                                    pending->answer.body
                                    ? g_bytes_get_data (pending->answer.body, NULL) : "",
                                    pending->answer.body
                                    ? g_bytes_get_size (pending->answer.body) : 0);
}

static void
pending_free (Pending *pending)
{
  answer_clear (&pending->answer);
  g_clear_pointer (&pending->reply, reply_free);
  g_object_unref (pending->message);
  g_free (pending);
}

static gboolean
on_latency_cb (gpointer user_data)
{
  Pending *pending = user_data;

  deliver (pending);
  soup_server_message_unpause (pending->message);
  return G_SOURCE_REMOVE;
}

static Reply *
take_reply (OwTestServer *self,
            const char   *path)
{
  for (GList *l = self->replies.head; l != NULL; l = l->next)
    {
      Reply *reply = l->data;

      if (g_str_equal (reply->path, path))
        {
          g_queue_delete_link (&self->replies, l);
          return reply;
        }
    }
  return NULL;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  OwTestServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) flat = soup_message_body_flatten (request_body);
  g_autofree char *body = g_bytes_get_size (flat) > 0
                          ? g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat))
                          : NULL;
  OwTestRequest *request = g_new0 (OwTestRequest, 1);
  Pending *pending = g_new0 (Pending, 1);
  gint64 arrived = g_get_monotonic_time ();
  gint64 spent_ms;
  guint latency;

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  request->body = g_strdup (body);
  request->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  request->token = g_strdup (soup_message_headers_get_one (headers, "17token"));

  pending->server = self;
  pending->message = g_object_ref (message);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, request);
  self->active++;
  self->max_active = MAX (self->max_active, self->active);
  g_signal_connect (message, "finished", G_CALLBACK (on_finished_cb), self);
  pending->reply = take_reply (self, path);
  latency = self->latency_ms;

  if (g_str_equal (path, "/global/detail.json"))
    answer_cainiao (self, query, &pending->answer);
  else if (g_str_equal (path, "/track/v2.2/register"))
    answer_17track (self, TRUE, request->token, body, &pending->answer);
  else if (g_str_equal (path, "/track/v2.2/gettrackinfo"))
    answer_17track (self, FALSE, request->token, body, &pending->answer);
  else
    {
      pending->answer.status = 404;
      pending->answer.content_type = g_strdup ("text/plain");
      pending->answer.body = g_bytes_new_static ("not found", 9);
    }
  g_mutex_unlock (&self->lock);

  if (pending->reply != NULL && pending->reply->kind == OW_TEST_REPLY_RESET)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
      pending_free (pending);
      return;
    }
  if (pending->reply != NULL && pending->reply->kind == OW_TEST_REPLY_HANG)
    {
      soup_server_message_pause (message);
      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->hung, g_object_ref (message));
      g_mutex_unlock (&self->lock);
      pending_free (pending);
      return;
    }
  /* The latency counts from the request's arrival, building the answer included. */
  spent_ms = (g_get_monotonic_time () - arrived) / 1000;
  if (latency > spent_ms)
    {
      GSource *source = g_timeout_source_new (latency - (guint) spent_ms);

      soup_server_message_pause (message);
      g_source_set_callback (source, on_latency_cb, pending, (GDestroyNotify) pending_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
      return;
    }

  deliver (pending);
  pending_free (pending);
}

static gpointer
server_thread (gpointer user_data)
{
  OwTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "OrderwatchTestServer ", NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Test server: cannot listen: %s", error->message);

  uris = soup_server_get_uris (self->server);
  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
shutdown_cb (gpointer user_data)
{
  OwTestServer *self = user_data;

  /* Release the hung requests so their connections close cleanly. */
  for (guint i = 0; i < self->hung->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (self->hung, i);

      soup_server_message_set_status (message, 503, NULL);
      soup_server_message_unpause (message);
    }
  g_ptr_array_set_size (self->hung, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

OwTestServer *
ow_test_server_new (void)
{
  OwTestServer *self = g_new0 (OwTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->cainiao = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->key = g_strdup (DEFAULT_KEY);
  self->track_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) rejection_free);
  self->registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->replies);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_test_request_free);
  self->hung = g_ptr_array_new_with_free_func (g_object_unref);

  self->thread = g_thread_new ("test-server", server_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

void
ow_test_server_free (OwTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, shutdown_cb, self);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->cainiao);
  g_free (self->cainiao_template);
  g_free (self->key);
  g_hash_table_unref (self->track_info);
  g_hash_table_unref (self->rejected);
  g_hash_table_unref (self->registered);
  g_queue_clear_full (&self->replies, (GDestroyNotify) reply_free);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->hung);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
ow_test_server_get_url (OwTestServer *self)
{
  return self->url;
}

void
ow_test_server_set_latency (OwTestServer *self,
                            guint         ms)
{
  g_mutex_lock (&self->lock);
  self->latency_ms = ms;
  g_mutex_unlock (&self->lock);
}

void
ow_test_server_add_cainiao_module (OwTestServer *self,
                                   const char   *module_json)
{
  g_autoptr(JsonNode) node = parse_json (module_json);
  const char *number = json_object_get_string_member (json_node_get_object (node), "mailNo");

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->cainiao, g_strdup (number), g_strdup (module_json));
  g_mutex_unlock (&self->lock);
}

void
ow_test_server_add_cainiao_file (OwTestServer *self,
                                 const char   *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *modules;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("Test server: %s", error->message);
  root = parse_json (text);
  modules = json_object_get_array_member (json_node_get_object (root), "module");
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      g_autofree char *module = to_json (json_array_get_element (modules, i));

      ow_test_server_add_cainiao_module (self, module);
    }
}

void
ow_test_server_set_cainiao_template (OwTestServer *self,
                                     const char   *module_json)
{
  g_mutex_lock (&self->lock);
  g_free (self->cainiao_template);
  self->cainiao_template = g_strdup (module_json);
  g_mutex_unlock (&self->lock);
}

void
ow_test_server_set_17track_key (OwTestServer *self,
                                const char   *key)
{
  g_mutex_lock (&self->lock);
  g_free (self->key);
  self->key = g_strdup (key);
  g_mutex_unlock (&self->lock);
}

void
ow_test_server_add_17track_info (OwTestServer *self,
                                 const char   *number,
                                 const char   *track_info_json)
{
  g_autoptr(JsonNode) node = parse_json (track_info_json);
  JsonObject *object = json_node_get_object (node);
  g_autofree char *text = NULL;

  /* A webhook payload ({"event", "data": {..., "track_info"}}) works too. */
  if (json_object_has_member (object, "data"))
    text = to_json (json_object_get_member (json_object_get_object_member (object, "data"),
                                            "track_info"));
  else
    text = g_strdup (track_info_json);

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->track_info, g_strdup (number), g_steal_pointer (&text));
  g_mutex_unlock (&self->lock);
}

void
ow_test_server_reject_17track (OwTestServer *self,
                               const char   *number,
                               int           code,
                               const char   *message)
{
  Rejection *rejection = g_new0 (Rejection, 1);

  rejection->code = code;
  rejection->message = g_strdup (message);
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->rejected, g_strdup (number), rejection);
  g_mutex_unlock (&self->lock);
}

gboolean
ow_test_server_is_17track_registered (OwTestServer *self,
                                      const char   *number)
{
  gboolean registered;

  g_mutex_lock (&self->lock);
  registered = g_hash_table_contains (self->registered, number);
  g_mutex_unlock (&self->lock);
  return registered;
}

void
ow_test_server_push_reply (OwTestServer    *self,
                           const char      *path,
                           OwTestReplyKind  kind,
                           guint            status,
                           const char      *content_type,
                           const char      *body,
                           gsize            size,
                           const char      *header_name,
                           const char      *header_value)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->path = g_strdup (path);
  reply->kind = kind;
  reply->status = status;
  reply->content_type = g_strdup (content_type);
  reply->body = body ? g_bytes_new (body, strlen (body)) : NULL;
  reply->size = size;
  reply->header_name = g_strdup (header_name);
  reply->header_value = g_strdup (header_value);

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->replies, reply);
  g_mutex_unlock (&self->lock);
}

guint
ow_test_server_count_requests (OwTestServer *self,
                               const char   *path)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      OwTestRequest *request = g_ptr_array_index (self->requests, i);

      if (path == NULL || g_str_equal (request->path, path))
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

GPtrArray *
ow_test_server_get_requests (OwTestServer *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_test_request_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copy, request_copy (g_ptr_array_index (self->requests, i)));
  g_mutex_unlock (&self->lock);
  return copy;
}

guint
ow_test_server_get_max_concurrent (OwTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->max_active;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
ow_test_read_tracking_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tracking", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("Missing fixture %s: %s", path, error->message);
  return text;
}
