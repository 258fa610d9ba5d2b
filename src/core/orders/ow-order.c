/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-order-private.h"
#include "ow-order.h"
#include "ow-time.h"
#include "ow-text.h"

G_DEFINE_FINAL_TYPE (OwOrder, ow_order, G_TYPE_OBJECT)

static const char *event_names[OW_N_FACTS] = {
  "placed", "paid", "shipped", "delivered", "received", "cancel_requested",
  "dispute_opened", "return_agreed", "closed", "refunded",
  "seller_responded", "seller_proposed", "proposal_answered", "escalated", "return_shipped",
  "decided", "dispute_closed",
};

static const char *payment_names[] = { "card", "paypal", "balance", "other" };

static const char *close_names[] = {
  "none", "cancelled", "not_shipped", "security", "payment_expired", "dispute_refunded", "other",
};

static const char *extension_names[] = { "pending", "approved", "refused" };

static void
ow_order_finalize (GObject *object)
{
  OwOrder *self = OW_ORDER (object);

  g_free (self->marketplace);
  g_free (self->order_number);
  g_free (self->store_name);
  g_free (self->item_title);
  g_free (self->notes);
  for (guint i = 0; i < OW_N_EVENTS; i++)
    g_free (self->origins[i]);
  g_clear_pointer (&self->extensions, g_array_unref);

  G_OBJECT_CLASS (ow_order_parent_class)->finalize (object);
}

static void
ow_order_class_init (OwOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_order_finalize;
}

static void
ow_order_init (OwOrder *self)
{
  self->marketplace = g_strdup ("aliexpress");
  self->quantity = 1;
  memcpy (self->currency, "USD", 4);
  self->payment_method = OW_PAYMENT_CARD;
  for (guint i = 0; i < OW_N_FACTS; i++)
    self->times[i] = OW_TIME_UNSET;
  self->extensions = g_array_new (FALSE, TRUE, sizeof (OwExtension));
}

OwOrder *
ow_order_new (void)
{
  return g_object_new (OW_TYPE_ORDER, NULL);
}

OwOrder *
ow_order_copy (OwOrder *self)
{
  OwOrder *copy;

  g_return_val_if_fail (OW_IS_ORDER (self), NULL);

  copy = ow_order_new ();
  copy->id = self->id;
  g_free (copy->marketplace);
  copy->marketplace = g_strdup (self->marketplace);
  copy->order_number = g_strdup (self->order_number);
  copy->store_name = g_strdup (self->store_name);
  copy->item_title = g_strdup (self->item_title);
  copy->quantity = self->quantity;
  copy->amount = self->amount;
  memcpy (copy->currency, self->currency, sizeof copy->currency);
  copy->payment_method = self->payment_method;
  memcpy (copy->times, self->times, sizeof copy->times);
  memcpy (copy->sources, self->sources, sizeof copy->sources);
  copy->undated = self->undated;
  for (guint i = 0; i < OW_N_EVENTS; i++)
    copy->origins[i] = g_strdup (self->origins[i]);
  copy->close_reason = self->close_reason;
  copy->processing_days = self->processing_days;
  copy->delivery_days = self->delivery_days;
  g_array_append_vals (copy->extensions, self->extensions->data, self->extensions->len);
  copy->notes = g_strdup (self->notes);
  copy->archived = self->archived;
  copy->modified = self->modified;

  return copy;
}

/* Compares every fact, not the id or the modification time. */
gboolean
ow_order_equal (OwOrder *a,
                OwOrder *b)
{
  g_return_val_if_fail (OW_IS_ORDER (a), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (b), FALSE);

  if (g_strcmp0 (a->marketplace, b->marketplace) != 0 ||
      g_strcmp0 (a->order_number, b->order_number) != 0 ||
      g_strcmp0 (a->store_name, b->store_name) != 0 ||
      g_strcmp0 (a->item_title, b->item_title) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0 ||
      a->quantity != b->quantity || a->amount != b->amount ||
      strcmp (a->currency, b->currency) != 0 ||
      a->payment_method != b->payment_method || a->close_reason != b->close_reason ||
      a->processing_days != b->processing_days || a->delivery_days != b->delivery_days ||
      a->archived != b->archived || a->extensions->len != b->extensions->len ||
      a->undated != b->undated)
    return FALSE;

  for (guint i = 0; i < OW_N_EVENTS; i++)
    if (a->times[i] != b->times[i] || a->sources[i] != b->sources[i] ||
        g_strcmp0 (a->origins[i], b->origins[i]) != 0)
      return FALSE;

  for (guint i = 0; i < a->extensions->len; i++)
    {
      const OwExtension *x = &g_array_index (a->extensions, OwExtension, i);
      const OwExtension *y = &g_array_index (b->extensions, OwExtension, i);

      if (x->days != y->days || x->state != y->state || x->requested_at != y->requested_at)
        return FALSE;
    }

  return TRUE;
}

