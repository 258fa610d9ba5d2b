/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Review and submit": everything on one page with a Copy button per field (each row leads
 * back to its page), "Open the Order on <marketplace>" (the policy's address), and
 * "I Have Submitted It", which records the dispute as opened. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-draft.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-review-page.h"
#include "ow-dispute-terms.h"
#include "ow-dispute-wizard.h"
#include "ow-evidence.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"

struct _OwDisputeReviewPage
{
  OwDisputePage        parent_instance;

  GtkLabel            *intro_label;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *description_group;
  GtkLabel            *description_label;
  GtkWidget           *description_copy;
  AdwPreferencesGroup *evidence_group;
  GtkWidget           *open_button;
  GtkWidget           *submit_button;
};

G_DEFINE_FINAL_TYPE (OwDisputeReviewPage, ow_dispute_review_page, OW_TYPE_DISPUTE_PAGE)

/* A field and its value; @copy (nullable): what its Copy button copies. */
static GtkWidget *
field_row (const char *title,
           const char *value,
           const char *page,
           const char *copy)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: %s is a field, e.g. "Reason" */
  g_autofree char *change = g_strdup_printf (_("Change the %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "review-field");
  if (copy != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), ow_dispute_page_copy_button (title, copy));
  if (page != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "wizard.go");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", page);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, change);
    }
  return row;
}

static GtkWidget *
warning_row (const char *title,
             const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static char *
day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date in a sentence, as in "from 14 Nov 2026" */
  return local ? g_date_time_format (local, _("%-d %b %Y")) : g_strdup ("?");
}

static void
fill_intro (OwDisputeReviewPage *self)
{
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  OwDisputeChannel channel = ow_dispute_draft_get_channel (ow_dispute_wizard_get_draft (wizard));
  OwPolicy *channel_policy = ow_policy_registry_lookup_channel (ow_dispute_wizard_get_policies (wizard),
                                                                channel, policy);
  const OwRule *window_rule = channel_policy ? ow_policy_get_dispute_rules (channel_policy, NULL)
                                             : NULL;
  const char *where = window_rule ? ow_rule_get_buyer_actions (window_rule) : NULL;
  g_autofree char *intro = NULL;

  if (channel == OW_CHANNEL_MARKETPLACE)
    /* Translators: a marketplace, twice */
    intro = g_strdup_printf (_("Open the order on %s, start a dispute there and copy each "
                               "field into its form. Once %s has it, come back and press "
                               "I Have Submitted It: Orderwatch then counts the seller’s time "
                               "to answer."), ow_policy_get_name (policy),
                             ow_policy_get_name (policy));
  else
    /* Translators: what to do on the channel ("Open a dispute in PayPal's Resolution
     * Center."), then a channel */
    intro = g_strdup_printf (_("%s Copy each field into its form, then come back and press "
                               "I Have Submitted It: Orderwatch then counts %s’s deadlines."),
                             where ? where : "", ow_dispute_guide_channel_name (policy, channel));
  gtk_label_set_label (self->intro_label, intro);
}

