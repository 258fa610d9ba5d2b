/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `orderwatch dispute …`: reasons, check, open, draft, evidence, update, close, show. Each
 * subcommand parses its options and calls the core's dispute actions. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-deadlines.h"
#include "ow-dispute-action.h"
#include "ow-dispute-claim.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute-terms.h"
#include "ow-dispute.h"
#include "ow-dossier.h"
#include "ow-error.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-export.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-time.h"

#define DESCRIPTION_FILE_MAX (256 * 1024)

/* ---- Shared parsing ---- */

static gboolean
parse_channel (OwCliArgs         *args,
               OwDisputeChannel  *channel,
               OwDisputeChannel   fallback,
               GError           **error)
{
  const char *text = ow_cli_args_get (args, "channel");

  *channel = fallback;
  if (text != NULL && !ow_dispute_channel_from_string (text, channel))
    {
      ow_cli_set_option_error (error, "--channel", text, _("use marketplace, paypal or card"),
                               NULL);
      return FALSE;
    }
  return TRUE;
}

/* An amount typed in the order's currency; 0 when not given. */
static gboolean
parse_amount (OwCliArgs   *args,
              const char  *name,
              OwOrder     *order,
              gint64      *out,
              GError     **error)
{
  g_autoptr(GError) cause = NULL;
  g_autofree char *option = g_strconcat ("--", name, NULL);
  const char *text = ow_cli_args_get (args, name);

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!ow_money_parse (text, ow_order_get_currency (order), out, &cause))
    {
      ow_cli_set_option_error (error, option, text, NULL, cause);
      return FALSE;
    }
  if (*out <= 0)
    {
      ow_cli_set_option_error (error, option, text, _("must be more than zero"), NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_at (OwCli      *cli,
          OwCliArgs  *args,
          OwOrder    *order,
          gint64     *out,
          GError    **error)
{
  const char *text = ow_cli_args_get (args, "at");
  OwPolicy *policy;

  *out = OW_TIME_UNSET;
  if (text == NULL)
    return TRUE;
  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "marketplace", error);
  return policy != NULL &&
         ow_cli_parse_time ("--at", text, ow_policy_get_time_zone (policy), out, error);
}

static char *
format_money (OwOrder *order,
              gint64   amount)
{
  return ow_money_format (amount, ow_order_get_currency (order));
}

/* ---- JSON ---- */

static void
add_dispute_json (OwCli       *cli,
                  OwOrder     *order,
                  OwDispute   *dispute,
                  JsonBuilder *builder)
{
  OwDeadlineSet set;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, ow_dispute_get_id (dispute));
  ow_export_add_string_member (builder, "channel",
                               ow_dispute_channel_to_string (ow_dispute_get_channel (dispute)));
  ow_export_add_string_member (builder, "reason", ow_dispute_get_reason (dispute));
  ow_export_add_string_member (builder, "solution",
                               ow_dispute_solution_to_string (ow_dispute_get_solution (dispute)));
  {
    g_autofree char *amount = ow_money_to_decimal (ow_dispute_get_amount (dispute),
                                                   ow_order_get_currency (order));
    ow_export_add_string_member (builder, "amount", amount);
  }
  ow_export_add_string_member (builder, "currency", ow_order_get_currency (order));
  ow_export_add_string_member (builder, "description", ow_dispute_get_description (dispute));
  ow_export_add_string_member (builder, "state",
                               ow_dispute_state_to_string (ow_dispute_get_state (dispute)));
  ow_export_add_string_member (builder, "outcome",
                               ow_dispute_get_outcome (dispute) == OW_OUTCOME_NONE
                               ? NULL
                               : ow_dispute_outcome_to_string (ow_dispute_get_outcome (dispute)));
  ow_export_add_time_member (builder, "opened", ow_dispute_get_opened_at (dispute));
  ow_export_add_time_member (builder, "closed", ow_dispute_get_closed_at (dispute));

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ow_dispute_get_n_steps (dispute); i++)
    {
      const OwDisputeStep *step = ow_dispute_get_step (dispute, i);

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "kind", ow_dispute_step_to_string (step->kind));
      ow_export_add_time_member (builder, "at", step->at);
      if (step->amount > 0)
        {
          g_autofree char *amount = ow_money_to_decimal (step->amount,
                                                         ow_order_get_currency (order));
          ow_export_add_string_member (builder, "amount", amount);
        }
      ow_export_add_string_member (builder, "text", step->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_array (builder);
  if (ow_dispute_compute_deadlines (dispute, order, ow_cli_get_policies (cli), cli->now, &set))
    for (guint i = 0; i < set.n_deadlines; i++)
      if (set.deadlines[i].rule != NULL && ow_rule_is_dispute_rule (set.deadlines[i].rule) &&
          set.deadlines[i].state != OW_DEADLINE_NOT_APPLICABLE)
        {
          g_autoptr(OwJsonWriter) writer = ow_json_writer_new_for_builder (builder);

          ow_json_writer_begin_object (writer);
          ow_export_deadline_members (order, &set.deadlines[i], cli->now, writer);
          ow_json_writer_end_object (writer);
        }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
ow_cli_add_disputes_json (OwCli       *cli,
                          OwOrder     *order,
                          JsonBuilder *builder)
{
  g_autoptr(GPtrArray) disputes = ow_store_list_disputes (cli->store, ow_order_get_id (order),
                                                          NULL);

  json_builder_set_member_name (builder, "disputes");
  json_builder_begin_array (builder);
  for (guint i = 0; disputes != NULL && i < disputes->len; i++)
    add_dispute_json (cli, order, g_ptr_array_index (disputes, i), builder);
  json_builder_end_array (builder);
}

static void
add_evidence_json (OwCli       *cli,
                   OwPolicy    *policy,
                   GPtrArray   *items,
                   JsonBuilder *builder)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      OwEvidence *evidence = g_ptr_array_index (items, i);
      g_autofree char *limit = ow_evidence_check_limits (evidence, policy, i);
      g_autofree char *path = ow_evidence_locker_get_path (cli->store, evidence);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ow_evidence_get_id (evidence));
      ow_export_add_string_member (builder, "kind",
                                   ow_evidence_kind_to_string (ow_evidence_get_kind (evidence)));
      ow_export_add_string_member (builder, "name", ow_evidence_get_original_name (evidence));
      ow_export_add_string_member (builder, "media_type", ow_evidence_get_media_type (evidence));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, ow_evidence_get_size (evidence));
      ow_export_add_string_member (builder, "sha256", ow_evidence_get_sha256 (evidence));
      ow_export_add_string_member (builder, "note", ow_evidence_get_note (evidence));
      ow_export_add_time_member (builder, "added", ow_evidence_get_added_at (evidence));
      ow_export_add_string_member (builder, "path", path);
      ow_export_add_string_member (builder, "over_limit", limit);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* ---- Subcommands ---- */

