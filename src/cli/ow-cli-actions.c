/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order actions: confirm-received, request-cancel, extend, answer-extension,
 * open-dispute, close, refunded. The core decides whether each is possible and applies it. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-error.h"
#include "ow-order-action.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-time.h"

static char *
format_time (gint64 time)
{
  return ow_time_format_local (time, NULL);
}

/* The action's own options, checked before the order's state: a malformed command is
 * reported as such whatever the order. */
static gboolean
parse_action_options (OwCliArgs        *args,
                      OwActionRequest  *request,
                      GError          **error)
{
  const char *text;

  if (request->action == OW_ACTION_CLOSE)
    {
      text = ow_cli_args_get (args, "reason");
      if (text == NULL)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("--reason: required; use cancelled, not_shipped, security, "
                         "payment_expired, dispute_refunded or other"));
          return FALSE;
        }
      if (!ow_close_reason_from_string (text, &request->close_reason) ||
          request->close_reason == OW_CLOSE_NONE)
        {
          ow_cli_set_option_error (error, "--reason", text,
                                   _("use cancelled, not_shipped, security, payment_expired, "
                                     "dispute_refunded or other"), NULL);
          return FALSE;
        }
    }

  if (request->action == OW_ACTION_EXTEND)
    {
      text = ow_cli_args_get (args, "days");
      if (text == NULL)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("--days: required; how many days the protection is extended by"));
          return FALSE;
        }
      if (!ow_cli_parse_days ("--days", text, &request->days, error))
        return FALSE;
    }

  if (request->action == OW_ACTION_EXTEND || request->action == OW_ACTION_ANSWER_EXTENSION)
    {
      if (ow_cli_args_has (args, "approved") && ow_cli_args_has (args, "refused"))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                       _("%s: give --approved or --refused, not both"),
                       request->action == OW_ACTION_EXTEND ? "extend" : "answer-extension");
          return FALSE;
        }
      request->extension_state = ow_cli_args_has (args, "approved") ? OW_EXTENSION_APPROVED
                                 : ow_cli_args_has (args, "refused") ? OW_EXTENSION_REFUSED
                                 : OW_EXTENSION_PENDING;
    }

  if (request->action == OW_ACTION_ANSWER_EXTENSION)
    {
      guint64 index = 1;

      if (request->extension_state == OW_EXTENSION_PENDING)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("answer-extension: give --approved or --refused"));
          return FALSE;
        }
      text = ow_cli_args_get (args, "request");
      if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 100, &index, NULL))
        {
          ow_cli_set_option_error (error, "--request", text,
                                   _("must be a request number from 1, as “orderwatch show” "
                                     "lists them"), NULL);
          return FALSE;
        }
      request->extension_index = (guint) index - 1;
    }

  return TRUE;
}

/* Without --request, the answer is for the last request still waiting. */
static void
pick_pending_extension (OwOrder         *order,
                        OwCliArgs       *args,
                        OwActionRequest *request)
{
  if (request->action != OW_ACTION_ANSWER_EXTENSION || ow_cli_args_get (args, "request"))
    return;
  for (guint i = ow_order_get_n_extensions (order); i > 0; i--)
    if (ow_order_get_extension (order, i - 1)->state == OW_EXTENSION_PENDING)
      {
        request->extension_index = i - 1;
        return;
      }
}

