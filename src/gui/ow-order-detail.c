/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "ow-deadline-row.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-money.h"
#include "ow-order-detail-private.h"
#include "ow-order-row.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-urgency-style.h"

G_DEFINE_FINAL_TYPE (OwOrderDetail, ow_order_detail, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_ORDER, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
swap_class (GtkWidget   *widget,
            const char **current,
            const char  *next)
{
  if (*current == next)
    return;
  if (*current != NULL)
    gtk_widget_remove_css_class (widget, *current);
  if (next != NULL)
    gtk_widget_add_css_class (widget, next);
  *current = next;
}

static OwPolicy *
get_policy (OwOrderDetail *self)
{
  if (self->order == NULL || self->policies == NULL)
    return NULL;
  return ow_policy_registry_lookup (self->policies, ow_order_get_marketplace (self->order));
}

/* The order's deadlines with those of its open disputes on PayPal or the card, as the list
 * counts them down: the header's next step and the timeline see them all. */
static void
compute_set (OwOrderDetail *self)
{
  OwPolicy *policy = get_policy (self);

  self->has_set = policy != NULL;
  if (policy == NULL)
    {
      memset (&self->set, 0, sizeof self->set);
      return;
    }
  ow_deadlines_compute (self->order, policy, self->now, &self->set);
  ow_dispute_add_channel_deadlines (&self->set, self->order, self->disputes, self->policies,
                                    self->now);
}

/* Running deadlines first, soonest first; then those not started; then the finished
 * ones, latest first. */
static int
rank (const OwDeadline *d)
{
  switch (d->state)
    {
    case OW_DEADLINE_URGENT:
    case OW_DEADLINE_RUNNING:
      return 0;
    case OW_DEADLINE_NOT_STARTED:
    case OW_DEADLINE_UNDATED:
      return 1;
    case OW_DEADLINE_PASSED:
    case OW_DEADLINE_MET:
    case OW_DEADLINE_NOT_APPLICABLE:
    default:
      return 2;
    }
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const OwDeadlineSet *set = data;
  const OwDeadline *da = &set->deadlines[*(const guint *) a];
  const OwDeadline *db = &set->deadlines[*(const guint *) b];
  int ra = rank (da), rb = rank (db);
  gint64 ta, tb;

  if (ra != rb)
    return ra - rb;
  ta = da->due == OW_TIME_UNSET ? G_MAXINT64 : da->due;
  tb = db->due == OW_TIME_UNSET ? G_MAXINT64 : db->due;
  if (ra == 2)
    return (tb > ta) - (tb < ta);
  return (ta > tb) - (ta < tb);
}

/* @skip_dispute: the dispute's own deadlines are in its section. */
static GArray *
sorted_indices (const OwDeadlineSet *set,
                gboolean             skip_dispute)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < set->n_deadlines; i++)
    if (set->deadlines[i].state != OW_DEADLINE_NOT_APPLICABLE &&
        !(skip_dispute && set->deadlines[i].rule != NULL &&
          ow_rule_is_dispute_rule (set->deadlines[i].rule)))
      g_array_append_val (indices, i);
  g_array_sort_with_data (indices, compare_indices, (gpointer) set);
  return indices;
}

static void
watch_running (OwOrderDetail *self)
{
  for (guint i = 0; self->has_set && i < self->set.n_deadlines; i++)
    {
      const OwDeadline *d = &self->set.deadlines[i];

      if (d->state == OW_DEADLINE_RUNNING || d->state == OW_DEADLINE_URGENT)
        ow_countdown_clock_watch (self->clock, d->due);
    }
}

