/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A marketplace's rules as data: data/policies/<id>.json parsed once into C structs, so the
 * deadline engine never touches JSON. The schema is described in data/policies/README.md.
 *
 * Texts in a policy file are English. The getters pass them through g_dgettext () so a
 * translation catalog that carries them (msgids equal to the English text) translates them. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ow-dispute-terms.h"
#include "ow-error.h"
#include "ow-json.h"
#include "ow-order.h"
#include "ow-policy-private.h"
#include "ow-time.h"

#define MAX_AMOUNT 36500

struct _OwPolicy
{
  GObject            parent_instance;

  char              *id;
  char              *name;
  char              *note;
  char              *origin;
  GTimeZone         *zone;
  const OwZoneTable *table;
  int                default_processing_days;
  int                default_delivery_days;
  guint32            completed_on;
  OwRule             rules[OW_MAX_DEADLINES];
  guint              n_rules;
  /* What the actions layer needs of the rules ("actions" in the file); -1 when absent. */
  int                extend_rule;
  int                extend_min_days;
  int                extend_max_days;
  int                dispute_opens_rule;
  int                dispute_closes_rule;
  OwDisputeTerms    *dispute_terms;
  /* "order_number": what the marketplace's order numbers look like, or NULL. */
  GRegex            *number_pattern;
  char              *number_format;
};

G_DEFINE_FINAL_TYPE (OwPolicy, ow_policy, G_TYPE_OBJECT)