#define STRING_ACCESSORS(field)                                   \
  const char *                                                    \
  ow_order_get_##field (OwOrder *self)                            \
  {                                                               \
    g_return_val_if_fail (OW_IS_ORDER (self), NULL);              \
    return self->field;                                           \
  }                                                               \
  void                                                            \
  ow_order_set_##field (OwOrder *self, const char *value)         \
  {                                                               \
    g_return_if_fail (OW_IS_ORDER (self));                        \
    g_free (self->field);                                         \
    self->field = (value && *value) ? g_strdup (value) : NULL;    \
  }

STRING_ACCESSORS (order_number)
STRING_ACCESSORS (store_name)
STRING_ACCESSORS (item_title)
STRING_ACCESSORS (notes)

#undef STRING_ACCESSORS

const char *
ow_order_get_marketplace (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), NULL);
  return self->marketplace;
}

void
ow_order_set_marketplace (OwOrder    *self,
                          const char *marketplace)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (marketplace != NULL);

  g_free (self->marketplace);
  self->marketplace = g_ascii_strdown (marketplace, -1);
}

gint64
ow_order_get_id (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->id;
}

void
ow_order_set_id (OwOrder *self,
                 gint64   id)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->id = id;
}

int
ow_order_get_quantity (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->quantity;
}

void
ow_order_set_quantity (OwOrder *self,
                       int      quantity)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->quantity = quantity;
}

gint64
ow_order_get_amount (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->amount;
}

void
ow_order_set_amount (OwOrder *self,
                     gint64   amount_minor)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->amount = amount_minor;
}

const char *
ow_order_get_currency (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), NULL);
  return self->currency;
}

void
ow_order_set_currency (OwOrder    *self,
                       const char *currency)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (currency != NULL && strlen (currency) == 3);

  for (guint i = 0; i < 3; i++)
    self->currency[i] = g_ascii_toupper (currency[i]);
  self->currency[3] = '\0';
}

OwPaymentMethod
ow_order_get_payment_method (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), OW_PAYMENT_OTHER);
  return self->payment_method;
}

void
ow_order_set_payment_method (OwOrder         *self,
                             OwPaymentMethod  method)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (method <= OW_PAYMENT_OTHER);
  self->payment_method = method;
}

gint64
ow_order_get_time (OwOrder      *self,
                   OwOrderEvent  event)
{
  g_return_val_if_fail (OW_IS_ORDER (self), OW_TIME_UNSET);
  g_return_val_if_fail (event < OW_N_FACTS, OW_TIME_UNSET);
  return self->times[event];
}

OwFactSource
ow_order_get_time_source (OwOrder      *self,
                          OwOrderEvent  event)
{
  g_return_val_if_fail (OW_IS_ORDER (self), OW_FACT_UNKNOWN);
  g_return_val_if_fail (event < OW_N_EVENTS, OW_FACT_UNKNOWN);
  return self->sources[event];
}

void
ow_order_set_time (OwOrder      *self,
                   OwOrderEvent  event,
                   gint64        time,
                   OwFactSource  source)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (event < OW_N_EVENTS);

  self->times[event] = time;
  self->sources[event] = time == OW_TIME_UNSET ? OW_FACT_UNKNOWN : source;
  self->undated &= ~OW_EVENT_BIT (event);
  g_clear_pointer (&self->origins[event], g_free);
}

