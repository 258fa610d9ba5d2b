/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-notifier.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-time.h"

#define DAY (24 * 3600)

struct _OwNotifier
{
  GObject       parent_instance;

  GApplication *application;    /* weak: the application owns us, not the other way */
  guint         n_sent;
  guint         n_unflushed;     /* notifications sent since the last flush */
  guint         n_pending;       /* portal calls not answered yet */
  int           server;          /* -1 not asked yet, 0 none, 1 there */
  char         *error;           /* why the last notice could not be shown, or NULL */
};

G_DEFINE_FINAL_TYPE (OwNotifier, ow_notifier, G_TYPE_OBJECT)

enum { SENT, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Texts */

static char *
order_label (OwOrder *order)
{
  const char *title = ow_order_get_item_title (order);

  if (title != NULL && *title != '\0')
    {
      /* Long marketplace titles would swamp the notification. */
      if (g_utf8_strlen (title, -1) > 60)
        {
          g_autofree char *start = g_utf8_substring (title, 0, 59);
          return g_strdup_printf ("“%s…”", start);
        }
      return g_strdup_printf ("“%s”", title);
    }
  /* Translators: how a notification names an order without an item title */
  return g_strdup_printf (_("order %s"), ow_order_get_order_number (order));
}

static char *
order_reference (OwOrder *order)
{
  const char *store = ow_order_get_store_name (order);
  g_autofree char *label = order_label (order);

  if (store != NULL && *store != '\0')
    /* Translators: item, marketplace order number, seller's store */
    return g_strdup_printf (_("%s (order %s from %s)"), label,
                            ow_order_get_order_number (order), store);
  /* Translators: item, marketplace order number */
  return g_strdup_printf (_("%s (order %s)"), label, ow_order_get_order_number (order));
}

static char *
reminder_title (const OwNotice *notice)
{
  g_autofree char *left = ow_duration_format (MAX (notice->due - notice->now, 0));
  char *described = NULL;

  if (notice->deadline.rule != NULL)
    {
      described = ow_deadline_describe (&notice->deadline, notice->now);
      if (described != NULL && *described != '\0')
        return described;
      g_free (described);
      /* Translators: "Buyer Protection ends" in "3 days 4 hours" */
      return g_strdup_printf (_("%s in %s"), ow_rule_get_title (notice->deadline.rule), left);
    }
  /* Translators: a deadline with no name, in "3 days 4 hours" */
  return g_strdup_printf (_("A deadline ends in %s"), left);
}

static char *
reminder_body (const OwNotice *notice)
{
  g_autofree char *reference = order_reference (notice->order);
  g_autofree char *when = ow_time_format_local (notice->due, NULL);
  const char *action = NULL;
  GString *body = g_string_new (NULL);

  if (notice->late)
    g_string_append (body, _("Late reminder: Orderwatch was not running when it was due. "));
  if (notice->type == OW_NOTICE_SNOOZED)
    g_string_append (body, _("You asked to be reminded today. "));

  /* Translators: an order, then the date and time the deadline passes */
  g_string_append_printf (body, _("%s: ends %s."), reference, when);

  if (notice->deadline.rule != NULL)
    {
      action = ow_rule_get_action (notice->deadline.rule);
      if (action == NULL)
        action = ow_rule_get_on_expiry (notice->deadline.rule);
    }
  if (action != NULL && *action != '\0')
    g_string_append_printf (body, " %s%s", action,
                            g_str_has_suffix (action, ".") ? "" : ".");

  return g_string_free (body, FALSE);
}

void
ow_notice_format (const OwNotice  *notice,
                  char           **title,
                  char           **body)
{
  g_autofree char *reference = NULL;
  g_autofree char *when = NULL;
  g_autofree char *t = NULL;
  g_autofree char *b = NULL;

  g_return_if_fail (notice != NULL);
  g_return_if_fail (OW_IS_ORDER (notice->order));

  reference = order_reference (notice->order);
  when = ow_time_format_local (notice->due, NULL);

  switch (notice->type)
    {
    case OW_NOTICE_REMINDER:
    case OW_NOTICE_SNOOZED:
      t = reminder_title (notice);
      b = reminder_body (notice);
      break;

    case OW_NOTICE_NOT_SHIPPED:
      t = g_strdup (_("The seller did not ship: the order will be closed"));
      /* Translators: an order, then the ship-by date */
      b = g_strdup_printf (_("%s was not shipped by %s. The marketplace closes such orders "
                             "on its own and refunds the payment, without telling you. "
                             "Check the order, ask the seller, or reorder elsewhere."),
                           reference, when);
      break;

    case OW_NOTICE_DELIVERED:
      t = g_strdup (_("Parcel delivered: inspect it now"));
      if (notice->dispute_until != OW_TIME_UNSET && notice->dispute_until > notice->now)
        {
          g_autofree char *until = ow_time_format_local (notice->dispute_until, NULL);
          g_autofree char *left = ow_duration_format (notice->dispute_until - notice->now);

          /* Translators: an order, then the date the dispute window closes and the time left */
          b = g_strdup_printf (_("%s was delivered. Check it now: if something is wrong you "
                                 "can open a dispute until %s (%s left)."),
                               reference, until, left);
        }
      else
        /* Translators: an order */
        b = g_strdup_printf (_("%s was delivered. Check it now: if something is wrong you "
                               "have 15 days to open a dispute."), reference);
      break;

    case OW_NOTICE_TRACKING_SILENT:
      t = g_strdup (_("No tracking news for 10 days"));
      /* Translators: an order, then the date of the last tracking event */
      b = g_strdup_printf (_("The parcel of %s has not moved since %s. Ask the seller about it; "
                             "if it stays silent, open a “not received” dispute before "
                             "Buyer Protection ends."),
                           reference, when);
      break;

    case OW_NOTICE_REFUND_OVERDUE:
      t = g_strdup (_("Refund overdue"));
      /* Translators: an order, then the date the refund was expected by */
      b = g_strdup_printf (_("The refund for %s was expected by %s (20 business days). Check "
                             "your statement, then contact your bank or card issuer."),
                           reference, when);
      break;

    case OW_NOTICE_OVERDUE:
    case OW_NOTICE_OPENED:
      {
        const char *action = NULL;

        t = notice->deadline.rule ? ow_deadline_describe (&notice->deadline, notice->now) : NULL;
        if (t == NULL)
          t = g_strdup (notice->type == OW_NOTICE_OPENED ? _("A window opened")
                                                         : _("A wait ran out"));
        if (notice->deadline.rule != NULL)
          action = notice->type == OW_NOTICE_OVERDUE
                   ? ow_rule_get_action_overdue (notice->deadline.rule)
                   : ow_rule_get_action (notice->deadline.rule);
        /* Translators: an order, then what to do about it */
        b = g_strdup_printf (_("%s: %s"), reference, action ? action : when);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (title != NULL)
    *title = g_steal_pointer (&t);
  if (body != NULL)
    *body = g_steal_pointer (&b);
}

char *
ow_notice_get_id (const OwNotice *notice)
{
  g_return_val_if_fail (notice != NULL, NULL);
  g_return_val_if_fail (OW_IS_ORDER (notice->order), NULL);

  return g_strdup_printf ("order-%" G_GINT64_FORMAT "-%s",
                          ow_order_get_id (notice->order), notice->kind);
}

/* The click and the buttons, for a GNotification and for the portal alike. */
typedef void (*AddButton) (gpointer    data,
                           const char *label,   /* NULL: the default action (a click) */
                           const char *action,
                           GVariant   *target);

static void
notice_actions (const OwNotice *notice,
                AddButton       add,
                gpointer        data)
{
  gint64 order_id = ow_order_get_id (notice->order);

  add (data, NULL, "app.open-order", g_variant_new_int64 (order_id));
  add (data, _("Open order"), "app.open-order", g_variant_new_int64 (order_id));
  if (notice->can_dispute)
    add (data, _("Open dispute"), "app.open-dispute", g_variant_new_int64 (order_id));
  if (notice->type == OW_NOTICE_REMINDER || notice->type == OW_NOTICE_SNOOZED)
    {
      g_autofree char *target = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", order_id, notice->kind);

      add (data, _("Remind me tomorrow"), "app.snooze", g_variant_new_string (target));
    }
}

static GNotificationPriority
notice_priority (const OwNotice *notice)
{
  if ((notice->type == OW_NOTICE_REMINDER || notice->type == OW_NOTICE_SNOOZED) &&
      notice->due - notice->now < DAY)
    return G_NOTIFICATION_PRIORITY_URGENT;
  if (notice->type == OW_NOTICE_NOT_SHIPPED)
    return G_NOTIFICATION_PRIORITY_HIGH;
  return G_NOTIFICATION_PRIORITY_NORMAL;
}

static void
add_to_notification (gpointer    data,
                     const char *label,
                     const char *action,
                     GVariant   *target)
{
  GNotification *notification = data;

  if (label == NULL)
    g_notification_set_default_action_and_target_value (notification, action, target);
  else
    g_notification_add_button_with_target_value (notification, label, action, target);
}

GNotification *
ow_notice_build (const OwNotice *notice)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GIcon) icon = NULL;
  GNotification *notification;

  g_return_val_if_fail (notice != NULL, NULL);

  ow_notice_format (notice, &title, &body);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APPLICATION_ID);
  g_notification_set_icon (notification, icon);
  notice_actions (notice, add_to_notification, notification);
  g_notification_set_priority (notification, notice_priority (notice));

