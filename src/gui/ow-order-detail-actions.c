/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the user can do from the detail page. Whether an action is possible, and why not,
 * is the core's answer (ow-order-action.h), shown as the row's subtitle; applying it is one
 * core call, one transaction. The store's "order-changed" then refreshes every view. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadline-row.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-wizard.h"
#include "ow-dispute.h"
#include "ow-order-action.h"
#include "ow-order-detail-private.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store.h"

void
ow_order_detail_toast (OwOrderDetail *self,
                       const char    *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* The instant of a fact the user records now. The clock moves to it first, so the list
 * and every countdown see the fact as already happened. */
static gint64
action_time (OwOrderDetail *self)
{
  ow_countdown_clock_tick (self->clock);
  return ow_countdown_clock_get_now (self->clock);
}

static OwPolicy *
order_policy (OwOrderDetail *self)
{
  return self->order != NULL
         ? ow_policy_registry_lookup (self->policies, ow_order_get_marketplace (self->order))
         : NULL;
}

gboolean
ow_order_detail_apply (OwOrderDetail         *self,
                       const OwActionRequest *request,
                       const char            *done)
{
  g_autoptr(OwOrder) applied = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = action_time (self);

  applied = ow_order_action_apply (self->store, self->policies, self->order_id, request, now,
                                   &error);
  if (applied == NULL)
    {
      ow_order_detail_toast (self, error->message);
      return FALSE;
    }
  ow_order_detail_toast (self, done);
  return TRUE;
}

static void
request_now (OwActionRequest *request,
             OwOrderAction    action)
{
  *request = (OwActionRequest) { action, OW_TIME_UNSET, 0, OW_EXTENSION_PENDING, 0,
                                 OW_CLOSE_NONE };
}

/* The actions the page offers, in the core's order, with the row that shows each. */
static const struct
{
  OwOrderAction  action;
  const char    *name;
  gsize          row_offset;
} page_actions[] = {
  { OW_ACTION_CONFIRM_RECEIVED, "order.confirm-received", G_STRUCT_OFFSET (OwOrderDetail, confirm_row) },
  { OW_ACTION_EXTEND, "order.request-extension", G_STRUCT_OFFSET (OwOrderDetail, extension_row) },
  { OW_ACTION_REQUEST_CANCEL, "order.request-cancellation", G_STRUCT_OFFSET (OwOrderDetail, cancel_row) },
  { OW_ACTION_OPEN_DISPUTE, "order.open-dispute", G_STRUCT_OFFSET (OwOrderDetail, dispute_row) },
  { OW_ACTION_REFUNDED, "order.refund-received", G_STRUCT_OFFSET (OwOrderDetail, refund_row) },
};

void
ow_order_detail_read_draft (OwOrderDetail *self)
{
  g_autoptr(OwDisputeDraft) draft = NULL;
  g_autofree char *when = NULL;

  g_clear_pointer (&self->draft_subtitle, g_free);
  if (self->order != NULL)
    draft = ow_dispute_draft_load (self->store, self->order, NULL);
  if (draft == NULL || ow_dispute_draft_get_started_at (draft) == OW_TIME_UNSET)
    return;
  when = ow_format_date_time (ow_dispute_draft_get_started_at (draft));
  /* Translators: when the draft was started */
  self->draft_subtitle = g_strdup_printf (_("Continue the dispute you started on %s"), when);
}

/* Set again only when they change: this runs on every tick of the countdown, and a new
 * tooltip, even the same words, makes GTK ask the pointer's widget for its tooltip again
 * and paint more frames. */
static void
set_row_texts (AdwActionRow *row,
               const char   *subtitle,
               const char   *tooltip)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (row), subtitle) != 0)
    adw_action_row_set_subtitle (row, subtitle);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);
}

void
ow_order_detail_update_actions (OwOrderDetail *self)
{
  OwPolicy *policy = order_policy (self);
  gboolean order_shown = self->order != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.copy-number", order_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.set-extension-state",
                                 order_shown && policy != NULL &&
                                 ow_order_action_is_available (OW_ACTION_ANSWER_EXTENSION,
                                                               self->order, policy, self->now,
                                                               NULL));

  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    {
      AdwActionRow *row = G_STRUCT_MEMBER (AdwActionRow *, self, page_actions[i].row_offset);
      g_autofree char *reason = NULL;
      gboolean available = FALSE;

      if (policy != NULL && page_actions[i].action == OW_ACTION_OPEN_DISPUTE)
        /* The wizard opens whenever some channel takes a dispute, or will. */
        available = ow_dispute_guide_can_start (self->order, self->policies, self->disputes,
                                                self->now, &reason);
      else if (policy != NULL)
        available = ow_order_action_is_available (page_actions[i].action, self->order, policy,
                                                  self->now, &reason);
      else if (order_shown)
        reason = g_strdup (_("This order’s marketplace has no policy; edit the order to pick "
                             "a known one."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), page_actions[i].name, available);
      /* Unavailable: greyed out, saying why (the sentence the command line prints). */
      if (available && page_actions[i].action == OW_ACTION_OPEN_DISPUTE)
        reason = g_strdup (self->draft_subtitle);
      set_row_texts (row, reason != NULL ? reason : self->action_subtitles[i],
                     available ? NULL : reason);
    }
  gtk_widget_set_visible (self->actions_group, order_shown);
}