static void
fill_deadlines (OwOrderDetail *self)
{
  gboolean in_section = ow_dispute_section_get_dispute (self->dispute_section) != NULL;
  g_autoptr(GArray) indices = self->has_set ? sorted_indices (&self->set, in_section) : NULL;

  /* Same rows in the same order: only the words change (no flicker, expanders stay). */
  if (ow_deadline_rows_update_in_place (self->deadline_rows, self->deadline_indices, indices,
                                        &self->set, self->now))
    return;

  clear_list (self->deadlines_list);
  g_ptr_array_set_size (self->deadline_rows, 0);
  g_clear_pointer (&self->deadline_indices, g_array_unref);
  self->waiting_row = NULL;

  if (indices == NULL || indices->len == 0)
    {
      gtk_widget_set_visible (self->deadlines_group, FALSE);
      return;
    }

  for (guint i = 0; i < indices->len; i++)
    {
      const OwDeadline *deadline = &self->set.deadlines[g_array_index (indices, guint, i)];
      GtkWidget *row = ow_deadline_row_new (deadline, self->now);

      g_ptr_array_add (self->deadline_rows, row);
      if (deadline->state != OW_DEADLINE_NOT_STARTED)
        {
          gtk_list_box_append (self->deadlines_list, row);
          continue;
        }
      /* The windows nothing has opened yet wait together, out of the way of the ones that
       * count; each is named by its rule. They sort together, after those running. */
      if (self->waiting_row == NULL)
        {
          self->waiting_row = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->waiting_row),
                                         _("Not Started Yet"));
          gtk_list_box_append (self->deadlines_list, self->waiting_row);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->waiting_row), row);
      {
        const char *old = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (self->waiting_row));
        g_autofree char *names = old && *old
                                 /* Translators: a list of rules, such as "Refund, Return shipping" */
                                 ? g_strdup_printf (_("%s, %s"), old,
                                                    ow_rule_get_title (deadline->rule))
                                 : g_strdup (ow_rule_get_title (deadline->rule));

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->waiting_row), names);
      }
    }
  self->deadline_indices = g_steal_pointer (&indices);
  gtk_widget_set_visible (self->deadlines_group, TRUE);
}

/* Runs on every tick of the countdown: GtkLabel lays the card out again even for the same
 * words, and a new layout there is a chain of frames. Only a change is set. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text != NULL ? text : "") != 0)
    gtk_label_set_label (label, text);
}

static void
fill_next (OwOrderDetail *self)
{
  const OwDeadline *next = self->has_set ? ow_deadlines_get_next (&self->set) : NULL;
  const char *action = self->has_set ? ow_deadlines_next_action (&self->set) : NULL;
  g_autofree char *title = NULL;
  OwUrgency urgency = OW_URGENCY_NONE;
  const char *icon_name;

  if (next != NULL)
    {
      title = ow_deadline_describe (next, self->now);
      urgency = ow_deadlines_get_urgency (&self->set, self->now);
    }

  gtk_widget_set_visible (self->next_box, title != NULL || action != NULL);
  set_label_text (self->next_title, title ? title : action);
  set_label_text (self->next_label, title ? action : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), title != NULL && action != NULL);
  icon_name = ow_urgency_icon_name (urgency);
  /* Setting even the same icon reloads it and relayouts the card, a chain of frames on
   * every tick: only on a change. */
  if (g_strcmp0 (icon_name, gtk_image_get_icon_name (self->next_icon)) != 0)
    gtk_image_set_from_icon_name (self->next_icon, icon_name);
  swap_class (self->next_box, &self->next_class, ow_urgency_css_class (urgency));
}

