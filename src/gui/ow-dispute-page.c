/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-page.h"
#include "ow-dispute-wizard.h"

typedef struct
{
  OwDisputeWizard *wizard;
  char            *blocker;
} OwDisputePagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (OwDisputePage, ow_dispute_page, ADW_TYPE_PREFERENCES_PAGE)

enum { PROP_0, PROP_WIZARD, PROP_COMPLETE, PROP_BLOCKER, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ow_dispute_page_finalize (GObject *object)
{
  OwDisputePagePrivate *priv = ow_dispute_page_get_instance_private (OW_DISPUTE_PAGE (object));

  g_free (priv->blocker);

  G_OBJECT_CLASS (ow_dispute_page_parent_class)->finalize (object);
}

static void
ow_dispute_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OwDisputePage *self = OW_DISPUTE_PAGE (object);
  OwDisputePagePrivate *priv = ow_dispute_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_WIZARD:
      g_value_set_pointer (value, priv->wizard);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, priv->blocker == NULL);
      break;
    case PROP_BLOCKER:
      g_value_set_string (value, priv->blocker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OwDisputePage *self = OW_DISPUTE_PAGE (object);
  OwDisputePagePrivate *priv = ow_dispute_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_WIZARD:
      priv->wizard = g_value_get_pointer (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_page_class_init (OwDisputePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ow_dispute_page_finalize;
  object_class->get_property = ow_dispute_page_get_property;
  object_class->set_property = ow_dispute_page_set_property;

  /* A pointer: the wizard owns the page, which must not keep it alive. */
  properties[PROP_WIZARD] =
    g_param_spec_pointer ("wizard", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCKER] =
    g_param_spec_string ("blocker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ow_dispute_page_init (OwDisputePage *self)
{
}

OwDisputeWizard *
ow_dispute_page_get_wizard (OwDisputePage *self)
{
  OwDisputePagePrivate *priv;

  g_return_val_if_fail (OW_IS_DISPUTE_PAGE (self), NULL);
  priv = ow_dispute_page_get_instance_private (self);
  return priv->wizard;
}

gboolean
ow_dispute_page_get_complete (OwDisputePage *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_PAGE (self), FALSE);
  return ow_dispute_page_get_blocker (self) == NULL;
}

const char *
ow_dispute_page_get_blocker (OwDisputePage *self)
{
  OwDisputePagePrivate *priv;

  g_return_val_if_fail (OW_IS_DISPUTE_PAGE (self), NULL);
  priv = ow_dispute_page_get_instance_private (self);
  return priv->blocker;
}

void
ow_dispute_page_set_blocker (OwDisputePage *self,
                             const char    *blocker)
{
  OwDisputePagePrivate *priv;
  gboolean was_complete;

  g_return_if_fail (OW_IS_DISPUTE_PAGE (self));
  priv = ow_dispute_page_get_instance_private (self);

  if (g_strcmp0 (priv->blocker, blocker) == 0)
    return;
  was_complete = priv->blocker == NULL;
  g_free (priv->blocker);
  priv->blocker = g_strdup (blocker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKER]);
  if (was_complete != (blocker == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

void
ow_dispute_page_shown (OwDisputePage *self)
{
  g_return_if_fail (OW_IS_DISPUTE_PAGE (self));

  if (OW_DISPUTE_PAGE_GET_CLASS (self)->shown != NULL)
    OW_DISPUTE_PAGE_GET_CLASS (self)->shown (self);
}

void
ow_dispute_page_tick (OwDisputePage *self,
                      gint64         now)
{
  g_return_if_fail (OW_IS_DISPUTE_PAGE (self));

  if (OW_DISPUTE_PAGE_GET_CLASS (self)->tick != NULL)
    OW_DISPUTE_PAGE_GET_CLASS (self)->tick (self, now);
}

/* ---- Building blocks ---- */

GtkWidget *
ow_dispute_page_choice_row (const char      *title,
                            const char      *subtitle,
                            const char      *action_name,
                            GVariant        *target,
                            GtkCheckButton **check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_check_button_new ();

  g_variant_ref_sink (target);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (subtitle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_variant_unref (target);
  if (check != NULL)
    *check = GTK_CHECK_BUTTON (button);
  return row;
}

GtkWidget *
ow_dispute_page_copy_button (const char *what,
                             const char *text)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  /* Translators: %s is what is copied, e.g. "Order Number" */
  g_autofree char *name = g_strdup_printf (_("Copy %s"), what);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wizard.copy");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", text ? text : "");
  return button;
}

GtkWidget *
ow_dispute_page_paragraph (const char *text,
                           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
ow_dispute_page_group_add (AdwPreferencesGroup *group,
                           GtkWidget           *row)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "ow-rows");

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (group), "ow-rows", rows,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (rows, row);
  adw_preferences_group_add (group, row);
}

void
ow_dispute_page_group_clear (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "ow-rows");

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  if (rows != NULL)
    g_ptr_array_set_size (rows, 0);
}
