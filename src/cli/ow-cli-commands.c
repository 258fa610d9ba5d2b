/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The commands that write: add, edit, archive and delete. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-error.h"
#include "ow-money.h"
#include "ow-order-action.h"
#include "ow-order-save.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-time.h"

/* The flags add and edit share; an empty value ("") clears a field. */
static const OwCliOption order_options[] = {
  { "marketplace", OW_CLI_VALUE, N_("ID"),
    N_("The marketplace's policy: aliexpress (the default), ebay, amazon, temu") },
  { "order", OW_CLI_VALUE, N_("NUMBER"), N_("The order number the marketplace shows") },
  { "item", OW_CLI_VALUE, N_("TEXT"), N_("What was bought") },
  { "store", OW_CLI_VALUE, N_("NAME"), N_("The seller's store") },
  { "amount", OW_CLI_VALUE, N_("DECIMAL"), N_("The price paid, such as 4.99") },
  { "currency", OW_CLI_VALUE, N_("CODE"), N_("ISO 4217 code of the amount (default USD)") },
  { "quantity", OW_CLI_VALUE, N_("N"), N_("How many (default 1)") },
  { "payment-method", OW_CLI_VALUE, N_("METHOD"),
    N_("card (the default), paypal, balance or other") },
  { "placed", OW_CLI_VALUE, N_("TIME"), N_("When the order was placed") },
  { "paid", OW_CLI_VALUE, N_("TIME"), N_("When the payment went through") },
  { "shipped", OW_CLI_VALUE, N_("TIME"), N_("When the seller shipped") },
  { "delivered", OW_CLI_VALUE, N_("TIME"), N_("When the carrier delivered") },
  { "received", OW_CLI_VALUE, N_("TIME"), N_("When you confirmed receipt") },
  { "cancel-requested", OW_CLI_VALUE, N_("TIME"), N_("When you asked to cancel") },
  { "dispute-opened", OW_CLI_VALUE, N_("TIME"), N_("When you opened a dispute") },
  { "return-agreed", OW_CLI_VALUE, N_("TIME"), N_("When a return was agreed") },
  { "closed", OW_CLI_VALUE, N_("TIME"), N_("When the order was closed") },
  { "refunded", OW_CLI_VALUE, N_("TIME"), N_("When the refund arrived") },
  { "close-reason", OW_CLI_VALUE, N_("REASON"),
    N_("cancelled, not_shipped, security, payment_expired, dispute_refunded or other") },
  { "processing-days", OW_CLI_VALUE, N_("DAYS"),
    N_("The seller's processing time from the order page (1-365)") },
  { "delivery-days", OW_CLI_VALUE, N_("DAYS"),
    N_("The promised delivery time, the length of Buyer Protection (1-365)") },
  { "notes", OW_CLI_VALUE, N_("TEXT"), N_("Anything worth keeping with the order") },
  { "tracking", OW_CLI_LIST, N_("NUMBER"), N_("Attach a parcel's tracking number "
                                              "(repeat for several)") },
  { "provider", OW_CLI_VALUE, N_("NAME"),
    N_("The tracking service for --tracking (default: picked from the number)") },
  { NULL }
};

