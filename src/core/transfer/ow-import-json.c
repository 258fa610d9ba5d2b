/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the JSON that ow_export_json () writes. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <yajl/yajl_parse.h>

#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence.h"
#include "ow-export.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-json.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-text.h"
#include "ow-tracking-number.h"

typedef struct
{
  JsonObject     *object;
  guint           index;
  OwOrder        *order;
  OwOrderRecords *records;   /* what else the order carries, or NULL when not asked */
  GError        **error;
} JsonCtx;

/* The longest texts of a parcel or an event (as tracking answers are cut), and of a code or
 * a reminder's kind, in characters. */
#define TEXT_MAX OW_TRACKING_TEXT_MAX
#define KIND_MAX 64

static void
json_fail (JsonCtx    *ctx,
           const char *member,
           const char *message)
{
  const char *number = ow_order_get_order_number (ctx->order);

  if (number != NULL)
    /* Translators: the position of an order in the file, its number, a field, the problem */
    g_set_error (ctx->error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("order %u (%s), %s: %s"),
                 ctx->index + 1, number, member, ow_import_without_field_prefix (message, member));
  else
    g_set_error (ctx->error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("order %u, %s: %s"),
                 ctx->index + 1, member, ow_import_without_field_prefix (message, member));
}

/* Reads a string member: FALSE on a wrong type, @out NULL when absent or null. */
static gboolean
json_get_string (JsonCtx     *ctx,
                 JsonObject  *object,
                 const char  *member,
                 const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      return TRUE;
    }
  json_fail (ctx, member, _("must be a string"));
  return FALSE;
}

static gboolean
json_get_int (JsonCtx    *ctx,
              JsonObject *object,
              const char *member,
              gint64      low,
              gint64      high,
              gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= low && json_node_get_int (node) <= high)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  {
    g_autofree char *message =
      g_strdup_printf (_("must be a whole number from %" PRId64 " to %" PRId64),
                       low, high);
    json_fail (ctx, member, message);
  }
  return FALSE;
}

static gboolean
json_get_time (JsonCtx    *ctx,
               JsonObject *object,
               const char *member,
               gint64     *out)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  *out = OW_TIME_UNSET;
  if (!json_get_string (ctx, object, member, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!ow_import_parse_time (text, strlen (text), NULL, member, out, &error))
    {
      json_fail (ctx, member, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
json_read_facts (JsonCtx    *ctx,
                 JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "facts");
  JsonObject *facts;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (ctx, "facts", _("must be an object"));
      return FALSE;
    }

  facts = json_node_get_object (node);
  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      const char *name = ow_order_event_to_string (e);
      JsonNode *fact_node = json_object_get_member (facts, name);
      OwFactSource source = OW_FACT_USER;
      const char *source_text;
      gint64 time;

      if (fact_node == NULL || JSON_NODE_HOLDS_NULL (fact_node))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (fact_node))
        {
          json_fail (ctx, name, _("must be an object with “time” and “source”"));
          return FALSE;
        }
      if (!json_get_time (ctx, json_node_get_object (fact_node), "time", &time) ||
          !json_get_string (ctx, json_node_get_object (fact_node), "source", &source_text))
        return FALSE;
      if (source_text != NULL && !ow_fact_source_from_string (source_text, &source))
        {
          json_fail (ctx, name, _("the source must be user or inferred"));
          return FALSE;
        }
      ow_order_set_time (ctx->order, e, time, source);
    }
  return TRUE;
}

static gboolean
json_read_extensions (JsonCtx    *ctx,
                      JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "extensions");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_fail (ctx, "extensions", _("must be an array"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      OwExtension x = { OW_TIME_UNSET, 0, OW_EXTENSION_PENDING };
      JsonObject *xo;
      const char *state;
      gint64 days = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          json_fail (ctx, "extensions", _("each extension must be an object"));
          return FALSE;
        }
      xo = json_node_get_object (item);
      if (!json_get_time (ctx, xo, "requested_at", &x.requested_at) ||
          !json_get_int (ctx, xo, "days", 1, 365, &days) ||
          !json_get_string (ctx, xo, "state", &state))
        return FALSE;
      if (state != NULL && !ow_extension_state_from_string (state, &x.state))
        {
          json_fail (ctx, "extensions", _("the state must be pending, approved or refused"));
          return FALSE;
        }
      x.days = days;
      ow_order_add_extension (ctx->order, &x);
    }
  return TRUE;
}