static int
reasons_run (OwCli     *cli,
             OwCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  const char *id = ow_cli_args_get (args, "marketplace");
  const OwDisputeTerms *terms;
  OwPolicy *policy;

  policy = ow_cli_lookup_policy (cli, id ? id : "aliexpress", "--marketplace", &error);
  if (policy == NULL)
    return ow_cli_report_error (cli, error);
  terms = ow_policy_get_dispute_terms (policy);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < ow_dispute_terms_get_n_reasons (terms); i++)
        {
          const OwDisputeReason *reason = ow_dispute_terms_get_reason (terms, i);

          json_builder_begin_object (builder);
          ow_export_add_string_member (builder, "id", ow_dispute_reason_get_id (reason));
          ow_export_add_string_member (builder, "group",
                                       ow_reason_group_to_string (ow_dispute_reason_get_group (reason)));
          ow_export_add_string_member (builder, "title", ow_dispute_reason_get_title (reason));
          ow_export_add_string_member (builder, "evidence", ow_dispute_reason_get_evidence (reason));
          json_builder_set_member_name (builder, "solutions");
          json_builder_begin_array (builder);
          for (guint s = 0; s < OW_N_SOLUTIONS; s++)
            if (ow_dispute_reason_allows (reason, s))
              json_builder_add_string_value (builder, ow_dispute_solution_to_string (s));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ow_cli_print_json (builder);
      return OW_CLI_EXIT_OK;
    }

  for (guint group = OW_REASON_NOT_RECEIVED; group <= OW_REASON_RECEIVED; group++)
    {
      g_print ("%s\n", group == OW_REASON_NOT_RECEIVED ? _("Not received:")
                                                       : _("Received with a problem:"));
      for (guint i = 0; i < ow_dispute_terms_get_n_reasons (terms); i++)
        {
          const OwDisputeReason *reason = ow_dispute_terms_get_reason (terms, i);
          g_autofree char *padded = NULL;

          if (ow_dispute_reason_get_group (reason) != group)
            continue;
          padded = ow_cli_pad (ow_dispute_reason_get_id (reason), 22);
          g_print ("  %s %s (%s)\n", padded, ow_dispute_reason_get_title (reason),
                   ow_dispute_reason_allows (reason, OW_SOLUTION_RETURN_GOODS)
                   ? "refund_only, return_goods" : "refund_only");
        }
    }
  return OW_CLI_EXIT_OK;
}

