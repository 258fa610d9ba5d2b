/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-import-plan.h"
#include "ow-import.h"
#include "ow-order-save.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-store-parcels.h"
#include "ow-store-records.h"
#include "ow-store.h"

typedef struct
{
  OwOrder        *order;     /* as it will be written */
  OwOrder        *incoming;  /* as read (merged with its duplicates) */
  OwOrderRecords *records;   /* may be NULL; owned when merging, else the caller's */
  gboolean        owns_records;
  OwImportKind    kind;
  GPtrArray      *changes;   /* (element-type utf8) */
} Entry;

struct _OwImportPlan
{
  GObject    parent_instance;

  OwStore   *store;
  gboolean   merge;
  GPtrArray *records;        /* the caller's, whose items entries point to without merging */
  GArray    *entries;        /* (element-type Entry) */
  guint      n_mails_not_understood;
  guint      n_rows_not_read;
  GPtrArray *problems;       /* (element-type utf8) */
};

G_DEFINE_FINAL_TYPE (OwImportPlan, ow_import_plan, G_TYPE_OBJECT)

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->order);
  g_clear_object (&entry->incoming);
  if (entry->owns_records)
    g_clear_pointer (&entry->records, ow_order_records_free);
  g_clear_pointer (&entry->changes, g_ptr_array_unref);
}