/* A string member of at most @max characters; @required: neither missing nor null. */
static gboolean
json_get_text (JsonCtx     *ctx,
               JsonObject  *object,
               const char  *member,
               const char  *path,
               guint        max,
               gboolean     required,
               const char **out)
{
  if (!json_get_string (ctx, object, member, out))
    return FALSE;
  if (*out == NULL && required)
    {
      json_fail (ctx, path, _("is required"));
      return FALSE;
    }
  if (*out != NULL && g_utf8_strlen (*out, -1) > max)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "use at most %u character",
                                      "use at most %u characters", max), max);
      json_fail (ctx, path, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
json_get_bool (JsonCtx    *ctx,
               JsonObject *object,
               const char *member,
               const char *path,
               gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      json_fail (ctx, path, _("must be true or false"));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An array member, or NULL (and TRUE) when missing or null. */
static gboolean
json_get_array (JsonCtx     *ctx,
                JsonObject  *object,
                const char  *member,
                const char  *path,
                JsonArray  **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_fail (ctx, path, _("must be an array"));
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
json_element_object (JsonCtx    *ctx,
                     JsonArray  *array,
                     guint       index,
                     const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (ctx, path, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
json_get_status (JsonCtx          *ctx,
                 JsonObject       *object,
                 const char       *path,
                 OwTrackingStatus *out)
{
  const char *text;

  if (!json_get_string (ctx, object, "status", &text))
    return FALSE;
  if (text != NULL && !ow_tracking_status_from_string (text, out))
    {
      json_fail (ctx, path, _("is not a tracking status such as InTransit or Delivered"));
      return FALSE;
    }
  return TRUE;
}

static OwTrackingEvent *
json_read_event (JsonCtx    *ctx,
                 JsonObject *object,
                 const char *where)
{
  g_autofree char *time_path = g_strconcat (where, ".time", NULL);
  g_autofree char *status_path = g_strconcat (where, ".status", NULL);
  g_autofree char *code_path = g_strconcat (where, ".code", NULL);
  g_autofree char *key_path = g_strconcat (where, ".key", NULL);
  g_autofree char *text_path = g_strconcat (where, ".description", NULL);
  g_autofree char *location_path = g_strconcat (where, ".location", NULL);
  OwTrackingStatus status = OW_TRACKING_STATUS_IN_TRANSIT;
  const char *code, *key, *description, *location;
  gint64 time;

  if (!json_get_time (ctx, object, "time", &time))
    return NULL;
  if (time == OW_TIME_UNSET)
    {
      json_fail (ctx, time_path, _("is required"));
      return NULL;
    }
  if (!json_get_status (ctx, object, status_path, &status) ||
      !json_get_text (ctx, object, "code", code_path, KIND_MAX, FALSE, &code) ||
      !json_get_text (ctx, object, "key", key_path, TEXT_MAX + KIND_MAX, FALSE, &key) ||
      !json_get_text (ctx, object, "description", text_path, TEXT_MAX, TRUE, &description) ||
      !json_get_text (ctx, object, "location", location_path, TEXT_MAX, FALSE, &location))
    return NULL;
  if (*description == '\0')
    {
      json_fail (ctx, text_path, _("must not be empty"));
      return NULL;
    }
  return ow_tracking_event_new_with_key (time, status, code, key, description, location);
}

/* One parcel; @id is its place in the order (from 1), so that "follows" can name it. */
static OwParcel *
json_read_parcel (JsonCtx    *ctx,
                  JsonObject *object,
                  const char *where,
                  gint64      id,
                  GPtrArray  *events)
{
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number_path = g_strconcat (where, ".tracking_number", NULL);
  g_autofree char *provider_path = g_strconcat (where, ".provider", NULL);
  g_autofree char *overridden_path = g_strconcat (where, ".provider_overridden", NULL);
  g_autofree char *status_path = g_strconcat (where, ".status", NULL);
  g_autofree char *events_path = g_strconcat (where, ".events", NULL);
  g_autofree char *failures_path = g_strconcat (where, ".failures", NULL);
  g_autofree char *number = NULL;
  static const char * const texts[] = { "raw_status", "carrier", "last_error" };
  static const char * const times[] = {
    "created_at", "last_check", "next_check", "last_movement", "delivered_at",
  };
  const char *text, *provider = NULL;
  OwTrackingStatus status = OW_TRACKING_STATUS_NOT_FOUND;
  gboolean overridden = FALSE;
  gint64 values[G_N_ELEMENTS (times)];
  gint64 failures = 0;
  JsonArray *list;

  if (!json_get_text (ctx, object, "tracking_number", number_path, 64, TRUE, &text))
    return NULL;
  number = ow_tracking_number_normalize (text);
  if (!ow_tracking_number_validate (number, &error))
    {
      json_fail (ctx, number_path, error->message);
      return NULL;
    }
  if (!json_get_string (ctx, object, "provider", &text))
    return NULL;
  if (text != NULL && (provider = ow_tracking_provider_name_parse (text, &error)) == NULL)
    {
      json_fail (ctx, provider_path, error->message);
      return NULL;
    }

  parcel = ow_parcel_new (0, number, provider);
  ow_parcel_set_id (parcel, id);
  if (!json_get_bool (ctx, object, "provider_overridden", overridden_path, &overridden) ||
      !json_get_status (ctx, object, status_path, &status))
    return NULL;
  ow_parcel_set_provider_overridden (parcel, overridden);
  ow_parcel_set_status (parcel, status);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *path = g_strconcat (where, ".", texts[i], NULL);

      if (!json_get_text (ctx, object, texts[i], path, TEXT_MAX, FALSE, &text))
        return NULL;
      if (i == 0)
        ow_parcel_set_raw_status (parcel, text);
      else if (i == 1)
        ow_parcel_set_carrier (parcel, text);
      else
        ow_parcel_set_last_error (parcel, text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (!json_get_time (ctx, object, times[i], &values[i]))
      return NULL;
  ow_parcel_set_created_at (parcel, values[0]);
  ow_parcel_set_last_check (parcel, values[1]);
  ow_parcel_set_next_check (parcel, values[2]);
  ow_parcel_set_last_movement (parcel, values[3]);
  ow_parcel_set_delivered_at (parcel, values[4]);
  if (!json_get_int (ctx, object, "failures", 0, G_MAXINT, &failures))
    return NULL;
  ow_parcel_set_failures (parcel, failures);

  if (!json_get_array (ctx, object, "events", events_path, &list))
    return NULL;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *event_path = g_strdup_printf ("%s.events[%u]", where, i);
      JsonObject *item = json_element_object (ctx, list, i, event_path);
      OwTrackingEvent *event;

      if (item == NULL || (event = json_read_event (ctx, item, event_path)) == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }
  return g_steal_pointer (&parcel);
}

static gboolean
json_read_parcels (JsonCtx    *ctx,
                   JsonObject *object)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) follows = g_ptr_array_new ();
  JsonArray *list;

  if (!json_get_array (ctx, object, "parcels", "parcels", &list))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *where = g_strdup_printf ("parcels[%u]", i);
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(OwParcel) parcel = NULL;
      JsonObject *item = json_element_object (ctx, list, i, where);
      const char *parent;

      if (item == NULL || (parcel = json_read_parcel (ctx, item, where, i + 1, events)) == NULL)
        return FALSE;
      if (g_hash_table_contains (numbers, ow_parcel_get_tracking_number (parcel)))
        {
          json_fail (ctx, where, _("the order has this tracking number twice"));
          return FALSE;
        }
      if (!json_get_string (ctx, item, "follows", &parent))
        return FALSE;
      g_ptr_array_add (follows, (gpointer) parent);
      ow_order_records_add_parcel (ctx->records, parcel, events);
      g_hash_table_insert (numbers, (gpointer) ow_parcel_get_tracking_number (parcel),
                           GINT_TO_POINTER (i + 1));
    }

  /* "follows" names the parcel it continues by its number, in the same order. */
  for (guint i = 0; i < follows->len; i++)
    {
      g_autofree char *normalized = ow_tracking_number_normalize (g_ptr_array_index (follows, i));
      gint64 parent_id;

      if (normalized == NULL)
        continue;
      parent_id = GPOINTER_TO_INT (g_hash_table_lookup (numbers, normalized));
      if (parent_id == 0 || parent_id == (gint64) i + 1)
        {
          g_autofree char *where = g_strdup_printf ("parcels[%u].follows", i);

          json_fail (ctx, where, _("must be the tracking number of another parcel of the "
                                   "order"));
          return FALSE;
        }
      ow_parcel_set_follows_parcel_id (g_ptr_array_index (ctx->records->parcels, i), parent_id);
    }
  return TRUE;
}

static gboolean
json_read_reminders (JsonCtx    *ctx,
                     JsonObject *object)
{
  JsonArray *list;

  if (!json_get_array (ctx, object, "reminders_sent", "reminders_sent", &list))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *where = g_strdup_printf ("reminders_sent[%u]", i);
      g_autofree char *kind_path = g_strconcat (where, ".kind", NULL);
      g_autofree char *time_path = g_strconcat (where, ".due", NULL);
      JsonObject *item = json_element_object (ctx, list, i, where);
      gint64 due, sent_at, before = -1;
      const char *kind;

      if (item == NULL ||
          !json_get_text (ctx, item, "kind", kind_path, KIND_MAX, TRUE, &kind) ||
          !json_get_time (ctx, item, "due", &due) ||
          !json_get_time (ctx, item, "sent_at", &sent_at) ||
          !json_get_int (ctx, item, "before", 0, G_GINT64_CONSTANT (10) * 366 * 86400, &before))
        return FALSE;
      if (due == OW_TIME_UNSET || sent_at == OW_TIME_UNSET || before < 0)
        {
          json_fail (ctx, where, _("needs kind, due, before and sent_at"));
          return FALSE;
        }
      ow_order_records_add_reminder (ctx->records, kind, due, before, sent_at);
    }

  if (!json_get_array (ctx, object, "snoozes", "snoozes", &list))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *where = g_strdup_printf ("snoozes[%u]", i);
      g_autofree char *kind_path = g_strconcat (where, ".kind", NULL);
      JsonObject *item = json_element_object (ctx, list, i, where);
      const char *kind;
      gint64 until;

      if (item == NULL ||
          !json_get_text (ctx, item, "kind", kind_path, KIND_MAX, TRUE, &kind) ||
          !json_get_time (ctx, item, "until", &until))
        return FALSE;
      if (until == OW_TIME_UNSET)
        {
          json_fail (ctx, where, _("needs kind and until"));
          return FALSE;
        }
      ow_order_records_add_snooze (ctx->records, kind, until);
    }
  return TRUE;
}

static OwDispute *
json_read_dispute (JsonCtx    *ctx,
                   JsonObject *object,
                   const char *where)
{
  g_autoptr(OwDispute) dispute = NULL;
  g_autofree char *channel_path = g_strconcat (where, ".channel", NULL);
  g_autofree char *reason_path = g_strconcat (where, ".reason", NULL);
  g_autofree char *solution_path = g_strconcat (where, ".solution", NULL);
  g_autofree char *amount_path = g_strconcat (where, ".amount_minor", NULL);
  g_autofree char *text_path = g_strconcat (where, ".description", NULL);
  g_autofree char *history_path = g_strconcat (where, ".history", NULL);
  OwDisputeChannel channel;
  OwDisputeSolution solution;
  const char *text, *reason, *description;
  gint64 amount = 0;
  JsonArray *history;

  if (!json_get_text (ctx, object, "channel", channel_path, KIND_MAX, TRUE, &text))
    return NULL;
  if (!ow_dispute_channel_from_string (text, &channel))
    {
      json_fail (ctx, channel_path, _("must be marketplace, paypal or card"));
      return NULL;
    }
  if (!json_get_text (ctx, object, "reason", reason_path, KIND_MAX, TRUE, &reason) ||
      !json_get_text (ctx, object, "solution", solution_path, KIND_MAX, TRUE, &text))
    return NULL;
  if (!ow_dispute_solution_from_string (text, &solution))
    {
      json_fail (ctx, solution_path, _("must be refund_only or return_goods"));
      return NULL;
    }
  if (!json_get_int (ctx, object, "amount_minor", 1, G_MAXINT64, &amount) ||
      !json_get_text (ctx, object, "description", text_path, OW_ORDER_NOTES_MAX, FALSE,
                      &description) ||
      !json_get_array (ctx, object, "history", history_path, &history))
    return NULL;
  if (amount <= 0)
    {
      json_fail (ctx, amount_path, _("is required"));
      return NULL;
    }

  dispute = ow_dispute_new (0, channel);
  ow_dispute_set_reason (dispute, reason);
  ow_dispute_set_solution (dispute, solution);
  ow_dispute_set_amount (dispute, amount);
  ow_dispute_set_description (dispute, description);
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      g_autofree char *step_path = g_strdup_printf ("%s.history[%u]", where, i);
      g_autofree char *kind_path = g_strconcat (step_path, ".kind", NULL);
      g_autofree char *at_path = g_strconcat (step_path, ".at", NULL);
      g_autofree char *note_path = g_strconcat (step_path, ".text", NULL);
      JsonObject *item = json_element_object (ctx, history, i, step_path);
      OwDisputeStepKind kind;
      gint64 at, step_amount = 0;

      if (item == NULL ||
          !json_get_text (ctx, item, "kind", kind_path, KIND_MAX, TRUE, &text))
        return NULL;
      if (!ow_dispute_step_from_string (text, &kind))
        {
          json_fail (ctx, kind_path, _("is not a step of a dispute such as opened or closed"));
          return NULL;
        }
      if (!json_get_time (ctx, item, "at", &at) ||
          !json_get_int (ctx, item, "amount_minor", 0, G_MAXINT64, &step_amount) ||
          !json_get_text (ctx, item, "text", note_path, TEXT_MAX, FALSE, &text))
        return NULL;
      if (at == OW_TIME_UNSET)
        {
          json_fail (ctx, at_path, _("is required"));
          return NULL;
        }
      ow_dispute_append_step (dispute, kind, at, step_amount, text);
    }
  return g_steal_pointer (&dispute);
}

