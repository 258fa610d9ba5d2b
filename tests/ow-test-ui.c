/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "ow-test-ui.h"

void
ow_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;
  g_auto(GStrv) system_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
  GtkIconTheme *icons;

  /* Icons are SVG, recognised through the MIME database: keep the system's one while the
   * test's own directories are isolated. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  /* Pages settle in one frame, so what a test checks or photographs is the end state.
   * It also keeps clear of a libadwaita 1.2 crash: destroying a window while one toast
   * hides and the next shows makes both animations skip on unmap, and their "done"
   * handlers unref freed toast data. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  icons = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icons, dir);
    }
  /* The app's own icons, as AdwApplication finds them. */
  gtk_icon_theme_add_resource_path (icons, RESOURCE_BASE "/icons");

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
ow_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
ow_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data) && g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      if (condition (data))
        break;
      ow_test_iterate (10);
    }
  return condition (data);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  gboolean *painted = data;

  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

GtkWidget *
ow_test_find_widget (GtkWidget         *root,
                     OwTestWidgetMatch  matches,
                     gconstpointer      data)
{
  if (matches (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ow_test_find_widget (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
ow_test_find_named (GtkWidget  *root,
                    const char *name)
{
  return ow_test_find_widget (root, is_named, name);
}

void
ow_test_wait_for_draw (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Let pending layout and style work settle, then wait for a frame painted after it. */
  ow_test_iterate (50);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  /* Generous: a frame can take seconds under the sanitizers on a busy machine. */
  ow_test_wait_until (is_true, &painted, 30000);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

/* The keyboard to @window: no window manager under Xvfb hands it over. */
static Display *
focus_window (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  g_assert_nonnull (surface);
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XRaiseWindow (xdisplay, gdk_x11_surface_get_xid (surface));
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  ow_test_iterate (50);
  return xdisplay;
}

static void
send_key (Display *xdisplay,
          guint    keyval,
          gboolean shift)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);
  KeyCode shift_code = XKeysymToKeycode (xdisplay, GDK_KEY_Shift_L);

  g_assert_cmpuint (code, !=, 0);
  if (shift)
    XTestFakeKeyEvent (xdisplay, shift_code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  if (shift)
    XTestFakeKeyEvent (xdisplay, shift_code, False, CurrentTime);
  XSync (xdisplay, False);
}

void
ow_test_press_key (GtkWidget       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  Display *xdisplay;
  KeyCode control = 0;

  g_return_if_fail (GTK_IS_WINDOW (window));

  xdisplay = focus_window (window);
  if (modifiers & GDK_CONTROL_MASK)
    {
      control = XKeysymToKeycode (xdisplay, GDK_KEY_Control_L);
      XTestFakeKeyEvent (xdisplay, control, True, CurrentTime);
    }
  send_key (xdisplay, keyval, (modifiers & GDK_SHIFT_MASK) != 0);
  if (control != 0)
    XTestFakeKeyEvent (xdisplay, control, False, CurrentTime);
  XSync (xdisplay, False);
  ow_test_iterate (100);
}

void
ow_test_type_text (GtkWidget  *window,
                   const char *text)
{
  Display *xdisplay;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (text != NULL);

  xdisplay = focus_window (window);
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isprint (*p));
      send_key (xdisplay, gdk_unicode_to_keyval (*p), g_ascii_isupper (*p));
      ow_test_iterate (20);
    }
  ow_test_iterate (100);
}

char *
ow_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  GskRenderer *renderer;
  int width = 0, height = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  /* The paintable draws what the widget would draw now; right after a change that can be
   * nothing yet, so wait for a frame and try again. */
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      ow_test_wait_for_draw (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (height, >, 0);

      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

gboolean
ow_test_drop_file (GtkWidget  *widget,
                   const char *path)
{
  GtkDropTarget *target = find_drop_target (widget);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  return handled;
}