static void
ow_policy_finalize (GObject *object)
{
  OwPolicy *self = OW_POLICY (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->note);
  g_free (self->origin);
  g_free (self->number_format);
  g_clear_pointer (&self->number_pattern, g_regex_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  for (guint i = 0; i < self->n_rules; i++)
    ow_rule_clear (&self->rules[i]);
  g_clear_pointer (&self->dispute_terms, ow_dispute_terms_free);

  G_OBJECT_CLASS (ow_policy_parent_class)->finalize (object);
}

static void
ow_policy_class_init (OwPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_policy_finalize;
}

static void
ow_policy_init (OwPolicy *self)
{
  self->extend_rule = -1;
  self->dispute_opens_rule = -1;
  self->dispute_closes_rule = -1;
}

/* Parsing. Every failure names the file, the rule and the field. */

typedef struct
{
  const char  *origin;
  const char  *rule;      /* the rule's id (or "#3" before it is known), NULL at top level */
  GError     **error;
} Ctx;

static gboolean
fail (Ctx        *ctx,
      const char *field,
      const char *problem)
{
  if (ctx->rule != NULL)
    /* Translators: file, rule id, field name, then a problem such as "is missing" */
    g_set_error (ctx->error, OW_POLICY_ERROR, OW_POLICY_ERROR_INVALID,
                 _("%s: rule “%s”: field “%s” %s"), ctx->origin, ctx->rule, field, problem);
  else
    /* Translators: file, field name, then a problem such as "is missing" */
    g_set_error (ctx->error, OW_POLICY_ERROR, OW_POLICY_ERROR_INVALID,
                 _("%s: field “%s” %s"), ctx->origin, field, problem);
  return FALSE;
}

static gboolean
fail_one_of (Ctx                *ctx,
             const char         *field,
             const char * const *choices,
             guint               n_choices)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *problem = NULL;

  for (guint i = 0; i < n_choices; i++)
    g_string_append_printf (list, "%s“%s”", i ? ", " : "", choices[i]);
  /* Translators: %s is a list of allowed values */
  problem = g_strdup_printf (_("must be one of %s"), list->str);
  return fail (ctx, field, problem);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
get_string (Ctx         *ctx,
            JsonObject  *object,
            const char  *field,
            gboolean     required,
            char       **out)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    return required ? fail (ctx, field, _("is missing")) : TRUE;
  if (!is_string (node) || *json_node_get_string (node) == '\0')
    return fail (ctx, field, _("must be text"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_bool (Ctx        *ctx,
          JsonObject *object,
          const char *field,
          gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (ctx, field, _("must be true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A whole number in 1..MAX_AMOUNT (0 allowed with @allow_zero), or, with @allow_order,
 * "processing_days" / "delivery_days": the order's own value, else the policy default. */
static gboolean
get_amount (Ctx        *ctx,
            JsonObject *object,
            const char *field,
            const char *field_label,
            gboolean    required,
            gboolean    allow_order,
            gboolean    allow_zero,
            OwAmount   *out)
{
  JsonNode *node = json_object_get_member (object, field);
  double value;

  out->kind = OW_AMOUNT_NONE;
  if (node == NULL)
    return required ? fail (ctx, field_label, _("is missing")) : TRUE;

  if (allow_order && is_string (node))
    {
      static const char *names[] = { "processing_days", "delivery_days" };

      if (g_str_equal (json_node_get_string (node), names[0]))
        out->kind = OW_AMOUNT_PROCESSING_DAYS;
      else if (g_str_equal (json_node_get_string (node), names[1]))
        out->kind = OW_AMOUNT_DELIVERY_DAYS;
      else
        return fail (ctx, field_label,
                     _("must be a positive number, “processing_days” or “delivery_days”"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || (json_node_get_value_type (node) != G_TYPE_INT64 &&
                                        json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return fail (ctx, field_label, _("must be a positive number"));

  value = json_node_get_double (node);
  if (value < 0 && allow_zero)
    return fail (ctx, field_label, _("must be zero or a positive number"));
  if (value <= 0 && !allow_zero)
    return fail (ctx, field_label, _("must be a positive number"));
  if (value != (double) (gint64) value)
    return fail (ctx, field_label, _("must be a whole number"));
  if (value > MAX_AMOUNT)
    return fail (ctx, field_label, _("is too large"));

  out->kind = OW_AMOUNT_FIXED;
  out->value = (int) value;
  return TRUE;
}

static gboolean
get_unit (Ctx        *ctx,
          JsonObject *object,
          const char *field,
          const char *field_label,
          OwUnit     *out)
{
  static const char *names[] = { "hours", "days", "business_days" };
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    return fail (ctx, field_label, _("is missing"));
  for (guint i = 0; is_string (node) && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (json_node_get_string (node), names[i]))
      {
        *out = (OwUnit) i;
        return TRUE;
      }
  return fail_one_of (ctx, field_label, names, G_N_ELEMENTS (names));
}

static gboolean
parse_event (Ctx          *ctx,
             const char   *field,
             JsonNode     *node,
             OwOrderEvent *out)
{
  const char *names[OW_N_FACTS];

  if (is_string (node) && ow_order_event_from_string (json_node_get_string (node), out))
    return TRUE;
  for (guint i = 0; i < OW_N_FACTS; i++)
    names[i] = ow_order_event_to_string (i);
  return fail_one_of (ctx, field, names, OW_N_FACTS);
}

/* An event name or a list of them, as a mask. */
static gboolean
get_events (Ctx        *ctx,
            JsonObject *object,
            const char *field,
            guint32    *mask)
{
  JsonNode *node = json_object_get_member (object, field);
  OwOrderEvent event;

  *mask = 0;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (!parse_event (ctx, field, json_array_get_element (array, i), &event))
            return FALSE;
          *mask |= OW_EVENT_BIT (event);
        }
      return TRUE;
    }
  if (!parse_event (ctx, field, node, &event))
    return FALSE;
  *mask = OW_EVENT_BIT (event);
  return TRUE;
}

static gboolean check_fields (Ctx                *ctx,
                              JsonObject         *object,
                              const char * const *known,
                              guint               n_known);

static gboolean
is_web_address (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_str_equal (g_uri_get_scheme (uri), "https") ||
          g_str_equal (g_uri_get_scheme (uri), "http"));
}

/* "sources": each a title, an address, or {"title": T, "url": U}. */
static gboolean
get_sources (Ctx        *ctx,
             JsonObject *object,
             OwRule     *rule)
{
  static const char *known[] = { "title", "url" };
  JsonNode *node = json_object_get_member (object, "sources");
  g_autoptr(GStrvBuilder) titles = NULL;
  g_autoptr(GStrvBuilder) urls = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, "sources", _("must be a list of titles or {\"title\", \"url\"} objects"));
  array = json_node_get_array (node);
  titles = g_strv_builder_new ();
  urls = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *title = NULL;
      g_autofree char *url = NULL;

      if (is_string (element))
        {
          const char *text = json_node_get_string (element);

          title = g_strdup (text);
          url = g_strdup (is_web_address (text) ? text : "");
        }
      else if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *source = json_node_get_object (element);

          if (!check_fields (ctx, source, known, G_N_ELEMENTS (known)) ||
              !get_string (ctx, source, "title", TRUE, &title) ||
              !get_string (ctx, source, "url", FALSE, &url))
            return FALSE;
          if (url != NULL && !is_web_address (url))
            return fail (ctx, "sources.url", _("must be a web address starting with https://"));
          if (url == NULL)
            url = g_strdup ("");
        }
      else
        return fail (ctx, "sources",
                     _("must be a list of titles or {\"title\", \"url\"} objects"));
      g_strv_builder_add (titles, title);
      g_strv_builder_add (urls, url);
    }
  rule->sources = g_strv_builder_end (titles);
  rule->source_urls = g_strv_builder_end (urls);
  return TRUE;
}

static gboolean
parse_duration_text (Ctx        *ctx,
                     const char *field,
                     JsonNode   *node,
                     gint64     *out)
{
  if (!is_string (node) || !ow_duration_parse (json_node_get_string (node), field, out, NULL))
    return fail (ctx, field, _("must be a duration such as 6h, 3d or 2w"));
  return TRUE;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static gboolean
get_reminders (Ctx        *ctx,
               JsonObject *object,
               OwRule     *rule)
{
  JsonNode *node = json_object_get_member (object, "reminders");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, "reminders", _("must be a list of durations such as 7d or 6h"));
  array = json_node_get_array (node);
  rule->n_reminders = json_array_get_length (array);
  rule->reminders = g_new0 (gint64, MAX (rule->n_reminders, 1));
  for (guint i = 0; i < rule->n_reminders; i++)
    if (!parse_duration_text (ctx, "reminders", json_array_get_element (array, i),
                              &rule->reminders[i]))
      return FALSE;
  qsort (rule->reminders, rule->n_reminders, sizeof (gint64), compare_descending);
  return TRUE;
}

static gboolean
get_starts_on (Ctx        *ctx,
               JsonObject *object,
               OwPolicy   *policy,
               OwRule     *rule)
{
  JsonNode *node = json_object_get_member (object, "starts_on");
  const char *text;

  if (node == NULL)
    return fail (ctx, "starts_on", _("is missing"));

  rule->start_kind = OW_START_EVENTS;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return get_events (ctx, object, "starts_on", &rule->start_events) &&
           (rule->start_events != 0 || fail (ctx, "starts_on", _("is missing")));

  text = is_string (node) ? json_node_get_string (node) : "";
  if (g_str_equal (text, "estimated_delivery"))
    {
      rule->start_kind = OW_START_ESTIMATED_DELIVERY;
      return TRUE;
    }
  if (g_str_has_prefix (text, "end_of:"))
    {
      for (guint i = 0; i < policy->n_rules; i++)
        if (g_str_equal (policy->rules[i].id, text + strlen ("end_of:")))
          {
            rule->start_kind = OW_START_END_OF_RULE;
            rule->start_rule = i;
            return TRUE;
          }
      return fail (ctx, "starts_on", _("must name an earlier rule after “end_of:”"));
    }
  {
    OwOrderEvent event;

    if (ow_order_event_from_string (text, &event))
      {
        rule->start_events = OW_EVENT_BIT (event);
        return TRUE;
      }
  }
  return fail (ctx, "starts_on",
               _("must be an order event (placed, paid, shipped, delivered, received, "
                 "cancel_requested, dispute_opened, return_agreed, closed, refunded), "
                 "“estimated_delivery” or “end_of:” and an earlier rule’s id"));
}

static gboolean
check_fields (Ctx                *ctx,
              JsonObject         *object,
              const char * const *known,
              guint               n_known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean found = name[0] == '_';   /* "_comment" and the like are for people */

      for (guint i = 0; i < n_known && !found; i++)
        found = g_str_equal (name, known[i]);
      if (!found)
        return fail (ctx, name, _("is not a known field"));
    }
  return TRUE;
}

static gboolean
get_cut_by (Ctx        *ctx,
            JsonObject *object,
            OwRule     *rule)
{
  static const char *known[] = { "event", "duration", "duration_late", "unit" };
  JsonNode *node = json_object_get_member (object, "cut_by");
  JsonObject *cut;
  JsonNode *event;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, "cut_by", _("must be an object with event, duration and unit"));
  cut = json_node_get_object (node);
  event = json_object_get_member (cut, "event");
  rule->has_cut = TRUE;
  return check_fields (ctx, cut, known, G_N_ELEMENTS (known)) &&
         (event != NULL || fail (ctx, "cut_by.event", _("is missing"))) &&
         parse_event (ctx, "cut_by.event", event, &rule->cut_event) &&
         get_amount (ctx, cut, "duration", "cut_by.duration", TRUE, FALSE, TRUE, &rule->cut) &&
         get_amount (ctx, cut, "duration_late", "cut_by.duration_late", FALSE, FALSE, TRUE,
                     &rule->cut_late) &&
         get_unit (ctx, cut, "unit", "cut_by.unit", &rule->cut_unit);
}

static gboolean
get_applies_if (Ctx        *ctx,
                JsonObject *object,
                OwRule     *rule)
{
  static const char *known[] = { "payment_method" };
  static const char *methods[] = { "card", "paypal", "balance", "other" };
  JsonNode *node = json_object_get_member (object, "applies_if");
  JsonNode *list;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, "applies_if",
                 _("must be an object such as {\"payment_method\": [\"paypal\"]}"));
  if (!check_fields (ctx, json_node_get_object (node), known, G_N_ELEMENTS (known)))
    return FALSE;
  list = json_object_get_member (json_node_get_object (node), "payment_method");
  if (list == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
    return fail_one_of (ctx, "applies_if.payment_method", methods, G_N_ELEMENTS (methods));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (list), i);
      OwPaymentMethod method;

      if (!is_string (element) ||
          !ow_payment_method_from_string (json_node_get_string (element), &method))
        return fail_one_of (ctx, "applies_if.payment_method", methods, G_N_ELEMENTS (methods));
      rule->payment_methods |= 1u << method;
    }
  return TRUE;
}

