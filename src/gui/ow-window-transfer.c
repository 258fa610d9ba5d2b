/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders in and out of the window: Import and Export in the main menu (with the system's
 * file chooser), and a file dropped on the window. The reading, checking and writing is the
 * core's (src/core/transfer/); the window says what was done. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-error.h"
#include "ow-export.h"
#include "ow-import-plan.h"
#include "ow-import-review.h"
#include "ow-import.h"
#include "ow-order.h"
#include "ow-store-records.h"
#include "ow-store.h"
#include "ow-time.h"
#include "ow-window-private.h"

/* The files the window writes, by the target of win.export. */
static const struct
{
  const char *format;
  const char *suggested;
  const char *mime;
  const char *filter;
} exports[] = {
  /* Translators: file names suggested when exporting */
  { "json", N_("orders.json"), "application/json", N_("Orderwatch export (JSON)") },
  { "csv", N_("orders.csv"), "text/csv", N_("Spreadsheet (CSV)") },
  { "ics", N_("order-deadlines.ics"), "text/calendar", N_("Calendar events (iCalendar)") },
};

/* A problem worth more than a toast: the whole sentence, and a button to close it. */
static void
show_problem (OwWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base ? base : "");
}

/* Import */

/* Where they can be seen: all orders, @order_id on the right. */
static void
show_imported (OwWindow *self,
               gint64    order_id)
{
  ow_window_set_search (self, NULL);
  ow_window_set_filter (self, OW_FILTER_ALL);
  ow_window_show_order_internal (self, order_id, FALSE);
}

/* Import on the review sheet: the plan is written in one transaction. */
static void
on_review_confirmed_cb (OwImportReview *review,
                        OwWindow       *self)
{
  OwImportPlan *plan = ow_import_review_get_plan (review);
  g_autoptr(GError) error = NULL;
  guint n_new = ow_import_plan_count (plan, OW_IMPORT_NEW);
  guint n_updated = ow_import_plan_count (plan, OW_IMPORT_UPDATED);
  g_autofree char *text = NULL;

  if (self->store == NULL || !ow_import_plan_apply (plan, &error))
    {
      /* Translators: why the reviewed import could not be written */
      text = g_strdup_printf (_("Nothing was imported: %s"),
                              error ? error->message : _("the window was closed"));
      show_problem (self, _("Could Not Import Orders"), text);
      gtk_window_destroy (GTK_WINDOW (review));
      return;
    }

  {
    /* Translators: the first half of "Imported: 3 new orders, 2 updated" */
    g_autofree char *fresh = g_strdup_printf (ngettext ("%u new order", "%u new orders", n_new),
                                              n_new);
    /* Translators: the second half of "Imported: 3 new orders, 2 updated" */
    g_autofree char *updated = g_strdup_printf (ngettext ("%u updated", "%u updated", n_updated),
                                                n_updated);

    /* Translators: "3 new orders", then "2 updated" */
    text = g_strdup_printf (_("Imported: %s, %s"), fresh, updated);
    ow_window_toast (self, text);
  }
  for (guint i = 0; i < ow_import_plan_get_n_orders (plan); i++)
    if (ow_import_plan_get_kind (plan, i) != OW_IMPORT_UNCHANGED)
      {
        show_imported (self, ow_order_get_id (ow_import_plan_get_order (plan, i)));
        break;
      }
  gtk_window_destroy (GTK_WINDOW (review));
}

/* Exporter files and mails are reviewed before anything is written. */
static gboolean
review_import (OwWindow   *self,
               GBytes     *data,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwImportPlan) plan = NULL;
  OwImportReview *review;
  gboolean reviewed = FALSE;

  plan = ow_import_plan_read_file (self->store, self->policies, data, name, &reviewed, &error);
  if (!reviewed)
    return FALSE;
  if (plan == NULL)
    {
      /* Translators: a file name, then what is wrong in it (its line, its mail) */
      g_autofree char *text = g_strdup_printf (_("Nothing was imported from “%s”: %s. Correct "
                                                 "the file and import it again."),
                                               name, error->message);

      show_problem (self, _("Could Not Import Orders"), text);
      return TRUE;
    }

  review = ow_import_review_new (plan, self->policies, name);
  gtk_window_set_transient_for (GTK_WINDOW (review), GTK_WINDOW (self));
  g_signal_connect_object (review, "confirmed", G_CALLBACK (on_review_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (review));
  return TRUE;
}