static void
fill_fields (OwDisputeReviewPage *self)
{
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  OwOrder *order = ow_dispute_wizard_get_order (wizard);
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  const OwDisputeWindow *windows = ow_dispute_wizard_get_windows (wizard);
  OwDisputeChannel channel = ow_dispute_draft_get_channel (draft);
  const char *reason_id = ow_dispute_draft_get_reason (draft);
  const OwDisputeReason *reason = reason_id
    ? ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), reason_id) : NULL;
  OwDisputeSolution solution = ow_dispute_draft_get_solution (draft);
  g_autofree char *window = ow_dispute_guide_describe_window (&windows[channel],
                                                              ow_dispute_wizard_get_now (wizard));
  g_autofree char *where = g_strdup_printf ("%s · %s",
                                            ow_dispute_guide_channel_name (policy, channel),
                                            window);
  g_autofree char *amount = ow_money_format (ow_dispute_draft_get_claimed (draft, order),
                                             ow_order_get_currency (order));
  g_autofree char *amount_text = NULL;
  g_autofree char *plain = NULL;

  ow_dispute_page_group_clear (self->fields_group);
  if (windows[channel].state == OW_WINDOW_NOT_YET && windows[channel].opens != OW_TIME_UNSET)
    {
      g_autofree char *opens = day (windows[channel].opens);
      /* Translators: a channel, then a date */
      g_autofree char *text = g_strdup_printf (_("%s takes it from %s: submit it then. "
                                                 "Recording it earlier counts the wrong days."),
                                               ow_dispute_guide_channel_name (policy, channel),
                                               opens);

      ow_dispute_page_group_add (self->fields_group, warning_row (_("Not Open Yet"), text));
    }
  ow_dispute_page_group_add (self->fields_group,
                             field_row (_("Order Number"), ow_order_get_order_number (order),
                                        NULL, ow_order_get_order_number (order)));
  ow_dispute_page_group_add (self->fields_group, field_row (_("Where"), where, "window", NULL));
  ow_dispute_page_group_add (self->fields_group,
                             field_row (_("Reason"), reason ? ow_dispute_reason_get_title (reason)
                                                            : _("Not picked yet"),
                                        "reason",
                                        reason ? ow_dispute_reason_get_title (reason) : NULL));
  ow_dispute_page_group_add (self->fields_group,
                             field_row (_("Solution"), solution < OW_N_SOLUTIONS
                                                       ? ow_dispute_solution_label (solution)
                                                       : _("Not picked yet"),
                                        "solution", solution < OW_N_SOLUTIONS
                                                    ? ow_dispute_solution_label (solution)
                                                    : NULL));
  amount_text = ow_dispute_draft_get_partial (draft)
    /* Translators: an amount, e.g. "2.00 USD (partial refund)" */
    ? g_strdup_printf (_("%s (partial refund)"), amount)
    /* Translators: an amount, e.g. "4.99 USD (full refund)" */
    : g_strdup_printf (_("%s (full refund)"), amount);
  /* The form wants the number alone. */
  plain = ow_money_to_decimal (ow_dispute_draft_get_claimed (draft, order),
                               ow_order_get_currency (order));
  ow_dispute_page_group_add (self->fields_group,
                             field_row (_("Amount"), amount_text, "amount", plain));
}

static void
fill_description (OwDisputeReviewPage *self)
{
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  g_autofree char *drafted = NULL;
  const char *text = ow_dispute_draft_get_description (draft);

  if (text == NULL)
    text = drafted = ow_dispute_draft_compose (draft, ow_dispute_wizard_get_store (wizard),
                                               ow_dispute_wizard_get_policy (wizard),
                                               ow_dispute_wizard_get_order (wizard),
                                               ow_dispute_wizard_get_now (wizard));
  gtk_label_set_label (self->description_label, text);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->description_copy), "s",
                                    text ? text : "");
}

static void
fill_evidence (OwDisputeReviewPage *self)
{
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  OwOrder *order = ow_dispute_wizard_get_order (wizard);
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  const char *reason_id = ow_dispute_draft_get_reason (draft);
  const OwDisputeReason *reason = reason_id
    ? ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy), reason_id) : NULL;
  g_autoptr(GPtrArray) items = ow_store_list_evidence (ow_dispute_wizard_get_store (wizard),
                                                       ow_order_get_id (order), NULL);
  guint n = items ? items->len : 0;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *count = NULL;

  ow_dispute_page_group_clear (self->evidence_group);
  for (guint i = 0; i < n; i++)
    {
      OwEvidence *evidence = g_ptr_array_index (items, i);
      g_autofree char *limit = ow_evidence_check_limits (evidence, policy, i);

      g_string_append_printf (names, "%s%s", i ? ", " : "", ow_evidence_get_original_name (evidence));
      if (limit != NULL)
        {
          /* Translators: a file name, then why it breaks the limits */
          g_autofree char *text = g_strdup_printf (_("%s: %s. Make it smaller or leave it out."),
                                                   ow_evidence_get_original_name (evidence),
                                                   limit);

          ow_dispute_page_group_add (self->evidence_group,
                                     warning_row (_("Over the Limit"), text));
        }
    }
  if (n == 0 && reason != NULL && ow_dispute_reason_get_group (reason) == OW_REASON_RECEIVED)
    ow_dispute_page_group_add (self->evidence_group,
                               warning_row (_("No Evidence Yet"),
                                            ow_dispute_guide_evidence_need (reason)));
  /* Translators: a number of files */
  count = n > 0 ? g_strdup_printf (ngettext ("%u file", "%u files", n), n)
                : g_strdup (_("No files"));
  ow_dispute_page_group_add (self->evidence_group,
                             field_row (count, n > 0 ? names->str : _("Add them on the Evidence "
                                                                      "page, or later on the "
                                                                      "order’s page"),
                                        "evidence", NULL));
}

