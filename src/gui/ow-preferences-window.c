/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences: everything lives in GSettings, bound where a plain binding fits; the
 * 17TRACK key lives in the keyring, never in GSettings. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-preferences-window.h"
#include "ow-reminder-row.h"
#include "ow-time.h"
#include "ow-tracking-17track.h"

/* The deadlines whose reminder times the user can set; others keep their policy's. */
static const struct
{
  const char *id;
  const char *title;
} deadlines[] = {
  { "ship_by", N_("Ship-By Date") },
  { "protection_end", N_("End of Buyer Protection") },
  { "dispute_closes", N_("End of the Dispute Window") },
  { "cancel_reply", N_("Answer to a Cancellation") },
  { "refund_due", N_("Refund Due") },
};

#define N_DEADLINES G_N_ELEMENTS (deadlines)

struct _OwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *background_switch;
  GtkSwitch            *refresh_switch;
  GtkSwitch            *reminders_switch;
  AdwPreferencesGroup  *offsets_group;
  AdwExpanderRow       *quiet_row;
  GtkSpinButton        *quiet_start_spin;
  GtkSpinButton        *quiet_end_spin;
  GtkWidget            *key_row;
  GtkLabel             *key_status;
  GtkWidget            *cainiao_url_row;
  GtkWidget            *seventeen_url_row;
  GtkLabel             *urls_message;

  GSettings            *settings;
  GCancellable         *cancellable;
  OwReminderRow        *reminder_rows[N_DEADLINES];
  gboolean              writing_offsets;
};

G_DEFINE_FINAL_TYPE (OwPreferencesWindow, ow_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum { PROP_0, PROP_SETTINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- Reminder times: picked per deadline, minutes before it in GSettings ---- */

/* A row's times go to the settings at once: its own list, or none (the usual times). */
static void
on_reminder_row_changed_cb (OwPreferencesWindow *self,
                            OwReminderRow       *row)
{
  g_autoptr(GArray) minutes = ow_reminder_row_dup_custom (row);
  const char *rule_id = ow_reminder_row_get_rule_id (row);
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (self->writing_offsets)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sai}"));
  old = g_settings_get_value (self->settings, "reminder-offsets");
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s@ai}", &key, &value))
    {
      if (!g_str_equal (key, rule_id))
        g_variant_builder_add (&builder, "{s@ai}", key, value);
      g_variant_unref (value);
    }
  if (minutes != NULL)
    g_variant_builder_add (&builder, "{s@ai}", rule_id,
                           g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, minutes->data,
                                                      minutes->len, sizeof (gint32)));

  self->writing_offsets = TRUE;
  g_settings_set_value (self->settings, "reminder-offsets", g_variant_builder_end (&builder));
  self->writing_offsets = FALSE;
}

static void
load_offsets (OwPreferencesWindow *self)
{
  g_autoptr(GVariant) offsets = NULL;

  if (self->writing_offsets)
    return;
  offsets = g_settings_get_value (self->settings, "reminder-offsets");

  self->writing_offsets = TRUE;
  for (guint i = 0; i < N_DEADLINES; i++)
    {
      g_autoptr(GVariant) list = g_variant_lookup_value (offsets, deadlines[i].id,
                                                         G_VARIANT_TYPE ("ai"));
      const gint32 *minutes = NULL;
      gsize n = 0;

      if (list != NULL)
        minutes = g_variant_get_fixed_array (list, &n, sizeof (gint32));
      /* An empty list is "no reminder": a list, not the usual times. */
      ow_reminder_row_set_custom (self->reminder_rows[i],
                                  list != NULL ? (minutes ? minutes : (const gint32[]) { 0 })
                                               : NULL,
                                  n);
    }
  self->writing_offsets = FALSE;
}

static void
add_offset_rows (OwPreferencesWindow *self)
{
  g_autoptr(OwPolicyRegistry) registry = ow_policy_registry_new_for_directory (NULL);
  OwPolicy *policy = ow_policy_registry_lookup (registry, "aliexpress");

  for (guint i = 0; i < N_DEADLINES; i++)
    {
      const OwRule *rule = policy ? ow_policy_find_rule (policy, deadlines[i].id) : NULL;
      g_autofree gint32 *usual = NULL;
      const gint64 *seconds = NULL;
      guint n = 0;
      GtkWidget *row;

      /* The bundled AliExpress policy's times are the usual ones shown. */
      if (rule != NULL)
        seconds = ow_rule_get_reminders (rule, &n);
      usual = g_new0 (gint32, n + 1);
      for (guint k = 0; k < n; k++)
        usual[k] = (gint32) (seconds[k] / 60);
      row = ow_reminder_row_new (deadlines[i].id, _(deadlines[i].title), usual, n);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_reminder_row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->offsets_group, row);
      self->reminder_rows[i] = OW_REMINDER_ROW (row);
    }
}

/* ---- Quiet hours: minutes after midnight shown as HH:MM ---- */

static gboolean
on_time_spin_output_cb (GtkSpinButton *spin)
{
  int minutes = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_time_spin_input_cb (GtkSpinButton *spin,
                       double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  int hours = 0, minutes = 0;
  char extra;

  if ((sscanf (text, "%d:%d%c", &hours, &minutes, &extra) == 2 ||
       sscanf (text, "%d%c", &hours, &extra) == 1) &&
      hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60)
    {
      *new_value = hours * 60 + minutes;
      return TRUE;
    }
  return GTK_INPUT_ERROR;
}

/* ---- Tracking ---- */

static gboolean
url_is_valid (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_str_equal (g_uri_get_scheme (uri), "https") ||
          g_str_equal (g_uri_get_scheme (uri), "http"));
}

static gboolean
get_string_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

