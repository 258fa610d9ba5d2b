/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_ORDER_EDITOR (ow_order_editor_get_type ())

G_DECLARE_FINAL_TYPE (OwOrderEditor, ow_order_editor, OW, ORDER_EDITOR, AdwWindow)

/* A modal dialog adding an order (@order_or_null NULL) or editing a copy of one.
 * Emits "saved" (gint64 order id) after the store write succeeded, then closes. */
GtkWindow *ow_order_editor_new         (GtkWindow        *parent,
                                        OwStore          *store,
                                        OwPolicyRegistry *policies,
                                        OwOrder          *order_or_null);

/* Fills the form from text copied from an order page (what "Paste Order Details" does);
 * returns the fields it found. Fields it did not find are highlighted. */
guint      ow_order_editor_fill_from_text (OwOrderEditor *self,
                                        const char       *text);

G_END_DECLS
