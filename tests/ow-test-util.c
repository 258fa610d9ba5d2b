/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ow-demo.h"
#include "ow-store.h"
#include "ow-test-util.h"

char *
ow_test_db_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.db", name, ++counter);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), file, NULL);
}

OwStore *
ow_test_store_new_seeded (const char *path,
                          guint       n_orders,
                          gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwStore) store = ow_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (n_orders > 0)
    {
      ow_demo_seed_many (store, n_orders, now, 1234, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&store);
}

GBytes *
ow_test_nested_json (const char *prefix,
                     guint       depth,
                     const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, suffix);
  return g_string_free_to_bytes (text);
}

void
ow_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        ow_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}
