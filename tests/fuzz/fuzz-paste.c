/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as text pasted from an order page, and as the editor's amount and
 * date fields. The text is copied to an allocation of exactly its length plus the NUL, so
 * a read past the end is caught. Never a crash or a critical. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ow-order-paste.h"
#include "ow-time.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const OwOrderEvent events[] = {
    OW_EVENT_PLACED, OW_EVENT_PAID, OW_EVENT_SHIPPED, OW_EVENT_DELIVERED,
  };
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(OwPasteResult) result = ow_order_paste_parse (text);
  OwPasteFields found = ow_paste_result_get_found (result);
  const char *currency = NULL;
  OwPasteDate date;
  gint64 minor;
  char code[4];

  g_assert ((ow_paste_result_get_order_number (result) != NULL)
            == ((found & OW_PASTE_ORDER_NUMBER) != 0));
  ow_paste_result_get_store_name (result);
  ow_paste_result_get_tracking_number (result);
  g_assert (ow_paste_result_get_amount (result, &minor, &currency)
            == ((found & OW_PASTE_AMOUNT) != 0));
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      ow_paste_result_get_time (result, events[i], NULL);
      ow_paste_result_get_time (result, events[i], ow_time_zone_get ("America/Los_Angeles"));
    }

  if (ow_paste_parse_amount (text, &minor, code))
    g_assert_cmpuint (strlen (code), ==, 3);
  if (ow_paste_parse_date (text, &date))
    ow_paste_date_to_unix (&date, ow_time_zone_get ("Asia/Shanghai"));
  return 0;
}