  return notification;
}

typedef struct
{
  GVariantBuilder *notification;
  GVariantBuilder  buttons;
  gboolean         any;
} PortalBuild;

static void
add_to_portal (gpointer    data,
               const char *label,
               const char *action,
               GVariant   *target)
{
  PortalBuild *build = data;

  if (label == NULL)
    {
      g_variant_builder_add (build->notification, "{sv}", "default-action",
                             g_variant_new_string (action));
      g_variant_builder_add (build->notification, "{sv}", "default-action-target", target);
      return;
    }
  g_variant_builder_open (&build->buttons, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&build->buttons, "{sv}", "label", g_variant_new_string (label));
  g_variant_builder_add (&build->buttons, "{sv}", "action", g_variant_new_string (action));
  g_variant_builder_add (&build->buttons, "{sv}", "target", target);
  g_variant_builder_close (&build->buttons);
  build->any = TRUE;
}

/* The notification as org.freedesktop.portal.Notification.AddNotification takes it: what
 * GIO's portal backend sends, but here the portal's answer is waited for. */
static GVariant *
notice_to_portal (const OwNotice *notice,
                  const char     *title,
                  const char     *body)
{
  static const char *priorities[] = { "normal", "low", "high", "urgent" };
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);
  GVariantBuilder notification;
  PortalBuild build = { &notification };

  g_variant_builder_init (&notification, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_init (&build.buttons, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add (&notification, "{sv}", "title", g_variant_new_string (title));
  g_variant_builder_add (&notification, "{sv}", "body", g_variant_new_string (body));
  g_variant_builder_add (&notification, "{sv}", "icon", g_icon_serialize (icon));
  g_variant_builder_add (&notification, "{sv}", "priority",
                         g_variant_new_string (priorities[notice_priority (notice)]));
  notice_actions (notice, add_to_portal, &build);
  if (build.any)
    g_variant_builder_add (&notification, "{sv}", "buttons",
                           g_variant_builder_end (&build.buttons));
  else
    g_variant_builder_clear (&build.buttons);
  return g_variant_builder_end (&notification);
}

/* The notifier */

static void
ow_notifier_dispose (GObject *object)
{
  OwNotifier *self = OW_NOTIFIER (object);

  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (ow_notifier_parent_class)->dispose (object);
}

static void
ow_notifier_finalize (GObject *object)
{
  OwNotifier *self = OW_NOTIFIER (object);

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (ow_notifier_parent_class)->finalize (object);
}

static void
ow_notifier_class_init (OwNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ow_notifier_dispose;
  object_class->finalize = ow_notifier_finalize;

  /**
   * OwNotifier::sent:
   * @id: the notification id, "order-<id>-<kind>"
   * @title: its title
   * @body: its body
   * @shown: whether it went to the desktop
   */
  signals[SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
ow_notifier_init (OwNotifier *self)
{
  self->server = -1;
}

OwNotifier *
ow_notifier_new (GApplication *application)
{
  OwNotifier *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (OW_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}

GApplication *
ow_notifier_get_application (OwNotifier *self)
{
  g_return_val_if_fail (OW_IS_NOTIFIER (self), NULL);
  return self->application;
}

guint
ow_notifier_get_n_sent (OwNotifier *self)
{
  g_return_val_if_fail (OW_IS_NOTIFIER (self), 0);
  return self->n_sent;
}

static gboolean
name_is_there (GDBusConnection *bus,
               const char      *method,
               const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (method, "NameHasOwner"))
    {
      gboolean has = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, 2000, NULL, &error);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has);
      return has;
    }
  else
    {
      g_autofree const char **names = NULL;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "ListActivatableNames",
                                           NULL, G_VARIANT_TYPE ("(as)"),
                                           G_DBUS_CALL_FLAGS_NONE, 2000, NULL, &error);
      if (reply == NULL)
        return FALSE;
      g_variant_get (reply, "(^a&s)", &names);
      return g_strv_contains (names, name);
    }
}

