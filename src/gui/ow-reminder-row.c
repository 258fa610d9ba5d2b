/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-reminder-row.h"
#include "ow-time.h"

/* The times offered, minutes before the deadline; the usual and the user's own ones join
 * them. */
static const gint32 offered[] = {
  14 * 1440, 7 * 1440, 3 * 1440, 2 * 1440, 1440, 12 * 60, 6 * 60, 3 * 60, 60,
};

struct _OwReminderRow
{
  AdwExpanderRow  parent_instance;

  char           *rule_id;
  GArray         *usual;      /* gint32, largest first */
  GArray         *custom;     /* gint32, largest first; NULL: the usual times */
  GPtrArray      *rows;       /* the choices' rows, in the expander */
  GHashTable     *checks;     /* minutes -> GtkCheckButton */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (OwReminderRow, ow_reminder_row, ADW_TYPE_EXPANDER_ROW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x < y) - (x > y);
}

static gboolean
contains (GArray *list,
          gint32  value)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, gint32, i) == value)
      return TRUE;
  return FALSE;
}

/* "7 days, 3 days, 1 day, 6 hours before". */
static char *
describe (GArray *minutes)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (minutes == NULL || minutes->len == 0)
    return NULL;
  for (guint i = 0; i < minutes->len; i++)
    {
      g_autofree char *one = ow_duration_format ((gint64) g_array_index (minutes, gint32, i) * 60);

      /* Translators: separates times in a list, "7 days, 3 days" */
      g_string_append_printf (list, "%s%s", i > 0 ? _(", ") : "", one);
    }
  /* Translators: %s is a list of times, such as "7 days, 1 day" */
  return g_strdup_printf (_("%s before"), list->str);
}

static void
update_subtitle (OwReminderRow *self)
{
  g_autofree char *times = NULL;
  g_autofree char *text = NULL;

  if (self->custom != NULL)
    {
      times = describe (self->custom);
      text = g_strdup (times ? times : _("No reminder"));
    }
  else
    {
      times = describe (self->usual);
      /* Translators: the marketplace's own reminder times, such as "2 days, 1 day before" */
      text = times ? g_strdup_printf (_("Usual times: %s"), times) : g_strdup (_("Usually none"));
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text);
}

static void
on_check_toggled_cb (OwReminderRow  *self,
                     GtkCheckButton *check)
{
  gint32 minutes = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "minutes"));
  gboolean active = gtk_check_button_get_active (check);

  if (self->syncing)
    return;
  if (self->custom == NULL)
    self->custom = g_array_copy (self->usual);
  if (active && !contains (self->custom, minutes))
    {
      g_array_append_val (self->custom, minutes);
      g_array_sort (self->custom, compare_desc);
    }
  for (guint i = 0; !active && i < self->custom->len; i++)
    if (g_array_index (self->custom, gint32, i) == minutes)
      g_array_remove_index (self->custom, i--);
  update_subtitle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The checks show the times in force: the user's, or the usual ones (greyed). */
static void
sync_checks (OwReminderRow *self)
{
  GHashTableIter iter;
  gpointer key, value;
  GArray *shown = self->custom ? self->custom : self->usual;

  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (value, contains (shown, GPOINTER_TO_INT (key)));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), self->custom != NULL);
  self->syncing = FALSE;
  update_subtitle (self);
}

/* One row per time offered, plus any usual or custom time not among them. */
static void
build_choices (OwReminderRow *self)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint32));

  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->checks);

  g_array_append_vals (all, offered, G_N_ELEMENTS (offered));
  for (guint i = 0; i < self->usual->len; i++)
    if (!contains (all, g_array_index (self->usual, gint32, i)))
      g_array_append_val (all, g_array_index (self->usual, gint32, i));
  for (guint i = 0; self->custom != NULL && i < self->custom->len; i++)
    if (!contains (all, g_array_index (self->custom, gint32, i)))
      g_array_append_val (all, g_array_index (self->custom, gint32, i));
  g_array_sort (all, compare_desc);

  for (guint i = 0; i < all->len; i++)
    {
      gint32 minutes = g_array_index (all, gint32, i);
      g_autofree char *when = ow_duration_format ((gint64) minutes * 60);
      /* Translators: a reminder time, such as "3 days before" */
      g_autofree char *title = g_strdup_printf (_("%s before"), when);
      g_autofree char *name = g_strdup_printf ("reminder-%s-%d", self->rule_id, minutes);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_object_set_data (G_OBJECT (check), "minutes", GINT_TO_POINTER (minutes));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->rows, row);
      g_hash_table_insert (self->checks, GINT_TO_POINTER (minutes), check);
    }
  sync_checks (self);
}