static int
check_run (OwCli     *cli,
           OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autofree char *why = NULL;
  OwDisputeWindow windows[OW_N_CHANNELS];
  const char *suggested = NULL;
  OwPolicy *policy;
  int status;

  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  policy = ow_policy_registry_lookup (ow_cli_get_policies (cli), ow_order_get_marketplace (order));
  disputes = ow_store_list_disputes (cli->store, ow_order_get_id (order), NULL);
  parcels = ow_store_list_parcels (cli->store, ow_order_get_id (order), NULL);
  ow_dispute_windows_compute (order, ow_cli_get_policies (cli), disputes, cli->now, windows);
  if (policy != NULL)
    suggested = ow_dispute_suggest_reason (order, policy, parcels, cli->now, &why);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "channels");
      json_builder_begin_array (builder);
      for (guint c = 0; c < OW_N_CHANNELS; c++)
        {
          json_builder_begin_object (builder);
          ow_export_add_string_member (builder, "channel", ow_dispute_channel_to_string (c));
          ow_export_add_string_member (builder, "state",
                                       ow_window_state_to_string (windows[c].state));
          ow_export_add_time_member (builder, "opens", windows[c].opens);
          ow_export_add_time_member (builder, "closes", windows[c].closes);
          ow_export_add_time_member (builder, "closes_late", windows[c].closes_late);
          ow_export_add_string_member (builder, "summary", windows[c].summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ow_export_add_string_member (builder, "suggested_reason", suggested);
      ow_export_add_string_member (builder, "suggested_because", why);
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
    }
  else
    {
      for (guint c = 0; c < OW_N_CHANNELS; c++)
        g_print ("%s\n", windows[c].summary);
      if (suggested != NULL)
        /* Translators: a reason id, then why */
        g_print (_("Suggested reason: %s. %s\n"), suggested, why);
    }
  ow_dispute_windows_clear (windows);
  return OW_CLI_EXIT_OK;
}

static gboolean
read_description (OwCliArgs  *args,
                  char      **out,
                  GError    **error)
{
  const char *text = ow_cli_args_get (args, "description");
  const char *file = ow_cli_args_get (args, "description-file");
  g_autoptr(GError) cause = NULL;
  gsize length = 0;

  *out = NULL;
  if (text != NULL && file != NULL)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INCONSISTENT,
                   _("--description: give it or --description-file, not both"));
      return FALSE;
    }
  if (file == NULL)
    {
      *out = g_strdup (text);
      return TRUE;
    }
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents (file, out, &length, &cause))
    {
      ow_cli_set_option_error (error, "--description-file", file,
                               cause ? cause->message : _("not a readable regular file"), NULL);
      return FALSE;
    }
  if (length > DESCRIPTION_FILE_MAX || !g_utf8_validate (*out, length, NULL))
    {
      g_clear_pointer (out, g_free);
      ow_cli_set_option_error (error, "--description-file", file,
                               _("must be UTF-8 text of at most 256 KiB"), NULL);
      return FALSE;
    }
  return TRUE;
}

static int
open_run (OwCli     *cli,
          OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *warning = NULL;
  const char *solution_text = ow_cli_args_get (args, "solution");
  OwDisputeRequest request = { OW_CHANNEL_MARKETPLACE, NULL, OW_SOLUTION_REFUND_ONLY, 0, NULL,
                               OW_TIME_UNSET };
  int status;

  request.reason = ow_cli_args_get (args, "reason");
  if (request.reason == NULL)
    return ow_cli_usage_error (cli, _("--reason: required; “orderwatch dispute reasons” lists "
                                      "them"));
  if (solution_text == NULL)
    return ow_cli_usage_error (cli, _("--solution: required; use refund_only or return_goods"));
  if (!ow_dispute_solution_from_string (solution_text, &request.solution))
    {
      ow_cli_set_option_error (&error, "--solution", solution_text,
                               _("use refund_only or return_goods"), NULL);
      return ow_cli_report_error (cli, error);
    }
  if (!parse_channel (args, &request.channel, OW_CHANNEL_MARKETPLACE, &error) ||
      !read_description (args, &description, &error))
    return ow_cli_report_error (cli, error);
  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  if (!parse_amount (args, "amount", order, &request.amount, &error) ||
      !parse_at (cli, args, order, &request.at, &error))
    return ow_cli_report_error (cli, error);
  request.description = description;

  dispute = ow_dispute_action_open (cli->store, ow_cli_get_policies (cli), ow_order_get_id (order),
                                    &request, cli->now, &warning, &error);
  if (dispute == NULL)
    return ow_cli_report_error (cli, error);
  if (warning != NULL)
    g_printerr ("orderwatch: %s\n", warning);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      add_dispute_json (cli, order, dispute, builder);
      ow_cli_print_json (builder);
    }
  else
    /* Translators: an order id, then a channel */
    g_print (_("Order %" PRId64 ": dispute opened on %s.\n"), ow_order_get_id (order),
             ow_dispute_channel_label (ow_dispute_get_channel (dispute)));
  return OW_CLI_EXIT_OK;
}

