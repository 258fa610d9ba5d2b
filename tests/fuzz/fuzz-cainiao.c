/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as a Cainiao detail.json answer. Never a crash, a leak or a
 * critical; either results for every number asked or an error. */
#include "config.h"

#include <stdint.h>

#include "ow-tracking-cainiao.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static OwTrackingProvider *provider;
  const char *numbers[] = { "AE010698498", "UZ0556033196Y", "LP00000000000002", NULL };
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (provider == NULL)
    provider = ow_tracking_cainiao_new (NULL);

  results = ow_tracking_provider_parse_response (provider, OW_TRACKING_STEP_TRACK, numbers, body,
                                                 &error);
  g_assert ((results == NULL) != (error == NULL));
  if (results != NULL)
    g_assert_cmpuint (results->len, ==, 3);
  return 0;
}
