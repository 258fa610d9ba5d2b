/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Evidence": what the reason needs and whether it is required, the marketplace's limits, and
 * the order's files as thumbnails (OwEvidenceGrid: add, drop, remove, a note each, over-limit
 * files flagged). Files belong to the order, not to the draft: they stay when it starts over. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-draft.h"
#include "ow-dispute-evidence-page.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-terms.h"
#include "ow-dispute-wizard.h"
#include "ow-evidence-grid.h"
#include "ow-order.h"
#include "ow-policy.h"

struct _OwDisputeEvidencePage
{
  OwDisputePage        parent_instance;

  AdwPreferencesGroup *need_group;
  GtkLabel            *need_label;
  AdwPreferencesGroup *limits_group;
  OwEvidenceGrid      *grid;
};

G_DEFINE_FINAL_TYPE (OwDisputeEvidencePage, ow_dispute_evidence_page, OW_TYPE_DISPUTE_PAGE)

static void
ow_dispute_evidence_page_shown (OwDisputePage *page)
{
  OwDisputeEvidencePage *self = OW_DISPUTE_EVIDENCE_PAGE (page);
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (page);
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  const char *id = ow_dispute_draft_get_reason (ow_dispute_wizard_get_draft (wizard));
  const OwDisputeReason *reason = id ? ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), id)
                                     : NULL;
  g_autofree char *limits = ow_dispute_guide_describe_limits (policy);

  adw_preferences_group_set_description (self->need_group,
                                         reason ? ow_dispute_reason_get_evidence (reason) : NULL);
  gtk_label_set_label (self->need_label, reason ? ow_dispute_guide_evidence_need (reason) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->need_group), reason != NULL);
  adw_preferences_group_set_description (self->limits_group, limits);
  gtk_widget_set_visible (GTK_WIDGET (self->limits_group), limits != NULL);
  ow_evidence_grid_set_order_id (self->grid,
                                 ow_order_get_id (ow_dispute_wizard_get_order (wizard)));
}

static void
ow_dispute_evidence_page_constructed (GObject *object)
{
  OwDisputeEvidencePage *self = OW_DISPUTE_EVIDENCE_PAGE (object);
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  GtkWidget *group;

  G_OBJECT_CLASS (ow_dispute_evidence_page_parent_class)->constructed (object);

  g_object_set (self, "name", "evidence", "title", _("Evidence"), NULL);
  self->need_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->need_group, _("What to Attach"));
  self->need_label = GTK_LABEL (ow_dispute_page_paragraph (NULL, "heading"));
  adw_preferences_group_add (self->need_group, GTK_WIDGET (self->need_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->need_group);

  self->limits_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->limits_group, _("The Marketplace’s Limits"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->limits_group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Your Files"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Copies are kept with the order; the originals are "
                                           "never moved or changed."));
  self->grid = OW_EVIDENCE_GRID (ow_evidence_grid_new ());
  ow_evidence_grid_set_context (self->grid, ow_dispute_wizard_get_store (wizard),
                                ow_dispute_wizard_get_policies (wizard));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->grid));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  ow_dispute_evidence_page_shown (OW_DISPUTE_PAGE (self));
}

static void
ow_dispute_evidence_page_class_init (OwDisputeEvidencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_evidence_page_constructed;
  page_class->shown = ow_dispute_evidence_page_shown;
  g_type_ensure (OW_TYPE_EVIDENCE_GRID);
}

static void
ow_dispute_evidence_page_init (OwDisputeEvidencePage *self)
{
}

GtkWidget *
ow_dispute_evidence_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_EVIDENCE_PAGE, "wizard", wizard, NULL);
}

OwEvidenceGrid *
ow_dispute_evidence_page_get_grid (OwDisputeEvidencePage *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_EVIDENCE_PAGE (self), NULL);
  return self->grid;
}
