/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadline-row.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-section-private.h"
#include "ow-dispute-terms.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store.h"

G_DEFINE_FINAL_TYPE (OwDisputeSection, ow_dispute_section, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DISPUTE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "review-field");
  return row;
}

AdwToast *
ow_dispute_section_toast (OwDisputeSection *self,
                          const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return NULL;
    }
  /* Only what was recorded last: an older word would say the dispute is where it was. */
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

static OwPolicy *
marketplace (OwDisputeSection *self)
{
  return ow_policy_registry_lookup (self->policies, ow_order_get_marketplace (self->order));
}

/* The dispute to show: the latest open one, else the latest. */
static OwDispute *
pick_dispute (GPtrArray *disputes)
{
  OwDispute *open = NULL;

  for (guint i = 0; disputes != NULL && i < disputes->len; i++)
    if (ow_dispute_is_open (g_ptr_array_index (disputes, i)))
      open = g_ptr_array_index (disputes, i);
  if (open != NULL)
    return open;
  return disputes != NULL && disputes->len > 0 ? g_ptr_array_index (disputes, disputes->len - 1)
                                               : NULL;
}

static char *
format_money (OwDisputeSection *self,
              gint64            amount)
{
  return ow_money_format (amount, ow_order_get_currency (self->order));
}

static void
fill_summary (OwDisputeSection *self)
{
  OwPolicy *policy = marketplace (self);
  OwDispute *dispute = self->dispute;
  OwDisputeChannel channel = ow_dispute_get_channel (dispute);
  const OwDisputeReason *reason =
    policy ? ow_dispute_terms_find_reason (ow_policy_get_dispute_terms (policy),
                                           ow_dispute_get_reason (dispute)) : NULL;
  /* Translators: where the dispute is, e.g. "Dispute on AliExpress" */
  g_autofree char *title = g_strdup_printf (_("Dispute on %s"),
                                            ow_dispute_guide_channel_name (policy, channel));
  g_autofree char *amount = format_money (self, ow_dispute_get_amount (dispute));
  g_autofree char *asked = g_strdup_printf ("%s · %s",
                                            ow_dispute_solution_label (ow_dispute_get_solution (dispute)),
                                            amount);
  g_autofree char *opened = ow_format_date_time (ow_dispute_get_opened_at (dispute));
  const char *state = ow_dispute_state_label (ow_dispute_get_state (dispute));

  adw_preferences_group_set_title (self->summary_group, title);
  gtk_label_set_label (self->state_label, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);

  clear_list (self->summary_list);
  gtk_list_box_append (self->summary_list,
                       make_row (_("Reason"), reason ? ow_dispute_reason_get_title (reason)
                                                     : ow_dispute_get_reason (dispute)));
  gtk_list_box_append (self->summary_list, make_row (_("Asked For"), asked));
  if (opened != NULL)
    gtk_list_box_append (self->summary_list, make_row (_("Opened"), opened));
  if (!ow_dispute_is_open (dispute))
    {
      const OwDisputeStep *closed = ow_dispute_find_step (dispute, OW_STEP_CLOSED);
      g_autofree char *when = closed ? ow_format_date_time (closed->at) : NULL;
      g_autofree char *refunded = closed && closed->amount > 0 ? format_money (self, closed->amount)
                                                               : NULL;
      g_autofree char *text = refunded
        /* Translators: a date, then what was refunded */
        ? g_strdup_printf (_("%s · %s refunded"), when ? when : "", refunded)
        : g_strdup (when);

      gtk_list_box_append (self->summary_list, make_row (_("Closed"), text));
    }
  /* Open or closed: the dossier is what the buyer hands PayPal or the bank afterwards. */
  gtk_list_box_append (self->summary_list, ow_dispute_section_dossier_row ());
}

static void
fill_history (OwDisputeSection *self)
{
  clear_list (self->history_list);
  /* Newest first, like the tracking. */
  for (guint i = ow_dispute_get_n_steps (self->dispute); i > 0; i--)
    {
      const OwDisputeStep *step = ow_dispute_get_step (self->dispute, i - 1);
      g_autofree char *when = ow_format_date_time (step->at);
      g_autofree char *money = step->amount > 0 ? format_money (self, step->amount) : NULL;
      g_autoptr(GString) text = g_string_new (when);

      if (money != NULL)
        g_string_append_printf (text, " · %s", money);
      if (step->text != NULL && step->kind != OW_STEP_CLOSED)
        g_string_append_printf (text, " · %s", step->text);
      gtk_list_box_append (self->history_list,
                           make_row (ow_dispute_step_label (step->kind), text->str));
    }
}

static void
fill_deadlines (OwDisputeSection *self,
                gint64            now)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

  if (ow_dispute_compute_deadlines (self->dispute, self->order, self->policies, now, &self->set))
    for (guint i = 0; i < self->set.n_deadlines; i++)
      {
        const OwDeadline *d = &self->set.deadlines[i];

        if (d->rule == NULL || !ow_rule_is_dispute_rule (d->rule) ||
            d->state == OW_DEADLINE_NOT_APPLICABLE || d->state == OW_DEADLINE_NOT_STARTED)
          continue;
        g_array_append_val (indices, i);
        if (d->state == OW_DEADLINE_RUNNING || d->state == OW_DEADLINE_URGENT)
          ow_countdown_clock_watch (self->clock, d->due);
      }

  /* The same rows: only their words change. */
  if (ow_deadline_rows_update_in_place (self->deadline_rows, self->deadline_indices, indices,
                                        &self->set, now))
    return;
  clear_list (self->deadlines_list);
  g_ptr_array_set_size (self->deadline_rows, 0);
  for (guint i = 0; i < indices->len; i++)
    {
      GtkWidget *row = ow_deadline_row_new (&self->set.deadlines[g_array_index (indices, guint, i)],
                                            now);

      gtk_list_box_append (self->deadlines_list, row);
      g_ptr_array_add (self->deadline_rows, row);
    }
  g_clear_pointer (&self->deadline_indices, g_array_unref);
  self->deadline_indices = g_steal_pointer (&indices);
  gtk_widget_set_visible (self->deadlines_group, self->deadline_rows->len > 0);
}