static gboolean
get_texts (Ctx        *ctx,
           JsonObject *object,
           OwRule     *rule)
{
  static const char *known[] = {
    "not_started", "running", "urgent", "passed", "met", "not_applicable",
  };
  JsonNode *node = json_object_get_member (object, "describe");
  JsonObject *texts;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, "describe", _("must be an object of texts by state"));
  texts = json_node_get_object (node);
  if (!check_fields (ctx, texts, known, G_N_ELEMENTS (known)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (!get_string (ctx, texts, known[i], FALSE, &rule->texts[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_rule (OwPolicy   *self,
            Ctx        *ctx,
            JsonNode   *node,
            OwRule     *rule)
{
  static const char *known[] = {
    "id", "title", "role", "starts_on", "duration", "duration_late", "unit", "extensions",
    "cut_by", "met_by", "cancelled_by", "skipped_if", "requires", "applies_if",
    "completes_order", "urgent_before", "reminders", "on_expiry", "buyer_actions", "note",
    "confidence", "sources", "action", "action_overdue", "describe",
  };
  static const char *roles[] = { "deadline", "wait", "opens" };
  static const char *confidences[] = { "high", "medium", "low" };
  JsonObject *object;
  g_autofree char *role = NULL;
  JsonNode *urgent;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, "rules", _("must be a list of objects"));
  object = json_node_get_object (node);

  if (!get_string (ctx, object, "id", TRUE, &rule->id))
    return FALSE;
  ctx->rule = rule->id;
  for (guint i = 0; i < self->n_rules; i++)
    if (g_str_equal (self->rules[i].id, rule->id))
      return fail (ctx, "id", _("repeats an earlier rule’s id"));

  if (!check_fields (ctx, object, known, G_N_ELEMENTS (known)) ||
      !get_string (ctx, object, "title", TRUE, &rule->title) ||
      !get_string (ctx, object, "role", FALSE, &role) ||
      !get_starts_on (ctx, object, self, rule) ||
      !get_amount (ctx, object, "duration", "duration", TRUE, TRUE, FALSE, &rule->duration) ||
      !get_amount (ctx, object, "duration_late", "duration_late", FALSE, TRUE, FALSE,
                   &rule->duration_late) ||
      !get_unit (ctx, object, "unit", "unit", &rule->unit) ||
      !get_bool (ctx, object, "extensions", &rule->extensions) ||
      !get_cut_by (ctx, object, rule) ||
      !get_events (ctx, object, "met_by", &rule->met_by) ||
      !get_events (ctx, object, "cancelled_by", &rule->cancelled_by) ||
      !get_events (ctx, object, "skipped_if", &rule->skipped_if) ||
      !get_events (ctx, object, "requires", &rule->requires) ||
      !get_applies_if (ctx, object, rule) ||
      !get_bool (ctx, object, "completes_order", &rule->completes_order) ||
      !get_reminders (ctx, object, rule) ||
      !get_string (ctx, object, "on_expiry", FALSE, &rule->on_expiry) ||
      !get_string (ctx, object, "buyer_actions", FALSE, &rule->buyer_actions) ||
      !get_string (ctx, object, "note", FALSE, &rule->note) ||
      !get_string (ctx, object, "confidence", FALSE, &rule->confidence) ||
      !get_sources (ctx, object, rule) ||
      !get_string (ctx, object, "action", FALSE, &rule->action) ||
      !get_string (ctx, object, "action_overdue", FALSE, &rule->action_overdue) ||
      !get_texts (ctx, object, rule))
    return FALSE;

  if (role != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (roles) && !g_str_equal (role, roles[i]); i++)
        ;
      if (i == G_N_ELEMENTS (roles))
        return fail_one_of (ctx, "role", roles, G_N_ELEMENTS (roles));
      rule->role = (OwRuleRole) i;
    }

  if (rule->confidence != NULL && !g_strv_contains (confidences, rule->confidence))
    return fail_one_of (ctx, "confidence", confidences, G_N_ELEMENTS (confidences));

  /* Order values are in days; in hours they would silently mean something else. */
  if ((rule->duration.kind > OW_AMOUNT_FIXED || rule->duration_late.kind > OW_AMOUNT_FIXED) &&
      rule->unit == OW_UNIT_HOURS)
    return fail (ctx, "unit",
                 _("must be “days” or “business_days” with an order’s days"));

  urgent = json_object_get_member (object, "urgent_before");
  rule->urgent_before = 86400;
  if (urgent != NULL && !parse_duration_text (ctx, "urgent_before", urgent, &rule->urgent_before))
    return FALSE;

  return TRUE;
}

/* A rule named by "actions": its index in the policy. */
static gboolean
get_rule_ref (OwPolicy   *self,
              Ctx        *ctx,
              JsonObject *object,
              const char *field,
              const char *label,
              int        *out)
{
  g_autofree char *id = NULL;

  if (!get_string (ctx, object, field, FALSE, &id))
    return FALSE;
  if (id == NULL)
    return TRUE;
  for (guint i = 0; i < self->n_rules; i++)
    if (g_str_equal (self->rules[i].id, id))
      {
        *out = (int) i;
        return TRUE;
      }
  return fail (ctx, label, _("must name a rule of this policy"));
}

/* "actions": which rules bound what the buyer can do, and the limits of what they ask. */
static gboolean
parse_actions (OwPolicy   *self,
               Ctx        *ctx,
               JsonObject *policy)
{
  static const char *known[] = { "extend", "open_dispute" };
  static const char *known_extend[] = { "during", "min_days", "max_days" };
  static const char *known_dispute[] = { "opens", "closes" };
  JsonNode *node = json_object_get_member (policy, "actions");
  JsonObject *actions, *object;
  OwAmount min_days, max_days;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, "actions", _("must be an object"));
  actions = json_node_get_object (node);
  if (!check_fields (ctx, actions, known, G_N_ELEMENTS (known)))
    return FALSE;

  if ((node = json_object_get_member (actions, "extend")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, "actions.extend", _("must be an object"));
      object = json_node_get_object (node);
      if (!check_fields (ctx, object, known_extend, G_N_ELEMENTS (known_extend)) ||
          !get_rule_ref (self, ctx, object, "during", "actions.extend.during",
                         &self->extend_rule) ||
          !get_amount (ctx, object, "min_days", "actions.extend.min_days", TRUE, FALSE, FALSE,
                       &min_days) ||
          !get_amount (ctx, object, "max_days", "actions.extend.max_days", TRUE, FALSE, FALSE,
                       &max_days))
        return FALSE;
      if (self->extend_rule < 0)
        return fail (ctx, "actions.extend.during", _("is missing"));
      if (max_days.value < min_days.value || max_days.value > 365)
        return fail (ctx, "actions.extend.max_days",
                     _("must be at least min_days and at most 365"));
      self->extend_min_days = min_days.value;
      self->extend_max_days = max_days.value;
    }

  if ((node = json_object_get_member (actions, "open_dispute")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, "actions.open_dispute", _("must be an object"));
      object = json_node_get_object (node);
      if (!check_fields (ctx, object, known_dispute, G_N_ELEMENTS (known_dispute)) ||
          !get_rule_ref (self, ctx, object, "opens", "actions.open_dispute.opens",
                         &self->dispute_opens_rule) ||
          !get_rule_ref (self, ctx, object, "closes", "actions.open_dispute.closes",
                         &self->dispute_closes_rule))
        return FALSE;
      if (self->dispute_closes_rule < 0)
        return fail (ctx, "actions.open_dispute.closes", _("is missing"));
    }

  return TRUE;
}

/* "order_number": {"pattern": REGEX, "format": TEXT}, what the marketplace's numbers look
 * like, checked wherever an order is written. */
static gboolean
parse_order_number (OwPolicy   *self,
                    Ctx        *ctx,
                    JsonObject *policy)
{
  static const char *known[] = { "pattern", "format" };
  JsonNode *node = json_object_get_member (policy, "order_number");
  g_autofree char *pattern = NULL;
  g_autoptr(GError) regex_error = NULL;
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, "order_number", _("must be an object"));
  object = json_node_get_object (node);
  if (!check_fields (ctx, object, known, G_N_ELEMENTS (known)) ||
      !get_string (ctx, object, "pattern", TRUE, &pattern) ||
      !get_string (ctx, object, "format", TRUE, &self->number_format))
    return FALSE;
  self->number_pattern = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &regex_error);
  if (self->number_pattern == NULL)
    return fail (ctx, "order_number.pattern", _("must be a regular expression"));
  return TRUE;
}

