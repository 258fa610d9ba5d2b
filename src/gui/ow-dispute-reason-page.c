/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "What went wrong?": the marketplace's reasons as its form groups them, the one the tracking
 * and the dates point to marked with why, and preselected; reasons that do not fit the order
 * insensitive, their group saying why (property action reason.pick). */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-claim.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-reason-page.h"
#include "ow-dispute-terms.h"
#include "ow-dispute-wizard.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-parcels.h"

#define N_GROUPS 2

struct _OwDisputeReasonPage
{
  OwDisputePage        parent_instance;

  AdwPreferencesGroup *groups[N_GROUPS];
  GHashTable          *rows;          /* reason id -> AdwActionRow */
  GtkWidget           *suggested_tag;
  char                *reason;
  char                *suggested;
  char                *why;
};

G_DEFINE_FINAL_TYPE (OwDisputeReasonPage, ow_dispute_reason_page, OW_TYPE_DISPUTE_PAGE)

enum { PROP_0, PROP_REASON, PROP_SUGGESTED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static OwDisputeWizard *
wizard_of (OwDisputeReasonPage *self)
{
  return ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
}

static void
update_blocker (OwDisputeReasonPage *self)
{
  OwDisputeWizard *wizard = wizard_of (self);
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (ow_dispute_wizard_get_policy (wizard));
  const OwDisputeReason *reason = self->reason ? ow_dispute_terms_find_reason (terms, self->reason)
                                               : NULL;
  g_autofree char *why_not = NULL;

  if (reason == NULL)
    ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), _("Pick what went wrong."));
  else if (!ow_dispute_guide_reason_possible (ow_dispute_wizard_get_order (wizard), reason,
                                              &why_not))
    ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), why_not);
  else
    ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), NULL);
}

/* Which reason the facts point to, today. */
static void
suggest (OwDisputeReasonPage *self)
{
  OwDisputeWizard *wizard = wizard_of (self);
  g_autoptr(GPtrArray) parcels = ow_store_list_parcels (ow_dispute_wizard_get_store (wizard),
                                                        ow_order_get_id (ow_dispute_wizard_get_order (wizard)),
                                                        NULL);
  g_autofree char *why = NULL;
  const char *id = ow_dispute_suggest_reason (ow_dispute_wizard_get_order (wizard),
                                              ow_dispute_wizard_get_policy (wizard), parcels,
                                              ow_dispute_wizard_get_now (wizard), &why);

  if (g_strcmp0 (id, self->suggested) == 0 && g_strcmp0 (why, self->why) == 0)
    return;

  /* The old suggestion's row loses its mark. */
  if (self->suggested != NULL)
    {
      AdwActionRow *row = g_hash_table_lookup (self->rows, self->suggested);

      if (row != NULL)
        {
          adw_action_row_set_subtitle (row, NULL);
          adw_action_row_remove (row, self->suggested_tag);
        }
    }
  g_free (self->suggested);
  g_free (self->why);
  self->suggested = g_strdup (id);
  self->why = g_steal_pointer (&why);
  if (self->suggested != NULL)
    {
      AdwActionRow *row = g_hash_table_lookup (self->rows, self->suggested);

      if (row != NULL)
        {
          adw_action_row_set_subtitle (row, self->why);
          adw_action_row_add_suffix (row, self->suggested_tag);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTED]);
}

static void
ow_dispute_reason_page_shown (OwDisputePage *page)
{
  OwDisputeReasonPage *self = OW_DISPUTE_REASON_PAGE (page);
  OwDisputeWizard *wizard = wizard_of (self);
  OwOrder *order = ow_dispute_wizard_get_order (wizard);
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (ow_dispute_wizard_get_policy (wizard));
  GHashTableIter iter;
  gpointer id, row;
  char *why_not[N_GROUPS] = { NULL, NULL };

  suggest (self);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &id, &row))
    {
      const OwDisputeReason *reason = ow_dispute_terms_find_reason (terms, id);
      OwReasonGroup group = ow_dispute_reason_get_group (reason);
      g_autofree char *why = NULL;
      gboolean possible = ow_dispute_guide_reason_possible (order, reason, &why);

      gtk_widget_set_sensitive (row, possible);
      if (!possible && why_not[group] == NULL)
        why_not[group] = g_steal_pointer (&why);
    }
  for (guint g = 0; g < N_GROUPS; g++)
    {
      adw_preferences_group_set_description (self->groups[g], why_not[g]);
      g_free (why_not[g]);
    }

  /* Nothing picked yet: the suggestion, which the buyer accepts with Next. */
  if (self->reason == NULL && self->suggested != NULL)
    ow_dispute_draft_set_reason (ow_dispute_wizard_get_draft (wizard), self->suggested);
  update_blocker (self);
}

