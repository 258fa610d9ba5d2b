/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-dispute-section.c (what is shown) and ow-dispute-section-actions.c (what the
 * buyer records, and the dialogs that ask for it). */
#pragma once

#include "ow-deadlines.h"
#include "ow-dispute-section.h"
#include "ow-dispute.h"

G_BEGIN_DECLS

struct _OwDisputeSection
{
  GtkWidget            parent_instance;

  GtkWidget           *box;
  AdwPreferencesGroup *summary_group;
  GtkLabel            *state_label;
  GtkListBox          *summary_list;
  GtkWidget           *deadlines_group;
  GtkListBox          *deadlines_list;
  GtkWidget           *actions_group;
  GtkListBox          *actions_list;
  GtkWidget           *history_group;
  GtkListBox          *history_list;
  OwEvidenceGrid      *evidence_grid;

  OwStore             *store;
  OwPolicyRegistry    *policies;
  OwCountdownClock    *clock;
  gulong               tick_id;
  AdwToast            *last_toast;        /* weak */
  GtkNativeDialog     *dossier_chooser;
  GFile               *dossier_file;      /* being written, else NULL */

  OwOrder             *order;
  OwDispute           *dispute;
  OwDeadlineSet        set;
  GArray              *deadline_indices;  /* guint: index in @set of each row */
  GPtrArray           *deadline_rows;     /* OwDeadlineRow, shown order */
};

void ow_dispute_section_class_init_actions (GtkWidgetClass   *widget_class);
/* Rebuilds the rows of what can be recorded, for the dispute shown. */
void ow_dispute_section_fill_actions       (OwDisputeSection *self);
/* The toast shown (borrowed; NULL outside a window). */
AdwToast *ow_dispute_section_toast         (OwDisputeSection *self,
                                            const char       *title);

/* ow-dispute-section-dossier.c: the "Export the Dossier…" row and its action. */
GtkWidget *ow_dispute_section_dossier_row  (void);
void ow_dispute_section_class_init_dossier (GtkWidgetClass   *widget_class);

G_END_DECLS