/* Inside a sandbox notifications go through the desktop portal. */
static gboolean
use_portal (void)
{
  const char *backend = g_getenv ("GNOTIFICATION_BACKEND");

  if (backend != NULL && *backend != '\0')
    return g_str_equal (backend, "portal");
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
set_error (OwNotifier *self,
           char       *error)
{
  g_free (self->error);
  self->error = error;
}

/* GIO warns once and drops the notification when nobody serves it; ask first, so a
 * machine without a desktop (cron, tests) gets no warning. */
static gboolean
server_available (OwNotifier *self)
{
  GDBusConnection *bus;
  const char *backend = g_getenv ("GNOTIFICATION_BACKEND");

  if (self->server >= 0)
    return self->server;

  bus = g_application_get_dbus_connection (self->application);
  if (bus == NULL)
    self->server = 0;
  else if (g_strcmp0 (backend, "gtk") != 0 &&
           (name_is_there (bus, "NameHasOwner", "org.freedesktop.Notifications") ||
            name_is_there (bus, "ListActivatableNames", "org.freedesktop.Notifications")))
    self->server = 1;
  else
    self->server = name_is_there (bus, "NameHasOwner", "org.gtk.Notifications") ? 1 : 0;

  if (!self->server)
    set_error (self, g_strdup (_("no notification server answered on the session bus")));
  return self->server;
}

typedef struct
{
  OwNotifier *self;
  char       *id;
  char       *title;
  char       *body;
} PortalCall;

static void
portal_call_free (PortalCall *call)
{
  g_object_unref (call->self);
  g_free (call->id);
  g_free (call->title);
  g_free (call->body);
  g_free (call);
}

static void
on_portal_added_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PortalCall *call = user_data;
  OwNotifier *self = call->self;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  self->n_pending--;
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      /* Translators: the reason is D-Bus's, e.g. "No such interface ..." */
      set_error (self, g_strdup_printf (_("the desktop's notification portal "
                                          "(org.freedesktop.portal.Notification) did not "
                                          "take it: %s"), error->message));
      g_debug ("Notice %s not shown: %s", call->id, self->error);
    }
  g_signal_emit (self, signals[SENT], 0, call->id, call->title, call->body, reply != NULL);
  portal_call_free (call);
}

