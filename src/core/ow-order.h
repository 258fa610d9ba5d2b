/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_ORDER (ow_order_get_type ())

G_DECLARE_FINAL_TYPE (OwOrder, ow_order, OW, ORDER, GObject)

typedef enum
{
  OW_EXTENSION_PENDING,
  OW_EXTENSION_APPROVED,
  OW_EXTENSION_REFUSED,
} OwExtensionState;

/* A request to extend Buyer Protection. Only approved days move the deadline. */
typedef struct
{
  gint64           requested_at;
  int              days;
  OwExtensionState state;
} OwExtension;

OwOrder          *ow_order_new                   (void);
OwOrder          *ow_order_copy                  (OwOrder          *self);
gboolean          ow_order_equal                 (OwOrder          *a,
                                                  OwOrder          *b);

gint64            ow_order_get_id                (OwOrder          *self);
void              ow_order_set_id                (OwOrder          *self,
                                                  gint64            id);
const char       *ow_order_get_marketplace       (OwOrder          *self);
void              ow_order_set_marketplace       (OwOrder          *self,
                                                  const char       *marketplace);
const char       *ow_order_get_order_number      (OwOrder          *self);
void              ow_order_set_order_number      (OwOrder          *self,
                                                  const char       *order_number);
const char       *ow_order_get_store_name        (OwOrder          *self);
void              ow_order_set_store_name        (OwOrder          *self,
                                                  const char       *store_name);
const char       *ow_order_get_item_title        (OwOrder          *self);
void              ow_order_set_item_title        (OwOrder          *self,
                                                  const char       *item_title);
int               ow_order_get_quantity          (OwOrder          *self);
void              ow_order_set_quantity          (OwOrder          *self,
                                                  int               quantity);
/* Integer minor units of the currency (cents for USD, yen for JPY). */
gint64            ow_order_get_amount            (OwOrder          *self);
void              ow_order_set_amount            (OwOrder          *self,
                                                  gint64            amount_minor);
const char       *ow_order_get_currency          (OwOrder          *self);
void              ow_order_set_currency          (OwOrder          *self,
                                                  const char       *currency);
OwPaymentMethod   ow_order_get_payment_method    (OwOrder          *self);
void              ow_order_set_payment_method    (OwOrder          *self,
                                                  OwPaymentMethod   method);

/* Instants (Unix seconds, UTC), OW_TIME_UNSET when unknown, each with its source. */
gint64            ow_order_get_time              (OwOrder          *self,
                                                  OwOrderEvent      event);
OwFactSource      ow_order_get_time_source       (OwOrder          *self,
                                                  OwOrderEvent      event);
void              ow_order_set_time              (OwOrder          *self,
                                                  OwOrderEvent      event,
                                                  gint64            time,
                                                  OwFactSource      source);
/* Sets an inferred fact unless the user typed one; returns whether it changed. */
gboolean          ow_order_infer_time            (OwOrder          *self,
                                                  OwOrderEvent      event,
                                                  gint64            time);

OwCloseReason     ow_order_get_close_reason      (OwOrder          *self);
void              ow_order_set_close_reason      (OwOrder          *self,
                                                  OwCloseReason     reason);

/* As shown on the order page; 0 when unknown (the policy default applies). */
int               ow_order_get_processing_days   (OwOrder          *self);
void              ow_order_set_processing_days   (OwOrder          *self,
                                                  int               days);
int               ow_order_get_delivery_days     (OwOrder          *self);
void              ow_order_set_delivery_days     (OwOrder          *self,
                                                  int               days);

guint             ow_order_get_n_extensions      (OwOrder          *self);
const OwExtension *ow_order_get_extension        (OwOrder          *self,
                                                  guint             index);
void              ow_order_add_extension         (OwOrder          *self,
                                                  const OwExtension *extension);
void              ow_order_clear_extensions      (OwOrder          *self);
/* The sum of approved extension days. */
int               ow_order_get_approved_extension_days (OwOrder    *self);

const char       *ow_order_get_notes             (OwOrder          *self);
void              ow_order_set_notes             (OwOrder          *self,
                                                  const char       *notes);
gboolean          ow_order_get_archived          (OwOrder          *self);
void              ow_order_set_archived          (OwOrder          *self,
                                                  gboolean          archived);
gint64            ow_order_get_modified          (OwOrder          *self);
void              ow_order_set_modified          (OwOrder          *self,
                                                  gint64            modified);

/* Checks required fields and the order of events; the error names the field and the rule. */
gboolean          ow_order_validate              (OwOrder          *self,
                                                  GError          **error);

/* Stable names used by the CLI, JSON, CSV and the policy files' `starts_on`. */
const char       *ow_order_event_to_string       (OwOrderEvent      event);
gboolean          ow_order_event_from_string     (const char       *text,
                                                  OwOrderEvent     *event);
const char       *ow_order_event_label           (OwOrderEvent      event);
const char       *ow_payment_method_to_string    (OwPaymentMethod   method);
gboolean          ow_payment_method_from_string  (const char       *text,
                                                  OwPaymentMethod  *method);
const char       *ow_close_reason_to_string      (OwCloseReason     reason);
gboolean          ow_close_reason_from_string    (const char       *text,
                                                  OwCloseReason    *reason);
const char       *ow_close_reason_explain        (OwCloseReason     reason);
const char       *ow_extension_state_to_string   (OwExtensionState  state);
gboolean          ow_extension_state_from_string (const char       *text,
                                                  OwExtensionState *state);

G_END_DECLS
