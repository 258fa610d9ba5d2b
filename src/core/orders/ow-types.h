/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Forward declarations so headers need not include each other. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Instants are Unix seconds in UTC. OW_TIME_UNSET marks a fact nobody knows yet. */
#define OW_TIME_UNSET G_MININT64

typedef struct _OwOrder         OwOrder;
typedef struct _OwPolicy        OwPolicy;
typedef struct _OwPolicyRegistry OwPolicyRegistry;
typedef struct _OwRule          OwRule;
typedef struct _OwDeadline      OwDeadline;
typedef struct _OwDeadlineSet   OwDeadlineSet;
typedef struct _OwStore         OwStore;
typedef struct _OwOrderList     OwOrderList;
typedef struct _OwOrderItem     OwOrderItem;
typedef struct _OwParcel        OwParcel;
typedef struct _OwTrackingEvent OwTrackingEvent;
typedef struct _OwTrackingClient OwTrackingClient;
typedef struct _OwScheduler     OwScheduler;
typedef struct _OwNotifier      OwNotifier;
typedef struct _OwDisputeTerms  OwDisputeTerms;
typedef struct _OwDispute       OwDispute;
typedef struct _OwEvidence      OwEvidence;
typedef struct _OwOrderRecords  OwOrderRecords;

/* The facts of an order that are instants. The policy files name them in `starts_on`. */
typedef enum
{
  OW_EVENT_PLACED,
  OW_EVENT_PAID,
  OW_EVENT_SHIPPED,
  OW_EVENT_DELIVERED,
  OW_EVENT_RECEIVED,          /* the buyer confirmed receipt */
  OW_EVENT_CANCEL_REQUESTED,
  OW_EVENT_DISPUTE_OPENED,
  OW_EVENT_RETURN_AGREED,     /* a "return goods" dispute was agreed */
  OW_EVENT_CLOSED,
  OW_EVENT_REFUNDED,          /* the refund arrived */
  OW_N_EVENTS,                /* the order's own facts, stored with it, end here */

  /* A dispute's facts, from its history: the deadline engine reads them like the others
   * (the policy files name them in `starts_on` and `met_by`); the order row stores none. */
  OW_EVENT_SELLER_RESPONDED = OW_N_EVENTS,  /* accepted, rejected or proposed an amount */
  OW_EVENT_SELLER_PROPOSED,   /* a proposal waits for the buyer's answer */
  OW_EVENT_PROPOSAL_ANSWERED,
  OW_EVENT_ESCALATED,         /* the marketplace (or PayPal, the bank) stepped in */
  OW_EVENT_RETURN_SHIPPED,
  OW_EVENT_DECIDED,
  OW_EVENT_DISPUTE_CLOSED,
  OW_N_FACTS
} OwOrderEvent;

#define OW_N_DISPUTE_FACTS (OW_N_FACTS - OW_N_EVENTS)

/* A set of facts as a mask. */
#define OW_EVENT_BIT(e) (1u << (e))

/* Where a dispute is opened. */
typedef enum
{
  OW_CHANNEL_MARKETPLACE,
  OW_CHANNEL_PAYPAL,
  OW_CHANNEL_CARD,            /* a chargeback through the bank */
  OW_N_CHANNELS
} OwDisputeChannel;

typedef enum
{
  OW_PAYMENT_CARD,
  OW_PAYMENT_PAYPAL,
  OW_PAYMENT_BALANCE,
  OW_PAYMENT_OTHER,
} OwPaymentMethod;

typedef enum
{
  OW_CLOSE_NONE,
  OW_CLOSE_CANCELLED,         /* cancellation agreed or unanswered */
  OW_CLOSE_NOT_SHIPPED,       /* the seller missed the ship-by date */
  OW_CLOSE_SECURITY,          /* "security reasons" */
  OW_CLOSE_PAYMENT_EXPIRED,
  OW_CLOSE_DISPUTE_REFUNDED,
  OW_CLOSE_OTHER,
} OwCloseReason;

/* Where a fact came from: a user-typed fact is never overwritten. */
typedef enum
{
  OW_FACT_UNKNOWN,
  OW_FACT_USER,
  OW_FACT_INFERRED,           /* from tracking; the user can correct it */
  OW_FACT_IMPORTED,           /* from an exporter's file or a marketplace's email */
} OwFactSource;

/* The list tabs, in AliExpress order. */
typedef enum
{
  OW_STATUS_AWAITING_PAYMENT,
  OW_STATUS_AWAITING_SHIPMENT,
  OW_STATUS_AWAITING_DELIVERY,
  OW_STATUS_DISPUTE,
  OW_STATUS_COMPLETED,
  OW_STATUS_CLOSED,
  OW_N_STATUSES
} OwOrderStatus;

typedef enum
{
  OW_FILTER_ALL,
  OW_FILTER_NEEDS_ACTION,
  OW_FILTER_AWAITING_PAYMENT,
  OW_FILTER_AWAITING_SHIPMENT,
  OW_FILTER_AWAITING_DELIVERY,
  OW_FILTER_DISPUTES,
  OW_FILTER_COMPLETED,
  OW_FILTER_CLOSED,
  OW_FILTER_ARCHIVED,
  OW_N_FILTERS
} OwOrderFilter;

G_END_DECLS
