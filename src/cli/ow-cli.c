/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `orderwatch <command>`: dispatch, option parsing, help and exit statuses. Never GTK. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ow-cli-private.h"
#include "ow-error.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-time.h"

struct _OwCliArgs
{
  const OwCliOption *options;
  GHashTable        *values;      /* name -> char* (a flag maps to "") */
  GHashTable        *lists;       /* name -> GPtrArray of char* */
  GPtrArray         *positional;
  gboolean           help;
};

static int help_run (OwCli     *cli,
                     OwCliArgs *args);

static const OwCliOption no_options[] = { { NULL } };

static const OwCliCommand help_command = {
  "help", help_run, "[COMMAND]", N_("Show the commands, or how to use one"), NULL,
  no_options, 0, 1, FALSE,
};

/* In the order `orderwatch help` lists them. */
static const OwCliCommand *commands[] = {
  &ow_cli_command_add,
  &ow_cli_command_edit,
  &ow_cli_command_list,
  &ow_cli_command_show,
  &ow_cli_command_deadlines,
  &ow_cli_command_refresh,
  &ow_cli_command_confirm_received,
  &ow_cli_command_request_cancel,
  &ow_cli_command_extend,
  &ow_cli_command_answer_extension,
  &ow_cli_command_open_dispute,
  &ow_cli_command_dispute,
  &ow_cli_command_close,
  &ow_cli_command_refunded,
  &ow_cli_command_archive,
  &ow_cli_command_unarchive,
  &ow_cli_command_delete,
  &ow_cli_command_import,
  &ow_cli_command_export,
  &ow_cli_command_check,
  &ow_cli_command_key,
  &help_command,
};

/* Accepted by every command, before or after its name. */
static const OwCliOption global_options[] = {
  { "db", OW_CLI_PATH, N_("PATH"), N_("Use the orders database at PATH (default: "
                                       "$ORDERWATCH_DB, else the one the app uses)") },
  { "json", OW_CLI_FLAG, NULL, N_("Print JSON instead of text") },
  { "help", OW_CLI_FLAG, NULL, N_("Show how to use the command") },
  /* Hidden: pins the clock, for tests and for looking ahead. Also $ORDERWATCH_NOW. */
  { "now", OW_CLI_VALUE, N_("TIME"), NULL },
  { NULL }
};

static const OwCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];
  return NULL;
}

/* Optimal string alignment distance: a typo, a missing, extra or swapped letter is 1. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));

#define D(i, j) d[(i) * (m + 1) + (j)]
  for (gsize i = 0; i <= n; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= m; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) != g_ascii_tolower (b[j - 1]);

        D (i, j) = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          D (i, j) = MIN (D (i, j), D (i - 2, j - 2) + 1);
      }
  return D (n, m);
#undef D
}

/* The listed command @name was most likely meant as, or NULL when none is close. */
static const char *
closest_command (const char *name)
{
  const char *best = NULL;
  guint best_distance = MAX (1, strlen (name) / 3) + 1;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      guint distance;

      if (commands[i]->hidden)
        continue;
      /* "dead" for deadlines, "confirm" for confirm-received. */
      if (strlen (name) >= 3 && g_ascii_strncasecmp (commands[i]->name, name, strlen (name)) == 0)
        return commands[i]->name;
      distance = edit_distance (name, commands[i]->name);
      if (distance < best_distance)
        {
          best = commands[i]->name;
          best_distance = distance;
        }
    }
  return best;
}

static int
unknown_command_error (OwCli      *cli,
                       const char *prefix,
                       const char *name)
{
  const char *closest = closest_command (name);

  if (closest != NULL)
    /* Translators: "help: " or nothing, what was typed, then a command */
    return ow_cli_usage_error (cli, _("%sunknown command “%s”; did you mean “%s”? “orderwatch "
                                      "help” lists the commands"), prefix, name, closest);
  /* Translators: "help: " or nothing, then what was typed */
  return ow_cli_usage_error (cli, _("%sunknown command “%s”; “orderwatch help” lists the "
                                    "commands"), prefix, name);
}

static const OwCliOption *
find_option (const OwCliOption *options,
             const char        *name,
             gsize              length)
{
  for (const OwCliOption *o = options; o && o->name; o++)
    if (strlen (o->name) == length && strncmp (o->name, name, length) == 0)
      return o;
  return NULL;
}

