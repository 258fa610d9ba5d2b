/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute-terms.h"
#include "ow-error.h"
#include "ow-policy.h"
#include "ow-text.h"

struct _OwDisputeReason
{
  char          *id;
  OwReasonGroup  group;
  char          *title;
  char          *evidence;
  char          *draft;          /* the claim's sentence for this reason, English */
  guint          solutions;      /* 1 << OwDisputeSolution */
};

struct _OwDisputeTerms
{
  gboolean          channel;
  char             *order_url;
  GPtrArray        *reasons;     /* OwDisputeReason */
  OwEvidenceLimits  limits;
};

static const char *solution_names[OW_N_SOLUTIONS] = { "refund_only", "return_goods" };
static const char *group_names[] = { "not_received", "received" };
static const char *kind_names[OW_N_EVIDENCE_KINDS] = {
  "photo", "video", "screenshot", "document", "message",
};
static const char *channel_names[OW_N_CHANNELS] = { "marketplace", "paypal", "card" };

static void
reason_free (OwDisputeReason *reason)
{
  g_free (reason->id);
  g_free (reason->title);
  g_free (reason->evidence);
  g_free (reason->draft);
  g_free (reason);
}

void
ow_dispute_terms_free (OwDisputeTerms *terms)
{
  if (terms == NULL)
    return;
  g_free (terms->order_url);
  g_ptr_array_unref (terms->reasons);
  g_strfreev (terms->limits.extensions);
  g_free (terms);
}

/* ---- Parsing: every failure names the file and the field ---- */

static gboolean
fail (const char  *origin,
      const char  *field,
      const char  *problem,
      GError     **error)
{
  /* Translators: file, field name, then a problem such as "is missing" */
  g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_INVALID, _("%s: field “%s” %s"),
               origin, field, problem);
  return FALSE;
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

static gboolean
parse_reason (OwDisputeTerms  *terms,
              JsonNode        *node,
              const char      *origin,
              guint            index,
              GError         **error)
{
  g_autofree char *field = g_strdup_printf ("dispute.reasons[%u]", index);
  OwDisputeReason *reason;
  JsonObject *object;
  JsonNode *solutions;
  const char *id, *group, *title;
  guint group_index;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (origin, field, _("must be an object with id, group and title"), error);
  object = json_node_get_object (node);
  id = string_member (object, "id");
  group = string_member (object, "group");
  title = string_member (object, "title");
  if (id == NULL || *id == '\0' || title == NULL)
    return fail (origin, field, _("must have an id and a title"), error);
  if (!ow_text_find_name (group_names, G_N_ELEMENTS (group_names), group, &group_index))
    return fail (origin, field, _("must have a group, “not_received” or “received”"), error);
  if (ow_dispute_terms_find_reason (terms, id) != NULL)
    return fail (origin, field, _("repeats a reason id"), error);

  reason = g_new0 (OwDisputeReason, 1);
  reason->id = g_strdup (id);
  reason->group = group_index;
  reason->title = g_strdup (title);
  reason->evidence = g_strdup (string_member (object, "evidence"));
  reason->draft = g_strdup (string_member (object, "draft"));
  /* Not received: only a refund makes sense; received: either, unless the file says. */
  reason->solutions = group_index == OW_REASON_NOT_RECEIVED ? 1u << OW_SOLUTION_REFUND_ONLY
                                                            : (1u << OW_N_SOLUTIONS) - 1;
  g_ptr_array_add (terms->reasons, reason);

  solutions = json_object_get_member (object, "solutions");
  if (solutions != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (solutions) ? json_node_get_array (solutions)
                                                            : NULL;

      reason->solutions = 0;
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          OwDisputeSolution solution;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              !ow_dispute_solution_from_string (json_node_get_string (element), &solution))
            return fail (origin, field,
                         _("lists a solution other than “refund_only” or “return_goods”"),
                         error);
          reason->solutions |= 1u << solution;
        }
      if (reason->solutions == 0)
        return fail (origin, field, _("must allow at least one solution"), error);
    }
  return TRUE;
}

