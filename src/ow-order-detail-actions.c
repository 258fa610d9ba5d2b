/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the user can do from the detail page. Each action is one store write (one
 * transaction); the store's "order-changed" then refreshes every view. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadline-row.h"
#include "ow-order-detail-private.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-store.h"

#define DISPUTE_DAYS_DEFAULT 15

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

gboolean
ow_order_detail_save (OwOrderDetail *self,
                      OwOrder       *order,
                      const char    *done)
{
  g_autoptr(GError) error = NULL;

  if (!ow_store_update_order (self->store, order, &error))
    {
      ow_order_detail_toast (self, error->message);
      return FALSE;
    }
  ow_order_detail_toast (self, done);
  return TRUE;
}

/* The instant of a fact the user records now. The clock moves to it first, so the list
 * and every countdown see the fact as already happened. */
static gint64
action_time (OwOrderDetail *self)
{
  ow_countdown_clock_tick (self->clock);
  return ow_countdown_clock_get_now (self->clock);
}

static gboolean
has (OwOrder      *order,
     OwOrderEvent  event)
{
  return ow_order_get_time (order, event) != OW_TIME_UNSET;
}

static gboolean
is_closed (OwOrderDetail *self)
{
  OwOrder *order = self->order;

  return has (order, OW_EVENT_CLOSED) || ow_order_get_close_reason (order) != OW_CLOSE_NONE ||
         (self->has_set && self->set.status == OW_STATUS_CLOSED);
}

static gboolean
dispute_window_over (OwOrderDetail *self)
{
  const OwDeadline *closes = self->has_set ? ow_deadlines_find (&self->set, "dispute_closes")
                                           : NULL;

  return closes != NULL && closes->state == OW_DEADLINE_PASSED;
}

static void
set_action (OwOrderDetail *self,
            const char    *action,
            GtkWidget     *row,
            gboolean       enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, enabled);
  if (row != NULL)
    gtk_widget_set_visible (row, enabled);
}

void
ow_order_detail_update_actions (OwOrderDetail *self)
{
  OwOrder *order = self->order;
  gboolean shipped, received, closed, disputed;
  gboolean confirm, extend, cancel, dispute, refund;

  if (order == NULL)
    {
      confirm = extend = cancel = dispute = refund = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.copy-number", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.set-extension-state", FALSE);
    }
  else
    {
      shipped = has (order, OW_EVENT_SHIPPED);
      received = has (order, OW_EVENT_RECEIVED);
      closed = is_closed (self);
      disputed = has (order, OW_EVENT_DISPUTE_OPENED);

      confirm = shipped && !received && !closed && !disputed;
      extend = shipped && !received && !closed && !disputed;
      cancel = has (order, OW_EVENT_PAID) && !shipped && !closed &&
               !has (order, OW_EVENT_CANCEL_REQUESTED);
      dispute = has (order, OW_EVENT_PAID) && shipped && !disputed && !closed &&
                !dispute_window_over (self);
      refund = !has (order, OW_EVENT_REFUNDED) && has (order, OW_EVENT_PAID) &&
               (closed || disputed || has (order, OW_EVENT_CANCEL_REQUESTED));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.copy-number", TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.set-extension-state", TRUE);
    }

  set_action (self, "order.confirm-received", self->confirm_row, confirm);
  set_action (self, "order.request-extension", self->extension_row, extend);
  set_action (self, "order.request-cancellation", self->cancel_row, cancel);
  set_action (self, "order.open-dispute", self->dispute_row, dispute);
  set_action (self, "order.refund-received", self->refund_row, refund);
  gtk_widget_set_visible (self->actions_group, confirm || extend || cancel || dispute || refund);
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

static OwOrder *
copy_for_dialog (OwOrderDetail    *self,
                 AdwMessageDialog *dialog)
{
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "order-id");

  if (self->order == NULL || id == NULL || *id != self->order_id)
    return NULL;
  return ow_order_copy (self->order);
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
  g_autoptr(OwOrder) order = NULL;

  if (!g_str_equal (response, "confirm") || (order = copy_for_dialog (self, dialog)) == NULL)
    return;
  ow_order_set_time (order, OW_EVENT_RECEIVED, action_time (self), OW_FACT_USER);
  ow_order_detail_save (self, order, _("Receipt confirmed"));
}

