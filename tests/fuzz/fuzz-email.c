/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as a mail or an mbox to import, through GMime and libxml2's HTML
 * parser, checked against the bundled policies. A leading '!' asks to skip mails that do not
 * read (--skip-invalid). Never a crash, a leak or a critical; either orders, each with its
 * records, or an error. */
#include "config.h"

#include <stdint.h>

#include "ow-import.h"
#include "ow-order.h"
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
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) not_understood = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
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
  orders = ow_import_email (body, "fuzz.mbox", policies, flags, &records, &not_understood,
                            &row_errors, &error);
  g_assert ((orders == NULL) != (error == NULL));
  if (orders != NULL)
    {
      g_assert_cmpuint (records->len, ==, orders->len);
      /* Whatever came in is an order the store would take. */
      for (guint i = 0; i < orders->len; i++)
        g_assert_true (ow_order_validate (g_ptr_array_index (orders, i), NULL));
    }
  return 0;
}