static OwEvidence *
json_read_evidence (JsonCtx    *ctx,
                    JsonObject *object,
                    const char *where)
{
  g_autoptr(OwEvidence) evidence = NULL;
  g_autofree char *kind_path = g_strconcat (where, ".kind", NULL);
  g_autofree char *name_path = g_strconcat (where, ".original_name", NULL);
  g_autofree char *type_path = g_strconcat (where, ".media_type", NULL);
  g_autofree char *hash_path = g_strconcat (where, ".sha256", NULL);
  g_autofree char *note_path = g_strconcat (where, ".note", NULL);
  g_autofree char *added_path = g_strconcat (where, ".added_at", NULL);
  const char *text, *name, *type, *hash, *note;
  OwEvidenceKind kind;
  gint64 size = -1, added;
  gboolean hex = TRUE;

  if (!json_get_text (ctx, object, "kind", kind_path, KIND_MAX, TRUE, &text))
    return NULL;
  if (!ow_evidence_kind_from_string (text, &kind))
    {
      json_fail (ctx, kind_path, _("is not a kind of evidence such as photo or video"));
      return NULL;
    }
  if (!json_get_text (ctx, object, "original_name", name_path, TEXT_MAX, TRUE, &name) ||
      !json_get_text (ctx, object, "media_type", type_path, KIND_MAX * 2, TRUE, &type) ||
      !json_get_int (ctx, object, "size", 0, G_MAXINT64, &size) ||
      !json_get_text (ctx, object, "sha256", hash_path, 64, TRUE, &hash) ||
      !json_get_text (ctx, object, "note", note_path, OW_ORDER_NOTES_MAX, FALSE, &note) ||
      !json_get_time (ctx, object, "added_at", &added))
    return NULL;
  for (const char *p = hash; *p; p++)
    hex &= g_ascii_isxdigit (*p) && !g_ascii_isupper (*p);
  if (strlen (hash) != 64 || !hex)
    {
      json_fail (ctx, hash_path, _("must be 64 lower-case hexadecimal digits"));
      return NULL;
    }
  if (size < 0 || added == OW_TIME_UNSET)
    {
      json_fail (ctx, where, _("needs its size and added_at"));
      return NULL;
    }

  evidence = ow_evidence_new (0, kind, name, type, size, hash);
  ow_evidence_set_note (evidence, note);
  ow_evidence_set_added_at (evidence, added);
  return g_steal_pointer (&evidence);
}

