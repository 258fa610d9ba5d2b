/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Describe it": the description the core drafts from the order's dates and tracking, in an
 * editable text view; Copy, and back to the drafted text once edited. The draft keeps the
 * edited text, or nothing while it is the drafted one (which then follows the reason and the
 * amount). */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-description-page.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-wizard.h"

struct _OwDisputeDescriptionPage
{
  OwDisputePage  parent_instance;

  GtkTextView   *view;
  GtkWidget     *reset_button;
  char          *drafted;
  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (OwDisputeDescriptionPage, ow_dispute_description_page, OW_TYPE_DISPUTE_PAGE)

enum { PROP_0, PROP_TEXT, PROP_EDITED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static char *
buffer_text (OwDisputeDescriptionPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update (OwDisputeDescriptionPage *self)
{
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self)));
  g_autofree char *text = buffer_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean edited = g_strcmp0 (text, self->drafted ? self->drafted : "") != 0;

  gtk_widget_set_sensitive (self->reset_button, edited && self->drafted != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "description.copy", *stripped != '\0');
  ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self),
                               *stripped == '\0'
                               ? _("Say what went wrong: the seller and the marketplace read "
                                   "this first.")
                               : NULL);
  if (!self->filling)
    {
      ow_dispute_draft_set_description (draft, edited ? text : NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
    }
}

static void
on_buffer_changed_cb (GtkTextBuffer            *buffer,
                      OwDisputeDescriptionPage *self)
{
  update (self);
}

static void
fill (OwDisputeDescriptionPage *self,
      const char               *text)
{
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text ? text : "", -1);
  self->filling = FALSE;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
}

static void
ow_dispute_description_page_shown (OwDisputePage *page)
{
  OwDisputeDescriptionPage *self = OW_DISPUTE_DESCRIPTION_PAGE (page);
  OwDisputeWizard *wizard = ow_dispute_page_get_wizard (page);
  OwDisputeDraft *draft = ow_dispute_wizard_get_draft (wizard);
  const char *own = ow_dispute_draft_get_description (draft);

  g_free (self->drafted);
  self->drafted = ow_dispute_draft_compose (draft, ow_dispute_wizard_get_store (wizard),
                                            ow_dispute_wizard_get_policy (wizard),
                                            ow_dispute_wizard_get_order (wizard),
                                            ow_dispute_wizard_get_now (wizard));
  fill (self, own != NULL ? own : self->drafted);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OwDisputeDescriptionPage *self = OW_DISPUTE_DESCRIPTION_PAGE (widget);
  g_autofree char *text = buffer_text (self);

  gtk_widget_activate_action (widget, "wizard.copy", "s", text);
}

static void
reset_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OwDisputeDescriptionPage *self = OW_DISPUTE_DESCRIPTION_PAGE (widget);

  ow_dispute_draft_set_description (ow_dispute_wizard_get_draft (ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self))),
                                    NULL);
  fill (self, self->drafted);
}

static void
ow_dispute_description_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  OwDisputeDescriptionPage *self = OW_DISPUTE_DESCRIPTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_string (value, buffer_text (self));
      break;
    case PROP_EDITED:
      {
        g_autofree char *text = buffer_text (self);

        g_value_set_boolean (value, g_strcmp0 (text, self->drafted ? self->drafted : "") != 0);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_description_page_constructed (GObject *object)
{
  OwDisputeDescriptionPage *self = OW_DISPUTE_DESCRIPTION_PAGE (object);
  GtkWidget *group, *scroller, *buttons, *copy;

  G_OBJECT_CLASS (ow_dispute_description_page_parent_class)->constructed (object);

  g_object_set (self, "name", "description", "title", _("Describe It"), NULL);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Drafted from the order’s dates and tracking, in "
                                           "English, which sellers and the marketplace’s agents "
                                           "read. Change anything; keep it short and factual."));

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->view, 12);
  gtk_text_view_set_bottom_margin (self->view, 12);
  gtk_text_view_set_left_margin (self->view, 12);
  gtk_text_view_set_right_margin (self->view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "ow-description-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Description"), -1);
  g_signal_connect (gtk_text_view_get_buffer (self->view), "changed",
                    G_CALLBACK (on_buffer_changed_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (scroller, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scroller);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->reset_button = gtk_button_new_with_mnemonic (_("Use the _Drafted Text"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reset_button), "description.reset");
  copy = gtk_button_new_with_mnemonic (_("_Copy"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "description.copy");
  gtk_widget_set_tooltip_text (copy, _("Copy the description"));
  gtk_box_append (GTK_BOX (buttons), self->reset_button);
  gtk_box_append (GTK_BOX (buttons), copy);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  /* Empty until shown: nothing to write into the draft yet. */
  self->filling = TRUE;
  update (self);
  self->filling = FALSE;
}

static void
ow_dispute_description_page_finalize (GObject *object)
{
  OwDisputeDescriptionPage *self = OW_DISPUTE_DESCRIPTION_PAGE (object);

  g_free (self->drafted);

  G_OBJECT_CLASS (ow_dispute_description_page_parent_class)->finalize (object);
}

static void
ow_dispute_description_page_class_init (OwDisputeDescriptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_description_page_constructed;
  object_class->finalize = ow_dispute_description_page_finalize;
  object_class->get_property = ow_dispute_description_page_get_property;
  page_class->shown = ow_dispute_description_page_shown;

  /* What the view shows, and whether it differs from the drafted text. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "description.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "description.reset", NULL, reset_activated);
}

static void
ow_dispute_description_page_init (OwDisputeDescriptionPage *self)
{
}

GtkWidget *
ow_dispute_description_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_DESCRIPTION_PAGE, "wizard", wizard, NULL);
}
