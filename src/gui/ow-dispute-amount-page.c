/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "How much?": everything paid, or a part of it typed in the order's currency and checked as
 * it is typed (amount.refund: "full" or "partial"). */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-amount-page.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-wizard.h"
#include "ow-money.h"
#include "ow-order.h"

struct _OwDisputeAmountPage
{
  OwDisputePage  parent_instance;

  GtkWidget     *full_row;
  GtkWidget     *partial_row;
  AdwEntryRow   *entry_row;
  AdwPreferencesGroup *entry_group;
  GtkLabel      *error_label;
  gboolean       partial;
  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (OwDisputeAmountPage, ow_dispute_amount_page, OW_TYPE_DISPUTE_PAGE)

enum { PROP_0, PROP_REFUND, N_PROPS };
static GParamSpec *properties[N_PROPS];

static OwDisputeWizard *
wizard_of (OwDisputeAmountPage *self)
{
  return ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
}

/* The typed amount against the order; the draft gets it when it is right. */
static void
check (OwDisputeAmountPage *self)
{
  OwDisputeWizard *wizard = wizard_of (self);
  OwOrder *order = ow_dispute_wizard_get_order (wizard);
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *why_not = NULL;
  gint64 amount = 0;
  gboolean typed = text != NULL && *text != '\0';
  gboolean valid;

  if (self->filling)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry_row), self->partial);
  if (self->partial &&
      !ow_dispute_guide_partial_possible (ow_dispute_draft_get_solution (draft), &why_not))
    {
      ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), why_not);
      return;
    }
  if (!self->partial)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), NULL);
      return;
    }

  valid = ow_dispute_guide_parse_amount (order, _("Amount"), text, &amount, &error);
  if (valid)
    ow_dispute_draft_set_amount (draft, amount);
  /* Red only once something is typed; empty just waits. */
  if (valid || !typed)
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->entry_row), "error");
  gtk_label_set_label (self->error_label, valid ? NULL : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !valid && typed);
  ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), valid ? NULL : error->message);
}

static void
on_entry_changed_cb (GtkEditable         *editable,
                     OwDisputeAmountPage *self)
{
  check (self);
}

static void
ow_dispute_amount_page_shown (OwDisputePage *page)
{
  OwDisputeAmountPage *self = OW_DISPUTE_AMOUNT_PAGE (page);
  OwDisputeWizard *wizard = wizard_of (self);
  OwOrder *order = ow_dispute_wizard_get_order (wizard);
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  const char *currency = ow_order_get_currency (order);
  g_autofree char *paid = ow_money_format (ow_order_get_amount (order), currency);
  g_autofree char *full = NULL;
  g_autofree char *title = NULL;
  g_autofree char *why_not = NULL;
  gboolean partial_possible =
    ow_dispute_guide_partial_possible (ow_dispute_draft_get_solution (draft), &why_not);

  /* Translators: what was paid, e.g. "All 4.99 USD you paid" */
  full = g_strdup_printf (_("All %s you paid"), paid);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->full_row), full);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->partial_row),
                               partial_possible ? _("Keep the item and ask for a part back")
                                                : why_not);
  gtk_widget_set_sensitive (self->partial_row, partial_possible);
  if (!partial_possible && self->partial)
    ow_dispute_draft_set_partial (draft, FALSE);

  /* Translators: %s is a currency code such as "USD" */
  title = g_strdup_printf (_("Amount in %s"), currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry_row), title);
  {
    /* Translators: what was paid, e.g. "Up to the 25.99 USD you paid" */
    g_autofree char *hint = g_strdup_printf (_("Up to the %s you paid. The seller may offer "
                                               "less; you answer that later."), paid);

    adw_preferences_group_set_description (self->entry_group, partial_possible ? hint : NULL);
  }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->entry_row)) == '\0' &&
      ow_dispute_draft_get_amount (draft) > 0)
    {
      g_autofree char *text = ow_money_to_decimal (ow_dispute_draft_get_amount (draft), currency);

      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry_row), text);
      self->filling = FALSE;
    }
  check (self);
}

static void
ow_dispute_amount_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OwDisputeAmountPage *self = OW_DISPUTE_AMOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_REFUND:
      g_value_set_string (value, self->partial ? "partial" : "full");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_amount_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OwDisputeAmountPage *self = OW_DISPUTE_AMOUNT_PAGE (object);
  gboolean partial;

  switch (prop_id)
    {
    case PROP_REFUND:
      partial = g_strcmp0 (g_value_get_string (value), "partial") == 0;
      if (self->partial != partial)
        {
          self->partial = partial;
          g_object_notify_by_pspec (object, pspec);
          if (self->entry_row != NULL)
            {
              check (self);
              if (partial)
                gtk_widget_grab_focus (GTK_WIDGET (self->entry_row));
            }
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
partial_to_refund (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      data)
{
  g_value_set_string (to, g_value_get_boolean (from) ? "partial" : "full");
  return TRUE;
}

static gboolean
refund_to_partial (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      data)
{
  g_value_set_boolean (to, g_strcmp0 (g_value_get_string (from), "partial") == 0);
  return TRUE;
}

static void
ow_dispute_amount_page_constructed (GObject *object)
{
  OwDisputeAmountPage *self = OW_DISPUTE_AMOUNT_PAGE (object);
  OwDisputeWizard *wizard = wizard_of (self);
  GtkWidget *group;

  G_OBJECT_CLASS (ow_dispute_amount_page_parent_class)->constructed (object);

  g_object_set (self, "name", "amount", "title", _("How Much?"), NULL);
  group = adw_preferences_group_new ();
  self->full_row = ow_dispute_page_choice_row (_("Full Refund"), NULL, "amount.refund",
                                               g_variant_new_string ("full"), NULL);
  self->partial_row = ow_dispute_page_choice_row (_("Partial Refund"), NULL, "amount.refund",
                                                  g_variant_new_string ("partial"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->full_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->partial_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  self->entry_group = ADW_PREFERENCES_GROUP (group);
  self->entry_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry_row), 0);
  adw_entry_row_set_input_purpose (self->entry_row, GTK_INPUT_PURPOSE_NUMBER);
  g_signal_connect (self->entry_row, "changed", G_CALLBACK (on_entry_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->entry_row));
  self->error_label = GTK_LABEL (ow_dispute_page_paragraph (NULL, "error"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->error_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  g_object_bind_property_full (ow_dispute_wizard_get_draft (wizard), "partial", self, "refund",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               partial_to_refund, refund_to_partial, NULL, NULL);
  ow_dispute_amount_page_shown (OW_DISPUTE_PAGE (self));
}

static void
ow_dispute_amount_page_class_init (OwDisputeAmountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_amount_page_constructed;
  object_class->get_property = ow_dispute_amount_page_get_property;
  object_class->set_property = ow_dispute_amount_page_set_property;
  page_class->shown = ow_dispute_amount_page_shown;

  /* "full" or "partial". */
  properties[PROP_REFUND] =
    g_param_spec_string ("refund", NULL, NULL, "full",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "amount.refund", "refund");
}

static void
ow_dispute_amount_page_init (OwDisputeAmountPage *self)
{
}

GtkWidget *
ow_dispute_amount_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_AMOUNT_PAGE, "wizard", wizard, NULL);
}