static gboolean
json_read_disputes (JsonCtx    *ctx,
                    JsonObject *object)
{
  JsonArray *list;

  if (!json_get_array (ctx, object, "disputes", "disputes", &list))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *where = g_strdup_printf ("disputes[%u]", i);
      JsonObject *item = json_element_object (ctx, list, i, where);
      OwDispute *dispute;

      if (item == NULL || (dispute = json_read_dispute (ctx, item, where)) == NULL)
        return FALSE;
      g_ptr_array_add (ctx->records->disputes, dispute);
    }

  if (!json_get_array (ctx, object, "evidence", "evidence", &list))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *where = g_strdup_printf ("evidence[%u]", i);
      JsonObject *item = json_element_object (ctx, list, i, where);
      OwEvidence *evidence;

      if (item == NULL || (evidence = json_read_evidence (ctx, item, where)) == NULL)
        return FALSE;
      g_ptr_array_add (ctx->records->evidence, evidence);
    }
  return TRUE;
}

static gboolean
json_read_order (JsonCtx          *ctx,
                 OwPolicyRegistry *policies)
{
  JsonObject *o = ctx->object;
  OwOrder *order = ctx->order;
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 value;
  JsonNode *node;

  if (!json_get_string (ctx, o, "order_number", &text))
    return FALSE;
  ow_order_set_order_number (order, text);

  value = 0;
  if (!json_get_int (ctx, o, "id", 0, G_MAXINT64, &value))
    return FALSE;
  ow_order_set_id (order, value);

  if (!json_get_string (ctx, o, "marketplace", &text))
    return FALSE;
  if (text != NULL)
    ow_order_set_marketplace (order, text);
  if (policies != NULL && ow_policy_registry_lookup (policies, ow_order_get_marketplace (order))
                          == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a known marketplace"),
                                                  ow_order_get_marketplace (order));
      json_fail (ctx, "marketplace", message);
      return FALSE;
    }

  if (!json_get_string (ctx, o, "item", &text))
    return FALSE;
  ow_order_set_item_title (order, text);
  if (!json_get_string (ctx, o, "store", &text))
    return FALSE;
  ow_order_set_store_name (order, text);
  if (!json_get_string (ctx, o, "notes", &text))
    return FALSE;
  ow_order_set_notes (order, text);

  value = 1;
  if (!json_get_int (ctx, o, "quantity", 1, 100000, &value))
    return FALSE;
  ow_order_set_quantity (order, value);

  if (!json_get_string (ctx, o, "currency", &text))
    return FALSE;
  if (text != NULL)
    {
      if (!ow_currency_is_valid (text))
        {
          json_fail (ctx, "currency", _("must be an ISO 4217 code such as USD"));
          return FALSE;
        }
      ow_order_set_currency (order, text);
    }

  if (!json_get_string (ctx, o, "amount", &text))
    return FALSE;
  if (text != NULL)
    {
      gint64 minor;

      if (!ow_money_parse (text, ow_order_get_currency (order), &minor, &error))
        {
          json_fail (ctx, "amount", error->message);
          return FALSE;
        }
      ow_order_set_amount (order, minor);
    }

  if (!json_get_string (ctx, o, "payment_method", &text))
    return FALSE;
  if (text != NULL)
    {
      OwPaymentMethod method;

      if (!ow_payment_method_from_string (text, &method))
        {
          json_fail (ctx, "payment_method", _("must be card, paypal, balance or other"));
          return FALSE;
        }
      ow_order_set_payment_method (order, method);
    }

  if (!json_get_string (ctx, o, "close_reason", &text))
    return FALSE;
  if (text != NULL)
    {
      OwCloseReason reason;

      if (!ow_close_reason_from_string (text, &reason))
        {
          json_fail (ctx, "close_reason", _("is not a known close reason"));
          return FALSE;
        }
      ow_order_set_close_reason (order, reason);
    }

  value = 0;
  if (!json_get_int (ctx, o, "processing_days", 0, 365, &value))
    return FALSE;
  ow_order_set_processing_days (order, value);
  value = 0;
  if (!json_get_int (ctx, o, "delivery_days", 0, 365, &value))
    return FALSE;
  ow_order_set_delivery_days (order, value);

  node = json_object_get_member (o, "archived");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          json_fail (ctx, "archived", _("must be true or false"));
          return FALSE;
        }
      ow_order_set_archived (order, json_node_get_boolean (node));
    }

  if (!json_get_time (ctx, o, "modified", &value))
    return FALSE;
  ow_order_set_modified (order, value == OW_TIME_UNSET ? 0 : value);

  if (!json_read_facts (ctx, o) || !json_read_extensions (ctx, o))
    return FALSE;
  if (ctx->records != NULL && (!json_read_parcels (ctx, o) || !json_read_reminders (ctx, o) ||
                               !json_read_disputes (ctx, o)))
    return FALSE;

  if (!ow_order_validate (order, &error))
    {
      g_set_error (ctx->error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("order %u (%s): %s"),
                   ctx->index + 1, ow_order_get_order_number (order) ?: "?", error->message);
      return FALSE;
    }

  /* The marketplace's own rules, as the editor and the command line check them. */
  if (policies != NULL)
    {
      OwPolicy *policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (order));
      g_autofree char *problem = policy ? ow_policy_check_order_number (
                                            policy, ow_order_get_order_number (order))
                                        : NULL;

      if (problem != NULL)
        {
          json_fail (ctx, "order_number",
                     ow_import_without_field_prefix (problem, _("Order number")));
          return FALSE;
        }
    }
  return TRUE;
}

