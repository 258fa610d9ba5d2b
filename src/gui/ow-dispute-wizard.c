/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard's window: the pages in an AdwLeaflet that never unfolds (a push/pop stack on
 * libadwaita 1.2, the shape AdwNavigationView takes later), the header that steps through
 * them, the draft kept between sessions, and the submission. Each page is its own widget
 * (ow-dispute-*-page.c) and holds no rule: the core's guide answers every question. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-amount-page.h"
#include "ow-dispute-description-page.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-evidence-page.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-reason-page.h"
#include "ow-dispute-review-page.h"
#include "ow-dispute-solution-page.h"
#include "ow-dispute-terms.h"
#include "ow-dispute-window-page.h"
#include "ow-dispute-wizard.h"
#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store.h"

/* Changes are written this long after the last one (and at once on a page change or close). */
#define SAVE_DELAY_MS 800

struct _OwDisputeWizard
{
  AdwWindow          parent_instance;

  AdwToastOverlay   *toast_overlay;
  GtkWidget         *cancel_button;
  GtkWidget         *back_button;
  GtkWidget         *next_button;
  AdwWindowTitle    *window_title;
  AdwLeaflet        *leaflet;

  OwStore           *store;
  OwPolicyRegistry  *policies;
  OwCountdownClock  *clock;
  GSettings         *settings;
  gulong             changed_id;
  gulong             tick_id;

  gint64             order_id;
  OwOrder           *order;
  OwDisputeDraft    *draft;
  OwDisputeWindow    windows[OW_N_CHANNELS];
  gint64             now;
  char              *order_url;
  gboolean           resumed;
  gboolean           submitted;
  guint              save_id;

  GPtrArray         *pages;        /* OwDisputePage, in order */
  OwDisputePage     *current;
};

G_DEFINE_FINAL_TYPE (OwDisputeWizard, ow_dispute_wizard, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_PAGE, PROP_RESUMED, PROP_ORDER_URL, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SUBMITTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
page_index (OwDisputeWizard *self,
            OwDisputePage   *page)
{
  guint index = 0;

  if (page != NULL && g_ptr_array_find (self->pages, page, &index))
    return index;
  return 0;
}

static const char *
page_name (OwDisputePage *page)
{
  return adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (page));
}

/* ---- The draft on disk ---- */

static void
save_now (OwDisputeWizard *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->submitted || self->draft == NULL)
    return;
  if (!ow_dispute_draft_save (self->draft, self->store, ow_countdown_clock_get_now (self->clock),
                              &error))
    ow_dispute_wizard_toast (self, error->message);
}

static gboolean
on_save_timeout_cb (gpointer data)
{
  OwDisputeWizard *self = data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_draft_notify_cb (OwDisputeDraft  *draft,
                    GParamSpec      *pspec,
                    OwDisputeWizard *self)
{
  if (self->save_id == 0 && !self->submitted)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
}

/* ---- The header ---- */

static gboolean
all_complete (OwDisputeWizard *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    if (!ow_dispute_page_get_complete (g_ptr_array_index (self->pages, i)))
      return FALSE;
  return TRUE;
}

static void
update_header (OwDisputeWizard *self)
{
  guint index = page_index (self, self->current);
  gboolean last = index + 1 == self->pages->len;
  gboolean complete = self->current != NULL && ow_dispute_page_get_complete (self->current);
  /* Translators: the wizard's progress, e.g. "Step 2 of 7" */
  g_autofree char *step = g_strdup_printf (_("Step %u of %u"), index + 1, self->pages->len);

  if (self->current != NULL)
    adw_window_title_set_title (self->window_title,
                                adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (self->current)));
  adw_window_title_set_subtitle (self->window_title, step);
  gtk_widget_set_visible (self->back_button, index > 0);
  gtk_widget_set_visible (self->next_button, !last);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !last && complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.submit", all_complete (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.open-order", self->order_url != NULL);
  /* Not yet: Next says why. */
  gtk_widget_set_tooltip_text (self->next_button,
                               complete || self->current == NULL
                               ? NULL : ow_dispute_page_get_blocker (self->current));
}

