/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OW_TYPE_PREFERENCES_WINDOW (ow_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (OwPreferencesWindow, ow_preferences_window, OW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWindow *ow_preferences_window_new (GtkWindow *parent);

G_END_DECLS
