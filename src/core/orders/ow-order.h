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
/* A fact known to have happened while its instant is not (a status "Completed" proves
 * receipt, not when): its time stays OW_TIME_UNSET, it counts for the order's status, and
 * deadlines that start on it say so instead of counting down. Setting a time clears it. */
void              ow_order_set_time_undated      (OwOrder          *self,
                                                  OwOrderEvent      event,
                                                  OwFactSource      source);
gboolean          ow_order_get_time_undated      (OwOrder          *self,
                                                  OwOrderEvent      event);
/* Dated or undated. */
gboolean          ow_order_get_time_known        (OwOrder          *self,
                                                  OwOrderEvent      event);
/* Where an imported fact came from, as ow_fact_origin_new_email () or _new_file () make it,
 * or NULL; setting the fact's time or clearing it drops it. */
const char       *ow_order_get_time_origin       (OwOrder          *self,
                                                  OwOrderEvent      event);
void              ow_order_set_time_origin       (OwOrder          *self,
                                                  OwOrderEvent      event,
                                                  const char       *origin);
/* Stable, stored texts: "email 1763000000" (the mail's Date), "file orders.csv". */
char             *ow_fact_origin_new_email       (gint64            mail_date);
char             *ow_fact_origin_new_file        (const char       *basename);
/* "from an email of 12 Nov", "from orders.csv", as the order page and `show` print it. */
char             *ow_fact_origin_describe        (const char       *origin);
/* Where a known fact's time came from, for people: "typed", "from tracking", "from an email
 * of 12 Nov 2026", "imported"; NULL when the fact is not known. */
char             *ow_order_describe_time_source  (OwOrder          *self,
                                                  OwOrderEvent      event);
/* The facts of the order's marketplace dispute (OW_N_EVENTS up to OW_N_FACTS), which the
 * store fills from the dispute's history; ow_order_get_time () reads them too. */
void              ow_order_set_dispute_fact      (OwOrder          *self,
                                                  OwOrderEvent      event,
                                                  gint64            time);
void              ow_order_clear_dispute_facts   (OwOrder          *self);
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

/* The fields of an order, as every face shows their problems. The facts follow the
 * OwOrderEvent order from OW_ORDER_FIELD_PLACED. */
typedef enum
{
  OW_ORDER_FIELD_MARKETPLACE,
  OW_ORDER_FIELD_ORDER_NUMBER,
  OW_ORDER_FIELD_ITEM,
  OW_ORDER_FIELD_STORE,
  OW_ORDER_FIELD_AMOUNT,
  OW_ORDER_FIELD_QUANTITY,
  OW_ORDER_FIELD_PLACED,
  OW_ORDER_FIELD_LAST_EVENT = OW_ORDER_FIELD_PLACED + OW_N_EVENTS - 1,
  OW_ORDER_FIELD_PROCESSING_DAYS,
  OW_ORDER_FIELD_DELIVERY_DAYS,
  OW_ORDER_FIELD_EXTENSIONS,
  OW_ORDER_FIELD_NOTES,
  OW_ORDER_N_FIELDS
} OwOrderField;

/* The longest texts, in characters. */
#define OW_ORDER_ITEM_MAX  500
#define OW_ORDER_STORE_MAX 200
#define OW_ORDER_NOTES_MAX 10000

OwOrderField      ow_order_field_for_event       (OwOrderEvent      event);
/* The one validator: a translatable message per field that breaks a rule (the field's first
 * problem), naming the field and the rule; the caller frees them. Facts after @now (plus a
 * minute) are refused; OW_TIME_UNSET skips that check. Returns whether all are valid. */
gboolean          ow_order_check_fields          (OwOrder          *self,
                                                  gint64            now,
                                                  char             *messages[OW_ORDER_N_FIELDS]);
/* The first problem ow_order_check_fields () finds, as an OW_INPUT_ERROR. */
gboolean          ow_order_validate_at           (OwOrder          *self,
                                                  gint64            now,
                                                  GError          **error);
/* The same without the check against the clock (the store's last line of defence). */
gboolean          ow_order_validate              (OwOrder          *self,
                                                  GError          **error);
/* Takes into @self every field in which @edited differs from @original: an edit applied to
 * the order as it is now, so a change made meanwhile by someone else is kept. */
void              ow_order_merge_changes         (OwOrder          *self,
                                                  OwOrder          *original,
                                                  OwOrder          *edited);

/* What an import brings that @self lacks: every fact @self does not know (or knows without a
 * date while @incoming has one) unless the user typed it, and the store, item, amount and
 * payment method while @self has none. Returns a translatable line per change ("Shipped:
 * 12 Nov 2026, from an email of 14 Nov"), element-type utf8, empty when nothing changes. */
GPtrArray        *ow_order_fill_in               (OwOrder          *self,
                                                  OwOrder          *incoming);

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