/* Skips global options to find the first word; "--db=x" and "--db x" both count. */
static int
find_command_index (int    argc,
                    char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--db") || g_str_equal (arg, "--now"))
        i++;
      else if (g_str_has_prefix (arg, "--db=") || g_str_has_prefix (arg, "--now=") ||
               g_str_equal (arg, "--json"))
        continue;
      else if (arg[0] == '-')
        return -1;
      else
        return i;
    }
  return -1;
}

/* "lst" is a mistyped command; "orders.json" or a URI is for the window (which says it
 * opens no files). */
static gboolean
looks_like_command (const char *word)
{
  if (*word == '\0')
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

gboolean
ow_cli_is_command (int    argc,
                   char **argv)
{
  int index;

  g_return_val_if_fail (argv != NULL, FALSE);

  index = find_command_index (argc, argv);
  return index > 0 && (find_command (argv[index]) != NULL || looks_like_command (argv[index]));
}

static void
args_free (OwCliArgs *args)
{
  g_hash_table_unref (args->values);
  g_hash_table_unref (args->lists);
  g_ptr_array_unref (args->positional);
  g_free (args);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwCliArgs, args_free)

static OwCliArgs *
args_new (const OwCliOption *options)
{
  OwCliArgs *args = g_new0 (OwCliArgs, 1);

  args->options = options;
  args->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  args->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  args->positional = g_ptr_array_new_with_free_func (g_free);
  return args;
}

/* "--order --db x" forgot the order number: a known option is never taken as a value
 * (write --notes=--db to mean it). */
static gboolean
looks_like_option (const OwCliCommand *command,
                   const char         *arg)
{
  const char *equals;
  gsize length;

  if (!g_str_has_prefix (arg, "--"))
    return FALSE;
  equals = strchr (arg + 2, '=');
  length = equals ? (gsize) (equals - arg - 2) : strlen (arg + 2);
  return find_option (command->options, arg + 2, length) != NULL ||
         find_option (global_options, arg + 2, length) != NULL;
}

/* Parses argv (without the program and command names) against the command's options and
 * the global ones. Returns FALSE with a message for anything it does not know. */
static gboolean
args_parse (OwCliArgs          *args,
            const OwCliCommand *command,
            int                 argc,
            char              **argv,
            GError            **error)
{
  gboolean options_done = FALSE;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const OwCliOption *option;
      const char *name, *equals;
      const char *value = NULL;
      gsize length;

      if (options_done || arg[0] != '-' || g_str_equal (arg, "-"))
        {
          g_ptr_array_add (args->positional, g_strdup (arg));
          continue;
        }
      if (g_str_equal (arg, "--"))
        {
          options_done = TRUE;
          continue;
        }
      if (g_str_equal (arg, "-h"))
        arg = "--help";
      if (!g_str_has_prefix (arg, "--"))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("unknown option %s; try “orderwatch help %s”"), arg, command->name);
          return FALSE;
        }

      name = arg + 2;
      equals = strchr (name, '=');
      length = equals ? (gsize) (equals - name) : strlen (name);
      option = find_option (command->options, name, length);
      if (option == NULL)
        option = find_option (global_options, name, length);
      if (option == NULL)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("unknown option --%.*s; try “orderwatch help %s”"), (int) length, name,
                       command->name);
          return FALSE;
        }

      if (option->kind == OW_CLI_FLAG)
        {
          if (equals != NULL)
            {
              g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                           _("--%s takes no value"), option->name);
              return FALSE;
            }
          g_hash_table_replace (args->values, (gpointer) option->name, g_strdup (""));
          continue;
        }

      if (equals != NULL)
        value = equals + 1;
      else if (i + 1 < argc && !looks_like_option (command, argv[i + 1]))
        value = argv[++i];
      else
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                       _("--%s needs a value (%s)"), option->name,
                       option->value_name ? _(option->value_name) : "");
          return FALSE;
        }

      /* Text enters here: bytes that are not UTF-8 would be stored and break every export.
       * File names may be any bytes. */
      if (option->kind != OW_CLI_PATH && !g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("--%s: the value is not valid UTF-8 text; type it again in a UTF-8 "
                         "terminal"), option->name);
          return FALSE;
        }

      if (option->kind == OW_CLI_LIST)
        {
          GPtrArray *list = g_hash_table_lookup (args->lists, option->name);

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (args->lists, (gpointer) option->name, list);
            }
          g_ptr_array_add (list, g_strdup (value));
        }
      else
        g_hash_table_replace (args->values, (gpointer) option->name, g_strdup (value));
    }

  return TRUE;
}