static void
ow_import_plan_finalize (GObject *object)
{
  OwImportPlan *self = OW_IMPORT_PLAN (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (ow_import_plan_parent_class)->finalize (object);
}

static void
ow_import_plan_class_init (OwImportPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_import_plan_finalize;
}

static void
ow_import_plan_init (OwImportPlan *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  self->problems = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
}

static OwOrderRecords *
records_copy_numbers_and_parcels (const OwOrderRecords *from)
{
  OwOrderRecords *copy = ow_order_records_new ();

  for (guint i = 0; from != NULL && i < from->numbers->len; i++)
    g_ptr_array_add (copy->numbers, g_strdup (g_ptr_array_index (from->numbers, i)));
  for (guint i = 0; from != NULL && i < from->parcels->len; i++)
    ow_order_records_add_parcel (copy, g_ptr_array_index (from->parcels, i),
                                 g_ptr_array_index (from->events, i));
  return copy;
}

/* Another mail or row about an order already read: numbers and parcels join its own. Parcel
 * ids are unique across one import, so they can be appended as they are. */
static void
records_absorb (OwOrderRecords       *into,
                const OwOrderRecords *from)
{
  for (guint i = 0; from != NULL && i < from->numbers->len; i++)
    {
      const char *number = g_ptr_array_index (from->numbers, i);

      if (!g_ptr_array_find_with_equal_func (into->numbers, number, g_str_equal, NULL))
        g_ptr_array_add (into->numbers, g_strdup (number));
    }
  for (guint i = 0; from != NULL && i < from->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (from->parcels, i);
      OwParcel *first = NULL;
      gboolean known = FALSE;
      g_autoptr(OwParcel) copy = NULL;

      for (guint j = 0; j < into->parcels->len && !known; j++)
        known = g_str_equal (ow_parcel_get_tracking_number (g_ptr_array_index (into->parcels, j)),
                             ow_parcel_get_tracking_number (parcel));
      if (known)
        continue;
      /* A hand-off continues a parcel the earlier mail brought already: point at that one. */
      if (ow_parcel_get_follows_parcel_id (parcel) != 0)
        first = ow_order_records_find_parcel (from, ow_parcel_get_follows_parcel_id (parcel));
      copy = ow_parcel_copy (parcel);
      for (guint j = 0; first != NULL && j < into->parcels->len; j++)
        {
          OwParcel *mine = g_ptr_array_index (into->parcels, j);

          if (g_str_equal (ow_parcel_get_tracking_number (mine),
                           ow_parcel_get_tracking_number (first)))
            ow_parcel_set_follows_parcel_id (copy, ow_parcel_get_id (mine));
        }
      ow_order_records_add_parcel (into, copy, g_ptr_array_index (from->events, i));
    }
}

static const char *
follows_number (const OwOrderRecords *records,
                OwParcel             *parcel)
{
  gint64 follows = ow_parcel_get_follows_parcel_id (parcel);
  OwParcel *first = follows != 0 ? ow_order_records_find_parcel (records, follows) : NULL;

  return first != NULL ? ow_parcel_get_tracking_number (first) : NULL;
}

static char *
describe_number (const char *number,
                 const char *follows)
{
  if (follows != NULL)
    /* Translators: a last-mile tracking number, then the number it continues */
    return g_strdup_printf (_("Tracking number: %s, continuing %s"), number, follows);
  /* Translators: %s is a tracking number */
  return g_strdup_printf (_("Tracking number: %s"), number);
}

/* The tracking numbers @records adds to stored order @order_id (0: a new order). */
static gboolean
add_number_changes (OwStore              *store,
                    gint64                order_id,
                    const OwOrderRecords *records,
                    GPtrArray            *changes,
                    GError              **error)
{
  for (guint i = 0; records != NULL && i < records->numbers->len + records->parcels->len; i++)
    {
      gboolean is_number = i < records->numbers->len;
      OwParcel *parcel = is_number ? NULL
                                   : g_ptr_array_index (records->parcels, i - records->numbers->len);
      const char *number = is_number ? g_ptr_array_index (records->numbers, i)
                                     : ow_parcel_get_tracking_number (parcel);
      g_autoptr(OwParcel) stored = NULL;
      g_autoptr(GError) local_error = NULL;

      if (order_id != 0)
        {
          stored = ow_store_find_parcel (store, order_id, number, &local_error);
          if (stored == NULL && local_error != NULL &&
              !g_error_matches (local_error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      if (stored == NULL)
        g_ptr_array_add (changes,
                         describe_number (number, parcel ? follows_number (records, parcel) : NULL));
    }
  return TRUE;
}

OwImportPlan *
ow_import_plan_new (OwStore    *store,
                    GPtrArray  *orders,
                    GPtrArray  *records,
                    gboolean    merge,
                    GError    **error)
{
  g_autoptr(OwImportPlan) self = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (orders != NULL, NULL);
  g_return_val_if_fail (records == NULL || records->len == orders->len, NULL);

  self = g_object_new (OW_TYPE_IMPORT_PLAN, NULL);
  self->store = g_object_ref (store);
  self->merge = merge;
  self->records = records ? g_ptr_array_ref (records) : NULL;

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      OwOrderRecords *mine = records ? g_ptr_array_index (records, i) : NULL;
      char *key = g_strdup_printf ("%s\n%s", ow_order_get_marketplace (order),
                                   ow_order_get_order_number (order));
      gpointer found;
      Entry entry = { 0 };

      if (g_hash_table_lookup_extended (seen, key, NULL, &found))
        {
          Entry *first = &g_array_index (self->entries, Entry, GPOINTER_TO_UINT (found));
          g_autoptr(GPtrArray) ignored = ow_order_fill_in (first->incoming, order);

          if (first->owns_records)
            records_absorb (first->records, mine);
          g_free (key);
          continue;
        }
      g_hash_table_insert (seen, key, GUINT_TO_POINTER (self->entries->len));
      entry.incoming = ow_order_copy (order);
      /* Merging takes numbers and parcels only; a backup's records (reminders, disputes)
       * go in with a new order as they are. */
      if (merge)
        {
          entry.records = records_copy_numbers_and_parcels (mine);
          entry.owns_records = TRUE;
        }
      else
        entry.records = mine;
      g_array_append_val (self->entries, entry);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(OwOrder) stored = ow_store_find_order (store,
                                                       ow_order_get_marketplace (entry->incoming),
                                                       ow_order_get_order_number (entry->incoming),
                                                       &local_error);

      if (stored == NULL && !g_error_matches (local_error, OW_STORE_ERROR,
                                              OW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (stored == NULL)
        {
          g_autoptr(OwOrder) blank = ow_order_new ();

          entry->kind = OW_IMPORT_NEW;
          entry->order = g_object_ref (entry->incoming);
          ow_order_set_marketplace (blank, ow_order_get_marketplace (entry->incoming));
          ow_order_set_order_number (blank, ow_order_get_order_number (entry->incoming));
          entry->changes = ow_order_fill_in (blank, entry->incoming);
          if (!add_number_changes (store, 0, entry->records, entry->changes, error))
            return NULL;
          continue;
        }

      if (!merge)
        {
          entry->kind = OW_IMPORT_EXISTING;
          entry->order = g_steal_pointer (&stored);
          entry->changes = g_ptr_array_new_with_free_func (g_free);
          continue;
        }

      entry->changes = ow_order_fill_in (stored, entry->incoming);
      if (!add_number_changes (store, ow_order_get_id (stored), entry->records, entry->changes,
                               error))
        return NULL;
      entry->kind = entry->changes->len > 0 ? OW_IMPORT_UPDATED : OW_IMPORT_UNCHANGED;
      entry->order = g_steal_pointer (&stored);
    }

  return g_steal_pointer (&self);
}

guint
ow_import_plan_get_n_orders (OwImportPlan *self)
{
  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), 0);
  return self->entries->len;
}

guint
ow_import_plan_count (OwImportPlan *self,
                      OwImportKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    n += g_array_index (self->entries, Entry, i).kind == kind;
  return n;
}

OwOrder *
ow_import_plan_get_order (OwImportPlan *self,
                          guint         index)
{
  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, index).order;
}

OwImportKind
ow_import_plan_get_kind (OwImportPlan *self,
                         guint         index)
{
  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), OW_IMPORT_UNCHANGED);
  g_return_val_if_fail (index < self->entries->len, OW_IMPORT_UNCHANGED);
  return g_array_index (self->entries, Entry, index).kind;
}

