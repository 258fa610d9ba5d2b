/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the buyer records in a dispute: each step is a row, sensitive when the core's
 * ow_dispute_can_take () allows it now; those it does not are gathered under "Not Possible
 * Now", each saying why. A step that needs something (an amount, a tracking number, an
 * outcome) asks for it in a dialog checked as it is typed; recording is one core call, one
 * transaction (ow_dispute_action_update or _close). */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-action.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-section-private.h"
#include "ow-error.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"

typedef enum
{
  ASK_NOTHING,
  ASK_AMOUNT,        /* required */
  ASK_REFUND,        /* an amount, the one asked for unless changed */
  ASK_TEXT,          /* optional */
  ASK_TRACKING,      /* required */
  ASK_CONFIRM,
} Ask;

/* The steps the page offers, in the order they usually come. */
static const struct
{
  OwDisputeStepKind  kind;
  const char        *title;
  const char        *subtitle;
  Ask                ask;
} steps[] = {
  { OW_STEP_SELLER_ACCEPTED, N_("The Seller Accepted"),
    N_("They agreed to what you asked"), ASK_NOTHING },
  { OW_STEP_SELLER_REJECTED, N_("The Seller Rejected It"),
    N_("Escalate it, or wait for the marketplace to step in"), ASK_NOTHING },
  { OW_STEP_SELLER_PROPOSED, N_("The Seller Proposed an Amount…"),
    N_("A part of the money instead of what you asked"), ASK_AMOUNT },
  { OW_STEP_PROPOSAL_ACCEPTED, N_("Accept the Proposal…"),
    N_("The dispute settles on the seller’s amount"), ASK_CONFIRM },
  { OW_STEP_PROPOSAL_REJECTED, N_("Reject the Proposal"),
    N_("You keep asking for what you asked"), ASK_NOTHING },
  { OW_STEP_ESCALATED, N_("Escalated"),
    N_("The marketplace, PayPal or the bank decides now"), ASK_NOTHING },
  { OW_STEP_RETURN_AGREED, N_("A Return Was Agreed…"),
    N_("Ship it in time, or the money goes to the seller"), ASK_TEXT },
  { OW_STEP_RETURN_SHIPPED, N_("I Shipped the Return…"),
    N_("Its tracking number is followed like any parcel"), ASK_TRACKING },
  { OW_STEP_DECISION_REFUND, N_("Decided: Refund"),
    N_("The marketplace ruled for you"), ASK_NOTHING },
  { OW_STEP_DECISION_NO_REFUND, N_("Decided: No Refund"),
    N_("The marketplace ruled for the seller"), ASK_NOTHING },
  { OW_STEP_REFUND_RECEIVED, N_("The Refund Arrived…"),
    N_("The money is back on your statement"), ASK_REFUND },
};

static int
find_step (OwDisputeStepKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].kind == kind)
      return i;
  return -1;
}

static gint64
action_time (OwDisputeSection *self)
{
  /* The clock moves to the instant recorded, so every countdown sees it. */
  ow_countdown_clock_tick (self->clock);
  return ow_countdown_clock_get_now (self->clock);
}

static GtkWidget *
step_row (const char *title,
          const char *subtitle,
          const char *action_name,
          GVariant   *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (action_name != NULL)
    {
          if (target != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

void
ow_dispute_section_fill_actions (OwDisputeSection *self)
{
  GtkWidget *child, *later, *row;
  guint n_later = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list))) != NULL)
    gtk_list_box_remove (self->actions_list, child);

  /* A closed dispute cannot be reopened: nothing to record but evidence. */
  gtk_widget_set_visible (self->actions_group, ow_dispute_is_open (self->dispute));
  if (!ow_dispute_is_open (self->dispute))
    return;

  later = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (later), _("Not Possible Now"));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *why = NULL;
      gboolean possible = ow_dispute_can_take (self->dispute, steps[i].kind, &why);

      /* Named after its step; only a possible step gets the action (whose helper would make
       * the row sensitive again). */
      g_autofree char *name = g_strconcat ("step-", ow_dispute_step_to_string (steps[i].kind),
                                           NULL);

      row = step_row (_(steps[i].title), possible ? _(steps[i].subtitle) : why,
                      possible ? "dispute.step" : NULL,
                      g_variant_new_string (ow_dispute_step_to_string (steps[i].kind)));
      gtk_widget_set_name (row, name);
      gtk_widget_set_sensitive (row, possible);
      if (possible)
        gtk_list_box_append (self->actions_list, row);
      else
        {
          adw_expander_row_add_row (ADW_EXPANDER_ROW (later), row);
          n_later++;
        }
    }
  row = step_row (_("Close the Dispute…"), _("Refunded, partly refunded, rejected or withdrawn; "
                                             "a closed dispute cannot be reopened"),
                  "dispute.close", NULL);
  gtk_list_box_append (self->actions_list, row);
  row = step_row (_("Add Evidence…"), _("Photos, videos, screenshots; at any stage"),
                  "dispute.add-evidence", NULL);
  gtk_list_box_append (self->actions_list, row);

  if (n_later > 0)
    {
      /* Translators: how many steps cannot be recorded now */
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u step, each saying why",
                                                             "%u steps, each saying why",
                                                             n_later), n_later);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (later), subtitle);
      gtk_list_box_append (self->actions_list, later);
    }
  else
    g_object_unref (g_object_ref_sink (later));
}