static gboolean
parse_policy (OwPolicy   *self,
              JsonNode   *root,
              Ctx        *ctx)
{
  static const char *known[] = {
    "id", "name", "timezone", "default_processing_days", "default_delivery_days",
    "completed_on", "note", "rules", "actions", "kind", "order_url", "dispute",
    "order_number",
  };
  JsonObject *object;
  g_autofree char *zone_name = NULL;
  OwAmount processing, delivery;
  JsonNode *rules;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (ctx->error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE,
                   _("%s: a policy file must hold one JSON object"), ctx->origin);
      return FALSE;
    }
  object = json_node_get_object (root);

  if (!check_fields (ctx, object, known, G_N_ELEMENTS (known)) ||
      !get_string (ctx, object, "id", TRUE, &self->id) ||
      !get_string (ctx, object, "name", TRUE, &self->name) ||
      !get_string (ctx, object, "note", FALSE, &self->note) ||
      !get_string (ctx, object, "timezone", TRUE, &zone_name) ||
      !get_amount (ctx, object, "default_processing_days", "default_processing_days", TRUE,
                   FALSE, FALSE, &processing) ||
      !get_amount (ctx, object, "default_delivery_days", "default_delivery_days", TRUE,
                   FALSE, FALSE, &delivery) ||
      !get_events (ctx, object, "completed_on", &self->completed_on))
    return FALSE;

  for (const char *p = self->id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return fail (ctx, "id", _("must use only lower-case letters, digits, “-” and “_”"));

  self->zone = ow_time_zone_get (zone_name);
  if (self->zone == NULL)
    return fail (ctx, "timezone", _("must be the name of a time zone in the zone database, "
                                    "such as “America/Los_Angeles”"));
  g_time_zone_ref (self->zone);
  /* Building a zone's table takes milliseconds: on another thread while start-up goes on;
   * ow_policy_get_zone_table () waits for it if it is asked for first. */
  ow_zone_table_prewarm (self->zone);
  self->default_processing_days = processing.value;
  self->default_delivery_days = delivery.value;
  if (self->completed_on == 0)
    self->completed_on = OW_EVENT_BIT (OW_EVENT_RECEIVED);

  rules = json_object_get_member (object, "rules");
  if (rules == NULL || !JSON_NODE_HOLDS_ARRAY (rules) ||
      json_array_get_length (json_node_get_array (rules)) == 0)
    return fail (ctx, "rules", _("must be a list of one or more rules"));
  array = json_node_get_array (rules);
  if (json_array_get_length (array) > OW_MAX_DEADLINES)
    return fail (ctx, "rules", _("holds more rules than Orderwatch can track (16)"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      OwRule *rule = &self->rules[i];
      g_autofree char *label = g_strdup_printf ("#%u", i + 1);

      rule->policy = self;
      rule->index = i;
      ctx->rule = label;
      if (!parse_rule (self, ctx, json_array_get_element (array, i), rule))
        {
          ow_rule_clear (rule);
          memset (rule, 0, sizeof *rule);
          return FALSE;
        }
      self->n_rules++;
      ctx->rule = NULL;
    }

  if (!parse_actions (self, ctx, object) || !parse_order_number (self, ctx, object))
    return FALSE;
  self->dispute_terms = ow_dispute_terms_parse (object, ctx->origin, ctx->error);
  return self->dispute_terms != NULL;
}

OwPolicy *
ow_policy_new_from_bytes (GBytes      *json,
                          const char  *origin,
                          GError     **error)
{
  g_autoptr(OwPolicy) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Ctx ctx = { origin, NULL, error };
  gsize size;
  const char *data;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &size);
  parser = json_parser_new_immutable ();
  if (!ow_json_parser_load (parser, data, size, &local_error))
    {
      if (local_error->domain == OW_INPUT_ERROR)
        /* Translators: a file name, then how deep it nests and the limit */
        g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE,
                     _("%s: not a policy file: %s; fix the file or remove it"), origin,
                     local_error->message);
      else
        /* Translators: a file name, then the JSON parser's message */
        g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE,
                     _("%s: not valid JSON: %s"), origin, local_error->message);
      return NULL;
    }

  self = g_object_new (OW_TYPE_POLICY, NULL);
  self->origin = g_strdup (origin);
  if (!parse_policy (self, json_parser_get_root (parser), &ctx))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ow_policy_get_id (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  return self->id;
}

