/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as a CSV file to import, checked against the bundled policies. A
 * leading '!' asks to skip bad rows (--skip-invalid). Never a crash, a leak or a critical;
 * either orders, one line each, or an error. */
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
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  OwImportFlags flags = OW_IMPORT_DEFAULT;

  if (policies == NULL)
    policies = ow_policy_registry_new_for_directory (NULL);

  if (size > 0 && data[0] == '!')
    {
      flags = OW_IMPORT_SKIP_INVALID;
      data++;
      size--;
    }
  body = g_bytes_new_static (data, size);
  orders = ow_import_csv_full (body, policies, flags, &lines, NULL, &row_errors, &error);
  g_assert ((orders == NULL) != (error == NULL));
  if (orders != NULL)
    g_assert_cmpuint (lines->len, ==, orders->len);
  return 0;
}
