/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import and export: files in and out of the database. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ow-cli-private.h"
#include "ow-error.h"
#include "ow-export.h"
#include "ow-import-plan.h"
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

/* The plan, as the window's review sheet shows it: the summary, then each order with what
 * will change. */
static void
print_plan (OwImportPlan *plan)
{
  g_autofree char *summary = ow_import_plan_describe (plan);

  g_print ("%s\n", summary);
  for (guint i = 0; i < ow_import_plan_get_n_orders (plan); i++)
    {
      OwOrder *order = ow_import_plan_get_order (plan, i);
      GPtrArray *changes = ow_import_plan_get_changes (plan, i);
      g_autofree char *kind = ow_cli_pad (ow_import_kind_label (ow_import_plan_get_kind (plan, i)),
                                          10);

      g_print ("  %s %s %s\n", kind, ow_order_get_marketplace (order),
               ow_order_get_order_number (order));
      for (guint c = 0; c < changes->len; c++)
        g_print ("      %s\n", (const char *) g_ptr_array_index (changes, c));
    }
}

static void
print_plan_json (OwImportPlan *plan,
                 gboolean      written,
                 GPtrArray    *row_errors)
{
  static const char *kinds[] = { "new", "updated", "unchanged", "existing" };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *summary = ow_import_plan_describe (plan);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, summary);
  json_builder_set_member_name (builder, "written");
  json_builder_add_boolean_value (builder, written);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ow_import_plan_get_n_orders (plan); i++)
    {
      OwOrder *order = ow_import_plan_get_order (plan, i);
      GPtrArray *changes = ow_import_plan_get_changes (plan, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ow_order_get_id (order));
      json_builder_set_member_name (builder, "marketplace");
      json_builder_add_string_value (builder, ow_order_get_marketplace (order));
      json_builder_set_member_name (builder, "order_number");
      json_builder_add_string_value (builder, ow_order_get_order_number (order));
      json_builder_set_member_name (builder, "change");
      json_builder_add_string_value (builder, kinds[ow_import_plan_get_kind (plan, i)]);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint c = 0; c < changes->len; c++)
        json_builder_add_string_value (builder, g_ptr_array_index (changes, c));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; row_errors && i < row_errors->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (row_errors, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ow_cli_print_json (builder);
}

