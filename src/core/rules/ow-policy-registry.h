/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_POLICY_REGISTRY (ow_policy_registry_get_type ())

G_DECLARE_FINAL_TYPE (OwPolicyRegistry, ow_policy_registry, OW, POLICY_REGISTRY, GObject)

/* Loads the bundled policies, then $XDG_CONFIG_HOME/orderwatch/policies/<id>.json over them.
 * A malformed user file is skipped (its warning kept) and the bundled policy stays. */
OwPolicyRegistry *ow_policy_registry_new           (void);
/* Same, with user files from @directory (NULL: bundled policies only). */
OwPolicyRegistry *ow_policy_registry_new_for_directory (const char *directory);
/* (transfer none): lives as long as the registry; NULL for an unknown marketplace. */
OwPolicy     *ow_policy_registry_lookup            (OwPolicyRegistry *self,
                                                    const char       *marketplace);
/* (transfer none): the policy a dispute on @channel follows: @marketplace itself, or the
 * PayPal or card policy; NULL when none is bundled. */
OwPolicy     *ow_policy_registry_lookup_channel    (OwPolicyRegistry *self,
                                                    OwDisputeChannel  channel,
                                                    OwPolicy         *marketplace);
/* (transfer full) (element-type OwPolicy), sorted by name: free with g_ptr_array_unref (). */
GPtrArray    *ow_policy_registry_list              (OwPolicyRegistry *self);
/* Names what the engine computes from: its revision and every policy file loaded, by
 * origin and content. Two registries with the same fingerprint give the same deadlines. */
const char   *ow_policy_registry_get_fingerprint   (OwPolicyRegistry *self);
/* (transfer none) (element-type utf8): one translated message per rejected user file. */
GPtrArray    *ow_policy_registry_get_warnings      (OwPolicyRegistry *self);

/* The one validator with the marketplace's own rules: ow_order_check_fields () at @now, and
 * the order-number pattern of the order's policy when the registry knows it. Used by every
 * path that writes an order (the editor, the command line, import). */
gboolean      ow_policy_registry_check_order       (OwPolicyRegistry *self,
                                                    OwOrder          *order,
                                                    gint64            now,
                                                    char             *messages[]);
/* The first problem ow_policy_registry_check_order () finds, as an OW_INPUT_ERROR. */
gboolean      ow_policy_registry_validate_order    (OwPolicyRegistry *self,
                                                    OwOrder          *order,
                                                    gint64            now,
                                                    GError          **error);

G_END_DECLS
