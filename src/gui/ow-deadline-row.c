/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ow-deadline-row.h"
#include "ow-deadlines.h"
#include "ow-order-row.h"
#include "ow-policy.h"
#include "ow-urgency-style.h"

struct _OwDeadlineRow
{
  AdwExpanderRow  parent_instance;

  GtkImage       *icon;
  const OwRule   *rule;
  OwDeadline      deadline;        /* as last shown, for the details */
  gboolean        has_details;
  char           *countdown;
  const char     *urgency_class;
};

G_DEFINE_FINAL_TYPE (OwDeadlineRow, ow_deadline_row, ADW_TYPE_EXPANDER_ROW)

char *
ow_format_date_time (gint64 time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == OW_TIME_UNSET)
    return NULL;
  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* Translators: a date and time with its zone, see g_date_time_format() */
  return g_date_time_format (local, _("%a %-d %b %Y, %H:%M %Z"));
}

static const char *
state_icon (OwDeadlineState state,
            OwUrgency       urgency)
{
  switch (state)
    {
    case OW_DEADLINE_MET:
      return "emblem-ok-symbolic";
    case OW_DEADLINE_PASSED:
      return "alarm-symbolic";
    case OW_DEADLINE_NOT_STARTED:
      return "document-open-recent-symbolic";
    case OW_DEADLINE_UNDATED:
      return "dialog-question-symbolic";
    case OW_DEADLINE_URGENT:
    case OW_DEADLINE_RUNNING:
      return ow_urgency_icon_name (urgency);
    case OW_DEADLINE_NOT_APPLICABLE:
    default:
      return "alarm-symbolic";
    }
}

static char *
make_subtitle (const OwDeadline *deadline,
               const char       *countdown)
{
  const char *rule = ow_rule_get_title (deadline->rule);
  g_autofree char *due = ow_format_date_time (deadline->due);
  g_autofree char *late = NULL;

  /* Not started, the rule is the title and what starts it the subtitle. */
  if (deadline->state == OW_DEADLINE_NOT_STARTED)
    return g_strdup (countdown);
  if (due == NULL)
    return g_strdup (rule);

  if (deadline->due_late != OW_TIME_UNSET && deadline->due_late != deadline->due)
    {
      late = ow_format_date_time (deadline->due_late);
      /* Translators: a rule, its conservative due date, then the later one some sources
       * give, e.g. "Buyer Protection · Tue 8 Nov … · some sources say Sat 12 Nov …" */
      return g_strdup_printf (_("%s · %s · some sources say %s"), rule, due, late);
    }
  /* Translators: a rule and its due date, e.g. "Buyer Protection · Tue 8 Nov 2026, 09:00" */
  return g_strdup_printf (_("%s · %s"), rule, due);
}

void
ow_deadline_row_update (OwDeadlineRow    *self,
                        const OwDeadline *deadline,
                        gint64            now)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *countdown = NULL;
  const char *urgency;
  const char *icon_name;
  OwUrgency level;

  g_return_if_fail (OW_IS_DEADLINE_ROW (self));
  g_return_if_fail (deadline != NULL);

  self->deadline = *deadline;
  countdown = ow_deadline_describe (deadline, now);
  if (g_strcmp0 (countdown, self->countdown) != 0)
    {
      g_free (self->countdown);
      self->countdown = g_steal_pointer (&countdown);
    }
  /* Titled by its words while it counts; by its rule ("Return shipping") while it waits
   * for something to start it ("Starts when a return is agreed"). */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 deadline->state == OW_DEADLINE_NOT_STARTED
                                 ? ow_rule_get_title (deadline->rule) : self->countdown);

  subtitle = make_subtitle (deadline, self->countdown);
  if (g_strcmp0 (subtitle, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (self))) != 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);

  level = ow_deadline_get_urgency (deadline, now);
  urgency = ow_urgency_css_class (level);
  icon_name = state_icon (deadline->state, level);
  /* Setting even the same icon reloads it and relayouts the row: only on a change. */
  if (g_strcmp0 (icon_name, gtk_image_get_icon_name (self->icon)) != 0)
    gtk_image_set_from_icon_name (self->icon, icon_name);
  if (self->urgency_class != urgency)
    {
      if (self->urgency_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->icon), self->urgency_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), urgency);
      self->urgency_class = urgency;
    }
}

static GtkWidget *
make_text_row (const char *title,
               const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_add_css_class (row, "property-row");
  return row;
}

