/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_APPLICATION (ow_application_get_type ())

G_DECLARE_FINAL_TYPE (OwApplication, ow_application, OW, APPLICATION, AdwApplication)

OwApplication    *ow_application_new                 (void);
/* Before the store is opened (tests): like --db PATH. */
void              ow_application_set_db_path         (OwApplication *self,
                                                      const char    *path);
/* Opens the store on first use; NULL when it cannot be opened. */
OwStore          *ow_application_get_store           (OwApplication *self);
OwPolicyRegistry *ow_application_get_policies        (OwApplication *self);
/* (transfer full) (nullable): the order list read at start-up with the store, once; later
 * windows make their own. */
OwOrderList      *ow_application_take_first_orders   (OwApplication *self);
/* The app's one tracking client (one HTTP session), made on first use. */
OwTrackingClient *ow_application_get_tracking_client (OwApplication *self);
/* Started with --demo. */
gboolean          ow_application_get_demo            (OwApplication *self);

G_END_DECLS