/* GIO's portal backend sends without waiting for an answer, so nothing tells whether the
 * portal took the notification, and a process that exits right away (`orderwatch check`)
 * loses it: the portal no longer knows which app asked. Send it here and wait. */
static void
portal_send (OwNotifier     *self,
             const OwNotice *notice,
             const char     *id,
             const char     *title,
             const char     *body)
{
  GDBusConnection *bus = g_application_get_dbus_connection (self->application);
  PortalCall *call;

  call = g_new0 (PortalCall, 1);
  call->self = g_object_ref (self);
  call->id = g_strdup (id);
  call->title = g_strdup (title);
  call->body = g_strdup (body);
  self->n_pending++;
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop",
                          "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Notification", "AddNotification",
                          g_variant_new ("(s@a{sv})", id, notice_to_portal (notice, title, body)),
                          G_VARIANT_TYPE_UNIT, G_DBUS_CALL_FLAGS_NONE, 25000, NULL,
                          on_portal_added_cb, call);
}

void
ow_notifier_send (OwNotifier     *self,
                  const OwNotice *notice)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gboolean shown = FALSE;
  gboolean can_send;

  g_return_if_fail (OW_IS_NOTIFIER (self));
  g_return_if_fail (notice != NULL);

  id = ow_notice_get_id (notice);
  ow_notice_format (notice, &title, &body);
  self->n_sent++;

  can_send = self->application != NULL &&
             g_application_get_is_registered (self->application) &&
             !g_application_get_is_remote (self->application) &&
             g_application_get_dbus_connection (self->application) != NULL;
  if (!can_send)
    set_error (self, g_strdup (_("there is no session bus to send it on")));
  else if (use_portal ())
    {
      /* "sent" follows the portal's answer. */
      g_debug ("Notice %s: %s — %s (to the portal)", id, title, body);
      portal_send (self, notice, id, title, body);
      return;
    }
  else if (server_available (self))
    {
      g_autoptr(GNotification) notification = ow_notice_build (notice);

      g_application_send_notification (self->application, id, notification);
      self->n_unflushed++;
      shown = TRUE;
    }

  g_debug ("Notice %s: %s — %s%s", id, title, body, shown ? "" : " (not shown)");
  g_signal_emit (self, signals[SENT], 0, id, title, body, shown);
}

