/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order actions: confirm-received, request-cancel, extend, close, refunded. One fact at a
 * time, refused when it makes no sense for the order's state (RULES.md). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-time.h"

typedef enum
{
  ACTION_CONFIRM_RECEIVED,
  ACTION_REQUEST_CANCEL,
  ACTION_EXTEND,
  ACTION_CLOSE,
  ACTION_REFUNDED,
} Action;

static char *
format_time (gint64 time)
{
  return ow_time_format_local (time, NULL);
}

static gboolean
check_action (OwCli      *cli,
              OwCliArgs  *args,
              Action      action,
              OwOrder    *order,
              gint64      at,
              GError    **error)
{
  const char *name = cli->command->name;
  gint64 id = ow_order_get_id (order);
  gint64 closed = ow_order_get_time (order, OW_EVENT_CLOSED);
  gint64 shipped = ow_order_get_time (order, OW_EVENT_SHIPPED);

  if (closed != OW_TIME_UNSET && action != ACTION_REFUNDED)
    {
      g_autofree char *when = format_time (closed);

      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("%s: order %" G_GINT64_FORMAT " was closed on %s; a closed order "
                     "cannot change"), name, id, when);
      return FALSE;
    }

  switch (action)
    {
    case ACTION_CONFIRM_RECEIVED:
      if (ow_order_get_time (order, OW_EVENT_PAID) == OW_TIME_UNSET)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: order %" G_GINT64_FORMAT " is not paid; receipt needs a "
                         "payment (orderwatch edit %" G_GINT64_FORMAT " --paid TIME)"),
                       name, id, id);
          return FALSE;
        }
      if (ow_order_get_time (order, OW_EVENT_RECEIVED) != OW_TIME_UNSET)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: receipt of order %" G_GINT64_FORMAT " is already confirmed; "
                         "change it with orderwatch edit %" G_GINT64_FORMAT " --received TIME"),
                       name, id, id);
          return FALSE;
        }
      break;

    case ACTION_REQUEST_CANCEL:
      if (shipped != OW_TIME_UNSET)
        {
          g_autofree char *when = format_time (shipped);

          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: a cancellation can be requested only before shipment, and "
                         "order %" G_GINT64_FORMAT " shipped on %s; open a dispute instead"),
                       name, id, when);
          return FALSE;
        }
      if (ow_order_get_time (order, OW_EVENT_CANCEL_REQUESTED) != OW_TIME_UNSET)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: a cancellation of order %" G_GINT64_FORMAT " was already "
                         "requested"), name, id);
          return FALSE;
        }
      break;

    case ACTION_EXTEND:
      if (shipped == OW_TIME_UNSET)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: Buyer Protection is extended after shipment, and order "
                         "%" G_GINT64_FORMAT " has not shipped"), name, id);
          return FALSE;
        }
      break;

    case ACTION_CLOSE:
      break;

    case ACTION_REFUNDED:
      if (ow_order_get_time (order, OW_EVENT_PAID) == OW_TIME_UNSET)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: order %" G_GINT64_FORMAT " is not paid, so there is nothing to "
                         "refund"), name, id);
          return FALSE;
        }
      if (ow_order_get_time (order, OW_EVENT_REFUNDED) != OW_TIME_UNSET)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: the refund of order %" G_GINT64_FORMAT " is already recorded"),
                       name, id);
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (at > cli->now)
    {
      ow_cli_set_option_error (error, "--at", ow_cli_args_get (args, "at"),
                               _("is in the future; give the time it happened"), NULL);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  OwCloseReason    reason;
  int              days;
  OwExtensionState state;
} ActionOptions;

/* The action's own options, checked before the order's state: a malformed command is
 * reported as such whatever the order. */