static void
print_done (OwOrder         *order,
            OwActionRequest *request,
            gint64           at)
{
  g_autofree char *when = format_time (at);
  gint64 id = ow_order_get_id (order);
  guint n_extensions = ow_order_get_n_extensions (order);
  const OwExtension *extension = n_extensions > 0
                                 ? ow_order_get_extension (order, request->action == OW_ACTION_EXTEND
                                                                  ? n_extensions - 1
                                                                  : request->extension_index)
                                 : NULL;

  switch (request->action)
    {
    case OW_ACTION_CONFIRM_RECEIVED:
      g_print (_("Order %" PRId64 ": receipt confirmed on %s.\n"), id, when);
      break;
    case OW_ACTION_REQUEST_CANCEL:
      g_print (_("Order %" PRId64 ": cancellation requested on %s; the seller has "
                 "a few days to answer.\n"), id, when);
      break;
    case OW_ACTION_EXTEND:
    case OW_ACTION_ANSWER_EXTENSION:
      g_print (g_dngettext (GETTEXT_PACKAGE, "Order %" PRId64 ": extension of %d day recorded (%s).\n",
                            "Order %" PRId64 ": extension of %d days recorded (%s).\n",
                            extension->days),
               id, extension->days, ow_cli_extension_state_label (extension->state));
      break;
    case OW_ACTION_OPEN_DISPUTE:
      g_print (_("Order %" PRId64 ": dispute opened on %s; the seller’s answer is now "
                 "counted.\n"), id, when);
      break;
    case OW_ACTION_CLOSE:
      g_print (_("Order %" PRId64 ": closed on %s. %s\n"), id, when,
               ow_close_reason_explain (ow_order_get_close_reason (order)));
      break;
    case OW_ACTION_REFUNDED:
      g_print (_("Order %" PRId64 ": refund received on %s.\n"), id, when);
      break;
    case OW_ACTION_ARCHIVE:
      g_print (_("Order %" PRId64 " archived.\n"), id);
      break;
    case OW_ACTION_UNARCHIVE:
      g_print (_("Order %" PRId64 " is back in the list.\n"), id);
      break;
    case OW_ACTION_DELETE:
      g_print (_("Order %" PRId64 " (%s) deleted.\n"), id,
               ow_order_get_order_number (order));
      break;
    case OW_ACTION_EDIT:
    case OW_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
}

/* Parses, then hands the action to the core, which reads, checks and writes in one
 * transaction; an action the order's state does not allow is refused with the core's
 * reason (exit 2), the same sentence the window shows. */
int
ow_cli_run_action (OwCli         *cli,
                   OwCliArgs     *args,
                   OwOrderAction  action)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwOrder) done = NULL;
  g_autoptr(GError) error = NULL;
  const char *at_text = ow_cli_args_get (args, "at");
  OwActionRequest request = { action, OW_TIME_UNSET, 0, OW_EXTENSION_PENDING, 0, OW_CLOSE_NONE };
  OwPolicy *policy;
  int status;

  if (!parse_action_options (args, &request, &error))
    return ow_cli_report_error (cli, error);
  if ((order = ow_cli_load_order (cli, args, &status)) == NULL)
    return status;

  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "marketplace", &error);
  if (policy == NULL)
    return ow_cli_report_error (cli, error);
  if (at_text != NULL &&
      !ow_cli_parse_time ("--at", at_text, ow_policy_get_time_zone (policy), &request.at,
                          &error))
    return ow_cli_report_error (cli, error);
  pick_pending_extension (order, args, &request);

  done = ow_order_action_apply (cli->store, ow_cli_get_policies (cli), ow_order_get_id (order),
                                &request, cli->now, &error);
  if (done == NULL)
    {
      if (g_error_matches (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE))
        return ow_cli_usage_error (cli, _("%s: order %" PRId64 ": %s"),
                                   cli->command->name, ow_order_get_id (order), error->message);
      return ow_cli_report_error (cli, error);
    }

  if (cli->json)
    return ow_cli_print_id (cli, done);
  print_done (done, &request, request.at != OW_TIME_UNSET ? request.at : cli->now);
  return OW_CLI_EXIT_OK;
}

#define ACTION_RUN(name, action)          \
  static int                              \
  name##_run (OwCli     *cli,             \
              OwCliArgs *args)            \
  {                                       \
    return ow_cli_run_action (cli, args, action); \
  }

ACTION_RUN (confirm_received, OW_ACTION_CONFIRM_RECEIVED)
ACTION_RUN (request_cancel, OW_ACTION_REQUEST_CANCEL)
ACTION_RUN (extend, OW_ACTION_EXTEND)
ACTION_RUN (answer_extension, OW_ACTION_ANSWER_EXTENSION)
ACTION_RUN (open_dispute, OW_ACTION_OPEN_DISPUTE)
ACTION_RUN (close, OW_ACTION_CLOSE)
ACTION_RUN (refunded, OW_ACTION_REFUNDED)

#undef ACTION_RUN

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
  { "days", OW_CLI_VALUE, N_("N"), N_("How many days the seller is asked to add (the "
                                      "marketplace's range, 1-90 on AliExpress)") },
  { "approved", OW_CLI_FLAG, NULL, N_("The seller approved it: the deadline moves") },
  { "refused", OW_CLI_FLAG, NULL, N_("The seller refused it") },
  AT_OPTION,
  { NULL }
};

const OwCliCommand ow_cli_command_confirm_received = {
  "confirm-received", confirm_received_run, N_("ID [--at TIME]"),
  N_("Record that you confirmed receipt"),
  N_("Once the order shipped, until receipt is confirmed. Confirming ends Buyer Protection "
     "and starts the last days in which a dispute can be opened."),
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
     "deadline. Only while Buyer Protection runs."),
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
  N_("After a cancellation, a dispute or a closure of a paid order."),
  at_options, 1, 1, FALSE,
};

static const OwCliOption answer_options[] = {
  { "approved", OW_CLI_FLAG, NULL, N_("The seller approved it: the deadline moves") },
  { "refused", OW_CLI_FLAG, NULL, N_("The seller refused it") },
  { "request", OW_CLI_VALUE, N_("N"), N_("Which request, from 1 (default: the last one "
                                         "waiting)") },
  { NULL }
};

const OwCliCommand ow_cli_command_answer_extension = {
  "answer-extension", answer_extension_run, N_("ID --approved|--refused [--request N]"),
  N_("Record the seller's answer to an extension request"),
  NULL,
  answer_options, 1, 1, FALSE,
};

const OwCliCommand ow_cli_command_open_dispute = {
  "open-dispute", open_dispute_run, N_("ID [--at TIME]"),
  N_("Record that you opened a dispute"),
  N_("Only while the marketplace's dispute window is open; the seller's time to answer is "
     "counted from then."),
  at_options, 1, 1, FALSE,
};
