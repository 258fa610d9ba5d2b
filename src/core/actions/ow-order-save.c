/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-order-save.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy-registry.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-tracking-number.h"
#include "ow-tracking-provider.h"

/* The provider a new number gets. Only a key in the environment counts here (reading the
 * keyring could prompt); a parcel whose provider the user did not pick is looked at again at
 * each refresh, with the keyring's key. */
static const char *
guess_provider (OwStore    *store,
                gint64      order_id,
                const char *number)
{
  g_autoptr(OwOrder) order = ow_store_get_order (store, order_id, NULL);
  const char *key = g_getenv ("ORDERWATCH_17TRACK_KEY");

  return ow_tracking_number_guess_provider (number,
                                            order ? ow_order_get_marketplace (order) : NULL,
                                            key != NULL && *key != '\0');
}

gboolean
ow_order_attach_tracking (OwStore     *store,
                          gint64       order_id,
                          const char  *number,
                          const char  *provider,
                          GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(OwParcel) existing = NULL;
  g_autoptr(OwParcel) parcel = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *picked = NULL;

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = ow_tracking_number_normalize (number);
  if (!ow_tracking_number_validate (normalized, error))
    return FALSE;
  if (provider != NULL && (picked = ow_tracking_provider_name_parse (provider, error)) == NULL)
    return FALSE;

  existing = ow_store_find_parcel (store, order_id, normalized, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      if (picked == NULL)
        return TRUE;
      ow_parcel_set_provider (existing, picked);
      ow_parcel_set_provider_overridden (existing, TRUE);
      return ow_store_update_parcel (store, existing, error);
    }

  parcel = ow_parcel_new (order_id, normalized,
                          picked ? picked : guess_provider (store, order_id, normalized));
  ow_parcel_set_provider_overridden (parcel, picked != NULL);
  return ow_store_add_parcel (store, parcel, error);
}

static gboolean
attach_all (OwStore     *store,
            gint64       order_id,
            GPtrArray   *numbers,
            const char  *provider,
            GError     **error)
{
  if (provider != NULL && *provider == '\0')
    provider = NULL;
  for (guint i = 0; numbers != NULL && i < numbers->len; i++)
    {
      const char *number = g_ptr_array_index (numbers, i);

      if (!ow_order_attach_tracking (store, order_id, number, provider, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate (OwPolicyRegistry  *policies,
          OwOrder           *order,
          gint64             now,
          GError           **error)
{
  if (policies != NULL)
    return ow_policy_registry_validate_order (policies, order, now, error);
  return ow_order_validate_at (order, now, error);
}

gboolean
ow_order_save_new (OwStore          *store,
                   OwPolicyRegistry *policies,
                   OwOrder          *order,
                   GPtrArray        *numbers,
                   const char       *provider,
                   gint64            now,
                   GError          **error)
{
  g_return_val_if_fail (OW_IS_STORE (store), FALSE);
  g_return_val_if_fail (policies == NULL || OW_IS_POLICY_REGISTRY (policies), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order) && ow_order_get_id (order) == 0, FALSE);

  /* Everything is checked before the database is touched: bad input writes nothing. */
  if (!validate (policies, order, now, error) || !ow_store_begin (store, error))
    return FALSE;

  if (!ow_store_add_order (store, order, error) ||
      !attach_all (store, ow_order_get_id (order), numbers, provider, error))
    {
      ow_store_rollback (store);
      ow_order_set_id (order, 0);
      return FALSE;
    }

  /* A failed commit has rolled back already. */
  if (!ow_store_commit (store, error))
    {
      ow_order_set_id (order, 0);
      return FALSE;
    }
  return TRUE;
}

OwOrder *
ow_order_save_changes (OwStore          *store,
                       OwPolicyRegistry *policies,
                       OwOrder          *original,
                       OwOrder          *edited,
                       GPtrArray        *numbers,
                       const char       *provider,
                       gint64            now,
                       GError          **error)
{
  g_autoptr(OwOrder) order = NULL;
  gint64 id;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (policies == NULL || OW_IS_POLICY_REGISTRY (policies), NULL);
  g_return_val_if_fail (OW_IS_ORDER (original), NULL);
  g_return_val_if_fail (OW_IS_ORDER (edited), NULL);
  g_return_val_if_fail (ow_order_get_id (original) == ow_order_get_id (edited), NULL);

  id = ow_order_get_id (original);
  if (!validate (policies, edited, now, error) || !ow_store_begin (store, error))
    return NULL;

  /* Read inside the write transaction: what changed meanwhile is the base of the edit. */
  if ((order = ow_store_get_order (store, id, error)) == NULL)
    goto fail;
  ow_order_merge_changes (order, original, edited);
  if (!validate (policies, order, now, error) ||
      !ow_store_update_order (store, order, error) ||
      !attach_all (store, id, numbers, provider, error))
    goto fail;

  if (!ow_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&order);

fail:
  ow_store_rollback (store);
  return NULL;
}