/* ---- Recording ---- */

static gboolean
record (OwDisputeSection  *self,
        OwDisputeStepKind  kind,
        gint64             amount,
        const char        *text)
{
  g_autoptr(OwDispute) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (self->dispute == NULL || self->order == NULL)
    return FALSE;
  updated = ow_dispute_action_update (self->store, self->policies, ow_order_get_id (self->order),
                                      ow_dispute_get_channel (self->dispute), kind, OW_TIME_UNSET,
                                      amount, text, action_time (self), &error);
  if (updated == NULL)
    {
      ow_dispute_section_toast (self, error->message);
      return FALSE;
    }
  /* Translators: a step, e.g. "Recorded: Return shipped" */
  done = g_strdup_printf (_("Recorded: %s"), ow_dispute_step_label (kind));
  ow_dispute_section_toast (self, done);
  return TRUE;
}

static void
record_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (widget);
  OwDisputeStepKind kind;
  const char *name, *text;
  gint64 amount;

  g_variant_get (parameter, "(&sx&s)", &name, &amount, &text);
  if (!ow_dispute_step_from_string (name, &kind) || kind == OW_STEP_OPENED ||
      kind == OW_STEP_CLOSED)
    {
      g_warning ("dispute.record: “%s” is not a step to record", name);
      return;
    }
  record (self, kind, amount, *text != '\0' ? text : NULL);
}

static void
close_with_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (widget);
  g_autoptr(OwDispute) closed = NULL;
  g_autoptr(GError) error = NULL;
  OwDisputeOutcome outcome;
  const char *name;
  gint64 amount;

  g_variant_get (parameter, "(&sx)", &name, &amount);
  if (self->dispute == NULL || !ow_dispute_outcome_from_string (name, &outcome))
    return;
  closed = ow_dispute_action_close (self->store, self->policies, ow_order_get_id (self->order),
                                    ow_dispute_get_channel (self->dispute), outcome, amount,
                                    OW_TIME_UNSET, action_time (self), &error);
  ow_dispute_section_toast (self, closed != NULL
                                  ? _("Dispute closed: it stays in the order’s history")
                                  : error->message);
}

static void
add_evidence_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->evidence_grid), "evidence.add", NULL);
}

/* ---- Dialogs that ask what a step needs ---- */

typedef struct
{
  OwDisputeSection  *self;
  AdwMessageDialog  *dialog;
  OwDisputeStepKind  kind;
  Ask                ask;
  GtkEditable       *entry;
  AdwComboRow       *outcome;
  GtkLabel          *error;
  gint64             order_id;
} Asking;

static void
asking_free (Asking *asking)
{
  if (asking->self != NULL)
    g_object_remove_weak_pointer (G_OBJECT (asking->self), (gpointer *) &asking->self);
  g_free (asking);
}

static const OwDisputeOutcome outcomes[] = {
  OW_OUTCOME_REFUNDED, OW_OUTCOME_PARTIALLY_REFUNDED, OW_OUTCOME_REJECTED, OW_OUTCOME_WITHDRAWN,
};

static OwDisputeOutcome
chosen_outcome (Asking *asking)
{
  return outcomes[MIN (adw_combo_row_get_selected (asking->outcome), G_N_ELEMENTS (outcomes) - 1)];
}