static gboolean
parse_days (const char  *option,
            const char  *text,
            int         *out,
            GError     **error)
{
  if (*text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  return ow_cli_parse_days (option, text, out, error);
}

static char *
option_name_for_event (OwOrderEvent event)
{
  g_autofree char *name = g_strdup (ow_order_event_to_string (event));

  return g_strconcat ("--", g_strdelimit (name, "_", '-'), NULL);
}

/* Applies every option given to @order; nothing else changes. */
static gboolean
apply_order_options (OwCli      *cli,
                     OwCliArgs  *args,
                     OwOrder    *order,
                     gboolean    creating,
                     GError    **error)
{
  g_autoptr(GError) cause = NULL;
  const char *text;
  OwPolicy *policy;
  GTimeZone *zone;

  /* The marketplace first: its policy gives the zone of dates typed without a time. */
  if ((text = ow_cli_args_get (args, "marketplace")) != NULL)
    {
      g_autofree char *id = g_strstrip (g_ascii_strdown (text, -1));

      if (*id == '\0')
        {
          ow_cli_set_option_error (error, "--marketplace", text,
                                   _("a marketplace is required, such as aliexpress"), NULL);
          return FALSE;
        }
      if (ow_cli_lookup_policy (cli, id, "--marketplace", error) == NULL)
        return FALSE;
      ow_order_set_marketplace (order, id);
    }
  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "--marketplace", error);
  if (policy == NULL)
    return FALSE;
  zone = ow_policy_get_time_zone (policy);

  if ((text = ow_cli_args_get (args, "order")) != NULL)
    {
      g_autofree char *number = g_strstrip (g_strdup (text));

      if (*number == '\0')
        {
          ow_cli_set_option_error (error, "--order", text, _("an order number is required"),
                                   NULL);
          return FALSE;
        }
      ow_order_set_order_number (order, number);
    }
  else if (creating)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                   _("--order: an order number is required (the number on the marketplace's "
                     "order page)"));
      return FALSE;
    }

  if ((text = ow_cli_args_get (args, "currency")) != NULL)
    {
      g_autofree char *code = g_ascii_strup (*text ? text : "USD", -1);
      g_autofree char *decimal = NULL;
      gint64 minor;

      if (!ow_currency_is_valid (code))
        {
          ow_cli_set_option_error (error, "--currency", text,
                                   _("use a three-letter ISO 4217 code such as USD or EUR"),
                                   NULL);
          return FALSE;
        }
      /* Without a new amount, the old one keeps its value in the new currency's units. */
      decimal = ow_money_to_decimal (ow_order_get_amount (order), ow_order_get_currency (order));
      if (ow_cli_args_get (args, "amount") == NULL)
        {
          if (!ow_money_parse (decimal, code, &minor, NULL))
            {
              g_autofree char *rule =
                g_strdup_printf (_("the amount %s does not fit %s; give --amount too"),
                                 decimal, code);
              ow_cli_set_option_error (error, "--currency", text, rule, NULL);
              return FALSE;
            }
          ow_order_set_amount (order, minor);
        }
      ow_order_set_currency (order, code);
    }

  if ((text = ow_cli_args_get (args, "amount")) != NULL)
    {
      gint64 minor = 0;

      if (*text != '\0' && !ow_money_parse (text, ow_order_get_currency (order), &minor, &cause))
        {
          ow_cli_set_option_error (error, "--amount", text, NULL, cause);
          return FALSE;
        }
      ow_order_set_amount (order, minor);
    }

  if ((text = ow_cli_args_get (args, "quantity")) != NULL)
    {
      guint64 quantity = 1;

      if (*text != '\0' && !g_ascii_string_to_unsigned (text, 10, 1, 100000, &quantity, NULL))
        {
          ow_cli_set_option_error (error, "--quantity", text,
                                   _("must be a whole number from 1 to 100000"), NULL);
          return FALSE;
        }
      ow_order_set_quantity (order, quantity);
    }

  if ((text = ow_cli_args_get (args, "payment-method")) != NULL)
    {
      OwPaymentMethod method = OW_PAYMENT_CARD;

      if (*text != '\0' && !ow_payment_method_from_string (text, &method))
        {
          ow_cli_set_option_error (error, "--payment-method", text,
                                   _("use card, paypal, balance or other"), NULL);
          return FALSE;
        }
      ow_order_set_payment_method (order, method);
    }

  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      g_autofree char *option = option_name_for_event (e);
      gint64 time = OW_TIME_UNSET;

      if ((text = ow_cli_args_get (args, option + 2)) == NULL)
        continue;
      /* Known to have happened, when is not. */
      if (g_ascii_strcasecmp (text, "unknown") == 0)
        {
          ow_order_set_time_undated (order, e, OW_FACT_USER);
          continue;
        }
      if (*text != '\0' && !ow_cli_parse_time (option, text, zone, &time, error))
        return FALSE;
      ow_order_set_time (order, e, time, OW_FACT_USER);
    }

  if ((text = ow_cli_args_get (args, "close-reason")) != NULL)
    {
      OwCloseReason reason = OW_CLOSE_NONE;

      if (*text != '\0' && !ow_close_reason_from_string (text, &reason))
        {
          ow_cli_set_option_error (error, "--close-reason", text,
                                   _("use cancelled, not_shipped, security, payment_expired, "
                                     "dispute_refunded or other"), NULL);
          return FALSE;
        }
      ow_order_set_close_reason (order, reason);
    }

  if ((text = ow_cli_args_get (args, "processing-days")) != NULL)
    {
      int days;

      if (!parse_days ("--processing-days", text, &days, error))
        return FALSE;
      ow_order_set_processing_days (order, days);
    }
  if ((text = ow_cli_args_get (args, "delivery-days")) != NULL)
    {
      int days;

      if (!parse_days ("--delivery-days", text, &days, error))
        return FALSE;
      ow_order_set_delivery_days (order, days);
    }

  if ((text = ow_cli_args_get (args, "item")) != NULL)
    ow_order_set_item_title (order, text);
  if ((text = ow_cli_args_get (args, "store")) != NULL)
    ow_order_set_store_name (order, text);
  if ((text = ow_cli_args_get (args, "notes")) != NULL)
    ow_order_set_notes (order, text);

  if (ow_cli_args_get (args, "provider") != NULL &&
      ow_cli_args_get_list (args, "tracking")->len == 0)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("--provider: it applies to --tracking numbers, and none was given"));
      return FALSE;
    }

  return TRUE;
}