GPtrArray *
ow_import_plan_get_changes (OwImportPlan *self,
                            guint         index)
{
  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, index).changes;
}

void
ow_import_plan_set_n_not_understood (OwImportPlan *self,
                                     guint         n_mails,
                                     guint         n_rows)
{
  g_return_if_fail (OW_IS_IMPORT_PLAN (self));
  self->n_mails_not_understood = n_mails;
  self->n_rows_not_read = n_rows;
}

void
ow_import_plan_set_problems (OwImportPlan *self,
                             GPtrArray    *not_understood,
                             GPtrArray    *row_errors)
{
  g_return_if_fail (OW_IS_IMPORT_PLAN (self));

  g_ptr_array_set_size (self->problems, 0);
  for (guint i = 0; row_errors != NULL && i < row_errors->len; i++)
    g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (row_errors, i)));
  for (guint i = 0; not_understood != NULL && i < not_understood->len; i++)
    g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (not_understood, i)));
  ow_import_plan_set_n_not_understood (self, not_understood ? not_understood->len : 0,
                                       row_errors ? row_errors->len : 0);
}

GPtrArray *
ow_import_plan_get_problems (OwImportPlan *self)
{
  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), NULL);
  return self->problems;
}

OwImportPlan *
ow_import_plan_read_file (OwStore           *store,
                          OwPolicyRegistry  *policies,
                          GBytes            *data,
                          const char        *name,
                          gboolean          *reviewed,
                          GError           **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) not_understood = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  OwImportPlan *plan;
  const char *text;
  gsize length;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (reviewed != NULL, NULL);

  text = g_bytes_get_data (data, &length);
  *reviewed = TRUE;
  /* Bad rows and mails are left out here and listed: the user decides on the sheet. */
  if (text != NULL && ow_import_email_detect (text, length))
    orders = ow_import_email (data, name, policies, OW_IMPORT_SKIP_INVALID, &records,
                              &not_understood, &row_errors, error);
  else if (text != NULL && ow_import_exporter_detect (text, length) != NULL)
    orders = ow_import_exporter_read (data, name, policies, OW_IMPORT_SKIP_INVALID, NULL,
                                      &records, &row_errors, error);
  else
    {
      *reviewed = FALSE;
      return NULL;
    }
  if (orders == NULL)
    return NULL;

  plan = ow_import_plan_new (store, orders, records, TRUE, error);
  if (plan == NULL)
    return NULL;
  /* A mail that does not read is one more not understood; a file's bad rows are rows. */
  if (not_understood != NULL)
    {
      for (guint i = 0; row_errors != NULL && i < row_errors->len; i++)
        g_ptr_array_insert (not_understood, i, g_strdup (g_ptr_array_index (row_errors, i)));
      ow_import_plan_set_problems (plan, not_understood, NULL);
    }
  else
    ow_import_plan_set_problems (plan, NULL, row_errors);
  return plan;
}