static int
draft_run (OwCli     *cli,
           OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *solution_text = ow_cli_args_get (args, "solution");
  OwDisputeSolution solution = OW_SOLUTION_REFUND_ONLY;
  const char *reason = NULL;
  gint64 amount;
  int status;

  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  if (solution_text != NULL && !ow_dispute_solution_from_string (solution_text, &solution))
    {
      ow_cli_set_option_error (&error, "--solution", solution_text,
                               _("use refund_only or return_goods"), NULL);
      return ow_cli_report_error (cli, error);
    }
  if (!parse_amount (args, "amount", order, &amount, &error))
    return ow_cli_report_error (cli, error);

  text = ow_dispute_action_draft (cli->store, ow_cli_get_policies (cli), ow_order_get_id (order),
                                  ow_cli_args_get (args, "reason"), solution, amount, cli->now,
                                  ow_cli_args_has (args, "localized"), &reason, &error);
  if (text == NULL)
    return ow_cli_report_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "reason", reason);
      ow_export_add_string_member (builder, "text", text);
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
    }
  else
    g_print ("%s\n", text);
  return OW_CLI_EXIT_OK;
}

static int
evidence_run (OwCli     *cli,
              OwCliArgs *args)
{
  const char *verb = ow_cli_args_get_positional (args, 1);
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  OwPolicy *policy;
  int status;

  if (verb == NULL || (!g_str_equal (verb, "add") && !g_str_equal (verb, "list") &&
                       !g_str_equal (verb, "remove")))
    return ow_cli_usage_error (cli, _("dispute evidence: use add, list or remove; usage: "
                                      "orderwatch dispute evidence add ID FILE…"));
  if ((order = ow_cli_load_order_at (cli, args, 2, &status)) == NULL)
    return status;
  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "marketplace", &error);
  if (policy == NULL)
    return ow_cli_report_error (cli, error);

  if (g_str_equal (verb, "add"))
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
      const char *kind_text = ow_cli_args_get (args, "kind");
      OwEvidenceKind kind = OW_EVIDENCE_PHOTO;

      if (ow_cli_args_get_n_positional (args) < 4)
        return ow_cli_usage_error (cli, _("dispute evidence add: give one or more files; usage: "
                                          "orderwatch dispute evidence add ID FILE…"));
      if (kind_text != NULL && !ow_evidence_kind_from_string (kind_text, &kind))
        {
          ow_cli_set_option_error (&error, "--kind", kind_text,
                                   _("use photo, video, screenshot, document or message"), NULL);
          return ow_cli_report_error (cli, error);
        }

      /* All the files or none. */
      if (!ow_store_begin (cli->store, &error))
        return ow_cli_report_error (cli, error);
      for (guint i = 3; i < ow_cli_args_get_n_positional (args); i++)
        {
          OwEvidence *evidence = ow_evidence_locker_add (cli->store, ow_order_get_id (order),
                                                         ow_cli_args_get_positional (args, i),
                                                         kind_text == NULL, kind,
                                                         ow_cli_args_get (args, "note"), &error);

          if (evidence == NULL)
            {
              ow_store_rollback (cli->store);
              ow_evidence_locker_clean (cli->store, hashes);
              return ow_cli_report_error (cli, error);
            }
          g_ptr_array_add (hashes, g_strdup (ow_evidence_get_sha256 (evidence)));
          g_ptr_array_add (added, evidence);
        }
      if (!ow_store_commit (cli->store, &error))
        {
          ow_evidence_locker_clean (cli->store, hashes);
          return ow_cli_report_error (cli, error);
        }

      for (guint i = 0; i < added->len; i++)
        {
          OwEvidence *evidence = g_ptr_array_index (added, i);
          g_autofree char *limit = ow_evidence_check_limits (evidence, policy, i);

          if (limit != NULL)
            /* Translators: a file name, then the marketplace's limit */
            g_printerr (_("orderwatch: %s is kept, but %s\n"),
                        ow_evidence_get_original_name (evidence), limit);
          if (!cli->json)
            g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", ow_evidence_get_id (evidence),
                     ow_evidence_get_sha256 (evidence), ow_evidence_get_original_name (evidence));
        }
      if (cli->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

          add_evidence_json (cli, policy, added, builder);
          ow_cli_print_json (builder);
        }
      return OW_CLI_EXIT_OK;
    }

  if (g_str_equal (verb, "remove"))
    {
      const char *text = ow_cli_args_get_positional (args, 3);
      guint64 id;

      if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
        return ow_cli_usage_error (cli, _("EVIDENCE_ID: give the number “orderwatch dispute "
                                          "evidence list” shows"));
      if (!ow_evidence_locker_remove (cli->store, ow_order_get_id (order), id, &error))
        return ow_cli_report_error (cli, error);
      if (cli->json)
        return ow_cli_print_id (cli, order);
      /* Translators: an evidence id */
      g_print (_("Evidence %" PRIu64 " removed.\n"), id);
      return OW_CLI_EXIT_OK;
    }

  {
    g_autoptr(GPtrArray) items = ow_store_list_evidence (cli->store, ow_order_get_id (order),
                                                         &error);

    if (items == NULL)
      return ow_cli_report_error (cli, error);
    if (cli->json)
      {
        g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

        add_evidence_json (cli, policy, items, builder);
        ow_cli_print_json (builder);
        return OW_CLI_EXIT_OK;
      }
    for (guint i = 0; i < items->len; i++)
      {
        OwEvidence *evidence = g_ptr_array_index (items, i);
        g_autofree char *size = g_format_size (ow_evidence_get_size (evidence));
        g_autofree char *limit = ow_evidence_check_limits (evidence, policy, i);

        g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s%s%s\n", ow_evidence_get_id (evidence),
                 ow_evidence_kind_to_string (ow_evidence_get_kind (evidence)),
                 ow_evidence_get_original_name (evidence), size,
                 ow_evidence_get_sha256 (evidence), limit ? "\t⚠ " : "", limit ? limit : "");
      }
    return OW_CLI_EXIT_OK;
  }
}

