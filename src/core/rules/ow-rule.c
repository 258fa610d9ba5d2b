/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One rule of a policy: plain data owned by its OwPolicy (see ow-policy-private.h).
 * Texts come from the policy file in English and go through g_dgettext () on the way out,
 * so a catalog carrying them translates them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-policy-private.h"

void
ow_rule_clear (OwRule *rule)
{
  g_free (rule->id);
  g_free (rule->title);
  g_free (rule->reminders);
  g_free (rule->on_expiry);
  g_free (rule->buyer_actions);
  g_free (rule->note);
  g_free (rule->confidence);
  g_strfreev (rule->sources);
  g_strfreev (rule->source_urls);
  g_free (rule->action);
  g_free (rule->action_overdue);
  for (guint i = 0; i < G_N_ELEMENTS (rule->texts); i++)
    g_free (rule->texts[i]);
}

static const char *
translate (const char *text)
{
  return text ? g_dgettext (GETTEXT_PACKAGE, text) : NULL;
}

const char *
ow_rule_get_id (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->id;
}

const char *
ow_rule_get_title (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return translate (rule->title);
}

const char *
ow_rule_get_on_expiry (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return translate (rule->on_expiry);
}

const char *
ow_rule_get_buyer_actions (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return translate (rule->buyer_actions);
}

const char *
ow_rule_get_note (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return translate (rule->note);
}

const char *
ow_rule_get_confidence (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->confidence;
}

const char * const *
ow_rule_get_sources (const OwRule *rule)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (rule != NULL, NULL);
  return rule->sources ? (const char * const *) rule->sources : none;
}

const char *
ow_rule_get_source_url (const OwRule *rule,
                        guint         index)
{
  g_return_val_if_fail (rule != NULL, NULL);

  if (rule->source_urls == NULL || index >= g_strv_length (rule->source_urls) ||
      *rule->source_urls[index] == '\0')
    return NULL;
  return rule->source_urls[index];
}

const gint64 *
ow_rule_get_reminders (const OwRule *rule,
                       guint        *n_reminders)
{
  g_return_val_if_fail (rule != NULL, NULL);
  if (n_reminders)
    *n_reminders = rule->n_reminders;
  return rule->reminders;
}

gint64
ow_rule_get_urgent_before (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, 0);
  return rule->urgent_before;
}

const char *
ow_rule_get_action (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return translate (rule->action);
}

const char *
ow_rule_get_action_overdue (const OwRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return translate (rule->action_overdue);
}

gboolean
ow_rule_is_dispute_rule (const OwRule *rule)
{
  guint32 dispute_events = OW_EVENT_BIT (OW_EVENT_DISPUTE_OPENED) |
                           OW_EVENT_BIT (OW_EVENT_RETURN_AGREED);

  g_return_val_if_fail (rule != NULL, FALSE);

  for (guint e = OW_N_EVENTS; e < OW_N_FACTS; e++)
    dispute_events |= OW_EVENT_BIT (e);
  return rule->start_kind == OW_START_EVENTS && (rule->start_events & dispute_events) != 0;
}