static void
fill_header (OwOrderDetail *self)
{
  OwOrder *order = self->order;
  OwPolicy *policy = get_policy (self);
  const char *title = ow_order_get_item_title (order);
  const char *store = ow_order_get_store_name (order);
  const char *market = policy ? ow_policy_get_name (policy) : ow_order_get_marketplace (order);
  g_autofree char *amount = NULL;
  g_autofree char *store_text = NULL;
  g_autofree char *number = NULL;
  int quantity = ow_order_get_quantity (order);

  if (title == NULL || *title == '\0')
    title = _("Untitled order");
  set_label_text (self->title_label, title);

  /* Sold by the marketplace itself: its name once. */
  if (store != NULL && *store != '\0' && !ow_same_name (store, market))
    /* Translators: store name · marketplace, e.g. "Maker Tools Store · AliExpress" */
    store_text = g_strdup_printf (_("%s · %s"), store, market);
  else
    store_text = g_strdup (market);
  set_label_text (self->store_label, store_text);

  amount = ow_money_format (ow_order_get_amount (order), ow_order_get_currency (order));
  if (quantity > 1)
    {
      /* Translators: an amount and how many items, e.g. "12.99 USD · 3 items" */
      g_autofree char *with_quantity = g_strdup_printf (ngettext ("%s · %d item",
                                                                  "%s · %d items", quantity),
                                                        amount, quantity);
      set_label_text (self->amount_label, with_quantity);
    }
  else
    set_label_text (self->amount_label, amount);

  /* Translators: the marketplace's order number */
  number = g_strdup_printf (_("Order %s"), ow_order_get_order_number (order));
  set_label_text (self->number_label, number);

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), self->has_set);
  if (self->has_set)
    {
      set_label_text (self->status_label, ow_order_status_label (self->set.status));
      swap_class (GTK_WIDGET (self->status_label), &self->status_class,
                  ow_order_status_css_class (self->set.status));
    }
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
make_copy_button (const char *text,
                  const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "order.copy-text");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", text);
  return button;
}

static GtkWidget *
make_parcel_row (OwOrderDetail *self,
                 OwParcel      *parcel,
                 gboolean       expand)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  OwTrackingStatus status = ow_parcel_get_status (parcel);
  g_autoptr(GString) subtitle = g_string_new (ow_tracking_status_label (status));
  const char *carrier = ow_parcel_get_carrier (parcel);
  const char *failure = ow_parcel_get_last_error (parcel);
  g_autofree char *checked = ow_format_date_time (ow_parcel_get_last_check (parcel));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ow_parcel_get_tracking_number (parcel));
  if (carrier != NULL)
    g_string_append_printf (subtitle, " · %s", carrier);
  if (failure != NULL)
    g_string_append_printf (subtitle, "\n%s", failure);
  else if (checked != NULL)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: when tracking was last fetched */
      g_string_append_printf (subtitle, _("Checked %s"), checked);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);

  icon = gtk_image_new_from_icon_name (failure != NULL ? "dialog-warning-symbolic"
                                       : ow_tracking_status_icon_name (status));
  if (failure != NULL)
    gtk_widget_add_css_class (icon, "error");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               make_copy_button (ow_parcel_get_tracking_number (parcel),
                                                 _("Copy Tracking Number")));

  events = ow_store_list_tracking_events (self->store, ow_parcel_get_id (parcel), &error);
  if (events == NULL)
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                make_row (_("Could not read the tracking history"),
                                          error->message));
      return row;
    }
  if (events->len == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              make_row (_("No carrier events yet"),
                                        _("Events appear here after the carrier scans the "
                                          "parcel")));

  /* Newest first, as the store gives them. */
  for (guint i = 0; i < events->len; i++)
    {
      OwTrackingEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = ow_format_date_time (ow_tracking_event_get_time (event));
      const char *location = ow_tracking_event_get_location (event);
      g_autofree char *text = location && *location
                              ? g_strdup_printf (_("%s · %s"), when, location)
                              : g_strdup (when);
      GtkWidget *event_row = make_row (ow_tracking_event_get_description (event), text);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (event_row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), event_row);
    }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expand && events->len > 0);
  return row;
}

static void
fill_tracking (OwOrderDetail *self)
{
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->tracking_list);

  parcels = ow_store_list_parcels (self->store, self->order_id, &error);
  if (parcels == NULL)
    {
      gtk_list_box_append (self->tracking_list,
                           make_row (_("Could not read the parcels"), error->message));
      return;
    }

  if (parcels->len == 0)
    {
      GtkWidget *row = make_row (_("No Tracking Number"),
                                 _("Add one with Edit to follow the parcel and see when it "
                                   "arrives"));

      gtk_list_box_append (self->tracking_list, row);
    }

  for (guint i = 0; i < parcels->len; i++)
    gtk_list_box_append (self->tracking_list,
                         make_parcel_row (self, g_ptr_array_index (parcels, i), i == 0));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.refresh-tracking", parcels->len > 0);
}