/* The step flags of `dispute update`, one of which is given. */
static const struct
{
  const char        *option;
  OwDisputeStepKind  kind;
} update_flags[] = {
  { "seller-accepted", OW_STEP_SELLER_ACCEPTED },
  { "seller-rejected", OW_STEP_SELLER_REJECTED },
  { "seller-proposed", OW_STEP_SELLER_PROPOSED },
  { "proposal-accepted", OW_STEP_PROPOSAL_ACCEPTED },
  { "proposal-rejected", OW_STEP_PROPOSAL_REJECTED },
  { "escalated", OW_STEP_ESCALATED },
  { "return-agreed", OW_STEP_RETURN_AGREED },
  { "return-shipped", OW_STEP_RETURN_SHIPPED },
  { "decision", OW_STEP_DECISION_REFUND },
  { "refund-received", OW_STEP_REFUND_RECEIVED },
};

static void
print_dispute_line (OwOrder   *order,
                    OwDispute *dispute)
{
  /* Translators: an order id, a channel, then the dispute's state */
  g_print (_("Order %" PRId64 ": %s dispute — %s.\n"), ow_order_get_id (order),
           ow_dispute_channel_label (ow_dispute_get_channel (dispute)),
           ow_dispute_state_label (ow_dispute_get_state (dispute)));
}

static int
print_dispute_result (OwCli     *cli,
                      OwOrder   *order,
                      OwDispute *dispute)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      add_dispute_json (cli, order, dispute, builder);
      ow_cli_print_json (builder);
    }
  else
    print_dispute_line (order, dispute);
  return OW_CLI_EXIT_OK;
}

