/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The deadline engine against hand-computed instants: every AliExpress rule, eBay, Amazon and
 * Temu, DST in both directions, business days over weekends, extensions, closures. */
#include "config.h"

#include <locale.h>

#include "ow-deadlines.h"
#include "ow-demo.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-time.h"

typedef struct
{
  const char *rule;
  const char *state;
  const char *due;       /* UTC ISO, "-" for unset, NULL to skip */
  const char *due_late;  /* the same */
} Expect;

typedef struct
{
  const char *path;
  const char *policy;
  /* "paid=2026-11-01T10:00:00Z processing=7 method=paypal ext=approved:15 ..." */
  const char *facts;
  const char *now;
  const char *status;    /* NULL to skip */
  int         needs_action;  /* -1 to skip */
  const char *next;      /* rule id, "" for none, NULL to skip */
  const char *action;    /* a substring of the next action, NULL to skip */
  Expect      expect[8];
} Case;

static const Case cases[] = {
  /* The brief's acceptance case. DST ended at 09:00Z that day, so 10:00Z is 02:00 PST, and a
   * week later 02:00 PST is 10:00Z again. */
  { "/core/deadlines/aliexpress/ship-by/acceptance", "aliexpress",
    "paid=2026-11-01T10:00:00Z processing=7", "2026-11-03T00:00:00Z",
    "awaiting_shipment", FALSE, "ship_by", "Ask the seller to ship",
    { { "ship_by", "running", "2026-11-08T10:00:00Z", "-" },
      { "payment_review", "passed", "2026-11-02T10:00:00Z", "-" },
      { "payment_due", "met", NULL, NULL },
      { "protection_end", "not_started", "-", "-" },
      { "paypal_dispute", "not_applicable", "-", "-" } } },
  /* 03:00 PDT on 30 Oct, 03:00 PST on 6 Nov: one more hour elapses. */
  { "/core/deadlines/aliexpress/ship-by/dst-november", "aliexpress",
    "placed=2026-10-30T09:55:00Z paid=2026-10-30T10:00:00Z processing=7",
    "2026-10-31T00:00:00Z", "awaiting_shipment", FALSE, "payment_review", "payment check",
    { { "ship_by", "running", "2026-11-06T11:00:00Z", "-" },
      { "payment_due", "met", "2026-11-19T10:55:00Z", "-" } } },
  /* 02:00 PST on 5 Mar, 02:00 PDT on 12 Mar; exactly 24 h left counts as urgent. */
  { "/core/deadlines/aliexpress/ship-by/dst-march-urgent", "aliexpress",
    "paid=2026-03-05T10:00:00Z processing=7", "2026-03-11T09:00:00Z",
    "awaiting_shipment", FALSE, "ship_by", NULL,
    { { "ship_by", "urgent", "2026-03-12T09:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/ship-by/user-processing-days", "aliexpress",
    "paid=2026-06-01T00:00:00Z processing=12", "2026-06-02T00:00:00Z",
    "awaiting_shipment", FALSE, "ship_by", NULL,
    { { "ship_by", "running", "2026-06-13T00:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/ship-by/default-processing-days", "aliexpress",
    "paid=2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z",
    "awaiting_shipment", FALSE, "ship_by", NULL,
    { { "ship_by", "running", "2026-06-08T00:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/ship-by/missed", "aliexpress",
    "paid=2026-06-01T00:00:00Z processing=3", "2026-06-05T00:00:00Z",
    "awaiting_shipment", TRUE, "ship_by", "check that the order was closed",
    { { "ship_by", "passed", "2026-06-04T00:00:00Z", "-" } } },
  /* A fact later than now has not happened yet. */
  { "/core/deadlines/aliexpress/ship-by/future-fact-ignored", "aliexpress",
    "paid=2026-05-01T00:00:00Z shipped=2026-05-10T00:00:00Z", "2026-05-05T00:00:00Z",
    "awaiting_shipment", FALSE, "ship_by", NULL,
    { { "ship_by", "running", "2026-05-08T00:00:00Z", "-" },
      { "protection_end", "not_started", "-", "-" } } },
  /* 00:00 PST on 1 Mar + 20 days is 00:00 PDT on 21 Mar. */
  { "/core/deadlines/aliexpress/payment-due/urgent", "aliexpress",
    "placed=2026-03-01T08:00:00Z", "2026-03-20T12:00:00Z",
    "awaiting_payment", TRUE, "payment_due", "Pay for the order",
    { { "payment_due", "urgent", "2026-03-21T07:00:00Z", "-" },
      { "ship_by", "not_started", "-", "-" } } },
  { "/core/deadlines/aliexpress/payment-due/lapsed", "aliexpress",
    "placed=2026-03-01T08:00:00Z", "2026-03-22T00:00:00Z",
    "awaiting_payment", FALSE, "", NULL,
    { { "payment_due", "passed", "2026-03-21T07:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/payment-review/running", "aliexpress",
    "placed=2026-04-01T11:58:00Z paid=2026-04-01T12:00:00Z", "2026-04-01T20:00:00Z",
    "awaiting_shipment", FALSE, "payment_review", NULL,
    { { "payment_review", "running", "2026-04-02T12:00:00Z", "-" },
      { "payment_due", "met", "2026-04-21T11:58:00Z", "-" } } },
  /* Closed for security reasons during review, paid on a Wednesday: 20 business days. */
  { "/core/deadlines/aliexpress/payment-review/security-closure", "aliexpress",
    "paid=2026-04-01T12:00:00Z closed=2026-04-01T18:00:00Z close=security",
    "2026-04-02T00:00:00Z", "closed", FALSE, "refund_due", "statement",
    { { "payment_review", "not_applicable", NULL, NULL },
      { "ship_by", "not_applicable", NULL, NULL },
      { "refund_due", "running", "2026-04-29T18:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/cancel-reply/shipped", "aliexpress",
    "paid=2026-05-01T00:00:00Z cancel_requested=2026-05-02T00:00:00Z "
    "shipped=2026-05-03T00:00:00Z", "2026-05-04T00:00:00Z",
    "awaiting_delivery", FALSE, "protection_end", NULL,
    { { "cancel_reply", "met", "2026-05-05T00:00:00Z", "-" },
      { "ship_by", "met", NULL, NULL } } },
  { "/core/deadlines/aliexpress/cancel-reply/unanswered", "aliexpress",
    "paid=2026-05-01T00:00:00Z cancel_requested=2026-05-02T00:00:00Z",
    "2026-05-06T00:00:00Z", "awaiting_shipment", TRUE, "cancel_reply", "did not answer",
    { { "cancel_reply", "passed", "2026-05-05T00:00:00Z", "-" },
      { "ship_by", "running", "2026-05-08T00:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/cancel-reply/waiting", "aliexpress",
    "paid=2026-05-01T00:00:00Z cancel_requested=2026-05-02T00:00:00Z",
    "2026-05-04T12:00:00Z", "awaiting_shipment", FALSE, "cancel_reply", NULL,
    { { "cancel_reply", "urgent", "2026-05-05T00:00:00Z", "-" } } },
  /* Agreed: closed on Sunday 3 May, Pacific; 20 business days end on Friday 29 May. */
  { "/core/deadlines/aliexpress/cancel-reply/agreed", "aliexpress",
    "paid=2026-05-01T00:00:00Z cancel_requested=2026-05-02T00:00:00Z "
    "closed=2026-05-04T00:00:00Z close=cancelled", "2026-05-05T00:00:00Z",
    "closed", FALSE, "refund_due", NULL,
    { { "cancel_reply", "met", NULL, NULL },
      { "ship_by", "not_applicable", NULL, NULL },
      { "refund_due", "running", "2026-05-30T00:00:00Z", "-" } } },
  /* Asked after shipment: a cancellation is only possible before it. */
  { "/core/deadlines/aliexpress/cancel-reply/after-shipment", "aliexpress",
    "paid=2026-05-01T00:00:00Z shipped=2026-05-03T00:00:00Z "
    "cancel_requested=2026-05-03T12:00:00Z", "2026-05-04T00:00:00Z",
    "awaiting_delivery", FALSE, NULL, NULL,
    { { "cancel_reply", "not_applicable", "2026-05-06T12:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/cancel-reply/not-requested", "aliexpress",
    "paid=2026-05-01T00:00:00Z shipped=2026-05-03T00:00:00Z", "2026-05-04T00:00:00Z",
    "awaiting_delivery", FALSE, NULL, NULL,
    { { "cancel_reply", "not_applicable", "-", "-" } } },
  { "/core/deadlines/aliexpress/protection/extension-approved-refused", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 ext=approved:15 ext=refused:20",
    "2026-06-14T00:00:00Z", "awaiting_delivery", TRUE, "protection_end", NULL,
    { { "protection_end", "urgent", "2026-06-15T12:00:00Z", "-" },
      { "dispute_closes", "not_started", "2026-06-30T12:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/protection/extension-pending", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 ext=approved:15 ext=pending:10",
    "2026-05-01T00:00:00Z", "awaiting_delivery", FALSE, "protection_end", NULL,
    { { "protection_end", "running", "2026-06-15T12:00:00Z", "2026-06-25T12:00:00Z" } } },
  { "/core/deadlines/aliexpress/protection/no-extension", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60", "2026-05-01T00:00:00Z",
    "awaiting_delivery", FALSE, "protection_end", NULL,
    { { "protection_end", "running", "2026-05-31T12:00:00Z", "-" },
      { "dispute_opens", "passed", "2026-04-12T12:00:00Z", "2026-04-06T12:00:00Z" } } },
  /* 02:30 PST + 30 days falls in the 8 March gap: the first instant after it, 03:00 PDT. */
  { "/core/deadlines/aliexpress/protection/dst-gap", "aliexpress",
    "shipped=2026-02-06T10:30:00Z delivery=30", "2026-02-07T00:00:00Z",
    "awaiting_delivery", FALSE, "protection_end", NULL,
    { { "protection_end", "running", "2026-03-08T10:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/protection/delivered-cut", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 delivered=2026-04-20T15:00:00Z",
    "2026-04-22T00:00:00Z", "awaiting_delivery", FALSE, "protection_end", NULL,
    { { "protection_end", "running", "2026-04-25T15:00:00Z", "2026-04-27T15:00:00Z" },
      { "dispute_closes", "not_started", "2026-05-10T15:00:00Z", "-" } } },
  /* The cut only brings the end forward. */
  { "/core/deadlines/aliexpress/protection/delivered-late", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=20 delivered=2026-04-19T12:00:00Z",
    "2026-04-20T00:00:00Z", "awaiting_delivery", TRUE, "protection_end", NULL,
    { { "protection_end", "urgent", "2026-04-21T12:00:00Z", "-" } } },
  /* Ran out on 24 Feb 00:00 PST: completed, and 15 days later is 11 Mar 00:00 PDT. */
  { "/core/deadlines/aliexpress/protection/ended", "aliexpress",
    "paid=2026-01-05T08:00:00Z shipped=2026-01-10T08:00:00Z delivery=45",
    "2026-03-01T00:00:00Z", "completed", FALSE, "dispute_closes", "Open a dispute now",
    { { "protection_end", "passed", "2026-02-24T08:00:00Z", "-" },
      { "dispute_closes", "running", "2026-03-11T07:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/received/early", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 received=2026-04-10T18:00:00Z",
    "2026-04-12T00:00:00Z", "completed", FALSE, "dispute_closes", NULL,
    { { "protection_end", "met", "2026-05-31T12:00:00Z", "-" },
      { "dispute_closes", "running", "2026-04-25T18:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/received/window-closing", "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 received=2026-04-10T18:00:00Z",
    "2026-04-24T00:00:00Z", "completed", TRUE, "dispute_closes", NULL,
    { { "dispute_closes", "urgent", "2026-04-25T18:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/received/window-closed", "aliexpress",
    "paid=2026-03-30T12:00:00Z shipped=2026-04-01T12:00:00Z delivery=60 "
    "received=2026-04-10T18:00:00Z", "2026-04-26T00:00:00Z", "completed", FALSE, "", NULL,
    { { "dispute_closes", "passed", "2026-04-25T18:00:00Z", "-" },
      { "dispute_opens", "passed", NULL, NULL } } },
  { "/core/deadlines/aliexpress/dispute-opens/running", "aliexpress",
    "shipped=2026-04-01T12:00:00Z", "2026-04-05T00:00:00Z", "awaiting_delivery", FALSE,
    "protection_end", NULL,
    { { "dispute_opens", "running", "2026-04-12T12:00:00Z", "2026-04-06T12:00:00Z" } } },
  { "/core/deadlines/aliexpress/dispute/seller-response", "aliexpress",
    "shipped=2026-04-01T12:00:00Z dispute_opened=2026-04-20T12:00:00Z",
    "2026-04-22T00:00:00Z", "dispute", FALSE, "seller_response", "evidence",
    { { "seller_response", "running", "2026-04-25T12:00:00Z", "2026-05-05T12:00:00Z" },
      { "protection_end", "not_applicable", NULL, NULL },
      { "dispute_closes", "met", NULL, NULL },
      { "dispute_opens", "met", NULL, NULL } } },
  { "/core/deadlines/aliexpress/dispute/seller-silent", "aliexpress",
    "shipped=2026-04-01T12:00:00Z dispute_opened=2026-04-20T12:00:00Z",
    "2026-04-26T00:00:00Z", "dispute", TRUE, "seller_response", "escalate",
    { { "seller_response", "passed", "2026-04-25T12:00:00Z", "2026-05-05T12:00:00Z" } } },
  { "/core/deadlines/aliexpress/dispute/return-agreed", "aliexpress",
    "shipped=2026-04-01T12:00:00Z dispute_opened=2026-04-20T12:00:00Z "
    "return_agreed=2026-04-23T12:00:00Z", "2026-04-24T00:00:00Z", "dispute", FALSE,
    "return_ship_by", "Ship the return",
    { { "seller_response", "met", NULL, NULL },
      { "return_ship_by", "running", "2026-05-03T12:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/dispute/return-missed", "aliexpress",
    "shipped=2026-04-01T12:00:00Z dispute_opened=2026-04-20T12:00:00Z "
    "return_agreed=2026-04-23T12:00:00Z", "2026-05-04T00:00:00Z", "dispute", FALSE, "", NULL,
    { { "return_ship_by", "passed", "2026-05-03T12:00:00Z", "-" } } },
  /* Closed on Friday 5 June, 13:00 PDT: four weeks of business days. */
  { "/core/deadlines/aliexpress/refund/running", "aliexpress",
    "paid=2026-06-01T00:00:00Z closed=2026-06-05T20:00:00Z close=not_shipped",
    "2026-06-20T00:00:00Z", "closed", FALSE, "refund_due", NULL,
    { { "refund_due", "running", "2026-07-03T20:00:00Z", "-" },
      { "ship_by", "not_applicable", NULL, NULL } } },
  { "/core/deadlines/aliexpress/refund/overdue", "aliexpress",
    "paid=2026-06-01T00:00:00Z closed=2026-06-05T20:00:00Z close=not_shipped",
    "2026-07-10T00:00:00Z", "closed", TRUE, "refund_due", "contact your bank",
    { { "refund_due", "passed", "2026-07-03T20:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/refund/closed-and-refunded", "aliexpress",
    "paid=2026-05-01T00:00:00Z shipped=2026-05-03T00:00:00Z closed=2026-05-20T00:00:00Z "
    "refunded=2026-05-25T00:00:00Z method=paypal", "2026-06-01T00:00:00Z", "closed", FALSE, "",
    NULL,
    { { "refund_due", "met", NULL, NULL },
      { "protection_end", "not_applicable", NULL, NULL },
      { "dispute_closes", "not_applicable", NULL, NULL },
      { "seller_response", "not_applicable", NULL, NULL },
      { "return_ship_by", "not_applicable", NULL, NULL },
      { "cancel_reply", "not_applicable", NULL, NULL },
      { "payment_due", "met", NULL, NULL },
      { "paypal_dispute", "not_applicable", NULL, NULL } } },
  { "/core/deadlines/aliexpress/refund/never-paid", "aliexpress",
    "placed=2026-05-01T00:00:00Z closed=2026-05-21T00:00:00Z close=payment_expired",
    "2026-06-01T00:00:00Z", "closed", FALSE, "", NULL,
    { { "refund_due", "not_applicable", "-", "-" },
      { "payment_due", "passed", "2026-05-21T00:00:00Z", "-" } } },
  /* Noon PST on 15 Jan + 180 days is noon PDT on 14 July. */
  { "/core/deadlines/aliexpress/paypal/paypal", "aliexpress",
    "paid=2026-01-15T20:00:00Z method=paypal shipped=2026-01-17T20:00:00Z delivery=90",
    "2026-02-01T00:00:00Z", "awaiting_delivery", FALSE, "protection_end", NULL,
    { { "paypal_dispute", "running", "2026-07-14T19:00:00Z", "-" } } },
  { "/core/deadlines/aliexpress/paypal/card", "aliexpress",
    "paid=2026-01-15T20:00:00Z method=card", "2026-02-01T00:00:00Z", NULL, -1, NULL, NULL,
    { { "paypal_dispute", "not_applicable", "-", "-" } } },
  { "/core/deadlines/aliexpress/paypal/urgent-after-completion", "aliexpress",
    "paid=2026-01-15T20:00:00Z method=paypal shipped=2026-01-17T20:00:00Z "
    "received=2026-02-01T20:00:00Z", "2026-07-12T19:00:00Z", "completed", TRUE,
    "paypal_dispute", "PayPal",
    { { "paypal_dispute", "urgent", "2026-07-14T19:00:00Z", "-" },
      { "dispute_closes", "passed", "2026-02-16T20:00:00Z", "-" } } },

  /* eBay, Pacific. Shipped + 7 delivery days is the estimated delivery. */
  { "/core/deadlines/ebay/inr/not-yet", "ebay",
    "paid=2026-06-01T19:00:00Z shipped=2026-06-03T19:00:00Z delivery=7",
    "2026-06-05T00:00:00Z", "awaiting_delivery", FALSE, "", NULL,
    { { "inr_report", "not_started", "2026-07-10T19:00:00Z", "-" } } },
  { "/core/deadlines/ebay/inr/open", "ebay",
    "paid=2026-06-01T19:00:00Z shipped=2026-06-03T19:00:00Z delivery=7",
    "2026-06-15T00:00:00Z", "awaiting_delivery", FALSE, "inr_report", "report it",
    { { "inr_report", "running", "2026-07-10T19:00:00Z", "-" } } },
  /* Not shipped yet: paid + 3 handling + 7 delivery days. */
  { "/core/deadlines/ebay/inr/estimated-from-payment", "ebay",
    "paid=2026-06-01T19:00:00Z", "2026-06-15T00:00:00Z", "awaiting_shipment", FALSE, NULL,
    NULL, { { "inr_report", "running", "2026-07-11T19:00:00Z", "-" } } },
  { "/core/deadlines/ebay/inr/received", "ebay",
    "paid=2026-06-01T19:00:00Z shipped=2026-06-03T19:00:00Z received=2026-06-09T19:00:00Z",
    "2026-06-15T00:00:00Z", "completed", FALSE, "", NULL,
    { { "inr_report", "not_applicable", NULL, NULL } } },
  /* Opened on Friday 13:00 PDT: Monday, Tuesday, Wednesday. Then 21 business days. */
  { "/core/deadlines/ebay/seller-response/over-weekend", "ebay",
    "paid=2026-06-01T19:00:00Z shipped=2026-06-02T19:00:00Z "
    "dispute_opened=2026-06-05T20:00:00Z", "2026-06-08T00:00:00Z", "dispute", FALSE,
    "seller_response", NULL,
    { { "seller_response", "running", "2026-06-10T20:00:00Z", "-" },
      { "ask_ebay_by", "not_started", "2026-07-09T20:00:00Z", "-" } } },
  { "/core/deadlines/ebay/seller-response/opened-saturday", "ebay",
    "shipped=2026-06-02T19:00:00Z dispute_opened=2026-06-06T18:00:00Z",
    "2026-06-11T00:00:00Z", "dispute", TRUE, "seller_response", "ask eBay",
    { { "seller_response", "passed", "2026-06-10T18:00:00Z", "-" },
      { "ask_ebay_by", "running", NULL, "-" } } },
  { "/core/deadlines/ebay/return/ship-by", "ebay",
    "shipped=2026-06-01T19:00:00Z return_agreed=2026-06-04T16:00:00Z",
    "2026-06-05T00:00:00Z", NULL, -1, NULL, NULL,
    { { "return_ship_by", "running", "2026-06-11T16:00:00Z", "-" } } },

  /* Amazon, Pacific: latest estimated delivery 6 June 10:00 PDT. */
  { "/core/deadlines/amazon/a-to-z/in-transit", "amazon",
    "paid=2026-05-30T17:00:00Z shipped=2026-06-01T17:00:00Z delivery=5",
    "2026-06-02T00:00:00Z", "awaiting_delivery", FALSE, "", NULL,
    { { "a_to_z_opens", "not_started", "2026-06-09T17:00:00Z", "-" },
      { "a_to_z_deadline", "not_started", "2026-09-04T17:00:00Z", "-" } } },
  { "/core/deadlines/amazon/a-to-z/open", "amazon",
    "paid=2026-05-30T17:00:00Z shipped=2026-06-01T17:00:00Z delivery=5",
    "2026-06-10T00:00:00Z", "awaiting_delivery", FALSE, "a_to_z_deadline", "A-to-z",
    { { "a_to_z_opens", "passed", "2026-06-09T17:00:00Z", "-" },
      { "a_to_z_deadline", "running", "2026-09-04T17:00:00Z", "-" } } },
  { "/core/deadlines/amazon/a-to-z/delivered", "amazon",
    "shipped=2026-06-01T17:00:00Z delivery=5 delivered=2026-06-05T20:00:00Z",
    "2026-06-05T21:00:00Z", "completed", FALSE, NULL, NULL,
    { { "a_to_z_opens", "passed", "2026-06-05T20:00:00Z", "-" } } },
  { "/core/deadlines/amazon/a-to-z/refunded", "amazon",
    "shipped=2026-06-01T17:00:00Z delivery=5 refunded=2026-06-20T00:00:00Z",
    "2026-06-21T00:00:00Z", "closed", FALSE, "", NULL,
    { { "a_to_z_deadline", "not_applicable", NULL, NULL } } },

  /* Temu, Eastern time. */
  { "/core/deadlines/temu/late-credit/due", "temu",
    "shipped=2026-06-01T16:00:00Z delivery=10", "2026-06-12T00:00:00Z",
    "awaiting_delivery", FALSE, "late_delivery_credit", NULL,
    { { "late_delivery_credit", "running", "2026-06-13T16:00:00Z", "-" } } },
  { "/core/deadlines/temu/late-credit/missing", "temu",
    "shipped=2026-06-01T16:00:00Z delivery=10", "2026-06-14T00:00:00Z",
    "awaiting_delivery", TRUE, "late_delivery_credit", "Temu support",
    { { "late_delivery_credit", "passed", "2026-06-13T16:00:00Z", "-" } } },
  { "/core/deadlines/temu/late-credit/on-time", "temu",
    "shipped=2026-06-01T16:00:00Z delivery=10 delivered=2026-06-10T16:00:00Z",
    "2026-06-14T00:00:00Z", "completed", FALSE, NULL, NULL,
    { { "late_delivery_credit", "not_applicable", NULL, NULL } } },
  /* 10:00 EDT on 15 Oct + 90 days is 10:00 EST on 13 Jan. */
  { "/core/deadlines/temu/return-window/dst", "temu",
    "placed=2026-10-15T14:00:00Z paid=2026-10-15T14:01:00Z", "2026-10-16T00:00:00Z",
    "awaiting_shipment", FALSE, NULL, NULL,
    { { "return_window", "running", "2027-01-13T15:00:00Z", "-" } } },
  /* Monday 8 June + 14 business days is Friday 26 June. */
  { "/core/deadlines/temu/refund/business-days", "temu",
    "paid=2026-06-01T14:00:00Z closed=2026-06-08T14:00:00Z", "2026-06-09T00:00:00Z",
    "closed", FALSE, "refund_due", NULL,
    { { "refund_due", "running", "2026-06-26T14:00:00Z", "-" },
      { "return_window", "not_applicable", NULL, NULL } } },
  /* Facts a status proves without their date ("unknown"): the order lands in its tab, what
   * they end is met, what starts on them waits for the date instead of counting down. */
  { "/core/deadlines/undated/completed", "aliexpress",
    "placed=2026-11-01T10:00:00Z paid=unknown shipped=unknown received=unknown",
    "2026-11-05T00:00:00Z", "completed", FALSE, "", NULL,
    { { "payment_due", "met", NULL, NULL },
      { "ship_by", "met", "-", "-" },
      { "protection_end", "met", "-", "-" },
      { "dispute_closes", "undated", "-", "-" },
      { "refund_due", "not_started", "-", "-" } } },
  { "/core/deadlines/undated/awaiting-shipment", "aliexpress",
    "placed=2026-11-01T10:00:00Z paid=unknown", "2026-11-02T00:00:00Z",
    "awaiting_shipment", FALSE, "", NULL,
    { { "payment_due", "met", "2026-11-21T10:00:00Z", "-" },
      { "ship_by", "undated", "-", "-" },
      { "paypal_dispute", "not_applicable", "-", "-" },
      { "protection_end", "not_started", "-", "-" } } },
  /* Closed at an unknown instant before now: the payment window no longer applies. */
  { "/core/deadlines/undated/cancelled", "aliexpress",
    "placed=2026-11-01T10:00:00Z closed=unknown close=cancelled", "2026-11-02T00:00:00Z",
    "closed", FALSE, "", NULL,
    { { "payment_due", "not_applicable", NULL, NULL },
      { "refund_due", "not_applicable", "-", "-" } } },
  /* Shipped at an unknown instant, receipt confirmed on a known one: the dispute window
   * counts from the receipt. */
  { "/core/deadlines/undated/received-dated", "aliexpress",
    "placed=2026-11-01T10:00:00Z paid=unknown shipped=unknown received=2026-11-25T10:00:00Z",
    "2026-11-26T00:00:00Z", "completed", FALSE, "dispute_closes", NULL,
    { { "protection_end", "met", "-", "-" },
      { "dispute_closes", "running", "2026-12-10T10:00:00Z", "-" } } },
  /* A date from the user (or a later mail) replaces "unknown" and the countdown starts. */
  { "/core/deadlines/undated/dated-beats-unknown", "aliexpress",
    "placed=2026-11-01T10:00:00Z paid=unknown paid=2026-11-01T11:00:00Z processing=7",
    "2026-11-02T00:00:00Z", "awaiting_shipment", FALSE, "payment_review", NULL,
    { { "ship_by", "running", "2026-11-08T11:00:00Z", "-" } } },
};

static gint64
parse_time (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 t = OW_TIME_UNSET;

  g_assert_true (ow_time_parse (text, NULL, "test", &t, &error));
  g_assert_no_error (error);
  return t;
}

static OwOrder *
order_from_facts (const char *facts)
{
  OwOrder *order = ow_order_new ();
  g_auto(GStrv) words = g_strsplit (facts, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (words[i], "=", 2);
      OwOrderEvent event;

      if (*words[i] == '\0')
        continue;
      g_assert_nonnull (kv[1]);
      if (ow_order_event_from_string (kv[0], &event) && g_str_equal (kv[1], "unknown"))
        ow_order_set_time_undated (order, event, OW_FACT_IMPORTED);
      else if (ow_order_event_from_string (kv[0], &event))
        ow_order_set_time (order, event, parse_time (kv[1]), OW_FACT_USER);
      else if (g_str_equal (kv[0], "processing"))
        ow_order_set_processing_days (order, atoi (kv[1]));
      else if (g_str_equal (kv[0], "delivery"))
        ow_order_set_delivery_days (order, atoi (kv[1]));
      else if (g_str_equal (kv[0], "method"))
        {
          OwPaymentMethod method;

          g_assert_true (ow_payment_method_from_string (kv[1], &method));
          ow_order_set_payment_method (order, method);
        }
      else if (g_str_equal (kv[0], "close"))
        {
          OwCloseReason reason;

          g_assert_true (ow_close_reason_from_string (kv[1], &reason));
          ow_order_set_close_reason (order, reason);
        }
      else if (g_str_equal (kv[0], "ext"))
        {
          /* ext=STATE:DAYS, or ext=STATE:DAYS@REQUESTED_AT */
          g_auto(GStrv) parts = g_strsplit (kv[1], ":", 2);
          OwExtension x = { OW_TIME_UNSET, atoi (parts[1]), OW_EXTENSION_PENDING };
          const char *at = strchr (parts[1], '@');

          g_assert_true (ow_extension_state_from_string (parts[0], &x.state));
          if (at != NULL)
            x.requested_at = parse_time (at + 1);
          ow_order_add_extension (order, &x);
        }
      else
        g_error ("unknown fact %s", words[i]);
    }
  return order;
}

static OwPolicyRegistry *registry;

static void
check_time (const char *what,
            gint64      actual,
            const char *expected)
{
  g_autofree char *text = ow_time_format_iso_utc (actual);

  if (expected == NULL)
    return;
  if (g_str_equal (expected, "-"))
    {
      if (actual != OW_TIME_UNSET)
        g_error ("%s: expected unset, got %s", what, text);
      return;
    }
  if (text == NULL || !g_str_equal (text, expected))
    g_error ("%s: expected %s, got %s", what, expected, text ? text : "unset");
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  OwPolicy *policy = ow_policy_registry_lookup (registry, c->policy);
  g_autoptr(OwOrder) order = order_from_facts (c->facts);
  gint64 now = parse_time (c->now);
  OwDeadlineSet set;
  OwDeadlineSet again;

  g_assert_nonnull (policy);
  ow_deadlines_compute (order, policy, now, &set);
  g_assert_cmpuint (set.n_deadlines, ==, ow_policy_get_n_rules (policy));

  for (guint i = 0; i < G_N_ELEMENTS (c->expect) && c->expect[i].rule; i++)
    {
      const Expect *e = &c->expect[i];
      const OwDeadline *d = ow_deadlines_find (&set, e->rule);
      g_autofree char *due_what = g_strdup_printf ("%s due", e->rule);
      g_autofree char *late_what = g_strdup_printf ("%s due_late", e->rule);

      g_assert_nonnull (d);
      g_assert_cmpstr (ow_rule_get_id (d->rule), ==, e->rule);
      if (!g_str_equal (ow_deadline_state_to_string (d->state), e->state))
        g_error ("%s: expected %s, got %s", e->rule, e->state,
                 ow_deadline_state_to_string (d->state));
      check_time (due_what, d->due, e->due);
      check_time (late_what, d->due_late, e->due_late);
    }

  if (c->status)
    g_assert_cmpstr (ow_order_status_to_string (set.status), ==, c->status);
  if (c->needs_action >= 0)
    g_assert_cmpint (set.needs_action, ==, c->needs_action);
  if (c->next)
    {
      const OwDeadline *next = ow_deadlines_get_next (&set);

      g_assert_cmpstr (next ? ow_rule_get_id (next->rule) : "", ==, c->next);
      if (next)
        g_assert_cmpint (set.urgency, ==, next->due);
      else
        g_assert_cmpint (set.urgency, >, G_GINT64_CONSTANT (1) << 39);
    }
  if (c->action)
    {
      const char *action = ow_deadlines_next_action (&set);

      g_assert_nonnull (action);
      if (strstr (action, c->action) == NULL)
        g_error ("next action “%s” lacks “%s”", action, c->action);
    }

  /* Pure: the same inputs give the same answer. */
  ow_deadlines_compute (order, policy, now, &again);
  g_assert_cmpuint (again.n_deadlines, ==, set.n_deadlines);
  for (guint i = 0; i < set.n_deadlines; i++)
    {
      g_assert_true (again.deadlines[i].rule == set.deadlines[i].rule);
      g_assert_cmpint (again.deadlines[i].starts, ==, set.deadlines[i].starts);
      g_assert_cmpint (again.deadlines[i].due, ==, set.deadlines[i].due);
      g_assert_cmpint (again.deadlines[i].due_late, ==, set.deadlines[i].due_late);
      g_assert_cmpint (again.deadlines[i].state, ==, set.deadlines[i].state);
    }
  g_assert_cmpint (again.urgency, ==, set.urgency);
  g_assert_cmpint (again.changes_at, ==, set.changes_at);
  g_assert_cmpint (set.changes_at, >, now);
}

/* The acceptance date, read in Pacific time. */
static void
test_acceptance_local_date (void)
{
  OwPolicy *policy = ow_policy_registry_lookup (registry, "aliexpress");
  g_autoptr(OwOrder) order = order_from_facts ("paid=2026-11-01T10:00:00Z processing=7");
  g_autofree char *local = NULL;
  OwDeadlineSet set;

  ow_deadlines_compute (order, policy, parse_time ("2026-11-02T00:00:00Z"), &set);
  local = ow_time_format_local (ow_deadlines_find (&set, "ship_by")->due,
                                ow_policy_get_time_zone (policy));
  g_assert_cmpstr (local, ==, "2026-11-08 02:00 PST");
}

/* Both DST changes in several zones, against GLib's own calendar arithmetic. */
static void
test_add_days_matches_glib (void)
{
  const char *zones[] = {
    "America/Los_Angeles", "America/New_York", "Europe/London", "Australia/Lord_Howe",
    "Asia/Kolkata", "America/Sao_Paulo", "UTC",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261101);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      GTimeZone *zone = ow_time_zone_get (zones[z]);

      g_assert_nonnull (zone);
      for (guint i = 0; i < 20000; i++)
        {
          gint64 t = g_rand_int_range (rand, 946684800 / 64, 2208988800 / 64) * (gint64) 64 +
                     g_rand_int_range (rand, 0, 64);
          int days = g_rand_int_range (rand, -400, 401);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
          g_autoptr(GDateTime) expected = g_date_time_add_days (local, days);
          gint64 actual = ow_time_add_days (t, days, zone);

          if (actual != g_date_time_to_unix (expected))
            g_error ("%s: %" G_GINT64_FORMAT " + %d days: GLib %" G_GINT64_FORMAT
                     ", ours %" G_GINT64_FORMAT, zones[z], t, days,
                     g_date_time_to_unix (expected), actual);
        }

      /* Outside the cached years (1970 to 2100) GLib answers directly. */
      for (gint64 t = G_GINT64_CONSTANT (-3000000000); t < G_GINT64_CONSTANT (9000000000);
           t += G_GINT64_CONSTANT (299999999))
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
          g_autoptr(GDateTime) expected = g_date_time_add_days (local, 45);

          g_assert_cmpint (ow_time_add_days (t, 45, zone), ==, g_date_time_to_unix (expected));
        }
    }
}

/* Business days against a walk over calendar dates, then GLib's own day arithmetic. */
static void
test_add_business_days (void)
{
  GTimeZone *zone = ow_time_zone_get ("America/Los_Angeles");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 5000; i++)
    {
      gint64 t = g_rand_int_range (rand, 1735689600 / 60, 1893456000 / 60) * (gint64) 60;
      int days = g_rand_int_range (rand, 0, 60);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
      g_autoptr(GDateTime) expected = NULL;
      GDate start, walk;

      g_date_clear (&start, 1);
      g_date_set_dmy (&start, g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local), g_date_time_get_year (local));
      walk = start;
      for (int left = days; left > 0;)
        {
          g_date_add_days (&walk, 1);
          if (g_date_get_weekday (&walk) <= G_DATE_FRIDAY)
            left--;
        }
      expected = g_date_time_add_days (local, g_date_days_between (&start, &walk));
      g_assert_cmpint (ow_time_add_business_days (t, days, zone), ==,
                       g_date_time_to_unix (expected));
    }

  /* Friday 2026-06-05 13:00 PDT + 1 is Monday; Saturday + 1 is Monday too. */
  g_assert_cmpint (ow_time_add_business_days (parse_time ("2026-06-05T20:00:00Z"), 1, zone), ==,
                   parse_time ("2026-06-08T20:00:00Z"));
  g_assert_cmpint (ow_time_add_business_days (parse_time ("2026-06-06T20:00:00Z"), 1, zone), ==,
                   parse_time ("2026-06-08T20:00:00Z"));
  g_assert_cmpint (ow_time_add_business_days (parse_time ("2026-06-08T20:00:00Z"), -1, zone), ==,
                   parse_time ("2026-06-05T20:00:00Z"));
  g_assert_cmpint (ow_time_add_days (OW_TIME_UNSET, 3, zone), ==, OW_TIME_UNSET);
}

static char *
describe (const char *policy_id,
          const char *facts,
          const char *now_text,
          const char *rule)
{
  OwPolicy *policy = ow_policy_registry_lookup (registry, policy_id);
  g_autoptr(OwOrder) order = order_from_facts (facts);
  gint64 now = parse_time (now_text);
  OwDeadlineSet set;

  ow_deadlines_compute (order, policy, now, &set);
  return ow_deadline_describe (ow_deadlines_find (&set, rule), now);
}

static void
test_describe (void)
{
  struct { const char *policy, *facts, *now, *rule, *text; } rows[] = {
    { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60", "2026-05-28T08:00:00Z",
      "protection_end", "Protection ends in 3 days 4 hours" },
    { "aliexpress", "paid=2026-11-01T10:00:00Z processing=7", "2026-11-07T14:00:00Z",
      "ship_by", "Seller must ship within 20 hours" },
    { "aliexpress", "shipped=2026-04-01T12:00:00Z received=2026-04-10T18:00:00Z",
      "2026-05-01T00:00:00Z", "dispute_closes", "Dispute window closed" },
    { "aliexpress", "shipped=2026-11-01T10:00:00Z", "2026-11-03T00:00:00Z",
      "dispute_opens", "Dispute can be opened from 12 Nov (may open earlier)" },
    { "aliexpress", "shipped=2026-11-01T10:00:00Z", "2027-01-03T00:00:00Z",
      "dispute_opens", "Dispute can be opened since 12 Nov 2026" },
    { "aliexpress", "paid=2026-06-01T00:00:00Z closed=2026-06-05T20:00:00Z",
      "2026-07-10T00:00:00Z", "refund_due", "Refund overdue since 3 Jul" },
    { "aliexpress", "shipped=2026-04-01T12:00:00Z dispute_opened=2026-04-20T12:00:00Z",
      "2026-04-22T00:00:00Z", "seller_response",
      "Seller must respond within 3 days 12 hours (older rules: by 5 May)" },
    { "aliexpress", "paid=2026-01-15T20:00:00Z", "2026-02-01T00:00:00Z", "paypal_dispute",
      "Not paid with PayPal, or refunded" },
    /* No template for this state: the generic words. */
    { "ebay", "shipped=2026-06-02T19:00:00Z", "2026-06-03T00:00:00Z", "seller_response",
      "Seller’s response has not started" },
    { "temu", "placed=2026-06-01T16:00:00Z return_agreed=2026-06-03T16:00:00Z",
      "2026-06-04T00:00:00Z", "return_window", "Return started" },
    { "ebay", "shipped=2026-06-02T19:00:00Z dispute_opened=2026-06-05T20:00:00Z "
      "refunded=2026-06-08T20:00:00Z", "2026-06-09T00:00:00Z", "ask_ebay_by",
      "Ask eBay to step in: done" },
    { "ebay", "shipped=2026-06-02T19:00:00Z", "2026-06-03T00:00:00Z", "return_ship_by",
      "Return shipping has not started" },
    /* "Completed" proved receipt, not when: no countdown, but a bound from the order date. */
    { "aliexpress", "placed=2026-11-01T10:00:00Z paid=unknown shipped=unknown received=unknown",
      "2026-11-05T00:00:00Z", "dispute_closes",
      "Dispute window: cannot count down, the date of “Receipt confirmed” is unknown; "
      "not before 16 Nov" },
    { "aliexpress", "placed=2026-11-01T10:00:00Z paid=unknown processing=5",
      "2026-11-20T00:00:00Z", "ship_by",
      "Ship-by date: cannot count down, the date of “Paid” is unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = describe (rows[i].policy, rows[i].facts, rows[i].now, rows[i].rule);

      g_assert_cmpstr (text, ==, rows[i].text);
    }
}

/* Dates in the words are in the user's zone, like the date beside them: a dispute opening at
 * midnight Pacific time is the next day for someone in Tokyo. */
static void
test_describe_user_zone (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  g_autofree char *la = NULL;
  g_autofree char *tokyo = NULL;

  /* Shipped 23:00 Pacific: the dispute opens 11 days later at the same wall-clock time. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  la = describe ("aliexpress", "shipped=2026-06-02T06:00:00Z", "2026-06-03T00:00:00Z",
                 "dispute_opens");
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tokyo = describe ("aliexpress", "shipped=2026-06-02T06:00:00Z", "2026-06-03T00:00:00Z",
                    "dispute_opens");
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");

  g_assert_cmpstr (la, ==, "Dispute can be opened from 12 Jun (may open earlier)");
  g_assert_cmpstr (tokyo, ==, "Dispute can be opened from 13 Jun (may open earlier)");
}

/* The policy's words that name no date or duration are the same for every order: given once,
 * and the same as described. Words that fill something in have none. */
static void
test_describe_fixed (void)
{
  struct { const char *policy, *facts, *now, *rule; gboolean fixed; } rows[] = {
    { "aliexpress", "shipped=2026-04-01T12:00:00Z received=2026-04-10T18:00:00Z",
      "2026-05-01T00:00:00Z", "dispute_closes", TRUE },
    { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60", "2026-05-28T08:00:00Z",
      "protection_end", FALSE },
    { "aliexpress", "shipped=2026-11-01T10:00:00Z", "2026-11-03T00:00:00Z",
      "dispute_opens", FALSE },
    /* No template: generic words with the rule's title. */
    { "ebay", "shipped=2026-06-02T19:00:00Z", "2026-06-03T00:00:00Z", "seller_response",
      FALSE },
    { "aliexpress", "placed=2026-11-01T10:00:00Z paid=unknown processing=5",
      "2026-11-20T00:00:00Z", "ship_by", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      OwPolicy *policy = ow_policy_registry_lookup (registry, rows[i].policy);
      g_autoptr(OwOrder) order = order_from_facts (rows[i].facts);
      gint64 now = parse_time (rows[i].now);
      const OwDeadline *deadline;
      g_autofree char *words = NULL;
      OwDeadlineSet set;

      ow_deadlines_compute (order, policy, now, &set);
      deadline = ow_deadlines_find (&set, rows[i].rule);
      words = ow_deadline_describe (deadline, now);
      if (rows[i].fixed)
        g_assert_cmpstr (ow_deadline_describe_fixed (deadline), ==, words);
      else
        g_assert_null (ow_deadline_describe_fixed (deadline));
    }
}

/* Dates one after the other, as a sorted list asks for them: the last second of a day and the
 * first of the next are two days, in each zone, and a year away from now shows the year. */
static void
test_describe_dates_in_a_row (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  OwPolicy *policy = ow_policy_registry_lookup (registry, "aliexpress");
  g_autoptr(OwOrder) order = order_from_facts ("paid=2026-06-01T00:00:00Z "
                                               "closed=2026-06-05T20:00:00Z");
  gint64 now = parse_time ("2026-07-10T00:00:00Z");
  struct { const char *zone, *due, *now, *text; } rows[] = {
    { "Europe/Madrid", "2026-07-02T21:59:59Z", NULL, "Refund overdue since 2 Jul" },
    { "Europe/Madrid", "2026-07-02T22:00:00Z", NULL, "Refund overdue since 3 Jul" },
    { "Europe/Madrid", "2026-07-02T21:59:59Z", NULL, "Refund overdue since 2 Jul" },
    { "Europe/Madrid", "2026-07-01T22:00:00Z", NULL, "Refund overdue since 2 Jul" },
    { "America/Los_Angeles", "2026-07-01T22:00:00Z", NULL, "Refund overdue since 1 Jul" },
    { "America/Los_Angeles", "2026-07-01T22:00:00Z", "2027-01-10T00:00:00Z",
      "Refund overdue since 1 Jul 2026" },
    { "America/Los_Angeles", "2026-07-01T22:00:00Z", NULL, "Refund overdue since 1 Jul" },
  };
  OwDeadlineSet set;
  OwDeadline deadline;

  ow_deadlines_compute (order, policy, now, &set);
  deadline = *ow_deadlines_find (&set, "refund_due");
  g_assert_cmpint (deadline.state, ==, OW_DEADLINE_PASSED);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *words = NULL;

      g_setenv ("TZ", rows[i].zone, TRUE);
      deadline.due = parse_time (rows[i].due);
      words = ow_deadline_describe (&deadline, rows[i].now ? parse_time (rows[i].now) : now);
      g_assert_cmpstr (words, ==, rows[i].text);
    }
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

/* A list row's one deadline: the next one, else the first one still to come with a date. */
static void
test_headline (void)
{
  struct { const char *policy, *facts, *now, *rule; } rows[] = {
    /* In transit on Amazon: nothing runs, the claim opens after the estimated delivery. */
    { "amazon", "paid=2026-06-01T10:00:00Z shipped=2026-06-02T10:00:00Z delivery=5",
      "2026-06-03T00:00:00Z", "a_to_z_opens" },
    /* eBay before the estimated delivery: reporting a missing item starts then. */
    { "ebay", "paid=2026-06-01T10:00:00Z shipped=2026-06-02T10:00:00Z delivery=14",
      "2026-06-03T00:00:00Z", "inr_report" },
    /* Something runs: that one. */
    { "aliexpress", "paid=2026-11-01T10:00:00Z processing=7", "2026-11-03T00:00:00Z",
      "ship_by" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      OwPolicy *policy = ow_policy_registry_lookup (registry, rows[i].policy);
      g_autoptr(OwOrder) order = order_from_facts (rows[i].facts);
      const OwDeadline *headline;
      OwDeadlineSet set;

      ow_deadlines_compute (order, policy, parse_time (rows[i].now), &set);
      headline = ow_deadlines_get_headline (&set);
      g_assert_nonnull (headline);
      g_assert_cmpstr (ow_rule_get_id (headline->rule), ==, rows[i].rule);
      if (set.next >= 0)
        g_assert_true (headline == ow_deadlines_get_next (&set));
    }

  /* Completed long ago: nothing to show. */
  {
    g_autoptr(OwOrder) order = order_from_facts ("paid=2026-01-01T10:00:00Z "
                                                 "shipped=2026-01-02T10:00:00Z "
                                                 "received=2026-01-10T10:00:00Z");
    OwDeadlineSet set;

    ow_deadlines_compute (order, ow_policy_registry_lookup (registry, "aliexpress"),
                          parse_time ("2026-12-01T00:00:00Z"), &set);
    g_assert_null (ow_deadlines_get_headline (&set));
  }
}

static void
test_names (void)
{
  g_assert_cmpstr (ow_order_status_to_string (OW_STATUS_AWAITING_PAYMENT), ==,
                   "awaiting_payment");
  g_assert_cmpstr (ow_order_status_to_string (OW_STATUS_AWAITING_SHIPMENT), ==,
                   "awaiting_shipment");
  g_assert_cmpstr (ow_order_status_to_string (OW_STATUS_AWAITING_DELIVERY), ==,
                   "awaiting_delivery");
  g_assert_cmpstr (ow_order_status_to_string (OW_STATUS_DISPUTE), ==, "dispute");
  g_assert_cmpstr (ow_order_status_to_string (OW_STATUS_COMPLETED), ==, "completed");
  g_assert_cmpstr (ow_order_status_to_string (OW_STATUS_CLOSED), ==, "closed");
  g_assert_cmpstr (ow_order_status_label (OW_STATUS_AWAITING_DELIVERY), ==,
                   "Awaiting delivery");

  g_assert_cmpstr (ow_deadline_state_to_string (OW_DEADLINE_NOT_STARTED), ==, "not_started");
  g_assert_cmpstr (ow_deadline_state_to_string (OW_DEADLINE_RUNNING), ==, "running");
  g_assert_cmpstr (ow_deadline_state_to_string (OW_DEADLINE_URGENT), ==, "urgent");
  g_assert_cmpstr (ow_deadline_state_to_string (OW_DEADLINE_PASSED), ==, "passed");
  g_assert_cmpstr (ow_deadline_state_to_string (OW_DEADLINE_MET), ==, "met");
  g_assert_cmpstr (ow_deadline_state_to_string (OW_DEADLINE_NOT_APPLICABLE), ==,
                   "not_applicable");
}

/* Orders needing attention soonest sort first; idle ones after every running one. */
static void
test_urgency_order (void)
{
  OwPolicy *policy = ow_policy_registry_lookup (registry, "aliexpress");
  const char *facts[] = {
    "shipped=2026-04-01T12:00:00Z received=2026-04-02T12:00:00Z",      /* closes 17 Apr */
    "paid=2026-04-10T00:00:00Z processing=3",                          /* ships by 13 Apr */
    "paid=2026-03-01T00:00:00Z closed=2026-03-02T00:00:00Z",           /* refund overdue */
    "paid=2026-01-01T00:00:00Z refunded=2026-01-05T00:00:00Z",          /* nothing left */
  };
  gint64 now = parse_time ("2026-04-11T00:00:00Z");
  gint64 urgency[G_N_ELEMENTS (facts)];

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autoptr(OwOrder) order = order_from_facts (facts[i]);
      OwDeadlineSet set;

      ow_deadlines_compute (order, policy, now, &set);
      urgency[i] = set.urgency;
    }
  g_assert_cmpint (urgency[2], <, urgency[1]);
  g_assert_cmpint (urgency[1], <, urgency[0]);
  g_assert_cmpint (urgency[0], <, urgency[3]);
}

/* When the answer changes */

/* Every field the engine fills; changes_at too when @with_changes_at. */
static gboolean
sets_equal (const OwDeadlineSet *a,
            const OwDeadlineSet *b,
            gboolean             with_changes_at)
{
  if (a->n_deadlines != b->n_deadlines || a->next != b->next || a->status != b->status ||
      a->needs_action != b->needs_action || a->urgency != b->urgency ||
      (with_changes_at && a->changes_at != b->changes_at))
    return FALSE;
  for (guint i = 0; i < a->n_deadlines; i++)
    {
      const OwDeadline *x = &a->deadlines[i], *y = &b->deadlines[i];

      if (x->rule != y->rule || x->starts != y->starts || x->due != y->due ||
          x->due_late != y->due_late || x->state != y->state)
        return FALSE;
    }
  return TRUE;
}

static void
assert_same_at (OwOrder             *order,
                OwPolicy            *policy,
                const OwDeadlineSet *expected,
                gint64               computed_at,
                gint64               t)
{
  OwDeadlineSet set;

  ow_deadlines_compute (order, policy, t, &set);
  if (!sets_equal (&set, expected, TRUE))
    {
      g_autofree char *from = ow_time_format_iso_utc (computed_at);
      g_autofree char *until = ow_time_format_iso_utc (expected->changes_at);
      g_autofree char *at = ow_time_format_iso_utc (t);

      g_error ("order %s (%s): computed at %s, said to hold until %s, differs at %s",
               ow_order_get_order_number (order) ? ow_order_get_order_number (order) : "?",
               ow_policy_get_id (policy), from, until, at);
    }
}

typedef struct
{
  const char *policy;
  const char *facts;
  const char *now;
  const char *changes_at;   /* "never" for G_MAXINT64 */
  /* What is different at changes_at (NULL or -1 to skip): */
  const char *rule;
  const char *state;
  const char *due;
  const char *status;
  int         needs_action;
} ChangeCase;

static const ChangeCase change_cases[] = {
  /* Unshipped: ship-by turns urgent a day (86,400 s) before it runs out, then runs out. */
  { "aliexpress", "paid=2026-11-01T10:00:00Z processing=7", "2026-11-03T00:00:00Z",
    "2026-11-07T10:00:00Z", "ship_by", "urgent", NULL, "awaiting_shipment", FALSE },
  { "aliexpress", "paid=2026-11-01T10:00:00Z processing=7", "2026-11-07T12:00:00Z",
    "2026-11-08T10:00:00Z", "ship_by", "passed", NULL, "awaiting_shipment", TRUE },
  /* Shipped, in protection: urgent three days before 31 May 12:00. */
  { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60", "2026-05-01T00:00:00Z",
    "2026-05-28T12:00:00Z", "protection_end", "urgent", NULL, "awaiting_delivery", TRUE },
  /* Protection runs out: the order completes and the dispute window opens. */
  { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60", "2026-05-29T00:00:00Z",
    "2026-05-31T12:00:00Z", "dispute_closes", "running", "2026-06-15T12:00:00Z", "completed",
    FALSE },
  /* Received: the dispute window turns urgent, then closes, then nothing is left. */
  { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60 received=2026-04-10T18:00:00Z",
    "2026-04-20T00:00:00Z", "2026-04-22T18:00:00Z", "dispute_closes", "urgent", NULL,
    "completed", TRUE },
  { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60 received=2026-04-10T18:00:00Z",
    "2026-04-24T00:00:00Z", "2026-04-25T18:00:00Z", "dispute_closes", "passed", NULL,
    "completed", FALSE },
  { "aliexpress", "shipped=2026-04-01T12:00:00Z delivery=60 received=2026-04-10T18:00:00Z",
    "2026-04-26T00:00:00Z", "never", NULL, NULL, NULL, NULL, -1 },
  /* Closed: the refund wait runs out on 3 July (no urgent threshold), then nothing. */
  { "aliexpress", "paid=2026-06-01T00:00:00Z closed=2026-06-05T20:00:00Z close=not_shipped",
    "2026-06-20T00:00:00Z", "2026-07-03T20:00:00Z", "refund_due", "passed", NULL, "closed",
    TRUE },
  { "aliexpress", "paid=2026-06-01T00:00:00Z closed=2026-06-05T20:00:00Z close=not_shipped",
    "2026-07-10T00:00:00Z", "never", NULL, NULL, NULL, NULL, -1 },
  { "aliexpress",
    "paid=2026-05-01T00:00:00Z shipped=2026-05-03T00:00:00Z closed=2026-05-20T00:00:00Z "
    "refunded=2026-05-25T00:00:00Z method=paypal", "2026-06-01T00:00:00Z", "never",
    NULL, NULL, NULL, NULL, -1 },
  /* An extension approved on 10 May is not known before: then protection ends 15 days later. */
  { "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 ext=approved:15@2026-05-10T00:00:00Z",
    "2026-05-01T00:00:00Z", "2026-05-10T00:00:00Z", "protection_end", "running",
    "2026-06-15T12:00:00Z", "awaiting_delivery", FALSE },
  /* A refused one changes nothing when it becomes known. */
  { "aliexpress",
    "shipped=2026-04-01T12:00:00Z delivery=60 ext=refused:15@2026-05-10T00:00:00Z",
    "2026-05-01T00:00:00Z", "2026-05-28T12:00:00Z", "protection_end", "urgent", NULL,
    "awaiting_delivery", TRUE },
  /* A shipment dated 10 May is a fact from then on, before ship-by turns urgent (12 May). */
  { "aliexpress", "paid=2026-05-01T00:00:00Z processing=12 shipped=2026-05-10T00:00:00Z",
    "2026-05-05T00:00:00Z", "2026-05-10T00:00:00Z", "ship_by", "met", NULL,
    "awaiting_delivery", FALSE },
  /* Not started yet: the window opens on its start. Amazon's A-to-z wait starts at the
   * estimated delivery, shipped + 5 days. */
  { "amazon", "paid=2026-05-30T17:00:00Z shipped=2026-06-01T17:00:00Z delivery=5",
    "2026-06-02T00:00:00Z", "2026-06-06T17:00:00Z", "a_to_z_opens", "running", NULL,
    "awaiting_delivery", FALSE },
  /* No urgent threshold: a window of 24 h with "0m" goes straight from running to passed. */
  { "aliexpress", "placed=2026-04-01T11:58:00Z paid=2026-04-01T12:00:00Z",
    "2026-04-01T20:00:00Z", "2026-04-02T12:00:00Z", "payment_review", "passed", NULL,
    "awaiting_shipment", FALSE },
};

/* Hand-computed instants; the same answer just before, a different one at it. */
static void
test_changes_at_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (change_cases); i++)
    {
      const ChangeCase *c = &change_cases[i];
      OwPolicy *policy = ow_policy_registry_lookup (registry, c->policy);
      g_autoptr(OwOrder) order = order_from_facts (c->facts);
      gint64 now = parse_time (c->now);
      OwDeadlineSet set, after;

      g_test_message ("%s: %s at %s", c->policy, c->facts, c->now);
      g_assert_nonnull (policy);
      ow_deadlines_compute (order, policy, now, &set);
      g_assert_cmpint (set.changes_at, >, now);

      if (c->changes_at != NULL && g_str_equal (c->changes_at, "never"))
        {
          g_assert_cmpint (set.changes_at, ==, G_MAXINT64);
          /* Years later: still the same. */
          assert_same_at (order, policy, &set, now, now + 3 * 365 * 86400);
          continue;
        }
      if (c->changes_at != NULL)
        check_time ("changes_at", set.changes_at, c->changes_at);
      g_assert_cmpint (set.changes_at, <, G_MAXINT64);

      assert_same_at (order, policy, &set, now, set.changes_at - 1);
      assert_same_at (order, policy, &set, now, now + (set.changes_at - now) / 2);

      ow_deadlines_compute (order, policy, set.changes_at, &after);
      g_assert_false (sets_equal (&set, &after, FALSE));
      if (c->rule != NULL)
        {
          const OwDeadline *before_d = ow_deadlines_find (&set, c->rule);
          const OwDeadline *d = ow_deadlines_find (&after, c->rule);

          g_assert_nonnull (d);
          if (c->state != NULL)
            g_assert_cmpstr (ow_deadline_state_to_string (d->state), ==, c->state);
          else
            g_assert_cmpint (d->state, !=, before_d->state);
          check_time ("due after the change", d->due, c->due);
        }
      if (c->status != NULL)
        g_assert_cmpstr (ow_order_status_to_string (after.status), ==, c->status);
      if (c->needs_action >= 0)
        g_assert_cmpint (after.needs_action, ==, c->needs_action);
    }
}

/* The instants @order's facts and extension requests are dated: the only ones at which the
 * engine may say "changes" while nothing visible does (the fact changed nothing). */
static gboolean
is_fact_time (OwOrder *order,
              gint64   t)
{
  for (guint e = 0; e < OW_N_EVENTS; e++)
    if (ow_order_get_time (order, e) == t)
      return TRUE;
  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    if (ow_order_get_extension (order, i)->requested_at == t)
      return TRUE;
  return FALSE;
}

/* Follows one order from before its first fact to when nothing is left to happen, checking
 * random instants of every span; returns the number of spans. */
static guint
walk_order (OwOrder *order,
            OwPolicy *policy,
            gint64    from,
            GRand    *rand)
{
  gint64 t = from;
  guint spans = 0;

  for (;; spans++)
    {
      OwDeadlineSet set, after;

      g_assert_cmpuint (spans, <, 200);
      ow_deadlines_compute (order, policy, t, &set);
      g_assert_cmpint (set.changes_at, >, t);

      if (set.changes_at == G_MAXINT64)
        {
          assert_same_at (order, policy, &set, t, t + 1);
          assert_same_at (order, policy, &set, t, t + 5 * 365 * 86400);
          return spans + 1;
        }

      assert_same_at (order, policy, &set, t, set.changes_at - 1);
      for (guint k = 0; k < 4; k++)
        {
          gint64 span = set.changes_at - t;
          gint64 offset = (gint64) (g_rand_double (rand) * (double) span);

          assert_same_at (order, policy, &set, t, t + CLAMP (offset, 0, span - 1));
        }

      /* Not too early either: a state moving always shows; only a fact may change nothing. */
      ow_deadlines_compute (order, policy, set.changes_at, &after);
      if (sets_equal (&set, &after, FALSE) && !is_fact_time (order, set.changes_at))
        {
          g_autofree char *at = ow_time_format_iso_utc (set.changes_at);

          g_error ("order %s (%s): nothing changes at %s", ow_order_get_order_number (order),
                   ow_policy_get_id (policy), at);
        }
      t = set.changes_at;
    }
}

/* The demo generator's orders, in every state of every marketplace, over their whole life. */
static void
test_changes_at_demo_walk (void)
{
  gint64 made_at = parse_time ("2026-03-01T00:00:00Z");
  g_autoptr(GPtrArray) orders = ow_demo_make_orders (300, made_at, 7);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1103);
  guint spans = 0, walked = 0;

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      OwPolicy *policy = ow_policy_registry_lookup (registry, ow_order_get_marketplace (order));

      if (policy == NULL)
        continue;
      spans += walk_order (order, policy, made_at - 200 * 86400, rand);
      walked++;

      /* And from random instants, not just the ones the walk lands on. */
      for (guint k = 0; k < 10; k++)
        {
          gint64 now = made_at + g_rand_int_range (rand, -200 * 86400, 400 * 86400);
          OwDeadlineSet set;

          ow_deadlines_compute (order, policy, now, &set);
          g_assert_cmpint (set.changes_at, >, now);
          if (set.changes_at != G_MAXINT64)
            assert_same_at (order, policy, &set, now, set.changes_at - 1);
        }
    }

  g_test_message ("%u orders, %u spans", walked, spans);
  g_assert_cmpuint (walked, >, 200);
  /* Orders do go through several states each. */
  g_assert_cmpuint (spans, >, 3 * walked);
}

/* Every hand-written case, from a year before its "now" to the end. */
static void
test_changes_at_case_walk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OwPolicy *policy = ow_policy_registry_lookup (registry, cases[i].policy);
      g_autoptr(OwOrder) order = order_from_facts (cases[i].facts);

      walk_order (order, policy, parse_time (cases[i].now) - 365 * 86400, rand);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  registry = ow_policy_registry_new_for_directory (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  g_test_add_func ("/core/deadlines/aliexpress/ship-by/acceptance-local-date",
                   test_acceptance_local_date);
  g_test_add_func ("/core/deadlines/time/add-days-matches-glib", test_add_days_matches_glib);
  g_test_add_func ("/core/deadlines/time/business-days", test_add_business_days);
  g_test_add_func ("/core/deadlines/describe", test_describe);
  g_test_add_func ("/core/deadlines/describe-user-zone", test_describe_user_zone);
  g_test_add_func ("/core/deadlines/describe-fixed", test_describe_fixed);
  g_test_add_func ("/core/deadlines/describe-dates-in-a-row", test_describe_dates_in_a_row);
  g_test_add_func ("/core/deadlines/headline", test_headline);
  g_test_add_func ("/core/deadlines/names", test_names);
  g_test_add_func ("/core/deadlines/urgency-order", test_urgency_order);
  g_test_add_func ("/core/deadlines/changes-at/cases", test_changes_at_cases);
  g_test_add_func ("/core/deadlines/changes-at/case-walk", test_changes_at_case_walk);
  g_test_add_func ("/core/deadlines/changes-at/demo-walk", test_changes_at_demo_walk);

  status = g_test_run ();
  g_object_unref (registry);
  return status;
}