static void
on_page_complete_cb (OwDisputePage   *page,
                     GParamSpec      *pspec,
                     OwDisputeWizard *self)
{
  update_header (self);
}

static void
on_visible_child_cb (AdwLeaflet      *leaflet,
                     GParamSpec      *pspec,
                     OwDisputeWizard *self)
{
  OwDisputePage *page = OW_DISPUTE_PAGE (adw_leaflet_get_visible_child (leaflet));

  if (page == self->current)
    return;
  self->current = page;
  ow_dispute_page_shown (page);
  ow_dispute_draft_set_page (self->draft, page_name (page));
  update_header (self);
  save_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
go_to (OwDisputeWizard *self,
       guint            index)
{
  if (index < self->pages->len)
    adw_leaflet_set_visible_child (self->leaflet, g_ptr_array_index (self->pages, index));
}

/* ---- The order and its windows ---- */

static void
compute_windows (OwDisputeWizard *self)
{
  g_autoptr(GPtrArray) disputes = ow_store_list_disputes (self->store, self->order_id, NULL);

  ow_dispute_windows_clear (self->windows);
  ow_dispute_windows_compute (self->order, self->policies, disputes, self->now, self->windows);
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    {
      gint64 at = ow_dispute_guide_window_changes_at (&self->windows[c]);

      if (at != OW_TIME_UNSET)
        ow_countdown_clock_watch (self->clock, at);
    }
}

static gboolean
load_order (OwDisputeWizard  *self,
            GError          **error)
{
  g_autoptr(OwOrder) order = ow_store_get_order (self->store, self->order_id, error);
  OwPolicy *policy;
  char *url = NULL;

  if (order == NULL)
    return FALSE;
  policy = ow_policy_registry_lookup (self->policies, ow_order_get_marketplace (order));
  if (policy == NULL)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("This order’s marketplace has no policy; edit the order to pick a known "
                     "one."));
      return FALSE;
    }
  g_set_object (&self->order, order);
  self->now = ow_countdown_clock_get_now (self->clock);
  compute_windows (self);

  url = ow_dispute_terms_order_url (ow_policy_get_dispute_terms (policy),
                                    ow_order_get_order_number (order));
  if (g_strcmp0 (url, self->order_url) != 0)
    {
      g_free (self->order_url);
      self->order_url = url;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_URL]);
    }
  else
    g_free (url);
  return TRUE;
}

static void
on_orders_changed_cb (OwStore         *store,
                      GArray          *order_ids,
                      OwDisputeWizard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->submitted || !ow_store_ids_contain (order_ids, self->order_id))
    return;
  if (!load_order (self, &error))
    {
      /* Deleted meanwhile: nothing left to dispute. */
      if (g_error_matches (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND))
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->current != NULL)
    ow_dispute_page_shown (self->current);
  update_header (self);
}

static void
on_tick_cb (OwCountdownClock *clock,
            gint64            now,
            OwDisputeWizard  *self)
{
  self->now = now;
  compute_windows (self);
  if (self->current != NULL)
    ow_dispute_page_tick (self->current, now);
}

/* ---- Actions ---- */

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);

  if (self->current != NULL && ow_dispute_page_get_complete (self->current))
    go_to (self, page_index (self, self->current) + 1);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);
  guint index = page_index (self, self->current);

  if (index > 0)
    go_to (self, index - 1);
}

static void
go_activated (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  /* Back to any page, or forward over complete ones only. */
  for (guint i = 0; i < self->pages->len; i++)
    {
      OwDisputePage *page = g_ptr_array_index (self->pages, i);

      if (g_strcmp0 (page_name (page), name) == 0)
        {
          go_to (self, i);
          return;
        }
      if (i >= page_index (self, self->current) && !ow_dispute_page_get_complete (page))
        {
          go_to (self, i);
          return;
        }
    }
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  ow_dispute_wizard_toast (self, _("Copied: paste it into the marketplace’s form"));
}