static const char *
extension_state_text (OwExtensionState state)
{
  switch (state)
    {
    case OW_EXTENSION_APPROVED:
      return _("Approved by the seller");
    case OW_EXTENSION_REFUSED:
      return _("Refused by the seller");
    case OW_EXTENSION_PENDING:
    default:
      return _("Waiting for the seller’s answer");
    }
}

static GtkWidget *
make_extension_row (OwOrderDetail     *self,
                    guint              index,
                    const OwExtension *extension)
{
  g_autofree char *title = g_strdup_printf (ngettext ("Extension of %d day",
                                                      "Extension of %d days", extension->days),
                                            extension->days);
  g_autofree char *when = ow_format_date_time (extension->requested_at);
  g_autofree char *subtitle = when ? g_strdup_printf (_("%s · requested %s"),
                                                      extension_state_text (extension->state),
                                                      when)
                                   : g_strdup (extension_state_text (extension->state));
  GtkWidget *row = make_row (title, subtitle);

  if (extension->state == OW_EXTENSION_PENDING)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *approved = gtk_button_new_with_mnemonic (_("_Approved"));
      GtkWidget *refused = gtk_button_new_with_mnemonic (_("_Refused"));

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (approved, _("The seller approved the extension"));
      gtk_widget_set_tooltip_text (refused, _("The seller refused the extension"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (approved), "order.set-extension-state");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (approved), "(ui)", index,
                                        (int) OW_EXTENSION_APPROVED);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (refused), "order.set-extension-state");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (refused), "(ui)", index,
                                        (int) OW_EXTENSION_REFUSED);
      gtk_box_append (GTK_BOX (box), approved);
      gtk_box_append (GTK_BOX (box), refused);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }
  return row;
}

