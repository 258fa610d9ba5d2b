/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `orderwatch refresh [ORDER...]`: fetch tracking now, with progress and a summary. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-order.h"
#include "ow-store-parcels.h"
#include "ow-tracking-client.h"

typedef struct
{
  GMainLoop         *loop;
  OwTrackingSummary *summary;
  GError            *error;
  gboolean           quiet;
} Refresh;

static void
on_progress_cb (OwTrackingClient *client,
                guint             done,
                guint             total,
                Refresh          *refresh)
{
  if (refresh->quiet || total == 0)
    return;
  /* On stderr, so stdout stays the summary alone. */
  g_printerr (_("Checking tracking: %u of %u parcels\n"), done, total);
}

static void
on_provider_blocked_cb (OwTrackingClient *client,
                        const char       *provider,
                        const char       *message,
                        Refresh          *refresh)
{
  if (!refresh->quiet)
    g_printerr ("orderwatch: %s\n", message);
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;

  refresh->summary = ow_tracking_client_refresh_finish (OW_TRACKING_CLIENT (source), result,
                                                        &refresh->error);
  g_main_loop_quit (refresh->loop);
}

static void
print_json (OwTrackingSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checked");
  json_builder_add_int_value (builder, summary->n_parcels);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, summary->n_updated);
  json_builder_set_member_name (builder, "new_events");
  json_builder_add_int_value (builder, summary->n_new_events);
  json_builder_set_member_name (builder, "skipped");
  json_builder_add_int_value (builder, summary->n_skipped);
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, summary->n_requests);
  json_builder_set_member_name (builder, "failed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->failed->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (summary->failed, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "order_id");
      json_builder_add_int_value (builder, ow_parcel_get_order_id (parcel));
      json_builder_set_member_name (builder, "parcel_id");
      json_builder_add_int_value (builder, ow_parcel_get_id (parcel));
      json_builder_set_member_name (builder, "tracking_number");
      json_builder_add_string_value (builder, ow_parcel_get_tracking_number (parcel));
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, ow_parcel_get_last_error (parcel));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->messages->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (summary->messages, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  ow_cli_print_json (builder);
}

static void
print_text (OwTrackingSummary *summary)
{
  if (summary->n_parcels == 0)
    g_print ("%s\n", _("No parcel is due for a check."));
  else
    /* Translators: the counts of one refresh, e.g. "Checked 12 parcels: 3 updated, 9 new
     * events, 1 failed, 0 left for later (2 requests)." */
    g_print (_("Checked %u parcels: %u updated, %u new events, %u failed, %u left for later "
               "(%u requests).\n"),
             summary->n_parcels, summary->n_updated, summary->n_new_events, summary->n_failed,
             summary->n_skipped, summary->n_requests);

  for (guint i = 0; i < summary->messages->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (summary->messages, i));

  for (guint i = 0; i < summary->failed->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (summary->failed, i);

      /* Translators: "  LP00123456789012 (order 7): Cainiao did not answer in time; …" */
      g_print (_("  %s (order %" PRId64 "): %s\n"),
               ow_parcel_get_tracking_number (parcel), ow_parcel_get_order_id (parcel),
               ow_parcel_get_last_error (parcel));
    }
}

static int
refresh_run (OwCli     *cli,
             OwCliArgs *args)
{
  g_autoptr(GArray) order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(OwTrackingClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  Refresh refresh = { 0 };
  OwStore *store;
  int status;

  if ((store = ow_cli_get_store (cli, &error)) == NULL)
    return ow_cli_report_error (cli, error);

  for (guint i = 0; i < ow_cli_args_get_n_positional (args); i++)
    {
      const char *text = ow_cli_args_get_positional (args, i);
      g_autoptr(OwOrder) order = NULL;
      guint64 id;

      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
        return ow_cli_usage_error (cli, _("ORDER: “%s” is not an order id (a whole number as "
                                          "`orderwatch list` shows)"), text);
      if ((order = ow_store_get_order (store, (gint64) id, &error)) == NULL)
        return ow_cli_report_error (cli, error);
      g_array_append_val (order_ids, id);
    }

  loop = g_main_loop_new (NULL, FALSE);
  refresh.loop = loop;
  refresh.quiet = cli->json;
  client = ow_tracking_client_new (store);
  g_signal_connect (client, "progress", G_CALLBACK (on_progress_cb), &refresh);
  g_signal_connect (client, "provider-blocked", G_CALLBACK (on_provider_blocked_cb), &refresh);

  ow_tracking_client_refresh_async (client, (const gint64 *) order_ids->data, order_ids->len,
                                    NULL, on_refreshed_cb, &refresh);
  g_main_loop_run (loop);

  if (refresh.error != NULL)
    {
      status = ow_cli_failure (cli, "%s", refresh.error->message);
      g_clear_error (&refresh.error);
      return status;
    }

  if (cli->json)
    print_json (refresh.summary);
  else
    print_text (refresh.summary);

  status = refresh.summary->n_failed > 0 ? OW_CLI_EXIT_FAILURE : OW_CLI_EXIT_OK;
  ow_tracking_summary_free (refresh.summary);
  return status;
}

static const OwCliOption no_options[] = { { NULL } };

const OwCliCommand ow_cli_command_refresh = {
  "refresh", refresh_run, N_("[ORDER...] [--json]"),
  N_("Fetch tracking updates for the parcels that are due, or for the given orders"),
  N_("Asks Cainiao (AliExpress parcels) and 17TRACK (anything else, with your API key) about "
     "the parcels whose next check is due, or about every parcel of the orders named. New "
     "carrier events are stored once; the first one marks the order shipped and a delivery "
     "marks it delivered, unless you typed those dates yourself.\n\n"
     "Progress goes to stderr. The exit status is 1 when a parcel could not be checked; the "
     "reasons are listed, and those parcels are asked again later with a growing pause. "
     "ORDERWATCH_17TRACK_KEY gives a 17TRACK key without the keyring; "
     "ORDERWATCH_CAINIAO_URL and ORDERWATCH_17TRACK_URL point at other servers."),
  no_options, 0, G_MAXUINT, FALSE,
};
