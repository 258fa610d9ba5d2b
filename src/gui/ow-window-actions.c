/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions ("win.*"): adding and editing orders, tracking refresh, search,
 * delete with undo, archive, navigation, and the entry points notifications use. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-application.h"
#include "ow-dispute-guide.h"
#include "ow-order-action.h"
#include "ow-order-editor.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-store-disputes.h"
#include "ow-store.h"
#include "ow-time.h"
#include "ow-tracking-client.h"
#include "ow-window-private.h"

void
ow_window_toast (OwWindow   *self,
                 const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_enabled (OwWindow   *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The core's answer for the order shown; none is possible without an order. */
static gboolean
order_action_available (OwWindow      *self,
                        OwOrder       *order,
                        OwOrderAction  action)
{
  OwPolicy *policy;

  if (order == NULL)
    return FALSE;
  policy = ow_policy_registry_lookup (self->policies, ow_order_get_marketplace (order));
  /* Without its policy an order can still be edited (to pick one), archived or deleted. */
  if (policy == NULL)
    return action == OW_ACTION_EDIT || action == OW_ACTION_DELETE ||
           action == (ow_order_get_archived (order) ? OW_ACTION_UNARCHIVE : OW_ACTION_ARCHIVE);
  return ow_order_action_is_available (action, order, policy,
                                       ow_countdown_clock_get_now (self->clock), NULL);
}

/* The dispute wizard's own answer (ow-dispute-guide.h), as the order page's row shows it. */
static gboolean
dispute_possible (OwWindow *self,
                  OwOrder  *order)
{
  g_autoptr(GPtrArray) disputes = NULL;

  if (order == NULL)
    return FALSE;
  disputes = ow_store_list_disputes (self->store, ow_order_get_id (order), NULL);
  return ow_dispute_guide_can_start (order, self->policies, disputes,
                                     ow_countdown_clock_get_now (self->clock), NULL);
}

void
ow_window_update_actions (OwWindow *self)
{
  OwOrder *order = ow_window_get_detail_order (self);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  set_enabled (self, "edit-order", order_action_available (self, order, OW_ACTION_EDIT));
  set_enabled (self, "delete-order", order_action_available (self, order, OW_ACTION_DELETE));
  set_enabled (self, "archive-order", order_action_available (self, order, OW_ACTION_ARCHIVE));
  set_enabled (self, "unarchive-order",
               order_action_available (self, order, OW_ACTION_UNARCHIVE));
  set_enabled (self, "dispute-order", dispute_possible (self, order));
  set_enabled (self, "refresh", !self->refreshing);
  set_enabled (self, "refresh-order", !self->refreshing);
  set_enabled (self, "undo-delete", self->pending_delete != NULL);
  set_enabled (self, "back", (folded && adw_leaflet_get_visible_child (self->leaflet) ==
                              self->detail_pane) ||
                             (adw_flap_get_folded (self->views_flap) &&
                              adw_flap_get_reveal_flap (self->views_flap)));
}

/* Adding and editing */

static void
on_editor_saved_cb (GtkWindow *editor,
                    gint64     order_id,
                    OwWindow  *self)
{
  gboolean added = g_object_get_data (G_OBJECT (editor), "adding") != NULL;

  ow_window_show_order_internal (self, order_id, TRUE);
  ow_window_toast (self, added ? _("Order added") : _("Order saved"));
}

static void
open_editor (OwWindow *self,
             OwOrder  *order)
{
  GtkWindow *editor = ow_order_editor_new (GTK_WINDOW (self), self->store, self->policies,
                                           order);

  if (order == NULL)
    g_object_set_data (G_OBJECT (editor), "adding", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (editor);
}

static void
add_order_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  open_editor (OW_WINDOW (user_data), NULL);
}

static void
edit_order_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  OwWindow *self = user_data;
  OwOrder *order = ow_window_get_detail_order (self);

  if (order != NULL)
    open_editor (self, order);
}

/* Tracking refresh */

static OwTrackingClient *
get_tracking (OwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->tracking == NULL)
    {
      /* The app's one client (one HTTP session); a window on its own (tests) makes one. */
      if (OW_IS_APPLICATION (app))
        self->tracking = g_object_ref (ow_application_get_tracking_client (OW_APPLICATION (app)));
      else
        self->tracking = ow_tracking_client_new (self->store);
    }
  return self->tracking;
}