/* The streaming reader: yajl reports the file token by token; each element of "orders" is
 * built into a small tree of its own, read and checked by json_read_order () as before, then
 * dropped. The whole file never stands in memory as a tree (it took 800 MiB for 100,000
 * orders), and the orders go to the caller a batch at a time. */

typedef struct
{
  OwPolicyRegistry  *policies;
  gboolean           with_records;
  guint              batch_size;
  OwImportBatchFunc  func;
  gpointer           user_data;

  guint              depth;          /* containers open */
  gboolean           root_is_object;
  char              *root_key;       /* the member of the root object being read */
  char              *format;
  JsonNode          *version;
  gboolean           orders_seen;
  gboolean           orders_is_array;
  gboolean           in_orders;      /* inside the root's "orders" array */

  GPtrArray         *stack;          /* the open containers of the order being read */
  char              *member;         /* the name of the next value in the order's tree */
  GString           *scratch;

  guint              n_orders;       /* elements of "orders" so far */
  GHashTable        *seen;           /* marketplace \x1f order number */
  GPtrArray         *batch;
  GPtrArray         *batch_records;
  guint              batch_first;    /* the index of the batch's first order */
  GError            *order_error;    /* the first order that did not read */
  GError            *caller_error;   /* the batch function refused: stop at once */
} Reader;

