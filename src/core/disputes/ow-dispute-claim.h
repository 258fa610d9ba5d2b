/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the app can write for the buyer: the reason the facts point to, and a drafted
 * description of the claim (short, factual, polite) that the buyer edits. */
#pragma once

#include <glib.h>

#include "ow-dispute-terms.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Days after shipment without one tracking event before "no tracking" is suggested. */
#define OW_DISPUTE_SILENT_DAYS 10

/* The id of the reason the tracking and the dates point to, among @policy's reasons, with
 * @why (nullable, translated) saying what points to it; NULL when nothing does.
 * @parcels (element-type OwParcel, nullable): the order's. */
const char *ow_dispute_suggest_reason (OwOrder            *order,
                                       OwPolicy           *policy,
                                       GPtrArray          *parcels,
                                       gint64              now,
                                       char              **why);
/* A drafted description for @reason_id: English, what sellers and marketplace agents read,
 * unless @localized. @last_event (nullable): the latest tracking event. */
char       *ow_dispute_draft          (OwOrder            *order,
                                       OwPolicy           *policy,
                                       const char         *reason_id,
                                       OwDisputeSolution   solution,
                                       gint64              amount,
                                       OwTrackingEvent    *last_event,
                                       gint64              now,
                                       gboolean            localized);

G_END_DECLS