const char *
ow_cli_args_get (OwCliArgs  *args,
                 const char *name)
{
  return g_hash_table_lookup (args->values, name);
}

gboolean
ow_cli_args_has (OwCliArgs  *args,
                 const char *name)
{
  return g_hash_table_contains (args->values, name) || g_hash_table_contains (args->lists, name);
}

GPtrArray *
ow_cli_args_get_list (OwCliArgs  *args,
                      const char *name)
{
  static GPtrArray *empty;
  GPtrArray *list = g_hash_table_lookup (args->lists, name);

  if (list != NULL)
    return list;
  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

guint
ow_cli_args_get_n_positional (OwCliArgs *args)
{
  return args->positional->len;
}

const char *
ow_cli_args_get_positional (OwCliArgs *args,
                            guint      index)
{
  return index < args->positional->len ? g_ptr_array_index (args->positional, index) : NULL;
}

static void
print_message (const char *format,
               va_list     ap)
{
  g_autofree char *message = g_strdup_vprintf (format, ap);

  g_printerr ("orderwatch: %s\n", message);
}

int
ow_cli_usage_error (OwCli      *cli,
                    const char *format,
                    ...)
{
  va_list ap;

  va_start (ap, format);
  print_message (format, ap);
  va_end (ap);
  return OW_CLI_EXIT_USAGE;
}

int
ow_cli_failure (OwCli      *cli,
                const char *format,
                ...)
{
  va_list ap;

  va_start (ap, format);
  print_message (format, ap);
  va_end (ap);
  return OW_CLI_EXIT_FAILURE;
}

int
ow_cli_report_error (OwCli        *cli,
                     const GError *error)
{
  g_printerr ("orderwatch: %s\n", error->message);
  return error->domain == OW_INPUT_ERROR ? OW_CLI_EXIT_USAGE : OW_CLI_EXIT_FAILURE;
}

void
ow_cli_set_option_error (GError       **error,
                         const char    *option,
                         const char    *value,
                         const char    *rule,
                         const GError  *cause)
{
  g_autofree char *quoted = NULL;
  const char *text = rule;

  if (text == NULL && cause != NULL)
    {
      const char *colon = strstr (cause->message, ": ");

      /* The shared parsers start with their own field name ("amount: ..."): ours replaces it. */
      text = cause->message;
      if (colon != NULL && colon - text < 24 && memchr (text, ' ', colon - text) == NULL)
        text = colon + 2;
    }
  if (text == NULL)
    text = "";

  quoted = g_strdup_printf ("“%s”", value ? value : "");
  if (strstr (text, quoted) != NULL)
    g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, "%s: %s", option, text);
  else
    /* Translators: an option, the value given, then the rule it breaks */
    g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("%s: %s — %s"), option,
                 quoted, text);
}

OwStore *
ow_cli_get_store (OwCli   *cli,
                  GError **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  path = cli->db_path ? g_strdup (cli->db_path) : ow_store_default_path ();
  cli->store = ow_store_open (path, error);
  if (cli->store == NULL)
    g_prefix_error (error, _("cannot open the orders database %s: "), path);
  return cli->store;
}

OwPolicyRegistry *
ow_cli_get_policies (OwCli *cli)
{
  if (cli->policies == NULL)
    {
      GPtrArray *warnings;

      cli->policies = ow_policy_registry_new ();
      warnings = ow_policy_registry_get_warnings (cli->policies);
      for (guint i = 0; warnings && i < warnings->len; i++)
        g_printerr ("orderwatch: %s\n", (const char *) g_ptr_array_index (warnings, i));
    }
  return cli->policies;
}

OwPolicy *
ow_cli_lookup_policy (OwCli       *cli,
                      const char  *marketplace,
                      const char  *option,
                      GError     **error)
{
  OwPolicyRegistry *policies = ow_cli_get_policies (cli);
  OwPolicy *policy = ow_policy_registry_lookup (policies, marketplace);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GString) known = NULL;
  g_autofree char *rule = NULL;

  if (policy != NULL)
    return policy;

  all = ow_policy_registry_list (policies);
  known = g_string_new (NULL);
  for (guint i = 0; all && i < all->len; i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "",
                            ow_policy_get_id (g_ptr_array_index (all, i)));
  rule = g_strdup_printf (_("not a known marketplace; use one of %s"), known->str);
  ow_cli_set_option_error (error, option, marketplace, rule, NULL);
  return NULL;
}

