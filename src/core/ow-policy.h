/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ow-types.h"

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
GTimeZone    *ow_policy_get_time_zone              (OwPolicy      *self);
/* Used when the order does not say; the user's value always wins. */
int           ow_policy_get_default_processing_days (OwPolicy     *self);
int           ow_policy_get_default_delivery_days   (OwPolicy     *self);
guint         ow_policy_get_n_rules                (OwPolicy      *self);
const OwRule *ow_policy_get_rule                   (OwPolicy      *self,
                                                    guint          index);
const OwRule *ow_policy_find_rule                  (OwPolicy      *self,
                                                    const char    *rule_id);

/* Rules live as long as their policy. */
const char   *ow_rule_get_id                       (const OwRule  *rule);
const char   *ow_rule_get_title                    (const OwRule  *rule);
const char   *ow_rule_get_on_expiry                (const OwRule  *rule);
const char   *ow_rule_get_buyer_actions            (const OwRule  *rule);
const char   *ow_rule_get_note                     (const OwRule  *rule);
const char   *ow_rule_get_confidence               (const OwRule  *rule);
const char * const *ow_rule_get_sources            (const OwRule  *rule);
/* Seconds before the due time to warn, largest first. */
const gint64 *ow_rule_get_reminders                (const OwRule  *rule,
                                                    guint         *n_reminders);
/* Under this many seconds left the deadline counts as urgent. */
gint64        ow_rule_get_urgent_before            (const OwRule  *rule);


#define OW_TYPE_POLICY_REGISTRY (ow_policy_registry_get_type ())

G_DECLARE_FINAL_TYPE (OwPolicyRegistry, ow_policy_registry, OW, POLICY_REGISTRY, GObject)

/* Loads the bundled policies, then $XDG_CONFIG_HOME/orderwatch/policies/<id>.json over them.
 * A malformed user file is skipped (its warning kept) and the bundled policy stays. */
OwPolicyRegistry *ow_policy_registry_new           (void);
OwPolicy     *ow_policy_registry_lookup            (OwPolicyRegistry *self,
                                                    const char       *marketplace);
/* (element-type OwPolicy), sorted by name. */
GPtrArray    *ow_policy_registry_list              (OwPolicyRegistry *self);
/* (element-type utf8): one translated message per rejected user file. */
GPtrArray    *ow_policy_registry_get_warnings      (OwPolicyRegistry *self);

G_END_DECLS