/* Exporter files and emails: merged into the stored orders, reviewed first with --dry-run. */
static int
import_merging (OwCli      *cli,
                const char *path,
                GPtrArray  *orders,
                GPtrArray  *records,
                GPtrArray  *row_errors,
                gboolean    is_mail,
                guint       n_mails_not_understood,
                gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwImportPlan) plan = NULL;
  OwStore *store;

  if ((store = ow_cli_get_store (cli, &error)) == NULL)
    return ow_cli_report_error (cli, error);
  if ((plan = ow_import_plan_new (store, orders, records, TRUE, &error)) == NULL)
    return ow_cli_report_error (cli, error);
  /* A mail that does not read is one more not understood; a file's bad rows are rows. */
  if (is_mail)
    ow_import_plan_set_n_not_understood (plan, n_mails_not_understood +
                                                 (row_errors ? row_errors->len : 0), 0);
  else
    ow_import_plan_set_n_not_understood (plan, 0, row_errors ? row_errors->len : 0);

  for (guint i = 0; row_errors && i < row_errors->len; i++)
    g_printerr (_("orderwatch: %s: skipped %s\n"), path,
                (const char *) g_ptr_array_index (row_errors, i));

  /* One transaction for the whole file. */
  if (!dry_run && !ow_import_plan_apply (plan, &error))
    return ow_cli_report_error (cli, error);

  if (cli->json)
    print_plan_json (plan, !dry_run, row_errors);
  else
    {
      print_plan (plan);
      if (dry_run)
        g_print ("%s\n", _("Nothing was written (--dry-run)."));
    }
  return (row_errors != NULL && row_errors->len > 0) || n_mails_not_understood > 0
           ? OW_CLI_EXIT_FAILURE : OW_CLI_EXIT_OK;
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
  gboolean dry_run = ow_cli_args_has (args, "dry-run");
  gboolean exporter = FALSE;
  g_autoptr(GPtrArray) not_understood = NULL;
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

  /* Marketplace mails, one .eml or an mbox, told by their headers. */
  if (format == FORMAT_CSV && format_text == NULL &&
      ow_import_email_detect (g_bytes_get_data (data, NULL), g_bytes_get_size (data)))
    {
      orders = ow_import_email (data, g_str_equal (path, "-") ? NULL : path,
                                ow_cli_get_policies (cli),
                                skip_invalid ? OW_IMPORT_SKIP_INVALID : OW_IMPORT_DEFAULT,
                                &records, &not_understood, &row_errors, &error);
      if (orders != NULL)
        {
          for (guint i = 0; i < not_understood->len; i++)
            g_printerr ("orderwatch: %s: %s\n", path,
                        (const char *) g_ptr_array_index (not_understood, i));
          return import_merging (cli, path, orders, records, row_errors, TRUE,
                                 not_understood->len, dry_run);
        }
    }
  /* Another tool's export, told by its header whatever the file is called. */
  else if (format == FORMAT_CSV && format_text == NULL &&
      ow_import_exporter_detect (g_bytes_get_data (data, NULL), g_bytes_get_size (data)) != NULL)
    {
      exporter = TRUE;
      orders = ow_import_exporter_read (data, g_str_equal (path, "-") ? NULL : path,
                                        ow_cli_get_policies (cli),
                                        skip_invalid ? OW_IMPORT_SKIP_INVALID : OW_IMPORT_DEFAULT,
                                        &lines, &records, &row_errors, &error);
    }
  else if (format == FORMAT_CSV)
    orders = ow_import_csv_full (data, ow_cli_get_policies (cli),
                                 skip_invalid ? OW_IMPORT_SKIP_INVALID : OW_IMPORT_DEFAULT,
                                 &lines, &records, &row_errors, &error);
  else if (!dry_run)
    /* A backup is read as a stream and written a batch at a time. */
    return import_json (cli, path, data, skip_existing);
  else
    /* --dry-run plans a backup's orders against the store's: all of them are needed. */
    orders = ow_import_json_full (data, ow_cli_get_policies (cli), &records, &error);

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

  if (exporter)
    return import_merging (cli, path, orders, records, row_errors, FALSE, 0, dry_run);

  if ((store = ow_cli_get_store (cli, &error)) == NULL)
    return ow_cli_report_error (cli, error);

  if (dry_run)
    {
      /* A backup's orders: the new ones would go in, those already saved stay as they are. */
      g_autoptr(OwImportPlan) plan = ow_import_plan_new (store, orders, records, FALSE, &error);

      if (plan == NULL)
        return ow_cli_report_error (cli, error);
      ow_import_plan_set_n_not_understood (plan, 0, row_errors ? row_errors->len : 0);
      if (cli->json)
        print_plan_json (plan, FALSE, row_errors);
      else
        {
          print_plan (plan);
          g_print ("%s\n", _("Nothing was written (--dry-run)."));
        }
      return OW_CLI_EXIT_OK;
    }

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
    N_("Import the valid rows or mails and report the others (exit status 1 if any)") },
  { "skip-existing", OW_CLI_FLAG, NULL,
    N_("Leave out orders already in the database (same marketplace and order number)") },
  { "dry-run", OW_CLI_FLAG, NULL,
    N_("Only show what would change: the orders found, new, updated or unchanged") },
  { NULL }
};

const OwCliCommand ow_cli_command_import = {
  "import", import_run,
  N_("FILE [--format json|csv] [--skip-invalid] [--skip-existing] [--dry-run]"),
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
     "Exports from “orderwatch export --format csv” have exactly these columns; a fact known "
     "to have happened, date unknown, is written “unknown”.\n"
     "\n"
     "Other tools' exports are told by their header row: an AliExpress order exporter's CSV "
     "(Order Date, Order ID, Title, Qty, Price, …), an order downloader's tab-separated file "
     "(Order Number, Order Date, …, Image URL) and Temu's order export (\"Order ID\", \"Item "
     "description at order time\", …). The rows of one order become one order listing its "
     "items; a status becomes the facts it proves, dates unknown (“Completed”: paid, shipped, "
     "receipt confirmed). An order already in the database is filled in: only what it does "
     "not know, never what you typed; each fact says which file it came from.\n"
     "\n"
     "Emails: one .eml file or an mbox. AliExpress's notices (shipped, with a local carrier, "
     "delivered) and any shop's schema.org Order or ParcelDelivery (JSON-LD or microdata) "
     "are read, each event at the mail's Date; other mails are counted as not understood. "
     "--dry-run prints what would change, order by order, and writes nothing."),
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