static void
fill_facts (OwOrderDetail *self)
{
  gboolean any = FALSE;

  clear_list (self->facts_list);

  for (OwOrderEvent event = 0; event < OW_N_EVENTS; event++)
    {
      gint64 time = ow_order_get_time (self->order, event);
      g_autofree char *when = NULL;
      GtkWidget *row;

      if (!ow_order_get_time_known (self->order, event))
        continue;
      /* A status proved it happened, not when: the user can type the date in the editor. */
      when = time != OW_TIME_UNSET ? ow_format_date_time (time) : g_strdup (_("Date unknown"));
      row = make_row (ow_order_event_label (event), when);
      if (ow_order_get_time_origin (self->order, event) != NULL)
        {
          g_autofree char *from = ow_order_describe_time_source (self->order, event);
          GtkWidget *tag = gtk_label_new (from);

          gtk_widget_add_css_class (tag, "dim-label");
          gtk_widget_add_css_class (tag, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      else if (ow_order_get_time_source (self->order, event) == OW_FACT_INFERRED)
        {
          GtkWidget *tag = gtk_label_new (_("From tracking"));

          gtk_widget_add_css_class (tag, "dim-label");
          gtk_widget_add_css_class (tag, "caption");
          gtk_widget_set_tooltip_text (tag, _("Inferred from the carrier’s events; edit the "
                                              "order to correct it"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      gtk_list_box_append (self->facts_list, row);
      any = TRUE;
    }

  if (ow_order_get_close_reason (self->order) != OW_CLOSE_NONE)
    {
      OwCloseReason reason = ow_order_get_close_reason (self->order);

      gtk_list_box_append (self->facts_list,
                           make_row (_("Why it closed"), ow_close_reason_explain (reason)));
      any = TRUE;
    }

  for (guint i = 0; i < ow_order_get_n_extensions (self->order); i++)
    {
      gtk_list_box_append (self->facts_list,
                           make_extension_row (self, i, ow_order_get_extension (self->order, i)));
      any = TRUE;
    }

  gtk_widget_set_visible (self->facts_group, any);
}

static void
fill_notes (OwOrderDetail *self)
{
  const char *notes = ow_order_get_notes (self->order);
  gboolean has_notes = notes != NULL && *notes != '\0';

  gtk_widget_set_visible (self->notes_group, has_notes);
  gtk_label_set_label (self->notes_label, has_notes ? notes : NULL);
}

static void
reload (OwOrderDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) order = NULL;

  if (self->order_id != 0 && self->store != NULL)
    {
      order = ow_store_get_order (self->store, self->order_id, &error);
      if (order == NULL && !g_error_matches (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not read order %" G_GINT64_FORMAT ": %s", self->order_id,
                   error->message);
    }

  g_set_object (&self->order, order);

  if (self->order == NULL)
    {
      self->order_id = 0;
      self->has_set = FALSE;
      clear_list (self->deadlines_list);
      clear_list (self->tracking_list);
      clear_list (self->facts_list);
      g_ptr_array_set_size (self->deadline_rows, 0);
      g_clear_pointer (&self->deadline_indices, g_array_unref);
      self->waiting_row = NULL;
      ow_timeline_set_order (self->timeline, NULL, NULL, self->now);
      g_clear_pointer (&self->disputes, g_ptr_array_unref);
      ow_dispute_section_set_order (self->dispute_section, NULL);
      ow_order_detail_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
      return;
    }

  self->now = ow_countdown_clock_get_now (self->clock);
  g_clear_pointer (&self->disputes, g_ptr_array_unref);
  self->disputes = ow_store_list_disputes (self->store, self->order_id, NULL);
  ow_dispute_section_set_order (self->dispute_section, self->order);
  ow_order_detail_read_draft (self);
  compute_set (self);
  fill_header (self);
  fill_next (self);
  ow_timeline_set_policy (self->timeline, get_policy (self));
  ow_timeline_set_order (self->timeline, self->order, self->has_set ? &self->set : NULL,
                         self->now);
  /* A changed order may have other rules running: rebuild the rows. */
  g_clear_pointer (&self->deadline_indices, g_array_unref);
  fill_deadlines (self);
  fill_tracking (self);
  fill_facts (self);
  fill_notes (self);
  ow_order_detail_update_actions (self);
  watch_running (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

static gboolean
same_deadlines (const OwDeadlineSet *a,
                const OwDeadlineSet *b)
{
  if (a->n_deadlines != b->n_deadlines)
    return FALSE;
  for (guint i = 0; i < a->n_deadlines; i++)
    {
      const OwDeadline *x = &a->deadlines[i], *y = &b->deadlines[i];

      if (x->rule != y->rule || x->starts != y->starts || x->due != y->due ||
          x->due_late != y->due_late || x->state != y->state)
        return FALSE;
    }
  return TRUE;
}

static void
on_tick_cb (OwCountdownClock *clock,
            gint64            now,
            OwOrderDetail    *self)
{
  OwDeadlineSet previous;
  gboolean had_set;

  if (self->order == NULL)
    return;

  previous = self->set;
  had_set = self->has_set;
  self->now = now;
  compute_set (self);
  fill_header (self);
  fill_next (self);
  /* Time passing only moves the "now" marker: a redraw, not a new layout. */
  if (had_set && self->has_set && same_deadlines (&previous, &self->set))
    ow_timeline_set_now (self->timeline, now);
  else
    ow_timeline_set_order (self->timeline, self->order, self->has_set ? &self->set : NULL, now);
  fill_deadlines (self);
  ow_order_detail_update_actions (self);
  watch_running (self);
}

/* A refresh commits a batch of other orders every few hundred milliseconds: only a batch
 * holding this page's order reads it again. */
static void
on_orders_changed_cb (OwStore       *store,
                      GArray        *order_ids,
                      OwOrderDetail *self)
{
  if (self->order_id != 0 && ow_store_ids_contain (order_ids, self->order_id))
    reload (self);
}

void
ow_order_detail_set_context (OwOrderDetail    *self,
                             OwStore          *store,
                             OwPolicyRegistry *policies,
                             OwCountdownClock *clock)
{
  g_return_if_fail (OW_IS_ORDER_DETAIL (self));
  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (OW_IS_POLICY_REGISTRY (policies));
  g_return_if_fail (OW_IS_COUNTDOWN_CLOCK (clock));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->policies = g_object_ref (policies);
  self->clock = g_object_ref (clock);
  self->changed_id = g_signal_connect (store, "orders-changed",
                                       G_CALLBACK (on_orders_changed_cb), self);
  self->tick_id = g_signal_connect (clock, "tick", G_CALLBACK (on_tick_cb), self);
  ow_dispute_section_set_context (self->dispute_section, store, policies, clock);
}

void
ow_order_detail_set_order_id (OwOrderDetail *self,
                              gint64         order_id)
{
  GtkScrolledWindow *scroller;

  g_return_if_fail (OW_IS_ORDER_DETAIL (self));
  g_return_if_fail (self->store != NULL);

  if (self->order_id == order_id && (order_id == 0) == (self->order == NULL))
    return;

  self->order_id = order_id;
  reload (self);
  /* A new order starts at the top. */
  scroller = GTK_SCROLLED_WINDOW (self->scroller);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
}

gint64
ow_order_detail_get_order_id (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), 0);
  return self->order_id;
}

OwOrder *
ow_order_detail_get_order (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), NULL);
  return self->order;
}

OwDisputeSection *
ow_order_detail_get_dispute_section (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), NULL);
  return self->dispute_section;
}

OwTimeline *
ow_order_detail_get_timeline (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), NULL);
  return self->timeline;
}