void
ow_order_detail_init_actions (OwOrderDetail *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    {
      AdwActionRow *row = G_STRUCT_MEMBER (AdwActionRow *, self, page_actions[i].row_offset);

      self->action_subtitles[i] = g_strdup (adw_action_row_get_subtitle (row));
    }
}

static GtkWindow *
parent_window (OwOrderDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A dialog about the order shown now; its answer is ignored if another order is shown
 * by then. */
static AdwMessageDialog *
make_dialog (OwOrderDetail *self,
             const char    *heading,
             const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  g_object_set_data_full (G_OBJECT (dialog), "order-id",
                          g_memdup2 (&self->order_id, sizeof self->order_id), g_free);
  return ADW_MESSAGE_DIALOG (dialog);
}

static gboolean
dialog_still_shown (OwOrderDetail    *self,
                    AdwMessageDialog *dialog)
{
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "order-id");

  return self->order != NULL && id != NULL && *id == self->order_id;
}

static void
copy_text (OwOrderDetail *self,
           const char    *text,
           const char    *done)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  ow_order_detail_toast (self, done);
}

static void
copy_number_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);

  if (self->order != NULL)
    copy_text (self, ow_order_get_order_number (self->order), _("Order number copied"));
}

static void
copy_text_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  copy_text (OW_ORDER_DETAIL (widget), g_variant_get_string (parameter, NULL), _("Copied"));
}

/* Confirm receipt */

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        OwOrderDetail    *self)
{
  OwActionRequest request;

  if (!g_str_equal (response, "confirm") || !dialog_still_shown (self, dialog))
    return;
  request_now (&request, OW_ACTION_CONFIRM_RECEIVED);
  ow_order_detail_apply (self, &request, _("Receipt confirmed"));
}

static void
confirm_received_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  OwPolicy *policy = order_policy (self);

  if (policy == NULL)
    return;
  body = ow_order_action_get_warning (OW_ACTION_CONFIRM_RECEIVED, self->order, policy,
                                      action_time (self));
  dialog = make_dialog (self, _("Confirm Receipt?"), body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "confirm", _("_Confirm Receipt"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Extensions */

static void
on_extension_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          OwOrderDetail    *self)
{
  static const OwExtensionState states[] = {
    OW_EXTENSION_PENDING, OW_EXTENSION_APPROVED, OW_EXTENSION_REFUSED,
  };
  GtkSpinButton *days = g_object_get_data (G_OBJECT (dialog), "days");
  AdwComboRow *answer = g_object_get_data (G_OBJECT (dialog), "answer");
  OwActionRequest request;
  guint selected;

  if (!g_str_equal (response, "record") || !dialog_still_shown (self, dialog))
    return;

  selected = adw_combo_row_get_selected (answer);
  request_now (&request, OW_ACTION_EXTEND);
  request.days = gtk_spin_button_get_value_as_int (days);
  request.extension_state = states[MIN (selected, G_N_ELEMENTS (states) - 1)];
  ow_order_detail_apply (self, &request,
                         request.extension_state == OW_EXTENSION_APPROVED
                         ? _("Extension recorded: Buyer Protection moved")
                         : _("Extension request recorded"));
}

static void
request_extension_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  AdwMessageDialog *dialog;
  GtkWidget *group, *days_row, *spin, *answer;
  g_autoptr(GtkStringList) answers = NULL;
  OwPolicy *policy = order_policy (self);
  int min_days, max_days;

  /* The range is the marketplace's, from its policy. */
  if (policy == NULL || !ow_order_action_extension_days (policy, &min_days, &max_days))
    return;

  dialog = make_dialog (self, _("Request an Extension"),
                        _("Ask the seller on the order page to extend Buyer Protection, then "
                          "record it here. Only days the seller approved move the "
                          "deadline."));

  group = adw_preferences_group_new ();
  days_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (days_row), _("_Days"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (days_row), TRUE);
  spin = gtk_spin_button_new_with_range (min_days, max_days, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), CLAMP (15, min_days, max_days));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (days_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (days_row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), days_row);

  answers = gtk_string_list_new ((const char *[]) { _("Waiting for the seller"),
                                                    _("Approved"), _("Refused"), NULL });
  answer = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (answer), _("Seller’s Answer"));
  adw_combo_row_set_model (ADW_COMBO_ROW (answer), G_LIST_MODEL (answers));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), answer);
  adw_message_dialog_set_extra_child (dialog, group);

  g_object_set_data (G_OBJECT (dialog), "days", spin);
  g_object_set_data (G_OBJECT (dialog), "answer", answer);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_extension_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_extension_state_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  OwActionRequest request;
  guint index;
  int state;

  g_variant_get (parameter, "(ui)", &index, &state);
  if (self->order == NULL || (state != OW_EXTENSION_APPROVED && state != OW_EXTENSION_REFUSED))
    return;

  request_now (&request, OW_ACTION_ANSWER_EXTENSION);
  request.extension_index = index;
  request.extension_state = state;
  ow_order_detail_apply (self, &request,
                         state == OW_EXTENSION_APPROVED
                         ? _("Extension approved: Buyer Protection moved")
                         : _("Extension refused"));
}

