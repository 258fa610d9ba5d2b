/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Everything a user does to an order, for both faces: whether it is possible now and, if not,
 * a sentence saying why and what to do; and applying it in one transaction that reads,
 * checks and writes inside the same BEGIN IMMEDIATE. */
#pragma once

#include <glib.h>

#include "ow-order.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* In the order the window offers them; `show --json` lists them so too. */
typedef enum
{
  OW_ACTION_CONFIRM_RECEIVED,
  OW_ACTION_EXTEND,
  OW_ACTION_ANSWER_EXTENSION,   /* the seller approved or refused a pending extension */
  OW_ACTION_REQUEST_CANCEL,
  OW_ACTION_OPEN_DISPUTE,
  OW_ACTION_REFUNDED,
  OW_ACTION_CLOSE,
  OW_ACTION_EDIT,
  OW_ACTION_ARCHIVE,
  OW_ACTION_UNARCHIVE,
  OW_ACTION_DELETE,
  OW_N_ACTIONS
} OwOrderAction;

typedef struct
{
  OwOrderAction    action;
  gint64           at;               /* when it happened; OW_TIME_UNSET means now */
  int              days;             /* extend */
  OwExtensionState extension_state;  /* extend, answer_extension */
  guint            extension_index;  /* answer_extension */
  OwCloseReason    close_reason;     /* close */
  const char      *dispute_reason;   /* open_dispute; NULL: the one the facts suggest */
} OwActionRequest;

/* "confirm_received": the id scripts and `show --json` use. */
const char *ow_order_action_to_string      (OwOrderAction        action);
gboolean    ow_order_action_from_string    (const char          *text,
                                            OwOrderAction       *action);
/* "Confirm Receipt": translated, for menus and buttons. */
const char *ow_order_action_label          (OwOrderAction        action);

/* Whether @action can be taken on @order at @now under @policy. When not, @reason (nullable)
 * gets a translated sentence that says why and what to do or when it becomes possible. */
gboolean    ow_order_action_is_available   (OwOrderAction        action,
                                            OwOrder             *order,
                                            OwPolicy            *policy,
                                            gint64               now,
                                            char               **reason);
/* The days an extension may ask for, from the policy; FALSE when the marketplace has none. */
gboolean    ow_order_action_extension_days (OwPolicy            *policy,
                                            int                 *min_days,
                                            int                 *max_days);
/* What the user should know before taking @action (confirming receipt ends Buyer Protection,
 * and how long a dispute stays possible afterwards), or NULL. */
char       *ow_order_action_get_warning    (OwOrderAction        action,
                                            OwOrder             *order,
                                            OwPolicy            *policy,
                                            gint64               now);
/* Checks @request against @order as it is (availability, then the request's own values) and
 * applies it to @order; nothing is written. */
gboolean    ow_order_action_check_and_apply (OwOrder            *order,
                                            OwPolicy            *policy,
                                            const OwActionRequest *request,
                                            gint64               now,
                                            GError             **error);
/* Applies @request to order @order_id in one transaction: the order is read, checked and
 * written inside it, so a change made meanwhile is never undone. Returns the order as
 * written (as it was, for delete). An unavailable action fails with OW_INPUT_ERROR_UNAVAILABLE
 * and its reason; nothing is written then. Not for OW_ACTION_EDIT (see ow-order-save.h). */
OwOrder    *ow_order_action_apply          (OwStore             *store,
                                            OwPolicyRegistry    *policies,
                                            gint64               order_id,
                                            const OwActionRequest *request,
                                            gint64               now,
                                            GError             **error);

G_END_DECLS
