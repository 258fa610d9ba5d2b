/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_APPLICATION (ow_application_get_type ())

G_DECLARE_FINAL_TYPE (OwApplication, ow_application, OW, APPLICATION, AdwApplication)

OwApplication    *ow_application_new          (void);
OwStore          *ow_application_get_store    (OwApplication *self);
OwPolicyRegistry *ow_application_get_policies (OwApplication *self);

G_END_DECLS