const char *
ow_policy_get_name (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  /* "Card chargeback" is words; a marketplace's own name translates to itself. */
  return g_dgettext (GETTEXT_PACKAGE, self->name);
}

const char *
ow_policy_get_note (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  return self->note ? g_dgettext (GETTEXT_PACKAGE, self->note) : NULL;
}

const char *
ow_policy_get_origin (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  return self->origin;
}

char *
ow_policy_check_order_number (OwPolicy   *self,
                              const char *number)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);

  if (self->number_pattern == NULL || number == NULL || *number == '\0' ||
      g_regex_match (self->number_pattern, number, 0, NULL))
    return NULL;
  /* Translators: a marketplace, what its numbers look like (from its policy file, e.g.
   * "digits only, such as 8123456789012345"), then the number as typed */
  return g_strdup_printf (_("Order number: %s order numbers are %s; “%s” is not one. Copy the "
                            "number from the order page."),
                          self->name, g_dgettext (GETTEXT_PACKAGE, self->number_format),
                          number);
}

GTimeZone *
ow_policy_get_time_zone (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  return self->zone;
}

const OwZoneTable *
ow_policy_get_zone_table (OwPolicy *self)
{
  const OwZoneTable *table;

  g_return_val_if_fail (OW_IS_POLICY (self), NULL);

  /* Deadlines may be computed on two threads at once: both get the same cached table. */
  table = g_atomic_pointer_get (&self->table);
  if (G_UNLIKELY (table == NULL))
    {
      table = ow_zone_table_get (self->zone);
      g_atomic_pointer_set (&self->table, table);
    }
  return table;
}

