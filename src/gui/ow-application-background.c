/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Background mode: reminders and refreshes go on after the window closes. The application
 * holds itself while "Run in background" is on or when started with --background, keeps the
 * scheduler running, answers the notifications' buttons (also when D-Bus activated) and
 * keeps the autostart entry, or the Background portal's permission, in step. */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <string.h>

#include "ow-application-private.h"
#include "ow-notifier.h"
#include "ow-policy.h"
#include "ow-scheduler.h"
#include "ow-store.h"
#include "ow-tracking-client.h"
#include "ow-window.h"

typedef struct
{
  gboolean     background_start;   /* --background: no window at start */
  gboolean     held_for_option;
  gboolean     held_for_setting;
  GSettings   *settings;
  OwNotifier  *notifier;
  OwScheduler *scheduler;
  guint        sigterm_id;
  guint        sigint_id;
  XdpPortal   *portal;             /* inside a sandbox: the Background portal */
  GCancellable *portal_cancellable;
  GCancellable *refresh_cancellable;
  guint        start_id;           /* the scheduler's deferred start */
  gulong       window_added_id;
} Background;

static const GOptionEntry background_entries[] = {
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, sending reminders and refreshing tracking"), NULL },
  { NULL }
};

static void
background_free (gpointer data)
{
  Background *bg = data;

  g_clear_handle_id (&bg->sigterm_id, g_source_remove);
  g_clear_handle_id (&bg->sigint_id, g_source_remove);
  g_clear_handle_id (&bg->start_id, g_source_remove);
  if (bg->scheduler != NULL)
    ow_scheduler_stop (bg->scheduler);
  g_clear_object (&bg->scheduler);
  g_clear_object (&bg->notifier);
  g_clear_object (&bg->settings);
  g_clear_object (&bg->refresh_cancellable);
  g_clear_object (&bg->portal_cancellable);
  g_clear_object (&bg->portal);
  g_free (bg);
}

static Background *
get_background (OwApplication *self)
{
  static GQuark quark;
  Background *bg;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("ow-application-background");

  bg = g_object_get_qdata (G_OBJECT (self), quark);
  if (bg == NULL)
    {
      bg = g_new0 (Background, 1);
      g_object_set_qdata_full (G_OBJECT (self), quark, bg, background_free);
    }
  return bg;
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* Autostart */

char *
ow_application_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop",
                           NULL);
}

static void
write_autostart (gboolean enable)
{
  g_autofree char *path = ow_application_background_autostart_path ();
  g_autoptr(GError) error = NULL;

  if (!enable)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", path, g_strerror (errno));
      return;
    }
  else
    {
      g_autoptr(GKeyFile) file = g_key_file_new ();
      g_autofree char *dir = g_path_get_dirname (path);
      const char *group = G_KEY_FILE_DESKTOP_GROUP;

      g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
      g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_NAME, "Orderwatch");
      g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                             _("Send order deadline reminders in the background"));
      g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_EXEC, "orderwatch --background");
      g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
      g_key_file_set_boolean (file, group, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
      g_key_file_set_boolean (file, group, "X-GNOME-Autostart-enabled", TRUE);

      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !g_key_file_save_to_file (file, path, &error))
        g_warning ("Cannot write the autostart entry %s: %s", path,
                   error ? error->message : g_strerror (errno));
    }
}

static void
on_background_requested_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean enable = GPOINTER_TO_INT (user_data);

  /* FALSE without an error: the portal answered, and said no. */
  if (xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !enable)
    return;
  if (error != NULL)
    g_debug ("Background portal: %s", error->message);
  g_message (_("Running in the background was not allowed; reminders stop when the "
               "window closes. It can be allowed in the system settings."));
}

/* Inside a sandbox the autostart entry is the portal's to write. */
static void
request_background_portal (OwApplication *self,
                           gboolean       enable)
{
  Background *bg = get_background (self);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  XdpParent *parent = window != NULL ? xdp_parent_new_gtk (window) : NULL;

  if (bg->portal == NULL)
    bg->portal = xdp_portal_new ();
  if (bg->portal_cancellable == NULL)
    bg->portal_cancellable = g_cancellable_new ();
  g_ptr_array_add (commandline, g_strdup ("orderwatch"));
  g_ptr_array_add (commandline, g_strdup ("--background"));
  xdp_portal_request_background (bg->portal, parent,
                                 _("Send order deadline reminders while the window is closed"),
                                 commandline,
                                 enable ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 bg->portal_cancellable, on_background_requested_cb,
                                 GINT_TO_POINTER (enable));
  g_clear_pointer (&parent, xdp_parent_free);
}

