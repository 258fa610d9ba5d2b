/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OwOrder's fields, for its two files: ow-order.c (the object, its accessors and the
 * validator) and ow-order-facts.c (where facts came from, and what an import fills in). */
#pragma once

#include <glib-object.h>

#include "ow-types.h"

G_BEGIN_DECLS

struct _OwOrder
{
  GObject          parent_instance;

  gint64           id;
  char            *marketplace;
  char            *order_number;
  char            *store_name;
  char            *item_title;
  int              quantity;
  gint64           amount;
  char             currency[4];
  OwPaymentMethod  payment_method;
  gint64           times[OW_N_FACTS];   /* the dispute's facts after OW_N_EVENTS */
  guint8           sources[OW_N_EVENTS];
  guint32          undated;              /* OW_EVENT_BIT: known, instant unknown */
  char            *origins[OW_N_EVENTS]; /* where an imported fact came from, or NULL */
  OwCloseReason    close_reason;
  int              processing_days;
  int              delivery_days;
  GArray          *extensions;
  char            *notes;
  gboolean         archived;
  gint64           modified;
};

G_END_DECLS
