/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading one order of the JSON that ow_export_json () writes, from its values as the stream
 * reader kept them (ow-import-json-stream.c). The members are looked up in a fixed order,
 * whatever order the file gives them in, so the first problem reported is always the same. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-evidence.h"
#include "ow-export.h"
#include "ow-import-private.h"
#include "ow-import.h"
#include "ow-json-values.h"
#include "ow-json.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-text.h"
#include "ow-tracking-number.h"

typedef struct
{
  OwJsonValues   *values;
  guint           object;    /* the order's, in values */
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
                 guint        object,
                 const char  *member,
                 const char **out)
{
  guint value = ow_json_values_lookup (ctx->values, object, member);

  *out = NULL;
  if (value == OW_JSON_NONE || ow_json_values_kind (ctx->values, value) == OW_JSON_NULL)
    return TRUE;
  if (ow_json_values_kind (ctx->values, value) == OW_JSON_STRING)
    {
      *out = ow_json_values_get_string (ctx->values, value);
      return TRUE;
    }
  json_fail (ctx, member, _("must be a string"));
  return FALSE;
}

static gboolean
json_get_int (JsonCtx    *ctx,
              guint       object,
              const char *member,
              gint64      low,
              gint64      high,
              gint64     *out)
{
  guint value = ow_json_values_lookup (ctx->values, object, member);

  if (value == OW_JSON_NONE || ow_json_values_kind (ctx->values, value) == OW_JSON_NULL)
    return TRUE;
  if (ow_json_values_kind (ctx->values, value) == OW_JSON_INTEGER &&
      ow_json_values_get_integer (ctx->values, value) >= low &&
      ow_json_values_get_integer (ctx->values, value) <= high)
    {
      *out = ow_json_values_get_integer (ctx->values, value);
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
               guint       object,
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
json_read_facts (JsonCtx *ctx,
                 guint    object)
{
  guint facts = ow_json_values_lookup (ctx->values, object, "facts");

  if (facts == OW_JSON_NONE || ow_json_values_kind (ctx->values, facts) == OW_JSON_NULL)
    return TRUE;
  if (ow_json_values_kind (ctx->values, facts) != OW_JSON_OBJECT)
    {
      json_fail (ctx, "facts", _("must be an object"));
      return FALSE;
    }

  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      const char *name = ow_order_event_to_string (e);
      guint fact = ow_json_values_lookup (ctx->values, facts, name);
      OwFactSource source = OW_FACT_USER;
      const char *source_text;
      const char *origin;
      gint64 time;

      if (fact == OW_JSON_NONE || ow_json_values_kind (ctx->values, fact) == OW_JSON_NULL)
        continue;
      if (ow_json_values_kind (ctx->values, fact) != OW_JSON_OBJECT)
        {
          json_fail (ctx, name, _("must be an object with “time” and “source”"));
          return FALSE;
        }
      if (!json_get_time (ctx, fact, "time", &time) ||
          !json_get_string (ctx, fact, "source", &source_text) ||
          !json_get_string (ctx, fact, "origin", &origin))
        return FALSE;
      if (source_text != NULL && (!ow_fact_source_from_string (source_text, &source) ||
                                  source == OW_FACT_UNKNOWN))
        {
          json_fail (ctx, name, _("the source must be user, inferred or imported"));
          return FALSE;
        }
      /* A fact without a time happened at an instant nobody knows. */
      if (time == OW_TIME_UNSET)
        ow_order_set_time_undated (ctx->order, e, source);
      else
        ow_order_set_time (ctx->order, e, time, source);
      ow_order_set_time_origin (ctx->order, e, origin);
    }
  return TRUE;
}

static gboolean
json_read_extensions (JsonCtx *ctx,
                      guint    object)
{
  guint array = ow_json_values_lookup (ctx->values, object, "extensions");

  if (array == OW_JSON_NONE || ow_json_values_kind (ctx->values, array) == OW_JSON_NULL)
    return TRUE;
  if (ow_json_values_kind (ctx->values, array) != OW_JSON_ARRAY)
    {
      json_fail (ctx, "extensions", _("must be an array"));
      return FALSE;
    }

  for (guint xo = ow_json_values_first (ctx->values, array); xo != OW_JSON_NONE;
       xo = ow_json_values_next (ctx->values, array, xo))
    {
      OwExtension x = { OW_TIME_UNSET, 0, OW_EXTENSION_PENDING };
      const char *state;
      gint64 days = 0;

      if (ow_json_values_kind (ctx->values, xo) != OW_JSON_OBJECT)
        {
          json_fail (ctx, "extensions", _("each extension must be an object"));
          return FALSE;
        }
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
               guint        object,
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
               guint       object,
               const char *member,
               const char *path,
               gboolean   *out)
{
  guint value = ow_json_values_lookup (ctx->values, object, member);

  if (value == OW_JSON_NONE || ow_json_values_kind (ctx->values, value) == OW_JSON_NULL)
    return TRUE;
  if (ow_json_values_kind (ctx->values, value) != OW_JSON_BOOLEAN)
    {
      json_fail (ctx, path, _("must be true or false"));
      return FALSE;
    }
  *out = ow_json_values_get_boolean (ctx->values, value);
  return TRUE;
}

/* An array member, or OW_JSON_NONE (and TRUE) when missing or null. */
static gboolean
json_get_array (JsonCtx    *ctx,
                guint       object,
                const char *member,
                const char *path,
                guint      *out)
{
  guint value = ow_json_values_lookup (ctx->values, object, member);

  *out = OW_JSON_NONE;
  if (value == OW_JSON_NONE || ow_json_values_kind (ctx->values, value) == OW_JSON_NULL)
    return TRUE;
  if (ow_json_values_kind (ctx->values, value) != OW_JSON_ARRAY)
    {
      json_fail (ctx, path, _("must be an array"));
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* The elements of an array from json_get_array () (OW_JSON_NONE: none). */
static guint
json_first (JsonCtx *ctx,
            guint    array)
{
  return array != OW_JSON_NONE ? ow_json_values_first (ctx->values, array) : OW_JSON_NONE;
}

static guint
json_next (JsonCtx *ctx,
           guint    array,
           guint    element)
{
  return ow_json_values_next (ctx->values, array, element);
}

/* @element itself, or OW_JSON_NONE (with the error) when it is not an object. */
static guint
json_element_object (JsonCtx    *ctx,
                     guint       element,
                     const char *path)
{
  if (ow_json_values_kind (ctx->values, element) != OW_JSON_OBJECT)
    {
      json_fail (ctx, path, _("must be an object"));
      return OW_JSON_NONE;
    }
  return element;
}

static gboolean
json_get_status (JsonCtx          *ctx,
                 guint             object,
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
                 guint       object,
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
                  guint       object,
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
  guint list;

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
  for (guint i = 0, element = json_first (ctx, list); element != OW_JSON_NONE;
       i++, element = json_next (ctx, list, element))
    {
      g_autofree char *event_path = g_strdup_printf ("%s.events[%u]", where, i);
      guint item = json_element_object (ctx, element, event_path);
      OwTrackingEvent *event;

      if (item == OW_JSON_NONE || (event = json_read_event (ctx, item, event_path)) == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }
  return g_steal_pointer (&parcel);
}

static gboolean
json_read_parcels (JsonCtx *ctx,
                   guint    object)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) follows = g_ptr_array_new ();
  guint list;

  if (!json_get_array (ctx, object, "parcels", "parcels", &list))
    return FALSE;
  for (guint i = 0, element = json_first (ctx, list); element != OW_JSON_NONE;
       i++, element = json_next (ctx, list, element))
    {
      g_autofree char *where = g_strdup_printf ("parcels[%u]", i);
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(OwParcel) parcel = NULL;
      guint item = json_element_object (ctx, element, where);
      const char *parent;

      if (item == OW_JSON_NONE || (parcel = json_read_parcel (ctx, item, where, i + 1, events)) == NULL)
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
json_read_reminders (JsonCtx *ctx,
                     guint    object)
{
  guint list;

  if (!json_get_array (ctx, object, "reminders_sent", "reminders_sent", &list))
    return FALSE;
  for (guint i = 0, element = json_first (ctx, list); element != OW_JSON_NONE;
       i++, element = json_next (ctx, list, element))
    {
      g_autofree char *where = g_strdup_printf ("reminders_sent[%u]", i);
      g_autofree char *kind_path = g_strconcat (where, ".kind", NULL);
      g_autofree char *time_path = g_strconcat (where, ".due", NULL);
      guint item = json_element_object (ctx, element, where);
      gint64 due, sent_at, before = -1;
      const char *kind;

      if (item == OW_JSON_NONE ||
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
  for (guint i = 0, element = json_first (ctx, list); element != OW_JSON_NONE;
       i++, element = json_next (ctx, list, element))
    {
      g_autofree char *where = g_strdup_printf ("snoozes[%u]", i);
      g_autofree char *kind_path = g_strconcat (where, ".kind", NULL);
      guint item = json_element_object (ctx, element, where);
      const char *kind;
      gint64 until;

      if (item == OW_JSON_NONE ||
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
json_read_dispute (JsonCtx *ctx,
                   guint    object,
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
  guint history;

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
  for (guint i = 0, element = json_first (ctx, history); element != OW_JSON_NONE;
       i++, element = json_next (ctx, history, element))
    {
      g_autofree char *step_path = g_strdup_printf ("%s.history[%u]", where, i);
      g_autofree char *kind_path = g_strconcat (step_path, ".kind", NULL);
      g_autofree char *at_path = g_strconcat (step_path, ".at", NULL);
      g_autofree char *note_path = g_strconcat (step_path, ".text", NULL);
      guint item = json_element_object (ctx, element, step_path);
      OwDisputeStepKind kind;
      gint64 at, step_amount = 0;

      if (item == OW_JSON_NONE ||
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
json_read_evidence (JsonCtx *ctx,
                    guint    object,
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
json_read_disputes (JsonCtx *ctx,
                    guint    object)
{
  guint list;

  if (!json_get_array (ctx, object, "disputes", "disputes", &list))
    return FALSE;
  for (guint i = 0, element = json_first (ctx, list); element != OW_JSON_NONE;
       i++, element = json_next (ctx, list, element))
    {
      g_autofree char *where = g_strdup_printf ("disputes[%u]", i);
      guint item = json_element_object (ctx, element, where);
      OwDispute *dispute;

      if (item == OW_JSON_NONE || (dispute = json_read_dispute (ctx, item, where)) == NULL)
        return FALSE;
      g_ptr_array_add (ctx->records->disputes, dispute);
    }

  if (!json_get_array (ctx, object, "evidence", "evidence", &list))
    return FALSE;
  for (guint i = 0, element = json_first (ctx, list); element != OW_JSON_NONE;
       i++, element = json_next (ctx, list, element))
    {
      g_autofree char *where = g_strdup_printf ("evidence[%u]", i);
      guint item = json_element_object (ctx, element, where);
      OwEvidence *evidence;

      if (item == OW_JSON_NONE || (evidence = json_read_evidence (ctx, item, where)) == NULL)
        return FALSE;
      g_ptr_array_add (ctx->records->evidence, evidence);
    }
  return TRUE;
}

static gboolean
json_read_order (JsonCtx          *ctx,
                 OwPolicyRegistry *policies)
{
  guint o = ctx->object;
  OwOrder *order = ctx->order;
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 value;
  guint archived;

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

  archived = ow_json_values_lookup (ctx->values, o, "archived");
  if (archived != OW_JSON_NONE && ow_json_values_kind (ctx->values, archived) != OW_JSON_NULL)
    {
      if (ow_json_values_kind (ctx->values, archived) != OW_JSON_BOOLEAN)
        {
          json_fail (ctx, "archived", _("must be true or false"));
          return FALSE;
        }
      ow_order_set_archived (order, ow_json_values_get_boolean (ctx->values, archived));
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

gboolean
ow_import_json_read_order (OwJsonValues      *values,
                           guint              index,
                           OwPolicyRegistry  *policies,
                           OwOrder           *order,
                           OwOrderRecords    *records,
                           GError           **error)
{
  /* The order is the root of @values. */
  JsonCtx ctx = { values, 0, index, order, records, error };

  return json_read_order (&ctx, policies);
}
