/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as a 17TRACK register or gettrackinfo answer (the first byte
 * picks which). */
#include "config.h"

#include <stdint.h>

#include "ow-tracking-17track.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static OwTrackingProvider *provider;
  const char *numbers[] = { "1Z2617V10397725789", "RR123456785CN", NULL };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  OwTrackingStep step = OW_TRACKING_STEP_TRACK;

  if (provider == NULL)
    provider = ow_tracking_17track_new (NULL, "fuzz");

  /* Corpus files are plain JSON: only an odd leading byte that is not JSON picks register. */
  if (size > 0 && data[0] == 'R')
    {
      step = OW_TRACKING_STEP_REGISTER;
      data++;
      size--;
    }
  body = g_bytes_new_static (data, size);
  results = ow_tracking_provider_parse_response (provider, step, numbers, body, &error);
  g_assert ((results == NULL) != (error == NULL));
  if (results != NULL)
    g_assert_cmpuint (results->len, ==, 2);
  return 0;
}
