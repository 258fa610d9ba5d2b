/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `orderwatch key`: the 17TRACK API key, without the window — saved in the keyring (inside
 * flatpak through the Secret portal) or, when no keyring answers, in a file of the user's. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-tracking-17track.h"

/* The first line of stdin, so the key stays out of the shell's history and `ps`. */
static char *
read_key (void)
{
  char line[512];

  if (fgets (line, sizeof line, stdin) == NULL)
    return g_strdup ("");
  return g_strstrip (g_strdup (line));
}

static int
print_place (OwCli             *cli,
             Ow17trackKeyPlace  place)
{
  static const char *places[] = { "none", "environment", "keyring", "file" };
  g_autofree char *text = ow_17track_key_describe (place);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *file = ow_17track_key_file ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "place");
      json_builder_add_string_value (builder, places[place]);
      json_builder_set_member_name (builder, "file");
      if (place == OW_17TRACK_KEY_FILE)
        json_builder_add_string_value (builder, file);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      ow_cli_print_json (builder);
    }
  else
    {
      g_autofree char *line = g_strconcat (text, "\n", NULL);

      ow_cli_write_stdout (line, strlen (line), NULL);
    }
  return OW_CLI_EXIT_OK;
}

static int
key_run (OwCli     *cli,
         OwCliArgs *args)
{
  const char *verb = ow_cli_args_get_positional (args, 0);
  Ow17trackKeyPlace place = OW_17TRACK_KEY_NOWHERE;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (g_str_equal (verb, "status"))
    {
      key = ow_17track_key_lookup_place_sync (NULL, &place, &error);
      if (error != NULL)
        return ow_cli_failure (cli, _("cannot read the key: %s"), error->message);
      return print_place (cli, place);
    }
  if (g_str_equal (verb, "set"))
    {
      const char *problem;

      key = read_key ();
      if ((problem = ow_17track_key_check (key)) != NULL)
        return ow_cli_usage_error (cli, "%s", problem);
    }
  else if (!g_str_equal (verb, "forget"))
    return ow_cli_usage_error (cli, _("key: “%s” — use set, status or forget"), verb);

  if (!ow_17track_key_store_sync (key, NULL, &place, &error))
    return ow_cli_failure (cli, _("cannot save the key: %s"), error->message);
  return print_place (cli, place);
}

static const OwCliOption key_options[] = { { NULL } };

const OwCliCommand ow_cli_command_key = {
  "key", key_run, N_("set|status|forget"),
  N_("Save, check or forget your 17TRACK API key"),
  N_("`key set` reads the key from the first line of standard input and saves it in your "
     "keyring (inside flatpak through the Secret portal); when no keyring answers it is kept "
     "in a file only you can read, and the command says where. `key status` says where the "
     "key is, `key forget` removes it. ORDERWATCH_17TRACK_KEY, when set, wins over both."),
  key_options, 1, 1, FALSE,
};
