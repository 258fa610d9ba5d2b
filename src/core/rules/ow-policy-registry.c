/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policies in force: the bundled ones, each replaced by a valid user file of the same id. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ow-core-resources.h"
#include "ow-deadlines.h"
#include "ow-dispute-terms.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-policy-registry.h"

#define POLICY_PATH RESOURCE_BASE "/policies/"

struct _OwPolicyRegistry
{
  GObject     parent_instance;

  GHashTable *policies;   /* id → OwPolicy: the marketplaces */
  GHashTable *channels;   /* id → OwPolicy: PayPal, the card ("kind": "channel") */
  GPtrArray  *warnings;   /* translated messages */
  GChecksum  *sources;    /* every policy file loaded, in order: see get_fingerprint */
  char       *fingerprint;
};

G_DEFINE_FINAL_TYPE (OwPolicyRegistry, ow_policy_registry, G_TYPE_OBJECT)

static void
ow_policy_registry_finalize (GObject *object)
{
  OwPolicyRegistry *self = OW_POLICY_REGISTRY (object);

  g_clear_pointer (&self->policies, g_hash_table_unref);
  g_clear_pointer (&self->channels, g_hash_table_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_checksum_free);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (ow_policy_registry_parent_class)->finalize (object);
}

static void
ow_policy_registry_class_init (OwPolicyRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_policy_registry_finalize;
}

static void
ow_policy_registry_init (OwPolicyRegistry *self)
{
  self->policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->sources = g_checksum_new (G_CHECKSUM_SHA256);
}

/* A later file of the same id replaces an earlier one, so the order counts too. */
static void
add_source (OwPolicyRegistry *self,
            const char       *origin,
            GBytes           *bytes)
{
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  g_checksum_update (self->sources, (const guchar *) origin, -1);
  g_checksum_update (self->sources, (const guchar *) "\n", 1);
  g_checksum_update (self->sources, (const guchar *) digest, -1);
  g_checksum_update (self->sources, (const guchar *) "\n", 1);
}

static void
load_bundled (OwPolicyRegistry *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (ow_core_get_resource (), POLICY_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      g_critical ("No bundled policies: %s", error->message);
      return;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (POLICY_PATH, names[i], NULL);
      g_autofree char *origin = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      OwPolicy *policy;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (ow_core_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      policy = bytes ? ow_policy_new_from_bytes (bytes, origin, &local_error) : NULL;
      /* The bundled files are tested; a broken one is a bug in the build. */
      if (policy == NULL)
        {
          g_critical ("Bundled policy %s: %s", names[i], local_error->message);
          continue;
        }
      add_source (self, origin, bytes);
      g_hash_table_replace (self->policies, g_strdup (ow_policy_get_id (policy)), policy);
    }
}

static void
reject (OwPolicyRegistry *self,
        char             *message)
{
  g_warning ("%s", message);
  g_ptr_array_add (self->warnings, message);
}

/* Policy files are a few KiB; anything near this is not one. */
#define POLICY_FILE_MAX (1024 * 1024)

/* Reads a regular file of at most POLICY_FILE_MAX bytes. Every command reads this folder, so
 * a FIFO (which blocks), /dev/zero (which never ends) or a huge file must not hang them. */
static GBytes *
read_policy_file (const char  *path,
                  GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat info;
  int fd;

  /* Non-blocking: opening a FIFO for reading would wait for a writer. Links are followed,
   * and what they lead to is checked like anything else. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE, _("%s: cannot read it: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE,
                   _("%s: not a regular file; only regular files of at most 1 MiB are read "
                     "from this folder"), path);
      close (fd);
      return NULL;
    }

  data = g_byte_array_new ();
  for (;;)
    {
      guint8 buffer[16384];
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE,
                       _("%s: cannot read it: %s"), path, g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      /* Checked while reading too: the file may grow after fstat. */
      if (data->len + (gsize) n > POLICY_FILE_MAX)
        {
          g_set_error (error, OW_POLICY_ERROR, OW_POLICY_ERROR_PARSE,
                       _("%s: larger than 1 MiB; a policy file is at most that"), path);
          close (fd);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
load_user_file (OwPolicyRegistry *self,
                const char       *directory,
                const char       *name)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *expected_id = g_strndup (name, strlen (name) - strlen (".json"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OwPolicy) policy = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if ((bytes = read_policy_file (path, &error)) == NULL)
    {
      reject (self, g_strdup (error->message));
      return;
    }

  policy = ow_policy_new_from_bytes (bytes, path, &error);

  if (policy == NULL)
    {
      reject (self, g_strdup (error->message));
      return;
    }

  if (!g_str_equal (ow_policy_get_id (policy), expected_id))
    {
      /* Translators: a file name, then the id the file must declare */
      reject (self, g_strdup_printf (_("%s: field “id” must be “%s”, the file’s name"),
                                     path, expected_id));
      return;
    }

  add_source (self, path, bytes);
  g_hash_table_replace (self->policies, g_strdup (expected_id), g_steal_pointer (&policy));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
load_directory (OwPolicyRegistry *self,
                const char       *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  /* No directory is the normal case: the user has not overridden anything. */
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && strlen (name) > strlen (".json"))
      g_ptr_array_add (names, g_strdup (name));
  /* The same warnings in the same order on every run. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    load_user_file (self, directory, g_ptr_array_index (names, i));
}

OwPolicyRegistry *
ow_policy_registry_new_for_directory (const char *directory)
{
  OwPolicyRegistry *self = g_object_new (OW_TYPE_POLICY_REGISTRY, NULL);

  GHashTableIter iter;
  gpointer id, policy;

  load_bundled (self);
  if (directory != NULL)
    load_directory (self, directory);

  /* Channels are no marketplace an order can be of: kept apart. */
  g_hash_table_iter_init (&iter, self->policies);
  while (g_hash_table_iter_next (&iter, &id, &policy))
    if (ow_dispute_terms_is_channel (ow_policy_get_dispute_terms (policy)))
      {
        g_hash_table_insert (self->channels, g_strdup (id), g_object_ref (policy));
        g_hash_table_iter_remove (&iter);
      }
  return self;
}

OwPolicyRegistry *
ow_policy_registry_new (void)
{
  g_autofree char *directory = g_build_filename (g_get_user_config_dir (), "orderwatch",
                                                 "policies", NULL);

  return ow_policy_registry_new_for_directory (directory);
}

const char *
ow_policy_registry_get_fingerprint (OwPolicyRegistry *self)
{
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), NULL);

  if (self->fingerprint == NULL)
    self->fingerprint = g_strdup_printf ("engine %d, policies %s", OW_DEADLINES_REVISION,
                                         g_checksum_get_string (self->sources));
  return self->fingerprint;
}

OwPolicy *
ow_policy_registry_lookup (OwPolicyRegistry *self,
                           const char       *marketplace)
{
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), NULL);

  if (marketplace == NULL)
    return NULL;
  return g_hash_table_lookup (self->policies, marketplace);
}

