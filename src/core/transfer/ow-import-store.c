/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A file of orders into the store, as the window imports one (from the menu or a drop). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-import.h"
#include "ow-order-import.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-store.h"

OwImportFormat
ow_import_guess_format (const char *name,
                        GBytes     *data)
{
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;
  const char *text;
  gsize length, i = 0;

  if (lower != NULL && g_str_has_suffix (lower, ".json"))
    return OW_IMPORT_FORMAT_JSON;
  if (lower != NULL && g_str_has_suffix (lower, ".csv"))
    return OW_IMPORT_FORMAT_CSV;
  /* An export starts with "{"; anything else is taken for CSV. */
  text = data ? g_bytes_get_data (data, &length) : NULL;
  while (text != NULL && i < length && g_ascii_isspace (text[i]))
    i++;
  return text != NULL && i < length && text[i] == '{' ? OW_IMPORT_FORMAT_JSON
                                                       : OW_IMPORT_FORMAT_CSV;
}

GPtrArray *
ow_import_into_store (OwStore           *store,
                      OwPolicyRegistry  *policies,
                      GBytes            *data,
                      const char        *name,
                      guint             *n_existing,
                      GError           **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) existing = NULL;
  GPtrArray *fresh;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Every order is read and checked first, with the marketplace's rules: one that does not
   * read and nothing is written. */
  if (ow_import_guess_format (name, data) == OW_IMPORT_FORMAT_JSON)
    orders = ow_import_json_full (data, policies, &records, error);
  else
    orders = ow_import_csv_full (data, policies, OW_IMPORT_DEFAULT, NULL, &records, NULL, error);
  if (orders == NULL)
    return NULL;

  /* One transaction, with their parcels and reminders: all of them or none. An order the
   * store has already (the same marketplace and number) stays as it is. */
  fresh = ow_order_import (store, orders, records, TRUE, &existing, error);
  if (fresh != NULL && n_existing != NULL)
    *n_existing = existing != NULL ? existing->len : 0;
  return fresh;
}
