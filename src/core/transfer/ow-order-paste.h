/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading order facts out of text the user copied from a marketplace's order page. */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* What the parser can find; a result says which of them it found. */
typedef enum
{
  OW_PASTE_ORDER_NUMBER = 1 << 0,
  OW_PASTE_STORE        = 1 << 1,
  OW_PASTE_AMOUNT       = 1 << 2,   /* the amount together with its currency */
  OW_PASTE_TRACKING     = 1 << 3,
  OW_PASTE_PLACED       = 1 << 4,
  OW_PASTE_PAID         = 1 << 5,
  OW_PASTE_SHIPPED      = 1 << 6,
  OW_PASTE_DELIVERED    = 1 << 7,
  OW_PASTE_ITEM         = 1 << 8,   /* the item's title, the line after the store */
  OW_PASTE_PROCESSING   = 1 << 9,   /* the seller's processing time, in days */
} OwPasteFields;

#define OW_PASTE_ALL_FIELDS ((OwPasteFields) 0x3ff)

/* A wall-clock date and time as printed on the page. */
typedef struct
{
  int      year, month, day;
  int      hour, minute, second;
  gboolean has_time;
  gboolean has_offset;           /* the text named a zone ("PST", "GMT+8", "Z") */
  int      offset_minutes;       /* east of UTC, when has_offset */
} OwPasteDate;

typedef struct _OwPasteResult OwPasteResult;

/* Never fails: an empty result says nothing was found. Text that is not UTF-8 gives an
 * empty result with a problem. */
OwPasteResult *ow_order_paste_parse              (const char          *text);
void           ow_paste_result_free              (OwPasteResult       *result);
/* Why nothing could be read from the text (translated), or NULL. */
const char    *ow_paste_result_get_problem       (const OwPasteResult *result);

OwPasteFields  ow_paste_result_get_found         (const OwPasteResult *result);
/* What an order page like this one shows, so the faces can point at what the text lacked:
 * the number, the item, the store, the amount and the order dates always; the shipment
 * date and the tracking number once the text shows either (an order not shipped has
 * neither); never the delivery date or the processing time, which many pages do not show. */
OwPasteFields  ow_paste_result_get_expected      (const OwPasteResult *result);
/* NULL when not found. */
const char    *ow_paste_result_get_order_number  (const OwPasteResult *result);
const char    *ow_paste_result_get_store_name    (const OwPasteResult *result);
const char    *ow_paste_result_get_tracking_number (const OwPasteResult *result);
const char    *ow_paste_result_get_item_title    (const OwPasteResult *result);
/* The seller's processing time in days ("Processing time: 5 days"), 0 when not found. */
int            ow_paste_result_get_processing_days (const OwPasteResult *result);
/* FALSE when not found; @currency is an ISO 4217 code owned by @result. */
gboolean       ow_paste_result_get_amount        (const OwPasteResult *result,
                                                  gint64              *amount_minor,
                                                  const char         **currency);
/* For OW_EVENT_PLACED, _PAID, _SHIPPED and _DELIVERED: the instant, reading a time
 * without a zone in @zone (NULL: UTC). OW_TIME_UNSET when not found. */
gint64         ow_paste_result_get_time          (const OwPasteResult *result,
                                                  OwOrderEvent         event,
                                                  GTimeZone           *zone);

/* The pieces, also used by the editor's fields. "US $4.99", "4,99 €", "RUB 1 234,50". */
gboolean       ow_paste_parse_amount             (const char          *text,
                                                  gint64              *amount_minor,
                                                  char                 currency[4]);
/* The first date in @text: "Nov 1, 2026", "2026-11-01 10:00", "01 Nov 2026 10:00 PST",
 * "1.11.2026", with an optional time. */
gboolean       ow_paste_parse_date               (const char          *text,
                                                  OwPasteDate         *date);
/* The instant, reading a date without a zone in @zone (NULL: UTC); OW_TIME_UNSET if invalid. */
gint64         ow_paste_date_to_unix             (const OwPasteDate   *date,
                                                  GTimeZone           *zone);

/* The rule every face shares for what a person typed or pasted: a zone it names wins; a date
 * with a time is in @user_zone (as the form shows times); a date alone is midnight in
 * @market_zone, the marketplace's, as on the command line and in imports. */
gint64         ow_paste_date_to_unix_for         (const OwPasteDate   *date,
                                                  GTimeZone           *user_zone,
                                                  GTimeZone           *market_zone);
/* The date as the text gave it, for OW_EVENT_PLACED, _PAID, _SHIPPED and _DELIVERED; FALSE
 * when not found. */
gboolean       ow_paste_result_get_date          (const OwPasteResult *result,
                                                  OwOrderEvent         event,
                                                  OwPasteDate         *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwPasteResult, ow_paste_result_free)

G_END_DECLS
