/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as a user's policy file; a policy that loads then runs the deadline
 * engine over a few orders, as the app would. Never a crash, a leak or a critical; either
 * a policy or an error. */
#include "config.h"

#include <stdint.h>

#include "ow-deadlines.h"
#include "ow-order.h"
#include "ow-policy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* 2026-11-01T10:00:00Z */
#define T0 G_GINT64_CONSTANT (1793527200)

static GPtrArray *
make_orders (void)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func (g_object_unref);

  /* Paid; shipped; delivered; a cancellation asked; a dispute opened. */
  for (guint i = 0; i < 5; i++)
    {
      OwOrder *order = ow_order_new ();

      ow_order_set_time (order, OW_EVENT_PLACED, T0, OW_FACT_USER);
      ow_order_set_time (order, OW_EVENT_PAID, T0 + 60, OW_FACT_USER);
      if (i >= 1 && i <= 2)
        ow_order_set_time (order, OW_EVENT_SHIPPED, T0 + 2 * 86400, OW_FACT_USER);
      if (i == 2)
        ow_order_set_time (order, OW_EVENT_DELIVERED, T0 + 20 * 86400, OW_FACT_INFERRED);
      if (i == 3)
        ow_order_set_time (order, OW_EVENT_CANCEL_REQUESTED, T0 + 3600, OW_FACT_USER);
      if (i == 4)
        ow_order_set_time (order, OW_EVENT_DISPUTE_OPENED, T0 + 30 * 86400, OW_FACT_USER);
      g_ptr_array_add (orders, order);
    }
  return orders;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GPtrArray *orders;
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(OwPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  if (orders == NULL)
    orders = make_orders ();

  policy = ow_policy_new_from_bytes (body, "fuzz.json", &error);
  g_assert ((policy == NULL) != (error == NULL));
  if (policy == NULL)
    return 0;

  for (guint i = 0; i < orders->len; i++)
    for (gint64 now = T0; now < T0 + 120 * 86400; now += 9 * 86400)
      {
        OwDeadlineSet set;

        ow_deadlines_compute (g_ptr_array_index (orders, i), policy, now, &set);
        ow_deadlines_get_next (&set);
        ow_deadlines_next_action (&set);
      }
  return 0;
}
