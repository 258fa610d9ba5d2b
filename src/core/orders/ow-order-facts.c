/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OwOrder: where a fact came from ("from an email of 12 Nov 2026"), and what an import fills
 * in without overwriting what the user typed. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-money.h"
#include "ow-order-private.h"
#include "ow-order.h"
#include "ow-time.h"

char *
ow_fact_origin_new_email (gint64 mail_date)
{
  return g_strdup_printf ("email %" G_GINT64_FORMAT, mail_date);
}

char *
ow_fact_origin_new_file (const char *basename)
{
  g_return_val_if_fail (basename != NULL, NULL);
  return g_strdup_printf ("file %s", basename);
}

char *
ow_fact_origin_describe (const char *origin)
{
  g_return_val_if_fail (origin != NULL, NULL);

  if (g_str_has_prefix (origin, "email "))
    {
      gint64 date = g_ascii_strtoll (origin + 6, NULL, 10);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (date);
      /* Not g_date_time_to_local (): GLib reads /etc/localtime again each time, and an
       * import describes every fact of every mail. */
      g_autoptr(GTimeZone) here = ow_time_zone_get_local ();
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, here) : NULL;
      /* Translators: a day such as "12 Nov 2026", see g_date_time_format () */
      g_autofree char *day = local ? g_date_time_format (local, C_("origin date", "%-d %b %Y"))
                                   : g_strdup ("?");

      /* Translators: where an imported fact came from; %s is a day such as "12 Nov 2026" */
      return g_strdup_printf (_("from an email of %s"), day);
    }
  if (g_str_has_prefix (origin, "file "))
    /* Translators: where an imported fact came from; %s is a file name */
    return g_strdup_printf (_("from %s"), origin + 5);
  return g_strdup (origin);
}

char *
ow_order_describe_time_source (OwOrder      *self,
                               OwOrderEvent  event)
{
  g_return_val_if_fail (OW_IS_ORDER (self), NULL);
  g_return_val_if_fail (event < OW_N_EVENTS, NULL);

  if (!ow_order_get_time_known (self, event))
    return NULL;
  if (self->origins[event] != NULL)
    return ow_fact_origin_describe (self->origins[event]);
  switch ((OwFactSource) self->sources[event])
    {
    case OW_FACT_INFERRED:
      return g_strdup (_("from tracking"));
    case OW_FACT_IMPORTED:
      return g_strdup (_("imported"));
    case OW_FACT_USER:
    case OW_FACT_UNKNOWN:
    default:
      return g_strdup (_("typed"));
    }
}

static char *
describe_fact (OwOrder      *order,
               OwOrderEvent  event)
{
  g_autofree char *when = NULL;
  const char *origin = order->origins[event];
  g_autofree char *from = origin ? ow_fact_origin_describe (origin) : NULL;

  if (order->times[event] != OW_TIME_UNSET)
    when = ow_time_format_local (order->times[event], NULL);
  else
    when = g_strdup (_("date unknown"));
  if (from == NULL)
    /* Translators: an order fact such as "Shipped", then a date or "date unknown" */
    return g_strdup_printf (_("%s: %s"), ow_order_event_label (event), when);
  /* Translators: an order fact, a date or "date unknown", then "from an email of 12 Nov" */
  return g_strdup_printf (_("%s: %s, %s"), ow_order_event_label (event), when, from);
}

GPtrArray *
ow_order_fill_in (OwOrder *self,
                  OwOrder *incoming)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (OW_IS_ORDER (self), changes);
  g_return_val_if_fail (OW_IS_ORDER (incoming), changes);

#define FILL_STRING(field, label)                                                   \
  if (self->field == NULL && incoming->field != NULL)                               \
    {                                                                               \
      self->field = g_strdup (incoming->field);                                     \
      /* Translators: a field such as "Store", then its new value */               \
      g_ptr_array_add (changes, g_strdup_printf (_("%s: %s"), label, self->field)); \
    }
  FILL_STRING (store_name, _("Store"))
  FILL_STRING (item_title, _("Item"))
#undef FILL_STRING

  if (self->amount == 0 && incoming->amount != 0)
    {
      g_autofree char *money = ow_money_format (incoming->amount, incoming->currency);

      self->amount = incoming->amount;
      memcpy (self->currency, incoming->currency, sizeof self->currency);
      self->quantity = incoming->quantity;
      /* Translators: the order's amount, such as "12.40 USD" */
      g_ptr_array_add (changes, g_strdup_printf (_("Amount: %s"), money));
    }
  if (self->close_reason == OW_CLOSE_NONE && incoming->close_reason != OW_CLOSE_NONE)
    self->close_reason = incoming->close_reason;

  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      gboolean known = ow_order_get_time_known (self, e);
      gboolean dated = self->times[e] != OW_TIME_UNSET;

      /* What the user typed stays; a date beats "date unknown", never the other way. */
      if (!ow_order_get_time_known (incoming, e) || self->sources[e] == OW_FACT_USER || dated)
        continue;
      if (known && incoming->times[e] == OW_TIME_UNSET)
        continue;

      self->times[e] = incoming->times[e];
      self->sources[e] = incoming->sources[e];
      self->undated = (self->undated & ~OW_EVENT_BIT (e)) | (incoming->undated & OW_EVENT_BIT (e));
      g_free (self->origins[e]);
      self->origins[e] = g_strdup (incoming->origins[e]);
      g_ptr_array_add (changes, describe_fact (self, e));
    }

  return changes;
}
