/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import and export: files in and out of the database. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ow-cli-private.h"
#include "ow-error.h"
#include "ow-export.h"
#include "ow-import.h"
#include "ow-order-import.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-records.h"
#include "ow-store.h"

typedef enum
{
  FORMAT_UNKNOWN,
  FORMAT_JSON,
  FORMAT_CSV,
  FORMAT_ICS,
} Format;

static Format
format_from_name (const char *name)
{
  if (g_ascii_strcasecmp (name, "json") == 0)
    return FORMAT_JSON;
  if (g_ascii_strcasecmp (name, "csv") == 0)
    return FORMAT_CSV;
  if (g_ascii_strcasecmp (name, "ics") == 0 || g_ascii_strcasecmp (name, "ical") == 0)
    return FORMAT_ICS;
  return FORMAT_UNKNOWN;
}

static Format
format_from_path (const char *path)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  return dot && !strchr (dot, '/') ? format_from_name (dot + 1) : FORMAT_UNKNOWN;
}

static GBytes *
read_input (const char  *path,
            GError     **error)
{
  char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (path, "-"))
    {
      GByteArray *data = g_byte_array_new ();
      guint8 buffer[65536];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_byte_array_append (data, buffer, n);
      return g_byte_array_free_to_bytes (data);
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/* Where an order came from, for messages: its CSV line or its place in the JSON file. */
static char *
describe_origin (OwOrder *order,
                 GArray  *lines,
                 guint    index)
{
  if (lines != NULL)
    return g_strdup_printf (_("line %u, order %s %s"), g_array_index (lines, guint, index),
                            ow_order_get_marketplace (order), ow_order_get_order_number (order));
  return g_strdup_printf (_("order %u (%s %s)"), index + 1, ow_order_get_marketplace (order),
                          ow_order_get_order_number (order));
}

static void
print_import_json (GArray    *ids,
                   guint      skipped_existing,
                   GPtrArray *row_errors)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, ids->len);
  json_builder_set_member_name (builder, "ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "skipped_existing");
  json_builder_add_int_value (builder, skipped_existing);
  json_builder_set_member_name (builder, "skipped_invalid");
  json_builder_add_int_value (builder, row_errors ? row_errors->len : 0);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; row_errors && i < row_errors->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (row_errors, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ow_cli_print_json (builder);
}

/* What an import did, as text or JSON; exit status 1 when rows were skipped. */
static int
report_import (OwCli      *cli,
               const char *path,
               GArray     *ids,
               guint       skipped_existing,
               GPtrArray  *row_errors)
{
  for (guint i = 0; row_errors && i < row_errors->len; i++)
    g_printerr (_("orderwatch: %s: skipped %s\n"), path,
                (const char *) g_ptr_array_index (row_errors, i));

  if (cli->json)
    print_import_json (ids, skipped_existing, row_errors);
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u order", "Imported %u orders",
                            ids->len), ids->len);
      if (skipped_existing > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "; %u was already in the database",
                              "; %u were already in the database", skipped_existing),
                 skipped_existing);
      if (row_errors != NULL && row_errors->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "; %u invalid row skipped",
                              "; %u invalid rows skipped", row_errors->len),
                 row_errors->len);
      g_print (".\n");
    }

  /* Some of the file did not make it in: say so to scripts. */
  return row_errors != NULL && row_errors->len > 0 ? OW_CLI_EXIT_FAILURE : OW_CLI_EXIT_OK;
}

/* A JSON export is read and written a batch at a time, in one transaction: the file's
 * orders are never all in memory at once. */
static int
import_json (OwCli      *cli,
             const char *path,
             GBytes     *data,
             gboolean    skip_existing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GArray) indexes = NULL;
  g_autoptr(GArray) ids = NULL;
  OwStore *store;

  if ((store = ow_cli_get_store (cli, &error)) == NULL)
    return ow_cli_report_error (cli, error);

  ids = ow_order_import_json (store, ow_cli_get_policies (cli), data, skip_existing, &existing,
                              &indexes, &error);
  if (ids == NULL && error->domain == OW_INPUT_ERROR)
    {
      g_printerr ("orderwatch: %s: %s\n", path, error->message);
      g_printerr (_("orderwatch: nothing was imported\n"));
      return OW_CLI_EXIT_USAGE;
    }
  if (ids == NULL)
    {
      if (!g_error_matches (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE) || existing->len == 0)
        return ow_cli_report_error (cli, error);
      for (guint i = 0; i < existing->len; i++)
        {
          g_autofree char *origin = describe_origin (g_ptr_array_index (existing, i), NULL,
                                                     g_array_index (indexes, guint, i));

          g_printerr (_("orderwatch: %s: %s is already in the database\n"), path, origin);
        }
      g_printerr (_("orderwatch: nothing was imported; --skip-existing leaves such orders "
                    "out\n"));
      return OW_CLI_EXIT_FAILURE;
    }
  return report_import (cli, path, ids, existing->len, NULL);
}