/* Only an address that reads is written; the field says what is wrong with others. */
static GVariant *
set_url_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char *text = g_value_get_string (value);

  return text != NULL && url_is_valid (text) ? g_variant_new_string (text) : NULL;
}

static void
on_url_changed_cb (OwPreferencesWindow *self)
{
  GtkWidget *rows[] = { self->cainiao_url_row, self->seventeen_url_row };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *url = gtk_editable_get_text (GTK_EDITABLE (rows[i]));
      g_autofree char *message = NULL;

      if (!url_is_valid (url))
        {
          /* Translators: %s names the field, such as "Cainiao Address" */
          message = g_strdup_printf (_("%s: type a web address such as "
                                       "https://api.example.com"),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])));
          g_string_append_printf (text, "%s%s", text->len ? "\n" : "", message);
        }
      if (message != NULL)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }
  /* The titles carry mnemonic underscores. */
  g_string_replace (text, "_", "", 0);
  gtk_label_set_text (self->urls_message, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->urls_message), text->len > 0);
}

static void
on_key_lookup_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = ow_17track_key_lookup_finish (result, &error);
  g_autofree char *status = NULL;
  OwPreferencesWindow *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_debug ("Keyring: %s", error->message);
      gtk_label_set_text (self->key_status,
                          _("The keyring could not be opened, so no key can be read or saved "
                            "here. Start a keyring such as GNOME Keyring (it comes with most "
                            "desktops), or give the key in ORDERWATCH_17TRACK_KEY when "
                            "starting Orderwatch."));
      return;
    }
  if (key != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
  status = ow_17track_key_describe (ow_17track_key_result_get_place (result));
  gtk_label_set_text (self->key_status, status);
}

static void
on_key_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  OwPreferencesWindow *self = user_data;
  gboolean removed;

  if (!ow_17track_key_store_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Keyring: %s", error->message);
      text = g_strdup (_("The key was not saved: the keyring could not be opened. Start a "
                         "keyring such as GNOME Keyring, then press Apply again."));
      gtk_label_set_text (self->key_status, text);
      return;
    }
  removed = *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) == '\0';
  status = ow_17track_key_describe (ow_17track_key_result_get_place (result));
  gtk_label_set_text (self->key_status, status);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (removed ? _("API key removed")
                                                           : _("API key saved")));
}

static void
on_key_row_apply_cb (OwPreferencesWindow *self)
{
  g_autofree char *key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  const char *problem;

  g_strstrip (key);
  /* Empty: forget the key. */
  if (*key != '\0' && (problem = ow_17track_key_check (key)) != NULL)
    {
      gtk_widget_add_css_class (self->key_row, "error");
      gtk_label_set_text (self->key_status, problem);
      return;
    }
  gtk_widget_remove_css_class (self->key_row, "error");
  gtk_label_set_text (self->key_status, _("Saving…"));
  ow_17track_key_store_async (key, self->cancellable, on_key_stored_cb, self);
}

/* ---- GObject ---- */

static void
ow_preferences_window_constructed (GObject *object)
{
  OwPreferencesWindow *self = OW_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ow_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);

  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "refresh-tracking", self->refresh_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminders-enabled", self->reminders_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminders-enabled", self->offsets_group, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "quiet-hours-enabled", self->quiet_row, "enable-expansion",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-start", self->quiet_start_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-end", self->quiet_end_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "cainiao-url", self->cainiao_url_row, "text",
                                G_SETTINGS_BIND_DEFAULT, get_string_mapping, set_url_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "seventeen-track-url", self->seventeen_url_row,
                                "text", G_SETTINGS_BIND_DEFAULT, get_string_mapping,
                                set_url_mapping, NULL, NULL);

  load_offsets (self);
  g_signal_connect_object (self->settings, "changed::reminder-offsets",
                           G_CALLBACK (load_offsets), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cainiao_url_row, "changed", G_CALLBACK (on_url_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->seventeen_url_row, "changed", G_CALLBACK (on_url_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_url_changed_cb (self);

  gtk_label_set_text (self->key_status, _("Looking in the keyring…"));
  ow_17track_key_lookup_async (self->cancellable, on_key_lookup_cb, self);
}

static void
ow_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OwPreferencesWindow *self = OW_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OwPreferencesWindow *self = OW_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_preferences_window_dispose (GObject *object)
{
  OwPreferencesWindow *self = OW_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ow_preferences_window_parent_class)->dispose (object);
}

static void
ow_preferences_window_class_init (OwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ow_preferences_window_constructed;
  object_class->set_property = ow_preferences_window_set_property;
  object_class->get_property = ow_preferences_window_get_property;
  object_class->dispose = ow_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ow-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, OwPreferencesWindow, name)
  BIND (background_switch);
  BIND (refresh_switch);
  BIND (reminders_switch);
  BIND (offsets_group);
  BIND (quiet_row);
  BIND (quiet_start_spin);
  BIND (quiet_end_spin);
  BIND (key_row);
  BIND (key_status);
  BIND (cainiao_url_row);
  BIND (seventeen_url_row);
  BIND (urls_message);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_key_row_apply_cb);
}

static void
ow_preferences_window_init (OwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  add_offset_rows (self);
  g_signal_connect (self->quiet_start_spin, "output", G_CALLBACK (on_time_spin_output_cb), NULL);
  g_signal_connect (self->quiet_start_spin, "input", G_CALLBACK (on_time_spin_input_cb), NULL);
  g_signal_connect (self->quiet_end_spin, "output", G_CALLBACK (on_time_spin_output_cb), NULL);
  g_signal_connect (self->quiet_end_spin, "input", G_CALLBACK (on_time_spin_input_cb), NULL);
}

GtkWindow *
ow_preferences_window_new (GtkWindow *parent)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (OW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "settings", settings,
                       NULL);
}
