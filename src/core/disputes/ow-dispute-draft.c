/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ow-dispute-action.h"
#include "ow-dispute-claim.h"
#include "ow-dispute-draft.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-tracking-event.h"
#include "ow-time.h"

/* Drafts larger than this are not ours. */
#define DRAFT_FILE_MAX (512 * 1024)
#define DRAFT_VERSION  1

struct _OwDisputeDraft
{
  GObject           parent_instance;

  gint64            order_id;
  char             *order_number;
  char             *marketplace;
  OwDisputeChannel  channel;
  char             *reason;
  OwDisputeSolution solution;
  gboolean          partial;
  gint64            amount;
  char             *description;
  char             *page;
  gint64            started_at;
};

G_DEFINE_FINAL_TYPE (OwDisputeDraft, ow_dispute_draft, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CHANNEL,
  PROP_REASON,
  PROP_SOLUTION,
  PROP_PARTIAL,
  PROP_AMOUNT,
  PROP_DESCRIPTION,
  PROP_PAGE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* g_set_str () is GLib 2.76. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
ow_dispute_draft_finalize (GObject *object)
{
  OwDisputeDraft *self = OW_DISPUTE_DRAFT (object);

  g_free (self->order_number);
  g_free (self->marketplace);
  g_free (self->reason);
  g_free (self->description);
  g_free (self->page);

  G_OBJECT_CLASS (ow_dispute_draft_parent_class)->finalize (object);
}

static void
ow_dispute_draft_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OwDisputeDraft *self = OW_DISPUTE_DRAFT (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      g_value_set_uint (value, self->channel);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_SOLUTION:
      g_value_set_uint (value, self->solution);
      break;
    case PROP_PARTIAL:
      g_value_set_boolean (value, self->partial);
      break;
    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_draft_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OwDisputeDraft *self = OW_DISPUTE_DRAFT (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      ow_dispute_draft_set_channel (self, g_value_get_uint (value));
      break;
    case PROP_REASON:
      ow_dispute_draft_set_reason (self, g_value_get_string (value));
      break;
    case PROP_SOLUTION:
      ow_dispute_draft_set_solution (self, g_value_get_uint (value));
      break;
    case PROP_PARTIAL:
      ow_dispute_draft_set_partial (self, g_value_get_boolean (value));
      break;
    case PROP_AMOUNT:
      ow_dispute_draft_set_amount (self, g_value_get_int64 (value));
      break;
    case PROP_DESCRIPTION:
      ow_dispute_draft_set_description (self, g_value_get_string (value));
      break;
    case PROP_PAGE:
      ow_dispute_draft_set_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_draft_class_init (OwDisputeDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ow_dispute_draft_finalize;
  object_class->get_property = ow_dispute_draft_get_property;
  object_class->set_property = ow_dispute_draft_set_property;

  properties[PROP_CHANNEL] = g_param_spec_uint ("channel", NULL, NULL, 0, OW_N_CHANNELS - 1,
                                                OW_CHANNEL_MARKETPLACE, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_SOLUTION] = g_param_spec_uint ("solution", NULL, NULL, 0, OW_N_SOLUTIONS,
                                                 OW_N_SOLUTIONS, flags);
  properties[PROP_PARTIAL] = g_param_spec_boolean ("partial", NULL, NULL, FALSE, flags);
  properties[PROP_AMOUNT] = g_param_spec_int64 ("amount", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_PAGE] = g_param_spec_string ("page", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ow_dispute_draft_init (OwDisputeDraft *self)
{
  self->channel = OW_CHANNEL_MARKETPLACE;
  self->solution = OW_N_SOLUTIONS;
  self->started_at = OW_TIME_UNSET;
}

OwDisputeDraft *
ow_dispute_draft_new (OwOrder *order)
{
  OwDisputeDraft *self;

  g_return_val_if_fail (OW_IS_ORDER (order), NULL);

  self = g_object_new (OW_TYPE_DISPUTE_DRAFT, NULL);
  self->order_id = ow_order_get_id (order);
  self->order_number = g_strdup (ow_order_get_order_number (order));
  self->marketplace = g_strdup (ow_order_get_marketplace (order));
  return self;
}

gint64
ow_dispute_draft_get_order_id (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), 0);
  return self->order_id;
}

OwDisputeChannel
ow_dispute_draft_get_channel (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), OW_CHANNEL_MARKETPLACE);
  return self->channel;
}

void
ow_dispute_draft_set_channel (OwDisputeDraft   *self,
                              OwDisputeChannel  channel)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));
  g_return_if_fail (channel < OW_N_CHANNELS);

  if (self->channel == channel)
    return;
  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

const char *
ow_dispute_draft_get_reason (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), NULL);
  return self->reason;
}

void
ow_dispute_draft_set_reason (OwDisputeDraft *self,
                             const char     *reason_id)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));

  if (set_str (&self->reason, reason_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

OwDisputeSolution
ow_dispute_draft_get_solution (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), OW_N_SOLUTIONS);
  return self->solution;
}