static void
open_order_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);

  if (self->order_url != NULL)
    gtk_show_uri (GTK_WINDOW (self), self->order_url, GDK_CURRENT_TIME);
}

static void
submit_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  GtkWindow *parent;

  /* The instant it happened: the clock moves to it, so every countdown sees it. */
  ow_countdown_clock_tick (self->clock);
  dispute = ow_dispute_draft_submit (self->draft, self->store, self->policies,
                                     ow_countdown_clock_get_now (self->clock), &warning, &error);
  if (dispute == NULL)
    {
      ow_dispute_wizard_toast (self, error->message);
      return;
    }
  self->submitted = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_signal_emit (self, signals[SUBMITTED], 0, dispute, warning);
  /* Back to the order. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gtk_window_destroy (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_window_present (parent);
}

static void
start_over_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);

  g_object_freeze_notify (G_OBJECT (self->draft));
  ow_dispute_draft_set_reason (self->draft, NULL);
  ow_dispute_draft_set_solution (self->draft, OW_N_SOLUTIONS);
  ow_dispute_draft_set_partial (self->draft, FALSE);
  ow_dispute_draft_set_amount (self->draft, 0);
  ow_dispute_draft_set_description (self->draft, NULL);
  ow_dispute_draft_set_channel (self->draft, ow_dispute_guide_pick_channel (self->windows));
  g_object_thaw_notify (G_OBJECT (self->draft));
  self->resumed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESUMED]);
  if (self->current != NULL)
    ow_dispute_page_shown (self->current);
  go_to (self, 0);
  save_now (self);
  ow_dispute_wizard_toast (self, _("Started over: the files you added stay with the order"));
}

static void
enable_reminders_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (widget);
  GSettings *settings = ow_dispute_wizard_get_settings (self);

  if (settings == NULL)
    return;
  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  if (self->current != NULL)
    ow_dispute_page_shown (self->current);
  ow_dispute_wizard_toast (self, _("Reminders are on: Orderwatch tells you when disputes open"));
}

/* ---- The window ---- */

static gboolean
ow_dispute_wizard_close_request (GtkWindow *window)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (window);

  /* Half-way: kept for next time. */
  save_now (self);
  return GTK_WINDOW_CLASS (ow_dispute_wizard_parent_class)->close_request (window);
}

static void
ow_dispute_wizard_dispose (GObject *object)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (object);

  /* Destroyed with its parent, without a close request: what waited to be written is. */
  if (self->save_id != 0 && !self->submitted && self->draft != NULL && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_clear_handle_id (&self->save_id, g_source_remove);
      if (!ow_dispute_draft_save (self->draft, self->store,
                                  ow_countdown_clock_get_now (self->clock), &error))
        g_message ("%s", error->message);
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_id, self->clock);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  self->current = NULL;
  if (self->pages != NULL)
    g_ptr_array_set_size (self->pages, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_DISPUTE_WIZARD);
  g_clear_object (&self->draft);
  g_clear_object (&self->order);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_object (&self->policies);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ow_dispute_wizard_parent_class)->dispose (object);
}

static void
ow_dispute_wizard_finalize (GObject *object)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (object);

  ow_dispute_windows_clear (self->windows);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_free (self->order_url);

  G_OBJECT_CLASS (ow_dispute_wizard_parent_class)->finalize (object);
}

