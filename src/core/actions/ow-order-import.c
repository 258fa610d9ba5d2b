/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-import.h"
#include "ow-order-import.h"
#include "ow-order-save.h"
#include "ow-order.h"
#include "ow-store-records.h"
#include "ow-store.h"

static gboolean
is_stored (OwStore  *store,
           OwOrder  *order,
           gboolean *stored,
           GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OwOrder) found = ow_store_find_order (store, ow_order_get_marketplace (order),
                                                  ow_order_get_order_number (order),
                                                  &local_error);

  *stored = found != NULL;
  if (found == NULL && !g_error_matches (local_error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ow_order_import (OwStore    *store,
                 GPtrArray  *orders,
                 GPtrArray  *records,
                 gboolean    skip_existing,
                 GArray    **existing,
                 GError    **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) fresh_records = NULL;
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (orders != NULL, NULL);
  g_return_val_if_fail (records == NULL || records->len == orders->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read, check and write under one lock: an order added meanwhile is noticed. */
  if (!ow_store_begin (store, error))
    return NULL;

  fresh = g_ptr_array_new_full (orders->len, g_object_unref);
  fresh_records = g_ptr_array_new_full (orders->len, NULL);
  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      gboolean in_store;

      if (!is_stored (store, order, &in_store, error))
        goto fail;
      if (in_store)
        {
          g_array_append_val (stored, i);
          continue;
        }
      g_ptr_array_add (fresh, g_object_ref (order));
      g_ptr_array_add (fresh_records, records ? g_ptr_array_index (records, i) : NULL);
    }

  if (stored->len > 0 && !skip_existing)
    {
      OwOrder *first = g_ptr_array_index (orders, g_array_index (stored, guint, 0));

      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Order %s from %s is already saved; nothing was imported",
                                "Order %s from %s and %u more are already saved; nothing was "
                                "imported", stored->len),
                   ow_order_get_order_number (first), ow_order_get_marketplace (first),
                   stored->len - 1);
      goto fail;
    }

  if (fresh->len > 0 && !ow_store_add_orders (store, fresh, error))
    goto fail;
  for (guint i = 0; i < fresh->len; i++)
    {
      OwOrderRecords *mine = g_ptr_array_index (fresh_records, i);
      gint64 id = ow_order_get_id (g_ptr_array_index (fresh, i));

      if (mine == NULL)
        continue;
      if (!ow_store_add_records (store, id, mine, error))
        goto fail;
      /* Numbers from a CSV file get their provider as typed ones do. */
      for (guint n = 0; n < mine->numbers->len; n++)
        if (!ow_order_attach_tracking (store, id, g_ptr_array_index (mine->numbers, n), NULL,
                                       error))
          goto fail;
    }

  if (!ow_store_commit (store, error))
    goto failed;

  if (existing != NULL)
    *existing = g_steal_pointer (&stored);
  return g_steal_pointer (&fresh);

fail:
  ow_store_rollback (store);
failed:
  for (guint i = 0; i < fresh->len; i++)
    ow_order_set_id (g_ptr_array_index (fresh, i), 0);
  if (existing != NULL)
    *existing = g_steal_pointer (&stored);
  return NULL;
}

/* A batch's worth of orders (and their records) in memory at a time, not the whole file. */
#define IMPORT_BATCH 1000

typedef struct
{
  OwStore   *store;
  GArray    *ids;              /* gint64: every order added so far */
  GPtrArray *existing;         /* OwOrder: those the store had already */
  GArray    *existing_indexes; /* guint: their places in the file */
} JsonImport;

static gboolean
import_batch (GPtrArray  *orders,
              GPtrArray  *records,
              guint       first,
              gpointer    user_data,
              GError    **error)
{
  JsonImport *import = user_data;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) stored = NULL;

  /* Those already stored are left out here and counted; whether that is allowed is decided
   * once the whole file has been read, so every one of them can be named. */
  fresh = ow_order_import (import->store, orders, records, TRUE, &stored, error);
  if (fresh == NULL)
    return FALSE;
  for (guint i = 0; i < fresh->len; i++)
    {
      gint64 id = ow_order_get_id (g_ptr_array_index (fresh, i));

      g_array_append_val (import->ids, id);
    }
  for (guint i = 0; i < stored->len; i++)
    {
      guint index = g_array_index (stored, guint, i);
      guint in_file = first + index;

      g_ptr_array_add (import->existing, g_object_ref (g_ptr_array_index (orders, index)));
      g_array_append_val (import->existing_indexes, in_file);
    }
  return TRUE;
}

GArray *
ow_order_import_json (OwStore           *store,
                      OwPolicyRegistry  *policies,
                      GBytes            *data,
                      gboolean           skip_existing,
                      GPtrArray        **existing,
                      GArray           **existing_indexes,
                      GError           **error)
{
  JsonImport import = { store };
  GArray *ids = NULL;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  import.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  import.existing = g_ptr_array_new_with_free_func (g_object_unref);
  import.existing_indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  /* One transaction for the whole file: the batches only bound what is in memory. */
  if (!ow_store_begin (store, error))
    goto out;
  if (!ow_import_json_batches (data, policies, TRUE, IMPORT_BATCH, import_batch, &import,
                               error))
    {
      ow_store_rollback (store);
      goto out;
    }
  if (import.existing->len > 0 && !skip_existing)
    {
      OwOrder *first = g_ptr_array_index (import.existing, 0);

      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Order %s from %s is already saved; nothing was imported",
                                "Order %s from %s and %u more are already saved; nothing was "
                                "imported", import.existing->len),
                   ow_order_get_order_number (first), ow_order_get_marketplace (first),
                   import.existing->len - 1);
      ow_store_rollback (store);
      goto out;
    }
  if (!ow_store_commit (store, error))
    goto out;
  ids = g_steal_pointer (&import.ids);

out:
  if (existing != NULL)
    *existing = g_steal_pointer (&import.existing);
  if (existing_indexes != NULL)
    *existing_indexes = g_steal_pointer (&import.existing_indexes);
  g_clear_pointer (&import.ids, g_array_unref);
  g_clear_pointer (&import.existing, g_ptr_array_unref);
  g_clear_pointer (&import.existing_indexes, g_array_unref);
  return ids;
}