OwPolicy *
ow_policy_registry_lookup_channel (OwPolicyRegistry *self,
                                   OwDisputeChannel  channel,
                                   OwPolicy         *marketplace)
{
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), NULL);

  switch (channel)
    {
    case OW_CHANNEL_MARKETPLACE: return marketplace;
    case OW_CHANNEL_PAYPAL: return g_hash_table_lookup (self->channels, "paypal");
    case OW_CHANNEL_CARD: return g_hash_table_lookup (self->channels, "card");
    case OW_N_CHANNELS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
compare_policies (gconstpointer a,
                  gconstpointer b)
{
  OwPolicy *x = *(OwPolicy * const *) a, *y = *(OwPolicy * const *) b;
  g_autofree char *fx = g_utf8_casefold (ow_policy_get_name (x), -1);
  g_autofree char *fy = g_utf8_casefold (ow_policy_get_name (y), -1);

  /* "eBay" between "Amazon" and "Temu", whatever the case. */
  return g_utf8_collate (fx, fy);
}

GPtrArray *
ow_policy_registry_list (OwPolicyRegistry *self)
{
  GPtrArray *list;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), NULL);

  list = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->policies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, g_object_ref (value));
  g_ptr_array_sort (list, compare_policies);
  return list;
}

GPtrArray *
ow_policy_registry_get_warnings (OwPolicyRegistry *self)
{
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), NULL);
  return self->warnings;
}

gboolean
ow_policy_registry_check_order (OwPolicyRegistry *self,
                                OwOrder          *order,
                                gint64            now,
                                char             *messages[])
{
  gboolean valid;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);

  valid = ow_order_check_fields (order, now, messages);
  policy = ow_policy_registry_lookup (self, ow_order_get_marketplace (order));
  if (policy != NULL && messages[OW_ORDER_FIELD_ORDER_NUMBER] == NULL)
    {
      messages[OW_ORDER_FIELD_ORDER_NUMBER] =
        ow_policy_check_order_number (policy, ow_order_get_order_number (order));
      valid &= messages[OW_ORDER_FIELD_ORDER_NUMBER] == NULL;
    }
  return valid;
}

gboolean
ow_policy_registry_validate_order (OwPolicyRegistry  *self,
                                   OwOrder           *order,
                                   gint64             now,
                                   GError           **error)
{
  g_autofree char *problem = NULL;
  OwPolicy *policy;

  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (self), FALSE);
  g_return_val_if_fail (OW_IS_ORDER (order), FALSE);

  if (!ow_order_validate_at (order, now, error))
    return FALSE;
  policy = ow_policy_registry_lookup (self, ow_order_get_marketplace (order));
  if (policy != NULL &&
      (problem = ow_policy_check_order_number (policy, ow_order_get_order_number (order))))
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, problem);
      return FALSE;
    }
  return TRUE;
}
