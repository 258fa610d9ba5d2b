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
  int           server;          /* -1 not asked yet, 0 none, 1 there */
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

GNotification *
ow_notice_build (const OwNotice *notice)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GIcon) icon = NULL;
  GNotification *notification;
  gint64 order_id;

  g_return_val_if_fail (notice != NULL, NULL);

  ow_notice_format (notice, &title, &body);
  order_id = ow_order_get_id (notice->order);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APPLICATION_ID);
  g_notification_set_icon (notification, icon);

  g_notification_set_default_action_and_target (notification, "app.open-order", "x", order_id);
  g_notification_add_button_with_target (notification, _("Open order"),
                                         "app.open-order", "x", order_id);
  if (notice->can_dispute)
    g_notification_add_button_with_target (notification, _("Open dispute"),
                                           "app.open-dispute", "x", order_id);
  if (notice->type == OW_NOTICE_REMINDER || notice->type == OW_NOTICE_SNOOZED)
    {
      g_autofree char *target = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", order_id, notice->kind);

      g_notification_add_button_with_target (notification, _("Remind me tomorrow"),
                                             "app.snooze", "s", target);
    }

  if ((notice->type == OW_NOTICE_REMINDER || notice->type == OW_NOTICE_SNOOZED) &&
      notice->due - notice->now < DAY)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  else if (notice->type == OW_NOTICE_NOT_SHIPPED)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  return notification;
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
ow_notifier_class_init (OwNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ow_notifier_dispose;

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

/* GIO warns once and drops the notification when nobody serves it; ask first, so a
 * machine without a desktop (cron, tests) gets no warning. A sandbox cannot see the
 * names and goes through the portal: trust it. */
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
  else if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
           g_strcmp0 (backend, "portal") == 0)
    self->server = 1;
  else if (g_strcmp0 (backend, "gtk") != 0 &&
           (name_is_there (bus, "NameHasOwner", "org.freedesktop.Notifications") ||
            name_is_there (bus, "ListActivatableNames", "org.freedesktop.Notifications")))
    self->server = 1;
  else
    self->server = name_is_there (bus, "NameHasOwner", "org.gtk.Notifications") ? 1 : 0;

  return self->server;
}

void
ow_notifier_send (OwNotifier     *self,
                  const OwNotice *notice)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gboolean shown = FALSE;

  g_return_if_fail (OW_IS_NOTIFIER (self));
  g_return_if_fail (notice != NULL);

  id = ow_notice_get_id (notice);
  ow_notice_format (notice, &title, &body);

  if (self->application != NULL && g_application_get_is_registered (self->application) &&
      !g_application_get_is_remote (self->application) && server_available (self))
    {
      g_autoptr(GNotification) notification = ow_notice_build (notice);

      g_application_send_notification (self->application, id, notification);
      self->n_unflushed++;
      shown = TRUE;
    }

  g_debug ("Notice %s: %s — %s%s", id, title, body, shown ? "" : " (not shown)");
  self->n_sent++;
  g_signal_emit (self, signals[SENT], 0, id, title, body, shown);
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

      if (fdo && !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
        reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                             "/org/freedesktop/Notifications",
                                             "org.freedesktop.Notifications",
                                             "GetServerInformation", NULL, NULL,
                                             G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
      else
        g_dbus_connection_flush_sync (bus, NULL, NULL);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  self->n_unflushed = 0;
  self->server = -1;
}
