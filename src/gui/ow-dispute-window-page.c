/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Can you open one now?": the verdict in a sentence, every channel's window counting down,
 * the channel to use (property action window.channel), the reminder when the marketplace
 * opens later, and the way back to a fresh start when a draft was resumed. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-deadline-row.h"
#include "ow-dispute-draft.h"
#include "ow-dispute-guide.h"
#include "ow-dispute-window-page.h"
#include "ow-dispute-wizard.h"
#include "ow-policy.h"
#include "ow-time.h"

struct _OwDisputeWindowPage
{
  OwDisputePage        parent_instance;

  GtkImage            *verdict_icon;
  GtkLabel            *verdict_title;
  GtkLabel            *verdict_body;
  GtkWidget           *reminder_group;
  GtkWidget           *reminder_row;
  GtkWidget           *reminder_button;
  AdwPreferencesGroup *channels_group;
  GtkWidget           *channel_rows[OW_N_CHANNELS];
  GtkWidget           *resume_group;
  AdwActionRow        *resume_row;

  guint                channel;
  const char          *verdict_class;
};

G_DEFINE_FINAL_TYPE (OwDisputeWindowPage, ow_dispute_window_page, OW_TYPE_DISPUTE_PAGE)

enum { PROP_0, PROP_CHANNEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

static OwDisputeWizard *
wizard_of (OwDisputeWindowPage *self)
{
  return ow_dispute_page_get_wizard (OW_DISPUTE_PAGE (self));
}

static char *
day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date in a sentence, as in "until 3 Dec 2026" */
  return local ? g_date_time_format (local, _("%-d %b %Y")) : g_strdup ("?");
}

static void
set_verdict_class (OwDisputeWindowPage *self,
                   const char          *css_class)
{
  if (self->verdict_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), self->verdict_class);
  self->verdict_class = css_class;
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css_class);
}

static void
fill_verdict (OwDisputeWindowPage *self)
{
  OwDisputeWizard *wizard = wizard_of (self);
  const OwDisputeWindow *windows = ow_dispute_wizard_get_windows (wizard);
  const OwDisputeWindow *market = &windows[OW_CHANNEL_MARKETPLACE];
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  const char *name = ow_policy_get_name (policy);
  OwDisputeVerdict verdict = ow_dispute_guide_verdict (windows);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *when = NULL;
  gint64 now = ow_dispute_wizard_get_now (wizard);
  gboolean reminder = FALSE;

  switch (verdict)
    {
    case OW_DISPUTE_VERDICT_OPEN:
      gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
      set_verdict_class (self, "success");
      title = g_strdup (_("You Can Open a Dispute Now"));
      if (market->closes != OW_TIME_UNSET)
        {
          g_autofree char *left = ow_duration_format (MAX (market->closes - now, 0));

          when = day (market->closes);
          /* Translators: a marketplace, a date, then the time left */
          body = g_strdup_printf (_("%s takes disputes for this order until %s: %s left. "
                                    "Prepare it here, then submit it on the order’s page."),
                                  name, when, left);
        }
      else
        /* Translators: a marketplace */
        body = g_strdup_printf (_("%s takes disputes for this order now. Prepare it here, then "
                                  "submit it on the order’s page."), name);
      break;

    case OW_DISPUTE_VERDICT_NOT_YET:
      gtk_image_set_from_icon_name (self->verdict_icon, "alarm-symbolic");
      set_verdict_class (self, "warning");
      when = market->opens != OW_TIME_UNSET ? day (market->opens) : NULL;
      /* Translators: a date */
      title = when ? g_strdup_printf (_("Disputes Open on %s"), when)
                   : g_strdup (_("Disputes Are Not Open Yet"));
      /* Translators: a marketplace */
      body = g_strdup_printf (_("%s does not take a dispute for this order yet. Prepare it now "
                                "and submit it once it opens; first ask the seller, who may "
                                "solve it sooner."), name);
      reminder = TRUE;
      break;

    case OW_DISPUTE_VERDICT_ELSEWHERE:
      {
        OwDisputeChannel channel = ow_dispute_guide_pick_channel (windows);
        const OwDisputeWindow *other = &windows[channel];
        g_autofree char *until = other->closes != OW_TIME_UNSET ? day (other->closes) : NULL;

        gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
        set_verdict_class (self, "warning");
        /* Translators: a marketplace */
        title = g_strdup_printf (_("The %s Window Has Closed"), name);
        when = market->closes != OW_TIME_UNSET ? day (market->closes) : g_strdup ("—");
        body = until
          /* Translators: a marketplace, a date, a channel ("PayPal"), then a date */
          ? g_strdup_printf (_("%s stopped taking disputes for this order on %s, and a closed "
                               "window cannot be reopened. %s still takes one until %s."),
                             name, when, ow_dispute_guide_channel_name (policy, channel), until)
          /* Translators: a marketplace, a date, then a channel ("PayPal") */
          : g_strdup_printf (_("%s stopped taking disputes for this order on %s, and a closed "
                               "window cannot be reopened. %s still takes one."),
                             name, when, ow_dispute_guide_channel_name (policy, channel));
      }
      break;

    case OW_DISPUTE_VERDICT_NONE:
    default:
      gtk_image_set_from_icon_name (self->verdict_icon, "action-unavailable-symbolic");
      set_verdict_class (self, "error");
      title = g_strdup (_("No Channel Takes a Dispute Now"));
      body = g_strdup (_("Every window below is closed or does not apply to this order. Ask "
                         "the seller directly, or your bank about other options."));
      break;
    }

  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_label (self->verdict_body, body);

  gtk_widget_set_visible (self->reminder_group, reminder);
  if (reminder)
    {
      GSettings *settings = ow_dispute_wizard_get_settings (wizard);
      gboolean notifies = ow_dispute_guide_notifies_on_open (policy, settings);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reminder_row),
                                   notifies
                                   ? _("Orderwatch notifies you when it opens, with a button "
                                       "that brings you back here.")
                                   : _("Reminders are off, so Orderwatch will not tell you "
                                       "when it opens. Turn them on to be told."));
      gtk_widget_set_visible (self->reminder_button, !notifies && settings != NULL);
    }
}