static int
dispute_days (OwOrderDetail *self)
{
  /* The window after receipt, as the policy's dispute_closes rule runs it. */
  const OwDeadline *closes = self->has_set ? ow_deadlines_find (&self->set, "dispute_closes")
                                           : NULL;

  if (closes != NULL && closes->starts != OW_TIME_UNSET && closes->due != OW_TIME_UNSET)
    return (int) ((closes->due - closes->starts + 43200) / 86400);
  return DISPUTE_DAYS_DEFAULT;
}

static void
confirm_received_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  int days = dispute_days (self);

  body = g_strdup_printf (ngettext ("Confirm only if the item arrived and works. Confirming "
                                    "receipt ends Buyer Protection: the seller gets paid. "
                                    "You then have %d day to open a dispute.",
                                    "Confirm only if the item arrived and works. Confirming "
                                    "receipt ends Buyer Protection: the seller gets paid. "
                                    "You then have %d days to open a dispute.", days), days);
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
  g_autoptr(OwOrder) order = NULL;
  GtkSpinButton *days = g_object_get_data (G_OBJECT (dialog), "days");
  AdwComboRow *answer = g_object_get_data (G_OBJECT (dialog), "answer");
  OwExtension extension;
  guint selected;

  if (!g_str_equal (response, "record") || (order = copy_for_dialog (self, dialog)) == NULL)
    return;

  selected = adw_combo_row_get_selected (answer);
  extension.requested_at = action_time (self);
  extension.days = gtk_spin_button_get_value_as_int (days);
  extension.state = states[MIN (selected, G_N_ELEMENTS (states) - 1)];
  ow_order_add_extension (order, &extension);
  ow_order_detail_save (self, order,
                        extension.state == OW_EXTENSION_APPROVED
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

  dialog = make_dialog (self, _("Request an Extension"),
                        _("Ask the seller on the order page to extend Buyer Protection, then "
                          "record it here. Only days the seller approved move the "
                          "deadline."));

  group = adw_preferences_group_new ();
  days_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (days_row), _("_Days"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (days_row), TRUE);
  spin = gtk_spin_button_new_with_range (1, 90, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 15);
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
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GArray) extensions = NULL;
  guint index;
  int state;

  g_variant_get (parameter, "(ui)", &index, &state);
  if (self->order == NULL || index >= ow_order_get_n_extensions (self->order) ||
      state < OW_EXTENSION_PENDING || state > OW_EXTENSION_REFUSED)
    return;

  order = ow_order_copy (self->order);
  extensions = g_array_new (FALSE, FALSE, sizeof (OwExtension));
  for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
    g_array_append_val (extensions, *ow_order_get_extension (order, i));
  g_array_index (extensions, OwExtension, index).state = state;

  ow_order_clear_extensions (order);
  for (guint i = 0; i < extensions->len; i++)
    ow_order_add_extension (order, &g_array_index (extensions, OwExtension, i));

  ow_order_detail_save (self, order,
                        state == OW_EXTENSION_APPROVED ? _("Extension approved: Buyer "
                                                           "Protection moved")
                                                       : _("Extension refused"));
}

/* Cancellation */

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       OwOrderDetail    *self)
{
  g_autoptr(OwOrder) order = NULL;

  if (!g_str_equal (response, "requested") || (order = copy_for_dialog (self, dialog)) == NULL)
    return;
  ow_order_set_time (order, OW_EVENT_CANCEL_REQUESTED, action_time (self), OW_FACT_USER);
  ow_order_detail_save (self, order, _("Cancellation request recorded"));
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

/* Disputes: the steps; the wizard that prepares one is a later feature. */

static void
on_dispute_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        OwOrderDetail    *self)
{
  g_autoptr(OwOrder) order = NULL;

  if (!g_str_equal (response, "opened") || (order = copy_for_dialog (self, dialog)) == NULL)
    return;
  ow_order_set_time (order, OW_EVENT_DISPUTE_OPENED, action_time (self), OW_FACT_USER);
  ow_order_detail_save (self, order, _("Dispute recorded: the seller’s answer is now counted"));
}