/* Checks what is typed; the dialog's answer is possible only when it is right. */
static gboolean
check_input (Asking  *asking,
             gint64  *amount,
             char   **text)
{
  OwDisputeSection *self = asking->self;
  const char *typed = asking->entry ? gtk_editable_get_text (asking->entry) : "";
  g_autofree char *stripped = g_strstrip (g_strdup (typed));
  g_autoptr(GError) error = NULL;
  gboolean needs_amount = asking->ask == ASK_AMOUNT || asking->ask == ASK_REFUND;
  gboolean ok = TRUE;

  *amount = 0;
  *text = NULL;
  if (self == NULL)
    return FALSE;
  if (asking->outcome != NULL)
    needs_amount = chosen_outcome (asking) == OW_OUTCOME_PARTIALLY_REFUNDED ||
                   (chosen_outcome (asking) == OW_OUTCOME_REFUNDED && *stripped != '\0');
  if (asking->entry != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (asking->entry),
                              asking->outcome == NULL || needs_amount ||
                              chosen_outcome (asking) == OW_OUTCOME_REFUNDED);

  if (needs_amount)
    ok = ow_dispute_guide_parse_amount (self->order, _("Amount"), stripped, amount, &error);
  else if (asking->ask == ASK_TRACKING && *stripped == '\0')
    {
      ok = FALSE;
      g_set_error_literal (&error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                           _("Tracking: type the return’s tracking number"));
    }
  else if (asking->ask == ASK_TEXT || asking->ask == ASK_TRACKING)
    *text = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;

  if (asking->error != NULL)
    {
      gboolean shown = !ok && asking->entry != NULL &&
                       *gtk_editable_get_text (asking->entry) != '\0';

      gtk_label_set_label (asking->error, ok ? NULL : error->message);
      gtk_widget_set_visible (GTK_WIDGET (asking->error), shown);
      if (shown)
        gtk_widget_add_css_class (GTK_WIDGET (asking->entry), "error");
      else if (asking->entry != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (asking->entry), "error");
    }
  adw_message_dialog_set_response_enabled (asking->dialog, "record", ok);
  return ok;
}

static void
on_input_changed_cb (GObject *object,
                     GParamSpec *pspec,
                     Asking  *asking)
{
  gint64 amount;
  g_autofree char *text = NULL;

  check_input (asking, &amount, &text);
}

static void
on_entry_changed_cb (GtkEditable *editable,
                     Asking      *asking)
{
  on_input_changed_cb (G_OBJECT (editable), NULL, asking);
}

static void
on_ask_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Asking           *asking)
{
  OwDisputeSection *self = asking->self;
  g_autofree char *text = NULL;
  gint64 amount;

  /* Answered for the order shown when asked, and only that one. */
  if (!g_str_equal (response, "record") || self == NULL || self->order == NULL ||
      ow_order_get_id (self->order) != asking->order_id || !check_input (asking, &amount, &text))
    return;
  if (asking->outcome != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "dispute.close-with", "(sx)",
                                ow_dispute_outcome_to_string (chosen_outcome (asking)), amount);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "dispute.record", "(sxs)",
                                ow_dispute_step_to_string (asking->kind), amount,
                                text ? text : "");
}

static AdwMessageDialog *
make_dialog (OwDisputeSection *self,
             const char       *heading,
             const char       *body,
             const char       *record_label,
             Asking          **out)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);
  Asking *asking = g_new0 (Asking, 1);

  asking->self = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &asking->self);
  asking->dialog = ADW_MESSAGE_DIALOG (dialog);
  asking->order_id = ow_order_get_id (self->order);
  g_object_set_data_full (G_OBJECT (dialog), "asking", asking, (GDestroyNotify) asking_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "record", record_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The dialog owns @asking; the section may go first (see on_ask_response_cb). */
  g_signal_connect (dialog, "response", G_CALLBACK (on_ask_response_cb), asking);
  *out = asking;
  return ADW_MESSAGE_DIALOG (dialog);
}