static void
fill_channels (OwDisputeWindowPage *self)
{
  OwDisputeWizard *wizard = wizard_of (self);
  const OwDisputeWindow *windows = ow_dispute_wizard_get_windows (wizard);
  gint64 now = ow_dispute_wizard_get_now (wizard);
  const char *blocker = NULL;

  for (guint c = 0; c < OW_N_CHANNELS; c++)
    {
      g_autofree char *reason = NULL;
      g_autofree char *text = NULL;
      gboolean possible = ow_dispute_guide_channel_possible (&windows[c], &reason);

      text = possible ? ow_dispute_guide_describe_window (&windows[c], now) : g_steal_pointer (&reason);
      if (g_strcmp0 (text, adw_action_row_get_subtitle (ADW_ACTION_ROW (self->channel_rows[c]))) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->channel_rows[c]), text);
      gtk_widget_set_sensitive (self->channel_rows[c], possible);
      if (c == self->channel && !possible)
        blocker = ow_dispute_guide_verdict (windows) == OW_DISPUTE_VERDICT_NONE
                  ? _("No channel takes a dispute for this order now.")
                  : _("Pick a channel that takes a dispute now.");
    }
  ow_dispute_page_set_blocker (OW_DISPUTE_PAGE (self), blocker);
}

static void
fill_resume (OwDisputeWindowPage *self)
{
  OwDisputeWizard *wizard = wizard_of (self);
  gint64 started = ow_dispute_draft_get_started_at (ow_dispute_wizard_get_draft (wizard));
  g_autofree char *when = started != OW_TIME_UNSET ? ow_format_date_time (started) : NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->resume_group, ow_dispute_wizard_get_resumed (wizard));
  /* Translators: when the draft was started */
  subtitle = when ? g_strdup_printf (_("You started it on %s; your choices are as you left "
                                       "them."), when)
                  : g_strdup (_("Your choices are as you left them."));
  adw_action_row_set_subtitle (self->resume_row, subtitle);
}

static void
ow_dispute_window_page_shown (OwDisputePage *page)
{
  OwDisputeWindowPage *self = OW_DISPUTE_WINDOW_PAGE (page);

  fill_verdict (self);
  fill_channels (self);
  fill_resume (self);
}

static void
ow_dispute_window_page_tick (OwDisputePage *page,
                             gint64         now)
{
  OwDisputeWindowPage *self = OW_DISPUTE_WINDOW_PAGE (page);

  fill_verdict (self);
  fill_channels (self);
}