static void
on_import_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *name = display_name (G_FILE (source));
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint existing = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *why = ow_describe_file_error (error, FALSE);

      /* Translators: a file name, then why it could not be read */
      text = g_strdup_printf (_("“%s” could not be read. %s"), name, why);
      show_problem (self, _("Could Not Import Orders"), text);
      return;
    }
  /* Closed meanwhile. */
  if (self->store == NULL)
    return;

  data = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (review_import (self, data, name))
    return;
  imported = ow_import_into_store (self->store, self->policies, data, name, &existing, &error);
  if (imported == NULL)
    {
      /* Translators: a file name, then what is wrong in it (its line and column) */
      text = g_strdup_printf (_("Nothing was imported from “%s”: %s. Correct the file and "
                                "import it again."), name, error->message);
      show_problem (self, _("Could Not Import Orders"), text);
      return;
    }

  if (imported->len == 0)
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("Every order in “%s” is here already; nothing new to import"),
                            name);
  else if (existing == 0)
    /* Translators: a number of orders, then a file name */
    text = g_strdup_printf (ngettext ("Imported %u order from “%s”",
                                      "Imported %u orders from “%s”", imported->len),
                            imported->len, name);
  else
    /* Translators: orders imported and orders left out because they are here already */
    text = g_strdup_printf (ngettext ("Imported %u order; %u already here left as they were",
                                      "Imported %u orders; %u already here left as they were",
                                      imported->len),
                            imported->len, existing);
  ow_window_toast (self, text);

  /* Where they can be seen: all orders, the first new one on the right. */
  if (imported->len > 0)
    show_imported (self, ow_order_get_id (g_ptr_array_index (imported, 0)));
}

void
ow_window_import_file (OwWindow *self,
                       GFile    *file)
{
  g_return_if_fail (OW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, on_import_loaded_cb, g_object_ref (self));
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       OwWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* The window held the only reference; the signal holds one until it returns. */
  g_clear_object (&self->file_chooser);
  if (file != NULL)
    ow_window_import_file (self, file);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime != NULL)
    gtk_file_filter_add_mime_type (filter, mime);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OwWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) both = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Orders"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (both, _("Orderwatch exports, spreadsheets and emails"));
  gtk_file_filter_add_mime_type (both, "application/json");
  gtk_file_filter_add_mime_type (both, "text/csv");
  gtk_file_filter_add_mime_type (both, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (both, "message/rfc822");
  gtk_file_filter_add_mime_type (both, "application/mbox");
  gtk_file_filter_add_pattern (both, "*.json");
  gtk_file_filter_add_pattern (both, "*.csv");
  gtk_file_filter_add_pattern (both, "*.tsv");
  gtk_file_filter_add_pattern (both, "*.eml");
  gtk_file_filter_add_pattern (both, "*.mbox");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), both);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Orderwatch export (JSON)"), "application/json",
              "*.json");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Spreadsheet (CSV)"), "text/csv", "*.csv");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Emails (.eml, mbox)"), "message/rfc822", "*.eml");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), self);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export */

typedef struct
{
  OwWindow *window;
  guint     n_orders;
} ExportJob;

static void
on_export_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(OwWindow) self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (G_FILE (source));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *why = ow_describe_file_error (error, TRUE);

      /* Translators: a file name, then why it could not be written */
      text = g_strdup_printf (_("“%s” could not be saved. %s"), name, why);
      show_problem (self, _("Could Not Export Orders"), text);
    }
  else
    {
      /* Translators: a number of orders, then a file name */
      text = g_strdup_printf (ngettext ("Exported %u order to “%s”",
                                        "Exported %u orders to “%s”", job->n_orders),
                              job->n_orders, name);
      ow_window_toast (self, text);
    }
  g_free (job);
}

void
ow_window_export_to_file (OwWindow   *self,
                          const char *format,
                          GFile      *file)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  ExportJob *job;

  g_return_if_fail (OW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A delete waiting for its undo is not in the file: it is gone for the user. */
  ow_window_flush_delete (self, FALSE);
  /* Everything, as the command line's export writes it: a complete backup. */
  if (!ow_store_read_everything (self->store, &orders, &records, &error))
    {
      show_problem (self, _("Could Not Export Orders"), error->message);
      return;
    }
  if (g_strcmp0 (format, "csv") == 0)
    data = ow_export_csv (orders, records);
  else if (g_strcmp0 (format, "ics") == 0)
    data = ow_export_ics (orders, self->policies, ow_time_now ());
  else
    data = ow_export_json (orders, records);

  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->n_orders = orders->len;
  g_file_replace_contents_bytes_async (file, data, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_export_written_cb, job);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       OwWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  const char *format = g_object_get_data (G_OBJECT (chooser), "format");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    ow_window_export_to_file (self, format, file);
  g_clear_object (&self->file_chooser);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OwWindow *self = user_data;
  const char *format = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *chooser;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (exports) && !g_str_equal (exports[i].format, format); i++)
    ;
  if (i == G_N_ELEMENTS (exports) || self->file_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Orders"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _(exports[i].suggested));
  add_filter (GTK_FILE_CHOOSER (chooser), _(exports[i].filter), exports[i].mime, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "format", (gpointer) exports[i].format);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), self);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A file dropped on the window */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            OwWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    ow_window_import_file (self, l->data);
  g_slist_free (files);
  return TRUE;
}

static const GActionEntry transfer_actions[] = {
  { "import", import_activated, NULL, NULL, NULL },
  { "export", export_activated, "s", NULL, NULL },
};

void
ow_window_init_transfer (OwWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self), transfer_actions,
                                   G_N_ELEMENTS (transfer_actions), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
ow_window_dispose_transfer (OwWindow *self)
{
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
}