/* The switch: on, the user's own times, starting from the usual ones; off, the usual. */
static void
on_enable_cb (OwReminderRow *self)
{
  gboolean enabled = adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self));

  /* Still being made. */
  if (self->usual == NULL || self->syncing || enabled == (self->custom != NULL))
    return;
  g_clear_pointer (&self->custom, g_array_unref);
  if (enabled)
    self->custom = g_array_copy (self->usual);
  sync_checks (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
ow_reminder_row_get_rule_id (OwReminderRow *self)
{
  g_return_val_if_fail (OW_IS_REMINDER_ROW (self), NULL);
  return self->rule_id;
}

void
ow_reminder_row_set_custom (OwReminderRow *self,
                            const gint32  *minutes,
                            gsize          n_minutes)
{
  gboolean rebuild = FALSE;

  g_return_if_fail (OW_IS_REMINDER_ROW (self));

  g_clear_pointer (&self->custom, g_array_unref);
  if (minutes != NULL)
    {
      self->custom = g_array_new (FALSE, FALSE, sizeof (gint32));
      for (gsize i = 0; i < n_minutes; i++)
        if (minutes[i] >= 0 && !contains (self->custom, minutes[i]))
          {
            g_array_append_val (self->custom, minutes[i]);
            rebuild |= !g_hash_table_contains (self->checks, GINT_TO_POINTER (minutes[i]));
          }
      g_array_sort (self->custom, compare_desc);
    }
  if (rebuild)
    build_choices (self);
  else
    sync_checks (self);
}

GArray *
ow_reminder_row_dup_custom (OwReminderRow *self)
{
  g_return_val_if_fail (OW_IS_REMINDER_ROW (self), NULL);
  return self->custom ? g_array_copy (self->custom) : NULL;
}

GtkWidget *
ow_reminder_row_get_choice (OwReminderRow *self,
                            gint32         minutes)
{
  g_return_val_if_fail (OW_IS_REMINDER_ROW (self), NULL);
  return g_hash_table_lookup (self->checks, GINT_TO_POINTER (minutes));
}

static void
ow_reminder_row_finalize (GObject *object)
{
  OwReminderRow *self = OW_REMINDER_ROW (object);

  g_free (self->rule_id);
  g_clear_pointer (&self->usual, g_array_unref);
  g_clear_pointer (&self->custom, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (ow_reminder_row_parent_class)->finalize (object);
}

static void
ow_reminder_row_class_init (OwReminderRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_reminder_row_finalize;

  /**
   * OwReminderRow::changed:
   *
   * The user picked other times, or switched between their own and the usual ones.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ow_reminder_row_init (OwReminderRow *self)
{
  self->rows = g_ptr_array_new ();
  self->checks = g_hash_table_new (NULL, NULL);
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (self), TRUE);
  g_signal_connect (self, "notify::enable-expansion", G_CALLBACK (on_enable_cb), NULL);
}

GtkWidget *
ow_reminder_row_new (const char   *rule_id,
                     const char   *title,
                     const gint32 *usual,
                     gsize         n_usual)
{
  OwReminderRow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (rule_id != NULL, NULL);

  self = g_object_new (OW_TYPE_REMINDER_ROW, "title", title, NULL);
  self->rule_id = g_strdup (rule_id);
  self->usual = g_array_new (FALSE, FALSE, sizeof (gint32));
  for (gsize i = 0; i < n_usual; i++)
    if (usual[i] > 0 && !contains (self->usual, usual[i]))
      g_array_append_val (self->usual, usual[i]);
  g_array_sort (self->usual, compare_desc);
  name = g_strconcat ("reminder-", rule_id, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), name);
  build_choices (self);
  return GTK_WIDGET (self);
}