static void
sync_autostart (OwApplication *self,
                gboolean       enable)
{
  if (in_flatpak ())
    request_background_portal (self, enable);
  else
    write_autostart (enable);
}

/* Holding */

static void
set_setting_hold (OwApplication *self,
                  gboolean       hold)
{
  Background *bg = get_background (self);

  if (hold == bg->held_for_setting)
    return;
  bg->held_for_setting = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_run_in_background_changed_cb (GSettings     *settings,
                                 const char    *key,
                                 OwApplication *self)
{
  gboolean enable = g_settings_get_boolean (settings, key);

  set_setting_hold (self, enable);
  sync_autostart (self, enable);
}

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  /* A clean exit, as Quit in the menu: the windows close (a delete waiting to be undone is
   * made, the list's computations saved), the store closes (an unclean shutdown would make
   * the next start check the whole file), pending notifications are answered. */
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

/* Notification actions */

/* Opens the window (starting the app if a click D-Bus activated it) at the order. */
static OwWindow *
show_order (OwApplication *self,
            gint64         order_id)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (!OW_IS_WINDOW (window))
    return NULL;
  ow_window_show_order (OW_WINDOW (window), order_id);
  return OW_WINDOW (window);
}

static void
open_order_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  show_order (user_data, g_variant_get_int64 (parameter));
}

static void
open_dispute_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  gint64 order_id = g_variant_get_int64 (parameter);
  OwWindow *window = show_order (user_data, order_id);

  /* The dispute wizard is the window's; without it the order's page is the next best. */
  if (window != NULL &&
      !gtk_widget_activate_action (GTK_WIDGET (window), "win.open-dispute", "x", order_id))
    g_debug ("No dispute wizard to open; showing order %" G_GINT64_FORMAT, order_id);
}

static void
snooze_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OwApplication *self = user_data;
  Background *bg = get_background (self);
  const char *target = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  const char *colon = strchr (target, ':');
  gint64 order_id = 0;
  g_autofree char *id_text = NULL;

  id_text = colon ? g_strndup (target, colon - target) : NULL;
  if (id_text == NULL || colon[1] == '\0' ||
      !g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &order_id, NULL))
    {
      g_warning ("Ignoring a snooze for “%s”: expected ORDER-ID:DEADLINE", target);
      return;
    }
  if (bg->scheduler == NULL)
    return;
  if (!ow_scheduler_snooze (bg->scheduler, order_id, colon + 1, &error))
    g_warning ("Cannot snooze the reminder: %s", error->message);
}

static const GActionEntry notification_actions[] = {
  { "open-order", open_order_activated, "x", NULL, NULL },
  { "open-dispute", open_dispute_activated, "x", NULL, NULL },
  { "snooze", snooze_activated, "s", NULL, NULL },
};

/* Tracking refreshes, when the scheduler says parcels are due */

static void
on_refresh_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OwApplication) self = user_data;
  g_autoptr(OwTrackingSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  Background *bg = get_background (self);

  summary = ow_tracking_client_refresh_finish (OW_TRACKING_CLIENT (source), result, &error);
  if (summary == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Tracking refresh failed: %s", error->message);
      return;
    }
  /* The parcels' next checks moved, visible or not: plan with them. */
  if (bg->scheduler != NULL)
    ow_scheduler_plan_refresh (bg->scheduler);
}

static void
on_refresh_due_cb (OwScheduler   *scheduler,
                   OwApplication *self)
{
  Background *bg = get_background (self);
  OwTrackingClient *client = ow_application_get_tracking_client (self);

  /* A refresh the window started is already on it. */
  if (client == NULL || ow_tracking_client_get_busy (client))
    return;
  if (bg->refresh_cancellable == NULL)
    bg->refresh_cancellable = g_cancellable_new ();
  ow_tracking_client_refresh_async (client, NULL, 0, bg->refresh_cancellable,
                                    on_refresh_done_cb, g_object_ref (self));
}

/* Deferred scheduler start */

/* However long the first frame takes, reminders start by then. */
#define START_LATEST_MS 2000

static gboolean
start_scheduler_cb (gpointer data)
{
  OwApplication *self = data;
  Background *bg = get_background (self);

  bg->start_id = 0;
  g_clear_signal_handler (&bg->window_added_id, self);
  if (bg->scheduler != NULL)
    ow_scheduler_start (bg->scheduler);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   OwApplication *self)
{
  Background *bg = get_background (self);

  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  /* Still pending: start once the frame is out, before the next one is due. */
  if (bg->start_id != 0)
    {
      g_source_remove (bg->start_id);
      bg->start_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_scheduler_cb, self, NULL);
      g_source_set_name_by_id (bg->start_id, "[orderwatch] start the scheduler");
    }
}