void
ow_dispute_draft_set_solution (OwDisputeDraft    *self,
                               OwDisputeSolution  solution)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));
  g_return_if_fail (solution <= OW_N_SOLUTIONS);

  if (self->solution == solution)
    return;
  self->solution = solution;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOLUTION]);
}

gboolean
ow_dispute_draft_get_partial (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), FALSE);
  return self->partial;
}

void
ow_dispute_draft_set_partial (OwDisputeDraft *self,
                              gboolean        partial)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));

  partial = !!partial;
  if (self->partial == partial)
    return;
  self->partial = partial;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTIAL]);
}

gint64
ow_dispute_draft_get_amount (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), 0);
  return self->amount;
}

void
ow_dispute_draft_set_amount (OwDisputeDraft *self,
                             gint64          amount)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));
  g_return_if_fail (amount >= 0);

  if (self->amount == amount)
    return;
  self->amount = amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

const char *
ow_dispute_draft_get_description (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), NULL);
  return self->description;
}

void
ow_dispute_draft_set_description (OwDisputeDraft *self,
                                  const char     *description)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));

  if (set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
ow_dispute_draft_get_page (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), NULL);
  return self->page;
}

void
ow_dispute_draft_set_page (OwDisputeDraft *self,
                           const char     *page)
{
  g_return_if_fail (OW_IS_DISPUTE_DRAFT (self));

  if (set_str (&self->page, page))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

gint64
ow_dispute_draft_get_started_at (OwDisputeDraft *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), OW_TIME_UNSET);
  return self->started_at;
}

gint64
ow_dispute_draft_get_claimed (OwDisputeDraft *self,
                              OwOrder        *order)
{
  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), 0);
  g_return_val_if_fail (OW_IS_ORDER (order), 0);

  if (self->partial && self->amount > 0)
    return self->amount;
  return ow_order_get_amount (order);
}

static OwTrackingEvent *
latest_event (OwStore *store,
              gint64   order_id)
{
  g_autoptr(GPtrArray) parcels = ow_store_list_parcels (store, order_id, NULL);
  OwTrackingEvent *latest = NULL;

  for (guint i = 0; parcels != NULL && i < parcels->len; i++)
    {
      g_autoptr(GPtrArray) events =
        ow_store_list_tracking_events (store, ow_parcel_get_id (g_ptr_array_index (parcels, i)),
                                       NULL);

      for (guint e = 0; events != NULL && e < events->len; e++)
        {
          OwTrackingEvent *event = g_ptr_array_index (events, e);

          if (latest == NULL ||
              ow_tracking_event_get_time (event) > ow_tracking_event_get_time (latest))
            g_set_object (&latest, event);
        }
    }
  return latest;
}

char *
ow_dispute_draft_compose (OwDisputeDraft *self,
                          OwStore        *store,
                          OwPolicy       *policy,
                          OwOrder        *order,
                          gint64          now)
{
  g_autoptr(OwTrackingEvent) event = NULL;
  OwDisputeSolution solution;

  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), NULL);
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_ORDER (order), NULL);

  if (self->reason == NULL || policy == NULL)
    return NULL;
  solution = self->solution < OW_N_SOLUTIONS ? self->solution : OW_SOLUTION_REFUND_ONLY;
  event = latest_event (store, ow_order_get_id (order));
  return ow_dispute_draft (order, policy, self->reason, solution,
                           ow_dispute_draft_get_claimed (self, order), event, now, FALSE);
}

/* ---- The file ---- */

static char *
drafts_dir (OwStore *store)
{
  const char *db = ow_store_get_path (store);
  g_autofree char *dir = NULL;

  /* A database in memory (tests) keeps its drafts where the app's own would be. */
  if (db == NULL || g_str_equal (db, ":memory:"))
    return g_build_filename (g_get_user_data_dir (), "orderwatch", "dispute-drafts", NULL);
  dir = g_path_get_dirname (db);
  return g_build_filename (dir, "dispute-drafts", NULL);
}

char *
ow_dispute_draft_get_path (OwStore *store,
                           gint64   order_id)
{
  const char *db;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *file = NULL;
  char *dot;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);

  /* Databases side by side (orders.db, demo.db) keep their drafts apart. */
  db = ow_store_get_path (store);
  base = db != NULL && !g_str_equal (db, ":memory:") ? g_path_get_basename (db)
                                                     : g_strdup ("memory");
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  dir = drafts_dir (store);
  file = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".json", base, order_id);
  return g_build_filename (dir, file, NULL);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static gboolean
unreadable (GError     **error,
            const char  *path,
            const char  *problem)
{
  /* Translators: a file name, then what is wrong with it */
  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
               _("The dispute draft %s cannot be read (%s); the wizard starts again."), path,
               problem);
  return FALSE;
}

