/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispute section's "Export the Dossier…": a save dialog, the PDF written in a thread by
 * the core (which reads every evidence file), and a toast that opens it. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-dispute-section-private.h"
#include "ow-dossier.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-time.h"

GtkWidget *
ow_dispute_section_dossier_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Export the Dossier…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("One PDF with the order, its deadlines, the tracking, the "
                                 "disputes and the evidence, for PayPal or your bank"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-save-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "dispute.export-dossier");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, "export-dossier");
  return row;
}

static void
on_open_clicked_cb (AdwToast   *toast,
                    const char *uri)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow *window = app ? gtk_application_get_active_window (app) : NULL;

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static void
on_dossier_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(OwDisputeSection) self = user_data;
  g_autoptr(GFile) file = g_steal_pointer (&self->dossier_file);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *text = NULL;
  guint n_damaged = 0;
  AdwToast *toast;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispute.export-dossier", TRUE);

  if (!ow_dossier_write_finish (result, &n_damaged, &error))
    {
      /* Translators: a file name, then why it could not be written */
      text = g_strdup_printf (_("The dossier “%s” could not be saved. %s"), display,
                              error->message);
      ow_dispute_section_toast (self, text);
      return;
    }

  if (n_damaged > 0)
    /* Translators: a file name, then a number of evidence files */
    text = g_strdup_printf (ngettext ("Dossier saved as “%s”; the stored copy of %u evidence "
                                      "file was missing or changed, and it says which",
                                      "Dossier saved as “%s”; the stored copies of %u evidence "
                                      "files were missing or changed, and it says which",
                                      n_damaged),
                            display, n_damaged);
  else
    /* Translators: a file name */
    text = g_strdup_printf (_("Dossier saved as “%s”"), display);
  toast = ow_dispute_section_toast (self, text);
  if (toast != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb),
                             g_file_get_uri (file), (GClosureNotify) g_free, 0);
    }
}

void
ow_dispute_section_save_dossier (OwDisputeSection *self,
                                 GFile            *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OW_IS_DISPUTE_SECTION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->order == NULL || self->store == NULL || self->dossier_file != NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      ow_dispute_section_toast (self, _("The dossier can only be saved to a folder on this "
                                        "computer"));
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispute.export-dossier", FALSE);
  g_set_object (&self->dossier_file, file);
  ow_dispute_section_toast (self, _("Preparing the dossier…"));
  ow_dossier_write_async (self->store, self->policies, ow_order_get_id (self->order), path, NULL,
                          ow_time_now (), NULL, on_dossier_written_cb, g_object_ref (self));
}

gboolean
ow_dispute_section_is_saving_dossier (OwDisputeSection *self)
{
  g_return_val_if_fail (OW_IS_DISPUTE_SECTION (self), FALSE);
  return self->dossier_file != NULL;
}

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        OwDisputeSection *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    ow_dispute_section_save_dossier (self, file);
  g_clear_object (&self->dossier_chooser);
}

static void
export_dossier_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OwDisputeSection *self = OW_DISPUTE_SECTION (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->order == NULL || self->dossier_chooser != NULL || self->dossier_file != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Dossier"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  /* Translators: the dossier's suggested file name; %s is the order number */
  name = g_strdup_printf (_("Dispute dossier %s.pdf"), ow_order_get_order_number (self->order));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  self->dossier_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->dossier_chooser);
}

void
ow_dispute_section_class_init_dossier (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dispute.export-dossier", NULL,
                                   export_dossier_activated);
}
