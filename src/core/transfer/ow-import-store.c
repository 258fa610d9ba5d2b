/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A file of orders into the store, as the window imports one (from the menu or a drop). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-import.h"
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

static char *
order_key (OwOrder *order)
{
  return g_strconcat (ow_order_get_marketplace (order), "\x1f",
                      ow_order_get_order_number (order), NULL);
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
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GHashTable) known = NULL;
  guint skipped = 0;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Every order is read and checked first, with the marketplace's rules: one that does not
   * read and nothing is written. */
  if (ow_import_guess_format (name, data) == OW_IMPORT_FORMAT_JSON)
    orders = ow_import_json_full (data, policies, error);
  else
    orders = ow_import_csv_full (data, policies, OW_IMPORT_DEFAULT, NULL, NULL, error);
  if (orders == NULL || (existing = ow_store_list_orders (store, error)) == NULL)
    return NULL;

  /* The same marketplace and number is the same order: it is there already, and stays as
   * it is. */
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < existing->len; i++)
    g_hash_table_add (known, order_key (g_ptr_array_index (existing, i)));
  fresh = g_ptr_array_new_full (orders->len, g_object_unref);
  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      g_autofree char *key = order_key (order);

      if (!g_hash_table_add (known, g_steal_pointer (&key)))
        {
          skipped++;
          continue;
        }
      /* A new order here, whatever id it had where it came from. */
      ow_order_set_id (order, 0);
      g_ptr_array_add (fresh, g_object_ref (order));
    }

  /* One transaction: all of them or none. */
  if (fresh->len > 0 && !ow_store_add_orders (store, fresh, error))
    return NULL;
  if (n_existing != NULL)
    *n_existing = skipped;
  return g_steal_pointer (&fresh);
}
