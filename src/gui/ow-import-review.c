/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-import-review.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"

struct _OwImportReview
{
  AdwWindow     parent_instance;

  OwImportPlan *plan;
  OwPolicyRegistry *policies;     /* the marketplaces' names */
  char         *file_name;
  char         *summary;

  GtkLabel     *file_label;
  GtkLabel     *summary_label;
  GtkLabel     *problems_label;
  GtkListView  *orders_view;
};

G_DEFINE_FINAL_TYPE (OwImportReview, ow_import_review, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_PLAN, PROP_POLICIES, PROP_FILE_NAME, PROP_SUMMARY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CONFIRMED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* One row per order: what happens to it, which order, and each change on its own line. */
static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *changes = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (changes), 0);
  gtk_label_set_wrap (GTK_LABEL (changes), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (changes), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (changes, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), changes);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    OwImportReview           *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *changes = gtk_widget_get_next_sibling (title);
  guint index = gtk_list_item_get_position (item);
  OwOrder *order = ow_import_plan_get_order (self->plan, index);
  GPtrArray *lines = ow_import_plan_get_changes (self->plan, index);
  const char *item_title = ow_order_get_item_title (order);
  OwPolicy *policy = self->policies ? ow_policy_registry_lookup (self->policies,
                                                                 ow_order_get_marketplace (order))
                                    : NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: "New", then the marketplace and the order number, then the item */
  heading = g_strdup_printf (item_title ? _("%s · %s %s · %s") : _("%s · %s %s"),
                             ow_import_kind_label (ow_import_plan_get_kind (self->plan, index)),
                             policy ? ow_policy_get_name (policy) : ow_order_get_marketplace (order),
                             ow_order_get_order_number (order),
                             item_title);
  gtk_label_set_text (GTK_LABEL (title), heading);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (const char *) g_ptr_array_index (lines, i));
  if (lines->len == 0)
    g_string_append (text, _("Nothing changes"));
  gtk_label_set_text (GTK_LABEL (changes), text->str);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[CONFIRMED], 0);
}

static void
ow_import_review_constructed (GObject *object)
{
  OwImportReview *self = OW_IMPORT_REVIEW (object);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GPtrArray *problems;

  G_OBJECT_CLASS (ow_import_review_parent_class)->constructed (object);

  g_return_if_fail (self->plan != NULL);

  self->summary = ow_import_plan_describe (self->plan);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_label_set_text (self->file_label, self->file_name ? self->file_name : "");

  problems = ow_import_plan_get_problems (self->plan);
  if (problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "",
                                (const char *) g_ptr_array_index (problems, i));
      gtk_label_set_text (self->problems_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
    }

  /* The list holds positions; each row reads its order from the plan. */
  for (guint i = 0; i < ow_import_plan_get_n_orders (self->plan); i++)
    {
      char index[16];

      g_snprintf (index, sizeof index, "%u", i);
      gtk_string_list_append (rows, index);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  gtk_list_view_set_factory (self->orders_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->orders_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (g_steal_pointer (&rows)))));

  /* Nothing to write: only Cancel makes sense. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.import",
                                 ow_import_plan_count (self->plan, OW_IMPORT_NEW) +
                                   ow_import_plan_count (self->plan, OW_IMPORT_UPDATED) > 0);
}

static void
ow_import_review_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OwImportReview *self = OW_IMPORT_REVIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_POLICIES:
      g_value_set_object (value, self->policies);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_import_review_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OwImportReview *self = OW_IMPORT_REVIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_object (value);
      break;
    case PROP_POLICIES:
      self->policies = g_value_dup_object (value);
      break;
    case PROP_FILE_NAME:
      self->file_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_import_review_dispose (GObject *object)
{
  OwImportReview *self = OW_IMPORT_REVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_IMPORT_REVIEW);
  g_clear_object (&self->plan);
  g_clear_object (&self->policies);

  G_OBJECT_CLASS (ow_import_review_parent_class)->dispose (object);
}

static void
ow_import_review_finalize (GObject *object)
{
  OwImportReview *self = OW_IMPORT_REVIEW (object);

  g_free (self->file_name);
  g_free (self->summary);

  G_OBJECT_CLASS (ow_import_review_parent_class)->finalize (object);
}

static void
ow_import_review_class_init (OwImportReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ow_import_review_constructed;
  object_class->get_property = ow_import_review_get_property;
  object_class->set_property = ow_import_review_set_property;
  object_class->dispose = ow_import_review_dispose;
  object_class->finalize = ow_import_review_finalize;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, OW_TYPE_IMPORT_PLAN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICIES] =
    g_param_spec_object ("policies", NULL, NULL, OW_TYPE_POLICY_REGISTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user chose Import: the window applies the plan. */
  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orderwatch/Orderwatch/"
                                               "ow-import-review.ui");
  gtk_widget_class_bind_template_child (widget_class, OwImportReview, file_label);
  gtk_widget_class_bind_template_child (widget_class, OwImportReview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OwImportReview, problems_label);
  gtk_widget_class_bind_template_child (widget_class, OwImportReview, orders_view);
  gtk_widget_class_install_action (widget_class, "review.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ow_import_review_init (OwImportReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OwImportReview *
ow_import_review_new (OwImportPlan     *plan,
                      OwPolicyRegistry *policies,
                      const char       *file_name)
{
  g_return_val_if_fail (OW_IS_IMPORT_PLAN (plan), NULL);
  g_return_val_if_fail (policies == NULL || OW_IS_POLICY_REGISTRY (policies), NULL);

  return g_object_new (OW_TYPE_IMPORT_REVIEW, "plan", plan, "policies", policies,
                       "file-name", file_name, NULL);
}

OwImportPlan *
ow_import_review_get_plan (OwImportReview *self)
{
  g_return_val_if_fail (OW_IS_IMPORT_REVIEW (self), NULL);
  return self->plan;
}

const char *
ow_import_review_get_summary (OwImportReview *self)
{
  g_return_val_if_fail (OW_IS_IMPORT_REVIEW (self), NULL);
  return self->summary;
}