static gboolean
header_ok (Reader *reader)
{
  return reader->root_is_object && g_strcmp0 (reader->format, "orderwatch") == 0 &&
         reader->version != NULL && JSON_NODE_HOLDS_VALUE (reader->version) &&
         json_node_get_value_type (reader->version) == G_TYPE_INT64 &&
         json_node_get_int (reader->version) >= 1 &&
         json_node_get_int (reader->version) <= OW_EXPORT_JSON_VERSION;
}

/* Hands the batch over; while the header is not known yet (it may come after the orders),
 * the orders wait. */
static gboolean
deliver (Reader   *reader,
         gboolean  force)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint first = reader->batch_first;

  if (reader->batch->len == 0 || reader->order_error != NULL || reader->caller_error != NULL ||
      (!force && (reader->batch->len < reader->batch_size || !header_ok (reader))))
    return TRUE;

  orders = g_steal_pointer (&reader->batch);
  records = g_steal_pointer (&reader->batch_records);
  reader->batch = g_ptr_array_new_with_free_func (g_object_unref);
  reader->batch_records = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);
  reader->batch_first = first + orders->len;
  return reader->func (orders, reader->with_records ? records : NULL, first, reader->user_data,
                       &reader->caller_error);
}

/* One element of "orders" has been read whole: check it and keep it. */
static gboolean
take_order (Reader   *reader,
            JsonNode *node)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwOrderRecords) records = NULL;
  g_autofree char *key = NULL;
  guint index = reader->n_orders++;
  JsonCtx ctx;

  /* After the first problem only the syntax is still checked: it is reported first. */
  if (reader->order_error != NULL)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (&reader->order_error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("order %u: must be an object"), index + 1);
      return TRUE;
    }

  order = ow_order_new ();
  records = reader->with_records ? ow_order_records_new () : NULL;
  ctx = (JsonCtx) { json_node_get_object (node), index, order, records, &reader->order_error };
  if (!json_read_order (&ctx, reader->policies))
    return TRUE;

  key = g_strconcat (ow_order_get_marketplace (order), "\x1f",
                     ow_order_get_order_number (order), NULL);
  if (g_hash_table_contains (reader->seen, key))
    {
      g_set_error (&reader->order_error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("order %u (%s): the file has this order number twice"), index + 1,
                   ow_order_get_order_number (order));
      return TRUE;
    }
  g_hash_table_add (reader->seen, g_steal_pointer (&key));
  g_ptr_array_add (reader->batch, g_steal_pointer (&order));
  if (records != NULL)
    g_ptr_array_add (reader->batch_records, g_steal_pointer (&records));
  return deliver (reader, FALSE);
}

/* A value (scalar or container) that has just begun or been read whole. */
static void
add_to_tree (Reader   *reader,
             JsonNode *node)
{
  JsonNode *parent = g_ptr_array_index (reader->stack, reader->stack->len - 1);

  if (JSON_NODE_HOLDS_ARRAY (parent))
    json_array_add_element (json_node_get_array (parent), node);
  else
    {
      json_object_set_member (json_node_get_object (parent),
                              reader->member ? reader->member : "", node);
      g_clear_pointer (&reader->member, g_free);
    }
}