static void
on_window_realize_cb (GtkWidget     *window,
                      OwApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, on_window_realize_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_first_paint_cb), self, 0);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  Background *bg = get_background (OW_APPLICATION (app));

  g_clear_signal_handler (&bg->window_added_id, app);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), OW_APPLICATION (app));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), app);
}

/* Hooks */

static void on_shutdown_cb (OwApplication *self);

void
ow_application_background_init (OwApplication *self)
{
  g_return_if_fail (OW_IS_APPLICATION (self));
  g_application_add_main_option_entries (G_APPLICATION (self), background_entries);
}

int
ow_application_background_handle_options (OwApplication *self,
                                          GVariantDict  *options)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (OW_IS_APPLICATION (self), 1);

  if (!g_variant_dict_contains (options, "background"))
    return -1;

  /* Registering runs startup, which must know already. */
  get_background (self)->background_start = TRUE;
  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Already running: it sends the reminders; asking it to activate would open a window. */
  if (g_application_get_is_remote (G_APPLICATION (self)))
    return 0;
  return -1;
}

void
ow_application_background_startup (OwApplication *self)
{
  Background *bg;
  OwStore *store;

  g_return_if_fail (OW_IS_APPLICATION (self));

  bg = get_background (self);
  /* Registered here so a click on a notification works when D-Bus activation started us. */
  g_action_map_add_action_entries (G_ACTION_MAP (self), notification_actions,
                                   G_N_ELEMENTS (notification_actions), self);

  bg->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (bg->settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_changed_cb), self, 0);

  if (bg->background_start)
    {
      bg->held_for_option = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  /* The session ends programs with SIGTERM; a terminal with SIGINT. */
  bg->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  bg->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  if (g_settings_get_boolean (bg->settings, "run-in-background"))
    {
      g_autofree char *path = ow_application_background_autostart_path ();

      set_setting_hold (self, TRUE);
      if (!in_flatpak () && !g_file_test (path, G_FILE_TEST_EXISTS))
        write_autostart (TRUE);
    }

  g_signal_connect (self, "shutdown", G_CALLBACK (on_shutdown_cb), NULL);

  store = ow_application_get_store (self);
  if (store == NULL)
    return;

  bg->notifier = ow_notifier_new (G_APPLICATION (self));
  bg->scheduler = ow_scheduler_new (store, ow_application_get_policies (self), bg->settings,
                                    bg->notifier);
  g_signal_connect_object (bg->scheduler, "refresh-due", G_CALLBACK (on_refresh_due_cb), self, 0);

  /* Planning reads every order: not needed to draw, so a window's first frame comes first.
   * Without a window (--background) nothing waits. */
  if (bg->background_start)
    {
      ow_scheduler_start (bg->scheduler);
      return;
    }
  bg->window_added_id = g_signal_connect (self, "window-added",
                                          G_CALLBACK (on_window_added_cb), NULL);
  bg->start_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, START_LATEST_MS,
                                     start_scheduler_cb, self, NULL);
  g_source_set_name_by_id (bg->start_id, "[orderwatch] start the scheduler");
}

gboolean
ow_application_background_is_starting (OwApplication *self)
{
  g_return_val_if_fail (OW_IS_APPLICATION (self), FALSE);
  return get_background (self)->background_start;
}

gboolean
ow_application_background_activate (OwApplication *self)
{
  Background *bg;

  g_return_val_if_fail (OW_IS_APPLICATION (self), FALSE);

  bg = get_background (self);
  /* Only the activation that comes with --background itself; a later launch opens a window. */
  if (bg->background_start)
    {
      bg->background_start = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* Before GtkApplication's own shutdown (a handler runs before the class's). */
static void
on_shutdown_cb (OwApplication *self)
{
  Background *bg = get_background (self);

  g_clear_handle_id (&bg->start_id, g_source_remove);
  g_clear_signal_handler (&bg->window_added_id, self);
  if (bg->scheduler != NULL)
    ow_scheduler_stop (bg->scheduler);
  if (bg->refresh_cancellable != NULL)
    g_cancellable_cancel (bg->refresh_cancellable);
  if (bg->notifier != NULL)
    ow_notifier_flush (bg->notifier);
  if (bg->portal_cancellable != NULL)
    g_cancellable_cancel (bg->portal_cancellable);
  g_clear_handle_id (&bg->sigterm_id, g_source_remove);
  g_clear_handle_id (&bg->sigint_id, g_source_remove);
}
