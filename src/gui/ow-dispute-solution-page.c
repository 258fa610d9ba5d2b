/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "What do you want?": Refund only or Return goods, each explained in one sentence from the
 * policy; the one the reason does not allow insensitive, saying why (solution.pick). */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-draft.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-solution-page.h"
#include "ow-dispute-terms.h"
#include "ow-dispute-wizard.h"
#include "ow-policy.h"

struct _OwDisputeSolutionPage
{
  OwDisputePage  parent_instance;

  GtkWidget     *rows[OW_N_SOLUTIONS];
  guint          solution;
};

G_DEFINE_FINAL_TYPE (OwDisputeSolutionPage, ow_dispute_solution_page, OW_TYPE_DISPUTE_PAGE)

enum { PROP_0, PROP_SOLUTION, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const OwDisputeReason *
current_reason (OwDisputeSolutionPage *self)
{
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  const char *id = ow_dispute_draft_get_reason (ow_dispute_wizard_get_draft (wizard));

  return id ? ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (ow_dispute_wizard_get_policy (wizard)), id)
            : NULL;
}

static void
update_blocker (OwDisputeSolutionPage *self)
{
  const OwDisputeReason *reason = current_reason (self);
  g_autofree char *why_not = NULL;

  if (self->solution >= OW_N_SOLUTIONS)
    ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self),
                                 _("Pick Refund only or Return goods."));
  else if (reason != NULL &&
           !ow_dispute_guide_solution_possible (reason, self->solution, &why_not))
    ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), why_not);
  else
    ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), NULL);
}

static void
ow_dispute_solution_page_shown (OwDisputePage *page)
{
  OwDisputeSolutionPage *self = OW_DISPUTE_SOLUTION_PAGE (page);
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (page);
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  const OwDisputeReason *reason = current_reason (self);
  guint n_possible = 0, only = OW_N_SOLUTIONS;

  for (guint s = 0; s < OW_N_SOLUTIONS; s++)
    {
      g_autofree char *why_not = NULL;
      g_autofree char *explain = ow_dispute_guide_solution_explain (policy, s);
      gboolean possible = reason == NULL ||
                          ow_dispute_guide_solution_possible (reason, s, &why_not);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[s]), possible ? explain : why_not);
      gtk_widget_set_sensitive (self->rows[s], possible);
      gtk_widget_set_tooltip_text (self->rows[s], possible ? NULL : explain);
      if (possible)
        {
          n_possible++;
          only = s;
        }
      /* A choice the new reason does not allow is no choice. */
      else if (self->solution == s)
        ow_dispute_draft_set_solution (draft, OW_N_SOLUTIONS);
    }
  if (self->solution >= OW_N_SOLUTIONS && n_possible == 1)
    ow_dispute_draft_set_solution (draft, only);
  update_blocker (self);
}

static void
ow_dispute_solution_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  OwDisputeSolutionPage *self = OW_DISPUTE_SOLUTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SOLUTION:
      g_value_set_uint (value, self->solution);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_solution_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  OwDisputeSolutionPage *self = OW_DISPUTE_SOLUTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SOLUTION:
      if (self->solution != g_value_get_uint (value))
        {
          self->solution = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
          if (self->rows[0] != NULL)
            update_blocker (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_reason_cb (OwDisputeDraft        *draft,
              GParamSpec            *pspec,
              OwDisputeSolutionPage *self)
{
  update_blocker (self);
}

static void
ow_dispute_solution_page_constructed (GObject *object)
{
  OwDisputeSolutionPage *self = OW_DISPUTE_SOLUTION_PAGE (object);
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  GtkWidget *group;

  G_OBJECT_CLASS (ow_dispute_solution_page_parent_class)->constructed (object);

  g_object_set (self, "name", "solution", "title", _("What Do You Want?"), NULL);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What you ask the seller for; the marketplace "
                                           "decides if you cannot agree."));
  for (guint s = 0; s < OW_N_SOLUTIONS; s++)
    {
      self->rows[s] = ow_dispute_page_choice_row (ow_dispute_solution_label (s), NULL,
                                                  "solution.pick", g_variant_new_uint32 (s),
                                                  NULL);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->rows[s]), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->rows[s]);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  g_object_bind_property (draft, "solution", self, "solution",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (draft, "notify::reason", G_CALLBACK (on_reason_cb), self, 0);
  update_blocker (self);
}

static void
ow_dispute_solution_page_class_init (OwDisputeSolutionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_solution_page_constructed;
  object_class->get_property = ow_dispute_solution_page_get_property;
  object_class->set_property = ow_dispute_solution_page_set_property;
  page_class->shown = ow_dispute_solution_page_shown;

  /* OW_N_SOLUTIONS: none picked. */
  properties[PROP_SOLUTION] =
    g_param_spec_uint ("solution", NULL, NULL, 0, OW_N_SOLUTIONS, OW_N_SOLUTIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "solution.pick", "solution");
}

static void
ow_dispute_solution_page_init (OwDisputeSolutionPage *self)
{
  self->solution = OW_N_SOLUTIONS;
}

GtkWidget *
ow_dispute_solution_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_SOLUTION_PAGE, "wizard", wizard, NULL);
}
