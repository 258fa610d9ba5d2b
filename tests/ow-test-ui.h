/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared helpers for tests that open real windows (under Xvfb). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* g_test_init () with isolated directories, then GTK and libadwaita, keeping the system's
 * MIME database and icon theme (SVG icons need both) and loading the app's style sheet as
 * AdwApplication would. */
void      ow_test_ui_init         (int         *argc,
                                   char      ***argv);
/* Runs the main loop for @ms milliseconds. */
void      ow_test_iterate         (guint       ms);
/* Runs the main loop until @condition returns TRUE or @timeout_ms passes; returns the
 * last result. */
gboolean  ow_test_wait_until      (gboolean  (*condition) (gpointer data),
                                   gpointer    data,
                                   guint       timeout_ms);
/* Runs the main loop until @widget's window has drawn a frame with its current
 * layout. */
void      ow_test_wait_for_draw   (GtkWidget  *widget);
/* Real key presses, as a keyboard makes them: through the X server (XTEST) to @window,
 * which gets the keyboard first. @keyval is a GDK key such as GDK_KEY_Escape; @text is typed
 * one character at a time (ASCII). Each returns once GTK has handled the keys. */
void      ow_test_press_key       (GtkWidget  *window,
                                   guint       keyval,
                                   GdkModifierType modifiers);
void      ow_test_type_text       (GtkWidget  *window,
                                   const char *text);
/* Renders @widget (usually a window) into $G_TEST_BUILDDIR/screenshots/@name.png and
 * returns the path. */
char     *ow_test_screenshot      (GtkWidget  *widget,
                                   const char *name);

/* The first widget at or under @root, depth first, for which @matches returns TRUE; or NULL. */
typedef gboolean (*OwTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);
GtkWidget *ow_test_find_widget    (GtkWidget         *root,
                                   OwTestWidgetMatch  matches,
                                   gconstpointer      data);
/* The first widget at or under @root named @name (gtk_widget_set_name ()). */
GtkWidget *ow_test_find_named     (GtkWidget  *root,
                                   const char *name);

/* A file dropped on @widget, as the drag and drop machinery hands it over to the widget's
 * GtkDropTarget (asserted to exist); returns whether the target took it. */
gboolean  ow_test_drop_file       (GtkWidget  *widget,
                                   const char *path);

G_END_DECLS