int
ow_policy_get_default_processing_days (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), 0);
  return self->default_processing_days;
}

int
ow_policy_get_default_delivery_days (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), 0);
  return self->default_delivery_days;
}

guint32
ow_policy_get_completed_on (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), 0);
  return self->completed_on;
}

guint
ow_policy_get_n_rules (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), 0);
  return self->n_rules;
}

const OwRule *
ow_policy_get_rules (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  return self->rules;
}

const OwRule *
ow_policy_get_rule (OwPolicy *self,
                    guint     index)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  g_return_val_if_fail (index < self->n_rules, NULL);
  return &self->rules[index];
}

const OwRule *
ow_policy_find_rule (OwPolicy   *self,
                     const char *rule_id)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < self->n_rules; i++)
    if (g_str_equal (self->rules[i].id, rule_id))
      return &self->rules[i];
  return NULL;
}

const OwRule *
ow_policy_get_extension_rule (OwPolicy *self,
                              int      *min_days,
                              int      *max_days)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);

  if (self->extend_rule < 0)
    return NULL;
  if (min_days != NULL)
    *min_days = self->extend_min_days;
  if (max_days != NULL)
    *max_days = self->extend_max_days;
  return &self->rules[self->extend_rule];
}

const OwRule *
ow_policy_get_dispute_rules (OwPolicy      *self,
                             const OwRule **opens)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);

  if (opens != NULL)
    *opens = self->dispute_opens_rule >= 0 ? &self->rules[self->dispute_opens_rule] : NULL;
  return self->dispute_closes_rule >= 0 ? &self->rules[self->dispute_closes_rule] : NULL;
}

const OwDisputeTerms *
ow_policy_get_dispute_terms (OwPolicy *self)
{
  g_return_val_if_fail (OW_IS_POLICY (self), NULL);
  return self->dispute_terms;
}
