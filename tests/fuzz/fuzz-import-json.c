/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as an Orderwatch JSON export to import, checked against the
 * bundled policies. Never a crash, a leak or a critical; either orders or an error. */
#include "config.h"

#include <stdint.h>

#include "ow-import.h"
#include "ow-policy-registry.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static OwPolicyRegistry *policies;
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (policies == NULL)
    policies = ow_policy_registry_new_for_directory (NULL);

  /* With the records: parcels, reminders, disputes and evidence are read and checked too. */
  orders = ow_import_json_full (body, policies, &records, &error);
  g_assert ((orders == NULL) != (error == NULL));
  if (orders != NULL)
    g_assert_cmpuint (records->len, ==, orders->len);
  return 0;
}
