/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the scheduler remembers in the store: the reminders already sent (so none is
 * sent twice, even across restarts) and "remind me tomorrow" snoozes. */
#pragma once

#include <gio/gio.h>

#include "ow-store.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Records that the reminder @before seconds ahead of @due of (@order_id, @kind) went out.
 * A reminder sent closer to @due covers the earlier ones of the same deadline. */
gboolean    ow_store_record_reminder       (OwStore      *self,
                                            gint64        order_id,
                                            const char   *kind,
                                            gint64        due,
                                            gint64        before,
                                            gint64        sent_at,
                                            GError      **error);
/* The smallest `before` sent for (@order_id, @kind, @due), or G_MAXINT64 when none was. */
gint64      ow_store_get_reminder_sent     (OwStore      *self,
                                            gint64        order_id,
                                            const char   *kind,
                                            gint64        due,
                                            GError      **error);
/* The three lists below read every order, or only the orders in @order_ids
 * (element-type gint64) when it is not NULL: one query either way. */

/* Every deadline with a reminder sent: "<order id>:<kind>:<due>" -> (gint64 *) the
 * smallest `before` sent. */
GHashTable *ow_store_list_reminders_sent   (OwStore      *self,
                                            GArray       *order_ids,
                                            GError      **error);
guint       ow_store_count_reminders_sent  (OwStore      *self,
                                            gint64        order_id,
                                            GError      **error);

/* Nothing for (@order_id, @kind) until @until, then one reminder. Replaces an older snooze. */
gboolean    ow_store_snooze                (OwStore      *self,
                                            gint64        order_id,
                                            const char   *kind,
                                            gint64        until,
                                            GError      **error);
gboolean    ow_store_unsnooze              (OwStore      *self,
                                            gint64        order_id,
                                            const char   *kind,
                                            GError      **error);
/* "<order id>:<kind>" -> (gint64 *) until. */
GHashTable *ow_store_list_snoozes          (OwStore      *self,
                                            GArray       *order_ids,
                                            GError      **error);

/* Order id (gint64 *, g_int64_hash) -> (gint64 *) the latest movement of its parcels
 * that are not delivered, for "tracking silent" notices. */
GHashTable *ow_store_list_last_movements   (OwStore      *self,
                                            GArray       *order_ids,
                                            GError      **error);

G_END_DECLS
