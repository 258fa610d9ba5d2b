/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hooks ow-application.c calls into ow-application-background.c: background mode, the
 * scheduler and notifications, the notification actions and autostart. */
#pragma once

#include "ow-application.h"

G_BEGIN_DECLS

/* From ow_application_init (): adds the --background option. */
void     ow_application_background_init           (OwApplication *self);
/* From handle_local_options, after --db was read: -1 to go on, else the exit status. */
int      ow_application_background_handle_options (OwApplication *self,
                                                   GVariantDict  *options);
/* From startup, once the policies are loaded: registers the notification actions
 * (app.open-order, app.open-dispute, app.snooze) and starts the scheduler; at shutdown
 * it stops and lets the notification server answer. */
void     ow_application_background_startup        (OwApplication *self);
/* Before startup: TRUE when started with --background (no window will open). */
gboolean ow_application_background_is_starting    (OwApplication *self);
/* From activate, first thing: TRUE when no window should open (started with --background). */
gboolean ow_application_background_activate       (OwApplication *self);

/* Where the autostart entry goes outside a sandbox. */
char    *ow_application_background_autostart_path (void);

G_END_DECLS