static void
on_refresh_progress_cb (OwTrackingClient *client,
                        guint             done,
                        guint             total,
                        OwWindow         *self)
{
  if (!self->refreshing || total == 0)
    return;
  gtk_progress_bar_set_fraction (self->refresh_progress, (double) done / total);
}

static void
set_refreshing (OwWindow *self,
                gboolean  refreshing)
{
  self->refreshing = refreshing;
  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "busy" : "idle");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  gtk_widget_set_tooltip_text (self->refresh_button, refreshing
                               ? _("Refreshing Tracking…")
                               : _("Refresh Tracking (Ctrl+R)"));
  gtk_progress_bar_set_fraction (self->refresh_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_progress), refreshing);
  ow_window_update_actions (self);
}

static void
on_refresh_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OwWindow) self = user_data;
  g_autoptr(OwTrackingSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  summary = ow_tracking_client_refresh_finish (OW_TRACKING_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_refreshing (self, FALSE);
  g_clear_object (&self->refresh_cancellable);

  if (summary == NULL)
    /* Translators: %s is why the refresh failed */
    text = g_strdup_printf (_("Could not refresh tracking: %s"), error->message);
  else if (summary->n_parcels == 0)
    text = g_strdup (_("No parcels to refresh: add a tracking number to an order"));
  else if (summary->n_failed == summary->n_parcels && summary->failed != NULL &&
           summary->failed->len > 0 &&
           ow_parcel_get_last_error (g_ptr_array_index (summary->failed, 0)) != NULL)
    /* None came through: the reason, a sentence short enough for a toast. */
    text = g_strdup (ow_parcel_get_last_error (g_ptr_array_index (summary->failed, 0)));
  else if (summary->n_failed > 0)
    /* Translators: some parcels were refreshed, these were not; each order says why */
    text = g_strdup_printf (ngettext ("%u parcel could not be refreshed; its order says why",
                                      "%u parcels could not be refreshed; their orders say why",
                                      summary->n_failed),
                            summary->n_failed);
  else if (summary->n_updated > 0)
    text = g_strdup_printf (ngettext ("Tracking updated: %u parcel has news",
                                      "Tracking updated: %u parcels have news",
                                      summary->n_updated), summary->n_updated);
  else if (summary->n_skipped > 0)
    text = g_strdup (_("Tracking is paused for now; the rest is checked later"));
  else
    text = g_strdup (_("Tracking is up to date: no news from the carriers"));

  ow_window_toast (self, text);
}

static void
on_provider_blocked_cb (OwTrackingClient *client,
                        const char       *provider,
                        const char       *message,
                        OwWindow         *self)
{
  ow_window_toast (self, message);
}

static void
start_refresh (OwWindow     *self,
               const gint64 *ids,
               gsize         n_ids)
{
  OwTrackingClient *client = get_tracking (self);

  if (self->refreshing)
    return;

  if (self->refresh_cancellable == NULL)
    {
      g_signal_connect_object (client, "progress", G_CALLBACK (on_refresh_progress_cb), self, 0);
      g_signal_connect_object (client, "provider-blocked",
                               G_CALLBACK (on_provider_blocked_cb), self, 0);
    }
  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = g_cancellable_new ();
  set_refreshing (self, TRUE);
  ow_tracking_client_refresh_async (client, ids, n_ids, self->refresh_cancellable,
                                    on_refresh_done_cb, g_object_ref (self));
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  OwWindow *self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  /* Asked for, so every order still on its way, not only those due for a check. */
  ids = ow_store_list_orders_on_the_way (self->store, &error);
  if (ids == NULL)
    {
      ow_window_toast (self, error->message);
      return;
    }

  if (ids->len == 0)
    {
      ow_window_toast (self, _("No parcels on their way to refresh"));
      return;
    }
  start_refresh (self, (const gint64 *) ids->data, ids->len);
}

static void
refresh_order_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  gint64 id = g_variant_get_int64 (parameter);

  start_refresh (OW_WINDOW (user_data), &id, 1);
}

/* Search and tabs */

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OwWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (ow_window_ensure_search_entry (self)));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
filter_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OwOrderFilter filter;

  if (ow_order_filter_from_string (g_variant_get_string (parameter, NULL), &filter))
    ow_window_set_filter (OW_WINDOW (user_data), filter);
}

/* Delete with undo */