static void
ow_dispute_review_page_shown (OwDisputePage *page)
{
  OwDisputeReviewPage *self = OW_DISPUTE_REVIEW_PAGE (page);
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (page);
  /* Translators: a marketplace */
  g_autofree char *open = g_strdup_printf (_("_Open the Order on %s"),
                                           ow_policy_get_name (ow_dispute_wizard_get_policy (wizard)));

  fill_intro (self);
  fill_fields (self);
  fill_description (self);
  fill_evidence (self);
  gtk_button_set_label (GTK_BUTTON (self->open_button), open);
  gtk_widget_set_tooltip_text (self->open_button, ow_dispute_wizard_get_order_url (wizard)
                                                  ? ow_dispute_wizard_get_order_url (wizard)
                                                  : _("The marketplace’s policy gives no "
                                                      "address for its order pages"));
}

static void
ow_dispute_review_page_tick (OwDisputePage *page,
                             gint64         now)
{
  fill_fields (OW_DISPUTE_REVIEW_PAGE (page));
}

static void
ow_dispute_review_page_constructed (GObject *object)
{
  OwDisputeReviewPage *self = OW_DISPUTE_REVIEW_PAGE (object);
  GtkWidget *group, *buttons, *card;

  G_OBJECT_CLASS (ow_dispute_review_page_parent_class)->constructed (object);

  g_object_set (self, "name", "review", "title", _("Review and Submit"), NULL);
  group = adw_preferences_group_new ();
  self->intro_label = GTK_LABEL (ow_dispute_page_paragraph (NULL, NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->intro_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  self->fields_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->fields_group, _("Your Dispute"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->fields_group);

  self->description_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->description_group, _("Description"));
  self->description_copy = ow_dispute_page_copy_button (_("Description"), "");
  adw_preferences_group_set_header_suffix (self->description_group, self->description_copy);
  self->description_label = GTK_LABEL (ow_dispute_page_paragraph (NULL, NULL));
  gtk_label_set_selectable (self->description_label, TRUE);
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "review-description");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->description_label));
  adw_preferences_group_add (self->description_group, card);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->description_group);

  self->evidence_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->evidence_group, _("Evidence"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->evidence_group);

  group = adw_preferences_group_new ();
  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  self->open_button = gtk_button_new_with_mnemonic ("");
  gtk_widget_add_css_class (self->open_button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "wizard.open-order");
  self->submit_button = gtk_button_new_with_mnemonic (_("I Have _Submitted It"));
  gtk_widget_add_css_class (self->submit_button, "pill");
  gtk_widget_add_css_class (self->submit_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->submit_button), "wizard.submit");
  gtk_widget_set_tooltip_text (self->submit_button,
                               _("Records the dispute as opened now and goes back to the "
                                 "order"));
  gtk_box_append (GTK_BOX (buttons), self->open_button);
  gtk_box_append (GTK_BOX (buttons), self->submit_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

static void
ow_dispute_review_page_class_init (OwDisputeReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_review_page_constructed;
  page_class->shown = ow_dispute_review_page_shown;
  page_class->tick = ow_dispute_review_page_tick;
}

static void
ow_dispute_review_page_init (OwDisputeReviewPage *self)
{
}

GtkWidget *
ow_dispute_review_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_REVIEW_PAGE, "wizard", wizard, NULL);
}