static int
update_run (OwCli     *cli,
            OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) error = NULL;
  OwDisputeChannel channel;
  OwDisputeStepKind kind = OW_N_STEPS;
  const char *given = NULL;
  const char *text;
  gint64 at, amount = 0;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (update_flags); i++)
    if (ow_cli_args_has (args, update_flags[i].option))
      {
        if (given != NULL)
          return ow_cli_usage_error (cli, _("dispute update: give one of --%s and --%s, not "
                                            "both"), given, update_flags[i].option);
        given = update_flags[i].option;
        kind = update_flags[i].kind;
      }
  if (given == NULL)
    return ow_cli_usage_error (cli, _("dispute update: say what happened, such as "
                                      "--seller-rejected or --return-shipped --tracking N"));
  if (kind == OW_STEP_DECISION_REFUND)
    {
      const char *decision = ow_cli_args_get (args, "decision");

      if (g_strcmp0 (decision, "no_refund") == 0)
        kind = OW_STEP_DECISION_NO_REFUND;
      else if (g_strcmp0 (decision, "refund") != 0)
        {
          ow_cli_set_option_error (&error, "--decision", decision, _("use refund or no_refund"),
                                   NULL);
          return ow_cli_report_error (cli, error);
        }
    }
  if (!parse_channel (args, &channel, OW_N_CHANNELS, &error))
    return ow_cli_report_error (cli, error);
  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  if (!parse_at (cli, args, order, &at, &error) ||
      (kind == OW_STEP_SELLER_PROPOSED &&
       !parse_amount (args, "seller-proposed", order, &amount, &error)) ||
      (kind == OW_STEP_REFUND_RECEIVED && !parse_amount (args, "amount", order, &amount, &error)))
    return ow_cli_report_error (cli, error);

  text = kind == OW_STEP_RETURN_SHIPPED ? ow_cli_args_get (args, "tracking")
                                        : ow_cli_args_get (args, "note");
  if (kind == OW_STEP_RETURN_SHIPPED && text == NULL)
    return ow_cli_usage_error (cli, _("--tracking: required with --return-shipped; the "
                                      "return's tracking number"));

  dispute = ow_dispute_action_update (cli->store, ow_cli_get_policies (cli),
                                      ow_order_get_id (order), channel, kind, at, amount, text,
                                      cli->now, &error);
  if (dispute == NULL)
    return ow_cli_report_error (cli, error);
  return print_dispute_result (cli, order, dispute);
}

static int
close_run (OwCli     *cli,
           OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) error = NULL;
  const char *outcome_text = ow_cli_args_get (args, "outcome");
  OwDisputeOutcome outcome;
  OwDisputeChannel channel;
  gint64 at, amount;
  int status;

  if (outcome_text == NULL)
    return ow_cli_usage_error (cli, _("--outcome: required; use refunded, partially_refunded, "
                                      "rejected or withdrawn"));
  if (!ow_dispute_outcome_from_string (outcome_text, &outcome))
    {
      ow_cli_set_option_error (&error, "--outcome", outcome_text,
                               _("use refunded, partially_refunded, rejected or withdrawn"),
                               NULL);
      return ow_cli_report_error (cli, error);
    }
  if (!parse_channel (args, &channel, OW_N_CHANNELS, &error))
    return ow_cli_report_error (cli, error);
  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  if (!parse_at (cli, args, order, &at, &error) ||
      !parse_amount (args, "amount", order, &amount, &error))
    return ow_cli_report_error (cli, error);

  dispute = ow_dispute_action_close (cli->store, ow_cli_get_policies (cli),
                                     ow_order_get_id (order), channel, outcome, amount, at,
                                     cli->now, &error);
  if (dispute == NULL)
    return ow_cli_report_error (cli, error);
  return print_dispute_result (cli, order, dispute);
}

static void
print_dispute (OwCli     *cli,
               OwOrder   *order,
               OwDispute *dispute)
{
  g_autofree char *amount = format_money (order, ow_dispute_get_amount (dispute));
  OwDeadlineSet set;

  print_dispute_line (order, dispute);
  /* Translators: a reason id, a solution, then an amount */
  g_print (_("  Reason %s, %s, %s\n"), ow_dispute_get_reason (dispute),
           ow_dispute_solution_label (ow_dispute_get_solution (dispute)), amount);
  for (guint i = 0; i < ow_dispute_get_n_steps (dispute); i++)
    {
      const OwDisputeStep *step = ow_dispute_get_step (dispute, i);
      g_autofree char *when = ow_time_format_local (step->at, NULL);
      g_autofree char *money = step->amount > 0 ? format_money (order, step->amount) : NULL;

      g_print ("  %s  %s%s%s%s%s\n", when, ow_dispute_step_label (step->kind),
               money ? " " : "", money ? money : "", step->text ? " — " : "",
               step->text ? step->text : "");
    }
  if (ow_dispute_compute_deadlines (dispute, order, ow_cli_get_policies (cli), cli->now, &set))
    for (guint i = 0; i < set.n_deadlines; i++)
      {
        const OwDeadline *deadline = &set.deadlines[i];
        g_autofree char *describe = NULL;

        if (deadline->rule == NULL || !ow_rule_is_dispute_rule (deadline->rule) ||
            deadline->state == OW_DEADLINE_NOT_APPLICABLE ||
            deadline->state == OW_DEADLINE_NOT_STARTED)
          continue;
        describe = ow_deadline_describe (deadline, cli->now);
        g_print ("  ⏱ %s\n", describe);
      }
}