static void
on_source_activated_cb (AdwActionRow *row,
                        gpointer      user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* A help page the rule follows: a link to it when the policy has its address, else its
 * title as it is. */
static GtkWidget *
make_source_row (const char *title,
                 const char *url)
{
  GtkWidget *row = make_text_row (_("Source"), title);
  GtkWidget *icon;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *tooltip = NULL;

  if (url == NULL)
    return row;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* Translators: %s is a web site, such as www.ebay.com */
  tooltip = g_strdup_printf (_("Open the page on %s in a browser"),
                             uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url);
  gtk_widget_set_tooltip_text (row, tooltip);
  icon = gtk_image_new_from_icon_name ("adw-external-link-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Opens in a browser"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (url), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_source_activated_cb), NULL);
  return row;
}

static void
add_details (OwDeadlineRow    *self,
             const OwDeadline *deadline)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self);
  const OwRule *rule = deadline->rule;
  const char * const *sources = ow_rule_get_sources (rule);
  const char *text;
  g_autofree char *due = ow_format_date_time (deadline->due);
  g_autofree char *late = ow_format_date_time (deadline->due_late);

  /* Where sources disagree, the safer date is the one to go by (the earlier for a window
   * the buyer must act in, the later for a wait on the seller); the other is said too. */
  if (due != NULL && late != NULL && deadline->due_late != deadline->due)
    {
      adw_expander_row_add_row (expander, make_text_row (_("Go by this date"), due));
      adw_expander_row_add_row (expander,
                                make_text_row (_("Some sources give this date instead"), late));
    }
  else if (due != NULL)
    adw_expander_row_add_row (expander, make_text_row (_("Date"), due));
  if ((text = ow_rule_get_on_expiry (rule)) != NULL && *text)
    adw_expander_row_add_row (expander, make_text_row (_("When it runs out"), text));
  if ((text = ow_rule_get_buyer_actions (rule)) != NULL && *text)
    adw_expander_row_add_row (expander, make_text_row (_("What you can do now"), text));
  if ((text = ow_rule_get_note (rule)) != NULL && *text)
    adw_expander_row_add_row (expander, make_text_row (_("Note"), text));
  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    adw_expander_row_add_row (expander,
                              make_source_row (sources[i], ow_rule_get_source_url (rule, i)));
}

/* The details are built the first time they are shown: most rows are never opened. */
static void
on_expanded_cb (OwDeadlineRow *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)) && !self->has_details)
    {
      self->has_details = TRUE;
      add_details (self, &self->deadline);
    }
}

const char *
ow_deadline_row_get_rule_id (OwDeadlineRow *self)
{
  g_return_val_if_fail (OW_IS_DEADLINE_ROW (self), NULL);
  return ow_rule_get_id (self->rule);
}

OwDeadlineState
ow_deadline_row_get_state (OwDeadlineRow *self)
{
  g_return_val_if_fail (OW_IS_DEADLINE_ROW (self), OW_DEADLINE_NOT_APPLICABLE);
  return self->deadline.state;
}

void
ow_deadline_row_expand_details (OwDeadlineRow *self)
{
  g_return_if_fail (OW_IS_DEADLINE_ROW (self));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
}

const char *
ow_deadline_row_get_countdown (OwDeadlineRow *self)
{
  g_return_val_if_fail (OW_IS_DEADLINE_ROW (self), NULL);
  return self->countdown;
}

static void
ow_deadline_row_finalize (GObject *object)
{
  OwDeadlineRow *self = OW_DEADLINE_ROW (object);

  g_free (self->countdown);

  G_OBJECT_CLASS (ow_deadline_row_parent_class)->finalize (object);
}

static void
ow_deadline_row_class_init (OwDeadlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ow_deadline_row_finalize;
}

static void
ow_deadline_row_init (OwDeadlineRow *self)
{
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "deadline-icon");
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->icon));
  gtk_widget_add_css_class (GTK_WIDGET (self), "deadline-row");
}

GtkWidget *
ow_deadline_row_new (const OwDeadline *deadline,
                     gint64            now)
{
  OwDeadlineRow *self;

  g_return_val_if_fail (deadline != NULL && deadline->rule != NULL, NULL);

  self = g_object_new (OW_TYPE_DEADLINE_ROW, NULL);
  self->rule = deadline->rule;
  ow_deadline_row_update (self, deadline, now);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (on_expanded_cb), NULL);
  return GTK_WIDGET (self);
}

gboolean
ow_deadline_rows_update_in_place (GPtrArray           *rows,
                                  GArray              *shown,
                                  GArray              *indices,
                                  const OwDeadlineSet *set,
                                  gint64               now)
{
  g_return_val_if_fail (rows != NULL && set != NULL, FALSE);

  if (shown == NULL || indices == NULL || shown->len != indices->len ||
      rows->len != indices->len ||
      memcmp (shown->data, indices->data, indices->len * sizeof (guint)) != 0)
    return FALSE;
  for (guint i = 0; i < indices->len; i++)
    ow_deadline_row_update (g_ptr_array_index (rows, i),
                            &set->deadlines[g_array_index (indices, guint, i)], now);
  return TRUE;
}