void
ow_order_set_time_undated (OwOrder      *self,
                           OwOrderEvent  event,
                           OwFactSource  source)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (event < OW_N_EVENTS);
  g_return_if_fail (source != OW_FACT_UNKNOWN);

  ow_order_set_time (self, event, OW_TIME_UNSET, OW_FACT_UNKNOWN);
  self->undated |= OW_EVENT_BIT (event);
  self->sources[event] = source;
}

gboolean
ow_order_get_time_undated (OwOrder      *self,
                           OwOrderEvent  event)
{
  g_return_val_if_fail (OW_IS_ORDER (self), FALSE);
  g_return_val_if_fail (event < OW_N_FACTS, FALSE);

  return event < OW_N_EVENTS && (self->undated & OW_EVENT_BIT (event)) != 0;
}

gboolean
ow_order_get_time_known (OwOrder      *self,
                         OwOrderEvent  event)
{
  g_return_val_if_fail (OW_IS_ORDER (self), FALSE);
  g_return_val_if_fail (event < OW_N_FACTS, FALSE);

  return self->times[event] != OW_TIME_UNSET || ow_order_get_time_undated (self, event);
}

const char *
ow_order_get_time_origin (OwOrder      *self,
                          OwOrderEvent  event)
{
  g_return_val_if_fail (OW_IS_ORDER (self), NULL);
  g_return_val_if_fail (event < OW_N_EVENTS, NULL);
  return self->origins[event];
}

void
ow_order_set_time_origin (OwOrder      *self,
                          OwOrderEvent  event,
                          const char   *origin)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (event < OW_N_EVENTS);

  g_free (self->origins[event]);
  self->origins[event] = origin && *origin ? g_strdup (origin) : NULL;
}

void
ow_order_set_dispute_fact (OwOrder      *self,
                           OwOrderEvent  event,
                           gint64        time)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (event >= OW_N_EVENTS && event < OW_N_FACTS);

  self->times[event] = time;
}

void
ow_order_clear_dispute_facts (OwOrder *self)
{
  g_return_if_fail (OW_IS_ORDER (self));

  for (guint e = OW_N_EVENTS; e < OW_N_FACTS; e++)
    self->times[e] = OW_TIME_UNSET;
}

gboolean
ow_order_infer_time (OwOrder      *self,
                     OwOrderEvent  event,
                     gint64        time)
{
  g_return_val_if_fail (OW_IS_ORDER (self), FALSE);
  g_return_val_if_fail (event < OW_N_EVENTS, FALSE);

  if (self->sources[event] == OW_FACT_USER || self->times[event] == time)
    return FALSE;

  self->times[event] = time;
  self->sources[event] = OW_FACT_INFERRED;
  self->undated &= ~OW_EVENT_BIT (event);
  g_clear_pointer (&self->origins[event], g_free);
  return TRUE;
}

OwCloseReason
ow_order_get_close_reason (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), OW_CLOSE_NONE);
  return self->close_reason;
}

void
ow_order_set_close_reason (OwOrder       *self,
                           OwCloseReason  reason)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->close_reason = reason;
}

int
ow_order_get_processing_days (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->processing_days;
}

void
ow_order_set_processing_days (OwOrder *self,
                              int      days)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->processing_days = days;
}

int
ow_order_get_delivery_days (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->delivery_days;
}

void
ow_order_set_delivery_days (OwOrder *self,
                            int      days)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->delivery_days = days;
}

guint
ow_order_get_n_extensions (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->extensions->len;
}

const OwExtension *
ow_order_get_extension (OwOrder *self,
                        guint    index)
{
  g_return_val_if_fail (OW_IS_ORDER (self), NULL);
  g_return_val_if_fail (index < self->extensions->len, NULL);
  return &g_array_index (self->extensions, OwExtension, index);
}

void
ow_order_add_extension (OwOrder           *self,
                        const OwExtension *extension)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (extension != NULL);
  g_array_append_vals (self->extensions, extension, 1);
}

void
ow_order_clear_extensions (OwOrder *self)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_array_set_size (self->extensions, 0);
}

int
ow_order_get_approved_extension_days (OwOrder *self)
{
  int days = 0;

  g_return_val_if_fail (OW_IS_ORDER (self), 0);

  for (guint i = 0; i < self->extensions->len; i++)
    {
      const OwExtension *x = &g_array_index (self->extensions, OwExtension, i);

      if (x->state == OW_EXTENSION_APPROVED)
        days += x->days;
    }

  return days;
}