/* Cancellation */

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       OwOrderDetail    *self)
{
  OwActionRequest request;

  if (!g_str_equal (response, "requested") || !dialog_still_shown (self, dialog))
    return;
  request_now (&request, OW_ACTION_REQUEST_CANCEL);
  ow_order_detail_apply (self, &request, _("Cancellation request recorded"));
}

static void
request_cancellation_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  AdwMessageDialog *dialog;

  dialog = make_dialog (self, _("Request Cancellation"),
                        _("Request it on the order page, before the seller ships. If the "
                          "seller does not answer within 3 days, the order closes and you "
                          "get a full refund; if they refuse, they ship it. Record the "
                          "request here so Orderwatch counts those days for you."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "requested", _("I _Requested It"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "requested", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Disputes: the wizard prepares one, on whichever channel is open. */

static void
on_dispute_submitted_cb (OwDisputeWizard *wizard,
                         OwDispute       *dispute,
                         const char      *warning,
                         OwOrderDetail   *self)
{
  OwPolicy *policy = order_policy (self);
  /* Translators: a channel such as "AliExpress" or "PayPal" */
  g_autofree char *done = g_strdup_printf (_("Dispute on %s recorded: its deadlines are counted"),
                                           ow_dispute_guide_channel_name (policy,
                                                                          ow_dispute_get_channel (dispute)));

  ow_order_detail_toast (self, warning != NULL ? warning : done);
}

static void
on_wizard_destroy_cb (GtkWidget     *wizard,
                      OwOrderDetail *self)
{
  /* A draft kept, or gone: the row says so. */
  ow_order_detail_read_draft (self);
  ow_order_detail_update_actions (self);
}

static void
open_dispute_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  OwDisputeWizard *wizard;
  gboolean fresh;

  if (self->order == NULL)
    return;
  fresh = ow_dispute_wizard_find (self->store, self->order_id) == NULL;
  wizard = ow_dispute_wizard_present (parent_window (self), self->store, self->policies,
                                      self->clock, self->order_id, &error);
  if (wizard == NULL)
    {
      ow_order_detail_toast (self, error->message);
      return;
    }
  if (fresh)
    {
      g_signal_connect_object (wizard, "submitted", G_CALLBACK (on_dispute_submitted_cb), self, 0);
      g_signal_connect_object (wizard, "destroy", G_CALLBACK (on_wizard_destroy_cb), self, 0);
    }
}

/* Refund */

static void
refund_received_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  OwActionRequest request;

  if (self->order == NULL)
    return;
  request_now (&request, OW_ACTION_REFUNDED);
  ow_order_detail_apply (self, &request, _("Refund recorded"));
}

static void
refresh_tracking_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);

  if (self->order_id != 0)
    gtk_widget_activate_action (widget, "win.refresh-order", "x", self->order_id);
}

void
ow_order_detail_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "order.copy-number", NULL,
                                   copy_number_activated);
  gtk_widget_class_install_action (widget_class, "order.copy-text", "s", copy_text_activated);
  gtk_widget_class_install_action (widget_class, "order.confirm-received", NULL,
                                   confirm_received_activated);
  gtk_widget_class_install_action (widget_class, "order.request-extension", NULL,
                                   request_extension_activated);
  gtk_widget_class_install_action (widget_class, "order.set-extension-state", "(ui)",
                                   set_extension_state_activated);
  gtk_widget_class_install_action (widget_class, "order.request-cancellation", NULL,
                                   request_cancellation_activated);
  gtk_widget_class_install_action (widget_class, "order.open-dispute", NULL,
                                   open_dispute_activated);
  gtk_widget_class_install_action (widget_class, "order.refund-received", NULL,
                                   refund_received_activated);
  gtk_widget_class_install_action (widget_class, "order.refresh-tracking", NULL,
                                   refresh_tracking_activated);
}