static gboolean
parse_action_options (OwCliArgs      *args,
                      Action          action,
                      ActionOptions  *options,
                      GError        **error)
{
  const char *text;

  if (action == ACTION_CLOSE)
    {
      text = ow_cli_args_get (args, "reason");
      if (text == NULL)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("--reason: required; use cancelled, not_shipped, security, "
                         "payment_expired, dispute_refunded or other"));
          return FALSE;
        }
      if (!ow_close_reason_from_string (text, &options->reason) ||
          options->reason == OW_CLOSE_NONE)
        {
          ow_cli_set_option_error (error, "--reason", text,
                                   _("use cancelled, not_shipped, security, payment_expired, "
                                     "dispute_refunded or other"), NULL);
          return FALSE;
        }
    }

  if (action == ACTION_EXTEND)
    {
      text = ow_cli_args_get (args, "days");
      if (text == NULL)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("--days: required; how many days the protection is extended by"));
          return FALSE;
        }
      if (!ow_cli_parse_days ("--days", text, &options->days, error))
        return FALSE;
      if (ow_cli_args_has (args, "approved") && ow_cli_args_has (args, "refused"))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("extend: give --approved or --refused, not both"));
          return FALSE;
        }
      options->state = ow_cli_args_has (args, "approved") ? OW_EXTENSION_APPROVED
                       : ow_cli_args_has (args, "refused") ? OW_EXTENSION_REFUSED
                       : OW_EXTENSION_PENDING;
    }

  return TRUE;
}

static gboolean
apply_action (Action               action,
              const ActionOptions *options,
              OwOrder             *order,
              gint64               at,
              GError             **error)
{
  switch (action)
    {
    case ACTION_CONFIRM_RECEIVED:
      ow_order_set_time (order, OW_EVENT_RECEIVED, at, OW_FACT_USER);
      break;
    case ACTION_REQUEST_CANCEL:
      ow_order_set_time (order, OW_EVENT_CANCEL_REQUESTED, at, OW_FACT_USER);
      break;
    case ACTION_REFUNDED:
      ow_order_set_time (order, OW_EVENT_REFUNDED, at, OW_FACT_USER);
      break;
    case ACTION_CLOSE:
      ow_order_set_time (order, OW_EVENT_CLOSED, at, OW_FACT_USER);
      ow_order_set_close_reason (order, options->reason);
      break;
    case ACTION_EXTEND:
      {
        OwExtension extension = { at, options->days, options->state };

        ow_order_add_extension (order, &extension);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  return ow_order_validate (order, error);
}

static int
run_action (OwCli     *cli,
            OwCliArgs *args,
            Action     action)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  const char *at_text = ow_cli_args_get (args, "at");
  ActionOptions options = { OW_CLOSE_NONE, 0, OW_EXTENSION_PENDING };
  gint64 at = cli->now;
  OwPolicy *policy;
  int status;

  if (!parse_action_options (args, action, &options, &error))
    return ow_cli_report_error (cli, error);
  if ((order = ow_cli_load_order (cli, args, &status)) == NULL)
    return status;

  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "marketplace", &error);
  if (policy == NULL)
    return ow_cli_report_error (cli, error);
  if (at_text != NULL &&
      !ow_cli_parse_time ("--at", at_text, ow_policy_get_time_zone (policy), &at, &error))
    return ow_cli_report_error (cli, error);

  if (!check_action (cli, args, action, order, at, &error) ||
      !apply_action (action, &options, order, at, &error) ||
      !ow_store_update_order (cli->store, order, &error))
    return ow_cli_report_error (cli, error);

  if (cli->json)
    return ow_cli_print_id (cli, order);

  when = format_time (at);
  switch (action)
    {
    case ACTION_CONFIRM_RECEIVED:
      g_print (_("Order %" G_GINT64_FORMAT ": receipt confirmed on %s.\n"),
               ow_order_get_id (order), when);
      break;
    case ACTION_REQUEST_CANCEL:
      g_print (_("Order %" G_GINT64_FORMAT ": cancellation requested on %s; the seller has "
                 "a few days to answer.\n"), ow_order_get_id (order), when);
      break;
    case ACTION_EXTEND:
      g_print (_("Order %" G_GINT64_FORMAT ": extension of %d days recorded (%s).\n"),
               ow_order_get_id (order),
               ow_order_get_extension (order, ow_order_get_n_extensions (order) - 1)->days,
               ow_extension_state_to_string (
                 ow_order_get_extension (order, ow_order_get_n_extensions (order) - 1)->state));
      break;
    case ACTION_CLOSE:
      g_print (_("Order %" G_GINT64_FORMAT ": closed on %s. %s\n"), ow_order_get_id (order),
               when, ow_close_reason_explain (ow_order_get_close_reason (order)));
      break;
    case ACTION_REFUNDED:
      g_print (_("Order %" G_GINT64_FORMAT ": refund received on %s.\n"),
               ow_order_get_id (order), when);
      break;
    default:
      g_assert_not_reached ();
    }
  return OW_CLI_EXIT_OK;
}