static gboolean
parcel_returning (OwOrderDetail *self)
{
  g_autoptr(GPtrArray) parcels = ow_store_list_parcels (self->store, self->order_id, NULL);

  for (guint i = 0; parcels != NULL && i < parcels->len; i++)
    if (ow_parcel_is_returning (g_ptr_array_index (parcels, i)))
      return TRUE;
  return FALSE;
}

static char *
dispute_steps (OwOrderDetail *self)
{
  GString *text = g_string_new (NULL);
  const OwDeadline *closes = self->has_set ? ow_deadlines_find (&self->set, "dispute_closes")
                                           : NULL;
  const OwDeadline *opens = self->has_set ? ow_deadlines_find (&self->set, "dispute_opens")
                                          : NULL;
  gboolean arrived = has (self->order, OW_EVENT_RECEIVED) || has (self->order, OW_EVENT_DELIVERED);

  if (!arrived)
    {
      g_string_append (text, _("Reason: the item was not received."));
      g_string_append (text, "\n\n");
      if (parcel_returning (self))
        g_string_append (text, _("1. Tracking shows the parcel going back to the seller: "
                                 "choose “Returned to the seller”."));
      else
        g_string_append (text, _("1. Pick what fits: over the delivery time, no tracking "
                                 "information, returned to the seller, held in customs, or "
                                 "shipped to the wrong address."));
      g_string_append_c (text, '\n');
      g_string_append (text, _("2. Ask for a full refund (“Refund only”)."));
      g_string_append_c (text, '\n');
      g_string_append (text, _("3. Attach screenshots of the tracking and of your messages "
                               "with the seller."));
    }
  else
    {
      g_string_append (text, _("Reason: the item arrived with a problem the seller will "
                               "not fix."));
      g_string_append (text, "\n\n");
      g_string_append (text, _("1. Take photos or a video of the item and of the parcel "
                               "label."));
      g_string_append_c (text, '\n');
      g_string_append (text, _("2. Pick the reason: quality issue, not as described, damaged "
                               "in transit, or other."));
      g_string_append_c (text, '\n');
      g_string_append (text, _("3. “Refund only” gives a partial refund and you keep the "
                               "item; “Return goods” gives a full refund once your return "
                               "arrives (ship it within 10 days)."));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("4. The seller has a few days to answer; if you cannot agree, "
                           "escalate to the marketplace."));

  if (opens != NULL && opens->state == OW_DEADLINE_RUNNING && opens->due != OW_TIME_UNSET)
    {
      g_autofree char *when = ow_format_date_time (opens->due);

      g_string_append (text, "\n\n");
      /* Translators: %s is a date */
      g_string_append_printf (text, _("Disputes open on %s (the marketplace may allow it "
                                      "earlier)."), when);
    }
  if (closes != NULL && closes->due != OW_TIME_UNSET &&
      (closes->state == OW_DEADLINE_RUNNING || closes->state == OW_DEADLINE_URGENT ||
       closes->state == OW_DEADLINE_NOT_STARTED))
    {
      g_autofree char *when = ow_format_date_time (closes->due);

      g_string_append (text, "\n\n");
      /* Translators: %s is a date */
      g_string_append_printf (text, _("You can open one until %s."), when);
    }

  return g_string_free (text, FALSE);
}

static void
open_dispute_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->order == NULL)
    return;

  body = dispute_steps (self);
  dialog = make_dialog (self, _("Open a Dispute"), body);
  adw_message_dialog_add_responses (dialog, "close", _("_Close"),
                                    "opened", _("I _Opened a Dispute"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "opened", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dispute_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Refund */

static void
refund_received_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (widget);
  g_autoptr(OwOrder) order = NULL;

  if (self->order == NULL)
    return;
  order = ow_order_copy (self->order);
  ow_order_set_time (order, OW_EVENT_REFUNDED, action_time (self), OW_FACT_USER);
  ow_order_detail_save (self, order, _("Refund recorded"));
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
