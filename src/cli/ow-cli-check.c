/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `orderwatch check`: sends the reminders that are due, once, and exits — for a cron job or
 * a systemd timer when the app does not run in the background. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-notifier.h"
#include "ow-scheduler.h"

typedef struct
{
  gboolean     json;
  gboolean     dry_run;
  JsonBuilder *builder;
  GString     *text;
  guint        n_shown;
  guint        n_found;
} CheckOutput;

static gint64
pinned_clock (gpointer user_data)
{
  const gint64 *now = user_data;

  return *now * G_USEC_PER_SEC;
}

static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the installed schema (a bare build tree) the defaults apply. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APPLICATION_ID,
                                                                    TRUE)) == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_notice_cb (OwScheduler *scheduler,
              const char  *id,
              const char  *title,
              const char  *body,
              gboolean     late,
              CheckOutput *out)
{
  out->n_found++;
  if (out->json)
    {
      json_builder_begin_object (out->builder);
      json_builder_set_member_name (out->builder, "id");
      json_builder_add_string_value (out->builder, id);
      json_builder_set_member_name (out->builder, "title");
      json_builder_add_string_value (out->builder, title);
      json_builder_set_member_name (out->builder, "body");
      json_builder_add_string_value (out->builder, body);
      json_builder_set_member_name (out->builder, "late");
      json_builder_add_boolean_value (out->builder, late);
      json_builder_end_object (out->builder);
    }
  else
    g_string_append_printf (out->text, "%s\n  %s\n", title, body);
}

static void
on_sent_cb (OwNotifier  *notifier,
            const char  *id,
            const char  *title,
            const char  *body,
            gboolean     shown,
            CheckOutput *out)
{
  if (shown)
    out->n_shown++;
}

static int
check_run (OwCli     *cli,
           OwCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(OwNotifier) notifier = NULL;
  g_autoptr(OwScheduler) scheduler = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  CheckOutput out = { cli->json, ow_cli_args_has (args, "dry-run"), NULL, text, 0, 0 };
  OwStore *store;
  guint n_sent;

  store = ow_cli_get_store (cli, &error);
  if (store == NULL)
    return ow_cli_report_error (cli, error);

  if (!out.dry_run)
    {
      /* Not unique: the running app (if any) keeps its name; desktop notifications still
       * name our application id, so clicking one starts or reaches the app. */
      app = g_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
      if (!g_application_register (app, NULL, &error))
        {
          g_debug ("Cannot register the application, notices are printed only: %s",
                   error->message);
          g_clear_error (&error);
        }
      notifier = ow_notifier_new (app);
      g_signal_connect (notifier, "sent", G_CALLBACK (on_sent_cb), &out);
    }

  settings = app_settings ();
  scheduler = ow_scheduler_new (store, ow_cli_get_policies (cli), settings, notifier);
  ow_scheduler_set_clock (scheduler, pinned_clock, pinned_clock, &cli->now);
  g_signal_connect (scheduler, "notice", G_CALLBACK (on_notice_cb), &out);

  if (out.json)
    {
      builder = json_builder_new ();
      out.builder = builder;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "notices");
      json_builder_begin_array (builder);
    }

  n_sent = ow_scheduler_run (scheduler, out.dry_run);
  if (notifier != NULL)
    ow_notifier_flush (notifier);

  if (out.json)
    {
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "sent");
      json_builder_add_int_value (builder, out.dry_run ? 0 : n_sent);
      json_builder_set_member_name (builder, "shown");
      json_builder_add_int_value (builder, out.n_shown);
      if (!out.dry_run && out.n_shown < n_sent && ow_notifier_get_error (notifier) != NULL)
        {
          json_builder_set_member_name (builder, "not_shown_reason");
          json_builder_add_string_value (builder, ow_notifier_get_error (notifier));
        }
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
      return OW_CLI_EXIT_OK;
    }

  if (out.n_found == 0)
    g_string_append (text, _("No reminder is due.\n"));
  else if (out.dry_run)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u reminder is due (not sent).\n",
                                               "%u reminders are due (not sent).\n", out.n_found),
                            out.n_found);
  else if (out.n_shown < n_sent)
    {
      const char *reason = notifier ? ow_notifier_get_error (notifier) : NULL;

      if (reason == NULL)
        reason = _("no notification server answered");
      if (out.n_shown == 0)
        /* Translators: the reason is e.g. "no notification server answered on the session bus" */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u reminder recorded but not shown: %s. "
                                                   "It is only printed here.\n",
                                                   "%u reminders recorded but not shown: %s. "
                                                   "They are only printed here.\n", n_sent),
                                n_sent, reason);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u of %u reminder shown; the others were "
                                                   "not: %s.\n",
                                                   "%u of %u reminders shown; the others were "
                                                   "not: %s.\n", n_sent),
                                out.n_shown, n_sent, reason);
    }
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u reminder sent.\n",
                                               "%u reminders sent.\n", n_sent), n_sent);

  ow_cli_write_stdout (text->str, text->len, NULL);
  return OW_CLI_EXIT_OK;
}

static const OwCliOption check_options[] = {
  { "dry-run", OW_CLI_FLAG, NULL, N_("List what is due without sending or recording it") },
  { NULL }
};

const OwCliCommand ow_cli_command_check = {
  "check", check_run, "[--dry-run]",
  N_("Send the reminders that are due now, once, and exit"),
  N_("For a cron job or a systemd timer when Orderwatch does not run in the background. "
     "Each reminder is sent once, even across runs; one missed while the computer was off "
     "is sent once, marked late. Quiet hours and reminder times from Preferences apply."),
  check_options, 0, 0, FALSE,
};