static int
import_run (OwCli     *cli,
            OwCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) existing = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *path = ow_cli_args_get_positional (args, 0);
  const char *format_text = ow_cli_args_get (args, "format");
  gboolean skip_invalid = ow_cli_args_has (args, "skip-invalid");
  gboolean skip_existing = ow_cli_args_has (args, "skip-existing");
  guint skipped_existing = 0;
  Format format;
  OwStore *store;

  format = format_text ? format_from_name (format_text) : format_from_path (path);
  if (format_text != NULL && (format == FORMAT_UNKNOWN || format == FORMAT_ICS))
    return ow_cli_usage_error (cli, _("--format: “%s” — import reads json or csv"),
                               format_text);

  if ((data = read_input (path, &error)) == NULL)
    return ow_cli_failure (cli, _("cannot read %s: %s"), path, error->message);

  if (format == FORMAT_UNKNOWN || format == FORMAT_ICS)
    {
      gsize length;
      const char *text = g_bytes_get_data (data, &length);
      gsize i = 0;

      /* An export starts with "{"; anything else is taken for CSV. */
      while (i < length && g_ascii_isspace (text[i]))
        i++;
      format = i < length && text[i] == '{' ? FORMAT_JSON : FORMAT_CSV;
    }

  if (format != FORMAT_CSV)
    return import_json (cli, path, data, skip_existing);

  orders = ow_import_csv_full (data, ow_cli_get_policies (cli),
                               skip_invalid ? OW_IMPORT_SKIP_INVALID : OW_IMPORT_DEFAULT,
                               &lines, &records, &row_errors, &error);

  if (orders == NULL)
    {
      /* Every bad row, so the file can be fixed in one go; nothing was written. */
      for (guint i = 0; row_errors && i < row_errors->len; i++)
        g_printerr ("orderwatch: %s: %s\n", path, (const char *) g_ptr_array_index (row_errors, i));
      if (row_errors == NULL || row_errors->len == 0)
        g_printerr ("orderwatch: %s: %s\n", path, error->message);
      g_printerr (_("orderwatch: nothing was imported\n"));
      return OW_CLI_EXIT_USAGE;
    }

  if ((store = ow_cli_get_store (cli, &error)) == NULL)
    return ow_cli_report_error (cli, error);

  /* One transaction: all of them, with their parcels and reminders, or none. */
  fresh = ow_order_import (store, orders, records, skip_existing, &existing, &error);
  if (fresh == NULL)
    {
      if (!g_error_matches (error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE) || existing->len == 0)
        return ow_cli_report_error (cli, error);
      for (guint i = 0; i < existing->len; i++)
        {
          guint index = g_array_index (existing, guint, i);
          g_autofree char *origin = describe_origin (g_ptr_array_index (orders, index), lines,
                                                     index);

          g_printerr (_("orderwatch: %s: %s is already in the database\n"), path, origin);
        }
      g_printerr (_("orderwatch: nothing was imported; --skip-existing leaves such orders "
                    "out\n"));
      return OW_CLI_EXIT_FAILURE;
    }
  skipped_existing = existing->len;
  for (guint i = 0; i < fresh->len; i++)
    {
      gint64 id = ow_order_get_id (g_ptr_array_index (fresh, i));

      g_array_append_val (ids, id);
    }
  return report_import (cli, path, ids, skipped_existing, row_errors);
}

static const OwCliOption import_options[] = {
  { "format", OW_CLI_VALUE, N_("FORMAT"),
    N_("json or csv (default: from the file name, else from its first character)") },
  { "skip-invalid", OW_CLI_FLAG, NULL,
    N_("CSV: import the valid rows and report the others (exit status 1 if any)") },
  { "skip-existing", OW_CLI_FLAG, NULL,
    N_("Leave out orders already in the database (same marketplace and order number)") },
  { NULL }
};

const OwCliCommand ow_cli_command_import = {
  "import", import_run, N_("FILE [--format json|csv] [--skip-invalid] [--skip-existing]"),
  N_("Add the orders of a JSON export or a CSV file (- reads standard input)"),
  N_("All or nothing: one bad row or one order already in the database (same marketplace "
     "and order number) and nothing is imported, every problem is reported with its line "
     "(exit status 2 for bad rows, 1 for orders already there).\n"
     "\n"
     "CSV: UTF-8 (with or without a BOM), commas, RFC 4180 quotes (a field may hold commas, "
     "quotes as \"\" and line breaks), a header row naming the columns in any order. Only "
     "order_number is required; the columns are:\n"
     "  marketplace       aliexpress (default), ebay, amazon, temu\n"
     "  order_number      the marketplace's order number\n"
     "  item, store       text\n"
     "  quantity          1 (default) to 100000\n"
     "  amount            decimal, such as 4.99, no more decimals than the currency has\n"
     "  currency          ISO 4217, USD by default\n"
     "  payment_method    card (default), paypal, balance, other\n"
     "  placed, paid, shipped, delivered, received, cancel_requested, dispute_opened,\n"
     "  return_agreed, closed, refunded\n"
     "                    ISO 8601 times such as 2026-11-01T10:00:00Z; a date alone is\n"
     "                    midnight in the marketplace's time zone; empty when unknown\n"
     "  inferred          the facts above that came from tracking, space separated\n"
     "  close_reason      cancelled, not_shipped, security, payment_expired,\n"
     "                    dispute_refunded, other\n"
     "  processing_days, delivery_days   1 to 365; empty: the policy's default\n"
     "  notes             text\n"
     "  archived          yes or no\n"
     "  tracking          tracking numbers, space separated\n"
     "Exports from “orderwatch export --format csv” have exactly these columns."),
  import_options, 1, 1, FALSE,
};