gboolean
ow_order_get_archived (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), FALSE);
  return self->archived;
}

void
ow_order_set_archived (OwOrder  *self,
                       gboolean  archived)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->archived = !!archived;
}

gint64
ow_order_get_modified (OwOrder *self)
{
  g_return_val_if_fail (OW_IS_ORDER (self), 0);
  return self->modified;
}

void
ow_order_set_modified (OwOrder *self,
                       gint64   modified)
{
  g_return_if_fail (OW_IS_ORDER (self));
  self->modified = modified;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Facts that must not come before another fact. */
static const struct { OwOrderEvent later, earlier; } event_order[] = {
  { OW_EVENT_PAID, OW_EVENT_PLACED },
  { OW_EVENT_SHIPPED, OW_EVENT_PAID },
  { OW_EVENT_SHIPPED, OW_EVENT_PLACED },
  { OW_EVENT_DELIVERED, OW_EVENT_SHIPPED },
  { OW_EVENT_RECEIVED, OW_EVENT_PAID },
  { OW_EVENT_CANCEL_REQUESTED, OW_EVENT_PLACED },
  { OW_EVENT_CLOSED, OW_EVENT_PLACED },
  { OW_EVENT_REFUNDED, OW_EVENT_PAID },
};

/* Sets the field's message unless it already has one: each field shows its first problem. */
static void
set_problem (char        *messages[OW_ORDER_N_FIELDS],
             OwOrderField field,
             char        *message)
{
  if (messages[field] == NULL)
    messages[field] = message;
  else
    g_free (message);
}

OwOrderField
ow_order_field_for_event (OwOrderEvent event)
{
  g_return_val_if_fail (event < OW_N_EVENTS, OW_ORDER_FIELD_PLACED);
  return OW_ORDER_FIELD_PLACED + event;
}

gboolean
ow_order_check_fields (OwOrder *self,
                       gint64   now,
                       char    *messages[OW_ORDER_N_FIELDS])
{
  gboolean valid = TRUE;

  g_return_val_if_fail (OW_IS_ORDER (self), FALSE);

  for (guint f = 0; f < OW_ORDER_N_FIELDS; f++)
    messages[f] = NULL;

  /* First: bytes that are not UTF-8 would make every export unreadable, and the lengths
   * below are only defined for UTF-8. */
  {
    const struct { OwOrderField field; const char *text; const char *label; } texts[] = {
      { OW_ORDER_FIELD_MARKETPLACE, self->marketplace, N_("Marketplace") },
      { OW_ORDER_FIELD_ORDER_NUMBER, self->order_number, N_("Order number") },
      { OW_ORDER_FIELD_ITEM, self->item_title, N_("Item") },
      { OW_ORDER_FIELD_STORE, self->store_name, N_("Store") },
      { OW_ORDER_FIELD_NOTES, self->notes, N_("Notes") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      if (texts[i].text != NULL && !g_utf8_validate (texts[i].text, -1, NULL))
        /* Translators: %s is a field such as "Item" */
        set_problem (messages, texts[i].field,
                     g_strdup_printf (_("%s: the text is not valid UTF-8; type it again or "
                                        "save the file as UTF-8"), _(texts[i].label)));
  }

  if (is_blank (self->marketplace))
    set_problem (messages, OW_ORDER_FIELD_MARKETPLACE, g_strdup (_("Marketplace is required")));
  if (is_blank (self->order_number))
    set_problem (messages, OW_ORDER_FIELD_ORDER_NUMBER, g_strdup (_("Order number is required")));
  else if (strlen (self->order_number) > 64)
    set_problem (messages, OW_ORDER_FIELD_ORDER_NUMBER,
                 g_strdup (_("Order number must be at most 64 characters")));
  if (messages[OW_ORDER_FIELD_ITEM] == NULL && self->item_title != NULL &&
      g_utf8_strlen (self->item_title, -1) > OW_ORDER_ITEM_MAX)
    set_problem (messages, OW_ORDER_FIELD_ITEM,
                 /* Translators: %d is a number of characters */
                 g_strdup_printf (_("Item: use at most %d characters"), OW_ORDER_ITEM_MAX));
  if (messages[OW_ORDER_FIELD_STORE] == NULL && self->store_name != NULL &&
      g_utf8_strlen (self->store_name, -1) > OW_ORDER_STORE_MAX)
    set_problem (messages, OW_ORDER_FIELD_STORE,
                 /* Translators: %d is a number of characters */
                 g_strdup_printf (_("Store: use at most %d characters"), OW_ORDER_STORE_MAX));
  if (self->quantity < 1 || self->quantity > 100000)
    set_problem (messages, OW_ORDER_FIELD_QUANTITY,
                 g_strdup (_("Quantity must be between 1 and 100000")));
  if (self->amount < 0)
    set_problem (messages, OW_ORDER_FIELD_AMOUNT, g_strdup (_("Amount must not be negative")));
  if (self->processing_days < 0 || self->processing_days > 365)
    set_problem (messages, OW_ORDER_FIELD_PROCESSING_DAYS,
                 g_strdup (_("Processing days must be between 1 and 365")));
  if (self->delivery_days < 0 || self->delivery_days > 365)
    set_problem (messages, OW_ORDER_FIELD_DELIVERY_DAYS,
                 g_strdup (_("Delivery days must be between 1 and 365")));
  for (guint i = 0; i < self->extensions->len; i++)
    {
      const OwExtension *x = &g_array_index (self->extensions, OwExtension, i);

      if (x->days < 1 || x->days > 365)
        set_problem (messages, OW_ORDER_FIELD_EXTENSIONS,
                     g_strdup (_("Extension days must be between 1 and 365")));
      if (now != OW_TIME_UNSET && x->requested_at != OW_TIME_UNSET && x->requested_at > now + 60)
        set_problem (messages, OW_ORDER_FIELD_EXTENSIONS,
                     g_strdup (_("Extension: the request date is in the future")));
    }
  if (messages[OW_ORDER_FIELD_NOTES] == NULL && self->notes != NULL &&
      g_utf8_strlen (self->notes, -1) > OW_ORDER_NOTES_MAX)
    set_problem (messages, OW_ORDER_FIELD_NOTES,
                 /* Translators: %d is a number of characters */
                 g_strdup_printf (_("Notes: use at most %d characters"), OW_ORDER_NOTES_MAX));

  /* The store's last line of defence: every reader refuses these already. */
  for (guint e = 0; e < OW_N_EVENTS; e++)
    if (self->times[e] != OW_TIME_UNSET && !ow_time_in_range (self->times[e]))
      /* Translators: %s is an order fact such as "Paid" */
      set_problem (messages, ow_order_field_for_event (e),
                   g_strdup_printf (_("%s: the date must be from the year 1 to 9999"),
                                    ow_order_event_label (e)));
  for (guint i = 0; i < self->extensions->len; i++)
    {
      gint64 at = g_array_index (self->extensions, OwExtension, i).requested_at;

      if (at != OW_TIME_UNSET && !ow_time_in_range (at))
        set_problem (messages, OW_ORDER_FIELD_EXTENSIONS,
                     g_strdup (_("Extension: the date must be from the year 1 to 9999")));
    }

  /* A fact recorded now may carry the marketplace's own minute: a minute of slack. */
  for (guint e = 0; now != OW_TIME_UNSET && e < OW_N_EVENTS; e++)
    if (self->times[e] != OW_TIME_UNSET && self->times[e] > now + 60)
      /* Translators: %s is an order fact such as "Paid" */
      set_problem (messages, ow_order_field_for_event (e),
                   g_strdup_printf (_("%s: the date is in the future"),
                                    ow_order_event_label (e)));

  /* The later fact is the wrong one. */
  for (guint i = 0; i < G_N_ELEMENTS (event_order); i++)
    {
      gint64 later = self->times[event_order[i].later];
      gint64 earlier = self->times[event_order[i].earlier];

      if (later != OW_TIME_UNSET && earlier != OW_TIME_UNSET && later < earlier)
        /* Translators: both are order facts, e.g. "Shipped must not be before Paid" */
        set_problem (messages, ow_order_field_for_event (event_order[i].later),
                     g_strdup_printf (_("%s must not be before %s"),
                                      ow_order_event_label (event_order[i].later),
                                      ow_order_event_label (event_order[i].earlier)));
    }

  for (guint f = 0; f < OW_ORDER_N_FIELDS; f++)
    valid &= messages[f] == NULL;
  return valid;
}

static OwInputError
field_error_code (OwOrder      *self,
                  OwOrderField  field)
{
  switch (field)
    {
    case OW_ORDER_FIELD_MARKETPLACE:
      return OW_INPUT_ERROR_MISSING;
    case OW_ORDER_FIELD_ORDER_NUMBER:
      return is_blank (self->order_number) ? OW_INPUT_ERROR_MISSING : OW_INPUT_ERROR_OUT_OF_RANGE;
    case OW_ORDER_FIELD_QUANTITY:
    case OW_ORDER_FIELD_AMOUNT:
    case OW_ORDER_FIELD_PROCESSING_DAYS:
    case OW_ORDER_FIELD_DELIVERY_DAYS:
    case OW_ORDER_FIELD_EXTENSIONS:
    case OW_ORDER_FIELD_NOTES:
      return OW_INPUT_ERROR_OUT_OF_RANGE;
    default:
      return OW_INPUT_ERROR_INCONSISTENT;
    }
}

gboolean
ow_order_validate_at (OwOrder  *self,
                      gint64    now,
                      GError  **error)
{
  char *messages[OW_ORDER_N_FIELDS];
  gboolean valid;

  g_return_val_if_fail (OW_IS_ORDER (self), FALSE);

  valid = ow_order_check_fields (self, now, messages);
  for (guint f = 0; f < OW_ORDER_N_FIELDS; f++)
    {
      if (messages[f] != NULL && error != NULL && *error == NULL)
        g_set_error_literal (error, OW_INPUT_ERROR, field_error_code (self, f), messages[f]);
      g_free (messages[f]);
    }
  return valid;
}

gboolean
ow_order_validate (OwOrder  *self,
                   GError  **error)
{
  return ow_order_validate_at (self, OW_TIME_UNSET, error);
}

/* Takes over every field that differs between @original and @edited. */
void
ow_order_merge_changes (OwOrder *self,
                        OwOrder *original,
                        OwOrder *edited)
{
  g_return_if_fail (OW_IS_ORDER (self));
  g_return_if_fail (OW_IS_ORDER (original));
  g_return_if_fail (OW_IS_ORDER (edited));

#define TAKE_STRING(field)                                                    \
  if (g_strcmp0 (original->field, edited->field) != 0)                        \
    {                                                                         \
      g_free (self->field);                                                   \
      self->field = g_strdup (edited->field);                                 \
    }
#define TAKE_VALUE(field)                                                     \
  if (original->field != edited->field)                                       \
    self->field = edited->field;

  TAKE_STRING (marketplace)
  TAKE_STRING (order_number)
  TAKE_STRING (store_name)
  TAKE_STRING (item_title)
  TAKE_STRING (notes)
  TAKE_VALUE (quantity)
  TAKE_VALUE (payment_method)
  TAKE_VALUE (close_reason)
  TAKE_VALUE (processing_days)
  TAKE_VALUE (delivery_days)
  TAKE_VALUE (archived)
#undef TAKE_STRING
#undef TAKE_VALUE

  /* An amount is only meaningful in its currency: the two move together. */
  if (original->amount != edited->amount || strcmp (original->currency, edited->currency) != 0)
    {
      self->amount = edited->amount;
      memcpy (self->currency, edited->currency, sizeof self->currency);
    }

  for (guint e = 0; e < OW_N_EVENTS; e++)
    if (original->times[e] != edited->times[e] || original->sources[e] != edited->sources[e] ||
        ((original->undated ^ edited->undated) & OW_EVENT_BIT (e)))
      {
        self->times[e] = edited->times[e];
        self->sources[e] = edited->sources[e];
        self->undated = (self->undated & ~OW_EVENT_BIT (e)) | (edited->undated & OW_EVENT_BIT (e));
        g_free (self->origins[e]);
        self->origins[e] = g_strdup (edited->origins[e]);
      }

  if (original->extensions->len != edited->extensions->len ||
      (original->extensions->len > 0 &&
       memcmp (original->extensions->data, edited->extensions->data,
               original->extensions->len * sizeof (OwExtension)) != 0))
    {
      g_array_set_size (self->extensions, 0);
      g_array_append_vals (self->extensions, edited->extensions->data, edited->extensions->len);
    }
}

const char *
ow_order_event_to_string (OwOrderEvent event)
{
  g_return_val_if_fail (event < OW_N_FACTS, NULL);
  return event_names[event];
}

gboolean
ow_order_event_from_string (const char   *text,
                            OwOrderEvent *event)
{
  guint index;

  if (!ow_text_find_name (event_names, OW_N_FACTS, text, &index))
    return FALSE;
  *event = index;
  return TRUE;
}

const char *
ow_order_event_label (OwOrderEvent event)
{
  switch (event)
    {
    case OW_EVENT_PLACED: return _("Placed");
    case OW_EVENT_PAID: return _("Paid");
    case OW_EVENT_SHIPPED: return _("Shipped");
    case OW_EVENT_DELIVERED: return _("Delivered");
    case OW_EVENT_RECEIVED: return _("Receipt confirmed");
    case OW_EVENT_CANCEL_REQUESTED: return _("Cancellation requested");
    case OW_EVENT_DISPUTE_OPENED: return _("Dispute opened");
    case OW_EVENT_RETURN_AGREED: return _("Return agreed");
    case OW_EVENT_CLOSED: return _("Closed");
    case OW_EVENT_REFUNDED: return _("Refund received");
    case OW_EVENT_SELLER_RESPONDED: return _("Seller responded");
    case OW_EVENT_SELLER_PROPOSED: return _("Seller proposed an amount");
    case OW_EVENT_PROPOSAL_ANSWERED: return _("Proposal answered");
    case OW_EVENT_ESCALATED: return _("Escalated");
    case OW_EVENT_RETURN_SHIPPED: return _("Return shipped");
    case OW_EVENT_DECIDED: return _("Decision");
    case OW_EVENT_DISPUTE_CLOSED: return _("Dispute closed");
    case OW_N_FACTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
name_lookup (const char  *text,
             const char **names,
             guint        n_names,
             int         *out)
{
  for (guint i = 0; text && i < n_names; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ow_payment_method_to_string (OwPaymentMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (payment_names), NULL);
  return payment_names[method];
}

gboolean
ow_payment_method_from_string (const char      *text,
                               OwPaymentMethod *method)
{
  int value;

  if (!name_lookup (text, payment_names, G_N_ELEMENTS (payment_names), &value))
    return FALSE;
  *method = value;
  return TRUE;
}

const char *
ow_close_reason_to_string (OwCloseReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (close_names), NULL);
  return close_names[reason];
}

gboolean
ow_close_reason_from_string (const char    *text,
                             OwCloseReason *reason)
{
  int value;

  if (!name_lookup (text, close_names, G_N_ELEMENTS (close_names), &value))
    return FALSE;
  *reason = value;
  return TRUE;
}

const char *
ow_close_reason_explain (OwCloseReason reason)
{
  switch (reason)
    {
    case OW_CLOSE_NONE:
      return NULL;
    case OW_CLOSE_CANCELLED:
      return _("The cancellation was agreed or the seller did not answer within 3 days. "
               "The refund should arrive within 20 business days.");
    case OW_CLOSE_NOT_SHIPPED:
      return _("The seller did not ship in time, so the order was closed with a full refund.");
    case OW_CLOSE_SECURITY:
      return _("The order was closed for security reasons. The refund should arrive within "
               "20 business days; contact your bank if it does not. A closed order cannot be "
               "reopened, so order again, from one device and without a VPN.");
    case OW_CLOSE_PAYMENT_EXPIRED:
      return _("The order was not paid in time. Nothing was charged.");
    case OW_CLOSE_DISPUTE_REFUNDED:
      return _("A dispute ended with a refund.");
    case OW_CLOSE_OTHER:
    default:
      return _("The order was closed.");
    }
}

const char *
ow_extension_state_to_string (OwExtensionState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (extension_names), NULL);
  return extension_names[state];
}

gboolean
ow_extension_state_from_string (const char       *text,
                                OwExtensionState *state)
{
  int value;

  if (!name_lookup (text, extension_names, G_N_ELEMENTS (extension_names), &value))
    return FALSE;
  *state = value;
  return TRUE;
}