static void
commit_delete (OwWindow *self)
{
  g_autoptr(OwOrder) order = g_steal_pointer (&self->pending_delete);
  g_autoptr(OwOrder) deleted = NULL;
  g_autoptr(GError) error = NULL;
  OwActionRequest request = { OW_ACTION_DELETE, OW_TIME_UNSET, 0, OW_EXTENSION_PENDING, 0,
                              OW_CLOSE_NONE };

  if (order == NULL)
    return;
  deleted = ow_order_action_apply (self->store, self->policies, ow_order_get_id (order),
                                   &request, ow_time_now (), &error);
  if (deleted == NULL)
    {
      /* Nothing was deleted: show it again and say why. */
      ow_window_refilter (self);
      ow_window_toast (self, error->message);
      return;
    }
  ow_window_refilter (self);
  ow_window_update_actions (self);
}

static void
on_delete_toast_dismissed_cb (AdwToast *toast,
                              OwWindow *self)
{
  if (self->delete_toast != toast)
    return;
  g_clear_object (&self->delete_toast);
  commit_delete (self);
}

/* A closing window leaves the toast to the overlay's own teardown: dismissing it would
 * start a hide animation on a widget about to be destroyed. */
static void
drop_delete_toast (OwWindow *self,
                   gboolean  dismiss)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->delete_toast);

  if (toast == NULL)
    return;
  g_signal_handlers_disconnect_by_func (toast, on_delete_toast_dismissed_cb, self);
  if (dismiss)
    adw_toast_dismiss (toast);
}

void
ow_window_flush_delete (OwWindow *self,
                        gboolean  closing)
{
  drop_delete_toast (self, !closing);
  commit_delete (self);
}

static void
delete_order_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  OwWindow *self = user_data;
  OwOrder *order = ow_window_get_detail_order (self);
  GListModel *model = G_LIST_MODEL (self->orders);
  g_autofree char *title = NULL;
  const char *name;
  guint position;
  gint64 next_id = 0;

  if (order == NULL)
    return;

  /* One pending delete at a time: the previous one happens now. */
  ow_window_flush_delete (self, FALSE);

  position = gtk_single_selection_get_selected (self->selection);
  self->pending_delete = g_object_ref (order);
  ow_window_refilter (self);

  /* Wide, the next order takes its place; folded, back to the list. */
  if (position != GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (model) > 0 &&
      !adw_leaflet_get_folded (self->leaflet))
    {
      guint last = g_list_model_get_n_items (model) - 1;
      g_autoptr(OwOrder) next = g_list_model_get_item (model, MIN (position, last));
      next_id = ow_order_get_id (next);
    }
  ow_window_show_order_internal (self, next_id, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  name = ow_order_get_item_title (self->pending_delete);
  if (name == NULL || *name == '\0')
    name = ow_order_get_order_number (self->pending_delete);
  /* Translators: %s is the item's title */
  title = g_strdup_printf (_("“%s” deleted"), name);
  self->delete_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_action_name (self->delete_toast, "win.undo-delete");
  adw_toast_set_priority (self->delete_toast, ADW_TOAST_PRIORITY_HIGH);
  /* Long enough to notice a wrong key press and take it back. */
  adw_toast_set_timeout (self->delete_toast, 10);
  g_signal_connect (self->delete_toast, "dismissed",
                    G_CALLBACK (on_delete_toast_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->delete_toast));
  ow_window_update_actions (self);
}

static void
undo_delete_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  OwWindow *self = user_data;
  g_autoptr(OwOrder) order = g_steal_pointer (&self->pending_delete);

  if (order == NULL)
    return;
  drop_delete_toast (self, TRUE);
  ow_window_refilter (self);
  ow_window_show_order_internal (self, ow_order_get_id (order), FALSE);
  ow_window_update_actions (self);
}

/* Archive */

static void
set_archived (OwWindow *self,
              gboolean  archived)
{
  OwOrder *shown = ow_window_get_detail_order (self);
  OwActionRequest request = { archived ? OW_ACTION_ARCHIVE : OW_ACTION_UNARCHIVE,
                              OW_TIME_UNSET, 0, OW_EXTENSION_PENDING, 0, OW_CLOSE_NONE };
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  if (shown == NULL)
    return;
  order = ow_order_action_apply (self->store, self->policies, ow_order_get_id (shown), &request,
                                 ow_time_now (), &error);
  if (order == NULL)
    {
      ow_window_toast (self, error->message);
      return;
    }
  ow_window_toast (self, archived ? _("Order archived: find it under “Archived”")
                                  : _("Order back from the archive"));
}