static int
show_run (OwCli     *cli,
          OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  OwPolicy *policy;
  int status;

  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "marketplace", &error);
  if (policy == NULL ||
      (disputes = ow_store_list_disputes (cli->store, ow_order_get_id (order), &error)) == NULL ||
      (items = ow_store_list_evidence (cli->store, ow_order_get_id (order), &error)) == NULL)
    return ow_cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "order_id");
      json_builder_add_int_value (builder, ow_order_get_id (order));
      ow_cli_add_disputes_json (cli, order, builder);
      json_builder_set_member_name (builder, "evidence");
      add_evidence_json (cli, policy, items, builder);
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
      return OW_CLI_EXIT_OK;
    }

  if (disputes->len == 0)
    g_print (_("Order %" PRId64 " has no dispute.\n"), ow_order_get_id (order));
  for (guint i = 0; i < disputes->len; i++)
    print_dispute (cli, order, g_ptr_array_index (disputes, i));
  if (items->len > 0)
    {
      g_print ("%s\n", _("Evidence:"));
      for (guint i = 0; i < items->len; i++)
        {
          OwEvidence *evidence = g_ptr_array_index (items, i);

          g_print ("  %" G_GINT64_FORMAT "  %s  %s\n", ow_evidence_get_id (evidence),
                   ow_evidence_get_original_name (evidence), ow_evidence_get_sha256 (evidence));
        }
    }
  return OW_CLI_EXIT_OK;
}

static int
export_run (OwCli     *cli,
            OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  const char *output = ow_cli_args_get (args, "output");
  const char *evidence_dir = ow_cli_args_get (args, "evidence-dir");
  guint n_damaged = 0;
  int status;

  if (output == NULL || *output == '\0')
    return ow_cli_usage_error (cli, _("--output: required; the PDF file to write, such as "
                                      "dossier.pdf"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    {
      ow_cli_set_option_error (&error, "--output", output, _("must end in .pdf"), NULL);
      return ow_cli_report_error (cli, error);
    }
  if (evidence_dir != NULL && *evidence_dir == '\0')
    return ow_cli_usage_error (cli, _("--evidence-dir: give a folder"));
  if ((order = ow_cli_load_order_at (cli, args, 1, &status)) == NULL)
    return status;
  if (!ow_dossier_write (cli->store, ow_cli_get_policies (cli), ow_order_get_id (order), output,
                         evidence_dir, cli->now, &n_damaged, &error))
    return ow_cli_report_error (cli, error);
  if (n_damaged > 0)
    /* Translators: on standard error, after the dossier is written */
    g_printerr (ngettext ("Warning: the stored copy of %u evidence file is missing or was "
                          "changed; the dossier says which.\n",
                          "Warning: the stored copies of %u evidence files are missing or were "
                          "changed; the dossier says which.\n",
                          n_damaged), n_damaged);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      ow_export_add_string_member (builder, "output", output);
      ow_export_add_string_member (builder, "evidence_dir", evidence_dir);
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
    }
  else
    /* Translators: a file name */
    g_print (_("Dossier written to %s.\n"), output);
  return OW_CLI_EXIT_OK;
}

static const struct
{
  const char *name;
  int       (*run) (OwCli *, OwCliArgs *);
} subcommands[] = {
  { "reasons", reasons_run },
  { "check", check_run },
  { "open", open_run },
  { "draft", draft_run },
  { "evidence", evidence_run },
  { "update", update_run },
  { "close", close_run },
  { "show", show_run },
  { "export", export_run },
};

static int
dispute_run (OwCli     *cli,
             OwCliArgs *args)
{
  const char *name = ow_cli_args_get_positional (args, 0);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (name, subcommands[i].name))
      {
        /* Every subcommand but reasons is about an order. */
        if (i > 0 && ow_cli_args_get_n_positional (args) < 2)
          return ow_cli_usage_error (cli, _("dispute %s: an order id is required; “orderwatch "
                                            "help dispute” shows the usage"), name);
        return subcommands[i].run (cli, args);
      }
  return ow_cli_usage_error (cli, _("dispute: “%s” is not a subcommand; use reasons, check, "
                                    "open, draft, evidence, update, close, show or export"),
                             name ? name : "");
}