char *
ow_import_plan_describe (OwImportPlan *self)
{
  GString *out;
  guint n = 0;
  guint n_new, n_updated, n_unchanged, n_existing;

  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), NULL);

  n = self->entries->len;
  n_new = ow_import_plan_count (self, OW_IMPORT_NEW);
  n_updated = ow_import_plan_count (self, OW_IMPORT_UPDATED);
  n_unchanged = ow_import_plan_count (self, OW_IMPORT_UNCHANGED);
  n_existing = ow_import_plan_count (self, OW_IMPORT_EXISTING);

  out = g_string_new (NULL);
  /* Translators: the start of "14 orders found: 9 new, 3 updated, 2 unchanged" */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u order found", "%u orders found",
                                            n), n);
  if (n > 0)
    {
      g_string_append (out, ": ");
      /* Translators: "9 new" in "14 orders found: 9 new, 3 updated, 2 unchanged" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", n_new),
                              n_new);
      if (self->merge)
        {
          g_string_append (out, ", ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated",
                                                    n_updated), n_updated);
          g_string_append (out, ", ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u unchanged",
                                                    "%u unchanged", n_unchanged), n_unchanged);
        }
      else
        {
          g_string_append (out, ", ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u already saved",
                                                    "%u already saved", n_existing), n_existing);
        }
    }
  if (self->n_mails_not_understood > 0)
    {
      g_string_append (out, "; ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u mail not understood",
                                                "%u mails not understood",
                                                self->n_mails_not_understood),
                              self->n_mails_not_understood);
    }
  if (self->n_rows_not_read > 0)
    {
      g_string_append (out, "; ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u row not read",
                                                "%u rows not read", self->n_rows_not_read),
                              self->n_rows_not_read);
    }
  return g_string_free (out, FALSE);
}

const char *
ow_import_kind_label (OwImportKind kind)
{
  switch (kind)
    {
    case OW_IMPORT_NEW:
      return _("New");
    case OW_IMPORT_UPDATED:
      return _("Updated");
    case OW_IMPORT_UNCHANGED:
      return _("Unchanged");
    case OW_IMPORT_EXISTING:
    default:
      return _("Already saved");
    }
}

/* The parcels of @records onto stored order @order_id: numbers it has already are skipped,
 * a last-mile number continues the stored parcel of the number it follows. */
static gboolean
merge_parcels (OwStore              *store,
               gint64                order_id,
               const OwOrderRecords *records,
               GError              **error)
{
  for (guint i = 0; i < records->numbers->len; i++)
    if (!ow_order_attach_tracking (store, order_id, g_ptr_array_index (records->numbers, i), NULL,
                                   error))
      return FALSE;

  for (guint i = 0; i < records->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (records->parcels, i);
      const char *number = ow_parcel_get_tracking_number (parcel);
      const char *first = follows_number (records, parcel);
      g_autoptr(OwParcel) stored = NULL;
      g_autoptr(OwParcel) first_stored = NULL;

      if (!ow_order_attach_tracking (store, order_id, number, NULL, error))
        return FALSE;
      if (first == NULL)
        continue;
      if (!ow_order_attach_tracking (store, order_id, first, NULL, error) ||
          (stored = ow_store_find_parcel (store, order_id, number, error)) == NULL ||
          (first_stored = ow_store_find_parcel (store, order_id, first, error)) == NULL)
        return FALSE;
      if (ow_parcel_get_follows_parcel_id (stored) == 0)
        {
          ow_parcel_set_follows_parcel_id (stored, ow_parcel_get_id (first_stored));
          if (!ow_store_update_parcel (store, stored, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
ow_import_plan_apply (OwImportPlan  *self,
                      GError       **error)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh_records = g_ptr_array_new ();

  g_return_val_if_fail (OW_IS_IMPORT_PLAN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ow_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      g_autoptr(OwOrder) now = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) local_error = NULL;

      if (entry->kind == OW_IMPORT_NEW)
        {
          g_ptr_array_add (fresh, entry->order);
          g_ptr_array_add (fresh_records, entry->records);
          continue;
        }
      if (entry->kind == OW_IMPORT_EXISTING)
        continue;

      /* Again on the order as it is now, inside the transaction: an edit made since the
       * plan was shown is kept. */
      now = ow_store_find_order (self->store, ow_order_get_marketplace (entry->order),
                                 ow_order_get_order_number (entry->order), &local_error);
      if (now == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      changes = ow_order_fill_in (now, entry->incoming);
      if (changes->len > 0 && !ow_store_update_order (self->store, now, error))
        goto fail;
      if (entry->records != NULL && !merge_parcels (self->store, ow_order_get_id (now),
                                                    entry->records, error))
        goto fail;
      g_set_object (&entry->order, now);
    }

  if (fresh->len > 0 && !ow_store_add_orders (self->store, fresh, error))
    goto fail;
  for (guint i = 0; i < fresh->len; i++)
    {
      OwOrderRecords *mine = g_ptr_array_index (fresh_records, i);
      gint64 id = ow_order_get_id (g_ptr_array_index (fresh, i));

      if (mine == NULL)
        continue;
      if (self->merge)
        {
          /* Parcels from mails, numbers from files: attached as typed ones are. */
          if (!merge_parcels (self->store, id, mine, error))
            goto fail;
          continue;
        }
      if (!ow_store_add_records (self->store, id, mine, error))
        goto fail;
      for (guint n = 0; n < mine->numbers->len; n++)
        if (!ow_order_attach_tracking (self->store, id, g_ptr_array_index (mine->numbers, n),
                                       NULL, error))
          goto fail;
    }

  if (!ow_store_commit (self->store, error))
    goto failed;
  return TRUE;

fail:
  ow_store_rollback (self->store);
failed:
  for (guint i = 0; i < fresh->len; i++)
    ow_order_set_id (g_ptr_array_index (fresh, i), 0);
  return FALSE;
}