static gboolean
parse_limits (OwDisputeTerms  *terms,
              JsonObject      *object,
              const char      *origin,
              GError         **error)
{
  JsonNode *node;

  if ((node = json_object_get_member (object, "max_files")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_int (node) < 1 ||
          json_node_get_int (node) > 1000)
        return fail (origin, "dispute.evidence_limits.max_files",
                     _("must be a whole number from 1 to 1000"), error);
      terms->limits.max_files = json_node_get_int (node);
    }

  for (guint k = 0; k < OW_N_EVIDENCE_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("max_%s_mb", kind_names[k]);
      double mb;

      if ((node = json_object_get_member (object, name)) == NULL)
        continue;
      mb = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : -1;
      if (mb <= 0 || mb > 10000)
        {
          g_autofree char *field = g_strconcat ("dispute.evidence_limits.", name, NULL);

          return fail (origin, field, _("must be a size in megabytes above 0"), error);
        }
      terms->limits.max_bytes[k] = (gint64) (mb * 1024 * 1024);
    }

  if ((node = json_object_get_member (object, "extensions")) != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (array == NULL)
        return fail (origin, "dispute.evidence_limits.extensions",
                     _("must be a list of file name extensions"), error);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            return fail (origin, "dispute.evidence_limits.extensions",
                         _("must be a list of file name extensions"), error);
          g_autofree char *extension = g_ascii_strdown (json_node_get_string (element), -1);

          g_strv_builder_add (builder, extension);
        }
      terms->limits.extensions = g_strv_builder_end (builder);
    }
  return TRUE;
}

OwDisputeTerms *
ow_dispute_terms_parse (JsonObject  *policy,
                        const char  *origin,
                        GError     **error)
{
  OwDisputeTerms *terms = g_new0 (OwDisputeTerms, 1);
  const char *kind = string_member (policy, "kind");
  const char *url = string_member (policy, "order_url");
  JsonNode *node = json_object_get_member (policy, "dispute");

  terms->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);

  if (json_object_has_member (policy, "kind") &&
      (kind == NULL || (!g_str_equal (kind, "marketplace") && !g_str_equal (kind, "channel"))))
    {
      fail (origin, "kind", _("must be “marketplace” or “channel”"), error);
      goto fail;
    }
  terms->channel = kind != NULL && g_str_equal (kind, "channel");

  if (json_object_has_member (policy, "order_url") &&
      (url == NULL || !g_str_has_prefix (url, "https://") ||
       strstr (url, "{order_number}") == NULL))
    {
      fail (origin, "order_url", _("must be an https:// address with {order_number} in it"),
            error);
      goto fail;
    }
  terms->order_url = g_strdup (url);

  if (node != NULL)
    {
      JsonObject *dispute;
      JsonNode *reasons, *limits;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          fail (origin, "dispute", _("must be an object"), error);
          goto fail;
        }
      dispute = json_node_get_object (node);
      reasons = json_object_get_member (dispute, "reasons");
      if (reasons != NULL && !JSON_NODE_HOLDS_ARRAY (reasons))
        {
          fail (origin, "dispute.reasons", _("must be a list of reasons"), error);
          goto fail;
        }
      for (guint i = 0; reasons != NULL && i < json_array_get_length (json_node_get_array (reasons)); i++)
        if (!parse_reason (terms, json_array_get_element (json_node_get_array (reasons), i),
                           origin, i, error))
          goto fail;

      limits = json_object_get_member (dispute, "evidence_limits");
      if (limits != NULL && !JSON_NODE_HOLDS_OBJECT (limits))
        {
          fail (origin, "dispute.evidence_limits", _("must be an object"), error);
          goto fail;
        }
      if (limits != NULL && !parse_limits (terms, json_node_get_object (limits), origin, error))
        goto fail;
    }
  return terms;

fail:
  ow_dispute_terms_free (terms);
  return NULL;
}

/* ---- Reading ---- */

gboolean
ow_dispute_terms_is_channel (const OwDisputeTerms *terms)
{
  g_return_val_if_fail (terms != NULL, FALSE);
  return terms->channel;
}

char *
ow_dispute_terms_order_url (const OwDisputeTerms *terms,
                            const char           *order_number)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (terms != NULL, NULL);

  if (terms->order_url == NULL || order_number == NULL)
    return NULL;
  escaped = g_uri_escape_string (order_number, NULL, FALSE);
  parts = g_strsplit (terms->order_url, "{order_number}", -1);
  return g_strjoinv (escaped, parts);
}

guint
ow_dispute_terms_get_n_reasons (const OwDisputeTerms *terms)
{
  g_return_val_if_fail (terms != NULL, 0);
  return terms->reasons->len;
}

