/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order editor's date fields: a calendar and a time in a popover beside each entry.
 * The entry stays the truth; the picker reads it when it opens and writes it on change. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-order-editor-private.h"
#include "ow-types.h"

static void
write_text (OwEditorDatePicker *picker)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (picker->calendar);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (picker->syncing)
    return;
  when = g_date_time_new (picker->editor->zone, g_date_time_get_year (day),
                          g_date_time_get_month (day), g_date_time_get_day_of_month (day),
                          gtk_spin_button_get_value_as_int (picker->hour),
                          gtk_spin_button_get_value_as_int (picker->minute), 0);
  if (when == NULL)
    return;
  text = g_date_time_format (when, "%Y-%m-%d %H:%M");
  ow_order_editor_set_field_text (picker->editor, picker->field, text);
}

/* Opens on the field's date, or today and now when it has none (or none that reads). */
static void
on_popover_show_cb (OwEditorDatePicker *picker)
{
  g_autofree char *text = ow_order_editor_get_field_text (picker->editor, picker->field);
  g_autoptr(GDateTime) when = NULL;
  gint64 time;

  if (ow_order_editor_parse_date (picker->editor, text, &time))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

      when = g_date_time_to_timezone (utc, picker->editor->zone);
    }
  else
    when = g_date_time_new_now (picker->editor->zone);

  picker->syncing = TRUE;
  gtk_calendar_select_day (picker->calendar, when);
  gtk_spin_button_set_value (picker->hour, g_date_time_get_hour (when));
  gtk_spin_button_set_value (picker->minute, g_date_time_get_minute (when));
  picker->syncing = FALSE;
}

/* "07" rather than "7" in a time. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_clear_clicked_cb (OwEditorDatePicker *picker,
                     GtkButton          *button)
{
  ow_order_editor_set_field_text (picker->editor, picker->field, "");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                             GTK_TYPE_POPOVER)));
}

static GtkSpinButton *
new_time_spin (OwEditorDatePicker *picker,
               int                 upper,
               const char         *accessible_name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (write_text), picker);
  return GTK_SPIN_BUTTON (spin);
}

void
ow_order_editor_add_date_picker (OwOrderEditor *self,
                                 OwEditorField  field)
{
  OwEditorDatePicker *picker = &self->pickers[field - OW_EDITOR_FIELD_PLACED];
  GtkWidget *row = self->fields[field].input;
  GtkWidget *button, *popover, *box, *time_box, *label, *clear;

  picker->editor = self;
  picker->field = field;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  picker->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (picker->calendar, "day-selected", G_CALLBACK (write_text), picker);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (picker->calendar));

  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (time_box, 6);
  gtk_widget_set_margin_end (time_box, 6);
  gtk_widget_set_margin_bottom (time_box, 6);
  label = gtk_label_new (_("Time"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_end (label, 6);
  gtk_box_append (GTK_BOX (time_box), label);
  picker->hour = new_time_spin (picker, 23, _("Hour"));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (picker->hour));
  gtk_box_append (GTK_BOX (time_box), gtk_label_new (":"));
  picker->minute = new_time_spin (picker, 59, _("Minute"));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (picker->minute));

  clear = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_set_hexpand (clear, TRUE);
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (clear, _("The event has not happened yet"));
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (on_clear_clicked_cb), picker);
  gtk_box_append (GTK_BOX (time_box), clear);
  gtk_box_append (GTK_BOX (box), time_box);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_show_cb), picker);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick a date"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
}