static void
ow_dispute_wizard_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OwDisputeWizard *self = OW_DISPUTE_WIZARD (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, ow_dispute_wizard_get_page (self));
      break;
    case PROP_RESUMED:
      g_value_set_boolean (value, self->resumed);
      break;
    case PROP_ORDER_URL:
      g_value_set_string (value, self->order_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_wizard_class_init (OwDisputeWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ow_dispute_wizard_dispose;
  object_class->finalize = ow_dispute_wizard_finalize;
  object_class->get_property = ow_dispute_wizard_get_property;
  window_class->close_request = ow_dispute_wizard_close_request;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESUMED] =
    g_param_spec_boolean ("resumed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_URL] =
    g_param_spec_string ("order-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, OW_TYPE_DISPUTE,
                                     G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ow-dispute-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, OwDisputeWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, OwDisputeWizard, leaflet);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "wizard.go", "s", go_activated);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "wizard.copy", "s", copy_activated);
  gtk_widget_class_install_action (widget_class, "wizard.open-order", NULL, open_order_activated);
  gtk_widget_class_install_action (widget_class, "wizard.submit", NULL, submit_activated);
  gtk_widget_class_install_action (widget_class, "wizard.start-over", NULL, start_over_activated);
  gtk_widget_class_install_action (widget_class, "wizard.enable-reminders", NULL,
                                   enable_reminders_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next",
                                       NULL);
}

static void
ow_dispute_wizard_init (OwDisputeWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->leaflet, "notify::visible-child", G_CALLBACK (on_visible_child_cb),
                    self);
  self->pages = g_ptr_array_new ();
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    self->windows[c] = (OwDisputeWindow) { c, OW_WINDOW_NOT_APPLICABLE, OW_TIME_UNSET,
                                           OW_TIME_UNSET, OW_TIME_UNSET, NULL };
}

static void
add_pages (OwDisputeWizard *self)
{
  GtkWidget *pages[] = {
    ow_dispute_window_page_new (self),
    ow_dispute_reason_page_new (self),
    ow_dispute_solution_page_new (self),
    ow_dispute_amount_page_new (self),
    ow_dispute_description_page_new (self),
    ow_dispute_evidence_page_new (self),
    ow_dispute_review_page_new (self),
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwLeafletPage *leaflet_page = adw_leaflet_append (self->leaflet, pages[i]);

      adw_leaflet_page_set_name (leaflet_page, page_name (OW_DISPUTE_PAGE (pages[i])));
      g_ptr_array_add (self->pages, pages[i]);
      g_signal_connect_object (pages[i], "notify::complete", G_CALLBACK (on_page_complete_cb),
                               self, 0);
      g_signal_connect_object (pages[i], "notify::blocker", G_CALLBACK (on_page_complete_cb),
                               self, 0);
    }
}

/* Where a resumed draft left off, but never past a page that is not complete. */
static guint
resume_index (OwDisputeWizard *self,
              const char      *saved)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      OwDisputePage *page = g_ptr_array_index (self->pages, i);

      ow_dispute_page_shown (page);
      if (g_strcmp0 (page_name (page), saved) == 0 || !ow_dispute_page_get_complete (page))
        return i;
    }
  return 0;
}

