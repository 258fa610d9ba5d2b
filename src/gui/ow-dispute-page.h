/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One step of the dispute wizard: a page of groups that reads and writes the wizard's draft,
 * says whether it is complete (Next is possible) and, if not, why. */
#pragma once

#include <adwaita.h>

#include "ow-types.h"

G_BEGIN_DECLS

typedef struct _OwDisputeWizard OwDisputeWizard;

#define OW_TYPE_DISPUTE_PAGE (ow_dispute_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (OwDisputePage, ow_dispute_page, OW, DISPUTE_PAGE, AdwPreferencesPage)

struct _OwDisputePageClass
{
  AdwPreferencesPageClass parent_class;

  /* The page comes into view: bring it up to date with the draft. */
  void (*shown) (OwDisputePage *self);
  /* The window's clock ticked (only while the page is in view). */
  void (*tick)  (OwDisputePage *self,
                 gint64         now);
};

/* Properties: "wizard" (construct-only, not owned: the wizard owns its pages), "complete"
 * (boolean, read-only) and "blocker" (string, read-only: why Next is not possible yet). */
OwDisputeWizard *ow_dispute_page_get_wizard   (OwDisputePage *self);
gboolean         ow_dispute_page_get_complete (OwDisputePage *self);
const char      *ow_dispute_page_get_blocker  (OwDisputePage *self);
/* For subclasses: @blocker NULL means complete. */
void             ow_dispute_page_set_blocker  (OwDisputePage *self,
                                               const char    *blocker);
void             ow_dispute_page_shown        (OwDisputePage *self);
void             ow_dispute_page_tick         (OwDisputePage *self,
                                               gint64         now);

/* Building blocks the pages share. */
/* A row with a radio-style check button acting on @action_name with @target; the row's title
 * is the button's accessible name. */
GtkWidget       *ow_dispute_page_choice_row   (const char    *title,
                                               const char    *subtitle,
                                               const char    *action_name,
                                               GVariant      *target,
                                               GtkCheckButton **check);
/* A flat button copying @text (wizard.copy), named "Copy @what" for screen readers. */
GtkWidget       *ow_dispute_page_copy_button  (const char    *what,
                                               const char    *text);
/* A wrapping label inside a group: a paragraph of a page. */
GtkWidget       *ow_dispute_page_paragraph    (const char    *text,
                                               const char    *css_class);
/* Removes every row a group was given with ow_dispute_page_group_add (). */
void             ow_dispute_page_group_add    (AdwPreferencesGroup *group,
                                               GtkWidget           *row);
void             ow_dispute_page_group_clear  (AdwPreferencesGroup *group);

G_END_DECLS