/* A scalar: into the order being read, else the header's members. */
static int
on_value (Reader   *reader,
          JsonNode *node)
{
  if (reader->stack->len > 0)
    {
      add_to_tree (reader, node);
      return 1;
    }
  if (reader->in_orders && reader->depth == 2)
    {
      json_node_unref (node);
      return take_order (reader, NULL);
    }
  if (reader->depth == 1 && reader->root_key != NULL)
    {
      if (g_str_equal (reader->root_key, "format"))
        {
          g_free (reader->format);
          reader->format = JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_STRING
                           ? g_strdup (json_node_get_string (node)) : NULL;
        }
      else if (g_str_equal (reader->root_key, "version"))
        {
          g_clear_pointer (&reader->version, json_node_unref);
          reader->version = g_steal_pointer (&node);
        }
      else if (g_str_equal (reader->root_key, "orders"))
        reader->orders_seen = TRUE, reader->orders_is_array = FALSE;
    }
  g_clear_pointer (&node, json_node_unref);
  /* The header may have just become known: orders waiting for it can go. */
  return deliver (reader, FALSE);
}

static int
on_null (void *data)
{
  return on_value (data, json_node_new (JSON_NODE_NULL));
}

static int
on_boolean (void *data,
            int   value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  return on_value (data, node);
}

static int
on_integer (void      *data,
            long long  value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return on_value (data, node);
}

static int
on_double (void   *data,
           double  value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return on_value (data, node);
}

static int
on_string (void                *data,
           const unsigned char *text,
           size_t               length)
{
  Reader *reader = data;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  g_string_truncate (reader->scratch, 0);
  g_string_append_len (reader->scratch, (const char *) text, length);
  json_node_set_string (node, reader->scratch->str);
  return on_value (reader, node);
}

static int
on_key (void                *data,
        const unsigned char *text,
        size_t               length)
{
  Reader *reader = data;

  if (reader->stack->len > 0)
    {
      g_free (reader->member);
      reader->member = g_strndup ((const char *) text, length);
    }
  else if (reader->depth == 1)
    {
      g_free (reader->root_key);
      reader->root_key = g_strndup ((const char *) text, length);
    }
  return 1;
}

static int
on_start (Reader   *reader,
          gboolean  object)
{
  JsonNode *node;

  if (reader->stack->len > 0 || (reader->in_orders && reader->depth == 2 && object))
    {
      node = json_node_new (object ? JSON_NODE_OBJECT : JSON_NODE_ARRAY);
      /* Taken, not referenced: the node alone owns its container. */
      if (object)
        json_node_take_object (node, json_object_new ());
      else
        json_node_take_array (node, json_array_new ());
      if (reader->stack->len > 0)
        add_to_tree (reader, json_node_ref (node));
      g_ptr_array_add (reader->stack, node);
    }
  else if (reader->in_orders && reader->depth == 2)
    /* An array where an order should be: its contents are passed over. */
    take_order (reader, NULL);
  else if (reader->depth == 0)
    reader->root_is_object = object;
  else if (reader->depth == 1 && g_strcmp0 (reader->root_key, "orders") == 0)
    {
      reader->orders_seen = TRUE;
      reader->orders_is_array = !object;
      reader->in_orders = !object;
    }
  reader->depth++;
  return 1;
}

static int
on_end (Reader *reader)
{
  reader->depth--;
  if (reader->stack->len > 0)
    {
      g_autoptr(JsonNode) node = g_ptr_array_steal_index (reader->stack, reader->stack->len - 1);

      if (reader->stack->len == 0)
        return take_order (reader, node);
      return 1;
    }
  if (reader->in_orders && reader->depth == 1)
    reader->in_orders = FALSE;
  return 1;
}

static int
on_start_map (void *data)
{
  return on_start (data, TRUE);
}

static int
on_start_array (void *data)
{
  return on_start (data, FALSE);
}

static int
on_end_container (void *data)
{
  return on_end (data);
}

static const yajl_callbacks reader_callbacks = {
  on_null, on_boolean, on_integer, on_double, NULL, on_string,
  on_start_map, on_key, on_end_container, on_start_array, on_end_container,
};

/* The line (from 1) the byte at @offset is on. */
static guint
line_at (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += text[i] == '\n';
  return line;
}

/* What yajl says, without its trailing line break. */
static char *
syntax_error (yajl_handle  handle,
              const char  *text,
              gsize        length)
{
  unsigned char *message = yajl_get_error (handle, 0, (const unsigned char *) text, length);
  g_autofree char *stripped = g_strstrip (g_strdup ((const char *) message));
  gsize offset = MIN (yajl_get_bytes_consumed (handle), length);

  yajl_free_error (handle, message);
  /* Translators: a line of the file, then what is wrong there (from the JSON parser) */
  return g_strdup_printf (_("line %u: %s"), line_at (text, offset), stripped);
}

static gboolean
check_bytes (const char  *text,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) depth_error = NULL;
  g_autofree char *member = NULL;
  guint line = 0;

  /* json-glib would refuse it too, without saying where. */
  if (!ow_text_check_json_utf8 (text, length, &line, &member))
    {
      if (member != NULL)
        /* Translators: a line of the file, then the member whose text is wrong */
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("line %u, %s: the text is not valid UTF-8; save the file as UTF-8 and "
                       "try again"), line, member);
      else
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("line %u: the text is not valid UTF-8; save the file as UTF-8 and try "
                       "again"), line);
      return FALSE;
    }
  /* Nothing Orderwatch writes nests deeper; a file that does is not an export. */
  if (!ow_json_check_depth (text, length, OW_JSON_MAX_DEPTH, &depth_error))
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   /* Translators: %s says how deep the file nests and the limit */
                   _("The file is not an Orderwatch export: %s; check that you picked "
                     "the right file"), depth_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The header's problems, in the order they are reported. */
