/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-error.h"

G_DEFINE_QUARK (ow-input-error-quark, ow_input_error)
G_DEFINE_QUARK (ow-store-error-quark, ow_store_error)
G_DEFINE_QUARK (ow-policy-error-quark, ow_policy_error)
G_DEFINE_QUARK (ow-tracking-error-quark, ow_tracking_error)