static const OwCliOption dispute_options[] = {
  { "marketplace", OW_CLI_VALUE, N_("ID"), N_("reasons: whose reasons (default aliexpress)") },
  { "channel", OW_CLI_VALUE, N_("CHANNEL"), N_("marketplace (the default), paypal or card") },
  { "reason", OW_CLI_VALUE, N_("REASON"), N_("open, draft: the reason id") },
  { "solution", OW_CLI_VALUE, N_("SOLUTION"), N_("open, draft: refund_only or return_goods") },
  { "amount", OW_CLI_VALUE, N_("DECIMAL"),
    N_("open: the refund asked for (default: all paid); close, update --refund-received: "
       "what was refunded") },
  { "description", OW_CLI_VALUE, N_("TEXT"), N_("open: the claim (default: the drafted one)") },
  { "description-file", OW_CLI_VALUE, N_("FILE"), N_("open: the claim, read from a file") },
  { "localized", OW_CLI_FLAG, NULL, N_("draft: in your language instead of English") },
  { "kind", OW_CLI_VALUE, N_("KIND"),
    N_("evidence add: photo, video, screenshot, document or message (default: from the file)") },
  { "note", OW_CLI_VALUE, N_("TEXT"), N_("evidence add, update: a note (with --return-agreed, "
                                         "the return address)") },
  { "seller-accepted", OW_CLI_FLAG, NULL, N_("update: the seller accepted the claim") },
  { "seller-rejected", OW_CLI_FLAG, NULL, N_("update: the seller rejected it") },
  { "seller-proposed", OW_CLI_VALUE, N_("DECIMAL"), N_("update: the seller proposed this amount") },
  { "proposal-accepted", OW_CLI_FLAG, NULL, N_("update: you accepted the proposal") },
  { "proposal-rejected", OW_CLI_FLAG, NULL, N_("update: you rejected the proposal") },
  { "escalated", OW_CLI_FLAG, NULL, N_("update: escalated to the marketplace, PayPal or the bank") },
  { "return-agreed", OW_CLI_FLAG, NULL, N_("update: a return was agreed") },
  { "return-shipped", OW_CLI_FLAG, NULL, N_("update: you shipped the return (with --tracking)") },
  { "tracking", OW_CLI_VALUE, N_("NUMBER"), N_("update --return-shipped: its tracking number") },
  { "decision", OW_CLI_VALUE, N_("DECISION"), N_("update: refund or no_refund") },
  { "refund-received", OW_CLI_FLAG, NULL, N_("update: the refund arrived") },
  { "outcome", OW_CLI_VALUE, N_("OUTCOME"),
    N_("close: refunded, partially_refunded, rejected or withdrawn") },
  { "at", OW_CLI_VALUE, N_("TIME"), N_("When it happened (default: now)") },
  { "output", OW_CLI_VALUE, N_("FILE"), N_("export: the PDF dossier to write") },
  { "evidence-dir", OW_CLI_VALUE, N_("DIR"),
    N_("export: also copy the evidence there, with a SHA256SUMS file") },
  { NULL }
};

const OwCliCommand ow_cli_command_dispute = {
  "dispute", dispute_run, N_("SUBCOMMAND ID [OPTIONS]"),
  N_("Open a dispute, follow it, keep its evidence"),
  N_("Subcommands:\n"
     "  reasons [--marketplace M]        the reasons, grouped, with the solutions each allows\n"
     "  check ID                         where a dispute can be opened now, with the dates\n"
     "  open ID --reason R --solution S [--amount X] [--channel C] [--description T]\n"
     "  draft ID [--reason R]            print the drafted description\n"
     "  evidence add ID FILE… [--kind K] [--note N]\n"
     "  evidence list ID | evidence remove ID EVIDENCE_ID\n"
     "  update ID --seller-accepted | --seller-rejected | --seller-proposed X |\n"
     "            --proposal-accepted | --proposal-rejected | --escalated | --return-agreed |\n"
     "            --return-shipped --tracking N | --decision refund|no_refund | --refund-received\n"
     "  close ID --outcome refunded|partially_refunded|rejected|withdrawn [--amount X]\n"
     "  show ID                          state, history, deadlines, evidence\n"
     "  export ID --output FILE.pdf [--evidence-dir DIR]   the PDF dossier\n"
     "Opening outside the computed window is allowed, with a warning."),
  dispute_options, 1, 64, FALSE,
};