OwOrder *
ow_cli_load_order (OwCli     *cli,
                   OwCliArgs *args,
                   int       *exit_status)
{
  return ow_cli_load_order_at (cli, args, 0, exit_status);
}

OwOrder *
ow_cli_load_order_at (OwCli     *cli,
                      OwCliArgs *args,
                      guint      index,
                      int       *exit_status)
{
  g_autoptr(GError) error = NULL;
  const char *text = ow_cli_args_get_positional (args, index);
  OwStore *store;
  OwOrder *order;
  guint64 id = 0;

  if (text == NULL)
    {
      *exit_status = ow_cli_usage_error (cli, _("%s: an order id is required; “orderwatch "
                                                "list” shows them"), cli->command->name);
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      *exit_status = ow_cli_usage_error (cli, _("ID: “%s” is not an order id; ids are whole "
                                                "numbers, as “orderwatch list” shows"), text);
      return NULL;
    }

  if ((store = ow_cli_get_store (cli, &error)) == NULL ||
      (order = ow_store_get_order (store, id, &error)) == NULL)
    {
      *exit_status = ow_cli_failure (cli, "%s", error->message);
      return NULL;
    }
  return order;
}

gboolean
ow_cli_parse_days (const char  *option,
                   const char  *text,
                   int         *out,
                   GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 365, &value, NULL))
    {
      ow_cli_set_option_error (error, option, text,
                               _("must be a whole number of days from 1 to 365"), NULL);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

gboolean
ow_cli_parse_time (const char  *option,
                   const char  *text,
                   GTimeZone   *zone,
                   gint64      *out,
                   GError     **error)
{
  return ow_time_parse (text, zone, option, out, error);
}

void
ow_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  ow_cli_write_stdout (text, length, NULL);
  ow_cli_write_stdout ("\n", 1, NULL);
}

static gboolean
stdout_sink (const char  *data,
             gsize        length,
             gpointer     user_data,
             GError     **error)
{
  return ow_cli_write_stdout (data, length, error);
}

OwJsonWriter *
ow_cli_json_writer_new (void)
{
  return ow_json_writer_new (OW_JSON_STYLE_PRETTY, stdout_sink, NULL);
}

int
ow_cli_json_writer_finish (OwCli        *cli,
                           OwJsonWriter *writer)
{
  g_autoptr(GError) error = NULL;

  if (!ow_json_writer_finish (writer, &error))
    return ow_cli_failure (cli, "%s", error->message);
  return OW_CLI_EXIT_OK;
}