GPtrArray *
ow_order_detail_get_deadline_rows (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), NULL);
  return self->deadline_rows;
}

GtkWidget *
ow_order_detail_get_waiting_row (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), NULL);
  return self->waiting_row;
}

const char *
ow_order_detail_get_next_action (OwOrderDetail *self)
{
  g_return_val_if_fail (OW_IS_ORDER_DETAIL (self), NULL);

  if (!gtk_widget_get_visible (self->next_box))
    return NULL;
  return gtk_label_get_label (self->next_title);
}

static void
ow_order_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_order_detail_dispose (GObject *object)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_id, self->clock);
  g_clear_object (&self->order);
  g_clear_object (&self->store);
  g_clear_object (&self->policies);
  g_clear_object (&self->clock);
  if (self->deadline_rows != NULL)
    g_ptr_array_set_size (self->deadline_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_ORDER_DETAIL);

  G_OBJECT_CLASS (ow_order_detail_parent_class)->dispose (object);
}

static void
ow_order_detail_finalize (GObject *object)
{
  OwOrderDetail *self = OW_ORDER_DETAIL (object);

  g_ptr_array_unref (self->deadline_rows);
  g_clear_pointer (&self->deadline_indices, g_array_unref);
  g_clear_pointer (&self->disputes, g_ptr_array_unref);
  g_clear_pointer (&self->draft_subtitle, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->action_subtitles); i++)
    g_clear_pointer (&self->action_subtitles[i], g_free);

  G_OBJECT_CLASS (ow_order_detail_parent_class)->finalize (object);
}

static void
ow_order_detail_class_init (OwOrderDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ow_order_detail_dispose;
  object_class->finalize = ow_order_detail_finalize;
  object_class->get_property = ow_order_detail_get_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL, OW_TYPE_ORDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OW_TYPE_TIMELINE);
  g_type_ensure (OW_TYPE_DISPUTE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ow-order-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, store_label);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, amount_label);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, number_label);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, next_box);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, next_icon);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, next_title);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, next_label);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, dispute_section);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, timeline);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, actions_group);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, extension_row);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, dispute_row);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, refund_row);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, deadlines_list);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, tracking_group);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, tracking_list);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, facts_group);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, facts_list);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, notes_group);
  gtk_widget_class_bind_template_child (widget_class, OwOrderDetail, notes_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "orderdetail");

  ow_order_detail_class_init_actions (widget_class);
}

static void
ow_order_detail_init (OwOrderDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ow_order_detail_init_actions (self);
  /* Rows are owned by the list box; the array only points at them. */
  self->deadline_rows = g_ptr_array_new ();
}

GtkWidget *
ow_order_detail_new (void)
{
  return g_object_new (OW_TYPE_ORDER_DETAIL, NULL);
}