/* An entry (and, for closing, the outcome) under the dialog's text, with its error below. */
static void
add_input (Asking     *asking,
           const char *label,
           const char *text,
           gboolean    with_outcome)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *entry = adw_entry_row_new ();

  if (with_outcome)
    {
      g_autoptr(GtkStringList) names =
        gtk_string_list_new ((const char *[]) { _("Refunded"), _("Partly refunded"),
                                                _("Rejected"), _("Withdrawn"), NULL });
      GtkWidget *combo = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Outcome"));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
      g_signal_connect (combo, "notify::selected", G_CALLBACK (on_input_changed_cb), asking);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
      asking->outcome = ADW_COMBO_ROW (combo);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), label);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), asking);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  gtk_box_append (GTK_BOX (box), group);
  asking->entry = GTK_EDITABLE (entry);

  asking->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (asking->error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (asking->error), 0);
  gtk_widget_add_css_class (GTK_WIDGET (asking->error), "error");
  gtk_widget_set_visible (GTK_WIDGET (asking->error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (asking->error));
  adw_message_dialog_set_extra_child (asking->dialog, box);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *currency_label = NULL;
  g_autofree char *why = NULL;
  AdwMessageDialog *dialog = NULL;
  OwDisputeStepKind kind;
  Asking *asking = NULL;
  int index;

  if (self->dispute == NULL || !ow_dispute_step_from_string (name, &kind) ||
      (index = find_step (kind)) < 0)
    return;
  if (!ow_dispute_can_take (self->dispute, kind, &why))
    {
      ow_dispute_section_toast (self, why);
      return;
    }
  /* Translators: %s is a currency code such as "USD" */
  currency_label = g_strdup_printf (_("Amount in %s"), ow_order_get_currency (self->order));

  switch (steps[index].ask)
    {
    case ASK_NOTHING:
      gtk_widget_activate_action (widget, "dispute.record", "(sxs)", name, (gint64) 0, "");
      return;

    case ASK_AMOUNT:
      dialog = make_dialog (self, _("The Seller Proposed an Amount"),
                            _("What the seller offers instead of what you asked. You then "
                              "accept or reject it; without an answer in a couple of days the "
                              "dispute may close on the seller’s terms."),
                            _("_Record"), &asking);
      add_input (asking, currency_label, NULL, FALSE);
      break;

    case ASK_CONFIRM:
      {
        const OwDisputeStep *proposal = ow_dispute_find_step (self->dispute,
                                                              OW_STEP_SELLER_PROPOSED);
        g_autofree char *money = proposal ? ow_money_format (proposal->amount,
                                                             ow_order_get_currency (self->order))
                                          : NULL;
        g_autofree char *body =
          /* Translators: the amount the seller proposed */
          g_strdup_printf (_("Accept it on the marketplace first: the dispute then settles on "
                             "%s, and a settled dispute cannot be reopened."),
                           money ? money : _("the seller’s amount"));

        dialog = make_dialog (self, _("Accept the Proposal?"), body, _("_Accept"), &asking);
      }
      break;

    case ASK_TEXT:
      dialog = make_dialog (self, _("A Return Was Agreed"),
                            _("Ship the item to the address on the dispute’s page and enter its "
                              "tracking number there. Orderwatch counts the days you have."),
                            _("_Record"), &asking);
      add_input (asking, _("Return Address (optional)"), NULL, FALSE);
      break;

    case ASK_TRACKING:
      dialog = make_dialog (self, _("You Shipped the Return"),
                            _("Enter its tracking number on the dispute’s page too. Orderwatch "
                              "follows it like any parcel of the order."),
                            _("_Record"), &asking);
      add_input (asking, _("Tracking Number"), NULL, FALSE);
      break;

    case ASK_REFUND:
      {
        g_autofree char *asked = ow_money_to_decimal (ow_dispute_get_amount (self->dispute),
                                                      ow_order_get_currency (self->order));

        dialog = make_dialog (self, _("The Refund Arrived"),
                              _("What came back, as your statement shows it."), _("_Record"),
                              &asking);
        add_input (asking, currency_label, asked, FALSE);
      }
      break;

    default:
      g_return_if_reached ();
    }
  asking->kind = kind;
  asking->ask = steps[index].ask;
  on_input_changed_cb (NULL, NULL, asking);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (widget);
  g_autofree char *currency_label = NULL;
  AdwMessageDialog *dialog;
  Asking *asking = NULL;

  if (self->dispute == NULL || !ow_dispute_is_open (self->dispute))
    return;
  /* Translators: %s is a currency code such as "USD" */
  currency_label = g_strdup_printf (_("Amount Refunded in %s"),
                                    ow_order_get_currency (self->order));
  dialog = make_dialog (self, _("Close the Dispute?"),
                        _("Close it here once it is closed on the marketplace. A closed "
                          "dispute cannot be reopened, and its deadlines stop."),
                        _("_Close Dispute"), &asking);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_DESTRUCTIVE);
  add_input (asking, currency_label, NULL, TRUE);
  asking->kind = OW_STEP_CLOSED;
  asking->ask = ASK_REFUND;
  on_input_changed_cb (NULL, NULL, asking);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ow_dispute_section_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dispute.step", "s", step_activated);
  gtk_widget_class_install_action (widget_class, "dispute.record", "(sxs)", record_activated);
  gtk_widget_class_install_action (widget_class, "dispute.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "dispute.close-with", "(sx)",
                                   close_with_activated);
  gtk_widget_class_install_action (widget_class, "dispute.add-evidence", NULL,
                                   add_evidence_activated);
}