int
ow_cli_print_id (OwCli   *cli,
                 OwOrder *order)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ow_order_get_id (order));
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", ow_order_get_id (order));
  return OW_CLI_EXIT_OK;
}

static int
add_run (OwCli     *cli,
         OwCliArgs *args)
{
  g_autoptr(OwOrder) order = ow_order_new ();
  g_autoptr(GError) error = NULL;
  OwStore *store;

  /* Check everything before touching the database, so bad input writes nothing. */
  if (!apply_order_options (cli, args, order, TRUE, &error))
    return ow_cli_report_error (cli, error);

  if ((store = ow_cli_get_store (cli, &error)) == NULL ||
      !ow_order_save_new (store, ow_cli_get_policies (cli), order,
                          ow_cli_args_get_list (args, "tracking"),
                          ow_cli_args_get (args, "provider"), cli->now, &error))
    return ow_cli_report_error (cli, error);

  return ow_cli_print_id (cli, order);
}

static int
edit_run (OwCli     *cli,
          OwCliArgs *args)
{
  g_autoptr(OwOrder) original = NULL;
  g_autoptr(OwOrder) edited = NULL;
  g_autoptr(OwOrder) saved = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((original = ow_cli_load_order (cli, args, &status)) == NULL)
    return status;

  /* Only the options given change: the core writes them onto the order as it is when the
   * write begins, so another edit made meanwhile stays. */
  edited = ow_order_copy (original);
  if (!apply_order_options (cli, args, edited, FALSE, &error) ||
      (saved = ow_order_save_changes (cli->store, ow_cli_get_policies (cli), original, edited,
                                      ow_cli_args_get_list (args, "tracking"),
                                      ow_cli_args_get (args, "provider"), cli->now,
                                      &error)) == NULL)
    return ow_cli_report_error (cli, error);

  return ow_cli_print_id (cli, saved);
}

const OwCliCommand ow_cli_command_add = {
  "add", add_run, N_("--order NUMBER [OPTIONS]"),
  N_("Add an order and print its id"),
  N_("Facts typed here are yours: tracking updates never overwrite them. With --json the id "
     "is printed as {\"id\": N}."),
  order_options, 0, 0, FALSE,
};

const OwCliCommand ow_cli_command_edit = {
  "edit", edit_run, N_("ID [OPTIONS]"),
  N_("Change the given fields of an order"),
  N_("Only the options given change; an empty value, such as --shipped \"\", clears the "
     "field. --tracking adds parcels to the ones already attached."),
  order_options, 1, 1, FALSE,
};

/* ---- Archive and delete ---- */

static int
archive_run (OwCli     *cli,
             OwCliArgs *args)
{
  return ow_cli_run_action (cli, args,
                            ow_cli_args_has (args, "undo") ? OW_ACTION_UNARCHIVE
                                                           : OW_ACTION_ARCHIVE);
}

static int
unarchive_run (OwCli     *cli,
               OwCliArgs *args)
{
  return ow_cli_run_action (cli, args, OW_ACTION_UNARCHIVE);
}

static int
delete_run (OwCli     *cli,
            OwCliArgs *args)
{
  return ow_cli_run_action (cli, args, OW_ACTION_DELETE);
}

static const OwCliOption archive_options[] = {
  { "undo", OW_CLI_FLAG, NULL, N_("Bring the order back instead") },
  { NULL }
};
static const OwCliOption no_options[] = { { NULL } };

const OwCliCommand ow_cli_command_archive = {
  "archive", archive_run, N_("ID [--undo]"),
  N_("Hide an order from the lists and from reminders"),
  NULL,
  archive_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_unarchive = {
  "unarchive", unarchive_run, N_("ID"),
  N_("Bring an archived order back"),
  NULL,
  no_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_delete = {
  "delete", delete_run, N_("ID"),
  N_("Delete an order with its parcels and history"),
  NULL,
  no_options, 1, 1, FALSE,
};