static void
reload (OwDisputeSection *self)
{
  g_autoptr(GPtrArray) disputes = NULL;
  OwDispute *dispute;

  if (self->order != NULL)
    disputes = ow_store_list_disputes (self->store, ow_order_get_id (self->order), NULL);
  dispute = pick_dispute (disputes);
  if (g_set_object (&self->dispute, dispute) || dispute == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPUTE]);

  gtk_widget_set_visible (GTK_WIDGET (self), self->dispute != NULL);
  if (self->dispute == NULL)
    {
      clear_list (self->deadlines_list);
      g_ptr_array_set_size (self->deadline_rows, 0);
      g_clear_pointer (&self->deadline_indices, g_array_unref);
      ow_evidence_grid_set_order_id (self->evidence_grid, 0);
      return;
    }
  fill_summary (self);
  g_clear_pointer (&self->deadline_indices, g_array_unref);
  fill_deadlines (self, ow_countdown_clock_get_now (self->clock));
  ow_dispute_section_fill_actions (self);
  fill_history (self);
  ow_evidence_grid_set_order_id (self->evidence_grid, ow_order_get_id (self->order));
}

static void
on_tick_cb (OwCountdownClock *clock,
            gint64            now,
            OwDisputeSection *self)
{
  if (self->dispute != NULL)
    fill_deadlines (self, now);
}

/* ---- Public ---- */

GtkWidget *
ow_dispute_section_new (void)
{
  return g_object_new (OW_TYPE_DISPUTE_SECTION, NULL);
}

void
ow_dispute_section_set_context (OwDisputeSection *self,
                                OwStore          *store,
                                OwPolicyRegistry *policies,
                                OwCountdownClock *clock)
{
  g_return_if_fail (OW_IS_DISPUTE_SECTION (self));
  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->policies = g_object_ref (policies);
  self->clock = g_object_ref (clock);
  self->tick_id = g_signal_connect (clock, "tick", G_CALLBACK (on_tick_cb), self);
  ow_evidence_grid_set_context (self->evidence_grid, store, policies);
}

void
ow_dispute_section_set_order (OwDisputeSection *self,
                              OwOrder          *order)
{
  g_return_if_fail (OW_IS_DISPUTE_SECTION (self));
  g_return_if_fail (self->store != NULL);

  g_set_object (&self->order, order);
  reload (self);
}

OwDispute *
ow_dispute_section_get_dispute (OwDisputeSection *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_SECTION (self), NULL);
  return self->dispute;
}

GPtrArray *
ow_dispute_section_get_deadline_rows (OwDisputeSection *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_SECTION (self), NULL);
  return self->deadline_rows;
}

OwEvidenceGrid *
ow_dispute_section_get_evidence_grid (OwDisputeSection *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_SECTION (self), NULL);
  return self->evidence_grid;
}

/* ---- The widget ---- */

static void
ow_dispute_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (object);

  switch (prop_id)
    {
    case PROP_DISPUTE:
      g_value_set_object (value, self->dispute);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_section_dispose (GObject *object)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (object);

  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_id, self->clock);
  g_clear_weak_pointer (&self->last_toast);
  if (self->dossier_chooser != NULL)
    gtk_native_dialog_destroy (self->dossier_chooser);
  g_clear_object (&self->dossier_chooser);
  if (self->deadline_rows != NULL)
    g_ptr_array_set_size (self->deadline_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_DISPUTE_SECTION);
  g_clear_object (&self->dispute);
  g_clear_object (&self->order);
  g_clear_object (&self->clock);
  g_clear_object (&self->policies);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ow_dispute_section_parent_class)->dispose (object);
}

static void
ow_dispute_section_finalize (GObject *object)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (object);

  g_clear_pointer (&self->deadline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->deadline_indices, g_array_unref);
  /* A dossier being written holds the section until it is done: only then is this cleared. */
  g_clear_object (&self->dossier_file);

  G_OBJECT_CLASS (ow_dispute_section_parent_class)->finalize (object);
}

static void
ow_dispute_section_class_init (OwDisputeSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ow_dispute_section_dispose;
  object_class->finalize = ow_dispute_section_finalize;
  object_class->get_property = ow_dispute_section_get_property;

  properties[PROP_DISPUTE] =
    g_param_spec_object ("dispute", NULL, NULL, OW_TYPE_DISPUTE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OW_TYPE_EVIDENCE_GRID);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ow-dispute-section.ui");
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, box);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, summary_group);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, state_label);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, summary_list);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, deadlines_list);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, actions_group);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, actions_list);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, history_group);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, history_list);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeSection, evidence_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "disputesection");
  ow_dispute_section_class_init_actions (widget_class);
  ow_dispute_section_class_init_dossier (widget_class);
}

static void
ow_dispute_section_init (OwDisputeSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Rows are owned by the list box; the array only points at them. */
  self->deadline_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
