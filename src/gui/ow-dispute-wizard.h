/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ow-countdown-clock.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute-page.h"
#include "ow-types.h"

G_BEGIN_DECLS

#define OW_TYPE_DISPUTE_WIZARD (ow_dispute_wizard_get_type ())

G_DECLARE_FINAL_TYPE (OwDisputeWizard, ow_dispute_wizard, OW, DISPUTE_WIZARD, AdwWindow)

/* The dispute wizard: a window of its own, transient for the main window, that walks the
 * buyer from "can I open one now?" to a dispute recorded as opened, one page a step, with
 * Back, Cancel and a suggested Next in the header. What is chosen lives in an OwDisputeDraft
 * saved beside the database, so closing it half-way and opening it again resumes it.
 *
 * Properties: "page" (string, read-only: the page in view: window, reason, solution, amount,
 * description, evidence, review), "resumed" (boolean, read-only: it continues a saved draft),
 * "order-url" (string, read-only: the order's page on the marketplace, or NULL).
 * Signals: "submitted" (OwDispute *dispute, const char *warning): recorded as opened; the
 * window closes right after.
 * Widget actions: wizard.next, wizard.back, wizard.cancel, wizard.go (s: a page), wizard.copy
 * (s), wizard.open-order, wizard.submit, wizard.start-over, wizard.enable-reminders. */

/* Brings forward the wizard already open for the order, or opens one: transient for
 * @parent (nullable), reading the order from @store. NULL with @error when the order cannot
 * be read. */
OwDisputeWizard  *ow_dispute_wizard_present      (GtkWindow        *parent,
                                                  OwStore          *store,
                                                  OwPolicyRegistry *policies,
                                                  OwCountdownClock *clock,
                                                  gint64            order_id,
                                                  GError          **error);
/* The wizard open for order @order_id of @store, or NULL. */
OwDisputeWizard  *ow_dispute_wizard_find         (OwStore          *store,
                                                  gint64            order_id);

OwStore          *ow_dispute_wizard_get_store    (OwDisputeWizard  *self);
OwPolicyRegistry *ow_dispute_wizard_get_policies (OwDisputeWizard  *self);
OwCountdownClock *ow_dispute_wizard_get_clock    (OwDisputeWizard  *self);
/* The app's settings (reminders), or NULL when the schema is not installed. */
GSettings        *ow_dispute_wizard_get_settings (OwDisputeWizard  *self);
OwOrder          *ow_dispute_wizard_get_order    (OwDisputeWizard  *self);
/* The order's marketplace policy. */
OwPolicy         *ow_dispute_wizard_get_policy   (OwDisputeWizard  *self);
OwDisputeDraft   *ow_dispute_wizard_get_draft    (OwDisputeWizard  *self);
/* The window on every channel at the last tick (OW_N_CHANNELS of them). */
const OwDisputeWindow *ow_dispute_wizard_get_windows (OwDisputeWizard *self);
gint64            ow_dispute_wizard_get_now      (OwDisputeWizard  *self);
const char       *ow_dispute_wizard_get_page     (OwDisputeWizard  *self);
OwDisputePage    *ow_dispute_wizard_get_page_widget (OwDisputeWizard *self,
                                                  const char       *name);
gboolean          ow_dispute_wizard_get_resumed  (OwDisputeWizard  *self);
const char       *ow_dispute_wizard_get_order_url (OwDisputeWizard *self);
void              ow_dispute_wizard_toast        (OwDisputeWizard  *self,
                                                  const char       *title);

G_END_DECLS
