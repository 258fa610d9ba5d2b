/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Turns what the scheduler found due into desktop notifications (GNotification through a
 * GApplication). GIO only, so `orderwatch check` can use it without GTK. */
#pragma once

#include <gio/gio.h>

#include "ow-deadlines.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_NOTICE_REMINDER,          /* a deadline is coming */
  OW_NOTICE_SNOOZED,           /* the "remind me tomorrow" reminder */
  OW_NOTICE_NOT_SHIPPED,       /* ship-by passed unshipped: the marketplace closes the order */
  OW_NOTICE_DELIVERED,         /* inspect the parcel; the dispute window runs */
  OW_NOTICE_TRACKING_SILENT,   /* no movement for 10 days */
  OW_NOTICE_REFUND_OVERDUE,    /* no refund after 20 business days */
  OW_NOTICE_OVERDUE,           /* another wait on the seller ran out */
  OW_NOTICE_OPENED,            /* something became possible (a dispute can be opened) */
} OwNoticeType;

/* One notification to send. Plain data; the pointers are borrowed. */
typedef struct
{
  OwNoticeType  type;
  OwOrder      *order;
  const char   *kind;           /* rule id, "delivered" or "tracking_silent" */
  OwDeadline    deadline;       /* the deadline reminded of (rule NULL for events) */
  gint64        due;            /* the deadline, or the instant of the event */
  gint64        before;         /* seconds before @due the reminder was planned */
  gint64        now;
  gint64        dispute_until;  /* when the dispute window closes, or OW_TIME_UNSET */
  gboolean      late;           /* planned earlier, missed while the computer was off */
  gboolean      can_dispute;    /* the dispute window is open: offer "Open dispute" */
} OwNotice;

/* "order-<id>-<kind>": one notification per order and deadline, a newer one replaces it. */
char          *ow_notice_get_id        (const OwNotice *notice);
void           ow_notice_format        (const OwNotice *notice,
                                        char          **title,
                                        char          **body);
GNotification *ow_notice_build         (const OwNotice *notice);

#define OW_TYPE_NOTIFIER (ow_notifier_get_type ())

G_DECLARE_FINAL_TYPE (OwNotifier, ow_notifier, OW, NOTIFIER, GObject)

/* @application (nullable): the registered application that sends; without one (or with no
 * notification server on the session bus) notices are only emitted as "sent".
 *
 * Signals:
 *   "sent" (const char *id, const char *title, const char *body, gboolean shown): after
 *     each notice; @shown says whether it went to the desktop. Inside a sandbox the notice
 *     goes to the notification portal and "sent" follows the portal's answer (from the
 *     main loop; ow_notifier_flush() waits for it). */
OwNotifier    *ow_notifier_new         (GApplication   *application);
GApplication  *ow_notifier_get_application (OwNotifier *self);
void           ow_notifier_send        (OwNotifier     *self,
                                        const OwNotice *notice);
guint          ow_notifier_get_n_sent  (OwNotifier     *self);
/* Why the last notice that was not shown could not be (translated), or NULL. */
const char    *ow_notifier_get_error   (OwNotifier     *self);
/* Waits until the notification server (or the portal) has answered what was sent (GIO's
 * backend keeps state for each pending call): call before the process exits. */
void           ow_notifier_flush       (OwNotifier     *self);

G_END_DECLS
