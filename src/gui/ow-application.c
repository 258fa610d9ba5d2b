/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-application.h"
#include "ow-application-private.h"
#include "ow-font-warmup.h"
#include "ow-order-list.h"
#include "ow-preferences-window.h"
#include "ow-startup-load.h"
#include "ow-store.h"
#include "ow-tracking-client.h"
#include "ow-window.h"

struct _OwApplication
{
  AdwApplication    parent_instance;

  char             *db_path;
  gboolean          demo;
  OwStartupLoad    *load;         /* reading on a thread until the store is first needed */
  OwStore          *store;        /* once read, this or store_error is set */
  char             *store_error;
  OwPolicyRegistry *policies;
  OwOrderList      *first_orders; /* read with the store, for the first window */
  OwFontWarmup     *fonts;        /* loading the first window's fonts */
  OwTrackingClient *tracking;
};

G_DEFINE_FINAL_TYPE (OwApplication, ow_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the orders database at PATH"), N_("PATH") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a separate demo database full of example orders"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static char *
demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "orderwatch", "demo.db", NULL);
}

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
  if (g_variant_dict_contains (options, "demo"))
    {
      g_free (self->db_path);
      self->db_path = demo_path ();
      self->demo = TRUE;
    }

  /* Another database is another app instance: it must not hand over to the running one,
   * which has its own file open. */
  if (self->db_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return ow_application_background_handle_options (self, options);
}

static char *
store_path (OwApplication *self)
{
  return self->db_path ? g_strdup (self->db_path) : ow_store_default_path ();
}

static gboolean
is_loaded (OwApplication *self)
{
  return self->store != NULL || self->store_error != NULL;
}

static void
start_loading (OwApplication *self,
               gboolean       with_orders)
{
  g_autofree char *path = NULL;

  if (self->load != NULL || is_loaded (self))
    return;
  path = store_path (self);
  self->load = ow_startup_load_start (path, self->demo, with_orders);
}

/* Joins the loading thread (started now if it was not); FALSE when the store is unusable. */
static gboolean
ensure_store (OwApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (!is_loaded (self))
    {
      start_loading (self, FALSE);
      ow_startup_load_finish (g_steal_pointer (&self->load), &self->store, &self->policies,
                              &self->first_orders, &error);
      if (self->store == NULL)
        {
          g_autofree char *path = store_path (self);

          self->store_error = g_strdup_printf (_("Cannot open the orders database %s: %s"),
                                               path, error->message);
          g_printerr ("%s\n", self->store_error);
        }
    }
  return self->store != NULL;
}

static void
show_store_error (OwApplication *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Cannot Open Your Orders"), self->store_error);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ow_application_activate (GApplication *app)
{
  OwApplication *self = OW_APPLICATION (app);
  GtkWindow *window;

  if (ow_application_background_activate (self))
    return;
  if (!ensure_store (self))
    {
      show_store_error (self);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL || !OW_IS_WINDOW (window))
    window = GTK_WINDOW (ow_window_new (self));
  /* Built, not yet measured: its text finds the fonts loaded. */
  if (self->fonts != NULL)
    ow_font_warmup_finish (g_steal_pointer (&self->fonts));
  gtk_window_present (window);
}

/* Application actions */

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (ow_preferences_window_new (parent));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Orderwatch developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Orderwatch"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Orderwatch developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keeps your online orders in one list, counts down "
                                      "every silent deadline — shipping, Buyer Protection, "
                                      "disputes, refunds — and warns you before one runs "
                                      "out."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_ISSUES,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows runs their close handlers (pending deletes, saved size). */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
  { "quit", quit_activated, NULL, NULL, NULL },
};

static gpointer
icon_theme_thread (gpointer data)
{
  g_autoptr(GtkIconTheme) theme = data;
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, "window-close-symbolic", NULL, 16, 1,
                                     GTK_TEXT_DIR_NONE, 0);
  return NULL;
}

/* Adding the app's icon path (GtkApplication's startup) makes the theme scan its folders
 * again on the next lookup: the first window's first icon would wait for it. GtkIconTheme
 * allows lookups from other threads (they hold its lock), so the scan runs on one while
 * the window is built. */
static void
warm_icon_theme (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_thread_unref (g_thread_new ("ow-icon-theme", icon_theme_thread, g_object_ref (theme)));
}

static void
ow_application_startup (GApplication *app)
{
  OwApplication *self = OW_APPLICATION (app);
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.add-order", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  /* The orders are read while GTK starts; a window will want them (unless --background). */
  start_loading (self, !ow_application_background_is_starting (self));
  if (!ow_application_background_is_starting (self))
    {
      g_autoptr(GtkWidget) probe = NULL;

      /* The display and its settings (the font, its size and options) are all the fonts
       * need: they load while libadwaita loads its style sheet (GtkApplication's own
       * gtk_init () below then does nothing). */
      gtk_init ();
      probe = g_object_ref_sink (gtk_label_new (NULL));
      self->fonts = ow_font_warmup_start (probe);
    }
  G_APPLICATION_CLASS (ow_application_parent_class)->startup (app);
  if (!ow_application_background_is_starting (self))
    warm_icon_theme ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);

  ow_application_background_startup (self);
}

static void
ow_application_dispose (GObject *object)
{
  OwApplication *self = OW_APPLICATION (object);

  /* Never activated: the thread must not outlive what it writes into. */
  if (self->load != NULL)
    ensure_store (self);
  if (self->fonts != NULL)
    ow_font_warmup_finish (g_steal_pointer (&self->fonts));
  g_clear_object (&self->first_orders);
  g_clear_object (&self->tracking);
  g_clear_object (&self->store);
  g_clear_object (&self->policies);

  G_OBJECT_CLASS (ow_application_parent_class)->dispose (object);
}

static void
ow_application_finalize (GObject *object)
{
  OwApplication *self = OW_APPLICATION (object);

  g_free (self->db_path);
  g_free (self->store_error);

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
  ow_application_background_init (self);
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

void
ow_application_set_db_path (OwApplication *self,
                            const char    *path)
{
  g_return_if_fail (OW_IS_APPLICATION (self));
  g_return_if_fail (self->store == NULL);

  g_free (self->db_path);
  self->db_path = g_strdup (path);
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
  ensure_store (self);
  return self->policies;
}

OwOrderList *
ow_application_take_first_orders (OwApplication *self)
{
  g_return_val_if_fail (OW_IS_APPLICATION (self), NULL);
  ensure_store (self);
  return g_steal_pointer (&self->first_orders);
}

OwTrackingClient *
ow_application_get_tracking_client (OwApplication *self)
{
  g_return_val_if_fail (OW_IS_APPLICATION (self), NULL);

  if (self->tracking == NULL && ensure_store (self))
    self->tracking = ow_tracking_client_new (self->store);
  return self->tracking;
}

gboolean
ow_application_get_demo (OwApplication *self)
{
  g_return_val_if_fail (OW_IS_APPLICATION (self), FALSE);
  return self->demo;
}
