/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ow-order-detail.c (what is shown) and ow-order-detail-actions.c (what the
 * user can do). */
#pragma once

#include <adwaita.h>

#include "ow-deadlines.h"
#include "ow-dispute-section.h"
#include "ow-order-action.h"
#include "ow-order-detail.h"

G_BEGIN_DECLS

struct _OwOrderDetail
{
  GtkWidget         parent_instance;

  GtkWidget        *scroller;
  GtkLabel         *status_label;
  GtkLabel         *title_label;
  GtkLabel         *store_label;
  GtkLabel         *amount_label;
  GtkLabel         *number_label;
  GtkWidget        *next_box;
  GtkImage         *next_icon;
  GtkLabel         *next_title;
  GtkLabel         *next_label;
  OwDisputeSection *dispute_section;
  OwTimeline       *timeline;
  GtkWidget        *timeline_box;
  GtkWidget        *actions_group;
  GtkWidget        *confirm_row;
  GtkWidget        *extension_row;
  GtkWidget        *cancel_row;
  GtkWidget        *dispute_row;
  GtkWidget        *refund_row;
  GtkWidget        *deadlines_group;
  GtkListBox       *deadlines_list;
  GtkWidget        *tracking_group;
  GtkListBox       *tracking_list;
  GtkWidget        *facts_group;
  GtkListBox       *facts_list;
  GtkWidget        *notes_group;
  GtkLabel         *notes_label;

  OwStore          *store;
  OwPolicyRegistry *policies;
  OwCountdownClock *clock;
  gulong            changed_id;
  gulong            tick_id;

  gint64            order_id;
  OwOrder          *order;
  OwDeadlineSet     set;
  gboolean          has_set;
  gint64            now;
  GPtrArray        *disputes;          /* OwDispute: the order's, as last read */
  GPtrArray        *deadline_rows;     /* OwDeadlineRow, shown order */
  GtkWidget        *waiting_row;       /* the expander of those not started, or NULL */
  GArray           *deadline_indices;  /* guint: index in @set of each row */
  char             *action_subtitles[5];  /* each action row's own, while it is available */
  char             *draft_subtitle;    /* a dispute half-prepared, or NULL */
  const char       *status_class;
  const char       *next_class;
};

void     ow_order_detail_class_init_actions (GtkWidgetClass *widget_class);
/* Keeps the action rows' own subtitles, shown while each action is available. */
void     ow_order_detail_init_actions       (OwOrderDetail  *self);
/* Enables the actions the core says are possible now; the others say why not. */
void     ow_order_detail_update_actions     (OwOrderDetail  *self);
/* Whether a dispute is half-prepared for the order (the dispute row says so). */
void     ow_order_detail_read_draft         (OwOrderDetail  *self);
void     ow_order_detail_toast              (OwOrderDetail  *self,
                                             const char     *title);
/* Applies @request to the shown order through the core (one transaction); a toast tells
 * @done on success, the reason otherwise. */
gboolean ow_order_detail_apply              (OwOrderDetail         *self,
                                             const OwActionRequest *request,
                                             const char            *done);

G_END_DECLS