const char *
ow_notifier_get_error (OwNotifier *self)
{
  g_return_val_if_fail (OW_IS_NOTIFIER (self), NULL);
  return self->error;
}

static gboolean
on_flush_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
ow_notifier_flush (OwNotifier *self)
{
  g_autoptr(GVariant) reply = NULL;
  GDBusConnection *bus;

  g_return_if_fail (OW_IS_NOTIFIER (self));

  /* The server answers in order: once it answered this call, it answered every Notify
   * sent before; then GIO's reply callbacks run from the main context. */
  if (self->n_unflushed > 0 && self->application != NULL &&
      (bus = g_application_get_dbus_connection (self->application)) != NULL)
    {
      const char *backend = g_getenv ("GNOTIFICATION_BACKEND");
      gboolean fdo = g_strcmp0 (backend, "freedesktop") == 0 ||
                     (backend == NULL && !name_is_there (bus, "NameHasOwner",
                                                         "org.gtk.Notifications"));

      if (fdo)
        reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                             "/org/freedesktop/Notifications",
                                             "org.freedesktop.Notifications",
                                             "GetServerInformation", NULL, NULL,
                                             G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
      else
        g_dbus_connection_flush_sync (bus, NULL, NULL);
    }
  /* The portal's answers (the call itself times out after 25 s). */
  if (self->n_pending > 0)
    {
      gboolean timed_out = FALSE;
      guint timeout_id = g_timeout_add_seconds (30, on_flush_timeout_cb, &timed_out);

      while (self->n_pending > 0 && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (timeout_id);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  self->n_unflushed = 0;
  self->server = -1;
}