/* (transfer none) */
static OwDisputeWizard *
wizard_new (GtkWindow        *parent,
            OwStore          *store,
            OwPolicyRegistry *policies,
            OwCountdownClock *clock,
            gint64            order_id,
            GError          **error)
{
  g_autoptr(OwDisputeWizard) self = g_object_ref_sink (g_object_new (OW_TYPE_DISPUTE_WIZARD,
                                                                     NULL));
  g_autoptr(GError) draft_error = NULL;
  g_autoptr(OwDisputeDraft) draft = NULL;
  g_autofree char *saved_page = NULL;

  self->store = g_object_ref (store);
  self->policies = g_object_ref (policies);
  self->clock = g_object_ref (clock);
  self->order_id = order_id;
  if (!load_order (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  draft = ow_dispute_draft_load (store, self->order, &draft_error);
  self->resumed = draft != NULL;
  if (draft == NULL)
    {
      draft = ow_dispute_draft_new (self->order);
      ow_dispute_draft_set_channel (draft, ow_dispute_guide_pick_channel (self->windows));
    }
  self->draft = g_steal_pointer (&draft);
  /* The first page comes into view as the pages are added: where it was goes first. */
  saved_page = g_strdup (ow_dispute_draft_get_page (self->draft));
  g_signal_connect (self->draft, "notify", G_CALLBACK (on_draft_notify_cb), self);

  add_pages (self);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->changed_id = g_signal_connect (store, "orders-changed",
                                       G_CALLBACK (on_orders_changed_cb), self);
  self->tick_id = g_signal_connect (clock, "tick", G_CALLBACK (on_tick_cb), self);

  if (self->resumed)
    go_to (self, resume_index (self, saved_page));
  if (self->current == NULL)
    on_visible_child_cb (self->leaflet, NULL, self);
  update_header (self);
  if (draft_error != NULL)
    ow_dispute_wizard_toast (self, draft_error->message);
  /* GTK's list of toplevels holds it from now on, like any window. */
  return self;
}

OwDisputeWizard *
ow_dispute_wizard_find (OwStore *store,
                        gint64   order_id)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (OW_IS_DISPUTE_WIZARD (l->data) && OW_DISPUTE_WIZARD (l->data)->store == store &&
        OW_DISPUTE_WIZARD (l->data)->order_id == order_id &&
        !OW_DISPUTE_WIZARD (l->data)->submitted)
      return l->data;
  return NULL;
}

OwDisputeWizard *
ow_dispute_wizard_present (GtkWindow        *parent,
                           OwStore          *store,
                           OwPolicyRegistry *policies,
                           OwCountdownClock *clock,
                           gint64            order_id,
                           GError          **error)
{
  OwDisputeWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);
  g_return_val_if_fail (OW_IS_COUNTDOWN_CLOCK (clock), NULL);

  self = ow_dispute_wizard_find (store, order_id);
  if (self == NULL && (self = wizard_new (parent, store, policies, clock, order_id, error)) == NULL)
    return NULL;
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

OwStore *
ow_dispute_wizard_get_store (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->store;
}

OwPolicyRegistry *
ow_dispute_wizard_get_policies (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->policies;
}

OwCountdownClock *
ow_dispute_wizard_get_clock (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->clock;
}

GSettings *
ow_dispute_wizard_get_settings (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);

  if (self->settings == NULL)
    {
      g_autoptr(GSettingsSchema) schema =
        g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                         APPLICATION_ID, TRUE);

      if (schema != NULL)
        self->settings = g_settings_new_full (schema, NULL, NULL);
    }
  return self->settings;
}

OwOrder *
ow_dispute_wizard_get_order (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->order;
}

OwPolicy *
ow_dispute_wizard_get_policy (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return ow_policy_registry_lookup (self->policies, ow_order_get_marketplace (self->order));
}

OwDisputeDraft *
ow_dispute_wizard_get_draft (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->draft;
}

const OwDisputeWindow *
ow_dispute_wizard_get_windows (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->windows;
}

gint64
ow_dispute_wizard_get_now (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), OW_TIME_UNSET);
  return self->now;
}

const char *
ow_dispute_wizard_get_page (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->current != NULL ? page_name (self->current) : NULL;
}

OwDisputePage *
ow_dispute_wizard_get_page_widget (OwDisputeWizard *self,
                                   const char      *name)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);

  for (guint i = 0; i < self->pages->len; i++)
    if (g_strcmp0 (page_name (g_ptr_array_index (self->pages, i)), name) == 0)
      return g_ptr_array_index (self->pages, i);
  return NULL;
}

gboolean
ow_dispute_wizard_get_resumed (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), FALSE);
  return self->resumed;
}

const char *
ow_dispute_wizard_get_order_url (OwDisputeWizard *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_WIZARD (self), NULL);
  return self->order_url;
}

void
ow_dispute_wizard_toast (OwDisputeWizard *self,
                         const char      *title)
{
  AdwToast *toast;

  g_return_if_fail (OW_IS_DISPUTE_WIZARD (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