gboolean
ow_cli_write_stdout (const char  *text,
                     gsize        length,
                     GError     **error)
{
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot write the output: %s"),
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

char *
ow_cli_pad (const char *text,
            guint       width)
{
  glong length = g_utf8_strlen (text ? text : "", -1);
  GString *out;

  if (text == NULL)
    text = "";
  if ((guint) length > width)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, width - 1);

      return g_strconcat (cut, "…", NULL);
    }
  out = g_string_new (text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static void
print_options (GString           *out,
               const char        *heading,
               const OwCliOption *options)
{
  gboolean any = FALSE;

  for (const OwCliOption *o = options; o->name; o++)
    {
      g_autofree char *left = NULL;
      g_autofree char *padded = NULL;

      if (o->help == NULL)
        continue;
      if (!any)
        g_string_append_printf (out, "\n%s\n", heading);
      any = TRUE;
      left = o->value_name ? g_strdup_printf ("--%s %s%s", o->name, _(o->value_name),
                                              o->kind == OW_CLI_LIST ? " …" : "")
                           : g_strdup_printf ("--%s", o->name);
      padded = ow_cli_pad (left, 28);
      if (g_utf8_strlen (left, -1) >= 28)
        g_string_append_printf (out, "  %s\n  %28s  %s\n", left, "", _(o->help));
      else
        g_string_append_printf (out, "  %s  %s\n", padded, _(o->help));
    }
}

static void
print_command_help (GString            *out,
                    const OwCliCommand *command)
{
  g_string_append_printf (out, _("Usage: orderwatch %s %s\n"), command->name,
                          command->synopsis);
  g_string_append_printf (out, "\n%s.\n", _(command->summary));
  if (command->description != NULL)
    g_string_append_printf (out, "\n%s\n", _(command->description));
  print_options (out, _("Options:"), command->options);
  print_options (out, _("Global options:"), global_options);
}

static void
print_overview (GString *out)
{
  g_string_append (out, _("Usage: orderwatch [COMMAND] [OPTIONS]\n\n"
                          "Without a command, the Orderwatch window opens. Commands work on the "
                          "same database, without a window.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = NULL;

      if (commands[i]->hidden)
        continue;
      name = ow_cli_pad (commands[i]->name, 18);
      g_string_append_printf (out, "  %s  %s\n", name, _(commands[i]->summary));
    }
  print_options (out, _("Global options:"), global_options);
  g_string_append (out, _("\nExit status: 0 done, 1 failed (no such order, database error), "
                          "2 bad usage or bad input (nothing was written).\n"
                          "“orderwatch help COMMAND” shows a command's options.\n"));
}

static int
help_run (OwCli     *cli,
          OwCliArgs *args)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name = ow_cli_args_get_positional (args, 0);

  if (name != NULL)
    {
      const OwCliCommand *command = find_command (name);

      if (command == NULL)
        return unknown_command_error (cli, "help: ", name);
      print_command_help (out, command);
    }
  else
    print_overview (out);

  ow_cli_write_stdout (out->str, out->len, NULL);
  return OW_CLI_EXIT_OK;
}

static gboolean
parse_now (const char  *text,
           gint64      *now,
           GError     **error)
{
  return ow_time_parse (text, ow_time_zone_get ("UTC"), "--now", now, error);
}

int
ow_cli_run (int    argc,
            char **argv)
{
  g_autoptr(OwCliArgs) args = NULL;
  g_autoptr(OwCliArgs) globals = NULL;
  g_autoptr(GError) error = NULL;
  const OwCliCommand *command;
  OwCli cli = { NULL, NULL, 0, FALSE, NULL, NULL };
  const char *now_text;
  int index;
  int status;

  g_return_val_if_fail (argv != NULL, OW_CLI_EXIT_USAGE);

  index = find_command_index (argc, argv);
  if (index < 0)
    return ow_cli_usage_error (&cli, _("no command given; “orderwatch help” lists the "
                                       "commands"));
  if ((command = find_command (argv[index])) == NULL)
    return unknown_command_error (&cli, "", argv[index]);
  cli.command = command;

  /* Global options before the command name, then everything after it. */
  globals = args_new (global_options);
  args = args_new (command->options);
  if (!args_parse (globals, &help_command, index - 1, argv + 1, &error) ||
      !args_parse (args, command, argc - index - 1, argv + index + 1, &error))
    return ow_cli_report_error (&cli, error);

  if (ow_cli_args_has (args, "help"))
    {
      g_autoptr(GString) out = g_string_new (NULL);

      print_command_help (out, command);
      ow_cli_write_stdout (out->str, out->len, NULL);
      return OW_CLI_EXIT_OK;
    }

  if (ow_cli_args_get_n_positional (args) < command->min_args)
    return ow_cli_usage_error (&cli, _("%s: missing arguments; usage: orderwatch %s %s"),
                               command->name, command->name, command->synopsis);
  if (ow_cli_args_get_n_positional (args) > command->max_args)
    return ow_cli_usage_error (&cli, _("%s: unexpected argument “%s”; usage: orderwatch %s %s"),
                               command->name,
                               ow_cli_args_get_positional (args, command->max_args),
                               command->name, command->synopsis);

  /* SQLite takes "" for a temporary database: everything written would vanish. */
  cli.db_path = g_strdup (ow_cli_args_get (args, "db") ?: ow_cli_args_get (globals, "db"));
  if (cli.db_path != NULL && *cli.db_path == '\0')
    {
      g_free (cli.db_path);
      return ow_cli_usage_error (&cli, _("--db: “” — the path of the orders database must not be "
                                         "empty; give a file, or leave --db out to use the "
                                         "default one"));
    }
  cli.json = ow_cli_args_has (args, "json") || ow_cli_args_has (globals, "json");

  now_text = ow_cli_args_get (args, "now") ?: ow_cli_args_get (globals, "now");
  if (now_text == NULL)
    now_text = g_getenv ("ORDERWATCH_NOW");
  cli.now = ow_time_now ();
  if (now_text != NULL && *now_text != '\0' && !parse_now (now_text, &cli.now, &error))
    {
      g_free (cli.db_path);
      return ow_cli_report_error (&cli, error);
    }

  status = command->run (&cli, args);

  g_clear_object (&cli.store);
  g_clear_object (&cli.policies);
  g_free (cli.db_path);
  return status;
}
