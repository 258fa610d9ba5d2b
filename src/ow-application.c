/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-application.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-window.h"

struct _OwApplication
{
  AdwApplication    parent_instance;

  char             *db_path;
  OwStore          *store;
  OwPolicyRegistry *policies;
};

G_DEFINE_FINAL_TYPE (OwApplication, ow_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the orders database at PATH"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static int
ow_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  OwApplication *self = OW_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("orderwatch %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "db", "^ay", &self->db_path);
  return -1;
}

static gboolean
ensure_store (OwApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->store != NULL)
    return TRUE;

  path = self->db_path ? g_strdup (self->db_path) : ow_store_default_path ();
  self->store = ow_store_open (path, &error);
  if (self->store == NULL)
    {
      g_printerr (_("Cannot open the orders database %s: %s\n"), path, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
ow_application_activate (GApplication *app)
{
  OwApplication *self = OW_APPLICATION (app);
  GtkWindow *window;

  if (!ensure_store (self))
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (ow_window_new (self));

  gtk_window_present (window);
}

static void
ow_application_startup (GApplication *app)
{
  OwApplication *self = OW_APPLICATION (app);

  G_APPLICATION_CLASS (ow_application_parent_class)->startup (app);

  self->policies = ow_policy_registry_new ();
}

static void
ow_application_dispose (GObject *object)
{
  OwApplication *self = OW_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->policies);

  G_OBJECT_CLASS (ow_application_parent_class)->dispose (object);
}

static void
ow_application_finalize (GObject *object)
{
  OwApplication *self = OW_APPLICATION (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (ow_application_parent_class)->finalize (object);
}

static void
ow_application_class_init (OwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ow_application_dispose;
  object_class->finalize = ow_application_finalize;
  app_class->activate = ow_application_activate;
  app_class->startup = ow_application_startup;
  app_class->handle_local_options = ow_application_handle_local_options;
}

static void
ow_application_init (OwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

OwApplication *
ow_application_new (void)
{
  return g_object_new (OW_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

OwStore *
ow_application_get_store (OwApplication *self)
{
  g_return_val_if_fail (OW_IS_APPLICATION (self), NULL);
  ensure_store (self);
  return self->store;
}

OwPolicyRegistry *
ow_application_get_policies (OwApplication *self)
{
  g_return_val_if_fail (OW_IS_APPLICATION (self), NULL);
  return self->policies;
}