OwDisputeDraft *
ow_dispute_draft_load (OwStore  *store,
                       OwOrder  *order,
                       GError  **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OwDisputeDraft) draft = NULL;
  JsonObject *object;
  JsonNode *root;
  OwDisputeChannel channel = OW_CHANNEL_MARKETPLACE;
  OwDisputeSolution solution = OW_N_SOLUTIONS;
  const char *text;
  gsize length = 0;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_ORDER (order), NULL);

  path = ow_dispute_draft_get_path (store, ow_order_get_id (order));
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      unreadable (error, path, local_error->message);
      return NULL;
    }
  if (length > DRAFT_FILE_MAX || !json_parser_load_from_data (parser, contents, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      unreadable (error, path, _("not a draft Orderwatch wrote"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (int_member (object, "version", 0) != DRAFT_VERSION)
    {
      unreadable (error, path, _("written by another version"));
      return NULL;
    }

  /* The same id may since belong to another order: that draft is not this one's. */
  if (int_member (object, "order_id", 0) != ow_order_get_id (order) ||
      g_strcmp0 (string_member (object, "order_number"), ow_order_get_order_number (order)) != 0 ||
      g_strcmp0 (string_member (object, "marketplace"), ow_order_get_marketplace (order)) != 0)
    {
      g_unlink (path);
      return NULL;
    }

  draft = ow_dispute_draft_new (order);
  if ((text = string_member (object, "channel")) != NULL &&
      !ow_dispute_channel_from_string (text, &channel))
    channel = OW_CHANNEL_MARKETPLACE;
  if ((text = string_member (object, "solution")) != NULL &&
      !ow_dispute_solution_from_string (text, &solution))
    solution = OW_N_SOLUTIONS;
  draft->channel = channel;
  draft->solution = solution;
  draft->reason = g_strdup (string_member (object, "reason"));
  draft->partial = int_member (object, "partial", 0) != 0;
  draft->amount = MAX (int_member (object, "amount", 0), 0);
  draft->description = g_strdup (string_member (object, "description"));
  draft->page = g_strdup (string_member (object, "page"));
  draft->started_at = int_member (object, "started_at", OW_TIME_UNSET);
  return g_steal_pointer (&draft);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

gboolean
ow_dispute_draft_save (OwDisputeDraft  *self,
                       OwStore         *store,
                       gint64           now,
                       GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), FALSE);
  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  if (self->started_at == OW_TIME_UNSET)
    self->started_at = now;

  json_builder_begin_object (builder);
  add_int (builder, "version", DRAFT_VERSION);
  add_int (builder, "order_id", self->order_id);
  add_string (builder, "order_number", self->order_number);
  add_string (builder, "marketplace", self->marketplace);
  add_string (builder, "channel", ow_dispute_channel_to_string (self->channel));
  add_string (builder, "reason", self->reason);
  add_string (builder, "solution", self->solution < OW_N_SOLUTIONS
                                   ? ow_dispute_solution_to_string (self->solution) : NULL);
  add_int (builder, "partial", self->partial);
  add_int (builder, "amount", self->amount);
  add_string (builder, "description", self->description);
  add_string (builder, "page", self->page);
  add_int (builder, "started_at", self->started_at);
  add_int (builder, "saved_at", now);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  path = ow_dispute_draft_get_path (store, self->order_id);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not keep the dispute draft in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

gboolean
ow_dispute_draft_discard (OwStore  *store,
                          gint64    order_id,
                          GError  **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  path = ow_dispute_draft_get_path (store, order_id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not remove the dispute draft %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

OwDispute *
ow_dispute_draft_submit (OwDisputeDraft    *self,
                         OwStore           *store,
                         OwPolicyRegistry  *policies,
                         gint64             now,
                         char             **warning,
                         GError           **error)
{
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) discard_error = NULL;
  OwDisputeRequest request;

  g_return_val_if_fail (OW_IS_DISPUTE_DRAFT (self), NULL);
  g_return_val_if_fail (OW_IS_STORE (store), NULL);

  if (warning != NULL)
    *warning = NULL;
  if (self->reason == NULL)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Reason: pick what went wrong first"));
      return NULL;
    }
  if (self->solution >= OW_N_SOLUTIONS)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Solution: pick Refund only or Return goods first"));
      return NULL;
    }
  if (self->partial && self->amount <= 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("Amount: type the part you ask back, or ask for a full refund"));
      return NULL;
    }

  request = (OwDisputeRequest) { self->channel, self->reason, self->solution,
                                 self->partial ? self->amount : 0, self->description,
                                 OW_TIME_UNSET };
  dispute = ow_dispute_action_open (store, policies, self->order_id, &request, now, warning,
                                    error);
  if (dispute == NULL)
    return NULL;
  /* Recorded: what is left of the draft would only resume a dispute already open. */
  if (!ow_dispute_draft_discard (store, self->order_id, &discard_error))
    g_message ("%s", discard_error->message);
  return g_steal_pointer (&dispute);
}