const OwDisputeReason *
ow_dispute_terms_get_reason (const OwDisputeTerms *terms,
                             guint                 index)
{
  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (index < terms->reasons->len, NULL);
  return g_ptr_array_index (terms->reasons, index);
}

const OwDisputeReason *
ow_dispute_terms_find_reason (const OwDisputeTerms *terms,
                              const char           *id)
{
  g_return_val_if_fail (terms != NULL, NULL);

  for (guint i = 0; id != NULL && i < terms->reasons->len; i++)
    {
      const OwDisputeReason *reason = g_ptr_array_index (terms->reasons, i);

      if (g_str_equal (reason->id, id))
        return reason;
    }
  return NULL;
}

const OwEvidenceLimits *
ow_dispute_terms_get_limits (const OwDisputeTerms *terms)
{
  g_return_val_if_fail (terms != NULL, NULL);
  return &terms->limits;
}

const char *
ow_dispute_reason_get_id (const OwDisputeReason *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);
  return reason->id;
}

const char *
ow_dispute_reason_get_title (const OwDisputeReason *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, reason->title);
}

const char *
ow_dispute_reason_get_evidence (const OwDisputeReason *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);
  return reason->evidence ? g_dgettext (GETTEXT_PACKAGE, reason->evidence) : NULL;
}

const char *
ow_dispute_reason_get_draft (const OwDisputeReason *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);
  return reason->draft;
}

OwReasonGroup
ow_dispute_reason_get_group (const OwDisputeReason *reason)
{
  g_return_val_if_fail (reason != NULL, OW_REASON_NOT_RECEIVED);
  return reason->group;
}

gboolean
ow_dispute_reason_allows (const OwDisputeReason *reason,
                          OwDisputeSolution      solution)
{
  g_return_val_if_fail (reason != NULL, FALSE);
  return solution < OW_N_SOLUTIONS && (reason->solutions & (1u << solution)) != 0;
}

/* ---- Names ---- */

const char *
ow_dispute_solution_to_string (OwDisputeSolution solution)
{
  g_return_val_if_fail (solution < OW_N_SOLUTIONS, NULL);
  return solution_names[solution];
}

gboolean
ow_dispute_solution_from_string (const char        *text,
                                 OwDisputeSolution *solution)
{
  guint index;

  if (!ow_text_find_name (solution_names, OW_N_SOLUTIONS, text, &index))
    return FALSE;
  *solution = index;
  return TRUE;
}

const char *
ow_dispute_solution_label (OwDisputeSolution solution)
{
  switch (solution)
    {
    case OW_SOLUTION_REFUND_ONLY: return _("Refund only");
    case OW_SOLUTION_RETURN_GOODS: return _("Return goods");
    case OW_N_SOLUTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ow_evidence_kind_to_string (OwEvidenceKind kind)
{
  g_return_val_if_fail (kind < OW_N_EVIDENCE_KINDS, NULL);
  return kind_names[kind];
}

gboolean
ow_evidence_kind_from_string (const char     *text,
                              OwEvidenceKind *kind)
{
  guint index;

  if (!ow_text_find_name (kind_names, OW_N_EVIDENCE_KINDS, text, &index))
    return FALSE;
  *kind = index;
  return TRUE;
}

const char *
ow_reason_group_to_string (OwReasonGroup group)
{
  g_return_val_if_fail (group < G_N_ELEMENTS (group_names), NULL);
  return group_names[group];
}

const char *
ow_dispute_channel_to_string (OwDisputeChannel channel)
{
  g_return_val_if_fail (channel < OW_N_CHANNELS, NULL);
  return channel_names[channel];
}

gboolean
ow_dispute_channel_from_string (const char       *text,
                                OwDisputeChannel *channel)
{
  guint index;

  if (!ow_text_find_name (channel_names, OW_N_CHANNELS, text, &index))
    return FALSE;
  *channel = index;
  return TRUE;
}

const char *
ow_dispute_channel_label (OwDisputeChannel channel)
{
  switch (channel)
    {
    case OW_CHANNEL_MARKETPLACE: return _("Marketplace");
    case OW_CHANNEL_PAYPAL: return _("PayPal");
    case OW_CHANNEL_CARD: return _("Card chargeback");
    case OW_N_CHANNELS:
    default:
      g_return_val_if_reached (NULL);
    }
}