static gboolean
stream_sink (const char  *data,
             gsize        length,
             gpointer     user_data,
             GError     **error)
{
  return g_output_stream_write_all (user_data, data, length, NULL, NULL, error);
}

static gboolean
stdout_sink (const char  *data,
             gsize        length,
             gpointer     user_data,
             GError     **error)
{
  return ow_cli_write_stdout (data, length, error);
}

/* The backup is written as it is made, not held whole (100,000 orders are over 100 MiB of
 * text); a file appears under its name only once complete, as g_file_set_contents () does. */
static int
export_json (OwCli      *cli,
             GPtrArray  *orders,
             GHashTable *records,
             const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (!ow_export_json_write (orders, records, stdout_sink, NULL, &error))
        return ow_cli_failure (cli, "%s", error->message);
      return OW_CLI_EXIT_OK;
    }

  file = g_file_new_for_path (output);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL ||
      !ow_export_json_write (orders, records, stream_sink, stream, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    {
      /* Closing after a failure leaves the file as it was. */
      if (stream != NULL)
        {
          g_autoptr(GCancellable) cancel = g_cancellable_new ();

          g_cancellable_cancel (cancel);
          g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
        }
      return ow_cli_failure (cli, _("cannot write %s: %s"), output, error->message);
    }
  return OW_CLI_EXIT_OK;
}

static int
export_run (OwCli     *cli,
            OwCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GBytes) data = NULL;
  const char *format_text = ow_cli_args_get (args, "format");
  const char *output = ow_cli_args_get (args, "output");
  Format format = FORMAT_JSON;
  OwStore *store;
  gconstpointer bytes;
  gsize length;

  if (format_text != NULL)
    {
      if ((format = format_from_name (format_text)) == FORMAT_UNKNOWN)
        return ow_cli_usage_error (cli, _("--format: “%s” — use json, csv or ics"), format_text);
    }
  else if (output != NULL && format_from_path (output) != FORMAT_UNKNOWN)
    format = format_from_path (output);

  if ((store = ow_cli_get_store (cli, &error)) == NULL ||
      !ow_store_read_everything (store, &orders, &records, &error))
    return ow_cli_report_error (cli, error);

  if (format == FORMAT_JSON || format == FORMAT_UNKNOWN)
    return export_json (cli, orders, records, output);

  if (format == FORMAT_CSV)
    data = ow_export_csv (orders, records);
  else
    data = ow_export_ics (orders, ow_cli_get_policies (cli), cli->now);

  bytes = g_bytes_get_data (data, &length);
  if (output != NULL && !g_str_equal (output, "-"))
    {
      if (!g_file_set_contents (output, bytes, length, &error))
        return ow_cli_failure (cli, _("cannot write %s: %s"), output, error->message);
      return OW_CLI_EXIT_OK;
    }
  if (!ow_cli_write_stdout (bytes, length, &error))
    return ow_cli_failure (cli, "%s", error->message);
  return OW_CLI_EXIT_OK;
}

static const OwCliOption export_options[] = {
  { "format", OW_CLI_VALUE, N_("FORMAT"),
    N_("json (default; lossless, for import), csv or ics (the deadlines as calendar events)") },
  { "output", OW_CLI_PATH, N_("FILE"), N_("Write to FILE instead of standard output") },
  { NULL }
};

const OwCliCommand ow_cli_command_export = {
  "export", export_run, N_("[--format json|csv|ics] [--output FILE]"),
  N_("Write every order out as JSON, CSV or iCalendar"),
  N_("JSON keeps everything in the database (facts with their source, extensions, notes, "
     "archived, the parcels with their tracking state and events, the reminders already sent, "
     "the snoozes, the disputes and the evidence records; not the evidence files, which stay in "
     "their folder) and “orderwatch import” restores it. CSV has the columns “orderwatch help "
     "import” lists: the tracking numbers, but not their events, nor extensions, reminders, "
     "snoozes or disputes. "
     "ICS has one event per running or upcoming deadline of the orders not archived, with "
     "the rule's reminders as alarms; import it into a calendar."),
  export_options, 0, 0, FALSE,
};