static void
ow_dispute_reason_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OwDisputeReasonPage *self = OW_DISPUTE_REASON_PAGE (object);

  switch (prop_id)
    {
    case PROP_REASON:
      g_value_set_string (value, self->reason ? self->reason : "");
      break;
    case PROP_SUGGESTED:
      g_value_set_string (value, self->suggested);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_reason_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OwDisputeReasonPage *self = OW_DISPUTE_REASON_PAGE (object);

  switch (prop_id)
    {
    case PROP_REASON:
      if (g_strcmp0 (self->reason ? self->reason : "", g_value_get_string (value) ? g_value_get_string (value) : "") != 0)
        {
          const char *text = g_value_get_string (value);

          g_free (self->reason);
          self->reason = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
          g_object_notify_by_pspec (object, pspec);
          if (self->rows != NULL && wizard_of (self) != NULL)
            update_blocker (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The page's property backs a radio action, whose state is never NULL: "" is none. */
static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  g_value_set_string (to, g_value_get_string (from) ? g_value_get_string (from) : "");
  return TRUE;
}

static gboolean
empty_to_null (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL && *text != '\0' ? text : NULL);
  return TRUE;
}

static void
ow_dispute_reason_page_constructed (GObject *object)
{
  OwDisputeReasonPage *self = OW_DISPUTE_REASON_PAGE (object);
  OwDisputeWizard *wizard = wizard_of (self);
  const OwDisputeTerms *terms = ow_policy_get_dispute_terms (ow_dispute_wizard_get_policy (wizard));

  G_OBJECT_CLASS (ow_dispute_reason_page_parent_class)->constructed (object);

  g_object_set (self, "name", "reason", "title", _("What Went Wrong?"), NULL);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      self->groups[g] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->groups[g], ow_dispute_guide_group_title (g));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->groups[g]);
    }
  for (guint i = 0; i < ow_dispute_terms_get_n_reasons (terms); i++)
    {
      const OwDisputeReason *reason = ow_dispute_terms_get_reason (terms, i);
      const char *id = ow_dispute_reason_get_id (reason);
      GtkWidget *row = ow_dispute_page_choice_row (ow_dispute_reason_get_title (reason), NULL,
                                                   "reason.pick", g_variant_new_string (id),
                                                   NULL);

      g_hash_table_insert (self->rows, g_strdup (id), row);
      adw_preferences_group_add (self->groups[ow_dispute_reason_get_group (reason)], row);
    }

  g_object_bind_property_full (ow_dispute_wizard_get_draft (wizard), "reason", self, "reason",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               null_to_empty, empty_to_null, NULL, NULL);
  update_blocker (self);
}

static void
ow_dispute_reason_page_dispose (GObject *object)
{
  OwDisputeReasonPage *self = OW_DISPUTE_REASON_PAGE (object);

  g_clear_object (&self->suggested_tag);

  G_OBJECT_CLASS (ow_dispute_reason_page_parent_class)->dispose (object);
}

static void
ow_dispute_reason_page_finalize (GObject *object)
{
  OwDisputeReasonPage *self = OW_DISPUTE_REASON_PAGE (object);

  g_hash_table_unref (self->rows);
  g_free (self->reason);
  g_free (self->suggested);
  g_free (self->why);

  G_OBJECT_CLASS (ow_dispute_reason_page_parent_class)->finalize (object);
}

static void
ow_dispute_reason_page_class_init (OwDisputeReasonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_reason_page_constructed;
  object_class->dispose = ow_dispute_reason_page_dispose;
  object_class->finalize = ow_dispute_reason_page_finalize;
  object_class->get_property = ow_dispute_reason_page_get_property;
  object_class->set_property = ow_dispute_reason_page_set_property;
  page_class->shown = ow_dispute_reason_page_shown;

  /* The reason picked, "" for none. */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The reason the facts point to, or NULL. */
  properties[PROP_SUGGESTED] =
    g_param_spec_string ("suggested", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "reason.pick", "reason");
}

static void
ow_dispute_reason_page_init (OwDisputeReasonPage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* One tag, moved to whichever row is suggested. */
  self->suggested_tag = g_object_ref_sink (gtk_label_new (_("Suggested")));
  gtk_widget_set_valign (self->suggested_tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->suggested_tag, "status-pill");
  gtk_widget_add_css_class (self->suggested_tag, "suggested-tag");
}

GtkWidget *
ow_dispute_reason_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_REASON_PAGE, "wizard", wizard, NULL);
}