static int
confirm_received_run (OwCli     *cli,
                      OwCliArgs *args)
{
  return run_action (cli, args, ACTION_CONFIRM_RECEIVED);
}

static int
request_cancel_run (OwCli     *cli,
                    OwCliArgs *args)
{
  return run_action (cli, args, ACTION_REQUEST_CANCEL);
}

static int
extend_run (OwCli     *cli,
            OwCliArgs *args)
{
  return run_action (cli, args, ACTION_EXTEND);
}

static int
close_run (OwCli     *cli,
           OwCliArgs *args)
{
  return run_action (cli, args, ACTION_CLOSE);
}

static int
refunded_run (OwCli     *cli,
              OwCliArgs *args)
{
  return run_action (cli, args, ACTION_REFUNDED);
}

#define AT_OPTION \
  { "at", OW_CLI_VALUE, N_("TIME"), N_("When it happened (default: now); ISO 8601, a date " \
                                       "alone is midnight in the marketplace's zone") }

static const OwCliOption at_options[] = { AT_OPTION, { NULL } };
static const OwCliOption close_options[] = {
  { "reason", OW_CLI_VALUE, N_("REASON"), N_("Why: cancelled, not_shipped, security, "
                                             "payment_expired, dispute_refunded or other") },
  AT_OPTION,
  { NULL }
};
static const OwCliOption extend_options[] = {
  { "days", OW_CLI_VALUE, N_("N"), N_("How many days the seller is asked to add (1-365)") },
  { "approved", OW_CLI_FLAG, NULL, N_("The seller approved it: the deadline moves") },
  { "refused", OW_CLI_FLAG, NULL, N_("The seller refused it") },
  AT_OPTION,
  { NULL }
};

const OwCliCommand ow_cli_command_confirm_received = {
  "confirm-received", confirm_received_run, N_("ID [--at TIME]"),
  N_("Record that you confirmed receipt"),
  N_("The order must be paid. Confirming starts the last 15 days in which a dispute can be "
     "opened."),
  at_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_request_cancel = {
  "request-cancel", request_cancel_run, N_("ID [--at TIME]"),
  N_("Record that you asked the seller to cancel"),
  N_("Only before shipment. Unanswered, the request closes the order after a few days."),
  at_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_extend = {
  "extend", extend_run, N_("ID --days N [--approved|--refused] [--at TIME]"),
  N_("Record a request to extend Buyer Protection"),
  N_("Without --approved or --refused the request is pending; only approved days move the "
     "deadline. The order must have shipped."),
  extend_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_close = {
  "close", close_run, N_("ID --reason REASON [--at TIME]"),
  N_("Record that the marketplace closed the order"),
  NULL,
  close_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_refunded = {
  "refunded", refunded_run, N_("ID [--at TIME]"),
  N_("Record that the refund arrived"),
  N_("The order must be paid."),
  at_options, 1, 1, FALSE,
};
