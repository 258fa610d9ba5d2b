/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-application.h"

G_BEGIN_DECLS

#define OW_TYPE_WINDOW (ow_window_get_type ())

G_DECLARE_FINAL_TYPE (OwWindow, ow_window, OW, WINDOW, AdwApplicationWindow)

OwWindow *ow_window_new (OwApplication *application);

G_END_DECLS