static gboolean
check_header (Reader  *reader,
              GError **error)
{
  if (!reader->root_is_object || g_strcmp0 (reader->format, "orderwatch") != 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("The file is not an Orderwatch export: it needs "
                     "{\"format\": \"orderwatch\", \"version\": 1, \"orders\": […]}"));
      return FALSE;
    }
  if (reader->version == NULL || !JSON_NODE_HOLDS_VALUE (reader->version) ||
      json_node_get_value_type (reader->version) != G_TYPE_INT64 ||
      json_node_get_int (reader->version) < 1)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("version: must be a whole number, such as 1"));
      return FALSE;
    }
  if (json_node_get_int (reader->version) > OW_EXPORT_JSON_VERSION)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("version: the file is version %" PRId64
                     ", newer than this Orderwatch reads (%d); update Orderwatch"),
                   json_node_get_int (reader->version), OW_EXPORT_JSON_VERSION);
      return FALSE;
    }
  if (!reader->orders_seen || !reader->orders_is_array)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("orders: must be an array of orders"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ow_import_json_batches (GBytes             *data,
                        OwPolicyRegistry   *policies,
                        gboolean            with_records,
                        guint               batch_size,
                        OwImportBatchFunc   func,
                        gpointer            user_data,
                        GError            **error)
{
  Reader reader = { policies, with_records, MAX (batch_size, 1), func, user_data };
  yajl_handle handle;
  yajl_status status;
  const char *text;
  gsize length;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = g_bytes_get_data (data, &length);
  if (text == NULL)
    text = "";
  if (!check_bytes (text, length, error))
    return FALSE;

  reader.stack = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  reader.scratch = g_string_new (NULL);
  reader.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.batch = g_ptr_array_new_with_free_func (g_object_unref);
  reader.batch_records = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free);

  handle = yajl_alloc (&reader_callbacks, NULL, &reader);
  /* As lenient as json-glib was with the files people edited by hand. */
  yajl_config (handle, yajl_allow_comments, 1);
  /* ow_text_check_json_utf8 () has just checked every byte. */
  yajl_config (handle, yajl_dont_validate_strings, 1);
  status = yajl_parse (handle, (const unsigned char *) text, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);

  if (reader.caller_error != NULL)
    g_propagate_error (error, g_steal_pointer (&reader.caller_error));
  else if (status != yajl_status_ok)
    {
      g_autofree char *message = syntax_error (handle, text, length);

      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("The file is not valid JSON: %s"), message);
    }
  else if (check_header (&reader, error))
    {
      if (reader.order_error != NULL)
        g_propagate_error (error, g_steal_pointer (&reader.order_error));
      else if (!deliver (&reader, TRUE))
        g_propagate_error (error, g_steal_pointer (&reader.caller_error));
      else
        ok = TRUE;
    }

  yajl_free (handle);
  g_ptr_array_unref (reader.stack);
  g_string_free (reader.scratch, TRUE);
  g_hash_table_unref (reader.seen);
  g_ptr_array_unref (reader.batch);
  g_ptr_array_unref (reader.batch_records);
  g_clear_error (&reader.order_error);
  g_clear_error (&reader.caller_error);
  g_clear_pointer (&reader.version, json_node_unref);
  g_free (reader.root_key);
  g_free (reader.member);
  g_free (reader.format);
  return ok;
}

typedef struct
{
  GPtrArray *orders;
  GPtrArray *records;
} Collected;

static gboolean
collect_batch (GPtrArray  *orders,
               GPtrArray  *records,
               guint       first,
               gpointer    user_data,
               GError    **error)
{
  Collected *all = user_data;

  g_ptr_array_extend_and_steal (all->orders, g_ptr_array_ref (orders));
  if (records != NULL)
    g_ptr_array_extend_and_steal (all->records, g_ptr_array_ref (records));
  return TRUE;
}

GPtrArray *
ow_import_json_full (GBytes            *data,
                     OwPolicyRegistry  *policies,
                     GPtrArray        **records,
                     GError           **error)
{
  Collected all = {
    g_ptr_array_new_with_free_func (g_object_unref),
    g_ptr_array_new_with_free_func ((GDestroyNotify) ow_order_records_free),
  };

  g_return_val_if_fail (data != NULL, NULL);

  if (!ow_import_json_batches (data, policies, records != NULL, 4096, collect_batch, &all,
                               error))
    {
      g_ptr_array_unref (all.orders);
      g_ptr_array_unref (all.records);
      return NULL;
    }
  if (records != NULL)
    *records = all.records;
  else
    g_ptr_array_unref (all.records);
  return all.orders;
}

GPtrArray *
ow_import_json (GBytes  *data,
                GError **error)
{
  return ow_import_json_full (data, NULL, NULL, error);
}