static void
ow_dispute_window_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OwDisputeWindowPage *self = OW_DISPUTE_WINDOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      g_value_set_uint (value, self->channel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_window_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OwDisputeWindowPage *self = OW_DISPUTE_WINDOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      if (self->channel != g_value_get_uint (value))
        {
          self->channel = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
          if (wizard_of (self) != NULL && self->channel_rows[0] != NULL)
            fill_channels (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_dispute_window_page_constructed (GObject *object)
{
  OwDisputeWindowPage *self = OW_DISPUTE_WINDOW_PAGE (object);
  OwDisputeWizard *wizard = wizard_of (self);
  OwPolicy *policy = ow_dispute_wizard_get_policy (wizard);
  GtkWidget *group, *box, *text;

  G_OBJECT_CLASS (ow_dispute_window_page_parent_class)->constructed (object);

  g_object_set (self, "name", "window", "title", _("Can You Open One Now?"),
                "icon-name", "alarm-symbolic", NULL);

  /* The verdict. */
  group = adw_preferences_group_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  gtk_widget_add_css_class (box, "wizard-verdict");
  self->verdict_icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->verdict_icon, 48);
  gtk_widget_set_valign (GTK_WIDGET (self->verdict_icon), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Verdict"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->verdict_icon));
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (text, TRUE);
  self->verdict_title = GTK_LABEL (ow_dispute_page_paragraph (NULL, "title-2"));
  self->verdict_body = GTK_LABEL (ow_dispute_page_paragraph (NULL, NULL));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->verdict_title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->verdict_body));
  gtk_box_append (GTK_BOX (box), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  /* The reminder, when it opens later. */
  group = self->reminder_group = adw_preferences_group_new ();
  self->reminder_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reminder_row), _("Reminder"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->reminder_row),
                             gtk_image_new_from_icon_name ("preferences-system-notifications-symbolic"));
  self->reminder_button = gtk_button_new_with_mnemonic (_("_Turn On Reminders"));
  gtk_widget_set_valign (self->reminder_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reminder_button),
                                  "wizard.enable-reminders");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->reminder_row), self->reminder_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->reminder_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  /* Every channel. */
  self->channels_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->channels_group, _("Where to Open It"));
  adw_preferences_group_set_description (self->channels_group,
                                         _("The marketplace first; PayPal or your card’s bank "
                                           "once it has closed."));
  for (guint c = 0; c < OW_N_CHANNELS; c++)
    {
      self->channel_rows[c] = ow_dispute_page_choice_row (ow_dispute_guide_channel_name (policy, c),
                                                          NULL, "window.channel",
                                                          g_variant_new_uint32 (c), NULL);
      adw_preferences_group_add (self->channels_group, self->channel_rows[c]);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->channels_group);

  /* A resumed draft. */
  self->resume_group = adw_preferences_group_new ();
  self->resume_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resume_row),
                                 _("Resumed Where You Left Off"));
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start Over"));

    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wizard.start-over");
    adw_action_row_add_suffix (self->resume_row, button);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->resume_group),
                             GTK_WIDGET (self->resume_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (self->resume_group));

  g_object_bind_property (ow_dispute_wizard_get_draft (wizard), "channel", self, "channel",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  ow_dispute_window_page_shown (OW_DISPUTE_PAGE (self));
}

static void
ow_dispute_window_page_class_init (OwDisputeWindowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OwDisputePageClass *page_class = OW_DISPUTE_PAGE_CLASS (klass);

  object_class->constructed = ow_dispute_window_page_constructed;
  object_class->get_property = ow_dispute_window_page_get_property;
  object_class->set_property = ow_dispute_window_page_set_property;
  page_class->shown = ow_dispute_window_page_shown;
  page_class->tick = ow_dispute_window_page_tick;

  properties[PROP_CHANNEL] =
    g_param_spec_uint ("channel", NULL, NULL, 0, OW_N_CHANNELS - 1, OW_CHANNEL_MARKETPLACE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "window.channel", "channel");
}

static void
ow_dispute_window_page_init (OwDisputeWindowPage *self)
{
}

GtkWidget *
ow_dispute_window_page_new (OwDisputeWizard *wizard)
{
  return g_object_new (OW_TYPE_DISPUTE_WINDOW_PAGE, "wizard", wizard, NULL);
}
