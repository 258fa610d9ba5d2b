/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ow-types.h"
#include "ow-policy-registry.h"

G_BEGIN_DECLS

#define OW_TYPE_POLICY (ow_policy_get_type ())

G_DECLARE_FINAL_TYPE (OwPolicy, ow_policy, OW, POLICY, GObject)

/* A marketplace's rules, loaded from JSON (data/policies/<id>.json).
 * @origin names the file in error messages. */
OwPolicy     *ow_policy_new_from_bytes             (GBytes        *json,
                                                    const char    *origin,
                                                    GError       **error);
const char   *ow_policy_get_id                     (OwPolicy      *self);
const char   *ow_policy_get_name                   (OwPolicy      *self);
/* Why the policy is as it is (its time zone, its sources), or NULL. */
const char   *ow_policy_get_note                   (OwPolicy      *self);
GTimeZone    *ow_policy_get_time_zone              (OwPolicy      *self);
/* Used when the order does not say; the user's value always wins. */
int           ow_policy_get_default_processing_days (OwPolicy     *self);
int           ow_policy_get_default_delivery_days   (OwPolicy     *self);
guint         ow_policy_get_n_rules                (OwPolicy      *self);
const OwRule *ow_policy_get_rule                   (OwPolicy      *self,
                                                    guint          index);
const OwRule *ow_policy_find_rule                  (OwPolicy      *self,
                                                    const char    *rule_id);
/* Disputes: reasons, evidence limits, whether it is a channel (ow-dispute-terms.h). */
const OwDisputeTerms *ow_policy_get_dispute_terms  (OwPolicy      *self);
/* The rule while which Buyer Protection can be extended, with the days a request may ask
 * for; NULL when the marketplace has no extensions ("actions.extend" in the file). */
const OwRule *ow_policy_get_extension_rule         (OwPolicy      *self,
                                                    int           *min_days,
                                                    int           *max_days);
/* The rule whose window a dispute must be opened in, and (@opens, nullable) the rule that
 * must have run out first; NULL when the file names none ("actions.open_dispute"). */
const OwRule *ow_policy_get_dispute_rules          (OwPolicy      *self,
                                                    const OwRule **opens);

/* What is wrong with @number as this marketplace's order number (the file's
 * "order_number.pattern"), in a translated sentence that says what to do; NULL when it fits
 * or the file has no pattern. */
char         *ow_policy_check_order_number         (OwPolicy      *self,
                                                    const char    *number);

/* Rules live as long as their policy. */
const char   *ow_rule_get_id                       (const OwRule  *rule);
const char   *ow_rule_get_title                    (const OwRule  *rule);
const char   *ow_rule_get_on_expiry                (const OwRule  *rule);
const char   *ow_rule_get_buyer_actions            (const OwRule  *rule);
const char   *ow_rule_get_note                     (const OwRule  *rule);
const char   *ow_rule_get_confidence               (const OwRule  *rule);
/* The help pages the rule cites, by title (or by address when the file gives only one). */
const char * const *ow_rule_get_sources            (const OwRule  *rule);
/* The address of source @index (http or https), or NULL when the file gives none. */
const char   *ow_rule_get_source_url               (const OwRule  *rule,
                                                    guint          index);
/* Seconds before the due time to warn, largest first. */
const gint64 *ow_rule_get_reminders                (const OwRule  *rule,
                                                    guint         *n_reminders);
/* Whether the rule runs inside a dispute (it starts on one of the dispute's facts). */
gboolean      ow_rule_is_dispute_rule              (const OwRule  *rule);
/* Under this many seconds left the deadline counts as urgent. */
gint64        ow_rule_get_urgent_before            (const OwRule  *rule);
/* What to do while it runs, and once it ran out (waits only), or NULL. Translated. */
const char   *ow_rule_get_action                   (const OwRule  *rule);
const char   *ow_rule_get_action_overdue           (const OwRule  *rule);


G_END_DECLS