static void
archive_order_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  set_archived (OW_WINDOW (user_data), TRUE);
}

static void
unarchive_order_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  set_archived (OW_WINDOW (user_data), FALSE);
}

/* Navigation and entry points */

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  OwWindow *self = user_data;

  /* The views over the list go first, then the order's page. */
  if (adw_flap_get_folded (self->views_flap) && adw_flap_get_reveal_flap (self->views_flap))
    adw_flap_set_reveal_flap (self->views_flap, FALSE);
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* F9, as in Files: the sidebar of views over the list, and away again. */
static void
show_views_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  OwWindow *self = user_data;

  if (!adw_flap_get_folded (self->views_flap) || !gtk_widget_get_visible (self->views_pane))
    return;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  adw_flap_set_reveal_flap (self->views_flap, !adw_flap_get_reveal_flap (self->views_flap));
  if (adw_flap_get_reveal_flap (self->views_flap))
    gtk_widget_grab_focus (GTK_WIDGET (self->views_list));
}

static void
reveal_order (OwWindow *self,
              gint64    order_id)
{
  const OwDeadlineSet *set;
  g_autoptr(OwOrder) order = ow_store_get_order (self->store, order_id, NULL);

  if (order == NULL)
    {
      ow_window_toast (self, _("That order no longer exists"));
      return;
    }

  /* Its tab, and no search hiding it, so it is also selected in the list. */
  ow_window_set_search (self, NULL);
  set = ow_order_list_get_deadlines (self->orders, order);
  if (ow_order_get_archived (order))
    ow_window_set_filter (self, OW_FILTER_ARCHIVED);
  else if (set != NULL && !(set->needs_action && ow_window_get_filter (self) ==
                            OW_FILTER_NEEDS_ACTION))
    ow_window_set_filter (self, ow_order_status_get_filter (set->status));
  ow_window_show_order_internal (self, order_id, TRUE);
}

static void
show_order_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  reveal_order (OW_WINDOW (user_data), g_variant_get_int64 (parameter));
}

static void
open_dispute_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  OwWindow *self = user_data;

  reveal_order (self, g_variant_get_int64 (parameter));
  if (ow_window_get_shown_order_id (self) == g_variant_get_int64 (parameter))
    gtk_widget_activate_action (ow_window_get_detail (self), "order.open-dispute", NULL);
}

/* The order menu's "Open a Dispute": the wizard, from the order page. */
static void
dispute_order_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  gtk_widget_activate_action (ow_window_get_detail (OW_WINDOW (user_data)), "order.open-dispute",
                              NULL);
}

/* Built the first time and handed to GtkApplicationWindow, which shows the application's
 * keys in it and keeps it (hidden when closed) for the next time. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_BASE "/ow-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

static const GActionEntry win_actions[] = {
  { "add-order", add_order_activated, NULL, NULL, NULL },
  { "edit-order", edit_order_activated, NULL, NULL, NULL },
  { "refresh", refresh_activated, NULL, NULL, NULL },
  { "refresh-order", refresh_order_activated, "x", NULL, NULL },
  { "search", search_activated, NULL, NULL, NULL },
  { "filter", filter_activated, "s", NULL, NULL },
  { "delete-order", delete_order_activated, NULL, NULL, NULL },
  { "undo-delete", undo_delete_activated, NULL, NULL, NULL },
  { "archive-order", archive_order_activated, NULL, NULL, NULL },
  { "unarchive-order", unarchive_order_activated, NULL, NULL, NULL },
  { "back", back_activated, NULL, NULL, NULL },
  { "show-views", show_views_activated, NULL, NULL, NULL },
  { "show-order", show_order_activated, "x", NULL, NULL },
  { "open-dispute", open_dispute_activated, "x", NULL, NULL },
  { "dispute-order", dispute_order_activated, NULL, NULL, NULL },
  /* Keyboard Shortcuts: GTK's name for it, so the shortcuts window's own key works. */
  { "show-help-overlay", show_help_overlay_activated, NULL, NULL, NULL },
};

void
ow_window_class_init_actions (GtkWidgetClass *widget_class)
{
  /* Bubble phase: a focused text field gets Delete and Escape first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "win.delete-order", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "win.delete-order", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-views", NULL);
}

void
ow_window_init_actions (OwWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
}
